/* graphs.h - what Flink makes of a DataStream program, before anything runs.
 *
 * Flink turns a program into three graphs:
 *
 *   StreamGraph    one StreamNode per physical transformation; keyBy, rebalance,
 *                  union… make no node, they shape StreamEdges
 *                  (StreamGraphGenerator, StreamGraph, StreamNode, StreamEdge).
 *   JobGraph       one JobVertex per operator chain; unchained edges become
 *                  JobEdges over IntermediateDataSets (StreamingJobGraphGenerator).
 *   ExecutionGraph one ExecutionVertex per parallel subtask, partitions and their
 *                  consumers held as groups (DefaultExecutionGraph,
 *                  EdgeManagerBuildUtil), cut into pipelined regions
 *                  (SchedulingPipelinedRegionComputeUtil) and execution slot
 *                  sharing groups (LocalInputPreferredSlotSharingStrategy).
 *
 * A job (FsimJob) is what a user hands us: a .job file in the DataStream-like
 * language (docs/job-language.md) or Flink's getExecutionPlan() JSON. It owns
 * its configuration (Flink's keys, config table in config.c), its StreamGraph
 * and its fault plan.
 *
 * It also says where each record of a running job will go (channel
 * selectors, one per output of a subtask, as Flink's StreamPartitioners
 * route: docs/design.md, "How records will be routed"), without moving any.
 *
 * This module knows nothing of time passing: durations are plain values here.
 * Anything a user's input can break reports a GError in FSIM_GRAPHS_ERROR whose
 * message is a full diagnostic: "file:line:col: error: …", the line, a caret,
 * and a suggestion.
 *
 * The node and edge structs below are read-only views for the other modules;
 * the containers are opaque.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FSIM_GRAPHS_ERROR (fsim_graphs_error_quark ())
GQuark fsim_graphs_error_quark (void);

typedef enum {
  FSIM_GRAPHS_ERROR_PARSE,      /* syntax */
  FSIM_GRAPHS_ERROR_INVALID,    /* well-formed but Flink would reject it */
  FSIM_GRAPHS_ERROR_IO,
} FsimGraphsError;

/* ------------------------------------------------------------------------ */
/* Partitioners (StreamPartitioner and its subclasses)                       */

typedef enum {
  FSIM_PARTITIONER_FORWARD,     /* ForwardPartitioner        POINTWISE */
  FSIM_PARTITIONER_RESCALE,     /* RescalePartitioner        POINTWISE */
  FSIM_PARTITIONER_REBALANCE,   /* RebalancePartitioner      ALL_TO_ALL */
  FSIM_PARTITIONER_SHUFFLE,     /* ShufflePartitioner        ALL_TO_ALL */
  FSIM_PARTITIONER_BROADCAST,   /* BroadcastPartitioner      ALL_TO_ALL */
  FSIM_PARTITIONER_HASH,        /* KeyGroupStreamPartitioner ALL_TO_ALL */
  FSIM_PARTITIONER_GLOBAL,      /* GlobalPartitioner         ALL_TO_ALL */
  FSIM_PARTITIONER_CUSTOM,      /* CustomPartitionerWrapper  ALL_TO_ALL */
  FSIM_PARTITIONER_COUNT
} FsimPartitioner;

/* Flink's toString(): "FORWARD", "HASH", … (the ship strategy name). */
const char *fsim_partitioner_name (FsimPartitioner p);
/* Parses a ship strategy name as Flink prints it; FALSE if unknown. */
gboolean fsim_partitioner_from_name (const char *name, FsimPartitioner *out);
/* isPointwise(): TRUE for FORWARD and RESCALE only. */
gboolean fsim_partitioner_is_pointwise (FsimPartitioner p);
/* isBroadcast(): TRUE for BROADCAST only. */
gboolean fsim_partitioner_is_broadcast (FsimPartitioner p);

/* StreamExchangeMode */
typedef enum {
  FSIM_EXCHANGE_UNDEFINED,
  FSIM_EXCHANGE_PIPELINED,
  FSIM_EXCHANGE_BATCH,
} FsimExchangeMode;

/* ChainingStrategy; DEFAULT_CHAINING_STRATEGY is ALWAYS. */
typedef enum {
  FSIM_CHAINING_ALWAYS,
  FSIM_CHAINING_HEAD,
  FSIM_CHAINING_NEVER,
  FSIM_CHAINING_HEAD_WITH_SOURCES,
} FsimChainingStrategy;

const char *fsim_chaining_strategy_name (FsimChainingStrategy s);

/* Where a StreamNode's slot sharing group came from
 * (StreamGraphGenerator.determineSlotSharingGroup, flink-spec 2.6). */
typedef enum {
  FSIM_SLOT_SHARING_NOT_RECORDED,   /* imported: the plan JSON has no groups */
  FSIM_SLOT_SHARING_GIVEN,          /* slotSharingGroup("x") on the operator */
  FSIM_SLOT_SHARING_INHERITED,      /* all inputs are in one group */
  FSIM_SLOT_SHARING_INPUTS_DISAGREE,/* inputs in different groups: "default" */
  FSIM_SLOT_SHARING_DEFAULT,        /* a source with none given: "default" */
} FsimSlotSharingOrigin;

/* "given", "inherited", "inputs-disagree", "default", "not-recorded" */
const char *fsim_slot_sharing_origin_name (FsimSlotSharingOrigin o);

/* What kind of operator factory / task a node has; decides source chaining,
 * the JSON "pact" and the invokable class. */
typedef enum {
  FSIM_OPERATOR_SOURCE,         /* FLIP-27 source: fromSource, fromSequence, fromElements (2.x) */
  FSIM_OPERATOR_LEGACY_SOURCE,  /* SourceFunction: addSource, socketTextStream, readTextFile */
  FSIM_OPERATOR_ONE_INPUT,
  FSIM_OPERATOR_TWO_INPUT,
  FSIM_OPERATOR_LEGACY_SINK,    /* addSink, print, writeAsText: registered as sink */
  FSIM_OPERATOR_SINK_WRITER,    /* sinkTo (Sink V2): "<name>: Writer", an ordinary operator */
} FsimOperatorKind;

/* ------------------------------------------------------------------------ */
/* Configuration: Flink's keys (ConfigOptions) and the simulator's sim.*.     */
/* One table in config.c holds key, type, Flink default, unit, range, doc and */
/* the Flink ConfigOption it mirrors; parser, --help, suggestions and docs     */
/* all read it.                                                               */

typedef enum {
  FSIM_CONFIG_INT,
  FSIM_CONFIG_BOOL,
  FSIM_CONFIG_DURATION,         /* microseconds; Flink syntax "10 s", "500 ms" */
  FSIM_CONFIG_STRING,
  FSIM_CONFIG_ENUM,             /* string restricted to a list */
  FSIM_CONFIG_DOUBLE,
} FsimConfigType;

typedef struct {
  const char *key;              /* "parallelism.default" */
  FsimConfigType type;
  const char *default_value;    /* as Flink writes it: "1", "5 min", "region" */
  const char *unit;             /* NULL or "slots", "records/s", … */
  gint64 min, max;              /* range for INT / DURATION (µs); min > max = none */
  const char *const *choices;   /* NULL-terminated, for ENUM */
  const char *doc;              /* one line */
  const char *flink_option;     /* "CoreOptions.DEFAULT_PARALLELISM" or "simulator" */
} FsimConfigOption;

typedef struct _FsimConfig FsimConfig;

/* Where a job file wrote something: 1-based line, column (in characters)
 * and the width of the text (0: the word at the column); line 0 when it
 * was not written in a job file (a default, an imported plan, something
 * Flink implies). */
typedef struct {
  int line, column, span;
} FsimSourceSpan;

/* The table, NULL-key terminated, sorted by key. */
const FsimConfigOption *fsim_config_options (void);
const FsimConfigOption *fsim_config_option_lookup (const char *key);

