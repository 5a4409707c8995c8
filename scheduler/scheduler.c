/* scheduler.c - the JobMaster's DefaultScheduler.
 *
 * SchedulerBase.startScheduling moves the ExecutionGraph CREATED -> RUNNING
 * and hands over to PipelinedRegionSchedulingStrategy:
 * every region whose inputs from other regions are consumable is scheduled,
 * in topological order, each with one allocateSlotsAndDeploy call. In
 * streaming every region is a source region, so all go at once; a region
 * reading a BLOCKING result waits until all its producers FINISHED, one
 * reading a hybrid result until its producers' regions are scheduled.
 *
 * A task failure goes to the failover decision (ExecutionFailureHandler).
 * Restart strategies are a later issue: today the decision is always "no
 * restart", which is Flink's default when checkpointing is off
 * (restart-strategy none, NoRestartBackoffTimeStrategy), so the job fails:
 * failJob moves it to FAILING, cancels every execution, and FAILED follows
 * once all are terminal. restart_allowed () is the hook. */
#include "config.h"

#include "scheduler/scheduler-private.h"

JobMaster *
fsim_sched_job_master_new (FsimCluster *c, const FsimExecutionGraph *eg)
{
  const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (eg);
  JobMaster *jm = g_new0 (JobMaster, 1);
  jm->eg = eg;
  jm->name = g_strdup (fsim_job_graph_get_name (jg));
  jm->status = FSIM_JOB_INITIALIZING;
  jm->type = fsim_job_graph_get_job_type (jg);
  GPtrArray *vertices = fsim_execution_graph_get_vertices (eg);
  jm->n_vertices = (int) vertices->len;
  jm->vertices = g_new0 (ExecutionVertex, MAX (jm->n_vertices, 1));
  for (guint i = 0; i < vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (vertices, i);
      g_assert (v->index == (int) i);
      jm->vertices[i].vertex = v;
      jm->vertices[i].current = fsim_sched_execution_new (v, 0);
      jm->vertices[i].prior =
        g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_sched_execution_free);
    }
  GPtrArray *groups = fsim_execution_graph_get_slot_sharing_groups (eg);
  jm->n_shared = (int) groups->len;
  jm->shared_slots = g_new0 (SharedSlot, MAX (jm->n_shared, 1));
  for (int i = 0; i < jm->n_shared; i++)
    {
      jm->shared_slots[i].group = g_ptr_array_index (groups, i);
      jm->shared_slots[i].index = i;
      jm->shared_slots[i].waiting = g_ptr_array_new ();
    }
  jm->n_regions = (int) fsim_execution_graph_get_regions (eg)->len;
  jm->region_scheduled = g_new0 (gboolean, MAX (jm->n_regions, 1));
  jm->region_restarting = g_new0 (gboolean, MAX (jm->n_regions, 1));
  jm->region_restart_at = g_new0 (gint64, MAX (jm->n_regions, 1));
  jm->region_restart_timer = g_new0 (FsimEventId, MAX (jm->n_regions, 1));
  jm->restarts = fsim_restart_strategy_new (&c->settings.restart,
                                            fsim_sim_rng_stream (c->sim, "restart-strategy"));
  jm->bulks = g_ptr_array_new ();
  g_queue_init (&jm->pending_requests);
  jm->pool_slots = g_array_new (FALSE, FALSE, sizeof (guint64));
  return jm;
}

static void
bulk_free (Bulk *bulk)
{
  g_ptr_array_unref (bulk->executions);
  g_ptr_array_unref (bulk->shared_slots);
  g_hash_table_unref (bulk->members);
  g_free (bulk);
}

void
fsim_sched_job_master_free (JobMaster *jm)
{
  for (int i = 0; i < jm->n_vertices; i++)
    {
      fsim_sched_execution_free (jm->vertices[i].current);
      g_ptr_array_unref (jm->vertices[i].prior);
      fsim_sched_store_free (jm->vertices[i].store);
    }
  g_free (jm->vertices);
  for (int i = 0; i < jm->n_shared; i++)
    g_ptr_array_unref (jm->shared_slots[i].waiting);
  g_free (jm->shared_slots);
  g_free (jm->region_scheduled);
  g_free (jm->region_restarting);
  g_free (jm->region_restart_at);
  g_free (jm->region_restart_timer);
  fsim_restart_strategy_free (jm->restarts);
  g_ptr_array_set_free_func (jm->bulks, (GDestroyNotify) bulk_free);
  g_ptr_array_unref (jm->bulks);
  g_queue_clear (&jm->pending_requests);
  g_array_unref (jm->pool_slots);
  g_free (jm->name);
  g_free (jm->failure);
  fsim_checkpoint_coordinator_free (jm->checkpoints);
  fsim_sched_stop_with_savepoint_free (jm->stop);
  fsim_sched_source_coordinators_free (jm);
  g_free (jm);
}

