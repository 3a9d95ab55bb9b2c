package mxlab.core.spec.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into {@link Node}s with their file positions. Jackson's tree model forgets where a
 * value was written, so the streaming parser is used and the tree built here.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .loaderOptions(loaderOptions())
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxDocumentLength(SpecLimits.MAX_BYTES)
                  .maxStringLength(SpecLimits.MAX_BYTES)
                  .maxNestingDepth(SpecLimits.MAX_DEPTH)
                  .build())
          .build();

  private final String file;
  private final Problems problems;

  private YamlTree(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Parses {@code text}; syntax errors go to {@code problems} and null is returned. */
  public static Node parse(String file, String text, Problems problems) {
    return new YamlTree(file, problems).parse(new StringReader(text));
  }

  /** Limits of SnakeYAML's own, beneath Jackson's: size, depth, and no alias expansion. */
  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(SpecLimits.MAX_BYTES);
    options.setNestingDepthLimit(SpecLimits.MAX_DEPTH);
    options.setMaxAliasesForCollections(1);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  private Node parse(Reader reader) {
    JsonParser parser = null;
    try (JsonParser p = FACTORY.createParser(reader)) {
      parser = p;
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Node.Scalar(null, new Location(file, 1, 1));
      }
      return read(parser);
    } catch (AliasRefused e) {
      problems.error(
          e.at,
          "'*" + e.anchor + "' refers to an anchor; a spec has no anchors or aliases",
          "write the value out where it is needed");
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
      Location where =
          at == null ? Location.of(file) : new Location(file, at.getLineNr(), at.getColumnNr());
      problems.error(where, "this is not valid YAML: " + firstLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.error(Location.of(file), "cannot read: " + e.getMessage());
      return null;
    }
  }

  private Node read(JsonParser parser) throws IOException {
    Location at = here(parser);
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Location keyAt = here(parser);
          parser.nextToken();
          Node value = read(parser);
          if (entries.containsKey(key)) {
            problems.error(
                keyAt,
                "'" + key + "' is written twice in this mapping",
                "keep one; the first is at " + entries.get(key).keyLocation());
          } else {
            entries.put(key, new Node.Entry(key, keyAt, value));
          }
        }
        return new Node.Mapping(entries, at);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser));
        }
        return new Node.Sequence(items, at);
      }
      case VALUE_NULL -> {
        return new Node.Scalar(null, at);
      }
      default -> {
        // Jackson passes an alias on as its anchor's name: billion laughs would not explode, but
        // the value would silently be wrong.
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          throw new AliasRefused(at, parser.getText());
        }
        return new Node.Scalar(parser.getText(), at);
      }
    }
  }

  private Location here(JsonParser parser) {
    JsonLocation at = parser.currentTokenLocation();
    return new Location(file, at.getLineNr(), at.getColumnNr());
  }

  private static final class AliasRefused extends RuntimeException {
    final Location at;
    final String anchor;

    AliasRefused(Location at, String anchor) {
      super(null, null, false, false);
      this.at = at;
      this.anchor = anchor;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }
}
