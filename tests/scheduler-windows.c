/* scheduler-windows.c - the keyed WindowOperator (scheduler.h "Event
 * time"): Flink's WindowOperatorTest sequences replayed with the same
 * inputs and expected results (each test names its method), the assigners'
 * window starts (TimeWindowTest), lateness and the late side output. Keys
 * are the tests' strings; the function is their SumReducer (sum). */
#include "config.h"

#include <inttypes.h>

#include "tests/scheduler-tests.h"
#include "tests/testlib-graphs.h"

typedef struct {
  FsimWindowOperator *op;
  GArray *fired;
} Op;

FsimWindowOperator *
test_window_operator (const char *assigner, const char *trigger, gint64 lateness_ms,
                      gboolean side_output)
{
  FsimWindowSpec spec;
  int column = 0;
  g_autoptr (GError) error = NULL;
  ck_assert_msg (fsim_window_assigner_parse (assigner, &spec, &column, &error), "%s",
                 error ? error->message : "");
  if (trigger)
    ck_assert (fsim_window_trigger_parse (trigger, &spec, &spec.trigger, &column, &error));
  spec.allowed_lateness_us = lateness_ms * 1000;
  spec.side_output_late = side_output;
  return fsim_window_operator_new (&spec, FSIM_WINDOW_FUNCTION_SUM, 0);
}

static Op *
op_new (const char *assigner, const char *trigger, gint64 lateness_ms, gboolean side_output)
{
  Op *o = g_new0 (Op, 1);
  o->op = test_window_operator (assigner, trigger, lateness_ms, side_output);
  o->fired = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  return o;
}

static void
op_free (Op *o)
{
  fsim_window_operator_free (o->op);
  g_array_unref (o->fired);
  g_free (o);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static FsimWindowElementFate
el (Op *o, const char *key, gint64 value, gint64 ts)
{
  FsimWindowKey k = { TRUE, 0, key };
  return fsim_window_operator_process_element (o->op, k, value, ts, o->fired, NULL);
}

static void
wm (Op *o, gint64 w)
{
  fsim_window_operator_process_watermark (o->op, w, o->fired, NULL);
}

/* "key1:3@2999" per result, in emission order; clears them. */
static char *
fired (Op *o)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < o->fired->len; i++)
    {
      FsimWindowFiring *f = &g_array_index (o->fired, FsimWindowFiring, i);
      g_string_append_printf (s, "%s%s:%" PRId64 "@%" PRId64, s->len ? " " : "", f->key.string,
                              f->result, f->timestamp);
    }
  g_array_set_size (o->fired, 0);
  return g_string_free (s, FALSE);
}

/* "do a snapshot, close and restore again", as the WindowOperatorTest
 * sequences do mid-way (testHarness.snapshot, close, a new harness,
 * initializeState, open): what follows must go on as if nothing happened. */
static void
snapshot_and_restore (Op *o)
{
  g_autoptr (FsimWindowOperator) snapshot = fsim_window_operator_snapshot (o->op);
  fsim_window_operator_free (o->op);
  o->op = fsim_window_operator_restore (snapshot, 0);
  ck_assert_int_eq (fsim_window_operator_get_current_watermark (o->op), FSIM_WATERMARK_NONE);
}

#define EXPECT(o, s) do { g_autofree char *got_ = fired (o); ck_assert_str_eq (got_, (s)); } while (0)

/* Runs tokens as `lab windows` writes them (Rkey=value@ts, Wwatermark,
 * Ptime) and says what came out, in order: "key:sum[start,end)@timestamp"
 * per result ("key:sum@timestamp" for a GlobalWindow), "side:key@ts" per
 * element sent to the late side output, "drop:key@ts" per late element
 * dropped. */
static char *
replay (Op *o, const char *tokens)
{
  g_auto (GStrv) t = g_strsplit (tokens, " ", -1);
  GString *s = g_string_new (NULL);
  for (int i = 0; t[i]; i++)
    {
      if (t[i][0] == 'W')
        wm (o, g_ascii_strtoll (t[i] + 1, NULL, 10));
      else if (t[i][0] == 'P')
        fsim_window_operator_advance_processing_time (o->op, g_ascii_strtoll (t[i] + 1, NULL, 10),
                                                      o->fired, NULL);
      else
        {
          g_assert (t[i][0] == 'R');
          const char *eq = strchr (t[i], '='), *at = strchr (t[i], '@');
          g_autofree char *key = g_strndup (t[i] + 1, (gsize) (eq - t[i] - 1));
          gint64 ts = g_ascii_strtoll (at + 1, NULL, 10);
          FsimWindowElementFate f = el (o, key, g_ascii_strtoll (eq + 1, NULL, 10), ts);
          if (f == FSIM_WINDOW_ELEMENT_SIDE_OUTPUT || f == FSIM_WINDOW_ELEMENT_DROPPED)
            g_string_append_printf (s, "%s%s:%s@%" PRId64, s->len ? " " : "",
                                    f == FSIM_WINDOW_ELEMENT_DROPPED ? "drop" : "side", key, ts);
        }
      for (guint k = 0; k < o->fired->len; k++)
        {
          const FsimWindowFiring *f = &g_array_index (o->fired, FsimWindowFiring, k);
          g_string_append_printf (s, "%s%s:%" PRId64, s->len ? " " : "", f->key.string,
                                  f->result);
          if (!f->window.global)
            g_string_append_printf (s, "[%" PRId64 ",%" PRId64 ")", f->window.start,
                                    f->window.end);
          g_string_append_printf (s, "@%" PRId64, f->timestamp);
        }
      g_array_set_size (o->fired, 0);
    }
  return g_string_free (s, FALSE);
}

#define REPLAY(o, tokens, want) do { g_autofree char *got_ = replay ((o), (tokens)); \
  ck_assert_str_eq (got_, (want)); } while (0)

/* TimeWindowTest.testGetWindowStartWithOffset (size 7) and offsets, also
 * negative ones (TumblingEventTimeWindowsTest.testWindowAssignmentWithOffset) */
START_TEST (test_window_start_with_offset)
{
  ck_assert_int_eq (fsim_time_window_start_with_offset (-1, 0, 7), -7);
  ck_assert_int_eq (fsim_time_window_start_with_offset (-7, 0, 7), -7);
  ck_assert_int_eq (fsim_time_window_start_with_offset (-8, 0, 7), -14);
  ck_assert_int_eq (fsim_time_window_start_with_offset (6, 0, 7), 0);
  ck_assert_int_eq (fsim_time_window_start_with_offset (1, 1, 7), 1);
  ck_assert_int_eq (fsim_time_window_start_with_offset (0, 1, 7), -6);
  ck_assert_int_eq (fsim_time_window_start_with_offset (0, -1, 7), -1);
  ck_assert_int_eq (fsim_time_window_start_with_offset (6, -1, 7), 6);
  ck_assert_int_eq (fsim_time_window_start_with_offset (5, -1, 7), -1);
  /* TumblingEventTimeWindows.of(5 s, 100 ms): 100 -> [100, 5100) */
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(5 s, 100 ms)", NULL, 0, FALSE);
  el (o, "k", 1, 100);
  g_autoptr (GArray) open = fsim_window_operator_open_windows (o->op);
  ck_assert_uint_eq (open->len, 1);
  ck_assert_int_eq (g_array_index (open, FsimWindowFiring, 0).window.start, 100);
  g_autoptr (Op) n = op_new ("TumblingEventTimeWindows.of(5 s, -1 s)", NULL, 0, FALSE);
  el (n, "k", 1, 0);
  g_autoptr (GArray) nopen = fsim_window_operator_open_windows (n->op);
  ck_assert_int_eq (g_array_index (nopen, FsimWindowFiring, 0).window.start, -1000);
}
END_TEST

static void
tumbling_elements (Op *o)
{
  el (o, "key2", 1, 3999);
  el (o, "key2", 1, 3000);
  el (o, "key1", 1, 20);
  el (o, "key1", 1, 0);
  el (o, "key1", 1, 999);
  el (o, "key2", 1, 1998);
  el (o, "key2", 1, 1999);
  el (o, "key2", 1, 1000);
}

