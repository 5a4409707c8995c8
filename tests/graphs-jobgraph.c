/* graphs-jobgraph.c - the JobGraph (StreamingJobGraphGenerator), in check_graphs.
 *
 * StreamGraphs are built by hand with the StreamGraph API, in the shapes of
 * Flink's own tests (JobGraphGeneratorTestBase, the base of
 * StreamingJobGraphGeneratorTest, SlotAllocationTest,
 * StreamGraphCoLocationConstraintTest, SchedulerBaseComputeVertexParallelismTest).
 * Node ids follow Flink's transformation counter: partition and union
 * transformations take ids too, so ids have gaps where Flink's would. */
#include "config.h"

#include "graphs/job-graph-private.h"
#include "tests/testlib.h"

void graphs_jobgraph_tcases (Suite *suite);

/* ------------------------------------------------------------------------ */
/* Building StreamGraphs                                                      */

static FsimStreamNode *
add (FsimStreamGraph *g, int id, const char *name, FsimOperatorKind kind, int parallelism)
{
  FsimStreamNode *n = fsim_stream_graph_add_node (g, id, name, kind);
  n->parallelism = parallelism;
  n->is_source = kind == FSIM_OPERATOR_SOURCE || kind == FSIM_OPERATOR_LEGACY_SOURCE;
  n->is_sink = kind == FSIM_OPERATOR_LEGACY_SINK;
  if (kind == FSIM_OPERATOR_LEGACY_SOURCE)
    n->chaining = FSIM_CHAINING_HEAD;      /* DataStreamSource of addSource */
  return n;
}

static FsimStreamEdge *
connect (FsimStreamGraph *g, FsimStreamNode *a, FsimStreamNode *b, FsimPartitioner p)
{
  return fsim_stream_graph_add_edge (g, a, b, 0, p, FSIM_EXCHANGE_UNDEFINED);
}

static FsimJobGraph *
job_graph (FsimStreamGraph *g)
{
  g_autoptr (GError) error = NULL;
  FsimJobGraph *jg = fsim_job_graph_new (g, NULL, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  return jg;
}

static FsimJobVertex *
topo (FsimJobGraph *jg, guint i)
{
  GPtrArray *v = fsim_job_graph_get_vertices_topological (jg);
  ck_assert_uint_lt (i, v->len);
  return v->pdata[i];
}

static FsimJobVertex *
stored (FsimJobGraph *jg, guint i)
{
  GPtrArray *v = fsim_job_graph_get_vertices (jg);
  ck_assert_uint_lt (i, v->len);
  return v->pdata[i];
}

static guint
n_vertices (FsimJobGraph *jg)
{
  return fsim_job_graph_get_vertices (jg)->len;
}

/* source(1) -> map(2) over `edge`, the one-edge graph most chaining rules
 * are checked on: chained iff 1 vertex. */
static guint
vertices_of_pair (FsimStreamGraph *g)
{
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  return n_vertices (jg);
}

/* ------------------------------------------------------------------------ */
/* Ids: StreamGraphHasherV2                                                  */

/* Guava Murmur3Hash128Test.testKnownValues (seed 0): asBytes() is h1 then
 * h2, little-endian. */
START_TEST (test_murmur3_128_known_values)
{
  guint8 h[FSIM_HASH_LEN];
  char hex[33];
  fsim_murmur3_128 ("hell", 4, h);
  fsim_hash_to_hex (h, hex);
  /* h1 = 0x629942693e10f867, h2 = 0x92db0b82baeb5347 */
  ck_assert_str_eq (hex, "67f8103e694299624753ebba820bdb92");
  const char *fox = "The quick brown fox jumps over the lazy dog";
  fsim_murmur3_128 (fox, strlen (fox), h);
  fsim_hash_to_hex (h, hex);
  /* h1 = 0xe34bbc7bbc071b6c, h2 = 0x7a433ca9c49a9347 */
  ck_assert_str_eq (hex, "6c1b07bc7bbc4be347939ac4a93c437a");
}
END_TEST

/* Flink's "Socket Window WordCount" example: a REST /jobs/:id/plan of a
 * real run lists Source: Socket Stream (p1) bc764cd8…, Flat Map (p4)
 * 0a448493…, Window (p4) ea632d67…, Sink: Print to Std. Out (p1) 6d2677a0…,
 * edges REBALANCE, HASH, REBALANCE. No edge chains, so each node hashes
 * (its BFS position) and folds in its input (StreamGraphHasherV2). */
START_TEST (test_vertex_ids_socket_window_word_count)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("Socket Window WordCount");
  FsimStreamNode *src = add (g, 1, "Source: Socket Stream", FSIM_OPERATOR_LEGACY_SOURCE, 1);
  FsimStreamNode *flat = add (g, 2, "Flat Map", FSIM_OPERATOR_ONE_INPUT, 4);
  FsimStreamNode *win = add (g, 4, "Window(TumblingProcessingTimeWindows(5000), "
                             "ProcessingTimeTrigger, ReduceFunction$1, PassThroughWindowFunction)",
                             FSIM_OPERATOR_ONE_INPUT, 4);
  FsimStreamNode *sink = add (g, 5, "Sink: Print to Std. Out", FSIM_OPERATOR_LEGACY_SINK, 1);
  connect (g, src, flat, FSIM_PARTITIONER_REBALANCE);
  connect (g, flat, win, FSIM_PARTITIONER_HASH);
  connect (g, win, sink, FSIM_PARTITIONER_REBALANCE);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 4);
  /* storage order = the plan's node order: sink, window, flat map, source */
  ck_assert_str_eq (stored (jg, 0)->id, "6d2677a0ecc3fd8df0b72ec675edf8f4");
  ck_assert_str_eq (stored (jg, 1)->id, "ea632d67b7d595e5b851708ae9ad79d6");
  ck_assert_str_eq (stored (jg, 2)->id, "0a448493b4782967b150582570326227");
  ck_assert_str_eq (stored (jg, 3)->id, "bc764cd8ddf7a0cff126f51c16239658");
  ck_assert_str_eq (stored (jg, 0)->name, "Sink: Print to Std. Out");
}
END_TEST

/* Flink 2.x "WordCount" example, from a real REST /jobs/:id: vertices
 * "Source: in-memory-input -> tokenizer" cbc357cc… and "counter -> Sink:
 * print-sink" 90bea66d…; a chained out-edge adds the position once more. */
