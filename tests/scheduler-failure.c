/* scheduler-failure.c - not enough slots: NoResourceAvailableException.
 *
 * Flink: with too few slots the executions stay SCHEDULED
 * and the job RUNNING; PhysicalSlotRequestBulkCheckerImpl checks the bulk
 * slot.request.timeout after it was registered and, since it has been
 * unfulfillable all along, cancels it with NoResourceAvailableException
 * ("Slot request bulk is not fulfillable! …") caused by a TimeoutException
 * ("Timeout has occurred: " + the Duration). Without checkpointing there is
 * no restart strategy, so the job goes FAILING -> FAILED
 * (DefaultSchedulerTest.failJobIfNotEnoughResources). */
#include "config.h"

#include <string.h>

#include "tests/scheduler-tests.h"

/* Source(2) -rebalance-> Map(4): one region needing 4 slots. */
static TestJob *
four_slot_job (void)
{
  TestJob *j = test_job_new ("Too Wide");
  FsimStreamNode *s = test_source (j, "S", 2);
  FsimStreamNode *m = test_op (j, "Map", 4);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  return j;
}

static const FsimTraceRecord *
region_scheduled (TestJob *j)
{
  g_autoptr (GPtrArray) r = test_records (j->trace, FSIM_SCHED_KIND_REGION_SCHEDULED);
  ck_assert_int_eq (r->len, 1);
  return g_ptr_array_index (r, 0);
}

START_TEST (test_waits_scheduled_until_timeout)
{
  g_autoptr (TestJob) j = four_slot_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  gint64 timeout = s.slot_request_timeout_us;
  ck_assert_int_eq (timeout, 300 * G_USEC_PER_SEC);   /* slot.request.timeout: 5 min */
  test_job_run (j, G_USEC_PER_SEC);
  gint64 registered = region_scheduled (j)->time_us;
  /* just before the check: still RUNNING, nothing deployed */
  test_job_run (j, registered + timeout - 1);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  for (int v = 0; v < 2; v++)
    for (int i = 0; i < (v ? 4 : 2); i++)
      ck_assert_str_eq (fsim_trace_record_to_name (test_last (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, v, i)),
                        "SCHEDULED");
  g_autoptr (GPtrArray) none = test_records (j->trace, FSIM_SCHED_KIND_BULK_TIMEOUT);
  ck_assert_int_eq (none->len, 0);
}
END_TEST

