/* queries.c - the answers a lesson asks for and the goals an exercise
 * checks, computed from the job's graphs and its trace.
 *
 * Trace queries decide by kind descriptor (FSIM_SCHED_KIND, the task
 * metrics' kinds) and the record's fields (vertex, subtask, to, values), never by a record's text.
 * Operators are named as in the job file (the StreamNode's name); a query
 * about a JobVertex takes the vertex that chains that operator. */
#include "config.h"

#include <string.h>

#include "lessons/lessons-private.h"

typedef char *(*QueryFunc) (char *const *args, const FsimQueryContext *ctx, GError **error);

static const FsimExecutionGraph *
eg_of (const FsimQueryContext *ctx)
{
  return fsim_job_run_get_execution_graph (ctx->run);
}

static const FsimJobGraph *
jg_of (const FsimQueryContext *ctx)
{
  return fsim_execution_graph_get_job_graph (eg_of (ctx));
}

static FsimTrace *
trace_of (const FsimQueryContext *ctx)
{
  return fsim_job_run_get_trace (ctx->run);
}

static char *
int_answer (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

FsimStreamNode *
fsim_query_node (const FsimQueryContext *ctx, const char *name, GError **error)
{
  FsimStreamNode *n = fsim_course_find_node (ctx->job, name);
  if (n == NULL)
    g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                 _("the job has no operator named '%s'"), name);
  return n;
}

static FsimExecutionJobVertex *
vertex_of (const FsimQueryContext *ctx, const char *name, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, name, error);
  if (n == NULL)
    return NULL;
  FsimJobVertex *jv = fsim_job_graph_get_vertex_for_node (jg_of (ctx), n->id);
  return fsim_execution_graph_get_job_vertex (eg_of (ctx), jv);
}

static const FsimStreamEdge *
edge_between (const FsimQueryContext *ctx, char *const *args, GError **error)
{
  FsimStreamNode *a = fsim_query_node (ctx, args[0], error);
  FsimStreamNode *b = a ? fsim_query_node (ctx, args[1], error) : NULL;
  if (b == NULL)
    return NULL;
  for (guint i = 0; i < a->out_edges->len; i++)
    {
      const FsimStreamEdge *e = g_ptr_array_index (a->out_edges, i);
      if (e->target == b)
        return e;
    }
  g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
               _("no edge from '%s' to '%s' in the StreamGraph"), args[0], args[1]);
  return NULL;
}

static char *
q_stream_nodes (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (ctx->job))->len);
}

static char *
q_job_vertices (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (fsim_job_graph_get_vertices (jg_of (ctx))->len);
}

static char *
q_subtasks (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (fsim_execution_graph_get_vertices (eg_of (ctx))->len);
}

static char *
q_slots_needed (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (fsim_execution_graph_get_slots_needed (eg_of (ctx)));
}

static char *
q_slot_sharing_groups (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (fsim_job_graph_get_slot_sharing_groups (jg_of (ctx))->len);
}

static char *
q_regions (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (fsim_execution_graph_get_regions (eg_of (ctx))->len);
}

static char *
q_parallelism (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimStreamNode *n = fsim_query_node (ctx, args[0], error);
  return n ? int_answer (n->parallelism) : NULL;
}

static char *
q_max_parallelism (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimExecutionJobVertex *v = vertex_of (ctx, args[0], error);
  return v ? int_answer (v->max_parallelism) : NULL;
}

static char *
q_key_groups (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimExecutionJobVertex *v = vertex_of (ctx, args[0], error);
  if (v == NULL)
    return NULL;
  guint64 i;
  if (!g_ascii_string_to_unsigned (args[1], 10, 0, (guint64) v->parallelism - 1, &i, NULL))
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("'%s' is not a subtask index of '%s' (0 to %d)"), args[1], args[0],
                   v->parallelism - 1);
      return NULL;
    }
  FsimIndexRange r = v->subtasks[i].key_groups;
  return g_strdup_printf ("%d-%d", r.start, r.end);
}

