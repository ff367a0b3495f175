package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.csv.CsvOptions;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import dev.flern.storage.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The statements Flern parses itself: SET and COPY. */
final class OwnStatements {
  private OwnStatements() {}

  /** SET [SESSION|LOCAL|GLOBAL] name (= | TO) value; the value as text, quotes removed. */
  static Statement set(String sql, List<Token> tokens) {
    TokenCursor c = new TokenCursor(sql, tokens, 1);
    if (c.peek(1).kind() == Kind.WORD && (c.peek().isWord("SESSION") || c.peek().isWord("LOCAL") || c.peek().isWord("GLOBAL")))
      c.next();
    StringBuilder name = new StringBuilder(c.name("a setting name"));
    while (c.acceptSymbol(".")) name.append('.').append(c.name("a setting name"));
    if (!c.acceptSymbol("=") && !c.acceptWord("TO")) throw c.error(c.peek(), "expected = or TO");
    Token first = c.peek();
    if (first.kind() == Kind.EOF) throw c.error(first, "expected a value");
    String value;
    if (first.kind() == Kind.STRING && c.peek(1).kind() == Kind.EOF) {
      value = first.value();
    } else {
      value = sql.substring(first.start(), tokens.get(tokens.size() - 1).start()).strip();
    }
    return new Statement.SetOption(name.toString(), value);
  }

  /**
   * COPY table [(columns)] FROM 'path' [[WITH] (option [value], ...)], also PostgreSQL's older
   * options without parentheses. HEADER defaults to false, as in PostgreSQL: a file has a header
   * only when the statement says so.
   */
  static Statement copy(String sql, List<Token> tokens, Function<String, Optional<Schema>> tables) {
    TokenCursor c = new TokenCursor(sql, tokens, 1);
    Token nameToken = c.peek();
    if (nameToken.isSymbol("(")) throw new FlernException("not supported yet: COPY (query) TO");
    String table = c.name("a table name");
    if (c.peek().isSymbol(".")) throw c.error(c.peek(), "schema-qualified table names are not supported yet");
    Schema schema = tables.apply(table).orElseThrow(() -> new FlernException(
        Positions.describe(sql, nameToken.start()) + ": table \"" + table + "\" does not exist"));
    if (c.acceptSymbol("(")) {
      List<String> cols = new ArrayList<>();
      do cols.add(c.name("a column name")); while (c.acceptSymbol(","));
      c.expectSymbol(")");
      List<String> all = schema.columns().stream().map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).toList();
      if (!cols.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList().equals(all))
        throw new FlernException("not supported yet: COPY into a subset or reordering of the table's columns");
    }
    if (c.peek().isWord("TO")) throw new FlernException("not supported yet: COPY ... TO");
    c.expectWord("FROM");
    String path = c.string("the file path");
    CsvOptions pgDefaults = new CsvOptions(false, ',', '"', "", Optional.empty());
    CsvOptionParser options = new CsvOptionParser(pgDefaults);
    c.acceptWord("WITH");
    if (c.acceptSymbol("(")) {
      do option(c, options, true); while (c.acceptSymbol(","));
      c.expectSymbol(")");
    } else {
      while (!c.atEnd()) option(c, options, false);
    }
    c.expectEnd();
    options.setColumns(schema);
    return new Statement.Copy(table, path, options.build());
  }

  private static void option(TokenCursor c, CsvOptionParser options, boolean parenthesised) {
    Token name = c.next();
    if (name.kind() != Kind.WORD) throw c.error(name, "expected a COPY option");
    if (name.isWord("DELIMITER") || name.isWord("NULL") || name.isWord("QUOTE")) c.acceptWord("AS");
    Token v = c.peek();
    // Inside parentheses a word after the name is its value (FORMAT csv, HEADER true); in the old
    // unparenthesised form only a boolean is, since the next word may be the next option.
    boolean hasValue = v.kind() == Kind.STRING || v.kind() == Kind.NUMBER
        || (v.kind() == Kind.WORD && (parenthesised || isBoolWord(v)));
    Optional<Token> value = hasValue ? Optional.of(c.next()) : Optional.empty();
    if (!options.apply(c, name, value)) throw c.error(name, "COPY option " + name.text() + " is not supported");
  }

  private static boolean isBoolWord(Token t) {
    return t.isWord("true") || t.isWord("false") || t.isWord("on") || t.isWord("off");
  }
}
