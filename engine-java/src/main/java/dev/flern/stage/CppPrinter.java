package dev.flern.stage;

import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.ConstArg;
import dev.flern.stage.ir.Functor;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.Program;
import dev.flern.stage.ir.MutPtrType;
import dev.flern.stage.ir.PtrType;
import dev.flern.stage.ir.RuntimeType;
import dev.flern.stage.ir.Stmt;
import dev.flern.stage.ir.StructType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a {@link Program} as one C++20 translation unit against engine-native/include/flern.
 * Every name and comment printed comes from the generator; query literals are only ever read from
 * the params struct at run time.
 */
public final class CppPrinter {
  /** The names the entry point gives the context and the params; operators refer to them. */
  public static final String CTX = "ctx";
  public static final String PARAMS = "P";

  private final StringBuilder out = new StringBuilder();
  private int indent;

  public static String print(Program p, List<String> header) {
    return print(p, header, List.of());
  }

  /** With extra headers after the runtime's (an extension's kernels, e.g. flern/ml/ml.hpp). */
  public static String print(Program p, List<String> header, List<Include> includes) {
    CppPrinter pr = new CppPrinter();
    pr.program(p, header, includes);
    return pr.out.toString();
  }

  /** A header an extension's generated code needs; only the generator's fixed names. */
  public enum Include {
    ML("flern/ml/ml.hpp");

    final String path;

    Include(String path) {
      this.path = path;
    }
  }

  private void program(Program p, List<String> header, List<Include> includes) {
    for (String h : header) line("// " + h);
    line("#include \"flern/runtime.hpp\"");
    for (Include inc : includes) line("#include \"" + inc.path + "\"");
    line("#include <cstddef>");
    line("");
    line("namespace {");
    line("");
    line("// The query's literals, filled by Java for each execution (never part of this source).");
    line("struct Params {");
    indent++;
    for (int i = 0; i < p.params().size(); i++) line(type(p.params().get(i)) + " p" + i + ";");
    indent--;
    line("};");
    ParamLayout layout = ParamLayout.of(p.params());
    for (int i = 0; i < p.params().size(); i++)
      line("static_assert(offsetof(Params, p" + i + ") == " + layout.offset(i) + ");");
    line("");
    for (StructType s : p.structs()) {
      line("struct " + s.name() + " {");
      indent++;
      for (StructType.FieldDef f : s.fields()) line(type(f.type()) + " " + f.name() + "{};");
      indent--;
      line("};");
      line("");
    }
    for (Functor f : p.functors()) {
      line("struct " + f.name() + " {");
      indent++;
      String ps = f.params().stream().map(this::paramDecl).collect(Collectors.joining(", "));
      line(type(f.result()) + " operator()(" + ps + ") const {");
      indent++;
      stmts(f.body().stmts());
      indent--;
      line("}");
      indent--;
      line("};");
      line("");
    }
    line("}  // namespace");
    line("");
    line("extern \"C\" int32_t flern_query_main(flern_ctx* raw_ctx, const void* raw_params) {");
    indent++;
    line("flern::QueryContext* " + CTX + " = flern::context(raw_ctx);");
    line("const Params* " + PARAMS + " = static_cast<const Params*>(raw_params);");
    line("(void)" + PARAMS + ";");
    line("return flern::guard(" + CTX + ", [&] {");
    indent++;
    // The params as locals: the compiler then knows no store in a loop can change them.
    for (int i = 0; i < p.params().size(); i++)
      line("const " + type(p.params().get(i)) + " param_" + i + " = " + PARAMS + "->p" + i + ";");
    stmts(p.main().stmts());
    indent--;
    line("});");
    indent--;
    line("}");
  }

  private void stmts(List<Stmt> ss) {
    for (Stmt s : ss) stmt(s);
  }

  private void stmt(Stmt s) {
    switch (s) {
      case Stmt.Let l -> {
        String t = type(l.var().type());
        if (l.init().isEmpty()) line(t + " " + l.var().name() + "{};");
        else line((l.var().mutable() || l.var().type() instanceof dev.flern.stage.ir.RefType
            || l.var().type() instanceof PtrType || l.var().type() instanceof MutPtrType ? "" : "const ") + t + " " + l.var().name() + " = " + bare(l.init().get()) + ";");
      }
      case Stmt.Construct c -> line(type(c.var().type()) + " " + c.var().name()
          + (c.args().isEmpty() ? "" : "(" + args(c.args()) + ")") + ";");
      case Stmt.Assign a -> line(expr(a.target()) + " = " + expr(a.value()) + ";");
      case Stmt.Eval e -> line(expr(e.expr()) + ";");
      case Stmt.If i -> {
        line("if (" + bare(i.condition()) + ") {");
        block(i.then());
        if (!i.otherwise().stmts().isEmpty()) {
          line("} else {");
          block(i.otherwise());
        }
        line("}");
      }
      case Stmt.ForRange f -> {
        String v = f.var().name();
        line("for (int64_t " + v + " = " + bare(f.from()) + "; " + v + " < " + bare(f.to()) + "; ++" + v + ") {");
        block(f.body());
        line("}");
      }
      case Stmt.WithCallback w -> {
        if (!w.name().isEmpty()) line("// " + w.name());
        String callee = w.receiver().map(r -> expr(r) + (isPointer(r.type()) ? "->" : ".")).orElse("") + w.fn().cpp;
        String lead = w.args().isEmpty() ? "" : args(w.args()) + ", ";
        String ps = w.params().stream().map(this::paramDecl).collect(Collectors.joining(", "));
        line(callee + "(" + lead + "[&](" + ps + ") {");
        block(w.body());
        line("});");
      }
      case Stmt.Comment c -> line("// " + c.text());
      case Stmt.Return r -> line(r.value().map(v -> "return " + bare(v) + ";").orElse("return;"));
      case Stmt.Block b -> {
        line("{");
        block(b);
        line("}");
      }
      case Stmt.Seq q -> stmts(q.stmts());
      case Stmt.LocalFn f -> {
        line("auto " + f.name() + " = [&]() {");
        block(f.body());
        line("};");
      }
    }
  }

