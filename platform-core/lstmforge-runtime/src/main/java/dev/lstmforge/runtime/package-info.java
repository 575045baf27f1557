/**
 * The LSTM Forge host: the embedded Java API ({@link dev.lstmforge.runtime.LstmForge}) over the
 * plugin host, engine profiles, training runner, model store, export and reports.
 */
package dev.lstmforge.runtime;
