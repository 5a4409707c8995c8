/* lab-failover.c - `flinksim lab failover JOB`: which subtasks a failure
 * restarts (docs/labs.md). The job is simulated until the chosen instant
 * with the run API (fsim_job_run_*), and the failover strategy the
 * scheduler uses (scheduler/failover-strategy.c) is applied to the
 * ExecutionGraph as it stands then: the current attempts' states, the
 * partitions the shuffle master tracks, the --lost and --cause marks. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "cli/lab.h"
#include "scheduler/scheduler.h"

/* An operator subtask named on the command line: --fail, --cause, --lost. */
typedef struct {
  const FsimLabToken *op;       /* the operator's name as written */
  int subtask;                  /* -1 until the arguments are read */
  const FsimExecutionVertex *vertex;
} Named;

typedef struct {
  Named fail;
  Named cause;
  GArray *lost;                 /* Named */
  gint64 at_us;                 /* -1: the default instant */
  const FsimLabToken *strategy;
  FsimFailoverStrategyType type;
} FailoverLab;

static gboolean
set_fail (gpointer data, const FsimLabToken *value, GError **error)
{
  ((FailoverLab *) data)->fail.op = value;
  return TRUE;
}

static gboolean
set_cause (gpointer data, const FsimLabToken *value, GError **error)
{
  ((FailoverLab *) data)->cause.op = value;
  return TRUE;
}

static gboolean
set_lost (gpointer data, const FsimLabToken *value, GError **error)
{
  Named n = { value, -1, NULL };
  g_array_append_val (((FailoverLab *) data)->lost, n);
  return TRUE;
}

static gboolean
set_at (gpointer data, const FsimLabToken *value, GError **error)
{
  return fsim_lab_parse_duration (value, 0, -1, &((FailoverLab *) data)->at_us, error);
}

static gboolean
set_strategy (gpointer data, const FsimLabToken *value, GError **error)
{
  static const char *const names[] = { "region", "full", NULL };
  FailoverLab *l = data;
  int which;
  if (!fsim_lab_parse_choice (value, names, &which, error))
    return FALSE;
  l->strategy = value;
  l->type = which == 1 ? FSIM_FAILOVER_FULL : FSIM_FAILOVER_REGION;
  return TRUE;
}

static const FsimLabOption options[] = {
  { "fail", "OPERATOR", N_("the operator whose subtask fails; SUBTASK (default 0) may follow"),
    set_fail },
  { "at", "TIME", N_("fail after every event at TIME (default: when every subtask is RUNNING "
                     "or FINISHED, or the end of the run)"), set_at },
  { "strategy", "region|full", N_("the failover strategy (default: the job's "
                                  "jobmanager.execution.failover-strategy)"), set_strategy },
  { "cause", "OPERATOR", N_("followed by SUBTASK: the failure is a PartitionException on the "
                            "partition read from that producer subtask"), set_cause },
  { "lost", "OPERATOR", N_("followed by SUBTASK: that subtask's partitions are lost, as with "
                           "its TaskManager (repeatable)"), set_lost },
  { NULL }
};

/* The SUBTASK argument right after an option's value, if any. */
static gboolean
take_subtask (GPtrArray *args, gboolean *used, Named *n, gboolean required, GError **error)
{
  for (guint i = 0; i < args->len; i++)
    {
      const FsimLabToken *t = args->pdata[i];
      if (used[i] || t->argument != n->op->argument + 1 || !g_ascii_isdigit (t->text[0]))
        continue;
      gint64 v;
      if (!fsim_lab_parse_int (t, 0, -1, 0, G_MAXINT32, &v, error))
        return FALSE;
      used[i] = TRUE;
      n->subtask = (int) v;
      return TRUE;
    }
  if (required)
    {
      fsim_lab_set_error (error, n->op, strlen (n->op->text),
                          _("a SUBTASK must follow the operator"));
      return FALSE;
    }
  n->subtask = 0;
  return TRUE;
}

/* The operator's subtask in the ExecutionGraph, named as faults name it. */
static gboolean
resolve (const FsimJob *job, const FsimExecutionGraph *eg, Named *n, GError **error)
{
  FsimStreamGraph *sg = fsim_job_get_stream_graph (job);
  FsimStreamNode *node = fsim_stream_graph_find_node (sg, n->op->text);
  if (node == NULL)
    {
      GPtrArray *nodes = fsim_stream_graph_get_nodes (sg);
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      for (guint i = 0; i < nodes->len; i++)
        g_ptr_array_add (names, ((FsimStreamNode *) nodes->pdata[i])->name);
      g_ptr_array_add (names, NULL);
      const char *near = fsim_suggest (n->op->text, (const char *const *) names->pdata);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean \"%s\"?"), near) : NULL;
      g_autofree char *msg = g_strdup_printf (_("no operator is named \"%s\""), n->op->text);
      fsim_lab_set_error (error, n->op, 0, "%s%s%s", msg, hint ? "; " : "", hint ? hint : "");
      return FALSE;
    }
  const FsimJobVertex *jv = fsim_job_graph_get_vertex_for_node (
    fsim_execution_graph_get_job_graph (eg), node->id);
  FsimExecutionJobVertex *ejv = fsim_execution_graph_get_job_vertex (eg, jv);
  if (n->subtask >= ejv->parallelism)
    {
      fsim_lab_set_error (error, n->op, 0,
                          ngettext ("\"%s\" has %d subtask (0 .. %d)",
                                    "\"%s\" has %d subtasks (0 .. %d)", ejv->parallelism),
                          n->op->text, ejv->parallelism, ejv->parallelism - 1);
      return FALSE;
    }
  n->vertex = &ejv->subtasks[n->subtask];
  return TRUE;
}

