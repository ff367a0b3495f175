package dev.flern.ml.ir;

import java.util.List;

/**
 * Takes slices of {@code data} along {@code axis} at the int64 {@code indices} (negative ones count
 * from the end): output shape = data[:axis] + indices + data[axis+1:]. An embedding lookup is
 * Gather(table, ids) with axis 0.
 */
public record GatherNode(String name, String data, String indices, int axis, String output) implements Node {
  @Override
  public String opType() {
    return "Gather";
  }

  @Override
  public List<String> inputs() {
    return List.of(data, indices);
  }
}
