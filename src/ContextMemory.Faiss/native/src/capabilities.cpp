#include "capabilities.hpp"

#include <typeinfo>

#include <faiss/IndexFlat.h>
#include <faiss/IndexFlatCodes.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexIVFPQR.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/impl/HNSW.h>

#include "errors.hpp"

namespace cmf {
namespace {

// Flat kinds whose search and range_search read SearchParameters::sel (IndexFlat1D
// overrides search and rejects parameters).
bool is_plain_flat(const faiss::Index* core) {
    const std::type_info& t = typeid(*core);
    return t == typeid(faiss::IndexFlat) || t == typeid(faiss::IndexFlatL2) ||
            t == typeid(faiss::IndexFlatIP);
}

// IVF kinds whose inverted-list scanners honour a selector; others (spectral hash,
// additive quantizers, fast-scan, dedup, PQR) either throw or ignore it.
bool is_filterable_ivf(const faiss::Index* core) {
    const std::type_info& t = typeid(*core);
    return t == typeid(faiss::IndexIVFFlat) || t == typeid(faiss::IndexIVFPQ) ||
            t == typeid(faiss::IndexIVFScalarQuantizer);
}

// HNSW kinds that use IndexHNSW::search (IndexHNSW2Level rejects parameters).
bool is_parameterisable_hnsw(const faiss::Index* core) {
    return dynamic_cast<const faiss::IndexHNSW*>(core) != nullptr &&
            dynamic_cast<const faiss::IndexHNSW2Level*>(core) == nullptr;
}

[[noreturn]] void no_selector(const faiss::Index* core) {
    fail(CMF_E_NOT_SUPPORTED,
         kind_name(core) + " indexes cannot filter by id selector during search; "
                           "use an exact subset search or another index kind");
}

faiss::IDSelector* mutable_selector(const faiss::IDSelector* sel) {
    // SearchParameters holds a non-const pointer but FAISS only calls is_member on it.
    return const_cast<faiss::IDSelector*>(sel);
}

} // namespace

std::string removal_blocker(const cmf_index& ix) {
    if (faiss::IndexIVF* ivf = top_ivf_of(ix)) {
        const std::type_info& t = typeid(*ivf);
        if (t == typeid(faiss::IndexIVFPQR) || t == typeid(faiss::IndexIVFFlatDedup)) {
            return "this IVF variant cannot remove vectors; rebuild the index without them";
        }
        if (ivf->direct_map.type != faiss::DirectMap::Hashtable &&
            ivf->direct_map.type != faiss::DirectMap::NoMap) {
            return "IVF indexes with an array direct map cannot remove vectors";
        }
        return {};
    }
    faiss::Index* core = core_of(ix);
    if (dynamic_cast<faiss::IndexHNSW*>(core)) {
        return "HNSW indexes cannot remove vectors; rebuild the index without them";
    }
    if (dynamic_cast<faiss::IndexIVF*>(core)) {
        return "IVF indexes behind a pre-transform cannot remove vectors; rebuild the index without them";
    }
    // IndexIDMap::remove_ids needs a sub-index that compacts its storage in order,
    // which is what the flat-code kinds do.
    if (dynamic_cast<faiss::IndexFlatCodes*>(core) == nullptr) {
        return kind_name(core) + " indexes cannot remove vectors; rebuild the index without them";
    }
    return {};
}

std::unique_ptr<faiss::SearchParameters> knn_params(
        const faiss::Index* target, const faiss::IDSelector* sel, int32_t ef_search, int32_t nprobe) {
    const faiss::Index* core = unwrap_transforms(const_cast<faiss::Index*>(target));
    if (is_parameterisable_hnsw(core)) {
        if (sel == nullptr && ef_search <= 0) {
            return nullptr;
        }
        auto hnsw = static_cast<const faiss::IndexHNSW*>(core);
        auto p = std::make_unique<faiss::SearchParametersHNSW>();
        p->efSearch = ef_search > 0 ? ef_search : hnsw->hnsw.efSearch;
        p->check_relative_distance = hnsw->hnsw.check_relative_distance;
        p->sel = mutable_selector(sel);
        return p;
    }
    if (auto ivf = dynamic_cast<const faiss::IndexIVF*>(core)) {
        if (!is_filterable_ivf(core)) {
            if (sel != nullptr) {
                no_selector(core);
            }
            return nullptr; // per-call nprobe cannot be passed to this variant
        }
        if (sel == nullptr && nprobe <= 0) {
            return nullptr;
        }
        auto p = std::make_unique<faiss::SearchParametersIVF>();
        p->nprobe = nprobe > 0 ? static_cast<size_t>(nprobe) : ivf->nprobe;
        p->max_codes = ivf->max_codes;
        p->sel = mutable_selector(sel);
        return p;
    }
    if (sel == nullptr) {
        return nullptr;
    }
    if (is_plain_flat(core) || typeid(*core) == typeid(faiss::IndexScalarQuantizer)) {
        auto p = std::make_unique<faiss::SearchParameters>();
        p->sel = mutable_selector(sel);
        return p;
    }
    no_selector(core);
}

std::unique_ptr<faiss::SearchParameters> range_params(
        const faiss::Index* target, const faiss::IDSelector* sel) {
    const faiss::Index* core = unwrap_transforms(const_cast<faiss::Index*>(target));
    if (is_plain_flat(core)) {
        if (sel == nullptr) {
            return nullptr;
        }
        auto p = std::make_unique<faiss::SearchParameters>();
        p->sel = mutable_selector(sel);
        return p;
    }
    if (is_filterable_ivf(core)) {
        if (sel == nullptr) {
            return nullptr;
        }
        auto ivf = static_cast<const faiss::IndexIVF*>(core);
        auto p = std::make_unique<faiss::SearchParametersIVF>();
        p->nprobe = ivf->nprobe;
        p->max_codes = ivf->max_codes;
        p->sel = mutable_selector(sel);
        return p;
    }
    fail(CMF_E_NOT_SUPPORTED, kind_name(core) + " indexes do not support range search");
}

} // namespace cmf
