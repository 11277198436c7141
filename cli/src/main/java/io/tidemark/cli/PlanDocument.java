package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.time.Day;
import io.tidemark.engine.BackfillPlan;
import io.tidemark.engine.PlannedStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A backfill plan as text for people or JSON fields for programs. */
record PlanDocument(BackfillPlan plan) {
  PlanDocument {
    requireNonNull(plan, "plan is null");
  }

  static PlanDocument of(BackfillPlan plan) {
    return new PlanDocument(plan);
  }

  String text() {
    return plan.describe();
  }

  Map<String, Object> json() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", plan.kind());
    fields.put("definition", plan.definition());
    fields.put("table", plan.outputTable().toString());
    fields.put("table_state", plan.tableState().name().toLowerCase(Locale.ROOT));
    fields.put("has_work", plan.hasWork());
    fields.put("decisions", plan.decisions());
    fields.put("days_from", plan.summary().source());
    fields.put("start_ds", plan.fill().start().map(Day::toString).orElse(null));
    fields.put("end_ds", plan.fill().end().map(Day::toString).orElse(null));
    fields.put("missing_days", Day.texts(plan.fill().missing()));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      Map<String, Object> fieldsOfStep = new LinkedHashMap<>();
      fieldsOfStep.put("kind", step.kind().description());
      fieldsOfStep.put("days", Day.texts(step.days()));
      steps.add(fieldsOfStep);
    }
    fields.put("steps", steps);
    fields.put("details", plan.summary().details());
    return fields;
  }
}
