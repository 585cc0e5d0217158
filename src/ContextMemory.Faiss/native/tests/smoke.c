/* Native smoke check of the bridge, run after every build: version and flavour, the main
 * index kinds end to end, selectors, persistence round trips and damage detection.
 * Small on purpose: it proves the library links, loads and honours the ABI. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmf_bridge.h"

static int failures = 0;
static const char* context = "";

#define CHECK(cond)                                                                                  \
    do {                                                                                             \
        if (!(cond)) {                                                                               \
            fprintf(stderr, "smoke: FAIL [%s] line %d: %s (last error: %s)\n", context, __LINE__, #cond, \
                    cmf_last_error());                                                               \
            failures++;                                                                              \
        }                                                                                            \
    } while (0)

#define OK(call) CHECK((call) == CMF_OK)

enum { DIM = 16, N = 300, K = 5 };

static float data[N * DIM];
static int64_t ids[N];

static void make_data(void) {
    unsigned int state = 12345u;
    for (int i = 0; i < N * DIM; i++) {
        state = state * 1103515245u + 12345u;
        data[i] = (float)((state >> 8) & 0xFFFF) / 65536.0f - 0.5f;
    }
    for (int i = 0; i < N; i++) ids[i] = 1000 + 7 * (int64_t)i;
}

/* Index (into ids) of the exact best match of row q under metric, by brute force. */
static int brute_force_best(int q, int32_t metric) {
    int best = -1;
    float best_score = 0;
    for (int i = 0; i < N; i++) {
        float dot = 0, l2 = 0, norm = 0, qnorm = 0;
        for (int j = 0; j < DIM; j++) {
            float a = data[q * DIM + j], b = data[i * DIM + j];
            dot += a * b;
            l2 += (a - b) * (a - b);
            norm += b * b;
            qnorm += a * a;
        }
        float score = metric == CMF_METRIC_L2 ? -l2
                : metric == CMF_METRIC_INNER_PRODUCT ? dot
                : dot / sqrtf(norm * qnorm);
        if (best < 0 || score > best_score) {
            best = i;
            best_score = score;
        }
    }
    return best;
}

/* Flat / HNSW / IVF / SQ: add, exact-hit search, selector excluding the hit, reconstruct. */
static void check_kind(const char* description, int32_t metric, int expect_remove) {
    static char label[64];
    snprintf(label, sizeof label, "%s metric %d", description, (int)metric);
    context = label;
    cmf_index* index = NULL;
    OK(cmf_index_create(description, DIM, metric, &index));
    if (index == NULL) return;

    int32_t trained = 0;
    OK(cmf_index_is_trained(index, &trained));
    if (!trained) OK(cmf_index_train(index, N, data));
    OK(cmf_index_add_with_ids(index, N, data, ids));
    int64_t ntotal = 0;
    OK(cmf_index_ntotal(index, &ntotal));
    CHECK(ntotal == N);

    const int q = 42;
    const int best = brute_force_best(q, metric);
    float distances[K];
    int64_t labels[K];
    OK(cmf_index_search(index, 1, data + q * DIM, K, NULL, 64, 8, distances, labels));
    CHECK(labels[0] == ids[best]);

    cmf_selector* only = NULL;
    cmf_selector* not_only = NULL;
    OK(cmf_selector_create_batch(1, &ids[best], &only));
    OK(cmf_selector_create_not(only, &not_only));
    OK(cmf_selector_free(only)); /* the NOT selector keeps it alive */
    OK(cmf_index_search(index, 1, data + q * DIM, K, not_only, 64, 8, distances, labels));
    for (int i = 0; i < K; i++) CHECK(labels[i] != ids[best] && labels[i] != -1);
    OK(cmf_selector_free(not_only));

    float v[DIM];
    OK(cmf_index_reconstruct(index, ids[q], v));
    CHECK(cmf_index_reconstruct(index, 3, v) == CMF_E_NOT_FOUND);

    int64_t found = 0;
    int64_t subset[4] = {ids[q + 1], ids[best], 999999, ids[best]};
    OK(cmf_index_search_subset(index, data + q * DIM, K, 4, subset, distances, labels, &found));
    CHECK(found == 2 && labels[0] == ids[best] && labels[1] == ids[q + 1] && labels[2] == -1);

    int32_t supports = -1;
    OK(cmf_index_supports_remove(index, &supports));
    CHECK(supports == expect_remove);
    int64_t removed = -1;
    int32_t rc = cmf_index_remove_ids(index, 1, &ids[best], &removed);
    if (expect_remove) {
        CHECK(rc == CMF_OK && removed == 1);
        CHECK(cmf_index_reconstruct(index, ids[best], v) == CMF_E_NOT_FOUND);
        OK(cmf_index_search(index, 1, data + q * DIM, K, NULL, 0, 8, distances, labels));
        CHECK(labels[0] != ids[best] && labels[0] != -1);
    } else {
        CHECK(rc == CMF_E_NOT_SUPPORTED && strlen(cmf_last_error()) > 0);
    }
    OK(cmf_index_free(index));
}

