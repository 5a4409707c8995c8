/* stream-graph-generator.c - StreamGraphGenerator: Transformations → StreamGraph.
 *
 * Flink's rules, in the order generate() applies them:
 *
 *  - walk env.getTransformations() in registration order; transform(t) is
 *    memoised and translates t's inputs first, depth first;
 *  - a transformation without max parallelism gets pipeline.max-parallelism
 *    (env.setMaxParallelism) if that is > 0;
 *  - the slot sharing group is the explicit one, else the inputs' common
 *    group, else "default" (determineSlotSharingGroup);
 *  - sources and operators become StreamNodes with their transformation id;
 *    parallelism PARALLELISM_DEFAULT (-1) means the ExecutionConfig's at
 *    generation time;
 *  - a PartitionTransformation becomes one virtual node (a fresh id) per
 *    input; a UnionTransformation becomes its inputs' ids;
 *  - a Sink V2 SinkTransformation expands into "<name>: Writer", a plain
 *    operator with a fresh id (SinkTransformationTranslator);
 *  - edges resolve virtual nodes outermost first: the last partitioning
 *    called wins, the innermost exchange mode stays (StreamGraph.addEdgeInternal);
 *    no partitioner means FORWARD at equal parallelism, else REBALANCE;
 *    FORWARD between different parallelisms is an error (createActualEdge);
 *  - finally every node with an in-edge whose partitioner cannot take
 *    unaligned checkpoints (pointwise or broadcast) has all in-edges marked so.
 *
 * Flink raises its errors at env.execute(); here they point at the call in
 * the job file that caused them. */
#include "config.h"

#include <string.h>

#include "graphs/language.h"

#define DEFAULT_SLOT_SHARING_GROUP "default"

typedef struct {
  int original;                 /* the node (or virtual node) it reads */
  FsimPartitioner partitioner;
  FsimExchangeMode exchange_mode;
  const FsimTransformation *from; /* the PartitionTransformation, for diagnostics */
  const char *output_tag;       /* a side output's virtual node: its tag, no partitioner */
} VirtualNode;

typedef struct {
  FsimProgram *program;
  const FsimConfig *config;
  FsimStreamGraph *graph;
  GHashTable *done;             /* FsimTransformation* → GArray of int ids */
  GHashTable *virtuals;         /* virtual id → VirtualNode* */
  GHashTable *site;             /* node id → FsimTransformation* that made it */
  int exec_parallelism;         /* ExecutionConfig.getParallelism() */
  int global_max_parallelism;   /* ExecutionConfig.getMaxParallelism() */
  gint64 default_buffer_timeout;
  gboolean batch;
  const char *filename;
  const char *source;
  GError **error;
} Generator;

/* ------------------------------------------------------------------------ */

static GArray *
ids_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (int));
}

static const char *
node_slot_sharing_group (Generator *gen, int id)
{
  /* StreamGraph.getSlotSharingGroup resolves virtual nodes to their original */
  while (g_hash_table_contains (gen->virtuals, GINT_TO_POINTER (id)))
    id = ((VirtualNode *) g_hash_table_lookup (gen->virtuals, GINT_TO_POINTER (id)))->original;
  FsimStreamNode *node = fsim_stream_graph_get_node (gen->graph, id);
  g_assert (node != NULL);
  return node->slot_sharing_group;
}

static FsimStreamNode *
original_node (Generator *gen, int id)
{
  /* StreamGraph.getSlotSharingGroup resolves virtual nodes to their original */
  while (g_hash_table_contains (gen->virtuals, GINT_TO_POINTER (id)))
    id = ((VirtualNode *) g_hash_table_lookup (gen->virtuals, GINT_TO_POINTER (id)))->original;
  return fsim_stream_graph_get_node (gen->graph, id);
}

/* StreamGraphGenerator.determineSlotSharingGroup; *origin and *reason
 * (transfer full) say which of its three cases decided. */