/* WindowOperatorTest.testTumblingEventTimeWindows (size 3 s), with its
 * snapshot and restore after watermark 1999 */
START_TEST (test_tumbling_event_time)
{
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(3 s)", NULL, 0, FALSE);
  tumbling_elements (o);
  wm (o, 999);
  EXPECT (o, "");
  wm (o, 1999);
  EXPECT (o, "");
  snapshot_and_restore (o);
  wm (o, 2999);
  EXPECT (o, "key1:3@2999 key2:3@2999");
  wm (o, 3999);
  wm (o, 4999);
  EXPECT (o, "");
  wm (o, 5999);
  EXPECT (o, "key2:2@5999");
  wm (o, 6999);
  wm (o, 7999);
  EXPECT (o, "");
}
END_TEST

/* WindowOperatorTest.testSlidingEventTimeWindows (size 3 s, slide 1 s),
 * with its snapshot and restore after watermark 2999 */
START_TEST (test_sliding_event_time)
{
  g_autoptr (Op) o = op_new ("SlidingEventTimeWindows.of(3 s, 1 s)", NULL, 0, FALSE);
  tumbling_elements (o);
  wm (o, 999);
  EXPECT (o, "key1:3@999");
  wm (o, 1999);
  EXPECT (o, "key1:3@1999 key2:3@1999");
  wm (o, 2999);
  EXPECT (o, "key1:3@2999 key2:3@2999");
  snapshot_and_restore (o);
  wm (o, 3999);
  EXPECT (o, "key2:5@3999");
  wm (o, 4999);
  EXPECT (o, "key2:2@4999");
  wm (o, 5999);
  EXPECT (o, "key2:2@5999");
  wm (o, 6999);
  wm (o, 7999);
  EXPECT (o, "");
}
END_TEST

/* WindowOperatorTest.testReduceSessionWindows (gap 3 s): sums and windows,
 * with its snapshot and restore after key2's first three elements */
START_TEST (test_session_windows)
{
  g_autoptr (Op) o = op_new ("EventTimeSessionWindows.withGap(3 s)", NULL, 0, FALSE);
  el (o, "key2", 1, 0);
  el (o, "key2", 2, 1000);
  el (o, "key2", 3, 2500);
  snapshot_and_restore (o);
  el (o, "key1", 1, 10);
  el (o, "key1", 2, 1000);
  el (o, "key1", 3, 2500);
  el (o, "key2", 4, 5501);
  el (o, "key2", 5, 6000);
  el (o, "key2", 5, 6000);
  el (o, "key2", 6, 6050);
  wm (o, 12000);
  ck_assert_uint_eq (o->fired->len, 3);
  FsimWindowFiring *f = (FsimWindowFiring *) o->fired->data;
  ck_assert_int_eq (f[0].window.start, 10);
  ck_assert_int_eq (f[0].window.end, 5500);
  ck_assert_int_eq (f[1].window.start, 0);
  ck_assert_int_eq (f[2].window.start, 5501);
  ck_assert_int_eq (f[2].window.end, 9050);
  EXPECT (o, "key1:6@5499 key2:6@5499 key2:20@9049");
  el (o, "key2", 10, 15000);
  el (o, "key2", 20, 15000);
  wm (o, 17999);
  EXPECT (o, "key2:30@17999");
}
END_TEST

/* WindowOperatorTest.testCountTrigger: PurgingTrigger.of(CountTrigger.of(4))
 * on GlobalWindows, as countWindow(4) makes it, with its snapshot and
 * restore after the first firing */
START_TEST (test_count_trigger)
{
  g_autoptr (Op) o = op_new ("countWindow(4)", NULL, 0, FALSE);
  el (o, "key2", 1, 3000);
  el (o, "key2", 1, 3999);
  el (o, "key1", 1, 20);
  el (o, "key1", 1, 0);
  el (o, "key1", 1, 999);
  el (o, "key2", 1, 1998);
  EXPECT (o, "");
  el (o, "key2", 1, 1999);
  EXPECT (o, "key2:4@9223372036854775807");
  snapshot_and_restore (o);
  el (o, "key2", 1, 1000);
  el (o, "key1", 1, 10999);
  EXPECT (o, "key1:4@9223372036854775807");
  el (o, "key2", 1, 1000);
  el (o, "key2", 1, 1000);
  el (o, "key2", 1, 1000);
  EXPECT (o, "key2:4@9223372036854775807");
  /* countWindow(3, 2): CountEvictor.of(3), CountTrigger.of(2): every 2nd
   * element, the last 3 */
  g_autoptr (Op) s = op_new ("countWindow(3, 2)", NULL, 0, FALSE);
  for (int i = 1; i <= 6; i++)
    el (s, "k", i, 0);
  EXPECT (s, "k:3@9223372036854775807 k:9@9223372036854775807 k:15@9223372036854775807");
}
END_TEST

/* EvictingWindowOperatorTest.testCountTrigger: GlobalWindows,
 * CountTrigger.of(2), CountEvictor.of(4), the sum, which is what
 * countWindow(4, 2) makes (KeyedStream.countWindow(size, slide)): every
 * 2nd element of a key fires its last 4, the evicted ones gone for good */
START_TEST (test_sliding_count_window)
{
  g_autoptr (Op) o = op_new ("countWindow(4, 2)", NULL, 0, FALSE);
  REPLAY (o, "Rkey2=1@3000 Rkey2=1@3999 Rkey1=1@20 Rkey1=1@0 Rkey1=1@999 Rkey2=1@1998 "
          "Rkey2=1@1999 Rkey2=1@1000",
          "key2:2@9223372036854775807 key1:2@9223372036854775807 key2:4@9223372036854775807");
  REPLAY (o, "Rkey1=1@10999 Rkey2=1@1000",
          "key1:4@9223372036854775807 key2:4@9223372036854775807");
}
END_TEST

/* WindowOperatorTest.testProcessingTimeTumblingWindows (size 3 s) */
START_TEST (test_processing_time_tumbling)
{
  g_autoptr (Op) o = op_new ("TumblingProcessingTimeWindows.of(3 s)", NULL, 0, FALSE);
  fsim_window_operator_advance_processing_time (o->op, 3, o->fired, NULL);
  el (o, "key2", 1, G_MAXINT64);
  el (o, "key2", 1, 7000);
  el (o, "key2", 1, 7000);
  el (o, "key1", 1, 7000);
  el (o, "key1", 1, 7000);
  fsim_window_operator_advance_processing_time (o->op, 5000, o->fired, NULL);
  EXPECT (o, "key1:2@2999 key2:3@2999");
  el (o, "key1", 1, 7000);
  el (o, "key1", 1, 7000);
  el (o, "key1", 1, 7000);
  fsim_window_operator_advance_processing_time (o->op, 7000, o->fired, NULL);
  EXPECT (o, "key1:3@5999");
}
END_TEST

/* WindowOperatorTest.testProcessingTimeSlidingWindows (size 3 s, slide
 * 1 s): the clock assigns, the timers at each window's maxTimestamp fire
 * in order when it jumps (3999 for both keys, then 4999, 5999) */
START_TEST (test_processing_time_sliding)
{
  g_autoptr (Op) o = op_new ("SlidingProcessingTimeWindows.of(Duration.ofSeconds(3), "
                             "Duration.ofSeconds(1))", NULL, 0, FALSE);
  REPLAY (o, "P3 Rkey2=1@9223372036854775807 P1000", "key2:1[-2000,1000)@999");
  REPLAY (o, "Rkey2=1@9223372036854775807 Rkey2=1@9223372036854775807 P2000",
          "key2:3[-1000,2000)@1999");
  REPLAY (o, "Rkey1=1@9223372036854775807 Rkey1=1@9223372036854775807 P3000",
          "key1:2[0,3000)@2999 key2:3[0,3000)@2999");
  REPLAY (o, "Rkey1=1@9223372036854775807 Rkey1=1@9223372036854775807 "
          "Rkey1=1@9223372036854775807 P7000",
          "key1:5[1000,4000)@3999 key2:2[1000,4000)@3999 key1:5[2000,5000)@4999 "
          "key1:3[3000,6000)@5999");
}
END_TEST

