/* checkpoint.h - Flink's checkpointing: the coordinator on the JobManager,
 * barriers and their handlers in the tasks, state snapshots and statistics.
 *
 * In Flink the CheckpointCoordinator (one per job, owned by the scheduler)
 * triggers a checkpoint at the sources, which inject a CheckpointBarrier
 * into their output; each task's barrier handler (SingleCheckpointBarrierHandler
 * aligned or unaligned, CheckpointBarrierTracker for at-least-once) decides
 * when the task snapshots its state and forwards the barrier; every task
 * acknowledges to the coordinator (PendingCheckpoint), which completes the
 * checkpoint when all have (CompletedCheckpoint) and notifies the tasks.
 * Checkpoints that are declined or expire are counted by the
 * CheckpointFailureManager against tolerable-failed-checkpoints.
 *
 * This module sits below the scheduler: it never includes scheduler/, and
 * reaches the tasks and the job only through the host interface the
 * scheduler implements. What it writes to the trace is described by its
 * own kind table below.
 */
#pragma once

#include <glib.h>

#include "sim/sim.h"

G_BEGIN_DECLS

/* Which process / component of the cluster a record kind happens in: the
 * `component` of the runtime's descriptors (Perfetto draws it as a process
 * and thread). Declared here, the lowest runtime module, for the
 * scheduler's kinds and these alike. */
typedef enum {
  FSIM_COMPONENT_SIMULATOR,
  FSIM_COMPONENT_DISPATCHER,
  FSIM_COMPONENT_JOBMASTER,
  FSIM_COMPONENT_RESOURCEMANAGER,
  FSIM_COMPONENT_TASKMANAGER,
} FsimComponent;

/* ======================================================================== */
/* Trace records written for checkpoints                                     */
/*
 * Subjects: checkpoint = the checkpoint id (from 1, CheckpointIDCounter);
 * a record with a subtask is about that task, one without is the
 * coordinator's. A checkpoint is a span: it opens with checkpoint-triggered
 * and closes once with checkpoint-completed or a failure (declined,
 * expired, aborted); acknowledgements are the steps in between.
 */
typedef enum {
  FSIM_CHECKPOINT_KIND_TRIGGERED,       /* CheckpointCoordinator.triggerCheckpoint */
  FSIM_CHECKPOINT_KIND_BARRIER,         /* a barrier reached a task's input */
  FSIM_CHECKPOINT_KIND_ACKNOWLEDGED,    /* a task acknowledged its snapshot */
  FSIM_CHECKPOINT_KIND_COMPLETED,       /* the checkpoint completed */
  FSIM_CHECKPOINT_KIND_DECLINED,        /* a task declined it, or the coordinator aborted it */
  FSIM_CHECKPOINT_KIND_EXPIRED,         /* it ran past execution.checkpointing.timeout */
  FSIM_CHECKPOINT_KIND_COUNT
} FsimCheckpointKind;

extern const FsimTraceKindDesc fsim_checkpoint_kinds[FSIM_CHECKPOINT_KIND_COUNT];
#define FSIM_CHECKPOINT_KIND(k) (&fsim_checkpoint_kinds[(k)])
/* TRUE if kind is one of the descriptors above. */
gboolean fsim_checkpoint_kind_is_own (FsimTraceKind kind);

G_END_DECLS
