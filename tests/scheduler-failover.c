/* scheduler-failover.c - the failover strategies (scheduler/failover-
 * strategy.c) on the topologies of Flink's RestartPipelinedRegionFailover-
 * StrategyTest and RestartAllFailoverStrategyTest. Each vertex is one
 * subtask (parallelism 1) named v1, v2 …; edges are REBALANCE so that
 * nothing chains, BLOCKING where Flink's test connects with BLOCKING, else
 * pipelined; the states are the test's. Expected sets are the tests'
 * assertions. Not replayed here: testRegionFailoverForPipelinedApproximate
 * and testRegionFailoverForHybridEdge (a StreamGraph edge cannot carry
 * PIPELINED_APPROXIMATE or a hybrid type beside others). */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

typedef struct {
  TestJob *job;
  FsimStreamNode *nodes[8];     /* v1 .. v7 at [1] .. [7] */
  FsimExecutionState states[8]; /* by vertex number, as the test sets them */
  int n;
  FsimExecutionState *by_index; /* by FsimExecutionVertex.index */
  GHashTable *failed;           /* FsimResultPartition* the checker says are lost */
} Topo;

static void
topo_init (Topo *t, const FsimExecutionState *states, int n)
{
  memset (t, 0, sizeof *t);
  t->job = test_job_new ("failover");
  t->n = n;
  for (int i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("v%d", i);
      t->nodes[i] = test_op (t->job, name, 1);
      t->states[i] = states[i - 1];
    }
  t->failed = g_hash_table_new (NULL, NULL);
}

static void
topo_connect (Topo *t, int from, int to, gboolean blocking)
{
  if (blocking)
    test_connect_blocking (t->job, t->nodes[from], t->nodes[to], FSIM_PARTITIONER_REBALANCE);
  else
    test_connect (t->job, t->nodes[from], t->nodes[to], FSIM_PARTITIONER_REBALANCE);
}

static const FsimExecutionVertex *
topo_vertex (Topo *t, int number)
{
  g_autofree char *name = g_strdup_printf ("v%d (1/1)", number);
  GPtrArray *vs = fsim_execution_graph_get_vertices (t->job->eg);
  for (guint i = 0; i < vs->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (vs, i);
      if (strcmp (v->name, name) == 0)
        return v;
    }
  ck_abort_msg ("no vertex %s", name);
  return NULL;
}

static void
topo_build (Topo *t)
{
  g_autoptr (GError) error = NULL;
  t->job->jg = fsim_job_graph_new (t->job->sg, NULL, &error);
  ck_assert_msg (t->job->jg != NULL, "%s", error ? error->message : "?");
  t->job->eg = fsim_execution_graph_new (t->job->jg, &error);
  ck_assert_msg (t->job->eg != NULL, "%s", error ? error->message : "?");
  t->by_index = g_new0 (FsimExecutionState, t->n);
  for (int i = 1; i <= t->n; i++)
    t->by_index[topo_vertex (t, i)->index] = t->states[i];
}

static void
topo_clear (Topo *t)
{
  g_free (t->by_index);
  g_hash_table_unref (t->failed);
  test_job_free (t->job);
}

static gboolean
tracked (const FsimResultPartition *p, gpointer data)
{
  Topo *t = data;
  return !g_hash_table_contains (t->failed, p);
}

static const FsimResultPartition *
partition (Topo *t, int consumer, int producer)
{
  const FsimResultPartition *p = fsim_failover_consumed_partition (topo_vertex (t, consumer),
                                                                   topo_vertex (t, producer));
  ck_assert (p != NULL);
  return p;
}

/* getTasksNeedingRestart of v<failed>, with a PartitionConnectionException
 * naming the partition v<cause> wrote for it (0: an ordinary failure);
 * the answer as "v1 v4 v5". */
static char *
restarts (Topo *t, FsimFailoverStrategyType type, int failed, int cause)
{
  FsimFailoverTopology topo = { t->job->eg, t->by_index, tracked, t };
  const FsimResultPartition *p = cause ? partition (t, failed, cause) : NULL;
  g_autoptr (FsimFailoverResult) r = fsim_failover_tasks_needing_restart (
    type, &topo, topo_vertex (t, failed), p);
  ck_assert (r->why != NULL);
  GString *out = g_string_new (NULL);
  for (int i = 1; i <= t->n; i++)
    for (guint k = 0; k < r->vertices->len; k++)
      if (g_array_index (r->vertices, int, k) == topo_vertex (t, i)->index)
        g_string_append_printf (out, "%sv%d", out->len ? " " : "", i);
  return g_string_free (out, FALSE);
}

