package dev.flern.ml.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.Result;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.models.TestModels;
import dev.flern.ml.onnx.OnnxBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewrites around model calls (DESIGN §9) change where the model runs, never a result: each
 * query gives the same rows with the rewrite on and off, and EXPLAIN shows the rewrite happened.
 */
class PredictRewritesTest {
  static final long SEED = new Random().nextLong();
  static final int FACTS = 4000, DIMS = 60;

  @TempDir static Path dir;
  static Flern flern;
  static FlernConnection db;
  static ModelProto twoHeads;

  @BeforeAll
  static void setUp() throws IOException {
    Random r = new Random(SEED);
    Files.write(dir.resolve("mlp.onnx"), TestModels.mlp(1).toByteArray());
    twoHeads = twoHeads(r);
    Files.write(dir.resolve("heads.onnx"), twoHeads.toByteArray());
    StringBuilder dims = new StringBuilder(), facts = new StringBuilder();
    for (int d = 0; d < DIMS; d++) {
      StringJoiner v = new StringJoiner(", ", "\"[", "]\"");
      for (int k = 0; k < 32; k++) v.add(Float.toString((r.nextInt(257) - 128) / 64f));
      StringJoiner w = new StringJoiner(", ", "\"[", "]\"");
      for (int k = 0; k < 6; k++) w.add(Float.toString((r.nextInt(129) - 64) / 32f));
      dims.append(d).append(',').append(v).append(',').append(w).append('\n');
    }
    for (int i = 0; i < FACTS; i++)
      facts.append(i).append(',').append(r.nextInt(DIMS + 5)).append(',').append((r.nextInt(201) - 100) / 50.0).append('\n');
    Files.writeString(dir.resolve("d.csv"), dims);
    Files.writeString(dir.resolve("f.csv"), facts);
    flern = Flern.open();
    db = flern.connect();
    db.execute("CREATE TABLE d (id INTEGER, v FLOAT[32], w FLOAT[6])");
    db.execute("CREATE TABLE f (id BIGINT, d_id INTEGER, x DOUBLE)");
    db.execute("COPY d FROM '" + dir.resolve("d.csv") + "'");
    db.execute("COPY f FROM '" + dir.resolve("f.csv") + "'");
    db.execute("CREATE MODEL mlp FROM '" + dir.resolve("mlp.onnx") + "'");
    db.execute("CREATE MODEL heads FROM '" + dir.resolve("heads.onnx") + "'");
    logistic = linear(r, "logistic", 6, 1, true, true);
    regression = linear(r, "regression", 7, 3, false, false);
    Files.write(dir.resolve("logistic.onnx"), logistic.toByteArray());
    Files.write(dir.resolve("regression.onnx"), regression.toByteArray());
    db.execute("CREATE MODEL logistic FROM '" + dir.resolve("logistic.onnx") + "'");
    db.execute("CREATE MODEL regression FROM '" + dir.resolve("regression.onnx") + "'");
  }

  static ModelProto logistic, regression;

  /** x [N, in] → Gemm (alpha 0.75, beta 1.5) [→ Sigmoid] → y [N, out]. */
  static ModelProto linear(Random r, String name, int in, int out, boolean transB, boolean sigmoid) {
    OnnxBuilder b = new OnnxBuilder(name, 13);
    String x = b.input("x", ElementType.FLOAT32, "N", in);
    String w = b.initializer(name + ".w", transB ? TestModels.uniform(r, 0.8, out, in) : TestModels.uniform(r, 0.8, in, out));
    String c = b.initializer(name + ".b", TestModels.uniform(r, 0.3, out));
    String y = b.op("Gemm").name(name + ".gemm").inputs(x, w, c).attr("transB", transB ? 1L : 0L)
        .attr("alpha", 0.75f).attr("beta", 1.5f).out();
    if (sigmoid) y = b.op("Sigmoid").name(name + ".sigmoid").inputs(y).out();
    b.output(y, ElementType.FLOAT32, "N", out);
    return b.build();
  }

  @AfterAll
  static void tearDown() {
    if (flern != null) flern.close();
  }