void
fsim_sched_job_status_transition (FsimCluster *c, FsimJobStatus to, const char *detail, const char *why)
{
  FsimJobStatus from = c->job->status;
  fsim_job_status_transition (&c->job->status, to);
  /* CheckpointCoordinatorDeActivator, a JobStatusListener */
  if (c->job->checkpoints && to == FSIM_JOB_RUNNING)
    fsim_checkpoint_coordinator_job_running (c->job->checkpoints);
  else if (c->job->checkpoints && from == FSIM_JOB_RUNNING)
    fsim_checkpoint_coordinator_job_not_running (c->job->checkpoints, fsim_job_status_name (to));
  /* SchedulerBase.startScheduling: RUNNING, then startAllOperatorCoordinators */
  if (to == FSIM_JOB_RUNNING)
    fsim_sched_source_coordinators_start (c);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_JOB_STATUS, why);
  r.job = 0;
  r.label = c->job->name;
  r.from = from;
  r.to = to;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}

static Execution *
execution_of (FsimCluster *c, const FsimExecutionVertex *v)
{
  return fsim_sched_current (c->job, v);
}

/* --- PipelinedRegionSchedulingStrategy ------------------------------------------ */

/* Are the region's inputs from other regions consumable? */
static gboolean
region_inputs_consumable (FsimCluster *c, const FsimPipelinedRegion *region)
{
  /* An ALL_TO_ALL group is shared by all its consumers: look at it once. */
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < region->vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (region->vertices, i);
      for (guint k = 0; k < v->job_vertex->inputs->len; k++)
        {
          const FsimConsumedPartitionGroup *g = v->consumed[k];
          if (!g_hash_table_add (seen, (gpointer) g))
            continue;
          FsimResultPartitionType type = g->result->result_type;
          for (int p = g->partitions.start; p <= g->partitions.end; p++)
            {
              FsimExecutionVertex *producer =
                fsim_result_partition_get_producer (&g->result->partitions[p]);
              if (producer->region == region->index)
                continue;
              if (fsim_result_partition_type_is_blocking (type))
                {
                  if (execution_of (c, producer)->state != FSIM_EXECUTION_FINISHED)
                    return FALSE;
                }
              else if (!c->job->region_scheduled[producer->region])
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
produces_blocking (const FsimExecutionVertex *v)
{
  for (guint i = 0; i < v->job_vertex->produced->len; i++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (v->job_vertex->produced, i);
      if (fsim_result_partition_type_is_blocking (r->result_type))
        return TRUE;
    }
  return FALSE;
}

/* The region's subtasks; one of more than 64 (10,000 subtasks are
 * "usable") shows its first ten, the last and the count, so one record
 * stays one screen. */
#define REGION_MEMBERS_ALL 64
#define REGION_MEMBERS_SHOWN 10

static char *
region_members (const FsimPipelinedRegion *region)
{
  GString *s = g_string_new (NULL);
  guint n = region->vertices->len;
  for (guint i = 0; i < n; i++)
    {
      if (n > REGION_MEMBERS_ALL && i == REGION_MEMBERS_SHOWN)
        {
          g_string_append (s, ", …");
          i = n - 1;
        }
      const FsimExecutionVertex *v = g_ptr_array_index (region->vertices, i);
      g_string_append_printf (s, "%s%s", i ? ", " : "", v->name);
    }
  if (n > REGION_MEMBERS_ALL)
    g_string_append_printf (s, " (%u subtasks)", n);
  return g_string_free (s, FALSE);
}

/* Why a region is scheduled now. */
typedef enum {
  SCHEDULE_AT_START,            /* startScheduling */
  SCHEDULE_CONSUMABLE,          /* an input became consumable */
  SCHEDULE_RESTART,             /* restartTasks */
} ScheduleCause;

static const char *
schedule_why (ScheduleCause cause)
{
  switch (cause)
    {
    case SCHEDULE_AT_START:
      return "PipelinedRegionSchedulingStrategy.startScheduling: a source region (no "
             "blocking input from another region) is scheduled, regions in topological "
             "order";
    case SCHEDULE_CONSUMABLE:
      return "PipelinedRegionSchedulingStrategy.maybeScheduleRegions: all inputs of the "
             "region are consumable now";
    case SCHEDULE_RESTART:
      break;
    }
  return "PipelinedRegionSchedulingStrategy.restartTasks: the restarted region leaves the "
         "scheduled regions and is scheduled again once its inputs are consumable "
         "(maybeScheduleRegions), its vertices with new execution attempts";
}

static void
schedule_region (FsimCluster *c, const FsimPipelinedRegion *region, ScheduleCause cause)
{
  JobMaster *jm = c->job;
  jm->region_scheduled[region->index] = TRUE;
  g_autofree char *label = g_strdup_printf ("pipelined region %d", region->index);
  g_autofree char *members = region_members (region);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_REGION_SCHEDULED,
                                                 schedule_why (cause));
  r.job = 0;
  r.label = label;
  r.detail = members;
  r.values[0] = region->vertices->len;
  fsim_sched_cluster_trace (c, &r);

  Bulk *bulk = g_new0 (Bulk, 1);
  bulk->region = region->index;
  bulk->state = BULK_PENDING;
  bulk->executions = g_ptr_array_new ();
  bulk->shared_slots = g_ptr_array_new ();
  bulk->members = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  bulk->unfulfillable_since = -1;
  for (guint i = 0; i < region->vertices->len; i++)
    g_ptr_array_add (bulk->executions, execution_of (c, g_ptr_array_index (region->vertices, i)));
  g_ptr_array_add (jm->bulks, bulk);
  fsim_sched_deployer_allocate_slots_and_deploy (c, bulk);
}

/* The strategy schedules while the job runs, and while some region waits
 * for its restart (the others go on). */
static gboolean
scheduling (FsimCluster *c)
{
  return c->job->status == FSIM_JOB_RUNNING || c->job->status == FSIM_JOB_RESTARTING;
}

static void
maybe_schedule_regions (FsimCluster *c, ScheduleCause cause)
{
  GPtrArray *regions = fsim_execution_graph_get_regions (c->job->eg);
  gboolean progress = TRUE;
  /* Repeat: scheduling a hybrid producer makes its consumers schedulable. */
  while (progress && scheduling (c))
    {
      progress = FALSE;
      for (guint i = 0; i < regions->len && scheduling (c); i++)
        {
          const FsimPipelinedRegion *region = g_ptr_array_index (regions, i);
          if (c->job->region_scheduled[region->index] || c->job->region_restarting[region->index]
              || !region_inputs_consumable (c, region))
            continue;
          schedule_region (c, region, cause);
          progress = TRUE;
        }
    }
}

void
fsim_sched_scheduler_start (FsimCluster *c)
{
  JobMaster *jm = c->job;
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (jm->eg);
  g_autofree char *detail = g_strdup_printf (
    "%u job %s, %d subtask%s, %d pipelined region%s, %d execution slot sharing "
    "group%s (%d slot%s needed)", jvs->len, jvs->len == 1 ? "vertex" : "vertices",
    jm->n_vertices, jm->n_vertices == 1 ? "" : "s", jm->n_regions,
    jm->n_regions == 1 ? "" : "s", jm->n_shared, jm->n_shared == 1 ? "" : "s",
    fsim_execution_graph_get_slots_needed (jm->eg),
    fsim_execution_graph_get_slots_needed (jm->eg) == 1 ? "" : "s");
  fsim_sched_job_status_transition (c, FSIM_JOB_CREATED, NULL,
                         "the JobMaster runs: DefaultExecutionGraphBuilder built the "
                         "ExecutionGraph, whose status starts at CREATED");
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_EXECUTION_GRAPH,
                                      "DefaultExecutionGraph.attachJobGraph: one "
                                      "ExecutionJobVertex per JobVertex, topologically; the "
                                      "scheduler computes pipelined regions and slot sharing");
  r.job = 0;
  r.label = jm->name;
  r.detail = detail;
  r.values[0] = jvs->len;
  r.values[1] = jm->n_vertices;
  r.values[2] = fsim_execution_graph_get_slots_needed (jm->eg);
  fsim_sched_cluster_trace (c, &r);
  fsim_sched_heartbeat_start (c, FALSE);
  fsim_sched_job_status_transition (c, FSIM_JOB_RUNNING, NULL,
                         "SchedulerBase.startScheduling: DefaultExecutionGraph."
                         "transitionToRunning, then the scheduling strategy starts");
  maybe_schedule_regions (c, SCHEDULE_AT_START);
}

/* --- the end of a job -------------------------------------------------------------- */

static void
shutdown_event (FsimSim *sim, gpointer payload)
{
  ClusterEvent *ev = payload;
  fsim_sched_cluster_shutdown (ev->c);
}

static void
job_terminal (FsimCluster *c)
{
  if (c->job->checkpoints)
    fsim_checkpoint_coordinator_job_terminal (c->job->checkpoints);
  fsim_sched_slot_pool_release_all (c, "the job is over: the JobMaster's slot pool frees its slots "
                         "(TaskExecutor.freeSlot)");
  /* After the slot releases, which travel one RPC. */
  fsim_sim_schedule_in (c->sim, c->settings.rpc_latency_us, FSIM_PRIORITY_DEFAULT,
                        shutdown_event, fsim_sched_cluster_event_new (c), g_free);
}

static void
tm_receives_cancel (FsimSim *sim, gpointer payload)
{
  TaskRpc *rpc = payload;
  Execution *e = fsim_sched_job_master_attempt (rpc->c->job, &rpc->id);
  g_assert (e != NULL);
  fsim_sched_taskmanager_cancel_task (rpc->c, e);
}

/* Execution.cancel: before deployment at once (atomic_why), afterwards by
 * RPC (rpc_why); the caller says why it cancels. */
static void
cancel_execution (FsimCluster *c, Execution *e, const char *atomic_why, const char *rpc_why)
{
  switch (e->state)
    {
    case FSIM_EXECUTION_CREATED:
    case FSIM_EXECUTION_SCHEDULED:
      fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELING, NULL, atomic_why);
      fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                            "Execution.cancelAtomically: CANCELING and CANCELED in one step");
      break;
    case FSIM_EXECUTION_DEPLOYING:
    case FSIM_EXECUTION_INITIALIZING:
    case FSIM_EXECUTION_RUNNING:
      fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELING, NULL, rpc_why);
      fsim_sched_cluster_rpc (c, tm_receives_cancel, fsim_sched_task_rpc_new (c, e), g_free);
      break;
    default:
      break;                    /* terminal or already cancelling */
    }
}