FsimConfig *fsim_config_new (void);
FsimConfig *fsim_config_copy (const FsimConfig *config);
void fsim_config_free (FsimConfig *config);
/* Sets key from its textual value. Errors (unknown key with a suggestion, bad
 * value, out of range) have a plain message; the parser adds the location. */
gboolean fsim_config_set (FsimConfig *config, const char *key,
                          const char *value, GError **error);
/* What to do when fsim_config_set refused a value of key with message,
 * if that is Flink's own (a checkpoint setting below its minimum), else
 * NULL: the diagnostic's suggestion. (transfer none) */
const char *fsim_config_value_hint (const char *key, const char *message);
gboolean fsim_config_is_set (const FsimConfig *config, const char *key);
/* Where key got its value: the parser records the value of a `set` line, or
 * the env call (enableCheckpointing, setRestartStrategy…) that set it. A
 * later fsim_config_set forgets the place until it is recorded again.
 * fsim_config_get_site is FALSE when key is unset or set from no place. */
void fsim_config_set_site (FsimConfig *config, const char *key, const FsimSourceSpan *site);
gboolean fsim_config_get_site (const FsimConfig *config, const char *key, FsimSourceSpan *out);
/* Getters assert that the key exists and has that type (programmer error);
 * ENUM keys are read with fsim_config_get_string. A key Flink declares
 * without a default (execution.checkpointing.interval, restart-strategy.type,
 * pipeline.name) reads -1 (INT, DURATION) or NULL (STRING, ENUM) while unset. */
gint64 fsim_config_get_int (const FsimConfig *config, const char *key);
gboolean fsim_config_get_bool (const FsimConfig *config, const char *key);
gint64 fsim_config_get_duration (const FsimConfig *config, const char *key);
const char *fsim_config_get_string (const FsimConfig *config, const char *key);
double fsim_config_get_double (const FsimConfig *config, const char *key);
/* key's value as text, normalised as the getters read it ("5 s", "true",
 * "region"): the value set, else the default; NULL while a key without a
 * default is unset. key must exist (transfer none). */
const char *fsim_config_get_text (const FsimConfig *config, const char *key);
/* Keys set explicitly, sorted, as "key = value" lines (transfer full). */
char *fsim_config_dump (const FsimConfig *config);

/* Flink's duration syntax: "10 s", "500ms", "1 min", "2 h", "100 us";
 * a bare number is milliseconds (TimeUtils.parseDuration). */
gboolean fsim_duration_parse (const char *text, gint64 *out_us, GError **error);
/* "10 s", "500 ms", "1 min", "1 h 30 min"-free: the largest exact unit. */
char *fsim_duration_format (gint64 us);

/* Nearest of candidates to word by edit distance, or NULL if none is close. */
const char *fsim_suggest (const char *word, const char *const *candidates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimConfig, fsim_config_free)

/* ------------------------------------------------------------------------ */
/* StreamGraph (StreamGraph, StreamNode, StreamEdge)                          */

typedef struct _FsimStreamGraph FsimStreamGraph;
typedef struct _FsimStreamNode FsimStreamNode;
typedef struct _FsimStreamEdge FsimStreamEdge;

/* The window an operator evaluates (WindowAssigner and its trigger), as the
 * job file gave it: TumblingProcessingTimeWindows.of(5 s), countWindow(100)…
 * (set by graphs/datastream-api.c; all zero for other operators). */
typedef enum {
  FSIM_WINDOW_NONE,
  FSIM_WINDOW_TUMBLING,         /* Tumbling{ProcessingTime,EventTime}Windows.of(size[, offset]) */
  FSIM_WINDOW_SLIDING,          /* Sliding…Windows.of(size, slide[, offset]) */
  FSIM_WINDOW_SESSION,          /* …SessionWindows.withGap(gap) */
  FSIM_WINDOW_GLOBAL,           /* GlobalWindows.create(), countWindow(n[, slide]) */
} FsimWindowKind;

/* The window's Trigger (org.apache.flink.streaming.api.windowing.triggers):
 * the assigner's default (getDefaultTrigger) unless one is given. */
typedef enum {
  FSIM_TRIGGER_NEVER,           /* GlobalWindows.NeverTrigger: never fires */
  FSIM_TRIGGER_EVENT_TIME,      /* EventTimeTrigger.create() */
  FSIM_TRIGGER_PROCESSING_TIME, /* ProcessingTimeTrigger.create() */
  FSIM_TRIGGER_COUNT,           /* CountTrigger.of(count) */
  FSIM_TRIGGER_CONTINUOUS_EVENT_TIME,  /* ContinuousEventTimeTrigger.of(interval) */
} FsimTriggerKind;

typedef struct {
  FsimTriggerKind kind;
  gboolean purging;             /* wrapped in PurgingTrigger.of(…) */
  gint64 count;                 /* COUNT: maxCount */
  gint64 interval_us;           /* CONTINUOUS_EVENT_TIME */
} FsimTriggerSpec;

/* A sliding window assigner puts each element in size / slide windows
 * (SlidingEventTimeWindows.assignWindows); flinksim refuses more than this
 * many (docs/job-language.md, Windows). */
#define FSIM_WINDOW_MAX_PER_ELEMENT 10000

/* WindowStagger of a tumbling assigner: the offset added to its
 * windows, chosen at its first assignWindows (RANDOM is not simulated). */
typedef enum {
  FSIM_WINDOW_STAGGER_ALIGNED,  /* 0: every window starts at the offset */
  FSIM_WINDOW_STAGGER_NATURAL,  /* the processing time then, within a window */
} FsimWindowStagger;

typedef struct {
  FsimWindowKind kind;
  gboolean event_time;          /* event-time assigner (EventTimeTrigger) */
  FsimWindowStagger stagger;    /* tumbling only */
  gint64 size_us;               /* tumbling/sliding size; session gap (whole ms) */
  gint64 slide_us;              /* sliding only */
  gint64 offset_us;
  gint64 count;                 /* countWindow: elements per window; 0 = none */
  gint64 count_slide;           /* countWindow(size, slide): fire every slide; 0 = none */
  gint64 evictor_count;         /* CountEvictor.of(n) (countWindow(size, slide)); 0 = none */
  FsimTriggerSpec trigger;
  gint64 allowed_lateness_us;   /* WindowedStream.allowedLateness; default 0 */
  gboolean side_output_late;    /* WindowedStream.sideOutputLateData */
  const char *late_tag;         /* its OutputTag id (interned), NULL without */
  FsimSourceSpan site;          /* the WindowAssigner in the job file */
} FsimWindowSpec;

/* A WatermarkStrategy (assignTimestampsAndWatermarks, fromSource). */
typedef enum {
  FSIM_WATERMARKS_NONE,         /* none given, or WatermarkStrategy.noWatermarks() */
  FSIM_WATERMARKS_MONOTONOUS,   /* forMonotonousTimestamps() */
  FSIM_WATERMARKS_BOUNDED,      /* forBoundedOutOfOrderness(d) */
} FsimWatermarkKind;

typedef struct {
  FsimWatermarkKind kind;
  gint64 max_out_of_orderness_us;
  gint64 idleness_us;           /* withIdleness(d); 0 = none */
  /* withWatermarkAlignment(group, maxAllowedWatermarkDrift[, updateInterval])
   * (WatermarkAlignmentParams, whole ms as toMillis() keeps them); group
   * NULL: none. Only a FLIP-27 source (fromSource) aligns: after
   * assignTimestampsAndWatermarks Flink ignores it (flinksim check warns). */
  const char *alignment_group;  /* interned */
  gint64 alignment_max_drift_ms;
  gint64 alignment_update_interval_ms;  /* default 1000 (DEFAULT_UPDATE_INTERVAL) */
  FsimSourceSpan alignment_site;        /* the withWatermarkAlignment call */
  FsimSourceSpan site;          /* the WatermarkStrategy in the job file; line 0
                                 * when Flink implies one (fromData) */
} FsimWatermarkSpec;

