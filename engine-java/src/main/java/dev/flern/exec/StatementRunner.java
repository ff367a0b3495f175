package dev.flern.exec;

import dev.flern.FlernException;
import dev.flern.Result;
import dev.flern.SqlType;
import dev.flern.Timings;
import dev.flern.codegen.GeneratedQuery;
import dev.flern.codegen.QueryGenerator;
import dev.flern.codegen.TableSource;
import dev.flern.codegen.TableStats;
import java.util.Optional;
import dev.flern.csv.CsvReader;
import dev.flern.model.Models;
import dev.flern.plan.Field;
import dev.flern.plan.Plan;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.sql.Statement;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import dev.flern.storage.TableBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Runs analysed statements against a database. Every statement that changes a table builds the new
 * table completely before swapping it into the catalog, so a failure at any point (a bad CSV row, a
 * division by zero in INSERT … SELECT, a NOT NULL violation) leaves the database as it was.
 */
public final class StatementRunner {
  private final Database db;

  public StatementRunner(Database db) {
    this.db = db;
  }

  public Result execute(String sql) {
    try {
      return executeUnguarded(sql);
    } catch (FlernException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new FlernException("the statement is nested too deeply to plan");
    } catch (RuntimeException | AssertionError e) {
      // A bug of ours or of a library must reach the caller as an error of this statement, never
      // end the application (or the shell).
      throw new FlernException("internal error: " + e, e);
    }
  }

  private Result executeUnguarded(String sql) {
    long start = System.nanoTime();
    try {
      Statement st = db.frontEnd.analyze(sql);
      if (st instanceof Statement.CreateModel cm) return createModel(cm, start);
      Lock lock = changes(st) ? db.lock.writeLock() : db.lock.readLock();
      lock.lock();
      try {
        return run(st, start);
      } finally {
        lock.unlock();
      }
    } finally {
      db.endStatement();
    }
  }

  /**
   * CREATE MODEL: the model is read, compiled and its weights packed (about a second) before the
   * write lock is taken, so queries keep running meanwhile; only adding it to the catalog excludes
   * them. A model made in vain (the name was taken meanwhile) is closed.
   */
  private Result createModel(Statement.CreateModel cm, long start) {
    if (cm.ifNotExists() && db.catalog.findModel(cm.name()).isPresent()) return Result.update(0, timings(start));
    if (!cm.orReplace() && db.catalog.findModel(cm.name()).isPresent())
      throw new FlernException("model \"" + cm.name() + "\" already exists");
    var model = Models.load(cm.path());
    Lock lock = db.lock.writeLock();
    lock.lock();
    try {
      if (cm.ifNotExists() && db.catalog.findModel(cm.name()).isPresent()) {
        model.close();
        return Result.update(0, timings(start));
      }
      db.catalog.putModel(cm.name(), model, cm.orReplace());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    } finally {
      lock.unlock();
    }
    return Result.update(0, timings(start));
  }

  private static boolean changes(Statement st) {
    return !(st instanceof Statement.Query || st instanceof Statement.Explain || st instanceof Statement.ShowModels);
  }

  /** Generates the program of a query (for EXPLAIN (CODE) and tests). */
  public GeneratedQuery generate(Plan plan) {
    return generator().generate(plan);
  }

  private QueryGenerator generator() {
    return new QueryGenerator(new TableStats() {
      public long rows(String table) {
        return db.catalog.find(table).map(Table::rowCount).orElse(0L);
      }

      public Optional<long[]> intRange(String table, int column) {
        return db.catalog.find(table).flatMap(t -> t.intRange(column));
      }
    }, db.catalog::findModel, db.predictRewrites());
  }

