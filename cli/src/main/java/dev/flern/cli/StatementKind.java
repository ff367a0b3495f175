package dev.flern.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What kind of statement a piece of SQL is, from its first words: the shell words its messages by
 * it ("3 rows inserted"). The engine has already
 * accepted the statement when these are asked, so a light look at the leading words is enough.
 */
public enum StatementKind {
  QUERY, EXPLAIN, INSERT, COPY, CREATE, DROP, SET, OTHER;

  public static StatementKind of(String sql) {
    List<Word> w = words(sql, 1);
    if (w.isEmpty() || w.get(0).quoted()) return OTHER;
    return switch (w.get(0).upper()) {
      case "SELECT", "WITH", "VALUES", "TABLE" -> QUERY;
      case "EXPLAIN" -> EXPLAIN;
      case "INSERT" -> INSERT;
      case "COPY" -> COPY;
      case "CREATE" -> CREATE;
      case "DROP" -> DROP;
      case "SET" -> SET;
      default -> OTHER;
    };
  }

  record Word(String text, boolean quoted) {
    boolean is(String keyword) {
      return !quoted && text.equalsIgnoreCase(keyword);
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  /** Up to {@code max} leading words and quoted identifiers, skipping comments and opening parentheses. */
  static List<Word> words(String sql, int max) {
    List<Word> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n && out.size() < max) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || (c == '(' && out.isEmpty())) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int e = sql.indexOf('\n', i);
        i = e < 0 ? n : e + 1;
      } else if (sql.startsWith("/*", i)) {
        int e = sql.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else if (c == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < n) {
          if (sql.charAt(i) == '"') {
            if (i + 1 < n && sql.charAt(i + 1) == '"') {
              b.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          b.append(sql.charAt(i++));
        }
        out.add(new Word(b.toString(), true));
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        out.add(new Word(sql.substring(s, i), false));
      } else {
        break; // any other symbol ends the leading words
      }
    }
    return out;
  }
}
