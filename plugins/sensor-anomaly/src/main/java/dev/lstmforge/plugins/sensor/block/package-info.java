/** The sensor project's own loss: binary cross-entropy with a weight on the anomaly class. */
package dev.lstmforge.plugins.sensor.block;
