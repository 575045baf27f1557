/**
 * The contract every LSTM Forge plugin's tests run: the project goes through the real host
 * (train, save, reload, evaluate, predict) on both CPU engines with a small budget.
 */
package dev.lstmforge.testkit;