/* WindowOperatorTest.testProcessingTimeSessionWindows (gap 3 s): the
 * sessions [3, 3003) and [1000, 4000) of the clock merge; the element
 * timestamps do not matter */
START_TEST (test_processing_time_sessions)
{
  g_autoptr (Op) o = op_new ("ProcessingTimeSessionWindows.withGap(Duration.ofSeconds(3))", NULL,
                             0, FALSE);
  REPLAY (o, "P3 Rkey2=1@1 P1000 Rkey2=1@1002 P5000", "key2:2[3,4000)@3999");
  REPLAY (o, "Rkey2=1@5000 Rkey2=1@5000 Rkey1=1@5000 Rkey1=1@5000 Rkey1=1@5000 P10000",
          "key1:3[5000,8000)@7999 key2:2[5000,8000)@7999");
}
END_TEST

/* WindowOperatorTest.testLateness: tumbling 2 s, PurgingTrigger.of(
 * EventTimeTrigger), allowed lateness 500 ms, late side output */
START_TEST (test_lateness)
{
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(2 s)",
                             "PurgingTrigger.of(EventTimeTrigger.create())", 500, TRUE);
  el (o, "key2", 1, 500);
  wm (o, 1500);
  el (o, "key2", 1, 1300);
  wm (o, 2300);
  EXPECT (o, "key2:2@1999");
  /* maxTimestamp + allowedLateness > watermark: not late; the trigger
   * fires at once (a late firing) and purges */
  ck_assert_int_eq (el (o, "key2", 1, 1997), FSIM_WINDOW_ELEMENT_ADDED);
  EXPECT (o, "key2:1@1999");
  wm (o, 6000);
  EXPECT (o, "");
  ck_assert_int_eq (el (o, "key2", 1, 1998), FSIM_WINDOW_ELEMENT_SIDE_OUTPUT);
  wm (o, 7000);
  EXPECT (o, "");
  ck_assert_int_eq (fsim_window_operator_get_num_late_records_dropped (o->op), 0);
}
END_TEST

/* WindowOperatorTest.testSideOutputDueToLatenessTumbling (lateness 0);
 * without the side output the same element is dropped and counted */
START_TEST (test_side_output_due_to_lateness)
{
  for (int side = 0; side < 2; side++)
    {
      g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(2 s)", NULL, 0, side);
      el (o, "key2", 1, 1000);
      wm (o, 1985);
      ck_assert_int_eq (el (o, "key2", 1, 1980), FSIM_WINDOW_ELEMENT_ADDED);
      wm (o, 1999);
      EXPECT (o, "key2:2@1999");
      ck_assert_int_eq (el (o, "key2", 1, 1998),
                        side ? FSIM_WINDOW_ELEMENT_SIDE_OUTPUT : FSIM_WINDOW_ELEMENT_DROPPED);
      el (o, "key2", 1, 2001);
      wm (o, 2999);
      EXPECT (o, "");
      wm (o, 3999);
      EXPECT (o, "key2:1@3999");
      ck_assert_int_eq (fsim_window_operator_get_num_late_records_dropped (o->op), side ? 0 : 1);
      g_autoptr (GArray) open = fsim_window_operator_open_windows (o->op);
      ck_assert_uint_eq (open->len, 0);
    }
}
END_TEST

/* The element sequence of WindowOperatorTest's session lateness tests
 * (gap 3 s), up to the two elements that decide them */
#define SESSION_LATENESS_HEAD \
  "Rkey2=1@1000 W1999 Rkey2=1@2000 W4998 Rkey2=1@4500 Rkey2=1@8500 W7400 Rkey2=1@7000 " \
  "W11501 Rkey2=1@11600 W14600 "

/* WindowOperatorTest's lateness tests with the late side output, each
 * with its trigger, allowed lateness and expected results and side
 * output (their order within one step is ours: timestamp, key, window;
 * Flink's tests compare sorted) */
START_TEST (test_lateness_sequences)
{
  static const struct {
    const char *test, *assigner, *trigger;
    gint64 lateness;
    const char *tokens, *want;
  } cases[] = {
    { "testSideOutputDueToLatenessSliding",
      "SlidingEventTimeWindows.of(Duration.ofSeconds(3), Duration.ofSeconds(1))", NULL, 0,
      "Rkey2=1@1000 W1999 Rkey2=1@2000 W3000 Rkey1=1@3001 Rkey2=1@2400 Rkey2=1@2400 "
      "Rkey1=1@3001 Rkey2=1@3900 W6000 Rkey1=1@3001 W25000",
      "key2:1[-1000,2000)@1999 key2:2[0,3000)@2999 key1:2[1000,4000)@3999 "
      "key2:5[1000,4000)@3999 key1:2[2000,5000)@4999 key2:4[2000,5000)@4999 "
      "key1:2[3000,6000)@5999 key2:1[3000,6000)@5999 side:key1@3001" },
    { "testSideOutputDueToLatenessSessionZeroLatenessPurgingTrigger",
      "EventTimeSessionWindows.withGap(Duration.ofSeconds(3))",
      "PurgingTrigger.of(EventTimeTrigger.create())", 0,
      SESSION_LATENESS_HEAD "Rkey2=1@10000 Rkey2=1@10100 Rkey2=1@14500 W20000 W100000",
      "key2:5[1000,11500)@11499 key2:1[11600,14600)@14599 side:key2@10000 side:key2@10100 "
      "key2:1[14500,17500)@17499" },
    { "testSideOutputDueToLatenessSessionZeroLateness",
      "EventTimeSessionWindows.withGap(Duration.ofSeconds(3))", NULL, 0,
      SESSION_LATENESS_HEAD "Rkey2=1@10000 Rkey2=1@14500 W20000 W100000",
      "key2:5[1000,11500)@11499 key2:1[11600,14600)@14599 side:key2@10000 "
      "key2:1[14500,17500)@17499" },
    /* the window [11600, 14600) fired and was purged, but lives until its
     * cleanup time 14609: 10000 joins it and fires it at once */
    { "testDropDueToLatenessSessionWithLatenessPurgingTrigger",
      "EventTimeSessionWindows.withGap(Duration.ofSeconds(3))",
      "PurgingTrigger.of(EventTimeTrigger.create())", 10,
      SESSION_LATENESS_HEAD "Rkey2=1@10000 Rkey2=1@14500 W20000 W100000",
      "key2:5[1000,11500)@11499 key2:1[11600,14600)@14599 key2:1[10000,14600)@14599 "
      "key2:1[10000,17500)@17499" },
    { "testNotSideOutputDueToLatenessSessionWithLateness",
      "EventTimeSessionWindows.withGap(Duration.ofSeconds(3))", NULL, 10,
      SESSION_LATENESS_HEAD "Rkey2=1@10000 Rkey2=1@14500 W20000 W100000",
      "key2:5[1000,11500)@11499 key2:1[11600,14600)@14599 key2:2[10000,14600)@14599 "
      "key2:3[10000,17500)@17499" },
    /* lateness 10 s: [1000, 11500) is still there, 10000 merges all three */
    { "testNotSideOutputDueToLatenessSessionWithHugeLatenessPurgingTrigger",
      "EventTimeSessionWindows.withGap(Duration.ofSeconds(3))",
      "PurgingTrigger.of(EventTimeTrigger.create())", 10000,
      SESSION_LATENESS_HEAD "Rkey2=1@10000 Rkey2=1@14500 W20000 W100000",
      "key2:5[1000,11500)@11499 key2:1[11600,14600)@14599 key2:1[1000,14600)@14599 "
      "key2:1[1000,17500)@17499" },
    { "testNotSideOutputDueToLatenessSessionWithHugeLateness",
      "EventTimeSessionWindows.withGap(Duration.ofSeconds(3))", NULL, 10000,
      SESSION_LATENESS_HEAD "Rkey2=1@10000 Rkey2=1@14500 W20000 W100000",
      "key2:5[1000,11500)@11499 key2:1[11600,14600)@14599 key2:7[1000,14600)@14599 "
      "key2:8[1000,17500)@17499" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Op) o = op_new (cases[i].assigner, cases[i].trigger, cases[i].lateness, TRUE);
      g_autofree char *got = replay (o, cases[i].tokens);
      ck_assert_msg (strcmp (got, cases[i].want) == 0, "%s:\n got  %s\n want %s", cases[i].test,
                     got, cases[i].want);
      ck_assert_int_eq (fsim_window_operator_get_num_late_records_dropped (o->op), 0);
    }
}
END_TEST

