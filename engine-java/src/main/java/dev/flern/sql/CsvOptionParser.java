package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.csv.CsvOptions;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import dev.flern.storage.Schema;
import java.util.Optional;

/** Builds {@link CsvOptions} from the options of COPY and read_csv, one option at a time. */
final class CsvOptionParser {
  private boolean header;
  private char delimiter;
  private char quote;
  private String nullString;
  private Optional<Schema> columns = Optional.empty();

  CsvOptionParser(CsvOptions defaults) {
    header = defaults.header();
    delimiter = defaults.delimiter();
    quote = defaults.quote();
    nullString = defaults.nullString();
  }

  CsvOptions build() {
    return new CsvOptions(header, delimiter, quote, nullString, columns);
  }

  /**
   * Applies option {@code name}; {@code value} is empty for a bare option such as {@code HEADER}.
   * Returns false for a name it does not know.
   */
  boolean apply(TokenCursor c, Token nameToken, Optional<Token> value) {
    String name = nameToken.lower();
    switch (name) {
      case "header" -> header = value.map(v -> bool(c, v)).orElse(true);
      case "delimiter", "delim", "sep" -> delimiter = character(c, required(c, nameToken, value));
      case "quote" -> quote = character(c, required(c, nameToken, value));
      case "null", "nullstr" -> nullString = text(c, required(c, nameToken, value));
      case "format" -> {
        String f = text(c, required(c, nameToken, value));
        if (!f.equalsIgnoreCase("csv")) throw new FlernException("not supported yet: file format " + f);
      }
      case "csv" -> { } // PostgreSQL's old spelling "COPY t FROM 'f' CSV"
      case "auto_detect" -> { } // detection is what read_csv does anyway when no columns are given
      case "columns" -> {
        Token v = required(c, nameToken, value);
        columns = Optional.of(ColumnListParser.parse(text(c, v)));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  void setColumns(Schema schema) {
    columns = Optional.of(schema);
  }

  private static Token required(TokenCursor c, Token name, Optional<Token> value) {
    return value.orElseThrow(() -> c.error(name, "option " + name.text() + " needs a value"));
  }

  static boolean bool(TokenCursor c, Token v) {
    String s = v.kind() == Kind.STRING ? v.value() : v.text();
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "1", "yes" -> true;
      case "false", "off", "0", "no" -> false;
      default -> throw c.error(v, "expected a boolean");
    };
  }

  private static String text(TokenCursor c, Token v) {
    if (v.kind() == Kind.STRING) return v.value();
    if (v.kind() == Kind.WORD) return v.text();
    throw c.error(v, "expected a string");
  }

  private static char character(TokenCursor c, Token v) {
    String s = text(c, v);
    // '\t' as two characters, as DuckDB users write it
    if (s.equals("\\t")) return '\t';
    if (s.length() != 1) throw c.error(v, "expected a single character");
    return s.charAt(0);
  }
}
