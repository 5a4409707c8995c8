/* check_cli.c - the flinksim command line: table, help, exit codes. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tests/testlib.h"

START_TEST (test_version)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--version", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  ck_assert_str_eq (out, "flinksim " PACKAGE_VERSION "\n");
}
END_TEST

START_TEST (test_unknown_command_suggests)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "grahp", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  ck_assert_ptr_nonnull (strstr (err, "did you mean 'graph'?"));
}
END_TEST

START_TEST (test_help_lists_commands)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--help", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  ck_assert_ptr_nonnull (strstr (out, "  check "));
  ck_assert_ptr_nonnull (strstr (out, "  graph "));
}
END_TEST

void cli_examples_tcases (Suite *suite);   /* cli-examples.c */

/* Every job command takes exactly one JOB; anything else is a usage error,
 * exit 2, naming the command and its --help. */
START_TEST (test_job_commands_need_one_job)
{
  const char *const commands[] = { "check", "graph", "run", "trace", "tui", NULL };
  for (const char *const *c = commands; *c; c++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *args[] = { *c, NULL };
      ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
      g_autofree char *want = g_strdup_printf ("flinksim %s: expected one JOB file, got 0 "
                                               "arguments\nTry 'flinksim %s --help'.\n", *c, *c);
      ck_assert_str_eq (err, want);
    }
}
END_TEST

/* -o writes through what the path names: a symlink stays a symlink and its
 * target gets the output (an atomic rename once replaced /dev/null itself
 * with a regular file). */
START_TEST (test_output_follows_symlink)
{
  g_autofree char *dir = g_dir_make_tmp ("fsim-cli-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  g_autofree char *target = g_build_filename (dir, "target.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "link.txt", NULL);
  ck_assert (g_file_set_contents (target, "old", -1, NULL));
  ck_assert_int_eq (symlink (target, link), 0);
  g_autofree char *job = fsim_test_srcpath ("examples/socket-window-wordcount.job");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "graph", job, "--format", "json", "-o", link, NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_autofree char *written = NULL;
  ck_assert (g_file_get_contents (target, &written, NULL, NULL));
  ck_assert (g_str_has_prefix (written, "{\n  \"nodes\" : [ {"));
  g_unlink (link);
  g_unlink (target);
  g_rmdir (dir);
}
END_TEST

/* A path that cannot be written is a clear error and exit 2. */
START_TEST (test_output_unwritable)
{
  g_autofree char *job = fsim_test_srcpath ("examples/socket-window-wordcount.job");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "graph", job, "-o", "/nonexistent-dir/x.txt", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  ck_assert_str_eq (err, "cannot write /nonexistent-dir/x.txt: No such file or directory\n");
}
END_TEST

/* --seed takes sim.seed's range (0 .. 2^63-1); anything else is bad input,
 * never silently replaced by the job's own seed. */
START_TEST (test_seed_must_be_a_whole_number)
{
  g_autofree char *job = fsim_test_srcpath ("examples/bounded-sequence.job");
  const char *const bad[] = { "-5", "abc", "1.5", "9223372036854775808", NULL };
  for (const char *const *b = bad; *b; b++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *opt = g_strdup_printf ("--seed=%s", *b);
      const char *args[] = { "run", job, opt, NULL };
      ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
      g_autofree char *want = g_strdup_printf (
        "flinksim: --seed '%s': expected a whole number from 0 to 9223372036854775807\n", *b);
      ck_assert_str_eq (err, want);
    }
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "run", job, "--seed=7", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
}
END_TEST

/* --filter numbers: one beyond gint32 used to be truncated to another
 * index (2^32+1 showed subtask 1; 2^32-1 and 10^20 the whole trace), an
 * index no vertex has matched nothing in silence (issue 9, issue 18 point
 * 3). Both are refused with exit 2 and the reason. */
START_TEST (test_filter_numbers_in_range)
{
  g_autofree char *job = fsim_test_srcpath ("examples/bounded-sequence.job");
  static const struct {
    const char *filter;
    const char *message;
  } cases[] = {
    { "subtask=4294967297", "no subtask has that index: subtasks are numbered from 0, "
      "and the highest parallelism is 2 (subtask=1 at most)" },
    { "subtask=4294967295", "no subtask has that index" },
    { "subtask=99999999999999999999", "no subtask has that index" },
    { "subtask=2", "no subtask has that index" },
    { "vertex=4294967296", "no JobVertex with that index" },
    { "taskmanager=4294967297", "no such TaskManager: the cluster has 1 (sim.taskmanagers)" },
    { "taskmanager=2", "no such TaskManager" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *opt = g_strdup_printf ("--filter=%s", cases[i].filter);
      const char *args[] = { "run", job, opt, NULL };
      ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
      g_autofree char *want = g_strdup_printf ("flinksim: --filter %s: %s", cases[i].filter,
                                               cases[i].message);
      ck_assert_msg (g_str_has_prefix (err, want), "%s: %s", cases[i].filter, err);
      ck_assert_str_eq (out, "");
    }
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "run", job, "--filter=subtask=1", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  ck_assert (strstr (out, "(2/2)"));
  ck_assert (strstr (out, "(1/2)") == NULL);
}
END_TEST

static Suite *
cli_suite (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("Commands");
  tcase_add_test (tc, test_version);
  tcase_add_test (tc, test_unknown_command_suggests);
  tcase_add_test (tc, test_help_lists_commands);
  tcase_add_test (tc, test_job_commands_need_one_job);
  tcase_add_test (tc, test_output_follows_symlink);
  tcase_add_test (tc, test_output_unwritable);
  tcase_add_test (tc, test_seed_must_be_a_whole_number);
  tcase_add_test (tc, test_filter_numbers_in_range);
  suite_add_tcase (s, tc);
  cli_examples_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (cli_suite ());
}
