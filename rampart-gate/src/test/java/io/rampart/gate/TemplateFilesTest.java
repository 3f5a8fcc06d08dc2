package io.rampart.gate;

import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateFilesTest {

    private static final String TEMPLATE = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": []}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void foldersYieldTemplatesOnly() throws IOException {
        write("main.json", TEMPLATE.replace("\"resources\": []",
                "\"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"properties\": {\"templateLink\": {\"relativePath\": \"modules/child.json\"}}}]"));
        write("main.parameters.json", "{\"parameters\": {}}");
        write("modules/child.json", TEMPLATE);
        write("modules/other.json", "{\"resources\": [], \"parameters\": {}}");
        write("bicepconfig.json", "{\"analyzers\": {}}");
        write("broken.json", "{ nope");
        write(".github/workflow.json", TEMPLATE);
        write("notes.txt", "x");

        TemplateFiles.Selection s = TemplateFiles.collect(List.of(dir.toString()));

        assertThat(s.single()).isFalse();
        assertThat(s.templates()).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("broken.json", "main.json", "modules/other.json");
        assertThat(s.linkedSkipped()).extracting(p -> dir.relativize(p).toString().replace('\\', '/')).containsExactly("modules/child.json");
    }

    @Test
    void globs() throws IOException {
        write("infra/a.json", TEMPLATE);
        write("infra/sub/b.json", TEMPLATE);
        write("infra/sub/b.parameters.json", "{}");

        String base = dir.toString().replace('\\', '/');
        assertThat(TemplateFiles.collect(List.of(base + "/infra/**/*.json")).templates()).hasSize(2);
        assertThat(TemplateFiles.collect(List.of(base + "/infra/*.json")).templates()).hasSize(1);
        assertThatThrownBy(() -> TemplateFiles.collect(List.of(base + "/nothing/*.json")))
                .hasMessageEndingWith("/nothing/*.json: matches no file");
    }

    @Test
    void singleFileAndMissingArguments() throws IOException {
        Path t = write("t.json", "not even json");
        TemplateFiles.Selection s = TemplateFiles.collect(List.of(t.toString()));
        assertThat(s.single()).isTrue();
        assertThat(s.templates()).containsExactly(t);
        assertThatThrownBy(() -> TemplateFiles.collect(List.of(dir.resolve("nope.json").toString())))
                .hasMessageEndingWith("nope.json: no such file or directory");
    }

    @Test
    void siblingParameterFileIsUsed() throws IOException {
        Path t = write("app.json", TEMPLATE);
        Path p = write("app.parameters.json", "{\"parameters\": {}}");
        assertThat(TemplateFiles.siblingParameters(t)).isEqualTo(p);
        TemplateInput in = TemplateFiles.read(t, null, dir, null, null);
        assertThat(in.parametersFile()).endsWith("app.parameters.json");
        assertThat(in.parametersText()).isEqualTo("{\"parameters\": {}}");
        assertThat(TemplateFiles.siblingParameters(write("solo.json", TEMPLATE))).isNull();
    }

    @Test
    void unreadableFilesBecomeProblemsOfTheirTemplate() {
        TemplateInput in = TemplateFiles.read(dir.resolve("gone.json"), dir.resolve("gone.parameters.json"), dir, null, null);
        assertThat(in.text()).isNull();
        assertThat(in.readProblems()).extracting(TemplateProblem::message).containsExactly("no such file", "no such file (parameter file)");
    }

    @Test
    void linkedTemplatesResolveRelativeToTheLinkingTemplateAndStayInsideTheRoot() throws IOException {
        Path main = write("infra/env/main.json", TEMPLATE);
        write("infra/modules/storage.json", TEMPLATE);
        write("secret.json", TEMPLATE);
        write("infra/modules/broken.json", "{\n  oops\n}");
        FileLinkedTemplates linked = new FileLinkedTemplates(dir.resolve("infra"), main, "infra/env/main.json");

        TemplateSource storage = linked.resolve("infra/env/main.json", "../modules/storage.json");
        assertThat(storage).isNotNull();
        assertThat(storage.root().has("resources")).isTrue();
        // A linked template links further, relative to itself.
        assertThat(linked.resolve(storage.name(), "storage.json")).isNotNull();
        assertThat(linked.resolve("infra/env/main.json", "missing.json")).isNull();
        assertThat(linked.problems()).isEmpty();

        assertThat(linked.resolve("infra/env/main.json", "../../secret.json")).isNull();
        assertThat(linked.resolve("infra/env/main.json", "/etc/passwd")).isNull();
        assertThat(linked.resolve("infra/env/main.json", "https://example.org/t.json")).isNull();
        assertThat(linked.resolve("infra/env/main.json", "../modules/broken.json")).isNull();
        assertThat(linked.problems()).extracting(TemplateProblem::code).containsExactly(FileLinkedTemplates.OUTSIDE_ROOT,
                FileLinkedTemplates.OUTSIDE_ROOT, FileLinkedTemplates.OUTSIDE_ROOT, TemplateCheck.INVALID_TEMPLATE);
        assertThat(linked.problems().get(0).message()).contains("leaves the root folder");
        assertThat(linked.problems().get(3).location().line()).isEqualTo(2);
    }

    @Test
    void symbolicLinksOutOfTheRootAreRefused() throws IOException {
        Path outside = write("outside/t.json", TEMPLATE);
        Path main = write("root/main.json", TEMPLATE);
        try {
            Files.createSymbolicLink(dir.resolve("root/link.json"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links here
        }
        FileLinkedTemplates linked = new FileLinkedTemplates(dir.resolve("root"), main, "root/main.json");
        assertThat(linked.resolve("root/main.json", "link.json")).isNull();
        assertThat(linked.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("symbolic link"));
    }

    @Test
    void assignmentsFilesResolvePolicyPathsBesideThemselves() throws IOException {
        Path a = write("gate/assignments.json", "[{\"definition\": \"policies/p.json\"}]");
        List<Assignment> list = TemplateFiles.readAssignments(a);
        assertThat(list).singleElement().satisfies(x -> assertThat(Path.of(x.baseDir())).isEqualTo(dir.resolve("gate").toAbsolutePath()));
        assertThatThrownBy(() -> TemplateFiles.readAssignments(dir.resolve("none.json"))).hasMessageEndingWith(": no such file (assignments file)");
    }
}
