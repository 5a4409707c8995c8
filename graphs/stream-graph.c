/* stream-graph.c - the StreamGraph container: nodes by id, physical edges.
 *
 * Mirrors StreamGraph.addNode / addEdgeInternal after virtual nodes are
 * resolved (the generator resolves them); unique_id counts the edges already
 * between the same two nodes, so s.union(s) gives two distinct edges. */
#include "config.h"

#include "graphs/graphs-private.h"

struct _FsimStreamGraph {
  char *job_name;
  gboolean chaining_enabled;
  gboolean chains_given;
  char *job_id;
  gboolean batch;
  FsimGlobalExchangeMode global_exchange_mode;
  gboolean chain_different_max_parallelism;
  GPtrArray *nodes;             /* FsimStreamNode*, sorted by id */
};

static void
stream_edge_free (FsimStreamEdge *edge)
{
  g_free (edge);
}

static void
stream_node_free (FsimStreamNode *node)
{
  g_free (node->name);
  g_free (node->description);
  g_free (node->uid);
  g_free (node->function);
  g_free (node->slot_sharing_group);
  g_free (node->slot_sharing_reason);
  g_free (node->job_vertex_id);
  g_free (node->co_location_key);
  g_ptr_array_unref (node->in_edges);   /* edges are owned by out_edges */
  g_ptr_array_unref (node->out_edges);
  g_free (node);
}

FsimStreamGraph *
fsim_stream_graph_new (const char *job_name)
{
  FsimStreamGraph *graph = g_new0 (FsimStreamGraph, 1);
  graph->job_name = g_strdup (job_name);
  graph->chaining_enabled = TRUE;
  graph->chain_different_max_parallelism = TRUE;
  graph->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_node_free);
  return graph;
}

void
fsim_stream_graph_free (FsimStreamGraph *graph)
{
  if (graph == NULL)
    return;
  g_free (graph->job_name);
  g_free (graph->job_id);
  g_ptr_array_unref (graph->nodes);
  g_free (graph);
}

const char *
fsim_stream_graph_get_job_name (const FsimStreamGraph *graph)
{
  return graph->job_name;
}

gboolean
fsim_stream_graph_get_chaining_enabled (const FsimStreamGraph *graph)
{
  return graph->chaining_enabled;
}

void
fsim_stream_graph_set_chaining_enabled (FsimStreamGraph *graph, gboolean enabled)
{
  graph->chaining_enabled = enabled;
}

const char *
fsim_global_exchange_mode_name (FsimGlobalExchangeMode m)
{
  switch (m)
    {
    case FSIM_GLOBAL_EXCHANGE_ALL_EDGES_PIPELINED: return "ALL_EDGES_PIPELINED";
    case FSIM_GLOBAL_EXCHANGE_ALL_EDGES_BLOCKING: return "ALL_EDGES_BLOCKING";
    case FSIM_GLOBAL_EXCHANGE_ALL_EDGES_HYBRID_FULL: return "ALL_EDGES_HYBRID_FULL";
    case FSIM_GLOBAL_EXCHANGE_ALL_EDGES_HYBRID_SELECTIVE: return "ALL_EDGES_HYBRID_SELECTIVE";
    }
  g_assert_not_reached ();
}

gboolean
fsim_stream_graph_get_batch (const FsimStreamGraph *graph)
{
  return graph->batch;
}

FsimGlobalExchangeMode
fsim_stream_graph_get_global_exchange_mode (const FsimStreamGraph *graph)
{
  return graph->global_exchange_mode;
}

void
fsim_stream_graph_set_batch (FsimStreamGraph *graph, gboolean batch, FsimGlobalExchangeMode mode)
{
  graph->batch = batch;
  graph->global_exchange_mode = batch ? mode : FSIM_GLOBAL_EXCHANGE_ALL_EDGES_PIPELINED;
}

const char *
fsim_stream_graph_get_job_id (const FsimStreamGraph *graph)
{
  return graph->job_id;
}

void
fsim_stream_graph_set_job_id (FsimStreamGraph *graph, const char *jid)
{
  g_free (graph->job_id);
  graph->job_id = g_strdup (jid);
}

gboolean
fsim_stream_graph_get_chains_given (const FsimStreamGraph *graph)
{
  return graph->chains_given;
}

