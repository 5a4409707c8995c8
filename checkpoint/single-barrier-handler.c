/* single-barrier-handler.c - SingleCheckpointBarrierHandler and its
 * BarrierHandlerState machine (checkpoint.h draws it): aligned, unaligned
 * and alternating (aligned with aligned-checkpoint-timeout).
 *
 * One checkpoint at a time: currentCheckpointId, the channels aligned for
 * it (alignedChannels) against targetChannelCount (the open channels when
 * its first barrier or announcement came). The states decide what a
 * barrier, an end of partition or the alignment timer does; the handler
 * keeps the bookkeeping around them, as Flink splits it. ChannelState (the
 * blocked channels, the announcements seen) lives in the handler here,
 * since every state shares the one Flink passes from state to state. */
#include "config.h"

#include <string.h>

#include "checkpoint/barrier-handler-private.h"

#define WFFB FSIM_BARRIER_STATE_WAITING_FOR_FIRST_BARRIER
#define CB FSIM_BARRIER_STATE_COLLECTING_BARRIERS
#define AWFFB FSIM_BARRIER_STATE_ALTERNATING_WAITING_FOR_FIRST_BARRIER
#define ACB FSIM_BARRIER_STATE_ALTERNATING_COLLECTING_BARRIERS
#define AWFFBU FSIM_BARRIER_STATE_ALTERNATING_WAITING_FOR_FIRST_BARRIER_UNALIGNED
#define ACBU FSIM_BARRIER_STATE_ALTERNATING_COLLECTING_BARRIERS_UNALIGNED

static const char *const state_names[FSIM_BARRIER_STATE_COUNT] = {
  [WFFB] = "WaitingForFirstBarrier",
  [CB] = "CollectingBarriers",
  [AWFFB] = "AlternatingWaitingForFirstBarrier",
  [ACB] = "AlternatingCollectingBarriers",
  [AWFFBU] = "AlternatingWaitingForFirstBarrierUnaligned",
  [ACBU] = "AlternatingCollectingBarriersUnaligned",
  [FSIM_BARRIER_STATE_NONE] = "CheckpointBarrierTracker",
};

static const struct {
  FsimBarrierHandlerState from, to;
  const char *rule;
} transitions[] = {
  { WFFB, CB, "WaitingForFirstBarrier.barrierReceived" },
  { WFFB, WFFB, "AbstractAlignedBarrierHandlerState.triggerGlobalCheckpoint / abort" },
  { CB, CB, "CollectingBarriers.barrierReceived" },
  { CB, WFFB, "AbstractAlignedBarrierHandlerState.triggerGlobalCheckpoint / abort" },
  { AWFFB, ACB, "AlternatingWaitingForFirstBarrier.transitionAfterBarrierReceived" },
  { AWFFB, AWFFB, "AbstractAlternatingAlignedBarrierHandlerState.finishCheckpoint" },
  { AWFFB, AWFFBU, "AlternatingWaitingForFirstBarrier.alignedCheckpointTimeout" },
  { ACB, ACB, "AlternatingCollectingBarriers.transitionAfterBarrierReceived" },
  { ACB, AWFFB, "AbstractAlternatingAlignedBarrierHandlerState.finishCheckpoint" },
  { ACB, ACBU, "AlternatingCollectingBarriers.alignedCheckpointTimeout" },
  { AWFFBU, ACBU, "AlternatingWaitingForFirstBarrierUnaligned.barrierReceived" },
  { AWFFBU, AWFFB, "AlternatingWaitingForFirstBarrierUnaligned.stopCheckpoint" },
  { AWFFBU, AWFFBU, "AlternatingWaitingForFirstBarrierUnaligned.stopCheckpoint" },
  { ACBU, ACBU, "AlternatingCollectingBarriersUnaligned.barrierReceived" },
  { ACBU, AWFFB, "AlternatingCollectingBarriersUnaligned.finishCheckpoint" },
  { ACBU, AWFFBU, "AlternatingCollectingBarriersUnaligned.finishCheckpoint" },
};

