/* check_checkpoint.c - checkpoint/: the CheckpointCoordinator on a fake host.
 *
 * Links checkpoint, graphs and sim only: the coordinator reaches the job
 * through FsimCheckpointHost, which a fake job of three tasks (two sources,
 * one sink) implements here. Expectations follow Flink's
 * CheckpointCoordinatorTest and PendingCheckpointTest. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "tests/checkpoint-tests.h"

/* --- the fake job -------------------------------------------------------------- */

const FsimCheckpointTask fake_tasks[3] = {
  { 0, 0, 0, "Source: A (1/2)#0" },
  { 0, 1, 0, "Source: A (2/2)#0" },
  { 1, 0, 0, "Sink: B (1/1)#0" },
};

static gboolean
fake_tasks_running (gpointer data, GArray *to_trigger, GArray *to_ack)
{
  FakeJob *job = data;
  if (!job->running)
    return FALSE;
  g_array_append_vals (to_trigger, job->tasks, job->n_sources);
  g_array_append_vals (to_ack, job->tasks, job->n_tasks);
  return TRUE;
}

static void
fake_trigger (gpointer data, const FsimCheckpointTask *task, gint64 id)
{
  FakeJob *job = data;
  g_array_append_val (job->triggered, *task);
  g_array_append_val (job->triggered_ids, id);
}

static void
fake_notify (gpointer data, const FsimCheckpointTask *task, gint64 id)
{
  FakeJob *job = data;
  g_array_append_val (job->notified, *task);
  g_array_append_val (job->notified_ids, id);
}

static void
fake_notify_aborted (gpointer data, const FsimCheckpointTask *task, gint64 id)
{
  FakeJob *job = data;
  g_array_append_val (job->aborted, *task);
  g_array_append_val (job->aborted_ids, id);
  gint64 latest = fsim_checkpoint_coordinator_get_latest_completed (job->cc);
  g_array_append_val (job->latest_at_abort, latest);
}

static void
fake_fail_job (gpointer data, const char *cause)
{
  FakeJob *job = data;
  g_ptr_array_add (job->failures, g_strdup (cause));
  job->n_fail_job++;
}

static void
fake_fail_job_due_to_task (gpointer data, const char *cause, const FsimCheckpointTask *task)
{
  FakeJob *job = data;
  g_ptr_array_add (job->failures, g_strdup (cause));
  g_ptr_array_add (job->failing_tasks, g_strdup (task->label));
}

static const FsimCheckpointHost fake_host = {
  .tasks_running = fake_tasks_running,
  .trigger_task = fake_trigger,
  .notify_complete = fake_notify,
  .fail_job = fake_fail_job,
  .notify_aborted = fake_notify_aborted,
  .fail_job_due_to_task_failure = fake_fail_job_due_to_task,
};

Fixture *
fixture_new_full (const FsimCheckpointSettings *settings, const FsimCheckpointTask *job_tasks,
                  guint n_tasks, guint n_sources)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->sim = fsim_sim_new (1);
  f->job.running = TRUE;
  f->job.tasks = job_tasks ? job_tasks : fake_tasks;
  f->job.n_tasks = job_tasks ? n_tasks : G_N_ELEMENTS (fake_tasks);
  f->job.n_sources = job_tasks ? n_sources : 2;
  f->job.triggered = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointTask));
  f->job.triggered_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->job.notified = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointTask));
  f->job.notified_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->job.aborted = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointTask));
  f->job.aborted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->job.latest_at_abort = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->job.failures = g_ptr_array_new_with_free_func (g_free);
  f->job.failing_tasks = g_ptr_array_new_with_free_func (g_free);
  FsimCheckpointSettings s;
  if (settings)
    s = *settings;
  else
    {
      fsim_checkpoint_settings_init (&s);
      s.interval_us = G_USEC_PER_SEC;
    }
  f->cc = fsim_checkpoint_coordinator_new (f->sim, &s, &fake_host, &f->job);
  f->job.cc = f->cc;
  return f;
}

Fixture *
fixture_new (int tolerable)
{
  FsimCheckpointSettings s;
  fsim_checkpoint_settings_init (&s);
  s.interval_us = G_USEC_PER_SEC;
  s.tolerable_failures = tolerable;
  return fixture_new_full (&s, NULL, 0, 0);
}

void
fixture_free (Fixture *f)
{
  fsim_checkpoint_coordinator_free (f->cc);
  fsim_sim_free (f->sim);
  g_array_unref (f->job.triggered);
  g_array_unref (f->job.triggered_ids);
  g_array_unref (f->job.notified);
  g_array_unref (f->job.notified_ids);
  g_array_unref (f->job.aborted);
  g_array_unref (f->job.aborted_ids);
  g_array_unref (f->job.latest_at_abort);
  g_ptr_array_unref (f->job.failures);
  g_ptr_array_unref (f->job.failing_tasks);
  g_free (f);
}

