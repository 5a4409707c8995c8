/* scheduler-recovery.c - state restore after a restart
 * (scheduler/subtask-state.c): each new attempt gets the latest completed
 * checkpoint (CheckpointCoordinator.restoreLatestCheckpointedStateToSubtasks,
 * as DefaultSchedulerTest's restart cases expect: the restored checkpoint is
 * the newest one completed before restartTasks), a source goes on at its
 * checkpointed offset, keyed state is the snapshot's; without a checkpoint
 * everything starts from scratch.
 *
 * The first-principles check: an aligned exactly-once checkpoint is a
 * consistent cut (Chandy-Lamport, as Flink's ABS paper states it), so when
 * every record of a source goes, unchanged, into one keyed operator, the
 * records the restored keyed state has counted are exactly the records
 * before the restored source offsets. */
#include "config.h"

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

static FsimJobRun *
run_text (const char *text, gint64 until_us)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  FsimJobRun *run = fsim_job_run_new (job, 1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, until_us);
  return run;
}

#define KEYED_JOB(mode_line)                                                  \
  "set parallelism.default = 2\n"                                             \
  "set taskmanager.numberOfTaskSlots = 2\n"                                   \
  "set restart-strategy.type = fixed-delay\n"                                 \
  "set restart-strategy.fixed-delay.attempts = 5\n"                           \
  "set restart-strategy.fixed-delay.delay = 1 s\n"                            \
  mode_line                                                                   \
  "env.fromSource(\"Numbers\").rate(2000/s)\n"                                \
  "   .keyBy(\"n\").keys(40).reduce(\"Sum\").cost(20 us).stateSize(16)\n"     \
  "   .print()\n"                                                             \
  "at 3500 ms fail \"Keyed Reduce\" subtask 1\n"                              \
  "at 9200 ms fail \"Keyed Reduce\" subtask 0\n"

/* The id of the last checkpoint completed before time t, or 0. */
static gint64
completed_before (FsimTrace *trace, gint64 t)
{
  gint64 id = 0;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->time_us < t && r->kind == FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED))
        id = r->checkpoint;
    }
  return id;
}

/* The restores of one restart (those at the failover record's index on). */
typedef struct {
  gint64 restored_from;
  gint64 offsets;               /* the sources' restored offsets, summed */
  gint64 state_records;         /* the keyed subtasks' restored counts, summed */
  int sources, keyed;
} Restart;

static GArray *
restarts_of (FsimTrace *trace)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Restart));
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER))
        {
          Restart x = { completed_before (trace, r->time_us + 1), 0, 0, 0, 0 };
          g_array_append_val (out, x);
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_RESTORE))
        {
          ck_assert_uint_gt (out->len, 0);
          Restart *x = &g_array_index (out, Restart, out->len - 1);
          /* restartTasks names the newest completed checkpoint; none
           * completes while the job is RESTARTING (the trigger is off) */
          ck_assert_int_eq (r->values[0], x->restored_from);
          if (r->values[1] >= 0)
            x->offsets += r->values[1], x->sources++;
          else
            x->state_records += r->values[2], x->keyed++;
        }
    }
  return out;
}

START_TEST (test_aligned_restore_is_a_consistent_cut)
{
  g_autoptr (FsimJobRun) run =
    run_text (KEYED_JOB ("set execution.checkpointing.interval = 1 s\n"), 15 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  test_assert_transitions_legal (trace);
  g_autoptr (GArray) rs = restarts_of (trace);
  ck_assert_uint_eq (rs->len, 2);
  for (guint i = 0; i < rs->len; i++)
    {
      const Restart *x = &g_array_index (rs, Restart, i);
      /* every region restarts (one region: keyBy is all-to-all) */
      ck_assert_int_eq (x->sources, 2);
      ck_assert_int_eq (x->keyed, 2);
      /* a checkpoint completed before each failure: 1 s interval, 3.5 s in */
      ck_assert_int_gt (x->restored_from, 0);
      ck_assert_int_gt (x->offsets, 0);
      ck_assert_int_eq (x->state_records, x->offsets);
    }
  /* the second restore is from a later checkpoint than the first */
  ck_assert_int_gt (g_array_index (rs, Restart, 1).restored_from,
                    g_array_index (rs, Restart, 0).restored_from);
}
END_TEST

START_TEST (test_without_checkpoints_from_scratch)
{
  g_autoptr (FsimJobRun) run = run_text (KEYED_JOB (""), 15 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (GArray) rs = restarts_of (trace);
  ck_assert_uint_eq (rs->len, 2);
  for (guint i = 0; i < rs->len; i++)
    {
      const Restart *x = &g_array_index (rs, Restart, i);
      ck_assert_int_eq (x->restored_from, 0);
      ck_assert_int_eq (x->sources, 2);
      ck_assert_int_eq (x->offsets, 0);
      ck_assert_int_eq (x->state_records, 0);
    }
}
END_TEST

void
scheduler_recovery_tcases (Suite *s)
{
  TCase *tc = tcase_create ("recovery: state restore");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_aligned_restore_is_a_consistent_cut);
  tcase_add_test (tc, test_without_checkpoints_from_scratch);
  suite_add_tcase (s, tc);
}
