/* viz-tui-flow.c - the TUI once records flow: busy / idle / backpressured
 * timeline cells, sample records kept out of stepping, and the inspect
 * view's metrics and channels at the cursor (viz/tui-samples.c).
 *
 * The trace is hand-built in the shape scheduler/ writes it (a metric
 * sample is one record per sample kind of one attempt at one time; a
 * channel-sample names its producer as subject, its subpartition as channel
 * and its consumer by typed values; its detail says the same for people), so
 * the expectations follow from the records; one test runs the slow-sink job
 * of issue 11 on the real scheduler and reads its screen.
 */
#include "config.h"

#include <string.h>

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "viz/tui-private.h"
#include "tests/testlib-graphs.h"

void viz_tui_flow_tcases (Suite *suite);

#define S_MS G_GINT64_CONSTANT (1000)
#define S_S G_GINT64_CONSTANT (1000000)

typedef struct {
  FsimTrace *trace;
  gint64 now;
} Writer;

/* Source: S (1/1) in TaskManager 1 slot 0; Map (1/2) beside it, Map (2/2)
 * in TaskManager 2. */
static const char *const labels[][2] = {
  { "Source: S (1/1)#0", NULL }, { "Map (1/2)#0", "Map (2/2)#0" },
};

static gint64
rec (Writer *w, FsimTraceKind kind, FsimTraceRecord *r)
{
  fsim_sched_register_kinds (w->trace);
  r->kind = kind;
  if (r->why == NULL)
    r->why = "test record";
  return fsim_trace_append (w->trace, w->now, r);
}

static FsimTraceRecord
subject (int v, int s)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.job = 0;
  r.vertex = v;
  r.subtask = s;
  r.attempt = 0;
  r.taskmanager = v == 1 && s == 1 ? 2 : 1;
  r.slot = 0;
  r.label = labels[v][s];
  return r;
}

static void
running (Writer *w, int v, int s)
{
  FsimTraceRecord r = subject (v, s);
  r.to = FSIM_EXECUTION_RUNNING;
  r.from = FSIM_EXECUTION_INITIALIZING;
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE), &r);
}

/* One metric sample: every sample kind, as the sampler writes them. */
static void
metrics (Writer *w, int v, int s, gint64 busy, gint64 idle, gint64 bp, gint64 in)
{
  const gint64 values[FSIM_TASK_METRICS_KIND_COUNT][3] = {
    [FSIM_TASK_METRICS_KIND_TIME] = { busy, idle, bp },
    [FSIM_TASK_METRICS_KIND_BACKPRESSURE] = { bp, 0, 0 },
    [FSIM_TASK_METRICS_KIND_RECORDS] = { in, in, in / 100 },
    [FSIM_TASK_METRICS_KIND_RATES] = { in * 1000, in * 1000, 2500 },
    [FSIM_TASK_METRICS_KIND_POOLS] = { 900, 100, 0 },
    /* no event time: the sampler's Long.MIN_VALUE, as for a job without watermarks */
    [FSIM_TASK_METRICS_KIND_WATERMARKS] = { FSIM_WATERMARK_NONE, FSIM_WATERMARK_NONE, 0 },
  };
  for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
    {
      FsimTraceRecord r = subject (v, s);
      for (int i = 0; i < 3; i++)
        r.values[i] = values[k][i];
      rec (w, &fsim_task_metrics_kinds[k], &r);
    }
}

static void
channel (Writer *w, int sub, gint64 backlog, gint64 credit, gint64 queued)
{
  FsimTraceRecord r = subject (0, 0);
  g_autofree char *detail = g_strdup_printf ("subpartition %d to Map (%d/2)", sub, sub + 1);
  r.detail = detail;
  r.channel = sub;
  r.values[FSIM_CHANNEL_SAMPLE_VALUE_BACKLOG] = backlog;
  r.values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT] = credit;
  r.values[FSIM_CHANNEL_SAMPLE_VALUE_QUEUED] = queued;
  /* subpartition s feeds Map's subtask s */
  r.values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX] = 1;
  r.values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK] = sub;
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_SAMPLE), &r);
}

