package io.tidemark.api.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {
  private static final String SQL = "SELECT * FROM data.t WHERE ds BETWEEN '{{ start_date }}' AND '{{end_date}}' "
      + "AND ds <= '{{ latest_date }}' AND x >= (SELECT 1 FROM u WHERE ds = '{{ max_date(table=data.u) }}')";

  @Test
  void rendersTheFourMacrosAsPlainText() {
    QueryTemplate template = new QueryTemplate(SQL);

    assertThat(template.unknownMacros()).isEmpty();
    assertThat(template.maxDateTables()).containsExactly("data.u");
    assertThat(template.render("2023-11-01", "2023-11-07", "2023-11-30", Map.of("data.u", "2023-11-29")::get))
        .isEqualTo("SELECT * FROM data.t WHERE ds BETWEEN '2023-11-01' AND '2023-11-07' AND ds <= '2023-11-30' "
            + "AND x >= (SELECT 1 FROM u WHERE ds = '2023-11-29')");
  }

  @Test
  void findsUnknownAndMalformedMacros() {
    assertThat(new QueryTemplate("SELECT '{{ today }}', '{{ max_date(tbl=x.y) }}', '{{ start_date(1) }}'")
        .unknownMacros()).containsExactly("{{ today }}", "{{ max_date(tbl=x.y) }}", "{{ start_date(1) }}");
    assertThat(new QueryTemplate("SELECT '{{ end_date }}', '{{ start_date'").unknownMacros())
        .containsExactly("{{ start_date'");
  }
}
