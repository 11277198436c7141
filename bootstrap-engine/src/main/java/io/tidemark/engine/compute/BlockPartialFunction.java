package io.tidemark.engine.compute;

import io.tidemark.aggregator.InputType;
import io.tidemark.aggregator.PartialColumns;
import io.tidemark.aggregator.PartialPiece;
import io.tidemark.api.definition.AggregationPart;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The blocks asked for, from one Spark partition of day rows sorted by key and day (days just built and days read back
 * from the table), by {@link BlockFold}; the day rows themselves do not come out.
 */
final class BlockPartialFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final int keyCount;
  private final List<AggregationPart> parts;
  private final LinkedHashMap<String, InputType> inputs;
  private final HashSet<PartialPiece> blocks;

  BlockPartialFunction(int keyCount, List<AggregationPart> parts, Map<String, InputType> inputs,
      Set<PartialPiece> blocks) {
    this.keyCount = keyCount;
    this.parts = List.copyOf(parts);
    this.inputs = new LinkedHashMap<>(inputs);
    this.blocks = new HashSet<>(blocks);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new BlockFold(rows, keyCount, new PartialColumns(parts, inputs), blocks, BlockFold.DayRows.DROPPED);
  }
}
