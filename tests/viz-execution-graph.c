/* viz-execution-graph.c - the ExecutionGraph, regions and slot sharing views
 * (viz/execution-graph-view.c).
 *
 * Hand-checked expectations first (each value follows from the Flink rule
 * named beside it), then golden files per example:
 * tests/golden/{execution,regions,slot-sharing}-<example>.{txt,dot} for the
 * job files in examples/ and the real Flink plans in examples/plans/
 * ("plan-" prefix). */
#include "config.h"

#include <string.h>
#include <graphviz/cgraph.h>
#include <json-glib/json-glib.h>

#include "tests/viz-tests.h"

void viz_execution_graph_tcases (Suite *suite);

/* A getExecutionPlan() JSON of a chain of operators: each entry "name p
 * SHIP" (the first one a source, no ship strategy). */
static FsimJob *
plan_job (const char *const *ops)
{
  GString *s = g_string_new ("{ \"nodes\" : [\n");
  for (int i = 0; ops[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (ops[i], "|", -1);
      g_string_append_printf (s, "%s{ \"id\" : %d, \"type\" : \"%s\", \"pact\" : \"%s\", "
                              "\"parallelism\" : %s", i ? ",\n" : "", i + 1, f[0],
                              i ? "Operator" : "Data Source", f[1]);
      if (i)
        g_string_append_printf (s, ", \"predecessors\" : [ { \"id\" : %d, \"ship_strategy\" : "
                                "\"%s\" } ]", i, f[2]);
      g_string_append (s, " }");
    }
  g_string_append (s, " ] }\n");
  FsimJob *job = fsim_test_import_plan (s->str, "t.json");
  g_string_free (s, TRUE);
  return job;
}

static void
assert_contains (const char *text, const char *want)
{
  ck_assert_msg (strstr (text, want) != NULL, "missing:\n%s\nin:\n%s", want, text);
}

/* Source(1) -REBALANCE-> Flat Map(2) -HASH-> Keyed Aggregation(2)
 * -REBALANCE-> Sink(1). */
static const char *const wordcount[] = {
  "Source: Socket Stream|1", "Flat Map|2|REBALANCE", "Keyed Aggregation|2|HASH",
  "Sink: Print to Std. Out|1|REBALANCE", NULL,
};

/* Subpartition i mod numConsumers (VertexInputInfoComputationUtils): the one source
 * partition feeds both Flat Map subtasks, subpartitions 0 and 1; the keyed
 * vertex (HASH input) splits 128 key groups 0-63 / 64-127
 * (computeKeyGroupRangeForOperatorIndex); the sink's single group holds
 * both partitions (ALL_TO_ALL, one ConsumedPartitionGroup). */
START_TEST (test_execution_text)
{
  g_autoptr (FsimJob) job = plan_job (wordcount);
  g_autofree char *text = viz_test_render (fsim_viz_execution_graph, job, FSIM_FORMAT_TEXT, NULL);
  assert_contains (text, "4 job vertices (topological order), 6 subtasks, 3 intermediate "
                   "results, 5 partitions,\n3 ConsumedPartitionGroups");
  assert_contains (text, "    Source: Socket Stream (1/1)  region 0, slot 0\n"
                   "      output 0, partition 0 to Flat Map (1/2) subpartition 0, "
                   "(2/2) subpartition 1\n");
  assert_contains (text, "  keyed (a HASH input): each subtask owns a range of key groups\n");
  assert_contains (text, "    Keyed Aggregation (1/2)  key groups 0-63  region 0, slot 0\n"
                   "      input 0 from Flat Map (1/2), (2/2), subpartition 0  "
                   "[group 1: 2 partitions, 2 consumers]\n");
  assert_contains (text, "    Keyed Aggregation (2/2)  key groups 64-127  region 0, slot 1\n"
                   "      input 0 from Flat Map (1/2), (2/2), subpartition 1  "
                   "[group 1: 2 partitions, 2 consumers]\n");
  assert_contains (text, "    Sink: Print to Std. Out (1/1)  region 0, slot 0\n"
                   "      input 0 from Keyed Aggregation (1/2), (2/2), subpartition 0  "
                   "[group 2: 2 partitions, 1 consumer]\n");
  assert_contains (text, "max parallelism 128 (default for parallelism 2)");
}
END_TEST

/* Lists of more than 8 subtasks are ranges, so the text grows linearly. */
START_TEST (test_execution_text_ranges)
{
  const char *const ops[] = { "Source: A|9", "B|9|HASH", NULL };
  g_autoptr (FsimJob) job = plan_job (ops);
  g_autofree char *text = viz_test_render (fsim_viz_execution_graph, job, FSIM_FORMAT_TEXT, NULL);
  assert_contains (text, "      output 0, partition 0 to B (1/9) .. (9/9), subtask i reads "
                   "subpartition i mod 9\n");
  assert_contains (text, "      input 0 from Source: A (1/9) .. (9/9), subpartition 8  "
                   "[group 0: 9 partitions, 9 consumers]\n");
}
END_TEST

/* Above 16 subtasks a vertex's text is runs of subtasks alike but for
 * numbers that grow by a step (issue 16: "Map (1..10000/10000)"), and
 * --full lists each.
 * Source(2000) -REBALANCE-> B(2000): one ALL_TO_ALL group, so one region
 * (SchedulingPipelinedRegionComputeUtil); subtask i writes partition i and
 * reads subpartition i (i mod 2000); 2000 slots, subtask i of each vertex
 * in slot i: every source and every B subtask is one run.
 * Source(32) -RESCALE-> B(64): POINTWISE, source i feeds B 2i and 2i+1
 * (1-based 2i+1, 2i+2) on subpartitions 0 and 1, and each source with its
 * two consumers is a region of its own: the sources are one run whose
 * consumers grow by two, "(1, 3 .. 63/64)". */
START_TEST (test_execution_text_summarised)
{
  const char *const wide[] = { "Source: A|2000", "B|2000|REBALANCE", NULL };
  g_autoptr (FsimJob) job = plan_job (wide);
  g_autofree char *text = viz_test_render (fsim_viz_execution_graph, job, FSIM_FORMAT_TEXT, NULL);
  assert_contains (text, "    Source: A (1..2000/2000)  region 0, slot 0..1999\n"
                   "      output 0, partition 0..1999 to B (1/2000) .. (2000/2000), subtask i "
                   "reads subpartition i mod 2000\n\n");
  assert_contains (text, "    B (1..2000/2000)  region 0, slot 0..1999\n"
                   "      input 0 from Source: A (1/2000) .. (2000/2000), subpartition 0..1999  "
                   "[group 0: 2000 partitions, 2000 consumers]\n");
  ck_assert (strstr (text, "Source: A (2/2000)") == NULL);
  g_autofree char *full = viz_test_render (fsim_viz_execution_graph_full, job, FSIM_FORMAT_TEXT,
                                           NULL);
  assert_contains (full, "    Source: A (2/2000)  region 0, slot 1\n");
  assert_contains (full, "    B (2000/2000)  region 0, slot 1999\n");

  const char *const rescale[] = { "Source: A|32", "B|64|RESCALE", NULL };
  g_autoptr (FsimJob) job2 = plan_job (rescale);
  g_autofree char *text2 = viz_test_render (fsim_viz_execution_graph, job2, FSIM_FORMAT_TEXT,
                                            NULL);
  assert_contains (text2, "    Source: A (1..32/32)  region 0..31, slot 0..31\n"
                   "      output 0, partition 0..31 to B (1, 3 .. 63/64) subpartition 0, "
                   "(2, 4 .. 64/64) subpartition 1\n\n");
}
END_TEST

/* SchedulingPipelinedRegionComputeUtil [DERIVED]: Source(2) -rescale->
 * Map(4) forms two regions,
 * {S0, M0, M1} and {S1, M2, M3}; LocalInputPreferred puts M0 with S0, M2
 * with S1 and opens slots for M1, M3. */
START_TEST (test_regions_and_slots_text)
{
  const char *const ops[] = { "Source: A|2", "Map|4|RESCALE", NULL };
  g_autoptr (FsimJob) job = plan_job (ops);
  g_autofree char *regions = viz_test_render (fsim_viz_regions, job, FSIM_FORMAT_TEXT, NULL);
  assert_contains (regions, "Pipelined regions of \"Flink Streaming Job\": 1 logical region, "
                   "2 regions\n");
  assert_contains (regions, "Logical region 0: Source: A (parallelism 2), Map (parallelism 4)\n"
                   "  only POINTWISE edges inside: 2 regions\n");
  assert_contains (regions, "Region 0 (logical region 0, 3 subtasks): Source: A (1/2); "
                   "Map (1/4), (2/4)\n"
                   "Region 1 (logical region 0, 3 subtasks): Source: A (2/2); Map (3/4), (4/4)\n");
  g_autofree char *slots = viz_test_render (fsim_viz_slot_sharing, job, FSIM_FORMAT_TEXT, NULL);
  assert_contains (slots, "4 slots needed\n");
  assert_contains (slots, "SlotSharingGroup \"default\": Source: A (parallelism 2), "
                   "Map (parallelism 4): 4 slots\n");
  assert_contains (slots, "Slot 0 (default): Source: A (1/2), Map (1/4)\n"
                   "Slot 1 (default): Source: A (2/2), Map (3/4)\n"
                   "Slot 2 (default): Map (2/4)\n"
                   "Slot 3 (default): Map (4/4)\n");
}
END_TEST

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  ck_assert_msg (json_parser_load_from_data (parser, text, -1, &error), "%s",
                 error ? error->message : "?");
  return json_node_copy (json_parser_get_root (parser));
}

