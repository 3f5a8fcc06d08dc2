package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Where and when figures were measured, for result files and READMEs. */
final class Machine {

    private Machine() {
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return System.getProperty("os.arch");
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode describe() {
        ObjectNode m = Values.object();
        m.put("date", now());
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("loadAverage1m", loadAverage());
        return m;
    }

    /** The system's 1-minute load average (other processes included), or -1 when unknown. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Warns when other work is competing for the cores: figures (parallel speedup above all) will be low and noisy. */
    static void warnIfBusy() {
        double load = loadAverage();
        if (load > 0.5 * Runtime.getRuntime().availableProcessors()) {
            System.out.printf(Locale.ROOT, "warning: the 1-minute load average is %.2f before starting; other processes compete for the %d cores,"
                    + " so figures will be noisy (ratios measured in the same run hold up better than absolute rates)%n",
                    load, Runtime.getRuntime().availableProcessors());
        }
    }

    static String oneLine() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
    }
}
