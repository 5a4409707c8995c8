/* checkpoint-host.c - what the JobMaster's CheckpointCoordinator may ask.
 *
 * Flink's scheduler owns one CheckpointCoordinator per job and gives it the
 * job's tasks (DefaultCheckpointPlanCalculator over the ExecutionGraph),
 * their gateways (Execution.triggerCheckpoint, notifyCheckpointOnComplete)
 * and a failure callback (CheckpointFailureManager.FailJobCallback, which
 * the scheduler answers with a global failure). This file is that side of
 * the seam (FsimCheckpointHost, checkpoint.h).
 *
 * A trigger reaches each source task as an RPC (Execution.triggerCheckpoint,
 * sim.rpc-latency); the task performs it at its next mailbox turn
 * (task-checkpoint.c). A task that is not RUNNING by then declines
 * (CHECKPOINT_DECLINED_TASK_NOT_READY in Flink). BATCH jobs do not
 * checkpoint: there is no coordinator (SchedulerBase creates none when
 * the JobGraph has no checkpointing settings, as Flink's BATCH mode does).
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

static FsimCheckpointTask
task_of (Execution *e)
{
  return (FsimCheckpointTask) { e->vertex->job_vertex->index, e->vertex->subtask, e->attempt,
                                e->label };
}

/* DefaultCheckpointPlanCalculator: every task must be RUNNING, or, with
 * checkpoints-after-tasks-finish (FLIP-147), RUNNING or FINISHED; finished
 * tasks are neither triggered nor waited for, and the tasks that read only
 * finished ones are triggered as the new sources (calculateWithAllTasksRunning
 * / calculateAfterTasksFinished). */
static gboolean
tasks_running (gpointer host_data, GArray *to_trigger, GArray *to_ack)
{
  FsimCluster *c = host_data;
  JobMaster *jm = c->job;
  gboolean after_finish = c->settings.checkpoints.after_tasks_finish;
  int running = 0;
  for (int i = 0; i < jm->n_vertices; i++)
    {
      FsimExecutionState st = jm->vertices[i].current->state;
      if (st == FSIM_EXECUTION_RUNNING)
        running++;
      else if (!(after_finish && st == FSIM_EXECUTION_FINISHED))
        return FALSE;
    }
  if (running == 0)
    return FALSE;
  for (int i = 0; i < jm->n_vertices; i++)
    {
      Execution *e = jm->vertices[i].current;
      if (e->state != FSIM_EXECUTION_RUNNING)
        continue;
      FsimCheckpointTask t = task_of (e);
      if (e->producers == e->producers_finished)
        g_array_append_val (to_trigger, t);
      g_array_append_val (to_ack, t);
    }
  return to_trigger->len > 0;
}

/* The CheckpointBarrier's options (CheckpointOptions.forConfig). */
static FsimCheckpointBarrier
barrier_of (FsimCluster *c, gint64 id)
{
  const FsimCheckpointSettings *s = &c->settings.checkpoints;
  FsimCheckpointBarrier b = { .id = id, .timestamp_us = fsim_sim_now (c->sim) };
  FsimCheckpointStatsView v;
  gboolean known = fsim_checkpoint_coordinator_get_stats (c->job->checkpoints, id, &v);
  g_assert (known);
  b.savepoint = v.savepoint;
  b.synchronous = v.synchronous;       /* SavepointType terminate / suspend */
  b.drain = v.drain;
  if (s->at_least_once)
    b.alignment = FSIM_ALIGNMENT_AT_LEAST_ONCE;
  else if (b.savepoint)
    b.alignment = FSIM_ALIGNMENT_ALIGNED;       /* alignedNoTimeout */
  else if (s->unaligned && s->aligned_timeout_us > 0)
    {
      b.alignment = FSIM_ALIGNMENT_ALIGNED;
      b.aligned_timeout_us = s->aligned_timeout_us;
    }
  else
    b.alignment = s->unaligned ? FSIM_ALIGNMENT_UNALIGNED : FSIM_ALIGNMENT_ALIGNED;
  return b;
}

typedef struct {
  FsimCluster *c;
  FsimExecutionAttemptId id;
  FsimCheckpointBarrier barrier;
} TriggerRpc;

/* The vertex's current attempt, and whether it is the RPC's and its task
 * runs on a live TaskManager (else the RPC finds no task to act). */
static Execution *
attempt_of (FsimCluster *c, const FsimExecutionAttemptId *id, gboolean *running)
{
  Execution *e = fsim_sched_job_master_vertex (c->job, id->vertex, id->subtask)->current;
  *running = e->attempt == id->attempt && e->task_state == FSIM_EXECUTION_RUNNING && e->slot
             && e->slot->tm->alive;
  return e;
}

static void
task_receives_trigger (FsimSim *sim, gpointer payload)
{
  (void) sim;
  TriggerRpc *rpc = payload;
  FsimCluster *c = rpc->c;
  gboolean running;
  Execution *e = attempt_of (c, &rpc->id, &running);
  if (running && fsim_sched_stream_task_checkpoint (e))
    {
      fsim_sched_stream_task_trigger (e, &rpc->barrier);
      return;
    }
  /* Task.triggerCheckpointBarrier on a task that is not running declines */
  if (c->job->checkpoints)
    {
      FsimCheckpointTask t = { rpc->id.vertex, rpc->id.subtask, rpc->id.attempt, e->label };
      fsim_checkpoint_coordinator_decline_with_reason (
        c->job->checkpoints, &t, rpc->barrier.id,
        FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_TASK_NOT_READY, "the task is not running");
    }
}