START_TEST (test_vertex_ids_chained_word_count)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("WordCount");
  FsimStreamNode *src = add (g, 1, "Source: in-memory-input", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *tok = add (g, 2, "tokenizer", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamNode *cnt = add (g, 4, "counter", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamNode *sink = add (g, 5, "Sink: print-sink", FSIM_OPERATOR_LEGACY_SINK, 1);
  connect (g, src, tok, FSIM_PARTITIONER_FORWARD);
  connect (g, tok, cnt, FSIM_PARTITIONER_HASH);
  connect (g, cnt, sink, FSIM_PARTITIONER_FORWARD);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 2);
  ck_assert_str_eq (topo (jg, 0)->id, "cbc357ccb763df2852fee8c4fc7d55f2");
  ck_assert_str_eq (topo (jg, 0)->name, "Source: in-memory-input -> tokenizer");
  ck_assert_str_eq (topo (jg, 1)->id, "90bea66de1c231edf33913ecd54406c1");
  ck_assert_str_eq (topo (jg, 1)->name, "counter -> Sink: print-sink");
  ck_assert_str_eq (topo (jg, 1)->operator_pretty_name, "counter\n+- Sink: print-sink\n");
}
END_TEST

/* StreamGraphHasherV2.generateUserSpecifiedHash: uid() replaces the
 * deterministic hash by murmur3_128 of the uid; equal uids are refused. */
START_TEST (test_vertex_ids_uid)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *src = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *map = add (g, 2, "Map", FSIM_OPERATOR_ONE_INPUT, 2);
  connect (g, src, map, FSIM_PARTITIONER_REBALANCE);
  src->uid = g_strdup ("my-source");
  {
    g_autoptr (FsimJobGraph) jg = job_graph (g);
    guint8 h[FSIM_HASH_LEN];
    char hex[33];
    fsim_murmur3_128 ("my-source", 9, h);
    fsim_hash_to_hex (h, hex);
    ck_assert_str_eq (topo (jg, 0)->id, hex);
  }
  map->uid = g_strdup ("my-source");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) bad = fsim_job_graph_new (g, NULL, &error);
  ck_assert_ptr_null (bad);
  ck_assert_ptr_nonnull (strstr (error->message, "Hash collision on user-specified ID \"my-source\""));
}
END_TEST

/* IntermediateDataSetID (JobVertexID, edgeId.hashCode()): upper + hash
 * becomes the lower half and lower + hash the upper half. With a zero hash
 * that is a plain swap of the two halves. */
START_TEST (test_intermediate_data_set_id)
{
  guint8 v[FSIM_HASH_LEN], out[FSIM_HASH_LEN];
  char hex[33];
  for (int i = 0; i < FSIM_HASH_LEN; i++)
    v[i] = (guint8) i;
  fsim_intermediate_data_set_id (v, 0, out);
  fsim_hash_to_hex (out, hex);
  ck_assert_str_eq (hex, "08090a0b0c0d0e0f0001020304050607");
  fsim_intermediate_data_set_id (v, -1, out);      /* sign-extended to long */
  fsim_hash_to_hex (out, hex);
  ck_assert_str_eq (hex, "08090a0b0c0d0e0e0001020304050606");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Chaining conditions (StreamingJobGraphGenerator.isChainable), one by one   */

/* JobGraphGeneratorTestBase.testParallelismOneNotChained: fromData -> map
 * -> keyBy -> map -> sink at parallelism 1: two vertices, results
 * PIPELINED_BOUNDED. */
START_TEST (test_parallelism_one_not_chained)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *src = add (g, 1, "Source: Collection Source", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *m1 = add (g, 2, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamNode *m2 = add (g, 4, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamNode *sink = add (g, 5, "Sink: Unnamed", FSIM_OPERATOR_LEGACY_SINK, 1);
  connect (g, src, m1, FSIM_PARTITIONER_FORWARD);
  connect (g, m1, m2, FSIM_PARTITIONER_HASH);
  connect (g, m2, sink, FSIM_PARTITIONER_FORWARD);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 2);
  FsimJobVertex *source = topo (jg, 0), *mapsink = topo (jg, 1);
  ck_assert_int_eq (source->parallelism, 1);
  ck_assert_int_eq (mapsink->parallelism, 1);
  FsimIntermediateDataSet *ds = source->produced->pdata[0];
  ck_assert_int_eq (ds->result_type, FSIM_RESULT_PARTITION_PIPELINED_BOUNDED);
  FsimJobEdge *in = mapsink->inputs->pdata[0];
  ck_assert_ptr_eq (in->source, ds);
  ck_assert_int_eq (in->pattern, FSIM_DISTRIBUTION_ALL_TO_ALL);
  ck_assert_int_eq (in->ship_strategy, FSIM_PARTITIONER_HASH);
  ck_assert (!in->is_forward);
  ck_assert_str_eq (source->name, "Source: Collection Source -> Map");
  ck_assert_str_eq (mapsink->name, "Map -> Sink: Unnamed");
  ck_assert_str_eq (fsim_job_type_name (fsim_job_graph_get_job_type (jg)), "STREAMING");
}
END_TEST

/* A forward source -> map pair with one property changed per case. */
static FsimStreamGraph *
pair (FsimStreamNode **up, FsimStreamNode **down, FsimStreamEdge **edge)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("j");
  *up = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 2);
  *down = add (g, 2, "Map", FSIM_OPERATOR_ONE_INPUT, 2);
  *edge = connect (g, *up, *down, FSIM_PARTITIONER_FORWARD);
  return g;
}

START_TEST (test_chain_forward_pair)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 1);
  ck_assert (fsim_job_graph_is_chained (jg, e));
  FsimJobVertex *v = stored (jg, 0);
  ck_assert_ptr_eq (v->head, up);
  ck_assert_uint_eq (v->operators->len, 2);
  ck_assert_ptr_eq (v->operators->pdata[0], up);
  ck_assert_ptr_eq (v->operators->pdata[1], down);
  /* JobVertex.getOperatorIDs: depth-first post-order, head last */
  ck_assert_ptr_eq (v->operator_ids_order->pdata[0], down);
  ck_assert_ptr_eq (v->operator_ids_order->pdata[1], up);
  ck_assert_ptr_eq (fsim_job_graph_get_vertex_for_node (jg, 2), v);
  ck_assert_str_eq (v->invokable, "SourceOperatorStreamTask");
  ck_assert_uint_eq (fsim_job_graph_get_edges (jg)->len, 0);
}
END_TEST

/* pipeline.operator-chaining.enabled = false: nothing chains. */
START_TEST (test_chain_disabled)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  fsim_stream_graph_set_chaining_enabled (g, FALSE);
  ck_assert_uint_eq (vertices_of_pair (g), 2);
}
END_TEST

