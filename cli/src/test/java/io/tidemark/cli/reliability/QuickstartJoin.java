package io.tidemark.cli.reliability;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import io.tidemark.engine.load.ImportRequest;
import io.tidemark.engine.load.TableImport;
import io.tidemark.examples.QuickstartData;
import io.tidemark.examples.QuickstartDefinitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The quickstart join in versions a test can switch between, each written to its own output namespace so that every
 * test case has a join table of its own over the same imported source tables.
 */
public enum QuickstartJoin {
  /** The quickstart join as shipped: purchases, returns and users. */
  FULL(text -> text),
  /** Without the returns part: adding it back is a part-add. */
  WITHOUT_RETURNS(text -> remove(text, "    {\"groupBy\": {\"name\": \"quickstart.returns.v1\"}},\n")),
  /** With a filter on the left: a changed left source, which archives the table and rebuilds it. */
  FILTERED_LEFT(text -> replace(text, "\"timeColumn\": \"ts\"", "\"timeColumn\": \"ts\", \"wheres\": [\"ts > 0\"]")),
  /**
   * With the returns GroupBy counting refunds over 200 only: the part changed, so its columns are recomputed by MERGE,
   * one step at a time, and the other columns stay.
   */
  LARGE_RETURNS(text -> text, returns -> replace(returns, "\"timeColumn\": \"ts\"",
      "\"timeColumn\": \"ts\", \"wheres\": [\"refund_amt > 200\"]"));

  private static final String RETURNS = "group_bys/quickstart/returns.v1";

  private final UnaryOperator<String> edit;
  private final UnaryOperator<String> returnsEdit;

  QuickstartJoin(UnaryOperator<String> edit) {
    this(edit, returns -> returns);
  }

  QuickstartJoin(UnaryOperator<String> edit, UnaryOperator<String> returnsEdit) {
    this.edit = edit;
    this.returnsEdit = returnsEdit;
  }

  /**
   * Generates the quickstart's data under {@code directory} and imports it into the {@code data} namespace, unless an
   * earlier test of this JVM did (the generator is deterministic).
   */
  public static void importData(TidemarkCatalog catalog, Path directory) {
    if (catalog.tableExists(new TableName("data", "checkouts"))) {
      return;
    }
    TableImport importer = new TableImport(catalog);
    for (QuickstartData.Table table : QuickstartData.generate(directory, QuickstartData.DEFAULT_SEED)) {
      importer.run(new ImportRequest(TableName.parse(table.name()), table.file(), null, table.schema(), null));
    }
  }

  /** The join's output table when written to {@code namespace}. */
  public static TableName output(String namespace) {
    return new TableName(namespace, "quickstart_training_set_v1");
  }

  /** Writes this version, with its output in {@code namespace}, under {@code root}; returns the join's file. */
  public Path writeTo(Path root, String namespace) {
    try {
      Path definitions = root.resolve(namespace + "-" + name().toLowerCase());
      Path join = QuickstartDefinitions.writeTo(definitions);
      String text = replace(Files.readString(join), "\"outputNamespace\": \"quickstart\"",
          "\"outputNamespace\": \"" + namespace + "\"");
      Files.writeString(join, edit.apply(text));
      Path returns = definitions.resolve(RETURNS);
      Files.writeString(returns, returnsEdit.apply(Files.readString(returns)));
      return join;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code tidemark <command> --conf <this version, output in namespace> <more>}, in this JVM. */
  public CommandRun runHere(Path root, String namespace, String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--conf", writeTo(root, namespace).toString()));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  /** The same command's arguments for a process of its own, on the warehouse this JVM's tests use. */
  String[] processArgs(Path root, String namespace, String command, String... more) {
    List<String> args = new ArrayList<>(List.of("--warehouse", TidemarkProcess.sharedWarehouse().toString(), command,
        "--conf", writeTo(root, namespace).toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String remove(String text, String part) {
    return replace(text, part, "");
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalStateException("The quickstart join no longer contains " + from);
    }
    return text.replace(from, to);
  }
}
