/* checkpoint-coordinator.c - Flink's own test sequences, replayed.
 *
 * CheckpointRequestDeciderTest and CheckpointFailureManagerTest run on the
 * decider and the failure manager alone (checkpoint/coordinator-private.h),
 * as Flink's do; CheckpointCoordinatorTest, CheckpointCoordinatorTriggeringTest
 * and CompletedCheckpointStoreTest run on the coordinator over the fake job
 * (check_checkpoint.c). Each test names the Flink test method it replays;
 * every expected value follows from the rule that test holds (the comment
 * says which), not from a run of ours. Flink's ManuallyTriggeredScheduledExecutor
 * becomes simulated time: "trigger the ScheduledTrigger" is running the sim
 * to the trigger's time. */
#include "config.h"

#include <string.h>

#include "checkpoint/coordinator-private.h"
#include "tests/checkpoint-tests.h"

#define MS(x) ((gint64) (x) * 1000)
#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* ======================================================================== */
/* CheckpointRequestDeciderTest                                              */

typedef struct {
  GArray *failed;               /* gint64: request numbers, in order */
  GArray *reasons;              /* FsimCheckpointFailureReason */
  int reschedules;
  gint64 last_delay_us;
} DeciderLog;

static void
log_reschedule (gpointer data, gint64 now_us, gint64 delay_us)
{
  DeciderLog *log = data;
  log->reschedules++;
  log->last_delay_us = delay_us;
}

static void
log_failed (gpointer data, const FsimCheckpointTriggerRequest *r, FsimCheckpointFailureReason reason)
{
  DeciderLog *log = data;
  g_array_append_val (log->failed, r->number);
  g_array_append_val (log->reasons, reason);
}

static const FsimCheckpointDeciderHost decider_log_host = { log_reschedule, log_failed };

typedef struct {
  DeciderLog log;
  FsimCheckpointRequestDecider *decider;
  FsimCheckpointDeciderState st;
  gint64 next_number;
} DeciderFixture;

/* The test's decider(maxQueued, maxPending, minPause, currentPending,
 * currentCleaning): a ManualClock advanced by one day. */
static DeciderFixture *
decider_fixture_new (int max_queued, int max_pending, gint64 min_pause_us, int pending,
                     int cleaning)
{
  DeciderFixture *d = g_new0 (DeciderFixture, 1);
  d->log.failed = g_array_new (FALSE, FALSE, sizeof (gint64));
  d->log.reasons = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointFailureReason));
  d->decider = fsim_checkpoint_request_decider_new (max_pending, min_pause_us, max_queued,
                                                    &decider_log_host, &d->log);
  d->st = (FsimCheckpointDeciderState) { FALSE, 0, DAY_US, pending, cleaning };
  d->next_number = 1;
  return d;
}

static void
decider_fixture_free (DeciderFixture *d)
{
  fsim_checkpoint_request_decider_free (d->decider);
  g_array_unref (d->log.failed);
  g_array_unref (d->log.reasons);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeciderFixture, decider_fixture_free)

/* The test's request makers: checkpointRequest (periodic) and
 * savepointRequest (force, periodic), made in order, so their timestamps
 * do not decrease. */
typedef enum {
  REGULAR_CHECKPOINT,           /* periodic */
  MANUAL_CHECKPOINT,
  REGULAR_SAVEPOINT,            /* forced, not periodic */
  PERIODIC_SAVEPOINT,           /* forced, periodic */
  NON_FORCED_PERIODIC_SAVEPOINT,
  NON_FORCED_SAVEPOINT,
} RequestKind;

static FsimCheckpointTriggerRequest
make_request (DeciderFixture *d, RequestKind kind)
{
  static const struct {
    gboolean savepoint, force, periodic;
  } kinds[] = {
    [REGULAR_CHECKPOINT] = { FALSE, FALSE, TRUE },
    [MANUAL_CHECKPOINT] = { FALSE, FALSE, FALSE },
    [REGULAR_SAVEPOINT] = { TRUE, TRUE, FALSE },
    [PERIODIC_SAVEPOINT] = { TRUE, TRUE, TRUE },
    [NON_FORCED_PERIODIC_SAVEPOINT] = { TRUE, FALSE, TRUE },
    [NON_FORCED_SAVEPOINT] = { TRUE, FALSE, FALSE },
  };
  gint64 n = d->next_number++;
  return (FsimCheckpointTriggerRequest) { n, d->st.now_us, kinds[kind].periodic,
                                          kinds[kind].savepoint, kinds[kind].force };
}

static gboolean
submit (DeciderFixture *d, const FsimCheckpointTriggerRequest *r, gboolean is_triggering,
        gint64 last_completion_us, FsimCheckpointTriggerRequest *out)
{
  d->st.is_triggering = is_triggering;
  d->st.last_completion_us = last_completion_us;
  FsimCheckpointTriggerRequest dummy;
  return fsim_checkpoint_request_decider_submit (d->decider, r, &d->st, out ? out : &dummy);
}

static gboolean
choose_queued (DeciderFixture *d, gboolean is_triggering, gint64 last_completion_us,
               FsimCheckpointTriggerRequest *out)
{
  d->st.is_triggering = is_triggering;
  d->st.last_completion_us = last_completion_us;
  return fsim_checkpoint_request_decider_choose_queued (d->decider, &d->st, out);
}

static gboolean
has_failed (DeciderFixture *d, gint64 number, FsimCheckpointFailureReason *reason)
{
  for (guint i = 0; i < d->log.failed->len; i++)
    if (g_array_index (d->log.failed, gint64, i) == number)
      {
        if (reason)
          *reason = g_array_index (d->log.reasons, FsimCheckpointFailureReason, i);
        return TRUE;
      }
  return FALSE;
}

/* testForce: a forced request (a periodic savepoint) runs although
 * maxPending (1) are pending and min-pause (Integer.MAX_VALUE ms) has not
 * passed: only a forced request passes maxConcurrent. */
START_TEST (test_decider_force)
{
  g_autoptr (DeciderFixture) d = decider_fixture_new (1, 1, MS (G_MAXINT32), 1, 0);
  FsimCheckpointTriggerRequest r = make_request (d, PERIODIC_SAVEPOINT), out;
  ck_assert (submit (d, &r, FALSE, MS (123), &out));
  ck_assert_int_eq (out.number, r.number);
}
END_TEST

/* testEnqueueOnTooManyPending, testNonForcedEnqueueOnTooManyPending: with
 * maxPending pending a request is not run but kept, and runs once fewer
 * are pending. */
START_TEST (test_decider_enqueue_on_too_many_pending)
{
  for (int savepoint = 0; savepoint <= 1; savepoint++)
    {
      g_autoptr (DeciderFixture) d = decider_fixture_new (G_MAXINT32, 1, MS (1), 1, 0);
      FsimCheckpointTriggerRequest r = make_request (d, savepoint ? NON_FORCED_SAVEPOINT
                                                                  : REGULAR_CHECKPOINT), out;
      ck_assert (!submit (d, &r, FALSE, 0, NULL));
      ck_assert_uint_eq (fsim_checkpoint_request_decider_get_n_queued (d->decider), 1);
      ck_assert_uint_eq (d->log.failed->len, 0);
      d->st.n_pending = 0;
      ck_assert (choose_queued (d, FALSE, 0, &out));
      ck_assert_int_eq (out.number, r.number);
    }
}
END_TEST

/* testEnqueueOnTooManyCleaning: more than maxConcurrent checkpoints being
 * cleaned up (11 > 10) hold every request back; at 10 it runs. */
START_TEST (test_decider_enqueue_on_too_many_cleaning)
{
  g_autoptr (DeciderFixture) d = decider_fixture_new (10, 10, MS (1), 0, 11);
  FsimCheckpointTriggerRequest r = make_request (d, REGULAR_CHECKPOINT), out;
  ck_assert (!submit (d, &r, FALSE, 0, NULL));
  d->st.n_cleaning--;
  ck_assert (choose_queued (d, FALSE, 0, &out));
  ck_assert_int_eq (out.number, r.number);
}
END_TEST

/* testUserSubmittedPrioritized, testSavepointPrioritized,
 * testNonForcedUserSubmittedPrioritized, testNonForcedSavepointPrioritized
 * (testRequestsOrdering with decider(10)): submitted in this order while a
 * trigger is in progress, the second comes out first: a user
 * (non-periodic) request before a periodic one made earlier, a savepoint
 * before a checkpoint. */
