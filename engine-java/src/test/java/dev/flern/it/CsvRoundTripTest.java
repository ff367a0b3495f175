package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import dev.flern.SqlType;
import dev.flern.csv.CsvOptions;
import dev.flern.csv.CsvWriter;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.TableBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables of every type, NULLs and awkward text included, go to CSV and come back through SQL —
 * {@code COPY t FROM 'file'} and {@code SELECT * FROM read_csv('file')} — with every value intact; a
 * bad row makes COPY fail with the file, line and column in the message and leaves the table as it was.
 */
class CsvRoundTripTest {
  static final String COLUMNS = "id INTEGER NOT NULL, b BOOLEAN, i INTEGER, l BIGINT, x DOUBLE, m DECIMAL(12,2), "
      + "w DECIMAL(30,4), z DECIMAL(38,10), d DATE, s VARCHAR";
  static final Schema SCHEMA = new Schema(List.of(
      new ColumnDef("id", SqlType.INTEGER, false), new ColumnDef("b", SqlType.BOOLEAN, true),
      new ColumnDef("i", SqlType.INTEGER, true), new ColumnDef("l", SqlType.BIGINT, true),
      new ColumnDef("x", SqlType.DOUBLE, true), new ColumnDef("m", SqlType.decimal(12, 2), true),
      new ColumnDef("w", SqlType.decimal(30, 4), true), new ColumnDef("z", SqlType.decimal(38, 10), true),
      new ColumnDef("d", SqlType.DATE, true), new ColumnDef("s", SqlType.VARCHAR, true)));

  static final String[] TEXT = {"", " ", "  padded  ", "a,b", "say \"hi\"", "\"", "line1\nline2", "cr\r\nlf", "NA", "NULL",
      "null", "日本語", "tab\there", "\uFEFFbom", "'; DROP TABLE t; --", "back\\slash", "x".repeat(40), "€", "😀", "0", "-"};
  static final double[] DOUBLES = {0.0, -0.0, 0.1, -2.5, 1e300, -1e-300, 4.9e-324, Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123456789.123456789, 1.0 / 3};
  static final LocalDate[] DATES = {LocalDate.of(1970, 1, 1), LocalDate.of(2000, 2, 29), LocalDate.of(1900, 2, 28),
      LocalDate.of(9999, 12, 31), LocalDate.of(1, 1, 1), LocalDate.of(1969, 12, 31)};

  @TempDir Path dir;
  Flern db;
  FlernConnection c;

  @BeforeEach
  void open() {
    db = Flern.open();
    c = db.connect();
  }

  @AfterEach
  void close() {
    c.close();
    db.close();
  }

  static Object randomValue(Random r, SqlType t, int row) {
    return switch (t.kind()) {
      case FLOAT_ARRAY -> {
        float[] v = new float[t.length()];
        for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian();
        yield v;
      }
      case BOOLEAN -> r.nextBoolean();
      case INTEGER -> switch (r.nextInt(6)) {
        case 0 -> Integer.MIN_VALUE;
        case 1 -> Integer.MAX_VALUE;
        default -> r.nextInt();
      };
      case BIGINT -> switch (r.nextInt(6)) {
        case 0 -> Long.MIN_VALUE;
        case 1 -> Long.MAX_VALUE;
        default -> r.nextLong();
      };
      case DOUBLE -> r.nextInt(3) == 0 ? r.nextGaussian() * 1e6 : DOUBLES[r.nextInt(DOUBLES.length)];
      case DECIMAL -> {
        BigDecimal max = BigDecimal.TEN.pow(t.precision() - t.scale()).subtract(BigDecimal.ONE.movePointLeft(t.scale()));
        yield switch (r.nextInt(5)) {
          case 0 -> max;
          case 1 -> max.negate();
          default -> new BigDecimal(new java.math.BigInteger(t.precision() * 3, r), t.scale())
              .remainder(max).multiply(BigDecimal.valueOf(r.nextBoolean() ? 1 : -1));
        };
      }
      case DATE -> r.nextInt(3) == 0 ? DATES[r.nextInt(DATES.length)] : LocalDate.ofEpochDay(r.nextInt(40_000) - 10_000);
      case VARCHAR -> r.nextInt(3) == 0 ? ExprGen.randomText(r, 10) : TEXT[(row + r.nextInt(3)) % TEXT.length];
    };
  }

