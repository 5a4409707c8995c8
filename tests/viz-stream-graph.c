/* viz-stream-graph.c - the StreamGraph views (viz/stream-graph-view.c).
 *
 * Hand-checked expectations for the table and the drawing, then one golden
 * file per example and format: tests/golden/stream-<example>.{txt,dot,json}
 * for examples/<example>.job, stream-plan-<plan>.{txt,dot} for the real
 * Flink plans in examples/plans/ (their JSON is the file itself, see
 * graphs-plan-json.c). */
#include "config.h"

#include <string.h>

#include "tests/viz-tests.h"

void viz_stream_graph_tcases (Suite *suite);

/* socketTextStream (parallelism 1) -> flatMap (2, REBALANCE: different
 * parallelism) -> keyBy/sum (2, HASH) -> print (1, REBALANCE). */
static const char socket_plan[] =
  "{ \"nodes\" : [\n"
  "  { \"id\" : 1, \"type\" : \"Source: Socket Stream\", \"pact\" : \"Data Source\", \"parallelism\" : 1 },\n"
  "  { \"id\" : 2, \"type\" : \"Flat Map\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
  "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"REBALANCE\" } ] },\n"
  "  { \"id\" : 4, \"type\" : \"Keyed Aggregation\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
  "    \"predecessors\" : [ { \"id\" : 2, \"ship_strategy\" : \"HASH\" } ] },\n"
  "  { \"id\" : 5, \"type\" : \"Sink: Print to Std. Out\", \"pact\" : \"Data Sink\", \"parallelism\" : 1,\n"
  "    \"predecessors\" : [ { \"id\" : 4, \"ship_strategy\" : \"REBALANCE\" } ] } ] }\n";

static FsimJob *
job_from_plan (const char *text)
{
  return fsim_test_import_plan (text, "t.json");
}

static char *
view (FsimJob *job, FsimFormat format, gsize *len)
{
  return viz_test_render (fsim_viz_stream_graph, job, format, len);
}

/* The columns are StreamNode's fields; numbers right-aligned, two spaces
 * between columns, inputs in in-edge order with the StreamEdge's
 * partitioner and typeNumber. */
START_TEST (test_text_table)
{
  g_autoptr (FsimJob) job = job_from_plan (socket_plan);
  FsimStreamGraph *g = fsim_job_get_stream_graph (job);
  FsimStreamNode *agg = fsim_stream_graph_get_node (g, 4);
  agg->max_parallelism = 128;
  g_free (agg->slot_sharing_group);
  agg->slot_sharing_group = g_strdup ("counts");
  fsim_stream_graph_get_node (g, 2)->chaining = FSIM_CHAINING_NEVER;
  g_autofree char *text = view (job, FSIM_FORMAT_TEXT, NULL);
  ck_assert_str_eq (text,
    "StreamGraph of \"Flink Streaming Job\": 4 nodes, 3 edges, chaining enabled\n"
    "\n"
    "id  name                     parallelism  max parallelism  slot sharing group  chaining  inputs\n"
    " 1  Source: Socket Stream              1               -1  default             ALWAYS    -\n"
    " 2  Flat Map                           2               -1  default             NEVER     1 REBALANCE (typeNumber 0)\n"
    " 4  Keyed Aggregation                  2              128  counts              ALWAYS    2 HASH (typeNumber 0)\n"
    " 5  Sink: Print to Std. Out            1               -1  default             ALWAYS    4 REBALANCE (typeNumber 0)\n"
    "\n"
    "max parallelism -1 is unset: the scheduler gives each JobVertex "
    "computeDefaultMaxParallelism(parallelism), 128 up to parallelism 85\n");
}
END_TEST

/* A 1.x plan's -1 shows the parallelism it resolves to, marked; a
 * two-input operator's inputs show typeNumbers 1 and 2. Widths count
 * characters, not bytes. */
START_TEST (test_text_default_parallelism_and_two_inputs)
{
  g_autoptr (FsimJob) job = job_from_plan (
    "{ \"nodes\" : [\n"
    "  { \"id\" : 1, \"type\" : \"Source: Zürich\", \"pact\" : \"Data Source\", \"parallelism\" : -1 },\n"
    "  { \"id\" : 2, \"type\" : \"Source: B\", \"pact\" : \"Data Source\", \"parallelism\" : -1 },\n"
    "  { \"id\" : 3, \"type\" : \"Co-Map\", \"pact\" : \"Operator\", \"parallelism\" : -1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"HASH\" },\n"
    "                         { \"id\" : 2, \"ship_strategy\" : \"HASH\" } ] } ] }\n");
  FsimStreamGraph *g = fsim_job_get_stream_graph (job);
  for (int id = 1; id <= 3; id++)
    fsim_stream_graph_get_node (g, id)->max_parallelism = 4;
  g_autofree char *text = view (job, FSIM_FORMAT_TEXT, NULL);
  ck_assert_str_eq (text,
    "StreamGraph of \"Flink Streaming Job\": 3 nodes, 2 edges, chaining enabled\n"
    "\n"
    "id  name            parallelism  max parallelism  slot sharing group  chaining  inputs\n"
    " 1  Source: Zürich           1*                4  default             ALWAYS    -\n"
    " 2  Source: B                1*                4  default             ALWAYS    -\n"
    " 3  Co-Map                   1*                4  default             ALWAYS    "
    "1 HASH (typeNumber 1), 2 HASH (typeNumber 2)\n"
    "\n"
    "* the plan says -1 (ExecutionConfig.PARALLELISM_DEFAULT): parallelism.default applies\n");
}
END_TEST

/* Nodes created in id order, labelled with name,
 * id and parallelism; sources filled green, sinks blue, as in the JobGraph
 * drawing; edges carry the partitioner. s.union(s).map() has two
 * StreamEdges, drawn as one arrow with both labels (the drawing is a strict
 * graph). */
