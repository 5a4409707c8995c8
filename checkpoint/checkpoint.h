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
 * expired, or aborted by the coordinator: subsumed, suspended, shut down,
 * all written as checkpoint-declined with the reason); acknowledgements are
 * the steps in between. A completed checkpoint's checkpoint-discarded comes
 * after its span. Requests that never became a checkpoint (queued, dropped,
 * failed) and the periodic trigger's start and stop have no checkpoint id.
 */
typedef enum {
  FSIM_CHECKPOINT_KIND_TRIGGERED,       /* CheckpointCoordinator.triggerCheckpoint */
  FSIM_CHECKPOINT_KIND_BARRIER,         /* a barrier reached a task's input */
  FSIM_CHECKPOINT_KIND_ACKNOWLEDGED,    /* a task acknowledged its snapshot */
  FSIM_CHECKPOINT_KIND_COMPLETED,       /* the checkpoint completed */
  FSIM_CHECKPOINT_KIND_DECLINED,        /* a task declined it, or the coordinator aborted it */
  FSIM_CHECKPOINT_KIND_EXPIRED,         /* it ran past execution.checkpointing.timeout */
  FSIM_CHECKPOINT_KIND_REQUEST_QUEUED,  /* a trigger request waits (CheckpointRequestDecider) */
  FSIM_CHECKPOINT_KIND_REQUEST_FAILED,  /* a trigger request failed before a checkpoint started */
  FSIM_CHECKPOINT_KIND_DISCARDED,       /* a completed checkpoint left the store (num-retained) */
  FSIM_CHECKPOINT_KIND_SCHEDULER,       /* the periodic trigger started or stopped */
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
 * ExecutionGraph). docs/checkpoints.md tells the whole story; in short:
 *
 * Requests (CheckpointRequestDecider). Every trigger, periodic or manual,
 * is a CheckpointTriggerRequest put in a queue (at most 1000, ordered
 * non-periodic before periodic, then oldest first). The decider runs the
 * head when fewer than max-concurrent-checkpoints are pending; otherwise the
 * request stays queued until a checkpoint completes or fails. A periodic
 * request that comes less than execution.checkpointing.min-pause after the
 * last completion (lastCheckpointCompletionRelativeTime) is dropped
 * (MINIMUM_TIME_BETWEEN_CHECKPOINTS) and the periodic trigger is moved to
 * the end of the pause (rescheduleTrigger). A full queue drops its last
 * request (TOO_MANY_CHECKPOINT_REQUESTS), or the new one if every queued
 * request is a manual one. Queued requests are reconsidered after every
 * completion and abort (scheduleTriggerRequest: an event at the same time,
 * after what caused it) and after every trigger.
 *
 * Periodic trigger (startCheckpointScheduler, ScheduledTrigger): once the
 * job runs, the first request after a delay drawn from [min-pause,
 * baseInterval] (getRandomInitDelay, here from the sim's
 * "checkpoint-coordinator" stream), then at a fixed rate of baseInterval =
 * max(interval, min-pause), whether or not checkpoints complete. The job
 * leaving RUNNING stops it (stopCheckpointScheduler: pending checkpoints and
 * queued requests fail with CHECKPOINT_COORDINATOR_SUSPEND); the job's end
 * shuts the coordinator down (CHECKPOINT_COORDINATOR_SHUTDOWN).
 *
 * Triggering (startTriggeringCheckpoint) asks the job whether every task is
 * RUNNING (DefaultCheckpointPlanCalculator: otherwise the request fails with
 * NOT_ALL_REQUIRED_TASKS_RUNNING and no id is taken), creates a
 * PendingCheckpoint with the next id (CheckpointIDCounter, from 1), arms its
 * CheckpointCanceller (execution.checkpointing.timeout) and triggers the
 * source tasks. It is one instant: the asynchronous steps of Flink's trigger
 * (storage location, operator coordinators, master hooks) take no time.
 *
 * Completion (completePendingCheckpoint), once every task acknowledged:
 * the CompletedCheckpoint joins the store, which keeps the newest
 * execution.checkpointing.num-retained (CheckpointSubsumeHelper: older ones
 * are discarded); the failure manager resets its count; pending checkpoints
 * older than it are aborted (dropSubsumedCheckpoints, CHECKPOINT_SUBSUMED);
 * every task is notified (notifyCheckpointComplete).
 *
 * Aborts (abortPendingCheckpoint): a task's decline (receiveDeclineMessage),
 * the timeout (CHECKPOINT_EXPIRED), subsumption, suspension or shutdown.
 * Each goes to the CheckpointFailureManager, and every task is told
 * (notifyCheckpointAborted). The failure manager counts consecutive failures
 * of the counted reasons (fsim_checkpoint_failure_reason_counts), each id
 * once and only ids above the last completed one; once the count exceeds
 * execution.checkpointing.tolerable-failed-checkpoints it clears it and
 * fails the job ("Exceeded checkpoint tolerable failure threshold. …"),
 * through the host, in an event of its own at the same time (the
 * JobMaster's main thread executor).
 *
 * The coordinator reaches the job only through FsimCheckpointHost, which
 * the scheduler implements; it never includes scheduler/.
 *
 * PendingCheckpoint, as its lifecycle (PendingCheckpoint.isDisposed,
 * CompletedCheckpoint):
 *
 *   IN_PROGRESS ──► COMPLETED          every task acknowledged
 *        │
 *        └────────► ABORTED (reason)   declined, expired, subsumed, suspended, shut down
 *
 *   IN_PROGRESS -> COMPLETED  CheckpointCoordinator.completePendingCheckpoint
 *   IN_PROGRESS -> ABORTED    PendingCheckpoint.abort (CheckpointCoordinator.
 *                             abortPendingCheckpoint), with a CheckpointFailureReason
 *   IN_PROGRESS  some tasks have not acknowledged; its expiry timer is pending.
 *   COMPLETED    every task acknowledged, the tasks are notified; no timer.
 *                It stays in the completed store until num-retained newer
 *                ones completed (then its stats say discarded).
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

/* CheckpointFailureReason, every one of Flink's; names and messages
 * verbatim Flink's (CheckpointFailureReason.java). */
typedef enum {
  FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING,
  FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN,
  /* a task's barrier handler declined (abortCheckpointOnBarrier): */
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_SUBSUMED,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_INPUT_END_OF_STREAM,
  /* the rest of Flink's CheckpointFailureReason (appended: the values
   * above keep their numbers) */
  FSIM_CHECKPOINT_FAILURE_PERIODIC_SCHEDULER_SHUTDOWN,
  FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS,
  FSIM_CHECKPOINT_FAILURE_IO_EXCEPTION,
  FSIM_CHECKPOINT_FAILURE_BLOCKING_OUTPUT_EXIST,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_ASYNC_EXCEPTION,
  FSIM_CHECKPOINT_FAILURE_CHANNEL_STATE_SHARED_STREAM_EXCEPTION,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_SUBSUMED,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_TASK_NOT_READY,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_TASK_CLOSING,
  FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SUSPEND,
  FSIM_CHECKPOINT_FAILURE_JOB_FAILOVER_REGION,
  FSIM_CHECKPOINT_FAILURE_TASK_FAILURE,
  FSIM_CHECKPOINT_FAILURE_TASK_CHECKPOINT_FAILURE,
  FSIM_CHECKPOINT_FAILURE_UNKNOWN_TASK_CHECKPOINT_NOTIFICATION_FAILURE,
  FSIM_CHECKPOINT_FAILURE_FINALIZE_CHECKPOINT_FAILURE,
  FSIM_CHECKPOINT_FAILURE_TRIGGER_CHECKPOINT_FAILURE,
  FSIM_CHECKPOINT_FAILURE_COUNT
} FsimCheckpointFailureReason;

/* "CHECKPOINT_DECLINED" */
const char *fsim_checkpoint_failure_reason_name (FsimCheckpointFailureReason reason);
/* "Checkpoint was declined." (CheckpointFailureReason.message) */
const char *fsim_checkpoint_failure_reason_message (FsimCheckpointFailureReason reason);
/* CheckpointFailureManager: does the reason count against
 * tolerable-failed-checkpoints? (pre-flight reasons and shutdown do not) */
gboolean fsim_checkpoint_failure_reason_counts (FsimCheckpointFailureReason reason);
/* CheckpointFailureReason.isPreFlight: the failure happened before the
 * checkpoint reached a task (the failure manager then treats it as the
 * JobManager's, not a task's). */
gboolean fsim_checkpoint_failure_reason_is_pre_flight (FsimCheckpointFailureReason reason);
/* The reason named name ("CHECKPOINT_DECLINED"), or -1. */
int fsim_checkpoint_failure_reason_lookup (const char *name);

/* From the job's configuration (the scheduler reads the keys). */
typedef struct {
  gint64 interval_us;           /* execution.checkpointing.interval; 0: disabled */
  gint64 timeout_us;            /* execution.checkpointing.timeout, Flink 10 min */
  int max_concurrent;           /* execution.checkpointing.max-concurrent-checkpoints, 1 */
  int tolerable_failures;       /* execution.checkpointing.tolerable-failed-checkpoints, 0 */
  gboolean periodic;            /* start triggering every interval once the job
                                 * runs (CheckpointCoordinatorDeActivator) */
  gint64 min_pause_us;          /* execution.checkpointing.min-pause, 0; the
                                 * coordinator caps it at 365 days, as Flink's
                                 * constructor does */
  int num_retained;             /* execution.checkpointing.num-retained, 1; < 1
                                 * means 1 (DefaultCompletedCheckpointStoreUtils
                                 * warns and takes the default) */
  gboolean at_least_once;       /* execution.checkpointing.mode AT_LEAST_ONCE */
  gboolean unaligned;           /* execution.checkpointing.unaligned.enabled, off;
                                 * switched off with AT_LEAST_ONCE, as
                                 * CheckpointConfig does (with a warning) */
  gint64 aligned_timeout_us;    /* execution.checkpointing.aligned-checkpoint-timeout, 0 */
  gboolean after_tasks_finish;  /* execution.checkpointing.checkpoints-after-tasks-finish, on */
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
  /* CheckpointFailureManager.FailJobCallback.failJob: fail the job with
   * cause (a global failure). Called in an event of its own, never from
   * inside another coordinator call. */
  void (*fail_job) (gpointer host_data, const char *cause);
  /* Optional members, NULL allowed (positional initializers of the four
   * above still compile): */
  /* Execution.notifyCheckpointAborted at a task, for every task of an
   * aborted checkpoint (sendAbortedMessages). Flink passes the store's
   * latest checkpoint id too: fsim_checkpoint_coordinator_get_latest_completed
   * answers it (the task re-delivers notifyCheckpointComplete of it). */
  void (*notify_aborted) (gpointer host_data, const FsimCheckpointTask *task,
                          gint64 checkpoint_id);
  /* FailJobCallback.failJobDueToTaskFailure: a failure a task reported
   * (its decline) exceeded the threshold; Flink fails the job only if that
   * attempt is still RUNNING or INITIALIZING
   * (failGlobalIfExecutionIsStillRunning). NULL: fail_job is called. */
  void (*fail_job_due_to_task_failure) (gpointer host_data, const char *cause,
                                        const FsimCheckpointTask *failing_task);
  /* The completion future of a synchronous savepoint
   * (triggerSynchronousSavepoint, stop-with-savepoint) is done: completed,
   * or failed with reason (the request failed before a checkpoint started:
   * checkpoint_id -1). NULL: nobody waits for it. */
  void (*sync_savepoint_done) (gpointer host_data, gint64 checkpoint_id, gboolean completed,
                               FsimCheckpointFailureReason reason);
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

/* The job went RUNNING (CheckpointCoordinatorDeActivator): with
 * settings->periodic and an interval, the periodic trigger starts
 * (startCheckpointScheduler; a running one is stopped first). */
void fsim_checkpoint_coordinator_job_running (FsimCheckpointCoordinator *coordinator);
/* The job left RUNNING for another status (RESTARTING, FAILING,
 * CANCELLING, …; CheckpointCoordinatorDeActivator): stopCheckpointScheduler,
 * which stops the periodic trigger and fails pending checkpoints and queued
 * requests with CHECKPOINT_COORDINATOR_SUSPEND. status is the JobStatus
 * it went to (FINISHED, RESTARTING, …), which the whys name. */
void fsim_checkpoint_coordinator_job_not_running (FsimCheckpointCoordinator *coordinator,
                                                  const char *status);
/* The job is over: CheckpointCoordinator.shutdown; the trigger stops,
 * pending checkpoints and queued requests fail with
 * CHECKPOINT_COORDINATOR_SHUTDOWN, and every later call is refused. */
void fsim_checkpoint_coordinator_job_terminal (FsimCheckpointCoordinator *coordinator);
/* abortPendingCheckpoints: every pending checkpoint is aborted with reason
 * (SchedulerBase.restoreState gives JOB_FAILOVER_REGION). */
void fsim_checkpoint_coordinator_abort_pending (FsimCheckpointCoordinator *coordinator,
                                                FsimCheckpointFailureReason reason);

/* A CheckpointTriggerRequest as it stands: waiting in the decider's queue,
 * started as a checkpoint, or failed before one started (its future
 * completed exceptionally). */
typedef enum {
  FSIM_CHECKPOINT_REQUEST_QUEUED,
  FSIM_CHECKPOINT_REQUEST_STARTED,
  FSIM_CHECKPOINT_REQUEST_FAILED,
} FsimCheckpointRequestState;

typedef struct {
  gint64 number;                /* from 1, in the order of submission */
  gboolean periodic;
  gboolean savepoint;           /* CheckpointProperties.forSavepoint */
  gboolean synchronous;         /* forSyncSavepoint: stop-with-savepoint */
  gboolean drain;               /* synchronous: SavepointType.terminate (--drain), else suspend */
  gint64 submitted_us;
  FsimCheckpointRequestState state;
  gint64 checkpoint_id;         /* STARTED; else -1 */
  FsimCheckpointFailureReason reason;  /* FAILED */
  gint64 done_us;               /* STARTED or FAILED: when; else -1 */
} FsimCheckpointRequestView;

/* CheckpointCoordinator.triggerCheckpoint(isPeriodic): a request to the
 * CheckpointRequestDecider, decided now (it may start, wait, or fail at
 * once). Returns its number, for fsim_checkpoint_coordinator_get_request.
 * The periodic trigger makes its own (periodic = TRUE). */
gint64 fsim_checkpoint_coordinator_request (FsimCheckpointCoordinator *coordinator,
                                            gboolean periodic);
/* CheckpointCoordinator.triggerSavepoint (`flink savepoint`): a request
 * with CheckpointProperties.forSavepoint(forced = !unaligned), which the
 * decider puts first and, forced, runs past max-concurrent-checkpoints
 * and min-pause. Its barrier is aligned with no timeout (CheckpointOptions
 * .forConfig; AT_LEAST_ONCE: not exactly once); its failure is not counted
 * by the CheckpointFailureManager; once complete it stays out of the
 * completed checkpoint store (num-retained, restores), subsumes no pending
 * checkpoint and notifies no task (completePendingCheckpoint: only a
 * synchronous savepoint does). Returns the request's number. */
gint64 fsim_checkpoint_coordinator_request_savepoint (FsimCheckpointCoordinator *coordinator);
/* CheckpointCoordinator.triggerSynchronousSavepoint(terminate = drain)
 * (`flink stop [--drain]`): a savepoint request with CheckpointProperties
 * .forSyncSavepoint(forced = !unaligned, terminate), decided as a
 * savepoint's. Its barrier says SavepointType terminate (drain) or suspend
 * and isSynchronous; unlike a savepoint, once complete it aborts older
 * pending checkpoints and notifies every task (cleanupAfterCompletedCheckpoint:
 * !isSavepoint || isSynchronous), which ends the tasks; a task's failure
 * of it fails the job (CheckpointFailureManager.handleTaskLevelCheckpointException).
 * The host's sync_savepoint_done hears how it ended. Returns the request's
 * number. */
gint64 fsim_checkpoint_coordinator_request_sync_savepoint (FsimCheckpointCoordinator *coordinator,
                                                          gboolean drain);
/* stopCheckpointScheduler as SchedulerBase.stopWithSavepoint calls it
 * before the synchronous savepoint (only its data is committed): the
 * periodic trigger stops, pending checkpoints and queued requests fail
 * with CHECKPOINT_COORDINATOR_SUSPEND; why says who stops it, cause (a
 * clause: "stop-with-savepoint stops it") what the failed ones' whys say. */
void fsim_checkpoint_coordinator_stop_scheduler (FsimCheckpointCoordinator *coordinator,
                                                 const char *why, const char *cause);
/* Whether checkpoint id (started) is a savepoint. */
gboolean fsim_checkpoint_coordinator_is_savepoint (FsimCheckpointCoordinator *coordinator,
                                                   gint64 id);
/* The request numbered number, or FALSE if there is none. */
gboolean fsim_checkpoint_coordinator_get_request (FsimCheckpointCoordinator *coordinator,
                                                  gint64 number,
                                                  FsimCheckpointRequestView *out);
/* Requests waiting in the queue (getNumQueuedRequests). */
guint fsim_checkpoint_coordinator_get_n_queued (FsimCheckpointCoordinator *coordinator);
/* A manual (non-periodic) request, as fsim_checkpoint_coordinator_request.
 * Returns the new checkpoint's id if it started now, 0 if it waits in the
 * queue (max-concurrent-checkpoints are pending), or -1 with *reason set
 * if it failed at once (not all tasks running, a full queue, shut down). */
gint64 fsim_checkpoint_coordinator_trigger (FsimCheckpointCoordinator *coordinator,
                                            FsimCheckpointFailureReason *reason);
/* TRUE between startCheckpointScheduler and stopCheckpointScheduler
 * (isPeriodicCheckpointingStarted). */
gboolean fsim_checkpoint_coordinator_is_periodic_started (FsimCheckpointCoordinator *coordinator);
/* When the periodic trigger fires next (nextCheckpointTriggeringRelativeTime),
 * or -1 if it is not armed. */
gint64 fsim_checkpoint_coordinator_get_next_trigger_us (FsimCheckpointCoordinator *coordinator);
/* What a task reports with its acknowledgement: the sizes of its
 * TaskStateSnapshot and its CheckpointMetrics (Flink's SubtaskStateStats,
 * the Web UI's per-subtask row). Bytes and µs of simulated time. */
typedef struct {
  gint64 state_size;            /* the whole state snapshotted (getStateSize) */
  gint64 checkpointed_size;     /* what this checkpoint persisted: with incremental
                                 * checkpoints only what changed (getCheckpointedSize) */
  gint64 sync_us;               /* synchronous phase (syncDurationMillis) */
  gint64 async_us;              /* asynchronous phase (asyncDurationMillis) */
  gint64 alignment_us;          /* alignmentDurationNanos */
  gint64 start_delay_us;        /* checkpointStartDelayNanos */
  gint64 processed_bytes;       /* bytesProcessedDuringAlignment */
  gint64 persisted_bytes;       /* bytesPersistedDuringAlignment: in-flight data
                                 * stored as channel state (unaligned) */
  gboolean unaligned;           /* the snapshot was unaligned (getUnalignedCheckpoint) */
  /* flinksim's own (issue 12 item 5): the input channel whose barrier came
   * last and what held it back, one line; NULL for a source or one input
   * channel. The coordinator copies it. */
  const char *late_barrier_why;
} FsimSubtaskCheckpointStats;

/* receiveAcknowledgeMessage: task acknowledged checkpoint_id with stats
 * (NULL: all zero). Returns what Flink's does: TRUE if the message was for
 * a pending checkpoint (SUCCESS, DUPLICATE, which changes nothing, and
 * UNKNOWN, a task it does not wait for, whose state is discarded), or for
 * one of the 16 recently expired ones (a late message); FALSE for any other
 * (completed, declined, unknown) and after shutdown. */
gboolean fsim_checkpoint_coordinator_acknowledge (FsimCheckpointCoordinator *coordinator,
                                                  const FsimCheckpointTask *task,
                                                  gint64 checkpoint_id,
                                                  const FsimSubtaskCheckpointStats *stats);
/* receiveDeclineMessage: the checkpoint is aborted, CHECKPOINT_DECLINED;
 * cause is the task's. FALSE if it was not pending (then nothing
 * happens). */
gboolean fsim_checkpoint_coordinator_decline (FsimCheckpointCoordinator *coordinator,
                                              const FsimCheckpointTask *task,
                                              gint64 checkpoint_id, const char *cause);
/* The same with the reason of the task's CheckpointException (a barrier
 * handler's CHECKPOINT_DECLINED_SUBSUMED, ON_CANCELLATION_BARRIER,
 * INPUT_END_OF_STREAM; CHECKPOINT_DECLINED_TASK_NOT_READY from a task not
 * running; CHECKPOINT_ASYNC_EXCEPTION from a failed asynchronous part).
 * The failure manager counts it by that reason, as a task's failure. */
gboolean fsim_checkpoint_coordinator_decline_with_reason (FsimCheckpointCoordinator *coordinator,
                                                          const FsimCheckpointTask *task,
                                                          gint64 checkpoint_id,
                                                          FsimCheckpointFailureReason reason,
                                                          const char *cause);
/* The fault plan's `at T decline checkpoint N`: if checkpoint_id is
 * pending, the first task (in the host's order) that has not acknowledged
 * it is copied to *task (label valid while the coordinator lives) and TRUE
 * is returned; the caller then declines with it. FALSE if it is not
 * pending, with *why set to a static phrase: "not triggered yet",
 * "completed", "aborted". */
gboolean fsim_checkpoint_coordinator_first_unacknowledged (FsimCheckpointCoordinator *coordinator,
                                                           gint64 checkpoint_id,
                                                           FsimCheckpointTask *task,
                                                           const char **why);
/* The state of checkpoint_id (>= 1, triggered), or -1 if unknown. */
int fsim_checkpoint_coordinator_get_state (FsimCheckpointCoordinator *coordinator,
                                           gint64 checkpoint_id);
int fsim_checkpoint_coordinator_get_pending_count (FsimCheckpointCoordinator *coordinator);
/* The latest completed checkpoint's id, or -1. */
gint64 fsim_checkpoint_coordinator_get_latest_completed (FsimCheckpointCoordinator *coordinator);
/* The completed checkpoint store (getNumberOfRetainedSuccessfulCheckpoints):
 * how many it holds, and their ids appended to ids (gint64), oldest first. */
guint fsim_checkpoint_coordinator_get_retained (FsimCheckpointCoordinator *coordinator,
                                                GArray *ids);
/* CheckpointFailureManager's continuousFailureCounter now. */
int fsim_checkpoint_coordinator_get_continuous_failures (FsimCheckpointCoordinator *coordinator);

/* ------------------------------------------------------------------------ */
/* CheckpointStatsTracker: what the Web UI's Checkpoints tab and the REST
 * API (/jobs/:jobid/checkpoints, .../details/:checkpointid) show, kept by
 * the coordinator for every checkpoint it started. Read-only views, valid
 * until the coordinator is freed. */

/* CheckpointStatsStatus: IN_PROGRESS, COMPLETED, FAILED. */
const char *fsim_checkpoint_stats_status_name (FsimPendingCheckpointState state);

/* One task's row (SubtaskStateStats). */
typedef struct {
  FsimCheckpointTask task;      /* label owned by the coordinator */
  gboolean acknowledged;
  gint64 ack_us;                /* when the acknowledgement reached the
                                 * coordinator; -1 until then */
  FsimSubtaskCheckpointStats stats;  /* late_barrier_why owned by the coordinator */
} FsimSubtaskCheckpointRow;

/* One checkpoint (AbstractCheckpointStats: Pending/Completed/FailedCheckpointStats). */
typedef struct {
  gint64 id;
  FsimPendingCheckpointState state;
  gboolean savepoint;
  gboolean synchronous;         /* a synchronous savepoint (RestAPICheckpointType SYNC_SAVEPOINT) */
  gboolean drain;               /* synchronous: terminate (--drain), else suspend */
  gboolean unaligned;           /* some subtask snapshotted unaligned */
  gint64 trigger_us;            /* triggerTimestamp */
  gint64 latest_ack_us;         /* -1: no acknowledgement yet */
  gint64 failure_us;            /* ABORTED: when; else -1 */
  FsimCheckpointFailureReason failure_reason;   /* ABORTED */
  const char *failure_message;  /* ABORTED: the reason's message and the cause */
  gboolean discarded;           /* COMPLETED and subsumed out of num-retained */
  guint n_subtasks;
  guint n_acknowledged;
  const FsimSubtaskCheckpointRow *subtasks;  /* [n_subtasks], in the host's order */
} FsimCheckpointStatsView;

/* Checkpoints started so far (ids 1..n). */
guint fsim_checkpoint_coordinator_get_n_checkpoints (FsimCheckpointCoordinator *coordinator);
/* The stats of checkpoint id (1..n), or FALSE if unknown. */
gboolean fsim_checkpoint_coordinator_get_stats (FsimCheckpointCoordinator *coordinator,
                                                gint64 id, FsimCheckpointStatsView *out);

/* ======================================================================== */
/* Barrier handlers (org.apache.flink.streaming.runtime.io.checkpointing)    */
/*
 * Every non-source task puts one barrier handler behind all the input
 * channels of its input gates (InputProcessorUtil.createCheckpointBarrierHandler):
 * it sees each CheckpointBarrier, CancelCheckpointMarker and
 * EndOfPartitionEvent the task polls, and decides when the task takes its
 * snapshot (StreamTask.triggerCheckpointOnBarrier: the barrier goes on
 * downstream, then the operators snapshot) or aborts one
 * (abortCheckpointOnBarrier, with a CheckpointFailureReason).
 *
 *   EXACTLY_ONCE, unaligned off  SingleCheckpointBarrierHandler.aligned
 *   EXACTLY_ONCE, unaligned on   SingleCheckpointBarrierHandler.alternating
 *                                (barriers UNALIGNED, or ALIGNED with
 *                                aligned-checkpoint-timeout: "timeoutable")
 *   (tests only)                 SingleCheckpointBarrierHandler.unaligned
 *   AT_LEAST_ONCE                CheckpointBarrierTracker
 *
 * SingleCheckpointBarrierHandler follows one checkpoint at a time
 * (currentCheckpointId); a barrier of a newer one aborts the older
 * (CHECKPOINT_DECLINED_SUBSUMED), a cancel marker aborts it
 * (CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER), an end of partition either
 * aborts it (checkpoints-after-tasks-finish off:
 * CHECKPOINT_DECLINED_INPUT_END_OF_STREAM) or counts as that channel's
 * barrier. What it does with a barrier is its BarrierHandlerState:
 *
 *   aligned:    WaitingForFirstBarrier ──first barrier──► CollectingBarriers
 *                        ▲                                      │
 *                        └──last barrier: trigger, unblock all ─┘ (or abort)
 *
 *   alternating:  AlternatingWaitingForFirstBarrier ──► AlternatingCollectingBarriers
 *                     │ ▲   ▲ (finish / abort: unblock all)     │
 *       timeout,      │ │   └───────────────────────────────────┤ timeout: trigger
 *       UNALIGNED     ▼ │                                       ▼ UNALIGNED now
 *       barrier   AlternatingWaitingForFirstBarrierUnaligned ──► AlternatingCollectingBarriersUnaligned
 *                            first barrier: trigger UNALIGNED       last barrier / EOP: stop
 *
 *   unaligned (alternating = FALSE): the two Unaligned states only; they
 *   return to AlternatingWaitingForFirstBarrierUnaligned.
 *
 * Legal transitions and where they happen (single-barrier-handler.c;
 * every change goes through one checked function, set_state):
 *   WaitingForFirstBarrier -> CollectingBarriers         barrierReceived, not all aligned
 *   WaitingForFirstBarrier -> WaitingForFirstBarrier     barrierReceived on the only channel
 *                                                        (trigger), abort, endOfPartitionReceived
 *   CollectingBarriers -> CollectingBarriers             barrierReceived, not all aligned yet
 *   CollectingBarriers -> WaitingForFirstBarrier         last barrier or EOP (trigger), abort
 *   AlternatingWaitingForFirstBarrier -> AlternatingCollectingBarriers    barrierReceived
 *   AlternatingWaitingForFirstBarrier -> AlternatingWaitingForFirstBarrier trigger, abort, EOP
 *   AlternatingWaitingForFirstBarrier -> AlternatingWaitingForFirstBarrierUnaligned
 *                                     alignedCheckpointTimeout (timer, passive, UNALIGNED barrier)
 *   AlternatingCollectingBarriers -> AlternatingCollectingBarriers        barrierReceived
 *   AlternatingCollectingBarriers -> AlternatingWaitingForFirstBarrier    last barrier / EOP, abort
 *   AlternatingCollectingBarriers -> AlternatingCollectingBarriersUnaligned alignedCheckpointTimeout
 *   AlternatingWaitingForFirstBarrierUnaligned -> AlternatingCollectingBarriersUnaligned first barrier
 *   AlternatingWaitingForFirstBarrierUnaligned -> AlternatingWaitingForFirstBarrier(Unaligned)
 *                                     first barrier is also the last, abort (stopCheckpoint)
 *   AlternatingCollectingBarriersUnaligned -> itself                      barrierReceived
 *   AlternatingCollectingBarriersUnaligned -> AlternatingWaitingForFirstBarrier(Unaligned)
 *                                     last barrier / EOP, abort (finishCheckpoint)
 * What is true in each state:
 *   Waiting*     no channel of the current checkpoint is aligned; nothing
 *                blocked (ChannelState.emptyState).
 *   Collecting*  1 <= aligned < target channels; an aligned channel whose
 *                barrier blocks upstream (ALIGNED) is blocked.
 *   *Unaligned   the snapshot was taken (Collecting), or will be at the next
 *                barrier (Waiting); the inputs persist in-flight data until
 *                each channel's barrier (checkpointStarted .. Stopped).
 *
 * CheckpointBarrierTracker blocks nothing: it counts barriers of up to 50
 * checkpoints at once and triggers one when its last barrier arrives;
 * a completed one drops the older ones silently.
 *
 * The handler has no clock and schedules nothing: every call takes the
 * time (µs) it happens at, and the alternating handler's alignment timer is
 * a deadline the driver reads (fsim_barrier_handler_next_timer_us) and
 * fires (fsim_barrier_handler_fire_timer). Channels are numbered 0..n-1
 * over all the task's input gates (InputChannelInfo).
 */

/* CheckpointOptions.AlignmentType; FORCED_ALIGNED is an ALIGNED barrier
 * with forced_aligned set (below). */
typedef enum {
  FSIM_ALIGNMENT_AT_LEAST_ONCE,
  FSIM_ALIGNMENT_ALIGNED,
  FSIM_ALIGNMENT_UNALIGNED,
} FsimAlignmentType;

/* A CheckpointBarrier: (id, timestamp, CheckpointOptions). */
typedef struct {
  gint64 id;
  gint64 timestamp_us;          /* when the coordinator triggered it */
  FsimAlignmentType alignment;
  gint64 aligned_timeout_us;    /* alignedCheckpointTimeout; 0: none */
  gboolean savepoint;           /* SnapshotType SAVEPOINT: never unaligned, never times out */
  gboolean synchronous;         /* SavepointType.isSynchronous: stop-with-savepoint */
  gboolean drain;               /* SavepointType.shouldDrain (terminate): MAX_WATERMARK first */
  /* FORCED_ALIGNED (CheckpointOptions.withUnalignedUnsupported): an
   * unaligned checkpoint's barrier sent aligned over an edge that cannot
   * take unaligned barriers (pointwise, broadcast); the task that receives
   * it aligns, then sends it on unaligned again (withUnalignedSupported,
   * SubtaskCheckpointCoordinatorImpl.checkpointState), with the timeout it
   * had (forced_timeout_us). */
  gboolean forced_aligned;
  gint64 forced_timeout_us;
} FsimCheckpointBarrier;

/* CheckpointOptions.isTimeoutable: ALIGNED with a timeout. */
gboolean fsim_checkpoint_barrier_is_timeoutable (const FsimCheckpointBarrier *barrier);
/* Buffer.DataType of the barrier blocks its subpartition once sent
 * (ALIGNED_CHECKPOINT_BARRIER, TIMEOUTABLE_ALIGNED_CHECKPOINT_BARRIER):
 * the producer sends nothing more on it until resumeConsumption. */
gboolean fsim_checkpoint_barrier_blocks_upstream (const FsimCheckpointBarrier *barrier);
/* "ALIGNED", "UNALIGNED", "AT_LEAST_ONCE" or "SAVEPOINT": what the snapshot
 * it triggers is. */
const char *fsim_checkpoint_barrier_type_name (const FsimCheckpointBarrier *barrier);
/* A checkpoint's type as the REST API and the Web UI's history name it
 * (RestAPICheckpointType.valueOf): SYNC_SAVEPOINT (stop-with-savepoint),
 * SAVEPOINT, UNALIGNED_CHECKPOINT (a task persisted in-flight data) or
 * CHECKPOINT. (transfer none) */
const char *fsim_checkpoint_rest_type_name (gboolean savepoint, gboolean synchronous,
                                            gboolean unaligned);

typedef enum {
  FSIM_BARRIER_HANDLER_ALIGNED,         /* SingleCheckpointBarrierHandler.aligned */
  FSIM_BARRIER_HANDLER_UNALIGNED,       /* SingleCheckpointBarrierHandler.unaligned */
  FSIM_BARRIER_HANDLER_ALTERNATING,     /* SingleCheckpointBarrierHandler.alternating */
  FSIM_BARRIER_HANDLER_TRACKER,         /* CheckpointBarrierTracker */
} FsimBarrierHandlerKind;

/* BarrierHandlerState implementations (the tracker has none: NONE). */
typedef enum {
  FSIM_BARRIER_STATE_WAITING_FOR_FIRST_BARRIER,
  FSIM_BARRIER_STATE_COLLECTING_BARRIERS,
  FSIM_BARRIER_STATE_ALTERNATING_WAITING_FOR_FIRST_BARRIER,
  FSIM_BARRIER_STATE_ALTERNATING_COLLECTING_BARRIERS,
  FSIM_BARRIER_STATE_ALTERNATING_WAITING_FOR_FIRST_BARRIER_UNALIGNED,
  FSIM_BARRIER_STATE_ALTERNATING_COLLECTING_BARRIERS_UNALIGNED,
  FSIM_BARRIER_STATE_NONE,
  FSIM_BARRIER_STATE_COUNT
} FsimBarrierHandlerState;

/* "WaitingForFirstBarrier", … (Flink's class names). */
const char *fsim_barrier_handler_state_name (FsimBarrierHandlerState state);
/* The Flink method that moves from -> to, or NULL if illegal. */
const char *fsim_barrier_handler_transition_rule (FsimBarrierHandlerState from,
                                                  FsimBarrierHandlerState to);

/* CheckpointMetrics of a triggered checkpoint (CheckpointBarrierHandler):
 * start delay = max(0, first barrier's time - barrier timestamp);
 * alignment duration = first to last barrier (or closing EOP), 0 with one
 * channel; bytes processed during alignment = data bytes the task polled
 * in between. All 0 when the alignment timed was another checkpoint's. */
typedef struct {
  gint64 alignment_duration_us;
  gint64 start_delay_us;
  gint64 bytes_processed_during_alignment;
} FsimCheckpointMetrics;

/* What the handler calls: the task (CheckpointableTask) and its inputs
 * (CheckpointableInput). data is host_data. Every member must be set. */
typedef struct {
  /* triggerCheckpointOnBarrier: forward barrier and snapshot, now. The
   * barrier's alignment says ALIGNED or UNALIGNED (asUnaligned when timed
   * out). */
  void (*trigger_checkpoint) (gpointer data, const FsimCheckpointBarrier *barrier);
  /* abortCheckpointOnBarrier: decline id, forward CancelCheckpointMarker. */
  void (*abort_checkpoint) (gpointer data, gint64 id, FsimCheckpointFailureReason reason);
  /* The checkpoint's alignment metrics are known (at the trigger for an
   * aligned checkpoint, at the last barrier for an unaligned one; never if
   * it was aborted before). */
  void (*metrics_known) (gpointer data, gint64 id, const FsimCheckpointMetrics *metrics);
  /* resumeConsumption: the producer of channel may send again. */
  void (*resume_channel) (gpointer data, int channel);
  /* checkpointStarted on every input: persist in-flight data before each
   * channel's barrier (ChannelStatePersister.startPersisting). */
  void (*checkpoint_started) (gpointer data, const FsimCheckpointBarrier *barrier);
  /* checkpointStopped on every input (stopPersisting). */
  void (*checkpoint_stopped) (gpointer data, gint64 id);
  /* convertToPriorityEvent: the announced barrier with sequence_number on
   * channel jumps ahead of the data in front of it. */
  void (*prioritize_barrier) (gpointer data, int channel, int sequence_number);
} FsimBarrierHandlerHost;

typedef struct _FsimBarrierHandler FsimBarrierHandler;

/* (transfer full) A handler over num_channels channels (>= 1);
 * checkpoints_after_tasks_finish is
 * execution.checkpointing.checkpoints-after-tasks-finish. */
FsimBarrierHandler *fsim_barrier_handler_new (FsimBarrierHandlerKind kind, int num_channels,
                                              gboolean checkpoints_after_tasks_finish,
                                              const FsimBarrierHandlerHost *host,
                                              gpointer host_data);
void fsim_barrier_handler_free (FsimBarrierHandler *handler);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimBarrierHandler, fsim_barrier_handler_free)

/* processBarrier: the task polled barrier from channel at now_us. */
void fsim_barrier_handler_process_barrier (FsimBarrierHandler *handler,
                                           const FsimCheckpointBarrier *barrier, int channel,
                                           gint64 now_us);
/* processBarrierAnnouncement: a remote channel announced a timeoutable
 * barrier queued behind data (EventAnnouncement, priority). */
void fsim_barrier_handler_process_announcement (FsimBarrierHandler *handler,
                                                const FsimCheckpointBarrier *barrier,
                                                int sequence_number, int channel, gint64 now_us);
/* processCancellationBarrier: CancelCheckpointMarker(id) from channel. */
void fsim_barrier_handler_process_cancellation (FsimBarrierHandler *handler, gint64 id,
                                                int channel, gint64 now_us);
/* processEndOfPartition: channel is finished. */
void fsim_barrier_handler_process_end_of_partition (FsimBarrierHandler *handler, int channel,
                                                    gint64 now_us);
/* addProcessedBytes: the task polled a data buffer of bytes. */
void fsim_barrier_handler_add_processed_bytes (FsimBarrierHandler *handler, gint64 bytes);
/* When the alignment timer is due (µs), or -1 if none is registered. */
gint64 fsim_barrier_handler_next_timer_us (FsimBarrierHandler *handler);
/* Runs the alignment timer (due at or before now_us). */
void fsim_barrier_handler_fire_timer (FsimBarrierHandler *handler, gint64 now_us);

/* getLatestCheckpointId: the current checkpoint (-1 before any); the
 * tracker's newest pending one. */
gint64 fsim_barrier_handler_get_latest_checkpoint_id (FsimBarrierHandler *handler);
/* Appends the ids (gint64) of the checkpoints in progress, ascending. */
void fsim_barrier_handler_get_pending (FsimBarrierHandler *handler, GArray *ids);
/* TRUE if the handler holds channel blocked (ChannelState.blockChannel). */
gboolean fsim_barrier_handler_is_blocked (FsimBarrierHandler *handler, int channel);
/* TRUE if channel delivered its barrier (or closed) for the checkpoint
 * being aligned (alignedChannels; the tracker: FALSE). */
gboolean fsim_barrier_handler_is_aligned (FsimBarrierHandler *handler, int channel);
FsimBarrierHandlerState fsim_barrier_handler_get_state (FsimBarrierHandler *handler);
FsimBarrierHandlerKind fsim_barrier_handler_get_kind (FsimBarrierHandler *handler);
int fsim_barrier_handler_get_num_open_channels (FsimBarrierHandler *handler);

/* ChannelStatePersister: one per input channel; decides which data
 * buffers of the channel become input channel state of an unaligned
 * checkpoint: those queued before the channel's barrier when the
 * checkpoint starts, and those that arrive after that until the barrier. */
typedef struct {
  int status;                   /* private: COMPLETED, BARRIER_PENDING, BARRIER_RECEIVED */
  gint64 last_seen_barrier;
} FsimChannelStatePersister;

void fsim_channel_state_persister_init (FsimChannelStatePersister *persister);
/* startPersisting(barrierId): TRUE if the buffers queued before the
 * barrier are to be persisted now (FALSE: a newer barrier was received). */
gboolean fsim_channel_state_persister_start (FsimChannelStatePersister *persister,
                                             gint64 barrier_id);
/* stopPersisting(id). */
void fsim_channel_state_persister_stop (FsimChannelStatePersister *persister, gint64 id);
/* maybePersist: a data buffer reached the channel: the checkpoint id it is
 * persisted for, or -1. */
gint64 fsim_channel_state_persister_maybe_persist (FsimChannelStatePersister *persister);
/* checkForBarrier: a barrier of id reached the channel; TRUE if it ends
 * the channel's persisting (not an old one). */
gboolean fsim_channel_state_persister_check_barrier (FsimChannelStatePersister *persister,
                                                     gint64 id);

G_END_DECLS
