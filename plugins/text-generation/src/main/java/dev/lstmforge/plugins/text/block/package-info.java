/**
 * The language-model network and its loss. DJL Serving rebuilds the network through the SPI's
 * generic {@code ProjectBlockFactory}, which calls the project's {@code newBlock}.
 */
package dev.lstmforge.plugins.text.block;
