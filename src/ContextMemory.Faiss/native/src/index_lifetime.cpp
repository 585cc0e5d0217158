// Creating and inspecting indexes; default search parameters.
#include <cstring>
#include <memory>

#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/index_factory.h>

#include "capabilities.hpp"
#include "container.hpp"
#include "errors.hpp"
#include "index_model.hpp"

namespace cmf {
namespace {

// Makes every index addressable by caller ids (see index_model.hpp for the shapes).
std::unique_ptr<faiss::Index> make_addressable(std::unique_ptr<faiss::Index> index) {
    if (auto ivf = dynamic_cast<faiss::IndexIVF*>(index.get())) {
        ivf->set_direct_map_type(faiss::DirectMap::Hashtable);
        return index;
    }
    if (dynamic_cast<faiss::IndexIDMap*>(index.get())) {
        return index;
    }
    // An IVF under pre-transforms numbers its vectors sequentially; an array direct map
    // gives it reconstruct, which the id map's reconstruct-by-id relies on.
    if (auto ivf = dynamic_cast<faiss::IndexIVF*>(unwrap_transforms(index.get()))) {
        ivf->set_direct_map_type(faiss::DirectMap::Array);
    }
    auto wrapped = std::make_unique<faiss::IndexIDMap2>(index.get());
    wrapped->own_fields = true;
    index.release();
    return wrapped;
}

faiss::IndexHNSW* hnsw_of(cmf_index* ix) {
    faiss::IndexHNSW* hnsw = hnsw_core_of(*ix);
    if (hnsw == nullptr) {
        fail(CMF_E_NOT_SUPPORTED, kind_name(core_of(*ix)) + " indexes have no HNSW parameters");
    }
    return hnsw;
}

} // namespace
} // namespace cmf

extern "C" {

int32_t cmf_index_create(const char* description, int32_t dimension, int32_t metric, cmf_index** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        *out = nullptr;
        cmf::require(description != nullptr && description[0] != '\0', "description must not be NULL or empty");
        cmf::require(std::strlen(description) <= cmf::max_description_length,
                     "description is longer than the container format allows (159 bytes)");
        cmf::require(dimension > 0, "dimension must be positive");
        cmf::require(metric == CMF_METRIC_INNER_PRODUCT || metric == CMF_METRIC_L2 || metric == CMF_METRIC_COSINE,
                     "metric must be CMF_METRIC_INNER_PRODUCT, CMF_METRIC_L2 or CMF_METRIC_COSINE");
        std::unique_ptr<faiss::Index> created(faiss::index_factory(dimension, description, cmf::faiss_metric(metric)));
        auto ix = std::make_unique<cmf_index>();
        ix->index = cmf::make_addressable(std::move(created));
        cmf::silence_training_warnings(ix->index.get());
        ix->metric = metric;
        ix->description = description;
        *out = ix.release();
        return CMF_OK;
    });
}

int32_t cmf_index_free(cmf_index* index) {
    return cmf::guarded([&] {
        delete index;
        return CMF_OK;
    });
}

int32_t cmf_index_dimension(const cmf_index* index, int32_t* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        *out = static_cast<int32_t>(index->index->d);
        return CMF_OK;
    });
}

int32_t cmf_index_ntotal(const cmf_index* index, int64_t* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        *out = index->index->ntotal;
        return CMF_OK;
    });
}

int32_t cmf_index_metric(const cmf_index* index, int32_t* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        *out = index->metric;
        return CMF_OK;
    });
}

int32_t cmf_index_is_trained(const cmf_index* index, int32_t* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        *out = index->index->is_trained ? 1 : 0;
        return CMF_OK;
    });
}

int32_t cmf_index_description(const cmf_index* index, const char** out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        *out = index->description.c_str();
        return CMF_OK;
    });
}

int32_t cmf_index_supports_remove(const cmf_index* index, int32_t* out) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(out != nullptr, "out must not be NULL");
        *out = cmf::removal_blocker(*index).empty() ? 1 : 0;
        return CMF_OK;
    });
}

int32_t cmf_index_set_ef_search(cmf_index* index, int32_t ef_search) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        faiss::IndexHNSW* hnsw = cmf::hnsw_of(index);
        cmf::require(ef_search > 0, "ef_search must be positive");
        hnsw->hnsw.efSearch = ef_search;
        return CMF_OK;
    });
}

int32_t cmf_index_set_ef_construction(cmf_index* index, int32_t ef_construction) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        faiss::IndexHNSW* hnsw = cmf::hnsw_of(index);
        cmf::require(ef_construction > 0, "ef_construction must be positive");
        hnsw->hnsw.efConstruction = ef_construction;
        return CMF_OK;
    });
}

int32_t cmf_index_set_nprobe(cmf_index* index, int32_t nprobe) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        faiss::IndexIVF* ivf = cmf::ivf_core_of(*index);
        if (ivf == nullptr) {
            cmf::fail(CMF_E_NOT_SUPPORTED, cmf::kind_name(cmf::core_of(*index)) + " indexes have no nprobe parameter");
        }
        cmf::require(nprobe > 0, "nprobe must be positive");
        ivf->nprobe = static_cast<size_t>(nprobe);
        return CMF_OK;
    });
}

int32_t cmf_index_search_defaults(const cmf_index* index, int32_t* ef_construction, int32_t* ef_search, int32_t* nprobe) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::SearchDefaults d = cmf::search_defaults_of(*index);
        if (ef_construction != nullptr) *ef_construction = d.ef_construction;
        if (ef_search != nullptr) *ef_search = d.ef_search;
        if (nprobe != nullptr) *nprobe = d.nprobe;
        return CMF_OK;
    });
}

} // extern "C"
