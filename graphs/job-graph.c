/* job-graph.c - StreamingJobGraphGenerator: StreamGraph -> JobGraph.
 *
 * The steps of StreamingJobGraphGenerator.createJobGraph that matter to a
 * streaming job:
 *   1. node hashes (StreamGraphHasherV2, node-hash.c) -> JobVertexIDs;
 *   2. setChaining: FLIP-27 sources that can be chained into a
 *      HEAD_WITH_SOURCES operator become its chained inputs; every other
 *      source is an entry point; entry points in ascending node id each start
 *      a depth-first createChain that creates a chain's JobVertex only after
 *      all chains reachable from it (post-order, so sinks usually come first);
 *   3. the non-chained outputs of every operator get IntermediateDataSets
 *      (reused only for re-consumable result types, never in streaming), and
 *      JobEdges are created walking the vertices in creation order and each
 *      vertex's transitive out-edges in order;
 *   4. slot sharing groups and co-location groups;
 *   5. "[vertex-k]" name prefixes (optional) and the vertex descriptions.
 * Then JobGraph.getVerticesSortedTopologicallyFromSources gives the order
 * the ExecutionGraph and the scheduler use. */
#include "config.h"

#include <string.h>

#include "graphs/job-graph-private.h"

struct _FsimJobGraph {
  char *name;
  char id[33];
  FsimJobType type;
  const FsimStreamGraph *stream_graph;
  GPtrArray *vertices;              /* FsimJobVertex*, storage order, owned */
  GPtrArray *topological;           /* FsimJobVertex*, borrowed */
  GPtrArray *edges;                 /* FsimJobEdge*, owned */
  GPtrArray *data_sets;             /* FsimIntermediateDataSet*, owned */
  GPtrArray *slot_sharing_groups;   /* owned */
  GPtrArray *co_location_groups;    /* owned */
  GHashTable *vertex_of_node;       /* node id -> FsimJobVertex*, lookups only */
  GHashTable *chained_edges;        /* set of FsimStreamEdge*, lookups only */
};

/* OperatorChainInfo: what createChain gathers for one chain. */
typedef struct {
  FsimStreamNode *start;
  GPtrArray *chained_sources;       /* FLIP-27 sources chained as inputs, by id */
  GPtrArray *post_order;            /* addNodeToChain order: head last */
  GPtrArray *transitive_out_edges;  /* FsimStreamEdge* leaving the chain */
  GHashTable *chained_names;        /* node id -> char* (owned) */
  FsimJobVertex *vertex;
} ChainInfo;

typedef struct {
  const FsimStreamGraph *graph;
  const char *filename;             /* for diagnostics; may be NULL */
  FsimJobGraph *jg;
  GHashTable *hashes;               /* node id -> 16 bytes */
  GHashTable *entry_points;         /* node id -> ChainInfo* (owned) */
  GPtrArray *chains;                /* ChainInfo*, vertex creation order */
} Builder;

/* ------------------------------------------------------------------------ */
/* Names of the enums                                                         */

const char *
fsim_job_type_name (FsimJobType t)
{
  return t == FSIM_JOB_TYPE_BATCH ? "BATCH" : "STREAMING";
}

const char *
fsim_distribution_pattern_name (FsimDistributionPattern p)
{
  return p == FSIM_DISTRIBUTION_POINTWISE ? "POINTWISE" : "ALL_TO_ALL";
}

static const struct {
  const char *name;
  gboolean must_be_pipelined, can_be_pipelined, blocking, reconsumable;
} result_types[] = {
  [FSIM_RESULT_PARTITION_BLOCKING]              = { "BLOCKING", FALSE, FALSE, TRUE, TRUE },
  [FSIM_RESULT_PARTITION_BLOCKING_PERSISTENT]   = { "BLOCKING_PERSISTENT", FALSE, FALSE, TRUE, TRUE },
  [FSIM_RESULT_PARTITION_PIPELINED]             = { "PIPELINED", TRUE, TRUE, FALSE, FALSE },
  [FSIM_RESULT_PARTITION_PIPELINED_BOUNDED]     = { "PIPELINED_BOUNDED", TRUE, TRUE, FALSE, FALSE },
  [FSIM_RESULT_PARTITION_PIPELINED_APPROXIMATE] = { "PIPELINED_APPROXIMATE", FALSE, TRUE, FALSE, FALSE },
  [FSIM_RESULT_PARTITION_HYBRID_FULL]           = { "HYBRID_FULL", FALSE, TRUE, FALSE, TRUE },
  [FSIM_RESULT_PARTITION_HYBRID_SELECTIVE]      = { "HYBRID_SELECTIVE", FALSE, TRUE, FALSE, FALSE },
};

const char *
fsim_result_partition_type_name (FsimResultPartitionType t)
{
  g_assert ((guint) t < G_N_ELEMENTS (result_types));
  return result_types[t].name;
}

