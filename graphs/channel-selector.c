/* channel-selector.c - which output channel a record goes to: Flink's
 * StreamPartitioner.selectChannel, one selector per (producer subtask, output).
 *
 * Flink clones the edge's partitioner for every RecordWriter and calls
 * setup (numberOfChannels) once when the writer is built
 * (RecordWriterBuilder); the selector here is that clone. Channels are the
 * subpartitions of the producer's ResultPartition: on an ALL_TO_ALL edge one
 * per consumer subtask, on a POINTWISE edge one per consumer of its subset.
 *
 * Random draws (RebalancePartitioner's start channel, every
 * ShufflePartitioner choice) come from the caller's stream, so that graphs/
 * needs no RNG of its own and a run draws from its one seeded generator in
 * a fixed order (docs/design.md, "Determinism contract"). */
#include "config.h"

#include "graphs/graphs-private.h"

struct _FsimChannelSelector {
  FsimPartitioner partitioner;
  int n_channels;               /* numberOfChannels given to setup */
  int max_parallelism;          /* HASH: the consumer's (configure) */
  int next;                     /* REBALANCE, RESCALE: nextChannelToSendTo */
  FsimChannelRandomFunc random;
  gpointer random_data;
};

static int
draw (FsimChannelSelector *s)
{
  int r = s->random (s->random_data, s->n_channels);
  g_assert (r >= 0 && r < s->n_channels);
  return r;
}

FsimChannelSelector *
fsim_channel_selector_new (FsimPartitioner partitioner, int n_channels, int max_parallelism,
                           FsimChannelRandomFunc random, gpointer random_data)
{
  g_assert ((unsigned) partitioner < FSIM_PARTITIONER_COUNT);
  g_assert (n_channels > 0);
  FsimChannelSelector *s = g_new0 (FsimChannelSelector, 1);
  s->partitioner = partitioner;
  s->n_channels = n_channels;
  s->max_parallelism = max_parallelism;
  s->random = random;
  s->random_data = random_data;
  switch (partitioner)
    {
    case FSIM_PARTITIONER_REBALANCE:
      /* RebalancePartitioner.setup: ThreadLocalRandom.nextInt (n), drawn
       * even when n is 1; the first record goes to the channel after it. */
      g_assert (random != NULL);
      s->next = draw (s);
      break;
    case FSIM_PARTITIONER_RESCALE:
      /* RescalePartitioner: nextChannelToSendTo starts at -1, so every
       * producer begins with channel 0. */
      s->next = -1;
      break;
    case FSIM_PARTITIONER_SHUFFLE:
      g_assert (random != NULL);
      break;
    case FSIM_PARTITIONER_HASH:
      /* KeyGroupStreamPartitioner: key groups are the consumer's max
       * parallelism, which bounds its parallelism. */
      g_assert (max_parallelism >= n_channels
                && max_parallelism <= FSIM_UPPER_BOUND_MAX_PARALLELISM);
      break;
    case FSIM_PARTITIONER_FORWARD:
    case FSIM_PARTITIONER_BROADCAST:
    case FSIM_PARTITIONER_GLOBAL:
    case FSIM_PARTITIONER_CUSTOM:
    case FSIM_PARTITIONER_COUNT:
      break;
    }
  return s;
}

FsimChannelSelector *
fsim_channel_selector_new_for_partition (const FsimResultPartition *p,
                                         FsimChannelRandomFunc random, gpointer random_data)
{
  const FsimIntermediateResult *r = p->result;
  g_assert (r->n_consumer_edges > 0);
  const FsimJobEdge *edge = g_ptr_array_index (r->data_set->consumers, 0);
  /* the consumer's max parallelism: KeyGroupStreamPartitioner.configure
   * with ResultPartitionWriter.getNumTargetKeyGroups */
  const FsimExecutionJobVertex *consumer = p->consumer_groups[0]->consumer;
  return fsim_channel_selector_new (edge->ship_strategy,
                                    fsim_result_partition_get_n_subpartitions (p),
                                    consumer->max_parallelism, random, random_data);
}

void
fsim_channel_selector_free (FsimChannelSelector *s)
{
  g_free (s);
}

FsimPartitioner
fsim_channel_selector_get_partitioner (const FsimChannelSelector *s)
{
  return s->partitioner;
}

int
fsim_channel_selector_get_n_channels (const FsimChannelSelector *s)
{
  return s->n_channels;
}

int
fsim_custom_partition (gint32 key, int n_channels)
{
  g_assert (n_channels > 0);
  /* Math.floorMod (key, n): never negative, unlike Java's % */
  int m = key % n_channels;
  return m < 0 ? m + n_channels : m;
}

int
fsim_channel_selector_select (FsimChannelSelector *s, gint32 key)
{
  switch (s->partitioner)
    {
    case FSIM_PARTITIONER_FORWARD:      /* ForwardPartitioner */
    case FSIM_PARTITIONER_GLOBAL:       /* GlobalPartitioner */
      return 0;
    case FSIM_PARTITIONER_REBALANCE:    /* (next + 1) % n */
      s->next = (s->next + 1) % s->n_channels;
      return s->next;
    case FSIM_PARTITIONER_RESCALE:      /* ++next, wrapping to 0 at n */
      if (++s->next >= s->n_channels)
        s->next = 0;
      return s->next;
    case FSIM_PARTITIONER_SHUFFLE:      /* random.nextInt (n) */
      return draw (s);
    case FSIM_PARTITIONER_BROADCAST:
      /* BroadcastPartitioner.selectChannel throws: the BroadcastRecordWriter
       * copies every record to all channels instead. */
      return FSIM_CHANNEL_SELECTOR_ALL;
    case FSIM_PARTITIONER_HASH:
      /* Integer.hashCode is the value: assignKeyToParallelOperator */
      return fsim_key_group_assign_to_subtask (key, s->max_parallelism, s->n_channels);
    case FSIM_PARTITIONER_CUSTOM:
      return fsim_custom_partition (key, s->n_channels);
    case FSIM_PARTITIONER_COUNT:
      break;
    }
  g_assert_not_reached ();
}

int
fsim_result_partition_get_subpartition_consumer (const FsimResultPartition *p, int subpartition)
{
  const FsimConsumerVertexGroup *g = p->consumer_groups[0];
  int start = g->subtasks.start;
  int n = g->subtasks.end - start + 1;
  g_assert (subpartition >= 0 && subpartition < n);
  /* The inverse of fsim_subpartition_index: in the group's contiguous range
   * of n consumers, exactly one has (subtask % n) == subpartition. */
  return start + ((subpartition - start % n) + n) % n;
}
