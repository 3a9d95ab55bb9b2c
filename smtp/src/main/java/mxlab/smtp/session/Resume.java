package mxlab.smtp.session;

/** A timer's continuation, delivered in order through the session's event queue. */
record Resume(Runnable action) {}
