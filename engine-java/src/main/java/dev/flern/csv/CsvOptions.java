package dev.flern.csv;

import dev.flern.storage.Schema;
import java.util.Optional;

/**
 * How a CSV file is read: {@code COPY t FROM 'f' (HEADER, DELIMITER ',', NULL '')} and
 * {@code read_csv('f', header => true, delim => ';', columns => ...)}. {@code columns} present means
 * the types are declared (COPY into a table always declares them); absent means they are inferred.
 */
public record CsvOptions(boolean header, char delimiter, char quote, String nullString,
                         Optional<Schema> columns) {
  public static CsvOptions defaults() {
    return new CsvOptions(true, ',', '"', "", Optional.empty());
  }

  public CsvOptions withColumns(Schema schema) {
    return new CsvOptions(header, delimiter, quote, nullString, Optional.of(schema));
  }
}
