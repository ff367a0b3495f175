package dev.flern.bench;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.ir.ConvNode;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.GemmNode;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.MatMulNode;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.models.TestModels;
import dev.flern.ml.onnx.OnnxImporter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The model figures: the three reference models ({@link TestModels}) run by Flern ({@link FlernModel},
 * native buffers) and by ONNX Runtime (Java API, direct buffers, pinned outputs), at 1 and 2 threads
 * and at batch 1 and a large batch, in this JVM, alternating, after warm-up. Medians are reported;
 * nothing here is a test.
 *
 * <p>Usage: {@code bench/run-models [runs]} (default 11 samples per engine and configuration).
 */
public final class ModelBench {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  /** A sample repeats the call until it lasts about this long, so tiny batches are not timer noise. */
  private static final long SAMPLE_NANOS = 20_000_000L;
  private static final int WARMUP = 3;
  private static final double TOLERANCE = 1e-4;

  /** One model of the benchmark and the batch sizes it runs at. */
  record Spec(String label, ModelProto proto, int largeBatch) {}

  /** One measured line of the table. */
  record Row(String model, int threads, int batch, double flernNanos, double ortNanos, double flopsPerRow) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    Path cache = Files.createTempDirectory("flern-model-bench-cache");
    // A fresh compile cache: each model's first FlernModel is a cold compile.
    System.setProperty("flern.cache.dir", cache.toString());
    List<Spec> specs = List.of(
        new Spec("MLP 32-256-256-2", TestModels.mlp(11), 4096),
        new Spec("SqueezeNet 3x64x64", TestModels.squeezeNet(12), 32),
        new Spec("BERT-tiny seq 64, vocab " + TestModels.BERT_VOCAB, TestModels.bertTiny(13, TestModels.BERT_VOCAB), 16));
    System.out.printf(Locale.ROOT, "runs %d per engine and configuration (median of samples of >= %d ms), warm-up %d%n",
        runs, SAMPLE_NANOS / 1_000_000, WARMUP);
    System.out.printf(Locale.ROOT, "cores: %d (machine shared with other jobs; load average at start: %s)%n%n",
        Runtime.getRuntime().availableProcessors(), BenchStats.loadAverage());

    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean firstCompile = true;
    for (Spec spec : specs) {
      Graph graph = OnnxImporter.toGraph(spec.proto());
      double flops = flopsPerRow(graph);
      long t0 = System.nanoTime();
      FlernModel cold = FlernModel.fromGraph(graph, 1);
      long compile = System.nanoTime() - t0;
      notes.add(String.format(Locale.ROOT, "%s: Flern cold compile + weight packing %.0f ms (cache hit %s)%s; %.2f MFLOP/row",
          spec.label(), compile / 1e6, cold.library().cacheHit(),
          firstCompile ? ", includes building the precompiled header" : "", flops / 1e6));
      firstCompile = false;
      cold.close();
      byte[] bytes = spec.proto().toByteArray();
      boolean checked = false;
      for (int threads : new int[] {1, 2}) {
        try (FlernModel flern = FlernModel.fromGraph(graph, threads);
             OrtSession.SessionOptions options = OrtOptions.of(threads);
             OrtSession session = ENV.createSession(bytes, options)) {
          for (int batch : new int[] {1, spec.largeBatch()}) {
            try (Buffers b = new Buffers(graph, batch, spec.label().hashCode())) {
              Runnable f = () -> flern.run(b.flernIn, b.flernOut, batch);
              Runnable o = () -> b.runOrt(session);
              if (!checked && batch == spec.largeBatch()) {
                f.run();
                o.run();
                notes.add(compare(spec.label(), batch, b));
                checked = true;
              }
              long[] times = alternate(f, o, runs);
              rows.add(new Row(spec.label(), threads, batch, times[0] / 1.0, times[1] / 1.0, flops));
              Row r = rows.getLast();
              System.out.printf(Locale.ROOT, "%s threads %d batch %d: flern %.3f ms, ort %.3f ms%n", r.model(), threads,
                  batch, r.flernNanos() / 1e6, r.ortNanos() / 1e6);
            }
          }
        }
      }
    }
    System.out.println();
    notes.forEach(System.out::println);
    System.out.println();
    System.out.println("| model | threads | batch | Flern ms | ORT ms | Flern rows/s | ORT rows/s | Flern GFLOP/s | ORT GFLOP/s | Flern/ORT time |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      double fs = r.flernNanos() / 1e9;
      double os = r.ortNanos() / 1e9;
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %,.0f | %,.0f | %.2f | %.2f | %.2f |%n", r.model(),
          r.threads(), r.batch(), r.flernNanos() / 1e6, r.ortNanos() / 1e6, r.batch() / fs, r.batch() / os,
          r.flopsPerRow() * r.batch() / fs / 1e9, r.flopsPerRow() * r.batch() / os / 1e9, r.flernNanos() / r.ortNanos());
    }
    System.out.printf(Locale.ROOT, "%nload average at end: %s%n", BenchStats.loadAverage());
  }

  /**
   * Warm-up, then {@code runs} samples of each engine in turn; a sample is a loop of calls sized in
   * the warm-up to last about {@link #SAMPLE_NANOS}. Returns the median nanoseconds per call of each.
   */
  private static long[] alternate(Runnable flern, Runnable ort, int runs) {
    int[] reps = {calibrate(flern), calibrate(ort)};
    Runnable[] engines = {flern, ort};
    long[][] samples = new long[2][runs];
    for (int k = 0; k < runs; k++) {
      // Alternate which engine goes first too, so neither always follows the other's cache state.
      for (int j = 0; j < 2; j++) {
        int e = (k + j) % 2;
        long s = System.nanoTime();
        for (int i = 0; i < reps[e]; i++) engines[e].run();
        samples[e][k] = (System.nanoTime() - s) / reps[e];
      }
    }
    return new long[] {BenchStats.median(samples[0]), BenchStats.median(samples[1])};
  }

  private static int calibrate(Runnable r) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < WARMUP; i++) {
      long s = System.nanoTime();
      r.run();
      best = Math.min(best, System.nanoTime() - s);
    }
    return (int) Math.max(1, Math.min(100_000, SAMPLE_NANOS / Math.max(1, best)));
  }

  /**
   * FLOPs per row (image, sequence), counting only the multiply-adds of Gemm and MatMul (2·M·N·K)
   * and Conv (2·Cout·Hout·Wout·Cin/group·kH·kW); element-wise, normalisation, pooling, softmax and
   * layout operators are left out.
   */
  static double flopsPerRow(Graph graph) {
    double total = 0;
    for (Node n : graph.nodes()) {
      double outElems = shape(graph, n.output()).size();
      switch (n) {
        case GemmNode g -> {
          int[] a = shape(graph, g.a()).dims();
          total += 2 * outElems * (g.transA() ? a[0] : a[1]);
        }
        case MatMulNode m -> {
          int[] a = shape(graph, m.a()).dims();
          total += 2 * outElems * a[a.length - 1];
        }
        case ConvNode c -> {
          int[] w = shape(graph, c.weight()).dims();
          total += 2 * outElems * w[1] * w[2] * w[3];
        }
        default -> {}
      }
    }
    return total;
  }

  /** A tensor's shape at batch 1 (weights have none). */
  private static Shape shape(Graph graph, String tensor) {
    Shape s = graph.tensor(tensor).shape();
    return s.hasBatch() ? s.withBatch(1) : s;
  }

  private static String compare(String label, int batch, Buffers b) {
    float[] ours = b.flernOut.toArray(ValueLayout.JAVA_FLOAT);
    float[] theirs = new float[ours.length];
    b.ortOutBuffers.get(0).duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(theirs);
    double worst = 0;
    double worstRel = 0;
    for (int i = 0; i < ours.length; i++) {
      double d = Math.abs(ours[i] - theirs[i]);
      worst = Math.max(worst, d);
      worstRel = Math.max(worstRel, d / Math.max(1, Math.abs(theirs[i])));
    }
    String verdict = worstRel <= TOLERANCE ? "agree" : "WARNING: outputs differ beyond 1e-4";
    return String.format(Locale.ROOT, "%s: check at batch %d (first output, %d values): max abs diff %.2e, "
        + "max diff/max(1,|ORT|) %.2e -> %s", label, batch, ours.length, worst, worstRel, verdict);
  }


  /**
   * The input, shared by both engines (one direct buffer seen as a segment by Flern and as a tensor
   * by ORT), and each engine's own output buffers. ORT writes into pinned output tensors, as Flern
   * writes into its output segment, so neither allocates per run.
   */
  private static final class Buffers implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final MemorySegment flernIn;
    final MemorySegment flernOut;
    final Map<String, OnnxTensor> ortIn = new LinkedHashMap<>();
    final Map<String, OnnxTensor> ortOut = new LinkedHashMap<>();
    final List<ByteBuffer> ortOutBuffers = new ArrayList<>();

    Buffers(Graph graph, int batch, long seed) {
      TensorInfo in = graph.inputs().get(0);
      Shape inShape = in.shape().withBatch(batch);
      long[] dims = Arrays.stream(inShape.dims()).asLongStream().toArray();
      SplittableRandom rnd = new SplittableRandom(seed);
      try {
        if (in.type() == ElementType.INT64) {
          int vocab = graph.weights().get("embeddings.word").info().shape().dim(0);
          ByteBuffer bb = ByteBuffer.allocateDirect(8 * inShape.size()).order(ByteOrder.nativeOrder());
          for (int i = 0; i < inShape.size(); i++) bb.putLong(8 * i, rnd.nextInt(vocab));
          flernIn = MemorySegment.ofBuffer(bb);
          ortIn.put(in.name(), OnnxTensor.createTensor(ENV, bb.asLongBuffer(), dims));
        } else {
          // MLP features in [-2, 2]; images in [0, 1].
          boolean image = inShape.rank() == 4;
          ByteBuffer bb = ByteBuffer.allocateDirect(4 * inShape.size()).order(ByteOrder.nativeOrder());
          for (int i = 0; i < inShape.size(); i++)
            bb.putFloat(4 * i, (float) (image ? rnd.nextDouble() : rnd.nextDouble(-2, 2)));
          flernIn = MemorySegment.ofBuffer(bb);
          ortIn.put(in.name(), OnnxTensor.createTensor(ENV, bb.asFloatBuffer(), dims));
        }
        flernOut = arena.allocate(4L * graph.outputs().get(0).shape().withBatch(batch).size(), 64);
        for (TensorInfo out : graph.outputs()) {
          Shape s = out.shape().withBatch(batch);
          ByteBuffer bb = ByteBuffer.allocateDirect(4 * s.size()).order(ByteOrder.nativeOrder());
          ortOutBuffers.add(bb);
          ortOut.put(out.name(), OnnxTensor.createTensor(ENV, bb.asFloatBuffer(),
              Arrays.stream(s.dims()).asLongStream().toArray()));
        }
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
      }
    }

    void runOrt(OrtSession session) {
      try (OrtSession.Result r = session.run(ortIn, ortOut)) {
        // Pinned outputs are owned by us; the result only names them.
        for (Map.Entry<String, OnnxValue> e : r) if (e.getValue() == null) throw new IllegalStateException(e.getKey());
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      ortIn.values().forEach(OnnxTensor::close);
      ortOut.values().forEach(OnnxTensor::close);
      arena.close();
    }
  }
}
