/* execution-graph.c - the parallel graph: DefaultExecutionGraph.attachJobGraph.
 *
 * Job vertices are attached in topological order
 * (JobGraph.getVerticesSortedTopologicallyFromSources,
 * DefaultExecutionGraph.attachJobGraph). Each
 * gets its parallelism and max parallelism as SchedulerBase
 * .computeVertexParallelismStore decides them (-1 becomes 1; an unset max
 * parallelism becomes the default of 2.5, which may be rescaled later, a set
 * one may not), then its subtasks and one partition per subtask for each
 * produced result, and is connected to its inputs in JobEdge order
 * (edge-manager.c). Regions and slot sharing groups are computed last, as
 * the scheduler does when it is created. */
#include "config.h"

#include <string.h>

#include "graphs/execution-graph-private.h"

typedef struct {
  const char *filename;         /* NULL: no job file to point at */
} Ctx;

static void
vertex_error (const Ctx *ctx, const FsimJobVertex *jv, GError **error,
              const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Errors point at the chain head in the job file when there is one. */
static void
vertex_error (const Ctx *ctx, const FsimJobVertex *jv, GError **error,
              const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (ctx->filename && jv->head && jv->head->line > 0)
    fsim_diagnostic (error, FSIM_GRAPHS_ERROR_INVALID, ctx->filename, NULL,
                     jv->head->line, jv->head->column, 1, NULL, "%s", msg);
  else
    g_set_error_literal (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID, msg);
}

static gboolean
in_bounds (int p)
{
  return p > 0 && p <= FSIM_UPPER_BOUND_MAX_PARALLELISM;
}

/* SchedulerBase.computeVertexParallelismStore with the bounds checks of
 * DefaultVertexParallelismInfo and KeyGroupRangeAssignment, their messages. */
static gboolean
vertex_parallelism (const Ctx *ctx, const FsimJobVertex *jv, int *parallelism,
                    int *max_parallelism, gboolean *configured, GError **error)
{
  int p = jv->parallelism > 0 ? jv->parallelism : 1;
  int max = jv->max_parallelism;
  *configured = max != -1;
  if (!*configured)
    {
      if (!in_bounds (p))
        {
          vertex_error (ctx, jv, error, _("Operator parallelism not within bounds: %d"), p);
          return FALSE;
        }
      max = fsim_default_max_parallelism (p);
    }
  if (!in_bounds (p))
    {
      vertex_error (ctx, jv, error,
                    _("Setting parallelism is not in valid bounds (1..%d), found: %d"),
                    FSIM_UPPER_BOUND_MAX_PARALLELISM, p);
      return FALSE;
    }
  if (!in_bounds (max))
    {
      vertex_error (ctx, jv, error,
                    _("Setting max parallelism is not in valid bounds (1..%d), found: %d"),
                    FSIM_UPPER_BOUND_MAX_PARALLELISM, max);
      return FALSE;
    }
  *parallelism = p;
  *max_parallelism = max;
  return TRUE;
}

/* The ExecutionJobVertex constructor's check. */
static gboolean
check_not_above_max (const Ctx *ctx, const FsimJobVertex *jv, int p, int max,
                     GError **error)
{
  if (p <= max)
    return TRUE;
  vertex_error (ctx, jv, error,
                _("Vertex %s's parallelism (%d) is higher than the max parallelism (%d). "
                  "Please lower the parallelism or increase the max parallelism."),
                jv->name, p, max);
  return FALSE;
}

static void
result_free (FsimIntermediateResult *r)
{
  if (r->partitions)
    g_free (r->partitions[0].consumer_groups);  /* one block for all partitions */
  g_free (r->partitions);
  g_free (r);
}

static void
job_vertex_free (FsimExecutionJobVertex *ejv)
{
  if (ejv->subtasks)
    g_free (ejv->subtasks[0].consumed);         /* one block for all subtasks */
  g_free (ejv->subtasks);
  g_ptr_array_unref (ejv->produced);
  g_ptr_array_unref (ejv->inputs);
  g_free (ejv);
}

static void
region_free (FsimPipelinedRegion *r)
{
  g_ptr_array_unref (r->vertices);
  g_free (r);
}

static void
slot_group_free (FsimExecutionSlotSharingGroup *g)
{
  g_ptr_array_unref (g->vertices);
  g_free (g);
}

static FsimIntermediateResult *
result_new (FsimExecutionGraph *eg, FsimExecutionJobVertex *producer,
            const FsimIntermediateDataSet *ds)
{
  FsimIntermediateResult *r = g_new0 (FsimIntermediateResult, 1);
  r->index = (int) eg->results->len;
  r->data_set = ds;
  r->producer = producer;
  r->result_type = ds->result_type;
  r->n_consumer_edges = (int) ds->consumers->len;
  int n = producer->parallelism;
  r->partitions = g_new0 (FsimResultPartition, n);
  int k = MAX (r->n_consumer_edges, 1);
  FsimConsumerVertexGroup **block = g_new0 (FsimConsumerVertexGroup *, (gsize) n * k);
  for (int p = 0; p < n; p++)
    {
      r->partitions[p].result = r;
      r->partitions[p].partition = p;
      r->partitions[p].consumer_groups = block + (gsize) p * k;
    }
  g_ptr_array_add (eg->results, r);
  g_ptr_array_index (eg->results_by_data_set, ds->index) = r;
  return r;
}

static gboolean
has_hash_input (const FsimJobVertex *jv)
{
  for (guint i = 0; i < jv->inputs->len; i++)
    {
      const FsimJobEdge *e = g_ptr_array_index (jv->inputs, i);
      if (e->ship_strategy == FSIM_PARTITIONER_HASH)
        return TRUE;
    }
  return FALSE;
}

/* ExecutionJobVertex + initialize(): subtasks, their names and partitions. */
static FsimExecutionJobVertex *
job_vertex_new (FsimExecutionGraph *eg, const FsimJobVertex *jv, int parallelism,
                int max_parallelism, gboolean configured)
{
  FsimExecutionJobVertex *ejv = g_new0 (FsimExecutionJobVertex, 1);
  ejv->index = (int) eg->job_vertices->len;
  ejv->job_vertex = jv;
  ejv->parallelism = parallelism;
  ejv->max_parallelism = max_parallelism;
  ejv->max_parallelism_configured = configured;
  ejv->keyed = has_hash_input (jv);
  ejv->produced = g_ptr_array_new ();
  ejv->inputs = g_ptr_array_new ();
  ejv->subtasks = g_new0 (FsimExecutionVertex, parallelism);
  guint n_inputs = jv->inputs->len;
  FsimConsumedPartitionGroup **block =
    g_new0 (FsimConsumedPartitionGroup *, (gsize) parallelism * MAX (n_inputs, 1));
  GString *name = g_string_new (NULL);
  for (int i = 0; i < parallelism; i++)
    {
      FsimExecutionVertex *v = &ejv->subtasks[i];
      v->job_vertex = ejv;
      v->subtask = i;
      v->index = (int) eg->vertices->len;
      g_string_printf (name, "%s (%d/%d)", jv->name, i + 1, parallelism);
      v->name = g_string_chunk_insert (eg->names, name->str);
      v->consumed = block + (gsize) i * MAX (n_inputs, 1);
      v->key_groups = fsim_key_group_range_for_subtask (max_parallelism, parallelism, i);
      v->region = -1;
      v->slot_sharing_group = -1;
      g_ptr_array_add (eg->vertices, v);
    }
  g_string_free (name, TRUE);
  g_ptr_array_add (eg->job_vertices, ejv);
  for (guint i = 0; i < jv->produced->len; i++)
    g_ptr_array_add (ejv->produced, result_new (eg, ejv, g_ptr_array_index (jv->produced, i)));
  return ejv;
}

/* connectToPredecessors: input j becomes consumed partition group j. */
static void
connect_to_predecessors (FsimExecutionGraph *eg, FsimExecutionJobVertex *ejv)
{
  const FsimJobVertex *jv = ejv->job_vertex;
  for (guint j = 0; j < jv->inputs->len; j++)
    {
      const FsimJobEdge *edge = g_ptr_array_index (jv->inputs, j);
      FsimIntermediateResult *r = g_ptr_array_index (eg->results_by_data_set,
                                                     edge->source->index);
      g_assert (r != NULL);     /* producers come first in topological order */
      int edge_of_result = -1;
      for (guint k = 0; k < edge->source->consumers->len; k++)
        if (g_ptr_array_index (edge->source->consumers, k) == edge)
          edge_of_result = (int) k;
      g_assert (edge_of_result >= 0);
      g_ptr_array_add (ejv->inputs, r);
      fsim_edge_manager_connect (eg, ejv, (int) j, r, edge_of_result);
    }
}

static FsimExecutionGraph *
execution_graph_new (const FsimJobGraph *jg, const Ctx *ctx, GError **error)
{
  g_autoptr (FsimExecutionGraph) eg = g_new0 (FsimExecutionGraph, 1);
  eg->job_graph = jg;
  eg->job_vertices = g_ptr_array_new_with_free_func ((GDestroyNotify) job_vertex_free);
  eg->vertices = g_ptr_array_new ();
  eg->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  eg->results_by_data_set = g_ptr_array_new ();
  g_ptr_array_set_size (eg->results_by_data_set,
                        (int) fsim_job_graph_get_data_sets (jg)->len);
  eg->consumed_partition_groups = g_ptr_array_new_with_free_func (g_free);
  eg->consumer_vertex_groups = g_ptr_array_new_with_free_func (g_free);
  eg->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  eg->slot_sharing_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_group_free);
  eg->names = g_string_chunk_new (4096);

  /* The parallelism store is computed for every vertex (storage order)
   * before any ExecutionJobVertex exists. */
  GPtrArray *stored = fsim_job_graph_get_vertices (jg);
  int n = (int) stored->len;
  g_autofree int *par = g_new0 (int, n);
  g_autofree int *max = g_new0 (int, n);
  g_autofree gboolean *configured = g_new0 (gboolean, n);
  for (int i = 0; i < n; i++)
    {
      const FsimJobVertex *jv = g_ptr_array_index (stored, i);
      g_assert (jv->index == i);
      if (!vertex_parallelism (ctx, jv, &par[i], &max[i], &configured[i], error))
        return NULL;
    }
  GPtrArray *topo = fsim_job_graph_get_vertices_topological (jg);
  for (guint i = 0; i < topo->len; i++)
    {
      const FsimJobVertex *jv = g_ptr_array_index (topo, i);
      int k = jv->index;
      if (!check_not_above_max (ctx, jv, par[k], max[k], error))
        return NULL;
      connect_to_predecessors (eg, job_vertex_new (eg, jv, par[k], max[k], configured[k]));
    }
  if (!fsim_regions_compute (eg, error))
    return NULL;
  fsim_slot_sharing_compute (eg);
  return g_steal_pointer (&eg);
}

