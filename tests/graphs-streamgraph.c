/* graphs-streamgraph.c - StreamGraph generation from job files: Flink's
 * StreamGraphGenerator rules,
 * each test naming the Flink class or test it mirrors. Ids are derived by
 * hand from Transformation.getNewNodeId (one counter, in program order;
 * virtual partition nodes and Sink V2 writers take theirs at generation). */
#include "config.h"

#include <string.h>

#include "tests/graphs-tests.h"

void graphs_streamgraph_tcases (Suite *suite);

/* The ids of the graph's nodes, "1 2 4 5". */
static char *
node_ids (FsimJob *job)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < nodes->len; i++)
    g_string_append_printf (s, "%s%d", i ? " " : "",
                            ((FsimStreamNode *) g_ptr_array_index (nodes, i))->id);
  return g_string_free (s, FALSE);
}

/* Transformation ids, WordCount (Flink 1.19 `bin/flink info`): source 1,
 * flatMap 2, keyBy 3 (a PartitionTransformation, no node), sum 4, print 5. */
START_TEST (test_wordcount_ids)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "text = env.fromElements(\"to be or not to be\")\n"
    "counts = text.flatMap(\"Tokenizer\").keyBy(0).sum(1)\n"
    "counts.print()\n");
  g_autofree char *ids = node_ids (job);
  ck_assert_str_eq (ids, "1 2 4 5");
  FsimStreamNode *flat = graphs_test_node_by_id (job, 2), *sum = graphs_test_node_by_id (job, 4);
  FsimStreamNode *print = graphs_test_node_by_id (job, 5);
  ck_assert_str_eq (graphs_test_node_by_id (job, 1)->name, "Source: Collection Source");
  ck_assert_str_eq (flat->name, "Flat Map");
  ck_assert_str_eq (sum->name, "Keyed Aggregation");
  ck_assert_str_eq (print->name, "Sink: Print to Std. Out");
  /* parallelism 1 everywhere: FORWARD, except the keyBy's HASH */
  ck_assert_int_eq (graphs_test_in_edge (flat, 0)->partitioner, FSIM_PARTITIONER_FORWARD);
  ck_assert_int_eq (graphs_test_in_edge (sum, 0)->partitioner, FSIM_PARTITIONER_HASH);
  ck_assert_int_eq (graphs_test_in_edge (sum, 0)->source->id, 2);
  ck_assert_int_eq (graphs_test_in_edge (print, 0)->partitioner, FSIM_PARTITIONER_FORWARD);
}
END_TEST

/* StreamGraphGeneratorTest.testVirtualTransformations, line by line. */
START_TEST (test_virtual_transformations)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 4\n"
    "source = env.fromData(1, 10)\n"
    "rebalanceMap = source.rebalance().map(\"NoOpIntMap\")\n"
    "broadcastMap = rebalanceMap.forward().global().broadcast().map(\"NoOpIntMap\")\n"
    "broadcastMap.sinkTo(\"DiscardingSink\")\n"
    "broadcastOperator = rebalanceMap.map(\"NoOpIntMap\").name(\"broadcast\")\n"
    "map1 = broadcastOperator.broadcast()\n"
    "globalOperator = rebalanceMap.map(\"NoOpIntMap\").name(\"global\")\n"
    "map2 = globalOperator.global()\n"
    "shuffleOperator = rebalanceMap.map(\"NoOpIntMap\").name(\"shuffle\")\n"
    "map3 = shuffleOperator.shuffle()\n"
    "unionedMap = map1.union(map2).union(map3).map(\"NoOpIntMap\").name(\"union\")\n"
    "unionedMap.sinkTo(\"DiscardingSink\")\n");
  /* program ids: source 1, rebalance 2, rebalanceMap 3, forward 4, global 5,
   * broadcast 6, broadcastMap 7, sinkTo 8, broadcastOperator 9, broadcast 10,
   * global op 11, global 12, shuffle op 13, shuffle 14, unions 15 and 16,
   * union map 17, sinkTo 18 */
  FsimStreamNode *rebalance_map = graphs_test_node_by_id (job, 3);
  FsimStreamNode *broadcast_map = graphs_test_node_by_id (job, 7);
  ck_assert_int_eq (graphs_test_in_edge (rebalance_map, 0)->partitioner,
                    FSIM_PARTITIONER_REBALANCE);
  /* only the partitioning set last is used */
  ck_assert_int_eq (graphs_test_in_edge (broadcast_map, 0)->partitioner,
                    FSIM_PARTITIONER_BROADCAST);
  ck_assert_int_eq (graphs_test_in_edge (broadcast_map, 0)->source->id, 3);
  /* partitioning in unions is preserved */
  FsimStreamNode *b = graphs_test_node (job, "broadcast");
  FsimStreamNode *g = graphs_test_node (job, "global");
  FsimStreamNode *s = graphs_test_node (job, "shuffle");
  ck_assert_int_eq (((FsimStreamEdge *) b->out_edges->pdata[0])->partitioner,
                    FSIM_PARTITIONER_BROADCAST);
  ck_assert_int_eq (((FsimStreamEdge *) g->out_edges->pdata[0])->partitioner,
                    FSIM_PARTITIONER_GLOBAL);
  ck_assert_int_eq (((FsimStreamEdge *) s->out_edges->pdata[0])->partitioner,
                    FSIM_PARTITIONER_SHUFFLE);
  FsimStreamNode *u = graphs_test_node (job, "union");
  ck_assert_int_eq (u->id, 17);
  ck_assert_int_eq (u->in_edges->len, 3);
  ck_assert_int_eq (graphs_test_in_edge (u, 0)->source->id, 9);
  ck_assert_int_eq (graphs_test_in_edge (u, 1)->source->id, 11);
  ck_assert_int_eq (graphs_test_in_edge (u, 2)->source->id, 13);
  /* Sink V2 writers take fresh ids while being translated: virtual nodes
   * 19 (rebalance), 20-22 (forward, global, broadcast) come first, so the
   * first writer is 23; the union's inputs make virtual 24-26, writer 27 */
  g_autofree char *ids = node_ids (job);
  ck_assert_str_eq (ids, "1 3 7 9 11 13 17 23 27");
  ck_assert_str_eq (graphs_test_node_by_id (job, 23)->name, "Sink: Writer");
  ck_assert_int_eq (graphs_test_in_edge (graphs_test_node_by_id (job, 23), 0)->source->id, 7);
  ck_assert_int_eq (graphs_test_in_edge (graphs_test_node_by_id (job, 27), 0)->source->id, 17);
}
END_TEST

