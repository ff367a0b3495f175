// GEMM with a pre-packed weight operand and a fused epilogue (bias, activation), and batched MatMul
// of two activations (attention). See README.md beside this file for the layouts.
//
// The panel layout of B is independent of the instruction set: panels of PANEL = 16 columns, each
// K rows of 16 floats (zero-padded past N), panel p at p * K * 16. The micro-kernel computes an
// MR x (NV * VL) register tile: it broadcasts MR values of a packed sliver of A (k-major) and
// multiplies NV vectors of B per k. Blocking: KC rows of k (the B sliver stays in L1 while the A
// sliver is streamed), NC columns (the B block stays in L2 across all row tiles).
#ifndef FLERN_ML_GEMM_HPP
#define FLERN_ML_GEMM_HPP

#include <cstdint>

#include "flern/ml/act.hpp"
#include "flern/ml/simd.hpp"

namespace flern::ml {

constexpr int64_t PANEL = 16;
// At most this many output columns: B is packed transposed (N rows of K, K padded to 16) and the
// kernel takes dot products along K instead of wasting a 16-wide panel on 1..4 useful columns.
constexpr int64_t SMALL_N = 4;

constexpr int64_t round_up(int64_t x, int64_t m) { return (x + m - 1) / m * m; }

// Floats of the packed form of a K x N weight matrix.
constexpr int64_t packed_b_floats(int64_t k, int64_t n) {
  return n <= SMALL_N ? n * round_up(k, PANEL) : k * round_up(n, PANEL);
}
template <int64_t K, int64_t N>
constexpr int64_t packed_b_size() {
  return packed_b_floats(K, N);
}

// Packs B (K x N row-major, or N x K row-major when transposed, as ONNX Gemm's transB=1) times
// scale (ONNX Gemm's alpha) into packed (packed_b_floats(k, n) floats). Once per model.
inline void pack_b_rt(int64_t k, int64_t n, const float* b, bool transposed, float* packed, float scale = 1.0f) {
  auto at = [&](int64_t kk, int64_t nn) { return scale * (transposed ? b[nn * k + kk] : b[kk * n + nn]); };
  if (n <= SMALL_N) {
    const int64_t kp = round_up(k, PANEL);
    for (int64_t j = 0; j < n; ++j)
      for (int64_t kk = 0; kk < kp; ++kk) packed[j * kp + kk] = kk < k ? at(kk, j) : 0.0f;
    return;
  }
  const int64_t panels = round_up(n, PANEL) / PANEL;
  for (int64_t p = 0; p < panels; ++p)
    for (int64_t kk = 0; kk < k; ++kk)
      for (int64_t c = 0; c < PANEL; ++c) {
        const int64_t j = p * PANEL + c;
        packed[(p * k + kk) * PANEL + c] = j < n ? at(kk, j) : 0.0f;
      }
}
template <int64_t K, int64_t N>
void pack_b(const float* b, bool transposed, float* packed, float scale = 1.0f) {
  pack_b_rt(K, N, b, transposed, packed, scale);
}

namespace detail {

enum class Bias : int { None, Col, Row };

// Register tile and cache blocks per instruction set.
#if defined(FLERN_ML_AVX512)
constexpr int GEMM_MR = 12, GEMM_NV = 2, GEMM_KC = 256, SMALLN_R = 4;
#elif defined(FLERN_ML_AVX2)
constexpr int GEMM_MR = 6, GEMM_NV = 2, GEMM_KC = 256, SMALLN_R = 2;
#else
constexpr int GEMM_MR = 4, GEMM_NV = 2, GEMM_KC = 256, SMALLN_R = 2;
#endif
constexpr int GEMM_CW = GEMM_NV * simd::VL;  // columns of a register tile
constexpr int64_t GEMM_NC = 512;              // columns of a B block kept in L2
static_assert(GEMM_CW % PANEL == 0 || PANEL % GEMM_CW == 0);

// C = A B (+ bias) then act, over packed B panels (panel stride K * PANEL).
struct GemmArgs {
  int64_t m, n, k;
  const float* a;
  int64_t lda;
  const float* b;
  const float* bias;  // Bias::Col: n values; Bias::Row: m values
  float* c;
  int64_t ldc;
  float alpha;
  bool a_t = false;  // A stored transposed: element (i, k) at a[k * lda + i]
  bool c_t = false;  // C stored transposed: element (i, j) at c[j * ldc + i]
};

// One MR x (NV * VL) tile over kc values of k. ap: MR x kc packed k-major (ap[k * MR + i]);
// b: the first column of the tile at row k0 of its panel. rows/cols: the valid part of the tile;
// a partial tile, or one of a transposed C (c_t), is computed into a scratch block and copied out.
// first: C starts at zero (else C holds a partial sum of earlier k blocks); last: add the bias and
// apply the activation.
// AD (A direct): ap is A itself at (i0, k0), rows lda apart, read in place instead of a packed copy
// (full row tiles of a row-major A); row i of the tile is one of three base rows (0, 4, 8) plus 0..3
// row strides, which x86 addresses without a register per row.
template <int MR, int NV, Act ACT, Bias BM, bool AD = false>
void gemm_tile(int64_t kc, const float* ap, const float* b, int64_t pstride, float* c, int64_t ldc, int64_t rows,
               int64_t cols, const float* bias, bool first, bool last, float alpha, bool c_t, int64_t lda = 0) {
  using simd::vf;
  constexpr int VL = simd::VL;
  constexpr int KS = MR == 1 ? 4 : 1;  // a single row splits k over independent accumulators
  constexpr int W = NV * VL;
  alignas(64) float scratch[MR * W];
  float* cc = c;
  int64_t ldcc = ldc;
  const bool partial = rows < MR || cols < W || c_t;
  if (partial) {
    cc = scratch;
    ldcc = W;
    if (!first)
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) scratch[i * W + j] = c_t ? c[j * ldc + i] : c[i * ldc + j];
  }
  vf acc[KS][MR][NV];
#pragma GCC unroll 4
  for (int s = 0; s < KS; ++s)
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[s][i][v] = (first || s > 0) ? simd::zero() : simd::load(cc + i * ldcc + v * VL);
  const float* bv[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) bv[v] = b + (v * VL / PANEL) * pstride + (v * VL) % PANEL;
  int64_t k = 0;
  if constexpr (KS > 1) {
    for (; k + KS <= kc; k += KS) {
#pragma GCC unroll 4
      for (int s = 0; s < KS; ++s) {
        const vf a0 = simd::set1(ap[k + s]);
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) acc[s][0][v] = simd::fmadd(a0, simd::load(bv[v] + (k + s) * PANEL), acc[s][0][v]);
      }
    }
  }
  [[maybe_unused]] const int64_t lda3 = 3 * lda;
  for (; k < kc; ++k) {
    vf bk[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bk[v] = simd::load(bv[v] + k * PANEL);
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      vf ai;
      if constexpr (AD) {
        const float* base = ap + (i / 4) * 4 * lda + k;
        ai = simd::set1(i % 4 == 0 ? base[0] : i % 4 == 1 ? base[lda] : i % 4 == 2 ? base[2 * lda] : base[lda3]);
      } else {
        ai = simd::set1(ap[k * MR + i]);
      }
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[0][i][v] = simd::fmadd(ai, bk[v], acc[0][i][v]);
    }
  }
  if constexpr (KS > 1) {
#pragma GCC unroll 4
    for (int s = 1; s < KS; ++s)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[0][0][v] = simd::add(acc[0][0][v], acc[s][0][v]);
  }
  if (last) {
    const vf va = simd::set1(alpha);
    if constexpr (BM == Bias::Col) {
      alignas(64) float bb[W];
      for (int64_t j = 0; j < W; ++j) bb[j] = j < cols ? bias[j] : 0.0f;
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        const vf bvv = simd::load(bb + v * VL);
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) acc[0][i][v] = simd::add(acc[0][i][v], bvv);
      }
    }
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      if constexpr (BM == Bias::Row) {
        const vf bi = simd::set1(i < rows ? bias[i] : 0.0f);
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) acc[0][i][v] = simd::add(acc[0][i][v], bi);
      }
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[0][i][v] = act<ACT>(acc[0][i][v], va);
    }
  }
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) simd::store(cc + i * ldcc + v * VL, acc[0][i][v]);
  if (partial) {
    if (c_t) {
      for (int64_t j = 0; j < cols; ++j)
        for (int64_t i = 0; i < rows; ++i) c[j * ldc + i] = scratch[i * W + j];
    } else {
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) c[i * ldc + j] = scratch[i * W + j];
    }
  }
}

