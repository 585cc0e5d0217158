#include "container.hpp"

#include <cstring>

#include "checksum.hpp"
#include "cmf_bridge.h"
#include "errors.hpp"

namespace cmf {
namespace {

constexpr char magic[8] = {'C', 'M', 'F', 'A', 'I', 'S', 'S', '1'};
constexpr size_t defaults_offset = 248;
constexpr size_t header_crc_offset = 260;
constexpr size_t data_crc_offset = 264;
constexpr size_t legacy_header_crc_offset = 248;
constexpr size_t legacy_data_crc_offset = 252;

constexpr char legacy_envelope_magic[4] = {'C', 'M', 'S', 'P'};
constexpr unsigned char legacy_envelope_version = 1;
constexpr size_t legacy_envelope_size = 17;

struct Field {
    size_t offset;
    size_t size;
};

constexpr Field faiss_version_field{56, 16};
constexpr Field flavor_field{72, 16};
constexpr Field description_field{88, 160};

void put32(unsigned char* p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

void put64(unsigned char* p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

uint32_t get32(const unsigned char* p) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v |= static_cast<uint32_t>(p[i]) << (8 * i);
    return v;
}

uint64_t get64(const unsigned char* p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return v;
}

void put_text(unsigned char* base, Field f, const std::string& text) {
    if (text.size() >= f.size) {
        fail(CMF_E_INVALID_ARGUMENT, "text field '" + text + "' does not fit the container header");
    }
    std::memset(base + f.offset, 0, f.size);
    std::memcpy(base + f.offset, text.data(), text.size());
}

std::string get_text(const unsigned char* base, Field f, const char* name) {
    const unsigned char* p = base + f.offset;
    const void* nul = std::memchr(p, 0, f.size);
    if (nul == nullptr) {
        fail(CMF_E_CORRUPT, std::string("container header: the ") + name + " field is not NUL-terminated");
    }
    size_t length = static_cast<size_t>(static_cast<const unsigned char*>(nul) - p);
    for (size_t i = length; i < f.size; i++) {
        if (p[i] != 0) {
            fail(CMF_E_CORRUPT, std::string("container header: the ") + name + " field has bytes after its end");
        }
    }
    return std::string(reinterpret_cast<const char*>(p), length);
}

void check_search_defaults(const SearchDefaults& d, const char* where) {
    if (d.ef_construction < 0 || d.ef_search < 0 || d.nprobe < 0) {
        fail(CMF_E_CORRUPT, std::string("the ") + where + " holds a negative search default");
    }
}

} // namespace

void encode_header(const ContainerHeader& h, unsigned char* out) {
    std::memset(out, 0, container_header_size);
    std::memcpy(out, magic, sizeof magic);
    put32(out + 8, container_format_version);
    put32(out + 12, static_cast<uint32_t>(container_header_size));
    put32(out + 16, 0);
    put32(out + 20, static_cast<uint32_t>(h.metric));
    put32(out + 24, static_cast<uint32_t>(h.dimension));
    put32(out + 28, h.user_data_crc);
    put64(out + 32, static_cast<uint64_t>(h.ntotal));
    put64(out + 40, h.user_data_size);
    put64(out + 48, h.payload_size);
    put_text(out, faiss_version_field, h.faiss_version);
    put_text(out, flavor_field, h.flavor);
    put_text(out, description_field, h.description);
    put32(out + defaults_offset, static_cast<uint32_t>(h.defaults.ef_construction));
    put32(out + defaults_offset + 4, static_cast<uint32_t>(h.defaults.ef_search));
    put32(out + defaults_offset + 8, static_cast<uint32_t>(h.defaults.nprobe));
    put32(out + header_crc_offset, crc32c(0, out, header_crc_offset));
    put32(out + data_crc_offset, h.data_crc);
}

ContainerHeader decode_header(const unsigned char* bytes, size_t available, uint64_t total_size) {
    if (available < sizeof magic + 4) {
        fail(CMF_E_CORRUPT, "truncated container: " + std::to_string(total_size) +
                                    " bytes is shorter than the container header");
    }
    if (std::memcmp(bytes, magic, sizeof magic) != 0) {
        fail(CMF_E_CORRUPT, "not a ContextMemory FAISS container (bad magic)");
    }
    ContainerHeader h;
    h.version = get32(bytes + 8);
    if (h.version != container_format_version && h.version != legacy_format_version) {
        fail(CMF_E_CORRUPT, "unsupported container format version " + std::to_string(h.version) +
                                    " (this bridge reads versions 1 and 2; the header may be damaged)");
    }
    bool legacy = h.version == legacy_format_version;
    h.header_size = legacy ? legacy_header_size : container_header_size;
    if (available < h.header_size) {
        fail(CMF_E_CORRUPT, "truncated container: " + std::to_string(total_size) + " bytes is shorter than the " +
                                    std::to_string(h.header_size) + "-byte header of format version " +
                                    std::to_string(h.version));
    }
    size_t crc_offset = legacy ? legacy_header_crc_offset : header_crc_offset;
    if (get32(bytes + crc_offset) != crc32c(0, bytes, crc_offset)) {
        fail(CMF_E_CORRUPT, "container header checksum mismatch (the header is damaged)");
    }
    if (get32(bytes + 12) != h.header_size) {
        fail(CMF_E_CORRUPT, "container header declares a header size of " + std::to_string(get32(bytes + 12)) +
                                    " bytes (expected " + std::to_string(h.header_size) + ")");
    }
    if (get32(bytes + 16) != 0) {
        fail(CMF_E_CORRUPT, "container header has unknown flags set");
    }

    h.metric = static_cast<int32_t>(get32(bytes + 20));
    h.dimension = static_cast<int32_t>(get32(bytes + 24));
    h.user_data_crc = get32(bytes + 28);
    h.ntotal = static_cast<int64_t>(get64(bytes + 32));
    h.user_data_size = get64(bytes + 40);
    h.payload_size = get64(bytes + 48);
    h.data_crc = get32(bytes + (legacy ? legacy_data_crc_offset : data_crc_offset));
    h.faiss_version = get_text(bytes, faiss_version_field, "FAISS version");
    h.flavor = get_text(bytes, flavor_field, "flavour");
    h.description = get_text(bytes, description_field, "description");
    if (!legacy) {
        h.defaults.ef_construction = static_cast<int32_t>(get32(bytes + defaults_offset));
        h.defaults.ef_search = static_cast<int32_t>(get32(bytes + defaults_offset + 4));
        h.defaults.nprobe = static_cast<int32_t>(get32(bytes + defaults_offset + 8));
        h.has_defaults = true;
        check_search_defaults(h.defaults, "container header");
    }

    if (h.metric != CMF_METRIC_INNER_PRODUCT && h.metric != CMF_METRIC_L2 && h.metric != CMF_METRIC_COSINE) {
        fail(CMF_E_CORRUPT, "container header has an unknown metric " + std::to_string(h.metric));
    }
    if (h.dimension <= 0) {
        fail(CMF_E_CORRUPT, "container header has a non-positive dimension " + std::to_string(h.dimension));
    }
    if (h.ntotal < 0) {
        fail(CMF_E_CORRUPT, "container header has a negative vector count");
    }
    if (h.user_data_size > max_user_data_size) {
        fail(CMF_E_CORRUPT, "container header declares " + std::to_string(h.user_data_size) +
                                    " bytes of user data (limit 1 MiB)");
    }
    uint64_t body = total_size - h.header_size;
    if (h.payload_size > body || h.user_data_size > body - h.payload_size) {
        fail(CMF_E_CORRUPT, "truncated container: the header declares " +
                                    std::to_string(h.user_data_size) + " bytes of user data and " +
                                    std::to_string(h.payload_size) + " bytes of payload but only " +
                                    std::to_string(body) + " bytes follow the header");
    }
    if (h.user_data_size + h.payload_size != body) {
        fail(CMF_E_CORRUPT, "container has " + std::to_string(body - h.user_data_size - h.payload_size) +
                                    " unexpected trailing bytes");
    }
    return h;
}

CallerData caller_data(ContainerHeader& h, const unsigned char* user) {
    if (h.version != legacy_format_version || h.user_data_size < legacy_envelope_size ||
        std::memcmp(user, legacy_envelope_magic, sizeof legacy_envelope_magic) != 0 ||
        user[4] != legacy_envelope_version) {
        return {user, h.user_data_size};
    }
    h.defaults.ef_construction = static_cast<int32_t>(get32(user + 5));
    h.defaults.ef_search = static_cast<int32_t>(get32(user + 9));
    h.defaults.nprobe = static_cast<int32_t>(get32(user + 13));
    h.has_defaults = true;
    check_search_defaults(h.defaults, "search-defaults envelope of the format-1 container");
    return {user + legacy_envelope_size, h.user_data_size - legacy_envelope_size};
}

} // namespace cmf
