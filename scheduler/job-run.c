/* job-run.c - one run of a job on a fresh cluster.
 *
 * What MiniCluster.executeJob does for a Flink program run locally: start a
 * cluster, submit the JobGraph, wait for the result. Here the cluster is
 * configured from the job's own configuration, the clock starts at 0 and
 * the job is submitted at 0 and its fault plan is scheduled; the run ends when the job is over
 * (the cluster then shuts down) or at the time limit. */
#include "config.h"

#include "scheduler/scheduler-private.h"

struct _FsimJobRun {
  const FsimJob *job;
  FsimExecutionGraph *eg;
  FsimClusterSettings settings;
  FsimSim *sim;
  FsimCluster *cluster;
};

typedef struct {
  FsimJobRun *run;
  const FsimFault *fault;
} FaultEvent;

static void
strike (FsimSim *sim, gpointer payload)
{
  FaultEvent *f = payload;
  FsimCluster *c = f->run->cluster;
  const FsimFault *fault = f->fault;
  if (fsim_job_status_is_terminal (fsim_cluster_get_job_status (c)))
    return;                     /* the job is over; so is the cluster */
  switch (fault->kind)
    {
    case FSIM_FAULT_FAIL_TASK:
      {
        const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (f->run->eg);
        const FsimJobVertex *jv = fsim_job_graph_get_vertex_for_node (jg, fault->stream_node_id);
        g_return_if_fail (jv != NULL);
        /* "fail "Op"" without a subtask: its first subtask */
        int subtask = fault->subtask >= 0 ? fault->subtask : 0;
        g_autofree char *cause = g_strdup_printf (
          "java.lang.RuntimeException: flinksim fault plan: fail \"%s\" subtask %d",
          fault->operator_name, subtask);
        fsim_cluster_fail_task (c, fsim_execution_graph_get_job_vertex (f->run->eg, jv)->index,
                                subtask, cause);
        break;
      }
    case FSIM_FAULT_KILL_TASKMANAGER:
      fsim_cluster_kill_taskmanager (c, fault->taskmanager);
      break;
    case FSIM_FAULT_DECLINE_CHECKPOINT:
      fsim_cluster_decline_checkpoint (c, fault->checkpoint_id);
      break;
    case FSIM_FAULT_SAVEPOINT:
      fsim_cluster_trigger_savepoint (c);
      break;
    case FSIM_FAULT_STOP_WITH_SAVEPOINT:
      fsim_cluster_stop_with_savepoint (c, fault->drain);
      break;
    }
}

static void
schedule_faults (FsimJobRun *run)
{
  GPtrArray *faults = fsim_job_get_faults (run->job);
  for (guint i = 0; faults && i < faults->len; i++)
    {
      const FsimFault *fault = g_ptr_array_index (faults, i);
      FaultEvent *f = g_new (FaultEvent, 1);
      *f = (FaultEvent) { run, fault };
      fsim_sim_schedule_at (run->sim, fault->at_us, FSIM_PRIORITY_DEFAULT, strike, f, g_free);
    }
}

FsimJobRun *
fsim_job_run_new (const FsimJob *job, gint64 seed, GError **error)
{
  g_autoptr (FsimExecutionGraph) eg = fsim_execution_graph_new_for_job (job, error);
  if (eg == NULL)
    return NULL;
  FsimJobRun *run = g_new0 (FsimJobRun, 1);
  fsim_cluster_settings_init (&run->settings);
  fsim_cluster_settings_from_config (&run->settings, fsim_job_get_config (job));
  if (seed >= 0)
    run->settings.seed = (guint64) seed;
  run->eg = g_steal_pointer (&eg);
  run->sim = fsim_sim_new (run->settings.seed);
  run->cluster = fsim_cluster_new (run->sim, &run->settings);
  run->job = job;
  fsim_cluster_submit (run->cluster, run->eg);
  schedule_faults (run);
  fsim_cluster_start_random_faults (run->cluster);
  return run;
}

void
fsim_job_run_free (FsimJobRun *run)
{
  if (run == NULL)
    return;
  fsim_cluster_free (run->cluster);
  fsim_sim_free (run->sim);
  fsim_execution_graph_free (run->eg);
  g_free (run);
}

FsimRunResult
fsim_job_run_run (FsimJobRun *run, gint64 until_us)
{
  return fsim_cluster_run_until (run->cluster,
                                 until_us >= 0 ? until_us : run->settings.duration_us);
}

gboolean
fsim_job_run_step_to_record (FsimJobRun *run, gint64 seq, gint64 *event_first)
{
  FsimTrace *trace = fsim_sim_get_trace (run->sim);
  while (fsim_trace_count (trace) <= seq)
    {
      gint64 next;
      *event_first = fsim_trace_count (trace);
      if (!fsim_sim_peek_time (run->sim, &next) || next > run->settings.duration_us
          || !fsim_sim_step (run->sim))
        return FALSE;
    }
  return TRUE;
}

GArray *
fsim_job_run_channels (FsimJobRun *run)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FsimChannelState));
  JobMaster *jm = run->cluster->job;
  for (int i = 0; jm && i < jm->n_vertices; i++)
    {
      Execution *e = jm->vertices[i].current;
      if (e->task_state == FSIM_EXECUTION_RUNNING)
        fsim_sched_stream_task_channel_states (e, out);
    }
  return out;
}

FsimSim *
fsim_job_run_get_sim (FsimJobRun *run)
{
  return run->sim;
}

FsimTrace *
fsim_job_run_get_trace (FsimJobRun *run)
{
  return fsim_sim_get_trace (run->sim);
}

FsimCluster *
fsim_job_run_get_cluster (FsimJobRun *run)
{
  return run->cluster;
}

const FsimExecutionGraph *
fsim_job_run_get_execution_graph (FsimJobRun *run)
{
  return run->eg;
}

const FsimClusterSettings *
fsim_job_run_get_settings (FsimJobRun *run)
{
  return &run->settings;
}

void
fsim_job_run_trace_buffers (FsimJobRun *run)
{
  fsim_cluster_trace_buffers (run->cluster);
}

void
fsim_job_run_trace_event_time (FsimJobRun *run)
{
  fsim_cluster_trace_event_time (run->cluster);
}
