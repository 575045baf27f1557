/** The training loop every project shares: epochs, validation, early stopping, best epoch, budget. */
package dev.lstmforge.runtime.train;