static char *
q_chained (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimStreamEdge *e = edge_between (ctx, args, error);
  if (e == NULL)
    return NULL;
  return g_strdup (fsim_job_graph_is_chained (jg_of (ctx), e) ? "yes" : "no");
}

static char *
q_chain_rule (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimStreamEdge *e = edge_between (ctx, args, error);
  if (e == NULL)
    return NULL;
  const FsimChainingDecision *d = fsim_job_graph_get_chaining_decision (jg_of (ctx), e);
  return g_strdup (fsim_chaining_rule_name (d->rule));
}

static char *
q_distribution (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  const FsimStreamEdge *se = edge_between (ctx, args, error);
  if (se == NULL)
    return NULL;
  GPtrArray *edges = fsim_job_graph_get_edges (jg_of (ctx));
  for (guint i = 0; i < edges->len; i++)
    {
      const FsimJobEdge *je = g_ptr_array_index (edges, i);
      if (je->stream_edge == se)
        return g_strdup (fsim_distribution_pattern_name (je->pattern));
    }
  g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
               _("'%s' and '%s' are chained: no JobEdge between them"), args[0], args[1]);
  return NULL;
}

/* ---- trace queries ---- */

/* The index of the first record of kind k at or after from, or -1. */
static gint64
next_of_kind (const FsimQueryContext *ctx, FsimTraceKind k, gint64 from)
{
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.kind = k;
  return fsim_trace_find_next (trace_of (ctx), &filter, from);
}

static gint64
prev_of_kind (const FsimQueryContext *ctx, FsimTraceKind k, gint64 from)
{
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.kind = k;
  return fsim_trace_find_prev (trace_of (ctx), &filter, from);
}

/* The index of the value called name in kind k's descriptor. */
static int
value_index (FsimTraceKind k, const char *name)
{
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    if (g_strcmp0 (k->values[i].name, name) == 0)
      return i;
  g_assert_not_reached ();
}

/* Records of kind k at or before the cursor. */
static gint64
count_by_cursor (const FsimQueryContext *ctx, FsimTraceKind k)
{
  gint64 n = 0;
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0 && i <= ctx->cursor;
       i = next_of_kind (ctx, k, i + 1))
    n++;
  return n;
}

static char *
status_at (const FsimQueryContext *ctx, gint64 at)
{
  gint64 i = prev_of_kind (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS), at);
  if (i < 0)
    return g_strdup ("INITIALIZING");
  return g_strdup (fsim_trace_record_to_name (fsim_trace_get (trace_of (ctx), i)));
}

static char *
q_job_status (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return status_at (ctx, ctx->cursor);
}

static char *
q_final_job_status (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return status_at (ctx, fsim_trace_count (trace_of (ctx)) - 1);
}

static gint64
count_restarts (const FsimQueryContext *ctx, gint64 upto)
{
  FsimTraceKind k = FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER);
  gint64 n = 0;
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0 && i <= upto; i = next_of_kind (ctx, k, i + 1))
    if (fsim_trace_get (trace_of (ctx), i)->values[FSIM_FAILOVER_VALUE_BACKOFF_US] >= 0)
      n++;
  return n;
}

static char *
q_restarts (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (count_restarts (ctx, fsim_trace_count (trace_of (ctx)) - 1));
}

/* Record i, or NULL and an error saying what is missing when i is -1. */
static const FsimTraceRecord *
record_or_error (const FsimQueryContext *ctx, gint64 i, const char *missing, GError **error)
{
  if (i < 0)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID, "%s", missing);
      return NULL;
    }
  return fsim_trace_get (trace_of (ctx), i);
}

/* The first record of kind k at or after the cursor. */
static const FsimTraceRecord *
next_record (const FsimQueryContext *ctx, FsimTraceKind k, const char *missing, GError **error)
{
  return record_or_error (ctx, next_of_kind (ctx, k, ctx->cursor), missing, error);
}

static const FsimTraceRecord *
next_failover (const FsimQueryContext *ctx, GError **error)
{
  return next_record (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER),
                      _("no failover record at or after this step"), error);
}

