#!/bin/sh
# tui-tmux.sh - drives the real `flinksim tui` inside tmux, as tmux's own
# regress/ tests do: send keys, capture the pane, assert on the screen text.
# TAP output for automake's tap-driver. Skips when tmux is missing.
#
# Each TUI runs in a shell on a private tmux server (its own socket, no user
# configuration); after `q` the shell prints the exit status and `stty -a`, so
# the test sees that the terminal was given back sane.

set -u

# FSIM_TMUX is the tmux configure found (tests/local.mk), empty if none.
tmux=${FSIM_TMUX-tmux}
if [ -z "$tmux" ] || ! command -v "$tmux" >/dev/null 2>&1; then
  echo "1..0 # SKIP no tmux"
  exit 0
fi

builddir=${FSIM_BUILDDIR:-.}
srcdir=${FSIM_SRCDIR:-.}
bin="$builddir/flinksim"
job="$srcdir/examples/socket-window-wordcount.job"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsim-tui.XXXXXX")
sock="$tmp/tmux.sock"
t() { "$tmux" -S "$sock" -f /dev/null "$@"; }
cleanup() { t kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1))
  echo "not ok $n - $1"
  # show the screen that failed, as TAP comments
  sed 's/^/# | /' "$tmp/screen" 2>/dev/null
}
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

