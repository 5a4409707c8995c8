/* watermark-alignment.c - watermark alignment's two halves (FLIP-182):
 * what a SourceOperator decides (SourceOperator.checkWatermarkAlignment,
 * emitLatestWatermark) and the SourceCoordinator's WatermarkAggregator.
 * No clock and no RPC here: the task (stream-task.c) and the coordinator
 * (source-coordinator.c) drive them, the tests replay Flink's
 * SourceOperatorAlignmentTest and SourceCoordinatorAlignmentTest on them. */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler-private.h"

typedef enum {
  MODE_READING,
  MODE_WAITING_FOR_ALIGNMENT,
} Mode;

struct _FsimSourceAlignment {
  gint64 latest;                /* latestWatermark; Long.MIN_VALUE: UNINITIALIZED */
  gboolean idle;
  gint64 max_desired;           /* currentMaxDesiredWatermark */
  Mode mode;
};

FsimSourceAlignment *
fsim_source_alignment_new (void)
{
  FsimSourceAlignment *a = g_new (FsimSourceAlignment, 1);
  *a = (FsimSourceAlignment) { .latest = FSIM_WATERMARK_NONE, .idle = FALSE,
                               .max_desired = FSIM_WATERMARK_MAX, .mode = MODE_READING };
  return a;
}

void
fsim_source_alignment_free (FsimSourceAlignment *a)
{
  g_free (a);
}

static gboolean
should_wait (const FsimSourceAlignment *a)
{
  return a->max_desired < a->latest;
}

/* checkWatermarkAlignment: the one transition of the mode. */
static gboolean
check (FsimSourceAlignment *a)
{
  Mode to = should_wait (a) ? MODE_WAITING_FOR_ALIGNMENT : MODE_READING;
  gboolean changed = to != a->mode;
  a->mode = to;
  g_assert ((a->mode == MODE_WAITING_FOR_ALIGNMENT) == should_wait (a));
  return changed;
}

gboolean
fsim_source_alignment_watermark_emitted (FsimSourceAlignment *a, gint64 watermark)
{
  a->latest = watermark;
  return check (a);
}

void
fsim_source_alignment_set_idle (FsimSourceAlignment *a, gboolean idle)
{
  a->idle = idle;
}

gboolean
fsim_source_alignment_announced (FsimSourceAlignment *a, gint64 max_allowed)
{
  a->max_desired = max_allowed;
  return check (a);
}

gboolean
fsim_source_alignment_report (const FsimSourceAlignment *a, gint64 *watermark)
{
  if (a->latest == FSIM_WATERMARK_NONE)
    return FALSE;
  *watermark = a->idle ? FSIM_WATERMARK_MAX : a->latest;
  return TRUE;
}

gboolean
fsim_source_alignment_is_waiting (const FsimSourceAlignment *a)
{
  return a->mode == MODE_WAITING_FOR_ALIGNMENT;
}

gint64
fsim_source_alignment_get_latest (const FsimSourceAlignment *a)
{
  return a->latest;
}

gint64
fsim_source_alignment_get_max_desired (const FsimSourceAlignment *a)
{
  return a->max_desired;
}

/* --- WatermarkAggregator --------------------------------------------------- */

typedef struct {
  char *name;                   /* NULL: a subtask */
  gint64 number;
  gint64 watermark;
} Entry;

struct _FsimWatermarkAggregator {
  GArray *entries;              /* Entry, sorted by (name, number) */
};

FsimWatermarkAggregator *
fsim_watermark_aggregator_new (void)
{
  FsimWatermarkAggregator *agg = g_new (FsimWatermarkAggregator, 1);
  agg->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  return agg;
}

void
fsim_watermark_aggregator_free (FsimWatermarkAggregator *agg)
{
  if (agg == NULL)
    return;
  for (guint i = 0; i < agg->entries->len; i++)
    g_free (g_array_index (agg->entries, Entry, i).name);
  g_array_unref (agg->entries);
  g_free (agg);
}

static int
key_cmp (const char *name, gint64 number, const Entry *e)
{
  int by_name = g_strcmp0 (name, e->name);
  if (by_name != 0)
    return by_name;
  return number < e->number ? -1 : number > e->number;
}

gint64
fsim_watermark_aggregator_get (const FsimWatermarkAggregator *agg)
{
  gint64 min = FSIM_WATERMARK_NONE;   /* DEFAULT_WATERMARK with no keys */
  for (guint i = 0; i < agg->entries->len; i++)
    {
      gint64 w = g_array_index (agg->entries, Entry, i).watermark;
      min = i == 0 || w < min ? w : min;
    }
  return min;
}

gboolean
fsim_watermark_aggregator_aggregate (FsimWatermarkAggregator *agg, const char *name,
                                     gint64 number, gint64 watermark, gint64 *combined)
{
  gint64 old = fsim_watermark_aggregator_get (agg);
  guint i = 0;
  int cmp = 1;
  while (i < agg->entries->len
         && (cmp = key_cmp (name, number, &g_array_index (agg->entries, Entry, i))) > 0)
    i++;
  if (i < agg->entries->len && cmp == 0)
    g_array_index (agg->entries, Entry, i).watermark = watermark;
  else
    {
      Entry e = { g_strdup (name), number, watermark };
      g_array_insert_val (agg->entries, i, e);
    }
  gint64 now = fsim_watermark_aggregator_get (agg);
  if (combined)
    *combined = now;
  return now != old;
}

guint
fsim_watermark_aggregator_get_n_keys (const FsimWatermarkAggregator *agg)
{
  return agg->entries->len;
}

gint64
fsim_watermark_aggregator_get_number (const FsimWatermarkAggregator *agg, guint i)
{
  g_assert (i < agg->entries->len);
  return g_array_index (agg->entries, Entry, i).number;
}

gint64
fsim_watermark_alignment_max_allowed (gint64 combined, gint64 max_drift)
{
  gint64 sum;
  if (__builtin_add_overflow (combined, max_drift, &sum))
    return FSIM_WATERMARK_MAX;
  return sum;
}