static const char *
determine_slot_sharing_group (Generator *gen, const char *specified, GArray *input_ids,
                              FsimSlotSharingOrigin *origin, char **reason)
{
  if (specified != NULL)
    {
      *origin = FSIM_SLOT_SHARING_GIVEN;
      *reason = g_strdup_printf ("given: slotSharingGroup(\"%s\")", specified);
      return specified;
    }
  const char *group = NULL;
  const FsimStreamNode *first = NULL;
  for (guint i = 0; i < input_ids->len; i++)
    {
      const FsimStreamNode *input = original_node (gen, g_array_index (input_ids, int, i));
      const char *candidate = node_slot_sharing_group (gen, g_array_index (input_ids, int, i));
      if (group == NULL)
        {
          group = candidate;
          first = input;
        }
      else if (strcmp (group, candidate) != 0)
        {
          *origin = FSIM_SLOT_SHARING_INPUTS_DISAGREE;
          *reason = g_strdup_printf ("\"%s\" because the inputs disagree: %s (id %d) is in "
                                     "\"%s\", %s (id %d) in \"%s\"",
                                     DEFAULT_SLOT_SHARING_GROUP, first->name, first->id, group,
                                     input->name, input->id, candidate);
          return DEFAULT_SLOT_SHARING_GROUP;
        }
    }
  if (group == NULL)
    {
      *origin = FSIM_SLOT_SHARING_DEFAULT;
      *reason = g_strdup_printf ("\"%s\": a source with no slotSharingGroup given",
                                 DEFAULT_SLOT_SHARING_GROUP);
      return DEFAULT_SLOT_SHARING_GROUP;
    }
  *origin = FSIM_SLOT_SHARING_INHERITED;
  if (input_ids->len == 1)
    *reason = g_strdup_printf ("inherited from its input %s (id %d)", first->name, first->id);
  else if (input_ids->len == 2)
    *reason = g_strdup_printf ("inherited: both inputs are in \"%s\"", group);
  else
    *reason = g_strdup_printf ("inherited: all %u inputs are in \"%s\"", input_ids->len, group);
  return group;
}

static int
resolve_parallelism (Generator *gen, const FsimTransformation *t)
{
  return t->parallelism != FSIM_PARALLELISM_DEFAULT ? t->parallelism : gen->exec_parallelism;
}

static FsimOperatorKind
operator_kind (FsimTransformationKind kind)
{
  switch (kind)
    {
    case FSIM_T_SOURCE: return FSIM_OPERATOR_SOURCE;
    case FSIM_T_LEGACY_SOURCE: return FSIM_OPERATOR_LEGACY_SOURCE;
    case FSIM_T_ONE_INPUT: return FSIM_OPERATOR_ONE_INPUT;
    case FSIM_T_TWO_INPUT: return FSIM_OPERATOR_TWO_INPUT;
    case FSIM_T_LEGACY_SINK: return FSIM_OPERATOR_LEGACY_SINK;
    case FSIM_T_SINK: return FSIM_OPERATOR_SINK_WRITER;
    case FSIM_T_PARTITION:
    case FSIM_T_UNION:
    case FSIM_T_SIDE_OUTPUT:
      break;
    }
  g_assert_not_reached ();
}

/* StreamGraph.addOperator/addSource/addLegacySource/addSink plus the
 * translator's setParallelism/setMaxParallelism and SimpleTransformation-
 * Translator.configure (uid, buffer timeout, description). */
static FsimStreamNode *
add_node (Generator *gen, const FsimTransformation *t, int id, const char *name,
          const char *group)
{
  FsimStreamNode *node = fsim_stream_graph_add_node (gen->graph, id, name,
                                                     operator_kind (t->kind));
  if (t->description && t->kind != FSIM_T_SINK)
    {
      g_free (node->description);
      node->description = g_strdup (t->description);
    }
  node->uid = g_strdup (t->uid);
  node->function = g_strdup (t->function);
  node->parallelism = resolve_parallelism (gen, t);
  node->parallelism_configured = t->parallelism_configured;
  node->max_parallelism = t->max_parallelism;
  node->parallelism_line = t->parallelism_line;
  node->parallelism_column = t->parallelism_column;
  node->parallelism_span = t->parallelism_span;
  g_free (node->slot_sharing_group);
  node->slot_sharing_group = g_strdup (group);
  node->chaining = t->chaining;
  node->is_source = t->kind == FSIM_T_SOURCE || t->kind == FSIM_T_LEGACY_SOURCE;
  node->is_sink = t->kind == FSIM_T_LEGACY_SINK;
  node->buffer_timeout_ms = t->buffer_timeout_ms >= 0 ? t->buffer_timeout_ms
                                                      : gen->default_buffer_timeout;
  node->bounded = t->bounded;
  node->not_replayable = t->not_replayable;
  node->keyed = t->keyed;
  node->reduce = t->reduce;
  node->window = t->window;
  node->watermarks = t->watermarks;
  node->knobs = t->knobs;
  if (node->is_source && t->total_records > 0 && node->knobs.records == 0)
    /* NumberSequenceSource splits the range evenly; a subtask reads at most this */
    node->knobs.records = t->total_records / node->parallelism
                          + (t->total_records % node->parallelism != 0);
  node->line = t->line;
  node->column = t->column;
  g_hash_table_insert (gen->site, GINT_TO_POINTER (id), (gpointer) t);
  return node;
}

