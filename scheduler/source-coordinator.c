/* source-coordinator.c - the JobMaster's SourceCoordinators, as far as
 * watermark alignment needs them (FLIP-182): one per FLIP-27 source whose
 * WatermarkStrategy has withWatermarkAlignment, and the job's
 * CoordinatorStore holding one WatermarkAggregator per watermark group.
 *
 * A coordinator starts with the scheduler (SchedulerBase.startScheduling
 * starts every OperatorCoordinator): from then on, every updateInterval,
 * announceCombinedWatermark sends WatermarkAlignmentEvent(group minimum +
 * maxDrift) to each subtask that has reported and is running
 * (sendEventToSourceOperatorIfTaskReady). A ReportedWatermarkEvent from a
 * subtask updates the coordinator's own minimum and, when that changes,
 * the group's entry for the operator's name (handleReportedWatermark).
 * Events go by RPC, sim.rpc-latency each way. A subtask's entry outlives
 * its attempt, as in Flink (subtaskReset does not touch it).
 * docs/design.md, "Watermark alignment". */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler-private.h"

typedef struct {
  char *group;
  FsimWatermarkAggregator *agg; /* key: the operator's name */
} AlignmentGroup;

struct _SourceCoordinator {
  FsimCluster *c;
  const FsimExecutionJobVertex *ejv;
  const FsimWatermarkSpec *spec;
  const char *operator_name;    /* the source's name, the group's key */
  FsimWatermarkAggregator *subtasks;
  AlignmentGroup *group;
  FsimEventId period;
  gint64 traced_second;         /* when the trace last showed an announcement */
};

typedef struct {
  FsimCluster *c;
  int coordinator;
  int subtask;
  gint64 watermark;
} ReportRpc;

typedef struct {
  FsimCluster *c;
  FsimExecutionAttemptId id;
  gint64 max_allowed;
} AnnounceRpc;

static AlignmentGroup *
group_of (JobMaster *jm, const char *name)
{
  for (guint i = 0; i < jm->alignment_groups->len; i++)
    {
      AlignmentGroup *g = g_ptr_array_index (jm->alignment_groups, i);
      if (strcmp (g->group, name) == 0)
        return g;
    }
  AlignmentGroup *g = g_new (AlignmentGroup, 1);
  *g = (AlignmentGroup) { g_strdup (name), fsim_watermark_aggregator_new () };
  g_ptr_array_add (jm->alignment_groups, g);
  return g;
}

static void
group_free (AlignmentGroup *g)
{
  fsim_watermark_aggregator_free (g->agg);
  g_free (g->group);
  g_free (g);
}

static void
coordinator_free (SourceCoordinator *sc)
{
  fsim_watermark_aggregator_free (sc->subtasks);
  g_free (sc);
}

void
fsim_sched_source_coordinators_new (FsimCluster *c)
{
  JobMaster *jm = c->job;
  jm->source_coordinators = g_ptr_array_new_with_free_func ((GDestroyNotify) coordinator_free);
  jm->alignment_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (jm->eg);
  for (guint i = 0; i < jvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, i);
      const FsimStreamNode *head = ejv->job_vertex->head;
      if (ejv->inputs->len > 0 || head->watermarks.alignment_group == NULL)
        continue;
      SourceCoordinator *sc = g_new0 (SourceCoordinator, 1);
      *sc = (SourceCoordinator) { .c = c, .ejv = ejv, .spec = &head->watermarks,
                                  .operator_name = head->name,
                                  .subtasks = fsim_watermark_aggregator_new (),
                                  .group = NULL, .period = FSIM_EVENT_NONE,
                                  .traced_second = -1 };
      g_ptr_array_add (jm->source_coordinators, sc);
    }
}

void
fsim_sched_source_coordinators_free (JobMaster *jm)
{
  if (jm->source_coordinators)
    g_ptr_array_unref (jm->source_coordinators);
  if (jm->alignment_groups)
    g_ptr_array_unref (jm->alignment_groups);
}

int
fsim_sched_source_coordinator_of (FsimCluster *c, const FsimExecutionJobVertex *ejv)
{
  GPtrArray *all = c->job->source_coordinators;
  for (guint i = 0; all && i < all->len; i++)
    if (((SourceCoordinator *) g_ptr_array_index (all, i))->ejv == ejv)
      return (int) i;
  return -1;
}

static void
tm_receives_announcement (FsimSim *sim, gpointer payload)
{
  AnnounceRpc *rpc = payload;
  Execution *e = fsim_sched_job_master_attempt (rpc->c->job, &rpc->id);
  if (e != NULL)
    fsim_sched_stream_task_watermark_alignment (rpc->c, e, rpc->max_allowed);
}

