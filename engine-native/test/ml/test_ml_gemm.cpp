// GEMM (every epilogue, odd sizes, the small-N path, K and N past one cache block, strides, row
// ranges) and batched MatMul, against a double-precision reference.
#include "ml_ref.hpp"

using namespace flern::ml;
using ml_test::random_vec;
using ml_test::ref_gemm;

namespace {

// One GEMM case: random A (m x K, row stride lda >= K), B, bias; checks C (row stride ldc >= N)
// and that the padding columns of C between rows stay untouched.
template <int64_t K, int64_t N, Act ACT>
void gemm_case(int64_t m, uint32_t seed, bool transposed = false, bool with_bias = true, int64_t lda_pad = 0,
               int64_t ldc_pad = 0, float alpha = 0.1f) {
  const int64_t lda = K + lda_pad, ldc = N + ldc_pad;
  const auto a = random_vec(static_cast<size_t>(m * lda + 1), seed);
  const auto b = random_vec(static_cast<size_t>(K * N), seed + 1);  // K x N row-major
  const auto bias = random_vec(static_cast<size_t>(N), seed + 2);
  std::vector<float> bt(static_cast<size_t>(K * N));  // N x K, for the transposed packing
  for (int64_t k = 0; k < K; ++k)
    for (int64_t n = 0; n < N; ++n) bt[static_cast<size_t>(n * K + k)] = b[static_cast<size_t>(k * N + n)];
  std::vector<float> packed(static_cast<size_t>(packed_b_size<K, N>()), -7.0f);
  pack_b<K, N>(transposed ? bt.data() : b.data(), transposed, packed.data());
  std::vector<float> c(static_cast<size_t>(m * ldc + 1), 123.0f);
  gemm<K, N, ACT>(m, a.data(), lda, packed.data(), with_bias ? bias.data() : nullptr, c.data(), ldc, alpha);
  const auto want = ref_gemm(m, N, K, a.data(), lda, b.data(), with_bias ? bias.data() : nullptr, ACT, alpha);
  std::vector<float> dense(static_cast<size_t>(m * N));
  bool pad_ok = c[static_cast<size_t>(m * ldc)] == 123.0f;
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < N; ++j) dense[static_cast<size_t>(i * N + j)] = c[static_cast<size_t>(i * ldc + j)];
    for (int64_t j = N; j < ldc; ++j) pad_ok = pad_ok && c[static_cast<size_t>(i * ldc + j)] == 123.0f;
  }
  char what[96];
  std::snprintf(what, sizeof what, "gemm m=%ld K=%ld N=%ld act=%d", static_cast<long>(m), static_cast<long>(K),
                static_cast<long>(N), static_cast<int>(ACT));
  CHECK_CLOSE(what, dense.data(), want, 1e-5, 1.0);
  CHECK(pad_ok);
}

}  // namespace

TEST(ml_isa) {
  std::fprintf(stderr, "  ml kernels: %s, %d lanes\n", simd::ISA, simd::VL);
  CHECK(simd::VL == 16 || simd::VL == 8 || simd::VL == 4);
}

TEST(ml_gemm_epilogues) {
  gemm_case<37, 45, Act::None>(13, 1);
  gemm_case<37, 45, Act::Relu>(13, 2);
  gemm_case<37, 45, Act::LeakyRelu>(13, 3);
  gemm_case<37, 45, Act::Sigmoid>(13, 4);
  gemm_case<37, 45, Act::Tanh>(13, 5);
  gemm_case<37, 45, Act::Gelu>(13, 6);
  gemm_case<37, 45, Act::None>(13, 7, false, false);
  gemm_case<37, 45, Act::Relu>(13, 8, false, false);
  // Small-N path, every epilogue.
  gemm_case<19, 3, Act::None>(9, 11);
  gemm_case<19, 3, Act::Relu>(9, 12);
  gemm_case<19, 3, Act::LeakyRelu>(9, 13);
  gemm_case<19, 3, Act::Sigmoid>(9, 14);
  gemm_case<19, 3, Act::Tanh>(9, 15);
  gemm_case<19, 3, Act::Gelu>(9, 16, false, false);
}

