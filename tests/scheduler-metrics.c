/* scheduler-metrics.c - task metrics (scheduler/task-metrics.c) against
 * Flink's own tests and rules: TimerGaugeTest and MeterViewTest replayed
 * step by step, TaskIOMetricGroup's busy time, the buffer usage gauges and
 * JobVertexBackPressureHandler's levels. Expected values are Flink's
 * assertions or worked out by hand from the rule cited beside them. */
#include "config.h"

#include <signal.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

#define MS G_GINT64_CONSTANT (1000)
#define SEC (1000 * MS)

/* TimerGaugeTest's constants: a ManualClock starting at 42,000,000 ms,
 * SLEEP = 10 ms, UPDATE_INTERVAL_MILLIS = 5000. The clock here is in us. */
#define SLEEP 10
#define INTERVAL_MS (FSIM_METRICS_UPDATE_INTERVAL_S * 1000)

typedef struct {
  gint64 now;                   /* us */
} Clock;

static void
advance_ms (Clock *c, gint64 ms)
{
  c->now += ms * MS;
}

#define CLOCK_INIT { .now = G_GINT64_CONSTANT (42000000) * MS }

/* TimerGaugeTest.testBasicUsage (a gauge of one update interval). */
START_TEST (test_timer_gauge_basic_usage)
{
  Clock c = CLOCK_INIT;
  g_autoptr (FsimTimerGauge) g = fsim_timer_gauge_new (FSIM_METRICS_UPDATE_INTERVAL_S);
  fsim_timer_gauge_update (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), 0);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), 0);
  ck_assert_int_eq (fsim_timer_gauge_get_accumulated_count (g), 0);

  fsim_timer_gauge_mark_start (g, c.now);
  advance_ms (&c, SLEEP);
  fsim_timer_gauge_mark_end (g, c.now);
  advance_ms (&c, INTERVAL_MS - SLEEP);
  fsim_timer_gauge_update (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), SLEEP / FSIM_METRICS_UPDATE_INTERVAL_S);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), SLEEP);
  ck_assert_int_eq (fsim_timer_gauge_get_accumulated_count (g), SLEEP);

  /* the max can go down after an update */
  fsim_timer_gauge_mark_start (g, c.now);
  advance_ms (&c, SLEEP / 2);
  fsim_timer_gauge_mark_end (g, c.now);
  advance_ms (&c, INTERVAL_MS - SLEEP / 2);
  fsim_timer_gauge_update (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), SLEEP / 2);
  ck_assert_int_eq (fsim_timer_gauge_get_accumulated_count (g), SLEEP + SLEEP / 2);
}
END_TEST

/* TimerGaugeTest.testUpdateWithoutMarkingEnd: an ongoing measurement counts
 * up to each update, and its max runs from its start. */
START_TEST (test_timer_gauge_update_without_marking_end)
{
  Clock c = CLOCK_INIT;
  g_autoptr (FsimTimerGauge) g = fsim_timer_gauge_new (2 * FSIM_METRICS_UPDATE_INTERVAL_S);
  advance_ms (&c, INTERVAL_MS - SLEEP);
  fsim_timer_gauge_mark_start (g, c.now);
  advance_ms (&c, SLEEP);
  fsim_timer_gauge_update (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), SLEEP / FSIM_METRICS_UPDATE_INTERVAL_S);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), SLEEP);

  advance_ms (&c, INTERVAL_MS);
  fsim_timer_gauge_update (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g),
                    (SLEEP + INTERVAL_MS) / (2 * FSIM_METRICS_UPDATE_INTERVAL_S));
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), SLEEP + INTERVAL_MS);
  ck_assert (fsim_timer_gauge_is_measuring (g));
}
END_TEST

