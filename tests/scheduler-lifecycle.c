/* scheduler-lifecycle.c - a job from submission to its end.
 *
 * Flink's order of events: Dispatcher.submitJob (INITIALIZING), the
 * JobMaster's ExecutionGraph (CREATED), startScheduling (RUNNING), the
 * TaskManager reporting INITIALIZING and RUNNING, and for a bounded job
 * FINISHED per task and then for the job (jobVertexFinished). The Task on
 * the TaskManager changes state one RPC before the JobManager learns it. */
#include "config.h"

#include <string.h>

#include "tests/scheduler-tests.h"

/* Bounded Source(2), 1000 records at 1000 records/s each, -rebalance->
 * Sink(2). */
static TestJob *
bounded_job (void)
{
  TestJob *j = test_job_new ("Bounded");
  FsimStreamNode *s = test_source (j, "Numbers", 2);
  s->bounded = TRUE;
  s->knobs.records = 1000;
  s->knobs.rate_per_s = 1000.0;
  FsimStreamNode *k = test_sink (j, "Out", 2);
  test_connect (j, s, k, FSIM_PARTITIONER_REBALANCE);
  return j;
}

START_TEST (test_bounded_job_finishes)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  /* one TaskManager: every channel is local (LocalInputChannel) */
  s.local_channel_latency_us = 7;
  /* records take no time here (sim.default-record-cost 0, which only a
   * test can set): a sink reads its last buffer at once, so it ends when
   * the EndOfPartitionEvent behind it arrives */
  s.default_record_cost_us = 0;
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  gint64 last_source_finish = 0;
  for (int i = 0; i < 2; i++)
    {
      /* record k appears k / rate after RUNNING (a rate limiter's first
       * permit is immediate: RateLimiterStrategy.perSecond, Guava's
       * RateLimiter); the source finishes when it has read the last,
       * k = 999, spending sim.default-record-cost on it: 999 ms + 1 us
       * of RUNNING */
      const FsimTraceRecord *run = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, i,
                                                 "RUNNING");
      const FsimTraceRecord *fin = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, i,
                                                 "FINISHED");
      ck_assert_ptr_nonnull (run);
      ck_assert_ptr_nonnull (fin);
      ck_assert_int_eq (fin->time_us - run->time_us, 999 * 1000 + s.default_record_cost_us);
      /* the JobMaster learns it one RPC later (updateTaskExecutionState) */
      const FsimTraceRecord *jm = test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, i,
                                                "FINISHED");
      ck_assert_int_eq (jm->time_us - fin->time_us, s.rpc_latency_us);
      last_source_finish = MAX (last_source_finish, fin->time_us);
    }
  /* each sink ends when both producers' EndOfPartitionEvents arrived,
   * in-band on the local channels (PipelinedSubpartition.finish) */
  gint64 last_finished = 0;
  for (int i = 0; i < 2; i++)
    {
      const FsimTraceRecord *fin = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 1, i,
                                                 "FINISHED");
      ck_assert_ptr_nonnull (fin);
      ck_assert_int_eq (fin->time_us, last_source_finish + s.local_channel_latency_us);
      const FsimTraceRecord *jm = test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 1, i,
                                                "FINISHED");
      last_finished = MAX (last_finished, jm->time_us);
    }
  g_autoptr (GPtrArray) status = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  const FsimTraceRecord *done = g_ptr_array_index (status, status->len - 1);
  ck_assert_str_eq (fsim_trace_record_from_name (done), "RUNNING");
  ck_assert_str_eq (fsim_trace_record_to_name (done), "FINISHED");
  ck_assert_int_eq (done->time_us, last_finished);
  /* both slots go back to the TaskManager */
  g_autoptr (GPtrArray) released = test_records (j->trace, FSIM_SCHED_KIND_SLOT_RELEASED);
  ck_assert_int_eq (released->len, 2);
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* A bounded source given no .rate() reads at the simulator's default rate
 * (FsimClusterSettings.default_source_rate): 1000 records at 1000/s is 1 s
 * of RUNNING. (A rate of 0 once divided by zero and crashed the run.) */
