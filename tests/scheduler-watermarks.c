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

/* --- two inputs: IndexedCombinedWatermarkStatus --------------------------- */

/* A two-input task's inputs: a StatusWatermarkValve per input (2 channels
 * each), their outputs into the operator's combinedWatermark as
 * StreamTwoInputProcessor and AbstractStreamOperator pass them on. */
typedef struct {
  FsimWatermarkValve *valves[2];
  FsimCombinedWatermark *combined;
  GArray *mid, *out;
} TwoInputs;

static void
two_inputs_pass (TwoInputs *t, guint input)
{
  for (guint i = 0; i < t->mid->len; i++)
    {
      const FsimEventTimeOutput *o = &g_array_index (t->mid, FsimEventTimeOutput, i);
      if (o->kind == FSIM_EVENT_TIME_WATERMARK)
        fsim_combined_watermark_input_watermark (t->combined, input, o->timestamp, t->out);
      else
        fsim_combined_watermark_input_status (t->combined, input, o->idle, t->out);
    }
  g_array_set_size (t->mid, 0);
}

static void
two_wm (TwoInputs *t, guint input, guint channel, gint64 w)
{
  g_free (fsim_watermark_valve_input_watermark (t->valves[input], channel, w, t->mid));
  two_inputs_pass (t, input);
}

static void
two_status (TwoInputs *t, guint input, guint channel, gboolean is_idle)
{
  g_free (fsim_watermark_valve_input_status (t->valves[input], channel, is_idle, t->mid));
  two_inputs_pass (t, input);
}

#define EXPECT2(t, s) do { g_autofree char *got_ = emitted ((t)->out); \
  ck_assert_str_eq (got_, (s)); } while (0)

/* TwoInputStreamTaskTest.testWatermarkAndWatermarkStatusForwarding: two
 * inputs of two channels each; the output is the minimum of all four
 * until channels go idle; the task goes IDLE only when all four are, and
 * ACTIVE again once */
START_TEST (test_two_input_watermarks)
{
  TwoInputs t = {
    .valves = { fsim_watermark_valve_new (2), fsim_watermark_valve_new (2) },
    .combined = fsim_combined_watermark_new (2),
    .mid = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput)),
    .out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput)),
  };
  two_wm (&t, 0, 0, 0);
  two_wm (&t, 0, 1, 0);
  two_wm (&t, 1, 0, 0);
  EXPECT2 (&t, "");
  two_wm (&t, 1, 1, 0);
  EXPECT2 (&t, "W0");
  two_wm (&t, 0, 0, 4);
  two_wm (&t, 0, 1, 3);
  two_wm (&t, 1, 0, 3);
  two_wm (&t, 1, 1, 2);
  EXPECT2 (&t, "W2");
  two_wm (&t, 1, 1, 4);
  EXPECT2 (&t, "W3");
  two_wm (&t, 0, 1, 4);
  two_wm (&t, 1, 0, 4);
  EXPECT2 (&t, "W4");
  two_status (&t, 0, 1, TRUE);
  two_status (&t, 1, 0, TRUE);
  two_wm (&t, 0, 0, 6);
  two_wm (&t, 1, 1, 5);
  two_status (&t, 1, 1, TRUE);
  EXPECT2 (&t, "W5 W6");
  two_status (&t, 0, 0, TRUE);
  EXPECT2 (&t, "IDLE");
  ck_assert (fsim_combined_watermark_is_idle (t.combined));
  two_status (&t, 1, 0, FALSE);
  two_status (&t, 0, 1, FALSE);
  EXPECT2 (&t, "ACTIVE");
  ck_assert_int_eq (fsim_combined_watermark_get (t.combined), 6);
  for (int i = 0; i < 2; i++)
    fsim_watermark_valve_free (t.valves[i]);
  fsim_combined_watermark_free (t.combined);
  g_array_unref (t.mid);
  g_array_unref (t.out);
}
END_TEST

/* AbstractStreamOperator.processWatermarkStatus: a status that lets the
 * combined watermark advance sends the watermark first, then the status
 * (CombinedWatermarkStatus.updateCombinedWatermark, then the wasIdle
 * check); a watermark on an idle input makes it active again
 * (PartialWatermark.setWatermark) */
