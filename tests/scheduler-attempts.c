/* scheduler-attempts.c - execution attempts: a region restarted by hand.
 *
 * Flink's DefaultScheduler restarts a failover region in three steps
 * (restartTasksWithDelay): the vertices wait for their restart and the job
 * goes RESTARTING (addVerticesToRestartPending), their current executions
 * are cancelled (cancelTasksAsync), and once that is done restartTasks
 * resets every vertex for a new execution (ExecutionVertex.
 * resetForNewExecution: the old Execution joins the history, a new one with
 * the next attempt number starts CREATED), the job is RUNNING again
 * (removeVerticesFromRestartPending) and the scheduling strategy schedules
 * the region anew (PipelinedRegionSchedulingStrategy.restartTasks). A
 * TaskManager's report names its ExecutionAttemptID; the JobMaster acts on
 * registered attempts only and returns false for any other
 * (DefaultSchedulerTest.updateTaskExecutionStateReturnsFalseIfExecutionDoesNotExist,
 * DefaultExecutionGraph.updateState).
 *
 * These tests call the attempt API directly, as the restart issue's
 * failover strategy will, and read the trace by kind descriptor. */
#include "config.h"

#include <string.h>

#include "tests/scheduler-tests.h"

static gboolean
is (const FsimTraceRecord *r, FsimSchedKind k)
{
  return r->kind == FSIM_SCHED_KIND (k);
}

/* The records of kind k about (vertex, subtask, attempt); -1 = any. */
static GPtrArray *
records_of (FsimTrace *trace, FsimSchedKind k, int vertex, int subtask, int attempt)
{
  GPtrArray *out = g_ptr_array_new ();
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (is (r, k) && (vertex < 0 || r->vertex == vertex)
          && (subtask < 0 || r->subtask == subtask) && (attempt < 0 || r->attempt == attempt))
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

static const FsimTraceRecord *
nth (GPtrArray *a, guint i)
{
  ck_assert_uint_gt (a->len, i);
  return g_ptr_array_index (a, i);
}

/* The ExecutionState path of one attempt, as "CREATED>SCHEDULED>...". */
static char *
path_of (FsimTrace *trace, int vertex, int subtask, int attempt)
{
  g_autoptr (GPtrArray) rs = records_of (trace, FSIM_SCHED_KIND_EXECUTION_STATE, vertex,
                                         subtask, attempt);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < rs->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (rs, i);
      if (i == 0)
        g_string_append (s, fsim_execution_state_name (r->from));
      else
        ck_assert_int_eq (r->from, nth (rs, i - 1)->to);
      g_string_append_printf (s, ">%s", fsim_execution_state_name (r->to));
    }
  return g_string_free (s, FALSE);
}

static int
region_of (TestJob *j, int vertex)
{
  const FsimExecutionJobVertex *ejv =
    g_ptr_array_index (fsim_execution_graph_get_job_vertices (j->eg), vertex);
  return ejv->subtasks[0].region;
}

/* Source A(2) -rebalance-> Map A(2) and Source B(2) -rebalance-> Map B(2):
 * two pipelined regions of four subtasks, two shared slots on one
 * TaskManager. Each source subtask reads `records` at 1000 records/s
 * (0: unbounded). */
static TestJob *
two_pipelines (gint64 records_a, gint64 records_b)
{
  TestJob *j = test_job_new ("Two Pipelines");
  FsimStreamNode *sa = test_source (j, "A", 2);
  FsimStreamNode *ma = test_op (j, "Map A", 2);
  FsimStreamNode *sb = test_source (j, "B", 2);
  FsimStreamNode *mb = test_op (j, "Map B", 2);
  gint64 records[] = { records_a, records_b };
  FsimStreamNode *sources[] = { sa, sb };
  for (int i = 0; i < 2; i++)
    if (records[i] > 0)
      {
        sources[i]->bounded = TRUE;
        sources[i]->knobs.records = records[i];
        sources[i]->knobs.rate_per_s = 1000.0;
      }
  test_connect (j, sa, ma, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, sb, mb, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  return j;
}

/* The job vertex index of a name. */
static int
vertex_named (TestJob *j, const char *name)
{
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (j->eg);
  for (guint i = 0; i < jvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, i);
      if (strcmp (ejv->job_vertex->name, name) == 0)
        return ejv->index;
    }
  ck_abort_msg ("no job vertex %s", name);
  return -1;
}

