/* scheduler-watermarks.c - StatusWatermarkValve, the WatermarkStrategy's
 * generators and TimestampsAndWatermarksOperator (scheduler.h "Event
 * time"), replaying Flink's own test sequences: each test names the Flink
 * test method whose inputs and expected outputs it repeats. */
#include "config.h"

#include <inttypes.h>

#include "tests/scheduler-tests.h"

/* What was emitted, as "W10 IDLE ACTIVE R5", and clears out. */
static char *
emitted (GArray *out)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < out->len; i++)
    {
      FsimEventTimeOutput *o = &g_array_index (out, FsimEventTimeOutput, i);
      if (s->len)
        g_string_append_c (s, ' ');
      if (o->kind == FSIM_EVENT_TIME_WATERMARK)
        g_string_append_printf (s, "W%" PRId64, o->timestamp);
      else if (o->kind == FSIM_EVENT_TIME_RECORD)
        g_string_append_printf (s, "R%" PRId64, o->timestamp);
      else
        g_string_append (s, o->idle ? "IDLE" : "ACTIVE");
    }
  g_array_set_size (out, 0);
  return g_string_free (s, FALSE);
}

typedef struct {
  FsimWatermarkValve *valve;
  GArray *out;
} Valve;

static Valve *
valve_new (guint n)
{
  Valve *v = g_new0 (Valve, 1);
  v->valve = fsim_watermark_valve_new (n);
  v->out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  return v;
}

static void
valve_free (Valve *v)
{
  fsim_watermark_valve_free (v->valve);
  g_array_unref (v->out);
  g_free (v);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Valve, valve_free)

static void
wm (Valve *v, guint channel, gint64 w)
{
  g_free (fsim_watermark_valve_input_watermark (v->valve, channel, w, v->out));
}

static void
idle (Valve *v, guint channel)
{
  g_free (fsim_watermark_valve_input_status (v->valve, channel, TRUE, v->out));
}

static void
active (Valve *v, guint channel)
{
  g_free (fsim_watermark_valve_input_status (v->valve, channel, FALSE, v->out));
}

#define EXPECT(v, s) do { g_autofree char *got_ = emitted ((v)->out); \
  ck_assert_str_eq (got_, (s)); } while (0)

/* StatusWatermarkValveTest.testSingleInputIncreasingWatermarks,
 * testSingleInputDecreasingWatermarksYieldsNoOutput */
START_TEST (test_valve_single_input)
{
  g_autoptr (Valve) v = valve_new (1);
  wm (v, 0, 0);
  EXPECT (v, "W0");
  wm (v, 0, 25);
  EXPECT (v, "W25");
  wm (v, 0, 18);
  EXPECT (v, "");
  wm (v, 0, 42);
  EXPECT (v, "W42");
}
END_TEST

/* testSingleInputWatermarkStatusToggling, testSingleInputWatermarksIntactDuringIdleness */
START_TEST (test_valve_single_input_idleness)
{
  g_autoptr (Valve) v = valve_new (1);
  active (v, 0);
  EXPECT (v, "");
  idle (v, 0);
  EXPECT (v, "IDLE");
  idle (v, 0);
  EXPECT (v, "");
  active (v, 0);
  EXPECT (v, "ACTIVE");

  g_autoptr (Valve) w = valve_new (1);
  wm (w, 0, 25);
  EXPECT (w, "W25");
  idle (w, 0);
  EXPECT (w, "IDLE");
  wm (w, 0, 50);
  EXPECT (w, "");
  ck_assert_int_eq (fsim_watermark_valve_get_channel_watermark (w->valve, 0), 25);
  active (w, 0);
  EXPECT (w, "ACTIVE");
  wm (w, 0, 50);
  EXPECT (w, "W50");
}
END_TEST

/* testMultipleInputYieldsWatermarkOnlyWhenAllChannelsReceivesWatermarks,
 * testMultipleInputIncreasingWatermarks, testMultipleInputDecreasingWatermarksYieldsNoOutput */
START_TEST (test_valve_multiple_inputs)
{
  g_autoptr (Valve) v = valve_new (3);
  wm (v, 0, 0);
  wm (v, 1, 0);
  EXPECT (v, "");
  wm (v, 2, 0);
  EXPECT (v, "W0");
  wm (v, 0, 12);
  wm (v, 2, 8);
  wm (v, 2, 10);
  EXPECT (v, "");
  wm (v, 1, 15);
  EXPECT (v, "W10");
  wm (v, 2, 17);
  EXPECT (v, "W12");
  wm (v, 0, 20);
  EXPECT (v, "W15");

  g_autoptr (Valve) d = valve_new (3);
  wm (d, 0, 25);
  wm (d, 1, 10);
  wm (d, 2, 17);
  EXPECT (d, "W10");
  wm (d, 0, 12);
  wm (d, 1, 8);
  wm (d, 2, 15);
  EXPECT (d, "");
}
END_TEST

