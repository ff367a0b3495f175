package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.csv.CsvOptions;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Finds the {@code read_csv('file', option => value, ...)} calls in a statement and replaces each
 * one, in the text, by a quoted synthetic table name padded with blanks, so that Calcite's parser
 * sees a plain table and every position after it stays where it was. The tables carry the file's
 * schema, inferred now (at planning time) unless the call declares {@code columns}.
 */
final class ReadCsvCalls {
  record Rewritten(String sql, Map<String, CalciteTables.CsvTable> tables) {}

  private ReadCsvCalls() {}

  static Rewritten rewrite(String sql, List<Token> tokens, BiFunction<String, CsvOptions, Schema> csvSchema) {
    Map<String, CalciteTables.CsvTable> tables = new LinkedHashMap<>();
    String out = sql;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!(t.isWord("read_csv") || t.isWord("read_csv_auto")) || !tokens.get(i + 1).isSymbol("(")) continue;
      TokenCursor c = new TokenCursor(sql, tokens, i + 2);
      String path = c.string("the file path");
      CsvOptionParser options = new CsvOptionParser(CsvOptions.defaults());
      while (c.acceptSymbol(",")) {
        Token name = c.next();
        if (name.kind() != Kind.WORD) throw c.error(name, "expected an option name");
        if (!(c.acceptSymbol("=>") || c.acceptSymbol(":=") || c.acceptSymbol("=")))
          throw c.error(c.peek(), "expected => after the option name");
        Token value = c.peek();
        boolean known;
        if (name.isWord("columns") && value.isSymbol("{")) {
          options.setColumns(struct(c));
          known = true;
        } else {
          known = options.apply(c, name, Optional.of(c.next()));
        }
        if (!known) throw c.error(name, "read_csv has no option " + name.text());
      }
      Token close = c.peek();
      c.expectSymbol(")");
      CsvOptions opts = options.build();
      Schema schema = opts.columns().orElseGet(() -> csvSchema.apply(path, opts));
      String name = "$csv" + tables.size();
      tables.put(name, new CalciteTables.CsvTable(path, opts.withColumns(schema), schema));
      String quoted = "\"" + name + "\"";
      out = SqlLexer.blank(out, t.start(), close.end());
      out = out.substring(0, t.start()) + quoted + out.substring(t.start() + quoted.length());
      i = c.index() - 1;
    }
    return new Rewritten(out, tables);
  }

  /** DuckDB's form: columns => {'a': 'INTEGER', 'b': 'VARCHAR'}. */
  private static Schema struct(TokenCursor c) {
    c.expectSymbol("{");
    List<ColumnDef> cols = new ArrayList<>();
    do {
      String name = c.string("a column name");
      c.expectSymbol(":");
      Token type = c.next();
      if (type.kind() != Kind.STRING) throw c.error(type, "expected the column's type as a string");
      TokenCursor tc = new TokenCursor(type.value(), SqlLexer.tokenize(type.value()), 0);
      cols.add(new ColumnDef(name, ColumnListParser.type(tc), true));
      if (!tc.atEnd()) throw new FlernException("unexpected text in the type of column \"" + name + "\": " + type.value());
    } while (c.acceptSymbol(","));
    c.expectSymbol("}");
    return ColumnListParser.checked(cols);
  }
}