void
fixture_settle (Fixture *f)
{
  fsim_sim_run_until (f->sim, fsim_sim_now (f->sim));
}

void
fixture_ack_all (Fixture *f, gint64 id)
{
  for (guint i = 0; i < f->job.n_tasks; i++)
    fsim_checkpoint_coordinator_acknowledge (f->cc, &f->job.tasks[i], id, NULL);
}

guint
fixture_n_triggered (Fixture *f, gint64 id)
{
  guint n = 0;
  for (guint i = 0; i < f->job.triggered_ids->len; i++)
    n += g_array_index (f->job.triggered_ids, gint64, i) == id;
  return n;
}

/* The checkpoint records, in order, as "kind-name" strings, and the last one. */
GPtrArray *
checkpoint_records (Fixture *f)
{
  FsimTrace *trace = fsim_sim_get_trace (f->sim);
  GPtrArray *out = g_ptr_array_new ();
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (fsim_checkpoint_kind_is_own (r->kind))
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

GPtrArray *
checkpoint_records_of (Fixture *f, FsimCheckpointKind kind)
{
  FsimTrace *trace = fsim_sim_get_trace (f->sim);
  GPtrArray *out = g_ptr_array_new ();
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_CHECKPOINT_KIND (kind))
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

const FsimTraceRecord *
rec (GPtrArray *a, guint i)
{
  ck_assert_uint_gt (a->len, i);
  return g_ptr_array_index (a, i);
}

/* --- tests --------------------------------------------------------------------- */

/* CheckpointCoordinatorTest#testTriggerAndConfirmSimpleCheckpoint: the
 * trigger creates one pending checkpoint waiting for every task and
 * triggers the sources; a duplicate acknowledgement changes nothing; the
 * last one completes it, every task is notified, and the next trigger
 * gets the next id. */
START_TEST (test_trigger_and_confirm)
{
  g_autoptr (Fixture) f = fixture_new (0);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert_int_eq (id, 1);                   /* CheckpointIDCounter starts at 1 */
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  /* the sources, and only they, received triggerCheckpoint */
  ck_assert_uint_eq (f->job.triggered->len, 2);
  for (guint i = 0; i < 2; i++)
    {
      ck_assert_str_eq (g_array_index (f->job.triggered, FsimCheckpointTask, i).label,
                        fake_tasks[i].label);
      ck_assert_int_eq (g_array_index (f->job.triggered_ids, gint64, i), id);
    }

  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], id, NULL));
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], id, NULL)); /* DUPLICATE */
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[1], id, NULL));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  ck_assert_uint_eq (f->job.notified->len, 0);
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[2], id, NULL));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_COMPLETED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_latest_completed (f->cc), id);
  /* every task got notifyCheckpointComplete */
  ck_assert_uint_eq (f->job.notified->len, 3);
  for (guint i = 0; i < 3; i++)
    ck_assert_int_eq (g_array_index (f->job.notified_ids, gint64, i), id);
  /* a late acknowledgement of a completed checkpoint is not accepted */
  ck_assert (!fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], id, NULL));

  /* the trace: triggered, three acknowledgements (the duplicate is not one),
   * completed, each with the checkpoint id */
  g_autoptr (GPtrArray) rs = checkpoint_records (f);
  ck_assert_uint_eq (rs->len, 5);
  ck_assert_ptr_eq (rec (rs, 0)->kind, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED));
  for (guint i = 1; i <= 3; i++)
    {
      ck_assert_ptr_eq (rec (rs, i)->kind,
                        FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_ACKNOWLEDGED));
      ck_assert_str_eq (rec (rs, i)->label, fake_tasks[i - 1].label);
      ck_assert_int_eq (rec (rs, i)->subtask, fake_tasks[i - 1].subtask);
    }
  ck_assert_ptr_nonnull (strstr (rec (rs, 3)->detail, "3 of 3"));
  ck_assert_ptr_eq (rec (rs, 4)->kind, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED));
  for (guint i = 0; i < rs->len; i++)
    ck_assert_int_eq (rec (rs, i)->checkpoint, id);
  /* the expiry timer went with it; what is left is scheduleTriggerRequest's
   * executeQueuedRequest, at the same time, which finds nothing queued */
  ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 1);
  fixture_settle (f);
  ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 0);

  ck_assert_int_eq (fsim_checkpoint_coordinator_trigger (f->cc, NULL), 2);
}
END_TEST

