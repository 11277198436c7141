package io.tidemark.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bytes of partial aggregates: every operation reads back what it wrote, and states of other definitions are
 * refused.
 */
class PartialEncodingTest {
  private static final InputType LONGS = InputType.scalar(InputKind.INTEGRAL);

  @Test
  void everyOperationReadsBackWhatItWrote() throws Exception {
    Random random = new Random(7);
    for (Operation operation : Operation.values()) {
      for (InputType type : typesOf(operation)) {
        for (String bucket : Arrays.asList(null, "b")) {
          if (bucket != null && type.container() == Container.STRING_MAP && !Operators.isTimed(operation)) {
            continue;
          }
          AggregationPart part = new AggregationPart("x", operation, arguments(operation), null, bucket);
          for (int size : new int[] {0, 1, 40, 600}) {
            roundTrip(new PartialColumn(part, type), part, type, size, random);
          }
        }
      }
    }
  }

  @Test
  void countIsWrittenAsDocumented() throws Exception {
    PartialColumn column = new PartialColumn(part(Operation.COUNT, Map.of()), LONGS);
    Object state = column.partial().empty();
    for (long value : new long[] {4, 5, 6}) {
      column.partial().add(state, 0, value);
    }

    byte[] expected = new byte[11];
    expected[0] = 1;
    expected[1] = 6;
    System.arraycopy(sha256("operation=COUNT;arguments=;container=NONE;values=INTEGRAL;bucketed=false"), 0, expected,
        2, 8);
    expected[10] = 3;
    assertThat(column.encode(state)).isEqualTo(expected);
  }

  @Test
  void sumsAndValuesUseZigzagVarintsAndTags() {
    PartialColumn sum = new PartialColumn(part(Operation.SUM, Map.of()), LONGS);
    Object sumState = sum.partial().empty();
    sum.partial().add(sumState, 0, -1L);
    sum.partial().add(sumState, 0, -200L);
    // -201 zigzags to 401 = 0b1_1001_0001: 0x91 0x03; then the count 2.
    assertThat(body(sum.encode(sumState))).containsExactly(0x91, 0x03, 2);

    PartialColumn last = new PartialColumn(part(Operation.LAST, Map.of()), InputType.scalar(InputKind.STRING));
    Object lastState = last.partial().empty();
    last.partial().add(lastState, 1, "é");
    // One value: time 1 (zigzag 2), the string tag 9, two UTF-8 bytes.
    assertThat(body(last.encode(lastState))).containsExactly(1, 2, 9, 2, 0xC3, 0xA9);
  }

