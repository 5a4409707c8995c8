/* failover-strategy.c - which subtasks a task failure restarts
 * (scheduler.h, "Failover strategies").
 *
 * RestartPipelinedRegionFailoverStrategy.getTasksNeedingRestart and
 * getRegionsToRestart: a breadth-first walk over the ExecutionGraph's
 * pipelined regions (graphs/regions.c) that visits each consumed partition
 * group and each consumer vertex group once, as Flink's visited sets do;
 * RestartAllFailoverStrategy: everything. */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler-private.h"

const char *
fsim_failover_strategy_type_name (FsimFailoverStrategyType type)
{
  return type == FSIM_FAILOVER_FULL ? "full" : "region";
}

const char *
fsim_failover_strategy_type_class (FsimFailoverStrategyType type)
{
  return type == FSIM_FAILOVER_FULL ? "RestartAllFailoverStrategy"
                                    : "RestartPipelinedRegionFailoverStrategy";
}

gboolean
fsim_failover_strategy_type_from_name (const char *name, FsimFailoverStrategyType *out)
{
  if (g_strcmp0 (name, "region") == 0)
    *out = FSIM_FAILOVER_REGION;
  else if (g_strcmp0 (name, "full") == 0)
    *out = FSIM_FAILOVER_FULL;
  else
    return FALSE;
  return TRUE;
}

typedef struct {
  const FsimFailoverTopology *topo;
  const FsimResultPartition *failed_partition;
  gboolean *visited_region;     /* [n regions] */
  gboolean *visited_consumed;   /* [n consumed partition groups] */
  gboolean *visited_consumers;  /* [n consumer vertex groups] (== consumed's index) */
  GQueue queue;                 /* region indices (GINT_TO_POINTER) */
  GString *why;
} Walk;

static FsimExecutionState
vertex_state (const FsimFailoverTopology *t, const FsimExecutionVertex *v)
{
  return t->states ? t->states[v->index] : FSIM_EXECUTION_RUNNING;
}

/* RegionFailoverResultPartitionAvailabilityChecker.isAvailable */
static gboolean
partition_available (const Walk *w, const FsimResultPartition *p, const char **reason)
{
  if (p == w->failed_partition)
    *reason = "named by the PartitionException";
  else if (w->topo->tracked && !w->topo->tracked (p, w->topo->tracked_data))
    *reason = "no longer tracked by the shuffle master";
  else if (!fsim_result_partition_type_is_reconsumable (p->result->result_type)
           && p->result->result_type != FSIM_RESULT_PARTITION_PIPELINED_APPROXIMATE)
    *reason = "of a type that cannot be consumed again";
  else
    return TRUE;
  return FALSE;
}

static char *
partition_label (const FsimResultPartition *p)
{
  FsimExecutionVertex *producer = fsim_result_partition_get_producer (p);
  return g_strdup_printf ("the %s partition of %s", fsim_result_partition_type_name (
                            p->result->result_type), producer->name);
}

static void
visit (Walk *w, int region, const char *because)
{
  if (w->visited_region[region])
    return;
  w->visited_region[region] = TRUE;
  g_queue_push_tail (&w->queue, GINT_TO_POINTER (region));
  g_string_append_printf (w->why, "; region %d %s", region, because);
}

/* getConsumedPartitionsToVisit: a producer region joins when a partition
 * this region reads is unavailable. */
static void
visit_producers (Walk *w, const FsimPipelinedRegion *r)
{
  for (guint i = 0; i < r->vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (r->vertices, i);
      for (guint j = 0; j < v->job_vertex->inputs->len; j++)
        {
          const FsimConsumedPartitionGroup *g = v->consumed[j];
          if (w->visited_consumed[g->index])
            continue;
          w->visited_consumed[g->index] = TRUE;
          for (int k = g->partitions.start; k <= g->partitions.end; k++)
            {
              const FsimResultPartition *p = &g->result->partitions[k];
              const char *reason = NULL;
              FsimExecutionVertex *producer = fsim_result_partition_get_producer (p);
              if (partition_available (w, p, &reason) || w->visited_region[producer->region])
                continue;
              g_autofree char *label = partition_label (p);
              g_autofree char *because = g_strdup_printf (
                "produces %s, which region %d reads and which is unavailable (%s)", label,
                r->index, reason);
              visit (w, producer->region, because);
            }
        }
    }
}

/* getConsumerVerticesToVisit: every region consuming a partition produced
 * here joins. */