  /** x [N, 6] → Gemm → Sigmoid as "score" [N, 1]; x → Gemm → Relu → Gemm as "embed" [N, 3]. */
  static ModelProto twoHeads(Random r) {
    OnnxBuilder b = new OnnxBuilder("heads", 13);
    String x = b.input("x", ElementType.FLOAT32, "N", 6);
    String w1 = b.initializer("score.w", TestModels.uniform(r, 0.5, 1, 6));
    String b1 = b.initializer("score.b", TestModels.uniform(r, 0.1, 1));
    String s = b.op("Gemm").name("score.gemm").inputs(x, w1, b1).attr("transB", 1L).out();
    b.op("Sigmoid").name("score").inputs(s).out();
    String w2 = b.initializer("embed.w1", TestModels.uniform(r, 0.5, 16, 6));
    String b2 = b.initializer("embed.b1", TestModels.uniform(r, 0.1, 16));
    String h = b.op("Gemm").name("embed.gemm1").inputs(x, w2, b2).attr("transB", 1L).out();
    h = b.op("Relu").name("embed.relu").inputs(h).out();
    String w3 = b.initializer("embed.w2", TestModels.uniform(r, 0.5, 3, 16));
    String b3 = b.initializer("embed.b2", TestModels.uniform(r, 0.1, 3));
    b.op("Gemm").name("embed").inputs(h, w3, b3).attr("transB", 1L).out();
    b.output("score", ElementType.FLOAT32, "N", 1);
    b.output("embed", ElementType.FLOAT32, "N", 3);
    return b.build();
  }

  /** The query's rows with the setting on and off: the same values (floats within 1e-6). */
  static List<List<Object>> sameOnAndOff(String setting, String sql) {
    db.execute("SET " + setting + " = on");
    List<List<Object>> on = rows(db.execute(sql));
    db.execute("SET " + setting + " = off");
    List<List<Object>> off = rows(db.execute(sql));
    db.execute("SET " + setting + " = on");
    assertEquals(off.size(), on.size(), sql);
    for (int i = 0; i < on.size(); i++)
      for (int c = 0; c < on.get(i).size(); c++) assertSame(sql + " row " + i + " col " + c, off.get(i).get(c), on.get(i).get(c));
    return on;
  }

  static void assertSame(String what, Object want, Object got) {
    if (want instanceof float[] a) {
      float[] b = (float[]) got;
      assertEquals(a.length, b.length, what);
      for (int k = 0; k < a.length; k++) assertEquals(a[k], b[k], 1e-6 * Math.max(1, Math.abs(a[k])), what);
    } else if (want instanceof Double a) {
      assertEquals(a, (Double) got, 1e-6 * Math.max(1, Math.abs(a)), what);
    } else {
      assertEquals(want, got, what);
    }
  }

  static List<List<Object>> rows(Result r) {
    List<List<Object>> out = new java.util.ArrayList<>();
    for (long i = 0; i < r.rowCount(); i++) {
      List<Object> row = new java.util.ArrayList<>();
      for (int c = 0; c < r.columnCount(); c++) row.add(r.get(i, c));
      out.add(row);
    }
    return out;
  }

  static String explain(String sql) {
    Result r = db.execute("EXPLAIN " + sql);
    StringBuilder sb = new StringBuilder();
    for (long i = 0; i < r.rowCount(); i++) sb.append(r.get(i, 0)).append('\n');
    return sb.toString();
  }

  @Test
  void filtersRunBeforeTheModel() {
    String sql = "SELECT id, PREDICT(mlp, v)[2] AS p FROM d WHERE id % 3 <> 0 AND PREDICT(mlp, v)[2] > 0.3 ORDER BY id";
    List<List<Object>> rows = sameOnAndOff("predict_filter_pushdown", sql);
    assertFalse(rows.isEmpty());
    for (List<Object> row : rows) {
      assertTrue((Double) row.get(1) > 0.3);
      assertTrue(((Number) row.get(0)).intValue() % 3 != 0);
    }
    // On: the condition on id sits below the Predict (the model runs on fewer rows), the one on
    // its output above. Off: both above.
    String on = explain(sql);
    assertTrue(on.indexOf("Predict") < on.indexOf("mod(id"), on);
    db.execute("SET predict_filter_pushdown = off");
    String off = explain(sql);
    db.execute("SET predict_filter_pushdown = on");
    assertTrue(off.indexOf("mod(id") < off.indexOf("Predict"), off);
  }

