/** Stateful text generation and the DJL Serving translator. */
package dev.lstmforge.plugins.text.translator;
