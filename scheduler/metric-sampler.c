/* metric-sampler.c - the metric system's clock: once a simulated second,
 * every running task is sampled, as the Web UI's MetricFetcher reads the
 * REST metrics; every View.UPDATE_INTERVAL_SECONDS (5 s) the task's
 * TimerGauges and MeterViews update first (MetricRegistryImpl's
 * ViewUpdater). Tasks are sampled in ExecutionVertex order, so a sample is
 * the same on every run. The samples are trace records of the task-metric
 * kinds (task-metrics.c); nothing in the simulation reads them.
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

#define UPDATE_EVERY_US ((gint64) FSIM_METRICS_UPDATE_INTERVAL_S * G_USEC_PER_SEC)

/* After the data plane's steps and flushes of the same instant. */
#define SAMPLE_PRIORITY (FSIM_PRIORITY_DEFAULT + 2)

static void schedule (FsimCluster *c, gint64 at);

static void
sample (FsimSim *sim, gpointer payload)
{
  FsimCluster *c = ((ClusterEvent *) payload)->c;
  c->metric_sample = FSIM_EVENT_NONE;
  JobMaster *jm = c->job;
  if (jm == NULL || fsim_job_status_is_globally_terminal (jm->status) || c->shut_down)
    return;
  gint64 now = fsim_sim_now (sim);
  gboolean update = now % UPDATE_EVERY_US == 0;
  for (int i = 0; i < jm->n_vertices; i++)
    {
      Execution *e = jm->vertices[i].current;
      if (e->task_state == FSIM_EXECUTION_RUNNING)
        fsim_sched_stream_task_sample (c, e, update);
    }
  schedule (c, now + G_USEC_PER_SEC);
}

static void
schedule (FsimCluster *c, gint64 at)
{
  c->metric_sample = fsim_sim_schedule_at (c->sim, at, SAMPLE_PRIORITY, sample,
                                           fsim_sched_cluster_event_new (c), g_free);
}

void
fsim_sched_metric_sampler_start (FsimCluster *c)
{
  if (c->metric_sample != FSIM_EVENT_NONE)
    return;
  gint64 now = fsim_sim_now (c->sim);
  schedule (c, (now / G_USEC_PER_SEC + 1) * G_USEC_PER_SEC);
}

void
fsim_sched_metric_sampler_stop (FsimCluster *c)
{
  fsim_sim_cancel (c->sim, c->metric_sample);
  c->metric_sample = FSIM_EVENT_NONE;
}
