/* checkpoint-host.c - what the JobMaster's CheckpointCoordinator may ask.
 *
 * Flink's scheduler owns one CheckpointCoordinator per job and gives it the
 * job's tasks (DefaultCheckpointPlanCalculator over the ExecutionGraph),
 * their gateways (Execution.triggerCheckpoint, notifyCheckpointOnComplete)
 * and a failure callback (CheckpointFailureManager.FailJobCallback, which
 * the scheduler answers with a global failure). This file is that side of
 * the seam (FsimCheckpointHost, checkpoint.h).
 *
 * Barriers do not flow yet: the scheduler never turns on the periodic
 * trigger (settings.periodic stays off), so in a real run the coordinator
 * is created, told when the job runs and ends, and triggers nothing. */
#include "config.h"

#include "scheduler/scheduler-private.h"

static FsimCheckpointTask
task_of (Execution *e)
{
  return (FsimCheckpointTask) { e->vertex->job_vertex->index, e->vertex->subtask, e->attempt,
                                e->label };
}

/* DefaultCheckpointPlanCalculator.checkTasksStarted: every current attempt
 * RUNNING; the sources are triggered, every task acknowledges. */
static gboolean
tasks_running (gpointer host_data, GArray *to_trigger, GArray *to_ack)
{
  FsimCluster *c = host_data;
  JobMaster *jm = c->job;
  for (int i = 0; i < jm->n_vertices; i++)
    if (jm->vertices[i].current->state != FSIM_EXECUTION_RUNNING)
      return FALSE;
  for (int i = 0; i < jm->n_vertices; i++)
    {
      Execution *e = jm->vertices[i].current;
      FsimCheckpointTask t = task_of (e);
      if (e->vertex->job_vertex->inputs->len == 0)
        g_array_append_val (to_trigger, t);
      g_array_append_val (to_ack, t);
    }
  return TRUE;
}

static void
trigger_task (gpointer host_data, const FsimCheckpointTask *task, gint64 checkpoint_id)
{
  /* the Task injects a CheckpointBarrier: lands with the data plane */
  g_error ("checkpoint %" G_GINT64_FORMAT " triggered at %s, but barriers are not simulated "
           "yet (the periodic trigger must stay off)", checkpoint_id, task->label);
}

static void
notify_complete (gpointer host_data, const FsimCheckpointTask *task, gint64 checkpoint_id)
{
  g_error ("checkpoint %" G_GINT64_FORMAT " completed at %s, but barriers are not simulated "
           "yet", checkpoint_id, task->label);
}

static void
fail_job (gpointer host_data, const char *cause)
{
  FsimCluster *c = host_data;
  fsim_sched_scheduler_fail_job (c, cause,
                                 "CheckpointFailureManager: more checkpoints failed in a row "
                                 "than execution.checkpointing.tolerable-failed-checkpoints "
                                 "allows; the scheduler fails the job (handleGlobalFailure)");
}

static const FsimCheckpointHost host = {
  tasks_running, trigger_task, notify_complete, fail_job,
};

FsimCheckpointCoordinator *
fsim_sched_checkpoint_coordinator_new (FsimCluster *c)
{
  const FsimCheckpointSettings *s = &c->settings.checkpoints;
  if (s->interval_us <= 0)
    return NULL;                /* checkpointing disabled: no coordinator */
  FsimCheckpointSettings settings = *s;
  settings.periodic = FALSE;
  return fsim_checkpoint_coordinator_new (c->sim, &settings, &host, c);
}

FsimCheckpointCoordinator *
fsim_cluster_get_checkpoint_coordinator (FsimCluster *c)
{
  return c->job ? c->job->checkpoints : NULL;
}
