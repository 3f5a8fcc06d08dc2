package io.rampart.expression.functions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3986 section 5 reference resolution for uri(). java.net.URI is not used: it rejects
 * characters .NET accepts and mishandles bases with an empty path.
 */
final class UriResolver {

    /** RFC 3986 appendix B. */
    private static final Pattern PARTS = Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    private UriResolver() {
    }

    /** The resolved URI, or null when {@code base} is not an absolute URI. */
    static String resolve(String base, String relative) {
        Matcher b = PARTS.matcher(base);
        if (!b.matches() || b.group(1) == null || !SCHEME.matcher(b.group(1)).matches() || b.group(2) == null || b.group(2).isEmpty()) {
            return null;
        }
        Matcher r = PARTS.matcher(relative);
        if (!r.matches()) {
            return null;
        }
        String scheme;
        String authority;
        String path;
        String query;
        if (r.group(1) != null && SCHEME.matcher(r.group(1)).matches()) {
            scheme = r.group(1);
            authority = r.group(2);
            path = removeDotSegments(r.group(3));
            query = r.group(4);
        } else {
            scheme = b.group(1);
            if (r.group(2) != null) {
                authority = r.group(2);
                path = removeDotSegments(r.group(3));
                query = r.group(4);
            } else {
                authority = b.group(2);
                if (r.group(3).isEmpty()) {
                    path = b.group(3);
                    query = r.group(4) != null ? r.group(4) : b.group(4);
                } else {
                    path = r.group(3).startsWith("/") ? removeDotSegments(r.group(3)) : removeDotSegments(merge(b.group(3), r.group(3)));
                    query = r.group(4);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(scheme.toLowerCase(Locale.ROOT)).append(':');
        if (authority != null) {
            out.append("//").append(authority.toLowerCase(Locale.ROOT));
            if (path.isEmpty()) {
                path = "/";
            }
        }
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        if (r.group(5) != null) {
            out.append('#').append(r.group(5));
        }
        return out.toString();
    }

    private static String merge(String basePath, String relativePath) {
        if (basePath.isEmpty()) {
            return "/" + relativePath;
        }
        int slash = basePath.lastIndexOf('/');
        return basePath.substring(0, slash + 1) + relativePath;
    }

    private static String removeDotSegments(String path) {
        Deque<String> out = new ArrayDeque<>();
        String in = path;
        StringBuilder result = new StringBuilder();
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else if (in.equals("/..")) {
                in = "/";
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                String segment = next < 0 ? in : in.substring(0, next);
                out.addLast(segment);
                in = next < 0 ? "" : in.substring(next);
            }
        }
        out.forEach(result::append);
        return result.toString();
    }
}