static void
check_all_terminal (FsimCluster *c)
{
  JobMaster *jm = c->job;
  if (jm->n_terminal < jm->n_vertices)
    return;
  if (jm->status == FSIM_JOB_FAILING)
    {
      fsim_sched_job_status_transition (c, FSIM_JOB_FAILED, jm->failure,
                             "every execution is terminal: DefaultExecutionGraph.failJob "
                             "completes FAILING -> FAILED");
      job_terminal (c);
    }
  else if (jm->status == FSIM_JOB_CANCELLING)
    {
      fsim_sched_job_status_transition (c, FSIM_JOB_CANCELED, NULL,
                             "every execution is terminal "
                             "(DefaultExecutionGraph.allVerticesInTerminalState)");
      job_terminal (c);
    }
}

/* ExecutionFailureHandler.handleFailure: a failure the restart strategy
 * cannot recover becomes new JobException ("Recovery is suppressed by " +
 * the strategy's toString, cause), the job's failure cause. With a
 * restart-strategy configured Flink would restart instead; flinksim fails
 * the job but names no strategy that is not there (restart_allowed). */
static char *
job_failure_cause (FsimCluster *c, const char *cause)
{
  g_autofree char *strategy = fsim_restart_strategy_to_string (c->job->restarts);
  return g_strdup_printf ("org.apache.flink.runtime.JobException: Recovery is suppressed by "
                          "%s (caused by %s)", strategy, cause);
}

