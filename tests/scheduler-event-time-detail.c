/* scheduler-event-time-detail.c - what --detail event-time traces: the
 * valve's outcome and holding channel after each input (replaying
 * StatusWatermarkValveTest's sequences), the WindowOperator's window
 * events (replaying WindowOperatorTest's), and on a job: the watermark
 * records equal the minimum over channels computed from the
 * channel-watermark records, and the detail changes nothing else. */
#include "config.h"

#include <inttypes.h>

#include "tests/scheduler-tests.h"

/* --- StatusWatermarkValve: outcome and holder ---------------------------- */

/* The valve after an input: "outcome/min_channel/last_output". */
static char *
state_of (FsimWatermarkValve *v, GArray *out, char *why)
{
  g_free (why);
  g_array_set_size (out, 0);
  gint64 last = fsim_watermark_valve_get_last_output (v);
  g_autofree char *l = last == FSIM_WATERMARK_NONE ? g_strdup ("MIN")
                                                   : g_strdup_printf ("%" PRId64, last);
  return g_strdup_printf ("%s/%d/%s",
                          fsim_valve_outcome_names[fsim_watermark_valve_get_last_outcome (v)],
                          fsim_watermark_valve_min_channel (v), l);
}

static char *
after_wm (FsimWatermarkValve *v, GArray *out, guint channel, gint64 w)
{
  return state_of (v, out, fsim_watermark_valve_input_watermark (v, channel, w, out));
}

static char *
after_status (FsimWatermarkValve *v, GArray *out, guint channel, gboolean idle)
{
  return state_of (v, out, fsim_watermark_valve_input_status (v, channel, idle, out));
}

#define WM(v, o, ch, w, want) do { g_autofree char *got_ = after_wm ((v), (o), (ch), (w)); \
  ck_assert_str_eq (got_, (want)); } while (0)
#define ST(v, o, ch, idle, want) do { g_autofree char *got_ = after_status ((v), (o), (ch), \
  (idle)); ck_assert_str_eq (got_, (want)); } while (0)

/* StatusWatermarkValveTest.testMultipleInputIncreasingWatermarks and
 * testMultipleInputDecreasingWatermarksYieldsNoOutput: the output after
 * each input is the test's; the holder is the aligned channel with the
 * lowest watermark (findAndOutputNewMinWatermarkAcrossAlignedSubpartitions:
 * a channel without a watermark is lowest, Long.MIN_VALUE), the first on
 * ties. */
START_TEST (test_valve_outcomes_increasing)
{
  g_autoptr (FsimWatermarkValve) v = fsim_watermark_valve_new (3);
  g_autoptr (GArray) o = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  WM (v, o, 0, 0, "held/1/MIN");        /* channels 1 and 2 have none yet */
  WM (v, o, 1, 0, "held/2/MIN");
  WM (v, o, 2, 0, "advanced/0/0");      /* all at 0: the test's Watermark(0) */
  WM (v, o, 0, 12, "held/1/0");         /* (12, 0, 0): channel 1 holds 0 */
  WM (v, o, 2, 8, "held/1/0");
  WM (v, o, 2, 10, "held/1/0");
  WM (v, o, 1, 15, "advanced/2/10");    /* (12, 15, 10): Watermark(10) */
  WM (v, o, 2, 17, "advanced/0/12");    /* (12, 15, 17): Watermark(12) */
  WM (v, o, 0, 20, "advanced/1/15");    /* (20, 15, 17): Watermark(15) */

  g_autoptr (FsimWatermarkValve) d = fsim_watermark_valve_new (3);
  WM (d, o, 0, 25, "held/1/MIN");
  WM (d, o, 1, 10, "held/2/MIN");
  WM (d, o, 2, 17, "advanced/1/10");
  /* each lower than its channel's own: inputWatermark ignores it */
  WM (d, o, 0, 12, "not-above-channel/1/10");
  WM (d, o, 1, 8, "not-above-channel/1/10");
  WM (d, o, 2, 15, "not-above-channel/1/10");
}
END_TEST

