// Convolution (pads, strides, dilations, groups, depthwise, 1x1, fused bias and activation, output
// into a Concat slice) and pools against naive references.
#include "ml_ref.hpp"

using namespace flern::ml;
using ml_test::random_vec;
using ml_test::ref_conv;

namespace {

template <Conv2d S, Act ACT = Act::None>
void conv_case(int64_t n, uint32_t seed, bool with_bias = true, float alpha = 0.1f) {
  const auto x = random_vec(static_cast<size_t>(n * S.c * S.h * S.w), seed);
  const auto w = random_vec(static_cast<size_t>(S.m * S.cg() * S.kh * S.kw), seed + 1);
  const auto bias = random_vec(static_cast<size_t>(S.m), seed + 2);
  std::vector<float> ws(static_cast<size_t>(conv_workspace<S>() + 1), -3.0f);
  std::vector<float> y(static_cast<size_t>(n * S.m * S.oh() * S.ow()), 77.0f);
  std::vector<float> packed(static_cast<size_t>(conv_packed_size<S>()));
  pack_conv<S>(w.data(), packed.data());
  conv2d<S, ACT>(n, x.data(), packed.data(), with_bias ? bias.data() : nullptr, y.data(), ws.data(), alpha);
  const auto want = ref_conv(S, n, x.data(), w.data(), with_bias ? bias.data() : nullptr, ACT, alpha);
  char what[128];
  std::snprintf(what, sizeof what, "conv%s c=%ld h=%ld w=%ld m=%ld k=%ldx%ld s=%ld,%ld g=%ld act=%d",
                S.channels_major() ? " (channels major)" : "",
                static_cast<long>(S.c), static_cast<long>(S.h), static_cast<long>(S.w), static_cast<long>(S.m),
                static_cast<long>(S.kh), static_cast<long>(S.kw), static_cast<long>(S.sh), static_cast<long>(S.sw),
                static_cast<long>(S.groups), static_cast<int>(ACT));
  CHECK_CLOSE(what, y.data(), want, 1e-5, 1.0);
  CHECK(ws.back() == -3.0f);  // the workspace size is enough
}

}  // namespace

