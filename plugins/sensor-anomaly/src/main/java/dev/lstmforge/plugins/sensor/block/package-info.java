/** The LSTM autoencoder, the LSTM classifier, and their factory for DJL Serving. */
package dev.lstmforge.plugins.sensor.block;
