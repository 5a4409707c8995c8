/* cli-lab-barriers.c - `flinksim lab barriers` black box: Flink's own barrier
 * handler test sequences replayed through the lab (each test cites the
 * Flink test method it replays; the expectations are what that test
 * asserts), the text and jsonl formats, @FILE, and bad input. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "tests/testlib.h"

/* Runs `flinksim lab barriers --format jsonl ARGS…` (NULL-terminated) and
 * returns its records, the summary last. (transfer full) */
static GPtrArray *
run_jsonl (const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) "lab");
  g_ptr_array_add (args, (gpointer) "barriers");
  g_ptr_array_add (args, (gpointer) "--format");
  g_ptr_array_add (args, (gpointer) "jsonl");
  va_list ap;
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli ((const char *const *) args->pdata, &out, &err), 0);
  ck_assert_str_eq (err, "");
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  for (int i = 0; lines[i] && *lines[i]; i++)
    {
      g_autoptr (JsonParser) p = json_parser_new ();
      ck_assert (json_parser_load_from_data (p, lines[i], -1, NULL));
      g_ptr_array_add (records, json_object_ref (json_node_get_object (json_parser_get_root (p))));
    }
  return records;
}

static JsonObject *
rec (GPtrArray *records, guint i)
{
  ck_assert_uint_lt (i, records->len);
  return records->pdata[i];
}

/* "[0,2]" of an integer array member */
static char *
ints (JsonObject *o, const char *member)
{
  JsonArray *a = json_object_get_array_member (o, member);
  GString *s = g_string_new ("[");
  for (guint i = 0; i < json_array_get_length (a); i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", json_array_get_int_element (a, i));
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* "1 ALIGNED,2 UNALIGNED" of triggered, "3 CHECKPOINT_…" of aborted */
static char *
events (JsonObject *o, const char *member, const char *field)
{
  JsonArray *a = json_object_get_array_member (o, member);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      g_string_append_printf (s, "%s%" G_GINT64_FORMAT " %s", i ? "," : "",
                              json_object_get_int_member (e, "checkpoint"),
                              json_object_get_string_member (e, field));
    }
  return g_string_free (s, FALSE);
}

static void
assert_ints (JsonObject *o, const char *member, const char *want)
{
  g_autofree char *got = ints (o, member);
  ck_assert_str_eq (got, want);
}

static void
assert_summary (GPtrArray *r, const char *triggered, const char *aborted)
{
  JsonObject *s = rec (r, r->len - 1);
  ck_assert (json_object_get_boolean_member (s, "summary"));
  g_autofree char *t = events (s, "triggered", "type");
  g_autofree char *a = events (s, "aborted", "reason");
  ck_assert_str_eq (t, triggered);
  ck_assert_str_eq (a, aborted);
}

/* Every data buffer reaches the operator once, in the order of the
 * sequence (nothing here arrives on a blocked channel). */
static void
assert_all_data_delivered_in_order (GPtrArray *r, const char *const *tokens)
{
  GString *want = g_string_new ("["), *got = g_string_new ("[");
  for (guint i = 0; tokens[i]; i++)
    if (tokens[i][0] == 'D')
      g_string_append_printf (want, "%s%u", want->len > 1 ? "," : "", i);
  for (guint i = 0; i + 1 < r->len; i++)
    {
      JsonArray *a = json_object_get_array_member (rec (r, i), "delivered");
      for (guint k = 0; k < json_array_get_length (a); k++)
        g_string_append_printf (got, "%s%" G_GINT64_FORMAT, got->len > 1 ? "," : "",
                                json_array_get_int_element (a, k));
    }
  g_string_append_c (want, ']');
  g_string_append_c (got, ']');
  ck_assert_str_eq (got->str, want->str);
  g_string_free (want, TRUE);
  g_string_free (got, TRUE);
}

static const char *const multi_channel_with_barriers[] = {
  "D0", "D2", "D0", "B1@1", "B1@2", "D0", "B1@0",
  "D0", "D0", "D1", "D1", "D2", "B2@0", "B2@1", "B2@2",
  "D2", "D2", "B3@2", "D0", "D0", "B3@0", "B3@1",
  "B4@1", "B4@2", "B4@0",
  "D0", "E0", "E1", "E2", NULL
};

static char *
joined (const char *const *tokens)
{
  return g_strjoinv (",", (char **) tokens);
}

/* AlignedCheckpointsTest.testMultiChannelWithBarriers: four checkpoints,
 * each triggered at its last barrier, nothing blocked after each, and
 * every buffer delivered in order. */
START_TEST (test_aligned_multi_channel_with_barriers)
{
  g_autofree char *seq = joined (multi_channel_with_barriers);
  g_autoptr (GPtrArray) r = run_jsonl ("--channels", "3", seq, NULL);
  ck_assert_uint_eq (r->len, 30);
  assert_summary (r, "1 ALIGNED,2 ALIGNED,3 ALIGNED,4 ALIGNED", "");
  const guint done[] = { 6, 14, 21, 24 };
  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      g_autofree char *t = events (rec (r, done[i]), "triggered", "type");
      g_autofree char *want = g_strdup_printf ("%u ALIGNED", i + 1);
      ck_assert_str_eq (t, want);
      assert_ints (rec (r, done[i]), "blocked", "[]");
    }
  /* aligned: a channel is blocked once its barrier is in */
  assert_ints (rec (r, 3), "blocked", "[1]");
  assert_ints (rec (r, 4), "blocked", "[1,2]");
  assert_all_data_delivered_in_order (r, multi_channel_with_barriers);
}
END_TEST

