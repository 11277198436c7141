package io.tidemark.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problem.Severity;
import io.tidemark.api.validation.Problems;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripts match the codes, so each one is unique, lies in its category's hundred, and prints in one form. */
class ErrorCodeTest {
  /** The ranges as documented in docs/errors.md, written out here rather than read from the categories. */
  private static final Map<ErrorCategory, Integer> HUNDREDS = Map.of(
      ErrorCategory.INVALID_DEFINITION, 1, ErrorCategory.INVALID_ARGUMENT, 2, ErrorCategory.INVALID_DATA, 3,
      ErrorCategory.TABLE_STATE, 4, ErrorCategory.CONFLICT, 5, ErrorCategory.INPUTS_NOT_READY, 6,
      ErrorCategory.ENVIRONMENT, 7);

  @Test
  void everyNumberIsUsedOnce() {
    List<Integer> numbers = Arrays.stream(ErrorCode.values()).map(ErrorCode::number).toList();

    assertThat(numbers).doesNotHaveDuplicates();
  }

  @Test
  void everyNumberLiesInTheHundredOfItsCategory() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.number() / 100).as(code.name()).isEqualTo(HUNDREDS.get(code.category()));
      assertThat(code.number()).as(code.name()).isBetween(code.category().firstCode(),
          code.category().firstCode() + 99);
    }
  }

  @Test
  void aCodeIsPrintedAsTmDashNumber() {
    assertThat(ErrorCode.MISSING_TABLE.render()).isEqualTo("TM-111");
    assertThat(ErrorCode.CONCURRENT_COMMIT.render()).isEqualTo("TM-501");
    assertThat(ErrorCode.INVALID_DEFINITION.render()).isEqualTo("TM-100");
  }

  @Test
  void anExceptionsMessageStartsWithItsCodeAndItsCategoryComesFromIt() {
    TidemarkException e = new TidemarkException(ErrorCode.HASH_FROM_OTHER_ALGORITHM, "Cannot compare. Fix: rehash");

    assertThat(e).hasMessage("TM-401 Cannot compare. Fix: rehash");
    assertThat(e.withoutCode()).isEqualTo("Cannot compare. Fix: rehash");
    assertThat(e.code()).isEqualTo(ErrorCode.HASH_FROM_OTHER_ALGORITHM);
    assertThat(e.category()).isEqualTo(ErrorCategory.TABLE_STATE);
  }

  @Test
  void aProblemLineStartsWithItsCodeAndAWarningHasNone() {
    Problem error = new Problem(Severity.ERROR, ErrorCode.MISSING_COLUMN, "joins/team/a.v1", "joinParts[0]",
        "key user_id is not a column of data.events", "select user_id");
    Problem wholeFile = new Problem(Severity.ERROR, ErrorCode.MALFORMED_JSON, "joins/team/a.v1", "",
        "is not a JSON object", "write the definition as a JSON object { ... }");
    Problem warning = new Problem(Severity.WARNING, null, "joins/team/a.v1", "team", "is not a field Tidemark reads",
        null);

    assertThat(error.render()).isEqualTo("TM-112 joins/team/a.v1: joinParts[0]: key user_id is not a column of "
        + "data.events. Fix: select user_id");
    assertThat(wholeFile.render()).isEqualTo("TM-101 joins/team/a.v1: is not a JSON object. Fix: write the definition "
        + "as a JSON object { ... }");
    assertThat(warning.render()).isEqualTo("joins/team/a.v1: team: is not a field Tidemark reads");
  }

  @Test
  void anInvalidDefinitionShowsEachProblemsCodeOnItsLineAndNoneOnTheHeading() {
    Problems problems = new Problems();
    problems.error(ErrorCode.MISSING_FIELD, "joins/team/a.v1", "metaData.outputNamespace", "is required for a join",
        "name the namespace");
    problems.error(ErrorCode.TYPE_MISMATCH, "joins/team/a.v1", "joinParts[0].keyMapping", "key user_id is bigint in "
        + "data.events but string on the left", "cast it");

    InvalidDefinitionException e = new InvalidDefinitionException(problems.errors());

    assertThat(e).hasMessage("Invalid definitions (2 problems):\n"
        + "  TM-103 joins/team/a.v1: metaData.outputNamespace: is required for a join. Fix: name the namespace\n"
        + "  TM-113 joins/team/a.v1: joinParts[0].keyMapping: key user_id is bigint in data.events but string on the "
        + "left. Fix: cast it");
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DEFINITION);
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_DEFINITION);
  }
}
