/* check_scheduler.c - scheduler/: state machines, cluster, slots, deployment.
 * The cluster tests live in tests/scheduler-*.c (scheduler-tests.h). */
#include "config.h"

#include <signal.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

/* ExecutionState: enum order is Flink's (INITIALIZING last, ordinal 9), and
 * the names are the enum constants verbatim. */
START_TEST (test_execution_state_enum)
{
  static const char *const flink[] = {
    "CREATED", "SCHEDULED", "DEPLOYING", "RUNNING", "FINISHED", "CANCELING",
    "CANCELED", "FAILED", "RECONCILING", "INITIALIZING",
  };
  ck_assert_int_eq (FSIM_EXECUTION_STATE_COUNT, G_N_ELEMENTS (flink));
  for (int s = 0; s < FSIM_EXECUTION_STATE_COUNT; s++)
    {
      ck_assert_str_eq (fsim_execution_state_name (s), flink[s]);
      FsimExecutionState back;
      ck_assert (fsim_execution_state_from_name (flink[s], &back));
      ck_assert_int_eq (back, s);
    }
  ck_assert_int_eq (FSIM_EXECUTION_INITIALIZING, 9);
  FsimExecutionState dummy;
  ck_assert (!fsim_execution_state_from_name ("CANCELLING", &dummy));
}
END_TEST

/* Flink's rules, written as the guards of the Execution methods rather than
 * as a table, so that the table in execution-state.c is checked against an
 * independent reading:
 *   transitionState: nothing leaves a terminal state (IllegalStateException);
 *   DefaultExecutionDeployer.transitionToScheduled: CREATED -> SCHEDULED;
 *   deploy: only from SCHEDULED; switchToInitializing: DEPLOYING;
 *   switchToRunning: INITIALIZING; markFinished: DEPLOYING/INITIALIZING/RUNNING;
 *   cancel: CREATED/SCHEDULED cancelAtomically, DEPLOYING/INITIALIZING/RUNNING
 *   startCancelling, RECONCILING throws; completeCancelling: CANCELING or
 *   DEPLOYING/INITIALIZING/RUNNING; processFail: FAILED from anything
 *   non-terminal but CANCELING; ExecutionState javadoc: CREATED ->
 *   RECONCILING -> INITIALIZING | RUNNING | FINISHED | CANCELED | FAILED. */
static gboolean
flink_execution_transition_legal (FsimExecutionState from, FsimExecutionState to)
{
  gboolean from_running_like = from == FSIM_EXECUTION_DEPLOYING
                               || from == FSIM_EXECUTION_INITIALIZING
                               || from == FSIM_EXECUTION_RUNNING;
  if (from == FSIM_EXECUTION_FINISHED || from == FSIM_EXECUTION_CANCELED
      || from == FSIM_EXECUTION_FAILED)
    return FALSE;
  switch (to)
    {
    case FSIM_EXECUTION_CREATED:
      return FALSE;
    case FSIM_EXECUTION_SCHEDULED:
      return from == FSIM_EXECUTION_CREATED;
    case FSIM_EXECUTION_DEPLOYING:
      return from == FSIM_EXECUTION_SCHEDULED;
    case FSIM_EXECUTION_INITIALIZING:
      return from == FSIM_EXECUTION_DEPLOYING || from == FSIM_EXECUTION_RECONCILING;
    case FSIM_EXECUTION_RUNNING:
      return from == FSIM_EXECUTION_INITIALIZING || from == FSIM_EXECUTION_RECONCILING;
    case FSIM_EXECUTION_FINISHED:
      return from_running_like || from == FSIM_EXECUTION_RECONCILING;
    case FSIM_EXECUTION_CANCELING:
      return from_running_like || from == FSIM_EXECUTION_CREATED
             || from == FSIM_EXECUTION_SCHEDULED;
    case FSIM_EXECUTION_CANCELED:
      return from_running_like || from == FSIM_EXECUTION_CANCELING
             || from == FSIM_EXECUTION_RECONCILING;
    case FSIM_EXECUTION_FAILED:
      return from != FSIM_EXECUTION_CANCELING;
    case FSIM_EXECUTION_RECONCILING:
      return from == FSIM_EXECUTION_CREATED;
    default:
      g_assert_not_reached ();
    }
}