START_TEST (test_bulk_timeout_fails_job)
{
  g_autoptr (TestJob) j = four_slot_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  FsimRunResult result = test_job_run (j, HOUR);
  /* the cluster shuts down once the job is FAILED: the queue drains */
  ck_assert_int_eq (result, FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILED);

  gint64 registered = region_scheduled (j)->time_us;
  g_autoptr (GPtrArray) timeouts = test_records (j->trace, FSIM_SCHED_KIND_BULK_TIMEOUT);
  ck_assert_int_eq (timeouts->len, 1);
  const FsimTraceRecord *t = g_ptr_array_index (timeouts, 0);
  ck_assert_int_eq (t->time_us, registered + s.slot_request_timeout_us);
  ck_assert_ptr_nonnull (strstr (t->detail,
    "org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException: "
    "Slot request bulk is not fulfillable! Could not allocate the required slot "
    "within slot request timeout"));
  /* java.time.Duration.ofMinutes (5).toString () */
  ck_assert_ptr_nonnull (strstr (t->detail, "Timeout has occurred: PT5M"));
  /* the numbers: 4 slots needed, 2 assigned, the cluster has 2 */
  ck_assert_ptr_nonnull (strstr (t->why, "needed 4 slots and got 2"));
  ck_assert_ptr_nonnull (strstr (t->why, "the cluster has 2 (1 TaskManager x 2 slots)"));

  /* JobStatus: INITIALIZING -> CREATED -> RUNNING -> FAILING -> FAILED */
  static const char *const want[] = { "CREATED", "RUNNING", "FAILING", "FAILED" };
  g_autoptr (GPtrArray) status = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  ck_assert_int_eq (status->len, G_N_ELEMENTS (want));
  for (guint i = 0; i < status->len; i++)
    ck_assert_str_eq (fsim_trace_record_to_name (((const FsimTraceRecord *) g_ptr_array_index (status, i))), want[i]);
  const FsimTraceRecord *failing = g_ptr_array_index (status, 2);
  ck_assert_int_eq (failing->time_us, t->time_us);
  /* ExecutionFailureHandler.handleFailure with NoRestartBackoffTimeStrategy
   * (Flink's default without checkpointing): new JobException ("Recovery is
   * suppressed by " + strategy, cause); the execution's own cause is not
   * wrapped */
  g_autofree char *wrapped = g_strdup_printf (
    "org.apache.flink.runtime.JobException: Recovery is suppressed by "
    "NoRestartBackoffTimeStrategy (caused by %s)", t->detail);
  ck_assert_str_eq (failing->detail, wrapped);
  ck_assert_str_eq (((const FsimTraceRecord *) g_ptr_array_index (status, 3))->detail, wrapped);
  /* nothing was deployed, so everything ends at the timeout itself */
  ck_assert_int_eq (((const FsimTraceRecord *) g_ptr_array_index (status, 3))->time_us,
                    t->time_us);

  /* the first execution without a slot fails (markFailed); the others are
   * cancelled by failJob (CREATED/SCHEDULED: cancelAtomically) */
  int failed = 0, canceled = 0;
  for (int v = 0; v < 2; v++)
    for (int i = 0; i < (v ? 4 : 2); i++)
      {
        const char *end = fsim_trace_record_to_name (test_last (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, v, i));
        failed += strcmp (end, "FAILED") == 0;
        canceled += strcmp (end, "CANCELED") == 0;
        ck_assert_ptr_null (test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, v, i,
                                          "DEPLOYING"));
      }
  ck_assert_int_eq (failed, 1);
  ck_assert_int_eq (canceled, 5);
  /* Map (3/4) is the first execution in topological order without a slot */
  ck_assert_str_eq (fsim_trace_record_to_name (test_last (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 1, 2)), "FAILED");
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* A shorter slot.request.timeout moves the failure with it, and
 * Duration.toString prints seconds: "PT10S". */
START_TEST (test_timeout_follows_config)
{
  g_autoptr (TestJob) j = four_slot_job ();
  FsimClusterSettings s;
  test_settings (&s, 1, 3);
  s.slot_request_timeout_us = 10 * G_USEC_PER_SEC;
  test_job_start (j, &s);
  test_job_run (j, HOUR);
  g_autoptr (GPtrArray) timeouts = test_records (j->trace, FSIM_SCHED_KIND_BULK_TIMEOUT);
  ck_assert_int_eq (timeouts->len, 1);
  const FsimTraceRecord *t = g_ptr_array_index (timeouts, 0);
  ck_assert_int_eq (t->time_us, region_scheduled (j)->time_us + 10 * G_USEC_PER_SEC);
  ck_assert_ptr_nonnull (strstr (t->detail, "Timeout has occurred: PT10S"));
  ck_assert_ptr_nonnull (strstr (t->why, "needed 4 slots and got 3"));
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILED);
}
END_TEST

/* Pointwise islands: regions that got slots run; the last one waits, and
 * its timeout fails the whole job, cancelling the running regions through
 * the TaskManager (CANCELING, then CANCELED once confirmed). */
START_TEST (test_running_regions_cancelled)
{
  g_autoptr (TestJob) j = test_job_new ("Islands");
  FsimStreamNode *src = test_source (j, "S", 3);
  FsimStreamNode *map = test_op (j, "Map", 3);
  test_connect (j, src, map, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings s;
  test_settings (&s, 1, 2);
  test_job_start (j, &s);
  test_job_run (j, HOUR);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILED);
  for (int k = 0; k < 2; k++)
    {
      ck_assert_ptr_nonnull (test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, k,
                                           "RUNNING"));
      const FsimTraceRecord *canceling =
        test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, k, "CANCELING");
      const FsimTraceRecord *canceled =
        test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, k, "CANCELED");
      ck_assert_ptr_nonnull (canceling);
      ck_assert_ptr_nonnull (canceled);
      /* cancelTask there, CANCELED back: two RPCs */
      ck_assert_int_eq (canceled->time_us - canceling->time_us, 2 * s.rpc_latency_us);
    }
  ck_assert_str_eq (fsim_trace_record_to_name (test_last (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, 2)), "FAILED");
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* Source(2) -rebalance-> Map(2) on 2 TaskManagers x 1 slot: subtask i of
 * both in TaskManager i + 1. */
