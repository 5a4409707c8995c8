/* stream-task.c - what a running task does with its time: the mailbox's
 * default action (StreamTask.processInput), its operator chain, sources,
 * and backpressure.
 *
 * A task takes one input buffer at a time from its gate and runs every
 * record of it through its whole chain (OneInputStreamTask,
 * AbstractStreamTaskNetworkInput.emitNext): each operator spends its
 * .cost() per record (sim.default-record-cost, 1 µs, without one) and emits .selectivity() records per record in
 * (1 by default; a window emits at firing, not yet simulated: 0; a sink
 * has no outputs). Records keep their key unless the operator draws new
 * ones (.keys(), .skew()), and their timestamp. Records leaving the chain
 * go to its RecordWriters. A source task reads records that appear at
 * .rate() per subtask (bounded by .records()); record k of a subtask
 * appears at k / rate after the task runs, with key k (or one drawn by
 * .keys()) and event time its appearance minus a draw from [0, outOfOrder].
 *
 * Before taking input the task checks that every output pool is
 * available; if not it waits for a recycled buffer: soft backpressure
 * (StreamTask.processInput, "output first"). Within a buffer it stops after
 * the record that made an output unavailable (1.17+, FLINK-30709). A record
 * that finds no segment at all blocks the task: hard backpressure
 * (requestBufferBuilderBlocking). With no input it is idle.
 *
 * Simulated at buffer granularity: a step takes records until the input
 * buffer is used up, a record needs a new output buffer (the first record
 * of a subpartition, or one that fills it), the next buffer-timeout flush
 * or the next whole second (metric samples) would fall inside the step,
 * or an output became unavailable; its outputs are written when the step
 * ends, at the time its last record is done. Nothing observes the outputs
 * in between, so every buffer leaves at the time its last record was done
 * (docs/design.md, "How records flow").
 */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler-private.h"

typedef enum {
  STEP_IDLE,                    /* waiting for input */
  STEP_BUSY,                    /* a step is running */
  STEP_SOFT,                    /* waiting for output availability */
  STEP_HARD,                    /* blocked on a buffer request */
  STEP_DONE,                    /* finished or stopped */
} StepState;

typedef struct {
  const FsimStreamNode *node;
  gint64 cost_us;
  double selectivity;
  FsimRng *keys_rng;            /* NULL: records keep their key; reseeded per record */
  guint64 keys_seed;
  gint64 keys;
  double zipf;
  GArray *children;             /* int: chained operators */
  GArray *writers;              /* int: the task's writers this operator feeds */
  GPtrArray *child_tags, *writer_tags;  /* const char *: each one's side output
                                         * tag (interned), NULL for main */
  /* event time */
  FsimTimestampsAndWatermarks *tw;  /* its WatermarkStrategy's operator, or NULL */
  FsimWindowOperator *win;      /* a window operator, or NULL */
  GArray *scratch;              /* FsimEventTimeOutput, what tw emitted */
  GArray *fired;                /* FsimWindowFiring, what win fired */
  GArray *events;               /* --detail event-time: FsimWindowEvent, what
                                 * win did to its windows; NULL otherwise */
  gint64 fired_windows, fired_records;  /* fired and not traced yet */
  gint64 late_side_output;      /* late records sent to the late data side output */
  gint64 late_told_dropped, late_told_side;     /* what window-late records said */
  /* since the last window-sample: records in, their event-time range (ms) */
  gint64 sample_records, sample_min_ts, sample_max_ts;
  gint64 sample_late_told;      /* late records (dropped + side output) it said so far */
  gint64 out_wm;                /* currentOutputWatermark (ms) */
  /* BATCH: a BatchGroupedReduceOperator (a reduce or aggregation) keeps one
   * value per key and emits it from a timer at Long.MAX_VALUE. With the
   * BATCH state backend that timer fires when the key changes
   * (BatchExecutionInternalTimeService.setCurrentKey) or at the last
   * watermark; without, when Watermark.MAX_WATERMARK arrives, for every key. */
  gboolean batch_reduce;
  gboolean per_key;             /* the BATCH state backend's timer service */
  gboolean has_key;             /* per_key: the current key holds a value */
  gint32 key;
  GHashTable *held;             /* !per_key: the keys holding a value (a set) */
} ChainOp;

typedef struct {
  int writer;
  int s;
  RecordFact r;
} Output;

/* One record taken but not yet in a step (it would have crossed a
 * boundary): its outputs are staged already. */
typedef struct {
  gboolean valid;
  gint64 arrival_us;
  gint64 cost_us;
  guint first_output;           /* in staged */
} Carry;

struct _StreamTask {
  FsimCluster *c;
  Execution *e;
  ChainOp *ops;
  int n_ops;
  GPtrArray *writers;           /* RecordWriter*, owned */
  InputGate gate;
  StepState state;
  FsimEventId step_event;       /* a step's end, or a source's next record */
  FsimEventId flush_event;
  gint64 *next_flush;           /* [writers->len], -1: none */
  /* the input buffer being read */
  NetBuffer *input;
  DataChannel *input_ch;
  guint input_pos;
  /* a restore's channel state, read before any input (RecordFact) */
  GArray *replay;
  guint replay_pos;
  /* a source */
  gboolean source;
  gint64 next_record;
  gint64 limit;                 /* -1: unbounded */
  double rate;
  gint64 start_us;
  gint64 first_offset;          /* the offset it (re)started from */
  gint64 time_zero_us;          /* when its first attempt ran: record k's event
                                 * time is k / rate after it, less its disorder */
  FsimRng *disorder_rng;        /* reseeded per record */
  guint64 disorder_seed;
  gint64 results_made;          /* records its windows fired, for their identity */
  gint64 out_of_order_us;
  /* the step in progress */
  GArray *staged;               /* Output */
  guint staged_done;            /* outputs of the step's records (the rest: carry) */
  Carry carry;
  guint64 step_number;          /* steps so far */
  gint64 step_records;
  gint64 step_busy_us;
  gint64 step_start_us;
  guint pending_pos;            /* after a hard block: next output to write */
  /* what the time went to (idle / busy / soft / hard), in µs */
  gint64 time_us[4];
  StepState acct_state;
  gint64 acct_since;
  gint64 records_in;
  gint64 records_out;
  gint64 bytes_in;
  FsimTaskActivity traced;      /* the activity the trace shows */
  /* its TaskIOMetricGroup (task-metrics.c): what it was told so far */
  FsimTaskMetrics *metrics;
  /* checkpoints (task-checkpoint.c); NULL when the job does not checkpoint */
  TaskCheckpoint *cp;
  SubtaskStore *store;          /* its state, across attempts (subtask-state.c) */
  gboolean trigger_pending;     /* a source's triggerCheckpoint mail waits */
  FsimCheckpointBarrier trigger;
  gint64 sync_savepoint;        /* StreamTask.syncSavepoint; 0: none */
  gboolean final_completed;     /* finalCheckpointCompleted (of sync_savepoint) */
  gboolean source_stopped;      /* stop-with-savepoint stopped the source (StopMode) */
  gint64 hold_us;               /* a snapshot's synchronous part still to run */
  FsimTaskTime metric_time;
  gboolean step_told;           /* the running step is told as BUSY */
  gint64 told[FSIM_TASK_COUNTER_COUNT];
  GPtrArray *remote_inputs;     /* DataChannel*, remote, in the order they
                                 * first delivered (inPoolUsage) */
  /* event time: one StatusWatermarkValve per input over all its gates'
   * channels, the inputs combined as IndexedCombinedWatermarkStatus */
  int n_inputs;
  FsimWatermarkValve *valves[2];        /* made at the input's first watermark or
                                         * status (valve_of): a job without event time
                                         * keeps none, and at P = 32,768 all-to-all
                                         * each would hold 32,768 channels */
  guint valve_channels[2];
  int *gate_input;              /* [n_gates]: its input */
  int *gate_offset;             /* [n_gates]: its first channel in the valve */
  GArray *valve_out;            /* FsimEventTimeOutput */
  FsimCombinedWatermark *combined;      /* currentInputWatermark */
  GArray *combined_out;         /* FsimEventTimeOutput */
  gboolean *writer_idle;        /* [writers]: RecordWriterOutput's announced status */
  gint64 output_wm, watermarks_out;
  gint64 windows_fired, window_records;
  gint64 elem_time_us;          /* processing time of the element in the chain */
  FsimEventId timer_event;      /* the chain's next processing-time timer */
  gint64 timer_at;
  gint64 wm_traced_second;      /* when the trace last showed the watermark */
  gint64 wm_untraced;           /* advances since */
  /* why it does not advance (explain_held_watermark) */
  gint64 *wm_seen_us[2];        /* [valve channel]: its last watermark's arrival; -1 none */
  gint64 wm_advanced_us;        /* when combined_wm last advanced, or the task began */
  gboolean event_time_window;   /* its chain has an event-time window */
  int held_input, held_channel; /* the last watermark-held record's holder; -1 none */
  gint64 held_traced_us;
  gboolean input_ended;         /* a source sent its MAX watermark */
  /* watermark alignment (an aligned FLIP-27 source; NULL otherwise) */
  FsimSourceAlignment *alignment;
  FsimEventId report_event;     /* its next ReportedWatermarkEvent */
  gint64 paused_since_us;
  /* BATCH: a keyed head's input, sorted (sorting-input.c); NULL otherwise */
  SortingInput *sorter;
  gboolean input_sorted[2];     /* InputRequirement.SORTED of each input */
  gboolean sorted_tail;         /* its last watermarks went through the chain */
};

/* --- the chain ---------------------------------------------------------- */

static int
op_index (const FsimJobVertex *jv, const FsimStreamNode *n)
{
  for (guint i = 0; i < jv->operators->len; i++)
    if (g_ptr_array_index (jv->operators, i) == n)
      return (int) i;
  return -1;
}

static int
writer_index (const FsimJobVertex *jv, const FsimStreamEdge *edge)
{
  for (guint i = 0; i < jv->produced->len; i++)
    if (((FsimIntermediateDataSet *) g_ptr_array_index (jv->produced, i))->stream_edge == edge)
      return (int) i;
  return -1;
}

static void
chain_init (StreamTask *t)
{
  const FsimJobVertex *jv = t->e->vertex->job_vertex->job_vertex;
  t->n_ops = (int) jv->operators->len;
  t->ops = g_new0 (ChainOp, t->n_ops);
  for (int i = 0; i < t->n_ops; i++)
    {
      ChainOp *op = &t->ops[i];
      const FsimStreamNode *n = g_ptr_array_index (jv->operators, i);
      op->node = n;
      op->cost_us = n->knobs.cost_us > 0 ? n->knobs.cost_us
                                         : t->c->settings.default_record_cost_us;
      /* a window emits what fires, whatever its .selectivity() */
      op->selectivity = n->knobs.selectivity_set ? n->knobs.selectivity : 1;
      op->scratch = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
      op->fired = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
      if (t->c->settings.trace_event_time && n->window.kind != FSIM_WINDOW_NONE)
        op->events = fsim_window_events_new ();
      op->out_wm = FSIM_WATERMARK_NONE;
      op->keys = n->knobs.keys;
      op->zipf = n->knobs.zipf_skew;
      /* ReduceTransformationTranslator.translateForBatchInternal */
      op->batch_reduce = n->reduce && t->c->job != NULL
                         && t->c->job->type == FSIM_JOB_TYPE_BATCH;
      op->per_key = op->batch_reduce && n->batch_state_backend;
      if (op->batch_reduce && !op->per_key)
        op->held = g_hash_table_new (NULL, NULL);
      if (op->keys > 0)
        {
          g_autofree char *stream = g_strdup_printf ("keys/%d", n->id);
          op->keys_seed = fsim_sim_seed_of (t->c->sim, stream);
          op->keys_rng = fsim_rng_new (op->keys_seed);
        }
      op->children = g_array_new (FALSE, FALSE, sizeof (int));
      op->writers = g_array_new (FALSE, FALSE, sizeof (int));
      op->child_tags = g_ptr_array_new ();
      op->writer_tags = g_ptr_array_new ();
      for (guint k = 0; k < n->out_edges->len; k++)
        {
          const FsimStreamEdge *edge = g_ptr_array_index (n->out_edges, k);
          int child = op_index (jv, edge->target);
          int w = child < 0 ? writer_index (jv, edge) : -1;
          if (child >= 0)
            {
              g_array_append_val (op->children, child);
              g_ptr_array_add (op->child_tags, (gpointer) edge->output_tag);
            }
          else if (w >= 0)
            {
              g_array_append_val (op->writers, w);
              g_ptr_array_add (op->writer_tags, (gpointer) edge->output_tag);
            }
        }
    }
}

static void
stage (StreamTask *t, int w, int s, const RecordFact *r)
{
  Output o = { w, s, *r };
  g_array_append_val (t->staged, o);
}

/* --- event time in the chain ---------------------------------------------- */
/*
 * Elements run through the chain in order (records, watermarks, statuses:
 * Output.collect / emitWatermark / emitWatermarkStatus are method calls
 * between chained operators). A watermark or status costs no time; the
 * records a window emits cost what the operators after it spend on them.
 * Times given to the event-time modules are ms of simulated time.
 */

static gint64 push (StreamTask *t, int i, const RecordFact *in);
static void trace_window_fired (StreamTask *t, int i, gint64 time_ms, const char *detail);