/* WindowOperatorTest.testCleanupTimeOverflow: maxTimestamp + lateness
 * overflows, so cleanupTime is Long.MAX_VALUE and no cleanup timer is set */
START_TEST (test_cleanup_time_overflow)
{
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(3 s)", NULL, G_MAXINT64 / 1000, FALSE);
  el (o, "key2", 1, 1000);
  wm (o, 3999);
  EXPECT (o, "key2:1@2999");
  g_autoptr (GArray) open = fsim_window_operator_open_windows (o->op);
  ck_assert_uint_eq (open->len, 1);     /* never cleaned up */
}
END_TEST

/* --- the assigners' own tests: assignWindows for one element ------------ */

/* The windows assignWindows gives an element at timestamp ts, at
 * processing time now_ms: one element into a new operator, its open
 * windows as "[s,e)", by start (the tests compare in any order). The
 * processing-time assigners are given Long.MIN_VALUE as the tests do:
 * they read the clock (getCurrentProcessingTime). */
static char *
assigned (const char *assigner, gint64 ts, gint64 now_ms)
{
  FsimWindowSpec spec;
  int column = 0;
  g_autoptr (GError) error = NULL;
  ck_assert_msg (fsim_window_assigner_parse (assigner, &spec, &column, &error), "%s",
                 error ? error->message : "");
  g_autoptr (FsimWindowOperator) op = fsim_window_operator_new (&spec, FSIM_WINDOW_FUNCTION_SUM,
                                                                now_ms);
  g_autoptr (GArray) fired = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  FsimWindowKey k = { TRUE, 0, "String" };
  fsim_window_operator_process_element (op, k, 1, spec.event_time ? ts : G_MININT64, fired, NULL);
  g_autoptr (GArray) open = fsim_window_operator_open_windows (op);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < open->len; i++)
    {
      const FsimWindow *w = &g_array_index (open, FsimWindowFiring, i).window;
      g_string_append_printf (s, "%s[%" PRId64 ",%" PRId64 ")", i ? " " : "", w->start, w->end);
    }
  return g_string_free (s, FALSE);
}

#define ASSIGNED(a, ts, now, want) do { g_autofree char *got_ = assigned ((a), (ts), (now)); \
  ck_assert_str_eq (got_, (want)); } while (0)

/* TumblingEventTimeWindowsTest: testWindowAssignment,
 * testWindowAssignmentWithGlobalOffset, ...WithNegativeGlobalOffset,
 * testTimeUnits; TumblingProcessingTimeWindowsTest, the same on the clock */
START_TEST (test_tumbling_assigners)
{
  static const char *const classes[] = { "TumblingEventTimeWindows", "TumblingProcessingTimeWindows" };
  for (int pt = 0; pt < 2; pt++)
    {
      g_autofree char *plain = g_strdup_printf ("%s.of(Duration.ofMillis(5000))", classes[pt]);
      g_autofree char *offset = g_strdup_printf ("%s.of(Duration.ofMillis(5000), "
                                                 "Duration.ofMillis(100))", classes[pt]);
      g_autofree char *negative = g_strdup_printf ("%s.of(Duration.ofMillis(5000), "
                                                   "Duration.ofMillis(-100))", classes[pt]);
      g_autofree char *units = g_strdup_printf ("%s.of(Duration.ofSeconds(5), "
                                                "Duration.ofSeconds(1))", classes[pt]);
      ASSIGNED (plain, 0, 0, "[0,5000)");
      ASSIGNED (plain, 4999, 4999, "[0,5000)");
      ASSIGNED (plain, 5000, 5000, "[5000,10000)");
      ASSIGNED (offset, 100, 100, "[100,5100)");
      ASSIGNED (offset, 5099, 5099, "[100,5100)");
      ASSIGNED (offset, 5100, 5100, "[5100,10100)");
      /* the event-time test asks at 0, the processing-time one at 100 */
      ASSIGNED (negative, pt ? 100 : 0, pt ? 100 : 0, "[-100,4900)");
      ASSIGNED (negative, 4899, 4899, "[-100,4900)");
      ASSIGNED (negative, 4900, 4900, "[4900,9900)");
      ASSIGNED (units, 1000, 1000, "[1000,6000)");
      ASSIGNED (units, 5999, 5999, "[1000,6000)");
      ASSIGNED (units, 6000, 6000, "[6000,11000)");
    }
  /* negative timestamps: getWindowStartWithOffset rounds towards -infinity */
  ASSIGNED ("TumblingEventTimeWindows.of(Duration.ofMillis(5000))", -1, 0, "[-5000,0)");
  ASSIGNED ("TumblingEventTimeWindows.of(Duration.ofMillis(5000), Duration.ofMillis(-100))",
            -101, 0, "[-5100,-100)");
}
END_TEST

/* The open windows of o as "[s,e)", by start. */
static char *
open_windows (Op *o)
{
  g_autoptr (GArray) open = fsim_window_operator_open_windows (o->op);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < open->len; i++)
    {
      const FsimWindow *w = &g_array_index (open, FsimWindowFiring, i).window;
      g_string_append_printf (s, "%s[%" PRId64 ",%" PRId64 ")", i ? " " : "", w->start, w->end);
    }
  return g_string_free (s, FALSE);
}

#define OPEN(o, want) do { g_autofree char *got_ = open_windows (o); \
  ck_assert_str_eq (got_, (want)); } while (0)

/* TumblingEventTimeWindowsTest.testWindowAssignmentWithStagger and
 * TumblingProcessingTimeWindowsTest's: WindowStagger.NATURAL takes the
 * processing time of the first assignWindows within its window (150 ms)
 * as the offset of every window after it */
START_TEST (test_tumbling_stagger)
{
  g_autoptr (Op) e = op_new ("TumblingEventTimeWindows.of(Duration.ofMillis(5000), "
                             "Duration.ofMillis(0), WindowStagger.NATURAL)", NULL, 0, FALSE);
  REPLAY (e, "P150 Rk=1@150", "");
  OPEN (e, "[150,5150)");
  REPLAY (e, "Rk=1@5099", "");
  OPEN (e, "[150,5150)");
  REPLAY (e, "Rk=1@5300", "");
  OPEN (e, "[150,5150) [5150,10150)");
  /* on the clock: each element's window by the processing time; one that
   * ended is fired and cleaned up (maxTimestamp 5149 <= 5150) */
  g_autoptr (Op) p = op_new ("TumblingProcessingTimeWindows.of(Duration.ofMillis(5000), "
                             "Duration.ofMillis(0), WindowStagger.NATURAL)", NULL, 0, FALSE);
  REPLAY (p, "P150 Rk=1@0", "");
  OPEN (p, "[150,5150)");
  REPLAY (p, "P5049 Rk=1@0", "");
  OPEN (p, "[150,5150)");
  REPLAY (p, "P5150 Rk=1@0", "k:2[150,5150)@5149");
  OPEN (p, "[5150,10150)");
  /* ALIGNED is of(size, offset) */
  g_autoptr (Op) a = op_new ("TumblingEventTimeWindows.of(Duration.ofMillis(5000), "
                             "Duration.ofMillis(0), WindowStagger.ALIGNED)", NULL, 0, FALSE);
  REPLAY (a, "P150 Rk=1@150", "");
  OPEN (a, "[0,5000)");
}
END_TEST

/* SlidingEventTimeWindowsTest and SlidingProcessingTimeWindowsTest:
 * testWindowAssignment, ...WithOffset, ...WithNegativeOffset, testTimeUnits */
