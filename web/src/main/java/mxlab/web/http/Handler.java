package mxlab.web.http;

import java.io.IOException;

/** Answers one route. */
@FunctionalInterface
public interface Handler {
  void handle(Request request) throws IOException, HttpError;
}
