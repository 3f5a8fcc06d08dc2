/** Benchmarks: JMH micro-benchmarks and whole-corpus scan harnesses. */
package io.rampart.bench;
