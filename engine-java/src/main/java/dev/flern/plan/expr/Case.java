package dev.flern.plan.expr;

import dev.flern.SqlType;
import java.util.List;

/** CASE WHEN whens[i] THEN thens[i] ... ELSE otherwise END (COALESCE and NULLIF arrive as this). */
public record Case(List<Expr> whens, List<Expr> thens, Expr otherwise, SqlType type, boolean nullable)
    implements Expr {}
