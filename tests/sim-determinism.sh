#!/bin/sh
# sim-determinism.sh - the trace must not depend on the optimisation level.
# Compiles sim/*.c with tests/sim-digest.c and tests/sim-scenario.c at -O0,
# -O2 and -O3, and at -O2 -mfma where the CPU has FMA (all with sim/'s
# -ffp-contract=off; without it, -mfma does change the bits), and compares
# their outputs.
# Prints TAP. Run by `make check` with FSIM_CC, FSIM_GLIB_CFLAGS,
# FSIM_GLIB_LIBS, FSIM_SRCDIR and FSIM_BUILDDIR set by tests/local.mk; by hand:
#   FSIM_CC=cc FSIM_GLIB_CFLAGS="$(pkg-config --cflags glib-2.0)" \
#   FSIM_GLIB_LIBS="$(pkg-config --libs glib-2.0)" FSIM_SRCDIR=/path/to/src \
#   FSIM_BUILDDIR=/path/to/build sh tests/sim-determinism.sh
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsim-det.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

variants="O0 O2 O3"
if grep -qw fma /proc/cpuinfo 2>/dev/null; then
  variants="$variants O2fma"
fi
flags_of () {
  case $1 in
    O2fma) echo "-O2 -mfma" ;;
    *) echo "-$1" ;;
  esac
}

echo "1..2"
built=yes
for v in $variants; do
  # shellcheck disable=SC2046,SC2086 # the flag variables hold several words
  if ! ${FSIM_CC:-cc} -std=gnu11 $(flags_of "$v") -ffp-contract=off -DG_LOG_DOMAIN='"fsim-sim"' \
       -I"$build" -I"$src" ${FSIM_GLIB_CFLAGS:-} -o "$tmp/digest-$v" \
       "$src"/sim/*.c "$src/tests/sim-scenario.c" "$src/tests/sim-digest.c" \
       ${FSIM_GLIB_LIBS:-} -lm 2>"$tmp/cc.log"; then
    built=no
    sed 's/^/# /' "$tmp/cc.log"
  fi
done
if test $built = no; then
  echo "not ok 1 - compile sim/ as $variants"
  echo "not ok 2 - outputs equal # SKIP not built"
  exit 0
fi
echo "ok 1 - compile sim/ as $variants"

same=yes
for v in $variants; do
  "$tmp/digest-$v" >"$tmp/out-$v" || same=no
done
for v in $variants; do
  if ! cmp -s "$tmp/out-O0" "$tmp/out-$v"; then
    same=no
    echo "# O0 and $v differ:"
    diff "$tmp/out-O0" "$tmp/out-$v" | head -5 | sed 's/^/# /'
  fi
done
if test $same = yes; then
  echo "ok 2 - same trace digests, samples and ln/exp bits as $variants ($(wc -l <"$tmp/out-O0") lines)"
else
  echo "not ok 2 - outputs differ between builds"
fi
