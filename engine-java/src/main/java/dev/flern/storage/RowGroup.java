package dev.flern.storage;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * At most {@link #CAPACITY} rows of a table, one {@link ColumnChunk} per column. Immutable, so tables
 * share row groups freely. The {@code flern_column_chunk} array that native code reads is built once
 * here, since nothing in it ever changes; {@link Table#nativeView} only points at it.
 */
public final class RowGroup {
  /** Rows per full row group; morsels never span row groups. */
  public static final int CAPACITY = 65536;

  private final int nrows;
  private final List<ColumnChunk> columns;
  private final MemorySegment chunkStructs;

  /** {@code arena} is the one the chunks were allocated in; the structs go there too. */
  RowGroup(int nrows, List<ColumnChunk> columns, Arena arena) {
    if (nrows <= 0 || nrows > CAPACITY) throw new IllegalArgumentException("row group of " + nrows + " rows");
    this.nrows = nrows;
    this.columns = List.copyOf(columns);
    this.chunkStructs = buildChunkStructs(this.columns, arena);
  }

  public int nrows() { return nrows; }
  public List<ColumnChunk> columns() { return columns; }
  public ColumnChunk column(int i) { return columns.get(i); }

  /** The {@code flern_column_chunk[ncolumns]} array (docs/CONTRACTS.md §2). */
  public MemorySegment chunkStructs() { return chunkStructs; }

  private static MemorySegment buildChunkStructs(List<ColumnChunk> columns, Arena arena) {
    // The structs hold raw addresses, which do not keep the buffers alive; this RowGroup does.
    MemorySegment structs = NativeMemory.allocate(arena, NativeLayout.CHUNK_SIZE * Math.max(1, columns.size()), 8);
    for (int c = 0; c < columns.size(); c++) {
      ColumnChunk chunk = columns.get(c);
      long at = NativeLayout.CHUNK_SIZE * c;
      structs.set(ValueLayout.ADDRESS, at + NativeLayout.CHUNK_VALUES, chunk.values());
      structs.set(ValueLayout.ADDRESS, at + NativeLayout.CHUNK_VALIDITY, chunk.validity());
      List<MemorySegment> buffers = chunk.buffers();
      MemorySegment pointers = MemorySegment.NULL;
      if (!buffers.isEmpty()) {
        pointers = NativeMemory.allocate(arena, ValueLayout.ADDRESS.byteSize() * buffers.size(), 8);
        for (int b = 0; b < buffers.size(); b++)
          pointers.setAtIndex(ValueLayout.ADDRESS, b, buffers.get(b));
      }
      structs.set(ValueLayout.ADDRESS, at + NativeLayout.CHUNK_BUFFERS, pointers);
      structs.set(ValueLayout.JAVA_LONG, at + NativeLayout.CHUNK_NBUFFERS, buffers.size());
    }
    return structs;
  }
}