/* floor (us / 1000): event and processing time in Java ms */
static gint64
ms_of (gint64 us)
{
  return us >= 0 ? us / 1000 : -((-us + 999) / 1000);
}

/* RecordWriterOutput: a record to its channel; a watermark or status
 * broadcast (broadcastEmit), a status only when it changes, no watermark
 * while the announced status is IDLE. */
static void
stage_writer (StreamTask *t, int w, const RecordFact *r)
{
  RecordWriter *rw = g_ptr_array_index (t->writers, w);
  int n = fsim_sched_writer_n_subpartitions (rw);
  if (r->kind == ELEMENT_RECORD)
    {
      int s = fsim_sched_writer_select (rw, r->key);
      if (s == FSIM_CHANNEL_SELECTOR_ALL)
        for (int b = 0; b < n; b++)
          stage (t, w, b, r);
      else
        stage (t, w, s, r);
      t->records_out++;
      return;
    }
  if (r->kind == ELEMENT_STATUS)
    {
      if ((r->key != 0) == t->writer_idle[w])
        return;
      t->writer_idle[w] = r->key != 0;
    }
  else if (t->writer_idle[w])
    return;
  else
    {
      t->output_wm = r->timestamp_us;
      t->watermarks_out++;
    }
  for (int b = 0; b < n; b++)
    stage (t, w, b, r);
}

/* Whether an output of tag `out` takes element r sent to `tag`: a record
 * only the outputs of its own tag (NULL: the main output), as
 * RecordWriterOutput and ChainingOutput check OutputTag.isResponsibleFor;
 * watermarks and statuses every output (emitWatermark broadcasts). */
static gboolean
output_takes (const char *out, const RecordFact *r, const char *tag)
{
  return r->kind != ELEMENT_RECORD || out == tag;
}

/* Operator i's output to tag (NULL: its main output, Output.collect; else
 * Output.collect(OutputTag, record)): to its chained operators, then its
 * writers. */
static gint64
emit_to (StreamTask *t, int i, const RecordFact *r, const char *tag)
{
  ChainOp *op = &t->ops[i];
  gint64 cost = 0;
  if (r->kind == ELEMENT_WATERMARK)
    op->out_wm = r->timestamp_us;
  for (guint c = 0; c < op->children->len; c++)
    if (output_takes (g_ptr_array_index (op->child_tags, c), r, tag))
      cost += push (t, g_array_index (op->children, int, c), r);
  for (guint c = 0; c < op->writers->len; c++)
    if (output_takes (g_ptr_array_index (op->writer_tags, c), r, tag))
      stage_writer (t, g_array_index (op->writers, int, c), r);
  return cost;
}

static gint64
emit (StreamTask *t, int i, const RecordFact *r)
{
  return emit_to (t, i, r, NULL);
}

/* --- watermark alignment at an aligned source (SourceOperator) ----------- */

static void
trace_alignment (StreamTask *t)
{
  gboolean waiting = fsim_source_alignment_is_waiting (t->alignment);
  gint64 now = fsim_sim_now (t->c->sim);
  gint64 wm = fsim_source_alignment_get_latest (t->alignment);
  gint64 max = fsim_source_alignment_get_max_desired (t->alignment);
  const FsimWatermarkSpec *spec = &t->ops[0].node->watermarks;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, waiting ? FSIM_SCHED_KIND_SOURCE_PAUSED : FSIM_SCHED_KIND_SOURCE_RESUMED,
    waiting
      ? "SourceOperator.checkWatermarkAlignment: the subtask's last watermark is above the "
        "maxAllowedWatermark its SourceCoordinator announced (the watermark group's minimum + "
        "maxAllowedWatermarkDrift): it stops reading (WAITING_FOR_ALIGNMENT; records wait in "
        "the external system) so the group's slower sources can catch up"
      : "SourceOperator.checkWatermarkAlignment: a WatermarkAlignmentEvent raised "
        "maxAllowedWatermark to the subtask's watermark or above: it reads again (READING)");
  g_autofree char *detail = g_strdup_printf (
    "group \"%s\": watermark %" G_GINT64_FORMAT " ms %s maxAllowedWatermark %s%" G_GINT64_FORMAT
    " ms (maxAllowedWatermarkDrift %" G_GINT64_FORMAT " ms)%s", spec->alignment_group, wm,
    waiting ? ">" : "<=", max == FSIM_WATERMARK_MAX ? "Long.MAX_VALUE = " : "", max,
    spec->alignment_max_drift_ms, waiting ? "" : "; it reads the records that appeared meanwhile");
  r.detail = detail;
  r.values[0] = wm;
  r.values[1] = max;
  if (!waiting)
    r.values[2] = (now - t->paused_since_us) / 1000;
  t->paused_since_us = now;
  fsim_sched_cluster_trace (t->c, &r);
}

/* emitLatestWatermark's ReportedWatermarkEvent to the coordinator, and
 * its record (the TUI's inspect view shows the last one). */
static void
trace_report (StreamTask *t, gint64 wm)
{
  const FsimWatermarkSpec *spec = &t->ops[0].node->watermarks;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_WATERMARK_REPORTED,
    "SourceOperator.emitLatestWatermark: every updateInterval an aligned source subtask "
    "reports its last watermark (Long.MAX_VALUE while idle) to its SourceCoordinator, which "
    "takes the watermark group's minimum over them");
  g_autofree char *at = wm == FSIM_WATERMARK_MAX ? g_strdup ("Long.MAX_VALUE (idle or finished)")
                        : g_strdup_printf ("%" G_GINT64_FORMAT " ms", wm);
  g_autofree char *detail = g_strdup_printf ("group \"%s\": watermark %s", spec->alignment_group,
                                             at);
  r.detail = detail;
  r.values[0] = wm;
  r.values[1] = spec->alignment_max_drift_ms;
  fsim_sched_cluster_trace (t->c, &r);
  fsim_sched_source_coordinator_report (t->c, t->e, wm);
}

/* A WatermarkAlignmentEvent reached the subtask (after checkWatermarkAlignment). */
static void
trace_received (StreamTask *t)
{
  gint64 max = fsim_source_alignment_get_max_desired (t->alignment);
  gboolean waiting = fsim_source_alignment_is_waiting (t->alignment);
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_ALIGNMENT_RECEIVED,
    "SourceOperator.handleOperatorEvent(WatermarkAlignmentEvent): the subtask's "
    "maxAllowedWatermark is now the coordinator's group minimum + maxAllowedWatermarkDrift; "
    "it reads while its last watermark is at or below it");
  g_autofree char *detail = g_strdup_printf (
    "maxAllowedWatermark %s%" G_GINT64_FORMAT " ms; %s", max == FSIM_WATERMARK_MAX
    ? "Long.MAX_VALUE = " : "", max, waiting ? "waiting for alignment" : "reading");
  r.detail = detail;
  r.values[0] = max;
  r.values[1] = fsim_source_alignment_get_latest (t->alignment);
  r.values[2] = waiting;
  fsim_sched_cluster_trace (t->c, &r);
}

/* The source's output emitted o: updateCurrentEffectiveWatermark or
 * updateIdle (WatermarkToDataOutput). */
static void
source_emitted (StreamTask *t, const FsimEventTimeOutput *o)
{
  if (o->kind == FSIM_EVENT_TIME_STATUS)
    fsim_source_alignment_set_idle (t->alignment, o->idle);
  else
    {
      /* emitWatermark sends ACTIVE first if it was idle */
      fsim_source_alignment_set_idle (t->alignment, FALSE);
      if (fsim_source_alignment_watermark_emitted (t->alignment, o->timestamp))
        trace_alignment (t);
    }
}

static gboolean
source_waits_for_alignment (const StreamTask *t)
{
  return t->alignment && fsim_source_alignment_is_waiting (t->alignment);
}

/* emitLatestWatermark, every updateInterval (scheduleWithFixedDelay on
 * the task's ProcessingTimeService): nothing before the first watermark,
 * Long.MAX_VALUE while idle. */
static void
report_watermark (StreamTask *t)
{
  gint64 wm;
  if (fsim_source_alignment_report (t->alignment, &wm))
    trace_report (t, wm);
}

static void schedule_report (StreamTask *t);

static void
report_due (FsimSim *sim, gpointer payload)
{
  StreamTask *t = ((TaskTimer *) payload)->e->task;
  t->report_event = FSIM_EVENT_NONE;
  if (t->state == STEP_DONE)
    return;
  report_watermark (t);
  schedule_report (t);
}

void
fsim_sched_stream_task_watermark_alignment (FsimCluster *c, Execution *e, gint64 max_allowed)
{
  StreamTask *t = e->task;
  if (t == NULL || t->alignment == NULL || t->state == STEP_DONE
      || e->task_state != FSIM_EXECUTION_RUNNING)
    return;
  gboolean changed = fsim_source_alignment_announced (t->alignment, max_allowed);
  trace_received (t);
  if (!changed)
    return;
  trace_alignment (t);
  if (!fsim_source_alignment_is_waiting (t->alignment))
    fsim_sched_stream_task_wake (c, e);
}

/* What a TimestampsAndWatermarksOperator emitted (its records are
 * forwarded by push_record). */
static gint64
emit_event_time (StreamTask *t, int i, GArray *out)
{
  gint64 cost = 0;
  for (guint k = 0; k < out->len; k++)
    {
      const FsimEventTimeOutput *o = &g_array_index (out, FsimEventTimeOutput, k);
      RecordFact r = { 0 };
      if (o->kind == FSIM_EVENT_TIME_WATERMARK)
        r = (RecordFact) { .kind = ELEMENT_WATERMARK, .timestamp_us = o->timestamp };
      else if (o->kind == FSIM_EVENT_TIME_STATUS)
        r = (RecordFact) { .kind = ELEMENT_STATUS, .key = o->idle ? 1 : 0 };
      else
        continue;
      if (i == 0 && t->alignment)
        source_emitted (t, o);
      cost += emit (t, i, &r);
    }
  g_array_set_size (out, 0);
  return cost;
}

/* One record per window fired: its key, timestamp window.maxTimestamp()
 * (WindowOperator.emitWindowContents sets it). */
static gint64
emit_firings (StreamTask *t, int i, gint64 time_ms, gboolean traced)
{
  ChainOp *op = &t->ops[i];
  gint64 cost = 0;
  guint n = op->fired->len;
  /* --detail event-time: every firing traced, each window named, between
   * the windows created or merged and those purged or late */
  g_autofree char *detail = NULL;
  if (op->events)
    {
      traced = TRUE;
      fsim_sched_trace_window_events (t->c, t->e, op->node->name, op->events, TRUE);
      detail = fsim_sched_describe_firings (op->node->name, op->fired);
    }
  for (guint k = 0; k < n; k++)
    {
      const FsimWindowFiring *f = &g_array_index (op->fired, FsimWindowFiring, k);
      gint64 ts = f->timestamp > G_MAXINT64 / 1000 ? G_MAXINT64 : f->timestamp * 1000;
      RecordFact r = { .key = (gint32) f->key.number, .kind = ELEMENT_RECORD, .timestamp_us = ts,
                       .origin = (guint32) t->e->vertex->index,
                       .offset = (gint64) t->e->attempt << 32 | t->results_made++,
                       .epoch = fsim_sched_task_checkpoint_epoch (t->cp) };
      op->fired_records += f->result;
      t->window_records += f->result;
      cost += emit (t, i, &r);
    }
  op->fired_windows += n;
  t->windows_fired += n;
  g_array_set_size (op->fired, 0);
  if (traced && op->fired_windows > 0)
    trace_window_fired (t, i, time_ms, detail);
  if (op->events)
    fsim_sched_trace_window_events (t->c, t->e, op->node->name, op->events, FALSE);
  return cost;
}

/* A window's processing time follows the element's (never backwards). */
static gint64
window_clock (StreamTask *t, int i)
{
  ChainOp *op = &t->ops[i];
  gint64 now_ms = ms_of (t->elem_time_us);
  fsim_window_operator_advance_processing_time (op->win, now_ms, op->fired, NULL);
  return emit_firings (t, i, now_ms, TRUE);
}

/* A record reached the window: what its next window-sample tells. */
static void
window_sample_count (ChainOp *op, gint64 timestamp_ms)
{
  if (op->sample_records++ == 0)
    op->sample_min_ts = op->sample_max_ts = timestamp_ms;
  op->sample_min_ts = MIN (op->sample_min_ts, timestamp_ms);
  op->sample_max_ts = MAX (op->sample_max_ts, timestamp_ms);
}

/* How many records a record becomes: floor ((n+1) x) - floor (n x) for
 * the record at offset n of its origin, so exact over each origin's
 * records, and the same again when a restored source replays it. */
static gint64
emitted_for (const ChainOp *op, const RecordFact *in)
{
  if (op->selectivity == 1)
    return 1;
  gint64 n = in->offset & G_GINT64_CONSTANT (0xffffffff);
  return (gint64) ((double) (n + 1) * op->selectivity) - (gint64) ((double) n * op->selectivity);
}

/* The seed of the draws for the k-th output of record in. */
static guint64
record_seed (guint64 base, const RecordFact *in, gint64 k)
{
  return base ^ fsim_mix64 ((guint64) in->origin << 40 ^ (guint64) in->offset
                            ^ fsim_mix64 ((guint64) k));
}

