package dev.flern.exec;

import dev.flern.FlernException;
import dev.flern.catalog.Catalog;
import dev.flern.compile.NativeRuntime;
import dev.flern.csv.CsvOptions;
import dev.flern.csv.CsvReader;
import dev.flern.sql.SqlFrontEnd;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One in-memory database: its catalog, its worker pool and its settings. Queries run under the read
 * lock, so several connections can query at once; statements that change the catalog or the
 * settings take the write lock and run alone, so no query sees them half done.
 */
public final class Database implements AutoCloseable {
  final Catalog catalog = new Catalog();
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  final SqlFrontEnd frontEnd;
  private final NativeRuntime rt;
  private MemorySegment pool;
  private int threads;
  private long memoryLimit = Settings.defaultMemoryLimit();
  private dev.flern.codegen.PredictRewrites predictRewrites = dev.flern.codegen.PredictRewrites.ALL;
  private boolean closed;

  /** CSV files read while planning the current statement (read_csv needs their columns to plan). */
  private final ThreadLocal<Map<String, Table>> csvTables = ThreadLocal.withInitial(HashMap::new);

  public Database() {
    rt = NativeRuntime.get();
    threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    pool = rt.poolNew(threads);
    frontEnd = new SqlFrontEnd(catalog, this::csvSchema);
  }

  static String csvKey(String path, CsvOptions options) {
    return path + "\u0000" + options;
  }

  private Schema csvSchema(String path, CsvOptions options) {
    Table t = csvTables.get().computeIfAbsent(csvKey(path, options), k -> CsvReader.read(path, options));
    return t.schema();
  }

  /** The table read_csv loaded for this statement, reading it now if planning did not. */
  Table csvTable(String path, CsvOptions options) {
    return csvTables.get().computeIfAbsent(csvKey(path, options), k -> CsvReader.read(path, options));
  }

  void endStatement() {
    csvTables.get().clear();
  }

  /** The names of the tables, sorted. */
  public java.util.List<String> tableNames() {
    return java.util.List.copyOf(catalog.all().keySet());
  }

  synchronized MemorySegment pool() {
    if (closed) throw new FlernException("the database is closed");
    return pool;
  }

  synchronized int threads() {
    return threads;
  }

  synchronized long memoryLimit() {
    return memoryLimit;
  }

  /** Called under the write lock: no query is running on the old pool. */
  synchronized void setThreads(int n) {
    if (n == threads) return;
    MemorySegment next = rt.poolNew(n);
    rt.poolFree(pool);
    pool = next;
    threads = n;
  }

  synchronized void setMemoryLimit(long bytes) {
    memoryLimit = bytes;
  }

  synchronized dev.flern.codegen.PredictRewrites predictRewrites() {
    return predictRewrites;
  }

  synchronized void setPredictRewrite(String name, boolean on) {
    predictRewrites = predictRewrites.with(name, on);
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      synchronized (this) {
        if (closed) return;
        closed = true;
        catalog.closeModels();
        rt.poolFree(pool);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