capture() { t capture-pane -p -t "$sess" >"$tmp/screen" 2>/dev/null; }
has() { grep -q -- "$1" "$tmp/screen"; }
# waits up to 10 s for text to appear on the screen, and for the screen to
# hold still (two captures 0.1 s apart alike: a slow build, the sanitizers,
# can be caught halfway through a redraw); gives up at once when the TUI and
# the shell after it are done and the text did not appear
wait_for() {
  i=0
  while [ $i -lt 100 ]; do
    capture
    if has "$1"; then
      cp "$tmp/screen" "$tmp/before"
      sleep 0.1
      capture
      if has "$1" && cmp -s "$tmp/screen" "$tmp/before"; then return 0; fi
    fi
    if has "tui-done"; then return 1; fi
    sleep 0.1
    i=$((i + 1))
  done
  has "$1"
}
# waits up to 10 s for text to leave the screen
wait_gone() {
  i=0
  while [ $i -lt 100 ]; do
    capture
    if ! has "$1"; then return 0; fi
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
keys() { t send-keys -t "$sess" "$@"; }
size() { t resize-window -t "$sess" -x "$1" -y "$2"; }
# the terminal was given back: the shell after the TUI ran stty -a
sane() {
  for flag in icanon echo isig icrnl opost; do
    grep -qE -- "(^| )$flag( |\$)" "$tmp/screen" || return 1
  done
}
# the current record: the step pane's line marked with ▶
current() { grep -- '▶ *[0-9]*\.[0-9]* s' "$tmp/screen" | head -n 1; }

start() {
  # $1: a new session's name; $2: environment for the TUI, e.g. "NO_COLOR=1"
  sess=$1
  t new-session -d -s "$sess" -x 100 -y 30 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen $2 '$bin' tui '$job'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
}

echo "1..78"

# it opens on the first record, with its panes
start main ""
check "opens on the first record" 'wait_for "Step #0 of"'
check "shows timeline, JobGraph and the key hint" \
  'has "Timeline" && has "JobGraph" && has "? help" && has "q quit"'

# stepping forward
keys n n n n n
check "n steps forward" 'wait_for "Step #5 of"'

# stepping back
keys b b
check "b steps back" 'wait_for "Step #3 of"'

# deployment: step until the subtasks are in their shared slots
keys g "100 ms" Enter
check "g goes to a time" 'wait_for "t=0.1" || wait_for "t=0.09" || wait_for "t=0.08"'
check "subtasks are grouped by TaskManager and slot" \
  'has "TaskManager 1 · slot 0" && has "Flat Map (1/2)#0"'

# search
keys / DEPLOYING Enter
check "/ finds a record" "wait_for \"'DEPLOYING'\" && current | grep -q DEPLOYING"

# jump to a record number, then step back to the very start
keys g "#2" Enter
check "g #N goes to a record" 'wait_for "Step #2 of"'
keys Home
check "Home goes back to the start" 'wait_for "Step #0 of"'

# help, from the key table, answers the learner's questions
keys '?'
check "? shows the help" 'wait_for "Questions and where to look" && has "share a slot"'
keys x
check "any key closes the help" 'wait_for "Step #0 of"'

# inspect the selected subtask
keys g "100 ms" Enter
wait_for "Step #" >/dev/null
keys Enter
check "Enter inspects the selected subtask" \
  'wait_for "Inspect " && has "Deployed at" && has "shared with"'
keys Escape

# resize at any moment, down to 80x24
# the timeline's box closes in the last column: the layout took the new size
t resize-window -t "$sess" -x 80 -y 24
check "resized to 80x24, still drawn" \
  '[ "$(t display -p -t "$sess" "#{pane_width}x#{pane_height}")" = 80x24 ] \
   && wait_for "Timeline" && sed -n 2p "$tmp/screen" | grep -q "┓$" && has "q quit"'
keys Tab
check "at 80x24 Tab brings the JobGraph in place of the timeline" \
  'wait_for "┏━ JobGraph" && ! has "Timeline"'
keys BTab
t resize-window -t "$sess" -x 120 -y 40
check "resized to 120x40" \
  'wait_for "JobGraph" && sed -n 2p "$tmp/screen" | grep -q "[┐┓]$" && has "q quit"'

# r runs continuously, showing simulated time and events per second
keys Home r
check "r runs, showing its speed" 'wait_for "ms/s" && wait_for "ev/s"'
keys r
check "r again pauses" 'wait_gone "ev/s"'

# q quits and gives the terminal back (echo and canonical mode on)
keys q
check "q quits with status 0 and a sane terminal" \
  'wait_for tui-done && has "tui-exit=0" && has " icanon " && has " echo "'

# NO_COLOR: attributes only, no colour escapes
start nocolor "NO_COLOR=1"
wait_for "Step #0 of" >/dev/null
t capture-pane -e -p -t "$sess" >"$tmp/escapes"
check "NO_COLOR draws without colours" \
  '! grep -q "$(printf "\033")\[[0-9;]*3[0-7]m" "$tmp/escapes" && has "Timeline"'
keys q

# a locale without UTF-8: the same screen in ASCII
start ascii "LANG=C LC_ALL=C"
check "without UTF-8 it draws in ASCII" \
  'wait_for "Step #0 of" && has "+- Step" && ! has "┌"'
keys q

# SIGTERM: the TUI dies of it, but gives the terminal back first
start term ""
wait_for "Step #0 of" >/dev/null
pid=$(ps -o pid= --ppid "$(t display -p -t "$sess" "#{pane_pid}")" 2>/dev/null | tr -d " ")
if [ -n "$pid" ]; then
  kill -TERM "$pid"
  check "SIGTERM restores the terminal" \
    'wait_for tui-done && has "tui-exit=143" && has " icanon " && has " echo "'
else
  n=$((n + 1)); echo "ok $n - SIGTERM restores the terminal # SKIP no ps --ppid"
fi

# the checkpoint pane on the backpressure example: the first channel an
# aligned barrier blocks is Parse's from the quiet Refunds source (its
# barrier is in long before the orders' one, the example's comment says);
# the pane lists it as blocked, and the phases of checkpoint 1 with Parse
# still aligning; c steps to the next checkpoint event
job="$srcdir/examples/checkpointed-backpressure.job"
start ckpt ""
wait_for "Step #0 of" >/dev/null
keys h / channel-blocked Enter
check "h: the blocked channel at the cursor is in the checkpoint pane" \
  'wait_for "Blocked input channels" && has "Parse (1/2)#0" && has "ch 1  barrier 1  since 0.283 s" \
   && current | grep -q "Parse (1/2)#0"'
check "h: the current checkpoint's phases, slowest first" \
  'has "Checkpoint 1 phases (0 .. " && has "slowest first" && has ". start delay"'
keys c
check "c steps to the next checkpoint event" 'wait_for "barrier-received\|snapshot\|barrier-sent\|acknowledged\|channel-blocked"'
keys q
job="$srcdir/examples/socket-window-wordcount.job"

# the issue's walk: find the failure (a fault at 12 s) and see why the job failed
start failure ""
wait_for "Step #0 of" >/dev/null
keys f f
check "f f reaches the JobMaster's FAILED, with its why" \
  'wait_for "▶ *12.001 s  Flat Map (2/2)#0  RUNNING → FAILED" && has "why: "'
keys Enter
check "Enter then inspects the failed subtask" \
  'wait_for "Inspect Flat Map (2/2)#0" && has "State: FAILED"'
keys Escape f
# fixed-delay, 3 attempts, 10 s: the failure is handled by a restart
check "the next f shows the restart decision" 'wait_for "failover: restart 6 subtasks in 10000 ms"'

# what if? x re-runs the job with the selected subtask failing at the
# cursor, the screen moves to where the runs part; w flips at the same time
# (the original's last record by then: at 5 s it has only samples, hidden)
keys g "5 s" Enter
wait_for "t=5.000 s" >/dev/null
size 160 40
keys j j x
check "x: the job again with the selected subtask failing here, shown where it differs" \
  'wait_for "what-if 1: fail TumblingProcessingTimeWindows ([12]/2)#0 at 5.000 s; the runs differ from #" \
   && current | grep -q "fault: fail"'
keys w
check "w flips to the original run at the same simulated time" \
  'wait_for "original run (w: what-if 1)" && grep -qE "t=(4.999|5.000) s" "$tmp/screen" && has "job RUNNING"'
keys w n n n n n n
check "w again: the what-if, where the failover restarts the job" \
  'wait_for "what-if 1" && wait_for "job RESTARTING" && has "1/3 in 10.000 s"'
keys X
check "X on the what-if: its TaskManager dies too" \
  'wait_for "what-if 2: kill TaskManager 1 at 5.00"'
size 100 30

# resize at any moment: while running, with the help or the inspect open,
# down to a terminal too small to draw in and back
keys Home '<' '<' r      # 1 ms of simulated time a second: still running after the resizes
wait_for "ev/s" >/dev/null
for wh in "80 24" "20 5" "1 1" "160 50" "30 8" "100 30"; do size $wh; done
check "resized while running: drawn at the last size, still running" \
  'wait_for "ev/s" && sed -n 2p "$tmp/screen" | grep -q "[┐┓]$" && has "q quit"'
keys '?'
for wh in "80 24" "1 1" "20 5" "120 40"; do size $wh; done
check "resized with the help open" \
  'wait_for "Questions and where to look" && wait_for "of [0-9]* lines"'
keys Escape Enter
for wh in "80 24" "20 5" "1 1" "100 30"; do size $wh; done
check "resized with the inspect open" 'wait_for "Inspect " && has "Esc q close"'
size 20 5
check "a tiny terminal says it is too small" 'wait_for "larger terminal"'
size 100 30
check "and draws again when it grows" 'wait_for "Step #"'
keys q q
check "q closes the inspect, q quits: status 0, terminal sane" \
  'wait_for tui-done && has "tui-exit=0" && sane'

# Ctrl-C while running: the TUI dies of SIGINT (status 130) with the
# terminal given back; a shell that traps SIGINT survives to check it
printf '%s\n' "trap 'echo got-int' INT" '"$@"' 'echo "tui-exit=$?"' 'stty -a' \
  'echo tui-done' 'sleep 600' >"$tmp/trap-int.sh"
sess=int
t new-session -d -s "$sess" -x 100 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen sh '$tmp/trap-int.sh' '$bin' tui '$job'"
wait_for "Step #0 of" >/dev/null
keys '<' r
wait_for "ev/s" >/dev/null
keys C-c
check "Ctrl-C while running restores the terminal" \
  'wait_for tui-done && has "tui-exit=130" && sane'

# a job that fails to load: the diagnostic and exit 2, no screen drawn
# records flowing: issue 11's slow sink backpressures everything upstream
printf '%s\n' 'job "Slow Sink"' 'set parallelism.default = 2' \
  'set taskmanager.numberOfTaskSlots = 1' 'set sim.taskmanagers = 2' 'set sim.duration = 30 s' \
  'text = env.fromSource("Kafka").rate(2000/s)' \
  'words = text.map("Parse").cost(20 us).keyBy("user").keys(1000).map("Enrich").cost(50 us)' \
  'words.sinkTo("SlowDB").cost(2 ms).setParallelism(1)' >"$tmp/slow-sink.job"
sess=slow
t new-session -d -s "$sess" -x 120 -y 40 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' tui '$tmp/slow-sink.job'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
wait_for "Step #0 of" >/dev/null
check "samples are hidden from stepping, and the step pane says so" \
  'has "samples hidden (m shows)"'
keys g "20 s" Enter z
check "at 20 s the upstream rows are backpressured, the sink busy" \
  'wait_for "1 column = 1 s" && grep -q "Map (1/2)#0 *█*bbbbbbbbbb" "$tmp/screen" \
   && grep -q "Sink: Writer (1/1)#0 *████████████████████" "$tmp/screen" && has "█ busy ▄ idle b backpressured"'
keys j j Enter
check "Enter on the sink: busy, level ok, a blocked input channel" \
  'wait_for "Inspect Sink: Writer (1/1)#0" && has "Metrics at 20.000 s" \
   && grep -q "busyTimeMsPerSecond 9[0-9][0-9]" "$tmp/screen" && has "backpressureLevel ok" && has "blocked"'
keys Escape m
check "m shows the samples" 'wait_for "samples shown (m hides)"'

# event time: the bundled late-data example at 12 s, its window pane
sess=late
t new-session -d -s "$sess" -x 160 -y 48 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' tui '$srcdir/examples/late-data.job'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
wait_for "Step #0 of" >/dev/null
keys g "12 s" Enter e
check "e plots the window's watermark and event times, fired and late marked" \
  'wait_for "F fired  L late" && has "Event time" && has "fires when the watermark reaches" \
   && grep -v "F fired" "$tmp/screen" | grep -q "[│·─ ]F[│·─ ┃]" \
   && grep -v "F fired" "$tmp/screen" | grep -q "[│·─ ]L[│·─ ┃]"'

printf '%s\n' 'job "Typo"' 'src = env.fromSequence(1, 10)' 'src.mapp("a").print()' \
  >"$tmp/typo.job"
sess=typo
t new-session -d -s "$sess" -x 100 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' tui '$tmp/typo.job'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
check "a job that fails to load: file:line:col, a suggestion, exit 2" \
  'wait_for tui-done && has "typo.job:3:5: error" && has "did you mean" && has "tui-exit=2" \
   && ! has "Timeline" && sane'

# standard output redirected on a terminal: the message points to flinksim run
sess=redirect
t new-session -d -s "$sess" -x 100 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' tui '$job' >'$tmp/redirected'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
check "stdout to a file: a message pointing to flinksim run, exit 2" \
  'wait_for tui-done && has "standard output is not" && has "flinksim run" \
   && has "tui-exit=2" && sane && [ ! -s "$tmp/redirected" ]'

# TERM=dumb cannot move the cursor: said, exit 2, terminal untouched
start dumb "TERM=dumb"
check "TERM=dumb: a message, exit 2" \
  'wait_for tui-done && has "cannot move the cursor" && has "tui-exit=2" && sane'

# not a terminal: a clear message pointing to `flinksim run`, exit 2
"$bin" tui "$job" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
cp "$tmp/err" "$tmp/screen"
check "without a terminal it points to flinksim run" \
  '[ $status -eq 2 ] && grep -q "flinksim run" "$tmp/err"'

# the lesson mode: `flinksim lesson 8` (backpressure) opens the TUI at its
# first step, narrated from lessons/08-backpressure.lesson, answers typed in
# the lesson pane and judged from the run
lesson() {
  # $1: a new session's name; $2: more arguments
  sess=$1
  t new-session -d -s "$sess" -x 100 -y 30 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' lesson 8 $2; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
}
lesson lesson ""
check "lesson 8 opens in the TUI: step 1 of 2, the file's narration, question and choices" \
  'wait_for "Step 1 of 2" && has "Lesson: Records, buffers and backpressure" \
   && has "The sink takes 2 ms a record: 500 records/s." \
   && has "Question: Which task is back-pressured first?" && has "a) Source: Kafka -> Parse" \
   && has "] next step" && has "a answer"'
check "step 1 stops at the first record of task-activity to backpressured" \
  'current | grep -q "task-activity idle → backpressured"'
keys a b
check "a types the answer in the lesson pane" 'wait_for "Your answer: b"'
keys Enter
check "a wrong answer: what the run says, and the lesson's explanation" \
  'wait_for "Not quite. The run says: Source: Kafka -> Parse" \
   && has "Your answer: b) Slow Sink: Writer" && has "The tasks upstream of the slow one"'
keys a a Enter
check "the right answer: Right." 'wait_for "Right." && has "Your answer: a) Source: Kafka -> Parse"'
keys n n
check "n steps as in flinksim tui, and the pane says where its step is" \
  'wait_for "this step stops at #" && ! current | grep -q "idle → backpressured"'
keys ]
check "] goes to step 2, at 15 s" \
  'wait_for "Step 2 of 2" && has "t=15.000 s" && has "Which subtask is the busiest?" \
   && ! has "this step stops at #"'
keys ]
check "] on the last step says so" 'wait_for "the last step of the lesson"'
keys [
check "[ goes back to step 1 and its record, its verdict kept" \
  'wait_for "Step 1 of 2" && has "Right." && current | grep -q "idle → backpressured"'
keys '?'
check "? lists the lesson keys" \
  'wait_for "In a lesson (flinksim lesson N)" && has "the lesson'"'"'s next step"'
keys Escape
check "the hint line names J" 'wait_for "J job"'
keys J
check "J shows the lesson's job in the pane, numbered as plain mode lists it" \
  'wait_for "The job this lesson runs (J goes back to the step):" && has "   1 | job \"Slow sink\"" \
   && has "   6 | events = env.fromSource(\"Kafka\").rate(1000/s)" && ! has "Question: Which task"'
keys J
check "J again: the step" 'wait_for "Question: Which task is back-pressured first?" && ! has "The job this lesson runs"'
keys q
check "q quits the lesson, exit 0, terminal sane" 'wait_for tui-done && has "tui-exit=0" && sane'
lesson lesson_zh "--lang=zh_CN"
check "--lang=zh_CN: the lesson pane speaks Chinese" \
  'wait_for "第 1 步，共 2 步" && has "记录、缓冲区与反压" && has "哪个任务最先被反压？"'
keys J
check "--lang=zh_CN: J shows the job under a Chinese heading" \
  'wait_for "本课运行的作业（J 回到这一步）：" && has "   1 | job \"Slow sink\"" && has "J 作业"'
keys q
# a teacher's own lesson file, by its path, in the TUI
sess=lesson_file
t new-session -d -s "$sess" -x 100 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' lesson '$srcdir/tests/lessons/teacher.lesson'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
check "lesson FILE opens a teacher's lesson in the TUI, its job the file beside it" \
  'wait_for "Lesson: A teacher'"'"'s lesson: keyBy and chains · Step 1 of 2" \
   && has "Question: Is Price chained to the source?"'
keys a y e s Enter
check "its answer judged from the run" 'wait_for "Right."'
keys q
check "q quits, exit 0" 'wait_for tui-done && has "tui-exit=0" && sane'
sess=lesson_piped
t new-session -d -s "$sess" -x 100 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen sh -c 'printf \"a\\\\nc\\\\n\" | \"$bin\" lesson 8 2>\"$tmp/note\"'; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
check "answers piped in on a terminal: plain mode, and a note that says why" \
  'wait_for tui-done && has "End of the lesson" && has "tui-exit=0" && ! has "Timeline" \
   && grep -q "the TUI needs a terminal on standard input" "$tmp/note"'
check "--plain: the lesson as text, answers from stdin" \
  'printf "a\nc\n" | "$bin" lesson 8 --plain >"$tmp/screen" 2>&1 \
   && has "== Step 1 of 2" && has "Right." && has "End of the lesson"'

# a lesson step's show: and highlight: (lesson 8 step 1: the step pane,
# the sink marked) and compare: (lesson 10's last step: run B, w flips)
lesson lesson_show ""
check "show: log focuses the step pane; highlight: marks the sink and says so" \
  'wait_for "Look at: the task Slow Sink: Writer" && has "◆Slow Sink: … (1/1)#0" \
   && has "┏━ Step #"'
keys q
# show: log KIND (lesson 16 step 3, show: log window-late): the step pane
# lists that kind's records, the answer's counts on screen as in --plain
sess=lesson_kind
t new-session -d -s "$sess" -x 160 -y 48 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' lesson 16; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
wait_for "Step 1 of 5" >/dev/null
keys ] ]
check "show: log window-late: the step pane lists only window-late records" \
  'wait_for "only the window-late records (the lesson step'"'"'s show:)" \
   && has "Side output -> Sink: Print to Std. Out (2/2)#0  window-late: Side output: 0 dropped, 16 to the late side output (0 and 191 so far)" \
   && ! has "execution-state"'
