package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Timed passes for the harnesses: one cold pass of each phase, unmeasured warmup rounds, then
 * measured rounds in which the phases run one after the other (round-robin), so slow drift —
 * JIT, GC, a noisy neighbour on a shared machine — hits them alike. The figure of a phase is the
 * median of its measured passes; a ratio is the median of the per-round ratios.
 */
final class Rounds {

    private static volatile long sink;

    private Rounds() {
    }

    /** Seconds of each measured pass (the median is the figure) and bytes this thread allocated per measured pass. */
    record Timing(double cold, double[] passes, double bytesPerPass) {
        double median() {
            return Rounds.median(passes);
        }

        double min() {
            return Arrays.stream(passes).min().orElse(Double.NaN);
        }

        /** The phase as JSON: median, best, cold and every pass in seconds, the rate of {@code items} per second. */
        ObjectNode toJson(ObjectNode o, long items, String rateName) {
            o.put("seconds", median());
            o.put("bestSeconds", min());
            o.put("coldSeconds", cold);
            o.put(rateName, items / median());
            if (bytesPerPass > 0) {
                o.put("bytesAllocatedPerItem", bytesPerPass / items);
            }
            ArrayNode all = o.putArray("passSeconds");
            for (double d : passes) {
                all.add(d);
            }
            return o;
        }
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** a's time over b's: the median of the per-round ratios (the phases of one round run back to back). */
    static double ratio(Timing a, Timing b) {
        double[] r = new double[a.passes().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.passes()[i] / b.passes()[i];
        }
        return median(r);
    }

    static Timing measure(int warmup, int passes, String phase, LongSupplier pass) {
        return measureTogether(warmup, passes, new String[]{phase}, new LongSupplier[]{pass})[0];
    }

    /**
     * One cold pass of each, {@code warmup} unmeasured rounds, then {@code passes} measured
     * rounds; each pass returns a checksum that is kept so the work can't be optimised away.
     * Prints one progress line per phase.
     */
    static Timing[] measureTogether(int warmup, int passes, String[] phases, LongSupplier[] runs) {
        int k = runs.length;
        double[] cold = new double[k];
        for (int j = 0; j < k; j++) {
            long t = System.nanoTime();
            sink += runs[j].getAsLong();
            cold[j] = seconds(t);
        }
        for (int i = 0; i < warmup; i++) {
            for (LongSupplier r : runs) {
                sink += r.getAsLong();
            }
        }
        double[][] measured = new double[k][passes];
        long[] bytes = new long[k];
        for (int i = 0; i < passes; i++) {
            for (int j = 0; j < k; j++) {
                long a = allocatedBytes();
                long t = System.nanoTime();
                sink += runs[j].getAsLong();
                measured[j][i] = seconds(t);
                bytes[j] += allocatedBytes() - a;
            }
        }
        Timing[] out = new Timing[k];
        for (int j = 0; j < k; j++) {
            out[j] = new Timing(cold[j], measured[j], bytes[j] / (double) passes);
            System.out.printf(Locale.ROOT, "  %-36s cold %8.3f s, median %8.3f s, best %8.3f s%n", phases[j], cold[j],
                    out[j].median(), out[j].min());
        }
        return out;
    }

    /** Garbage collections so far (all collectors): count and seconds. */
    record GcSnapshot(long count, double seconds) {
        static GcSnapshot now() {
            long c = 0;
            long ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                c += Math.max(0, gc.getCollectionCount());
                ms += Math.max(0, gc.getCollectionTime());
            }
            return new GcSnapshot(c, ms / 1000.0);
        }

        GcSnapshot minus(GcSnapshot o) {
            return new GcSnapshot(count - o.count, seconds - o.seconds);
        }
    }

    /** Bytes allocated so far by this thread, or 0 when the JVM can't tell. */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