START_TEST (test_sliding_assigners)
{
  static const char *const classes[] = { "SlidingEventTimeWindows", "SlidingProcessingTimeWindows" };
  for (int pt = 0; pt < 2; pt++)
    {
      g_autofree char *plain = g_strdup_printf ("%s.of(Duration.ofMillis(5000), "
                                                "Duration.ofMillis(1000))", classes[pt]);
      g_autofree char *offset = g_strdup_printf ("%s.of(Duration.ofMillis(5000), "
                                                 "Duration.ofMillis(1000), Duration.ofMillis(100))",
                                                 classes[pt]);
      g_autofree char *negative = g_strdup_printf (
        "%s.of(Duration.ofMillis(5000), Duration.ofMillis(1000), Duration.ofMillis(-100))",
        classes[pt]);
      g_autofree char *units = g_strdup_printf ("%s.of(Duration.ofSeconds(5), "
                                                "Duration.ofSeconds(1), Duration.ofMillis(500))",
                                                classes[pt]);
      ASSIGNED (plain, 0, 0, "[-4000,1000) [-3000,2000) [-2000,3000) [-1000,4000) [0,5000)");
      ASSIGNED (plain, 4999, 4999, "[0,5000) [1000,6000) [2000,7000) [3000,8000) [4000,9000)");
      ASSIGNED (plain, 5000, 5000, "[1000,6000) [2000,7000) [3000,8000) [4000,9000) [5000,10000)");
      ASSIGNED (offset, 100, 100, "[-3900,1100) [-2900,2100) [-1900,3100) [-900,4100) [100,5100)");
      ASSIGNED (offset, 5099, 5099, "[100,5100) [1100,6100) [2100,7100) [3100,8100) [4100,9100)");
      ASSIGNED (offset, 5100, 5100,
                "[1100,6100) [2100,7100) [3100,8100) [4100,9100) [5100,10100)");
      ASSIGNED (negative, 0, 0, "[-4100,900) [-3100,1900) [-2100,2900) [-1100,3900) [-100,4900)");
      ASSIGNED (negative, 4899, 4899, "[-100,4900) [900,5900) [1900,6900) [2900,7900) [3900,8900)");
      ASSIGNED (negative, 4900, 4900, "[900,5900) [1900,6900) [2900,7900) [3900,8900) [4900,9900)");
      ASSIGNED (units, 100, 100, "[-4500,500) [-3500,1500) [-2500,2500) [-1500,3500) [-500,4500)");
      ASSIGNED (units, 5499, 5499, "[500,5500) [1500,6500) [2500,7500) [3500,8500) [4500,9500)");
      ASSIGNED (units, 5100, 5100, "[500,5500) [1500,6500) [2500,7500) [3500,8500) [4500,9500)");
    }
}
END_TEST

/* EventTimeSessionWindowsTest.testWindowAssignment and testTimeUnits (gap
 * 5000): [ts, ts + gap); ProcessingTimeSessionWindows the same on the clock */
START_TEST (test_session_assigners)
{
  ASSIGNED ("EventTimeSessionWindows.withGap(Duration.ofMillis(5000))", 0, 0, "[0,5000)");
  ASSIGNED ("EventTimeSessionWindows.withGap(Duration.ofMillis(5000))", 4999, 0, "[4999,9999)");
  ASSIGNED ("EventTimeSessionWindows.withGap(Duration.ofSeconds(5))", 5000, 0, "[5000,10000)");
  ASSIGNED ("EventTimeSessionWindows.withGap(Duration.ofSeconds(5))", -3, 0, "[-3,4997)");
  ASSIGNED ("ProcessingTimeSessionWindows.withGap(Duration.ofMillis(5000))", 0, 4999,
            "[4999,9999)");
}
END_TEST

/* The assigners' testInvalidParameters: the constructors' own messages,
 * negative durations included (a java.time.Duration may be negative) */
START_TEST (test_assigners_invalid_parameters)
{
  static const struct {
    const char *text, *message;
  } cases[] = {
    { "TumblingEventTimeWindows.of(Duration.ofSeconds(-1))", "abs(offset) < size" },
    { "TumblingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(20))",
      "abs(offset) < size" },
    { "TumblingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(-11))",
      "abs(offset) < size" },
    { "TumblingProcessingTimeWindows.of(Duration.ofSeconds(-1))", "abs(offset) < size" },
    { "SlidingEventTimeWindows.of(Duration.ofSeconds(-2), Duration.ofSeconds(1))",
      "abs(offset) < slide and size > 0" },
    { "SlidingEventTimeWindows.of(Duration.ofSeconds(2), Duration.ofSeconds(-1))",
      "abs(offset) < slide and size > 0" },
    { "SlidingEventTimeWindows.of(Duration.ofSeconds(-20), Duration.ofSeconds(10), "
      "Duration.ofSeconds(-1))", "abs(offset) < slide and size > 0" },
    { "SlidingEventTimeWindows.of(Duration.ofSeconds(20), Duration.ofSeconds(10), "
      "Duration.ofSeconds(-11))", "abs(offset) < slide and size > 0" },
    { "SlidingProcessingTimeWindows.of(Duration.ofSeconds(20), Duration.ofSeconds(10), "
      "Duration.ofSeconds(11))", "abs(offset) < slide and size > 0" },
    { "EventTimeSessionWindows.withGap(Duration.ofSeconds(-1))", "0 < size" },
    { "EventTimeSessionWindows.withGap(Duration.ofSeconds(0))", "0 < size" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FsimWindowSpec spec;
      int column = 0;
      g_autoptr (GError) error = NULL;
      ck_assert_msg (!fsim_window_assigner_parse (cases[i].text, &spec, &column, &error), "%s",
                     cases[i].text);
      ck_assert_msg (strstr (error->message, cases[i].message) != NULL, "%s: %s", cases[i].text,
                     error->message);
      ck_assert_msg (strstr (error->message, "parameters must satisfy") != NULL, "%s",
                     error->message);
    }
}
END_TEST

/* --- triggers on merging windows, continuous triggers --------------------- */

/* WindowOperatorTest.testSessionWindowsWithCountTrigger: gap 3 s,
 * PurgingTrigger.of(CountTrigger.of(4)); merging sums the sessions' counts
 * (CountTrigger.onMerge), so the element that joins key1's two sessions
 * fires the cover [10, 10000) */
START_TEST (test_session_windows_count_trigger)
{
  g_autoptr (Op) o = op_new ("EventTimeSessionWindows.withGap(Duration.ofSeconds(3))",
                             "PurgingTrigger.of(CountTrigger.of(4))", 0, FALSE);
  REPLAY (o, "Rkey2=1@0 Rkey2=2@1000 Rkey2=3@2500 Rkey2=4@3500 Rkey1=1@10 Rkey1=2@1000",
          "key2:10[0,6500)@6499");
  snapshot_and_restore (o);
  REPLAY (o, "Rkey1=3@2500 Rkey1=1@6000 Rkey1=2@6500 Rkey1=3@7000", "");
  REPLAY (o, "Rkey1=10@4500", "key1:22[10,10000)@9999");
}
END_TEST

/* WindowOperatorTest.testSessionWindowsWithContinuousEventTimeTrigger:
 * gap 3 s, ContinuousEventTimeTrigger.of(2 s); merged sessions keep the
 * lowest fire time (onMerge, the "fire-time" state's Min) */
START_TEST (test_session_windows_continuous_trigger)
{
  g_autoptr (Op) o = op_new ("EventTimeSessionWindows.withGap(Duration.ofSeconds(3))",
                             "ContinuousEventTimeTrigger.of(Duration.ofSeconds(2))", 0, FALSE);
  REPLAY (o, "Rkey1=1@1500 Rkey2=1@0 Rkey2=3@2500 Rkey2=2@1000 W2500",
          "key1:1[1500,4500)@4499 key2:6[0,5500)@5499");
  REPLAY (o, "Rkey2=5@4000 W3000", "");
  snapshot_and_restore (o);
  REPLAY (o, "Rkey1=2@4000 Rkey2=4@3500 W4000", "key1:3[1500,7000)@6999 key2:15[0,7000)@6999");
}
END_TEST

/* WindowOperatorTest.testContinuousWatermarkTrigger: GlobalWindows,
 * ContinuousEventTimeTrigger.of(3 s): a key's first element sets its fire
 * time to timestamp - timestamp % 3000 + 3000 (key1: 0 -> 3000, key2: 3000
 * -> 6000), every firing the next one 3 s on; nothing is purged */
START_TEST (test_continuous_watermark_trigger)
{
  g_autoptr (Op) o = op_new ("GlobalWindows.create()",
                             "ContinuousEventTimeTrigger.of(Duration.ofSeconds(3))", 0, FALSE);
  REPLAY (o, "Rkey1=1@0 Rkey2=1@3000 Rkey2=1@3999 Rkey1=1@20 Rkey1=1@999 Rkey2=1@1998 "
          "Rkey2=1@1999 Rkey2=1@1000 W1000 W2000", "");
  REPLAY (o, "W3000", "key1:3@9223372036854775807");
  REPLAY (o, "W4000 W5000", "");
  REPLAY (o, "W6000", "key1:3@9223372036854775807 key2:5@9223372036854775807");
  REPLAY (o, "W7000 W8000", "");
}
END_TEST

/* The event-time timers the operator holds, "ts:action" earliest first
 * (F: the window's maxTimestamp, C: cleanup, T: the trigger's own): read
 * one by one off a copy that fires each (a timer a firing sets would be
 * listed too; in these tests every one it sets is already there). */
static char *
timers (Op *o)
{
  g_autoptr (FsimWindowOperator) copy = fsim_window_operator_snapshot (o->op);
  g_autoptr (GArray) sink = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  GString *s = g_string_new (NULL);
  FsimWindowTimer t;
  while (fsim_window_operator_next_timer (copy, TRUE, &t))
    {
      g_string_append_printf (s, "%s%" PRId64 ":%c", s->len ? " " : "", t.timestamp,
                              "FCT"[t.action]);
      fsim_window_operator_process_watermark (copy, t.timestamp, sink, NULL);
      g_array_set_size (sink, 0);
    }
  return g_string_free (s, FALSE);
}

#define TIMERS(o, want) do { g_autofree char *got_ = timers (o); \
  ck_assert_str_eq (got_, (want)); } while (0)

