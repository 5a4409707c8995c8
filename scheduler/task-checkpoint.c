/* task-checkpoint.c - a running task's side of a checkpoint
 * (SubtaskCheckpointCoordinatorImpl, CheckpointedInputGate and the
 * barrier handler InputProcessorUtil picks).
 *
 * A source is triggered by the coordinator's RPC (Execution.triggerCheckpoint
 * -> StreamTask.triggerCheckpointAsync, a mail its mailbox runs between two
 * steps, stream-task.c). Any other task gets its trigger from its barrier
 * handler (checkpoint/), fed with every barrier, cancel marker and end of
 * partition it polls:
 *
 *   EXACTLY_ONCE                SingleCheckpointBarrierHandler.aligned
 *   EXACTLY_ONCE + unaligned    SingleCheckpointBarrierHandler.alternating
 *   AT_LEAST_ONCE               CheckpointBarrierTracker
 *
 * Performing a checkpoint (SubtaskCheckpointCoordinatorImpl.checkpointState):
 * the barrier goes to every output first (RecordWriter.broadcastEvent; an
 * unaligned one overtakes the queued buffers, which become output channel
 * state), then the synchronous part of the snapshot runs on the task thread
 * (the task takes no input meanwhile), then the asynchronous part writes
 * what was snapshotted, and the task acknowledges to the JobMaster
 * (sim.rpc-latency later). An unaligned checkpoint's asynchronous part also
 * waits for its input channel state: what each input channel held before
 * its barrier (ChannelStatePersister), complete when the last barrier is in.
 *
 * State, the model (docs/checkpoints.md): an operator with .stateSize(b)
 * keeps b bytes of keyed state per distinct key it has seen; a source keeps
 * its split's offset (8 bytes, SourceOperator's operator state). hashmap
 * (HeapKeyedStateBackend) snapshots copy-on-write: its synchronous part
 * takes no time and its asynchronous part writes the whole state; rocksdb
 * flushes what changed since the last snapshot in the synchronous part and,
 * with execution.checkpointing.incremental, writes only that; both at
 * sim.state-backend-bandwidth. Channel state is written at the same rate.
 */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler-private.h"

/* SourceOperator's operator state: the split and its offset. */
#define SOURCE_OFFSET_BYTES 8

/* One checkpoint the task performs (its snapshot in progress). */
typedef struct {
  TaskCheckpoint *tc;
  FsimCheckpointBarrier barrier;
  gint64 started_us;
  gint64 state_size;            /* keyed + operator state */
  gint64 state_written;         /* what the asynchronous part writes of it */
  gint64 persisted_in;          /* input channel state */
  gint64 persisted_out;         /* output channel state */
  gint64 sync_us, async_us;
  gboolean metrics_known;
  FsimCheckpointMetrics metrics;
  gboolean sync_done;
  gboolean channel_state_done;
  FsimEventId event;            /* sync or async end */
  char *late_why;
} Snap;

/* The barrier of the current alignment that came last, for the why. */
typedef struct {
  gint64 id;
  int channel;
  gint64 first_us;              /* the checkpoint's first barrier here */
  gint64 polled_us;
  gint64 sent_us;               /* when its producer broadcast it */
  int queued_ahead;             /* buffers ahead of it on the way */
  gboolean priority;
  const char *producer;         /* "Map (3/4)" */
} LastBarrier;

struct _TaskCheckpoint {
  FsimCluster *c;
  Execution *e;
  GPtrArray *writers;           /* the task's RecordWriters (borrowed) */
  FsimBarrierHandler *handler;  /* NULL for a source */
  int n_channels;
  int *gate_offset;             /* [n_gates]: first flat channel of each gate */
  DataChannel **channels;       /* [n_channels], as each first delivers */
  gint64 *arrived_id;           /* [n_channels]: last barrier that arrived */
  gint64 *arrived_overtaken;    /* [n_channels]: data bytes it jumped */
  int *arrived_buffers;         /* [n_channels]: data buffers it jumped */
  FsimEventId timer;            /* the handler's alignment timer */
  FsimEventId output_timer;     /* a timeoutable barrier's, on the outputs */
  gint64 output_timer_id;
  GPtrArray *snaps;             /* Snap*, in progress */
  gint64 started_id;            /* checkpointStarted before its trigger */
  gint64 started_bytes;
  LastBarrier last;
  /* keyed state, per chain operator with .stateSize() */
  gint64 epoch;                 /* the last barrier it sent */
  SubtaskStore *store;          /* its state (subtask-state.c), borrowed */
};

/* --- the handler's host ----------------------------------------------------- */

static Snap *
snap_of (TaskCheckpoint *tc, gint64 id)
{
  for (guint i = 0; i < tc->snaps->len; i++)
    {
      Snap *s = g_ptr_array_index (tc->snaps, i);
      if (s->barrier.id == id)
        return s;
    }
  return NULL;
}

static void
snap_free (Snap *s)
{
  fsim_sim_cancel (s->tc->c->sim, s->event);
  g_free (s->late_why);
  g_free (s);
}

