/* graphs-plan-json.c - getExecutionPlan() JSON written and read (graphs/plan-json.c).
 *
 * Expected texts follow JSONGenerator (flink-runtime
 * org.apache.flink.streaming.api.graph.JSONGenerator) and
 * Jackson's DefaultPrettyPrinter, and are checked against real plans under
 * examples/plans/ (README there says where each comes from). */
#include "config.h"

#include <string.h>

#include "tests/graphs-tests.h"

void graphs_plan_json_tcases (Suite *suite);

static char *
read_sample (const char *name)
{
  g_autofree char *rel = g_build_filename ("examples", "plans", name, NULL);
  g_autofree char *path = fsim_test_srcpath (rel);
  char *text = NULL;
  ck_assert_msg (g_file_get_contents (path, &text, NULL, NULL), "cannot read %s", path);
  return text;
}

static FsimJob *
import_sample (const char *name)
{
  g_autofree char *text = read_sample (name);
  return fsim_test_import_plan (text, name);
}

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

/* Flink's streaming WordCount (flink-examples WordCount.java): fromData
 * "in-memory-input" = 1, flatMap "tokenizer" = 2, keyBy = 3 (a
 * PartitionTransformation, no node), sum "counter" = 4, print "print-sink"
 * = 5 (a LegacySinkTransformation, registered as sink). Same parallelism
 * everywhere, so FORWARD except after keyBy (HASH). */
static FsimStreamGraph *
wordcount_graph (void)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("WordCount");
  FsimStreamNode *src = fsim_stream_graph_add_node (g, 1, "Source: in-memory-input",
                                                    FSIM_OPERATOR_SOURCE);
  src->is_source = TRUE;
  FsimStreamNode *tok = fsim_stream_graph_add_node (g, 2, "tokenizer", FSIM_OPERATOR_ONE_INPUT);
  FsimStreamNode *cnt = fsim_stream_graph_add_node (g, 4, "counter", FSIM_OPERATOR_ONE_INPUT);
  FsimStreamNode *sink = fsim_stream_graph_add_node (g, 5, "Sink: print-sink",
                                                     FSIM_OPERATOR_LEGACY_SINK);
  sink->is_sink = TRUE;
  fsim_stream_graph_add_edge (g, src, tok, 0, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, tok, cnt, 0, FSIM_PARTITIONER_HASH, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, cnt, sink, 0, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  return g;
}

/* Written from the rules: "nodes" only; per node id, type, pact, contents,
 * parallelism, then predecessors unless a source; "side" always "second";
 * Jackson: two spaces per object level, " : ", "[ {", "}, {", "} ]". */
static const char wordcount_expected[] =
  "{\n"
  "  \"nodes\" : [ {\n"
  "    \"id\" : 1,\n"
  "    \"type\" : \"Source: in-memory-input\",\n"
  "    \"pact\" : \"Data Source\",\n"
  "    \"contents\" : \"Source: in-memory-input\",\n"
  "    \"parallelism\" : 1\n"
  "  }, {\n"
  "    \"id\" : 2,\n"
  "    \"type\" : \"tokenizer\",\n"
  "    \"pact\" : \"Operator\",\n"
  "    \"contents\" : \"tokenizer\",\n"
  "    \"parallelism\" : 1,\n"
  "    \"predecessors\" : [ {\n"
  "      \"id\" : 1,\n"
  "      \"ship_strategy\" : \"FORWARD\",\n"
  "      \"side\" : \"second\"\n"
  "    } ]\n"
  "  }, {\n"
  "    \"id\" : 4,\n"
  "    \"type\" : \"counter\",\n"
  "    \"pact\" : \"Operator\",\n"
  "    \"contents\" : \"counter\",\n"
  "    \"parallelism\" : 1,\n"
  "    \"predecessors\" : [ {\n"
  "      \"id\" : 2,\n"
  "      \"ship_strategy\" : \"HASH\",\n"
  "      \"side\" : \"second\"\n"
  "    } ]\n"
  "  }, {\n"
  "    \"id\" : 5,\n"
  "    \"type\" : \"Sink: print-sink\",\n"
  "    \"pact\" : \"Data Sink\",\n"
  "    \"contents\" : \"Sink: print-sink\",\n"
  "    \"parallelism\" : 1,\n"
  "    \"predecessors\" : [ {\n"
  "      \"id\" : 4,\n"
  "      \"ship_strategy\" : \"FORWARD\",\n"
  "      \"side\" : \"second\"\n"
  "    } ]\n"
  "  } ]\n"
  "}\n";

