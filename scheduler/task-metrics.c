/* task-metrics.c - a task's metrics as Flink's TaskIOMetricGroup computes
 * them: TimerGauges for idle and back-pressured time, MeterViews over the
 * record, buffer and byte counters, the buffer usage gauges, the REST
 * API's backpressure level, and the trace kinds of a metric sample.
 *
 * The arithmetic is Flink's (scheduler.h explains it): TimerGauge and
 * MeterView as in flink-runtime's metrics package and flink-metrics-core,
 * replayed by TimerGaugeTest and MeterViewTest in tests/scheduler-metrics.c.
 * Nothing here knows the simulation: times come in as arguments. */
#include "config.h"

#include "scheduler/scheduler-private.h"

#define US_PER_MS 1000
#define MAX_SLOTS (FSIM_METRICS_TIME_SPAN_S / FSIM_METRICS_UPDATE_INTERVAL_S + 1)

/* Flink's constructors: the span rounded down to a multiple of the update
 * interval, never below it. */
static int
span_seconds (int time_span_s)
{
  int span = time_span_s - time_span_s % FSIM_METRICS_UPDATE_INTERVAL_S;
  span = MAX (span, FSIM_METRICS_UPDATE_INTERVAL_S);
  g_assert (span / FSIM_METRICS_UPDATE_INTERVAL_S + 1 <= MAX_SLOTS);
  return span;
}

/* Flink's clock reads whole milliseconds. */
static gint64
ms_of (gint64 us)
{
  g_assert (us >= 0);
  return us / US_PER_MS;
}

/* ------------------------------------------------------------------------ */
/* TimerGauge                                                                */

struct _FsimTimerGauge {
  int n_slots;                  /* span / 5 */
  gint64 slots[MAX_SLOTS];      /* ms measured in each update interval */
  int next;                     /* the slot the next update writes */
  gboolean full;                /* every slot written at least once */
  gint64 value;                 /* ms per second, as of the last update */
  gint64 count_ms;              /* measured since the last update */
  gboolean measuring;           /* Flink: currentMeasurementStartTS != 0 */
  gint64 start_ms;              /* the measurement's markStart */
  gint64 counted_to_ms;         /* counted up to here: markStart or an update */
  gint64 max_ms;                /* longest measurement this interval */
  gint64 previous_max_ms;       /* ... of the last interval */
  gint64 accumulated_ms;
};

static void
timer_gauge_init (FsimTimerGauge *g, int time_span_s)
{
  *g = (FsimTimerGauge) { .n_slots = span_seconds (time_span_s) / FSIM_METRICS_UPDATE_INTERVAL_S };
}

FsimTimerGauge *
fsim_timer_gauge_new (int time_span_s)
{
  FsimTimerGauge *g = g_new (FsimTimerGauge, 1);
  timer_gauge_init (g, time_span_s);
  return g;
}

void
fsim_timer_gauge_free (FsimTimerGauge *gauge)
{
  g_free (gauge);
}

void
fsim_timer_gauge_mark_start (FsimTimerGauge *g, gint64 now_us)
{
  if (g->measuring)
    return;
  g->measuring = TRUE;
  g->start_ms = g->counted_to_ms = ms_of (now_us);
}

/* Counts the measurement up to now: only the part since the last update
 * (TimerGaugeTest.testUpdateBeforeMarkingEnd: a measurement spanning an
 * update is not counted twice), while its length for the max runs from its
 * start (testUpdateWithoutMarkingEnd). */
static void
count_to (FsimTimerGauge *g, gint64 now_ms)
{
  g_assert (now_ms >= g->counted_to_ms);
  g->count_ms += now_ms - g->counted_to_ms;
  g->accumulated_ms += now_ms - g->counted_to_ms;
  g->counted_to_ms = now_ms;
  g->max_ms = MAX (g->max_ms, now_ms - g->start_ms);
}

void
fsim_timer_gauge_mark_end (FsimTimerGauge *g, gint64 now_us)
{
  if (!g->measuring)
    return;
  count_to (g, ms_of (now_us));
  g->measuring = FALSE;
}

