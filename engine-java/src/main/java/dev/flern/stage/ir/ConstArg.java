package dev.flern.stage.ir;

import java.util.List;

/**
 * A compile-time value used as a template argument (a tensor dimension, an activation enumerator, a
 * convolution's shape struct). Integers, booleans and enum-provided names only: never text.
 */
public sealed interface ConstArg extends CType {
  record Int(long value) implements ConstArg {}

  record Bool(boolean value) implements ConstArg {}

  /** An enumerator or constant named by the generator, e.g. {@code flern::ml::Act::Relu}. */
  record Named(CppName name) implements ConstArg {}

  /** {@code type{items...}}: a structural template argument initialised positionally. */
  record Brace(CppName type, List<ConstArg> items) implements ConstArg {
    public Brace {
      items = List.copyOf(items);
    }
  }

  static Int of(long v) {
    return new Int(v);
  }
}
