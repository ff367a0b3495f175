package dev.flern.slt;

import dev.flern.slt.SltRecord.Condition;
import dev.flern.slt.SltRecord.SortMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses SQLite's sqllogictest format with DuckDB's extensions. A record is a header line followed
 * by lines up to the next blank line; {@code ----} separates a query's SQL from its expected results
 * (and, for {@code statement error}, the SQL from the expected message).
 */
public final class SltParser {
  private final String name;
  private final List<String> lines;
  private int pos;

  private SltParser(String name, String text) {
    this.name = name;
    this.lines = text.lines().map(SltParser::stripCr).toList();
  }

  public static SltScript parse(String name, String text) {
    SltParser p = new SltParser(name, text);
    List<SltRecord> records = p.parseBlock(false);
    return new SltScript(name, records);
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** Parses records until the end of the text or, inside a loop, its {@code endloop}. */
  private List<SltRecord> parseBlock(boolean inLoop) {
    List<SltRecord> out = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    while (pos < lines.size()) {
      String raw = lines.get(pos);
      int lineNo = pos + 1;
      String line = raw.strip();
      pos++;
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] tok = line.split("\\s+");
      switch (tok[0]) {
        case "skipif", "onlyif" -> {
          if (tok.length < 2) {
            out.add(new SltRecord.Unknown(lineNo, List.copyOf(conditions), line));
          } else {
            conditions.add(new Condition(tok[0].equals("onlyif"), tok[1]));
          }
          continue;
        }
        case "endloop", "endfor" -> {
          if (inLoop) return out;
          out.add(new SltRecord.Unknown(lineNo, List.copyOf(conditions), line + " without a loop"));
        }
        case "statement" -> out.add(statement(lineNo, conditions, tok, line));
        case "query" -> out.add(query(lineNo, conditions, tok, line));
        case "hash-threshold" -> out.add(tok.length == 2 && tok[1].matches("\\d+")
            ? new SltRecord.HashThreshold(lineNo, List.copyOf(conditions), Integer.parseInt(tok[1]))
            : new SltRecord.Unknown(lineNo, List.copyOf(conditions), line));
        case "halt" -> out.add(new SltRecord.Halt(lineNo, List.copyOf(conditions)));
        case "require" -> out.add(new SltRecord.Require(lineNo, List.copyOf(conditions),
            tok.length > 1 ? tok[1] : ""));
        case "mode" -> out.add(tok.length == 2 && (tok[1].equals("skip") || tok[1].equals("unskip"))
            ? new SltRecord.Mode(lineNo, List.copyOf(conditions), tok[1].equals("skip"))
            : new SltRecord.Unknown(lineNo, List.copyOf(conditions), line));
        case "loop" -> {
          List<Condition> conds = List.copyOf(conditions);
          if (tok.length != 4 || !tok[2].matches("-?\\d+") || !tok[3].matches("-?\\d+")) {
            out.add(new SltRecord.Unknown(lineNo, conds, line));
          } else {
            List<String> values = new ArrayList<>();
            for (long v = Long.parseLong(tok[2]); v < Long.parseLong(tok[3]); v++) values.add(Long.toString(v));
            out.add(new SltRecord.Loop(lineNo, conds, tok[1], values, parseBlock(true)));
          }
        }
        case "foreach" -> {
          List<Condition> conds = List.copyOf(conditions);
          if (tok.length < 3) {
            out.add(new SltRecord.Unknown(lineNo, conds, line));
          } else {
            List<String> values = List.of(tok).subList(2, tok.length);
            out.add(new SltRecord.Loop(lineNo, conds, tok[1], values, parseBlock(true)));
          }
        }
        default -> {
          out.add(new SltRecord.Unknown(lineNo, List.copyOf(conditions), line));
          skipToBlank();
        }
      }
      conditions.clear();
    }
    if (inLoop) {
      out.add(new SltRecord.Unknown(lines.size(), List.of(), "loop without endloop in " + name));
    }
    return out;
  }

  private SltRecord statement(int lineNo, List<Condition> conditions, String[] tok, String line) {
    List<Condition> conds = List.copyOf(conditions);
    if (tok.length < 2 || !(tok[1].equals("ok") || tok[1].equals("error"))) {
      skipToBlank();
      return new SltRecord.Unknown(lineNo, conds, line);
    }
    boolean error = tok[1].equals("error");
    String sql = String.join("\n", takeUntilBlankOrSeparator());
    Optional<String> message = Optional.empty();
    if (pos < lines.size() && lines.get(pos).strip().equals("----")) {
      pos++;
      List<String> msg = takeUntilBlank();
      if (!msg.isEmpty()) message = Optional.of(String.join("\n", msg));
    }
    return new SltRecord.Statement(lineNo, conds, sql, error, message);
  }

  private SltRecord query(int lineNo, List<Condition> conditions, String[] tok, String line) {
    List<Condition> conds = List.copyOf(conditions);
    if (tok.length < 2) {
      skipToBlank();
      return new SltRecord.Unknown(lineNo, conds, line);
    }
    String types = tok[1];
    SortMode sort = SortMode.NOSORT;
    Optional<String> label = Optional.empty();
    int i = 2;
    if (i < tok.length) {
      switch (tok[i]) {
        case "nosort" -> { sort = SortMode.NOSORT; i++; }
        case "rowsort" -> { sort = SortMode.ROWSORT; i++; }
        case "valuesort" -> { sort = SortMode.VALUESORT; i++; }
        default -> { }
      }
    }
    if (i < tok.length) label = Optional.of(tok[i]);
    String sql = String.join("\n", takeUntilBlankOrSeparator());
    List<String> expected = List.of();
    if (pos < lines.size() && lines.get(pos).strip().equals("----")) {
      pos++;
      expected = takeUntilBlank();
    }
    return new SltRecord.Query(lineNo, conds, sql, types, sort, label, expected);
  }

  private List<String> takeUntilBlankOrSeparator() {
    List<String> out = new ArrayList<>();
    while (pos < lines.size() && !lines.get(pos).isBlank() && !lines.get(pos).strip().equals("----")) {
      out.add(lines.get(pos++));
    }
    return out;
  }

  private List<String> takeUntilBlank() {
    List<String> out = new ArrayList<>();
    while (pos < lines.size() && !lines.get(pos).isBlank()) out.add(lines.get(pos++));
    return out;
  }

  private void skipToBlank() {
    while (pos < lines.size() && !lines.get(pos).isBlank()) pos++;
  }
}