/* isSameSlotSharingGroup */
START_TEST (test_chain_needs_same_slot_sharing_group)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  g_free (down->slot_sharing_group);
  down->slot_sharing_group = g_strdup ("other");
  ck_assert_uint_eq (vertices_of_pair (g), 2);
}
END_TEST

/* arePartitionerAndExchangeModeChainable: only FORWARD chains; rescale and
 * rebalance at equal parallelism do not. */
START_TEST (test_chain_needs_forward_partitioner)
{
  const FsimPartitioner others[] = { FSIM_PARTITIONER_RESCALE, FSIM_PARTITIONER_REBALANCE,
                                     FSIM_PARTITIONER_HASH, FSIM_PARTITIONER_BROADCAST,
                                     FSIM_PARTITIONER_GLOBAL, FSIM_PARTITIONER_SHUFFLE };
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      FsimStreamNode *up, *down;
      FsimStreamEdge *e;
      g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
      e->partitioner = others[i];
      g_autoptr (FsimJobGraph) jg = job_graph (g);
      ck_assert_uint_eq (n_vertices (jg), 2);
      FsimJobEdge *je = fsim_job_graph_get_edges (jg)->pdata[0];
      ck_assert_int_eq (je->pattern, fsim_partitioner_is_pointwise (others[i])
                                       ? FSIM_DISTRIBUTION_POINTWISE : FSIM_DISTRIBUTION_ALL_TO_ALL);
      ck_assert_int_eq (je->is_broadcast, others[i] == FSIM_PARTITIONER_BROADCAST);
    }
}
END_TEST

/* testExchangeModeBatch / Pipelined / Undefined: a BATCH exchange breaks
 * the chain and makes a BLOCKING result; PIPELINED and UNDEFINED chain, and
 * when not chained give PIPELINED_BOUNDED. */
START_TEST (test_chain_exchange_mode)
{
  const FsimExchangeMode modes[] = { FSIM_EXCHANGE_BATCH, FSIM_EXCHANGE_PIPELINED,
                                     FSIM_EXCHANGE_UNDEFINED };
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
      FsimStreamNode *src = add (g, 1, "Source: Collection Source", FSIM_OPERATOR_SOURCE, 1);
      FsimStreamNode *map = add (g, 3, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
      FsimStreamNode *sink = add (g, 5, "Sink: Print to Std. Out", FSIM_OPERATOR_LEGACY_SINK, 2);
      fsim_stream_graph_add_edge (g, src, map, 0, FSIM_PARTITIONER_FORWARD, modes[i]);
      fsim_stream_graph_add_edge (g, map, sink, 0, FSIM_PARTITIONER_RESCALE, modes[i]);
      g_autoptr (FsimJobGraph) jg = job_graph (g);
      gboolean batch = modes[i] == FSIM_EXCHANGE_BATCH;
      ck_assert_uint_eq (n_vertices (jg), batch ? 3 : 2);
      FsimIntermediateDataSet *ds = topo (jg, 0)->produced->pdata[0];
      ck_assert_int_eq (ds->result_type, batch ? FSIM_RESULT_PARTITION_BLOCKING
                                               : FSIM_RESULT_PARTITION_PIPELINED_BOUNDED);
    }
}
END_TEST

/* areOperatorsChainable: the strategy table. */
START_TEST (test_chain_strategy_table)
{
  static const struct {
    FsimChainingStrategy up, down;
    gboolean chained;
  } table[] = {
    { FSIM_CHAINING_ALWAYS, FSIM_CHAINING_ALWAYS, TRUE },
    { FSIM_CHAINING_HEAD, FSIM_CHAINING_ALWAYS, TRUE },
    { FSIM_CHAINING_HEAD_WITH_SOURCES, FSIM_CHAINING_ALWAYS, TRUE },
    { FSIM_CHAINING_NEVER, FSIM_CHAINING_ALWAYS, FALSE },
    { FSIM_CHAINING_ALWAYS, FSIM_CHAINING_HEAD, FALSE },      /* startNewChain */
    { FSIM_CHAINING_ALWAYS, FSIM_CHAINING_NEVER, FALSE },     /* disableChaining */
    { FSIM_CHAINING_NEVER, FSIM_CHAINING_NEVER, FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
      FsimStreamNode *src = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 2);
      FsimStreamNode *up = add (g, 2, "Map", FSIM_OPERATOR_ONE_INPUT, 2);
      FsimStreamNode *down = add (g, 3, "Filter", FSIM_OPERATOR_ONE_INPUT, 2);
      connect (g, src, up, FSIM_PARTITIONER_REBALANCE);
      connect (g, up, down, FSIM_PARTITIONER_FORWARD);
      up->chaining = table[i].up;
      down->chaining = table[i].down;
      ck_assert_msg (vertices_of_pair (g) == (table[i].chained ? 2u : 3u),
                     "%s -> %s", fsim_chaining_strategy_name (table[i].up),
                     fsim_chaining_strategy_name (table[i].down));
    }
}
END_TEST

/* HEAD_WITH_SOURCES downstream: chains only behind a FLIP-27 source
 * (SourceOperatorFactory), not behind an operator or a legacy source. */
START_TEST (test_chain_head_with_sources)
{
  const FsimOperatorKind ups[] = { FSIM_OPERATOR_SOURCE, FSIM_OPERATOR_LEGACY_SOURCE,
                                   FSIM_OPERATOR_ONE_INPUT };
  for (guint i = 0; i < G_N_ELEMENTS (ups); i++)
    {
      g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
      FsimStreamNode *up = add (g, 1, "Up", ups[i], 2);
      FsimStreamNode *down = add (g, 2, "mit", FSIM_OPERATOR_ONE_INPUT, 2);
      if (ups[i] == FSIM_OPERATOR_ONE_INPUT)
        {
          FsimStreamNode *src = add (g, 0, "Source: S", FSIM_OPERATOR_SOURCE, 3);
          connect (g, src, up, FSIM_PARTITIONER_REBALANCE);
        }
      up->chaining = FSIM_CHAINING_ALWAYS;
      down->chaining = FSIM_CHAINING_HEAD_WITH_SOURCES;
      connect (g, up, down, FSIM_PARTITIONER_FORWARD);
      g_autoptr (FsimJobGraph) jg = job_graph (g);
      FsimJobVertex *v = fsim_job_graph_get_vertex_for_node (jg, 2);
      gboolean chained = ups[i] == FSIM_OPERATOR_SOURCE;
      ck_assert_int_eq (fsim_job_graph_get_vertex_for_node (jg, 1) == v, chained);
      /* a chained source is a chained input of the head, not an operator */
      ck_assert_uint_eq (v->chained_sources->len, chained ? 1 : 0);
      ck_assert_str_eq (v->name, chained ? "mit [Up]" : "mit");
    }
}
END_TEST

