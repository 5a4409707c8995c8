/* graphs-execution.c - ExecutionGraph, pipelined regions, slot sharing and
 * key groups (linked into check_graphs).
 *
 * Every expected value comes from Flink's rules or is pinned by the Flink
 * test named above the case; inputs are built by hand as StreamGraphs and
 * turned into JobGraphs by the generator, as a job file would be. */
#include "config.h"

#include <stdlib.h>

#include "graphs/execution-graph-private.h"
#include "tests/testlib.h"

void graphs_execution_tcases (Suite *suite);

/* ---- building jobs by hand --------------------------------------------- */

typedef struct {
  FsimStreamGraph *sg;
  FsimJobGraph *jg;
  FsimExecutionGraph *eg;
  int next_id;
} Job;

static Job *
job_new (void)
{
  Job *j = g_new0 (Job, 1);
  j->sg = fsim_stream_graph_new ("Flink Streaming Job");
  j->next_id = 1;
  return j;
}

static void
job_free (Job *j)
{
  fsim_execution_graph_free (j->eg);
  fsim_job_graph_free (j->jg);
  fsim_stream_graph_free (j->sg);
  g_free (j);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static FsimStreamNode *
source (Job *j, const char *name, int parallelism)
{
  g_autofree char *full = g_strconcat ("Source: ", name, NULL);
  FsimStreamNode *n = fsim_stream_graph_add_node (j->sg, j->next_id++, full,
                                                  FSIM_OPERATOR_SOURCE);
  n->is_source = TRUE;
  n->parallelism = parallelism;
  return n;
}

static FsimStreamNode *
op (Job *j, const char *name, int parallelism)
{
  FsimStreamNode *n = fsim_stream_graph_add_node (j->sg, j->next_id++, name,
                                                  FSIM_OPERATOR_ONE_INPUT);
  n->parallelism = parallelism;
  return n;
}

static void
connect (Job *j, FsimStreamNode *from, FsimStreamNode *to, FsimPartitioner p)
{
  fsim_stream_graph_add_edge (j->sg, from, to, 0, p, FSIM_EXCHANGE_UNDEFINED);
}

/* A BATCH exchange: a BLOCKING result partition. */
static void
connect_blocking (Job *j, FsimStreamNode *from, FsimStreamNode *to, FsimPartitioner p)
{
  fsim_stream_graph_add_edge (j->sg, from, to, 0, p, FSIM_EXCHANGE_BATCH);
}

static FsimExecutionGraph *
build (Job *j)
{
  g_autoptr (GError) error = NULL;
  j->jg = fsim_job_graph_new (j->sg, NULL, &error);
  ck_assert_msg (j->jg != NULL, "JobGraph: %s", error ? error->message : "?");
  j->eg = fsim_execution_graph_new (j->jg, &error);
  ck_assert_msg (j->eg != NULL, "ExecutionGraph: %s", error ? error->message : "?");
  return j->eg;
}

/* The ExecutionJobVertex whose chain starts at node. */
static FsimExecutionJobVertex *
ejv_of (Job *j, const FsimStreamNode *node)
{
  FsimJobVertex *jv = fsim_job_graph_get_vertex_for_node (j->jg, node->id);
  ck_assert_ptr_nonnull (jv);
  return fsim_execution_graph_get_job_vertex (j->eg, jv);
}

static FsimExecutionVertex *
ev (Job *j, const FsimStreamNode *node, int subtask)
{
  FsimExecutionJobVertex *ejv = ejv_of (j, node);
  ck_assert_int_lt (subtask, ejv->parallelism);
  return &ejv->subtasks[subtask];
}

/* Source(S) -rescale-> Map(T): one POINTWISE edge, never chained. */
static FsimExecutionJobVertex *
pointwise (Job *j, int s, int t)
{
  FsimStreamNode *a = source (j, "vertex1", s);
  FsimStreamNode *b = op (j, "vertex2", t);
  connect (j, a, b, FSIM_PARTITIONER_RESCALE);
  build (j);
  return ejv_of (j, b);
}

/* ---- KeyGroupRangeAssignment ------------------------------------------- */

/* MathUtils.murmurHash, values derived by hand (an independent 32-bit
 * implementation of the same steps): the raw hash of 0 is 593689054; of 1
 * it is -68075478 and of 42 -1134849565, which are negated; -2089875627
 * hashes to exactly Integer.MIN_VALUE, which Flink maps to 0. */
START_TEST (test_murmur_hash)
{
  ck_assert_int_eq (fsim_murmur_hash (0), 593689054);
  ck_assert_int_eq (fsim_murmur_hash (1), 68075478);
  ck_assert_int_eq (fsim_murmur_hash (42), 1134849565);
  ck_assert_int_eq (fsim_murmur_hash (-1), 1982413648);
  ck_assert_int_eq (fsim_murmur_hash (G_MAXINT32), 1653689534);
  ck_assert_int_eq (fsim_murmur_hash (G_MININT32), 1718298732);
  ck_assert_int_eq (fsim_murmur_hash (-2089875627), 0);
}
END_TEST

/* String.hashCode = s[0]*31^(n-1) + ... over UTF-16 units: "hello" is the
 * textbook 99162322; U+1F600 counts as the surrogates D83D DE00:
 * 55357*31 + 56832 = 1772899. Long.hashCode folds the halves. */
START_TEST (test_java_hash_codes)
{
  ck_assert_int_eq (fsim_java_string_hash_code (""), 0);
  ck_assert_int_eq (fsim_java_string_hash_code ("a"), 97);
  ck_assert_int_eq (fsim_java_string_hash_code ("hello"), 99162322);
  ck_assert_int_eq (fsim_java_string_hash_code ("\xc3\xa9"), 233);
  ck_assert_int_eq (fsim_java_string_hash_code ("\xf0\x9f\x98\x80"), 1772899);
  ck_assert_int_eq (fsim_java_long_hash_code (7), 7);
  ck_assert_int_eq (fsim_java_long_hash_code (G_GINT64_CONSTANT (1) << 32), 1);
  ck_assert_int_eq (fsim_java_long_hash_code (-1), 0);
}
END_TEST

/* Pinned by CEPRescalingTest (maxParallelism 10, Integer keys): 7 -> key
 * group 1, 45 -> 6, 90 -> 2, 10 -> 9; operator indices at p=3 and p=2. */
START_TEST (test_key_groups_cep_rescaling)
{
  const struct { int key, group, at3, at2; } cases[] = {
    { 7, 1, 0, 0 }, { 45, 6, 1, 1 }, { 90, 2, 0, 0 }, { 10, 9, 2, 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int kg = fsim_key_group_for_hash (cases[i].key, 10);
      ck_assert_int_eq (kg, cases[i].group);
      ck_assert_int_eq (fsim_key_group_operator_index (10, 3, kg), cases[i].at3);
      ck_assert_int_eq (fsim_key_group_operator_index (10, 2, kg), cases[i].at2);
      ck_assert_int_eq (fsim_key_group_assign_to_subtask (cases[i].key, 10, 3), cases[i].at3);
    }
}
END_TEST

/* Pinned by ForStIncrementalCheckpointRescalingTest (maxParallelism 10,
 * String keys): "8","5","25","13","4","7","1","6","9","3" fall into key
 * groups 0..9 in that order. */
START_TEST (test_key_groups_string_keys)
{
  const char *keys[] = { "8", "5", "25", "13", "4", "7", "1", "6", "9", "3" };
  for (int i = 0; i < 10; i++)
    ck_assert_int_eq (fsim_key_group_for_hash (fsim_java_string_hash_code (keys[i]), 10), i);
}
END_TEST

/* computeKeyGroupRangeForOperatorIndex (KeyGroupRangeAssignment): maxP=128, p=3 ->
 * [0,42], [43,85], [86,127]; and for any (maxP, p) the ranges tile
 * [0, maxP) in order and computeOperatorIndexForKeyGroup maps every key
 * group back to the subtask owning it. */
START_TEST (test_key_group_ranges)
{
  FsimIndexRange r0 = fsim_key_group_range_for_subtask (128, 3, 0);
  FsimIndexRange r1 = fsim_key_group_range_for_subtask (128, 3, 1);
  FsimIndexRange r2 = fsim_key_group_range_for_subtask (128, 3, 2);
  ck_assert_int_eq (r0.start, 0);
  ck_assert_int_eq (r0.end, 42);
  ck_assert_int_eq (r1.start, 43);
  ck_assert_int_eq (r1.end, 85);
  ck_assert_int_eq (r2.start, 86);
  ck_assert_int_eq (r2.end, 127);
  const int shapes[][2] = { { 128, 1 }, { 128, 4 }, { 128, 7 }, { 10, 3 }, { 256, 171 },
                            { 32768, 32768 }, { 32768, 3 }, { 7, 7 } };
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      int maxp = shapes[s][0], p = shapes[s][1], next = 0;
      for (int i = 0; i < p; i++)
        {
          FsimIndexRange r = fsim_key_group_range_for_subtask (maxp, p, i);
          ck_assert_int_eq (r.start, next);
          ck_assert_int_ge (r.end, r.start);
          for (int kg = r.start; kg <= r.end; kg++)
            ck_assert_int_eq (fsim_key_group_operator_index (maxp, p, kg), i);
          next = r.end + 1;
        }
      ck_assert_int_eq (next, maxp);
    }
}
END_TEST

/* ---- PointwisePatternTest ---------------------------------------------- */

static const struct {
  int s, t;
  const char *expected;         /* consumed partitions per consumer */
} sequences[] = {
  /* upstream parallelism < downstream parallelism */
  { 3, 5, "0|0|1|1|2" },
  { 3, 10, "0|0|0|0|1|1|1|2|2|2" },
  { 4, 6, "0|0|1|2|2|3" },
  { 6, 10, "0|0|1|1|2|3|3|4|4|5" },
  /* upstream parallelism > downstream parallelism */
  { 5, 3, "0|1,2|3,4" },
  { 10, 3, "0,1,2|3,4,5|6,7,8,9" },
  { 6, 4, "0|1,2|3|4,5" },
  { 10, 6, "0|1,2|3,4|5|6,7|8,9" },
};

static char *
range_text (FsimIndexRange r)
{
  GString *s = g_string_new (NULL);
  for (int p = r.start; p <= r.end; p++)
    g_string_append_printf (s, "%s%d", p > r.start ? "," : "", p);
  return g_string_free (s, FALSE);
}

/* PointwisePatternTest.testPointwiseConnectionSequence, on the arithmetic
 * alone. */
START_TEST (test_pointwise_sequence_arithmetic)
{
  for (guint c = 0; c < G_N_ELEMENTS (sequences); c++)
    {
      GString *got = g_string_new (NULL);
      for (int i = 0; i < sequences[c].t; i++)
        {
          g_autofree char *r = range_text (fsim_pointwise_partitions_of_consumer (
                                             sequences[c].s, sequences[c].t, i));
          g_string_append_printf (got, "%s%s", i ? "|" : "", r);
        }
      ck_assert_msg (g_str_equal (got->str, sequences[c].expected), "%d->%d: %s, want %s",
                     sequences[c].s, sequences[c].t, got->str, sequences[c].expected);
      g_string_free (got, TRUE);
    }
}
END_TEST

/* The same sequences read from the ConsumedPartitionGroups of a built
 * ExecutionGraph (what the Flink test checks). */
START_TEST (test_pointwise_sequence_graph)
{
  for (guint c = 0; c < G_N_ELEMENTS (sequences); c++)
    {
      g_autoptr (Job) j = job_new ();
      FsimExecutionJobVertex *target = pointwise (j, sequences[c].s, sequences[c].t);
      GString *got = g_string_new (NULL);
      for (int i = 0; i < target->parallelism; i++)
        {
          ck_assert_int_eq (target->inputs->len, 1);
          g_autofree char *r = range_text (target->subtasks[i].consumed[0]->partitions);
          g_string_append_printf (got, "%s%s", i ? "|" : "", r);
        }
      ck_assert_str_eq (got->str, sequences[c].expected);
      g_string_free (got, TRUE);
    }
}
END_TEST

/* testNToN, test2NToN, test3NToN, testNTo2N, testNTo7N. */
START_TEST (test_pointwise_multiples)
{
  const struct { int s, t; } shapes[] = { { 23, 23 }, { 34, 17 }, { 51, 17 }, { 41, 82 },
                                          { 11, 77 } };
  for (guint c = 0; c < G_N_ELEMENTS (shapes); c++)
    {
      g_autoptr (Job) j = job_new ();
      FsimExecutionJobVertex *target = pointwise (j, shapes[c].s, shapes[c].t);
      for (int i = 0; i < target->parallelism; i++)
        {
          FsimIndexRange r = target->subtasks[i].consumed[0]->partitions;
          if (shapes[c].s >= shapes[c].t)
            {
              int factor = shapes[c].s / shapes[c].t;
              ck_assert_int_eq (r.end - r.start + 1, factor);
              ck_assert_int_eq (r.start, i * factor);
            }
          else
            {
              ck_assert_int_eq (r.start, r.end);
              ck_assert_int_eq (r.start, i / (shapes[c].t / shapes[c].s));
            }
        }
    }
}
END_TEST

/* testLowHighIrregular / testHighLowIrregular: every partition is used
 * factor or factor+1 times (low->high), every consumer reads factor or
 * factor+1 partitions and every partition is read once (high->low). */
START_TEST (test_pointwise_irregular)
{
  const int low_high[][2] = { { 3, 16 }, { 19, 21 }, { 15, 20 }, { 11, 31 }, { 11, 29 } };
  for (guint c = 0; c < G_N_ELEMENTS (low_high); c++)
    {
      int lo = low_high[c][0], hi = low_high[c][1];
      int factor = hi / lo, delta = hi % lo == 0 ? 0 : 1;
      g_autoptr (Job) j = job_new ();
      FsimExecutionJobVertex *target = pointwise (j, lo, hi);
      g_autofree int *used = g_new0 (int, lo);
      for (int i = 0; i < hi; i++)
        {
          FsimIndexRange r = target->subtasks[i].consumed[0]->partitions;
          ck_assert_int_eq (r.start, r.end);
          used[r.start]++;
        }
      for (int p = 0; p < lo; p++)
        ck_assert (used[p] >= factor && used[p] <= factor + delta);
    }
  const int high_low[][2] = { { 16, 3 }, { 21, 19 }, { 20, 15 }, { 31, 11 } };
  for (guint c = 0; c < G_N_ELEMENTS (high_low); c++)
    {
      int hi = high_low[c][0], lo = high_low[c][1];
      int factor = hi / lo, delta = hi % lo == 0 ? 0 : 1;
      g_autoptr (Job) j = job_new ();
      FsimExecutionJobVertex *target = pointwise (j, hi, lo);
      g_autofree int *used = g_new0 (int, hi);
      for (int i = 0; i < lo; i++)
        {
          FsimIndexRange r = target->subtasks[i].consumed[0]->partitions;
          int n = r.end - r.start + 1;
          ck_assert (n >= factor && n <= factor + delta);
          for (int p = r.start; p <= r.end; p++)
            used[p]++;
        }
      for (int p = 0; p < hi; p++)
        ck_assert_int_eq (used[p], 1);
    }
}
END_TEST

/* VertexInputInfoComputationUtils: consumer i reads subpartition i mod numConsumers (its
 * global index): S=2, T=5 -> partition 0 feeds consumers 0,1,2 reading
 * subpartitions 0,1,2; partition 1 feeds 3,4 reading 1,0. */
START_TEST (test_subpartition_index)
{
  g_autoptr (Job) j = job_new ();
  FsimExecutionJobVertex *target = pointwise (j, 2, 5);
  const int partition[] = { 0, 0, 0, 1, 1 }, sub[] = { 0, 1, 2, 1, 0 }, n[] = { 3, 3, 3, 2, 2 };
  for (int i = 0; i < 5; i++)
    {
      FsimConsumedPartitionGroup *cpg = target->subtasks[i].consumed[0];
      ck_assert_int_eq (cpg->partitions.start, partition[i]);
      FsimConsumerVertexGroup *cvg = cpg->consumer_group;
      ck_assert_int_eq (cvg->subtasks.end - cvg->subtasks.start + 1, n[i]);
      ck_assert_int_eq (fsim_subpartition_index (i, n[i]), sub[i]);
      FsimResultPartition *rp = &cpg->result->partitions[partition[i]];
      ck_assert_int_eq (fsim_result_partition_get_n_subpartitions (rp), n[i]);
    }
  /* consumers of one partition share its one ConsumedPartitionGroup */
  ck_assert_ptr_eq (target->subtasks[0].consumed[0], target->subtasks[2].consumed[0]);
  ck_assert_ptr_ne (target->subtasks[2].consumed[0], target->subtasks[3].consumed[0]);
  ck_assert_int_eq (fsim_execution_graph_get_consumed_partition_groups (j->eg)->len, 2);
}
END_TEST

/* ---- EdgeManager ------------------------------------------------------- */

/* EdgeManagerBuildUtilTest.testConnectAllToAll: every consumer shares one
 * ConsumedPartitionGroup of all partitions, every partition the same
 * ConsumerVertexGroup of all consumers, and the two point at each other. */
START_TEST (test_connect_all_to_all)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "producer", 3);
  FsimStreamNode *b = op (j, "consumer", 2);
  connect (j, a, b, FSIM_PARTITIONER_REBALANCE);
  build (j);
  FsimExecutionJobVertex *consumer = ejv_of (j, b);
  FsimExecutionJobVertex *producer = ejv_of (j, a);
  FsimConsumedPartitionGroup *cpg = consumer->subtasks[0].consumed[0];
  ck_assert_ptr_eq (consumer->subtasks[1].consumed[0], cpg);
  ck_assert_int_eq (cpg->partitions.start, 0);
  ck_assert_int_eq (cpg->partitions.end, 2);
  FsimIntermediateResult *r = g_ptr_array_index (producer->produced, 0);
  FsimConsumerVertexGroup *cvg = r->partitions[0].consumer_groups[0];
  ck_assert_ptr_eq (r->partitions[1].consumer_groups[0], cvg);
  ck_assert_ptr_eq (r->partitions[2].consumer_groups[0], cvg);
  ck_assert_int_eq (cvg->subtasks.start, 0);
  ck_assert_int_eq (cvg->subtasks.end, 1);
  ck_assert_ptr_eq (cvg->consumed_group, cpg);
  ck_assert_ptr_eq (cpg->consumer_group, cvg);
  ck_assert_int_eq (fsim_execution_graph_get_consumed_partition_groups (j->eg)->len, 1);
  ck_assert_ptr_eq (fsim_result_partition_get_producer (&r->partitions[2]),
                    &producer->subtasks[2]);
}
END_TEST