gboolean
fsim_result_partition_type_must_be_pipelined (FsimResultPartitionType t)
{
  g_assert ((guint) t < G_N_ELEMENTS (result_types));
  return result_types[t].must_be_pipelined;
}

gboolean
fsim_result_partition_type_can_be_pipelined (FsimResultPartitionType t)
{
  g_assert ((guint) t < G_N_ELEMENTS (result_types));
  return result_types[t].can_be_pipelined;
}

gboolean
fsim_result_partition_type_is_blocking (FsimResultPartitionType t)
{
  g_assert ((guint) t < G_N_ELEMENTS (result_types));
  return result_types[t].blocking;
}

gboolean
fsim_result_partition_type_is_reconsumable (FsimResultPartitionType t)
{
  g_assert ((guint) t < G_N_ELEMENTS (result_types));
  return result_types[t].reconsumable;
}

/* KeyGroupRangeAssignment.computeDefaultMaxParallelism */
int
fsim_default_max_parallelism (int parallelism)
{
  enum { LOWER = 1 << 7, UPPER = 1 << 15 };
  gint64 p = parallelism > 0 ? parallelism : 1;
  gint64 wanted = p + p / 2;
  gint64 pow2 = 1;
  while (pow2 < wanted && pow2 < UPPER)
    pow2 <<= 1;
  return (int) CLAMP (pow2, LOWER, UPPER);
}

int
fsim_job_vertex_get_max_parallelism (const FsimJobVertex *v)
{
  return v->max_parallelism > 0 ? v->max_parallelism
                                : fsim_default_max_parallelism (v->parallelism);
}

/* ------------------------------------------------------------------------ */
/* Lifecycle                                                                  */

static void
job_vertex_free (FsimJobVertex *v)
{
  g_free (v->name);
  g_free (v->operator_pretty_name);
  g_ptr_array_unref (v->operators);
  g_ptr_array_unref (v->operator_ids_order);
  g_ptr_array_unref (v->chained_sources);
  g_ptr_array_unref (v->inputs);
  g_ptr_array_unref (v->produced);
  g_free (v);
}

static void
data_set_free (FsimIntermediateDataSet *ds)
{
  g_ptr_array_unref (ds->consumers);
  g_free (ds);
}

static void
slot_sharing_group_free (FsimSlotSharingGroup *g)
{
  g_free (g->name);
  g_ptr_array_unref (g->vertices);
  g_free (g);
}

static void
co_location_group_free (FsimCoLocationGroup *g)
{
  g_free (g->key);
  g_ptr_array_unref (g->vertices);
  g_free (g);
}

void
fsim_job_graph_free (FsimJobGraph *jg)
{
  if (jg == NULL)
    return;
  g_free (jg->name);
  g_ptr_array_unref (jg->topological);
  g_ptr_array_unref (jg->edges);
  g_ptr_array_unref (jg->data_sets);
  g_ptr_array_unref (jg->slot_sharing_groups);
  g_ptr_array_unref (jg->co_location_groups);
  g_ptr_array_unref (jg->vertices);
  g_hash_table_unref (jg->vertex_of_node);
  g_hash_table_unref (jg->chained_edges);
  g_free (jg);
}

static FsimJobGraph *
job_graph_alloc (const FsimStreamGraph *graph, const char *name)
{
  FsimJobGraph *jg = g_new0 (FsimJobGraph, 1);
  jg->name = g_strdup (name ? name : "Flink Streaming Job");
  /* Flink's JobID is random; ours is a hash of the name, for determinism */
  guint8 hash[FSIM_HASH_LEN];
  fsim_murmur3_128 (jg->name, strlen (jg->name), hash);
  fsim_hash_to_hex (hash, jg->id);
  jg->type = FSIM_JOB_TYPE_STREAMING;
  jg->stream_graph = graph;
  jg->vertices = g_ptr_array_new_with_free_func ((GDestroyNotify) job_vertex_free);
  jg->topological = g_ptr_array_new ();
  jg->edges = g_ptr_array_new_with_free_func (g_free);
  jg->data_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) data_set_free);
  jg->slot_sharing_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_sharing_group_free);
  jg->co_location_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) co_location_group_free);
  jg->vertex_of_node = g_hash_table_new (NULL, NULL);
  jg->chained_edges = g_hash_table_new (NULL, NULL);
  return jg;
}

static ChainInfo *
chain_info_new (FsimStreamNode *start)
{
  ChainInfo *ci = g_new0 (ChainInfo, 1);
  ci->start = start;
  ci->chained_sources = g_ptr_array_new ();
  ci->post_order = g_ptr_array_new ();
  ci->transitive_out_edges = g_ptr_array_new ();
  ci->chained_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return ci;
}

static void
chain_info_free (ChainInfo *ci)
{
  g_ptr_array_unref (ci->chained_sources);
  g_ptr_array_unref (ci->post_order);
  g_ptr_array_unref (ci->transitive_out_edges);
  g_hash_table_unref (ci->chained_names);
  g_free (ci);
}