/* DataStream.doTransform captures env.getParallelism() when the operator is
 * made; translators resolve PARALLELISM_DEFAULT with the ExecutionConfig's
 * parallelism at generation (AbstractOneInputTransformationTranslator). */
START_TEST (test_parallelism_capture)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 2\n"
    "a = env.fromSequence(1, 10)\n"
    "b = a.map(\"B\").name(\"b\")\n"
    "env.setParallelism(5)\n"
    "c = b.map(\"C\").name(\"c\")\n"
    "d = c.map(\"D\").name(\"d\")\n"
    "b.setParallelism(3)\n"
    "d.print().setParallelism(-1)\n"
    "env.setParallelism(6)\n");
  ck_assert_int_eq (graphs_test_node (job, "Source: Sequence Source")->parallelism, 2);
  FsimStreamNode *b = graphs_test_node (job, "b");
  ck_assert_int_eq (b->parallelism, 3);
  ck_assert (b->parallelism_configured);
  ck_assert_int_eq (graphs_test_node (job, "c")->parallelism, 5);
  ck_assert (!graphs_test_node (job, "c")->parallelism_configured);
  ck_assert_int_eq (graphs_test_node (job, "d")->parallelism, 5);
  /* -1 = PARALLELISM_DEFAULT: the ExecutionConfig's at generation */
  ck_assert_int_eq (graphs_test_node (job, "Sink: Print to Std. Out")->parallelism, 6);
  /* ExecutionConfig.setParallelism writes parallelism.default */
  ck_assert_int_eq (fsim_config_get_int (fsim_job_get_config (job), "parallelism.default"), 6);
  /* StreamGraph.createActualEdge default partitioners */
  /* 2 → 3 */
  ck_assert_int_eq (graphs_test_in_edge (b, 0)->partitioner, FSIM_PARTITIONER_REBALANCE);
  ck_assert_int_eq (graphs_test_in_edge (graphs_test_node (job, "d"), 0)->partitioner,
                    FSIM_PARTITIONER_FORWARD);                                    /* 5 → 5 */
}
END_TEST

/* Non-parallel sources (DataStreamSource with a non-parallel SourceFunction
 * → setParallelism(1)); fromData → setParallelism(1) but parallel;
 * readTextFile's createFileInput (monitor forceNonParallel + Split Reader). */
