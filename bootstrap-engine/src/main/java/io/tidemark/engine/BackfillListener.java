package io.tidemark.engine;

import java.util.List;

/** Progress of a running backfill; steps are numbered from 1. */
public interface BackfillListener {
  BackfillListener NONE = new BackfillListener() {};

  default void stepStarted(int step, int steps, PlannedStep planned) {}

  default void stepFinished(int step, int steps, StepResult result) {}
}
