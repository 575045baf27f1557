/** DJL datasets of encoded windows. */
package dev.lstmforge.plugins.stock.dataset;
