// The container file format: a fixed 256-byte little-endian header, the caller's user
// data, then FAISS's own serialisation of the index (the payload).
//
//  offset size field
//       0    8 magic "CMFAISS1"
//       8    4 format version (1)
//      12    4 header size (256)
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
//     248    4 CRC32C of bytes [0, 248)
//     252    4 CRC32C of user data + payload
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cmf {

constexpr size_t container_header_size = 256;
constexpr uint32_t container_format_version = 1;
constexpr uint64_t max_user_data_size = 1u << 20;
constexpr size_t max_description_length = 159;

struct ContainerHeader {
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
};

// Serialises header into out (container_header_size bytes), computing the header CRC.
void encode_header(const ContainerHeader& header, unsigned char* out);

// Parses and validates the fixed header of a container whose total length is
// total_size bytes: magic, version, header CRC, field ranges, and that the declared
// sizes add up to exactly total_size. Throws CMF_E_CORRUPT with a precise message.
ContainerHeader decode_header(const unsigned char* bytes, uint64_t total_size);

} // namespace cmf