START_TEST (test_dot)
{
  g_autoptr (FsimJob) job = job_from_plan (
    "{ \"nodes\" : [\n"
    "  { \"id\" : 1, \"type\" : \"Source: A\", \"pact\" : \"Data Source\", \"parallelism\" : 1 },\n"
    "  { \"id\" : 3, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"FORWARD\" },\n"
    "                         { \"id\" : 1, \"ship_strategy\" : \"FORWARD\" } ] },\n"
    "  { \"id\" : 2, \"type\" : \"Sink: Print to Std. Out\", \"pact\" : \"Data Sink\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 3, \"ship_strategy\" : \"FORWARD\" } ] } ] }\n");
  g_autofree char *dot = view (job, FSIM_FORMAT_DOT, NULL);
  const char *n1 = strstr (dot, "\tn1\t[");
  const char *n2 = strstr (dot, "\tn2\t[");
  const char *n3 = strstr (dot, "\tn3\t[");
  /* agwrite writes a node, then its out-edges, each head node first */
  ck_assert (n1 && n2 && n3 && n1 < n3 && n3 < n2);
  ck_assert_ptr_nonnull (strstr (dot, "label=\"Source: A\\nid 1, parallelism 1\""));
  ck_assert (g_str_has_prefix (n1, "\tn1\t[fillcolor=\"#dff0d8\""));
  ck_assert (g_str_has_prefix (n2, "\tn2\t[fillcolor=\"#d9e7f5\""));
  ck_assert (g_str_has_prefix (n3, "\tn3\t[label="));
  ck_assert_ptr_nonnull (strstr (dot, "n1 -> n3\t[label=\"FORWARD\\nFORWARD\"]"));
  ck_assert_ptr_nonnull (strstr (dot, "n3 -> n2\t[label=FORWARD]"));
  ck_assert_ptr_null (strstr (dot, "cluster"));    /* one slot sharing group */
}
END_TEST

/* With more than one slot sharing group (StreamGraphGenerator.
 * determineSlotSharingGroup), each group is a cluster, in the order of the
 * groups' first nodes by id. */
START_TEST (test_dot_slot_sharing_clusters)
{
  g_autoptr (FsimJob) job = job_from_plan (socket_plan);
  FsimStreamNode *agg = fsim_stream_graph_get_node (fsim_job_get_stream_graph (job), 4);
  g_free (agg->slot_sharing_group);
  agg->slot_sharing_group = g_strdup ("counts");
  g_autofree char *dot = view (job, FSIM_FORMAT_DOT, NULL);
  const char *ssg0 = strstr (dot, "subgraph cluster_ssg0");
  const char *ssg1 = strstr (dot, "subgraph cluster_ssg1");
  /* in creation order (group of the lowest node id first), whatever the
   * addresses cgraph's interned names get (viz/dot.c id discipline) */
  ck_assert (ssg0 && ssg1 && ssg0 < ssg1);
  ck_assert_ptr_nonnull (strstr (dot, "slot sharing group \\\"default\\\""));
  ck_assert_ptr_nonnull (strstr (dot, "slot sharing group \\\"counts\\\""));
}
END_TEST

START_TEST (test_rendered_formats)
{
  g_autoptr (FsimJob) job = job_from_plan (socket_plan);
  gsize len = 0;
  g_autofree char *png = view (job, FSIM_FORMAT_PNG, &len);
  ck_assert_uint_gt (len, 8);
  ck_assert (memcmp (png, "\x89PNG\r\n\x1a\n", 8) == 0);
  g_autofree char *svg = view (job, FSIM_FORMAT_SVG, NULL);
  ck_assert_ptr_nonnull (strstr (svg, "<svg"));
  ck_assert_ptr_nonnull (strstr (svg, "Keyed Aggregation"));
  g_autofree char *json = view (job, FSIM_FORMAT_JSON, NULL);
  g_autofree char *want = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (job));
  ck_assert_str_eq (json, want);

  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) none = fsim_viz_stream_graph (job, FSIM_FORMAT_JSONL, &error);
  ck_assert_ptr_null (none);
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT));
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Golden files, one per example and format                                  */

START_TEST (test_golden_examples)
{
  static const VizTestGolden goldens[] = {
    { "stream", fsim_viz_stream_graph, FSIM_FORMAT_TEXT, "txt" },
    { "stream", fsim_viz_stream_graph, FSIM_FORMAT_DOT, "dot" },
    { "stream", fsim_viz_stream_graph, FSIM_FORMAT_JSON, "json" },
  };
  viz_test_goldens ("examples", ".job", "", goldens, G_N_ELEMENTS (goldens));
}
END_TEST

START_TEST (test_golden_plans)
{
  static const VizTestGolden goldens[] = {
    { "stream", fsim_viz_stream_graph, FSIM_FORMAT_TEXT, "txt" },
    { "stream", fsim_viz_stream_graph, FSIM_FORMAT_DOT, "dot" },
  };
  viz_test_goldens ("examples/plans", ".json", "plan-", goldens, G_N_ELEMENTS (goldens));
}
END_TEST

void
viz_stream_graph_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("StreamGraphView");
  tcase_add_test (tc, test_text_table);
  tcase_add_test (tc, test_text_default_parallelism_and_two_inputs);
  tcase_add_test (tc, test_dot);
  tcase_add_test (tc, test_dot_slot_sharing_clusters);
  tcase_add_test (tc, test_rendered_formats);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("StreamGraphGolden");
  tcase_add_test (tc, test_golden_examples);
  tcase_add_test (tc, test_golden_plans);
  suite_add_tcase (suite, tc);
}
