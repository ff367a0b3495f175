package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CREATE TABLE and DROP TABLE, read by Flern itself. Calcite's DDL grammar (calcite-server) reserves
 * words PostgreSQL does not ({@code day}, {@code year}, {@code value}, {@code dec}, ...), and the
 * Babel grammar, which does not, has no DROP and no table constraints; the statements are small
 * enough to read here, where any word can be a name, as in PostgreSQL. The query of CREATE TABLE ...
 * AS goes to Calcite like any other query, with the text before it blanked so positions stay valid.
 */
final class DdlStatements {
  /** What CREATE TABLE says: either its columns or the text of its query (blanked before AS). */
  record CreateTable(String name, Token nameToken, boolean ifNotExists, Optional<Schema> columns, Optional<String> queryText) {}

  record DropTable(String name, Token nameToken, boolean ifExists) {}

  private DdlStatements() {}

  static boolean isCreateOrDrop(List<Token> tokens) {
    return tokens.get(0).isWord("CREATE") || tokens.get(0).isWord("DROP");
  }

  /** CREATE TABLE [IF NOT EXISTS] name ( columns and constraints ) | AS query. */
  static CreateTable createTable(String sql, List<Token> tokens) {
    TokenCursor c = new TokenCursor(sql, tokens, 1);
    expectTable(c, "CREATE");
    boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
    Token nameToken = c.peek();
    String name = tableName(c);
    if (c.peek().isWord("AS")) {
      Token as = c.next();
      if (c.atEnd()) throw c.error(c.peek(), "expected a query after AS");
      return new CreateTable(name, nameToken, ifNotExists, Optional.empty(),
          Optional.of(SqlLexer.blank(sql, 0, as.end())));
    }
    if (!c.peek().isSymbol("(")) throw c.error(c.peek(), "expected a column list or AS query");
    c.next();
    List<ColumnDef> cols = new ArrayList<>();
    Set<String> primaryKey = new LinkedHashSet<>();
    do {
      if (!tableConstraint(c, primaryKey)) cols.add(column(c, primaryKey));
    } while (c.acceptSymbol(","));
    c.expectSymbol(")");
    if (c.peek().isWord("AS")) throw new FlernException("not supported yet: CREATE TABLE with columns AS query");
    c.expectEnd();
    for (String k : primaryKey) {
      int i = indexOf(cols, k);
      if (i < 0) throw new FlernException("column \"" + k + "\" named in key does not exist");
      ColumnDef d = cols.get(i);
      // PostgreSQL: the columns of a primary key are NOT NULL. (Uniqueness is not enforced yet.)
      cols.set(i, new ColumnDef(d.name(), d.type(), false));
    }
    return new CreateTable(name, nameToken, ifNotExists, Optional.of(ColumnListParser.checked(cols)), Optional.empty());
  }

  /** DROP TABLE [IF EXISTS] name [RESTRICT]. */
  static DropTable dropTable(String sql, List<Token> tokens) {
    TokenCursor c = new TokenCursor(sql, tokens, 1);
    expectTable(c, "DROP");
    boolean ifExists = c.acceptWords("IF", "EXISTS");
    Token nameToken = c.peek();
    String name = tableName(c);
    if (c.peek().isSymbol(",")) throw new FlernException("not supported yet: DROP TABLE of several tables");
    if (c.peek().isWord("CASCADE")) throw new FlernException("not supported yet: DROP TABLE ... CASCADE");
    c.acceptWord("RESTRICT");
    c.expectEnd();
    return new DropTable(name, nameToken, ifExists);
  }

  private static void expectTable(TokenCursor c, String verb) {
    Token t = c.peek();
    if (t.isWord("TABLE")) {
      c.next();
      return;
    }
    if (t.kind() == Kind.WORD) {
      StringBuilder what = new StringBuilder(t.text().toUpperCase(Locale.ROOT));
      // CREATE OR REPLACE VIEW, CREATE TEMP TABLE, CREATE UNIQUE INDEX: name the statement as written.
      for (int i = 1; i < 3 && c.peek(i).kind() == Kind.WORD && !c.peek(i + 1).isSymbol("("); i++) {
        what.append(' ').append(c.peek(i).text().toUpperCase(Locale.ROOT));
        if (c.peek(i).isWord("TABLE") || c.peek(i).isWord("VIEW") || c.peek(i).isWord("INDEX")) break;
      }
      throw new FlernException("not supported yet: " + verb + " " + what);
    }
    throw c.error(t, "expected TABLE");
  }