/* testMultipleInputWatermarkStatusToggling,
 * testMultipleInputWatermarkAdvancingWithPartiallyIdleChannels,
 * testMultipleInputWatermarkAdvancingAsChannelsIndividuallyBecomeIdle */
START_TEST (test_valve_partially_idle)
{
  g_autoptr (Valve) t = valve_new (2);
  active (t, 0);
  active (t, 1);
  EXPECT (t, "");
  idle (t, 1);
  EXPECT (t, "");
  idle (t, 0);
  EXPECT (t, "IDLE");
  idle (t, 0);
  idle (t, 1);
  EXPECT (t, "");
  active (t, 1);
  EXPECT (t, "ACTIVE");
  active (t, 0);
  EXPECT (t, "");

  g_autoptr (Valve) p = valve_new (3);
  wm (p, 0, 15);
  wm (p, 1, 10);
  EXPECT (p, "");
  idle (p, 2);
  EXPECT (p, "W10");
  wm (p, 1, 18);
  EXPECT (p, "W15");
  wm (p, 0, 20);
  EXPECT (p, "W18");

  g_autoptr (Valve) g = valve_new (3);
  wm (g, 0, 25);
  wm (g, 1, 10);
  wm (g, 2, 17);
  EXPECT (g, "W10");
  idle (g, 1);
  EXPECT (g, "W17");
  idle (g, 2);
  EXPECT (g, "W25");
}
END_TEST

/* testMultipleInputFlushMaxWatermarkAndWatermarkStatusOnceAllInputsBecomeIdle */
START_TEST (test_valve_flush_when_all_idle)
{
  g_autoptr (Valve) v = valve_new (3);
  wm (v, 0, 10);
  wm (v, 1, 5);
  wm (v, 2, 3);
  EXPECT (v, "W3");
  idle (v, 0);
  idle (v, 1);
  EXPECT (v, "");
  idle (v, 2);
  EXPECT (v, "W10 IDLE");
}
END_TEST

/* testMultipleInputWatermarkRealignmentAfterResumeActive,
 * testNoOutputWhenAllActiveChannelsAreUnaligned, testUnalignedActiveChannelBecomesIdle */
START_TEST (test_valve_realignment)
{
  g_autoptr (Valve) v = valve_new (3);
  wm (v, 0, 10);
  wm (v, 1, 7);
  wm (v, 2, 3);
  EXPECT (v, "W3");
  idle (v, 2);
  EXPECT (v, "W7");
  active (v, 2);
  ck_assert (!fsim_watermark_valve_channel_is_aligned (v->valve, 2));
  wm (v, 2, 5);
  ck_assert_int_eq (fsim_watermark_valve_get_channel_watermark (v->valve, 2), 5);
  EXPECT (v, "");
  wm (v, 2, 9);
  ck_assert (fsim_watermark_valve_channel_is_aligned (v->valve, 2));
  EXPECT (v, "");
  wm (v, 1, 12);
  EXPECT (v, "W9");

  g_autoptr (Valve) u = valve_new (3);
  wm (u, 0, 10);
  wm (u, 1, 7);
  idle (u, 2);
  EXPECT (u, "W7");
  active (u, 2);
  EXPECT (u, "");
  idle (u, 0);
  idle (u, 1);
  EXPECT (u, "");

  g_autoptr (Valve) b = valve_new (2);
  wm (b, 0, 7);
  wm (b, 1, 10);
  EXPECT (b, "W7");
  idle (b, 0);
  EXPECT (b, "W10");
  active (b, 0);
  wm (b, 0, 9);
  EXPECT (b, "");
  idle (b, 0);
  EXPECT (b, "");
}
END_TEST

/* The flush of Flink 2.0 (the spec's commit) needs the channel going idle
 * to hold the last output; later Flink flushes unconditionally
 * (testMultipleInputFlushMaxWatermarkOnceAllInputsBecomeIdleWithUnalignedLastChannel
 * there expects W100 IDLE). Here: IDLE alone. */
