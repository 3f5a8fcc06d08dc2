package io.rampart.governance.scope;

/** A string that is not an ARM id; the message says what was expected. */
public final class InvalidArmIdException extends IllegalArgumentException {

    private final String text;

    public InvalidArmIdException(String text, String problem) {
        super("'" + text + "' is not a valid resource id: " + problem);
        this.text = text;
    }

    public String text() {
        return text;
    }
}