  static List<Object[]> randomRows(long seed, int n) {
    Random r = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[SCHEMA.size()];
      row[0] = i;
      for (int col = 1; col < row.length; col++)
        row[col] = r.nextInt(6) == 0 ? null : randomValue(r, SCHEMA.get(col).type(), i);
      rows.add(row);
    }
    return rows;
  }

  Path write(List<Object[]> rows, CsvOptions options, String name) {
    TableBuilder b = new TableBuilder(SCHEMA);
    rows.forEach(b::appendRow);
    Path file = dir.resolve(name);
    CsvWriter.write(b.build(), file, options);
    return file;
  }

  /** The rows of a query ordered by its first column (id), exactly as the engine returns them. */
  static void assertRows(List<Object[]> expected, Result r, boolean exactTypes, String what) {
    assertEquals(expected.size(), r.rowCount(), what + ": row count");
    for (int i = 0; i < expected.size(); i++) {
      for (int col = 0; col < SCHEMA.size(); col++) {
        Object want = expected.get(i)[col], got = r.get(i, col);
        String where = what + ": row " + i + ", column " + SCHEMA.get(col).name();
        if (exactTypes) {
          if (want instanceof BigDecimal w && got instanceof BigDecimal g) assertEquals(0, w.compareTo(g), where + ": " + w + " vs " + g);
          else if (want instanceof Double w && got instanceof Double g) assertEquals(w, g, 0.0, where);
          else assertEquals(want, got, where);
        } else {
          assertTrue(Cells.same(Cells.normalise(want), Cells.normalise(got)) || looseText(want, got),
              where + ": wrote " + show(want) + ", read " + show(got));
        }
      }
    }
  }

  /** Inferred columns may turn text that looks like something else into that something. */
  private static boolean looseText(Object want, Object got) {
    return want != null && got != null && (want instanceof Double || got instanceof Double)
        && Cells.same(Cells.normalise(want instanceof Double ? want : Double.valueOf(want.toString())),
            Cells.normalise(got instanceof Double ? got : Double.valueOf(got.toString())));
  }

  private static String show(Object v) {
    return v == null ? "NULL" : v + " (" + v.getClass().getSimpleName() + ")";
  }

  @Test
  void copyAndReadCsvGiveBackEveryValue() {
    c.execute("CREATE TABLE back (" + COLUMNS + ")");
    long total = 0;
    for (long seed = 1; seed <= 4; seed++) {
      List<Object[]> rows = randomRows(seed, 50 + (int) seed * 40);
      Path file = write(rows, CsvOptions.defaults(), "data" + seed + ".csv");
      String path = SqlText.quote(file.toString());

      c.execute("DROP TABLE back");
      c.execute("CREATE TABLE back (" + COLUMNS + ")");
      Result copied = c.execute("COPY back FROM " + path + " (HEADER)");
      assertEquals(rows.size(), copied.updateCount());
      assertRows(rows, c.execute("SELECT * FROM back ORDER BY id"), true, "COPY seed " + seed);

      assertRows(rows, c.execute("SELECT * FROM read_csv(" + path + ", columns => " + SqlText.quote(COLUMNS) + ") ORDER BY id"),
          true, "read_csv with columns, seed " + seed);
      total += rows.size();
    }
    assertEquals(50L + 4 * 40, c.execute("SELECT count(*) FROM back").get(0, 0));
    assertEquals(50 * 4 + 40 * 10, total);
  }

  @Test
  void readCsvInfersTypesThatHoldTheValues() {
    // Without declared columns the types are inferred: values must come back equal as numbers,
    // dates, booleans or text, whatever type was chosen.
    List<Object[]> rows = randomRows(7, 120);
    for (Object[] row : rows) {
      // Text that reads as a number or as NULL would make its column numeric or lose the value; keep
      // the inferred test to text that stays text.
      if (row[9] != null && (row[9].equals("") || ((String) row[9]).matches("[-0-9. ]*|NA|NULL|null"))) row[9] = "t" + row[9];
    }
    Path file = write(rows, CsvOptions.defaults(), "infer.csv");
    Result r = c.execute("SELECT * FROM read_csv(" + SqlText.quote(file.toString()) + ") ORDER BY id");
    assertRows(rows, r, false, "read_csv inferred " + r.columnTypes());
  }

  @Test
  void optionsOfCopyAreHonoured() throws IOException {
    c.execute("CREATE TABLE back (" + COLUMNS + ")");
    List<Object[]> rows = randomRows(11, 80);
    CsvOptions semicolon = new CsvOptions(false, ';', '"', "NA", Optional.empty());
    Path file = write(rows, semicolon, "semi.csv");
    assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains(";NA;") || rows.stream().noneMatch(x -> x[5] == null));
    c.execute("COPY back FROM " + SqlText.quote(file.toString()) + " (HEADER false, DELIMITER ';', NULL 'NA')");
    assertRows(rows, c.execute("SELECT * FROM back ORDER BY id"), true, "COPY ; NA");
  }

  /** A CSV of good rows with one bad line; {@code badLine} counts the header as line 1. */
  Path withBadRow(String name, int badRow, String badText) throws IOException {
    StringBuilder b = new StringBuilder("id,i,d,m,s\n");
    for (int r = 0; r < 10; r++) b.append(r == badRow ? badText : r + "," + r * 3 + ",2020-01-0" + (1 + r % 9) + "," + r + ".25,row " + r).append('\n');
    Path file = dir.resolve(name);
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void badRowFailsWithFileLineAndColumnAndChangesNothing() throws IOException {
    c.execute("CREATE TABLE target (id INTEGER NOT NULL, i INTEGER, d DATE, m DECIMAL(6,2), s VARCHAR)");
    c.execute("INSERT INTO target VALUES (100, 1, DATE '2001-01-01', 1.5, 'old'), (101, NULL, NULL, NULL, NULL)");
    // {row index, bad text, text the message must name the column by}
    String[][] cases = {
        {"3", "3,abc,2020-01-01,1.25,x", "\"i\""},
        {"5", "5,15,2020-13-45,1.25,x", "\"d\""},
        {"0", "0,0,2020-01-01,12345.678,x", "\"m\""},
        {"7", "7,2147483648,2020-01-01,1,x", "\"i\""},
        {"9", ",1,2020-01-01,1,x", "\"id\""},
        {"2", "2,6,2020-01-01,1.25,x,extra", "column 6"},
        {"4", "4,12", "column 3"},
        {"6", "6,18,2020-01-01,1.25,\"unterminated", "\"s\""},
    };
    for (String[] k : cases) {
      int row = Integer.parseInt(k[0]);
      Path file = withBadRow("bad" + row + ".csv", row, k[1]);
      FlernException e = assertThrows(FlernException.class, () -> c.execute("COPY target FROM " + SqlText.quote(file.toString()) + " (HEADER)"),
          "COPY should fail for " + k[1]);
      String msg = e.getMessage();
      assertTrue(msg.contains(file.getFileName().toString()), "names the file: " + msg);
      assertTrue(msg.contains(":" + (row + 2) + ":"), "names line " + (row + 2) + ": " + msg);
      assertTrue(msg.contains(k[2]), "names the column " + k[2] + ": " + msg);
      assertEquals(2L, c.execute("SELECT count(*) FROM target").get(0, 0), "table unchanged after: " + msg);
    }
    // A good file still loads afterwards.
    c.execute("COPY target FROM " + SqlText.quote(withBadRow("good.csv", -1, "").toString()) + " (HEADER)");
    assertEquals(12L, c.execute("SELECT count(*) FROM target").get(0, 0));
    assertEquals("row 9", c.execute("SELECT s FROM target WHERE id = 9").get(0, 0));
  }
}
