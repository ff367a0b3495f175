package dev.flern.stage.ir;

/**
 * What a {@link IrExpr.Call} calls: a runtime function ({@link RtFn}) or an extension's kernel enum.
 * {@code pure} calls have no side effect and may be shared by CSE or dropped when unused.
 */
public interface CallTarget extends CppName {
  boolean pure();
}
