/* scheduler-sorted-input.c - a keyed operator's input sorted in BATCH
 * (SortingDataInput), in check_scheduler.
 *
 * The sorter replays Flink's SortingDataInputTest (records out by key, then
 * timestamp; the largest watermark after them). The runs check what
 * follows from the sorted input's rules by arithmetic: the keyed task
 * emits nothing before its input ended (every EndOfPartitionEvent in),
 * every record it took in is sorted and processed (conservation), and its
 * time after the end of input is the sort's, n * ceil(log2 n) comparisons
 * at sim.sort-comparison-cost, plus the records' costs. White box: the
 * sorter itself comes from scheduler-private.h. */
#include "config.h"

#include "scheduler/scheduler-private.h"
#include "tests/scheduler-tests.h"

/* SortingDataInputTest.simpleFixedLengthKeySorting and
 * watermarkPropagation: records (key, timestamp) (1,3) (1,1) (2,1) (2,3)
 * (1,2) (2,2) with watermarks 1..6 between them come out as (1,1) (1,2)
 * (1,3) (2,1) (2,2) (2,3), then watermark 6; nothing before END_OF_DATA. */
START_TEST (test_sorting_data_input_order)
{
  static const gint32 keys[] = { 1, 1, 2, 2, 1, 2 };
  static const gint64 times[] = { 3, 1, 1, 3, 2, 2 };
  SortingInput *s = fsim_sched_sorting_input_new ();
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      RecordFact r = { .kind = ELEMENT_RECORD, .key = keys[i], .timestamp_us = times[i],
                       .offset = i };
      fsim_sched_sorting_input_take (s, 0, &r);
      fsim_sched_sorting_input_watermark (s, 0, (gint64) i + 1);
    }
  RecordFact out;
  ck_assert (fsim_sched_sorting_input_reading (s));
  ck_assert (!fsim_sched_sorting_input_next (s, &out, NULL));
  SortingInputStats st;
  fsim_sched_sorting_input_end_of_data (s, 1, &st);
  ck_assert_int_eq (st.records, 6);
  ck_assert_int_eq (st.keys, 2);
  static const gint32 want_keys[] = { 1, 1, 1, 2, 2, 2 };
  static const gint64 want_times[] = { 1, 2, 3, 1, 2, 3 };
  for (guint i = 0; i < G_N_ELEMENTS (want_keys); i++)
    {
      ck_assert (fsim_sched_sorting_input_next (s, &out, NULL));
      ck_assert_int_eq (out.key, want_keys[i]);
      ck_assert_int_eq (out.timestamp_us, want_times[i]);
    }
  ck_assert (!fsim_sched_sorting_input_next (s, &out, NULL));
  ck_assert_int_eq (fsim_sched_sorting_input_watermark_seen (s, 0), 6);
  fsim_sched_sorting_input_free (s);
}
END_TEST

/* The charge: n * ceil(log2 n) comparisons (none for 0 or 1 record), at
 * cost ns each, in whole microseconds rounded up. 933 records: 2^9 < 933
 * <= 2^10, 9330 comparisons, at 100 ns 933 us; 1025 records need 11
 * levels; 3 records at 1 ns: 6 ns, one microsecond. */
START_TEST (test_sort_charge)
{
  ck_assert_int_eq (fsim_sched_sort_comparisons (0), 0);
  ck_assert_int_eq (fsim_sched_sort_comparisons (1), 0);
  ck_assert_int_eq (fsim_sched_sort_comparisons (2), 2);
  ck_assert_int_eq (fsim_sched_sort_comparisons (933), 9330);
  ck_assert_int_eq (fsim_sched_sort_comparisons (1024), 10240);
  ck_assert_int_eq (fsim_sched_sort_comparisons (1025), 11275);
  ck_assert_int_eq (fsim_sched_sort_time_us (9330, 100), 933);
  ck_assert_int_eq (fsim_sched_sort_time_us (fsim_sched_sort_comparisons (3), 1), 1);
  ck_assert_int_eq (fsim_sched_sort_time_us (fsim_sched_sort_comparisons (1), 100), 0);
}
END_TEST

/* ceil(log2 n) the long way, for the expected values below. */
static gint64
levels (gint64 n)
{
  gint64 l = 0, span = 1;
  while (span < n)
    span *= 2, l++;
  return l;
}

