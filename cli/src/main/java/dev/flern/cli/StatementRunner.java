package dev.flern.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each statement on one worker thread while the calling thread waits, shows progress, and
 * takes Ctrl-C. The worker has a large stack because Calcite's planner recurses once per nesting
 * level of an expression: a deeply nested query must end in an error message, not a crashed shell.
 */
final class StatementRunner implements AutoCloseable {
  private static final long STACK_BYTES = 64L << 20;

  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(null, r, "flern-statement", STACK_BYTES);
    t.setDaemon(true);
    return t;
  });
  private final Optional<ScheduledExecutorService> progressTimer;
  private final PrintStream err;
  private volatile Thread running;
  private final AtomicInteger interrupts = new AtomicInteger();

  /** @param progress show a spinner on {@code err} for long statements (when it is a terminal) */
  StatementRunner(PrintStream err, boolean progress) {
    this.err = err;
    this.progressTimer = progress
        ? Optional.of(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flern-progress");
            t.setDaemon(true);
            return t;
          }))
        : Optional.empty();
  }

  /** Runs {@code work} and returns its value, or throws what it threw (errors included). */
  <T> T run(Callable<T> work) throws Throwable {
    interrupts.set(0);
    Future<T> f = worker.submit(() -> {
      Thread.interrupted(); // a late Ctrl-C for the previous statement must not hit this one
      running = Thread.currentThread();
      try {
        return work.call();
      } finally {
        running = null;
      }
    });
    Optional<Progress> p = progressTimer.map(t -> Progress.start(err, t));
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          // The waiting thread is never interrupted on purpose; keep waiting for the statement.
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      }
    } finally {
      p.ifPresent(Progress::close);
    }
  }

  /**
   * Ctrl-C while a statement runs. The first asks the statement to stop: that ends it while it
   * compiles or reads a file; compiled code, once running, cannot be stopped from outside yet. So
   * the second press explains, and the third returns true: the caller then exits the process.
   */
  boolean interrupt() {
    Thread t = running;
    if (t == null) return false;
    int n = interrupts.incrementAndGet();
    if (n == 1) {
      t.interrupt();
      err.println(" cancelling…"); // the terminal has echoed ^C already
    } else if (n == 2) {
      err.println(" the statement is running compiled code, which cannot be stopped yet; Ctrl-C once more quits flern");
    } else {
      return true;
    }
    err.flush();
    return false;
  }

  /**
   * Whether Ctrl-C was pressed during the last statement. Its error, if it failed, is then a
   * consequence of the cancel (Ctrl-C also stops the C++ compiler, which shares the terminal's
   * process group) and is best reported as such.
   */
  boolean cancelRequested() {
    return interrupts.get() > 0;
  }

  /** Forgets a Ctrl-C of an earlier statement. */
  void resetCancel() {
    interrupts.set(0);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    progressTimer.ifPresent(ExecutorService::shutdownNow);
  }
}
