#!/bin/sh
# robustness.sh - broken input always gets a clear error and exit 2; never a
# crash, a hang, a sanitizer report or exit 1.
#
# A small, fixed version of the review's mutation campaign (thousands of
# inputs under ASan/UBSan): every example job and plan is truncated, has a
# byte deleted or replaced and its numbers blown up at fixed positions; then
# a list of hand-made hostile inputs. For each input `flinksim check` runs;
# when it accepts the input, `graph --level execution` and `run --until 5s`
# run too. Each must exit 0 or 2, and an exit 2 must print
# file:line:col: error: …, the line, and a caret under it (docs/design.md, Conventions).
# Builds nothing. Prints TAP, one test per example and kind of mutation.
# FSIM_SRCDIR and FSIM_BUILDDIR come from tests/local.mk.
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
bin="$build/flinksim"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsim-robust.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# A command runs at most this long (the sanitizer build is slow).
limit=60
if command -v timeout >/dev/null 2>&1; then
  run_limited() { timeout "$limit" "$@"; }
else
  run_limited() { "$@"; }
fi

# judge FILE ARGS...: runs flinksim ARGS on FILE; prints nothing when the
# outcome is acceptable, else one line saying what went wrong.
judge() {
  file=$1
  shift
  run_limited "$bin" "$@" "$file" >/dev/null 2>"$tmp/err"
  rc=$?
  if grep -E -q 'AddressSanitizer|LeakSanitizer|runtime error:|CRITICAL|WARNING \*\*|Bail out!|[Aa]ssertion' "$tmp/err"; then
    echo "$* $(basename "$file"): $(grep -E -m1 'Sanitizer|runtime error|CRITICAL|WARNING|Bail|ssertion' "$tmp/err")"
    return
  fi
  case $rc in
    0) return ;;
    2) ;;
    124) echo "$* $(basename "$file"): no answer within $limit s"; return ;;
    *) echo "$* $(basename "$file"): exit $rc: $(head -c 200 "$tmp/err")"; return ;;
  esac
  # file:line:col: error: …, then " N | <line>", then "   |   ^"
  if ! awk '
      found == 0 && /^.+:[0-9]+:[0-9]+: error: / { found = 1; next }
      found == 1 { if ($0 ~ /^ [0-9]+ \| /) { found = 2; next } else exit 1 }
      found == 2 { if ($0 ~ /^ +\| *\^/) { found = 3 } exit (found == 3 ? 0 : 1) }
      END { exit (found == 3 ? 0 : 1) }' "$tmp/err"; then
    echo "$* $(basename "$file"): exit 2 without file:line:col, the line and a caret: $(head -c 200 "$tmp/err")"
  fi
}

# check_input FILE: check, and when accepted, the ExecutionGraph and a run.
# A FILE named *.bad.* must be refused.
check_input() {
  judge "$1" check
  case $1 in
    *.bad.*) [ "$rc" = 0 ] && echo "check $(basename "$1"): accepted, but must be refused" ;;
  esac
  if [ "$rc" = 0 ]; then
    judge "$1" graph --level execution
    judge "$1" run --until 5s
  fi
}

n=0
# report DESCRIPTION: one TAP line for the inputs written to $tmp/in.*
report() {
  n=$((n + 1))
  : >"$tmp/problems"
  count=0
  for input in "$tmp"/in.*; do
    [ -e "$input" ] || continue
    count=$((count + 1))
    check_input "$input" >>"$tmp/problems"
  done
  if [ -s "$tmp/problems" ]; then
    echo "not ok $n - $1 ($count inputs)"
    sed 's/^/# /' "$tmp/problems"
  else
    echo "ok $n - $1 ($count inputs)"
  fi
  rm -f "$tmp"/in.*
}

# The bytes of $1 with the byte at offset $2 (0-based) replaced by $3
# (empty: deleted).
splice() {
  head -c "$2" "$1"
  printf '%s' "$3"
  tail -c +"$(($2 + 2))" "$1"
}

