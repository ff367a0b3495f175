package dev.flern.plan;

import dev.flern.SqlType;

/** One output column of a plan node: its name (for results and EXPLAIN), type and nullability. */
public record Field(String name, SqlType type, boolean nullable) {}
