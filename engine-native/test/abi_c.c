/* abi.h must compile as C, with the struct sizes of CONTRACTS §2. */
#include "flern/abi.h"

int flern_test_abi_c_sizes(void) {
  return sizeof(flern_column_chunk) == 32 && sizeof(flern_row_group) == 16 && sizeof(flern_table_view) == 24 &&
         FLERN_TYPE_VARCHAR == 6;
}