FsimExecutionGraph *
fsim_execution_graph_new (const FsimJobGraph *jg, GError **error)
{
  Ctx ctx = { NULL };
  return execution_graph_new (jg, &ctx, error);
}

FsimExecutionGraph *
fsim_execution_graph_new_for_job (const FsimJob *job, GError **error)
{
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, error);
  if (jg == NULL)
    return NULL;
  Ctx ctx = { fsim_job_get_filename (job) };
  FsimExecutionGraph *eg = execution_graph_new (jg, &ctx, error);
  if (eg)
    eg->owned_job_graph = g_steal_pointer (&jg);
  return eg;
}

void
fsim_execution_graph_free (FsimExecutionGraph *eg)
{
  if (eg == NULL)
    return;
  g_clear_pointer (&eg->slot_sharing_groups, g_ptr_array_unref);
  g_clear_pointer (&eg->regions, g_ptr_array_unref);
  g_clear_pointer (&eg->consumer_vertex_groups, g_ptr_array_unref);
  g_clear_pointer (&eg->consumed_partition_groups, g_ptr_array_unref);
  g_clear_pointer (&eg->results_by_data_set, g_ptr_array_unref);
  g_clear_pointer (&eg->results, g_ptr_array_unref);
  g_clear_pointer (&eg->vertices, g_ptr_array_unref);
  g_clear_pointer (&eg->job_vertices, g_ptr_array_unref);
  if (eg->names)
    g_string_chunk_free (eg->names);
  fsim_job_graph_free (eg->owned_job_graph);
  g_free (eg);
}

