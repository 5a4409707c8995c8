/* lessons-queries.c - the queries a lesson asks, evaluated on a small run
 * (examples/bounded-sequence.job), and the comparison of two runs.
 *
 * The job: fromSequence(1, 100000) -> map -> keyBy -> reduce -> print at
 * parallelism 2, one TaskManager of 2 slots. The expected answers follow
 * from Flink's rules, not from a run: the source chains with the map and
 * the reduce with the print (forward, same parallelism), the keyBy edge
 * (hash) does not, so 2 JobVertices of 2 subtasks each; one slot sharing
 * group needs its highest parallelism, 2 slots; every source is bounded, so
 * every task finishes and the job is FINISHED, with no restart. */
#include "config.h"

#include <string.h>

#include "lessons/lessons.h"
#include "tests/testlib-graphs.h"

void lessons_queries_tcases (Suite *suite);

typedef struct {
  FsimJob *job;
  FsimJobRun *run;
  FsimQueryContext ctx;
} Run;

static void
run_start (Run *r)
{
  g_autoptr (GError) error = NULL;
  r->run = fsim_job_run_new (r->job, -1, &error);
  ck_assert_msg (r->run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (r->run, -1);
  r->ctx = (FsimQueryContext) { r->job, r->run,
                                fsim_trace_count (fsim_job_run_get_trace (r->run)) - 1 };
}

static void
run_init (Run *r, const char *relative)
{
  r->job = fsim_test_load_job (relative);
  run_start (r);
}

/* A job given as text, in the job language. */
static void
run_init_text (Run *r, const char *text)
{
  g_autoptr (GError) error = NULL;
  r->job = fsim_job_parse (text, "query-test.job", &error);
  ck_assert_msg (r->job != NULL, "%s", error ? error->message : "?");
  run_start (r);
}

static void
run_clear (Run *r)
{
  fsim_job_run_free (r->run);
  fsim_job_free (r->job);
}

/* The answer of query name (no arguments, or one) at the end of the run. */
static char *
answer (Run *r, const char *name, const char *arg, GError **error)
{
  const FsimQueryDesc *q = fsim_query_lookup (name);
  ck_assert_msg (q != NULL, "no query %s", name);
  char *args[] = { (char *) arg, NULL };
  return fsim_query_eval (q, args, &r->ctx, error);
}

static void
assert_answer_of (Run *r, const char *name, const char *arg, const char *want)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = answer (r, name, arg, &error);
  ck_assert_msg (got != NULL, "%s: %s", name, error ? error->message : "?");
  ck_assert_msg (g_strcmp0 (got, want) == 0, "%s: want %s, got %s", name, want, got);
}

static void
assert_answer (Run *r, const char *name, const char *want)
{
  assert_answer_of (r, name, NULL, want);
}

/* The query cannot answer: an error, no answer. */
static void
assert_no_answer (Run *r, const char *name, const char *arg)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = answer (r, name, arg, &error);
  ck_assert_msg (got == NULL, "%s: want no answer, got %s", name, got);
  ck_assert (g_error_matches (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID));
}

/* A query's whole-number answer. */
static gint64
int_of (Run *r, const char *name, const char *arg)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = answer (r, name, arg, &error);
  ck_assert_msg (got != NULL, "%s %s: %s", name, arg ? arg : "", error ? error->message : "?");
  return g_ascii_strtoll (got, NULL, 10);
}

START_TEST (test_queries_on_a_run)
{
  Run r;
  run_init (&r, "examples/bounded-sequence.job");
  assert_answer (&r, "job-vertices", "2");
  assert_answer (&r, "subtasks", "4");
  assert_answer (&r, "slots-needed", "2");
  assert_answer (&r, "taskmanagers", "1");
  assert_answer (&r, "final-job-status", "FINISHED");
  assert_answer (&r, "restarts", "0");
  /* every task finished: numRecordsIn is the final IOMetrics', all 100000
   * numbers into the source's chain and, through the keyBy, into the
   * reduce's (Task.notifyFinalState), not the last per-second sample's */
  g_autoptr (GError) error = NULL;
  g_autofree char *in_map = answer (&r, "records-in", "LastDigit", &error);
  g_autofree char *in_sum = answer (&r, "records-in", "Sum", &error);
  ck_assert_str_eq (in_map, "100000");
  ck_assert_str_eq (in_sum, "100000");
  run_clear (&r);
}
END_TEST

