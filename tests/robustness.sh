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
n_hostile=23     # the hostile cases at the end of this file
n_examples=$(echo "$examples" | wc -l)
echo "1..$((n_examples * 4 + 3 + n_hostile))"

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

# ---- hostile input (issue 9): each case has its exit code, its message
# and bounds on CPU time and memory (prlimit; memory is not bounded in a
# sanitizer build, whose shadow memory needs terabytes of address space).
if "$bin" --version >/dev/null 2>&1 && grep -q -a '__asan_init' "$bin" 2>/dev/null; then
  sanitized=1
else
  sanitized=0
fi
have_prlimit=0
command -v prlimit >/dev/null 2>&1 && have_prlimit=1

# hostile NAME RC REGEX CPU_S MEM_MB ARGS...: runs flinksim ARGS within the
# bounds (CPU and wall time ten times longer in a sanitizer build); ok when
# it exits RC and its stdout+stderr match REGEX (grep -E).
hostile() {
  name=$1 want=$2 regex=$3 cpu=$4 mem=$5
  shift 5
  n=$((n + 1))
  [ "$sanitized" = 1 ] && cpu=$((cpu * 10))
  bounds=
  command -v timeout >/dev/null 2>&1 && bounds="timeout $((cpu + 30))"
  if [ "$have_prlimit" = 1 ]; then
    bounds="$bounds prlimit --cpu=$cpu"
    [ "$sanitized" = 1 ] || bounds="$bounds --as=$((mem * 1024 * 1024))"
  fi
  # shellcheck disable=SC2086
  $bounds "$bin" "$@" >"$tmp/hout" 2>"$tmp/herr" </dev/null
  rc=$?
  if [ "$rc" != "$want" ]; then
    echo "not ok $n - $name: exit $rc, expected $want"
    head -c 300 "$tmp/herr" | sed 's/^/# /'
  elif ! cat "$tmp/hout" "$tmp/herr" | grep -E -q -- "$regex"; then
    echo "not ok $n - $name: no /$regex/ in the output"
    head -c 300 "$tmp/herr" | sed 's/^/# /'
  elif grep -E -q 'AddressSanitizer|LeakSanitizer|runtime error:|CRITICAL|WARNING \*\*' "$tmp/herr"; then
    echo "not ok $n - $name: $(grep -E -m1 'Sanitizer|runtime error|CRITICAL|WARNING' "$tmp/herr")"
  else
    echo "ok $n - $name (exit $rc, within ${cpu} s CPU${bounds:+, ${mem} MB})"
  fi
}

h="$tmp/h"
# heartbeats shorter than RPCs: refused by check, naming the keys
printf 'set heartbeat.interval = 1 ms\nset heartbeat.timeout = 1 ms\nset sim.rpc-latency = 1 ms\nset slot.request.timeout = 100000 h\nset sim.duration = 100000 h\nenv.fromSequence(1, 100000).print()\n' >"$h-rpc.job"
hostile "heartbeat.timeout within two RPCs: check refuses" 2 \
  "h-rpc.job:2:25: error: heartbeat.timeout 1 ms is not longer than a heartbeat's round trip \(2 x sim.rpc-latency 1 ms\)" \
  10 512 check "$h-rpc.job"
printf 'set sim.rpc-latency = 1 h\nenv.fromSequence(1, 10).print()\n' >"$h-rpc-long.job"
hostile "sim.rpc-latency of an hour: refused at the key" 2 \
  "h-rpc-long.job:1:23: error: heartbeat.timeout 50 s is not longer" 10 512 check "$h-rpc-long.job"
# the only TaskManager lost while the job waits for slots, and never
# replaced: once, a tick every heartbeat.interval with nobody to monitor,
# for 100,000 h
printf 'set heartbeat.interval = 1 ms\nset heartbeat.timeout = 10 ms\nset slot.request.timeout = 100000 h\nset sim.duration = 100000 h\nset sim.taskmanager-restart-delay = 200000 h\nset parallelism.default = 2\nenv.socketTextStream("h", 1).rebalance().map("M").print()\nat 0 ms kill taskmanager 1\n' >"$h-lost.job"
hostile "last TaskManager lost, heartbeats of 1 ms for 100000 h: run ends" 0 \
  '"kind":"run-end".*"detail":"stopped at the time limit; job RUNNING"' \
  20 512 run --format jsonl "$h-lost.job"
printf 'set sim.max-events-without-progress = 1\nenv.fromSequence(1, 10).print()\n' >"$h-progress.job"
hostile "sim.max-events-without-progress: a run-end record says why" 0 \
  '"kind":"run-end".*"detail":"stopped after 1 events without progress' 10 512 \
  run --format jsonl "$h-progress.job"
# heartbeats every 1 ms for a year: the trace bound stops the run
printf 'set heartbeat.interval = 1 ms\nset sim.duration = 365 d\nenv.socketTextStream("h", 1).print()\n' >"$h-year.job"
hostile "1 ms heartbeats for a year: stopped at the trace bound" 0 \
  '"kind":"trace-budget".*"detail":"stopped after 1000000 records' 120 1024 \
  run --format jsonl --filter kind=trace-budget "$h-year.job"
# huge parallelism x operators: refused before anything is built
awk 'BEGIN { print "set pipeline.operator-chaining.enabled = false"; print "set parallelism.default = 32768"; print "s0 = env.fromSequence(1, 100)"; for (i = 1; i < 200; i++) printf "s%d = s%d.map(\"M%d\")\n", i, i - 1, i; print "s199.print()" }' >"$h-subtasks.job"
for cmd in check run "graph --level execution"; do
  # shellcheck disable=SC2086
  hostile "200 operators at parallelism 32768: $cmd refuses, naming sim.max-subtasks" 2 \
    'error: the job has 6586368 operator subtasks .* more than sim.max-subtasks = 100000' \
    10 256 $cmd "$h-subtasks.job"