START_TEST (test_decider_ordering)
{
  static const RequestKind cases[][2] = {
    { PERIODIC_SAVEPOINT, REGULAR_SAVEPOINT },
    { REGULAR_CHECKPOINT, REGULAR_SAVEPOINT },
    { NON_FORCED_PERIODIC_SAVEPOINT, NON_FORCED_SAVEPOINT },
    { REGULAR_CHECKPOINT, NON_FORCED_SAVEPOINT },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (DeciderFixture) d = decider_fixture_new (10, 1, MS (1), 0, 0);
      FsimCheckpointTriggerRequest first = make_request (d, cases[k][0]);
      FsimCheckpointTriggerRequest second = make_request (d, cases[k][1]);
      ck_assert (!submit (d, &first, TRUE, MS (123), NULL));
      ck_assert (!submit (d, &second, TRUE, MS (123), NULL));
      FsimCheckpointTriggerRequest out;
      ck_assert (choose_queued (d, FALSE, MS (123), &out));
      ck_assert_int_eq (out.number, second.number);
      ck_assert (choose_queued (d, FALSE, MS (123), &out));
      ck_assert_int_eq (out.number, first.number);
    }
}
END_TEST

/* testQueueSizeLimit: 11 periodic requests into a queue of 10 while a
 * trigger is in progress: after the n-th, max (n - 10, 0) have failed,
 * each with TOO_MANY_CHECKPOINT_REQUESTS. */
START_TEST (test_decider_queue_size_limit)
{
  const int max_queued = 10;
  g_autoptr (DeciderFixture) d = decider_fixture_new (max_queued, 1, MS (1), 0, 0);
  for (int n = 1; n <= max_queued + 1; n++)
    {
      FsimCheckpointTriggerRequest r = make_request (d, REGULAR_CHECKPOINT);
      ck_assert (!submit (d, &r, TRUE, 0, NULL));
      ck_assert_uint_eq (d->log.failed->len, MAX (n - max_queued, 0));
      for (guint i = 0; i < d->log.reasons->len; i++)
        ck_assert_int_eq (g_array_index (d->log.reasons, FsimCheckpointFailureReason, i),
                          FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS);
    }
  ck_assert_uint_eq (fsim_checkpoint_request_decider_get_n_queued (d->decider), max_queued);
}
END_TEST

/* testQueueSizeLimitPriority: in a queue of one, a savepoint pushes the
 * periodic checkpoint out (the last of the sorted queue goes). */
START_TEST (test_decider_queue_size_limit_priority)
{
  g_autoptr (DeciderFixture) d = decider_fixture_new (1, 1, MS (1), 0, 0);
  FsimCheckpointTriggerRequest checkpoint = make_request (d, REGULAR_CHECKPOINT);
  FsimCheckpointTriggerRequest savepoint = make_request (d, REGULAR_SAVEPOINT);
  submit (d, &checkpoint, TRUE, 0, NULL);
  submit (d, &savepoint, TRUE, 0, NULL);
  FsimCheckpointFailureReason reason;
  ck_assert (has_failed (d, checkpoint.number, &reason));
  ck_assert_int_eq (reason, FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS);
  ck_assert (!has_failed (d, savepoint.number, NULL));
}
END_TEST

/* A full queue of manual requests keeps them and refuses the new one
 * (chooseRequestToExecute's first branch: "there are only non-periodic
 * (ie user-submitted) requests enqueued - retain them and drop the new one"). */
START_TEST (test_decider_full_queue_of_manual_requests)
{
  g_autoptr (DeciderFixture) d = decider_fixture_new (2, 1, MS (1), 0, 0);
  FsimCheckpointTriggerRequest a = make_request (d, MANUAL_CHECKPOINT);
  FsimCheckpointTriggerRequest b = make_request (d, MANUAL_CHECKPOINT);
  FsimCheckpointTriggerRequest c = make_request (d, MANUAL_CHECKPOINT);
  submit (d, &a, TRUE, 0, NULL);
  submit (d, &b, TRUE, 0, NULL);
  submit (d, &c, TRUE, 0, NULL);
  ck_assert_uint_eq (d->log.failed->len, 1);
  ck_assert (has_failed (d, c.number, NULL));
  ck_assert_uint_eq (fsim_checkpoint_request_decider_get_n_queued (d->decider), 2);
}
END_TEST

/* testCheckpointTiming, testSavepointTiming: pause 10 ms, the last
 * completion now: a periodic checkpoint is DROPPED
 * (MINIMUM_TIME_BETWEEN_CHECKPOINTS) and the trigger moved the remaining
 * 10 ms; a manual checkpoint and every savepoint run IMMEDIATELY. */
START_TEST (test_decider_timing)
{
  static const RequestKind kinds[] = { REGULAR_CHECKPOINT, MANUAL_CHECKPOINT, REGULAR_SAVEPOINT,
                                       PERIODIC_SAVEPOINT, NON_FORCED_SAVEPOINT };
  for (guint kind = 0; kind < G_N_ELEMENTS (kinds); kind++)
    {
      g_autoptr (DeciderFixture) d = decider_fixture_new (G_MAXINT32, 1, MS (10), 0, 0);
      d->st.now_us = 0;         /* new ManualClock () */
      FsimCheckpointTriggerRequest r = make_request (d, kinds[kind]);
      FsimCheckpointTriggerRequest out;
      gboolean ran = submit (d, &r, FALSE, d->st.now_us, &out);
      if (kind == 0)
        {
          FsimCheckpointFailureReason reason;
          ck_assert (!ran);
          ck_assert (has_failed (d, r.number, &reason));
          ck_assert_int_eq (reason, FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS);
          ck_assert_int_eq (d->log.reschedules, 1);
          ck_assert_int_eq (d->log.last_delay_us, MS (10));
          ck_assert_uint_eq (fsim_checkpoint_request_decider_get_n_queued (d->decider), 0);
        }
      else
        {
          ck_assert (ran);
          ck_assert_int_eq (out.number, r.number);
          ck_assert_int_eq (d->log.reschedules, 0);
        }
    }
}
END_TEST

/* ======================================================================== */
/* CheckpointFailureManagerTest                                              */

typedef struct {
  int invoked;                  /* TestFailJobCallback.invokeCounter */
  char *last_cause;
} FailLog;

static void
log_fail_job (gpointer data, const char *cause, const FsimCheckpointTask *task)
{
  FailLog *log = data;
  log->invoked++;
  g_free (log->last_cause);
  log->last_cause = g_strdup (cause);
}

static const FsimFailureManagerHost fail_log_host = { log_fail_job };