static char *
q_failover_subtasks (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = next_failover (ctx, error);
  return r ? int_answer (r->values[FSIM_FAILOVER_VALUE_SUBTASKS]) : NULL;
}

static char *
q_failover_backoff (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = next_failover (ctx, error);
  if (r == NULL)
    return NULL;
  gint64 backoff_us = r->values[FSIM_FAILOVER_VALUE_BACKOFF_US];
  return backoff_us < 0 ? g_strdup ("none") : fsim_duration_format (backoff_us);
}

/* "Map (2/4)" for the record's vertex and subtask. */
static char *
subtask_name (const FsimQueryContext *ctx, int vertex, int subtask)
{
  GPtrArray *vs = fsim_execution_graph_get_job_vertices (eg_of (ctx));
  g_assert (vertex >= 0 && (guint) vertex < vs->len);
  const FsimExecutionJobVertex *v = g_ptr_array_index (vs, vertex);
  return g_strdup (v->subtasks[subtask].name);
}

static const char *
vertex_name (const FsimQueryContext *ctx, int vertex)
{
  GPtrArray *vs = fsim_execution_graph_get_job_vertices (eg_of (ctx));
  g_assert (vertex >= 0 && (guint) vertex < vs->len);
  const FsimExecutionJobVertex *v = g_ptr_array_index (vs, vertex);
  return v->job_vertex->name;
}

static char *
q_failed_subtask (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = next_failover (ctx, error);
  return r ? subtask_name (ctx, r->vertex, r->subtask) : NULL;
}

static gboolean
is_backpressured (const FsimTraceRecord *r)
{
  return r->to == FSIM_TASK_BACKPRESSURED;
}

static char *
q_backpressured_vertex (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  FsimTraceKind k = FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_ACTIVITY);
  for (gint64 i = next_of_kind (ctx, k, ctx->cursor); i >= 0; i = next_of_kind (ctx, k, i + 1))
    {
      const FsimTraceRecord *r = fsim_trace_get (trace_of (ctx), i);
      if (is_backpressured (r))
        return g_strdup (vertex_name (ctx, r->vertex));
    }
  g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
               _("no task becomes back-pressured at or after this step"));
  return NULL;
}

static char *
q_backpressured_tasks (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  FsimTraceKind k = FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_ACTIVITY);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0; i = next_of_kind (ctx, k, i + 1))
    {
      const FsimTraceRecord *r = fsim_trace_get (trace_of (ctx), i);
      if (is_backpressured (r))
        g_hash_table_add (seen, GINT_TO_POINTER ((r->vertex << 16) + r->subtask + 1));
    }
  return int_answer (g_hash_table_size (seen));
}

/* The value that carries busyTimeMsPerSecond, and its kind in *k. */
static int
busy_value (FsimTraceKind *k)
{
  return fsim_task_metrics_value_index (FSIM_TASK_METRIC_BUSY_TIME, k);
}

/* The task-time-metrics sample with the highest busy time in the last
 * sampled second at or before the cursor, that whole second: its samples
 * all carry the second's time, and a step that stops at its first record
 * has not passed the others yet (the metrics pane shows them all); NULL if
 * none. */
static const FsimTraceRecord *
busiest (const FsimQueryContext *ctx, GError **error)
{
  FsimTraceKind k;
  int busy = busy_value (&k);
  gint64 last = prev_of_kind (ctx, k, ctx->cursor);
  if (last < 0)
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                   _("no metric sample before this step (samples come once a second)"));
      return NULL;
    }
  FsimTrace *t = trace_of (ctx);
  gint64 second = fsim_trace_get (t, last)->time_us;
  /* back to the second's first sample, then forward over all of it */
  gint64 first = last;
  for (gint64 i = prev_of_kind (ctx, k, last - 1);
       i >= 0 && fsim_trace_get (t, i)->time_us == second; i = prev_of_kind (ctx, k, i - 1))
    first = i;
  const FsimTraceRecord *best = NULL;
  for (gint64 i = first; i >= 0 && fsim_trace_get (t, i)->time_us == second;
       i = next_of_kind (ctx, k, i + 1))
    {
      const FsimTraceRecord *r = fsim_trace_get (t, i);
      if (best == NULL || r->values[busy] > best->values[busy])
        best = r;
    }
  return best;
}