TEST(ml_conv_shapes) {
  conv_case<Conv2d{.c = 3, .h = 8, .w = 8, .m = 5, .kh = 3, .kw = 3}>(2, 1);
  conv_case<Conv2d{.c = 3, .h = 9, .w = 7, .m = 5, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Relu>(2, 2);
  conv_case<Conv2d{.c = 3, .h = 17, .w = 19, .m = 13, .kh = 3, .kw = 3, .sh = 2, .sw = 2}, Act::Relu>(1, 3);
  conv_case<Conv2d{.c = 2, .h = 11, .w = 12, .m = 3, .kh = 3, .kw = 2, .sh = 2, .sw = 3, .pt = 2, .pl = 0,
                   .pb = 1, .pr = 2}>(1, 4);  // asymmetric pads and strides
  conv_case<Conv2d{.c = 4, .h = 13, .w = 13, .m = 6, .kh = 3, .kw = 3, .pt = 2, .pl = 2, .pb = 2, .pr = 2,
                   .dh = 2, .dw = 2},
            Act::LeakyRelu>(1, 5);  // dilation
  conv_case<Conv2d{.c = 8, .h = 10, .w = 9, .m = 6, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1,
                   .groups = 2},
            Act::Relu>(2, 6);  // grouped
  conv_case<Conv2d{.c = 16, .h = 7, .w = 7, .m = 64, .kh = 1, .kw = 1}, Act::Relu>(2, 7);  // 1x1
  conv_case<Conv2d{.c = 16, .h = 5, .w = 5, .m = 24, .kh = 1, .kw = 1, .sh = 2, .sw = 2}>(1, 8);  // strided 1x1
  conv_case<Conv2d{.c = 5, .h = 6, .w = 6, .m = 7, .kh = 3, .kw = 3}>(1, 9, false);  // no bias
  conv_case<Conv2d{.c = 3, .h = 64, .w = 64, .m = 64, .kh = 3, .kw = 3, .sh = 2, .sw = 2}, Act::Relu>(1, 10);
  conv_case<Conv2d{.c = 16, .h = 15, .w = 15, .m = 64, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Relu>(1, 11);  // SqueezeNet fire expand 3x3
  conv_case<Conv2d{.c = 70, .h = 6, .w = 5, .m = 9, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Sigmoid>(1, 12);  // K = 630: past one KC block
  conv_case<Conv2d{.c = 1, .h = 1, .w = 1, .m = 1, .kh = 1, .kw = 1}>(3, 13);
  conv_case<Conv2d{.c = 2, .h = 4, .w = 4, .m = 2, .kh = 5, .kw = 5, .pt = 2, .pl = 2, .pb = 2, .pr = 2}>(1, 14);
}

TEST(ml_conv_direct) {
  // Stride 1, one group: the direct kernels. Positions as lanes (padded copy or the input itself,
  // an overlapping last tile, output channels not a multiple of the sliver) ...
  static_assert(Conv2d{.c = 7, .h = 9, .w = 11, .m = 10}.direct());
  conv_case<Conv2d{.c = 5, .h = 20, .w = 9, .m = 11, .kh = 3, .kw = 2, .pt = 1, .pl = 0, .pb = 2, .pr = 1},
            Act::Relu>(2, 40);
  conv_case<Conv2d{.c = 7, .h = 9, .w = 11, .m = 10, .kh = 1, .kw = 1}>(2, 41);
  // 225 positions read in place: 15 vectors, tiles of 3 must not read past the input (the last one
  // ends at the last position).
  conv_case<Conv2d{.c = 4, .h = 15, .w = 15, .m = 16, .kh = 1, .kw = 1}, Act::Relu>(1, 47);
  conv_case<Conv2d{.c = 3, .h = 2, .w = 3, .m = 4, .kh = 2, .kw = 2}, Act::Tanh>(3, 42);
  // One vector per output row (AVX-512: rows of 16 padded to 18), a last tile of two rows.
  conv_case<Conv2d{.c = 3, .h = 8, .w = 16, .m = 11, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Relu>(2, 46);
  // ... and channels as lanes (im2col or the input itself, row tiles overlapping at the end, a
  // channel tail narrower than a vector).
  conv_case<Conv2d{.c = 9, .h = 7, .w = 7, .m = 40, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Relu>(2, 43);
  conv_case<Conv2d{.c = 17, .h = 4, .w = 5, .m = 33, .kh = 1, .kw = 1}, Act::LeakyRelu>(2, 44, false);
  conv_case<Conv2d{.c = 6, .h = 1, .w = 1, .m = 100, .kh = 1, .kw = 1}>(3, 45);
}

TEST(ml_conv_channels_major) {
  // Small images: vectorised along the output channels against packed weights.
  static_assert(Conv2d{.c = 64, .h = 3, .w = 3, .m = 256, .kh = 3, .kw = 3}.channels_major());
  static_assert(!Conv2d{.c = 16, .h = 15, .w = 15, .m = 64, .kh = 3, .kw = 3}.channels_major());
  conv_case<Conv2d{.c = 64, .h = 3, .w = 3, .m = 256, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Relu>(2, 50);  // SqueezeNet fire8 expand 3x3, K = 576
  conv_case<Conv2d{.c = 32, .h = 7, .w = 7, .m = 128, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1},
            Act::Relu>(1, 51);
  conv_case<Conv2d{.c = 512, .h = 3, .w = 3, .m = 20, .kh = 1, .kw = 1}>(2, 52);  // 1x1 classifier, Mg = 20
  conv_case<Conv2d{.c = 32, .h = 5, .w = 6, .m = 64, .kh = 3, .kw = 2, .sh = 2, .sw = 1, .pt = 1, .pl = 0,
                   .pb = 1, .pr = 1, .groups = 2},
            Act::Tanh>(2, 53);  // grouped, asymmetric
  conv_case<Conv2d{.c = 8, .h = 6, .w = 4, .m = 16, .kh = 3, .kw = 3, .dh = 2, .dw = 1}>(1, 54, false);
}

TEST(ml_conv_depthwise) {
  conv_case<Conv2d{.c = 6, .h = 9, .w = 21, .m = 6, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1,
                   .groups = 6},
            Act::Relu>(2, 20);
  conv_case<Conv2d{.c = 4, .h = 11, .w = 10, .m = 4, .kh = 3, .kw = 3, .sh = 2, .sw = 2, .pt = 1, .pl = 1,
                   .groups = 4}>(1, 21);
  conv_case<Conv2d{.c = 3, .h = 12, .w = 40, .m = 3, .kh = 5, .kw = 3, .pt = 4, .pl = 2, .pb = 4, .pr = 2,
                   .dh = 2, .dw = 2, .groups = 3},
            Act::Gelu>(1, 22);
  // A channel multiplier (M = 2C) is a grouped convolution, not the depthwise kernel.
  conv_case<Conv2d{.c = 3, .h = 7, .w = 7, .m = 6, .kh = 3, .kw = 3, .groups = 3}, Act::Relu>(1, 23);
}

TEST(ml_conv_into_concat) {
  // Two convolutions writing the channel halves of one Concat output (y_image_stride).
  constexpr Conv2d A{.c = 4, .h = 6, .w = 6, .m = 3, .kh = 1, .kw = 1};
  constexpr Conv2d B{.c = 4, .h = 6, .w = 6, .m = 16, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1};
  static_assert(B.channels_major() && !A.channels_major());
  const int64_t n = 2, hw = 36, total = (A.m + B.m) * hw;
  const auto x = random_vec(static_cast<size_t>(n * 4 * hw), 30);
  const auto wa = random_vec(static_cast<size_t>(A.m * 4), 31), wb = random_vec(static_cast<size_t>(B.m * 36), 32);
  std::vector<float> ws(static_cast<size_t>(conv_workspace<B>()));
  std::vector<float> y(static_cast<size_t>(n * total));
  std::vector<float> pa(conv_packed_size<A>()), pb(conv_packed_size<B>());
  pack_conv<A>(wa.data(), pa.data());
  pack_conv<B>(wb.data(), pb.data());
  conv2d<A, Act::Relu>(n, x.data(), pa.data(), nullptr, y.data(), ws.data(), 0.0f, total);
  conv2d<B, Act::Relu>(n, x.data(), pb.data(), nullptr, y.data() + A.m * hw, ws.data(), 0.0f, total);
  const auto ra = ref_conv(A, n, x.data(), wa.data(), nullptr, Act::Relu, 0);
  const auto rb = ref_conv(B, n, x.data(), wb.data(), nullptr, Act::Relu, 0);
  std::vector<double> want;
  for (int64_t i = 0; i < n; ++i) {
    want.insert(want.end(), ra.begin() + i * A.m * hw, ra.begin() + (i + 1) * A.m * hw);
    want.insert(want.end(), rb.begin() + i * B.m * hw, rb.begin() + (i + 1) * B.m * hw);
  }
  CHECK_CLOSE("conv into concat", y.data(), want, 1e-5, 1.0);
}

namespace {

std::vector<double> ref_pool(const Pool2d& s, int64_t n, const float* x, bool max) {
  const int64_t oh = s.oh(), ow = s.ow();
  std::vector<double> y(static_cast<size_t>(n * s.c * oh * ow));
  for (int64_t p = 0; p < n * s.c; ++p)
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j) {
        double acc = max ? -INFINITY : 0.0;
        int64_t cnt = 0;
        for (int64_t ki = 0; ki < s.kh; ++ki)
          for (int64_t kj = 0; kj < s.kw; ++kj) {
            const int64_t ih = i * s.sh - s.pt + ki * s.dh, iw = j * s.sw - s.pl + kj * s.dw;
            const bool inside = ih >= 0 && ih < s.h && iw >= 0 && iw < s.w;
            if (s.count_include_pad ? (ih < s.h + s.pb && iw < s.w + s.pr) : inside) ++cnt;
            if (!inside) continue;
            const double v = x[(p * s.h + ih) * s.w + iw];
            acc = max ? (v > acc ? v : acc) : acc + v;
          }
        y[static_cast<size_t>((p * oh + i) * ow + j)] = max ? acc : acc / static_cast<double>(cnt);
      }
  return y;
}

template <Pool2d S>
void pool_case(int64_t n, uint32_t seed, int64_t want_oh, int64_t want_ow) {
  CHECK_EQ(S.oh(), want_oh);
  CHECK_EQ(S.ow(), want_ow);
  const auto x = random_vec(static_cast<size_t>(n * S.c * S.h * S.w), seed, -5.0f, 1.0f);
  std::vector<float> y(static_cast<size_t>(n * S.c * S.oh() * S.ow()));
  max_pool<S>(n, x.data(), y.data());
  CHECK_CLOSE("max_pool", y.data(), ref_pool(S, n, x.data(), true), 0.0, 1.0);
  avg_pool<S>(n, x.data(), y.data());
  CHECK_CLOSE("avg_pool", y.data(), ref_pool(S, n, x.data(), false), 1e-6, 1.0);
}

}  // namespace

TEST(ml_pools) {
  // SqueezeNet: 3x3 stride 2, ceil_mode.
  pool_case<Pool2d{.c = 4, .h = 31, .w = 31, .kh = 3, .kw = 3, .sh = 2, .sw = 2, .ceil_mode = true}>(2, 1, 15, 15);
  pool_case<Pool2d{.c = 4, .h = 64, .w = 64, .kh = 3, .kw = 3, .sh = 2, .sw = 2, .ceil_mode = true}>(1, 2, 32, 32);
  pool_case<Pool2d{.c = 4, .h = 64, .w = 64, .kh = 3, .kw = 3, .sh = 2, .sw = 2}>(1, 3, 31, 31);
  pool_case<Pool2d{.c = 3, .h = 10, .w = 37, .kh = 2, .kw = 2, .sh = 2, .sw = 2}>(1, 4, 5, 18);
  pool_case<Pool2d{.c = 3, .h = 9, .w = 40, .kh = 3, .kw = 3, .pt = 1, .pl = 1, .pb = 1, .pr = 1}>(1, 5, 9, 40);
  pool_case<Pool2d{.c = 2, .h = 9, .w = 9, .kh = 3, .kw = 3, .sh = 2, .sw = 2, .pt = 1, .pl = 1, .pb = 1, .pr = 1,
                   .count_include_pad = true}>(1, 6, 5, 5);
  pool_case<Pool2d{.c = 2, .h = 10, .w = 10, .kh = 3, .kw = 3, .sh = 2, .sw = 2, .pt = 1, .pl = 1, .pb = 1,
                   .pr = 1, .ceil_mode = true, .count_include_pad = true}>(1, 7, 6, 6);
  pool_case<Pool2d{.c = 2, .h = 12, .w = 50, .kh = 2, .kw = 3, .sh = 3, .sw = 3, .pt = 1, .pl = 2, .dh = 2,
                   .dw = 2}>(1, 8, 4, 16);
  pool_case<Pool2d{.c = 1, .h = 1, .w = 1, .kh = 1, .kw = 1}>(3, 9, 1, 1);
}

TEST(ml_global_avg_pool) {
  const auto x = random_vec(6 * 49, 40);
  std::vector<float> y(6);
  global_avg_pool<49>(6, x.data(), y.data());
  std::vector<double> want(6, 0.0);
  for (int p = 0; p < 6; ++p) {
    for (int i = 0; i < 49; ++i) want[static_cast<size_t>(p)] += x[static_cast<size_t>(p * 49 + i)];
    want[static_cast<size_t>(p)] /= 49.0;
  }
  CHECK_CLOSE("global_avg_pool", y.data(), want, 1e-6, 1.0);
}
