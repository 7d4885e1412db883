/**
 * The {@code session} checker: read your writes, monotonic reads, monotonic writes and writes
 * follow reads (Terry et al., PDIS 1994), black-box on unique values under one write order per
 * key, or white-box on versions the store reported. See
 * {@link dev.faultline.checker.session.SessionChecker}.
 */
package dev.faultline.checker.session;
