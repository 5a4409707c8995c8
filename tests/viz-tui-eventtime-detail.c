/* viz-tui-eventtime-detail.c - what --detail event-time adds to the TUI
 * (viz/tui-eventtime-detail.c), on real runs traced with it
 * (fsim_job_run_trace_event_time):
 *
 *   the inspect view of a window subtask lists the window events the trace
 *   has for it (window-created, -merged, -fired, -purged, late-record), the
 *   last of them in trace order, the newest the last at or before the
 *   cursor;
 *   the event-time pane names the input channel holding the watermark back:
 *   StatusWatermarkValve emits the minimum over its aligned channels, so a
 *   source that sends no rising watermark holds a union's window back
 *   (BoundedOutOfOrdernessWatermarks emits maxTimestamp - bound - 1, which
 *   rises only with a new highest timestamp; TimestampsAndWatermarksOperator
 *   emits a watermark only when it rises);
 *   without the detail both views say, in one dim line, what it would show.
 */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"
#include "tests/viz-tests.h"

void viz_tui_eventtime_detail_tcases (Suite *suite);

/* viz_test_late_job (viz-tests.h): 1 s of disorder allowed, 3 s in the
 * records, so windows fire and records come late. */

/* examples/idle-source.job at parallelism 1: Refunds, one record a minute,
 * sends one watermark with its first record and none higher for a minute. */
static const char idle_job[] =
  "job \"Idle\"\n"
  "set parallelism.default = 1\n"
  "set sim.duration = 30 s\n"
  "clicks = env.fromSource(\"Clicks\").rate(200/s)\n"
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))\n"
  "refunds = env.fromSource(\"Refunds\").rate(1/min)\n"
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))\n"
  "clicks.union(refunds).keyBy(\"user\").keys(100)\n"
  "  .window(TumblingEventTimeWindows.of(10 s)).sum(1).print()\n";

typedef VizTuiRun Fixture;

/* The vertex whose subtasks write window-samples. */
static gint32
window_vertex (Fixture *f)
{
  FsimTrace *trace = fsim_job_run_get_trace (f->run);
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    if (fsim_trace_get (trace, i)->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_SAMPLE))
      return fsim_trace_get (trace, i)->vertex;
  ck_abort_msg ("no window-sample in the trace");
  return -1;
}

static Fixture *
fixture_new (const char *text, gboolean detail)
{
  return viz_tui_run_new (text, "detail.job", "Detail", detail);
}

static void
select_window (Fixture *f)
{
  f->tui->sel_vertex = window_vertex (f);
  f->tui->sel_subtask = 0;
}

/* The screen with the view open, on a grid tall enough for the whole
 * inspect view's first page. (transfer full) */
static char *
screen (Fixture *f)
{
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (160, 70);
  fsim_tui_draw (f->tui, grid);
  return fsim_tui_grid_to_text (grid, FALSE);
}

static gboolean
is_window_event (const FsimTraceRecord *r)
{
  static const FsimSchedKind kinds[] = {
    FSIM_SCHED_KIND_WINDOW_CREATED, FSIM_SCHED_KIND_WINDOW_MERGED, FSIM_SCHED_KIND_WINDOW_FIRED,
    FSIM_SCHED_KIND_WINDOW_PURGED, FSIM_SCHED_KIND_LATE_RECORD,
  };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (r->kind == FSIM_SCHED_KIND (kinds[i]))
      return TRUE;
  return FALSE;
}

/* The seqs of the window subtask's window events up to the cursor, from
 * the trace itself. */
static GArray *
events_upto (Fixture *f, gint64 cursor)
{
  GArray *seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint32 vertex = window_vertex (f);
  FsimTrace *trace = fsim_job_run_get_trace (f->run);
  for (gint64 i = 0; i <= cursor; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex == vertex && r->subtask == 0 && is_window_event (r))
        g_array_append_val (seqs, r->seq);
    }
  return seqs;
}

/* The inspect view's lines from "Window events" to the next block's. */
static char *
events_block (const char *text)
{
  const char *start = strstr (text, "Window events");
  ck_assert_msg (start != NULL, "no window events in\n%s", text);
  const char *end = strstr (start, "Input channels");
  return end ? g_strndup (start, (gsize) (end - start)) : g_strdup (start);
}

