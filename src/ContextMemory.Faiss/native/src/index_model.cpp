#include "index_model.hpp"

#include <limits>

#include <faiss/IndexAdditiveQuantizer.h>
#include <faiss/IndexFastScan.h>
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexLSH.h>
#include <faiss/IndexPQ.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/utils/distances.h>

#include "errors.hpp"

namespace cmf {

faiss::MetricType faiss_metric(int32_t metric) {
    return metric == CMF_METRIC_L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
}

faiss::Index* search_target(const cmf_index& ix) {
    if (faiss::IndexIDMap* map = id_map_of(ix)) {
        return map->index;
    }
    return ix.index.get();
}

faiss::Index* unwrap_transforms(faiss::Index* index) {
    while (auto* pre = dynamic_cast<faiss::IndexPreTransform*>(index)) {
        index = pre->index;
    }
    return index;
}

faiss::Index* core_of(const cmf_index& ix) {
    return unwrap_transforms(search_target(ix));
}

faiss::IndexHNSW* hnsw_core_of(const cmf_index& ix) {
    return dynamic_cast<faiss::IndexHNSW*>(core_of(ix));
}

faiss::IndexIVF* ivf_core_of(const cmf_index& ix) {
    return dynamic_cast<faiss::IndexIVF*>(core_of(ix));
}

SearchDefaults search_defaults_of(const cmf_index& ix) {
    SearchDefaults d;
    if (const faiss::IndexHNSW* hnsw = hnsw_core_of(ix)) {
        d.ef_construction = hnsw->hnsw.efConstruction;
        d.ef_search = hnsw->hnsw.efSearch;
    }
    if (const faiss::IndexIVF* ivf = ivf_core_of(ix)) {
        constexpr size_t largest = static_cast<size_t>(std::numeric_limits<int32_t>::max());
        d.nprobe = static_cast<int32_t>(ivf->nprobe < largest ? ivf->nprobe : largest);
    }
    return d;
}

void apply_search_defaults(cmf_index& ix, const SearchDefaults& d, bool exact) {
    faiss::IndexHNSW* hnsw = hnsw_core_of(ix);
    faiss::IndexIVF* ivf = ivf_core_of(ix);
    if (exact && ((d.ef_construction > 0) != (hnsw != nullptr) || (d.ef_search > 0) != (hnsw != nullptr) ||
                  (d.nprobe > 0) != (ivf != nullptr))) {
        fail(CMF_E_CORRUPT, "the search defaults in the container header do not match the " +
                                    kind_name(core_of(ix)) + " index inside");
    }
    if (hnsw != nullptr) {
        if (d.ef_construction > 0) hnsw->hnsw.efConstruction = d.ef_construction;
        if (d.ef_search > 0) hnsw->hnsw.efSearch = d.ef_search;
    }
    if (ivf != nullptr && d.nprobe > 0) {
        ivf->nprobe = static_cast<size_t>(d.nprobe);
    }
}

std::string kind_name(const faiss::Index* core) {
    if (dynamic_cast<const faiss::IndexHNSW*>(core)) return "HNSW";
    if (dynamic_cast<const faiss::IndexIVF*>(core)) return "IVF";
    if (dynamic_cast<const faiss::IndexFlat*>(core)) return "Flat";
    if (dynamic_cast<const faiss::IndexScalarQuantizer*>(core)) return "SQ";
    if (dynamic_cast<const faiss::IndexPQ*>(core)) return "PQ";
    if (dynamic_cast<const faiss::IndexLSH*>(core)) return "LSH";
    if (dynamic_cast<const faiss::IndexRefine*>(core)) return "Refine";
    if (dynamic_cast<const faiss::IndexFastScan*>(core)) return "fast-scan PQ";
    if (dynamic_cast<const faiss::IndexAdditiveQuantizer*>(core)) return "additive quantizer";
    return "this kind of";
}

void silence_training_warnings(faiss::Index* index) {
    if (auto map = dynamic_cast<faiss::IndexIDMap*>(index)) {
        index = map->index;
    }
    index = unwrap_transforms(index);
    if (auto hnsw = dynamic_cast<faiss::IndexHNSW*>(index)) {
        index = hnsw->storage;
    }
    if (auto ivf = dynamic_cast<faiss::IndexIVF*>(index)) {
        ivf->cp.min_points_per_centroid = 1;
    }
    if (auto ivfpq = dynamic_cast<faiss::IndexIVFPQ*>(index)) {
        ivfpq->pq.cp.min_points_per_centroid = 1;
    }
    if (auto pq = dynamic_cast<faiss::IndexPQ*>(index)) {
        pq->pq.cp.min_points_per_centroid = 1;
    }
}

void check_shape(const cmf_index& ix) {
    faiss::Index* top = ix.index.get();
    if (top == nullptr) {
        fail(CMF_E_CORRUPT, "the payload holds no index");
    }
    if (top_ivf_of(ix) == nullptr) {
        faiss::IndexIDMap* map = id_map_of(ix);
        if (map == nullptr || map->index == nullptr) {
            fail(CMF_E_CORRUPT, "the payload is neither an IVF index nor an id-mapped index");
        }
    }
}

Rows::Rows(const cmf_index& ix, int64_t n, const float* x) : data_(x) {
    if (ix.metric != CMF_METRIC_COSINE || n <= 0) {
        return;
    }
    size_t d = static_cast<size_t>(ix.index->d);
    copy_.assign(x, x + static_cast<size_t>(n) * d);
    faiss::fvec_renorm_L2(d, static_cast<size_t>(n), copy_.data());
    data_ = copy_.data();
}

void require_index(const cmf_index* ix) {
    require(ix != nullptr && ix->index != nullptr, "index must not be NULL");
}

void require_rows(int64_t n, const void* x, const char* what) {
    require(n >= 0, "n must not be negative");
    if (n > 0 && x == nullptr) {
        fail(CMF_E_INVALID_ARGUMENT, std::string(what) + " must not be NULL when n > 0");
    }
}

} // namespace cmf