/* Write/read round trip of one kind: the copy answers like the original, keeps its id
 * lookups, and still removes where the kind can. */
static void check_round_trip(const char* description, int32_t metric, int removable) {
    static char label[64];
    snprintf(label, sizeof label, "round trip %s", description);
    context = label;
    cmf_index* index = NULL;
    OK(cmf_index_create(description, DIM, metric, &index));
    if (index == NULL) return;
    int32_t trained = 0;
    OK(cmf_index_is_trained(index, &trained));
    if (!trained) OK(cmf_index_train(index, N, data));
    OK(cmf_index_add_with_ids(index, N, data, ids));
    cmf_index_set_nprobe(index, 4); /* IVF only; NOT_SUPPORTED elsewhere */
    cmf_buffer* buffer = NULL;
    OK(cmf_index_write_buffer(index, 0, NULL, &buffer));
    const uint8_t* bytes = NULL;
    int64_t size = 0;
    OK(cmf_buffer_data(buffer, &bytes, &size));
    cmf_index* copy = NULL;
    OK(cmf_index_read_buffer(size, bytes, 0, &copy, NULL));
    OK(cmf_buffer_free(buffer));
    if (copy == NULL) {
        OK(cmf_index_free(index));
        return;
    }
    float d1[K], d2[K], v1[DIM], v2[DIM];
    int64_t l1[K], l2[K];
    OK(cmf_index_search(index, 1, data + 17 * DIM, K, NULL, 0, 0, d1, l1));
    OK(cmf_index_search(copy, 1, data + 17 * DIM, K, NULL, 0, 0, d2, l2));
    CHECK(memcmp(l1, l2, sizeof l1) == 0);
    OK(cmf_index_reconstruct(index, ids[17], v1));
    OK(cmf_index_reconstruct(copy, ids[17], v2));
    CHECK(memcmp(v1, v2, sizeof v1) == 0);
    int64_t removed = -1;
    int32_t rc = cmf_index_remove_ids(copy, 2, &ids[17], &removed);
    CHECK(removable ? (rc == CMF_OK && removed == 2) : rc == CMF_E_NOT_SUPPORTED);
    OK(cmf_index_free(copy));
    OK(cmf_index_free(index));
}

static void check_range_and_bitmap(void) {
    context = "range search and bitmap";
    cmf_index* index = NULL;
    OK(cmf_index_create("Flat", DIM, CMF_METRIC_L2, &index));
    if (index == NULL) return;
    OK(cmf_index_add_with_ids(index, N, data, ids));
    /* Select ids[0..9] through a bitmap over the id space. */
    int64_t nbits = ids[9] + 1;
    uint8_t* bitmap = calloc((size_t)(nbits + 7) / 8, 1);
    for (int i = 0; i < 10; i++) bitmap[ids[i] >> 3] |= (uint8_t)(1u << (ids[i] & 7));
    cmf_selector* sel = NULL;
    OK(cmf_selector_create_bitmap(nbits, bitmap, &sel));
    free(bitmap);
    cmf_range_result* result = NULL;
    OK(cmf_index_range_search(index, 2, data, 1e9f, sel, &result));
    int64_t nq = 0, total = 0;
    OK(cmf_range_result_total(result, &nq, &total));
    CHECK(nq == 2 && total == 20);
    int64_t lims[3];
    int64_t labels[20];
    float distances[20];
    OK(cmf_range_result_copy(result, lims, labels, distances));
    CHECK(lims[0] == 0 && lims[1] == 10 && lims[2] == 20);
    for (int i = 0; i < 20; i++) CHECK(labels[i] >= ids[0] && labels[i] <= ids[9]);
    OK(cmf_range_result_free(result));
    float d[K];
    int64_t l[K];
    OK(cmf_index_search(index, 1, data + 5 * DIM, K, sel, 0, 0, d, l));
    CHECK(l[0] == ids[5] && l[K - 1] != -1);
    OK(cmf_selector_free(sel));
    OK(cmf_index_free(index));

    OK(cmf_index_create("HNSW8", DIM, CMF_METRIC_L2, &index));
    CHECK(cmf_index_range_search(index, 1, data, 1.0f, NULL, &result) == CMF_E_NOT_SUPPORTED && result == NULL);
    OK(cmf_index_free(index));
}