START_TEST (test_combined_watermark_order)
{
  g_autoptr (FsimCombinedWatermark) c = fsim_combined_watermark_new (2);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  fsim_combined_watermark_input_watermark (c, 0, 10, out);
  fsim_combined_watermark_input_watermark (c, 1, 5, out);
  g_autofree char *a = emitted (out);
  ck_assert_str_eq (a, "W5");
  fsim_combined_watermark_input_status (c, 1, TRUE, out);       /* min over input 0: 10 */
  g_autofree char *b = emitted (out);
  ck_assert_str_eq (b, "W10");
  fsim_combined_watermark_input_status (c, 0, TRUE, out);
  g_autofree char *d = emitted (out);
  ck_assert_str_eq (d, "IDLE");
  fsim_combined_watermark_input_watermark (c, 0, 20, out);      /* active by its watermark */
  g_autofree char *e = emitted (out);
  ck_assert_str_eq (e, "W20");
  ck_assert (!fsim_combined_watermark_is_idle (c));
  ck_assert (fsim_combined_watermark_input_is_idle (c, 1));
  fsim_combined_watermark_input_watermark (c, 0, 15, out);      /* never backwards */
  ck_assert_int_eq (fsim_combined_watermark_get_input (c, 0), 20);
  g_autofree char *f = emitted (out);
  ck_assert_str_eq (f, "");
}
END_TEST

/* The last task-watermark-metrics sample of vertex in each second: its
 * currentInputWatermark (input) or currentOutputWatermark, in ms
 * (Long.MIN_VALUE: no sample or none yet). */
static void
watermark_samples (FsimTrace *trace, int vertex, gint64 *per_second, int seconds, gboolean input)
{
  const FsimTraceKindDesc *metrics = &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_WATERMARKS];
  for (int i = 0; i < seconds; i++)
    per_second[i] = G_MININT64;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      gint64 sec = r->time_us / G_USEC_PER_SEC;
      if (r->kind == metrics && r->vertex == vertex && sec < seconds)
        per_second[sec] = r->values[input ? 0 : 1];
    }
}

/* On a job (first principles, AbstractStreamOperator.processWatermark1/2
 * with IndexedCombinedWatermarkStatus): Clicks' watermark is 1 s behind
 * its highest timestamp, Orders' 5 s (forBoundedOutOfOrderness), both at
 * 100 records/s; the co-map that connects them takes the minimum, so
 * Orders, the slow input, holds it: at every sample it is at most what
 * either source has emitted by then, at least what Orders had emitted a
 * second before, and seconds behind Clicks. */
START_TEST (test_job_two_input_minimum)
{
  static const char text[] =
    "set parallelism.default = 1\n"
    "set sim.duration = 20 s\n"
    "clicks = env.fromSource(\"KafkaSource\", WatermarkStrategy.forBoundedOutOfOrderness(1 s), "
    "\"Clicks\").rate(100/s)\n"
    "orders = env.fromSource(\"KafkaSource\", WatermarkStrategy.forBoundedOutOfOrderness(5 s), "
    "\"Orders\").rate(100/s)\n"
    "clicks.connect(orders).map(\"Both\").disableChaining().print()\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "connect.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (run);
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (eg);
  int clicks = -1, orders = -1, both = -1;
  for (guint v = 0; v < jvs->len; v++)
    {
      const char *name = ((const FsimExecutionJobVertex *) g_ptr_array_index (jvs, v))
                           ->job_vertex->name;
      if (g_str_has_prefix (name, "Source: Clicks"))
        clicks = (int) v;
      else if (g_str_has_prefix (name, "Source: Orders"))
        orders = (int) v;
      else if (g_str_has_prefix (name, "Co-Map"))
        both = (int) v;
    }
  ck_assert (clicks >= 0 && orders >= 0 && both >= 0);
  enum { N = 20 };
  gint64 c[N], o[N], b[N];
  watermark_samples (trace, clicks, c, N, FALSE);
  watermark_samples (trace, orders, o, N, FALSE);
  watermark_samples (trace, both, b, N, TRUE);
  int checked = 0;
  for (int s = 1; s < N - 1; s++)
    {
      if (o[s - 1] == G_MININT64)
        continue;
      ck_assert_int_le (b[s], MIN (c[s], o[s]));
      ck_assert_int_ge (b[s], o[s - 1]);
      ck_assert_int_lt (b[s], c[s] - 3000);
      checked++;
    }
  ck_assert_int_gt (checked, 10);
}
END_TEST

