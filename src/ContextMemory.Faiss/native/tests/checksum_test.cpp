// CRC32C: known vectors, hardware/software agreement on random data at every alignment,
// chaining, and (with --bench MB) throughput of both implementations.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "checksum.hpp"

using cmf::crc32c;
using cmf::detail::crc32c_hardware;
using cmf::detail::crc32c_hardware_available;
using cmf::detail::crc32c_software;

static int failures = 0;

static void expect(bool ok, const std::string& what) {
    if (!ok) {
        std::fprintf(stderr, "FAIL: %s\n", what.c_str());
        failures++;
    }
}

static void known_vectors() {
    unsigned char zeros[32] = {}, ones[32], ascending[32];
    std::memset(ones, 0xFF, sizeof ones);
    for (int i = 0; i < 32; i++) ascending[i] = static_cast<unsigned char>(i);
    struct Case {
        const void* data;
        size_t size;
        uint32_t crc;
        const char* name;
    } cases[] = {
            {"", 0, 0x00000000u, "empty"},
            {"123456789", 9, 0xE3069283u, "123456789"},
            {zeros, 32, 0x8A9136AAu, "32 zero bytes"},
            {ones, 32, 0x62A8AB43u, "32 0xFF bytes"},
            {ascending, 32, 0x46DD794Eu, "bytes 0..31"},
    };
    for (const Case& c : cases) {
        expect(crc32c_software(0, c.data, c.size) == c.crc, std::string("software: ") + c.name);
        expect(crc32c_hardware(0, c.data, c.size) == c.crc, std::string("hardware: ") + c.name);
        expect(crc32c(0, c.data, c.size) == c.crc, std::string("dispatch: ") + c.name);
    }
}

static void agreement() {
    std::mt19937_64 rng(42);
    std::vector<unsigned char> data(1 << 16);
    for (auto& b : data) b = static_cast<unsigned char>(rng());
    for (size_t offset = 0; offset < 16; offset++) {
        for (size_t size : {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 1000, 4097, 65000}) {
            if (offset + size > data.size()) continue;
            uint32_t s = crc32c_software(0, data.data() + offset, size);
            uint32_t h = crc32c_hardware(0, data.data() + offset, size);
            expect(s == h, "agreement at offset " + std::to_string(offset) + " size " + std::to_string(size));
        }
    }
    // Chaining: checksum of a+b equals the checksum of b continued from a's.
    for (size_t split : {0, 1, 5, 8, 1000, 65535}) {
        uint32_t whole = crc32c(0, data.data(), data.size());
        uint32_t first = crc32c(0, data.data(), split);
        expect(crc32c(first, data.data() + split, data.size() - split) == whole,
               "chaining at " + std::to_string(split));
        uint32_t sw_first = crc32c_software(0, data.data(), split);
        expect(crc32c_software(sw_first, data.data() + split, data.size() - split) == whole,
               "software chaining at " + std::to_string(split));
    }
}

static double throughput(uint32_t (*fn)(uint32_t, const void*, size_t), const std::vector<unsigned char>& data,
                         uint32_t* result) {
    auto start = std::chrono::steady_clock::now();
    *result = fn(0, data.data(), data.size());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return seconds;
}

int main(int argc, char** argv) {
    known_vectors();
    agreement();
    std::printf("crc32c: hardware %s\n", crc32c_hardware_available() ? "available (sse4.2)" : "not available");
    if (argc == 3 && std::strcmp(argv[1], "--bench") == 0) {
        size_t mb = std::strtoul(argv[2], nullptr, 10);
        std::vector<unsigned char> data(mb << 20);
        std::mt19937_64 rng(7);
        for (size_t i = 0; i + 8 <= data.size(); i += 8) {
            uint64_t v = rng();
            std::memcpy(&data[i], &v, 8);
        }
        uint32_t h = 0, s = 0;
        double th = throughput(crc32c_hardware, data, &h);
        double ts = throughput(crc32c_software, data, &s);
        expect(h == s, "agreement on the benchmark buffer");
        std::printf("crc32c over %zu MiB: hardware %.3f s (%.2f GB/s), software %.3f s (%.2f GB/s)\n", mb, th,
                    data.size() / th / 1e9, ts, data.size() / ts / 1e9);
    }
    if (failures != 0) {
        std::printf("checksum tests: %d failure(s)\n", failures);
        return 1;
    }
    std::printf("checksum tests passed\n");
    return 0;
}
