package dev.flern.bench;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.Result;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The foundation's figures: cold compile time per query shape, the warm-cache time of a repeated
 * query with new literals, and a large scan-aggregate at 1 and 2 threads — Flern against DuckDB,
 * both in this JVM, alternating, after warm-up. Medians are reported; nothing here is a test.
 *
 * <p>Usage: {@code bench/run-foundation [rows] [runs]} (default 10,000,000 rows, 7 runs).
 */
public final class FoundationBench {
  private static final String[] SHAPES = {
      "SELECT count(*) FROM t WHERE g = %d",
      "SELECT g, sum(x) FROM t WHERE y < 0.%d GROUP BY g ORDER BY g",
      "SELECT s, count(*), avg(y) FROM t WHERE g > %d GROUP BY s ORDER BY s",
      "SELECT k, x FROM t WHERE k %% 1000 = %d ORDER BY k LIMIT 5",
      "SELECT min(d), max(d) FROM t WHERE d >= DATE '1996-01-%02d'",
      "SELECT upper(s) || '-' || CAST(g AS VARCHAR) AS u, count(*) FROM t WHERE g < %d GROUP BY u ORDER BY u LIMIT 3",
      "SELECT CASE WHEN y < 0.%d THEN 'low' ELSE 'high' END AS c, count(*) FROM t GROUP BY c ORDER BY c",
      "SELECT count(DISTINCT s) FROM t WHERE g <> %d",
      "SELECT a.g, count(*) FROM t a JOIN small b ON a.g = b.g WHERE b.w > %d GROUP BY a.g ORDER BY a.g LIMIT 3",
      "SELECT sum(x * 2 - 1) FROM t WHERE s LIKE 'v%d%%'",
  };

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("flern-bench");
    Path cache = Files.createDirectory(dir.resolve("cache"));
    // A fresh compile cache: every shape below is a cold compile once.
    System.setProperty("flern.cache.dir", cache.toString());
    Path csv = dir.resolve("t.csv");
    Path smallCsv = dir.resolve("small.csv");
    writeData(csv, smallCsv, rows);
    System.out.printf(Locale.ROOT, "data: %,d rows in %s (%d MB)%n", rows, csv, Files.size(csv) >> 20);