/* A user-facing error about node: a located diagnostic when we know where
 * the node was written, else the plain message. */
static void
job_graph_error (Builder *b, GError **error, const FsimStreamNode *node,
                 const char *hint, const char *message)
{
  if (b->filename && node && node->line > 0)
    fsim_diagnostic (error, FSIM_GRAPHS_ERROR_INVALID, b->filename, NULL,
                     node->line, node->column, 1, hint, "%s", message);
  else
    g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID, "%s%s%s",
                 message, hint ? "\n" : "", hint ? hint : "");
}

/* ------------------------------------------------------------------------ */
/* Chains and JobVertices                                                     */

/* StreamGraphGenerator.getParentInputIds makes a DAG, but a hand-built or
 * imported StreamGraph could close a cycle; Flink would recurse forever in
 * createChain, so we refuse it first (Kahn's algorithm). */
static const FsimStreamNode *
find_cycle_node (const FsimStreamGraph *graph)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);
  g_autoptr (GHashTable) indegree = g_hash_table_new (NULL, NULL);
  g_autoptr (GQueue) ready = g_queue_new ();
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = nodes->pdata[i];
      g_hash_table_insert (indegree, n, GUINT_TO_POINTER (n->in_edges->len));
      if (n->in_edges->len == 0)
        g_queue_push_tail (ready, n);
    }
  guint done = 0;
  FsimStreamNode *n;
  while ((n = g_queue_pop_head (ready)) != NULL)
    {
      done++;
      for (guint i = 0; i < n->out_edges->len; i++)
        {
          FsimStreamNode *t = ((FsimStreamEdge *) n->out_edges->pdata[i])->target;
          guint d = GPOINTER_TO_UINT (g_hash_table_lookup (indegree, t)) - 1;
          g_hash_table_insert (indegree, t, GUINT_TO_POINTER (d));
          if (d == 0)
            g_queue_push_tail (ready, t);
        }
    }
  if (done == nodes->len)
    return NULL;
  for (guint i = 0; i < nodes->len; i++)     /* the first node by id on a cycle */
    if (GPOINTER_TO_UINT (g_hash_table_lookup (indegree, nodes->pdata[i])) > 0)
      return nodes->pdata[i];
  g_assert_not_reached ();
}

static ChainInfo *
entry_point (Builder *b, FsimStreamNode *start)
{
  ChainInfo *ci = g_hash_table_lookup (b->entry_points, GINT_TO_POINTER (start->id));
  if (ci == NULL)
    {
      ci = chain_info_new (start);
      g_hash_table_insert (b->entry_points, GINT_TO_POINTER (start->id), ci);
    }
  return ci;
}

/* nameWithChainedSourcesInfo / getDescriptionWithChainedSourcesInfo:
 * "name [src1, src2]" with the chained sources among node's inputs, in input
 * order. use_description picks operator descriptions instead of names. */
