/** The DJL Serving translator: a CSV in, point scores and flagged timestamps out. */
package dev.lstmforge.plugins.sensor.translator;
