/**
 * Choosing the next token from a language model's logits: {@link
 * dev.lstmforge.plugins.text.sampling.Sampler} (temperature and top-k sampling, with an
 * allocation-free instance API for generation loops), plus {@link
 * dev.lstmforge.plugins.text.sampling.LanguageModelMetrics} for bits per character and
 * perplexity.
 */
package dev.lstmforge.plugins.text.sampling;