/* One expression of the job language alone, as a lab's option gives it
 * ("TumblingEventTimeWindows.of(3 s, -1 s)", "countWindow(3)",
 * "PurgingTrigger.of(CountTrigger.of(2))",
 * "WatermarkStrategy.forBoundedOutOfOrderness(2 s).withIdleness(10 s)"):
 * read by the job file's own parser and DataStream API, so exactly the
 * job language's forms are accepted. On error: FALSE, *error_column the
 * 1-based character column in text where it is, and error's message the
 * bare sentence (and hint, on a second line), without file or caret. */
gboolean fsim_window_assigner_parse (const char *text, FsimWindowSpec *out, int *error_column,
                                     GError **error);
/* A Trigger for spec's assigner: CountTrigger.of(n), PurgingTrigger.of(t),
 * EventTimeTrigger.create(), ProcessingTimeTrigger.create(),
 * ContinuousEventTimeTrigger.of(d); a factory's class name alone
 * ("EventTimeTrigger") means its create(). A trigger over TimeWindows
 * (EventTimeTrigger, ProcessingTimeTrigger) on GlobalWindows is refused,
 * as javac refuses it. */
gboolean fsim_window_trigger_parse (const char *text, const FsimWindowSpec *spec,
                                    FsimTriggerSpec *out, int *error_column, GError **error);
gboolean fsim_watermark_strategy_parse (const char *text, FsimWatermarkSpec *out,
                                        int *error_column, GError **error);

/* Simulator-only per-operator knobs (rate, records, keys, …); 0 = unset. */
typedef struct {
  double rate_per_s;            /* records/s per source subtask */
  gint64 records;               /* bounded source: records per subtask; 0 = unbounded */
  gint64 keys;                  /* distinct keys */
  double zipf_skew;             /* 0 = uniform */
  gint64 cost_us;               /* processing time per record */
  gint64 state_bytes_per_key;
  gint64 out_of_order_us;
  double selectivity;           /* records out per record in (selectivity_set) */
  gboolean selectivity_set;     /* FALSE: 1 */
} FsimSimKnobs;

struct _FsimStreamNode {
  int id;                       /* == transformation id */
  char *name;                   /* "Source: Socket Stream", "Flat Map", "Sink: Print to Std. Out" */
  char *description;            /* defaults to name; JSON "contents" */
  char *uid;                    /* NULL unless uid() */
  char *function;               /* the user function named in the job file, or NULL */
  FsimOperatorKind kind;
  int parallelism;              /* >= 1 after generation */
  int max_parallelism;          /* -1 = unset */
  gboolean parallelism_configured;
  gboolean plan_parallelism_default; /* imported plan said -1 (PARALLELISM_DEFAULT):
                                      * parallelism holds parallelism.default and
                                      * the plan JSON writes -1 again */
  char *slot_sharing_group;     /* never NULL after generation: "default" if none */
  FsimSlotSharingOrigin slot_sharing_origin;
  char *slot_sharing_reason;    /* the sentence saying why; NULL if not recorded */
  char *co_location_key;        /* NULL unless set */
  FsimChainingStrategy chaining;
  gboolean is_source;           /* registered as source: pact "Data Source" */
  gboolean is_sink;             /* registered legacy sink: pact "Data Sink" */
  gint64 buffer_timeout_ms;     /* resolved: the operator's, else
                                 * execution.buffer-timeout.interval; -1 = flush
                                 * only when full (buffer timeout disabled) */
  gboolean bounded;             /* sources only */
  gboolean not_replayable;      /* a source that cannot rewind to an offset
                                 * (socketTextStream): at most once on restore */
  gboolean keyed;               /* has a state key: fed by keyBy (or windowAll) */
  gboolean reduce;              /* a ReduceTransformation (reduce, sum, min…): in BATCH
                                 * a BatchGroupedReduceOperator, one result per key */
  /* BATCH only (BatchExecutionUtils.applyBatchExecutionSettings, for a keyed
   * operator or legacy sink, a two-input operator with a keyed input): */
  gboolean batch_keyed;         /* the settings were applied (chaining HEAD) */
  gboolean sorted_input[2];     /* InputRequirement.SORTED of input 1 / 2
                                 * (execution.sorted-inputs.enabled) */
  gboolean batch_state_backend; /* BatchExecutionStateBackend and its timer
                                 * service: one key's state at a time, its timers
                                 * fire when the key changes
                                 * (execution.batch-state-backend.enabled) */
  FsimWindowSpec window;        /* window operators only */
  FsimWatermarkSpec watermarks; /* Timestamps/Watermarks and fromSource sources */
  FsimSimKnobs knobs;
  GPtrArray *in_edges;          /* FsimStreamEdge*, in input order */
  GPtrArray *out_edges;         /* FsimStreamEdge*, in the order consumers were translated */
  int line, column;             /* where the job file made it; 0 if imported */
  char *job_vertex_id;          /* a REST plan's JobVertexID for the vertex this
                                 * node heads; NULL: StreamGraphHasherV2's */
  int parallelism_line, parallelism_column, parallelism_span; /* the call that set
                                 * its parallelism (or made it); 0 if imported */
};

struct _FsimStreamEdge {
  FsimStreamNode *source;
  FsimStreamNode *target;
  int type_number;              /* 0 one-input; 1/2 for two-input sides */
  FsimPartitioner partitioner;
  FsimExchangeMode exchange_mode;
  int unique_id;                /* n-th edge between the same two nodes */
  gboolean supports_unaligned;
  const char *output_tag;       /* a side output's OutputTag id (interned,
                                 * getSideOutput); NULL: the main output */
  FsimSourceSpan side_output_site; /* that getSideOutput call in the job file */
  const char *key_field;        /* a keyBy's field as the job file gives it
                                 * (interned; the KeySelector, for lessons'
                                 * goals), NULL unless the partitioner is a keyBy's */
};

FsimStreamGraph *fsim_stream_graph_new (const char *job_name);
void fsim_stream_graph_free (FsimStreamGraph *graph);
const char *fsim_stream_graph_get_job_name (const FsimStreamGraph *graph);
/* pipeline.operator-chaining.enabled as it was at generation time. */
gboolean fsim_stream_graph_get_chaining_enabled (const FsimStreamGraph *graph);
void fsim_stream_graph_set_chaining_enabled (FsimStreamGraph *graph, gboolean enabled);
/* GlobalStreamExchangeMode: how an UNDEFINED exchange resolves
 * (StreamingJobGraphGenerator.determineUndefinedResultPartitionType).
 * Streaming uses ALL_EDGES_PIPELINED; BATCH takes it from
 * execution.batch-shuffle-mode (StreamGraphGenerator.
 * deriveGlobalStreamExchangeModeBatch). */
typedef enum {
  FSIM_GLOBAL_EXCHANGE_ALL_EDGES_PIPELINED,
  FSIM_GLOBAL_EXCHANGE_ALL_EDGES_BLOCKING,
  FSIM_GLOBAL_EXCHANGE_ALL_EDGES_HYBRID_FULL,
  FSIM_GLOBAL_EXCHANGE_ALL_EDGES_HYBRID_SELECTIVE,
} FsimGlobalExchangeMode;

const char *fsim_global_exchange_mode_name (FsimGlobalExchangeMode m); /* "ALL_EDGES_BLOCKING" */

/* BATCH (execution.runtime-mode BATCH, or AUTOMATIC with bounded sources):
 * JobType BATCH, one slot sharing group per pipelined region for vertices
 * in group "default" (allVerticesInSameSlotSharingGroupByDefault false),
 * checkpointing off, and the global exchange mode above. */
