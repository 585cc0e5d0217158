// Writing and reading container files and buffers (format in container.hpp). Both
// checksums are verified before FAISS parses a single byte of the payload.
//
// No file is ever opened through a symbolic link: reads open with O_NOFOLLOW, and a write
// creates a fresh temporary (O_EXCL | O_NOFOLLOW) beside the target, relative to a descriptor
// of the target's directory (itself opened with O_NOFOLLOW), and renames it over the target,
// which replaces a link rather than writing through it. A link found at the target is refused
// with ELOOP before anything is written.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <faiss/index_io.h>
#include <faiss/impl/io.h>

#include "checksum.hpp"
#include "container.hpp"
#include "errors.hpp"
#include "index_model.hpp"
#include "version.hpp"

struct cmf_buffer {
    std::vector<uint8_t> data;
};

namespace cmf {
namespace {

[[noreturn]] void io_fail(const std::string& what, const std::string& path, int err) {
    if (err == ELOOP) {
        fail_os("'" + path + "' is a symbolic link (or its path has too many levels of links)", err);
    }
    fail_os(what + " '" + path + "': " + std::strerror(err), err);
}

// A file descriptor closed on scope exit.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() { close_quietly(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    void close_quietly() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    // close(2) reports delayed write errors on some file systems: surface them.
    int close_checked() {
        int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

private:
    int fd_;
};

void write_all(int fd, const unsigned char* p, size_t n, const std::string& path) {
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            io_fail("cannot write", path, errno);
        }
        p += w;
        n -= static_cast<size_t>(w);
    }
}

void pwrite_all(int fd, const unsigned char* p, size_t n, off_t offset, const std::string& path) {
    while (n > 0) {
        ssize_t w = ::pwrite(fd, p, n, offset);
        if (w < 0) {
            if (errno == EINTR) continue;
            io_fail("cannot write", path, errno);
        }
        p += w;
        n -= static_cast<size_t>(w);
        offset += w;
    }
}

void pread_all(int fd, unsigned char* p, size_t n, off_t offset, const std::string& path) {
    while (n > 0) {
        ssize_t r = ::pread(fd, p, n, offset);
        if (r < 0) {
            if (errno == EINTR) continue;
            io_fail("cannot read", path, errno);
        }
        if (r == 0) {
            fail(CMF_E_CORRUPT, "'" + path + "' ended while reading (it is being truncated?)");
        }
        p += r;
        n -= static_cast<size_t>(r);
        offset += r;
    }
}

size_t byte_count(size_t size, size_t nitems) {
    if (size != 0 && nitems > SIZE_MAX / size) {
        fail(CMF_E_INVALID_ARGUMENT, "serialisation chunk size overflows");
    }
    return size * nitems;
}

// Receives FAISS's serialisation (and the user data before it), keeping the running
// CRC of everything after the header.
class ChecksummingWriter : public faiss::IOWriter {
public:
    size_t operator()(const void* ptr, size_t size, size_t nitems) override {
        size_t n = byte_count(size, nitems);
        if (n > 0) {
            crc_ = crc32c(crc_, ptr, n);
            emit(static_cast<const unsigned char*>(ptr), n);
            written_ += n;
        }
        return nitems;
    }
    uint32_t crc() const { return crc_; }
    uint64_t written() const { return written_; }

protected:
    virtual void emit(const unsigned char* p, size_t n) = 0;

private:
    uint32_t crc_ = 0;
    uint64_t written_ = 0;
};

class FileWriter final : public ChecksummingWriter {
public:
    FileWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) { buffer_.reserve(capacity); }
    void flush() {
        write_all(fd_, buffer_.data(), buffer_.size(), path_);
        buffer_.clear();
    }

protected:
    void emit(const unsigned char* p, size_t n) override {
        if (buffer_.size() + n > capacity) {
            flush();
        }
        if (n >= capacity) {
            write_all(fd_, p, n, path_);
        } else {
            buffer_.insert(buffer_.end(), p, p + n);
        }
    }

private:
    static constexpr size_t capacity = 1 << 20;
    int fd_;
    std::string path_;
    std::vector<unsigned char> buffer_;
};

