package dev.flern.sql;

import dev.flern.FlernException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL tokenizer for the statements Calcite does not parse (COPY, SET, the EXPLAIN prefix,
 * read_csv calls). It knows just enough to skip strings, quoted identifiers and comments correctly,
 * and keeps each token's offsets so that the rest of the text can go to Calcite with its positions
 * unchanged (recognised parts are blanked, not cut).
 */
final class SqlLexer {
  enum Kind { WORD, QUOTED_ID, STRING, NUMBER, SYMBOL, EOF }

  /** {@code value} is the unquoted text for strings and quoted identifiers, else the raw text. */
  record Token(Kind kind, String text, String value, int start, int end) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String lower() {
      return value.toLowerCase(Locale.ROOT);
    }
  }

  private SqlLexer() {}

  static List<Token> tokenize(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"') {
        int start = i;
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n)
            throw new FlernException(Positions.describe(sql, start) + ": unterminated "
                + (c == '\'' ? "string literal" : "quoted identifier"));
          char d = sql.charAt(i);
          if (d == c) {
            if (i + 1 < n && sql.charAt(i + 1) == c) {
              value.append(c);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value.append(d);
          i++;
        }
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_ID, sql.substring(start, i),
            value.toString(), start, i));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        String text = sql.substring(start, i);
        out.add(new Token(Kind.WORD, text, text, start, i));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
        String text = sql.substring(start, i);
        out.add(new Token(Kind.NUMBER, text, text, start, i));
      } else {
        int start = i;
        String two = i + 1 < n ? sql.substring(i, i + 2) : "";
        i += switch (two) {
          case "=>", ":=", "::", "<=", ">=", "<>", "!=", "||" -> 2;
          default -> 1;
        };
        String text = sql.substring(start, i);
        out.add(new Token(Kind.SYMBOL, text, text, start, i));
      }
    }
    out.add(new Token(Kind.EOF, "", "", n, n));
    return out;
  }

  /** The text with [start, end) replaced by spaces (newlines kept), so positions after it stay valid. */
  static String blank(String sql, int start, int end) {
    StringBuilder b = new StringBuilder(sql);
    for (int i = start; i < end; i++) {
      if (b.charAt(i) != '\n' && b.charAt(i) != '\r') b.setCharAt(i, ' ');
    }
    return b.toString();
  }
}