gboolean fsim_stream_graph_get_batch (const FsimStreamGraph *graph);
FsimGlobalExchangeMode fsim_stream_graph_get_global_exchange_mode (const FsimStreamGraph *graph);
void fsim_stream_graph_set_batch (FsimStreamGraph *graph, gboolean batch,
                                  FsimGlobalExchangeMode mode);

/* The JobID a REST plan gives ("jid"); NULL: derived from the job name. */
const char *fsim_stream_graph_get_job_id (const FsimStreamGraph *graph);
void fsim_stream_graph_set_job_id (FsimStreamGraph *graph, const char *jid);

/* TRUE for a graph read from a REST plan: each node is a whole JobVertex
 * as Flink chained it, and every node with inputs heads its own chain. */
gboolean fsim_stream_graph_get_chains_given (const FsimStreamGraph *graph);
void fsim_stream_graph_set_chains_given (FsimStreamGraph *graph, gboolean given);
/* pipeline.operator-chaining.chain-operators-with-different-max-parallelism */
gboolean fsim_stream_graph_get_chain_different_max_parallelism (const FsimStreamGraph *graph);
void fsim_stream_graph_set_chain_different_max_parallelism (FsimStreamGraph *graph, gboolean allowed);

/* Adds a node with the given id (unique); the graph owns it. Fields are
 * defaults (parallelism 1, max -1, ALWAYS, group "default") to be filled in. */
FsimStreamNode *fsim_stream_graph_add_node (FsimStreamGraph *graph, int id,
                                            const char *name, FsimOperatorKind kind);
/* Adds a physical edge (no virtual nodes here), appended to source's
 * out_edges and target's in_edges; unique_id is computed as in Flink. */
FsimStreamEdge *fsim_stream_graph_add_edge (FsimStreamGraph *graph,
                                            FsimStreamNode *source,
                                            FsimStreamNode *target,
                                            int type_number,
                                            FsimPartitioner partitioner,
                                            FsimExchangeMode exchange_mode);
FsimStreamNode *fsim_stream_graph_get_node (const FsimStreamGraph *graph, int id);
/* Nodes sorted by id (borrowed array of FsimStreamNode*). */
GPtrArray *fsim_stream_graph_get_nodes (const FsimStreamGraph *graph);
/* Operator subtasks: every StreamNode's parallelism, summed (a chain of k
 * operators at parallelism p is k * p: each chained operator is an object
 * in every subtask, as in Flink's OperatorChain). *widest (may be NULL) is
 * the position in get_nodes of the node with the highest parallelism. The
 * number sim.max-subtasks bounds. */
gint64 fsim_stream_graph_count_subtasks (const FsimStreamGraph *graph, guint *widest);
/* Nodes without inputs, sorted by id. (transfer container) */
GPtrArray *fsim_stream_graph_get_sources (const FsimStreamGraph *graph);
/* JSONGenerator order: non-sink nodes by id, then registered sinks by id.
 * (transfer container) */
GPtrArray *fsim_stream_graph_get_json_order (const FsimStreamGraph *graph);
/* The first node whose name equals name (faults, lessons); NULL if none. */
FsimStreamNode *fsim_stream_graph_find_node (const FsimStreamGraph *graph, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimStreamGraph, fsim_stream_graph_free)

/* getExecutionPlan() StreamGraph JSON (JSONGenerator):
 * Jackson-style pretty printing, nodes in JSON order, "side":"second". */
char *fsim_stream_graph_to_plan_json (const FsimStreamGraph *graph);

/* ------------------------------------------------------------------------ */
/* Jobs: a parsed job file or an imported plan, with config and faults.       */

typedef enum {
  FSIM_FAULT_FAIL_TASK,          /* at T fail "Op" [subtask N] */
  FSIM_FAULT_KILL_TASKMANAGER,   /* at T kill taskmanager N */
  FSIM_FAULT_DECLINE_CHECKPOINT, /* at T decline checkpoint N */
  FSIM_FAULT_SAVEPOINT,          /* at T savepoint: `flink savepoint` (a timed action) */
  FSIM_FAULT_STOP_WITH_SAVEPOINT,/* at T stop [--drain]: `flink stop [--drain]` (a timed action) */
} FsimFaultKind;

typedef struct {
  gint64 at_us;
  FsimFaultKind kind;
  char *operator_name;          /* FAIL_TASK: the StreamNode named */
  int stream_node_id;           /* FAIL_TASK: resolved node id */
  int subtask;                  /* FAIL_TASK: 0-based; -1 = all/unspecified */
  int taskmanager;              /* KILL_TASKMANAGER: 1-based as written */
  gint64 checkpoint_id;         /* DECLINE_CHECKPOINT */
  gboolean drain;               /* STOP_WITH_SAVEPOINT: --drain (SavepointType.terminate) */
  int line, column;
} FsimFault;

typedef struct _FsimJob FsimJob;

/* The most fsim_job_load reads of a file (16 MiB, sim.max-input-bytes'
 * default: a job file is a few KiB, a Flink plan JSON of the largest
 * accepted job a few MiB), and how long it waits in all for a FIFO,
 * terminal or device to deliver it and close. */
#define FSIM_INPUT_MAX_BYTES ((gsize) 16 * 1024 * 1024)
#define FSIM_INPUT_TIMEOUT_MS 10000
/* The contents of path, NUL-terminated, *length bytes before the NUL: a
 * regular file up to max_bytes; a directory is refused; anything else is
 * read with the same bound and given up after timeout_ms. FSIM_GRAPHS_ERROR_IO
 * "PATH: cannot read: …" otherwise. (transfer full) */
char *fsim_input_read (const char *path, gsize max_bytes, int timeout_ms, gsize *length,
                       GError **error);
/* Reads a .job file or a Flink plan JSON (decided by content: JSON starts
 * with '{') with fsim_input_read's bounds. (transfer full) */
FsimJob *fsim_job_load (const char *path, GError **error);
/* The same with another bound than FSIM_INPUT_MAX_BYTES
 * (sim.max-input-bytes given on the command line). (transfer full) */
FsimJob *fsim_job_load_bounded (const char *path, gsize max_bytes, GError **error);
/* Parses job-language text; filename is used in diagnostics. */
FsimJob *fsim_job_parse (const char *text, const char *filename, GError **error);
/* Imports getExecutionPlan() JSON. */
FsimJob *fsim_job_import_plan_json (const char *text, const char *filename, GError **error);
void fsim_job_free (FsimJob *job);

const char *fsim_job_get_name (const FsimJob *job);   /* "Flink Streaming Job" default */
const char *fsim_job_get_filename (const FsimJob *job);
/* The job file's text as it was parsed, for diagnostics; NULL for an
 * imported plan. */
const char *fsim_job_get_source (const FsimJob *job);
FsimConfig *fsim_job_get_config (const FsimJob *job);
FsimStreamGraph *fsim_job_get_stream_graph (const FsimJob *job);
/* FsimFault*, in time order (stable for equal times). (borrowed) */
GPtrArray *fsim_job_get_faults (const FsimJob *job);
/* A fault as a job file writes it, which the parser reads back to the same
 * fault: "at 12001000 us fail \"Flat Map\" subtask 1" (operator_name
 * quoted, a subtask of -1 left out), "at 30000000 us kill taskmanager 2",
 * "at 45000000 us decline checkpoint 3". (transfer full) */
char *fsim_fault_to_line (const FsimFault *fault);

/* What Flink accepts but changes, with the warning it logs: `flinksim
 * check` and `run` print these (as fsim_diagnostic_warning) at site.
 *   unaligned checkpoints with any mode but EXACTLY_ONCE (checkpointing off
 *   counts as AT_LEAST_ONCE, a batch job has it off) are switched off:
 *   "Unaligned checkpoints can only be used with checkpointing mode
 *   EXACTLY_ONCE" (StreamingJobGraphGenerator.preValidate);
 *   with checkpointing on, execution.checkpointing.num-retained below 1 means 1: "The setting for
 *   '…' is invalid. Using default value of 1"
 *   (DefaultCompletedCheckpointStoreUtils.getMaximumNumberOfRetainedCheckpoints). */
