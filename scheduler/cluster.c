/* cluster.c - the simulated processes: one JobManager, N TaskManagers.
 *
 * Flink's standalone application cluster (StandaloneApplicationClusterEntryPoint,
 * what standalone-job.sh starts): a JobManager process hosting the
 * Dispatcher, a StandaloneResourceManager and the JobMaster of its one job,
 * and TaskManager processes (TaskExecutor) that register at the
 * ResourceManager with their slots.
 * Every RPC between them (Pekko in Flink) is an event sim.rpc-latency later;
 * work inside one process's main thread takes no virtual time unless a
 * delay is stated. When its job is globally terminal the cluster shuts
 * down (ApplicationDispatcherBootstrap), so the run ends. */
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
  fsim_sched_register_kinds (c->trace);
  /* The trace holds the record budget; every writer is held to it. */
  fsim_trace_set_budget (c->trace, settings->max_trace_records, "sim.max-trace-records");
  fsim_trace_set_byte_budget (c->trace, settings->max_trace_bytes, "sim.max-trace-bytes");
  c->taskmanagers = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_sched_taskmanager_free);
  c->next_allocation = 1;
  fsim_sim_set_progress_limit (sim, (guint64) MAX (settings->max_events_without_progress, 0));

  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_CLUSTER,
                                      "standalone application cluster "
                                      "(StandaloneApplicationClusterEntryPoint): a JobManager "
                                      "process (Dispatcher, StandaloneResourceManager, the "
                                      "JobMaster of its one job) and sim.taskmanagers "
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
  g_clear_pointer (&c->channel_state, g_hash_table_unref);
  g_free (c->not_replayable);
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
  r.kind = FSIM_SCHED_KIND (k);
  r.why = why;
  return r;
}

/* The run's one run-end record: "<stopped>; job STATUS", why. */
static void
trace_run_end (FsimCluster *c, const char *why, const char *stopped)
{
  fsim_sched_trace_verdict (c);
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
  /* Past the budget the trace drops the record (and has said so); the run
   * loop stops after this event. */
  fsim_sim_trace (c->sim, r);
}

void
fsim_sched_cluster_rpc (FsimCluster *c, FsimEventFunc func, gpointer payload,
                        GDestroyNotify payload_free)
{
  fsim_sim_schedule_in (c->sim, c->settings.rpc_latency_us, FSIM_PRIORITY_DEFAULT,
                        func, payload, payload_free);
}

/* --- payloads ---------------------------------------------------------------- */

ClusterEvent *
fsim_sched_cluster_event_new (FsimCluster *c)
{
  ClusterEvent *ev = g_new (ClusterEvent, 1);
  ev->c = c;
  return ev;
}

TaskManagerRpc *
fsim_sched_taskmanager_rpc_new (FsimCluster *c, TaskManager *tm)
{
  TaskManagerRpc *rpc = g_new (TaskManagerRpc, 1);
  *rpc = (TaskManagerRpc) { c, tm };
  return rpc;
}

HeartbeatRpc *
fsim_sched_heartbeat_rpc_new (FsimCluster *c, TaskManager *tm, gboolean rm)
{
  HeartbeatRpc *rpc = g_new (HeartbeatRpc, 1);
  *rpc = (HeartbeatRpc) { c, tm, rm };
  return rpc;
}

SlotRpc *
fsim_sched_slot_rpc_new (FsimCluster *c, TaskSlot *slot, const char *why)
{
  SlotRpc *rpc = g_new (SlotRpc, 1);
  *rpc = (SlotRpc) { c, slot, slot->allocation, g_strdup (why) };
  return rpc;
}

void
fsim_sched_slot_rpc_free (SlotRpc *rpc)
{
  g_free (rpc->why);
  g_free (rpc);
}

TaskRpc *
fsim_sched_task_rpc_new (FsimCluster *c, const Execution *e)
{
  TaskRpc *rpc = g_new (TaskRpc, 1);
  *rpc = (TaskRpc) { c, fsim_sched_execution_id (e) };
  return rpc;
}

void
fsim_sched_task_report_free (TaskReport *report)
{
  g_free (report->cause);
  g_free (report);
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
  ClusterEvent *ev = payload;
  fsim_sched_scheduler_start (ev->c);
}

void
fsim_cluster_submit (FsimCluster *c, const FsimExecutionGraph *eg)
{
  g_assert (c->job == NULL);
  const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (eg);
  c->job = fsim_sched_job_master_new (c, eg);
  /* SchedulerBase: one CheckpointCoordinator per job, owned by its JobMaster */
  c->job->checkpoints = fsim_sched_checkpoint_coordinator_new (c);
  /* DefaultExecutionGraph: an OperatorCoordinator per source (alignment) */
  fsim_sched_source_coordinators_new (c);

  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_JOB_SUBMITTED,
                                      "Dispatcher.submitJob: the JobGraph is accepted and "
                                      "the job is INITIALIZING until its JobMaster runs "
                                      "(JobMasterServiceLeadershipRunner)");
  /* the JobGraph step's decisions: why each StreamEdge chained or not */
  g_autofree char *chaining = fsim_job_graph_chaining_summary (jg);
  guint n = fsim_job_graph_get_vertices (jg)->len;
  g_autofree char *detail = g_strdup_printf ("JobGraph %s: %u job vert%s%s%s",
                                             fsim_job_graph_get_id (jg), n,
                                             n == 1 ? "ex" : "ices",
                                             *chaining ? "; " : "", chaining);
  r.job = 0;
  r.label = c->job->name;
  r.to = FSIM_JOB_INITIALIZING;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  /* Creating the JobMaster is one hop away from the Dispatcher. */
  fsim_sched_cluster_rpc (c, job_master_started, fsim_sched_cluster_event_new (c), g_free);
}

/* --- the end ------------------------------------------------------------- */

void
fsim_sched_cluster_shutdown (FsimCluster *c)
{
  if (c->shut_down)
    return;
  c->shut_down = TRUE;
  fsim_sched_metric_sampler_stop (c);
  fsim_sched_source_coordinators_stop (c);
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      fsim_sim_cancel (c->sim, tm->rm_timeout);
      fsim_sim_cancel (c->sim, tm->jm_timeout);
    }
  fsim_sched_trace_verdict (c);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_CLUSTER,
                                      "an application cluster shuts down once its job is "
                                      "globally terminal (ApplicationDispatcherBootstrap, "
                                      "ClusterEntrypoint); no more heartbeats, so the "
                                      "simulation ends");
  g_autofree char *detail = g_strdup_printf ("shut down: job %s",
                                             fsim_job_status_name (c->job->status));
  r.label = "cluster";
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}

FsimRunResult
fsim_cluster_run_until (FsimCluster *c, gint64 until_us)
{
  if (fsim_trace_is_full (c->trace))
    return FSIM_RUN_TRACE_FULL;
  if (c->stalled)
    return FSIM_RUN_STOPPED;
  FsimRunResult result = fsim_sim_run_until (c->sim, until_us);
  if (result == FSIM_RUN_NO_PROGRESS)
    {
      /* A timer rescheduling itself with nothing to do would spin until
       * sim.duration; the run ends here, like at the trace bound. */
      c->stalled = TRUE;
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

void
fsim_cluster_trace_buffers (FsimCluster *c)
{
  c->settings.trace_buffers = TRUE;
}

void
fsim_cluster_trace_event_time (FsimCluster *c)
{
  c->settings.trace_event_time = TRUE;
}
