/* barrier-tracker.c - CheckpointBarrierTracker: AT_LEAST_ONCE barrier
 * handling. Nothing is blocked (the barrier is a plain event and does not
 * block its subpartition); the tracker counts the barriers of each
 * checkpoint (CheckpointBarrierCount, at most MAX_CHECKPOINTS_TO_TRACK = 50,
 * oldest first) and triggers one when its last channel delivered it; that
 * drops every older one without a word. Records polled from a channel
 * after its barrier are therefore in the snapshot, and replayed after a
 * restore: at least once. Only the newest checkpoint's alignment is timed. */
#include "config.h"

#include "checkpoint/barrier-handler-private.h"

#define MAX_CHECKPOINTS_TO_TRACK 50

typedef struct {
  gint64 id;
  int target;                   /* the open channels when it was created */
  gboolean *aligned;            /* [num_channels] */
  int n_aligned;
  gboolean has_barrier;         /* FALSE: a marker made by a cancellation */
  FsimCheckpointBarrier barrier;
  gboolean aborted;
} BarrierCount;

static BarrierCount *
count_new (FsimBarrierHandler *h, gint64 id, int channel)
{
  BarrierCount *bc = g_new0 (BarrierCount, 1);
  bc->id = id;
  bc->target = h->num_open_channels;
  bc->aligned = g_new0 (gboolean, h->num_channels);
  bc->aligned[channel] = TRUE;
  bc->n_aligned = 1;
  return bc;
}

static void
count_free (gpointer p)
{
  BarrierCount *bc = p;
  g_free (bc->aligned);
  g_free (bc);
}

/* markChannelAligned: the count of distinct channels after adding. */
static int
count_mark (BarrierCount *bc, int channel)
{
  if (!bc->aligned[channel])
    {
      bc->aligned[channel] = TRUE;
      bc->n_aligned++;
    }
  return bc->n_aligned;
}

/* markAborted: TRUE the first time. */
static gboolean
count_abort (BarrierCount *bc)
{
  gboolean first = !bc->aborted;
  bc->aborted = TRUE;
  return first;
}

void
fsim_tracker_init (FsimBarrierHandler *h)
{
  h->state = FSIM_BARRIER_STATE_NONE;
  h->tracked = g_queue_new ();
  h->latest_pending_id = -1;
}

void
fsim_tracker_clear (FsimBarrierHandler *h)
{
  g_queue_free_full (h->tracked, count_free);
}

static void
drop_first (FsimBarrierHandler *h, int n)
{
  for (int i = 0; i < n; i++)
    count_free (g_queue_pop_head (h->tracked));
}

static void
trigger_on_aligned (FsimBarrierHandler *h, const BarrierCount *bc)
{
  /* one alignment is timed at a time: the newest */
  if (bc->id == h->latest_pending_id)
    fsim_barrier_mark_alignment_end_now (h);
  g_assert (bc->has_barrier);
  fsim_barrier_notify_checkpoint (h, &bc->barrier);
}

/* Removes entries 0..pos (this one and the older ones it subsumes) and
 * triggers it unless it was aborted. */
static void
complete_at (FsimBarrierHandler *h, int pos)
{
  BarrierCount *bc = g_queue_peek_nth (h->tracked, (guint) pos);
  g_queue_pop_nth (h->tracked, (guint) pos);
  drop_first (h, pos);
  if (!bc->aborted)
    trigger_on_aligned (h, bc);
  count_free (bc);
}

void
fsim_tracker_barrier (FsimBarrierHandler *h, const FsimCheckpointBarrier *b, int c)
{
  /* the fast path, for new checkpoints only */
  if (b->id > h->latest_pending_id && h->num_open_channels == 1)
    {
      fsim_barrier_mark_alignment_start_and_end (h, b->id, b->timestamp_us);
      fsim_barrier_notify_checkpoint (h, b);
      return;
    }
  int pos = 0;
  for (GList *l = h->tracked->head; l; l = l->next, pos++)
    {
      BarrierCount *bc = l->data;
      if (bc->id != b->id)
        continue;
      if (count_mark (bc, c) == bc->target)
        complete_at (h, pos);
      return;
    }
  /* the first barrier of a checkpoint newer than any seen; an older one
   * can never complete */
  if (b->id <= h->latest_pending_id)
    return;
  fsim_barrier_mark_alignment_start (h, b->id, b->timestamp_us);
  h->latest_pending_id = b->id;
  BarrierCount *bc = count_new (h, b->id, c);
  bc->has_barrier = TRUE;
  bc->barrier = *b;
  g_queue_push_tail (h->tracked, bc);
  if (g_queue_get_length (h->tracked) > MAX_CHECKPOINTS_TO_TRACK)
    drop_first (h, 1);
}

static void
abort_on_cancellation (FsimBarrierHandler *h, gint64 id)
{
  fsim_barrier_notify_abort (h, id,
                             FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER);
}

void
fsim_tracker_cancellation (FsimBarrierHandler *h, gint64 id, int c)
{
  if (id > h->latest_pending_id && h->num_open_channels == 1)
    {
      fsim_barrier_reset_alignment (h);
      abort_on_cancellation (h, id);
      return;
    }
  /* the older ones are aborted on the way */
  BarrierCount *bc;
  while ((bc = g_queue_peek_head (h->tracked)) != NULL && bc->id < id)
    {
      g_queue_pop_head (h->tracked);
      if (count_abort (bc))
        abort_on_cancellation (h, bc->id);
      count_free (bc);
    }
  if (bc != NULL && bc->id == id)
    {
      if (count_abort (bc))
        abort_on_cancellation (h, id);
      /* still counted, to forget it once every channel sent its marker */
      if (count_mark (bc, c) == bc->target)
        drop_first (h, 1);
    }
  else if (id > h->latest_pending_id)
    {
      abort_on_cancellation (h, id);
      h->latest_pending_id = id;
      BarrierCount *marker = count_new (h, id, c);
      count_abort (marker);
      g_queue_push_head (h->tracked, marker);
    }
}

void
fsim_tracker_end_of_partition (FsimBarrierHandler *h, int c)
{
  h->num_open_channels--;
  if (!h->after_finish)
    {
      BarrierCount *bc;
      while ((bc = g_queue_pop_head (h->tracked)) != NULL)
        {
          if (count_abort (bc))
            fsim_barrier_notify_abort (h, bc->id,
                                       FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_INPUT_END_OF_STREAM);
          count_free (bc);
        }
      fsim_barrier_reset_alignment (h);
      return;
    }
  /* the newest pending checkpoint that waited only for this channel; the
   * channel counts as aligned in every one scanned on the way */
  int pos = (int) g_queue_get_length (h->tracked);
  for (GList *l = h->tracked->tail; l; l = l->prev)
    {
      BarrierCount *bc = l->data;
      pos--;
      if (count_mark (bc, c) == bc->target)
        {
          complete_at (h, pos);
          return;
        }
    }
}

gint64
fsim_tracker_latest_checkpoint_id (FsimBarrierHandler *h)
{
  BarrierCount *bc = g_queue_peek_tail (h->tracked);
  return bc ? bc->id : -1;
}

void
fsim_tracker_pending (FsimBarrierHandler *h, GArray *ids)
{
  for (GList *l = h->tracked->head; l; l = l->next)
    {
      BarrierCount *bc = l->data;
      if (!bc->aborted)
        g_array_append_val (ids, bc->id);
    }
}