#define job_level(m, reason, id) \
  fsim_checkpoint_failure_manager_job_level ((m), FALSE, FSIM_CHECKPOINT_FAILURE_##reason, (id))

/* One step of a test's sequence: handleJobLevelCheckpointException (reason,
 * id), or handleCheckpointSuccess (id) for SUCCESS, and what Flink's rule
 * makes of it. */
#define SUCCESS (-1)
typedef struct {
  int reason;
  gint64 id;
  int outcome;                  /* FsimFailureOutcome; -1 for SUCCESS */
} Step;
#define F(reason, id, outcome) { FSIM_CHECKPOINT_FAILURE_##reason, (id), FSIM_FAILURE_##outcome }

/* Replays steps on a manager tolerating tolerable: every outcome as
 * expected, the job failed `failures` times, the count `count` at the end. */
static void
replay (int tolerable, const Step *steps, guint n, int failures, int count)
{
  FailLog log = { 0 };
  FsimCheckpointFailureManager *m = fsim_checkpoint_failure_manager_new (tolerable,
                                                                         &fail_log_host, &log);
  for (guint i = 0; i < n; i++)
    if (steps[i].reason == SUCCESS)
      fsim_checkpoint_failure_manager_success (m, steps[i].id);
    else
      ck_assert_msg ((int) fsim_checkpoint_failure_manager_job_level (m, FALSE, steps[i].reason,
                                                                steps[i].id)
                     == steps[i].outcome, "step %u", i);
  ck_assert_int_eq (log.invoked, failures);
  ck_assert_int_eq (fsim_checkpoint_failure_manager_get_count (m), count);
  g_free (log.last_cause);
  fsim_checkpoint_failure_manager_free (m);
}

/* testIgnoresPastCheckpoints: tolerable 2; failures of 1 and 2, success of
 * 2, then failures of 1 (older: ignored), 3 and 4: two counted, never three. */
START_TEST (test_failure_manager_ignores_past_checkpoints)
{
  static const Step steps[] = {
    F (CHECKPOINT_EXPIRED, 1, COUNTED), F (CHECKPOINT_EXPIRED, 2, COUNTED),
    { SUCCESS, 2, -1 },
    F (CHECKPOINT_EXPIRED, 1, NOT_COUNTED_OLD),
    F (CHECKPOINT_EXPIRED, 3, COUNTED), F (CHECKPOINT_EXPIRED, 4, COUNTED),
  };
  replay (2, steps, G_N_ELEMENTS (steps), 0, 2);
}
END_TEST

/* testContinuousFailure: tolerable 2; DECLINED 1, 2, JOB_FAILOVER_REGION 3
 * (not counted), DECLINED 4: the third counted failure exceeds 2, once;
 * the count is cleared then. */
START_TEST (test_failure_manager_continuous_failure)
{
  static const Step steps[] = {
    F (CHECKPOINT_DECLINED, 1, COUNTED), F (CHECKPOINT_DECLINED, 2, COUNTED),
    F (JOB_FAILOVER_REGION, 3, NOT_COUNTED_REASON), F (CHECKPOINT_DECLINED, 4, FAILS_JOB),
  };
  replay (2, steps, G_N_ELEMENTS (steps), 1, 0);
  /* FlinkRuntimeException(String.format ("%s The latest checkpoint failed due to %s, …")) */
  g_autofree char *cause = fsim_checkpoint_failure_manager_cause (
    FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED);
  ck_assert_str_eq (cause,
                    "org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint tolerable "
                    "failure threshold. The latest checkpoint failed due to Checkpoint was "
                    "declined., view the Checkpoint History tab or the Job Manager log to find "
                    "out why continuous checkpoints failed.");
}
END_TEST

/* testBreakContinuousFailure: IO_EXCEPTION 1, DECLINED 2, JOB_FAILOVER_REGION
 * 3, success of 4 (resets), EXPIRED 5: never more than 2. */
START_TEST (test_failure_manager_break_continuous_failure)
{
  static const Step steps[] = {
    F (IO_EXCEPTION, 1, COUNTED), F (CHECKPOINT_DECLINED, 2, COUNTED),
    F (JOB_FAILOVER_REGION, 3, NOT_COUNTED_REASON),
    { SUCCESS, 4, -1 },
    F (CHECKPOINT_EXPIRED, 5, COUNTED),
  };
  replay (2, steps, G_N_ELEMENTS (steps), 0, 1);
}
END_TEST

/* testTotalCountValue: tolerable 0, every reason once for checkpoint -2:
 * the five counted ones (IO_EXCEPTION, CHECKPOINT_DECLINED,
 * FINALIZE_CHECKPOINT_FAILURE, CHECKPOINT_EXPIRED, CHECKPOINT_ASYNC_EXCEPTION)
 * each fail the job (each failure clears the set of counted ids, so -2
 * counts again). */
START_TEST (test_failure_manager_total_count_value)
{
  FailLog log = { 0 };
  FsimCheckpointFailureManager *m = fsim_checkpoint_failure_manager_new (0, &fail_log_host, &log);
  for (int r = 0; r < FSIM_CHECKPOINT_FAILURE_COUNT; r++)
    fsim_checkpoint_failure_manager_job_level (m, FALSE, r, -2);
  ck_assert_int_eq (log.invoked, 5);
  int counted = 0;
  for (int r = 0; r < FSIM_CHECKPOINT_FAILURE_COUNT; r++)
    counted += fsim_checkpoint_failure_reason_counts (r);
  ck_assert_int_eq (counted, 5);
  g_free (log.last_cause);
  fsim_checkpoint_failure_manager_free (m);
}
END_TEST

/* testIgnoreOneCheckpointRepeatedlyCountMultiTimes: DECLINED 1, 2,
 * JOB_FAILOVER_REGION 3, DECLINED 2 again: checkpoint 2 counts once, so 2,
 * not 3 > 2. */
START_TEST (test_failure_manager_one_checkpoint_counts_once)
{
  static const Step steps[] = {
    F (CHECKPOINT_DECLINED, 1, COUNTED), F (CHECKPOINT_DECLINED, 2, COUNTED),
    F (JOB_FAILOVER_REGION, 3, NOT_COUNTED_REASON),
    F (CHECKPOINT_DECLINED, 2, NOT_COUNTED_AGAIN),
  };
  replay (2, steps, G_N_ELEMENTS (steps), 0, 2);
}
END_TEST

/* CheckpointFailureManager.checkFailureCounter with
 * UNLIMITED_TOLERABLE_FAILURE_NUMBER counts nothing; savepoints failing on
 * the JobManager never count (handleJobLevelCheckpointException). */
START_TEST (test_failure_manager_unlimited_and_savepoints)
{
  FailLog log = { 0 };
  FsimCheckpointFailureManager *m = fsim_checkpoint_failure_manager_new (
    FSIM_CHECKPOINT_UNLIMITED_TOLERABLE_FAILURES, &fail_log_host, &log);
  for (int i = 1; i <= 100; i++)
    ck_assert_int_eq (job_level (m, CHECKPOINT_EXPIRED, i), FSIM_FAILURE_NOT_COUNTED_UNLIMITED);
  ck_assert_int_eq (fsim_checkpoint_failure_manager_get_count (m), 0);
  fsim_checkpoint_failure_manager_free (m);
  m = fsim_checkpoint_failure_manager_new (0, &fail_log_host, &log);
  ck_assert_int_eq (fsim_checkpoint_failure_manager_job_level (
                      m, TRUE, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED, 1),
                    FSIM_FAILURE_NOT_COUNTED_SAVEPOINT);
  ck_assert_int_eq (log.invoked, 0);
  fsim_checkpoint_failure_manager_free (m);
}
END_TEST

/* CheckpointFailureReason: the pre-flight ones (isPreFlight) are the
 * JobManager's even when a task is named (isJobManagerFailure). */
START_TEST (test_failure_reason_table)
{
  static const char *const pre_flight[] = {
    "PERIODIC_SCHEDULER_SHUTDOWN", "TOO_MANY_CHECKPOINT_REQUESTS",
    "MINIMUM_TIME_BETWEEN_CHECKPOINTS", "NOT_ALL_REQUIRED_TASKS_RUNNING", "IO_EXCEPTION",
    "BLOCKING_OUTPUT_EXIST", NULL
  };
  int n_pre = 0;
  for (int r = 0; r < FSIM_CHECKPOINT_FAILURE_COUNT; r++)
    {
      const char *name = fsim_checkpoint_failure_reason_name (r);
      ck_assert_int_eq (fsim_checkpoint_failure_reason_lookup (name), r);
      gboolean want = g_strv_contains (pre_flight, name);
      ck_assert_int_eq (fsim_checkpoint_failure_reason_is_pre_flight (r), want);
      n_pre += want;
    }
  ck_assert_int_eq (n_pre, 6);
  ck_assert_int_eq (FSIM_CHECKPOINT_FAILURE_COUNT, 24);   /* CheckpointFailureReason has 24 constants */
  ck_assert_int_eq (fsim_checkpoint_failure_reason_lookup ("NO_SUCH_REASON"), -1);
  ck_assert_str_eq (fsim_checkpoint_failure_reason_message (
                      FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS),
                    "The minimum time between checkpoints is still pending. Checkpoint will be "
                    "triggered after the minimum time.");
  ck_assert_str_eq (fsim_checkpoint_failure_reason_message (
                      FSIM_CHECKPOINT_FAILURE_CHECKPOINT_SUBSUMED),
                    "Checkpoint has been subsumed.");

  /* a task's pre-flight failure is the JobManager's: failJob, no task */
  FailLog log = { 0 };
  FsimCheckpointFailureManager *m = fsim_checkpoint_failure_manager_new (0, &fail_log_host, &log);
  FsimCheckpointTask t = { 0, 0, 0, "Source (1/1)#0" };
  ck_assert_int_eq (fsim_checkpoint_failure_manager_handle (
                      m, FALSE, FALSE, FSIM_CHECKPOINT_FAILURE_IO_EXCEPTION, 1, &t),
                    FSIM_FAILURE_FAILS_JOB);
  ck_assert_int_eq (log.invoked, 1);
  /* a task failing a synchronous savepoint fails the job at once */
  ck_assert_int_eq (fsim_checkpoint_failure_manager_handle (
                      m, TRUE, TRUE, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED, 2, &t),
                    FSIM_FAILURE_SYNC_SAVEPOINT_FAILS_JOB);
  ck_assert_int_eq (log.invoked, 2);
  g_free (log.last_cause);
  fsim_checkpoint_failure_manager_free (m);
}
END_TEST

/* ======================================================================== */
/* CheckpointCoordinatorTest                                                 */

/* Two sources, as the test's graph of two vertices (both triggered). */
static const FsimCheckpointTask two_sources[] = {
  { 0, 0, 0, "A (1/1)#0" },
  { 1, 0, 0, "B (1/1)#0" },
};
/* One source, as the tests with one vertex. */
static const FsimCheckpointTask one_source[] = { { 0, 0, 0, "Source (1/1)#0" } };

static FsimCheckpointSettings
settings_default (void)
{
  FsimCheckpointSettings s;
  fsim_checkpoint_settings_init (&s);
  s.interval_us = G_USEC_PER_SEC;
  return s;
}

/* The three fake tasks, unlimited concurrency, a store of num_retained
 * (the tests' StandaloneCompletedCheckpointStore (n)). */
static Fixture *
concurrent_fixture (int num_retained)
{
  FsimCheckpointSettings s = settings_default ();
  s.max_concurrent = G_MAXINT32;
  s.num_retained = num_retained;
  return fixture_new_full (&s, NULL, 0, 0);
}

/* ids[from .. to-1] are all id */
static void
assert_ids (GArray *ids, guint from, guint to, gint64 id)
{
  ck_assert_uint_ge (ids->len, to);
  for (guint i = from; i < to; i++)
    ck_assert_int_eq (g_array_index (ids, gint64, i), id);
}

/* The acknowledgements of a test's sequence, in order. */
typedef struct {
  const FsimCheckpointTask *task;
  gint64 id;
} Ack;

static void
ack_each (Fixture *f, const Ack *acks, guint n)
{
  for (guint i = 0; i < n; i++)
    fsim_checkpoint_coordinator_acknowledge (f->cc, acks[i].task, acks[i].id, NULL);
}

/* The store holds exactly the n ids given, oldest first. */
static void
assert_retained (Fixture *f, guint n, const gint64 *want)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, ids), n);
  for (guint i = 0; i < n; i++)
    ck_assert_int_eq (g_array_index (ids, gint64, i), want[i]);
}

