/* scheduler-checkpoints.c - checkpoints in runs: the coordinator's periodic
 * trigger, barriers through the data plane, the barrier handler each task
 * gets, snapshots and acknowledgements (scheduler/task-checkpoint.c,
 * scheduler/checkpoint-host.c). Expectations follow Flink's rules: every
 * task acknowledges each checkpoint exactly once (PendingCheckpoint), an
 * aligned task blocks every channel but the last whose barrier is in
 * (SingleCheckpointBarrierHandler, AlignedCheckpointsTest), unaligned
 * barriers overtake buffered data which is persisted
 * (UnalignedCheckpointsTest), at-least-once blocks nothing
 * (CheckpointBarrierTrackerTest). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "scheduler/scheduler-private.h"
#include "tests/scheduler-tests.h"

#define MS 1000
#define SEC G_USEC_PER_SEC

static FsimStreamNode *
node (FsimStreamNode *n, gint64 cost_us)
{
  n->knobs.cost_us = cost_us;
  n->buffer_timeout_ms = 100;
  return n;
}

/* Sources(2) -rebalance-> Map(2) -hash-> Sink(1), records of 2 sources at
 * rate each; the sink's cost decides whether it backpressures. */
static TestJob *
pipeline (gint64 records, double rate, gint64 sink_cost_us, int tms, int slots,
          const FsimCheckpointSettings *cp, FsimClusterSettings *set)
{
  TestJob *j = test_job_new ("Checkpointed");
  FsimStreamNode *s = node (test_source (j, "Numbers", 2), 0);
  s->knobs.rate_per_s = rate;
  s->knobs.records = records;
  s->bounded = records > 0;
  FsimStreamNode *m = node (test_op (j, "Map", 2), 20);
  FsimStreamNode *k = node (test_sink (j, "Out", 1), sink_cost_us);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, m, k, FSIM_PARTITIONER_HASH);
  test_settings (set, tms, slots);
  set->checkpoints = *cp;
  test_job_start (j, set);
  return j;
}

static FsimCheckpointSettings
every (gint64 interval_us)
{
  FsimCheckpointSettings cp;
  fsim_checkpoint_settings_init (&cp);
  cp.interval_us = interval_us;
  return cp;
}

/* The records of kind about checkpoint id and task (vertex, subtask). */
static guint
count_for (FsimTrace *trace, FsimSchedKind kind, gint64 id, int vertex, int subtask)
{
  g_autoptr (GPtrArray) rs = test_records (trace, kind);
  guint n = 0;
  for (guint i = 0; i < rs->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (rs, i);
      n += r->checkpoint == id && r->vertex == vertex && r->subtask == subtask;
    }
  return n;
}

/* The n-th (from 0) record of kind for (id, task), or NULL. */
static const FsimTraceRecord *
nth_for (FsimTrace *trace, FsimSchedKind kind, gint64 id, int vertex, int subtask, guint nth)
{
  g_autoptr (GPtrArray) rs = test_records (trace, kind);
  for (guint i = 0; i < rs->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (rs, i);
      if (r->checkpoint == id && r->vertex == vertex && r->subtask == subtask && nth-- == 0)
        return r;
    }
  return NULL;
}

/* The time of the n-th (from 0) record of kind for (id, task), or -1. */
static gint64
time_of (FsimTrace *trace, FsimSchedKind kind, gint64 id, int vertex, int subtask, guint nth)
{
  g_autoptr (GPtrArray) rs = test_records (trace, kind);
  for (guint i = 0; i < rs->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (rs, i);
      if (r->checkpoint == id && r->vertex == vertex && r->subtask == subtask && nth-- == 0)
        return r->time_us;
    }
  return -1;
}

/* The why of a task's last barrier (snapshot-done): when no buffer was
 * queued ahead of it on its channel, this task's reading did not hold it
 * back, so it is never "behind 0 buffers ... it backpressures X"; the
 * producer sent it late. examples/kafka-etl.job's keyed task reads two
 * sources that are not back-pressured. */
