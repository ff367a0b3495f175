package dev.flern.stage.ir;

/**
 * Scalar types of the generated program. STR is a (pointer, length) string value; F32S a pointer to
 * the n floats of a FLOAT[n] value (n is known to the generator, not carried), nullptr for NULL.
 */
public enum Prim implements CType {
  BOOL, I32, I64, I128, F64, STR, U64, VOID, F32S;

  public boolean isInteger() {
    return this == I32 || this == I64 || this == I128 || this == U64;
  }
}