/* StreamGraph.addEdge → addEdgeInternal → createActualEdge */
static gboolean
add_edge (Generator *gen, int up, FsimStreamNode *down, int type_number)
{
  gboolean have_partitioner = FALSE;
  FsimPartitioner partitioner = FSIM_PARTITIONER_FORWARD;
  FsimExchangeMode exchange_mode = FSIM_EXCHANGE_UNDEFINED;
  const FsimTransformation *chosen_by = NULL;
  const char *output_tag = NULL;
  FsimSourceSpan side_output_site = { 0, 0, 0 };
  VirtualNode *v;
  while ((v = g_hash_table_lookup (gen->virtuals, GINT_TO_POINTER (up))))
    {
      if (v->output_tag)
        {
          /* virtualSideOutputNodes: the tag rides on the edge */
          output_tag = v->output_tag;
          side_output_site = (FsimSourceSpan) { v->from->line, v->from->column, v->from->span };
          up = v->original;
          continue;
        }
      if (!have_partitioner)
        {
          have_partitioner = TRUE;
          partitioner = v->partitioner;
          chosen_by = v->from;
        }
      exchange_mode = v->exchange_mode;
      up = v->original;
    }
  FsimStreamNode *upstream = fsim_stream_graph_get_node (gen->graph, up);
  g_assert (upstream != NULL);
  if (!have_partitioner)
    partitioner = upstream->parallelism == down->parallelism ? FSIM_PARTITIONER_FORWARD
                                                             : FSIM_PARTITIONER_REBALANCE;
  if (partitioner == FSIM_PARTITIONER_FORWARD && upstream->parallelism != down->parallelism)
    {
      /* only an explicit forward() gets here: the default is FORWARD only at
       * equal parallelism */
      g_assert (chosen_by != NULL);
      fsim_diagnostic (gen->error, FSIM_GRAPHS_ERROR_INVALID, gen->filename, gen->source,
                       chosen_by->line, chosen_by->column, chosen_by->span,
                       _("use rebalance(), rescale(), shuffle(), broadcast() or global(), "
                         "or give both operators the same parallelism"),
                       _("Forward partitioning does not allow change of parallelism. "
                         "Upstream operation: %s-%d parallelism: %d, downstream operation: "
                         "%s-%d parallelism: %d You must use another partitioning strategy, "
                         "such as broadcast, rebalance, shuffle or global."),
                       upstream->name, upstream->id, upstream->parallelism,
                       down->name, down->id, down->parallelism);
      return FALSE;
    }
  FsimStreamEdge *edge = fsim_stream_graph_add_edge (gen->graph, upstream, down, type_number,
                                                     partitioner, exchange_mode);
  edge->output_tag = output_tag;
  edge->side_output_site = side_output_site;
  edge->key_field = chosen_by ? chosen_by->key_field : NULL;
  return TRUE;
}

static gboolean
add_edges (Generator *gen, GArray *ids, FsimStreamNode *down, int type_number)
{
  for (guint i = 0; i < ids->len; i++)
    if (!add_edge (gen, g_array_index (ids, int, i), down, type_number))
      return FALSE;
  return TRUE;
}

static GArray *transform (Generator *gen, FsimTransformation *t);

static GArray *
translate_partition (Generator *gen, const FsimTransformation *t, GArray *input_ids)
{
  GArray *ids = ids_new ();
  /* PartitionTransformationTranslator: BATCH has no effect in streaming */
  FsimExchangeMode mode = t->exchange_mode;
  if (!gen->batch && mode == FSIM_EXCHANGE_BATCH)
    mode = FSIM_EXCHANGE_UNDEFINED;
  for (guint i = 0; i < input_ids->len; i++)
    {
      VirtualNode *v = g_new0 (VirtualNode, 1);
      v->original = g_array_index (input_ids, int, i);
      v->partitioner = t->partitioner;
      v->exchange_mode = mode;
      v->from = t;
      int virtual_id = fsim_program_next_id (gen->program);
      g_hash_table_insert (gen->virtuals, GINT_TO_POINTER (virtual_id), v);
      g_array_append_val (ids, virtual_id);
    }
  return ids;
}

