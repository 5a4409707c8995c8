/* graphs-rest-plan.c - the Web UI's JSON imported at the JobGraph level, in
 * check_graphs.
 *
 * The samples under examples/plans/rest/ are real REST answers
 * (JsonPlanGenerator.generatePlan, JobDetailsInfo; see the README there):
 * each imports, and its JobGraph has exactly the vertices, parallelism,
 * JobVertexIDs and ship strategies the REST API reported, with no vertex
 * chained to another (the plan's chains stand). Errors are located in the
 * JSON as for getExecutionPlan() plans. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tests/graphs-tests.h"

void graphs_rest_plan_tcases (Suite *suite);

/* The REST vertex names: "vertices[].name" when the document has them, else
 * the plan description with "-&gt;" read back as "->" (the REST docs'
 * JobVertex name is the chain name). */
static const char *
expected_name (JsonObject *top, JsonObject *node)
{
  if (json_object_has_member (top, "vertices"))
    {
      JsonArray *vs = json_object_get_array_member (top, "vertices");
      for (guint i = 0; i < json_array_get_length (vs); i++)
        {
          JsonObject *v = json_array_get_object_element (vs, i);
          if (g_str_equal (json_object_get_string_member (v, "id"),
                           json_object_get_string_member (node, "id")))
            return json_object_get_string_member (v, "name");
        }
    }
  return NULL;
}

static void
check_sample (const char *relative, guint n_vertices)
{
  g_autoptr (FsimJob) job = fsim_test_load_job (relative);
  g_autofree char *path = fsim_test_srcpath (relative);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_file (parser, path, NULL));
  JsonObject *top = json_node_get_object (json_parser_get_root (parser));
  JsonObject *plan = json_object_has_member (top, "plan")
                     ? json_object_get_object_member (top, "plan") : top;
  JsonArray *nodes = json_object_get_array_member (plan, "nodes");
  ck_assert_uint_eq (json_array_get_length (nodes), n_vertices);

  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (fsim_job_graph_get_vertices (jg)->len, n_vertices);
  ck_assert_str_eq (fsim_job_graph_get_name (jg), json_object_get_string_member (plan, "name"));
  /* the JobID too is taken as given */
  ck_assert_str_eq (fsim_job_graph_get_id (jg), json_object_get_string_member (plan, "jid"));
  for (guint i = 0; i < n_vertices; i++)
    {
      JsonObject *n = json_array_get_object_element (nodes, i);
      const FsimJobVertex *v = fsim_job_graph_get_vertex_by_id (
        jg, json_object_get_string_member (n, "id"));
      ck_assert_msg (v != NULL, "%s: vertex %s", relative, json_object_get_string_member (n, "id"));
      ck_assert_int_eq (v->parallelism, json_object_get_int_member (n, "parallelism"));
      const char *name = expected_name (top, n);
      if (name)
        ck_assert_str_eq (v->name, name);
      /* one operator per vertex: nothing chained again */
      ck_assert_uint_eq (v->operators->len, 1);
      JsonArray *in = json_object_has_member (n, "inputs")
                      ? json_object_get_array_member (n, "inputs") : NULL;
      ck_assert_uint_eq (v->inputs->len, in ? json_array_get_length (in) : 0);
      for (guint j = 0; in && j < json_array_get_length (in); j++)
        {
          JsonObject *e = json_array_get_object_element (in, j);
          const FsimJobEdge *je = v->inputs->pdata[j];
          ck_assert_str_eq (je->producer->id, json_object_get_string_member (e, "id"));
          ck_assert_str_eq (fsim_partitioner_name (je->ship_strategy),
                            json_object_get_string_member (e, "ship_strategy"));
          g_autofree char *exchange = g_ascii_strdown (
            fsim_result_partition_type_name (je->source->result_type), -1);
          ck_assert_str_eq (exchange, json_object_get_string_member (e, "exchange"));
        }
    }
  /* the ExecutionGraph builds on it: the job runs from there */
  g_autoptr (FsimExecutionGraph) eg = fsim_execution_graph_new_for_job (job, &error);
  ck_assert_msg (eg != NULL, "%s", error ? error->message : "?");
}

