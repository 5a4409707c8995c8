/* tui-samples.c - what the sample records say about a subtask at a cursor:
 * its task metrics (TaskIOMetricGroup, as the REST API reports them) and
 * its channels (a ResultSubpartition's backlog and the sender's credit, an
 * InputChannel's queued buffers).
 *
 * The metric sampler writes one record per sample kind, all of one attempt
 * at one time: those records make one FsimTuiMetricSample, and which
 * metrics a record carries comes from its descriptor
 * (fsim_task_metrics_kind_metric). A channel-sample names its producer as
 * its subject, the subpartition as its channel and the consumer by its
 * typed values (FsimChannelSampleValue: JobVertex index and subtask), found
 * among the history's subtasks. A cursor's question is a binary search, as
 * everywhere in the history.
 */
#include "config.h"

#include <string.h>

#include "viz/tui-private.h"

#define US_PER_S G_GINT64_CONSTANT (1000000)

struct _FsimTuiSamples {
  const FsimTuiHistory *history;        /* finds a channel's consumer */
  GStringChunk *names;                  /* the subtasks' names, "Map (1/2)" */
};

FsimTuiSamples *
fsim_tui_samples_new (const FsimTuiHistory *history)
{
  FsimTuiSamples *s = g_new0 (FsimTuiSamples, 1);
  s->history = history;
  s->names = g_string_chunk_new (256);
  return s;
}

void
fsim_tui_samples_free (FsimTuiSamples *samples)
{
  if (samples == NULL)
    return;
  g_string_chunk_free (samples->names);
  g_free (samples);
}

void
fsim_tui_samples_init_subtask (FsimTuiSubtask *s)
{
  s->metrics = g_array_new (FALSE, FALSE, sizeof (FsimTuiMetricSample));
  s->outputs = g_array_new (FALSE, FALSE, sizeof (FsimTuiChannelSample));
  s->inputs = g_array_new (FALSE, FALSE, sizeof (FsimTuiChannelSample));
  s->sample_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
fsim_tui_samples_clear_subtask (FsimTuiSubtask *s)
{
  g_array_unref (s->metrics);
  g_array_unref (s->outputs);
  g_array_unref (s->inputs);
  g_array_unref (s->sample_seqs);
}

/* "Map (1/2)#0" -> "Map (1/2)": Flink's subtask name, without the attempt. */
static char *
subtask_name (const char *label)
{
  const char *hash = strrchr (label, '#');
  if (hash && hash > label && hash[-1] == ')')
    return g_strndup (label, (gsize) (hash - label));
  return g_strdup (label);
}

void
fsim_tui_samples_name (FsimTuiSamples *samples, FsimTuiSubtask *subtask, const char *label)
{
  g_autofree char *name = subtask_name (label);
  subtask->name = g_string_chunk_insert_const (samples->names, name);
}

static void
add_metrics (FsimTuiSubtask *s, const FsimTraceRecord *r)
{
  FsimTuiMetricSample *m = s->metrics->len > 0
    ? &g_array_index (s->metrics, FsimTuiMetricSample, s->metrics->len - 1) : NULL;
  if (m == NULL || m->time_us != r->time_us || m->attempt != r->attempt)
    {
      FsimTuiMetricSample fresh = { .first_seq = r->seq, .time_us = r->time_us,
                                    .attempt = r->attempt };
      g_array_append_val (s->metrics, fresh);
      m = &g_array_index (s->metrics, FsimTuiMetricSample, s->metrics->len - 1);
    }
  m->last_seq = r->seq;
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    {
      int metric = fsim_task_metrics_kind_metric (r->kind, i);
      if (metric < 0)
        continue;
      m->values[metric] = r->values[i];
      m->present |= 1u << metric;
    }
}

static gboolean
add_channel (FsimTuiSamples *samples, FsimTuiSubtask *s, const FsimTraceRecord *r)
{
  /* a sample comes after the records that deployed its consumer */
  FsimTuiSubtask *consumer = (FsimTuiSubtask *) fsim_tui_history_find_subtask (
    samples->history, (gint32) r->values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX],
    (gint32) r->values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK]);
  FsimTuiChannelSample c = {
    .seq = r->seq, .time_us = r->time_us, .producer = s, .consumer = consumer,
    .producer_label = r->label,
    .consumer_name = consumer && consumer->name ? consumer->name : "?",
    .subpartition = r->channel,
    .backlog = r->values[FSIM_CHANNEL_SAMPLE_VALUE_BACKLOG],
    .credit = r->values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT],
    .queued = r->values[FSIM_CHANNEL_SAMPLE_VALUE_QUEUED],
  };
  g_array_append_val (s->outputs, c);
  if (consumer)
    g_array_append_val (consumer->inputs, c);
  return TRUE;
}

gboolean
fsim_tui_samples_add (FsimTuiSamples *samples, FsimTuiSubtask *s, const FsimTraceRecord *r)
{
  g_array_append_val (s->sample_seqs, r->seq);
  if (fsim_task_metrics_kind_metric (r->kind, 0) >= 0)
    {
      add_metrics (s, r);
      return TRUE;
    }
  if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_SAMPLE))
    return add_channel (samples, s, r);
  return FALSE;
}

typedef struct {
  gint64 seq, time_us;
} Upto;