// The column sweep of one row sliver: full tiles, then a narrower tile for the last columns.
template <int MR, Act ACT, Bias BM, bool AD = false>
void gemm_row_sliver(const GemmArgs& g, int64_t i0, int64_t rows, int64_t k0, int64_t kc, int64_t n0, int64_t n1,
                     const float* ap, bool first, bool last) {
  const int64_t pstride = g.k * PANEL;
  for (int64_t j0 = n0; j0 < n1; j0 += GEMM_CW) {
    const int64_t cols = n1 - j0 < GEMM_CW ? n1 - j0 : GEMM_CW;
    const float* b = g.b + (j0 / PANEL) * pstride + k0 * PANEL + j0 % PANEL;
    float* c = g.c_t ? g.c + j0 * g.ldc + i0 : g.c + i0 * g.ldc + j0;
    const float* bias = BM == Bias::Col ? g.bias + j0 : BM == Bias::Row ? g.bias + i0 : nullptr;
    const int64_t nv = (cols + simd::VL - 1) / simd::VL;
    if (nv == GEMM_NV) {
      gemm_tile<MR, GEMM_NV, ACT, BM, AD>(kc, ap, b, pstride, c, g.ldc, rows, cols, bias, first, last, g.alpha, g.c_t,
                                          g.lda);
    } else {
      if constexpr (GEMM_NV > 1)
        if (nv == 1)
          gemm_tile<MR, 1, ACT, BM, AD>(kc, ap, b, pstride, c, g.ldc, rows, cols, bias, first, last, g.alpha, g.c_t,
                                        g.lda);
      if constexpr (GEMM_NV > 2) static_assert(GEMM_NV <= 2, "add the tail tiles");
    }
  }
}

