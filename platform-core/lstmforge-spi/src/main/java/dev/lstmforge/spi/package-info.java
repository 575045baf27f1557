/**
 * The contract between the LSTM Forge host and a project plugin.
 *
 * <p>A plugin implements {@link dev.lstmforge.spi.LstmProject} (a PF4J extension point) and
 * compiles against this module, DJL's {@code api} and PF4J, all with {@code provided} scope: the
 * host supplies them at run time. The host owns engines, the training loop, the model store,
 * export and reporting; the plugin owns its data, topology, translator, metrics and fitted
 * preprocessing state. Everything in this package is engine independent.
 */
package dev.lstmforge.spi;
