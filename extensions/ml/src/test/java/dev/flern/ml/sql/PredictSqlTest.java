package dev.flern.ml.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.models.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PREDICT over a table equals ONNX Runtime run on the same rows: the MLP test model over a table of
 * random features (some rows NULL), through the scalar form (in SELECT, WHERE, under GROUP BY, after
 * a sort), FLOAT[n] arguments, the table form, and 1 and 2 threads. The features are multiples of
 * 1/64, so DOUBLE columns narrow to exactly the floats ONNX Runtime is given.
 */
class PredictSqlTest {
  static final int ROWS = 3000;
  static final long SEED = new Random().nextLong();

  @TempDir static Path dir;
  static Flern flern;
  static FlernConnection db;
  static byte[] mlp;
  /**
   * The features of each row (null: the row's f6 is NULL; its v column is complete), ONNX Runtime's
   * probabilities on the complete vector, and those a row with a NULL must give (null).
   */
  static float[][] features;
  static float[][] fullFeatures;
  static float[][] full;
  static float[][] expected;
  static int[] groups;

  @BeforeAll
  static void setUp() throws IOException {
    mlp = TestModels.mlp(1).toByteArray();
    Files.write(dir.resolve("mlp.onnx"), mlp);
    Random r = new Random(SEED);
    features = new float[ROWS][];
    fullFeatures = new float[ROWS][];
    groups = new int[ROWS];
    StringBuilder csv = new StringBuilder();
    float[] batch = new float[ROWS * 32];
    for (int i = 0; i < ROWS; i++) {
      groups[i] = r.nextInt(7);
      boolean hasNull = r.nextInt(25) == 0;
      float[] f = new float[32];
      StringJoiner line = new StringJoiner(",");
      line.add(Integer.toString(i)).add(Integer.toString(groups[i]));
      for (int k = 0; k < 32; k++) {
        f[k] = (r.nextInt(257) - 128) / 64f;
        line.add(hasNull && k == 5 ? "" : Float.toString(f[k]));
      }
      StringJoiner vec = new StringJoiner(", ", "\"[", "]\"");
      for (float x : f) vec.add(Float.toString(x));
      line.add(vec.toString());
      csv.append(line).append('\n');
      features[i] = hasNull ? null : f;
      fullFeatures[i] = f;
      System.arraycopy(f, 0, batch, i * 32, 32);
    }
    Path data = dir.resolve("t.csv");
    Files.writeString(data, csv);
    Map<String, TensorData> out = OrtOracle.run(mlp, Map.of(TestModels.MLP_INPUT, Tensors.of(batch, ROWS, 32)));
    float[] probs = ((FloatTensor) out.get(TestModels.MLP_OUTPUT)).values();
    full = new float[ROWS][];
    expected = new float[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      full[i] = new float[] {probs[2 * i], probs[2 * i + 1]};
      if (features[i] != null) expected[i] = full[i];
    }

    flern = Flern.open();
    db = flern.connect();
    StringJoiner cols = new StringJoiner(", ");
    cols.add("id BIGINT").add("g INTEGER");
    for (int k = 1; k <= 32; k++) cols.add("f" + k + " DOUBLE");
    cols.add("v FLOAT[32]");
    db.execute("CREATE TABLE t (" + cols + ")");
    db.execute("COPY t FROM '" + data + "'");
    db.execute("CREATE MODEL mlp FROM '" + dir.resolve("mlp.onnx") + "'");
  }

  @AfterAll
  static void tearDown() {
    if (flern != null) flern.close();
  }

  static String features() {
    StringJoiner j = new StringJoiner(", ");
    for (int k = 1; k <= 32; k++) j.add("f" + k);
    return j.toString();
  }

  static void assertProbs(String what, float[] want, Object got) {
    if (want == null) {
      assertNull(got, what + ": a row with a NULL feature predicts NULL");
      return;
    }
    float[] g = (float[]) got;
    assertEquals(2, g.length, what);
    for (int k = 0; k < 2; k++)
      assertEquals(want[k], g[k], 1e-4 * Math.max(1, Math.abs(want[k])), what + " [" + k + "] (seed " + SEED + ")");
  }