class BufferWriter final : public ChecksummingWriter {
public:
    explicit BufferWriter(std::vector<uint8_t>& out) : out_(out) {}

protected:
    void emit(const unsigned char* p, size_t n) override { out_.insert(out_.end(), p, p + n); }

private:
    std::vector<uint8_t>& out_;
};

// Hands FAISS the payload bytes from memory, refusing to read past their end.
class MemoryReader final : public faiss::IOReader {
public:
    MemoryReader(const unsigned char* data, size_t size) : data_(data), size_(size) {}
    size_t operator()(void* ptr, size_t size, size_t nitems) override {
        if (size == 0 || nitems == 0) {
            return 0;
        }
        size_t available = (size_ - position_) / size;
        size_t items = nitems < available ? nitems : available;
        std::memcpy(ptr, data_ + position_, items * size);
        position_ += items * size;
        return items;
    }
    size_t remaining() const { return size_ - position_; }

private:
    const unsigned char* data_;
    size_t size_;
    size_t position_ = 0;
};

void check_user_data(int64_t size, const uint8_t* data) {
    require(size >= 0, "user_data_size must not be negative");
    require(static_cast<uint64_t>(size) <= max_user_data_size, "user data is limited to 1 MiB");
    require(size == 0 || data != nullptr, "user_data must not be NULL when user_data_size > 0");
}

ContainerHeader header_for(const cmf_index& ix, int64_t user_size, const uint8_t* user, uint64_t payload,
                           uint32_t data_crc) {
    ContainerHeader h;
    h.metric = ix.metric;
    h.dimension = static_cast<int32_t>(ix.index->d);
    h.ntotal = ix.index->ntotal;
    h.user_data_size = static_cast<uint64_t>(user_size);
    h.payload_size = payload;
    h.user_data_crc = crc32c(0, user, static_cast<size_t>(user_size));
    h.data_crc = data_crc;
    h.defaults = search_defaults_of(ix);
    h.faiss_version = faiss_version_string();
    h.flavor = flavor_string();
    h.description = ix.description;
    return h;
}

// Writes the container (header patched in last) to fd and flushes it to disk.
void write_container(const cmf_index& ix, int fd, const std::string& path, int64_t user_size, const uint8_t* user) {
    unsigned char header[container_header_size] = {};
    write_all(fd, header, sizeof header, path); // placeholder until sizes are known
    FileWriter writer(fd, path);
    writer(user, 1, static_cast<size_t>(user_size));
    faiss::write_index(ix.index.get(), &writer);
    writer.flush();
    uint64_t payload = writer.written() - static_cast<uint64_t>(user_size);
    encode_header(header_for(ix, user_size, user, payload, writer.crc()), header);
    pwrite_all(fd, header, sizeof header, 0, path);
    if (::fsync(fd) != 0) {
        io_fail("cannot fsync", path, errno);
    }
}

struct Location {
    std::string directory;
    std::string name;
};

Location split_path(const std::string& path) {
    size_t slash = path.find_last_of('/');
    Location at;
    at.directory = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    at.name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (at.name.empty() || at.name == "." || at.name == "..") {
        fail_os("'" + path + "' names a directory, not a file", EISDIR);
    }
    return at;
}

// What the new file will replace must be nothing or a file: a link is refused (ELOOP) rather
// than replaced, so a planted link is noticed; a directory cannot be replaced (EISDIR).
void check_target(int directory, const std::string& name, const std::string& path) {
    struct stat st {};
    if (::fstatat(directory, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) {
            return;
        }
        io_fail("cannot inspect", path, errno);
    }
    if (S_ISLNK(st.st_mode)) {
        io_fail("", path, ELOOP);
    }
    if (S_ISDIR(st.st_mode)) {
        fail_os("'" + path + "' is a directory, not an index file", EISDIR);
    }
}

std::string temporary_name() {
    static std::atomic<uint64_t> counter{0};
    uint64_t x = 0;
    if (::getrandom(&x, sizeof x, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof x)) {
        timespec now {};
        ::clock_gettime(CLOCK_REALTIME, &now);
        x = static_cast<uint64_t>(now.tv_nsec) ^ (static_cast<uint64_t>(now.tv_sec) << 30) ^
            (static_cast<uint64_t>(::getpid()) << 44);
    }
    x ^= counter.fetch_add(1) * 0x9E3779B97F4A7C15ull; // distinct names for concurrent writers in one process
    char name[32];
    std::snprintf(name, sizeof name, ".cmf-%016llx.tmp", static_cast<unsigned long long>(x));
    return name;
}

