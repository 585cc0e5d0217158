#include "selectors.hpp"

#include <algorithm>
#include <cstdint>

#include "errors.hpp"

namespace cmf {
namespace {

class BitmapSelector final : public faiss::IDSelector {
public:
    BitmapSelector(int64_t nbits, const uint8_t* bitmap)
            : nbits_(nbits), bits_(bitmap, bitmap + (nbits + 7) / 8) {}

    bool is_member(idx_t id) const override {
        return id >= 0 && id < nbits_ && ((bits_[static_cast<size_t>(id >> 3)] >> (id & 7)) & 1) != 0;
    }

private:
    int64_t nbits_;
    std::vector<uint8_t> bits_;
};

class RangeSelector final : public faiss::IDSelector {
public:
    RangeSelector(int64_t min, int64_t max) : min_(min), max_(max) {}
    bool is_member(idx_t id) const override { return id >= min_ && id < max_; }

private:
    int64_t min_;
    int64_t max_;
};

class NotSelector final : public faiss::IDSelector {
public:
    explicit NotSelector(std::shared_ptr<const faiss::IDSelector> inner) : inner_(std::move(inner)) {}
    bool is_member(idx_t id) const override { return !inner_->is_member(id); }

private:
    std::shared_ptr<const faiss::IDSelector> inner_;
};

int32_t hand_out(std::shared_ptr<const faiss::IDSelector> sel, cmf_selector** out) {
    *out = new cmf_selector{std::move(sel)};
    return CMF_OK;
}

} // namespace

const faiss::IDSelector* selector_for_target(
        const cmf_index& ix, const cmf_selector* selector, std::unique_ptr<faiss::IDSelector>& holder) {
    if (selector == nullptr) {
        return nullptr;
    }
    if (faiss::IndexIDMap* map = id_map_of(ix)) {
        holder = std::make_unique<CallerIdSelector>(map->id_map, *selector->sel);
        return holder.get();
    }
    return selector->sel.get();
}

} // namespace cmf

extern "C" {

int32_t cmf_selector_create_batch(int64_t n, const int64_t* ids, cmf_selector** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        cmf::require_rows(n, ids, "ids");
        // IDSelectorBatch copies the ids into its own set (with a bloom filter in front).
        return cmf::hand_out(std::make_shared<faiss::IDSelectorBatch>(static_cast<size_t>(n), ids), out);
    });
}

int32_t cmf_selector_create_bitmap(int64_t nbits, const uint8_t* bitmap, cmf_selector** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        cmf::require(nbits >= 0, "nbits must not be negative");
        cmf::require(nbits == 0 || bitmap != nullptr, "bitmap must not be NULL when nbits > 0");
        return cmf::hand_out(std::make_shared<cmf::BitmapSelector>(nbits, bitmap), out);
    });
}

int32_t cmf_selector_create_range(int64_t min, int64_t max, cmf_selector** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        cmf::require(min <= max, "min must not be greater than max");
        return cmf::hand_out(std::make_shared<cmf::RangeSelector>(min, max), out);
    });
}

int32_t cmf_selector_create_not(const cmf_selector* inner, cmf_selector** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        cmf::require(inner != nullptr && inner->sel != nullptr, "inner must not be NULL");
        return cmf::hand_out(std::make_shared<cmf::NotSelector>(inner->sel), out);
    });
}

int32_t cmf_selector_free(cmf_selector* selector) {
    return cmf::guarded([&] {
        delete selector;
        return CMF_OK;
    });
}

} // extern "C"