typedef struct {
  FsimSourceSpan site;          /* line 0: set from no place */
  char *message;                /* Flink's warning, translated */
  char *hint;                   /* what flinksim does about it, translated */
} FsimJobWarning;
void fsim_job_warning_free (FsimJobWarning *warning);
/* (transfer full) FsimJobWarning*, in text order of their sites. */
GPtrArray *fsim_job_config_warnings (const FsimJob *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimJob, fsim_job_free)

/* A note about a job that is not an error (`flinksim check`'s warnings), in
 * the form of the diagnostics above:
 *
 *   file.job:4:5: warning: …
 *    4 | set execution.checkpointing.interval = 10 s
 *      |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
 *   hint
 *
 * source is the job's text (NULL prints no excerpt); site->line 0 gives
 * "file.job: warning: …" alone; hint may be NULL. (transfer full) */
char *fsim_diagnostic_warning (const char *filename, const char *source,
                               const FsimSourceSpan *site, const char *hint,
                               const char *format, ...) G_GNUC_PRINTF (5, 6);
/* The same with "error:" instead of "warning:", for the files of the modules
 * above (lesson and exercise files) that report in the job file's form.
 * (transfer full) */
char *fsim_diagnostic_error (const char *filename, const char *source,
                             const FsimSourceSpan *site, const char *hint,
                             const char *format, ...) G_GNUC_PRINTF (5, 6);

/* ------------------------------------------------------------------------ */
/* JobGraph (StreamingJobGraphGenerator, JobGraph, JobVertex, JobEdge).        */
/* Section owned by graphs/job-graph.c and graphs/chaining.c.                  */
/*                                                                            */
/* StreamingJobGraphGenerator.createJobGraph: StreamNodes are                  */
/* chained (chaining.c, isChainable) into JobVertices, created in              */
/* post-order from the entry points sorted by id, so JobGraph storage order    */
/* usually lists sinks first. Every unchained StreamEdge becomes one JobEdge   */
/* consuming its own IntermediateDataSet (pipelined results are never reused   */
/* in streaming). Vertices also have a topological order (JobGraph.            */
/* getVerticesSortedTopologicallyFromSources: sources in storage order, then   */
/* depth-first), which the ExecutionGraph, regions and scheduling use.         */
/*                                                                            */
/* Ids: JobVertexID is StreamGraphHasherV2's hash of the chain head; the job   */
/* id (random in Flink) is a hash of the job name here, so output is          */
/* deterministic. All are 32 lowercase hex chars.                              */
/*                                                                            */
/* The structs are read-only views; the JobGraph owns them and points into     */
/* the StreamGraph, which must outlive it.                                     */

typedef struct _FsimJobGraph FsimJobGraph;
typedef struct _FsimJobVertex FsimJobVertex;
typedef struct _FsimJobEdge FsimJobEdge;
typedef struct _FsimIntermediateDataSet FsimIntermediateDataSet;
typedef struct _FsimSlotSharingGroup FsimSlotSharingGroup;
typedef struct _FsimCoLocationGroup FsimCoLocationGroup;

/* JobType */
typedef enum {
  FSIM_JOB_TYPE_BATCH,
  FSIM_JOB_TYPE_STREAMING,
} FsimJobType;

/* DistributionPattern: POINTWISE iff partitioner.isPointwise(). */
typedef enum {
  FSIM_DISTRIBUTION_ALL_TO_ALL,
  FSIM_DISTRIBUTION_POINTWISE,
} FsimDistributionPattern;

/* ResultPartitionType, in Flink's enum order. */
typedef enum {
  FSIM_RESULT_PARTITION_BLOCKING,
  FSIM_RESULT_PARTITION_BLOCKING_PERSISTENT,
  FSIM_RESULT_PARTITION_PIPELINED,
  FSIM_RESULT_PARTITION_PIPELINED_BOUNDED,     /* streaming default */
  FSIM_RESULT_PARTITION_PIPELINED_APPROXIMATE,
  FSIM_RESULT_PARTITION_HYBRID_FULL,
  FSIM_RESULT_PARTITION_HYBRID_SELECTIVE,
} FsimResultPartitionType;

/* Vertex description mode (pipeline.vertex-description-mode). */
typedef enum {
  FSIM_VERTEX_DESCRIPTION_TREE,
  FSIM_VERTEX_DESCRIPTION_CASCADING,
} FsimVertexDescriptionMode;

const char *fsim_job_type_name (FsimJobType t);                     /* "STREAMING" */
const char *fsim_distribution_pattern_name (FsimDistributionPattern p); /* "POINTWISE" */
const char *fsim_result_partition_type_name (FsimResultPartitionType t); /* "PIPELINED_BOUNDED" */
/* ResultPartitionType.mustBePipelinedConsumed(): PIPELINED, PIPELINED_BOUNDED;
 * such edges merge pipelined regions. */
gboolean fsim_result_partition_type_must_be_pipelined (FsimResultPartitionType t);
/* canBePipelinedConsumed(): the two above plus PIPELINED_APPROXIMATE and hybrid. */
gboolean fsim_result_partition_type_can_be_pipelined (FsimResultPartitionType t);
/* isBlockingOrBlockingPersistentResultPartition() */
gboolean fsim_result_partition_type_is_blocking (FsimResultPartitionType t);
/* isReconsumable(): BLOCKING, BLOCKING_PERSISTENT, HYBRID_FULL. */
gboolean fsim_result_partition_type_is_reconsumable (FsimResultPartitionType t);

/* KeyGroupRangeAssignment.computeDefaultMaxParallelism, as the scheduler
 * applies it per vertex when its max parallelism is -1:
 * min (max (roundUpToPowerOfTwo (p + p/2), 128), 32768); p <= 0 counts as 1. */
int fsim_default_max_parallelism (int parallelism);

struct _FsimJobVertex {
  int index;                    /* position in storage (= creation) order */
  int topological_index;        /* position in the topological order */
  char id[33];                  /* JobVertexID, 32 lowercase hex */
  char *name;                   /* chained name, "[vertex-k]" prefixed if configured */
  char *operator_pretty_name;   /* description: TREE or CASCADING (3.5) */
  FsimStreamNode *head;         /* chain start node */
  GPtrArray *operators;         /* FsimStreamNode*, the chain in pre-order: head
                                 * first, chainable outputs depth-first in
                                 * out-edge order; chained sources excluded */
  GPtrArray *operator_ids_order;/* FsimStreamNode*, JobVertex.getOperatorIDs()
                                 * order: the chain depth-first post-order
                                 * (head last); chained sources have none */
  GPtrArray *chained_sources;   /* FsimStreamNode*, FLIP-27 sources chained into
                                 * a HEAD_WITH_SOURCES head, by id; usually empty */
  int parallelism;              /* head's parallelism */
  int max_parallelism;          /* head's max parallelism; -1 = unset, see
                                 * fsim_job_vertex_get_max_parallelism */
  const char *invokable;        /* "OneInputStreamTask", "SourceOperatorStreamTask", … */
  FsimSlotSharingGroup *slot_sharing_group;   /* never NULL */
  FsimCoLocationGroup *co_location_group;     /* NULL unless co-located */
  GPtrArray *inputs;            /* FsimJobEdge*, input order (JobEdge "num") */
  GPtrArray *produced;          /* FsimIntermediateDataSet*, creation order */
};

