package dev.flern.storage;

/**
 * Byte sizes and offsets of the C structs in {@code engine-native/include/flern/abi.h}
 * (docs/CONTRACTS.md §2). The native side reads these structs as plain memory, so every number here
 * must match the C declarations on a 64-bit target.
 */
public final class NativeLayout {
  private NativeLayout() {}

  /** {@code flern_column_chunk}: {values, validity, buffers, nbuffers}. */
  public static final long CHUNK_SIZE = 32;
  public static final long CHUNK_VALUES = 0;
  public static final long CHUNK_VALIDITY = 8;
  public static final long CHUNK_BUFFERS = 16;
  public static final long CHUNK_NBUFFERS = 24;

  /** {@code flern_row_group}: {nrows, columns*}. */
  public static final long GROUP_SIZE = 16;
  public static final long GROUP_NROWS = 0;
  public static final long GROUP_COLUMNS = 8;

  /** {@code flern_table_view}: {ncolumns, nrowgroups, groups*}. */
  public static final long VIEW_SIZE = 24;
  public static final long VIEW_NCOLUMNS = 0;
  public static final long VIEW_NROWGROUPS = 8;
  public static final long VIEW_GROUPS = 16;

  /** Utf8View: one view is 16 bytes; strings up to 12 bytes are stored inline. */
  public static final long VIEW_WIDTH = 16;
  public static final int MAX_INLINE = 12;
}