static void
visit_consumers (Walk *w, const FsimPipelinedRegion *r)
{
  for (guint i = 0; i < r->vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (r->vertices, i);
      for (guint j = 0; j < v->job_vertex->produced->len; j++)
        {
          const FsimResultPartition *p = fsim_execution_vertex_get_produced (v, j);
          for (int e = 0; e < p->result->n_consumer_edges; e++)
            {
              const FsimConsumerVertexGroup *cg = p->consumer_groups[e];
              if (cg == NULL || w->visited_consumers[cg->index])
                continue;
              w->visited_consumers[cg->index] = TRUE;
              for (int s = cg->subtasks.start; s <= cg->subtasks.end; s++)
                {
                  const FsimExecutionVertex *c = &cg->consumer->subtasks[s];
                  if (w->visited_region[c->region])
                    continue;
                  g_autofree char *because = g_strdup_printf (
                    "consumes a result of region %d", r->index);
                  visit (w, c->region, because);
                }
            }
        }
    }
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

static FsimFailoverResult *
result_new (void)
{
  FsimFailoverResult *res = g_new0 (FsimFailoverResult, 1);
  res->vertices = g_array_new (FALSE, FALSE, sizeof (int));
  res->regions = g_array_new (FALSE, FALSE, sizeof (int));
  return res;
}

static FsimFailoverResult *
restart_all (const FsimFailoverTopology *t, const FsimExecutionVertex *failed)
{
  FsimFailoverResult *res = result_new ();
  GPtrArray *vertices = fsim_execution_graph_get_vertices (t->eg);
  GPtrArray *regions = fsim_execution_graph_get_regions (t->eg);
  for (guint i = 0; i < vertices->len; i++)
    g_array_append_val (res->vertices,
                        ((const FsimExecutionVertex *) g_ptr_array_index (vertices, i))->index);
  for (guint i = 0; i < regions->len; i++)
    g_array_append_val (res->regions,
                        ((const FsimPipelinedRegion *) g_ptr_array_index (regions, i))->index);
  g_autofree char *who = vertices->len == 1
    ? g_strdup ("the job's one subtask restarts")
    : g_strdup_printf ("every one of the %u subtasks restarts", vertices->len);
  res->why = g_strdup_printf ("%s fails: %s (RestartAllFailoverStrategy, "
                              "jobmanager.execution.failover-strategy: full)",
                              failed->name, who);
  return res;
}

static void
collect_region_vertices (const Walk *w, FsimFailoverResult *res, int *n_created)
{
  GPtrArray *regions = fsim_execution_graph_get_regions (w->topo->eg);
  for (guint i = 0; i < regions->len; i++)
    {
      if (!w->visited_region[i])
        continue;
      const FsimPipelinedRegion *r = g_ptr_array_index (regions, i);
      g_array_append_val (res->regions, r->index);
      for (guint j = 0; j < r->vertices->len; j++)
        {
          const FsimExecutionVertex *v = g_ptr_array_index (r->vertices, j);
          /* "we do not need to restart tasks which are already in the
           * initial state" */
          if (vertex_state (w->topo, v) == FSIM_EXECUTION_CREATED)
            (*n_created)++;
          else
            g_array_append_val (res->vertices, v->index);
        }
    }
  g_array_sort (res->vertices, compare_int);
}

static FsimFailoverResult *
restart_regions (const FsimFailoverTopology *t, const FsimExecutionVertex *failed,
                 const FsimResultPartition *failed_partition)
{
  GPtrArray *regions = fsim_execution_graph_get_regions (t->eg);
  GPtrArray *groups = fsim_execution_graph_get_consumed_partition_groups (t->eg);
  Walk w = { .topo = t, .failed_partition = failed_partition };
  w.visited_region = g_new0 (gboolean, regions->len);
  w.visited_consumed = g_new0 (gboolean, groups->len + 1);
  w.visited_consumers = g_new0 (gboolean, groups->len + 1);
  g_queue_init (&w.queue);
  w.why = g_string_new (NULL);
  g_string_append_printf (w.why, "%s fails: region %d, its own, restarts", failed->name,
                          failed->region);
  w.visited_region[failed->region] = TRUE;
  g_queue_push_tail (&w.queue, GINT_TO_POINTER (failed->region));
  while (!g_queue_is_empty (&w.queue))
    {
      int index = GPOINTER_TO_INT (g_queue_pop_head (&w.queue));
      const FsimPipelinedRegion *r = g_ptr_array_index (regions, index);
      visit_producers (&w, r);
      visit_consumers (&w, r);
    }
  FsimFailoverResult *res = result_new ();
  int n_created = 0;
  collect_region_vertices (&w, res, &n_created);
  if (n_created > 0)
    g_string_append_printf (w.why, "; %d subtask%s still CREATED, left out", n_created,
                            n_created == 1 ? " is" : "s are");
  g_string_append (w.why, " (RestartPipelinedRegionFailoverStrategy: the failed region, the "
                          "producers of unavailable partitions it reads, and every consumer "
                          "region)");
  res->why = g_string_free (w.why, FALSE);
  g_free (w.visited_region);
  g_free (w.visited_consumed);
  g_free (w.visited_consumers);
  return res;
}

FsimFailoverResult *
fsim_failover_tasks_needing_restart (FsimFailoverStrategyType type,
                                     const FsimFailoverTopology *topology,
                                     const FsimExecutionVertex *failed,
                                     const FsimResultPartition *failed_partition)
{
  g_assert (topology != NULL && topology->eg != NULL && failed != NULL);
  if (type == FSIM_FAILOVER_FULL)
    return restart_all (topology, failed);
  return restart_regions (topology, failed, failed_partition);
}

const FsimResultPartition *
fsim_failover_consumed_partition (const FsimExecutionVertex *consumer,
                                  const FsimExecutionVertex *producer)
{
  for (guint j = 0; j < consumer->job_vertex->inputs->len; j++)
    {
      const FsimConsumedPartitionGroup *g = consumer->consumed[j];
      if (g->result->producer == producer->job_vertex && producer->subtask >= g->partitions.start
          && producer->subtask <= g->partitions.end)
        return &g->result->partitions[producer->subtask];
    }
  return NULL;
}

void
fsim_failover_result_free (FsimFailoverResult *result)
{
  if (result == NULL)
    return;
  g_array_unref (result->vertices);
  g_array_unref (result->regions);
  g_free (result->why);
  g_free (result);
}
