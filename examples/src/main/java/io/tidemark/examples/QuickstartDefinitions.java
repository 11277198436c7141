package io.tidemark.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The quickstart's definitions, laid out like Chronon's {@code production/} folder: three feature GroupBys, the
 * {@code quickstart.refunds.v1} label GroupBy, and the {@code quickstart.training_set.v1} join that names them (its
 * label part labels each checkout with the user's refunds over the 7 days from the checkout's day, and the user's
 * snapshot 6 days after it). {@code quickstart.training_set.v2} is the join the online walk-through serves: the same
 * features, with each checkout's id as its row id, bootstrapped from the values its online requests logged.
 */
public final class QuickstartDefinitions {
  public static final String JOIN = "joins/quickstart/training_set.v1";
  public static final String ONLINE_JOIN = "joins/quickstart/training_set.v2";
  private static final List<String> FILES = List.of(
      "group_bys/quickstart/purchases.v1",
      "group_bys/quickstart/returns.v1",
      "group_bys/quickstart/users.v1",
      "group_bys/quickstart/refunds.v1",
      JOIN,
      ONLINE_JOIN);
  private static final String RESOURCES = "quickstart/production/";

  private QuickstartDefinitions() {}

  /** Writes the definitions under {@code root} (replacing older copies) and returns the join's file. */
  public static Path writeTo(Path root) {
    try {
      for (String file : FILES) {
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = QuickstartDefinitions.class.getResourceAsStream(RESOURCES + file)) {
          if (in == null) {
            throw new IllegalStateException("Cannot find the bundled definition " + RESOURCES + file);
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return root.resolve(JOIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