/* TimerGaugeTest.testGetWithoutUpdate: nothing shows before an update. */
START_TEST (test_timer_gauge_get_without_update)
{
  Clock c = CLOCK_INIT;
  g_autoptr (FsimTimerGauge) g = fsim_timer_gauge_new (FSIM_METRICS_TIME_SPAN_S);
  fsim_timer_gauge_mark_start (g, c.now);
  advance_ms (&c, SLEEP);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), 0);
  fsim_timer_gauge_mark_end (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), 0);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), 0);
}
END_TEST

/* TimerGaugeTest.testUpdateBeforeMarkingEnd: a measurement across an update
 * is counted once (10 ms in each interval: 20 / (5 x 2) = 2) and its max is
 * its whole length (20 ms). */
START_TEST (test_timer_gauge_update_before_marking_end)
{
  Clock c = CLOCK_INIT;
  g_autoptr (FsimTimerGauge) g = fsim_timer_gauge_new (2 * FSIM_METRICS_UPDATE_INTERVAL_S);
  advance_ms (&c, INTERVAL_MS - SLEEP);
  fsim_timer_gauge_mark_start (g, c.now);
  advance_ms (&c, SLEEP);
  fsim_timer_gauge_update (g, c.now);
  advance_ms (&c, SLEEP);
  fsim_timer_gauge_mark_end (g, c.now);
  advance_ms (&c, INTERVAL_MS - SLEEP);
  fsim_timer_gauge_update (g, c.now);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), SLEEP / FSIM_METRICS_UPDATE_INTERVAL_S);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), 2 * SLEEP);
}
END_TEST

static void
sleep_once (FsimTimerGauge *g, Clock *c, gint64 ms)
{
  fsim_timer_gauge_mark_start (g, c->now);
  advance_ms (c, ms);
  fsim_timer_gauge_mark_end (g, c->now);
  advance_ms (c, INTERVAL_MS - ms);
  fsim_timer_gauge_update (g, c->now);
}

/* TimerGaugeTest.testLargerTimespan: the value averages over the filled
 * slots of a two-slot ring. */
START_TEST (test_timer_gauge_larger_timespan)
{
  Clock c = CLOCK_INIT;
  g_autoptr (FsimTimerGauge) g = fsim_timer_gauge_new (2 * FSIM_METRICS_UPDATE_INTERVAL_S);
  sleep_once (g, &c, SLEEP);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), SLEEP / FSIM_METRICS_UPDATE_INTERVAL_S);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), SLEEP);
  ck_assert_int_eq (fsim_timer_gauge_get_accumulated_count (g), SLEEP);

  advance_ms (&c, INTERVAL_MS - SLEEP);
  fsim_timer_gauge_update (g, c.now);
  /* one sleep in two intervals */
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), SLEEP / (FSIM_METRICS_UPDATE_INTERVAL_S * 2));
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), 0);
  ck_assert_int_eq (fsim_timer_gauge_get_accumulated_count (g), SLEEP);

  /* one sleep in each interval */
  sleep_once (g, &c, SLEEP);
  sleep_once (g, &c, SLEEP);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), SLEEP / FSIM_METRICS_UPDATE_INTERVAL_S);

  sleep_once (g, &c, SLEEP / 2);
  ck_assert_int_eq (fsim_timer_gauge_get_max_single_measurement (g), SLEEP / 2);
  ck_assert_int_eq (fsim_timer_gauge_get_accumulated_count (g), 3 * SLEEP + SLEEP / 2);
}
END_TEST

/* TimerGauge.updateCurrentValue clamps to [0, 1000]: 7 s measured in one
 * late update is 7000 / 5 = 1400 ms/s, shown as 1000. And the default span
 * is 12 slots: 60 s of 1000 ms/s and then one idle interval is
 * 11 x 5000 / (5 x 12) = 916. */