static void
samples (Writer *w, gint64 source_bp, gint64 map2_credit)
{
  metrics (w, 0, 0, 100, 900 - source_bp, source_bp, w->now / 1000);
  metrics (w, 1, 0, 200, 800, 0, 40);
  metrics (w, 1, 1, 950, 50, 0, 60);
  channel (w, 0, 0, -1, 3);
  channel (w, 1, 5, map2_credit, 2);
}

/* RUNNING at 100 ms; samples at 1, 2 and 3 s; the source backpressured
 * from 2.5 s, its channel to Map (2/2) out of credit by 3 s; the run ends
 * at 3.5 s. */
static FsimTrace *
flow_trace (void)
{
  Writer w = { fsim_trace_new (), 100 * S_MS };
  running (&w, 0, 0);
  running (&w, 1, 0);
  running (&w, 1, 1);
  w.now = 1 * S_S;
  samples (&w, 0, 2);
  w.now = 2 * S_S;
  samples (&w, 0, 1);
  w.now = 2500 * S_MS;
  FsimTraceRecord a = subject (0, 0);
  a.from = FSIM_TASK_IDLE;
  a.to = FSIM_TASK_BACKPRESSURED;
  a.why = "backpressured: output channel 1 to Map (2/2) has 0 credits";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_ACTIVITY), &a);
  w.now = 3 * S_S;
  samples (&w, 600, 0);
  w.now = 3500 * S_MS;
  FsimTraceRecord end = FSIM_TRACE_RECORD_INIT;
  end.why = "sim.duration reached";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_RUN_END), &end);
  return w.trace;
}

static char *
draw (FsimTui *tui, FsimTuiGrid *grid)
{
  fsim_tui_draw (tui, grid);
  return fsim_tui_grid_to_text (grid, FALSE);
}

/* The text row of the screen that holds needle, from its start. */
static const char *
row_of (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);
  ck_assert_msg (at != NULL, "no '%s' on the screen:\n%s", needle, text);
  return at;
}

/* The cells after a label on the timeline: "Map (2/2)#0      ███" -> "███". */
static char *
cells_of (const char *text, const char *label)
{
  const char *at = row_of (text, label) + strlen (label);
  while (*at == ' ')
    at++;
  const char *end = strstr (at, "\u2503");      /* the focused pane's border */
  ck_assert_ptr_nonnull (end);
  g_autofree char *cells = g_strndup (at, (gsize) (end - at));
  return g_strchomp (g_steal_pointer (&cells));
}

static gint64
last_seq (FsimTrace *trace)
{
  return fsim_trace_count (trace) - 1;
}

/* One column a second: before its first sample a RUNNING subtask keeps
 * RUNNING's look; then idle or busy by the larger of the sample's times;
 * backpressured from the task-activity record on, each in its tone. */
START_TEST (test_flow_cells_busy_idle_backpressured)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);
  fsim_tui_set_cursor (tui, last_seq (trace));
  tui->zoom_us = S_S;
  tui->view_start_us = 0;
  g_autofree char *text = draw (tui, grid);
  /* 0-1 s RUNNING, 1-2 s idle (100 < 800), 2-3 s backpressured from
   * 2.5 s, 3-4 s still (the cursor's column) */
  g_autofree char *source = cells_of (text, "Source: S (1/1)#0");
  ck_assert_str_eq (source, "\u2588\u2584bb");
  g_autofree char *map1 = cells_of (text, "Map (1/2)#0");
  ck_assert_str_eq (map1, "\u2588\u2584\u2584\u2584");
  g_autofree char *map2 = cells_of (text, "Map (2/2)#0");
  ck_assert_str_eq (map2, "\u2588\u2588\u2588\u2588");
  /* the colours are the task activity machine's tones */
  const char *line = row_of (text, "Source: S (1/1)#0");
  int y = 0;
  for (const char *p = text; p < line; p++)
    y += *p == '\n';
  int x = -1;
  for (int c = 0; c < fsim_tui_grid_width (grid) && x < 0; c++)
    if (fsim_tui_grid_cell (grid, c, y)->ch == 0x2584)
      x = c;
  ck_assert_int_ge (x, 0);
  ck_assert_int_eq (fsim_tui_grid_cell (grid, x, y)->role,
                    fsim_tui_state_role (&fsim_task_activity_machine, FSIM_TASK_IDLE));
  ck_assert_int_eq (fsim_tui_grid_cell (grid, x + 1, y)->role,
                    fsim_tui_state_role (&fsim_task_activity_machine, FSIM_TASK_BACKPRESSURED));
  ck_assert_int_eq (fsim_tui_grid_cell (grid, x - 1, y)->role,
                    fsim_tui_execution_role (FSIM_EXECUTION_RUNNING));
  /* the legend says so in the pane's border */
  ck_assert_ptr_nonnull (strstr (text, "\u2588 busy \u2584 idle b backpressured"));
}
END_TEST