/* The key operator op gives the k-th record it makes of in: a draw from
 * .keys() / .skew() that is a function of the record's identity. */
static gint32
draw_key (ChainOp *op, const RecordFact *in, gint64 k)
{
  fsim_rng_reseed (op->keys_rng, record_seed (op->keys_seed, in, k));
  if (op->zipf > 0)
    return (gint32) (fsim_rng_zipf (op->keys_rng, op->zipf, (guint64) op->keys) - 1);
  return (gint32) fsim_rng_uniform (op->keys_rng, (guint64) op->keys);
}

/* A record into operator i: its cost, and its outputs staged. A window
 * counts it into its windows (COUNT: a result is the number of records
 * in the window) and emits only what fires; a WatermarkStrategy's
 * operator forwards it, then its generator sees the timestamp. */
/* BatchGroupedReduceOperator.onEventTime: the key's value, as a record of
 * timestamp Long.MAX_VALUE. */
static gint64
emit_reduced (StreamTask *t, int i, gint32 key)
{
  RecordFact r = { .key = key, .kind = ELEMENT_RECORD, .timestamp_us = G_MAXINT64,
                   .origin = (guint32) t->e->vertex->index,
                   .offset = (gint64) t->e->attempt << 32 | t->results_made++,
                   .epoch = fsim_sched_task_checkpoint_epoch (t->cp) };
  return emit (t, i, &r);
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return x < y ? -1 : x > y;
}

/* Watermark.MAX_WATERMARK at a BatchGroupedReduceOperator: every timer at
 * Long.MAX_VALUE fires. The BATCH timer service holds the current key's
 * only (BatchExecutionInternalTimeServiceManager.advanceWatermark selects
 * the null key); the heap timer service every key's, in an order Flink's
 * heap leaves undefined among equal timestamps: by key here. */
static gint64
flush_reduced (StreamTask *t, int i)
{
  ChainOp *op = &t->ops[i];
  gint64 cost = 0;
  if (op->per_key)
    {
      if (op->has_key)
        cost = emit_reduced (t, i, op->key);
      op->has_key = FALSE;
      return cost;
    }
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint32));
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, op->held);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      gint32 key = GPOINTER_TO_INT (k);
      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_keys);
  g_hash_table_remove_all (op->held);
  for (guint n = 0; n < keys->len; n++)
    cost += emit_reduced (t, i, g_array_index (keys, gint32, n));
  return cost;
}

/* BatchGroupedReduceOperator.processElement: the first record of a key
 * registers the timer, the others are reduced into the value; nothing is
 * emitted. With the BATCH state backend, the key's change first fires the
 * previous key's timer (setKeyContextElement → setCurrentKey). */
static gint64
push_batch_reduce (StreamTask *t, int i, const RecordFact *in)
{
  ChainOp *op = &t->ops[i];
  gint64 cost = op->cost_us;
  if (!op->per_key)
    {
      g_hash_table_add (op->held, GINT_TO_POINTER (in->key));
      return cost;
    }
  if (op->has_key && op->key != in->key)
    cost += emit_reduced (t, i, op->key);
  op->has_key = TRUE;
  op->key = in->key;
  return cost;
}

static gint64
push_record (StreamTask *t, int i, const RecordFact *in)
{
  ChainOp *op = &t->ops[i];
  gint64 cost = op->cost_us;
  fsim_sched_store_note (t->store, i, in);
  if (op->batch_reduce)
    return push_batch_reduce (t, i, in);
  if (op->win)
    {
      cost += window_clock (t, i);
      window_sample_count (op, ms_of (in->timestamp_us));
      FsimWindowKey key = { FALSE, in->key, NULL };
      if (op->node->batch_state_backend)
        {
          /* setKeyContextElement: the previous key's windows fire first */
          fsim_window_operator_select_key (op->win, key, op->fired, NULL);
          cost += emit_firings (t, i, FSIM_WATERMARK_MAX, TRUE);
        }
      if (fsim_window_operator_process_element (op->win, key, 1, ms_of (in->timestamp_us),
                                                op->fired, NULL)
          == FSIM_WINDOW_ELEMENT_SIDE_OUTPUT)
        {
          /* WindowOperator.sideOutput: the late record itself, to the tag's
           * outputs (getSideOutput), nowhere if none reads it */
          op->late_side_output++;
          cost += emit_to (t, i, in, op->node->window.late_tag);
        }
      return cost + emit_firings (t, i, ms_of (t->elem_time_us), FALSE);
    }
  gint64 n = emitted_for (op, in);
  for (gint64 k = 0; k < n; k++)
    {
      RecordFact r = *in;
      if (op->keys_rng)
        r.key = draw_key (op, in, k);
      cost += emit (t, i, &r);
    }
  if (op->tw)
    {
      g_free (fsim_timestamps_and_watermarks_process_element (op->tw, ms_of (in->timestamp_us),
                                                              op->scratch));
      g_array_set_size (op->scratch, 0);
    }
  return cost;
}

/* processWatermark: a WatermarkStrategy's operator drops it unless it is
 * Long.MAX_VALUE; a window fires its event-time timers first; every
 * operator forwards it. */
static gint64
push_watermark (StreamTask *t, int i, const RecordFact *in)
{
  ChainOp *op = &t->ops[i];
  if (op->tw)
    {
      g_free (fsim_timestamps_and_watermarks_process_watermark (op->tw, in->timestamp_us,
                                                                op->scratch));
      return emit_event_time (t, i, op->scratch);
    }
  gint64 cost = 0;
  if (op->win)
    {
      fsim_window_operator_process_watermark (op->win, in->timestamp_us, op->fired, NULL);
      cost = emit_firings (t, i, in->timestamp_us, TRUE);
    }
  if (op->batch_reduce && in->timestamp_us == FSIM_WATERMARK_MAX)
    cost += flush_reduced (t, i);
  return cost + emit (t, i, in);
}

static gint64
push (StreamTask *t, int i, const RecordFact *in)
{
  switch (in->kind)
    {
    case ELEMENT_RECORD:
      return push_record (t, i, in);
    case ELEMENT_WATERMARK:
      return push_watermark (t, i, in);
    default:
      /* upstream statuses stop at a WatermarkStrategy's operator */
      return t->ops[i].tw ? 0 : emit (t, i, in);
    }
}

/* The chain's next processing-time timer in µs (a periodic watermark
 * emission, a processing-time window timer), or -1. */
static gint64
next_timer_us (const StreamTask *t)
{
  gint64 best = -1;
  for (int i = 0; i < t->n_ops; i++)
    {
      const ChainOp *op = &t->ops[i];
      gint64 ms = op->tw ? fsim_timestamps_and_watermarks_get_next_timer (op->tw) : -1;
      gint64 w = op->win ? fsim_window_operator_get_next_processing_timer (op->win) : -1;
      if (w >= 0 && (ms < 0 || w < ms))
        ms = w;
      if (ms >= 0 && (best < 0 || ms * 1000 < best))
        best = ms * 1000;
    }
  return best;
}

/* The timers due now fire, in chain order (mails before the next input). */
static gint64
fire_timers (StreamTask *t)
{
  gint64 now = fsim_sim_now (t->c->sim), now_ms = ms_of (now);
  gint64 cost = 0;
  t->elem_time_us = now;
  for (int i = 0; i < t->n_ops; i++)
    {
      ChainOp *op = &t->ops[i];
      gint64 next = op->tw ? fsim_timestamps_and_watermarks_get_next_timer (op->tw) : -1;
      if (next >= 0 && next <= now_ms)
        {
          g_free (fsim_timestamps_and_watermarks_advance_processing_time (op->tw, now_ms,
                                                                          op->scratch));
          cost += emit_event_time (t, i, op->scratch);
        }
      next = op->win ? fsim_window_operator_get_next_processing_timer (op->win) : -1;
      if (next >= 0 && next <= now_ms)
        cost += window_clock (t, i);
    }
  return cost;
}

/* --- event time at the task's inputs -------------------------------------- */

static void
trace_input_watermark (StreamTask *t)
{
  FsimTraceRecord r = fsim_sched_execution_record (t->c, t->e, FSIM_SCHED_KIND_WATERMARK,
                                                   "the minimum over the input channels' "
                                                   "watermarks advanced (StatusWatermarkValve)");
  g_autofree char *detail = t->c->settings.trace_event_time
    ? fsim_sched_describe_valves (fsim_combined_watermark_get (t->combined), t->valves,
                                  t->n_inputs)
    : NULL;
  r.detail = detail;
  r.values[0] = fsim_combined_watermark_get (t->combined);
  r.values[1] = t->wm_untraced;
  fsim_sched_cluster_trace (t->c, &r);
  t->wm_untraced = 0;
  t->wm_traced_second = fsim_sim_now (t->c->sim) / G_USEC_PER_SEC;
}

/* The subtask that sends on channel of input in: "Producer (k/P)", the
 * ExecutionVertex's name. (borrowed) */
static const char *
channel_producer (StreamTask *t, int in, int channel)
{
  const FsimExecutionVertex *v = t->e->vertex;
  for (int g = 0; g < t->gate.n_gates; g++)
    {
      FsimIndexRange p = v->consumed[g]->partitions;
      int k = channel - t->gate_offset[g];
      if (t->gate_input[g] != in || k < 0 || k > p.end - p.start)
        continue;
      const FsimIntermediateResult *r = v->consumed[g]->result;
      return r->producer->subtasks[p.start + k].name;
    }
  return "?";
}

/* Input in's StatusWatermarkValve, made as it would have been at the start
 * (every channel ACTIVE, no watermark) when it is first needed: nothing
 * reached it before. */
static FsimWatermarkValve *
valve_of (StreamTask *t, int in)
{
  if (t->valves[in] == NULL)
    {
      guint n = t->valve_channels[in];
      t->valves[in] = fsim_watermark_valve_new (n);
      t->wm_seen_us[in] = g_new (gint64, n);
      for (guint k = 0; k < n; k++)
        t->wm_seen_us[in][k] = -1;
    }
  return t->valves[in];
}

/* The input channel that holds the watermark back: the lowest watermark
 * among the channels that are not IDLE (one that sent none yet is the
 * lowest of all), the first on ties. FALSE when every channel is idle. */
static gboolean
holding_channel (StreamTask *t, int *in_out, int *channel_out, int *active_out, int *idle_out)
{
  gint64 min = G_MAXINT64;
  int active = 0, idle = 0;
  *in_out = *channel_out = -1;
  for (int in = 0; in < t->n_inputs; in++)
    for (guint ch = 0; ch < fsim_watermark_valve_get_n_channels (valve_of (t, in)); ch++)
      {
        if (fsim_watermark_valve_channel_is_idle (t->valves[in], ch))
          {
            idle++;
            continue;
          }
        active++;
        gint64 wm = fsim_watermark_valve_get_channel_watermark (t->valves[in], ch);
        if (*in_out < 0 || wm < min)
          {
            min = wm;
            *in_out = in;
            *channel_out = (int) ch;
          }
      }
  *active_out = active;
  *idle_out = idle;
  return *in_out >= 0;
}

/* Why a window does not fire: once a sample finds that an event-time
 * window's task has not advanced its watermark for a second, a
 * watermark-held record names the channel holding it back, its watermark
 * and how long it has been silent; again when another channel holds it,
 * or after 10 s. Only while watermarks flow (some channel had one) and
 * before the end of event time. */
static void
explain_held_watermark (StreamTask *t, gint64 now)
{
  if (!t->event_time_window || t->gate.n_gates == 0 || fsim_combined_watermark_get (t->combined) == FSIM_WATERMARK_MAX
      || now - t->wm_advanced_us < G_USEC_PER_SEC)
    return;
  gboolean flowing = FALSE;
  for (int in = 0; in < t->n_inputs && !flowing; in++)
    for (guint ch = 0; t->valves[in] && ch < t->valve_channels[in]; ch++)
      flowing |= t->wm_seen_us[in][ch] >= 0;
  int in, ch, active, idle;
  if (!flowing || !holding_channel (t, &in, &ch, &active, &idle))
    return;
  if (in == t->held_input && ch == t->held_channel && now - t->held_traced_us < 10 * G_USEC_PER_SEC)
    return;
  t->held_input = in;
  t->held_channel = ch;
  t->held_traced_us = now;
  gint64 wm = fsim_watermark_valve_get_channel_watermark (t->valves[in], (guint) ch);
  gint64 seen = t->wm_seen_us[in][ch];
  const char *from = channel_producer (t, in, ch);
  g_autofree char *silent = seen < 0
    ? g_strdup ("it has sent no watermark yet")
    : g_strdup_printf ("its last watermark came %" G_GINT64_FORMAT " ms ago", (now - seen) / 1000);
  g_autofree char *at = wm == FSIM_WATERMARK_NONE
    ? g_strdup ("Long.MIN_VALUE")
    : g_strdup_printf ("%" G_GINT64_FORMAT " ms", wm);
  g_autofree char *detail = g_strdup_printf (
    "input %d: the minimum over %d active channel%s (%d idle) is channel %d, from %s, at %s; %s",
    in + 1, active, active == 1 ? "" : "s", idle, ch, from, at, silent);
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_WATERMARK_HELD,
    "StatusWatermarkValve: a task's watermark is the minimum over its input channels that are "
    "not IDLE, so the slowest or silent channel holds every window back; a source that reads "
    "nothing stays ACTIVE unless its WatermarkStrategy has .withIdleness(d) "
    "(WatermarksWithIdleness marks it IDLE)");
  r.channel = ch;
  r.detail = detail;
  r.values[0] = fsim_combined_watermark_get (t->combined);
  r.values[1] = (now - t->wm_advanced_us) / 1000;
  r.values[2] = wm;
  r.values[3] = seen < 0 ? -1 : (now - seen) / 1000;
  r.values[4] = active;
  r.values[5] = idle;
  fsim_sched_cluster_trace (t->c, &r);
}