  private static String tableName(TokenCursor c) {
    String name = c.name("a table name");
    if (c.peek().isSymbol(".")) throw c.error(c.peek(), "schema-qualified table names are not supported yet");
    return name;
  }

  /** [CONSTRAINT name] PRIMARY KEY (columns) | UNIQUE (columns); false when the element is a column. */
  private static boolean tableConstraint(TokenCursor c, Set<String> primaryKey) {
    Token t = c.peek();
    boolean named = t.isWord("CONSTRAINT");
    if (!named && !isConstraintStart(t, c.peek(1))) return false;
    if (named) {
      c.next();
      c.name("a constraint name");
    }
    Token kind = c.next();
    if (kind.isWord("PRIMARY")) {
      c.expectWord("KEY");
      primaryKey.addAll(columnNames(c));
    } else if (kind.isWord("UNIQUE")) {
      // Accepted, not enforced yet (as PRIMARY KEY's uniqueness).
      columnNames(c);
    } else if (kind.isWord("CHECK") || kind.isWord("FOREIGN") || kind.isWord("EXCLUDE")) {
      throw new FlernException("not supported yet: " + kind.text().toUpperCase(Locale.ROOT) + " constraints");
    } else {
      throw c.error(kind, "expected PRIMARY KEY, UNIQUE or CHECK");
    }
    return true;
  }

  /** A table constraint starts with one of these words followed by what a column name cannot be. */
  private static boolean isConstraintStart(Token t, Token next) {
    if (t.isWord("PRIMARY")) return next.isWord("KEY");
    if (t.isWord("UNIQUE") || t.isWord("CHECK") || t.isWord("EXCLUDE")) return next.isSymbol("(");
    if (t.isWord("FOREIGN")) return next.isWord("KEY");
    return false;
  }

  private static List<String> columnNames(TokenCursor c) {
    c.expectSymbol("(");
    List<String> names = new ArrayList<>();
    do names.add(c.name("a column name")); while (c.acceptSymbol(","));
    c.expectSymbol(")");
    return names;
  }

  /** name type [NOT NULL | NULL | PRIMARY KEY | UNIQUE | CONSTRAINT name ...]... */
  private static ColumnDef column(TokenCursor c, Set<String> primaryKey) {
    Token nameToken = c.peek();
    String name = c.name("a column name");
    var type = ColumnListParser.type(c);
    boolean nullable = true;
    while (true) {
      Token t = c.peek();
      if (t.isWord("CONSTRAINT")) {
        c.next();
        c.name("a constraint name");
      } else if (t.isWord("NOT")) {
        c.next();
        c.expectWord("NULL");
        nullable = false;
      } else if (t.isWord("NULL")) {
        c.next();
      } else if (t.isWord("PRIMARY")) {
        c.next();
        c.expectWord("KEY");
        primaryKey.add(name);
      } else if (t.isWord("UNIQUE")) {
        c.next();
      } else if (t.isWord("DEFAULT") || t.isWord("GENERATED") || t.isWord("AS")) {
        throw new FlernException(Positions.describe(c.sql(), t.start()) + ": not supported yet: DEFAULT and generated columns");
      } else if (t.isWord("CHECK") || t.isWord("REFERENCES") || t.isWord("COLLATE")) {
        throw new FlernException(Positions.describe(c.sql(), t.start()) + ": not supported yet: "
            + t.text().toUpperCase(Locale.ROOT) + " in a column definition");
      } else {
        break;
      }
    }
    if (!c.peek().isSymbol(",") && !c.peek().isSymbol(")"))
      throw c.error(c.peek(), "expected \",\" or \")\" after column \"" + nameToken.value() + "\"");
    return new ColumnDef(name, type, nullable);
  }

  private static int indexOf(List<ColumnDef> cols, String name) {
    for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equals(name)) return i;
    return -1;
  }
}