done
# durations at 1 ns and near 2^63
printf 'set sim.duration = 1 ns\nenv.fromSequence(1, 10).print()\n' >"$h-1ns.job"
hostile "sim.duration = 1 ns: refused (below 1 us)" 2 'h-1ns.job:1:20: error: ' 10 512 check "$h-1ns.job"
printf 'set sim.duration = 9223372036854775808 ns\nenv.fromSequence(1, 10).print()\n' >"$h-2p63.job"
hostile "a duration of 2^63 ns: too large, naming unit and maximum" 2 \
  "the duration '9223372036854775808 ns' is too large: at most 9223372036854775807 ns" \
  10 512 check "$h-2p63.job"
printf 'set sim.duration = 9223372036854775 us\nset sim.max-trace-records = 100000\nset heartbeat.interval = 100000 h\nset heartbeat.timeout = 500000 h\nenv.socketTextStream("h", 1).print()\n' >"$h-maxdur.job"
# records flow all along: the trace's record budget ends the run first (a
# tenth of the default budget: the default takes a minute under ASan)
hostile "sim.duration of 2^63 ns: the run still ends" 0 '"kind":"trace-budget"' 60 1024 \
  run --format jsonl "$h-maxdur.job"
# files that are not files
hostile "/dev/zero: refused at 16 MiB" 2 \
  '/dev/zero: cannot read: larger than 16 MiB, the most flinksim reads' 10 256 check /dev/zero
mkdir -p "$tmp/h-dir"
hostile "a directory: refused" 2 'h-dir: cannot read: it is a directory' 10 256 check "$tmp/h-dir"
if mkfifo "$tmp/h-fifo" 2>/dev/null; then
  hostile "a FIFO without a writer: given up within 10 s" 2 \
    'h-fifo: cannot read: no end of input within 10 s \(0 bytes read\)' 15 256 check "$tmp/h-fifo"
  # a job read from a FIFO once, whose warning quotes its line: the warning
  # is drawn from the text as parsed, not by reading the FIFO again
  printf 'env.fromSequence(1, 9).keyBy("k").window(TumblingEventTimeWindows.of(1 s)).sum("f").print()\n' \
    >"$h-ew.job"
  (cat "$h-ew.job" >"$tmp/h-fifo" &)
  hostile "a FIFO's job with a warning: the line quoted, not read twice" 0 \
    '^ 1 \| env.fromSequence\(1, 9\)' 15 256 check "$tmp/h-fifo"
else
  n=$((n + 1)); echo "ok $n - # SKIP mkfifo failed"
fi
# a lab's @FILE of tokens is read with a job file's bounds
hostile "lab barriers @/dev/zero: refused at 16 MiB" 2 \
  'argument 1, column 2: /dev/zero: cannot read: larger than 16 MiB' 10 256 lab barriers @/dev/zero
if [ -p "$tmp/h-fifo" ]; then
  hostile "lab barriers @FIFO without a writer: given up within 10 s" 2 \
    'h-fifo: cannot read: no end of input within 10 s' 15 256 lab barriers "@$tmp/h-fifo"
fi
# encodings
printf '\357\273\277env.fromSequence(1, 10).print()\n' >"$h-bom.job"
hostile "a UTF-8 BOM: skipped" 0 'h-bom.job: ok' 10 256 check "$h-bom.job"
printf 'set parallelism.default = 2\renv.fromSequence(1, 10).print()\r' >"$h-cr.job"
hostile "bare CR line ends: located, no raw CR" 2 \
  'h-cr.job:1:28: error: a carriage return \(CR\) without a line feed' 10 256 check "$h-cr.job"
printf '{"nodes":[{"id":1,"type":"Source: \\ud800x","pact":"Data Source","contents":"x","parallelism":1}]}\n' >"$h-surrogate.json"
hostile "a lone surrogate in a plan: refused" 2 \
  'h-surrogate.json:1:35: error: invalid JSON: .ud800 is half of a UTF-16 surrogate pair' \
  10 256 check "$h-surrogate.json"
# thousands of faults
awk 'BEGIN { print "set sim.taskmanagers = 2"; print "env.fromSequence(1, 100000).rate(10/s).map(\"M\").print()"; for (i = 0; i < 5000; i++) printf "at %d ms fail \"Map\"\n", i + 1 }' >"$h-faults.job"
hostile "5000 faults: the run ends" 0 '"kind":"(run-end|cluster)"' 60 1024 \
  run --format jsonl "$h-faults.job"
# --filter numbers beyond the index types
hostile "--filter subtask=4294967297: refused, never subtask 1" 2 \
  'no subtask has that index' 10 512 run --filter subtask=4294967297 "$src/examples/bounded-sequence.job"
# the log is written record by record: peak memory is the simulation's
# (some 35 MB here), not that plus its 90 MB of output
printf 'set heartbeat.interval = 1 ms\nset heartbeat.timeout = 50 ms\nset sim.taskmanagers = 4\nset sim.duration = 60 s\nenv.fromSequence(1, 100000000).rate(1000/s).print()\n' >"$h-stream.job"
if [ "$sanitized" = 1 ] || [ "$have_prlimit" = 0 ]; then
  n=$((n + 1)); echo "ok $n - # SKIP streaming output: memory is not bounded here"
else
  hostile "run writes as it goes: 96 MB of address space for 90 MB of output" 0 \
    '"kind":"run-end"' 120 96 run --format jsonl "$h-stream.job"
fi
