package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatterTest {
  @Test
  void everyTypeAndNulls() {
    assertEquals("b,i,l,d,m,dt,s\r\n"
        + "true,42,-9000000000,2.5,12.50,2024-02-29,héllo\r\n"
        + ",,,,,,\r\n", Rows.format(new CsvFormatter(), Rows.everyType()));
  }

  @Test
  void quotesOnlyWhatNeedsIt() {
    Tabular t = Rows.of(List.of("a,b", "say \"hi\""), List.of(SqlType.VARCHAR, SqlType.VARCHAR),
        List.of("x,y", "he said \"no\""), List.of("two\nlines", "cr\rhere"), List.of("", "  spaced  "));
    assertEquals("\"a,b\",\"say \"\"hi\"\"\"\r\n"
        + "\"x,y\",\"he said \"\"no\"\"\"\r\n"
        + "\"two\nlines\",\"cr\rhere\"\r\n"
        + "\"\",  spaced  \r\n", Rows.format(new CsvFormatter(), t));
  }

  @Test
  void doublesNotANumber() {
    Tabular t = Rows.of(List.of("d"), List.of(SqlType.DOUBLE), List.of(Double.NaN), List.of(Double.NEGATIVE_INFINITY), List.of(1e20));
    assertEquals("d\r\nNaN\r\n-Infinity\r\n1e+20\r\n", Rows.format(new CsvFormatter(), t));
  }
}
