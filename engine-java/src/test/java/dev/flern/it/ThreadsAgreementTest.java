package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.Result;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of 300k rows (about 37 morsels) queried with 1, 2 and 3 worker threads: scans, filters,
 * aggregates with few and with many groups, joins, sorts, LIMIT after ORDER BY and DISTINCT must give
 * the same rows whatever the number of workers, and the same rows as DuckDB. The table is loaded
 * from a CSV file written here, with COPY, into both engines.
 */
class ThreadsAgreementTest {
  static final int ROWS = 300_000;
  static final int KEYS = 1000;

  @TempDir static Path dir;
  static Both both;

  @BeforeAll
  static void load() throws IOException {
    both = new Both();
    Path big = dir.resolve("big.csv"), dim = dir.resolve("dim.csv");
    writeBig(big, new Random(42));
    writeDim(dim, new Random(43));
    both.exec("CREATE TABLE big (id INTEGER NOT NULL, k INTEGER, ks VARCHAR, a INTEGER, b BIGINT, e DOUBLE, "
        + "c DECIMAL(12,2), f DECIMAL(30,4), s VARCHAR, d DATE, g BOOLEAN)");
    both.exec("CREATE TABLE u (uk INTEGER, name VARCHAR, w INTEGER)");
    for (String[] t : List.of(new String[] {"big", big.toString()}, new String[] {"u", dim.toString()})) {
      Result r = both.flern.execute("COPY " + t[0] + " FROM " + SqlText.quote(t[1]) + " (HEADER)");
      assertEquals(t[0].equals("big") ? ROWS : KEYS + KEYS / 10, r.updateCount());
      both.duck.exec("COPY " + t[0] + " FROM " + SqlText.quote(t[1]) + " (HEADER)");
    }
  }

  @AfterAll
  static void close() {
    both.close();
  }

  private static String csvNull(Random r, double rate, Object v) {
    return r.nextDouble() < rate ? "" : v.toString();
  }