  @Test
  void aStateOfAnotherOperationIsRefused() {
    byte[] bytes = new PartialColumn(part(Operation.SUM, Map.of()), LONGS).encode(new long[] {3, 1});

    assertThatThrownBy(() -> new PartialColumn(part(Operation.COUNT, Map.of()), LONGS).decode(bytes))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-402 Cannot read the partial aggregate of COUNT {} of x (integral): it was written for SUM, not COUNT. "
            + "Fix: rebuild the partial aggregates of this GroupBy, whose definition changed since they were written")
        .extracting(e -> ((TidemarkException) e).category()).isEqualTo(ErrorCategory.TABLE_STATE);
  }

  @Test
  void aStateWithAnotherArgumentIsRefused() throws Exception {
    PartialColumn three = new PartialColumn(part(Operation.LAST_K, Map.of("k", "3")), LONGS);
    byte[] bytes = three.encode(three.partial().empty());

    assertThatThrownBy(() -> new PartialColumn(part(Operation.LAST_K, Map.of("k", "4")), LONGS).decode(bytes))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-402 Cannot read the partial aggregate of LAST_K {k=4} of x (integral): it was written for LAST_K "
            + "with other arguments or another input type (fingerprint "
            + hex("operation=LAST_K;arguments=k=3;container=NONE;values=INTEGRAL;bucketed=false") + ", expected "
            + hex("operation=LAST_K;arguments=k=4;container=NONE;values=INTEGRAL;bucketed=false") + "). Fix: rebuild "
            + "the partial aggregates of this GroupBy, whose definition changed since they were written");
  }

  @Test
  void aStateOfAnotherInputTypeIsRefused() {
    PartialColumn longs = new PartialColumn(part(Operation.SUM, Map.of()), LONGS);
    byte[] bytes = longs.encode(longs.partial().empty());

    assertThatThrownBy(() -> new PartialColumn(part(Operation.SUM, Map.of()), InputType.scalar(InputKind.FLOATING))
        .decode(bytes))
        .isInstanceOf(TidemarkException.class)
        .hasMessageStartingWith("TM-402 Cannot read the partial aggregate of SUM {} of x (floating): it was written for SUM "
            + "with other arguments or another input type");
  }

  @Test
  void aDefaultArgumentWrittenOutIsTheSameDefinition() {
    PartialColumn implicit = new PartialColumn(part(Operation.APPROX_UNIQUE_COUNT, Map.of()), LONGS);
    Object state = implicit.partial().empty();
    implicit.partial().add(state, 0, 42L);

    PartialColumn explicit = new PartialColumn(part(Operation.APPROX_UNIQUE_COUNT, Map.of("k", " 8")), LONGS);
    assertThat(explicit.partial().finish(explicit.decode(implicit.encode(state)))).isEqualTo(1L);
  }

  @Test
  void aNewerFormatIsRefused() {
    PartialColumn count = new PartialColumn(part(Operation.COUNT, Map.of()), LONGS);
    byte[] bytes = count.encode(count.partial().empty());
    bytes[0] = 2;

    assertThatThrownBy(() -> count.decode(bytes))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-402 Cannot read the partial aggregate of COUNT {} of x (integral): it is in format 2, and this "
            + "release reads format 1. Fix: run the release that wrote it, or rebuild the partial aggregates of this "
            + "GroupBy");
  }

  @Test
  void damagedBytesAreRefused() {
    PartialColumn top = new PartialColumn(part(Operation.TOP_K, Map.of("k", "2")), LONGS);
    Object state = top.partial().empty();
    top.partial().add(state, 0, 300L);
    byte[] bytes = top.encode(state);

    assertThatThrownBy(() -> top.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-402 Cannot read the partial aggregate of TOP_K {k=2} of x (integral): its bytes are damaged (it ends "
            + "early). Fix: rebuild the partial aggregates of this GroupBy");
    assertThatThrownBy(() -> top.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-402 Cannot read the partial aggregate of TOP_K {k=2} of x (integral): its bytes are damaged (1 bytes "
            + "are left after the state). Fix: rebuild the partial aggregates of this GroupBy");
    assertThatThrownBy(() -> top.decode(new byte[3]))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-402 Cannot read the partial aggregate of TOP_K {k=2} of x (integral): it has 3 bytes, fewer than the "
            + "10 of its header. Fix: rebuild the partial aggregates of this GroupBy");
  }

  @Test
  void aValueOfAnUnknownTypeIsRefused() {
    PartialColumn first = new PartialColumn(part(Operation.FIRST, Map.of()), InputType.scalar(InputKind.NESTED));
    Object state = first.partial().empty();
    first.partial().add(state, 0, new StringBuilder("a struct"));

    assertThatThrownBy(() -> first.encode(state))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot encode a value of java.lang.StringBuilder in a partial aggregate: it holds booleans, "
            + "numbers, decimals, strings, binary values, and lists and maps of them; convert other values (such as "
            + "structs) to those before aggregating");
  }

  /**
   * Builds a state from {@code size} random values, then checks that its bytes read back into a state that finishes
   * to the same value, encodes to the same bytes, and merges with another state as the original does. Two sketches
   * write their own bytes in an order of their own: a KLL sketch read back marks its level zero sorted, and a
   * frequent-items sketch lists its items in the order of its hash table, so only their finished values are compared
   * after a round trip. Past k values KLL compacts at random when merging and the frequent-items sketch purges in the
   * order of its hash table, so only their exact merges are compared.
   */
  private static void roundTrip(PartialColumn column, AggregationPart part, InputType type, int size, Random random) {
    Partial<Object> partial = column.partial();
    Object state = partial.empty();
    Object other = partial.empty();
    for (int i = 0; i < size; i++) {
      Object value = value(type, part.bucket() != null, random);
      if (value != null) {
        partial.add(i % 2 == 0 ? state : other, i, value);
      }
    }
    String what = part + " over " + type + " with " + size + " values";
    byte[] bytes = column.encode(state);
    Object read = column.decode(bytes);
    assertThat(comparable(partial.finish(read))).as(what).isEqualTo(comparable(partial.finish(state)));
    boolean sketched =
        part.operation() == Operation.APPROX_PERCENTILE || part.operation() == Operation.APPROX_HISTOGRAM_K;
    if (!sketched) {
      assertThat(column.encode(read)).as(what).isEqualTo(bytes);
    }
    Object merged = partial.finish(partial.merge(read, column.decode(column.encode(other))));
    if (!sketched || size <= part.k()) {
      assertThat(comparable(merged)).as(what + ", merged")
          .isEqualTo(comparable(partial.finish(partial.merge(state, other))));
    }
  }

  /** A result with binary values as text, so that results compare by content all the way down. */
  private static Object comparable(Object result) {
    if (result instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (result instanceof List<?> list) {
      return list.stream().map(PartialEncodingTest::comparable).toList();
    }
    if (result instanceof Map<?, ?> map) {
      Map<Object, Object> converted = new LinkedHashMap<>();
      map.forEach((key, element) -> converted.put(key, comparable(element)));
      return converted;
    }
    return result;
  }

  private static Object value(InputType type, boolean bucketed, Random random) {
    Object value = switch (type.container()) {
      case NONE -> scalar(type.valueKind(), random);
      case LIST -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.add(random.nextInt(4) == 0 ? null : scalar(type.valueKind(), random));
        }
        yield list;
      }
      case STRING_MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put("m" + random.nextInt(3), random.nextInt(4) == 0 ? null : scalar(type.valueKind(), random));
        }
        yield map;
      }
    };
    return bucketed ? new BucketValue("b" + random.nextInt(3), value) : value;
  }

  private static Object scalar(InputKind kind, Random random) {
    return switch (kind) {
      case BOOLEAN -> random.nextBoolean();
      case INTEGRAL -> (long) random.nextInt(1_000) - 500;
      case FLOATING -> random.nextInt(8) == 0 ? Double.NaN : random.nextGaussian() * 1e6;
      case STRING -> "s" + random.nextInt(500);
      case BINARY -> new byte[] {(byte) random.nextInt(256), (byte) random.nextInt(3)};
      case DECIMAL -> BigDecimal.valueOf(random.nextInt(100_000) - 50_000, 3);
      default -> List.of(random.nextInt(9), Map.of("k", "v" + random.nextInt(4)));
    };
  }

  /** The input types each operation is tried with: one of every kind it takes, as values, lists and maps. */
  private static List<InputType> typesOf(Operation operation) {
    List<InputType> types = new ArrayList<>();
    for (InputKind kind : List.of(InputKind.BOOLEAN, InputKind.INTEGRAL, InputKind.FLOATING, InputKind.DECIMAL,
        InputKind.STRING, InputKind.BINARY, InputKind.NESTED)) {
      for (Container container : Container.values()) {
        InputType type = new InputType(container, kind);
        if ((kind != InputKind.NESTED || container == Container.NONE)
            && Operators.problem(new AggregationPart("x", operation, arguments(operation), null), type).isEmpty()) {
          types.add(type);
        }
      }
    }
    assertThat(types).as(operation + " takes some input").isNotEmpty();
    return types;
  }

  private static Map<String, String> arguments(Operation operation) {
    return switch (operation) {
      case TOP_K, BOTTOM_K, FIRST_K, LAST_K -> Map.of("k", "3");
      case BOUNDED_UNIQUE_COUNT -> Map.of("k", "20");
      case APPROX_PERCENTILE -> Map.of("k", "16", "percentiles", "[0, 0.5, 1]");
      case APPROX_HISTOGRAM_K -> Map.of("k", "5");
      case HISTOGRAM -> Map.of("k", "4");
      default -> Map.of();
    };
  }

  private static AggregationPart part(Operation operation, Map<String, String> arguments) {
    return new AggregationPart("x", operation, arguments, null);
  }

  /** The bytes after the ten of the header, as unsigned numbers. */
  private static int[] body(byte[] encoded) {
    return Arrays.copyOfRange(toInts(encoded), 10, encoded.length);
  }

  private static int[] toInts(byte[] bytes) {
    int[] ints = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ints[i] = bytes[i] & 0xFF;
    }
    return ints;
  }

  private static byte[] sha256(String text) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(String canonical) throws Exception {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      hex.append(String.format("%02x", sha256(canonical)[i]));
    }
    return hex.toString();
  }
}
