/** Validation loss in nats, bits and perplexity; samples and their diversity per temperature. */
package dev.lstmforge.plugins.text.evaluator;
