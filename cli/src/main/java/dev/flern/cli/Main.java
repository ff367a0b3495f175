package dev.flern.cli;

import dev.flern.Flern;
import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.cli.format.OutputMode;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flern}: the command line entry point. */
@Command(
    name = "flern",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    separator = " ",
    usageHelpAutoWidth = true,
    description = {
      "Flern: an in-process analytical SQL engine that compiles each query to C++.",
      "Without -c or -f, starts an interactive shell (or, with stdin not a terminal, runs stdin as a script).",
    },
    footer = {
      "",
      "Examples:",
      "  flern -c \"SELECT 1 + 1 AS two\"",
      "  flern --mode csv -c \"SELECT * FROM read_csv('data.csv') LIMIT 5\"",
      "  flern -f script.sql",
      "  flern demo",
      "",
      "Environment: FLERN_CACHE_DIR (compiled query cache), FLERN_CXX (C++ compiler).",
    })
public final class Main implements Callable<Integer> {
  /** Where the rows go: UTF-8 always, whatever the locale, so box characters never turn into '?'. */
  private final PrintStream out;
  private final PrintStream err;
  private final boolean stdinTerminal;
  private final boolean stderrTerminal;

  /** -c and -f in the order given: the setters below keep it. */
  private final List<Source> sources = new ArrayList<>();

  private sealed interface Source {
    record Command(String sql) implements Source {}

    record File(Path path) implements Source {}
  }

  @Option(names = "-c", order = 1, paramLabel = "SQL", description = "Run SQL (statements separated by ';', dot commands on their own lines), then exit. May be repeated.")
  void command(String sql) {
    sources.add(new Source.Command(sql));
  }

  @Option(names = "-f", order = 2, paramLabel = "FILE", description = "Run the script FILE, then exit. May be repeated.")
  void file(Path path) {
    sources.add(new Source.File(path));
  }

  @Option(names = "--mode", order = 3, paramLabel = "MODE", converter = ModeConverter.class, defaultValue = "box",
      description = "Output mode: box, csv, json or line (default: ${DEFAULT-VALUE}).")
  OutputMode mode;

  @Option(names = "--threads", order = 4, paramLabel = "N", description = "Worker threads for queries (default: one per core).")
  Optional<Integer> threads;

  @Option(names = "--timer", order = 5, description = "Show where each statement's time went (as .timer on).")
  boolean timer;

  @Option(names = "--echo", order = 6, description = "Print each statement before its result (as .echo on).")
  boolean echo;

  @Option(names = "--max-rows", order = 7, paramLabel = "N", defaultValue = "40",
      description = "Box mode shows at most N rows, the first and the last (0: all; default: ${DEFAULT-VALUE}).")
  long maxRows;

  @Option(names = "--demo", order = 8, description = "Run the demo (as the demo command).")
  boolean demo;

  @Option(names = "--debug", hidden = true, description = "Print stack traces of internal errors.")
  boolean debug;

  public Main(PrintStream out, PrintStream err, boolean stdinTerminal, boolean stderrTerminal) {
    this.out = out;
    this.err = err;
    this.stdinTerminal = stdinTerminal;
    this.stderrTerminal = stderrTerminal;
  }

  public static void main(String[] args) {
    // Buffered: a CSV export prints row by row. The session flushes after every statement.
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, out, err, terminal("flern.stdin.tty"), terminal("flern.stderr.tty"));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line and returns the exit code: 0, 1 after an error, 2 for a bad command line. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean stdinTerminal, boolean stderrTerminal) {
    CommandLine cl = new CommandLine(new Main(out, err, stdinTerminal, stderrTerminal));
    // Lets -c and -f repeat: picocli then calls their setters once per occurrence, in order.
    cl.setOverwrittenOptionsAllowed(true);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("Error: " + e.getMessage());
      err.println("Try 'flern --help' for the options.");
      return 2;
    });
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      err.println("Error: " + (e instanceof FlernException ? e.getMessage() : e.toString()));
      return 1;
    });
    int code = cl.execute(args);
    out.flush();
    return code;
  }

  /**
   * Whether a standard stream is a terminal. Java cannot ask about stdin or stderr alone, so the
   * ./flern launcher tells ({@code [ -t 0 ]}, {@code [ -t 2 ]}); without it, the console is the guess.
   */
  private static boolean terminal(String property) {
    String v = System.getProperty(property);
    if (v != null) return Boolean.parseBoolean(v);
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  @Override
  public Integer call() throws IOException {
    if (demo) return demo();
    try (Flern db = Flern.open(); FlernConnection conn = db.connect(); Session session = session(conn)) {
      if (!configure(session)) return 1;
      if (!sources.isEmpty()) {
        for (Source s : sources) {
          boolean ok = switch (s) {
            case Source.Command c -> session.runScript(c.sql(), Optional.empty());
            case Source.File f -> runFile(session, f.path());
          };
          if (!ok) return 1;
          if (session.quitRequested()) break;
        }
        return 0;
      }
      if (!stdinTerminal) {
        String script = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        return session.runScript(script, Optional.of("<stdin>")) ? 0 : 1;
      }
      return new Shell(session, out, err).run(banner());
    }
  }

  @Command(name = "demo", description = "Load the example data and run example queries, showing each query, its result and its timings.")
  int demo() throws IOException {
    Path script = Demo.script(Demo.home());
    try (Flern db = Flern.open(); FlernConnection conn = db.connect(); Session session = session(conn)) {
      session.setMode(OutputMode.BOX);
      if (!configure(session)) return 1;
      session.setTimer(true);
      session.setEcho(true);
      return runFile(session, script) ? 0 : 1;
    }
  }

  private Session session(FlernConnection conn) {
    Session s = new Session(conn, out, err, stderrTerminal, debug);
    s.setMode(mode);
    s.setTimer(timer);
    s.setEcho(echo);
    s.setMaxRows(maxRows);
    return s;
  }

  private boolean configure(Session session) {
    if (maxRows < 0) {
      err.println("Error: --max-rows must be 0 or more");
      return false;
    }
    return threads.map(session::setThreads).orElse(true);
  }

  private boolean runFile(Session session, Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      err.println("Error: cannot read " + path + ": " + Session.describe(e));
      return false;
    }
    return session.runScript(text, Optional.of(path.toString()));
  }

  private String banner() {
    return "Flern " + version() + ": SQL compiled to C++. Statements end with ';'. "
        + ".help for help, Ctrl-D to quit.\n";
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"flern " + version()};
    }
  }

  static final class ModeConverter implements CommandLine.ITypeConverter<OutputMode> {
    @Override
    public OutputMode convert(String value) {
      try {
        return OutputMode.parse(value);
      } catch (FlernException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