/* Stepping back to 2 s: the cells know only the records up to the cursor. */
START_TEST (test_flow_cells_at_cursor)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);
  fsim_tui_goto (tui, "2000 ms");
  ck_assert_int_eq (fsim_tui_current (tui)->time_us, 2 * S_S);
  tui->zoom_us = S_S;
  tui->view_start_us = 0;
  g_autofree char *text = draw (tui, grid);
  g_autofree char *source = cells_of (text, "Source: S (1/1)#0");
  ck_assert_str_eq (source, "\u2588\u2584\u2584");
}
END_TEST

/* Without a sample or an activity record a trace draws as before: no
 * legend, RUNNING's glyph. */
START_TEST (test_no_flow_no_legend)
{
  Writer w = { fsim_trace_new (), 100 * S_MS };
  running (&w, 1, 0);
  g_autoptr (FsimTui) tui = fsim_tui_new (w.trace, NULL, "still");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);
  g_autofree char *text = draw (tui, grid);
  ck_assert_ptr_null (strstr (text, "backpressured"));
  ck_assert_ptr_null (strstr (text, "samples hidden"));
  fsim_trace_unref (w.trace);
}
END_TEST

/* n and b pass sample records by, as `flinksim run` leaves them out; the
 * step pane says so; m shows them and n stops at each. */
START_TEST (test_stepping_skips_samples)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (80, 24);
  g_autofree char *first = draw (tui, grid);
  ck_assert_ptr_nonnull (strstr (first, "samples hidden (m shows)"));
  int steps = 0;
  while (fsim_tui_step (tui, 1) == FSIM_TUI_REDRAW && !tui->message)
    {
      ck_assert_msg (!fsim_tui_record_is_sample (fsim_tui_current (tui)),
                     "n stopped at sample #%" G_GINT64_FORMAT, tui->cursor);
      steps++;
    }
  /* three RUNNING records, one task-activity record, the run end */
  ck_assert_int_eq (steps, 4);
  ck_assert_int_eq (tui->cursor, last_seq (trace));
  ck_assert_uint_eq (fsim_tui_step (tui, -1), FSIM_TUI_REDRAW);
  ck_assert_ptr_eq (fsim_tui_current (tui)->kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_ACTIVITY));
  /* the list above the current record holds no sample either */
  g_autofree char *text = draw (tui, grid);
  ck_assert_ptr_null (strstr (text, "metrics"));
  ck_assert_ptr_null (strstr (text, "channel-sample"));

  fsim_tui_handle_key (tui, 'm');
  ck_assert (tui->show_samples);
  g_autofree char *shown = draw (tui, grid);
  ck_assert_ptr_nonnull (strstr (shown, "samples shown (m hides)"));
  ck_assert_ptr_nonnull (strstr (shown, "channel-sample"));
  gint64 was = tui->cursor;
  fsim_tui_step (tui, -1);
  ck_assert_int_eq (tui->cursor, was - 1);
  ck_assert (fsim_tui_record_is_sample (fsim_tui_current (tui)));
}
END_TEST

/* Search passes samples by too while they are hidden; jumps and g still
 * reach every record. */
