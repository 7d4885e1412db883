/**
 * The {@code sequential} checker: sequential consistency of register and key-value histories, by
 * a linear block graph per key, causal and PRAM screens, and a bounded search. See
 * {@link dev.faultline.checker.sequential.SequentialChecker}.
 */
package dev.faultline.checker.sequential;
