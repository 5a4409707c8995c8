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

/* ======================================================================== */
/* CheckpointCoordinator (org.apache.flink.runtime.checkpoint)               */
/*
 * One per job, owned by the scheduler (SchedulerBase creates it with the
 * ExecutionGraph). triggerCheckpoint asks the job whether every task is
 * RUNNING (DefaultCheckpointPlanCalculator: otherwise
 * NOT_ALL_REQUIRED_TASKS_RUNNING and nothing starts), creates a
 * PendingCheckpoint with the next id (CheckpointIDCounter, from 1),
 * triggers the source tasks, and waits for an acknowledgement from every
 * task; the last one completes it (completePendingCheckpoint) and every
 * task is notified (notifyCheckpointComplete). A decline or the
 * execution.checkpointing.timeout aborts it; the CheckpointFailureManager
 * fails the job once more checkpoints failed in a row than
 * execution.checkpointing.tolerable-failed-checkpoints allows.
 *
 * The coordinator reaches the job only through FsimCheckpointHost, which
 * the scheduler implements; it never includes scheduler/.
 *
 * PendingCheckpoint, as its lifecycle (PendingCheckpoint.isDisposed,
 * CompletedCheckpoint):
 *
 *   IN_PROGRESS ──► COMPLETED          every task acknowledged
 *        │
 *        └────────► ABORTED (reason)   declined, expired, coordinator shut down
 *
 *   IN_PROGRESS -> COMPLETED  CheckpointCoordinator.completePendingCheckpoint
 *   IN_PROGRESS -> ABORTED    PendingCheckpoint.abort (CheckpointCoordinator.
 *                             abortPendingCheckpoint), with a CheckpointFailureReason
 *   IN_PROGRESS  some tasks have not acknowledged; its expiry timer is pending.
 *   COMPLETED    every task acknowledged, the tasks are notified; no timer.
 *   ABORTED      a failure reason is set; no timer; late messages are dropped.
 */
typedef enum {
  FSIM_PENDING_CHECKPOINT_IN_PROGRESS,
  FSIM_PENDING_CHECKPOINT_COMPLETED,
  FSIM_PENDING_CHECKPOINT_ABORTED,
  FSIM_PENDING_CHECKPOINT_STATE_COUNT
} FsimPendingCheckpointState;

/* The Flink method of from -> to, or NULL if illegal. */
const char *fsim_pending_checkpoint_transition_rule (FsimPendingCheckpointState from,
                                                     FsimPendingCheckpointState to);

/* CheckpointFailureReason, the ones the coordinator can give so far; names
 * and messages verbatim Flink's. */
typedef enum {
  FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING,
  FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN,
  FSIM_CHECKPOINT_FAILURE_COUNT
} FsimCheckpointFailureReason;

/* "CHECKPOINT_DECLINED" */
const char *fsim_checkpoint_failure_reason_name (FsimCheckpointFailureReason reason);
/* "Checkpoint was declined." (CheckpointFailureReason.message) */
const char *fsim_checkpoint_failure_reason_message (FsimCheckpointFailureReason reason);
/* CheckpointFailureManager: does the reason count against
 * tolerable-failed-checkpoints? (pre-flight reasons and shutdown do not) */
gboolean fsim_checkpoint_failure_reason_counts (FsimCheckpointFailureReason reason);

/* From the job's configuration (the scheduler reads the keys). */
typedef struct {
  gint64 interval_us;           /* execution.checkpointing.interval; 0: disabled */
  gint64 timeout_us;            /* execution.checkpointing.timeout, Flink 10 min */
  int max_concurrent;           /* execution.checkpointing.max-concurrent-checkpoints, 1 */
  int tolerable_failures;       /* execution.checkpointing.tolerable-failed-checkpoints, 0 */
  gboolean periodic;            /* start triggering every interval once the job
                                 * runs (CheckpointCoordinatorDeActivator); off
                                 * while barriers do not flow in a real run */
} FsimCheckpointSettings;

/* Flink's defaults, checkpointing disabled. */
void fsim_checkpoint_settings_init (FsimCheckpointSettings *settings);