void
fsim_sched_scheduler_fail_job (FsimCluster *c, const char *cause, const char *why)
{
  JobMaster *jm = c->job;
  if (jm->status != FSIM_JOB_RUNNING && jm->status != FSIM_JOB_RESTARTING)
    return;                     /* already failing or over */
  jm->failure = job_failure_cause (c, cause);
  fsim_sched_job_status_transition (c, FSIM_JOB_FAILING, jm->failure, why);
  for (int i = 0; i < jm->n_vertices; i++)
    cancel_execution (c, jm->vertices[i].current,
                      "failJob cancels every execution; not deployed yet, so "
                      "Execution.cancelAtomically needs no RPC",
                      "failJob cancels every execution: Execution.startCancelling "
                      "sends cancelTask to the TaskManager");
  check_all_terminal (c);
}

/* The SchedulingTopology's states: the current attempt of each subtask. */
static FsimExecutionState *
current_states (JobMaster *jm)
{
  FsimExecutionState *states = g_new (FsimExecutionState, MAX (jm->n_vertices, 1));
  for (int i = 0; i < jm->n_vertices; i++)
    states[i] = jm->vertices[i].current->state;
  return states;
}

/* e NULL: a global failure (no task failed). */
static void
trace_failover (FsimCluster *c, Execution *e, const FsimRestartDecision *d, int subtasks,
                const char *why)
{
  FsimTraceRecord r = e ? fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_FAILOVER, why)
                        : fsim_sched_cluster_record (c, FSIM_SCHED_KIND_FAILOVER, why);
  if (e == NULL)
    {
      r.job = 0;
      r.label = c->job->name;
    }
  r.values[FSIM_FAILOVER_VALUE_RESTART_ATTEMPT] = fsim_restart_strategy_get_attempt (c->job->restarts);
  r.values[FSIM_FAILOVER_VALUE_SUBTASKS] = subtasks;
  r.values[FSIM_FAILOVER_VALUE_BACKOFF_US] = d->can_restart ? d->backoff_ms * 1000 : -1;
  r.values[FSIM_FAILOVER_VALUE_MAX_ATTEMPTS]
    = fsim_restart_strategy_get_max_attempts (c->job->restarts);
  g_autofree char *detail = d->can_restart
    ? g_strdup_printf ("restart %d subtask%s in %" G_GINT64_FORMAT " ms", subtasks,
                       subtasks == 1 ? "" : "s", d->backoff_ms)
    : g_strdup (d->message);
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}