START_TEST (test_execution_state_every_pair)
{
  int legal = 0;
  for (int from = 0; from < FSIM_EXECUTION_STATE_COUNT; from++)
    for (int to = 0; to < FSIM_EXECUTION_STATE_COUNT; to++)
      {
        gboolean want = flink_execution_transition_legal (from, to);
        ck_assert_msg (fsim_execution_state_can_transition (from, to) == want,
                       "%s -> %s: expected %s", fsim_execution_state_name (from),
                       fsim_execution_state_name (to), want ? "legal" : "illegal");
        ck_assert ((fsim_execution_state_transition_rule (from, to) != NULL) == want);
        legal += want;
      }
  /* sanity: the count the rules above give (1+1+2+2+4+5+5+6+1) */
  ck_assert_int_eq (legal, 27);
}
END_TEST

START_TEST (test_execution_state_terminal)
{
  for (int s = 0; s < FSIM_EXECUTION_STATE_COUNT; s++)
    ck_assert (fsim_execution_state_is_terminal (s)
               == (s == FSIM_EXECUTION_FINISHED || s == FSIM_EXECUTION_CANCELED
                   || s == FSIM_EXECUTION_FAILED));
}
END_TEST

/* The checked transition moves the state and names the Execution method. */
START_TEST (test_execution_state_checked_transition)
{
  FsimExecutionState s = FSIM_EXECUTION_CREATED;
  ck_assert_str_eq (fsim_execution_state_transition (&s, FSIM_EXECUTION_SCHEDULED),
                    "DefaultExecutionDeployer.transitionToScheduled");
  ck_assert_str_eq (fsim_execution_state_transition (&s, FSIM_EXECUTION_DEPLOYING),
                    "Execution.deploy");
  ck_assert_int_eq (s, FSIM_EXECUTION_DEPLOYING);
}
END_TEST

/* Leaving a terminal state is Flink's IllegalStateException: for us an
 * abort (a scheduler bug), never a trace record. */
START_TEST (test_execution_state_illegal_aborts)
{
  FsimExecutionState s = FSIM_EXECUTION_FINISHED;
  fsim_execution_state_transition (&s, FSIM_EXECUTION_RUNNING);
}
END_TEST

/* JobStatus enum order and names (org.apache.flink.api.common.JobStatus). */
START_TEST (test_job_status_enum)
{
  static const char *const flink[] = {
    "INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED", "CANCELLING",
    "CANCELED", "FINISHED", "RESTARTING", "SUSPENDED", "RECONCILING",
  };
  ck_assert_int_eq (FSIM_JOB_STATUS_COUNT, G_N_ELEMENTS (flink));
  for (int s = 0; s < FSIM_JOB_STATUS_COUNT; s++)
    {
      ck_assert_str_eq (fsim_job_status_name (s), flink[s]);
      FsimJobStatus back;
      ck_assert (fsim_job_status_from_name (flink[s], &back));
      ck_assert_int_eq (back, s);
      /* TerminalState: GLOBALLY for FAILED, CANCELED, FINISHED; LOCALLY for
       * SUSPENDED; the rest NON_TERMINAL. */
      gboolean global = s == FSIM_JOB_FAILED || s == FSIM_JOB_CANCELED
                        || s == FSIM_JOB_FINISHED;
      ck_assert (fsim_job_status_is_globally_terminal (s) == global);
      ck_assert (fsim_job_status_is_terminal (s) == (global || s == FSIM_JOB_SUSPENDED));
    }
}
END_TEST

/* Flink's rules as the guards of their callers:
 *   DefaultExecutionGraph.transitionState: nothing leaves a terminal state;
 *   JobMasterServiceLeadershipRunner: INITIALIZING -> CREATED, or CANCELLING /
 *   FAILED / SUSPENDED before a JobMaster exists; transitionToRunning:
 *   CREATED -> RUNNING; DefaultScheduler: RUNNING <-> RESTARTING;
 *   jobVertexFinished: RUNNING -> FINISHED; cancel: CREATED / RUNNING /
 *   RESTARTING / FAILING -> CANCELLING; cancel completion: CANCELLING ->
 *   CANCELED or FAILED; failJob: any non-terminal but FAILING -> FAILING
 *   (INITIALIZING has no ExecutionGraph to fail); FAILING -> FAILED;
 *   suspend: any non-terminal -> SUSPENDED (INITIALIZING via the runner);
 *   DefaultBatchJobRecoveryHandler: CREATED -> RECONCILING -> RUNNING. */