/* EdgeManagerTest.testCalculateNumberOfConsumers: the consumers of every
 * consumed partition group, consumer by consumer. */
START_TEST (test_number_of_consumers)
{
  const struct { int s, t; FsimPartitioner p; int expected[5]; } cases[] = {
    { 5, 2, FSIM_PARTITIONER_REBALANCE, { 2, 2 } },
    { 5, 2, FSIM_PARTITIONER_RESCALE, { 1, 1 } },
    { 2, 5, FSIM_PARTITIONER_REBALANCE, { 5, 5, 5, 5, 5 } },
    { 2, 5, FSIM_PARTITIONER_RESCALE, { 3, 3, 3, 2, 2 } },
    { 5, 5, FSIM_PARTITIONER_REBALANCE, { 5, 5, 5, 5, 5 } },
    { 5, 5, FSIM_PARTITIONER_RESCALE, { 1, 1, 1, 1, 1 } },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (Job) j = job_new ();
      FsimStreamNode *a = source (j, "producer", cases[c].s);
      FsimStreamNode *b = op (j, "consumer", cases[c].t);
      connect (j, a, b, cases[c].p);
      build (j);
      FsimExecutionJobVertex *consumer = ejv_of (j, b);
      for (int i = 0; i < cases[c].t; i++)
        {
          FsimIndexRange r = consumer->subtasks[i].consumed[0]->consumer_group->subtasks;
          ck_assert_int_eq (r.end - r.start + 1, cases[c].expected[i]);
        }
    }
}
END_TEST

