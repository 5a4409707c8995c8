/* viz-job-graph.c - the JobGraph views (viz/job-graph-view.c), in check_viz.
 *
 * Hand-checked expectations against real Flink output first (the REST
 * resource of Flink's WordCount example), then golden files per example
 * and format: tests/golden/job-<example>.{txt,json,dot} for
 * examples/<example>.job and job-plan-<plan>.{txt,json,dot} for the real
 * Flink plans in examples/plans/. */
#include "config.h"

#include <string.h>
#include <graphviz/cgraph.h>

#include "tests/viz-tests.h"

void viz_job_graph_tcases (Suite *suite);

static char *
view (FsimJob *job, FsimFormat format, gsize *len)
{
  return viz_test_render (fsim_viz_job_graph, job, format, len);
}

/* examples/plans/wordcount-flink-1.19.json is getExecutionPlan() of Flink's
 * WordCount example. A real run of it answers GET /jobs/:jobid with the
 * vertices "Source: in-memory-input -> tokenizer" cbc357ccb763df2852fee8c4fc7d55f2
 * and "counter -> Sink: print-sink" 90bea66de1c231edf33913ecd54406c1
 * (maxParallelism 128, parallelism 1), and a plan listing the counter
 * first with description "counter<br/>+- Sink: print-sink<br/>", input
 * num 0 from the source, HASH, pipelined_bounded. */
START_TEST (test_json_matches_flink_rest)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/wordcount-flink-1.19.json");
  g_autofree char *json = view (job, FSIM_FORMAT_JSON, NULL);
  g_autofree char *want_vertices = g_strdup (
    "  \"vertices\" : [\n"
    "    {\n"
    "      \"id\" : \"cbc357ccb763df2852fee8c4fc7d55f2\",\n"
    "      \"name\" : \"Source: in-memory-input -> tokenizer\",\n"
    "      \"maxParallelism\" : 128,\n"
    "      \"parallelism\" : 1\n"
    "    },\n"
    "    {\n"
    "      \"id\" : \"90bea66de1c231edf33913ecd54406c1\",\n"
    "      \"name\" : \"counter -> Sink: print-sink\",\n"
    "      \"maxParallelism\" : 128,\n"
    "      \"parallelism\" : 1\n"
    "    }\n"
    "  ],\n");
  ck_assert_ptr_nonnull (strstr (json, want_vertices));
  const char *want_plan =
    "    \"type\" : \"STREAMING\",\n"
    "    \"nodes\" : [\n"
    "      {\n"
    "        \"id\" : \"90bea66de1c231edf33913ecd54406c1\",\n"
    "        \"parallelism\" : 1,\n"
    "        \"operator\" : \"\",\n"
    "        \"operator_strategy\" : \"\",\n"
    "        \"description\" : \"counter<br/>+- Sink: print-sink<br/>\",\n"
    "        \"inputs\" : [\n"
    "          {\n"
    "            \"num\" : 0,\n"
    "            \"id\" : \"cbc357ccb763df2852fee8c4fc7d55f2\",\n"
    "            \"ship_strategy\" : \"HASH\",\n"
    "            \"exchange\" : \"pipelined_bounded\"\n"
    "          }\n"
    "        ],\n"
    "        \"optimizer_properties\" : { }\n"
    "      },\n"
    "      {\n"
    "        \"id\" : \"cbc357ccb763df2852fee8c4fc7d55f2\",\n"
    "        \"parallelism\" : 1,\n"
    "        \"operator\" : \"\",\n"
    "        \"operator_strategy\" : \"\",\n"
    "        \"description\" : \"Source: in-memory-input<br/>+- tokenizer<br/>\",\n"
    "        \"optimizer_properties\" : { }\n"
    "      }\n"
    "    ]\n";
  ck_assert_ptr_nonnull (strstr (json, want_plan));
  ck_assert (g_str_has_prefix (json, "{\n  \"jid\" : \""));
}
END_TEST

/* JsonPlanGenerator escapes the description with escapeHtml4 before it
 * turns newlines into <br/> and backslashes into &#92;. */
START_TEST (test_json_description_escaping)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/wordcount-flink-1.19.json");
  FsimStreamGraph *g = fsim_job_get_stream_graph (job);
  FsimStreamNode *counter = fsim_stream_graph_find_node (g, "counter");
  ck_assert_ptr_nonnull (counter);
  g_free (counter->description);
  counter->description = g_strdup ("a<b> & \"c\" \\ caf\xc3\xa9");
  g_autofree char *json = view (job, FSIM_FORMAT_JSON, NULL);
  ck_assert_ptr_nonnull (strstr (json, "\"description\" : \"a&lt;b&gt; &amp; &quot;c&quot; "
                                 "&#92; caf&eacute;<br/>+- Sink: print-sink<br/>\""));
}
END_TEST

/* The table: topological order, operators of each chain by StreamNode id,
 * the computed default max parallelism in parentheses, inputs by
 * topological position. */