START_TEST (test_source_parallelism)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 4\n"
    "a = env.fromElements(1, 2)\n"
    "b = env.fromCollection(\"c\").records(5)\n"
    "c = env.socketTextStream(\"localhost\", 9999)\n"
    "d = env.fromData(1, 2).setParallelism(3)\n"
    "e = env.fromSequence(1, 8)\n"
    "f = env.readTextFile(\"in\").records(4)\n"
    "g = env.addSource(\"Gen\")\n"
    "h = env.fromSource(\"Kafka\")\n"
    "a.union(b, c, d, e, f, g, h).print()\n");
  FsimStreamNode *a = graphs_test_node_by_id (job, 1), *b = graphs_test_node_by_id (job, 2);
  FsimStreamNode *c = graphs_test_node_by_id (job, 3), *d = graphs_test_node_by_id (job, 4);
  FsimStreamNode *e = graphs_test_node_by_id (job, 5), *fm = graphs_test_node_by_id (job, 6);
  FsimStreamNode *fr = graphs_test_node_by_id (job, 7), *g = graphs_test_node_by_id (job, 8);
  FsimStreamNode *h = graphs_test_node_by_id (job, 9);
  ck_assert_int_eq (a->parallelism, 1);
  ck_assert_int_eq (b->parallelism, 1);
  ck_assert_int_eq (c->parallelism, 1);
  ck_assert_int_eq (d->parallelism, 3);
  ck_assert_int_eq (e->parallelism, 4);
  ck_assert_str_eq (fm->name, "Source: Custom File Source");
  ck_assert_int_eq (fm->parallelism, 1);
  ck_assert_int_eq (fm->max_parallelism, 1);
  ck_assert_str_eq (fr->name, "Split Reader: Custom File Source");
  ck_assert_int_eq (fr->parallelism, 4);
  ck_assert (!fr->is_source);
  ck_assert_int_eq (graphs_test_in_edge (fr, 0)->partitioner, FSIM_PARTITIONER_REBALANCE);
  ck_assert_int_eq (g->parallelism, 4);
  ck_assert_int_eq (h->parallelism, 4);
  /* legacy sources are HEAD (DataStreamSource), FLIP-27 sources ALWAYS,
   * the Split Reader HEAD (ContinuousFileReaderOperatorFactory) */
  ck_assert_int_eq (a->chaining, FSIM_CHAINING_HEAD);
  ck_assert_int_eq (c->chaining, FSIM_CHAINING_HEAD);
  ck_assert_int_eq (g->chaining, FSIM_CHAINING_HEAD);
  ck_assert_int_eq (d->chaining, FSIM_CHAINING_ALWAYS);
  ck_assert_int_eq (h->chaining, FSIM_CHAINING_ALWAYS);
  ck_assert_int_eq (fr->chaining, FSIM_CHAINING_HEAD);
  /* kinds: SourceTransformation vs LegacySourceTransformation */
  ck_assert_int_eq (a->kind, FSIM_OPERATOR_LEGACY_SOURCE);
  ck_assert_int_eq (d->kind, FSIM_OPERATOR_SOURCE);
  ck_assert_int_eq (e->kind, FSIM_OPERATOR_SOURCE);
  ck_assert_int_eq (h->kind, FSIM_OPERATOR_SOURCE);
  ck_assert (a->is_source && h->is_source && fm->is_source);
  ck_assert (a->bounded && b->bounded && d->bounded && e->bounded && fm->bounded);
  ck_assert (!c->bounded && !g->bounded && !h->bounded);
  /* union: one edge per input, in input order */
  FsimStreamNode *sink = graphs_test_node (job, "Sink: Print to Std. Out");
  ck_assert_int_eq (sink->in_edges->len, 8);
  ck_assert_int_eq (graphs_test_in_edge (sink, 5)->source->id, 7);
}
END_TEST

/* StreamGraph.createActualEdge: uniqueId counts the edges already between
 * the two nodes, so s.union(s) gives two; a union takes an id, no node. */
START_TEST (test_union_unique_ids)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "s = env.fromSequence(1, 10)\n"
    "s.union(s).map(\"M\").print()\n");
  g_autofree char *ids = node_ids (job);
  ck_assert_str_eq (ids, "1 3 4");
  FsimStreamNode *map = graphs_test_node_by_id (job, 3);
  ck_assert_int_eq (map->in_edges->len, 2);
  ck_assert_int_eq (graphs_test_in_edge (map, 0)->unique_id, 0);
  ck_assert_int_eq (graphs_test_in_edge (map, 1)->unique_id, 1);
  ck_assert_int_eq (graphs_test_in_edge (map, 1)->source->id, 1);
}
END_TEST

/* AbstractTwoInputTransformationTranslator: typeNumber 1 and 2;
 * ConnectedStreams names; ConnectedStreams.keyBy keys input 1 then input 2. */
START_TEST (test_connected_streams)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 2\n"
    "a = env.fromSequence(1, 10)\n"
    "b = env.fromSource(\"B\")\n"
    "a.connect(b).map(\"M\").print()\n"
    "a.connect(b).keyBy(0, 0).process(\"P\").print()\n"
    "a.keyBy(0).connect(b).process(\"P\").print()\n"
    "a.connect(b.broadcast()).flatMap(\"F\").print()\n");
  FsimStreamNode *co_map = graphs_test_node_by_id (job, 3);
  ck_assert_str_eq (co_map->name, "Co-Map");
  ck_assert_int_eq (co_map->kind, FSIM_OPERATOR_TWO_INPUT);
  ck_assert_int_eq (graphs_test_in_edge (co_map, 0)->type_number, 1);
  ck_assert_int_eq (graphs_test_in_edge (co_map, 0)->source->id, 1);
  ck_assert_int_eq (graphs_test_in_edge (co_map, 1)->type_number, 2);
  ck_assert_int_eq (graphs_test_in_edge (co_map, 1)->source->id, 2);
  ck_assert (!co_map->keyed);
  /* keyBy partitions 5 (input 1) and 6 (input 2), then the operator 7 */
  FsimStreamNode *keyed = graphs_test_node_by_id (job, 7);
  ck_assert_str_eq (keyed->name, "Co-Keyed-Process");
  ck_assert (keyed->keyed);
  ck_assert_int_eq (graphs_test_in_edge (keyed, 0)->partitioner, FSIM_PARTITIONER_HASH);
  ck_assert_int_eq (graphs_test_in_edge (keyed, 1)->partitioner, FSIM_PARTITIONER_HASH);
  /* one keyed input: a CoProcessFunction, "Co-Process", still keyed */
  FsimStreamNode *half = graphs_test_node_by_id (job, 10);
  ck_assert_str_eq (half->name, "Co-Process");
  ck_assert (half->keyed);
  ck_assert_int_eq (graphs_test_in_edge (half, 0)->partitioner, FSIM_PARTITIONER_HASH);
  ck_assert_int_eq (graphs_test_in_edge (half, 1)->partitioner, FSIM_PARTITIONER_FORWARD);
  FsimStreamNode *flat = graphs_test_node_by_id (job, 13);
  ck_assert_str_eq (flat->name, "Co-Flat Map");
  ck_assert_int_eq (graphs_test_in_edge (flat, 0)->partitioner, FSIM_PARTITIONER_FORWARD);
  ck_assert_int_eq (graphs_test_in_edge (flat, 1)->partitioner, FSIM_PARTITIONER_BROADCAST);
}
END_TEST

