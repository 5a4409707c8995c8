/* barrier-handler.c - CheckpointBarrierHandler: what every barrier handler
 * shares (the alignment metrics, notifying the task) and the public entry
 * points, which hand each call to SingleCheckpointBarrierHandler
 * (single-barrier-handler.c) or CheckpointBarrierTracker (barrier-tracker.c).
 *
 * The metrics follow CheckpointBarrierHandler: markAlignmentStart takes the
 * start delay and opens new futures (resetting the old ones to 0, as
 * resetAlignment does); markAlignmentEnd completes them with the duration
 * and the bytes polled since the start. A checkpoint triggered while they
 * are open (an unaligned one, at its first barrier) learns its metrics when
 * they complete. */
#include "config.h"

#include "checkpoint/barrier-handler-private.h"

gboolean
fsim_checkpoint_barrier_is_timeoutable (const FsimCheckpointBarrier *b)
{
  return b->alignment == FSIM_ALIGNMENT_ALIGNED && b->aligned_timeout_us > 0 && !b->savepoint;
}

gboolean
fsim_checkpoint_barrier_blocks_upstream (const FsimCheckpointBarrier *b)
{
  return b->alignment == FSIM_ALIGNMENT_ALIGNED;
}

const char *
fsim_checkpoint_rest_type_name (gboolean savepoint, gboolean synchronous, gboolean unaligned)
{
  if (synchronous)
    return "SYNC_SAVEPOINT";    /* SavepointType.isSynchronous: stop-with-savepoint */
  if (savepoint)
    return "SAVEPOINT";
  return unaligned ? "UNALIGNED_CHECKPOINT" : "CHECKPOINT";
}

const char *
fsim_checkpoint_barrier_type_name (const FsimCheckpointBarrier *b)
{
  if (b->synchronous)
    return "SYNC_SAVEPOINT";
  if (b->savepoint)
    return "SAVEPOINT";
  switch (b->alignment)
    {
    case FSIM_ALIGNMENT_AT_LEAST_ONCE:
      return "AT_LEAST_ONCE";
    case FSIM_ALIGNMENT_ALIGNED:
      return b->forced_aligned ? "FORCED_ALIGNED" : "ALIGNED";
    case FSIM_ALIGNMENT_UNALIGNED:
      return "UNALIGNED";
    }
  g_assert_not_reached ();
}

/* --- CheckpointBarrierHandler: metrics and notifications --------------------- */

static void
complete_metrics (FsimBarrierHandler *h, gint64 duration_us)
{
  if (h->metrics_done)          /* CompletableFuture.complete: only the first */
    return;
  h->metrics_done = TRUE;
  h->latest_duration_us = duration_us;
  h->latest_bytes = h->bytes_processed;
  if (h->awaiting_metrics < 0)
    return;
  FsimCheckpointMetrics m = { duration_us, h->start_delay_us, h->bytes_processed };
  gint64 id = h->awaiting_metrics;
  h->awaiting_metrics = -1;
  h->host->metrics_known (h->host_data, id, &m);
}

void
fsim_barrier_mark_alignment_end (FsimBarrierHandler *h, gint64 duration_us)
{
  g_assert (duration_us >= 0);
  complete_metrics (h, duration_us);
  h->alignment_start_us = FSIM_OUTSIDE_OF_ALIGNMENT;
  h->bytes_processed = 0;
}

void
fsim_barrier_mark_alignment_end_now (FsimBarrierHandler *h)
{
  fsim_barrier_mark_alignment_end (h, h->now_us - h->alignment_start_us);
}

void
fsim_barrier_reset_alignment (FsimBarrierHandler *h)
{
  fsim_barrier_mark_alignment_end (h, 0);
  h->metrics_done = FALSE;
  h->awaiting_metrics = -1;
}

void
fsim_barrier_mark_alignment_start (FsimBarrierHandler *h, gint64 id, gint64 timestamp_us)
{
  h->start_delay_us = MAX (0, h->now_us - timestamp_us);
  fsim_barrier_reset_alignment (h);
  h->alignment_start_us = h->now_us;
  h->alignment_id = id;
}

void
fsim_barrier_mark_alignment_start_and_end (FsimBarrierHandler *h, gint64 id, gint64 timestamp_us)
{
  fsim_barrier_mark_alignment_start (h, id, timestamp_us);
  fsim_barrier_mark_alignment_end (h, 0);
}

/* notifyCheckpoint: the metrics are this checkpoint's only if its
 * alignment is the one timed; otherwise 0. */
void
fsim_barrier_notify_checkpoint (FsimBarrierHandler *h, const FsimCheckpointBarrier *b)
{
  h->host->trigger_checkpoint (h->host_data, b);
  if (b->id != h->alignment_id)
    {
      FsimCheckpointMetrics zero = { 0, 0, 0 };
      h->host->metrics_known (h->host_data, b->id, &zero);
      return;
    }
  if (!h->metrics_done)
    {
      h->awaiting_metrics = b->id;
      return;
    }
  FsimCheckpointMetrics m = { h->latest_duration_us, h->start_delay_us, h->latest_bytes };
  h->host->metrics_known (h->host_data, b->id, &m);
}

void
fsim_barrier_notify_abort (FsimBarrierHandler *h, gint64 id, FsimCheckpointFailureReason reason)
{
  h->host->abort_checkpoint (h->host_data, id, reason);
}

