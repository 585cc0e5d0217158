#include <faiss/Index.h>

#include "errors.hpp"
#include "version.hpp"

#ifndef CMF_FLAVOR
#error "CMF_FLAVOR must be defined by the build (generic or avx2)"
#endif

#define CMF_STRINGIFY_(x) #x
#define CMF_STRINGIFY(x) CMF_STRINGIFY_(x)

namespace cmf {

const char* faiss_version_string() {
    return CMF_STRINGIFY(FAISS_VERSION_MAJOR) "." CMF_STRINGIFY(FAISS_VERSION_MINOR) "." CMF_STRINGIFY(
            FAISS_VERSION_PATCH);
}

const char* flavor_string() {
    return CMF_FLAVOR;
}

} // namespace cmf

extern "C" int32_t cmf_version(const char** faiss_version, const char** flavor, int32_t* abi_version) {
    return cmf::guarded([&] {
        // Each out-parameter is optional.
        if (faiss_version != nullptr) *faiss_version = cmf::faiss_version_string();
        if (flavor != nullptr) *flavor = cmf::flavor_string();
        if (abi_version != nullptr) *abi_version = cmf::abi_version;
        return CMF_OK;
    });
}