/* AlignedCheckpointsTest.testMultiChannelJumpingOverCheckpoint (with
 * checkpoints-after-tasks-finish off, as the test builds its gate): each
 * newer barrier aborts the alignment in progress; the end of partition
 * aborts the last. */
START_TEST (test_aligned_jumping_over_checkpoint)
{
  const char *const seq[] = {
    "D0", "D2", "D0", "B1@1", "B1@2", "D0", "B1@0", "D1", "D0",
    "B2@1", "D2", "B2@0", "D2", "B3@2", "D1", "D0", "B3@0", "B4@1", "D2", "D0",
    "E0", "D2", "E2", "D1", "E1", NULL
  };
  g_autofree char *s = joined (seq);
  g_autoptr (GPtrArray) r = run_jsonl ("--channels", "3", "--checkpoints-after-tasks-finish",
                                       "false", s, NULL);
  ck_assert_int_eq (json_object_get_int_member (rec (r, 3), "latest_checkpoint"), 1);
  assert_ints (rec (r, 6), "blocked", "[]");
  ck_assert_int_eq (json_object_get_int_member (rec (r, 9), "latest_checkpoint"), 2);
  assert_ints (rec (r, 12), "blocked", "[0,1]");
  ck_assert_int_eq (json_object_get_int_member (rec (r, 13), "latest_checkpoint"), 3);
  assert_ints (rec (r, 13), "blocked", "[2]");
  assert_ints (rec (r, 16), "blocked", "[0,2]");
  ck_assert_int_eq (json_object_get_int_member (rec (r, 17), "latest_checkpoint"), 4);
  assert_ints (rec (r, 17), "blocked", "[1]");
  assert_ints (rec (r, 20), "blocked", "[]");
  /* getTriggeredCheckpointCounter 1, getAbortedCheckpointCounter 3 */
  assert_summary (r, "1 ALIGNED",
                  "2 CHECKPOINT_DECLINED_SUBSUMED,3 CHECKPOINT_DECLINED_SUBSUMED,"
                  "4 CHECKPOINT_DECLINED_INPUT_END_OF_STREAM");
  assert_all_data_delivered_in_order (r, seq);
}
END_TEST

/* AlignedCheckpointsTest.testMissingCancellationBarriers: a cancel marker
 * of a newer checkpoint aborts that one only; the older alignment is
 * dropped, nothing stays blocked. */
START_TEST (test_aligned_missing_cancellation_barriers)
{
  g_autoptr (GPtrArray) r = run_jsonl ("--channels", "2", "B1@0,C3@1,C2@0,C3@0,D0", NULL);
  assert_ints (rec (r, 4), "blocked", "[]");
  assert_ints (rec (r, 4), "delivered", "[4]");
  assert_summary (r, "", "3 CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER");
}
END_TEST

/* AlignedCheckpointsTest.testSingleChannelAbortCheckpoint: with one
 * channel every barrier triggers at once (alignment 0); cancel markers
 * abort 4 and 6; getLatestCheckpointId follows. */
