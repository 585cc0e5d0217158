// CRC32C (Castagnoli). crc32c(previous, data, size) continues a checksum: start with 0,
// and crc32c(crc32c(0, a), b) == crc32c(0, a + b). crc32c(0, "123456789") == 0xE3069283.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cmf {

uint32_t crc32c(uint32_t previous, const void* data, size_t size);

namespace detail {
// Both implementations, exposed for the agreement test; crc32c picks one at run time.
uint32_t crc32c_software(uint32_t previous, const void* data, size_t size);
uint32_t crc32c_hardware(uint32_t previous, const void* data, size_t size);
bool crc32c_hardware_available();
} // namespace detail

} // namespace cmf