/* Where "#seq " is in block, or NULL: the seq column ends in spaces. */
static const char *
find_seq (const char *block, gint64 seq)
{
  g_autofree char *want = g_strdup_printf ("#%" G_GINT64_FORMAT " ", seq);
  return strstr (block, want);
}

/* At 20 s the inspect view lists the last 8 of the trace's window events
 * for the subtask, in trace order, the newest the last before the cursor;
 * by then 5 s windows with 3 s of disorder and 1 s allowed have been
 * created, fired and purged and records came late (the default trace's
 * window-late says so too: tests/viz-tui-eventtime.c). */
START_TEST (test_inspect_lists_the_trace_events_in_order)
{
  g_autoptr (VizTuiRun) f = fixture_new (viz_test_late_job, TRUE);
  fsim_tui_goto (f->tui, "20 s");
  select_window (f);
  g_autoptr (GArray) seqs = events_upto (f, f->tui->cursor);
  ck_assert_uint_gt (seqs->len, FSIM_TUI_WINDOW_EVENTS_SHOWN);
  gboolean kinds_seen[4] = { FALSE };
  FsimTrace *trace = fsim_job_run_get_trace (f->run);
  for (guint i = 0; i < seqs->len; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, g_array_index (seqs, gint64, i));
      kinds_seen[0] |= r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_CREATED);
      kinds_seen[1] |= r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED);
      kinds_seen[2] |= r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_PURGED);
      kinds_seen[3] |= r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_LATE_RECORD);
    }
  for (int k = 0; k < 4; k++)
    ck_assert_msg (kinds_seen[k], "event kind %d missing by 20 s", k);
  fsim_tui_handle_key (f->tui, FSIM_KEY_ENTER);
  g_autofree char *text = screen (f);
  g_autofree char *block = events_block (text);
  g_autofree char *title = g_strdup_printf ("Window events, the last %d of %u by this step:",
                                            FSIM_TUI_WINDOW_EVENTS_SHOWN, seqs->len);
  ck_assert_msg (strstr (block, title), "%s not in\n%s", title, block);
  const char *at = block;
  for (guint i = seqs->len - FSIM_TUI_WINDOW_EVENTS_SHOWN; i < seqs->len; i++)
    {
      const char *found = find_seq (at, g_array_index (seqs, gint64, i));
      ck_assert_msg (found != NULL, "#%" G_GINT64_FORMAT " not after the previous in\n%s",
                     g_array_index (seqs, gint64, i), block);
      at = found + 1;
    }
  /* the one before the last 8 is not listed */
  ck_assert (find_seq (block, g_array_index (seqs, gint64, seqs->len - 9)) == NULL);
}
END_TEST

/* Stepping onto a window-created record adds it as the newest, named
 * "created" with its key and window from the record's detail; one record
 * before, it is not there. */
