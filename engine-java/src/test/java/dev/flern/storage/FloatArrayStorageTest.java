package dev.flern.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloatArrayStorageTest {
  private static final Schema S = new Schema(List.of(
      new ColumnDef("id", SqlType.INTEGER, false),
      new ColumnDef("v", SqlType.floatArray(3), true)));

  @Test
  void typeHasCodeSevenAndWidthOfItsFloats() {
    SqlType t = SqlType.floatArray(3);
    assertEquals(7, t.typeCode());
    assertEquals(12, t.byteWidth());
    assertEquals("FLOAT[3]", t.toString());
    assertEquals(4 * 65536, SqlType.floatArray(65536).byteWidth());
    assertThrows(FlernException.class, () -> SqlType.floatArray(0));
    assertThrows(FlernException.class, () -> SqlType.floatArray(65537));
  }

  @Test
  void roundTripsValuesAndNullsAcrossRowGroups() {
    TableBuilder b = new TableBuilder(S);
    int n = RowGroup.CAPACITY + 10;
    for (int i = 0; i < n; i++)
      b.appendRow(new Object[] {i, i % 7 == 0 ? null : new float[] {i, -i, i / 4f}});
    Table t = b.build();
    assertEquals(2, t.rowGroups().size());
    for (int i : new int[] {0, 1, 5, 7, 65535, 65536, n - 1}) {
      Object v = t.get(i, 1);
      if (i % 7 == 0) assertNull(v);
      else assertArrayEquals(new float[] {i, -i, i / 4f}, (float[]) v);
    }
    // The layout is Arrow's FixedSizeList<float32, 3>: 3 contiguous floats per row, zeros for NULL.
    ColumnChunk c = t.rowGroups().get(0).column(1);
    assertEquals(12L * RowGroup.CAPACITY, c.values().byteSize());
    assertEquals(2f, c.values().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 12L * 2));
    assertEquals(-2f, c.values().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 12L * 2 + 4));
    assertEquals(0f, c.values().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 12L * 7));
    assertTrue(c.isNull(7));
  }

  @Test
  void appendCopiesWholeValues() {
    TableBuilder b = new TableBuilder(S);
    b.appendRow(new Object[] {1, new float[] {1, 2, 3}});
    Table one = b.build();
    TableBuilder b2 = new TableBuilder(S);
    b2.appendRow(new Object[] {2, null});
    b2.appendRow(new Object[] {3, new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f}});
    Table all = one.append(b2.build());
    assertEquals(3, all.rowCount());
    assertArrayEquals(new float[] {1, 2, 3}, (float[]) all.get(0, 1));
    assertNull(all.get(1, 1));
    assertArrayEquals(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f}, (float[]) all.get(2, 1));
  }

  @Test
  void wrongLengthOrTypeNamesTheColumnAndKeepsTheBuilderUnchanged() {
    TableBuilder b = new TableBuilder(S);
    FlernException e = assertThrows(FlernException.class, () -> b.appendRow(new Object[] {1, new float[] {1, 2}}));
    assertEquals("column \"v\" of type FLOAT[3] needs 3 floats, got 2", e.getMessage());
    e = assertThrows(FlernException.class, () -> b.appendRow(new Object[] {1, new double[] {1, 2, 3}}));
    assertEquals("column \"v\" of type FLOAT[3] cannot hold a value of type double[]", e.getMessage());
    e = assertThrows(FlernException.class, () -> b.appendRow(new Object[] {1, "[1, 2, 3]"}));
    assertTrue(e.getMessage().contains("\"v\""), e.getMessage());
    assertEquals(0, b.rowCount());
    b.appendRow(new Object[] {1, new float[] {4, 5, 6}});
    assertArrayEquals(new float[] {4, 5, 6}, (float[]) b.build().get(0, 1));
  }

  @Test
  void getReturnsAFreshCopy() {
    TableBuilder b = new TableBuilder(S);
    float[] v = {1, 2, 3};
    b.appendRow(new Object[] {1, v});
    v[0] = 99;
    Table t = b.build();
    float[] got = (float[]) t.get(0, 1);
    got[1] = 42;
    assertArrayEquals(new float[] {1, 2, 3}, (float[]) t.get(0, 1));
  }
}
