/* channel-state-persister.c - ChannelStatePersister: which data buffers of
 * one input channel become its input channel state in an unaligned
 * checkpoint. checkpointStarted (startPersisting) makes the channel spill
 * what it holds before the barrier and, while the barrier is pending,
 * every data buffer that reaches it; the channel's own barrier
 * (checkForBarrier) or checkpointStopped ends that. Remote channels
 * (RemoteInputChannel) check as buffers arrive, local ones
 * (LocalInputChannel) as the task reads them. */
#include "config.h"

#include "checkpoint/checkpoint.h"

enum { COMPLETED, BARRIER_PENDING, BARRIER_RECEIVED };

void
fsim_channel_state_persister_init (FsimChannelStatePersister *p)
{
  p->status = COMPLETED;
  p->last_seen_barrier = -1;
}

gboolean
fsim_channel_state_persister_start (FsimChannelStatePersister *p, gint64 barrier_id)
{
  /* a newer barrier already came: Flink raises CHECKPOINT_SUBSUMED */
  if (p->status == BARRIER_RECEIVED && p->last_seen_barrier > barrier_id)
    return FALSE;
  /* a more recent checkpoint than any seen: its barrier is pending, even
   * if an older barrier was received and not yet processed */
  if (p->last_seen_barrier < barrier_id)
    {
      p->status = BARRIER_PENDING;
      p->last_seen_barrier = barrier_id;
    }
  return TRUE;
}

void
fsim_channel_state_persister_stop (FsimChannelStatePersister *p, gint64 id)
{
  if (id >= p->last_seen_barrier)
    {
      p->status = COMPLETED;
      p->last_seen_barrier = id;
    }
}

gint64
fsim_channel_state_persister_maybe_persist (FsimChannelStatePersister *p)
{
  return p->status == BARRIER_PENDING ? p->last_seen_barrier : -1;
}

gboolean
fsim_channel_state_persister_check_barrier (FsimChannelStatePersister *p, gint64 id)
{
  gint64 expected = p->status == COMPLETED ? p->last_seen_barrier + 1 : p->last_seen_barrier;
  if (id < expected)
    return FALSE;
  p->status = BARRIER_RECEIVED;
  p->last_seen_barrier = id;
  return TRUE;
}