static char *
name_with_chained_sources (Builder *b, const FsimStreamNode *node, gboolean use_description)
{
  const char *own = use_description ? node->description : node->name;
  ChainInfo *ci = g_hash_table_lookup (b->entry_points, GINT_TO_POINTER (node->id));
  if (ci == NULL || ci->chained_sources->len == 0)
    return g_strdup (own);
  GString *s = g_string_new (own);
  gboolean first = TRUE;
  for (guint i = 0; i < node->in_edges->len; i++)
    {
      const FsimStreamNode *src = ((FsimStreamEdge *) node->in_edges->pdata[i])->source;
      gboolean chained = FALSE;
      for (guint j = 0; j < ci->chained_sources->len; j++)
        chained = chained || ci->chained_sources->pdata[j] == src;
      if (!chained)
        continue;
      g_string_append (s, first ? " [" : ", ");
      g_string_append (s, use_description ? src->description : src->name);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* createChainedName: "op", "op -> next", "op -> (a, b)". */
static char *
chained_name (Builder *b, ChainInfo *ci, const FsimStreamNode *node, GPtrArray *chainable)
{
  g_autofree char *own = name_with_chained_sources (b, node, FALSE);
  if (chainable->len == 0)
    return g_steal_pointer (&own);
  GString *s = g_string_new (own);
  g_string_append (s, chainable->len > 1 ? " -> (" : " -> ");
  for (guint i = 0; i < chainable->len; i++)
    {
      const FsimStreamEdge *e = chainable->pdata[i];
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_hash_table_lookup (ci->chained_names, GINT_TO_POINTER (e->target->id)));
    }
  if (chainable->len > 1)
    g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

static const char *
invokable_class (const ChainInfo *ci)
{
  const FsimStreamNode *head = ci->start;
  if (ci->chained_sources->len > 0 || head->chaining == FSIM_CHAINING_HEAD_WITH_SOURCES)
    return "MultipleInputStreamTask";
  switch (head->kind)
    {
    case FSIM_OPERATOR_SOURCE: return "SourceOperatorStreamTask";
    case FSIM_OPERATOR_LEGACY_SOURCE: return "SourceStreamTask";
    case FSIM_OPERATOR_TWO_INPUT: return "TwoInputStreamTask";
    case FSIM_OPERATOR_ONE_INPUT:
    case FSIM_OPERATOR_LEGACY_SINK:
    case FSIM_OPERATOR_SINK_WRITER: return "OneInputStreamTask";
    }
  g_assert_not_reached ();
}

/* createJobVertex */
static FsimJobVertex *
create_job_vertex (Builder *b, ChainInfo *ci)
{
  FsimJobVertex *v = g_new0 (FsimJobVertex, 1);
  const guint8 *hash = g_hash_table_lookup (b->hashes, GINT_TO_POINTER (ci->start->id));
  g_assert (hash != NULL);
  v->index = (int) b->jg->vertices->len;
  fsim_hash_to_hex (hash, v->id);
  v->name = g_strdup (g_hash_table_lookup (ci->chained_names, GINT_TO_POINTER (ci->start->id)));
  v->head = ci->start;
  v->operators = g_ptr_array_new ();
  v->operator_ids_order = g_ptr_array_copy (ci->post_order, NULL, NULL);
  v->chained_sources = g_ptr_array_copy (ci->chained_sources, NULL, NULL);
  v->parallelism = ci->start->parallelism;
  v->max_parallelism = ci->start->max_parallelism;
  v->invokable = invokable_class (ci);
  v->inputs = g_ptr_array_new ();
  v->produced = g_ptr_array_new ();
  g_ptr_array_add (b->jg->vertices, v);
  return v;
}

/* createChain: depth-first; returns the chain's transitive out-edges below
 * node (transfer container). */
static GPtrArray *
create_chain (Builder *b, FsimStreamNode *node, ChainInfo *ci)
{
  GPtrArray *transitive = g_ptr_array_new ();
  if (ci->vertex != NULL)
    return transitive;

  g_autoptr (GPtrArray) chainable = g_ptr_array_new ();
  g_autoptr (GPtrArray) non_chainable = g_ptr_array_new ();
  for (guint i = 0; i < node->out_edges->len; i++)
    {
      FsimStreamEdge *e = node->out_edges->pdata[i];
      g_ptr_array_add (fsim_chaining_is_chainable (b->graph, e) ? chainable : non_chainable, e);
    }

  for (guint i = 0; i < chainable->len; i++)
    {
      FsimStreamEdge *e = chainable->pdata[i];
      g_hash_table_add (b->jg->chained_edges, e);
      g_autoptr (GPtrArray) below = create_chain (b, e->target, ci);
      g_ptr_array_extend (transitive, below, NULL, NULL);
    }
  for (guint i = 0; i < non_chainable->len; i++)
    {
      FsimStreamEdge *e = non_chainable->pdata[i];
      g_ptr_array_add (transitive, e);
      g_autoptr (GPtrArray) ignored = create_chain (b, e->target, entry_point (b, e->target));
    }

  g_hash_table_insert (ci->chained_names, GINT_TO_POINTER (node->id),
                       chained_name (b, ci, node, chainable));
  g_ptr_array_add (ci->post_order, node);

  if (node == ci->start)
    {
      ci->vertex = create_job_vertex (b, ci);
      g_ptr_array_extend (ci->transitive_out_edges, transitive, NULL, NULL);
      g_ptr_array_add (b->chains, ci);
    }
  return transitive;
}

/* buildChainedInputsAndGetHeadInputs: a chainable FLIP-27 source joins the
 * chain of its HEAD_WITH_SOURCES target; other sources start chains. */
static void
build_entry_points (Builder *b)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (b->graph);
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = nodes->pdata[i];
      if (!(n->is_source || n->in_edges->len == 0))
        continue;
      if (fsim_chaining_is_chainable_source (b->graph, n))
        {
          FsimStreamEdge *out = n->out_edges->pdata[0];
          ChainInfo *ci = entry_point (b, out->target);
          g_ptr_array_add (ci->chained_sources, n);
          g_hash_table_add (b->jg->chained_edges, out);
        }
      else
        entry_point (b, n);
    }
}

/* setChaining: entry points in ascending node id (nodes are sorted by id). */
static void
set_chaining (Builder *b)
{
  build_entry_points (b);
  /* the initial entry points, before createChain adds more */
  GPtrArray *nodes = fsim_stream_graph_get_nodes (b->graph);
  g_autoptr (GPtrArray) initial = g_ptr_array_new ();
  for (guint i = 0; i < nodes->len; i++)
    {
      ChainInfo *ci = g_hash_table_lookup (b->entry_points,
                                           GINT_TO_POINTER (((FsimStreamNode *) nodes->pdata[i])->id));
      if (ci != NULL)
        g_ptr_array_add (initial, ci);
    }
  for (guint i = 0; i < initial->len; i++)
    {
      ChainInfo *ci = initial->pdata[i];
      g_autoptr (GPtrArray) ignored = create_chain (b, ci->start, ci);
    }
}