/* EdgeManagerBuildUtilTest.testGetMaxNumEdgesToTarget*: the formula equals
 * the largest number of partitions any consumer reads, and the largest
 * number of consumers any partition has (edges taken as undirected). */
START_TEST (test_max_edges_to_target)
{
  const int shapes[][2] = { { 17, 17 }, { 17, 23 }, { 17, 34 }, { 34, 17 }, { 23, 17 } };
  for (int pw = 0; pw < 2; pw++)
    for (guint c = 0; c < G_N_ELEMENTS (shapes); c++)
      {
        int up = shapes[c][0], down = shapes[c][1];
        g_autoptr (Job) j = job_new ();
        FsimStreamNode *a = source (j, "up", up);
        FsimStreamNode *b = op (j, "down", down);
        connect (j, a, b, pw ? FSIM_PARTITIONER_RESCALE : FSIM_PARTITIONER_REBALANCE);
        build (j);
        FsimDistributionPattern pattern = pw ? FSIM_DISTRIBUTION_POINTWISE
                                             : FSIM_DISTRIBUTION_ALL_TO_ALL;
        int max_in = 0, max_out = 0;
        FsimExecutionJobVertex *consumer = ejv_of (j, b);
        for (int i = 0; i < down; i++)
          {
            FsimIndexRange r = consumer->subtasks[i].consumed[0]->partitions;
            max_in = MAX (max_in, r.end - r.start + 1);
          }
        FsimIntermediateResult *res = g_ptr_array_index (ejv_of (j, a)->produced, 0);
        for (int p = 0; p < up; p++)
          max_out = MAX (max_out, fsim_result_partition_get_n_subpartitions (&res->partitions[p]));
        ck_assert_int_eq (fsim_max_edges_to_target (down, up, pattern), max_in);
        ck_assert_int_eq (fsim_max_edges_to_target (up, down, pattern), max_out);
      }
}
END_TEST