/* SideOutputTransformationTranslator: one virtual node per input, whose
 * edges carry the tag (StreamGraph.addVirtualSideOutputNode). */
static GArray *
translate_side_output (Generator *gen, const FsimTransformation *t, GArray *input_ids)
{
  GArray *ids = ids_new ();
  for (guint i = 0; i < input_ids->len; i++)
    {
      VirtualNode *v = g_new0 (VirtualNode, 1);
      v->original = g_array_index (input_ids, int, i);
      v->output_tag = t->output_tag;
      v->from = t;
      int virtual_id = fsim_program_next_id (gen->program);
      g_hash_table_insert (gen->virtuals, GINT_TO_POINTER (virtual_id), v);
      g_array_append_val (ids, virtual_id);
    }
  return ids;
}

static char *
node_name (const FsimTransformation *t)
{
  switch (t->kind)
    {
    case FSIM_T_SOURCE:
    case FSIM_T_LEGACY_SOURCE:
      return g_strconcat ("Source: ", t->name, NULL);
    case FSIM_T_LEGACY_SINK:
      return g_strconcat ("Sink: ", t->name, NULL);
    case FSIM_T_SINK:
      /* SinkExpander.concatProperty: "<sink name>: Writer" */
      return g_strconcat (t->name, ": Writer", NULL);
    default:
      return g_strdup (t->name);
    }
}

/* The BATCH translators (OneInput-, Reduce-, LegacySink-, TwoInput-
 * TransformationTranslator.translateForBatchInternal) call
 * BatchExecutionUtils.applyBatchExecutionSettings for a keyed operator, a
 * keyed legacy sink and a two-input operator with a keyed input: its
 * chaining strategy ALWAYS or HEAD_WITH_SOURCES becomes HEAD, and with
 * execution.sorted-inputs.enabled each keyed input is SORTED (the others
 * PASS_THROUGH). StreamGraphGenerator.setBatchStateBackendAndTimerService
 * gives the job the BatchExecutionStateBackend unless
 * execution.batch-state-backend.enabled is false. */
static void
apply_batch_execution_settings (Generator *gen, const FsimTransformation *t,
                                FsimStreamNode *node)
{
  gboolean keyed[2] = { t->keyed, FALSE };
  if (t->kind == FSIM_T_TWO_INPUT)
    keyed[0] = t->keyed_input[0], keyed[1] = t->keyed_input[1];
  else if (t->kind != FSIM_T_ONE_INPUT && t->kind != FSIM_T_LEGACY_SINK)
    return;
  if (!keyed[0] && !keyed[1])
    return;
  node->batch_keyed = TRUE;
  if (node->chaining == FSIM_CHAINING_ALWAYS || node->chaining == FSIM_CHAINING_HEAD_WITH_SOURCES)
    node->chaining = FSIM_CHAINING_HEAD;
  gboolean sort = fsim_config_get_bool (gen->config, "execution.sorted-inputs.enabled");
  for (int i = 0; i < 2; i++)
    node->sorted_input[i] = sort && keyed[i];
  node->batch_state_backend =
    fsim_config_get_bool (gen->config, "execution.batch-state-backend.enabled");
}

