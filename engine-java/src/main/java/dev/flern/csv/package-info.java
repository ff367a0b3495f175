/**
 * CSV files in and out: {@link dev.flern.csv.CsvReader} loads a file into a {@link
 * dev.flern.storage.Table} (declared or inferred column types, RFC 4180 quoting, errors that name
 * file, line and column), {@link dev.flern.csv.CsvWriter} writes a table so that the reader reads it
 * back unchanged.
 */
package dev.flern.csv;