START_TEST (test_search_skips_hidden_samples)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  fsim_tui_search (tui, "subpartition 1");
  ck_assert (tui->message_is_error);
  ck_assert_ptr_nonnull (strstr (tui->message, "m shows"));
  ck_assert_int_eq (tui->cursor, 0);
  fsim_tui_search (tui, "backpressured");
  ck_assert_ptr_eq (fsim_tui_current (tui)->kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_ACTIVITY));
  fsim_tui_handle_key (tui, 'm');
  fsim_tui_set_cursor (tui, 0);
  fsim_tui_search (tui, "subpartition 1");
  ck_assert (!tui->message_is_error);
  ck_assert_ptr_eq (fsim_tui_current (tui)->kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_SAMPLE));
  /* g lands where the time says, a sample or not */
  fsim_tui_goto (tui, "#5");
  ck_assert_int_eq (tui->cursor, 5);
}
END_TEST

static char *
inspect (FsimTui *tui, int v, int s, int width, int height)
{
  tui->sel_vertex = v;
  tui->sel_subtask = s;
  tui->mode = FSIM_TUI_MODE_INSPECT;
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (width, height);
  return draw (tui, grid);
}

/* A subtask that finished shows its final counters (the IOMetrics of its
 * FINISHED TaskExecutionState), not gauges no one reads any more: a bounded
 * source of 1000 numbers, chained with its sink at parallelism 1, took in
 * all 1000 and sent none over the network. */
START_TEST (test_inspect_final_counters)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse ("env.fromSequence(1, 1000).print()\n", "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (FsimTui) tui = fsim_tui_new (
    trace, fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run)), "t");
  fsim_tui_set_cursor (tui, fsim_trace_count (trace) - 1);
  g_autofree char *text = inspect (tui, 0, 0, 100, 40);
  ck_assert_msg (strstr (text, "Final counters at") != NULL, "%s", text);
  ck_assert_msg (strstr (text, "numRecordsIn 1000 ") != NULL, "%s", text);
  ck_assert_msg (strstr (text, "numRecordsOut 0 ") != NULL, "%s", text);
  ck_assert_ptr_null (strstr (text, "busyTimeMsPerSecond"));
}
END_TEST

/* At a cursor between the 2 s and the 3 s samples, the inspect view shows
 * the 2 s sample and channels, and says so. */
START_TEST (test_inspect_metrics_at_cursor)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  fsim_tui_goto (tui, "2500 ms");
  g_autofree char *map2 = inspect (tui, 1, 1, 100, 40);
  ck_assert_ptr_nonnull (strstr (map2, "Metrics at 2.000 s"));
  ck_assert_ptr_nonnull (strstr (map2, "busyTimeMsPerSecond 950"));
  ck_assert_ptr_nonnull (strstr (map2, "idleTimeMsPerSecond 50"));
  ck_assert_ptr_nonnull (strstr (map2, "backpressureLevel ok"));
  ck_assert_ptr_nonnull (strstr (map2, "numRecordsInPerSecond 60.000"));
  ck_assert_ptr_nonnull (strstr (map2, "inPoolUsage 0.900"));
  ck_assert_ptr_nonnull (strstr (map2, "Input channels at 2.000 s"));
  /* from the source, subpartition 1: 2 queued, a backlog of 5, 1 credit */
  const char *in = row_of (map2, "Source: S (1/1)#0");
  g_autofree char *line = g_strndup (in, (gsize) (strchr (in, '\n') - in));
  ck_assert_msg (g_regex_match_simple ("#0 +1 +2 +5 +1 ", line, 0, 0), "%s", line);
  ck_assert_ptr_null (strstr (line, "blocked"));
  /* the source: its outputs, and the last task-activity record's why */
  g_autofree char *source = inspect (tui, 0, 0, 100, 40);
  ck_assert_ptr_nonnull (strstr (source, "Activity: backpressured since 2.500 s"));
  ck_assert_ptr_nonnull (strstr (source, "why: backpressured: output channel 1 to Map (2/2)"));
  ck_assert_ptr_nonnull (strstr (source, "Output channels at 2.000 s"));
  const char *out = row_of (source, "Map (1/2)  ");
  g_autofree char *local = g_strndup (out, (gsize) (strchr (out, '\n') - out));
  ck_assert_msg (g_regex_match_simple ("Map \\(1/2\\) +0 +local", local, 0, 0), "%s", local);
}
END_TEST

/* A stand-in probe (cli/what-if.c simulates the run again): at any record
 * the source's channel to Map (2/2) holds 7 buffers at Map, a backlog of 3
 * and 4 credits; it counts how often it is asked, and fails when told. */
