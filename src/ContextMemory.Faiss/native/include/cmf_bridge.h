/*
 * cmf_bridge.h - the C ABI of the ContextMemory FAISS bridge.
 *
 * Conventions (every export follows them):
 *   - Every function is prefixed cmf_ and returns an int32_t status (CMF_OK on success).
 *   - Created objects come back through out-parameters and are released with their _free call.
 *   - Every C++ exception is caught at the boundary; its message is kept in a thread-local
 *     string that cmf_last_error returns until the next failing call on the same thread, and
 *     for operating-system failures (CMF_E_IO) the errno, which cmf_last_errno returns.
 *   - Nothing is ever printed.
 *   - Fixed-width types only. Vectors are row-major float32 arrays of n * dimension values.
 *   - Ids are caller-chosen int64 values (any value except -1, which FAISS uses for "no result").
 *
 * Thread-safety: concurrent read calls (search, search_subset, range_search, reconstruct,
 * ntotal, write) on one index are safe. Mutating calls (train, add, remove, reset, set_*)
 * must not run concurrently with any other call on the same index; the managed binding
 * enforces this with a reader/writer lock.
 */
#ifndef CMF_BRIDGE_H
#define CMF_BRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define CMF_API __declspec(dllexport)
#else
#define CMF_API __attribute__((visibility("default")))
#endif

/* ---- status codes ---- */
#define CMF_OK 0
#define CMF_E_INVALID_ARGUMENT 1 /* a precondition the caller should have checked */
#define CMF_E_NOT_SUPPORTED 2    /* the index kind cannot do this (e.g. remove on HNSW) */
#define CMF_E_FAISS 3            /* FAISS raised an error; see cmf_last_error */
#define CMF_E_OUT_OF_MEMORY 4
#define CMF_E_IO 5               /* file could not be opened, read, written or synced; see cmf_last_errno */
#define CMF_E_CORRUPT 6          /* bad magic, truncated, checksum mismatch, size over limit */
#define CMF_E_NOT_FOUND 7        /* an id that is not in the index (reconstruct) */
#define CMF_E_UNKNOWN 99

/* ---- metric kinds ---- */
#define CMF_METRIC_INNER_PRODUCT 0
#define CMF_METRIC_L2 1          /* squared euclidean distance, as FAISS reports it */
#define CMF_METRIC_COSINE 2      /* inner product over L2-normalised vectors (normalised by the bridge) */

typedef struct cmf_index cmf_index;
typedef struct cmf_selector cmf_selector;
typedef struct cmf_range_result cmf_range_result;
typedef struct cmf_buffer cmf_buffer;

/* ---- library ---- */

/* Message of the last failing call on this thread (UTF-8, never NULL, "" when none). */
CMF_API const char* cmf_last_error(void);

/* errno of the last failing call on this thread when an operating-system call failed
 * (CMF_E_IO: ENOENT, EACCES, ENOSPC, ELOOP for a symbolic link, ...), else 0. Like
 * cmf_last_error it returns the value itself, not a status. Since ABI version 2. */
CMF_API int32_t cmf_last_errno(void);

/* FAISS version ("1.7.3"), build flavour ("generic" or "avx2") and bridge ABI version (2). */
CMF_API int32_t cmf_version(const char** faiss_version, const char** flavor, int32_t* abi_version);

/* OpenMP threads used by one call that searches or adds a batch of at least
 * cmf_set_parallel_threshold rows; smaller batches run on the calling thread only
 * (the bridge sets omp_set_num_threads per call, which is per calling thread). */
CMF_API int32_t cmf_set_omp_threads(int32_t threads);
CMF_API int32_t cmf_get_omp_threads(int32_t* threads);
CMF_API int32_t cmf_set_parallel_threshold(int32_t rows);
/* OpenBLAS threads (process-wide). Pin to 1 when FAISS's OpenMP is used. */
CMF_API int32_t cmf_set_blas_threads(int32_t threads);

/* ---- index lifetime ---- */

/* Creates an index from a FAISS index_factory description. The bridge makes every index
 * addressable by caller ids: descriptions whose index lacks add_with_ids (Flat, HNSW, SQ, PQ, ...)
 * are wrapped in IndexIDMap2; IVF indexes get a hashtable direct map (for reconstruct/remove). */
