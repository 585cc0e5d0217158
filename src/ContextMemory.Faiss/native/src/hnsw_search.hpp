// HNSW k-NN search with a per-call efSearch.
//
// FAISS 1.7.3's HNSW::search sizes its candidate queue from the index's own efSearch
// (max(hnsw.efSearch, k)) even when SearchParametersHNSW carries another value, so a
// per-call efSearch above the index default cannot raise recall (measured: recall stays at
// the default's level). The bridge cannot change the index's efSearch during a search, which
// runs concurrently with other searches, so for that case it runs the same greedy descent +
// bounded beam search itself, with the queue sized from the per-call value.
#pragma once

#include <cstdint>

#include <faiss/IndexHNSW.h>
#include <faiss/impl/IDSelector.h>

namespace cmf {

// True when search on index with this per-call ef needs the bridge's own search.
bool needs_own_hnsw_search(const faiss::Index* target, int32_t ef_search);

// k-NN search of n queries over index (which must satisfy needs_own_hnsw_search), keeping
// only ids sel accepts (sel may be nullptr). Output layout and conventions are FAISS's:
// distances ascending for L2, descending inner products, missing results labelled -1.
void own_hnsw_search(const faiss::IndexHNSW& index, int64_t n, const float* x, int64_t k, int32_t ef_search,
                     const faiss::IDSelector* sel, float* distances, int64_t* labels);

} // namespace cmf
