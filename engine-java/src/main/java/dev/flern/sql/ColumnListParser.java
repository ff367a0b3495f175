package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a column list written as text, as read_csv's {@code columns => 'a INTEGER, b VARCHAR'}
 * takes it: names, type names (with optional precision and scale) and optional NOT NULL.
 */
final class ColumnListParser {
  private ColumnListParser() {}

  static Schema parse(String text) {
    TokenCursor c = new TokenCursor(text, SqlLexer.tokenize(text), 0);
    List<ColumnDef> cols = new ArrayList<>();
    do {
      String name = c.name("a column name");
      cols.add(new ColumnDef(name, type(c), nullability(c)));
    } while (c.acceptSymbol(","));
    c.expectEnd();
    return checked(cols);
  }

  static Schema checked(List<ColumnDef> cols) {
    Set<String> seen = new HashSet<>();
    for (ColumnDef d : cols)
      if (!seen.add(d.name())) throw new FlernException("column \"" + d.name() + "\" specified more than once");
    return new Schema(cols);
  }

  /** A type written as text: words ("DOUBLE PRECISION"), then "(p)" or "(p, s)". */
  static SqlType type(TokenCursor c) {
    StringBuilder name = new StringBuilder();
    while (c.peek().kind() == Kind.WORD && !c.peek().isWord("NOT") && !c.peek().isWord("NULL")) {
      if (!name.isEmpty()) name.append(' ');
      name.append(c.next().text());
    }
    if (name.isEmpty()) throw c.error(c.peek(), "expected a type name");
    int precision = TypeNames.UNSPECIFIED;
    int scale = TypeNames.UNSPECIFIED;
    if (c.acceptSymbol("(")) {
      precision = number(c);
      if (c.acceptSymbol(",")) scale = number(c);
      c.expectSymbol(")");
    }
    return TypeNames.resolve(name.toString(), precision, scale);
  }

  private static int number(TokenCursor c) {
    Token t = c.next();
    if (t.kind() != Kind.NUMBER) throw c.error(t, "expected a number");
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw c.error(t, "expected a whole number");
    }
  }

  private static boolean nullability(TokenCursor c) {
    if (c.acceptWord("NOT")) {
      c.expectWord("NULL");
      return false;
    }
    c.acceptWord("NULL");
    return true;
  }
}
