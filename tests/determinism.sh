#!/bin/sh
# determinism.sh - `flinksim run` writes the same bytes in every build.
# The trace is a pure function of (job, configuration, seed): this compares
# the current build's output for one example (a bounded job, submission to
# FINISHED and shutdown) against golden files recorded once and read by eye
# (tests/golden/run-*). Any build that passes agrees
# with every other build that passes: CI runs `make check` in its default
# -O2 build and again in the sanitizer build; an -O0 build is compared the
# same way (mkdir b0 && cd b0 && ../configure CFLAGS=-O0 && make check).
# (The engine's own -O0/-O2/-O3 check is sim-determinism.sh.)
# Builds nothing. Prints TAP. FSIM_SRCDIR and FSIM_BUILDDIR come from
# tests/local.mk; FSIM_UPDATE_GOLDEN=1 (make update-golden) rewrites.
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsim-run-det.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

job="$src/examples/bounded-sequence.job"
set -- text txt jsonl jsonl
echo "1..2"
n=0
while [ $# -gt 0 ]; do
  format=$1 ext=$2
  shift 2
  n=$((n + 1))
  golden="$src/tests/golden/run-bounded-sequence.$ext"
  out="$tmp/out.$ext"
  if ! "$build/flinksim" run "$job" --format "$format" >"$out" 2>"$tmp/err"; then
    echo "not ok $n - flinksim run --format $format failed"
    sed 's/^/# /' "$tmp/err"
    continue
  fi
  if [ "${FSIM_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$golden"
    echo "ok $n - rewrote $golden"
  elif cmp -s "$golden" "$out"; then
    echo "ok $n - --format $format identical to the golden trace ($(wc -l <"$out") lines)"
  else
    echo "not ok $n - --format $format differs from $golden"
    diff "$golden" "$out" | head -10 | sed 's/^/# /'
  fi
done
