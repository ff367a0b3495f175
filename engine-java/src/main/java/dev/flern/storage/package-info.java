/**
 * Flern's in-memory tables: immutable {@link dev.flern.storage.Table}s of {@link
 * dev.flern.storage.RowGroup}s whose column chunks live in native memory in the Arrow-compatible
 * layout of docs/CONTRACTS.md §1, a {@link dev.flern.storage.TableBuilder} that fills them, and the
 * {@code flern_table_view} struct tree (§2) through which generated C++ reads them.
 */
package dev.flern.storage;