/* At most one watermark record a second per task (the rest are counted
 * into the next one, or the sample's); the end of event time always. */
static void
note_input_watermark (StreamTask *t)
{
  t->wm_untraced++;
  if (t->c->settings.trace_event_time
      || fsim_sim_now (t->c->sim) / G_USEC_PER_SEC != t->wm_traced_second
      || fsim_combined_watermark_get (t->combined) == FSIM_WATERMARK_MAX)
    trace_input_watermark (t);
}

static void
trace_window_fired (StreamTask *t, int i, gint64 time_ms, const char *detail)
{
  ChainOp *op = &t->ops[i];
  /* BATCH timer service: a key's timers fire at once, as at Long.MAX_VALUE */
  gboolean key_done = op->node->batch_state_backend && time_ms == FSIM_WATERMARK_MAX;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_WINDOW_FIRED,
    key_done ? "BATCH: the next key began or the input ended, so the key's timers all fired "
               "as at watermark Long.MAX_VALUE, its windows in order "
               "(BatchExecutionInternalTimeService.setCurrentKey)"
             : "the window's trigger fired: one result record per window (WindowOperator)");
  r.detail = detail ? detail : op->node->name;
  r.values[0] = op->fired_windows;
  r.values[1] = op->fired_records;
  r.values[2] = time_ms;
  fsim_sched_cluster_trace (t->c, &r);
  op->fired_windows = op->fired_records = 0;
}

/* Late records at a window since the last record of them: at most one
 * window-late record a second per window operator, from its sample. */
static void
trace_window_late (StreamTask *t, int i)
{
  ChainOp *op = &t->ops[i];
  gint64 dropped = fsim_window_operator_get_num_late_records_dropped (op->win);
  if (dropped == op->late_told_dropped && op->late_side_output == op->late_told_side)
    return;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_WINDOW_LATE,
    "WindowOperator.processElement: every window of the record is late (isWindowLate: its "
    "maxTimestamp + allowedLateness <= the watermark) and so is the record (isElementLate): "
    "numLateRecordsDropped counts it, or with sideOutputLateData it goes to that side output");
  g_autofree char *detail = g_strdup_printf (
    "%s: %" G_GINT64_FORMAT " dropped, %" G_GINT64_FORMAT " to the late side output (%"
    G_GINT64_FORMAT " and %" G_GINT64_FORMAT " so far)", op->node->name,
    dropped - op->late_told_dropped, op->late_side_output - op->late_told_side, dropped,
    op->late_side_output);
  r.detail = detail;
  r.values[0] = dropped - op->late_told_dropped;
  r.values[1] = op->late_side_output - op->late_told_side;
  r.values[2] = dropped;
  r.values[3] = op->late_side_output;
  fsim_sched_cluster_trace (t->c, &r);
  op->late_told_dropped = dropped;
  op->late_told_side = op->late_side_output;
}

/* What the next timer will do, for a learner: which window, when. */
static char *
describe_next_timer (const FsimWindowTimer *n, gboolean event_time)
{
  g_autofree char *window = n->window.global
    ? g_strdup ("GlobalWindow")
    : g_strdup_printf ("[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", n->window.start,
                       n->window.end);
  const char *clock = event_time ? "when the watermark reaches" : "at processing time";
  switch (n->action)
    {
    case FSIM_WINDOW_TIMER_FIRE:
      return g_strdup_printf ("next: window %s of key %" G_GINT64_FORMAT " fires %s %"
                              G_GINT64_FORMAT " ms, its maxTimestamp (the trigger's timer)",
                              window, n->key.number, clock, n->timestamp);
    case FSIM_WINDOW_TIMER_CLEANUP:
      return g_strdup_printf ("next: window %s of key %" G_GINT64_FORMAT " is cleaned up %s %"
                              G_GINT64_FORMAT " ms (maxTimestamp + allowedLateness): late "
                              "firings until then", window, n->key.number, clock, n->timestamp);
    case FSIM_WINDOW_TIMER_TRIGGER:
      return g_strdup_printf ("next: the trigger of window %s of key %" G_GINT64_FORMAT
                              " fires %s %" G_GINT64_FORMAT " ms", window, n->key.number, clock,
                              n->timestamp);
    }
  g_assert_not_reached ();
}

/* Once a second per window operator: what it holds and what fires next,
 * the picture a learner needs for "why has my window not fired?". */
static void
trace_window_sample (StreamTask *t, int i)
{
  ChainOp *op = &t->ops[i];
  gboolean event_time = op->node->window.event_time;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_WINDOW_SAMPLE,
    event_time ? "WindowOperator: a window fires when the watermark passes its maxTimestamp "
                 "(InternalTimerServiceImpl.advanceWatermark fires the event-time timers at or "
                 "below it)"
               : "WindowOperator: a processing-time window fires when the task's clock passes "
                 "its maxTimestamp (ProcessingTimeTrigger's timer)");
  gint64 windows, timers;
  fsim_window_operator_count_state (op->win, &windows, &timers);
  FsimWindowTimer next;
  gboolean any = fsim_window_operator_next_timer (op->win, event_time, &next);
  g_autofree char *detail = any ? describe_next_timer (&next, event_time)
                                : g_strdup ("no timer: no window holds state");
  gint64 late = fsim_window_operator_get_num_late_records_dropped (op->win) + op->late_side_output;
  r.detail = detail;
  r.values[0] = windows;
  r.values[1] = timers;
  r.values[2] = any ? next.timestamp : G_MININT64;
  r.values[3] = fsim_window_operator_get_current_watermark (op->win);
  r.values[4] = op->sample_records;
  r.values[5] = op->sample_records ? op->sample_min_ts : G_MININT64;
  r.values[6] = op->sample_records ? op->sample_max_ts : G_MININT64;
  r.values[7] = late - op->sample_late_told;
  fsim_sched_cluster_trace (t->c, &r);
  op->sample_records = 0;
  op->sample_late_told = late;
}

/* An element of the task's input into the chain's head. */
static gint64
to_chain (StreamTask *t, const RecordFact *r)
{
  return push (t, 0, r);
}

/* Whether input `in` is sorted and its sorter still reads. */
static gboolean
sorting (const StreamTask *t, int in)
{
  return t->sorter && t->input_sorted[in] && fsim_sched_sorting_input_reading (t->sorter);
}

/* What the inputs combined (IndexedCombinedWatermarkStatus, as
 * AbstractStreamOperator.processWatermark1/2 and processWatermarkStatus1/2
 * keep it) emitted, into the chain's head. */
static gint64
combined_to_chain (StreamTask *t)
{
  gint64 cost = 0;
  for (guint k = 0; k < t->combined_out->len; k++)
    {
      const FsimEventTimeOutput *o = &g_array_index (t->combined_out, FsimEventTimeOutput, k);
      RecordFact r = { .kind = ELEMENT_STATUS, .key = o->idle };
      if (o->kind == FSIM_EVENT_TIME_WATERMARK)
        {
          t->wm_advanced_us = fsim_sim_now (t->c->sim);
          t->held_channel = -1;
          note_input_watermark (t);
          r = (RecordFact) { .kind = ELEMENT_WATERMARK, .timestamp_us = o->timestamp };
        }
      cost += to_chain (t, &r);
    }
  g_array_set_size (t->combined_out, 0);
  return cost;
}

/* A watermark or status from the input buffer's channel into its valve. */
static gint64
input_element (StreamTask *t, const RecordFact *r)
{
  const DataChannel *ch = t->input_ch;
  int in = t->gate_input[ch->gate];
  guint channel = (guint) (t->gate_offset[ch->gate] + ch->channel_index);
  FsimWatermarkValve *valve = valve_of (t, in);
  g_autofree char *why = NULL;
  if (r->kind == ELEMENT_WATERMARK)
    {
      t->wm_seen_us[in][channel] = fsim_sim_now (t->c->sim);
      why = fsim_watermark_valve_input_watermark (valve, channel, r->timestamp_us, t->valve_out);
    }
  else
    why = fsim_watermark_valve_input_status (valve, channel, r->key != 0, t->valve_out);
  if (t->c->settings.trace_event_time)
    {
      int holder = fsim_watermark_valve_min_channel (valve);
      gint64 seen = holder >= 0 ? t->wm_seen_us[in][holder] : -1;
      fsim_sched_trace_channel_watermark (t->c, t->e, in, channel,
                                          channel_producer (t, in, (int) channel),
                                          r->kind != ELEMENT_WATERMARK, r->key != 0,
                                          r->timestamp_us, valve, why,
                                          seen < 0 ? -1 : fsim_sim_now (t->c->sim) - seen);
    }
  gint64 cost = 0;
  for (guint k = 0; k < t->valve_out->len; k++)
    {
      const FsimEventTimeOutput *o = &g_array_index (t->valve_out, FsimEventTimeOutput, k);
      /* a sorting input keeps the largest watermark and drops a status
       * (SortingDataInput's and MultiInputSortingDataInput's
       * SortingPhaseDataOutput): the operator sees neither yet */
      if (sorting (t, in))
        {
          if (o->kind == FSIM_EVENT_TIME_WATERMARK)
            fsim_sched_sorting_input_watermark (t->sorter, in, o->timestamp);
          continue;
        }
      if (o->kind == FSIM_EVENT_TIME_WATERMARK)
        fsim_combined_watermark_input_watermark (t->combined, (guint) in, o->timestamp,
                                                 t->combined_out);
      else
        fsim_combined_watermark_input_status (t->combined, (guint) in, o->idle, t->combined_out);
      cost += combined_to_chain (t);
    }
  g_array_set_size (t->valve_out, 0);
  return cost;
}

/* --- accounting and the trace ------------------------------------------- */

static FsimTaskActivity
activity_of (StepState s)
{
  switch (s)
    {
    case STEP_SOFT:
    case STEP_HARD:
      return FSIM_TASK_BACKPRESSURED;
    case STEP_BUSY:
      return FSIM_TASK_BUSY;
    default:
      return FSIM_TASK_IDLE;
    }
}

static void
account (StreamTask *t)
{
  gint64 now = fsim_sim_now (t->c->sim);
  if (t->acct_state != STEP_DONE && t->acct_state != STEP_BUSY)
    t->time_us[t->acct_state] += now - t->acct_since;
  t->acct_since = now;
}

/* Tells the task's metrics what the thread does from `when` on: every
 * change goes through BUSY (a task leaves a wait by running), and a
 * repeat is no change. */
static void
metrics_enter (StreamTask *t, gint64 when, FsimTaskTime to)
{
  if (t->metrics == NULL || to == t->metric_time)
    return;
  if (t->metric_time != FSIM_TASK_TIME_BUSY && to != FSIM_TASK_TIME_BUSY)
    fsim_task_metrics_set_time (t->metrics, when, FSIM_TASK_TIME_BUSY);
  fsim_task_metrics_set_time (t->metrics, when, to);
  t->metric_time = to;
}

static FsimTaskTime
metric_time_of (StepState s)
{
  switch (s)
    {
    case STEP_IDLE: return FSIM_TASK_TIME_IDLE;
    case STEP_SOFT: return FSIM_TASK_TIME_SOFT_BACKPRESSURED;
    case STEP_HARD: return FSIM_TASK_TIME_HARD_BACKPRESSURED;
    default: return FSIM_TASK_TIME_BUSY;
    }
}

static void
trace_activity (StreamTask *t, FsimTaskActivity to, const char *why)
{
  FsimTraceRecord r = fsim_sched_execution_record (t->c, t->e, FSIM_SCHED_KIND_TASK_ACTIVITY, why);
  r.from = (gint32) t->traced;
  r.to = (gint32) to;
  gint64 buffers = 0;
  for (guint i = 0; i < t->writers->len; i++)
    buffers += fsim_sched_writer_buffers_out (g_ptr_array_index (t->writers, i));
  r.values[0] = t->records_in;
  r.values[1] = t->records_out;
  r.values[2] = buffers;
  fsim_sched_cluster_trace (t->c, &r);
  t->traced = to;
}

static void
set_state (StreamTask *t, StepState to, const char *why)
{
  account (t);
  t->acct_state = to;
  t->state = to;
  /* a step is told when it ends (its idle gaps first) or at a sample */
  if (to != STEP_BUSY && to != STEP_DONE)
    metrics_enter (t, fsim_sim_now (t->c->sim), metric_time_of (to));
  FsimTaskActivity a = activity_of (to);
  /* The trace shows when a task becomes backpressured and when it stops
   * being so; idle and busy alternate every buffer and are in the metric
   * samples instead. */
  gboolean bp_now = a == FSIM_TASK_BACKPRESSURED;
  gboolean bp_before = t->traced == FSIM_TASK_BACKPRESSURED;
  if (to != STEP_DONE && bp_now != bp_before && why)
    trace_activity (t, a, why);
}

/* --- creation ------------------------------------------------------------- */

