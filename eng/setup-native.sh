#!/usr/bin/env bash
# Builds the native FAISS bridge of ContextMemory.Faiss for linux-x64.
#
#   eng/setup-native.sh [--force] [--quiet]
#
# 1. Installs the build tools and libraries it needs with apt-get (only what is missing).
# 2. Builds FAISS 1.7.3 from Debian's source package as static PIC libraries, generic and
#    AVX2, into a cache shared by every checkout:
#      ${CONTEXTMEMORY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/contextmemory}/faiss/<version>-<hash>/
#    If the source package cannot be had, falls back to Debian's binary libfaiss-dev
#    (generic only) and says so.
# 3. Builds the bridge once per flavour into artifacts/obj/native/<flavour>, places
#    libcontextmemory_faiss.so and libcontextmemory_faiss_avx2.so in
#    artifacts/native/linux-x64/, and runs the native smoke checks.
#
#   --force   ignore the FAISS cache and rebuild the bridge from scratch
#   --quiet   print only warnings, errors and the one-line summary
#
# Run-time needs of the built libraries: libopenblas0 and libgomp1 (plus glibc).
set -euo pipefail
shopt -s inherit_errexit

readonly FAISS_VERSION=1.7.3
# Bump when the way FAISS is built changes, so existing caches are not reused.
readonly FAISS_RECIPE=1

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
readonly SCRIPT_DIR REPO_ROOT
readonly NATIVE_SRC="$REPO_ROOT/src/ContextMemory.Faiss/native"
readonly OBJ_DIR="$REPO_ROOT/artifacts/obj/native"
readonly OUT_DIR="$REPO_ROOT/artifacts/native/linux-x64"
readonly CACHE_ROOT="${CONTEXTMEMORY_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-$(cd ~ && pwd)}/.cache}/contextmemory}"

readonly BUILD_PACKAGES=(g++ make cmake libopenblas-dev dpkg-dev patch ca-certificates xz-utils)
readonly RUNTIME_PACKAGES=(libopenblas0 libgomp1)

readonly FAISS_CMAKE_OPTIONS=(
  -DFAISS_OPT_LEVEL=avx2
  -DFAISS_ENABLE_GPU=OFF
  -DFAISS_ENABLE_PYTHON=OFF
  -DFAISS_ENABLE_C_API=OFF
  -DBUILD_TESTING=OFF
  -DBUILD_SHARED_LIBS=OFF
  -DCMAKE_BUILD_TYPE=Release
  "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -DNDEBUG"
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON
  -DBLA_VENDOR=OpenBLAS
)

force=0
quiet=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --quiet) quiet=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "setup-native: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

started_ns=$(date +%s%N)

log() { if (( ! quiet )); then printf '[setup-native] %s\n' "$*" >&2; fi; }
die() { printf '[setup-native] error: %s\n' "$*" >&2; exit 1; }

# Runs a command with its output in a log file; on failure shows the end of the log.
run_logged() {
  local logfile=$1
  shift
  if ! "$@" >"$logfile" 2>&1; then
    tail -n 40 "$logfile" >&2 || true
    die "failed: $* (full log: $logfile)"
  fi
}

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || die "not root and sudo is not available to install packages"
  SUDO=(sudo)
fi
as_root() { "${SUDO[@]}" "$@"; }

mkdir -p "$CACHE_ROOT" "$OBJ_DIR/logs" "$OUT_DIR"
readonly LOG_DIR="$OBJ_DIR/logs"

# ---- packages ----------------------------------------------------------------------

apt_updated=0
apt_update() {
  if (( apt_updated )); then return 0; fi
  log "apt-get update"
  run_logged "$LOG_DIR/apt-update.log" as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  apt_updated=1
}

