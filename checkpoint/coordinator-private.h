/* coordinator-private.h - the CheckpointCoordinator's two helpers, each in
 * its own file so that Flink's unit tests of them replay on them alone:
 *
 *   CheckpointRequestDecider  (request-decider.c)  which trigger request
 *                             runs, waits or is dropped
 *   CheckpointFailureManager  (failure-manager.c)  which failures count,
 *                             and when the job fails
 *
 * coordinator.c drives both. Private to checkpoint/ (and its tests). */
#pragma once

#include "checkpoint/checkpoint.h"

G_BEGIN_DECLS

/* --- CheckpointRequestDecider ---------------------------------------------------- */

/* CheckpointRequestDecider.DEFAULT_MAX_QUEUED_REQUESTS */
#define FSIM_CHECKPOINT_MAX_QUEUED_REQUESTS 1000

/* CheckpointCoordinator.CheckpointTriggerRequest: what the decider orders
 * by (CheckpointProperties.isSavepoint, forceCheckpoint; isPeriodic; the
 * timestamp), and the coordinator's number for it. Flink breaks the last tie
 * by identityHashCode, which no run can repeat: here the number (the order
 * of submission) does. */
typedef struct {
  gint64 number;
  gint64 timestamp_us;
  gboolean periodic;
  gboolean savepoint;
  gboolean force;
} FsimCheckpointTriggerRequest;

typedef struct {
  /* rescheduleTrigger(currentRelativeTime, tillNextMillis): a periodic
   * request came within min-pause of the last completion. */
  void (*reschedule_trigger) (gpointer data, gint64 now_us, gint64 delay_us);
  /* request.completeExceptionally(new CheckpointException(reason)): the
   * decider dropped it (MINIMUM_TIME_BETWEEN_CHECKPOINTS,
   * TOO_MANY_CHECKPOINT_REQUESTS) or abortAll failed it. */
  void (*request_failed) (gpointer data, const FsimCheckpointTriggerRequest *request,
                          FsimCheckpointFailureReason reason);
} FsimCheckpointDeciderHost;

typedef struct _FsimCheckpointRequestDecider FsimCheckpointRequestDecider;

/* The decider's view of the coordinator at one call: Flink reads these
 * through its suppliers and clock when it decides. */
typedef struct {
  gboolean is_triggering;       /* CheckpointCoordinator.isTriggering */
  gint64 last_completion_us;    /* lastCheckpointCompletionRelativeTime */
  gint64 now_us;                /* clock.relativeTimeMillis */
  int n_pending;                /* pendingCheckpoints.size */
  int n_cleaning;               /* CheckpointsCleaner.getNumberOfCheckpointsToClean */
} FsimCheckpointDeciderState;

/* (transfer full) max_concurrent >= 1 and max_queued >= 1 (Flink's
 * checkArgument); host must outlive it. */
FsimCheckpointRequestDecider *fsim_checkpoint_request_decider_new (int max_concurrent,
                                                                   gint64 min_pause_us,
                                                                   int max_queued,
                                                                   const FsimCheckpointDeciderHost *host,
                                                                   gpointer host_data);
void fsim_checkpoint_request_decider_free (FsimCheckpointRequestDecider *decider);
/* chooseRequestToExecute(newRequest, isTriggering, lastCompletionMs): queues
 * request (or refuses it when the queue is full of manual ones), then
 * chooses. TRUE with *out the request to execute now, which has left the
 * queue; FALSE if none. */
gboolean fsim_checkpoint_request_decider_submit (FsimCheckpointRequestDecider *decider,
                                                 const FsimCheckpointTriggerRequest *request,
                                                 const FsimCheckpointDeciderState *state,
                                                 FsimCheckpointTriggerRequest *out);
/* chooseQueuedRequestToExecute(isTriggering, lastCompletionMs). */
gboolean fsim_checkpoint_request_decider_choose_queued (FsimCheckpointRequestDecider *decider,
                                                        const FsimCheckpointDeciderState *state,
                                                        FsimCheckpointTriggerRequest *out);
/* abortAll(exception): every queued request fails with reason, head first. */
void fsim_checkpoint_request_decider_abort_all (FsimCheckpointRequestDecider *decider,
                                                FsimCheckpointFailureReason reason);
