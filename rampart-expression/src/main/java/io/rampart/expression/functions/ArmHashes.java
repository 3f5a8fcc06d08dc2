package io.rampart.expression.functions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/** The deterministic identifiers ARM derives from strings: uniqueString() and guid(). */
final class ArmHashes {

    /** The namespace ARM's guid() hashes names under (RFC 4122 name-based, SHA-1, version 5). */
    static final UUID GUID_NAMESPACE = UUID.fromString("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private ArmHashes() {
    }

    /** uniqueString(): the 64-bit hash of the '-'-joined parts, 13 characters of 5 bits each, high bits first. */
    static String uniqueString(List<String> parts) {
        long hash = MurmurHash64.hash(String.join("-", parts).getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(13);
        for (int i = 0; i < 13; i++) {
            sb.append(BASE32.charAt((int) (hash >>> 59)));
            hash <<= 5;
        }
        return sb.toString();
    }

    /** guid(): a version-5 UUID of the '-'-joined parts in ARM's namespace. */
    static UUID guid(List<String> parts) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(GUID_NAMESPACE.getMostSignificantBits()).putLong(GUID_NAMESPACE.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(String.join("-", parts).getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