static char *
q_busiest_subtask (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = busiest (ctx, error);
  return r ? subtask_name (ctx, r->vertex, r->subtask) : NULL;
}

static char *
q_busiest_busy_time (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = busiest (ctx, error);
  if (r == NULL)
    return NULL;
  FsimTraceKind k;
  return int_answer (r->values[busy_value (&k)]);
}

/* Value `at` of kind k summed over OP's vertex's records by the cursor;
 * last_only: each subtask's last record's value (a running total). */
static char *
vertex_sum (char *const *args, const FsimQueryContext *ctx, FsimTraceKind k, int at,
            gboolean last_only, GError **error)
{
  FsimExecutionJobVertex *v = vertex_of (ctx, args[0], error);
  if (v == NULL)
    return NULL;
  gint64 *per = g_new0 (gint64, v->parallelism);
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0 && i <= ctx->cursor;
       i = next_of_kind (ctx, k, i + 1))
    {
      const FsimTraceRecord *r = fsim_trace_get (trace_of (ctx), i);
      if (r->vertex == v->index && r->subtask >= 0 && r->subtask < v->parallelism)
        per[r->subtask] = (last_only ? 0 : per[r->subtask]) + r->values[at];
    }
  gint64 sum = 0;
  for (int s = 0; s < v->parallelism; s++)
    sum += per[s];
  g_free (per);
  return int_answer (sum);
}

static char *
q_records_in (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimTraceKind k;
  int in = fsim_task_metrics_value_index (FSIM_TASK_METRIC_NUM_RECORDS_IN, &k);
  return vertex_sum (args, ctx, k, in, TRUE, error);
}

static char *
q_taskmanagers (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (count_by_cursor (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASKMANAGER_REGISTERED)));
}

/* The free slots of the registered TaskManagers by the step: the slots
 * their slot reports registered, less those the ResourceManager allocated,
 * plus those released (the REST /overview's "slots-available",
 * ClusterOverview; SlotManager.getNumberFreeSlots). */
static char *
q_slots_available (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (count_by_cursor (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_REGISTERED))
                     - count_by_cursor (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_ALLOCATION))
                     + count_by_cursor (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_RELEASED)));
}

static char *
q_time (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return fsim_duration_format (fsim_trace_get (trace_of (ctx), ctx->cursor)->time_us);
}

/* ---- checkpoints ---- */

static char *
q_checkpoints_completed (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  FsimTraceKind k = FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED);
  gint64 n = 0;
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0 && i <= ctx->cursor;
       i = next_of_kind (ctx, k, i + 1))
    n++;
  return int_answer (n);
}

static char *
q_aligning_subtask (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = next_record (
    ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_BLOCKED),
    _("no input channel is blocked for an alignment at or after this step"), error);
  return r ? subtask_name (ctx, r->vertex, r->subtask) : NULL;
}


/* ---- issue 15: unaligned checkpoints, restores and the verdict, event
 * time and windows ---- */

static char *
q_channels_blocked (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (count_by_cursor (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_BLOCKED)));
}

static char *
q_restored_from (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  FsimTraceKind k = FSIM_SCHED_KIND (FSIM_SCHED_KIND_RESTORE);
  /* the next restore; with none left (the end of the run), the last one:
   * the checkpoint the running attempts were restored from */
  gint64 i = next_of_kind (ctx, k, ctx->cursor);
  if (i < 0)
    i = prev_of_kind (ctx, k, ctx->cursor);
  const FsimTraceRecord *r = record_or_error (ctx, i, _("no task restores in this run"), error);
  return r ? int_answer (r->values[value_index (k, "restored_from")]) : NULL;
}

/* The run's verdict: the last record of the verdict kind (the run writes
 * one, before its end), wherever the cursor is. */
static const FsimTraceRecord *
verdict (const FsimQueryContext *ctx, GError **error)
{
  gint64 last = fsim_trace_count (trace_of (ctx)) - 1;
  return record_or_error (ctx, prev_of_kind (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_VERDICT), last),
                          _("the run wrote no exactly-once verdict"), error);
}

