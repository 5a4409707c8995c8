/* request-decider.c - CheckpointRequestDecider: which trigger request runs.
 *
 * Flink's CheckpointCoordinator hands every CheckpointTriggerRequest to its
 * decider, which keeps a sorted queue (savepoints, then forced requests,
 * then manual before periodic, then oldest first) of at most
 * maxQueuedRequests, and answers with the one request to start now, if any:
 * none while a trigger is in progress, while more than maxConcurrent
 * completed checkpoints are being cleaned up, or while maxConcurrent
 * checkpoints are pending (unless the head is forced); a periodic head that
 * comes before min-pause has passed since the last completion is dropped and
 * the periodic trigger rescheduled to the end of the pause. */
#include "config.h"

#include "checkpoint/coordinator-private.h"

struct _FsimCheckpointRequestDecider {
  int max_concurrent;           /* maxConcurrentCheckpointAttempts */
  gint64 min_pause_us;          /* minPauseBetweenCheckpoints */
  int max_queued;               /* maxQueuedRequests */
  const FsimCheckpointDeciderHost *host;
  gpointer host_data;
  GArray *queued;               /* FsimCheckpointTriggerRequest, sorted, head first */
};

FsimCheckpointRequestDecider *
fsim_checkpoint_request_decider_new (int max_concurrent, gint64 min_pause_us, int max_queued,
                                     const FsimCheckpointDeciderHost *host, gpointer host_data)
{
  g_assert (max_concurrent > 0 && max_queued > 0);
  g_assert (host->reschedule_trigger && host->request_failed);
  FsimCheckpointRequestDecider *d = g_new0 (FsimCheckpointRequestDecider, 1);
  d->max_concurrent = max_concurrent;
  d->min_pause_us = min_pause_us;
  d->max_queued = max_queued;
  d->host = host;
  d->host_data = host_data;
  d->queued = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointTriggerRequest));
  return d;
}

void
fsim_checkpoint_request_decider_free (FsimCheckpointRequestDecider *d)
{
  if (d == NULL)
    return;
  g_array_unref (d->queued);
  g_free (d);
}

/* checkpointTriggerRequestsComparator: < 0 when a runs before b. */
static int
compare (const FsimCheckpointTriggerRequest *a, const FsimCheckpointTriggerRequest *b)
{
  if (a->savepoint != b->savepoint)
    return a->savepoint ? -1 : 1;
  if (a->force != b->force)
    return a->force ? -1 : 1;
  if (a->periodic != b->periodic)
    return a->periodic ? 1 : -1;
  if (a->timestamp_us != b->timestamp_us)
    return a->timestamp_us < b->timestamp_us ? -1 : 1;
  return a->number < b->number ? -1 : a->number > b->number;
}

static void
insert_sorted (FsimCheckpointRequestDecider *d, const FsimCheckpointTriggerRequest *r)
{
  /* from the tail: a new periodic request is the usual one, and it goes last */
  guint i = d->queued->len;
  while (i > 0 && compare (r, &g_array_index (d->queued, FsimCheckpointTriggerRequest, i - 1)) < 0)
    i--;
  g_array_insert_val (d->queued, i, *r);
}

static FsimCheckpointTriggerRequest
poll (FsimCheckpointRequestDecider *d, guint index)
{
  FsimCheckpointTriggerRequest r = g_array_index (d->queued, FsimCheckpointTriggerRequest, index);
  g_array_remove_index (d->queued, index);
  return r;
}

static gboolean
choose (FsimCheckpointRequestDecider *d, const FsimCheckpointDeciderState *st,
        FsimCheckpointTriggerRequest *out)
{
  if (st->is_triggering || d->queued->len == 0 || st->n_cleaning > d->max_concurrent)
    return FALSE;
  const FsimCheckpointTriggerRequest *first = &g_array_index (d->queued,
                                                              FsimCheckpointTriggerRequest, 0);
  if (st->n_pending >= d->max_concurrent)
    {
      /* only a forced request passes maxConcurrent; the others stay queued */
      if (!first->force)
        return FALSE;
      *out = poll (d, 0);
      return TRUE;
    }
  if (!first->force && first->periodic)
    {
      gint64 delay = st->last_completion_us - st->now_us + d->min_pause_us;
      if (delay > 0)
        {
          FsimCheckpointTriggerRequest dropped = poll (d, 0);
          d->host->request_failed (d->host_data, &dropped,
                                   FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS);
          d->host->reschedule_trigger (d->host_data, st->now_us, delay);
          return FALSE;
        }
    }
  *out = poll (d, 0);
  return TRUE;
}

gboolean
fsim_checkpoint_request_decider_submit (FsimCheckpointRequestDecider *d,
                                        const FsimCheckpointTriggerRequest *request,
                                        const FsimCheckpointDeciderState *st,
                                        FsimCheckpointTriggerRequest *out)
{
  if (d->queued->len >= (guint) d->max_queued
      && !g_array_index (d->queued, FsimCheckpointTriggerRequest, d->queued->len - 1).periodic)
    {
      /* only manual (user) requests wait: they are kept, the new one goes */
      d->host->request_failed (d->host_data, request,
                               FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS);
      return FALSE;
    }
  insert_sorted (d, request);
  if (d->queued->len > (guint) d->max_queued)
    {
      FsimCheckpointTriggerRequest last = poll (d, d->queued->len - 1);
      d->host->request_failed (d->host_data, &last,
                               FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS);
    }
  return choose (d, st, out);
}

gboolean
fsim_checkpoint_request_decider_choose_queued (FsimCheckpointRequestDecider *d,
                                               const FsimCheckpointDeciderState *st,
                                               FsimCheckpointTriggerRequest *out)
{
  return choose (d, st, out);
}

void
fsim_checkpoint_request_decider_abort_all (FsimCheckpointRequestDecider *d,
                                           FsimCheckpointFailureReason reason)
{
  while (d->queued->len > 0)
    {
      FsimCheckpointTriggerRequest r = poll (d, 0);
      d->host->request_failed (d->host_data, &r, reason);
    }
}

guint
fsim_checkpoint_request_decider_get_n_queued (FsimCheckpointRequestDecider *d)
{
  return d->queued->len;
}

const FsimCheckpointTriggerRequest *
fsim_checkpoint_request_decider_get_queued (FsimCheckpointRequestDecider *d, guint index)
{
  g_assert (index < d->queued->len);
  return &g_array_index (d->queued, FsimCheckpointTriggerRequest, index);
}