/* testMultipleInputWatermarkAdvancingWithPartiallyIdleChannels and
 * testMultipleInputWatermarkRealignmentAfterResumeActive: an IDLE
 * channel's watermark is ignored; a channel that comes back below the
 * last output stays unaligned until it catches up. */
START_TEST (test_valve_outcomes_idle_and_unaligned)
{
  g_autoptr (GArray) o = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  g_autoptr (FsimWatermarkValve) p = fsim_watermark_valve_new (3);
  WM (p, o, 0, 15, "held/1/MIN");
  WM (p, o, 1, 10, "held/2/MIN");
  ST (p, o, 2, TRUE, "advanced/1/10");  /* the test's Watermark(10) */
  WM (p, o, 2, 50, "channel-idle/1/10");
  WM (p, o, 1, 18, "advanced/0/15");
  g_autofree char *d = fsim_watermark_valve_describe (p);
  ck_assert_str_eq (d, "min over channels 0..2 is channel 0 at 15 ms; channel 2 idle");

  /* testMultipleInputWatermarkRealignmentAfterResumeActive, input by input */
  g_autoptr (FsimWatermarkValve) r = fsim_watermark_valve_new (3);
  WM (r, o, 0, 10, "held/1/MIN");
  WM (r, o, 1, 7, "held/2/MIN");
  WM (r, o, 2, 3, "advanced/2/3");      /* Watermark(3) */
  ST (r, o, 2, TRUE, "advanced/1/7");   /* Watermark(7) */
  ST (r, o, 2, FALSE, "status/1/7");    /* isWatermarkAligned false: 3 < 7 */
  g_autofree char *u = fsim_watermark_valve_describe (r);
  ck_assert_str_eq (u, "min over channels 0..2 is channel 1 at 7 ms; channel 2 unaligned");
  WM (r, o, 2, 5, "unaligned/1/7");     /* accepted, no output */
  WM (r, o, 2, 9, "held/1/7");          /* realigned (9 >= 7); channel 1 still holds 7 */
  WM (r, o, 1, 12, "advanced/2/9");     /* Watermark(9): the realigned channel counts */
  ST (r, o, 2, FALSE, "status-unchanged/2/9");
}
END_TEST

/* --- WindowOperator: the window events ----------------------------------- */

typedef struct {
  FsimWindowOperator *op;
  GArray *fired, *events;
} Op;

static Op *
op_new (const char *assigner, const char *trigger, gint64 lateness_ms, gboolean side_output)
{
  Op *o = g_new0 (Op, 1);
  o->op = test_window_operator (assigner, trigger, lateness_ms, side_output);
  o->fired = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  o->events = fsim_window_events_new ();
  fsim_window_operator_set_events (o->op, o->events);
  return o;
}