/* Between TaskManagers an EndOfPartitionEvent takes sim.network-latency
 * (RemoteInputChannel over Netty), inside one sim.local-channel-latency:
 * with a slot a TaskManager, source i and sink i share TaskManager i + 1,
 * so each sink hears its own source locally and the other remotely. */
/* Counts in the trace agree with their nouns: a Source(1) of one record
 * chained to a Sink(1) (FORWARD, same parallelism: one JobVertex,
 * StreamingJobGraphGenerator.isChainable) is one ExecutionVertex, one
 * pipelined region and one slot (SlotSharingExecutionSlotAllocator: one
 * slot per execution slot sharing group). */
START_TEST (test_counts_agree_in_number)
{
  g_autoptr (TestJob) j = test_job_new ("One");
  FsimStreamNode *src = test_source (j, "Numbers", 1);
  src->bounded = TRUE;
  src->knobs.records = 1;
  src->knobs.rate_per_s = 1000.0;
  FsimStreamNode *k = test_sink (j, "Out", 1);
  test_connect (j, src, k, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings s;
  test_settings (&s, 1, 1);
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  g_autoptr (GPtrArray) eg = test_records (j->trace, FSIM_SCHED_KIND_EXECUTION_GRAPH);
  ck_assert_uint_eq (eg->len, 1);
  ck_assert_str_eq (((const FsimTraceRecord *) eg->pdata[0])->detail,
                    "1 job vertex, 1 subtask, 1 pipelined region, 1 execution slot sharing "
                    "group (1 slot needed)");
  const FsimTraceRecord *fin = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, 0,
                                             "FINISHED");
  ck_assert_ptr_nonnull (fin);
  ck_assert_ptr_nonnull (strstr (fin->why, "the bounded source read its 1 record: end of input"));
}
END_TEST

START_TEST (test_end_of_partition_latency)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 1);
  s.local_channel_latency_us = 3;
  s.network_latency_us = 250;
  /* records take no time (see test_bounded_job_finishes) */
  s.default_record_cost_us = 0;
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  gint64 src[2];
  int src_tm[2];
  for (int i = 0; i < 2; i++)
    {
      const FsimTraceRecord *fin = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, i,
                                                 "FINISHED");
      src[i] = fin->time_us;
      src_tm[i] = fin->taskmanager;
    }
  for (int i = 0; i < 2; i++)
    {
      const FsimTraceRecord *fin = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 1, i,
                                                 "FINISHED");
      gint64 want = 0;
      for (int p = 0; p < 2; p++)
        want = MAX (want, src[p] + (src_tm[p] == fin->taskmanager ? s.local_channel_latency_us
                                                                  : s.network_latency_us));
      ck_assert_int_eq (fin->time_us, want);
    }
  ck_assert_int_ne (src_tm[0], src_tm[1]);
}
END_TEST

START_TEST (test_bounded_source_without_rate)
{
  g_autoptr (TestJob) j = bounded_job ();
  GPtrArray *nodes = fsim_stream_graph_get_nodes (j->sg);
  FsimStreamNode *src = g_ptr_array_index (nodes, 0);
  src->knobs.rate_per_s = 0;
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  ck_assert (s.default_source_rate == 1000.0);
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  const FsimTraceRecord *run = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, 0,
                                             "RUNNING");
  const FsimTraceRecord *fin = test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, 0,
                                             "FINISHED");
  /* 1000 records at the default 1000/s: the last appears at 999 ms and
   * takes sim.default-record-cost */
  ck_assert_int_eq (fin->time_us - run->time_us, 999 * 1000 + s.default_record_cost_us);
}
END_TEST

/* The opening of every run, in Flink's order, with one RPC per hop. */
/* A bounded source whose end lies beyond what the 64-bit microsecond clock
 * can hold (records(huge).rate(tiny), e.g. fromSequence(0, 9e18)) never
 * finishes within the run. It used to schedule its end at a negative time
 * and abort. */