keys q
sess=lesson_compare
t new-session -d -s "$sess" -x 160 -y 48 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' lesson 10; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
wait_for "Step 1 of 5" >/dev/null
keys ] ] ] ]
check "lesson 10's last step compares: the checkpoint pane, w flips to run B" \
  'wait_for "Step 5 of 5" && has "┏━ Checkpoints" && has "w flips to run B: --set execution.checkpointing.unaligned.enabled=false"'
keys w
check "w: run B, aligned, at the same simulated time; the header says so" \
  'wait_for "run B: --set execution.checkpointing.unaligned.enabled=false, differs from #" && has "│ run B (w: run A)"'
keys q
check "q quits, exit 0" 'wait_for tui-done && has "tui-exit=0" && sane'
sess=compare_tui
t new-session -d -s "$sess" -x 120 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen '$bin' compare '$srcdir/examples/slow-sink-backpressure.job' --set sim.seed=5 --tui; echo \"tui-exit=\$?\"; stty -a; echo tui-done; sleep 600"
check "compare --tui: run A on screen, w flips to run B" \
  'wait_for "w flips to run B: " && has "run A"'
keys End w
check "w shows run B at the same simulated time" 'wait_for "│ run B (w: run A)" && has "t=60.000 s"'
keys x
check "x: no what-if beside a compared run" 'wait_for "no what-if beside a compared run"'
keys q
check "q quits compare --tui, exit 0" 'wait_for tui-done && has "tui-exit=0" && sane'
check "compare --tui without a terminal: exit 2, says why" \
  '"$bin" compare "$job" "$job" --tui </dev/null >"$tmp/screen" 2>&1; [ $? -eq 2 ] && has "needs a terminal"'

[ $failed -eq 0 ]