/* A HEAD_WITH_SOURCES operator with one FLIP-27 source input and one
 * network input (Table/SQL's multiple-input operators): only the source is
 * chained ("mit [Source: s]"); the other input stays a JobEdge. */
START_TEST (test_chain_head_with_sources_mixed_inputs)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *mit = add (g, 1, "mit", FSIM_OPERATOR_TWO_INPUT, 2);
  mit->chaining = FSIM_CHAINING_HEAD_WITH_SOURCES;
  FsimStreamNode *s = add (g, 2, "Source: s", FSIM_OPERATOR_SOURCE, 2);
  FsimStreamNode *t = add (g, 3, "Source: t", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *m = add (g, 4, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
  connect (g, t, m, FSIM_PARTITIONER_FORWARD);
  FsimStreamEdge *chained = fsim_stream_graph_add_edge (g, s, mit, 1, FSIM_PARTITIONER_FORWARD,
                                                        FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, m, mit, 2, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_UNDEFINED);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 2);
  FsimJobVertex *v = fsim_job_graph_get_vertex_for_node (jg, 1);
  ck_assert_str_eq (v->name, "mit [Source: s]");
  ck_assert_ptr_eq (fsim_job_graph_get_vertex_for_node (jg, 2), v);
  ck_assert (fsim_job_graph_is_chained (jg, chained));
  ck_assert_uint_eq (v->inputs->len, 1);
  ck_assert_str_eq (((FsimJobEdge *) v->inputs->pdata[0])->producer->name, "Source: t -> Map");
  ck_assert_int_eq (((FsimJobEdge *) v->inputs->pdata[0])->type_number, 2);
  /* the chain with chained sources is an input vertex no more: it is
   * placed after its producer */
  ck_assert_ptr_eq (topo (jg, 1), v);
}
END_TEST

/* Equal parallelism is required even on a forward edge. */
START_TEST (test_chain_needs_equal_parallelism)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  down->parallelism = 3;
  ck_assert_uint_eq (vertices_of_pair (g), 2);
}
END_TEST

/* testChainingOfOperatorsWithDifferentMaxParallelism: fromData(1).map
 * .map.setMaxParallelism(1).map with pipeline.max-parallelism 10: one
 * vertex of 4 operators when allowed (default), else 3 vertices of 2, 1, 1. */
START_TEST (test_chain_different_max_parallelism)
{
  for (int allowed = 0; allowed <= 1; allowed++)
    {
      g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
      fsim_stream_graph_set_chain_different_max_parallelism (g, allowed);
      FsimStreamNode *n[4];
      n[0] = add (g, 1, "Source: Collection Source", FSIM_OPERATOR_SOURCE, 1);
      for (int i = 1; i < 4; i++)
        n[i] = add (g, i + 1, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
      for (int i = 0; i < 4; i++)
        n[i]->max_parallelism = i == 2 ? 1 : 10;
      for (int i = 0; i < 3; i++)
        connect (g, n[i], n[i + 1], FSIM_PARTITIONER_FORWARD);
      g_autoptr (FsimJobGraph) jg = job_graph (g);
      if (allowed)
        {
          ck_assert_uint_eq (n_vertices (jg), 1);
          ck_assert_uint_eq (topo (jg, 0)->operators->len, 4);
          /* the vertex takes the head's max parallelism */
          ck_assert_int_eq (topo (jg, 0)->max_parallelism, 10);
        }
      else
        {
          ck_assert_uint_eq (n_vertices (jg), 3);
          ck_assert_uint_eq (topo (jg, 0)->operator_ids_order->len, 2);
          ck_assert_uint_eq (topo (jg, 1)->operator_ids_order->len, 1);
          ck_assert_uint_eq (topo (jg, 2)->operator_ids_order->len, 1);
          ck_assert_int_eq (topo (jg, 1)->max_parallelism, 1);
        }
    }
}
END_TEST

/* In-degree 1: a union into one operator is never chained
 * (testDeterministicUnionOrder: four "sourceN -> mapN" chains unioned into
 * a sink). The sink's inputs follow the creation order of the producing
 * vertices: source1 first. */
START_TEST (test_chain_union_not_chained)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  /* ids: source1 1, map1 2, source2 3, map2 4, union 5, source3 6, map3 7,
   * union 8, source4 9, map4 10, union 11, SinkTransformation 12, writer 13 */
  const int src_ids[] = { 1, 3, 6, 9 };
  FsimStreamNode *sink = add (g, 13, "Sink: Writer", FSIM_OPERATOR_SINK_WRITER, 1);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *sname = g_strdup_printf ("Source: source%d", i + 1);
      g_autofree char *mname = g_strdup_printf ("map%d", i + 1);
      FsimStreamNode *s = add (g, src_ids[i], sname, FSIM_OPERATOR_SOURCE, 1);
      FsimStreamNode *m = add (g, src_ids[i] + 1, mname, FSIM_OPERATOR_ONE_INPUT, 1);
      connect (g, s, m, FSIM_PARTITIONER_FORWARD);
    }
  for (int i = 0; i < 4; i++)
    connect (g, fsim_stream_graph_get_node (g, src_ids[i] + 1), sink, FSIM_PARTITIONER_FORWARD);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 5);
  FsimJobVertex *last = topo (jg, 4);
  ck_assert_str_eq (last->name, "Sink: Writer");
  ck_assert_uint_eq (last->inputs->len, 4);
  for (int i = 0; i < 4; i++)
    {
      FsimJobEdge *in = last->inputs->pdata[i];
      g_autofree char *want = g_strdup_printf ("Source: source%d -> map%d", i + 1, i + 1);
      ck_assert_str_eq (in->producer->name, want);
      ck_assert_int_eq (in->input_index, i);
      ck_assert (in->is_forward);
      ck_assert_int_eq (in->pattern, FSIM_DISTRIBUTION_POINTWISE);
    }
}
END_TEST

/* isChainableInput's typeNumber check: two FLIP-27 sources unioned into the
 * same input of a HEAD_WITH_SOURCES operator are not chained sources. */
