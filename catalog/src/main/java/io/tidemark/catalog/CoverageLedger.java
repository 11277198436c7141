package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;

/**
 * Where the values of one committed fill came from: for each join part, how many of the commit's rows had values
 * from each bootstrap source, and how many were computed. A row counts once for every source that matched it, so a
 * row covered by two sources together counts for both. Stored as JSON in the commit's snapshot summary under
 * {@link TableProperties#COVERAGE}, so audits read it back from the table's history.
 *
 * @param rows the rows the commit filled
 * @param parts per join part (by its column prefix), in definition order
 */
public record CoverageLedger(long rows, Map<String, PartCoverage> parts) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * @param computed rows whose values for the part were computed (the bootstrap sources did not cover them)
   * @param fromSources rows matched by each bootstrap source that provides some of the part's columns, by source
   */
  public record PartCoverage(long computed, Map<String, Long> fromSources) {
    public PartCoverage {
      fromSources = copyInOrder(fromSources);
    }
  }

  public CoverageLedger {
    parts = copyInOrder(parts);
  }

  /** The ledger of a commit, when the commit recorded one. */
  public static Optional<CoverageLedger> of(Snapshot snapshot) {
    String json = snapshot.summary().get(TableProperties.COVERAGE);
    return json == null ? Optional.empty() : Optional.of(fromJson(json));
  }

  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("rows", rows);
    ObjectNode partsNode = root.putObject("parts");
    parts.forEach((part, coverage) -> {
      ObjectNode partNode = partsNode.putObject(part);
      partNode.put("computed", coverage.computed());
      ObjectNode sources = partNode.putObject("sources");
      coverage.fromSources().forEach(sources::put);
    });
    return root.toString();
  }

  public static CoverageLedger fromJson(String json) {
    requireNonNull(json, "json is null");
    try {
      JsonNode root = MAPPER.readTree(json);
      Map<String, PartCoverage> parts = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("parts").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> part = it.next();
        Map<String, Long> sources = new LinkedHashMap<>();
        part.getValue().path("sources").fields()
            .forEachRemaining(source -> sources.put(source.getKey(), source.getValue().asLong()));
        parts.put(part.getKey(), new PartCoverage(part.getValue().path("computed").asLong(), sources));
      }
      return new CoverageLedger(root.path("rows").asLong(), parts);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read a coverage ledger from " + json + ": " + e.getOriginalMessage(),
          e);
    }
  }

  /** One line per part for people, e.g. {@code user_v1: 3 computed, 7 from bootstrap data.legacy}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    parts.forEach((part, coverage) -> {
      text.append(part).append(": ").append(coverage.computed()).append(" computed");
      coverage.fromSources()
          .forEach((source, count) -> text.append(", ").append(count).append(" from ").append(source));
      text.append('\n');
    });
    return text.toString();
  }

  private static <V> Map<String, V> copyInOrder(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
