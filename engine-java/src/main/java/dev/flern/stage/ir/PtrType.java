package dev.flern.stage.ir;

/** A pointer to read-only elements (a column's values, a validity bitmap, a runtime object). */
public record PtrType(CType element) implements CType {}