/* --- the handler ----------------------------------------------------------------- */

FsimBarrierHandler *
fsim_barrier_handler_new (FsimBarrierHandlerKind kind, int num_channels,
                          gboolean checkpoints_after_tasks_finish,
                          const FsimBarrierHandlerHost *host, gpointer host_data)
{
  g_assert (num_channels >= 1 && host != NULL);
  FsimBarrierHandler *h = g_new0 (FsimBarrierHandler, 1);
  h->kind = kind;
  h->host = host;
  h->host_data = host_data;
  h->after_finish = checkpoints_after_tasks_finish;
  h->num_channels = num_channels;
  h->num_open_channels = num_channels;
  h->alignment_start_us = FSIM_OUTSIDE_OF_ALIGNMENT;
  h->alignment_id = -1;
  h->awaiting_metrics = -1;
  h->timer_due_us = -1;
  if (kind == FSIM_BARRIER_HANDLER_TRACKER)
    fsim_tracker_init (h);
  else
    fsim_single_handler_init (h);
  return h;
}

void
fsim_barrier_handler_free (FsimBarrierHandler *h)
{
  if (h == NULL)
    return;
  if (h->kind == FSIM_BARRIER_HANDLER_TRACKER)
    fsim_tracker_clear (h);
  else
    fsim_single_handler_clear (h);
  g_free (h);
}

static void
enter (FsimBarrierHandler *h, int channel, gint64 now_us)
{
  g_assert (channel >= 0 && channel < h->num_channels);
  g_assert (now_us >= h->now_us);
  h->now_us = now_us;
}

void
fsim_barrier_handler_process_barrier (FsimBarrierHandler *h, const FsimCheckpointBarrier *b,
                                      int channel, gint64 now_us)
{
  enter (h, channel, now_us);
  if (h->kind == FSIM_BARRIER_HANDLER_TRACKER)
    fsim_tracker_barrier (h, b, channel);
  else
    fsim_single_handler_barrier (h, b, channel);
}

void
fsim_barrier_handler_process_announcement (FsimBarrierHandler *h, const FsimCheckpointBarrier *b,
                                           int sequence_number, int channel, gint64 now_us)
{
  enter (h, channel, now_us);
  if (h->kind != FSIM_BARRIER_HANDLER_TRACKER)   /* the tracker ignores them */
    fsim_single_handler_announcement (h, b, sequence_number, channel);
}

void
fsim_barrier_handler_process_cancellation (FsimBarrierHandler *h, gint64 id, int channel,
                                           gint64 now_us)
{
  enter (h, channel, now_us);
  if (h->kind == FSIM_BARRIER_HANDLER_TRACKER)
    fsim_tracker_cancellation (h, id, channel);
  else
    fsim_single_handler_cancellation (h, id, channel);
}

void
fsim_barrier_handler_process_end_of_partition (FsimBarrierHandler *h, int channel, gint64 now_us)
{
  enter (h, channel, now_us);
  if (h->kind == FSIM_BARRIER_HANDLER_TRACKER)
    fsim_tracker_end_of_partition (h, channel);
  else
    fsim_single_handler_end_of_partition (h, channel);
}

void
fsim_barrier_handler_add_processed_bytes (FsimBarrierHandler *h, gint64 bytes)
{
  if (h->alignment_start_us != FSIM_OUTSIDE_OF_ALIGNMENT)      /* isDuringAlignment */
    h->bytes_processed += bytes;
}

gint64
fsim_barrier_handler_next_timer_us (FsimBarrierHandler *h)
{
  return h->timer_due_us;
}

void
fsim_barrier_handler_fire_timer (FsimBarrierHandler *h, gint64 now_us)
{
  g_assert (h->timer_due_us >= 0 && h->timer_due_us <= now_us);
  enter (h, 0, now_us);
  fsim_single_handler_timer (h);
}

gint64
fsim_barrier_handler_get_latest_checkpoint_id (FsimBarrierHandler *h)
{
  if (h->kind == FSIM_BARRIER_HANDLER_TRACKER)
    return fsim_tracker_latest_checkpoint_id (h);
  return h->current_id;
}

void
fsim_barrier_handler_get_pending (FsimBarrierHandler *h, GArray *ids)
{
  if (h->kind == FSIM_BARRIER_HANDLER_TRACKER)
    fsim_tracker_pending (h, ids);
  else
    fsim_single_handler_pending (h, ids);
}

gboolean
fsim_barrier_handler_is_blocked (FsimBarrierHandler *h, int channel)
{
  g_assert (channel >= 0 && channel < h->num_channels);
  return h->blocked != NULL && h->blocked[channel];
}

gboolean
fsim_barrier_handler_is_aligned (FsimBarrierHandler *h, int channel)
{
  g_assert (channel >= 0 && channel < h->num_channels);
  return h->aligned != NULL && h->aligned[channel];
}

FsimBarrierHandlerState
fsim_barrier_handler_get_state (FsimBarrierHandler *h)
{
  return h->state;
}

FsimBarrierHandlerKind
fsim_barrier_handler_get_kind (FsimBarrierHandler *h)
{
  return h->kind;
}

int
fsim_barrier_handler_get_num_open_channels (FsimBarrierHandler *h)
{
  return h->num_open_channels;
}