/* A query the run cannot answer is an error, not an answer: no operator of
 * that name, no failover record after the cursor. */
START_TEST (test_query_errors)
{
  Run r;
  run_init (&r, "examples/bounded-sequence.job");
  assert_no_answer (&r, "parallelism", "NoSuchOperator");
  assert_no_answer (&r, "failover-subtasks", NULL);
  run_clear (&r);
}
END_TEST

/* state-size reads the job file's .stateSize() in bytes, Flink's
 * MemorySize units (powers of 1024, docs/job-language.md): 32 kb is 32768;
 * an operator without it keeps none (0), and a name no operator has is no
 * answer. */
START_TEST (test_state_size)
{
  Run r;
  run_init_text (&r, "set sim.duration = 1 s\n"
                 "env.fromSource(\"S\").keyBy(\"user\").keys(10)\n"
                 "  .map(\"Profile\").name(\"Profile\").stateSize(32 kb)\n"
                 "  .map(\"Plain\").name(\"Plain\").print()\n");
  assert_answer_of (&r, "state-size", "Profile", "32768");
  assert_answer_of (&r, "state-size", "Plain", "0");
  assert_no_answer (&r, "state-size", "NoSuchOperator");
  run_clear (&r);
}
END_TEST

/* Answers compare by the query's type: numbers as numbers, durations in
 * any of Flink's units (a bare number is milliseconds), words without
 * case. */
START_TEST (test_answers_match_by_type)
{
  const FsimQueryDesc *n = fsim_query_lookup ("subtasks");
  ck_assert (fsim_query_answer_matches (n, "4", "4"));
  ck_assert (!fsim_query_answer_matches (n, "4", "5"));
  const FsimQueryDesc *d = fsim_query_lookup ("failover-backoff");
  ck_assert (fsim_query_answer_matches (d, "10 s", "10000"));
  ck_assert (fsim_query_answer_matches (d, "10 s", "10 s"));
  ck_assert (!fsim_query_answer_matches (d, "10 s", "10"));
  const FsimQueryDesc *w = fsim_query_lookup ("final-job-status");
  ck_assert (fsim_query_answer_matches (w, "FINISHED", "finished"));
  ck_assert (!fsim_query_answer_matches (w, "FINISHED", "FAILED"));
}
END_TEST

/* A job compared with itself: the same seed, the same trace. */
START_TEST (test_compare_same_job)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/bounded-sequence.job");
  g_autoptr (GError) error = NULL;
  g_autofree char *out = fsim_compare_jobs (job, job, "a", "b", &error);
  ck_assert_msg (out != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (strstr (out, "The traces do not diverge") != NULL, "%s", out);
}
END_TEST

/* The figure after "Vertex NAME:\n  records in" in a compare report. */
static gint64
records_in_of (const char *report, const char *vertex)
{
  g_autofree char *head = g_strdup_printf ("Vertex %s:\n", vertex);
  const char *at = strstr (report, head);
  ck_assert_msg (at != NULL, "no %s in\n%s", head, report);
  at = strstr (at, "records in");
  ck_assert (at != NULL);
  at += strlen ("records in");
  return g_ascii_strtoll (at, NULL, 10);
}

/* Two JobVertices named "Map" (Flink names every .map() so): the report
 * numbers them as graph --level job does and gives each its own figures.
 * The job finishes, so the counts are the final IOMetrics: #1 takes all
 * 1000 records, and at selectivity 0.5 emits floor(1000 x 0.5) = 500,
 * which #2 takes (not #1's own count, as a lookup by name gave). */
START_TEST (test_compare_same_named_vertices)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "set pipeline.operator-chaining.enabled = false\n"
    "env.fromSequence(1, 1000).map(\"Halve\").selectivity(0.5).map(\"Tag\").print()\n",
    "two-maps.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autofree char *out = fsim_compare_jobs (job, job, "a", "b", &error);
  ck_assert_msg (out != NULL, "%s", error ? error->message : "?");
  gint64 first = records_in_of (out, "#1 Map"), second = records_in_of (out, "#2 Map");
  ck_assert_int_eq (first, 1000);
  ck_assert_int_eq (second, 500);
  ck_assert_ptr_null (strstr (out, "\n* "));
}
END_TEST


