package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How the harnesses ({@link ScanHarness}, {@link TemplateHarness}, {@link ComplianceScanHarness}) time their phases:
 * one cold pass of each, warmup rounds, then measured rounds in which the phases run one after
 * the other (round-robin), so slow drift — JIT, GC, a noisy neighbour — affects them alike and
 * their ratios stay fair. The figure is the median pass; a ratio is the median of the per-round
 * ratios.
 */
final class Passes {

    /** Every pass returns a checksum, summed here so the JIT can't drop the work. */
    private static volatile long sink;

    private final int warmup;
    private final int passes;

    Passes(int warmup, int passes) {
        if (passes < 1 || warmup < 0) {
            throw new IllegalArgumentException("need --passes >= 1, --warmup >= 0");
        }
        this.warmup = warmup;
        this.passes = passes;
    }

    /**
     * Seconds of the cold pass and of each measured pass, bytes this thread allocated per measured
     * pass, and the CPU seconds this thread used in each measured pass: on a machine shared with
     * other work a pass's wall time includes the time its thread waited for a core, its CPU time
     * does not (for a pass run on other threads it says nothing).
     */
    record Timing(double cold, double[] passes, double bytesPerPass, double[] cpuPasses) {
        Timing(double cold, double[] passes, double bytesPerPass) {
            this(cold, passes, bytesPerPass, new double[0]);
        }

        double median() {
            return Passes.median(passes);
        }

        /** Median CPU seconds of this thread per measured pass, or NaN when not measured. */
        double cpuMedian() {
            return cpuPasses.length == 0 ? Double.NaN : Passes.median(cpuPasses);
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

    Timing measure(String phase, LongSupplier pass) {
        return measureTogether(new String[]{phase}, new LongSupplier[]{pass})[0];
    }

    /**
     * One cold pass of each, {@code warmup} unmeasured rounds, then {@code passes} measured
     * rounds; within a round the phases run one after the other. Prints one line per phase.
     */
    Timing[] measureTogether(String[] phases, LongSupplier[] runs) {
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
        double[][] cpu = new double[k][passes];
        long[] bytes = new long[k];
        for (int i = 0; i < passes; i++) {
            for (int j = 0; j < k; j++) {
                long a = allocatedBytes();
                long c = cpuNanos();
                long t = System.nanoTime();
                sink += runs[j].getAsLong();
                measured[j][i] = seconds(t);
                cpu[j][i] = (cpuNanos() - c) / 1e9;
                bytes[j] += allocatedBytes() - a;
            }
        }
        Timing[] out = new Timing[k];
        for (int j = 0; j < k; j++) {
            out[j] = new Timing(cold[j], measured[j], bytes[j] / (double) passes, cpuNanos() < 0 ? new double[0] : cpu[j]);
            System.out.printf(Locale.ROOT, "  %-36s cold %8.3f s, median %8.3f s, best %8.3f s%n", phases[j], cold[j],
                    out[j].median(), out[j].min());
        }
        return out;
    }

    /**
     * a's time over b's: the median of the per-round ratios, which cancels drift between
     * rounds (the phases of one round run back to back).
     */
    static double ratio(Timing a, Timing b) {
        double[] r = new double[a.passes().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.passes()[i] / b.passes()[i];
        }
        return median(r);
    }

    /** Collections and collection seconds of every collector so far; subtract two to get a phase's share. */
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

    /** CPU nanoseconds this thread has used so far, or -1 when the JVM can't tell. */
    static long cpuNanos() {
        var t = ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : -1;
    }

    /** The sum of a parallel pass's per-thread checksums, waiting for each; a worker's failure fails the pass. */
    static long sum(List<Future<Long>> futures) {
        long h = 0;
        for (Future<Long> f : futures) {
            try {
                h += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return h;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
