#!/usr/bin/env bash
# Runs the fuzz tests (every test named Mutated* or Fuzz*) on more inputs than CI does: seeds FIRST..LAST, each
# case count times SCALE. A failing seed is printed with the variables that replay it. Build first (./test.sh or
# `dotnet build VlaRosNode.sln -c Release`).
#   scripts/fuzz.sh [FIRST] [LAST] [SCALE]      # defaults 1 10 4
set -uo pipefail
cd "$(dirname "$0")/.."
first=${1:-1} last=${2:-10} scale=${3:-4}
failed=()
for seed in $(seq "$first" "$last"); do
    log=$(mktemp)
    if VLA_FUZZ_SEED=$seed VLA_FUZZ_SCALE=$scale dotnet test VlaRosNode.sln -c Release --no-build -nologo \
        --filter "Name~Mutated|Name~Fuzz" >"$log" 2>&1; then
        echo "seed $seed: passed ($(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s}') tests)"
    else
        echo "seed $seed: FAILED, replay with VLA_FUZZ_SEED=$seed VLA_FUZZ_SCALE=$scale; log: $log"
        grep -E "Failed |Error Message|threw" "$log" | head -20
        failed+=("$seed")
        continue
    fi
    rm -f "$log"
done
[ ${#failed[@]} -eq 0 ] || { echo "failed seeds: ${failed[*]}"; exit 1; }
