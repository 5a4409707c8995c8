/* scheduler-network.c - records, buffers, credits and backpressure.
 *
 * The pool rules replay Flink's LocalBufferPoolTest; the runs check what
 * follows from the network stack's rules by arithmetic: every record
 * arrives (conservation), a bottleneck's rate is its parallelism over its
 * cost, backpressure shows exactly upstream of it, hash routing follows
 * KeyGroupRangeAssignment, and the buffer timeout decides buffer sizes.
 * White box: the task statistics come from scheduler-private.h (the
 * metric samples that show them to users are another test). */
#include "config.h"

#include "scheduler/scheduler-private.h"
#include "tests/scheduler-tests.h"
#include "tests/testlib-graphs.h"

/* Record framing (StreamElementSerializer: length 4, tag 1, timestamp 8)
 * plus the value bytes of sim.record-size. */
#define WIRE(s) (13 + (s)->record_size)

/* --- LocalBufferPool -------------------------------------------------- */

static void
pool_new (OutputPool *pool, int size, int subpartitions, int max_per_channel, int overdraft)
{
  FsimClusterSettings s;
  fsim_cluster_settings_init (&s);
  s.buffers_per_channel = 0;
  s.floating_buffers_per_gate = size;
  s.max_buffers_per_channel = max_per_channel;
  s.max_overdraft_buffers = overdraft;
  fsim_sched_output_pool_init (pool, &s, subpartitions);
  ck_assert_int_eq (pool->size, size);
}

/* LocalBufferPoolTest.testMaxBuffersPerChannelAndAvailability: 10
 * buffers, 3 subpartitions, at most 2 per subpartition. */
START_TEST (test_pool_max_buffers_per_channel)
{
  OutputPool p;
  pool_new (&p, 10, 3, 2, 0);
  ck_assert (fsim_sched_output_pool_available (&p));
  ck_assert (fsim_sched_output_pool_request (&p, 0));
  ck_assert (fsim_sched_output_pool_request (&p, 1));
  ck_assert (fsim_sched_output_pool_available (&p));
  ck_assert (fsim_sched_output_pool_request (&p, 0));
  ck_assert (!fsim_sched_output_pool_available (&p));
  /* the cap makes the pool unavailable, but a request still gets a
   * segment while one is left (FLINK-27522) */
  ck_assert (fsim_sched_output_pool_request (&p, 0));
  ck_assert (fsim_sched_output_pool_request (&p, 2));
  ck_assert (fsim_sched_output_pool_request (&p, 2));
  ck_assert (!fsim_sched_output_pool_available (&p));
  fsim_sched_output_pool_recycle (&p, 1);
  ck_assert (!fsim_sched_output_pool_available (&p));
  fsim_sched_output_pool_recycle (&p, 2);
  ck_assert (!fsim_sched_output_pool_available (&p));
  fsim_sched_output_pool_recycle (&p, 0);
  ck_assert (!fsim_sched_output_pool_available (&p));
  fsim_sched_output_pool_recycle (&p, 0);
  ck_assert (fsim_sched_output_pool_available (&p));
  fsim_sched_output_pool_recycle (&p, 0);
  ck_assert (fsim_sched_output_pool_available (&p));
  fsim_sched_output_pool_recycle (&p, 2);
  ck_assert (fsim_sched_output_pool_available (&p));
  ck_assert_int_eq (p.requested, 0);
  fsim_sched_output_pool_clear (&p);
}
END_TEST

/* LocalBufferPoolTest.useAllOverdraftBuffersAndCheckIsLegal. */
static void
use_all_overdraft (int size, int max_per_channel, int overdraft, int channels, int used)
{
  OutputPool p;
  pool_new (&p, size, channels, max_per_channel, overdraft);
  for (int i = 0; i < size; i++)
    {
      ck_assert (fsim_sched_output_pool_request (&p, i % used));
      gboolean available = i + 1 < size && i < used * (max_per_channel - 1);
      ck_assert_int_eq (fsim_sched_output_pool_available (&p), available);
    }
  for (int i = 0; i < overdraft; i++)
    {
      ck_assert (fsim_sched_output_pool_request (&p, i % used));
      ck_assert_int_eq (p.requested, size + i + 1);
      ck_assert (!fsim_sched_output_pool_available (&p));
    }
  for (int i = 0; i < channels; i++)
    ck_assert (!fsim_sched_output_pool_request (&p, i));
  for (int i = 0; i < overdraft; i++)
    fsim_sched_output_pool_recycle (&p, i % used);
  ck_assert_int_eq (p.requested, size);
  ck_assert (!fsim_sched_output_pool_available (&p));
  for (int c = 0; c < used; c++)
    {
      while (fsim_sched_output_pool_count (&p, c) > 0)
        fsim_sched_output_pool_recycle (&p, c);
      ck_assert (fsim_sched_output_pool_available (&p));
    }
  fsim_sched_output_pool_clear (&p);
}

