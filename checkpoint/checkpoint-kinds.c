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
    FSIM_KIND_SPAN_BEGIN, NULL, JOBMASTER, { { 0 } } },
  [FSIM_CHECKPOINT_KIND_BARRIER] = { "checkpoint-barrier", C,
    "a CheckpointBarrier reached a task (its barrier handler decides)",
    FSIM_KIND_MARKER, NULL, TASKMANAGER, { { 0 } } },
  [FSIM_CHECKPOINT_KIND_ACKNOWLEDGED] = { "checkpoint-acknowledged", C,
    "a task acknowledged its snapshot to the coordinator (acknowledgeCheckpoint)",
    FSIM_KIND_PROGRESS, NULL, TASKMANAGER, { { 0 } } },
  [FSIM_CHECKPOINT_KIND_COMPLETED] = { "checkpoint-completed", C,
    "every task acknowledged: the PendingCheckpoint became a CompletedCheckpoint",
    FSIM_KIND_SPAN_END, NULL, JOBMASTER, { { 0 } } },
  [FSIM_CHECKPOINT_KIND_DECLINED] = { "checkpoint-declined", C,
    "a task declined the checkpoint (declineCheckpoint) or the coordinator aborted it",
    FSIM_KIND_SPAN_END | FSIM_KIND_FAILURE, NULL, JOBMASTER, { { 0 } } },
  [FSIM_CHECKPOINT_KIND_EXPIRED] = { "checkpoint-expired", C,
    "the checkpoint was not complete within execution.checkpointing.timeout",
    FSIM_KIND_SPAN_END | FSIM_KIND_FAILURE, NULL, JOBMASTER, { { 0 } } },
};

gboolean
fsim_checkpoint_kind_is_own (FsimTraceKind kind)
{
  for (int k = 0; k < FSIM_CHECKPOINT_KIND_COUNT; k++)
    if (kind == &fsim_checkpoint_kinds[k])
      return TRUE;
  return FALSE;
}
