package dev.flern.ml.sql;

import dev.flern.FlernException;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.onnx.OnnxImporter;
import dev.flern.model.Model;
import dev.flern.model.ModelLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Serves {@code CREATE MODEL name FROM 'file.onnx'}: registered as a {@link ModelLoader} service. */
public final class OnnxModelLoader implements ModelLoader {
  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  @Override
  public Model load(Path file) {
    Graph graph = OnnxImporter.load(file);
    return new SqlModel(FlernModel.fromGraph(compilable(graph)), graph, file.toString());
  }

  /**
   * The graph the model compiler is given. A model without a batch whose inputs all start with 1
   * ({@code [1, 8]}) keeps that signature in SQL, so PREDICT runs it on one row at a time; the
   * compiler only stages batched graphs, so it gets the same graph with that 1 as the batch, which
   * at a batch of 1 computes exactly the same. When the graph does not take that reading (a
   * constant shape, broadcasting on the first dimension, an output without the batch), it is
   * compiled as it is, and the compiler says what it cannot do.
   */
  static Graph compilable(Graph g) {
    if (g.hasBatch() || g.inputs().isEmpty()
        || !g.inputs().stream().allMatch(t -> t.shape().rank() > 0 && t.shape().dim(0) == 1)) return g;
    List<TensorInfo> inputs = g.inputs().stream().map(t -> {
      int[] d = t.shape().dims();
      d[0] = Shape.BATCH;
      return new TensorInfo(t.name(), t.type(), Shape.of(d));
    }).toList();
    try {
      Graph batched = Graph.of(g.name(), inputs, g.outputs().stream().map(TensorInfo::name).toList(),
          g.weights().values(), g.nodes());
      return batched.outputs().stream().allMatch(t -> t.shape().hasBatch()) ? batched : g;
    } catch (FlernException e) {
      return g;
    }
  }
}