static char *
q_verdict_guarantee (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = verdict (ctx, error);
  return r ? g_strdup (fsim_trace_value_text (r, value_index (r->kind, "guarantee"))) : NULL;
}

static char *
q_verdict_holds (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = verdict (ctx, error);
  return r ? g_strdup (r->values[value_index (r->kind, "holds")] ? "yes" : "no") : NULL;
}

static char *
q_verdict_duplicated (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = verdict (ctx, error);
  return r ? int_answer (r->values[value_index (r->kind, "duplicated")]) : NULL;
}

/* The subtask that produces input channel `channel` of a one-input task:
 * its gates in JobEdge order make one union of channels (UnionInputGate),
 * each gate's channels its consumed partitions in order, as the task's
 * StatusWatermarkValve numbers them. NULL for a two-input task, whose
 * record does not say which input. */
static const char *
channel_producer (const FsimExecutionVertex *ev, int channel, GError **error)
{
  const FsimExecutionJobVertex *v = ev->job_vertex;
  int offset = 0;
  for (guint g = 0; g < v->inputs->len; g++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (v->inputs, g);
      if (r->data_set->stream_edge->type_number == 2)
        {
          g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                       _("'%s' has two inputs: its record does not say which one holds the "
                         "watermark"), ev->name);
          return NULL;
        }
      FsimIndexRange p = ev->consumed[g]->partitions;
      if (channel < offset + p.end - p.start + 1)
        return r->producer->subtasks[p.start + channel - offset].name;
      offset += p.end - p.start + 1;
    }
  g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
               _("'%s' has no input channel %d"), ev->name, channel);
  return NULL;
}

static char *
q_watermark_holder (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args;
  const FsimTraceRecord *r = next_record (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_HELD),
                                          _("no watermark is held back at or after this step"),
                                          error);
  if (r == NULL)
    return NULL;
  GPtrArray *vs = fsim_execution_graph_get_job_vertices (eg_of (ctx));
  const FsimExecutionJobVertex *v = g_ptr_array_index (vs, r->vertex);
  const char *name = channel_producer (&v->subtasks[r->subtask], r->channel, error);
  return name ? g_strdup (name) : NULL;
}

/* vertex_sum of the value called name of a window kind. */
static char *
window_sum (char *const *args, const FsimQueryContext *ctx, FsimSchedKind kind, const char *name,
            gboolean last_only, GError **error)
{
  FsimTraceKind k = FSIM_SCHED_KIND (kind);
  return vertex_sum (args, ctx, k, value_index (k, name), last_only, error);
}

static char *
q_windows_fired (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  return window_sum (args, ctx, FSIM_SCHED_KIND_WINDOW_FIRED, "windows", FALSE, error);
}

static char *
q_window_records (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  return window_sum (args, ctx, FSIM_SCHED_KIND_WINDOW_FIRED, "records", FALSE, error);
}

static char *
q_late_dropped (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  return window_sum (args, ctx, FSIM_SCHED_KIND_WINDOW_LATE, "dropped_total", TRUE, error);
}

static char *
q_late_side_output (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  return window_sum (args, ctx, FSIM_SCHED_KIND_WINDOW_LATE, "side_output_total", TRUE, error);
}

/* ---- exercises: whole-run counts (issue 15) ---- */

/* Records of kind k at or before the cursor. */
/* The sum of the value named `value` of kind k's records at or before the
 * cursor; only restarts (backoff >= 0) when k is failover. */
static gint64
sum_of_value (const FsimQueryContext *ctx, FsimTraceKind k, const char *value)
{
  int v = value_index (k, value);
  gboolean restarts_only = k == FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER);
  gint64 sum = 0;
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0 && i <= ctx->cursor;
       i = next_of_kind (ctx, k, i + 1))
    {
      const FsimTraceRecord *r = fsim_trace_get (trace_of (ctx), i);
      if (!restarts_only || r->values[FSIM_FAILOVER_VALUE_BACKOFF_US] >= 0)
        sum += r->values[v];
    }
  return sum;
}

