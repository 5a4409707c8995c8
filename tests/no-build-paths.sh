#!/bin/sh
# no-build-paths.sh - the flinksim binary holds no path of the machine that
# built it: not the source tree, not the build tree (debug info and
# assertion messages name sources from the top of the tree,
# -ffile-prefix-map in Makefile.am). TAP.
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
echo "1..2"
n=0
for dir in "$src" "$build"; do
  n=$((n + 1))
  hits=$(LC_ALL=C grep -c -a -F "$(cd "$dir" && pwd -P)" "$build/flinksim")
  if [ "$hits" -eq 0 ]; then
    echo "ok $n - flinksim does not contain $dir"
  else
    echo "not ok $n - flinksim contains $dir $hits times"
  fi
done