void
fsim_stream_graph_set_chains_given (FsimStreamGraph *graph, gboolean given)
{
  graph->chains_given = given;
}

gboolean
fsim_stream_graph_get_chain_different_max_parallelism (const FsimStreamGraph *graph)
{
  return graph->chain_different_max_parallelism;
}

void
fsim_stream_graph_set_chain_different_max_parallelism (FsimStreamGraph *graph,
                                                       gboolean allowed)
{
  graph->chain_different_max_parallelism = allowed;
}

static guint
node_insert_position (const FsimStreamGraph *graph, int id)
{
  guint lo = 0, hi = graph->nodes->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      FsimStreamNode *n = g_ptr_array_index (graph->nodes, mid);
      if (n->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

FsimStreamNode *
fsim_stream_graph_add_node (FsimStreamGraph *graph, int id, const char *name,
                            FsimOperatorKind kind)
{
  g_assert (fsim_stream_graph_get_node (graph, id) == NULL);
  FsimStreamNode *node = g_new0 (FsimStreamNode, 1);
  node->id = id;
  node->name = g_strdup (name);
  node->description = g_strdup (name);
  node->kind = kind;
  node->parallelism = 1;
  node->max_parallelism = -1;
  node->slot_sharing_group = g_strdup ("default");
  node->chaining = FSIM_CHAINING_ALWAYS;
  node->buffer_timeout_ms = -1;
  node->in_edges = g_ptr_array_new ();
  node->out_edges = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_edge_free);
  g_ptr_array_insert (graph->nodes, (gint) node_insert_position (graph, id), node);
  return node;
}

FsimStreamEdge *
fsim_stream_graph_add_edge (FsimStreamGraph *graph, FsimStreamNode *source,
                            FsimStreamNode *target, int type_number,
                            FsimPartitioner partitioner,
                            FsimExchangeMode exchange_mode)
{
  FsimStreamEdge *edge = g_new0 (FsimStreamEdge, 1);
  edge->source = source;
  edge->target = target;
  edge->type_number = type_number;
  edge->partitioner = partitioner;
  edge->exchange_mode = exchange_mode;
  edge->supports_unaligned = TRUE;
  for (guint i = 0; i < source->out_edges->len; i++)
    {
      FsimStreamEdge *e = g_ptr_array_index (source->out_edges, i);
      if (e->target == target)
        edge->unique_id++;
    }
  g_ptr_array_add (source->out_edges, edge);
  g_ptr_array_add (target->in_edges, edge);
  return edge;
}

FsimStreamNode *
fsim_stream_graph_get_node (const FsimStreamGraph *graph, int id)
{
  guint pos = node_insert_position (graph, id);
  if (pos < graph->nodes->len)
    {
      FsimStreamNode *n = g_ptr_array_index (graph->nodes, pos);
      if (n->id == id)
        return n;
    }
  return NULL;
}

GPtrArray *
fsim_stream_graph_get_nodes (const FsimStreamGraph *graph)
{
  return graph->nodes;
}

gint64
fsim_stream_graph_count_subtasks (const FsimStreamGraph *graph, guint *widest)
{
  gint64 total = 0;
  guint w = 0;
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (graph->nodes, i);
      total += n->parallelism;
      if (n->parallelism > ((const FsimStreamNode *) g_ptr_array_index (graph->nodes, w))->parallelism)
        w = i;
    }
  if (widest)
    *widest = w;
  return total;
}

GPtrArray *
fsim_stream_graph_get_sources (const FsimStreamGraph *graph)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (graph->nodes, i);
      if (n->in_edges->len == 0)
        g_ptr_array_add (out, n);
    }
  return out;
}

GPtrArray *
fsim_stream_graph_get_json_order (const FsimStreamGraph *graph)
{
  GPtrArray *out = g_ptr_array_new ();
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < graph->nodes->len; i++)
      {
        FsimStreamNode *n = g_ptr_array_index (graph->nodes, i);
        if (n->is_sink == (pass == 1))
          g_ptr_array_add (out, n);
      }
  return out;
}

FsimStreamNode *
fsim_stream_graph_find_node (const FsimStreamGraph *graph, const char *name)
{
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (graph->nodes, i);
      if (g_strcmp0 (n->name, name) == 0)
        return n;
    }
  return NULL;
}
