/* event-time-trace.c - --detail event-time: the records that show every
 * step of event time at a task, not the once-a-second summaries of the
 * default trace (docs/formats.md, "--detail event-time").
 *
 *   channel-watermark  each watermark or WatermarkStatus that reaches a
 *                      StatusWatermarkValve from an input channel: whether
 *                      the valve's output rose and, if not, why
 *   watermark          (stream-task.c) each advance of the task's input
 *                      watermark, with the channel that now holds it
 *   window-created, window-merged, window-purged, late-record
 *                      what a WindowOperator did to each (key, window), from
 *                      the FsimWindowEvent it noted during the call
 *
 * Everything here is read from the valve's and the operator's own state,
 * never from trace text. The texts are trace data: English in every
 * locale (docs/i18n.md). */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler-private.h"

/* "1999 ms", or what the two values that are no time mean. (transfer full) */
static char *
time_text (gint64 ms)
{
  if (ms == FSIM_WATERMARK_NONE)
    return g_strdup ("Long.MIN_VALUE");
  if (ms == FSIM_WATERMARK_MAX)
    return g_strdup ("Long.MAX_VALUE");
  return g_strdup_printf ("%" PRId64 " ms", ms);
}

static char *
key_text (const FsimWindowKey *k)
{
  return k->is_string ? g_strdup_printf ("key \"%s\"", k->string)
                      : g_strdup_printf ("key %" PRId64, k->number);
}

static char *
window_text (const FsimWindow *w)
{
  return w->global ? g_strdup ("GlobalWindow")
                   : g_strdup_printf ("[%" PRId64 ", %" PRId64 ")", w->start, w->end);
}

void
fsim_sched_trace_channel_watermark (FsimCluster *c, Execution *e, int input, guint channel,
                                    const char *producer, gboolean is_status, gboolean idle,
                                    gint64 watermark, const FsimWatermarkValve *valve,
                                    const char *why, gint64 holder_silent_us)
{
  FsimValveOutcome outcome = fsim_watermark_valve_get_last_outcome (valve);
  FsimTraceRecord r = fsim_sched_execution_record (
    c, e, FSIM_SCHED_KIND_CHANNEL_WATERMARK,
    "StatusWatermarkValve: a channel's watermark counts only while the channel is ACTIVE and "
    "aligned, and the valve emits the minimum over its aligned channels only when it rises");
  guint idle_channels = 0;
  guint n = fsim_watermark_valve_get_n_channels (valve);
  for (guint k = 0; k < n; k++)
    idle_channels += fsim_watermark_valve_channel_is_idle (valve, k);
  g_autofree char *now = fsim_watermark_valve_describe (valve);
  g_autofree char *came = is_status ? g_strdup (idle ? "IDLE" : "ACTIVE") : time_text (watermark);
  /* the holder is ACTIVE and aligned: only an IDLE status would let the
   * others on ("channel 2 has been silent for 40 s; withIdleness is not set") */
  int holder = fsim_watermark_valve_min_channel (valve);
  g_autofree char *silence = NULL;
  if (holder >= 0 && (guint) holder != channel)
    {
      g_autofree char *for_how_long = holder_silent_us < 0 ? NULL
                                                           : fsim_duration_text (holder_silent_us);
      g_autofree char *sent = for_how_long
        ? g_strdup_printf ("has sent no watermark for %s", for_how_long)
        : g_strdup ("has sent no watermark yet");
      silence = g_strdup_printf ("; channel %d %s: it stays ACTIVE unless its source's "
                                 "WatermarkStrategy has .withIdleness(d)", holder, sent);
    }
  g_autofree char *detail = g_strdup_printf ("input %d channel %u (from %s) sent %s: %s; now %s%s",
                                             input + 1, channel, producer, came, why, now,
                                             silence ? silence : "");
  r.channel = (gint32) channel;
  r.detail = detail;
  r.values[0] = input;
  r.values[1] = is_status ? (idle ? 1 : 2) : 0;
  r.values[2] = is_status ? fsim_watermark_valve_get_channel_watermark (valve, channel)
                          : watermark;
  r.values[3] = fsim_watermark_valve_get_last_output (valve);
  r.values[4] = outcome;
  r.values[5] = fsim_watermark_valve_min_channel (valve);
  r.values[6] = idle_channels;
  r.values[7] = holder < 0 || holder_silent_us < 0 ? -1 : holder_silent_us / 1000;
  fsim_sched_cluster_trace (c, &r);
}

