package io.rampart.threat.sigma;

/** Parses IPv4 and IPv6 literals without name resolution (InetAddress.getByName may look names up). */
final class IpAddresses {

    private IpAddresses() {
    }

    /** The address bytes (4 or 16), or null when the text is not an IP literal. */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.indexOf(':') >= 0) {
            return v6(s);
        }
        return v4(s);
    }

    private static byte[] v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] v6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int dbl = s.indexOf("::");
        if (dbl != s.lastIndexOf("::")) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        java.util.List<Integer> h = groups(head);
        java.util.List<Integer> t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.size() + t.size();
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int i = 0;
        for (int g : h) {
            out[i++] = (byte) (g >> 8);
            out[i++] = (byte) g;
        }
        i = 16 - 2 * t.size();
        for (int g : t) {
            out[i++] = (byte) (g >> 8);
            out[i++] = (byte) g;
        }
        return out;
    }

    private static java.util.List<Integer> groups(String part) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        for (String g : part.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            try {
                out.add(Integer.parseInt(g, 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }
}