struct _FsimIntermediateDataSet {
  int index;                    /* creation order in the whole graph */
  char id[33];                  /* IntermediateDataSetID */
  FsimJobVertex *producer;
  FsimStreamEdge *stream_edge;  /* the non-chained StreamEdge it carries */
  FsimResultPartitionType result_type;
  GPtrArray *consumers;         /* FsimJobEdge*; exactly one in streaming */
};

struct _FsimJobEdge {
  int index;                    /* creation order in the whole graph */
  FsimIntermediateDataSet *source;
  FsimJobVertex *producer;      /* == source->producer */
  FsimJobVertex *target;
  int input_index;              /* position in target->inputs */
  FsimStreamEdge *stream_edge;
  FsimDistributionPattern pattern;
  FsimPartitioner ship_strategy;
  gboolean is_broadcast;
  gboolean is_forward;          /* partitioner is exactly ForwardPartitioner */
  int type_number;
};

/* SlotSharingGroup: one for all vertices whose head is in "default"
 * (streaming) or one per logical pipelined region of them (BATCH), one per
 * other name (StreamingJobGraphGenerator.setSlotSharing). */
struct _FsimSlotSharingGroup {
  int index;                    /* creation order: first use in storage order */
  char *name;                   /* the StreamNode group name: "default", "g" */
  int logical_region;           /* BATCH, group "default": the logical pipelined
                                 * region (topological index of its first
                                 * vertex); -1 otherwise */
  GPtrArray *vertices;          /* FsimJobVertex*, storage order */
};

/* CoLocationGroupImpl: chain heads with the same co-location key. */
struct _FsimCoLocationGroup {
  int index;
  char *key;
  GPtrArray *vertices;          /* FsimJobVertex*, storage order */
};

/* Builds the JobGraph of graph. config may be NULL (Flink's defaults); it
 * supplies pipeline.vertex-name-include-index-prefix and
 * pipeline.vertex-description-mode; chaining switches come from the
 * StreamGraph. Fails (FSIM_GRAPHS_ERROR_INVALID) where Flink's generator
 * fails: co-location across slot sharing groups, a cyclic graph.
 * (transfer full) */
FsimJobGraph *fsim_job_graph_new (const FsimStreamGraph *graph,
                                  const FsimConfig *config, GError **error);
/* The same for a job: its StreamGraph, name and config. (transfer full) */
FsimJobGraph *fsim_job_graph_new_for_job (const FsimJob *job, GError **error);
void fsim_job_graph_free (FsimJobGraph *jg);

const char *fsim_job_graph_get_id (const FsimJobGraph *jg);       /* jid */
const char *fsim_job_graph_get_name (const FsimJobGraph *jg);
FsimJobType fsim_job_graph_get_job_type (const FsimJobGraph *jg);
const FsimStreamGraph *fsim_job_graph_get_stream_graph (const FsimJobGraph *jg);
/* Borrowed arrays. */
GPtrArray *fsim_job_graph_get_vertices (const FsimJobGraph *jg);          /* storage order */
GPtrArray *fsim_job_graph_get_vertices_topological (const FsimJobGraph *jg);
/* The operator a fault names to fail v's task (job.c): the first of its
 * chain, head first, whose name no other StreamNode of jg's StreamGraph
 * has (a fault's operator must be unique), or NULL if each is shared.
 * (borrowed) */
const char *fsim_job_vertex_fault_name (const FsimJobGraph *jg, const FsimJobVertex *v);
GPtrArray *fsim_job_graph_get_edges (const FsimJobGraph *jg);             /* FsimJobEdge* */
GPtrArray *fsim_job_graph_get_data_sets (const FsimJobGraph *jg);
GPtrArray *fsim_job_graph_get_slot_sharing_groups (const FsimJobGraph *jg);
GPtrArray *fsim_job_graph_get_co_location_groups (const FsimJobGraph *jg);
/* The vertex whose chain contains StreamNode node_id (chained sources
 * included), or NULL. */
FsimJobVertex *fsim_job_graph_get_vertex_for_node (const FsimJobGraph *jg, int node_id);
/* The vertex with that JobVertexID, or NULL. */
FsimJobVertex *fsim_job_graph_get_vertex_by_id (const FsimJobGraph *jg, const char *id);
/* TRUE if this StreamEdge was chained (lies inside one JobVertex). */
gboolean fsim_job_graph_is_chained (const FsimJobGraph *jg, const FsimStreamEdge *edge);

/* The isChainable condition that kept a StreamEdge out of a chain: the first
 * one that failed, in StreamingJobGraphGenerator's order (isChainable, then
 * isChainableInput, then areOperatorsChainable, then
 * arePartitionerAndExchangeModeChainable, then the union check). */
typedef enum {
  FSIM_CHAINING_RULE_NONE,               /* chained */
  FSIM_CHAINING_RULE_INPUTS,             /* the target has more than one input */
  FSIM_CHAINING_RULE_CHAINING_DISABLED,  /* pipeline.operator-chaining.enabled = false */
  FSIM_CHAINING_RULE_SLOT_SHARING_GROUP, /* different slot sharing groups */
  FSIM_CHAINING_RULE_CHAINING_STRATEGY,  /* NEVER upstream, HEAD/NEVER downstream, … */
  FSIM_CHAINING_RULE_PARALLELISM,        /* different parallelism */
  FSIM_CHAINING_RULE_MAX_PARALLELISM,    /* different max parallelism, not allowed */
  FSIM_CHAINING_RULE_PARTITIONER,        /* not a FORWARD partitioner */
  FSIM_CHAINING_RULE_EXCHANGE_MODE,      /* FORWARD but exchange mode BATCH */
  FSIM_CHAINING_RULE_UNION_INPUT,        /* another input has the same typeNumber */
} FsimChainingRule;

/* "inputs", "chaining-disabled", "slot-sharing-group", "chaining-strategy",
 * "parallelism", "max-parallelism", "partitioner", "exchange-mode",
 * "union-input"; NULL for NONE. */
const char *fsim_chaining_rule_name (FsimChainingRule rule);

/* One StreamEdge's chaining decision and the sentence that explains it:
 * "HASH partitioner: only FORWARD chains", "parallelism 2 → 1", … */
typedef struct {
  const FsimStreamEdge *edge;
  gboolean chained;
  FsimChainingRule rule;        /* NONE iff chained */
  char *reason;
} FsimChainingDecision;

/* Every StreamEdge's decision, by upstream node id, then in the upstream's
 * out-edge order. (borrowed) */
GPtrArray *fsim_job_graph_get_chaining (const FsimJobGraph *jg);
/* The decision for one StreamEdge. (borrowed) */
const FsimChainingDecision *fsim_job_graph_get_chaining_decision (const FsimJobGraph *jg,
                                                                  const FsimStreamEdge *edge);
/* All decisions on one line, "1→2 chained; 2→4 not chained: HASH partitioner:
 * only FORWARD chains; …", for the trace of the JobGraph step.
 * (transfer full) */
char *fsim_job_graph_chaining_summary (const FsimJobGraph *jg);

/* Max parallelism the scheduler uses: the vertex's own, else the default
 * computed from its parallelism (SchedulerBase.computeVertexParallelismStore). */
int fsim_job_vertex_get_max_parallelism (const FsimJobVertex *v);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimJobGraph, fsim_job_graph_free)

