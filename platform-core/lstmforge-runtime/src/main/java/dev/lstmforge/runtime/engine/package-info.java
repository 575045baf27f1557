/**
 * Named engine profiles ({@code pytorch-cpu}, {@code mxnet-cpu}, {@code pytorch-gpu},
 * {@code mxnet-gpu}) and their resolution to a DJL engine and device at run time.
 */
package dev.lstmforge.runtime.engine;
