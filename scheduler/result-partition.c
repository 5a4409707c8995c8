/* result-partition.c - the channels of a producer's ResultPartition, as far
 * as the runtime uses them yet: the EndOfPartitionEvent.
 *
 * In Flink a finishing task's ResultPartition.finish adds an
 * EndOfPartitionEvent to every subpartition after its last buffer
 * (PipelinedSubpartition.finish); each travels in-band to the consumer's
 * input channel — through Netty between TaskManagers (RemoteInputChannel),
 * in memory inside one (LocalInputChannel) — and the consumer's input gate
 * sees it after every buffer before it. Here each event is one item on an
 * FsimChannel (sim/) from the producer attempt to the consumer subtask,
 * with sim.network-latency between TaskManagers and sim.local-channel-latency
 * inside one. An event needs no credit (only data buffers do).
 *
 * A channel is created when it first carries something and freed once its
 * event is delivered, so an all-to-all edge costs no P^2 memory before it
 * is used (docs/design.md). */
#include "config.h"

#include "scheduler/scheduler-private.h"

/* Flink's taskmanager.network.memory.buffers-per-channel default: the
 * exclusive buffers a remote input channel announces as initial credit. */
#define EXCLUSIVE_BUFFERS_PER_CHANNEL 2

/* A consumer that is not placed yet reads the partition from wherever it
 * lands: the network's figure, as for any other TaskManager. */
static gboolean
same_taskmanager (const Execution *producer, const Execution *consumer)
{
  return producer->slot && consumer->slot && producer->slot->tm == consumer->slot->tm;
}

/* A delivered channel is freed by an event of its own: a channel is never
 * freed from inside its callback. */
typedef struct {
  FsimCluster *c;
  FsimChannel *channel;
} ChannelDone;

static void
free_delivered (FsimSim *sim, gpointer payload)
{
  ChannelDone *done = payload;
  /* the set's destroy function frees the channel */
  gboolean known = g_hash_table_remove (done->c->channels, done->channel);
  g_assert (known);
}

static void
end_of_partition_delivered (FsimChannel *channel, FsimChannelItem *item, gpointer user_data)
{
  FsimCluster *c = user_data;
  EndOfPartition *eop = item->payload;
  fsim_sched_taskmanager_end_of_partition_arrived (c, eop);
  item->payload_free (item->payload);
  ChannelDone *done = g_new (ChannelDone, 1);
  *done = (ChannelDone) { c, channel };
  fsim_sim_schedule_in (c->sim, 0, FSIM_PRIORITY_DEFAULT, free_delivered, done, g_free);
}

void
fsim_sched_partition_send_end (FsimCluster *c, Execution *producer, Execution *consumer)
{
  gboolean local = same_taskmanager (producer, consumer);
  FsimChannel *channel = fsim_channel_new (c->sim,
                                           local ? c->settings.local_channel_latency_us
                                                 : c->settings.network_latency_us,
                                           local ? FSIM_CHANNEL_UNCREDITED
                                                 : EXCLUSIVE_BUFFERS_PER_CHANNEL,
                                           end_of_partition_delivered, c);
  g_hash_table_add (c->channels, channel);
  EndOfPartition *eop = g_new (EndOfPartition, 1);
  *eop = (EndOfPartition) { c, fsim_sched_execution_id (consumer),
                            fsim_sched_execution_id (producer) };
  /* in-band, after the last buffer (none yet: records do not flow) */
  fsim_channel_send (channel, eop, 0, FSIM_CHANNEL_EVENT, g_free);
}

void
fsim_sched_partition_channels_free (FsimCluster *c)
{
  /* order does not matter: freeing writes nothing */
  g_hash_table_remove_all (c->channels);
  g_hash_table_unref (c->channels);
}