static FsimTraceRecord
task_record (TaskCheckpoint *tc, FsimSchedKind k, gint64 id, const char *why)
{
  FsimTraceRecord r = fsim_sched_execution_record (tc->c, tc->e, k, why);
  r.checkpoint = id;
  return r;
}

static double
ms (gint64 us)
{
  return (double) us / 1000.0;
}

static void trigger_checkpoint (gpointer data, const FsimCheckpointBarrier *barrier);

/* The task declines (abortCheckpointOnBarrier): the JobMaster hears it
 * after sim.rpc-latency; downstream gets a CancelCheckpointMarker. */
typedef struct {
  FsimCluster *c;
  FsimExecutionAttemptId id;
  char *label;
  gint64 checkpoint;
  char *cause;
  FsimCheckpointFailureReason reason;
  gboolean ack;
  FsimSubtaskCheckpointStats stats;
  char *why;
} AckRpc;

static void
ack_rpc_free (AckRpc *rpc)
{
  g_free (rpc->label);
  g_free (rpc->cause);
  g_free (rpc->why);
  g_free (rpc);
}

static void
jm_receives_ack (FsimSim *sim, gpointer payload)
{
  (void) sim;
  AckRpc *rpc = payload;
  FsimCheckpointCoordinator *cc = rpc->c->job->checkpoints;
  if (cc == NULL)
    return;
  FsimCheckpointTask task = { rpc->id.vertex, rpc->id.subtask, rpc->id.attempt, rpc->label };
  if (rpc->ack)
    {
      rpc->stats.late_barrier_why = rpc->why;
      fsim_checkpoint_coordinator_acknowledge (cc, &task, rpc->checkpoint, &rpc->stats);
    }
  else
    fsim_checkpoint_coordinator_decline_with_reason (cc, &task, rpc->checkpoint, rpc->reason,
                                                     rpc->cause);
}

static AckRpc *
ack_rpc_new (TaskCheckpoint *tc, gint64 id)
{
  AckRpc *rpc = g_new0 (AckRpc, 1);
  rpc->c = tc->c;
  rpc->id = fsim_sched_execution_id (tc->e);
  rpc->label = g_strdup (tc->e->label);
  rpc->checkpoint = id;
  return rpc;
}

static void
broadcast (TaskCheckpoint *tc, const FsimCheckpointBarrier *b, gboolean cancel, gint64 *persisted)
{
  gint64 bytes = 0;
  for (guint i = 0; i < tc->writers->len; i++)
    bytes += fsim_sched_writer_broadcast_checkpoint_event (g_ptr_array_index (tc->writers, i), b,
                                                           cancel);
  if (persisted)
    *persisted = bytes;
}

static void
abort_checkpoint (gpointer data, gint64 id, FsimCheckpointFailureReason reason)
{
  TaskCheckpoint *tc = data;
  Snap *s = snap_of (tc, id);
  if (s)
    g_ptr_array_remove (tc->snaps, s);
  FsimCheckpointBarrier marker = { .id = id };
  broadcast (tc, &marker, TRUE, NULL);
  g_autofree char *detail = g_strdup_printf ("%s: %s", fsim_checkpoint_failure_reason_name (reason),
                                             fsim_checkpoint_failure_reason_message (reason));
  FsimTraceRecord r = task_record (tc, FSIM_SCHED_KIND_CHECKPOINT_ABORTED_AT_TASK, id,
                                   "the barrier handler aborts the checkpoint "
                                   "(abortCheckpointOnBarrier): the task declines it to the "
                                   "JobMaster and sends a CancelCheckpointMarker downstream");
  r.detail = detail;
  fsim_sched_cluster_trace (tc->c, &r);
  AckRpc *rpc = ack_rpc_new (tc, id);
  rpc->cause = g_strdup (detail);
  rpc->reason = reason;
  fsim_sched_cluster_rpc (tc->c, jm_receives_ack, rpc, (GDestroyNotify) ack_rpc_free);
}

static void maybe_start_async (Snap *s);

static void
metrics_known (gpointer data, gint64 id, const FsimCheckpointMetrics *m)
{
  TaskCheckpoint *tc = data;
  Snap *s = snap_of (tc, id);
  if (s == NULL)
    return;
  s->metrics_known = TRUE;
  s->metrics = *m;
  maybe_start_async (s);
}

static void
resume_channel (gpointer data, int channel)
{
  TaskCheckpoint *tc = data;
  DataChannel *ch = tc->channels[channel];
  if (ch == NULL || !fsim_channel_is_blocked (ch->wire))
    return;
  fsim_channel_resume (ch->wire);
  gint64 id = fsim_barrier_handler_get_latest_checkpoint_id (tc->handler);
  gint64 now = fsim_sim_now (tc->c->sim);
  FsimTraceRecord r = task_record (tc, FSIM_SCHED_KIND_CHANNEL_RESUMED, id,
                                   "CheckpointedInputGate.resumeConsumption: the alignment is "
                                   "over for this channel; its producer may send again "
                                   "(ResumeConsumption, after the channel's latency)");
  /* a channel blocked by its barrier's delivery alone (resumed at once:
   * the barrier was obsolete or ended the alignment) had no block record */
  g_autofree char *held = ch->block_traced ? fsim_duration_text (now - ch->blocked_us) : NULL;
  g_autofree char *detail = g_strdup_printf (
    "channel %d from %s, checkpoint %" PRId64 ": read again%s%s", channel,
    fsim_sched_writer_producer (ch->writer)->vertex->name, id, held ? " after " : "",
    held ? held : " at once: it waited for no other channel's barrier");
  r.channel = channel;
  r.detail = detail;
  r.values[0] = ch->block_traced ? now - ch->blocked_us : 0;
  ch->block_traced = FALSE;
  fsim_sched_cluster_trace (tc->c, &r);
}