/* LocalBufferPoolTest.testOverdraftBufferAndAvailability's parameters. */
START_TEST (test_pool_overdraft)
{
  for (int overdraft = 0; overdraft < 3; overdraft++)
    {
      use_all_overdraft (4, 3, overdraft, 2, 1);
      use_all_overdraft (4, 3, overdraft, 2, 2);
      use_all_overdraft (4, 3, overdraft, 3, 2);
      use_all_overdraft (8, 5, overdraft, 2, 1);
      use_all_overdraft (8, 5, overdraft, 2, 2);
      use_all_overdraft (8, 5, overdraft, 3, 2);
      use_all_overdraft (12, 10, overdraft, 2, 1);
      use_all_overdraft (12, 10, overdraft, 2, 2);
      use_all_overdraft (12, 10, overdraft, 3, 2);
    }
}
END_TEST

/* --- runs -------------------------------------------------------------- */

static Execution *
attempt (TestJob *j, int vertex, int subtask)
{
  JobMaster *jm = j->cluster->job;
  return fsim_sched_job_master_vertex (jm, vertex, subtask)->current;
}

static StreamTaskStats
stats (TestJob *j, int vertex, int subtask)
{
  StreamTaskStats s;
  fsim_sched_stream_task_get_stats (j->cluster, attempt (j, vertex, subtask), &s);
  return s;
}

static FsimStreamNode *
source (TestJob *j, int parallelism, double rate, gint64 records)
{
  FsimStreamNode *s = test_source (j, "Numbers", parallelism);
  s->knobs.rate_per_s = rate;
  s->knobs.records = records;
  s->bounded = records > 0;
  s->buffer_timeout_ms = 100;   /* execution.buffer-timeout.interval */
  return s;
}

static FsimStreamNode *
op (TestJob *j, const char *name, int parallelism, gint64 cost_us)
{
  FsimStreamNode *n = test_op (j, name, parallelism);
  n->knobs.cost_us = cost_us;
  n->buffer_timeout_ms = 100;
  return n;
}

static FsimStreamNode *
sink (TestJob *j, int parallelism, gint64 cost_us)
{
  FsimStreamNode *n = test_sink (j, "Out", parallelism);
  n->knobs.cost_us = cost_us;
  return n;
}

/* Every record arrives, and every task spends exactly its cost on each:
 * 2 sources x 5000 records -rebalance-> Map(2) at 100 us -hash-> Sink(1)
 * at 500 us, bounded, so the job finishes and nothing is in flight. */
START_TEST (test_bounded_conservation)
{
  g_autoptr (TestJob) j = test_job_new ("Conservation");
  FsimStreamNode *s = source (j, 2, 10000, 5000);
  FsimStreamNode *m = op (j, "Map", 2, 100);
  FsimStreamNode *k = sink (j, 1, 500);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, m, k, FSIM_PARTITIONER_HASH);
  FsimClusterSettings set;
  test_settings (&set, 2, 2);
  test_job_start (j, &set);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  gint64 into_map = 0, out_of_map = 0;
  for (int i = 0; i < 2; i++)
    {
      StreamTaskStats src = stats (j, 0, i), map = stats (j, 1, i);
      ck_assert_int_eq (src.records_in, 5000);
      ck_assert_int_eq (src.records_out, 5000);
      ck_assert_int_eq (map.records_out, map.records_in);
      ck_assert_int_eq (map.busy_us, map.records_in * 100);
      /* every byte written left in a finished buffer: the records and,
       * at end of input, Watermark.MAX_WATERMARK (13 bytes) broadcast to
       * both subpartitions */
      ck_assert_int_eq (src.bytes_out, 5000 * WIRE (&set) + 2 * 13);
      into_map += map.records_in;
      out_of_map += map.records_out;
    }
  ck_assert_int_eq (into_map, 10000);
  StreamTaskStats out = stats (j, 2, 0);
  ck_assert_int_eq (out.records_in, out_of_map);
  ck_assert_int_eq (out.busy_us, 10000 * 500);
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* One unbounded source at 2000 records/s into a sink that needs 2 ms a
 * record (500/s). The sink is the bottleneck: from the moment records
 * reach it, it is busy all the time and takes exactly one record per
 * 2 ms; the source is backpressured (it can emit only as fast as the sink
 * frees buffers) and reads at the sink's rate; the sink itself is never
 * backpressured. tms: 1 = local channel (LocalInputChannel), 2 = remote
 * (credit-based). */
static void
slow_sink (int tms, gint64 sink_cost_us, StreamTaskStats *src_at_10, StreamTaskStats *src_at_30,
           StreamTaskStats *out_at_10, StreamTaskStats *out_at_30)
{
  g_autoptr (TestJob) j = test_job_new ("Slow sink");
  FsimStreamNode *s = source (j, 1, 2000, 0);
  FsimStreamNode *k = sink (j, 1, sink_cost_us);
  /* a keyBy between them: two tasks, not one chain */
  test_connect (j, s, k, FSIM_PARTITIONER_HASH);
  FsimClusterSettings set;
  test_settings (&set, tms, 2 / tms);
  test_job_start (j, &set);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  *src_at_10 = stats (j, 0, 0);
  *out_at_10 = stats (j, 1, 0);
  test_job_run (j, 30 * G_USEC_PER_SEC);
  *src_at_30 = stats (j, 0, 0);
  *out_at_30 = stats (j, 1, 0);
  test_assert_transitions_legal (j->trace);
}

