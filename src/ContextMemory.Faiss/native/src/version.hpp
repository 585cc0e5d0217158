#pragma once

namespace cmf {

const char* faiss_version_string();
const char* flavor_string();
// 2: cmf_last_errno, cmf_index_search_defaults, atomic no-follow cmf_index_write_file, container format 2.
constexpr int abi_version = 2;

} // namespace cmf
