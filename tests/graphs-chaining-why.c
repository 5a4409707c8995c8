/* graphs-chaining-why.c - why each StreamEdge chained or not, in check_graphs.
 *
 * One test per condition of StreamingJobGraphGenerator.isChainable /
 * isChainableInput / areOperatorsChainable /
 * arePartitionerAndExchangeModeChainable, in the graph shapes of
 * StreamingJobGraphGeneratorTest; each checks the rule (the first condition
 * that failed, in Flink's order) and the sentence a learner reads. Then the
 * three cases of StreamGraphGenerator.determineSlotSharingGroup. */
#include "config.h"

#include "graphs/job-graph-private.h"
#include "tests/graphs-tests.h"

void graphs_chaining_why_tcases (Suite *suite);

static FsimStreamNode *
add (FsimStreamGraph *g, int id, const char *name, FsimOperatorKind kind, int parallelism)
{
  FsimStreamNode *n = fsim_stream_graph_add_node (g, id, name, kind);
  n->parallelism = parallelism;
  n->is_source = kind == FSIM_OPERATOR_SOURCE || kind == FSIM_OPERATOR_LEGACY_SOURCE;
  return n;
}

/* fromSource(p 2) -> map(p 2) over one FORWARD edge: chained unless the
 * test breaks one condition. */
static FsimStreamGraph *
pair (FsimStreamNode **up, FsimStreamNode **down, FsimStreamEdge **edge)
{
  FsimStreamGraph *g = fsim_stream_graph_new ("j");
  *up = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 2);
  *down = add (g, 2, "Flat Map", FSIM_OPERATOR_ONE_INPUT, 2);
  *edge = fsim_stream_graph_add_edge (g, *up, *down, 0, FSIM_PARTITIONER_FORWARD,
                                      FSIM_EXCHANGE_UNDEFINED);
  return g;
}

/* Builds the JobGraph and checks the decision on edge. */
static void
assert_decision (FsimStreamGraph *g, const FsimStreamEdge *edge, FsimChainingRule rule,
                 const char *reason)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new (g, NULL, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  const FsimChainingDecision *d = fsim_job_graph_get_chaining_decision (jg, edge);
  ck_assert_ptr_nonnull (d);
  ck_assert_int_eq (d->chained, rule == FSIM_CHAINING_RULE_NONE);
  ck_assert_int_eq (d->chained, fsim_job_graph_is_chained (jg, edge));
  ck_assert_msg (d->rule == rule, "rule %s, expected %s", fsim_chaining_rule_name (d->rule),
                 fsim_chaining_rule_name (rule));
  ck_assert_str_eq (d->reason, reason);
}

/* A chained pair says that it chained, and which conditions held. */
START_TEST (test_why_chained)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  assert_decision (g, e, FSIM_CHAINING_RULE_NONE,
                   "chained: FORWARD, parallelism 2, both in slot sharing group 'default', "
                   "ChainingStrategy ALWAYS \u2192 ALWAYS");
}
END_TEST

/* isChainable: downStreamVertex.getInEdges().size() == 1, tested first
 * (testDeterministicUnionOrder: a union into one operator never chains). */
