#include <atomic>

#include <omp.h>

#include "errors.hpp"
#include "threads.hpp"

// Present in every OpenBLAS build Debian ships (pthread, openmp and serial variants).
extern "C" void openblas_set_num_threads(int num_threads);

namespace {

constexpr int32_t default_parallel_threshold = 20;

std::atomic<int32_t> configured_threads{0}; // 0 = not set yet: omp_get_num_procs()
std::atomic<int32_t> parallel_threshold{default_parallel_threshold};

int32_t effective_threads() {
    int32_t threads = configured_threads.load(std::memory_order_relaxed);
    return threads > 0 ? threads : omp_get_num_procs();
}

} // namespace

namespace cmf {

void use_threads_for_rows(int64_t rows) {
    int32_t threshold = parallel_threshold.load(std::memory_order_relaxed);
    omp_set_num_threads(rows < threshold ? 1 : effective_threads());
}

} // namespace cmf

extern "C" {

int32_t cmf_set_omp_threads(int32_t threads) {
    return cmf::guarded([&] {
        cmf::require(threads >= 1, "threads must be at least 1");
        configured_threads.store(threads, std::memory_order_relaxed);
        return CMF_OK;
    });
}

int32_t cmf_get_omp_threads(int32_t* threads) {
    return cmf::guarded([&] {
        cmf::require(threads != nullptr, "threads must not be NULL");
        *threads = effective_threads();
        return CMF_OK;
    });
}

int32_t cmf_set_parallel_threshold(int32_t rows) {
    return cmf::guarded([&] {
        cmf::require(rows >= 0, "rows must not be negative");
        parallel_threshold.store(rows, std::memory_order_relaxed);
        return CMF_OK;
    });
}

int32_t cmf_set_blas_threads(int32_t threads) {
    return cmf::guarded([&] {
        cmf::require(threads >= 1, "threads must be at least 1");
        openblas_set_num_threads(threads);
        return CMF_OK;
    });
}

} // extern "C"