/* testTriggerAndDeclineSyncCheckpointFailureSimple,
 * testTriggerAndDeclineAsyncCheckpointFailureSimple
 * (testTriggerAndDeclineCheckpointSimple): both sources triggered with the
 * id; one acknowledgement (twice: no matter); the other task's decline
 * (CHECKPOINT_DECLINED, or CHECKPOINT_ASYNC_EXCEPTION) disposes of the
 * checkpoint and its canceller, nothing is pending or retained, later
 * declines do nothing, and with tolerable 0 the job fails once. */
START_TEST (test_trigger_and_decline_simple)
{
  FsimCheckpointFailureReason reasons[] = { FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED,
                                            FSIM_CHECKPOINT_FAILURE_CHECKPOINT_ASYNC_EXCEPTION };
  for (guint k = 0; k < G_N_ELEMENTS (reasons); k++)
    {
      FsimCheckpointSettings s = settings_default ();
      s.max_concurrent = G_MAXINT32;
      g_autoptr (Fixture) f = fixture_new_full (&s, two_sources, 2, 2);
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
      ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 0);
      gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 1);
      ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 0);
      ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 1);  /* the canceller */
      ck_assert_uint_eq (fixture_n_triggered (f, id), 2);
      FsimCheckpointStatsView v;
      fsim_checkpoint_coordinator_get_stats (f->cc, id, &v);
      ck_assert_uint_eq (v.n_subtasks - v.n_acknowledged, 2);

      ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &two_sources[1], id, NULL));
      fsim_checkpoint_coordinator_get_stats (f->cc, id, &v);
      ck_assert_uint_eq (v.n_acknowledged, 1);
      ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &two_sources[1], id, NULL));
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                        FSIM_PENDING_CHECKPOINT_IN_PROGRESS);

      ck_assert (fsim_checkpoint_coordinator_decline_with_reason (f->cc, &two_sources[0], id,
                                                                  reasons[k], NULL));
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                        FSIM_PENDING_CHECKPOINT_ABORTED);
      fixture_settle (f);
      ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 0);  /* no canceller left */
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
      ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 0);
      ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_checkpoints (f->cc), 1);

      ck_assert (!fsim_checkpoint_coordinator_decline_with_reason (f->cc, &two_sources[0], id,
                                                                   reasons[k], NULL));
      ck_assert (!fsim_checkpoint_coordinator_decline_with_reason (f->cc, &two_sources[1], id,
                                                                   reasons[k], NULL));
      fixture_settle (f);
      ck_assert_uint_eq (f->job.failures->len, 1);
      fsim_checkpoint_coordinator_get_stats (f->cc, id, &v);
      ck_assert_int_eq (v.failure_reason, reasons[k]);
    }
}
END_TEST

/* testExpiredCheckpointExceedsTolerableFailureNumber,
 * testIOExceptionCheckpointExceedsTolerableFailureNumber: abortPendingCheckpoints
 * with CHECKPOINT_EXPIRED, or IO_EXCEPTION, is the JobManager's failure; with
 * tolerable 0 it fails the job (failJob). */
START_TEST (test_abort_pending_exceeds_tolerable)
{
  FsimCheckpointFailureReason reasons[] = { FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED,
                                            FSIM_CHECKPOINT_FAILURE_IO_EXCEPTION };
  for (guint k = 0; k < G_N_ELEMENTS (reasons); k++)
    {
      g_autoptr (Fixture) f = fixture_new (0);
      gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
      fsim_checkpoint_coordinator_abort_pending (f->cc, reasons[k]);
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                        FSIM_PENDING_CHECKPOINT_ABORTED);
      fixture_settle (f);
      ck_assert_uint_eq (f->job.n_fail_job, 1);
      ck_assert_uint_eq (f->job.failing_tasks->len, 0);
      ck_assert_ptr_nonnull (strstr (g_ptr_array_index (f->job.failures, 0),
                                     fsim_checkpoint_failure_reason_message (reasons[k])));
    }
  /* JOB_FAILOVER_REGION (restoreState) is not counted */
  g_autoptr (Fixture) f = fixture_new (0);
  fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_abort_pending (f->cc, FSIM_CHECKPOINT_FAILURE_JOB_FAILOVER_REGION);
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);
}
END_TEST

/* testMultipleConcurrentCheckpoints: two sources and a third task,
 * unlimited concurrency, a store of 2. Checkpoint 2 starts while 1 is
 * pending; 1 completes first and 2 stays pending (only older ones are
 * subsumed); each completion notifies every task once; then both are
 * retained. */
START_TEST (test_multiple_concurrent_checkpoints)
{
  g_autoptr (Fixture) f = concurrent_fixture (2);
  const FsimCheckpointTask *t1 = &fake_tasks[0], *t2 = &fake_tasks[1], *t3 = &fake_tasks[2];
  gint64 one = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 1);
  ck_assert_uint_eq (fixture_n_triggered (f, one), 2);
  fsim_checkpoint_coordinator_acknowledge (f->cc, t2, one, NULL);
  gint64 two = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert_int_eq (two, one + 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 2);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 0);
  ck_assert_uint_eq (fixture_n_triggered (f, two), 2);

  ack_each (f, (Ack[]) { { t3, one }, { t1, two }, { t1, one }, { t2, two } }, 4);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 1);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, one),
                    FSIM_PENDING_CHECKPOINT_COMPLETED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, two),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_uint_eq (f->job.notified->len, 3);
  assert_ids (f->job.notified_ids, 0, 3, one);

  fsim_checkpoint_coordinator_acknowledge (f->cc, t3, two, NULL);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  assert_retained (f, 2, (gint64[]) { one, two });
  ck_assert_uint_eq (f->job.notified->len, 6);
  assert_ids (f->job.notified_ids, 3, 6, two);
  ck_assert_uint_eq (f->job.aborted->len, 0);
}
END_TEST

/* testSuccessfulCheckpointSubsumesUnsuccessful: 1 partly acknowledged, 2
 * completes: 1 is aborted (dropSubsumedCheckpoints: CHECKPOINT_SUBSUMED,
 * not counted), one checkpoint (2) retained, every task notified of 2 and
 * told 1 was aborted; the last acknowledgement of 1 changes nothing. */
