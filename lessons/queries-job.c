/* queries-job.c - what the learner's job file says, for an exercise's goals
 * that pin what its task keeps: a source's rate, an operator's cost and
 * its keyed state per key, a keyBy's keys and skew, a window's assigner and size, the watermark
 * strategy a window's input carries, a configuration value. An outcome
 * alone can often be reached by changing what the task forbids (a lower
 * rate, a uniform key, processing-time windows); these goals say so by
 * name. Each reads the StreamGraph (StreamNode, StreamEdge) and the
 * configuration, the values as the simulation uses them (a knob left
 * unset answers the cluster's default, FsimClusterSettings). */
#include "config.h"

#include <string.h>

#include "lessons/lessons-private.h"

/* records/s per subtask of source OP (DataGeneratorSource's rate; the
 * simulator's knob .rate()), the default when unset; a whole number when
 * it is one, else one decimal. */
char *
fsim_query_rate (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, args[0], error);
  if (n == NULL)
    return NULL;
  if (!n->is_source)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("'%s' is not a source: only a source has a rate"), args[0]);
      return NULL;
    }
  double rate = n->knobs.rate_per_s > 0 ? n->knobs.rate_per_s
                                        : fsim_job_run_get_settings (ctx->run)->default_source_rate;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (rate == (double) (gint64) rate)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) rate);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", rate));
}

/* The faults (and timed actions) of the job file's fault plan, whether or
 * not the run lives to see them come due: a goal that keeps the plan,
 * which a run that FAILED early cannot break (`faults` counts those that
 * came due). */
char *
fsim_query_fault_plan (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return g_strdup_printf ("%u", fsim_job_get_faults (ctx->job)->len);
}

/* The time OP takes a record (.cost()), sim.default-record-cost when unset. */
char *
fsim_query_cost (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, args[0], error);
  if (n == NULL)
    return NULL;
  gint64 us = n->knobs.cost_us > 0 ? n->knobs.cost_us
                                   : fsim_job_run_get_settings (ctx->run)->default_record_cost_us;
  return fsim_duration_format (us);
}

/* The bytes of keyed state OP keeps per distinct key (.stateSize(), 0 when
 * unset: the state model of docs/checkpoints.md, whose snapshots write it). */
char *
fsim_query_state_size (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, args[0], error);
  if (n == NULL)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, n->knobs.state_bytes_per_key);
}

/* The StreamEdge a keyBy on `field` makes (its KeySelector as the job
 * file writes it, "page", "page, salt"): the first in StreamNode order. */
static const FsimStreamEdge *
keyed_edge (const FsimQueryContext *ctx, const char *field, GError **error)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (ctx->job));
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (nodes, i);
      for (guint j = 0; j < n->in_edges->len; j++)
        {
          const FsimStreamEdge *e = g_ptr_array_index (n->in_edges, j);
          if (g_strcmp0 (e->key_field, field) == 0)
            return e;
        }
    }
  g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
               _("the job has no keyBy(\"%s\")"), field);
  return NULL;
}

/* The distinct keys .keys() gives the records a keyBy on FIELD partitions
 * (0: not set). */
char *
fsim_query_keys (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimStreamEdge *e = keyed_edge (ctx, args[0], error);
  return e ? g_strdup_printf ("%" G_GINT64_FORMAT, e->source->knobs.keys) : NULL;
}

/* Their distribution (.skew()): "zipf(2.0)" or "uniform()". */
char *
fsim_query_key_skew (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimStreamEdge *e = keyed_edge (ctx, args[0], error);
  if (e == NULL)
    return NULL;
  double s = e->source->knobs.zipf_skew;
  if (s <= 0)
    return g_strdup ("uniform()");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, s * 10 == (double) (gint64) (s * 10) ? "%.1f" : "%g", s);
  return g_strdup_printf ("zipf(%s)", buf);
}

static const FsimWindowSpec *
window_of (const FsimQueryContext *ctx, const char *name, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, name, error);
  if (n == NULL)
    return NULL;
  if (n->window.kind == FSIM_WINDOW_NONE)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("'%s' is not a window operator"), name);
      return NULL;
    }
  return &n->window;
}

/* The WindowAssigner's class: TumblingEventTimeWindows,
 * SlidingProcessingTimeWindows, EventTimeSessionWindows, GlobalWindows
 * (countWindow's)… */
