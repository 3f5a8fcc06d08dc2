package io.rampart.bench;

import io.rampart.gate.Expander;
import io.rampart.gate.PolicySet;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateFiles;
import io.rampart.gate.TemplateInput;
import io.rampart.gate.TemplateReport;
import io.rampart.library.BuiltInLibrary;
import io.rampart.template.DeploymentContext;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.TemplateSource;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One mid-size quickstart through the gate ({@value #TEMPLATE}: 10 KB, 6 deployed resources,
 * parameter file beside it, no linked templates):
 * <ul>
 *   <li>{@code parseTemplate} — the baseline: {@code TemplateSource.parse} of the template and its
 *       parameter file;</li>
 *   <li>{@code expandTemplate} — {@code TemplateCheck.expand}: parse, parameters, compile, expand
 *       (as {@code rampart template expand});</li>
 *   <li>{@code checkTemplate} — {@code TemplateCheck.check}: that expansion, then every resource
 *       against the Microsoft cloud security benchmark (as {@code rampart template check}).</li>
 * </ul>
 * Each op starts from text, so compiled templates are never reused between ops. {@link BenchMain}
 * prints the ratios; {@link TemplateHarness} does the same over the whole corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TemplateBenchmark {

    static final String TEMPLATE = "quickstarts/microsoft.compute/vm-simple-linux/azuredeploy.json";

    private TemplateInput input;
    private Expander expander;
    private TemplateCheck check;

    @Setup(Level.Trial)
    public void setUp() {
        BuiltInLibrary lib = BuiltInLibrary.load();
        PolicySet policies = Fixtures.gatePolicies(lib);
        expander = Expander.engine(Fixtures.CLOCK);
        check = new TemplateCheck(policies, expander, Fixtures.CLOCK);
        Path root = Shared.corpus("arm-quickstarts");
        // Read once; no linked templates, so nothing touches the disk during an op.
        input = TemplateFiles.read(root.resolve(TEMPLATE), null, root, null, DeploymentContext.defaults()).withLinked(LinkedTemplates.NONE);
        // Fail fast if the fixture stops exercising what it is meant to.
        TemplateReport r = check.check(input);
        if (r.failed() || r.resources().size() < 5 || r.checks().isEmpty() || input.parametersText() == null) {
            throw new IllegalStateException(TEMPLATE + ": expected an expansion with 5+ resources and applicable policies, got "
                    + r.status() + ", " + r.resources().size() + " resources, " + r.checks().size() + " checks, problems " + r.problems());
        }
    }

    @Benchmark
    public void parseTemplate(Blackhole bh) {
        bh.consume(TemplateSource.parse(input.text(), input.file()));
        bh.consume(TemplateSource.parse(input.parametersText(), input.parametersFile()));
    }

    @Benchmark
    public TemplateCheck.Expanded expandTemplate() {
        return TemplateCheck.expand(input, expander);
    }

    @Benchmark
    public TemplateReport checkTemplate() {
        return check.check(input);
    }
}