/* --- watermark alignment (FLIP-182) --------------------------------------- */

/* A SourceCoordinator of the tests: its subtasks' aggregator and the
 * group's, as SourceCoordinatorAlignmentTest.reportWatermarkEvent drives
 * them (handleEventFromOperator, then announceCombinedWatermark). */
typedef struct {
  const char *name;
  FsimWatermarkAggregator *subtasks, *group;
  gint64 drift;
} Coordinator;

static gint64
report_and_announce (Coordinator *sc, int subtask, gint64 watermark)
{
  gint64 combined;
  if (fsim_watermark_aggregator_aggregate (sc->subtasks, NULL, subtask, watermark, &combined))
    fsim_watermark_aggregator_aggregate (sc->group, sc->name, 0, combined, NULL);
  return fsim_watermark_alignment_max_allowed (fsim_watermark_aggregator_get (sc->group),
                                               sc->drift);
}

/* SourceCoordinatorAlignmentTest.testWatermarkAlignment and
 * testWatermarkAlignmentWithIdleness: maxDrift 1000, every announcement
 * is the group's minimum + 1000, an idle subtask (Long.MAX_VALUE) no
 * longer holds it, all idle announces Long.MAX_VALUE (addExact
 * overflows). */
START_TEST (test_coordinator_alignment)
{
  g_autoptr (FsimWatermarkAggregator) subtasks = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) group = fsim_watermark_aggregator_new ();
  Coordinator sc = { "op", subtasks, group, 1000 };
  ck_assert_int_eq (report_and_announce (&sc, 0, 42), 1042);
  ck_assert_int_eq (report_and_announce (&sc, 1, 44), 1042);
  ck_assert_int_eq (report_and_announce (&sc, 0, 5000), 1044);
  /* the announcement goes to the subtasks that reported, in key order */
  ck_assert_uint_eq (fsim_watermark_aggregator_get_n_keys (subtasks), 2);
  ck_assert_int_eq (fsim_watermark_aggregator_get_number (subtasks, 0), 0);
  ck_assert_int_eq (fsim_watermark_aggregator_get_number (subtasks, 1), 1);

  g_autoptr (FsimWatermarkAggregator) subtasks2 = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) group2 = fsim_watermark_aggregator_new ();
  Coordinator idle = { "op", subtasks2, group2, 1000 };
  ck_assert_int_eq (report_and_announce (&idle, 0, 42), 1042);
  ck_assert_int_eq (report_and_announce (&idle, 1, 44), 1042);
  ck_assert_int_eq (report_and_announce (&idle, 0, G_MAXINT64), 1044);     /* 0 idle */
  ck_assert_int_eq (report_and_announce (&idle, 0, 42), 1042);             /* active */
  report_and_announce (&idle, 0, G_MAXINT64);
  ck_assert_int_eq (report_and_announce (&idle, 1, G_MAXINT64), G_MAXINT64); /* all idle */
  ck_assert_int_eq (report_and_announce (&idle, 0, 42), 1042);
  ck_assert_int_eq (report_and_announce (&idle, 1, 46), 1042);
}
END_TEST

/* SourceCoordinatorAlignmentTest.testWatermarkAlignmentWithTwoGroups:
 * coordinators of different groups do not see each other's minimum. */
