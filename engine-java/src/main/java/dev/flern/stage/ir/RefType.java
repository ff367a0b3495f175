package dev.flern.stage.ir;

/** A mutable reference to an object that lives elsewhere (a hash-table slot, a worker's writer). */
public record RefType(CType element) implements CType {}