  private void block(Stmt.Block b) {
    indent++;
    stmts(b.stmts());
    indent--;
  }

  private static boolean isPointer(CType t) {
    return t instanceof PtrType || t instanceof MutPtrType;
  }

  private String paramDecl(Var v) {
    if (v.type() instanceof Prim || isPointer(v.type())) return type(v.type()) + " " + v.name();
    return (v.mutable() ? "" : "const ") + type(v.type()) + "& " + v.name();
  }

  private String args(List<IrExpr> as) {
    return as.stream().map(this::bare).collect(Collectors.joining(", "));
  }

  /** An expression without redundant outer parentheses. */
  private String bare(IrExpr e) {
    String s = expr(e);
    if ((e instanceof IrExpr.Bin || e instanceof IrExpr.Cond) && s.startsWith("(") && s.endsWith(")"))
      return s.substring(1, s.length() - 1);
    return s;
  }

  private String expr(IrExpr e) {
    return switch (e) {
      case IrExpr.Const c -> constant(c);
      case Var v -> v.name();
      case IrExpr.Param p -> "param_" + p.index();
      case IrExpr.Bin b -> "(" + expr(b.left()) + " " + b.op().symbol + " " + expr(b.right()) + ")";
      case IrExpr.Un u -> u.op().symbol + expr(u.operand());
      case IrExpr.Call c -> {
        String targs = c.typeArgs().isEmpty() ? "" : "<" + c.typeArgs().stream().map(CppPrinter::type).collect(Collectors.joining(", ")) + ">";
        String callee = c.receiver().map(r -> expr(r) + (isPointer(r.type()) ? "->" : ".")).orElse("") + c.fn().cpp();
        yield callee + targs + "(" + args(c.args()) + ")";
      }
      case IrExpr.Member m -> expr(m.object()) + (isPointer(m.object().type()) ? "->" : ".") + m.field();
      case IrExpr.Index i -> expr(i.array()) + "[" + bare(i.index()) + "]";
      case IrExpr.Cond c -> "(" + expr(c.condition()) + " ? " + expr(c.ifTrue()) + " : " + expr(c.ifFalse()) + ")";
      case IrExpr.Convert c -> "static_cast<" + type(c.type()) + ">(" + bare(c.operand()) + ")";
      case IrExpr.MakeStruct m -> type(m.struct()) + "{" + args(m.fields()) + "}";
      case IrExpr.Text t -> "\"" + t.text() + "\"";
    };
  }

  private static String constant(IrExpr.Const c) {
    Object v = c.value();
    return switch (c.type()) {
      case BOOL -> ((Boolean) v) ? "true" : "false";
      case I32 -> Long.toString((Long) v);
      case I64 -> (Long) v == Long.MIN_VALUE ? "INT64_MIN" : "INT64_C(" + v + ")";
      case U64 -> "UINT64_C(" + Long.toUnsignedString((Long) v) + ")";
      case I128 -> "flern::i128(INT64_C(" + v + "))";
      case STR -> {
        if (!"".equals(v)) throw new IllegalArgumentException("only the empty string is a generator constant");
        yield "flern::Str{}";
      }
      case F32S -> {
        if (!Long.valueOf(0L).equals(v)) throw new IllegalArgumentException("only the null FLOAT[n] is a generator constant");
        yield "nullptr";
      }
      case F64 -> {
        double d = (Double) v;
        if (Double.isNaN(d)) yield "__builtin_nan(\"\")";
        if (Double.isInfinite(d)) yield d > 0 ? "__builtin_inf()" : "-__builtin_inf()";
        yield Double.toHexString(d);
      }
      default -> throw new IllegalArgumentException("no constant of type " + c.type());
    };
  }

  static String type(CType t) {
    return switch (t) {
      case Prim p -> switch (p) {
        case BOOL -> "bool";
        case I32 -> "int32_t";
        case I64 -> "int64_t";
        case I128 -> "flern::i128";
        case F64 -> "double";
        case STR -> "flern::Str";
        case F32S -> "flern::F32s";
        case U64 -> "uint64_t";
        case VOID -> "void";
      };
      case StructType s -> s.name();
      case RuntimeType r -> r.args().isEmpty() ? r.name()
          : r.name() + "<" + r.args().stream().map(CppPrinter::type).collect(Collectors.joining(", ")) + ">";
      case PtrType p -> "const " + type(p.element()) + "*";
      case MutPtrType p -> type(p.element()) + "*";
      case dev.flern.stage.ir.RefType r -> type(r.element()) + "&";
      case ConstArg c -> constArg(c);
    };
  }

  private static String constArg(ConstArg c) {
    return switch (c) {
      case ConstArg.Int i -> Long.toString(i.value());
      case ConstArg.Bool b -> b.value() ? "true" : "false";
      case ConstArg.Named n -> n.name().cpp();
      case ConstArg.Brace b -> b.type().cpp() + "{" + b.items().stream().map(CppPrinter::constArg)
          .collect(Collectors.joining(", ")) + "}";
    };
  }

  private void line(String s) {
    if (!s.isEmpty()) out.append("  ".repeat(indent));
    out.append(s).append('\n');
  }
}
