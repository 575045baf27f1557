/**
 * Regression metrics (RMSE, MAE, MAPE, directional accuracy and its always-up baseline) and the
 * Diebold-Mariano test with the Harvey-Leybourne-Newbold correction, to say whether a forecast
 * really beats a baseline. {@link dev.lstmforge.support.metrics.regression.StudentT} gives the
 * p-values.
 */
package dev.lstmforge.support.metrics.regression;