/* DefaultSchedulerTest.restartFailedTask / vertexIsResetBeforeRestarted /
 * jobStatusIsRestartingIfOneVertexIsWaitingForRestart, by hand: the old
 * attempts are cancelled, the new attempts #1 go CREATED -> SCHEDULED ->
 * DEPLOYING -> INITIALIZING -> RUNNING, and a late report for attempt #0
 * is dropped with a stale-report record while the other region never
 * notices. */
START_TEST (test_restart_region_new_attempts)
{
  g_autoptr (TestJob) j = two_pipelines (0, 0);
  test_job_run (j, G_USEC_PER_SEC);
  int map_a = vertex_named (j, "Map A");
  int source_a = vertex_named (j, "Source: A");
  int map_b = vertex_named (j, "Map B");
  int region = region_of (j, map_a);
  ck_assert_int_eq (region_of (j, source_a), region);
  ck_assert_int_ne (region_of (j, map_b), region);
  ck_assert_int_eq (fsim_cluster_get_current_attempt (j->cluster, map_a, 1), 0);
  g_autofree char *running = path_of (j->trace, map_a, 1, 0);
  ck_assert_str_eq (running, "CREATED>SCHEDULED>DEPLOYING>INITIALIZING>RUNNING");
  gint64 before = fsim_trace_count (j->trace);

  fsim_cluster_restart_region (j->cluster, region);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RESTARTING);
  test_job_run (j, 2 * G_USEC_PER_SEC);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);

  int vertices[] = { source_a, map_a };
  for (int v = 0; v < 2; v++)
    for (int s = 0; s < 2; s++)
      {
        int vertex = vertices[v];
        ck_assert_int_eq (fsim_cluster_get_current_attempt (j->cluster, vertex, s), 1);
        /* the old attempt was cancelled through the TaskManager... */
        g_autofree char *old = path_of (j->trace, vertex, s, 0);
        ck_assert_str_eq (old, "CREATED>SCHEDULED>DEPLOYING>INITIALIZING>RUNNING>CANCELING>CANCELED");
        /* ...and the new one ran from CREATED, under its own name */
        g_autofree char *fresh = path_of (j->trace, vertex, s, 1);
        ck_assert_str_eq (fresh, "CREATED>SCHEDULED>DEPLOYING>INITIALIZING>RUNNING");
        g_autoptr (GPtrArray) rs = records_of (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE,
                                               vertex, s, 1);
        g_autofree char *want = g_strdup_printf ("%s (%d/2)#1",
                                                 v ? "Map A" : "Source: A", s + 1);
        ck_assert_str_eq (nth (rs, 0)->label, want);
        /* the new attempt starts only after every old one is CANCELED */
        g_autoptr (GPtrArray) old_rs = records_of (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE,
                                                   vertex, s, 0);
        ck_assert_int_gt (nth (rs, 0)->seq, nth (old_rs, old_rs->len - 1)->seq);
        /* the Task of attempt #1 ran too */
        g_autoptr (GPtrArray) tasks = records_of (j->trace, FSIM_SCHED_KIND_TASK_STATE,
                                                  vertex, s, 1);
        ck_assert_int_eq (nth (tasks, tasks->len - 1)->to, FSIM_EXECUTION_RUNNING);
      }
  /* the other region was not touched */
  for (int s = 0; s < 2; s++)
    {
      ck_assert_int_eq (fsim_cluster_get_current_attempt (j->cluster, map_b, s), 0);
      g_autoptr (GPtrArray) rs = records_of (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE,
                                             map_b, s, -1);
      ck_assert_int_lt (nth (rs, rs->len - 1)->seq, before);
    }
  /* JobStatus: ... RUNNING -> RESTARTING -> RUNNING */
  g_autoptr (GPtrArray) status = records_of (j->trace, FSIM_SCHED_KIND_JOB_STATUS, -1, -1, -1);
  ck_assert_uint_eq (status->len, 4);
  ck_assert_int_eq (nth (status, 2)->to, FSIM_JOB_RESTARTING);
  ck_assert_int_eq (nth (status, 3)->from, FSIM_JOB_RESTARTING);
  ck_assert_int_eq (nth (status, 3)->to, FSIM_JOB_RUNNING);
  /* the region was scheduled twice, the second time by restartTasks */
  g_autofree char *label = g_strdup_printf ("pipelined region %d", region);
  int scheduled = 0;
  g_autoptr (GPtrArray) regions = records_of (j->trace, FSIM_SCHED_KIND_REGION_SCHEDULED,
                                              -1, -1, -1);
  for (guint i = 0; i < regions->len; i++)
    if (strcmp (nth (regions, i)->label, label) == 0)
      {
        scheduled++;
        if (nth (regions, i)->seq > before)
          ck_assert_ptr_nonnull (strstr (nth (regions, i)->why, "restartTasks"));
      }
  ck_assert_int_eq (scheduled, 2);

  /* A late FAILED report of attempt #0 (its ExecutionAttemptID is no longer
   * registered): dropped, said so, nothing else changes. */
  gint64 count = fsim_trace_count (j->trace);
  FsimExecutionAttemptId old = { map_a, 1, 0 };
  ck_assert (!fsim_cluster_update_task_execution_state (j->cluster, &old, FSIM_EXECUTION_FAILED,
                                                        "java.lang.RuntimeException: late"));
  ck_assert_int_eq (fsim_trace_count (j->trace), count + 1);
  const FsimTraceRecord *stale = fsim_trace_get (j->trace, count);
  ck_assert (is (stale, FSIM_SCHED_KIND_STALE_REPORT));
  ck_assert_int_eq (stale->vertex, map_a);
  ck_assert_int_eq (stale->subtask, 1);
  ck_assert_int_eq (stale->attempt, 0);
  ck_assert_int_eq (stale->values[0], 1);
  ck_assert_str_eq (stale->label, "Map A (2/2)#0");
  ck_assert_ptr_nonnull (strstr (stale->detail, "FAILED"));
  ck_assert_ptr_nonnull (strstr (stale->why, "updateTaskExecutionState"));
  /* an attempt that never existed is as unknown */
  FsimExecutionAttemptId future = { map_a, 1, 7 };
  ck_assert (!fsim_cluster_update_task_execution_state (j->cluster, &future,
                                                        FSIM_EXECUTION_RUNNING, NULL));
  test_job_run (j, 3 * G_USEC_PER_SEC);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  g_autoptr (GPtrArray) after = records_of (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE,
                                            -1, -1, -1);
  ck_assert_int_lt (nth (after, after->len - 1)->seq, count);
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* Terminal counts are of current attempts: after a restart the job fails
 * only once every current attempt is terminal (DefaultExecutionGraph.
 * failJob: FAILING -> FAILED when all vertices are), although the four
 * cancelled attempts #0 are terminal too. */
