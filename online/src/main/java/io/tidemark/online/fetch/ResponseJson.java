package io.tidemark.online.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/** The JSON of responses, shared by the HTTP service and {@code tidemark fetch}. */
public final class ResponseJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResponseJson() {}

  public static ObjectNode of(JoinResponse response) {
    ObjectNode node = JSON.createObjectNode();
    node.put("join", response.join());
    node.put("ts", response.ts());
    node.set("values", response.values());
    ObjectNode versions = node.putObject("versions");
    for (Map.Entry<String, Optional<String>> entry : response.versions().entrySet()) {
      versions.put(entry.getKey(), entry.getValue().orElse(null));
    }
    return node;
  }

  public static ObjectNode of(GroupByResponse response) {
    ObjectNode node = JSON.createObjectNode();
    node.put("group_by", response.groupBy());
    node.put("ts", response.ts());
    node.put("version", response.version().orElse(null));
    node.set("values", response.values());
    return node;
  }

  /**
   * An error response: {@code {"error": <message>, "category": <category>, "code": <TM-number>}}; the message does not
   * repeat the code, which clients match in its own field.
   */
  public static ObjectNode error(FetchError error, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error", message);
    node.put("category", error.category());
    node.put("code", error.errorCode().render());
    return node;
  }
}