/* A per-call efSearch must give exactly what the same value as the index default gives
 * (the bridge runs its own beam search for it; see src/hnsw_search.hpp). */
static void check_hnsw_per_call_ef(void) {
    context = "hnsw per-call ef";
    cmf_index* index = NULL;
    OK(cmf_index_create("HNSW8", DIM, CMF_METRIC_INNER_PRODUCT, &index));
    if (index == NULL) return;
    OK(cmf_index_add_with_ids(index, N, data, ids));
    float d_default[4 * K], d_call[4 * K];
    int64_t l_default[4 * K], l_call[4 * K];
    OK(cmf_index_set_ef_search(index, 40));
    OK(cmf_index_search(index, 4, data, K, NULL, 0, 0, d_default, l_default));
    OK(cmf_index_set_ef_search(index, 4));
    OK(cmf_index_search(index, 4, data, K, NULL, 40, 0, d_call, l_call));
    CHECK(memcmp(l_default, l_call, sizeof l_call) == 0 && memcmp(d_default, d_call, sizeof d_call) == 0);
    OK(cmf_index_free(index));
}

/* After reset nothing of the old contents can be found, by search or by id. */
static void check_reset(const char* description) {
    context = description;
    cmf_index* index = NULL;
    OK(cmf_index_create(description, DIM, CMF_METRIC_L2, &index));
    if (index == NULL) return;
    int32_t trained = 0;
    OK(cmf_index_is_trained(index, &trained));
    if (!trained) OK(cmf_index_train(index, N, data));
    OK(cmf_index_add_with_ids(index, N, data, ids));
    OK(cmf_index_reset(index));
    float v[DIM], d[K];
    int64_t l[K], found = -1, ntotal = -1;
    OK(cmf_index_ntotal(index, &ntotal));
    CHECK(ntotal == 0);
    CHECK(cmf_index_reconstruct(index, ids[3], v) == CMF_E_NOT_FOUND);
    OK(cmf_index_search_subset(index, data, K, 1, &ids[3], d, l, &found));
    CHECK(found == 0 && l[0] == -1);
    OK(cmf_index_search(index, 1, data, K, NULL, 0, 0, d, l));
    CHECK(l[0] == -1);
    OK(cmf_index_add_with_ids(index, 1, data + 5 * DIM, &ids[5]));
    OK(cmf_index_reconstruct(index, ids[5], v));
    CHECK(memcmp(v, data + 5 * DIM, sizeof v) == 0 || strcmp(description, "Flat") != 0);
    OK(cmf_index_free(index));
}

