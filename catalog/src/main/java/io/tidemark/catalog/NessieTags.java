package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.util.Optional;
import org.projectnessie.client.NessieClientBuilder;
import org.projectnessie.client.api.NessieApiV2;
import org.projectnessie.client.auth.BearerAuthenticationProvider;
import org.projectnessie.error.NessieBadRequestException;
import org.projectnessie.error.NessieConflictException;
import org.projectnessie.error.NessieNotFoundException;
import org.projectnessie.model.Reference;

/**
 * Tags of a Nessie catalog: each names every table and view of the catalog as they were at one Nessie commit, which
 * is what an audit wants to keep ("everything model v3 saw"). Tags are created once and never moved.
 */
final class NessieTags implements CatalogTags {
  private final NessieCatalogConfig catalog;
  private final NessieApiV2 api;

  NessieTags(NessieCatalogConfig catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    NessieClientBuilder builder = NessieClientBuilder.createClientBuilder(null, null).withUri(catalog.apiUri());
    catalog.token().ifPresent(token -> builder.withAuthentication(BearerAuthenticationProvider.create(token.value())));
    this.api = builder.build(NessieApiV2.class);
  }

  @Override
  public String ref() {
    return catalog.ref();
  }

  @Override
  public String describe() {
    return catalog.describe();
  }

  @Override
  public Optional<Tag> find(String name) {
    try {
      Reference reference = api.getReference().refName(name).get();
      return reference instanceof org.projectnessie.model.Tag tag
          ? Optional.of(new Tag(tag.getName(), tag.getHash())) : Optional.empty();
    } catch (NessieNotFoundException | NessieBadRequestException e) {
      // No such reference, or not a valid reference name (a time or a snapshot id): not a tag.
      return Optional.empty();
    }
  }

  @Override
  public Tag createOnCurrent(String name) {
    try {
      Reference source = api.getReference().refName(catalog.ref()).get();
      Reference created = api.createReference().sourceRefName(source.getName())
          .reference(org.projectnessie.model.Tag.of(name, source.getHash())).create();
      return new Tag(created.getName(), created.getHash());
    } catch (NessieConflictException e) {
      throw new TidemarkException(ErrorCode.INVALID_TAG, "Cannot tag the catalog as " + name + ": Nessie has "
          + "a branch or tag of that name already. Fix: pick another name; tags are never moved, so " + name
          + " keeps naming what it names", e);
    } catch (NessieNotFoundException e) {
      throw new TidemarkException(ErrorCode.INVALID_CATALOG_FILE, "Cannot tag the catalog: " + catalog.describe()
          + " names a ref Nessie does not have. Fix: set ref in the catalog file to an existing branch", e);
    } catch (IllegalArgumentException e) {
      throw new TidemarkException(ErrorCode.INVALID_TAG, "Cannot tag the catalog as '" + name + "': "
          + e.getMessage() + ". Fix: pick a name of letters, digits, -, _ and . such as model-v3", e);
    }
  }

  @Override
  public Optional<Tag> delete(String name) {
    Optional<Tag> tag = find(name);
    if (tag.isEmpty()) {
      return Optional.empty();
    }
    try {
      api.deleteTag().tagName(name).hash(tag.get().commit()).delete();
      return tag;
    } catch (NessieNotFoundException e) {
      return Optional.empty();
    } catch (NessieConflictException e) {
      throw new TidemarkException(ErrorCode.TAG_CHANGED, "Cannot remove the tag " + name + ": it changed while "
          + "being removed. Fix: run the command again", e);
    }
  }

  @Override
  public void close() {
    api.close();
  }
}
