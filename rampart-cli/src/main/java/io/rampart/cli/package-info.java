/** The rampart command line (picocli). */
package io.rampart.cli;
