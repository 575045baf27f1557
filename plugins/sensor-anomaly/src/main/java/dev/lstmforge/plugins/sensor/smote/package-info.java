/**
 * SMOTE over-sampling of the anomalous (minority) class for supervised window classifiers.
 */
package dev.lstmforge.plugins.sensor.smote;