START_TEST (test_text_table)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/wordcount-flink-1.19.json");
  g_autofree char *text = view (job, FSIM_FORMAT_TEXT, NULL);
  ck_assert_ptr_nonnull (strstr (text, "2 JobVertices, 1 JobEdge, STREAMING"));
  ck_assert_ptr_nonnull (strstr (text,
    "#  vertex (operator chain)               operators  parallelism  max parallelism  "
    "slot sharing group  inputs              JobVertexID\n"
    "0  Source: in-memory-input -> tokenizer  1, 2                 1         -1 (128)  "
    "default             -                   cbc357ccb763df2852fee8c4fc7d55f2\n"
    "1  counter -> Sink: print-sink           4, 5                 1         -1 (128)  "
    "default             #0 HASH ALL_TO_ALL  90bea66de1c231edf33913ecd54406c1\n"));
  ck_assert_ptr_nonnull (strstr (text, "storage order: #1 #0."));
}
END_TEST

/* The drawing: a cluster per chain in topological order, chained edges
 * grey, JobEdges labelled with ship strategy and pattern. What the
 * JobVertex is (name, parallelism, max parallelism with the default
 * computeDefaultMaxParallelism gives -1: 128 below parallelism 86, slot
 * sharing group) is a caption on the rank of the chain's first operator,
 * not a cluster label that the JobEdges coming in would cross. */
START_TEST (test_dot)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/wordcount-flink-1.19.json");
  g_autofree char *dot = view (job, FSIM_FORMAT_DOT, NULL);
  const char *c0 = strstr (dot, "subgraph cluster_v0 {");
  const char *c1 = strstr (dot, "subgraph cluster_v1 {");
  ck_assert_ptr_nonnull (c0);
  ck_assert_ptr_nonnull (c1);
  ck_assert (c0 < c1);
  ck_assert_ptr_nonnull (strstr (dot, "n2 -> n4\t[label=\"HASH ALL_TO_ALL\\nnot chained: HASH partitioner: only FORWARD chains\""));
  ck_assert_ptr_nonnull (strstr (dot, "n1 -> n2\t[color=gray50"));

  Agraph_t *g = agmemread (dot);
  ck_assert_ptr_nonnull (g);
  Agraph_t *cluster = agsubg (g, (char *) "cluster_v0", 0);
  ck_assert_ptr_nonnull (cluster);
  ck_assert_str_eq (agget (cluster, (char *) "label"), "");
  Agraph_t *rank = agsubg (cluster, (char *) "rank_v0", 0);
  ck_assert_ptr_nonnull (rank);
  ck_assert_str_eq (agget (rank, (char *) "rank"), "same");
  ck_assert_ptr_nonnull (agnode (rank, (char *) "n1", 0));     /* Source: in-memory-input */
  Agnode_t *caption = agnode (rank, (char *) "v0_caption", 0);
  ck_assert_ptr_nonnull (caption);
  ck_assert_str_eq (agget (caption, (char *) "label"),
                    "#0 Source: in-memory-input -> tokenizer\\lparallelism 1\\l"
                    "max parallelism -1 (default 128)\\lslot sharing group default\\l");
  agclose (g);
}
END_TEST

/* SVG and PNG go through Graphviz; JSONL is not a graph format. */
START_TEST (test_rendered_formats)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/wordcount-flink-1.19.json");
  gsize len = 0;
  g_autofree char *svg = view (job, FSIM_FORMAT_SVG, &len);
  ck_assert_ptr_nonnull (strstr (svg, "<svg"));
  g_autofree char *png = view (job, FSIM_FORMAT_PNG, &len);
  ck_assert_uint_gt (len, 8);
  ck_assert_int_eq (memcmp (png, "\x89PNG", 4), 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) none = fsim_viz_job_graph (job, FSIM_FORMAT_JSONL, &error);
  ck_assert_ptr_null (none);
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT));
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Golden files                                                               */

static const VizTestGolden goldens[] = {
  { "job", fsim_viz_job_graph, FSIM_FORMAT_TEXT, "txt" },
  { "job", fsim_viz_job_graph, FSIM_FORMAT_JSON, "json" },
  { "job", fsim_viz_job_graph, FSIM_FORMAT_DOT, "dot" },
};

START_TEST (test_golden_examples)
{
  viz_test_goldens ("examples", ".job", "", goldens, G_N_ELEMENTS (goldens));
}
END_TEST

START_TEST (test_golden_plans)
{
  viz_test_goldens ("examples/plans", ".json", "plan-", goldens, G_N_ELEMENTS (goldens));
}
END_TEST

void
viz_job_graph_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("JobGraphView");
  tcase_add_test (tc, test_json_matches_flink_rest);
  tcase_add_test (tc, test_json_description_escaping);
  tcase_add_test (tc, test_text_table);
  tcase_add_test (tc, test_dot);
  tcase_add_test (tc, test_rendered_formats);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("JobGraphGolden");
  tcase_add_test (tc, test_golden_examples);
  tcase_add_test (tc, test_golden_plans);
  suite_add_tcase (suite, tc);
}