START_TEST (test_aligned_single_channel_abort)
{
  g_autoptr (GPtrArray) r = run_jsonl ("D0 B1@0 D0 B2@0 D0 C4@0 B5@0 D0 C6@0 D0", NULL);
  ck_assert_int_eq (json_object_get_int_member (rec (r, 5), "latest_checkpoint"), 4);
  ck_assert_int_eq (json_object_get_int_member (rec (r, 6), "latest_checkpoint"), 5);
  ck_assert_int_eq (json_object_get_int_member (rec (r, 9), "latest_checkpoint"), 6);
  for (guint i = 0; i < 10; i++)
    assert_ints (rec (r, i), "blocked", "[]");
  assert_summary (r, "1 ALIGNED,2 ALIGNED,5 ALIGNED",
                  "4 CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER,"
                  "6 CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER");
  JsonObject *duration = json_object_get_object_member (rec (r, 10), "alignment_duration_us");
  ck_assert_int_eq (json_object_get_int_member (duration, "1"), 0);
}
END_TEST

/* AlignedCheckpointsTest.testMetrics: start delay from the barrier's
 * timestamp to its first barrier, alignment from the first to the last
 * barrier, and the bytes of the 3 buffers polled in between. */
START_TEST (test_aligned_metrics)
{
  g_autoptr (GPtrArray) r = run_jsonl ("--channels", "3", "+10ms", "D0 D1 D2 B1@1/t=0 D0 D2 B1@0 D2",
                                       "+10ms", "B1@2 D0 D1 D2 E0 E1 E2", NULL);
  JsonObject *s = rec (r, r->len - 1);
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (s, "start_delay_us"),
                                                "1"), 10000);
  ck_assert_int_eq (json_object_get_int_member (
                      json_object_get_object_member (s, "alignment_duration_us"), "1"), 10000);
  ck_assert_int_eq (json_object_get_int_member (
                      json_object_get_object_member (s, "bytes_processed_during_alignment"), "1"),
                    300);
}
END_TEST

/* UnalignedCheckpointsTest.testMultiChannelWithBarriers: every checkpoint
 * is triggered UNALIGNED at its first barrier; the in-flight data is what
 * reached a channel after the start and before that channel's barrier
 * (assertInflightData). */
START_TEST (test_unaligned_multi_channel_in_flight)
{
  const char *const seq[] = {
    /* 0 */ "D0", "D2", "D0", "B1@1", "B1@2", "D2", "D1", "D0", "B1@0",
    /* 9 */ "D0", "D0", "D1", "D1", "D2", "B2@0", "B2@1", "B2@2",
    /* 17 */ "D2", "D2", "B3@2", "D2", "D2", "B3@0", "B3@1",
    /* 24 */ "B4@1", "B4@2", "B4@0",
    /* 27 */ "D0", "D2", "D0", "B5@1", "D2", "D0", "D2", "D1", "B5@2", "D1", "D0", "D2", "D1", "B5@0",
    /* 41 */ "D0", "E0", "E1", "E2", NULL
  };
  g_autofree char *s = joined (seq);
  g_autoptr (GPtrArray) r = run_jsonl ("--mode", "unaligned", s, NULL);
  assert_summary (r, "1 UNALIGNED,2 UNALIGNED,3 UNALIGNED,4 UNALIGNED,5 UNALIGNED", "");
  assert_ints (rec (r, 8), "in_flight", "[7]");
  assert_ints (rec (r, 16), "in_flight", "[]");
  assert_ints (rec (r, 23), "in_flight", "[]");
  assert_ints (rec (r, 26), "in_flight", "[]");
  assert_ints (rec (r, 40), "in_flight", "[31,32,33,37]");
  assert_ints (rec (r, 41), "in_flight", "[]");
  for (guint i = 0; seq[i]; i++)
    assert_ints (rec (r, i), "blocked", "[]");
  assert_all_data_delivered_in_order (r, seq);
}
END_TEST

/* CheckpointBarrierTrackerTest.testCompleteCheckpointsOnLateBarriers: the
 * tracker completes 3 after 4 started, never completes 6, and blocks
 * nothing (CheckpointSequenceValidator(2, 3, 4, 5, 7, 8, 9, 10)). */
