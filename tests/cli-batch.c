/* cli-batch.c - a BATCH job's stages run one after another, in check_cli.
 *
 * PipelinedRegionSchedulingStrategy schedules a region once every BLOCKING
 * partition it reads is ALL_DATA_PRODUCED (its producers FINISHED), so in
 * examples/batch-wordcount.job (ALL_EXCHANGES_BLOCKING) every subtask of the
 * aggregation stage is SCHEDULED after every subtask of the tokenizer stage
 * FINISHED, and the job FINISHES. Read from the run's JSON Lines trace. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"

void cli_batch_tcases (Suite *suite);

START_TEST (test_batch_stages_in_order)
{
  g_autofree char *path = fsim_test_srcpath ("examples/batch-wordcount.job");
  const char *args[] = { "run", path, "--format", "jsonl", NULL };
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  gint64 last_stage0_finished = -1, first_stage1_scheduled = -1;
  int finished0 = 0, scheduled1 = 0;
  const char *final_status = NULL;
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *status_copy = NULL;
  for (char **l = lines; *l; l++)
    {
      if (**l == '\0')
        continue;
      ck_assert (json_parser_load_from_data (parser, *l, -1, NULL));
      JsonObject *r = json_node_get_object (json_parser_get_root (parser));
      const char *kind = json_object_get_string_member (r, "kind");
      const char *to = json_object_get_string_member_with_default (r, "to", "");
      gint64 seq = json_object_get_int_member (r, "seq");
      /* the JSON names a record's kind by its descriptor's name */
      if (g_str_equal (kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)->name)
          && json_object_has_member (r, "vertex"))
        {
          gint64 vertex = json_object_get_int_member (r, "vertex");
          if (vertex == 0 && g_str_equal (to, "FINISHED"))
            {
              last_stage0_finished = seq;
              finished0++;
            }
          if (vertex == 1 && g_str_equal (to, "SCHEDULED"))
            {
              if (first_stage1_scheduled < 0)
                first_stage1_scheduled = seq;
              scheduled1++;
            }
        }
      if (g_str_equal (kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS)->name))
        {
          g_free (status_copy);
          status_copy = g_strdup (to);
          final_status = status_copy;
        }
    }
  ck_assert_int_eq (finished0, 2);
  ck_assert_int_eq (scheduled1, 2);
  ck_assert_int_gt (first_stage1_scheduled, last_stage0_finished);
  ck_assert_str_eq (final_status, "FINISHED");

  /* and the JobGraph says BATCH with a BLOCKING result */
  const char *gargs[] = { "graph", "--level", "job", path, NULL };
  g_autofree char *g = NULL, *gerr = NULL;
  ck_assert_int_eq (fsim_test_run_cli (gargs, &g, &gerr), 0);
  ck_assert_ptr_nonnull (strstr (g, ", BATCH, jid"));
  ck_assert_ptr_nonnull (strstr (g, "BLOCKING"));
}
END_TEST

void
cli_batch_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("BatchStages");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_batch_stages_in_order);
  suite_add_tcase (suite, tc);
}