void
fsim_timer_gauge_update (FsimTimerGauge *g, gint64 now_us)
{
  if (g->measuring)
    count_to (g, ms_of (now_us));
  g->slots[g->next] = g->count_ms;
  g->next = (g->next + 1) % g->n_slots;
  if (g->next == 0)
    g->full = TRUE;
  int filled = g->full ? g->n_slots : g->next;
  gint64 total = 0;
  for (int i = 0; i < filled; i++)
    total += g->slots[i];
  g->value = CLAMP (total / ((gint64) FSIM_METRICS_UPDATE_INTERVAL_S * filled), 0, 1000);
  g->previous_max_ms = g->max_ms;
  g->max_ms = 0;
  g->count_ms = 0;
}

gint64
fsim_timer_gauge_get_value (const FsimTimerGauge *g)
{
  return g->value;
}

gint64
fsim_timer_gauge_get_max_single_measurement (const FsimTimerGauge *g)
{
  return g->previous_max_ms;
}

gint64
fsim_timer_gauge_get_accumulated_count (const FsimTimerGauge *g)
{
  return g->accumulated_ms;
}

gboolean
fsim_timer_gauge_is_measuring (const FsimTimerGauge *g)
{
  return g->measuring;
}

/* ------------------------------------------------------------------------ */
/* MeterView                                                                 */

struct _FsimMeterView {
  int span_s;
  int n_slots;                  /* span / 5 + 1 */
  gint64 slots[MAX_SLOTS];      /* the counter at the last n_slots updates */
  int time;                     /* the slot of the last update */
  gint64 count;
  gint64 rate_milli;
};

static void
meter_view_init (FsimMeterView *m, int time_span_s)
{
  int span = span_seconds (time_span_s);
  *m = (FsimMeterView) { .span_s = span, .n_slots = span / FSIM_METRICS_UPDATE_INTERVAL_S + 1 };
}

FsimMeterView *
fsim_meter_view_new (int time_span_s)
{
  FsimMeterView *m = g_new (FsimMeterView, 1);
  meter_view_init (m, time_span_s);
  return m;
}

void
fsim_meter_view_free (FsimMeterView *meter)
{
  g_free (meter);
}

void
fsim_meter_view_mark_event (FsimMeterView *m, gint64 n)
{
  g_assert (n >= 0);
  m->count += n;
}

gint64
fsim_meter_view_get_count (const FsimMeterView *m)
{
  return m->count;
}

/* The oldest slot is the one after the newest: it holds the count one span
 * ago, or 0 while fewer updates than slots have run. */
void
fsim_meter_view_update (FsimMeterView *m)
{
  m->time = (m->time + 1) % m->n_slots;
  m->slots[m->time] = m->count;
  gint64 oldest = m->slots[(m->time + 1) % m->n_slots];
  m->rate_milli = (m->slots[m->time] - oldest) * 1000 / m->span_s;
}

gint64
fsim_meter_view_get_rate_milli (const FsimMeterView *m)
{
  return m->rate_milli;
}

/* ------------------------------------------------------------------------ */
/* One task's metrics                                                        */

static const char *const time_names[FSIM_TASK_TIME_COUNT] = {
  [FSIM_TASK_TIME_BUSY] = "busy",
  [FSIM_TASK_TIME_IDLE] = "idle",
  [FSIM_TASK_TIME_SOFT_BACKPRESSURED] = "soft-backpressured",
  [FSIM_TASK_TIME_HARD_BACKPRESSURED] = "hard-backpressured",
};

const char *
fsim_task_time_name (FsimTaskTime state)
{
  g_assert ((guint) state < FSIM_TASK_TIME_COUNT);
  return time_names[state];
}

/* The machine in scheduler.h, each step with what performs it in Flink:
 * every step goes through BUSY. */