#define ASSERT_RESTARTS(t, failed, cause, expected)                               \
  do {                                                                            \
    g_autofree char *got_ = restarts ((t), FSIM_FAILOVER_REGION, (failed), (cause)); \
    ck_assert_msg (strcmp (got_, (expected)) == 0, "v%d fails (cause v%d): got '%s', want '%s'", \
                   (failed), (cause), got_, (expected));                          \
  } while (0)

/*     (v1) -+-> (v4)
 *           x
 *     (v2) -+-> (v5)
 *     (v3) ---> (v6)     all BLOCKING, each vertex its own region */
static void
crossed (Topo *t, const FsimExecutionState *states)
{
  topo_init (t, states, 6);
  topo_connect (t, 1, 4, TRUE);
  topo_connect (t, 1, 5, TRUE);
  topo_connect (t, 2, 4, TRUE);
  topo_connect (t, 2, 5, TRUE);
  topo_connect (t, 3, 6, TRUE);
  topo_build (t);
}

START_TEST (test_region_internal_errors)
{
  /* testRegionFailoverForRegionInternalErrors */
  static const FsimExecutionState s[] = {
    FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_FINISHED,
    FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_SCHEDULED, FSIM_EXECUTION_RUNNING,
  };
  Topo t;
  crossed (&t, s);
  ck_assert_uint_eq (fsim_execution_graph_get_regions (t.job->eg)->len, 6);
  ASSERT_RESTARTS (&t, 1, 0, "v1 v4 v5");
  ASSERT_RESTARTS (&t, 2, 0, "v2 v4 v5");
  ASSERT_RESTARTS (&t, 3, 0, "v3 v6");
  ASSERT_RESTARTS (&t, 4, 0, "v4");
  ASSERT_RESTARTS (&t, 5, 0, "v5");
  ASSERT_RESTARTS (&t, 6, 0, "v6");
  topo_clear (&t);
}
END_TEST

START_TEST (test_region_data_consumption_errors)
{
  /* testRegionFailoverForDataConsumptionErrors */
  static const FsimExecutionState s[] = {
    FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_FINISHED,
    FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_RUNNING,
  };
  Topo t;
  crossed (&t, s);
  ASSERT_RESTARTS (&t, 4, 1, "v1 v4 v5");
  ASSERT_RESTARTS (&t, 4, 2, "v2 v4 v5");
  ASSERT_RESTARTS (&t, 5, 1, "v1 v4 v5");
  ASSERT_RESTARTS (&t, 5, 2, "v2 v4 v5");
  ASSERT_RESTARTS (&t, 6, 3, "v3 v6");
  topo_clear (&t);
}
END_TEST