START_TEST (test_last_barrier_with_nothing_ahead)
{
  g_autofree char *path = fsim_test_srcpath ("examples/kafka-etl.job");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, path, &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, 30 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  guint nothing_ahead = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_SNAPSHOT_DONE) || r->detail == NULL)
        continue;
      ck_assert_msg (strstr (r->detail, "behind 0 buffers") == NULL, "%s", r->detail);
      nothing_ahead += strstr (r->detail, "no buffer was queued ahead of it") != NULL;
    }
  ck_assert_uint_gt (nothing_ahead, 0);
}
END_TEST

/* CheckpointCoordinatorTest#testTriggerAndConfirmSimpleCheckpoint on a
 * whole run, and AlignedCheckpointsTest's rules at each task: with the job
 * RUNNING the coordinator triggers every interval (one at a time:
 * max-concurrent-checkpoints 1, a tick that finds one pending starts none,
 * so triggers are whole intervals apart); the two sources are triggered;
 * every one of the 5 tasks acknowledges; a Map with two input channels
 * blocks the first channel whose barrier arrives (the one traced as
 * blocked: the last ends the alignment as it arrives), resumes both at the
 * second, then sends its barrier on; the sink gets one barrier from each
 * Map before its snapshot; and checkpointing does not change the records
 * (every record reaches the sink). */
