/* regions.c - pipelined regions: the subtasks that must run (and restart)
 * together.
 *
 * Data that must be consumed while it is produced (PIPELINED,
 * PIPELINED_BOUNDED) ties producer and consumer together; blocking data does
 * not. Flink computes the regions in two steps
 * (LogicalPipelinedRegionComputeUtil, SchedulingPipelinedRegionComputeUtil):
 *
 *  1. LogicalPipelinedRegionComputeUtil: job vertices joined by
 *     must-be-pipelined edges (union-find in topological order).
 *  2. DefaultExecutionTopology, per logical region: if an ALL_TO_ALL edge
 *     lies inside it, all its subtasks form one region. Otherwise
 *     (SchedulingPipelinedRegionComputeUtil) subtasks are joined through the
 *     must-be-pipelined partitions they consume, and raw regions that depend
 *     on each other in a cycle through blocking partitions are merged
 *     (Tarjan's strongly connected components, FLINK-17330).
 *
 * So in streaming one keyBy makes its whole connected job one region, while a
 * forward-only pipeline falls apart into one region per subtask.
 *
 * Flink keeps regions in a hash set; here they are numbered by their first
 * subtask in topological order, the order PipelinedRegionSchedulingStrategy
 * schedules them in. */
#include "config.h"

#include "graphs/execution-graph-private.h"

/* Union-find whose root is always the smallest index, so a root is the
 * topologically first member. */
