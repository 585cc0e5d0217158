// Per-call OpenMP sizing. omp_set_num_threads changes only the calling thread's setting,
// so every call that reaches FAISS sets it first: small batches run on the caller alone
// (a single query runs on one core anyway, and OpenMP teams started from many caller
// threads oversubscribe the machine), large batches use the configured team size.
#pragma once

#include <cstdint>

namespace cmf {

void use_threads_for_rows(int64_t rows);

} // namespace cmf
