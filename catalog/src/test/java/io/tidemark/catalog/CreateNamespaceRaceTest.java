package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.junit.jupiter.api.Test;

/**
 * Two processes making the same namespace at once: the one that loses may see any failure from its catalog, not only
 * Iceberg's "already exists" (the JDBC catalog fails on its own table's unique key). Played out on a hand-written
 * catalog whose creation fails the way the loser's does.
 */
class CreateNamespaceRaceTest {
  private static final Namespace SALES = Namespace.of("sales");

  @Test
  void aCreationThatFailsBecauseAnotherProcessMadeTheNamespaceCountsAsDone() {
    Namespaces catalog = new Namespaces(Creation.ANOTHER_PROCESS_WINS);

    TidemarkCatalog.createIfMissing(catalog, SALES);

    assertThat(catalog.namespaceExists(SALES)).isTrue();
    assertThat(catalog.attempts).isEqualTo(1);
  }

  @Test
  void aCreationThatFailsWithoutTheNamespaceAppearingIsReported() {
    Namespaces catalog = new Namespaces(Creation.FAILS);

    assertThatThrownBy(() -> TidemarkCatalog.createIfMissing(catalog, SALES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the catalog is read-only");
    assertThat(catalog.namespaceExists(SALES)).isFalse();
  }

  @Test
  void aNamespaceThatExistsIsNotCreatedAgain() {
    Namespaces catalog = new Namespaces(Creation.FAILS);
    catalog.existing.add(SALES);

    TidemarkCatalog.createIfMissing(catalog, SALES);

    assertThat(catalog.attempts).isZero();
  }

  private enum Creation {
    /** Another process creates the namespace first; this one's insert then fails on the catalog's unique key. */
    ANOTHER_PROCESS_WINS,
    /** The creation fails and nothing is created. */
    FAILS
  }

  private static final class Namespaces implements SupportsNamespaces {
    private final Creation creation;
    private final Set<Namespace> existing = new HashSet<>();
    private int attempts;

    Namespaces(Creation creation) {
      this.creation = creation;
    }

    @Override
    public void createNamespace(Namespace namespace, Map<String, String> metadata) {
      attempts++;
      if (creation == Creation.ANOTHER_PROCESS_WINS) {
        existing.add(namespace);
        throw new IllegalStateException("UNIQUE constraint failed: iceberg_namespace_properties");
      }
      throw new IllegalStateException("the catalog is read-only");
    }

    @Override
    public List<Namespace> listNamespaces(Namespace namespace) {
      return List.copyOf(existing);
    }

    @Override
    public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
      if (!existing.contains(namespace)) {
        throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
      }
      return Map.of();
    }

    @Override
    public boolean dropNamespace(Namespace namespace) {
      return existing.remove(namespace);
    }

    @Override
    public boolean setProperties(Namespace namespace, Map<String, String> properties) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeProperties(Namespace namespace, Set<String> properties) {
      throw new UnsupportedOperationException();
    }
  }
}
