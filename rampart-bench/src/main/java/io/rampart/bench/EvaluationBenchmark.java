package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.PolicyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Single evaluations of compiled, bound policies ({@code BoundPolicy.evaluate}), with and without
 * the explanation (evaluatedExpressions):
 * <ul>
 *   <li>{@code simpleAllowedLocations}: built-in Allowed locations on a storage account;</li>
 *   <li>{@code simpleSecureTransfer}: built-in secure-transfer audit on the same storage account;</li>
 *   <li>{@code countKeyVaultFirewall}: built-in Key Vault firewall policy (nested field count over
 *       64 ipRules × value count over 8 addresses with ipRangeContains, twice) on a key vault;</li>
 *   <li>{@code mcsbStorageAccount}: every member of the Microsoft cloud security benchmark
 *       initiative evaluated against the storage account (one op = the whole initiative).</li>
 * </ul>
 * Compare with {@link BaselineBenchmark} (parse / walk of the same resources), which
 * {@link BenchMain} runs alongside and prints ratios against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EvaluationBenchmark {

    @Param({"false", "true"})
    public boolean explain;

    private EvaluationEnvironment env;
    private JsonNode storage;
    private JsonNode keyVault;
    private BoundPolicy allowedLocations;
    private BoundPolicy secureTransfer;
    private BoundPolicy keyVaultFirewall;
    private BoundPolicy[] mcsb;

    @Setup(Level.Trial)
    public void setUp() {
        BuiltInLibrary lib = BuiltInLibrary.load();
        PolicyEngine engine = Fixtures.engine(lib);
        env = Fixtures.environment();
        storage = Fixtures.parse(Fixtures.restExampleText(Fixtures.STORAGE_SOURCE));
        keyVault = Fixtures.parse(Fixtures.keyVaultWithIpRulesText());
        allowedLocations = Fixtures.builtIn(lib, engine, Fixtures.ALLOWED_LOCATIONS, Fixtures.allowedLocationsParameters());
        secureTransfer = Fixtures.builtIn(lib, engine, Fixtures.SECURE_TRANSFER, java.util.Map.of());
        keyVaultFirewall = Fixtures.builtIn(lib, engine, Fixtures.KEY_VAULT_FIREWALL, Fixtures.keyVaultFirewallParameters());
        mcsb = Fixtures.initiative(lib, engine, Fixtures.MCSB).members().toArray(BoundPolicy[]::new);
        // Fail fast if a fixture stops exercising what it is meant to.
        expect(allowedLocations.evaluate(storage, env, false), ComplianceState.COMPLIANT, "allowed locations");
        expect(secureTransfer.evaluate(storage, env, false), ComplianceState.NON_COMPLIANT, "secure transfer");
        expect(keyVaultFirewall.evaluate(keyVault, env, false), ComplianceState.COMPLIANT, "key vault firewall");
    }

    private static void expect(EvaluationResult r, ComplianceState state, String what) {
        if (r.complianceState() != state || r.error() != null) {
            throw new IllegalStateException(what + ": expected " + state + " but got " + r.complianceState() + " (" + r.reason() + ")");
        }
    }

    @Benchmark
    public EvaluationResult simpleAllowedLocations() {
        return allowedLocations.evaluate(storage, env, explain);
    }

    @Benchmark
    public EvaluationResult simpleSecureTransfer() {
        return secureTransfer.evaluate(storage, env, explain);
    }

    @Benchmark
    public EvaluationResult countKeyVaultFirewall() {
        return keyVaultFirewall.evaluate(keyVault, env, explain);
    }

    @Benchmark
    public void mcsbStorageAccount(Blackhole bh) {
        for (BoundPolicy p : mcsb) {
            bh.consume(p.evaluate(storage, env, explain));
        }
    }
}
