package dev.flern.storage;

import dev.flern.FlernException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable table: a schema and row groups in native memory. Tables are values — {@link #append}
 * returns a new table sharing this one's row groups — so a catalog can swap them atomically and a
 * running query keeps reading the version it started with. The native memory lives as long as some
 * reachable table (or row group) refers to it; nothing needs closing.
 */
public final class Table {
  private final Schema schema;
  private final List<RowGroup> groups;
  /** starts[i] = index of the first row of group i; starts[groups.size()] = rowCount. */
  private final long[] starts;

  Table(Schema schema, List<RowGroup> groups) {
    this.schema = schema;
    this.groups = List.copyOf(groups);
    this.starts = new long[this.groups.size() + 1];
    for (int i = 0; i < this.groups.size(); i++) starts[i + 1] = starts[i] + this.groups.get(i).nrows();
  }

  public static Table empty(Schema schema) {
    return new Table(schema, List.of());
  }

  public Schema schema() { return schema; }

  /**
   * [min, max] over the non-NULL values of an integer-like column (see {@link ColumnChunk#intRange()}),
   * or empty when the column has no such value or another type.
   */
  public java.util.Optional<long[]> intRange(int col) {
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (RowGroup g : groups) {
      long[] r = g.column(col).intRange();
      if (r == null) continue;
      min = Math.min(min, r[0]);
      max = Math.max(max, r[1]);
    }
    return min > max ? java.util.Optional.empty() : java.util.Optional.of(new long[] {min, max});
  }
  public long rowCount() { return starts[starts.length - 1]; }
  public List<RowGroup> rowGroups() { return groups; }

  /**
   * The value at (row, col): Boolean, Integer, Long, Double, BigDecimal, LocalDate, String, float[]
   * (FLOAT[n], a fresh copy), or null.
   */
  public Object get(long row, int col) {
    if (row < 0 || row >= rowCount()) throw new IndexOutOfBoundsException("row " + row + " of " + rowCount());
    int g = Arrays.binarySearch(starts, row);
    if (g < 0) g = -g - 2; // insertion point − 1: the last group starting below row (groups are never empty)
    return groups.get(g).column(col).get((int) (row - starts[g]));
  }

  /**
   * Builds the {@code flern_table_view} struct tree of docs/CONTRACTS.md §2 in {@code arena}: the
   * view and its row group array are allocated there; the column chunk structs and the data they
   * point at belong to this table. Valid while both the arena and this table live — the caller keeps
   * the table reachable (e.g. {@link java.lang.ref.Reference#reachabilityFence}) while native code
   * runs, since raw addresses do not.
   */
  public MemorySegment nativeView(Arena arena) {
    MemorySegment view = arena.allocate(NativeLayout.VIEW_SIZE, 8);
    MemorySegment groupArray = arena.allocate(NativeLayout.GROUP_SIZE * Math.max(1, groups.size()), 8);
    for (int i = 0; i < groups.size(); i++) {
      long at = NativeLayout.GROUP_SIZE * i;
      groupArray.set(ValueLayout.JAVA_LONG, at + NativeLayout.GROUP_NROWS, groups.get(i).nrows());
      groupArray.set(ValueLayout.ADDRESS, at + NativeLayout.GROUP_COLUMNS, groups.get(i).chunkStructs());
    }
    view.set(ValueLayout.JAVA_LONG, NativeLayout.VIEW_NCOLUMNS, schema.size());
    view.set(ValueLayout.JAVA_LONG, NativeLayout.VIEW_NROWGROUPS, groups.size());
    view.set(ValueLayout.ADDRESS, NativeLayout.VIEW_GROUPS, groupArray);
    return view;
  }

  /**
   * A new table with this table's rows followed by {@code other}'s. Row groups are shared; only when
   * this table ends in a partial group that {@code other}'s first group fits into are those two
   * merged (a copy of at most one group), so repeated small INSERTs do not pile up tiny groups.
   */
  public Table append(Table other) {
    if (other.schema.size() != schema.size())
      throw new FlernException("cannot append a table of " + other.schema.size() + " columns to one of " + schema.size());
    for (int c = 0; c < schema.size(); c++) {
      if (!other.schema.get(c).type().equals(schema.get(c).type()))
        throw new FlernException("cannot append column of type " + other.schema.get(c).type()
            + " to column \"" + schema.get(c).name() + "\" of type " + schema.get(c).type());
    }
    if (other.groups.isEmpty()) return this;
    if (groups.isEmpty()) return new Table(schema, other.groups);
    List<RowGroup> merged = new ArrayList<>(groups.size() + other.groups.size());
    RowGroup last = groups.getLast();
    RowGroup first = other.groups.getFirst();
    int skip = 0;
    if (last.nrows() + first.nrows() <= RowGroup.CAPACITY) {
      TableBuilder b = new TableBuilder(schema);
      b.appendRowGroup(last);
      b.appendRowGroup(first);
      merged.addAll(groups.subList(0, groups.size() - 1));
      merged.addAll(b.build().rowGroups());
      skip = 1;
    } else {
      merged.addAll(groups);
    }
    merged.addAll(other.groups.subList(skip, other.groups.size()));
    return new Table(schema, merged);
  }

  @Override
  public String toString() {
    return "Table[" + rowCount() + " rows, " + groups.size() + " row groups, " + schema + "]";
  }
}