static void
check_slow_sink (int tms)
{
  StreamTaskStats s10, s30, k10, k30;
  slow_sink (tms, 2000, &s10, &s30, &k10, &k30);
  /* 20 s of a sink that is never starved: 20 s / 2 ms records (one more
   * or less, by where the steps fall at the two ends) */
  gint64 taken = k30.records_in - k10.records_in;
  ck_assert_msg (taken >= 9999 && taken <= 10001, "sink took %" G_GINT64_FORMAT, taken);
  ck_assert_int_eq (k30.busy_us - k10.busy_us, taken * 2000);
  ck_assert_int_eq (k30.soft_backpressured_us + k30.hard_backpressured_us, 0);
  /* the source reads what the sink frees: its rate is the sink's */
  gint64 read = s30.records_out - s10.records_out;
  ck_assert_msg (read >= 9999 - 290 && read <= 10001 + 290, "source read %" G_GINT64_FORMAT,
                 read);
  /* and it waits for buffers most of the time */
  gint64 waited = s30.soft_backpressured_us + s30.hard_backpressured_us
                  - s10.soft_backpressured_us - s10.hard_backpressured_us;
  ck_assert_msg (waited > 15 * G_USEC_PER_SEC, "source backpressured %" G_GINT64_FORMAT " us",
                 waited);
}

/* At every metric sample of a backpressured run (slow sink, remote
 * channel): the sender's credit is never negative and never above the
 * receiver's buffers (2 exclusive + 8 floating: every credit is a free
 * receiver buffer), and no more buffers wait at the receiver than it has
 * (RemoteInputChannel, BufferManager); and records are conserved: what
 * the source wrote and the sink has not read yet is in flight, at least 0
 * and at most what the buffers can hold (the sender's pool of 1 x 2 + 8
 * segments and 5 overdraft, flushed parts sharing them, plus the
 * receiver's 10 buffers and the one being read, 32768 / 113 records a
 * segment, rounded up). */
START_TEST (test_credits_and_conservation_at_every_sample)
{
  g_autoptr (TestJob) j = test_job_new ("Slow sink");
  FsimStreamNode *s = source (j, 1, 2000, 0);
  FsimStreamNode *k = sink (j, 1, 2000);
  /* its own slot sharing group: the sink's slot is on the other
   * TaskManager, so the channel is remote */
  g_free (k->slot_sharing_group);
  k->slot_sharing_group = g_strdup ("sink");
  test_connect (j, s, k, FSIM_PARTITIONER_HASH);
  FsimClusterSettings set;
  test_settings (&set, 2, 1);
  test_job_start (j, &set);
  test_job_run (j, 30 * G_USEC_PER_SEC);
  int receiver = set.buffers_per_channel + set.floating_buffers_per_gate;
  g_autoptr (GPtrArray) channels = test_records (j->trace, FSIM_SCHED_KIND_CHANNEL_SAMPLE);
  guint remote = 0;
  for (guint i = 0; i < channels->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (channels, i);
      if (r->values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT] == -1)
        continue;               /* local: no credit */
      remote++;
      ck_assert_int_ge (r->values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT], 0);
      ck_assert_int_le (r->values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT], receiver);
      ck_assert_int_le (r->values[FSIM_CHANNEL_SAMPLE_VALUE_QUEUED], receiver + 1);
    }
  ck_assert_uint_ge (remote, 25);
  const FsimTraceKind records = &fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_RECORDS];
  gint64 per_segment = (set.segment_size + WIRE (&set) - 1) / WIRE (&set);
  gint64 most = (gint64) (1 * 2 + 8 + set.max_overdraft_buffers + receiver + 1) * per_segment;
  guint samples = 0;
  for (gint64 i = 0; i < fsim_trace_count (j->trace); i++)
    {
      const FsimTraceRecord *out = fsim_trace_get (j->trace, i);
      if (out->kind != records || out->vertex != 0)
        continue;
      /* the sink's sample of the same second follows */
      for (gint64 k2 = i + 1; k2 < fsim_trace_count (j->trace); k2++)
        {
          const FsimTraceRecord *in = fsim_trace_get (j->trace, k2);
          if (in->time_us != out->time_us)
            break;
          if (in->kind != records || in->vertex != 1)
            continue;
          gint64 in_flight = out->values[1] - in->values[0];
          ck_assert_msg (in_flight >= 0 && in_flight <= most,
                         "at %" G_GINT64_FORMAT " us: %" G_GINT64_FORMAT " in flight",
                         out->time_us, in_flight);
          samples++;
        }
    }
  ck_assert_uint_ge (samples, 25);
}
END_TEST

/* A channel-sample names its channel by number: channel is the
 * subpartition, the consumer its JobVertex and subtask index. ALL_TO_ALL
 * (rebalance, 2 -> 3): subpartition s of every producer feeds consumer
 * subtask s; POINTWISE (rescale, 2 -> 4): producer p feeds subtasks 2p and
 * 2p + 1, subpartition s the one whose index % 2 is s (Flink's
 * PointwiseBlockingResultInfo / subtask % n). Every pair is sampled. */
