// Vector math accuracy, element-wise operators with broadcasting, Softmax, LayerNormalization,
// BatchNormalization, and the data movement operators.
#include <cstring>

#include "ml_ref.hpp"

using namespace flern::ml;
using ml_test::random_vec;

namespace {

// x values spread over [lo, hi] (dense, plus the ends).
std::vector<float> sweep(float lo, float hi, int n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(n - 1);
  return v;
}

template <Unary U>
void unary_accuracy(const char* what, float lo, float hi, double (*ref)(double), double tol, double floor) {
  const auto x = sweep(lo, hi, 20011);  // odd count: a vector tail
  std::vector<float> y(x.size());
  unary<U>(static_cast<int64_t>(x.size()), x.data(), y.data());
  std::vector<double> want(x.size());
  for (size_t i = 0; i < x.size(); ++i) want[i] = ref(x[i]);
  CHECK_CLOSE(what, y.data(), want, tol, floor);
}

double ref_exp(double x) { return std::exp(x); }
double ref_erf(double x) { return std::erf(x); }
double ref_tanh(double x) { return std::tanh(x); }
double ref_sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double ref_gelu(double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); }

float one(Unary u, float x) {
  float y = 0;
  switch (u) {
    case Unary::Exp: unary<Unary::Exp>(1, &x, &y); break;
    case Unary::Erf: unary<Unary::Erf>(1, &x, &y); break;
    case Unary::Tanh: unary<Unary::Tanh>(1, &x, &y); break;
    case Unary::Sigmoid: unary<Unary::Sigmoid>(1, &x, &y); break;
    default: break;
  }
  return y;
}

}  // namespace

TEST(ml_vmath_accuracy) {
  // Relative error against libm in double: the budget is 1e-6 (measured: below 3e-7).
  unary_accuracy<Unary::Exp>("exp", -87.0f, 88.0f, ref_exp, 1e-6, 0.0);
  unary_accuracy<Unary::Exp>("exp small", -1.0f, 1.0f, ref_exp, 1e-6, 0.0);
  unary_accuracy<Unary::Erf>("erf", -6.0f, 6.0f, ref_erf, 1e-6, 0.0);
  unary_accuracy<Unary::Erf>("erf tiny", -1e-3f, 1e-3f, ref_erf, 1e-6, 0.0);
  unary_accuracy<Unary::Tanh>("tanh", -12.0f, 12.0f, ref_tanh, 1e-6, 0.0);
  unary_accuracy<Unary::Tanh>("tanh tiny", -1e-3f, 1e-3f, ref_tanh, 1e-6, 0.0);
  unary_accuracy<Unary::Sigmoid>("sigmoid", -80.0f, 40.0f, ref_sigmoid, 1e-6, 0.0);
  // Gelu's 1 + erf cancels for x < -1.5, as in ONNX Runtime's own Gelu/Erf: absolute there.
  unary_accuracy<Unary::Gelu>("gelu", -1.5f, 10.0f, ref_gelu, 1e-6, 1e-4);
  unary_accuracy<Unary::Gelu>("gelu neg", -12.0f, -1.5f, ref_gelu, 2e-7, 1.0);
  // Limits.
  CHECK_EQ(one(Unary::Exp, -200.0f), 0.0f);
  CHECK(std::isinf(one(Unary::Exp, 200.0f)));
  CHECK(std::isinf(one(Unary::Exp, INFINITY)));
  CHECK_EQ(one(Unary::Exp, -INFINITY), 0.0f);
  CHECK_EQ(one(Unary::Exp, 0.0f), 1.0f);
  CHECK_EQ(one(Unary::Erf, INFINITY), 1.0f);
  CHECK_EQ(one(Unary::Erf, -INFINITY), -1.0f);
  CHECK_EQ(one(Unary::Erf, 0.0f), 0.0f);
  CHECK_EQ(one(Unary::Tanh, -INFINITY), -1.0f);
  CHECK_EQ(one(Unary::Tanh, 100.0f), 1.0f);
  CHECK_EQ(one(Unary::Sigmoid, INFINITY), 1.0f);
  CHECK_EQ(one(Unary::Sigmoid, -INFINITY), 0.0f);
  CHECK(std::fabs(one(Unary::Exp, 88.7f) / std::exp(static_cast<double>(88.7f)) - 1) < 1e-6);  // near overflow
  CHECK(std::fabs(one(Unary::Exp, -90.0f) / std::exp(-90.0) - 1) < 1e-5);  // a denormal result
}

