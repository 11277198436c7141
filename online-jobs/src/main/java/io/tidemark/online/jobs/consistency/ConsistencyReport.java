package io.tidemark.online.jobs.consistency;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The consistency of a join's features on one day as one self-contained HTML page (inline SVG, no scripts, nothing
 * fetched): per feature a stacked bar of the outcomes and, for numbers, a histogram of online minus offline.
 * Every bar carries {@code data-outcome} and {@code data-count} (histogram bars {@code data-bin} and
 * {@code data-count}) so the page can be checked by machines too.
 */
public final class ConsistencyReport {
  private static final Map<Outcome, String> COLORS = Map.of(
      Outcome.MATCH, "#4caf50",
      Outcome.MISMATCH, "#e53935",
      Outcome.ONLINE_NULL, "#fb8c00",
      Outcome.OFFLINE_NULL, "#8e24aa",
      Outcome.BOTH_NULL, "#9e9e9e");
  private static final int BAR_WIDTH = 600;
  private static final int HISTOGRAM_HEIGHT = 120;

  private ConsistencyReport() {}

  /** @param title what is compared, e.g. the join's name, its log table and the day */
  public static String html(String title, List<FeatureMetrics> features) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
            + "table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}"
            + "th:first-child,td:first-child{text-align:left}section{margin-bottom:2.5em}"
            + ".legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:.8em;"
            + "height:.8em;margin-right:.3em}</style></head><body>\n");
    html.append("<h1>").append(escape(title)).append("</h1>\n");
    html.append("<p class=\"legend\">");
    for (Outcome outcome : Outcome.values()) {
      html.append("<span><i style=\"background:").append(COLORS.get(outcome)).append("\"></i>")
          .append(name(outcome)).append("</span>");
    }
    html.append("</p>\n");
    html.append(summaryTable(features));
    for (FeatureMetrics feature : features) {
      html.append("<section><h2>").append(escape(feature.feature())).append("</h2>\n");
      html.append(outcomeBar(feature));
      if (feature.kind() == FeatureKind.NUMBER && feature.smapeAverage().isPresent()) {
        html.append("<p>Online minus offline, where both are present (SMAPE average ")
            .append(format(feature.smapeAverage().getAsDouble())).append("):</p>\n");
        html.append(histogram(feature));
      }
      if (feature.kind() == FeatureKind.LIST && feature.editInsertAverage().isPresent()) {
        html.append("<p>Lists of different lengths: ").append(feature.lengthMismatches())
            .append("; average edit distance: ").append(format(feature.editInsertAverage().getAsDouble()))
            .append(" insertions, ").append(format(feature.editDeleteAverage().getAsDouble()))
            .append(" deletions.</p>\n");
      }
      html.append("</section>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String summaryTable(List<FeatureMetrics> features) {
    StringBuilder table = new StringBuilder("<table><tr><th>feature</th><th>rows</th><th>match</th><th>mismatch</th>"
        + "<th>both null</th><th>online null</th><th>offline null</th><th>SMAPE avg</th></tr>\n");
    for (FeatureMetrics feature : features) {
      table.append("<tr><td>").append(escape(feature.feature())).append("</td><td>").append(feature.total());
      for (Outcome outcome : Outcome.values()) {
        table.append("</td><td>").append(feature.count(outcome));
      }
      table.append("</td><td>").append(feature.smapeAverage().isPresent()
          ? format(feature.smapeAverage().getAsDouble()) : "").append("</td></tr>\n");
    }
    return table.append("</table>\n").toString();
  }

  private static String outcomeBar(FeatureMetrics feature) {
    StringBuilder svg = new StringBuilder("<svg class=\"outcomes\" data-feature=\"" + escape(feature.feature())
        + "\" width=\"" + BAR_WIDTH + "\" height=\"44\" role=\"img\">");
    double x = 0;
    for (Outcome outcome : Outcome.values()) {
      long count = feature.count(outcome);
      double width = feature.total() == 0 ? 0 : BAR_WIDTH * (double) count / feature.total();
      svg.append("<rect data-outcome=\"").append(outcome.name()).append("\" data-count=\"").append(count)
          .append("\" x=\"").append(format(x)).append("\" y=\"0\" width=\"").append(format(width))
          .append("\" height=\"24\" fill=\"").append(COLORS.get(outcome)).append("\"><title>").append(name(outcome))
          .append(": ").append(count).append("</title></rect>");
      if (count > 0) {
        svg.append("<text x=\"").append(format(x + 2)).append("\" y=\"40\" font-size=\"11\">").append(count)
            .append("</text>");
      }
      x += width;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String histogram(FeatureMetrics feature) {
    List<Long> counts = feature.differences();
    List<String> labels = DifferenceHistogram.labels();
    long highest = counts.stream().mapToLong(Long::longValue).max().orElse(0);
    int barWidth = BAR_WIDTH / counts.size();
    StringBuilder svg = new StringBuilder("<svg class=\"differences\" data-feature=\"" + escape(feature.feature())
        + "\" width=\"" + BAR_WIDTH + "\" height=\"" + (HISTOGRAM_HEIGHT + 20)
        + "\" role=\"img\">");
    for (int bin = 0; bin < counts.size(); bin++) {
      long count = counts.get(bin);
      double height = highest == 0 ? 0 : HISTOGRAM_HEIGHT * (double) count / highest;
      svg.append("<rect data-bin=\"").append(escape(labels.get(bin))).append("\" data-count=\"").append(count)
          .append("\" x=\"").append(bin * barWidth).append("\" y=\"").append(format(HISTOGRAM_HEIGHT - height))
          .append("\" width=\"").append(barWidth - 1).append("\" height=\"").append(format(height))
          .append("\" fill=\"").append(bin == DifferenceHistogram.zeroBin() ? "#4caf50" : "#1e88e5")
          .append("\"><title>").append(escape(labels.get(bin))).append(": ").append(count).append("</title></rect>");
    }
    svg.append("<text x=\"0\" y=\"").append(HISTOGRAM_HEIGHT + 15).append("\" font-size=\"11\">negative</text>")
        .append("<text x=\"").append(DifferenceHistogram.zeroBin() * barWidth).append("\" y=\"")
        .append(HISTOGRAM_HEIGHT + 15).append("\" font-size=\"11\">0</text>")
        .append("<text x=\"").append(BAR_WIDTH - 50).append("\" y=\"").append(HISTOGRAM_HEIGHT + 15)
        .append("\" font-size=\"11\">positive</text>");
    return svg.append("</svg>\n").toString();
  }

  private static String name(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
