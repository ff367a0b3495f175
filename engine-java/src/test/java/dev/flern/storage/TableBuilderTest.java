package dev.flern.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableBuilderTest {
  static final Schema ALL = new Schema(List.of(
      new ColumnDef("b", SqlType.BOOLEAN, true),
      new ColumnDef("i", SqlType.INTEGER, true),
      new ColumnDef("l", SqlType.BIGINT, true),
      new ColumnDef("d", SqlType.DOUBLE, true),
      new ColumnDef("m", SqlType.decimal(10, 2), true),
      new ColumnDef("w", SqlType.decimal(38, 4), true),
      new ColumnDef("dt", SqlType.DATE, true),
      new ColumnDef("s", SqlType.VARCHAR, true)));

  static final Object[][] ROWS = {
      {true, 1, 10L, 1.5, new BigDecimal("12.34"), new BigDecimal("1234567890123456789012345678.9012"),
          LocalDate.of(2024, 2, 29), "short"},
      {null, null, null, null, null, null, null, null},
      {false, Integer.MIN_VALUE, Long.MAX_VALUE, -0.0, new BigDecimal("-99999999.99"),
          new BigDecimal("-9999999999999999999999999999999999.9999"), LocalDate.of(1969, 12, 31),
          "a string longer than twelve bytes, with ünïcödé"},
      {true, Integer.MAX_VALUE, Long.MIN_VALUE, Double.NaN, new BigDecimal("0.00"), new BigDecimal("-0.0001"),
          LocalDate.of(1, 1, 1), ""},
      {null, 7, null, Double.NEGATIVE_INFINITY, null, new BigDecimal("5.0000"), null, "exactly12byt"},
  };

  static Table allTypes() {
    TableBuilder b = new TableBuilder(ALL);
    for (Object[] r : ROWS) b.appendRow(r);
    return b.build();
  }

  @Test
  void roundTripsEveryTypeWithNulls() {
    Table t = allTypes();
    assertEquals(ROWS.length, t.rowCount());
    assertEquals(1, t.rowGroups().size());
    for (int r = 0; r < ROWS.length; r++)
      for (int c = 0; c < ALL.size(); c++)
        assertEquals(ROWS[r][c], t.get(r, c), "row " + r + " col " + c);
  }

  @Test
  void chunkWithoutNullsHasNoValidityBitmap() {
    TableBuilder b = new TableBuilder(new Schema(List.of(
        new ColumnDef("a", SqlType.BIGINT, true), new ColumnDef("b", SqlType.BIGINT, true))));
    b.appendRow(new Object[] {1L, 2L});
    b.appendRow(new Object[] {3L, null});
    Table t = b.build();
    assertFalse(t.rowGroups().get(0).column(0).hasNulls());
    assertEquals(0, t.rowGroups().get(0).column(0).validity().address());
    assertTrue(t.rowGroups().get(0).column(1).hasNulls());
    assertTrue(t.rowGroups().get(0).column(1).isNull(1));
    assertFalse(t.rowGroups().get(0).column(1).isNull(0));
  }

  @Test
  void splitsIntoRowGroupsOfCapacity() {
    Schema s = new Schema(List.of(new ColumnDef("x", SqlType.BIGINT, false), new ColumnDef("s", SqlType.VARCHAR, true)));
    TableBuilder b = new TableBuilder(s);
    int n = RowGroup.CAPACITY * 2 + 123;
    for (int i = 0; i < n; i++) {
      b.setLong(0, i);
      if (i % 7 == 0) b.setNull(1);
      else b.setString(1, "value number " + i);
      b.endRow();
    }
    assertEquals(n, b.rowCount());
    Table t = b.build();
    assertEquals(n, t.rowCount());
    assertEquals(List.of(RowGroup.CAPACITY, RowGroup.CAPACITY, 123),
        t.rowGroups().stream().map(RowGroup::nrows).toList());
    for (int i : new int[] {0, 1, 7, RowGroup.CAPACITY - 1, RowGroup.CAPACITY, n - 1}) {
      assertEquals((long) i, t.get(i, 0));
      assertEquals(i % 7 == 0 ? null : "value number " + i, t.get(i, 1));
    }
    // Exact-size buffers: a finished group holds no slack.
    assertEquals(123L * 8, t.rowGroups().get(2).column(0).values().byteSize());
  }

  @Test
  void convertsNumbersExactly() {
    TableBuilder b = new TableBuilder(new Schema(List.of(
        new ColumnDef("i", SqlType.INTEGER, true), new ColumnDef("l", SqlType.BIGINT, true),
        new ColumnDef("d", SqlType.DOUBLE, true), new ColumnDef("m", SqlType.decimal(6, 2), true),
        new ColumnDef("w", SqlType.decimal(20, 1), true))));
    b.appendRow(new Object[] {5L, 7, 3, 12, 5L});
    b.appendRow(new Object[] {(short) 2, new BigDecimal("42"), 1.25f, new BigDecimal("1.5"), BigInteger.TEN});
    b.appendRow(new Object[] {new BigDecimal("3.000"), BigInteger.valueOf(-9), new BigDecimal("0.5"), 2.25, new BigDecimal("-0.1")});
    Table t = b.build();
    assertEquals(5, t.get(0, 0));
    assertEquals(7L, t.get(0, 1));
    assertEquals(3.0, t.get(0, 2));
    assertEquals(new BigDecimal("12.00"), t.get(0, 3));
    assertEquals(new BigDecimal("5.0"), t.get(0, 4));
    assertEquals(2, t.get(1, 0));
    assertEquals(42L, t.get(1, 1));
    assertEquals(1.25, t.get(1, 2));
    assertEquals(new BigDecimal("1.50"), t.get(1, 3));
    assertEquals(new BigDecimal("10.0"), t.get(1, 4));
    assertEquals(3, t.get(2, 0));
    assertEquals(-9L, t.get(2, 1));
    assertEquals(new BigDecimal("2.25"), t.get(2, 3));
    assertEquals(new BigDecimal("-0.1"), t.get(2, 4));
  }

  @Test
  void rejectsInexactOrWrongValuesNamingTheColumn() {
    Schema s = new Schema(List.of(
        new ColumnDef("qty", SqlType.INTEGER, true),
        new ColumnDef("price", SqlType.decimal(5, 2), true),
        new ColumnDef("name", SqlType.VARCHAR, false)));
    TableBuilder b = new TableBuilder(s);
    assertMessage(b, new Object[] {3_000_000_000L, null, "x"}, "\"qty\"", "out of range");
    assertMessage(b, new Object[] {1.5, null, "x"}, "\"qty\"", "INTEGER", "Double");
    assertMessage(b, new Object[] {new BigDecimal("1.5"), null, "x"}, "\"qty\"");
    assertMessage(b, new Object[] {1, new BigDecimal("1.234"), "x"}, "\"price\"", "DECIMAL(5,2)", "decimal places");
    assertMessage(b, new Object[] {1, new BigDecimal("1000.00"), "x"}, "\"price\"", "out of range");
    assertMessage(b, new Object[] {1, "1.00", "x"}, "\"price\"", "String");
    assertMessage(b, new Object[] {1, null, null}, "\"name\"", "not-null");
    assertMessage(b, new Object[] {1, null, 5}, "\"name\"", "VARCHAR", "Integer");
    assertMessage(b, new Object[] {1, null}, "2 values", "3 columns");
    // Failed rows left nothing behind; the builder goes on.
    assertEquals(0, b.rowCount());
    b.appendRow(new Object[] {1, new BigDecimal("999.99"), "ok"});
    Table t = b.build();
    assertEquals(1, t.rowCount());
    assertEquals(new BigDecimal("999.99"), t.get(0, 1));
  }

  @Test
  void failedRowAfterNullDoesNotLeaveTheNullBehind() {
    Schema s = new Schema(List.of(new ColumnDef("a", SqlType.BIGINT, true), new ColumnDef("b", SqlType.INTEGER, true)));
    TableBuilder b = new TableBuilder(s);
    assertThrows(FlernException.class, () -> b.appendRow(new Object[] {null, "bad"}));
    b.appendRow(new Object[] {4L, 5});
    Table t = b.build();
    assertEquals(4L, t.get(0, 0));
    assertEquals(5, t.get(0, 1));
  }

  @Test
  void typedSettersCheckTypeAndCompleteness() {
    Schema s = new Schema(List.of(new ColumnDef("a", SqlType.BIGINT, true), new ColumnDef("m", SqlType.decimal(4, 1), true)));
    TableBuilder b = new TableBuilder(s);
    FlernException e = assertThrows(FlernException.class, () -> b.setInt(0, 1));
    assertTrue(e.getMessage().contains("\"a\"") && e.getMessage().contains("BIGINT"), e.getMessage());
    b.abandonRow();
    b.setLong(0, 1);
    e = assertThrows(FlernException.class, b::endRow);
    assertTrue(e.getMessage().contains("\"m\""), e.getMessage());
    e = assertThrows(FlernException.class, () -> b.setUnscaled(1, 10000));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    b.setUnscaled(1, -9999);
    b.endRow();
    assertEquals(new BigDecimal("-999.9"), b.build().get(0, 1));
  }

  @Test
  void appendSharesRowGroupsAndMergesSmallTails() {
    Schema s = new Schema(List.of(new ColumnDef("x", SqlType.INTEGER, true), new ColumnDef("s", SqlType.VARCHAR, true)));
    Table t = Table.empty(s);
    for (int i = 0; i < 5; i++) {
      TableBuilder b = new TableBuilder(s);
      b.appendRow(new Object[] {i, i % 2 == 0 ? null : "string value number " + i});
      t = t.append(b.build());
    }
    assertEquals(5, t.rowCount());
    assertEquals(1, t.rowGroups().size());
    for (int i = 0; i < 5; i++) {
      assertEquals(i, t.get(i, 0));
      assertEquals(i % 2 == 0 ? null : "string value number " + i, t.get(i, 1));
    }
    // A full table's groups are shared, not copied.
    TableBuilder big = new TableBuilder(s);
    for (int i = 0; i < RowGroup.CAPACITY; i++) big.setInt(0, i).setString(1, "v" + i).endRow();
    Table full = big.build();
    Table both = full.append(t);
    assertSame(full.rowGroups().get(0), both.rowGroups().get(0));
    assertEquals(RowGroup.CAPACITY + 5L, both.rowCount());
    assertEquals("string value number 3", both.get(RowGroup.CAPACITY + 3L, 1));
    // The original tables are unchanged.
    assertEquals(5, t.rowCount());
    assertEquals(RowGroup.CAPACITY, full.rowCount());
    FlernException e = assertThrows(FlernException.class,
        () -> full.append(Table.empty(new Schema(List.of(new ColumnDef("x", SqlType.BIGINT, true),
            new ColumnDef("s", SqlType.VARCHAR, true))))));
    assertTrue(e.getMessage().contains("BIGINT"), e.getMessage());
  }

  @Test
  void emptyTable() {
    Table t = Table.empty(ALL);
    assertEquals(0, t.rowCount());
    assertTrue(t.rowGroups().isEmpty());
    assertEquals(0, new TableBuilder(ALL).build().rowCount());
    assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, 0));
  }

  @Test
  void nullStoredAsZeroValue() {
    Table t = allTypes();
    ColumnChunk l = t.rowGroups().get(0).column(2);
    assertNull(t.get(1, 2));
    assertEquals(0L, l.getLong(1));
  }

  private static void assertMessage(TableBuilder b, Object[] row, String... parts) {
    FlernException e = assertThrows(FlernException.class, () -> b.appendRow(row));
    for (String p : parts) assertTrue(e.getMessage().contains(p), "\"" + e.getMessage() + "\" lacks " + p);
  }
}
