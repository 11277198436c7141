package io.tidemark.aggregator;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.OperationArguments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;

/**
 * One stored partial aggregate: an operation with its arguments over one input column (and bucket column), windows
 * aside, since every window of the same aggregation merges the same day states. It encodes and decodes states behind a
 * header that names what wrote them, so a state written by another definition is refused rather than misread.
 *
 * <p>Encoding, format 1: one byte {@value #FORMAT}; one byte, the operation's thrift number; eight bytes (big-endian),
 * the fingerprint: the first eight bytes of the SHA-256 of {@link #canonical}, which holds the operation, its
 * arguments, the input's container and value kind, and whether it is bucketed; then the state as the operation's
 * {@link Partial} writes it. Nothing may follow. See {@code docs/partial-aggregates.md}.
 */
final class PartialColumn {
  static final int FORMAT = 1;
  private static final int HEADER = 10;

  private final AggregationPart aggregation;
  private final InputType inputType;
  private final Partial<Object> partial;
  private final long fingerprint;

  @SuppressWarnings("unchecked")
  PartialColumn(AggregationPart part, InputType inputType) {
    this.aggregation = new AggregationPart(part.inputColumn(), part.operation(), part.argMap(), null, part.bucket());
    this.inputType = inputType;
    this.partial = (Partial<Object>) Operators.partial(aggregation, Operators.plan(aggregation, inputType));
    this.fingerprint = fingerprint(canonical(aggregation, inputType));
  }

  /** The aggregation this column stores, without a window. */
  AggregationPart aggregation() {
    return aggregation;
  }

  Partial<Object> partial() {
    return partial;
  }

  byte[] encode(Object state) {
    StateWriter out = new StateWriter();
    out.writeByte(FORMAT);
    out.writeByte(aggregation.operation().thriftId());
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.writeByte((int) (fingerprint >>> shift));
    }
    partial.write(state, out);
    return out.toByteArray();
  }

  /** The state {@code bytes} encode; refused when another format, operation or definition wrote them. */
  Object decode(byte[] bytes) {
    if (bytes.length < HEADER) {
      throw refused("it has " + bytes.length + " bytes, fewer than the " + HEADER + " of its header",
          "rebuild the partial aggregates of this GroupBy");
    }
    int format = bytes[0] & 0xFF;
    if (format != FORMAT) {
      throw refused("it is in format " + format + ", and this release reads format " + FORMAT,
          format > FORMAT ? "run the release that wrote it, or rebuild the partial aggregates of this GroupBy"
              : "rebuild the partial aggregates of this GroupBy");
    }
    int operation = bytes[1] & 0xFF;
    if (operation != aggregation.operation().thriftId()) {
      throw refused("it was written for " + operationName(operation) + ", not " + aggregation.operation(),
          "rebuild the partial aggregates of this GroupBy, whose definition changed since they were written");
    }
    long written = 0;
    for (int i = 2; i < HEADER; i++) {
      written = (written << 8) | (bytes[i] & 0xFF);
    }
    if (written != fingerprint) {
      throw refused(String.format(Locale.ROOT, "it was written for %s with other arguments or another input type "
          + "(fingerprint %016x, expected %016x)", aggregation.operation(), written, fingerprint),
          "rebuild the partial aggregates of this GroupBy, whose definition changed since they were written");
    }
    StateReader in = new StateReader(bytes, HEADER);
    try {
      Object state = partial.read(in);
      in.finish();
      return state;
    } catch (IllegalArgumentException | IndexOutOfBoundsException | ClassCastException e) {
      throw new TidemarkException(ErrorCode.DAMAGED_PARTIALS, "Cannot read the partial aggregate of " + description()
          + ": " + e.getMessage() + ". Fix: rebuild the partial aggregates of this GroupBy", e);
    } catch (RuntimeException e) {
      throw new TidemarkException(ErrorCode.DAMAGED_PARTIALS, "Cannot read the partial aggregate of " + description()
          + ": its sketch is damaged (" + e.getMessage() + "). Fix: rebuild the partial aggregates of this GroupBy",
          e);
    }
  }

  /** For people: the operation, its arguments and its input, e.g. {@code SUM {} of x (list of integral) by b}. */
  String description() {
    String input = inputType.container() == Container.NONE ? ""
        : inputType.container() == Container.LIST ? "list of " : "map of ";
    return aggregation.operation() + " " + new TreeMap<>(aggregation.argMap()) + " of " + aggregation.inputColumn()
        + " (" + input + inputType.valueKind().name().toLowerCase(Locale.ROOT) + ")"
        + (aggregation.bucket() == null ? "" : " by " + aggregation.bucket());
  }

  /**
   * The text the fingerprint hashes: what decides a state's layout and meaning, with arguments as they take effect (a
   * default {@code k} written out or left to its default is the same). Not the column names, which name the stored
   * column rather than what is in it, and not the window.
   */
  static String canonical(AggregationPart aggregation, InputType inputType) {
    Operation operation = aggregation.operation();
    String arguments = switch (operation) {
      case TOP_K, BOTTOM_K, FIRST_K, LAST_K, BOUNDED_UNIQUE_COUNT, APPROX_UNIQUE_COUNT, HISTOGRAM, APPROX_HISTOGRAM_K ->
          "k=" + aggregation.k();
      case APPROX_PERCENTILE -> "k=" + aggregation.k() + ",percentiles="
          + Arrays.toString(OperationArguments.percentiles(aggregation.argMap()));
      default -> "";
    };
    return "operation=" + operation + ";arguments=" + arguments + ";container=" + inputType.container()
        + ";values=" + inputType.valueKind() + ";bucketed=" + (aggregation.bucket() != null);
  }

  private TidemarkException refused(String why, String fix) {
    return new TidemarkException(ErrorCode.DAMAGED_PARTIALS,
        "Cannot read the partial aggregate of " + description() + ": " + why + ". Fix: " + fix);
  }

  private static String operationName(int thriftId) {
    for (Operation operation : Operation.values()) {
      if (operation.thriftId() == thriftId) {
        return operation.name();
      }
    }
    return "operation number " + thriftId;
  }

  private static long fingerprint(String canonical) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xFF);
      }
      return value;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
