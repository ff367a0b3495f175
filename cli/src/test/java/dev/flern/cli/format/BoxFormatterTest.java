package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxFormatterTest {
  @Test
  void everyTypeAndNulls() {
    assertEquals("""
        ┌──────┬──────┬─────────────┬──────┬───────┬────────────┬───────┐
        │ b    │    i │           l │    d │     m │ dt         │ s     │
        ├──────┼──────┼─────────────┼──────┼───────┼────────────┼───────┤
        │ true │   42 │ -9000000000 │  2.5 │ 12.50 │ 2024-02-29 │ héllo │
        │ NULL │ NULL │        NULL │ NULL │  NULL │ NULL       │ NULL  │
        └──────┴──────┴─────────────┴──────┴───────┴────────────┴───────┘
        (2 rows)
        """, Rows.format(new BoxFormatter(0), Rows.everyType()));
  }

  @Test
  void emptyResultKeepsTheHeader() {
    Tabular t = Tabular.of(List.of("name"), List.of(SqlType.VARCHAR), List.of());
    assertEquals("""
        ┌──────┐
        │ name │
        ├──────┤
        └──────┘
        (0 rows)
        """, Rows.format(new BoxFormatter(0), t));
  }

  @Test
  void oneRowIsSingular() {
    Tabular t = Rows.of(List.of("x"), List.of(SqlType.INTEGER), List.of(7));
    assertEquals("""
        ┌───┐
        │ x │
        ├───┤
        │ 7 │
        └───┘
        (1 row)
        """, Rows.format(new BoxFormatter(0), t));
  }

  @Test
  void wideCharactersAndControlsKeepTheBorderStraight() {
    Tabular t = Rows.of(List.of("name", "n"), List.of(SqlType.VARCHAR, SqlType.BIGINT),
        List.of("李娜", 1L), List.of("a\tb", 22L));
    assertEquals("""
        ┌──────┬────┐
        │ name │  n │
        ├──────┼────┤
        │ 李娜 │  1 │
        │ a\\tb │ 22 │
        └──────┴────┘
        (2 rows)
        """, Rows.format(new BoxFormatter(0), t));
  }

  @Test
  void longResultsShowTheFirstAndLastRows() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) rows.add(List.of(i));
    Tabular t = Tabular.of(List.of("n"), List.of(SqlType.INTEGER), rows);
    assertEquals("""
        ┌────┐
        │  n │
        ├────┤
        │  1 │
        │  2 │
        │  3 │
        │  … │
        │  9 │
        │ 10 │
        └────┘
        (10 rows, 5 shown)
        """, Rows.format(new BoxFormatter(5), t));
    // A limit the result fits in changes nothing.
    assertEquals(Rows.format(new BoxFormatter(0), t), Rows.format(new BoxFormatter(10), t));
  }

  @Test
  void noColumns() {
    Tabular t = Tabular.of(List.of(), List.of(), List.of(List.of(), List.of()));
    assertEquals("(2 rows)\n", Rows.format(new BoxFormatter(0), t));
  }
}
