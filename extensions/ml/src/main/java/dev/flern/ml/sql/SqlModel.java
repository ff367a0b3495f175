package dev.flern.ml.sql;

import dev.flern.FlernException;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.stage.ModelCompiler;
import dev.flern.ml.stage.ModelProgram;
import dev.flern.model.LinearForm;
import dev.flern.model.Model;
import dev.flern.model.ModelSignature;
import dev.flern.model.ModelTensor;
import dev.flern.model.StagedForward;
import dev.flern.stage.Stager;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled model as the SQL engine sees it. Its weights were packed by its own program when it
 * was created; a query stages the forward pass into its own program ({@link
 * ModelCompiler#stageForward}) and reads those weights, so a query needs no second copy of them.
 * A query that uses only some outputs gets the part of the graph they need: its slots are a subset
 * of the model's, found in the packed weights through a slot table of their own.
 */
public final class SqlModel implements Model {
  private final FlernModel model;
  private final String source;
  private final ModelSignature signature;
  private final Optional<LinearForm> linear;
  private final Arena arena = Arena.ofShared();
  /** Per set of outputs: the graph that computes them and its slot table. */
  private final Map<List<Integer>, Part> parts = new HashMap<>();
  private boolean closed;

  private record Part(Graph graph, List<ModelProgram.Slot> slots, MemorySegment table) {}

  public SqlModel(FlernModel model, String source) {
    this(model, model.graph(), source);
  }

  /**
   * A model whose SQL signature is {@code declared}'s: the model's file as written, when the graph
   * compiled was read with a batch it does not declare ({@link OnnxModelLoader#compilable}).
   */
  public SqlModel(FlernModel model, Graph declared, String source) {
    this.model = model;
    this.source = source;
    this.signature = new ModelSignature(tensors(declared.inputs()), tensors(declared.outputs()));
    this.linear = LinearModels.of(model.graph());
  }

  @Override
  public Optional<LinearForm> linear() {
    return linear;
  }

  private static List<ModelTensor> tensors(List<TensorInfo> ts) {
    List<ModelTensor> out = new ArrayList<>();
    for (TensorInfo t : ts) {
      List<Integer> dims = new ArrayList<>();
      for (int d : t.shape().dims()) dims.add(d == Shape.BATCH ? ModelTensor.BATCH : d);
      out.add(new ModelTensor(t.name(), t.type() == ElementType.INT64, dims));
    }
    return out;
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public synchronized StagedForward stage(Stager s, List<Integer> outputs) {
    if (closed) throw new FlernException("the model was dropped");
    Part p = parts.computeIfAbsent(List.copyOf(outputs), this::part);
    ModelCompiler.ForwardFn f = ModelCompiler.stageForward(p.graph, s);
    // The weights were packed for the model's own program: the query's forward pass must read the
    // slots this part was built for (both are staged from the same graph, deterministically).
    if (!f.slots().equals(p.slots))
      throw new FlernException("internal error: the model's forward pass staged differently in the query");
    return new StagedForward(f.functor(), f.scratchPerSample(), p.table.address());
  }

  /** The graph of the given outputs and a slot table pointing each of its slots at the model's. */
  private Part part(List<Integer> outputs) {
    Graph full = model.graph();
    List<ModelProgram.Slot> all = model.program().slots();
    if (outputs.size() == full.outputs().size())
      return new Part(full, all, MemorySegment.ofAddress(model.slotTableAddress()));
    List<String> names = outputs.stream().map(i -> full.outputs().get(i).name()).toList();
    Graph g = Graph.of(full.name(), full.inputs(), names, full.weights().values(), full.nodes());
    List<ModelProgram.Slot> slots = ModelCompiler.stageForward(g, new Stager()).slots();
    MemorySegment fullTable = MemorySegment.ofAddress(model.slotTableAddress()).reinterpret(8L * all.size());
    MemorySegment table = arena.allocate(8L * Math.max(1, slots.size()), 8);
    for (int i = 0; i < slots.size(); i++) {
      int at = all.indexOf(slots.get(i));
      if (at < 0) throw new FlernException("internal error: a slot of the model's part is not among the model's");
      table.setAtIndex(ValueLayout.JAVA_LONG, i, fullTable.getAtIndex(ValueLayout.JAVA_LONG, at));
    }
    return new Part(g, slots, table);
  }

  @Override
  public long packedWeights() {
    return model.packedAddress();
  }

  @Override
  public long workspaceFloats() {
    return model.workspaceFloats();
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    model.close();
    arena.close();
  }
}
