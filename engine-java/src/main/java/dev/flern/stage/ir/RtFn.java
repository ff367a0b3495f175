package dev.flern.stage.ir;

/**
 * The runtime functions and methods generated code may call (engine-native/include/flern).
 * Each is named by the generator, so no query text can become a call. {@code pure} calls have no
 * side effect and may be shared by CSE or dropped when unused; raising an error on bad input (a
 * division by zero) counts as pure, as SQL does not promise to evaluate an unused expression.
 */
public enum RtFn implements CallTarget {
  // storage access
  COL("flern::col", true), VALID("flern::valid", true), IS_VALID("flern::is_valid", true),
  VIEW_STR("flern::view_str", true), F32S_AT("flern::f32s_at", true), F32S_GET("flern::f32s_get", true),
  F32S_MAKE("flern::f32s_make", true),
  // model calls (flern/model_call.hpp)
  AS_PTR("flern::as_ptr", true), F32S_STORE("flern::f32s_store", false), F32S_COPY("flern::f32s_copy", false),
  DATA("data", true), SIGMOID("flern::sigmoid_f64", true),
  // checked arithmetic (raise on overflow / division by zero)
  CK_ADD("flern::ck_add", true), CK_SUB("flern::ck_sub", true), CK_MUL("flern::ck_mul", true),
  CK_NEG("flern::ck_neg", true), CK_DIV("flern::ck_div", true), CK_MOD("flern::ck_mod", true),
  FDIV("flern::div_f64", true), FMOD("flern::fmod_checked", true), ABS("flern::abs_ck", true),
  CMP_F64("flern::cmp_f64", true),
  // numeric functions (PostgreSQL's float8 functions and errors; exact DECIMAL rounding)
  SIGN("flern::sign_of", true), SQRT("flern::sqrt_f64", true), CBRT("std::cbrt", true),
  EXP("flern::exp_f64", true), LN("flern::ln_f64", true), LOG10("flern::log10_f64", true),
  LOG("flern::log_base_f64", true), POW("flern::pow_f64", true),
  CEIL_F64("std::ceil", true), FLOOR_F64("std::floor", true), TRUNC_F64("std::trunc", true),
  ROUND_F64("flern::round_f64", true), ROUND_DIGITS_F64("flern::round_digits_f64", true),
  DEC_ROUND("flern::dec_round", true), DEC_TRUNC("flern::dec_trunc", true),
  DEC_CEIL("flern::dec_ceil", true), DEC_FLOOR("flern::dec_floor", true),
  // decimals (i128 in, scales as arguments)
  POW10("flern::pow10_i128", true), DEC_RESCALE("flern::rescale_round", true),
  DEC_CHECK("flern::dec_check", true), DEC_DIV("flern::dec_div", true), DEC_MOD("flern::dec_mod", true),
  DEC_TO_F64("flern::decimal_to_f64", true), F64_TO_DEC("flern::f64_to_dec", true),
  DEC_TO_I32("flern::dec_to_i32", true), DEC_TO_I64("flern::dec_to_i64", true),
  I64_TO_I32("flern::i64_to_i32", true), F64_TO_I32("flern::f64_to_i32", true),
  F64_TO_I64("flern::f64_to_i64", true), I128_TO_I64("flern::i128_to_i64", true),
  // strings
  IN_LIST("flern::in_list", true),
  STR_EQ("flern::str_eq", true), STR_CMP("flern::str_cmp", true), LIKE("flern::like", true),
  STR_STARTS_WITH("flern::starts_with", true), STR_ENDS_WITH("flern::ends_with", true),
  STR_CONTAINS("flern::contains", true),
  UPPER("flern::upper", true), LOWER("flern::lower", true), CHAR_LENGTH("flern::char_length", true),
  SUBSTRING("flern::substring", true), TRIM("flern::trim", true), LTRIM("flern::ltrim", true),
  RTRIM("flern::rtrim", true), CONCAT("flern::concat", true),
  // casts from and to text
  PARSE_I32("flern::cast_str_i32", true), PARSE_I64("flern::cast_str_i64", true),
  PARSE_F64("flern::cast_str_f64", true), PARSE_BOOL("flern::cast_str_bool", true),
  PARSE_DATE("flern::cast_str_date", true), PARSE_DEC("flern::cast_str_dec", true),
  FMT_I64("flern::format_i64", true), FMT_F64("flern::format_f64", true),
  FMT_DEC("flern::format_dec", true), FMT_DATE("flern::format_date", true),
  FMT_BOOL("flern::format_bool", true),
  // dates
  DATE_YEAR("flern::date_year", true), DATE_MONTH("flern::date_month", true), DATE_DAY("flern::date_day", true),
  // hashing
  HASH_U64("flern::hash_u64", true), HASH_STR("flern::hash_str", true), HASH_F64("flern::hash_f64", true),
  HASH_I128("flern::hash_i128", true), HASH_COMBINE("flern::hash_combine", true),
  // context and data structures (methods; side effects)
  ARENA("arena", false), TABLE("table", false), WORKERS("workers", true),
  OUT("out", false), PUT_BOOL("put_bool", false), PUT_I32("put_i32", false), PUT_I64("put_i64", false),
  PUT_F64("put_f64", false), PUT_I128("put_i128", false), PUT_STR("put_str", false), PUT_F32S("put_f32s", false),
  PUT_NULL("put_null", false), END_ROW("end_row", false),
  JT_ADD("add", false), JT_BUILD("build", false), AGG_UPSERT("upsert", false),
  SIZE("size", false), PUSH_BACK("push_back", false), AT("operator[]", false),
  SORT_ROWS("flern::sort_rows", false), SORT_TOP("flern::sort_top", false), CONCAT_RUNS("flern::concat_runs", false),
  FETCH_ADD("fetch_add", false), LOAD("load", false),
  RUN_MORSELS("run_morsels", false), RUN_RANGE("run_range", false), PROBE("probe", false),
  FOR_EACH("for_each", false), RESIZE("resize", false), SLOT("slot", false), SEEN("seen", false),
  SLOT_AT("at", false), MERGE_INTO("merge_into", false), RAISE("flern::raise", false);

  public final String cpp;
  public final boolean pure;

  RtFn(String cpp, boolean pure) {
    this.cpp = cpp;
    this.pure = pure;
  }

  @Override
  public String cpp() {
    return cpp;
  }

  @Override
  public boolean pure() {
    return pure;
  }
}