# Same, but reports failure instead of stopping (the source download has a fallback).
try_apt_update() {
  if (( apt_updated )); then return 0; fi
  log "apt-get update"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update >"$LOG_DIR/apt-update.log" 2>&1 || return 1
  apt_updated=1
}

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    is_installed "$p" || missing+=("$p")
  done
  if (( ${#missing[@]} )); then
    apt_update
    log "installing ${missing[*]}"
    run_logged "$LOG_DIR/apt-install.log" \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# ---- FAISS from Debian's source package -------------------------------------------

has_deb_src() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && grep -Eqi '^[[:space:]]*Types:.*(^|[[:space:]])deb-src([[:space:]]|$)' "$f" && return 0
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] && grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
  done
  return 1
}

# Adds deb-src entries mirroring the system's Debian deb entries.
add_deb_src() {
  local deb822=/etc/apt/sources.list.d/debian.sources
  if [[ -f "$deb822" ]]; then
    local target=/etc/apt/sources.list.d/contextmemory-deb-src.sources
    log "adding deb-src entries to $target (mirroring $deb822)"
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         {
           n = split($0, lines, "\n"); out = ""; is_deb = 0
           for (i = 1; i <= n; i++) {
             line = lines[i]
             if (line ~ /^[ \t]*#/) continue
             if (line ~ /^Types:/) {
               if (line ~ /(^|[ \t:])deb([ \t]|$)/) is_deb = 1
               line = "Types: deb-src"
             }
             out = out line "\n"
           }
           if (is_deb) { sub(/\n$/, "", out); print out }
         }' "$deb822" | as_root tee "$target" >/dev/null
    [[ -s "$target" ]] || return 1
  elif [[ -f /etc/apt/sources.list ]] && grep -Eq '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list; then
    local target=/etc/apt/sources.list.d/contextmemory-deb-src.list
    log "adding deb-src entries to $target (mirroring /etc/apt/sources.list)"
    sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' /etc/apt/sources.list | as_root tee "$target" >/dev/null
  else
    return 1
  fi
  apt_updated=0
}

# Downloads faiss's source package into $1 (tries the current package lists first;
# refreshes them, and adds deb-src entries, only when that fails).
download_faiss_source() {
  local dir=$1
  local sandbox=()
  if [[ $(id -u) -eq 0 ]]; then sandbox=(-o APT::Sandbox::User=root); fi
  attempt() {
    rm -rf "$dir" && mkdir -p "$dir" &&
      (cd "$dir" && apt-get "${sandbox[@]}" source --download-only faiss) >"$LOG_DIR/faiss-source.log" 2>&1
  }
  if has_deb_src; then
    attempt && return 0
    try_apt_update || return 1
    attempt && return 0
  fi
  # No deb-src entry, or the existing ones do not reach Debian's archive: mirror the deb ones.
  add_deb_src || return 1
  try_apt_update || return 1
  attempt
}

# Downloads and unpacks (with Debian's patches) the FAISS source into $1/faiss.
# Returns non-zero when the source package cannot be had.
fetch_faiss_source() {
  local work=$1
  log "downloading Debian's faiss source package"
  download_faiss_source "$work/download" || return 1
  local dsc
  dsc=$(find "$work/download" -maxdepth 1 -name 'faiss_*.dsc' | head -n 1)
  [[ -n "$dsc" ]] || return 1
  local version
  version=$(sed -n 's/^Version: *//p' "$dsc" | head -n 1)
  if [[ "${version%%-*}" != "$FAISS_VERSION" ]]; then
    echo "[setup-native] Debian's faiss source is version $version, not $FAISS_VERSION" >&2
    return 1
  fi
  log "unpacking faiss $version with Debian's patches"
  dpkg-source --no-check -x "$dsc" "$work/faiss" >"$LOG_DIR/faiss-unpack.log" 2>&1 || return 1
  [[ -f "$work/faiss/faiss/Index.h" ]]
}

build_faiss() {
  local work=$1 dest=$2
  log "configuring FAISS $FAISS_VERSION (generic + avx2)"
  run_logged "$LOG_DIR/faiss-configure.log" \
    cmake -S "$work/faiss" -B "$work/build" "${FAISS_CMAKE_OPTIONS[@]}" -DCMAKE_INSTALL_PREFIX="$dest"
  log "building FAISS with $(nproc) jobs (a few minutes; log: $LOG_DIR/faiss-build.log)"
  run_logged "$LOG_DIR/faiss-build.log" \
    cmake --build "$work/build" --target faiss faiss_avx2 -j"$(nproc)"
  rm -rf "$dest"
  run_logged "$LOG_DIR/faiss-install.log" cmake --install "$work/build" --prefix "$dest"
}

faiss_cache_valid() {
  local dir=$1 key=$2
  [[ -f "$dir/.stamp" && -f "$dir/lib/libfaiss.a" && -f "$dir/lib/libfaiss_avx2.a" &&
     -f "$dir/include/faiss/Index.h" && -f "$dir/include/faiss/index_factory.h" ]] &&
    [[ "$(cat "$dir/.stamp")" == "$key" ]]
}

warn_fallback() {
  cat >&2 <<EOF
[setup-native] ==================================================================
[setup-native] WARNING: Debian's faiss source package could not be obtained.
[setup-native] WARNING: Falling back to the binary libfaiss-dev package: its static
[setup-native] WARNING: libfaiss.a is a generic build only, so ONLY the generic
[setup-native] WARNING: bridge (libcontextmemory_faiss.so) is built; there is no
[setup-native] WARNING: AVX2 flavour, and exact search is several times slower.
[setup-native] WARNING: Fix apt's deb-src access and re-run to get the AVX2 build.
[setup-native] ==================================================================
EOF
}

# ---- the bridge ---------------------------------------------------------------------

has_avx2() { grep -qw avx2 /proc/cpuinfo 2>/dev/null; }

# Builds one flavour; prints "rebuilt" or "up to date".
build_bridge() {
  local flavour=$1 faiss_lib=$2 faiss_include=$3
  local dir="$OBJ_DIR/$flavour"
  local lib_name=libcontextmemory_faiss.so
  [[ "$flavour" == avx2 ]] && lib_name=libcontextmemory_faiss_avx2.so
  (( force )) && rm -rf "$dir"
  local args=(-S "$NATIVE_SRC" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMF_FLAVOR="$flavour"
              -DCMF_FAISS_LIBRARY="$faiss_lib" -DCMF_FAISS_INCLUDE_DIR="$faiss_include"
              -DCMF_OUTPUT_DIR="$OUT_DIR")
  # Re-configure only when the arguments changed; cmake --build re-runs configuration
  # by itself when CMakeLists.txt changes.
  if [[ ! -f "$dir/CMakeCache.txt" || "$(cat "$dir/.configure-args" 2>/dev/null)" != "${args[*]}" ]]; then
    run_logged "$LOG_DIR/bridge-$flavour-configure.log" cmake "${args[@]}"
    printf '%s' "${args[*]}" >"$dir/.configure-args"
  fi
  local before=none
  [[ -f "$OUT_DIR/$lib_name" ]] && before=$(stat -c %Y.%s "$OUT_DIR/$lib_name")
  run_logged "$LOG_DIR/bridge-$flavour-build.log" cmake --build "$dir" -j"$(nproc)"
  [[ -f "$OUT_DIR/$lib_name" ]] || die "the build did not produce $OUT_DIR/$lib_name"

  # The smoke checks run after every build that changed the library or the checks, and
  # until they have passed once for the library as it is now.
  local signature
  signature=$(stat -c '%Y.%s' "$OUT_DIR/$lib_name" "$dir/cmf_smoke" "$dir/cmf_checksum_test" | tr '\n' ' ')
  if [[ "$flavour" == avx2 ]] && ! has_avx2; then
    echo "[setup-native] note: this CPU has no AVX2; the avx2 smoke check is skipped" >&2
  elif [[ "$(cat "$dir/.smoke-passed" 2>/dev/null)" != "$signature" ]]; then
    rm -f "$dir/.smoke-passed"
    run_logged "$LOG_DIR/bridge-$flavour-smoke.log" "$dir/cmf_smoke"
    run_logged "$LOG_DIR/bridge-$flavour-checksum.log" "$dir/cmf_checksum_test"
    printf '%s' "$signature" >"$dir/.smoke-passed"
  fi
  if [[ "$before" == "$(stat -c %Y.%s "$OUT_DIR/$lib_name")" ]]; then
    echo "up to date"
  else
    echo "rebuilt"
  fi
}

# ---- main ---------------------------------------------------------------------------

exec 9>"$CACHE_ROOT/.setup-native.lock"
if ! flock -n 9; then
  log "another setup-native run holds $CACHE_ROOT/.setup-native.lock; waiting"
  flock 9
fi

ensure_packages "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}"

key="faiss=$FAISS_VERSION recipe=$FAISS_RECIPE arch=$(uname -m) cxx=$(g++ -dumpfullversion) options=${FAISS_CMAKE_OPTIONS[*]}"
hash=$(printf '%s' "$key" | sha256sum | cut -c1-12)
faiss_dir="$CACHE_ROOT/faiss/$FAISS_VERSION-$hash"

flavours=(generic avx2)
faiss_state=""
if (( ! force )) && faiss_cache_valid "$faiss_dir" "$key"; then
  faiss_state="source build, cache hit"
else
  work="$CACHE_ROOT/faiss/work-$hash"
  rm -rf "$work"
  mkdir -p "$work"
  if fetch_faiss_source "$work"; then
    build_faiss "$work" "$faiss_dir"
    printf '%s' "$key" >"$faiss_dir/.stamp"   # written last: marks the cache complete
    rm -rf "$work"
    faiss_state="source build, cache miss (built)"
  else
    rm -rf "$work"
    warn_fallback
    ensure_packages libfaiss-dev
    faiss_dir=/usr
    flavours=(generic)
    faiss_state="Debian binary libfaiss-dev (generic only, FALLBACK)"
    # An AVX2 library left from an earlier source build would not match these sources.
    rm -f "$OUT_DIR/libcontextmemory_faiss_avx2.so"
  fi
fi

bridge_states=()
for flavour in "${flavours[@]}"; do
  if [[ "$faiss_dir" == /usr ]]; then
    faiss_lib=$(dpkg -L libfaiss-dev | grep -m 1 -E '/libfaiss\.a$')
    faiss_include=/usr/include
  elif [[ "$flavour" == avx2 ]]; then
    faiss_lib="$faiss_dir/lib/libfaiss_avx2.a"
    faiss_include="$faiss_dir/include"
  else
    faiss_lib="$faiss_dir/lib/libfaiss.a"
    faiss_include="$faiss_dir/include"
  fi
  log "building the $flavour bridge"
  state=$(build_bridge "$flavour" "$faiss_lib" "$faiss_include")
  bridge_states+=("$flavour ($state)")
done

elapsed=$(awk -v s="$started_ns" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
if (( quiet )); then
  printf '[setup-native] FAISS %s: %s; bridge: %s -> %s; %ss\n' \
    "$FAISS_VERSION" "$faiss_state" "$(IFS=,; echo "${bridge_states[*]}" | sed "s/,/, /g")" "$OUT_DIR" "$elapsed" >&2
else
  printf '[setup-native] FAISS %s: %s\n' "$FAISS_VERSION" "$faiss_state" >&2
  printf '[setup-native]   from %s\n' "$faiss_dir" >&2
  printf '[setup-native] bridge: %s\n' "$(IFS=,; echo "${bridge_states[*]}" | sed 's/,/, /g')" >&2
  printf '[setup-native]   in %s\n' "$OUT_DIR" >&2
  printf '[setup-native] done in %s s\n' "$elapsed" >&2
fi