START_TEST (test_bounded_source_beyond_the_clock)
{
  g_autoptr (TestJob) j = bounded_job ();
  GPtrArray *nodes = fsim_stream_graph_get_nodes (j->sg);
  FsimStreamNode *src = g_ptr_array_index (nodes, 0);
  src->knobs.records = G_GINT64_CONSTANT (4611686018427387904);     /* 2^62 */
  src->knobs.rate_per_s = 0.001;
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_TIME_LIMIT);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  ck_assert_ptr_nonnull (test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, 0, "RUNNING"));
  ck_assert_ptr_null (test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 0, 0, "FINISHED"));
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* PipelinedRegionSchedulingStrategy schedules a region with one
 * allocateSlotsAndDeploy call; the record names its subtasks, the first
 * ten and the last once there are more than 64, with the count. */
START_TEST (test_large_region_record)
{
  g_autoptr (TestJob) j = test_job_new ("Large");
  FsimStreamNode *s = test_source (j, "Numbers", 50);
  FsimStreamNode *k = test_sink (j, "Out", 50);
  test_connect (j, s, k, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings set;
  test_settings (&set, 1, 50);
  test_job_start (j, &set);
  test_job_run (j, G_USEC_PER_SEC);
  g_autoptr (GPtrArray) regions = test_records (j->trace, FSIM_SCHED_KIND_REGION_SCHEDULED);
  /* REBALANCE is ALL_TO_ALL: one region of all 100 subtasks */
  ck_assert_int_eq (regions->len, 1);
  const FsimTraceRecord *r = g_ptr_array_index (regions, 0);
  ck_assert (g_str_has_prefix (r->detail, "Source: Numbers (1/50), Source: Numbers (2/50), "));
  ck_assert (g_str_has_suffix (r->detail, "Source: Numbers (10/50), \u2026, Sink: Out (50/50) "
                               "(100 subtasks)"));
}
END_TEST

/* The trace is kept in memory: a run stops once it holds
 * max_trace_records (here 60), says so in a run-end record, and runs no
 * further when asked again. heartbeat.interval = 1 ms for an hour would
 * otherwise make millions of heartbeat records. */
START_TEST (test_trace_bound)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 2);
  s.heartbeat_interval_us = 1000;
  s.heartbeat_timeout_us = 50000;
  s.max_trace_records = 60;
  FsimClusterSettings defaults;
  fsim_cluster_settings_init (&defaults);
  ck_assert_int_eq (defaults.max_trace_records, 1000000);
  test_job_start (j, &s);
  /* the trace holds the budget: its 60th record is its own, and no writer
   * gets past it */
  ck_assert_int_eq (fsim_trace_get_budget (j->trace), 60);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_TRACE_FULL);
  gint64 n = fsim_trace_count (j->trace);
  ck_assert_int_eq (n, 60);
  const FsimTraceRecord *end = fsim_trace_get (j->trace, n - 1);
  ck_assert_ptr_eq (end->kind, &fsim_trace_kind_budget);
  ck_assert_str_eq (end->detail, "stopped after 60 records");
  ck_assert_int_eq (end->values[0], 60);
  ck_assert_ptr_nonnull (strstr (end->why, "sim.max-trace-records"));
  ck_assert_int_lt (end->time_us, G_USEC_PER_SEC);
  g_autoptr (GPtrArray) ends = test_records (j->trace, FSIM_SCHED_KIND_RUN_END);
  ck_assert_int_eq (ends->len, 0);
  ck_assert_int_eq (test_job_run (j, 2 * HOUR), FSIM_RUN_TRACE_FULL);
  ck_assert_int_eq (fsim_trace_count (j->trace), n);
}
END_TEST

/* HeartbeatManagerSenderImpl with nobody left to monitor: heartbeat.timeout
 * below two RPCs loses the only TaskManager at its first heartbeat; the
 * senders then stop instead of ticking every heartbeat.interval until the
 * time limit (issue 9: 10 s of 1 ms ticks were 20,000 events, a long
 * sim.duration a hang). The run still ends at its time limit. */
