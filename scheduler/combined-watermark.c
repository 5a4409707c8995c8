/* combined-watermark.c - IndexedCombinedWatermarkStatus as
 * AbstractStreamOperator uses it: a two-input operator's watermark is the
 * minimum over its inputs that are not idle (each input's watermark is
 * what its StatusWatermarkValve emitted), forwarded only when it advances
 * (scheduler.h gives the rules; flink-spec network-and-time.md 5.7). */
#include "config.h"

#include "scheduler/scheduler-private.h"

typedef struct {
  gint64 watermark;             /* PartialWatermark: Long.MIN_VALUE at first */
  gboolean idle;
} Partial;

struct _FsimCombinedWatermark {
  guint n;
  Partial partial[FSIM_COMBINED_WATERMARK_MAX_INPUTS];
  gint64 combined;
  gboolean idle;
};

FsimCombinedWatermark *
fsim_combined_watermark_new (guint n_inputs)
{
  g_assert (n_inputs >= 1 && n_inputs <= FSIM_COMBINED_WATERMARK_MAX_INPUTS);
  FsimCombinedWatermark *c = g_new0 (FsimCombinedWatermark, 1);
  c->n = n_inputs;
  for (guint i = 0; i < n_inputs; i++)
    c->partial[i] = (Partial) { .watermark = FSIM_WATERMARK_NONE, .idle = FALSE };
  c->combined = FSIM_WATERMARK_NONE;
  return c;
}

void
fsim_combined_watermark_free (FsimCombinedWatermark *c)
{
  g_free (c);
}

/* CombinedWatermarkStatus.updateCombinedWatermark: TRUE if it advanced. */
static gboolean
update (FsimCombinedWatermark *c)
{
  gint64 min = G_MAXINT64;
  gboolean all_idle = TRUE;
  for (guint i = 0; i < c->n; i++)
    if (!c->partial[i].idle)
      {
        min = MIN (min, c->partial[i].watermark);
        all_idle = FALSE;
      }
  c->idle = all_idle;
  if (all_idle || min <= c->combined)
    return FALSE;
  c->combined = min;
  return TRUE;
}

static void
emit_watermark (FsimCombinedWatermark *c, GArray *out)
{
  FsimEventTimeOutput o = { .kind = FSIM_EVENT_TIME_WATERMARK, .timestamp = c->combined };
  g_array_append_val (out, o);
}

void
fsim_combined_watermark_input_watermark (FsimCombinedWatermark *c, guint input, gint64 watermark,
                                         GArray *out)
{
  g_assert (input < c->n);
  /* PartialWatermark.setWatermark: active again, and never backwards */
  Partial *p = &c->partial[input];
  p->idle = FALSE;
  p->watermark = MAX (p->watermark, watermark);
  if (update (c))
    emit_watermark (c, out);
}

void
fsim_combined_watermark_input_status (FsimCombinedWatermark *c, guint input, gboolean idle,
                                      GArray *out)
{
  g_assert (input < c->n);
  /* AbstractStreamOperator.processWatermarkStatus: the watermark first,
   * then the status when the combined idleness changed */
  gboolean was_idle = c->idle;
  c->partial[input].idle = idle;
  if (update (c))
    emit_watermark (c, out);
  if (was_idle != c->idle)
    {
      FsimEventTimeOutput o = { .kind = FSIM_EVENT_TIME_STATUS, .idle = idle };
      g_array_append_val (out, o);
    }
}

gint64
fsim_combined_watermark_get (const FsimCombinedWatermark *c)
{
  return c->combined;
}

gboolean
fsim_combined_watermark_is_idle (const FsimCombinedWatermark *c)
{
  return c->idle;
}

gint64
fsim_combined_watermark_get_input (const FsimCombinedWatermark *c, guint input)
{
  g_assert (input < c->n);
  return c->partial[input].watermark;
}

gboolean
fsim_combined_watermark_input_is_idle (const FsimCombinedWatermark *c, guint input)
{
  g_assert (input < c->n);
  return c->partial[input].idle;
}
