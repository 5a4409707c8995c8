/* graphs-routing.c - channel selectors: which channel a record goes to, as
 * Flink's StreamPartitioners choose (linked into check_graphs).
 *
 * Expected values come from the partitioners' rules and from Flink's own
 * tests named above each case (ForwardPartitionerTest, GlobalPartitionerTest,
 * RebalancePartitionerTest, RescalePartitionerTest, ShufflePartitionerTest,
 * BroadcastPartitionerTest, KeyGroupStreamPartitionerTest, CEPRescalingTest).
 * The random stream is a script, so a draw made at the wrong time, with the
 * wrong bound, or not made at all fails the test. */
#include "config.h"

#include <string.h>

#include "graphs/graphs.h"
#include "tests/graphs-tests.h"
#include "tests/testlib.h"

void graphs_routing_tcases (Suite *suite);

/* ---- a scripted random stream ------------------------------------------ */

typedef struct {
  const int *values;            /* what the draws return, in order */
  int n_values;
  int bound;                    /* the bound every draw must ask for */
  int drawn;                    /* draws made so far */
} Script;

static int
scripted (gpointer user_data, int bound)
{
  Script *s = user_data;
  ck_assert_int_eq (bound, s->bound);
  ck_assert_int_lt (s->drawn, s->n_values);
  return s->values[s->drawn++];
}

/* A stream that must never be drawn from. */
static int
no_draws (gpointer user_data, int bound)
{
  (void) user_data;
  ck_abort_msg ("unexpected random draw (bound %d)", bound);
  return 0;
}

static int
select_one (FsimPartitioner p, int n, int max_parallelism, gint32 key)
{
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new (p, n, max_parallelism,
                                                                 no_draws, NULL);
  return fsim_channel_selector_select (s, key);
}

/* ---- the partitioners on their own ------------------------------------- */

/* ForwardPartitionerTest, GlobalPartitionerTest: channel 0 for 1, 2 and
 * 1024 channels, whatever the key, without a draw. */
START_TEST (test_forward_and_global)
{
  const int ns[] = { 1, 2, 1024 };
  for (guint i = 0; i < G_N_ELEMENTS (ns); i++)
    for (gint32 key = -2; key <= 2; key++)
      {
        ck_assert_int_eq (select_one (FSIM_PARTITIONER_FORWARD, ns[i], 0, key), 0);
        ck_assert_int_eq (select_one (FSIM_PARTITIONER_GLOBAL, ns[i], 0, key), 0);
      }
}
END_TEST

/* RebalancePartitionerTest: after setup (3) the first record goes to some
 * initial channel and record i after it to (initial + i) % 3. Here the
 * setup draw is scripted: start 1 -> 2, 0, 1, 2, 0; start 2 -> 0, 1, 2.
 * One draw with bound n at creation and none per record. */
START_TEST (test_rebalance)
{
  const int start1[] = { 1 };
  Script a = { start1, 1, 3, 0 };
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new (FSIM_PARTITIONER_REBALANCE,
                                                                 3, 0, scripted, &a);
  ck_assert_int_eq (a.drawn, 1);
  const int expect1[] = { 2, 0, 1, 2, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (expect1); i++)
    ck_assert_int_eq (fsim_channel_selector_select (s, 0), expect1[i]);
  ck_assert_int_eq (a.drawn, 1);

  /* a second producer subtask has its own start and its own round robin */
  const int start2[] = { 2 };
  Script b = { start2, 1, 3, 0 };
  g_autoptr (FsimChannelSelector) t = fsim_channel_selector_new (FSIM_PARTITIONER_REBALANCE,
                                                                 3, 0, scripted, &b);
  ck_assert_int_eq (fsim_channel_selector_select (t, 0), 0);
  ck_assert_int_eq (fsim_channel_selector_select (t, 0), 1);
  ck_assert_int_eq (fsim_channel_selector_select (s, 0), 1);
  ck_assert_int_eq (fsim_channel_selector_select (t, 0), 2);

  /* ThreadLocalRandom.nextInt (1) is drawn too: the draw order does not
   * depend on the number of channels */
  const int zero[] = { 0 };
  Script c = { zero, 1, 1, 0 };
  g_autoptr (FsimChannelSelector) u = fsim_channel_selector_new (FSIM_PARTITIONER_REBALANCE,
                                                                 1, 0, scripted, &c);
  ck_assert_int_eq (c.drawn, 1);
  ck_assert_int_eq (fsim_channel_selector_select (u, 0), 0);
  ck_assert_int_eq (fsim_channel_selector_select (u, 0), 0);
}
END_TEST

/* RescalePartitionerTest.testSelectChannelsInterval: setup (3) -> 0, 1, 2,
 * 0; no random start. */
