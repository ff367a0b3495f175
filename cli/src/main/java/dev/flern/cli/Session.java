package dev.flern.cli;

import dev.flern.FlernConnection;
import dev.flern.FlernException;
import dev.flern.Result;
import dev.flern.SqlType;
import dev.flern.cli.format.OutputMode;
import dev.flern.cli.format.Tabular;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shell's state on one connection: output mode, timer, echo, and the
 * code that runs statements and dot commands and prints what they return. The interactive shell,
 * {@code -c}, {@code -f}, {@code .read} and the demo all go through {@link #run}.
 */
public final class Session implements AutoCloseable {
  /** How deep {@code .read} may nest: a script that reads itself must fail, not overflow. */
  static final int MAX_READ_DEPTH = 16;

  private final FlernConnection conn;
  private final PrintStream out;
  private final PrintStream err;
  private final StatementRunner runner;
  private final boolean debug;
  private OutputMode mode = OutputMode.BOX;
  private boolean timer;
  private boolean echo;
  private boolean echoedBefore;
  private long maxRows = 40;
  private boolean quit;
  private int readDepth;
  // The engine has no catalog query yet; every table of this in-memory database was created through
  // this session, so the shell keeps their names itself.

  /**
   * @param progress show a spinner on {@code err} while a statement runs long
   * @param debug print stack traces of unexpected errors
   */
  public Session(FlernConnection conn, PrintStream out, PrintStream err, boolean progress, boolean debug) {
    this.conn = conn;
    this.out = out;
    this.err = err;
    this.runner = new StatementRunner(err, progress);
    this.debug = debug;
  }

  public void setMode(OutputMode mode) {
    this.mode = mode;
  }

  public OutputMode mode() {
    return mode;
  }

  public void setTimer(boolean on) {
    timer = on;
  }

  public void setEcho(boolean on) {
    echo = on;
  }

  public void setMaxRows(long rows) {
    maxRows = rows;
  }

  /** {@code SET threads = n} without a status line; false (error reported) when the engine refuses. */
  public boolean setThreads(int n) {
    try {
      conn.execute("SET threads = " + n);
      return true;
    } catch (FlernException e) {
      err.println("Error: " + e.getMessage());
      return false;
    }
  }

  /** True after {@code .quit}: the caller stops reading input. */
  public boolean quitRequested() {
    return quit;
  }

  /** Ctrl-C; true when the user insists on quitting while a statement cannot be stopped. */
  public boolean interrupt() {
    return runner.interrupt();
  }

  /**
   * Runs a script of statements and dot commands in order, stopping at the first error (reported on
   * stderr) or at {@code .quit}.
   *
   * @param source the file the script came from, named in error messages
   * @return false when a statement or command failed
   */
  public boolean runScript(String script, Optional<String> source) {
    ScriptReader reader = new ScriptReader();
    String[] lines = script.split("\r?\n", -1);
    for (String line : lines) {
      for (Input in : reader.addLine(line)) {
        if (!run(in, source)) return false;
        if (quit) return true;
      }
    }
    for (Input in : reader.finish()) {
      if (!run(in, source)) return false;
      if (quit) return true;
    }
    return true;
  }

  /** Runs one statement or dot command; reports an error and returns false when it fails. */
  public boolean run(Input in, Optional<String> source) {
    runner.resetCancel();
    try {
      switch (in) {
        case Input.Sql s -> sql(s.text());
        case Input.Dot d -> dot(DotCommandParser.parse(d.text()));
      }
      return true;
    } catch (ScriptFailed e) {
      return false; // a nested .read already reported it
    } catch (FlernException e) {
      if (runner.cancelRequested()) report(debug ? "cancelled (" + e.getMessage() + ")" : "cancelled", in, source);
      else report(e.getMessage(), in, source);
    } catch (StackOverflowError e) {
      report("the statement is nested too deeply to analyse", in, source);
    } catch (OutOfMemoryError e) {
      report("out of Java heap memory (raise -Xmx, or set FLERN_JAVA_OPTS for ./flern)", in, source);
    } catch (Throwable e) {
      // Anything else is a bug in Flern; say so, and keep the shell alive.
      report("internal error: " + e, in, source);
      if (debug) e.printStackTrace(err);
    } finally {
      out.flush();
      err.flush();
    }
    return false;
  }

  private void report(String message, Input in, Optional<String> source) {
    out.flush();
    err.println("Error: " + (message == null || message.isBlank() ? "unknown error" : message));
    source.ifPresent(s -> err.println("  at " + s + ":" + in.line()));
  }

  private void sql(String sql) throws Throwable {
    if (echo) echo(sql + ";");
    Result r = runner.run(() -> conn.execute(sql));
    StatementKind kind = StatementKind.of(sql);
    if (r.isQuery()) {
      if (kind == StatementKind.EXPLAIN && !mode.isMachineReadable()) printLines(r);
      else mode.formatter(maxRows).write(Tabular.of(r), out);
    } else {
      if (!mode.isMachineReadable()) out.println(status(kind, r.updateCount()));
    }
    if (timer) (mode.isMachineReadable() ? err : out).println(TimerLine.of(r.timings()));
  }

  private void echo(String text) {
    if (echoedBefore) out.println();
    echoedBefore = true;
    out.println(text);
  }

  /** The line the shell prints after a statement that returns no rows. */
  static String status(StatementKind kind, long count) {
    String rows = count + (count == 1 ? " row" : " rows");
    return switch (kind) {
      case INSERT -> rows + " inserted";
      case COPY -> rows + " loaded";
      case CREATE -> count > 0 ? rows + " inserted" : "OK";
      default -> "OK";
    };
  }

  private void printLines(Result r) {
    StringBuilder b = new StringBuilder();
    for (long i = 0; i < r.rowCount(); i++) b.append(r.get(i, 0)).append('\n');
    out.print(b);
  }

  private void dot(DotCommand c) throws Throwable {
    switch (c) {
      case DotCommand.Help h -> out.print(DotCommandParser.HELP);
      case DotCommand.Quit q -> quit = true;
      case DotCommand.Mode m -> {
        if (m.mode().isPresent()) mode = m.mode().get();
        else out.println(mode);
      }
      case DotCommand.Timer t -> timer = t.on();
      case DotCommand.Echo e -> echo = e.on();
      case DotCommand.MaxRows m -> maxRows = m.rows();
      case DotCommand.Tables t -> {
        List<List<Object>> rows = new ArrayList<>();
        for (String name : conn.tables()) rows.add(List.of(name));
        mode.formatter(0).write(Tabular.of(List.of("name"), List.of(SqlType.VARCHAR), rows), out);
      }
      case DotCommand.Models m -> mode.formatter(0).write(Tabular.of(runner.run(() -> conn.execute("SHOW MODELS"))), out);
      case DotCommand.Code q -> printLines(runner.run(() -> conn.execute("EXPLAIN (CODE) " + q.query())));
      case DotCommand.Explain q -> printLines(runner.run(() -> conn.execute("EXPLAIN " + q.query())));
      case DotCommand.Read r -> read(r.path());
    }
  }

  private void read(String file) {
    if (readDepth >= MAX_READ_DEPTH)
      throw new FlernException(".read is nested more than " + MAX_READ_DEPTH + " deep (does a script read itself?)");
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new FlernException("cannot read " + file + ": " + describe(e));
    }
    readDepth++;
    try {
      if (!runScript(text, Optional.of(file))) throw new ScriptFailed();
    } finally {
      readDepth--;
    }
  }

  static String describe(Exception e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException x -> "no such file";
      case java.nio.file.AccessDeniedException x -> "permission denied";
      case java.nio.charset.MalformedInputException x -> "not UTF-8 text";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }

  /** A script run by {@code .read} failed; its error is already on stderr. */
  private static final class ScriptFailed extends RuntimeException {
    ScriptFailed() {
      super(null, null, false, false);
    }
  }

  @Override
  public void close() {
    runner.close();
  }
}
