package dev.flern.stage.ir;

/**
 * A type of the generated program. Backend-neutral: the C++ printer maps each to a C++ spelling, a
 * future interpreter would map each to a Java representation.
 */
public sealed interface CType permits Prim, StructType, RuntimeType, PtrType, MutPtrType, RefType, ConstArg {}
