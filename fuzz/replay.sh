#!/bin/sh
# replay.sh - `make check`: every corpus input and every past crash of each
# fuzz target (fuzz/README.md), and the examples, through the target's own
# function; a crash, a sanitizer report or a hang fails. Prints TAP.
# FSIM_SRCDIR and FSIM_BUILDDIR come from tests/local.mk.
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
n=0
fail=0
echo "1..8"
for t in job plan course lab; do
  case $t in
    job) extra=$(ls "$src"/examples/*.job) ;;
    plan) extra=$(ls "$src"/examples/plans/*.json) ;;
    course) extra=$(ls "$src"/lessons/*.lesson "$src"/lessons/exercises/*.exercise) ;;
    lab) extra= ;;
  esac
  for set in corpus crashes; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    if out=$("$build/fuzz/replay-$t" "$src/fuzz/$set/$t" $([ $set = corpus ] && echo $extra) 2>&1); then
      echo "ok $n - fuzz-$t $set: $(echo "$out" | grep -c '^ok') sets replayed"
    else
      fail=1
      echo "not ok $n - fuzz-$t $set"
      echo "$out" | tail -20 | sed 's/^/# /'
    fi
  done
done
exit $fail