/* A task as the host names it: one attempt of one subtask. */
typedef struct {
  int vertex;                   /* the host's ExecutionJobVertex index */
  int subtask;
  int attempt;
  const char *label;            /* "Map (2/4)#0"; the coordinator copies it */
} FsimCheckpointTask;

/* What the coordinator asks of the job; host_data is passed back. */
typedef struct {
  /* DefaultCheckpointPlanCalculator: TRUE if every task is RUNNING; then
   * to_trigger gets the source tasks and to_ack every task
   * (FsimCheckpointTask, labels borrowed for the call). */
  gboolean (*tasks_running) (gpointer host_data, GArray *to_trigger, GArray *to_ack);
  /* Execution.triggerCheckpoint at a source task. */
  void (*trigger_task) (gpointer host_data, const FsimCheckpointTask *task,
                        gint64 checkpoint_id);
  /* Execution.notifyCheckpointOnComplete at a task. */
  void (*notify_complete) (gpointer host_data, const FsimCheckpointTask *task,
                           gint64 checkpoint_id);
  /* CheckpointFailureManager.FailJobCallback: fail the job with cause. */
  void (*fail_job) (gpointer host_data, const char *cause);
} FsimCheckpointHost;

typedef struct _FsimCheckpointCoordinator FsimCheckpointCoordinator;

/* (transfer full) A coordinator writing to sim's trace (it registers the
 * kinds above). host must outlive it. */
FsimCheckpointCoordinator *fsim_checkpoint_coordinator_new (FsimSim *sim,
                                                            const FsimCheckpointSettings *settings,
                                                            const FsimCheckpointHost *host,
                                                            gpointer host_data);
void fsim_checkpoint_coordinator_free (FsimCheckpointCoordinator *coordinator);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCheckpointCoordinator, fsim_checkpoint_coordinator_free)

/* The job went RUNNING: with settings->periodic, the periodic trigger
 * starts (startCheckpointScheduler). */
void fsim_checkpoint_coordinator_job_running (FsimCheckpointCoordinator *coordinator);
/* The job is over: the trigger stops and pending checkpoints are aborted
 * (CHECKPOINT_COORDINATOR_SHUTDOWN). */
void fsim_checkpoint_coordinator_job_terminal (FsimCheckpointCoordinator *coordinator);
/* triggerCheckpoint now. Returns the new checkpoint's id, or -1 with
 * *reason set when none starts (pre-flight: not all tasks running, too
 * many concurrent checkpoints, or shut down). */
gint64 fsim_checkpoint_coordinator_trigger (FsimCheckpointCoordinator *coordinator,
                                            FsimCheckpointFailureReason *reason);
/* receiveAcknowledgeMessage: task acknowledged checkpoint_id. FALSE for a
 * checkpoint that is not pending (late, unknown) or a task it does not
 * wait for; TRUE otherwise (a duplicate changes nothing). */
gboolean fsim_checkpoint_coordinator_acknowledge (FsimCheckpointCoordinator *coordinator,
                                                  const FsimCheckpointTask *task,
                                                  gint64 checkpoint_id);
/* receiveDeclineMessage: the checkpoint is aborted, CHECKPOINT_DECLINED;
 * cause is the task's. FALSE if it was not pending. */
gboolean fsim_checkpoint_coordinator_decline (FsimCheckpointCoordinator *coordinator,
                                              const FsimCheckpointTask *task,
                                              gint64 checkpoint_id, const char *cause);
/* The state of checkpoint_id (>= 1, triggered), or -1 if unknown. */
int fsim_checkpoint_coordinator_get_state (FsimCheckpointCoordinator *coordinator,
                                           gint64 checkpoint_id);
int fsim_checkpoint_coordinator_get_pending_count (FsimCheckpointCoordinator *coordinator);
/* The latest completed checkpoint's id, or -1. */
gint64 fsim_checkpoint_coordinator_get_latest_completed (FsimCheckpointCoordinator *coordinator);

G_END_DECLS