// Copies rows [i0, i0+rows) x k [k0, k0+kc) of A into ap, k-major with MR rows (zero rows past rows).
template <int MR>
FLERN_ML_INLINE void pack_a(const float* a, int64_t lda, bool a_t, int64_t i0, int64_t rows, int64_t k0,
                            int64_t kc, float* ap) {
  if (a_t) {
    // Row k of the stored A holds the MR values of one k: vector copies.
    for (int64_t k = 0; k < kc; ++k) {
      const float* src = a + (k0 + k) * lda + i0;
      for (int64_t i = 0; i < MR; i += simd::VL) {
        const int64_t n = MR - i < simd::VL ? MR - i : simd::VL;
        const int64_t valid = rows - i < 0 ? 0 : rows - i < n ? rows - i : n;
        const simd::vf v = valid == simd::VL ? simd::load(src + i) : simd::load_part(src + i, valid);
        if (n == simd::VL)
          simd::store(ap + k * MR + i, v);
        else
          simd::store_part(ap + k * MR + i, v, n);
      }
    }
    return;
  }
  for (int64_t i = 0; i < MR; ++i) {
    if (i < rows) {
      const float* src = a + (i0 + i) * lda + k0;
      for (int64_t k = 0; k < kc; ++k) ap[k * MR + i] = src[k];
    } else {
      for (int64_t k = 0; k < kc; ++k) ap[k * MR + i] = 0.0f;
    }
  }
}

template <Act ACT, Bias BM>
void gemm_panels(const GemmArgs& g) {
  alignas(64) float ap[GEMM_MR * GEMM_KC];
  for (int64_t k0 = 0; k0 < g.k; k0 += GEMM_KC) {
    const int64_t kc = g.k - k0 < GEMM_KC ? g.k - k0 : GEMM_KC;
    const bool first = k0 == 0, last = k0 + kc == g.k;
    for (int64_t n0 = 0; n0 < g.n; n0 += GEMM_NC) {
      const int64_t n1 = g.n - n0 < GEMM_NC ? g.n : n0 + GEMM_NC;
      // Row tiles: full MR-row tiles, then (row-major A) 8- and 4-row tiles read in place, then
      // single rows or one packed partial tile. Depends only on m: the same tiles on any thread count.
      for (int64_t i0 = 0; i0 < g.m;) {
        const int64_t left = g.m - i0;
        const float* ad = g.a + i0 * g.lda + k0;
        if (!g.a_t && left >= GEMM_MR) {
          gemm_row_sliver<GEMM_MR, ACT, BM, true>(g, i0, GEMM_MR, k0, kc, n0, n1, ad, first, last);
          i0 += GEMM_MR;
        } else if (GEMM_MR > 8 && !g.a_t && left >= 8) {
          gemm_row_sliver<8, ACT, BM, true>(g, i0, 8, k0, kc, n0, n1, ad, first, last);
          i0 += 8;
        } else if (GEMM_MR > 4 && !g.a_t && left >= 4) {
          gemm_row_sliver<4, ACT, BM, true>(g, i0, 4, k0, kc, n0, n1, ad, first, last);
          i0 += 4;
        } else if (left == 1) {
          // A single row is already k-major: no copy (unless A is stored transposed).
          const float* a1 = ad;
          if (g.a_t) {
            pack_a<1>(g.a, g.lda, true, i0, 1, k0, kc, ap);
            a1 = ap;
          }
          gemm_row_sliver<1, ACT, BM>(g, i0, 1, k0, kc, n0, n1, a1, first, last);
          i0 += 1;
        } else {
          const int64_t rows = left < GEMM_MR ? left : GEMM_MR;
          if (GEMM_MR > 4 && rows <= 4) {
            pack_a<4>(g.a, g.lda, g.a_t, i0, rows, k0, kc, ap);
            gemm_row_sliver<4, ACT, BM>(g, i0, rows, k0, kc, n0, n1, ap, first, last);
          } else {
            pack_a<GEMM_MR>(g.a, g.lda, g.a_t, i0, rows, k0, kc, ap);
            gemm_row_sliver<GEMM_MR, ACT, BM>(g, i0, rows, k0, kc, n0, n1, ap, first, last);
          }
          i0 += rows;
        }
      }
    }
  }
}

