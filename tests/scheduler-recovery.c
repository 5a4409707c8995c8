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

#include "scheduler/scheduler-private.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

/* The run of text until until_us; the job must outlive the run (the
 * caller frees it after). */
static FsimJobRun *
run_text (const char *text, gint64 until_us, FsimJob **job_out)
{
  g_autoptr (GError) error = NULL;
  FsimJob *job = *job_out = fsim_job_parse (text, "t.job", &error);
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
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run =
    run_text (KEYED_JOB ("set execution.checkpointing.interval = 1 s\n"), 15 * G_USEC_PER_SEC, &job);
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
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = run_text (KEYED_JOB (""), 15 * G_USEC_PER_SEC, &job);
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


/* A bounded job: 2 sources of 6,000 records -> keyBy -> a keyed reduce
 * (keyed state) -> print at parallelism 1 (its own task: a sink that writes
 * at once). Faults while records flow; the job finishes. */
#define BOUNDED_JOB(mode_lines)                                               \
  "set parallelism.default = 2\n"                                             \
  "set taskmanager.numberOfTaskSlots = 3\n"                                   \
  "set restart-strategy.type = fixed-delay\n"                                 \
  "set restart-strategy.fixed-delay.attempts = 9\n"                           \
  "set restart-strategy.fixed-delay.delay = 500 ms\n"                         \
  mode_lines                                                                  \
  "env.fromSource(\"Numbers\").records(6000).rate(1000/s)\n"                  \
  "   .keyBy(\"n\").keys(30).reduce(\"Sum\").cost(300 us)\n"                  \
  "   .print().setParallelism(1).cost(200 us)\n"                              \
  "at 2300 ms fail \"Keyed Reduce\" subtask 1\n"                              \
  "at 4700 ms fail \"Sink: Print to Std. Out\" subtask 0\n"                   \
  "at 6100 ms fail \"Source: Numbers\" subtask 0\n"

#define EVERY_400_MS "set execution.checkpointing.interval = 400 ms\n"

typedef struct {
  gint64 state_records;         /* the keyed reduce's state, at the end */
  gint64 sink_in;               /* what every attempt of the sink took in */
  const FsimTraceRecord *verdict;  /* while the run lives */
  gint64 *verdict_values;          /* a copy, for the caller */
  int restores;
} Outcome;

static Outcome
bounded_outcome (FsimJobRun *run)
{
  FsimCluster *c = fsim_job_run_get_cluster (run);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  ck_assert_int_eq (fsim_cluster_get_job_status (c), FSIM_JOB_FINISHED);
  Outcome o = { 0 };
  JobMaster *jm = c->job;
  for (int i = 0; i < jm->n_vertices; i++)
    {
      ExecutionVertex *ev = &jm->vertices[i];
      const FsimJobVertex *jv = ev->vertex->job_vertex->job_vertex;
      const FsimStreamNode *head = g_ptr_array_index (jv->operators, 0);
      if (head->kind == FSIM_OPERATOR_LEGACY_SINK)
        {
          StreamTaskStats st;
          for (guint a = 0; a < ev->prior->len; a++)
            {
              fsim_sched_stream_task_get_stats (c, g_ptr_array_index (ev->prior, a), &st);
              o.sink_in += st.records_in;
            }
          fsim_sched_stream_task_get_stats (c, ev->current, &st);
          o.sink_in += st.records_in;
        }
      else if (fsim_sched_store_is_state_op (head))
        o.state_records += fsim_sched_store_counted (ev->store, 0);
    }
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_VERDICT))
        o.verdict = r;
      o.restores += r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_RESTORE);
    }
  ck_assert_ptr_nonnull (o.verdict);
  return o;
}

/* The verdict against the outcome it must explain: keyed state holds each
 * of the 12,000 records once plus what the verdict calls duplicated, less
 * what it calls lost; the sink took in each once plus its duplicates. */
static Outcome
check_verdict (const char *mode_lines, gboolean exactly_once)
{
  g_autofree char *text = g_strdup_printf ("%s%s", mode_lines, BOUNDED_JOB (""));
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = run_text (text, 120 * G_USEC_PER_SEC, &job);
  Outcome o = bounded_outcome (run);
  o.verdict_values = g_memdup2 (o.verdict->values, sizeof o.verdict->values);
  const gint64 *v = o.verdict_values;
  ck_assert_int_eq (v[0], exactly_once);        /* guarantee */
  ck_assert_int_eq (o.restores, 3 * 5);          /* three restarts, five subtasks each */
  ck_assert_int_eq (o.state_records, 12000 + v[5] - v[4]);
  ck_assert_int_eq (o.sink_in, 12000 + v[7] - v[6]);
  ck_assert_int_eq (v[2], v[4] + v[6]);
  ck_assert_int_eq (v[3], v[5] + v[7]);
  /* replays reach print again: it writes at once */
  ck_assert_int_gt (v[7], 0);
  return o;
}

