/** The base class of every plugin's serving translator. */
package dev.lstmforge.support.serving;