// A new file beside the target, removed again unless it was renamed into place.
class TemporaryFile {
public:
    TemporaryFile(int directory, const std::string& path) : directory_(directory) {
        for (int attempt = 0;; attempt++) {
            name_ = temporary_name();
            fd_ = ::openat(directory, name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
            if (fd_ >= 0) {
                return;
            }
            if (errno != EEXIST || attempt == 15) {
                io_fail("cannot create a temporary file beside", path, errno);
            }
        }
    }
    ~TemporaryFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!renamed_) {
            ::unlinkat(directory_, name_.c_str(), 0);
        }
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    int fd() const { return fd_; }
    // close(2) reports delayed write errors on some file systems: surface them.
    void close_checked(const std::string& path) {
        int rc = ::close(fd_);
        fd_ = -1;
        if (rc != 0) {
            io_fail("cannot close", path, errno);
        }
    }
    void rename_to(const std::string& name, const std::string& path) {
        if (::renameat(directory_, name_.c_str(), directory_, name.c_str()) != 0) {
            io_fail("cannot rename the new file onto", path, errno);
        }
        renamed_ = true;
    }

private:
    int directory_;
    int fd_ = -1;
    bool renamed_ = false;
    std::string name_;
};

// Atomic replacement: a crash leaves the old file or the new one, never a torn file.
void write_file(const cmf_index& ix, const std::string& path, int64_t user_size, const uint8_t* user) {
    Location at = split_path(path);
    // Without O_DIRECTORY, which would report a link as ENOTDIR instead of ELOOP.
    Fd directory(::open(at.directory.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (directory.get() < 0) {
        io_fail("cannot open the directory", at.directory, errno);
    }
    struct stat st {};
    if (::fstat(directory.get(), &st) != 0) {
        io_fail("cannot stat the directory", at.directory, errno);
    }
    if (!S_ISDIR(st.st_mode)) {
        fail_os("'" + at.directory + "' is not a directory", ENOTDIR);
    }
    check_target(directory.get(), at.name, path);
    TemporaryFile temporary(directory.get(), path);
    write_container(ix, temporary.fd(), path, user_size, user);
    temporary.close_checked(path);
    temporary.rename_to(at.name, path);
    if (::fsync(directory.get()) != 0) {
        io_fail("cannot fsync the directory", at.directory, errno);
    }
}

// Validates a whole container in memory and builds the index from it.
void read_container(const unsigned char* bytes, uint64_t size, cmf_index** out, cmf_buffer** user_out) {
    ContainerHeader h = decode_header(bytes, static_cast<size_t>(size), size);
    const unsigned char* user = bytes + h.header_size;
    const unsigned char* payload = user + h.user_data_size;
    if (crc32c(0, user, h.user_data_size) != h.user_data_crc) {
        fail(CMF_E_CORRUPT, "user data checksum mismatch (the user data is damaged)");
    }
    if (crc32c(0, user, h.user_data_size + h.payload_size) != h.data_crc) {
        fail(CMF_E_CORRUPT, "payload checksum mismatch (the index data is damaged)");
    }

    CallerData caller = caller_data(h, user);

    MemoryReader reader(payload, h.payload_size);
    auto ix = std::make_unique<cmf_index>();
    try {
        ix->index.reset(faiss::read_index(&reader));
    } catch (const faiss::FaissException& e) {
        fail(CMF_E_CORRUPT, std::string("FAISS could not parse the payload: ") + e.what());
    }
    if (reader.remaining() != 0) {
        fail(CMF_E_CORRUPT, "the payload has " + std::to_string(reader.remaining()) + " bytes FAISS did not read");
    }
    ix->metric = h.metric;
    ix->description = h.description;
    check_shape(*ix);
    silence_training_warnings(ix->index.get());
    if (ix->index->d != h.dimension) {
        fail(CMF_E_CORRUPT, "the index has dimension " + std::to_string(ix->index->d) + " but the header says " +
                                    std::to_string(h.dimension));
    }
    if (ix->index->metric_type != faiss_metric(h.metric)) {
        fail(CMF_E_CORRUPT, "the index metric does not match the header");
    }
    if (ix->index->ntotal != h.ntotal) {
        fail(CMF_E_CORRUPT, "the index holds " + std::to_string(ix->index->ntotal) + " vectors but the header says " +
                                    std::to_string(h.ntotal));
    }
    if (h.has_defaults) {
        apply_search_defaults(*ix, h.defaults, h.version == container_format_version);
    }
    std::unique_ptr<cmf_buffer> user_buffer;
    if (user_out != nullptr) {
        user_buffer = std::make_unique<cmf_buffer>();
        user_buffer->data.assign(caller.data, caller.data + caller.size);
    }
    *out = ix.release();
    if (user_out != nullptr) {
        *user_out = user_buffer.release();
    }
}

void check_size_limit(uint64_t size, int64_t max_bytes) {
    if (max_bytes > 0 && size > static_cast<uint64_t>(max_bytes)) {
        fail(CMF_E_CORRUPT, "container is " + std::to_string(size) + " bytes, over the limit of " +
                                    std::to_string(max_bytes));
    }
}

// Never through a link; O_NONBLOCK so that a FIFO planted at the path cannot hang the open
// (it is refused below as not a regular file; reads of regular files ignore the flag).
int open_no_follow(const char* path) {
    return ::open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
}

// Checks the descriptor open_no_follow returned for path and returns the file's size;
// regular files only.
uint64_t open_for_read(Fd& fd, const std::string& path) {
    if (fd.get() < 0) {
        io_fail("cannot open", path, errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        io_fail("cannot stat", path, errno);
    }
    if (S_ISDIR(st.st_mode)) {
        fail_os("'" + path + "' is a directory, not an index file", EISDIR);
    }
    if (!S_ISREG(st.st_mode)) {
        fail(CMF_E_IO, "'" + path + "' is not a regular file");
    }
    return static_cast<uint64_t>(st.st_size);
}

void check_not_truncated(uint64_t size, const char* path) {
    if (size < legacy_header_size) {
        fail(CMF_E_CORRUPT, "truncated container '" + std::string(path) + "': " + std::to_string(size) +
                                    " bytes is shorter than any container header");
    }
}

class Mapping {
public:
    Mapping(int fd, size_t size, const std::string& path) : size_(size) {
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            io_fail("cannot map", path, errno);
        }
        data_ = static_cast<const unsigned char*>(p);
        ::madvise(p, size, MADV_SEQUENTIAL);
    }
    ~Mapping() { ::munmap(const_cast<unsigned char*>(data_), size_); }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    const unsigned char* data() const { return data_; }

private:
    const unsigned char* data_ = nullptr;
    size_t size_;
};

} // namespace
} // namespace cmf

