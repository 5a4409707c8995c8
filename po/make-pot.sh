#!/bin/sh
# make-pot.sh SRCDIR OUT - writes the message template of the sources in
# SRCDIR/po/POTFILES to OUT. `make update-po` and tests/po-check.sh both run
# it, so the check regenerates exactly what the committed .pot holds.
# Locations name the file only (no line numbers): an edit elsewhere in a
# file does not make the template stale.
set -e
src=$1
out=$2
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
cd "$src"
# POTFILES: one path a line, "#" starts a comment
list=$(mktemp "${TMPDIR:-/tmp}/fsim-potfiles.XXXXXX")
trap 'rm -f "$list"' EXIT
grep -v '^#' po/POTFILES >"$list"
${XGETTEXT:-xgettext} --from-code=UTF-8 --language=C \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
  --package-name=flinksim --msgid-bugs-address="the flinksim issue tracker" \
  --files-from="$list" -o "$out"
