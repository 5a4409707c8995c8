/* graphs-batch.c - BATCH jobs as Flink builds them, in check_graphs.
 *
 * execution.runtime-mode BATCH (or AUTOMATIC with only bounded sources,
 * StreamGraphGenerator.shouldExecuteInBatchMode) makes a BATCH JobGraph:
 * execution.batch-shuffle-mode decides the result partition type of every
 * UNDEFINED exchange (deriveGlobalStreamExchangeModeBatch, then
 * StreamingJobGraphGenerator.determineUndefinedResultPartitionType), regions
 * follow from the result types, and vertices in group "default" get one
 * slot sharing group per logical pipelined region
 * (allVerticesInSameSlotSharingGroupByDefault false:
 * StreamingJobGraphGeneratorTest.
 * testSlotSharingOnAllVerticesInSameSlotSharingGroupByDefaultDisabled). */
#include "config.h"

#include <string.h>

#include "tests/graphs-tests.h"

void graphs_batch_tcases (Suite *suite);

/* WordCount over a bounded source: Source -> Flat Map | HASH | Keyed
 * Aggregation -> Sink, two vertices. */
static FsimJob *
word_count (const char *mode, const char *shuffle)
{
  g_autofree char *text = g_strdup_printf (
    "set execution.runtime-mode = %s\n%s%s%s"
    "set parallelism.default = 2\n"
    "env.fromSequence(1, 100).flatMap(\"Tokenizer\").keyBy(\"w\").sum(1).print()\n",
    mode, shuffle ? "set execution.batch-shuffle-mode = " : "", shuffle ? shuffle : "",
    shuffle ? "\n" : "");
  return graphs_test_parse (text);
}

static FsimJobGraph *
job_graph (FsimJob *job)
{
  g_autoptr (GError) error = NULL;
  FsimJobGraph *jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  return jg;
}

/* The BatchShuffleMode → GlobalStreamExchangeMode → ResultPartitionType
 * table; STREAMING ignores the shuffle mode. */
START_TEST (test_batch_result_types)
{
  static const struct {
    const char *mode, *shuffle;
    FsimJobType type;
    FsimResultPartitionType result;
  } cases[] = {
    { "BATCH", NULL, FSIM_JOB_TYPE_BATCH, FSIM_RESULT_PARTITION_BLOCKING },
    { "BATCH", "ALL_EXCHANGES_BLOCKING", FSIM_JOB_TYPE_BATCH, FSIM_RESULT_PARTITION_BLOCKING },
    { "BATCH", "ALL_EXCHANGES_PIPELINED", FSIM_JOB_TYPE_BATCH,
      FSIM_RESULT_PARTITION_PIPELINED_BOUNDED },
    { "BATCH", "ALL_EXCHANGES_HYBRID_FULL", FSIM_JOB_TYPE_BATCH, FSIM_RESULT_PARTITION_HYBRID_FULL },
    { "BATCH", "ALL_EXCHANGES_HYBRID_SELECTIVE", FSIM_JOB_TYPE_BATCH,
      FSIM_RESULT_PARTITION_HYBRID_SELECTIVE },
    { "AUTOMATIC", NULL, FSIM_JOB_TYPE_BATCH, FSIM_RESULT_PARTITION_BLOCKING },
    { "STREAMING", "ALL_EXCHANGES_BLOCKING", FSIM_JOB_TYPE_STREAMING,
      FSIM_RESULT_PARTITION_PIPELINED_BOUNDED },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (FsimJob) job = word_count (cases[i].mode, cases[i].shuffle);
      g_autoptr (FsimJobGraph) jg = job_graph (job);
      ck_assert_int_eq (fsim_job_graph_get_job_type (jg), cases[i].type);
      ck_assert_uint_eq (fsim_job_graph_get_edges (jg)->len, 1);
      FsimJobEdge *e = fsim_job_graph_get_edges (jg)->pdata[0];
      ck_assert_msg (e->source->result_type == cases[i].result, "%s %s: %s", cases[i].mode,
                     cases[i].shuffle ? cases[i].shuffle : "(default)",
                     fsim_result_partition_type_name (e->source->result_type));
    }
  /* Flink's default job name in BATCH */
  g_autoptr (FsimJob) job = word_count ("BATCH", NULL);
  g_autoptr (FsimJobGraph) jg = job_graph (job);
  ck_assert_str_eq (fsim_job_graph_get_name (jg), "Flink Batch Job");
}
END_TEST

