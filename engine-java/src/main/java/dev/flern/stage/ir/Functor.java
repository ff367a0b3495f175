package dev.flern.stage.ir;

import dev.flern.stage.ir.IrExpr.Var;
import java.util.List;

/**
 * A small function object the generator declares for a runtime template: a key's hash, a key's
 * equality, a sort order. Printed in C++ as a struct with a const call operator.
 */
public record Functor(String name, List<Var> params, CType result, Stmt.Block body) {}
