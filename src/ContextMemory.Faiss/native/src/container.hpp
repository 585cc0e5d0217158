// The container file format: a fixed little-endian header, the caller's user data, then
// FAISS's own serialisation of the index (the payload).
//
// Version 2 (written), 268-byte header:
//  offset size field
//       0    8 magic "CMFAISS1"
//       8    4 format version (2)
//      12    4 header size (268)
//      16    4 flags (0; readers reject unknown bits)
//      20    4 metric (CMF_METRIC_*)
//      24    4 dimension
//      28    4 CRC32C of the user data alone (lets cmf_file_peek trust what it returns)
//      32    8 ntotal (vectors in the index)
//      40    8 user-data size (<= 1 MiB)
//      48    8 payload size
//      56   16 FAISS version, NUL-padded
//      72   16 flavour ("generic" / "avx2"), NUL-padded
//      88  160 index description, NUL-padded (at most 159 bytes)
//     248    4 HNSW efConstruction (0: the index has no HNSW graph)
//     252    4 HNSW efSearch (0: no HNSW graph)
//     256    4 IVF nprobe (0: no inverted file)
//     260    4 CRC32C of bytes [0, 260)
//     264    4 CRC32C of user data + payload
//
// Version 1 (read only), 256-byte header: the same fields up to offset 248, without the search
// defaults; the header CRC at 248 covers [0, 248) and the data CRC is at 252. The managed binding
// of that time kept the search defaults in front of the caller's user data, in a 17-byte "CMSP"
// envelope: magic "CMSP", version byte 1, then efConstruction, efSearch and nprobe (int32 each).
// A version-1 reader gets the caller's bytes only and the defaults from the envelope; user data
// without the envelope is the caller's as a whole (other writers of the same container).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "index_model.hpp"

namespace cmf {

constexpr uint32_t container_format_version = 2;
constexpr size_t container_header_size = 268;
constexpr uint32_t legacy_format_version = 1;
constexpr size_t legacy_header_size = 256;
constexpr uint64_t max_user_data_size = 1u << 20;
constexpr size_t max_description_length = 159;

struct ContainerHeader {
    uint32_t version = container_format_version;
    size_t header_size = container_header_size;
    int32_t metric = 0;
    int32_t dimension = 0;
    int64_t ntotal = 0;
    uint64_t user_data_size = 0;
    uint64_t payload_size = 0;
    uint32_t user_data_crc = 0;
    uint32_t data_crc = 0;
    std::string faiss_version;
    std::string flavor;
    std::string description;
    // Version 2: from the header. Version 1: from the legacy envelope, when there is one.
    SearchDefaults defaults;
    bool has_defaults = false;
};

// The caller's part of the user data (a version-1 envelope excluded).
struct CallerData {
    const unsigned char* data;
    uint64_t size;
};

// Serialises a version-2 header into out (container_header_size bytes), computing the header CRC.
void encode_header(const ContainerHeader& header, unsigned char* out);

// Parses and validates the fixed header of a container whose total length is total_size
// bytes, of which the first available are at bytes: magic, version, header CRC, field
// ranges, and that the declared sizes add up to exactly total_size. Throws CMF_E_CORRUPT
// with a precise message.
ContainerHeader decode_header(const unsigned char* bytes, size_t available, uint64_t total_size);

// The caller's bytes within the stored user data (already checksummed). For version 1, takes
// the search defaults out of a legacy envelope into header.
CallerData caller_data(ContainerHeader& header, const unsigned char* user_data);

} // namespace cmf
