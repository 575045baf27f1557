/** DJL datasets of token windows for next-token prediction. */
package dev.lstmforge.plugins.text.dataset;