extern "C" {

int32_t cmf_index_write_file(const cmf_index* index, const char* path, int64_t user_data_size, const uint8_t* user_data) {
    return cmf::guarded([&] {
        cmf::require_index(index);
        cmf::require(path != nullptr && path[0] != '\0', "path must not be NULL or empty");
        cmf::check_user_data(user_data_size, user_data);
        cmf::write_file(*index, path, user_data_size, user_data);
        return CMF_OK;
    });
}

int32_t cmf_index_write_buffer(const cmf_index* index, int64_t user_data_size, const uint8_t* user_data, cmf_buffer** out) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        *out = nullptr;
        cmf::require_index(index);
        cmf::check_user_data(user_data_size, user_data);
        auto buffer = std::make_unique<cmf_buffer>();
        buffer->data.resize(cmf::container_header_size);
        cmf::BufferWriter writer(buffer->data);
        writer(user_data, 1, static_cast<size_t>(user_data_size));
        faiss::write_index(index->index.get(), &writer);
        uint64_t payload = writer.written() - static_cast<uint64_t>(user_data_size);
        cmf::encode_header(cmf::header_for(*index, user_data_size, user_data, payload, writer.crc()), buffer->data.data());
        *out = buffer.release();
        return CMF_OK;
    });
}

int32_t cmf_index_read_file(const char* path, int64_t max_bytes, cmf_index** out, cmf_buffer** user_data) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        *out = nullptr;
        if (user_data != nullptr) *user_data = nullptr;
        cmf::require(path != nullptr && path[0] != '\0', "path must not be NULL or empty");
        cmf::Fd fd(cmf::open_no_follow(path));
        uint64_t size = cmf::open_for_read(fd, path);
        cmf::check_size_limit(size, max_bytes);
        cmf::check_not_truncated(size, path);
        cmf::Mapping map(fd.get(), static_cast<size_t>(size), path);
        fd.close_quietly();
        cmf::read_container(map.data(), size, out, user_data);
        return CMF_OK;
    });
}