static int
uf_find (int *parent, int x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

static void
uf_union (int *parent, int a, int b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

static int *
uf_new (int n)
{
  int *parent = g_new (int, n);
  for (int i = 0; i < n; i++)
    parent[i] = i;
  return parent;
}

static gboolean
must_be_pipelined (const FsimIntermediateResult *r)
{
  return fsim_result_partition_type_must_be_pipelined (r->result_type);
}

/* Step 1: LogicalPipelinedRegionComputeUtil.computePipelinedRegions. */
static void
compute_logical_regions (FsimExecutionGraph *eg)
{
  int n = (int) eg->job_vertices->len;
  g_autofree int *parent = uf_new (n);
  for (int i = 0; i < n; i++)
    {
      FsimExecutionJobVertex *ejv = g_ptr_array_index (eg->job_vertices, i);
      for (guint j = 0; j < ejv->inputs->len; j++)
        {
          FsimIntermediateResult *r = g_ptr_array_index (ejv->inputs, j);
          if (must_be_pipelined (r))
            uf_union (parent, i, r->producer->index);
        }
    }
  g_autofree int *number = g_new (int, eg->job_vertices->len);
  eg->n_logical_regions = 0;
  for (int i = 0; i < n; i++)
    {
      FsimExecutionJobVertex *ejv = g_ptr_array_index (eg->job_vertices, i);
      int root = uf_find (parent, i);
      if (root == i)
        number[i] = eg->n_logical_regions++;
      ejv->logical_region = number[root];
    }
}

/* DefaultExecutionTopology.containsIntraRegionAllToAllEdge */
static gboolean
contains_intra_region_all_to_all (GPtrArray *members)
{
  for (guint i = 0; i < members->len; i++)
    {
      FsimExecutionJobVertex *ejv = g_ptr_array_index (members, i);
      for (guint j = 0; j < ejv->inputs->len; j++)
        {
          const FsimJobEdge *e = g_ptr_array_index (ejv->job_vertex->inputs, j);
          FsimIntermediateResult *r = g_ptr_array_index (ejv->inputs, j);
          if (e->pattern == FSIM_DISTRIBUTION_ALL_TO_ALL
              && r->producer->logical_region == ejv->logical_region)
            return TRUE;
        }
    }
  return FALSE;
}

/* ---- Tarjan's SCC, iterative (a chain of 100,000 regions must not
 * recurse); StronglyConnectedComponentsComputeUtils. */

int *
fsim_strongly_connected_components (int n, const int *start, const int *targets)
{
  gsize size = (guint) MAX (n, 1);
  int *comp = g_new (int, size);
  g_autofree int *index = g_new (int, size);
  g_autofree int *low = g_new (int, size);
  g_autofree gboolean *on_stack = g_new0 (gboolean, size);
  g_autofree int *stack = g_new (int, size);
  g_autofree int *call_node = g_new (int, size);
  g_autofree int *call_edge = g_new (int, size);
  int next_index = 0, sp = 0, n_comp = 0;
  for (int i = 0; i < n; i++)
    index[i] = -1;
  for (int root = 0; root < n; root++)
    {
      if (index[root] != -1)
        continue;
      int depth = 0;
      call_node[0] = root;
      call_edge[0] = start[root];
      index[root] = low[root] = next_index++;
      stack[sp++] = root;
      on_stack[root] = TRUE;
      while (depth >= 0)
        {
          int v = call_node[depth];
          if (call_edge[depth] < start[v + 1])
            {
              int w = targets[call_edge[depth]++];
              if (index[w] == -1)
                {
                  index[w] = low[w] = next_index++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  depth++;
                  call_node[depth] = w;
                  call_edge[depth] = start[w];
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
              continue;
            }
          if (low[v] == index[v])
            {
              int w;
              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  comp[w] = n_comp;
                }
              while (w != v);
              n_comp++;
            }
          depth--;
          if (depth >= 0)
            {
              int parent = call_node[depth];
              low[parent] = MIN (low[parent], low[v]);
            }
        }
    }
  return comp;
}

/* mergeRegionsOnCycles / buildOutEdgesDesc for the raw regions of one
 * logical region: an edge from raw region A to B for every blocking (not
 * must-be-pipelined) partition of A consumed in B. */
static void
merge_regions_on_cycles (FsimExecutionGraph *eg, int *parent, GPtrArray *members,
                         int logical_region, int *node_of)
{
  g_autoptr (GArray) roots = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint m = 0; m < members->len; m++)
    {
      FsimExecutionJobVertex *ejv = g_ptr_array_index (members, m);
      for (int i = 0; i < ejv->parallelism; i++)
        {
          int root = uf_find (parent, ejv->subtasks[i].index);
          if (node_of[root] == -1)
            {
              node_of[root] = (int) roots->len;
              g_array_append_val (roots, root);
            }
        }
    }
  g_autoptr (GArray) from = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) to = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint m = 0; m < members->len; m++)
    {
      FsimExecutionJobVertex *ejv = g_ptr_array_index (members, m);
      for (guint r = 0; r < ejv->produced->len; r++)
        {
          FsimIntermediateResult *res = g_ptr_array_index (ejv->produced, r);
          if (must_be_pipelined (res))
            continue;
          for (int i = 0; i < ejv->parallelism; i++)
            {
              int a = node_of[uf_find (parent, ejv->subtasks[i].index)];
              for (int k = 0; k < res->n_consumer_edges; k++)
                {
                  FsimConsumerVertexGroup *cvg = res->partitions[i].consumer_groups[k];
                  /* consumers outside this logical region cannot be merged */
                  if (cvg->consumer->logical_region != logical_region)
                    continue;
                  for (int c = cvg->subtasks.start; c <= cvg->subtasks.end; c++)
                    {
                      int b = node_of[uf_find (parent, cvg->consumer->subtasks[c].index)];
                      if (a != b)
                        {
                          g_array_append_val (from, a);
                          g_array_append_val (to, b);
                        }
                    }
                }
            }
        }
    }
  if (from->len > 0)
    {
      int n = (int) roots->len;
      g_autofree int *start = g_new0 (int, roots->len + 1);
      g_autofree int *targets = g_new (int, from->len);
      for (guint e = 0; e < from->len; e++)
        start[g_array_index (from, int, e) + 1]++;
      for (int v = 0; v < n; v++)
        start[v + 1] += start[v];
      g_autofree int *fill = g_memdup2 (start, sizeof (int) * roots->len);
      for (guint e = 0; e < from->len; e++)
        targets[fill[g_array_index (from, int, e)]++] = g_array_index (to, int, e);
      g_autofree int *comp = fsim_strongly_connected_components (n, start, targets);
      g_autofree int *first_of_comp = g_new (int, roots->len);
      for (int v = 0; v < n; v++)
        first_of_comp[v] = -1;
      for (int v = 0; v < n; v++)
        {
          if (first_of_comp[comp[v]] == -1)
            first_of_comp[comp[v]] = v;
          else
            uf_union (parent, g_array_index (roots, int, first_of_comp[comp[v]]),
                      g_array_index (roots, int, v));
        }
    }
  for (guint i = 0; i < roots->len; i++)
    node_of[g_array_index (roots, int, i)] = -1;
}

