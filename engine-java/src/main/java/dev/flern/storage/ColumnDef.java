package dev.flern.storage;

import dev.flern.SqlType;

/** A table column: name, type and whether it may hold NULL. */
public record ColumnDef(String name, SqlType type, boolean nullable) {}