START_TEST (test_coordinator_two_groups)
{
  g_autoptr (FsimWatermarkAggregator) s1 = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) s2 = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) g1 = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) g2 = fsim_watermark_aggregator_new ();
  Coordinator a = { "op1", s1, g1, 1000 }, b = { "op2", s2, g2, 1000 };
  ck_assert_int_eq (report_and_announce (&a, 0, 42), 1042);
  ck_assert_int_eq (report_and_announce (&b, 1, 44), 1044);
  ck_assert_int_eq (report_and_announce (&a, 0, 5000), 6000);
  /* and two sources of one group do: the group holds each one's minimum */
  g_autoptr (FsimWatermarkAggregator) s3 = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) s4 = fsim_watermark_aggregator_new ();
  g_autoptr (FsimWatermarkAggregator) g = fsim_watermark_aggregator_new ();
  Coordinator c = { "op1", s3, g, 1000 }, d = { "op2", s4, g, 1000 };
  ck_assert_int_eq (report_and_announce (&c, 0, 5000), 6000);
  ck_assert_int_eq (report_and_announce (&d, 0, 100), 1100);
  ck_assert_int_eq (report_and_announce (&c, 0, 7000), 1100);
}
END_TEST

/* SourceCoordinatorAlignmentTest.testWatermarkAggregator, step by step. */
START_TEST (test_watermark_aggregator)
{
  g_autoptr (FsimWatermarkAggregator) agg = fsim_watermark_aggregator_new ();
  ck_assert_int_eq (fsim_watermark_aggregator_get (agg), G_MININT64);  /* DEFAULT_WATERMARK */
  static const struct { int key; gint64 wm, expect; } steps[] = {
    { 0, 10, 10 }, { 1, 12, 10 }, { 2, 13, 10 }, { 1, 9, 9 }, { 1, G_MAXINT64, 10 },
    { 1, 8, 8 }, { 1, 20, 10 }, { 0, 23, 13 }, { 2, 22, 20 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      fsim_watermark_aggregator_aggregate (agg, NULL, steps[i].key, steps[i].wm, NULL);
      ck_assert_int_eq (fsim_watermark_aggregator_get (agg), steps[i].expect);
    }
}
END_TEST

/* SourceOperatorAlignmentTest.testWatermarkAlignment (maxDrift 100, a
 * punctuated generator: each record's timestamp is a watermark),
 * testWatermarkAlignmentWithoutSplit (nothing reported before the first
 * watermark) and testWatermarkAlignmentWithIdleness (Long.MAX_VALUE while
 * idle, the last watermark again once active). */
START_TEST (test_source_operator_alignment)
{
  g_autoptr (FsimSourceAlignment) a = fsim_source_alignment_new ();
  gint64 reported;
  ck_assert (!fsim_source_alignment_report (a, &reported));
  fsim_source_alignment_watermark_emitted (a, 1000);            /* record1 */
  ck_assert (fsim_source_alignment_report (a, &reported));
  ck_assert_int_eq (reported, 1000);
  ck_assert (!fsim_source_alignment_is_waiting (a));
  ck_assert (fsim_source_alignment_announced (a, 1000 - 1));    /* unavailable */
  ck_assert (fsim_source_alignment_is_waiting (a));
  ck_assert (fsim_source_alignment_report (a, &reported));
  ck_assert_int_eq (reported, 1000);
  ck_assert (fsim_source_alignment_announced (a, 1000 + 1));    /* available */
  ck_assert (!fsim_source_alignment_is_waiting (a));
  fsim_source_alignment_watermark_emitted (a, 2000);            /* record2 */
  ck_assert (fsim_source_alignment_is_waiting (a));             /* 1001 < 2000 */
  ck_assert (fsim_source_alignment_report (a, &reported));
  ck_assert_int_eq (reported, 2000);

  g_autoptr (FsimSourceAlignment) b = fsim_source_alignment_new ();
  fsim_source_alignment_watermark_emitted (b, 1);
  fsim_source_alignment_announced (b, 1 + 100);
  ck_assert (!fsim_source_alignment_is_waiting (b));
  fsim_source_alignment_set_idle (b, TRUE);
  ck_assert (fsim_source_alignment_report (b, &reported));
  ck_assert_int_eq (reported, G_MAXINT64);
  fsim_source_alignment_announced (b, G_MAXINT64);              /* every subtask idle */
  fsim_source_alignment_set_idle (b, FALSE);                    /* record2, no watermark */
  ck_assert (fsim_source_alignment_report (b, &reported));
  ck_assert_int_eq (reported, 1);
  fsim_source_alignment_announced (b, 1 + 100);
  ck_assert (!fsim_source_alignment_is_waiting (b));
}
END_TEST

/* Runs a variant of examples/watermark-alignment.job; checks every
 * alignment record against SourceOperator's and SourceCoordinator's
 * rules; returns the mean gap between Clicks' and Orders' output
 * watermarks over the once-a-second samples, with *paused the pauses of
 * Clicks and *orders_paused those of Orders. */
static gint64
mean_drift (const char *text, gint64 *paused, gint64 *orders_paused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "align.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimTraceKindDesc *metrics = &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_WATERMARKS];
  gint64 orders = G_MININT64, clicks = G_MININT64, sum = 0, samples = 0;
  *paused = *orders_paused = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_PAUSED))
        {
          (*(g_str_has_prefix (r->label, "Source: Orders") ? orders_paused : paused))++;
          ck_assert_int_gt (r->values[0], r->values[1]);        /* latest > maxDesired */
        }
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_RESUMED))
        ck_assert_int_le (r->values[0], r->values[1]);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_ALIGNMENT_ANNOUNCED))
        ck_assert_int_eq (r->values[1], r->values[0] + 2000);   /* combined + maxDrift */
      if (r->kind != metrics)
        continue;
      if (g_str_has_prefix (r->label, "Source: Orders"))
        orders = r->values[1];
      else if (g_str_has_prefix (r->label, "Source: Clicks"))
        clicks = r->values[1];
      else if (orders > G_MININT64 && clicks > G_MININT64)
        {
          sum += clicks - orders;
          samples++;
        }
    }
  ck_assert_int_gt (samples, 20);
  return sum / samples;
}