static const Transition time_transitions[] = {
  { FSIM_TASK_TIME_BUSY, FSIM_TASK_TIME_IDLE,
    "StreamTask.processInput: no input available, the default action is suspended "
    "(idle timer)" },
  { FSIM_TASK_TIME_BUSY, FSIM_TASK_TIME_SOFT_BACKPRESSURED,
    "StreamTask.processInput: an output is not available, the default action is "
    "suspended (soft back-pressure timer)" },
  { FSIM_TASK_TIME_BUSY, FSIM_TASK_TIME_HARD_BACKPRESSURED,
    "requestBufferBuilderBlocking: no buffer in the pool, the task thread blocks "
    "(hard back-pressure timer)" },
  { FSIM_TASK_TIME_IDLE, FSIM_TASK_TIME_BUSY,
    "the input availability future completed (or a mail runs): the default action resumes" },
  { FSIM_TASK_TIME_SOFT_BACKPRESSURED, FSIM_TASK_TIME_BUSY,
    "the output availability future completed (or a mail runs): the default action resumes" },
  { FSIM_TASK_TIME_HARD_BACKPRESSURED, FSIM_TASK_TIME_BUSY,
    "a buffer was recycled: the blocking request returns" },
};

const char *
fsim_task_time_transition_rule (FsimTaskTime from, FsimTaskTime to)
{
  return fsim_sched_transition_rule (time_transitions, G_N_ELEMENTS (time_transitions),
                                     from, to);
}

#define N_GAUGES FSIM_TASK_TIME_COUNT   /* one per state; BUSY's is unused */

struct _FsimTaskMetrics {
  gint64 now_us;                /* the latest time told */
  FsimTaskTime time;
  FsimTimerGauge gauges[N_GAUGES];
  FsimMeterView meters[FSIM_TASK_COUNTER_COUNT];
  FsimTaskPoolUsage pools;
  gint64 input_watermark;       /* ms; G_MININT64: none */
  gint64 output_watermark;
};

FsimTaskMetrics *
fsim_task_metrics_new (gint64 start_us)
{
  g_assert (start_us >= 0);
  FsimTaskMetrics *m = g_new0 (FsimTaskMetrics, 1);
  m->now_us = start_us;
  m->time = FSIM_TASK_TIME_BUSY;
  m->input_watermark = m->output_watermark = G_MININT64;
  for (int s = 0; s < N_GAUGES; s++)
    timer_gauge_init (&m->gauges[s], FSIM_METRICS_TIME_SPAN_S);
  for (int c = 0; c < FSIM_TASK_COUNTER_COUNT; c++)
    meter_view_init (&m->meters[c], FSIM_METRICS_TIME_SPAN_S);
  return m;
}

void
fsim_task_metrics_free (FsimTaskMetrics *metrics)
{
  g_free (metrics);
}

static void
advance (FsimTaskMetrics *m, gint64 now_us)
{
  g_assert (now_us >= m->now_us);
  m->now_us = now_us;
}

const char *
fsim_task_metrics_set_time (FsimTaskMetrics *m, gint64 now_us, FsimTaskTime state)
{
  g_assert ((guint) state < FSIM_TASK_TIME_COUNT);
  const char *rule = fsim_sched_transition_checked (
    time_transitions, G_N_ELEMENTS (time_transitions), m->time, state, "task time",
    fsim_task_time_name (m->time), fsim_task_time_name (state));
  advance (m, now_us);
  if (m->time != FSIM_TASK_TIME_BUSY)
    fsim_timer_gauge_mark_end (&m->gauges[m->time], now_us);
  if (state != FSIM_TASK_TIME_BUSY)
    fsim_timer_gauge_mark_start (&m->gauges[state], now_us);
  m->time = state;
  return rule;
}

FsimTaskTime
fsim_task_metrics_get_time (const FsimTaskMetrics *m)
{
  return m->time;
}

void
fsim_task_metrics_count (FsimTaskMetrics *m, FsimTaskCounter c, gint64 n)
{
  g_assert ((guint) c < FSIM_TASK_COUNTER_COUNT);
  fsim_meter_view_mark_event (&m->meters[c], n);
}

