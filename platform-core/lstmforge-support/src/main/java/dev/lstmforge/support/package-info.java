/**
 * The support library under every LSTM Forge plugin: what two or more plugins need, written once.
 *
 * <ul>
 *   <li>{@link dev.lstmforge.support.DataException}: the data-error type, part of the SPI's one
 *       error family;
 *   <li>{@code block}: stacked-LSTM, encoder-decoder and classifier-head builders;
 *   <li>{@code train}: the training-recipe defaults (Adam with gradient clipping) and the shared
 *       hyper-parameter declarations;
 *   <li>{@code serving}: the base of every plugin's serving translator;
 *   <li>{@code csv}, {@code data}: CSV reading with clear errors, windowing, train-only scalers;
 *   <li>{@code metrics}: classification, ranking and regression metrics with significance tests.
 * </ul>
 *
 * <p>Each plugin jar bundles this library, so an exported model needs nothing of the host.
 */
package dev.lstmforge.support;