static void
gate_init (StreamTask *t)
{
  const FsimClusterSettings *s = &t->c->settings;
  g_queue_init (&t->gate.with_data);
  t->gate.n_gates = (int) t->e->vertex->job_vertex->inputs->len;
  t->gate.floating = g_new0 (FloatingPool, MAX (t->gate.n_gates, 1));
  for (int g = 0; g < t->gate.n_gates; g++)
    {
      t->gate.floating[g].size = s->floating_buffers_per_gate;
      g_queue_init (&t->gate.floating[g].waiting);
    }
}

/* One valve per input: a one-input task's gates are one union of
 * channels (UnionInputGate), a two-input task's second input is the
 * edges of type number 2. */
static void
valves_init (StreamTask *t)
{
  const FsimExecutionVertex *v = t->e->vertex;
  int n = MAX (t->gate.n_gates, 1);
  int channels[2] = { 0, 0 };
  t->gate_input = g_new0 (int, n);
  t->gate_offset = g_new0 (int, n);
  t->n_inputs = 1;
  for (int g = 0; g < t->gate.n_gates; g++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (v->job_vertex->inputs, g);
      int in = r->data_set->stream_edge->type_number == 2 ? 1 : 0;
      FsimIndexRange p = v->consumed[g]->partitions;
      t->gate_input[g] = in;
      t->gate_offset[g] = channels[in];
      channels[in] += p.end - p.start + 1;
      t->n_inputs = MAX (t->n_inputs, in + 1);
    }
  for (int in = 0; in < t->n_inputs; in++)
    t->valve_channels[in] = (guint) MAX (channels[in], 1);
  t->wm_advanced_us = fsim_sim_now (t->c->sim);
  t->held_input = t->held_channel = -1;
  t->valve_out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  t->combined = fsim_combined_watermark_new ((guint) t->n_inputs);
  t->combined_out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  t->output_wm = FSIM_WATERMARK_NONE;
  t->wm_traced_second = -1;
  t->writer_idle = g_new0 (gboolean, MAX (t->writers->len, 1));
}

/* open(): the chain's event-time operators at the task's start (after
 * restoreInner: the store has rolled back to the restored checkpoint). */
static void
chain_open (StreamTask *t)
{
  gint64 now_ms = ms_of (t->start_us);
  gint64 interval_ms = t->c->settings.auto_watermark_interval_us / 1000;
  for (int i = 0; i < t->n_ops; i++)
    {
      ChainOp *op = &t->ops[i];
      if (op->node->watermarks.kind != FSIM_WATERMARKS_NONE)
        {
          /* BATCH: the TimestampsAndWatermarks and Source translators pass
           * emitProgressiveWatermarks = false, so the operator runs a
           * NoWatermarksGenerator and no periodic timer: only the final
           * Watermark.MAX_WATERMARK flows */
          FsimWatermarkSpec spec = op->node->watermarks;
          gboolean batch = t->c->job != NULL && t->c->job->type == FSIM_JOB_TYPE_BATCH;
          if (batch)
            spec.kind = FSIM_WATERMARKS_NONE;
          op->tw = fsim_timestamps_and_watermarks_new (&spec, batch ? 0 : interval_ms, now_ms);
        }
      /* WindowOperator.open after initializeState: a restored attempt's
       * windows and timers are its snapshot's */
      const FsimWindowOperator *saved = t->e->restored
                                          ? fsim_sched_store_restored_window (t->store, i) : NULL;
      if (saved)
        op->win = fsim_window_operator_restore (saved, now_ms);
      else if (op->node->window.kind != FSIM_WINDOW_NONE)
        {
          op->win = fsim_window_operator_new (&op->node->window, FSIM_WINDOW_FUNCTION_COUNT,
                                              now_ms);
          /* StreamGraphGenerator.setBatchStateBackendAndTimerService */
          if (op->node->batch_state_backend)
            fsim_window_operator_use_batch_timer_service (op->win);
        }
      if (op->win)
        fsim_window_operator_set_events (op->win, op->events);
      if (op->node->window.kind != FSIM_WINDOW_NONE && op->node->window.event_time)
        t->event_time_window = TRUE;
    }
}

static void
source_init (StreamTask *t)
{
  Execution *e = t->e;
  const FsimStreamNode *head = e->vertex->job_vertex->job_vertex->head;
  t->source = e->producers == 0;
  if (!t->source)
    return;
  t->limit = e->bounded_source ? e->records : -1;
  /* SourceOperator.initializeState: a restored split goes on from its
   * checkpointed offset */
  t->next_record = t->first_offset = e->restored ? e->restore.source_offset : 0;
  t->rate = e->rate_per_s > 0 ? e->rate_per_s : t->c->settings.default_source_rate;
  t->out_of_order_us = head->knobs.out_of_order_us;
  if (t->out_of_order_us > 0)
    {
      g_autofree char *stream = g_strdup_printf ("disorder/%d", head->id);
      t->disorder_seed = fsim_sim_seed_of (t->c->sim, stream);
      t->disorder_rng = fsim_rng_new (t->disorder_seed);
    }
}

/* BATCH: the translators give a keyed operator's keyed inputs
 * InputRequirement.SORTED (BatchExecutionUtils.applyBatchExecutionSettings,
 * execution.sorted-inputs.enabled by default), and the task wraps them in a
 * SortingDataInput (one input) or MultiInputSortingDataInputs (two). Such
 * an operator heads its chain (ChainingStrategy HEAD in BATCH). */
static gboolean
sorts_input (StreamTask *t)
{
  const FsimStreamNode *head = t->e->vertex->job_vertex->job_vertex->head;
  if (t->c->job == NULL || t->c->job->type != FSIM_JOB_TYPE_BATCH || t->e->producers == 0)
    return FALSE;
  for (int in = 0; in < t->n_inputs; in++)
    t->input_sorted[in] = head->sorted_input[in];
  return t->input_sorted[0] || t->input_sorted[1];
}

static StreamTask *
task_new (FsimCluster *c, Execution *e)
{
  StreamTask *t = g_new0 (StreamTask, 1);
  t->c = c;
  t->e = e;
  t->writers = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_sched_writer_free);
  fsim_sched_writers_new (c, e, t->writers);
  t->next_flush = g_new (gint64, MAX (t->writers->len, 1));
  for (guint i = 0; i < t->writers->len; i++)
    t->next_flush[i] = -1;
  chain_init (t);
  gate_init (t);
  valves_init (t);
  t->store = fsim_sched_store_of (c, e->vertex);
  source_init (t);
  if (sorts_input (t))
    t->sorter = fsim_sched_sorting_input_new ();
  t->staged = g_array_new (FALSE, FALSE, sizeof (Output));
  t->remote_inputs = g_ptr_array_new ();
  t->cp = fsim_sched_task_checkpoint_new (c, e, t->writers);
  t->state = STEP_IDLE;
  t->acct_state = STEP_DONE;
  t->traced = FSIM_TASK_IDLE;
  return t;
}

InputGate *
fsim_sched_stream_task_gate (FsimCluster *c, Execution *e)
{
  if (e->task == NULL)
    {
      g_assert (c != NULL);
      e->task = task_new (c, e);
    }
  return &e->task->gate;
}

FloatingPool *
fsim_sched_stream_task_floating (Execution *e, int gate)
{
  g_assert (e->task != NULL && gate >= 0 && gate < e->task->gate.n_gates);
  return &e->task->gate.floating[gate];
}

void
fsim_sched_stream_task_free (StreamTask *t)
{
  if (t == NULL)
    return;
  fsim_sched_net_buffer_free (t->input);
  fsim_sched_task_checkpoint_free (t->cp);
  fsim_source_alignment_free (t->alignment);
  for (int i = 0; i < t->n_ops; i++)
    {
      g_array_unref (t->ops[i].children);
      g_array_unref (t->ops[i].writers);
      g_ptr_array_unref (t->ops[i].child_tags);
      g_ptr_array_unref (t->ops[i].writer_tags);
      g_array_unref (t->ops[i].scratch);
      g_array_unref (t->ops[i].fired);
      g_clear_pointer (&t->ops[i].events, g_array_unref);
      g_clear_pointer (&t->ops[i].tw, fsim_timestamps_and_watermarks_free);
      g_clear_pointer (&t->ops[i].win, fsim_window_operator_free);
      g_clear_pointer (&t->ops[i].keys_rng, fsim_rng_free);
      g_clear_pointer (&t->ops[i].held, g_hash_table_unref);
    }
  g_clear_pointer (&t->disorder_rng, fsim_rng_free);
  fsim_sched_sorting_input_free (t->sorter);
  for (int in = 0; in < t->n_inputs; in++)
    {
      fsim_watermark_valve_free (t->valves[in]);
      g_free (t->wm_seen_us[in]);
    }
  g_free (t->gate_input);
  g_free (t->gate_offset);
  g_free (t->writer_idle);
  g_array_unref (t->valve_out);
  fsim_combined_watermark_free (t->combined);
  g_array_unref (t->combined_out);
  g_free (t->ops);
  for (int g = 0; g < t->gate.n_gates; g++)
    g_queue_clear (&t->gate.floating[g].waiting);
  g_free (t->gate.floating);
  g_queue_clear (&t->gate.with_data);
  g_ptr_array_unref (t->writers);
  g_free (t->next_flush);
  g_array_unref (t->staged);
  g_clear_pointer (&t->replay, g_array_unref);
  g_clear_pointer (&t->metrics, fsim_task_metrics_free);
  g_ptr_array_unref (t->remote_inputs);
  g_free (t);
}

/* --- flushing (OutputFlusher) -------------------------------------------- */

static void schedule_flush (StreamTask *t);

static gint64
next_flush_time (const StreamTask *t)
{
  gint64 best = -1;
  for (guint i = 0; i < t->writers->len; i++)
    if (t->next_flush[i] >= 0 && (best < 0 || t->next_flush[i] < best))
      best = t->next_flush[i];
  return best;
}

static void
flush_due (FsimSim *sim, gpointer payload)
{
  StreamTask *t = ((TaskTimer *) payload)->e->task;
  t->flush_event = FSIM_EVENT_NONE;
  gint64 now = fsim_sim_now (sim);
  for (guint i = 0; i < t->writers->len; i++)
    if (t->next_flush[i] >= 0 && t->next_flush[i] <= now)
      {
        RecordWriter *w = g_ptr_array_index (t->writers, i);
        /* a task blocked half way through a record flushes what is written;
         * the half record waits in its buffer */
        fsim_sched_writer_flush_all (w);
        t->next_flush[i] = now + fsim_sched_writer_flush_timeout_us (w);
      }
  schedule_flush (t);
}

static TaskTimer *
timer_new (StreamTask *t)
{
  TaskTimer *tt = g_new (TaskTimer, 1);
  *tt = (TaskTimer) { t->c, t->e };
  return tt;
}

static void
schedule_flush (StreamTask *t)
{
  gint64 at = next_flush_time (t);
  if (at >= 0 && t->state != STEP_DONE)
    t->flush_event = fsim_sim_schedule_at (t->c->sim, at, FSIM_PRIORITY_DEFAULT + 1, flush_due,
                                           timer_new (t), g_free);
}

static void
flushers_start (StreamTask *t)
{
  gint64 now = fsim_sim_now (t->c->sim);
  for (guint i = 0; i < t->writers->len; i++)
    {
      gint64 timeout = fsim_sched_writer_flush_timeout_us (g_ptr_array_index (t->writers, i));
      /* 0: the writer flushes after every record itself */
      t->next_flush[i] = timeout > 0 ? now + timeout : -1;
    }
  schedule_flush (t);
}

/* --- processing-time timers (the mailbox's timer mails) ------------------- */

static void step (StreamTask *t);

/* Due while the task is idle: it runs them now; while busy its step ends
 * at the timer (boundary); while it waits for output availability (soft
 * backpressure) they run too, as mails do while MailboxProcessor's
 * default action is suspended (step: timer_mail_step); while the task
 * thread is blocked on a buffer request (hard) nothing runs, and they fire
 * when it is free again. */
static void
timer_due (FsimSim *sim, gpointer payload)
{
  StreamTask *t = ((TaskTimer *) payload)->e->task;
  t->timer_event = FSIM_EVENT_NONE;
  if (t->state == STEP_SOFT)
    {
      step (t);
      return;
    }
  if (t->state != STEP_IDLE)
    return;
  /* a source waiting for its next record */
  fsim_sim_cancel (sim, t->step_event);
  t->step_event = FSIM_EVENT_NONE;
  step (t);
}

static void
schedule_report (StreamTask *t)
{
  gint64 interval = t->ops[0].node->watermarks.alignment_update_interval_ms * 1000;
  t->report_event = fsim_sim_schedule_in (t->c->sim, interval, FSIM_PRIORITY_DEFAULT, report_due,
                                          timer_new (t), g_free);
}

static void
schedule_timer (StreamTask *t)
{
  gint64 at = next_timer_us (t);
  if (t->timer_event != FSIM_EVENT_NONE && at == t->timer_at)
    return;
  fsim_sim_cancel (t->c->sim, t->timer_event);
  t->timer_event = FSIM_EVENT_NONE;
  if (at < 0 || t->state == STEP_DONE)
    return;
  t->timer_at = at;
  t->timer_event = fsim_sim_schedule_at (t->c->sim, MAX (at, fsim_sim_now (t->c->sim)),
                                         FSIM_PRIORITY_DEFAULT, timer_due, timer_new (t),
                                         g_free);
}

