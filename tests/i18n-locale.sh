#!/bin/sh
# i18n-locale.sh - flinksim speaks Chinese in the real zh_CN.UTF-8 locale
# (not by reading po/zh_CN.po): --help, a job's errors and the TUI; Flink
# identifiers stay as they are; the C locale and --lang=en stay English;
# and the trace is byte-identical whatever the language (it is data).
# Skips when the locale is not generated (tools/install-deps generates it).
# TAP for automake's tap-driver; FSIM_SRCDIR and FSIM_BUILDDIR come from
# tests/local.mk.
set -u
src=${FSIM_SRCDIR:?}
build=${FSIM_BUILDDIR:?}
bin="$build/flinksim"

if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
  echo "1..0 # SKIP the zh_CN.UTF-8 locale is not generated (tools/install-deps generates it)"
  exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsim-i18n.XXXXXX") || exit 1
sock="$tmp/tmux.sock"
tm() { tmux -S "$sock" -f /dev/null "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

# only the variables under test decide the language
unset LANGUAGE LC_ALL LC_MESSAGES LANG FSIM_LOCALEDIR
zh() { env LANG=zh_CN.UTF-8 "$bin" "$@"; }
c() { env LANG=C "$bin" "$@"; }

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1))
  echo "not ok $n - $1"
  sed 's/^/# | /' "$tmp/out" 2>/dev/null | head -n 30
}
# check NAME CONDITION: CONDITION is evaluated on $tmp/out
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
has() { grep -q -- "$1" "$tmp/out"; }

zh --help >"$tmp/out" 2>&1; rc=$?
check "LANG=zh_CN.UTF-8 --help exits 0" '[ $rc -eq 0 ]'
check "LANG=zh_CN.UTF-8 --help is in Chinese" 'has "用法：flinksim COMMAND" && has "模拟并讲解 Apache Flink"'
check "--help keeps the command names and identifiers" \
  'has "^  check  " && has "^  tui  " && has "StreamGraph、JobGraph、ExecutionGraph" && has "getExecutionPlan()"'
check "--help has no English summary left" '! has "parse and validate a job"'

zh run --help >"$tmp/out" 2>&1
check "a command's options are in Chinese, their names are not" \
  'has "模拟的随机种子" && has "\-\-seed=N" && has "sim.seed"'

c --help >"$tmp/out" 2>&1
check "LANG=C stays English" 'has "^Usage: flinksim COMMAND" && ! has "用法"'
env LANG=C LANGUAGE=zh_CN "$bin" --help >"$tmp/out" 2>&1
check "LANGUAGE alone does not translate the C locale" 'has "^Usage: flinksim COMMAND"'
env LANG=zh_CN.UTF-8 "$bin" --lang=en --help >"$tmp/out" 2>&1
check "--lang=en overrides LANG=zh_CN.UTF-8" 'has "^Usage: flinksim COMMAND" && ! has "用法"'
c --lang=zh_CN --help >"$tmp/out" 2>&1
check "--lang=zh_CN overrides LANG=C" 'has "用法：flinksim COMMAND"'
c --lang=fr --help >"$tmp/out" 2>&1; rc=$?
check "--lang=fr is bad input (exit 2) and names the languages" '[ $rc -eq 2 ] && has "fr" && has "zh_CN"'

# a learner's typo: the error is Chinese, file:line:col, the method names,
# the excerpt and the caret are not
printf 'job "t"\nenv.fromSequence(1, 10).keyby("word").print()\n' >"$tmp/typo.job"
zh check "$tmp/typo.job" >"$tmp/out" 2>&1; rc=$?
check "a bad job under zh_CN exits 2" '[ $rc -eq 2 ]'
check "its error is in Chinese and keeps file:line:col and the method names" \
  "has \"typo.job:2:25: error: 未知方法 'keyby'（在 DataStreamSource 上）\" && has \"您是否想输入 'keyBy'？\""
check "its excerpt and caret are unchanged" 'has "^ 2 | env.fromSequence(1, 10).keyby" && has "^   |                         ^~~~~$"'
c check "$tmp/typo.job" >"$tmp/out" 2>&1
check "the same error under LANG=C is English" "has \"unknown method 'keyby' on DataStreamSource\""

printf 'job "t"\nset restart-strategy.type = fixed-dela\nenv.fromSequence(1, 10).print()\n' >"$tmp/cfg.job"
zh check "$tmp/cfg.job" >"$tmp/out" 2>&1
check "a configuration error keeps the Flink key and values" \
  "has \"cfg.job:2:29: error: restart-strategy.type 只能取 none, fixed-delay\" && has \"您是否想输入 'fixed-delay'？\""

# the trace is data: the same bytes whatever the language
job="$src/examples/socket-window-wordcount.job"
same=0
for format in text jsonl; do
  # stdout only: notes on stderr (how many samples the text leaves out)
  # are messages, and translated
  c run "$job" --until 5s --format $format >"$tmp/c.$format" 2>/dev/null
  zh run "$job" --until 5s --format $format >"$tmp/zh.$format" 2>/dev/null
  cmp -s "$tmp/c.$format" "$tmp/zh.$format" && same=$((same + 1))
done
cmp "$tmp/c.text" "$tmp/zh.text" >"$tmp/out" 2>&1
check "run prints the same trace under C and zh_CN (text and jsonl)" '[ $same -eq 2 ]'

