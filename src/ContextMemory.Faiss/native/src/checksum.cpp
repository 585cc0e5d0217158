// CRC32C with the SSE4.2 crc32 instruction when the CPU has it (checked at run time, so
// the generic build still runs on CPUs without it) and slicing-by-8 tables otherwise.
#include "checksum.hpp"

#include <array>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define CMF_X86 1
#endif

namespace cmf {
namespace detail {
namespace {

constexpr uint32_t reflected_polynomial = 0x82F63B78u;

struct Tables {
    uint32_t t[8][256];
};

constexpr Tables make_tables() {
    Tables tables{};
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int bit = 0; bit < 8; bit++) {
            c = (c & 1u) ? (c >> 1) ^ reflected_polynomial : c >> 1;
        }
        tables.t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++) {
        for (int s = 1; s < 8; s++) {
            uint32_t prev = tables.t[s - 1][i];
            tables.t[s][i] = (prev >> 8) ^ tables.t[0][prev & 0xFFu];
        }
    }
    return tables;
}

constexpr Tables tables = make_tables();

uint64_t load_le64(const unsigned char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v; // x86-64 and every target this builds for are little-endian
}

#ifdef CMF_X86
__attribute__((target("sse4.2"))) uint32_t hardware_update(uint32_t crc, const unsigned char* p, size_t n) {
    uint64_t c = crc;
    while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7u) != 0) {
        c = _mm_crc32_u8(static_cast<uint32_t>(c), *p++);
        n--;
    }
    // One dependent chain of crc32 instructions: about 8 bytes per 3 cycles, several
    // GB/s, which keeps checksumming far below the cost of reading the file.
    while (n >= 32) {
        c = _mm_crc32_u64(c, load_le64(p));
        c = _mm_crc32_u64(c, load_le64(p + 8));
        c = _mm_crc32_u64(c, load_le64(p + 16));
        c = _mm_crc32_u64(c, load_le64(p + 24));
        p += 32;
        n -= 32;
    }
    while (n >= 8) {
        c = _mm_crc32_u64(c, load_le64(p));
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        c = _mm_crc32_u8(static_cast<uint32_t>(c), *p++);
        n--;
    }
    return static_cast<uint32_t>(c);
}
#endif

uint32_t software_update(uint32_t crc, const unsigned char* p, size_t n) {
    while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7u) != 0) {
        crc = (crc >> 8) ^ tables.t[0][(crc ^ *p++) & 0xFFu];
        n--;
    }
    while (n >= 8) {
        uint64_t v = load_le64(p) ^ crc;
        crc = tables.t[7][v & 0xFF] ^ tables.t[6][(v >> 8) & 0xFF] ^ tables.t[5][(v >> 16) & 0xFF] ^
                tables.t[4][(v >> 24) & 0xFF] ^ tables.t[3][(v >> 32) & 0xFF] ^ tables.t[2][(v >> 40) & 0xFF] ^
                tables.t[1][(v >> 48) & 0xFF] ^ tables.t[0][v >> 56];
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        crc = (crc >> 8) ^ tables.t[0][(crc ^ *p++) & 0xFFu];
        n--;
    }
    return crc;
}

} // namespace

bool crc32c_hardware_available() {
#ifdef CMF_X86
    static const bool available = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("sse4.2") != 0;
    }();
    return available;
#else
    return false;
#endif
}

uint32_t crc32c_software(uint32_t previous, const void* data, size_t size) {
    return ~software_update(~previous, static_cast<const unsigned char*>(data), size);
}

uint32_t crc32c_hardware(uint32_t previous, const void* data, size_t size) {
#ifdef CMF_X86
    if (crc32c_hardware_available()) {
        return ~hardware_update(~previous, static_cast<const unsigned char*>(data), size);
    }
#endif
    return crc32c_software(previous, data, size);
}

} // namespace detail

uint32_t crc32c(uint32_t previous, const void* data, size_t size) {
    return detail::crc32c_hardware_available() ? detail::crc32c_hardware(previous, data, size)
                                               : detail::crc32c_software(previous, data, size);
}

} // namespace cmf