const char *
fsim_barrier_handler_state_name (FsimBarrierHandlerState state)
{
  g_assert (state < FSIM_BARRIER_STATE_COUNT);
  return state_names[state];
}

const char *
fsim_barrier_handler_transition_rule (FsimBarrierHandlerState from, FsimBarrierHandlerState to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == from && transitions[i].to == to)
      return transitions[i].rule;
  return NULL;
}

/* The one place the state changes. */
static void
set_state (FsimBarrierHandler *h, FsimBarrierHandlerState to)
{
  g_assert (fsim_barrier_handler_transition_rule (h->state, to) != NULL);
  h->state = to;
}

static gboolean
is_unaligned (const FsimCheckpointBarrier *b)
{
  return b->alignment == FSIM_ALIGNMENT_UNALIGNED;
}

/* CheckpointBarrier.asUnaligned (CheckpointOptions.toUnaligned). */
static FsimCheckpointBarrier
as_unaligned (const FsimCheckpointBarrier *b)
{
  FsimCheckpointBarrier u = *b;
  u.alignment = FSIM_ALIGNMENT_UNALIGNED;
  u.aligned_timeout_us = 0;
  return u;
}

/* --- ChannelState ---------------------------------------------------------------- */

static void
block_channel (FsimBarrierHandler *h, int c)
{
  h->blocked[c] = TRUE;         /* blockConsumption itself is a no-op in Flink */
}

static void
channel_finished (FsimBarrierHandler *h, int c)
{
  h->blocked[c] = FALSE;
  h->announced[c] = -1;
}

static void
prioritize_all_announcements (FsimBarrierHandler *h)
{
  for (int c = 0; c < h->num_channels; c++)
    if (h->announced[c] >= 0)
      {
        int seq = h->announced[c];
        h->announced[c] = -1;
        h->host->prioritize_barrier (h->host_data, c, seq);
      }
}

static void
unblock_all_channels (FsimBarrierHandler *h)
{
  for (int c = 0; c < h->num_channels; c++)
    if (h->blocked[c])
      {
        h->blocked[c] = FALSE;
        h->host->resume_channel (h->host_data, c);
      }
}

/* ChannelState.emptyState: nothing may still be blocked. */
static void
empty_state (FsimBarrierHandler *h)
{
  for (int c = 0; c < h->num_channels; c++)
    {
      g_assert (!h->blocked[c]);
      h->announced[c] = -1;
    }
}

/* --- BarrierHandlerState.Controller ------------------------------------------------- */

static gboolean
all_barriers_received (FsimBarrierHandler *h)
{
  return h->n_aligned == h->target;
}

/* isTimedOut: the passive timeout, strictly past it. */
static gboolean
is_timed_out (FsimBarrierHandler *h, const FsimCheckpointBarrier *b)
{
  return fsim_checkpoint_barrier_is_timeoutable (b) && b->id <= h->current_id
         && b->aligned_timeout_us < h->now_us - b->timestamp_us;
}

static void
checkpoint_started (FsimBarrierHandler *h, const FsimCheckpointBarrier *b)
{
  h->host->checkpoint_started (h->host_data, b);
}

/* --- the states ---------------------------------------------------------------------- */

static void barrier_received (FsimBarrierHandler *h, int c, const FsimCheckpointBarrier *b);

/* The unaligned states go back to the waiting state of their family. */
static void
back_from_unaligned (FsimBarrierHandler *h)
{
  unblock_all_channels (h);
  set_state (h, h->alternating ? AWFFB : AWFFBU);
  empty_state (h);
}

/* AbstractAlternatingAlignedBarrierHandlerState.finishCheckpoint */
static void
finish_alternating_aligned (FsimBarrierHandler *h)
{
  unblock_all_channels (h);
  set_state (h, AWFFB);
  empty_state (h);
}