/* ContinuousEventTimeTriggerTest on a WindowOperator. The harness gives
 * the trigger windows (0, 2) and (2, 4) and elements without a timestamp;
 * here the windows come from TumblingEventTimeWindows.of(2 h) with
 * ContinuousEventTimeTrigger.of(1 h), elements at 0 and 2 h, so each
 * window has the test's two timers: the fire time (1 h, 3 h) and the
 * maxTimestamp (where the cleanup timer, lateness 0, is the same timer).
 * testWindowSeparationAndFiring: a firing of one window does not touch
 * the other's timers; the next fire time is min(time + interval,
 * maxTimestamp). testLateElementTriggersImmediately: a window whose
 * maxTimestamp the watermark passed fires at once and the trigger sets no
 * timer (allowed lateness keeps the window from being late). */
START_TEST (test_continuous_trigger_separation)
{
  const gint64 h = 3600000;
  g_autoptr (Op) o = op_new ("TumblingEventTimeWindows.of(Duration.ofHours(2))",
                             "ContinuousEventTimeTrigger.of(Duration.ofHours(1))", 0, FALSE);
  el (o, "k", 1, 0);
  el (o, "k", 1, 0);
  el (o, "k", 1, 0);
  el (o, "k", 1, 2 * h);
  el (o, "k", 1, 2 * h);
  TIMERS (o, "3600000:T 7199999:F 10800000:T 14399999:F");
  wm (o, h);
  EXPECT (o, "k:3@7199999");
  /* (0, 2 h)'s next fire time is min(2 h, 2 h - 1): its maxTimestamp */
  TIMERS (o, "7199999:F 10800000:T 14399999:F");
  wm (o, 3 * h);
  EXPECT (o, "k:3@7199999 k:2@14399999");
  TIMERS (o, "14399999:F");
  g_autoptr (GArray) open = fsim_window_operator_open_windows (o->op);
  ck_assert_uint_eq (open->len, 1);     /* (0, 2 h) cleaned up at its maxTimestamp */

  g_autoptr (Op) late = op_new ("TumblingEventTimeWindows.of(Duration.ofMillis(2))",
                                "ContinuousEventTimeTrigger.of(Duration.ofHours(1))", 10, FALSE);
  wm (late, 2);
  ck_assert_int_eq (el (late, "k", 1, 0), FSIM_WINDOW_ELEMENT_ADDED);
  EXPECT (late, "k:1@1");
  TIMERS (late, "11:C");                /* only the operator's cleanup timer */
}
END_TEST

/* --- the job language's trigger, allowedLateness, sideOutputLateData ------ */

/* Records appear at 100/s with event times up to 3 s behind their
 * appearance (outOfOrder), the watermark 1 s behind the highest time seen
 * (forBoundedOutOfOrderness): records more than 1 s behind whose windows
 * have closed are late. */
#define LATE_JOB(calls)                                                              \
  "set parallelism.default = 1\n"                                                     \
  "set sim.duration = 30 s\n"                                                         \
  "e = env.fromSource(\"Clicks\").rate(100/s).outOfOrder(3 s)\n"                      \
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n" \
  "e.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s))" calls         \
  ".sum(1).print()\n"

/* The window-late totals of a run: numLateRecordsDropped and the side
 * output's, from its last window-late record (0, 0 without one). */
static void
late_totals (const char *text, gint64 *dropped, gint64 *side)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "late.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  *dropped = *side = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_LATE))
        {
          *dropped = r->values[2];
          *side = r->values[3];
        }
    }
}

/* WindowOperator.processElement in a job: without lateness some records
 * are dropped; sideOutputLateData sends exactly those (the run is the same
 * otherwise: a late record makes no result either way) to the side
 * output; allowedLateness(2 s) makes none late, since a record is at most
 * 3 s behind and the watermark 1 s + 1 ms behind the highest time, so
 * timestamp + 2 s > watermark (isElementLate is false). */
START_TEST (test_job_lateness_and_side_output)
{
  gint64 dropped, side;
  late_totals (LATE_JOB (""), &dropped, &side);
  ck_assert_int_gt (dropped, 0);
  ck_assert_int_eq (side, 0);
  gint64 dropped2, side2;
  late_totals (LATE_JOB (".sideOutputLateData(\"late\")"), &dropped2, &side2);
  ck_assert_int_eq (dropped2, 0);
  ck_assert_int_eq (side2, dropped);
  gint64 dropped3, side3;
  late_totals (LATE_JOB (".allowedLateness(2 s)"), &dropped3, &side3);
  ck_assert_int_eq (dropped3, 0);
  ck_assert_int_eq (side3, 0);
}
END_TEST

/* getSideOutput reads what sideOutputLateData sends: a late sink of its own
 * (parallelism 1, so not chained: a REBALANCE edge that carries the tag)
 * takes in exactly the records the window sent to the side output, and
 * the window's task sends nothing else over the network (its results go
 * to the chained print). */
START_TEST (test_job_get_side_output)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "set parallelism.default = 1\n"
    "set sim.duration = 30 s\n"
    "e = env.fromSource(\"Clicks\").rate(100/s).outOfOrder(3 s)\n"
    "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n"
    "w = e.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s))"
    ".sideOutputLateData(\"late\").sum(1)\n"
    "w.print()\n"
    "w.getSideOutput(\"late\").sinkTo(\"L\").name(\"Late\").disableChaining()\n",
    "side.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  FsimTraceKind k;
  int in = fsim_task_metrics_value_index (FSIM_TASK_METRIC_NUM_RECORDS_IN, &k);
  int out = fsim_task_metrics_value_index (FSIM_TASK_METRIC_NUM_RECORDS_OUT, &k);
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (run);
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (eg);
  int late_vertex = -1, window_vertex = -1;
  for (guint v = 0; v < jvs->len; v++)
    {
      const FsimExecutionJobVertex *x = g_ptr_array_index (jvs, v);
      if (strcmp (x->job_vertex->name, "Late: Writer") == 0)
        late_vertex = (int) v;
      if (g_str_has_prefix (x->job_vertex->name, "TumblingEventTimeWindows"))
        window_vertex = (int) v;
    }
  ck_assert_int_ge (late_vertex, 0);
  ck_assert_int_ge (window_vertex, 0);
  /* the last sample of each second: the late sink's records in, the
   * window's records out and its side output so far (window-late) */
  gint64 side = -1, late_in = -1, window_out = -1, checked = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_LATE))
        side = r->values[3];
      else if (r->kind == k && r->vertex == window_vertex)
        window_out = r->values[out];
      else if (r->kind == k && r->vertex == late_vertex)
        {
          late_in = r->values[in];
          ck_assert_int_le (late_in, window_out);  /* nothing arrives before it is sent */
          checked++;
        }
    }
  ck_assert_int_gt (side, 0);
  ck_assert_int_gt (checked, 20);
  /* by the end every late record sent has arrived, and only those */
  ck_assert_int_eq (window_out, side);
  ck_assert_int_le (side - late_in, 5);
}
END_TEST

