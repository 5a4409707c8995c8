/* scheduler-jobs.c - building and running jobs for check_scheduler. */
#include "config.h"

#include "tests/scheduler-tests.h"

TestJob *
test_job_new (const char *name)
{
  TestJob *j = g_new0 (TestJob, 1);
  j->sg = fsim_stream_graph_new (name);
  j->next_id = 1;
  return j;
}

void
test_job_free (TestJob *j)
{
  fsim_cluster_free (j->cluster);
  if (j->sim)
    fsim_sim_free (j->sim);
  fsim_execution_graph_free (j->eg);
  fsim_job_graph_free (j->jg);
  fsim_stream_graph_free (j->sg);
  g_free (j);
}

FsimStreamNode *
test_source (TestJob *j, const char *name, int parallelism)
{
  g_autofree char *full = g_strconcat ("Source: ", name, NULL);
  FsimStreamNode *n = fsim_stream_graph_add_node (j->sg, j->next_id++, full,
                                                  FSIM_OPERATOR_SOURCE);
  n->is_source = TRUE;
  n->parallelism = parallelism;
  return n;
}

FsimStreamNode *
test_op (TestJob *j, const char *name, int parallelism)
{
  FsimStreamNode *n = fsim_stream_graph_add_node (j->sg, j->next_id++, name,
                                                  FSIM_OPERATOR_ONE_INPUT);
  n->parallelism = parallelism;
  return n;
}

FsimStreamNode *
test_sink (TestJob *j, const char *name, int parallelism)
{
  g_autofree char *full = g_strconcat ("Sink: ", name, NULL);
  FsimStreamNode *n = fsim_stream_graph_add_node (j->sg, j->next_id++, full,
                                                  FSIM_OPERATOR_LEGACY_SINK);
  n->is_sink = TRUE;
  n->parallelism = parallelism;
  return n;
}

void
test_connect (TestJob *j, FsimStreamNode *from, FsimStreamNode *to, FsimPartitioner p)
{
  fsim_stream_graph_add_edge (j->sg, from, to, 0, p, FSIM_EXCHANGE_UNDEFINED);
}

void
test_connect_blocking (TestJob *j, FsimStreamNode *from, FsimStreamNode *to, FsimPartitioner p)
{
  fsim_stream_graph_add_edge (j->sg, from, to, 0, p, FSIM_EXCHANGE_BATCH);
}

void
test_settings (FsimClusterSettings *s, int taskmanagers, int slots)
{
  fsim_cluster_settings_init (s);
  s->taskmanagers = taskmanagers;
  s->slots_per_taskmanager = slots;
  s->rpc_latency_us = 1000;
  s->seed = 1;
}

void
test_job_start (TestJob *j, const FsimClusterSettings *settings)
{
  g_autoptr (GError) error = NULL;
  j->jg = fsim_job_graph_new (j->sg, NULL, &error);
  ck_assert_msg (j->jg != NULL, "JobGraph: %s", error ? error->message : "?");
  j->eg = fsim_execution_graph_new (j->jg, &error);
  ck_assert_msg (j->eg != NULL, "ExecutionGraph: %s", error ? error->message : "?");
  j->sim = fsim_sim_new (settings->seed);
  j->trace = fsim_sim_get_trace (j->sim);
  j->cluster = fsim_cluster_new (j->sim, settings);
  fsim_cluster_submit (j->cluster, j->eg);
}

FsimRunResult
test_job_run (TestJob *j, gint64 until_us)
{
  return fsim_cluster_run_until (j->cluster, until_us);
}

GPtrArray *
test_records (FsimTrace *trace, FsimSchedKind kind)
{
  GPtrArray *out = g_ptr_array_new ();
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (kind))
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

const FsimTraceRecord *
test_last (FsimTrace *trace, FsimSchedKind kind, int vertex, int subtask)
{
  const FsimTraceRecord *last = NULL;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (kind) && r->vertex == vertex && r->subtask == subtask)
        last = r;
    }
  return last;
}

const FsimTraceRecord *
test_entered (FsimTrace *trace, FsimSchedKind kind, int vertex, int subtask, const char *to)
{
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (kind) && r->vertex == vertex && r->subtask == subtask
          && g_strcmp0 (fsim_trace_record_to_name (r), to) == 0)
        return r;
    }
  return NULL;
}

/* Per subject key, the state its last record left it in. */
static void
check_chain (GHashTable *last, const char *key, const FsimTraceRecord *r, const char *initial)
{
  const char *before = g_hash_table_lookup (last, key);
  ck_assert_msg (g_strcmp0 (fsim_trace_record_from_name (r), before ? before : initial) == 0,
                 "record %" G_GINT64_FORMAT " (%s): from %s but the subject was %s", r->seq,
                 r->label, fsim_trace_record_from_name (r), before ? before : initial);
  g_hash_table_replace (last, g_strdup (key), (gpointer) fsim_trace_record_to_name (r));
}

void
test_assert_transitions_legal (FsimTrace *trace)
{
  g_autoptr (GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 n = fsim_trace_count (trace);
  ck_assert_int_gt (n, 0);
  for (gint64 i = 0; i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)
          || r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_STATE))
        {
          gboolean task = r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_STATE);
          /* from / to are the machine's states themselves */
          ck_assert_msg (r->from >= 0 && r->to >= 0, "record %" G_GINT64_FORMAT ": no states",
                         r->seq);
          FsimExecutionState from = r->from, to = r->to;
          ck_assert_msg (task ? fsim_task_state_can_transition (from, to)
                              : fsim_execution_state_can_transition (from, to),
                         "record %" G_GINT64_FORMAT " (%s): illegal %s %s -> %s", r->seq,
                         r->label, task ? "Task" : "Execution", fsim_trace_record_from_name (r),
                         fsim_trace_record_to_name (r));
          g_autofree char *key = g_strdup_printf ("%s/%d/%d/%d", task ? "t" : "e", r->vertex,
                                                  r->subtask, r->attempt);
          check_chain (last, key, r, "CREATED");
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS))
        {
          ck_assert (r->from >= 0 && r->to >= 0);
          FsimJobStatus from = r->from, to = r->to;
          ck_assert_msg (fsim_job_status_can_transition (from, to),
                         "record %" G_GINT64_FORMAT ": illegal JobStatus %s -> %s", r->seq,
                         fsim_trace_record_from_name (r), fsim_trace_record_to_name (r));
          check_chain (last, "job", r, "INITIALIZING");
        }
    }
}
