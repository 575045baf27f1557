/**
 * Stateful text generation, the serving translator (JSON responses with warnings for prompt
 * tokens outside the vocabulary) and the request's sampling options.
 */
package dev.lstmforge.plugins.text.translator;
