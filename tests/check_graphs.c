/* check_graphs.c - graphs/: job language, StreamGraph, JobGraph, ExecutionGraph. */
#include "config.h"

#include "graphs/graphs.h"
#include "tests/testlib.h"

/* StreamPartitioner.isPointwise / isBroadcast / toString (StreamPartitioner subclasses):
 * forward and rescale are POINTWISE, every other partitioner ALL_TO_ALL. */
START_TEST (test_partitioner_catalogue)
{
  ck_assert (fsim_partitioner_is_pointwise (FSIM_PARTITIONER_FORWARD));
  ck_assert (fsim_partitioner_is_pointwise (FSIM_PARTITIONER_RESCALE));
  ck_assert (!fsim_partitioner_is_pointwise (FSIM_PARTITIONER_REBALANCE));
  ck_assert (!fsim_partitioner_is_pointwise (FSIM_PARTITIONER_GLOBAL));
  ck_assert (!fsim_partitioner_is_pointwise (FSIM_PARTITIONER_HASH));
  ck_assert (fsim_partitioner_is_broadcast (FSIM_PARTITIONER_BROADCAST));
  ck_assert (!fsim_partitioner_is_broadcast (FSIM_PARTITIONER_GLOBAL));
  ck_assert_str_eq (fsim_partitioner_name (FSIM_PARTITIONER_HASH), "HASH");
  FsimPartitioner p;
  ck_assert (fsim_partitioner_from_name ("REBALANCE", &p));
  ck_assert_int_eq (p, FSIM_PARTITIONER_REBALANCE);
  ck_assert (!fsim_partitioner_from_name ("rebalance", &p));
}
END_TEST

/* StreamGraph.addEdgeInternal: uniqueId counts the edges already between
 * the same two nodes, so s.union(s).map() has two distinct edges. */
START_TEST (test_stream_edge_unique_id)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *map = fsim_stream_graph_add_node (g, 3, "Map", FSIM_OPERATOR_ONE_INPUT);
  FsimStreamNode *src = fsim_stream_graph_add_node (g, 1, "Source: X", FSIM_OPERATOR_SOURCE);
  FsimStreamEdge *e0 = fsim_stream_graph_add_edge (g, src, map, 0, FSIM_PARTITIONER_FORWARD,
                                                   FSIM_EXCHANGE_UNDEFINED);
  FsimStreamEdge *e1 = fsim_stream_graph_add_edge (g, src, map, 0, FSIM_PARTITIONER_FORWARD,
                                                   FSIM_EXCHANGE_UNDEFINED);
  ck_assert_int_eq (e0->unique_id, 0);
  ck_assert_int_eq (e1->unique_id, 1);
  ck_assert_int_eq (map->in_edges->len, 2);
  /* nodes are kept sorted by id whatever the insertion order */
  GPtrArray *nodes = fsim_stream_graph_get_nodes (g);
  ck_assert_int_eq (((FsimStreamNode *) nodes->pdata[0])->id, 1);
  ck_assert_int_eq (((FsimStreamNode *) nodes->pdata[1])->id, 3);
}
END_TEST

/* JSONGenerator: non-sink nodes ascending by id, then registered sinks. */
START_TEST (test_json_order_sinks_last)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *sink = fsim_stream_graph_add_node (g, 2, "Sink: Print to Std. Out",
                                                     FSIM_OPERATOR_LEGACY_SINK);
  sink->is_sink = TRUE;
  fsim_stream_graph_add_node (g, 1, "Source: A", FSIM_OPERATOR_SOURCE);
  fsim_stream_graph_add_node (g, 5, "Map", FSIM_OPERATOR_ONE_INPUT);
  g_autoptr (GPtrArray) order = fsim_stream_graph_get_json_order (g);
  ck_assert_int_eq (((FsimStreamNode *) order->pdata[0])->id, 1);
  ck_assert_int_eq (((FsimStreamNode *) order->pdata[1])->id, 5);
  ck_assert_int_eq (((FsimStreamNode *) order->pdata[2])->id, 2);
}
END_TEST

START_TEST (test_suggest)
{
  const char *const methods[] = { "keyBy", "map", "flatMap", "rebalance", NULL };
  ck_assert_str_eq (fsim_suggest ("keyby", methods), "keyBy");
  ck_assert_str_eq (fsim_suggest ("flatmap", methods), "flatMap");
  ck_assert_str_eq (fsim_suggest ("rebalanse", methods), "rebalance");
  ck_assert_ptr_null (fsim_suggest ("window", methods));
}
END_TEST

void graphs_plan_json_tcases (Suite *suite);   /* graphs-plan-json.c */

void graphs_execution_tcases (Suite *suite);   /* graphs-execution.c */
void graphs_jobgraph_tcases (Suite *suite);    /* graphs-jobgraph.c */
void graphs_language_tcases (Suite *suite);    /* graphs-language.c */
void graphs_streamgraph_tcases (Suite *suite); /* graphs-streamgraph.c */
void graphs_robustness_tcases (Suite *suite);  /* graphs-robustness.c */
void graphs_chaining_why_tcases (Suite *suite); /* graphs-chaining-why.c */
void graphs_rest_plan_tcases (Suite *suite);   /* graphs-rest-plan.c */
void graphs_batch_tcases (Suite *suite);       /* graphs-batch.c */
void graphs_routing_tcases (Suite *suite);     /* graphs-routing.c */

static Suite *
graphs_suite (void)
{
  Suite *s = suite_create ("graphs");
  TCase *tc = tcase_create ("StreamPartitioner");
  tcase_add_test (tc, test_partitioner_catalogue);
  suite_add_tcase (s, tc);
  tc = tcase_create ("StreamGraph");
  tcase_add_test (tc, test_stream_edge_unique_id);
  tcase_add_test (tc, test_json_order_sinks_last);
  suite_add_tcase (s, tc);
  tc = tcase_create ("Suggestions");
  tcase_add_test (tc, test_suggest);
  suite_add_tcase (s, tc);
  graphs_plan_json_tcases (s);
  graphs_execution_tcases (s);
  graphs_jobgraph_tcases (s);
  graphs_language_tcases (s);
  graphs_streamgraph_tcases (s);
  graphs_robustness_tcases (s);
  graphs_chaining_why_tcases (s);
  graphs_rest_plan_tcases (s);
  graphs_batch_tcases (s);
  graphs_routing_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (graphs_suite ());
}
