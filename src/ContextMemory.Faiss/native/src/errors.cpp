#include "errors.hpp"

namespace {
thread_local std::string last_error;
}

namespace cmf {

int32_t set_error(int32_t code, const char* message) noexcept {
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