static void
trace_announcement (SourceCoordinator *sc, gint64 combined, gint64 max_allowed, int sent)
{
  gint64 second = fsim_sim_now (sc->c->sim) / G_USEC_PER_SEC;
  if (second == sc->traced_second)
    return;
  sc->traced_second = second;
  FsimTraceRecord r = fsim_sched_cluster_record (
    sc->c, FSIM_SCHED_KIND_ALIGNMENT_ANNOUNCED,
    "SourceCoordinator.announceCombinedWatermark: every updateInterval the coordinator sends "
    "each source subtask that reported WatermarkAlignmentEvent(maxAllowedWatermark = the "
    "watermark group's minimum over its sources' reported watermarks + "
    "maxAllowedWatermarkDrift); a subtask whose watermark is above it stops reading");
  g_autofree char *at = combined == FSIM_WATERMARK_NONE
    ? g_strdup ("Long.MIN_VALUE (no source reported yet)")
    : combined == FSIM_WATERMARK_MAX ? g_strdup ("Long.MAX_VALUE (every source idle)")
    : g_strdup_printf ("%" G_GINT64_FORMAT " ms", combined);
  g_autofree char *detail = g_strdup_printf (
    "group \"%s\": combined watermark %s, maxAllowedWatermark %s%" G_GINT64_FORMAT " ms; to %d "
    "subtask%s", sc->spec->alignment_group, at,
    max_allowed == FSIM_WATERMARK_MAX ? "Long.MAX_VALUE = " : "",
    max_allowed, sent, sent == 1 ? "" : "s");
  r.job = 0;
  r.vertex = sc->ejv->index;
  r.label = sc->operator_name;
  r.detail = detail;
  r.values[0] = combined;
  r.values[1] = max_allowed;
  r.values[2] = sent;
  r.values[3] = sc->spec->alignment_max_drift_ms;
  fsim_sched_cluster_trace (sc->c, &r);
}

static void schedule_announcement (SourceCoordinator *sc);

static void
announce (FsimSim *sim, gpointer payload)
{
  SourceCoordinator *sc = ((SourceCoordinator **) payload)[0];
  FsimCluster *c = sc->c;
  gint64 combined = fsim_watermark_aggregator_get (sc->group->agg);
  gint64 max_allowed = fsim_watermark_alignment_max_allowed (combined,
                                                             sc->spec->alignment_max_drift_ms);
  int sent = 0;
  for (guint i = 0; i < fsim_watermark_aggregator_get_n_keys (sc->subtasks); i++)
    {
      int subtask = (int) fsim_watermark_aggregator_get_number (sc->subtasks, i);
      Execution *e = fsim_sched_current (c->job, &sc->ejv->subtasks[subtask]);
      /* to a ready task only; a finished one has no more splits */
      if (e == NULL || e->task_state != FSIM_EXECUTION_RUNNING)
        continue;
      AnnounceRpc *rpc = g_new (AnnounceRpc, 1);
      *rpc = (AnnounceRpc) { c, fsim_sched_execution_id (e), max_allowed };
      fsim_sched_cluster_rpc (c, tm_receives_announcement, rpc, g_free);
      sent++;
    }
  if (sent > 0)
    trace_announcement (sc, combined, max_allowed, sent);
  schedule_announcement (sc);
}

/* schedulePeriodTask(announceCombinedWatermark, updateInterval, updateInterval) */
static void
schedule_announcement (SourceCoordinator *sc)
{
  SourceCoordinator **p = g_new (SourceCoordinator *, 1);
  p[0] = sc;
  sc->period = fsim_sim_schedule_in (sc->c->sim, sc->spec->alignment_update_interval_ms * 1000,
                                     FSIM_PRIORITY_DEFAULT, announce, p, g_free);
}

void
fsim_sched_source_coordinators_start (FsimCluster *c)
{
  GPtrArray *all = c->job->source_coordinators;
  for (guint i = 0; all && i < all->len; i++)
    {
      SourceCoordinator *sc = g_ptr_array_index (all, i);
      if (sc->group != NULL)
        continue;               /* started already: a restart keeps it */
      /* start(): coordinatorStore.putIfAbsent(group, new WatermarkAggregator) */
      sc->group = group_of (c->job, sc->spec->alignment_group);
      schedule_announcement (sc);
    }
}

void
fsim_sched_source_coordinators_stop (FsimCluster *c)
{
  GPtrArray *all = c->job ? c->job->source_coordinators : NULL;
  for (guint i = 0; all && i < all->len; i++)
    {
      SourceCoordinator *sc = g_ptr_array_index (all, i);
      fsim_sim_cancel (c->sim, sc->period);
      sc->period = FSIM_EVENT_NONE;
    }
}

/* handleReportedWatermark */
static void
jm_receives_report (FsimSim *sim, gpointer payload)
{
  ReportRpc *rpc = payload;
  FsimCluster *c = rpc->c;
  if (c->shut_down)
    return;
  SourceCoordinator *sc = g_ptr_array_index (c->job->source_coordinators, rpc->coordinator);
  if (sc->group == NULL)
    return;                     /* not started: no event reaches it */
  gint64 combined;
  if (fsim_watermark_aggregator_aggregate (sc->subtasks, NULL, rpc->subtask, rpc->watermark,
                                           &combined))
    fsim_watermark_aggregator_aggregate (sc->group->agg, sc->operator_name, 0, combined, NULL);
}

void
fsim_sched_source_coordinator_report (FsimCluster *c, const Execution *e, gint64 watermark)
{
  int k = fsim_sched_source_coordinator_of (c, e->vertex->job_vertex);
  g_assert (k >= 0);
  ReportRpc *rpc = g_new (ReportRpc, 1);
  *rpc = (ReportRpc) { c, k, e->vertex->subtask, watermark };
  fsim_sched_cluster_rpc (c, jm_receives_report, rpc, g_free);
}