/* --- one step ------------------------------------------------------------- */

static void step (StreamTask *t);

/* The next time a step must not cross: a flush, the next whole second,
 * or the chain's next processing-time timer (*timer: it is that). */
static gint64
boundary (const StreamTask *t, gint64 from, gboolean *timer)
{
  gint64 second = (from / G_USEC_PER_SEC + 1) * G_USEC_PER_SEC;
  gint64 flush = next_flush_time (t);
  gint64 best = flush >= 0 && flush < second ? flush : second;
  gint64 at = next_timer_us (t);
  *timer = at > from && at < best;
  return *timer ? at : best;
}

static gboolean
outputs_available (const StreamTask *t, char **why)
{
  for (guint i = 0; i < t->writers->len; i++)
    {
      const RecordWriter *w = g_ptr_array_index (t->writers, i);
      if (!fsim_sched_writer_available (w))
        {
          if (why)
            *why = fsim_sched_writer_describe_unavailable (w);
          return FALSE;
        }
    }
  return TRUE;
}

/* Does writing staged[from..] need a new buffer (or finish one)? */
static gboolean
needs_buffer (StreamTask *t, guint from)
{
  gboolean needs = FALSE;
  for (guint i = from; i < t->staged->len; i++)
    {
      Output *o = &g_array_index (t->staged, Output, i);
      needs |= fsim_sched_writer_stage (g_ptr_array_index (t->writers, o->writer), o->s,
                                        t->step_number,
                                        fsim_sched_element_bytes (&o->r,
                                                                  t->c->settings.record_size));
    }
  return needs;
}

/* Record k appears at k / rate after the task started: a rate limiter's
 * first permit is immediate, then one every 1 / rate (Flink's
 * RateLimiterStrategy.perSecond, GuavaRateLimiter). G_MAXINT64: beyond
 * what the 64-bit clock holds (records(huge).rate(tiny)), never. */
static gint64
source_arrival (const StreamTask *t, gint64 k)
{
  double us = (double) (k - t->first_offset) * G_USEC_PER_SEC / t->rate;
  if (us >= 4e18 - (double) t->start_us)
    return G_MAXINT64;
  return t->start_us + (gint64) us;
}

/* The next record of the input, or FALSE if there is none now. */
static gboolean
next_record (StreamTask *t, RecordFact *r, gint64 *arrival)
{
  if (t->source)
    {
      if (t->limit >= 0 && t->next_record >= t->limit)
        return FALSE;
      gint64 k = t->next_record;
      *arrival = source_arrival (t, k);
      if (*arrival == G_MAXINT64)
        return FALSE;
      t->next_record++;
      *r = (RecordFact) { .kind = ELEMENT_RECORD, .key = (gint32) k, .offset = k,
                          .origin = (guint32) t->e->vertex->index,
                          .epoch = fsim_sched_task_checkpoint_epoch (t->cp) };
      /* event time: its appearance since the first record, less a disorder
       * drawn for this record */
      r->timestamp_us = t->time_zero_us + (gint64) ((double) k * G_USEC_PER_SEC / t->rate);
      if (t->disorder_rng)
        {
          fsim_rng_reseed (t->disorder_rng, record_seed (t->disorder_seed, r, 0));
          r->timestamp_us -= fsim_rng_int_range (t->disorder_rng, 0, t->out_of_order_us);
        }
      return TRUE;
    }
  if (t->replay && t->replay_pos < t->replay->len)
    {
      *r = g_array_index (t->replay, RecordFact, t->replay_pos++);
      *arrival = fsim_sim_now (t->c->sim);
      return TRUE;
    }
  if (t->sorter && fsim_sched_sorting_input_next (t->sorter, r, NULL))
    {
      *arrival = fsim_sim_now (t->c->sim);
      return TRUE;
    }
  if (t->input == NULL || t->input_pos >= t->input->n_records)
    return FALSE;
  *r = t->input->records[t->input_pos++];
  *arrival = fsim_sim_now (t->c->sim);
  return TRUE;
}

/* A record of the input: into the sorter while a SortingDataInput reads
 * (no time of its own, and numRecordsIn counts it when it comes out, as
 * StreamTaskNetworkOutput does), else into the chain. */
static gint64
take_record (StreamTask *t, const RecordFact *r)
{
  int in = t->input_ch ? t->gate_input[t->input_ch->gate] : 0;
  if (!t->source && sorting (t, in))
    {
      fsim_sched_sorting_input_take (t->sorter, in, r);
      return 0;
    }
  t->records_in++;
  return push (t, 0, r);
}

static void step_done (FsimSim *sim, gpointer payload);
static void schedule_timer (StreamTask *t);

/* When the next element could be processed: a source's next record's
 * appearance, else now. */
static gint64
peek_arrival (const StreamTask *t)
{
  if (t->source && (t->limit < 0 || t->next_record < t->limit))
    return source_arrival (t, t->next_record);
  return fsim_sim_now (t->c->sim);
}

static void
schedule_step (StreamTask *t, gint64 at, FsimEventFunc func)
{
  g_assert (t->step_event == FSIM_EVENT_NONE);
  t->step_event = fsim_sim_schedule_at (t->c->sim, at, FSIM_PRIORITY_DEFAULT, func,
                                        timer_new (t), g_free);
}

static gboolean priority_event_waits (const StreamTask *t);

/* A mail waits for the mailbox: a source's checkpoint trigger or a
 * priority barrier. */
static gboolean
mail_waits (const StreamTask *t)
{
  return t->trigger_pending || priority_event_waits (t);
}

/* Takes records into a step from now; schedules its end. */
static void
run_step (StreamTask *t)
{
  gint64 now = fsim_sim_now (t->c->sim);
  gboolean timer_limit;
  t->step_number++;
  t->step_records = 0;
  t->step_start_us = now;
  /* staged holds the carried record's outputs, if any (drop_written) */
  g_assert (t->carry.valid ? t->carry.first_output == 0 : t->staged->len == 0);
  /* the timers due first (their mails run before the next input) */
  t->step_busy_us = fire_timers (t);
  gint64 done = now + t->step_busy_us;
  gint64 limit = boundary (t, now, &timer_limit);
  gboolean stop = !t->carry.valid && t->staged->len > 0 && needs_buffer (t, 0);
  /* a mail waits for the carried record only: it was taken, its state
   * changed and its outputs are staged, so it goes out before the mail's
   * barrier (as in Flink, where a record is done before the next mail) */
  gboolean mail = t->carry.valid && mail_waits (t);
  while (!stop)
    {
      RecordFact r;
      gint64 arrival, cost;
      guint first = t->staged->len;
      if (t->carry.valid)
        {
          first = t->carry.first_output;
          arrival = t->carry.arrival_us;
          cost = t->carry.cost_us;
          t->carry.valid = FALSE;
        }
      else
        {
          /* nothing that starts at or after the next timer (it fires
           * first), nor a source's record that has not appeared by the
           * step's limit (a timer step's, or one after records) */
          if (source_waits_for_alignment (t))
            break;
          gint64 next = peek_arrival (t);
          if ((timer_limit || (t->source && (t->step_records > 0 || next > now)))
              && MAX (done, next) >= limit)
            break;
          if (!next_record (t, &r, &arrival))
            break;
          t->elem_time_us = MAX (done, arrival);
          if (r.kind == ELEMENT_RECORD)
            cost = take_record (t, &r);
          else
            cost = input_element (t, &r);
        }
      gint64 start = MAX (done, arrival);
      gint64 end = start + cost;
      if (t->step_records > 0 && end > limit)
        {
          t->carry = (Carry) { TRUE, arrival, cost, first };
          break;
        }
      done = end;
      t->step_records++;
      t->step_busy_us += cost;
      if (mail || needs_buffer (t, first))
        break;
    }
  t->staged_done = t->carry.valid ? t->carry.first_output : t->staged->len;
  set_state (t, STEP_BUSY, NULL);
  schedule_step (t, done, step_done);
  schedule_timer (t);
}

/* End of input (StreamTask.endData): a source emits Long.MAX_VALUE through
 * its chain (advanceToEndOfEventTime), which fires every event-time
 * window; its outputs are a step of their own before the task finishes.
 * finish() on a WatermarkStrategy's operator then emits nothing: nothing
 * is above MAX. */
/* A step without records: busy_us on the task thread, then what is
 * staged goes out. */
static void
busy_step (StreamTask *t, gint64 busy_us)
{
  gint64 now = fsim_sim_now (t->c->sim);
  t->step_number++;
  t->step_records = 0;
  t->step_start_us = now;
  t->step_busy_us = busy_us;
  t->staged_done = t->staged->len;
  set_state (t, STEP_BUSY, NULL);
  schedule_step (t, now + t->step_busy_us, step_done);
}

/* A watermark through the chain as a step of its own (what it fires
 * costs what the operators spend on the results). */
static void
watermark_step (StreamTask *t, gint64 watermark)
{
  t->elem_time_us = fsim_sim_now (t->c->sim);
  RecordFact wm = { .kind = ELEMENT_WATERMARK, .timestamp_us = watermark };
  busy_step (t, push (t, 0, &wm));
}

static void
end_of_input (StreamTask *t)
{
  t->input_ended = TRUE;
  /* DATA_FINISHED: latestWatermark = MAX_WATERMARK, reported at once */
  if (t->alignment)
    trace_report (t, FSIM_WATERMARK_MAX);
  watermark_step (t, FSIM_WATERMARK_MAX);
}

/* SourceOperator.stop(StopMode) for stop-with-savepoint: the source reads
 * no more. DRAIN (--drain, SavepointType.terminate): end of data as a
 * bounded source's (StreamTask.endData: advanceToEndOfEventTime emits
 * MAX_WATERMARK, which fires every event-time window downstream), a step
 * of its own before the barrier; TRUE then. NO_DRAIN: nothing is emitted
 * and no window fires; FALSE, the checkpoint is taken now. */
static gboolean
stop_source (StreamTask *t)
{
  t->source_stopped = TRUE;
  gboolean drain = t->trigger.drain && !t->input_ended;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_SOURCE_STOPPED,
    drain ? "stop-with-savepoint --drain: the source stops (StopMode.DRAIN) and, as at the end "
            "of its data, emits MAX_WATERMARK, so every event-time timer and window fires "
            "downstream before the savepoint's barrier (StreamTask.endData)"
          : "stop-with-savepoint: the source stops (StopMode.NO_DRAIN) and emits no "
            "MAX_WATERMARK: windows keep their state, in the savepoint, unfired");
  g_autofree char *detail = g_strdup_printf ("savepoint %" PRId64 ", %s; %" PRId64
                                             " records read", t->trigger.id,
                                             t->trigger.drain ? "DRAIN" : "NO_DRAIN",
                                             t->next_record);
  r.detail = detail;
  r.values[0] = t->trigger.id;
  r.values[1] = t->trigger.drain;
  fsim_sched_cluster_trace (t->c, &r);
  if (!drain)
    return FALSE;
  end_of_input (t);
  return TRUE;
}

/* A snapshot's synchronous part: the task thread is busy with it, and
 * takes no input, for hold_us (a step without records). */
static void
snapshot_step (StreamTask *t)
{
  gint64 hold = t->hold_us;
  t->hold_us = 0;
  busy_step (t, hold);
}

/* Writes the step's outputs from pending_pos; FALSE if a buffer request
 * found none (the task is blocked). */
static gboolean
write_outputs (StreamTask *t)
{
  for (; t->pending_pos < t->staged_done; t->pending_pos++)
    {
      Output *o = &g_array_index (t->staged, Output, t->pending_pos);
      RecordWriter *w = g_ptr_array_index (t->writers, o->writer);
      if (fsim_sched_writer_has_pending (w))
        {
          if (!fsim_sched_writer_retry (w))
            return FALSE;
          continue;
        }
      if (!fsim_sched_writer_append (w, o->s, &o->r, NULL))
        return FALSE;
      if (fsim_sched_writer_flush_timeout_us (w) == 0)
        fsim_sched_writer_flush_all (w);
    }
  return TRUE;
}

/* Keeps the carried record's outputs, drops the step's. */
static void
drop_written (StreamTask *t)
{
  if (t->carry.valid)
    {
      g_array_remove_range (t->staged, 0, t->carry.first_output);
      t->carry.first_output = 0;
    }
  else
    g_array_set_size (t->staged, 0);
  t->staged_done = 0;
  t->pending_pos = 0;
}

static void
step_done (FsimSim *sim, gpointer payload)
{
  StreamTask *t = ((TaskTimer *) payload)->e->task;
  t->step_event = FSIM_EVENT_NONE;
  gint64 now = fsim_sim_now (sim);
  gint64 elapsed = now - t->step_start_us;
  t->time_us[STEP_BUSY] += t->step_busy_us;
  t->time_us[STEP_IDLE] += elapsed - t->step_busy_us;
  t->acct_since = now;
  /* within a step (which crosses no whole second, so no metric update)
   * the gaps before records appeared are idle time: told first */
  if (!t->step_told)
    {
      gint64 gap = elapsed - t->step_busy_us;
      if (gap > 0)
        metrics_enter (t, t->step_start_us, FSIM_TASK_TIME_IDLE);
      metrics_enter (t, t->step_start_us + gap, FSIM_TASK_TIME_BUSY);
    }
  t->step_told = FALSE;
  if (t->step_records > 0)
    fsim_sim_note_progress (sim);
  t->pending_pos = 0;
  step (t);
}