START_TEST (test_inspect_follows_the_cursor)
{
  g_autoptr (VizTuiRun) f = fixture_new (viz_test_late_job, TRUE);
  FsimTrace *trace = fsim_job_run_get_trace (f->run);
  gint32 vertex = window_vertex (f);
  const FsimTraceRecord *created = NULL;
  for (gint64 i = 0; i < fsim_trace_count (trace) && created == NULL; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex == vertex && r->time_us >= 12 * G_USEC_PER_SEC
          && r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_CREATED))
        created = r;
    }
  ck_assert (created != NULL && created->detail != NULL);
  /* a created window is the one of its timestamp (TumblingEventTimeWindows
   * .assignWindows: start = ts - ts mod size), cleaned at end - 1 */
  gint64 ts = created->values[2], start = created->values[0];
  ck_assert_int_eq (start, ts - (((ts % 5000) + 5000) % 5000));
  ck_assert_int_eq (created->values[1], start + 5000);
  ck_assert_int_eq (created->values[3], start + 4999);
  select_window (f);
  fsim_tui_set_cursor (f->tui, created->seq);
  fsim_tui_handle_key (f->tui, FSIM_KEY_ENTER);
  g_autofree char *text = screen (f);
  g_autofree char *block = events_block (text);
  const char *line = find_seq (block, created->seq);
  ck_assert_msg (line != NULL, "#%" G_GINT64_FORMAT " not in\n%s", created->seq, block);
  ck_assert (find_seq (line + 1, created->seq + 1) == NULL);
  const char *eol = strchr (line, '\n');
  g_autofree char *row = g_strndup (line, eol ? (gsize) (eol - line) : strlen (line));
  ck_assert_msg (strstr (row, "created"), "%s", row);
  g_autofree char *window = g_strdup_printf ("[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                             start, start + 5000);
  ck_assert_msg (strstr (row, window) && strstr (row, "key "), "%s", row);
  /* every listed event is at or before the cursor: the newest is it */
  g_autoptr (GArray) seqs = events_upto (f, created->seq);
  ck_assert_int_eq (g_array_index (seqs, gint64, seqs->len - 1), created->seq);

  fsim_tui_set_cursor (f->tui, created->seq - 1);
  g_autofree char *before = screen (f);
  g_autofree char *block_before = events_block (before);
  ck_assert_msg (find_seq (block_before, created->seq) == NULL, "%s", block_before);
}
END_TEST

/* Clicks' channel rises every 200 ms; Refunds' sends nothing above its
 * first watermark, so at 20 s it holds the minimum: the pane names it
 * (channel 1: the union's second input follows Clicks' one channel) and
 * how long it has been silent, the record's holder_silent_ms. */
START_TEST (test_pane_names_the_channel_holding_the_watermark)
{
  g_autoptr (VizTuiRun) f = fixture_new (idle_job, TRUE);
  fsim_tui_goto (f->tui, "20 s");
  select_window (f);
  FsimTrace *trace = fsim_job_run_get_trace (f->run);
  gint32 vertex = window_vertex (f);
  const FsimTraceRecord *last = NULL;
  for (gint64 i = 0; i <= f->tui->cursor; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex == vertex
          && r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_WATERMARK))
        last = r;
    }
  ck_assert (last != NULL);
  ck_assert_int_eq (last->values[5], 1);        /* min_channel: Refunds' */
  ck_assert_int_gt (last->values[7], 15000);    /* silent since its first record */
  fsim_tui_handle_key (f->tui, 'e');
  g_autofree char *text = screen (f);
  g_autofree char *silent = fsim_duration_text (last->values[7] * 1000);
  g_autofree char *want = g_strdup_printf ("Held back by channel 1 of input 1: it has sent no "
                                           "watermark for %s", silent);
  ck_assert_msg (strstr (text, want), "%s not in\n%s", want, text);
}
END_TEST

/* Without the detail the views are as they were, with one dim line on
 * what --detail event-time shows. */
START_TEST (test_without_the_detail_a_hint)
{
  g_autoptr (VizTuiRun) f = fixture_new (viz_test_late_job, FALSE);
  fsim_tui_goto (f->tui, "20 s");
  select_window (f);
  ck_assert (!fsim_tui_history_event_time_detail (f->tui->history));
  fsim_tui_handle_key (f->tui, FSIM_KEY_ENTER);
  g_autofree char *inspect = screen (f);
  ck_assert_msg (strstr (inspect, "--detail event-time lists each window created"), "%s",
                 inspect);
  ck_assert (strstr (inspect, "Window events") == NULL);
  fsim_tui_handle_key (f->tui, FSIM_KEY_ESCAPE);
  fsim_tui_handle_key (f->tui, 'e');
  g_autofree char *pane = screen (f);
  ck_assert_msg (strstr (pane, "--detail event-time shows each window"), "%s", pane);
  ck_assert (strstr (pane, "Held back by") == NULL);
}
END_TEST

void
viz_tui_eventtime_detail_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("TUI event-time detail");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_inspect_lists_the_trace_events_in_order);
  tcase_add_test (tc, test_inspect_follows_the_cursor);
  tcase_add_test (tc, test_pane_names_the_channel_holding_the_watermark);
  tcase_add_test (tc, test_without_the_detail_a_hint);
  suite_add_tcase (suite, tc);
}
