package dev.flern.slt;

import dev.flern.slt.RecordResult.Status;
import dev.flern.slt.SltRecord.SortMode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a parsed script against a database and reports every record's outcome. */
public final class SltRunner {
  private static final Pattern HASH_LINE = Pattern.compile("(\\d+) values hashing to ([0-9a-fA-F]{32})");
  private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  };

  private final boolean stopOnFailure;
  private final PrintStream verbose;

  /** @param verbose where every record's outcome is printed as it runs, or null for silence */
  public SltRunner(boolean stopOnFailure, PrintStream verbose) {
    this.stopOnFailure = stopOnFailure;
    this.verbose = verbose;
  }

  public SltRunner() {
    this(false, null);
  }

  public FileReport run(SltScript script, SltDatabase db) {
    State st = new State(script.name(), db);
    st.block(script.records(), Map.of());
    return new FileReport(script.name(), st.results);
  }

  /** Per-file state: the settings records change as the file runs. */
  private final class State {
    final String file;
    final SltDatabase db;
    final List<RecordResult> results = new ArrayList<>();
    final Map<String, String> labels = new HashMap<>();
    int hashThreshold = 0;
    boolean skipMode = false;
    /** Set by halt, a failed require or stop-on-failure: every later record counts as skipped. */
    boolean skipRest = false;
    boolean stopped = false;

    State(String file, SltDatabase db) {
      this.file = file;
      this.db = db;
    }

    void block(List<SltRecord> records, Map<String, String> env) {
      for (SltRecord r : records) {
        if (stopped) return;
        one(r, env);
      }
    }

    void add(SltRecord r, Status status, String sql, String message) {
      RecordResult res = new RecordResult(file, r.line(), status, sql, message);
      results.add(res);
      if (verbose != null) verbose.println(status == Status.FAILED ? res.describe() : status + " " + res.location());
      if (status == Status.FAILED && stopOnFailure) stopped = true;
    }

    void one(SltRecord r, Map<String, String> env) {
      boolean conditionSkips = r.conditions().stream().anyMatch(c -> c.skips(db.name()));
      if (r instanceof SltRecord.Loop loop) {
        if (conditionSkips) skipAll(loop.body(), env, loop.values().size());
        else for (String v : loop.values()) {
          Map<String, String> inner = new HashMap<>(env);
          inner.put(loop.variable(), v);
          block(loop.body(), inner);
          if (stopped) return;
        }
        return;
      }
      boolean countable = r instanceof SltRecord.Statement || r instanceof SltRecord.Query
          || r instanceof SltRecord.Unknown;
      if (skipRest || conditionSkips) {
        if (countable) add(r, Status.SKIPPED, sqlOf(r, env), "");
        return;
      }
      switch (r) {
        case SltRecord.HashThreshold h -> hashThreshold = h.threshold();
        case SltRecord.Halt h -> skipRest = true;
        case SltRecord.Mode m -> skipMode = m.skip();
        case SltRecord.Require q -> {
          if (!db.features().contains(q.feature())) skipRest = true;
        }
        case SltRecord.Unknown u -> add(r, Status.FAILED, "", "cannot parse: " + u.text());
        case SltRecord.Statement s -> {
          if (skipMode) add(r, Status.SKIPPED, subst(s.sql(), env), "");
          else statement(s, env);
        }
        case SltRecord.Query q -> {
          if (skipMode) add(r, Status.SKIPPED, subst(q.sql(), env), "");
          else query(q, env);
        }
        case SltRecord.Loop l -> throw new AssertionError("handled above");
      }
    }

    void skipAll(List<SltRecord> body, Map<String, String> env, int times) {
      for (int i = 0; i < times; i++) {
        for (SltRecord r : body) {
          if (r instanceof SltRecord.Loop l) skipAll(l.body(), env, l.values().size());
          else if (r instanceof SltRecord.Statement || r instanceof SltRecord.Query) {
            add(r, Status.SKIPPED, sqlOf(r, env), "");
          }
        }
      }
    }

    void statement(SltRecord.Statement s, Map<String, String> env) {
      String sql = subst(s.sql(), env);
      try {
        db.execute(sql);
      } catch (Exception e) {
        String msg = messageOf(e);
        if (!s.expectError()) {
          add(s, Status.FAILED, sql, "statement failed: " + msg);
        } else if (s.expectedError().isPresent() && !msg.contains(subst(s.expectedError().get(), env))) {
          add(s, Status.FAILED, sql, "error message does not contain \"" + subst(s.expectedError().get(), env)
              + "\"\nactual message: " + msg);
        } else {
          add(s, Status.PASSED, sql, "");
        }
        return;
      }
      if (s.expectError()) add(s, Status.FAILED, sql, "statement succeeded but an error was expected"
          + s.expectedError().map(m -> " containing \"" + m + "\"").orElse(""));
      else add(s, Status.PASSED, sql, "");
    }

    void query(SltRecord.Query q, Map<String, String> env) {
      String sql = subst(q.sql(), env);
      int ncols = q.types().length();
      List<List<String>> rows;
      try {
        rows = db.query(sql, q.types());
      } catch (Exception e) {
        add(q, Status.FAILED, sql, "query failed: " + messageOf(e));
        return;
      }
      for (List<String> row : rows) {
        if (row.size() != ncols) {
          add(q, Status.FAILED, sql, "wrong number of columns: expected " + ncols + " (" + q.types()
              + "), got " + row.size());
          return;
        }
      }
      List<List<String>> actualRows = sortRows(rows, q.sort());
      List<String> actual = flatten(actualRows, q.sort());
      String actualHash = hash(actual);

      List<String> expectedLines = q.expected().stream().map(l -> subst(l, env)).toList();
      Optional<String> failure;
      Matcher m = expectedLines.size() == 1 ? HASH_LINE.matcher(expectedLines.get(0).strip()) : null;
      if (m != null && m.matches()) {
        String got = actual.size() + " values hashing to " + actualHash;
        failure = got.equalsIgnoreCase(expectedLines.get(0).strip()) ? Optional.empty()
            : Optional.of("expected: " + expectedLines.get(0).strip() + "\nactual:   " + got
                + (actual.size() <= 200 ? "\nactual values:\n" + String.join("\n", rowLines(actualRows)) : ""));
      } else {
        List<String> flatExpected = new ArrayList<>();
        for (String l : expectedLines) flatExpected.addAll(List.of(l.split("\t", -1)));
        List<List<String>> expectedRows = sortRows(group(flatExpected, ncols), q.sort());
        List<String> expected = flatten(expectedRows, q.sort());
        String hashNote = hashThreshold > 0 && actual.size() > hashThreshold
            ? "\nactual: " + actual.size() + " values hashing to " + actualHash : "";
        failure = expected.equals(actual) ? Optional.empty()
            : Optional.of(Diff.render(rowLines(expectedRows), rowLines(actualRows)) + hashNote);
      }
      if (failure.isEmpty() && q.label().isPresent()) {
        String prior = labels.putIfAbsent(q.label().get(), actualHash);
        if (prior != null && !prior.equals(actualHash)) {
          failure = Optional.of("result differs from earlier queries labelled " + q.label().get());
        }
      }
      if (failure.isPresent()) add(q, Status.FAILED, sql, failure.get());
      else add(q, Status.PASSED, sql, "");
    }
  }

  private static String sqlOf(SltRecord r, Map<String, String> env) {
    return switch (r) {
      case SltRecord.Statement s -> subst(s.sql(), env);
      case SltRecord.Query q -> subst(q.sql(), env);
      default -> "";
    };
  }

  static String subst(String s, Map<String, String> env) {
    if (env.isEmpty() || !s.contains("${")) return s;
    for (Map.Entry<String, String> e : env.entrySet()) s = s.replace("${" + e.getKey() + "}", e.getValue());
    return s;
  }

  private static String messageOf(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    // Some drivers wrap the engine's message; keep the causes' messages searchable too.
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) sb.append(" / ").append(c.getMessage());
    }
    return sb.toString();
  }

  private static List<List<String>> sortRows(List<List<String>> rows, SortMode mode) {
    if (mode != SortMode.ROWSORT) return rows;
    List<List<String>> sorted = new ArrayList<>(rows);
    sorted.sort(ROW_ORDER);
    return sorted;
  }

  private static List<String> flatten(List<List<String>> rows, SortMode mode) {
    List<String> out = new ArrayList<>();
    for (List<String> r : rows) out.addAll(r);
    if (mode == SortMode.VALUESORT) out.sort(Comparator.naturalOrder());
    return out;
  }

  private static List<List<String>> group(List<String> values, int ncols) {
    List<List<String>> rows = new ArrayList<>();
    int n = Math.max(ncols, 1);
    for (int i = 0; i < values.size(); i += n) rows.add(values.subList(i, Math.min(values.size(), i + n)));
    return rows;
  }

  private static List<String> rowLines(List<List<String>> rows) {
    return rows.stream().map(r -> String.join("\t", r)).toList();
  }

  /** SQLite's result hash: MD5 of every value followed by a newline, lower-case hex. */
  public static String hash(List<String> values) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      for (String v : values) {
        md.update(v.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