static void check_persistence(const char* dir) {
    context = "persistence";
    cmf_index* index = NULL;
    OK(cmf_index_create("HNSW16", DIM, CMF_METRIC_COSINE, &index));
    if (index == NULL) return;
    OK(cmf_index_add_with_ids(index, N, data, ids));
    const uint8_t user[5] = {1, 2, 3, 4, 5};

    cmf_buffer* buffer = NULL;
    OK(cmf_index_write_buffer(index, sizeof user, user, &buffer));
    const uint8_t* bytes = NULL;
    int64_t size = 0;
    OK(cmf_buffer_data(buffer, &bytes, &size));
    CHECK(size > 256);

    cmf_index* copy = NULL;
    cmf_buffer* user_back = NULL;
    OK(cmf_index_read_buffer(size, bytes, 0, &copy, &user_back));
    if (copy != NULL) {
        int32_t metric = -1;
        const char* description = NULL;
        int64_t ntotal = 0;
        OK(cmf_index_metric(copy, &metric));
        OK(cmf_index_description(copy, &description));
        OK(cmf_index_ntotal(copy, &ntotal));
        CHECK(metric == CMF_METRIC_COSINE && strcmp(description, "HNSW16") == 0 && ntotal == N);
        float distances[K];
        int64_t labels[K];
        OK(cmf_index_search(copy, 1, data + 9 * DIM, K, NULL, 0, 0, distances, labels));
        CHECK(labels[0] == ids[9] && fabsf(distances[0] - 1.0f) < 1e-4f);
        OK(cmf_index_free(copy));
    }
    if (user_back != NULL) {
        const uint8_t* u = NULL;
        int64_t usize = 0;
        OK(cmf_buffer_data(user_back, &u, &usize));
        CHECK(usize == 5 && memcmp(u, user, 5) == 0);
        OK(cmf_buffer_free(user_back));
    }

    /* Damage anywhere is detected before FAISS parses: flipped bits, truncation, limit. */
    /* Every byte of the header and user data, then every 13th byte of the payload. */
    uint8_t* damaged = malloc((size_t)size);
    memcpy(damaged, bytes, (size_t)size);
    int undetected = 0;
    for (int64_t pos = 0; pos < size; pos += pos < 512 ? 1 : 13) {
        damaged[pos] ^= 0x10;
        copy = NULL;
        if (cmf_index_read_buffer(size, damaged, 0, &copy, NULL) != CMF_E_CORRUPT || copy != NULL) undetected++;
        damaged[pos] ^= 0x10;
    }
    CHECK(undetected == 0);
    CHECK(cmf_index_read_buffer(size - 1, bytes, 0, &copy, NULL) == CMF_E_CORRUPT);
    CHECK(cmf_index_read_buffer(100, bytes, 0, &copy, NULL) == CMF_E_CORRUPT);
    CHECK(cmf_index_read_buffer(size, bytes, size - 1, &copy, NULL) == CMF_E_CORRUPT);
    free(damaged);
    OK(cmf_buffer_free(buffer));

    char path[4096];
    snprintf(path, sizeof path, "%s/smoke-%d.cmf", dir, (int)getpid());
    OK(cmf_index_write_file(index, path, sizeof user, user));
    OK(cmf_fsync_path(path));
    OK(cmf_fsync_path(dir));
    int32_t metric = -1, dimension = -1;
    int64_t payload = 0;
    cmf_buffer* peeked = NULL;
    OK(cmf_file_peek(path, &metric, &dimension, &payload, &peeked));
    CHECK(metric == CMF_METRIC_COSINE && dimension == DIM && payload > 0);
    OK(cmf_buffer_free(peeked));
    copy = NULL;
    OK(cmf_index_read_file(path, 0, &copy, NULL));
    OK(cmf_index_free(copy));
    CHECK(cmf_index_read_file(path, 1000, &copy, NULL) == CMF_E_CORRUPT);
    CHECK(truncate(path, payload / 2) == 0);
    CHECK(cmf_index_read_file(path, 0, &copy, NULL) == CMF_E_CORRUPT);
    unlink(path);
    CHECK(cmf_index_read_file(path, 0, &copy, NULL) == CMF_E_IO && cmf_last_errno() == ENOENT);

    /* Links are never followed: reading or writing through one fails with ELOOP, and the
     * target is left alone (a dangling link does not create it). */
    char target[4096], link_path[4096];
    snprintf(target, sizeof target, "%s/smoke-%d.target", dir, (int)getpid());
    snprintf(link_path, sizeof link_path, "%s/smoke-%d.link", dir, (int)getpid());
    CHECK(symlink(target, link_path) == 0);
    CHECK(cmf_index_write_file(index, link_path, sizeof user, user) == CMF_E_IO && cmf_last_errno() == ELOOP);
    CHECK(access(target, F_OK) != 0);
    CHECK(cmf_index_read_file(link_path, 0, &copy, NULL) == CMF_E_IO && cmf_last_errno() == ELOOP);
    CHECK(cmf_fsync_path(link_path) == CMF_E_IO && cmf_last_errno() == ELOOP);
    unlink(link_path);
    OK(cmf_index_free(index));
}

static void check_search_defaults(void) {
    context = "search defaults";
    cmf_index* index = NULL;
    OK(cmf_index_create("HNSW8", DIM, CMF_METRIC_L2, &index));
    if (index == NULL) return;
    OK(cmf_index_set_ef_search(index, 77));
    OK(cmf_index_set_ef_construction(index, 55));
    cmf_buffer* buffer = NULL;
    OK(cmf_index_write_buffer(index, 0, NULL, &buffer));
    const uint8_t* bytes = NULL;
    int64_t size = 0;
    OK(cmf_buffer_data(buffer, &bytes, &size));
    cmf_index* copy = NULL;
    OK(cmf_index_read_buffer(size, bytes, 0, &copy, NULL));
    int32_t efc = 0, efs = 0, nprobe = -1;
    if (copy != NULL) {
        OK(cmf_index_search_defaults(copy, &efc, &efs, &nprobe));
        CHECK(efc == 55 && efs == 77 && nprobe == 0);
        OK(cmf_index_free(copy));
    }
    OK(cmf_buffer_free(buffer));
    OK(cmf_index_free(index));

    OK(cmf_index_create("IVF4,Flat", DIM, CMF_METRIC_L2, &index));
    OK(cmf_index_set_nprobe(index, 3));
    OK(cmf_index_search_defaults(index, &efc, &efs, &nprobe));
    CHECK(efc == 0 && efs == 0 && nprobe == 3);
    OK(cmf_index_free(index));
}