char *
fsim_sched_describe_valves (gint64 watermark, FsimWatermarkValve *const *valves, int n_inputs)
{
  g_autofree char *at = time_text (watermark);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "currentInputWatermark %s: ", at);
  gsize start = s->len;
  for (int in = 0; in < n_inputs; in++)
    {
      if (valves[in] == NULL)
        continue;
      g_autofree char *d = fsim_watermark_valve_describe (valves[in]);
      if (n_inputs > 1)
        g_string_append_printf (s, "%sinput %d: ", s->len > start ? "; " : "", in + 1);
      g_string_append (s, d);
    }
  if (n_inputs > 1)
    g_string_append (s, "; the task's watermark is the minimum of its inputs' "
                        "(IndexedCombinedWatermarkStatus)");
  return g_string_free (s, FALSE);
}

char *
fsim_sched_describe_firings (const char *op_name, const GArray *fired)
{
  GString *s = g_string_new (op_name);
  for (guint k = 0; k < fired->len; k++)
    {
      const FsimWindowFiring *f = &g_array_index (fired, FsimWindowFiring, k);
      g_autofree char *key = key_text (&f->key);
      g_autofree char *w = window_text (&f->window);
      g_string_append_printf (s, "%s%s %s: %" PRId64 " record%s", k ? ", " : ": ", key, w,
                              f->result, f->result == 1 ? "" : "s");
    }
  return g_string_free (s, FALSE);
}

static void
trace_created (FsimCluster *c, Execution *e, const char *op_name, const FsimWindowEvent *ev)
{
  FsimTraceRecord r = fsim_sched_execution_record (
    c, e, FSIM_SCHED_KIND_WINDOW_CREATED,
    "WindowOperator.processElement: the element's window gets its first contents for the key; "
    "the trigger's timer and the cleanup timer (cleanupTime: maxTimestamp + allowedLateness) "
    "are registered");
  g_autofree char *key = key_text (&ev->key);
  g_autofree char *w = window_text (&ev->window);
  g_autofree char *cleanup = time_text (ev->cleanup);
  g_autofree char *detail = g_strdup_printf ("%s: %s window %s (cleanup at %s)", op_name, key, w,
                                             cleanup);
  r.detail = detail;
  r.values[0] = ev->window.global ? G_MININT64 : ev->window.start;
  r.values[1] = ev->window.global ? G_MAXINT64 : ev->window.end;
  r.values[2] = ev->time;
  r.values[3] = ev->cleanup;
  fsim_sched_cluster_trace (c, &r);
}

static void
trace_merged (FsimCluster *c, Execution *e, const char *op_name, const FsimWindowEvent *ev)
{
  FsimTraceRecord r = fsim_sched_execution_record (
    c, e, FSIM_SCHED_KIND_WINDOW_MERGED,
    "MergingWindowSet.addWindow: the element's session window intersects held windows (touching "
    "counts), so they merge into their cover, which takes their contents and trigger state; the "
    "absorbed windows' timers are deleted");
  g_autofree char *key = key_text (&ev->key);
  g_autofree char *w = window_text (&ev->window);
  g_autofree char *detail = g_strdup_printf (
    "%s: %s, the element at %" PRId64 " ms: %s merge%s into %s", op_name, key, ev->time,
    ev->merged, ev->n_merged == 1 ? "s" : "", w);
  r.detail = detail;
  r.values[0] = ev->window.start;
  r.values[1] = ev->window.end;
  r.values[2] = ev->n_merged;
  r.values[3] = ev->time;
  fsim_sched_cluster_trace (c, &r);
}