// N <= SMALL_N: dot products along K against B packed transposed (N rows of kp floats).
template <int N, Act ACT>
void gemm_small_n(int64_t m, int64_t k, const float* a, int64_t lda, const float* bt, const float* bias, float* c,
                  int64_t ldc, float alpha) {
  using simd::vf;
  constexpr int R = SMALLN_R;
  constexpr int VL = simd::VL;
  const int64_t kp = round_up(k, PANEL);
  const int64_t kfull = k / VL * VL;
  for (int64_t i0 = 0; i0 < m; i0 += R) {
    const int64_t rows = m - i0 < R ? m - i0 : R;
    const float* ar[R];
#pragma GCC unroll 4
    for (int r = 0; r < R; ++r) ar[r] = a + (i0 + (r < rows ? r : 0)) * lda;
    vf acc[R][N];
#pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 4
      for (int j = 0; j < N; ++j) acc[r][j] = simd::zero();
    int64_t kk = 0;
    for (; kk < kfull; kk += VL) {
      vf bj[N];
#pragma GCC unroll 4
      for (int j = 0; j < N; ++j) bj[j] = simd::load(bt + j * kp + kk);
#pragma GCC unroll 4
      for (int r = 0; r < R; ++r) {
        const vf av = simd::load(ar[r] + kk);
#pragma GCC unroll 4
        for (int j = 0; j < N; ++j) acc[r][j] = simd::fmadd(av, bj[j], acc[r][j]);
      }
    }
    if (kk < k) {
#pragma GCC unroll 4
      for (int r = 0; r < R; ++r) {
        const vf av = simd::load_part(ar[r] + kk, k - kk);
#pragma GCC unroll 4
        for (int j = 0; j < N; ++j) acc[r][j] = simd::fmadd(av, simd::load(bt + j * kp + kk), acc[r][j]);
      }
    }
    float out[R * N];
#pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 4
      for (int j = 0; j < N; ++j) out[r * N + j] = simd::hsum(acc[r][j]) + (bias ? bias[j] : 0.0f);
    act_array<ACT>(out, out, R * N, alpha);
    for (int64_t r = 0; r < rows; ++r)
      for (int j = 0; j < N; ++j) c[(i0 + r) * ldc + j] = out[r * N + j];
  }
}

// Run-time shapes: the entry point of batched MatMul and of the convolution's GEMM.
template <Act ACT>
void gemm_rt(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* packed, const float* bias,
             float* c, int64_t ldc, float alpha) {
  if (m <= 0) return;
  if (bias)
    gemm_panels<ACT, Bias::Col>(GemmArgs{m, n, k, a, lda, packed, bias, c, ldc, alpha});
  else
    gemm_panels<ACT, Bias::None>(GemmArgs{m, n, k, a, lda, packed, nullptr, c, ldc, alpha});
}

}  // namespace detail

