package dev.flern.ml.api;

import dev.flern.FlernException;
import dev.flern.compile.CompileService;
import dev.flern.compile.CompiledLibrary;
import dev.flern.compile.NativeRuntime;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.onnx.OnnxImporter;
import dev.flern.ml.stage.ModelCompiler;
import dev.flern.ml.stage.ModelProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * A model compiled into one native program (the batch a run-time argument, so one compile serves
 * every batch size) with its weights packed once into native memory. Runs are serialised on this
 * object; the program runs on its own worker pool.
 */
public final class FlernModel implements AutoCloseable {
  private final Graph graph;
  private final ModelProgram program;
  private final CompiledLibrary library;
  private final NativeRuntime rt = NativeRuntime.get();
  private final MemorySegment pool;
  private final MemorySegment ctx;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment table;
  private final MemorySegment packed;
  private final MemorySegment workspace;
  private final MemorySegment params;
  private final int threads;
  private final long wsStride;
  private MemorySegment scratch = MemorySegment.NULL;
  private long scratchFloats;
  private final MemorySegment[] extraOutputs;
  private long extraBatch = -1;
  private boolean closed;

  private FlernModel(Graph graph, int threads) {
    this.graph = graph;
    if (threads < 1) throw new FlernException("FlernModel: threads must be at least 1, got " + threads);
    this.threads = threads;
    this.program = ModelCompiler.compile(graph);
    this.library = CompileService.get().compile(program.source());
    this.pool = rt.poolNew(threads);
    this.ctx = rt.ctxNew(pool, 0);
    int slots = program.slots().size();
    table = arena.allocate(8L * Math.max(1, slots + program.workspaces()), 8);
    params = arena.allocate(8L * program.paramCount(), 8);
    // Mode 0: the program reports each slot's size and each kernel's workspace size.
    call(ModelProgram.MODE_SIZES, 0);
    long total = 0;
    long[] offsets = new long[slots];
    for (int i = 0; i < slots; i++) {
      offsets[i] = total;
      total += (table.getAtIndex(ValueLayout.JAVA_LONG, i) + 15) / 16 * 16;
    }
    long ws = 16;
    for (int i = 0; i < program.workspaces(); i++) ws = Math.max(ws, table.getAtIndex(ValueLayout.JAVA_LONG, slots + i));
    packed = arena.allocate(4L * Math.max(16, total), 64);
    // One workspace region per worker (a large batch runs row ranges on every worker).
    wsStride = (ws + 15) / 16 * 16;
    workspace = arena.allocate(4L * wsStride * threads, 64);
    for (int i = 0; i < slots; i++) table.setAtIndex(ValueLayout.JAVA_LONG, i, offsets[i]);
    // Raw weights are copied here; the others are packed by the program (mode 1) from raw copies.
    Arena rawArena = Arena.ofConfined();
    try (rawArena) {
      int raw = 0;
      for (int i = 0; i < slots; i++) {
        ModelProgram.Slot s = program.slots().get(i);
        float[] v = program.values(s.weight());
        if (s.packedByProgram()) {
          MemorySegment src = rawArena.allocateFrom(ValueLayout.JAVA_FLOAT, v);
          params.setAtIndex(ValueLayout.JAVA_LONG, ModelProgram.FIXED_PARAMS + raw++, src.address());
        } else {
          MemorySegment.copy(v, 0, packed, ValueLayout.JAVA_FLOAT, 4L * offsets[i], v.length);
        }
      }
      call(ModelProgram.MODE_PACK, 0);
    }
    for (int i = 0; i < program.rawParams(); i++) params.setAtIndex(ValueLayout.JAVA_LONG, ModelProgram.FIXED_PARAMS + i, 0);
    extraOutputs = new MemorySegment[graph.outputs().size()];
  }

  public static FlernModel load(Path onnx) {
    return fromGraph(OnnxImporter.load(onnx));
  }

  public static FlernModel fromGraph(Graph graph) {
    return new FlernModel(graph, 1);
  }

  public static FlernModel fromGraph(Graph graph, int threads) {
    return new FlernModel(graph, threads);
  }

  /** The model's graph (after import and validation). */
  public Graph graph() {
    return graph;
  }

  /** The compiled program (its slots, scratch per row), for staging the forward pass elsewhere. */
  public ModelProgram program() {
    return program;
  }

  /** Address of the packed weights (valid until {@link #close()}). */
  public long packedAddress() {
    return packed.address();
  }

  /** Address of the slot table: int64 offsets, in floats, of each slot in the packed weights. */
  public long slotTableAddress() {
    return table.address();
  }

  /** Floats of workspace one forward pass needs. */
  public long workspaceFloats() {
    return wsStride;
  }

  /** The generated C++ source (for inspection). */
  public String source() {
    return program.source();
  }

