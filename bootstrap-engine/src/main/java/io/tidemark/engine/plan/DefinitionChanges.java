package io.tidemark.engine.plan;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.hash.SemanticHash;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a join's definition changed since its output table was written, component by component of their semantic
 * hashes, and what that asks of the table: nothing, a rebuild (the left source or the row ids changed, so every row
 * is another row), or an evolution (parts added, changed or removed, bootstrap sources added, changed or removed).
 * The label part's component is left out: labels never change the join's output.
 *
 * <p>A join with derivations (now or before) is rebuilt on any change: its derived columns are computed from the
 * parts' and bootstrap sources' values, which the table need not keep (without {@code *}), so neither a changed
 * derivation nor a changed part can be recomputed from the rows already written.
 */
public final class DefinitionChanges {
  /** What the comparison found. */
  public enum Kind {
    /** The table does not exist yet. */
    NEW_TABLE,
    /** The table has no semantic hash (it was written before Tidemark stored one): it is taken as it is. */
    UNVERSIONED,
    /** The table's hash was computed by another version of the algorithm, so the two cannot be compared. */
    OTHER_ALGORITHM,
    /** Nothing that changes values changed. */
    UNCHANGED,
    /** Parts or bootstrap sources changed: the table keeps its rows and recomputes what changed. */
    EVOLVE,
    /**
     * The left source or the row ids changed, or anything changed in a join with derivations: the table is archived
     * and built anew.
     */
    REBUILD
  }

  private final Kind kind;
  private final Set<String> added;
  private final Set<String> changed;
  private final Set<String> removed;

  private DefinitionChanges(Kind kind, Set<String> added, Set<String> changed, Set<String> removed) {
    this.kind = kind;
    this.added = Set.copyOf(added);
    this.changed = Set.copyOf(changed);
    this.removed = Set.copyOf(removed);
  }

  /** The changes from the hash a table stores ({@code stored}, empty when it has none) to {@code current}. */
  public static DefinitionChanges between(Optional<SemanticHash> stored, SemanticHash current) {
    requireNonNull(current, "current is null");
    if (stored.isEmpty()) {
      return new DefinitionChanges(Kind.UNVERSIONED, Set.of(), Set.of(), Set.of());
    }
    // Labels are computed into a table of their own; they never change the join's output.
    SemanticHash old = stored.get().withoutLabel();
    SemanticHash now = current.withoutLabel();
    if (!old.comparableWith(now)) {
      return new DefinitionChanges(Kind.OTHER_ALGORITHM, Set.of(), Set.of(), Set.of());
    }
    Set<String> added = new LinkedHashSet<>();
    Set<String> changed = new LinkedHashSet<>();
    Set<String> removed = new LinkedHashSet<>();
    now.components().forEach((name, hash) -> {
      String before = old.get(name);
      if (before == null) {
        added.add(name);
      } else if (!before.equals(hash)) {
        changed.add(name);
      }
    });
    old.components().keySet().stream().filter(name -> now.get(name) == null).forEach(removed::add);
    Kind kind;
    if (changed.contains(SemanticHash.LEFT) || changed.contains(SemanticHash.ROW_IDS)) {
      kind = Kind.REBUILD;
    } else if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
      kind = Kind.UNCHANGED;
    } else if (now.get(SemanticHash.DERIVATIONS) != null || old.get(SemanticHash.DERIVATIONS) != null) {
      kind = Kind.REBUILD;
    } else {
      kind = Kind.EVOLVE;
    }
    return new DefinitionChanges(kind, added, changed, removed);
  }

  /** The changes for a join whose table does not exist yet. */
  public static DefinitionChanges newTable() {
    return new DefinitionChanges(Kind.NEW_TABLE, Set.of(), Set.of(), Set.of());
  }

  public Kind kind() {
    return kind;
  }

  /** What made a rebuild necessary, for people: the left source, the row ids, the derivations, or what they use. */
  public List<String> rebuildReasons() {
    List<String> reasons = new ArrayList<>();
    if (changed.contains(SemanticHash.LEFT)) {
      reasons.add("the left source changed");
    }
    if (changed.contains(SemanticHash.ROW_IDS)) {
      reasons.add("the row ids changed");
    }
    if (reasons.isEmpty()) {
      if (added.contains(SemanticHash.DERIVATIONS)) {
        reasons.add("derivations were added");
      } else if (changed.contains(SemanticHash.DERIVATIONS)) {
        reasons.add("the derivations changed");
      } else if (removed.contains(SemanticHash.DERIVATIONS)) {
        reasons.add("the derivations were removed");
      } else {
        reasons.add(String.join(", ", describe()) + " in a join with derivations (derived columns are computed from "
            + "the values of every part and bootstrap source)");
      }
    }
    return reasons;
  }

  /** Join and external parts that are new: their columns are added and filled for the rows already written. */
  public Set<String> addedParts() {
    return parts(added);
  }

  /** Join and external parts whose meaning changed: their columns are recomputed for the rows already written. */
  public Set<String> changedParts() {
    return parts(changed);
  }

  /** Join and external parts that are gone: their columns leave the table's current schema. */
  public Set<String> removedParts() {
    return parts(removed);
  }

  /** Bootstrap sources added, changed or removed: the rows they match (now or before) are derived again. */
  public Set<String> touchedSources() {
    Set<String> sources = new LinkedHashSet<>();
    for (Set<String> names : List.of(added, changed, removed)) {
      names.stream().filter(SemanticHash::isBootstrapSource).forEach(sources::add);
    }
    return sources;
  }

  /** For people: one line per change, e.g. {@code part added: part user_spend}. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    describe(added, "added", lines);
    describe(changed, "changed", lines);
    describe(removed, "removed", lines);
    return lines;
  }

  private static void describe(Set<String> names, String change, List<String> lines) {
    for (String name : names) {
      lines.add(name + ": " + change);
    }
  }

  private static Set<String> parts(Set<String> names) {
    Set<String> parts = new LinkedHashSet<>();
    names.stream().filter(name -> name.startsWith(SemanticHash.PART) || name.startsWith(SemanticHash.EXTERNAL))
        .forEach(parts::add);
    return parts;
  }
}
