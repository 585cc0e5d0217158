#include "hnsw_search.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>

#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/impl/HNSW.h>
#include <faiss/utils/Heap.h>

namespace cmf {
namespace {

using storage_idx_t = faiss::HNSW::storage_idx_t;

// The graph is searched with "smaller is closer"; inner products are negated.
class NegatedDistance final : public faiss::DistanceComputer {
public:
    explicit NegatedDistance(faiss::DistanceComputer* inner) : inner_(inner) {}
    void set_query(const float* x) override { inner_->set_query(x); }
    float operator()(idx_t i) override { return -(*inner_)(i); }
    float symmetric_dis(idx_t i, idx_t j) override { return -inner_->symmetric_dis(i, j); }

private:
    std::unique_ptr<faiss::DistanceComputer> inner_;
};

std::unique_ptr<faiss::DistanceComputer> distance_for(const faiss::IndexHNSW& index) {
    faiss::DistanceComputer* dc = index.storage->get_distance_computer();
    if (index.metric_type == faiss::METRIC_INNER_PRODUCT) {
        return std::make_unique<NegatedDistance>(dc);
    }
    return std::unique_ptr<faiss::DistanceComputer>(dc);
}

// Walks an upper layer towards the query until no neighbour is closer.
void descend(const faiss::HNSW& graph, faiss::DistanceComputer& dc, int level, storage_idx_t& nearest,
             float& nearest_distance) {
    for (;;) {
        storage_idx_t start = nearest;
        size_t begin, end;
        graph.neighbor_range(nearest, level, &begin, &end);
        for (size_t j = begin; j < end; j++) {
            storage_idx_t v = graph.neighbors[j];
            if (v < 0) break;
            float dv = dc(v);
            if (dv < nearest_distance) {
                nearest = v;
                nearest_distance = dv;
            }
        }
        if (nearest == start) return;
    }
}

// Bounded beam search on layer 0 from one entry point; results go to the max-heap
// (distances, labels) of size k, filtered by sel.
void beam_search(const faiss::HNSW& graph, faiss::DistanceComputer& dc, int ef, int64_t k,
                 const faiss::IDSelector* sel, bool check_relative_distance, storage_idx_t entry,
                 float entry_distance, faiss::VisitedTable& visited, float* distances, int64_t* labels) {
    int64_t found = 0;
    auto offer = [&](storage_idx_t v, float d) {
        if (sel != nullptr && !sel->is_member(v)) return;
        if (found < k) {
            faiss::maxheap_push(++found, distances, labels, d, static_cast<int64_t>(v));
        } else if (d < distances[0]) {
            faiss::maxheap_replace_top(found, distances, labels, d, static_cast<int64_t>(v));
        }
    };

    faiss::HNSW::MinimaxHeap candidates(std::max<int>(ef, static_cast<int>(k)));
    candidates.push(entry, entry_distance);
    offer(entry, entry_distance);
    visited.set(entry);

    int steps = 0;
    while (candidates.size() > 0) {
        float d0 = 0;
        storage_idx_t v0 = candidates.pop_min(&d0);
        // Stop once ef candidates already in the queue are closer than the one at hand.
        if (check_relative_distance && candidates.count_below(d0) >= ef) break;
        size_t begin, end;
        graph.neighbor_range(v0, 0, &begin, &end);
        for (size_t j = begin; j < end; j++) {
            storage_idx_t v = graph.neighbors[j];
            if (v < 0) break;
            if (visited.get(v)) continue;
            visited.set(v);
            float d = dc(v);
            offer(v, d);
            candidates.push(v, d);
        }
        if (!check_relative_distance && ++steps > ef) break;
    }
}

} // namespace

bool needs_own_hnsw_search(const faiss::Index* target, int32_t ef_search) {
    auto index = dynamic_cast<const faiss::IndexHNSW*>(target);
    if (index == nullptr || dynamic_cast<const faiss::IndexHNSW2Level*>(target) != nullptr) {
        return false;
    }
    const faiss::HNSW& graph = index->hnsw;
    // Only the default search strategy is reproduced; the others keep FAISS's own path.
    return ef_search > 0 && ef_search != graph.efSearch && index->storage != nullptr && graph.upper_beam == 1 &&
            graph.search_bounded_queue && index->reconstruct_from_neighbors == nullptr;
}

void own_hnsw_search(const faiss::IndexHNSW& index, int64_t n, const float* x, int64_t k, int32_t ef_search,
                     const faiss::IDSelector* sel, float* distances, int64_t* labels) {
    const faiss::HNSW& graph = index.hnsw;
    const bool check_relative_distance = graph.check_relative_distance;
    std::exception_ptr failure;
    std::mutex failure_lock;

    auto record = [&] {
        std::lock_guard<std::mutex> guard(failure_lock);
        if (!failure) failure = std::current_exception();
    };

    // Exceptions must not leave an OpenMP region: each thread records the first one and
    // skips its remaining queries; it is rethrown once the team has joined.
#pragma omp parallel
    {
        std::unique_ptr<faiss::VisitedTable> visited;
        std::unique_ptr<faiss::DistanceComputer> dc;
        try {
            visited = std::make_unique<faiss::VisitedTable>(static_cast<int>(index.ntotal));
            dc = distance_for(index);
        } catch (...) {
            record();
        }
#pragma omp for schedule(dynamic, 1)
        for (int64_t q = 0; q < n; q++) {
            if (!visited || !dc) continue;
            try {
                float* dq = distances + q * k;
                int64_t* lq = labels + q * k;
                faiss::maxheap_heapify(k, dq, lq);
                if (graph.entry_point >= 0) {
                    dc->set_query(x + q * index.d);
                    storage_idx_t nearest = graph.entry_point;
                    float nearest_distance = (*dc)(nearest);
                    for (int level = graph.max_level; level >= 1; level--) {
                        descend(graph, *dc, level, nearest, nearest_distance);
                    }
                    beam_search(graph, *dc, ef_search, k, sel, check_relative_distance, nearest,
                                nearest_distance, *visited, dq, lq);
                    visited->advance();
                }
                faiss::maxheap_reorder(k, dq, lq);
            } catch (...) {
                record();
            }
        }
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    if (index.metric_type == faiss::METRIC_INNER_PRODUCT) {
        for (int64_t i = 0; i < n * k; i++) distances[i] = -distances[i];
    }
}

} // namespace cmf