START_TEST (test_heartbeat_sender_without_target_stops)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  s.heartbeat_interval_us = 1000;
  s.heartbeat_timeout_us = 1000;
  s.rpc_latency_us = 1000;
  s.slot_request_timeout_us = 1000 * HOUR;
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, 10 * G_USEC_PER_SEC), FSIM_RUN_TIME_LIMIT);
  g_autoptr (GPtrArray) lost = test_records (j->trace, FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT);
  ck_assert_int_ge (lost->len, 1);
  ck_assert_uint_lt (fsim_sim_events_run (j->sim), 200);
}
END_TEST

/* sim.max-events-without-progress: the engine stops once that many events
 * in a row wrote no record, and the cluster says so in one run-end record;
 * asked again, it runs no further. */
START_TEST (test_no_progress_limit)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  FsimClusterSettings defaults;
  fsim_cluster_settings_init (&defaults);
  ck_assert_int_eq (defaults.max_events_without_progress, 1000000);
  s.max_events_without_progress = 1;
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_STOPPED);
  g_autoptr (GPtrArray) ends = test_records (j->trace, FSIM_SCHED_KIND_RUN_END);
  ck_assert_int_eq (ends->len, 1);
  const FsimTraceRecord *end = g_ptr_array_index (ends, 0);
  ck_assert_str_eq (end->detail, "stopped after 1 events without progress; job INITIALIZING");
  ck_assert (strstr (end->why, "sim.max-events-without-progress"));
  gint64 n = fsim_trace_count (j->trace);
  ck_assert_int_eq (test_job_run (j, 2 * HOUR), FSIM_RUN_STOPPED);
  ck_assert_int_eq (fsim_trace_count (j->trace), n);
}
END_TEST

static void
nothing (FsimSim *sim, gpointer payload)
{
}

/* Once the cluster has shut down (the job is over) the run has ended: an
 * event still pending past the time limit does not add a "stopped at the
 * time limit" record after the shut-down record (issue 9). */
START_TEST (test_no_run_end_after_shutdown)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  fsim_sim_schedule_at (j->sim, HOUR, FSIM_PRIORITY_DEFAULT, nothing, NULL, NULL);
  ck_assert_int_eq (test_job_run (j, 60 * G_USEC_PER_SEC), FSIM_RUN_TIME_LIMIT);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  g_autoptr (GPtrArray) ends = test_records (j->trace, FSIM_SCHED_KIND_RUN_END);
  ck_assert_int_eq (ends->len, 0);
}
END_TEST

START_TEST (test_submission_order)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  g_autoptr (GPtrArray) submitted = test_records (j->trace, FSIM_SCHED_KIND_JOB_SUBMITTED);
  ck_assert_int_eq (submitted->len, 1);
  const FsimTraceRecord *sub = g_ptr_array_index (submitted, 0);
  ck_assert_int_eq (sub->time_us, 0);
  ck_assert_str_eq (fsim_trace_record_to_name (sub), "INITIALIZING");
  g_autoptr (GPtrArray) status = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  const FsimTraceRecord *created = g_ptr_array_index (status, 0);
  const FsimTraceRecord *running = g_ptr_array_index (status, 1);
  ck_assert_str_eq (fsim_trace_record_to_name (created), "CREATED");
  ck_assert_str_eq (fsim_trace_record_to_name (running), "RUNNING");
  ck_assert_int_eq (created->time_us, s.rpc_latency_us);
  /* startScheduling follows the JobMaster's start at once */
  ck_assert_int_eq (running->time_us, created->time_us);
  g_autoptr (GPtrArray) regs = test_records (j->trace, FSIM_SCHED_KIND_TASKMANAGER_REGISTERED);
  ck_assert_int_eq (regs->len, 1);
  ck_assert_int_eq (((const FsimTraceRecord *) g_ptr_array_index (regs, 0))->time_us,
                    s.rpc_latency_us);
  /* registration, success reply, then sendSlotReport: 3 hops */
  g_autoptr (GPtrArray) slots = test_records (j->trace, FSIM_SCHED_KIND_SLOT_REGISTERED);
  ck_assert_int_eq (slots->len, 2);
  ck_assert_int_eq (((const FsimTraceRecord *) g_ptr_array_index (slots, 0))->time_us,
                    3 * s.rpc_latency_us);
  /* the slot manager waits slotmanager.requirement-check.delay (50 ms) after
   * the declaration (one hop after scheduling) */
  g_autoptr (GPtrArray) allocs = test_records (j->trace, FSIM_SCHED_KIND_SLOT_ALLOCATION);
  ck_assert_int_eq (((const FsimTraceRecord *) g_ptr_array_index (allocs, 0))->time_us,
                    running->time_us + s.rpc_latency_us + 50000);
}
END_TEST

