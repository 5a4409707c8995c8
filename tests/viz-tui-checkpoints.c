/* viz-tui-checkpoints.c - the checkpoint pane's phases and blocked channels
 * (viz/tui-checkpoints.c), the timeline's barrier marks and c / C, at
 * cursors of a hand-built trace and of real runs.
 *
 * The hand-built trace is one aligned checkpoint of a two-input sink, in
 * the shape scheduler/task-checkpoint.c and the coordinator write it:
 * sources A and B snapshot at 1.000 s and 1.100 s; the sink's barrier from
 * A arrives at 1.200 s and blocks channel 0 (SingleCheckpointBarrierHandler
 * aligned: a channel whose barrier is in is blocked until the last one
 * is), B's at 1.600 s, so the sink aligns 400 ms, takes a 100 ms
 * synchronous part, writes for 200 ms and acknowledges at 1.901 s with
 * those numbers (its SubtaskStateStats: start delay 200 ms, the trigger to
 * its first barrier, checkpointStartDelayNanos). Checkpoint 2 then blocks
 * the sink's channel 0 and the sink fails with it blocked: a FAILED
 * attempt's input gate is gone, nothing is blocked any more.
 */
#include "config.h"

#include <string.h>

#include "checkpoint/checkpoint.h"
#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "viz/tui-private.h"
#include "tests/testlib-graphs.h"

void viz_tui_checkpoints_tcases (Suite *suite);

static const char *const labels[] = { "Source: A (1/1)#0", "Source: B (1/1)#0", "Sink (1/1)#0" };

typedef struct {
  FsimTrace *trace;
  gint64 now;
} Writer;

/* A record of kind about vertex's subtask 0, attempt 0 (vertex < 0: the
 * job's), of checkpoint (-1: none), on channel (-1: none). */
static FsimTraceRecord
subject (FsimTraceKind kind, int vertex, gint64 checkpoint, int channel)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = kind;
  r.job = 0;
  r.checkpoint = checkpoint;
  r.channel = channel;
  if (vertex >= 0)
    {
      r.vertex = vertex;
      r.subtask = 0;
      r.attempt = 0;
      r.label = labels[vertex];
    }
  r.why = "test record";
  return r;
}

static gint64
rec (Writer *w, FsimTraceKind kind, int vertex, gint64 checkpoint, int channel)
{
  FsimTraceRecord r = subject (kind, vertex, checkpoint, channel);
  return fsim_trace_append (w->trace, w->now, &r);
}

#define SCHED(k) FSIM_SCHED_KIND (FSIM_SCHED_KIND_##k)
#define CKPT(k) FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_##k)

static gint64
state (Writer *w, int vertex, const char *from, const char *to)
{
  FsimTraceRecord r = subject (SCHED (EXECUTION_STATE), vertex, -1, -1);
  r.from = fsim_state_machine_lookup (&fsim_execution_state_machine, from);
  r.to = fsim_state_machine_lookup (&fsim_execution_state_machine, to);
  return fsim_trace_append (w->trace, w->now, &r);
}

/* checkpoint-acknowledged with its stats (checkpoint-kinds.c's values). */
static gint64
ack (Writer *w, int vertex, gint64 id, gint64 acked, gint64 start_delay, gint64 alignment,
     gint64 sync, gint64 async)
{
  FsimTraceRecord r = subject (CKPT (ACKNOWLEDGED), vertex, id, -1);
  r.values[0] = acked;
  r.values[1] = 3;
  r.values[2] = start_delay;
  r.values[3] = alignment;
  r.values[4] = sync;
  r.values[5] = async;
  return fsim_trace_append (w->trace, w->now, &r);
}

static gint64
snapshot (Writer *w, int vertex, gint64 id, gint64 sync_us)
{
  FsimTraceRecord r = subject (SCHED (SNAPSHOT), vertex, id, -1);
  r.values[0] = sync_us;
  return fsim_trace_append (w->trace, w->now, &r);
}

/* A source takes checkpoint 1 at w->now and acknowledges 1 ms later. */
static void
source_snapshots (Writer *w, int vertex, gint64 acked, gint64 start_delay)
{
  rec (w, SCHED (BARRIER_SENT), vertex, 1, -1);
  snapshot (w, vertex, 1, 0);
  rec (w, SCHED (SNAPSHOT_DONE), vertex, 1, -1);
  w->now += 1000;
  ack (w, vertex, 1, acked, start_delay, 0, 0, 0);
}

