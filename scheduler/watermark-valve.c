/* watermark-valve.c - StatusWatermarkValve: one input's channels combined
 * into one watermark and one WatermarkStatus (scheduler.h gives the
 * states; Flink 2.0's rules, flink-spec network-and-time.md 5.7).
 *
 * Flink keeps the aligned channels in a heap; a scan finds the same
 * minimum, and a task's channels are few enough for it. */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler-private.h"
#include "scheduler/event-time-private.h"

#define LOCALIZED (valve->localized)

typedef struct {
  gint64 watermark;
  gboolean idle;
  gboolean aligned;
} Channel;

struct _FsimWatermarkValve {
  guint n;
  Channel *channels;
  gint64 last_output;
  gboolean idle;
  gboolean localized;
  FsimValveOutcome outcome;     /* of the last input */
};

const char *const fsim_valve_outcome_names[FSIM_VALVE_OUTCOME_COUNT + 1] = {
  [FSIM_VALVE_ADVANCED] = "advanced",
  [FSIM_VALVE_CHANNEL_IDLE] = "channel-idle",
  [FSIM_VALVE_NOT_ABOVE_CHANNEL] = "not-above-channel",
  [FSIM_VALVE_UNALIGNED] = "unaligned",
  [FSIM_VALVE_HELD] = "held",
  [FSIM_VALVE_NO_ALIGNED] = "no-aligned",
  [FSIM_VALVE_STATUS] = "status",
  [FSIM_VALVE_STATUS_UNCHANGED] = "status-unchanged",
  [FSIM_VALVE_OUTCOME_COUNT] = NULL,
};

static void
assert_valve (const FsimWatermarkValve *valve)
{
  gboolean any_active = FALSE;
  for (guint i = 0; i < valve->n; i++)
    {
      g_assert (!valve->channels[i].aligned || !valve->channels[i].idle);
      any_active |= !valve->channels[i].idle;
    }
  g_assert (valve->idle == !any_active);
}

FsimWatermarkValve *
fsim_watermark_valve_new (guint n_channels)
{
  g_assert (n_channels >= 1);
  FsimWatermarkValve *valve = g_new0 (FsimWatermarkValve, 1);
  valve->n = n_channels;
  valve->channels = g_new0 (Channel, n_channels);
  for (guint i = 0; i < n_channels; i++)
    valve->channels[i] = (Channel) { FSIM_WATERMARK_NONE, FALSE, TRUE };
  valve->last_output = FSIM_WATERMARK_NONE;
  return valve;
}

void
fsim_watermark_valve_free (FsimWatermarkValve *valve)
{
  if (valve == NULL)
    return;
  g_free (valve->channels);
  g_free (valve);
}

static void
emit_watermark (FsimWatermarkValve *valve, gint64 watermark, GArray *out)
{
  g_assert (watermark > valve->last_output);
  valve->last_output = watermark;
  valve->outcome = FSIM_VALVE_ADVANCED;
  FsimEventTimeOutput o = { FSIM_EVENT_TIME_WATERMARK, watermark, FALSE };
  g_array_append_val (out, o);
}

static void
emit_status (FsimWatermarkValve *valve, gboolean idle, GArray *out)
{
  valve->idle = idle;
  FsimEventTimeOutput o = { FSIM_EVENT_TIME_STATUS, 0, idle };
  g_array_append_val (out, o);
}

/* The aligned channel with the lowest watermark, or -1. */
static int
min_aligned (const FsimWatermarkValve *valve)
{
  int best = -1;
  for (guint i = 0; i < valve->n; i++)
    if (valve->channels[i].aligned
        && (best < 0 || valve->channels[i].watermark < valve->channels[best].watermark))
      best = (int) i;
  return best;
}

/* findAndOutputNewMinWatermarkAcrossAlignedSubpartitions */
static char *
output_new_min (FsimWatermarkValve *valve, const char *before, GArray *out)
{
  int c = min_aligned (valve);
  valve->outcome = c < 0 ? FSIM_VALVE_NO_ALIGNED : FSIM_VALVE_HELD;
  if (c < 0)
    return g_strdup_printf (_("%s; no channel is aligned, so nothing is emitted "
                              "(StatusWatermarkValve)"), before);
  gint64 min = valve->channels[c].watermark;
  if (min <= valve->last_output)
    {
      if (min == FSIM_WATERMARK_NONE)
        return g_strdup_printf (_("%s; channel %d has no watermark yet and holds the minimum "
                                  "over the aligned channels back (StatusWatermarkValve)"),
                                before, c);
      return g_strdup_printf (_("%s; the minimum over the aligned channels is %" PRId64
                                " (channel %d), not above the last output %" PRId64
                                ": nothing is emitted (StatusWatermarkValve)"),
                              before, min, c, valve->last_output);
    }
  emit_watermark (valve, min, out);
  return g_strdup_printf (_("%s; the minimum over the aligned channels rises to %" PRId64
                            " (channel %d) and is emitted (StatusWatermarkValve."
                            "findAndOutputNewMinWatermarkAcrossAlignedSubpartitions)"),
                          before, min, c);
}

