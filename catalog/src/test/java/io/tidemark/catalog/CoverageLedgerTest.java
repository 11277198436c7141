package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.CoverageLedger.PartCoverage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageLedgerTest {
  @Test
  void readsBackWhatItWritesInPartOrder() {
    Map<String, PartCoverage> parts = new LinkedHashMap<>();
    parts.put("user_v1", new PartCoverage(3, Map.of("bootstrap data.legacy", 7L)));
    parts.put("item_v1", new PartCoverage(10, Map.of()));
    CoverageLedger ledger = new CoverageLedger(10, parts);

    String json = ledger.toJson();
    assertThat(json).isEqualTo("{\"rows\":10,\"parts\":{\"user_v1\":{\"computed\":3,\"sources\":"
        + "{\"bootstrap data.legacy\":7}},\"item_v1\":{\"computed\":10,\"sources\":{}}}}");
    CoverageLedger read = CoverageLedger.fromJson(json);
    assertThat(read).isEqualTo(ledger);
    assertThat(read.parts().keySet()).containsExactly("user_v1", "item_v1");
    assertThat(read.describe()).isEqualTo("user_v1: 3 computed, 7 from bootstrap data.legacy\n"
        + "item_v1: 10 computed\n");
  }
}