START_TEST (test_checkpoints_complete_in_a_run)
{
  FsimCheckpointSettings cp = every (100 * MS);
  FsimClusterSettings set;
  g_autoptr (TestJob) j = pipeline (5000, 2000, 50, 2, 2, &cp, &set);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  StreamTaskStats out;
  fsim_sched_stream_task_get_stats (j->cluster,
                                    fsim_sched_job_master_vertex (j->cluster->job, 2, 0)->current,
                                    &out);
  ck_assert_int_eq (out.records_in, 2 * 5000);

  FsimCheckpointCoordinator *cc = fsim_cluster_get_checkpoint_coordinator (j->cluster);
  ck_assert_ptr_nonnull (cc);
  guint n = fsim_checkpoint_coordinator_get_n_checkpoints (cc);
  /* 2.5 s of input at 100 ms: about 24 checkpoints; at least 10 */
  ck_assert_uint_ge (n, 10);
  /* CheckpointRequestDecider, one at a time: a checkpoint starts at a tick
   * of the periodic trigger (the first one's time + k x 100 ms), or, when a
   * tick came while the previous one was pending and its request waited,
   * right when the previous one ends (scheduleTriggerRequest); never before */
  gint64 first_trigger = -1, prev_end = -1;
  guint completed = 0;
  for (gint64 id = 1; id <= (gint64) n; id++)
    {
      FsimCheckpointStatsView v;
      ck_assert (fsim_checkpoint_coordinator_get_stats (cc, id, &v));
      if (first_trigger < 0)
        first_trigger = v.trigger_us;
      else
        {
          ck_assert_int_ge (v.trigger_us, prev_end);
          ck_assert ((v.trigger_us - first_trigger) % (100 * MS) == 0
                     || v.trigger_us == prev_end);
        }
      prev_end = v.state == FSIM_PENDING_CHECKPOINT_COMPLETED ? v.latest_ack_us : v.failure_us;
      if (v.state != FSIM_PENDING_CHECKPOINT_COMPLETED)
        continue;
      completed++;
      if (v.n_subtasks < 5)
        continue;               /* after a source finished (FLIP-147) */
      ck_assert_uint_eq (v.n_acknowledged, 5);
      ck_assert_int_ge (v.latest_ack_us, v.trigger_us);
      for (int m = 0; m < 2; m++)
        {
          ck_assert_uint_eq (count_for (j->trace, FSIM_SCHED_KIND_BARRIER_RECEIVED, id, 1, m), 2);
          ck_assert_uint_eq (count_for (j->trace, FSIM_SCHED_KIND_CHANNEL_BLOCKED, id, 1, m), 1);
          /* each aligned barrier blocked its subpartition upstream
           * (ALIGNED_CHECKPOINT_BARRIER isBlockingUpstream); the last one
           * ends the alignment at once, which resumes both */
          ck_assert_uint_eq (count_for (j->trace, FSIM_SCHED_KIND_CHANNEL_RESUMED, id, 1, m), 2);
          gint64 second = time_of (j->trace, FSIM_SCHED_KIND_BARRIER_RECEIVED, id, 1, m, 1);
          /* the channel blocked at the first barrier is read again at the
           * second (CheckpointedInputGate.resumeConsumption once
           * SingleCheckpointBarrierHandler's alignment ends): blocked for
           * last - first barrier; the record names channel and checkpoint */
          const FsimTraceRecord *bl = nth_for (j->trace, FSIM_SCHED_KIND_CHANNEL_BLOCKED, id, 1,
                                               m, 0);
          gint64 first = time_of (j->trace, FSIM_SCHED_KIND_BARRIER_RECEIVED, id, 1, m, 0);
          for (guint k = 0; k < 2; k++)
            {
              const FsimTraceRecord *rs = nth_for (j->trace, FSIM_SCHED_KIND_CHANNEL_RESUMED,
                                                   id, 1, m, k);
              ck_assert_int_eq (rs->time_us, second);
              ck_assert_int_eq (rs->values[0], rs->channel == bl->channel ? second - first : 0);
              g_autofree char *head = g_strdup_printf ("channel %d from ", rs->channel);
              g_autofree char *at_cp = g_strdup_printf (", checkpoint %" PRId64 ": read again", id);
              ck_assert (g_str_has_prefix (rs->detail, head));
              ck_assert_ptr_nonnull (strstr (rs->detail, at_cp));
            }
          gint64 sent = time_of (j->trace, FSIM_SCHED_KIND_BARRIER_SENT, id, 1, m, 0);
          ck_assert_int_ge (sent, second);
        }
      ck_assert_uint_eq (count_for (j->trace, FSIM_SCHED_KIND_BARRIER_RECEIVED, id, 2, 0), 2);
      ck_assert_uint_eq (count_for (j->trace, FSIM_SCHED_KIND_BARRIER_SENT, id, 2, 0), 0);
      ck_assert_uint_eq (count_for (j->trace, FSIM_SCHED_KIND_SNAPSHOT_DONE, id, 2, 0), 1);
      /* aligned: nothing persisted; the alignment is first to last barrier */
      for (guint i = 0; i < v.n_subtasks; i++)
        {
          const FsimSubtaskCheckpointRow *row = &v.subtasks[i];
          ck_assert (row->acknowledged);
          ck_assert_int_eq (row->stats.persisted_bytes, 0);
          ck_assert (!row->stats.unaligned);
          if (row->task.vertex == 0)
            continue;
          gint64 first = time_of (j->trace, FSIM_SCHED_KIND_BARRIER_RECEIVED, id,
                                  row->task.vertex, row->task.subtask, 0);
          gint64 last = time_of (j->trace, FSIM_SCHED_KIND_BARRIER_RECEIVED, id,
                                 row->task.vertex, row->task.subtask, 1);
          ck_assert_int_eq (row->stats.alignment_us, last - first);
          ck_assert_int_eq (row->stats.start_delay_us, first - v.trigger_us);
        }
    }
  ck_assert_uint_ge (completed, 10);
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* A 2 ms sink (500 records/s) reading the union of a busy source (2000
 * records/s, 2 subtasks) and a quiet one (20 records/s), checkpointed every
 * 5 s for 90 s, run aligned, unaligned and at least once on the same seed.
 * Aligned, the barriers wait behind the buffers queued for the sink (each
 * holds 290 records, 0.58 s of its time): the quiet source's barrier is in
 * early and its channel blocks, the busy ones' come later, so checkpoints
 * take seconds from trigger to last acknowledgement, longer than the
 * interval: each next one starts as the previous completes (the requests of
 * the ticks in between wait in the CheckpointRequestDecider's queue), and
 * nothing is persisted. Unaligned, the barriers
 * overtake those buffers, which are persisted as channel state; the
 * slowest checkpoint is faster and the alignment short. At least once
 * blocks no channel and persists nothing. */
typedef struct {
  guint back_to_back;           /* started at the previous one's completion */
  gint64 max_end_to_end;
  gint64 max_alignment;
  gint64 persisted;
  guint completed;
  guint blocked;
  gboolean unaligned;
} Summary;

static Summary
slow_sink_run (gboolean unaligned, gboolean at_least_once)
{
  FsimCheckpointSettings cp = every (5 * SEC);
  cp.unaligned = unaligned;
  cp.at_least_once = at_least_once;
  FsimClusterSettings set;
  g_autoptr (TestJob) j = test_job_new ("Union");
  FsimStreamNode *busy = node (test_source (j, "Busy", 2), 0);
  busy->knobs.rate_per_s = 2000;
  FsimStreamNode *quiet = node (test_source (j, "Quiet", 1), 0);
  quiet->knobs.rate_per_s = 20;
  FsimStreamNode *k = node (test_sink (j, "Out", 1), 2 * MS);
  test_connect (j, busy, k, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, quiet, k, FSIM_PARTITIONER_REBALANCE);
  test_settings (&set, 2, 2);
  set.checkpoints = cp;
  test_job_start (j, &set);
  test_job_run (j, 90 * SEC);
  FsimCheckpointCoordinator *cc = fsim_cluster_get_checkpoint_coordinator (j->cluster);
  Summary s = { 0 };
  FsimCheckpointStatsView prev = { 0 };
  for (gint64 id = 1; id <= (gint64) fsim_checkpoint_coordinator_get_n_checkpoints (cc); id++)
    {
      FsimCheckpointStatsView v;
      ck_assert (fsim_checkpoint_coordinator_get_stats (cc, id, &v));
      /* a checkpoint longer than the interval: the ticks meanwhile queued
       * their requests (CheckpointRequestDecider, max-concurrent 1), and the
       * oldest starts the next checkpoint as this one completes */
      if (id > 1 && prev.state == FSIM_PENDING_CHECKPOINT_COMPLETED
          && prev.latest_ack_us - prev.trigger_us > cp.interval_us)
        {
          ck_assert_int_eq (v.trigger_us, prev.latest_ack_us);
          s.back_to_back++;
        }
      prev = v;
      if (v.state != FSIM_PENDING_CHECKPOINT_COMPLETED)
        continue;
      s.completed++;
      s.max_end_to_end = MAX (s.max_end_to_end, v.latest_ack_us - v.trigger_us);
      s.unaligned |= v.unaligned;
      for (guint i = 0; i < v.n_subtasks; i++)
        {
          s.persisted += v.subtasks[i].stats.persisted_bytes;
          s.max_alignment = MAX (s.max_alignment, v.subtasks[i].stats.alignment_us);
        }
    }
  g_autoptr (GPtrArray) blocked = test_records (j->trace, FSIM_SCHED_KIND_CHANNEL_BLOCKED);
  s.blocked = blocked->len;
  test_assert_transitions_legal (j->trace);
  return s;
}

START_TEST (test_aligned_unaligned_at_least_once_under_backpressure)
{
  Summary aligned = slow_sink_run (FALSE, FALSE);
  Summary unaligned = slow_sink_run (TRUE, FALSE);
  Summary alo = slow_sink_run (FALSE, TRUE);
  ck_assert_uint_ge (aligned.completed, 1);
  ck_assert_int_gt (aligned.max_end_to_end, 1 * SEC);
  ck_assert_uint_gt (aligned.back_to_back, 0);
  ck_assert_int_eq (aligned.persisted, 0);
  ck_assert_uint_gt (aligned.blocked, 0);
  ck_assert (!aligned.unaligned);

  ck_assert_uint_ge (unaligned.completed, 15);  /* one every 5 s of 90, all but the first few */
  ck_assert_int_gt (unaligned.persisted, 0);
  ck_assert (unaligned.unaligned);
  ck_assert_int_lt (unaligned.max_end_to_end, aligned.max_end_to_end);
  /* the alignment: a blocked channel waits for the barrier behind the
   * busy source's buffers aligned, far less unaligned */
  ck_assert_int_gt (aligned.max_alignment, 0);
  ck_assert_int_lt (unaligned.max_alignment * 4, aligned.max_alignment);

  ck_assert_uint_eq (alo.blocked, 0);
  ck_assert_int_eq (alo.persisted, 0);
}
END_TEST

/* The JobVertex index named name in a run, or -1. */
static int
vertex_named (FsimJobRun *run, const char *name)
{
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (fsim_job_run_get_execution_graph (run));
  for (guint v = 0; v < jvs->len; v++)
    if (strcmp (((FsimExecutionJobVertex *) g_ptr_array_index (jvs, v))->job_vertex->name, name)
        == 0)
      return (int) v;
  return -1;
}

/* FORCED_ALIGNED: an unaligned checkpoint's barrier goes aligned over a
 * pointwise edge (RecordWriterOutput.broadcastEvent: withUnalignedUnsupported;
 * a node with one pointwise input has all its inputs marked so, as
 * StreamingJobGraphGenerator marks them), and the task that aligns on it
 * sends it on unaligned again (SubtaskCheckpointCoordinatorImpl
 * .checkpointState: withUnalignedSupported). Parse reads two forward
 * inputs and a rebalanced one: it aligns, blocking channels, and persists
 * no input channel state; its barrier to the slow sink over the hash edge
 * is unaligned, so it overtakes the data in flight (persisted) and the
 * sink, whose inputs can take unaligned barriers, blocks nothing. */
/* Parse behind two forward inputs and a rebalanced one (every input
 * unaligned-unsupported), unaligned checkpoints on, extra set lines; run to
 * the end. (transfer full) the run; *job must outlive it. */
static FsimJobRun *
forced_run (const char *extra, FsimJob **job_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "set parallelism.default = 2\n"
    "set taskmanager.numberOfTaskSlots = 2\n"
    "set sim.taskmanagers = 2\n"
    "set sim.duration = 20 s\n"
    "set execution.checkpointing.interval = 2 s\n"
    "set execution.checkpointing.unaligned.enabled = true\n"
    "%s"
    "orders = env.fromSource(\"Orders\").rate(2000/s)\n"
    "refunds = env.fromSource(\"Refunds\").rate(20/s).setParallelism(1)\n"
    "orders.union(refunds).map(\"P\").name(\"Parse\").disableChaining().keyBy(\"k\").keys(100)\n"
    "  .sinkTo(\"Db\").name(\"Slow Sink\").cost(2 ms).setParallelism(1)\n", extra);
  FsimJob *job = fsim_job_parse (text, "forced.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  *job_out = job;
  FsimJobRun *run = fsim_job_run_new (job, 3, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  return run;
}

START_TEST (test_forced_aligned_reverts_downstream)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = forced_run ("", &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  int parse = vertex_named (run, "Parse"), sink = vertex_named (run, "Slow Sink: Writer");
  ck_assert_int_ge (parse, 0);
  ck_assert_int_ge (sink, 0);
  guint parse_blocked = 0, sink_blocked = 0, parse_sent = 0;
  gint64 parse_persisted = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_BLOCKED))
        {
          parse_blocked += r->vertex == parse;
          sink_blocked += r->vertex == sink;
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BARRIER_SENT) && r->vertex == parse)
        {
          parse_sent++;
          parse_persisted += r->values[0];
        }
    }
  ck_assert_uint_ge (parse_sent, 4);         /* two Parse subtasks, two checkpoints at least */
  ck_assert_uint_gt (parse_blocked, 0);
  ck_assert_uint_eq (sink_blocked, 0);
  FsimCheckpointCoordinator *cc =
    fsim_cluster_get_checkpoint_coordinator (fsim_job_run_get_cluster (run));
  guint completed = 0;
  for (gint64 id = 1; id <= (gint64) fsim_checkpoint_coordinator_get_n_checkpoints (cc); id++)
    {
      FsimCheckpointStatsView v;
      ck_assert (fsim_checkpoint_coordinator_get_stats (cc, id, &v));
      if (v.state != FSIM_PENDING_CHECKPOINT_COMPLETED)
        continue;
      completed++;
      /* the unaligned part persists in-flight data: the sink's input
       * channel state, what Parse's barrier overtook */
      gint64 persisted = parse_persisted;
      for (guint t = 0; t < v.n_subtasks; t++)
        persisted += v.subtasks[t].stats.persisted_bytes;
      ck_assert_int_gt (persisted, 0);
    }
  ck_assert_uint_ge (completed, 2);
}
END_TEST

