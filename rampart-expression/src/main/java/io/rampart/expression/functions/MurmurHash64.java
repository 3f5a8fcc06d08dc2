package io.rampart.expression.functions;

/**
 * The 64-bit MurmurHash variant behind ARM's {@code uniqueString()}: two interleaved 32-bit
 * Murmur3 lanes over 8-byte blocks, seed 0, the lanes cross-mixed at the end. Written from the
 * published algorithm description; checked against outputs Azure produced (see the test data).
 */
final class MurmurHash64 {

    private static final int C1 = 0x239b961b;
    private static final int C2 = 0xab0e9789;

    private MurmurHash64() {
    }

    static long hash(byte[] data) {
        int length = data.length;
        int h1 = 0;
        int h2 = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h1 = mixFirst(h1, littleEndian(data, i, 4));
            h1 = Integer.rotateLeft(h1, 19) + h2;
            h1 = h1 * 5 + 0x561ccd1b;
            h2 = mixSecond(h2, littleEndian(data, i + 4, 4));
            h2 = Integer.rotateLeft(h2, 13) + h1;
            h2 = h2 * 5 + 0x0bcaa747;
        }
        int tail = length - i;
        if (tail > 0) {
            h1 = mixFirst(h1, littleEndian(data, i, Math.min(tail, 4)));
            if (tail > 4) {
                h2 = mixSecond(h2, littleEndian(data, i + 4, tail - 4));
            }
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = finalMix(h1);
        h2 = finalMix(h2);
        h1 += h2;
        h2 += h1;
        return ((long) h2 << 32) | (h1 & 0xffffffffL);
    }

    private static int mixFirst(int h, int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        k *= C2;
        return h ^ k;
    }

    private static int mixSecond(int h, int k) {
        k *= C2;
        k = Integer.rotateLeft(k, 17);
        k *= C1;
        return h ^ k;
    }

    private static int littleEndian(byte[] data, int from, int count) {
        int v = 0;
        for (int b = 0; b < count; b++) {
            v |= (data[from + b] & 0xff) << (8 * b);
        }
        return v;
    }

    private static int finalMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
