/**
 * The inference server's parts. {@link dev.lstmforge.serving.DynamicBatcher} turns single requests
 * into batched forward passes, with a bounded queue and one predictor per worker.
 */
package dev.lstmforge.serving;
