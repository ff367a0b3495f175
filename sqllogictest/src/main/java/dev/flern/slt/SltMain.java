package dev.flern.slt;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Command line: {@code run <file|dir|classpath resource>... [--sqlite <name>]... [--engine flern|duckdb]
 * [--stop-on-failure] [--verbose]}. Prints every file's pass rate and failures, then a summary;
 * exits 1 when a record failed.
 */
public final class SltMain {
  private static final int FAILURES_SHOWN_PER_FILE = 20;

  private SltMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("sqllogictest: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  static int run(String[] args, PrintStream out) {
    if (args.length == 0 || !args[0].equals("run")) throw new IllegalArgumentException(usage());
    String engine = "flern";
    boolean stop = false;
    boolean verbose = false;
    List<SltSources.Source> sources = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--engine" -> engine = value(args, ++i, "--engine");
        case "--stop-on-failure" -> stop = true;
        case "--verbose" -> verbose = true;
        case "--sqlite" -> sources.addAll(SltSources.sqlite(value(args, ++i, "--sqlite")));
        default -> {
          if (args[i].startsWith("--")) throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
          sources.addAll(SltSources.resolve(args[i]));
        }
      }
    }
    if (sources.isEmpty()) throw new IllegalArgumentException("no scripts given\n" + usage());
    Supplier<SltDatabase> factory = factory(engine);
    SltRunner runner = new SltRunner(stop, verbose ? out : null);
    long passed = 0, failed = 0, skipped = 0;
    for (SltSources.Source src : sources) {
      FileReport rep;
      try (SltDatabase db = factory.get()) {
        rep = runner.run(SltParser.parse(src.name(), src.text()), db);
      } catch (Exception e) {
        throw new IllegalStateException("closing the database failed: " + e.getMessage(), e);
      }
      passed += rep.passed();
      failed += rep.failed();
      skipped += rep.skipped();
      if (!verbose) {
        List<RecordResult> fails = rep.failures();
        fails.stream().limit(FAILURES_SHOWN_PER_FILE).forEach(f -> out.println(f.describe()));
        if (fails.size() > FAILURES_SHOWN_PER_FILE) {
          out.println("... and " + (fails.size() - FAILURES_SHOWN_PER_FILE) + " more failures in " + src.name());
        }
      }
      out.println(String.format(Locale.ROOT, "%s: %.1f%% passed (%s)", src.name(), rep.passRate(), rep.summary()));
      if (stop && rep.failed() > 0) break;
    }
    out.println(FileReport.summary(passed, failed, skipped));
    return failed > 0 ? 1 : 0;
  }

  /** A fresh database per script; DuckDB's adapter lives in the test classes (JDBC driver is test scope). */
  static Supplier<SltDatabase> factory(String engine) {
    return switch (engine) {
      case "flern" -> FlernDatabase::new;
      case "duckdb" -> () -> {
        try {
          return (SltDatabase) Class.forName("dev.flern.slt.DuckDbDatabase").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalArgumentException("the DuckDB adapter needs the test classpath of the sqllogictest"
              + " module (dev.flern.slt.DuckDbDatabase and org.duckdb:duckdb_jdbc): " + e, e);
        }
      };
      default -> throw new IllegalArgumentException("unknown engine " + engine + " (flern or duckdb)");
    };
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }

  private static String usage() {
    return "usage: SltMain run <file|dir|classpath resource>... [--sqlite <name under test/>]..."
        + " [--engine flern|duckdb] [--stop-on-failure] [--verbose]";
  }
}
