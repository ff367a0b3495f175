package dev.flern;

import dev.flern.exec.Database;
import dev.flern.exec.StatementRunner;
import dev.flern.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.List;

/** A session on a database. Cheap; not for use by several threads at once (open one per thread). */
public final class FlernConnection implements AutoCloseable {
  private final StatementRunner runner;
  private final Database db;
  private boolean closed;

  FlernConnection(Database db) {
    this.runner = new StatementRunner(db);
    this.db = db;
  }

  /** Runs one SQL statement. */
  public Result execute(String sql) {
    if (closed) throw new FlernException("the connection is closed");
    return runner.execute(sql);
  }

  /** Runs several statements separated by semicolons, in order; stops at the first error. */
  public List<Result> executeScript(String sql) {
    List<Result> out = new ArrayList<>();
    for (String st : StatementSplitter.split(sql)) out.add(execute(st));
    return out;
  }

  /** The names of the database's tables, sorted. */
  public List<String> tables() {
    return db.tableNames();
  }

  /** The physical plan of a query, one operator per line. */
  public String explain(String sql) {
    return lines(execute("EXPLAIN " + sql));
  }

  /** The C++ program a query compiles to. */
  public String generatedCode(String sql) {
    return lines(execute("EXPLAIN (CODE) " + sql));
  }

  private static String lines(Result r) {
    StringBuilder b = new StringBuilder();
    for (long i = 0; i < r.rowCount(); i++) b.append(r.get(i, 0)).append('\n');
    return b.toString();
  }

  @Override
  public void close() {
    closed = true;
  }
}