TEST(ml_unary) {
  const auto x = random_vec(103, 1, -4.0f, 4.0f);
  std::vector<float> y(x.size());
  auto check = [&](const char* what, auto&& f) {
    std::vector<double> want(x.size());
    for (size_t i = 0; i < x.size(); ++i) want[i] = f(static_cast<double>(x[i]));
    CHECK_CLOSE(what, y.data(), want, 1e-6, 1e-6);
  };
  unary<Unary::Relu>(103, x.data(), y.data());
  check("relu", [](double v) { return v > 0 ? v : 0; });
  unary<Unary::LeakyRelu>(103, x.data(), y.data(), 0.01f);
  check("leaky", [](double v) { return v < 0 ? static_cast<double>(0.01f) * v : v; });
  unary<Unary::Clip>(103, x.data(), y.data(), -1.5f, 2.0f);
  check("clip", [](double v) { return v < -1.5 ? -1.5 : v > 2 ? 2 : v; });
  unary<Unary::Neg>(103, x.data(), y.data());
  check("neg", [](double v) { return -v; });
  unary<Unary::Abs>(103, x.data(), y.data());
  check("abs", [](double v) { return std::fabs(v); });
  unary<Unary::Reciprocal>(103, x.data(), y.data());
  check("reciprocal", [](double v) { return 1.0 / static_cast<double>(static_cast<float>(v)); });
  unary<Unary::Identity>(103, x.data(), y.data());
  check("identity", [](double v) { return v; });
  const auto pos = random_vec(37, 2, 0.0f, 100.0f);
  std::vector<float> s(37);
  unary<Unary::Sqrt>(37, pos.data(), s.data());
  std::vector<double> want(37);
  for (size_t i = 0; i < 37; ++i) want[i] = std::sqrt(static_cast<double>(pos[i]));
  CHECK_CLOSE("sqrt", s.data(), want, 1e-7, 0.0);
  // In place.
  std::vector<float> z = x;
  unary<Unary::Relu>(103, z.data(), z.data());
  for (size_t i = 0; i < z.size(); ++i) CHECK_EQ(z[i], x[i] > 0 ? x[i] : 0.0f);
}