/* AlternatingCollectingBarriersUnaligned.finishCheckpoint */
static void
finish_unaligned (FsimBarrierHandler *h, gint64 id)
{
  h->host->checkpoint_stopped (h->host_data, id);
  back_from_unaligned (h);
}

static void
trigger_aligned_and_wait (FsimBarrierHandler *h, const FsimCheckpointBarrier *b)
{
  fsim_barrier_notify_checkpoint (h, b);
  unblock_all_channels (h);
  set_state (h, WFFB);
}

/* alignedCheckpointTimeout */
static void
aligned_checkpoint_timeout (FsimBarrierHandler *h, const FsimCheckpointBarrier *b)
{
  switch (h->state)
    {
    case AWFFB:
      prioritize_all_announcements (h);
      set_state (h, AWFFBU);
      break;
    case ACB:
      {
        prioritize_all_announcements (h);
        FsimCheckpointBarrier u = as_unaligned (b);
        checkpoint_started (h, &u);
        fsim_barrier_notify_checkpoint (h, &u);
        set_state (h, ACBU);
      }
      break;
    case AWFFBU:
    case ACBU:
      break;                    /* already unaligned */
    default:
      g_assert_not_reached ();  /* aligned: "should not be timed out if we are not alternating" */
    }
}

static void
barrier_received_aligned (FsimBarrierHandler *h, int c, const FsimCheckpointBarrier *b)
{
  g_assert (!is_unaligned (b));
  block_channel (h, c);
  if (all_barriers_received (h))
    trigger_aligned_and_wait (h, b);
  else
    set_state (h, CB);
}

static void
barrier_received_alternating_aligned (FsimBarrierHandler *h, int c, const FsimCheckpointBarrier *b)
{
  if (is_unaligned (b))
    {
      aligned_checkpoint_timeout (h, b);
      barrier_received (h, c, b);
      return;
    }
  h->announced[c] = -1;
  block_channel (h, c);
  if (all_barriers_received (h))
    {
      fsim_barrier_notify_checkpoint (h, b);
      finish_alternating_aligned (h);
    }
  else if (is_timed_out (h, b))
    {
      aligned_checkpoint_timeout (h, b);
      FsimCheckpointBarrier u = as_unaligned (b);
      barrier_received (h, c, &u);
    }
  else
    set_state (h, ACB);
}

static void
barrier_received_unaligned (FsimBarrierHandler *h, int c, const FsimCheckpointBarrier *b)
{
  /* an aligned barrier out of order: the credit-based network blocked it */
  if (!is_unaligned (b))
    block_channel (h, c);
  if (h->state == ACBU)
    {
      if (all_barriers_received (h))
        finish_unaligned (h, b->id);
      return;
    }
  FsimCheckpointBarrier u = as_unaligned (b);
  checkpoint_started (h, &u);
  fsim_barrier_notify_checkpoint (h, &u);
  if (all_barriers_received (h))
    {
      h->host->checkpoint_stopped (h->host_data, u.id);
      back_from_unaligned (h);
    }
  else
    set_state (h, ACBU);
}