/* busiest-subtask at a step that stops at a second's first record (lesson
 * 8's "time 15 s"): the whole second's samples count, as the metrics pane
 * shows them, not the few before the cursor. The sink takes 2 ms a record
 * behind 2 x 1000 records/s: it never waits for input nor for output, so its
 * busyTimeMsPerSecond is the highest (1000 - idle - backPressured,
 * TaskIOMetricGroup), while the throttled sources are back-pressured. */
START_TEST (test_busiest_takes_the_whole_second)
{
  Run r;
  run_init_text (&r, "set parallelism.default = 2\n"
                     "set taskmanager.numberOfTaskSlots = 1\n"
                     "set sim.taskmanagers = 2\n"
                     "set sim.duration = 20 s\n"
                     "events = env.fromSource(\"Kafka\").rate(1000/s)\n"
                     "events.map(\"Parse\").cost(20 us).keyBy(\"user\").sinkTo(\"Db\")\n"
                     "  .name(\"Slow Sink\").cost(2 ms).setParallelism(1)\n");
  FsimTrace *t = fsim_job_run_get_trace (r.run);
  FsimTraceKind k;
  fsim_task_metrics_value_index (FSIM_TASK_METRIC_BUSY_TIME, &k);
  FsimTraceFilter f = FSIM_TRACE_FILTER_INIT;
  f.kind = k;
  gint64 first = -1;
  for (gint64 i = fsim_trace_find_next (t, &f, 0); i >= 0; i = fsim_trace_find_next (t, &f, i + 1))
    if (fsim_trace_get (t, i)->time_us == 15 * G_USEC_PER_SEC)
      {
        first = i;
        break;
      }
  ck_assert_int_ge (first, 0);
  /* the sink's sample comes last in ExecutionVertex order: the cursor on
   * the second's first sample has not passed it */
  r.ctx.cursor = first;
  assert_answer (&r, "busiest-subtask", "Slow Sink: Writer (1/1)");
  run_clear (&r);
}
END_TEST

/* A row of a compare report: the two values after its label. */
static void
row_values (const char *report, const char *label, gint64 *a, gint64 *b, gboolean *differ)
{
  g_autofree char *needle = g_strdup_printf (" %s ", label);
  const char *at = strstr (report, needle);
  ck_assert_msg (at != NULL, "no %s in\n%s", label, report);
  const char *line = at;
  while (line > report && line[-1] != '\n')
    line--;
  *differ = line[0] == '*';
  char *end;
  *a = g_ascii_strtoll (at + strlen (needle), &end, 10);
  const char *bar = strstr (end, " | ");
  ck_assert (bar != NULL);
  *b = g_ascii_strtoll (bar + 3, NULL, 10);
}

/* compare's checkpoint rows on the slow sink, aligned against unaligned:
 * an unaligned barrier overtakes the buffers queued before it
 * (UnalignedCheckpointsTest), so under backpressure unaligned checkpoints
 * complete at least as many, each no slower than the slowest aligned one;
 * neither expires (the default timeout is 10 min) and the verdict judges
 * EXACTLY_ONCE in both. */
START_TEST (test_compare_checkpoint_rows)
{
  g_autoptr (FsimJob) a = fsim_test_load_job ("examples/checkpointed-backpressure.job");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) b = fsim_test_load_job ("examples/checkpointed-backpressure.job");
  ck_assert (fsim_config_set (fsim_job_get_config (b), "execution.checkpointing.unaligned.enabled",
                              "true", &error));
  g_autofree char *out = fsim_compare_jobs (a, b, "aligned", "unaligned", &error);
  ck_assert_msg (out != NULL, "%s", error ? error->message : "?");
  gint64 ca, cb, ea, eb, la, lb;
  gboolean differ;
  row_values (out, "checkpoints completed", &ca, &cb, &differ);
  ck_assert_int_ge (ca, 1);
  ck_assert_int_gt (cb, ca);
  ck_assert (differ);
  row_values (out, "checkpoints expired", &ea, &eb, &differ);
  ck_assert_int_eq (ea, 0);
  ck_assert_int_eq (eb, 0);
  ck_assert (!differ);
  row_values (out, "longest checkpoint", &la, &lb, &differ);
  ck_assert_int_lt (lb, la);   /* whole seconds, as the log writes them */
  ck_assert_msg (strstr (out, "  guarantee judged          EXACTLY_ONCE | EXACTLY_ONCE\n") != NULL,
                 "%s", out);
}
END_TEST

