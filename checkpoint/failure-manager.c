/* failure-manager.c - CheckpointFailureReason and the CheckpointFailureManager.
 *
 * Flink's CheckpointFailureManager counts consecutive checkpoint failures:
 * only some reasons count (checkFailureCounter), each checkpoint id once
 * (countedCheckpointIds), and only failures of checkpoints newer than the
 * last completed one (lastSucceededCheckpointId); a completed checkpoint
 * clears the count. Once the count exceeds tolerable-failed-checkpoints it
 * is cleared and the job fails: failJob for the JobManager's failures (a
 * pre-flight reason, or no task named), failJobDueToTaskFailure for a
 * task's. Savepoint failures on the JobManager never count; a task's
 * failure of a synchronous savepoint fails the job at once. */
#include "config.h"

#include <string.h>

#include "checkpoint/coordinator-private.h"

/* --- CheckpointFailureReason ------------------------------------------------------- */

static const struct {
  const char *name;
  const char *message;          /* CheckpointFailureReason.message() */
  gboolean pre_flight;          /* isPreFlight() */
  gboolean counts;              /* checkFailureCounter increments for it */
} reasons[FSIM_CHECKPOINT_FAILURE_COUNT] = {
  [FSIM_CHECKPOINT_FAILURE_PERIODIC_SCHEDULER_SHUTDOWN] = { "PERIODIC_SCHEDULER_SHUTDOWN",
    "Periodic checkpoint scheduler is shut down.", TRUE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS] = { "TOO_MANY_CHECKPOINT_REQUESTS",
    "The maximum number of queued checkpoint requests exceeded", TRUE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS] = {
    "MINIMUM_TIME_BETWEEN_CHECKPOINTS",
    "The minimum time between checkpoints is still pending. Checkpoint will be triggered "
    "after the minimum time.", TRUE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING] = { "NOT_ALL_REQUIRED_TASKS_RUNNING",
    "Not all required tasks are currently running.", TRUE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_IO_EXCEPTION] = { "IO_EXCEPTION",
    "An Exception occurred while triggering the checkpoint. IO-problem detected.", TRUE, TRUE },
  [FSIM_CHECKPOINT_FAILURE_BLOCKING_OUTPUT_EXIST] = { "BLOCKING_OUTPUT_EXIST",
    "Blocking output edge exists in running tasks.", TRUE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_ASYNC_EXCEPTION] = { "CHECKPOINT_ASYNC_EXCEPTION",
    "Asynchronous task checkpoint failed.", FALSE, TRUE },
  [FSIM_CHECKPOINT_FAILURE_CHANNEL_STATE_SHARED_STREAM_EXCEPTION] = {
    "CHANNEL_STATE_SHARED_STREAM_EXCEPTION",
    "The checkpoint was aborted due to exception of other subtasks sharing the ChannelState "
    "file.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED] = { "CHECKPOINT_EXPIRED",
    "Checkpoint expired before completing.", FALSE, TRUE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_SUBSUMED] = { "CHECKPOINT_SUBSUMED",
    "Checkpoint has been subsumed.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED] = { "CHECKPOINT_DECLINED",
    "Checkpoint was declined.", FALSE, TRUE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_TASK_NOT_READY] = {
    "CHECKPOINT_DECLINED_TASK_NOT_READY", "Checkpoint was declined (tasks not ready)",
    FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_TASK_CLOSING] = {
    "CHECKPOINT_DECLINED_TASK_CLOSING", "Checkpoint was declined (task is closing)",
    FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_SUBSUMED] = { "CHECKPOINT_DECLINED_SUBSUMED",
    "Checkpoint was canceled because a barrier from newer checkpoint was received.",
    FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER] = {
    "CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER",
    "Task received cancellation from one of its inputs", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_INPUT_END_OF_STREAM] = {
    "CHECKPOINT_DECLINED_INPUT_END_OF_STREAM",
    "Checkpoint was declined because one input stream is finished", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN] = { "CHECKPOINT_COORDINATOR_SHUTDOWN",
    "CheckpointCoordinator shutdown.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SUSPEND] = { "CHECKPOINT_COORDINATOR_SUSPEND",
    "Checkpoint Coordinator is suspending.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_JOB_FAILOVER_REGION] = { "JOB_FAILOVER_REGION",
    "FailoverRegion is restarting.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_TASK_FAILURE] = { "TASK_FAILURE", "Task has failed.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_TASK_CHECKPOINT_FAILURE] = { "TASK_CHECKPOINT_FAILURE",
    "Task local checkpoint failure.", FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_UNKNOWN_TASK_CHECKPOINT_NOTIFICATION_FAILURE] = {
    "UNKNOWN_TASK_CHECKPOINT_NOTIFICATION_FAILURE", "Unknown task for the checkpoint to notify.",
    FALSE, FALSE },
  [FSIM_CHECKPOINT_FAILURE_FINALIZE_CHECKPOINT_FAILURE] = { "FINALIZE_CHECKPOINT_FAILURE",
    "Failure to finalize checkpoint.", FALSE, TRUE },
  [FSIM_CHECKPOINT_FAILURE_TRIGGER_CHECKPOINT_FAILURE] = { "TRIGGER_CHECKPOINT_FAILURE",
    "Trigger checkpoint failure.", FALSE, FALSE },
};

