package io.rampart.threat.format;

/** Test access to Cef's escaping. */
public final class CefAccess {
    private CefAccess() {
    }

    public static String header(String s) {
        return Cef.header(s);
    }

    public static String value(String s) {
        return Cef.value(s);
    }
}