/* ExecutionFailureHandler.getFailureHandlingResult: the restart strategy
 * (notifyFailure, canRestart, getBackoffTime) decides whether and when,
 * the failover strategy which subtasks; DefaultScheduler
 * .restartTasksWithDelay cancels them now and restarts them after the
 * backoff, or failJob when it may not restart. */
void
fsim_sched_scheduler_handle_task_failure (FsimCluster *c, Execution *e, const char *cause)
{
  JobMaster *jm = c->job;
  if (jm->status != FSIM_JOB_RUNNING && jm->status != FSIM_JOB_RESTARTING)
    return;                     /* already failing or over */
  FsimRestartDecision d;
  fsim_restart_strategy_handle_failure (jm->restarts, fsim_sim_now (c->sim) / 1000, &d);
  if (!d.can_restart)
    {
      trace_failover (c, e, &d, 0, d.why);
      fsim_sched_scheduler_fail_job (c, cause ? cause : e->label, d.why);
      fsim_restart_decision_clear (&d);
      return;
    }
  g_autofree FsimExecutionState *states = current_states (jm);
  FsimFailoverTopology topology = { jm->eg, states, NULL, NULL };
  FsimFailoverResult *result = fsim_failover_tasks_needing_restart (c->settings.failover,
                                                                    &topology, e->vertex, NULL);
  g_autofree char *why = g_strdup_printf ("%s; %u region%s restart%s (%s)", d.why,
                                          result->regions->len,
                                          result->regions->len == 1 ? "" : "s",
                                          result->regions->len == 1 ? "s" : "",
                                          fsim_failover_strategy_type_class (c->settings.failover));
  trace_failover (c, e, &d, (int) result->vertices->len, why);
  for (guint i = 0; i < result->regions->len; i++)
    {
      int region = g_array_index (result->regions, int, i);
      /* a region already restarting takes this failure with it */
      if (!jm->region_restarting[region])
        fsim_sched_scheduler_restart_region_with_delay (c, region, d.backoff_ms * 1000, why);
    }
  fsim_failover_result_free (result);
  fsim_restart_decision_clear (&d);
}

/* SchedulerBase.handleGlobalFailure (a CheckpointFailureManager's
 * FailJobCallback among others): the restart strategy decides whether and
 * when, and a global failover restarts every region
 * (ExecutionFailureHandler.getGlobalFailureHandlingResult). */
void
fsim_sched_scheduler_handle_global_failure (FsimCluster *c, const char *cause, const char *why)
{
  JobMaster *jm = c->job;
  if (jm->status != FSIM_JOB_RUNNING && jm->status != FSIM_JOB_RESTARTING)
    return;
  FsimRestartDecision d;
  fsim_restart_strategy_handle_failure (jm->restarts, fsim_sim_now (c->sim) / 1000, &d);
  if (!d.can_restart)
    {
      trace_failover (c, NULL, &d, 0, d.why);
      fsim_sched_scheduler_fail_job (c, cause, d.why);
      fsim_restart_decision_clear (&d);
      return;
    }
  g_autofree char *text = g_strdup_printf ("%s; a global failure (%s): every region restarts",
                                           d.why, why);
  trace_failover (c, NULL, &d, jm->n_vertices, text);
  for (int region = 0; region < jm->n_regions; region++)
    if (!jm->region_restarting[region])
      fsim_sched_scheduler_restart_region_with_delay (c, region, d.backoff_ms * 1000, text);
  fsim_restart_decision_clear (&d);
}

/* --- restarting a region --------------------------------------------------------- */

static const FsimPipelinedRegion *
region_at (FsimCluster *c, int index)
{
  GPtrArray *regions = fsim_execution_graph_get_regions (c->job->eg);
  g_assert (index >= 0 && (guint) index < regions->len);
  const FsimPipelinedRegion *region = g_ptr_array_index (regions, index);
  g_assert (region->index == index);
  return region;
}

static gboolean
region_all_terminal (FsimCluster *c, const FsimPipelinedRegion *region)
{
  for (guint i = 0; i < region->vertices->len; i++)
    if (!fsim_execution_state_is_terminal (execution_of (c, g_ptr_array_index (region->vertices, i))->state))
      return FALSE;
  return TRUE;
}