static gboolean
flink_job_transition_legal (FsimJobStatus from, FsimJobStatus to)
{
  if (fsim_job_status_is_terminal (from))
    return FALSE;
  switch (to)
    {
    case FSIM_JOB_INITIALIZING:
      return FALSE;
    case FSIM_JOB_CREATED:
      return from == FSIM_JOB_INITIALIZING;
    case FSIM_JOB_RUNNING:
      return from == FSIM_JOB_CREATED || from == FSIM_JOB_RESTARTING
             || from == FSIM_JOB_RECONCILING;
    case FSIM_JOB_RESTARTING:
      return from == FSIM_JOB_RUNNING;
    case FSIM_JOB_FINISHED:
      return from == FSIM_JOB_RUNNING;
    case FSIM_JOB_CANCELLING:
      return from == FSIM_JOB_INITIALIZING || from == FSIM_JOB_CREATED
             || from == FSIM_JOB_RUNNING || from == FSIM_JOB_RESTARTING
             || from == FSIM_JOB_FAILING;
    case FSIM_JOB_CANCELED:
      return from == FSIM_JOB_CANCELLING;
    case FSIM_JOB_FAILING:
      return from != FSIM_JOB_FAILING && from != FSIM_JOB_INITIALIZING;
    case FSIM_JOB_FAILED:
      return from == FSIM_JOB_FAILING || from == FSIM_JOB_CANCELLING
             || from == FSIM_JOB_INITIALIZING;
    case FSIM_JOB_SUSPENDED:
      return TRUE;
    case FSIM_JOB_RECONCILING:
      return from == FSIM_JOB_CREATED;
    default:
      g_assert_not_reached ();
    }
}

START_TEST (test_job_status_every_pair)
{
  for (int from = 0; from < FSIM_JOB_STATUS_COUNT; from++)
    for (int to = 0; to < FSIM_JOB_STATUS_COUNT; to++)
      {
        gboolean want = flink_job_transition_legal (from, to);
        ck_assert_msg (fsim_job_status_can_transition (from, to) == want,
                       "%s -> %s: expected %s", fsim_job_status_name (from),
                       fsim_job_status_name (to), want ? "legal" : "illegal");
      }
}
END_TEST

/* DefaultSchedulerTest.failJobIfNotEnoughResources walks CREATED -> RUNNING
 * -> FAILING -> FAILED; the checked function follows it. */
START_TEST (test_job_status_checked_transition)
{
  FsimJobStatus s = FSIM_JOB_INITIALIZING;
  fsim_job_status_transition (&s, FSIM_JOB_CREATED);
  fsim_job_status_transition (&s, FSIM_JOB_RUNNING);
  ck_assert_str_eq (fsim_job_status_transition (&s, FSIM_JOB_FAILING),
                    "DefaultExecutionGraph.failJob");
  fsim_job_status_transition (&s, FSIM_JOB_FAILED);
  ck_assert_int_eq (s, FSIM_JOB_FAILED);
}
END_TEST

START_TEST (test_job_status_illegal_aborts)
{
  FsimJobStatus s = FSIM_JOB_FAILED;
  fsim_job_status_transition (&s, FSIM_JOB_RUNNING);
}
END_TEST

static Suite *
scheduler_suite (void)
{
  Suite *s = suite_create ("scheduler");
  TCase *tc = tcase_create ("ExecutionState");
  tcase_add_test (tc, test_execution_state_enum);
  tcase_add_test (tc, test_execution_state_every_pair);
  tcase_add_test (tc, test_execution_state_terminal);
  tcase_add_test (tc, test_execution_state_checked_transition);
  tcase_add_test_raise_signal (tc, test_execution_state_illegal_aborts, SIGTRAP);
  suite_add_tcase (s, tc);
  tc = tcase_create ("JobStatus");
  tcase_add_test (tc, test_job_status_enum);
  tcase_add_test (tc, test_job_status_every_pair);
  tcase_add_test (tc, test_job_status_checked_transition);
  tcase_add_test_raise_signal (tc, test_job_status_illegal_aborts, SIGTRAP);
  suite_add_tcase (s, tc);
  scheduler_placement_tcases (s);
  scheduler_failure_tcases (s);
  scheduler_lifecycle_tcases (s);
  scheduler_attempts_tcases (s);
  scheduler_checkpoint_tcases (s);
  scheduler_machines_tcases (s);
  scheduler_network_tcases (s);
  scheduler_event_time_tcases (s);
  scheduler_metrics_tcases (s);
  scheduler_restart_tcases (s);
  scheduler_failover_tcases (s);
  scheduler_watermarks_tcases (s);
  scheduler_windows_tcases (s);
  scheduler_event_time_detail_tcases (s);
  scheduler_decline_fault_tcases (s);
  scheduler_stop_with_savepoint_tcases (s);
  scheduler_sink_commit_tcases (s);
  scheduler_recovery_tcases (s);
  scheduler_sorted_input_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (scheduler_suite ());
}
