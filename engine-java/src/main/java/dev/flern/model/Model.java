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

  /**
   * Stages into a query's program the forward pass that computes {@code outputs} (indices of the
   * signature's outputs, ascending): only the part of the model those outputs need (see {@link
   * StagedForward}).
   */
  StagedForward stage(Stager s, java.util.List<Integer> outputs);

  /** The model as one affine map (plus sigmoid), when it is one: it may then be inlined as SQL. */
  default java.util.Optional<LinearForm> linear() {
    return java.util.Optional.empty();
  }

  /** Address of the packed weights, passed to the staged forward pass. */
  long packedWeights();

  /** Floats of workspace one call of the forward pass needs (per worker). */
  long workspaceFloats();

  /** Where the model came from (a file path), for listings. */
  String source();

  /** Frees the weights. The catalog calls it when the model is dropped and no query is running. */
  @Override
  void close();
}