/* CheckpointCoordinatorTest#testTriggerAndDeclineCheckpointSimple: a
 * decline aborts the pending checkpoint (CHECKPOINT_DECLINED), a late
 * acknowledgement is dropped, nothing is notified; with
 * tolerable-failed-checkpoints 0 the failure manager fails the job
 * (testTriggerAndDeclineCheckpointThenFailureManagerThrowsException). */
START_TEST (test_decline)
{
  g_autoptr (Fixture) f = fixture_new (0);
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], id, NULL));
  ck_assert (fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[2], id,
                                                  "java.lang.Exception: test"));
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_pending_count (f->cc), 0);
  ck_assert (!fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[1], id, NULL));
  ck_assert (!fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[1], id, NULL));
  ck_assert_uint_eq (f->job.notified->len, 0);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_latest_completed (f->cc), -1);

  g_autoptr (GPtrArray) rs = checkpoint_records (f);
  ck_assert_uint_eq (rs->len, 3);
  const FsimTraceRecord *d = rec (rs, 2);
  ck_assert_ptr_eq (d->kind, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_DECLINED));
  ck_assert (d->kind->flags & FSIM_KIND_FAILURE);
  ck_assert_str_eq (d->label, fake_tasks[2].label);
  ck_assert_ptr_nonnull (strstr (d->detail, "CHECKPOINT_DECLINED: Checkpoint was declined."));
  ck_assert_ptr_nonnull (strstr (d->detail, "java.lang.Exception: test"));

  /* the FailJobCallback runs on the JobMaster's main thread: after the
   * decline, at the same time */
  ck_assert_uint_eq (f->job.failures->len, 0);
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 1);
  ck_assert (g_str_has_prefix (g_ptr_array_index (f->job.failures, 0),
                               "org.apache.flink.util.FlinkRuntimeException: Exceeded "
                               "checkpoint tolerable failure threshold."));
  /* a task's decline: failJobDueToTaskFailure, naming the task */
  ck_assert_uint_eq (f->job.failing_tasks->len, 1);
  ck_assert_str_eq (g_ptr_array_index (f->job.failing_tasks, 0), fake_tasks[2].label);
  ck_assert_uint_eq (f->job.n_fail_job, 0);
  /* every task heard of the abort (sendAbortedMessages) */
  ck_assert_uint_eq (f->job.aborted->len, 3);
  ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 0);
}
END_TEST

/* CheckpointFailureManager: with tolerable-failed-checkpoints 1 the second
 * failure in a row fails the job, and a completed checkpoint resets the
 * count (testExpiredCheckpointExceedsTolerableFailureNumber counts expiry
 * alike: CheckpointCoordinatorTest#testCheckpointTimeoutIsolated). */
START_TEST (test_tolerable_failures_and_expiry)
{
  g_autoptr (Fixture) f = fixture_new (1);
  gint64 one = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[0], one, NULL);
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);
  gint64 two = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  for (guint i = 0; i < 3; i++)
    fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[i], two, NULL);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_latest_completed (f->cc), two);
  gint64 three = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[0], three, NULL);
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 0);   /* the count restarted at the success */
  /* the fourth expires: execution.checkpointing.timeout, Flink's 10 min */
  gint64 four = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[0], four, NULL);
  fsim_sim_run_until (f->sim, 10 * 60 * G_USEC_PER_SEC - 1);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, four),
                    FSIM_PENDING_CHECKPOINT_IN_PROGRESS);
  fsim_sim_run_until (f->sim, 10 * 60 * G_USEC_PER_SEC);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, four),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  g_autoptr (GPtrArray) rs = checkpoint_records (f);
  const FsimTraceRecord *last = rec (rs, rs->len - 1);
  ck_assert_ptr_eq (last->kind, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_EXPIRED));
  ck_assert_int_eq (last->checkpoint, four);
  ck_assert_int_eq (last->time_us, 10 * 60 * G_USEC_PER_SEC);
  ck_assert_ptr_nonnull (strstr (last->detail, "Checkpoint expired before completing."));
  fixture_settle (f);
  ck_assert_uint_eq (f->job.failures->len, 1);
  ck_assert_uint_eq (f->job.n_fail_job, 1);      /* the JobManager's own: failJob */
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (f->job.failures, 0),
                                 "Checkpoint expired before completing."));
}
END_TEST