/* Heartbeats: requested every heartbeat.interval from time 0, answered
 * one RPC later; nothing times out while the TaskManager lives. */
START_TEST (test_heartbeats)
{
  g_autoptr (TestJob) j = test_job_new ("Unbounded");
  FsimStreamNode *src = test_source (j, "S", 1);
  FsimStreamNode *k = test_sink (j, "K", 1);
  test_connect (j, src, k, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings s;
  test_settings (&s, 1, 1);
  test_job_start (j, &s);
  ck_assert_int_eq (test_job_run (j, 120 * G_USEC_PER_SEC), FSIM_RUN_TIME_LIMIT);
  g_autoptr (GPtrArray) beats = test_records (j->trace, FSIM_SCHED_KIND_HEARTBEAT);
  /* RM: answers at 10 s + 2 ms, 20 s + 2 ms, …, 120 s exclusive -> 11;
   * JobMaster (started at 1 ms) the same: 22 */
  ck_assert_int_eq (beats->len, 22);
  const FsimTraceRecord *first = g_ptr_array_index (beats, 0);
  ck_assert_int_eq (first->time_us, s.heartbeat_interval_us + 2 * s.rpc_latency_us);
  g_autoptr (GPtrArray) timeouts = test_records (j->trace, FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT);
  ck_assert_int_eq (timeouts->len, 0);
  /* an unbounded job is still RUNNING at the limit, and says so */
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  g_autoptr (GPtrArray) end = test_records (j->trace, FSIM_SCHED_KIND_RUN_END);
  ck_assert_int_eq (end->len, 1);
  ck_assert_int_eq (((const FsimTraceRecord *) g_ptr_array_index (end, 0))->time_us,
                    120 * G_USEC_PER_SEC);
}
END_TEST

/* PipelinedRegionSchedulingStrategy: a region reading a BLOCKING result is
 * scheduled only when every producer of it is FINISHED (maybeScheduleRegions
 * after onExecutionStateChange(FINISHED)). Streaming keeps one slot sharing
 * group, so the consumers reuse the producers' shared slots. */
START_TEST (test_blocking_region_waits_for_producers)
{
  g_autoptr (TestJob) j = test_job_new ("Blocking");
  FsimStreamNode *s = test_source (j, "Numbers", 2);
  s->bounded = TRUE;
  s->knobs.records = 100;
  s->knobs.rate_per_s = 1000.0;
  FsimStreamNode *k = test_sink (j, "Out", 2);
  test_connect_blocking (j, s, k, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings set;
  test_settings (&set, 1, 2);
  test_job_start (j, &set);
  ck_assert_int_eq (test_job_run (j, HOUR), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FINISHED);
  g_autoptr (GPtrArray) regions = test_records (j->trace, FSIM_SCHED_KIND_REGION_SCHEDULED);
  /* nothing pipelined joins the subtasks: each is its own region
   * (DefaultExecutionTopology), sources first */
  ck_assert_int_eq (regions->len, 4);
  gint64 producers_done = 0;
  for (int i = 0; i < 2; i++)
    producers_done = MAX (producers_done,
                          test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, i,
                                        "FINISHED")->time_us);
  ck_assert_int_lt (((const FsimTraceRecord *) g_ptr_array_index (regions, 1))->time_us,
                    producers_done);
  for (int r = 2; r < 4; r++)
    ck_assert_int_eq (((const FsimTraceRecord *) g_ptr_array_index (regions, r))->time_us,
                      producers_done);
  for (int i = 0; i < 2; i++)
    {
      const FsimTraceRecord *sched = test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 1,
                                                   i, "SCHEDULED");
      ck_assert_int_eq (sched->time_us, producers_done);
      const FsimTraceRecord *src = test_last (j->trace, FSIM_SCHED_KIND_SLOT_ASSIGNED, 0, i);
      const FsimTraceRecord *dst = test_last (j->trace, FSIM_SCHED_KIND_SLOT_ASSIGNED, 1, i);
      ck_assert_int_eq (src->slot, dst->slot);
    }
  test_assert_transitions_legal (j->trace);
}
END_TEST

