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

  /**
   * A type written as text: a name, two words for DOUBLE PRECISION and CHARACTER VARYING, then
   * "(p)" or "(p, s)". What follows (NOT NULL, PRIMARY KEY, ...) is left to the caller.
   */
  static SqlType type(TokenCursor c) {
    Token first = c.peek();
    if (first.kind() != Kind.WORD) throw c.error(first, "expected a type name");
    c.next();
    StringBuilder name = new StringBuilder(first.text());
    if ((first.isWord("DOUBLE") && c.peek().isWord("PRECISION"))
        || ((first.isWord("CHARACTER") || first.isWord("CHAR")) && c.peek().isWord("VARYING")))
      name.append(' ').append(c.next().text());
    int precision = TypeNames.UNSPECIFIED;
    int scale = TypeNames.UNSPECIFIED;
    if (c.acceptSymbol("(")) {
      precision = number(c);
      if (c.acceptSymbol(",")) scale = number(c);
      c.expectSymbol(")");
    }
    if (c.acceptSymbol("[")) {
      int length = TypeNames.UNSPECIFIED;
      if (!c.peek().isSymbol("]")) length = number(c);
      c.expectSymbol("]");
      return TypeNames.floatArray(name.toString(), length);
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