/* StreamGraphGeneratorTest.testMaxParallelismForwarding,
 * testAutoMaxParallelism and testMaxParallelismWithConnectedKeyedStream. */
START_TEST (test_max_parallelism)
{
  g_autoptr (FsimJob) fwd = graphs_test_parse (
    "env.setMaxParallelism(42)\n"
    "source = env.fromData(1, 2, 3)\n"
    "keyedResult1 = source.keyBy(0).map(\"NoOpIntMap\").name(\"k1\")\n"
    "keyedResult2 = keyedResult1.keyBy(0).map(\"NoOpIntMap\").name(\"k2\").setMaxParallelism(17)\n"
    "keyedResult2.sinkTo(\"DiscardingSink\")\n");
  ck_assert_int_eq (graphs_test_node (fwd, "k1")->max_parallelism, 42);
  ck_assert_int_eq (graphs_test_node (fwd, "k2")->max_parallelism, 17);
  ck_assert_int_eq (graphs_test_node (fwd, "Sink: Writer")->max_parallelism, 42);

  /* with Flink's 42, k3 (max 21) would be refused when its ExecutionJobVertex
   * is built; the Flink test stops at the StreamGraph, so 16 here */
  g_autoptr (FsimJob) aut = graphs_test_parse (
    "env.setParallelism(16)\n"
    "source = env.fromData(1, 2, 3)\n"
    "keyedResult1 = source.keyBy(0).map(\"NoOpIntMap\")\n"
    "keyedResult2 = keyedResult1.keyBy(0).map(\"NoOpIntMap\").setParallelism(17)\n"
    "keyedResult3 = keyedResult2.keyBy(0).map(\"NoOpIntMap\").name(\"k3\").setMaxParallelism(21)\n"
    "keyedResult4 = keyedResult3.keyBy(0).map(\"NoOpIntMap\").name(\"k4\")\n"
    "  .setMaxParallelism(21).setParallelism(17)\n"
    "keyedResult4.sinkTo(\"DiscardingSink\")\n");
  ck_assert_int_eq (graphs_test_node (aut, "k3")->max_parallelism, 21);
  ck_assert_int_eq (graphs_test_node (aut, "k4")->max_parallelism, 21);
  /* nothing set anywhere: -1, the scheduler derives it per vertex */
  ck_assert_int_eq (graphs_test_node_by_id (aut, 1)->max_parallelism, -1);

  /* the job-wide value reaches only transformations without their own,
   * whenever env.setMaxParallelism is called (it is read at generation) */
  g_autoptr (FsimJob) con = graphs_test_parse (
    "input1 = env.fromSequence(1, 4).setMaxParallelism(128)\n"
    "input2 = env.fromSequence(1, 4).setMaxParallelism(129)\n"
    "env.setMaxParallelism(42)\n"
    "keyedResult = input1.connect(input2).keyBy(0, 0).map(\"NoOpLongCoMap\")\n"
    "keyedResult.sinkTo(\"DiscardingSink\")\n");
  ck_assert_int_eq (graphs_test_node_by_id (con, 1)->max_parallelism, 128);
  ck_assert_int_eq (graphs_test_node_by_id (con, 2)->max_parallelism, 129);
  ck_assert_int_eq (graphs_test_node (con, "Co-Map")->max_parallelism, 42);
}
END_TEST

