// Training, adding, removing and resetting.
#include <limits>

#include <faiss/impl/IDSelector.h>

#include "capabilities.hpp"
#include "errors.hpp"
#include "index_model.hpp"
#include "threads.hpp"

namespace cmf {
namespace {

void require_matrix(const cmf_index* ix, int64_t n, const float* x) {
    require_rows(n, x, "x");
    require(n <= std::numeric_limits<int64_t>::max() / 4 / ix->index->d, "n * dimension is too large");
}

} // namespace
} // namespace cmf

extern "C" {

int32_t cmf_index_train(cmf_index* index, int64_t n, const float* x) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(n > 0, "n must be positive");
        cmf::require_matrix(index, n, x);
        cmf::Rows rows(*index, n, x);
        cmf::use_threads_for_rows(n);
        index->index->train(n, rows.data());
        return CMF_OK;
    });
}

int32_t cmf_index_add_with_ids(cmf_index* index, int64_t n, const float* x, const int64_t* ids) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require_matrix(index, n, x);
        cmf::require_rows(n, ids, "ids");
        if (n == 0) {
            return CMF_OK;
        }
        if (!index->index->is_trained) {
            cmf::fail(CMF_E_INVALID_ARGUMENT, "the index must be trained before vectors are added");
        }
        for (int64_t i = 0; i < n; i++) {
            cmf::require(ids[i] != -1, "ids must not contain -1 (FAISS's 'no result' label)");
        }
        cmf::Rows rows(*index, n, x);
        cmf::use_threads_for_rows(n);
        index->index->add_with_ids(n, rows.data(), ids);
        return CMF_OK;
    });
}

int32_t cmf_index_remove_ids(cmf_index* index, int64_t n, const int64_t* ids, int64_t* removed) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require_rows(n, ids, "ids");
        cmf::require(removed != nullptr, "removed must not be NULL");
        *removed = 0;
        std::string blocker = cmf::removal_blocker(*index);
        if (!blocker.empty()) {
            cmf::fail(CMF_E_NOT_SUPPORTED, blocker);
        }
        if (n == 0 || index->index->ntotal == 0) {
            return CMF_OK;
        }
        if (cmf::top_ivf_of(*index) != nullptr) {
            // A hashtable direct map removes only through an explicit id array.
            faiss::IDSelectorArray sel(static_cast<size_t>(n), ids);
            *removed = static_cast<int64_t>(index->index->remove_ids(sel));
        } else {
            faiss::IDSelectorBatch sel(static_cast<size_t>(n), ids);
            *removed = static_cast<int64_t>(index->index->remove_ids(sel));
        }
        return CMF_OK;
    });
}

int32_t cmf_index_reset(cmf_index* index) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        index->index->reset();
        // FAISS 1.7.3's IndexIDMap2 inherits reset from IndexIDMap and keeps its reverse
        // map, which would then point past the emptied storage.
        if (faiss::IndexIDMap2* map2 = cmf::id_map2_of(*index)) {
            map2->rev_map.clear();
        }
        return CMF_OK;
    });
}

} // extern "C"