/* DefaultScheduler.restartTasks, once the region's cancellation is done. */
static void
restart_tasks (FsimCluster *c, const FsimPipelinedRegion *region)
{
  JobMaster *jm = c->job;
  /* removeVerticesFromRestartPending: RUNNING again when no vertex waits */
  jm->region_restarting[region->index] = FALSE;
  gboolean waiting = FALSE;
  for (int i = 0; i < jm->n_regions; i++)
    waiting |= jm->region_restarting[i];
  if (!waiting && jm->status == FSIM_JOB_RESTARTING)
    fsim_sched_job_status_transition (c, FSIM_JOB_RUNNING, NULL,
                                      "DefaultScheduler.removeVerticesFromRestartPending: no "
                                      "vertex waits for its restart any more");
  /* SchedulerBase.restoreState: a region's restart aborts the pending
   * checkpoints (JOB_FAILOVER_REGION) */
  if (jm->checkpoints)
    fsim_checkpoint_coordinator_abort_pending (jm->checkpoints,
                                               FSIM_CHECKPOINT_FAILURE_JOB_FAILOVER_REGION);
  /* resetForNewExecutions, every vertex first: a new attempt then counts
   * the finished partitions of producers outside the region, whose
   * EndOfPartitionEvent went to the old attempt (its partition request
   * would find them finished) */
  for (guint i = 0; i < region->vertices->len; i++)
    fsim_sched_execution_vertex_reset (c, fsim_sched_vertex_of (jm, g_ptr_array_index (region->vertices, i)));
  /* restoreState: CheckpointCoordinator.restoreLatestCheckpointedStateToSubtasks
   * gives each new attempt the latest completed checkpoint (none: from scratch) */
  gint64 latest = jm->checkpoints ? fsim_checkpoint_coordinator_get_latest_completed (jm->checkpoints)
                                  : -1;
  for (guint i = 0; i < region->vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (region->vertices, i);
      Execution *e = execution_of (c, v);
      e->restored = TRUE;
      fsim_sched_store_restore (fsim_sched_store_of (c, v), MAX (latest, 0),
                                fsim_sched_channel_state_identities (c, latest),
                                &e->restore);
      /* a source that keeps no offset (SocketTextStreamFunction) reads on
       * from where its failed attempt stopped: what it read is gone */
      const FsimStreamNode *head = v->job_vertex->job_vertex->head;
      ExecutionVertex *ev = fsim_sched_vertex_of (jm, v);
      if (head->not_replayable && ev->prior->len > 0)
        {
          Execution *failed = g_ptr_array_index (ev->prior, ev->prior->len - 1);
          e->restore.source_offset = MAX (fsim_sched_stream_task_source_offset (failed), 0);
          e->restore.cannot_rewind = TRUE;
        }
    }
  for (guint i = 0; i < region->vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (region->vertices, i);
      Execution *e = execution_of (c, v);
      for (guint k = 0; k < v->job_vertex->inputs->len; k++)
        {
          const FsimConsumedPartitionGroup *g = v->consumed[k];
          for (int p = g->partitions.start; p <= g->partitions.end; p++)
            {
              FsimExecutionVertex *producer =
                fsim_result_partition_get_producer (&g->result->partitions[p]);
              if (execution_of (c, producer)->state == FSIM_EXECUTION_FINISHED)
                e->producers_finished++;
            }
        }
    }
  /* PipelinedRegionSchedulingStrategy.restartTasks */
  jm->region_scheduled[region->index] = FALSE;
  maybe_schedule_regions (c, SCHEDULE_RESTART);
}

/* restartTasks once the region's cancellation is complete and its backoff
 * has passed (restartTasksWithDelay's FutureUtils.thenAcceptAsync on the
 * delayed executor). */
static void maybe_restart_tasks (FsimCluster *c, const FsimPipelinedRegion *region);

typedef struct {
  FsimCluster *c;
  int region;
} RegionTimer;

static void
backoff_over (FsimSim *sim, gpointer payload)
{
  RegionTimer *t = payload;
  JobMaster *jm = t->c->job;
  jm->region_restart_timer[t->region] = FSIM_EVENT_NONE;
  if (jm->region_restarting[t->region] && jm->status == FSIM_JOB_RESTARTING)
    maybe_restart_tasks (t->c, region_at (t->c, t->region));
}

static void
maybe_restart_tasks (FsimCluster *c, const FsimPipelinedRegion *region)
{
  JobMaster *jm = c->job;
  if (!region_all_terminal (c, region))
    return;
  gint64 at = jm->region_restart_at[region->index];
  if (fsim_sim_now (c->sim) >= at)
    {
      restart_tasks (c, region);
      return;
    }
  if (jm->region_restart_timer[region->index] == FSIM_EVENT_NONE)
    {
      RegionTimer *t = g_new (RegionTimer, 1);
      *t = (RegionTimer) { c, region->index };
      jm->region_restart_timer[region->index] =
        fsim_sim_schedule_at (c->sim, at, FSIM_PRIORITY_DEFAULT, backoff_over, t, g_free);
    }
}

void
fsim_sched_scheduler_restart_region_with_delay (FsimCluster *c, int index, gint64 delay_us,
                                                const char *why)
{
  c->job->region_restart_at[index] = fsim_sim_now (c->sim) + delay_us;
  fsim_sched_scheduler_restart_region (c, index, why);
}

