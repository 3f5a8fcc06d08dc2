package io.rampart.cli;

/** Output format of a command. */
enum Format {
    text, json
}