typedef struct {
  int asked;
  gboolean fail;
} Probe;

static GArray *
stand_in_probe (const char *const *faults, gint64 seq, gpointer data, GError **error)
{
  Probe *p = data;
  p->asked++;
  ck_assert_ptr_nonnull (faults);
  ck_assert_ptr_null (faults[0]);       /* run 0: the job's own faults only */
  if (p->fail)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "the run ended before it");
      return NULL;
    }
  GArray *states = g_array_new (FALSE, FALSE, sizeof (FsimChannelState));
  FsimChannelState st = {
    .producer_vertex = 0, .producer_subtask = 0, .consumer_vertex = 1, .consumer_subtask = 1,
    .subpartition = 1, .remote = TRUE, .backlog = 3, .credit = 4, .queued = 7,
  };
  g_array_append_val (states, st);
  return states;
}

/* With a probe, the inspect view's channels are the probe's, at the
 * cursor itself and said to be (between the 2 s and 3 s samples, where
 * the samples say 2 queued, 5 backlog, 1 credit); the probe is asked once
 * for a cursor however often the view is drawn; when it fails, the view
 * shows the latest sample and says it is one. */
START_TEST (test_inspect_exact_channels)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  Probe probe = { 0, FALSE };
  fsim_tui_set_prober (tui, stand_in_probe, &probe);
  fsim_tui_goto (tui, "2500 ms");
  g_autofree char *map2 = inspect (tui, 1, 1, 100, 40);
  ck_assert_msg (strstr (map2, "Input channels at this record, simulated again to it (queued")
                 != NULL, "%s", map2);
  const char *in = row_of (map2, "Source: S (1/1)");
  g_autofree char *line = g_strndup (in, (gsize) (strchr (in, '\n') - in));
  ck_assert_msg (g_regex_match_simple ("\\) +1 +7 +3 +4", line, 0, 0), "%s", line);
  g_autofree char *source = inspect (tui, 0, 0, 100, 40);
  ck_assert_msg (strstr (source, "Output channels at this record") != NULL, "%s", source);
  ck_assert_int_eq (probe.asked, 1);
  fsim_tui_set_cursor (tui, tui->cursor - 1);
  g_autofree char *before = inspect (tui, 1, 1, 100, 40);
  ck_assert_int_eq (probe.asked, 2);
  probe.fail = TRUE;
  fsim_tui_set_cursor (tui, tui->cursor + 1);
  g_autofree char *failed = inspect (tui, 1, 1, 100, 40);
  ck_assert_int_eq (probe.asked, 3);
  ck_assert_msg (strstr (failed, "Input channels at 2.000 s, the latest sample (queued") != NULL, "%s",
                 failed);
}
END_TEST

/* Event time in the inspect view: the latest sample's watermarks and,
 * while a watermark-held record is the subtask's latest watermark news,
 * what holds it (its detail and why); an advance after it ends that. */
START_TEST (test_inspect_held_watermark)
{
  Writer w = { fsim_trace_new (), 100 * S_MS };
  running (&w, 1, 0);
  w.now = 2 * S_S;
  FsimTraceRecord m = subject (1, 0);
  m.values[0] = 41899;
  m.values[1] = 41899;
  rec (&w, &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_WATERMARKS], &m);
  FsimTraceRecord h = subject (1, 0);
  h.channel = 2;
  h.detail = "input 1: the minimum over 3 active channels (0 idle) is channel 2, from Refunds (1/1)";
  h.why = "StatusWatermarkValve: the minimum over the channels not IDLE";
  h.values[0] = h.values[2] = 41899;
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_HELD), &h);
  w.now = 2500 * S_MS;
  FsimTraceRecord a = subject (1, 0);
  a.values[0] = 52000;
  a.values[1] = 1;
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK), &a);
  g_autoptr (FsimTrace) trace = w.trace;
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  fsim_tui_goto (tui, "2 s");
  g_autofree char *held = inspect (tui, 1, 0, 120, 40);
  ck_assert_msg (strstr (held, "Event time: currentInputWatermark 41899 ms, "
                         "currentOutputWatermark 41899 ms") != NULL, "%s", held);
  ck_assert_msg (strstr (held, "Held back (#2, 2.000 s): input 1: the minimum over 3 active "
                         "channels") != NULL, "%s", held);
  ck_assert_ptr_nonnull (strstr (held, "why: StatusWatermarkValve"));
  fsim_tui_goto (tui, "2500 ms");
  g_autofree char *moving = inspect (tui, 1, 0, 120, 40);
  ck_assert_ptr_null (strstr (moving, "Held back"));
}
END_TEST

