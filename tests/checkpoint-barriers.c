/* checkpoint-barriers.c - checkpoint/'s barrier handlers driven directly,
 * as Flink's own tests drive them through a scripted gate: the
 * BarrierHandlerState machine's legal transitions, and sequences of
 * AlternatingCheckpointsTest whose timing needs a barrier queued behind
 * an announcement (which lab barriers, draining after every token, does
 * not produce). The lab replays the other handler tests (tests/cli-lab-barriers.c). */
#include "config.h"

#include "checkpoint/checkpoint.h"
#include "tests/testlib.h"

#define MS G_GINT64_CONSTANT (1000)

typedef struct {
  GString *log;                 /* "T1 UNALIGNED;A2 REASON;R0;P0/3;" */
} Host;

static void
h_trigger (gpointer d, const FsimCheckpointBarrier *b)
{
  g_string_append_printf (((Host *) d)->log, "T%" G_GINT64_FORMAT " %s;", b->id,
                          fsim_checkpoint_barrier_type_name (b));
}

static void
h_abort (gpointer d, gint64 id, FsimCheckpointFailureReason r)
{
  g_string_append_printf (((Host *) d)->log, "A%" G_GINT64_FORMAT " %s;", id,
                          fsim_checkpoint_failure_reason_name (r));
}

static void
h_metrics (gpointer d, gint64 id, const FsimCheckpointMetrics *m)
{
  (void) d, (void) id, (void) m;
}

static void
h_resume (gpointer d, int c)
{
  g_string_append_printf (((Host *) d)->log, "R%d;", c);
}

static void
h_started (gpointer d, const FsimCheckpointBarrier *b)
{
  (void) d, (void) b;
}

static void
h_stopped (gpointer d, gint64 id)
{
  (void) d, (void) id;
}

static void
h_prioritize (gpointer d, int c, int seq)
{
  g_string_append_printf (((Host *) d)->log, "P%d/%d;", c, seq);
}

static const FsimBarrierHandlerHost host = {
  h_trigger, h_abort, h_metrics, h_resume, h_started, h_stopped, h_prioritize,
};

static FsimCheckpointBarrier
timeoutable (gint64 id, gint64 ts_us, gint64 timeout_us)
{
  return (FsimCheckpointBarrier) { .id = id, .timestamp_us = ts_us, .alignment = FSIM_ALIGNMENT_ALIGNED,
                                   .aligned_timeout_us = timeout_us };
}

/* The legal transitions are exactly those the header lists: every
 * (from, to) pair walked against the expected table. */
START_TEST (test_state_machine_transitions)
{
  enum { W = FSIM_BARRIER_STATE_WAITING_FOR_FIRST_BARRIER, C, AW, AC, AWU, ACU };
  static const gboolean legal[6][6] = {
    [W] = { [W] = 1, [C] = 1 },
    [C] = { [W] = 1, [C] = 1 },
    [AW] = { [AW] = 1, [AC] = 1, [AWU] = 1 },
    [AC] = { [AW] = 1, [AC] = 1, [ACU] = 1 },
    [AWU] = { [AW] = 1, [AWU] = 1, [ACU] = 1 },
    [ACU] = { [AW] = 1, [AWU] = 1, [ACU] = 1 },
  };
  for (int from = 0; from < 6; from++)
    for (int to = 0; to < 6; to++)
      ck_assert_int_eq (fsim_barrier_handler_transition_rule ((FsimBarrierHandlerState) from,
                                                             (FsimBarrierHandlerState) to) != NULL,
                        legal[from][to]);
  ck_assert_str_eq (fsim_barrier_handler_state_name (FSIM_BARRIER_STATE_COLLECTING_BARRIERS),
                    "CollectingBarriers");
}
END_TEST

/* AlternatingCheckpointsTest.testAlignedAfterTimedOut: one remote channel;
 * the announcement starts checkpoint 1 and its timer; the timer fires
 * past the timeout and prioritises the barrier, which then triggers
 * UNALIGNED; checkpoint 2's barrier, polled in time, triggers aligned. */
