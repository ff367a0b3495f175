package dev.flern.stage.ir;

/**
 * A pointer through which the program writes: {@code T*} (a model's batch buffers, its scratch and
 * weights). {@link PtrType} is the read-only {@code const T*} of table columns.
 */
public record MutPtrType(CType element) implements CType {}
