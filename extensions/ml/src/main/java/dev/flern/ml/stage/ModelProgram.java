package dev.flern.ml.stage;

import dev.flern.ml.ir.Graph;
import java.util.List;

/**
 * A model staged into one C++ program. The program's params (all 8-byte fields, in this order):
 * mode (0: write the slot and workspace sizes, 1: pack the weights, 2: run), batch, a pointer to an
 * int64 array (sizes out in mode 0, slot offsets in floats in modes 1 and 2), the packed weights
 * buffer, the scratch buffer, the workspace buffer, the grain (rows per task), the workspace stride
 * (floats per worker), one raw weight pointer per packed slot, then one pointer per graph input and
 * per graph output.
 *
 * <p>A batch of at most {@code grain} rows runs on the calling thread with scratch and workspace at
 * their starts. A larger batch is split into row ranges of {@code grain} rows run on the pool's
 * workers; worker {@code w} uses the scratch region at {@code w · grain · scratchPerSample} floats
 * and the workspace region at {@code w · stride}. The split depends only on the batch and the grain,
 * never on the number of workers, so a model gives the same floats on any number of threads.
 *
 * @param slots the weight slots of the packed buffer, in order
 * @param workspaces how many workspace sizes follow the slot sizes (the workspace is their maximum)
 * @param scratchPerSample floats of scratch per batch row (intermediate tensors)
 * @param folded constants computed at staging time (a Gather of constants), by tensor name
 */
public record ModelProgram(Graph graph, String source, List<Slot> slots, int workspaces, long scratchPerSample,
                           java.util.Map<String, dev.flern.ml.ir.TensorData> folded, long flopsPerRow) {
  public static final int MODE_SIZES = 0, MODE_PACK = 1, MODE_RUN = 2;
  /** Params before the raw weight pointers. */
  public static final int FIXED_PARAMS = 8;
  /** Work per task the grain aims at: large enough that handing out a task costs little. */
  public static final long FLOPS_PER_TASK = 4L << 20;

  /**
   * Rows per task: about {@link #FLOPS_PER_TASK} of GEMM and convolution work, a multiple of 4 rows
   * above 4 (GEMM row tiles), at least 1. A function of the model only (see the class comment).
   */
  public long grain() {
    long g = Math.max(1, (FLOPS_PER_TASK + Math.max(1, flopsPerRow) - 1) / Math.max(1, flopsPerRow));
    return g > 4 ? (g + 3) / 4 * 4 : g;
  }

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
