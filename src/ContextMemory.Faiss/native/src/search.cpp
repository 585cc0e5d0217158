// k-NN and range search. Id-mapped indexes are searched through their sub-index (FAISS
// 1.7.3's IndexIDMap::search rejects SearchParameters), with the caller's selector
// translated to internal positions and the labels mapped back to caller ids.
#include <cfloat>
#include <cstring>
#include <limits>
#include <memory>

#include <faiss/impl/AuxIndexStructures.h>

#include "capabilities.hpp"
#include "errors.hpp"
#include "hnsw_search.hpp"
#include "index_model.hpp"
#include "selectors.hpp"
#include "threads.hpp"

struct cmf_range_result {
    int64_t nq = 0;
    std::vector<int64_t> lims;
    std::vector<int64_t> labels;
    std::vector<float> distances;
};

namespace cmf {
namespace {

void fill_empty(const cmf_index& ix, int64_t count, float* distances, int64_t* labels) {
    const float none = ix.metric == CMF_METRIC_L2 ? FLT_MAX : -FLT_MAX;
    for (int64_t i = 0; i < count; i++) {
        distances[i] = none;
        labels[i] = -1;
    }
}

void map_labels(const cmf_index& ix, int64_t count, int64_t* labels) {
    faiss::IndexIDMap* map = id_map_of(ix);
    if (map == nullptr) {
        return;
    }
    const auto& ids = map->id_map;
    for (int64_t i = 0; i < count; i++) {
        int64_t internal = labels[i];
        labels[i] = internal >= 0 && static_cast<size_t>(internal) < ids.size() ? ids[static_cast<size_t>(internal)] : -1;
    }
}

} // namespace
} // namespace cmf

extern "C" {

int32_t cmf_index_search(
        const cmf_index* index, int64_t n, const float* x, int64_t k,
        const cmf_selector* selector, int32_t ef_search, int32_t nprobe,
        float* distances, int64_t* labels) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require_rows(n, x, "x");
        cmf::require(k > 0, "k must be positive");
        cmf::require(k <= std::numeric_limits<int32_t>::max(), "k must fit in 32 bits");
        cmf::require(n <= std::numeric_limits<int64_t>::max() / 8 / k, "n * k is too large");
        cmf::require(n <= std::numeric_limits<int64_t>::max() / 4 / index->index->d, "n * dimension is too large");
        cmf::require_rows(n, distances, "distances");
        cmf::require_rows(n, labels, "labels");
        cmf::require(selector == nullptr || selector->sel != nullptr, "selector is not valid");
        if (n == 0) {
            return CMF_OK;
        }
        const faiss::Index* target = cmf::search_target(*index);
        std::unique_ptr<faiss::IDSelector> translated;
        const faiss::IDSelector* sel = cmf::selector_for_target(*index, selector, translated);
        // Decided before looking at ntotal so that an unsupported request fails the same
        // way on an empty index.
        std::unique_ptr<faiss::SearchParameters> params = cmf::knn_params(target, sel, ef_search, nprobe);
        if (index->index->ntotal == 0) {
            cmf::fill_empty(*index, n * k, distances, labels);
            return CMF_OK;
        }
        cmf::Rows rows(*index, n, x);
        cmf::use_threads_for_rows(n);
        if (cmf::needs_own_hnsw_search(target, ef_search)) {
            cmf::own_hnsw_search(static_cast<const faiss::IndexHNSW&>(*target), n, rows.data(), k, ef_search, sel,
                                 distances, labels);
        } else {
            target->search(n, rows.data(), k, distances, labels, params.get());
        }
        cmf::map_labels(*index, n * k, labels);
        return CMF_OK;
    });
}

int32_t cmf_index_range_search(
        const cmf_index* index, int64_t n, const float* x, float radius,
        const cmf_selector* selector, cmf_range_result** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        *out = nullptr;
        cmf::require_index(index);
        cmf::require_rows(n, x, "x");
        cmf::require(n <= std::numeric_limits<int64_t>::max() / 4 / index->index->d, "n * dimension is too large");
        cmf::require(selector == nullptr || selector->sel != nullptr, "selector is not valid");
        const faiss::Index* target = cmf::search_target(*index);
        std::unique_ptr<faiss::IDSelector> translated;
        const faiss::IDSelector* sel = cmf::selector_for_target(*index, selector, translated);
        std::unique_ptr<faiss::SearchParameters> params = cmf::range_params(target, sel);

        auto result = std::make_unique<cmf_range_result>();
        result->nq = n;
        result->lims.assign(static_cast<size_t>(n) + 1, 0);
        if (n > 0 && index->index->ntotal > 0) {
            cmf::Rows rows(*index, n, x);
            faiss::RangeSearchResult found(n);
            cmf::use_threads_for_rows(n);
            target->range_search(n, rows.data(), radius, &found, params.get());
            size_t total = found.lims[n];
            for (int64_t i = 0; i <= n; i++) {
                result->lims[static_cast<size_t>(i)] = static_cast<int64_t>(found.lims[i]);
            }
            result->labels.assign(found.labels, found.labels + total);
            result->distances.assign(found.distances, found.distances + total);
            cmf::map_labels(*index, static_cast<int64_t>(total), result->labels.data());
        }
        *out = result.release();
        return CMF_OK;
    });
}

int32_t cmf_range_result_total(const cmf_range_result* result, int64_t* nq, int64_t* total) {
    return cmf::guarded([&] {
        cmf::require(result != nullptr, "result must not be NULL");
        cmf::require(nq != nullptr && total != nullptr, "nq and total must not be NULL");
        *nq = result->nq;
        *total = static_cast<int64_t>(result->labels.size());
        return CMF_OK;
    });
}

int32_t cmf_range_result_copy(const cmf_range_result* result, int64_t* lims, int64_t* labels, float* distances) {
    return cmf::guarded([&] {
        cmf::require(result != nullptr, "result must not be NULL");
        cmf::require(lims != nullptr, "lims must not be NULL");
        size_t total = result->labels.size();
        cmf::require(total == 0 || (labels != nullptr && distances != nullptr),
                     "labels and distances must not be NULL when the result is not empty");
        std::memcpy(lims, result->lims.data(), result->lims.size() * sizeof(int64_t));
        if (total > 0) {
            std::memcpy(labels, result->labels.data(), total * sizeof(int64_t));
            std::memcpy(distances, result->distances.data(), total * sizeof(float));
        }
        return CMF_OK;
    });
}

int32_t cmf_range_result_free(cmf_range_result* result) {
    return cmf::guarded([&] {
        delete result;
        return CMF_OK;
    });
}

} // extern "C"
