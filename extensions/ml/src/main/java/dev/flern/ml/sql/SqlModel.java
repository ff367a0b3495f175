package dev.flern.ml.sql;

import dev.flern.FlernException;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.stage.ModelCompiler;
import dev.flern.model.Model;
import dev.flern.model.ModelSignature;
import dev.flern.model.ModelTensor;
import dev.flern.model.StagedForward;
import dev.flern.stage.Stager;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled model as the SQL engine sees it. Its weights were packed by its own program when it
 * was created; a query stages the same forward pass into its own program ({@link
 * ModelCompiler#stageForward}) and reads those weights, so a query needs no second copy of them.
 */
public final class SqlModel implements Model {
  private final FlernModel model;
  private final String source;
  private final ModelSignature signature;

  public SqlModel(FlernModel model, String source) {
    this.model = model;
    this.source = source;
    this.signature = new ModelSignature(tensors(model.graph().inputs()), tensors(model.graph().outputs()));
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
  public StagedForward stage(Stager s) {
    ModelCompiler.ForwardFn f = ModelCompiler.stageForward(model.graph(), s);
    // The weights were packed for the model's own program: the query's copy of the forward pass
    // must read the same slots in the same order (both are staged from the same graph).
    if (!f.slots().equals(model.program().slots()))
      throw new FlernException("internal error: the model's forward pass staged differently in the query");
    return new StagedForward(f.functor(), f.scratchPerSample());
  }

  @Override
  public long packedWeights() {
    return model.packedAddress();
  }

  @Override
  public long slotTable() {
    return model.slotTableAddress();
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
  public void close() {
    model.close();
  }
}