const FsimJobGraph *
fsim_execution_graph_get_job_graph (const FsimExecutionGraph *eg)
{
  return eg->job_graph;
}

GPtrArray *
fsim_execution_graph_get_job_vertices (const FsimExecutionGraph *eg)
{
  return eg->job_vertices;
}

GPtrArray *
fsim_execution_graph_get_vertices (const FsimExecutionGraph *eg)
{
  return eg->vertices;
}

GPtrArray *
fsim_execution_graph_get_results (const FsimExecutionGraph *eg)
{
  return eg->results;
}

GPtrArray *
fsim_execution_graph_get_consumed_partition_groups (const FsimExecutionGraph *eg)
{
  return eg->consumed_partition_groups;
}

GPtrArray *
fsim_execution_graph_get_regions (const FsimExecutionGraph *eg)
{
  return eg->regions;
}

GPtrArray *
fsim_execution_graph_get_slot_sharing_groups (const FsimExecutionGraph *eg)
{
  return eg->slot_sharing_groups;
}

int
fsim_execution_graph_get_n_logical_regions (const FsimExecutionGraph *eg)
{
  return eg->n_logical_regions;
}

int
fsim_execution_graph_get_slots_needed (const FsimExecutionGraph *eg)
{
  return (int) eg->slot_sharing_groups->len;
}

