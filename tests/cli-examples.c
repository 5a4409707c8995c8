/* cli-examples.c - every example through the command line: `flinksim check`
 * accepts it (exit 0), `flinksim graph` prints its StreamGraph in every
 * format, Flink's plans read back to the same bytes, bad input exits 2. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"

void cli_examples_tcases (Suite *suite);

/* Absolute paths of the files in a source folder ending with suffix, sorted. */
static GPtrArray *
list_files (const char *dir, const char *suffix)
{
  g_autoptr (GPtrArray) names = fsim_test_list_sources (dir, suffix);
  g_autofree char *path = fsim_test_srcpath (dir);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_build_filename (path, names->pdata[i], NULL));
  return files;
}

static GPtrArray *
all_examples (void)
{
  GPtrArray *files = list_files ("examples", ".job");
  g_autoptr (GPtrArray) plans = list_files ("examples/plans", ".json");
  for (guint i = 0; i < plans->len; i++)
    g_ptr_array_add (files, g_strdup (plans->pdata[i]));
  return files;
}

START_TEST (test_examples_check)
{
  g_autoptr (GPtrArray) files = all_examples ();
  ck_assert_uint_ge (files->len, 8);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *args[] = { "check", files->pdata[i], NULL };
      int status = fsim_test_run_cli (args, &out, &err);
      ck_assert_msg (status == 0, "flinksim check %s: exit %d\n%s",
                     (char *) files->pdata[i], status, err);
      ck_assert_ptr_nonnull (strstr (out, ": ok: job \""));
    }
}
END_TEST

/* Every format the StreamGraph view has, written to stdout. */
START_TEST (test_examples_graph_formats)
{
  static const struct { const char *format; const char *starts; } formats[] = {
    { "text", "StreamGraph of \"" },
    { "json", "{\n  \"nodes\" : [ {\n" },
    { "dot", "strict digraph StreamGraph {" },
    { "svg", "<?xml" },
    { "png", "\x89PNG\r\n\x1a\n" },
  };
  g_autoptr (GPtrArray) files = all_examples ();
  for (guint i = 0; i < files->len; i++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *out = NULL, *err = NULL;
        const char *args[] = { "graph", "--level", "stream", "--format", formats[f].format,
                               files->pdata[i], NULL };
        int status = fsim_test_run_cli (args, &out, &err);
        ck_assert_msg (status == 0, "flinksim graph --format %s %s: exit %d\n%s",
                       formats[f].format, (char *) files->pdata[i], status, err);
        ck_assert_msg (strncmp (out, formats[f].starts, strlen (formats[f].starts)) == 0,
                       "flinksim graph --format %s %s: starts with '%.20s'",
                       formats[f].format, (char *) files->pdata[i], out);
      }
}
END_TEST

/* `--format json` writes getExecutionPlan()'s format, so a real Flink plan
 * comes back unchanged (job-language.md: "the two round-trip"). */
START_TEST (test_plans_round_trip)
{
  g_autoptr (GPtrArray) plans = list_files ("examples/plans", ".json");
  ck_assert_uint_ge (plans->len, 2);
  for (guint i = 0; i < plans->len; i++)
    {
      g_autofree char *out = NULL, *err = NULL, *want = NULL;
      const char *args[] = { "graph", "--format", "json", plans->pdata[i], NULL };
      ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
      ck_assert (g_file_get_contents (plans->pdata[i], &want, NULL, NULL));
      ck_assert_str_eq (out, want);
    }
}
END_TEST

/* A job written as JSON and read back is the same StreamGraph: its JSON
 * again is byte-identical. */
START_TEST (test_examples_json_reads_back)
{
  g_autoptr (GPtrArray) files = list_files ("examples", ".job");
  g_autofree char *tmpdir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *json = g_build_filename (tmpdir, "plan.json", NULL);
      g_autofree char *out = NULL, *err = NULL, *first = NULL;
      const char *write[] = { "graph", "--format", "json", "-o", json, files->pdata[i], NULL };
      ck_assert_msg (fsim_test_run_cli (write, &out, &err) == 0, "%s", err);
      ck_assert (g_file_get_contents (json, &first, NULL, NULL));
      g_free (out);
      g_free (err);
      const char *again[] = { "graph", "--format", "json", json, NULL };
      ck_assert_msg (fsim_test_run_cli (again, &out, &err) == 0, "%s", err);
      ck_assert_str_eq (out, first);
      g_unlink (json);
    }
  g_rmdir (tmpdir);
}
END_TEST