static gboolean
all_running_or_finished (FsimCluster *c, const FsimExecutionGraph *eg)
{
  GPtrArray *vs = fsim_execution_graph_get_vertices (eg);
  for (guint i = 0; i < vs->len; i++)
    {
      const FsimExecutionVertex *v = vs->pdata[i];
      FsimExecutionState s;
      if (!fsim_cluster_get_execution_state (c, v->job_vertex->index, v->subtask, &s)
          || (s != FSIM_EXECUTION_RUNNING && s != FSIM_EXECUTION_FINISHED))
        return FALSE;
    }
  return TRUE;
}

/* Simulates until at_us (after every event at it), or instant by instant
 * until every subtask is RUNNING or FINISHED, or the run's end. */
static gint64
simulate (FsimJobRun *run, gint64 at_us)
{
  FsimSim *sim = fsim_job_run_get_sim (run);
  if (at_us >= 0)
    {
      fsim_job_run_run (run, at_us);
      return fsim_sim_now (sim);
    }
  gint64 end = fsim_job_run_get_settings (run)->duration_us, t;
  while (fsim_sim_peek_time (sim, &t) && t <= end)
    {
      if (fsim_sim_run_until (sim, t) != FSIM_RUN_TIME_LIMIT
          && !fsim_sim_peek_time (sim, &t))
        break;
      if (all_running_or_finished (fsim_job_run_get_cluster (run),
                                   fsim_job_run_get_execution_graph (run)))
        break;
    }
  return fsim_sim_now (sim);
}

typedef struct {
  const FsimExecutionState *states;
  const FailoverLab *lab;
} Tracking;

/* The shuffle master tracks a partition from its producer's deployment
 * (registerProducedPartitions) until the producer is reset, fails or is
 * cancelled, or its TaskManager is lost (--lost). */
static gboolean
tracked (const FsimResultPartition *p, gpointer data)
{
  const Tracking *t = data;
  const FsimExecutionVertex *producer = fsim_result_partition_get_producer (p);
  for (guint i = 0; i < t->lab->lost->len; i++)
    if (g_array_index (t->lab->lost, Named, i).vertex == producer)
      return FALSE;
  FsimExecutionState s = t->states[producer->index];
  return s == FSIM_EXECUTION_DEPLOYING || s == FSIM_EXECUTION_INITIALIZING
         || s == FSIM_EXECUTION_RUNNING || s == FSIM_EXECUTION_FINISHED;
}

static void
print_result (FsimLab *lab, const FsimExecutionGraph *eg, const FailoverLab *l,
              const FsimFailoverResult *r, gint64 now_us)
{
  GPtrArray *vs = fsim_execution_graph_get_vertices (eg);
  g_autofree char *when = fsim_time_format (now_us);
  g_autofree char *title = g_strdup_printf (_("%s fails at %s"), l->fail.vertex->name, when);
  FsimLabRecord *rec = fsim_lab_record_begin (lab, title);
  JsonBuilder *b = fsim_lab_record_json (rec);
  json_builder_set_member_name (b, "failed");
  json_builder_add_string_value (b, l->fail.vertex->name);
  json_builder_set_member_name (b, "strategy");
  json_builder_add_string_value (b, fsim_failover_strategy_type_class (l->type));
  json_builder_set_member_name (b, "restart");
  json_builder_begin_array (b);
  GString *names = g_string_new (NULL);
  for (guint i = 0; i < r->vertices->len; i++)
    {
      const FsimExecutionVertex *v = vs->pdata[g_array_index (r->vertices, int, i)];
      json_builder_add_string_value (b, v->name);
      g_string_append_printf (names, "%s%s", i ? ", " : "", v->name);
    }
  json_builder_end_array (b);
  g_autofree gint64 *regions = g_new (gint64, r->regions->len + 1);
  GString *region_text = g_string_new (NULL);
  for (guint i = 0; i < r->regions->len; i++)
    {
      regions[i] = g_array_index (r->regions, int, i);
      g_string_append_printf (region_text, "%s%" PRId64, i ? ", " : "", regions[i]);
    }
  fsim_lab_json_int_array (b, "regions", regions, r->regions->len);
  fsim_lab_record_text (rec, _("strategy: %s"), fsim_failover_strategy_type_class (l->type));
  fsim_lab_record_text (rec, _("restart: %s"), names->len ? names->str : _("nothing"));
  fsim_lab_record_text (rec, _("regions: %s"), region_text->str);
  g_string_free (names, TRUE);
  g_string_free (region_text, TRUE);
  fsim_lab_record_end (rec, r->why);
}