START_TEST (test_terminal_counts_follow_current_attempts)
{
  g_autoptr (TestJob) j = two_pipelines (0, 0);
  test_job_run (j, G_USEC_PER_SEC);
  int map_a = vertex_named (j, "Map A");
  fsim_cluster_restart_region (j->cluster, region_of (j, map_a));
  test_job_run (j, 2 * G_USEC_PER_SEC);
  /* the Task of the current attempt #1 throws (a fault, reported by its
   * TaskManager); no restart strategy, so the job fails */
  fsim_cluster_fail_task (j->cluster, map_a, 0, "java.lang.RuntimeException: boom");
  test_job_run (j, 2 * G_USEC_PER_SEC + 2000);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILING);
  test_job_run (j, 3 * G_USEC_PER_SEC);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILED);
  g_autoptr (GPtrArray) status = records_of (j->trace, FSIM_SCHED_KIND_JOB_STATUS, -1, -1, -1);
  const FsimTraceRecord *failed = nth (status, status->len - 1);
  ck_assert_int_eq (failed->to, FSIM_JOB_FAILED);
  /* every current attempt reached its terminal state before FAILED */
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (j->eg);
  for (guint v = 0; v < jvs->len; v++)
    for (int s = 0; s < 2; s++)
      {
        int attempt = fsim_cluster_get_current_attempt (j->cluster, (int) v, s);
        g_autoptr (GPtrArray) rs = records_of (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE,
                                               (int) v, s, attempt);
        const FsimTraceRecord *last = nth (rs, rs->len - 1);
        ck_assert (fsim_execution_state_is_terminal (last->to));
        ck_assert_int_lt (last->seq, failed->seq);
      }
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* ExecutionVertex.resetForNewExecution of a FINISHED vertex takes it a step
 * back from the job's FINISHED (ExecutionJobVertex.executionVertexUnFinished):
 * pipeline A finishes, is restarted and finishes again; the job finishes
 * only when pipeline B does, not when the finished count first reaches the
 * number of subtasks. */