const char *
fsim_checkpoint_failure_reason_name (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].name;
}

const char *
fsim_checkpoint_failure_reason_message (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].message;
}

gboolean
fsim_checkpoint_failure_reason_counts (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].counts;
}

gboolean
fsim_checkpoint_failure_reason_is_pre_flight (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].pre_flight;
}

int
fsim_checkpoint_failure_reason_lookup (const char *name)
{
  for (int i = 0; i < FSIM_CHECKPOINT_FAILURE_COUNT; i++)
    if (strcmp (reasons[i].name, name) == 0)
      return i;
  return -1;
}

/* --- CheckpointFailureManager -------------------------------------------------- */

struct _FsimCheckpointFailureManager {
  int tolerable;                /* tolerableCpFailureNumber */
  const FsimFailureManagerHost *host;
  gpointer host_data;
  int continuous;               /* continuousFailureCounter */
  GHashTable *counted;          /* countedCheckpointIds (gint64 keys); membership only */
  gint64 last_succeeded;        /* lastSucceededCheckpointId, Long.MIN_VALUE at first */
};

FsimCheckpointFailureManager *
fsim_checkpoint_failure_manager_new (int tolerable, const FsimFailureManagerHost *host,
                                     gpointer host_data)
{
  /* "The tolerable checkpoint failure number is illegal, it must be greater
   * than or equal to 0 .": the configuration refuses it first */
  g_assert (tolerable >= 0 && host->fail_job);
  FsimCheckpointFailureManager *m = g_new0 (FsimCheckpointFailureManager, 1);
  m->tolerable = tolerable;
  m->host = host;
  m->host_data = host_data;
  m->counted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m->last_succeeded = G_MININT64;
  return m;
}

void
fsim_checkpoint_failure_manager_free (FsimCheckpointFailureManager *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->counted);
  g_free (m);
}

char *
fsim_checkpoint_failure_manager_cause (FsimCheckpointFailureReason reason)
{
  /* EXCEEDED_CHECKPOINT_TOLERABLE_FAILURE_MESSAGE and checkFailureAgainstCounter's format */
  return g_strdup_printf ("org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint "
                          "tolerable failure threshold. The latest checkpoint failed due to "
                          "%s, view the Checkpoint History tab or the Job Manager log to find "
                          "out why continuous checkpoints failed.",
                          fsim_checkpoint_failure_reason_message (reason));
}