static TestJob *
running_job (void)
{
  TestJob *j = test_job_new ("Running");
  FsimStreamNode *s = test_source (j, "S", 2);
  FsimStreamNode *m = test_op (j, "Map", 2);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  FsimClusterSettings set;
  test_settings (&set, 2, 1);
  test_job_start (j, &set);
  /* the engine's own run: no run-end record in the middle */
  fsim_sim_run_until (j->sim, 12 * G_USEC_PER_SEC);
  return j;
}


/* A task that throws: FAILED on the TaskManager, reported one RPC later
 * (Execution.markFailed), then with no restart strategy failJob: FAILING,
 * the other executions cancelled (cancelTask and the confirmation: two
 * RPCs), FAILED (DefaultSchedulerTest's failure path without restarts). */
START_TEST (test_task_failure_fails_job)
{
  g_autoptr (TestJob) j = running_job ();
  gint64 t = fsim_sim_now (j->sim);
  gint64 l = 1000;
  fsim_cluster_fail_task (j->cluster, 1, 1, "java.lang.RuntimeException: boom");
  test_job_run (j, HOUR);
  const FsimTraceRecord *tm_failed =
    test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, 1, 1, "FAILED");
  ck_assert_int_eq (tm_failed->time_us, t);
  /* the fault record names its subject as every execution record does, so a
   * viewer can put it on the failed subtask's row */
  g_autoptr (GPtrArray) faults = test_records (j->trace, FSIM_SCHED_KIND_FAULT);
  ck_assert_uint_eq (faults->len, 1);
  const FsimTraceRecord *fault = g_ptr_array_index (faults, 0);
  ck_assert_int_eq (fault->vertex, 1);
  ck_assert_int_eq (fault->subtask, 1);
  ck_assert_int_eq (fault->attempt, 0);
  ck_assert_int_eq (fault->taskmanager, tm_failed->taskmanager);
  ck_assert_int_eq (fault->slot, tm_failed->slot);
  ck_assert_int_ge (fault->slot, 0);
  const FsimTraceRecord *jm_failed =
    test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 1, 1, "FAILED");
  ck_assert_int_eq (jm_failed->time_us, t + l);
  ck_assert_str_eq (jm_failed->detail, "java.lang.RuntimeException: boom");
  g_autoptr (GPtrArray) status = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  const FsimTraceRecord *failing = g_ptr_array_index (status, status->len - 2);
  const FsimTraceRecord *failed = g_ptr_array_index (status, status->len - 1);
  ck_assert_str_eq (fsim_trace_record_to_name (failing), "FAILING");
  ck_assert_int_eq (failing->time_us, t + l);
  /* ExecutionFailureHandler.handleFailure, NoRestartBackoffTimeStrategy */
  ck_assert_str_eq (failing->detail, "org.apache.flink.runtime.JobException: Recovery is "
                    "suppressed by NoRestartBackoffTimeStrategy (caused by "
                    "java.lang.RuntimeException: boom)");
  ck_assert_str_eq (failed->detail, failing->detail);
  ck_assert_str_eq (fsim_trace_record_to_name (failed), "FAILED");
  ck_assert_int_eq (failed->time_us, t + 3 * l);
  for (int v = 0; v < 2; v++)
    for (int i = 0; i < 2; i++)
      if (!(v == 1 && i == 1))
        ck_assert_str_eq (fsim_trace_record_to_name (test_last (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, v, i)),
                          "CANCELED");
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* A killed TaskManager answers no heartbeat. The JobMaster last heard from
 * it at 10 s + 1 ms (its start) + 2 RPCs = 10.003 s... then 20.003 s; it
 * declares it dead heartbeat.timeout (50 s) later, at 70.003 s, and fails
 * the tasks in its slots with Flink's message; the job fails. */
