/**
 * Data preparation two or more projects share: train-only {@link dev.lstmforge.support.data.Scaler}s,
 * sliding {@link dev.lstmforge.support.data.Windows}, {@link dev.lstmforge.support.data.Smote}
 * over-sampling for imbalanced classes, and stable index sorts.
 */
package dev.lstmforge.support.data;