static const char *const purge_whys[FSIM_WINDOW_PURGE_COUNT] = {
  [FSIM_WINDOW_PURGE_CLEANUP] = "WindowOperator.onEventTime / onProcessingTime: the cleanup timer "
    "(cleanupTime: maxTimestamp + allowedLateness) clears all the window's state "
    "(clearAllState); an element for it later is late",
  [FSIM_WINDOW_PURGE_TRIGGER] = "the trigger returned FIRE_AND_PURGE (PurgingTrigger): the "
    "window's contents are cleared; its timers stay",
  [FSIM_WINDOW_PURGE_BATCH_KEY] = "BATCH: the next key began, so the previous key's state is "
    "cleared (BatchExecutionKeyedStateBackend.setCurrentKey)",
};

static void
trace_purged (FsimCluster *c, Execution *e, const char *op_name, const FsimWindowEvent *ev)
{
  FsimTraceRecord r = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_WINDOW_PURGED,
                                                   purge_whys[ev->purge]);
  g_autofree char *key = key_text (&ev->key);
  g_autofree char *w = window_text (&ev->window);
  g_autofree char *at = time_text (ev->time);
  g_autofree char *detail = g_strdup_printf ("%s: %s window %s purged (%s) at %s", op_name, key,
                                             w, fsim_window_purge_names[ev->purge], at);
  r.detail = detail;
  r.values[0] = ev->window.global ? G_MININT64 : ev->window.start;
  r.values[1] = ev->window.global ? G_MAXINT64 : ev->window.end;
  r.values[2] = ev->time;
  r.values[3] = ev->purge;
  fsim_sched_cluster_trace (c, &r);
}

static void
trace_late (FsimCluster *c, Execution *e, const char *op_name, const FsimWindowEvent *ev)
{
  g_assert (ev->fate != FSIM_WINDOW_ELEMENT_ADDED);
  FsimTraceRecord r = fsim_sched_execution_record (
    c, e, FSIM_SCHED_KIND_LATE_RECORD,
    "WindowOperator.processElement: every window of the record is late (isWindowLate: "
    "cleanupTime <= the watermark); a late record (isElementLate: timestamp + allowedLateness "
    "<= the watermark) is dropped (numLateRecordsDropped) or goes to sideOutputLateData's "
    "output");
  g_autofree char *key = key_text (&ev->key);
  g_autofree char *w = window_text (&ev->window);
  g_autofree char *cleanup = time_text (ev->cleanup);
  g_autofree char *wm = time_text (ev->watermark);
  const char *fate = fsim_window_late_fate_names[ev->fate - 1];
  g_autofree char *detail = g_strdup_printf (
    "%s: %s at %" PRId64 " ms, window %s: cleanup %s <= watermark %s: %s", op_name, key,
    ev->time, w, cleanup, wm, fate);
  r.detail = detail;
  r.values[0] = ev->time;
  r.values[1] = ev->watermark;
  r.values[2] = ev->cleanup;
  r.values[3] = ev->fate - 1;
  fsim_sched_cluster_trace (c, &r);
}

/* The events a window operator noted, in order: the ones before its
 * firings (merged, created: pre) or after them (purged, late). */
void
fsim_sched_trace_window_events (FsimCluster *c, Execution *e, const char *op_name,
                                GArray *events, gboolean pre)
{
  for (guint k = 0; k < events->len; k++)
    {
      const FsimWindowEvent *ev = &g_array_index (events, FsimWindowEvent, k);
      gboolean early = ev->kind == FSIM_WINDOW_EVENT_CREATED
                       || ev->kind == FSIM_WINDOW_EVENT_MERGED;
      if (early != pre)
        continue;
      switch (ev->kind)
        {
        case FSIM_WINDOW_EVENT_CREATED: trace_created (c, e, op_name, ev); break;
        case FSIM_WINDOW_EVENT_MERGED: trace_merged (c, e, op_name, ev); break;
        case FSIM_WINDOW_EVENT_PURGED: trace_purged (c, e, op_name, ev); break;
        case FSIM_WINDOW_EVENT_LATE: trace_late (c, e, op_name, ev); break;
        }
    }
  if (!pre)
    g_array_set_size (events, 0);
}