/* Step 2 for one logical region. */
static void
cut_logical_region (FsimExecutionGraph *eg, int *parent, GPtrArray *members,
                    int logical_region, int *node_of)
{
  if (contains_intra_region_all_to_all (members))
    {
      FsimExecutionJobVertex *first = g_ptr_array_index (members, 0);
      for (guint m = 0; m < members->len; m++)
        {
          FsimExecutionJobVertex *ejv = g_ptr_array_index (members, m);
          for (int i = 0; i < ejv->parallelism; i++)
            uf_union (parent, first->subtasks[0].index, ejv->subtasks[i].index);
        }
      return;
    }
  /* buildRawRegions over the subtasks, topologically */
  gboolean has_blocking = FALSE;
  for (guint m = 0; m < members->len; m++)
    {
      FsimExecutionJobVertex *ejv = g_ptr_array_index (members, m);
      for (int i = 0; i < ejv->parallelism; i++)
        {
          FsimExecutionVertex *v = &ejv->subtasks[i];
          for (guint j = 0; j < ejv->inputs->len; j++)
            {
              FsimConsumedPartitionGroup *cpg = v->consumed[j];
              if (!must_be_pipelined (cpg->result))
                {
                  has_blocking = TRUE;
                  continue;
                }
              FsimExecutionJobVertex *producer = cpg->result->producer;
              for (int p = cpg->partitions.start; p <= cpg->partitions.end; p++)
                uf_union (parent, v->index, producer->subtasks[p].index);
            }
        }
    }
  /* without a blocking edge inside, there is no cycle to merge */
  if (has_blocking)
    merge_regions_on_cycles (eg, parent, members, logical_region, node_of);
}

/* DefaultExecutionTopology.ensureCoLocatedVerticesInSameRegion */
static gboolean
check_co_location (FsimExecutionGraph *eg, GError **error)
{
  g_autoptr (GHashTable) first = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < eg->vertices->len; i++)
    {
      FsimExecutionVertex *v = g_ptr_array_index (eg->vertices, i);
      const FsimCoLocationGroup *g = fsim_execution_vertex_get_co_location_group (v);
      if (g == NULL)
        continue;
      gpointer k = GINT_TO_POINTER ((g->index + 1) * (FSIM_UPPER_BOUND_MAX_PARALLELISM + 1)
                                    + v->subtask);
      FsimExecutionVertex *other = g_hash_table_lookup (first, k);
      if (other == NULL)
        g_hash_table_insert (first, k, v);
      else if (other->region != v->region)
        {
          g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                       _("co-located tasks must be in the same pipelined region: "
                         "%s is in region %d, %s in region %d"),
                       other->name, other->region, v->name, v->region);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
fsim_regions_compute (FsimExecutionGraph *eg, GError **error)
{
  compute_logical_regions (eg);
  int n = (int) eg->vertices->len;
  g_autofree int *parent = uf_new (n);
  g_autofree int *node_of = g_new (int, n);
  for (int i = 0; i < n; i++)
    node_of[i] = -1;

  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  for (int lr = 0; lr < eg->n_logical_regions; lr++)
    {
      g_ptr_array_set_size (members, 0);
      for (guint i = 0; i < eg->job_vertices->len; i++)
        {
          FsimExecutionJobVertex *ejv = g_ptr_array_index (eg->job_vertices, i);
          if (ejv->logical_region == lr)
            g_ptr_array_add (members, ejv);
        }
      cut_logical_region (eg, parent, members, lr, node_of);
    }

  /* number the regions by their first subtask (the union-find root) */
  g_autofree int *region_of_root = node_of;
  node_of = NULL;
  for (int i = 0; i < n; i++)
    region_of_root[i] = -1;
  for (int i = 0; i < n; i++)
    {
      FsimExecutionVertex *v = g_ptr_array_index (eg->vertices, i);
      int root = uf_find (parent, i);
      if (region_of_root[root] == -1)
        {
          FsimPipelinedRegion *r = g_new0 (FsimPipelinedRegion, 1);
          r->index = (int) eg->regions->len;
          r->logical_region = v->job_vertex->logical_region;
          r->vertices = g_ptr_array_new ();
          region_of_root[root] = r->index;
          g_ptr_array_add (eg->regions, r);
        }
      v->region = region_of_root[root];
      FsimPipelinedRegion *r = g_ptr_array_index (eg->regions, v->region);
      g_ptr_array_add (r->vertices, v);
    }
  return check_co_location (eg, error);
}