void
fsim_task_metrics_set_pool_usage (FsimTaskMetrics *m, const FsimTaskPoolUsage *u)
{
  g_assert (u->input_used >= 0 && u->input_used <= u->input_total);
  g_assert (u->output_used >= 0 && u->output_total >= 0);
  m->pools = *u;
}

void
fsim_task_metrics_set_watermarks (FsimTaskMetrics *m, gint64 input_ms, gint64 output_ms)
{
  m->input_watermark = input_ms;
  m->output_watermark = output_ms;
}

void
fsim_task_metrics_update (FsimTaskMetrics *m, gint64 now_us)
{
  advance (m, now_us);
  for (int s = 0; s < N_GAUGES; s++)
    if (s != FSIM_TASK_TIME_BUSY)
      fsim_timer_gauge_update (&m->gauges[s], now_us);
  for (int c = 0; c < FSIM_TASK_COUNTER_COUNT; c++)
    fsim_meter_view_update (&m->meters[c]);
}

/* ------------------------------------------------------------------------ */
/* The metrics by name                                                       */

#define BUSY_TIME "busyTimeMsPerSecond"
#define IDLE_TIME "idleTimeMsPerSecond"
#define BACK_PRESSURED_TIME "backPressuredTimeMsPerSecond"
#define SOFT_TIME "softBackPressuredTimeMsPerSecond"
#define HARD_TIME "hardBackPressuredTimeMsPerSecond"
#define MAX_SOFT "maxSoftBackPressureTimeMs"
#define MAX_HARD "maxHardBackPressureTimeMs"
#define RECORDS_IN "numRecordsIn"
#define RECORDS_OUT "numRecordsOut"
#define RECORDS_IN_RATE "numRecordsInPerSecond"
#define RECORDS_OUT_RATE "numRecordsOutPerSecond"
#define BUFFERS_OUT "numBuffersOut"
#define BUFFERS_OUT_RATE "numBuffersOutPerSecond"
#define IN_POOL "inPoolUsage"
#define OUT_POOL "outPoolUsage"
#define IN_WM "currentInputWatermark"
#define OUT_WM "currentOutputWatermark"

#define MS_S "ms/s"
#define RATE_UNIT "1/1000 per s"
#define PERMILLE "permille"

static const FsimTaskMetricDesc metric_descs[FSIM_TASK_METRIC_COUNT] = {
  [FSIM_TASK_METRIC_BUSY_TIME] = { BUSY_TIME, "busy", MS_S, 1 },
  [FSIM_TASK_METRIC_IDLE_TIME] = { IDLE_TIME, "idle", MS_S, 1 },
  [FSIM_TASK_METRIC_BACK_PRESSURED_TIME] = { BACK_PRESSURED_TIME, "backPressured", MS_S, 1 },
  [FSIM_TASK_METRIC_SOFT_BACK_PRESSURED_TIME] = { SOFT_TIME, "soft", MS_S, 1 },
  [FSIM_TASK_METRIC_HARD_BACK_PRESSURED_TIME] = { HARD_TIME, "hard", MS_S, 1 },
  [FSIM_TASK_METRIC_MAX_SOFT_BACK_PRESSURE_TIME] = { MAX_SOFT, "maxSoft", "ms", 1 },
  [FSIM_TASK_METRIC_MAX_HARD_BACK_PRESSURE_TIME] = { MAX_HARD, "maxHard", "ms", 1 },
  [FSIM_TASK_METRIC_NUM_RECORDS_IN] = { RECORDS_IN, "recordsIn", "records", 1 },
  [FSIM_TASK_METRIC_NUM_RECORDS_OUT] = { RECORDS_OUT, "recordsOut", "records", 1 },
  [FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE] = { RECORDS_IN_RATE, "in/s", RATE_UNIT, 1000 },
  [FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE] = { RECORDS_OUT_RATE, "out/s", RATE_UNIT, 1000 },
  [FSIM_TASK_METRIC_NUM_BUFFERS_OUT] = { BUFFERS_OUT, "buffersOut", "buffers", 1 },
  [FSIM_TASK_METRIC_NUM_BUFFERS_OUT_RATE] = { BUFFERS_OUT_RATE, "buffers/s", RATE_UNIT, 1000 },
  [FSIM_TASK_METRIC_NUM_BYTES_IN] = { "numBytesIn", "bytesIn", "bytes", 1 },
  [FSIM_TASK_METRIC_NUM_BYTES_OUT] = { "numBytesOut", "bytesOut", "bytes", 1 },
  [FSIM_TASK_METRIC_NUM_BYTES_IN_RATE] = { "numBytesInPerSecond", "bytesIn/s", RATE_UNIT, 1000 },
  [FSIM_TASK_METRIC_NUM_BYTES_OUT_RATE] = { "numBytesOutPerSecond", "bytesOut/s", RATE_UNIT,
                                            1000 },
  [FSIM_TASK_METRIC_IN_POOL_USAGE] = { IN_POOL, "inPool", PERMILLE, 1000 },
  [FSIM_TASK_METRIC_OUT_POOL_USAGE] = { OUT_POOL, "outPool", PERMILLE, 1000 },
  [FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK] = { IN_WM, "inputWm", "ms", 1 },
  [FSIM_TASK_METRIC_CURRENT_OUTPUT_WATERMARK] = { OUT_WM, "outputWm", "ms", 1 },
};

