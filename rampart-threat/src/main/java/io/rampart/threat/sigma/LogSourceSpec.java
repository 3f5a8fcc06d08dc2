package io.rampart.threat.sigma;

/** A rule's {@code logsource}: what kind of log it is written for. Any part may be null. */
public record LogSourceSpec(String product, String service, String category) {

    public static final LogSourceSpec ANY = new LogSourceSpec(null, null, null);

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (product != null) {
            b.append("product=").append(product);
        }
        if (service != null) {
            b.append(b.isEmpty() ? "" : " ").append("service=").append(service);
        }
        if (category != null) {
            b.append(b.isEmpty() ? "" : " ").append("category=").append(category);
        }
        return b.isEmpty() ? "any" : b.toString();
    }
}