/* A barrier with an aligned-checkpoint-timeout needs channel state too
 * (CheckpointOptions.needsChannelState: unaligned or timeoutable), so over
 * an edge that cannot take unaligned barriers it goes FORCED_ALIGNED as
 * well, which is never timeoutable (isTimeoutable): the sources' barriers
 * to Parse never time out into unaligned ones (the sources persist no
 * output channel state), every barrier Parse receives is FORCED_ALIGNED,
 * and Parse sends it on aligned with its timeout again
 * (withUnalignedSupported: alignedWithTimeout). */
START_TEST (test_forced_aligned_with_timeout)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run
    = forced_run ("set execution.checkpointing.aligned-checkpoint-timeout = 100 ms\n", &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  int parse = vertex_named (run, "Parse");
  int orders = vertex_named (run, "Source: Orders");
  ck_assert_int_ge (parse, 0);
  ck_assert_int_ge (orders, 0);
  guint received = 0, sent = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BARRIER_RECEIVED) && r->vertex == parse)
        {
          received++;
          ck_assert_msg (g_str_has_prefix (r->detail, "FORCED_ALIGNED "), "%s", r->detail);
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BARRIER_SENT) && r->vertex == orders)
        ck_assert_int_eq (r->values[0], 0);         /* nothing overtaken at the source */
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BARRIER_SENT) && r->vertex == parse
               && g_str_has_prefix (r->detail, "ALIGNED "))
        sent++;
    }
  ck_assert_uint_ge (received, 6);     /* 3 channels a Parse subtask, a checkpoint at least */
  ck_assert_uint_ge (sent, 2);
}
END_TEST

