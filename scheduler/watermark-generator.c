/* watermark-generator.c - the WatermarkStrategy's generators and the
 * operator that runs one periodically (TimestampsAndWatermarksOperator with
 * its WatermarkEmitter); flink-spec network-and-time.md 5.2-5.4. */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler-private.h"
#include "scheduler/event-time-private.h"

#define LOCALIZED (g->localized)

/* ------------------------------------------------------------------------ */
/* Generators                                                                 */

struct _FsimWatermarkGenerator {
  FsimWatermarkKind kind;
  gint64 out_of_orderness_ms;   /* Duration.toMillis */
  gint64 max_timestamp;         /* BoundedOutOfOrdernessWatermarks.maxTimestamp */
  /* WatermarksWithIdleness and its IdlenessTimer */
  gboolean with_idleness;
  gint64 idle_timeout_ms;       /* whole ms of the timeout, rounded down (below) */
  gint64 counter, last_counter;
  gboolean inactivity_started;  /* Flink: startOfInactivityNanos != 0 */
  gint64 start_of_inactivity_ms;
  gboolean idle_now;
  gboolean localized;
};

FsimWatermarkGenerator *
fsim_watermark_generator_new (const FsimWatermarkSpec *spec)
{
  FsimWatermarkGenerator *g = g_new0 (FsimWatermarkGenerator, 1);
  g->kind = spec->kind;
  /* forMonotonousTimestamps: AscendingTimestampsWatermarks, a bound of 0 */
  g->out_of_orderness_ms = spec->kind == FSIM_WATERMARKS_BOUNDED
                           ? spec->max_out_of_orderness_us / 1000 : 0;
  g_assert (g->out_of_orderness_ms >= 0);
  /* start so that the lowest watermark is Long.MIN_VALUE */
  g->max_timestamp = G_MININT64 + g->out_of_orderness_ms + 1;
  /* Flink compares nanoseconds: elapsed > timeout; on a clock of whole ms
   * that is elapsed_ms > floor(timeout_us / 1000) for any timeout */
  g_assert (spec->idleness_us >= 0);
  g->with_idleness = spec->idleness_us > 0;
  g->idle_timeout_ms = spec->idleness_us / 1000;
  return g;
}

void
fsim_watermark_generator_free (FsimWatermarkGenerator *generator)
{
  g_free (generator);
}

void
fsim_watermark_generator_on_event (FsimWatermarkGenerator *g, gint64 timestamp)
{
  if (g->kind != FSIM_WATERMARKS_NONE)
    g->max_timestamp = MAX (g->max_timestamp, timestamp);
  if (g->with_idleness)
    {
      g->counter++;             /* IdlenessTimer.activity */
      g->idle_now = FALSE;
    }
}

/* IdlenessTimer.checkIfIdle: activity since the last check resets it; the
 * first check without activity starts it; idle once more than the timeout
 * has passed since then (strictly). */
static gboolean
check_if_idle (FsimWatermarkGenerator *g, gint64 now_ms)
{
  if (g->counter != g->last_counter)
    {
      g->last_counter = g->counter;
      g->inactivity_started = FALSE;
      return FALSE;
    }
  if (!g->inactivity_started)
    {
      g->inactivity_started = TRUE;
      g->start_of_inactivity_ms = now_ms;
      return FALSE;
    }
  return now_ms - g->start_of_inactivity_ms > g->idle_timeout_ms;
}

