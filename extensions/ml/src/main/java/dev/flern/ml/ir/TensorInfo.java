package dev.flern.ml.ir;

import java.util.Objects;

/** What the IR knows statically about one tensor: its name, element type and shape. */
public record TensorInfo(String name, ElementType type, Shape shape) {
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shape, "shape");
  }

  @Override
  public String toString() {
    return name + ": " + type + shape;
  }
}
