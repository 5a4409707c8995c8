/* edge-manager.c - how subtasks connect: EdgeManagerBuildUtil.
 *
 * Flink (since 1.13) keeps no edge per (producer, consumer) pair. Consumers
 * that read the same partitions share one ConsumedPartitionGroup, and the
 * partitions they read share one ConsumerVertexGroup (EdgeManagerBuildUtil,
 * VertexInputInfoComputationUtils):
 *
 *   ALL_TO_ALL  one group of all p_up partitions for all p_down consumers,
 *               so a 10,000 x 10,000 keyBy costs O(p_up + p_down), not 10^8.
 *   POINTWISE   S >= T: consumer i reads partitions [iS/T, (i+1)S/T - 1];
 *               S <  T: partition p feeds consumers
 *                       [ceil(pT/S), ceil((p+1)T/S) - 1].
 *
 * In both cases every group is a contiguous index range (Flink's IndexRange),
 * so a group here is two ranges, never a list. */
#include "config.h"

#include "graphs/execution-graph-private.h"

/* ---- the arithmetic (VertexInputInfoComputationUtils) ------------------- */

FsimIndexRange
fsim_pointwise_partitions_of_consumer (int num_partitions, int num_consumers, int consumer)
{
  g_assert (num_partitions > 0 && num_consumers > 0);
  g_assert (consumer >= 0 && consumer < num_consumers);
  gint64 s = num_partitions, t = num_consumers, i = consumer;
  FsimIndexRange r;
  if (s >= t)
    {
      r.start = (int) (i * s / t);
      r.end = (int) ((i + 1) * s / t - 1);
    }
  else
    r.start = r.end = (int) (i * s / t);
  return r;
}

FsimIndexRange
fsim_pointwise_consumers_of_partition (int num_partitions, int num_consumers, int partition)
{
  g_assert (num_partitions > 0 && num_consumers > 0);
  g_assert (partition >= 0 && partition < num_partitions);
  gint64 s = num_partitions, t = num_consumers, p = partition;
  FsimIndexRange r;
  if (s >= t)
    /* the one consumer i with iS/T <= p < (i+1)S/T: the smallest i with
     * (i+1)S >= (p+1)T */
    r.start = r.end = (int) (((p + 1) * t + s - 1) / s - 1);
  else
    {
      r.start = (int) ((p * t + s - 1) / s);
      r.end = (int) (((p + 1) * t + s - 1) / s - 1);
    }
  return r;
}

int
fsim_subpartition_index (int consumer_subtask, int num_consumers)
{
  /* computeConsumedSubpartitionRange, static graphs: the consumer's *global*
   * subtask index modulo the consumers of that partition. */
  g_assert (num_consumers > 0);
  return consumer_subtask % num_consumers;
}

int
fsim_max_edges_to_target (int target_parallelism, int source_parallelism,
                          FsimDistributionPattern pattern)
{
  if (pattern == FSIM_DISTRIBUTION_POINTWISE)
    return (source_parallelism + target_parallelism - 1) / target_parallelism;
  return source_parallelism;
}

/* ---- building the groups (connectAllToAll, connectPointwise) ------------ */

static void
connect_internal (FsimExecutionGraph *eg, FsimExecutionJobVertex *consumer,
                  int input, FsimIntermediateResult *result, int edge_of_result,
                  FsimIndexRange subtasks, FsimIndexRange partitions)
{
  FsimConsumedPartitionGroup *cpg = g_new0 (FsimConsumedPartitionGroup, 1);
  FsimConsumerVertexGroup *cvg = g_new0 (FsimConsumerVertexGroup, 1);
  cpg->index = (int) eg->consumed_partition_groups->len;
  cpg->result = result;
  cpg->edge = g_ptr_array_index (consumer->job_vertex->inputs, input);
  cpg->partitions = partitions;
  cpg->consumer_group = cvg;
  cvg->index = (int) eg->consumer_vertex_groups->len;
  cvg->consumer = consumer;
  cvg->subtasks = subtasks;
  cvg->consumed_group = cpg;
  g_ptr_array_add (eg->consumed_partition_groups, cpg);
  g_ptr_array_add (eg->consumer_vertex_groups, cvg);
  for (int i = subtasks.start; i <= subtasks.end; i++)
    consumer->subtasks[i].consumed[input] = cpg;
  for (int p = partitions.start; p <= partitions.end; p++)
    result->partitions[p].consumer_groups[edge_of_result] = cvg;
}

void
fsim_edge_manager_connect (FsimExecutionGraph *eg, FsimExecutionJobVertex *consumer,
                           int input, FsimIntermediateResult *result, int edge_of_result)
{
  int s = result->producer->parallelism;
  int t = consumer->parallelism;
  const FsimJobEdge *edge = g_ptr_array_index (consumer->job_vertex->inputs, input);
  if (edge->pattern == FSIM_DISTRIBUTION_ALL_TO_ALL)
    {
      FsimIndexRange all_subtasks = { 0, t - 1 }, all_partitions = { 0, s - 1 };
      connect_internal (eg, consumer, input, result, edge_of_result, all_subtasks,
                        all_partitions);
      return;
    }
  /* Consumers with the same partition range share one group, in order of
   * first appearance; the ranges are contiguous and ascending, so one pass
   * that groups equal neighbours is enough. */
  if (s >= t)
    for (int i = 0; i < t; i++)
      {
        FsimIndexRange one = { i, i };
        connect_internal (eg, consumer, input, result, edge_of_result, one,
                          fsim_pointwise_partitions_of_consumer (s, t, i));
      }
  else
    for (int p = 0; p < s; p++)
      {
        FsimIndexRange one = { p, p };
        connect_internal (eg, consumer, input, result, edge_of_result,
                          fsim_pointwise_consumers_of_partition (s, t, p), one);
      }
}