/* StreamGraphGenerator.determineSlotSharingGroup. */
START_TEST (test_slot_sharing_groups)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "a = env.fromSequence(1, 10).slotSharingGroup(\"src\")\n"
    "b = a.map().name(\"b\")\n"
    "c = env.fromSequence(1, 10)\n"
    "b.union(c).map().name(\"mixed\").print()\n"
    "b.map().name(\"explicit-default\").slotSharingGroup(\"default\").print().name(\"after-default\")\n"
    "b.keyBy(0).map().name(\"through-keyBy\").print()\n"
    "b.connect(a).map().name(\"both-src\").print()\n"
    "b.sinkTo(\"S\").name(\"V2\").slotSharingGroup(\"sinks\")\n"
    "b.sinkTo(\"S\").name(\"V2-inherit\")\n");
  ck_assert_str_eq (graphs_test_node_by_id (job, 1)->slot_sharing_group, "src");
  /* no group: the inputs' common group */
  ck_assert_str_eq (graphs_test_node (job, "b")->slot_sharing_group, "src");
  /* a source without one: "default" */
  ck_assert_str_eq (graphs_test_node_by_id (job, 3)->slot_sharing_group, "default");
  /* inputs in different groups: "default" */
  ck_assert_str_eq (graphs_test_node (job, "mixed")->slot_sharing_group, "default");
  /* explicit "default" counts as explicit, and is inherited */
  ck_assert_str_eq (graphs_test_node (job, "explicit-default")->slot_sharing_group, "default");
  ck_assert_str_eq (graphs_test_node (job, "Sink: after-default")->slot_sharing_group, "default");
  /* virtual nodes resolve to their original (StreamGraph.getSlotSharingGroup) */
  ck_assert_str_eq (graphs_test_node (job, "through-keyBy")->slot_sharing_group, "src");
  ck_assert_str_eq (graphs_test_node (job, "both-src")->slot_sharing_group, "src");
  /* a Sink V2 writer takes the sink's group, else inherits */
  ck_assert_str_eq (graphs_test_node (job, "V2: Writer")->slot_sharing_group, "sinks");
  ck_assert_str_eq (graphs_test_node (job, "V2-inherit: Writer")->slot_sharing_group, "src");
}
END_TEST

/* ChainingStrategy: startNewChain → HEAD, disableChaining → NEVER
 * (SingleOutputStreamOperator, DataStreamSink); a Sink V2 writer takes the
 * SinkTransformation's (SinkTransformationTranslator.adjustTransformations). */
START_TEST (test_chaining_strategies)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "s = env.fromSequence(1, 10)\n"
    "s.map().name(\"default\").map().name(\"head\").startNewChain()\n"
    "  .map().name(\"never\").disableChaining().print().disableChaining()\n"
    "s.sinkTo(\"K\").disableChaining()\n");
  ck_assert_int_eq (graphs_test_node (job, "default")->chaining, FSIM_CHAINING_ALWAYS);
  ck_assert_int_eq (graphs_test_node (job, "head")->chaining, FSIM_CHAINING_HEAD);
  ck_assert_int_eq (graphs_test_node (job, "never")->chaining, FSIM_CHAINING_NEVER);
  ck_assert_int_eq (graphs_test_node (job, "Sink: Print to Std. Out")->chaining,
                    FSIM_CHAINING_NEVER);
  ck_assert_int_eq (graphs_test_node (job, "Sink: Writer")->chaining, FSIM_CHAINING_NEVER);
}
END_TEST

/* Default names of master's DataStream API, sinks' and
 * sources' prefixes from the Legacy/Source translators, window names from
 * WindowOperatorBuilder.generateOperatorName/Description. */
START_TEST (test_default_names)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "s = env.fromSequence(1, 10)\n"
    "k = s.keyBy(0)\n"
    "s.map().flatMap().filter().process().print()\n"
    "k.process().printToErr()\n"
    "k.reduce(\"R\").addSink(\"MySink\")\n"
    "k.sum(1).writeAsText(\"/tmp/out\")\n"
    "s.assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks()).sinkTo(\"KafkaSink\")\n"
    "s.sinkTo(\"KafkaSink\").name(\"Kafka\")\n"
    "env.fromSource(\"Orders\").print().name(\"out\")\n"
    "env.addSource(\"Gen\").print().name(\"p2\")\n"
    "env.addSource(\"Gen\", \"Generator\").print().name(\"p3\")\n");
  static const char *const names[] = {
    "Map", "Flat Map", "Filter", "Process", "Sink: Print to Std. Out",
    "KeyedProcess", "Sink: Print to Std. Err", "Keyed Reduce", "Keyed Aggregation",
    "Timestamps/Watermarks", "Sink: Writer", "Kafka: Writer", "Source: Orders", "Sink: out",
    "Source: Custom Source", "Source: Generator",
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      FsimStreamNode *n = graphs_test_node (job, names[i]);
      /* StreamNode.operatorDescription defaults to the name */
      ck_assert_str_eq (n->description, n->name);
    }
  /* addSink and (1.x) writeAsText: LegacySinkTransformation "Unnamed" */
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  int unnamed = 0;
  for (guint i = 0; i < nodes->len; i++)
    unnamed += strcmp (((FsimStreamNode *) nodes->pdata[i])->name, "Sink: Unnamed") == 0;
  ck_assert_int_eq (unnamed, 2);
  /* registered legacy sinks are sinks; Sink V2 writers are plain operators */
  ck_assert (graphs_test_node (job, "Sink: out")->is_sink);
  ck_assert (!graphs_test_node (job, "Kafka: Writer")->is_sink);
  ck_assert_int_eq (graphs_test_node (job, "Kafka: Writer")->kind, FSIM_OPERATOR_SINK_WRITER);
  ck_assert_int_eq (graphs_test_node (job, "Sink: out")->kind, FSIM_OPERATOR_LEGACY_SINK);
  ck_assert_str_eq (graphs_test_node (job, "Kafka: Writer")->function, "KafkaSink");
}
END_TEST

