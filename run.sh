#!/usr/bin/env bash
# Sets everything up, then runs the main job on the embedded defaults (no API key, no network).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/eng/setup.sh"
exec dotnet run --no-build -c "${CONFIGURATION:-Release}" --project "$root/samples/IndexDemo" -- "$@"