START_TEST (test_timer_gauge_clamp_and_ring)
{
  g_autoptr (FsimTimerGauge) g = fsim_timer_gauge_new (FSIM_METRICS_UPDATE_INTERVAL_S);
  fsim_timer_gauge_mark_start (g, 0);
  fsim_timer_gauge_update (g, 7 * SEC);
  ck_assert_int_eq (fsim_timer_gauge_get_value (g), 1000);

  g_autoptr (FsimTimerGauge) ring = fsim_timer_gauge_new (FSIM_METRICS_TIME_SPAN_S);
  fsim_timer_gauge_mark_start (ring, 0);
  for (int i = 1; i <= 12; i++)
    fsim_timer_gauge_update (ring, i * 5 * SEC);
  ck_assert_int_eq (fsim_timer_gauge_get_value (ring), 1000);
  fsim_timer_gauge_mark_end (ring, 60 * SEC);
  fsim_timer_gauge_update (ring, 65 * SEC);
  ck_assert_int_eq (fsim_timer_gauge_get_value (ring), 11 * 5000 / (5 * 12));
}
END_TEST

static void
mark_and_update (FsimMeterView *m, int times, gint64 n)
{
  for (int i = 0; i < times; i++)
    {
      fsim_meter_view_mark_event (m, n);
      fsim_meter_view_update (m);
    }
}

/* MeterViewTest.testGetCount, testMarkEvent, testGetRate: Flink asserts the
 * double rates 2.0, 2.0, 3.0, 4.0, 2.0, 0.0 (x 1000 here). */
START_TEST (test_meter_view_rate)
{
  g_autoptr (FsimMeterView) m = fsim_meter_view_new (60);
  ck_assert_int_eq (fsim_meter_view_get_count (m), 0);
  fsim_meter_view_mark_event (m, 1);
  fsim_meter_view_mark_event (m, 2);
  ck_assert_int_eq (fsim_meter_view_get_count (m), 3);

  g_autoptr (FsimMeterView) r = fsim_meter_view_new (60);
  mark_and_update (r, 12, 10);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (r), 2000);   /* (120 - 0) / 60 */
  mark_and_update (r, 12, 10);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (r), 2000);   /* (240 - 120) / 60 */
  mark_and_update (r, 6, 20);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (r), 3000);   /* (360 - 180) / 60 */
  mark_and_update (r, 6, 20);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (r), 4000);   /* (480 - 240) / 60 */
  mark_and_update (r, 6, 0);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (r), 2000);   /* (480 - 360) / 60 */
  mark_and_update (r, 6, 0);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (r), 0);      /* (480 - 480) / 60 */
}
END_TEST

/* MeterViewTest.testTooSmallTimeSpan: a span under 5 s is 5 s, so one event
 * and an update is 1 / 5 = 0.2 per second. */
START_TEST (test_meter_view_too_small_time_span)
{
  g_autoptr (FsimMeterView) m = fsim_meter_view_new (1);
  fsim_meter_view_mark_event (m, 1);
  fsim_meter_view_update (m);
  ck_assert_int_eq (fsim_meter_view_get_rate_milli (m), 200);
}
END_TEST

/* Every (from, to) pair of the task time machine, against scheduler.h's
 * list written out: busy to each waiting state and back, nothing else. */
START_TEST (test_task_time_every_pair)
{
  enum { B = FSIM_TASK_TIME_BUSY, I = FSIM_TASK_TIME_IDLE,
         SB = FSIM_TASK_TIME_SOFT_BACKPRESSURED, HB = FSIM_TASK_TIME_HARD_BACKPRESSURED };
  static const gboolean legal[FSIM_TASK_TIME_COUNT][FSIM_TASK_TIME_COUNT] = {
    [B] = { [I] = TRUE, [SB] = TRUE, [HB] = TRUE },
    [I] = { [B] = TRUE },
    [SB] = { [B] = TRUE },
    [HB] = { [B] = TRUE },
  };
  for (int from = 0; from < FSIM_TASK_TIME_COUNT; from++)
    for (int to = 0; to < FSIM_TASK_TIME_COUNT; to++)
      ck_assert_msg ((fsim_task_time_transition_rule (from, to) != NULL) == legal[from][to],
                     "%s -> %s", fsim_task_time_name (from), fsim_task_time_name (to));
}
END_TEST