START_TEST (test_why_inputs)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *s1 = add (g, 1, "Source: source1", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *s2 = add (g, 2, "Source: source2", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *m = add (g, 4, "Map", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamEdge *e = fsim_stream_graph_add_edge (g, s1, m, 0, FSIM_PARTITIONER_FORWARD,
                                                  FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, s2, m, 0, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  /* chaining off too: the in-degree is checked before isChainableInput */
  fsim_stream_graph_set_chaining_enabled (g, FALSE);
  assert_decision (g, e, FSIM_CHAINING_RULE_INPUTS,
                   "two inputs: Map reads 2 StreamEdges, only an operator with one input "
                   "chains");
}
END_TEST

/* isChainableInput: streamGraph.isChainingEnabled() (env.disableOperatorChaining,
 * pipeline.operator-chaining.enabled), before the slot sharing group. */
START_TEST (test_why_chaining_disabled)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  fsim_stream_graph_set_chaining_enabled (g, FALSE);
  g_free (down->slot_sharing_group);
  down->slot_sharing_group = g_strdup ("sink");
  assert_decision (g, e, FSIM_CHAINING_RULE_CHAINING_DISABLED,
                   "chaining disabled for the job (pipeline.operator-chaining.enabled = false)");
}
END_TEST

/* isChainableInput: upStreamVertex.isSameSlotSharingGroup(downStreamVertex),
 * before areOperatorsChainable (so before parallelism) and the partitioner
 * (createStreamGraphForSlotSharingTest's map after a rebalance in another group). */
START_TEST (test_why_slot_sharing_group)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  g_free (down->slot_sharing_group);
  down->slot_sharing_group = g_strdup ("sink");
  down->parallelism = 1;
  e->partitioner = FSIM_PARTITIONER_HASH;
  assert_decision (g, e, FSIM_CHAINING_RULE_SLOT_SHARING_GROUP,
                   "different slot sharing groups 'default' and 'sink'");
}
END_TEST

/* areOperatorsChainable: the upstream strategy first (NEVER: disableChaining),
 * then the downstream one (HEAD: startNewChain; NEVER; HEAD_WITH_SOURCES
 * behind anything but a SourceOperatorFactory), all before parallelism
 * (testChainStartEndSetting's startNewChain / disableChaining). */
START_TEST (test_why_chaining_strategy)
{
  static const struct {
    FsimChainingStrategy up, down;
    const char *reason;
  } cases[] = {
    { FSIM_CHAINING_NEVER, FSIM_CHAINING_HEAD, "Map has ChainingStrategy NEVER (disableChaining())" },
    { FSIM_CHAINING_ALWAYS, FSIM_CHAINING_HEAD,
      "Flat Map has ChainingStrategy HEAD (as startNewChain() sets)" },
    { FSIM_CHAINING_HEAD, FSIM_CHAINING_NEVER, "Flat Map has ChainingStrategy NEVER (disableChaining())" },
    { FSIM_CHAINING_ALWAYS, FSIM_CHAINING_HEAD_WITH_SOURCES,
      "Flat Map has ChainingStrategy HEAD_WITH_SOURCES: only a FLIP-27 source chains into it" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
      FsimStreamNode *src = add (g, 1, "Source: A", FSIM_OPERATOR_SOURCE, 2);
      FsimStreamNode *up = add (g, 2, "Map", FSIM_OPERATOR_ONE_INPUT, 2);
      FsimStreamNode *down = add (g, 3, "Flat Map", FSIM_OPERATOR_ONE_INPUT, 3);
      fsim_stream_graph_add_edge (g, src, up, 0, FSIM_PARTITIONER_REBALANCE,
                                  FSIM_EXCHANGE_UNDEFINED);
      FsimStreamEdge *e = fsim_stream_graph_add_edge (g, up, down, 0, FSIM_PARTITIONER_REBALANCE,
                                                      FSIM_EXCHANGE_UNDEFINED);
      up->chaining = cases[i].up;
      down->chaining = cases[i].down;
      assert_decision (g, e, FSIM_CHAINING_RULE_CHAINING_STRATEGY, cases[i].reason);
    }
}
END_TEST

/* areOperatorsChainable: "Only vertices with the same parallelism can be
 * chained", before the partitioner (testParallelismOneNotChained's shape:
 * a REBALANCE at a parallelism change names the parallelism). */
START_TEST (test_why_parallelism)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  down->parallelism = 1;
  e->partitioner = FSIM_PARTITIONER_REBALANCE;
  assert_decision (g, e, FSIM_CHAINING_RULE_PARALLELISM, "parallelism 2 \u2192 1");
}
END_TEST

/* testChainingOfOperatorsWithDifferentMaxParallelism: with the option off,
 * map(10) -> map.setMaxParallelism(1) breaks on max parallelism; with it on
 * (the default) they chain. */
START_TEST (test_why_max_parallelism)
{
  for (int allowed = 0; allowed <= 1; allowed++)
    {
      FsimStreamNode *up, *down;
      FsimStreamEdge *e;
      g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
      fsim_stream_graph_set_chain_different_max_parallelism (g, allowed);
      up->max_parallelism = 10;
      down->max_parallelism = 1;
      if (allowed)
        assert_decision (g, e, FSIM_CHAINING_RULE_NONE,
                         "chained: FORWARD, parallelism 2, both in slot sharing group "
                         "'default', ChainingStrategy ALWAYS \u2192 ALWAYS");
      else
        assert_decision (g, e, FSIM_CHAINING_RULE_MAX_PARALLELISM,
                         "max parallelism 10 \u2192 1 and pipeline.operator-chaining."
                         "chain-operators-with-different-max-parallelism is false");
    }
}
END_TEST

/* arePartitionerAndExchangeModeChainable: only a ForwardPartitioner chains;
 * keyBy (HASH) and rescale at equal parallelism do not. */
START_TEST (test_why_partitioner)
{
  const FsimPartitioner others[] = { FSIM_PARTITIONER_HASH, FSIM_PARTITIONER_RESCALE };
  const char *const reasons[] = { "HASH partitioner: only FORWARD chains",
                                  "RESCALE partitioner: only FORWARD chains" };
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      FsimStreamNode *up, *down;
      FsimStreamEdge *e;
      g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
      e->partitioner = others[i];
      assert_decision (g, e, FSIM_CHAINING_RULE_PARTITIONER, reasons[i]);
    }
}
END_TEST