# a StreamGraph table with a Chinese operator name: headers in Chinese, and
# the columns after the name start at one display column in every row
printf 'job "t"\nenv.fromSequence(1, 10).map("F").name("分词器").print()\n' >"$tmp/wide.job"
zh graph "$tmp/wide.job" >"$tmp/out" 2>&1
check "graph's table headers are in Chinese" 'has "名称" && has "并行度"'
# where the slot sharing group column starts, in display columns, on the
# header and on every row: a character of Unicode's East Asian Width W or F
# counts 2 (perl's own Unicode tables, not GLib's), a combining mark 0
cols=$(perl -CSD -ne '
  next unless /^(.*?)(?:default|slot \x{5171}\x{4EAB}\x{7EC4})/;
  my $w = 0;
  for my $ch (split //, $1) {
    $w += $ch =~ /\p{Mn}|\p{Me}/ ? 0 : $ch =~ /\p{East_Asian_Width=Wide}|\p{East_Asian_Width=Fullwidth}/ ? 2 : 1;
  }
  print "$w\n";' "$tmp/out" | sort | uniq -c)
rows=$(printf '%s\n' "$cols" | grep -c .)
count=$(printf '%s\n' "$cols" | awk '{ print $1 }')
check "the table's columns align by display width with a CJK name" '[ "$rows" -eq 1 ] && [ "$count" -eq 4 ]'

# the ExecutionGraph, region, slot sharing and slots views: headings and
# summaries in Chinese, Flink's names (classes, ExecutionState values,
# partitioners) as they are; English stays English under C
printf 'job "g"\nset taskmanager.numberOfTaskSlots = 1\n%s\n' \
  'env.fromSource("S").keyBy("k").keys(4).process("P").name("P").setParallelism(2).print()' \
  >"$tmp/g.job"
zh graph --level execution "$tmp/g.job" >"$tmp/out" 2>&1
check "graph --level execution: headings in Chinese, Flink's names kept" \
  'has "的 ExecutionGraph：" && has "^作业顶点 1/" && has "键组 0-" && has "ConsumedPartitionGroup" && has "HASH"'
check "graph --level execution: no English heading left" \
  '! has "Job vertex" && ! has "parallelism [0-9]" && ! has "subpartition" && ! has "key groups"'
zh graph --level regions "$tmp/g.job" >"$tmp/out" 2>&1
check "graph --level regions is in Chinese" \
  'has "的流水线区域：" && has "^逻辑区域 0：" && has "^区域 0（逻辑区域 0" && ! has "egion [0-9]" && ! has "Job vertices joined"'
zh graph --level slot-sharing "$tmp/g.job" >"$tmp/out" 2>&1
check "graph --level slot-sharing is in Chinese" \
  'has "LocalInputPreferredSlotSharingStrategy）：需要 2 个槽位" && has "^SlotSharingGroup “default”：" && has "^槽位 0（default）：" && ! has "slots needed" && ! has "^Slot 0"'
check "graph --level slot-sharing: no space after a full-width colon, lists joined by 、" \
  'has "^槽位 0（default）：Source: S (1/1)、P (1/2)" && ! has "： " && ! has ", "'
zh graph --level slots "$tmp/g.job" >"$tmp/out" 2>&1
check "graph --level slots: the slot heading and summary in Chinese, states not" \
  'has "^  槽位 0：" && has "作业需要 2 个槽位" && has "^没有槽位" && has "^原因：" && has "SCHEDULED" && ! has "slot 0:" && ! has "^no slot" && ! has "^why:"'
c graph --level slots "$tmp/g.job" >"$tmp/out" 2>&1
check "graph --level slots stays English under C" \
  'has "^  slot 0:" && has "the job needs 2 slots" && has "^no slot" && ! has "槽位"'

# the TUI, in a real terminal (tmux), speaks Chinese
if command -v tmux >/dev/null 2>&1; then
  tm new-session -d -s zh -x 100 -y 30 \
    "env LANG=zh_CN.UTF-8 TERM=screen '$bin' tui '$job'; echo tui-done; sleep 600"
  i=0
  while [ $i -lt 100 ]; do
    tm capture-pane -p -t zh >"$tmp/out" 2>/dev/null
    has "时间线" && break
    sleep 0.1
    i=$((i + 1))
  done
  check "the TUI's panes and hint line are in Chinese" 'has "时间线" && has "退出" && has "帮助"'
  check "the TUI keeps Flink's names" 'has "JobGraph" && has "TaskManager"'
  tm send-keys -t zh '?'
  sleep 0.5
  tm capture-pane -p -t zh >"$tmp/out" 2>/dev/null
  check "the TUI's help is in Chinese" 'has "帮助：flinksim 逐步执行" && has "问题与查看之处"'
  # the help names a timeline heading as the timeline writes it
  tm send-keys -t zh End
  sleep 0.3
  tm capture-pane -p -t zh -S - -E - >"$tmp/out" 2>/dev/null
  check "the help's slot heading is the timeline's" \
    'has "TaskManager n · 槽位 m" && ! has "slot m"'
  tm send-keys -t zh Escape End
  sleep 0.5
  tm capture-pane -p -t zh >"$tmp/out" 2>/dev/null
  check "the timeline's heading and legend are in Chinese" \
    'has "TaskManager 1 · 槽位 0" && has "繁忙" && has "空闲" && ! has " busy " && ! has " idle "'
  tm send-keys -t zh q
else
  ok "# SKIP the TUI in tmux: no tmux"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