  @ParameterizedTest(name = "{0} thread(s)")
  @ValueSource(ints = {1, 2})
  void everyRowMatchesOnnxRuntime(int threads) {
    db.execute("SET threads = " + threads);
    Result res = db.execute("SELECT id, PREDICT(mlp, " + features() + ") AS p FROM t ORDER BY id");
    assertEquals(ROWS, res.rowCount());
    for (int i = 0; i < ROWS; i++) {
      assertEquals((long) i, res.get(i, 0));
      assertProbs("row " + i, expected[i], res.get(i, 1));
    }
  }

  @Test
  void floatArrayArgumentsAndMixedArguments() {
    db.execute("SET threads = 2");
    Result res = db.execute("SELECT id, PREDICT(mlp, v) FROM t ORDER BY id");
    for (int i = 0; i < ROWS; i++) assertProbs("row " + i + " from v", full[i], res.get(i, 1));
    // The first 16 values from v (its elements), the rest from the scalar columns.
    StringJoiner mixed = new StringJoiner(", ");
    for (int k = 1; k <= 16; k++) mixed.add("v[" + k + "]");
    for (int k = 17; k <= 32; k++) mixed.add("f" + k);
    Result m = db.execute("SELECT id, PREDICT(mlp, " + mixed + ") FROM t ORDER BY id");
    for (int i = 0; i < ROWS; i++) assertProbs("row " + i + " mixed", full[i], m.get(i, 1));
  }

  @Test
  void filterAndAggregateOverPredictions() {
    db.execute("SET threads = 2");
    String p = "PREDICT(mlp, " + features() + ")[2]";
    Result res = db.execute("SELECT g, count(*), sum(CASE WHEN " + p + " > 0.5 THEN 1 ELSE 0 END), avg(" + p + ") "
        + "FROM t WHERE f1 >= -1.5 GROUP BY g ORDER BY g");
    Map<Integer, double[]> want = new HashMap<>();
    for (int i = 0; i < ROWS; i++) {
      // f1 is never NULL (f6 is), so every row is filtered on its own f1.
      if (batchValue(i, 0) < -1.5) continue;
      double[] acc = want.computeIfAbsent(groups[i], k -> new double[4]);
      acc[0]++;
      if (expected[i] != null) {
        acc[1] += expected[i][1] > 0.5 ? 1 : 0;
        acc[2] += expected[i][1];
        acc[3]++;
      }
    }
    assertTrue(res.rowCount() > 0);
    for (int row = 0; row < res.rowCount(); row++) {
      int g = ((Number) res.get(row, 0)).intValue();
      double[] acc = want.get(g);
      assertEquals((long) acc[0], ((Number) res.get(row, 1)).longValue(), "group " + g + " count");
      assertEquals(acc[2] / acc[3], ((Number) res.get(row, 3)).doubleValue(), 1e-5, "group " + g + " mean");
    }
    // The model in WHERE: rows whose class-1 probability is above 0.5.
    long above = 0, near = 0;
    for (float[] e : expected) {
      if (e != null && e[1] > 0.5) above++;
      // Two correct engines may put a row this close to the threshold on either side.
      if (e != null && Math.abs(e[1] - 0.5) < 1e-5) near++;
    }
    Result w = db.execute("SELECT count(*) FROM t WHERE " + p + " > 0.5");
    assertEquals(above, ((Number) w.get(0, 0)).longValue(), near, "rows above 0.5 (" + near + " within 1e-5 of it)");
  }

  private static float batchValue(int row, int k) {
    return features[row] != null ? features[row][k] : fullFeatures[row][k];
  }

