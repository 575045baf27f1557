/** The LSTM topology and its factory for DJL Serving. */
package dev.lstmforge.plugins.stock.block;