/* The chain members reached from node through chained edges, in out-edge
 * order (getChainedOutputNodes). */
static GPtrArray *
chained_outputs (Builder *b, const FsimStreamNode *node)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < node->out_edges->len; i++)
    {
      FsimStreamEdge *e = node->out_edges->pdata[i];
      if (g_hash_table_contains (b->jg->chained_edges, e))
        g_ptr_array_add (out, e->target);
    }
  return out;
}

static void
collect_operators (Builder *b, FsimJobVertex *v, FsimStreamNode *node)
{
  g_ptr_array_add (v->operators, node);
  g_hash_table_insert (b->jg->vertex_of_node, GINT_TO_POINTER (node->id), v);
  g_autoptr (GPtrArray) next = chained_outputs (b, node);
  for (guint i = 0; i < next->len; i++)
    collect_operators (b, v, next->pdata[i]);
}

/* ------------------------------------------------------------------------ */
/* IntermediateDataSets and JobEdges                                          */

/* getResultPartitionType; UNDEFINED resolves by the global exchange mode,
 * ALL_EDGES_PIPELINED in streaming. */
static FsimResultPartitionType
result_partition_type (const FsimStreamEdge *edge)
{
  switch (edge->exchange_mode)
    {
    case FSIM_EXCHANGE_PIPELINED: return FSIM_RESULT_PARTITION_PIPELINED_BOUNDED;
    case FSIM_EXCHANGE_BATCH: return FSIM_RESULT_PARTITION_BLOCKING;
    case FSIM_EXCHANGE_UNDEFINED: return FSIM_RESULT_PARTITION_PIPELINED_BOUNDED;
    }
  g_assert_not_reached ();
}

/* createOrReuseOutput: only re-consumable results are shared, between edges
 * of the same operator with equal partitioner and consumer (max)
 * parallelism. A HASH or CUSTOM partitioner holds the user's key selector or
 * function, which Flink compares by identity: two keyBy calls never match. */
static FsimIntermediateDataSet *
reusable_data_set (FsimJobVertex *producer, const FsimStreamEdge *edge,
                   FsimResultPartitionType type)
{
  if (!fsim_result_partition_type_is_reconsumable (type)
      || edge->partitioner == FSIM_PARTITIONER_HASH
      || edge->partitioner == FSIM_PARTITIONER_CUSTOM)
    return NULL;
  for (guint i = 0; i < producer->produced->len; i++)
    {
      FsimIntermediateDataSet *ds = producer->produced->pdata[i];
      const FsimStreamEdge *other = ds->stream_edge;
      if (other->source == edge->source && ds->result_type == type
          && other->partitioner == edge->partitioner
          && other->target->parallelism == edge->target->parallelism
          && other->target->max_parallelism == edge->target->max_parallelism)
        return ds;
    }
  return NULL;
}

static FsimIntermediateDataSet *
data_set_for (Builder *b, FsimJobVertex *producer, FsimStreamEdge *edge)
{
  FsimResultPartitionType type = result_partition_type (edge);
  FsimIntermediateDataSet *ds = reusable_data_set (producer, edge, type);
  if (ds != NULL)
    return ds;
  ds = g_new0 (FsimIntermediateDataSet, 1);
  ds->index = (int) b->jg->data_sets->len;
  guint8 vertex_hash[FSIM_HASH_LEN], id[FSIM_HASH_LEN];
  memcpy (vertex_hash, g_hash_table_lookup (b->hashes, GINT_TO_POINTER (producer->head->id)),
          FSIM_HASH_LEN);
  g_autofree char *edge_id = fsim_stream_edge_id (edge);
  fsim_intermediate_data_set_id (vertex_hash, fsim_java_string_hash_code (edge_id), id);
  fsim_hash_to_hex (id, ds->id);
  ds->producer = producer;
  ds->stream_edge = edge;
  ds->result_type = type;
  ds->consumers = g_ptr_array_new ();
  g_ptr_array_add (b->jg->data_sets, ds);
  g_ptr_array_add (producer->produced, ds);
  return ds;
}