static void
check_channel_consumers (FsimPartitioner partitioner, int consumers, int expect_subpartitions)
{
  g_autoptr (TestJob) j = test_job_new ("Channels");
  FsimStreamNode *s = source (j, 2, 100, 0);
  FsimStreamNode *k = sink (j, consumers, 0);
  test_connect (j, s, k, partitioner);
  FsimClusterSettings set;
  test_settings (&set, 2, 4);
  test_job_start (j, &set);
  test_job_run (j, 3 * G_USEC_PER_SEC);
  g_autoptr (GPtrArray) channels = test_records (j->trace, FSIM_SCHED_KIND_CHANNEL_SAMPLE);
  guint seen = 0;
  for (guint i = 0; i < channels->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (channels, i);
      ck_assert_int_eq (r->vertex, 0);
      ck_assert_int_ge (r->channel, 0);
      ck_assert_int_lt (r->channel, expect_subpartitions);
      ck_assert_int_eq (r->values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX], 1);
      gint64 want = expect_subpartitions == consumers
                      ? r->channel : (gint64) r->subtask * expect_subpartitions + r->channel;
      ck_assert_int_eq (r->values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK], want);
      seen |= 1u << (r->subtask * expect_subpartitions + r->channel);
    }
  ck_assert_uint_eq (seen, (1u << (2 * expect_subpartitions)) - 1);
}

START_TEST (test_channel_sample_names_its_consumer)
{
  check_channel_consumers (FSIM_PARTITIONER_REBALANCE, 3, 3);
  check_channel_consumers (FSIM_PARTITIONER_RESCALE, 4, 2);
}
END_TEST

START_TEST (test_slow_sink_local)
{
  check_slow_sink (1);
}
END_TEST

START_TEST (test_slow_sink_remote)
{
  check_slow_sink (2);
}
END_TEST

/* Without the sink's cost (sim.default-record-cost, 1 us: a million
 * records a second) nobody waits for output: no backpressure, and the
 * source reads at its own rate, 2000/s, 40000 records in 20 s. */
START_TEST (test_fast_sink_no_backpressure)
{
  StreamTaskStats s10, s30, k10, k30;
  slow_sink (2, 0, &s10, &s30, &k10, &k30);
  FsimClusterSettings set;
  fsim_cluster_settings_init (&set);
  ck_assert_int_eq (s30.soft_backpressured_us + s30.hard_backpressured_us, 0);
  ck_assert_int_eq (k30.soft_backpressured_us + k30.hard_backpressured_us, 0);
  ck_assert_int_eq (s30.records_out - s10.records_out, 40000);
  ck_assert_int_eq (k30.busy_us, k30.records_in * set.default_record_cost_us);
}
END_TEST

/* KeyGroupStreamPartitioner: key k (an Integer: hashCode k) goes to
 * subtask computeOperatorIndexForKeyGroup (murmurHash (k) % 128 ...) of
 * the sink (default max parallelism 128 for parallelism 4). The source's
 * record k has key k. */
START_TEST (test_hash_routing_follows_key_groups)
{
  g_autoptr (TestJob) j = test_job_new ("Hash");
  FsimStreamNode *s = source (j, 1, 100000, 1000);
  FsimStreamNode *k = sink (j, 4, 0);
  test_connect (j, s, k, FSIM_PARTITIONER_HASH);
  FsimClusterSettings set;
  test_settings (&set, 1, 4);
  test_job_start (j, &set);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  int expected[4] = { 0 };
  for (int key = 0; key < 1000; key++)
    expected[fsim_key_group_assign_to_subtask (key, 128, 4)]++;
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (stats (j, 1, i).records_in, expected[i]);
}
END_TEST

