/**
 * The {@code causal} checker: causal consistency (CC), causal convergence (CCv) and causal memory
 * (CM) after Bouajjani, Enea, Guerraoui and Hamza, "On verifying causal consistency" (POPL 2017),
 * by their bad patterns on differentiated register histories, and by observed visibility on set
 * and list histories. See {@link dev.faultline.checker.causal.CausalChecker}.
 */
package dev.faultline.checker.causal;
