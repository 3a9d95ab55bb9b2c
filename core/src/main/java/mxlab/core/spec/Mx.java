package mxlab.core.spec;

/** An MX record; {@code host} is fully qualified, lower case, without the trailing dot. */
public record Mx(int priority, String host) {}
