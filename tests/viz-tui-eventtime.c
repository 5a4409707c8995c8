/* viz-tui-eventtime.c - the event-time pane (e) and the inspect view's
 * windows, on a real run: records up to 3 s out of order, a watermark 1 s
 * behind the highest event time (forBoundedOutOfOrderness), 5 s tumbling
 * windows, so windows fire and records come late. What the pane plots is
 * checked against the rules it shows, not against its own drawing:
 * StatusWatermarkValve forwards a watermark only when it advances (the
 * line never falls); a record is late only when its window's cleanup time
 * is at or below the watermark, so a late record's event time lies below
 * the watermark of its second; event times are at least the source's
 * start (>= 0) less 3 s, so the earliest window is [-5000, 0), and
 * nothing fires before the watermark reaches its maxTimestamp, -1
 * (EventTimeTrigger). */
#include "config.h"

#include <string.h>

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "viz/tui-private.h"
#include "tests/viz-tests.h"

void viz_tui_eventtime_tcases (Suite *suite);


typedef VizTuiRun Fixture;

static Fixture *
fixture_new (void)
{
  return viz_tui_run_new (viz_test_late_job, "late.job", "Late", FALSE);
}

/* The cursor at the last record at or before time_s, the window subtask
 * (vertex 1: the keyBy ends the source's chain) selected. */
static void
at (Fixture *f, const char *time)
{
  fsim_tui_goto (f->tui, time);
  f->tui->sel_vertex = 1;
  f->tui->sel_subtask = 0;
}

/* The window-sample and window-fired records of the run up to 20 s, by
 * the second (T - 1 s, T] they fall in, straight from the trace. */
START_TEST (test_columns_follow_the_records)
{
  g_autoptr (VizTuiRun) f = fixture_new ();
  at (f, "20 s");
  enum { N = 20 };
  FsimTuiEventTimeColumn c[N];
  const FsimTuiSubtask *s = fsim_tui_history_find_subtask (f->tui->history, 1, 0);
  gint64 first = fsim_tui_event_time_columns (f->tui, s, c, N);
  ck_assert_int_eq (first, 1);
  gint64 fired[N + 1] = { 0 }, late[N + 1] = { 0 };
  FsimTrace *trace = fsim_job_run_get_trace (f->run);
  for (gint64 i = 0; i <= f->tui->cursor; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      gint64 sec = (r->time_us + 999999) / 1000000;
      if (r->vertex != 1 || sec < 1 || sec > N)
        continue;
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        fired[sec] += r->values[0];
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_SAMPLE))
        late[sec] = r->values[7];
    }
  gint64 wm = G_MININT64, total_fired = 0, total_late = 0;
  for (int k = 0; k < N; k++)
    {
      ck_assert_int_eq (c[k].fired, fired[k + 1]);
      ck_assert_int_eq (c[k].late, late[k + 1]);
      if (c[k].watermark_ms != G_MININT64)
        {
          ck_assert_int_ge (c[k].watermark_ms, wm);     /* never falls */
          wm = c[k].watermark_ms;
        }
      if (c[k].late > 0)
        ck_assert_int_lt (c[k].min_ms, c[k].watermark_ms);
      if (c[k].fired > 0)
        ck_assert_int_ge (c[k].fired_ms, -1);
      total_fired += c[k].fired;
      total_late += c[k].late;
    }
  /* 10 keys, windows [0, 5 s) and [5 s, 10 s) closed well before 20 s */
  ck_assert_int_ge (total_fired, 20);
  ck_assert_int_gt (total_late, 0);
}
END_TEST

static int
count_in (const char *text, const char *pane_title, gunichar ch)
{
  /* the pane is the right column: count ch right of the title's column */
  const char *title = strstr (text, pane_title);
  ck_assert_msg (title != NULL, "no %s in\n%s", pane_title, text);
  const char *line_start = title;
  while (line_start > text && line_start[-1] != '\n')
    line_start--;
  glong col = g_utf8_pointer_to_offset (line_start, title);
  int n = 0;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      glong len = g_utf8_strlen (lines[i], -1);
      for (glong k = col; k < len; k++)
        if (g_utf8_get_char (g_utf8_offset_to_pointer (lines[i], k)) == ch)
          n++;
    }
  return n;
}

/* e shows the pane at 20 s: its subtask, the next window and how far the
 * watermark has to go, the legend, F where windows fired and L where
 * records came late; e again closes it. */
