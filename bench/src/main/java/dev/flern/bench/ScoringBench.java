package dev.flern.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import dev.flern.ml.api.FlernModel;
import dev.flern.ml.onnx.OnnxImporter;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.models.TestModels;
import dev.flern.ml.onnx.OnnxBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scoring a table with a model in one SQL query: Flern ({@code PREDICT} inside the query's own
 * compiled program) against the usual glue — DuckDB (JDBC) reads the feature columns, the rows are
 * copied into batches of direct buffers, ONNX Runtime (Java API) scores each batch, and Java
 * aggregates the scores. Both in this JVM, on the same CSV, at 1 and 2 threads, alternating, after
 * warm-up; medians are reported; nothing here is a test.
 *
 * <p>The query: per group {@code g}, the rows, how many rows the MLP test model
 * ({@link TestModels#mlp}, 32 → 256 → 256 → 2, Softmax) scores above 0.5 (class-1 probability) and the
 * mean score.
 *
 * <p>Usage: {@code bench/run-scoring [rows] [runs]} (default 1,000,000 rows, 5 runs).
 */
public final class ScoringBench {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  static final int FEATURES = 32;
  static final int GROUPS = 10;
  /** Rows per ONNX Runtime call on the glued side (the batch ModelBench measures the MLP at). */
  static final int BATCH = 4096;
  static final long DATA_SEED = 42;
  /**
   * The model's weights. ModelBench's seed 11 scores almost every row below 0.5 on this data (mean
   * 0.046); seed 1 splits the rows about 57/43, so the count above 0.5 checks something.
   */
  static final long MODEL_SEED = 1;
  static final int WARMUP = 2;
  /** Scores within this of 0.5 may fall on either side in two correct engines (float rounding). */
  static final double THRESHOLD_EPS = 1e-5;
  static final double MEAN_TOLERANCE = 1e-4;

  /**
   * Flern's query; {@code PREDICT(scorer, f1, …, f32)} is the model's FLOAT[2] output (the MLP's
   * softmax, or the logistic model's two sigmoids), [2] the class-1 probability.
   */
  static final String FLERN_SQL = """
      SELECT g, count(*) AS n, sum(CASE WHEN s > 0.5 THEN 1 ELSE 0 END) AS above, avg(s) AS mean_score
      FROM (SELECT g, PREDICT(scorer, %s)[2] AS s FROM t) AS scored
      GROUP BY g ORDER BY g""".formatted(featureList());

  /** What the glue reads from DuckDB: the group and the features, every row. */
  static final String GLUED_SQL = "SELECT g, " + featureList() + " FROM t";

  /** One group of the answer. */
  record GroupStats(int g, long rows, long above, double mean) {}

  /** One measured configuration. */
  record Row(int threads, long flernNanos, long flernRunNanos, long gluedNanos, long gluedOrtNanos) {}

  /** The model alone over the same rows in batches of {@link #BATCH}: no SQL, no data movement. */
  record ModelOnly(int threads, long ortNanos, long flernModelNanos) {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String kind = args.length > 2 ? args[2] : "mlp";
    if (!kind.equals("mlp") && !kind.equals("logistic"))
      throw new IllegalArgumentException("the model is mlp or logistic, not " + kind);
    Path dir = Files.createTempDirectory("flern-scoring-bench");
    try {
      run(dir, rows, runs, kind.equals("mlp") ? TestModels.mlp(MODEL_SEED) : logistic(MODEL_SEED));
    } finally {
      // The CSV is ~270 MB per million rows; do not leave one behind per run.
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * A logistic model of the same features: x [N, 32] → Gemm → Sigmoid → probs [N, 2] (two
   * independent logits, so the query and the glue read it as the MLP's output). Flern writes it as
   * SQL expressions (predict_inline_linear); the glue still reads every row and calls the model.
   */
  static ModelProto logistic(long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    OnnxBuilder b = new OnnxBuilder("logistic", 13);
    String x = b.input(TestModels.MLP_INPUT, ElementType.FLOAT32, "N", FEATURES);
    String w = b.initializer("w", TestModels.uniform(rnd, 0.3, 2, FEATURES));
    String c = b.initializer("b", TestModels.uniform(rnd, 0.1, 2));
    String z = b.op("Gemm").name("linear").inputs(x, w, c).attr("transB", 1L).out();
    b.op("Sigmoid").name(TestModels.MLP_OUTPUT).inputs(z).out();
    b.output(TestModels.MLP_OUTPUT, ElementType.FLOAT32, "N", 2);
    return b.build();
  }

  private static void run(Path dir, long rows, int runs, ModelProto proto) throws Exception {
    Path cache = Files.createDirectory(dir.resolve("cache"));
    // A fresh compile cache: the scoring query's first run is a cold compile.
    System.setProperty("flern.cache.dir", cache.toString());
    Path model = dir.resolve("scorer.onnx");
    byte[] modelBytes = proto.toByteArray();
    Files.write(model, modelBytes);
    Path csv = dir.resolve("t.csv");
    long t0 = System.nanoTime();
    writeData(csv, rows);
    System.out.printf(Locale.ROOT, "data: %,d rows (id, g in 0..%d, f1..f%d) in %s (%d MB), written in %.1f s%n", rows,
        GROUPS - 1, FEATURES, csv, Files.size(csv) >> 20, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "model: %s (seed %d), %s; glued batch %d rows; runs %d per engine "
        + "and thread count, warm-up %d%n", proto.getGraph().getName().equals("mlp") ? "MLP 32-256-256-2" : "logistic 32-2, sigmoid",
        MODEL_SEED, model, BATCH, runs, WARMUP);
    System.out.printf(Locale.ROOT, "cores: %d (machine shared with other jobs; load average at start: %s)%n%n",
        Runtime.getRuntime().availableProcessors(), BenchStats.loadAverage());

    try (Flern db = Flern.open(); FlernConnection f = db.connect();
         Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement d = duck.createStatement()) {
      String ddl = tableDdl();
      f.execute(ddl);
      d.execute(ddl);
      t0 = System.nanoTime();
      f.execute("COPY t FROM '" + csv + "' (HEADER)");
      long flernLoad = System.nanoTime() - t0;
      t0 = System.nanoTime();
      d.execute("COPY t FROM '" + csv + "' (HEADER)");
      long duckLoad = System.nanoTime() - t0;
      System.out.printf(Locale.ROOT, "load (COPY): flern %.2f s, duckdb %.2f s%n", flernLoad / 1e9, duckLoad / 1e9);

      // The precompiled header first, so neither CREATE MODEL nor the scoring query pays for it.
      Result first = f.execute("SELECT 1");
      System.out.printf(Locale.ROOT, "first compile (builds the precompiled header): %.0f ms%n",
          first.timings().compileNanos() / 1e6);
      boolean flernReady = flernAvailable(f, model);
      if (flernReady) {
        f.execute("SET threads = 1");
        long s = System.nanoTime();
        Result cold = f.execute(FLERN_SQL);
        long coldTotal = System.nanoTime() - s;
        System.out.printf(Locale.ROOT, "Flern scoring query, cold: compile %.0f ms (cache hit %s), plan %.0f ms, run %.0f ms, "
            + "total %.0f ms%n", cold.timings().compileNanos() / 1e6, cold.timings().cacheHit(),
            cold.timings().planNanos() / 1e6, cold.timings().runNanos() / 1e6, coldTotal / 1e6);
      }
      System.out.println();

      List<Row> table = new ArrayList<>();
      List<ModelOnly> modelOnly = new ArrayList<>();
      for (int threads : new int[] {1, 2}) {
        if (flernReady) f.execute("SET threads = " + threads);
        d.execute("SET threads TO " + threads);
        try (OrtSession.SessionOptions options = OrtOptions.of(threads);
             OrtSession session = ENV.createSession(modelBytes, options);
             Glue glue = new Glue(session);
             FlernModel flernModel = FlernModel.fromGraph(OnnxImporter.toGraph(proto), threads)) {
          long[] ortNanos = new long[1];
          List<GroupStats> glued = glue.score(d, ortNanos);
          if (flernReady) System.out.println(compare(threads, flernScore(f), glued, glue.nearHalf()));
          else System.out.println(describe("glued", threads, glued));
          table.add(measure(f, flernReady, d, glue, threads, runs));
          Row r = table.getLast();
          System.out.printf(Locale.ROOT, "threads %d: flern %s, glued %.1f ms (ORT %.1f ms)%n", threads,
              flernReady ? String.format(Locale.ROOT, "%.1f ms", r.flernNanos() / 1e6) : "n/a",
              r.gluedNanos() / 1e6, r.gluedOrtNanos() / 1e6);
          long[] alone = alternate(() -> glue.ortAlone(rows), () -> glue.flernModelAlone(flernModel, rows), runs);
          modelOnly.add(new ModelOnly(threads, alone[0], alone[1]));
          System.out.printf(Locale.ROOT, "threads %d, the model alone: ORT %.1f ms, FlernModel %.1f ms%n", threads,
              alone[0] / 1e6, alone[1] / 1e6);
        }
      }
      printTable(table, rows, flernReady);
      printModelOnly(modelOnly, table, rows);
    }
    System.out.printf(Locale.ROOT, "%nload average at end: %s%n", BenchStats.loadAverage());
  }

  /**
   * Flern's side, the whole of it: the scoring query through the public API, its groups read back.
   * Needs {@code CREATE MODEL scorer FROM '…'} to have run on this database.
   */
  static List<GroupStats> flernScore(FlernConnection f) {
    Result r = f.execute(FLERN_SQL);
    List<GroupStats> out = new ArrayList<>();
    for (long i = 0; i < r.rowCount(); i++)
      out.add(new GroupStats(((Number) r.get(i, 0)).intValue(), ((Number) r.get(i, 1)).longValue(),
          ((Number) r.get(i, 2)).longValue(), ((Number) r.get(i, 3)).doubleValue()));
    return out;
  }

  /**
   * Registers the model; false (with the reason printed) when this build of Flern has no
   * CREATE MODEL / PREDICT yet, so the glued side is still measured. The query is then tried once
   * anyway, to show how far it gets.
   */
  private static boolean flernAvailable(FlernConnection f, Path model) {
    try {
      Result r = f.execute("CREATE MODEL scorer FROM '" + model + "'");
      System.out.printf(Locale.ROOT, "CREATE MODEL: %.0f ms (plan %.0f, compile %.0f, run %.0f)%n",
          (r.timings().planNanos() + r.timings().compileNanos() + r.timings().runNanos()) / 1e6,
          r.timings().planNanos() / 1e6, r.timings().compileNanos() / 1e6, r.timings().runNanos() / 1e6);
      return true;
    } catch (FlernException e) {
      System.out.println("Flern side skipped: CREATE MODEL failed: " + e.getMessage());
      try {
        f.execute(FLERN_SQL);
        System.out.println("  (the scoring query ran without the model?)");
      } catch (FlernException q) {
        System.out.println("  the scoring query fails with: " + q.getMessage());
      }
      return false;
    }
  }

  /** Warm-up, then {@code runs} samples of each side, alternating which goes first. */
  private static Row measure(FlernConnection f, boolean flernReady, Statement d, Glue glue, int threads, int runs)
      throws SQLException {
    long[] ortNanos = new long[1];
    for (int k = 0; k < WARMUP; k++) {
      if (flernReady) flernScore(f);
      glue.score(d, ortNanos);
    }
    long[] ft = new long[runs], fr = new long[runs], gt = new long[runs], go = new long[runs];
    for (int k = 0; k < runs; k++) {
      for (int j = 0; j < 2; j++) {
        if ((k + j) % 2 == 0) {
          if (!flernReady) continue;
          long s = System.nanoTime();
          Result r = f.execute(FLERN_SQL);
          for (long i = 0; i < r.rowCount(); i++) for (int c = 0; c < r.columnCount(); c++) r.get(i, c);
          ft[k] = System.nanoTime() - s;
          fr[k] = r.timings().runNanos();
          if (!r.timings().cacheHit()) throw new IllegalStateException("the scoring query was not a cache hit");
        } else {
          ortNanos[0] = 0;
          long s = System.nanoTime();
          glue.score(d, ortNanos);
          gt[k] = System.nanoTime() - s;
          go[k] = ortNanos[0];
        }
      }
    }
    return new Row(threads, BenchStats.median(ft), BenchStats.median(fr), BenchStats.median(gt), BenchStats.median(go));
  }

  /** Warm-up, then {@code runs} samples of each, alternating which goes first; the medians. */
  private static long[] alternate(Runnable a, Runnable b, int runs) {
    Runnable[] both = {a, b};
    for (int k = 0; k < WARMUP; k++) for (Runnable r : both) r.run();
    long[][] samples = new long[2][runs];
    for (int k = 0; k < runs; k++) {
      for (int j = 0; j < 2; j++) {
        int e = (k + j) % 2;
        long s = System.nanoTime();
        both[e].run();
        samples[e][k] = System.nanoTime() - s;
      }
    }
    return new long[] {BenchStats.median(samples[0]), BenchStats.median(samples[1])};
  }

  private static void printModelOnly(List<ModelOnly> modelOnly, List<Row> table, long rows) {
    System.out.println();
    System.out.printf(Locale.ROOT, "The model alone on %,d rows (batches of %d, one buffer, no SQL): the floor under each side.%n",
        rows, BATCH);
    System.out.println("| threads | ORT alone ms | FlernModel alone ms | ORT rows/s | FlernModel rows/s "
        + "| glued ms / FlernModel alone ms |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i < modelOnly.size(); i++) {
      ModelOnly m = modelOnly.get(i);
      System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %,.0f | %,.0f | %.2f |%n", m.threads(), m.ortNanos() / 1e6,
          m.flernModelNanos() / 1e6, rows / (m.ortNanos() / 1e9), rows / (m.flernModelNanos() / 1e9),
          (double) table.get(i).gluedNanos() / m.flernModelNanos());
    }
    System.out.println("(the last column bounds glued/Flern for a PREDICT that runs the same kernels as FlernModel)");
  }

  private static void printTable(List<Row> table, long rows, boolean flernReady) {
    System.out.println();
    System.out.println("| threads | Flern ms | Flern run ms | glued ms | glued: ORT ms | glued: JDBC + copy + agg ms "
        + "| Flern rows/s | glued rows/s | glued/Flern |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : table) {
      String fl = flernReady ? String.format(Locale.ROOT, "%.1f", r.flernNanos() / 1e6) : "n/a";
      String flRun = flernReady ? String.format(Locale.ROOT, "%.1f", r.flernRunNanos() / 1e6) : "n/a";
      String flRate = flernReady ? String.format(Locale.ROOT, "%,.0f", rows / (r.flernNanos() / 1e9)) : "n/a";
      String ratio = flernReady ? String.format(Locale.ROOT, "%.2f", (double) r.gluedNanos() / r.flernNanos()) : "n/a";
      System.out.printf(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %.1f | %s | %,.0f | %s |%n", r.threads(), fl, flRun,
          r.gluedNanos() / 1e6, r.gluedOrtNanos() / 1e6, (r.gluedNanos() - r.gluedOrtNanos()) / 1e6, flRate,
          rows / (r.gluedNanos() / 1e9), ratio);
    }
    if (table.size() == 2)
      System.out.printf(Locale.ROOT, "speed-up 1 -> 2 threads: glued %.2fx%s%n",
          (double) table.get(0).gluedNanos() / table.get(1).gluedNanos(),
          flernReady ? String.format(Locale.ROOT, ", flern %.2fx",
              (double) table.get(0).flernNanos() / table.get(1).flernNanos()) : "");
  }

  /**
   * Compares the two answers: same groups and row counts; means within 1e-4 relative; counts above
   * 0.5 equal — a difference is reported with its numbers (it can come from rows scored within about
   * 1e-5 of 0.5, which two correct engines may round to either side), never hidden.
   */
  static String compare(int threads, List<GroupStats> flern, List<GroupStats> glued, long[] nearHalf) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "check at %d thread(s): ", threads));
    if (flern.size() != glued.size()) {
      return b.append("WARNING: flern returned ").append(flern.size()).append(" groups, glued ").append(glued.size())
          .append("\n  flern ").append(flern).append("\n  glued ").append(glued).toString();
    }
    List<String> problems = new ArrayList<>();
    double worstMean = 0;
    long countDiff = 0;
    for (int i = 0; i < flern.size(); i++) {
      GroupStats a = flern.get(i);
      GroupStats o = glued.get(i);
      if (a.g() != o.g() || a.rows() != o.rows())
        problems.add(String.format(Locale.ROOT, "group/rows differ: flern %s, glued %s", a, o));
      double rel = Math.abs(a.mean() - o.mean()) / Math.max(1e-30, Math.abs(o.mean()));
      worstMean = Math.max(worstMean, rel);
      if (rel > MEAN_TOLERANCE)
        problems.add(String.format(Locale.ROOT, "g=%d mean differs: flern %.9f, glued %.9f (rel %.2e)", a.g(), a.mean(),
            o.mean(), rel));
      if (a.above() != o.above()) {
        long diff = Math.abs(a.above() - o.above());
        countDiff += diff;
        long near = o.g() >= 0 && o.g() < nearHalf.length ? nearHalf[o.g()] : 0;
        problems.add(String.format(Locale.ROOT, "g=%d rows above 0.5 differ: flern %d, glued %d (%d rows; the glued side "
            + "scored %d rows of this group within %.0e of 0.5%s)", a.g(), a.above(), o.above(), diff, near,
            THRESHOLD_EPS, diff <= near ? "" : " - MORE than those can explain"));
      }
    }
    b.append(String.format(Locale.ROOT, "%d groups, max relative mean difference %.2e, above-0.5 counts differ by %d rows",
        flern.size(), worstMean, countDiff));
    b.append(problems.isEmpty() ? " -> agree" : " -> WARNING:");
    for (String p : problems) b.append("\n  ").append(p);
    b.append("\n  glued: ").append(describeGroups(glued));
    return b.toString();
  }

  private static String describe(String who, int threads, List<GroupStats> groups) {
    return String.format(Locale.ROOT, "%s answer at %d thread(s): %s", who, threads, describeGroups(groups));
  }

  private static String describeGroups(List<GroupStats> groups) {
    StringBuilder b = new StringBuilder();
    for (GroupStats s : groups)
      b.append(String.format(Locale.ROOT, "g%d %d/%d %.5f  ", s.g(), s.above(), s.rows(), s.mean()));
    return b.toString().trim();
  }

  /**
   * The glued side: DuckDB's rows through JDBC into a direct buffer of {@link #BATCH} rows, ONNX
   * Runtime on each full batch (pinned input and output tensors over direct buffers, so ORT neither
   * allocates nor copies per call), the per-group aggregate in Java.
   */
  static final class Glue implements AutoCloseable {
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final FloatBuffer in;
    private final FloatBuffer out;
    private final OnnxTensor inTensor;
    private final OnnxTensor outTensor;
    /** FlernModel's output in the model-alone runs (it reads the same input buffer as ORT). */
    private final MemorySegment flernOut = MemorySegment.ofBuffer(
        ByteBuffer.allocateDirect(4 * BATCH * 2).order(ByteOrder.nativeOrder()));
    private final int[] groupOf = new int[BATCH];
    /** Per group, the rows of the last run scored within {@link #THRESHOLD_EPS} of 0.5. */
    private final long[] nearHalf = new long[GROUPS];

    Glue(OrtSession session) throws OrtException {
      this.session = session;
      this.inputName = session.getInputNames().iterator().next();
      this.outputName = session.getOutputNames().iterator().next();
      in = ByteBuffer.allocateDirect(4 * BATCH * FEATURES).order(ByteOrder.nativeOrder()).asFloatBuffer();
      out = ByteBuffer.allocateDirect(4 * BATCH * 2).order(ByteOrder.nativeOrder()).asFloatBuffer();
      inTensor = OnnxTensor.createTensor(ENV, in, new long[] {BATCH, FEATURES});
      outTensor = OnnxTensor.createTensor(ENV, out, new long[] {BATCH, 2});
    }

    /** Runs the whole glued query; adds the nanoseconds spent inside ONNX Runtime to {@code ortNanos[0]}. */
    List<GroupStats> score(Statement d, long[] ortNanos) throws SQLException {
      long[] rows = new long[GROUPS];
      long[] above = new long[GROUPS];
      double[] sum = new double[GROUPS];
      Arrays.fill(nearHalf, 0);
      try (ResultSet rs = d.executeQuery(GLUED_SQL)) {
        int filled = 0;
        while (rs.next()) {
          groupOf[filled] = rs.getInt(1);
          int base = filled * FEATURES;
          for (int c = 0; c < FEATURES; c++) in.put(base + c, rs.getFloat(c + 2));
          if (++filled == BATCH) {
            ortNanos[0] += run(filled);
            accumulate(filled, rows, above, sum);
            filled = 0;
          }
        }
        if (filled > 0) {
          ortNanos[0] += run(filled);
          accumulate(filled, rows, above, sum);
        }
      }
      List<GroupStats> result = new ArrayList<>();
      for (int g = 0; g < GROUPS; g++)
        if (rows[g] > 0) result.add(new GroupStats(g, rows[g], above[g], sum[g] / rows[g]));
      return result;
    }

    private void accumulate(int n, long[] rows, long[] above, double[] sum) {
      for (int i = 0; i < n; i++) {
        int g = groupOf[i];
        float s = out.get(2 * i + 1);
        rows[g]++;
        if (s > 0.5) above[g]++;
        if (Math.abs(s - 0.5) <= THRESHOLD_EPS) nearHalf[g]++;
        sum[g] += s;
      }
    }

    /** ORT on {@code rows} rows of the batch buffer, as the glued query runs it, without reading or aggregating. */
    void ortAlone(long rows) {
      for (long done = 0; done < rows; done += BATCH) run((int) Math.min(BATCH, rows - done));
    }

    /** FlernModel on the same buffer and batches. */
    void flernModelAlone(FlernModel model, long rows) {
      MemorySegment input = MemorySegment.ofBuffer(in);
      for (long done = 0; done < rows; done += BATCH) model.run(input, flernOut, (int) Math.min(BATCH, rows - done));
    }

    long[] nearHalf() {
      return nearHalf.clone();
    }

    /** ORT on the first {@code n} rows of the buffer; a short last batch gets tensors over slices. */
    private long run(int n) {
      long s = System.nanoTime();
      try {
        if (n == BATCH) {
          call(inTensor, outTensor);
        } else {
          try (OnnxTensor i = OnnxTensor.createTensor(ENV, in.slice(0, n * FEATURES), new long[] {n, FEATURES});
               OnnxTensor o = OnnxTensor.createTensor(ENV, out.slice(0, n * 2), new long[] {n, 2})) {
            call(i, o);
          }
        }
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
      }
      return System.nanoTime() - s;
    }

    private void call(OnnxTensor input, OnnxTensor output) throws OrtException {
      try (OrtSession.Result r = session.run(Map.of(inputName, input), Map.of(outputName, output))) {
        // Pinned outputs are owned by us; the result only names them.
        for (Map.Entry<String, OnnxValue> e : r) if (e.getValue() == null) throw new IllegalStateException(e.getKey());
      }
    }

    @Override
    public void close() {
      inTensor.close();
      outTensor.close();
    }
  }

  static String featureList() {
    StringBuilder b = new StringBuilder();
    for (int c = 1; c <= FEATURES; c++) b.append(c > 1 ? ", " : "").append('f').append(c);
    return b.toString();
  }

  /** REAL features: DuckDB stores float32; Flern reads REAL as DOUBLE, and PREDICT narrows to float. */
  static String tableDdl() {
    StringBuilder b = new StringBuilder("CREATE TABLE t (id BIGINT, g INTEGER");
    for (int c = 1; c <= FEATURES; c++) b.append(", f").append(c).append(" REAL");
    return b.append(')').toString();
  }

  /**
   * The data: features are multiples of 1/64 in [-2, 2], exact in float32, float64 and their decimal
   * text, so both engines feed the model bit-identical inputs whatever type they read them as.
   */
  static void writeData(Path csv, long rows) throws IOException {
    String[] text = new String[257];
    for (int k = 0; k <= 256; k++) text[k] = Double.toString((k - 128) / 64.0);
    SplittableRandom rnd = new SplittableRandom(DATA_SEED);
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      StringBuilder b = new StringBuilder(400);
      b.append("id,g");
      for (int c = 1; c <= FEATURES; c++) b.append(",f").append(c);
      w.write(b.append('\n').toString());
      for (long i = 0; i < rows; i++) {
        b.setLength(0);
        b.append(i).append(',').append(rnd.nextInt(GROUPS));
        for (int c = 0; c < FEATURES; c++) b.append(',').append(text[rnd.nextInt(257)]);
        w.write(b.append('\n').toString());
      }
    }
  }
}