  @Test
  void aModelOfTheSmallerJoinSideRunsBelowTheJoin() {
    // d (60 rows) is the smaller side: the model runs once per d row, not once per f row.
    for (String sql : List.of(
        "SELECT f.id, d.id, PREDICT(mlp, d.v) AS p FROM f JOIN d ON f.d_id = d.id ORDER BY f.id",
        "SELECT f.id, d.id, PREDICT(mlp, d.v) AS p FROM d JOIN f ON f.d_id = d.id WHERE f.x < 1.5 ORDER BY f.id")) {
      List<List<Object>> rows = sameOnAndOff("predict_join_pushdown", sql);
      assertTrue(rows.size() > FACTS / 2, sql);
      String plan = explain(sql);
      assertTrue(plan.indexOf("HashJoin") < plan.indexOf("Predict"), plan);
      checkAgainstOrt(rows);
    }
  }

  /** Each row's prediction equals ONNX Runtime on its d row's vector. */
  private static void checkAgainstOrt(List<List<Object>> rows) {
    Result dv = db.execute("SELECT id, v FROM d ORDER BY id");
    float[] batch = new float[DIMS * 32];
    for (int i = 0; i < DIMS; i++) System.arraycopy((float[]) dv.get(i, 1), 0, batch, i * 32, 32);
    float[] probs = ((FloatTensor) OrtOracle.run(TestModels.mlp(1).toByteArray(),
        Map.of(TestModels.MLP_INPUT, Tensors.of(batch, DIMS, 32))).get(TestModels.MLP_OUTPUT)).values();
    for (List<Object> row : rows) {
      int d = ((Number) row.get(1)).intValue();
      float[] p = (float[]) row.get(2);
      for (int k = 0; k < 2; k++) assertEquals(probs[2 * d + k], p[k], 1e-4, "d row " + d + " (seed " + SEED + ")");
    }
  }

  @Test
  void onlyTheOutputsUsedAreComputed() {
    String one = "SELECT id, embed FROM PREDICT(heads, (SELECT id, w AS x FROM d)) ORDER BY id";
    List<List<Object>> rows = sameOnAndOff("predict_output_pruning", one);
    assertEquals(DIMS, rows.size());
    // With pruning the score head's Gemm is not in the program: two GEMMs (embed's), not three.
    String code = code(one);
    assertEquals(2, count(code, "flern::ml::gemm"), code);
    db.execute("SET predict_output_pruning = off");
    String all = code(one);
    db.execute("SET predict_output_pruning = on");
    assertTrue(count(all, "flern::ml::gemm") > 2, all);
    // Both heads at once, and each against ONNX Runtime.
    Result both = db.execute("SELECT id, score, embed FROM PREDICT(heads, (SELECT id, w AS x FROM d)) ORDER BY id");
    float[] batch = new float[DIMS * 6];
    for (int i = 0; i < DIMS; i++) System.arraycopy((float[]) db.execute("SELECT w FROM d WHERE id = " + i).get(0, 0), 0, batch, i * 6, 6);
    Map<String, TensorData> ort = OrtOracle.run(twoHeads.toByteArray(), Map.of("x", Tensors.of(batch, DIMS, 6)));
    float[] score = ((FloatTensor) ort.get("score")).values(), embed = ((FloatTensor) ort.get("embed")).values();
    for (int i = 0; i < DIMS; i++) {
      assertEquals(score[i], (Double) both.get(i, 1), 1e-4, "score " + i);
      float[] e = (float[]) both.get(i, 2), e1 = (float[]) rows.get(i).get(1);
      for (int k = 0; k < 3; k++) {
        assertEquals(embed[3 * i + k], e[k], 1e-4 * Math.max(1, Math.abs(embed[3 * i + k])), "embed " + i);
        assertEquals(e[k], e1[k], 1e-6 * Math.max(1, Math.abs(e[k])), "embed alone " + i);
      }
    }
    // A model call nothing reads is not run at all.
    String unused = explain("SELECT id FROM PREDICT(heads, (SELECT id, w AS x FROM d))");
    assertFalse(unused.contains("Predict"), unused);
  }

