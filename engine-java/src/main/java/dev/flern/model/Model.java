package dev.flern.model;

import dev.flern.stage.Stager;

/**
 * A model in the catalog, as the engine sees it. The engine knows only this interface; the ONNX
 * import, the tensor IR and the kernels live in the ML extension, which provides a
 * {@link ModelLoader}. The weights are packed once, when the model is created, into native memory
 * that lives until {@link #close()}; every query that calls the model reads them there.
 */
public interface Model extends AutoCloseable {
  ModelSignature signature();

  /** Stages the forward pass into a query's program (see {@link StagedForward}). */
  StagedForward stage(Stager s);

  /** Address of the packed weights, passed to the staged forward pass. */
  long packedWeights();

  /** Address of the slot table (int64 offsets into the packed weights), passed along with them. */
  long slotTable();

  /** Floats of workspace one call of the forward pass needs (per worker). */
  long workspaceFloats();

  /** Where the model came from (a file path), for listings. */
  String source();

  /** Frees the weights. The catalog calls it when the model is dropped and no query is running. */
  @Override
  void close();
}