START_TEST (test_rescale)
{
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new (FSIM_PARTITIONER_RESCALE,
                                                                 3, 0, no_draws, NULL);
  const int expect[] = { 0, 1, 2, 0, 1 };
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    ck_assert_int_eq (fsim_channel_selector_select (s, 0), expect[i]);
}
END_TEST

/* ShufflePartitioner: random.nextInt (n) for every record (its test asks
 * for 0 with one channel and a channel in [0, n) otherwise): one draw per
 * record, bound n, returned as is. */
START_TEST (test_shuffle)
{
  const int draws[] = { 3, 0, 3, 1 };
  Script a = { draws, 4, 4, 0 };
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new (FSIM_PARTITIONER_SHUFFLE,
                                                                 4, 0, scripted, &a);
  ck_assert_int_eq (a.drawn, 0);
  for (int i = 0; i < 4; i++)
    {
      ck_assert_int_eq (fsim_channel_selector_select (s, 7), draws[i]);
      ck_assert_int_eq (a.drawn, i + 1);
    }
  const int zero[] = { 0 };
  Script b = { zero, 1, 1, 0 };
  g_autoptr (FsimChannelSelector) t = fsim_channel_selector_new (FSIM_PARTITIONER_SHUFFLE,
                                                                 1, 0, scripted, &b);
  ck_assert_int_eq (fsim_channel_selector_select (t, 7), 0);
  ck_assert_int_eq (b.drawn, 1);
}
END_TEST

/* BroadcastPartitionerTest: selectChannel is unsupported, the record goes
 * to every channel; isBroadcast. */
START_TEST (test_broadcast)
{
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new (FSIM_PARTITIONER_BROADCAST,
                                                                 5, 0, no_draws, NULL);
  ck_assert_int_eq (fsim_channel_selector_select (s, 1), FSIM_CHANNEL_SELECTOR_ALL);
  ck_assert_int_eq (fsim_channel_selector_get_n_channels (s), 5);
  ck_assert (fsim_partitioner_is_broadcast (fsim_channel_selector_get_partitioner (s)));
}
END_TEST

/* KeyGroupStreamPartitioner = assignKeyToParallelOperator on the Integer
 * key. CEPRescalingTest (maxParallelism 10): 7, 45, 90, 10 go to 0, 1, 0, 2
 * of 3 and 0, 1, 0, 1 of 2. With maxParallelism 128, from the murmur values
 * pinned in graphs-execution.c (0 -> 593689054, 1 -> 68075478,
 * 42 -> 1134849565): key groups 94, 86 and 29, so subtasks 2, 2, 0 of 4
 * (94*4/128 = 2, 86*4/128 = 2, 29*4/128 = 0) and 1, 1, 0 of 2. The same key
 * always lands on one channel (KeyGroupStreamPartitionerTest). */
