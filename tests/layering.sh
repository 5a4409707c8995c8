#!/bin/sh
# layering.sh - the #include lines obey the module order (docs/design.md):
#
#   cli -> lessons -> viz -> scheduler -> checkpoint -> graphs, sim
#
# A module includes its own headers and the public header (<m>/<m>.h) of a
# module below it, never one above it; graphs/ and sim/ are both at the
# bottom and include neither each other. Nothing below viz/ includes
# ncurses or Graphviz (cgraph, gvc). The link of each test binary proves the
# same for symbols (tests/local.mk); this proves it for headers, where a
# macro or inline function would slip past the linker.
#
# TAP output, one test per module. FSIM_SRCDIR comes from tests/local.mk;
# by hand: FSIM_SRCDIR=. sh tests/layering.sh

set -u
src=${FSIM_SRCDIR:-.}
if [ ! -f "$src/sim/sim.h" ]; then
  echo "Bail out! no source tree at $src (set FSIM_SRCDIR)"
  exit 1
fi

# rank of a module; modules with the same rank must not include each other
rank() {
  case $1 in
    sim | graphs) echo 0 ;;
    checkpoint) echo 1 ;;
    scheduler) echo 2 ;;
    viz) echo 3 ;;
    lessons) echo 4 ;;
    cli) echo 5 ;;
    *) echo -1 ;;
  esac
}

modules="sim graphs checkpoint scheduler viz lessons cli"
echo "1..7"
n=0
failed=0
for m in $modules; do
  n=$((n + 1))
  r=$(rank "$m")
  bad=$(
    for f in "$src/$m"/*.c "$src/$m"/*.h; do
      [ -f "$f" ] || continue
      grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
        where="${f#"$src"/}:${line%%:*}"
        inc=${line#*:}
        case $inc in
          *'"'*/*'"'*)
            path=${inc#*\"}
            path=${path%%\"*}
            dep=${path%%/*}
            [ "$dep" = "$m" ] && continue
            d=$(rank "$dep")
            [ "$d" -lt 0 ] && continue          # tests/, config.h: not a module
            if [ "$d" -ge "$r" ]; then
              echo "$where: $m/ includes $path, and $dep/ is not below $m/"
            elif [ "$path" != "$dep/$dep.h" ]; then
              echo "$where: $m/ includes $path; across modules only $dep/$dep.h"
            fi
            ;;
          *'<'*curses*'>'* | *'<'graphviz/*'>'* | *'<'cgraph.h'>'* | *'<'gvc.h'>'*)
            if [ "$r" -lt "$(rank viz)" ]; then
              echo "$where: $m/ is below viz/ and includes${inc#*include}"
            fi
            ;;
        esac
      done
    done
  )
  if [ -z "$bad" ]; then
    echo "ok $n - $m/ includes only modules below it"
  else
    failed=$((failed + 1))
    echo "not ok $n - $m/ includes only modules below it"
    printf '%s\n' "$bad" | sed 's/^/# /'
  fi
done
[ "$failed" -eq 0 ]