START_TEST (test_chain_same_type_number_blocks_source_chaining)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *s1 = add (g, 2, "Source: s1", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *s2 = add (g, 3, "Source: s2", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *mit = add (g, 1, "mit", FSIM_OPERATOR_ONE_INPUT, 1);
  mit->chaining = FSIM_CHAINING_HEAD_WITH_SOURCES;
  fsim_stream_graph_add_edge (g, s1, mit, 1, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, s2, mit, 1, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 3);
  ck_assert_str_eq (fsim_job_graph_get_vertex_for_node (jg, 1)->name, "mit");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Chain names and descriptions                                               */

/* createGraphWithMultipleInputs: MultipleInputTransformation "mit" (id 1)
 * over three FLIP-27 sources (2, 3, 4), typeNumbers 1..3, then rebalance to
 * "sink: Writer" (id 6). */
static FsimStreamGraph *
multiple_inputs (gboolean chain)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("j");
  FsimStreamNode *mit = add (g, 1, "mit", FSIM_OPERATOR_ONE_INPUT, 1);
  mit->chaining = chain ? FSIM_CHAINING_HEAD_WITH_SOURCES : FSIM_CHAINING_NEVER;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Source: source-%d", i + 1);
      FsimStreamNode *s = add (g, i + 2, name, FSIM_OPERATOR_SOURCE, 1);
      fsim_stream_graph_add_edge (g, s, mit, i + 1, FSIM_PARTITIONER_FORWARD,
                                  FSIM_EXCHANGE_UNDEFINED);
    }
  FsimStreamNode *sink = add (g, 6, "sink: Writer", FSIM_OPERATOR_SINK_WRITER, 1);
  connect (g, mit, sink, FSIM_PARTITIONER_REBALANCE);
  return g;
}

/* testNamingOfChainedMultipleInputs */
START_TEST (test_naming_of_chained_multiple_inputs)
{
  g_autoptr (FsimStreamGraph) g = multiple_inputs (TRUE);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 2);
  FsimJobVertex *mit = topo (jg, 0), *sink = topo (jg, 1);
  ck_assert_str_eq (mit->name, "mit [Source: source-1, Source: source-2, Source: source-3]");
  ck_assert_str_eq (mit->operator_pretty_name,
                    "mit [Source: source-1, Source: source-2, Source: source-3]\n");
  ck_assert_str_eq (mit->invokable, "MultipleInputStreamTask");
  /* chained sources are not among getOperatorIDs */
  ck_assert_uint_eq (mit->operator_ids_order->len, 1);
  ck_assert_uint_eq (mit->chained_sources->len, 3);
  ck_assert_ptr_eq (fsim_job_graph_get_vertex_for_node (jg, 3), mit);
  ck_assert_str_eq (sink->name, "sink: Writer");
  ck_assert_str_eq (sink->operator_pretty_name, "sink: Writer\n");
}
END_TEST

/* testNamingOfNonChainedMultipleInputs: the topological order is the three
 * sources (storage order), then mit, then the sink. */
START_TEST (test_naming_of_non_chained_multiple_inputs)
{
  g_autoptr (FsimStreamGraph) g = multiple_inputs (FALSE);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  const char *want[] = { "Source: source-1", "Source: source-2", "Source: source-3",
                         "mit", "sink: Writer" };
  ck_assert_uint_eq (n_vertices (jg), 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *pretty = g_strconcat (want[i], "\n", NULL);
      ck_assert_str_eq (topo (jg, i)->name, want[i]);
      ck_assert_str_eq (topo (jg, i)->operator_pretty_name, pretty);
    }
  /* created post-order from entry point 2: sink, mit, source-1, … */
  ck_assert_str_eq (stored (jg, 0)->name, "sink: Writer");
  ck_assert_str_eq (stored (jg, 1)->name, "mit");
  ck_assert_str_eq (stored (jg, 2)->name, "Source: source-1");
  /* mit's inputs in producer creation order, carrying their typeNumbers */
  FsimJobVertex *mit = topo (jg, 3);
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (((FsimJobEdge *) mit->inputs->pdata[i])->type_number, i + 1);
}
END_TEST

/* createJobGraphWithDescription: a source feeding two maps, each feeding
 * two prints, all at parallelism 1 and chained. With chained_sources the
 * head is "mit" over two FLIP-27 sources. */
static FsimStreamGraph *
description_graph (gboolean chained_sources)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("j");
  FsimStreamNode *head;
  int id = 1;
  if (!chained_sources)
    {
      head = add (g, id++, "Source: Collection Source", FSIM_OPERATOR_SOURCE, 1);
      g_free (head->description);
      head->description = g_strdup ("test source");
    }
  else
    {
      head = add (g, id++, "mit", FSIM_OPERATOR_ONE_INPUT, 1);
      g_free (head->description);
      head->description = g_strdup ("operator chained with source");
      head->chaining = FSIM_CHAINING_HEAD_WITH_SOURCES;
      for (int i = 1; i <= 2; i++)
        {
          g_autofree char *name = g_strdup_printf ("Source: test source %d", i);
          FsimStreamNode *s = add (g, id++, name, FSIM_OPERATOR_SOURCE, 1);
          g_free (s->description);
          s->description = g_strdup_printf ("test source %d", i);
          fsim_stream_graph_add_edge (g, s, head, i, FSIM_PARTITIONER_FORWARD,
                                      FSIM_EXCHANGE_UNDEFINED);
        }
    }
  FsimStreamNode *maps[2];
  for (int m = 0; m < 2; m++)
    {
      maps[m] = add (g, id++, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
      g_free (maps[m]->description);
      maps[m]->description = g_strdup_printf ("x + %d", m + 1);
      connect (g, head, maps[m], FSIM_PARTITIONER_FORWARD);
    }
  const char *which[] = { "first", "second" };
  for (int m = 0; m < 2; m++)
    for (int p = 0; p < 2; p++)
      {
        FsimStreamNode *print = add (g, id++, "Sink: Print to Std. Out",
                                     FSIM_OPERATOR_LEGACY_SINK, 1);
        g_free (print->description);
        print->description = g_strdup_printf ("%s print of map%d", which[p], m + 1);
        connect (g, maps[m], print, FSIM_PARTITIONER_FORWARD);
      }
  return g;
}

/* testTreeDescription */
START_TEST (test_tree_description)
{
  g_autoptr (FsimStreamGraph) g = description_graph (FALSE);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 1);
  ck_assert_str_eq (stored (jg, 0)->operator_pretty_name,
                    "test source\n"
                    ":- x + 1\n"
                    ":  :- first print of map1\n"
                    ":  +- second print of map1\n"
                    "+- x + 2\n"
                    "   :- first print of map2\n"
                    "   +- second print of map2\n");
  /* createChainedName with several chained outputs */
  ck_assert_str_eq (stored (jg, 0)->name,
                    "Source: Collection Source -> (Map -> (Sink: Print to Std. Out, "
                    "Sink: Print to Std. Out), Map -> (Sink: Print to Std. Out, "
                    "Sink: Print to Std. Out))");
  /* operators in pre-order, getOperatorIDs in post-order (head last) */
  FsimJobVertex *v = stored (jg, 0);
  ck_assert_uint_eq (v->operators->len, 7);
  const int pre[] = { 1, 2, 4, 5, 3, 6, 7 }, post[] = { 4, 5, 2, 6, 7, 3, 1 };
  for (int i = 0; i < 7; i++)
    {
      ck_assert_int_eq (((FsimStreamNode *) v->operators->pdata[i])->id, pre[i]);
      ck_assert_int_eq (((FsimStreamNode *) v->operator_ids_order->pdata[i])->id, post[i]);
    }
}
END_TEST

