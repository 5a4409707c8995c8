/* scheduler-sink-commit.c - notifyCheckpointComplete reaches the tasks: a
 * transactional sink (sinkTo, Sink V2 with a committer) commits there.
 *
 * Expected values from Flink's rules (TwoPhaseCommittingSink,
 * CommitterOperator.notifyCheckpointComplete commits every committable up
 * to the checkpoint id; a savepoint's completion notifies no task,
 * CheckpointCoordinator.cleanupAfterCompletedCheckpoint):
 * - each commit comes after its checkpoint completed (an RPC later), and
 *   what is visible only grows;
 * - a savepoint's transaction waits for the next checkpoint's notification,
 *   which commits two transactions;
 * - the synchronous savepoint of `flink stop` commits everything the sink
 *   wrote: its sources stopped before its aligned barrier, so nothing is
 *   written after the snapshot (pending 0). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

static FsimJobRun *
sink_run (const char *action, FsimJob **job_out)
{
  g_autofree char *text = g_strdup_printf (
    "set execution.checkpointing.interval = 5 s\n"
    "set sim.duration = 30 s\n"
    "env.fromSource(\"Orders\").rate(100/s).map(\"Parse\").sinkTo(\"Db\").name(\"Db\")\n"
    "%s\n", action);
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  *job_out = job;
  FsimJobRun *run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, 30 * G_USEC_PER_SEC);
  return run;
}

static GPtrArray *
records_of (FsimTrace *trace, FsimTraceKind kind)
{
  GPtrArray *out = g_ptr_array_new ();
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == kind)
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

static gint64
completed_at (FsimTrace *trace, gint64 id)
{
  g_autoptr (GPtrArray) done = records_of (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED));
  for (guint i = 0; i < done->len; i++)
    if (((const FsimTraceRecord *) done->pdata[i])->checkpoint == id)
      return ((const FsimTraceRecord *) done->pdata[i])->time_us;
  return -1;
}

START_TEST (test_commit_after_completion)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = sink_run ("", &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (GPtrArray) commits = records_of (trace, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SINK_COMMITTED));
  g_autoptr (GPtrArray) done = records_of (trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED));
  ck_assert_uint_ge (done->len, 4);
  /* one commit per completed checkpoint but the last, whose notification
   * may still be on its way at the end */
  ck_assert_uint_ge (commits->len, done->len - 1);
  gint64 visible = 0;
  for (guint i = 0; i < commits->len; i++)
    {
      const FsimTraceRecord *c = commits->pdata[i];
      ck_assert_int_gt (c->time_us, completed_at (trace, c->checkpoint));
      ck_assert_int_eq (c->values[2], 1);                   /* one transaction */
      ck_assert_int_eq (c->values[1], visible + c->values[0]);
      ck_assert_int_gt (c->values[0], 0);                   /* 100 records a second */
      /* the detail says the same numbers, the pending ones in a clause of
       * their own (a learner read "… in all), 3 written since the snapshot
       * wait …" as one run-on clause) */
      g_autofree char *want = g_strdup_printf (
        "checkpoint %" PRId64 ": 1 transaction committed, %" PRId64 " records visible now (%"
        PRId64 " in all); %" PRId64 " written since the snapshot wait%s for the next checkpoint",
        c->checkpoint, c->values[0], c->values[1], c->values[3], c->values[3] == 1 ? "s" : "");
      ck_assert_str_eq (c->detail, want);
      visible = c->values[1];
    }
}
END_TEST

START_TEST (test_savepoint_committed_with_next_checkpoint)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = sink_run ("at 12 s savepoint", &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  FsimCheckpointCoordinator *cc
    = fsim_cluster_get_checkpoint_coordinator (fsim_job_run_get_cluster (run));
  gint64 sp = -1;
  for (gint64 id = 1; id <= fsim_checkpoint_coordinator_get_n_checkpoints (cc); id++)
    if (fsim_checkpoint_coordinator_is_savepoint (cc, id))
      sp = id;
  ck_assert_int_gt (sp, 0);
  ck_assert_int_ge (completed_at (trace, sp), 0);
  g_autoptr (GPtrArray) commits = records_of (trace, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SINK_COMMITTED));
  gboolean seen_next = FALSE;
  for (guint i = 0; i < commits->len; i++)
    {
      const FsimTraceRecord *c = commits->pdata[i];
      ck_assert_int_ne (c->checkpoint, sp);                 /* no notification */
      if (c->checkpoint == sp + 1)
        {
          ck_assert_int_eq (c->values[2], 2);               /* the savepoint's and its own */
          seen_next = TRUE;
        }
    }
  ck_assert (seen_next);
}
END_TEST

START_TEST (test_stop_commits_everything)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = sink_run ("at 17 s stop", &job);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (GPtrArray) commits = records_of (trace, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SINK_COMMITTED));
  ck_assert_uint_ge (commits->len, 1);
  const FsimTraceRecord *last = commits->pdata[commits->len - 1];
  FsimCheckpointCoordinator *cc
    = fsim_cluster_get_checkpoint_coordinator (fsim_job_run_get_cluster (run));
  FsimCheckpointStatsView v;
  ck_assert (fsim_checkpoint_coordinator_get_stats (cc, last->checkpoint, &v));
  ck_assert (v.synchronous);
  ck_assert_int_eq (last->values[3], 0);                    /* nothing pending */
  ck_assert_int_eq (fsim_cluster_get_job_status (fsim_job_run_get_cluster (run)), FSIM_JOB_FINISHED);
}
END_TEST

void
scheduler_sink_commit_tcases (Suite *s)
{
  TCase *tc = tcase_create ("notifyCheckpointComplete: sink commits");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_commit_after_completion);
  tcase_add_test (tc, test_savepoint_committed_with_next_checkpoint);
  tcase_add_test (tc, test_stop_commits_everything);
  suite_add_tcase (s, tc);
}