/* The JSON carries the same groups: an ALL_TO_ALL input is one
 * ConsumedPartitionGroup with inclusive partition and consumer ranges. */
START_TEST (test_json)
{
  g_autoptr (FsimJob) job = plan_job (wordcount);
  g_autofree char *text = viz_test_render (fsim_viz_execution_graph, job, FSIM_FORMAT_JSON, NULL);
  g_autoptr (JsonNode) root = parse_json (text);
  JsonObject *o = json_node_get_object (root);
  JsonArray *groups = json_object_get_array_member (o, "consumedPartitionGroups");
  ck_assert_uint_eq (json_array_get_length (groups), 3);
  JsonObject *g1 = json_array_get_object_element (groups, 1);
  JsonArray *parts = json_object_get_array_member (g1, "partitions");
  JsonArray *cons = json_object_get_array_member (g1, "consumers");
  ck_assert_int_eq (json_array_get_int_element (parts, 0), 0);
  ck_assert_int_eq (json_array_get_int_element (parts, 1), 1);
  ck_assert_int_eq (json_array_get_int_element (cons, 1), 1);
  JsonArray *jvs = json_object_get_array_member (o, "jobVertices");
  JsonObject *agg = json_array_get_object_element (jvs, 2);
  ck_assert_str_eq (json_object_get_string_member (agg, "name"), "Keyed Aggregation");
  ck_assert (json_object_get_boolean_member (agg, "keyed"));
  JsonObject *s1 = json_array_get_object_element (json_object_get_array_member (agg, "subtasks"), 1);
  ck_assert_str_eq (json_object_get_string_member (s1, "name"), "Keyed Aggregation (2/2)");
  JsonArray *kg = json_object_get_array_member (s1, "keyGroups");
  ck_assert_int_eq (json_array_get_int_element (kg, 0), 64);
  ck_assert_int_eq (json_array_get_int_element (kg, 1), 127);

  g_autofree char *slots = viz_test_render (fsim_viz_slot_sharing, job, FSIM_FORMAT_JSON, NULL);
  g_autoptr (JsonNode) sroot = parse_json (slots);
  ck_assert_int_eq (json_object_get_int_member (json_node_get_object (sroot), "slotsNeeded"), 2);
  g_autofree char *regions = viz_test_render (fsim_viz_regions, job, FSIM_FORMAT_JSON, NULL);
  g_autoptr (JsonNode) rroot = parse_json (regions);
  JsonArray *rs = json_object_get_array_member (json_node_get_object (rroot), "regions");
  ck_assert_uint_eq (json_array_get_length (rs), 1);
  ck_assert_int_eq (json_object_get_int_member (json_array_get_object_element (rs, 0), "size"), 6);
}
END_TEST

