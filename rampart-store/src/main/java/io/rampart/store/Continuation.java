package io.rampart.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Paging tokens: the last key of the previous page, base64url-encoded so they pass through URLs.
 * Keyset paging keeps pages stable while others write: nothing is skipped or repeated that was
 * there throughout.
 */
final class Continuation {
    private static final String PREFIX = "r1:";

    private Continuation() {
    }

    static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                throw new InvalidContinuationToken(token);
            }
            return text.substring(PREFIX.length());
        } catch (IllegalArgumentException e) {
            throw new InvalidContinuationToken(token);
        }
    }
}
