/* cluster.c - the simulated processes: one JobManager, N TaskManagers.
 *
 * Flink's standalone cluster: a JobManager process hosting the Dispatcher,
 * the ResourceManager and one JobMaster per job, and TaskManager processes
 * (TaskExecutor) that register at the ResourceManager with their slots.
 * Every RPC between them (Pekko in Flink) is an event sim.rpc-latency later;
 * work inside one process's main thread takes no virtual time unless a
 * delay is stated. When its job is globally terminal the cluster shuts
 * down, as a per-job or application cluster does, so the run ends. */
#include "config.h"

#include "scheduler/scheduler-private.h"

FsimCluster *
fsim_cluster_new (FsimSim *sim, const FsimClusterSettings *settings)
{
  g_assert (settings->taskmanagers >= 0);
  g_assert (settings->slots_per_taskmanager >= 1);
  g_assert (settings->rpc_latency_us >= 0);
  FsimCluster *c = g_new0 (FsimCluster, 1);
  c->sim = sim;
  c->trace = fsim_sim_get_trace (sim);
  c->settings = *settings;
  for (int k = 0; k < FSIM_SCHED_KIND_COUNT; k++)
    c->kinds[k] = fsim_trace_kind_register (c->trace, fsim_sched_kind_info (k)->name);
  c->taskmanagers = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_sched_taskmanager_free);
  c->next_allocation = 1;
  fsim_sim_set_progress_limit (sim, (guint64) MAX (settings->max_events_without_progress, 0));

  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_CLUSTER,
                                      "standalone cluster: a JobManager process (Dispatcher, "
                                      "ResourceManager, JobMaster) and sim.taskmanagers "
                                      "TaskManagers with taskmanager.numberOfTaskSlots each");
  g_autofree char *detail = g_strdup_printf ("started: JobManager and %d TaskManager%s "
                                             "x %d slot%s",
                                             settings->taskmanagers,
                                             settings->taskmanagers == 1 ? "" : "s",
                                             settings->slots_per_taskmanager,
                                             settings->slots_per_taskmanager == 1 ? "" : "s");
  r.label = "cluster";
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);

  for (int i = 0; i < settings->taskmanagers; i++)
    g_ptr_array_add (c->taskmanagers, fsim_sched_taskmanager_new (c, i + 1));
  for (guint i = 0; i < c->taskmanagers->len; i++)
    fsim_sched_taskmanager_start (c, g_ptr_array_index (c->taskmanagers, i));
  fsim_sched_heartbeat_start (c, TRUE);
  return c;
}

void
fsim_cluster_free (FsimCluster *c)
{
  if (c == NULL)
    return;
  if (c->job)
    fsim_sched_job_master_free (c->job);
  g_ptr_array_unref (c->taskmanagers);
  g_free (c);
}

FsimJobStatus
fsim_cluster_get_job_status (FsimCluster *c)
{
  return c->job ? c->job->status : FSIM_JOB_INITIALIZING;
}

FsimTraceRecord
fsim_sched_cluster_record (FsimCluster *c, FsimSchedKind k, const char *why)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = c->kinds[k];
  r.why = why;
  return r;
}

/* The run's one run-end record: "<stopped>; job STATUS", why. */
static void
trace_run_end (FsimCluster *c, const char *why, const char *stopped)
{
  c->run_end_traced = TRUE;
  FsimTraceRecord end = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_RUN_END, why);
  g_autofree char *detail = g_strdup_printf ("%s; job %s", stopped,
                                             fsim_job_status_name (
                                               fsim_cluster_get_job_status (c)));
  end.label = "simulation";
  end.detail = detail;
  fsim_sim_trace (c->sim, &end);
}

void
fsim_sched_cluster_trace (FsimCluster *c, const FsimTraceRecord *r)
{
  fsim_sim_trace (c->sim, r);
  gint64 max = c->settings.max_trace_records;
  if (max <= 0 || c->trace_full || fsim_trace_count (c->trace) < max)
    return;
  /* A configuration can make events without end (heartbeat.interval = 1 ms
   * for a year of sim.duration); the trace lives in memory, so the run
   * stops here and says so. */
  c->trace_full = TRUE;
  g_autofree char *stopped = g_strdup_printf ("stopped after %" G_GINT64_FORMAT " records",
                                              max);
  trace_run_end (c, "flinksim keeps the whole trace in memory and stops a "
                 "run at this many records; --until a shorter time, or "
                 "a longer heartbeat.interval, keeps it smaller", stopped);
  fsim_sim_request_stop (c->sim);
}

