package io.tidemark.api.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.SubPartition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinPartTest {
  private static final GroupBy SHIPMENTS = new GroupBy(MetaData.named("shop.shipments.v1"),
      List.of(new EntitySource("data.shipments", SubPartition.NONE, null, null,
          Query.selecting(Map.of("seller", "seller", "region", "region", "carrier", "carrier")))),
      List.of("seller", "region"), null, null);

  @Test
  void leftKeyColumnsMapEachKeyInTheGroupBysOrderAndKeepUnmappedNames() {
    JoinPart part = new JoinPart(SHIPMENTS, Map.of("merchant_id", "seller"), null);

    assertThat(part.leftKeyColumns()).containsExactly("merchant_id", "region");
    assertThat(JoinPart.of(SHIPMENTS).leftKeyColumns()).containsExactly("seller", "region");
  }
}