static gint64
data_bytes_in (const DataChannel *ch, gboolean before_barrier)
{
  gint64 bytes = 0;
  for (GList *l = ch->received.head; l; l = l->next)
    {
      NetBuffer *b = l->data;
      if (b->checkpoint_event && before_barrier)
        break;
      if (!fsim_sched_net_buffer_is_event (b))
        bytes += b->bytes;
    }
  return bytes;
}

/* A buffer's records become input channel state of checkpoint id: this
 * task reads them first after a restore from it. */
static void
persist_buffer (TaskCheckpoint *tc, gint64 id, const NetBuffer *b)
{
  fsim_sched_channel_state_add (tc->c, id, tc->e->vertex->job_vertex->index,
                                tc->e->vertex->subtask, b->records, b->n_records);
}

/* The data buffers of ch before its barrier: all of them, or the first
 * `first` when its priority barrier overtook them (-1: no limit). */
static void
persist_received (TaskCheckpoint *tc, gint64 id, DataChannel *ch, int first)
{
  for (GList *l = ch->received.head; l && first != 0; l = l->next)
    {
      NetBuffer *b = l->data;
      if (b->checkpoint_event && !b->priority)
        break;                  /* an aligned barrier: what follows is after it */
      if (fsim_sched_net_buffer_is_event (b))
        continue;
      persist_buffer (tc, id, b);
      first -= first > 0;
    }
}

/* checkpointStarted on every input: what each channel holds before its
 * barrier is input channel state, and so is the rest of the buffer being
 * read (StreamTaskNetworkInput.prepareSnapshot). */
static void
checkpoint_started (gpointer data, const FsimCheckpointBarrier *b)
{
  TaskCheckpoint *tc = data;
  gint64 bytes = 0;
  guint unread = 0;
  const RecordFact *rest = fsim_sched_stream_task_unread (tc->e, &unread);
  fsim_sched_channel_state_add (tc->c, b->id, tc->e->vertex->job_vertex->index,
                                tc->e->vertex->subtask, rest, unread);
  for (int i = 0; i < tc->n_channels; i++)
    {
      DataChannel *ch = tc->channels[i];
      if (ch == NULL || !fsim_channel_state_persister_start (&ch->persister, b->id))
        continue;
      gboolean arrived = tc->arrived_id[i] == b->id;
      bytes += arrived ? tc->arrived_overtaken[i] : data_bytes_in (ch, TRUE);
      persist_received (tc, b->id, ch, arrived ? tc->arrived_buffers[i] : -1);
    }
  /* the handler starts the channel state just before it triggers */
  Snap *s = snap_of (tc, b->id);
  if (s)
    s->persisted_in += bytes;
  else
    {
      tc->started_id = b->id;
      tc->started_bytes = bytes;
    }
}

static void
checkpoint_stopped (gpointer data, gint64 id)
{
  TaskCheckpoint *tc = data;
  for (int i = 0; i < tc->n_channels; i++)
    if (tc->channels[i])
      fsim_channel_state_persister_stop (&tc->channels[i]->persister, id);
  Snap *s = snap_of (tc, id);
  if (s && !s->channel_state_done)
    {
      s->channel_state_done = TRUE;
      maybe_start_async (s);
    }
}

/* RemoteInputChannel.convertToPriorityEvent */
static void
prioritize_barrier (gpointer data, int channel, int sequence_number)
{
  TaskCheckpoint *tc = data;
  DataChannel *ch = tc->channels[channel];
  if (ch == NULL)
    return;
  gint64 ahead = 0;
  int buffers = 0;
  for (GList *l = ch->received.head; l; l = l->next)
    {
      NetBuffer *b = l->data;
      if (b->checkpoint_event && (int) b->seq == sequence_number)
        {
          b->priority = TRUE;
          tc->arrived_overtaken[channel] = ahead;
          tc->arrived_buffers[channel] = buffers;
          fsim_sched_channel_to_priority (ch, b);
          return;
        }
      if (!fsim_sched_net_buffer_is_event (b))
        ahead += b->bytes, buffers++;
    }
}

static const FsimBarrierHandlerHost handler_host = {
  trigger_checkpoint, abort_checkpoint, metrics_known, resume_channel,
  checkpoint_started, checkpoint_stopped, prioritize_barrier,
};

/* --- the snapshot ------------------------------------------------------------- */