/* connect */
static void
connect (Builder *b, FsimJobVertex *producer, FsimStreamEdge *edge)
{
  FsimJobVertex *target = g_hash_table_lookup (b->jg->vertex_of_node,
                                               GINT_TO_POINTER (edge->target->id));
  g_assert (target != NULL && target->head == edge->target);
  FsimJobEdge *je = g_new0 (FsimJobEdge, 1);
  je->index = (int) b->jg->edges->len;
  je->source = data_set_for (b, producer, edge);
  je->producer = producer;
  je->target = target;
  je->input_index = (int) target->inputs->len;
  je->stream_edge = edge;
  je->pattern = fsim_partitioner_is_pointwise (edge->partitioner)
                  ? FSIM_DISTRIBUTION_POINTWISE : FSIM_DISTRIBUTION_ALL_TO_ALL;
  je->ship_strategy = edge->partitioner;
  je->is_broadcast = fsim_partitioner_is_broadcast (edge->partitioner);
  je->is_forward = edge->partitioner == FSIM_PARTITIONER_FORWARD;
  je->type_number = edge->type_number;
  g_ptr_array_add (b->jg->edges, je);
  g_ptr_array_add (target->inputs, je);
  g_ptr_array_add (je->source->consumers, je);
}

/* ------------------------------------------------------------------------ */
/* Slot sharing, co-location, names, descriptions, topological order          */

static FsimSlotSharingGroup *
slot_sharing_group (FsimJobGraph *jg, const char *name)
{
  for (guint i = 0; i < jg->slot_sharing_groups->len; i++)
    {
      FsimSlotSharingGroup *g = jg->slot_sharing_groups->pdata[i];
      if (g_strcmp0 (g->name, name) == 0)
        return g;
    }
  FsimSlotSharingGroup *g = g_new0 (FsimSlotSharingGroup, 1);
  g->index = (int) jg->slot_sharing_groups->len;
  g->name = g_strdup (name);
  g->vertices = g_ptr_array_new ();
  g_ptr_array_add (jg->slot_sharing_groups, g);
  return g;
}

/* setSlotSharing: in streaming (allVerticesInSameSlotSharingGroupByDefault)
 * every "default" vertex shares the one region group; any other name gets
 * one group per name. Looking groups up by name gives exactly that. */
static void
set_slot_sharing (FsimJobGraph *jg)
{
  for (guint i = 0; i < jg->vertices->len; i++)
    {
      FsimJobVertex *v = jg->vertices->pdata[i];
      const char *name = v->head->slot_sharing_group ? v->head->slot_sharing_group : "default";
      v->slot_sharing_group = slot_sharing_group (jg, name);
      g_ptr_array_add (v->slot_sharing_group->vertices, v);
    }
}

/* setCoLocation: chain heads with the same key share a CoLocationGroup and
 * must share a slot sharing group. */
static gboolean
set_co_location (Builder *b, GError **error)
{
  FsimJobGraph *jg = b->jg;
  for (guint i = 0; i < jg->vertices->len; i++)
    {
      FsimJobVertex *v = jg->vertices->pdata[i];
      const char *key = v->head->co_location_key;
      if (key == NULL)
        continue;
      FsimCoLocationGroup *group = NULL;
      for (guint j = 0; j < jg->co_location_groups->len && group == NULL; j++)
        if (g_strcmp0 (((FsimCoLocationGroup *) jg->co_location_groups->pdata[j])->key, key) == 0)
          group = jg->co_location_groups->pdata[j];
      if (group == NULL)
        {
          group = g_new0 (FsimCoLocationGroup, 1);
          group->index = (int) jg->co_location_groups->len;
          group->key = g_strdup (key);
          group->vertices = g_ptr_array_new ();
          g_ptr_array_add (jg->co_location_groups, group);
        }
      else
        {
          FsimJobVertex *first = group->vertices->pdata[0];
          if (first->slot_sharing_group != v->slot_sharing_group)
            {
              g_autofree char *hint = g_strdup_printf (
                _("co-location group '%s': '%s' is in slot sharing group '%s', "
                  "'%s' in '%s'"), key, first->name, first->slot_sharing_group->name,
                v->name, v->slot_sharing_group->name);
              job_graph_error (b, error, v->head, hint,
                               _("Cannot co-locate operators from different slot sharing groups"));
              return FALSE;
            }
        }
      v->co_location_group = group;
      g_ptr_array_add (group->vertices, v);
    }
  return TRUE;
}

static gboolean
is_placed_producer_remaining (GHashTable *remaining, const FsimJobVertex *v)
{
  return g_hash_table_contains (remaining, v);
}

/* addNodesThatHaveNoNewPredecessors */
static void
add_nodes_without_new_predecessors (const FsimJobVertex *start, GPtrArray *sorted,
                                    GHashTable *remaining)
{
  for (guint i = 0; i < start->produced->len; i++)
    {
      const FsimIntermediateDataSet *ds = start->produced->pdata[i];
      for (guint j = 0; j < ds->consumers->len; j++)
        {
          const FsimJobEdge *edge = ds->consumers->pdata[j];
          FsimJobVertex *v = edge->target;
          if (!g_hash_table_contains (remaining, v))
            continue;
          gboolean has_new_predecessors = FALSE;
          for (guint k = 0; k < v->inputs->len && !has_new_predecessors; k++)
            {
              const FsimJobEdge *e = v->inputs->pdata[k];
              has_new_predecessors = e != edge
                                     && is_placed_producer_remaining (remaining, e->producer);
            }
          if (!has_new_predecessors)
            {
              g_ptr_array_add (sorted, v);
              g_hash_table_remove (remaining, v);
              add_nodes_without_new_predecessors (v, sorted, remaining);
            }
        }
    }
}