char *
fsim_watermark_valve_input_watermark (FsimWatermarkValve *valve, guint channel,
                                      gint64 watermark, GArray *out)
{
  g_assert (channel < valve->n);
  Channel *ch = &valve->channels[channel];
  g_autofree char *why = NULL;
  valve->outcome = FSIM_VALVE_CHANNEL_IDLE;
  if (valve->idle || ch->idle)
    why = g_strdup_printf (_("channel %u is IDLE: its watermark is ignored, not even recorded "
                             "(StatusWatermarkValve.inputWatermark)"), channel);
  else if (watermark <= ch->watermark)
    {
      valve->outcome = FSIM_VALVE_NOT_ABOVE_CHANNEL;
      why = g_strdup_printf (_("%" PRId64 " is not above channel %u's watermark %" PRId64
                             ": ignored (StatusWatermarkValve.inputWatermark)"),
                             watermark, channel, ch->watermark);
    }
  else
    {
      ch->watermark = watermark;
      g_autofree char *before = NULL;
      if (!ch->aligned && watermark >= valve->last_output)
        {
          ch->aligned = TRUE;
          before = g_strdup_printf (_("channel %u's watermark is %" PRId64 "; it has caught up "
                                      "with the last output and is aligned again"),
                                    channel, watermark);
        }
      else if (!ch->aligned)
        before = g_strdup_printf (_("channel %u's watermark is %" PRId64 ", still below the "
                                    "last output %" PRId64 ": unaligned, it does not count"),
                                  channel, watermark, valve->last_output);
      else
        before = g_strdup_printf (_("channel %u's watermark is %" PRId64), channel, watermark);
      why = output_new_min (valve, before, out);
      if (!ch->aligned && valve->outcome != FSIM_VALVE_ADVANCED)
        valve->outcome = FSIM_VALVE_UNALIGNED;
    }
  assert_valve (valve);
  return g_steal_pointer (&why);
}

/* findAndOutputMaxWatermarkAcrossAllSubpartitions */
static void
output_max (FsimWatermarkValve *valve, GArray *out)
{
  gint64 max = FSIM_WATERMARK_NONE;
  for (guint i = 0; i < valve->n; i++)
    max = MAX (max, valve->channels[i].watermark);
  if (max > valve->last_output)
    emit_watermark (valve, max, out);
}

static char *
go_idle (FsimWatermarkValve *valve, guint channel, GArray *out)
{
  Channel *ch = &valve->channels[channel];
  ch->idle = TRUE;
  ch->aligned = FALSE;
  gboolean any_active = FALSE;
  for (guint i = 0; i < valve->n; i++)
    any_active |= !valve->channels[i].idle;
  if (!any_active)
    {
      gboolean flush = ch->watermark == valve->last_output;
      guint before = out->len;
      if (flush)
        output_max (valve, out);
      emit_status (valve, TRUE, out);
      if (flush && out->len > before + 1)
        return g_strdup_printf (_("channel %u goes IDLE and no channel is active: the valve "
                                  "flushes the highest channel watermark (it held the last "
                                  "output) and goes IDLE (StatusWatermarkValve)"), channel);
      if (flush)
        return g_strdup_printf (_("channel %u goes IDLE and no channel is active: the valve goes "
                                  "IDLE; the highest channel watermark is the last output "
                                  "already (StatusWatermarkValve)"), channel);
      return g_strdup_printf (_("channel %u goes IDLE and no channel is active: the valve goes "
                                "IDLE; no flush, the channel did not hold the last output "
                                "(StatusWatermarkValve)"), channel);
    }
  g_autofree char *before = g_strdup_printf (_("channel %u goes IDLE and stops holding the "
                                               "watermark back"), channel);
  if (ch->watermark == valve->last_output)
    return output_new_min (valve, before, out);
  return g_strdup_printf (_("%s; it did not hold the last output, so nothing changes "
                            "(StatusWatermarkValve)"), before);
}