/* DefaultCheckpointPlanCalculator: not every task RUNNING, so nothing
 * starts (NOT_ALL_REQUIRED_TASKS_RUNNING, a pre-flight failure the failure
 * manager does not count; CheckpointCoordinatorTest#
 * testCheckpointAbortsIfTriggerTasksAreNotExecuted); one pending at a
 * time by default (max-concurrent-checkpoints 1), a second request waits
 * in the queue (CheckpointRequestDeciderTest#testEnqueueOnTooManyPending);
 * after the job is over pending checkpoints and queued requests fail with
 * CHECKPOINT_COORDINATOR_SHUTDOWN and nothing triggers
 * (CheckpointCoordinatorTriggeringTest#testTriggerCheckpointWithShuttingDownCoordinator). */
START_TEST (test_preflight_and_shutdown)
{
  g_autoptr (Fixture) f = fixture_new (0);
  f->job.running = FALSE;
  FsimCheckpointFailureReason reason;
  ck_assert_int_eq (fsim_checkpoint_coordinator_trigger (f->cc, &reason), -1);
  ck_assert_int_eq (reason, FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING);
  ck_assert_str_eq (fsim_checkpoint_failure_reason_message (reason),
                    "Not all required tasks are currently running.");
  ck_assert (!fsim_checkpoint_failure_reason_counts (reason));
  ck_assert_uint_eq (f->job.triggered->len, 0);
  /* the request failed, and no checkpoint began */
  g_autoptr (GPtrArray) one = checkpoint_records (f);
  ck_assert_uint_eq (one->len, 1);
  ck_assert_ptr_eq (rec (one, 0)->kind, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_REQUEST_FAILED));
  ck_assert_int_eq (rec (one, 0)->checkpoint, -1);
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_checkpoints (f->cc), 0);

  f->job.running = TRUE;
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  ck_assert_int_eq (id, 1);                   /* no id was used before */
  ck_assert_int_eq (fsim_checkpoint_coordinator_trigger (f->cc, &reason), 0);   /* queued */
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_queued (f->cc), 1);
  FsimCheckpointRequestView v;
  ck_assert (fsim_checkpoint_coordinator_get_request (f->cc, 3, &v));
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_QUEUED);

  fsim_checkpoint_coordinator_job_terminal (f->cc);
  ck_assert_int_eq (fsim_checkpoint_coordinator_get_state (f->cc, id),
                    FSIM_PENDING_CHECKPOINT_ABORTED);
  ck_assert (fsim_checkpoint_coordinator_get_request (f->cc, 3, &v));
  ck_assert_int_eq (v.state, FSIM_CHECKPOINT_REQUEST_FAILED);
  ck_assert_int_eq (v.reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN);
  ck_assert_int_eq (fsim_checkpoint_coordinator_trigger (f->cc, &reason), -1);
  ck_assert_int_eq (reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN);
  ck_assert_uint_eq (f->job.failures->len, 0);  /* shutdown does not count */
  ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 0);
}
END_TEST

/* Without settings.periodic (as the scheduler creates it while barriers do
 * not flow) job_running triggers nothing, ever. */
START_TEST (test_no_periodic_trigger)
{
  g_autoptr (Fixture) f = fixture_new (0);
  fsim_checkpoint_coordinator_job_running (f->cc);
  ck_assert_uint_eq (fsim_sim_pending_count (f->sim), 0);
  fsim_sim_run_until (f->sim, 60 * G_USEC_PER_SEC);
  ck_assert_uint_eq (f->job.triggered->len, 0);
}
END_TEST

/* PendingCheckpoint: IN_PROGRESS -> COMPLETED | ABORTED, nothing else. */
/* CheckpointStatsTrackerTest#testCheckpointTracking, as far as the
 * coordinator keeps it: a pending checkpoint's stats count the
 * acknowledgements as they come, each row keeps what its task reported
 * and when it reached the coordinator, the latest acknowledgement is the
 * last one, and a failed checkpoint keeps its failure time and message
 * (FailedCheckpointStats). */