static GArray *
translate (Generator *gen, FsimTransformation *t)
{
  /* getParentInputIds: inputs first, in input order */
  g_autoptr (GPtrArray) inputs = g_ptr_array_new ();
  for (guint i = 0; i < t->inputs->len; i++)
    {
      GArray *ids = transform (gen, g_ptr_array_index (t->inputs, i));
      if (ids == NULL)
        return NULL;
      g_ptr_array_add (inputs, ids);
    }
  GArray *done = g_hash_table_lookup (gen->done, t);
  if (done)
    return done;
  g_autoptr (GArray) all_inputs = ids_new ();
  for (guint i = 0; i < inputs->len; i++)
    {
      GArray *ids = g_ptr_array_index (inputs, i);
      g_array_append_vals (all_inputs, ids->data, ids->len);
    }
  if (t->kind == FSIM_T_PARTITION)
    return translate_partition (gen, t, all_inputs);
  if (t->kind == FSIM_T_UNION)
    return g_array_ref (all_inputs);
  if (t->kind == FSIM_T_SIDE_OUTPUT)
    return translate_side_output (gen, t, all_inputs);

  FsimSlotSharingOrigin origin;
  char *reason;
  const char *group = determine_slot_sharing_group (gen, t->slot_sharing_group, all_inputs,
                                                    &origin, &reason);
  g_autofree char *name = node_name (t);
  /* a Sink V2 writer takes its id now, after its input's virtual nodes */
  int id = t->kind == FSIM_T_SINK ? fsim_program_next_id (gen->program) : t->id;
  FsimStreamNode *node = add_node (gen, t, id, name, group);
  node->slot_sharing_origin = origin;
  node->slot_sharing_reason = reason;
  if (gen->batch)
    apply_batch_execution_settings (gen, t, node);
  gboolean ok = TRUE;
  if (t->kind == FSIM_T_TWO_INPUT)
    ok = add_edges (gen, g_ptr_array_index (inputs, 0), node, 1)
         && add_edges (gen, g_ptr_array_index (inputs, 1), node, 2);
  else if (inputs->len > 0)
    ok = add_edges (gen, g_ptr_array_index (inputs, 0), node, 0);
  if (!ok)
    return NULL;
  GArray *ids = ids_new ();
  /* sinks (legacy and V2 alike) return no ids: nothing can read a sink */
  if (t->kind != FSIM_T_LEGACY_SINK && t->kind != FSIM_T_SINK)
    g_array_append_val (ids, id);
  return ids;
}

static GArray *
transform (Generator *gen, FsimTransformation *t)
{
  GArray *done = g_hash_table_lookup (gen->done, t);
  if (done)
    return done;
  if (t->max_parallelism <= 0 && gen->global_max_parallelism > 0)
    t->max_parallelism = gen->global_max_parallelism;
  GArray *ids = translate (gen, t);
  if (ids == NULL)
    return NULL;
  if (!g_hash_table_contains (gen->done, t))
    g_hash_table_insert (gen->done, t, ids);
  return g_hash_table_lookup (gen->done, t);
}

/* ------------------------------------------------------------------------ */

/* An unbounded source t reads from, or NULL. Each transformation is looked
 * at once (seen): unions of unions share inputs, and walking every path
 * would take time exponential in their depth. */
static const FsimTransformation *
unbounded_source_of (const FsimTransformation *t, GHashTable *seen)
{
  if (!g_hash_table_add (seen, (gpointer) t))
    return NULL;
  if ((t->kind == FSIM_T_SOURCE || t->kind == FSIM_T_LEGACY_SOURCE) && !t->bounded)
    return t;
  for (guint i = 0; i < t->inputs->len; i++)
    {
      const FsimTransformation *s = unbounded_source_of (g_ptr_array_index (t->inputs, i), seen);
      if (s)
        return s;
    }
  return NULL;
}

/* StreamGraphGenerator.shouldExecuteInBatchMode */
static gboolean
decide_batch (Generator *gen, gboolean *batch)
{
  const char *mode = fsim_config_get_string (gen->config, "execution.runtime-mode");
  const FsimTransformation *culprit = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < gen->program->registered->len && !culprit; i++)
    culprit = unbounded_source_of (g_ptr_array_index (gen->program->registered, i), seen);
  gboolean unbounded = culprit != NULL;
  if (strcmp (mode, "BATCH") == 0 && unbounded)
    {
      fsim_diagnostic (gen->error, FSIM_GRAPHS_ERROR_INVALID, gen->filename, gen->source,
                       culprit->line, culprit->column, culprit->span,
                       _("bounded sources: fromElements, fromSequence, fromCollection, "
                         "readTextFile, or a source with .records(n)"),
                       _("Detected an UNBOUNDED source with the 'execution.runtime-mode' set "
                         "to 'BATCH'. This combination is not allowed, please set the "
                         "'execution.runtime-mode' to STREAMING or AUTOMATIC"));
      return FALSE;
    }
  if (strcmp (mode, "AUTOMATIC") == 0)
    *batch = !unbounded;
  else
    *batch = strcmp (mode, "BATCH") == 0;
  return TRUE;
}

/* StreamGraphGenerator.setBatchStateBackendAndTimerService: checkState
 * (!useStateBackend || sortInputs), an IllegalStateException in Flink; here
 * at the set line that turned the sort off. */
