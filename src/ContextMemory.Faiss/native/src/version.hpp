#pragma once

namespace cmf {

const char* faiss_version_string();
const char* flavor_string();
constexpr int abi_version = 1;

} // namespace cmf
