#!/usr/bin/env bash
# Sets up everything the build needs on a Debian machine that has the .NET SDK:
# system packages and the FAISS bridge (eng/setup-native.sh, cached), then restores and builds.
# Idempotent: a second run only re-checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
configuration="${CONFIGURATION:-Release}"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH; install the version in global.json first." >&2
  exit 1
fi

"$root/eng/setup-native.sh" --quiet
dotnet build "$root/ContextMemory.SK.slnx" -c "$configuration" -nologo -clp:ErrorsOnly
