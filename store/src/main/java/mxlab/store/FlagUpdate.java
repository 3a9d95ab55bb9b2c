package mxlab.store;

/**
 * What a conditional flag change did (RFC 7162 3.1.3 UNCHANGEDSINCE).
 *
 * @param message the message as it is now
 * @param modifiedSince whether it was left alone because it had changed since the modseq given
 */
public record FlagUpdate(Message message, boolean modifiedSince) {}
