/* job-run.c - one run of a job on a fresh cluster.
 *
 * What MiniCluster.executeJob does for a Flink program run locally: start a
 * cluster, submit the JobGraph, wait for the result. Here the cluster is
 * configured from the job's own configuration, the clock starts at 0 and
 * the job is submitted at 0; the run ends when the job is over (the
 * cluster then shuts down) or at the time limit. */
#include "config.h"

#include "scheduler/scheduler-private.h"

struct _FsimJobRun {
  FsimExecutionGraph *eg;
  FsimClusterSettings settings;
  FsimSim *sim;
  FsimCluster *cluster;
};

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
  fsim_cluster_submit (run->cluster, run->eg);
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