START_TEST (test_pane_draws_fired_and_late)
{
  g_autoptr (VizTuiRun) f = fixture_new ();
  at (f, "20 s");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (160, 48);
  fsim_tui_handle_key (f->tui, 'e');
  ck_assert (f->tui->show_event_time);
  fsim_tui_draw (f->tui, grid);
  g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
  ck_assert_msg (strstr (text, "TumblingEventTimeWindows -> Sink: Print to Std. Out (1/1)"), "%s",
                 text);
  ck_assert_msg (strstr (text, "fires when the watermark reaches"), "%s", text);
  ck_assert_msg (strstr (text, "records' event times"), "%s", text);
  ck_assert_int_ge (count_in (text, "Event time", 'F'), 1);
  ck_assert_int_ge (count_in (text, "Event time", 'L'), 1);
  fsim_tui_handle_key (f->tui, 'e');
  ck_assert (!f->tui->show_event_time);
  fsim_tui_draw (f->tui, grid);
  g_autofree char *closed = fsim_tui_grid_to_text (grid, FALSE);
  ck_assert (strstr (closed, "records' event times") == NULL);
}
END_TEST

/* Enter on the window subtask: the windows it holds and why the next one
 * has not fired: the watermark short of its maxTimestamp. */
START_TEST (test_inspect_says_why_not_fired)
{
  g_autoptr (VizTuiRun) f = fixture_new ();
  at (f, "12 s");
  const FsimTuiSubtask *s = fsim_tui_history_find_subtask (f->tui->history, 1, 0);
  const FsimTraceRecord *r = fsim_tui_window_sample_at (f->tui, s);
  ck_assert (r != NULL);
  gint64 next = r->values[2], wm = r->values[3];
  /* at 12 s the watermark is about 12 - 1 s: [10 s, 15 s) is next */
  ck_assert_int_eq (next, 14999);
  ck_assert_int_lt (wm, next);
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (150, 60);
  fsim_tui_handle_key (f->tui, FSIM_KEY_ENTER);
  fsim_tui_draw (f->tui, grid);
  g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
  g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT " ms short of 14999 ms",
                                           next - wm);
  ck_assert_msg (strstr (text, want), "%s not in\n%s", want, text);
}
END_TEST

/* A bounded source emits Watermark.MAX_WATERMARK when its input ends
 * (SourceOperator at END_OF_INPUT; StatusWatermarkValve forwards it once
 * every channel has it): the window fires every window still open on it
 * (EventTimeTrigger: maxTimestamp <= Long.MAX_VALUE) and the task
 * finishes, so no window-sample follows. At the run's last record the pane
 * shows that watermark, from the watermark record that carries it, not the
 * last sample's; and the windows fired since that sample, as the trace's
 * window-fired records count them. */
START_TEST (test_pane_shows_the_end_of_input_watermark)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "job \"Bounded\"\n"
    "set parallelism.default = 1\n"
    "set sim.duration = 30 s\n"
    "e = env.fromSource(\"Clicks\").rate(100/s).records(700).outOfOrder(3 s)\n"
    "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n"
    "e.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s)).sum(1).print()\n",
    "bounded.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 last_sample = -1, end_wm_us = -1, fired_after = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex != 1)
        continue;
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_SAMPLE))
        last_sample = i, fired_after = 0;
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        fired_after += r->values[0];
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK) && r->values[0] == G_MAXINT64)
        end_wm_us = r->time_us;
    }
  ck_assert_int_ge (last_sample, 0);
  ck_assert_int_ge (end_wm_us, 0);
  ck_assert_int_gt (fired_after, 0);
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "Bounded");
  fsim_tui_set_cursor (tui, fsim_trace_count (trace) - 1);
  tui->sel_vertex = 1;
  tui->sel_subtask = 0;
  fsim_tui_handle_key (tui, 'e');
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (160, 48);
  fsim_tui_draw (tui, grid);
  g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
  g_autofree char *at = fsim_time_format (end_wm_us);
  g_autofree char *want = g_strdup_printf ("watermark end of input (Long.MAX_VALUE), at %s", at);
  ck_assert_msg (strstr (text, want), "%s not in\n%s", want, text);
  g_autofree char *fired = g_strdup_printf ("since then %" G_GINT64_FORMAT " window%s fired",
                                            fired_after, fired_after == 1 ? "" : "s");
  ck_assert_msg (strstr (text, fired), "%s not in\n%s", fired, text);
}
END_TEST

void
viz_tui_eventtime_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("TUI event time");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_columns_follow_the_records);
  tcase_add_test (tc, test_pane_draws_fired_and_late);
  tcase_add_test (tc, test_inspect_says_why_not_fired);
  tcase_add_test (tc, test_pane_shows_the_end_of_input_watermark);
  suite_add_tcase (suite, tc);
}
