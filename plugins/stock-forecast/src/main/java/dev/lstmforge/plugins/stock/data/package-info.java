/**
 * Reading and holding daily price data: {@link dev.lstmforge.plugins.stock.data.PriceCsvReader}
 * parses Yahoo-style CSV files into immutable {@link dev.lstmforge.plugins.stock.data.PriceSeries}
 * objects; every problem is reported as a {@link dev.lstmforge.plugins.stock.data.StockDataException}.
 */
package dev.lstmforge.plugins.stock.data;
