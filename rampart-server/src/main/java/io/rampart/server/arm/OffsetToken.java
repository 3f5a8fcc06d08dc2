package io.rampart.server.arm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code $skiptoken} of lists Rampart pages by position (management groups, policy states,
 * remediations): an opaque, URL-safe encoding of the offset of the next page's first item. A token
 * that isn't one of ours is ARM's {@code InvalidContinuationToken}, never a stack trace.
 */
public final class OffsetToken {

    private static final String PREFIX = "o:";

    private OffsetToken() {
    }

    public static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token names; 0 without a token. */
    public static int decode(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int n = Integer.parseInt(text.substring(PREFIX.length()));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: falls through to the error below
        }
        throw ArmErrors.invalidContinuation(token);
    }

    /** As {@link #decode}, with an empty token read as the first page too. */
    public static int decodeOrFirst(String token) {
        return token == null || token.isBlank() ? 0 : decode(token);
    }
}