CMF_API int32_t cmf_index_create(const char* description, int32_t dimension, int32_t metric, cmf_index** out);
CMF_API int32_t cmf_index_free(cmf_index* index);

CMF_API int32_t cmf_index_dimension(const cmf_index* index, int32_t* out);
CMF_API int32_t cmf_index_ntotal(const cmf_index* index, int64_t* out);
CMF_API int32_t cmf_index_metric(const cmf_index* index, int32_t* out);
CMF_API int32_t cmf_index_is_trained(const cmf_index* index, int32_t* out);
/* The description the index was created from (as given to cmf_index_create, or as read). */
CMF_API int32_t cmf_index_description(const cmf_index* index, const char** out);
/* 1 when remove_ids works for this index kind, else 0. */
CMF_API int32_t cmf_index_supports_remove(const cmf_index* index, int32_t* out);

/* Defaults used when a search passes <= 0 for the corresponding parameter. */
CMF_API int32_t cmf_index_set_ef_search(cmf_index* index, int32_t ef_search); /* HNSW only, else NOT_SUPPORTED */
CMF_API int32_t cmf_index_set_nprobe(cmf_index* index, int32_t nprobe);       /* IVF only, else NOT_SUPPORTED */
CMF_API int32_t cmf_index_set_ef_construction(cmf_index* index, int32_t ef_construction); /* HNSW only */
/* The current defaults: HNSW efConstruction and efSearch, IVF nprobe; 0 for a parameter the
 * index kind does not have. Every out-parameter may be NULL. Since ABI version 2. */
CMF_API int32_t cmf_index_search_defaults(const cmf_index* index, int32_t* ef_construction, int32_t* ef_search, int32_t* nprobe);

/* ---- mutation ---- */
CMF_API int32_t cmf_index_train(cmf_index* index, int64_t n, const float* x);
CMF_API int32_t cmf_index_add_with_ids(cmf_index* index, int64_t n, const float* x, const int64_t* ids);
/* Removes the given ids; *removed receives how many were present. NOT_SUPPORTED on HNSW. */
CMF_API int32_t cmf_index_remove_ids(cmf_index* index, int64_t n, const int64_t* ids, int64_t* removed);
CMF_API int32_t cmf_index_reset(cmf_index* index);

/* ---- search ---- */

/* k-nearest search for n queries. distances and labels hold n * k entries; missing results
 * have label -1. selector may be NULL (all ids). ef_search / nprobe <= 0 use the index defaults;
 * passing a value for a kind that has no such parameter is ignored. Distances are what FAISS
 * reports for the metric: inner product (higher is closer) or squared L2 (lower is closer);
 * cosine reports the inner product of normalised vectors. */
CMF_API int32_t cmf_index_search(
    const cmf_index* index, int64_t n, const float* x, int64_t k,
    const cmf_selector* selector, int32_t ef_search, int32_t nprobe,
    float* distances, int64_t* labels);

/* Exact search of ONE query over just the given ids (vectors taken from the index itself, so
 * lossy for quantized kinds). Ids not present are skipped. Results sorted best first;
 * *found receives how many of the k slots were filled (the rest are label -1). */
CMF_API int32_t cmf_index_search_subset(
    const cmf_index* index, const float* x, int64_t k,
    int64_t nids, const int64_t* ids,
    float* distances, int64_t* labels, int64_t* found);

/* Range search: inner product >= radius, or squared L2 < radius. */
CMF_API int32_t cmf_index_range_search(
    const cmf_index* index, int64_t n, const float* x, float radius,
    const cmf_selector* selector, cmf_range_result** out);
CMF_API int32_t cmf_range_result_total(const cmf_range_result* result, int64_t* nq, int64_t* total);
/* lims: nq + 1 entries; labels, distances: total entries. Results of query i are [lims[i], lims[i+1]). */
CMF_API int32_t cmf_range_result_copy(const cmf_range_result* result, int64_t* lims, int64_t* labels, float* distances);
CMF_API int32_t cmf_range_result_free(cmf_range_result* result);