START_TEST (test_successful_checkpoint_subsumes_unsuccessful)
{
  g_autoptr (Fixture) f = concurrent_fixture (10);
  const FsimCheckpointTask *t1 = &fake_tasks[0], *t2 = &fake_tasks[1], *t3 = &fake_tasks[2];
  gint64 one = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_acknowledge (f->cc, t2, one, NULL);
  gint64 two = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 2);
  ack_each (f, (Ack[]) { { t3, two }, { t1, two }, { t1, one }, { t2, two } }, 4);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, one),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, two),
                    FSIM_PENDING_CHECKPOINT_COMPLETED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  assert_retained (f, 1, (gint64[]) { two });
  FsimCheckpointStatsView v;
  fsim_checkpoint_coordinator_get_stats (f->cc, one, &v);
  ck_assert_int_eq (v.failure_reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_SUBSUMED);
  ck_assert_uint_eq (f->job.notified->len, 3);
  assert_ids (f->job.notified_ids, 0, 3, two);
  ck_assert_uint_eq (f->job.aborted->len, 3);
  assert_ids (f->job.aborted_ids, 0, 3, one);
  /* the subsumed record comes after the completion (cleanupAfterCompletedCheckpoint) */
  g_autoptr (GPtrArray) rs = checkpoint_records (f);
  const FsimTraceRecord *last = rec (rs, rs->len - 1);
  ck_assert_ptr_eq (last->kind, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_DECLINED));
  ck_assert_int_eq (last->checkpoint, one);
  ck_assert (g_str_has_prefix (last->detail, "CHECKPOINT_SUBSUMED: Checkpoint has been subsumed. "));
  ck_assert_ptr_nonnull (strstr (last->detail, "not counted"));

  ck_assert (!fsim_checkpoint_coordinator_acknowledge (f->cc, t3, one, NULL));
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);
}
END_TEST

/* The id of savepoint request number (started). */
static gint64
started_id (Fixture *f, gint64 number)
{
  FsimCheckpointRequestView v;
  ck_assert (fsim_checkpoint_coordinator_get_request (f->cc, number, &v));
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_STARTED);
  ck_assert (v.savepoint);
  return v.checkpoint_id;
}

/* A savepoint with max-concurrent-checkpoints 1 and a checkpoint pending:
 * CheckpointRequestDecider.chooseRequestToExecute counts every pending
 * checkpoint (pendingCheckpointsSize >= maxConcurrentCheckpointAttempts)
 * and then lets only a forced request through; a savepoint is forced
 * (CheckpointProperties.forSavepoint, aligned here). So it starts with 2
 * pending, and its record says why 2 is above 1 rather than "2 of at most
 * 1"; the checkpoint before it was 1 of at most 1. */
START_TEST (test_savepoint_past_max_concurrent)
{
  FsimCheckpointSettings s = settings_default ();
  s.max_concurrent = 1;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  gint64 c1 = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert_int_gt (c1, 0);
  gint64 sp = started_id (f, fsim_checkpoint_coordinator_request_savepoint (f->cc));
  ck_assert_int_eq (sp, c1 + 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 2);
  g_autoptr (GPtrArray) t = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_TRIGGERED);
  ck_assert_uint_eq (t->len, 2);
  ck_assert_int_eq (rec (t, 1)->values[2], 2);   /* pending */
  ck_assert_ptr_nonnull (strstr (rec (t, 0)->detail, "; 1 of at most 1 pending;"));
  ck_assert_msg (strstr (rec (t, 1)->detail, "; 2 pending: a savepoint is forced, so "
                         "max-concurrent-checkpoints 1 does not hold it back;") != NULL,
                 "%s", rec (t, 1)->detail);
  ck_assert_ptr_null (strstr (rec (t, 1)->detail, "of at most"));
}
END_TEST

/* testSavepointsAreNotSubsumed, store of 1, unlimited concurrency: a
 * savepoint, then checkpoints 2 and 3; 3 completes and subsumes 2 but not
 * the savepoint (PendingCheckpoint.canBeSubsumed), one checkpoint
 * retained. Then checkpoint 4 and savepoint 5: the savepoint completes and
 * subsumes nothing (4 stays pending), is not retained (the store still
 * holds 3 only) and notifies no task (completePendingCheckpoint: only a
 * synchronous savepoint does); the first savepoint, acknowledged last,
 * still completes. */
START_TEST (test_savepoints_are_not_subsumed)
{
  g_autoptr (Fixture) f = concurrent_fixture (1);
  const FsimCheckpointTask *t1 = &fake_tasks[0], *t2 = &fake_tasks[1], *t3 = &fake_tasks[2];
  gint64 sp1 = started_id (f, fsim_checkpoint_coordinator_request_savepoint (f->cc));
  ck_assert (fsim_checkpoint_coordinator_is_savepoint (f->cc, sp1));
  gint64 c2 = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  gint64 c3 = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert (!fsim_checkpoint_coordinator_is_savepoint (f->cc, c2));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 3);
  ack_each (f, (Ack[]) { { t1, c3 }, { t2, c3 }, { t3, c3 } }, 3);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, c2),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, sp1),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 1);
  assert_retained (f, 1, (gint64[]) { c3 });
  guint notified = f->job.notified->len;
  gint64 c4 = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  gint64 sp2 = started_id (f, fsim_checkpoint_coordinator_request_savepoint (f->cc));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 3);
  ack_each (f, (Ack[]) { { t1, sp2 }, { t2, sp2 }, { t3, sp2 } }, 3);
  /* savepoints subsume nothing, are not retained, notify no task */
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, sp2),
                    FSIM_PENDING_CHECKPOINT_COMPLETED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, c4),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 2);
  assert_retained (f, 1, (gint64[]) { c3 });
  ck_assert_uint_eq (f->job.notified->len, notified);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_latest_completed (f->cc), c3);
  /* the first savepoint, acknowledged at last, completes */
  ack_each (f, (Ack[]) { { t1, sp1 }, { t2, sp1 }, { t3, sp1 } }, 3);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, sp1),
                    FSIM_PENDING_CHECKPOINT_COMPLETED);
  FsimCheckpointStatsView v;
  fsim_checkpoint_coordinator_get_stats (f->cc, sp1, &v);
  ck_assert (v.savepoint);
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);
}
END_TEST

/* CheckpointFailureManager with a savepoint, tolerable 0: a failure on the
 * JobManager (the savepoint expired) is not counted
 * (handleJobLevelCheckpointException: only checkpoints), so the job goes
 * on; a task's decline of a savepoint that is not synchronous is counted
 * as a checkpoint's is (handleTaskLevelCheckpointException ->
 * checkFailureAgainstCounter) and fails the job. */
START_TEST (test_savepoint_failures_and_the_failure_manager)
{
  FsimCheckpointSettings s = settings_default ();
  s.max_concurrent = G_MAXINT32;
  s.timeout_us = MS (200);
  g_autoptr (Fixture) f = fixture_new_full (&s, NULL, 0, 0);
  gint64 sp = started_id (f, fsim_checkpoint_coordinator_request_savepoint (f->cc));
  fsim_sim_run_until (f->sim, MS (200));
  fixture_settle (f);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, sp),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_continuous_failures (f->cc), 0);
  ck_assert_uint_eq (f->job.failures->len, 0);
  gint64 sp2 = started_id (f, fsim_checkpoint_coordinator_request_savepoint (f->cc));
  fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[0], sp2, "snapshot failed");
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 1);
}
END_TEST

/* A source and a sink, as the tests with two vertices. */
static const FsimCheckpointTask source_and_sink[] = {
  { 0, 0, 0, "Source (1/1)#0" },
  { 1, 0, 0, "Sink (1/1)#0" },
};

/* The completion's and a decline's records say how long after the trigger
 * they came, as a measured duration reads (fsim_duration_text): the
 * trigger at 5 ms, the last acknowledgement 325.747 ms later
 * (CheckpointCoordinator.completePendingCheckpoint logs the checkpoint's
 * duration), the next checkpoint declined 6.717846 s after its trigger
 * (abortPendingCheckpoint). The typed values keep the microseconds. */
START_TEST (test_durations_read_as_durations)
{
  FsimCheckpointSettings s = settings_default ();
  s.timeout_us = 60 * G_USEC_PER_SEC;
  g_autoptr (Fixture) f = fixture_new_full (&s, source_and_sink, 2, 1);
  fsim_sim_run_until (f->sim, MS (5));
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &source_and_sink[0], id, NULL);
  fsim_sim_run_until (f->sim, MS (5) + 325747);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &source_and_sink[1], id, NULL);
  g_autoptr (GPtrArray) done = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_COMPLETED);
  ck_assert_uint_eq (done->len, 1);
  ck_assert_int_eq (rec (done, 0)->values[1], 325747);
  ck_assert_str_eq (rec (done, 0)->detail, "2 tasks acknowledged, 325.7 ms after the trigger");

  gint64 at = fsim_sim_now (f->sim);
  gint64 next = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_sim_run_until (f->sim, at + 6717846);
  ck_assert (fsim_checkpoint_coordinator_decline_with_reason (
    f->cc, &source_and_sink[1], next, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED, NULL));
  g_autoptr (GPtrArray) dec = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_DECLINED);
  ck_assert_uint_eq (dec->len, 1);
  ck_assert_msg (strstr (rec (dec, 0)->detail, " At 6.718 s after the trigger with 0 of 2 tasks")
                 != NULL, "%s", rec (dec, 0)->detail);
}
END_TEST