/* ---- ExecutionGraph construction --------------------------------------- */

/* ExecutionVertex.getTaskNameWithSubtaskIndex "Map (2/4)",
 * TaskInfo.getTaskNameWithSubtasks "Map (2/4)#0"; ExecutionVertexID
 * "<job vertex id>_<subtask>". Subtasks are listed job vertex by job vertex
 * in topological order. */
START_TEST (test_subtask_names)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "Socket Stream", 1);
  FsimStreamNode *b = op (j, "Flat Map", 4);
  connect (j, a, b, FSIM_PARTITIONER_REBALANCE);
  build (j);
  FsimExecutionVertex *v = ev (j, b, 1);
  ck_assert_str_eq (v->name, "Flat Map (2/4)");
  g_autofree char *attempt = fsim_execution_vertex_get_attempt_name (v, 0);
  ck_assert_str_eq (attempt, "Flat Map (2/4)#0");
  g_autofree char *id = fsim_execution_vertex_get_id (v);
  g_autofree char *want = g_strconcat (v->job_vertex->job_vertex->id, "_1", NULL);
  ck_assert_str_eq (id, want);
  ck_assert_str_eq (ev (j, a, 0)->name, "Source: Socket Stream (1/1)");
  GPtrArray *all = fsim_execution_graph_get_vertices (j->eg);
  ck_assert_int_eq (all->len, 5);
  ck_assert_ptr_eq (g_ptr_array_index (all, 0), ev (j, a, 0));
  ck_assert_ptr_eq (g_ptr_array_index (all, 2), v);
  ck_assert_int_eq (v->index, 2);
}
END_TEST

/* SchedulerBase.computeVertexParallelismStore: an unset max parallelism is
 * the default of KeyGroupRangeAssignment (p=4 -> 128, p=200 -> 512), a set
 * one is kept and marked configured. */
START_TEST (test_max_parallelism)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "A", 4);
  FsimStreamNode *b = op (j, "B", 200);
  FsimStreamNode *c = op (j, "C", 3);
  c->max_parallelism = 10;
  connect (j, a, b, FSIM_PARTITIONER_HASH);
  connect (j, b, c, FSIM_PARTITIONER_HASH);
  build (j);
  ck_assert_int_eq (ejv_of (j, a)->max_parallelism, 128);
  ck_assert (!ejv_of (j, a)->max_parallelism_configured);
  ck_assert_int_eq (ejv_of (j, b)->max_parallelism, 512);
  ck_assert_int_eq (ejv_of (j, c)->max_parallelism, 10);
  ck_assert (ejv_of (j, c)->max_parallelism_configured);
  /* key groups follow the vertex's own max parallelism; keyed = has a HASH input */
  ck_assert (!ejv_of (j, a)->keyed);
  ck_assert (ejv_of (j, c)->keyed);
  ck_assert_int_eq (ev (j, c, 0)->key_groups.start, 0);
  ck_assert_int_eq (ev (j, c, 0)->key_groups.end, 3);
  ck_assert_int_eq (ev (j, c, 1)->key_groups.start, 4);
  ck_assert_int_eq (ev (j, c, 1)->key_groups.end, 6);
  ck_assert_int_eq (ev (j, c, 2)->key_groups.start, 7);
  ck_assert_int_eq (ev (j, c, 2)->key_groups.end, 9);
}
END_TEST

/* ExecutionJobVertex constructor: "Vertex %s's parallelism (%s) is higher
 * than the max parallelism (%s). Please lower the parallelism or increase
 * the max parallelism." */
START_TEST (test_parallelism_above_max)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "A", 4);
  a->max_parallelism = 2;
  j->jg = fsim_job_graph_new (j->sg, NULL, NULL);
  ck_assert_ptr_nonnull (j->jg);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (fsim_execution_graph_new (j->jg, &error));
  ck_assert_int_eq (error->code, FSIM_GRAPHS_ERROR_INVALID);
  ck_assert_str_eq (error->message,
                    "Vertex Source: A's parallelism (4) is higher than the max parallelism (2). "
                    "Please lower the parallelism or increase the max parallelism.");
}
END_TEST

/* KeyGroupRangeAssignment.checkParallelismPreconditions, via the default
 * max parallelism: parallelism above 32768. */
START_TEST (test_parallelism_out_of_bounds)
{
  g_autoptr (Job) j = job_new ();
  source (j, "A", 40000);
  j->jg = fsim_job_graph_new (j->sg, NULL, NULL);
  ck_assert_ptr_nonnull (j->jg);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (fsim_execution_graph_new (j->jg, &error));
  ck_assert_str_eq (error->message, "Operator parallelism not within bounds: 40000");
}
END_TEST

/* ---- regions ----------------------------------------------------------- */

static int
region (Job *j, const FsimStreamNode *node, int subtask)
{
  return ev (j, node, subtask)->region;
}

static int
n_regions (Job *j)
{
  return (int) fsim_execution_graph_get_regions (j->eg)->len;
}

