// Reading stored vectors back by caller id, and the exact search over a caller-given
// subset of ids that uses them.
#include <algorithm>
#include <cfloat>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/utils/distances.h>

#include "errors.hpp"
#include "index_model.hpp"

namespace cmf {
namespace {

// Finds where the vector of a caller id lives and copies it out.
class VectorSource {
public:
    explicit VectorSource(const cmf_index& ix) : d_(static_cast<size_t>(ix.index->d)) {
        if ((ivf_ = top_ivf_of(ix)) != nullptr) {
            if (ivf_->direct_map.type != faiss::DirectMap::Hashtable) {
                fail(CMF_E_NOT_SUPPORTED, "this IVF index has no id lookup (hashtable direct map)");
            }
            return;
        }
        map2_ = id_map2_of(ix);
        if (map2_ == nullptr) {
            fail(CMF_E_NOT_SUPPORTED,
                 "IDMap indexes cannot look vectors up by id; create the index with IDMap2 (the default wrapper)");
        }
        const faiss::Index* sub = map2_->index;
        if (dynamic_cast<const faiss::IndexFlat*>(sub) != nullptr) {
            flat_ = static_cast<const faiss::IndexFlat*>(sub)->get_xb();
        }
    }

    // Pointer to the stored vector of id (valid until the next call), or nullptr when absent.
    const float* find(idx_t id, std::vector<float>& scratch) const {
        if (ivf_ != nullptr) {
            if (ivf_->direct_map.hashtable.find(id) == ivf_->direct_map.hashtable.end()) {
                return nullptr;
            }
            scratch.resize(d_);
            ivf_->reconstruct(id, scratch.data());
            return scratch.data();
        }
        auto it = map2_->rev_map.find(id);
        if (it == map2_->rev_map.end()) {
            return nullptr;
        }
        if (it->second < 0 || it->second >= map2_->index->ntotal) {
            fail(CMF_E_FAISS, "the id map of this index is inconsistent with its storage");
        }
        if (flat_ != nullptr) {
            return flat_ + static_cast<size_t>(it->second) * d_;
        }
        scratch.resize(d_);
        map2_->index->reconstruct(it->second, scratch.data());
        return scratch.data();
    }

    size_t dimension() const { return d_; }

private:
    size_t d_;
    faiss::IndexIVF* ivf_ = nullptr;
    faiss::IndexIDMap2* map2_ = nullptr;
    const float* flat_ = nullptr;
};

} // namespace
} // namespace cmf

extern "C" {

int32_t cmf_index_reconstruct(const cmf_index* index, int64_t id, float* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        cmf::VectorSource source(*index);
        std::vector<float> scratch;
        const float* v = source.find(id, scratch);
        if (v == nullptr) {
            cmf::fail(CMF_E_NOT_FOUND, "id " + std::to_string(id) + " is not in the index");
        }
        std::copy(v, v + source.dimension(), out);
        return CMF_OK;
    });
}

int32_t cmf_index_reconstruct_batch(const cmf_index* index, int64_t n, const int64_t* ids, float* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require_rows(n, ids, "ids");
        cmf::require_rows(n, out, "out");
        cmf::VectorSource source(*index);
        std::vector<float> scratch;
        size_t d = source.dimension();
        for (int64_t i = 0; i < n; i++) {
            const float* v = source.find(ids[i], scratch);
            if (v == nullptr) {
                cmf::fail(CMF_E_NOT_FOUND, "id " + std::to_string(ids[i]) + " is not in the index");
            }
            std::copy(v, v + d, out + static_cast<size_t>(i) * d);
        }
        return CMF_OK;
    });
}

int32_t cmf_index_search_subset(
        const cmf_index* index, const float* x, int64_t k,
        int64_t nids, const int64_t* ids,
        float* distances, int64_t* labels, int64_t* found) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(x != nullptr, "x must not be NULL");
        cmf::require(k > 0, "k must be positive");
        cmf::require_rows(nids, ids, "ids");
        cmf::require(distances != nullptr && labels != nullptr, "distances and labels must not be NULL");
        cmf::require(found != nullptr, "found must not be NULL");
        *found = 0;

        cmf::VectorSource source(*index);
        cmf::Rows query(*index, 1, x);
        const size_t d = source.dimension();
        const bool l2 = index->metric == CMF_METRIC_L2;

        std::vector<std::pair<float, int64_t>> scored;
        scored.reserve(static_cast<size_t>(std::min<int64_t>(nids, 1 << 20)));
        std::unordered_set<int64_t> seen;
        seen.reserve(static_cast<size_t>(std::min<int64_t>(nids, 1 << 20)));
        std::vector<float> scratch;
        for (int64_t i = 0; i < nids; i++) {
            if (ids[i] == -1 || !seen.insert(ids[i]).second) {
                continue;
            }
            const float* v = source.find(ids[i], scratch);
            if (v == nullptr) {
                continue;
            }
            float score = l2 ? faiss::fvec_L2sqr(query.data(), v, d) : faiss::fvec_inner_product(query.data(), v, d);
            scored.emplace_back(score, ids[i]);
        }

        // Best first: smallest squared distance, or largest inner product; ties by id.
        auto better = [l2](const std::pair<float, int64_t>& a, const std::pair<float, int64_t>& b) {
            if (a.first != b.first) {
                return l2 ? a.first < b.first : a.first > b.first;
            }
            return a.second < b.second;
        };
        size_t keep = std::min(scored.size(), static_cast<size_t>(k));
        std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), better);

        const float none = l2 ? FLT_MAX : -FLT_MAX;
        for (int64_t i = 0; i < k; i++) {
            if (static_cast<size_t>(i) < keep) {
                distances[i] = scored[static_cast<size_t>(i)].first;
                labels[i] = scored[static_cast<size_t>(i)].second;
            } else {
                distances[i] = none;
                labels[i] = -1;
            }
        }
        *found = static_cast<int64_t>(keep);
        return CMF_OK;
    });
}

} // extern "C"