examples=$(cd "$src/examples" && ls *.job plans/*.json)
n_examples=$(echo "$examples" | wc -l)
echo "1..$((n_examples * 4 + 3))"

for ex in $examples; do
  f="$src/examples/$ex"
  size=$(wc -c <"$f")
  ext=${ex##*.}

  i=0
  for pos in 0 1 17 101 233 389 512 677 850 1001; do
    [ "$pos" -lt "$size" ] || continue
    head -c "$pos" "$f" >"$tmp/in.$i.$ext"
    i=$((i + 1))
  done
  report "$ex truncated"

  i=0
  for pos in 3 40 88 150 222 300 444 600 777 930; do
    [ "$pos" -lt "$size" ] || continue
    splice "$f" "$pos" "" >"$tmp/in.$i.$ext"
    i=$((i + 1))
  done
  report "$ex with a byte deleted"

  i=0
  set -- '(' ')' '.' '"' '=' '0' '-' ',' 'x' '{' '#' '/' '\'
  for pos in 5 60 120 181 260 333 420 501 640 720 810 905 1010; do
    c=$1
    shift
    [ "$pos" -lt "$size" ] || continue
    splice "$f" "$pos" "$c" >"$tmp/in.$i.$ext"
    i=$((i + 1))
  done
  report "$ex with a byte replaced"

  i=0
  for big in 0 2147483648 99999999999999999999; do
    for k in 1 4; do
      sed "s/[0-9][0-9]*/$big/$k" "$f" >"$tmp/in.$i.$ext"
      i=$((i + 1))
    done
  done
  report "$ex with numbers out of range"
done

# hand-made inputs that once crashed, hung, answered without a location or
# were accepted with a part silently dropped (*.bad.*: must be refused)
j="$tmp/in"
printf '' >"$j.empty.bad.job"
printf '\377\376garbage\001\002\n' >"$j.binary.bad.job"
printf 'env.fromSequence(1, 10)\n.print()\000\nat 1 s fail "Map"\n' >"$j.nul.bad.job"
printf 'job "Caf\351"\nenv.fromSequence(1, 10).print()\n' >"$j.latin1.bad.job"
awk 'BEGIN { printf "env.fromSequence(1, 10).skew("; for (i = 0; i < 1000; i++) printf "f("; print "" }' >"$j.nested.bad.job"
awk 'BEGIN { printf "env.fromSequence(1, 10)"; for (i = 0; i < 2100; i++) printf ".map()"; print ".print()" }' >"$j.long-chain.bad.job"
awk 'BEGIN { printf "job \""; for (i = 0; i < 100000; i++) printf "x"; print "\" x" }' >"$j.long-line.bad.job"
awk 'BEGIN { print "s0 = env.fromSequence(1, 10)"; for (i = 1; i <= 40; i++) printf "s%d = s%d.union(s%d).map()\n", i, i - 1, i - 1; print "s40.print()" }' >"$j.unions.job"
printf 'env.fromSequence(1, 10).setParallelism(2147483648).print()\n' >"$j.parallelism.bad.job"
printf 'env.fromSequence(1, 10).rate(0/s).print()\n' >"$j.rate0.bad.job"
printf 'env.fromSequence(0, 9223372036854775000).rate(1/min).print()\n' >"$j.long-source.job"
printf 'env.fromSequence(1, 10).cost(99999999999 s).print()\n' >"$j.cost.bad.job"
printf 'set sim.duration = 99999999999 s\nenv.fromSequence(1, 10).print()\n' >"$j.duration.bad.job"
printf 'set heartbeat.timeout = 1 s\nenv.fromSequence(1, 10).print()\n' >"$j.heartbeat.bad.job"
printf 'env.fromSequence(1, 10).map().print()\nat 99999999999 s fail "Map"\n' >"$j.late-fault.bad.job"
report "hand-made job files"

awk 'BEGIN { printf "{\"nodes\" : "; for (i = 0; i < 100000; i++) printf "["; print "" }' >"$j.deep.bad.json"
printf '{"nodes" : [ {"id" : 1, "type" : "Source: S", "pact" : "Data Source", "contents" : "S", "parallelism" : 40000} ]}\n' >"$j.parallelism.bad.json"
printf '{"nodes" : [ {"id" : 1, "type" : "Source: S", "pact" : "Data Source", "contents" : "S", "parallelism" : 1}, {"id" : 2, "type" : "Map", "pact" : "Operator", "contents" : "Map", "parallelism" : 1, "predecessors" : [ {"id" : 2, "ship_strategy" : "FORWARD", "side" : "second"} ]} ]}\n' >"$j.self-loop.bad.json"
printf '{"nodes" : [ {"id" : 1, "type" : "Source: S", "pact" : "Data Source", "contents" : "S", "parallelism" : 1, "id" : 2} ]}\n' >"$j.duplicate-key.bad.json"
printf '{"nodes" : [ ], "nodes" : 3}\n' >"$j.duplicate-nodes.bad.json"
printf '  {"nodes" : [ {"id" : 1e3} ]}\n' >"$j.float-id.bad.json"
report "hand-made plans"

# not enough slots: the run goes on to the bulk timeout (5 min) and FAILED
printf 'set parallelism.default = 4\nenv.socketTextStream("h", 1).rebalance().map().print()\n' >"$tmp/short.job"
n=$((n + 1))
if run_limited "$bin" run --until 400s "$tmp/short.job" --format jsonl >"$tmp/out" 2>"$tmp/err" \
   && grep -q '"kind":"bulk-timeout","job":0.*NoResourceAvailableException' "$tmp/out" \
   && grep -q '"kind":"job-status".*"to":"FAILED"' "$tmp/out"; then
  echo "ok $n - too few slots: NoResourceAvailableException after slot.request.timeout, job FAILED"
else
  echo "not ok $n - too few slots did not end in NoResourceAvailableException and FAILED"
  head -5 "$tmp/err" | sed 's/^/# /'
fi