START_TEST (test_export_wordcount)
{
  g_autoptr (FsimStreamGraph) g = wordcount_graph ();
  g_autofree char *json = fsim_stream_graph_to_plan_json (g);
  ck_assert_str_eq (json, wordcount_expected);
  /* and it is what Flink 1.19's `flink info` printed for that job */
  g_autofree char *real = read_sample ("wordcount-flink-1.19.json");
  ck_assert_str_eq (json, real);
}
END_TEST

/* JSONGenerator sorts registered sinks (getSinkIDs) after everything else;
 * a Sink V2 writer is an ordinary operator and keeps its id order. pact
 * asks getSourceIDs first. contents is the description, not the name.
 * An unresolved 1.x parallelism is written as -1. */
START_TEST (test_export_order_and_fields)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *src = fsim_stream_graph_add_node (g, 1, "Source: Kafka Source",
                                                    FSIM_OPERATOR_SOURCE);
  src->is_source = TRUE;
  FsimStreamNode *print = fsim_stream_graph_add_node (g, 3, "Sink: Print to Std. Out",
                                                      FSIM_OPERATOR_LEGACY_SINK);
  print->is_sink = TRUE;
  FsimStreamNode *map = fsim_stream_graph_add_node (g, 4, "Map", FSIM_OPERATOR_ONE_INPUT);
  g_free (map->description);
  map->description = g_strdup ("parse events");
  map->plan_parallelism_default = TRUE;
  FsimStreamNode *writer = fsim_stream_graph_add_node (g, 6, "Sink: Writer",
                                                       FSIM_OPERATOR_SINK_WRITER);
  fsim_stream_graph_add_edge (g, src, print, 0, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, src, map, 0, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, map, writer, 0, FSIM_PARTITIONER_SHUFFLE, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, src, writer, 0, FSIM_PARTITIONER_BROADCAST, FSIM_EXCHANGE_UNDEFINED);
  g_autofree char *json = fsim_stream_graph_to_plan_json (g);
  ck_assert_str_eq (json,
    "{\n"
    "  \"nodes\" : [ {\n"
    "    \"id\" : 1,\n"
    "    \"type\" : \"Source: Kafka Source\",\n"
    "    \"pact\" : \"Data Source\",\n"
    "    \"contents\" : \"Source: Kafka Source\",\n"
    "    \"parallelism\" : 1\n"
    "  }, {\n"
    "    \"id\" : 4,\n"
    "    \"type\" : \"Map\",\n"
    "    \"pact\" : \"Operator\",\n"
    "    \"contents\" : \"parse events\",\n"
    "    \"parallelism\" : -1,\n"
    "    \"predecessors\" : [ {\n"
    "      \"id\" : 1,\n"
    "      \"ship_strategy\" : \"REBALANCE\",\n"
    "      \"side\" : \"second\"\n"
    "    } ]\n"
    "  }, {\n"
    "    \"id\" : 6,\n"
    "    \"type\" : \"Sink: Writer\",\n"
    "    \"pact\" : \"Operator\",\n"
    "    \"contents\" : \"Sink: Writer\",\n"
    "    \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ {\n"
    "      \"id\" : 4,\n"
    "      \"ship_strategy\" : \"SHUFFLE\",\n"
    "      \"side\" : \"second\"\n"
    "    }, {\n"
    "      \"id\" : 1,\n"
    "      \"ship_strategy\" : \"BROADCAST\",\n"
    "      \"side\" : \"second\"\n"
    "    } ]\n"
    "  }, {\n"
    "    \"id\" : 3,\n"
    "    \"type\" : \"Sink: Print to Std. Out\",\n"
    "    \"pact\" : \"Data Sink\",\n"
    "    \"contents\" : \"Sink: Print to Std. Out\",\n"
    "    \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ {\n"
    "      \"id\" : 1,\n"
    "      \"ship_strategy\" : \"FORWARD\",\n"
    "      \"side\" : \"second\"\n"
    "    } ]\n"
    "  } ]\n"
    "}\n");
}
END_TEST

