package dev.flern.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private static Schema schema(Object... nameTypePairs) {
    List<ColumnDef> cols = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2)
      cols.add(new ColumnDef((String) nameTypePairs[i], (SqlType) nameTypePairs[i + 1], true));
    return new Schema(cols);
  }

  private static List<List<Object>> rows(Table t) {
    List<List<Object>> out = new ArrayList<>();
    for (long r = 0; r < t.rowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < t.schema().size(); c++) row.add(t.get(r, c));
      out.add(row);
    }
    return out;
  }

  private static List<Object> row(Object... v) {
    return Arrays.asList(v);
  }

  private static CsvOptions declared(Schema s) {
    return CsvOptions.defaults().withColumns(s);
  }

  // ---- quoting and line structure ----

  @Test
  void quotingEscapingAndEmbeddedLineBreaks() throws IOException {
    Path p = file("q.csv", "id,text\n"
        + "1,plain\n"
        + "2,\"with, comma\"\n"
        + "3,\"say \"\"hi\"\"\"\n"
        + "4,\"two\nlines\"\n"
        + "5,\"\"\n"
        + "6,\n"
        + "7,\"\"\"\"\n"
        + "8,\"crlf\r\ninside\"\n");
    Table t = CsvReader.read(p, declared(schema("id", SqlType.INTEGER, "text", SqlType.VARCHAR)));
    assertEquals(List.of(
        row(1, "plain"), row(2, "with, comma"), row(3, "say \"hi\""), row(4, "two\nlines"),
        row(5, ""), row(6, null), row(7, "\""), row(8, "crlf\r\ninside")), rows(t));
  }

  @Test
  void crlfBomAndMissingFinalNewline() throws IOException {
    byte[] body = "a;b\r\n1;x\r\n2;\"y;z\"".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Path p = file("bom.csv", withBom);
    CsvOptions o = new CsvOptions(true, ';', '"', "", Optional.empty());
    Table t = CsvReader.read(p, o);
    assertEquals("a", t.schema().get(0).name());
    assertEquals(SqlType.BIGINT, t.schema().get(0).type());
    assertEquals(List.of(row(1L, "x"), row(2L, "y;z")), rows(t));
  }

  @Test
  void nullString() throws IOException {
    Path p = file("n.csv", "a,b,c\nNA,NA,\"NA\"\n,,\"\"\n5,x,y\n");
    CsvOptions o = new CsvOptions(true, ',', '"', "NA",
        Optional.of(schema("a", SqlType.INTEGER, "b", SqlType.VARCHAR, "c", SqlType.VARCHAR)));
    // An unquoted NA is NULL, a quoted one is the string; an empty field is NULL only where it
    // cannot be a value (INTEGER), and the empty string in a VARCHAR column.
    assertEquals(List.of(row(null, null, "NA"), row(null, "", ""), row(5, "x", "y")), rows(CsvReader.read(p, o)));
  }

  @Test
  void noHeaderAndBlankLines() throws IOException {
    Path p = file("nh.csv", "1,2\n\n3,4\n");
    Table t = CsvReader.read(p, new CsvOptions(false, ',', '"', "", Optional.empty()));
    assertEquals(List.of("column0", "column1"), t.schema().columns().stream().map(ColumnDef::name).toList());
    assertEquals(List.of(row(1L, 2L), row(3L, 4L)), rows(t));
    // One column: an empty line is a NULL, not nothing.
    Path one = file("one.csv", "v\nx\n\ny\n");
    assertEquals(List.of(row("x"), row((Object) null), row("y")),
        rows(CsvReader.read(one, declared(schema("v", SqlType.VARCHAR)))));
  }

  @Test
  void largeRecordsAcrossBufferBoundaries() throws IOException {
    StringBuilder sb = new StringBuilder("k,v\n");
    String big = "x".repeat(3 << 20); // larger than the read buffer
    sb.append("1,\"").append(big).append("\"\"q\"\n");
    for (int i = 2; i < 50_000; i++) sb.append(i).append(",\"row ").append(i).append("\"\n");
    Table t = CsvReader.read(file("big.csv", sb.toString()), CsvOptions.defaults());
    assertEquals(49_999, t.rowCount());
    assertEquals(big + "\"q", t.get(0, 1));
    assertEquals("row 49999", t.get(49_998, 1));
    assertEquals(49_999L, t.get(49_998, 0));
  }

  // ---- declared types ----

  @Test
  void declaredTypes() throws IOException {
    Path p = file("t.csv", "b,i,l,d,m,w,dt,s\n"
        + "true,1,10,1.5,12.345,123456789012345678901.125,2024-02-29,héllo\n"
        + "F, -7 ,-9223372036854775808,-1e3,-0.005,-0.5,1970-01-01,\"\"\n"
        + "yes,2147483647,9223372036854775807,NaN,99999999.994,1e3,0001-01-01,x\n"
        + "0,,,,,,,\n");
    Schema s = schema("b", SqlType.BOOLEAN, "i", SqlType.INTEGER, "l", SqlType.BIGINT, "d", SqlType.DOUBLE,
        "m", SqlType.decimal(10, 2), "w", SqlType.decimal(30, 2), "dt", SqlType.DATE, "s", SqlType.VARCHAR);
    Table t = CsvReader.read(p, declared(s));
    assertEquals(List.of(
        row(true, 1, 10L, 1.5, new BigDecimal("12.35"), new BigDecimal("123456789012345678901.13"),
            LocalDate.of(2024, 2, 29), "héllo"),
        row(false, -7, Long.MIN_VALUE, -1000.0, new BigDecimal("-0.01"), new BigDecimal("-0.50"),
            LocalDate.EPOCH, ""),
        row(true, Integer.MAX_VALUE, Long.MAX_VALUE, Double.NaN, new BigDecimal("99999999.99"),
            new BigDecimal("1000.00"), LocalDate.of(1, 1, 1), "x"),
        row(false, null, null, null, null, null, null, null)), rows(t));
  }

  @Test
  void decimalRoundsHalfAwayFromZero() throws IOException {
    Path p = file("d.csv", "m\n0.125\n-0.125\n0.124\n-0.135\n2.5e-2\n.5\n-.005\n");
    Table t = CsvReader.read(p, declared(schema("m", SqlType.decimal(4, 2))));
    assertEquals(List.of(row(new BigDecimal("0.13")), row(new BigDecimal("-0.13")), row(new BigDecimal("0.12")),
        row(new BigDecimal("-0.14")), row(new BigDecimal("0.03")), row(new BigDecimal("0.50")),
        row(new BigDecimal("-0.01"))), rows(t));
  }

  @Test
  void declaredWithoutHeaderAndEmptyFile() throws IOException {
    Schema s = schema("a", SqlType.BIGINT);
    assertEquals(0, CsvReader.read(file("e.csv", ""), declared(s)).rowCount());
    assertEquals(0, CsvReader.read(file("h.csv", "a\n"), declared(s)).rowCount());
    Path p = file("nh.csv", "5\n6");
    assertEquals(List.of(row(5L), row(6L)),
        rows(CsvReader.read(p, new CsvOptions(false, ',', '"', "", Optional.of(s)))));
  }

  // ---- inference ----

  @Test
  void infersNarrowestType() throws IOException {
    Path p = file("inf.csv", "b,i,d,dt,s,n,mix\n"
        + "true,1,1.5,2024-01-01,abc,,1\n"
        + "FALSE,-2,3,2024-12-31,1,,2024-01-01\n"
        + ",,,,,,\n");
    Table t = CsvReader.read(p, CsvOptions.defaults());
    assertEquals(List.of(SqlType.BOOLEAN, SqlType.BIGINT, SqlType.DOUBLE, SqlType.DATE, SqlType.VARCHAR,
        SqlType.VARCHAR, SqlType.VARCHAR), t.schema().columns().stream().map(ColumnDef::type).toList());
    assertEquals(List.of(
        row(true, 1L, 1.5, LocalDate.of(2024, 1, 1), "abc", null, "1"),
        row(false, -2L, 3.0, LocalDate.of(2024, 12, 31), "1", null, "2024-01-01"),
        row(null, null, null, null, null, null, null)), rows(t));
  }

  @Test
  void valuesBeyondTheSampleWidenTheColumn() throws IOException {
    StringBuilder sb = new StringBuilder("a,b,c\n");
    int n = CsvReader.SAMPLE_ROWS + 500;
    for (int i = 0; i < n; i++) {
      String a = i == n - 10 ? "2.5" : Integer.toString(i);
      String b = i == n - 1 ? "oops" : Integer.toString(i);
      sb.append(a).append(',').append(b).append(",true\n");
    }
    Table t = CsvReader.read(file("w.csv", sb.toString()), CsvOptions.defaults());
    assertEquals(List.of(SqlType.DOUBLE, SqlType.VARCHAR, SqlType.BOOLEAN),
        t.schema().columns().stream().map(ColumnDef::type).toList());
    assertEquals(n, t.rowCount());
    assertEquals(2.5, t.get(n - 10, 0));
    assertEquals(7.0, t.get(7, 0));
    assertEquals("oops", t.get(n - 1, 1));
    assertEquals("17", t.get(17, 1));
  }

  @Test
  void duplicateAndEmptyHeaderNames() throws IOException {
    Table t = CsvReader.read(file("dup.csv", "x,X,,x\n1,2,3,4\n"), CsvOptions.defaults());
    assertEquals(List.of("x", "X_1", "column2", "x_2"), t.schema().columns().stream().map(ColumnDef::name).toList());
  }

  // ---- errors ----

  private void assertError(String content, CsvOptions options, String expected) throws IOException {
    Path p = file("data.csv", content);
    FlernException e = assertThrows(FlernException.class, () -> CsvReader.read(p, options));
    assertEquals(p + expected, e.getMessage());
  }

  @Test
  void errorsNameFileLineAndColumn() throws IOException {
    CsvOptions o = declared(new Schema(List.of(
        new ColumnDef("id", SqlType.INTEGER, false),
        new ColumnDef("name", SqlType.VARCHAR, true),
        new ColumnDef("price", SqlType.decimal(10, 2), true))));
    assertError("id,name,price\n1,a,1.00\n2,b,abc\n", o, ":3: column 3 \"price\": invalid DECIMAL(10,2) value \"abc\"");
    assertError("id,name,price\n1,\"a\nb\",1.00\n2,b,123456789.5\n", o,
        ":4: column 3 \"price\": value \"123456789.5\" is out of range for DECIMAL(10,2)");
    assertError("id,name,price\n1,a\n", o, ":2: expected 3 fields, found 2 (column 3 \"price\" is missing)");
    assertError("id,name,price\n1,a,2,3\n", o, ":2: expected 3 fields, found 4 (column 4 is extra)");
    assertError("id,name,price\n1,a,2\n2,\"open,3\n3,c,4\n", o, ":3: column 2 \"name\": unterminated quoted field");
    assertError("id,name,price\n1,\"a\"b,2\n", o, ":2: column 2 \"name\": unexpected text after a closing quote");
    assertError("id,name,price\n,a,2\n", o, ":2: column 1 \"id\": null value violates not-null constraint");
    assertError("id,name,price\n3000000000,a,2\n", o, ":2: column 1 \"id\": value \"3000000000\" is out of range for INTEGER");
    assertError("id,name,price\r\n1,a,2\r\nx,a,2\r\n", o, ":3: column 1 \"id\": invalid INTEGER value \"x\"");
    CsvOptions d = declared(schema("d", SqlType.DATE, "b", SqlType.BOOLEAN));
    assertError("d,b\n2024-02-30,true\n", d, ":2: column 1 \"d\": invalid DATE value \"2024-02-30\"");
    assertError("d,b\n2024-02-28,maybe\n", d, ":2: column 2 \"b\": invalid BOOLEAN value \"maybe\"");
    assertError("a,b\n1,2\n3\n", CsvOptions.defaults(), ":3: expected 2 fields, found 1 (column 2 \"b\" is missing)");
  }

  @Test
  void invalidUtf8AndMissingFile() throws IOException {
    Path p = file("bad.csv", new byte[] {'s', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
    FlernException e = assertThrows(FlernException.class,
        () -> CsvReader.read(p, declared(schema("s", SqlType.VARCHAR))));
    assertEquals(p + ":3: column 1 \"s\": invalid UTF-8 in the value", e.getMessage());
    e = assertThrows(FlernException.class, () -> CsvReader.read(dir.resolve("nope.csv"), CsvOptions.defaults()));
    assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("no such file"), e.getMessage());
    e = assertThrows(FlernException.class, () -> CsvReader.read(file("empty.csv", ""), CsvOptions.defaults()));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }
}