static gint64
transfer_us (TaskCheckpoint *tc, gint64 bytes)
{
  gint64 bw = MAX (tc->c->settings.state_backend_bandwidth, 1);
  return (gint64) ((double) bytes * G_USEC_PER_SEC / (double) bw + 0.5);
}

/* The keyed and operator state now, and what changed since the last
 * snapshot; the store keeps it as this checkpoint's (a new generation). */
static void
measure_state (TaskCheckpoint *tc, gint64 id, gint64 *total, gint64 *changed)
{
  fsim_sched_store_measure (tc->store, total, changed);
  if (tc->handler == NULL)
    {
      *total += SOURCE_OFFSET_BYTES;
      *changed += SOURCE_OFFSET_BYTES;
    }
  gint64 latest = MAX (fsim_checkpoint_coordinator_get_latest_completed (tc->c->job->checkpoints), 0);
  fsim_sched_store_snapshot (tc->store, id, fsim_sched_stream_task_source_offset (tc->e), latest);
  fsim_sched_stream_task_snapshot_windows (tc->e, tc->store);
  fsim_sched_channel_state_prune (tc->c, latest);
}

static char *
late_why (TaskCheckpoint *tc, gint64 id)
{
  const LastBarrier *l = &tc->last;
  if (tc->handler == NULL || l->id != id)
    return NULL;
  g_autofree char *after = fsim_duration_text (l->polled_us - l->first_us);
  if (l->priority)
    return g_strdup_printf (
      "barrier %" PRId64 " came last on channel %d from %s, %s after the first; it "
      "overtook the buffers queued ahead of it (unaligned), so it waited only for its "
      "producer to send it", id, l->channel, l->producer, after);
  g_autofree char *waited = fsim_duration_text (l->polled_us - l->sent_us);
  if (l->queued_ahead == 0)
    /* nothing queued ahead: the barrier came late because its producer
     * sent it late (a slow upstream, a later trigger), not backpressure */
    return g_strdup_printf (
      "barrier %" PRId64 " came last on channel %d from %s, %s after the first: no buffer "
      "was queued ahead of it, it took %s from its producer sending it to this task "
      "reading it, so its producer sent it late", id, l->channel, l->producer, after, waited);
  return g_strdup_printf (
    "barrier %" PRId64 " came last on channel %d from %s, %s after the first: it waited "
    "%s from its producer sending it to this task reading it, behind %d buffer%s queued "
    "ahead of it (this task reads them at its own pace: it backpressures %s)",
    id, l->channel, l->producer, after, waited, l->queued_ahead,
    l->queued_ahead == 1 ? "" : "s", l->producer);
}

static void
async_done (FsimSim *sim, gpointer payload)
{
  (void) sim;
  Snap *s = ((gpointer *) payload)[0];
  TaskCheckpoint *tc = s->tc;
  s->event = FSIM_EVENT_NONE;
  gint64 persisted = s->persisted_in + s->persisted_out;
  g_autofree char *detail = g_strdup_printf (
    "asynchronous part %.1f ms: %" PRId64 " byte%s of state%s, %" PRId64 " byte%s of in-flight "
    "data; acknowledged to the JobMaster%s%s", ms (s->async_us), s->state_written,
    s->state_written == 1 ? "" : "s",
    tc->c->settings.incremental ? " (incremental: what changed)" : "", persisted,
    persisted == 1 ? "" : "s",
    s->late_why ? ". Last barrier: " : "", s->late_why ? s->late_why : "");
  FsimTraceRecord r = task_record (tc, FSIM_SCHED_KIND_SNAPSHOT_DONE, s->barrier.id,
                                   "AsyncCheckpointRunnable: the snapshot is written to "
                                   "checkpoint storage (sim.state-backend-bandwidth); the task "
                                   "acknowledges (acknowledgeCheckpoint)");
  r.detail = detail;
  r.values[0] = s->async_us;
  r.values[1] = s->state_written + persisted;
  r.values[2] = persisted;
  fsim_sched_cluster_trace (tc->c, &r);
  AckRpc *rpc = ack_rpc_new (tc, s->barrier.id);
  rpc->ack = TRUE;
  gint64 now = fsim_sim_now (tc->c->sim);
  rpc->stats = (FsimSubtaskCheckpointStats) {
    .state_size = s->state_size + persisted,
    .checkpointed_size = s->state_written + persisted,
    .sync_us = s->sync_us,
    .async_us = now - s->started_us - s->sync_us,
    .alignment_us = s->metrics.alignment_duration_us,
    .start_delay_us = s->metrics.start_delay_us,
    .processed_bytes = s->metrics.bytes_processed_during_alignment,
    .persisted_bytes = persisted,
    .unaligned = s->barrier.alignment == FSIM_ALIGNMENT_UNALIGNED,
  };
  rpc->why = g_steal_pointer (&s->late_why);
  fsim_sched_cluster_rpc (tc->c, jm_receives_ack, rpc, (GDestroyNotify) ack_rpc_free);
  g_ptr_array_remove (tc->snaps, s);
}

static gpointer *
snap_payload (Snap *s)
{
  gpointer *pl = g_new (gpointer, 1);
  pl[0] = s;
  return pl;
}