/* Parses DOT back (cgraph) and counts what matters: rows (table nodes,
 * one per job vertex and container) and their cells, subtasks (port
 * "s<i>") and elided ones (port "more"), bundle nodes, arrows, clusters. */
typedef struct {
  int rows, subtasks, elided, bundles, edges, clusters;
} DotCounts;

static int
occurrences (const char *text, const char *what)
{
  int n = 0;
  for (const char *p = strstr (text, what); p; p = strstr (p + 1, what))
    n++;
  return n;
}

static DotCounts
count_dot (const char *dot)
{
  DotCounts c = { 0 };
  Agraph_t *g = agmemread (dot);
  ck_assert_ptr_nonnull (g);
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    {
      c.edges += agdegree (g, n, FALSE, TRUE);
      char *label = agget (n, (char *) "label");
      if (g_str_has_prefix (agnameof (n), "group"))
        c.bundles++;
      else if (label && aghtmlstr (label))
        {
          c.rows++;
          c.subtasks += occurrences (label, "PORT=\"s");
          c.elided += occurrences (label, "PORT=\"more\"");
        }
      else if (strstr (agnameof (n), "more"))
        c.elided++;
    }
  for (Agraph_t *sub = agfstsubg (g); sub; sub = agnxtsubg (sub))
    c.clusters += g_str_has_prefix (agnameof (sub), "cluster");
  agclose (g);
  return c;
}

