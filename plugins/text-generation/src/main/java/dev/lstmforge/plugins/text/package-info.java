/**
 * The text-generation project: character- and word-level LSTM language models trained on any
 * UTF-8 corpus, with temperature and top-k sampling that carries the LSTM state forward.
 * Sub-packages: {@code corpus} (reading, fetching known corpora, a synthetic fallback),
 * {@code token} (vocabularies and tokenizers), {@code sampling}, {@code dataset},
 * {@code block}, {@code translator} and {@code evaluator}.
 */
package dev.lstmforge.plugins.text;