  /**
   * Rows per task: a batch of at most this many rows runs on the calling thread, a larger one in
   * row ranges of this size on the pool's workers (the same split on any number of threads).
   */
  public long grain() {
    return program.grain();
  }

  public CompiledLibrary library() {
    return library;
  }

  /** The input's shape, the first dimension {@link Shape#BATCH} when the batch is dynamic. */
  public Shape inputShape() {
    return graph.inputs().get(0).shape();
  }

  public List<String> outputNames() {
    return graph.outputs().stream().map(TensorInfo::name).toList();
  }

  public List<Shape> outputShapes() {
    return graph.outputs().stream().map(TensorInfo::shape).toList();
  }

  /** Runs the model on {@code batch} rows and returns its first output. */
  public float[] run(float[] input, int batch) {
    checkBatch(batch);
    TensorInfo in = graph.inputs().get(0);
    if (in.type() != ElementType.FLOAT32) throw new FlernException("FlernModel: the input '" + in.name() + "' is int64; use run(long[], batch)");
    long want = elements(in.shape(), batch);
    if (input.length != want)
      throw new FlernException("FlernModel: the input has " + input.length + " values; batch " + batch + " of shape " + in.shape() + " needs " + want);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment i = a.allocateFrom(ValueLayout.JAVA_FLOAT, input);
      return runInto(a, i, batch);
    }
  }

  /** Runs a model whose input is int64 (token ids) and returns its first output. */
  public float[] run(long[] input, int batch) {
    checkBatch(batch);
    TensorInfo in = graph.inputs().get(0);
    if (in.type() != ElementType.INT64) throw new FlernException("FlernModel: the input '" + in.name() + "' is float; use run(float[], batch)");
    long want = elements(in.shape(), batch);
    if (input.length != want)
      throw new FlernException("FlernModel: the input has " + input.length + " values; batch " + batch + " of shape " + in.shape() + " needs " + want);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment i = a.allocateFrom(ValueLayout.JAVA_LONG, input);
      return runInto(a, i, batch);
    }
  }

  /**
   * Runs the model on one input tensor (its first dimension the batch) and returns every output by
   * name, float or int64, with concrete shapes.
   */
  public synchronized Map<String, TensorData> runAll(TensorData input) {
    TensorInfo in = graph.inputs().get(0);
    if (input.type() != in.type())
      throw new FlernException("FlernModel: the input '" + in.name() + "' is " + in.type() + ", got " + input.type());
    int batch = input.shape().rank() == 0 ? 1 : input.shape().dim(0);
    checkBatch(batch);
    if (!input.shape().equals(in.shape().hasBatch() ? in.shape().withBatch(batch) : in.shape()))
      throw new FlernException("FlernModel: the input has shape " + input.shape() + "; the model takes " + in.shape());
    try (Arena a = Arena.ofConfined()) {
      MemorySegment i = switch (input) {
        case FloatTensor f -> a.allocateFrom(ValueLayout.JAVA_FLOAT, f.values());
        case LongTensor l -> a.allocateFrom(ValueLayout.JAVA_LONG, l.values());
      };
      MemorySegment o = a.allocate(Math.max(8, bytes(graph.outputs().get(0), batch)), 64);
      run(i, o, batch);
      Map<String, TensorData> result = new LinkedHashMap<>();
      for (int k = 0; k < graph.outputs().size(); k++) {
        TensorInfo t = graph.outputs().get(k);
        MemorySegment seg = k == 0 ? o : extraOutputs[k];
        Shape sh = t.shape().hasBatch() ? t.shape().withBatch(batch) : t.shape();
        result.put(t.name(), t.type() == ElementType.INT64
            ? new LongTensor(sh, seg.asSlice(0, 8L * sh.size()).toArray(ValueLayout.JAVA_LONG))
            : new FloatTensor(sh, seg.asSlice(0, 4L * sh.size()).toArray(ValueLayout.JAVA_FLOAT)));
      }
      return result;
    }
  }

  /**
   * Runs a model whose first output is int64 (an ArgMax: class indices) and returns that output.
   * The index output keeps ONNX's type rather than being widened to floats, so indices stay exact.
   */
  public long[] runIndices(float[] input, int batch) {
    checkBatch(batch);
    TensorInfo in = graph.inputs().get(0);
    if (in.type() != ElementType.FLOAT32) throw new FlernException("FlernModel: the input '" + in.name() + "' is int64");
    TensorInfo out = graph.outputs().get(0);
    if (out.type() != ElementType.INT64)
      throw new FlernException("FlernModel: the first output '" + out.name() + "' is float; use run(float[], batch)");
    long want = elements(in.shape(), batch);
    if (input.length != want)
      throw new FlernException("FlernModel: the input has " + input.length + " values; batch " + batch + " of shape " + in.shape() + " needs " + want);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment i = a.allocateFrom(ValueLayout.JAVA_FLOAT, input);
      MemorySegment o = a.allocate(8L * elements(out.shape(), batch), 64);
      run(i, o, batch);
      return o.toArray(ValueLayout.JAVA_LONG);
    }
  }

  private float[] runInto(Arena a, MemorySegment in, int batch) {
    TensorInfo out = graph.outputs().get(0);
    if (out.type() != ElementType.FLOAT32)
      throw new FlernException("FlernModel: the first output '" + out.name() + "' is int64; use runIndices(float[], batch)");
    long n = elements(out.shape(), batch);
    MemorySegment o = a.allocate(4L * n, 64);
    run(in, o, batch);
    return o.toArray(ValueLayout.JAVA_FLOAT);
  }

  /**
   * Runs on native buffers: {@code in} holds the input rows, {@code out} receives the first output
   * (floats, or int64 values when that output is int64).
   */
  public synchronized void run(MemorySegment in, MemorySegment out, int batch) {
    if (closed) throw new FlernException("FlernModel: closed");
    // Models of several inputs run in SQL (PREDICT fills each); this API takes one input tensor.
    if (graph.inputs().size() != 1)
      throw new FlernException("FlernModel: run takes models with one input; this one has " + graph.inputs().size()
          + " (call it from SQL with PREDICT)");
    checkBatch(batch);
    TensorInfo ti = graph.inputs().get(0);
    long inBytes = elements(ti.shape(), batch) * (ti.type() == ElementType.INT64 ? 8 : 4);
    long outBytes = bytes(graph.outputs().get(0), batch);
    if (in.byteSize() < inBytes)
      throw new FlernException("FlernModel: the input buffer has " + in.byteSize() + " bytes; batch " + batch + " needs " + inBytes);
    if (out.byteSize() < outBytes)
      throw new FlernException("FlernModel: the output buffer has " + out.byteSize() + " bytes; batch " + batch + " needs " + outBytes);
    // Up to the grain the calling thread runs the whole batch; above, each worker a grain of rows.
    long grain = program.grain();
    long need = program.scratchPerSample() * (batch <= grain ? batch : grain * threads);
    if (need > scratchFloats) {
      scratch = arena.allocate(Math.max(64, 4L * need), 64);
      scratchFloats = need;
    }
    int base = ModelProgram.FIXED_PARAMS + program.rawParams();
    params.setAtIndex(ValueLayout.JAVA_LONG, base, in.address());
    params.setAtIndex(ValueLayout.JAVA_LONG, base + 1, out.address());
    if (graph.outputs().size() > 1 && batch > extraBatch) {
      for (int i = 1; i < graph.outputs().size(); i++)
        extraOutputs[i] = arena.allocate(bytes(graph.outputs().get(i), batch), 64);
      extraBatch = batch;
    }
    for (int i = 1; i < graph.outputs().size(); i++)
      params.setAtIndex(ValueLayout.JAVA_LONG, base + 1 + i, extraOutputs[i].address());
    call(ModelProgram.MODE_RUN, batch);
  }

  private void call(int mode, long batch) {
    params.setAtIndex(ValueLayout.JAVA_LONG, 0, mode);
    params.setAtIndex(ValueLayout.JAVA_LONG, 1, batch);
    params.setAtIndex(ValueLayout.JAVA_LONG, 2, table.address());
    params.setAtIndex(ValueLayout.JAVA_LONG, 3, packed == null ? 0 : packed.address());
    params.setAtIndex(ValueLayout.JAVA_LONG, 4, scratch.address());
    params.setAtIndex(ValueLayout.JAVA_LONG, 5, workspace == null ? 0 : workspace.address());
    params.setAtIndex(ValueLayout.JAVA_LONG, 6, program.grain());
    params.setAtIndex(ValueLayout.JAVA_LONG, 7, wsStride);
    rt.runQuery(library.entry(), ctx, params);
  }

  private void checkBatch(int batch) {
    if (batch < 1) throw new FlernException("FlernModel: the batch must be at least 1, got " + batch);
    if (!inputShape().hasBatch() && batch != 1)
      throw new FlernException("FlernModel: this model has a fixed first dimension; batch must be 1, got " + batch);
  }

  private static long bytes(TensorInfo t, long batch) {
    return elements(t.shape(), batch) * (t.type() == ElementType.INT64 ? 8 : 4);
  }

  private static long elements(Shape s, long batch) {
    long n = 1;
    for (int d : s.dims()) n *= d == Shape.BATCH ? batch : d;
    return n;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    rt.ctxFree(ctx);
    rt.poolFree(pool);
    arena.close();
  }
}
