/**
 * Reading and holding daily price data: {@link dev.lstmforge.plugins.stock.data.PriceCsvReader}
 * applies the price rules (required columns, ascending dates, neighbour repairs) to a CSV table
 * read by the support library, giving immutable
 * {@link dev.lstmforge.plugins.stock.data.PriceSeries} objects; every problem is a
 * {@link dev.lstmforge.support.DataException} naming the file, line, column and value.
 */
package dev.lstmforge.plugins.stock.data;