const FsimTaskMetricDesc *
fsim_task_metric_desc (FsimTaskMetric metric)
{
  g_assert ((guint) metric < FSIM_TASK_METRIC_COUNT);
  return &metric_descs[metric];
}

/* used / total per mille, rounded down; nothing to use shows 0 (a task
 * whose inputs are all local, spec network-and-time.md 4.3). */
static gint64
per_mille (gint64 used, gint64 total)
{
  return total > 0 ? used * 1000 / total : 0;
}

static gint64
gauge_value (const FsimTaskMetrics *m, FsimTaskTime s)
{
  return fsim_timer_gauge_get_value (&m->gauges[s]);
}

static gint64
back_pressured (const FsimTaskMetrics *m)
{
  return gauge_value (m, FSIM_TASK_TIME_SOFT_BACKPRESSURED)
         + gauge_value (m, FSIM_TASK_TIME_HARD_BACKPRESSURED);
}

static gint64
max_single (const FsimTaskMetrics *m, FsimTaskTime s)
{
  return fsim_timer_gauge_get_max_single_measurement (&m->gauges[s]);
}

static gint64
counter (const FsimTaskMetrics *m, FsimTaskCounter c)
{
  return fsim_meter_view_get_count (&m->meters[c]);
}

static gint64
rate (const FsimTaskMetrics *m, FsimTaskCounter c)
{
  return fsim_meter_view_get_rate_milli (&m->meters[c]);
}

