/* scheduler-stop-with-savepoint.c - the plan's `at T stop [--drain]`
 * (`flink stop [--drain]`, SchedulerBase.stopWithSavepoint) on real runs.
 *
 * Expected values from Flink's rules:
 * - StopWithSavepointTerminationHandlerImplTest.testHappyPath: the
 *   savepoint's creation, then every execution FINISHED, ends the handler
 *   successfully (WaitingForSavepoint -> SavepointCreated -> FinalState),
 *   and the job is FINISHED only after the savepoint completed (the tasks
 *   end on its notifyCheckpointComplete: StreamTask.afterInvoke waits for
 *   finalCheckpointCompleted).
 * - testSavepointCreationFailureWithoutExecutionFailure: a failed savepoint
 *   ends the handler (WaitingForSavepoint -> FinalState) and restarts the
 *   periodic trigger (startCheckpointScheduler); the job is not stopped.
 * - SourceTaskTerminationTest.testStopWithSavepointWithMaxWatermark and
 *   SavepointITCase's drain cases: with --drain the source emits
 *   MAX_WATERMARK before the SYNC_SAVEPOINT barrier, so the open event-time
 *   window [20 s, 30 s) fires before the end; without it no window fires
 *   after the stop (StopMode.NO_DRAIN emits no MAX_WATERMARK).
 * - SchedulerBase.stopWithSavepoint stops the periodic trigger first: no
 *   checkpoint but the savepoint is triggered after the stop. */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

#define STOP_AT_US (23 * G_USEC_PER_SEC)

/* (transfer full) the run; *job must outlive it */
static FsimJobRun *
stop_run (const char *stop, gint64 until_us, FsimJob **job_out)
{
  g_autofree char *text = g_strdup_printf (
    "set execution.checkpointing.interval = 5 s\n"
    "set sim.duration = 40 s\n"
    "clicks = env.fromSource(\"Clicks\").rate(50/s)\n"
    "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(500 ms))\n"
    "clicks.keyBy(\"user\").keys(20).window(TumblingEventTimeWindows.of(10 s))\n"
    "  .sum(1).name(\"Tumbling\").print()\n"
    "at 23 s %s\n", stop);
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  *job_out = job;
  FsimJobRun *run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  if (until_us > 0)
    fsim_job_run_run (run, until_us);
  return run;
}

static guint
count_kind_after (FsimTrace *trace, FsimTraceKind kind, gint64 after_us)
{
  guint n = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      n += r->kind == kind && r->time_us >= after_us;
    }
  return n;
}

/* The stop-with-savepoint records' labels, in order, joined by " -> ". */
static char *
handler_states (FsimTrace *trace)
{
  GString *s = g_string_new (NULL);
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_STOP_WITH_SAVEPOINT))
        g_string_append_printf (s, "%s%s", s->len ? " -> " : "", r->label);
    }
  return g_string_free (s, FALSE);
}

static gint64
time_of (FsimTrace *trace, FsimTraceKind kind, gint64 checkpoint)
{
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == kind && (checkpoint < 0 || r->checkpoint == checkpoint))
        return r->time_us;
    }
  return -1;
}

/* The synchronous savepoint: the only checkpoint triggered at or after the stop. */
static gint64
savepoint_id (FsimJobRun *run)
{
  FsimCheckpointCoordinator *cc
    = fsim_cluster_get_checkpoint_coordinator (fsim_job_run_get_cluster (run));
  gint64 id = fsim_checkpoint_coordinator_get_n_checkpoints (cc);
  FsimCheckpointStatsView v;
  ck_assert (fsim_checkpoint_coordinator_get_stats (cc, id, &v));
  ck_assert (v.savepoint && v.synchronous);
  return id;
}

static void
check_stopped (FsimJobRun *run, gboolean drain)
{
  FsimTrace *trace = fsim_job_run_get_trace (run);
  FsimCluster *c = fsim_job_run_get_cluster (run);
  ck_assert_int_eq (fsim_cluster_get_job_status (c), FSIM_JOB_FINISHED);
  gint64 id = savepoint_id (run);
  FsimCheckpointStatsView v;
  fsim_checkpoint_coordinator_get_stats (fsim_cluster_get_checkpoint_coordinator (c), id, &v);
  ck_assert_int_eq (v.state, FSIM_PENDING_CHECKPOINT_COMPLETED);
  ck_assert_int_eq (v.drain, drain);
  /* only the savepoint is triggered after the stop (stopCheckpointScheduler) */
  ck_assert_int_eq (count_kind_after (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED),
                                      STOP_AT_US), 1);
  ck_assert_int_eq (time_of (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED), id),
                    STOP_AT_US);
  /* FINISHED after the savepoint completed, not before */
  gint64 completed = time_of (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED), id);
  ck_assert_int_ge (completed, STOP_AT_US);
  gint64 finished = -1;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS) && r->to == FSIM_JOB_FINISHED)
        finished = r->time_us;
    }
  ck_assert_int_gt (finished, completed);
  g_autofree char *states = handler_states (trace);
  ck_assert_str_eq (states, "WaitingForSavepoint -> SavepointCreated -> FinalState");
}