/* testCheckpointTimeoutIsolated: one of two tasks acknowledges; the
 * canceller fires at the timeout: disposed, nothing pending or retained, no
 * task notified of a completion. The canceller is armed at the trigger, so
 * it fires exactly timeout later. testStateCleanupForLateOrUnknownMessages,
 * testHandleMessagesForNonExistingCheckpoints: a late acknowledgement of
 * the expired checkpoint is still recognised (recentExpiredCheckpoints), one
 * for an unknown checkpoint is not. */
START_TEST (test_checkpoint_timeout_isolated)
{
  FsimCheckpointSettings s = settings_default ();
  s.timeout_us = MS (200);
  s.tolerable_failures = 1;
  g_autoptr (Fixture) f = fixture_new_full (&s, source_and_sink, 2, 1);
  fsim_sim_run_until (f->sim, MS (5));
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &source_and_sink[0], id, NULL);
  fsim_sim_run_until (f->sim, MS (205) - 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  fsim_sim_run_until (f->sim, MS (205));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 0);
  ck_assert_uint_eq (f->job.notified->len, 0);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_continuous_failures (f->cc), 1);
  /* the record says why, with the numbers */
  g_autoptr (GPtrArray) ex = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_EXPIRED);
  ck_assert_uint_eq (ex->len, 1);
  ck_assert_int_eq (rec (ex, 0)->values[0], 1);   /* acknowledged */
  ck_assert_int_eq (rec (ex, 0)->values[1], 2);   /* of */
  ck_assert_int_eq (rec (ex, 0)->values[2], 1);   /* consecutive failures */
  ck_assert_str_eq (rec (ex, 0)->detail,
                    "CHECKPOINT_EXPIRED: Checkpoint expired before completing. The timeout of "
                    "200 ms passed with 1 of 2 tasks acknowledged, waiting for Sink (1/1)#0. "
                    "CheckpointFailureManager: counted, 1 consecutive failure, tolerable 1.");

  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &source_and_sink[1], id, NULL));  /* late */
  ck_assert (!fsim_checkpoint_coordinator_acknowledge (f->cc, &source_and_sink[1], id + 1, NULL));
  FsimCheckpointTask stranger = { 7, 0, 0, "Stranger (1/1)#0" };
  gint64 next = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &stranger, next, NULL)); /* UNKNOWN */
  FsimCheckpointStatsView v;
  fsim_checkpoint_coordinator_get_stats (f->cc, next, &v);
  ck_assert_uint_eq (v.n_acknowledged, 0);
}
END_TEST

/* testCheckpointAbortsIfTriggerTasksAreNotExecuted,
 * testPeriodicSchedulingWithInactiveTasks: a periodic trigger while the
 * tasks are not RUNNING starts nothing and takes no id
 * (NOT_ALL_REQUIRED_TASKS_RUNNING); the first trigger after they run
 * starts checkpoint 1. */
START_TEST (test_periodic_scheduling_with_inactive_tasks)
{
  FsimCheckpointSettings s = settings_default ();
  s.interval_us = MS (10);
  s.timeout_us = 200 * G_USEC_PER_SEC;
  s.max_concurrent = 2;
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  f->job.running = FALSE;
  fsim_checkpoint_coordinator_job_running (f->cc);
  gint64 first = fsim_checkpoint_coordinator_get_next_trigger_us (f->cc);
  fsim_sim_run_until (f->sim, first);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_checkpoints (f->cc), 0);
  FsimCheckpointRequestView v;
  ck_assert (fsim_checkpoint_coordinator_get_request (f->cc, 1, &v));
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_FAILED);
  ck_assert_int_eq (v.reason, FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING);
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);

  f->job.running = TRUE;
  fsim_sim_run_until (f->sim, first + MS (10));
  ck_assert_int_gt (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, 1),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
}
END_TEST

/* testMaxConcurrentAttempts1, 2, 5: interval 10 ms, min-pause 0. N periodic
 * triggers start N checkpoints, nothing completes; acknowledging
 * checkpoint 1 lets the next trigger start one more (N + 1); the trigger
 * after that starts nothing: its request waits in the queue. */
START_TEST (test_max_concurrent_attempts)
{
  static const int ns[] = { 1, 2, 5 };
  for (guint k = 0; k < G_N_ELEMENTS (ns); k++)
    {
      int n = ns[k];
      FsimCheckpointSettings s = settings_default ();
      s.interval_us = MS (10);
      s.timeout_us = 200 * G_USEC_PER_SEC;
      s.max_concurrent = n;
      s.num_retained = 2;
      s.periodic = TRUE;
      g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
      fsim_checkpoint_coordinator_job_running (f->cc);
      gint64 t = fsim_checkpoint_coordinator_get_next_trigger_us (f->cc);
      for (int i = 0; i < n; i++)
        {
          fsim_sim_run_until (f->sim, t);
          t += MS (10);
        }
      ck_assert_uint_eq (f->job.triggered->len, n);
      ck_assert_uint_eq (f->job.notified->len, 0);

      ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &one_source[0], 1, NULL));
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_next_trigger_us (f->cc), t);
      fsim_sim_run_until (f->sim, t);
      ck_assert_uint_eq (f->job.triggered->len, n + 1);
      fsim_sim_run_until (f->sim, t + MS (10));
      ck_assert_uint_eq (f->job.triggered->len, n + 1);
      ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_queued (f->cc), 1);
      g_autoptr (GPtrArray) q = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_REQUEST_QUEUED);
      ck_assert_uint_eq (q->len, 1);
      ck_assert_int_eq (rec (q, 0)->values[1], n);   /* pending */
    }
}
END_TEST

/* testMaxConcurrentAttemptsWithSubsumption: max 2; with 1 and 2 pending,
 * 2 completes and subsumes 1; the next two triggers start 3 and 4. */
START_TEST (test_max_concurrent_attempts_with_subsumption)
{
  FsimCheckpointSettings s = settings_default ();
  s.interval_us = MS (10);
  s.timeout_us = 200 * G_USEC_PER_SEC;
  s.max_concurrent = 2;
  s.num_retained = 2;
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  fsim_checkpoint_coordinator_job_running (f->cc);
  gint64 t = fsim_checkpoint_coordinator_get_next_trigger_us (f->cc);
  while (fsim_checkpoint_coordinator_get_pending_count (f->cc) < 2)
    {
      fsim_sim_run_until (f->sim, t);
      t += MS (10);
    }
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, 1),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, 2),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &one_source[0], 2, NULL);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, 1),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  while (fsim_checkpoint_coordinator_get_pending_count (f->cc) < 2)
    {
      fsim_sim_run_until (f->sim, t);
      t += MS (10);
    }
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 2);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, 3),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, 4),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_checkpoints (f->cc), 4);
}
END_TEST

/* testMinCheckpointPause: interval = min-pause = 1 s, one at a time; a
 * periodic request starts 1, a second waits. 1 completes at 5 ms: the
 * queued one, reconsidered then, is within the pause, so it is dropped
 * and the trigger moved to 1.005 s; nothing is pending half a pause
 * later, and a checkpoint is at 1.005 s, not before. */