static char *
go_active (FsimWatermarkValve *valve, guint channel, GArray *out)
{
  Channel *ch = &valve->channels[channel];
  ch->idle = FALSE;
  ch->aligned = ch->watermark >= valve->last_output;
  gboolean was_idle = valve->idle;
  if (was_idle)
    emit_status (valve, FALSE, out);
  g_autofree char *aligned = ch->aligned
    ? g_strdup_printf (_("channel %u goes ACTIVE, aligned (its watermark is not below the last "
                         "output)"), channel)
    : g_strdup_printf (_("channel %u goes ACTIVE but stays unaligned until its watermark "
                         "catches up with the last output %" PRId64), channel, valve->last_output);
  return g_strdup_printf (was_idle ? _("%s; the valve was IDLE and emits ACTIVE "
                                       "(StatusWatermarkValve)")
                                   : _("%s (StatusWatermarkValve)"), aligned);
}

char *
fsim_watermark_valve_input_status (FsimWatermarkValve *valve, guint channel, gboolean idle,
                                   GArray *out)
{
  g_assert (channel < valve->n);
  Channel *ch = &valve->channels[channel];
  char *why;
  valve->outcome = FSIM_VALVE_STATUS;
  if (idle && !ch->idle)
    why = go_idle (valve, channel, out);
  else if (!idle && ch->idle)
    why = go_active (valve, channel, out);
  else
    {
      valve->outcome = FSIM_VALVE_STATUS_UNCHANGED;
      why = g_strdup_printf (_("channel %u is already %s: only a change of status counts "
                               "(StatusWatermarkValve.inputWatermarkStatus)"), channel,
                             idle ? "IDLE" : "ACTIVE");
    }
  if (valve->outcome != FSIM_VALVE_ADVANCED && valve->outcome != FSIM_VALVE_STATUS_UNCHANGED)
    valve->outcome = FSIM_VALVE_STATUS;
  assert_valve (valve);
  return why;
}

guint
fsim_watermark_valve_get_n_channels (const FsimWatermarkValve *valve)
{
  return valve->n;
}

gint64
fsim_watermark_valve_get_channel_watermark (const FsimWatermarkValve *valve, guint channel)
{
  g_assert (channel < valve->n);
  return valve->channels[channel].watermark;
}

gboolean
fsim_watermark_valve_channel_is_idle (const FsimWatermarkValve *valve, guint channel)
{
  g_assert (channel < valve->n);
  return valve->channels[channel].idle;
}

gboolean
fsim_watermark_valve_channel_is_aligned (const FsimWatermarkValve *valve, guint channel)
{
  g_assert (channel < valve->n);
  return valve->channels[channel].aligned;
}

gint64
fsim_watermark_valve_get_last_output (const FsimWatermarkValve *valve)
{
  return valve->last_output;
}

gboolean
fsim_watermark_valve_is_idle (const FsimWatermarkValve *valve)
{
  return valve->idle;
}

void
fsim_watermark_valve_set_localized (FsimWatermarkValve *valve, gboolean localized)
{
  valve->localized = localized;
}

FsimValveOutcome
fsim_watermark_valve_get_last_outcome (const FsimWatermarkValve *valve)
{
  return valve->outcome;
}

int
fsim_watermark_valve_min_channel (const FsimWatermarkValve *valve)
{
  return min_aligned (valve);
}

static char *
describe_time (gint64 ms)
{
  if (ms == FSIM_WATERMARK_NONE)
    return g_strdup ("Long.MIN_VALUE (none yet)");
  if (ms == FSIM_WATERMARK_MAX)
    return g_strdup ("Long.MAX_VALUE (end of input)");
  return g_strdup_printf ("%" PRId64 " ms", ms);
}

/* The channels listed in one clause: "channel 1 idle", "channels 1, 3 idle". */
static void
append_channels (GString *s, const FsimWatermarkValve *valve, gboolean idle)
{
  g_autoptr (GString) list = g_string_new (NULL);
  guint n = 0;
  for (guint i = 0; i < valve->n; i++)
    if (idle ? valve->channels[i].idle : (!valve->channels[i].idle && !valve->channels[i].aligned))
      g_string_append_printf (list, "%s%u", n++ ? ", " : "", i);
  if (n > 0)
    g_string_append_printf (s, "; channel%s %s %s", n == 1 ? "" : "s", list->str,
                            idle ? "idle" : "unaligned");
}

char *
fsim_watermark_valve_describe (const FsimWatermarkValve *valve)
{
  GString *s = g_string_new (NULL);
  int c = min_aligned (valve);
  g_autofree char *range = valve->n == 1 ? g_strdup ("channel 0")
                                         : g_strdup_printf ("channels 0..%u", valve->n - 1);
  if (c < 0)
    g_string_append_printf (s, "no channel of %s is aligned", range);
  else
    {
      g_autofree char *at = describe_time (valve->channels[c].watermark);
      g_string_append_printf (s, "min over %s is channel %d at %s", range, c, at);
    }
  append_channels (s, valve, TRUE);
  append_channels (s, valve, FALSE);
  return g_string_free (s, FALSE);
}