  static void writeBig(Path p, Random r) throws IOException {
    String[] words = {"alpha", "beta", "gamma", "delta", "日本", "zeta", "Eta", "theta"};
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write("id,k,ks,a,b,e,c,f,s,d,g\n");
      for (int i = 0; i < ROWS; i++) {
        StringBuilder b = new StringBuilder();
        b.append(i).append(',');
        b.append(csvNull(r, 0.05, r.nextInt(KEYS))).append(',');
        b.append(csvNull(r, 0.05, words[r.nextInt(words.length)] + r.nextInt(6))).append(',');
        b.append(csvNull(r, 0.1, r.nextInt(201) - 100)).append(',');
        b.append(csvNull(r, 0.1, r.nextLong() % 10_000_000_000L)).append(',');
        b.append(csvNull(r, 0.1, (r.nextInt(800_001) - 400_000) / 8.0)).append(',');
        b.append(csvNull(r, 0.1, BigDecimal.valueOf(r.nextInt(20_000_001) - 10_000_000, 2).toPlainString())).append(',');
        b.append(csvNull(r, 0.1, new BigDecimal(r.nextLong() % 1_000_000_000_000L + "." + String.format("%04d", r.nextInt(10_000))).toPlainString())).append(',');
        b.append(csvNull(r, 0.1, words[r.nextInt(words.length)].substring(0, 1 + r.nextInt(2)) + (char) ('a' + r.nextInt(26)))).append(',');
        b.append(csvNull(r, 0.1, LocalDate.of(1995, 1, 1).plusDays(r.nextInt(5000)))).append(',');
        b.append(csvNull(r, 0.1, r.nextBoolean())).append('\n');
        w.write(b.toString());
      }
    }
  }

  static void writeDim(Path p, Random r) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write("uk,name,w\n");
      for (int i = 0; i < KEYS; i++) w.write(i + ",name" + (i % 37) + "," + (r.nextInt(100)) + "\n");
      // Some keys twice, some NULL keys.
      for (int i = 0; i < KEYS / 10; i++) w.write((r.nextInt(3) == 0 ? "" : Integer.toString(r.nextInt(KEYS))) + ",dup" + (i % 7) + "," + r.nextInt(100) + "\n");
    }
  }

  /** {query, "ordered" or "sorted"}: every query compares rows; ordered ones in their order. */
  static final List<String[]> QUERIES = List.of(
      new String[] {"SELECT id, a, s FROM big WHERE a % 7 = 3 AND s LIKE 'a%'", "sorted"},
      new String[] {"SELECT k, count(*), sum(a), sum(c), avg(e), min(s), max(d), sum(f), count(g) FROM big GROUP BY k", "sorted"},
      new String[] {"SELECT count(*), sum(b), min(e), max(f), sum(e), avg(c), max(s), min(d) FROM big", "sorted"},
      new String[] {"SELECT count(DISTINCT ks), count(DISTINCT ks) FROM big", "sorted"},
      new String[] {"SELECT k, count(*), count(DISTINCT ks), sum(DISTINCT a), count(DISTINCT d), max(s) FROM big GROUP BY k", "sorted"},
      new String[] {"SELECT big.id, u.name, u.w FROM big JOIN u ON big.k = u.uk WHERE big.a > 90", "sorted"},
      new String[] {"SELECT u.name, count(*), sum(big.b), min(big.ks), max(big.c) FROM big JOIN u ON big.k = u.uk GROUP BY u.name", "sorted"},
      new String[] {"SELECT id, e, s FROM big ORDER BY e DESC NULLS LAST, s NULLS FIRST, id", "ordered"},
      new String[] {"SELECT id, c FROM big ORDER BY c NULLS FIRST, id LIMIT 100 OFFSET 1000", "ordered"},
      new String[] {"SELECT ks, d, id FROM big ORDER BY ks DESC NULLS FIRST, d NULLS LAST, id DESC LIMIT 500", "ordered"},
      new String[] {"SELECT DISTINCT ks, g FROM big", "sorted"},
      new String[] {"SELECT id % 50000, count(*), sum(a), max(s) FROM big GROUP BY id % 50000", "sorted"},
      new String[] {"SELECT id, upper(s) || ks, substring(s FROM 2 FOR 3), CAST(c AS VARCHAR) FROM big WHERE g", "sorted"},
      new String[] {"SELECT ks, sum(CASE WHEN a > 0 THEN 1 ELSE 0 END), sum(c * a) FROM big WHERE d >= DATE '2000-01-01' GROUP BY ks", "sorted"},
      new String[] {"SELECT upper(ks) || '-' || CAST(g AS VARCHAR), count(*), min(lower(s) || ks) FROM big GROUP BY upper(ks) || '-' || CAST(g AS VARCHAR)", "sorted"},
      new String[] {"SELECT lower(s) || CAST(id AS VARCHAR) AS x, a, id FROM big WHERE a < -90 ORDER BY x DESC NULLS FIRST, id", "ordered"},
      new String[] {"SELECT b1.id, b2.id, b1.ks || '+' || b2.s FROM big b1 JOIN big b2 ON lower(b1.ks) || '/long-key-suffix' = lower(b2.ks) || '/long-key-suffix' "
          + "WHERE b1.id < 40 AND b2.id < 30000", "sorted"},
      new String[] {"SELECT name, cnt FROM (SELECT k, count(*) AS cnt FROM big GROUP BY k) x JOIN u ON x.k = u.uk WHERE cnt > 300", "sorted"});

  @Test
  void sameRowsWithOneTwoAndThreeThreadsAndAsDuckDb() {
    List<String> failures = new ArrayList<>();
    List<List<List<Object>>> single = new ArrayList<>();
    for (int threads : new int[] {1, 2, 3}) {
      both.flern.execute("SET threads = " + threads);
      for (int q = 0; q < QUERIES.size(); q++) {
        String sql = QUERIES.get(q)[0];
        boolean ordered = QUERIES.get(q)[1].equals("ordered");
        Both.Outcome o = both.runFlern(sql);
        if (o.failed()) {
          failures.add("threads=" + threads + ": " + sql + "\n  flern failed: " + o.error());
          if (threads == 1) single.add(null);
          continue;
        }
        List<List<Object>> rows = ordered ? o.rows() : Cells.sorted(o.rows());
        assertTrue(rows.size() > 0, "no rows from " + sql);
        if (threads == 1) {
          single.add(rows);
          Optional<String> d = both.compare(sql, sql, ordered);
          d.ifPresent(x -> failures.add("vs DuckDB: " + sql + "\n  " + x));
        } else if (single.get(q) != null) {
          Optional<String> d = Cells.diff(rows, single.get(q));
          d.ifPresent(x -> failures.add("threads=" + threads + " vs threads=1: " + sql + "\n  " + x.replace("duckdb", "threads=1")));
        }
      }
    }
    both.flern.execute("SET threads = 2");
    // LIMIT without ORDER BY may take any rows, but exactly that many and only matching ones.
    Result r = both.flern.execute("SELECT id, a FROM big WHERE a > 50 LIMIT 777");
    assertEquals(777, r.rowCount());
    for (long i = 0; i < r.rowCount(); i++) assertTrue((Integer) r.get(i, 1) > 50);
    failures.forEach(System.out::println);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void connectionsOnSeveralJavaThreadsShareThePool() throws Exception {
    List<String> queries = List.of(QUERIES.get(1)[0], QUERIES.get(4)[0], QUERIES.get(8)[0], QUERIES.get(13)[0]);
    both.flern.execute("SET threads = 2");
    List<List<List<Object>>> expected = new ArrayList<>();
    for (String q : queries) expected.add(Cells.sorted(Cells.rows(both.flern.execute(q))));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<String>> results = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int me = t;
        results.add(pool.submit(() -> {
          try (dev.flern.FlernConnection c = both.db.connect()) {
            for (int i = 0; i < 6; i++) {
              int q = (i + me) % queries.size();
              Optional<String> d = Cells.diff(Cells.sorted(Cells.rows(c.execute(queries.get(q)))), expected.get(q));
              if (d.isPresent()) return queries.get(q) + ": " + d.get();
              // One thread changes the pool size while the others run queries.
              if (me == 0) c.execute("SET threads = " + (1 + i % 3));
            }
          }
          return "";
        }));
      }
      for (java.util.concurrent.Future<String> f : results) assertEquals("", f.get());
    } finally {
      pool.shutdown();
    }
  }
}
