package io.rampart.threat.alert;

import java.util.Locale;

/**
 * Something an alert is about: an identity, an IP address, a cloud resource or an application.
 * {@link #key()} is what incidents correlate on (kind + value without case).
 */
public record Entity(Kind kind, String value, String name) {

    public enum Kind {
        /** A user, role or service principal ({@code account} in Defender's entity schema). */
        ACCOUNT("account"),
        IP("ip"),
        AZURE_RESOURCE("azure-resource"),
        AWS_RESOURCE("amazon-resource"),
        GCP_RESOURCE("gcp-resource"),
        CLOUD_APPLICATION("cloud-application");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** Defender's entity {@code Type}. */
        public String type() {
            return type;
        }
    }

    public String key() {
        return kind.name() + ":" + value.toLowerCase(Locale.ROOT);
    }

    public boolean isResource() {
        return kind == Kind.AZURE_RESOURCE || kind == Kind.AWS_RESOURCE || kind == Kind.GCP_RESOURCE;
    }
}
