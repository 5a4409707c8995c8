/* scheduler-decline-fault.c - the fault plan's `decline checkpoint N` on a
 * real run (scheduler/faults.c): when N is not pending, the fault record
 * says so and nothing else happens. (A pending checkpoint's decline is the
 * coordinator's receiveDeclineMessage, tested in check_checkpoint, since the
 * scheduler's periodic trigger stays off until barriers flow.) */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

/* faults.c's, until scheduler.h declares it */

static const FsimTraceRecord *
last_fault (FsimTrace *trace)
{
  const FsimTraceRecord *found = NULL;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT))
        found = r;
    }
  return found;
}

static void
decline_on (const char *text, const char *want_detail)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, 1, &error);
  ck_assert (run != NULL);
  fsim_job_run_run (run, 2 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 before = fsim_trace_count (trace);
  fsim_cluster_decline_checkpoint (fsim_job_run_get_cluster (run), 3);
  ck_assert_int_eq (fsim_trace_count (trace), before + 1);   /* the fault record only */
  const FsimTraceRecord *r = last_fault (trace);
  ck_assert_ptr_nonnull (r);
  ck_assert_int_eq (r->checkpoint, 3);
  ck_assert_str_eq (r->detail, want_detail);
  ck_assert (r->kind->flags & FSIM_KIND_FAILURE);
}

START_TEST (test_decline_not_pending)
{
  /* checkpointing on, but no checkpoint triggered yet */
  decline_on ("set execution.checkpointing.interval = 1 s\n"
              "env.fromSequence(1, 1000000).rate(10/s).print()\n",
              "decline checkpoint 3: it is not pending (not triggered yet); nothing declines");
  /* checkpointing off: no coordinator */
  decline_on ("env.fromSequence(1, 1000000).rate(10/s).print()\n",
              "decline checkpoint 3: checkpointing is off (no execution.checkpointing.interval); "
              "nothing declines");
}
END_TEST

void
scheduler_decline_fault_tcases (Suite *s)
{
  TCase *tc = tcase_create ("fault plan: decline checkpoint");
  tcase_add_test (tc, test_decline_not_pending);
  suite_add_tcase (s, tc);
}