START_TEST (test_task_time_illegal_aborts)
{
  g_autoptr (FsimTaskMetrics) m = fsim_task_metrics_new (0);
  fsim_task_metrics_set_time (m, 0, FSIM_TASK_TIME_IDLE);
  fsim_task_metrics_set_time (m, 1, FSIM_TASK_TIME_SOFT_BACKPRESSURED);
}
END_TEST

static gint64
get (FsimTaskMetrics *m, FsimTaskMetric metric)
{
  return fsim_task_metrics_get (m, metric);
}

typedef struct {
  FsimTaskMetric metric;
  gint64 value;
} Expected;

static void
assert_metrics (FsimTaskMetrics *m, const Expected *e, gsize n)
{
  for (gsize i = 0; i < n; i++)
    ck_assert_msg (get (m, e[i].metric) == e[i].value, "%s: %" G_GINT64_FORMAT " != %"
                   G_GINT64_FORMAT, fsim_task_metric_desc (e[i].metric)->name,
                   get (m, e[i].metric), e[i].value);
}

#define ASSERT_METRICS(m, ...)                                                  \
  do {                                                                         \
    const Expected expected_[] = { __VA_ARGS__ };                              \
    assert_metrics ((m), expected_, G_N_ELEMENTS (expected_));                 \
  } while (0)

/* TaskIOMetricGroup.getBusyTimePerSecond = 1000 - min(idle + soft + hard,
 * 1000), each a TimerGauge of the ms measured per 5 s update. In the first
 * interval the task is idle 1 s, soft-backpressured 1.5 s and hard-blocked
 * 0.5 s: idle 1000 / 5 = 200, soft 1500 / 5 = 300, hard 500 / 5 = 100,
 * backPressured 400, busy 1000 - 600 = 400. */
START_TEST (test_task_busy_time)
{
  g_autoptr (FsimTaskMetrics) m = fsim_task_metrics_new (0);
  ck_assert_int_eq (fsim_task_metrics_get_time (m), FSIM_TASK_TIME_BUSY);
  fsim_task_metrics_set_time (m, 0, FSIM_TASK_TIME_IDLE);
  fsim_task_metrics_set_time (m, 1 * SEC, FSIM_TASK_TIME_BUSY);
  fsim_task_metrics_set_time (m, 1 * SEC, FSIM_TASK_TIME_SOFT_BACKPRESSURED);
  fsim_task_metrics_set_time (m, 2500 * MS, FSIM_TASK_TIME_BUSY);
  fsim_task_metrics_set_time (m, 3 * SEC, FSIM_TASK_TIME_HARD_BACKPRESSURED);
  ck_assert_ptr_nonnull (fsim_task_metrics_set_time (m, 3500 * MS, FSIM_TASK_TIME_BUSY));
  /* before the first update every gauge is 0, so busy is 1000 */
  ck_assert_int_eq (get (m, FSIM_TASK_METRIC_BUSY_TIME), 1000);
  fsim_task_metrics_update (m, 5 * SEC);
  ASSERT_METRICS (m,
                  { FSIM_TASK_METRIC_IDLE_TIME, 200 },
                  { FSIM_TASK_METRIC_SOFT_BACK_PRESSURED_TIME, 300 },
                  { FSIM_TASK_METRIC_HARD_BACK_PRESSURED_TIME, 100 },
                  { FSIM_TASK_METRIC_BACK_PRESSURED_TIME, 400 },
                  { FSIM_TASK_METRIC_BUSY_TIME, 400 },
                  { FSIM_TASK_METRIC_MAX_SOFT_BACK_PRESSURE_TIME, 1500 },
                  { FSIM_TASK_METRIC_MAX_HARD_BACK_PRESSURE_TIME, 500 });

  /* then soft-backpressured for good: after 60 s more the 12 slots hold
   * 5000 ms each, soft = 1000, busy 0; the max of an ongoing measurement
   * runs from its start at 5 s */
  fsim_task_metrics_set_time (m, 5 * SEC, FSIM_TASK_TIME_SOFT_BACKPRESSURED);
  for (int i = 2; i <= 13; i++)
    fsim_task_metrics_update (m, i * 5 * SEC);
  ASSERT_METRICS (m,
                  { FSIM_TASK_METRIC_SOFT_BACK_PRESSURED_TIME, 1000 },
                  { FSIM_TASK_METRIC_IDLE_TIME, 0 },
                  { FSIM_TASK_METRIC_BUSY_TIME, 0 },
                  { FSIM_TASK_METRIC_MAX_SOFT_BACK_PRESSURE_TIME, 60000 });
}
END_TEST

