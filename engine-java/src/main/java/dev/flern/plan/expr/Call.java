package dev.flern.plan.expr;

import dev.flern.SqlType;
import java.util.List;

/** An operator or function applied to arguments; the result type is the validator's. */
public record Call(Op op, List<Expr> args, SqlType type, boolean nullable) implements Expr {}