/* clearCount */
static void
clear_count (FsimCheckpointFailureManager *m)
{
  m->continuous = 0;
  g_hash_table_remove_all (m->counted);
}

/* checkFailureCounter: TRUE if the counter went up. */
static FsimFailureOutcome
check_failure_counter (FsimCheckpointFailureManager *m, FsimCheckpointFailureReason reason,
                       gint64 id)
{
  if (m->tolerable == FSIM_CHECKPOINT_UNLIMITED_TOLERABLE_FAILURES)
    return FSIM_FAILURE_NOT_COUNTED_UNLIMITED;
  if (!fsim_checkpoint_failure_reason_counts (reason))
    return FSIM_FAILURE_NOT_COUNTED_REASON;
  /* one checkpoint is counted once */
  if (id != FSIM_CHECKPOINT_UNKNOWN_ID)
    {
      if (g_hash_table_contains (m->counted, &id))
        return FSIM_FAILURE_NOT_COUNTED_AGAIN;
      g_hash_table_add (m->counted, g_memdup2 (&id, sizeof id));
    }
  m->continuous++;
  return FSIM_FAILURE_COUNTED;
}

/* checkFailureAgainstCounter */
static FsimFailureOutcome
check_against_counter (FsimCheckpointFailureManager *m, FsimCheckpointFailureReason reason,
                       gint64 id, const FsimCheckpointTask *task)
{
  if (id != FSIM_CHECKPOINT_UNKNOWN_ID && id <= m->last_succeeded)
    return FSIM_FAILURE_NOT_COUNTED_OLD;
  FsimFailureOutcome outcome = check_failure_counter (m, reason, id);
  /* Flink compares after every checkFailureCounter, counted or not; only a
   * count can have passed the threshold, as the count is cleared then */
  if (m->continuous > m->tolerable)
    {
      clear_count (m);
      g_autofree char *cause = fsim_checkpoint_failure_manager_cause (reason);
      m->host->fail_job (m->host_data, cause, task);
      return FSIM_FAILURE_FAILS_JOB;
    }
  return outcome;
}

FsimFailureOutcome
fsim_checkpoint_failure_manager_job_level (FsimCheckpointFailureManager *m, gboolean savepoint,
                                           FsimCheckpointFailureReason reason, gint64 id)
{
  if (savepoint)
    return FSIM_FAILURE_NOT_COUNTED_SAVEPOINT;
  return check_against_counter (m, reason, id, NULL);
}

FsimFailureOutcome
fsim_checkpoint_failure_manager_handle (FsimCheckpointFailureManager *m, gboolean savepoint,
                                        gboolean synchronous, FsimCheckpointFailureReason reason,
                                        gint64 id, const FsimCheckpointTask *task)
{
  /* isJobManagerFailure */
  if (fsim_checkpoint_failure_reason_is_pre_flight (reason) || task == NULL)
    return fsim_checkpoint_failure_manager_job_level (m, savepoint, reason, id);
  /* handleTaskLevelCheckpointException */
  if (savepoint && synchronous)
    {
      g_autofree char *cause = g_strdup_printf (
        "org.apache.flink.runtime.checkpoint.CheckpointException: %s",
        fsim_checkpoint_failure_reason_message (reason));
      m->host->fail_job (m->host_data, cause, NULL);
      return FSIM_FAILURE_SYNC_SAVEPOINT_FAILS_JOB;
    }
  return check_against_counter (m, reason, id, task);
}

void
fsim_checkpoint_failure_manager_success (FsimCheckpointFailureManager *m, gint64 id)
{
  if (id > m->last_succeeded)
    {
      m->last_succeeded = id;
      clear_count (m);
    }
}

int
fsim_checkpoint_failure_manager_get_count (FsimCheckpointFailureManager *m)
{
  return m->continuous;
}

int
fsim_checkpoint_failure_manager_get_tolerable (FsimCheckpointFailureManager *m)
{
  return m->tolerable;
}