/* The buffer timeout decides how full buffers leave. */
static StreamTaskStats
with_timeout (gint64 timeout_ms, gint64 records)
{
  g_autoptr (TestJob) j = test_job_new ("Timeout");
  FsimStreamNode *s = source (j, 1, 1000, records);
  s->buffer_timeout_ms = timeout_ms;
  FsimStreamNode *k = sink (j, 1, 0);
  test_connect (j, s, k, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings set;
  test_settings (&set, 1, 2);
  test_job_start (j, &set);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (stats (j, 1, 0).records_in, records);
  return stats (j, 0, 0);
}

/* --detail buffers: one buffer-sent record per buffer the writer hands
 * to a channel and one buffer-received per buffer arriving, each with its
 * bytes; together they account for every byte written (the producer's
 * numBytesOut at the end) and every element the sink read. */
START_TEST (test_detail_buffers)
{
  g_autoptr (TestJob) j = test_job_new ("Buffers");
  FsimStreamNode *s = source (j, 1, 1000, 1000);
  FsimStreamNode *k = sink (j, 1, 0);
  test_connect (j, s, k, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings set;
  test_settings (&set, 1, 2);
  test_job_start (j, &set);
  fsim_cluster_trace_buffers (j->cluster);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  StreamTaskStats src = stats (j, 0, 0);
  g_autoptr (GPtrArray) sent = test_records (j->trace, FSIM_SCHED_KIND_BUFFER_SENT);
  g_autoptr (GPtrArray) received = test_records (j->trace, FSIM_SCHED_KIND_BUFFER_RECEIVED);
  ck_assert_int_eq (sent->len, src.buffers_sent);
  ck_assert_int_eq (received->len, sent->len);
  gint64 bytes_sent = 0, bytes_received = 0, elements = 0;
  for (guint i = 0; i < sent->len; i++)
    bytes_sent += ((const FsimTraceRecord *) g_ptr_array_index (sent, i))->values[0];
  for (guint i = 0; i < received->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (received, i);
      bytes_received += r->values[0];
      elements += r->values[1];
    }
  ck_assert_int_eq (bytes_sent, src.bytes_out);
  ck_assert_int_eq (bytes_received, bytes_sent);
  /* the 1000 records and what watermarks travelled with them */
  ck_assert_int_ge (elements, 1000);
  ck_assert_int_eq (stats (j, 1, 0).records_in, 1000);
}
END_TEST

START_TEST (test_buffer_timeout)
{
  FsimClusterSettings set;
  fsim_cluster_settings_init (&set);
  /* 1000 x 113 bytes fill 3 segments of 32768 and part of a fourth;
   * numBuffersOut counts finished BufferBuilders
   * (finishUnicastBufferBuilder), whatever the flushes sent */
  gint64 segments = 1000 * WIRE (&set) / set.segment_size + 1;
  /* -1 (disabled): only full buffers leave, and the rest at the end */
  StreamTaskStats off = with_timeout (-1, 1000);
  /* and the MAX watermark at end of input, 13 bytes */
  ck_assert_int_eq (off.bytes_out, 1000 * WIRE (&set) + 13);
  ck_assert_int_eq (off.buffers_out, segments);
  ck_assert_int_eq (off.buffers_sent, segments);
  /* 0: a flush after every record, so each record leaves alone, in a part
   * of the same segment: 100 records, 100 buffers sent, 1 builder */
  StreamTaskStats zero = with_timeout (0, 100);
  /* and the MAX watermark at end of input: a broadcast emit flushes too */
  ck_assert_int_eq (zero.buffers_sent, 101);
  ck_assert_int_eq (zero.buffers_out, 1);
  /* 100 ms at 1000 records/s (record k at k ms): flushes at 100, 200, …,
   * 900 ms each send what came since; the segments fill at records 289,
   * 579 and 869 (record k ends at byte 113 (k+1)), each sending its last
   * part; the end sends the rest: 9 + 3 + 1 */
  StreamTaskStats hundred = with_timeout (100, 1000);
  ck_assert_int_eq (hundred.buffers_out, segments);
  ck_assert_int_eq (hundred.buffers_sent, 13);
}
END_TEST

/* The network at a record, simulated again (the TUI's exact channels):
 * a run is deterministic, so a second run of the same job stepped to
 * record S has written the same records 0..S, and a channel-sample is the
 * state at its instant (the sampler only reads), so right after the
 * sampler's event every channel is what its sample says. On the slow-sink
 * example (queues and credits that move), at the samples of 10 s, then,
 * going on from there, of 20 s; and a record between two samples is
 * reached too, its state one of the run's (every count within its
 * channel's buffers). */
static const FsimTraceRecord *
last_sample_at (FsimTrace *trace, gint64 time_us)
{
  const FsimTraceRecord *last = NULL;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_SAMPLE) && r->time_us == time_us)
        last = r;
    }
  ck_assert_ptr_nonnull (last);
  return last;
}

static void
check_samples_at (FsimTrace *original, FsimJobRun *again, gint64 time_us)
{
  gint64 first;
  const FsimTraceRecord *last = last_sample_at (original, time_us);
  ck_assert (fsim_job_run_step_to_record (again, last->seq, &first));
  FsimTrace *trace = fsim_job_run_get_trace (again);
  ck_assert_int_gt (fsim_trace_count (trace), last->seq);
  for (gint64 i = 0; i <= last->seq; i++)
    {
      const FsimTraceRecord *a = fsim_trace_get (original, i), *b = fsim_trace_get (trace, i);
      ck_assert (a->kind == b->kind && a->time_us == b->time_us && a->vertex == b->vertex
                 && a->subtask == b->subtask && a->values[0] == b->values[0]);
    }
  g_autoptr (GArray) states = fsim_job_run_channels (again);
  guint n = 0;
  for (gint64 i = first; i <= last->seq; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (original, i);
      if (r->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_CHANNEL_SAMPLE))
        continue;
      gboolean found = FALSE;
      for (guint k = 0; k < states->len; k++)
        {
          const FsimChannelState *st = &g_array_index (states, FsimChannelState, k);
          if (st->producer_vertex != r->vertex || st->producer_subtask != r->subtask
              || st->subpartition != r->channel)
            continue;
          found = TRUE;
          ck_assert_int_eq (st->consumer_vertex, r->values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX]);
          ck_assert_int_eq (st->consumer_subtask,
                            r->values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK]);
          ck_assert_int_eq (st->backlog, r->values[FSIM_CHANNEL_SAMPLE_VALUE_BACKLOG]);
          ck_assert_int_eq (st->credit, r->values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT]);
          ck_assert_int_eq (st->queued, r->values[FSIM_CHANNEL_SAMPLE_VALUE_QUEUED]);
        }
      ck_assert (found);
      n++;
    }
  /* every channel sampled at once: as many samples as channel states */
  ck_assert_uint_eq (n, states->len);
  ck_assert_uint_ge (n, 2);
}