START_TEST (test_tracker_late_barriers)
{
  const char *const seq[] = {
    "D1", "D1", "D0", "D2", "B2@1", "B2@0", "B2@2",
    "D1", "D0", "B3@1", "B3@2",
    "D1", "D0", "B4@2", "B4@1", "D1", "D2",
    "B3@0", "D0", "B4@0",
    "D1", "D2", "B5@1", "D0", "B5@0", "D1", "B5@2",
    "D1", "B6@1", "D0", "B6@0",
    "D1", "B7@1", "D0", "B7@2", "D2", "B8@2", "D0", "B8@1", "D1", "B9@1",
    "B7@0", "D0", "B9@2", "D2", "B10@2",
    "B8@0", "D1", "D2", "B9@0",
    "D1", "D0", "D2",
    "B10@0", "B10@1", NULL
  };
  g_autofree char *s = joined (seq);
  g_autoptr (GPtrArray) r = run_jsonl ("--mode", "at-least-once", "--channels", "3", s, NULL);
  assert_summary (r, "2 AT_LEAST_ONCE,3 AT_LEAST_ONCE,4 AT_LEAST_ONCE,5 AT_LEAST_ONCE,"
                     "7 AT_LEAST_ONCE,8 AT_LEAST_ONCE,9 AT_LEAST_ONCE,10 AT_LEAST_ONCE", "");
  for (guint i = 0; seq[i]; i++)
    assert_ints (rec (r, i), "blocked", "[]");
  assert_all_data_delivered_in_order (r, seq);
}
END_TEST

/* The lab's delivery: a blocked channel's producer holds what follows the
 * barrier; it enters when the channel resumes (labs.md). */
START_TEST (test_blocked_channel_holds_data)
{
  g_autoptr (GPtrArray) r = run_jsonl ("B1@0 D0 D1 B1@1", NULL);
  assert_ints (rec (r, 1), "delivered", "[]");
  assert_ints (rec (r, 2), "delivered", "[2]");
  assert_ints (rec (r, 3), "delivered", "[1]");
  assert_summary (r, "1 ALIGNED", "");
}
END_TEST

/* Alternating: the alignment timer fires at the timeout counted from the
 * barrier's timestamp and the checkpoint goes on UNALIGNED
 * (AlternatingCollectingBarriers.alignedCheckpointTimeout); the channel
 * blocked before stays blocked until the last barrier
 * (AlternatingCheckpointsTest.testAllChannelsUnblockedAfteralignedCheckpointTimeout). */
START_TEST (test_alternating_timeout)
{
  g_autoptr (GPtrArray) r = run_jsonl ("--mode", "unaligned", "--alignment-timeout", "10ms",
                                       "B1@0 +5ms D1 +10ms D1 B1@1", NULL);
  assert_ints (rec (r, 1), "blocked", "[0]");
  g_autofree char *t = events (rec (r, 3), "triggered", "type");
  ck_assert_str_eq (t, "1 UNALIGNED");
  assert_ints (rec (r, 3), "blocked", "[0]");
  assert_ints (rec (r, 4), "in_flight", "[4]");
  assert_ints (rec (r, 5), "blocked", "[]");
  assert_summary (r, "1 UNALIGNED", "");
}
END_TEST

/* Writes contents to a file in the temporary directory; *at gets "@PATH".
 * (transfer full: the path) */
static char *
sequence_file (const char *name, const char *contents, char **at)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  ck_assert (g_file_set_contents (path, contents, -1, NULL));
  *at = g_strconcat ("@", path, NULL);
  return path;
}

START_TEST (test_text_and_file)
{
  g_autofree char *at = NULL;
  g_autofree char *path = sequence_file ("fsim-lab-seq.txt", "# checkpoint 1 on two channels\n"
                                         "B1@0, D1  # data\nB1@1\n", &at);
  const char *args[] = { "lab", "barriers", at, NULL };
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  ck_assert_ptr_nonnull (strstr (out, "step 0: B1@0\n  time 0 ms, latest checkpoint 1, pending 1\n"));
  ck_assert_ptr_nonnull (strstr (out, "\n\nstep 2: B1@1\n"));
  ck_assert_ptr_nonnull (strstr (out, "  triggered: 1 ALIGNED\n"));
  ck_assert_ptr_nonnull (strstr (out, "\n\nsummary\n"));
  g_unlink (path);
}
END_TEST