/* ---- the exercises' queries (issue 15) ---- */

/* checkpoints-expired. The Map takes 10 s a record and runs alone
 * (disableChaining), fed 10 records/s from 0.1 s on, so from then on it is
 * always inside a record with more queued behind it: a barrier waits at
 * least until that record ends, longer than the 1 s timeout, and every
 * checkpoint expires (CheckpointCoordinator's canceller, CHECKPOINT_EXPIRED;
 * 100 tolerable failures keep the job running). The first trigger comes
 * after a random initial delay in [min-pause, interval] = [0.5 s, 2 s]
 * (CheckpointCoordinator.getRandomInitDelay), then one every 2 s (each
 * expired 1 s after its trigger, so min-pause never delays one): triggers
 * d + 2k; those with k <= 9 expire by d + 19 <= 21 s < 21.2 s, the one at
 * k = 10 would expire at d + 21 >= 21.5 s, after the run. So exactly 10,
 * whatever the delay, and none completes. */
START_TEST (test_checkpoints_expired)
{
  Run r;
  run_init_text (&r, "set execution.checkpointing.interval = 2 s\n"
                "set execution.checkpointing.timeout = 1 s\n"
                "set execution.checkpointing.min-pause = 500 ms\n"
                "set execution.checkpointing.tolerable-failed-checkpoints = 100\n"
                "set sim.duration = 21200 ms\n"
                "env.fromSource(\"Events\").rate(10/s)\n"
                "   .map(\"Slow\").cost(10 s).disableChaining().print()\n");
  assert_answer (&r, "checkpoints-expired", "10");
  assert_answer (&r, "checkpoints-completed", "0");
  assert_answer (&r, "final-job-status", "RUNNING");
  run_clear (&r);
}
END_TEST

/* longest-checkpoint. Without checkpointing nothing completes: "none";
 * in test_checkpoints_expired's job every checkpoint expires, so none
 * completes either. A completed checkpoint took at least the trigger RPC
 * to the source task (Execution.triggerCheckpoint) and the acknowledgement
 * RPC back to the JobMaster (acknowledgeCheckpoint), each sim.rpc-latency:
 * with 250 ms, 500 ms at least. */
START_TEST (test_longest_checkpoint)
{
  Run r;
  run_init_text (&r, "set sim.duration = 5 s\n"
                "env.fromSource(\"Events\").rate(10/s).print()\n");
  assert_answer (&r, "longest-checkpoint", "none");
  run_clear (&r);
  run_init_text (&r, "set execution.checkpointing.interval = 2 s\n"
                "set execution.checkpointing.timeout = 1 s\n"
                "set execution.checkpointing.tolerable-failed-checkpoints = 100\n"
                "set sim.duration = 10 s\n"
                "env.fromSource(\"Events\").rate(10/s)\n"
                "   .map(\"Slow\").cost(10 s).disableChaining().print()\n");
  assert_answer (&r, "longest-checkpoint", "none");
  run_clear (&r);
  run_init_text (&r, "set execution.checkpointing.interval = 2 s\n"
                "set sim.rpc-latency = 250 ms\n"
                "set sim.duration = 10 s\n"
                "env.fromSource(\"Events\").rate(10/s).print()\n");
  ck_assert_int_ge (int_of (&r, "checkpoints-completed", NULL), 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *got = answer (&r, "longest-checkpoint", NULL, &error);
  gint64 us = 0;
  ck_assert_msg (got && fsim_duration_parse (got, &us, NULL), "%s", got ? got : error->message);
  ck_assert_int_ge (us, 500000);
  run_clear (&r);
}
END_TEST

/* faults and restarted-subtasks. Source -> Map -> Sink at parallelism 3,
 * forward edges: one chain, one JobVertex of 3 subtasks and no JobEdge, so
 * 3 pipelined regions of one subtask (PipelinedRegionComputeUtil). A
 * failure of Map subtask 1 restarts its region, 1 subtask
 * (RestartPipelinedRegionFailoverStrategy), or all 3 with full failover
 * (RestartAllFailoverStrategy). The fault at 30 s comes after the run's
 * 20 s: one fault came due. */
START_TEST (test_faults_and_restarted_subtasks)
{
  const char *strategies[] = { "region", "full" };
  const char *restarted[] = { "1", "3" };
  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "set parallelism.default = 3\n"
        "set taskmanager.numberOfTaskSlots = 3\n"
        "set restart-strategy.type = fixed-delay\n"
        "set jobmanager.execution.failover-strategy = %s\n"
        "set sim.duration = 20 s\n"
        "env.fromSource(\"Events\").rate(100/s).map(\"Parse\").sinkTo(\"Out\")\n"
        "at 5 s fail \"Map\" subtask 1\n"
        "at 30 s fail \"Map\" subtask 0\n", strategies[i]);
      Run r;
      run_init_text (&r, text);
      assert_answer (&r, "faults", "1");
      assert_answer (&r, "restarts", "1");
      assert_answer (&r, "restarted-subtasks", restarted[i]);
      run_clear (&r);
    }
}
END_TEST

