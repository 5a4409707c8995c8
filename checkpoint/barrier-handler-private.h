/* barrier-handler-private.h - what the barrier handler files share: the
 * handler's fields and CheckpointBarrierHandler's metrics bookkeeping
 * (barrier-handler.c), used by SingleCheckpointBarrierHandler
 * (single-barrier-handler.c) and CheckpointBarrierTracker
 * (barrier-tracker.c). Private to checkpoint/. */
#pragma once

#include "checkpoint/checkpoint.h"

G_BEGIN_DECLS

#define FSIM_OUTSIDE_OF_ALIGNMENT G_MININT64

struct _FsimBarrierHandler {
  FsimBarrierHandlerKind kind;
  const FsimBarrierHandlerHost *host;
  gpointer host_data;
  gboolean after_finish;        /* checkpoints-after-tasks-finish */
  int num_channels;
  int num_open_channels;

  /* CheckpointBarrierHandler: the alignment metrics of one checkpoint at a
   * time (startAlignmentCheckpointId); "done" is the completion of its
   * latestAlignmentDurationNanos / latestBytesProcessedDuringAlignment
   * futures, which a triggered checkpoint (awaiting) waits on. */
  gint64 now_us;                /* the time of the call in progress */
  gint64 alignment_start_us;    /* startOfAlignmentTimestamp */
  gint64 alignment_id;          /* startAlignmentCheckpointId */
  gint64 start_delay_us;        /* latestCheckpointStartDelayNanos */
  gint64 bytes_processed;       /* bytesProcessedDuringAlignment */
  gboolean metrics_done;
  gint64 latest_duration_us;    /* what the futures completed with */
  gint64 latest_bytes;
  gint64 awaiting_metrics;      /* id of the triggered checkpoint holding the futures, or -1 */

  /* SingleCheckpointBarrierHandler */
  FsimBarrierHandlerState state;
  gboolean alternating;
  gint64 current_id;            /* currentCheckpointId */
  gint64 last_cancelled_or_completed;
  gboolean *aligned;            /* alignedChannels, [num_channels] */
  int n_aligned;
  int target;                   /* targetChannelCount */
  gboolean has_pending_barrier;
  FsimCheckpointBarrier pending_barrier;
  gboolean all_received;        /* allBarriersReceivedFuture is done */
  gboolean *blocked;            /* ChannelState.blockedChannels */
  int *announced;               /* ChannelState: sequence number per channel, or -1 */
  gint64 timer_due_us;          /* the alignment timer, or -1 */
  FsimCheckpointBarrier timer_barrier;

  /* CheckpointBarrierTracker */
  GQueue *tracked;              /* BarrierCount *, oldest first */
  gint64 latest_pending_id;     /* latestPendingCheckpointID */
};

/* CheckpointBarrierHandler (barrier-handler.c) */
void fsim_barrier_mark_alignment_start (FsimBarrierHandler *h, gint64 id, gint64 timestamp_us);
void fsim_barrier_mark_alignment_end (FsimBarrierHandler *h, gint64 duration_us);
void fsim_barrier_mark_alignment_end_now (FsimBarrierHandler *h);
void fsim_barrier_mark_alignment_start_and_end (FsimBarrierHandler *h, gint64 id,
                                                gint64 timestamp_us);
void fsim_barrier_reset_alignment (FsimBarrierHandler *h);
void fsim_barrier_notify_checkpoint (FsimBarrierHandler *h, const FsimCheckpointBarrier *b);
void fsim_barrier_notify_abort (FsimBarrierHandler *h, gint64 id,
                                FsimCheckpointFailureReason reason);

/* SingleCheckpointBarrierHandler (single-barrier-handler.c) */
void fsim_single_handler_init (FsimBarrierHandler *h);
void fsim_single_handler_clear (FsimBarrierHandler *h);
void fsim_single_handler_barrier (FsimBarrierHandler *h, const FsimCheckpointBarrier *b, int c);
void fsim_single_handler_announcement (FsimBarrierHandler *h, const FsimCheckpointBarrier *b,
                                       int seq, int c);
void fsim_single_handler_cancellation (FsimBarrierHandler *h, gint64 id, int c);
void fsim_single_handler_end_of_partition (FsimBarrierHandler *h, int c);
void fsim_single_handler_timer (FsimBarrierHandler *h);
void fsim_single_handler_pending (FsimBarrierHandler *h, GArray *ids);

/* CheckpointBarrierTracker (barrier-tracker.c) */
void fsim_tracker_init (FsimBarrierHandler *h);
void fsim_tracker_clear (FsimBarrierHandler *h);
void fsim_tracker_barrier (FsimBarrierHandler *h, const FsimCheckpointBarrier *b, int c);
void fsim_tracker_cancellation (FsimBarrierHandler *h, gint64 id, int c);
void fsim_tracker_end_of_partition (FsimBarrierHandler *h, int c);
gint64 fsim_tracker_latest_checkpoint_id (FsimBarrierHandler *h);
void fsim_tracker_pending (FsimBarrierHandler *h, GArray *ids);

G_END_DECLS