/* GET /jobs/:jobid (JobDetailsInfo): "vertices" and "plan". */
START_TEST (test_rest_job_details)
{
  check_sample ("examples/plans/rest/rest-job-details-source-sink.json", 2);
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/rest/rest-job-details-source-sink.json");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, NULL);
  /* a FORWARD input between vertices of equal parallelism was not chained
   * in Flink, so it is not here: the plan says why not */
  const FsimChainingDecision *d = fsim_job_graph_get_chaining ((jg))->pdata[0];
  ck_assert (!d->chained);
  ck_assert_str_eq (fsim_chaining_rule_name (d->rule), "chaining-strategy");
  ck_assert_str_eq (d->reason, "the REST plan gives the chains: Sink: streamsinkfactory heads "
                               "a JobVertex of its own (ChainingStrategy HEAD here)");
}
END_TEST

/* GET /jars/:jarid/plan of Flink 1.7 ({"plan": …}, descriptions unescaped). */
START_TEST (test_rest_plan_flink_1_7)
{
  check_sample ("examples/plans/rest/rest-plan-top-speed-windowing-flink-1.7.json", 2);
  g_autoptr (FsimJob) job = fsim_test_load_job (
    "examples/plans/rest/rest-plan-top-speed-windowing-flink-1.7.json");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, NULL);
  ck_assert_str_eq (((FsimJobVertex *) fsim_job_graph_get_vertices_topological (jg)->pdata[0])->name,
                    "Source: Custom Source -> Timestamps/Watermarks");
}
END_TEST

/* The plan object alone (JsonPlanGenerator's output, "-&gt;" escaped, with
 * "type" since 1.14): names read back with "->". */
START_TEST (test_rest_plan_object)
{
  check_sample ("examples/plans/rest/rest-plan-socket-wordcount.json", 2);
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/rest/rest-plan-socket-wordcount.json");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, NULL);
  GPtrArray *topo = fsim_job_graph_get_vertices_topological (jg);
  ck_assert_str_eq (((FsimJobVertex *) topo->pdata[0])->name, "Source: Socket Stream -> Flat Map");
  ck_assert_str_eq (((FsimJobVertex *) topo->pdata[1])->name,
                    "Keyed Aggregation -> Sink: Print to Std. Out");
}
END_TEST

/* TREE descriptions (1.15+): "A<br/>+- B<br/>" is the chain "A -> B"; a
 * blocking exchange gives a BLOCKING result. */
START_TEST (test_rest_tree_and_blocking)
{
  g_autoptr (FsimJob) job = fsim_test_import_plan (
    "{\"plan\":{\"jid\":\"00000000000000000000000000000001\",\"name\":\"j\",\"type\":\"BATCH\","
    "\"nodes\":[{\"id\":\"0a448493b4782967b150582570326227\",\"parallelism\":2,\"operator\":\"\","
    "\"operator_strategy\":\"\",\"description\":\"Keyed Reduce<br/>+- Sink: Print to Std. Out<br/>\","
    "\"inputs\":[{\"num\":0,\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"ship_strategy\":\"HASH\","
    "\"exchange\":\"blocking\"}],\"optimizer_properties\":{}},"
    "{\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"parallelism\":2,\"operator\":\"\","
    "\"operator_strategy\":\"\",\"description\":\"Source: Sequence Source<br/>\","
    "\"optimizer_properties\":{}}]}}", "r.json");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, NULL);
  GPtrArray *topo = fsim_job_graph_get_vertices_topological (jg);
  ck_assert_str_eq (((FsimJobVertex *) topo->pdata[0])->name, "Source: Sequence Source");
  ck_assert_str_eq (((FsimJobVertex *) topo->pdata[1])->name,
                    "Keyed Reduce -> Sink: Print to Std. Out");
  const FsimJobEdge *e = ((FsimJobVertex *) topo->pdata[1])->inputs->pdata[0];
  ck_assert_int_eq (e->source->result_type, FSIM_RESULT_PARTITION_BLOCKING);
}
END_TEST

/* A keyed edge of an imported plan breaks where Flink broke it: isChainable
 * asks areOperatorsChainable (parallelism) and then
 * arePartitionerAndExchangeModeChainable (only FORWARD) before anything the
 * plan's own chain boundaries could stand for. */
