package dev.flern.ml.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.models.TestModels;
import dev.flern.ml.onnx.OnnxBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * PREDICT in SQL against ONNX Runtime for models other than the MLP: SqueezeNet over FLOAT[12288]
 * images, BERT-tiny over token ids (a FLOAT[64] column, 64 BIGINT columns, a mix; 1 and 2 threads;
 * the table form's two outputs), and small models built here — two inputs fed by scalars, FLOAT[n]
 * values or by name in the table form (nested, with columns passing through); an int64 output
 * (BIGINT, grouped on); one float per row (DOUBLE); an input with a fixed first dimension of 1;
 * names full of C++ in the query and in the model; a replaced model; PREDICT after a join, under
 * ORDER BY/LIMIT, over an aggregate and without a table; the errors of bad files and bad calls.
 * The small-model table has 20000 rows: several batches and morsels, two workers at once. Every
 * distinct query costs a C++ compile, so a few queries carry many rows and cases each. Feature
 * values are multiples of 1/64 (exact floats), token ids small integers, so Flern and ONNX Runtime
 * see the same inputs. The seed is random; failures print it.
 */
class PredictModelsSqlTest {
  static final long SEED = new Random().nextLong();
  static final int IMAGES = 12;
  static final int IMAGE = 3 * 64 * 64;
  static final int SENTENCES = 40;
  static final int SEQ = TestModels.BERT_SEQUENCE;
  static final int VOCAB = 1000;
  /**
   * Rows of the small-model table: several batches (1024 rows) of a small model, and several
   * morsels (8192 rows), so that two workers run a model at once.
   */
  static final int ROWS = 20000;
  /** A model name that would break C++ if it were ever spliced into the source. */
  static final String EVIL = "m*/ x; \" \\n";
  // (Calcite reads no line break in a quoted identifier; the names SQL never writes have real ones.)
  static final String EVIL_IN = "in */ #define x\\n\"", EVIL_OUT = "out */ } ; \\";

  static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static final String EVIL_SQL = quoted(EVIL);

  @TempDir static Path dir;
  static Flern flern;
  static FlernConnection db;

  // SqueezeNet: one image per row (row NULL_IMAGE's image is NULL).
  static final int NULL_IMAGE = 4;
  static float[][] squeezeWant;

  // BERT-tiny: the token ids of each sentence; ids NULL on one row, a BIGINT column NULL on another.
  static final int NULL_IDS = 3;
  static final int NULL_TOKEN = 7;
  static final int NULL_TOKEN_COLUMN = 40;
  static long[][] tokens;
  static float[][] bertHidden;
  static float[][] bertPooled;

  // Small models over table ab.
  static float[][] x; // x1..x7 of each row (x3 may be NULL in SQL: nullX3)
  static float[][] v; // the FLOAT[8] column v
  static boolean[] flag;
  static int[] k;
  static boolean[] nullX3, nullB;
  static float[][] twoWant, twoReversedWant, twoConstWant, fixedVWant, fixedMixedWant, evilWant;
  static long[] clsWant, twoLabel;
  static float[] regWant;
  static byte[] two;

  @BeforeAll
  static void setUp() throws IOException {
    Random r = new Random(SEED);
    flern = Flern.open();
    db = flern.connect();
    db.execute("SET threads = 2");
    setUpSqueezeNet(r);
    setUpBert(r);
    setUpSmallModels(r);
  }

  @AfterAll
  static void tearDown() {
    if (flern != null) flern.close();
  }

  // ---- data and expectations -----------------------------------------------------------------

  static void setUpSqueezeNet(Random r) throws IOException {
    byte[] model = TestModels.squeezeNet(SEED).toByteArray();
    Files.write(dir.resolve("squeeze.onnx"), model);
    float[] batch = new float[IMAGES * IMAGE];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < IMAGES; i++) {
      float[] img = new float[IMAGE];
      for (int j = 0; j < IMAGE; j++) img[j] = (r.nextInt(129) - 64) / 64f;
      System.arraycopy(img, 0, batch, i * IMAGE, IMAGE);
      csv.append(i).append(',').append(i == NULL_IMAGE ? "" : vector(img)).append('\n');
    }
    Files.writeString(dir.resolve("img.csv"), csv);
    float[] probs = floats(OrtOracle.run(model, Map.of(TestModels.SQUEEZENET_INPUT, Tensors.of(batch, IMAGES, 3, 64, 64))),
        TestModels.SQUEEZENET_OUTPUT);
    squeezeWant = new float[IMAGES][];
    for (int i = 0; i < IMAGES; i++)
      if (i != NULL_IMAGE) squeezeWant[i] = Arrays.copyOfRange(probs, i * 1000, (i + 1) * 1000);
    db.execute("CREATE TABLE img (id BIGINT, image FLOAT[" + IMAGE + "])");
    db.execute("COPY img FROM '" + dir.resolve("img.csv") + "'");
    db.execute("CREATE MODEL squeeze FROM '" + dir.resolve("squeeze.onnx") + "'");
  }

  static void setUpBert(Random r) throws IOException {
    byte[] model = TestModels.bertTiny(SEED, VOCAB).toByteArray();
    Files.write(dir.resolve("bert.onnx"), model);
    tokens = new long[SENTENCES][SEQ];
    long[] batch = new long[SENTENCES * SEQ];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < SENTENCES; i++) {
      float[] asFloats = new float[SEQ];
      for (int j = 0; j < SEQ; j++) {
        // Mostly small ids, some at the very end of the vocabulary.
        tokens[i][j] = r.nextInt(8) == 0 ? VOCAB - 1 - r.nextInt(3) : r.nextInt(VOCAB);
        asFloats[j] = tokens[i][j];
        batch[i * SEQ + j] = tokens[i][j];
      }
      StringJoiner line = new StringJoiner(",");
      line.add(Integer.toString(i)).add(i == NULL_IDS ? "" : vector(asFloats));
      for (int j = 0; j < SEQ; j++)
        line.add(i == NULL_TOKEN && j + 1 == NULL_TOKEN_COLUMN ? "" : Long.toString(tokens[i][j]));
      csv.append(line).append('\n');
    }
    Files.writeString(dir.resolve("tok.csv"), csv);
    Map<String, TensorData> out = OrtOracle.run(model, Map.of(TestModels.BERT_INPUT, Tensors.longs(batch, SENTENCES, SEQ)));
    float[] hidden = floats(out, TestModels.BERT_OUTPUT);
    float[] pooled = floats(out, TestModels.BERT_POOLED);
    int h = SEQ * TestModels.BERT_HIDDEN;
    bertHidden = new float[SENTENCES][];
    bertPooled = new float[SENTENCES][];
    for (int i = 0; i < SENTENCES; i++) {
      bertHidden[i] = Arrays.copyOfRange(hidden, i * h, (i + 1) * h);
      bertPooled[i] = Arrays.copyOfRange(pooled, i * TestModels.BERT_HIDDEN, (i + 1) * TestModels.BERT_HIDDEN);
    }
    StringJoiner cols = new StringJoiner(", ");
    cols.add("id BIGINT").add("ids FLOAT[" + SEQ + "]");
    for (int j = 1; j <= SEQ; j++) cols.add("t" + j + " BIGINT");
    db.execute("CREATE TABLE tok (" + cols + ")");
    db.execute("COPY tok FROM '" + dir.resolve("tok.csv") + "'");
    db.execute("CREATE MODEL bert FROM '" + dir.resolve("bert.onnx") + "'");
  }

  /**
   * Weights that are multiples of 1/8 in [-1, 1]: with features that are multiples of 1/64, every
   * product and sum of these small models is exact in float, so both engines compute the same
   * logits bit for bit and ArgMax cannot differ on a near tie (rounding in another order would).
   */
  static dev.flern.ml.ir.FloatTensor dyadic(Random r, int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (r.nextInt(17) - 8) / 8f;
    return Tensors.of(v, dims);
  }

  /** a [N,4] and b [N,3] → Concat → Gemm → Sigmoid → score [N,5], and ArgMax of the Gemm → label [N] int64. */
  static byte[] twoInputModel(Random r) {
    OnnxBuilder b = new OnnxBuilder("two", TestModels.OPSET);
    String a = b.input("a", ElementType.FLOAT32, "N", 4);
    String bb = b.input("b", ElementType.FLOAT32, "N", 3);
    String cat = b.op("Concat").inputs(a, bb).attr("axis", 1L).out();
    String w = b.initializer("w", dyadic(r, 5, 7));
    String bias = b.initializer("bias", dyadic(r, 5));
    String y = b.op("Gemm").inputs(cat, w, bias).attr("transB", 1L).out();
    b.op("Sigmoid").name("score").inputs(y).out();
    b.output("score", ElementType.FLOAT32, "N", 5);
    b.op("ArgMax").name("label").inputs(y).attr("axis", 1L).attr("keepdims", 0L).out();
    b.output("label", ElementType.INT64, "N");
    return b.toBytes();
  }

  /** x [N,7] → Gemm → ArgMax(axis 1, keepdims 0) → label [N] int64. */
  static byte[] classifier(Random r) {
    OnnxBuilder b = new OnnxBuilder("cls", TestModels.OPSET);
    String in = b.input("x", ElementType.FLOAT32, "N", 7);
    String w = b.initializer("w", dyadic(r, 7, 4));
    String bias = b.initializer("bias", dyadic(r, 4));
    String y = b.op("Gemm").inputs(in, w, bias).out();
    b.op("ArgMax").name("label").inputs(y).attr("axis", 1L).attr("keepdims", 0L).out();
    b.output("label", ElementType.INT64, "N");
    return b.toBytes();
  }

  /** v [N,8] and k [N,1] → Concat → Gemm → r [N,1]: one float per row (DOUBLE). */
  static byte[] regression(Random r) {
    OnnxBuilder b = new OnnxBuilder("reg", TestModels.OPSET);
    String v = b.input("v", ElementType.FLOAT32, "N", 8);
    String k = b.input("k", ElementType.FLOAT32, "N", 1);
    String cat = b.op("Concat").inputs(v, k).attr("axis", 1L).out();
    String w = b.initializer("w", TestModels.uniform(r, 1.0, 1, 9));
    String bias = b.initializer("bias", TestModels.uniform(r, 0.5, 1));
    b.op("Gemm").name("r").inputs(cat, w, bias).attr("transB", 1L).out();
    b.output("r", ElementType.FLOAT32, "N", 1);
    return b.toBytes();
  }

  /** Names full of C++ for the input, the nodes and the output: in [N,4] → Sigmoid → Mul → out [N,4]. */
  static byte[] evilNames(Random r) {
    OnnxBuilder b = new OnnxBuilder(EVIL + "\n#error graph", TestModels.OPSET);
    String in = b.input(EVIL_IN, ElementType.FLOAT32, "N", 4);
    String w = b.initializer(EVIL + "\n#error weight", TestModels.uniform(r, 2.0, 4));
    String s = b.op("Sigmoid").name(EVIL + "\n#error node").inputs(in).out();
    b.op("Mul").name(EVIL_OUT).inputs(s, w).out();
    b.output(EVIL_OUT, ElementType.FLOAT32, "N", 4);
    return b.toBytes();
  }

  /**
   * x [first, 8] → MatMul → Add → Tanh → y [first, 3]. With first = 1 the model has no batch (SQL
   * must run it row by row); with "N" it is the same model batched, for ONNX Runtime.
   */
  static byte[] fixedModel(long seed, Object first) {
    Random r = new Random(seed);
    OnnxBuilder b = new OnnxBuilder("fixed", TestModels.OPSET);
    String in = b.input("x", ElementType.FLOAT32, first, 8);
    String w = b.initializer("w", TestModels.uniform(r, 0.8, 8, 3));
    String bias = b.initializer("bias", TestModels.uniform(r, 0.3, 3));
    String m = b.op("MatMul").inputs(in, w).out();
    String s = b.op("Add").inputs(m, bias).out();
    b.op("Tanh").name("y").inputs(s).out();
    b.output("y", ElementType.FLOAT32, first, 3);
    return b.toBytes();
  }

  static void setUpSmallModels(Random r) throws IOException {
    two = twoInputModel(r);
    byte[] cls = classifier(r), reg = regression(r), evil = evilNames(r);
    long fixedSeed = r.nextLong();
    byte[] fixed = fixedModel(fixedSeed, 1), fixedBatched = fixedModel(fixedSeed, "N");
    Files.write(dir.resolve("two.onnx"), two);
    Files.write(dir.resolve("cls.onnx"), cls);
    Files.write(dir.resolve("fixed.onnx"), fixed);
    Files.write(dir.resolve("reg.onnx"), reg);
    Files.write(dir.resolve("evil.onnx"), evil);

    x = new float[ROWS][7];
    v = new float[ROWS][8];
    flag = new boolean[ROWS];
    k = new int[ROWS];
    nullX3 = new boolean[ROWS];
    nullB = new boolean[ROWS];
    float[] ab4 = new float[ROWS * 4], ab3 = new float[ROWS * 3], rev4 = new float[ROWS * 4], rev3 = new float[ROWS * 3];
    float[] x7 = new float[ROWS * 7], v8 = new float[ROWS * 8], mixed8 = new float[ROWS * 8], k1 = new float[ROWS];
    float[] const4 = new float[ROWS * 4];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < 7; j++) x[i][j] = (r.nextInt(257) - 128) / 64f;
      for (int j = 0; j < 8; j++) v[i][j] = (r.nextInt(257) - 128) / 64f;
      flag[i] = r.nextBoolean();
      k[i] = r.nextInt(7) - 3;
      nullX3[i] = i % 37 == 5;
      nullB[i] = i % 41 == 7;
      StringJoiner line = new StringJoiner(",");
      line.add(Integer.toString(i)).add(Integer.toString(k[i])).add(Boolean.toString(flag[i]));
      for (int j = 0; j < 7; j++) line.add(j == 2 && nullX3[i] ? "" : Float.toString(x[i][j]));
      line.add(vector(Arrays.copyOfRange(x[i], 0, 4)));
      line.add(nullB[i] ? "" : vector(Arrays.copyOfRange(x[i], 4, 7)));
      line.add(vector(v[i])).add("n" + i);
      csv.append(line).append('\n');
      for (int j = 0; j < 7; j++) {
        if (j < 4) ab4[i * 4 + j] = x[i][j];
        else ab3[i * 3 + j - 4] = x[i][j];
        // The same model on x7, x6, ..., x1.
        if (j < 4) rev4[i * 4 + j] = x[i][6 - j];
        else rev3[i * 3 + j - 4] = x[i][6 - j];
      }
      System.arraycopy(x[i], 0, x7, i * 7, 7);
      System.arraycopy(v[i], 0, v8, i * 8, 8);
      System.arraycopy(x[i], 0, mixed8, i * 8, 6);
      mixed8[i * 8 + 6] = flag[i] ? 1 : 0;
      mixed8[i * 8 + 7] = k[i];
      k1[i] = k[i];
      System.arraycopy(x[i], 0, const4, i * 4, 4);
      const4[i * 4] = 0.25f;
    }
    Files.writeString(dir.resolve("ab.csv"), csv);

    Map<String, TensorData> twoOut = OrtOracle.run(two, Map.of("a", Tensors.of(ab4, ROWS, 4), "b", Tensors.of(ab3, ROWS, 3)));
    twoWant = rows(floats(twoOut, "score"), 5);
    twoLabel = ((LongTensor) twoOut.get("label")).values();
    twoConstWant = rows(floats(OrtOracle.run(two, Map.of("a", Tensors.of(const4, ROWS, 4), "b", Tensors.of(ab3, ROWS, 3))), "score"), 5);
    regWant = floats(OrtOracle.run(reg, Map.of("v", Tensors.of(v8, ROWS, 8), "k", Tensors.of(k1, ROWS, 1))), "r");
    evilWant = rows(floats(OrtOracle.run(evil, Map.of(EVIL_IN, Tensors.of(ab4, ROWS, 4))), EVIL_OUT), 4);
    twoReversedWant = rows(floats(OrtOracle.run(two, Map.of("a", Tensors.of(rev4, ROWS, 4), "b", Tensors.of(rev3, ROWS, 3))), "score"), 5);
    clsWant = ((LongTensor) OrtOracle.run(cls, Map.of("x", Tensors.of(x7, ROWS, 7))).get("label")).values();
    fixedVWant = rows(floats(OrtOracle.run(fixedBatched, Map.of("x", Tensors.of(v8, ROWS, 8))), "y"), 3);
    fixedMixedWant = rows(floats(OrtOracle.run(fixedBatched, Map.of("x", Tensors.of(mixed8, ROWS, 8))), "y"), 3);
    // ONNX Runtime runs the unbatched model itself too, on a few rows: the batched twin is the same.
    for (int i = 0; i < 5; i++) {
      float[] one = floats(OrtOracle.run(fixed, Map.of("x", Tensors.of(v[i], 1, 8))), "y");
      assertVec("fixed twin row " + i, fixedVWant[i], one);
    }

    db.execute("CREATE TABLE ab (id BIGINT, k INTEGER, flag BOOLEAN, x1 DOUBLE, x2 DOUBLE, x3 DOUBLE, x4 DOUBLE, "
        + "x5 DOUBLE, x6 DOUBLE, x7 DOUBLE, a FLOAT[4], b FLOAT[3], v FLOAT[8], name VARCHAR)");
    db.execute("COPY ab FROM '" + dir.resolve("ab.csv") + "'");
    db.execute("CREATE MODEL two FROM '" + dir.resolve("two.onnx") + "'");
    db.execute("CREATE MODEL cls FROM '" + dir.resolve("cls.onnx") + "'");
    db.execute("CREATE MODEL fixed FROM '" + dir.resolve("fixed.onnx") + "'");
    db.execute("CREATE MODEL reg FROM '" + dir.resolve("reg.onnx") + "'");
  }

  static String vector(float[] f) {
    StringJoiner j = new StringJoiner(", ", "\"[", "]\"");
    for (float x : f) j.add(Float.toString(x));
    return j.toString();
  }

  static float[] floats(Map<String, TensorData> out, String name) {
    return ((FloatTensor) out.get(name)).values();
  }

  static float[][] rows(float[] flat, int per) {
    float[][] out = new float[flat.length / per][];
    for (int i = 0; i < out.length; i++) out[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
    return out;
  }

  static void assertVec(String what, float[] want, Object got) {
    if (want == null) {
      assertNull(got, what + ": a row with a NULL argument predicts NULL");
      return;
    }
    assertNotNull(got, what + ": NULL");
    float[] g = (float[]) got;
    assertEquals(want.length, g.length, what + ": length");
    for (int i = 0; i < want.length; i++)
      assertEquals(want[i], g[i], 1e-4 * Math.max(1, Math.abs(want[i])), what + " [" + i + "] (seed " + SEED + ")");
  }

  static String cols(String prefix, int from, int to) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = from; i <= to; i++) j.add(prefix + i);
    return j.toString();
  }

  static final String X = cols("x", 1, 7);

  // ---- the queries ---------------------------------------------------------------------------

  @Test
  void squeezeNetOverImageColumn() {
    Result res = db.execute("SELECT id, PREDICT(squeeze, image) FROM img ORDER BY id");
    assertEquals(IMAGES, res.rowCount());
    assertEquals("FLOAT[1000]", res.columnTypes().get(1).toString());
    for (int i = 0; i < IMAGES; i++) {
      assertEquals((long) i, res.get(i, 0));
      assertVec("image " + i, squeezeWant[i], res.get(i, 1));
    }
  }

  @ParameterizedTest(name = "{0} thread(s)")
  @ValueSource(ints = {1, 2})
  void bertFromFloatArrayFromBigintColumnsAndMixed(int threads) {
    db.execute("SET threads = " + threads);
    try {
      StringJoiner mixed = new StringJoiner(", ");
      for (int j = 1; j <= 32; j++) mixed.add("ids[" + j + "]");
      mixed.add(cols("t", 33, SEQ));
      Result res = db.execute("SELECT id, PREDICT(bert, ids), PREDICT(bert, " + cols("t", 1, SEQ) + "), PREDICT(bert, "
          + mixed + ") FROM tok ORDER BY id");
      assertEquals(SENTENCES, res.rowCount());
      for (int i = 0; i < SENTENCES; i++) {
        assertEquals((long) i, res.get(i, 0));
        assertVec("sentence " + i + " from ids", i == NULL_IDS ? null : bertHidden[i], res.get(i, 1));
        assertVec("sentence " + i + " from t1..t64", i == NULL_TOKEN ? null : bertHidden[i], res.get(i, 2));
        assertVec("sentence " + i + " mixed", i == NULL_IDS || i == NULL_TOKEN ? null : bertHidden[i], res.get(i, 3));
      }
    } finally {
      db.execute("SET threads = 2");
    }
  }

  @Test
  void bertTableFormGivesBothOutputs() {
    Result res = db.execute("SELECT * FROM PREDICT(bert, (SELECT id, ids AS input_ids FROM tok WHERE id <> " + NULL_IDS
        + ")) ORDER BY id");
    assertEquals(List.of("id", "input_ids", TestModels.BERT_OUTPUT, TestModels.BERT_POOLED), res.columnNames());
    assertEquals(SENTENCES - 1, res.rowCount());
    for (int row = 0; row < res.rowCount(); row++) {
      int i = ((Number) res.get(row, 0)).intValue();
      assertVec("sentence " + i + " hidden", bertHidden[i], res.get(row, 2));
      assertVec("sentence " + i + " pooled", bertPooled[i], res.get(row, 3));
    }
  }

  @ParameterizedTest(name = "{0} thread(s)")
  @ValueSource(ints = {1, 2})
  void twoInputsTwoModelsAndOneModelTwice(int threads) {
    db.execute("SET threads = " + threads);
    // Seven scalars, FLOAT[4] and FLOAT[3], the same model on the reversed scalars and with a
    // constant, the classifier on scalars and on the two arrays, and a model of one float per
    // row, all in one query.
    Result res = db.execute("SELECT id, PREDICT(two, " + X + "), PREDICT(two, a, b), PREDICT(two, x7, x6, x5, x4, x3, x2, x1), "
        + "PREDICT(cls, " + X + "), PREDICT(cls, a, b), PREDICT(reg, v, k), PREDICT(two, 0.25, x2, x3, x4, b) FROM ab ORDER BY id");
    assertEquals(ROWS, res.rowCount());
    assertEquals("BIGINT", res.columnTypes().get(4).toString());
    assertEquals("DOUBLE", res.columnTypes().get(6).toString());
    for (int i = 0; i < ROWS; i++) {
      assertEquals((long) i, res.get(i, 0));
      assertVec("row " + i + " two(x1..x7)", nullX3[i] ? null : twoWant[i], res.get(i, 1));
      assertVec("row " + i + " two(a, b)", nullB[i] ? null : twoWant[i], res.get(i, 2));
      assertVec("row " + i + " two(x7..x1)", nullX3[i] ? null : twoReversedWant[i], res.get(i, 3));
      assertEquals(nullX3[i] ? null : (Object) clsWant[i], res.get(i, 4), "row " + i + " cls(x1..x7)");
      assertEquals(nullB[i] ? null : (Object) clsWant[i], res.get(i, 5), "row " + i + " cls(a, b)");
      assertEquals(regWant[i], (Double) res.get(i, 6), 1e-4 * Math.max(1, Math.abs(regWant[i])), "row " + i + " reg(v, k)");
      assertVec("row " + i + " two(0.25, x2, x3, x4, b)", nullX3[i] || nullB[i] ? null : twoConstWant[i], res.get(i, 7));
    }
    db.execute("SET threads = 2");
  }

  @Test
  void tableFormTakesInputsByName() {
    // two takes a and b (FLOAT[4], FLOAT[3]); reg, over two's rows, takes v (FLOAT[8]) and k (an
    // INTEGER); the rows keep their columns, and a string made per row, held while a batch fills.
    Result res = db.execute("SELECT * FROM PREDICT(reg, (SELECT *, 'r' || name AS s FROM PREDICT(two, TABLE ab))) ORDER BY id");
    assertEquals(List.of("id", "k", "flag", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "a", "b", "v", "name", "score", "label", "s", "r"),
        res.columnNames());
    assertEquals("BIGINT", res.columnTypes().get(15).toString());
    assertEquals("DOUBLE", res.columnTypes().get(17).toString());
    assertEquals(ROWS, res.rowCount());
    for (int i = 0; i < ROWS; i++) {
      assertEquals((long) i, res.get(i, 0));
      assertEquals((long) k[i], ((Number) res.get(i, 1)).longValue());
      assertVec("row " + i + " v passes through", v[i], res.get(i, 12));
      assertEquals("n" + i, res.get(i, 13));
      assertVec("row " + i + " score", nullB[i] ? null : twoWant[i], res.get(i, 14));
      assertEquals(nullB[i] ? null : (Object) twoLabel[i], res.get(i, 15), "row " + i + " label");
      assertEquals("rn" + i, res.get(i, 16));
      assertEquals(regWant[i], (Double) res.get(i, 17), 1e-4 * Math.max(1, Math.abs(regWant[i])), "row " + i + " r");
    }
  }

  @Test
  void int64OutputGroupedOn() {
    // Rows grouped by the class of x1..x7, among those whose class from (a, b) is not 0.
    Result res = db.execute("SELECT PREDICT(cls, " + X + ") AS c, count(*), sum(id) FROM ab WHERE PREDICT(cls, a, b) <> 0 "
        + "GROUP BY PREDICT(cls, " + X + ")");
    Map<Long, long[]> want = new HashMap<>();
    for (int i = 0; i < ROWS; i++) {
      if (nullB[i] || clsWant[i] == 0) continue;
      long[] acc = want.computeIfAbsent(nullX3[i] ? -1L : clsWant[i], c -> new long[2]);
      acc[0]++;
      acc[1] += i;
    }
    Map<Long, long[]> got = new HashMap<>();
    for (int row = 0; row < res.rowCount(); row++) {
      Object c = res.get(row, 0);
      got.put(c == null ? -1L : (Long) c,
          new long[] {((Number) res.get(row, 1)).longValue(), ((Number) res.get(row, 2)).longValue()});
    }
    assertEquals(want.keySet(), got.keySet(), "groups (-1: NULL)");
    want.forEach((c, acc) -> assertEquals(Arrays.toString(acc), Arrays.toString(got.get(c)), "class " + c + ": count, sum(id)"));
  }

  @Test
  void overAnAggregate() {
    // The model on each group's means: rows come from the aggregate's table, not a scan.
    Result res = db.execute("SELECT k, count(*), PREDICT(two, avg(x1), avg(x2), avg(x3), avg(x4), avg(x5), avg(x6), avg(x7)) "
        + "FROM ab GROUP BY k ORDER BY k");
    assertEquals(7, res.rowCount());
    for (int row = 0; row < 7; row++) {
      int g = ((Number) res.get(row, 0)).intValue();
      double[] sum = new double[7];
      int[] n = new int[7];
      for (int i = 0; i < ROWS; i++) {
        if (k[i] != g) continue;
        for (int j = 0; j < 7; j++) {
          if (j == 2 && nullX3[i]) continue;
          sum[j] += x[i][j];
          n[j]++;
        }
      }
      assertEquals((long) n[0], ((Number) res.get(row, 1)).longValue());
      float[] a = new float[4], b = new float[3];
      for (int j = 0; j < 7; j++) {
        float mean = (float) (sum[j] / n[j]);
        if (j < 4) a[j] = mean;
        else b[j - 4] = mean;
      }
      float[] want = floats(OrtOracle.run(two, Map.of("a", Tensors.of(a, 1, 4), "b", Tensors.of(b, 1, 3))), "score");
      assertVec("group " + g, want, res.get(row, 2));
    }
  }

  @Test
  void fixedFirstDimensionRunsRowByRow() {
    Result show = db.execute("SHOW MODELS");
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < show.rowCount(); i++) listed.add(show.get(i, 0) + " " + show.get(i, 1) + " " + show.get(i, 3) + " " + show.get(i, 5));
    assertTrue(listed.contains("fixed input x [1, 8]"), listed.toString());
    assertTrue(listed.contains("fixed output y [1, 3]"), listed.toString());
    Result res = db.execute("SELECT id, PREDICT(fixed, v), PREDICT(fixed, x1, x2, x3, x4, x5, x6, flag, k) FROM ab ORDER BY id");
    assertEquals(ROWS, res.rowCount());
    for (int i = 0; i < ROWS; i++) {
      assertEquals((long) i, res.get(i, 0));
      assertVec("row " + i + " fixed(v)", fixedVWant[i], res.get(i, 1));
      assertVec("row " + i + " fixed(x1..x6, flag, k)", nullX3[i] ? null : fixedMixedWant[i], res.get(i, 2));
    }
  }

  @Test
  void afterJoinsUnderOrderByAndLimit() {
    // Row i's a with row i+1's b: ONNX Runtime on those pairs, the ten highest first scores.
    float[] a4 = new float[(ROWS - 1) * 4], b3 = new float[(ROWS - 1) * 3];
    for (int i = 0; i + 1 < ROWS; i++) {
      System.arraycopy(x[i], 0, a4, i * 4, 4);
      System.arraycopy(x[i + 1], 4, b3, i * 3, 3);
    }
    float[][] pair = rows(floats(OrtOracle.run(readTwo(),
        Map.of("a", Tensors.of(a4, ROWS - 1, 4), "b", Tensors.of(b3, ROWS - 1, 3))), "score"), 5);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i + 1 < ROWS; i++) if (!nullB[i + 1]) order.add(i);
    order.sort((p, q) -> Float.compare(pair[q][0], pair[p][0]));
    Result res = db.execute("SELECT l.id, r.id, PREDICT(two, l.a, r.b) FROM ab l JOIN ab r ON r.id = l.id + 1 "
        + "WHERE r.b IS NOT NULL ORDER BY PREDICT(two, l.a, r.b)[1] DESC LIMIT 10");
    assertEquals(10, res.rowCount());
    for (int row = 0; row < 10; row++) {
      int i = ((Number) res.get(row, 0)).intValue();
      assertEquals((long) i + 1, ((Number) res.get(row, 1)).longValue());
      assertVec("pair " + i, pair[i], res.get(row, 2));
      // The row at each rank has ONNX Runtime's score at that rank (ties may swap rows).
      float want = pair[order.get(row)][0];
      assertEquals(want, ((float[]) res.get(row, 2))[0], 1e-4, "rank " + row);
    }

    // BERT on the sentences of the smaller join side (pushed below the join when the rewrite
    // applies), next to a model on the other side's columns, after a filter on the other side.
    Result j = db.execute("SELECT ab.id, tok.id, PREDICT(bert, tok.ids)[1], PREDICT(two, ab.a, ab.b)[1] FROM ab JOIN tok "
        + "ON tok.id = ab.id % " + SENTENCES + " WHERE ab.id < 400 ORDER BY ab.id");
    assertEquals(400, j.rowCount());
    for (int i = 0; i < 400; i++) {
      int sentence = i % SENTENCES;
      assertEquals((long) i, ((Number) j.get(i, 0)).longValue());
      assertEquals((long) sentence, ((Number) j.get(i, 1)).longValue());
      if (sentence == NULL_IDS) assertNull(j.get(i, 2), "row " + i + ": NULL ids");
      else assertEquals(bertHidden[sentence][0], (Double) j.get(i, 2), 1e-4 * Math.max(1, Math.abs(bertHidden[sentence][0])), "row " + i + " bert");
      if (nullB[i]) assertNull(j.get(i, 3), "row " + i + ": NULL b");
      else assertEquals(twoWant[i][0], (Double) j.get(i, 3), 1e-4, "row " + i + " two");
    }
  }

  @Test
  void constantsWithoutATable() {
    float[] a = {1, 0.5f, -0.5f, 0}, b = {2, -1, 0.25f};
    Map<String, TensorData> out = OrtOracle.run(two, Map.of("a", Tensors.of(a, 1, 4), "b", Tensors.of(b, 1, 3)));
    Result res = db.execute("SELECT PREDICT(two, 1, 0.5, -0.5, 0, 2, -1, 0.25), PREDICT(cls, 1, 0.5, -0.5, 0, 2, -1, 0.25), "
        + "PREDICT(two, 1, 0.5, -0.5, NULL, 2, -1, 0.25)");
    assertEquals(1, res.rowCount());
    assertNull(res.get(0, 2), "a NULL constant argument");
    assertVec("constants", floats(out, "score"), res.get(0, 0));
    long label = ((LongTensor) OrtOracle.run(readFile("cls.onnx"), Map.of("x", Tensors.of(new float[] {1, 0.5f, -0.5f, 0, 2, -1, 0.25f}, 1, 7)))
        .get("label")).values()[0];
    assertEquals(label, res.get(0, 1));
    // Several VALUES rows: the source hands each row over at its own place; they share one batch.
    Result rows = db.execute("SELECT k, PREDICT(two, a1, 0.5, -0.5, 0, 2, -1, 0.25) FROM "
        + "(VALUES (1, 1.0), (2, -0.75), (3, NULL), (4, 0.125)) AS v(k, a1) ORDER BY k");
    float[] firsts = {1, -0.75f, 0, 0.125f};
    float[] batchA = new float[16], batchB = new float[12];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(new float[] {firsts[i], 0.5f, -0.5f, 0}, 0, batchA, 4 * i, 4);
      System.arraycopy(b, 0, batchB, 3 * i, 3);
    }
    float[] scores = floats(OrtOracle.run(two, Map.of("a", Tensors.of(batchA, 4, 4), "b", Tensors.of(batchB, 4, 3))), "score");
    assertEquals(4, rows.rowCount());
    for (int i = 0; i < 4; i++) {
      if (i == 2) assertNull(rows.get(i, 1), "the NULL row");
      else assertVec("VALUES row " + (i + 1), java.util.Arrays.copyOfRange(scores, i * (scores.length / 4), (i + 1) * (scores.length / 4)), rows.get(i, 1));
    }
  }

  @Test
  void replacedModelIsTheOneQueriesRun() throws IOException {
    byte[] other = twoInputModel(new Random(SEED + 1));
    Files.write(dir.resolve("other.onnx"), other);
    db.execute("CREATE MODEL swap FROM '" + dir.resolve("two.onnx") + "'");
    try {
      String query = "SELECT id, PREDICT(swap, a, b) FROM ab WHERE id < 64 ORDER BY id";
      Result first = db.execute(query);
      for (int i = 0; i < 64; i++) assertVec("row " + i + " two", nullB[i] ? null : twoWant[i], first.get(i, 1));

      // The same architecture with other weights: the same program, other weights.
      db.execute("CREATE OR REPLACE MODEL swap FROM '" + dir.resolve("other.onnx") + "'");
      float[] a4 = new float[64 * 4], b3 = new float[64 * 3];
      for (int i = 0; i < 64; i++) {
        System.arraycopy(x[i], 0, a4, i * 4, 4);
        System.arraycopy(x[i], 4, b3, i * 3, 3);
      }
      float[][] want = rows(floats(OrtOracle.run(other, Map.of("a", Tensors.of(a4, 64, 4), "b", Tensors.of(b3, 64, 3))), "score"), 5);
      Result second = db.execute(query);
      for (int i = 0; i < 64; i++) assertVec("row " + i + " other weights", nullB[i] ? null : want[i], second.get(i, 1));

      // Another model altogether (seven values in one input, a BIGINT result); IF NOT EXISTS keeps it.
      db.execute("CREATE OR REPLACE MODEL swap FROM '" + dir.resolve("cls.onnx") + "'");
      db.execute("CREATE MODEL IF NOT EXISTS swap FROM '" + dir.resolve("fixed.onnx") + "'");
      Result third = db.execute(query);
      assertEquals("BIGINT", third.columnTypes().get(1).toString());
      for (int i = 0; i < 64; i++) assertEquals(nullB[i] ? null : (Object) clsWant[i], third.get(i, 1), "row " + i + " cls");
    } finally {
      db.execute("DROP MODEL swap");
    }
    FlernException gone = assertThrows(FlernException.class, () -> db.execute("SELECT id, PREDICT(swap, a, b) FROM ab WHERE id < 64 ORDER BY id"));
    assertTrue(gone.getMessage().contains("model \"swap\" does not exist"), gone.getMessage());
  }

  static byte[] readFile(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] readTwo() {
    try {
      return Files.readAllBytes(dir.resolve("two.onnx"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void modelNameFullOfCppNeverReachesTheSource() {
    db.execute("CREATE MODEL " + EVIL_SQL + " FROM '" + dir.resolve("evil.onnx") + "'");
    try {
      Result show = db.execute("SHOW MODELS");
      boolean listed = false;
      for (int i = 0; i < show.rowCount(); i++) listed |= EVIL.equals(show.get(i, 0));
      assertTrue(listed, "SHOW MODELS lists the model by its exact name");
      // The scalar form, and the table form taking its input by its name, with the output's name.
      String query = "SELECT p.id, PREDICT(" + EVIL_SQL + ", p.a), p." + quoted(EVIL_OUT) + " FROM PREDICT(" + EVIL_SQL
          + ", (SELECT id, a, a AS " + quoted(EVIL_IN) + " FROM ab WHERE id < 300)) AS p ORDER BY p.id";
      Result res = db.execute(query);
      assertEquals(300, res.rowCount());
      for (int i = 0; i < 300; i++) {
        assertEquals((long) i, res.get(i, 0));
        assertVec("row " + i + " scalar", evilWant[i], res.get(i, 1));
        assertVec("row " + i + " table", evilWant[i], res.get(i, 2));
      }
      String code = db.generatedCode(query);
      assertFalse(code.isEmpty());
      for (String part : List.of("m*/", "*/ #define", "*/ }", "#error"))
        assertFalse(code.contains(part), "the generated code holds part of a name from the model: " + part);
      Result explained = db.execute("EXPLAIN (CODE) " + query);
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < explained.rowCount(); i++)
        for (int c = 0; c < explained.columnCount(); c++) all.append(explained.get(i, c)).append('\n');
      assertTrue(all.toString().contains("run_model"), "EXPLAIN (CODE) shows the program");
      assertFalse(all.toString().contains("*/ "), "EXPLAIN (CODE) holds part of a name from the model");
    } finally {
      db.execute("DROP MODEL " + EVIL_SQL);
    }
  }

  // ---- errors --------------------------------------------------------------------------------

  @Test
  void badModelFilesAreClearErrors() throws IOException {
    byte[] two = readTwo();
    Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(two, two.length / 2));
    FlernException truncated = assertThrows(FlernException.class,
        () -> db.execute("CREATE MODEL broken FROM '" + dir.resolve("truncated.onnx") + "'"));
    assertTrue(truncated.getMessage().contains("not an ONNX model"), truncated.getMessage());
    byte[] garbage = new byte[4096];
    new Random(SEED).nextBytes(garbage);
    Files.write(dir.resolve("garbage.onnx"), garbage);
    FlernException junk = assertThrows(FlernException.class,
        () -> db.execute("CREATE MODEL broken FROM '" + dir.resolve("garbage.onnx") + "'"));
    assertTrue(junk.getMessage().contains("not an ONNX model"), junk.getMessage());

    OnnxBuilder b = new OnnxBuilder("hard", TestModels.OPSET);
    String in = b.input("x", ElementType.FLOAT32, "N", 4);
    b.op("Hardmax").name("y").inputs(in).attr("axis", 1L).out();
    b.output("y", ElementType.FLOAT32, "N", 4);
    Files.write(dir.resolve("hardmax.onnx"), b.toBytes());
    FlernException op = assertThrows(FlernException.class,
        () -> db.execute("CREATE MODEL broken FROM '" + dir.resolve("hardmax.onnx") + "'"));
    assertTrue(op.getMessage().contains("unsupported operator Hardmax"), op.getMessage());

    Files.write(dir.resolve("two.txt"), two);
    FlernException txt = assertThrows(FlernException.class,
        () -> db.execute("CREATE MODEL broken FROM '" + dir.resolve("two.txt") + "'"));
    assertTrue(txt.getMessage().contains("no model loader reads"), txt.getMessage());

    Result show = db.execute("SHOW MODELS");
    for (int i = 0; i < show.rowCount(); i++) assertFalse("broken".equals(show.get(i, 0)), "a failed CREATE MODEL left a model");
    assertThrows(FlernException.class, () -> db.execute("DROP MODEL broken"));
  }

  @Test
  void badArgumentsAreClearErrors() {
    FlernException count = assertThrows(FlernException.class, () -> db.execute("SELECT PREDICT(two, a, a) FROM ab"));
    assertTrue(count.getMessage().contains("make 8 value(s) per row; the model takes 7"), count.getMessage());
    FlernException fewer = assertThrows(FlernException.class, () -> db.execute("SELECT PREDICT(squeeze, b) FROM ab"));
    assertTrue(fewer.getMessage().contains("make 3 value(s) per row; the model takes " + IMAGE), fewer.getMessage());
    // Seven values, but b would fill a's last value and b's first two.
    FlernException straddle = assertThrows(FlernException.class, () -> db.execute("SELECT PREDICT(two, x1, x2, x3, b, x4) FROM ab"));
    assertTrue(straddle.getMessage().contains("must lie within one input"), straddle.getMessage());
    FlernException swapped = assertThrows(FlernException.class, () -> db.execute("SELECT PREDICT(two, b, a) FROM ab"));
    assertTrue(swapped.getMessage().contains("must lie within one input"), swapped.getMessage());
    FlernException wrongName = assertThrows(FlernException.class,
        () -> db.execute("SELECT * FROM PREDICT(two, (SELECT a, b AS c FROM ab))"));
    assertTrue(wrongName.getMessage().contains("b"), wrongName.getMessage());
    // The connection still works after the errors.
    Result ok = db.execute("SELECT count(*) FROM ab");
    assertEquals((long) ROWS, ((Number) ok.get(0, 0)).longValue());
  }
}
