package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import java.util.List;

/** Walks the tokens of a statement Flern parses itself; errors carry the token's position. */
final class TokenCursor {
  private final String sql;
  private final List<Token> tokens;
  private int pos;

  TokenCursor(String sql, List<Token> tokens, int start) {
    this.sql = sql;
    this.tokens = tokens;
    this.pos = start;
  }

  String sql() {
    return sql;
  }

  Token peek() {
    return tokens.get(pos);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) pos++;
    return t;
  }

  int index() {
    return pos;
  }

  boolean atEnd() {
    return peek().kind() == Kind.EOF;
  }

  boolean acceptWord(String word) {
    if (peek().isWord(word)) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code words} when the next tokens are exactly these words (IF NOT EXISTS). */
  boolean acceptWords(String... words) {
    for (int i = 0; i < words.length; i++) if (!peek(i).isWord(words[i])) return false;
    for (int i = 0; i < words.length; i++) next();
    return true;
  }

  boolean acceptSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) throw error(peek(), "expected \"" + symbol + "\"");
  }

  void expectWord(String word) {
    if (!acceptWord(word)) throw error(peek(), "expected " + word);
  }

  /** A name: an unquoted word (folded to lower case, as Calcite is configured) or a quoted one. */
  String name(String what) {
    Token t = next();
    if (t.kind() == Kind.WORD) return t.lower();
    if (t.kind() == Kind.QUOTED_ID) return t.value();
    throw error(t, "expected " + what);
  }

  String string(String what) {
    Token t = next();
    if (t.kind() != Kind.STRING) throw error(t, "expected " + what + " as a string literal");
    return t.value();
  }

  void expectEnd() {
    if (!atEnd()) throw error(peek(), "unexpected \"" + peek().text() + "\"");
  }

  FlernException error(Token at, String reason) {
    String found = at.kind() == Kind.EOF ? "end of statement" : "\"" + at.text() + "\"";
    return new FlernException("syntax error at " + Positions.describe(sql, at.start()) + ": " + reason
        + ", found " + found);
  }
}