FsimExecutionJobVertex *
fsim_execution_graph_get_job_vertex (const FsimExecutionGraph *eg, const FsimJobVertex *jv)
{
  g_assert ((guint) jv->topological_index < eg->job_vertices->len);
  FsimExecutionJobVertex *ejv = g_ptr_array_index (eg->job_vertices, jv->topological_index);
  g_assert (ejv->job_vertex == jv);
  return ejv;
}

char *
fsim_execution_vertex_get_id (const FsimExecutionVertex *v)
{
  return g_strdup_printf ("%s_%d", v->job_vertex->job_vertex->id, v->subtask);
}

char *
fsim_execution_vertex_get_attempt_name (const FsimExecutionVertex *v, int attempt)
{
  return g_strdup_printf ("%s#%d", v->name, attempt);
}

FsimResultPartition *
fsim_execution_vertex_get_produced (const FsimExecutionVertex *v, guint i)
{
  g_assert (i < v->job_vertex->produced->len);
  FsimIntermediateResult *r = g_ptr_array_index (v->job_vertex->produced, i);
  return &r->partitions[v->subtask];
}

const FsimCoLocationGroup *
fsim_execution_vertex_get_co_location_group (const FsimExecutionVertex *v)
{
  return v->job_vertex->job_vertex->co_location_group;
}

FsimExecutionVertex *
fsim_result_partition_get_producer (const FsimResultPartition *p)
{
  return &p->result->producer->subtasks[p->partition];
}

int
fsim_result_partition_get_n_subpartitions (const FsimResultPartition *p)
{
  /* IntermediateResultPartition.getNumberOfSubpartitions, static graphs:
   * the size of its (first) consumer vertex group. */
  g_assert (p->result->n_consumer_edges > 0);
  const FsimConsumerVertexGroup *g = p->consumer_groups[0];
  return g->subtasks.end - g->subtasks.start + 1;
}
