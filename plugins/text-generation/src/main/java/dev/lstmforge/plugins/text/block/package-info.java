/** The language-model network, its loss, and its factory for DJL Serving. */
package dev.lstmforge.plugins.text.block;