START_TEST (test_restart_finished_region)
{
  g_autoptr (TestJob) j = two_pipelines (100, 5000);
  test_job_run (j, G_USEC_PER_SEC);
  int map_a = vertex_named (j, "Map A");
  int map_b = vertex_named (j, "Map B");
  g_autofree char *done = path_of (j->trace, map_a, 0, 0);
  ck_assert_str_eq (done, "CREATED>SCHEDULED>DEPLOYING>INITIALIZING>RUNNING>FINISHED");
  /* every attempt of the region is terminal already: no cancellation */
  fsim_cluster_restart_region (j->cluster, region_of (j, map_a));
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  ck_assert_int_eq (fsim_cluster_get_current_attempt (j->cluster, map_a, 0), 1);
  FsimRunResult result = test_job_run (j, HOUR);
  ck_assert_int_eq (result, FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  for (int s = 0; s < 2; s++)
    {
      g_autofree char *again = path_of (j->trace, map_a, s, 1);
      ck_assert_str_eq (again, "CREATED>SCHEDULED>DEPLOYING>INITIALIZING>RUNNING>FINISHED");
    }
  g_autoptr (GPtrArray) status = records_of (j->trace, FSIM_SCHED_KIND_JOB_STATUS, -1, -1, -1);
  const FsimTraceRecord *finished = nth (status, status->len - 1);
  ck_assert_int_eq (finished->to, FSIM_JOB_FINISHED);
  /* the job's FINISHED follows B's last FINISHED at once, some 5 s in
   * (5000 records per subtask at 1000/s) */
  const FsimTraceRecord *last_b = NULL;
  for (int s = 0; s < 2; s++)
    {
      g_autoptr (GPtrArray) rs = records_of (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE,
                                             map_b, s, 0);
      const FsimTraceRecord *r = nth (rs, rs->len - 1);
      ck_assert_int_eq (r->to, FSIM_EXECUTION_FINISHED);
      if (last_b == NULL || r->seq > last_b->seq)
        last_b = r;
    }
  ck_assert_int_eq (finished->time_us, last_b->time_us);
  ck_assert_int_gt (finished->time_us, 5 * G_USEC_PER_SEC);
  test_assert_transitions_legal (j->trace);
}
END_TEST

void
scheduler_attempts_tcases (Suite *s)
{
  TCase *tc = tcase_create ("ExecutionVertex attempts (DefaultScheduler.restartTasks)");
  tcase_add_test (tc, test_restart_region_new_attempts);
  tcase_add_test (tc, test_terminal_counts_follow_current_attempts);
  tcase_add_test (tc, test_restart_finished_region);
  suite_add_tcase (s, tc);
}