/* Jackson escapes '"', '\\' and control characters only (\t as \t, others
 * as \u00XX in upper-case hex) and writes UTF-8 as it is; an empty array is
 * "[ ]", which JSONGenerator writes for a non-source without inputs. */
START_TEST (test_export_escapes_and_empty_predecessors)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  fsim_stream_graph_add_node (g, 7, "Map \"é\" a\\b\tc\001/", FSIM_OPERATOR_ONE_INPUT);
  g_autofree char *json = fsim_stream_graph_to_plan_json (g);
  ck_assert_str_eq (json,
    "{\n"
    "  \"nodes\" : [ {\n"
    "    \"id\" : 7,\n"
    "    \"type\" : \"Map \\\"é\\\" a\\\\b\\tc\\u0001/\",\n"
    "    \"pact\" : \"Operator\",\n"
    "    \"contents\" : \"Map \\\"é\\\" a\\\\b\\tc\\u0001/\",\n"
    "    \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ ]\n"
    "  } ]\n"
    "}\n");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Import                                                                    */

START_TEST (test_import_wordcount_sample)
{
  g_autoptr (FsimJob) job = import_sample ("wordcount-flink-1.19.json");
  ck_assert_str_eq (fsim_job_get_name (job), "Flink Streaming Job");
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  ck_assert_uint_eq (nodes->len, 4);
  FsimStreamNode *src = graphs_test_node_by_id (job, 1), *tok = graphs_test_node_by_id (job, 2);
  FsimStreamNode *cnt = graphs_test_node_by_id (job, 4), *sink = graphs_test_node_by_id (job, 5);
  /* fromData is a FLIP-27 source in Flink 1.19+: not a legacy name */
  ck_assert (src->is_source && !src->is_sink);
  ck_assert_int_eq (src->kind, FSIM_OPERATOR_SOURCE);
  ck_assert_uint_eq (src->in_edges->len, 0);
  ck_assert_int_eq (tok->kind, FSIM_OPERATOR_ONE_INPUT);
  ck_assert (sink->is_sink && !sink->is_source);
  ck_assert_int_eq (sink->kind, FSIM_OPERATOR_LEGACY_SINK);
  ck_assert_str_eq (cnt->name, "counter");
  ck_assert_str_eq (cnt->description, "counter");
  ck_assert_int_eq (graphs_test_in_edge (cnt, 0)->partitioner, FSIM_PARTITIONER_HASH);
  ck_assert_ptr_eq (graphs_test_in_edge (cnt, 0)->source, tok);
  ck_assert_int_eq (graphs_test_in_edge (cnt, 0)->type_number, 0);
  ck_assert_int_eq (graphs_test_in_edge (sink, 0)->partitioner, FSIM_PARTITIONER_FORWARD);
  /* what the plan does not say takes Flink's defaults */
  ck_assert_int_eq (cnt->parallelism, 1);
  ck_assert_int_eq (cnt->max_parallelism, -1);
  ck_assert_str_eq (cnt->slot_sharing_group, "default");
  ck_assert_int_eq (cnt->chaining, FSIM_CHAINING_ALWAYS);
  ck_assert_int_eq (cnt->line, 0);
}
END_TEST

/* UNION ALL makes no node (UnionTransformation): the aggregate gets one
 * HASH edge per union input, both typeNumber 0. contents is the
 * description ("[20]:GroupAggregate(…)"), type the name. */
