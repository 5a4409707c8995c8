#!/bin/sh
# no-build-paths.sh - the flinksim binary holds no path of the machine that
# built it: not the source tree, not the build tree (debug info and
# assertion messages name sources from the top of the tree,
# -ffile-prefix-map in Makefile.am). Where it will be installed (the message
# catalogs under $(localedir)) it may name: distcheck installs inside the
# source tree. TAP.
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
prefix=${FSIM_PREFIX:-/nonexistent}
echo "1..2"
n=0
for dir in "$src" "$build"; do
  n=$((n + 1))
  real=$(cd "$dir" && pwd -P)
  hits=$(LC_ALL=C tr -c '[:print:]' '\n' <"$build/flinksim" | grep -F "$real" |
         grep -v -F "$prefix" | wc -l)
  if [ "$hits" -eq 0 ]; then
    echo "ok $n - flinksim does not contain $dir"
  else
    echo "not ok $n - flinksim contains $dir $hits times"
  fi
done