/* ------------------------------------------------------------------------ */
/* ExecutionGraph, pipelined regions, slot sharing, key groups.               */
/* Section owned by graphs/execution-graph.c, regions.c, slot-sharing.c,       */
/* key-groups.c.                                                              */
/*                                                                            */
/* DefaultExecutionGraph.attachJobGraph: one                                   */
/* ExecutionJobVertex per JobVertex in topological order, each with            */
/* `parallelism` ExecutionVertices (subtasks) and one IntermediateResult per   */
/* produced IntermediateDataSet with one partition per subtask. Connections    */
/* are groups, never per-pair edges (EdgeManagerBuildUtil): consumers reading  */
/* the same partitions share a ConsumedPartitionGroup, partitions read by the  */
/* same consumers share a ConsumerVertexGroup; both are contiguous index       */
/* ranges, so an all-to-all exchange costs O(p_up + p_down).                   */
/*                                                                            */
/* On top of it, as the DefaultScheduler computes them before scheduling:     */
/*   pipelined regions  (DefaultExecutionTopology, Logical/Scheduling-         */
/*                      PipelinedRegionComputeUtil), numbered                  */
/*                      in topological order of their first subtask;           */
/*   execution slot sharing groups, one shared slot each                       */
/*                      (LocalInputPreferredSlotSharingStrategy);              */
/*   key groups         (KeyGroupRangeAssignment).                             */
/*                                                                            */
/* The structs are read-only views owned by the FsimExecutionGraph, which     */
/* points into its JobGraph (and that into the StreamGraph).                   */

/* Transformation.UPPER_BOUND_MAX_PARALLELISM = KeyGroupRangeAssignment's. */
#define FSIM_UPPER_BOUND_MAX_PARALLELISM 32768

/* An inclusive range of indices: Flink's IndexRange and KeyGroupRange.
 * Empty when start > end. */
typedef struct {
  int start;
  int end;
} FsimIndexRange;

/* --- key groups (KeyGroupRangeAssignment, MathUtils) --- */

/* MathUtils.murmurHash: 32-bit murmur3 of one int; never negative
 * (a negative result is negated, Integer.MIN_VALUE becomes 0). */
int fsim_murmur_hash (gint32 code);
/* String.hashCode over UTF-16 code units (text that is not UTF-8 is read
 * as Latin-1). Integer.hashCode is the value itself. */
gint32 fsim_java_string_hash_code (const char *utf8);
/* Long.hashCode: (int) (value ^ (value >>> 32)). */
gint32 fsim_java_long_hash_code (gint64 value);
/* computeKeyGroupForKeyHash: murmurHash (hash) % maxParallelism. */
int fsim_key_group_for_hash (gint32 key_hash, int max_parallelism);
/* computeOperatorIndexForKeyGroup: keyGroup * parallelism / maxParallelism. */
int fsim_key_group_operator_index (int max_parallelism, int parallelism, int key_group);
/* assignKeyToParallelOperator: the subtask a key with this hashCode goes to;
 * max_parallelism is the *consumer's* (KeyGroupStreamPartitioner.configure). */
int fsim_key_group_assign_to_subtask (gint32 key_hash, int max_parallelism, int parallelism);
/* computeKeyGroupRangeForOperatorIndex: [ceil (i*maxP/p), ((i+1)*maxP - 1)/p].
 * Asserts 0 < p <= maxP <= 32768 and 0 <= i < p. */
FsimIndexRange fsim_key_group_range_for_subtask (int max_parallelism, int parallelism,
                                                 int subtask);

/* --- POINTWISE connections (VertexInputInfoComputationUtils) --- */

/* Partitions consumer `consumer` of num_consumers reads from num_partitions:
 * S >= T: [iS/T, (i+1)S/T - 1]; S < T: the one partition iS/T. */
FsimIndexRange fsim_pointwise_partitions_of_consumer (int num_partitions, int num_consumers,
                                                      int consumer);
/* Consumers of partition p: S >= T: the one consumer whose range holds p;
 * S < T: [ceil (pT/S), ceil ((p+1)T/S) - 1]. */
FsimIndexRange fsim_pointwise_consumers_of_partition (int num_partitions, int num_consumers,
                                                      int partition);
/* The subpartition a consumer reads: its global subtask index modulo the
 * number of consumers of that partition (static graphs). */
int fsim_subpartition_index (int consumer_subtask, int num_consumers);
/* EdgeManagerBuildUtil.computeMaxEdgesToTargetExecutionVertex:
 * POINTWISE ceil (source/target), ALL_TO_ALL source. */
int fsim_max_edges_to_target (int target_parallelism, int source_parallelism,
                              FsimDistributionPattern pattern);

/* --- the ExecutionGraph --- */

typedef struct _FsimExecutionGraph FsimExecutionGraph;
typedef struct _FsimExecutionJobVertex FsimExecutionJobVertex;
typedef struct _FsimExecutionVertex FsimExecutionVertex;
typedef struct _FsimIntermediateResult FsimIntermediateResult;
typedef struct _FsimResultPartition FsimResultPartition;
typedef struct _FsimConsumedPartitionGroup FsimConsumedPartitionGroup;
typedef struct _FsimConsumerVertexGroup FsimConsumerVertexGroup;
typedef struct _FsimPipelinedRegion FsimPipelinedRegion;
typedef struct _FsimExecutionSlotSharingGroup FsimExecutionSlotSharingGroup;

struct _FsimExecutionJobVertex {
  int index;                    /* position in topological order */
  const FsimJobVertex *job_vertex;
  int parallelism;              /* -1 normalised to 1 */
  int max_parallelism;          /* configured, else the default (2.5) */
  gboolean max_parallelism_configured; /* FALSE: computed, may be rescaled */
  gboolean keyed;               /* some input is HASH (keyBy): key groups matter */
  FsimExecutionVertex *subtasks;       /* [parallelism], by subtask index */
  GPtrArray *produced;          /* FsimIntermediateResult*, as job_vertex->produced */
  GPtrArray *inputs;            /* FsimIntermediateResult*, as job_vertex->inputs */
  int logical_region;           /* its logical pipelined region (5.2) */
};

struct _FsimExecutionVertex {
  FsimExecutionJobVertex *job_vertex;
  int subtask;                  /* ParallelSubtaskIndex, 0-based */
  int index;                    /* position among all subtasks, topological:
                                 * job vertex order, then subtask */
  const char *name;             /* "Map (2/4)": getTaskNameWithSubtaskIndex */
  FsimConsumedPartitionGroup **consumed; /* one per input, JobEdge order */
  FsimIndexRange key_groups;    /* its key-group range (every task has one) */
  int region;                   /* index of its FsimPipelinedRegion */
  int slot_sharing_group;       /* index of its FsimExecutionSlotSharingGroup */
};

struct _FsimIntermediateResult {
  int index;                    /* creation order: producers topologically */
  const FsimIntermediateDataSet *data_set;
  FsimExecutionJobVertex *producer;
  FsimResultPartitionType result_type;
  FsimResultPartition *partitions;     /* [producer->parallelism] */
  int n_consumer_edges;         /* data_set->consumers->len (1 in streaming) */
};

/* IntermediateResultPartition; its id is "<data set id>#<partition>". */
struct _FsimResultPartition {
  FsimIntermediateResult *result;
  int partition;                /* partition number == producing subtask */
  FsimConsumerVertexGroup **consumer_groups; /* [n_consumer_edges], consumer edge order */
};

struct _FsimConsumedPartitionGroup {
  int index;                    /* creation order */
  FsimIntermediateResult *result;
  const FsimJobEdge *edge;      /* the JobEdge it realises */
  FsimIndexRange partitions;
  FsimConsumerVertexGroup *consumer_group;   /* the subtasks reading them */
};

struct _FsimConsumerVertexGroup {
  int index;                    /* == its consumed group's index */
  FsimExecutionJobVertex *consumer;
  FsimIndexRange subtasks;      /* a partition has this many subpartitions */
  FsimConsumedPartitionGroup *consumed_group;
};

/* SchedulingPipelinedRegion: restarted together on failover, scheduled
 * together by PipelinedRegionSchedulingStrategy. */
struct _FsimPipelinedRegion {
  int index;                    /* topological order of the first subtask */
  int logical_region;           /* the logical region it was cut from */
  GPtrArray *vertices;          /* FsimExecutionVertex*, topological order */
};

