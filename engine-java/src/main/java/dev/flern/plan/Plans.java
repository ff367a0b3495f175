package dev.flern.plan;

import java.util.function.UnaryOperator;

/** Rebuilding plan nodes: what every bottom-up rewrite needs for the nodes it does not change. */
public final class Plans {
  private Plans() {}

  /** {@code p} with each input replaced by {@code f} of it (leaves as they are). */
  public static Plan mapInputs(Plan p, UnaryOperator<Plan> f) {
    return switch (p) {
      case Scan s -> s;
      case CsvScan c -> c;
      case Values v -> v;
      case Filter x -> new Filter(f.apply(x.input()), x.condition());
      case Project x -> new Project(f.apply(x.input()), x.exprs(), x.output());
      case Join j -> new Join(f.apply(j.left()), f.apply(j.right()), j.leftKeys(), j.rightKeys(), j.residual(), j.output());
      case Aggregate a -> new Aggregate(f.apply(a.input()), a.groupKeys(), a.aggs(), a.output());
      case Sort s -> new Sort(f.apply(s.input()), s.keys());
      case Limit l -> new Limit(f.apply(l.input()), l.offset(), l.fetch());
      case Predict pr -> new Predict(f.apply(pr.input()), pr.model(), pr.args(), pr.outputs(), pr.elements(), pr.pass(),
          pr.output());
    };
  }
}
