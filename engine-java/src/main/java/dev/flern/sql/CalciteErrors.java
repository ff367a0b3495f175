package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.sql.SqlLexer.Token;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.ParseException;

/**
 * Calcite's errors as Flern reports them: "syntax error at line L, column C: ..." and "line L,
 * column C: ...", positions in the text the user wrote ({@link SourceText}), in PostgreSQL's words
 * where they differ, never a stack trace or a class name (the original is kept as the cause).
 */
final class CalciteErrors {
  private CalciteErrors() {}

  static FlernException syntaxError(SqlParseException e, SourceText source) {
    Optional<FlernException> precise = failingToken(e, source);
    if (precise.isPresent()) return precise.get();
    SqlParserPos pos = e.getPos();
    String sql = source.original();
    if (pos != null && endsAt(source, pos) && e.getMessage() != null && e.getMessage().startsWith("Incorrect syntax near the keyword"))
      // Babel's words for a statement that stops after a keyword ("SELECT a FROM").
      return new FlernException("syntax error at " + Positions.describe(sql, endOfText(sql)) + ": unexpected end of statement", e);
    String reason = firstLine(e.getMessage()).replaceAll(" at line \\d+, column \\d+", "").replaceAll("\\.$", "")
        .replaceAll("Encountered \"[^\"]*<EOF>\"", "unexpected end of statement");
    if (pos == null) return new FlernException("syntax error: " + reason, e);
    return new FlernException("syntax error at " + source.position(pos) + ": " + reason, e);
  }

  /**
   * The parser reports the tokens it looked ahead at ("Encountered ", ,"") from the first one; the
   * statement goes wrong at the last of them, which is where the error is reported here.
   */
  private static Optional<FlernException> failingToken(SqlParseException e, SourceText source) {
    if (!(e.getCause() instanceof ParseException pe) || pe.currentToken == null || e.getExpectedTokenSequences() == null)
      return Optional.empty();
    int lookahead = 1;
    for (int[] sequence : e.getExpectedTokenSequences()) lookahead = Math.max(lookahead, sequence.length);
    org.apache.calcite.sql.parser.babel.Token t = pe.currentToken;
    org.apache.calcite.sql.parser.babel.Token last = null;
    for (int i = 0; i < lookahead && t.next != null; i++) {
      t = t.next;
      last = t;
      if (t.kind == 0) break;
    }
    if (last == null) return Optional.empty();
    String reason = last.kind == 0 ? "unexpected end of statement" : "Encountered \"" + last.image + "\"";
    return Optional.of(new FlernException("syntax error at " + source.position(last.beginLine, last.beginColumn)
        + ": " + reason, e));
  }

  /** Whether the token at {@code pos} is the statement's last one. */
  private static boolean endsAt(SourceText source, SqlParserPos pos) {
    String sql = source.original();
    List<Token> tokens = SqlLexer.tokenize(sql);
    int last = tokens.size() - 2;
    if (last >= 0 && tokens.get(last).isSymbol(";")) last--;
    return last >= 0 && Positions.describe(sql, tokens.get(last).start()).equals(source.position(pos));
  }

  /** The offset just after the statement's last token, where "end of statement" is reported. */
  private static int endOfText(String sql) {
    List<Token> tokens = SqlLexer.tokenize(sql);
    int last = tokens.size() - 2;
    if (last >= 0 && tokens.get(last).isSymbol(";")) last--;
    return last >= 0 ? tokens.get(last).end() : 0;
  }

  private static String firstLine(String s) {
    if (s == null) return "invalid statement";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Calcite's wording for the most common mistakes, in PostgreSQL's. */
  private static String friendlier(String message) {
    return message
        .replaceFirst("^Object '([^']*)' not found$", "table \"$1\" does not exist")
        .replaceFirst("^Table '([^']*)' not found$", "table \"$1\" does not exist")
        .replaceFirst("^Column '([^']*)' not found in any table$", "column \"$1\" does not exist")
        .replaceFirst("^Column '([^']*)' not found in table '([^']*)'$", "column $2.$1 does not exist");
  }

  /** Calcite's errors, with their position when they have one, never a stack trace or a class name. */
  static FlernException translate(Throwable e, SourceText source) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FlernException f) return f;
      if (t instanceof CalciteContextException c) {
        String message = c.getCause() != null && c.getCause().getMessage() != null ? c.getCause().getMessage() : c.getMessage();
        return new FlernException(source.position(c.getPosLine(), c.getPosColumn()) + ": " + friendlier(message), e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CalciteException c && c.getMessage() != null) return new FlernException(c.getMessage(), e);
    }
    return new FlernException("internal error while planning the statement; please report it with the query", e);
  }
}