namespace {

// Reference broadcast: indexes a and b of a dense out index (shapes with the batch already set).
template <Binary OP>
std::vector<double> ref_binary(const std::vector<int64_t>& sa, const std::vector<int64_t>& sb, const float* a,
                               const float* b, std::vector<int64_t>& out_shape) {
  const size_t r = sa.size() > sb.size() ? sa.size() : sb.size();
  std::vector<int64_t> da(r, 1), db(r, 1);
  for (size_t i = 0; i < sa.size(); ++i) da[r - sa.size() + i] = sa[i];
  for (size_t i = 0; i < sb.size(); ++i) db[r - sb.size() + i] = sb[i];
  out_shape.assign(r, 1);
  int64_t total = 1;
  for (size_t i = 0; i < r; ++i) total *= out_shape[i] = da[i] > db[i] ? da[i] : db[i];
  std::vector<double> y(static_cast<size_t>(total));
  for (int64_t o = 0; o < total; ++o) {
    int64_t rem = o, ia = 0, ib = 0, stra = 1, strb = 1;
    for (size_t i = r; i-- > 0;) {
      const int64_t idx = rem % out_shape[i];
      rem /= out_shape[i];
      ia += (da[i] == 1 ? 0 : idx) * stra;
      ib += (db[i] == 1 ? 0 : idx) * strb;
      stra *= da[i];
      strb *= db[i];
    }
    const double x = a[ia], z = b[ib];
    double v = 0;
    switch (OP) {
      case Binary::Add: v = x + z; break;
      case Binary::Sub: v = x - z; break;
      case Binary::Mul: v = x * z; break;
      case Binary::Div: v = x / z; break;
      case Binary::Pow: v = std::pow(x, z); break;
      case Binary::Max: v = x > z ? x : z; break;
      case Binary::Min: v = x < z ? x : z; break;
    }
    y[static_cast<size_t>(o)] = v;
  }
  return y;
}

std::vector<int64_t> dims(Shape s, int64_t batch) {
  std::vector<int64_t> d;
  for (int i = 0; i < s.rank; ++i) d.push_back(s.d[i] == BATCH ? batch : s.d[i]);
  return d;
}

template <Binary OP, Shape A, Shape B>
void binary_case(int64_t batch, uint32_t seed, float lo = -2.0f, float hi = 2.0f) {
  const auto da = dims(A, batch), db = dims(B, batch);
  int64_t na = 1, nb = 1;
  for (auto v : da) na *= v;
  for (auto v : db) nb *= v;
  const auto a = random_vec(static_cast<size_t>(na), seed, lo, hi);
  auto b = random_vec(static_cast<size_t>(nb), seed + 1, lo, hi);
  if (OP == Binary::Div)
    for (auto& v : b) v = v < 0 ? v - 0.5f : v + 0.5f;
  std::vector<int64_t> out;
  const auto want = ref_binary<OP>(da, db, a.data(), b.data(), out);
  std::vector<float> y(want.size() + 1, 55.0f);
  binary<OP, A, B>(batch, a.data(), b.data(), y.data());
  constexpr Shape o = broadcast_shape<A, B>();
  CHECK(dims(o, batch) == out);
  CHECK_CLOSE("binary", y.data(), want, 2e-6, 1e-6);
  CHECK_EQ(y.back(), 55.0f);
}

}  // namespace

TEST(ml_binary_broadcast) {
  binary_case<Binary::Add, Shape{BATCH, 64, 128}, Shape{128}>(3, 1);     // bias over the last axis
  binary_case<Binary::Add, Shape{BATCH, 64, 128}, Shape{BATCH, 64, 128}>(2, 2);  // residual
  binary_case<Binary::Sub, Shape{BATCH, 7, 5}, Shape{BATCH, 7, 1}>(3, 3);   // x - mean
  binary_case<Binary::Div, Shape{BATCH, 7, 5}, Shape{BATCH, 7, 1}>(3, 4);
  binary_case<Binary::Mul, Shape{BATCH, 3, 4, 5}, Shape{3, 1, 1}>(2, 5);  // per channel
  binary_case<Binary::Mul, Shape{1, 5}, Shape{4, 1}>(1, 6);               // outer product
  binary_case<Binary::Sub, Shape{}, Shape{BATCH, 9}>(4, 7);               // scalar - tensor
  binary_case<Binary::Max, Shape{BATCH, 9}, Shape{}>(4, 8);
  binary_case<Binary::Min, Shape{2, 1, 3}, Shape{1, 4, 1}>(1, 9);
  binary_case<Binary::Add, Shape{}, Shape{}>(1, 10);
  binary_case<Binary::Add, Shape{BATCH}, Shape{1}>(17, 11);
  binary_case<Binary::Add, Shape{BATCH, 1, 6}, Shape{5, 1}>(2, 12);       // batch leads a new dim
  binary_case<Binary::Pow, Shape{BATCH, 33}, Shape{BATCH, 33}>(2, 13, 0.1f, 2.0f);
  binary_case<Binary::Add, Shape{BATCH, 8}, Shape{BATCH, 8}>(0, 14);     // empty batch
  // Pow by the exponents of decomposed norms: exact fast paths.
  const auto x = random_vec(50, 15, -3.0f, 3.0f);
  std::vector<float> y(50);
  for (float e : {2.0f, 3.0f, 1.0f, 0.5f, 1.7f}) {
    binary<Binary::Pow, Shape{BATCH, 10}, Shape{}>(5, x.data(), &e, y.data());
    for (size_t i = 0; i < 50; ++i) {
      const float want = std::pow(x[i], e);
      CHECK(y[i] == want || (std::isnan(y[i]) && std::isnan(want)) || std::fabs(y[i] - want) <= 1e-6f * std::fabs(want));
    }
  }
  static_assert(broadcast_shape<Shape{BATCH, 1, 6}, Shape{5, 1}>().rank == 3);
}