static void
wake_at_arrival (FsimSim *sim, gpointer payload)
{
  StreamTask *t = ((TaskTimer *) payload)->e->task;
  t->step_event = FSIM_EVENT_NONE;
  step (t);
}

static gboolean
input_used_up (const StreamTask *t)
{
  return t->input == NULL || t->input_pos >= t->input->n_records;
}

static void
finish (StreamTask *t, const char *why)
{
  set_state (t, STEP_DONE, NULL);
  fsim_sched_taskmanager_finish_task (t->c, t->e, why);
}

/* Takes the next input buffer; FALSE when there is none (idle), or the task
 * finished on an EndOfPartitionEvent. */
static gboolean
take_input (StreamTask *t)
{
  if (t->replay && t->replay_pos < t->replay->len)
    return TRUE;
  if (t->sorter && fsim_sched_sorting_input_has_next (t->sorter))
    return TRUE;
  while (input_used_up (t))
    {
      if (t->input)
        {
          fsim_sched_gate_recycle (t->input_ch, t->input);
          fsim_sched_net_buffer_free (t->input);
          t->input = NULL;
        }
      DataChannel *ch;
      NetBuffer *b = fsim_sched_gate_poll (t->e, &ch);
      if (b == NULL)
        return FALSE;
      if (b->checkpoint_event)
        {
          if (t->cp)
            fsim_sched_task_checkpoint_on_event (t->cp, ch, b);
          fsim_sched_net_buffer_free (b);
          if (t->hold_us > 0)
            return FALSE;       /* the snapshot's synchronous part first */
          continue;
        }
      if (b->end_of_partition)
        {
          ch->ended = TRUE;
          fsim_sched_net_buffer_free (b);
          if (t->cp)
            fsim_sched_task_checkpoint_on_end_of_partition (t->cp, ch);
          fsim_sched_taskmanager_end_of_partition (t->c, t->e);
          if (t->state == STEP_DONE)
            return FALSE;
          continue;
        }
      if (t->cp)
        fsim_sched_task_checkpoint_on_data_polled (t->cp, b->bytes);
      t->input = b;
      t->input_ch = ch;
      t->input_pos = 0;
      t->bytes_in += b->bytes;
    }
  return TRUE;
}

/* StreamTask's priority-event mail (CheckpointedInputGate.
 * processPriorityEvents): an unaligned barrier at the head of the gate is
 * processed at the next mailbox turn, even while the task waits for
 * output. */
/* A priority event (an unaligned barrier) heads an input channel. */
static gboolean
priority_event_waits (const StreamTask *t)
{
  DataChannel *ch = t->cp ? g_queue_peek_head ((GQueue *) &t->gate.with_data) : NULL;
  return ch != NULL && ((NetBuffer *) g_queue_peek_head (&ch->received))->priority;
}

static void
take_priority_events (StreamTask *t)
{
  DataChannel *ch;
  while (t->cp && (ch = g_queue_peek_head (&t->gate.with_data)) != NULL
         && ((NetBuffer *) g_queue_peek_head (&ch->received))->priority)
    {
      NetBuffer *b = fsim_sched_gate_poll (t->e, &ch);
      fsim_sched_task_checkpoint_on_event (t->cp, ch, b);
      fsim_sched_net_buffer_free (b);
    }
}

/* Each sorted input's last sorted record out: the largest watermark it
 * held back goes to the operator's input (SortingDataInput.emitNext,
 * MultiInputSortingDataInput.addNextToQueue), into the combined watermark
 * (IndexedCombinedWatermarkStatus), as a step of its own. FALSE when that
 * did not advance. */
static gboolean
sorted_watermarks_step (StreamTask *t)
{
  gint64 before = fsim_combined_watermark_get (t->combined), cost = 0;
  t->elem_time_us = fsim_sim_now (t->c->sim);
  for (int in = 0; in < t->n_inputs; in++)
    {
      gint64 wm = fsim_sched_sorting_input_watermark_seen (t->sorter, in);
      if (!t->input_sorted[in] || wm == G_MININT64)
        continue;
      fsim_combined_watermark_input_watermark (t->combined, (guint) in, wm, t->combined_out);
      cost += combined_to_chain (t);
    }
  if (fsim_combined_watermark_get (t->combined) == before)
    return FALSE;
  busy_step (t, cost);
  return TRUE;
}

/* END_OF_DATA at a SortingDataInput (every input partition ended): it
 * sorts (a step of the sort's time), hands out the sorted records (input
 * steps, as any), then emits the largest watermark it saw, and the task
 * finishes. FALSE when there is nothing of that to do now. */
static gboolean
sorted_input_step (StreamTask *t)
{
  if (t->sorter == NULL || t->e->producers_finished < t->e->producers)
    return FALSE;
  if (fsim_sched_sorting_input_reading (t->sorter))
    {
      SortingInputStats st;
      fsim_sched_sorting_input_end_of_data (t->sorter, t->input_sorted[0] + t->input_sorted[1],
                                            &st);
      FsimTraceRecord r = fsim_sched_execution_record (
        t->c, t->e, FSIM_SCHED_KIND_SORTED_INPUT,
        t->n_inputs == 1
          ? "SortingDataInput: in BATCH a keyed operator's input is sorted "
            "(execution.sorted-inputs.enabled): it took in every record without emitting any, "
            "and at END_OF_DATA sorts them by key, then timestamp, and hands them to the "
            "operator one key after another; the watermarks it held back follow the last record "
            "as the largest of them"
          : "MultiInputSortingDataInput: in BATCH each keyed input of a two-input operator is "
            "sorted (execution.sorted-inputs.enabled): nothing is emitted until every input "
            "ended; then the input whose head has the smallest key, then timestamp, goes next "
            "(its InputSelector), so one key's records of both inputs come together; each "
            "input's largest watermark follows its last record");
      r.values[0] = st.records;
      r.values[1] = st.keys;
      r.values[2] = st.comparisons;
      r.values[3] = fsim_sched_sort_time_us (st.comparisons,
                                             t->c->settings.sort_comparison_cost_ns);
      fsim_sched_cluster_trace (t->c, &r);
      busy_step (t, r.values[3]);
      return TRUE;
    }
  if (!t->sorted_tail)
    {
      t->sorted_tail = TRUE;
      if (sorted_watermarks_step (t))
        return TRUE;
    }
  finish (t, "the SortingDataInput handed out its last sorted record: END_OF_DATA reaches the "
             "operator, the task finishes (StreamTask.endData)");
  return TRUE;
}

/* While the default action waits for output, a processing-time timer
 * due is a mail that runs (MailboxProcessor: mails run while processInput
 * is suspended): a periodic watermark, a window's firing. What it emits
 * needs buffers as any output does: it goes out after the step, and when
 * none is left the task thread blocks in the timer (hard backpressure),
 * as requestBufferBuilderBlocking does. Not between a carried record and
 * its outputs (a mail runs between records). */
static gboolean
timer_mail_step (StreamTask *t)
{
  gint64 timer = next_timer_us (t);
  if (t->carry.valid || timer < 0 || timer > fsim_sim_now (t->c->sim))
    return FALSE;
  busy_step (t, fire_timers (t));
  schedule_timer (t);
  return TRUE;
}

static void
step (StreamTask *t)
{
  if (t->state == STEP_DONE || t->step_event != FSIM_EVENT_NONE)
    return;
  /* 1. a step's outputs (or a blocked record) still to write */
  if (t->staged_done > 0 || t->pending_pos > 0)
    {
      if (!write_outputs (t))
        {
          if (t->state != STEP_HARD)
            {
              g_autofree char *why = g_strdup_printf (
                "no network buffer left for the next record: the task thread blocks in "
                "requestBufferBuilderBlocking (hard backpressure); %s",
                outputs_available (t, NULL) ? "the pool's overdraft is used up" : "");
              set_state (t, STEP_HARD, why);
            }
          return;
        }
      drop_written (t);
    }
  /* 2. mails: a source's checkpoint trigger, a snapshot's synchronous
   * part (they run while the default action waits for output, too) */
  if (t->trigger_pending && !t->carry.valid && t->trigger.synchronous && t->source
      && !t->source_stopped && stop_source (t))
    return;
  if (t->trigger_pending && !t->carry.valid)
    {
      t->trigger_pending = FALSE;
      fsim_sched_task_checkpoint_perform (t->cp, &t->trigger);
    }
  if (!t->carry.valid)
    take_priority_events (t);
  if (t->hold_us > 0)
    {
      snapshot_step (t);
      return;
    }
  /* 3. output first: every output pool must be available */
  g_autofree char *why = NULL;
  if (!outputs_available (t, &why))
    {
      if (timer_mail_step (t))
        return;
      if (t->state != STEP_SOFT)
        {
          g_autofree char *text = g_strdup_printf (
            "backpressured: %s; the task takes no input until a buffer is recycled "
            "(StreamTask.processInput waits for output availability)", why);
          set_state (t, STEP_SOFT, text);
        }
      return;
    }
  /* 4. input */
  gint64 timer = next_timer_us (t);
  gboolean due = timer >= 0 && timer <= fsim_sim_now (t->c->sim);
  if (t->source)
    {
      if (t->source_stopped && !t->carry.valid)
        {
          set_state (t, STEP_IDLE, "stopped for stop-with-savepoint: the source reads nothing "
                                   "more and waits for the savepoint to complete");
          return;
        }
      if (!t->carry.valid && t->limit >= 0 && t->next_record >= t->limit && !t->input_ended)
        {
          end_of_input (t);
          return;
        }
      if (!t->carry.valid && t->limit >= 0 && t->next_record >= t->limit)
        {
          g_autofree char *end = g_strdup_printf (
            "the bounded source read its %" G_GINT64_FORMAT " record%s: end of input, the "
            "task flushes its buffers and sends EndOfPartitionEvent downstream", t->limit,
            t->limit == 1 ? "" : "s");
          finish (t, end);
          return;
        }
      if (source_waits_for_alignment (t) && !t->carry.valid && !due)
        {
          set_state (t, STEP_IDLE, "waiting for watermark alignment: the source reads nothing "
                                   "until its coordinator's maxAllowedWatermark reaches its "
                                   "watermark (SourceOperator WAITING_FOR_ALIGNMENT)");
          return;
        }
      gint64 arrival = t->carry.valid ? t->carry.arrival_us : source_arrival (t, t->next_record);
      if (arrival > fsim_sim_now (t->c->sim) && !due)
        {
          set_state (t, STEP_IDLE, "the source's next record has not appeared yet");
          if (arrival != G_MAXINT64)
            schedule_step (t, arrival, wake_at_arrival);
          return;
        }
    }
  else if (!t->carry.valid && !take_input (t) && (t->state == STEP_DONE || !due))
    {
      if (t->hold_us > 0)
        snapshot_step (t);
      else if (t->state != STEP_DONE && !sorted_input_step (t))
        set_state (t, STEP_IDLE, "no input buffer in any input channel: idle");
      return;
    }
  run_step (t);
}

/* --- the task's life ------------------------------------------------------ */

void
fsim_sched_stream_task_start (FsimCluster *c, Execution *e)
{
  fsim_sched_stream_task_gate (c, e);
  StreamTask *t = e->task;
  t->start_us = fsim_sim_now (c->sim);
  t->time_zero_us = fsim_sched_store_time_zero (t->store, t->start_us);
  t->acct_state = STEP_IDLE;
  t->acct_since = t->start_us;
  t->metrics = fsim_task_metrics_new (t->start_us);
  t->metric_time = FSIM_TASK_TIME_BUSY;
  fsim_sched_metric_sampler_start (c);
  flushers_start (t);
  if (e->restored && e->restore.checkpoint > 0)
    t->replay = fsim_sched_channel_state_for (c, e->restore.checkpoint,
                                              e->vertex->job_vertex->index, e->vertex->subtask);
  chain_open (t);
  if (t->source && fsim_sched_source_coordinator_of (c, e->vertex->job_vertex) >= 0)
    {
      t->alignment = fsim_source_alignment_new ();
      schedule_report (t);
    }
  step (t);
  schedule_timer (t);
}

void
fsim_sched_stream_task_wake (FsimCluster *c, Execution *e)
{
  if (e == NULL || e->task == NULL || e->task_state != FSIM_EXECUTION_RUNNING)
    return;
  StreamTask *t = e->task;
  if (t->state == STEP_BUSY)
    return;
  step (t);
}

void
fsim_sched_stream_task_stop (FsimCluster *c, Execution *e)
{
  StreamTask *t = e->task;
  if (t == NULL)
    return;
  fsim_sim_cancel (c->sim, t->step_event);
  fsim_sim_cancel (c->sim, t->flush_event);
  fsim_sim_cancel (c->sim, t->timer_event);
  fsim_sim_cancel (c->sim, t->report_event);
  t->step_event = t->flush_event = t->timer_event = t->report_event = FSIM_EVENT_NONE;
  fsim_sched_task_checkpoint_stop (t->cp);
  t->trigger_pending = FALSE;
  account (t);
  t->state = t->acct_state = STEP_DONE;
}

