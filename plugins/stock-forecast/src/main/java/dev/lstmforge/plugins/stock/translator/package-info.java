/** Inference: iterative multi-step forecasting and the DJL Serving translator. */
package dev.lstmforge.plugins.stock.translator;