TEST(ml_softmax) {
  for (int64_t d : {1, 2, 15, 16, 17, 64, 100}) {
    const int64_t rows = 5;
    auto x = random_vec(static_cast<size_t>(rows * d), static_cast<uint32_t>(d), -10.0f, 10.0f);
    x[0] = 80.0f;  // large values stay finite (max subtracted)
    std::vector<float> y(x.size());
    switch (d) {
      case 1: softmax<1>(rows, x.data(), y.data()); break;
      case 2: softmax<2>(rows, x.data(), y.data()); break;
      case 15: softmax<15>(rows, x.data(), y.data()); break;
      case 16: softmax<16>(rows, x.data(), y.data()); break;
      case 17: softmax<17>(rows, x.data(), y.data()); break;
      case 64: softmax<64>(rows, x.data(), y.data()); break;
      default: softmax<100>(rows, x.data(), y.data()); break;
    }
    std::vector<double> want(x.size());
    for (int64_t r = 0; r < rows; ++r) {
      double m = -INFINITY, s = 0;
      for (int64_t j = 0; j < d; ++j) m = std::max(m, static_cast<double>(x[static_cast<size_t>(r * d + j)]));
      for (int64_t j = 0; j < d; ++j) s += std::exp(x[static_cast<size_t>(r * d + j)] - m);
      for (int64_t j = 0; j < d; ++j)
        want[static_cast<size_t>(r * d + j)] = std::exp(x[static_cast<size_t>(r * d + j)] - m) / s;
    }
    // x - max is rounded to float first (as in ONNX Runtime): 2 ulp of the exponent's argument.
    CHECK_CLOSE("softmax", y.data(), want, 3e-6, 1e-30);
  }
  // A non-last axis: [2, 5, 3], softmax over the 5.
  const auto x = random_vec(30, 77, -3.0f, 3.0f);
  std::vector<float> y(30);
  softmax<5, 3>(2, x.data(), y.data());
  std::vector<double> want(30);
  for (int o = 0; o < 2; ++o)
    for (int l = 0; l < 3; ++l) {
      double s = 0;
      for (int j = 0; j < 5; ++j) s += std::exp(static_cast<double>(x[static_cast<size_t>(o * 15 + j * 3 + l)]));
      for (int j = 0; j < 5; ++j)
        want[static_cast<size_t>(o * 15 + j * 3 + l)] = std::exp(static_cast<double>(x[static_cast<size_t>(o * 15 + j * 3 + l)])) / s;
    }
  CHECK_CLOSE("softmax axis 1", y.data(), want, 1e-6, 1e-30);
}

namespace {

template <int64_t D>
void layer_norm_case(int64_t rows, bool with_beta, uint32_t seed) {
  const auto x = random_vec(static_cast<size_t>(rows * D), seed, -3.0f, 5.0f);
  const auto g = random_vec(D, seed + 1), b = random_vec(D, seed + 2);
  std::vector<float> y(x.size());
  layer_norm<D>(rows, x.data(), g.data(), with_beta ? b.data() : nullptr, 1e-5f, y.data());
  std::vector<double> want(x.size());
  for (int64_t r = 0; r < rows; ++r) {
    double m = 0, v = 0;
    for (int64_t j = 0; j < D; ++j) m += x[static_cast<size_t>(r * D + j)];
    m /= D;
    for (int64_t j = 0; j < D; ++j) v += (x[static_cast<size_t>(r * D + j)] - m) * (x[static_cast<size_t>(r * D + j)] - m);
    v /= D;
    for (int64_t j = 0; j < D; ++j)
      want[static_cast<size_t>(r * D + j)] = (x[static_cast<size_t>(r * D + j)] - m) / std::sqrt(v + 1e-5) * g[static_cast<size_t>(j)] +
                                            (with_beta ? b[static_cast<size_t>(j)] : 0.0);
  }
  CHECK_CLOSE("layer_norm", y.data(), want, 2e-6, 1.0);
}

}  // namespace

