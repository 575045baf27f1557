/** Window tensors and window-to-point scoring shared by training, evaluation and serving. */
package dev.lstmforge.plugins.sensor.dataset;
