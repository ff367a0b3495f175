// The vector layer of the ML kernels: one small set of always-inlined operations on a native float
// vector, chosen at compile time from what -march=native enables (AVX-512F, else AVX2+FMA, else a
// 4-lane GCC vector that any target compiles). Every kernel is written once against these names.
// Generated code is compiled at -O1, which neither vectorises nor inlines freely: hence explicit
// vectors and always_inline everywhere on the hot path.
// An include guard rather than #pragma once: these headers may become part of the precompiled header.
#ifndef FLERN_ML_SIMD_HPP
#define FLERN_ML_SIMD_HPP

#include <cstdint>
#include <cstring>

#if (defined(__AVX512F__) || defined(__AVX2__)) && !defined(FLERN_ML_PORTABLE)
#include <immintrin.h>
#endif

#define FLERN_ML_INLINE inline __attribute__((always_inline))

namespace flern::ml::simd {

#if defined(__AVX512F__) && !defined(FLERN_ML_PORTABLE) && !defined(FLERN_ML_NO_AVX512)
#define FLERN_ML_AVX512 1
constexpr int VL = 16;
constexpr const char* ISA = "avx512";
using vf = __m512;
using vi = __m512i;
using vmask = __mmask16;

FLERN_ML_INLINE vf load(const float* p) { return _mm512_loadu_ps(p); }
FLERN_ML_INLINE void store(float* p, vf v) { _mm512_storeu_ps(p, v); }
FLERN_ML_INLINE vf set1(float x) { return _mm512_set1_ps(x); }
FLERN_ML_INLINE vf zero() { return _mm512_setzero_ps(); }
FLERN_ML_INLINE vf add(vf a, vf b) { return _mm512_add_ps(a, b); }
FLERN_ML_INLINE vf sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
FLERN_ML_INLINE vf mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
FLERN_ML_INLINE vf div(vf a, vf b) { return _mm512_div_ps(a, b); }
FLERN_ML_INLINE vf fmadd(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
FLERN_ML_INLINE vf fnmadd(vf a, vf b, vf c) { return _mm512_fnmadd_ps(a, b, c); }  // c - a*b
FLERN_ML_INLINE vf max(vf a, vf b) { return _mm512_max_ps(a, b); }
FLERN_ML_INLINE vf min(vf a, vf b) { return _mm512_min_ps(a, b); }
FLERN_ML_INLINE vf sqrt(vf a) { return _mm512_sqrt_ps(a); }
FLERN_ML_INLINE vf abs(vf a) { return _mm512_abs_ps(a); }
FLERN_ML_INLINE vf neg(vf a) { return _mm512_sub_ps(_mm512_setzero_ps(), a); }
FLERN_ML_INLINE vf round_nearest(vf a) {
  return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
FLERN_ML_INLINE vmask lt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
FLERN_ML_INLINE vmask gt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
FLERN_ML_INLINE vmask ge(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
FLERN_ML_INLINE vmask is_nan(vf a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
// m ? a : b, lane by lane
FLERN_ML_INLINE vf select(vmask m, vf a, vf b) { return _mm512_mask_blend_ps(m, b, a); }
// x with the sign bit of s
FLERN_ML_INLINE vf copysign(vf x, vf s) {
  const vi sign = _mm512_set1_epi32(static_cast<int>(0x80000000u));
  return _mm512_castsi512_ps(_mm512_or_si512(_mm512_andnot_si512(sign, _mm512_castps_si512(x)),
                                             _mm512_and_si512(sign, _mm512_castps_si512(s))));
}
// a * 2^n for an integral-valued n, exact over the whole float range (denormals, overflow to inf).
FLERN_ML_INLINE vf scale2(vf a, vf n) { return _mm512_scalef_ps(a, n); }
FLERN_ML_INLINE float hsum(vf v) { return _mm512_reduce_add_ps(v); }
FLERN_ML_INLINE float hmax(vf v) { return _mm512_reduce_max_ps(v); }
FLERN_ML_INLINE vmask tail_mask(int64_t n) { return static_cast<vmask>((1u << n) - 1u); }  // n < 16
// Loads/stores of the first n < VL lanes; the other lanes read as 0 and memory past n is untouched.
FLERN_ML_INLINE vf load_part(const float* p, int64_t n) { return _mm512_maskz_loadu_ps(tail_mask(n), p); }
FLERN_ML_INLINE void store_part(float* p, vf v, int64_t n) { _mm512_mask_storeu_ps(p, tail_mask(n), v); }
// The lanes of v selected by the bits of keep, packed to p[0 .. popcount(keep)).
FLERN_ML_INLINE void store_compress(float* p, uint32_t keep, vf v) {
  _mm512_mask_storeu_ps(p, static_cast<vmask>((1u << __builtin_popcount(keep)) - 1u),
                        _mm512_maskz_compress_ps(static_cast<vmask>(keep), v));
}
// Lanes [0, n) set, for select (n < VL).
FLERN_ML_INLINE vmask first_n(int64_t n) { return n >= 16 ? static_cast<vmask>(0xFFFF) : tail_mask(n); }
// Lanes [a, b) set (0 <= a <= b <= VL).
FLERN_ML_INLINE vmask lanes(int64_t a, int64_t b) { return static_cast<vmask>(first_n(b) & ~first_n(a)); }
// p[0], p[2], ..., p[2 * VL - 2]; reads p[0 .. 2 * VL).
FLERN_ML_INLINE vf load_stride2(const float* p) {
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  return _mm512_permutex2var_ps(_mm512_loadu_ps(p), even, _mm512_loadu_ps(p + 16));
}

#elif defined(__AVX2__) && defined(__FMA__) && !defined(FLERN_ML_PORTABLE)
#define FLERN_ML_AVX2 1
constexpr int VL = 8;
constexpr const char* ISA = "avx2";
using vf = __m256;
using vi = __m256i;
using vmask = __m256;

FLERN_ML_INLINE vf load(const float* p) { return _mm256_loadu_ps(p); }
FLERN_ML_INLINE void store(float* p, vf v) { _mm256_storeu_ps(p, v); }
FLERN_ML_INLINE vf set1(float x) { return _mm256_set1_ps(x); }
FLERN_ML_INLINE vf zero() { return _mm256_setzero_ps(); }
FLERN_ML_INLINE vf add(vf a, vf b) { return _mm256_add_ps(a, b); }
FLERN_ML_INLINE vf sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
FLERN_ML_INLINE vf mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
FLERN_ML_INLINE vf div(vf a, vf b) { return _mm256_div_ps(a, b); }
FLERN_ML_INLINE vf fmadd(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
FLERN_ML_INLINE vf fnmadd(vf a, vf b, vf c) { return _mm256_fnmadd_ps(a, b, c); }
FLERN_ML_INLINE vf max(vf a, vf b) { return _mm256_max_ps(a, b); }
FLERN_ML_INLINE vf min(vf a, vf b) { return _mm256_min_ps(a, b); }
FLERN_ML_INLINE vf sqrt(vf a) { return _mm256_sqrt_ps(a); }
FLERN_ML_INLINE vf abs(vf a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
FLERN_ML_INLINE vf neg(vf a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0f)); }
FLERN_ML_INLINE vf round_nearest(vf a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
FLERN_ML_INLINE vmask lt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
FLERN_ML_INLINE vmask gt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
FLERN_ML_INLINE vmask ge(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
FLERN_ML_INLINE vmask is_nan(vf a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }
FLERN_ML_INLINE vf select(vmask m, vf a, vf b) { return _mm256_blendv_ps(b, a, m); }
FLERN_ML_INLINE vf copysign(vf x, vf s) {
  const vf sign = _mm256_set1_ps(-0.0f);
  return _mm256_or_ps(_mm256_andnot_ps(sign, x), _mm256_and_ps(sign, s));
}
// 2^n built as two halves so that each stays a normal float: exact down to denormals and up to inf.
FLERN_ML_INLINE vf scale2(vf a, vf n) {
  const __m256i ni = _mm256_cvtps_epi32(n);
  const __m256i h1 = _mm256_srai_epi32(ni, 1);
  const __m256i h2 = _mm256_sub_epi32(ni, h1);
  const __m256i bias = _mm256_set1_epi32(127);
  const vf p1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(h1, bias), 23));
  const vf p2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(h2, bias), 23));
  return _mm256_mul_ps(_mm256_mul_ps(a, p1), p2);
}
FLERN_ML_INLINE float hsum(vf v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}
FLERN_ML_INLINE float hmax(vf v) {
  __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_max_ps(s, _mm_movehl_ps(s, s));
  s = _mm_max_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}
FLERN_ML_INLINE __m256i tail_mask(int64_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
// vmaskmov loads are cheap and never fault on masked lanes; masked stores are slow on AMD, so a
// partial store goes through the stack.
FLERN_ML_INLINE vf load_part(const float* p, int64_t n) { return _mm256_maskload_ps(p, tail_mask(n)); }
FLERN_ML_INLINE void store_part(float* p, vf v, int64_t n) {
  alignas(32) float t[8];
  _mm256_store_ps(t, v);
  for (int64_t i = 0; i < n; ++i) p[i] = t[i];
}
FLERN_ML_INLINE void store_compress(float* p, uint32_t keep, vf v) {
  alignas(32) float t[8];
  _mm256_store_ps(t, v);
  for (int i = 0; i < 8; ++i)
    if (keep >> i & 1u) *p++ = t[i];
}
FLERN_ML_INLINE vmask first_n(int64_t n) { return _mm256_castsi256_ps(tail_mask(n)); }
FLERN_ML_INLINE vmask lanes(int64_t a, int64_t b) { return _mm256_andnot_ps(first_n(a), first_n(b)); }
FLERN_ML_INLINE vf load_stride2(const float* p) {
  const __m256 e = _mm256_shuffle_ps(_mm256_loadu_ps(p), _mm256_loadu_ps(p + 8), 0x88);  // 0 2 8 10 | 4 6 12 14
  return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(e), 0xD8));
}

#else
#define FLERN_ML_GENERIC 1
// Portable: GCC/Clang vector extensions (SSE2 on x86-64, NEON on AArch64), no FMA contraction.
constexpr int VL = 4;
constexpr const char* ISA = "generic";
typedef float vf __attribute__((vector_size(16)));
typedef int32_t vi __attribute__((vector_size(16)));
using vmask = vi;

FLERN_ML_INLINE vf load(const float* p) {
  vf v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
FLERN_ML_INLINE void store(float* p, vf v) { std::memcpy(p, &v, sizeof v); }
FLERN_ML_INLINE vf set1(float x) { return vf{x, x, x, x}; }
FLERN_ML_INLINE vf zero() { return vf{0, 0, 0, 0}; }
FLERN_ML_INLINE vf add(vf a, vf b) { return a + b; }
FLERN_ML_INLINE vf sub(vf a, vf b) { return a - b; }
FLERN_ML_INLINE vf mul(vf a, vf b) { return a * b; }
FLERN_ML_INLINE vf div(vf a, vf b) { return a / b; }
FLERN_ML_INLINE vf fmadd(vf a, vf b, vf c) { return a * b + c; }
FLERN_ML_INLINE vf fnmadd(vf a, vf b, vf c) { return c - a * b; }
FLERN_ML_INLINE vmask lt(vf a, vf b) { return a < b; }
FLERN_ML_INLINE vmask gt(vf a, vf b) { return a > b; }
FLERN_ML_INLINE vmask ge(vf a, vf b) { return a >= b; }
FLERN_ML_INLINE vmask is_nan(vf a) { return a != a; }
FLERN_ML_INLINE vf select(vmask m, vf a, vf b) { return m ? a : b; }
// Like maxps/minps: the second operand when either is NaN.
FLERN_ML_INLINE vf max(vf a, vf b) { return a > b ? a : b; }
FLERN_ML_INLINE vf min(vf a, vf b) { return a < b ? a : b; }
FLERN_ML_INLINE vf sqrt(vf a) {
  return vf{__builtin_sqrtf(a[0]), __builtin_sqrtf(a[1]), __builtin_sqrtf(a[2]), __builtin_sqrtf(a[3])};
}
FLERN_ML_INLINE vf abs(vf a) { return (vf)((vi)a & vi{0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff}); }
FLERN_ML_INLINE vf neg(vf a) { return -a; }
FLERN_ML_INLINE vf round_nearest(vf a) {
  // |a| < 2^23 here (callers clamp); adding and subtracting 1.5*2^23 rounds to nearest even.
  const vf magic = set1(12582912.0f);
  return (a + magic) - magic;
}
FLERN_ML_INLINE vf copysign(vf x, vf s) {
  const vi sign = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
  return (vf)(((vi)x & ~sign) | ((vi)s & sign));
}
FLERN_ML_INLINE vf scale2(vf a, vf n) {
  const vi ni = __builtin_convertvector(n, vi);
  const vi h1 = ni >> 1;
  const vi h2 = ni - h1;
  const vf p1 = (vf)((h1 + 127) << 23);
  const vf p2 = (vf)((h2 + 127) << 23);
  return a * p1 * p2;
}
FLERN_ML_INLINE float hsum(vf v) { return (v[0] + v[2]) + (v[1] + v[3]); }
FLERN_ML_INLINE float hmax(vf v) {
  const float a = v[0] > v[1] ? v[0] : v[1];
  const float b = v[2] > v[3] ? v[2] : v[3];
  return a > b ? a : b;
}
FLERN_ML_INLINE vf load_part(const float* p, int64_t n) {
  vf v = zero();
  for (int64_t i = 0; i < n; ++i) v[i] = p[i];
  return v;
}
FLERN_ML_INLINE void store_part(float* p, vf v, int64_t n) {
  for (int64_t i = 0; i < n; ++i) p[i] = v[i];
}
FLERN_ML_INLINE void store_compress(float* p, uint32_t keep, vf v) {
  for (int i = 0; i < 4; ++i)
    if (keep >> i & 1u) *p++ = v[i];
}
FLERN_ML_INLINE vmask first_n(int64_t n) {
  const int32_t k = static_cast<int32_t>(n);
  return vi{0, 1, 2, 3} < vi{k, k, k, k};
}
FLERN_ML_INLINE vmask lanes(int64_t a, int64_t b) { return first_n(b) & ~first_n(a); }
FLERN_ML_INLINE vf load_stride2(const float* p) { return vf{p[0], p[2], p[4], p[6]}; }
#endif

}  // namespace flern::ml::simd

#endif  // FLERN_ML_SIMD_HPP
