// The bridge's index object and the helpers that look through FAISS's wrappers.
//
// Shape of every index the bridge holds (created or read):
//   - an IndexIVF at the top (caller ids are native, direct map = hashtable), or
//   - an IndexIDMap / IndexIDMap2 at the top whose sub-index uses dense internal ids.
// Between the id map and the "core" index there may be IndexPreTransform layers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <faiss/Index.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>

#include "cmf_bridge.h"

struct cmf_index {
    std::unique_ptr<faiss::Index> index;
    int32_t metric = CMF_METRIC_L2;
    std::string description;
};

namespace cmf {

using idx_t = faiss::Index::idx_t;

faiss::MetricType faiss_metric(int32_t metric);

inline faiss::IndexIDMap* id_map_of(const cmf_index& ix) {
    return dynamic_cast<faiss::IndexIDMap*>(ix.index.get());
}

inline faiss::IndexIDMap2* id_map2_of(const cmf_index& ix) {
    return dynamic_cast<faiss::IndexIDMap2*>(ix.index.get());
}

// The IVF index at the top level, whose ids are the caller's ids; else nullptr.
inline faiss::IndexIVF* top_ivf_of(const cmf_index& ix) {
    return dynamic_cast<faiss::IndexIVF*>(ix.index.get());
}

// The index searches run on: the id map's sub-index, or the top-level index.
faiss::Index* search_target(const cmf_index& ix);

// The innermost index, below the id map and any pre-transforms.
faiss::Index* core_of(const cmf_index& ix);
faiss::Index* unwrap_transforms(faiss::Index* index);

// The HNSW index at the core, or nullptr; the IVF index at the core, or nullptr.
faiss::IndexHNSW* hnsw_core_of(const cmf_index& ix);
faiss::IndexIVF* ivf_core_of(const cmf_index& ix);

// The search defaults an index carries (0 for a parameter its kind does not have). They are
// part of FAISS's own serialisation too; the container header repeats them so that they are
// verified before FAISS parses a byte and readable without parsing the payload.
struct SearchDefaults {
    int32_t ef_construction = 0;
    int32_t ef_search = 0;
    int32_t nprobe = 0;
};

SearchDefaults search_defaults_of(const cmf_index& ix);

// Sets the defaults on a freshly read index. With exact, every parameter must be present
// exactly when the index kind has it (a version-2 header describes the index it was written
// with); otherwise (a version-1 envelope) values the kind lacks, and zeros, are ignored.
// A mismatch is CMF_E_CORRUPT.
void apply_search_defaults(cmf_index& ix, const SearchDefaults& defaults, bool exact);

// A short, human-readable name of the core index kind ("HNSW", "IVF", "Flat", ...).
std::string kind_name(const faiss::Index* core);

// FAISS's k-means prints a warning to stderr when given fewer than 39 training points
// per centroid; the bridge never prints, so this lowers that threshold on every
// clustering the index holds (k-means itself still needs at least one point per centroid).
// Whether there is enough training data is the caller's judgement.
void silence_training_warnings(faiss::Index* index);

// Checks that ix is a shape the bridge can drive (see above); CORRUPT otherwise.
void check_shape(const cmf_index& ix);

// Input rows for train/add/search: the caller's memory, or an L2-normalised copy for
// the cosine metric.
class Rows {
public:
    Rows(const cmf_index& ix, int64_t n, const float* x);
    const float* data() const { return data_; }

private:
    const float* data_;
    std::vector<float> copy_;
};

// Validation shared by the entry points.
void require_index(const cmf_index* ix);
void require_rows(int64_t n, const void* x, const char* what);

} // namespace cmf