TEST(ml_layer_norm) {
  layer_norm_case<128>(7, true, 1);
  layer_norm_case<128>(3, false, 2);
  layer_norm_case<37>(5, true, 3);
  layer_norm_case<1>(4, true, 4);
  layer_norm_case<5>(2, false, 5);
}

TEST(ml_batch_norm) {
  constexpr int64_t C = 3, HW = 19;
  const auto x = random_vec(2 * C * HW, 1, -2.0f, 2.0f);
  const auto gamma = random_vec(C, 2), beta = random_vec(C, 3), mean = random_vec(C, 4);
  const auto var = random_vec(C, 5, 0.1f, 2.0f);
  std::vector<float> scale(C), shift(C), y(x.size());
  batch_norm_fold(C, gamma.data(), beta.data(), mean.data(), var.data(), 1e-5f, scale.data(), shift.data());
  batch_norm<C, HW, Act::Relu>(2, x.data(), scale.data(), shift.data(), y.data());
  std::vector<double> want(x.size());
  for (int64_t p = 0; p < 2 * C; ++p)
    for (int64_t i = 0; i < HW; ++i) {
      const int64_t c = p % C;
      const double v = (x[static_cast<size_t>(p * HW + i)] - mean[static_cast<size_t>(c)]) /
                           std::sqrt(static_cast<double>(var[static_cast<size_t>(c)]) + 1e-5) * gamma[static_cast<size_t>(c)] +
                       beta[static_cast<size_t>(c)];
      want[static_cast<size_t>(p * HW + i)] = v > 0 ? v : 0;
    }
  CHECK_CLOSE("batch_norm", y.data(), want, 2e-6, 1.0);
}

TEST(ml_transpose) {
  // [B, S, H, D] -> [B, H, S, D] (attention heads) and -> [B, H, D, S] (keys transposed).
  const int64_t b = 2;
  const auto x = random_vec(static_cast<size_t>(b * 5 * 3 * 4), 1);
  std::vector<float> y(x.size()), z(x.size());
  transpose<Shape{BATCH, 5, 3, 4}, Perm{0, 2, 1, 3}>(b, x.data(), y.data());
  transpose<Shape{BATCH, 5, 3, 4}, Perm{0, 2, 3, 1}>(b, x.data(), z.data());
  bool ok_y = true, ok_z = true;
  for (int64_t i = 0; i < b; ++i)
    for (int64_t s = 0; s < 5; ++s)
      for (int64_t h = 0; h < 3; ++h)
        for (int64_t d = 0; d < 4; ++d) {
          const float v = x[static_cast<size_t>(((i * 5 + s) * 3 + h) * 4 + d)];
          ok_y = ok_y && y[static_cast<size_t>(((i * 3 + h) * 5 + s) * 4 + d)] == v;
          ok_z = ok_z && z[static_cast<size_t>(((i * 3 + h) * 4 + d) * 5 + s)] == v;
        }
  CHECK(ok_y);
  CHECK(ok_z);
  // A 2-D transpose and the batch moved inward.
  const auto m = random_vec(6, 2);
  std::vector<float> mt(6);
  transpose<Shape{2, 3}, Perm{1, 0}>(1, m.data(), mt.data());
  CHECK_EQ(mt[1], m[3]);
  CHECK_EQ(mt[5], m[5]);
  CHECK_EQ(mt[2], m[1]);
  std::vector<float> w(x.size());
  transpose<Shape{BATCH, 5, 3, 4}, Perm{1, 0, 2, 3}>(b, x.data(), w.data());
  CHECK_EQ(w[static_cast<size_t>(((3 * b + 1) * 3 + 2) * 4 + 1)], x[static_cast<size_t>(((1 * 5 + 3) * 3 + 2) * 4 + 1)]);
}

