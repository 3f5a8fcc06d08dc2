package io.rampart.expression.functions;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 address as an unsigned number, parsed and printed without java.net (which
 * would resolve host names). IPv6 prints in RFC 5952 form, as .NET's IPAddress.ToString does.
 */
record IpAddress(BigInteger value, boolean v6) {

    int bits() {
        return v6 ? 128 : 32;
    }

    static BigInteger maxValue(boolean v6) {
        return BigInteger.ONE.shiftLeft(v6 ? 128 : 32).subtract(BigInteger.ONE);
    }

    IpAddress plus(BigInteger n) {
        return new IpAddress(value.add(n), v6);
    }

    /** The address, or null when the text is neither a dotted IPv4 address nor an IPv6 address. */
    static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            BigInteger v = parseV6(text);
            return v == null ? null : new IpAddress(v, true);
        }
        Long v = parseV4(text);
        return v == null ? null : new IpAddress(BigInteger.valueOf(v), false);
    }

    private static Long parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return null;
            }
            v = v << 8 | octet;
        }
        return v;
    }

    private static BigInteger parseV6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : headGroups) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        v = v.shiftLeft(16 * (8 - total));
        for (int g : tailGroups) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return v;
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] out = new int[parts.length + extra];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && extra == 1) {
                Long v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = (int) (v4 >> 16);
                out[i + 1] = (int) (v4 & 0xffff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                return null;
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }

    @Override
    public String toString() {
        if (!v6) {
            long v = value.longValue();
            return (v >> 24 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 8 & 0xff) + "." + (v & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
