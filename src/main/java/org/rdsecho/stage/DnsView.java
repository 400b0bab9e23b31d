package org.rdsecho.stage;

/**
 * What Route53 says about the CNAME: its zone and current target (null when there is no record).
 * Looked up only when a decision needs it, so a nightly no-op costs no Route53 call.
 */
public record DnsView(String zoneId, String currentTarget) {}