static void
op_free (Op *o)
{
  fsim_window_operator_free (o->op);
  g_array_unref (o->fired);
  g_array_unref (o->events);
  g_free (o);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

/* The events since the last call, "created key2 [0,2000) @1000 cleanup
 * 2499", "merged key2 [0,4000) <- [0, 3000)", "purged key2 [0,2000)
 * cleanup @2499", "late key2 @1998 side-output", "fired key2 [0,2000)",
 * space-separated by ";". */
static char *
events (Op *o)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < o->fired->len; i++)
    {
      const FsimWindowFiring *f = &g_array_index (o->fired, FsimWindowFiring, i);
      g_string_append_printf (s, "%sfired %s [%" PRId64 ",%" PRId64 ")", s->len ? "; " : "",
                              f->key.string, f->window.start, f->window.end);
    }
  for (guint i = 0; i < o->events->len; i++)
    {
      const FsimWindowEvent *e = &g_array_index (o->events, FsimWindowEvent, i);
      g_string_append (s, s->len ? "; " : "");
      switch (e->kind)
        {
        case FSIM_WINDOW_EVENT_CREATED:
          g_string_append_printf (s, "created %s [%" PRId64 ",%" PRId64 ") @%" PRId64
                                  " cleanup %" PRId64, e->key.string, e->window.start,
                                  e->window.end, e->time, e->cleanup);
          break;
        case FSIM_WINDOW_EVENT_MERGED:
          g_string_append_printf (s, "merged %s [%" PRId64 ",%" PRId64 ") <- %s", e->key.string,
                                  e->window.start, e->window.end, e->merged);
          break;
        case FSIM_WINDOW_EVENT_PURGED:
          g_string_append_printf (s, "purged %s [%" PRId64 ",%" PRId64 ") %s @%" PRId64,
                                  e->key.string, e->window.start, e->window.end,
                                  fsim_window_purge_names[e->purge], e->time);
          break;
        case FSIM_WINDOW_EVENT_LATE:
          g_string_append_printf (s, "late %s @%" PRId64 " %s (cleanup %" PRId64 ", watermark %"
                                  PRId64 ")", e->key.string, e->time,
                                  fsim_window_late_fate_names[e->fate - 1], e->cleanup,
                                  e->watermark);
          break;
        }
    }
  g_array_set_size (o->fired, 0);
  g_array_set_size (o->events, 0);
  return g_string_free (s, FALSE);
}

static void
el (Op *o, const char *key, gint64 value, gint64 ts)
{
  FsimWindowKey k = { TRUE, 0, key };
  fsim_window_operator_process_element (o->op, k, value, ts, o->fired, NULL);
}

static void
wm (Op *o, gint64 w)
{
  fsim_window_operator_process_watermark (o->op, w, o->fired, NULL);
}

#define EXPECT(o, want) do { g_autofree char *got_ = events (o); \
  ck_assert_str_eq (got_, (want)); } while (0)

/* WindowOperatorTest.testCleanupTimerWithEmptyReduceStateForTumblingWindows:
 * size 2 s, lateness 1 ms, EventTimeTrigger. The test's comments: at
 * Watermark(1999) "it fires", at Watermark(2000) "is the cleanup timer":
 * cleanupTime = TimeWindow.maxTimestamp() 1999 + allowedLateness 1. */
START_TEST (test_events_cleanup_timer)
{
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(2 s)", NULL, 1, FALSE);
  el (o, "key2", 1, 1000);
  EXPECT (o, "created key2 [0,2000) @1000 cleanup 2000");
  wm (o, 1599);
  EXPECT (o, "");
  wm (o, 1999);
  EXPECT (o, "fired key2 [0,2000)");
  wm (o, 2000);
  EXPECT (o, "purged key2 [0,2000) cleanup @2000");
  wm (o, 5000);
  EXPECT (o, "");
}
END_TEST

/* WindowOperatorTest.testLateness: tumbling 2 s, PurgingTrigger.of(
 * EventTimeTrigger), lateness 500 ms, late side output. cleanupTime
 * 1999 + 500 = 2499. The purge at Watermark(2300) empties the window; the
 * element at 1997 (1999 + 500 > 2300: not late) makes it again and fires
 * and purges it at once; Watermark(6000) passes the cleanup timer; the
 * element at 1998 is then late (2499 <= 6000) and goes to the side output. */
START_TEST (test_events_lateness)
{
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(2 s)",
                             "PurgingTrigger.of(EventTimeTrigger.create())", 500, TRUE);
  el (o, "key2", 1, 500);
  EXPECT (o, "created key2 [0,2000) @500 cleanup 2499");
  wm (o, 1500);
  el (o, "key2", 1, 1300);
  EXPECT (o, "");
  wm (o, 2300);
  EXPECT (o, "fired key2 [0,2000); purged key2 [0,2000) trigger @1999");
  el (o, "key2", 1, 1997);
  EXPECT (o, "fired key2 [0,2000); created key2 [0,2000) @1997 cleanup 2499; "
             "purged key2 [0,2000) trigger @1997");
  wm (o, 6000);
  EXPECT (o, "purged key2 [0,2000) cleanup @2499");
  el (o, "key2", 1, 1998);
  EXPECT (o, "late key2 @1998 side-output (cleanup 2499, watermark 6000)");
}
END_TEST