/* At the end: the 3 s sample; the channel to Map (2/2) has no credit and a
 * backlog: blocked; the source's level is high (600 ms/s > 500). */
START_TEST (test_inspect_blocked_channel)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  fsim_tui_set_cursor (tui, last_seq (trace));
  g_autofree char *map2 = inspect (tui, 1, 1, 100, 40);
  ck_assert_ptr_nonnull (strstr (map2, "Input channels at 3.000 s"));
  const char *in = row_of (map2, "Source: S (1/1)#0");
  g_autofree char *line = g_strndup (in, (gsize) (strchr (in, '\n') - in));
  ck_assert_msg (g_regex_match_simple ("#0 +1 +2 +5 +0 blocked", line, 0, 0), "%s", line);
  g_autofree char *source = inspect (tui, 0, 0, 100, 40);
  ck_assert_ptr_nonnull (strstr (source, "backPressuredTimeMsPerSecond 600"));
  ck_assert_ptr_nonnull (strstr (source, "backpressureLevel high"));
  /* before any sample: said, not zeros */
  fsim_tui_set_cursor (tui, 0);
  g_autofree char *early = inspect (tui, 0, 0, 100, 40);
  ck_assert_ptr_nonnull (strstr (early, "Metrics: no sample yet at this step"));
  ck_assert_ptr_null (strstr (early, "busyTimeMsPerSecond"));
}
END_TEST

/* At 80x24 the inspect view and the timeline stay inside the screen and
 * readable: looked at by eye in the golden files. */
START_TEST (test_flow_golden_screens)
{
  g_autoptr (FsimTrace) trace = flow_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "flow");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (80, 24);
  fsim_tui_set_cursor (tui, last_seq (trace));
  g_free (draw (tui, grid));
  fsim_tui_handle_key (tui, 'z');
  g_autofree char *timeline = draw (tui, grid);
  fsim_test_golden ("tui-flow-80x24.txt", timeline, strlen (timeline));
  /* a page down: the channels */
  g_free (inspect (tui, 1, 1, 80, 24));
  fsim_tui_handle_key (tui, FSIM_KEY_PAGE_DOWN);
  g_autofree char *map2 = draw (tui, grid);
  fsim_test_golden ("tui-flow-inspect-80x24.txt", map2, strlen (map2));
}
END_TEST

/* Issue 11's slow sink on the real scheduler, at 20 s: the sink busy, every
 * upstream subtask backpressured, in the timeline and in the inspect view. */
START_TEST (test_slow_sink_shows_backpressure)
{
  static const char job_text[] =
    "job \"Slow Sink\"\n"
    "set parallelism.default = 2\n"
    "set taskmanager.numberOfTaskSlots = 1\n"
    "set sim.taskmanagers = 2\n"
    "set sim.duration = 30 s\n"
    "text = env.fromSource(\"Kafka\").rate(2000/s)\n"
    "words = text.map(\"Parse\").cost(20 us).keyBy(\"user\").keys(1000)"
    ".map(\"Enrich\").cost(50 us)\n"
    "words.sinkTo(\"SlowDB\").cost(2 ms).setParallelism(1)\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (job_text, "slow-sink.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "Slow Sink");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);
  fsim_tui_goto (tui, "20 s");
  tui->zoom_us = S_S;
  tui->view_start_us = 0;
  g_autofree char *text = draw (tui, grid);
  /* the 20th column, 19-20 s */
  static const char *const upstream[] = {
    "Source: Kafka -> Map (1/2)#0", "Source: Kafka -> Map (2/2)#0", "Map (1/2)#0", "Map (2/2)#0",
  };
  for (guint i = 0; i < G_N_ELEMENTS (upstream); i++)
    {
      g_autofree char *cells = cells_of (text, upstream[i]);
      ck_assert_msg (g_str_has_suffix (cells, "bbbbb"), "%s: %s", upstream[i], cells);
    }
  g_autofree char *sink = cells_of (text, "Sink: Writer (1/1)#0");
  ck_assert_msg (g_str_has_suffix (sink, "\u2588\u2588\u2588\u2588\u2588"), "%s", sink);
  g_autofree char *map = inspect (tui, 1, 0, 100, 40);
  ck_assert_ptr_nonnull (strstr (map, "backpressureLevel high"));
  ck_assert_ptr_nonnull (strstr (map, "Activity: backpressured"));
  g_autofree char *writer = inspect (tui, 2, 0, 100, 40);
  ck_assert_ptr_nonnull (strstr (writer, "backpressureLevel ok"));
  ck_assert_ptr_nonnull (strstr (writer, "blocked"));
}
END_TEST