// C[m x N] = act(A[m x K] . B + bias), B packed by pack_b<K, N>; bias: N floats or nullptr. lda/ldc:
// row strides of A and C (K and N when dense). Rows are independent, so a large batch may be split
// across workers by calling this on row ranges (gemm_rows).
template <int64_t K, int64_t N, Act ACT = Act::None>
void gemm(int64_t m, const float* a, int64_t lda, const float* packed_b, const float* bias, float* c, int64_t ldc,
          float alpha = 0.0f) {
  static_assert(K > 0 && N > 0);
  if (m <= 0) return;
  if constexpr (ACT == Act::Gelu || ACT == Act::Sigmoid || ACT == Act::Tanh) {
    // A costly activation is applied to blocks of rows right after the plain GEMM wrote them (still
    // in cache) rather than inside every register tile: the same floats, and no second copy of the
    // GEMM's code per activation (compile time).
    constexpr int64_t RB = 48;
    for (int64_t r0 = 0; r0 < m; r0 += RB) {
      const int64_t rows = m - r0 < RB ? m - r0 : RB;
      gemm<K, N, Act::None>(rows, a + r0 * lda, lda, packed_b, bias, c + r0 * ldc, ldc, 0.0f);
      for (int64_t r = r0; r < r0 + rows; ++r) detail::act_array<ACT>(c + r * ldc, c + r * ldc, N, alpha);
    }
  } else if constexpr (N <= SMALL_N) {
    detail::gemm_small_n<static_cast<int>(N), ACT>(m, K, a, lda, packed_b, bias, c, ldc, alpha);
  } else if (bias) {
    detail::gemm_panels<ACT, detail::Bias::Col>(detail::GemmArgs{m, N, K, a, lda, packed_b, bias, c, ldc, alpha});
  } else {
    detail::gemm_panels<ACT, detail::Bias::None>(
        detail::GemmArgs{m, N, K, a, lda, packed_b, nullptr, c, ldc, alpha});
  }
}
template <int64_t K, int64_t N, Act ACT = Act::None>
void gemm(int64_t m, const float* a, const float* packed_b, const float* bias, float* c, float alpha = 0.0f) {
  gemm<K, N, ACT>(m, a, K, packed_b, bias, c, N, alpha);
}
// Rows [row_begin, row_end) of the dense product.
template <int64_t K, int64_t N, Act ACT = Act::None>
void gemm_rows(int64_t row_begin, int64_t row_end, const float* a, const float* packed_b, const float* bias, float* c,
               float alpha = 0.0f) {
  gemm<K, N, ACT>(row_end - row_begin, a + row_begin * K, K, packed_b, bias, c + row_begin * N, N, alpha);
}

// Batched MatMul of two activations: for b in [0, batch): C_b[M x N] = A_b[M x K] . B_b[K x N],
// A_b = a + b * a_stride, B_b = b + b * b_stride (stride 0 broadcasts one matrix over the batch),
// C_b = c + b * M * N. workspace: matmul_workspace<K, N>() floats (B_b is packed into it).
template <int64_t K, int64_t N>
constexpr int64_t matmul_workspace() {
  return packed_b_floats(K, N > SMALL_N ? N : SMALL_N + 1);
}
template <int64_t M, int64_t K, int64_t N>
void matmul_batched(int64_t batch, const float* a, int64_t a_stride, const float* b, int64_t b_stride, float* c,
                    float* workspace) {
  static_assert(M > 0 && K > 0 && N > 0);
  for (int64_t i = 0; i < batch; ++i) {
    if (i == 0 || b_stride != 0) {
      // Always the panel layout (N > SMALL_N form): one code path whatever N.
      const float* bi = b + i * b_stride;
      const int64_t panels = round_up(N, PANEL) / PANEL;
      // A panel's row is 16 consecutive floats of B's row: vector copies, the last panel masked.
      for (int64_t p = 0; p < panels; ++p) {
        const int64_t cols = N - p * PANEL < PANEL ? N - p * PANEL : PANEL;
        for (int64_t kk = 0; kk < K; ++kk) {
          const float* src = bi + kk * N + p * PANEL;
          float* dst = workspace + (p * K + kk) * PANEL;
#pragma GCC unroll 4
          for (int64_t cc = 0; cc < PANEL; cc += simd::VL) {
            const int64_t n = cols - cc < 0 ? 0 : cols - cc < simd::VL ? cols - cc : simd::VL;
            simd::store(dst + cc, n == simd::VL ? simd::load(src + cc) : n > 0 ? simd::load_part(src + cc, n) : simd::zero());
          }
        }
      }
    }
    detail::gemm_panels<Act::None, detail::Bias::None>(
        detail::GemmArgs{M, N, K, a + i * a_stride, K, workspace, nullptr, c + i * M * N, N, 0.0f});
  }
}

}  // namespace flern::ml

#endif  // FLERN_ML_GEMM_HPP