/* SchedulingPipelinedRegionComputeUtilTest.testIndividualVertices */
START_TEST (test_regions_individual_vertices)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *v = source (j, "v", 3);
  build (j);
  ck_assert_int_eq (n_regions (j), 3);
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (region (j, v, i), i);
}
END_TEST

/* testEmbarrassinglyParallelCase: a_i -> b_i pipelined -> 3 regions
 * {a_i, b_i}. */
START_TEST (test_regions_embarrassingly_parallel)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "a", 3);
  FsimStreamNode *b = op (j, "b", 3);
  connect (j, a, b, FSIM_PARTITIONER_RESCALE);
  build (j);
  ck_assert_int_eq (n_regions (j), 3);
  for (int i = 0; i < 3; i++)
    {
      ck_assert_int_eq (region (j, a, i), i);
      ck_assert_int_eq (region (j, b, i), i);
    }
}
END_TEST

/* testOneComponentViaTwoExchanges: two all-to-all pipelined exchanges ->
 * one region (DefaultExecutionTopology: intra-region ALL_TO_ALL). */
START_TEST (test_regions_two_exchanges)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "a", 2);
  FsimStreamNode *b = op (j, "b", 2);
  FsimStreamNode *c = op (j, "c", 2);
  connect (j, a, b, FSIM_PARTITIONER_REBALANCE);
  connect (j, b, c, FSIM_PARTITIONER_HASH);
  build (j);
  ck_assert_int_eq (n_regions (j), 1);
  ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (j->eg), 1);
  FsimPipelinedRegion *r = g_ptr_array_index (fsim_execution_graph_get_regions (j->eg), 0);
  ck_assert_int_eq (r->vertices->len, 6);
}
END_TEST

/* testOneComponentViaCascadeOfJoins and testMultipleComponentsViaCascadeOf
 * Joins: v1,v2 -> v5; v3,v4 -> v6; v5,v6 -> v7 (all parallelism 1).
 * Pipelined: one region; with v5->v7 and v6->v7 blocking: {1,2,5},
 * {3,4,6}, {7}. */
static void
cascade_of_joins (gboolean blocking)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *v[8];
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("v%d", i);
      v[i] = source (j, name, 1);
    }
  v[5] = op (j, "v5", 1);
  v[6] = op (j, "v6", 1);
  v[7] = op (j, "v7", 1);
  connect (j, v[1], v[5], FSIM_PARTITIONER_FORWARD);
  connect (j, v[2], v[5], FSIM_PARTITIONER_FORWARD);
  connect (j, v[3], v[6], FSIM_PARTITIONER_FORWARD);
  connect (j, v[4], v[6], FSIM_PARTITIONER_FORWARD);
  if (blocking)
    {
      connect_blocking (j, v[5], v[7], FSIM_PARTITIONER_FORWARD);
      connect_blocking (j, v[6], v[7], FSIM_PARTITIONER_FORWARD);
    }
  else
    {
      connect (j, v[5], v[7], FSIM_PARTITIONER_FORWARD);
      connect (j, v[6], v[7], FSIM_PARTITIONER_FORWARD);
    }
  build (j);
  /* in-degree 2 prevents every chain: seven job vertices */
  ck_assert_int_eq (fsim_execution_graph_get_job_vertices (j->eg)->len, 7);
  if (!blocking)
    {
      ck_assert_int_eq (n_regions (j), 1);
      return;
    }
  ck_assert_int_eq (n_regions (j), 3);
  ck_assert_int_eq (region (j, v[1], 0), region (j, v[2], 0));
  ck_assert_int_eq (region (j, v[1], 0), region (j, v[5], 0));
  ck_assert_int_eq (region (j, v[3], 0), region (j, v[4], 0));
  ck_assert_int_eq (region (j, v[3], 0), region (j, v[6], 0));
  ck_assert_int_ne (region (j, v[1], 0), region (j, v[3], 0));
  ck_assert_int_ne (region (j, v[7], 0), region (j, v[1], 0));
  ck_assert_int_ne (region (j, v[7], 0), region (j, v[3], 0));
}

START_TEST (test_regions_cascade_of_joins)
{
  cascade_of_joins (FALSE);
  cascade_of_joins (TRUE);
}
END_TEST

/* testOneComponentInstanceFromOneSource: a pointwise tree v1 -> v2,v3 ->
 * v4..v7 is one region. */
START_TEST (test_regions_one_source_tree)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *v1 = source (j, "v1", 1);
  FsimStreamNode *v2 = op (j, "v2", 1), *v3 = op (j, "v3", 1);
  connect (j, v1, v2, FSIM_PARTITIONER_RESCALE);
  connect (j, v1, v3, FSIM_PARTITIONER_RESCALE);
  for (int i = 4; i <= 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("v%d", i);
      connect (j, i <= 5 ? v2 : v3, op (j, name, 1), FSIM_PARTITIONER_RESCALE);
    }
  build (j);
  ck_assert_int_eq (fsim_execution_graph_get_job_vertices (j->eg)->len, 7);
  ck_assert_int_eq (n_regions (j), 1);
}
END_TEST

/* testTwoComponentsViaBlockingExchange(2): a -all-to-all pipelined-> b
 * -blocking (pointwise, resp. all-to-all)-> c: {a1,a2,b1,b2}, {c1}, {c2}. */
START_TEST (test_regions_blocking_exchange)
{
  for (int all = 0; all < 2; all++)
    {
      g_autoptr (Job) j = job_new ();
      FsimStreamNode *a = source (j, "a", 2);
      FsimStreamNode *b = op (j, "b", 2);
      FsimStreamNode *c = op (j, "c", 2);
      connect (j, a, b, FSIM_PARTITIONER_REBALANCE);
      connect_blocking (j, b, c, all ? FSIM_PARTITIONER_REBALANCE : FSIM_PARTITIONER_RESCALE);
      build (j);
      ck_assert_int_eq (n_regions (j), 3);
      ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (j->eg), 2);
      for (int i = 0; i < 2; i++)
        {
          ck_assert_int_eq (region (j, a, i), 0);
          ck_assert_int_eq (region (j, b, i), 0);
        }
      ck_assert_int_eq (region (j, c, 0), 1);
      ck_assert_int_eq (region (j, c, 1), 2);
    }
}
END_TEST

/* testDiamondWithMixedPipelinedAndBlockingExchanges: v1 -blocking-> v2,
 * v1 -> v3, v2 -> v4, v3 -> v4: one region (v2 joins through v4). Also
 * LogicalPipelinedRegionComputeUtilTest.testDiamondWithMixedPipelinedAnd
 * BlockingEdges: one logical region of 4. */