START_TEST (test_killed_taskmanager_times_out)
{
  g_autoptr (TestJob) j = running_job ();
  fsim_sim_run_until (j->sim, 30 * G_USEC_PER_SEC);
  fsim_cluster_kill_taskmanager (j->cluster, 2);
  test_job_run (j, HOUR);
  g_autoptr (GPtrArray) timeouts = test_records (j->trace, FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT);
  ck_assert_int_eq (timeouts->len, 2);
  const FsimTraceRecord *rm = g_ptr_array_index (timeouts, 0);
  const FsimTraceRecord *jm = g_ptr_array_index (timeouts, 1);
  ck_assert_int_eq (rm->time_us, 20002000 + 50 * G_USEC_PER_SEC);
  ck_assert_str_eq (rm->detail, "The heartbeat of TaskManager with id TaskManager 2 timed out.");
  ck_assert_int_eq (jm->time_us, 20003000 + 50 * G_USEC_PER_SEC);
  ck_assert_str_eq (jm->detail, "Heartbeat of TaskManager with id TaskManager 2 timed out.");
  for (int v = 0; v < 2; v++)
    {
      const FsimTraceRecord *f = test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, v, 1,
                                               "FAILED");
      const FsimTraceRecord *c = test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, v, 1,
                                               "CANCELING");
      /* the first task of the lost TaskManager fails, the job fails, and
       * the rest are cancelled or failed: never both */
      ck_assert (f != NULL || c != NULL);
      if (f)
        ck_assert_int_eq (f->time_us, jm->time_us);
      /* a dead TaskManager reports nothing */
      ck_assert_ptr_null (test_entered (j->trace, FSIM_SCHED_KIND_TASK_STATE, v, 1, "CANCELED"));
    }
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILED);
  test_assert_transitions_legal (j->trace);
}
END_TEST

/* Source(2) -rebalance-> Map(2) on 2 TaskManagers x 1 slot, with
 * fixed-delay restarts (attempts, delay), started; set is filled in. */
static TestJob *
fixed_delay_job (const char *attempts, const char *delay, FsimClusterSettings *set)
{
  TestJob *j = test_job_new ("Restarting");
  FsimStreamNode *s = test_source (j, "S", 2);
  FsimStreamNode *m = test_op (j, "Map", 2);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  test_settings (set, 2, 1);
  g_autoptr (FsimConfig) config = fsim_config_new ();
  ck_assert (fsim_config_set (config, "restart-strategy.type", "fixed-delay", NULL));
  ck_assert (fsim_config_set (config, "restart-strategy.fixed-delay.attempts", attempts, NULL));
  ck_assert (fsim_config_set (config, "restart-strategy.fixed-delay.delay", delay, NULL));
  ck_assert (fsim_restart_strategy_config_load (&set->restart, config, FALSE, NULL));
  test_job_start (j, set);
  return j;
}

/* fixed-delay, 1 attempt, 2 s (FixedDelayRestartBackoffTimeStrategy):
 * the first failure restarts the failed task's pipelined region (the whole
 * job: one region of pipelined edges) 2 s after the failure reached the
 * JobMaster, its subtasks in a new attempt #1; the second failure finds
 * the attempts used up and failJob wraps its cause in Flink's JobException
 * naming the strategy (ExecutionFailureHandler). */