/* Window state is keyed state (WindowOperator's "window-contents" and its
 * timers): a restore gives the new attempt the windows the checkpoint
 * holds. 2000 records of 10 keys at 100/s all fall in one 1 h window per
 * key, which fires only at end of input (watermark Long.MAX_VALUE); the
 * window task fails at 12.5 s, long after the first checkpoint (every
 * 1 s) held its windows, and the source rewinds to that checkpoint's offset. With the
 * windows restored every record is counted exactly once: the only firing
 * is the new attempt's, of 10 windows holding 2000 records. Lost window
 * state would leave the records before the offset out. */
START_TEST (test_job_window_state_restored)
{
  static const char text[] =
    "set parallelism.default = 1\n"
    "set execution.checkpointing.interval = 1 s\n"
    "set sim.duration = 60 s\n"
    "e = env.fromSource(\"Clicks\").rate(100/s).records(2000)\n"
    "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n"
    "e.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(1 h)).sum(1).print()\n"
    "at 12500 ms fail \"TumblingEventTimeWindows\" subtask 0\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "window-restore.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 fired_windows = 0, fired_records = 0, restored_windows = -1, restored_from = -1;
  gboolean holds = FALSE;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_RESTORE) && r->vertex == 1)
        restored_from = r->values[0], restored_windows = r->values[3];
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        {
          ck_assert_int_eq (r->attempt, 1);
          fired_windows += r->values[0];
          fired_records += r->values[1];
        }
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_VERDICT))
        holds = r->values[1] != 0;
    }
  ck_assert_int_gt (restored_from, 0);         /* a checkpoint, not from scratch */
  ck_assert_int_eq (restored_windows, 10);
  ck_assert_int_eq (fired_windows, 10);
  ck_assert_int_eq (fired_records, 2000);
  ck_assert (holds);
}
END_TEST

static FsimJobRun *
run_job (FsimJob *job)
{
  g_autoptr (GError) error = NULL;
  FsimJobRun *run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  return run;
}

/* Processing-time windows on a job (WindowOperatorTest.
 * testProcessingTimeTumblingWindows on a real clock): a window [k s,
 * (k+1) s) is assigned by the task's clock when a record arrives and fires
 * when that clock reaches its maxTimestamp, (k+1) s - 1 ms
 * (ProcessingTimeTrigger registers it); records flow every second, so
 * every second after the first fires, at most one window per key. */
START_TEST (test_job_processing_time_windows)
{
  static const char text[] =
    "set parallelism.default = 1\n"
    "set sim.duration = 10 s\n"
    "e = env.fromSource(\"Clicks\").rate(100/s)\n"
    "e.keyBy(\"user\").keys(5).window(TumblingProcessingTimeWindows.of(1 s)).sum(1).print()\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "pt.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = run_job (job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  int firings = 0;
  gint64 last_ms = -1;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        continue;
      gint64 ms = r->values[2];
      ck_assert_int_eq (ms % 1000, 999);                /* window.maxTimestamp () */
      ck_assert_int_eq (r->time_us, ms * 1000);         /* fired on the timer, idle task */
      ck_assert_int_gt (ms, last_ms);                   /* one firing a window end */
      ck_assert_int_ge (r->values[0], 1);
      ck_assert_int_le (r->values[0], 5);               /* one window per key */
      last_ms = ms;
      firings++;
    }
  /* the windows ending at 1.999 s .. 9.999 s: 9 of them, perhaps [0, 1 s) too */
  ck_assert_int_ge (firings, 9);
  ck_assert_int_le (firings, 10);
}
END_TEST

/* A processing-time timer is a mail (StreamTask's MailboxProcessor): it
 * runs while the default action waits for output availability (soft
 * backpressure), and its firing's records then wait for buffers; only a
 * task thread blocked on a buffer request (hard) cannot run it. The
 * window's 10 results a second are 16 KB each, two a 32 KiB buffer,
 * behind a sink of 5 records a second: the window task's subpartition
 * reaches its cap of 10 buffers (max-buffers-per-channel) in seconds. So
 * some windows fire at their maxTimestamp while the task is
 * backpressured (before, they waited for it to run again), and a firing
 * after its maxTimestamp only comes when the task was backpressured then
 * (blocked: hard). */
START_TEST (test_job_timers_while_backpressured)
{
  static const char text[] =
    "set parallelism.default = 1\n"
    "set sim.duration = 60 s\n"
    "set sim.record-size = 16000\n"
    "e = env.fromSource(\"Clicks\").rate(100/s)\n"
    "e.keyBy(\"user\").keys(10).window(SlidingProcessingTimeWindows.of(4 s, 1 s)).sum(1)\n"
    "  .rebalance().print().cost(200 ms)\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "ptb.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = run_job (job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  /* the window task's activity as it changes */
  typedef struct {
    gint64 time_us;
    gboolean backpressured;
  } Change;
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  int on_time_backpressured = 0, late = 0;
  gboolean backpressured = FALSE;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex != 1)
        continue;
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_ACTIVITY))
        {
          backpressured = r->to == FSIM_TASK_BACKPRESSURED;
          Change c = { r->time_us, backpressured };
          g_array_append_val (changes, c);
        }
      if (r->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        continue;
      /* time_ms is the clock at the firing; with a slide of 1 s the
       * windows end at k s, maxTimestamp k s - 1 ms: the last before it
       * is when they were due */
      gint64 ms = r->values[2];
      gint64 due = (((ms + 1) / 1000) * 1000 - 1) * 1000;
      ck_assert_int_eq (r->time_us, ms * 1000);
      if (r->time_us == due)
        {
          on_time_backpressured += backpressured;
          continue;
        }
      ck_assert_int_gt (r->time_us, due);
      late++;
      /* backpressured at its maxTimestamp (the last change before it) */
      gboolean then = FALSE;
      for (guint k = 0; k < changes->len; k++)
        if (g_array_index (changes, Change, k).time_us < due)
          then = g_array_index (changes, Change, k).backpressured;
      ck_assert_msg (then, "fired at %" G_GINT64_FORMAT " us for %" G_GINT64_FORMAT
                     " us, the task not backpressured then", r->time_us, due);
    }
  ck_assert_int_ge (on_time_backpressured, 1);
}
END_TEST

/* examples/window-trio.job: 1000 records, bounded, so the end of input
 * (watermark Long.MAX_VALUE) fires every window still open. Each record is
 * in one tumbling window, in size / slide = 2 sliding windows and in one
 * session (sessions merge, never overlap: MergingWindowSet). */
START_TEST (test_window_trio_counts)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/window-trio.job");
  g_autoptr (FsimJobRun) run = run_job (job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 records[4] = { 0 };
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        {
          ck_assert (r->vertex >= 1 && r->vertex <= 3);
          records[r->vertex] += r->values[1];
        }
    }
  ck_assert_int_eq (records[1], 1000);  /* Tumbling 10 s */
  ck_assert_int_eq (records[2], 2000);  /* Sliding 10 s every 5 s */
  ck_assert_int_eq (records[3], 1000);  /* Session gap 5 s */
}
END_TEST

/* --- BATCH: BatchExecutionInternalTimeService ---------------------------- */
/* BatchExecutionInternalTimeServiceTest, replayed on a window operator: a
 * window's timer stands for the test's timer (a tumbling window [0, 124)
 * registers one at its maxTimestamp 123). Keys come sorted, as the
 * SortingDataInput hands them over. */