START_TEST (test_regions_diamond)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *v1 = source (j, "v1", 1);
  FsimStreamNode *v2 = op (j, "v2", 1), *v3 = op (j, "v3", 1), *v4 = op (j, "v4", 1);
  connect_blocking (j, v1, v2, FSIM_PARTITIONER_RESCALE);
  connect (j, v1, v3, FSIM_PARTITIONER_RESCALE);
  connect (j, v2, v4, FSIM_PARTITIONER_RESCALE);
  connect (j, v3, v4, FSIM_PARTITIONER_RESCALE);
  build (j);
  ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (j->eg), 1);
  ck_assert_int_eq (n_regions (j), 1);
}
END_TEST

/* LogicalPipelinedRegionComputeUtilTest.testVariousResultPartitionTypes
 * BetweenVertices: v1 -all-to-all-> v2 -pointwise-> v3 with (blocking,
 * pipelined) -> regions of 1 and 2; (blocking, blocking) -> 1,1,1;
 * (pipelined, pipelined) -> 3. */
START_TEST (test_logical_regions_sequence)
{
  const struct { gboolean b1, b2; int n; } cases[] = {
    { TRUE, FALSE, 2 }, { TRUE, TRUE, 3 }, { FALSE, FALSE, 1 },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (Job) j = job_new ();
      FsimStreamNode *v1 = source (j, "v1", 2);
      FsimStreamNode *v2 = op (j, "v2", 2), *v3 = op (j, "v3", 2);
      (cases[c].b1 ? connect_blocking : connect) (j, v1, v2, FSIM_PARTITIONER_REBALANCE);
      (cases[c].b2 ? connect_blocking : connect) (j, v2, v3, FSIM_PARTITIONER_RESCALE);
      build (j);
      ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (j->eg), cases[c].n);
      ck_assert_int_eq (ejv_of (j, v2)->logical_region == ejv_of (j, v3)->logical_region,
                        !cases[c].b2);
    }
}
END_TEST

/* LogicalPipelinedRegionComputeUtilTest.testTwoInputsMergesIntoOne (v1 -pw
 * pipelined-> v3, v2 -pw blocking-> v3, v3 -all-to-all-> v4: {1,3,4}, {2})
 * and testOneInputSplitsIntoTwo (v1 -a2a-> v2 -pw-> v3, v2 -pw blocking->
 * v4: {1,2,3}, {4}). */
START_TEST (test_logical_regions_join_and_split)
{
  {
    g_autoptr (Job) j = job_new ();
    FsimStreamNode *v1 = source (j, "v1", 2), *v2 = source (j, "v2", 2);
    FsimStreamNode *v3 = op (j, "v3", 2), *v4 = op (j, "v4", 2);
    connect (j, v1, v3, FSIM_PARTITIONER_RESCALE);
    connect_blocking (j, v2, v3, FSIM_PARTITIONER_RESCALE);
    connect (j, v3, v4, FSIM_PARTITIONER_REBALANCE);
    build (j);
    ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (j->eg), 2);
    int lr = ejv_of (j, v1)->logical_region;
    ck_assert_int_eq (ejv_of (j, v3)->logical_region, lr);
    ck_assert_int_eq (ejv_of (j, v4)->logical_region, lr);
    ck_assert_int_ne (ejv_of (j, v2)->logical_region, lr);
    /* v3 -> v4 is all-to-all inside: one scheduling region; v2 splits */
    ck_assert_int_eq (n_regions (j), 3);
  }
  {
    g_autoptr (Job) j = job_new ();
    FsimStreamNode *v1 = source (j, "v1", 2);
    FsimStreamNode *v2 = op (j, "v2", 2), *v3 = op (j, "v3", 2), *v4 = op (j, "v4", 2);
    connect (j, v1, v2, FSIM_PARTITIONER_REBALANCE);
    connect (j, v2, v3, FSIM_PARTITIONER_RESCALE);
    connect_blocking (j, v2, v4, FSIM_PARTITIONER_RESCALE);
    build (j);
    ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (j->eg), 2);
    ck_assert_int_eq (ejv_of (j, v3)->logical_region, ejv_of (j, v1)->logical_region);
    ck_assert_int_ne (ejv_of (j, v4)->logical_region, ejv_of (j, v1)->logical_region);
  }
}
END_TEST

/* SchedulingPipelinedRegionComputeUtil [DERIVED]: Source(p2) -rescale->
 * Map(p4) gives two regions
 * {S0,M0,M1}, {S1,M2,M3}; a whole chain with p=4 gives four. */
START_TEST (test_regions_rescale_islands)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *s = source (j, "S", 2);
  FsimStreamNode *m = op (j, "M", 4);
  connect (j, s, m, FSIM_PARTITIONER_RESCALE);
  build (j);
  ck_assert_int_eq (n_regions (j), 2);
  const int want[] = { 0, 0, 1, 1 };
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (region (j, m, i), want[i]);
  ck_assert_int_eq (region (j, s, 1), 1);

  g_autoptr (Job) k = job_new ();
  FsimStreamNode *a = source (k, "A", 4);
  connect (k, a, op (k, "Map", 4), FSIM_PARTITIONER_FORWARD);
  build (k);
  ck_assert_int_eq (fsim_execution_graph_get_job_vertices (k->eg)->len, 1);
  ck_assert_int_eq (n_regions (k), 4);
}
END_TEST

/* DefaultExecutionTopologyTest.testErrorIfCoLocatedTasksAreNotInSameRegion:
 * two unconnected vertices of parallelism 3, co-located. */
START_TEST (test_regions_co_location_error)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "A", 3), *b = source (j, "B", 3);
  a->co_location_key = g_strdup ("k");
  b->co_location_key = g_strdup ("k");
  j->jg = fsim_job_graph_new (j->sg, NULL, NULL);
  ck_assert_ptr_nonnull (j->jg);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (fsim_execution_graph_new (j->jg, &error));
  ck_assert (g_str_has_prefix (error->message,
                               "co-located tasks must be in the same pipelined region"));
}
END_TEST

/* StronglyConnectedComponentsComputeUtilsTest: the SCCs as sets. */
static void
check_scc (int n, const char *adjacency, const char *expected)
{
  /* adjacency: "2,3|0|1|4|" ; expected: components as "0,1,2|3|4" sorted */
  g_auto (GStrv) lists = g_strsplit (adjacency, "|", -1);
  g_autofree int *start = g_new0 (int, n + 1);
  g_autoptr (GArray) targets = g_array_new (FALSE, FALSE, sizeof (int));
  for (int v = 0; v < n; v++)
    {
      g_auto (GStrv) ts = g_strsplit (lists[v], ",", -1);
      for (char **t = ts; *t && **t; t++)
        {
          int w = atoi (*t);
          g_array_append_val (targets, w);
        }
      start[v + 1] = (int) targets->len;
    }
  g_autofree int *comp = fsim_strongly_connected_components (n, start,
                                                             (int *) targets->data);
  /* render components ordered by their smallest member */
  GString *got = g_string_new (NULL);
  g_autofree gboolean *done = g_new0 (gboolean, n);
  for (int v = 0; v < n; v++)
    {
      if (done[v])
        continue;
      g_string_append_printf (got, "%s%d", got->len ? "|" : "", v);
      done[v] = TRUE;
      for (int w = v + 1; w < n; w++)
        if (comp[w] == comp[v])
          {
            g_string_append_printf (got, ",%d", w);
            done[w] = TRUE;
          }
    }
  ck_assert_str_eq (got->str, expected);
  g_string_free (got, TRUE);
}

