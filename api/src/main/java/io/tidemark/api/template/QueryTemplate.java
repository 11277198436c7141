package io.tidemark.api.template;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staging query's SQL with Chronon's macros, substituted as plain text (quote them in the SQL when a string is
 * wanted: {@code ds = '{{ end_date }}'}):
 * <ul>
 *   <li>{@code {{ start_date }}}, {@code {{ end_date }}}: the first and last day of the range being filled;
 *   <li>{@code {{ latest_date }}}: the last day of the whole requested range;
 *   <li>{@code {{ max_date(table=namespace.table) }}}: the table's latest partition.
 * </ul>
 */
public final class QueryTemplate {
  private static final Pattern MACRO = Pattern.compile("\\{\\{\\s*([A-Za-z_]\\w*)\\s*(?:\\(([^)]*)\\))?\\s*}}");
  private static final Pattern TABLE_ARGUMENT = Pattern.compile("\\s*table\\s*=\\s*([A-Za-z0-9_.]+)\\s*");

  private final String text;

  public QueryTemplate(String text) {
    this.text = requireNonNull(text, "text is null");
  }

  /** Every macro that is not one of the four, or is malformed, as written in the text. */
  public List<String> unknownMacros() {
    List<String> unknown = new ArrayList<>();
    for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", open + 2)) {
      Matcher matcher = MACRO.matcher(text).region(open, text.length());
      if (!matcher.lookingAt()) {
        unknown.add(text.substring(open, Math.min(text.length(), open + 40)));
      } else if (!isKnown(matcher.group(1), matcher.group(2))) {
        unknown.add(matcher.group());
      }
    }
    return unknown;
  }

  /** The tables named by {@code max_date} macros. */
  public List<String> maxDateTables() {
    List<String> tables = new ArrayList<>();
    Matcher matcher = MACRO.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1).equals("max_date") && matcher.group(2) != null) {
        Matcher argument = TABLE_ARGUMENT.matcher(matcher.group(2));
        if (argument.matches()) {
          tables.add(argument.group(1));
        }
      }
    }
    return tables;
  }

  /**
   * The SQL for one range; {@code maxDate} gives a table's latest partition. Call only when {@link #unknownMacros} is
   * empty.
   */
  public String render(String startDate, String endDate, String latestDate, Function<String, String> maxDate) {
    Matcher matcher = MACRO.matcher(text);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      String value = switch (matcher.group(1)) {
        case "start_date" -> startDate;
        case "end_date" -> endDate;
        case "latest_date" -> latestDate;
        case "max_date" -> {
          Matcher argument = TABLE_ARGUMENT.matcher(matcher.group(2));
          if (!argument.matches()) {
            throw new IllegalStateException("Cannot render " + matcher.group() + ": not a known macro");
          }
          yield maxDate.apply(argument.group(1));
        }
        default -> throw new IllegalStateException("Cannot render " + matcher.group() + ": not a known macro");
      };
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  private static boolean isKnown(String name, String arguments) {
    return switch (name) {
      case "start_date", "end_date", "latest_date" -> arguments == null;
      case "max_date" -> arguments != null && TABLE_ARGUMENT.matcher(arguments).matches();
      default -> false;
    };
  }
}