/* On a job, from first principles: Orders fall 0.25 s behind per second
 * (1000/s at 1.25 ms each), Clicks keep up. Unaligned, nothing pauses and
 * Clicks' watermark runs ahead further every second (about 3.75 s on
 * average over 30 s). Aligned (maxDrift 2 s), Clicks pauses whenever it is
 * above the group's minimum + 2 s as last announced, Orders never (its
 * watermark is the minimum); once let go Clicks reads its backlog until
 * its next periodic watermark, so it may overshoot, but on average it
 * stays closer. */
START_TEST (test_job_alignment_bounds_drift)
{
  g_autofree char *aligned = NULL;
  g_autofree char *path = fsim_test_srcpath ("examples/watermark-alignment.job");
  g_file_get_contents (path, &aligned, NULL, NULL);
  ck_assert_ptr_nonnull (aligned);
  gint64 paused, orders_paused;
  gint64 drift = mean_drift (aligned, &paused, &orders_paused);
  ck_assert_int_gt (paused, 0);
  ck_assert_int_eq (orders_paused, 0);
  g_autoptr (GRegex) re = g_regex_new ("\\.withWatermarkAlignment\\([^)]*\\)", 0, 0, NULL);
  g_autofree char *unaligned = g_regex_replace_literal (re, aligned, -1, 0, "", 0, NULL);
  gint64 free_drift = mean_drift (unaligned, &paused, &orders_paused);
  ck_assert_int_eq (paused + orders_paused, 0);
  ck_assert_int_gt (free_drift, 3000);
  ck_assert_int_lt (drift, free_drift);
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
  TCase *two = tcase_create ("Two inputs");
  tcase_add_test (two, test_two_input_watermarks);
  tcase_add_test (two, test_combined_watermark_order);
  tcase_add_test (two, test_job_two_input_minimum);
  suite_add_tcase (s, two);
  TCase *align = tcase_create ("Watermark alignment");
  tcase_add_test (align, test_coordinator_alignment);
  tcase_add_test (align, test_coordinator_two_groups);
  tcase_add_test (align, test_watermark_aggregator);
  tcase_add_test (align, test_source_operator_alignment);
  tcase_add_test (align, test_job_alignment_bounds_drift);
  suite_add_tcase (s, align);
}