FsimGeneratorAction
fsim_watermark_generator_on_periodic_emit (FsimWatermarkGenerator *g, gint64 now_ms,
                                           gint64 *watermark, const char **rule)
{
  const char *dummy;
  rule = rule ? rule : &dummy;
  if (g->with_idleness && check_if_idle (g, now_ms))
    {
      if (g->idle_now)
        {
          *rule = _("no record for longer than the idle timeout: still idle, nothing is "
                    "emitted (WatermarksWithIdleness.onPeriodicEmit)");
          return FSIM_GENERATOR_NOTHING;
        }
      g->idle_now = TRUE;
      *rule = _("no record for longer than the idle timeout since the first tick without "
                "one: markIdle (WatermarksWithIdleness, IdlenessTimer.checkIfIdle)");
      return FSIM_GENERATOR_IDLE;
    }
  if (g->kind == FSIM_WATERMARKS_NONE)
    {
      *rule = _("noWatermarks(): NoWatermarksGenerator emits nothing");
      return FSIM_GENERATOR_NOTHING;
    }
  /* Java's long arithmetic; max_timestamp >= MIN + d + 1, so no overflow */
  *watermark = g->max_timestamp - g->out_of_orderness_ms - 1;
  *rule = g->kind == FSIM_WATERMARKS_BOUNDED
    ? _("onPeriodicEmit: the highest timestamp seen - the bound - 1 ms "
        "(BoundedOutOfOrdernessWatermarks)")
    : _("onPeriodicEmit: the highest timestamp seen - 1 ms (AscendingTimestampsWatermarks)");
  return FSIM_GENERATOR_WATERMARK;
}

/* ------------------------------------------------------------------------ */
/* TimestampsAndWatermarksOperator                                            */

struct _FsimTimestampsAndWatermarks {
  FsimWatermarkGenerator *generator;
  gint64 interval_ms;
  gint64 next_timer;            /* -1: none */
  gint64 now_ms;
  /* WatermarkEmitter */
  gint64 current_watermark;
  gboolean idle;
};

FsimTimestampsAndWatermarks *
fsim_timestamps_and_watermarks_new (const FsimWatermarkSpec *spec, gint64 interval_ms,
                                    gint64 now_ms)
{
  g_assert (interval_ms >= 0);
  FsimTimestampsAndWatermarks *op = g_new0 (FsimTimestampsAndWatermarks, 1);
  op->generator = fsim_watermark_generator_new (spec);
  op->interval_ms = interval_ms;
  op->now_ms = now_ms;
  op->next_timer = interval_ms > 0 ? now_ms + interval_ms : -1;
  op->current_watermark = FSIM_WATERMARK_NONE;
  return op;
}

void
fsim_timestamps_and_watermarks_free (FsimTimestampsAndWatermarks *op)
{
  if (op == NULL)
    return;
  fsim_watermark_generator_free (op->generator);
  g_free (op);
}

static void
append (GArray *out, FsimEventTimeOutputKind kind, gint64 timestamp, gboolean idle)
{
  FsimEventTimeOutput o = { kind, timestamp, idle };
  g_array_append_val (out, o);
}

/* WatermarkEmitter.emitWatermark: only above the last; ACTIVE first. */
static gboolean
emitter_watermark (FsimTimestampsAndWatermarks *op, gint64 ts, GArray *out)
{
  if (ts <= op->current_watermark)
    return FALSE;
  op->current_watermark = ts;
  if (op->idle)
    {
      op->idle = FALSE;
      append (out, FSIM_EVENT_TIME_STATUS, 0, FALSE);
    }
  append (out, FSIM_EVENT_TIME_WATERMARK, ts, FALSE);
  return TRUE;
}

/* onPeriodicEmit through the emitter; the why of it. */
static char *
periodic_emit (FsimTimestampsAndWatermarks *op, GArray *out)
{
  const FsimWatermarkGenerator *g = op->generator;
  gint64 wm = 0;
  const char *rule;
  gboolean was_idle = op->idle;
  switch (fsim_watermark_generator_on_periodic_emit (op->generator, op->now_ms, &wm, &rule))
    {
    case FSIM_GENERATOR_NOTHING:
      return g_strdup (rule);
    case FSIM_GENERATOR_IDLE:
      if (op->idle)
        return g_strdup_printf (_("%s; the output is already IDLE"), rule);
      op->idle = TRUE;
      append (out, FSIM_EVENT_TIME_STATUS, 0, TRUE);
      return g_strdup (rule);
    case FSIM_GENERATOR_WATERMARK:
      if (wm == FSIM_WATERMARK_NONE)
        return g_strdup_printf (_("%s = Long.MIN_VALUE: no record yet, nothing is forwarded "
                                  "(WatermarkEmitter)"), rule);
      if (!emitter_watermark (op, wm, out))
        return g_strdup_printf (_("%s = %" PRId64 ", not above the last watermark %" PRId64
                                  ": not forwarded (WatermarkEmitter)"),
                                rule, wm, op->current_watermark);
      if (was_idle)
        return g_strdup_printf (_("%s = %" PRId64 ": the output was IDLE, so ACTIVE goes out "
                                  "first, then the watermark (WatermarkEmitter.markActive)"),
                                rule, wm);
      return g_strdup_printf (_("%s = %" PRId64 ", above the last: forwarded (WatermarkEmitter)"),
                              rule, wm);
    }
  g_assert_not_reached ();
}

