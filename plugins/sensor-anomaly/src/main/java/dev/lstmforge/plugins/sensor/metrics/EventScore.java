package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.support.DataException;

/**
 * Event-wise precision, recall and F1: what an operator sees. An <b>event</b> is a maximal run of
 * labelled points (one incident); an <b>alarm</b> is a maximal run of consecutive alerts (one
 * page). Recall is the share of events with at least one alert inside; precision is the share of
 * alarms that touch at least one labelled point. Unlike point-adjusted F1, a detector that pages
 * all the time pays for every false page, and unlike point-wise F1 a long incident counts once.
 *
 * <pre>{@code
 * //  labels  . X X X . . . X . .
 * //  alerts  . . X . . X X . . X
 * // 2 events, 1 detected; 3 alarms, 1 touching an event -> precision 1/3, recall 1/2, F1 0.4
 * EventScore e = EventScore.of(alerts, labels);
 * }</pre>
 *
 * @param events labelled incidents
 * @param detected incidents with at least one alert
 * @param alarms runs of alerts
 * @param trueAlarms runs of alerts that touch an incident
 */
public record EventScore(int events, int detected, int alarms, int trueAlarms) {

    /**
     * Scores alerts against labels on one series.
     *
     * @param alerts the detector's point alerts
     * @param labels the true point labels, same length
     * @return the counts
     * @throws DataException if the lengths differ
     */
    public static EventScore of(boolean[] alerts, boolean[] labels) {
        if (alerts.length != labels.length) {
            throw new DataException("alerts and labels differ in length: " + alerts.length + " vs " + labels.length);
        }
        int events = 0;
        int detected = 0;
        int alarms = 0;
        int trueAlarms = 0;
        int n = labels.length;
        for (int i = 0; i < n; i++) {
            if (labels[i] && (i == 0 || !labels[i - 1])) {
                events++;
                boolean hit = false;
                for (int j = i; j < n && labels[j]; j++) {
                    hit |= alerts[j];
                }
                detected += hit ? 1 : 0;
            }
            if (alerts[i] && (i == 0 || !alerts[i - 1])) {
                alarms++;
                boolean touches = false;
                for (int j = i; j < n && alerts[j]; j++) {
                    touches |= labels[j];
                }
                trueAlarms += touches ? 1 : 0;
            }
        }
        return new EventScore(events, detected, alarms, trueAlarms);
    }

    /**
     * Adds the counts of another series (to pool several files).
     *
     * @param o the other score
     * @return the sum
     */
    public EventScore plus(EventScore o) {
        return new EventScore(events + o.events, detected + o.detected, alarms + o.alarms, trueAlarms + o.trueAlarms);
    }

    /**
     * Returns the share of alarms that touch an incident; 0 without alarms.
     *
     * @return the precision in [0, 1]
     */
    public double precision() {
        return alarms == 0 ? 0 : (double) trueAlarms / alarms;
    }

    /**
     * Returns the share of incidents with an alert; 0 without incidents.
     *
     * @return the recall in [0, 1]
     */
    public double recall() {
        return events == 0 ? 0 : (double) detected / events;
    }

    /**
     * Returns the harmonic mean of precision and recall; 0 when both are 0.
     *
     * @return F1 in [0, 1]
     */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