static gboolean
check_batch_state_backend (Generator *gen)
{
  if (!fsim_config_get_bool (gen->config, "execution.batch-state-backend.enabled")
      || fsim_config_get_bool (gen->config, "execution.sorted-inputs.enabled"))
    return TRUE;
  FsimSourceSpan site = { 0 };
  fsim_config_get_site (gen->config, "execution.sorted-inputs.enabled", &site);
  fsim_diagnostic (gen->error, FSIM_GRAPHS_ERROR_INVALID, gen->filename, gen->source,
                   site.line, site.column, site.span,
                   _("set execution.batch-state-backend.enabled = false as well, or keep the "
                     "sorted inputs"),
                   _("Batch state backend requires the sorted inputs to be enabled!"));
  return FALSE;
}

static void
mark_unaligned_support (FsimStreamGraph *graph)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (nodes, i);
      gboolean any = FALSE;
      for (guint e = 0; e < n->in_edges->len; e++)
        {
          FsimStreamEdge *edge = g_ptr_array_index (n->in_edges, e);
          /* StreamPartitioner.isSupportsUnalignedCheckpoint */
          if (fsim_partitioner_is_pointwise (edge->partitioner)
              || fsim_partitioner_is_broadcast (edge->partitioner))
            any = TRUE;
        }
      if (any)
        for (guint e = 0; e < n->in_edges->len; e++)
          ((FsimStreamEdge *) g_ptr_array_index (n->in_edges, e))->supports_unaligned = FALSE;
    }
}

FsimStreamGraph *
fsim_stream_graph_generate (FsimProgram *program, const FsimConfig *config,
                            const char *job_name, const char *filename, const char *source,
                            GError **error)
{
  Generator gen = {
    .program = program,
    .config = config,
    .exec_parallelism = (int) fsim_config_get_int (config, "parallelism.default"),
    .global_max_parallelism = (int) fsim_config_get_int (config, "pipeline.max-parallelism"),
    .filename = filename,
    .source = source,
    .error = error,
  };
  gen.default_buffer_timeout =
    fsim_config_get_bool (config, "execution.buffer-timeout.enabled")
      ? fsim_config_get_duration (config, "execution.buffer-timeout.interval") / 1000
      : -1;
  if (!decide_batch (&gen, &gen.batch) || (gen.batch && !check_batch_state_backend (&gen)))
    return NULL;
  /* configureStreamGraphStreaming/Batch: deriveJobName, then execute(name) */
  const char *name = job_name;
  if (name == NULL)
    name = fsim_config_get_string (config, "pipeline.name");
  if (name == NULL)
    name = gen.batch ? "Flink Batch Job" : "Flink Streaming Job";
  g_autoptr (FsimStreamGraph) graph = fsim_stream_graph_new (name);
  fsim_stream_graph_set_chaining_enabled (
    graph, fsim_config_get_bool (config, "pipeline.operator-chaining.enabled"));
  fsim_stream_graph_set_chain_different_max_parallelism (
    graph, fsim_config_get_bool (
      config, "pipeline.operator-chaining.chain-operators-with-different-max-parallelism"));
  if (gen.batch)
    {
      /* deriveGlobalStreamExchangeModeBatch */
      const char *shuffle = fsim_config_get_string (config, "execution.batch-shuffle-mode");
      FsimGlobalExchangeMode mode = FSIM_GLOBAL_EXCHANGE_ALL_EDGES_BLOCKING;
      if (strcmp (shuffle, "ALL_EXCHANGES_PIPELINED") == 0)
        mode = FSIM_GLOBAL_EXCHANGE_ALL_EDGES_PIPELINED;
      else if (strcmp (shuffle, "ALL_EXCHANGES_HYBRID_FULL") == 0)
        mode = FSIM_GLOBAL_EXCHANGE_ALL_EDGES_HYBRID_FULL;
      else if (strcmp (shuffle, "ALL_EXCHANGES_HYBRID_SELECTIVE") == 0)
        mode = FSIM_GLOBAL_EXCHANGE_ALL_EDGES_HYBRID_SELECTIVE;
      fsim_stream_graph_set_batch (graph, TRUE, mode);
    }
  gen.graph = graph;
  gen.done = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  gen.virtuals = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gen.site = g_hash_table_new (NULL, NULL);

  gboolean ok = TRUE;
  for (guint i = 0; i < program->registered->len && ok; i++)
    ok = transform (&gen, g_ptr_array_index (program->registered, i)) != NULL;
  if (ok)
    mark_unaligned_support (graph);

  g_hash_table_unref (gen.done);
  g_hash_table_unref (gen.virtuals);
  g_hash_table_unref (gen.site);
  return ok ? g_steal_pointer (&graph) : NULL;
}
