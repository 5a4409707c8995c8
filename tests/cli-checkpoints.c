/* cli-checkpoints.c - `flinksim checkpoints` on a run: the REST shapes'
 * numbers agree with each other as Flink computes them (a subtask's end to
 * end is its acknowledgement minus the trigger, a task's sizes are its
 * subtasks' sums, the checkpoint's its tasks'), and bad requests exit 2. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tests/testlib.h"

void cli_checkpoints_tcases (Suite *suite);

START_TEST (test_details_add_up)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *job = fsim_test_srcpath ("examples/checkpointed-backpressure.job");
  const char *args[] = { "checkpoints", job, "--id", "1", "--format", "json", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, out, -1, NULL));
  JsonObject *cp = json_node_get_object (json_parser_get_root (parser));
  ck_assert_int_eq (json_object_get_int_member (cp, "id"), 1);
  ck_assert_str_eq (json_object_get_string_member (cp, "status"), "COMPLETED");
  gint64 trigger = json_object_get_int_member (cp, "trigger_timestamp");
  JsonObject *tasks = json_object_get_object_member (cp, "tasks");
  g_autoptr (GList) ids = json_object_get_members (tasks);
  ck_assert_uint_eq (g_list_length (ids), 5);    /* 5 JobVertices */
  gint64 state = 0, acked = 0, latest = 0;
  for (GList *l = ids; l; l = l->next)
    {
      ck_assert_uint_eq (strlen (l->data), 32);   /* JobVertexID */
      JsonObject *t = json_object_get_object_member (tasks, l->data);
      JsonArray *subtasks = json_object_get_array_member (t, "subtasks");
      gint64 t_state = 0, t_acked = 0, t_latest = 0;
      for (guint i = 0; i < json_array_get_length (subtasks); i++)
        {
          JsonObject *s = json_array_get_object_element (subtasks, i);
          ck_assert_int_eq (json_object_get_int_member (s, "index"), i);
          ck_assert_str_eq (json_object_get_string_member (s, "status"), "completed");
          gint64 ack = json_object_get_int_member (s, "ack_timestamp");
          ck_assert_int_eq (json_object_get_int_member (s, "end_to_end_duration"), ack - trigger);
          ck_assert (json_object_has_member (json_object_get_object_member (s, "checkpoint"),
                                             "sync"));
          ck_assert (json_object_has_member (json_object_get_object_member (s, "alignment"),
                                             "duration"));
          ck_assert (json_object_has_member (s, "start_delay"));
          ck_assert (!json_object_get_boolean_member (s, "unaligned_checkpoint"));
          t_state += json_object_get_int_member (s, "state_size");
          t_acked++;
          t_latest = MAX (t_latest, ack);
        }
      ck_assert_int_eq (json_object_get_int_member (t, "state_size"), t_state);
      ck_assert_int_eq (json_object_get_int_member (t, "num_acknowledged_subtasks"), t_acked);
      ck_assert_int_eq (json_object_get_int_member (t, "latest_ack_timestamp"), t_latest);
      state += t_state;
      acked += t_acked;
      latest = MAX (latest, t_latest);
    }
  ck_assert_int_eq (json_object_get_int_member (cp, "state_size"), state);
  ck_assert_int_eq (json_object_get_int_member (cp, "num_acknowledged_subtasks"), acked);
  ck_assert_int_eq (json_object_get_int_member (cp, "num_subtasks"), 8);
  ck_assert_int_eq (json_object_get_int_member (cp, "latest_ack_timestamp"), latest);
  ck_assert_int_eq (json_object_get_int_member (cp, "end_to_end_duration"), latest - trigger);
}
END_TEST

START_TEST (test_bad_requests)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *bounded = fsim_test_srcpath ("examples/bounded-sequence.job");
  g_autofree char *job = fsim_test_srcpath ("examples/checkpointed-backpressure.job");
  const char *off[] = { "checkpoints", bounded, NULL };
  ck_assert_int_eq (fsim_test_run_cli (off, &out, &err), 2);
  ck_assert_ptr_nonnull (strstr (err, "execution.checkpointing.interval is unset"));
  g_free (out), g_free (err);
  const char *id[] = { "checkpoints", job, "--id", "99", NULL };
  ck_assert_int_eq (fsim_test_run_cli (id, &out, &err), 2);
  ck_assert_ptr_nonnull (strstr (err, "no such checkpoint"));
  g_free (out), g_free (err);
  const char *fmt[] = { "checkpoints", job, "--format", "csv", NULL };
  ck_assert_int_eq (fsim_test_run_cli (fmt, &out, &err), 2);
  ck_assert_ptr_nonnull (strstr (err, "unknown format 'csv'"));
}
END_TEST

/* `at 10 s decline checkpoint 2` on the example, whose checkpoint 2 is
 * pending from 5.3 s to long after (backpressure): a task declines it, the
 * coordinator aborts it (CHECKPOINT_DECLINED), which with
 * tolerable-failed-checkpoints 0 is one failure too many: the
 * CheckpointFailureManager fails the job globally, and the default restart
 * strategy with checkpointing (exponential-delay, 1 s first) restarts all
 * 8 subtasks; checkpoint 3 comes after the restart. */
START_TEST (test_decline_fault)
{
  g_autofree char *example = fsim_test_srcpath ("examples/checkpointed-backpressure.job");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (example, &text, NULL, NULL));
  g_autofree char *dir = g_dir_make_tmp ("fsim-decline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "decline.job", NULL);
  g_autofree char *job = g_strconcat (text, "at 10 s decline checkpoint 2\n", NULL);
  ck_assert (g_file_set_contents (path, job, -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "checkpoints", path, "--id", "2", "--format", "json", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, out, -1, NULL));
  JsonObject *cp = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (cp, "status"), "FAILED");
  ck_assert_int_eq (json_object_get_int_member (cp, "failure_timestamp"), 10000);
  ck_assert_ptr_nonnull (strstr (json_object_get_string_member (cp, "failure_message"),
                                 "decline checkpoint 2"));
  g_autofree char *log = NULL, *err2 = NULL;
  const char *run[] = { "run", path, "--format", "jsonl", "--filter", "kind=failover", NULL };
  ck_assert_int_eq (fsim_test_run_cli (run, &log, &err2), 0);
  ck_assert_ptr_nonnull (strstr (log, "restart 8 subtasks in 1000 ms"));
  ck_assert_ptr_nonnull (strstr (log, "\"time_us\":10000000"));
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

void
cli_checkpoints_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("flinksim checkpoints");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_details_add_up);
  tcase_add_test (tc, test_bad_requests);
  tcase_add_test (tc, test_decline_fault);
  suite_add_tcase (suite, tc);
}
