/* faults.c - planned faults: a task that throws, a TaskManager that dies.
 *
 * The job file's `at T fail "Op" [subtask N]` and `at T kill taskmanager N`
 * (docs/job-language.md, Faults). A failing task goes FAILED on its
 * TaskManager and reports it; what follows is the scheduler's failover
 * decision (scheduler.c). A killed TaskManager says nothing: the JobMaster
 * finds out when its heartbeat times out and fails the tasks in its slots.
 * `decline checkpoint` belongs to checkpointing and is not handled here. */
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