TEST(ml_concat_gather_slice) {
  const auto a = random_vec(2 * 3, 1), b = random_vec(2 * 5, 2), c = random_vec(2 * 1, 3);
  std::vector<float> y(2 * 9);
  concat<3, 5, 1>(2, y.data(), a.data(), b.data(), c.data());
  CHECK_EQ(y[0], a[0]);
  CHECK_EQ(y[3], b[0]);
  CHECK_EQ(y[8], c[0]);
  CHECK_EQ(y[9], a[3]);
  CHECK_EQ(y[16], b[9]);
  CHECK_EQ(y[17], c[1]);

  // Embedding lookup: 10 x 4 table, indices with a negative one.
  const auto table = random_vec(40, 4);
  const int64_t idx[5] = {3, 0, 9, -1, 3};
  std::vector<float> e(20);
  gather<10, 4>(1, table.data(), idx, 5, e.data());
  CHECK(std::memcmp(e.data(), table.data() + 12, 16) == 0);
  CHECK(std::memcmp(e.data() + 4, table.data(), 16) == 0);
  CHECK(std::memcmp(e.data() + 8, table.data() + 36, 16) == 0);
  CHECK(std::memcmp(e.data() + 12, table.data() + 36, 16) == 0);
  const int32_t idx32[2] = {1, 2};
  gather<10, 4, int32_t>(1, table.data(), idx32, 2, e.data());
  CHECK_EQ(e[4], table[8]);
  // Gather on axis 1 (the first token of each sequence): data [2, 3, 4], index 0.
  const auto seq = random_vec(24, 5);
  const int64_t first = 0;
  std::vector<float> f(8);
  gather<3, 4>(2, seq.data(), &first, 1, f.data());
  CHECK_EQ(f[0], seq[0]);
  CHECK_EQ(f[4], seq[12]);
  const int64_t bad[2] = {1, 10};
  CHECK_RAISES((gather<10, 4>(1, table.data(), bad, 2, e.data())), "Gather: index out of range");
  const int64_t bad_neg[1] = {-11};
  CHECK_RAISES((gather<10, 4>(1, table.data(), bad_neg, 1, e.data())), "Gather: index out of range");

  // Slice [2, 10, 3] along axis 1: start 1, 3 values, step 4 -> indices 1, 5, 9.
  const auto s = random_vec(60, 6);
  std::vector<float> sl(18);
  slice<10, 3, 1, 3, 4>(2, s.data(), sl.data());
  CHECK_EQ(sl[0], s[3]);
  CHECK_EQ(sl[3], s[15]);
  CHECK_EQ(sl[8], s[29]);
  CHECK_EQ(sl[9], s[33]);
}

TEST(ml_reduce_argmax) {
  const auto x = random_vec(4 * 37, 1);
  std::vector<float> y(4);
  reduce_mean<37>(4, x.data(), y.data());
  std::vector<double> want(4, 0.0);
  for (int r = 0; r < 4; ++r) {
    for (int i = 0; i < 37; ++i) want[static_cast<size_t>(r)] += x[static_cast<size_t>(r * 37 + i)];
    want[static_cast<size_t>(r)] /= 37;
  }
  CHECK_CLOSE("reduce_mean", y.data(), want, 1e-6, 1e-3);
  reduce_sum<37>(4, x.data(), y.data());
  for (auto& w : want) w *= 37;
  CHECK_CLOSE("reduce_sum", y.data(), want, 1e-6, 1e-3);

  const float v[2 * 4] = {1, 5, 5, 2, -1, -3, -0.5f, -7};
  int64_t am[2];
  argmax<4>(2, v, am);
  CHECK_EQ(am[0], 1);
  CHECK_EQ(am[1], 2);
  argmax<4>(2, v, am, true);
  CHECK_EQ(am[0], 2);
  // Along axis 0 of [4, 2]: columns.
  argmax<4, 2>(1, v, am);
  CHECK_EQ(am[0], 1);  // 1, 5, -1, -0.5
  CHECK_EQ(am[1], 0);  // 5, 2, -3, -7
  const float nan_first[3] = {NAN, 1, 2};
  argmax<3>(1, nan_first, am);
  CHECK_EQ(am[0], 2);
}