START_TEST (test_verdict_aligned)
{
  Outcome o = check_verdict (EVERY_400_MS, TRUE);
  g_autofree gint64 *v = o.verdict_values;
  ck_assert_int_eq (v[1], 1);   /* holds */
  ck_assert_int_eq (v[4], 0);
  ck_assert_int_eq (v[5], 0);
  ck_assert_int_eq (v[6], 0);
}
END_TEST

START_TEST (test_verdict_unaligned)
{
  /* in-flight records are channel state: replayed first, none lost */
  Outcome o = check_verdict (EVERY_400_MS "set execution.checkpointing.unaligned.enabled = true\n",
                             TRUE);
  g_autofree gint64 *v = o.verdict_values;
  ck_assert_int_eq (v[1], 1);
  ck_assert_int_eq (v[4], 0);
  ck_assert_int_eq (v[5], 0);
}
END_TEST

START_TEST (test_verdict_at_least_once)
{
  Outcome o = check_verdict (EVERY_400_MS "set execution.checkpointing.mode = AT_LEAST_ONCE\n", FALSE);
  g_autofree gint64 *v = o.verdict_values;
  ck_assert_int_eq (v[1], 1);   /* holds: nothing lost */
  ck_assert_int_eq (v[4], 0);
  ck_assert_int_eq (v[6], 0);
}
END_TEST

START_TEST (test_verdict_without_checkpoints)
{
  /* a restart starts over: state holds each record once, print has
   * written the failed attempts' records again */
  Outcome o = check_verdict ("", FALSE);
  g_autofree gint64 *v = o.verdict_values;
  ck_assert_int_eq (v[1], 1);
  ck_assert_int_eq (v[5], 0);
}
END_TEST

/* socketTextStream keeps no offset (SocketTextStreamFunction has no state;
 * Flink's table of guarantees: "Socket: at most once"): the restored
 * source reads on where its failed attempt stopped, and the verdict is
 * AT_MOST_ONCE, with the records read since the checkpoint lost. */
START_TEST (test_socket_reads_on)
{
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = run_text (
    "set parallelism.default = 2\n"
    "set taskmanager.numberOfTaskSlots = 3\n"
    "set restart-strategy.type = fixed-delay\n"
    "set restart-strategy.fixed-delay.delay = 1 s\n"
    "set execution.checkpointing.interval = 1 s\n"
    "env.socketTextStream(\"localhost\", 9999).rate(1000/s)\n"
    "   .keyBy(\"w\").keys(50).reduce(\"Sum\").print()\n"
    "at 3500 ms fail \"Keyed Reduce\" subtask 0\n", 10 * G_USEC_PER_SEC, &job);
  FsimCluster *c = fsim_job_run_get_cluster (run);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimTraceRecord *restore = NULL, *verdict = NULL;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_RESTORE) && r->values[1] >= 0)
        restore = r;
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_VERDICT))
        verdict = r;
    }
  ck_assert_ptr_nonnull (restore);
  ck_assert_ptr_nonnull (verdict);
  /* it reads on at the record after the last its failed attempt read */
  ExecutionVertex *ev = &c->job->vertices[0];
  ck_assert_uint_eq (ev->prior->len, 1);
  StreamTaskStats st;
  fsim_sched_stream_task_get_stats (c, g_ptr_array_index (ev->prior, 0), &st);
  ck_assert_int_gt (restore->values[0], 0);
  ck_assert_int_eq (restore->values[1], st.records_in);
  ck_assert_int_eq (verdict->values[0], 2);   /* AT_MOST_ONCE */
  ck_assert_int_eq (verdict->values[1], 1);   /* holds: nothing twice in state */
  ck_assert_int_eq (verdict->values[5], 0);
  ck_assert_int_gt (verdict->values[4], 0);   /* what it read after the checkpoint */
}
END_TEST

void
scheduler_recovery_tcases (Suite *s)
{
  TCase *tc = tcase_create ("recovery: state restore");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_aligned_restore_is_a_consistent_cut);
  tcase_add_test (tc, test_without_checkpoints_from_scratch);
  tcase_add_test (tc, test_verdict_aligned);
  tcase_add_test (tc, test_verdict_unaligned);
  tcase_add_test (tc, test_verdict_at_least_once);
  tcase_add_test (tc, test_verdict_without_checkpoints);
  tcase_add_test (tc, test_socket_reads_on);
  suite_add_tcase (s, tc);
}