/* Numbers(1) -forward-> Map(1), chained, emitting keys distinct keys
 * -hash-> Sum(sum_parallelism) keeping bytes_per_key of keyed state. */
static TestJob *
keyed_job (const char *name, double rate, gint64 keys, int sum_parallelism,
           gint64 bytes_per_key)
{
  TestJob *j = test_job_new (name);
  FsimStreamNode *s = node (test_source (j, "Numbers", 1), 0);
  s->knobs.rate_per_s = rate;
  FsimStreamNode *m = node (test_op (j, "Map", 1), 10);
  m->knobs.keys = keys;
  FsimStreamNode *agg = node (test_op (j, "Sum", sum_parallelism), 10);
  agg->knobs.state_bytes_per_key = bytes_per_key;
  test_connect (j, s, m, FSIM_PARTITIONER_FORWARD);
  test_connect (j, m, agg, FSIM_PARTITIONER_HASH);
  return j;
}

/* State as the snapshot counts it (docs/design.md, "How checkpoints
 * flow"): keyed state is .stateSize() bytes per distinct key an operator
 * subtask has processed, and a keyBy sends each key to exactly one subtask
 * (KeyGroupRangeAssignment), so once all 50 keys have come by, the keyed
 * operator's subtasks hold 50 x 100 bytes between them. hashmap writes the
 * whole state each time, in the asynchronous part only; rocksdb with
 * incremental checkpoints writes what changed since the last snapshot
 * (everything, the first time), its synchronous part taking the changed
 * bytes at sim.state-backend-bandwidth; sources hold their offset (8 bytes). */