START_TEST (test_aligned_after_timed_out)
{
  Host h = { g_string_new (NULL) };
  g_autoptr (FsimBarrierHandler) bh = fsim_barrier_handler_new (FSIM_BARRIER_HANDLER_ALTERNATING,
                                                                1, TRUE, &host, &h);
  FsimCheckpointBarrier b1 = timeoutable (1, 0, 100 * MS);
  fsim_barrier_handler_process_announcement (bh, &b1, 0, 0, 0);
  ck_assert_int_eq (fsim_barrier_handler_next_timer_us (bh), 100 * MS);
  fsim_barrier_handler_fire_timer (bh, 101 * MS);
  ck_assert_int_eq (fsim_barrier_handler_get_state (bh),
                    FSIM_BARRIER_STATE_ALTERNATING_WAITING_FOR_FIRST_BARRIER_UNALIGNED);
  fsim_barrier_handler_process_barrier (bh, &b1, 0, 101 * MS);
  FsimCheckpointBarrier b2 = timeoutable (2, 101 * MS, 100 * MS);
  fsim_barrier_handler_process_announcement (bh, &b2, 1, 0, 101 * MS);
  fsim_barrier_handler_process_barrier (bh, &b2, 0, 101 * MS);
  /* both barriers are of the aligned type, so the network blocked the
   * channel; each finish resumes it */
  ck_assert_str_eq (h.log->str, "P0/0;T1 UNALIGNED;R0;T2 ALIGNED;R0;");
  ck_assert_int_eq (fsim_barrier_handler_next_timer_us (bh), -1);
  g_string_free (h.log, TRUE);
}
END_TEST

/* AlternatingCheckpointsTest.testTimeoutAlignment (testTimeoutBarrierOnTwoChannels):
 * both barriers queued behind data on remote channels, announced; after
 * twice the timeout the timer prioritises both announcements and the
 * first barrier polled triggers UNALIGNED, the second finishes it. */
START_TEST (test_timeout_alignment_two_channels)
{
  Host h = { g_string_new (NULL) };
  g_autoptr (FsimBarrierHandler) bh = fsim_barrier_handler_new (FSIM_BARRIER_HANDLER_ALTERNATING,
                                                                2, TRUE, &host, &h);
  FsimCheckpointBarrier b = timeoutable (1, 0, 10 * MS);
  fsim_barrier_handler_process_announcement (bh, &b, 2, 0, 0);
  fsim_barrier_handler_process_announcement (bh, &b, 1, 1, 0);
  ck_assert_str_eq (h.log->str, "");
  fsim_barrier_handler_fire_timer (bh, 20 * MS);
  fsim_barrier_handler_process_barrier (bh, &b, 0, 20 * MS);
  fsim_barrier_handler_process_barrier (bh, &b, 1, 20 * MS);
  /* the aligned-type barriers are blocked by the network, then resumed */
  ck_assert_str_eq (h.log->str, "P0/2;P1/1;T1 UNALIGNED;R0;R1;");
  ck_assert_int_eq (fsim_barrier_handler_get_state (bh),
                    FSIM_BARRIER_STATE_ALTERNATING_WAITING_FOR_FIRST_BARRIER);
  g_string_free (h.log, TRUE);
}
END_TEST

/* CheckpointBarrierTrackerTest: nothing is ever blocked; a newer
 * checkpoint completing drops the older silently (no abort). */
START_TEST (test_tracker_drops_older_silently)
{
  Host h = { g_string_new (NULL) };
  g_autoptr (FsimBarrierHandler) bh = fsim_barrier_handler_new (FSIM_BARRIER_HANDLER_TRACKER, 2,
                                                                TRUE, &host, &h);
  FsimCheckpointBarrier b1 = { .id = 1, .alignment = FSIM_ALIGNMENT_AT_LEAST_ONCE };
  FsimCheckpointBarrier b2 = { .id = 2, .alignment = FSIM_ALIGNMENT_AT_LEAST_ONCE };
  fsim_barrier_handler_process_barrier (bh, &b1, 0, 0);
  fsim_barrier_handler_process_barrier (bh, &b2, 0, 0);
  fsim_barrier_handler_process_barrier (bh, &b2, 1, 0);
  ck_assert (!fsim_barrier_handler_is_blocked (bh, 0));
  ck_assert_str_eq (h.log->str, "T2 AT_LEAST_ONCE;");
  ck_assert_int_eq (fsim_barrier_handler_get_latest_checkpoint_id (bh), -1);
  g_string_free (h.log, TRUE);
}
END_TEST

void checkpoint_barriers_tcases (Suite *suite);

void
checkpoint_barriers_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("SingleCheckpointBarrierHandler and CheckpointBarrierTracker");
  tcase_add_test (tc, test_state_machine_transitions);
  tcase_add_test (tc, test_aligned_after_timed_out);
  tcase_add_test (tc, test_timeout_alignment_two_channels);
  tcase_add_test (tc, test_tracker_drops_older_silently);
  suite_add_tcase (suite, tc);
}