/* The latest record of kind for (vertex, subtask) with seq <= upto. */
static const FsimTraceRecord *
latest_of (FsimTrace *trace, gint64 upto, FsimTraceKind kind, int vertex)
{
  for (gint64 i = upto; i >= 0; i--)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == kind && r->vertex == vertex && r->subtask == 0)
        return r;
    }
  return NULL;
}

/* The inspect view of an aligned source (examples/watermark-alignment.job
 * on the real scheduler): right after Clicks pauses (SourceOperator
 * WAITING_FOR_ALIGNMENT: its watermark above the maxAllowedWatermark it
 * was sent), it says so with that record's watermark and bound, and the
 * watermark it last reported and the bound it last received are those of
 * its latest watermark-reported and alignment-received records up to the
 * cursor; once resumed, it reads. The group and drift are the job's
 * withWatermarkAlignment("kafka", 2 s, 1 s). Orders, the slower, never
 * pauses. */
START_TEST (test_inspect_watermark_alignment)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/watermark-alignment.job");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  FsimTraceKind paused_kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_PAUSED);
  FsimTraceKind resumed_kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_RESUMED);
  /* Clicks' third pause, and the resume after it */
  const FsimTraceRecord *paused = NULL, *resumed = NULL;
  int pauses = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace) && resumed == NULL; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == paused_kind && ++pauses == 3)
        paused = r;
      if (paused && r->kind == resumed_kind && r->vertex == paused->vertex)
        resumed = r;
    }
  ck_assert_ptr_nonnull (resumed);
  ck_assert (g_str_has_prefix (paused->label, "Source: Clicks"));
  ck_assert_int_gt (paused->values[0], paused->values[1]);      /* latest > maxDesired */
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, "Watermark Alignment");
  g_autofree char *go = g_strdup_printf ("#%" G_GINT64_FORMAT, paused->seq);
  fsim_tui_goto (tui, go);
  g_autofree char *text = inspect (tui, paused->vertex, 0, 160, 60);
  ck_assert_msg (strstr (text, "Watermark alignment: group \"kafka\", "
                         "maxAllowedWatermarkDrift 2000 ms") != NULL, "%s", text);
  g_autofree char *at = fsim_time_format (paused->time_us);
  g_autofree char *want_paused = g_strdup_printf (
    "Paused since %s (#%" G_GINT64_FORMAT ", 0 ms so far): watermark %" G_GINT64_FORMAT
    " ms > maxAllowedWatermark %" G_GINT64_FORMAT " ms", at, paused->seq, paused->values[0],
    paused->values[1]);
  ck_assert_msg (strstr (text, want_paused) != NULL, "%s\n%s", want_paused, text);
  const FsimTraceRecord *rep = latest_of (trace, paused->seq,
                                          FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_REPORTED),
                                          paused->vertex);
  const FsimTraceRecord *rec_ = latest_of (trace, paused->seq,
                                           FSIM_SCHED_KIND (FSIM_SCHED_KIND_ALIGNMENT_RECEIVED),
                                           paused->vertex);
  ck_assert (rep && rec_);
  ck_assert_int_eq (rec_->values[0], paused->values[1]);        /* the bound it paused on */
  g_autofree char *rep_at = fsim_time_format (rep->time_us);
  g_autofree char *want_rep = g_strdup_printf ("Last reported watermark %" G_GINT64_FORMAT
                                               " ms (#%" G_GINT64_FORMAT ", %s)",
                                               rep->values[0], rep->seq, rep_at);
  ck_assert_msg (strstr (text, want_rep) != NULL, "%s\n%s", want_rep, text);
  g_autofree char *rec_at = fsim_time_format (rec_->time_us);
  g_autofree char *want_rec = g_strdup_printf ("maxAllowedWatermark %" G_GINT64_FORMAT
                                               " ms (received #%" G_GINT64_FORMAT ", %s)",
                                               rec_->values[0], rec_->seq, rec_at);
  ck_assert_msg (strstr (text, want_rec) != NULL, "%s\n%s", want_rec, text);
  /* one record before the resume: still paused, for as long as it has been */
  g_autofree char *before = g_strdup_printf ("#%" G_GINT64_FORMAT, resumed->seq - 1);
  fsim_tui_goto (tui, before);
  g_autofree char *still = inspect (tui, paused->vertex, 0, 160, 60);
  gint64 so_far = (fsim_trace_get (trace, resumed->seq - 1)->time_us - paused->time_us) / 1000;
  g_autofree char *want_still = g_strdup_printf ("Paused since %s (#%" G_GINT64_FORMAT ", %"
                                                 G_GINT64_FORMAT " ms so far)", at, paused->seq,
                                                 so_far);
  ck_assert_msg (strstr (still, want_still) != NULL, "%s\n%s", want_still, still);
  g_autofree char *resume = g_strdup_printf ("#%" G_GINT64_FORMAT, resumed->seq);
  fsim_tui_goto (tui, resume);
  g_autofree char *reading = inspect (tui, paused->vertex, 0, 160, 60);
  g_autofree char *res_at = fsim_time_format (resumed->time_us);
  g_autofree char *want_reading = g_strdup_printf (
    "Reading since %s (#%" G_GINT64_FORMAT "), after waiting %" G_GINT64_FORMAT " ms",
    res_at, resumed->seq, resumed->values[2]);
  ck_assert_msg (strstr (reading, want_reading) != NULL, "%s\n%s", want_reading, reading);
  ck_assert_int_eq (resumed->values[2], (resumed->time_us - paused->time_us) / 1000);
  ck_assert_ptr_null (strstr (reading, "Paused since"));
  /* Orders: aligned, never paused */
  int orders = paused->vertex == 0 ? 1 : 0;
  g_autofree char *o = inspect (tui, orders, 0, 160, 60);
  ck_assert_msg (strstr (o, "Reading: not paused for alignment so far") != NULL, "%s", o);
}
END_TEST