static void
keyed_run (gboolean rocksdb, gboolean incremental, GArray *full, GArray *written,
           GArray *sync_us, gint64 *bandwidth)
{
  FsimCheckpointSettings cp = every (500 * MS);
  FsimClusterSettings set;
  g_autoptr (TestJob) j = keyed_job ("Keyed", 1000, 50, 2, 100);
  test_settings (&set, 1, 4);
  set.checkpoints = cp;
  set.rocksdb = rocksdb;
  set.incremental = incremental;
  *bandwidth = set.state_backend_bandwidth;
  test_job_start (j, &set);
  test_job_run (j, 10 * SEC);
  FsimCheckpointCoordinator *cc = fsim_cluster_get_checkpoint_coordinator (j->cluster);
  for (gint64 id = 1; id <= (gint64) fsim_checkpoint_coordinator_get_n_checkpoints (cc); id++)
    {
      FsimCheckpointStatsView v;
      ck_assert (fsim_checkpoint_coordinator_get_stats (cc, id, &v));
      if (v.state != FSIM_PENDING_CHECKPOINT_COMPLETED)
        continue;
      gint64 f = 0, w = 0, sy = 0;
      for (guint i = 0; i < v.n_subtasks; i++)
        {
          const FsimSubtaskCheckpointRow *row = &v.subtasks[i];
          if (row->task.vertex == 0)
            {
              ck_assert_int_eq (row->stats.state_size, 8);   /* the source's offset */
              continue;
            }
          f += row->stats.state_size;
          w += row->stats.checkpointed_size;
          sy += row->stats.sync_us;
        }
      g_array_append_val (full, f);
      g_array_append_val (written, w);
      g_array_append_val (sync_us, sy);
    }
}