static char *
q_checkpoints_expired (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (count_by_cursor (ctx, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_EXPIRED)));
}

/* The longest end-to-end duration, trigger to completion, of the
 * checkpoints completed by the step (checkpoint-completed's duration_us,
 * what the web UI's checkpoint history calls End to End Duration); "none"
 * before the first completes. */
static char *
q_longest_checkpoint (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  FsimTraceKind k = FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED);
  int v = value_index (k, "duration_us");
  gint64 longest = -1;
  for (gint64 i = next_of_kind (ctx, k, 0); i >= 0 && i <= ctx->cursor;
       i = next_of_kind (ctx, k, i + 1))
    longest = MAX (longest, fsim_trace_get (trace_of (ctx), i)->values[v]);
  return longest < 0 ? g_strdup ("none") : fsim_duration_format (longest);
}

static char *
q_faults (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (count_by_cursor (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT)));
}

static char *
q_restarted_subtasks (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (sum_of_value (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER), "subtasks"));
}

static char *
q_windows_fired_total (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  (void) args, (void) error;
  return int_answer (sum_of_value (ctx, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED),
                                   "windows"));
}

static char *
q_records_out (char *const *args, const FsimQueryContext *ctx, GError **error)
{
  FsimTraceKind k;
  int out = fsim_task_metrics_value_index (FSIM_TASK_METRIC_NUM_RECORDS_OUT, &k);
  return vertex_sum (args, ctx, k, out, TRUE, error);
}

