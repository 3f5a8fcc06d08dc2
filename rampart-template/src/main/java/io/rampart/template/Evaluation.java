package io.rampart.template;

import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;

/**
 * The host object of one evaluation (reached by the template functions through
 * {@link EvalContext#requireHost}): which template's parameters and variables, which deployment's
 * resources, which copy loops, which part of the template, which resource is being evaluated
 * (for implicit dependencies) and which user function call.
 */
final class Evaluation {

    final Bindings bindings;
    /** The deployment whose resources reference() sees; null where resources can't be read. */
    final Frame frame;
    final CopyContext copy;
    final Site site;
    /** The resource whose body is being evaluated, or null. */
    final Instance instance;
    final UserFunctions.Call call;
    private EvalContext context;

    Evaluation(Bindings bindings, Frame frame, CopyContext copy, Site site, Instance instance, UserFunctions.Call call) {
        this.bindings = bindings;
        this.frame = frame;
        this.copy = copy;
        this.site = site;
        this.instance = instance;
        this.call = call;
    }

    static Evaluation of(Bindings b, Site site) {
        return new Evaluation(b, null, null, site, null, null);
    }

    EvalContext context() {
        if (context == null) {
            context = EvalContext.of(this, bindings.run.clock, EvaluationLimits.UNLIMITED);
        }
        return context;
    }

    SourceLocation locate(String path) {
        return bindings.source.locate(path);
    }

    Evaluation at(Site s) {
        return s == site ? this : new Evaluation(bindings, frame, copy, s, instance, call);
    }

    Evaluation withCopy(String name, int index, boolean unnamedUse) {
        return new Evaluation(bindings, frame, CopyContext.enter(copy, name, index, unnamedUse), site, instance, call);
    }
}