START_TEST (test_window_names)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "k = env.fromSequence(1, 10).keyBy(0)\n"
    "k.window(TumblingProcessingTimeWindows.of(5 s)).sum(1).print()\n"
    "k.window(SlidingEventTimeWindows.of(10 s, 5 s)).reduce(\"R\").print()\n"
    "k.window(EventTimeSessionWindows.withGap(30 s)).apply(\"Ap\").print()\n"
    "k.window(ProcessingTimeSessionWindows.withGap(1 min)).aggregate(\"A\", \"W\").print()\n"
    "k.window(GlobalWindows.create()).process(\"P\").print()\n"
    "k.countWindow(100).min(0).print()\n"
    "k.countWindow(10, 5).aggregate(\"A\").print()\n");
  static const struct {
    int id;
    const char *name, *description;
  } expect[] = {
    { 3, "TumblingProcessingTimeWindows",
      "Window(TumblingProcessingTimeWindows(5000), ProcessingTimeTrigger, SumAggregator, "
      "PassThroughWindowFunction)" },
    { 5, "SlidingEventTimeWindows",
      "Window(SlidingEventTimeWindows(10000, 5000), EventTimeTrigger, R, PassThroughWindowFunction)" },
    { 7, "EventTimeSessionWindows", "Window(EventTimeSessionWindows(30000), EventTimeTrigger, Ap)" },
    { 9, "ProcessingTimeSessionWindows",
      "Window(ProcessingTimeSessionWindows(60000), ProcessingTimeTrigger, A, W)" },
    { 11, "GlobalWindows", "Window(GlobalWindows(trigger=NeverTrigger), NeverTrigger, P)" },
    /* KeyedStream.countWindow: GlobalWindows with a PurgingTrigger(CountTrigger) */
    { 13, "GlobalWindows", "Window(GlobalWindows(trigger=NeverTrigger), PurgingTrigger, "
      "ComparableAggregator, PassThroughWindowFunction)" },
    /* countWindow(size, slide): CountEvictor and CountTrigger */
    { 15, "GlobalWindows", "Window(GlobalWindows(trigger=NeverTrigger), CountTrigger, "
      "CountEvictor, A, PassThroughWindowFunction)" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      FsimStreamNode *n = graphs_test_node_by_id (job, expect[i].id);
      ck_assert_str_eq (n->name, expect[i].name);
      ck_assert_str_eq (n->description, expect[i].description);
      ck_assert (n->keyed);
    }
  FsimStreamNode *sliding = graphs_test_node_by_id (job, 5);
  ck_assert_int_eq (sliding->window.kind, FSIM_WINDOW_SLIDING);
  ck_assert (sliding->window.event_time);
  ck_assert_int_eq (sliding->window.slide_us, 5000000);
  ck_assert_int_eq (graphs_test_node_by_id (job, 7)->window.kind, FSIM_WINDOW_SESSION);
  ck_assert_int_eq (graphs_test_node_by_id (job, 15)->window.count, 10);
  ck_assert_int_eq (graphs_test_node_by_id (job, 15)->window.count_slide, 5);
}
END_TEST

/* AllWindowedStream: input.keyBy(NullByteKeySelector) takes an id at
 * windowAll(); the operator is forceNonParallel (parallelism and max
 * parallelism 1); apply/process are named "TriggerWindow(…)". */
START_TEST (test_window_all)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 3\n"
    "s = env.fromSequence(1, 10)\n"
    "s.windowAll(TumblingProcessingTimeWindows.of(5 s)).sum(0).print()\n"
    "s.windowAll(TumblingEventTimeWindows.of(1 s)).apply(\"F\").print()\n");
  FsimStreamNode *w = graphs_test_node_by_id (job, 3);
  ck_assert_str_eq (w->name, "TumblingProcessingTimeWindows");
  ck_assert_str_eq (w->description,
                    "TriggerWindow(TumblingProcessingTimeWindows(5000), "
                    "ReducingStateDescriptor{name=window-contents, defaultValue=null}, "
                    "ProcessingTimeTrigger(), AllWindowedStream.main(t.job:3))");
  ck_assert_int_eq (w->parallelism, 1);
  ck_assert_int_eq (w->max_parallelism, 1);
  ck_assert (w->keyed);
  ck_assert_int_eq (graphs_test_in_edge (w, 0)->partitioner, FSIM_PARTITIONER_HASH);
  FsimStreamNode *a = graphs_test_node_by_id (job, 6);
  ck_assert_str_eq (a->name, "TriggerWindow(TumblingEventTimeWindows(1000), "
                             "ListStateDescriptor{name=window-contents, defaultValue=null}, "
                             "EventTimeTrigger(), AllWindowedStream.main(t.job:4))");
  g_autofree char *msg = graphs_test_parse_error (
    "env.fromSequence(1, 10).windowAll(GlobalWindows.create()).sum(0).setParallelism(2).print()\n");
  ck_assert (strstr (msg, "error: The parallelism of non parallel operator must be 1.\n"));
}
END_TEST

