package dev.flern.ml.ir;

/** The element types a tensor of the IR can have: floats for data, 64-bit integers for indices. */
public enum ElementType {
  FLOAT32,
  INT64
}