static void
maybe_start_async (Snap *s)
{
  if (!s->sync_done || !s->channel_state_done || s->event != FSIM_EVENT_NONE
      || (!s->metrics_known && s->tc->handler != NULL))
    return;
  s->async_us = transfer_us (s->tc, s->state_written + s->persisted_in + s->persisted_out);
  s->late_why = late_why (s->tc, s->barrier.id);
  s->event = fsim_sim_schedule_in (s->tc->c->sim, s->async_us, FSIM_PRIORITY_DEFAULT, async_done,
                                   snap_payload (s), g_free);
}

static void
sync_done (FsimSim *sim, gpointer payload)
{
  (void) sim;
  Snap *s = ((gpointer *) payload)[0];
  s->event = FSIM_EVENT_NONE;
  s->sync_done = TRUE;
  maybe_start_async (s);
}

static void output_timer_due (FsimSim *sim, gpointer payload);

/* SubtaskCheckpointCoordinatorImpl.registerAlignmentTimer: a timeoutable
 * barrier still queued on an output when the aligned-checkpoint-timeout
 * runs out (from the barrier's timestamp) is turned into an unaligned one. */
static void
register_output_timer (TaskCheckpoint *tc, const FsimCheckpointBarrier *b)
{
  if (tc->writers->len == 0 || !fsim_checkpoint_barrier_is_timeoutable (b))
    return;
  fsim_sim_cancel (tc->c->sim, tc->output_timer);
  tc->output_timer_id = b->id;
  gint64 at = MAX (b->timestamp_us + b->aligned_timeout_us, fsim_sim_now (tc->c->sim));
  gpointer *pl = g_new (gpointer, 1);
  pl[0] = tc;
  tc->output_timer = fsim_sim_schedule_at (tc->c->sim, at, FSIM_PRIORITY_DEFAULT,
                                           output_timer_due, pl, g_free);
}

static void
output_timer_due (FsimSim *sim, gpointer payload)
{
  (void) sim;
  TaskCheckpoint *tc = ((gpointer *) payload)[0];
  tc->output_timer = FSIM_EVENT_NONE;
  gint64 bytes = 0;
  for (guint i = 0; i < tc->writers->len; i++)
    bytes += fsim_sched_writer_barrier_timeout (g_ptr_array_index (tc->writers, i),
                                                tc->output_timer_id);
  Snap *s = snap_of (tc, tc->output_timer_id);
  if (s && s->event == FSIM_EVENT_NONE)
    s->persisted_out += bytes;
  if (bytes == 0)
    return;
  g_autofree char *detail = g_strdup_printf ("%" PRId64 " byte%s overtaken on the outputs",
                                             bytes, bytes == 1 ? "" : "s");
  FsimTraceRecord r = task_record (tc, FSIM_SCHED_KIND_BARRIER_SENT, tc->output_timer_id,
                                   "execution.checkpointing.aligned-checkpoint-timeout ran out "
                                   "with the barrier still queued: PipelinedSubpartition."
                                   "alignedBarrierTimeout makes it unaligned, ahead of the "
                                   "buffers, which become output channel state");
  r.detail = detail;
  r.values[0] = bytes;
  r.values[1] = 0;
  fsim_sched_cluster_trace (tc->c, &r);
}