/* windows-fired-total. Tumbling 10 s event-time windows over 10 keys, 100
 * records/s with bounded out-of-orderness 2 s: the watermark is the
 * largest timestamp - 2 s - 1 ms (BoundedOutOfOrdernessWatermarks), so
 * [0, 10 s) fires near 12 s and [10 s, 20 s) near 22 s; [20 s, 30 s) not by
 * 25 s. Some 1000 records a window over 10 keys: every key has a window in
 * each, 2 x 10 = 20 windows (one result each, WindowOperator). With a
 * second source that emits once a minute and has no idleness, the window's
 * watermark is the minimum over its channels (StatusWatermarkValve), the
 * silent one's at most its one record's time - 2 s: no window ends that
 * early, none fires. */
START_TEST (test_windows_fired)
{
  const char *job =
    "set sim.duration = 25 s\n"
    "%s"
    "clicks = env.fromSource(\"Clicks\").rate(100/s)\n"
    "   .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))\n"
    "%s.keyBy(\"user\").keys(10)\n"
    "   .window(TumblingEventTimeWindows.of(10 s)).sum(1).print()\n";
  const char *idle =
    "refunds = env.fromSource(\"Refunds\").rate(1/min)\n"
    "   .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))\n";
  g_autofree char *alone = g_strdup_printf (job, "", "clicks");
  g_autofree char *with_idle = g_strdup_printf (job, idle, "clicks.union(refunds)");
  Run r;
  run_init_text (&r, alone);
  assert_answer (&r, "windows-fired-total", "20");
  run_clear (&r);
  run_init_text (&r, with_idle);
  assert_answer (&r, "windows-fired-total", "0");
  run_clear (&r);
}
END_TEST

/* records-out: the two Maps at selectivity 0.5, unchained. The job
 * finishes, so the counts are the final IOMetrics: the sequence source
 * emits its 1000 numbers, the first Map floor(1000 x 0.5) = 500, the
 * second Map passes its 500 on. */
START_TEST (test_records_out)
{
  Run r;
  run_init_text (&r, "set pipeline.operator-chaining.enabled = false\n"
                "env.fromSequence(1, 1000).map(\"Halve\").selectivity(0.5)"
                ".map(\"Tag\").print()\n");
  assert_answer_of (&r, "records-out", "Source: Sequence Source", "1000");
  assert_answer_of (&r, "records-out", "Halve", "500");
  assert_answer_of (&r, "records-in", "Tag", "500");
  assert_answer_of (&r, "records-out", "Tag", "500");
  run_clear (&r);
}
END_TEST

/* ---- issue 15's queries ---- */

/* Lesson 10's shape: fast sources behind a keyBy, a 2 ms sink, checkpoints
 * every 5 s; the hash and rebalance edges can take unaligned barriers. */
#define BACKPRESSURED_CHECKPOINTS                                              \
  "set parallelism.default = 2\n"                                              \
  "set taskmanager.numberOfTaskSlots = 1\n"                                    \
  "set sim.taskmanagers = 2\n"                                                 \
  "set sim.duration = 12 s\n"                                                  \
  "set sim.seed = 3\n"                                                         \
  "set execution.checkpointing.interval = 5 s\n"
#define BACKPRESSURED_BODY                                                     \
  "orders = env.fromSource(\"Orders\").rate(2000/s)\n"                         \
  "refunds = env.fromSource(\"Refunds\").rate(20/s).setParallelism(1)\n"       \
  "orders.union(refunds).keyBy(\"user\").keys(1000).map(\"Enrich\").cost(50 us)\n" \
  "  .sinkTo(\"Db\").name(\"Slow Sink\").cost(2 ms).setParallelism(1)\n"

