#!/usr/bin/env bash
# Sets everything up, then runs every test. TRX results land in artifacts/test-results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/eng/setup.sh"
results="$root/artifacts/test-results"
rm -rf "$results"
exec dotnet test "$root/ContextMemory.SK.slnx" --no-build -c "${CONFIGURATION:-Release}" -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
