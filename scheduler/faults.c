/* faults.c - planned faults: a task that throws, a TaskManager that dies.
 *
 * The job file's `at T fail "Op" [subtask N]` and `at T kill taskmanager N`
 * (docs/job-language.md, Faults). A failing task goes FAILED on its
 * TaskManager and reports it; what follows is the scheduler's failover
 * decision (scheduler.c). A killed TaskManager says nothing: the JobMaster
 * finds out when its heartbeat times out and fails the tasks in its slots.
 * `at T decline checkpoint N` makes a task decline a pending checkpoint, as
 * a task whose snapshot failed does (Task.declineCheckpoint, then the
 * coordinator's receiveDeclineMessage). */
#include "config.h"

#include "scheduler/scheduler-private.h"

static void
fault_record (FsimCluster *c, const char *label, int tm, const char *detail, const char *why)
{
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_FAULT, why);
  r.label = label;
  r.taskmanager = tm;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}

void
fsim_cluster_fail_task (FsimCluster *c, int vertex, int subtask, const char *cause)
{
  g_return_if_fail (c->job != NULL);
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (c->job->eg);
  g_return_if_fail (vertex >= 0 && (guint) vertex < jvs->len);
  const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, vertex);
  if (subtask < 0 || subtask >= ejv->parallelism)
    {
      g_autofree char *detail = g_strdup_printf ("%s has subtasks 0 to %d; nothing fails",
                                                 ejv->job_vertex->name, ejv->parallelism - 1);
      fault_record (c, ejv->job_vertex->name, -1, detail,
                    "fault plan: the subtask named does not exist");
      return;
    }
  Execution *e = fsim_sched_current (c->job, &ejv->subtasks[subtask]);
  FsimExecutionState s = e->task_state;
  gboolean live = e->slot && e->slot->tm->alive
                  && (s == FSIM_EXECUTION_DEPLOYING || s == FSIM_EXECUTION_INITIALIZING
                      || s == FSIM_EXECUTION_RUNNING);
  g_autofree char *detail = g_strdup_printf (live ? "fail: %s" : "fail: %s; no running Task, "
                                             "nothing fails", cause);
  /* names its subject fully, so viewers can place the fault on its row */
  FsimTraceRecord r = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_FAULT,
                                        "fault plan: the task's user code throws");
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  if (live)
    fsim_sched_taskmanager_fail_task (c, e, cause,
                           "the Task's code threw: Task.transitionStateOnFailure moves it "
                           "to FAILED and the TaskExecutor reports it to the JobMaster");
}

/* The process supervisor starts a new TaskManager process: a new
 * TaskExecutor with a new ResourceID, numbered after the others, which
 * registers at the ResourceManager like any other (its slots can serve a
 * restarting job). Not while the cluster shuts down. */
static void
replace_taskmanager (FsimSim *sim, gpointer payload)
{
  TaskManagerRpc *rpc = payload;
  FsimCluster *c = rpc->c;
  if (c->shut_down)
    return;
  TaskManager *tm = fsim_sched_taskmanager_new (c, (int) c->taskmanagers->len + 1);
  g_ptr_array_add (c->taskmanagers, tm);
  FsimTraceRecord r = fsim_sched_cluster_record (
    c, FSIM_SCHED_KIND_CLUSTER,
    "standalone: the process supervisor starts a new TaskManager process "
    "sim.taskmanager-restart-delay after one died; it registers as a new TaskExecutor "
    "(a new ResourceID), not as the old one");
  g_autofree char *detail = g_strdup_printf ("%s started to replace %s", tm->name,
                                             rpc->tm->name);
  r.label = tm->name;
  r.taskmanager = tm->number;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  fsim_sched_taskmanager_start (c, tm);
}

void
fsim_cluster_kill_taskmanager (FsimCluster *c, int number)
{
  if (number < 1 || (guint) number > c->taskmanagers->len)
    {
      g_autofree char *detail = g_strdup_printf ("the cluster has TaskManagers 1 to %u; "
                                                 "nothing dies", c->taskmanagers->len);
      fault_record (c, "TaskManager", -1, detail,
                    "fault plan: the TaskManager named does not exist");
      return;
    }
  TaskManager *tm = g_ptr_array_index (c->taskmanagers, number - 1);
  fault_record (c, tm->name, tm->number, tm->alive ? "killed" : "already dead",
                "fault plan: the TaskManager process dies; its tasks stop without "
                "reporting, and the JobMaster and ResourceManager notice only when "
                "heartbeat.timeout passes without a heartbeat");
  if (tm->alive)
    {
      fsim_sched_taskmanager_kill (c, tm);
      fsim_sim_schedule_in (c->sim, c->settings.taskmanager_restart_delay_us,
                            FSIM_PRIORITY_DEFAULT, replace_taskmanager,
                            fsim_sched_taskmanager_rpc_new (c, tm), g_free);
    }
}

/* --- a declined checkpoint --------------------------------------------------- */

/* `at T decline checkpoint N`: if N is pending, the first task (in
 * ExecutionVertex order) that has not acknowledged it declines it
 * (CHECKPOINT_DECLINED, which the CheckpointFailureManager counts); if N
 * is not pending (not triggered yet, completed, aborted) or checkpointing
 * is off, the fault record says so and nothing else happens. */
