package dev.flern.ml.stage;

import dev.flern.ml.ir.Graph;
import java.util.List;

/**
 * A model staged into one C++ program. The program's params (all 8-byte fields, in this order):
 * mode (0: write the slot and workspace sizes, 1: pack the weights, 2: run), batch, a pointer to an
 * int64 array (sizes out in mode 0, slot offsets in floats in modes 1 and 2), the packed weights
 * buffer, the scratch buffer, the workspace buffer, one raw weight pointer per packed slot, then one
 * pointer per graph input and per graph output.
 *
 * @param slots the weight slots of the packed buffer, in order
 * @param workspaces how many workspace sizes follow the slot sizes (the workspace is their maximum)
 * @param scratchPerSample floats of scratch per batch row (intermediate tensors)
 * @param folded constants computed at staging time (a Gather of constants), by tensor name
 */
public record ModelProgram(Graph graph, String source, List<Slot> slots, int workspaces, long scratchPerSample,
                           java.util.Map<String, dev.flern.ml.ir.TensorData> folded) {
  public static final int MODE_SIZES = 0, MODE_PACK = 1, MODE_RUN = 2;
  /** Params before the raw weight pointers. */
  public static final int FIXED_PARAMS = 6;

  /** A weight in the packed buffer: copied as-is by Java, or packed by the program (mode 1). */
  public record Slot(String weight, boolean packedByProgram) {}

  /** The values of a slot's weight: a model weight or a folded constant. */
  public float[] values(String weight) {
    dev.flern.ml.ir.TensorData d = folded.containsKey(weight) ? folded.get(weight) : graph.weights().get(weight).data();
    return ((dev.flern.ml.ir.FloatTensor) d).values();
  }

  public int paramCount() {
    return FIXED_PARAMS + rawParams() + graph.inputs().size() + graph.outputs().size();
  }

  public int rawParams() {
    return (int) slots.stream().filter(Slot::packedByProgram).count();
  }
}