START_TEST (test_hash)
{
  const struct { gint32 key; int at3, at2; } cep[] = {
    { 7, 0, 0 }, { 45, 1, 1 }, { 90, 0, 0 }, { 10, 2, 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cep); i++)
    {
      ck_assert_int_eq (select_one (FSIM_PARTITIONER_HASH, 3, 10, cep[i].key), cep[i].at3);
      ck_assert_int_eq (select_one (FSIM_PARTITIONER_HASH, 2, 10, cep[i].key), cep[i].at2);
    }
  const struct { gint32 key; int at4, at2; } murmur[] = {
    { 0, 2, 1 }, { 1, 2, 1 }, { 42, 0, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (murmur); i++)
    {
      ck_assert_int_eq (select_one (FSIM_PARTITIONER_HASH, 4, 128, murmur[i].key),
                        murmur[i].at4);
      ck_assert_int_eq (select_one (FSIM_PARTITIONER_HASH, 2, 128, murmur[i].key),
                        murmur[i].at2);
    }
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new (FSIM_PARTITIONER_HASH, 3, 10,
                                                                 no_draws, NULL);
  for (int i = 0; i < 3; i++)
    {
      ck_assert_int_eq (fsim_channel_selector_select (s, 10), 2);
      ck_assert_int_eq (fsim_channel_selector_select (s, 45), 1);
    }
}
END_TEST

/* CUSTOM's documented stand-in: Math.floorMod (key, n), never negative
 * (Java's -1 % 3 is -1, floorMod gives 2). */
START_TEST (test_custom)
{
  ck_assert_int_eq (select_one (FSIM_PARTITIONER_CUSTOM, 3, 0, 7), 1);
  ck_assert_int_eq (select_one (FSIM_PARTITIONER_CUSTOM, 3, 0, -1), 2);
  ck_assert_int_eq (select_one (FSIM_PARTITIONER_CUSTOM, 3, 0, -3), 0);
  ck_assert_int_eq (select_one (FSIM_PARTITIONER_CUSTOM, 4, 0, G_MININT32), 0);
  ck_assert_int_eq (select_one (FSIM_PARTITIONER_CUSTOM, 5, 0, G_MAXINT32), 2);
  ck_assert_int_eq (fsim_custom_partition (G_MININT32, 3), 1);
}
END_TEST

/* ---- the selectors of a real ExecutionGraph ---------------------------- */

typedef struct {
  FsimJob *job;
  FsimExecutionGraph *eg;
} Graph;

static void
graph_clear (Graph *g)
{
  fsim_execution_graph_free (g->eg);
  fsim_job_free (g->job);
}

static void
graph_load (Graph *g, const char *text)
{
  g_autoptr (GError) error = NULL;
  g->job = graphs_test_parse (text);
  g->eg = fsim_execution_graph_new_for_job (g->job, &error);
  ck_assert_msg (g->eg != NULL, "ExecutionGraph: %s", error ? error->message : "?");
}

/* The job vertex whose chain name starts with prefix. */
static FsimExecutionJobVertex *
vertex (Graph *g, const char *prefix)
{
  GPtrArray *all = fsim_execution_graph_get_job_vertices (g->eg);
  for (guint i = 0; i < all->len; i++)
    {
      FsimExecutionJobVertex *v = g_ptr_array_index (all, i);
      if (g_str_has_prefix (v->job_vertex->name, prefix))
        return v;
    }
  ck_abort_msg ("no job vertex %s", prefix);
  return NULL;
}

/* Makes subtask's selector of src's first output, checks its partitioner,
 * and checks that its next records (key 0) reach the consumer subtasks
 * expect[0..n). */
static void
check_route (FsimExecutionJobVertex *src, int subtask, FsimPartitioner partitioner,
             FsimChannelRandomFunc random, gpointer random_data, const int *expect, int n)
{
  FsimResultPartition *p = fsim_execution_vertex_get_produced (&src->subtasks[subtask], 0);
  g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new_for_partition (p, random,
                                                                               random_data);
  ck_assert_int_eq (fsim_channel_selector_get_partitioner (s), partitioner);
  ck_assert_int_eq (fsim_channel_selector_get_n_channels (s),
                    fsim_result_partition_get_n_subpartitions (p));
  for (int i = 0; i < n; i++)
    {
      int channel = fsim_channel_selector_select (s, 0);
      ck_assert_int_eq (fsim_result_partition_get_subpartition_consumer (p, channel), expect[i]);
    }
}

/* RescalePartitionerTest.testExecutionGraphGeneration's shape: a source of
 * parallelism 2, rescale, a map of 4. Each source subtask has two
 * subpartitions and round-robins over its own pair of consumers:
 * subtask 0 -> Map 0, 1, 0, 1; subtask 1 -> Map 2, 3, 2, 3. */
START_TEST (test_rescale_graph)
{
  Graph g;
  graph_load (&g, "job \"r\"\n"
                  "s = env.fromSource(\"S\").setParallelism(2)\n"
                  "s.rescale().map(\"M\").setParallelism(4).print().setParallelism(4)\n");
  FsimExecutionJobVertex *src = vertex (&g, "Source: S");
  const int expect[2][4] = { { 0, 1, 0, 1 }, { 2, 3, 2, 3 } };
  for (int i = 0; i < 2; i++)
    check_route (src, i, FSIM_PARTITIONER_RESCALE, no_draws, NULL, expect[i], 4);
  ck_assert_int_eq (fsim_result_partition_get_n_subpartitions (
                      fsim_execution_vertex_get_produced (&src->subtasks[0], 0)), 2);
  graph_clear (&g);
}
END_TEST

/* An irregular pointwise subset, 3 -> 7: partition 1 is read by Map 3 and 4
 * (fsim_pointwise_consumers_of_partition), and a consumer reads the
 * subpartition numbered by its global index modulo 2
 * (computeConsumedSubpartitionRange): Map 4 reads subpartition 0, Map 3
 * subpartition 1. So source subtask 1's round robin reaches 4, 3, 4. Every
 * subpartition of every partition has exactly the consumer that reads it. */
START_TEST (test_rescale_irregular)
{
  Graph g;
  graph_load (&g, "job \"r\"\n"
                  "s = env.fromSource(\"S\").setParallelism(3)\n"
                  "s.rescale().map(\"M\").setParallelism(7).print().setParallelism(7)\n");
  FsimExecutionJobVertex *src = vertex (&g, "Source: S");
  const int expect[] = { 4, 3, 4 };
  check_route (src, 1, FSIM_PARTITIONER_RESCALE, no_draws, NULL, expect, 3);
  for (int i = 0; i < 3; i++)
    {
      FsimResultPartition *p = fsim_execution_vertex_get_produced (&src->subtasks[i], 0);
      FsimIndexRange r = fsim_pointwise_consumers_of_partition (3, 7, i);
      int n = fsim_result_partition_get_n_subpartitions (p);
      ck_assert_int_eq (n, r.end - r.start + 1);
      for (int k = 0; k < n; k++)
        {
          int c = fsim_result_partition_get_subpartition_consumer (p, k);
          ck_assert_int_ge (c, r.start);
          ck_assert_int_le (c, r.end);
          ck_assert_int_eq (fsim_subpartition_index (c, n), k);
        }
    }
  graph_clear (&g);
}
END_TEST

/* keyBy into a map of 3 with max parallelism 10: the source's selector
 * uses the consumer's max parallelism (KeyGroupStreamPartitioner.configure),
 * so key 10 (key group 9, CEPRescalingTest) goes to Map 2, whose key-group
 * range holds 9, and key 45 (group 6) to Map 1; every channel is the
 * consumer subtask of the same index on an ALL_TO_ALL edge. */
START_TEST (test_hash_graph)
{
  Graph g;
  graph_load (&g, "job \"k\"\n"
                  "s = env.fromSource(\"S\").setParallelism(2)\n"
                  "s.keyBy(\"k\").map(\"M\").setParallelism(3).setMaxParallelism(10)"
                  ".print().setParallelism(3)\n");
  FsimExecutionJobVertex *src = vertex (&g, "Source: S");
  FsimExecutionJobVertex *map = vertex (&g, "M");
  ck_assert_int_eq (map->max_parallelism, 10);
  for (int i = 0; i < 2; i++)
    {
      FsimResultPartition *p = fsim_execution_vertex_get_produced (&src->subtasks[i], 0);
      g_autoptr (FsimChannelSelector) s = fsim_channel_selector_new_for_partition (p, no_draws,
                                                                                   NULL);
      ck_assert_int_eq (fsim_channel_selector_get_partitioner (s), FSIM_PARTITIONER_HASH);
      ck_assert_int_eq (fsim_channel_selector_get_n_channels (s), 3);
      int c10 = fsim_result_partition_get_subpartition_consumer (p, fsim_channel_selector_select (s, 10));
      int c45 = fsim_result_partition_get_subpartition_consumer (p, fsim_channel_selector_select (s, 45));
      ck_assert_int_eq (c10, 2);
      ck_assert_int_eq (c45, 1);
      ck_assert_int_le (map->subtasks[c10].key_groups.start, 9);
      ck_assert_int_ge (map->subtasks[c10].key_groups.end, 9);
      ck_assert_int_le (map->subtasks[c45].key_groups.start, 6);
      ck_assert_int_ge (map->subtasks[c45].key_groups.end, 6);
    }
  graph_clear (&g);
}
END_TEST

/* rebalance from 2 to 3: each source subtask's selector draws its own
 * start (bound 3) when it is made, in the order the caller makes them. */
START_TEST (test_rebalance_graph)
{
  Graph g;
  graph_load (&g, "job \"b\"\n"
                  "s = env.fromSource(\"S\").setParallelism(2)\n"
                  "s.rebalance().map(\"M\").setParallelism(3).print().setParallelism(3)\n");
  FsimExecutionJobVertex *src = vertex (&g, "Source: S");
  const int starts[] = { 0, 2 };
  Script script = { starts, 2, 3, 0 };
  const int expect[2][4] = { { 1, 2, 0, 1 }, { 0, 1, 2, 0 } };
  for (int i = 0; i < 2; i++)
    {
      check_route (src, i, FSIM_PARTITIONER_REBALANCE, scripted, &script, expect[i], 4);
      ck_assert_int_eq (script.drawn, i + 1);
    }
  graph_clear (&g);
}
END_TEST

void
graphs_routing_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("StreamPartitioner");
  tcase_add_test (tc, test_forward_and_global);
  tcase_add_test (tc, test_rebalance);
  tcase_add_test (tc, test_rescale);
  tcase_add_test (tc, test_shuffle);
  tcase_add_test (tc, test_broadcast);
  tcase_add_test (tc, test_hash);
  tcase_add_test (tc, test_custom);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("RecordWriterChannels");
  tcase_add_test (tc, test_rescale_graph);
  tcase_add_test (tc, test_rescale_irregular);
  tcase_add_test (tc, test_hash_graph);
  tcase_add_test (tc, test_rebalance_graph);
  suite_add_tcase (suite, tc);
}