/* getVerticesSortedTopologicallyFromSources */
static gboolean
sort_topologically (Builder *b, GError **error)
{
  FsimJobGraph *jg = b->jg;
  g_autoptr (GHashTable) remaining = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < jg->vertices->len; i++)
    {
      FsimJobVertex *v = jg->vertices->pdata[i];
      if (v->inputs->len == 0)
        g_ptr_array_add (jg->topological, v);
      else
        g_hash_table_add (remaining, v);
    }
  guint start = 0;
  while (g_hash_table_size (remaining) > 0)
    {
      if (start >= jg->topological->len)
        {
          job_graph_error (b, error, NULL, NULL, _("The job graph is cyclic."));
          return FALSE;
        }
      add_nodes_without_new_predecessors (jg->topological->pdata[start++],
                                          jg->topological, remaining);
    }
  for (guint i = 0; i < jg->topological->len; i++)
    ((FsimJobVertex *) jg->topological->pdata[i])->topological_index = (int) i;
  return TRUE;
}

/* buildTreeDescription */
static void
tree_description (Builder *b, GString *s, const FsimStreamNode *head,
                  const FsimStreamNode *node, const char *prefix, gboolean is_last)
{
  g_autofree char *child_prefix = NULL;
  if (node != head)
    {
      g_string_append (s, prefix);
      g_string_append (s, is_last ? "+- " : ":- ");
      child_prefix = g_strconcat (prefix, is_last ? "   " : ":  ", NULL);
    }
  else
    child_prefix = g_strdup ("");
  g_autofree char *desc = name_with_chained_sources (b, node, TRUE);
  g_string_append (s, desc);
  g_string_append_c (s, '\n');
  g_autoptr (GPtrArray) next = chained_outputs (b, node);
  for (guint i = 0; i < next->len; i++)
    tree_description (b, s, head, next->pdata[i], child_prefix, i + 1 == next->len);
}

/* buildCascadingDescription: note Flink's spaced " , " */
static void
cascading_description (Builder *b, GString *s, const FsimStreamNode *node)
{
  g_autofree char *desc = name_with_chained_sources (b, node, TRUE);
  g_string_append (s, desc);
  g_autoptr (GPtrArray) next = chained_outputs (b, node);
  if (next->len == 0)
    return;
  g_string_append (s, " -> ");
  if (next->len > 1)
    g_string_append_c (s, '(');
  for (guint i = 0; i < next->len; i++)
    {
      if (i > 0)
        g_string_append (s, " , ");
      cascading_description (b, s, next->pdata[i]);
    }
  if (next->len > 1)
    g_string_append_c (s, ')');
}

typedef struct {
  gboolean index_prefix;                    /* pipeline.vertex-name-include-index-prefix */
  FsimVertexDescriptionMode description;    /* pipeline.vertex-description-mode */
} Options;

static void
read_options (const FsimConfig *config, Options *o)
{
  o->index_prefix = FALSE;
  o->description = FSIM_VERTEX_DESCRIPTION_TREE;
  if (config == NULL)
    return;
  if (fsim_config_option_lookup ("pipeline.vertex-name-include-index-prefix"))
    o->index_prefix = fsim_config_get_bool (config, "pipeline.vertex-name-include-index-prefix");
  if (fsim_config_option_lookup ("pipeline.vertex-description-mode")
      && g_strcmp0 (fsim_config_get_string (config, "pipeline.vertex-description-mode"),
                    "CASCADING") == 0)
    o->description = FSIM_VERTEX_DESCRIPTION_CASCADING;
}

static void
name_and_describe (Builder *b, const Options *o)
{
  FsimJobGraph *jg = b->jg;
  /* addVertexIndexPrefixInVertexName: k = position in topological order */
  if (o->index_prefix)
    for (guint i = 0; i < jg->topological->len; i++)
      {
        FsimJobVertex *v = jg->topological->pdata[i];
        char *prefixed = g_strdup_printf ("[vertex-%u]%s", i, v->name);
        g_free (v->name);
        v->name = prefixed;
      }
  for (guint i = 0; i < jg->vertices->len; i++)
    {
      FsimJobVertex *v = jg->vertices->pdata[i];
      GString *s = g_string_new (NULL);
      if (o->description == FSIM_VERTEX_DESCRIPTION_CASCADING)
        cascading_description (b, s, v->head);
      else
        tree_description (b, s, v->head, v->head, "", TRUE);
      v->operator_pretty_name = g_string_free (s, FALSE);
    }
}

/* ------------------------------------------------------------------------ */
/* createJobGraph                                                             */

