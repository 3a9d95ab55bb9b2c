package mxlab.core.spec;

/**
 * A record the spec adds to a zone as written: {@code name} relative to the domain ({@code @} for
 * the apex), {@code value} in master-file syntax.
 */
public record ExtraRecord(String name, String type, String value, long ttl) {}
