// Id selectors handed out to callers, and the adapter that lets a selector written in
// caller ids filter a sub-index that numbers its vectors 0..ntotal-1.
#pragma once

#include <memory>
#include <vector>

#include <faiss/impl/IDSelector.h>

#include "index_model.hpp"

struct cmf_selector {
    std::shared_ptr<const faiss::IDSelector> sel;
};

namespace cmf {

// Asks the caller's selector about the caller id stored at an internal position.
class CallerIdSelector final : public faiss::IDSelector {
public:
    CallerIdSelector(const std::vector<idx_t>& id_map, const faiss::IDSelector& caller)
            : id_map_(id_map), caller_(caller) {}

    bool is_member(idx_t internal) const override {
        return internal >= 0 && static_cast<size_t>(internal) < id_map_.size() &&
                caller_.is_member(id_map_[static_cast<size_t>(internal)]);
    }

private:
    const std::vector<idx_t>& id_map_;
    const faiss::IDSelector& caller_;
};

// The selector a search on search_target(ix) must use for the caller's selector
// (nullptr when there is none). holder keeps a translating adapter alive.
const faiss::IDSelector* selector_for_target(
        const cmf_index& ix, const cmf_selector* selector, std::unique_ptr<faiss::IDSelector>& holder);

} // namespace cmf
