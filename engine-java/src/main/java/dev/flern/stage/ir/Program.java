package dev.flern.stage.ir;

import java.util.List;

/**
 * A whole generated program: its record types, its functors, the types of its parameters (the
 * query's literals and literal lists, in order) and the body of its entry point.
 */
public record Program(List<StructType> structs, List<Functor> functors, List<CType> params,
                      Stmt.Block main) {}
