#!/bin/sh
# po-check.sh - the translations are complete: po/flinksim.pot holds exactly
# the messages the sources mark (po/make-pot.sh regenerates it), and every
# language of po/LINGUAS translates each of them, none fuzzy, with the same
# printf directives (msgfmt --check). A new _() string without its Chinese
# fails here: run `make update-po` and translate po/zh_CN.po (docs/i18n.md).
# TAP for automake's tap-driver. FSIM_SRCDIR comes from tests/local.mk.
set -u
src=${FSIM_SRCDIR:?}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsim-po.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

for tool in xgettext msgfmt msgcmp msgattrib; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool not found (Debian package gettext, tools/install-deps)"
    exit 0
  fi
done

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1))
  echo "not ok $n - $1"
  sed 's/^/# /' "$tmp/out" 2>/dev/null | head -n 40
}

# every source file that marks a message is listed in po/POTFILES
(cd "$src" && grep -l -E '(^|[^A-Za-z0-9_])N?_\(|ngettext \(' \
   cli/*.[ch] graphs/*.[ch] viz/*.[ch] lessons/*.[ch] 2>/dev/null | sort) >"$tmp/marked"
grep -v '^#' "$src/po/POTFILES" | sort >"$tmp/listed"
if comm -23 "$tmp/marked" "$tmp/listed" >"$tmp/out" && [ ! -s "$tmp/out" ]; then
  ok "every file with _(), N_() or ngettext is in po/POTFILES"
else
  not_ok "every file with _(), N_() or ngettext is in po/POTFILES (these are not)"
fi

# the header's creation date is the only line allowed to differ
strip_date() { grep -v '^"POT-Creation-Date:' "$1"; }
if sh "$src/po/make-pot.sh" "$src" "$tmp/fresh.pot" >"$tmp/out" 2>&1 \
   && strip_date "$src/po/flinksim.pot" >"$tmp/committed" \
   && strip_date "$tmp/fresh.pot" >"$tmp/regenerated" \
   && diff -u "$tmp/committed" "$tmp/regenerated" >"$tmp/out"; then
  ok "po/flinksim.pot is up to date with the sources"
else
  not_ok "po/flinksim.pot is out of date with the sources: run make update-po"
fi

langs=$(grep -v '^#' "$src/po/LINGUAS")
for po in "$src"/po/*.po; do
  lang=$(basename "$po" .po)
  if printf '%s\n' $langs | grep -qx "$lang"; then
    ok "po/$lang.po is listed in po/LINGUAS"
  else
    echo "po/$lang.po is not in po/LINGUAS" >"$tmp/out"
    not_ok "po/$lang.po is listed in po/LINGUAS"
  fi
done

for lang in $langs; do
  po="$src/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS names $lang, but there is no po/$lang.po" >"$tmp/out"
    not_ok "po/$lang.po exists"
    continue
  fi
  if msgfmt --check -o /dev/null "$po" >"$tmp/out" 2>&1; then
    ok "po/$lang.po compiles with msgfmt --check (same printf directives)"
  else
    not_ok "po/$lang.po compiles with msgfmt --check (same printf directives)"
  fi
  # every message of the sources is in the catalog
  if msgcmp "$po" "$tmp/fresh.pot" >"$tmp/out" 2>&1; then
    ok "po/$lang.po has every message of the sources"
  else
    not_ok "po/$lang.po has every message of the sources: make update-po, then translate"
  fi
  msgattrib --untranslated --no-obsolete "$po" >"$tmp/out" 2>&1
  if ! grep -q '^msgid' "$tmp/out"; then
    ok "po/$lang.po has no untranslated message"
  else
    not_ok "po/$lang.po has no untranslated message"
  fi
  msgattrib --only-fuzzy --no-obsolete "$po" >"$tmp/out" 2>&1
  if ! grep -q '^msgid' "$tmp/out"; then
    ok "po/$lang.po has no fuzzy message"
  else
    not_ok "po/$lang.po has no fuzzy message (check each translation, then drop the fuzzy flag)"
  fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
