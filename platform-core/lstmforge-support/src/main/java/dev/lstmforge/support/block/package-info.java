/** Builders for the shared LSTM topologies: stacked LSTM, last-step heads, encoder-decoder. */
package dev.lstmforge.support.block;