TEST(ml_gemm_odd_sizes) {
  gemm_case<3, 2, Act::None>(1, 20);    // K=3, N=2
  gemm_case<1, 1, Act::None>(5, 21);    // 1 x 1
  gemm_case<3, 17, Act::Relu>(7, 22);   // a panel and one column
  gemm_case<5, 4, Act::None>(11, 23);   // the largest small N
  gemm_case<5, 5, Act::None>(11, 24);   // the smallest panel N
  gemm_case<16, 16, Act::None>(12, 25);
  gemm_case<32, 256, Act::Relu>(1, 26);  // the MLP's shapes
  gemm_case<32, 256, Act::Relu>(1024, 27);
  gemm_case<256, 256, Act::Relu>(37, 28);
  gemm_case<256, 2, Act::None>(1024, 29);
  gemm_case<256, 2, Act::None>(1, 30);
  for (int64_t m = 1; m <= 26; ++m) gemm_case<7, 33, Act::Relu>(m, 40 + static_cast<uint32_t>(m));  // every row tail
  gemm_case<9, 7, Act::Relu>(0, 70);  // no rows: nothing written
}

TEST(ml_gemm_blocks) {
  gemm_case<300, 33, Act::Relu>(13, 80);   // K past one KC block: partial sums through C
  gemm_case<600, 40, Act::Sigmoid>(5, 81);
  gemm_case<20, 600, Act::Relu>(50, 82);   // N past one NC block
  gemm_case<513, 2, Act::None>(6, 83);     // small N, K tail past a vector
}

TEST(ml_gemm_layouts) {
  gemm_case<37, 45, Act::Relu>(13, 90, true);           // transB
  gemm_case<19, 3, Act::None>(9, 91, true);             // transB, small N
  gemm_case<37, 45, Act::Relu>(13, 92, false, true, 5, 7);  // lda, ldc strides
  gemm_case<19, 3, Act::Tanh>(9, 93, false, true, 3, 2);
  // pack_b's scale (ONNX Gemm alpha) and a row range.
  constexpr int64_t K = 21, N = 35;
  const int64_t m = 17;
  const auto a = random_vec(static_cast<size_t>(m * K), 94), b = random_vec(static_cast<size_t>(K * N), 95);
  std::vector<float> packed(static_cast<size_t>(packed_b_size<K, N>()));
  pack_b<K, N>(b.data(), false, packed.data(), 0.5f);
  std::vector<float> c(static_cast<size_t>(m * N), 9.0f);
  gemm_rows<K, N>(4, 11, a.data(), packed.data(), nullptr, c.data());
  auto want = ref_gemm(m, N, K, a.data(), K, b.data(), nullptr, Act::None, 0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double& w = want[static_cast<size_t>(i * N + j)];
      w = (i >= 4 && i < 11) ? 0.5 * w : 9.0;
    }
  CHECK_CLOSE("gemm_rows", c.data(), want, 1e-5, 1.0);
}

namespace {

template <int64_t M, int64_t K, int64_t N>
void matmul_case(int64_t batch, bool broadcast_b, uint32_t seed) {
  const auto a = random_vec(static_cast<size_t>(batch * M * K), seed);
  const auto b = random_vec(static_cast<size_t>((broadcast_b ? 1 : batch) * K * N), seed + 1);
  std::vector<float> ws(static_cast<size_t>(matmul_workspace<K, N>()));
  std::vector<float> c(static_cast<size_t>(batch * M * N));
  matmul_batched<M, K, N>(batch, a.data(), M * K, b.data(), broadcast_b ? 0 : K * N, c.data(), ws.data());
  std::vector<double> want;
  for (int64_t i = 0; i < batch; ++i) {
    const auto w = ref_gemm(M, N, K, a.data() + i * M * K, K, b.data() + (broadcast_b ? 0 : i * K * N), nullptr,
                            Act::None, 0);
    want.insert(want.end(), w.begin(), w.end());
  }
  CHECK_CLOSE("matmul_batched", c.data(), want, 1e-5, 1.0);
}

}  // namespace

TEST(ml_matmul_batched) {
  matmul_case<5, 7, 9>(3, false, 100);
  matmul_case<5, 7, 9>(3, true, 101);
  matmul_case<64, 64, 64>(4, false, 102);  // attention: 2 heads x 2 rows, S = D = 64
  matmul_case<64, 64, 64>(2, true, 103);
  matmul_case<1, 3, 2>(2, false, 104);
  matmul_case<13, 300, 17>(2, false, 105);
}