static void check_arguments(void) {
    context = "arguments";
    cmf_index* index = NULL;
    float distances[K];
    int64_t labels[K];
    CHECK(cmf_index_create(NULL, DIM, CMF_METRIC_L2, &index) == CMF_E_INVALID_ARGUMENT);
    CHECK(cmf_index_create("Flat", 0, CMF_METRIC_L2, &index) == CMF_E_INVALID_ARGUMENT);
    CHECK(cmf_index_create("Flat", DIM, 7, &index) == CMF_E_INVALID_ARGUMENT);
    CHECK(cmf_index_create("NoSuchIndex", DIM, CMF_METRIC_L2, &index) == CMF_E_FAISS);
    CHECK(strlen(cmf_last_error()) > 0);
    OK(cmf_index_create("PQ4np", DIM, CMF_METRIC_L2, &index)); /* np: skip the slow polysemous training */
    CHECK(cmf_index_search(index, 1, data, 0, NULL, 0, 0, distances, labels) == CMF_E_INVALID_ARGUMENT);
    CHECK(cmf_index_search(index, -1, data, K, NULL, 0, 0, distances, labels) == CMF_E_INVALID_ARGUMENT);
    CHECK(cmf_index_search(NULL, 1, data, K, NULL, 0, 0, distances, labels) == CMF_E_INVALID_ARGUMENT);
    CHECK(cmf_index_add_with_ids(index, 1, data, ids) == CMF_E_INVALID_ARGUMENT); /* untrained */
    OK(cmf_index_train(index, N, data));
    OK(cmf_index_add_with_ids(index, N, data, ids));
    cmf_selector* range = NULL;
    OK(cmf_selector_create_range(0, 2000, &range));
    CHECK(cmf_index_search(index, 1, data, K, range, 0, 0, distances, labels) == CMF_E_NOT_SUPPORTED);
    OK(cmf_selector_free(range));
    CHECK(cmf_index_set_ef_search(index, 32) == CMF_E_NOT_SUPPORTED);
    OK(cmf_index_free(index));
}

int main(void) {
    const char* faiss_version = NULL;
    const char* flavor = NULL;
    int32_t abi = 0;
    OK(cmf_version(&faiss_version, &flavor, &abi));
    CHECK(faiss_version != NULL && strcmp(faiss_version, "1.7.3") == 0);
    CHECK(flavor != NULL && strcmp(flavor, CMF_EXPECTED_FLAVOR) == 0);
    CHECK(abi == 2);
    OK(cmf_set_omp_threads(2));
    OK(cmf_set_blas_threads(1));

    make_data();
    check_kind("Flat", CMF_METRIC_L2, 1);
    check_kind("Flat", CMF_METRIC_INNER_PRODUCT, 1);
    check_kind("HNSW32", CMF_METRIC_L2, 0);
    check_kind("HNSW32", CMF_METRIC_COSINE, 0);
    check_kind("IVF4,Flat", CMF_METRIC_L2, 1);
    check_kind("IVF4,Flat", CMF_METRIC_COSINE, 1);
    check_kind("SQ8", CMF_METRIC_L2, 1);
    check_hnsw_per_call_ef();
    check_range_and_bitmap();
    check_reset("Flat");
    check_reset("HNSW8");
    check_reset("IVF4,Flat");
    check_round_trip("Flat", CMF_METRIC_INNER_PRODUCT, 1);
    check_round_trip("HNSW8", CMF_METRIC_COSINE, 0);
    check_round_trip("IVF4,Flat", CMF_METRIC_L2, 1);
    check_round_trip("IVF4,SQ8", CMF_METRIC_COSINE, 1);
    check_round_trip("PCA8,Flat", CMF_METRIC_L2, 1);
    check_persistence(getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
    check_search_defaults();
    check_arguments();

    if (failures != 0) {
        fprintf(stderr, "smoke: %d check(s) failed\n", failures);
        return 1;
    }
    printf("smoke: %s flavour of FAISS %s OK\n", flavor, faiss_version);
    return 0;
}