static FsimJobGraph *
build (const FsimStreamGraph *graph, const FsimConfig *config, const char *name,
       const char *filename, GError **error)
{
  g_autoptr (FsimJobGraph) jg = job_graph_alloc (graph, name);
  Builder b = { .graph = graph, .filename = filename, .jg = jg };

  const FsimStreamNode *cyclic = find_cycle_node (graph);
  if (cyclic != NULL)
    {
      g_autofree char *hint = g_strdup_printf (_("'%s' (node %d) is on a cycle of the StreamGraph"),
                                               cyclic->name, cyclic->id);
      job_graph_error (&b, error, cyclic, hint, _("The job graph is cyclic."));
      return NULL;
    }
  b.hashes = fsim_node_hashes_new (graph, error);
  if (b.hashes == NULL)
    return NULL;
  b.entry_points = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) chain_info_free);
  b.chains = g_ptr_array_new ();

  set_chaining (&b);
  for (guint i = 0; i < b.chains->len; i++)
    {
      ChainInfo *ci = b.chains->pdata[i];
      collect_operators (&b, ci->vertex, ci->start);
      for (guint j = 0; j < ci->chained_sources->len; j++)
        g_hash_table_insert (jg->vertex_of_node,
                             GINT_TO_POINTER (((FsimStreamNode *) ci->chained_sources->pdata[j])->id),
                             ci->vertex);
    }
  for (guint i = 0; i < b.chains->len; i++)
    {
      ChainInfo *ci = b.chains->pdata[i];
      for (guint j = 0; j < ci->transitive_out_edges->len; j++)
        connect (&b, ci->vertex, ci->transitive_out_edges->pdata[j]);
    }

  Options options;
  read_options (config, &options);
  gboolean ok = sort_topologically (&b, error);
  if (ok)
    {
      set_slot_sharing (jg);
      ok = set_co_location (&b, error);
    }
  if (ok)
    name_and_describe (&b, &options);

  g_hash_table_unref (b.hashes);
  g_hash_table_unref (b.entry_points);
  g_ptr_array_unref (b.chains);
  return ok ? g_steal_pointer (&jg) : NULL;
}

FsimJobGraph *
fsim_job_graph_new (const FsimStreamGraph *graph, const FsimConfig *config, GError **error)
{
  g_return_val_if_fail (graph != NULL, NULL);
  return build (graph, config, fsim_stream_graph_get_job_name (graph), NULL, error);
}

FsimJobGraph *
fsim_job_graph_new_for_job (const FsimJob *job, GError **error)
{
  g_return_val_if_fail (fsim_job_get_stream_graph ((FsimJob *) job) != NULL, NULL);
  return build (fsim_job_get_stream_graph (job), fsim_job_get_config ((FsimJob *) job),
                fsim_job_get_name (job), fsim_job_get_filename (job), error);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                  */

const char *
fsim_job_graph_get_id (const FsimJobGraph *jg)
{
  return jg->id;
}

const char *
fsim_job_graph_get_name (const FsimJobGraph *jg)
{
  return jg->name;
}

FsimJobType
fsim_job_graph_get_job_type (const FsimJobGraph *jg)
{
  return jg->type;
}

const FsimStreamGraph *
fsim_job_graph_get_stream_graph (const FsimJobGraph *jg)
{
  return jg->stream_graph;
}

GPtrArray *
fsim_job_graph_get_vertices (const FsimJobGraph *jg)
{
  return jg->vertices;
}

GPtrArray *
fsim_job_graph_get_vertices_topological (const FsimJobGraph *jg)
{
  return jg->topological;
}

GPtrArray *
fsim_job_graph_get_edges (const FsimJobGraph *jg)
{
  return jg->edges;
}

GPtrArray *
fsim_job_graph_get_data_sets (const FsimJobGraph *jg)
{
  return jg->data_sets;
}

GPtrArray *
fsim_job_graph_get_slot_sharing_groups (const FsimJobGraph *jg)
{
  return jg->slot_sharing_groups;
}

GPtrArray *
fsim_job_graph_get_co_location_groups (const FsimJobGraph *jg)
{
  return jg->co_location_groups;
}

FsimJobVertex *
fsim_job_graph_get_vertex_for_node (const FsimJobGraph *jg, int node_id)
{
  return g_hash_table_lookup (jg->vertex_of_node, GINT_TO_POINTER (node_id));
}

FsimJobVertex *
fsim_job_graph_get_vertex_by_id (const FsimJobGraph *jg, const char *id)
{
  for (guint i = 0; i < jg->vertices->len; i++)
    {
      FsimJobVertex *v = jg->vertices->pdata[i];
      if (g_strcmp0 (v->id, id) == 0)
        return v;
    }
  return NULL;
}

gboolean
fsim_job_graph_is_chained (const FsimJobGraph *jg, const FsimStreamEdge *edge)
{
  return g_hash_table_contains (jg->chained_edges, edge);
}