gint64
fsim_task_metrics_get (const FsimTaskMetrics *m, FsimTaskMetric metric)
{
  switch (metric)
    {
    case FSIM_TASK_METRIC_BUSY_TIME:
      /* TaskIOMetricGroup.getBusyTimePerSecond */
      return 1000 - MIN (gauge_value (m, FSIM_TASK_TIME_IDLE) + back_pressured (m), 1000);
    case FSIM_TASK_METRIC_IDLE_TIME: return gauge_value (m, FSIM_TASK_TIME_IDLE);
    case FSIM_TASK_METRIC_BACK_PRESSURED_TIME: return back_pressured (m);
    case FSIM_TASK_METRIC_SOFT_BACK_PRESSURED_TIME:
      return gauge_value (m, FSIM_TASK_TIME_SOFT_BACKPRESSURED);
    case FSIM_TASK_METRIC_HARD_BACK_PRESSURED_TIME:
      return gauge_value (m, FSIM_TASK_TIME_HARD_BACKPRESSURED);
    case FSIM_TASK_METRIC_MAX_SOFT_BACK_PRESSURE_TIME:
      return max_single (m, FSIM_TASK_TIME_SOFT_BACKPRESSURED);
    case FSIM_TASK_METRIC_MAX_HARD_BACK_PRESSURE_TIME:
      return max_single (m, FSIM_TASK_TIME_HARD_BACKPRESSURED);
    case FSIM_TASK_METRIC_NUM_RECORDS_IN: return counter (m, FSIM_TASK_COUNTER_RECORDS_IN);
    case FSIM_TASK_METRIC_NUM_RECORDS_OUT: return counter (m, FSIM_TASK_COUNTER_RECORDS_OUT);
    case FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE: return rate (m, FSIM_TASK_COUNTER_RECORDS_IN);
    case FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE: return rate (m, FSIM_TASK_COUNTER_RECORDS_OUT);
    case FSIM_TASK_METRIC_NUM_BUFFERS_OUT: return counter (m, FSIM_TASK_COUNTER_BUFFERS_OUT);
    case FSIM_TASK_METRIC_NUM_BUFFERS_OUT_RATE: return rate (m, FSIM_TASK_COUNTER_BUFFERS_OUT);
    case FSIM_TASK_METRIC_NUM_BYTES_IN: return counter (m, FSIM_TASK_COUNTER_BYTES_IN);
    case FSIM_TASK_METRIC_NUM_BYTES_OUT: return counter (m, FSIM_TASK_COUNTER_BYTES_OUT);
    case FSIM_TASK_METRIC_NUM_BYTES_IN_RATE: return rate (m, FSIM_TASK_COUNTER_BYTES_IN);
    case FSIM_TASK_METRIC_NUM_BYTES_OUT_RATE: return rate (m, FSIM_TASK_COUNTER_BYTES_OUT);
    case FSIM_TASK_METRIC_IN_POOL_USAGE:
      return per_mille (m->pools.input_used, m->pools.input_total);
    case FSIM_TASK_METRIC_OUT_POOL_USAGE:
      return per_mille (m->pools.output_used, m->pools.output_total);
    case FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK: return m->input_watermark;
    case FSIM_TASK_METRIC_CURRENT_OUTPUT_WATERMARK: return m->output_watermark;
    case FSIM_TASK_METRIC_COUNT:
      break;
    }
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* Samples in the trace                                                      */

#define S "scheduler"
#define TM FSIM_COMPONENT_TASKMANAGER

const FsimTraceKindDesc fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_COUNT] = {
  [FSIM_TASK_METRICS_KIND_TIME] = { "task-time-metrics", S,
    "a task's busy, idle and back-pressured time per second (TaskIOMetricGroup), one sample",
    FSIM_KIND_SAMPLE, NULL, TM,
    { { BUSY_TIME, MS_S, "1000 - min(idle + backPressured, 1000)" },
      { IDLE_TIME, MS_S, "waiting for input, 60 s average" },
      { BACK_PRESSURED_TIME, MS_S, "soft + hard" } } },
  [FSIM_TASK_METRICS_KIND_BACKPRESSURE] = { "task-backpressure-metrics", S,
    "a task's soft and hard back-pressured time per second, one sample", FSIM_KIND_SAMPLE, NULL, TM,
    { { SOFT_TIME, MS_S, "waiting for output availability" },
      { HARD_TIME, MS_S, "blocked requesting a buffer" },
      { MAX_HARD, "ms", "longest block in the last 5 s" } } },
  [FSIM_TASK_METRICS_KIND_RECORDS] = { "task-record-metrics", S,
    "a task's record and buffer counters since it started, one sample (and one more at its "
    "final state)", FSIM_KIND_SAMPLE, NULL, TM,
    { { RECORDS_IN, "records", "into the head operator" },
      { RECORDS_OUT, "records", "to network outputs" },
      { BUFFERS_OUT, "buffers", "finished output buffers" } } },
  [FSIM_TASK_METRICS_KIND_RATES] = { "task-rate-metrics", S,
    "a task's MeterView rates over the last 60 s, in thousandths per second, one sample",
    FSIM_KIND_SAMPLE, NULL, TM,
    { { RECORDS_IN_RATE, RATE_UNIT, "x 1000" },
      { RECORDS_OUT_RATE, RATE_UNIT, "x 1000" },
      { BUFFERS_OUT_RATE, RATE_UNIT, "x 1000" } } },
  [FSIM_TASK_METRICS_KIND_POOLS] = { "task-buffer-metrics", S,
    "a task's input and output buffer pool usage, per mille, one sample", FSIM_KIND_SAMPLE, NULL, TM,
    { { IN_POOL, PERMILLE, "remote input channels' buffers in use" },
      { OUT_POOL, PERMILLE, "result partitions' buffers in use" },
      { 0 } } },
  [FSIM_TASK_METRICS_KIND_WATERMARKS] = { "task-watermark-metrics", S,
    "a task's watermark gauges in ms (Long.MIN_VALUE: none yet), one sample", FSIM_KIND_SAMPLE,
    NULL, TM,
    { { IN_WM, "ms", "the inputs' combined watermark given to the head operator" },
      { OUT_WM, "ms", "the last watermark the chain's tail passed on" },
      { 0 } } },
};

