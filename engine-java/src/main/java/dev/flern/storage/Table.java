package dev.flern.storage;

/**
 * STUB for the frontend branch only, so that Catalog compiles: the real Table is owned by the storage
 * helper. The lead drops this file at merge; the front end uses nothing but {@link #schema()}.
 */
public final class Table {
  private final Schema schema;

  public Table(Schema schema) {
    this.schema = schema;
  }

  public Schema schema() {
    return schema;
  }
}
