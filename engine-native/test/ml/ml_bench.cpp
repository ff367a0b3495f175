// Micro-benchmark of the ML kernels (not a test): GFLOP/s of GEMM at the MLP's shapes, of the
// SqueezeNet convolutions and of attention's batched MatMul, against this core's measured FMA peak.
// Single-threaded, as each kernel call runs on one worker. Usage: ml_bench [seconds per case].
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "flern/ml/ml.hpp"

using namespace flern::ml;
using Clock = std::chrono::steady_clock;

namespace {

double g_seconds = 0.2;

std::vector<float> rnd(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

// Best of 3 runs of at least g_seconds / 3 each: seconds per call.
template <class F>
double time_call(F&& f) {
  f();
  double best = 1e30;
  for (int rep = 0; rep < 3; ++rep) {
    int64_t calls = 0;
    const auto t0 = Clock::now();
    double s = 0;
    do {
      f();
      ++calls;
      s = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (s < g_seconds / 3);
    if (s / static_cast<double>(calls) < best) best = s / static_cast<double>(calls);
  }
  return best;
}

// FMA throughput: 12 independent accumulator chains of simd::fmadd.
double peak_gflops() {
  simd::vf acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = simd::set1(0.001f * static_cast<float>(i));
  const simd::vf m = simd::set1(0.9999f), a = simd::set1(0.0001f);
  const int64_t iters = 20000000;
  const auto t0 = Clock::now();
  for (int64_t r = 0; r < iters; ++r) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; ++i) acc[i] = simd::fmadd(acc[i], m, a);
  }
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  float sink = 0;
  for (int i = 0; i < 12; ++i) sink += simd::hsum(acc[i]);
  if (sink == 12345.0f) std::puts("");
  return 12.0 * 2.0 * simd::VL * static_cast<double>(iters) / s / 1e9;
}

double g_peak = 0;

void report(const char* what, double flops, double s) {
  const double gf = flops / s / 1e9;
  std::printf("%-52s %10.2f us  %8.2f GFLOP/s  %5.1f%% of peak\n", what, s * 1e6, gf, 100.0 * gf / g_peak);
}

template <int64_t K, int64_t N, Act ACT>
void bench_gemm(int64_t m) {
  const auto a = rnd(static_cast<size_t>(m * K), 1), b = rnd(static_cast<size_t>(K * N), 2), bias = rnd(N, 3);
  std::vector<float> packed(static_cast<size_t>(packed_b_size<K, N>())), c(static_cast<size_t>(m * N));
  pack_b<K, N>(b.data(), false, packed.data());
  const double s = time_call([&] { gemm<K, N, ACT>(m, a.data(), packed.data(), bias.data(), c.data()); });
  char what[96];
  std::snprintf(what, sizeof what, "gemm M=%ld K=%ld N=%ld %s", static_cast<long>(m), static_cast<long>(K),
                static_cast<long>(N), ACT == Act::Relu ? "+bias+relu" : "+bias");
  report(what, 2.0 * static_cast<double>(m * K * N), s);
}

// The whole MLP: 32 -> 256 (Relu) -> 256 (Relu) -> 2, then Softmax.
void bench_mlp(int64_t m) {
  const auto x = rnd(static_cast<size_t>(m * 32), 4);
  const auto w1 = rnd(32 * 256, 5), w2 = rnd(256 * 256, 6), w3 = rnd(256 * 2, 7), b = rnd(256, 8);
  std::vector<float> p1(packed_b_size<32, 256>()), p2(packed_b_size<256, 256>()), p3(packed_b_size<256, 2>());
  pack_b<32, 256>(w1.data(), false, p1.data());
  pack_b<256, 256>(w2.data(), false, p2.data());
  pack_b<256, 2>(w3.data(), false, p3.data());
  std::vector<float> h1(static_cast<size_t>(m * 256)), h2(static_cast<size_t>(m * 256)), out(static_cast<size_t>(m * 2));
  const double s = time_call([&] {
    gemm<32, 256, Act::Relu>(m, x.data(), p1.data(), b.data(), h1.data());
    gemm<256, 256, Act::Relu>(m, h1.data(), p2.data(), b.data(), h2.data());
    gemm<256, 2>(m, h2.data(), p3.data(), b.data(), out.data());
    softmax<2>(m, out.data(), out.data());
  });
  char what[96];
  std::snprintf(what, sizeof what, "MLP 32-256-256-2 + softmax, batch %ld", static_cast<long>(m));
  report(what, 2.0 * static_cast<double>(m) * (32 * 256 + 256 * 256 + 256 * 2), s);
}

template <Conv2d S>
void bench_conv(const char* name, int64_t n) {
  const auto x = rnd(static_cast<size_t>(n * S.c * S.h * S.w), 9);
  const auto w = rnd(static_cast<size_t>(S.m * S.cg() * S.kh * S.kw), 10), bias = rnd(S.m, 11);
  std::vector<float> ws(static_cast<size_t>(conv_workspace<S>() + 1));
  std::vector<float> y(static_cast<size_t>(n * S.m * S.oh() * S.ow()));
  std::vector<float> packed(static_cast<size_t>(conv_packed_size<S>()));
  pack_conv<S>(w.data(), packed.data());
  const double s = time_call([&] { conv2d<S, Act::Relu>(n, x.data(), packed.data(), bias.data(), y.data(), ws.data()); });
  char what[96];
  std::snprintf(what, sizeof what, "conv %s %ldx%ldx%ld->%ldx%ldx%ld k%ld, %ld img%s", name, static_cast<long>(S.c),
                static_cast<long>(S.h), static_cast<long>(S.w), static_cast<long>(S.m), static_cast<long>(S.oh()),
                static_cast<long>(S.ow()), static_cast<long>(S.kh), static_cast<long>(n), S.channels_major() ? " (T)" : "");
  report(what, 2.0 * static_cast<double>(n * S.m * S.oh() * S.ow() * S.cg() * S.kh * S.kw), s);
}

template <Pool2d S>
void bench_pool(int64_t n) {
  const auto x = rnd(static_cast<size_t>(n * S.c * S.h * S.w), 12);
  std::vector<float> y(static_cast<size_t>(n * S.c * S.oh() * S.ow()));
  const double s = time_call([&] { max_pool<S>(n, x.data(), y.data()); });
  char what[96];
  std::snprintf(what, sizeof what, "maxpool 3x3/2 %ldx%ldx%ld, %ld img", static_cast<long>(S.c), static_cast<long>(S.h),
                static_cast<long>(S.w), static_cast<long>(n));
  std::printf("%-52s %10.2f us  %8.2f Gelem/s\n", what, s * 1e6,
              static_cast<double>(n * S.c * S.oh() * S.ow() * 9) / s / 1e9);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) g_seconds = std::atof(argv[1]);
  g_peak = peak_gflops();
  std::printf("ISA %s (%d lanes), single thread; measured FMA peak %.1f GFLOP/s per core\n\n", simd::ISA, simd::VL,
              g_peak);
  for (int64_t m : {1, 1024}) {
    bench_gemm<32, 256, Act::Relu>(m);
    bench_gemm<256, 256, Act::Relu>(m);
    bench_gemm<256, 2, Act::None>(m);
  }
  bench_mlp(1);
  bench_mlp(1024);
  std::puts("");
  // SqueezeNet 1.1 on 3 x 64 x 64: conv1 and the 3x3/1x1 convolutions of its fire modules.
  constexpr int64_t P = 1;
  bench_conv<Conv2d{.c = 3, .h = 64, .w = 64, .m = 64, .kh = 3, .kw = 3, .sh = 2, .sw = 2}>("conv1", 1);
  bench_conv<Conv2d{.c = 64, .h = 15, .w = 15, .m = 16, .kh = 1, .kw = 1}>("fire2 squeeze", 1);
  bench_conv<Conv2d{.c = 16, .h = 15, .w = 15, .m = 64, .kh = 1, .kw = 1}>("fire2 expand1x1", 1);
  bench_conv<Conv2d{.c = 16, .h = 15, .w = 15, .m = 64, .kh = 3, .kw = 3, .pt = P, .pl = P, .pb = P, .pr = P}>(
      "fire2 expand3x3", 1);
  bench_conv<Conv2d{.c = 32, .h = 7, .w = 7, .m = 128, .kh = 3, .kw = 3, .pt = P, .pl = P, .pb = P, .pr = P}>(
      "fire4 expand3x3", 1);
  bench_conv<Conv2d{.c = 64, .h = 3, .w = 3, .m = 256, .kh = 3, .kw = 3, .pt = P, .pl = P, .pb = P, .pr = P}>(
      "fire8 expand3x3", 1);
  bench_conv<Conv2d{.c = 512, .h = 3, .w = 3, .m = 1000, .kh = 1, .kw = 1}>("conv10", 1);
  bench_conv<Conv2d{.c = 16, .h = 15, .w = 15, .m = 64, .kh = 3, .kw = 3, .pt = P, .pl = P, .pb = P, .pr = P}>(
      "fire2 expand3x3", 32);
  bench_pool<Pool2d{.c = 64, .h = 31, .w = 31, .kh = 3, .kw = 3, .sh = 2, .sw = 2, .ceil_mode = true}>(1);
  std::puts("");
  // BERT-tiny attention: 2 heads, S = 64, D = 64: Q.K^T and P.V per sequence.
  {
    const int64_t heads = 2;
    const auto q = rnd(static_cast<size_t>(heads * 64 * 64), 13), k = rnd(static_cast<size_t>(heads * 64 * 64), 14);
    std::vector<float> ws(static_cast<size_t>(matmul_workspace<64, 64>())), c(static_cast<size_t>(heads * 64 * 64));
    const double s = time_call([&] { matmul_batched<64, 64, 64>(heads, q.data(), 64 * 64, k.data(), 64 * 64, c.data(), ws.data()); });
    report("matmul_batched 2 x [64x64].[64x64] (attention)", 2.0 * heads * 64 * 64 * 64, s);
  }
  return 0;
}