START_TEST (test_import_sql_union_sample)
{
  g_autoptr (FsimJob) job = import_sample ("sql-explain-union-aggregate.json");
  FsimStreamNode *agg = graphs_test_node_by_id (job, 22);
  ck_assert_int_eq (agg->kind, FSIM_OPERATOR_ONE_INPUT);
  ck_assert_uint_eq (agg->in_edges->len, 2);
  ck_assert_int_eq (graphs_test_in_edge (agg, 0)->source->id, 18);
  ck_assert_int_eq (graphs_test_in_edge (agg, 1)->source->id, 19);
  ck_assert_int_eq (graphs_test_in_edge (agg, 0)->partitioner, FSIM_PARTITIONER_HASH);
  ck_assert_int_eq (graphs_test_in_edge (agg, 1)->type_number, 0);
  ck_assert_str_eq (agg->name, "GroupAggregate[20]");
  ck_assert_str_eq (agg->description,
                    "[20]:GroupAggregate(groupBy=[count], select=[count, COUNT(word) AS EXPR$1])");
  ck_assert (graphs_test_node_by_id (job, 19)->is_source);
  ck_assert (!agg->is_sink);
}
END_TEST

/* socketTextStream is a SourceFunction (LegacySourceTransformation); the
 * map's parallelism 2 after a parallelism-1 flatMap gets REBALANCE, Flink's
 * default between different parallelisms (StreamGraph.createActualEdge). */
START_TEST (test_import_socket_sample)
{
  g_autoptr (FsimJob) job = import_sample ("stream-wordcount-flink-1.17.json");
  ck_assert_int_eq (graphs_test_node_by_id (job, 1)->kind, FSIM_OPERATOR_LEGACY_SOURCE);
  ck_assert_int_eq (graphs_test_node_by_id (job, 3)->parallelism, 2);
  ck_assert_int_eq (graphs_test_in_edge (graphs_test_node_by_id (job, 3), 0)->partitioner,
                    FSIM_PARTITIONER_REBALANCE);
  ck_assert_int_eq (graphs_test_in_edge (graphs_test_node_by_id (job, 5), 0)->partitioner,
                    FSIM_PARTITIONER_HASH);
  ck_assert (graphs_test_node_by_id (job, 6)->is_sink);
}
END_TEST

/* 1.x: env parallelism -1 (ExecutionConfig.PARALLELISM_DEFAULT) reaches the
 * plan unresolved; it resolves to parallelism.default (1) and is written
 * back as -1. FORWARD between two -1 nodes is legal (equal raw values). */
START_TEST (test_import_parallelism_default)
{
  const char *text =
    "{\n"
    "  \"nodes\" : [ {\n"
    "    \"id\" : 1,\n"
    "    \"type\" : \"Source: Custom Source\",\n"
    "    \"pact\" : \"Data Source\",\n"
    "    \"contents\" : \"Source: Custom Source\",\n"
    "    \"parallelism\" : -1\n"
    "  }, {\n"
    "    \"id\" : 2,\n"
    "    \"type\" : \"Sink: Unnamed\",\n"
    "    \"pact\" : \"Data Sink\",\n"
    "    \"contents\" : \"Sink: Unnamed\",\n"
    "    \"parallelism\" : -1,\n"
    "    \"predecessors\" : [ {\n"
    "      \"id\" : 1,\n"
    "      \"ship_strategy\" : \"FORWARD\",\n"
    "      \"side\" : \"second\"\n"
    "    } ]\n"
    "  } ]\n"
    "}\n";
  g_autoptr (FsimJob) job = fsim_test_import_plan (text, "old.json");
  ck_assert_int_eq (graphs_test_node_by_id (job, 1)->parallelism, 1);
  ck_assert (graphs_test_node_by_id (job, 1)->plan_parallelism_default);
  ck_assert_int_eq (graphs_test_node_by_id (job, 1)->kind, FSIM_OPERATOR_LEGACY_SOURCE);
  g_autofree char *back = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (job));
  ck_assert_str_eq (back, text);
}
END_TEST

/* connect(...).map() is a TwoInputTransformation named "Co-Map": first
 * input typeNumber 1, second 2 (AbstractTwoInputTransformationTranslator).
 * sinkTo's "Sink: Writer" is an operator, not a registered sink. Fields
 * Flink omits (no contents here, no side) are tolerated. */