    try (Flern db = Flern.open(); FlernConnection f = db.connect();
         Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement d = duck.createStatement()) {
      String ddl = "CREATE TABLE t (g INTEGER, k BIGINT, x DECIMAL(12,2), y DOUBLE, s VARCHAR, d DATE)";
      String ddlSmall = "CREATE TABLE small (g INTEGER, w INTEGER)";
      f.execute(ddl);
      f.execute(ddlSmall);
      d.execute(ddl);
      d.execute(ddlSmall);
      long t0 = System.nanoTime();
      f.execute("COPY t FROM '" + csv + "' (HEADER)");
      long flernLoad = System.nanoTime() - t0;
      t0 = System.nanoTime();
      d.execute("COPY t FROM '" + csv + "' (HEADER)");
      long duckLoad = System.nanoTime() - t0;
      f.execute("COPY small FROM '" + smallCsv + "' (HEADER)");
      d.execute("COPY small FROM '" + smallCsv + "' (HEADER)");
      System.out.printf(Locale.ROOT, "load (COPY): flern %.2f s, duckdb %.2f s%n%n", flernLoad / 1e9, duckLoad / 1e9);

      // 1. Compile times: the first compile also builds the precompiled header.
      Result first = f.execute("SELECT 1");
      System.out.printf(Locale.ROOT, "first compile (builds the precompiled header): %.0f ms%n",
          first.timings().compileNanos() / 1e6);
      long[] cold = new long[SHAPES.length];
      long[] warm = new long[SHAPES.length];
      long[] duckWarm = new long[SHAPES.length];
      for (int i = 0; i < SHAPES.length; i++) {
        Result r = f.execute(String.format(Locale.ROOT, SHAPES[i], 3));
        if (r.timings().cacheHit()) throw new IllegalStateException("shape " + i + " was already cached");
        cold[i] = r.timings().compileNanos();
      }
      // 2. Warm cache: the same shapes with other literals (plan + staging + cache lookup + run).
      for (int i = 0; i < SHAPES.length; i++) {
        long[] fw = new long[runs];
        long[] dw = new long[runs];
        for (int k = 0; k < runs; k++) {
          String sql = String.format(Locale.ROOT, SHAPES[i], 4 + k);
          long s = System.nanoTime();
          Result r = f.execute(sql);
          fw[k] = System.nanoTime() - s;
          if (!r.timings().cacheHit()) throw new IllegalStateException("not a cache hit: " + sql);
          dw[k] = timeDuck(d, sql);
        }
        warm[i] = BenchStats.median(fw);
        duckWarm[i] = BenchStats.median(dw);
      }
      System.out.println("| shape | cold compile ms | warm total ms (new literals) | duckdb ms | ratio |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (int i = 0; i < SHAPES.length; i++)
        System.out.printf(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.2f |%n", i + 1, cold[i] / 1e6, warm[i] / 1e6,
            duckWarm[i] / 1e6, (double) warm[i] / duckWarm[i]);
      System.out.printf(Locale.ROOT, "median cold compile: %.0f ms; median warm query: %.1f ms (duckdb %.1f ms)%n%n",
          BenchStats.median(cold) / 1e6, BenchStats.median(warm) / 1e6, BenchStats.median(duckWarm) / 1e6);

      // 3. Scan-aggregate scaling.
      String q = "SELECT g, count(*), sum(x), avg(y), min(d) FROM t WHERE y < 0.9 GROUP BY g";
      System.out.println("| threads | flern run ms | flern total ms | duckdb ms | flern/duckdb |");
      System.out.println("|---:|---:|---:|---:|---:|");
      double flern1 = 0;
      for (int threads : new int[] {1, 2}) {
        f.execute("SET threads = " + threads);
        d.execute("SET threads = " + threads);
        for (int k = 0; k < 2; k++) {
          f.execute(q);
          timeDuck(d, q);
        }
        long[] fr = new long[runs], ft = new long[runs], dr = new long[runs];
        for (int k = 0; k < runs; k++) {
          long s = System.nanoTime();
          Result r = f.execute(q);
          ft[k] = System.nanoTime() - s;
          fr[k] = r.timings().runNanos();
          dr[k] = timeDuck(d, q);
        }
        if (threads == 1) flern1 = BenchStats.median(ft);
        System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.2f |%n", threads, BenchStats.median(fr) / 1e6,
            BenchStats.median(ft) / 1e6, BenchStats.median(dr) / 1e6, (double) BenchStats.median(ft) / BenchStats.median(dr));
        if (threads == 2) System.out.printf(Locale.ROOT, "speed-up 1 -> 2 threads (flern total): %.2fx%n", flern1 / BenchStats.median(ft));
      }
    }
  }

  private static long timeDuck(Statement d, String sql) throws SQLException {
    long s = System.nanoTime();
    try (ResultSet rs = d.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) for (int c = 1; c <= n; c++) rs.getObject(c);
    }
    return System.nanoTime() - s;
  }

  private static void writeData(Path csv, Path small, long rows) throws IOException {
    SplittableRandom rnd = new SplittableRandom(42);
    LocalDate base = LocalDate.of(1995, 1, 1);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 50; i++) words.add("v" + i + (i % 3 == 0 ? "-a-longer-string-value" : ""));
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("g,k,x,y,s,d\n");
      StringBuilder b = new StringBuilder(128);
      for (long i = 0; i < rows; i++) {
        b.setLength(0);
        b.append(rnd.nextInt(100)).append(',').append(i).append(',')
            .append(rnd.nextInt(100000)).append('.').append(rnd.nextInt(10)).append(rnd.nextInt(10)).append(',')
            .append(rnd.nextDouble()).append(',').append(words.get(rnd.nextInt(words.size()))).append(',')
            .append(base.plusDays(rnd.nextInt(1500))).append('\n');
        w.write(b.toString());
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(small)) {
      w.write("g,w\n");
      for (int g = 0; g < 100; g++) w.write(g + "," + (g * 7 % 10) + "\n");
    }
  }
}