/* The counters and their MeterViews: 100 records/s in, 50 out. After the
 * 5 s update 500 records are in, rate (500 - 0) / 60 = 8.333 (under-reports
 * while the older slots are 0); after 65 s (6500 - 500) / 60 = 100. */
START_TEST (test_task_counters_and_rates)
{
  g_autoptr (FsimTaskMetrics) m = fsim_task_metrics_new (0);
  for (int s = 1; s <= 65; s++)
    {
      fsim_task_metrics_count (m, FSIM_TASK_COUNTER_RECORDS_IN, 100);
      fsim_task_metrics_count (m, FSIM_TASK_COUNTER_RECORDS_OUT, 50);
      fsim_task_metrics_count (m, FSIM_TASK_COUNTER_BYTES_IN, 100 * 16);
      if (s % 5 == 0)
        fsim_task_metrics_update (m, s * SEC);
      if (s == 5)
        {
          ASSERT_METRICS (m,
                          { FSIM_TASK_METRIC_NUM_RECORDS_IN, 500 },
                          { FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE, 8333 },
                          { FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE, 4166 });
        }
    }
  ASSERT_METRICS (m,
                  { FSIM_TASK_METRIC_NUM_RECORDS_IN, 6500 },
                  { FSIM_TASK_METRIC_NUM_RECORDS_OUT, 3250 },
                  { FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE, 100000 },
                  { FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE, 50000 },
                  { FSIM_TASK_METRIC_NUM_BYTES_IN_RATE, 1600000 },
                  { FSIM_TASK_METRIC_NUM_BUFFERS_OUT, 0 });
}
END_TEST

/* inPoolUsage and outPoolUsage (spec network-and-time.md 4.3): used / total,
 * per mille; all-local inputs give 0 / 0, shown as 0; overdraft passes 1. */
START_TEST (test_task_pool_usage)
{
  g_autoptr (FsimTaskMetrics) m = fsim_task_metrics_new (0);
  FsimTaskPoolUsage u = { .input_used = 3, .input_total = 10, .output_used = 25,
                          .output_total = 20 };
  fsim_task_metrics_set_pool_usage (m, &u);
  ASSERT_METRICS (m,
                  { FSIM_TASK_METRIC_IN_POOL_USAGE, 300 },
                  { FSIM_TASK_METRIC_OUT_POOL_USAGE, 1250 });
  FsimTaskPoolUsage local = { .output_used = 0, .output_total = 20 };
  fsim_task_metrics_set_pool_usage (m, &local);
  ASSERT_METRICS (m,
                  { FSIM_TASK_METRIC_IN_POOL_USAGE, 0 },
                  { FSIM_TASK_METRIC_OUT_POOL_USAGE, 0 });
}
END_TEST

/* JobVertexBackPressureHandler: ratio <= 0.10 ok, <= 0.5 low, else high;
 * the vertex takes the max over its subtasks. */