void
fsim_cluster_decline_checkpoint (FsimCluster *c, gint64 checkpoint_id)
{
  g_return_if_fail (c->job != NULL);
  FsimCheckpointCoordinator *cc = c->job->checkpoints;
  g_autofree char *label = g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, checkpoint_id);
  FsimCheckpointTask task;
  const char *state = NULL;
  if (cc == NULL || !fsim_checkpoint_coordinator_first_unacknowledged (cc, checkpoint_id, &task,
                                                                      &state))
    {
      g_autofree char *detail = cc == NULL
        ? g_strdup_printf ("decline checkpoint %" G_GINT64_FORMAT ": checkpointing is off (no "
                           "execution.checkpointing.interval); nothing declines", checkpoint_id)
        : g_strdup_printf ("decline checkpoint %" G_GINT64_FORMAT ": it is not pending (%s); "
                           "nothing declines", checkpoint_id, state);
      FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_FAULT,
                                                     "fault plan: a task can decline only a "
                                                     "pending checkpoint");
      r.label = label;
      r.checkpoint = checkpoint_id;
      r.detail = detail;
      fsim_sched_cluster_trace (c, &r);
      return;
    }
  g_autofree char *cause = g_strdup_printf (
    "java.lang.RuntimeException: flinksim fault plan: decline checkpoint %" G_GINT64_FORMAT,
    checkpoint_id);
  g_autofree char *detail = g_strdup_printf ("decline checkpoint %" G_GINT64_FORMAT ": %s, the "
                                             "first task that has not acknowledged it, "
                                             "declines: %s", checkpoint_id, task.label, cause);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_FAULT,
                                                 "fault plan: a task's snapshot fails, so it "
                                                 "declines the checkpoint (Task.declineCheckpoint)");
  r.vertex = task.vertex;
  r.subtask = task.subtask;
  r.attempt = task.attempt;
  r.label = task.label;
  r.checkpoint = checkpoint_id;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  fsim_checkpoint_coordinator_decline (cc, &task, checkpoint_id, cause);
}

/* --- a savepoint ------------------------------------------------------------- */

void
fsim_cluster_trigger_savepoint (FsimCluster *c)
{
  g_return_if_fail (c->job != NULL);
  FsimCheckpointCoordinator *cc = c->job->checkpoints;
  FsimTraceRecord r = fsim_sched_cluster_record (
    c, FSIM_SCHED_KIND_FAULT,
    cc ? "fault plan: `flink savepoint` asks the JobMaster for a savepoint "
         "(CheckpointCoordinator.triggerSavepoint), which the CheckpointRequestDecider "
         "queues first"
       : "fault plan: flinksim simulates savepoints only with checkpointing on (Flink's "
         "coordinator would take one with periodic checkpoints off, too)");
  g_autofree char *detail = cc ? NULL
    : g_strdup ("savepoint: checkpointing is off (no execution.checkpointing.interval); "
                "no savepoint is taken");
  r.label = "savepoint";
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  if (cc)
    fsim_checkpoint_coordinator_request_savepoint (cc);
}

/* --- random faults (sim.faults.rate) -------------------------------------- */

/* The next random fault after an exponential gap of mean 1 h / rate: a
 * Poisson process of failures, from the run's "faults" stream. */
static void schedule_random_fault (FsimCluster *c);

static void
random_fault (FsimSim *sim, gpointer payload)
{
  FsimCluster *c = ((ClusterEvent *) payload)->c;
  JobMaster *jm = c->job;
  if (jm == NULL || c->shut_down || fsim_job_status_is_globally_terminal (jm->status))
    return;
  /* the running subtasks, in ExecutionVertex order, one drawn uniformly */
  g_autoptr (GPtrArray) running = g_ptr_array_new ();
  for (int i = 0; i < jm->n_vertices; i++)
    {
      Execution *e = jm->vertices[i].current;
      if (e->task_state == FSIM_EXECUTION_RUNNING && e->slot && e->slot->tm->alive)
        g_ptr_array_add (running, e);
    }
  FsimRng *rng = fsim_sim_rng_stream (sim, "faults");
  if (running->len > 0)
    {
      Execution *e = g_ptr_array_index (running, fsim_rng_uniform (rng, running->len));
      g_autofree char *cause = g_strdup_printf (
        "java.lang.RuntimeException: flinksim random fault (sim.faults.rate %g per hour)",
        c->settings.faults_per_hour);
      g_autofree char *detail = g_strdup_printf ("fail: %s", cause);
      FsimTraceRecord r = fsim_sched_execution_record (
        c, e, FSIM_SCHED_KIND_FAULT,
        "sim.faults.rate: a seeded Poisson process of failures (exponential gaps of mean "
        "1 h / rate); a running subtask drawn uniformly throws");
      r.detail = detail;
      fsim_sched_cluster_trace (c, &r);
      fsim_sched_taskmanager_fail_task (c, e, cause,
                                        "the Task's code threw: Task.transitionStateOnFailure "
                                        "moves it to FAILED and the TaskExecutor reports it to "
                                        "the JobMaster");
    }
  schedule_random_fault (c);
}

static void
schedule_random_fault (FsimCluster *c)
{
  FsimRng *rng = fsim_sim_rng_stream (c->sim, "faults");
  gint64 mean = (gint64) (3600.0 * G_USEC_PER_SEC / c->settings.faults_per_hour);
  gint64 gap = fsim_rng_exponential_us (rng, MAX (mean, 1));
  if (gap < G_MAXINT64 / 4)
    fsim_sim_schedule_in (c->sim, MAX (gap, 1), FSIM_PRIORITY_DEFAULT, random_fault,
                          fsim_sched_cluster_event_new (c), g_free);
}

void
fsim_cluster_start_random_faults (FsimCluster *c)
{
  if (c->settings.faults_per_hour > 0)
    schedule_random_fault (c);
}