Call *
fsim_sched_call_new (FsimCluster *c, gpointer a, gpointer b, gint64 n)
{
  Call *call = g_new (Call, 1);
  *call = (Call) { c, a, b, n };
  return call;
}

void
fsim_sched_cluster_rpc (FsimCluster *c, FsimEventFunc func, gpointer payload)
{
  fsim_sim_schedule_in (c->sim, c->settings.rpc_latency_us, FSIM_PRIORITY_DEFAULT,
                        func, payload, g_free);
}

char *
fsim_sched_task_slot_name (const TaskSlot *slot)
{
  return g_strdup_printf ("%s slot %d", slot->tm->name, slot->index);
}

/* --- submission: Dispatcher -> JobMaster ----------------------------------- */

static void
job_master_started (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  fsim_sched_scheduler_start (call->c);
}

void
fsim_cluster_submit (FsimCluster *c, const FsimExecutionGraph *eg)
{
  g_assert (c->job == NULL);
  const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (eg);
  c->job = fsim_sched_job_master_new (c, eg);

  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_JOB_SUBMITTED,
                                      "Dispatcher.submitJob: the JobGraph is accepted and "
                                      "the job is INITIALIZING until its JobMaster runs "
                                      "(JobMasterServiceLeadershipRunner)");
  g_autofree char *detail = g_strdup_printf ("JobGraph %s: %u job vertices",
                                             fsim_job_graph_get_id (jg),
                                             fsim_job_graph_get_vertices (jg)->len);
  r.job = 0;
  r.label = c->job->name;
  r.to = fsim_job_status_name (FSIM_JOB_INITIALIZING);
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  /* Creating the JobMaster is one hop away from the Dispatcher. */
  fsim_sched_cluster_rpc (c, job_master_started, fsim_sched_call_new (c, NULL, NULL, 0));
}

/* --- the end ------------------------------------------------------------- */

void
fsim_sched_cluster_shutdown (FsimCluster *c)
{
  if (c->shut_down)
    return;
  c->shut_down = TRUE;
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      fsim_sim_cancel (c->sim, tm->rm_timeout);
      fsim_sim_cancel (c->sim, tm->jm_timeout);
    }
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_CLUSTER,
                                      "a per-job / application cluster shuts down once its "
                                      "job is globally terminal (ClusterEntrypoint); no more "
                                      "heartbeats, so the simulation ends");
  g_autofree char *detail = g_strdup_printf ("shut down: job %s",
                                             fsim_job_status_name (c->job->status));
  r.label = "cluster";
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}

FsimRunResult
fsim_cluster_run_until (FsimCluster *c, gint64 until_us)
{
  if (c->trace_full)
    return FSIM_RUN_STOPPED;
  FsimRunResult result = fsim_sim_run_until (c->sim, until_us);
  if (result == FSIM_RUN_NO_PROGRESS)
    {
      /* A timer rescheduling itself with nothing to do would spin until
       * sim.duration; the run ends here, like at the trace bound. */
      c->trace_full = TRUE;
      g_autofree char *stopped = g_strdup_printf ("stopped after %" G_GINT64_FORMAT
                                                  " events without progress",
                                                  c->settings.max_events_without_progress);
      trace_run_end (c, "the engine fired sim.max-events-without-progress events in a "
                     "row without a trace record: nothing can change any more, so the "
                     "run stops", stopped);
      return FSIM_RUN_STOPPED;
    }
  /* After the shut-down record the run is over: no time-limit record (a
   * fault or timer past the end may still be pending) */
  if (result == FSIM_RUN_TIME_LIMIT && !c->run_end_traced && !c->shut_down)
    trace_run_end (c, "the simulation stops at its time limit (sim.duration or --until); "
                   "an unbounded streaming job would keep RUNNING in Flink",
                   "stopped at the time limit");
  return result;
}