typedef struct {
  FsimTrace *trace;
  FsimTui *tui;
  FsimTuiGrid *grid;
  gint64 trigger, a_sent, first_in, blocked, last_in, snap, resumed, acked, completed;
  gint64 blocked2, failed, declined2;
} Fixture;

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);
  Writer w = { fsim_trace_new (), 0 };
  fsim_sched_register_kinds (w.trace);
  for (int v = 0; v < 3; v++)
    state (&w, v, "INITIALIZING", "RUNNING");
  w.now = 1000000;
  f->trigger = rec (&w, CKPT (TRIGGERED), -1, 1, -1);
  f->a_sent = f->trigger + 1;
  source_snapshots (&w, 0, 1, 0);
  w.now = 1100000;
  source_snapshots (&w, 1, 2, 100000);
  w.now = 1200000;
  f->first_in = rec (&w, SCHED (BARRIER_RECEIVED), 2, 1, 0);
  f->blocked = rec (&w, SCHED (CHANNEL_BLOCKED), 2, 1, 0);
  w.now = 1600000;
  f->last_in = rec (&w, SCHED (BARRIER_RECEIVED), 2, 1, 1);
  f->snap = snapshot (&w, 2, 1, 100000);
  f->resumed = rec (&w, SCHED (CHANNEL_RESUMED), 2, 1, 0);
  w.now = 1900000;
  rec (&w, SCHED (SNAPSHOT_DONE), 2, 1, -1);
  w.now = 1901000;
  f->acked = ack (&w, 2, 1, 3, 200000, 400000, 100000, 200000);
  f->completed = rec (&w, CKPT (COMPLETED), -1, 1, -1);
  w.now = 3000000;
  rec (&w, CKPT (TRIGGERED), -1, 2, -1);
  w.now = 3200000;
  rec (&w, SCHED (BARRIER_RECEIVED), 2, 2, 0);
  f->blocked2 = rec (&w, SCHED (CHANNEL_BLOCKED), 2, 2, 0);
  w.now = 3500000;
  f->failed = state (&w, 2, "RUNNING", "FAILED");
  f->declined2 = rec (&w, CKPT (DECLINED), -1, 2, -1);
  f->trace = w.trace;
  f->tui = fsim_tui_new (f->trace, NULL, "Two inputs");
  f->grid = fsim_tui_grid_new (140, 40);
  fsim_tui_handle_key (f->tui, 'h');
  return f;
}