static FsimJob *
parse_job (const char *text)
{
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_parse (text, "sorted.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  return job;
}

/* A run of job to its end (the run reads job: free it after the run). */
static FsimJobRun *
run_job (const FsimJob *job, gboolean buffers)
{
  g_autoptr (GError) error = NULL;
  FsimJobRun *run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  if (buffers)
    fsim_job_run_trace_buffers (run);
  fsim_job_run_run (run, -1);
  return run;
}

/* Batch WordCount (examples/batch-wordcount.job) with costs: the tokenizer
 * stage runs to its end (BLOCKING), then each aggregation subtask takes its
 * whole input, sorts it (a sorted-input record at its last
 * EndOfPartitionEvent) and runs the records through Keyed Aggregation
 * (3 us), which hands the chained print sink (1 us,
 * sim.default-record-cost) one record per key: it finishes exactly
 * sort_us + n * 3 + keys us later. Every record the tokenizer
 * made is sorted once (2000), and every one of the 50 keys (2000 draws
 * from 50: all appear, save for a chance of 50 * (49/50)^2000, 1e-16) is in
 * exactly one subtask (a key's group decides its subtask). */
static const char batch_wordcount[] =
  "job \"Sorted WordCount\"\n"
  "set execution.runtime-mode = BATCH\n"
  "set parallelism.default = 2\n"
  "set taskmanager.numberOfTaskSlots = 2\n"
  "env.fromSequence(1, 2000).flatMap(\"Tokenizer\")\n"
  "  .keyBy(\"word\").keys(50).sum(1).cost(3 us).print()\n";

START_TEST (test_batch_keyed_stage_sorts)
{
  g_autoptr (FsimJob) job = parse_job (batch_wordcount);
  g_autoptr (FsimJobRun) run = run_job (job, FALSE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 cost_ns = fsim_job_run_get_settings (run)->sort_comparison_cost_ns;
  ck_assert_int_eq (cost_ns, 100);                /* the documented default */
  g_autoptr (GPtrArray) sorted = test_records (trace, FSIM_SCHED_KIND_SORTED_INPUT);
  ck_assert_uint_eq (sorted->len, 2);
  gint64 records = 0, keys = 0;
  for (guint i = 0; i < sorted->len; i++)
    {
      const FsimTraceRecord *r = sorted->pdata[i];
      ck_assert_int_eq (r->vertex, 1);
      gint64 n = r->values[0];
      records += n;
      keys += r->values[1];
      ck_assert_int_eq (r->values[2], n * levels (n));
      gint64 sort_us = (n * levels (n) * cost_ns + 999) / 1000;
      ck_assert_int_eq (r->values[3], sort_us);
      /* at the last EndOfPartitionEvent of its subtask */
      const FsimTraceRecord *eop = test_last (trace, FSIM_SCHED_KIND_END_OF_PARTITION, 1,
                                              r->subtask);
      ck_assert_ptr_nonnull (eop);
      ck_assert_int_eq (eop->time_us, r->time_us);
      ck_assert_int_lt (eop->seq, r->seq);
      /* then the sort, then 3 us a record in the aggregation, and 1 us a
       * key in the sink: BatchGroupedReduceOperator emits one result per
       * key */
      const FsimTraceRecord *fin = test_entered (trace, FSIM_SCHED_KIND_TASK_STATE, 1,
                                                 r->subtask, "FINISHED");
      ck_assert_ptr_nonnull (fin);
      ck_assert_int_eq (fin->time_us - r->time_us, sort_us + n * 3 + r->values[1]);
    }
  ck_assert_int_eq (records, 2000);
  ck_assert_int_eq (keys, 50);
}
END_TEST

/* With ALL_EXCHANGES_PIPELINED both stages run at once, so the tokenizer's
 * records reach the aggregation while it reads: the aggregation (here
 * feeding a sink of its own, parallelism 1, over the network) sends no
 * buffer before its sorted-input record and the sort's time after it,
 * while the tokenizer sent its buffers before. */
START_TEST (test_batch_keyed_stage_emits_after_input)
{
  g_autoptr (FsimJob) job = parse_job (
    "job \"Sorted, pipelined\"\n"
    "set execution.runtime-mode = BATCH\n"
    "set execution.batch-shuffle-mode = ALL_EXCHANGES_PIPELINED\n"
    "set parallelism.default = 2\n"
    "set taskmanager.numberOfTaskSlots = 2\n"
    "env.fromSequence(1, 2000).rate(1000/s).flatMap(\"Tokenizer\")\n"
    "  .keyBy(\"word\").keys(50).sum(1)\n"
    "  .print().setParallelism(1)\n");
  g_autoptr (FsimJobRun) run = run_job (job, TRUE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (GPtrArray) sorted = test_records (trace, FSIM_SCHED_KIND_SORTED_INPUT);
  ck_assert_uint_eq (sorted->len, 2);
  g_autoptr (GPtrArray) sent = test_records (trace, FSIM_SCHED_KIND_BUFFER_SENT);
  for (guint i = 0; i < sorted->len; i++)
    {
      const FsimTraceRecord *r = sorted->pdata[i];
      gint64 first_out = -1, upstream_sent = 0;
      for (guint k = 0; k < sent->len; k++)
        {
          const FsimTraceRecord *b = sent->pdata[k];
          if (b->vertex == 1 && b->subtask == r->subtask && first_out < 0)
            first_out = b->time_us;
          if (b->vertex == 0 && b->time_us < r->time_us)
            upstream_sent++;
        }
      ck_assert_int_gt (upstream_sent, 0);     /* the stages overlapped */
      ck_assert_int_ge (first_out, r->time_us + r->values[3]);
    }
  ck_assert_int_eq (((const FsimTraceRecord *) sorted->pdata[0])->values[0]
                    + ((const FsimTraceRecord *) sorted->pdata[1])->values[0], 2000);
}
END_TEST

/* STREAMING keeps the input as it comes: no sorted-input record. */
START_TEST (test_streaming_does_not_sort)
{
  g_autoptr (FsimJob) job = parse_job (
    "job \"Streamed WordCount\"\n"
    "set parallelism.default = 2\n"
    "env.fromSequence(1, 2000).flatMap(\"Tokenizer\")\n"
    "  .keyBy(\"word\").keys(50).sum(1).print()\n");
  g_autoptr (FsimJobRun) run = run_job (job, FALSE);
  g_autoptr (GPtrArray) sorted = test_records (fsim_job_run_get_trace (run),
                                               FSIM_SCHED_KIND_SORTED_INPUT);
  ck_assert_uint_eq (sorted->len, 0);
}
END_TEST

/* MultiInputSortingDataInputsTest.simpleFixedLengthKeySorting: the same
 * six records on both inputs come out by key, then timestamp, the two
 * inputs' equal records together (input 1 first here; Flink's
 * PriorityQueue leaves them in no defined order), each input's
 * MAX_WATERMARK kept for after its records. The charge: each input's sort
 * (6 * 3 comparisons) and one comparison a record for the queue of two
 * heads. */
START_TEST (test_multi_input_sorting_order)
{
  static const gint32 keys[] = { 1, 1, 2, 2, 1, 2 };
  static const gint64 times[] = { 3, 1, 1, 3, 2, 2 };
  SortingInput *s = fsim_sched_sorting_input_new ();
  for (int in = 0; in < 2; in++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          RecordFact r = { .kind = ELEMENT_RECORD, .key = keys[i], .timestamp_us = times[i],
                           .origin = (guint32) in, .offset = i };
          fsim_sched_sorting_input_take (s, in, &r);
        }
      fsim_sched_sorting_input_watermark (s, in, G_MAXINT64);
    }
  SortingInputStats st;
  fsim_sched_sorting_input_end_of_data (s, 2, &st);
  ck_assert_int_eq (st.records, 12);
  ck_assert_int_eq (st.keys, 2);
  ck_assert_int_eq (st.comparisons, 2 * 6 * 3 + 12);
  static const gint32 want_keys[] = { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 };
  static const gint64 want_times[] = { 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3 };
  for (guint i = 0; i < G_N_ELEMENTS (want_keys); i++)
    {
      RecordFact out;
      int in = -1;
      ck_assert (fsim_sched_sorting_input_next (s, &out, &in));
      ck_assert_int_eq (out.key, want_keys[i]);
      ck_assert_int_eq (out.timestamp_us, want_times[i]);
      ck_assert_int_eq (in, (int) (i % 2));
    }
  ck_assert (!fsim_sched_sorting_input_has_next (s));
  ck_assert_int_eq (fsim_sched_sorting_input_watermark_seen (s, 0), G_MAXINT64);
  ck_assert_int_eq (fsim_sched_sorting_input_watermark_seen (s, 1), G_MAXINT64);
  fsim_sched_sorting_input_free (s);
}
END_TEST

/* MultiInputSortingDataInputsTest.watermarkPropagation: input 1 (2,3)
 * W3 (3,3) W7, input 2 (0,3) W1 (1,3) W3 come out (0,3) (1,3) (2,3) (3,3);
 * input 1 holds 7, input 2 holds 3 (Flink's test sees W3 after input 2's
 * last record and W7 after input 1's; the operator's combined watermark,
 * the minimum over both inputs, is 3 after both). */
START_TEST (test_multi_input_sorting_watermarks)
{
  SortingInput *s = fsim_sched_sorting_input_new ();
  RecordFact r = { .kind = ELEMENT_RECORD, .timestamp_us = 3 };
  r.key = 2, r.offset = 0;
  fsim_sched_sorting_input_take (s, 0, &r);
  fsim_sched_sorting_input_watermark (s, 0, 3);
  r.key = 3, r.offset = 1;
  fsim_sched_sorting_input_take (s, 0, &r);
  fsim_sched_sorting_input_watermark (s, 0, 7);
  r.key = 0, r.offset = 2;
  fsim_sched_sorting_input_take (s, 1, &r);
  fsim_sched_sorting_input_watermark (s, 1, 1);
  r.key = 1, r.offset = 3;
  fsim_sched_sorting_input_take (s, 1, &r);
  fsim_sched_sorting_input_watermark (s, 1, 3);
  SortingInputStats st;
  fsim_sched_sorting_input_end_of_data (s, 2, &st);
  static const int want_inputs[] = { 1, 1, 0, 0 };
  for (int k = 0; k < 4; k++)
    {
      RecordFact out;
      int in;
      ck_assert (fsim_sched_sorting_input_next (s, &out, &in));
      ck_assert_int_eq (out.key, k);
      ck_assert_int_eq (in, want_inputs[k]);
    }
  ck_assert_int_eq (fsim_sched_sorting_input_watermark_seen (s, 0), 7);
  ck_assert_int_eq (fsim_sched_sorting_input_watermark_seen (s, 1), 3);
  fsim_sched_sorting_input_free (s);
}
END_TEST

static StreamTaskStats
task_stats (FsimJobRun *run, int vertex, int subtask)
{
  FsimCluster *c = fsim_job_run_get_cluster (run);
  StreamTaskStats st;
  fsim_sched_stream_task_get_stats (
    c, fsim_sched_job_master_vertex (c->job, vertex, subtask)->current, &st);
  return st;
}

/* fromSequence(1, 2000) at parallelism 2: each subtask reads 1000 records,
 * record k with key k, so the keys are 0..999, each twice. */
#define REDUCE_JOB(mode, extra)                                          \
  "job \"Reduce\"\n"                                                     \
  "set execution.runtime-mode = " mode "\n"                              \
  extra                                                                  \
  "set parallelism.default = 2\n"                                        \
  "set taskmanager.numberOfTaskSlots = 2\n"                              \
  "env.fromSequence(1, 2000).keyBy(\"f0\").sum(1).cost(1 ms)\n"          \
  "  .print().setParallelism(1)\n"

/* The keys of 0..999 that KeyGroupRangeAssignment gives subtask s of 2. */
static gint64
keys_of_subtask (int s)
{
  gint64 n = 0;
  for (gint32 k = 0; k < 1000; k++)
    n += fsim_key_group_assign_to_subtask (k, 128, 2) == s;
  return n;
}

/* The first buffer the reduce's subtask sent, and when its MAX watermark
 * step began: its sorted-input record's time, the sort, 1 ms a record. */
static void
reduce_times (FsimTrace *trace, int subtask, gint64 *first_sent, gint64 *records_done)
{
  g_autoptr (GPtrArray) sorted = test_records (trace, FSIM_SCHED_KIND_SORTED_INPUT);
  g_autoptr (GPtrArray) sent = test_records (trace, FSIM_SCHED_KIND_BUFFER_SENT);
  *first_sent = -1;
  for (guint k = 0; k < sent->len && *first_sent < 0; k++)
    {
      const FsimTraceRecord *b = sent->pdata[k];
      if (b->vertex == 1 && b->subtask == subtask)
        *first_sent = b->time_us;
    }
  *records_done = -1;
  for (guint k = 0; k < sorted->len; k++)
    {
      const FsimTraceRecord *r = sorted->pdata[k];
      if (r->subtask == subtask)
        *records_done = r->time_us + r->values[3] + r->values[0] * 1000;
    }
}

/* BATCH: ReduceTransformationTranslator makes sum a
 * BatchGroupedReduceOperator, one result per key: the sink gets 1000
 * records, each reduce subtask sends as many as it holds keys; with the
 * BATCH state backend a key's result leaves when the next key begins
 * (BatchExecutionInternalTimeService.setCurrentKey), so its first buffer
 * (full at 32 KiB / 113 bytes = 289 records) goes before its last record is
 * done. STREAMING: StreamGroupedReduceOperator emits per record, 2000. */
START_TEST (test_batch_reduce_one_result_per_key)
{
  for (int batch = 0; batch < 2; batch++)
    {
      g_autoptr (FsimJob) job = parse_job (batch ? REDUCE_JOB ("BATCH", "")
                                                 : REDUCE_JOB ("STREAMING", ""));
      g_autoptr (FsimJobRun) run = run_job (job, TRUE);
      ck_assert_int_eq (task_stats (run, 2, 0).records_in, batch ? 1000 : 2000);
      for (int s = 0; s < 2; s++)
        {
          StreamTaskStats st = task_stats (run, 1, s);
          ck_assert_int_eq (st.records_out, batch ? keys_of_subtask (s) : st.records_in);
          if (!batch)
            continue;
          gint64 first_sent, records_done;
          reduce_times (fsim_job_run_get_trace (run), s, &first_sent, &records_done);
          ck_assert_int_ge (first_sent, 0);
          ck_assert_int_lt (first_sent, records_done);
        }
    }
}
END_TEST

/* execution.batch-state-backend.enabled = false: the reduce's timers are
 * the heap timer service's, and all fire when Watermark.MAX_WATERMARK
 * arrives, so nothing leaves before the records are done; still one
 * result per key. With the sort off as well, no sorted-input record. */
START_TEST (test_batch_reduce_heap_timers)
{
  g_autoptr (FsimJob) job = parse_job (REDUCE_JOB (
    "BATCH", "set execution.batch-state-backend.enabled = false\n"));
  g_autoptr (FsimJobRun) run = run_job (job, TRUE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  ck_assert_int_eq (task_stats (run, 2, 0).records_in, 1000);
  for (int s = 0; s < 2; s++)
    {
      gint64 first_sent, records_done;
      reduce_times (trace, s, &first_sent, &records_done);
      ck_assert_int_ge (first_sent, records_done);
      ck_assert_int_eq (task_stats (run, 1, s).records_out, keys_of_subtask (s));
    }
  g_autoptr (FsimJob) unsorted = parse_job (REDUCE_JOB (
    "BATCH", "set execution.batch-state-backend.enabled = false\n"
             "set execution.sorted-inputs.enabled = false\n"));
  g_autoptr (FsimJobRun) run2 = run_job (unsorted, FALSE);
  g_autoptr (GPtrArray) sorted = test_records (fsim_job_run_get_trace (run2),
                                               FSIM_SCHED_KIND_SORTED_INPUT);
  ck_assert_uint_eq (sorted->len, 0);
  ck_assert_int_eq (task_stats (run2, 2, 0).records_in, 1000);
}
END_TEST

/* A keyed two-input operator in BATCH (TwoInputTransformationTranslator:
 * SORTED, SORTED): both inputs are taken in whole and sorted, 300 and 200
 * records with keys 0..299 and 0..199 (300 distinct), 300 * 9 + 200 * 8
 * comparisons for the two sorts and 500 for the queue of heads, 480 us at
 * 100 ns; then 2 us a record in the process function and 1 us in the
 * chained sink. A keyed first input with an unkeyed second (SORTED,
 * PASS_THROUGH) sorts only the first. */
START_TEST (test_batch_two_input_sorts)
{
  g_autoptr (FsimJob) job = parse_job (
    "job \"Sorted connect\"\n"
    "set execution.runtime-mode = BATCH\n"
    "a = env.fromSequence(1, 300).keyBy(\"k\")\n"
    "b = env.fromSequence(1, 200).keyBy(\"k\")\n"
    "a.connect(b).process(\"Join\").cost(2 us).print()\n");
  g_autoptr (FsimJobRun) run = run_job (job, FALSE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (GPtrArray) sorted = test_records (trace, FSIM_SCHED_KIND_SORTED_INPUT);
  ck_assert_uint_eq (sorted->len, 1);
  const FsimTraceRecord *r = sorted->pdata[0];
  ck_assert_int_eq (r->values[0], 500);
  ck_assert_int_eq (r->values[1], 300);
  ck_assert_int_eq (r->values[2], 300 * 9 + 200 * 8 + 500);
  ck_assert_int_eq (r->values[3], 480);
  const FsimTraceRecord *fin = test_entered (trace, FSIM_SCHED_KIND_TASK_STATE, r->vertex, 0,
                                             "FINISHED");
  ck_assert_ptr_nonnull (fin);
  ck_assert_int_eq (fin->time_us - r->time_us, 480 + 500 * 3);

  g_autoptr (FsimJob) half = parse_job (
    "job \"Half sorted connect\"\n"
    "set execution.runtime-mode = BATCH\n"
    "a = env.fromSequence(1, 300).keyBy(\"k\")\n"
    "b = env.fromSequence(1, 200)\n"
    "a.connect(b).process(\"Enrich\").print()\n");
  g_autoptr (FsimJobRun) run2 = run_job (half, FALSE);
  g_autoptr (GPtrArray) sorted2 = test_records (fsim_job_run_get_trace (run2),
                                                FSIM_SCHED_KIND_SORTED_INPUT);
  ck_assert_uint_eq (sorted2->len, 1);
  r = sorted2->pdata[0];
  ck_assert_int_eq (r->values[0], 300);
  ck_assert_int_eq (r->values[2], 300 * 9);
}
END_TEST

/* A windowed BATCH job: 2 x 600 clicks 10 ms apart (6 s of timestamps),
 * keys drawn from 20, into tumbling 1 s event-time windows (1 ms a
 * record) at parallelism 2. */
#define WINDOW_JOB(extra)                                                       \
  "job \"Batch Windows\"\n"                                                     \
  "set execution.runtime-mode = BATCH\n"                                        \
  extra                                                                         \
  "set parallelism.default = 2\n"                                               \
  "set taskmanager.numberOfTaskSlots = 2\n"                                     \
  "env.fromSource(\"Clicks\").rate(100/s).records(600)\n"                       \
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n" \
  "  .keyBy(\"user\").keys(20).window(TumblingEventTimeWindows.of(1 s))\n"      \
  "  .sum(1).cost(1 ms).print().setParallelism(1)\n"

typedef struct {
  gint64 records, keys, sorted_us;              /* the sorted-input record */
  gint64 firings, windows, fired_records;       /* window-fired records */
  gint64 first_us, last_us;                     /* of them */
  gboolean all_at_max, all_batch_why;
} WindowSubtask;

static WindowSubtask
window_subtask (FsimTrace *trace, int subtask)
{
  WindowSubtask w = { .first_us = -1, .all_at_max = TRUE, .all_batch_why = TRUE };
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->vertex != 1 || r->subtask != subtask)
        continue;
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SORTED_INPUT))
        {
          w.records = r->values[0];
          w.keys = r->values[1];
          w.sorted_us = r->time_us + r->values[3];
        }
      if (r->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        continue;
      w.firings++;
      w.windows += r->values[0];
      w.fired_records += r->values[1];
      w.first_us = w.first_us < 0 ? r->time_us : w.first_us;
      w.last_us = r->time_us;
      w.all_at_max &= r->values[2] == G_MAXINT64;
      w.all_batch_why &= strstr (r->why, "BatchExecutionInternalTimeService") != NULL;
    }
  return w;
}

/* BATCH windows as Flink fires them. With the BATCH state backend
 * (BatchExecutionInternalTimeService) the window subtask sees one key
 * after another (SortingDataInput) and each key's windows fire, as at
 * watermark Long.MAX_VALUE, when the next key begins, the last key's at
 * the end of input: one window-fired record per key, the first after the
 * sort and before the records are done, the last once they are done (a
 * step's records are traced at its start: the sort ends at the
 * sorted-input record's time plus sort_us, then 1 ms a record). Each record is
 * in exactly one tumbling window, so the windows hold every record.
 * Without the BATCH state backend (the heap timer service) the same
 * windows fire all together when Watermark.MAX_WATERMARK arrives after
 * the last record is done; and with the sort off too, still only then: in BATCH
 * the watermark strategy emits no progressive watermarks
 * (TimestampsAndWatermarksTransformationTranslator.translateForBatchInternal:
 * emitProgressiveWatermarks = false), so none of the windows, which all
 * end by 6 s, fires earlier. */
START_TEST (test_batch_windows_fire_per_key)
{
  g_autoptr (FsimJob) job = parse_job (WINDOW_JOB (""));
  g_autoptr (FsimJobRun) run = run_job (job, FALSE);
  g_autoptr (FsimJob) heap_job = parse_job (WINDOW_JOB (
    "set execution.batch-state-backend.enabled = false\n"));
  g_autoptr (FsimJobRun) heap = run_job (heap_job, FALSE);
  g_autoptr (FsimJob) unsorted_job = parse_job (WINDOW_JOB (
    "set execution.batch-state-backend.enabled = false\n"
    "set execution.sorted-inputs.enabled = false\n"));
  g_autoptr (FsimJobRun) unsorted = run_job (unsorted_job, FALSE);
  gint64 total = 0;
  for (int s = 0; s < 2; s++)
    {
      WindowSubtask w = window_subtask (fsim_job_run_get_trace (run), s);
      ck_assert_int_gt (w.keys, 1);
      ck_assert_int_eq (w.firings, w.keys);
      ck_assert (w.all_at_max && w.all_batch_why);
      ck_assert_int_eq (w.fired_records, w.records);
      ck_assert_int_ge (w.windows, w.keys);
      ck_assert_int_ge (w.first_us, w.sorted_us);
      ck_assert_int_lt (w.first_us, w.sorted_us + w.records * 1000);
      ck_assert_int_eq (w.last_us, w.sorted_us + w.records * 1000);
      total += w.records;
      WindowSubtask h = window_subtask (fsim_job_run_get_trace (heap), s);
      ck_assert_int_eq (h.records, w.records);
      ck_assert_int_eq (h.firings, 1);
      ck_assert (h.all_at_max && !h.all_batch_why);
      ck_assert_int_eq (h.windows, w.windows);
      ck_assert_int_eq (h.fired_records, w.records);
      ck_assert_int_eq (h.first_us, h.sorted_us + h.records * 1000);
      WindowSubtask u = window_subtask (fsim_job_run_get_trace (unsorted), s);
      ck_assert_int_eq (u.firings, 1);
      ck_assert (u.all_at_max);
      ck_assert_int_eq (u.windows, w.windows);
      ck_assert_int_eq (u.fired_records, w.records);
    }
  ck_assert_int_eq (total, 1200);
}
END_TEST

void
scheduler_sorted_input_tcases (Suite *s)
{
  TCase *tc = tcase_create ("SortedInput");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_sorting_data_input_order);
  tcase_add_test (tc, test_sort_charge);
  tcase_add_test (tc, test_batch_keyed_stage_sorts);
  tcase_add_test (tc, test_batch_keyed_stage_emits_after_input);
  tcase_add_test (tc, test_streaming_does_not_sort);
  tcase_add_test (tc, test_multi_input_sorting_order);
  tcase_add_test (tc, test_multi_input_sorting_watermarks);
  tcase_add_test (tc, test_batch_reduce_one_result_per_key);
  tcase_add_test (tc, test_batch_reduce_heap_timers);
  tcase_add_test (tc, test_batch_two_input_sorts);
  tcase_add_test (tc, test_batch_windows_fire_per_key);
  suite_add_tcase (s, tc);
}