  private Result run(Statement st, long start) {
    return switch (st) {
      case Statement.Query q -> {
        Run r = query(q.plan(), resultSchema(q.plan(), q.columnNames()), start);
        yield Result.rows(r.table, q.columnNames(), r.timings);
      }
      case Statement.CreateTable c -> {
        if (c.ifNotExists() && db.catalog.exists(c.name())) yield Result.update(0, timings(start));
        db.catalog.create(c.name(), Table.empty(c.schema()));
        yield Result.update(0, timings(start));
      }
      case Statement.CreateTableAs c -> {
        if (c.ifNotExists() && db.catalog.exists(c.name())) yield Result.update(0, timings(start));
        if (db.catalog.exists(c.name())) throw new FlernException("table \"" + c.name() + "\" already exists");
        Run r = query(c.plan(), resultSchema(c.plan(), c.columnNames()), start);
        db.catalog.create(c.name(), r.table);
        yield Result.update(r.table.rowCount(), r.timings);
      }
      case Statement.DropTable d -> {
        if (db.catalog.drop(d.name()).isEmpty() && !d.ifExists())
          throw new FlernException("table \"" + d.name() + "\" does not exist");
        yield Result.update(0, timings(start));
      }
      case Statement.Insert ins -> insert(ins, start);
      case Statement.Copy cp -> {
        Table old = db.catalog.get(cp.table());
        Table loaded = CsvReader.read(cp.path(), cp.options().withColumns(old.schema()));
        db.catalog.replace(cp.table(), old, old.append(loaded));
        yield Result.update(loaded.rowCount(), timings(start));
      }
      case Statement.SetOption so -> {
        switch (so.name().toLowerCase()) {
          case "threads", "worker_threads" -> db.setThreads(Settings.threads(so.value()));
          case "memory_limit", "max_memory" -> db.setMemoryLimit(Settings.bytes(so.value()));
          case "predict_filter_pushdown", "predict_output_pruning", "predict_join_pushdown", "predict_inline_linear" ->
              db.setPredictRewrite(so.name().toLowerCase(), Settings.bool(so.name(), so.value()));
          default -> throw new FlernException("unknown setting \"" + so.name() + "\" (known: threads, memory_limit, "
              + "predict_filter_pushdown, predict_output_pruning, predict_join_pushdown, predict_inline_linear)");
        }
        yield Result.update(0, timings(start));
      }
      case Statement.Explain ex -> explain(ex, start);
      case Statement.CreateModel cm -> createModel(cm, start);
      case Statement.DropModel dm -> {
        if (!db.catalog.dropModel(dm.name()) && !dm.ifExists())
          throw new FlernException("model \"" + dm.name() + "\" does not exist");
        yield Result.update(0, timings(start));
      }
      case Statement.ShowModels sm -> ModelListing.result(db.catalog.allModels(), timings(start));
    };
  }

  private Result explain(Statement.Explain ex, long start) {
    if (!(ex.inner() instanceof Statement.Query q))
      throw new FlernException("EXPLAIN works on queries (SELECT, VALUES)");
    List<String> lines = ex.code() ? List.of(generate(q.plan()).source().split("\n")) : PlanPrinter.lines(generator().physical(q.plan()));
    Schema schema = new Schema(List.of(new ColumnDef(ex.code() ? "code" : "plan", SqlType.VARCHAR, false)));
    TableBuilder b = new TableBuilder(schema);
    for (String l : lines) b.appendRow(new Object[] {l});
    return Result.rows(b.build(), List.of(schema.get(0).name()), timings(start));
  }

  private Result insert(Statement.Insert ins, long start) {
    Table old = db.catalog.get(ins.table());
    Schema target = old.schema();
    Table rows;
    Timings t;
    if (ins.plan() instanceof Values v && allLiterals(v)) {
      // Constant rows (the common INSERT … VALUES) are written directly: no program to compile.
      TableBuilder b = new TableBuilder(target);
      for (List<Expr> row : v.rows()) {
        Object[] vals = new Object[row.size()];
        for (int i = 0; i < vals.length; i++) vals[i] = javaValue((Literal) row.get(i), target.get(i).type());
        b.appendRow(vals);
      }
      rows = b.build();
      t = timings(start);
    } else {
      Run r = query(ins.plan(), target, start);
      rows = r.table;
      t = r.timings;
    }
    db.catalog.replace(ins.table(), old, old.append(rows));
    return Result.update(rows.rowCount(), t);
  }

  private static boolean allLiterals(Values v) {
    return v.rows().stream().allMatch(r -> r.stream().allMatch(e -> e instanceof Literal));
  }

  private static Object javaValue(Literal l, SqlType target) {
    if (l.value() == null) return null;
    if (target.kind() == SqlType.Kind.DATE && l.value() instanceof Integer days) return LocalDate.ofEpochDay(days);
    return l.value();
  }

  private Schema resultSchema(Plan plan, List<String> names) {
    List<Field> out = plan.output();
    List<ColumnDef> cols = new ArrayList<>();
    for (int i = 0; i < out.size(); i++)
      cols.add(new ColumnDef(i < names.size() ? names.get(i) : out.get(i).name(), out.get(i).type(), true));
    return new Schema(cols);
  }

  private record Run(Table table, Timings timings) {}

  private Run query(Plan plan, Schema schema, long start) {
    GeneratedQuery q = generate(plan);
    List<Table> tables = new ArrayList<>();
    for (TableSource src : q.tables()) {
      tables.add(switch (src) {
        case TableSource.Catalog c -> db.catalog.get(c.name());
        case TableSource.Csv c -> db.csvTable(c.scan().path(), c.scan().options());
      });
    }
    long planned = System.nanoTime();
    QueryExecutor.Execution e = QueryExecutor.run(q, tables, schema, db.pool(), db.memoryLimit());
    long plan_ns = planned - start;
    return new Run(e.table(), new Timings(plan_ns, e.compileNanos(), e.runNanos(), e.cacheHit()));
  }

  private static Timings timings(long start) {
    return new Timings(System.nanoTime() - start, 0, 0, false);
  }
}
