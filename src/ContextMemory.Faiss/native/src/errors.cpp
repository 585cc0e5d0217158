#include "errors.hpp"

namespace {
thread_local std::string last_error;
thread_local int last_errno = 0;
}

namespace cmf {

int32_t set_error(int32_t code, const char* message, int os_error) noexcept {
    last_errno = os_error;
    try {
        last_error.assign(message != nullptr ? message : "");
    } catch (...) {
        // Keeping the code matters more than the text; leave the old message cleared.
        last_error.clear();
    }
    return code;
}

} // namespace cmf

extern "C" const char* cmf_last_error(void) {
    return last_error.c_str();
}

extern "C" int32_t cmf_last_errno(void) {
    return last_errno;
}
