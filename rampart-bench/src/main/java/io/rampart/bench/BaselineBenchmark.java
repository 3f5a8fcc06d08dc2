package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The yardsticks evaluation times are divided by, measured in the same run on the same resources:
 * parsing the resource's JSON text into a tree (as the corpus reader does) and walking every node
 * of the parsed tree once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BaselineBenchmark {

    private String storageText;
    private String keyVaultText;
    private JsonNode storage;
    private JsonNode keyVault;

    @Setup(Level.Trial)
    public void setUp() {
        storageText = Fixtures.restExampleText(Fixtures.STORAGE_SOURCE);
        keyVaultText = Fixtures.keyVaultWithIpRulesText();
        storage = Fixtures.parse(storageText);
        keyVault = Fixtures.parse(keyVaultText);
    }

    @Benchmark
    public JsonNode parseStorageAccount() throws Exception {
        return Json.MAPPER.readTree(storageText);
    }

    @Benchmark
    public long walkStorageAccount() {
        return Fixtures.walk(storage);
    }

    @Benchmark
    public JsonNode parseKeyVault() throws Exception {
        return Json.MAPPER.readTree(keyVaultText);
    }

    @Benchmark
    public long walkKeyVault() {
        return Fixtures.walk(keyVault);
    }
}
