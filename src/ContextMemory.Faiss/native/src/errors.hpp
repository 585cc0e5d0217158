// Error model of the bridge: one thread-local message (and errno), one exception type for the
// bridge's own failures, and one guard that maps every C++ exception to a status code.
#pragma once

#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include <faiss/impl/FaissException.h>

#include "cmf_bridge.h"

namespace cmf {

// A failure detected by the bridge itself (bad argument, unsupported operation,
// corrupt file, I/O error); carries the status code to return and, for operating-system
// failures, the errno that caused it (0 otherwise).
class BridgeError : public std::exception {
public:
    BridgeError(int32_t code, std::string message, int os_error = 0)
        : code_(code), os_error_(os_error), message_(std::move(message)) {}
    int32_t code() const noexcept { return code_; }
    int os_error() const noexcept { return os_error_; }
    const char* what() const noexcept override { return message_.c_str(); }

private:
    int32_t code_;
    int os_error_;
    std::string message_;
};

// Records message and os_error as this thread's last error and returns code.
int32_t set_error(int32_t code, const char* message, int os_error = 0) noexcept;

[[noreturn]] inline void fail(int32_t code, std::string message) {
    throw BridgeError(code, std::move(message));
}

// An operating-system failure: CMF_E_IO with its errno, which cmf_last_errno reports.
[[noreturn]] inline void fail_os(std::string message, int os_error) {
    throw BridgeError(CMF_E_IO, std::move(message), os_error);
}

inline void require(bool condition, const char* message) {
    if (!condition) {
        fail(CMF_E_INVALID_ARGUMENT, message);
    }
}

// Runs body (which returns a status) and turns any exception into a status code with
// the message kept for cmf_last_error. Every export goes through here.
template <class Body>
int32_t guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (const BridgeError& e) {
        return set_error(e.code(), e.what(), e.os_error());
    } catch (const faiss::FaissException& e) {
        return set_error(CMF_E_FAISS, e.what());
    } catch (const std::bad_alloc&) {
        return set_error(CMF_E_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return set_error(CMF_E_UNKNOWN, e.what());
    } catch (...) {
        return set_error(CMF_E_UNKNOWN, "unknown native exception");
    }
}

} // namespace cmf
