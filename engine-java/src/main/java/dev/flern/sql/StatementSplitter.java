package dev.flern.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at semicolons that are outside string literals, quoted
 * identifiers and comments. Statements that hold only whitespace and comments are dropped.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /** The statements of {@code script}, without their semicolons. */
  public static List<String> split(String script) {
    return scan(script).statements;
  }

  /**
   * True when {@code text} holds at least one statement and ends with a finished one: the shell
   * keeps reading lines until this holds.
   */
  public static boolean isComplete(String text) {
    Scan s = scan(text);
    return !s.statements.isEmpty() && !s.open && !s.trailing;
  }

  private record Scan(List<String> statements, boolean open, boolean trailing) {}

  private static Scan scan(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean content = false;
    boolean open = false;
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n) {
          if (script.charAt(end) == c) {
            if (end + 1 < n && script.charAt(end + 1) == c) end += 2; // a doubled quote inside
            else break;
          } else end++;
        }
        if (end >= n) open = true;
        cur.append(script, i, Math.min(n, end + 1));
        content = true;
        i = end;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        if (end < 0) end = n;
        cur.append(script, i, end);
        i = end - 1;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          open = true;
          end = n;
        } else end += 2;
        cur.append(script, i, end);
        i = end - 1;
      } else if (c == ';') {
        if (content) out.add(cur.toString().trim());
        cur.setLength(0);
        content = false;
      } else {
        cur.append(c);
        if (!Character.isWhitespace(c)) content = true;
      }
    }
    if (content) out.add(cur.toString().trim());
    return new Scan(out, open, content);
  }
}