START_TEST (test_valve_no_flush_from_unaligned_last_channel)
{
  g_autoptr (Valve) v = valve_new (3);
  wm (v, 0, 100);
  wm (v, 1, 50);
  wm (v, 2, 70);
  EXPECT (v, "W50");
  idle (v, 1);
  EXPECT (v, "W70");
  active (v, 1);
  wm (v, 1, 60);
  EXPECT (v, "");
  idle (v, 0);
  idle (v, 2);
  EXPECT (v, "");
  idle (v, 1);
  EXPECT (v, "IDLE");
}
END_TEST

/* BoundedOutOfOrdernessWatermarksTest: testWatermarkBeforeRecords,
 * testWatermarkAfterEvent, testWatermarkAfterNonMonotonousEvents, testRepeatedProbe */
START_TEST (test_bounded_out_of_orderness)
{
  FsimWatermarkSpec spec = { .kind = FSIM_WATERMARKS_BOUNDED, .max_out_of_orderness_us = 10000 };
  gint64 w = 0;
  g_autoptr (FsimWatermarkGenerator) g = fsim_watermark_generator_new (&spec);
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (g, 0, &w, NULL),
                    FSIM_GENERATOR_WATERMARK);
  ck_assert (w == G_MININT64);
  fsim_watermark_generator_on_event (g, 1337);
  fsim_watermark_generator_on_periodic_emit (g, 0, &w, NULL);
  ck_assert_int_eq (w, 1326);

  g_autoptr (FsimWatermarkGenerator) n = fsim_watermark_generator_new (&spec);
  gint64 events[] = { 12345, 12300, 12340, 12280 };
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    fsim_watermark_generator_on_event (n, events[i]);
  fsim_watermark_generator_on_periodic_emit (n, 0, &w, NULL);
  ck_assert_int_eq (w, 12334);

  g_autoptr (FsimWatermarkGenerator) r = fsim_watermark_generator_new (&spec);
  fsim_watermark_generator_on_event (r, 723456);
  fsim_watermark_generator_on_periodic_emit (r, 0, &w, NULL);
  fsim_watermark_generator_on_periodic_emit (r, 0, &w, NULL);
  ck_assert_int_eq (w, 723445);

  /* forMonotonousTimestamps: AscendingTimestampsWatermarks, max - 1 */
  FsimWatermarkSpec mono = { .kind = FSIM_WATERMARKS_MONOTONOUS };
  g_autoptr (FsimWatermarkGenerator) m = fsim_watermark_generator_new (&mono);
  fsim_watermark_generator_on_event (m, 100);
  fsim_watermark_generator_on_periodic_emit (m, 0, &w, NULL);
  ck_assert_int_eq (w, 99);
  FsimWatermarkSpec none = { .kind = FSIM_WATERMARKS_NONE };
  g_autoptr (FsimWatermarkGenerator) z = fsim_watermark_generator_new (&none);
  fsim_watermark_generator_on_event (z, 100);
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (z, 0, &w, NULL),
                    FSIM_GENERATOR_NOTHING);
}
END_TEST

/* WatermarksWithIdlenessTest: testInitiallyActive, testIdleWithoutEvents,
 * testRepeatedIdleChecks, testActiveAfterIdleness, testIdleActiveIdle,
 * through onPeriodicEmit (which calls IdlenessTimer.checkIfIdle). The
 * clock starts at 1000 ms (Flink's ManualClock at System.nanoTime()). */
START_TEST (test_idleness_timer)
{
  FsimWatermarkSpec spec = { .kind = FSIM_WATERMARKS_MONOTONOUS, .idleness_us = 10000 };
  gint64 w;
  g_autoptr (FsimWatermarkGenerator) a = fsim_watermark_generator_new (&spec);
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (a, 1000, &w, NULL),
                    FSIM_GENERATOR_WATERMARK);     /* initially active */
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (a, 1011, &w, NULL),
                    FSIM_GENERATOR_IDLE);          /* idle without events */
  /* repeated checks stay idle: markIdle once, then nothing */
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (a, 1111, &w, NULL),
                    FSIM_GENERATOR_NOTHING);
  /* active after idleness */
  fsim_watermark_generator_on_event (a, 5);
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (a, 1112, &w, NULL),
                    FSIM_GENERATOR_WATERMARK);
  /* idle again: the timer starts at the next check, idle only after more
   * than the timeout (122 ms in testIdleActiveIdle; 10 ms here) */
  FsimWatermarkSpec s122 = { .kind = FSIM_WATERMARKS_MONOTONOUS, .idleness_us = 122000 };
  g_autoptr (FsimWatermarkGenerator) b = fsim_watermark_generator_new (&s122);
  fsim_watermark_generator_on_periodic_emit (b, 1000, &w, NULL);
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (b, 1123, &w, NULL),
                    FSIM_GENERATOR_IDLE);
  fsim_watermark_generator_on_event (b, 1);
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (b, 1123, &w, NULL),
                    FSIM_GENERATOR_WATERMARK);
  fsim_watermark_generator_on_periodic_emit (b, 1123, &w, NULL);   /* starts the timer */
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (b, 1245, &w, NULL),
                    FSIM_GENERATOR_WATERMARK);     /* exactly the timeout: not yet */
  ck_assert_int_eq (fsim_watermark_generator_on_periodic_emit (b, 1246, &w, NULL),
                    FSIM_GENERATOR_IDLE);
}
END_TEST