/* WindowOperatorTest.testReduceSessionWindows (gap 3 s): each element's
 * [ts, ts + 3000) merges with the held sessions it intersects
 * (MergingWindowSet.addWindow; TimeWindow.intersects counts touching),
 * and the covers fire as the test expects: key1 [10, 5500), key2 [0, 5500)
 * and [5501, 9050); lateness 0, so each is cleaned up at its maxTimestamp. */
START_TEST (test_events_session_merging)
{
  g_autoptr (Op) o = op_new ("EventTimeSessionWindows.withGap(3 s)", NULL, 0, FALSE);
  el (o, "key2", 1, 0);
  EXPECT (o, "created key2 [0,3000) @0 cleanup 2999");
  el (o, "key2", 2, 1000);
  EXPECT (o, "merged key2 [0,4000) <- [0, 3000)");
  el (o, "key2", 3, 2500);
  EXPECT (o, "merged key2 [0,5500) <- [0, 4000)");
  el (o, "key1", 1, 10);
  el (o, "key1", 2, 1000);
  el (o, "key1", 3, 2500);
  EXPECT (o, "created key1 [10,3010) @10 cleanup 3009; merged key1 [10,4000) <- [10, 3010); "
             "merged key1 [10,5500) <- [10, 4000)");
  el (o, "key2", 4, 5501);      /* 5501 > 5500: does not touch [0, 5500) */
  EXPECT (o, "created key2 [5501,8501) @5501 cleanup 8500");
  el (o, "key2", 5, 6000);
  EXPECT (o, "merged key2 [5501,9000) <- [5501, 8501)");
  el (o, "key2", 5, 6000);      /* inside [5501, 9000): neither new nor a merge */
  EXPECT (o, "");
  el (o, "key2", 6, 6050);
  EXPECT (o, "merged key2 [5501,9050) <- [5501, 9000)");
  wm (o, 12000);
  EXPECT (o, "fired key1 [10,5500); fired key2 [0,5500); fired key2 [5501,9050); "
             "purged key1 [10,5500) cleanup @5499; purged key2 [0,5500) cleanup @5499; "
             "purged key2 [5501,9050) cleanup @9049");
}
END_TEST

/* testDropDueToLatenessTumbling's rule without a side output: lateness 0,
 * the element at 1998 after Watermark(1999) is late (cleanupTime 1999 <=
 * 1999) and dropped, numLateRecordsDropped 1. */
START_TEST (test_events_dropped)
{
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(2 s)", NULL, 0, FALSE);
  el (o, "key2", 1, 1000);
  EXPECT (o, "created key2 [0,2000) @1000 cleanup 1999");
  wm (o, 1999);
  EXPECT (o, "fired key2 [0,2000); purged key2 [0,2000) cleanup @1999");
  el (o, "key2", 1, 1998);
  EXPECT (o, "late key2 @1998 dropped (cleanup 1999, watermark 1999)");
  ck_assert_int_eq (fsim_window_operator_get_num_late_records_dropped (o->op), 1);
}
END_TEST

/* --- on a job ------------------------------------------------------------ */

/* Three source subtasks into one window subtask: three channels, no
 * idleness, so every channel is aligned and the valve's output is the
 * minimum over the channels' highest watermarks, emitted when it rises. */