START_TEST (test_stats_tracking)
{
  g_autoptr (Fixture) f = fixture_new (5);
  fsim_sim_run_until (f->sim, 1000);
  gint64 id = fsim_checkpoint_coordinator_trigger (f->cc, NULL);
  FsimCheckpointStatsView v;
  ck_assert (fsim_checkpoint_coordinator_get_stats (f->cc, id, &v));
  FsimCheckpointStatsView none;
  ck_assert (!fsim_checkpoint_coordinator_get_stats (f->cc, id + 1, &none));
  ck_assert_str_eq (fsim_checkpoint_stats_status_name (v.state), "IN_PROGRESS");
  ck_assert_int_eq (v.trigger_us, 1000);
  ck_assert_int_eq (v.latest_ack_us, -1);
  ck_assert_uint_eq (v.n_subtasks, 3);
  ck_assert_uint_eq (v.n_acknowledged, 0);

  FsimSubtaskCheckpointStats st = { .state_size = 4096, .checkpointed_size = 1024,
                                    .sync_us = 10, .async_us = 200, .alignment_us = 0,
                                    .start_delay_us = 3, .unaligned = FALSE };
  fsim_sim_run_until (f->sim, 5000);
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[1], id, &st));
  FsimSubtaskCheckpointStats sink = { .state_size = 100, .alignment_us = 700,
                                      .persisted_bytes = 339, .unaligned = TRUE,
                                      .late_barrier_why = "channel 1 came last" };
  fsim_sim_run_until (f->sim, 9000);
  ck_assert (fsim_checkpoint_coordinator_acknowledge (f->cc, &fake_tasks[2], id, &sink));
  ck_assert (fsim_checkpoint_coordinator_get_stats (f->cc, id, &v));
  ck_assert_uint_eq (v.n_acknowledged, 2);
  ck_assert_int_eq (v.latest_ack_us, 9000);
  ck_assert (v.unaligned);      /* one unaligned subtask makes it an unaligned checkpoint */
  ck_assert (!v.subtasks[0].acknowledged);
  ck_assert_int_eq (v.subtasks[0].ack_us, -1);
  ck_assert (v.subtasks[1].acknowledged);
  ck_assert_int_eq (v.subtasks[1].ack_us, 5000);
  ck_assert_int_eq (v.subtasks[1].stats.state_size, 4096);
  ck_assert_int_eq (v.subtasks[1].stats.async_us, 200);
  ck_assert_str_eq (v.subtasks[1].task.label, fake_tasks[1].label);
  ck_assert_str_eq (v.subtasks[2].stats.late_barrier_why, "channel 1 came last");
  ck_assert_int_eq (v.subtasks[2].stats.persisted_bytes, 339);

  fsim_sim_run_until (f->sim, 12000);
  ck_assert (fsim_checkpoint_coordinator_decline (f->cc, &fake_tasks[0], id, "boom"));
  ck_assert (fsim_checkpoint_coordinator_get_stats (f->cc, id, &v));
  ck_assert_str_eq (fsim_checkpoint_stats_status_name (v.state), "FAILED");
  ck_assert_int_eq (v.failure_us, 12000);
  ck_assert_int_eq (v.failure_reason, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED);
  ck_assert_str_eq (v.failure_message, "Checkpoint was declined. boom");
  ck_assert_uint_eq (fsim_checkpoint_coordinator_get_n_checkpoints (f->cc), 1);
}
END_TEST

START_TEST (test_pending_checkpoint_every_pair)
{
  for (int from = 0; from < FSIM_PENDING_CHECKPOINT_STATE_COUNT; from++)
    for (int to = 0; to < FSIM_PENDING_CHECKPOINT_STATE_COUNT; to++)
      {
        gboolean want = from == FSIM_PENDING_CHECKPOINT_IN_PROGRESS
                        && to != FSIM_PENDING_CHECKPOINT_IN_PROGRESS;
        ck_assert ((fsim_pending_checkpoint_transition_rule (from, to) != NULL) == want);
      }
  /* CheckpointFailureReason names are Flink's enum constants */
  ck_assert_str_eq (fsim_checkpoint_failure_reason_name (FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED),
                    "CHECKPOINT_DECLINED");
  ck_assert_str_eq (fsim_checkpoint_failure_reason_name (FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED),
                    "CHECKPOINT_EXPIRED");
}
END_TEST

void checkpoint_barriers_tcases (Suite *suite);    /* checkpoint-barriers.c */
void checkpoint_coordinator_tcases (Suite *suite); /* checkpoint-coordinator.c */

static Suite *
checkpoint_suite (void)
{
  Suite *s = suite_create ("checkpoint");
  TCase *tc = tcase_create ("CheckpointCoordinator");
  tcase_add_test (tc, test_trigger_and_confirm);
  tcase_add_test (tc, test_decline);
  tcase_add_test (tc, test_tolerable_failures_and_expiry);
  tcase_add_test (tc, test_preflight_and_shutdown);
  tcase_add_test (tc, test_no_periodic_trigger);
  suite_add_tcase (s, tc);
  tc = tcase_create ("PendingCheckpoint");
  tcase_add_test (tc, test_stats_tracking);
  tcase_add_test (tc, test_pending_checkpoint_every_pair);
  suite_add_tcase (s, tc);
  checkpoint_coordinator_tcases (s);
  checkpoint_barriers_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (checkpoint_suite ());
}