static const FsimQueryDesc descs[] = {
  { "stream-nodes", 0, FSIM_QUERY_INT, N_("StreamNodes in the StreamGraph") },
  { "job-vertices", 0, FSIM_QUERY_INT, N_("JobVertices (chains) in the JobGraph") },
  { "subtasks", 0, FSIM_QUERY_INT, N_("subtasks (ExecutionVertices) in the ExecutionGraph") },
  { "slots-needed", 0, FSIM_QUERY_INT, N_("slots the job needs with slot sharing") },
  { "slot-sharing-groups", 0, FSIM_QUERY_INT, N_("slot sharing groups of the JobGraph") },
  { "regions", 0, FSIM_QUERY_INT, N_("pipelined regions of the ExecutionGraph") },
  { "parallelism", 1, FSIM_QUERY_INT, N_("the parallelism of operator OP") },
  { "max-parallelism", 1, FSIM_QUERY_INT, N_("the max parallelism (key groups) of OP's vertex") },
  { "key-groups", 2, FSIM_QUERY_WORD, N_("the key-group range START-END of OP's subtask N (0-based)") },
  { "chained", 2, FSIM_QUERY_WORD, N_("yes if the edge from A to B is chained, else no") },
  { "chain-rule", 2, FSIM_QUERY_WORD, N_("the chaining rule that decides the edge from A to B") },
  { "distribution", 2, FSIM_QUERY_WORD, N_("POINTWISE or ALL_TO_ALL: the JobEdge from A to B") },
  { "job-status", 0, FSIM_QUERY_WORD, N_("the JobStatus at the step") },
  { "final-job-status", 0, FSIM_QUERY_WORD, N_("the JobStatus when the run ends") },
  { "restarts", 0, FSIM_QUERY_INT, N_("failures that were restarted in the whole run") },
  { "failover-subtasks", 0, FSIM_QUERY_INT, N_("subtasks the next failover restarts") },
  { "failover-backoff", 0, FSIM_QUERY_DURATION, N_("the next failover's backoff before the restart") },
  { "failed-subtask", 0, FSIM_QUERY_WORD, N_("the subtask whose failure the next failover handles") },
  { "backpressured-vertex", 0, FSIM_QUERY_WORD, N_("the vertex of the next task to become back-pressured") },
  { "backpressured-tasks", 0, FSIM_QUERY_INT, N_("subtasks that were ever back-pressured in the run") },
  { "busiest-subtask", 0, FSIM_QUERY_WORD, N_("the subtask with the most busy time in the last sample") },
  { "busiest-busy-time", 0, FSIM_QUERY_INT, N_("that subtask's busyTimeMsPerSecond") },
  { "records-in", 1, FSIM_QUERY_INT, N_("numRecordsIn of OP's vertex, all subtasks, at the step") },
  { "taskmanagers", 0, FSIM_QUERY_INT, N_("TaskManagers registered by the step") },
  { "time", 0, FSIM_QUERY_DURATION, N_("the simulated time of the step") },
  { "checkpoints-completed", 0, FSIM_QUERY_INT, N_("checkpoints completed by the step") },
  { "aligning-subtask", 0, FSIM_QUERY_WORD,
    N_("the subtask that next blocks an input channel for an aligned checkpoint") },
  /* exercises (issue 15) */
  { "checkpoints-expired", 0, FSIM_QUERY_INT,
    N_("checkpoints that expired (execution.checkpointing.timeout) by the step") },
  { "faults", 0, FSIM_QUERY_INT, N_("faults of the fault plan that came due by the step") },
  { "restarted-subtasks", 0, FSIM_QUERY_INT,
    N_("subtasks restarted by the step, summed over the restarts") },
  { "windows-fired-total", 0, FSIM_QUERY_INT, N_("windows fired by the step, all window operators") },
  { "records-out", 1, FSIM_QUERY_INT, N_("numRecordsOut of OP's vertex, all subtasks, at the step") },
  /* issue 15: unaligned checkpoints, restores and the verdict, event time, windows */
  { "channels-blocked", 0, FSIM_QUERY_INT,
    N_("input channels blocked for an aligned checkpoint by the step") },
  { "restored-from", 0, FSIM_QUERY_INT,
    N_("the checkpoint the next restore starts from (0: none, from scratch); after the "
       "last restore, the last one's") },
  { "verdict-guarantee", 0, FSIM_QUERY_WORD,
    N_("the guarantee the run's exactly-once verdict judges") },
  { "verdict-holds", 0, FSIM_QUERY_WORD, N_("yes if the run's verdict holds, else no") },
  { "verdict-duplicated", 0, FSIM_QUERY_INT, N_("records the run's verdict counts twice") },
  { "watermark-holder", 0, FSIM_QUERY_WORD,
    N_("the subtask whose input channel next holds a window's watermark back") },
  { "windows-fired", 1, FSIM_QUERY_INT, N_("windows OP's vertex fired by the step") },
  { "window-records", 1, FSIM_QUERY_INT,
    N_("records in the windows OP's vertex fired by the step") },
  { "late-dropped", 1, FSIM_QUERY_INT,
    N_("late records OP's vertex dropped (numLateRecordsDropped) by the step") },
  { "late-side-output", 1, FSIM_QUERY_INT,
    N_("late records OP's vertex sent to its late data side output by the step") },
  { "longest-checkpoint", 0, FSIM_QUERY_DURATION,
    N_("the longest trigger-to-completion time of the checkpoints completed by the step") },
  { "slots-available", 0, FSIM_QUERY_INT,
    N_("free slots of the registered TaskManagers by the step (slots-available)") },
  /* what the job file says (queries-job.c): goals that pin what a task keeps */
  { "rate", 1, FSIM_QUERY_INT, N_("records/s per subtask of source OP (.rate())") },
  { "cost", 1, FSIM_QUERY_DURATION, N_("the time operator OP takes a record (.cost())") },
  { "state-size", 1, FSIM_QUERY_INT,
    N_("bytes of keyed state operator OP keeps per key (.stateSize(); 0: not set)") },
  { "fault-plan", 0, FSIM_QUERY_INT, N_("faults in the job file's fault plan, due in the run or not") },
  { "keys", 1, FSIM_QUERY_INT, N_("the distinct keys of keyBy(FIELD) (.keys(); 0: not set)") },
  { "key-skew", 1, FSIM_QUERY_WORD,
    N_("the distribution of keyBy(FIELD)'s keys: zipf(S) or uniform() (.skew())") },
  { "window-assigner", 1, FSIM_QUERY_WORD,
    N_("the WindowAssigner of window operator OP: TumblingEventTimeWindows, …") },
  { "window-size", 1, FSIM_QUERY_DURATION, N_("the size (a session's gap) of OP's windows") },
  { "watermark-strategy", 1, FSIM_QUERY_WORD,
    N_("the WatermarkStrategy whose watermarks reach OP: noWatermarks, "
       "forMonotonousTimestamps or forBoundedOutOfOrderness") },
  { "watermark-bound", 1, FSIM_QUERY_DURATION,
    N_("the out-of-orderness bound of the watermarks that reach OP") },
  { "config", 1, FSIM_QUERY_DURATION,
    N_("the configuration's value of KEY, set or Flink's default") },
  { NULL, 0, FSIM_QUERY_INT, NULL },
};

