/* chaining.c - when two StreamNodes run in one task (operator chaining).
 *
 * StreamingJobGraphGenerator.isChainable and its helpers, Flink 2.x
 * (StreamingJobGraphGenerator.isChainable). An edge is chained iff its
 * target has exactly one input
 * and the edge is a chainable input:
 *   - chaining is on (pipeline.operator-chaining.enabled);
 *   - both ends are in the same slot sharing group;
 *   - the operators' chaining strategies allow it (table below), their
 *     parallelisms are equal, and their max parallelisms too unless
 *     pipeline.operator-chaining.chain-operators-with-different-max-parallelism
 *     (default true) allows the difference;
 *   - the partitioner is FORWARD and the exchange mode is not BATCH;
 *   - no other input of the target has the same typeNumber (no union).
 *
 *   upstream \ downstream   ALWAYS  HEAD  NEVER  HEAD_WITH_SOURCES
 *   ALWAYS                  yes     no    no     if upstream is a FLIP-27 source
 *   HEAD                    yes     no    no     if upstream is a FLIP-27 source
 *   HEAD_WITH_SOURCES       yes     no    no     if upstream is a FLIP-27 source
 *   NEVER                   no      no    no     no
 *
 * Flink also refuses to chain a YieldingOperatorFactory (async I/O) behind a
 * chain headed by a legacy SourceFunction; the job language has no yielding
 * operator, so that rule has nothing to act on here.
 *
 * The dynamic-graph partitioners (ForwardForUnspecified/ConsecutiveHash,
 * adaptive batch only) do not exist in a streaming job. */
#include "config.h"

#include "graphs/job-graph-private.h"

static gboolean
same_slot_sharing_group (const FsimStreamNode *up, const FsimStreamNode *down)
{
  /* StreamNode.isSameSlotSharingGroup: equal names, or both unset */
  return g_strcmp0 (up->slot_sharing_group, down->slot_sharing_group) == 0;
}

gboolean
fsim_chaining_operators_chainable (const FsimStreamGraph *graph,
                                   const FsimStreamNode *up,
                                   const FsimStreamNode *down)
{
  gboolean chainable = up->chaining != FSIM_CHAINING_NEVER;

  switch (down->chaining)
    {
    case FSIM_CHAINING_NEVER:
    case FSIM_CHAINING_HEAD:
      chainable = FALSE;
      break;
    case FSIM_CHAINING_ALWAYS:
      break;
    case FSIM_CHAINING_HEAD_WITH_SOURCES:
      /* only a SourceOperatorFactory may chain into it */
      chainable = chainable && up->kind == FSIM_OPERATOR_SOURCE;
      break;
    }

  chainable = chainable && up->parallelism == down->parallelism;
  if (!fsim_stream_graph_get_chain_different_max_parallelism (graph))
    chainable = chainable && up->max_parallelism == down->max_parallelism;
  return chainable;
}

static gboolean
partitioner_and_exchange_mode_chainable (const FsimStreamEdge *edge)
{
  return edge->partitioner == FSIM_PARTITIONER_FORWARD
         && edge->exchange_mode != FSIM_EXCHANGE_BATCH;
}

gboolean
fsim_chaining_is_chainable_input (const FsimStreamGraph *graph, const FsimStreamEdge *edge)
{
  const FsimStreamNode *up = edge->source, *down = edge->target;
  if (!(fsim_stream_graph_get_chaining_enabled (graph)
        && same_slot_sharing_group (up, down)
        && fsim_chaining_operators_chainable (graph, up, down)
        && partitioner_and_exchange_mode_chainable (edge)))
    return FALSE;

  /* a union reaches one input position through several edges; unions only
   * work through the network stack */
  for (guint i = 0; i < down->in_edges->len; i++)
    {
      const FsimStreamEdge *in = down->in_edges->pdata[i];
      if (in != edge && in->type_number == edge->type_number)
        return FALSE;
    }
  return TRUE;
}

gboolean
fsim_chaining_is_chainable (const FsimStreamGraph *graph, const FsimStreamEdge *edge)
{
  return edge->target->in_edges->len == 1
         && fsim_chaining_is_chainable_input (graph, edge);
}

gboolean
fsim_chaining_is_chainable_source (const FsimStreamGraph *graph, const FsimStreamNode *source)
{
  if (source->kind != FSIM_OPERATOR_SOURCE || source->out_edges->len != 1)
    return FALSE;
  const FsimStreamEdge *out = source->out_edges->pdata[0];
  return out->target->chaining == FSIM_CHAINING_HEAD_WITH_SOURCES
         && fsim_chaining_is_chainable_input (graph, out);
}