START_TEST (test_fixed_delay_restarts_then_fails)
{
  FsimClusterSettings set;
  TestJob *j = fixed_delay_job ("1", "2 s", &set);
  fsim_sim_run_until (j->sim, 12 * G_USEC_PER_SEC);
  gint64 t = fsim_sim_now (j->sim);
  fsim_cluster_fail_task (j->cluster, 1, 1, "java.lang.RuntimeException: boom");
  fsim_sim_run_until (j->sim, 30 * G_USEC_PER_SEC);
  g_autoptr (GPtrArray) status = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  const FsimTraceRecord *restarting = NULL, *running = NULL;
  for (guint i = 0; i < status->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (status, i);
      if (!restarting && g_strcmp0 (fsim_trace_record_to_name (r), "RESTARTING") == 0)
        restarting = r;
      else if (restarting && !running && g_strcmp0 (fsim_trace_record_to_name (r), "RUNNING") == 0)
        running = r;
    }
  ck_assert_ptr_nonnull (restarting);
  ck_assert_ptr_nonnull (running);
  /* the Task fails at t, the JobMaster hears it one RPC later */
  ck_assert_int_eq (restarting->time_us, t + set.rpc_latency_us);
  ck_assert_int_eq (running->time_us, restarting->time_us + 2 * G_USEC_PER_SEC);
  for (int v = 0; v < 2; v++)
    for (int i = 0; i < 2; i++)
      ck_assert_int_eq (fsim_cluster_get_current_attempt (j->cluster, v, i), 1);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  /* the second failure: no attempt left */
  fsim_cluster_fail_task (j->cluster, 0, 0, "java.lang.RuntimeException: again");
  test_job_run (j, HOUR);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_FAILED);
  g_autoptr (GPtrArray) all = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  const FsimTraceRecord *failing = g_ptr_array_index (all, all->len - 2);
  ck_assert_str_eq (fsim_trace_record_to_name (failing), "FAILING");
  ck_assert_str_eq (failing->detail, "org.apache.flink.runtime.JobException: Recovery is "
                    "suppressed by FixedDelayRestartBackoffTimeStrategy("
                    "maxNumberRestartAttempts=1, backoffTimeMS=2000) (caused by "
                    "java.lang.RuntimeException: again)");
  g_autoptr (GPtrArray) failovers = test_records (j->trace, FSIM_SCHED_KIND_FAILOVER);
  ck_assert_uint_eq (failovers->len, 2);
  const FsimTraceRecord *first = g_ptr_array_index (failovers, 0);
  ck_assert_int_eq (first->values[1], 4);                       /* every subtask */
  ck_assert_int_eq (first->values[2], 2 * G_USEC_PER_SEC);
  const FsimTraceRecord *second = g_ptr_array_index (failovers, 1);
  ck_assert_int_eq (second->values[1], 0);
  ck_assert_int_eq (second->values[2], -1);
  test_assert_transitions_legal (j->trace);
  test_job_free (j);
}
END_TEST

/* A killed TaskManager with a restart strategy (fixed-delay, 3 attempts,
 * 1 s) and sim.taskmanager-restart-delay 10 s: the supervisor starts
 * TaskManager 3 at kill + 10 s; the JobMaster notices the loss at
 * heartbeat.timeout (50 s after the last heartbeat answered), the failover
 * strategy restarts the region 1 s later, and the subtasks that ran on the
 * lost TaskManager now run on the new one, in attempt #1. */
START_TEST (test_killed_taskmanager_replaced_and_restarted)
{
  FsimClusterSettings set;
  TestJob *j = fixed_delay_job ("3", "1 s", &set);
  ck_assert_int_eq (set.taskmanager_restart_delay_us, 10 * G_USEC_PER_SEC);
  fsim_sim_run_until (j->sim, 30 * G_USEC_PER_SEC);
  fsim_cluster_kill_taskmanager (j->cluster, 2);
  fsim_sim_run_until (j->sim, 120 * G_USEC_PER_SEC);
  g_autoptr (GPtrArray) registered = test_records (j->trace, FSIM_SCHED_KIND_TASKMANAGER_REGISTERED);
  const FsimTraceRecord *third = NULL;
  for (guint i = 0; i < registered->len; i++)
    if (((const FsimTraceRecord *) g_ptr_array_index (registered, i))->taskmanager == 3)
      third = g_ptr_array_index (registered, i);
  ck_assert_ptr_nonnull (third);
  /* started at 40 s, registered one RPC later */
  ck_assert_int_eq (third->time_us, 40 * G_USEC_PER_SEC + set.rpc_latency_us);
  g_autoptr (GPtrArray) timeouts = test_records (j->trace, FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT);
  const FsimTraceRecord *jm = g_ptr_array_index (timeouts, 1);
  g_autoptr (GPtrArray) status = test_records (j->trace, FSIM_SCHED_KIND_JOB_STATUS);
  const FsimTraceRecord *last = g_ptr_array_index (status, status->len - 1);
  ck_assert_str_eq (fsim_trace_record_to_name (last), "RUNNING");
  ck_assert_int_eq (last->time_us, jm->time_us + G_USEC_PER_SEC);
  ck_assert_int_eq (fsim_cluster_get_job_status (j->cluster), FSIM_JOB_RUNNING);
  for (int v = 0; v < 2; v++)
    {
      ck_assert_int_eq (fsim_cluster_get_current_attempt (j->cluster, v, 1), 1);
      FsimExecutionState st;
      ck_assert (fsim_cluster_get_execution_state (j->cluster, v, 1, &st));
      ck_assert_int_eq (st, FSIM_EXECUTION_RUNNING);
      const FsimTraceRecord *dep = test_last (j->trace, FSIM_SCHED_KIND_TASK_STATE, v, 1);
      ck_assert_int_eq (dep->taskmanager, 3);
    }
  test_assert_transitions_legal (j->trace);
  test_job_free (j);
}
END_TEST