/* Subtasks are cells of one row per job vertex, in subtask order (Flink
 * numbers subtasks, and subpartition i mod numConsumers depends on it);
 * the RESCALE arrows join the cells: Source (1/2) feeds Map (1/4) and
 * (2/4) from subpartitions 0 and 1 (EdgeManagerBuildUtil). */
START_TEST (test_dot_rows)
{
  const char *const ops[] = { "Source: A|2", "Map|4|RESCALE", NULL };
  g_autoptr (FsimJob) job = plan_job (ops);
  g_autofree char *dot = viz_test_render (fsim_viz_execution_graph, job, FSIM_FORMAT_DOT, NULL);
  DotCounts c = count_dot (dot);
  ck_assert_int_eq (c.rows, 2);
  ck_assert_int_eq (c.subtasks, 6);
  ck_assert_int_eq (c.edges, 4);
  const char *cells[4];
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *cell = g_strdup_printf ("<TD PORT=\"s%d\" STYLE=\"ROUNDED\" "
                                               "BGCOLOR=\"white\">Map (%d/4)</TD>", i, i + 1);
      cells[i] = strstr (dot, cell);
      ck_assert_msg (cells[i] != NULL, "missing %s", cell);
      ck_assert (i == 0 || cells[i - 1] < cells[i]);
    }
  assert_contains (dot, "jv0:s0:s -> jv1:s0:n\t[label=\"subpartition 0\"];");
  assert_contains (dot, "jv0:s0:s -> jv1:s1:n\t[label=\"subpartition 1\"];");
  assert_contains (dot, "jv0:s1:s -> jv1:s3:n\t[label=\"subpartition 1\"];");
  /* the two regions of test_regions_and_slots_text, a cluster each */
  g_autofree char *regions = viz_test_render (fsim_viz_regions, job, FSIM_FORMAT_DOT, NULL);
  DotCounts r = count_dot (regions);
  ck_assert_int_eq (r.clusters, 2);
  ck_assert_int_eq (r.rows, 4);
  ck_assert_int_eq (r.subtasks, 6);
  ck_assert_int_eq (r.edges, 4);
}
END_TEST

/* An ALL_TO_ALL group of 4 x 4 = 16 pairs is drawn pair by pair; 5 x 5 = 25
 * > 16 (BUNDLE_EDGES) becomes one bundle node with 5 + 5 arrows. */
START_TEST (test_dot_bundles)
{
  const char *const small[] = { "Source: A|4", "B|4|HASH", NULL };
  g_autoptr (FsimJob) job4 = plan_job (small);
  g_autofree char *dot4 = viz_test_render (fsim_viz_execution_graph, job4, FSIM_FORMAT_DOT, NULL);
  DotCounts c4 = count_dot (dot4);
  ck_assert_int_eq (c4.rows, 2);
  ck_assert_int_eq (c4.subtasks, 8);
  ck_assert_int_eq (c4.edges, 16);
  ck_assert_int_eq (c4.bundles, 0);

  const char *const big[] = { "Source: A|5", "B|5|HASH", NULL };
  g_autoptr (FsimJob) job5 = plan_job (big);
  g_autofree char *dot5 = viz_test_render (fsim_viz_execution_graph, job5, FSIM_FORMAT_DOT, NULL);
  DotCounts c5 = count_dot (dot5);
  ck_assert_int_eq (c5.subtasks, 10);
  ck_assert_int_eq (c5.bundles, 1);
  ck_assert_int_eq (c5.edges, 10);
  assert_contains (dot5, "5 partitions x 5 consumers");
}
END_TEST