static void
fixture_free (Fixture *f)
{
  fsim_tui_grid_free (f->grid);
  fsim_tui_free (f->tui);
  fsim_trace_unref (f->trace);
  g_free (f);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* The checkpoint pane's rows at cursor seq, from its top. (transfer full) */
static GStrv
pane_at (Fixture *f, gint64 seq)
{
  fsim_tui_set_cursor (f->tui, seq);
  fsim_tui_draw (f->tui, f->grid);
  FsimTuiArea a = f->tui->drawn.panes[FSIM_TUI_PANE_CHECKPOINTS];
  ck_assert_int_gt (a.w, 0);
  g_autofree char *all = fsim_tui_grid_to_text (f->grid, FALSE);
  g_auto (GStrv) lines = g_strsplit (all, "\n", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (int y = a.y + 1; y < a.y + a.h - 1 && lines[y]; y++)
    {
      /* the pane's columns: skip a.x + 1 display columns of the line */
      const char *p = lines[y];
      for (int col = 0; *p && col < a.x + 1; p = g_utf8_next_char (p))
        col += fsim_tui_char_width (g_utf8_get_char (p));
      g_ptr_array_add (out, g_strdup (p));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* The index of the first row holding text, or -1. */
static int
row_with (GStrv rows, const char *text)
{
  for (int i = 0; rows[i]; i++)
    if (strstr (rows[i], text))
      return i;
  return -1;
}

/* The bar of a phases row: what follows the label, up to the border. */
static char *
bar_of (const char *row, const char *label)
{
  const char *p = strstr (row, label);
  ck_assert_ptr_nonnull (p);
  p += strlen (label);
  while (*p == ' ')
    p++;
  g_autofree char *bar = g_strdup (p);
  char *border = strstr (bar, "\u2503");
  if (border)
    *border = '\0';
  return g_strdup (g_strchomp (bar));
}

static int
count (const char *s, char c)
{
  int n = 0;
  for (; *s; s++)
    n += *s == c;
  return n;
}

/* Mid-alignment (the sink's last barrier in, its snapshot taken): the sink
 * has not acknowledged, so it comes first (the slowest); its phases so far
 * are its start delay (1.0 s to 1.2 s) and its alignment (to 1.6 s), on an
 * axis of 600 ms: a third and two thirds of the bar. The sources follow,
 * B (acknowledged later) before A. */
START_TEST (test_phases_in_progress)
{
  g_autoptr (Fixture) f = fixture_new ();
  g_auto (GStrv) rows = pane_at (f, f->snap);
  int head = row_with (rows, "Checkpoint 1 phases (0 .. 600.0 ms), slowest first");
  ck_assert_msg (head >= 0, "%s", g_strjoinv ("\n", rows));
  ck_assert_ptr_nonnull (strstr (rows[head + 1], "Sink (1/1)#0"));
  ck_assert_ptr_nonnull (strstr (rows[head + 2], "Source: B (1/1)#0"));
  ck_assert_ptr_nonnull (strstr (rows[head + 3], "Source: A (1/1)#0"));
  g_autofree char *sink = bar_of (rows[head + 1], "Sink (1/1)#0");
  int dots = count (sink, '.'), aligned = count (sink, '=');
  ck_assert_int_eq (dots + aligned, (int) strlen (sink));   /* nothing else yet */
  ck_assert_msg (dots > 0 && abs (2 * dots - aligned) <= 2, "%s", sink);
  ck_assert_int_eq (count (sink, '|'), 0);                  /* not acknowledged */
  /* B: 100 ms of start delay (a sixth), acknowledged 1 ms after */
  g_autofree char *b = bar_of (rows[head + 2], "Source: B (1/1)#0");
  ck_assert_int_eq (count (b, '|'), 1);
  ck_assert_msg (abs (6 * count (b, '.') - (int) strlen (sink)) <= 6, "%s / %s", b, sink);
}
END_TEST

/* Once the sink acknowledged: its bar is its SubtaskStateStats laid end to
 * end on the checkpoint's 901 ms: 200 ms '.', 400 ms '=', 100 ms '#',
 * 200 ms '~' and the acknowledgement '|' at the end. */
START_TEST (test_phases_acknowledged)
{
  g_autoptr (Fixture) f = fixture_new ();
  g_auto (GStrv) rows = pane_at (f, f->completed);
  int head = row_with (rows, "Checkpoint 1 phases (0 .. 901.0 ms), slowest first");
  ck_assert_msg (head >= 0, "%s", g_strjoinv ("\n", rows));
  g_autofree char *sink = bar_of (rows[head + 1], "Sink (1/1)#0");
  const char *p = sink;
  for (const char *phase = ".=#~"; *phase; phase++)
    {
      ck_assert_msg (*p == *phase, "phase %c in %s", *phase, sink);
      while (*p == *phase)
        p++;
    }
  ck_assert_str_eq (p, "|");
  int n = (int) strlen (sink);
  /* a phase of d ms takes d / 901 of the bar, give or take a column */
  ck_assert_msg (abs (count (sink, '=') * 901 - 400 * n) <= 2 * 901, "%s", sink);
  ck_assert_msg (abs (count (sink, '.') * 901 - 200 * n) <= 2 * 901, "%s", sink);
  ck_assert_msg (row_with (rows, "   1 COMPLETED   3/3       1.000 s   901.0 ms") == 1, "%s", g_strjoinv ("\n", rows));
}
END_TEST

/* The blocked channels are the ones the trace says at the cursor: none
 * before the first barrier, channel 0 from it until the alignment ends
 * (the last barrier, B's on channel 1, blocks nothing: it completes the
 * alignment), none after channel-resumed; checkpoint 2's block ends with
 * the sink's FAILED attempt. */
START_TEST (test_blocked_channels)
{
  g_autoptr (Fixture) f = fixture_new ();
  const char *none = "none: no aligned barrier holds an input channel now";
  g_auto (GStrv) before = pane_at (f, f->first_in);
  ck_assert_int_ge (row_with (before, none), 0);
  g_auto (GStrv) blocked = pane_at (f, f->blocked);
  int at = row_with (blocked, "Blocked input channels");
  ck_assert_int_ge (at, 0);
  ck_assert_ptr_nonnull (strstr (blocked[at + 1], "Sink (1/1)#0"));
  ck_assert_ptr_nonnull (strstr (blocked[at + 1], "ch 0  barrier 1  since 1.200 s"));
  ck_assert_int_lt (row_with (blocked, none), 0);
  g_auto (GStrv) last = pane_at (f, f->last_in);
  ck_assert_int_ge (row_with (last, "ch 0  barrier 1  since 1.200 s"), 0);
  ck_assert_int_lt (row_with (last, "ch 1 "), 0);
  g_auto (GStrv) resumed = pane_at (f, f->resumed);
  ck_assert_int_ge (row_with (resumed, none), 0);
  g_auto (GStrv) second = pane_at (f, f->blocked2);
  ck_assert_int_ge (row_with (second, "ch 0  barrier 2  since 3.200 s"), 0);
  g_auto (GStrv) failed = pane_at (f, f->failed);
  ck_assert_int_ge (row_with (failed, none), 0);
}
END_TEST

/* The detailed checkpoint is the one the record at the cursor is about:
 * at checkpoint 2's FAILED record (about no checkpoint) the newest, 2; at
 * checkpoint 1's completion, 1, though 2 is not yet known there either. */
START_TEST (test_current_checkpoint)
{
  g_autoptr (Fixture) f = fixture_new ();
  g_auto (GStrv) later = pane_at (f, f->declined2);
  ck_assert_int_ge (row_with (later, "Checkpoint 2 phases"), 0);
  g_auto (GStrv) back = pane_at (f, f->acked);
  ck_assert_int_ge (row_with (back, "Checkpoint 1 phases"), 0);
}
END_TEST

/* c / C step through every record of a checkpoint, the tasks' too (the
 * trigger, then A forwarding its barrier); the header counts checkpoints
 * by their coordinator-level end: 1 ok at the completion, 1 failed at
 * checkpoint 2's decline. */
START_TEST (test_jumps_and_counts)
{
  g_autoptr (Fixture) f = fixture_new ();
  fsim_tui_set_cursor (f->tui, f->trigger);
  fsim_tui_handle_key (f->tui, 'c');
  ck_assert_int_eq (f->tui->cursor, f->a_sent);
  fsim_tui_set_cursor (f->tui, f->blocked);
  fsim_tui_handle_key (f->tui, 'c');
  ck_assert_int_eq (f->tui->cursor, f->last_in);
  fsim_tui_handle_key (f->tui, 'C');
  ck_assert_int_eq (f->tui->cursor, f->blocked);
  g_auto (GStrv) done = pane_at (f, f->completed);
  g_autofree char *text = fsim_tui_grid_to_text (f->grid, FALSE);
  ck_assert_msg (strstr (text, "checkpoints 1 ok, 0 failed") != NULL, "%s", text);
  g_auto (GStrv) end = pane_at (f, f->declined2);
  g_free (text);
  text = fsim_tui_grid_to_text (f->grid, FALSE);
  ck_assert_msg (strstr (text, "checkpoints 1 ok, 1 failed") != NULL, "%s", text);
}
END_TEST

/* The glyph drawn for a subtask's row in the column of time_us. */
static gunichar
timeline_glyph (Fixture *f, const char *label, gint64 time_us)
{
  fsim_tui_draw (f->tui, f->grid);
  FsimTuiArea rows = f->tui->drawn.timeline_rows;
  gint64 zoom = f->tui->drawn.zoom_us, start = f->tui->drawn.view_start_us;
  int x_time = (int) ((time_us - start) / zoom);
  g_autofree char *all = fsim_tui_grid_to_text (f->grid, FALSE);
  for (int y = rows.y; y < rows.y + rows.h; y++)
    {
      GString *line = g_string_new (NULL);
      for (int x = 0; x < fsim_tui_grid_width (f->grid); x++)
        if (fsim_tui_grid_cell (f->grid, x, y)->ch)
          g_string_append_unichar (line, fsim_tui_grid_cell (f->grid, x, y)->ch);
      gboolean mine = strstr (line->str, label) != NULL;
      g_string_free (line, TRUE);
      if (mine)
        return fsim_tui_grid_cell (f->grid, rows.x + rows.w - f->tui->drawn.timeline_cols
                                   + x_time, y)->ch;
    }
  ck_abort_msg ("no row %s in\n%s", label, all);
  return 0;
}

/* Barrier marks: a subtask that forwarded a barrier (A at 1.000 s) shows ┃
 * in that column; one that only received one (the sink at 1.200 s: a sink
 * forwards nothing) shows ┆. */
START_TEST (test_barrier_marks)
{
  g_autoptr (Fixture) f = fixture_new ();
  fsim_tui_set_cursor (f->tui, f->completed);
  fsim_tui_handle_key (f->tui, 'z');    /* the whole run in the columns */
  ck_assert_uint_eq (timeline_glyph (f, "Source: A (1/1)#0", 1000000), 0x2503);
  ck_assert_uint_eq (timeline_glyph (f, "Sink (1/1)#0", 1200000), 0x2506);
}
END_TEST

/* A real run at AT_LEAST_ONCE (CheckpointBarrierTracker blocks nothing):
 * at every checkpoint event the pane lists no blocked channel; aligned
 * (SingleCheckpointBarrierHandler) the same job blocks some, and never
 * every input channel of a task (the last barrier ends the alignment). */
static const char two_input_job[] =
  "job \"Two inputs\"\n"
  "set parallelism.default = 1\n"
  "set sim.duration = 12 s\n"
  "set execution.checkpointing.interval = 2 s\n"
  "%s\n"
  "a = env.fromSource(\"A\").rate(1000/s)\n"
  "b = env.fromSource(\"B\").rate(10/s)\n"
  "a.union(b).keyBy(\"k\").keys(10).map(\"M\").name(\"M\").cost(2 ms).print()\n";

/* two_input_job with lines, run to its end. (transfer full: run and *job) */
static FsimJobRun *
two_input_run (const char *lines, FsimJob **job)
{
  g_autofree char *text = g_strdup_printf (two_input_job, lines);
  g_autoptr (GError) error = NULL;
  *job = fsim_job_parse (text, "two.job", &error);
  ck_assert_msg (*job != NULL, "%s", error ? error->message : "?");
  FsimJobRun *run = fsim_job_run_new (*job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  return run;
}

static guint
max_blocked (const char *mode_line)
{
  FsimJob *job;
  FsimJobRun *run = two_input_run (mode_line, &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "Two inputs");
  GArray *cps = fsim_tui_history_checkpoints (tui->history);
  GArray *events = fsim_tui_history_list (tui->history, FSIM_TUI_LIST_CHECKPOINT);
  ck_assert_uint_gt (cps->len, 2);
  guint most = 0;
  for (guint e = 0; e < events->len; e++)
    {
      gint64 seq = g_array_index (events, gint64, e);
      guint open = 0;
      for (guint i = 0; i < cps->len; i++)
        {
          g_autoptr (GPtrArray) b =
            fsim_tui_checkpoint_blocked_at (&g_array_index (cps, FsimTuiCheckpoint, i), seq);
          open += b->len;
        }
      most = MAX (most, open);
    }
  fsim_job_run_free (run);
  fsim_job_free (job);
  return most;
}

START_TEST (test_real_runs)
{
  ck_assert_uint_eq (max_blocked ("set execution.checkpointing.mode = AT_LEAST_ONCE"), 0);
  /* M has two input channels (A and B, one subtask each): one blocked at most */
  ck_assert_uint_eq (max_blocked ("set execution.checkpointing.mode = EXACTLY_ONCE"), 1);
}
END_TEST

/* The history's Type column: RestAPICheckpointType as `flinksim
 * checkpoints` prints it, read from the trace alone. The savepoint at 3 s
 * is a SAVEPOINT (CheckpointCoordinator.triggerSavepoint,
 * CheckpointProperties.forSavepoint), the stop at 7 s a SYNC_SAVEPOINT
 * (triggerSynchronousSavepoint: SavepointType.isSynchronous), the periodic
 * ones CHECKPOINT (aligned: nothing persisted, so not
 * UNALIGNED_CHECKPOINT); each row agrees with the coordinator's stats. */
START_TEST (test_history_type_column)
{
  FsimJob *job;
  FsimJobRun *run = two_input_run ("at 3 s savepoint\nat 7 s stop", &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  FsimCheckpointCoordinator *cc
    = fsim_cluster_get_checkpoint_coordinator (fsim_job_run_get_cluster (run));
  Fixture f = {
    .trace = trace,
    .tui = fsim_tui_new (trace, NULL, "Two inputs"),
    .grid = fsim_tui_grid_new (140, 40),
  };
  fsim_tui_handle_key (f.tui, 'h');
  g_auto (GStrv) rows = pane_at (&f, fsim_trace_count (trace) - 1);
  ck_assert_int_eq (row_with (rows, "Duration  Type"), 0);
  gint64 n = fsim_checkpoint_coordinator_get_n_checkpoints (cc);
  guint savepoints = 0, sync = 0;
  for (gint64 id = 1; id <= n; id++)
    {
      FsimCheckpointStatsView v;
      ck_assert (fsim_checkpoint_coordinator_get_stats (cc, id, &v));
      const char *want = v.synchronous ? "SYNC_SAVEPOINT"
                         : v.savepoint ? "SAVEPOINT" : "CHECKPOINT";
      savepoints += v.savepoint && !v.synchronous;
      sync += v.synchronous;
      ck_assert (!v.unaligned);
      /* the newest is on row 1, the oldest on row n */
      const char *row = rows[1 + n - id];
      g_autofree char *head = g_strdup_printf ("%4" G_GINT64_FORMAT " ", id);
      ck_assert_msg (g_str_has_prefix (row, head), "%s", row);
      g_autofree char *cell = g_strdup_printf ("  %s ", want);
      ck_assert_msg (strstr (row, cell) != NULL, "%s: want %s", row, want);
    }
  ck_assert_uint_eq (savepoints, 1);
  ck_assert_uint_eq (sync, 1);
  fsim_tui_grid_free (f.grid);
  fsim_tui_free (f.tui);
  fsim_job_run_free (run);
  fsim_job_free (job);
}
END_TEST

/* A subtask RUNNING at the trigger that has not yet seen its barrier is in
 * the checkpoint's plan (DefaultCheckpointPlanCalculator: the tasks
 * RUNNING at the trigger), listed with no acknowledgement, as the Web UI
 * lists a subtask with no ack yet ("n/a"), even when a later record names
 * it: here a back-pressured sink's task-activity record between the
 * trigger at 1.000 s and the cursor at 1.100 s (lesson 9's Slow Sink).
 * Its bar is start delay only (the trigger to now: no barrier yet). */
START_TEST (test_phases_list_a_subtask_waiting_for_its_barrier)
{
  Writer w = { fsim_trace_new (), 0 };
  fsim_sched_register_kinds (w.trace);
  for (int v = 0; v < 3; v++)
    state (&w, v, "INITIALIZING", "RUNNING");
  w.now = 1000000;
  rec (&w, CKPT (TRIGGERED), -1, 1, -1);
  w.now = 1050000;
  rec (&w, SCHED (TASK_ACTIVITY), 2, -1, -1);
  w.now = 1100000;
  gint64 cursor = rec (&w, SCHED (BARRIER_SENT), 0, 1, -1);
  Fixture fx = { .trace = w.trace, .tui = fsim_tui_new (w.trace, NULL, "Waiting"),
                 .grid = fsim_tui_grid_new (140, 40) };
  Fixture *f = g_memdup2 (&fx, sizeof fx);
  g_autoptr (Fixture) owned = f;
  fsim_tui_handle_key (f->tui, 'h');
  g_auto (GStrv) rows = pane_at (f, cursor);
  int head = row_with (rows, "Checkpoint 1 phases (0 .. 100.0 ms), slowest first");
  ck_assert_msg (head >= 0, "%s", g_strjoinv ("\n", rows));
  int sink = row_with (rows, "Sink (1/1)#0");
  ck_assert_msg (sink > head, "%s", g_strjoinv ("\n", rows));
  g_autofree char *bar = bar_of (rows[sink], "Sink (1/1)#0");
  ck_assert_int_gt ((int) strlen (bar), 0);
  ck_assert_int_eq (count (bar, '.'), (int) strlen (bar));   /* waiting: start delay only */
  ck_assert_int_ge (row_with (rows, "Source: B (1/1)#0"), 0);  /* also waiting */
}
END_TEST

void
viz_tui_checkpoints_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("TuiCheckpoints");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_phases_in_progress);
  tcase_add_test (tc, test_phases_acknowledged);
  tcase_add_test (tc, test_phases_list_a_subtask_waiting_for_its_barrier);
  tcase_add_test (tc, test_blocked_channels);
  tcase_add_test (tc, test_current_checkpoint);
  tcase_add_test (tc, test_jumps_and_counts);
  tcase_add_test (tc, test_barrier_marks);
  tcase_add_test (tc, test_real_runs);
  tcase_add_test (tc, test_history_type_column);
  suite_add_tcase (suite, tc);
}