START_TEST (test_min_checkpoint_pause)
{
  FsimCheckpointSettings s = settings_default ();
  s.interval_us = G_USEC_PER_SEC;
  s.min_pause_us = G_USEC_PER_SEC;
  s.timeout_us = G_MAXINT64 / 4;
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  fsim_checkpoint_coordinator_job_running (f->cc);
  /* [min-pause, baseInterval] = [1 s, 1 s] */
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_next_trigger_us (f->cc), G_USEC_PER_SEC);
  gint64 a = fsim_checkpoint_coordinator_request (f->cc, TRUE);
  gint64 b = fsim_checkpoint_coordinator_request (f->cc, TRUE);
  FsimCheckpointRequestView va, vb;
  fsim_checkpoint_coordinator_get_request (f->cc, a, &va);
  fsim_checkpoint_coordinator_get_request (f->cc, b, &vb);
  ck_assert_int_eq (va.state, FSIM_CHECKPOINT_REQUEST_STARTED);
  ck_assert_int_eq (vb.state, FSIM_CHECKPOINT_REQUEST_QUEUED);
  fsim_sim_run_until (f->sim, MS (5));
  fsim_checkpoint_coordinator_acknowledge (f->cc, &one_source[0], va.checkpoint_id, NULL);
  fixture_settle (f);
  fsim_checkpoint_coordinator_get_request (f->cc, b, &vb);
  ck_assert_int_eq (vb.state, FSIM_CHECKPOINT_REQUEST_FAILED);
  ck_assert_int_eq (vb.reason, FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_next_trigger_us (f->cc), MS (1005));
  g_autoptr (GPtrArray) dropped = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_REQUEST_FAILED);
  ck_assert_uint_eq (dropped->len, 1);
  ck_assert_int_eq (rec (dropped, 0)->values[2], G_USEC_PER_SEC);   /* the delay */
  fsim_sim_run_until (f->sim, MS (505));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  fsim_sim_run_until (f->sim, MS (1005) - 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  fsim_sim_run_until (f->sim, MS (1005));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 1);
}
END_TEST

/* testReportLatestCompletedCheckpointIdWithAbort: 1 completes, 2 is
 * declined: the tasks are told of the abort with the latest completed
 * checkpoint, 1 (sendAbortedMessages reads the store). */
START_TEST (test_report_latest_completed_with_abort)
{
  g_autoptr (Fixture) f = fixture_new_full (NULL, one_source, 1, 1);
  gint64 one = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fixture_ack_all (f, one);
  fixture_settle (f);
  gint64 two = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_decline (f->cc, &one_source[0], two, NULL);
  ck_assert_uint_eq (f->job.aborted->len, 1);
  ck_assert_int_eq (g_array_index (f->job.aborted_ids, gint64, 0), two);
  ck_assert_int_eq (g_array_index (f->job.latest_at_abort, gint64, 0), one);
}
END_TEST

/* CompletedCheckpointStoreTest#testAddCheckpointMoreThanMaxRetained with
 * num-retained 1, and CheckpointSubsumeHelper with 2: each completion past
 * the limit discards the oldest; the store never holds more. */
START_TEST (test_num_retained)
{
  for (int keep = 1; keep <= 2; keep++)
    {
      FsimCheckpointSettings s = settings_default ();
      s.num_retained = keep;
      g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
      for (gint64 id = 1; id <= 4; id++)
        {
          ck_assert_int_eq (fsim_checkpoint_coordinator_trigger (f->cc, NULL), id);
          fixture_ack_all (f, id);
          fixture_settle (f);
          ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL),
                             MIN (id, keep));
          for (gint64 old = 1; old <= id; old++)
            {
              FsimCheckpointStatsView v;
              fsim_checkpoint_coordinator_get_stats (f->cc, old, &v);
              ck_assert_int_eq (v.discarded, old <= id - keep);
            }
        }
      g_autoptr (GPtrArray) d = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_DISCARDED);
      ck_assert_uint_eq (d->len, 4 - keep);
      ck_assert_int_eq (rec (d, 0)->checkpoint, 1);
      ck_assert_int_eq (rec (d, 0)->values[2], keep + 1);   /* subsumed by */
    }
  /* < 1 is 1 (DefaultCompletedCheckpointStoreUtils.getMaximumNumberOfRetainedCheckpoints) */
  FsimCheckpointSettings s = settings_default ();
  s.num_retained = 0;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  for (gint64 id = 1; id <= 2; id++)
    {
      fsim_checkpoint_coordinator_trigger (f->cc, NULL);
      fixture_ack_all (f, id);
      fixture_settle (f);
    }
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_retained (f->cc, NULL), 1);
}
END_TEST

/* ======================================================================== */
/* CheckpointCoordinatorTriggeringTest                                       */

/* testPeriodicTriggering: interval 10 ms, unlimited concurrency: five
 * triggers start five checkpoints, ids increasing; after
 * stopCheckpointScheduler nothing more comes (and the pending ones are
 * suspended); a second start gives five more. The first trigger of each
 * start lies in [min-pause, interval] after it (getRandomInitDelay), the
 * others follow at the fixed rate. */
START_TEST (test_periodic_triggering)
{
  FsimCheckpointSettings s = settings_default ();
  s.interval_us = MS (10);
  s.timeout_us = 200 * G_USEC_PER_SEC;
  s.max_concurrent = G_MAXINT32;
  s.num_retained = 2;
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  for (int round = 0; round < 2; round++)
    {
      gint64 start = fsim_sim_now (f->sim);
      guint before = f->job.triggered->len;
      fsim_checkpoint_coordinator_job_running (f->cc);
      ck_assert (fsim_checkpoint_coordinator_is_periodic_started (f->cc));
      gint64 first = fsim_checkpoint_coordinator_get_next_trigger_us (f->cc);
      ck_assert_int_ge (first, start);
      ck_assert_int_le (first, start + MS (10));
      fsim_sim_run_until (f->sim, first + MS (40));
      ck_assert_uint_eq (f->job.triggered->len - before, 5);
      for (guint i = before + 1; i < f->job.triggered->len; i++)
        ck_assert_int_gt (g_array_index (f->job.triggered_ids, gint64, i),
                          g_array_index (f->job.triggered_ids, gint64, i - 1));
      g_autoptr (GPtrArray) trig = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_TRIGGERED);
      for (guint i = 0; i < 5; i++)
        ck_assert_int_eq (rec (trig, before + i)->time_us, first + MS (10) * i);

      fsim_checkpoint_coordinator_job_not_running (f->cc, "RESTARTING");
      ck_assert (!fsim_checkpoint_coordinator_is_periodic_started (f->cc));
      ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
      /* the whys name the status the job went to (CheckpointCoordinatorDeActivator
       * .jobStatusChanges: any status but RUNNING stops the scheduler) */
      g_autoptr (GPtrArray) aborted = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_DECLINED);
      ck_assert_uint_ge (aborted->len, 1);
      ck_assert_ptr_nonnull (strstr (rec (aborted, aborted->len - 1)->why,
                                     "the job went from RUNNING to RESTARTING"));
      FsimCheckpointStatsView v;
      fsim_checkpoint_coordinator_get_stats (f->cc, before + 1, &v);
      ck_assert_int_eq (v.failure_reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SUSPEND);
      fsim_sim_run_until (f->sim, fsim_sim_now (f->sim) + G_USEC_PER_SEC);
      ck_assert_uint_eq (f->job.triggered->len - before, 5);
    }
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);    /* suspension is not counted */
}
END_TEST

/* testMinTimeBetweenCheckpointsInterval: interval 12 ms, min-pause 50 ms,
 * one at a time: baseInterval is max (12, 50) = 50 ms, so the first trigger
 * comes at 50 ms; checkpoint 1 completes at 60 ms; the trigger at 100 ms
 * is 40 ms after it, so it is dropped and moved 10 ms on; checkpoint 2
 * starts at 110 ms, 50 ms after the completion, not earlier. */
START_TEST (test_min_time_between_checkpoints_interval)
{
  FsimCheckpointSettings s = settings_default ();
  s.interval_us = MS (12);
  s.min_pause_us = MS (50);
  s.timeout_us = 200 * G_USEC_PER_SEC;
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  fsim_checkpoint_coordinator_job_running (f->cc);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_next_trigger_us (f->cc), MS (50));
  fsim_sim_run_until (f->sim, MS (50));
  ck_assert_uint_eq (f->job.triggered->len, 1);
  ck_assert_int_eq (g_array_index (f->job.triggered_ids, gint64, 0), 1);
  fsim_sim_run_until (f->sim, MS (60));
  gint64 ack_time = fsim_sim_now (f->sim);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &one_source[0], 1, NULL);
  fsim_sim_run_until (f->sim, MS (110) - 1);
  ck_assert_uint_eq (f->job.triggered->len, 1);
  g_autoptr (GPtrArray) dropped = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_REQUEST_FAILED);
  ck_assert_uint_eq (dropped->len, 1);
  ck_assert_int_eq (rec (dropped, 0)->time_us, MS (100));
  ck_assert_int_eq (rec (dropped, 0)->values[2], MS (10));
  fsim_sim_run_until (f->sim, MS (110));
  ck_assert_uint_eq (f->job.triggered->len, 2);
  ck_assert_int_eq (g_array_index (f->job.triggered_ids, gint64, 1), 2);
  g_autoptr (GPtrArray) trig = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_TRIGGERED);
  ck_assert_int_ge (rec (trig, 1)->time_us - ack_time, MS (50));
  /* the fixed rate goes on from the moved trigger */
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_next_trigger_us (f->cc), MS (160));
}
END_TEST

