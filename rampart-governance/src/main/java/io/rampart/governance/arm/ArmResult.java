package io.rampart.governance.arm;

import java.util.function.Function;

/** The outcome of an ARM operation: a value, or the error ARM would answer. */
public sealed interface ArmResult<T> {

    record Ok<T>(T value) implements ArmResult<T> {
    }

    record Failed<T>(ArmError error) implements ArmResult<T> {
    }

    static <T> ArmResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> ArmResult<T> failed(ArmError error) {
        return new Failed<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value; throws IllegalStateException (naming the error) when failed. Meant for tests and callers that checked. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        ArmError e = ((Failed<T>) this).error();
        throw new IllegalStateException(e.code() + ": " + e.message());
    }

    default ArmError error() {
        return this instanceof Failed<T> f ? f.error() : null;
    }

    default <U> ArmResult<U> map(Function<T, U> f) {
        return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : new Failed<>(((Failed<T>) this).error());
    }
}
