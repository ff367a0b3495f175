package dev.flern.slt;

import java.util.List;

/** A parsed script: its name (for messages, usually the file path) and its records in order. */
public record SltScript(String name, List<SltRecord> records) {}