  @Test
  void subscriptsReadElementsInPlace() {
    String sql = "SELECT id, PREDICT(mlp, v)[2] AS p, PREDICT(mlp, v)[1] + 1 AS q FROM d "
        + "WHERE PREDICT(mlp, v)[2] > 0.2 ORDER BY id";
    List<List<Object>> rows = sameOnAndOff("predict_output_pruning", sql);
    assertFalse(rows.isEmpty());
    for (List<Object> row : rows) {
      assertTrue((Double) row.get(1) > 0.2);
      assertEquals(2.0, (Double) row.get(1) + (Double) row.get(2), 1e-5, "the two softmax probabilities sum to 1");
    }
    // On: the Predict gives elements 1 and 2 as numbers; off: the whole FLOAT[2] output.
    String on = explain(sql);
    assertTrue(on.contains("outputs=[0[1], 0[2]]"), on);
    db.execute("SET predict_output_pruning = off");
    String off = explain(sql);
    db.execute("SET predict_output_pruning = on");
    assertTrue(off.contains("outputs=[0]"), off);
    // Elements read in place equal ONNX Runtime's probabilities, every d row.
    List<List<Object>> all = rowsWithVectors();
    assertEquals(DIMS, all.size());
    checkAgainstOrt(all);
  }

  /** (unused, id, probabilities read as two subscripts) per d row, as checkAgainstOrt takes them. */
  private static List<List<Object>> rowsWithVectors() {
    Result r = db.execute("SELECT id, PREDICT(mlp, v)[1], PREDICT(mlp, v)[2] FROM d ORDER BY id");
    List<List<Object>> out = new java.util.ArrayList<>();
    for (long i = 0; i < r.rowCount(); i++) {
      float[] p = {((Double) r.get(i, 1)).floatValue(), ((Double) r.get(i, 2)).floatValue()};
      out.add(List.of(0, r.get(i, 0), p));
    }
    return out;
  }

  @Test
  void linearAndLogisticModelsBecomeExpressions() {
    String sql = "SELECT id, PREDICT(logistic, w) AS p, PREDICT(regression, w, id % 2 = 0) AS q, "
        + "PREDICT(logistic, CASE WHEN id % 7 = 0 THEN NULL ELSE w END) AS n FROM d ORDER BY id";
    List<List<Object>> rows = sameOnAndOff("predict_inline_linear", sql);
    assertFalse(explain(sql).contains("Predict"), explain(sql));
    db.execute("SET predict_inline_linear = off");
    assertTrue(explain(sql).contains("Predict"));
    db.execute("SET predict_inline_linear = on");
    float[] xs = new float[DIMS * 6], xr = new float[DIMS * 7];
    Result w = db.execute("SELECT w FROM d ORDER BY id");
    for (int i = 0; i < DIMS; i++) {
      float[] v = (float[]) w.get(i, 0);
      System.arraycopy(v, 0, xs, i * 6, 6);
      System.arraycopy(v, 0, xr, i * 7, 6);
      xr[i * 7 + 6] = i % 2 == 0 ? 1 : 0;
    }
    float[] p = ((FloatTensor) OrtOracle.run(logistic.toByteArray(), Map.of("x", Tensors.of(xs, DIMS, 6))).values().iterator().next()).values();
    float[] q = ((FloatTensor) OrtOracle.run(regression.toByteArray(), Map.of("x", Tensors.of(xr, DIMS, 7))).values().iterator().next()).values();
    assertEquals(DIMS, rows.size());
    for (int i = 0; i < DIMS; i++) {
      assertEquals(p[i], (Double) rows.get(i).get(1), 1e-5, "logistic row " + i);
      float[] got = (float[]) rows.get(i).get(2);
      for (int k = 0; k < 3; k++) assertEquals(q[3 * i + k], got[k], 1e-4 * Math.max(1, Math.abs(q[3 * i + k])), "regression row " + i);
      if (i % 7 == 0) assertEquals(null, rows.get(i).get(3), "a NULL argument gives NULL");
      else assertEquals(p[i], (Double) rows.get(i).get(3), 1e-5, "logistic row " + i);
    }
  }

  private static String code(String sql) {
    Result r = db.execute("EXPLAIN (CODE) " + sql);
    StringBuilder sb = new StringBuilder();
    for (long i = 0; i < r.rowCount(); i++) sb.append(r.get(i, 0)).append('\n');
    return sb.toString();
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }
}