START_TEST (test_import_two_input_and_writer)
{
  const char *text =
    "{ \"nodes\" : [\n"
    "  { \"id\" : 1, \"type\" : \"Source: A\", \"pact\" : \"Data Source\", \"parallelism\" : 2 },\n"
    "  { \"id\" : 2, \"type\" : \"Source: B\", \"pact\" : \"Data Source\", \"parallelism\" : 1 },\n"
    "  { \"id\" : 4, \"type\" : \"Co-Map\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"HASH\" },\n"
    "                         { \"id\" : 2, \"ship_strategy\" : \"BROADCAST\" } ] },\n"
    "  { \"id\" : 6, \"type\" : \"Sink: Writer\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
    "    \"predecessors\" : [ { \"id\" : 4, \"ship_strategy\" : \"FORWARD\" } ] } ] }\n";
  g_autoptr (FsimJob) job = fsim_test_import_plan (text, "co.json");
  FsimStreamNode *co = graphs_test_node_by_id (job, 4);
  ck_assert_int_eq (co->kind, FSIM_OPERATOR_TWO_INPUT);
  ck_assert_int_eq (graphs_test_in_edge (co, 0)->type_number, 1);
  ck_assert_int_eq (graphs_test_in_edge (co, 1)->type_number, 2);
  ck_assert_int_eq (graphs_test_in_edge (co, 1)->partitioner, FSIM_PARTITIONER_BROADCAST);
  ck_assert_str_eq (co->description, "Co-Map");
  FsimStreamNode *writer = graphs_test_node_by_id (job, 6);
  ck_assert_int_eq (writer->kind, FSIM_OPERATOR_SINK_WRITER);
  ck_assert (!writer->is_sink);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Round trip                                                                */

/* Every real plan under examples/plans, read and written again. */
START_TEST (test_round_trip_samples)
{
  g_autoptr (GPtrArray) samples = fsim_test_list_sources ("examples/plans", ".json");
  ck_assert_uint_ge (samples->len, 3);
  for (guint i = 0; i < samples->len; i++)
    {
      g_autofree char *text = read_sample (samples->pdata[i]);
      g_autoptr (FsimJob) job = import_sample (samples->pdata[i]);
      g_autofree char *back = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (job));
      ck_assert_str_eq (back, text);
    }
}
END_TEST

START_TEST (test_round_trip_written)
{
  g_autoptr (FsimStreamGraph) g = wordcount_graph ();
  g_autofree char *json = fsim_stream_graph_to_plan_json (g);
  g_autoptr (FsimJob) job = fsim_test_import_plan (json, "w.json");
  g_autofree char *again = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (job));
  ck_assert_str_eq (again, json);
}
END_TEST

/* Every example job written as a plan and read back keeps what the plan
 * carries (JSONGenerator: id, name, description, parallelism, source/sink
 * registration, in-edges with their partitioner) and the operator kind the
 * job language gave it; typeNumbers come back for two-input operators.
 * Max parallelism, slot sharing group and chaining are not in the plan. */
START_TEST (test_examples_through_plan_json)
{
  g_autoptr (GPtrArray) examples = fsim_test_list_sources ("examples", ".job");
  ck_assert_uint_ge (examples->len, 6);
  for (guint e = 0; e < examples->len; e++)
    {
      g_autofree char *rel = g_build_filename ("examples", examples->pdata[e], NULL);
      g_autoptr (FsimJob) job = fsim_test_load_job (rel);
      g_autofree char *json = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (job));
      g_autoptr (FsimJob) back = fsim_test_import_plan (json, rel);
      GPtrArray *a = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
      GPtrArray *b = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (back));
      ck_assert_uint_eq (a->len, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          FsimStreamNode *x = a->pdata[i], *y = b->pdata[i];
          ck_assert_int_eq (x->id, y->id);
          ck_assert_str_eq (x->name, y->name);
          ck_assert_str_eq (x->description, y->description);
          ck_assert_int_eq (x->parallelism, y->parallelism);
          ck_assert_int_eq (x->is_source, y->is_source);
          ck_assert_int_eq (x->is_sink, y->is_sink);
          ck_assert_msg (x->kind == y->kind, "%s: node %d (%s): kind %d read back as %d",
                         (char *) examples->pdata[e], x->id, x->name, x->kind, y->kind);
          ck_assert_uint_eq (x->in_edges->len, y->in_edges->len);
          for (guint k = 0; k < x->in_edges->len; k++)
            {
              FsimStreamEdge *ex = x->in_edges->pdata[k], *ey = y->in_edges->pdata[k];
              ck_assert_int_eq (ex->source->id, ey->source->id);
              ck_assert_int_eq (ex->partitioner, ey->partitioner);
              ck_assert_int_eq (ex->type_number, ey->type_number);
              ck_assert_int_eq (ex->unique_id, ey->unique_id);
            }
        }
      g_autofree char *again = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (back));
      ck_assert_str_eq (again, json);
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Errors: each one a diagnostic at file:line:col, never a crash.            */

