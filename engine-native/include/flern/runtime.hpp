// The C++ API of generated query code (CONTRACTS §4): everything a generated library includes.
// Compiled into a precompiled header, so it stays lean (no iostreams, regex or format).
// An include guard rather than #pragma once: this header is compiled as the main file of the
// precompiled header, where GCC warns about #pragma once.
#ifndef FLERN_RUNTIME_HPP
#define FLERN_RUNTIME_HPP

#include "flern/abi.h"
#include "flern/agg_table.hpp"
#include "flern/arena.hpp"
#include "flern/arith.hpp"
#include "flern/cast.hpp"
#include "flern/context.hpp"
#include "flern/date.hpp"
#include "flern/decimal.hpp"
#include "flern/error.hpp"
#include "flern/hash.hpp"
#include "flern/join_table.hpp"
#include "flern/memory.hpp"
#include "flern/morsel.hpp"
#include "flern/per_worker.hpp"
#include "flern/result.hpp"
#include "flern/row_buffer.hpp"
#include "flern/sort.hpp"
#include "flern/str.hpp"
#include "flern/dense_table.hpp"
#include "flern/gen_support.hpp"
#include "flern/in_list.hpp"
#include "flern/float_array.hpp"
#include "flern/model_call.hpp"

#endif  // FLERN_RUNTIME_HPP