START_TEST (test_stop_drain_fires_windows)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = stop_run ("stop --drain", 40 * G_USEC_PER_SEC, &job);
  check_stopped (run, TRUE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  /* the window [20 s, 30 s) was open at the stop: MAX_WATERMARK fires it */
  ck_assert_int_ge (count_kind_after (trace, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED),
                                      STOP_AT_US), 1);
  /* and before the savepoint's barrier: before its completion */
  gint64 id = savepoint_id (run);
  gint64 fired = -1;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED) && r->time_us >= STOP_AT_US)
        fired = r->time_us;
    }
  ck_assert_int_le (fired, time_of (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED),
                                    id));
}
END_TEST

START_TEST (test_stop_without_drain_fires_nothing)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = stop_run ("stop", 40 * G_USEC_PER_SEC, &job);
  check_stopped (run, FALSE);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  /* the last window before the stop, [10 s, 20 s), fired on its own
   * watermark; nothing fires after the stop */
  ck_assert_int_ge (count_kind_after (trace, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED),
                                      20 * G_USEC_PER_SEC), 1);
  ck_assert_int_eq (count_kind_after (trace, FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED),
                                      STOP_AT_US), 0);
}
END_TEST

START_TEST (test_stop_declined_keeps_running)
{
  /* just after the trigger, a task declines the synchronous savepoint */
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = stop_run ("stop --drain", STOP_AT_US + 500, &job);
  FsimCluster *c = fsim_job_run_get_cluster (run);
  gint64 id = savepoint_id (run);
  fsim_cluster_decline_checkpoint (c, id);
  fsim_job_run_run (run, 40 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  FsimCheckpointStatsView v;
  fsim_checkpoint_coordinator_get_stats (fsim_cluster_get_checkpoint_coordinator (c), id, &v);
  ck_assert_int_eq (v.state, FSIM_PENDING_CHECKPOINT_ABORTED);
  g_autofree char *states = handler_states (trace);
  ck_assert_str_eq (states, "WaitingForSavepoint -> FinalState");
  /* the job is not stopped: it fails over (a task's failure of a
   * synchronous savepoint fails the job, handleTaskLevelCheckpointException)
   * and runs on, checkpointing again */
  ck_assert_int_eq (fsim_cluster_get_job_status (c), FSIM_JOB_RUNNING);
  ck_assert_int_ge (count_kind_after (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED),
                                      STOP_AT_US), 1);
}
END_TEST

START_TEST (test_stop_parses)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse ("env.fromSequence(1, 10).print()\n"
                                            "at 5 s stop --drain\nat 6 s stop\n", "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  GPtrArray *faults = fsim_job_get_faults (job);
  ck_assert_uint_eq (faults->len, 2);
  const FsimFault *f = g_ptr_array_index (faults, 0);
  ck_assert_int_eq (f->kind, FSIM_FAULT_STOP_WITH_SAVEPOINT);
  ck_assert (f->drain);
  ck_assert (!((const FsimFault *) g_ptr_array_index (faults, 1))->drain);
  g_autofree char *line = fsim_fault_to_line (f);
  ck_assert_ptr_nonnull (strstr (line, "stop --drain"));
  g_clear_error (&error);
  g_autoptr (FsimJob) bad = fsim_job_parse ("env.fromSequence(1, 10).print()\n"
                                            "at 5 s stop --dran\n", "t.job", &error);
  ck_assert (bad == NULL);
  ck_assert_ptr_nonnull (strstr (error->message, "'--drain'"));
}
END_TEST

void
scheduler_stop_with_savepoint_tcases (Suite *s)
{
  TCase *tc = tcase_create ("stop-with-savepoint");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_stop_drain_fires_windows);
  tcase_add_test (tc, test_stop_without_drain_fires_nothing);
  tcase_add_test (tc, test_stop_declined_keeps_running);
  tcase_add_test (tc, test_stop_parses);
  suite_add_tcase (s, tc);
}