static const char *const detail_job =
  "set parallelism.default = 3\n"
  "set sim.duration = 8 s\n"
  "set taskmanager.numberOfTaskSlots = 4\n"
  "e = env.fromSource(\"Clicks\").rate(50/s).outOfOrder(2 s)\n"
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n"
  "e.keyBy(\"user\").keys(5).window(TumblingEventTimeWindows.of(2 s)).sum(1)"
  ".setParallelism(1).print()\n";

static FsimJobRun *
run_job (const char *text, gboolean detail)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "detail.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  FsimJobRun *run = fsim_job_run_new (job, 7, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  if (detail)
    fsim_job_run_trace_event_time (run);
  fsim_job_run_run (run, -1);
  return run;
}

static gboolean
is_kind (const FsimTraceRecord *r, FsimSchedKind k)
{
  return r->kind == FSIM_SCHED_KIND (k);
}

/* The minimum over channels, recomputed from the channel-watermark
 * records alone (each channel's highest watermark; Long.MIN_VALUE before
 * its first), rises exactly when and to what the task's next watermark
 * record says; and the channel record's valve_watermark_ms is it, its
 * holder_silent_ms the time since the holding channel's last watermark. */
START_TEST (test_job_watermarks_are_channel_minimum)
{
  g_autoptr (FsimJobRun) run = run_job (detail_job, TRUE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 ch[3] = { FSIM_WATERMARK_NONE, FSIM_WATERMARK_NONE, FSIM_WATERMARK_NONE };
  gint64 last = FSIM_WATERMARK_NONE;
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *got = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* the window's subtask is the one with three channels (the print sink
   * after it has one per subtask) */
  int window_vertex = -1, channel_records = 0, silent_holders = 0;
  gint64 seen[3] = { -1, -1, -1 };
  for (gint64 i = 0; i < fsim_trace_count (trace) && window_vertex < 0; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (is_kind (r, FSIM_SCHED_KIND_CHANNEL_WATERMARK) && r->channel == 2)
        window_vertex = r->vertex;
    }
  ck_assert_int_ge (window_vertex, 0);
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex != window_vertex)
        continue;
      if (is_kind (r, FSIM_SCHED_KIND_CHANNEL_WATERMARK))
        {
          ck_assert_int_eq (r->values[1], 0);   /* watermarks only: no idleness */
          ck_assert (r->channel >= 0 && r->channel < 3);
          channel_records++;
          ch[r->channel] = MAX (ch[r->channel], r->values[2]);
          gint64 min = MIN (ch[0], MIN (ch[1], ch[2]));
          if (min > last)
            {
              last = min;
              g_array_append_val (expected, min);
              ck_assert_int_eq (r->values[4], FSIM_VALVE_ADVANCED);
            }
          else
            ck_assert_int_ne (r->values[4], FSIM_VALVE_ADVANCED);
          ck_assert_int_eq (r->values[3], last);
          /* holder_silent_ms: since the min channel's last watermark, 0
           * when it is this one, -1 before it sent any */
          seen[r->channel] = r->time_us;
          gint64 holder = r->values[5];
          ck_assert (holder >= -1 && holder < 3);
          gint64 want = holder < 0 || seen[holder] < 0 ? -1 : (r->time_us - seen[holder]) / 1000;
          ck_assert_int_eq (r->values[7], want);
          silent_holders += want > 0;
        }
      else if (is_kind (r, FSIM_SCHED_KIND_WATERMARK))
        g_array_append_val (got, r->values[0]);
    }
  ck_assert_int_gt (channel_records, 50);    /* 3 channels, one watermark every 200 ms */
  ck_assert_int_gt (silent_holders, 0);      /* another channel holds it, for a while */
  ck_assert_int_gt (expected->len, 10);
  ck_assert_uint_eq (got->len, expected->len);
  for (guint k = 0; k < got->len; k++)
    ck_assert_int_eq (g_array_index (got, gint64, k), g_array_index (expected, gint64, k));
  g_array_unref (expected);
  g_array_unref (got);
}
END_TEST