static gboolean
sample_upto (gconstpointer element, gconstpointer data)
{
  const FsimTuiMetricSample *m = element;
  const Upto *u = data;
  return m->last_seq <= u->seq && m->time_us <= u->time_us;
}

const FsimTuiMetricSample *
fsim_tui_metrics_at (const FsimTuiSubtask *s, gint64 seq, gint64 time_us)
{
  /* both grow along the array: the samples that qualify are a prefix */
  Upto u = { seq, time_us };
  guint n = fsim_tui_prefix_len (s->metrics, sample_upto, &u);
  return n == 0 ? NULL : &g_array_index (s->metrics, FsimTuiMetricSample, n - 1);
}

gboolean
fsim_tui_metric_present (const FsimTuiMetricSample *m, FsimTaskMetric metric)
{
  return m && (m->present & (1u << metric)) != 0;
}

gint64
fsim_tui_metric (const FsimTuiMetricSample *m, FsimTaskMetric metric)
{
  return fsim_tui_metric_present (m, metric) ? m->values[metric] : 0;
}

static int
compare_channels (gconstpointer a, gconstpointer b)
{
  const FsimTuiChannelSample *x = *(FsimTuiChannelSample *const *) a;
  const FsimTuiChannelSample *y = *(FsimTuiChannelSample *const *) b;
  if (x->producer->vertex != y->producer->vertex)
    return x->producer->vertex < y->producer->vertex ? -1 : 1;
  if (x->producer->subtask != y->producer->subtask)
    return x->producer->subtask < y->producer->subtask ? -1 : 1;
  return x->subpartition < y->subpartition ? -1 : x->subpartition > y->subpartition;
}

static gboolean
same_channel (const FsimTuiChannelSample *a, const FsimTuiChannelSample *b)
{
  return a->producer == b->producer && a->subpartition == b->subpartition;
}

static gboolean
channel_upto (gconstpointer element, gconstpointer data)
{
  return ((const FsimTuiChannelSample *) element)->seq <= *(const gint64 *) data;
}

GPtrArray *
fsim_tui_channels_at (GArray *channels, gint64 seq)
{
  GPtrArray *out = g_ptr_array_new ();
  guint lo = fsim_tui_prefix_len (channels, channel_upto, &seq);
  if (lo == 0)
    return out;
  gint64 latest = g_array_index (channels, FsimTuiChannelSample, lo - 1).time_us;
  /* samples come once a second: the latest second's and the one before */
  for (guint i = lo; i-- > 0;)
    {
      const FsimTuiChannelSample *c = &g_array_index (channels, FsimTuiChannelSample, i);
      if (c->time_us < latest - US_PER_S)
        break;
      gboolean seen = FALSE;
      for (guint k = 0; k < out->len && !seen; k++)
        seen = same_channel (g_ptr_array_index (out, k), c);
      if (!seen)
        g_ptr_array_add (out, (gpointer) c);
    }
  g_ptr_array_sort (out, compare_channels);
  return out;
}

FsimTaskActivity
fsim_tui_running_activity (guint8 activity, const FsimTuiMetricSample *m)
{
  switch (activity)
    {
    case FSIM_TUI_ACTIVITY_BACKPRESSURED: return FSIM_TASK_BACKPRESSURED;
    case FSIM_TUI_ACTIVITY_ALIGNING: return FSIM_TASK_ALIGNING;
    case FSIM_TUI_ACTIVITY_BUSY: return FSIM_TASK_BUSY;
    default: break;
    }
  if (m == NULL || !fsim_tui_metric_present (m, FSIM_TASK_METRIC_BUSY_TIME))
    return FSIM_TASK_ACTIVITY_COUNT;
  return fsim_tui_metric (m, FSIM_TASK_METRIC_BUSY_TIME)
         >= fsim_tui_metric (m, FSIM_TASK_METRIC_IDLE_TIME) ? FSIM_TASK_BUSY : FSIM_TASK_IDLE;
}

gunichar
fsim_tui_activity_glyph (FsimTaskActivity activity)
{
  switch (activity)
    {
    case FSIM_TASK_BUSY: return 0x2588;         /* █, RUNNING's own */
    case FSIM_TASK_IDLE: return 0x2584;         /* ▄ */
    case FSIM_TASK_BACKPRESSURED: return 'b';
    case FSIM_TASK_ALIGNING: return 'a';
    default: return ' ';
    }
}

const char *
fsim_tui_activity_label (FsimTaskActivity activity)
{
  switch (activity)
    {
    /* TRANSLATORS: a timeline legend: the task was mostly busy
     * (busyTimeMsPerSecond) */
    case FSIM_TASK_BUSY: return _("busy");
    /* TRANSLATORS: a timeline legend: idleTimeMsPerSecond */
    case FSIM_TASK_IDLE: return _("idle");
    /* TRANSLATORS: a timeline legend: backPressuredTimeMsPerSecond */
    case FSIM_TASK_BACKPRESSURED: return _("backpressured");
    /* TRANSLATORS: a timeline legend: aligning checkpoint barriers */
    case FSIM_TASK_ALIGNING: return _("aligning");
    default: return fsim_state_machine_state_name (&fsim_task_activity_machine, activity);
    }
}