static const int kind_metrics[FSIM_TASK_METRICS_KIND_COUNT][FSIM_TRACE_N_VALUES] = {
  [FSIM_TASK_METRICS_KIND_TIME] = { FSIM_TASK_METRIC_BUSY_TIME, FSIM_TASK_METRIC_IDLE_TIME,
                                    FSIM_TASK_METRIC_BACK_PRESSURED_TIME },
  [FSIM_TASK_METRICS_KIND_BACKPRESSURE] = { FSIM_TASK_METRIC_SOFT_BACK_PRESSURED_TIME,
                                            FSIM_TASK_METRIC_HARD_BACK_PRESSURED_TIME,
                                            FSIM_TASK_METRIC_MAX_HARD_BACK_PRESSURE_TIME },
  [FSIM_TASK_METRICS_KIND_RECORDS] = { FSIM_TASK_METRIC_NUM_RECORDS_IN,
                                       FSIM_TASK_METRIC_NUM_RECORDS_OUT,
                                       FSIM_TASK_METRIC_NUM_BUFFERS_OUT },
  [FSIM_TASK_METRICS_KIND_RATES] = { FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE,
                                     FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE,
                                     FSIM_TASK_METRIC_NUM_BUFFERS_OUT_RATE },
  [FSIM_TASK_METRICS_KIND_POOLS] = { FSIM_TASK_METRIC_IN_POOL_USAGE,
                                     FSIM_TASK_METRIC_OUT_POOL_USAGE, -1 },
  [FSIM_TASK_METRICS_KIND_WATERMARKS] = { FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK,
                                          FSIM_TASK_METRIC_CURRENT_OUTPUT_WATERMARK, -1 },
};

static const char *const kind_whys[FSIM_TASK_METRICS_KIND_COUNT] = {
  [FSIM_TASK_METRICS_KIND_TIME] =
    "TaskIOMetricGroup: idle and back-pressured time are TimerGauges, the ms measured "
    "in each 5 s View update averaged over the last 60 s; busyTimeMsPerSecond = "
    "1000 - min(idle + backPressured, 1000)",
  [FSIM_TASK_METRICS_KIND_BACKPRESSURE] =
    "StreamTask.processInput: soft = suspended until the output is available, hard = "
    "blocked in requestBufferBuilderBlocking (no mails run); backPressured = soft + hard; "
    "the max is TimerGauge.getMaxSingleMeasurement of the last update interval",
  [FSIM_TASK_METRICS_KIND_RECORDS] =
    "TaskIOMetricGroup counters: numRecordsIn into the head operator, numRecordsOut to "
    "the network outputs (once per record), numBuffersOut finished output buffers",
  [FSIM_TASK_METRICS_KIND_RATES] =
    "MeterView: (count now - count 60 s ago) / 60, recomputed every 5 s; during the first "
    "60 s the older counts are 0, so the rate under-reports",
  [FSIM_TASK_METRICS_KIND_POOLS] =
    "CreditBasedInputBuffersUsageGauge over remote input channels (0 when every input is "
    "local) and OutputBufferPoolUsageGauge over the result partitions, overdraft included",
  [FSIM_TASK_METRICS_KIND_WATERMARKS] =
    "currentInputWatermark: what the StatusWatermarkValve last gave the head operator "
    "(a two-input task's is the minimum of its inputs', MinWatermarkGauge); "
    "currentOutputWatermark: the gauge on the chain's tail operator's output (OperatorChain), "
    "the last watermark it passed on, also when the tail is a sink; Long.MIN_VALUE until one",
};

