package dev.flern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line through the real engine. Few query shapes on purpose (each new one is a C++
 * compile); the compile cache is the one surefire sets up in FLERN_CACHE_DIR.
 */
class MainTest {
  record Run(int code, String out, String err) {}

  static Run flern(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, false, false);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static final String SETUP = """
      CREATE TABLE t (id INTEGER, name VARCHAR, price DECIMAL(8,2), sold DATE);
      INSERT INTO t VALUES (1, 'apple', 1.50, DATE '2024-01-02'), (2, NULL, NULL, NULL), (3, 'pear, ripe', 0.25, DATE '2024-03-04');
      """;
  private static final String QUERY = "SELECT id, name, price, sold FROM t ORDER BY id;";

  @Test
  void scriptInEveryModeWithDotCommands() {
    Run r = flern("-c", SETUP + QUERY + "\n.mode csv\n" + QUERY + "\n.mode json\n" + QUERY + "\n.mode box\n.tables\n");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertEquals("""
        OK
        3 rows inserted
        ┌────┬────────────┬───────┬────────────┐
        │ id │ name       │ price │ sold       │
        ├────┼────────────┼───────┼────────────┤
        │  1 │ apple      │  1.50 │ 2024-01-02 │
        │  2 │ NULL       │  NULL │ NULL       │
        │  3 │ pear, ripe │  0.25 │ 2024-03-04 │
        └────┴────────────┴───────┴────────────┘
        (3 rows)
        id,name,price,sold\r
        1,apple,1.50,2024-01-02\r
        2,,,\r
        3,"pear, ripe",0.25,2024-03-04\r
        [{"id":1,"name":"apple","price":1.50,"sold":"2024-01-02"},
        {"id":2,"name":null,"price":null,"sold":null},
        {"id":3,"name":"pear, ripe","price":0.25,"sold":"2024-03-04"}]
        ┌──────┐
        │ name │
        ├──────┤
        │ t    │
        └──────┘
        (1 row)
        """, r.out());
  }

  @Test
  void modelsInTheShell() {
    // The demo's model (the ML extension is on the shell's class path); the module runs in cli/.
    Run r = flern("--mode", "csv", "-c", "CREATE MODEL risk FROM '../examples/models/order_risk.onnx';\n.models\n"
        + "SELECT PREDICT(risk, 1, 0.1, 3) AS r;");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    String[] lines = r.out().split("\r?\n"); // CSV ends its lines with CRLF
    assertEquals("model,kind,position,name,element_type,shape,source", lines[0]);
    assertEquals("risk,input,1,order,float32,\"[batch, 3]\",../examples/models/order_risk.onnx", lines[1]);
    assertEquals("risk,output,1,risk,float32,\"[batch, 1]\",../examples/models/order_risk.onnx", lines[2]);
    assertEquals("r", lines[3]);
    // sigmoid(-1.2 + 1.1·relu(0.8 + 1.2 + 0.15 - 1) + 0.7·relu(-0.5 + 0.6 + 0.6 + 0.1) - 0.9·relu(1.2 - 0.4 - 0.3 + 0.3) + 0.8·relu(0.8 + 0.45 - 0.6))
    double h1 = 1.15, h2 = 0.8, h3 = 0.8, h4 = 0.65;
    double want = 1 / (1 + Math.exp(-(-1.2 + 1.1 * h1 + 0.7 * h2 - 0.9 * h3 + 0.8 * h4)));
    assertEquals(want, Double.parseDouble(lines[4]), 1e-6, r.out());
  }

  @Test
  void stopsAtTheFirstErrorWithExitCodeOne() {
    Run r = flern("-c", "CREATE TABLE u (a INTEGER); SELECT * FROM missing; INSERT INTO u VALUES (1);");
    assertEquals(1, r.code());
    assertEquals("OK\n", r.out()); // the INSERT after the error did not run
    assertTrue(r.err().startsWith("Error: "), r.err());
    assertTrue(r.err().contains("\"missing\" does not exist"), r.err());
  }

  @Test
  void filesRunInOrderWithCommandsAndNameTheFailingLine(@TempDir Path dir) throws IOException {
    Path ok = dir.resolve("setup.sql");
    Files.writeString(ok, "CREATE TABLE v (a INTEGER);\n");
    Path bad = dir.resolve("bad.sql");
    Files.writeString(bad, "-- a comment\nINSERT INTO v VALUES (1);\n\nDROP TABLE nope;\nDROP TABLE v;\n");
    Run r = flern("-f", ok.toString(), "-c", ".timer off", "-f", bad.toString());
    assertEquals(1, r.code());
    assertEquals("OK\n1 row inserted\n", r.out());
    assertTrue(r.err().startsWith("Error: "), r.err());
    assertTrue(r.err().endsWith("table \"nope\" does not exist\n  at " + bad + ":4\n"), r.err());
  }

  @Test
  void explainAndCodeNeedNoCompile() {
    Run r = flern("-c", "CREATE TABLE w (a INTEGER);\nEXPLAIN SELECT a FROM w WHERE a > 1;\n.code SELECT a FROM w WHERE a > 1");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    String[] lines = r.out().split("\n");
    assertEquals("OK", lines[0]);
    assertTrue(lines[1].startsWith("Filter"), r.out()); // the plan, raw rather than boxed
    assertTrue(r.out().contains("flern_query_main"), "the generated C++ entry point: " + r.out());
  }

  @Test
  void timerAndQuitInCsvMode() {
    Run r = flern("--mode", "csv", "--timer", "-c", "CREATE TABLE x (a INTEGER);\n.quit\nDROP TABLE nope;");
    assertEquals(0, r.code());
    assertEquals("", r.out()); // machine-readable modes add nothing but rows to stdout
    assertTrue(r.err().startsWith("Run Time: plan "), r.err());
    assertTrue(r.err().contains("(no code)"), r.err());
  }

  @Test
  void badCommandLinesExitWithTwo() {
    Run r = flern("--mode", "xml");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Error: "), r.err());
    assertTrue(r.err().contains("unknown output mode \"xml\""), r.err());
  }

  @Test
  void threadsOption() {
    assertEquals(new Run(0, "OK\n", ""), flern("--threads", "2", "-c", "CREATE TABLE y (a INTEGER)"));
    Run r = flern("--threads", "0", "-c", "CREATE TABLE y (a INTEGER)");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("Error: threads must be"), r.err());
  }
}
