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

const char *
fsim_chaining_rule_name (FsimChainingRule rule)
{
  switch (rule)
    {
    case FSIM_CHAINING_RULE_NONE: return NULL;
    case FSIM_CHAINING_RULE_INPUTS: return "inputs";
    case FSIM_CHAINING_RULE_CHAINING_DISABLED: return "chaining-disabled";
    case FSIM_CHAINING_RULE_SLOT_SHARING_GROUP: return "slot-sharing-group";
    case FSIM_CHAINING_RULE_CHAINING_STRATEGY: return "chaining-strategy";
    case FSIM_CHAINING_RULE_PARALLELISM: return "parallelism";
    case FSIM_CHAINING_RULE_MAX_PARALLELISM: return "max-parallelism";
    case FSIM_CHAINING_RULE_PARTITIONER: return "partitioner";
    case FSIM_CHAINING_RULE_EXCHANGE_MODE: return "exchange-mode";
    case FSIM_CHAINING_RULE_UNION_INPUT: return "union-input";
    }
  g_assert_not_reached ();
}

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

static const char *
count_word (guint n)
{
  static const char *const words[] = { "no", "one", "two", "three", "four", "five",
                                       "six", "seven", "eight", "nine" };
  return n < G_N_ELEMENTS (words) ? words[n] : NULL;
}

/* What sets a strategy, for the learner: the DataStream call behind it. */
static const char *
strategy_hint (FsimChainingStrategy s)
{
  switch (s)
    {
    case FSIM_CHAINING_HEAD: return " (as startNewChain() sets)";
    case FSIM_CHAINING_NEVER: return " (disableChaining())";
    case FSIM_CHAINING_HEAD_WITH_SOURCES: return ": only a FLIP-27 source chains into it";
    case FSIM_CHAINING_ALWAYS: return "";
    }
  g_assert_not_reached ();
}

/* An imported REST plan records where the JobVertices begin, not why: its
 * heads carry ChainingStrategy HEAD only to keep them apart. That HEAD is no
 * condition Flink tested, so the real ones are asked first. */
static gboolean
plan_gave_head (const FsimStreamGraph *graph, const FsimStreamNode *down)
{
  return down->chaining == FSIM_CHAINING_HEAD && fsim_stream_graph_get_chains_given (graph);
}

/* areOperatorsChainable, condition by condition in its order: the upstream
 * strategy, the downstream strategy, parallelism, max parallelism. */
static FsimChainingRule
explain_operators (const FsimStreamGraph *graph, const FsimStreamNode *up,
                   const FsimStreamNode *down, char **reason)
{
  if (up->chaining == FSIM_CHAINING_NEVER)
    {
      *reason = g_strdup_printf ("%s has ChainingStrategy NEVER%s", up->name,
                                 strategy_hint (FSIM_CHAINING_NEVER));
      return FSIM_CHAINING_RULE_CHAINING_STRATEGY;
    }
  if (down->chaining == FSIM_CHAINING_NEVER
      || (down->chaining == FSIM_CHAINING_HEAD && !plan_gave_head (graph, down))
      || (down->chaining == FSIM_CHAINING_HEAD_WITH_SOURCES && up->kind != FSIM_OPERATOR_SOURCE))
    {
      /* BatchExecutionUtils.adjustChainingStrategy */
      const char *hint = down->batch_keyed && down->chaining == FSIM_CHAINING_HEAD
                           ? " (in BATCH a keyed operator heads its chain: "
                             "BatchExecutionUtils.applyBatchExecutionSettings)"
                           : strategy_hint (down->chaining);
      *reason = g_strdup_printf ("%s has ChainingStrategy %s%s", down->name,
                                 fsim_chaining_strategy_name (down->chaining), hint);
      return FSIM_CHAINING_RULE_CHAINING_STRATEGY;
    }
  if (up->parallelism != down->parallelism)
    {
      *reason = g_strdup_printf ("parallelism %d \u2192 %d", up->parallelism, down->parallelism);
      return FSIM_CHAINING_RULE_PARALLELISM;
    }
  if (!fsim_stream_graph_get_chain_different_max_parallelism (graph)
      && up->max_parallelism != down->max_parallelism)
    {
      *reason = g_strdup_printf ("max parallelism %d \u2192 %d and "
                                 "pipeline.operator-chaining."
                                 "chain-operators-with-different-max-parallelism is false",
                                 up->max_parallelism, down->max_parallelism);
      return FSIM_CHAINING_RULE_MAX_PARALLELISM;
    }
  return FSIM_CHAINING_RULE_NONE;
}

FsimChainingRule
fsim_chaining_explain (const FsimStreamGraph *graph, const FsimStreamEdge *edge,
                       gboolean input_only, char **reason)
{
  const FsimStreamNode *up = edge->source, *down = edge->target;
  *reason = NULL;
  if (!input_only && down->in_edges->len != 1)
    {
      const char *word = count_word (down->in_edges->len);
      *reason = word ? g_strdup_printf ("%s inputs: %s reads %u StreamEdges, only an "
                                        "operator with one input chains", word, down->name,
                                        down->in_edges->len)
                     : g_strdup_printf ("%u inputs: %s reads %u StreamEdges, only an "
                                        "operator with one input chains",
                                        down->in_edges->len, down->name, down->in_edges->len);
      return FSIM_CHAINING_RULE_INPUTS;
    }
  if (!fsim_stream_graph_get_chaining_enabled (graph))
    {
      *reason = g_strdup ("chaining disabled for the job "
                          "(pipeline.operator-chaining.enabled = false)");
      return FSIM_CHAINING_RULE_CHAINING_DISABLED;
    }
  if (!same_slot_sharing_group (up, down))
    {
      *reason = g_strdup_printf ("different slot sharing groups '%s' and '%s'",
                                 up->slot_sharing_group, down->slot_sharing_group);
      return FSIM_CHAINING_RULE_SLOT_SHARING_GROUP;
    }
  FsimChainingRule rule = explain_operators (graph, up, down, reason);
  if (rule != FSIM_CHAINING_RULE_NONE)
    return rule;
  if (edge->partitioner != FSIM_PARTITIONER_FORWARD)
    {
      *reason = g_strdup_printf ("%s partitioner: only FORWARD chains",
                                 fsim_partitioner_name (edge->partitioner));
      return FSIM_CHAINING_RULE_PARTITIONER;
    }
  if (edge->exchange_mode == FSIM_EXCHANGE_BATCH)
    {
      *reason = g_strdup ("exchange mode BATCH: a FORWARD edge chains only when it is "
                          "not BATCH");
      return FSIM_CHAINING_RULE_EXCHANGE_MODE;
    }
  for (guint i = 0; i < down->in_edges->len; i++)
    {
      const FsimStreamEdge *in = down->in_edges->pdata[i];
      if (in != edge && in->type_number == edge->type_number)
        {
          *reason = g_strdup_printf ("union input: another input of %s has typeNumber %d too, "
                                     "and unions only work through the network stack",
                                     down->name, edge->type_number);
          return FSIM_CHAINING_RULE_UNION_INPUT;
        }
    }
  if (plan_gave_head (graph, down))
    {
      /* every condition Flink tests holds: the break was the plan's, made by
       * something the plan does not record (startNewChain, disableChaining) */
      *reason = g_strdup_printf ("the REST plan gives the chains: %s heads a JobVertex of its "
                                 "own (ChainingStrategy HEAD here)", down->name);
      return FSIM_CHAINING_RULE_CHAINING_STRATEGY;
    }
  return FSIM_CHAINING_RULE_NONE;
}