/* testTreeDescriptionWithChainedSource */
START_TEST (test_tree_description_with_chained_source)
{
  g_autoptr (FsimStreamGraph) g = description_graph (TRUE);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 1);
  ck_assert_str_eq (stored (jg, 0)->operator_pretty_name,
                    "operator chained with source [test source 1, test source 2]\n"
                    ":- x + 1\n"
                    ":  :- first print of map1\n"
                    ":  +- second print of map1\n"
                    "+- x + 2\n"
                    "   :- first print of map2\n"
                    "   +- second print of map2\n");
}
END_TEST

static FsimJobGraph *
job_graph_with (FsimStreamGraph *g, const char *key, const char *value)
{
  g_autoptr (FsimConfig) config = fsim_config_new ();
  g_autoptr (GError) error = NULL;
  ck_assert_msg (fsim_config_set (config, key, value, &error), "%s",
                 error ? error->message : "?");
  FsimJobGraph *jg = fsim_job_graph_new (g, config, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  return jg;
}

/* testCascadingDescription (pipeline.vertex-description-mode: CASCADING) */
START_TEST (test_cascading_description)
{
  g_autoptr (FsimStreamGraph) g = description_graph (FALSE);
  g_autoptr (FsimJobGraph) jg = job_graph_with (g, "pipeline.vertex-description-mode",
                                                "CASCADING");
  ck_assert_str_eq (stored (jg, 0)->operator_pretty_name,
                    "test source -> (x + 1 -> (first print of map1 , second print of map1) , "
                    "x + 2 -> (first print of map2 , second print of map2))");
}
END_TEST

/* testCascadingDescriptionWithChainedSource */
START_TEST (test_cascading_description_with_chained_source)
{
  g_autoptr (FsimStreamGraph) g = description_graph (TRUE);
  g_autoptr (FsimJobGraph) jg = job_graph_with (g, "pipeline.vertex-description-mode",
                                                "CASCADING");
  ck_assert_str_eq (stored (jg, 0)->operator_pretty_name,
                    "operator chained with source [test source 1, test source 2] -> "
                    "(x + 1 -> (first print of map1 , second print of map1) , "
                    "x + 2 -> (first print of map2 , second print of map2))");
}
END_TEST

/* createStreamGraphForSlotSharingTest: source1 -rebalance-> map1,
 * source2 -rebalance (BATCH)-> map2. */
static FsimStreamGraph *
slot_sharing_test_graph (void)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("j");
  FsimStreamNode *s1 = add (g, 1, "Source: source1", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *m1 = add (g, 3, "map1", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamNode *s2 = add (g, 4, "Source: source2", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *m2 = add (g, 6, "map2", FSIM_OPERATOR_ONE_INPUT, 1);
  connect (g, s1, m1, FSIM_PARTITIONER_REBALANCE);
  fsim_stream_graph_add_edge (g, s2, m2, 0, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_BATCH);
  return g;
}

/* testNamingWithoutIndex / testNamingWithIndex: "[vertex-k]" by
 * topological position when pipeline.vertex-name-include-index-prefix. */
START_TEST (test_naming_with_index)
{
  g_autoptr (FsimStreamGraph) g = slot_sharing_test_graph ();
  const char *names[] = { "Source: source1", "Source: source2", "map1", "map2" };
  {
    g_autoptr (FsimJobGraph) jg = job_graph (g);
    ck_assert_uint_eq (n_vertices (jg), 4);
    for (guint i = 0; i < 4; i++)
      ck_assert_str_eq (topo (jg, i)->name, names[i]);
  }
  g_autoptr (FsimJobGraph) jg = job_graph_with (g, "pipeline.vertex-name-include-index-prefix",
                                                "true");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *want = g_strdup_printf ("[vertex-%u]%s", i, names[i]);
      ck_assert_str_eq (topo (jg, i)->name, want);
      /* the description keeps the plain operator name */
      g_autofree char *pretty = g_strconcat (names[i], "\n", NULL);
      ck_assert_str_eq (topo (jg, i)->operator_pretty_name, pretty);
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Creation order, topological order, JobEdge order                           */

/* SlotAllocationTest.testTwoPipelines: two pipelines fromSequence ->
 * filter.slotSharingGroup("isolated") -> filter.slotSharingGroup("default")
 * .disableChaining() -> filter.slotSharingGroup("group 1") ->
 * filter.startNewChain() -> print().disableChaining(). Nothing chains, each
 * pipeline's vertices are created sink first; the topological order is both
 * sources, then each pipeline downstream. */
static void
two_pipeline (FsimStreamGraph *g, int first_id, const char *isolated, const char *group)
{
  const char *groups[] = { "default", isolated, "default", group, group, group };
  const FsimChainingStrategy chaining[] = { FSIM_CHAINING_ALWAYS, FSIM_CHAINING_ALWAYS,
                                            FSIM_CHAINING_NEVER, FSIM_CHAINING_ALWAYS,
                                            FSIM_CHAINING_HEAD, FSIM_CHAINING_NEVER };
  FsimStreamNode *prev = NULL;
  for (int i = 0; i < 6; i++)
    {
      const char *name = i == 0 ? "Source: Sequence Source"
                         : i == 5 ? "Sink: Print to Std. Out" : "Filter";
      FsimOperatorKind kind = i == 0 ? FSIM_OPERATOR_SOURCE
                              : i == 5 ? FSIM_OPERATOR_LEGACY_SINK : FSIM_OPERATOR_ONE_INPUT;
      FsimStreamNode *n = add (g, first_id + i, name, kind, 4);
      g_free (n->slot_sharing_group);
      n->slot_sharing_group = g_strdup (groups[i]);
      n->chaining = chaining[i];
      if (prev)
        connect (g, prev, n, FSIM_PARTITIONER_FORWARD);
      prev = n;
    }
}

START_TEST (test_two_pipelines_order_and_slot_sharing)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  two_pipeline (g, 1, "isolated", "group 1");
  two_pipeline (g, 7, "isolated-2", "group 2");
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 12);
  const int storage[] = { 6, 5, 4, 3, 2, 1, 12, 11, 10, 9, 8, 7 };
  const int topological[] = { 1, 7, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12 };
  for (guint i = 0; i < 12; i++)
    {
      ck_assert_int_eq (stored (jg, i)->head->id, storage[i]);
      ck_assert_int_eq (stored (jg, i)->index, (int) i);
      ck_assert_int_eq (topo (jg, i)->head->id, topological[i]);
      ck_assert_int_eq (topo (jg, i)->topological_index, (int) i);
    }
  /* the assertions of testTwoPipelines */
#define SSG(i) (topo (jg, i)->slot_sharing_group)
  ck_assert_ptr_eq (SSG (0), SSG (3));
  ck_assert_ptr_ne (SSG (0), SSG (2));
  ck_assert_ptr_ne (SSG (3), SSG (4));
  ck_assert_ptr_eq (SSG (4), SSG (5));
  ck_assert_ptr_eq (SSG (5), SSG (6));
  ck_assert_ptr_eq (SSG (1), SSG (8));
  ck_assert_ptr_ne (SSG (1), SSG (7));
  ck_assert_ptr_ne (SSG (8), SSG (9));
  ck_assert_ptr_eq (SSG (9), SSG (10));
  ck_assert_ptr_eq (SSG (10), SSG (11));
#undef SSG
  /* one group per name, the default one shared by both pipelines */
  GPtrArray *groups = fsim_job_graph_get_slot_sharing_groups (jg);
  ck_assert_uint_eq (groups->len, 5);
  ck_assert_str_eq (topo (jg, 0)->slot_sharing_group->name, "default");
  ck_assert_uint_eq (topo (jg, 0)->slot_sharing_group->vertices->len, 4);
}
END_TEST

/* JobEdges are made walking producers in creation order (connect), so a
 * consumer's input order follows its producers' creation, not the
 * typeNumber: here the second input's producer (id 1) is an earlier entry
 * point than the first input's (id 3). */
START_TEST (test_job_edge_input_order)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *a = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *b = add (g, 3, "Source: B", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *co = add (g, 5, "Co-Map", FSIM_OPERATOR_TWO_INPUT, 2);
  fsim_stream_graph_add_edge (g, b, co, 1, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, a, co, 2, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_UNDEFINED);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  /* storage: Co-Map, A, B */
  ck_assert_str_eq (stored (jg, 0)->name, "Co-Map");
  ck_assert_str_eq (stored (jg, 0)->invokable, "TwoInputStreamTask");
  FsimJobVertex *cv = stored (jg, 0);
  FsimJobEdge *in0 = cv->inputs->pdata[0], *in1 = cv->inputs->pdata[1];
  ck_assert_str_eq (in0->producer->name, "Source: A");
  ck_assert_int_eq (in0->type_number, 2);
  ck_assert_str_eq (in1->producer->name, "Source: B");
  ck_assert_int_eq (in1->type_number, 1);
  /* one IntermediateDataSet per JobEdge in streaming, ids distinct */
  GPtrArray *ds = fsim_job_graph_get_data_sets (jg);
  ck_assert_uint_eq (ds->len, 2);
  ck_assert_str_ne (((FsimIntermediateDataSet *) ds->pdata[0])->id,
                    ((FsimIntermediateDataSet *) ds->pdata[1])->id);
  ck_assert_int_eq (((FsimJobEdge *) fsim_job_graph_get_edges (jg)->pdata[0])->index, 0);
}
END_TEST

/* testIntermediateDataSetReuse, the streaming part: pipelined results are
 * never shared; BLOCKING (BATCH exchange) ones of one operator are, when
 * partitioner and consumer parallelism agree. */
START_TEST (test_intermediate_data_set_reuse)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *src = add (g, 1, "Source: Collection Source", FSIM_OPERATOR_SOURCE, 1);
  const struct { int p; FsimPartitioner part; FsimExchangeMode mode; } sinks[] = {
    { 2, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_BATCH },     /* sink1 */
    { 2, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_BATCH },     /* sink2: reuses sink1's */
    { 3, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_BATCH },     /* other parallelism */
    { 2, FSIM_PARTITIONER_BROADCAST, FSIM_EXCHANGE_BATCH },     /* other partitioner */
    { 2, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_UNDEFINED }, /* pipelined */
    { 2, FSIM_PARTITIONER_REBALANCE, FSIM_EXCHANGE_UNDEFINED }, /* pipelined */
  };
  for (guint i = 0; i < G_N_ELEMENTS (sinks); i++)
    {
      FsimStreamNode *s = add (g, (int) (10 + i), "Sink: Writer", FSIM_OPERATOR_SINK_WRITER,
                               sinks[i].p);
      fsim_stream_graph_add_edge (g, src, s, 0, sinks[i].part, sinks[i].mode);
    }
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  FsimJobVertex *sv = topo (jg, 0);
  ck_assert_uint_eq (sv->produced->len, 5);
  ck_assert_uint_eq (fsim_job_graph_get_edges (jg)->len, 6);
  FsimIntermediateDataSet *first = sv->produced->pdata[0];
  ck_assert_uint_eq (first->consumers->len, 2);
  ck_assert_int_eq (first->result_type, FSIM_RESULT_PARTITION_BLOCKING);
  ck_assert_int_eq (((FsimIntermediateDataSet *) sv->produced->pdata[4])->result_type,
                    FSIM_RESULT_PARTITION_PIPELINED_BOUNDED);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Slot sharing and co-location                                               */

/* StreamGraphCoLocationConstraintTest.testSettingCoLocationConstraint:
 * source (group1) -keyBy-> map (group2) -keyBy-> map (group1) -keyBy->
 * sink (group2), parallelism 7: vertices 0 and 2, 1 and 3 share groups. */
static FsimStreamGraph *
co_location_graph (gboolean different_ssgs)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("j");
  const char *keys[] = { "group1", "group2", "group1", "group2" };
  FsimStreamNode *prev = NULL;
  for (int i = 0; i < 4; i++)
    {
      FsimStreamNode *n = add (g, 1 + 2 * i, i == 0 ? "Source: Sequence Source"
                               : i == 3 ? "Sink: Writer" : "Map",
                               i == 0 ? FSIM_OPERATOR_SOURCE : FSIM_OPERATOR_ONE_INPUT, 7);
      n->co_location_key = g_strdup (keys[i]);
      if (different_ssgs)
        {
          g_free (n->slot_sharing_group);
          n->slot_sharing_group = g_strdup_printf ("ssg%d", i + 1);
        }
      if (prev)
        connect (g, prev, n, FSIM_PARTITIONER_HASH);
      prev = n;
    }
  return g;
}

START_TEST (test_co_location_groups)
{
  g_autoptr (FsimStreamGraph) g = co_location_graph (FALSE);
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_uint_eq (n_vertices (jg), 4);
  for (guint i = 0; i < 4; i++)
    ck_assert_ptr_nonnull (topo (jg, i)->co_location_group);
  ck_assert_ptr_eq (topo (jg, 0)->co_location_group, topo (jg, 2)->co_location_group);
  ck_assert_ptr_eq (topo (jg, 1)->co_location_group, topo (jg, 3)->co_location_group);
  ck_assert_ptr_ne (topo (jg, 0)->co_location_group, topo (jg, 1)->co_location_group);
  ck_assert_uint_eq (fsim_job_graph_get_co_location_groups (jg)->len, 2);
}
END_TEST

/* testCoLocateDifferenSharingGroups: IllegalStateException "Cannot
 * co-locate operators from different slot sharing groups". */
START_TEST (test_co_location_across_slot_sharing_groups)
{
  g_autoptr (FsimStreamGraph) g = co_location_graph (TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new (g, NULL, &error);
  ck_assert_ptr_null (jg);
  ck_assert (g_error_matches (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID));
  ck_assert_ptr_nonnull (strstr (error->message,
                             "Cannot co-locate operators from different slot sharing groups"));
}
END_TEST

/* JobGraph.getVerticesSortedTopologicallyFromSources: "The job graph is
 * cyclic." A StreamGraph cannot be cyclic in Flink 2.x (iterations are
 * gone), but a hand-built one is refused with the same message. */
START_TEST (test_cyclic_graph)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *src = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *a = add (g, 2, "Map", FSIM_OPERATOR_ONE_INPUT, 2);
  FsimStreamNode *b = add (g, 3, "Filter", FSIM_OPERATOR_ONE_INPUT, 2);
  connect (g, src, a, FSIM_PARTITIONER_REBALANCE);
  connect (g, a, b, FSIM_PARTITIONER_FORWARD);
  connect (g, b, a, FSIM_PARTITIONER_REBALANCE);
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new (g, NULL, &error);
  ck_assert_ptr_null (jg);
  ck_assert_ptr_nonnull (strstr (error->message, "The job graph is cyclic."));
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Max parallelism                                                            */

/* SchedulerBaseComputeVertexParallelismTest: 1 -> 128, 171 -> 256,
 * 172 -> 512, 32768 -> 32768; min (max (roundUpToPowerOfTwo (p + p/2), 128),
 * 32768). 85 + 42 = 127 -> 128; 86 + 43 = 129 -> 256; 21846 + 10923 > 16384. */
START_TEST (test_default_max_parallelism)
{
  ck_assert_int_eq (fsim_default_max_parallelism (1), 128);
  ck_assert_int_eq (fsim_default_max_parallelism (171), 256);
  ck_assert_int_eq (fsim_default_max_parallelism (172), 512);
  ck_assert_int_eq (fsim_default_max_parallelism (32768), 32768);
  ck_assert_int_eq (fsim_default_max_parallelism (85), 128);
  ck_assert_int_eq (fsim_default_max_parallelism (86), 256);
  ck_assert_int_eq (fsim_default_max_parallelism (21845), 32768);
  ck_assert_int_eq (fsim_default_max_parallelism (10922), 16384);
  ck_assert_int_eq (fsim_default_max_parallelism (-1), 128);
}
END_TEST

/* The vertex keeps -1 when unset; the scheduler's value comes from the
 * vertex's own parallelism. */
START_TEST (test_vertex_max_parallelism)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  up->parallelism = down->parallelism = 200;
  g_autoptr (FsimJobGraph) jg = job_graph (g);
  ck_assert_int_eq (stored (jg, 0)->max_parallelism, -1);
  ck_assert_int_eq (fsim_job_vertex_get_max_parallelism (stored (jg, 0)), 512);
}
END_TEST

void
graphs_jobgraph_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("StreamGraphHasherV2");
  tcase_add_test (tc, test_murmur3_128_known_values);
  tcase_add_test (tc, test_vertex_ids_socket_window_word_count);
  tcase_add_test (tc, test_vertex_ids_chained_word_count);
  tcase_add_test (tc, test_vertex_ids_uid);
  tcase_add_test (tc, test_intermediate_data_set_id);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("StreamingJobGraphGenerator.isChainable");
  tcase_add_test (tc, test_parallelism_one_not_chained);
  tcase_add_test (tc, test_chain_forward_pair);
  tcase_add_test (tc, test_chain_disabled);
  tcase_add_test (tc, test_chain_needs_same_slot_sharing_group);
  tcase_add_test (tc, test_chain_needs_forward_partitioner);
  tcase_add_test (tc, test_chain_exchange_mode);
  tcase_add_test (tc, test_chain_strategy_table);
  tcase_add_test (tc, test_chain_head_with_sources);
  tcase_add_test (tc, test_chain_head_with_sources_mixed_inputs);
  tcase_add_test (tc, test_chain_needs_equal_parallelism);
  tcase_add_test (tc, test_chain_different_max_parallelism);
  tcase_add_test (tc, test_chain_union_not_chained);
  tcase_add_test (tc, test_chain_same_type_number_blocks_source_chaining);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("StreamingJobGraphGenerator.createChainedName");
  tcase_add_test (tc, test_naming_of_chained_multiple_inputs);
  tcase_add_test (tc, test_naming_of_non_chained_multiple_inputs);
  tcase_add_test (tc, test_tree_description);
  tcase_add_test (tc, test_tree_description_with_chained_source);
  tcase_add_test (tc, test_cascading_description);
  tcase_add_test (tc, test_cascading_description_with_chained_source);
  tcase_add_test (tc, test_naming_with_index);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("JobGraph order and JobEdges");
  tcase_add_test (tc, test_two_pipelines_order_and_slot_sharing);
  tcase_add_test (tc, test_job_edge_input_order);
  tcase_add_test (tc, test_intermediate_data_set_reuse);
  tcase_add_test (tc, test_cyclic_graph);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("StreamingJobGraphGenerator.setSlotSharingAndCoLocation");
  tcase_add_test (tc, test_co_location_groups);
  tcase_add_test (tc, test_co_location_across_slot_sharing_groups);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("KeyGroupRangeAssignment.computeDefaultMaxParallelism");
  tcase_add_test (tc, test_default_max_parallelism);
  tcase_add_test (tc, test_vertex_max_parallelism);
  suite_add_tcase (suite, tc);
}