START_TEST (test_keyed_state_sizes)
{
  g_autoptr (GArray) full = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) written = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) sync_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 bw;
  keyed_run (FALSE, FALSE, full, written, sync_us, &bw);
  ck_assert_uint_ge (full->len, 10);
  for (guint i = 0; i < full->len; i++)
    {
      gint64 f = g_array_index (full, gint64, i);
      ck_assert_int_le (f, 50 * 100);
      ck_assert_int_eq (g_array_index (written, gint64, i), f);   /* hashmap: all of it */
      ck_assert_int_eq (g_array_index (sync_us, gint64, i), 0);
      if (i > 0)
        ck_assert_int_ge (f, g_array_index (full, gint64, i - 1));  /* keys are never forgotten */
    }
  ck_assert_int_eq (g_array_index (full, gint64, full->len - 1), 50 * 100);

  g_array_set_size (full, 0);
  g_array_set_size (written, 0);
  g_array_set_size (sync_us, 0);
  keyed_run (TRUE, TRUE, full, written, sync_us, &bw);
  ck_assert_uint_ge (full->len, 10);
  /* the first snapshot: everything is new */
  ck_assert_int_eq (g_array_index (written, gint64, 0), g_array_index (full, gint64, 0));
  for (guint i = 0; i < full->len; i++)
    {
      gint64 w = g_array_index (written, gint64, i);
      ck_assert_int_le (w, g_array_index (full, gint64, i));
      /* each keyed subtask's sync part is its changed bytes at the
       * bandwidth, rounded to the microsecond: the sum within 1 us a subtask */
      gint64 want = (gint64) ((double) w * G_USEC_PER_SEC / (double) bw);
      ck_assert_int_le (ABS (g_array_index (sync_us, gint64, i) - want), 2);
    }
  ck_assert_int_eq (g_array_index (full, gint64, full->len - 1), 50 * 100);
}
END_TEST

/* One key of one byte (knobs.state_bytes_per_key): Sum (vertex 1, the
 * source chains with Map) snapshots 1 byte, and the hashmap backend writes all of it in the
 * asynchronous part (HashMapStateBackend: a full snapshot), so its records
 * say "1 byte of state, 1 to write" and "1 byte of state, 0 bytes of
 * in-flight data" (aligned, nothing persisted): plural agreement, as every
 * count in trace text. */
START_TEST (test_one_byte_of_state)
{
  FsimClusterSettings set;
  g_autoptr (TestJob) j = keyed_job ("One byte", 100, 1, 1, 1);
  test_settings (&set, 1, 2);
  set.checkpoints = every (500 * MS);
  test_job_start (j, &set);
  test_job_run (j, 3 * SEC);
  const FsimTraceRecord *snap = test_last (j->trace, FSIM_SCHED_KIND_SNAPSHOT, 1, 0);
  const FsimTraceRecord *done = test_last (j->trace, FSIM_SCHED_KIND_SNAPSHOT_DONE, 1, 0);
  ck_assert_ptr_nonnull (snap);
  ck_assert_ptr_nonnull (done);
  ck_assert_msg (strstr (snap->detail, "): 1 byte of state, 1 to write"), "%s", snap->detail);
  ck_assert_msg (strstr (done->detail, ": 1 byte of state, 0 bytes of in-flight data;"),
                 "%s", done->detail);
}
END_TEST

void
scheduler_checkpoint_tcases (Suite *s)
{
  TCase *tc = tcase_create ("Checkpoints in runs");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_checkpoints_complete_in_a_run);
  tcase_add_test (tc, test_last_barrier_with_nothing_ahead);
  tcase_add_test (tc, test_aligned_unaligned_at_least_once_under_backpressure);
  tcase_add_test (tc, test_forced_aligned_reverts_downstream);
  tcase_add_test (tc, test_forced_aligned_with_timeout);
  tcase_add_test (tc, test_keyed_state_sizes);
  tcase_add_test (tc, test_one_byte_of_state);
  suite_add_tcase (s, tc);
}