/* StreamGraphGeneratorTest.testBufferTimeout: -1 on an operator = the
 * environment's; 0 and 12 are kept. */
START_TEST (test_buffer_timeout)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.setBufferTimeout(77)\n"
    "env.fromData(1, 2, 3, 4, 5)\n"
    "  .map().setBufferTimeout(-1).name(\"A\")\n"
    "  .map().setBufferTimeout(0).name(\"B\")\n"
    "  .map().setBufferTimeout(12).name(\"C\")\n"
    "  .map().name(\"D\").print()\n");
  ck_assert_int_eq (graphs_test_node (job, "A")->buffer_timeout_ms, 77);
  ck_assert_int_eq (graphs_test_node (job, "B")->buffer_timeout_ms, 0);
  ck_assert_int_eq (graphs_test_node (job, "C")->buffer_timeout_ms, 12);
  ck_assert_int_eq (graphs_test_node (job, "D")->buffer_timeout_ms, 77);
  /* execution.buffer-timeout.enabled = false: DISABLED_NETWORK_BUFFER_TIMEOUT */
  g_autoptr (FsimJob) off = graphs_test_parse ("env.setBufferTimeout(-1)\n"
                                               "env.fromSequence(1, 2).print()\n");
  ck_assert_int_eq (graphs_test_node_by_id (off, 1)->buffer_timeout_ms, -1);
}
END_TEST

/* StreamGraphGeneratorTest.testUnalignedCheckpointDisabledOnPointwise,
 * with connect(broadcast()) for the broadcast state pattern: a node with
 * any pointwise or broadcast in-edge has all in-edges marked. */
START_TEST (test_unaligned_support)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.setParallelism(42)\n"
    "source1 = env.fromSequence(1, 10)\n"
    "map1 = source1.forward().map().name(\"map1\")\n"
    "source2 = env.fromSequence(2, 11)\n"
    "map2 = source2.shuffle().map().name(\"map2\")\n"
    "joined = map2.connect(map1.broadcast()).process(\"BroadcastProcessFunction\")\n"
    "map3 = joined.shuffle().map().name(\"map3\")\n"
    "map4 = map3.rescale().map().name(\"map4\").setParallelism(1337)\n"
    "map4.print()\n");
  FsimStreamNode *map1 = graphs_test_node (job, "map1");
  FsimStreamNode *map2 = graphs_test_node (job, "map2");
  FsimStreamNode *joined = graphs_test_node (job, "Co-Process");
  FsimStreamNode *map3 = graphs_test_node (job, "map3");
  FsimStreamNode *map4 = graphs_test_node (job, "map4");
  ck_assert (!graphs_test_in_edge (map1, 0)->supports_unaligned);    /* forward */
  ck_assert (graphs_test_in_edge (map2, 0)->supports_unaligned);     /* shuffle */
  ck_assert_int_eq (graphs_test_in_edge (joined, 0)->source->id, map2->id);
  /* forward, beside a broadcast */
  ck_assert (!graphs_test_in_edge (joined, 0)->supports_unaligned);
  ck_assert (!graphs_test_in_edge (joined, 1)->supports_unaligned);  /* broadcast */
  ck_assert (graphs_test_in_edge (map3, 0)->supports_unaligned);     /* shuffle */
  ck_assert (!graphs_test_in_edge (map4, 0)->supports_unaligned);    /* rescale */
  ck_assert_int_eq (graphs_test_in_edge (map4, 0)->partitioner, FSIM_PARTITIONER_RESCALE);
}
END_TEST

/* Sink V2 (SinkTransformationTranslator): the SinkTransformation takes an
 * id in the program; its writer "<name>: Writer" takes one at generation,
 * after its input's virtual nodes; uid and parallelism are the sink's. */
START_TEST (test_sink_v2_writer)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 2\n"
    "env.fromSequence(1, 10).keyBy(0).sinkTo(\"S\").uid(\"sink-uid\").setParallelism(3)\n");
  /* source 1, keyBy 2, sinkTo 3; generation: virtual 4, writer 5 */
  g_autofree char *ids = node_ids (job);
  ck_assert_str_eq (ids, "1 5");
  FsimStreamNode *w = graphs_test_node_by_id (job, 5);
  ck_assert_str_eq (w->name, "Sink: Writer");
  ck_assert_str_eq (w->uid, "sink-uid");
  ck_assert_int_eq (w->parallelism, 3);
  ck_assert (!w->keyed);        /* sinkTo passes no key (DataStream.sinkTo) */
  ck_assert_int_eq (graphs_test_in_edge (w, 0)->partitioner, FSIM_PARTITIONER_HASH);
  /* a legacy sink after keyBy is keyed (KeyedStream.addSink) */
  g_autoptr (FsimJob) legacy = graphs_test_parse ("env.fromSequence(1, 10).keyBy(0).print()\n");
  ck_assert (graphs_test_node_by_id (legacy, 3)->keyed);
}
END_TEST

