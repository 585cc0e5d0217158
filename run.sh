#!/usr/bin/env bash
# Sets everything up, then runs the chatbot's offline scripted demo on the embedded defaults (the local embedding
# model; no API key, no network): two sessions in two processes over one data directory, the second recalling what
# the first was told. Arguments are passed to both sessions (e.g. --user NAME); CONTEXTMEMORY_DEMO_DIR keeps the data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/eng/setup.sh"

data="${CONTEXTMEMORY_DEMO_DIR:-}"
if [ -z "$data" ]; then
  data="$(mktemp -d -t contextmemory-demo-XXXXXX)"
  trap 'rm -rf "$data"' EXIT
fi

chatbot=(dotnet run --no-build -c "${CONFIGURATION:-Release}" --project "$root/samples/ChatBot" -- --offline --data-dir "$data" "$@")
demo="$root/samples/ChatBot/demo"

echo "== Session 1: telling the chatbot about myself"
"${chatbot[@]}" < "$demo/session-1.txt"
echo
echo "== Session 2: a new process over the same data directory ($data)"
"${chatbot[@]}" < "$demo/session-2.txt"
