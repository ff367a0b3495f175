package dev.flern.sql;

import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Quotes the words that Calcite's Babel grammar reserves but PostgreSQL does not, where they are
 * used as names: {@code SELECT date FROM t} reaches Calcite as {@code SELECT "date" FROM t}, as
 * PostgreSQL reads it (unquoted names fold to lower case, so the quoted lower-case word is the same
 * name). Where such a word is the keyword ({@code DATE '1995-03-15'}, {@code CAST(x AS DATE)},
 * {@code x::date}, {@code FETCH NEXT}, {@code CURRENT ROW}, {@code WITH TIME ZONE}, a call
 * {@code f(}) it is left alone. Positions are mapped back through {@link SourceText}.
 */
final class QuotedNames {
  /**
   * Babel's reserved words that PostgreSQL lets one use as a column or table name, minus those
   * that are part of syntax whose keyword use cannot be told from a name by the tokens around them
   * (ROW, ROWS, RANGE, PARTITION, OVER, VALUES, SET, INTERVAL, GROUPING, ROLLUP).
   */
  private static final Set<String> WORDS = Set.of(
      "date", "time", "timestamp", "current", "next", "new", "ordinal", "pattern", "define", "measure", "skip",
      "snapshot", "stream", "call", "uuid", "variant", "volatile", "unsigned", "datetime", "dateadd", "datediff",
      "datepart", "date_part", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
  private static final Set<String> CASTS = Set.of("cast", "try_cast", "safe_cast");

  private QuotedNames() {}

  static SourceText apply(String sql) {
    List<Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<Integer> inserted = new ArrayList<>();
    // For each open parenthesis: whether it opened a CAST(...), where "AS type" names a type.
    Deque<Boolean> castParens = new ArrayDeque<>();
    int copied = 0;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isSymbol("(")) castParens.push(i > 0 && tokens.get(i - 1).kind() == Kind.WORD
          && CASTS.contains(tokens.get(i - 1).lower()));
      if (t.isSymbol(")") && !castParens.isEmpty()) castParens.pop();
      int close = arrayTypeEnd(tokens, i, castParens);
      if (close > i) {
        // CAST(x AS FLOAT[3]), x::FLOAT[3]: Calcite has no fixed-length array types, so the whole
        // type reaches it as one quoted (user-defined) type name that TypeNames resolves.
        out.append(sql, copied, t.start());
        inserted.add(out.length());
        out.append('"').append(sql, t.start(), tokens.get(close).end());
        inserted.add(out.length());
        out.append('"');
        copied = tokens.get(close).end();
        i = close;
        continue;
      }
      if (t.kind() != Kind.WORD || !WORDS.contains(t.lower()) || isKeyword(tokens, i, castParens)) continue;
      out.append(sql, copied, t.start());
      inserted.add(out.length());
      out.append('"').append(t.lower());
      inserted.add(out.length());
      out.append('"');
      copied = t.end();
    }
    if (inserted.isEmpty()) return SourceText.unchanged(sql);
    out.append(sql, copied, sql.length());
    return new SourceText(sql, out.toString(), inserted.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The index of the "]" of a type {@code name[n]} starting at token i of a cast target; else -1. */
  private static int arrayTypeEnd(List<Token> tokens, int i, Deque<Boolean> castParens) {
    Token t = tokens.get(i);
    if (t.kind() != Kind.WORD || i == 0 || !tokens.get(i + 1).isSymbol("[")) return -1;
    Token prev = tokens.get(i - 1);
    boolean target = prev.isSymbol("::") || (prev.isWord("AS") && !castParens.isEmpty() && castParens.peek());
    if (!target) return -1;
    int j = i + 2;
    if (j < tokens.size() && tokens.get(j).kind() == Kind.NUMBER) j++;
    return j < tokens.size() && tokens.get(j).isSymbol("]") ? j : -1;
  }

  private static boolean isKeyword(List<Token> tokens, int i, Deque<Boolean> castParens) {
    Token t = tokens.get(i);
    Token prev = i > 0 ? tokens.get(i - 1) : null;
    Token next = tokens.get(i + 1);
    if (prev == null) return true;
    // INSERT INTO new (a, b): a table name before its column list.
    if (prev.isWord("INTO")) return false;
    if (next.isSymbol("(") || next.kind() == Kind.STRING) return true;
    // A type: x::date, CAST(x AS date), TIMESTAMP WITH TIME ZONE.
    if (prev.isSymbol("::")) return true;
    if (prev.isWord("AS") && !castParens.isEmpty() && castParens.peek()) return true;
    String w = t.lower();
    if (w.equals("time") && (prev.isWord("WITH") || prev.isWord("WITHOUT") || prev.isWord("AT"))) return true;
    if (w.equals("next")) return prev.isWord("FETCH");
    if (w.equals("current")) return next.isWord("ROW");
    return false;
  }
}
