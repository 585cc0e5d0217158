// What each FAISS 1.7.3 index kind can honour, decided up front so that an unsupported
// request fails cleanly with CMF_E_NOT_SUPPORTED instead of half-way through FAISS.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <faiss/Index.h>
#include <faiss/impl/IDSelector.h>

#include "index_model.hpp"

namespace cmf {

// Empty string when remove_ids works, else the reason.
std::string removal_blocker(const cmf_index& ix);

// Search parameters for one k-NN call on target (the index search runs on), or nullptr
// when FAISS's defaults do. sel speaks target's ids. Throws NOT_SUPPORTED when a
// selector is given and target's kind cannot filter during search.
std::unique_ptr<faiss::SearchParameters> knn_params(
        const faiss::Index* target, const faiss::IDSelector* sel, int32_t ef_search, int32_t nprobe);

// Same for range search; throws NOT_SUPPORTED when the kind has no range search.
std::unique_ptr<faiss::SearchParameters> range_params(
        const faiss::Index* target, const faiss::IDSelector* sel);

} // namespace cmf