static char *
run_digest (guint64 seed)
{
  g_autoptr (TestJob) j = bounded_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 1);
  s.seed = seed;
  test_job_start (j, &s);
  test_job_run (j, HOUR);
  return fsim_trace_digest (j->trace);
}

/* Same job, settings and seed: byte-identical trace. The seed drives the
 * task start-up times, so another seed gives another trace. */
START_TEST (test_same_seed_same_trace)
{
  g_autofree char *a = run_digest (7);
  g_autofree char *b = run_digest (7);
  g_autofree char *c = run_digest (8);
  ck_assert_str_eq (a, b);
  ck_assert_str_ne (a, c);
}
END_TEST

/* Every example job and plan shipped in examples/: all traced transitions
 * legal. (Job files need the parser; those that do not load are skipped.) */
START_TEST (test_examples_transitions_legal)
{
  g_autofree char *dir = fsim_test_srcpath ("examples");
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *subdirs[] = { "", "plans", NULL };
  for (const char **sub = subdirs; *sub; sub++)
    {
      g_autofree char *d = g_build_filename (dir, *sub, NULL);
      g_autoptr (GDir) gd = g_dir_open (d, 0, NULL);
      const char *name;
      while (gd && (name = g_dir_read_name (gd)))
        if (g_str_has_suffix (name, ".job") || g_str_has_suffix (name, ".json"))
          g_ptr_array_add (paths, g_build_filename (d, name, NULL));
    }
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  int ran = 0;
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimJob) job = fsim_job_load (g_ptr_array_index (paths, i), &error);
      if (job == NULL)
        continue;
      g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
      ck_assert_msg (run != NULL, "%s: %s", (char *) g_ptr_array_index (paths, i),
                     error ? error->message : "?");
      fsim_job_run_run (run, -1);
      test_assert_transitions_legal (fsim_job_run_get_trace (run));
      ran++;
    }
  ck_assert_int_gt (ran, 0);
}
END_TEST

void
scheduler_lifecycle_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("JobStatus and ExecutionState over a run");
  tcase_add_test (tc, test_submission_order);
  tcase_add_test (tc, test_bounded_job_finishes);
  tcase_add_test (tc, test_counts_agree_in_number);
  tcase_add_test (tc, test_end_of_partition_latency);
  tcase_add_test (tc, test_bounded_source_without_rate);
  tcase_add_test (tc, test_bounded_source_beyond_the_clock);
  tcase_add_test (tc, test_large_region_record);
  tcase_add_test (tc, test_trace_bound);
  tcase_add_test (tc, test_heartbeats);
  tcase_add_test (tc, test_heartbeat_sender_without_target_stops);
  tcase_add_test (tc, test_no_progress_limit);
  tcase_add_test (tc, test_no_run_end_after_shutdown);
  tcase_add_test (tc, test_blocking_region_waits_for_producers);
  tcase_add_test (tc, test_examples_transitions_legal);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("Determinism");
  tcase_add_test (tc, test_same_seed_same_trace);
  suite_add_tcase (suite, tc);
}