/* AUTOMATIC with an unbounded source stays STREAMING. */
START_TEST (test_automatic_unbounded_is_streaming)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set execution.runtime-mode = AUTOMATIC\n"
    "env.socketTextStream(\"h\", 1).flatMap(\"Split\").keyBy(\"w\").sum(1).print()\n");
  g_autoptr (FsimJobGraph) jg = job_graph (job);
  ck_assert_int_eq (fsim_job_graph_get_job_type (jg), FSIM_JOB_TYPE_STREAMING);
}
END_TEST

/* One slot sharing group per logical pipelined region: with BLOCKING
 * exchanges each vertex is a region of its own; with pipelined exchanges
 * the connected vertices share one; two unconnected pipelines never share
 * (testSlotSharingOnAllVerticesInSameSlotSharingGroupByDefaultDisabled);
 * a named group stays one group by name. */
START_TEST (test_batch_slot_sharing_per_region)
{
  g_autoptr (FsimJob) blocking = word_count ("BATCH", NULL);
  g_autoptr (FsimJobGraph) jb = job_graph (blocking);
  GPtrArray *tb = fsim_job_graph_get_vertices_topological (jb);
  ck_assert_uint_eq (fsim_job_graph_get_slot_sharing_groups (jb)->len, 2);
  ck_assert_ptr_ne (((FsimJobVertex *) tb->pdata[0])->slot_sharing_group,
                    ((FsimJobVertex *) tb->pdata[1])->slot_sharing_group);
  ck_assert_str_eq (((FsimJobVertex *) tb->pdata[0])->slot_sharing_group->name, "default");
  ck_assert_int_eq (((FsimJobVertex *) tb->pdata[1])->slot_sharing_group->logical_region, 1);

  g_autoptr (FsimJob) pipelined = word_count ("BATCH", "ALL_EXCHANGES_PIPELINED");
  g_autoptr (FsimJobGraph) jp = job_graph (pipelined);
  ck_assert_uint_eq (fsim_job_graph_get_slot_sharing_groups (jp)->len, 1);

  /* two pipelines: source1 -> map1 (rebalance), source2 -> map2 (rebalance),
   * pipelined: two regions, two groups; STREAMING: one group */
  const char *two =
    "set parallelism.default = 2\n"
    "env.fromSequence(1, 10).setParallelism(1).map(\"m1\").print()\n"
    "env.fromSequence(1, 10).setParallelism(1).map(\"m2\").print()\n";
  g_autofree char *batch_two = g_strdup_printf ("set execution.runtime-mode = BATCH\n"
                                                "set execution.batch-shuffle-mode = "
                                                "ALL_EXCHANGES_PIPELINED\n%s", two);
  g_autoptr (FsimJob) jt = graphs_test_parse (batch_two);
  g_autoptr (FsimJobGraph) gt = job_graph (jt);
  ck_assert_uint_eq (fsim_job_graph_get_vertices (gt)->len, 4);
  ck_assert_uint_eq (fsim_job_graph_get_slot_sharing_groups (gt)->len, 2);
  g_autoptr (FsimJob) js = graphs_test_parse (two);
  g_autoptr (FsimJobGraph) gs = job_graph (js);
  ck_assert_uint_eq (fsim_job_graph_get_slot_sharing_groups (gs)->len, 1);

  g_autoptr (FsimJob) named = graphs_test_parse (
    "set execution.runtime-mode = BATCH\nset parallelism.default = 2\n"
    "env.fromSequence(1, 10).slotSharingGroup(\"x\").keyBy(\"k\").sum(1).print()\n");
  g_autoptr (FsimJobGraph) gn = job_graph (named);
  ck_assert_uint_eq (fsim_job_graph_get_slot_sharing_groups (gn)->len, 1);
  ck_assert_str_eq (((FsimSlotSharingGroup *) fsim_job_graph_get_slot_sharing_groups (gn)->pdata[0])->name, "x");
}
END_TEST

/* Regions follow the result types: BLOCKING cuts the HASH edge, so
 * WordCount at parallelism 2 has 2 logical regions and 4 regions (each
 * chain is pointwise inside: one region per subtask); pipelined it is one
 * region (an ALL_TO_ALL edge inside a logical region keeps it whole). */
