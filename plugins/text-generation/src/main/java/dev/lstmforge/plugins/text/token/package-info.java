/**
 * Tokenization for language models: an immutable {@link
 * dev.lstmforge.plugins.text.token.Vocabulary} with {@code <unk>} at id 0, and {@link
 * dev.lstmforge.plugins.text.token.Tokenizer}s at character level ({@link
 * dev.lstmforge.plugins.text.token.CharTokenizer}, one token per code point) and word level
 * ({@link dev.lstmforge.plugins.text.token.WordTokenizer}, words, punctuation and newlines),
 * created through {@link dev.lstmforge.plugins.text.token.Tokenizers}. Encoding and decoding
 * allocate nothing per token.
 */
package dev.lstmforge.plugins.text.token;
