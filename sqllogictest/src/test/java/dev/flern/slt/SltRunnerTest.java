package dev.flern.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SltRunnerTest {
  private static FileReport run(FakeDatabase db, String... lines) {
    String text = String.join("\n", lines) + "\n";
    return new SltRunner().run(SltParser.parse("inline.test", text), db);
  }

  private static void assertCounts(FileReport r, long passed, long failed, long skipped) {
    assertEquals(FileReport.summary(passed, failed, skipped), r.summary(),
        () -> r.failures().stream().map(RecordResult::describe).reduce("", (a, b) -> a + "\n" + b));
  }

  private static List<List<Object>> rows(Object[]... rows) {
    return Arrays.stream(rows).map(List::of).toList();
  }

  @Test
  void statementsPassAndFail() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = run(db,
        "statement ok", "CREATE TABLE t (a INTEGER)", "",
        "statement ok", "FAIL boom", "",
        "statement error", "FAIL anything goes", "",
        "statement error", "CREATE TABLE u (a INTEGER)", "");
    assertCounts(r, 2, 2, 0);
    assertEquals(List.of(4, 10), r.failures().stream().map(RecordResult::line).toList());
    assertTrue(r.failures().get(0).message().contains("boom"));
    assertTrue(r.failures().get(1).message().contains("an error was expected"));
    assertEquals(List.of("CREATE TABLE t (a INTEGER)", "FAIL boom", "FAIL anything goes",
        "CREATE TABLE u (a INTEGER)"), db.executed);
  }

  @Test
  void statementErrorChecksTheExpectedMessage() {
    FileReport r = run(new FakeDatabase(),
        "statement error", "FAIL integer out of range", "----", "out of range", "",
        "statement error", "FAIL division by zero", "----", "out of range", "");
    assertCounts(r, 1, 1, 0);
    assertEquals(6, r.failures().get(0).line());
    assertTrue(r.failures().get(0).message().contains("division by zero"));
  }

  @Test
  void sortModes() {
    FakeDatabase db = new FakeDatabase()
        .answer("q1", rows(new Object[] {2L, "b"}, new Object[] {1L, "a"}, new Object[] {10L, "c"}));
    FileReport r = run(db,
        "query IT rowsort", "q1", "----", "1\ta", "10\tc", "2\tb", "",
        // The expected side is sorted too, so it may be written in any order.
        "query IT rowsort", "q1", "----", "2\tb", "1\ta", "10\tc", "",
        "query IT nosort", "q1", "----", "2\tb", "1\ta", "10\tc", "",
        "query IT nosort", "q1", "----", "1\ta", "2\tb", "10\tc", "",
        "query IT valuesort", "q1", "----", "1", "10", "2", "a", "b", "c", "",
        // SQLite's layout, one value per line, is the same list of values.
        "query IT", "q1", "----", "2", "b", "1", "a", "10", "c", "");
    assertCounts(r, 5, 1, 0);
    RecordResult f = r.failures().get(0);
    assertEquals("inline.test:22", f.location());
    assertTrue(f.message().contains("\n- ") && f.message().contains("\n+ ") && f.message().contains("10\tc"), f.message());
  }

  @Test
  void hashThreshold() {
    FakeDatabase db = new FakeDatabase().answer("q", rows(new Object[] {3L}, new Object[] {1L},
        new Object[] {4L}, new Object[] {2L}));
    FileReport r = run(db,
        "hash-threshold 2", "",
        "query I rowsort", "q", "----", "4 values hashing to 302c28003d487124d97c242de94da856", "",
        "query I valuesort", "q", "----", "4 values hashing to 302c28003d487124d97c242de94da856", "",
        "query I nosort", "q", "----", "4 values hashing to 302c28003d487124d97c242de94da856", "",
        "query I rowsort", "q", "----", "1", "2", "3", "4", "");
    assertCounts(r, 3, 1, 0);
    assertEquals(13, r.failures().get(0).line());
    assertEquals("302c28003d487124d97c242de94da856", SltRunner.hash(List.of("1", "2", "3", "4")));
  }

  @Test
  void labelsMustAgree() {
    FakeDatabase db = new FakeDatabase().answer("a", rows(new Object[] {1L})).answer("b", rows(new Object[] {2L}));
    FileReport r = run(db,
        "query I nosort lbl", "a", "----", "1", "",
        "query I nosort lbl", "b", "----", "2", "");
    assertCounts(r, 1, 1, 0);
    assertTrue(r.failures().get(0).message().contains("lbl"));
  }

  @Test
  void wrongColumnCountFails() {
    FileReport r = run(new FakeDatabase(), "query II", "SELECT 1", "----", "1", "");
    assertCounts(r, 0, 1, 0);
    assertTrue(r.failures().get(0).message().contains("wrong number of columns"));
  }

  @Test
  void loopSubstitutesTheVariable() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = run(db,
        "loop i 0 3", "",
        "query I", "SELECT ${i}", "----", "${i}", "",
        "loop j 5 7",
        "statement ok", "INSERT ${i} ${j}", "",
        "endloop", "",
        "endloop", "",
        "foreach v 7 8",
        "query I", "SELECT ${v}", "----", "${v}", "",
        "endloop");
    assertCounts(r, 3 + 6 + 2, 0, 0);
    assertEquals(List.of("SELECT 0", "INSERT 0 5", "INSERT 0 6", "SELECT 1", "INSERT 1 5", "INSERT 1 6",
        "SELECT 2", "INSERT 2 5", "INSERT 2 6", "SELECT 7", "SELECT 8"), db.executed);
  }

  @Test
  void skipifAndOnlyif() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = run(db,
        "skipif flern", "query I", "SELECT 1", "----", "2", "",
        "onlyif duckdb", "statement ok", "FAIL never run", "",
        "onlyif flern", "query I", "SELECT 3", "----", "3", "",
        "skipif duckdb", "skipif sqlite", "query I", "SELECT 4", "----", "4", "",
        "onlyif duckdb", "loop i 0 2", "statement ok", "FAIL x ${i}", "", "endloop");
    assertCounts(r, 2, 0, 4);
    assertEquals(List.of("SELECT 3", "SELECT 4"), db.executed);
  }

  @Test
  void haltSkipsTheRest() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = run(db,
        "query I", "SELECT 1", "----", "1", "",
        "onlyif duckdb", "halt", "",
        "query I", "SELECT 2", "----", "2", "",
        "onlyif flern", "halt", "",
        "query I", "SELECT 3", "----", "3", "",
        "statement ok", "FAIL no", "");
    assertCounts(r, 2, 0, 2);
    assertEquals(List.of("SELECT 1", "SELECT 2"), db.executed);
  }

  @Test
  void requireOfAnUnknownFeatureSkipsTheFileNeverPasses() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = run(db, "require parquet", "", "query I", "SELECT 1", "----", "1", "",
        "statement ok", "CREATE TABLE t (a INTEGER)", "");
    assertCounts(r, 0, 0, 2);
    assertTrue(db.executed.isEmpty());
    FileReport known = run(new FakeDatabase("flern", Set.of("parquet")),
        "require parquet", "", "query I", "SELECT 1", "----", "1", "");
    assertCounts(known, 1, 0, 0);
  }

  @Test
  void modeSkip() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = run(db, "mode skip", "", "query I", "SELECT 1", "----", "9", "",
        "mode unskip", "", "query I", "SELECT 2", "----", "2", "");
    assertCounts(r, 1, 0, 1);
    assertEquals(List.of("SELECT 2"), db.executed);
  }

  @Test
  void unknownDirectivesFailInsteadOfVanishing() {
    FileReport r = run(new FakeDatabase(), "# a comment", "load file.db", "", "query I", "SELECT 1", "----", "1", "");
    assertCounts(r, 1, 1, 0);
    assertTrue(r.failures().get(0).message().contains("load file.db"));
  }

  @Test
  void queryErrorsAndEmptyResults() {
    FakeDatabase db = new FakeDatabase().answer("empty", List.of());
    FileReport r = run(db, "query I", "FAIL no such table", "----", "", "query I", "empty", "----", "",
        "query I", "empty", "----", "1", "");
    assertCounts(r, 1, 2, 0);
    assertTrue(r.failures().get(0).message().contains("no such table"));
  }

  @Test
  void stopOnFailureStopsAtTheFirstFailure() {
    FakeDatabase db = new FakeDatabase();
    FileReport r = new SltRunner(true, null).run(SltParser.parse("x.test",
        "statement ok\nFAIL a\n\nstatement ok\nCREATE\n"), db);
    assertCounts(r, 0, 1, 0);
    assertEquals(List.of("FAIL a"), db.executed);
  }
}
