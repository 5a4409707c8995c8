#!/bin/sh
# exercise-watch.sh - `flinksim exercise check FILE N --watch` and `reset`,
# as a learner uses them: the starter fails (exercise 1 needs 6 slots where
# its goal asks for 4, docs/lessons.md), the learner saves the solution and
# presses Enter, the check passes; the end of input stops watching with the
# last check's exit code; reset forgets the pass. Prints TAP.
# FSIM_SRCDIR and FSIM_BUILDDIR come from tests/local.mk.
set -u
src=${FSIM_SRCDIR:?}
bin=${FSIM_BUILDDIR:?}/flinksim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
echo "1..5"
cp "$src/lessons/exercises/01-slots.job" "$tmp/ex.job"
# the saves come a second apart from the checks; the Enter checks again
# whatever the file monitor did
{ sleep 1; cp "$src/lessons/exercises/01-slots.solution.job" "$tmp/ex.job"; sleep 1; echo; sleep 1; } \
  | "$bin" exercise check "$tmp/ex.job" 1 --watch >"$tmp/out" 2>"$tmp/err"
rc=$?
first=$(grep -m1 -E '^(PASS|FAIL):' "$tmp/out")
last=$(grep -E '^(PASS|FAIL):' "$tmp/out" | tail -1)
if [ "$first" = "FAIL: a goal does not hold." ] && grep -q 'slots-needed == 4: the run gives 6' "$tmp/out"; then
  echo "ok 1 - --watch: the starter's first check fails on slots-needed"
else
  echo "not ok 1 - --watch: first check: $first"
fi
if [ "$last" = "PASS: every goal holds." ] && [ "$rc" = 0 ]; then
  echo "ok 2 - --watch: after the save the check passes; the end of input exits 0"
else
  echo "not ok 2 - --watch: last check '$last', exit $rc"; sed 's/^/# /' "$tmp/err"
fi
if grep -q 'Watching .*ex.job' "$tmp/err" && ! grep -q 'CRITICAL\|WARNING' "$tmp/err"; then
  echo "ok 3 - --watch says what it watches, nothing else on stderr"
else
  echo "not ok 3 - --watch stderr:"; sed 's/^/# /' "$tmp/err"
fi
if "$bin" exercise list | grep -q '^1  .*\[passed\]' \
   && "$bin" exercise reset 1 >/dev/null && ! "$bin" exercise list | grep -q '^1  .*\[passed\]'; then
  echo "ok 4 - reset 1 forgets exercise 1's pass"
else
  echo "not ok 4 - reset 1"
fi
"$bin" exercise list --watch >/dev/null 2>"$tmp/err2"
rc=$?
if [ "$rc" = 2 ] && grep -q -- '--watch goes with check FILE' "$tmp/err2"; then
  echo "ok 5 - --watch without check: exit 2, naming check"
else
  echo "not ok 5 - --watch without check: exit $rc"
fi