typedef struct {
  const char *what;
  const char *text;
  const char *where;            /* "p.json:L:C: error: " */
  const char *says;             /* in the message */
  const char *hint;             /* in the message too, or NULL */
} BadPlan;

#define SRC1 "{ \"id\" : 1, \"type\" : \"Source: A\", \"pact\" : \"Data Source\", \"parallelism\" : 1 }"

static const BadPlan bad_plans[] = {
  { "trailing comma (json-glib's position: the comma)",
    "{ \"nodes\" : [\n  " SRC1 ",\n] }", "p.json:2:80: error: ", "invalid JSON", NULL },
  { "empty input", "", "p.json:1:1: error: ", "expected a JSON object", NULL },
  { "top level array", "[ 1 ]", "p.json:1:1: error: ", "expected a JSON object", NULL },
  { "missing nodes", "{ }", "p.json:1:1: error: ", "missing \"nodes\"", NULL },
  { "misspelt nodes", "{\n  \"node\" : [ ] }", "p.json:2:3: error: ",
    "unknown field \"node\"", "did you mean 'nodes'?" },
  { "nodes not an array", "{ \"nodes\" : 3 }", "p.json:1:13: error: ",
    "\"nodes\" must be an array", NULL },
  { "no nodes", "{ \"nodes\" : [ ] }", "p.json:1:13: error: ", "the plan has no nodes", NULL },
  { "node not an object", "{ \"nodes\" : [ 1 ] }", "p.json:1:15: error: ",
    "must be an object", NULL },
  { "missing id", "{ \"nodes\" : [ { \"type\" : \"Map\" } ] }", "p.json:1:15: error: ",
    "missing \"id\"", NULL },
  { "id not an integer",
    "{ \"nodes\" : [ { \"id\" : \"1\", \"type\" : \"Source: A\" } ] }", "p.json:1:24: error: ",
    "\"id\" must be an integer", NULL },
  { "id zero",
    "{ \"nodes\" : [ { \"id\" : 0, \"type\" : \"Source: A\" } ] }", "p.json:1:24: error: ",
    "node id 0 is not a StreamNode id", NULL },
  { "duplicate id", "{ \"nodes\" : [\n  " SRC1 ",\n  " SRC1 " ] }", "p.json:3:12: error: ",
    "node id 1 is used twice", "first used at line 2, column 12" },
  { "missing type", "{ \"nodes\" : [ { \"id\" : 1 } ] }", "p.json:1:15: error: ",
    "missing \"type\"", NULL },
  { "unknown pact",
    "{ \"nodes\" : [ { \"id\" : 1, \"type\" : \"A\", \"pact\" : \"Data Sorce\" } ] }",
    "p.json:1:50: error: ", "unknown pact \"Data Sorce\"", "did you mean 'Data Source'?" },
  { "unknown field in a node",
    "{ \"nodes\" : [ { \"id\" : 1, \"typ\" : \"A\" } ] }", "p.json:1:27: error: ",
    "unknown field \"typ\" in a node", "did you mean 'type'?" },
  { "parallelism zero",
    "{ \"nodes\" : [ { \"id\" : 1, \"type\" : \"A\", \"pact\" : \"Data Source\", \"parallelism\" : 0 } ] }",
    "p.json:1:81: error: ", "parallelism 0 of node 1 is not valid", "-1 for ExecutionConfig.PARALLELISM_DEFAULT" },
  { "stream iteration",
    "{ \"nodes\" : [ { \"step_function\" : [ ], \"id\" : 1 } ] }", "p.json:1:17: error: ",
    "stream iterations", NULL },
  { "unknown ship_strategy",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"REBALANSE\", \"side\" : \"second\" } ] } ] }",
    "p.json:4:54: error: ", "unknown ship_strategy \"REBALANSE\"", "did you mean 'REBALANCE'?" },
  { "lower-case ship_strategy",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"hash\" } ] } ] }",
    "p.json:4:54: error: ", "unknown ship_strategy \"hash\"", "did you mean 'HASH'?" },
  { "unknown side",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"HASH\", \"side\" : \"secnd\" } ] } ] }",
    "p.json:4:71: error: ", "unknown side \"secnd\"", "did you mean 'second'?" },
  { "predecessor that does not exist",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 7, \"ship_strategy\" : \"FORWARD\" } ] } ] }",
    "p.json:4:33: error: ", "node 2 names predecessor 7, but there is no node with that id",
    "the nodes are 1, 2" },
  { "source with predecessors",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Source: B\", \"pact\" : \"Data Source\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"FORWARD\" } ] } ] }",
    "p.json:4:22: error: ", "node 2 is a \"Data Source\" but has predecessors", NULL },
  { "operator without predecessors",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1 } ] }",
    "p.json:3:3: error: ", "node 2 (\"Map\") has no predecessors", NULL },
  { "forward with a parallelism change (StreamGraph.createActualEdge)",
    "{ \"nodes\" : [\n  " SRC1 ",\n  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"FORWARD\" } ] } ] }",
    "p.json:4:54: error: ", "Forward partitioning does not allow change of parallelism",
    "such as broadcast, rebalance, shuffle or global" },
  { "cycle",
    "{ \"nodes\" : [\n  " SRC1 ",\n"
    "  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"FORWARD\" }, { \"id\" : 3, \"ship_strategy\" : \"FORWARD\" } ] },\n"
    "  { \"id\" : 3, \"type\" : \"Filter\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 2, \"ship_strategy\" : \"FORWARD\" } ] } ] }",
    "p.json:4:76: error: ", "the predecessors form a cycle: 2 -> 3 -> 2", NULL },
  { "self loop",
    "{ \"nodes\" : [\n  " SRC1 ",\n"
    "  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
    "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"FORWARD\" }, { \"id\" : 2, \"ship_strategy\" : \"FORWARD\" } ] } ] }",
    "p.json:4:76: error: ", "the predecessors form a cycle: 2 -> 2", NULL },
};