static void
trigger_task (gpointer host_data, const FsimCheckpointTask *task, gint64 checkpoint_id)
{
  FsimCluster *c = host_data;
  TriggerRpc *rpc = g_new (TriggerRpc, 1);
  *rpc = (TriggerRpc) { c, { task->vertex, task->subtask, task->attempt },
                        barrier_of (c, checkpoint_id) };
  fsim_sched_cluster_rpc (c, task_receives_trigger, rpc, g_free);
}

typedef struct {
  FsimCluster *c;
  FsimExecutionAttemptId id;
  gint64 checkpoint_id;
  gboolean aborted;
} NotifyRpc;

/* The notification at the task (TaskExecutor.confirmCheckpoint /
 * abortCheckpoint): a task that is gone or a later attempt ignores it. */
static void
task_receives_notify (FsimSim *sim, gpointer payload)
{
  (void) sim;
  NotifyRpc *rpc = payload;
  gboolean running;
  Execution *e = attempt_of (rpc->c, &rpc->id, &running);
  if (!running)
    return;
  if (rpc->aborted)
    fsim_sched_stream_task_notify_aborted (e, rpc->checkpoint_id);
  else
    fsim_sched_stream_task_notify_complete (e, rpc->checkpoint_id);
}

static void
notify (FsimCluster *c, const FsimCheckpointTask *task, gint64 checkpoint_id, gboolean aborted)
{
  NotifyRpc *rpc = g_new (NotifyRpc, 1);
  *rpc = (NotifyRpc) { c, { task->vertex, task->subtask, task->attempt }, checkpoint_id,
                       aborted };
  fsim_sched_cluster_rpc (c, task_receives_notify, rpc, g_free);
}

/* Execution.notifyCheckpointOnComplete: an RPC to the task (sim.rpc-latency).
 * What acts on it: a synchronous savepoint's completion ends the task. */
static void
notify_complete (gpointer host_data, const FsimCheckpointTask *task, gint64 checkpoint_id)
{
  notify (host_data, task, checkpoint_id, FALSE);
}

/* Execution.notifyCheckpointAborted: a task's snapshot of a checkpoint
 * goes on (its acknowledgement is then late), but the abort of a
 * synchronous savepoint fails the task that took it. */
static void
notify_aborted (gpointer host_data, const FsimCheckpointTask *task, gint64 checkpoint_id)
{
  notify (host_data, task, checkpoint_id, TRUE);
}

static void
sync_savepoint_done (gpointer host_data, gint64 checkpoint_id, gboolean completed,
                     FsimCheckpointFailureReason reason)
{
  fsim_sched_stop_with_savepoint_done (host_data, checkpoint_id, completed, reason);
}

static void
fail_job (gpointer host_data, const char *cause)
{
  FsimCluster *c = host_data;
  /* the failure manager's two causes: the threshold's, or a synchronous
   * savepoint's failure in a task (which fails the job at once) */
  gboolean threshold = strstr (cause, "Exceeded checkpoint tolerable failure threshold") != NULL;
  fsim_sched_scheduler_handle_global_failure (
    c, cause, !threshold
    ? "CheckpointFailureManager.handleTaskLevelCheckpointException: a task failed the "
      "synchronous savepoint of stop-with-savepoint, which fails the job whatever "
      "tolerable-failed-checkpoints says (handleGlobalFailure)"
    : "CheckpointFailureManager: more checkpoints failed in a row "
      "than execution.checkpointing.tolerable-failed-checkpoints "
      "allows; the scheduler fails the job (handleGlobalFailure)");
}

/* failGlobalIfExecutionIsStillRunning: only if the declining attempt is
 * still RUNNING or INITIALIZING. */
static void
fail_job_due_to_task_failure (gpointer host_data, const char *cause,
                              const FsimCheckpointTask *task)
{
  FsimCluster *c = host_data;
  Execution *e = fsim_sched_job_master_vertex (c->job, task->vertex, task->subtask)->current;
  if (e->attempt != task->attempt
      || (e->state != FSIM_EXECUTION_RUNNING && e->state != FSIM_EXECUTION_INITIALIZING))
    return;
  fail_job (host_data, cause);
}

static const FsimCheckpointHost host = {
  .tasks_running = tasks_running,
  .trigger_task = trigger_task,
  .notify_complete = notify_complete,
  .fail_job = fail_job,
  .notify_aborted = notify_aborted,
  .fail_job_due_to_task_failure = fail_job_due_to_task_failure,
  .sync_savepoint_done = sync_savepoint_done,
};

FsimCheckpointCoordinator *
fsim_sched_checkpoint_coordinator_new (FsimCluster *c)
{
  const FsimCheckpointSettings *s = &c->settings.checkpoints;
  if (s->interval_us <= 0)
    return NULL;                /* checkpointing disabled: no coordinator */
  if (fsim_job_graph_get_job_type (fsim_execution_graph_get_job_graph (c->job->eg))
      == FSIM_JOB_TYPE_BATCH)
    return NULL;                /* BATCH jobs do not checkpoint */
  FsimCheckpointSettings settings = *s;
  settings.periodic = TRUE;
  return fsim_checkpoint_coordinator_new (c->sim, &settings, &host, c);
}

FsimCheckpointCoordinator *
fsim_cluster_get_checkpoint_coordinator (FsimCluster *c)
{
  return c->job ? c->job->checkpoints : NULL;
}