/* in the order of descs */
static const QueryFunc funcs[] = {
  q_stream_nodes,
  q_job_vertices,
  q_subtasks,
  q_slots_needed,
  q_slot_sharing_groups,
  q_regions,
  q_parallelism,
  q_max_parallelism,
  q_key_groups,
  q_chained,
  q_chain_rule,
  q_distribution,
  q_job_status,
  q_final_job_status,
  q_restarts,
  q_failover_subtasks,
  q_failover_backoff,
  q_failed_subtask,
  q_backpressured_vertex,
  q_backpressured_tasks,
  q_busiest_subtask,
  q_busiest_busy_time,
  q_records_in,
  q_taskmanagers,
  q_time,
  q_checkpoints_completed,
  q_aligning_subtask,
  /* exercises (issue 15) */
  q_checkpoints_expired,
  q_faults,
  q_restarted_subtasks,
  q_windows_fired_total,
  q_records_out,
  /* issue 15 */
  q_channels_blocked,
  q_restored_from,
  q_verdict_guarantee,
  q_verdict_holds,
  q_verdict_duplicated,
  q_watermark_holder,
  q_windows_fired,
  q_window_records,
  q_late_dropped,
  q_late_side_output,
  q_longest_checkpoint,
  q_slots_available,
  /* what the job file says */
  fsim_query_rate,
  fsim_query_cost,
  fsim_query_state_size,
  fsim_query_fault_plan,
  fsim_query_keys,
  fsim_query_key_skew,
  fsim_query_window_assigner,
  fsim_query_window_size,
  fsim_query_watermark_strategy,
  fsim_query_watermark_bound,
  fsim_query_config,
};

G_STATIC_ASSERT (G_N_ELEMENTS (descs) == G_N_ELEMENTS (funcs) + 1);

const FsimQueryDesc *
fsim_queries (void)
{
  return descs;
}

const FsimQueryDesc *
fsim_query_lookup (const char *name)
{
  for (gsize i = 0; descs[i].name; i++)
    if (g_strcmp0 (descs[i].name, name) == 0)
      return &descs[i];
  return NULL;
}

char *
fsim_query_eval (const FsimQueryDesc *q, char *const *args, const FsimQueryContext *ctx,
                 GError **error)
{
  g_assert (q >= descs && q < descs + G_N_ELEMENTS (funcs));
  return funcs[q - descs] (args, ctx, error);
}

gboolean
fsim_query_answer_matches (const FsimQueryDesc *q, const char *computed, const char *answer)
{
  g_autofree char *a = g_strstrip (g_strdup (answer));
  if (q->type == FSIM_QUERY_INT)
    {
      gint64 x, y;
      return g_ascii_string_to_signed (a, 10, G_MININT64, G_MAXINT64, &x, NULL)
        && g_ascii_string_to_signed (computed, 10, G_MININT64, G_MAXINT64, &y, NULL) && x == y;
    }
  if (q->type == FSIM_QUERY_DURATION)
    {
      gint64 x, y;
      if (g_ascii_strcasecmp (a, computed) == 0)
        return TRUE;
      return fsim_duration_parse (a, &x, NULL) && fsim_duration_parse (computed, &y, NULL)
        && x == y;
    }
  return g_ascii_strcasecmp (a, computed) == 0;
}