char *
fsim_query_window_assigner (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimWindowSpec *w = window_of (ctx, args[0], error);
  if (w == NULL)
    return NULL;
  switch (w->kind)
    {
    case FSIM_WINDOW_TUMBLING:
      return g_strdup (w->event_time ? "TumblingEventTimeWindows" : "TumblingProcessingTimeWindows");
    case FSIM_WINDOW_SLIDING:
      return g_strdup (w->event_time ? "SlidingEventTimeWindows" : "SlidingProcessingTimeWindows");
    case FSIM_WINDOW_SESSION:
      return g_strdup (w->event_time ? "EventTimeSessionWindows" : "ProcessingTimeSessionWindows");
    case FSIM_WINDOW_GLOBAL:
    case FSIM_WINDOW_NONE:
      break;
    }
  return g_strdup ("GlobalWindows");
}

/* A time window's size (a session window's gap). */
char *
fsim_query_window_size (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimWindowSpec *w = window_of (ctx, args[0], error);
  if (w == NULL)
    return NULL;
  if (w->kind == FSIM_WINDOW_GLOBAL)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("'%s' has GlobalWindows: no time window, no size"), args[0]);
      return NULL;
    }
  return fsim_duration_format (w->size_us);
}

/* The nearest WatermarkStrategy upstream of n, n included (depth first,
 * inputs in order), or NULL: the strategy whose watermarks reach n. */
static const FsimWatermarkSpec *
strategy_upstream (const FsimStreamNode *n, GHashTable *seen)
{
  if (!g_hash_table_add (seen, (gpointer) n))
    return NULL;
  if (n->watermarks.kind != FSIM_WATERMARKS_NONE || n->watermarks.site.line > 0)
    return &n->watermarks;
  for (guint i = 0; i < n->in_edges->len; i++)
    {
      const FsimStreamEdge *e = g_ptr_array_index (n->in_edges, i);
      const FsimWatermarkSpec *w = strategy_upstream (e->source, seen);
      if (w)
        return w;
    }
  return NULL;
}

static const FsimWatermarkSpec *
watermarks_of (const FsimQueryContext *ctx, const char *name, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, name, error);
  if (n == NULL)
    return NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  static const FsimWatermarkSpec none = { .kind = FSIM_WATERMARKS_NONE };
  const FsimWatermarkSpec *w = strategy_upstream (n, seen);
  return w ? w : &none;
}

/* The WatermarkStrategy factory whose watermarks reach OP: noWatermarks
 * (none given, too), forMonotonousTimestamps, forBoundedOutOfOrderness. */
char *
fsim_query_watermark_strategy (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimWatermarkSpec *w = watermarks_of (ctx, args[0], error);
  if (w == NULL)
    return NULL;
  switch (w->kind)
    {
    case FSIM_WATERMARKS_MONOTONOUS:
      return g_strdup ("forMonotonousTimestamps");
    case FSIM_WATERMARKS_BOUNDED:
      return g_strdup ("forBoundedOutOfOrderness");
    case FSIM_WATERMARKS_NONE:
      break;
    }
  return g_strdup ("noWatermarks");
}

/* Its bound: forBoundedOutOfOrderness(d)'s d; 0 for monotonous timestamps
 * (WatermarkStrategy.forMonotonousTimestamps is a bound of 0). */
char *
fsim_query_watermark_bound (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimWatermarkSpec *w = watermarks_of (ctx, args[0], error);
  if (w == NULL)
    return NULL;
  if (w->kind == FSIM_WATERMARKS_NONE)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("no watermarks reach '%s' (noWatermarks): no bound"), args[0]);
      return NULL;
    }
  return fsim_duration_format (w->kind == FSIM_WATERMARKS_BOUNDED ? w->max_out_of_orderness_us
                                                                  : 0);
}

/* The configuration's value of KEY (set, or Flink's default), normalised
 * as the configuration reads it: "5 s", "true", "region". */
char *
fsim_query_config (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  if (fsim_config_option_lookup (args[0]) == NULL)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("no configuration option '%s'"), args[0]);
      return NULL;
    }
  const char *text = fsim_config_get_text (fsim_job_get_config (ctx->job), args[0]);
  return g_strdup (text ? text : "unset");
}
