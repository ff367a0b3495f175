package dev.flern.stage.ir;

/** Scalar types of the generated program. STR is a (pointer, length) string value. */
public enum Prim implements CType {
  BOOL, I32, I64, I128, F64, STR, U64, VOID;

  public boolean isInteger() {
    return this == I32 || this == I64 || this == I128 || this == U64;
  }
}