/* Copies the stored vector of id into out (dimension floats). NOT_FOUND when absent. */
CMF_API int32_t cmf_index_reconstruct(const cmf_index* index, int64_t id, float* out);
CMF_API int32_t cmf_index_reconstruct_batch(const cmf_index* index, int64_t n, const int64_t* ids, float* out);

/* ---- id selectors (immutable once created; safe to share across threads) ---- */
CMF_API int32_t cmf_selector_create_batch(int64_t n, const int64_t* ids, cmf_selector** out);
/* bit i of bitmap (bitmap[i >> 3] >> (i & 7)) selects id i, for 0 <= i < nbits. */
CMF_API int32_t cmf_selector_create_bitmap(int64_t nbits, const uint8_t* bitmap, cmf_selector** out);
/* ids in [min, max) */
CMF_API int32_t cmf_selector_create_range(int64_t min, int64_t max, cmf_selector** out);
/* Every id NOT selected by inner. The new selector keeps inner alive on its own. */
CMF_API int32_t cmf_selector_create_not(const cmf_selector* inner, cmf_selector** out);
CMF_API int32_t cmf_selector_free(cmf_selector* selector);

/* ---- persistence ----
 * Container format written by the bridge (little-endian, format version 2):
 *   fixed 268-byte header: magic "CMFAISS1", format version, header size, flags, metric,
 *   dimension, user-data size, payload size, FAISS version, flavour, description, the search
 *   defaults (HNSW efConstruction and efSearch, IVF nprobe; 0 when the kind lacks one), CRC32C
 *   of the header fields and CRC32C of user data + payload; also ntotal and a CRC32C of the
 *   user data alone (so cmf_file_peek can verify the user data it returns without reading the
 *   payload; byte layout in native/README.md);
 *   then user data (opaque caller bytes, at most 1 MiB), then the FAISS serialisation.
 * Readers verify magic, version, sizes (against the file size and max_bytes) and both
 * checksums BEFORE FAISS parses anything; any mismatch is CMF_E_CORRUPT. Version-1 containers
 * (256-byte header without the defaults) are still read: a "CMSP" envelope in front of their
 * user data supplies the defaults and is not returned as user data.
 * Loaded indexes carry the saved search defaults (cmf_index_search_defaults).
 *
 * Files are never opened through a symbolic link (O_NOFOLLOW): a path whose last component is
 * a link fails with CMF_E_IO and errno ELOOP, whether the link dangles or not.
 * cmf_index_write_file replaces path atomically: it writes a new temporary file
 * (".cmf-<random>.tmp", created O_EXCL | O_NOFOLLOW) in path's directory, fsyncs it, renames it
 * over path and fsyncs the directory; a failure removes the temporary. The directory itself
 * must not be a symbolic link either (earlier components of the path may be). */
CMF_API int32_t cmf_index_write_file(const cmf_index* index, const char* path, int64_t user_data_size, const uint8_t* user_data);
CMF_API int32_t cmf_index_write_buffer(const cmf_index* index, int64_t user_data_size, const uint8_t* user_data, cmf_buffer** out);
/* user_data may be NULL when the caller does not want it. max_bytes <= 0 means no limit. */
CMF_API int32_t cmf_index_read_file(const char* path, int64_t max_bytes, cmf_index** out, cmf_buffer** user_data);
CMF_API int32_t cmf_index_read_buffer(int64_t size, const uint8_t* data, int64_t max_bytes, cmf_index** out, cmf_buffer** user_data);
/* Reads and validates only the fixed header and the user data (header and user-data checksums;
 * no payload checksum, no FAISS parse). Every out-parameter may be NULL. */
CMF_API int32_t cmf_file_peek(const char* path, int32_t* metric, int32_t* dimension, int64_t* payload_size, cmf_buffer** user_data);

CMF_API int32_t cmf_buffer_data(const cmf_buffer* buffer, const uint8_t** data, int64_t* size);
CMF_API int32_t cmf_buffer_free(cmf_buffer* buffer);

/* fsync a file or directory by path (without following a link at path). */
CMF_API int32_t cmf_fsync_path(const char* path);

#ifdef __cplusplus
}
#endif

#endif /* CMF_BRIDGE_H */