  @Test
  void tableFormReturnsEveryOutputAsAColumn() {
    db.execute("SET threads = 2");
    Result res = db.execute("SELECT * FROM PREDICT(mlp, (SELECT id, v AS x FROM t WHERE id < 100)) ORDER BY id");
    assertEquals(List.of("id", "x", TestModels.MLP_OUTPUT), res.columnNames());
    assertEquals(100, res.rowCount());
    Result scalar = db.execute("SELECT id, PREDICT(mlp, v) FROM t WHERE id < 100 ORDER BY id");
    for (int i = 0; i < 100; i++) {
      float[] a = (float[]) res.get(i, 2), b = (float[]) scalar.get(i, 1);
      assertEquals(b[0], a[0], 0f);
      assertEquals(b[1], a[1], 0f);
    }
  }

  @Test
  void modelsAreListedAndDropped() throws IOException {
    Files.write(dir.resolve("other.onnx"), mlp);
    db.execute("CREATE MODEL other FROM '" + dir.resolve("other.onnx") + "'");
    Result show = db.execute("SHOW MODELS");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < show.rowCount(); i++) rows.add(show.get(i, 0) + " " + show.get(i, 1) + " " + show.get(i, 3) + " " + show.get(i, 5));
    assertTrue(rows.contains("other input x [batch, 32]"), rows.toString());
    assertTrue(rows.contains("other output probs [batch, 2]"), rows.toString());
    FlernException dup = assertThrows(FlernException.class, () -> db.execute("CREATE MODEL other FROM '" + dir.resolve("other.onnx") + "'"));
    assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
    db.execute("DROP MODEL other");
    FlernException gone = assertThrows(FlernException.class, () -> db.execute("SELECT PREDICT(other, v) FROM t"));
    assertTrue(gone.getMessage().contains("model \"other\" does not exist"), gone.getMessage());
    db.execute("DROP MODEL IF EXISTS other");
    assertThrows(FlernException.class, () -> db.execute("DROP MODEL other"));
  }

  @Test
  void twoConnectionsCallTheModelAtOnce() throws Exception {
    db.execute("SET threads = 2");
    String sql = "SELECT id, PREDICT(mlp, v) FROM t WHERE id % 2 = ? ORDER BY id";
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      List<java.util.concurrent.Future<Result>> runs = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        int parity = k % 2;
        runs.add(pool.submit(() -> {
          try (FlernConnection c = flern.connect()) {
            return c.execute(sql.replace("?", Integer.toString(parity)));
          }
        }));
      }
      for (int k = 0; k < 4; k++) {
        Result r = runs.get(k).get();
        assertEquals(ROWS / 2, r.rowCount());
        for (int i = 0; i < r.rowCount(); i++) {
          int id = ((Number) r.get(i, 0)).intValue();
          assertEquals(k % 2, id % 2);
          assertProbs("row " + id + " (run " + k + ")", full[id], r.get(i, 1));
        }
      }
    }
  }

  @Test
  void batchBuffersCountAgainstTheMemoryLimit() {
    // One worker's batch (intermediates of ~500 rows of 528 floats) alone is about 1 MB.
    db.execute("SET threads = 2");
    db.execute("SET memory_limit = '1MB'");
    try {
      FlernException e = assertThrows(FlernException.class, () -> db.execute("SELECT id, PREDICT(mlp, v) FROM t"));
      assertTrue(e.getMessage().contains("memory limit exceeded"), e.getMessage());
    } finally {
      db.execute("SET memory_limit = '8GB'");
    }
    assertEquals((long) ROWS, db.execute("SELECT id, PREDICT(mlp, v) FROM t").rowCount());
  }

  @Test
  void badCallsAreClearErrors() {
    FlernException few = assertThrows(FlernException.class, () -> db.execute("SELECT PREDICT(mlp, f1, f2) FROM t"));
    assertTrue(few.getMessage().contains("make 2 value(s) per row; the model takes 32"), few.getMessage());
    FlernException text = assertThrows(FlernException.class,
        () -> db.execute("SELECT PREDICT(mlp, 'a', " + features().substring(4) + ") FROM t"));
    assertTrue(text.getMessage().contains("cannot be a model feature"), text.getMessage());
    FlernException missing = assertThrows(FlernException.class,
        () -> db.execute("CREATE MODEL m2 FROM '" + dir.resolve("nothing.onnx") + "'"));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }
}
