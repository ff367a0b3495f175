package dev.flern.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flern.FlernException;
import dev.flern.FloatArrayText;
import dev.flern.SqlType;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import dev.flern.storage.TableBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatArrayCsvTest {
  @TempDir Path dir;

  private static final Schema S = new Schema(List.of(
      new ColumnDef("id", SqlType.INTEGER, false),
      new ColumnDef("v", SqlType.floatArray(3), true)));

  private Path file(String content) throws IOException {
    Path p = dir.resolve("f.csv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsBracketedListsWithBlanksAndNulls() throws IOException {
    Table t = CsvReader.read(file("id,v\n1,\"[1.5, -2, 3e-3]\"\n2,\n3,\"  [ 1 ,2,  3 ]  \"\n"),
        CsvOptions.defaults().withColumns(S));
    assertEquals(3, t.rowCount());
    assertArrayEquals(new float[] {1.5f, -2f, 3e-3f}, (float[]) t.get(0, 1));
    assertNull(t.get(1, 1));
    assertArrayEquals(new float[] {1, 2, 3}, (float[]) t.get(2, 1));
  }

  @Test
  void writesAndReadsBackTheSameFloats() throws IOException {
    TableBuilder b = new TableBuilder(S);
    b.appendRow(new Object[] {1, new float[] {0.1f, -1e-30f, 3.4028235e38f}});
    b.appendRow(new Object[] {2, null});
    b.appendRow(new Object[] {3, new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0f}});
    b.appendRow(new Object[] {4, new float[] {1, 2, 3}});
    Table t = b.build();
    Path p = dir.resolve("out.csv");
    CsvWriter.write(t, p, CsvOptions.defaults());
    String text = Files.readString(p);
    assertEquals("id,v\n1,\"[0.1, -1.0E-30, 3.4028235E38]\"\n2,\n3,\"[NaN, -Infinity, -0]\"\n4,\"[1, 2, 3]\"\n", text);
    Table back = CsvReader.read(p, CsvOptions.defaults().withColumns(S));
    assertEquals(4, back.rowCount());
    for (int r = 0; r < 4; r++) {
      Object want = t.get(r, 1);
      if (want == null) assertNull(back.get(r, 1));
      else assertArrayEquals((float[]) want, (float[]) back.get(r, 1));
    }
  }

  @Test
  void badValuesFailWithFileLineAndColumn() throws IOException {
    CsvOptions o = CsvOptions.defaults().withColumns(S);
    FlernException e = assertThrows(FlernException.class, () -> CsvReader.read(file("id,v\n1,\"[1, 2, 3]\"\n2,\"[1, 2]\"\n"), o));
    assertEquals(dir.resolve("f.csv") + ":3: column 2 \"v\": invalid FLOAT[3] value \"[1, 2]\": expected 3 numbers, found 2", e.getMessage());
    e = assertThrows(FlernException.class, () -> CsvReader.read(file("id,v\n1,\"[1, x, 3]\"\n"), o));
    assertEquals(dir.resolve("f.csv") + ":2: column 2 \"v\": invalid FLOAT[3] value \"[1, x, 3]\": invalid number \"x\"", e.getMessage());
    e = assertThrows(FlernException.class, () -> CsvReader.read(file("id,v\n1,\"[1, 2, 3, 4]\"\n"), o));
    assertEquals(dir.resolve("f.csv") + ":2: column 2 \"v\": invalid FLOAT[3] value \"[1, 2, 3, 4]\": expected 3 numbers, found 4", e.getMessage());
    e = assertThrows(FlernException.class, () -> CsvReader.read(file("id,v\n1,1 2 3\n"), o));
    assertEquals(dir.resolve("f.csv") + ":2: column 2 \"v\": invalid FLOAT[3] value \"1 2 3\": a FLOAT[3] value starts with '['", e.getMessage());
  }

  @Test
  void textFormIsShortestRoundTrip() {
    assertEquals("[1.5, 2, -3]", FloatArrayText.format(new float[] {1.5f, 2f, -3f}));
    assertArrayEquals(new float[] {1, 2}, FloatArrayText.parse("[1,2]", 2));
    assertThrows(FlernException.class, () -> FloatArrayText.parse("[]", 1));
    assertThrows(FlernException.class, () -> FloatArrayText.parse("[1,,2]", 3));
    assertThrows(FlernException.class, () -> FloatArrayText.parse("[1e40]", 1));
    assertThrows(FlernException.class, () -> FloatArrayText.parse("[0x10]", 1));
  }
}
