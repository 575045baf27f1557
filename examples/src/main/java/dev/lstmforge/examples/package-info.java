/** Runnable examples of the embedded Java API. */
package dev.lstmforge.examples;
