/* checkpoint-kinds.c - the record kinds written for checkpoints, one table.
 *
 * The checkpoint pane of the TUI and the Perfetto export read a checkpoint's
 * span from these descriptors' flags (begin, progress, end, failure). */
#include "config.h"

#include "checkpoint/checkpoint.h"

/* The coordinator lives in the JobMaster, barriers in the TaskManagers. */
#define JOBMASTER FSIM_COMPONENT_JOBMASTER
#define TASKMANAGER FSIM_COMPONENT_TASKMANAGER

#define C "checkpoint"

const FsimTraceKindDesc fsim_checkpoint_kinds[FSIM_CHECKPOINT_KIND_COUNT] = {
  [FSIM_CHECKPOINT_KIND_TRIGGERED] = { "checkpoint-triggered", C,
    "CheckpointCoordinator.triggerCheckpoint: a checkpoint starts at the sources",
    FSIM_KIND_SPAN_BEGIN, NULL, JOBMASTER,
    { { "to_trigger", "tasks", "source tasks triggered" },
      { "to_ack", "tasks", "tasks it waits for" },
      { "pending", "checkpoints", "pending before this one" },
      { "savepoint", "bool", "a savepoint (CheckpointProperties.isSavepoint)" },
      { "synchronous", "bool", "stop-with-savepoint (SavepointType.isSynchronous)" } } },
  [FSIM_CHECKPOINT_KIND_BARRIER] = { "checkpoint-barrier", C,
    "a CheckpointBarrier reached a task (its barrier handler decides)",
    FSIM_KIND_MARKER, NULL, TASKMANAGER, { { 0 } } },
  [FSIM_CHECKPOINT_KIND_ACKNOWLEDGED] = { "checkpoint-acknowledged", C,
    "a task acknowledged its snapshot to the coordinator (acknowledgeCheckpoint)",
    FSIM_KIND_PROGRESS, NULL, TASKMANAGER,
    { { "acknowledged", "tasks", "acknowledged so far" },
      { "tasks", "tasks", "tasks it waits for" },
      /* the SubtaskStateStats the acknowledgement carries (the Web UI's
       * per-subtask row; the TUI's Gantt reads them) */
      { "start_delay_us", "us", "trigger to the first barrier (checkpointStartDelayNanos)" },
      { "alignment_us", "us", "first barrier to the last (alignmentDurationNanos)" },
      { "sync_us", "us", "synchronous part (syncDurationMillis)" },
      { "async_us", "us", "asynchronous part (asyncDurationMillis)" },
      { "checkpointed", "bytes", "what this checkpoint persisted (getCheckpointedSize)" },
      { "persisted", "bytes", "in-flight data stored as channel state" } } },
  [FSIM_CHECKPOINT_KIND_COMPLETED] = { "checkpoint-completed", C,
    "every task acknowledged: the PendingCheckpoint became a CompletedCheckpoint",
    FSIM_KIND_SPAN_END, NULL, JOBMASTER,
    { { "tasks", "tasks", "tasks that acknowledged" },
      { "duration_us", "us", "from the trigger" },
      { "retained", "checkpoints", "in the completed store after it" },
      { "unaligned", "bool", "a task persisted in-flight data (isUnalignedCheckpoint)" } } },
  [FSIM_CHECKPOINT_KIND_DECLINED] = { "checkpoint-declined", C,
    "a task declined the checkpoint (declineCheckpoint) or the coordinator aborted it",
    FSIM_KIND_SPAN_END | FSIM_KIND_FAILURE, NULL, JOBMASTER,
    { { "acknowledged", "tasks", "acknowledged before the abort" },
      { "tasks", "tasks", "tasks it waited for" },
      { "failures", "checkpoints", "consecutive failures the failure manager counts after it" },
      { "unaligned", "bool", "a task persisted in-flight data (isUnalignedCheckpoint)" } } },
  [FSIM_CHECKPOINT_KIND_EXPIRED] = { "checkpoint-expired", C,
    "the checkpoint was not complete within execution.checkpointing.timeout",
    FSIM_KIND_SPAN_END | FSIM_KIND_FAILURE, NULL, JOBMASTER,
    { { "acknowledged", "tasks", "acknowledged before the timeout" },
      { "tasks", "tasks", "tasks it waited for" },
      { "failures", "checkpoints", "consecutive failures the failure manager counts after it" },
      { "unaligned", "bool", "a task persisted in-flight data (isUnalignedCheckpoint)" } } },
  [FSIM_CHECKPOINT_KIND_REQUEST_QUEUED] = { "checkpoint-request-queued", C,
    "CheckpointRequestDecider: a trigger request waits in the queue for a pending checkpoint to end",
    0, NULL, JOBMASTER,
    { { "queued", "requests", "in the queue, this one included" },
      { "pending", "checkpoints", "pending now" } } },
  [FSIM_CHECKPOINT_KIND_REQUEST_FAILED] = { "checkpoint-request-failed", C,
    "a trigger request failed before a checkpoint started (dropped, refused, or not all tasks running)",
    FSIM_KIND_FAILURE, NULL, JOBMASTER,
    { { "queued", "requests", "still in the queue" },
      { "pending", "checkpoints", "pending now" },
      { "delay_us", "us", "min-pause left: the periodic trigger moves this much later" } } },
  [FSIM_CHECKPOINT_KIND_DISCARDED] = { "checkpoint-discarded", C,
    "a completed checkpoint left the completed store, past execution.checkpointing.num-retained",
    0, NULL, JOBMASTER,
    { { "retained", "checkpoints", "left in the store" },
      { "num_retained", "checkpoints", "what the store keeps" },
      { "by", "checkpoint", "the completed checkpoint that subsumed it" } } },
  [FSIM_CHECKPOINT_KIND_SCHEDULER] = { "checkpoint-scheduler", C,
    "the periodic checkpoint trigger started (random initial delay) or stopped",
    0, NULL, JOBMASTER,
    { { "delay_us", "us", "until the first periodic request" },
      { "min_pause_us", "us", "execution.checkpointing.min-pause" },
      { "interval_us", "us", "the base interval, max (interval, min-pause)" } } },
};

gboolean
fsim_checkpoint_kind_is_own (FsimTraceKind kind)
{
  for (int k = 0; k < FSIM_CHECKPOINT_KIND_COUNT; k++)
    if (kind == &fsim_checkpoint_kinds[k])
      return TRUE;
  return FALSE;
}