START_TEST (test_import_error)
{
  const BadPlan *bad = &bad_plans[_i];
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_import_plan_json (bad->text, "p.json", &error);
  ck_assert_msg (job == NULL, "%s: accepted", bad->what);
  ck_assert_msg (error != NULL, "%s: no error set", bad->what);
  ck_assert (error->domain == FSIM_GRAPHS_ERROR);
  ck_assert_msg (g_str_has_prefix (error->message, bad->where),
                 "%s: want '%s…', got:\n%s", bad->what, bad->where, error->message);
  ck_assert_msg (strstr (error->message, bad->says) != NULL,
                 "%s: want '%s' in:\n%s", bad->what, bad->says, error->message);
  if (bad->hint)
    ck_assert_msg (strstr (error->message, bad->hint) != NULL,
                   "%s: want hint '%s' in:\n%s", bad->what, bad->hint, error->message);
}
END_TEST

void
graphs_plan_json_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("JSONGenerator");
  tcase_add_test (tc, test_export_wordcount);
  tcase_add_test (tc, test_export_order_and_fields);
  tcase_add_test (tc, test_export_escapes_and_empty_predecessors);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("PlanImport");
  tcase_add_test (tc, test_import_wordcount_sample);
  tcase_add_test (tc, test_import_sql_union_sample);
  tcase_add_test (tc, test_import_socket_sample);
  tcase_add_test (tc, test_import_parallelism_default);
  tcase_add_test (tc, test_import_two_input_and_writer);
  tcase_add_test (tc, test_round_trip_samples);
  tcase_add_test (tc, test_round_trip_written);
  tcase_add_test (tc, test_examples_through_plan_json);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("PlanImportErrors");
  tcase_add_loop_test (tc, test_import_error, 0, G_N_ELEMENTS (bad_plans));
  suite_add_tcase (suite, tc);
}
