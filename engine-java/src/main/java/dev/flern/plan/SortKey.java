package dev.flern.plan;

/** One ORDER BY key: an input column, its direction and where its NULLs go. */
public record SortKey(int column, boolean descending, boolean nullsFirst) {}