void
fsim_sched_scheduler_restart_region (FsimCluster *c, int index, const char *why)
{
  JobMaster *jm = c->job;
  g_assert (jm != NULL);
  g_assert (jm->status == FSIM_JOB_RUNNING || jm->status == FSIM_JOB_RESTARTING);
  const FsimPipelinedRegion *region = region_at (c, index);
  g_assert (!jm->region_restarting[index]);
  /* addVerticesToRestartPending */
  jm->region_restarting[index] = TRUE;
  if (jm->status == FSIM_JOB_RUNNING)
    fsim_sched_job_status_transition (c, FSIM_JOB_RESTARTING, NULL, why);
  /* cancelTasksAsync: first the region's pending slot requests... */
  for (guint i = 0; i < jm->bulks->len; i++)
    {
      Bulk *bulk = g_ptr_array_index (jm->bulks, i);
      if (bulk->region == index && bulk->state == BULK_PENDING)
        fsim_sched_deployer_bulk_cancel (c, bulk);
    }
  /* ...then every current attempt (cancelExecutionVertex); taken first,
   * since the last cancellation may restart the region at once */
  g_autoptr (GPtrArray) attempts = g_ptr_array_new ();
  for (guint i = 0; i < region->vertices->len; i++)
    g_ptr_array_add (attempts, execution_of (c, g_ptr_array_index (region->vertices, i)));
  for (guint i = 0; i < attempts->len; i++)
    cancel_execution (c, g_ptr_array_index (attempts, i),
                      "DefaultScheduler.cancelTasksAsync: the region restarts; not "
                      "deployed yet, so Execution.cancelAtomically needs no RPC",
                      "DefaultScheduler.cancelTasksAsync: the region restarts; "
                      "Execution.startCancelling sends cancelTask to the TaskManager");
  if (jm->region_restarting[index])
    maybe_restart_tasks (c, region);
}

/* --- reports from the TaskManagers --------------------------------------------- */

static void
stale_report (FsimCluster *c, const FsimExecutionAttemptId *id, FsimExecutionState state)
{
  ExecutionVertex *ev = fsim_sched_job_master_vertex (c->job, id->vertex, id->subtask);
  Execution *e = fsim_sched_job_master_attempt (c->job, id);
  FsimTraceRecord r = fsim_sched_cluster_record (
    c, FSIM_SCHED_KIND_STALE_REPORT,
    "SchedulerBase.updateTaskExecutionState: the ExecutionAttemptID is not registered "
    "(DefaultExecutionGraph.currentExecutions holds only the current, non-terminal "
    "attempt of each vertex), so the report is dropped and the call returns false");
  g_autofree char *label = e ? NULL
                             : g_strdup_printf ("attempt #%d of vertex %d subtask %d",
                                                id->attempt, id->vertex, id->subtask);
  g_autofree char *detail = NULL;
  if (ev == NULL)
    detail = g_strdup_printf ("%s dropped: no such subtask", fsim_execution_state_name (state));
  else if (ev->current->attempt != id->attempt)
    detail = g_strdup_printf ("%s dropped: the current attempt is #%d",
                              fsim_execution_state_name (state), ev->current->attempt);
  else
    detail = g_strdup_printf ("%s dropped: the attempt is already %s",
                              fsim_execution_state_name (state),
                              fsim_execution_state_name (ev->current->state));
  r.job = 0;
  r.vertex = id->vertex;
  r.subtask = id->subtask;
  r.attempt = id->attempt;
  r.label = e ? e->label : label;
  if (e && e->slot)
    {
      r.taskmanager = e->slot->tm->number;
      r.slot = e->slot->index;
    }
  r.detail = detail;
  r.values[0] = ev ? ev->current->attempt : -1;
  fsim_sched_cluster_trace (c, &r);
}

