package dev.flern.storage;

import java.lang.foreign.MemorySegment;

/**
 * One column of a native query result (docs/CONTRACTS.md §2). The segments may be zero-length
 * pointers straight from native code; {@link TableBuilder#appendNative} reinterprets them to the
 * sizes the row count implies.
 *
 * @param values   nrows values of the column's physical type (16-byte views for VARCHAR)
 * @param validity Arrow validity bitmap, or {@link MemorySegment#NULL} when there are no NULLs
 * @param heap     VARCHAR: the one data buffer every long view points into (buffer_index 0);
 *                 {@link MemorySegment#NULL} for other types
 */
public record NativeColumn(MemorySegment values, MemorySegment validity, MemorySegment heap) {}