/* Aligned (SingleCheckpointBarrierHandler.aligned): each task blocks the
 * channel of every barrier but the last until the last is in; with a
 * completed checkpoint, each Enrich subtask (3 channels: 2 orders, 1
 * refunds) blocked at least 2 and the sink (2 channels) at least 1, 5 in
 * all. Unaligned (alternating, UNALIGNED from the start): the snapshot is
 * taken at the first barrier and no channel is ever blocked. */
START_TEST (test_channels_blocked)
{
  Run r;
  run_init_text (&r, BACKPRESSURED_CHECKPOINTS BACKPRESSURED_BODY);
  ck_assert_int_ge (int_of (&r, "checkpoints-completed", NULL), 1);
  ck_assert_int_ge (int_of (&r, "channels-blocked", NULL), 5);
  run_clear (&r);
  run_init_text (&r, BACKPRESSURED_CHECKPOINTS
                 "set execution.checkpointing.unaligned.enabled = true\n" BACKPRESSURED_BODY);
  ck_assert_int_ge (int_of (&r, "checkpoints-completed", NULL), 1);
  ck_assert_int_eq (int_of (&r, "channels-blocked", NULL), 0);
  run_clear (&r);
}
END_TEST

/* Lesson 11's shape: a keyed count, a transactional sink, checkpoints
 * every 2 s, a failure at 9 s, one restart. */
#define FAILING_COUNT                                                          \
  "set parallelism.default = 2\n"                                              \
  "set taskmanager.numberOfTaskSlots = 1\n"                                    \
  "set sim.taskmanagers = 2\n"                                                 \
  "set sim.duration = 20 s\n"                                                  \
  "set restart-strategy.type = fixed-delay\n"
#define FAILING_BODY                                                           \
  "orders = env.fromSource(\"Orders\").rate(2000/s)\n"                         \
  "refunds = env.fromSource(\"Refunds\").rate(200/s).setParallelism(1)\n"      \
  "orders.union(refunds).keyBy(\"user\").keys(100).map(\"Count\").name(\"Count\")\n" \
  "  .cost(400 us).stateSize(100 b).sinkTo(\"Warehouse\")\n"                  \
  "at 9 s fail \"Count\" subtask 0\n"
#define EVERY_2_S "set execution.checkpointing.interval = 2 s\n"

/* The newest checkpoint-completed before the first fault record: what
 * restoreLatestCheckpointedStateToSubtasks gives the new attempts. */
static gint64
latest_completed_before_fault (Run *r)
{
  FsimTrace *t = fsim_job_run_get_trace (r->run);
  FsimTraceFilter f = FSIM_TRACE_FILTER_INIT;
  f.kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT);
  gint64 fault = fsim_trace_find_next (t, &f, 0);
  ck_assert_int_ge (fault, 0);
  f.kind = FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED);
  gint64 latest = 0;
  for (gint64 i = fsim_trace_find_next (t, &f, 0); i >= 0 && i < fault;
       i = fsim_trace_find_next (t, &f, i + 1))
    latest = MAX (latest, fsim_trace_get (t, i)->checkpoint);
  return latest;
}

/* After the failure every new attempt restores the latest completed
 * checkpoint (0 without one: checkpointing off starts over). The verdict
 * (docs/exactly-once.md) judges the mode's guarantee: EXACTLY_ONCE with
 * aligned barriers counts nothing twice; AT_LEAST_ONCE (and checkpointing
 * off) only promises nothing is lost, so it holds. With at-least-once
 * barriers (CheckpointBarrierTracker) Count takes in the refunds after
 * their barrier while it waits for the orders' one, and the rewind replays
 * them: counted twice. */