/* Parallelism 10,000 still lays out: 3 + 1 subtasks and one "…" cell per
 * vertex, the keyBy as one bundle, the forward edge 4 + ... arrows. */
START_TEST (test_dot_elided)
{
  const char *const ops[] = { "Source: A|10000", "B|10000|HASH", "C|10000|RESCALE", NULL };
  g_autoptr (FsimJob) job = plan_job (ops);
  g_autofree char *dot = viz_test_render (fsim_viz_execution_graph, job, FSIM_FORMAT_DOT, NULL);
  DotCounts c = count_dot (dot);
  ck_assert_int_eq (c.rows, 3);
  ck_assert_int_eq (c.elided, 3);
  ck_assert_int_eq (c.bundles, 1);
  ck_assert_int_eq (c.subtasks, 3 * 4);
  /* bundle: 5 in, 5 out; rescale 10000 -> 10000: i -> i, shown 0,1,2,9999
   * and the "…" to "…" arrow */
  ck_assert_int_eq (c.edges, 10 + 5);
  g_autofree char *regions = viz_test_render (fsim_viz_regions, job, FSIM_FORMAT_DOT, NULL);
  ck_assert_int_eq (count_dot (regions).clusters, 1);
  g_autofree char *slots = viz_test_render (fsim_viz_slot_sharing, job, FSIM_FORMAT_DOT, NULL);
  DotCounts s = count_dot (slots);
  ck_assert_int_eq (s.clusters, 9);          /* slots 0..7 and 9999 */
  assert_contains (slots, "... 9991 more slots ...");
  gsize len = 0;
  g_autofree char *png = viz_test_render (fsim_viz_slot_sharing, job, FSIM_FORMAT_PNG, &len);
  ck_assert (len > 8 && memcmp (png, "\x89PNG\r\n\x1a\n", 8) == 0);
}
END_TEST

/* ExecutionJobVertex: parallelism above max parallelism is Flink's error,
 * pointing at the job file; JSONL is no format for a graph. */
START_TEST (test_errors)
{
  const char *const ops[] = { "Source: A|4", NULL };
  g_autoptr (FsimJob) job = plan_job (ops);
  fsim_stream_graph_get_node (fsim_job_get_stream_graph (job), 1)->max_parallelism = 2;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) none = fsim_viz_execution_graph (job, FSIM_FORMAT_TEXT, &error);
  ck_assert_ptr_null (none);
  ck_assert (g_error_matches (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID));
  assert_contains (error->message, "Vertex Source: A's parallelism (4) is higher than the max "
                   "parallelism (2).");
  g_clear_error (&error);
  g_autoptr (GBytes) jsonl = fsim_viz_regions (job, FSIM_FORMAT_JSONL, &error);
  ck_assert_ptr_null (jsonl);
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT));
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Golden files                                                              */

/* Every level as text and as DOT (DOT ids are in creation order, so the
 * drawing is as deterministic as the text). */
static const VizTestGolden goldens[] = {
  { "execution", fsim_viz_execution_graph, FSIM_FORMAT_TEXT, "txt" },
  { "execution", fsim_viz_execution_graph, FSIM_FORMAT_DOT, "dot" },
  { "regions", fsim_viz_regions, FSIM_FORMAT_TEXT, "txt" },
  { "regions", fsim_viz_regions, FSIM_FORMAT_DOT, "dot" },
  { "slot-sharing", fsim_viz_slot_sharing, FSIM_FORMAT_TEXT, "txt" },
  { "slot-sharing", fsim_viz_slot_sharing, FSIM_FORMAT_DOT, "dot" },
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
viz_execution_graph_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("ExecutionGraphView");
  tcase_add_test (tc, test_execution_text);
  tcase_add_test (tc, test_execution_text_ranges);
  tcase_add_test (tc, test_execution_text_summarised);
  tcase_add_test (tc, test_regions_and_slots_text);
  tcase_add_test (tc, test_json);
  tcase_add_test (tc, test_dot_rows);
  tcase_add_test (tc, test_dot_bundles);
  tcase_add_test (tc, test_dot_elided);
  tcase_add_test (tc, test_errors);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("ExecutionGraphGolden");
  tcase_add_test (tc, test_golden_examples);
  tcase_add_test (tc, test_golden_plans);
  suite_add_tcase (suite, tc);
}
