#!/usr/bin/env bash
# The ceiling we measure the text engine against: ripgrep (Debian's `ripgrep`) searching the
# same 4 MiB of generated log text as `cargo bench --bench classify -- text`, with the same
# value patterns (`piicat detectors --format json`), on 1 and 2 threads. Prints MB/s.
# Argument: the text file in target/bench-data (default classify-log.txt, the dense text;
# classify-log-sparse.txt is the production-like one).
# Needs: ripgrep, hyperfine, python3. Run `cargo bench --bench classify -- text` first.
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/bench-data
file="$data/${1:-classify-log.txt}"
[ -f "$file" ] || { echo "run: cargo bench --bench classify -- text  (it writes $file)" >&2; exit 2; }
cargo run -q --release -- detectors --format json \
  | python3 -c 'import json,sys; [print(p) for c in json.load(sys.stdin) for p in c["patterns"]]' \
  > "$data/patterns.txt"
rm -rf "$data/rg-split" && mkdir -p "$data/rg-split"
# ripgrep parallelises across files, so the text is split into line-aligned pieces.
split -n l/32 "$file" "$data/rg-split/part-"
bytes=$(stat -c %s "$file")
for j in 1 2; do
  hyperfine --warmup 1 --runs 5 --export-json "$data/rg-$j.json" \
    "rg -j$j --count-matches -f $data/patterns.txt $data/rg-split" >/dev/null
  python3 - "$data/rg-$j.json" "$bytes" "$j" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"rg -j{sys.argv[3]}: median {r['median']:.3f} s = {int(sys.argv[2]) / r['median'] / 1e6:.0f} MB/s")
PY
done