static void
perform (TaskCheckpoint *tc, const FsimCheckpointBarrier *received)
{
  gint64 now = fsim_sim_now (tc->c->sim);
  /* StreamTask.performCheckpoint: setSynchronousSavepoint */
  if (received->synchronous)
    fsim_sched_stream_task_set_sync_savepoint (tc->e, received->id);
  /* SubtaskCheckpointCoordinatorImpl.checkpointState: a checkpoint forced
   * to be aligned on a pointwise input is unaligned again from here on, so
   * that it can overtake this task's output (withUnalignedSupported) */
  FsimCheckpointBarrier reverted = *received;
  if (reverted.forced_aligned)
    {
      /* withUnalignedSupported: aligned with its timeout again if it had
       * one (alignedWithTimeout), else unaligned */
      reverted.alignment = reverted.forced_timeout_us > 0 ? FSIM_ALIGNMENT_ALIGNED
                                                           : FSIM_ALIGNMENT_UNALIGNED;
      reverted.aligned_timeout_us = reverted.forced_timeout_us;
      reverted.forced_aligned = FALSE;
      reverted.forced_timeout_us = 0;
    }
  /* this task's snapshot is of the barrier it aligned (its inputs hold no
   * channel state); what it sends on is the reverted one */
  const FsimCheckpointBarrier *barrier = received, *out = &reverted;
  Snap *s = g_new0 (Snap, 1);
  s->tc = tc;
  s->barrier = *barrier;
  s->started_us = now;
  if (tc->started_id == barrier->id)
    {
      s->persisted_in = tc->started_bytes;
      tc->started_id = -1;
    }
  g_ptr_array_add (tc->snaps, s);
  tc->epoch = MAX (tc->epoch, barrier->id);
  /* 1. the barrier goes downstream before the snapshot */
  broadcast (tc, out, FALSE, &s->persisted_out);
  register_output_timer (tc, out);
  if (tc->writers->len > 0)
    {
      g_autofree char *detail = g_strdup_printf (
        "%s barrier to %u output%s%s", fsim_checkpoint_barrier_type_name (out),
        tc->writers->len, tc->writers->len == 1 ? "" : "s",
        out->alignment == FSIM_ALIGNMENT_UNALIGNED ? ", ahead of the queued buffers" : "");
      FsimTraceRecord r = task_record (
        tc, FSIM_SCHED_KIND_BARRIER_SENT, out->id,
        received->forced_aligned && out->alignment == FSIM_ALIGNMENT_ALIGNED
          ? "SubtaskCheckpointCoordinatorImpl.checkpointState: the checkpoint was forced to "
            "be aligned on this task's pointwise input (withUnalignedUnsupported: a barrier "
            "with an aligned-checkpoint-timeout needs channel state too) and has its timeout "
            "again from here (withUnalignedSupported: alignedWithTimeout)"
          : received->forced_aligned
          ? "SubtaskCheckpointCoordinatorImpl.checkpointState: the checkpoint was forced to "
            "be aligned on this task's pointwise input (withUnalignedUnsupported) and is "
            "unaligned again from here (withUnalignedSupported): a priority event that "
            "overtakes this task's queued output"
          : out->alignment == FSIM_ALIGNMENT_UNALIGNED
          ? "RecordWriter.broadcastEvent: an unaligned barrier is a priority event; the "
            "buffers it overtakes in each subpartition are output channel state"
          : "RecordWriter.broadcastEvent: the open buffers are finished, then the barrier "
            "follows them on every subpartition, in-band");
      r.detail = detail;
      r.values[0] = s->persisted_out;
      r.values[1] = (gint64) tc->writers->len;
      fsim_sched_cluster_trace (tc->c, &r);
    }
  /* 2. the synchronous part on the task thread */
  gint64 changed;
  measure_state (tc, barrier->id, &s->state_size, &changed);
  s->state_written = tc->c->settings.incremental ? changed : s->state_size;
  s->sync_us = tc->c->settings.rocksdb ? transfer_us (tc, changed) : 0;
  s->channel_state_done = tc->handler == NULL || barrier->alignment != FSIM_ALIGNMENT_UNALIGNED;
  if (tc->handler == NULL)
    {
      /* a source aligns nothing; its start delay is from the trigger to its
       * task thread taking the checkpoint (StreamTask.triggerCheckpointAsync:
       * latestAsyncCheckpointStartDelayNanos, now - the barrier's timestamp) */
      s->metrics_known = TRUE;
      s->metrics.start_delay_us = MAX (now - barrier->timestamp_us, 0);
    }
  g_autofree char *detail = g_strdup_printf (
    "synchronous part %.1f ms (%s): %" PRId64 " byte%s of state, %" PRId64 " to write",
    ms (s->sync_us), tc->c->settings.rocksdb ? "rocksdb flushes what changed" : "hashmap: "
    "copy-on-write, no copy now", s->state_size, s->state_size == 1 ? "" : "s", s->state_written);
  FsimTraceRecord r = task_record (tc, FSIM_SCHED_KIND_SNAPSHOT, barrier->id,
                                   "SubtaskCheckpointCoordinatorImpl.checkpointState: the "
                                   "operators snapshot their state on the task thread, then "
                                   "the asynchronous part writes it");
  r.detail = detail;
  r.values[0] = s->sync_us;
  r.values[1] = s->state_size;
  r.values[2] = s->state_written;
  fsim_sched_cluster_trace (tc->c, &r);
  if (s->sync_us > 0)
    fsim_sched_stream_task_hold (tc->e, s->sync_us);
  s->event = fsim_sim_schedule_in (tc->c->sim, s->sync_us, FSIM_PRIORITY_DEFAULT, sync_done,
                                   snap_payload (s), g_free);
}

static void
trigger_checkpoint (gpointer data, const FsimCheckpointBarrier *barrier)
{
  perform (data, barrier);
}

void
fsim_sched_task_checkpoint_perform (TaskCheckpoint *tc, const FsimCheckpointBarrier *barrier)
{
  perform (tc, barrier);
}

/* --- the inputs ----------------------------------------------------------------- */

static void timer_due (FsimSim *sim, gpointer payload);

/* After every call into the handler: its alignment timer, if it wants one. */
static void
sync_timer (TaskCheckpoint *tc)
{
  gint64 due = fsim_barrier_handler_next_timer_us (tc->handler);
  fsim_sim_cancel (tc->c->sim, tc->timer);
  tc->timer = FSIM_EVENT_NONE;
  if (due < 0)
    return;
  gpointer *pl = g_new (gpointer, 1);
  pl[0] = tc;
  tc->timer = fsim_sim_schedule_at (tc->c->sim, MAX (due, fsim_sim_now (tc->c->sim)),
                                    FSIM_PRIORITY_DEFAULT, timer_due, pl, g_free);
}

