package dev.flern.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** ONNX Runtime's session options in every benchmark, so the peers are measured alike. */
final class OrtOptions {
  private OrtOptions() {}

  /**
   * Intra-op threads = Flern's, inter-op 1, all graph optimisations. ORT's workers spin after each
   * call by default; with the engines alternating on 2 cores that spinning takes the core Flern's
   * second worker needs, so it is off, and both engines pay for waking their threads.
   */
  static OrtSession.SessionOptions of(int threads) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(threads);
    o.addConfigEntry("session.intra_op.allow_spinning", "0");
    o.setInterOpNumThreads(1);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return o;
  }
}