START_TEST (test_strongly_connected_components)
{
  check_scc (5, "2,3|0|1|4|", "0,1,2|3|4");
  check_scc (8, "1|2|0|1,2,4|3,5|2,6|5|4,6,7", "0,1,2|3,4|5,6|7");
  check_scc (8, "1|2,4,5|3,6|2,7|0,5|6|5|3,6", "0,1,4|2,3,7|5,6");
  check_scc (5, "||||", "0|1|2|3|4");
  check_scc (5, "1|2|3|4|", "0|1|2|3|4");
  /* testLargeGraph: a ring of 100,000 is one component (no recursion) */
  int n = 100000;
  g_autofree int *start = g_new (int, n + 1);
  g_autofree int *targets = g_new (int, n);
  for (int v = 0; v <= n; v++)
    start[v] = v;
  for (int v = 0; v < n; v++)
    targets[v] = (v + 1) % n;
  g_autofree int *comp = fsim_strongly_connected_components (n, start, targets);
  for (int v = 1; v < n; v++)
    ck_assert_int_eq (comp[v], comp[0]);
}
END_TEST

/* ---- slot sharing (LocalInputPreferredSlotSharingStrategyTest) --------- */

static int
slot (Job *j, const FsimStreamNode *node, int subtask)
{
  return ev (j, node, subtask)->slot_sharing_group;
}

static int
n_slots (Job *j)
{
  return fsim_execution_graph_get_slots_needed (j->eg);
}

/* testInputLocalityIsRespectedWithRescaleEdge: ev11 -> ev21, ev22;
 * ev12 -> ev23 (pointwise 2 -> 3): 3 groups, {ev11, ev21}, {ev22},
 * {ev12, ev23}. */
START_TEST (test_slots_rescale_edge)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "jv1", 2);
  FsimStreamNode *b = op (j, "jv2", 3);
  connect (j, a, b, FSIM_PARTITIONER_RESCALE);
  build (j);
  /* 2 -> 3 pointwise: partition 0 -> consumers 0,1; partition 1 -> 2 */
  ck_assert_int_eq (n_slots (j), 3);
  ck_assert_int_eq (slot (j, b, 0), slot (j, a, 0));
  ck_assert_int_eq (slot (j, b, 2), slot (j, a, 1));
  ck_assert_int_ne (slot (j, b, 1), slot (j, a, 0));
  ck_assert_int_ne (slot (j, b, 1), slot (j, a, 1));
}
END_TEST

/* testInputLocalityIsRespectedWithAllToAllEdge: 2 -all-to-all-> 2: two
 * groups {ev11, ev21}, {ev12, ev22}. */
START_TEST (test_slots_all_to_all_edge)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "jv1", 2);
  FsimStreamNode *b = op (j, "jv2", 2);
  connect_blocking (j, a, b, FSIM_PARTITIONER_REBALANCE);
  build (j);
  ck_assert_int_eq (n_slots (j), 2);
  ck_assert_int_eq (slot (j, b, 0), slot (j, a, 0));
  ck_assert_int_eq (slot (j, b, 1), slot (j, a, 1));
}
END_TEST

/* LocalInputPreferredSlotSharingStrategy [DERIVED]: pointwise 4 -> 2: B0
 * with A0, B1 with A2
 * (A1, A3 alone); pointwise 2 -> 4: B0 with A0, B2 with A1, B1 and B3 in
 * new groups. Groups are numbered in creation order. */
START_TEST (test_slots_pointwise_4_2_and_2_4)
{
  {
    g_autoptr (Job) j = job_new ();
    FsimStreamNode *a = source (j, "A", 4);
    FsimStreamNode *b = op (j, "B", 2);
    connect (j, a, b, FSIM_PARTITIONER_RESCALE);
    build (j);
    ck_assert_int_eq (n_slots (j), 4);
    for (int i = 0; i < 4; i++)
      ck_assert_int_eq (slot (j, a, i), i);
    ck_assert_int_eq (slot (j, b, 0), 0);
    ck_assert_int_eq (slot (j, b, 1), 2);
  }
  {
    g_autoptr (Job) j = job_new ();
    FsimStreamNode *a = source (j, "A", 2);
    FsimStreamNode *b = op (j, "B", 4);
    connect (j, a, b, FSIM_PARTITIONER_RESCALE);
    build (j);
    ck_assert_int_eq (n_slots (j), 4);
    ck_assert_int_eq (slot (j, b, 0), 0);
    ck_assert_int_eq (slot (j, b, 2), 1);
    ck_assert_int_eq (slot (j, b, 1), 2);
    ck_assert_int_eq (slot (j, b, 3), 3);
  }
}
END_TEST

/* testDisjointVerticesInOneGroup: two unconnected vertices of parallelism 2
 * in one SlotSharingGroup: {ev11, ev21}, {ev12, ev22}. */
START_TEST (test_slots_disjoint_vertices)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "jv1", 2);
  FsimStreamNode *b = source (j, "jv2", 2);
  build (j);
  ck_assert_int_eq (n_slots (j), 2);
  ck_assert_int_eq (slot (j, b, 0), slot (j, a, 0));
  ck_assert_int_eq (slot (j, b, 1), slot (j, a, 1));
}
END_TEST

/* testVerticesInDifferentSlotSharingGroups: 4 groups of one subtask each;
 * and AbstractSlotSharingStrategyTest.testSetSlotSharingGroupResource's
 * shape (p2 in one SSG, p1 in another): 3 groups, Σ max parallelism. */
START_TEST (test_slots_different_slot_sharing_groups)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "jv1", 2);
  FsimStreamNode *b = op (j, "jv2", 2);
  g_free (b->slot_sharing_group);
  b->slot_sharing_group = g_strdup ("other");
  connect (j, a, b, FSIM_PARTITIONER_REBALANCE);
  build (j);
  ck_assert_int_eq (n_slots (j), 4);
  for (int i = 0; i < 2; i++)
    for (int k = 0; k < 2; k++)
      ck_assert_int_ne (slot (j, a, i), slot (j, b, k));

  g_autoptr (Job) k = job_new ();
  source (k, "jv1", 2);
  FsimStreamNode *c = source (k, "jv2", 1);
  g_free (c->slot_sharing_group);
  c->slot_sharing_group = g_strdup ("ssg2");
  build (k);
  ck_assert_int_eq (n_slots (k), 3);
}
END_TEST