/* JOB, then each SUBTASK attached to its option; anything else is refused. */
static gboolean
read_args (FsimLab *lab, FailoverLab *l, const FsimLabToken **job, GError **error)
{
  GPtrArray *args = fsim_lab_get_args (lab);
  g_autofree gboolean *used = g_new0 (gboolean, args->len + 1);
  if (l->fail.op == NULL)
    {
      g_set_error_literal (error, FSIM_LAB_ERROR, 0,
                           _("--fail OPERATOR [SUBTASK] is required: the subtask that fails"));
      return FALSE;
    }
  if (!take_subtask (args, used, &l->fail, FALSE, error)
      || (l->cause.op && !take_subtask (args, used, &l->cause, TRUE, error)))
    return FALSE;
  for (guint i = 0; i < l->lost->len; i++)
    if (!take_subtask (args, used, &g_array_index (l->lost, Named, i), TRUE, error))
      return FALSE;
  *job = NULL;
  for (guint i = 0; i < args->len; i++)
    {
      if (used[i])
        continue;
      if (*job == NULL)
        {
          *job = args->pdata[i];
          continue;
        }
      fsim_lab_set_error (error, args->pdata[i], 0, _("unexpected argument"));
      return FALSE;
    }
  if (*job == NULL)
    {
      g_set_error_literal (error, FSIM_LAB_ERROR, 0, _("a JOB file is required"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_all (const FsimJob *job, const FsimExecutionGraph *eg, FailoverLab *l, GError **error)
{
  if (!resolve (job, eg, &l->fail, error) || (l->cause.op && !resolve (job, eg, &l->cause, error)))
    return FALSE;
  for (guint i = 0; i < l->lost->len; i++)
    if (!resolve (job, eg, &g_array_index (l->lost, Named, i), error))
      return FALSE;
  if (l->cause.op && fsim_failover_consumed_partition (l->fail.vertex, l->cause.vertex) == NULL)
    {
      fsim_lab_set_error (error, l->cause.op, 0, _("%s does not read from %s: --cause names a "
                                                   "producer the failed subtask reads from"),
                          l->fail.vertex->name, l->cause.vertex->name);
      return FALSE;
    }
  return TRUE;
}

static int
failover (FsimLab *lab, FailoverLab *l, const FsimJob *job)
{
  GError *error = NULL;
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  if (run == NULL)
    return fsim_cli_fail (error);
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (run);
  if (!resolve_all (job, eg, l, &error))
    return fsim_lab_fail (lab, error);
  if (l->strategy == NULL)
    fsim_failover_strategy_type_from_name (
      fsim_config_get_string (fsim_job_get_config (job), "jobmanager.execution.failover-strategy"),
      &l->type);
  gint64 now = simulate (run, l->at_us);
  GPtrArray *vs = fsim_execution_graph_get_vertices (eg);
  g_autofree FsimExecutionState *states = g_new0 (FsimExecutionState, vs->len + 1);
  for (guint i = 0; i < vs->len; i++)
    {
      const FsimExecutionVertex *v = vs->pdata[i];
      fsim_cluster_get_execution_state (fsim_job_run_get_cluster (run), v->job_vertex->index,
                                        v->subtask, &states[v->index]);
    }
  Tracking tracking = { states, l };
  FsimFailoverTopology topo = { eg, states, tracked, &tracking };
  const FsimResultPartition *cause = l->cause.op
    ? fsim_failover_consumed_partition (l->fail.vertex, l->cause.vertex) : NULL;
  g_autoptr (FsimFailoverResult) r = fsim_failover_tasks_needing_restart (l->type, &topo,
                                                                         l->fail.vertex, cause);
  print_result (lab, eg, l, r, now);
  return FSIM_EXIT_OK;
}

static int
failover_run (FsimLab *lab)
{
  FailoverLab l = { .at_us = -1, .type = FSIM_FAILOVER_REGION };
  l.lost = g_array_new (FALSE, FALSE, sizeof (Named));
  g_autoptr (GArray) lost = l.lost;
  if (!fsim_lab_parse_args (lab, options, &l))
    return fsim_lab_exit_code (lab);
  GError *error = NULL;
  const FsimLabToken *job_arg;
  if (!read_args (lab, &l, &job_arg, &error))
    return fsim_lab_fail (lab, error);
  g_autoptr (FsimJob) job = fsim_cli_load_job (job_arg->text, NULL, &error);
  if (job == NULL)
    return fsim_cli_fail (error);
  return failover (lab, &l, job);
}

const FsimLabEntry fsim_lab_failover = {
  "failover", N_("which subtasks a failure restarts"),
  "JOB --fail OPERATOR [SUBTASK] [--at TIME] [--strategy region|full] "
  "[--cause OPERATOR SUBTASK] [--lost OPERATOR SUBTASK]...",
  N_("Simulates JOB until TIME, marks the --lost producers' partitions unavailable, then fails "
     "the subtask and prints what the failover strategy restarts."),
  failover_run,
};
