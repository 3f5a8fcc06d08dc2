/** The shift-left gate: expand templates, evaluate policies over what they would deploy, report. */
package io.rampart.gate;