int
fsim_task_metrics_kind_metric (FsimTraceKind kind, int i)
{
  g_assert (i >= 0 && i < FSIM_TRACE_N_VALUES);
  for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
    if (kind == &fsim_task_metrics_kinds[k])
      return kind->values[i].name ? kind_metrics[k][i] : -1;
  return -1;
}

int
fsim_task_metrics_value_index (FsimTaskMetric metric, FsimTraceKind *kind)
{
  for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
    for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
      if (fsim_task_metrics_kind_metric (&fsim_task_metrics_kinds[k], i) == (int) metric)
        {
          *kind = &fsim_task_metrics_kinds[k];
          return i;
        }
  *kind = NULL;
  return -1;
}

void
fsim_task_metrics_trace_sample (FsimTaskMetrics *m, gint64 now_us,
                                const FsimTraceRecord *base, FsimTrace *trace)
{
  g_assert (base->from == -1 && base->to == -1);
  advance (m, now_us);
  for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
    {
      FsimTraceRecord r = *base;
      r.kind = &fsim_task_metrics_kinds[k];
      r.why = kind_whys[k];
      for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
        r.values[i] = fsim_task_metrics_kind_metric (r.kind, i) < 0
                        ? 0 : fsim_task_metrics_get (m, kind_metrics[k][i]);
      fsim_trace_append (trace, now_us, &r);
    }
}

void
fsim_task_metrics_trace_final (FsimTaskMetrics *m, gint64 now_us, const FsimTraceRecord *base,
                               FsimTrace *trace)
{
  g_assert (base->from == -1 && base->to == -1);
  advance (m, now_us);
  const int k = FSIM_TASK_METRICS_KIND_RECORDS;
  FsimTraceRecord r = *base;
  r.kind = &fsim_task_metrics_kinds[k];
  r.why = "Task.notifyFinalState: the final TaskExecutionState carries the task's IOMetrics "
          "(Execution.markFinished keeps them), so a subtask that ended shows its counters "
          "as they were at its end, not as the last once-a-second sample had them";
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    r.values[i] = fsim_task_metrics_kind_metric (r.kind, i) < 0
                    ? 0 : fsim_task_metrics_get (m, kind_metrics[k][i]);
  fsim_trace_append (trace, now_us, &r);
}

/* ------------------------------------------------------------------------ */
/* The REST API's backpressure level                                         */

static const char *const level_names[] = {
  [FSIM_BACKPRESSURE_OK] = "ok",
  [FSIM_BACKPRESSURE_LOW] = "low",
  [FSIM_BACKPRESSURE_HIGH] = "high",
};

const char *
fsim_backpressure_level_name (FsimBackpressureLevel level)
{
  g_assert ((guint) level < G_N_ELEMENTS (level_names));
  return level_names[level];
}

/* ms / 1000 <= 0.10 and <= 0.5 in Flink's doubles are ms <= 100 and
 * ms <= 500 for every whole ms (100 / 1000.0 is the double nearest 0.1). */
FsimBackpressureLevel
fsim_backpressure_level (gint64 ms)
{
  if (ms <= 100)
    return FSIM_BACKPRESSURE_OK;
  if (ms <= 500)
    return FSIM_BACKPRESSURE_LOW;
  return FSIM_BACKPRESSURE_HIGH;
}

FsimBackpressureLevel
fsim_backpressure_level_of_vertex (const gint64 *ms, guint n)
{
  g_assert (n >= 1);
  gint64 highest = ms[0];
  for (guint i = 1; i < n; i++)
    highest = MAX (highest, ms[i]);
  return fsim_backpressure_level (highest);
}