char *
fsim_timestamps_and_watermarks_process_element (FsimTimestampsAndWatermarks *op,
                                                gint64 timestamp, GArray *out)
{
  const FsimWatermarkGenerator *g = op->generator;
  append (out, FSIM_EVENT_TIME_RECORD, timestamp, FALSE);
  fsim_watermark_generator_on_event (op->generator, timestamp);
  return g_strdup (_("the record is forwarded first, then the generator sees its timestamp "
                     "(TimestampsAndWatermarksOperator.processElement, onEvent); a periodic "
                     "generator emits nothing here"));
}

char *
fsim_timestamps_and_watermarks_advance_processing_time (FsimTimestampsAndWatermarks *op,
                                                        gint64 now_ms, GArray *out)
{
  const FsimWatermarkGenerator *g = op->generator;
  g_assert (now_ms >= op->now_ms);
  op->now_ms = now_ms;
  if (op->next_timer < 0)
    return g_strdup (_("no periodic timer: pipeline.auto-watermark-interval is 0"));
  if (op->next_timer > now_ms)
    return g_strdup_printf (_("the next periodic emission is at %" PRId64 " ms"),
                            op->next_timer);
  g_autofree char *what = periodic_emit (op, out);
  /* onProcessingTime: the next timer one interval after now, not on a grid */
  op->next_timer = now_ms + op->interval_ms;
  return g_strdup_printf (_("the periodic timer fires: %s; the next one is at %" PRId64
                            " ms, one interval after now (TimestampsAndWatermarksOperator."
                            "onProcessingTime)"), what, op->next_timer);
}

char *
fsim_timestamps_and_watermarks_process_watermark (FsimTimestampsAndWatermarks *op,
                                                  gint64 watermark, GArray *out)
{
  const FsimWatermarkGenerator *g = op->generator;
  if (watermark != FSIM_WATERMARK_MAX)
    return g_strdup (_("an upstream watermark is dropped: this operator makes its own "
                       "(TimestampsAndWatermarksOperator.processWatermark)"));
  emitter_watermark (op, FSIM_WATERMARK_MAX, out);
  return g_strdup (_("Long.MAX_VALUE, the end of input, is forwarded "
                     "(TimestampsAndWatermarksOperator.processWatermark)"));
}

char *
fsim_timestamps_and_watermarks_finish (FsimTimestampsAndWatermarks *op, GArray *out)
{
  const FsimWatermarkGenerator *g = op->generator;
  g_autofree char *what = periodic_emit (op, out);
  return g_strdup_printf (_("finish: one last onPeriodicEmit: %s"), what);
}

gint64
fsim_timestamps_and_watermarks_get_next_timer (const FsimTimestampsAndWatermarks *op)
{
  return op->next_timer;
}

gint64
fsim_timestamps_and_watermarks_get_current_watermark (const FsimTimestampsAndWatermarks *op)
{
  return op->current_watermark;
}

void
fsim_watermark_generator_set_localized (FsimWatermarkGenerator *generator, gboolean localized)
{
  generator->localized = localized;
}

void
fsim_timestamps_and_watermarks_set_localized (FsimTimestampsAndWatermarks *op, gboolean localized)
{
  op->generator->localized = localized;
}
