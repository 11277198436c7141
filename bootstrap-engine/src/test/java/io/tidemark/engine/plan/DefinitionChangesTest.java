package io.tidemark.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.hash.SemanticHash;
import io.tidemark.engine.plan.DefinitionChanges.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefinitionChangesTest {
  static SemanticHash hash(int version, String json) {
    return SemanticHash.stored(version, json);
  }

  static DefinitionChanges between(String before, String after) {
    return DefinitionChanges.between(Optional.of(hash(1, before)), hash(1, after));
  }

  @Test
  void partsAddedChangedAndRemovedEvolveTheTable() {
    DefinitionChanges changes = between(
        "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\",\"part b\":\"2\",\"external e\":\"3\"}",
        "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\",\"part b\":\"9\",\"part c\":\"4\"}");

    assertThat(changes.kind()).isEqualTo(Kind.EVOLVE);
    assertThat(changes.addedParts()).containsExactly("part c");
    assertThat(changes.changedParts()).containsExactly("part b");
    assertThat(changes.removedParts()).containsExactly("external e");
    assertThat(changes.touchedSources()).isEmpty();
    assertThat(changes.describe()).containsExactly("part c: added", "part b: changed", "external e: removed");
  }

  @Test
  void bootstrapSourcesAddedChangedOrRemovedAreTouched() {
    DefinitionChanges changes = between(
        "{\"left\":\"l\",\"row_ids\":\"r\",\"bootstrap t1\":\"1\",\"bootstrap t2\":\"2\"}",
        "{\"left\":\"l\",\"row_ids\":\"r\",\"bootstrap t2\":\"5\",\"log t_logged\":\"6\"}");

    assertThat(changes.kind()).isEqualTo(Kind.EVOLVE);
    assertThat(changes.touchedSources()).containsExactlyInAnyOrder("bootstrap t1", "bootstrap t2", "log t_logged");
    assertThat(changes.addedParts()).isEmpty();
  }

  @Test
  void aChangedLeftOrRowIdsRebuildsWhateverElseChanged() {
    assertThat(between("{\"left\":\"l\",\"row_ids\":\"r\"}", "{\"left\":\"m\",\"row_ids\":\"r\",\"part a\":\"1\"}")
        .rebuildReasons()).containsExactly("the left source changed");
    DefinitionChanges both = between("{\"left\":\"l\",\"row_ids\":\"r\"}", "{\"left\":\"m\",\"row_ids\":\"s\"}");
    assertThat(both.kind()).isEqualTo(Kind.REBUILD);
    assertThat(both.rebuildReasons()).containsExactly("the left source changed", "the row ids changed");
  }

  @Test
  void equalHashesMissingHashesAndOtherAlgorithms() {
    String json = "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\"}";
    assertThat(between(json, json).kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(DefinitionChanges.between(Optional.empty(), hash(1, json)).kind()).isEqualTo(Kind.UNVERSIONED);
    assertThat(DefinitionChanges.between(Optional.of(hash(0, json)), hash(1, json)).kind())
        .isEqualTo(Kind.OTHER_ALGORITHM);
  }

  @Test
  void aLabelPartAddedChangedOrRemovedChangesNothingInTheJoinsTable() {
    String plain = "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\"}";
    String labeled = "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\",\"label\":\"7\"}";
    String relabeled = "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\",\"label\":\"8\"}";

    assertThat(between(plain, labeled).kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(between(labeled, relabeled).kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(between(labeled, plain).describe()).isEmpty();
  }

  @Test
  void aJoinWithDerivationsIsRebuiltOnAnyChangeSinceItsDerivedColumnsDependOnEveryValue() {
    DefinitionChanges derivation = between("{\"left\":\"l\",\"row_ids\":\"r\",\"derivations\":\"1\"}",
        "{\"left\":\"l\",\"row_ids\":\"r\",\"derivations\":\"2\"}");
    DefinitionChanges part = between("{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"1\",\"derivations\":\"1\"}",
        "{\"left\":\"l\",\"row_ids\":\"r\",\"part a\":\"2\",\"derivations\":\"1\"}");
    DefinitionChanges removed = between("{\"left\":\"l\",\"row_ids\":\"r\",\"derivations\":\"1\"}",
        "{\"left\":\"l\",\"row_ids\":\"r\"}");

    assertThat(derivation.kind()).isEqualTo(Kind.REBUILD);
    assertThat(derivation.rebuildReasons()).containsExactly("the derivations changed");
    assertThat(part.kind()).isEqualTo(Kind.REBUILD);
    assertThat(part.rebuildReasons()).containsExactly("part a: changed in a join with derivations (derived columns "
        + "are computed from the values of every part and bootstrap source)");
    assertThat(removed.kind()).isEqualTo(Kind.REBUILD);
    assertThat(removed.rebuildReasons()).containsExactly("the derivations were removed");
  }
}