/* getNumQueuedRequests */
guint fsim_checkpoint_request_decider_get_n_queued (FsimCheckpointRequestDecider *decider);
/* The queued request at index (0: the head, the next to run). */
const FsimCheckpointTriggerRequest *
fsim_checkpoint_request_decider_get_queued (FsimCheckpointRequestDecider *decider, guint index);

/* --- CheckpointFailureManager ----------------------------------------------------- */

/* CheckpointFailureManager.UNLIMITED_TOLERABLE_FAILURE_NUMBER */
#define FSIM_CHECKPOINT_UNLIMITED_TOLERABLE_FAILURES G_MAXINT32
/* UNKNOWN_CHECKPOINT_ID: a failure before the checkpoint had an id */
#define FSIM_CHECKPOINT_UNKNOWN_ID G_GINT64_CONSTANT (-1)

/* What one failure did to the count, for the trace's why. */
typedef enum {
  FSIM_FAILURE_NOT_COUNTED_SAVEPOINT,   /* a savepoint failure on the JobManager */
  FSIM_FAILURE_NOT_COUNTED_OLD,         /* id <= the last completed checkpoint */
  FSIM_FAILURE_NOT_COUNTED_UNLIMITED,   /* tolerable = Integer.MAX_VALUE */
  FSIM_FAILURE_NOT_COUNTED_REASON,      /* a reason checkFailureCounter ignores */
  FSIM_FAILURE_NOT_COUNTED_AGAIN,       /* this id was counted already */
  FSIM_FAILURE_COUNTED,                 /* counted, still tolerated */
  FSIM_FAILURE_FAILS_JOB,               /* counted past the threshold: the job fails */
  FSIM_FAILURE_SYNC_SAVEPOINT_FAILS_JOB,/* a task failed a synchronous savepoint */
} FsimFailureOutcome;

typedef struct {
  /* FailJobCallback.failJob (failing_task NULL) or failJobDueToTaskFailure;
   * cause is the FlinkRuntimeException's text, borrowed for the call. */
  void (*fail_job) (gpointer data, const char *cause, const FsimCheckpointTask *failing_task);
} FsimFailureManagerHost;

typedef struct _FsimCheckpointFailureManager FsimCheckpointFailureManager;

/* (transfer full) tolerable >= 0 (Flink's checkArgument). */
FsimCheckpointFailureManager *fsim_checkpoint_failure_manager_new (int tolerable,
                                                                   const FsimFailureManagerHost *host,
                                                                   gpointer host_data);
void fsim_checkpoint_failure_manager_free (FsimCheckpointFailureManager *manager);
/* handleCheckpointException: a JobManager failure (isJobManagerFailure: a
 * pre-flight reason, or no task) goes to handleJobLevelCheckpointException,
 * a task's to handleTaskLevelCheckpointException. id is
 * FSIM_CHECKPOINT_UNKNOWN_ID when the checkpoint had none. */
FsimFailureOutcome fsim_checkpoint_failure_manager_handle (FsimCheckpointFailureManager *manager,
                                                           gboolean savepoint,
                                                           gboolean synchronous,
                                                           FsimCheckpointFailureReason reason,
                                                           gint64 id,
                                                           const FsimCheckpointTask *task);
/* handleJobLevelCheckpointException(props, exception, checkpointId) */
FsimFailureOutcome fsim_checkpoint_failure_manager_job_level (FsimCheckpointFailureManager *manager,
                                                              gboolean savepoint,
                                                              FsimCheckpointFailureReason reason,
                                                              gint64 id);
/* handleCheckpointSuccess(checkpointId) */
void fsim_checkpoint_failure_manager_success (FsimCheckpointFailureManager *manager, gint64 id);
/* continuousFailureCounter */
int fsim_checkpoint_failure_manager_get_count (FsimCheckpointFailureManager *manager);
int fsim_checkpoint_failure_manager_get_tolerable (FsimCheckpointFailureManager *manager);
/* "Exceeded checkpoint tolerable failure threshold. The latest checkpoint
 * failed due to …" as FlinkRuntimeException's toString. (transfer full) */
char *fsim_checkpoint_failure_manager_cause (FsimCheckpointFailureReason reason);

G_END_DECLS