START_TEST (test_rest_chaining_reason_order)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/plans/rest/rest-plan-socket-wordcount.json");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, NULL);
  const FsimChainingDecision *d = fsim_job_graph_get_chaining (jg)->pdata[0];
  ck_assert (!d->chained);
  ck_assert_str_eq (fsim_chaining_rule_name (d->rule), "partitioner");
  ck_assert_str_eq (d->reason, "HASH partitioner: only FORWARD chains");

  /* REBALANCE from 2 to 1: the parallelism fails first, as in areOperatorsChainable */
  g_autoptr (FsimJob) j2 = fsim_test_import_plan (
    "{\"plan\":{\"nodes\":[{\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"parallelism\":2,"
    "\"description\":\"Source: A\"},{\"id\":\"0a448493b4782967b150582570326227\","
    "\"parallelism\":1,\"description\":\"Map\",\"inputs\":[{\"num\":0,"
    "\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"ship_strategy\":\"REBALANCE\","
    "\"exchange\":\"pipelined_bounded\"}]}]}}", "r.json");
  g_autoptr (FsimJobGraph) jg2 = fsim_job_graph_new_for_job (j2, NULL);
  d = fsim_job_graph_get_chaining (jg2)->pdata[0];
  ck_assert_str_eq (fsim_chaining_rule_name (d->rule), "parallelism");
  ck_assert_str_eq (d->reason, "parallelism 2 \u2192 1");
}
END_TEST

/* Bad REST JSON: file:line:col, the line, a caret, a suggestion. */
START_TEST (test_rest_errors)
{
  static const struct { const char *json; const char *want; } cases[] = {
    { "{\"plan\":{\"nodes\":[{\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"parallelism\":1,"
      "\"description\":\"Source: A\"},{\"id\":\"0a448493b4782967b150582570326227\","
      "\"parallelism\":1,\"description\":\"Map\",\"inputs\":[{\"num\":0,"
      "\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"ship_strategy\":\"HASHH\","
      "\"exchange\":\"pipelined_bounded\"}]}]}}\n",
      "r.json:1:255: error: unknown ship_strategy \"HASHH\"" },
    { "{\"plan\":{\"nodes\":[{\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"parallelism\":1,"
      "\"description\":\"Source: A\"},{\"id\":\"0a448493b4782967b150582570326227\","
      "\"parallelism\":1,\"description\":\"Map\",\"inputs\":[{\"num\":0,"
      "\"id\":\"bc764cd8ddf7a0cff126f51c16239650\",\"ship_strategy\":\"HASH\","
      "\"exchange\":\"pipelined_bounded\"}]}]}}\n",
      "r.json:1:204: error: input bc764cd8ddf7a0cff126f51c16239650 is not a node of the plan" },
    { "{\"plan\":{\"nodes\":[{\"id\":\"bc764cd8\",\"parallelism\":1,\"description\":\"A\"}]}}\n",
      "r.json:1:25: error: \"bc764cd8\" is not a JobVertexID" },
    { "{\"plan\":{\"nodes\":[{\"id\":\"bc764cd8ddf7a0cff126f51c16239658\",\"parallelizm\":1,"
      "\"description\":\"A\"}]}}\n",
      "r.json:1:60: error: unknown field \"parallelizm\" in a plan node" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimJob) job = fsim_job_import_plan_json (cases[i].json, "r.json", &error);
      ck_assert_ptr_null (job);
      ck_assert_msg (g_str_has_prefix (error->message, cases[i].want), "want '%s', got:\n%s",
                     cases[i].want, error->message);
      /* the line and a caret under the place */
      ck_assert_ptr_nonnull (strstr (error->message, "\n 1 | "));
      ck_assert_ptr_nonnull (strchr (error->message, '^'));
    }
  /* a suggestion for the misspelt ship strategy and member */
  g_autoptr (GError) e2 = NULL;
  g_autoptr (FsimJob) j2 = fsim_job_import_plan_json (cases[0].json, "r.json", &e2);
  ck_assert_ptr_nonnull (strstr (e2->message, "did you mean 'HASH'?"));
  g_autoptr (GError) e3 = NULL;
  g_autoptr (FsimJob) j3 = fsim_job_import_plan_json (cases[3].json, "r.json", &e3);
  ck_assert_ptr_nonnull (strstr (e3->message, "did you mean 'parallelism'?"));
}
END_TEST

void
graphs_rest_plan_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("RestPlanImport");
  tcase_add_test (tc, test_rest_job_details);
  tcase_add_test (tc, test_rest_plan_flink_1_7);
  tcase_add_test (tc, test_rest_plan_object);
  tcase_add_test (tc, test_rest_tree_and_blocking);
  tcase_add_test (tc, test_rest_chaining_reason_order);
  tcase_add_test (tc, test_rest_errors);
  suite_add_tcase (suite, tc);
}