static void
timer_due (FsimSim *sim, gpointer payload)
{
  TaskCheckpoint *tc = ((gpointer *) payload)[0];
  tc->timer = FSIM_EVENT_NONE;
  fsim_barrier_handler_fire_timer (tc->handler, fsim_sim_now (sim));
  sync_timer (tc);
  fsim_sched_stream_task_wake (tc->c, tc->e);
}

static int
flat_channel (TaskCheckpoint *tc, DataChannel *ch)
{
  int i = tc->gate_offset[ch->gate] + ch->channel_index;
  g_assert (i >= 0 && i < tc->n_channels);
  if (!ch->registered)
    {
      ch->registered = TRUE;
      fsim_channel_state_persister_init (&ch->persister);
      tc->channels[i] = ch;
    }
  return i;
}

gboolean
fsim_sched_task_checkpoint_on_arrival (TaskCheckpoint *tc, DataChannel *ch, NetBuffer *b)
{
  if (tc->handler == NULL)
    return FALSE;
  int i = flat_channel (tc, ch);
  if (!b->checkpoint_event)
    {
      if (!fsim_sched_net_buffer_is_event (b))
        {
          gint64 id = fsim_channel_state_persister_maybe_persist (&ch->persister);
          Snap *s = id >= 0 ? snap_of (tc, id) : NULL;
          if (s)
            s->persisted_in += b->bytes;
          if (id >= 0)
            persist_buffer (tc, id, b);
        }
      return FALSE;
    }
  if (b->cancel)
    return FALSE;
  fsim_channel_state_persister_check_barrier (&ch->persister, b->barrier.id);
  tc->arrived_id[i] = b->barrier.id;
  gint64 ahead = data_bytes_in (ch, FALSE);
  int buffers = 0;
  for (GList *l = ch->received.head; l; l = l->next)
    buffers += !fsim_sched_net_buffer_is_event ((NetBuffer *) l->data);
  tc->arrived_buffers[i] = buffers;
  if (b->priority)
    {
      b->overtaken_bytes = ahead;
      tc->arrived_overtaken[i] = ahead;
      return TRUE;
    }
  tc->arrived_overtaken[i] = ahead;
  b->queued_ahead += buffers;
  /* RemoteInputChannel.onBuffer: a timeoutable barrier behind data is
   * announced ahead of it (EventAnnouncement) */
  if (buffers > 0 && fsim_checkpoint_barrier_is_timeoutable (&b->barrier))
    {
      /* queued first, so that the handler can prioritize it at once */
      g_queue_push_tail (&ch->received, b);
      fsim_barrier_handler_process_announcement (tc->handler, &b->barrier, (int) b->seq, i,
                                                 fsim_sim_now (tc->c->sim));
      sync_timer (tc);
      if (g_queue_find (&ch->received, b))
        g_queue_remove (&ch->received, b);
      return b->priority;
    }
  return FALSE;
}

void
fsim_sched_task_checkpoint_on_event (TaskCheckpoint *tc, DataChannel *ch, NetBuffer *b)
{
  g_assert (b->checkpoint_event);
  if (tc->handler == NULL)
    return;
  int i = flat_channel (tc, ch);
  gint64 now = fsim_sim_now (tc->c->sim);
  if (b->cancel)
    {
      fsim_barrier_handler_process_cancellation (tc->handler, b->barrier.id, i, now);
      sync_timer (tc);
      return;
    }
  const FsimCheckpointBarrier *br = &b->barrier;
  gboolean first = tc->last.id != br->id;
  tc->last = (LastBarrier) {
    br->id, i, first ? now : tc->last.first_us, now, b->sent_us, b->queued_ahead, b->priority,
    fsim_sched_writer_producer (ch->writer)->vertex->name,
  };
  g_autofree char *since = fsim_duration_text (now - br->timestamp_us);
  g_autofree char *detail = g_strdup_printf (
    "%s barrier on channel %d from %s, %s after its trigger; %d buffer%s ahead of it",
    fsim_checkpoint_barrier_type_name (br), i, tc->last.producer, since, b->queued_ahead,
    b->queued_ahead == 1 ? " was" : "s were");
  FsimTraceRecord r = task_record (tc, FSIM_SCHED_KIND_BARRIER_RECEIVED, br->id,
                                   "CheckpointedInputGate polled a barrier: the barrier "
                                   "handler decides what to block, and when to snapshot");
  r.channel = i;
  r.detail = detail;
  r.values[0] = now - br->timestamp_us;
  r.values[1] = now - b->sent_us;
  r.values[2] = b->queued_ahead;
  fsim_sched_cluster_trace (tc->c, &r);
  fsim_barrier_handler_process_barrier (tc->handler, br, i, now);
  sync_timer (tc);
  /* a blocking barrier the handler does not hold (obsolete, or the
   * alignment ended with it): the channel goes on at once */
  if (fsim_channel_is_blocked (ch->wire) && !fsim_barrier_handler_is_blocked (tc->handler, i))
    resume_channel (tc, i);
  if (fsim_barrier_handler_is_blocked (tc->handler, i) && fsim_channel_is_blocked (ch->wire))
    {
      FsimTraceRecord bl = task_record (tc, FSIM_SCHED_KIND_CHANNEL_BLOCKED, br->id,
                                        "aligned checkpoint: the channel's barrier is in, so "
                                        "nothing more is read from it until every channel's "
                                        "barrier is (its producer sends nothing after the "
                                        "barrier)");
      bl.channel = i;
      bl.values[0] = fsim_barrier_handler_get_num_open_channels (tc->handler);
      g_autofree char *bl_detail = g_strdup_printf (
        "channel %d from %s, checkpoint %" PRId64 ": blocked until the barrier is in on "
        "every one of the %" PRId64 " open channels", i,
        fsim_sched_writer_producer (ch->writer)->vertex->name, br->id, bl.values[0]);
      bl.detail = bl_detail;
      ch->block_traced = TRUE;
      ch->blocked_us = fsim_sim_now (tc->c->sim);
      fsim_sched_cluster_trace (tc->c, &bl);
    }
}