static Op *
batch_op_new (const char *assigner, const char *trigger)
{
  Op *o = op_new (assigner, trigger, 0, FALSE);
  fsim_window_operator_use_batch_timer_service (o->op);
  return o;
}

/* testFiringEventTimeTimers: a watermark below Long.MAX_VALUE fires
 * nothing (streaming would fire [0, 124) at 1000); the key's change fires
 * the key's timer. testSettingSameKeyDoesNotFireTimers: more elements of
 * the same key fire nothing. */
START_TEST (test_batch_timers_fire_on_key_change)
{
  g_autoptr (Op) o = batch_op_new ("TumblingEventTimeWindows.of(124 ms)", NULL);
  el (o, "1", 1, 0);
  el (o, "1", 1, 100);
  wm (o, 1000);
  EXPECT (o, "");
  el (o, "2", 1, 0);
  EXPECT (o, "1:2@123");
}
END_TEST

/* testCurrentWatermark: the watermark is Long.MIN_VALUE before, between
 * keys and after a watermark of 1000; Watermark.MAX_WATERMARK fires the
 * last key's timers (keySelected (null)): 123, then 124. No window is late
 * and none fires on its element, though its end is behind watermark
 * 1000 (EventTimeTrigger.onElement compares with currentWatermark). */
START_TEST (test_batch_current_watermark)
{
  g_autoptr (Op) o = batch_op_new ("TumblingEventTimeWindows.of(124 ms)", NULL);
  g_autoptr (Op) p = batch_op_new ("TumblingEventTimeWindows.of(125 ms)", NULL);
  ck_assert_int_eq (fsim_window_operator_get_current_watermark (o->op), G_MININT64);
  el (o, "1", 1, 0);
  ck_assert_int_eq (fsim_window_operator_get_current_watermark (o->op), G_MININT64);
  wm (o, 1000);
  ck_assert_int_eq (fsim_window_operator_get_current_watermark (o->op), G_MININT64);
  ck_assert_int_eq (el (o, "2", 1, 0), FSIM_WINDOW_ELEMENT_ADDED);
  EXPECT (o, "1:1@123");
  ck_assert_int_eq (fsim_window_operator_get_current_watermark (o->op), G_MININT64);
  wm (o, G_MAXINT64);
  EXPECT (o, "2:1@123");
  el (p, "2", 1, 0);
  wm (p, G_MAXINT64);
  EXPECT (p, "2:1@124");
}
END_TEST

/* testProcessingTimeTimers: no physical timer (the next processing-time
 * timer is none), processing time passing fires nothing, the key's change
 * fires its timer (ProcessingTimeTrigger at [0, 151)'s maxTimestamp 150). */
START_TEST (test_batch_processing_time_timers)
{
  g_autoptr (Op) o = batch_op_new ("TumblingProcessingTimeWindows.of(151 ms)", NULL);
  el (o, "1", 1, 0);
  ck_assert_int_eq (fsim_window_operator_get_next_processing_timer (o->op), -1);
  fsim_window_operator_advance_processing_time (o->op, 1000, o->fired, NULL);
  EXPECT (o, "");
  el (o, "2", 1, 0);
  EXPECT (o, "1:1@150");
}
END_TEST

/* testIgnoringEventTimeTimersFromWithinCallback: ContinuousEventTimeTrigger
 * .of(100 ms) on [0, 1000) sets timers at 100 and 999; fired at the key's
 * change, the one at 100 registers the next at 200, which the quiesced
 * service ignores: two results, where a heap timer service at watermark
 * Long.MAX_VALUE fires at 100, 200, ..., 900 and 999 (ten). */
START_TEST (test_batch_timers_from_callback_ignored)
{
  g_autoptr (Op) o = batch_op_new ("TumblingEventTimeWindows.of(1 s)",
                                   "ContinuousEventTimeTrigger.of(100 ms)");
  el (o, "1", 1, 50);
  el (o, "2", 1, 50);
  EXPECT (o, "1:1@999 1:1@999");
  g_autoptr (Op) heap = op_new ("TumblingEventTimeWindows.of(1 s)",
                                "ContinuousEventTimeTrigger.of(100 ms)", 0, FALSE);
  el (heap, "1", 1, 50);
  wm (heap, G_MAXINT64);
  ck_assert_uint_eq (heap->fired->len, 10);
}
END_TEST

/* BatchExecutionKeyedStateBackend.setCurrentKey clears every state of the
 * previous key: countWindow(3) holds two elements of key 1 when key 2
 * begins (no timer: nothing fires), so a third element of key 1 later
 * starts a new count and fires nothing; streaming fires at it. Each key's
 * windows fire in timestamp order when the next key starts. */
START_TEST (test_batch_key_state_cleared)
{
  g_autoptr (Op) o = batch_op_new ("countWindow(3)", NULL);
  g_autoptr (Op) s = op_new ("countWindow(3)", NULL, 0, FALSE);
  static const char *const keys[] = { "1", "1", "2", "1" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    el (o, keys[i], 1, 0), el (s, keys[i], 1, 0);
  EXPECT (o, "");
  EXPECT (s, "1:3@9223372036854775807");
  g_autoptr (Op) t = batch_op_new ("TumblingEventTimeWindows.of(1 s)", NULL);
  el (t, "a", 1, 2500);
  el (t, "a", 2, 10);
  el (t, "a", 4, 1200);
  el (t, "b", 8, 0);
  EXPECT (t, "a:2@999 a:4@1999 a:1@2999");
  wm (t, G_MAXINT64);
  EXPECT (t, "b:8@999");
}
END_TEST

void
scheduler_windows_tcases (Suite *s)
{
  TCase *tc = tcase_create ("WindowOperator");
  tcase_add_test (tc, test_window_start_with_offset);
  tcase_add_test (tc, test_tumbling_event_time);
  tcase_add_test (tc, test_sliding_event_time);
  tcase_add_test (tc, test_session_windows);
  tcase_add_test (tc, test_count_trigger);
  tcase_add_test (tc, test_sliding_count_window);
  tcase_add_test (tc, test_processing_time_tumbling);
  tcase_add_test (tc, test_processing_time_sliding);
  tcase_add_test (tc, test_processing_time_sessions);
  tcase_add_test (tc, test_lateness);
  tcase_add_test (tc, test_side_output_due_to_lateness);
  tcase_add_test (tc, test_cleanup_time_overflow);
  tcase_add_test (tc, test_lateness_sequences);
  tcase_add_test (tc, test_tumbling_assigners);
  tcase_add_test (tc, test_tumbling_stagger);
  tcase_add_test (tc, test_sliding_assigners);
  tcase_add_test (tc, test_session_assigners);
  tcase_add_test (tc, test_assigners_invalid_parameters);
  tcase_add_test (tc, test_session_windows_count_trigger);
  tcase_add_test (tc, test_session_windows_continuous_trigger);
  tcase_add_test (tc, test_continuous_watermark_trigger);
  tcase_add_test (tc, test_continuous_trigger_separation);
  suite_add_tcase (s, tc);
  TCase *batch = tcase_create ("BatchExecutionInternalTimeService");
  tcase_add_test (batch, test_batch_timers_fire_on_key_change);
  tcase_add_test (batch, test_batch_current_watermark);
  tcase_add_test (batch, test_batch_processing_time_timers);
  tcase_add_test (batch, test_batch_timers_from_callback_ignored);
  tcase_add_test (batch, test_batch_key_state_cleared);
  suite_add_tcase (s, batch);
  TCase *jobs = tcase_create ("WindowedStream in jobs");
  tcase_set_timeout (jobs, 60);
  tcase_add_test (jobs, test_job_lateness_and_side_output);
  tcase_add_test (jobs, test_job_get_side_output);
  tcase_add_test (jobs, test_job_window_state_restored);
  tcase_add_test (jobs, test_job_processing_time_windows);
  tcase_add_test (jobs, test_job_timers_while_backpressured);
  tcase_add_test (jobs, test_window_trio_counts);
  suite_add_tcase (s, jobs);
}
