package io.tidemark.api.definition;

/** The two kinds of source data: immutable events, or entities kept as daily snapshots. */
public enum DataModel {
  EVENTS,
  ENTITIES
}
