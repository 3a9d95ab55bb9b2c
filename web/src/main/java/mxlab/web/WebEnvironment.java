package mxlab.web;

import java.nio.file.Path;
import java.util.function.Supplier;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.store.MailStore;

/**
 * What the web listeners share with the rest of an instance: the site in force (a reload swaps it),
 * the mailboxes, the failed-login throttle of SMTP, POP3 and IMAP, what the instance knows about
 * itself, and the data directory (for the admin token).
 */
public record WebEnvironment(
    Supplier<Site> site, MailStore store, LoginThrottle throttle, LabFacts facts, Path dataDir) {}