/* testExchangeModeBatch: a FORWARD edge with StreamExchangeMode.BATCH does
 * not chain. */
START_TEST (test_why_exchange_mode)
{
  FsimStreamNode *up, *down;
  FsimStreamEdge *e;
  g_autoptr (FsimStreamGraph) g = pair (&up, &down, &e);
  e->exchange_mode = FSIM_EXCHANGE_BATCH;
  assert_decision (g, e, FSIM_CHAINING_RULE_EXCHANGE_MODE,
                   "exchange mode BATCH: a FORWARD edge chains only when it is not BATCH");
}
END_TEST

/* isChainableInput's typeNumber check, reached through isChainableSource:
 * two FLIP-27 sources unioned into one input of a HEAD_WITH_SOURCES
 * operator (testNamingOfChainedMultipleInputs with the sources on one input). */
START_TEST (test_why_union_input)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *mit = add (g, 1, "mit", FSIM_OPERATOR_ONE_INPUT, 1);
  FsimStreamNode *s1 = add (g, 2, "Source: s1", FSIM_OPERATOR_SOURCE, 1);
  FsimStreamNode *s2 = add (g, 3, "Source: s2", FSIM_OPERATOR_SOURCE, 1);
  mit->chaining = FSIM_CHAINING_HEAD_WITH_SOURCES;
  FsimStreamEdge *e = fsim_stream_graph_add_edge (g, s1, mit, 1, FSIM_PARTITIONER_FORWARD,
                                                  FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (g, s2, mit, 1, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED);
  assert_decision (g, e, FSIM_CHAINING_RULE_UNION_INPUT,
                   "union input: another input of mit has typeNumber 1 too, and unions only "
                   "work through the network stack");
}
END_TEST

/* A FLIP-27 source chained into its HEAD_WITH_SOURCES target
 * (testNamingOfChainedMultipleInputs) chained by isChainableSource,
 * although the target has several inputs. */
START_TEST (test_why_chained_source)
{
  g_autoptr (FsimStreamGraph) g = fsim_stream_graph_new ("j");
  FsimStreamNode *mit = add (g, 1, "mit", FSIM_OPERATOR_ONE_INPUT, 1);
  mit->chaining = FSIM_CHAINING_HEAD_WITH_SOURCES;
  FsimStreamEdge *first = NULL;
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Source: source-%d", i + 1);
      FsimStreamNode *s = add (g, i + 2, name, FSIM_OPERATOR_SOURCE, 1);
      FsimStreamEdge *e = fsim_stream_graph_add_edge (g, s, mit, i + 1, FSIM_PARTITIONER_FORWARD,
                                                      FSIM_EXCHANGE_UNDEFINED);
      first = first ? first : e;
    }
  assert_decision (g, first, FSIM_CHAINING_RULE_NONE,
                   "chained: a FLIP-27 source joins mit, whose ChainingStrategy is "
                   "HEAD_WITH_SOURCES");
}
END_TEST

/* Every edge of a parsed job has one decision, in upstream id order, and the
 * summary the trace carries lists them. */
START_TEST (test_why_every_edge)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 2\n"
    "env.socketTextStream(\"h\", 1).flatMap(\"Split\").keyBy(\"w\").sum(1).print()\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_ptr_nonnull (jg);
  GPtrArray *all = fsim_job_graph_get_chaining (jg);
  ck_assert_uint_eq (all->len, 3);
  g_autofree char *summary = fsim_job_graph_chaining_summary (jg);
  ck_assert_str_eq (summary, "1\u21922 not chained: parallelism 1 \u2192 2; "
                             "2\u21924 not chained: HASH partitioner: only FORWARD chains; "
                             "4\u21925 chained");
}
END_TEST

/* StreamGraphGenerator.determineSlotSharingGroup: given, inherited from the
 * inputs, "default" when the inputs disagree, "default" for a source
 * (the DataStream docs' "inherited from input operations if all input
 * operations are in the same slot sharing group"). */