static void
barrier_received (FsimBarrierHandler *h, int c, const FsimCheckpointBarrier *b)
{
  switch (h->state)
    {
    case WFFB:
    case CB:
      barrier_received_aligned (h, c, b);
      break;
    case AWFFB:
    case ACB:
      barrier_received_alternating_aligned (h, c, b);
      break;
    case AWFFBU:
    case ACBU:
      barrier_received_unaligned (h, c, b);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
end_of_partition_received (FsimBarrierHandler *h, int c)
{
  channel_finished (h, c);
  if (h->state == WFFB || h->state == AWFFB || h->state == AWFFBU)
    return;                     /* no barrier yet: nothing to finish */
  g_assert (h->has_pending_barrier);
  const FsimCheckpointBarrier *p = &h->pending_barrier;
  if (h->state == CB && all_barriers_received (h))
    trigger_aligned_and_wait (h, p);
  else if (h->state == ACB && all_barriers_received (h))
    {
      fsim_barrier_notify_checkpoint (h, p);
      finish_alternating_aligned (h);
    }
  else if (h->state == ACB && is_timed_out (h, p))
    {
      aligned_checkpoint_timeout (h, p);
      end_of_partition_received (h, c);
    }
  else if (h->state == ACBU && all_barriers_received (h))
    finish_unaligned (h, p->id);
}

static void
state_abort (FsimBarrierHandler *h, gint64 id)
{
  switch (h->state)
    {
    case WFFB:
    case CB:
      unblock_all_channels (h);
      set_state (h, WFFB);
      break;
    case AWFFB:
    case ACB:
      finish_alternating_aligned (h);
      break;
    case AWFFBU:
      back_from_unaligned (h);
      break;
    case ACBU:
      finish_unaligned (h, id);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
announcement_received (FsimBarrierHandler *h, int c, int seq)
{
  if (h->state == AWFFB || h->state == ACB)
    h->announced[c] = seq;
  else if (h->state == AWFFBU || h->state == ACBU)
    h->host->prioritize_barrier (h->host_data, c, seq);
}

/* --- SingleCheckpointBarrierHandler ---------------------------------------------------- */

void
fsim_single_handler_init (FsimBarrierHandler *h)
{
  h->current_id = -1;
  h->last_cancelled_or_completed = -1;
  h->aligned = g_new0 (gboolean, h->num_channels);
  h->blocked = g_new0 (gboolean, h->num_channels);
  h->announced = g_new (int, h->num_channels);
  for (int c = 0; c < h->num_channels; c++)
    h->announced[c] = -1;
  h->all_received = TRUE;
  switch (h->kind)
    {
    case FSIM_BARRIER_HANDLER_ALIGNED:
      h->state = WFFB;
      break;
    case FSIM_BARRIER_HANDLER_ALTERNATING:
      h->state = AWFFB;
      h->alternating = TRUE;
      break;
    case FSIM_BARRIER_HANDLER_UNALIGNED:
      h->state = AWFFBU;
      break;
    default:
      g_assert_not_reached ();
    }
}

void
fsim_single_handler_clear (FsimBarrierHandler *h)
{
  g_free (h->aligned);
  g_free (h->blocked);
  g_free (h->announced);
}

static gboolean
is_pending (FsimBarrierHandler *h)
{
  return h->current_id != h->last_cancelled_or_completed && h->current_id >= 0;
}

static gboolean
is_obsolete (FsimBarrierHandler *h, gint64 id)
{
  return h->current_id > id || (h->current_id == id && !is_pending (h));
}

static void
clear_aligned (FsimBarrierHandler *h)
{
  memset (h->aligned, 0, sizeof (gboolean) * (gsize) h->num_channels);
  h->n_aligned = 0;
}

static void
abort_internal (FsimBarrierHandler *h, gint64 id, FsimCheckpointFailureReason reason)
{
  /* every barrier up to id is obsolete from now on */
  h->current_id = MAX (id, h->current_id);
  h->last_cancelled_or_completed = MAX (h->last_cancelled_or_completed, id);
  h->has_pending_barrier = FALSE;
  clear_aligned (h);
  h->target = 0;
  h->timer_due_us = -1;
  state_abort (h, id);
  if (id == h->current_id)
    fsim_barrier_reset_alignment (h);
  fsim_barrier_notify_abort (h, id, reason);
  h->all_received = TRUE;
}

/* checkNewCheckpoint: a barrier (or announcement) of a newer checkpoint
 * subsumes the one in progress and starts its own alignment. */
static void
check_new_checkpoint (FsimBarrierHandler *h, const FsimCheckpointBarrier *b)
{
  if (h->current_id >= b->id)
    return;
  if (is_pending (h))
    abort_internal (h, h->current_id, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_SUBSUMED);
  h->current_id = b->id;
  h->pending_barrier = *b;
  h->has_pending_barrier = TRUE;
  clear_aligned (h);
  h->target = h->num_open_channels;
  h->all_received = FALSE;
  if (h->alternating && fsim_checkpoint_barrier_is_timeoutable (b))
    {
      /* BarrierAlignmentUtil.getTimerDelay: from the checkpoint's trigger time */
      gint64 delay = MAX (0, b->aligned_timeout_us - (h->now_us - b->timestamp_us));
      h->timer_due_us = h->now_us + delay;
      h->timer_barrier = *b;
    }
}

typedef enum { BY_BARRIER, BY_END_OF_PARTITION } AlignedBy;

static void
mark_aligned_and_transform (FsimBarrierHandler *h, int c, const FsimCheckpointBarrier *b,
                            AlignedBy by)
{
  if (!h->aligned[c])
    {
      h->aligned[c] = TRUE;
      h->n_aligned++;
    }
  if (h->n_aligned == 1 && h->target == 1)
    fsim_barrier_mark_alignment_start_and_end (h, b->id, b->timestamp_us);
  else if (h->n_aligned == 1)
    fsim_barrier_mark_alignment_start (h, b->id, b->timestamp_us);
  /* before the state triggers, so the checkpoint sees its final duration */
  if (h->n_aligned == h->target && h->target > 1)
    fsim_barrier_mark_alignment_end_now (h);
  if (by == BY_BARRIER)
    barrier_received (h, c, b);
  else
    end_of_partition_received (h, c);
  if (h->n_aligned == h->target)
    {
      clear_aligned (h);
      h->last_cancelled_or_completed = h->current_id;
      h->timer_due_us = -1;
      h->all_received = TRUE;
    }
}

void
fsim_single_handler_barrier (FsimBarrierHandler *h, const FsimCheckpointBarrier *b, int c)
{
  if (is_obsolete (h, b->id))
    {
      /* it blocked its subpartition when it was sent: let it go on */
      if (!is_unaligned (b))
        h->host->resume_channel (h->host_data, c);
      return;
    }
  check_new_checkpoint (h, b);
  g_assert (h->current_id == b->id);
  mark_aligned_and_transform (h, c, b, BY_BARRIER);
}

void
fsim_single_handler_announcement (FsimBarrierHandler *h, const FsimCheckpointBarrier *b, int seq,
                                  int c)
{
  check_new_checkpoint (h, b);
  if (is_obsolete (h, b->id))
    return;
  announcement_received (h, c, seq);
}

void
fsim_single_handler_cancellation (FsimBarrierHandler *h, gint64 id, int c)
{
  (void) c;
  if (id > h->current_id || (id == h->current_id && h->n_aligned > 0))
    abort_internal (h, id, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER);
}

void
fsim_single_handler_end_of_partition (FsimBarrierHandler *h, int c)
{
  h->num_open_channels--;
  if (!h->after_finish)
    {
      if (is_pending (h))
        abort_internal (h, h->current_id,
                        FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_INPUT_END_OF_STREAM);
      return;
    }
  if (!is_pending (h))
    return;
  g_assert (h->has_pending_barrier);
  FsimCheckpointBarrier b = h->pending_barrier;
  mark_aligned_and_transform (h, c, &b, BY_END_OF_PARTITION);
}

void
fsim_single_handler_timer (FsimBarrierHandler *h)
{
  FsimCheckpointBarrier b = h->timer_barrier;
  h->timer_due_us = -1;
  /* getAllBarriersReceivedFuture(id).isDone() */
  gboolean done = h->all_received || h->num_open_channels == 0;
  if (h->current_id == b.id && !done)
    aligned_checkpoint_timeout (h, &b);
}

void
fsim_single_handler_pending (FsimBarrierHandler *h, GArray *ids)
{
  if (is_pending (h))
    g_array_append_val (ids, h->current_id);
}