/* sim.faults.rate: a Poisson process of failures. Over T hours at rate r
 * the number of faults is Poisson (r T): 600 per hour for 1 h has mean 600
 * and standard deviation sqrt (600) = 24.5; the count lies within 5 of
 * them (478 .. 722) unless the generator is broken. The same seed gives
 * the same fault times; another seed others. Each fault fails a running
 * subtask; fixed-delay (many attempts, no delay) brings it back. */
static GArray *
fault_times (guint64 seed, double rate, gint64 *count)
{
  TestJob *j = test_job_new ("Random faults");
  FsimStreamNode *s = test_source (j, "S", 2);
  s->knobs.rate_per_s = 1;
  FsimStreamNode *m = test_op (j, "Map", 2);
  test_connect (j, s, m, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings set;
  test_settings (&set, 2, 1);
  g_autoptr (FsimConfig) config = fsim_config_new ();
  ck_assert (fsim_config_set (config, "restart-strategy.type", "fixed-delay", NULL));
  ck_assert (fsim_config_set (config, "restart-strategy.fixed-delay.attempts", "1000000", NULL));
  ck_assert (fsim_config_set (config, "restart-strategy.fixed-delay.delay", "0 ms", NULL));
  ck_assert (fsim_restart_strategy_config_load (&set.restart, config, FALSE, NULL));
  set.seed = seed;
  set.faults_per_hour = rate;
  test_job_start (j, &set);
  fsim_cluster_start_random_faults (j->cluster);
  FsimRunResult rr = fsim_sim_run_until (j->sim, HOUR);
  ck_assert_msg (rr == FSIM_RUN_TIME_LIMIT, "run result %d", rr);
  g_autoptr (GPtrArray) faults = test_records (j->trace, FSIM_SCHED_KIND_FAULT);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < faults->len; i++)
    g_array_append_val (times, ((const FsimTraceRecord *) g_ptr_array_index (faults, i))->time_us);
  *count = faults->len;
  const FsimTraceRecord *last = fsim_trace_get (j->trace, fsim_trace_count (j->trace) - 1);
  ck_assert_msg (fsim_cluster_get_job_status (j->cluster) == FSIM_JOB_RUNNING,
                 "status %d after %" G_GINT64_FORMAT " records, last %s at %" G_GINT64_FORMAT,
                 fsim_cluster_get_job_status (j->cluster), fsim_trace_count (j->trace),
                 last->kind->name, last->time_us);
  test_job_free (j);
  return times;
}

START_TEST (test_random_faults_poisson)
{
  gint64 n1, n2, n3;
  g_autoptr (GArray) a = fault_times (1, 600, &n1);
  g_autoptr (GArray) b = fault_times (1, 600, &n2);
  g_autoptr (GArray) c = fault_times (2, 600, &n3);
  ck_assert_msg (n1 >= 478 && n1 <= 722, "%" G_GINT64_FORMAT " faults in 1 h at 600/h", n1);
  ck_assert_int_eq (n1, n2);
  ck_assert (memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
  ck_assert (n3 != n1 || memcmp (a->data, c->data, a->len * sizeof (gint64)) != 0);
}
END_TEST

void
scheduler_failure_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("PhysicalSlotRequestBulkCheckerImpl");
  tcase_add_test (tc, test_waits_scheduled_until_timeout);
  tcase_add_test (tc, test_bulk_timeout_fails_job);
  tcase_add_test (tc, test_timeout_follows_config);
  tcase_add_test (tc, test_running_regions_cancelled);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("Faults without restart strategy");
  tcase_add_test (tc, test_task_failure_fails_job);
  tcase_add_test (tc, test_killed_taskmanager_times_out);
  tcase_add_test (tc, test_fixed_delay_restarts_then_fails);
  tcase_add_test (tc, test_killed_taskmanager_replaced_and_restarted);
  tcase_add_test (tc, test_random_faults_poisson);
  suite_add_tcase (suite, tc);
}
