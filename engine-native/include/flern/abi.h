/* The C ABI of libflern_rt (docs/CONTRACTS.md §2-§3). Java calls these through Panama; generated
 * query libraries export flern_query_main. Plain C so that it can be read from C and mirrored by
 * Java's struct layouts; no C++ exception ever crosses a function declared here. */
#ifndef FLERN_ABI_H
#define FLERN_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Physical type codes (CONTRACTS §1). DATE shares INT32, DECIMAL shares INT64/INT128. */
#define FLERN_TYPE_BOOL 1
#define FLERN_TYPE_INT32 2
#define FLERN_TYPE_INT64 3
#define FLERN_TYPE_FLOAT64 4
#define FLERN_TYPE_INT128 5
#define FLERN_TYPE_VARCHAR 6
// FLOAT[n]: n contiguous float32 per value. In a result schema the code is written
// FLERN_TYPE_FLOAT_ARRAY | (n << 8), so the writer knows the width (1 <= n <= 65536).
#define FLERN_TYPE_FLOAT_ARRAY 7

typedef struct flern_column_chunk {   /* 32 bytes */
  const void* values;                 /* nrows values of the physical type (16-byte views for VARCHAR) */
  const uint8_t* validity;            /* bitmap (bit i of byte i/8, LSB first, 1 = valid), or NULL */
  const char* const* buffers;         /* VARCHAR: data buffers the long views point into; else NULL */
  int64_t nbuffers;
} flern_column_chunk;

typedef struct flern_row_group {      /* 16 bytes */
  int64_t nrows;
  const flern_column_chunk* columns;  /* ncolumns entries */
} flern_row_group;

typedef struct flern_table_view {     /* 24 bytes */
  int64_t ncolumns;
  int64_t nrowgroups;
  const flern_row_group* groups;
} flern_table_view;

typedef struct flern_pool flern_pool;

#ifdef __cplusplus
}  /* extern "C" */
/* In C++ the context handle is the runtime's QueryContext itself, so generated code can take
 * a flern_ctx* and use it directly; in C it stays opaque. */
namespace flern { class QueryContext; }
typedef flern::QueryContext flern_ctx;
extern "C" {
#else
typedef struct flern_ctx flern_ctx;
#endif

/* A task of flern_pool_run: returns 0 to go on, non-zero to stop handing out further tasks.
 * It must not throw (the C++ templates in context.hpp catch everything and record it). */
typedef int32_t (*flern_task_fn)(void* arg, int64_t task, int32_t worker);

flern_pool* flern_pool_new(int32_t threads);          /* fixed worker pool; threads >= 1; NULL on failure */
void flern_pool_free(flern_pool* pool);
int32_t flern_pool_threads(flern_pool* pool);
/* Runs tasks 0..ntasks-1 on the workers (indices 0..threads-1), each exactly once unless a task
 * asks to stop; the calling thread waits. Called from inside a task of the same pool, it runs the
 * tasks inline on that worker. Returns 0, or 1 when a task stopped the run. */
int32_t flern_pool_run(flern_pool* pool, int64_t ntasks, flern_task_fn fn, void* arg);

flern_ctx* flern_ctx_new(flern_pool* pool, int64_t memory_limit_bytes);  /* <= 0: unlimited; NULL on failure */
void flern_ctx_free(flern_ctx* ctx);
void flern_ctx_set_tables(flern_ctx* ctx, int32_t n, const flern_table_view* const* tables);
void flern_ctx_set_result_schema(flern_ctx* ctx, int32_t ncols, const int32_t* type_codes);
const char* flern_ctx_error(flern_ctx* ctx);          /* "" when none */
/* Result rows, or -1 (message in flern_ctx_error) when the result could not be assembled. */
int64_t flern_result_rows(flern_ctx* ctx);
/* Pointers stay valid until flern_ctx_free. validity may be NULL (no NULLs); heap/heap_len only for
 * VARCHAR (every long view has buffer_index 0 and an offset into heap), else NULL/0.
 * Returns 0, or non-zero for a bad column index or a failure to assemble the result. */
int32_t flern_result_column(flern_ctx* ctx, int32_t col, const void** values, const uint8_t** validity,
                            const char** heap, int64_t* heap_len);
int32_t flern_selftest(void);                         /* 0 = ok; Panama smoke test */

/* Exported by every generated library. */
typedef int32_t (*flern_query_main_fn)(flern_ctx* ctx, const void* params);

#ifdef __cplusplus
}  /* extern "C" */
static_assert(sizeof(flern_column_chunk) == 32, "flern_column_chunk must be 32 bytes");
static_assert(sizeof(flern_row_group) == 16, "flern_row_group must be 16 bytes");
static_assert(sizeof(flern_table_view) == 24, "flern_table_view must be 24 bytes");
#endif

#endif /* FLERN_ABI_H */
