package dev.flern.cli;

import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A spinner with the elapsed time on stderr while a statement runs longer than half a second (a
 * first query spends that long starting Calcite and compiling C++; a big COPY longer). It draws on
 * one line with carriage returns and erases that line when the statement ends, so it never mixes
 * with results. Only for a terminal: in a log file it would be noise.
 */
final class Progress implements AutoCloseable {
  static final long DELAY_MILLIS = 500;
  private static final long TICK_MILLIS = 100;
  private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

  private final PrintStream err;
  private final long start = System.nanoTime();
  private final ScheduledFuture<?> task;
  private int frame;
  private boolean shown;
  private boolean closed;

  private Progress(PrintStream err, ScheduledExecutorService timer) {
    this.err = err;
    this.task = timer.scheduleAtFixedRate(this::tick, DELAY_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  static Progress start(PrintStream err, ScheduledExecutorService timer) {
    return new Progress(err, timer);
  }

  private synchronized void tick() {
    if (closed) return;
    double seconds = (System.nanoTime() - start) / 1e9;
    char f = FRAMES.charAt(frame++ % FRAMES.length());
    err.printf("\r%c running… %.1f s", f, seconds);
    err.flush();
    shown = true;
  }

  @Override
  public synchronized void close() {
    closed = true;
    task.cancel(false);
    if (shown) {
      err.print("\r\033[2K"); // back to the line start, erase the line
      err.flush();
    }
  }
}