gboolean
fsim_sched_scheduler_update_task_execution_state (FsimCluster *c, const FsimExecutionAttemptId *id,
                                                  FsimExecutionState state, const char *cause)
{
  if (!fsim_sched_attempt_is_registered (c->job, id))
    {
      stale_report (c, id, state);
      return FALSE;
    }
  Execution *e = fsim_sched_job_master_attempt (c->job, id);
  FsimExecutionState now = e->state;
  switch (state)
    {
    case FSIM_EXECUTION_INITIALIZING:
      /* switchToInitializing only from DEPLOYING; a cancelled execution
       * ignores the report (Execution.switchTo). */
      if (now == FSIM_EXECUTION_DEPLOYING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_INITIALIZING, NULL,
                              "the TaskManager reported INITIALIZING "
                              "(Execution.switchToInitializing; partition infos are sent)");
      break;
    case FSIM_EXECUTION_RUNNING:
      if (now == FSIM_EXECUTION_INITIALIZING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_RUNNING, NULL,
                              "the TaskManager reported RUNNING (Execution.switchToRunning)");
      break;
    case FSIM_EXECUTION_FINISHED:
      if (now == FSIM_EXECUTION_DEPLOYING || now == FSIM_EXECUTION_INITIALIZING
          || now == FSIM_EXECUTION_RUNNING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_FINISHED, NULL,
                              "the TaskManager reported FINISHED (Execution.markFinished)");
      else if (now == FSIM_EXECUTION_CANCELING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                              "FINISHED arrived while CANCELING: Execution.markFinished "
                              "completes the cancellation (completeCancelling)");
      break;
    case FSIM_EXECUTION_FAILED:
      /* SchedulerBase.updateTaskExecutionState -> Execution.markFailed:
       * processFail, or while CANCELING completeCancelling */
      if (now == FSIM_EXECUTION_CANCELING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                              "FAILED arrived while CANCELING: Execution.processFail "
                              "completes the cancellation instead");
      else
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_FAILED, cause,
                              "the TaskManager reported FAILED "
                              "(updateTaskExecutionState -> Execution.markFailed)");
      break;
    case FSIM_EXECUTION_CANCELED:
      if (now == FSIM_EXECUTION_CANCELING || now == FSIM_EXECUTION_DEPLOYING
          || now == FSIM_EXECUTION_INITIALIZING || now == FSIM_EXECUTION_RUNNING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                              "the TaskManager confirmed the cancellation "
                              "(Execution.completeCancelling)");
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

void
fsim_sched_scheduler_on_execution_state (FsimCluster *c, Execution *e, FsimExecutionState from,
                              const char *detail)
{
  JobMaster *jm = c->job;
  if (!fsim_execution_state_is_terminal (e->state))
    return;
  fsim_sched_slot_pool_release_logical (c, e);
  switch (e->state)
    {
    case FSIM_EXECUTION_FINISHED:
      fsim_sched_stop_with_savepoint_on_terminal (c);
      if (jm->n_finished == jm->n_vertices && jm->status == FSIM_JOB_RUNNING)
        {
          fsim_sched_job_status_transition (c, FSIM_JOB_FINISHED, NULL,
                                 "every execution FINISHED: DefaultExecutionGraph."
                                 "jobVertexFinished moves the job RUNNING -> FINISHED");
          job_terminal (c);
          return;
        }
      /* DefaultScheduler.onTaskFinished: consumers of blocking results may
       * run (PipelinedRegionSchedulingStrategy.onExecutionStateChange looks
       * only at those; a pipelined result changes nothing). */
      if (produces_blocking (e->vertex))
        maybe_schedule_regions (c, SCHEDULE_CONSUMABLE);
      break;
    case FSIM_EXECUTION_FAILED:
      /* DefaultScheduler.onTaskFailed */
      fsim_sched_scheduler_handle_task_failure (c, e, detail);
      fsim_sched_stop_with_savepoint_on_terminal (c);
      break;
    case FSIM_EXECUTION_CANCELED:
      fsim_sched_stop_with_savepoint_on_terminal (c);
      break;
    default:
      break;
    }
  /* a restarting region goes on once its cancellation is complete
   * (cancelTasksAsync's future, then restartTasks) */
  int region = e->vertex->region;
  if (jm->region_restarting[region] && jm->status == FSIM_JOB_RESTARTING)
    maybe_restart_tasks (c, region_at (c, region));
  check_all_terminal (c);
}

/* --- the public seam ------------------------------------------------------------- */

int
fsim_cluster_get_current_attempt (FsimCluster *c, int vertex, int subtask)
{
  if (c->job == NULL)
    return -1;
  ExecutionVertex *ev = fsim_sched_job_master_vertex (c->job, vertex, subtask);
  return ev ? ev->current->attempt : -1;
}

gboolean
fsim_cluster_get_execution_state (FsimCluster *c, int vertex, int subtask,
                                  FsimExecutionState *out)
{
  if (c->job == NULL)
    return FALSE;
  ExecutionVertex *ev = fsim_sched_job_master_vertex (c->job, vertex, subtask);
  if (ev == NULL)
    return FALSE;
  *out = ev->current->state;
  return TRUE;
}

gboolean
fsim_cluster_update_task_execution_state (FsimCluster *c, const FsimExecutionAttemptId *id,
                                          FsimExecutionState state, const char *cause)
{
  g_return_val_if_fail (c->job != NULL, FALSE);
  g_return_val_if_fail (state == FSIM_EXECUTION_INITIALIZING || state == FSIM_EXECUTION_RUNNING
                        || state == FSIM_EXECUTION_FINISHED || state == FSIM_EXECUTION_FAILED
                        || state == FSIM_EXECUTION_CANCELED, FALSE);
  return fsim_sched_scheduler_update_task_execution_state (c, id, state, cause);
}

void
fsim_cluster_restart_region (FsimCluster *c, int region)
{
  g_return_if_fail (c->job != NULL);
  g_return_if_fail (c->job->status == FSIM_JOB_RUNNING || c->job->status == FSIM_JOB_RESTARTING);
  fsim_sched_scheduler_restart_region (c, region,
                                       "DefaultScheduler.restartTasksWithDelay: the region's "
                                       "vertices wait for their restart "
                                       "(addVerticesToRestartPending), RUNNING -> RESTARTING");
}