START_TEST (test_backpressure_levels)
{
  ck_assert_int_eq (fsim_backpressure_level (0), FSIM_BACKPRESSURE_OK);
  ck_assert_int_eq (fsim_backpressure_level (100), FSIM_BACKPRESSURE_OK);
  ck_assert_int_eq (fsim_backpressure_level (101), FSIM_BACKPRESSURE_LOW);
  ck_assert_int_eq (fsim_backpressure_level (500), FSIM_BACKPRESSURE_LOW);
  ck_assert_int_eq (fsim_backpressure_level (501), FSIM_BACKPRESSURE_HIGH);
  ck_assert_int_eq (fsim_backpressure_level (1000), FSIM_BACKPRESSURE_HIGH);
  ck_assert_str_eq (fsim_backpressure_level_name (FSIM_BACKPRESSURE_OK), "ok");
  ck_assert_str_eq (fsim_backpressure_level_name (FSIM_BACKPRESSURE_LOW), "low");
  ck_assert_str_eq (fsim_backpressure_level_name (FSIM_BACKPRESSURE_HIGH), "high");
  const gint64 subtasks[] = { 0, 501, 100 };
  ck_assert_int_eq (fsim_backpressure_level_of_vertex (subtasks, 3), FSIM_BACKPRESSURE_HIGH);
  ck_assert_int_eq (fsim_backpressure_level_of_vertex (subtasks, 1), FSIM_BACKPRESSURE_OK);
}
END_TEST

/* A sample is one record of each metrics kind at one time, with base's
 * subject, a why, and values named by the metrics' Flink names. */
START_TEST (test_trace_sample)
{
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  ck_assert_ptr_eq (fsim_trace_kind_lookup (trace, "task-time-metrics"),
                    &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_TIME]);
  g_autoptr (FsimTaskMetrics) m = fsim_task_metrics_new (0);
  fsim_task_metrics_set_time (m, 0, FSIM_TASK_TIME_IDLE);
  fsim_task_metrics_count (m, FSIM_TASK_COUNTER_BUFFERS_OUT, 7);
  fsim_task_metrics_update (m, 5 * SEC);
  FsimTraceRecord base = FSIM_TRACE_RECORD_INIT;
  base.vertex = 1;
  base.subtask = 0;
  base.attempt = 0;
  base.label = "Map (1/2)#0";
  fsim_task_metrics_trace_sample (m, 5 * SEC, &base, trace);
  ck_assert_int_eq (fsim_trace_count (trace), FSIM_TASK_METRICS_KIND_COUNT);
  for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, k);
      ck_assert_ptr_eq (r->kind, &fsim_task_metrics_kinds[k]);
      ck_assert_int_eq (r->time_us, 5 * SEC);
      ck_assert_str_eq (r->label, "Map (1/2)#0");
      ck_assert_int_eq (r->vertex, 1);
      ck_assert (r->why && *r->why);
      for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
        {
          int metric = fsim_task_metrics_kind_metric (r->kind, i);
          if (metric < 0)
            {
              ck_assert_ptr_null (r->kind->values[i].name);
              continue;
            }
          ck_assert_str_eq (r->kind->values[i].name, fsim_task_metric_desc (metric)->name);
          ck_assert_int_eq (r->values[i], fsim_task_metrics_get (m, metric));
        }
    }
  /* idle the whole 5 s: 5000 / 5 = 1000 ms/s idle, busy 0 */
  const FsimTraceRecord *t = fsim_trace_get (trace, FSIM_TASK_METRICS_KIND_TIME);
  ck_assert_int_eq (t->values[0], 0);
  ck_assert_int_eq (t->values[1], 1000);
  ck_assert_int_eq (fsim_trace_get (trace, FSIM_TASK_METRICS_KIND_RECORDS)->values[2], 7);
  ck_assert_int_eq (fsim_task_metrics_kind_metric (FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT), 0),
                    -1);
}
END_TEST