static void
assert_bad (const char *const *args, const char *want_err)
{
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  ck_assert_str_eq (out, "");
  ck_assert_str_eq (err, want_err);
}

START_TEST (test_bad_input)
{
  const char *bad_token[] = { "lab", "barriers", "D0", "B1@0,X3", NULL };
  assert_bad (bad_token, "flinksim lab barriers: argument 2, column 6: unknown token 'X3': "
                         "expected D<c>, B<id>@<c>, S<id>@<c>, C<id>@<c>, E<c> or +<duration>\n"
                         "  B1@0,X3\n       ^\n");
  const char *bad_channel[] = { "lab", "barriers", "B1@x", NULL };
  assert_bad (bad_channel, "flinksim lab barriers: argument 1, column 4: expected a whole number "
                           "from 0 to 4095, found 'x'\n  B1@x\n     ^\n");
  const char *bad_mode[] = { "lab", "barriers", "--mode", "unalinged", "B1@0", NULL };
  assert_bad (bad_mode, "flinksim lab barriers: argument 2, column 1: 'unalinged' is not one of "
                        "aligned|unaligned|at-least-once; did you mean 'unaligned'?\n"
                        "  unalinged\n  ^\n");
  const char *outside[] = { "lab", "barriers", "--channels=2", "D5", NULL };
  assert_bad (outside, "flinksim lab barriers: argument 2, column 2: channel 5: the gate has 2 "
                       "channels (--channels)\n  D5\n   ^\n");
  /* a one-channel gate is "1 channel", not "1 channels" */
  const char *outside_one[] = { "lab", "barriers", "--channels=1", "D1", NULL };
  assert_bad (outside_one, "flinksim lab barriers: argument 2, column 2: channel 1: the gate has 1 "
                           "channel (--channels)\n  D1\n   ^\n");
  const char *timeout[] = { "lab", "barriers", "--alignment-timeout", "1s", "B1@0", NULL };
  assert_bad (timeout, "flinksim lab barriers: argument 2, column 1: --alignment-timeout needs "
                       "--mode unaligned: it is the time after which an aligned checkpoint "
                       "switches to unaligned\n  1s\n  ^\n");
  const char *unknown[] = { "lab", "barrier", NULL };
  assert_bad (unknown, "flinksim lab: unknown lab 'barrier'; did you mean 'barriers'?\n"
                       "Try 'flinksim lab --help'.\n");
}
END_TEST

START_TEST (test_bad_file_line)
{
  g_autofree char *at = NULL;
  g_autofree char *path = sequence_file ("fsim-lab-bad.txt", "D0\nB1@0 +1x\n", &at);
  const char *args[] = { "lab", "barriers", at, NULL };
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  g_autofree char *where = g_strdup_printf ("flinksim lab barriers: %s:2:7: ", path);
  ck_assert (g_str_has_prefix (err, where));
  ck_assert (g_str_has_suffix (err, "\n  B1@0 +1x\n        ^\n"));
  g_unlink (path);
}
END_TEST

void cli_lab_barriers_tcases (Suite *suite);

void
cli_lab_barriers_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("SingleCheckpointBarrierHandler and CheckpointBarrierTracker in lab barriers");
  tcase_add_test (tc, test_aligned_multi_channel_with_barriers);
  tcase_add_test (tc, test_aligned_jumping_over_checkpoint);
  tcase_add_test (tc, test_aligned_missing_cancellation_barriers);
  tcase_add_test (tc, test_aligned_single_channel_abort);
  tcase_add_test (tc, test_aligned_metrics);
  tcase_add_test (tc, test_unaligned_multi_channel_in_flight);
  tcase_add_test (tc, test_tracker_late_barriers);
  tcase_add_test (tc, test_blocked_channel_holds_data);
  tcase_add_test (tc, test_alternating_timeout);
  suite_add_tcase (suite, tc);
  TCase *io = tcase_create ("lab tokens, formats and errors");
  tcase_add_test (io, test_text_and_file);
  tcase_add_test (io, test_bad_input);
  tcase_add_test (io, test_bad_file_line);
  suite_add_tcase (suite, io);
}