/* Bad input of every kind exits 2 with a located diagnostic on stderr. */
START_TEST (test_bad_input_exits_2)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  static const struct { const char *name, *text, *says; } bad[] = {
    { "typo.job", "job \"x\"\nenv.fromSequence(1, 10).keyby(\"k\").print()\n", "typo.job:2:" },
    { "broken.json", "{ \"nodes\" : [ {\n", "broken.json:" },
    { "strategy.json",
      "{ \"nodes\" : [ { \"id\" : 1, \"type\" : \"Source: A\", \"pact\" : \"Data Source\", \"parallelism\" : 1 },\n"
      "  { \"id\" : 2, \"type\" : \"Map\", \"pact\" : \"Operator\", \"parallelism\" : 1,\n"
      "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"FOWARD\" } ] } ] }\n",
      "strategy.json:3:54: error: unknown ship_strategy \"FOWARD\"" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, bad[i].name, NULL);
      ck_assert (g_file_set_contents (path, bad[i].text, -1, NULL));
      const char *const commands[][2] = { { "check", NULL }, { "graph", NULL } };
      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autofree char *out = NULL, *err = NULL;
          const char *args[] = { commands[c][0], path, NULL };
          ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
          ck_assert_msg (strstr (err, bad[i].says) != NULL, "%s: want '%s' in:\n%s",
                         bad[i].name, bad[i].says, err);
        }
      g_unlink (path);
    }
  g_rmdir (tmpdir);

  g_autofree char *out = NULL, *err = NULL;
  const char *missing[] = { "check", "/nonexistent/flinksim-example.job", NULL };
  ck_assert_int_eq (fsim_test_run_cli (missing, &out, &err), 2);
  g_autofree char *example = fsim_test_srcpath ("examples/socket-window-wordcount.job");
  g_autofree char *out2 = NULL, *err2 = NULL;
  const char *jsonl[] = { "graph", "--format", "jsonl", example, NULL };
  ck_assert_int_eq (fsim_test_run_cli (jsonl, &out2, &err2), 2);
}
END_TEST

/* `flinksim run --kinds` lists every descriptor a run can write, two lines
 * each, and docs/formats.md shows exactly that list. */
START_TEST (test_run_kinds)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "run", "--kinds", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  /* every kind of every writer: the trace's own, the scheduler's, checkpoint/'s,
   * the task metric samples' */
  ck_assert_uint_eq (fsim_trace_kind_count (trace),
                     1 + FSIM_SCHED_KIND_COUNT + FSIM_CHECKPOINT_KIND_COUNT
                     + FSIM_TASK_METRICS_KIND_COUNT);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 2 * fsim_trace_kind_count (trace) + 1);
  for (guint i = 0; i < fsim_trace_kind_count (trace); i++)
    {
      FsimTraceKind k = fsim_trace_kind_nth (trace, i);
      g_autofree char *head = g_strdup_printf ("%s: %s", k->name, k->doc);
      ck_assert_str_eq (lines[2 * i], head);
      ck_assert (g_str_has_prefix (lines[2 * i + 1], "    writer "));
    }
  ck_assert_ptr_nonnull (strstr (out, "execution-state: ExecutionState transition as the "
                                      "JobManager sees it (from, to)\n    writer scheduler; "
                                      "roles state; from/to ExecutionState; values -\n"));
  ck_assert_ptr_nonnull (strstr (out, "\n    writer scheduler; roles -; from/to -; values "
                                      "required_slots (slots), free_slots (slots)\n"));

  g_autofree char *path = fsim_test_srcpath ("docs/formats.md");
  g_autofree char *doc = NULL;
  ck_assert (g_file_get_contents (path, &doc, NULL, NULL));
  const char *start = strstr (doc, "<!-- kinds:");
  ck_assert_ptr_nonnull (start);
  start = strstr (start, "```\n");
  ck_assert_ptr_nonnull (start);
  start += 4;
  const char *end = strstr (start, "```\n<!-- /kinds -->");
  ck_assert_ptr_nonnull (end);
  g_autofree char *shown = g_strndup (start, end - start);
  ck_assert_str_eq (shown, out);

  /* a JOB with --kinds is bad input */
  g_autofree char *out2 = NULL, *err2 = NULL;
  const char *with_job[] = { "run", "--kinds", "x.job", NULL };
  ck_assert_int_eq (fsim_test_run_cli (with_job, &out2, &err2), 2);
}
END_TEST

void
cli_examples_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Examples");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_examples_check);
  tcase_add_test (tc, test_examples_graph_formats);
  tcase_add_test (tc, test_plans_round_trip);
  tcase_add_test (tc, test_examples_json_reads_back);
  tcase_add_test (tc, test_bad_input_exits_2);
  tcase_add_test (tc, test_run_kinds);
  suite_add_tcase (suite, tc);
}