/* Every metric named in issue 11 item 5 travels in some sample kind. */
START_TEST (test_trace_sample_carries_issue_metrics)
{
  static const FsimTaskMetric wanted[] = {
    FSIM_TASK_METRIC_BUSY_TIME, FSIM_TASK_METRIC_IDLE_TIME,
    FSIM_TASK_METRIC_BACK_PRESSURED_TIME, FSIM_TASK_METRIC_NUM_RECORDS_IN,
    FSIM_TASK_METRIC_NUM_RECORDS_OUT, FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE,
    FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE, FSIM_TASK_METRIC_NUM_BUFFERS_OUT,
    FSIM_TASK_METRIC_IN_POOL_USAGE, FSIM_TASK_METRIC_OUT_POOL_USAGE,
  };
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean found = FALSE;
      for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
        for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
          found |= fsim_task_metrics_kind_metric (&fsim_task_metrics_kinds[k], i)
                   == (int) wanted[w];
      ck_assert_msg (found, "%s", fsim_task_metric_desc (wanted[w])->name);
    }
}
END_TEST

/* fsim_task_metrics_value_index finds where a metric travels: the kinds'
 * declared order (task-time-metrics: busy, idle, backPressured;
 * task-record-metrics: numRecordsIn, numRecordsOut, numBuffersOut), and
 * nothing for a metric no sample carries (maxSoftBackPressureTimeMs). */
START_TEST (test_trace_sample_value_index)
{
  FsimTraceKind k;
  ck_assert_int_eq (fsim_task_metrics_value_index (FSIM_TASK_METRIC_BUSY_TIME, &k), 0);
  ck_assert_ptr_eq (k, &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_TIME]);
  ck_assert_int_eq (fsim_task_metrics_value_index (FSIM_TASK_METRIC_BACK_PRESSURED_TIME, &k), 2);
  ck_assert_ptr_eq (k, &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_TIME]);
  ck_assert_str_eq (k->values[2].name, "backPressuredTimeMsPerSecond");
  ck_assert_int_eq (fsim_task_metrics_value_index (FSIM_TASK_METRIC_NUM_RECORDS_IN, &k), 0);
  ck_assert_ptr_eq (k, &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_RECORDS]);
  ck_assert_int_eq (fsim_task_metrics_value_index (FSIM_TASK_METRIC_MAX_SOFT_BACK_PRESSURE_TIME,
                                                   &k), -1);
  ck_assert_ptr_null (k);
}
END_TEST

void
scheduler_metrics_tcases (Suite *s)
{
  TCase *tc = tcase_create ("TimerGauge (TimerGaugeTest)");
  tcase_add_test (tc, test_timer_gauge_basic_usage);
  tcase_add_test (tc, test_timer_gauge_update_without_marking_end);
  tcase_add_test (tc, test_timer_gauge_get_without_update);
  tcase_add_test (tc, test_timer_gauge_update_before_marking_end);
  tcase_add_test (tc, test_timer_gauge_larger_timespan);
  tcase_add_test (tc, test_timer_gauge_clamp_and_ring);
  suite_add_tcase (s, tc);
  tc = tcase_create ("MeterView (MeterViewTest)");
  tcase_add_test (tc, test_meter_view_rate);
  tcase_add_test (tc, test_meter_view_too_small_time_span);
  suite_add_tcase (s, tc);
  tc = tcase_create ("TaskIOMetricGroup");
  tcase_add_test (tc, test_task_time_every_pair);
  tcase_add_test_raise_signal (tc, test_task_time_illegal_aborts, SIGTRAP);
  tcase_add_test (tc, test_task_busy_time);
  tcase_add_test (tc, test_task_counters_and_rates);
  tcase_add_test (tc, test_task_pool_usage);
  tcase_add_test (tc, test_trace_sample);
  tcase_add_test (tc, test_trace_sample_carries_issue_metrics);
  tcase_add_test (tc, test_trace_sample_value_index);
  suite_add_tcase (s, tc);
  tc = tcase_create ("JobVertexBackPressureHandler levels");
  tcase_add_test (tc, test_backpressure_levels);
  suite_add_tcase (s, tc);
}