/* ExecutionSlotSharingGroup: the subtasks that run in one shared slot. */
struct _FsimExecutionSlotSharingGroup {
  int index;                    /* creation order */
  const FsimSlotSharingGroup *slot_sharing_group;
  GPtrArray *vertices;          /* FsimExecutionVertex*, job vertices topologically */
};

/* Attaches the JobGraph as DefaultExecutionGraph does and computes regions
 * and slot sharing. jg must outlive the result. Fails
 * (FSIM_GRAPHS_ERROR_INVALID, Flink's message) on a parallelism outside
 * 1..32768, a parallelism above the max parallelism, or co-located subtasks
 * in different regions. (transfer full) */
FsimExecutionGraph *fsim_execution_graph_new (const FsimJobGraph *jg, GError **error);
/* Builds the job's JobGraph (owned by the result) and attaches it; errors
 * point at the job file. job must outlive the result. (transfer full) */
FsimExecutionGraph *fsim_execution_graph_new_for_job (const FsimJob *job, GError **error);
void fsim_execution_graph_free (FsimExecutionGraph *eg);

const FsimJobGraph *fsim_execution_graph_get_job_graph (const FsimExecutionGraph *eg);
/* Borrowed arrays, topological order unless said otherwise. */
GPtrArray *fsim_execution_graph_get_job_vertices (const FsimExecutionGraph *eg);
GPtrArray *fsim_execution_graph_get_vertices (const FsimExecutionGraph *eg);  /* all subtasks */
GPtrArray *fsim_execution_graph_get_results (const FsimExecutionGraph *eg);
GPtrArray *fsim_execution_graph_get_consumed_partition_groups (const FsimExecutionGraph *eg);
GPtrArray *fsim_execution_graph_get_regions (const FsimExecutionGraph *eg);
GPtrArray *fsim_execution_graph_get_slot_sharing_groups (const FsimExecutionGraph *eg);
int fsim_execution_graph_get_n_logical_regions (const FsimExecutionGraph *eg);
/* Slots the job needs at once = number of execution slot sharing groups =
 * sum over SlotSharingGroups of their largest parallelism. */
int fsim_execution_graph_get_slots_needed (const FsimExecutionGraph *eg);
/* The ExecutionJobVertex of a JobVertex of this graph. */
FsimExecutionJobVertex *fsim_execution_graph_get_job_vertex (const FsimExecutionGraph *eg,
                                                            const FsimJobVertex *jv);

/* ExecutionVertexID "<job vertex id>_<subtask>". (transfer full) */
char *fsim_execution_vertex_get_id (const FsimExecutionVertex *v);
/* TaskInfo.getTaskNameWithSubtasks: "Map (2/4)#0". (transfer full) */
char *fsim_execution_vertex_get_attempt_name (const FsimExecutionVertex *v, int attempt);
/* Its partition of job_vertex->produced[i]. */
FsimResultPartition *fsim_execution_vertex_get_produced (const FsimExecutionVertex *v, guint i);
/* Co-location: subtask i of every member of this group shares one slot
 * (CoLocationConstraint (group, i)); NULL if not co-located. */
const FsimCoLocationGroup *fsim_execution_vertex_get_co_location_group (const FsimExecutionVertex *v);
/* The subtask that produced partition p of a consumed group. */
FsimExecutionVertex *fsim_result_partition_get_producer (const FsimResultPartition *p);
/* Subpartitions of a partition (= consumers in its consumer group). */
int fsim_result_partition_get_n_subpartitions (const FsimResultPartition *p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimExecutionGraph, fsim_execution_graph_free)

/* ------------------------------------------------------------------------ */
/* Routing records: channel selectors (StreamPartitioner.selectChannel).      */
/* Section owned by graphs/channel-selector.c; docs/design.md, "How records   */
/* will be routed".                                                           */
/*                                                                            */
/* One selector per output of a producer subtask, as Flink clones the edge's  */
/* partitioner per RecordWriter and calls setup (numberOfChannels) once. Its  */
/* channels are the subpartitions of the subtask's ResultPartition for that   */
/* edge: every consumer subtask on ALL_TO_ALL, the subtask's own subset on    */
/* POINTWISE (fsim_result_partition_get_subpartition_consumer names the       */
/* consumer of each). Keys are Java Integers, hashed as Integer.hashCode (the */
/* value itself). Per record:                                                 */
/*   FORWARD    0 (ForwardPartitioner; n is 1)                                */
/*   GLOBAL     0 (GlobalPartitioner)                                         */
/*   REBALANCE  start r = one draw in [0, n) at creation, then r+1, r+2, …    */
/*              mod n (RebalancePartitioner)                                  */
/*   RESCALE    0, 1, …, n-1, 0, … over its pointwise subset                  */
/*              (RescalePartitioner)                                          */
/*   SHUFFLE    one draw in [0, n) per record (ShufflePartitioner)            */
/*   BROADCAST  FSIM_CHANNEL_SELECTOR_ALL: every channel gets a copy          */
/*              (BroadcastPartitioner; its selectChannel throws)              */
/*   HASH       murmurHash (key) % maxParallelism, then                       */
/*              keyGroup * n / maxParallelism, maxParallelism the consumer's  */
/*              (KeyGroupStreamPartitioner, KeyGroupRangeAssignment)          */
/*   CUSTOM     Math.floorMod (key, n): the user's Partitioner cannot run     */
/*              here, this is the stand-in (CustomPartitionerWrapper)         */
/* Draws come from the caller's random stream, never from graphs/ itself.     */

/* selectChannel's answer for BROADCAST: every channel. */
#define FSIM_CHANNEL_SELECTOR_ALL (-1)

/* One uniform draw in [0, bound) from the caller's seeded stream (the run's
 * RNG); bound > 0. Called only by REBALANCE (once, at creation) and
 * SHUFFLE (once per record), also when bound is 1, as Flink draws. */
typedef int (*FsimChannelRandomFunc) (gpointer user_data, int bound);

typedef struct _FsimChannelSelector FsimChannelSelector;

/* setup (n_channels): n_channels > 0; max_parallelism is used by HASH
 * (n_channels <= max_parallelism <= 32768) and ignored otherwise; random
 * may be NULL except for REBALANCE and SHUFFLE, and must outlive the
 * selector. REBALANCE draws its start channel here. (transfer full) */
FsimChannelSelector *fsim_channel_selector_new (FsimPartitioner partitioner, int n_channels,
                                                int max_parallelism,
                                                FsimChannelRandomFunc random,
                                                gpointer random_data);
/* The selector of partition p's writer: the ship strategy of its (first)
 * JobEdge, its subpartitions as channels, the consumer's max parallelism.
 * (transfer full) */
FsimChannelSelector *fsim_channel_selector_new_for_partition (const FsimResultPartition *p,
                                                              FsimChannelRandomFunc random,
                                                              gpointer random_data);
void fsim_channel_selector_free (FsimChannelSelector *s);
FsimPartitioner fsim_channel_selector_get_partitioner (const FsimChannelSelector *s);
int fsim_channel_selector_get_n_channels (const FsimChannelSelector *s);
/* The channel of the next record with this key (ignored unless HASH or
 * CUSTOM): in [0, n), or FSIM_CHANNEL_SELECTOR_ALL for BROADCAST. Advances
 * the round robin of REBALANCE and RESCALE, draws for SHUFFLE. */
int fsim_channel_selector_select (FsimChannelSelector *s, gint32 key);
/* CUSTOM's stand-in for the user's Partitioner.partition (key, n):
 * Math.floorMod (key, n), in [0, n). */
int fsim_custom_partition (gint32 key, int n_channels);
/* The consumer subtask (index in the consumer's job vertex) that reads
 * subpartition k of p: the one in p's consumer group whose
 * fsim_subpartition_index is k. */
int fsim_result_partition_get_subpartition_consumer (const FsimResultPartition *p,
                                                     int subpartition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimChannelSelector, fsim_channel_selector_free)

G_END_DECLS