int32_t cmf_index_read_buffer(int64_t size, const uint8_t* data, int64_t max_bytes, cmf_index** out, cmf_buffer** user_data) {
    return cmf::guarded([&] {
        cmf::require(out != nullptr, "out must not be NULL");
        *out = nullptr;
        if (user_data != nullptr) *user_data = nullptr;
        cmf::require(size >= 0, "size must not be negative");
        cmf::require(size == 0 || data != nullptr, "data must not be NULL when size > 0");
        cmf::check_size_limit(static_cast<uint64_t>(size), max_bytes);
        cmf::read_container(data, static_cast<uint64_t>(size), out, user_data);
        return CMF_OK;
    });
}

int32_t cmf_file_peek(const char* path, int32_t* metric, int32_t* dimension, int64_t* payload_size, cmf_buffer** user_data) {
    return cmf::guarded([&] {
        if (user_data != nullptr) *user_data = nullptr;
        cmf::require(path != nullptr && path[0] != '\0', "path must not be NULL or empty");
        cmf::Fd fd(cmf::open_no_follow(path));
        uint64_t size = cmf::open_for_read(fd, path);
        cmf::check_not_truncated(size, path);
        unsigned char header[cmf::container_header_size];
        size_t available = size < sizeof header ? static_cast<size_t>(size) : sizeof header;
        cmf::pread_all(fd.get(), header, available, 0, path);
        cmf::ContainerHeader h = cmf::decode_header(header, available, size);
        std::unique_ptr<cmf_buffer> user;
        if (user_data != nullptr) {
            std::vector<uint8_t> stored(h.user_data_size);
            cmf::pread_all(fd.get(), stored.data(), stored.size(), static_cast<off_t>(h.header_size), path);
            if (cmf::crc32c(0, stored.data(), stored.size()) != h.user_data_crc) {
                cmf::fail(CMF_E_CORRUPT, "user data checksum mismatch (the user data is damaged)");
            }
            cmf::CallerData caller = cmf::caller_data(h, stored.data());
            user = std::make_unique<cmf_buffer>();
            user->data.assign(caller.data, caller.data + caller.size);
        }
        if (metric != nullptr) *metric = h.metric;
        if (dimension != nullptr) *dimension = h.dimension;
        if (payload_size != nullptr) *payload_size = static_cast<int64_t>(h.payload_size);
        if (user_data != nullptr) *user_data = user.release();
        return CMF_OK;
    });
}

int32_t cmf_buffer_data(const cmf_buffer* buffer, const uint8_t** data, int64_t* size) {
    return cmf::guarded([&] {
        cmf::require(buffer != nullptr, "buffer must not be NULL");
        cmf::require(data != nullptr && size != nullptr, "data and size must not be NULL");
        *data = buffer->data.data();
        *size = static_cast<int64_t>(buffer->data.size());
        return CMF_OK;
    });
}

int32_t cmf_buffer_free(cmf_buffer* buffer) {
    return cmf::guarded([&] {
        delete buffer;
        return CMF_OK;
    });
}

int32_t cmf_fsync_path(const char* path) {
    return cmf::guarded([&] {
        cmf::require(path != nullptr && path[0] != '\0', "path must not be NULL or empty");
        cmf::Fd fd(cmf::open_no_follow(path));
        if (fd.get() < 0) {
            cmf::io_fail("cannot open", path, errno);
        }
        if (::fsync(fd.get()) != 0) {
            cmf::io_fail("cannot fsync", path, errno);
        }
        if (fd.close_checked() != 0) {
            cmf::io_fail("cannot close", path, errno);
        }
        return CMF_OK;
    });
}

} // extern "C"