static gboolean
detail_kind (const FsimTraceRecord *r)
{
  return is_kind (r, FSIM_SCHED_KIND_CHANNEL_WATERMARK) || is_kind (r, FSIM_SCHED_KIND_WATERMARK)
         || is_kind (r, FSIM_SCHED_KIND_WINDOW_FIRED)
         || is_kind (r, FSIM_SCHED_KIND_WINDOW_CREATED)
         || is_kind (r, FSIM_SCHED_KIND_WINDOW_MERGED)
         || is_kind (r, FSIM_SCHED_KIND_WINDOW_PURGED) || is_kind (r, FSIM_SCHED_KIND_LATE_RECORD);
}

/* The detail only adds records: every other record of the run (the same
 * seed) is the same, at the same time, with the same values and detail. */
START_TEST (test_job_detail_changes_nothing_else)
{
  g_autoptr (FsimJobRun) plain = run_job (detail_job, FALSE);
  g_autoptr (FsimJobRun) detail = run_job (detail_job, TRUE);
  FsimTrace *a = fsim_job_run_get_trace (plain), *b = fsim_job_run_get_trace (detail);
  gint64 j = 0, compared = 0, created = 0, purged = 0, late = 0;
  for (gint64 i = 0; i < fsim_trace_count (a); i++)
    {
      const FsimTraceRecord *ra = fsim_trace_get (a, i);
      if (detail_kind (ra))
        continue;
      const FsimTraceRecord *rb;
      while (detail_kind (rb = fsim_trace_get (b, j++)))
        {
          created += is_kind (rb, FSIM_SCHED_KIND_WINDOW_CREATED);
          purged += is_kind (rb, FSIM_SCHED_KIND_WINDOW_PURGED);
          late += is_kind (rb, FSIM_SCHED_KIND_LATE_RECORD);
        }
      ck_assert_ptr_eq (ra->kind, rb->kind);
      ck_assert_int_eq (ra->time_us, rb->time_us);
      ck_assert_int_eq (ra->subtask, rb->subtask);
      for (int v = 0; v < FSIM_TRACE_N_VALUES; v++)
        ck_assert_int_eq (ra->values[v], rb->values[v]);
      ck_assert_str_eq (ra->detail ? ra->detail : "", rb->detail ? rb->detail : "");
      compared++;
    }
  ck_assert_int_gt (compared, 100);
  ck_assert_int_gt (created, 0);
  ck_assert_int_gt (purged, 0);
  /* records up to 2 s behind, the watermark 1 s behind: some are late, and
   * each late record has its record: as many as numLateRecordsDropped
   * (no side output, no lateness) */
  gint64 dropped = 0;
  for (gint64 i = 0; i < fsim_trace_count (a); i++)
    if (is_kind (fsim_trace_get (a, i), FSIM_SCHED_KIND_WINDOW_LATE))
      dropped = fsim_trace_get (a, i)->values[2];
  ck_assert_int_gt (dropped, 0);
  ck_assert_int_eq (late, dropped);
}
END_TEST

void
scheduler_event_time_detail_tcases (Suite *s)
{
  TCase *valve = tcase_create ("Event-time detail: valve");
  tcase_add_test (valve, test_valve_outcomes_increasing);
  tcase_add_test (valve, test_valve_outcomes_idle_and_unaligned);
  suite_add_tcase (s, valve);
  TCase *win = tcase_create ("Event-time detail: windows");
  tcase_add_test (win, test_events_cleanup_timer);
  tcase_add_test (win, test_events_lateness);
  tcase_add_test (win, test_events_session_merging);
  tcase_add_test (win, test_events_dropped);
  suite_add_tcase (s, win);
  TCase *job = tcase_create ("Event-time detail: job");
  tcase_set_timeout (job, 60);
  tcase_add_test (job, test_job_watermarks_are_channel_minimum);
  tcase_add_test (job, test_job_detail_changes_nothing_else);
  suite_add_tcase (s, job);
}
