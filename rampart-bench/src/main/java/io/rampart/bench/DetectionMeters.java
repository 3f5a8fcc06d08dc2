package io.rampart.bench;

import java.util.Locale;

/**
 * The server's live-detection meters, read from its Prometheus text at {@code /metrics}: entries
 * queued for the detection thread, entries dropped because its queue was full, entries still
 * waiting. Detection runs beside the write path on the same cores, so a harness records what it
 * did while the harness measured something else. NaN where the server has no such meter.
 */
record DetectionMeters(double published, double dropped, double pending) {

    static final String PUBLISHED = "rampart_threat_events_published_total";
    static final String DROPPED = "rampart_threat_events_dropped_total";
    static final String PENDING = "rampart_threat_events_pending";

    static DetectionMeters parse(String prometheusText) {
        return new DetectionMeters(sample(prometheusText, PUBLISHED), sample(prometheusText, DROPPED), sample(prometheusText, PENDING));
    }

    /** The sum of a metric's samples over its label sets (one set here: application), NaN when absent. */
    static double sample(String text, String name) {
        double sum = Double.NaN;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length() && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')) {
                String value = line.substring(line.lastIndexOf(' ') + 1).strip();
                try {
                    double v = Double.parseDouble(value);
                    sum = Double.isNaN(sum) ? v : sum + v;
                } catch (NumberFormatException e) {
                    // a malformed line: not a sample we can use
                }
            }
        }
        return sum;
    }

    /** Counters since {@code before}; pending as it is now. */
    DetectionMeters since(DetectionMeters before) {
        return new DetectionMeters(published - before.published, dropped - before.dropped, pending);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.0f entries queued, %.0f dropped, %.0f still pending", published, dropped, pending);
    }
}
