package io.rampart.gate;

import io.rampart.policy.JsonInputException;
import io.rampart.template.LinkedTemplates;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linked templates ({@code templateLink.relativePath}) read from files, relative to the template
 * that links them, as ARM resolves them. A path that leaves the root folder (by {@code ..} or a
 * symbolic link), an absolute path or a URL is refused with a problem, and so is a linked file
 * that is not JSON; a file that doesn't exist is left to the engine to report as unresolved.
 * One instance per template checked: it collects the problems of that check.
 */
public final class FileLinkedTemplates implements LinkedTemplates {

    /** Problem code: the linked template path leaves the root folder, or is absolute. */
    public static final String OUTSIDE_ROOT = "LinkedTemplateOutsideRoot";

    private final Path root;
    private final Map<String, Path> files = new HashMap<>();
    private final List<TemplateProblem> problems = new ArrayList<>();

    /**
     * @param root     linked templates must stay inside this folder
     * @param template the top-level template's file
     * @param name     the top-level template's source name (as reports show it)
     */
    public FileLinkedTemplates(Path root, Path template, String name) {
        this.root = root.toAbsolutePath().normalize();
        files.put(name, template);
    }

    /** Problems met resolving linked templates so far. */
    public List<TemplateProblem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public TemplateSource resolve(String from, String relativePath) {
        Path base = files.get(from);
        SourceLocation at = new SourceLocation(from, 0, 0, null);
        if (base == null || relativePath == null || relativePath.isBlank()) {
            return null;
        }
        String lower = relativePath.toLowerCase(Locale.ROOT);
        if (lower.contains("://") || relativePath.startsWith("/") || relativePath.startsWith("\\") || relativePath.matches("^[A-Za-z]:.*")) {
            problems.add(new TemplateProblem(true, OUTSIDE_ROOT, at, "templateLink.relativePath '" + relativePath
                    + "' must be a path relative to the linking template"));
            return null;
        }
        Path target;
        try {
            target = base.toAbsolutePath().normalize().resolveSibling(relativePath).normalize();
        } catch (InvalidPathException e) {
            problems.add(new TemplateProblem(true, OUTSIDE_ROOT, at, "templateLink.relativePath '" + relativePath + "' is not a valid path"));
            return null;
        }
        if (!inside(target)) {
            problems.add(new TemplateProblem(true, OUTSIDE_ROOT, at, "templateLink.relativePath '" + relativePath
                    + "' leaves the root folder " + TemplateFiles.display(root) + "; linked templates must stay inside it (see --root)"));
            return null;
        }
        if (!Files.isRegularFile(target)) {
            return null;
        }
        String name = TemplateFiles.display(target);
        try {
            Path real = target.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                problems.add(new TemplateProblem(true, OUTSIDE_ROOT, at, "templateLink.relativePath '" + relativePath
                        + "' leads (through a symbolic link) out of the root folder " + TemplateFiles.display(root)));
                return null;
            }
            TemplateSource source = TemplateSource.parse(TemplateFiles.readText(target), name);
            files.put(name, target);
            return source;
        } catch (JsonInputException e) {
            problems.add(TemplateCheck.jsonProblem(e, TemplateCheck.INVALID_TEMPLATE));
            return null;
        } catch (IOException e) {
            problems.add(new TemplateProblem(true, TemplateFiles.NOT_READABLE, new SourceLocation(name, 0, 0, null),
                    "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    private boolean inside(Path p) {
        return p.toAbsolutePath().normalize().startsWith(root);
    }
}