START_TEST (test_region_partition_availability_combinations)
{
  /* testRegionFailoverForVariousResultPartitionAvailabilityCombinations:
   * (v1) --rp1--> (v3) <--rp2-- (v2), BLOCKING */
  static const FsimExecutionState s[] = {
    FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_RUNNING,
  };
  Topo t;
  topo_init (&t, s, 3);
  topo_connect (&t, 1, 3, TRUE);
  topo_connect (&t, 2, 3, TRUE);
  topo_build (&t);
  gpointer rp1 = (gpointer) partition (&t, 3, 1), rp2 = (gpointer) partition (&t, 3, 2);
  static const struct { gboolean rp1_lost, rp2_lost; const char *v1, *v2, *v3; } combos[] = {
    { FALSE, FALSE, "v1 v3", "v2 v3", "v3" },
    { TRUE, FALSE, "v1 v3", "v1 v2 v3", "v1 v3" },
    { FALSE, TRUE, "v1 v2 v3", "v2 v3", "v2 v3" },
    { TRUE, TRUE, "v1 v2 v3", "v1 v2 v3", "v1 v2 v3" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      g_hash_table_remove_all (t.failed);
      if (combos[i].rp1_lost)
        g_hash_table_add (t.failed, rp1);
      if (combos[i].rp2_lost)
        g_hash_table_add (t.failed, rp2);
      ASSERT_RESTARTS (&t, 1, 0, combos[i].v1);
      ASSERT_RESTARTS (&t, 2, 0, combos[i].v2);
      ASSERT_RESTARTS (&t, 3, 0, combos[i].v3);
    }
  topo_clear (&t);
}
END_TEST

START_TEST (test_region_multiple_vertices_regions)
{
  /* testRegionFailoverForMultipleVerticesRegions:
   * v1 -> v2 =|=> v3 -> v4 =|=> v5 -> v6 (=|=> BLOCKING) */
  static const FsimExecutionState s[] = {
    FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_FINISHED, FSIM_EXECUTION_RUNNING,
    FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_FAILED, FSIM_EXECUTION_CANCELED,
  };
  Topo t;
  topo_init (&t, s, 6);
  topo_connect (&t, 1, 2, FALSE);
  topo_connect (&t, 2, 3, TRUE);
  topo_connect (&t, 3, 4, FALSE);
  topo_connect (&t, 4, 5, TRUE);
  topo_connect (&t, 5, 6, FALSE);
  topo_build (&t);
  ck_assert_uint_eq (fsim_execution_graph_get_regions (t.job->eg)->len, 3);
  ASSERT_RESTARTS (&t, 3, 0, "v3 v4 v5 v6");
  ASSERT_RESTARTS (&t, 3, 2, "v1 v2 v3 v4 v5 v6");
  topo_clear (&t);
}
END_TEST

START_TEST (test_region_does_not_restart_created)
{
  /* testRegionFailoverDoesNotRestartCreatedExecutions: v1 =|=> v2, CREATED */
  static const FsimExecutionState s[] = { FSIM_EXECUTION_CREATED, FSIM_EXECUTION_CREATED };
  Topo t;
  topo_init (&t, s, 2);
  topo_connect (&t, 1, 2, TRUE);
  topo_build (&t);
  ASSERT_RESTARTS (&t, 2, 0, "");
  ASSERT_RESTARTS (&t, 2, 1, "");
  topo_clear (&t);
}
END_TEST

/* The pipelined case of the spec (7.1): in a streaming job every edge is
 * pipelined, so one all-to-all edge puts everything in one region; a
 * pipelined partition is never available, but its producer is in the
 * region already. */
START_TEST (test_region_streaming_one_region)
{
  static const FsimExecutionState s[] = {
    FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_RUNNING,
  };
  Topo t;
  topo_init (&t, s, 3);
  topo_connect (&t, 1, 2, FALSE);
  topo_connect (&t, 2, 3, FALSE);
  topo_build (&t);
  ASSERT_RESTARTS (&t, 3, 0, "v1 v2 v3");
  topo_clear (&t);
}
END_TEST

START_TEST (test_restart_all)
{
  /* RestartAllFailoverStrategyTest.testGetTasksNeedingRestart: every
   * vertex, CREATED ones included */
  static const FsimExecutionState s[] = {
    FSIM_EXECUTION_CREATED, FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_RUNNING,
  };
  Topo t;
  topo_init (&t, s, 3);
  topo_connect (&t, 1, 2, TRUE);
  topo_connect (&t, 2, 3, TRUE);
  topo_build (&t);
  for (int f = 1; f <= 3; f++)
    {
      g_autofree char *got = restarts (&t, FSIM_FAILOVER_FULL, f, 0);
      ck_assert_str_eq (got, "v1 v2 v3");
    }
  topo_clear (&t);
}
END_TEST

void
scheduler_failover_tcases (Suite *s)
{
  TCase *tc = tcase_create ("RestartPipelinedRegionFailoverStrategy");
  tcase_add_test (tc, test_region_internal_errors);
  tcase_add_test (tc, test_region_data_consumption_errors);
  tcase_add_test (tc, test_region_partition_availability_combinations);
  tcase_add_test (tc, test_region_multiple_vertices_regions);
  tcase_add_test (tc, test_region_does_not_restart_created);
  tcase_add_test (tc, test_region_streaming_one_region);
  suite_add_tcase (s, tc);
  tc = tcase_create ("RestartAllFailoverStrategy");
  tcase_add_test (tc, test_restart_all);
  suite_add_tcase (s, tc);
}