START_TEST (test_batch_regions)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) blocking = word_count ("BATCH", NULL);
  g_autoptr (FsimExecutionGraph) eb = fsim_execution_graph_new_for_job (blocking, &error);
  ck_assert_ptr_nonnull (eb);
  ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (eb), 2);
  ck_assert_uint_eq (fsim_execution_graph_get_regions (eb)->len, 4);
  g_autoptr (FsimJob) pipelined = word_count ("BATCH", "ALL_EXCHANGES_PIPELINED");
  g_autoptr (FsimExecutionGraph) ep = fsim_execution_graph_new_for_job (pipelined, &error);
  ck_assert_ptr_nonnull (ep);
  ck_assert_int_eq (fsim_execution_graph_get_n_logical_regions (ep), 1);
  ck_assert_uint_eq (fsim_execution_graph_get_regions (ep)->len, 1);
}
END_TEST

/* StreamingJobGraphGeneratorTest.testSetNonDefaultSlotSharingInHybridMode:
 * with hybrid results a non-default slot sharing group is refused, for
 * both hybrid modes, with Flink's message (setSlotSharing's checkState). */
START_TEST (test_hybrid_refuses_named_slot_sharing_group)
{
  const char *const modes[] = { "ALL_EXCHANGES_HYBRID_FULL", "ALL_EXCHANGES_HYBRID_SELECTIVE" };
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "set execution.runtime-mode = BATCH\nset execution.batch-shuffle-mode = %s\n"
        "env.fromSequence(1, 10).map(\"m\").slotSharingGroup(\"x\").rebalance().print()\n",
        modes[i]);
      g_autoptr (FsimJob) job = graphs_test_parse (text);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
      ck_assert_ptr_null (jg);
      ck_assert_ptr_nonnull (strstr (error->message, "error: hybrid shuffle mode currently does "
                                     "not support setting non-default slot sharing group.\n"));
    }
}
END_TEST

/* StreamGraphGenerator.setBatchStateBackendAndTimerService: in BATCH,
 * execution.sorted-inputs.enabled = false alone fails its checkState
 * (!useStateBackend || sortInputs) with Flink's message, at the set line;
 * with execution.batch-state-backend.enabled = false too the job is
 * built, its keyed operator without a sorted input; in STREAMING the keys
 * change nothing. BatchExecutionUtils.applyBatchExecutionSettings makes a
 * keyed operator's ChainingStrategy HEAD either way (adjustChainingStrategy),
 * and SORTED its input when the sort is on. */
START_TEST (test_sorted_inputs_switch)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) bad = fsim_job_parse (
    "set execution.runtime-mode = BATCH\n"
    "set execution.sorted-inputs.enabled = false\n"
    "env.fromSequence(1, 10).keyBy(\"k\").sum(1).print()\n", "t.job", &error);
  ck_assert_ptr_null (bad);
  ck_assert_ptr_nonnull (strstr (error->message, ":2:5: error: Batch state backend requires "
                                 "the sorted inputs to be enabled!\n"));
  const char *const extra[] = {
    "", "set execution.sorted-inputs.enabled = false\n"
        "set execution.batch-state-backend.enabled = false\n",
    "set execution.batch-state-backend.enabled = false\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    for (int batch = 0; batch < 2; batch++)
      {
        g_autofree char *text = g_strdup_printf (
          "set execution.runtime-mode = %s\n%s"
          "env.fromSequence(1, 10).keyBy(\"k\").sum(1).print()\n",
          batch ? "BATCH" : "STREAMING", extra[i]);
        g_autoptr (FsimJob) job = graphs_test_parse (text);
        g_autoptr (FsimJobGraph) jg = job_graph (job);
        FsimStreamNode *agg = graphs_test_node (job, "Keyed Aggregation");
        ck_assert (agg->reduce);
        ck_assert_int_eq (agg->batch_keyed, batch);
        ck_assert_int_eq (agg->chaining, batch ? FSIM_CHAINING_HEAD : FSIM_CHAINING_ALWAYS);
        ck_assert_int_eq (agg->sorted_input[0], batch && i != 1);
        ck_assert_int_eq (agg->batch_state_backend, batch && i == 0);
      }
}
END_TEST

void
graphs_batch_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("BatchMode");
  tcase_add_test (tc, test_batch_result_types);
  tcase_add_test (tc, test_automatic_unbounded_is_streaming);
  tcase_add_test (tc, test_batch_slot_sharing_per_region);
  tcase_add_test (tc, test_batch_regions);
  tcase_add_test (tc, test_hybrid_refuses_named_slot_sharing_group);
  tcase_add_test (tc, test_sorted_inputs_switch);
  suite_add_tcase (suite, tc);
}