START_TEST (test_restore_and_verdict)
{
  Run r;
  run_init_text (&r, FAILING_COUNT EVERY_2_S FAILING_BODY);
  gint64 latest = latest_completed_before_fault (&r);
  ck_assert_int_ge (latest, 1);
  r.ctx.cursor = 0;
  ck_assert_int_eq (int_of (&r, "restored-from", NULL), latest);
  /* at the end of the run no restore is left: the last one's checkpoint,
   * the one the running attempts came from (one failure: the same) */
  r.ctx.cursor = fsim_trace_count (fsim_job_run_get_trace (r.run)) - 1;
  ck_assert_int_eq (int_of (&r, "restored-from", NULL), latest);
  assert_answer (&r, "verdict-guarantee", "EXACTLY_ONCE");
  assert_answer (&r, "verdict-holds", "yes");
  assert_answer (&r, "verdict-duplicated", "0");
  run_clear (&r);

  run_init_text (&r, FAILING_COUNT EVERY_2_S "set execution.checkpointing.mode = AT_LEAST_ONCE\n"
                 FAILING_BODY);
  latest = latest_completed_before_fault (&r);
  r.ctx.cursor = 0;
  ck_assert_int_eq (int_of (&r, "restored-from", NULL), latest);
  assert_answer (&r, "verdict-guarantee", "AT_LEAST_ONCE");
  assert_answer (&r, "verdict-holds", "yes");
  ck_assert_int_gt (int_of (&r, "verdict-duplicated", NULL), 0);
  run_clear (&r);

  run_init_text (&r, FAILING_COUNT FAILING_BODY);
  r.ctx.cursor = 0;
  assert_answer (&r, "restored-from", "0");
  assert_answer (&r, "verdict-guarantee", "AT_LEAST_ONCE");
  assert_answer (&r, "verdict-holds", "yes");
  /* after the last restore: that restore's, from scratch */
  r.ctx.cursor = fsim_trace_count (fsim_job_run_get_trace (r.run)) - 1;
  assert_answer (&r, "restored-from", "0");
  run_clear (&r);

  /* no failure, no restore anywhere: no answer */
  run_init_text (&r, FAILING_COUNT EVERY_2_S
                 "env.fromSource(\"Orders\").rate(2000/s).keyBy(\"user\").keys(100)\n"
                 "  .map(\"Count\").name(\"Count\").sinkTo(\"Warehouse\")\n");
  r.ctx.cursor = fsim_trace_count (fsim_job_run_get_trace (r.run)) - 1;
  assert_no_answer (&r, "restored-from", NULL);
  run_clear (&r);
}
END_TEST

/* Lesson 15's shape: clicks all the time, a refund a minute, unioned into
 * 10 s event-time windows of 10 users. IDLE is the refunds' only way out of
 * the minimum (StatusWatermarkValve). */