START_TEST (test_slot_sharing_origin)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "a = env.fromSource(\"A\").slotSharingGroup(\"x\")\n"
    "b = env.fromSource(\"B\")\n"
    "a.map(\"M\").union(b).filter(\"F\").print()\n");
  FsimStreamNode *src_a = graphs_test_node (job, "Source: A");
  FsimStreamNode *src_b = graphs_test_node (job, "Source: B");
  FsimStreamNode *map = graphs_test_node (job, "Map");
  FsimStreamNode *filter = graphs_test_node (job, "Filter");
  ck_assert_int_eq (src_a->slot_sharing_origin, FSIM_SLOT_SHARING_GIVEN);
  ck_assert_str_eq (src_a->slot_sharing_reason, "given: slotSharingGroup(\"x\")");
  ck_assert_int_eq (src_b->slot_sharing_origin, FSIM_SLOT_SHARING_DEFAULT);
  ck_assert_str_eq (src_b->slot_sharing_reason,
                    "\"default\": a source with no slotSharingGroup given");
  ck_assert_int_eq (map->slot_sharing_origin, FSIM_SLOT_SHARING_INHERITED);
  ck_assert_str_eq (map->slot_sharing_group, "x");
  g_autofree char *from = g_strdup_printf ("inherited from its input Source: A (id %d)",
                                           src_a->id);
  ck_assert_str_eq (map->slot_sharing_reason, from);
  ck_assert_int_eq (filter->slot_sharing_origin, FSIM_SLOT_SHARING_INPUTS_DISAGREE);
  ck_assert_str_eq (filter->slot_sharing_group, "default");
  g_autofree char *disagree = g_strdup_printf (
    "\"default\" because the inputs disagree: Map (id %d) is in \"x\", Source: B (id %d) in "
    "\"default\"", map->id, src_b->id);
  ck_assert_str_eq (filter->slot_sharing_reason, disagree);
  ck_assert_str_eq (fsim_slot_sharing_origin_name (filter->slot_sharing_origin),
                    "inputs-disagree");
}
END_TEST

/* Inputs that agree: the group is inherited, and the reason counts them in
 * words a reader expects ("both" for two). */
START_TEST (test_slot_sharing_inputs_agree)
{
  g_autoptr (FsimJob) two = graphs_test_parse (
    "a = env.fromSource(\"A\").slotSharingGroup(\"x\")\n"
    "b = env.fromSource(\"B\").slotSharingGroup(\"x\")\n"
    "a.union(b).filter(\"F\").print()\n");
  FsimStreamNode *f2 = graphs_test_node (two, "Filter");
  ck_assert_int_eq (f2->slot_sharing_origin, FSIM_SLOT_SHARING_INHERITED);
  ck_assert_str_eq (f2->slot_sharing_reason, "inherited: both inputs are in \"x\"");
  g_autoptr (FsimJob) three = graphs_test_parse (
    "a = env.fromSource(\"A\").slotSharingGroup(\"x\")\n"
    "b = env.fromSource(\"B\").slotSharingGroup(\"x\")\n"
    "c = env.fromSource(\"C\").slotSharingGroup(\"x\")\n"
    "a.union(b, c).filter(\"F\").print()\n");
  FsimStreamNode *f3 = graphs_test_node (three, "Filter");
  ck_assert_str_eq (f3->slot_sharing_reason, "inherited: all 3 inputs are in \"x\"");
}
END_TEST

void
graphs_chaining_why_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("WhyNotChained");
  tcase_add_test (tc, test_why_chained);
  tcase_add_test (tc, test_why_inputs);
  tcase_add_test (tc, test_why_chaining_disabled);
  tcase_add_test (tc, test_why_slot_sharing_group);
  tcase_add_test (tc, test_why_chaining_strategy);
  tcase_add_test (tc, test_why_parallelism);
  tcase_add_test (tc, test_why_max_parallelism);
  tcase_add_test (tc, test_why_partitioner);
  tcase_add_test (tc, test_why_exchange_mode);
  tcase_add_test (tc, test_why_union_input);
  tcase_add_test (tc, test_why_chained_source);
  tcase_add_test (tc, test_why_every_edge);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("DetermineSlotSharingGroup");
  tcase_add_test (tc, test_slot_sharing_origin);
  tcase_add_test (tc, test_slot_sharing_inputs_agree);
  suite_add_tcase (suite, tc);
}