/* TimestampsAndWatermarksOperator: the first timer at the interval, the
 * next one interval after the time it fired, one emission per jump; the
 * record before its watermark; only advancing watermarks; IDLE, then
 * ACTIVE in front of the next new watermark (WatermarkEmitter);
 * Long.MAX_VALUE forwarded (TimestampsAndWatermarksOperatorTest.
 * longMaxInputWatermarkIsForwarded), other upstream watermarks dropped. */
START_TEST (test_timestamps_and_watermarks_operator)
{
  FsimWatermarkSpec spec = { .kind = FSIM_WATERMARKS_BOUNDED, .max_out_of_orderness_us = 2000000,
                             .idleness_us = 1000000 };
  g_autoptr (FsimTimestampsAndWatermarks) op = fsim_timestamps_and_watermarks_new (&spec, 200, 0);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  Valve v = { NULL, out };
  ck_assert_int_eq (fsim_timestamps_and_watermarks_get_next_timer (op), 200);
  g_free (fsim_timestamps_and_watermarks_process_element (op, 5000, out));
  EXPECT (&v, "R5000");
  g_free (fsim_timestamps_and_watermarks_advance_processing_time (op, 199, out));
  EXPECT (&v, "");
  g_free (fsim_timestamps_and_watermarks_advance_processing_time (op, 200, out));
  EXPECT (&v, "W2999");
  g_free (fsim_timestamps_and_watermarks_advance_processing_time (op, 1000, out));
  EXPECT (&v, "");                              /* not above the last */
  ck_assert_int_eq (fsim_timestamps_and_watermarks_get_next_timer (op), 1200);
  /* no record since: the timer started at 1000 (first tick without one),
   * idle once more than 1 s has passed */
  g_free (fsim_timestamps_and_watermarks_advance_processing_time (op, 2000, out));
  EXPECT (&v, "");
  g_free (fsim_timestamps_and_watermarks_advance_processing_time (op, 2200, out));
  EXPECT (&v, "IDLE");
  g_free (fsim_timestamps_and_watermarks_process_element (op, 9000, out));
  EXPECT (&v, "R9000");
  g_free (fsim_timestamps_and_watermarks_advance_processing_time (op, 2400, out));
  EXPECT (&v, "ACTIVE W6999");
  g_free (fsim_timestamps_and_watermarks_process_watermark (op, 123, out));
  EXPECT (&v, "");
  g_free (fsim_timestamps_and_watermarks_process_watermark (op, G_MAXINT64, out));
  EXPECT (&v, "W9223372036854775807");
}
END_TEST

void
scheduler_watermarks_tcases (Suite *s)
{
  TCase *valve = tcase_create ("StatusWatermarkValve");
  tcase_add_test (valve, test_valve_single_input);
  tcase_add_test (valve, test_valve_single_input_idleness);
  tcase_add_test (valve, test_valve_multiple_inputs);
  tcase_add_test (valve, test_valve_partially_idle);
  tcase_add_test (valve, test_valve_flush_when_all_idle);
  tcase_add_test (valve, test_valve_realignment);
  tcase_add_test (valve, test_valve_no_flush_from_unaligned_last_channel);
  suite_add_tcase (s, valve);
  TCase *gen = tcase_create ("WatermarkGenerator");
  tcase_add_test (gen, test_bounded_out_of_orderness);
  tcase_add_test (gen, test_idleness_timer);
  tcase_add_test (gen, test_timestamps_and_watermarks_operator);
  suite_add_tcase (s, gen);
}