void
fsim_sched_task_checkpoint_on_end_of_partition (TaskCheckpoint *tc, DataChannel *ch)
{
  if (tc->handler == NULL)
    return;
  int i = flat_channel (tc, ch);
  fsim_barrier_handler_process_end_of_partition (tc->handler, i, fsim_sim_now (tc->c->sim));
  sync_timer (tc);
}

void
fsim_sched_task_checkpoint_on_data_polled (TaskCheckpoint *tc, gint64 bytes)
{
  if (tc->handler)
    fsim_barrier_handler_add_processed_bytes (tc->handler, bytes);
}

gint32
fsim_sched_task_checkpoint_epoch (const TaskCheckpoint *tc)
{
  return tc ? (gint32) MIN (tc->epoch, G_MAXINT32) : 0;
}

void
fsim_sched_task_checkpoint_notify_complete (TaskCheckpoint *tc, gint64 id)
{
  (void) tc;
  (void) id;
  /* notifyCheckpointComplete: no operator here commits anything on it yet
   * (two-phase-commit sinks would) */
}

/* --- life ----------------------------------------------------------------------- */

static FsimBarrierHandlerKind
handler_kind (const FsimCheckpointSettings *s)
{
  if (s->at_least_once)
    return FSIM_BARRIER_HANDLER_TRACKER;
  return s->unaligned ? FSIM_BARRIER_HANDLER_ALTERNATING : FSIM_BARRIER_HANDLER_ALIGNED;
}

TaskCheckpoint *
fsim_sched_task_checkpoint_new (FsimCluster *c, Execution *e, GPtrArray *writers)
{
  if (c->job == NULL || c->job->checkpoints == NULL)
    return NULL;
  TaskCheckpoint *tc = g_new0 (TaskCheckpoint, 1);
  tc->c = c;
  tc->e = e;
  tc->writers = writers;
  tc->snaps = g_ptr_array_new_with_free_func ((GDestroyNotify) snap_free);
  tc->last.id = -1;
  tc->started_id = -1;
  const FsimExecutionVertex *v = e->vertex;
  int n_gates = (int) v->job_vertex->inputs->len;
  tc->gate_offset = g_new0 (int, MAX (n_gates, 1));
  for (int g = 0; g < n_gates; g++)
    {
      tc->gate_offset[g] = tc->n_channels;
      tc->n_channels += v->consumed[g]->partitions.end - v->consumed[g]->partitions.start + 1;
    }
  tc->channels = g_new0 (DataChannel *, MAX (tc->n_channels, 1));
  tc->arrived_id = g_new0 (gint64, MAX (tc->n_channels, 1));
  tc->arrived_overtaken = g_new0 (gint64, MAX (tc->n_channels, 1));
  tc->arrived_buffers = g_new0 (int, MAX (tc->n_channels, 1));
  if (tc->n_channels > 0)
    tc->handler = fsim_barrier_handler_new (handler_kind (&c->settings.checkpoints),
                                            tc->n_channels,
                                            c->settings.checkpoints.after_tasks_finish,
                                            &handler_host, tc);
  tc->store = fsim_sched_store_of (c, v);
  tc->epoch = e->restored ? e->restore.checkpoint : 0;
  return tc;
}

void
fsim_sched_task_checkpoint_stop (TaskCheckpoint *tc)
{
  if (tc == NULL)
    return;
  fsim_sim_cancel (tc->c->sim, tc->timer);
  tc->timer = FSIM_EVENT_NONE;
  fsim_sim_cancel (tc->c->sim, tc->output_timer);
  tc->output_timer = FSIM_EVENT_NONE;
  g_ptr_array_set_size (tc->snaps, 0);
}

void
fsim_sched_task_checkpoint_free (TaskCheckpoint *tc)
{
  if (tc == NULL)
    return;
  fsim_sched_task_checkpoint_stop (tc);
  g_ptr_array_unref (tc->snaps);
  fsim_barrier_handler_free (tc->handler);
  g_free (tc->gate_offset);
  g_free (tc->channels);
  g_free (tc->arrived_id);
  g_free (tc->arrived_overtaken);
  g_free (tc->arrived_buffers);
  g_free (tc);
}
