package dev.flern.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.SqlType;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import dev.flern.storage.TableBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any table, written by CsvWriter and read back by CsvReader with its schema declared, is unchanged. */
class CsvRoundTripProperties {
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};
  private static final String[] NULL_STRINGS = {"", "NA", "\\N"};
  private static final String[] PIECES = {"a", "Z", " ", ",", ";", "\t", "|", "\"", "\n", "\r", "\r\n", "é",
      "\uD83D\uDE00", "NA", "\\N", "x".repeat(13), "\uFEFF", "0", "-"};

  @Property(tries = 150)
  void writtenTablesReadBackUnchanged(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int rows)
      throws IOException {
    Random rnd = new Random(seed);
    Schema schema = randomSchema(rnd);
    CsvOptions options = new CsvOptions(rnd.nextBoolean(), DELIMITERS[rnd.nextInt(DELIMITERS.length)], '"',
        NULL_STRINGS[rnd.nextInt(NULL_STRINGS.length)], Optional.of(schema));
    TableBuilder b = new TableBuilder(schema);
    for (int r = 0; r < rows; r++) {
      Object[] row = new Object[schema.size()];
      for (int c = 0; c < row.length; c++)
        row[c] = schema.get(c).nullable() && rnd.nextInt(5) == 0 ? null : randomValue(rnd, schema.get(c).type());
      b.appendRow(row);
    }
    Table table = b.build();

    Path file = Files.createTempFile("flern-roundtrip", ".csv");
    try {
      CsvWriter.write(table, file, options);
      Table back = CsvReader.read(file, options);
      assertEquals(table.rowCount(), back.rowCount());
      for (long r = 0; r < table.rowCount(); r++)
        for (int c = 0; c < schema.size(); c++)
          if (table.get(r, c) instanceof float[] f)
            org.junit.jupiter.api.Assertions.assertArrayEquals(f, (float[]) back.get(r, c), "row " + r + " column " + c);
          else
            assertEquals(table.get(r, c), back.get(r, c), "row " + r + " column " + c + " (" + schema.get(c).type() + ")");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Schema randomSchema(Random rnd) {
    int n = 1 + rnd.nextInt(6);
    List<ColumnDef> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SqlType t = switch (rnd.nextInt(9)) {
        case 0 -> SqlType.BOOLEAN;
        case 1 -> SqlType.INTEGER;
        case 2 -> SqlType.BIGINT;
        case 3 -> SqlType.DOUBLE;
        case 4 -> SqlType.DATE;
        case 5 -> {
          int p = 1 + rnd.nextInt(18);
          yield SqlType.decimal(p, rnd.nextInt(p + 1));
        }
        case 6 -> {
          int p = 19 + rnd.nextInt(20);
          yield SqlType.decimal(p, rnd.nextInt(p + 1));
        }
        case 7 -> SqlType.floatArray(1 + rnd.nextInt(4));
        default -> SqlType.VARCHAR;
      };
      cols.add(new ColumnDef(i % 2 == 0 ? "c" + i : "col \"" + i + "\", with; delims", t, rnd.nextInt(4) != 0));
    }
    return new Schema(cols);
  }

  private static Object randomValue(Random rnd, SqlType t) {
    return switch (t.kind()) {
      case BOOLEAN -> rnd.nextBoolean();
      case INTEGER -> switch (rnd.nextInt(4)) {
        case 0 -> Integer.MIN_VALUE;
        case 1 -> Integer.MAX_VALUE;
        default -> rnd.nextInt() >> rnd.nextInt(32);
      };
      case BIGINT -> switch (rnd.nextInt(4)) {
        case 0 -> Long.MIN_VALUE;
        case 1 -> Long.MAX_VALUE;
        default -> rnd.nextLong() >> rnd.nextInt(64);
      };
      case DOUBLE -> switch (rnd.nextInt(8)) {
        case 0 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL}[rnd.nextInt(8)];
        case 1 -> Double.longBitsToDouble(rnd.nextLong());
        case 2 -> (double) (rnd.nextInt(2000) - 1000);
        default -> (rnd.nextInt(2_000_000) - 1_000_000) / 1000.0;
      };
      case DATE -> switch (rnd.nextInt(5)) {
        case 0 -> LocalDate.ofEpochDay(rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE);
        case 1 -> LocalDate.ofEpochDay(rnd.nextInt());
        default -> LocalDate.ofEpochDay(rnd.nextInt(3_000_000) - 1_000_000);
      };
      case DECIMAL -> {
        int digits = 1 + rnd.nextInt(t.precision());
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "-" : "");
        for (int i = 0; i < digits; i++) sb.append((char) ('0' + rnd.nextInt(10)));
        yield new BigDecimal(new BigInteger(sb.toString()), t.scale());
      }
      case VARCHAR -> {
        int n = rnd.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        yield sb.toString();
      }
      case FLOAT_ARRAY -> {
        float[] v = new float[t.length()];
        for (int i = 0; i < v.length; i++)
          v[i] = switch (rnd.nextInt(4)) {
            case 0 -> new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE, Float.MAX_VALUE}[rnd.nextInt(5)];
            case 1 -> Float.intBitsToFloat(rnd.nextInt());
            default -> (rnd.nextInt(20_000) - 10_000) / 100f;
          };
        yield v;
      }
    };
  }
}