/* testInputLocalityIsRespectedWithTwoEdgesBetweenTwoVertices: v1 (p4) feeds
 * v2 (p4) over two all-to-all edges: 4 groups, v1_i with v2_i. */
START_TEST (test_slots_two_edges_between_two_vertices)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "v1", 4);
  FsimStreamNode *b = op (j, "v2", 4);
  connect_blocking (j, a, b, FSIM_PARTITIONER_REBALANCE);
  connect_blocking (j, a, b, FSIM_PARTITIONER_REBALANCE);
  build (j);
  ck_assert_int_eq (ejv_of (j, b)->inputs->len, 2);
  ck_assert_int_eq (n_slots (j), 4);
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (slot (j, b, i), slot (j, a, i));
}
END_TEST

/* testCoLocationConstraintIsRespected: vertices of parallelism 1, 2, 2, 3,
 * 3 in one SlotSharingGroup, the two of parallelism 2 co-located and the
 * two of parallelism 3 co-located: subtask i of co-located vertices shares
 * a group. Flink's test topology has no edges; here each co-located pair is
 * joined by a pipelined rescale edge, because co-located subtasks must also
 * share a pipelined region (DefaultExecutionTopology). */
START_TEST (test_slots_co_location)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *v0 = source (j, "v0", 1);
  FsimStreamNode *v1 = source (j, "v1", 2), *v2 = op (j, "v2", 2);
  FsimStreamNode *v3 = source (j, "v3", 3), *v4 = op (j, "v4", 3);
  connect (j, v1, v2, FSIM_PARTITIONER_RESCALE);
  connect (j, v3, v4, FSIM_PARTITIONER_RESCALE);
  v1->co_location_key = g_strdup ("cl1");
  v2->co_location_key = g_strdup ("cl1");
  v3->co_location_key = g_strdup ("cl2");
  v4->co_location_key = g_strdup ("cl2");
  build (j);
  ck_assert_ptr_nonnull (fsim_execution_vertex_get_co_location_group (ev (j, v2, 1)));
  ck_assert_ptr_null (fsim_execution_vertex_get_co_location_group (ev (j, v0, 0)));
  for (int i = 0; i < 2; i++)
    ck_assert_int_eq (slot (j, v1, i), slot (j, v2, i));
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (slot (j, v3, i), slot (j, v4, i));
  ck_assert_int_eq (n_slots (j), 3);
}
END_TEST

/* LocalInputPreferredSlotSharingStrategy: slots needed = Σ over
 * SlotSharingGroups of the largest
 * parallelism; all-to-all A(3) -> B(5): B_i with A_i for i < 3, then two new
 * groups; a group lists its subtasks job vertex by job vertex. */
START_TEST (test_slots_needed_sum_of_max)
{
  g_autoptr (Job) j = job_new ();
  FsimStreamNode *a = source (j, "A", 3);
  FsimStreamNode *b = op (j, "B", 5);
  FsimStreamNode *c = op (j, "C", 2);
  FsimStreamNode *d = op (j, "D", 4);
  g_free (d->slot_sharing_group);
  d->slot_sharing_group = g_strdup ("g");
  connect (j, a, b, FSIM_PARTITIONER_HASH);
  connect (j, b, c, FSIM_PARTITIONER_HASH);
  connect (j, c, d, FSIM_PARTITIONER_HASH);
  build (j);
  ck_assert_int_eq (n_slots (j), 5 + 4);
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (slot (j, b, i), slot (j, a, i));
  ck_assert_int_eq (slot (j, b, 3), 3);
  ck_assert_int_eq (slot (j, b, 4), 4);
  FsimExecutionSlotSharingGroup *g0 =
    g_ptr_array_index (fsim_execution_graph_get_slot_sharing_groups (j->eg), 0);
  ck_assert_int_eq (g0->vertices->len, 3);
  ck_assert_ptr_eq (g_ptr_array_index (g0->vertices, 0), ev (j, a, 0));
  ck_assert_ptr_eq (g_ptr_array_index (g0->vertices, 1), ev (j, b, 0));
  ck_assert_ptr_eq (g_ptr_array_index (g0->vertices, 2), ev (j, c, 0));
}
END_TEST

void
graphs_execution_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("KeyGroupRangeAssignment");
  tcase_add_test (tc, test_murmur_hash);
  tcase_add_test (tc, test_java_hash_codes);
  tcase_add_test (tc, test_key_groups_cep_rescaling);
  tcase_add_test (tc, test_key_groups_string_keys);
  tcase_add_test (tc, test_key_group_ranges);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("PointwisePattern");
  tcase_add_test (tc, test_pointwise_sequence_arithmetic);
  tcase_add_test (tc, test_pointwise_sequence_graph);
  tcase_add_test (tc, test_pointwise_multiples);
  tcase_add_test (tc, test_pointwise_irregular);
  tcase_add_test (tc, test_subpartition_index);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("EdgeManagerBuildUtil");
  tcase_add_test (tc, test_connect_all_to_all);
  tcase_add_test (tc, test_number_of_consumers);
  tcase_add_test (tc, test_max_edges_to_target);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("DefaultExecutionGraph");
  tcase_add_test (tc, test_subtask_names);
  tcase_add_test (tc, test_max_parallelism);
  tcase_add_test (tc, test_parallelism_above_max);
  tcase_add_test (tc, test_parallelism_out_of_bounds);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("PipelinedRegionComputeUtil");
  tcase_add_test (tc, test_regions_individual_vertices);
  tcase_add_test (tc, test_regions_embarrassingly_parallel);
  tcase_add_test (tc, test_regions_two_exchanges);
  tcase_add_test (tc, test_regions_cascade_of_joins);
  tcase_add_test (tc, test_regions_one_source_tree);
  tcase_add_test (tc, test_regions_blocking_exchange);
  tcase_add_test (tc, test_regions_diamond);
  tcase_add_test (tc, test_logical_regions_sequence);
  tcase_add_test (tc, test_logical_regions_join_and_split);
  tcase_add_test (tc, test_regions_rescale_islands);
  tcase_add_test (tc, test_regions_co_location_error);
  tcase_add_test (tc, test_strongly_connected_components);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("LocalInputPreferredSlotSharingStrategy");
  tcase_add_test (tc, test_slots_rescale_edge);
  tcase_add_test (tc, test_slots_all_to_all_edge);
  tcase_add_test (tc, test_slots_pointwise_4_2_and_2_4);
  tcase_add_test (tc, test_slots_disjoint_vertices);
  tcase_add_test (tc, test_slots_different_slot_sharing_groups);
  tcase_add_test (tc, test_slots_two_edges_between_two_vertices);
  tcase_add_test (tc, test_slots_co_location);
  tcase_add_test (tc, test_slots_needed_sum_of_max);
  suite_add_tcase (suite, tc);
}
