// Flern's tensor kernels (DESIGN §9): what the staged tensor operators of a model call. Header-only
// templates specialised on compile-time shapes; weights are run-time data passed in. README.md
// beside this file documents every entry point, its layouts and what the generator passes.
#ifndef FLERN_ML_ML_HPP
#define FLERN_ML_ML_HPP

#include "flern/ml/simd.hpp"
#include "flern/ml/vmath.hpp"
#include "flern/ml/act.hpp"
#include "flern/ml/gemm.hpp"
#include "flern/ml/conv.hpp"
#include "flern/ml/pool.hpp"
#include "flern/ml/norm.hpp"
#include "flern/ml/elementwise.hpp"
#include "flern/ml/shape_ops.hpp"

#endif  // FLERN_ML_ML_HPP
