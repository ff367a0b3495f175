package dev.flern;

import dev.flern.exec.Database;
import java.nio.file.Path;

/**
 * An embedded Flern database in this process.
 *
 * <pre>{@code
 * try (Flern db = Flern.open(); FlernConnection c = db.connect()) {
 *   c.execute("CREATE TABLE t (a INTEGER, b VARCHAR)");
 *   c.execute("INSERT INTO t VALUES (1, 'x'), (2, NULL)");
 *   Result r = c.execute("SELECT b, sum(a) FROM t GROUP BY b ORDER BY 1");
 * }
 * }</pre>
 */
public final class Flern implements AutoCloseable {
  private final Database db;

  private Flern() {
    db = new Database();
  }

  /** Opens a new, empty in-memory database. */
  public static Flern open() {
    return new Flern();
  }

  /** A database stored in a file: reserved; persistence is planned (DESIGN §12) but not built yet. */
  public static Flern open(Path path) {
    throw new FlernException("persistence is not supported yet: use Flern.open() for an in-memory database");
  }

  public FlernConnection connect() {
    return new FlernConnection(db);
  }

  @Override
  public void close() {
    db.close();
  }
}