/* keyBy marks what is made from the KeyedStream as keyed
 * (KeyedStream.doTransform sets the state key); assignTimestampsAndWatermarks
 * is not keyed and takes its input's parallelism (DataStream). */
START_TEST (test_keyed_and_watermarks)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 2\n"
    "s = env.fromSource(\"S\").setParallelism(3)\n"
    "t = s.assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))\n"
    "k = t.keyBy(\"k\")\n"
    "k.map().name(\"keyed map\").map().name(\"plain map\").print()\n"
    "k.assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks()).print()\n");
  FsimStreamNode *tw = graphs_test_node_by_id (job, 2);
  ck_assert_str_eq (tw->name, "Timestamps/Watermarks");
  ck_assert_int_eq (tw->parallelism, 3);
  ck_assert_int_eq (graphs_test_in_edge (tw, 0)->partitioner, FSIM_PARTITIONER_FORWARD);
  ck_assert_int_eq (tw->watermarks.kind, FSIM_WATERMARKS_BOUNDED);
  ck_assert_int_eq (tw->watermarks.max_out_of_orderness_us, 2000000);
  ck_assert (graphs_test_node (job, "keyed map")->keyed);
  ck_assert (!graphs_test_node (job, "plain map")->keyed);
  /* on a KeyedStream: the partition's parallelism (3), not keyed */
  FsimStreamNode *tw2 = graphs_test_node_by_id (job, 7);
  ck_assert_str_eq (tw2->name, "Timestamps/Watermarks");
  ck_assert_int_eq (tw2->parallelism, 3);
  ck_assert (!tw2->keyed);
  ck_assert_int_eq (graphs_test_in_edge (tw2, 0)->partitioner, FSIM_PARTITIONER_HASH);
}
END_TEST

/* Only what env.addOperator registered is translated: a source nobody
 * reads takes an id and makes no node. */
START_TEST (test_unused_source_takes_an_id)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "unused = env.fromSequence(1, 2)\n"
    "env.fromSequence(1, 2).print()\n");
  g_autofree char *ids = node_ids (job);
  ck_assert_str_eq (ids, "2 3");
}
END_TEST

/* StreamGraphGenerator.configureStreamGraph*: deriveJobName (pipeline.name,
 * else "Flink Streaming Job"/"Flink Batch Job"), execute(name) wins;
 * AUTOMATIC is BATCH iff every source is bounded. */
START_TEST (test_job_name_and_mode)
{
  g_autoptr (FsimJob) a = graphs_test_parse ("set pipeline.name = From Config\n"
                                             "env.fromSequence(1, 2).print()\n");
  ck_assert_str_eq (fsim_job_get_name (a), "From Config");
  g_autoptr (FsimJob) b = graphs_test_parse ("job \"From Job\"\nset pipeline.name = From Config\n"
                                             "env.fromSequence(1, 2).print()\n");
  ck_assert_str_eq (fsim_job_get_name (b), "From Job");
  g_autoptr (FsimJob) c = graphs_test_parse ("set execution.runtime-mode = AUTOMATIC\n"
                                             "env.fromSequence(1, 2).print()\n");
  ck_assert_str_eq (fsim_job_get_name (c), "Flink Batch Job");
  g_autoptr (FsimJob) d = graphs_test_parse ("set execution.runtime-mode = AUTOMATIC\n"
                                             "env.fromSequence(1, 2).union(env.fromSource(\"K\"))"
                                             ".print()\n");
  ck_assert_str_eq (fsim_job_get_name (d), "Flink Streaming Job");
}
END_TEST

void
graphs_streamgraph_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("StreamGraphGenerator");
  tcase_add_test (tc, test_wordcount_ids);
  tcase_add_test (tc, test_virtual_transformations);
  tcase_add_test (tc, test_parallelism_capture);
  tcase_add_test (tc, test_source_parallelism);
  tcase_add_test (tc, test_union_unique_ids);
  tcase_add_test (tc, test_connected_streams);
  tcase_add_test (tc, test_max_parallelism);
  tcase_add_test (tc, test_slot_sharing_groups);
  tcase_add_test (tc, test_chaining_strategies);
  tcase_add_test (tc, test_buffer_timeout);
  tcase_add_test (tc, test_unaligned_support);
  tcase_add_test (tc, test_sink_v2_writer);
  tcase_add_test (tc, test_keyed_and_watermarks);
  tcase_add_test (tc, test_unused_source_takes_an_id);
  tcase_add_test (tc, test_job_name_and_mode);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("DataStreamDefaultNames");
  tcase_add_test (tc, test_default_names);
  tcase_add_test (tc, test_window_names);
  tcase_add_test (tc, test_window_all);
  suite_add_tcase (suite, tc);
}