void
viz_tui_flow_tcases (Suite *suite)
{
  TCase *cells = tcase_create ("TuiTaskActivity");
  tcase_add_test (cells, test_flow_cells_busy_idle_backpressured);
  tcase_add_test (cells, test_flow_cells_at_cursor);
  tcase_add_test (cells, test_no_flow_no_legend);
  suite_add_tcase (suite, cells);

  /* FSIM_KIND_SAMPLE records stay out of the story, as in the text log */
  TCase *steps = tcase_create ("TuiSamplesHidden");
  tcase_add_test (steps, test_stepping_skips_samples);
  tcase_add_test (steps, test_search_skips_hidden_samples);
  suite_add_tcase (suite, steps);

  /* TaskIOMetricGroup and the channels at the cursor */
  TCase *inspects = tcase_create ("TuiInspectMetricsAndChannels");
  tcase_add_test (inspects, test_inspect_metrics_at_cursor);
  tcase_add_test (inspects, test_inspect_exact_channels);
  tcase_add_test (inspects, test_inspect_final_counters);
  tcase_add_test (inspects, test_inspect_blocked_channel);
  tcase_add_test (inspects, test_inspect_held_watermark);
  tcase_add_test (inspects, test_flow_golden_screens);
  tcase_add_test (inspects, test_slow_sink_shows_backpressure);
  tcase_add_test (inspects, test_inspect_watermark_alignment);
  tcase_set_timeout (inspects, 60);
  suite_add_tcase (suite, inspects);
}
