package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every command, for schedulers: each tells what to do next (nothing, fix, retry, rerun). */
enum ExitCode {
  DONE(0, "done, or nothing to do"),
  FAILED(1, "failed at run time (data that breaks a rule, Spark, the catalog); what was committed stands"),
  INVALID(2, "invalid definition or usage; nothing was run or written"),
  INPUTS_NOT_READY(3, "inputs not ready: a left or source partition the run needs is missing; retry later"),
  CONFLICT(4, "conflict with another run that committed to the same table; run again to finish");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  int code() {
    return code;
  }

  String meaning() {
    return meaning;
  }

  static ExitCode of(ErrorCategory category) {
    return switch (category) {
      case INPUTS_NOT_READY -> INPUTS_NOT_READY;
      case CONFLICT -> CONFLICT;
      default -> category.isUserInput() ? INVALID : FAILED;
    };
  }

  /** The list printed under every command's help. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exit : values()) {
      list.put(Integer.toString(exit.code), exit.meaning);
    }
    return list;
  }
}