#define IDLE_JOB(first, second, strategy)                                      \
  "set parallelism.default = 2\n"                                              \
  "set taskmanager.numberOfTaskSlots = 4\n"                                    \
  "set sim.duration = 30 s\n"                                                  \
  "clicks = env.fromSource(\"Clicks\").rate(200/s)\n"                          \
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))\n" \
  "refunds = env.fromSource(\"Refunds\").setParallelism(1).rate(1/min)\n"      \
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s)" strategy ")\n" \
  first ".union(" second ").keyBy(\"user\").keys(10)\n"                       \
  "  .window(TumblingEventTimeWindows.of(10 s)).sum(1).name(\"W\").print()\n"

#define REFUNDS "Source: Refunds -> Timestamps/Watermarks (1/1)"

/* Without idleness the refunds' channel, silent after its one record,
 * holds the watermark below the first window's maxTimestamp (9999 ms):
 * nothing fires in 30 s. The union's channels are numbered gate by gate
 * (UnionInputGate), so the refunds are channel 2 after the clicks and
 * channel 0 before them: either way the holder is the refunds' subtask.
 * With .withIdleness(5 s) the clicks' watermark (about 28 s at the end)
 * passes the ends of [0, 10 s) and [10 s, 20 s): 10 keys x 2 windows, the
 * 4000 clicks of each window among them. */
START_TEST (test_watermark_holder_and_windows)
{
  Run r;
  run_init_text (&r, IDLE_JOB ("clicks", "refunds", ""));
  r.ctx.cursor = 0;
  assert_answer (&r, "watermark-holder", REFUNDS);
  assert_answer_of (&r, "windows-fired", "W", "0");
  run_clear (&r);
  run_init_text (&r, IDLE_JOB ("refunds", "clicks", ""));
  r.ctx.cursor = 0;
  assert_answer (&r, "watermark-holder", REFUNDS);
  run_clear (&r);
  run_init_text (&r, IDLE_JOB ("clicks", "refunds", ".withIdleness(5 s)"));
  assert_answer_of (&r, "windows-fired", "W", "20");
  ck_assert_int_le (int_of (&r, "window-records", "W"), 2 * 4000);
  ck_assert_int_gt (int_of (&r, "window-records", "W"), 4000);
  run_clear (&r);
}
END_TEST

/* Lesson 16's shape: 2 x 2000 clicks up to 3 s out of order, watermarks
 * 1 s + 1 ms behind the newest; 2 x 400 orders in order. A record is
 * dropped when all its windows are late (WindowOperator.isWindowLate:
 * maxTimestamp + allowedLateness <= watermark): with 2 s of lateness
 * never (3 s < 1 s + 1 ms + 2 s); without, some are, and a side output
 * takes exactly those (same windows, same watermarks). A tumbling window
 * holds each record it does not drop once; a sliding one size / slide = 2
 * times; a session each record once; the end of input fires them all. */
#define LATE_JOB                                                               \
  "set parallelism.default = 2\n"                                              \
  "set taskmanager.numberOfTaskSlots = 4\n"                                    \
  "clicks = env.fromSource(\"Clicks\").rate(100/s).records(2000).outOfOrder(3 s)\n" \
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n" \
  "clicks.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s))\n" \
  "  .sum(1).name(\"Tumbling\").print()\n"                                     \
  "clicks.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s))\n" \
  "  .allowedLateness(2 s).sum(1).name(\"Lateness\").print()\n"               \
  "clicks.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s))\n" \
  "  .sideOutputLateData(\"late\").sum(1).name(\"Side\").print()\n"           \
  "orders = env.fromSource(\"Orders\").rate(20/s).records(400)\n"              \
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n" \
  "orders.keyBy(\"user\").keys(20).window(SlidingEventTimeWindows.of(10 s, 5 s))\n" \
  "  .sum(1).name(\"Sliding\").print()\n"                                      \
  "orders.keyBy(\"user\").keys(20).window(EventTimeSessionWindows.withGap(3 s))\n" \
  "  .sum(1).name(\"Session\").print()\n"

START_TEST (test_late_records)
{
  Run r;
  run_init_text (&r, LATE_JOB);
  assert_answer (&r, "final-job-status", "FINISHED");
  gint64 dropped = int_of (&r, "late-dropped", "Tumbling");
  ck_assert_int_gt (dropped, 0);
  ck_assert_int_eq (int_of (&r, "late-side-output", "Tumbling"), 0);
  ck_assert_int_eq (int_of (&r, "window-records", "Tumbling") + dropped, 4000);
  ck_assert_int_eq (int_of (&r, "late-dropped", "Lateness"), 0);
  ck_assert_int_eq (int_of (&r, "late-dropped", "Side"), 0);
  ck_assert_int_eq (int_of (&r, "late-side-output", "Side"), dropped);
  ck_assert_int_eq (int_of (&r, "window-records", "Side") + dropped, 4000);
  ck_assert_int_eq (int_of (&r, "window-records", "Sliding"), 2 * 800);
  ck_assert_int_eq (int_of (&r, "window-records", "Session"), 800);
  /* at the first record nothing has fired or been dropped yet */
  r.ctx.cursor = 0;
  ck_assert_int_eq (int_of (&r, "windows-fired", "Tumbling"), 0);
  ck_assert_int_eq (int_of (&r, "late-dropped", "Tumbling"), 0);
  run_clear (&r);
}
END_TEST

void
lessons_queries_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Queries");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_queries_on_a_run);
  tcase_add_test (tc, test_query_errors);
  tcase_add_test (tc, test_state_size);
  tcase_add_test (tc, test_answers_match_by_type);
  tcase_add_test (tc, test_compare_same_job);
  tcase_add_test (tc, test_compare_same_named_vertices);
  tcase_add_test (tc, test_compare_checkpoint_rows);
  tcase_add_test (tc, test_busiest_takes_the_whole_second);
  tcase_add_test (tc, test_checkpoints_expired);
  tcase_add_test (tc, test_faults_and_restarted_subtasks);
  tcase_add_test (tc, test_windows_fired);
  tcase_add_test (tc, test_records_out);
  tcase_add_test (tc, test_channels_blocked);
  tcase_add_test (tc, test_restore_and_verdict);
  tcase_add_test (tc, test_watermark_holder_and_windows);
  tcase_add_test (tc, test_late_records);
  tcase_add_test (tc, test_longest_checkpoint);
  suite_add_tcase (suite, tc);
}