/* testStopPeriodicScheduler: a periodic request while the scheduler is
 * stopped fails with PERIODIC_SCHEDULER_SHUTDOWN; a manual one starts. */
START_TEST (test_stop_periodic_scheduler)
{
  g_autoptr (Fixture) f = fixture_new (0);
  gint64 n = fsim_checkpoint_coordinator_request (f->cc, TRUE);
  FsimCheckpointRequestView v;
  fsim_checkpoint_coordinator_get_request (f->cc, n, &v);
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_FAILED);
  ck_assert_int_eq (v.reason, FSIM_CHECKPOINT_FAILURE_PERIODIC_SCHEDULER_SHUTDOWN);
  n = fsim_checkpoint_coordinator_request (f->cc, FALSE);
  fsim_checkpoint_coordinator_get_request (f->cc, n, &v);
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_STARTED);
  ck_assert_int_eq (v.checkpoint_id, 1);   /* the failed request took no id */
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);
}
END_TEST

/* testTriggerCheckpointWithShuttingDownCoordinator: after shutdown the
 * pending checkpoint fails with CHECKPOINT_COORDINATOR_SHUTDOWN, a new
 * request too, and messages are not accepted. */
START_TEST (test_trigger_with_shutting_down_coordinator)
{
  FsimCheckpointSettings s = settings_default ();
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, NULL, 0, 0);
  fsim_checkpoint_coordinator_job_running (f->cc);
  gint64 n = fsim_checkpoint_coordinator_request (f->cc, TRUE);
  FsimCheckpointRequestView v;
  fsim_checkpoint_coordinator_get_request (f->cc, n, &v);
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_STARTED);
  fsim_checkpoint_coordinator_job_terminal (f->cc);
  FsimCheckpointStatsView st;
  fsim_checkpoint_coordinator_get_stats (f->cc, v.checkpoint_id, &st);
  ck_assert_int_eq (st.failure_reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN);
  FsimCheckpointFailureReason reason;
  ck_assert_int_eq (fsim_checkpoint_coordinator_trigger (f->cc, &reason), -1);
  ck_assert_int_eq (reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN);
  ck_assert (!fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], v.checkpoint_id, NULL));
  ck_assert (!fsim_checkpoint_coordinator_is_periodic_started (f->cc));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_next_trigger_us (f->cc), -1);
  fsim_sim_run_until (f->sim, 60 * G_USEC_PER_SEC);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_checkpoints (f->cc), 1);
}
END_TEST

/* The queue drains back to back with min-pause 0 (spec 2.3): periodic
 * requests that came while one checkpoint was pending run one after the
 * other, each as soon as the previous completes. */
START_TEST (test_queued_requests_run_back_to_back)
{
  FsimCheckpointSettings s = settings_default ();
  s.interval_us = MS (10);
  s.periodic = TRUE;
  g_autoptr (Fixture) f = fixture_new_full (&s, one_source, 1, 1);
  fsim_checkpoint_coordinator_job_running (f->cc);
  gint64 first = fsim_checkpoint_coordinator_get_next_trigger_us (f->cc);
  fsim_sim_run_until (f->sim, first + MS (25));   /* ticks at +0 (starts 1), +10, +20 (queued) */
  ck_assert_uint_eq (f->job.triggered->len, 1);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_queued (f->cc), 2);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &one_source[0], 1, NULL);
  fixture_settle (f);
  /* the oldest queued request starts checkpoint 2 at the completion */
  ck_assert_uint_eq (f->job.triggered->len, 2);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_queued (f->cc), 1);
  g_autoptr (GPtrArray) trig = checkpoint_records_of (f, FSIM_CHECKPOINT_KIND_TRIGGERED);
  ck_assert_int_eq (rec (trig, 1)->time_us, first + MS (25));
  FsimCheckpointRequestView v;
  fsim_checkpoint_coordinator_get_request (f->cc, 2, &v);
  ck_assert_int_eq (v.checkpoint_id, 2);
  ck_assert_int_eq (v.submitted_us, first + MS (10));
}
END_TEST

/* ======================================================================== */
/* The fault plan's decline (docs/job-language.md): the first task that has
 * not acknowledged a pending checkpoint is the one that declines. */
START_TEST (test_first_unacknowledged)
{
  g_autoptr (Fixture) f = fixture_new (0);
  FsimCheckpointTask t;
  const char *why = NULL;
  ck_assert (!fsim_checkpoint_coordinator_first_unacknowledged (f->cc, 1, &t, &why));
  ck_assert_str_eq (why, "not triggered yet");
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], id, NULL);
  ck_assert (fsim_checkpoint_coordinator_first_unacknowledged (f->cc, id, &t, &why));
  ck_assert_str_eq (t.label, fake_tasks[1].label);
  fixture_ack_all (f, id);
  ck_assert (!fsim_checkpoint_coordinator_first_unacknowledged (f->cc, id, &t, &why));
  ck_assert_str_eq (why, "completed");
  fixture_settle (f);
  gint64 two = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[2], two, "x");
  ck_assert (!fsim_checkpoint_coordinator_first_unacknowledged (f->cc, two, &t, &why));
  ck_assert_str_eq (why, "aborted");
}
END_TEST

void checkpoint_coordinator_tcases (Suite *suite);

void
checkpoint_coordinator_tcases (Suite *s)
{
  TCase *tc = tcase_create ("CheckpointRequestDecider");
  tcase_add_test (tc, test_decider_force);
  tcase_add_test (tc, test_decider_enqueue_on_too_many_pending);
  tcase_add_test (tc, test_decider_enqueue_on_too_many_cleaning);
  tcase_add_test (tc, test_decider_ordering);
  tcase_add_test (tc, test_decider_queue_size_limit);
  tcase_add_test (tc, test_decider_queue_size_limit_priority);
  tcase_add_test (tc, test_decider_full_queue_of_manual_requests);
  tcase_add_test (tc, test_decider_timing);
  suite_add_tcase (s, tc);

  tc = tcase_create ("CheckpointFailureManager");
  tcase_add_test (tc, test_failure_manager_ignores_past_checkpoints);
  tcase_add_test (tc, test_failure_manager_continuous_failure);
  tcase_add_test (tc, test_failure_manager_break_continuous_failure);
  tcase_add_test (tc, test_failure_manager_total_count_value);
  tcase_add_test (tc, test_failure_manager_one_checkpoint_counts_once);
  tcase_add_test (tc, test_failure_manager_unlimited_and_savepoints);
  tcase_add_test (tc, test_failure_reason_table);
  suite_add_tcase (s, tc);

  tc = tcase_create ("CheckpointCoordinatorTest");
  tcase_add_test (tc, test_trigger_and_decline_simple);
  tcase_add_test (tc, test_abort_pending_exceeds_tolerable);
  tcase_add_test (tc, test_multiple_concurrent_checkpoints);
  tcase_add_test (tc, test_successful_checkpoint_subsumes_unsuccessful);
  tcase_add_test (tc, test_savepoints_are_not_subsumed);
  tcase_add_test (tc, test_savepoint_past_max_concurrent);
  tcase_add_test (tc, test_savepoint_failures_and_the_failure_manager);
  tcase_add_test (tc, test_checkpoint_timeout_isolated);
  tcase_add_test (tc, test_durations_read_as_durations);
  tcase_add_test (tc, test_periodic_scheduling_with_inactive_tasks);
  tcase_add_test (tc, test_max_concurrent_attempts);
  tcase_add_test (tc, test_max_concurrent_attempts_with_subsumption);
  tcase_add_test (tc, test_min_checkpoint_pause);
  tcase_add_test (tc, test_report_latest_completed_with_abort);
  tcase_add_test (tc, test_num_retained);
  tcase_add_test (tc, test_first_unacknowledged);
  suite_add_tcase (s, tc);

  tc = tcase_create ("CheckpointCoordinatorTriggeringTest");
  tcase_add_test (tc, test_periodic_triggering);
  tcase_add_test (tc, test_min_time_between_checkpoints_interval);
  tcase_add_test (tc, test_stop_periodic_scheduler);
  tcase_add_test (tc, test_trigger_with_shutting_down_coordinator);
  tcase_add_test (tc, test_queued_requests_run_back_to_back);
  suite_add_tcase (s, tc);
}