START_TEST (test_channels_at_a_record)
{
  g_autoptr (FsimJob) job = fsim_test_load_job ("examples/slow-sink-backpressure.job");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobRun) original = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (original != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (original, 25 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (original);
  g_autoptr (FsimJobRun) again = fsim_job_run_new (job, -1, &error);
  check_samples_at (trace, again, 10 * G_USEC_PER_SEC);
  check_samples_at (trace, again, 20 * G_USEC_PER_SEC);
  /* a record between two samples, in a fresh run: its channels' counts
   * within their buffers (the receiver's 2 exclusive + 8 floating, one
   * being read; a credit never above them) */
  const FsimTraceRecord *after = last_sample_at (trace, 15 * G_USEC_PER_SEC);
  gint64 mid = after->seq + 1;
  while (fsim_trace_get (trace, mid)->time_us == after->time_us)
    mid++;
  g_autoptr (FsimJobRun) third = fsim_job_run_new (job, -1, &error);
  gint64 first;
  ck_assert (fsim_job_run_step_to_record (third, mid, &first));
  ck_assert_int_le (first, mid);
  g_autoptr (GArray) states = fsim_job_run_channels (third);
  ck_assert_uint_ge (states->len, 2);
  for (guint k = 0; k < states->len; k++)
    {
      const FsimChannelState *st = &g_array_index (states, FsimChannelState, k);
      ck_assert_int_ge (st->backlog, 0);
      ck_assert_int_ge (st->queued, 0);
      ck_assert (st->remote ? st->credit >= 0 && st->credit <= 10 : st->credit == -1);
    }
}
END_TEST

void
scheduler_network_tcases (Suite *suite)
{
  TCase *pool = tcase_create ("LocalBufferPool");
  tcase_add_test (pool, test_pool_max_buffers_per_channel);
  tcase_add_test (pool, test_pool_overdraft);
  suite_add_tcase (suite, pool);
  TCase *runs = tcase_create ("Records through the network");
  tcase_set_timeout (runs, 60);
  tcase_add_test (runs, test_bounded_conservation);
  tcase_add_test (runs, test_slow_sink_local);
  tcase_add_test (runs, test_channel_sample_names_its_consumer);
  tcase_add_test (runs, test_credits_and_conservation_at_every_sample);
  tcase_add_test (runs, test_slow_sink_remote);
  tcase_add_test (runs, test_fast_sink_no_backpressure);
  tcase_add_test (runs, test_hash_routing_follows_key_groups);
  tcase_add_test (runs, test_buffer_timeout);
  tcase_add_test (runs, test_detail_buffers);
  tcase_add_test (runs, test_channels_at_a_record);
  suite_add_tcase (suite, runs);
}

/* --- event time in the data plane -------------------------------------- */
/* Records of a source at r/s appear at start + k/r, their event time the
 * appearance (no .outOfOrder()); BoundedOutOfOrdernessWatermarks emits
 * max ts - d - 1 at every periodic tick (open(): start + 200 ms, then
 * each tick + 200 ms, exact here: the task is idle when they are due). A
 * tick at tau takes the records that appeared before it: max ts is
 * tau - 1 ms at 1000/s. The buffer timeout is 0 so that a watermark
 * leaves with its tick. */

static gint64
start_ms (TestJob *j, int vertex)
{
  gint64 us = attempt (j, vertex, 0)->running_since;
  return us / 1000;
}

static FsimStreamNode *
wm_source (TestJob *j, const char *name, double rate, gint64 bound_ms, gint64 idleness_ms)
{
  FsimStreamNode *s = test_source (j, name, 1);
  s->knobs.rate_per_s = rate;
  s->buffer_timeout_ms = 0;
  s->watermarks.kind = FSIM_WATERMARKS_BOUNDED;
  s->watermarks.max_out_of_orderness_us = bound_ms * 1000;
  s->watermarks.idleness_us = idleness_ms * 1000;
  return s;
}

/* the last tick at or before start + after_ms, and its watermark */
static gint64
last_tick (gint64 start, gint64 after_ms)
{
  return start + after_ms / 200 * 200;
}

/* A fast source (1000/s) and a silent one (one record at its start, the
 * next after 1000 s) union into a sink. Without idleness the sink's
 * watermark is the minimum over its channels: the silent source's, its
 * record's time - 100 - 1. With withIdleness(1 s) the silent source is
 * IDLE and the sink follows the fast one. */
static void
idle_run (gint64 idleness_ms, gint64 *sink_wm, gint64 *fast_wm, gint64 *silent_wm,
          gint64 *fast_start, gint64 *silent_start)
{
  g_autoptr (TestJob) j = test_job_new ("Idle");
  FsimStreamNode *fast = wm_source (j, "Fast", 1000, 100, idleness_ms);
  FsimStreamNode *silent = wm_source (j, "Silent", 0.001, 100, idleness_ms);
  FsimStreamNode *k = sink (j, 1, 0);
  test_connect (j, fast, k, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, silent, k, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings set;
  test_settings (&set, 1, 3);
  test_job_start (j, &set);
  test_job_run (j, 2 * G_USEC_PER_SEC);
  gint64 from = attempt (j, 0, 0)->running_since;
  test_job_run (j, from + 10050 * 1000);
  *fast_start = start_ms (j, 0);
  *silent_start = start_ms (j, 1);
  *fast_wm = stats (j, 0, 0).output_watermark;
  *silent_wm = stats (j, 1, 0).output_watermark;
  *sink_wm = stats (j, 2, 0).input_watermark;
  /* the sink is its chain's tail: OperatorChain's gauge on its output (a
   * BroadcastingOutputCollector over no outputs, which records every
   * watermark it is given) shows what the sink took in, not
   * Long.MIN_VALUE for want of a network output */
  ck_assert_int_eq (stats (j, 2, 0).output_watermark, *sink_wm);
}

START_TEST (test_periodic_watermark_and_min_over_channels)
{
  gint64 sink_wm, fast_wm, silent_wm, fast_start, silent_start;
  idle_run (0, &sink_wm, &fast_wm, &silent_wm, &fast_start, &silent_start);
  /* 10.05 s after its start the fast source's last tick is at +10 s */
  ck_assert_int_eq (fast_wm, last_tick (fast_start, 10050) - 1 - 100 - 1);
  ck_assert_int_eq (silent_wm, silent_start - 100 - 1);
  ck_assert_int_eq (sink_wm, MIN (fast_wm, silent_wm));
  ck_assert_int_eq (sink_wm, silent_wm);
}
END_TEST

START_TEST (test_idle_source_does_not_hold_back)
{
  gint64 sink_wm, fast_wm, silent_wm, fast_start, silent_start;
  idle_run (1000, &sink_wm, &fast_wm, &silent_wm, &fast_start, &silent_start);
  ck_assert_int_eq (fast_wm, last_tick (fast_start, 10050) - 1 - 100 - 1);
  ck_assert_int_eq (sink_wm, fast_wm);
}
END_TEST

static FsimStreamNode *
tumbling (TestJob *j, gboolean event_time)
{
  FsimStreamNode *w = op (j, "Window", 1, 0);
  w->keyed = TRUE;
  w->window.kind = FSIM_WINDOW_TUMBLING;
  w->window.event_time = event_time;
  w->window.size_us = G_USEC_PER_SEC;
  w->window.trigger.kind = event_time ? FSIM_TRIGGER_EVENT_TIME : FSIM_TRIGGER_PROCESSING_TIME;
  return w;
}

/* Windows [s, s + 1000) ms holding the records at start + k ms, k <
 * records: how many windows and records up to the window ending at
 * most at limit_end (exclusive end). */
static void
windows_of (gint64 start, gint64 records, gint64 limit_end, gint64 *windows, gint64 *in)
{
  *windows = *in = 0;
  for (gint64 w = start / 1000 * 1000; w + 1000 <= limit_end && w < start + records; w += 1000)
    {
      gint64 lo = MAX (w, start), hi = MIN (w + 1000, start + records);
      (*windows)++;
      *in += hi - lo;
    }
}

/* forMonotonousTimestamps into a keyed tumbling event-time window of 1 s
 * (one key): a window fires once the watermark reaches its end - 1; it
 * holds the 1000 records of its second (fewer in the first); one result
 * record per window reaches the sink. */
START_TEST (test_tumbling_window_fires_on_watermark)
{
  g_autoptr (TestJob) j = test_job_new ("Tumbling");
  FsimStreamNode *s = wm_source (j, "Numbers", 1000, 0, 0);
  s->watermarks.kind = FSIM_WATERMARKS_MONOTONOUS;
  s->knobs.keys = 1;
  FsimStreamNode *w = tumbling (j, TRUE);
  FsimStreamNode *k = sink (j, 1, 0);
  test_connect (j, s, w, FSIM_PARTITIONER_HASH);
  test_connect (j, w, k, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings set;
  test_settings (&set, 1, 2);
  test_job_start (j, &set);
  test_job_run (j, 2 * G_USEC_PER_SEC);
  gint64 from = attempt (j, 0, 0)->running_since;
  test_job_run (j, from + 5550 * 1000);
  gint64 start = start_ms (j, 0);
  gint64 wm = last_tick (start, 5550) - 1 - 0 - 1;
  StreamTaskStats win = stats (j, 1, 0);
  ck_assert_int_eq (win.input_watermark, wm);
  gint64 windows, in;
  windows_of (start, G_MAXINT32, wm + 1, &windows, &in);
  ck_assert_int_ge (windows, 4);
  ck_assert_int_eq (win.windows_fired, windows);
  ck_assert_int_eq (win.window_records, in);
  ck_assert_int_eq (win.late_dropped, 0);
}
END_TEST

/* A bounded source of 3500 records without any WatermarkStrategy: the
 * MAX watermark at end of input fires every window, so every record is
 * in a fired window. */
START_TEST (test_end_of_input_fires_every_window)
{
  g_autoptr (TestJob) j = test_job_new ("EndOfInput");
  FsimStreamNode *s = source (j, 1, 1000, 3500);
  s->knobs.keys = 1;
  FsimStreamNode *w = tumbling (j, TRUE);
  FsimStreamNode *k = sink (j, 1, 0);
  test_connect (j, s, w, FSIM_PARTITIONER_HASH);
  test_connect (j, w, k, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings set;
  test_settings (&set, 1, 2);
  test_job_start (j, &set);
  test_job_run (j, HOUR);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  gint64 start = start_ms (j, 0);
  gint64 windows, in;
  windows_of (start, 3500, G_MAXINT64 / 2, &windows, &in);
  StreamTaskStats win = stats (j, 1, 0);
  ck_assert_int_eq (win.input_watermark, FSIM_WATERMARK_MAX);
  ck_assert_int_eq (win.window_records, 3500);
  ck_assert_int_eq (in, 3500);
  ck_assert_int_eq (win.windows_fired, windows);
}
END_TEST

/* Why a window does not fire: the fast (1000/s) and the silent source of
 * idle_run union into an event-time window. StatusWatermarkValve's
 * minimum over the channels that are not IDLE is the silent one's (its
 * only record's time - 100 - 1), so after a second without an advance
 * the window's task names its channel (the second input edge: channel 1)
 * as the holder, with that watermark, both channels active, and how long
 * the channel has been silent. With withIdleness(1 s) the silent channel
 * goes IDLE, the minimum follows the fast source and nothing is held.
 * *held points into j's trace. */
static gint64
held_run (TestJob *j, gint64 idleness_ms, const FsimTraceRecord **held, gint64 *silent_wm,
          gint64 *silent_start)
{
  FsimStreamNode *fast = wm_source (j, "Fast", 1000, 100, idleness_ms);
  FsimStreamNode *silent = wm_source (j, "Silent", 0.001, 100, idleness_ms);
  fast->knobs.keys = silent->knobs.keys = 1;
  FsimStreamNode *w = tumbling (j, TRUE);
  FsimStreamNode *k = sink (j, 1, 0);
  test_connect (j, fast, w, FSIM_PARTITIONER_HASH);
  test_connect (j, silent, w, FSIM_PARTITIONER_HASH);
  test_connect (j, w, k, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings set;
  test_settings (&set, 1, 3);
  test_job_start (j, &set);
  test_job_run (j, 2 * G_USEC_PER_SEC);
  gint64 from = attempt (j, 0, 0)->running_since;
  test_job_run (j, from + 15050 * 1000);
  *silent_start = start_ms (j, 1);
  *silent_wm = stats (j, 1, 0).output_watermark;
  *held = NULL;
  gint64 last_us = -1;
  for (gint64 i = 0; i < fsim_trace_count (j->trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (j->trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_HELD))
        {
          *held = r;
          last_us = r->time_us;
        }
    }
  return last_us;
}

START_TEST (test_held_watermark_names_the_channel)
{
  const FsimTraceRecord *held;
  gint64 silent_wm, silent_start;
  g_autoptr (TestJob) j = test_job_new ("Held");
  gint64 last_us = held_run (j, 0, &held, &silent_wm, &silent_start);
  ck_assert_ptr_nonnull (held);
  ck_assert_msg (g_str_has_prefix (held->label, "Window"), "%s", held->label);
  ck_assert_int_eq (silent_wm, silent_start - 100 - 1);
  ck_assert_int_eq (held->channel, 1);
  ck_assert_int_eq (held->values[0], silent_wm);       /* the task's watermark */
  ck_assert_int_eq (held->values[2], silent_wm);       /* the channel's */
  ck_assert_int_eq (held->values[4], 2);               /* active channels */
  ck_assert_int_eq (held->values[5], 0);               /* idle */
  ck_assert_int_ge (held->values[3], 1000);            /* silent at least the second */
  ck_assert_int_ge (held->values[1], 1000);
  ck_assert_msg (strstr (held->detail, "from Source: Silent (1/1)") != NULL, "%s", held->detail);
  /* held the whole run (15 s): told again 10 s after the first time, so
   * the last one is after 11 s and its channel silent for more than 10 s */
  ck_assert_int_ge (last_us, (silent_start + 11000) * 1000);
  ck_assert_int_ge (held->values[3], 10000);
}
END_TEST

START_TEST (test_idleness_releases_the_held_watermark)
{
  const FsimTraceRecord *held;
  gint64 silent_wm, silent_start;
  g_autoptr (TestJob) j = test_job_new ("Held");
  gint64 last_us = held_run (j, 1000, &held, &silent_wm, &silent_start);
  /* IDLE after 1 s without records; the next periodic ticks release it */
  ck_assert_msg (last_us < (silent_start + 2500) * 1000, "held at %" G_GINT64_FORMAT " us",
                 last_us);
}
END_TEST

void
scheduler_event_time_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Event time in the data plane");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_periodic_watermark_and_min_over_channels);
  tcase_add_test (tc, test_idle_source_does_not_hold_back);
  tcase_add_test (tc, test_tumbling_window_fires_on_watermark);
  tcase_add_test (tc, test_end_of_input_fires_every_window);
  tcase_add_test (tc, test_held_watermark_names_the_channel);
  tcase_add_test (tc, test_idleness_releases_the_held_watermark);
  suite_add_tcase (suite, tc);
}