void
fsim_sched_stream_task_end_output (FsimCluster *c, Execution *e)
{
  StreamTask *t = e->task;
  if (t == NULL)
    fsim_sched_stream_task_gate (c, e), t = e->task;
  fsim_sched_stream_task_stop (c, e);
  for (guint i = 0; i < t->writers->len; i++)
    fsim_sched_writer_finish (g_ptr_array_index (t->writers, i));
}

void
fsim_sched_stream_task_get_stats (FsimCluster *c, const Execution *e, StreamTaskStats *out)
{
  *out = (StreamTaskStats) { 0 };
  StreamTask *t = e->task;
  if (t == NULL)
    return;
  account (t);
  out->records_in = t->records_in;
  out->records_out = t->records_out;
  for (guint i = 0; i < t->writers->len; i++)
    {
      const RecordWriter *w = g_ptr_array_index (t->writers, i);
      out->buffers_out += fsim_sched_writer_buffers_out (w);
      out->buffers_sent += fsim_sched_writer_buffers_sent (w);
      out->bytes_out += fsim_sched_writer_bytes_out (w);
    }
  out->idle_us = t->time_us[STEP_IDLE];
  out->busy_us = t->time_us[STEP_BUSY];
  out->soft_backpressured_us = t->time_us[STEP_SOFT];
  out->hard_backpressured_us = t->time_us[STEP_HARD];
  out->input_watermark = fsim_combined_watermark_get (t->combined);
  /* the gauge OperatorChain puts on the tail operator's output: what the
   * chain passed on last, to the network or, for a sink, to no output at
   * all (BroadcastingOutputCollector.emitWatermark sets it first) */
  out->output_watermark = t->n_ops > 0 ? t->ops[t->n_ops - 1].out_wm : t->output_wm;
  out->watermarks_out = t->watermarks_out;
  out->windows_fired = t->windows_fired;
  out->window_records = t->window_records;
  for (int i = 0; i < t->n_ops; i++)
    if (t->ops[i].win)
      {
        out->late_dropped += fsim_window_operator_get_num_late_records_dropped (t->ops[i].win);
        out->late_side_output += t->ops[i].late_side_output;
      }
  /* a step in progress: its busy time so far is not known record by
   * record; it counts once the step ends */
  (void) c;
}

gboolean
fsim_sched_stream_task_holds_end_of_data (const Execution *e)
{
  return e->task && e->task->sorter && e->task->state != STEP_DONE;
}

void
fsim_sched_stream_task_input_channel (Execution *e, DataChannel *ch)
{
  g_ptr_array_add (e->task->remote_inputs, ch);
}

/* OutputBufferPoolUsageGauge and CreditBasedInputBuffersUsageGauge. */
static void
pool_usage (StreamTask *t, FsimTaskPoolUsage *u)
{
  *u = (FsimTaskPoolUsage) { 0 };
  for (guint i = 0; i < t->writers->len; i++)
    {
      const OutputPool *p = fsim_sched_writer_pool (g_ptr_array_index (t->writers, i));
      u->output_used += p->requested;
      u->output_total += p->size;
    }
  if (t->remote_inputs->len == 0)
    return;
  int B = t->c->settings.buffers_per_channel;
  for (guint i = 0; i < t->remote_inputs->len; i++)
    {
      const DataChannel *ch = g_ptr_array_index (t->remote_inputs, i);
      u->input_used += (B - ch->exclusive_free) + (ch->floating_held - ch->floating_free);
      u->input_total += B;
    }
  for (int g = 0; g < t->gate.n_gates; g++)
    u->input_total += t->gate.floating[g].size;
}

static void
tell_counter (StreamTask *t, FsimTaskCounter k, gint64 now_value)
{
  fsim_task_metrics_count (t->metrics, k, now_value - t->told[k]);
  t->told[k] = now_value;
}

/* The task's counters into its metrics; the stats they came from in *st. */
static void
tell_counters (FsimCluster *c, Execution *e, StreamTaskStats *st)
{
  StreamTask *t = e->task;
  fsim_sched_stream_task_get_stats (c, e, st);
  tell_counter (t, FSIM_TASK_COUNTER_RECORDS_IN, st->records_in);
  tell_counter (t, FSIM_TASK_COUNTER_RECORDS_OUT, st->records_out);
  tell_counter (t, FSIM_TASK_COUNTER_BUFFERS_OUT, st->buffers_out);
  tell_counter (t, FSIM_TASK_COUNTER_BYTES_IN, t->bytes_in);
  tell_counter (t, FSIM_TASK_COUNTER_BYTES_OUT, st->bytes_out);
}

void
fsim_sched_stream_task_trace_final (FsimCluster *c, Execution *e)
{
  StreamTask *t = e->task;
  if (t == NULL || t->metrics == NULL)
    return;
  StreamTaskStats st;
  tell_counters (c, e, &st);
  FsimTraceRecord base = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_TASK_ACTIVITY, "");
  fsim_task_metrics_trace_final (t->metrics, fsim_sim_now (c->sim), &base, c->trace);
}

void
fsim_sched_stream_task_sample (FsimCluster *c, Execution *e, gboolean update)
{
  StreamTask *t = e->task;
  if (t == NULL || t->metrics == NULL || t->state == STEP_DONE)
    return;
  gint64 now = fsim_sim_now (c->sim);
  /* what the trace has not shown yet: the last watermark advance of the
   * second, windows fired by elements (count triggers) */
  if (t->wm_untraced > 0)
    trace_input_watermark (t);
  explain_held_watermark (t, now);
  for (int i = 0; i < t->n_ops; i++)
    {
      if (t->ops[i].fired_windows > 0)
        trace_window_fired (t, i, ms_of (now), NULL);
      if (t->ops[i].win)
        {
          trace_window_late (t, i);
          trace_window_sample (t, i);
        }
    }
  if (t->state == STEP_BUSY && !t->step_told)
    {
      /* a step of one record crossing the second: busy from its start */
      metrics_enter (t, t->step_start_us, FSIM_TASK_TIME_BUSY);
      t->step_told = TRUE;
    }
  StreamTaskStats st;
  tell_counters (c, e, &st);
  FsimTaskPoolUsage u;
  pool_usage (t, &u);
  fsim_task_metrics_set_pool_usage (t->metrics, &u);
  fsim_task_metrics_set_watermarks (t->metrics, st.input_watermark, st.output_watermark);
  if (update)
    fsim_task_metrics_update (t->metrics, now);
  FsimTraceRecord base = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_TASK_ACTIVITY, "");
  fsim_task_metrics_trace_sample (t->metrics, now, &base, c->trace);
  for (guint i = 0; i < t->writers->len; i++)
    fsim_sched_writer_trace_channels (g_ptr_array_index (t->writers, i));
}

void
fsim_sched_stream_task_channel_states (Execution *e, GArray *out)
{
  StreamTask *t = e->task;
  for (guint i = 0; t && i < t->writers->len; i++)
    fsim_sched_writer_channel_states (g_ptr_array_index (t->writers, i), out);
}

/* --- checkpoints (task-checkpoint.c) -------------------------------------- */

TaskCheckpoint *
fsim_sched_stream_task_checkpoint (Execution *e)
{
  return e->task ? e->task->cp : NULL;
}

const RecordFact *
fsim_sched_stream_task_unread (Execution *e, guint *n)
{
  StreamTask *t = e->task;
  *n = 0;
  if (t && t->replay && t->replay_pos < t->replay->len)
    {
      *n = t->replay->len - t->replay_pos;
      return &g_array_index (t->replay, RecordFact, t->replay_pos);
    }
  if (t == NULL || t->input == NULL || t->input_pos >= t->input->n_records)
    return NULL;
  *n = t->input->n_records - t->input_pos;
  return t->input->records + t->input_pos;
}

gint64
fsim_sched_stream_task_source_offset (Execution *e)
{
  return e->task && e->task->source ? e->task->next_record : -1;
}

void
fsim_sched_stream_task_snapshot_windows (Execution *e, SubtaskStore *store)
{
  StreamTask *t = e->task;
  g_assert (t != NULL);
  for (int i = 0; i < t->n_ops; i++)
    if (t->ops[i].win)
      fsim_sched_store_snapshot_window (store, i, t->ops[i].win);
}

void
fsim_sched_stream_task_hold (Execution *e, gint64 sync_us)
{
  g_assert (e->task != NULL);
  e->task->hold_us += sync_us;
}

void
fsim_sched_stream_task_trigger (Execution *e, const FsimCheckpointBarrier *barrier)
{
  StreamTask *t = e->task;
  g_assert (t != NULL && t->cp != NULL);
  if (t->state == STEP_DONE)
    return;
  if (barrier->synchronous && t->source)
    {
      /* SourceOperatorStreamTask.triggerStopWithSavepointAsync: a mail
       * stops the source, then the checkpoint is taken (step's mails) */
      t->trigger_pending = TRUE;
      t->trigger = *barrier;
      if ((t->state == STEP_IDLE || t->state == STEP_SOFT) && t->staged_done == 0
          && t->pending_pos == 0 && !t->carry.valid)
        {
          fsim_sim_cancel (t->c->sim, t->step_event);
          t->step_event = FSIM_EVENT_NONE;
          step (t);
        }
      return;
    }
  /* the mailbox runs the mail between two steps: now when the task waits
   * for a record to appear or for an output buffer; after the running step
   * (or the buffer a hard-blocked record waits for) otherwise */
  if ((t->state == STEP_IDLE || t->state == STEP_SOFT) && t->staged_done == 0
      && t->pending_pos == 0 && !t->carry.valid)
    {
      fsim_sched_task_checkpoint_perform (t->cp, barrier);
      if (t->hold_us > 0)
        {
          fsim_sim_cancel (t->c->sim, t->step_event);
          t->step_event = FSIM_EVENT_NONE;
          snapshot_step (t);
        }
      return;
    }
  t->trigger_pending = TRUE;
  t->trigger = *barrier;
}

/* --- stop-with-savepoint ------------------------------------------------------- */

void
fsim_sched_stream_task_set_sync_savepoint (Execution *e, gint64 checkpoint_id)
{
  StreamTask *t = e->task;
  /* "at most one stop-with-savepoint checkpoint at a time is allowed" */
  g_assert (t->sync_savepoint == 0 || t->sync_savepoint == checkpoint_id);
  t->sync_savepoint = checkpoint_id;
}

gboolean
fsim_sched_stream_task_awaits_final_checkpoint (const Execution *e)
{
  return e->task && e->task->sync_savepoint > 0 && !e->task->final_completed;
}

/* A transactional sink's committer: what the checkpoint's completion makes
 * visible (subtask-state.c keeps the writer's pre-committed transactions). */
static void
commit_sink (StreamTask *t, gint64 checkpoint_id)
{
  FsimSinkCommit cm;
  if (!fsim_sched_store_commit (t->store, checkpoint_id, &cm))
    return;
  FsimTraceRecord r = fsim_sched_execution_record (
    t->c, t->e, FSIM_SCHED_KIND_SINK_COMMITTED,
    "notifyCheckpointComplete reached the task: the sink's committer commits the transactions "
    "its writer pre-committed at this checkpoint's snapshot and before (two-phase commit, "
    "TwoPhaseCommittingSink); their records become visible now, not when the snapshot was "
    "taken, so a reader of the sink sees output a checkpoint late");
  g_autofree char *detail = g_strdup_printf (
    "checkpoint %" PRId64 ": %d transaction%s committed, %" PRId64 " record%s visible now (%"
    PRId64 " in all); %" PRId64 " written since the snapshot wait%s for the next checkpoint",
    checkpoint_id, cm.transactions, cm.transactions == 1 ? "" : "s", cm.records,
    cm.records == 1 ? "" : "s", cm.visible, cm.pending, cm.pending == 1 ? "s" : "");
  r.checkpoint = checkpoint_id;
  r.detail = detail;
  r.values[0] = cm.records;
  r.values[1] = cm.visible;
  r.values[2] = cm.transactions;
  r.values[3] = cm.pending;
  fsim_sched_cluster_trace (t->c, &r);
}

void
fsim_sched_stream_task_notify_complete (Execution *e, gint64 checkpoint_id)
{
  StreamTask *t = e->task;
  if (t == NULL || t->state == STEP_DONE)
    return;
  commit_sink (t, checkpoint_id);
  if (t->sync_savepoint != checkpoint_id)
    return;
  t->final_completed = TRUE;
  if (!t->source && e->producers_finished < e->producers)
    return;                     /* it ends with its inputs (taskmanager.c) */
  finish (t, t->source
          ? "notifyCheckpointComplete of the synchronous savepoint: the stopped source's "
            "task ends (afterInvoke's finalCheckpointCompleted), its output ends with "
            "EndOfPartitionEvent"
          : "notifyCheckpointComplete of the synchronous savepoint, and every input ended: "
            "the task ends (afterInvoke's finalCheckpointCompleted)");
}

void
fsim_sched_stream_task_notify_aborted (Execution *e, gint64 checkpoint_id)
{
  StreamTask *t = e->task;
  if (t == NULL || t->state == STEP_DONE || t->sync_savepoint != checkpoint_id)
    return;
  fsim_sched_taskmanager_fail_task (t->c, e,
                                    "org.apache.flink.util.FlinkRuntimeException: "
                                    "Stop-with-savepoint failed.",
                                    "notifyCheckpointAborted of the synchronous savepoint this "
                                    "task took: StreamTask.notifyCheckpointAbortAsync throws, the "
                                    "task fails and the job fails over");
}
