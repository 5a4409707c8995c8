/* check_cli.c - the flinksim command line: table, help, exit codes. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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
  /* says plainly what is not simulated yet (docs/design.md) */
  ck_assert_ptr_nonnull (strstr (out, "\nNot simulated yet: restoring from a savepoint, "
                                      "rescaling on restore, side\noutputs other than late "
                                      "data, the adaptive batch scheduler (see\n"
                                      "docs/design.md)."));
}
END_TEST

void cli_examples_tcases (Suite *suite);   /* cli-examples.c */
void cli_batch_tcases (Suite *suite);      /* cli-batch.c */
void cli_lab_restart_tcases (Suite *suite); /* cli-lab-restart.c */
void cli_labs_time_tcases (Suite *suite);    /* cli-labs-time.c */
void cli_lab_barriers_tcases (Suite *suite); /* cli-lab-barriers.c */
void cli_course_tcases (Suite *suite);       /* cli-course.c */
void cli_checkpoints_tcases (Suite *suite);  /* cli-checkpoints.c */
void cli_checkpoint_config_tcases (Suite *suite); /* cli-checkpoint-config.c */

/* Every job command takes exactly one JOB; anything else is a usage error,
 * exit 2, naming the command and its --help. */
START_TEST (test_job_commands_need_one_job)
{
  const char *const commands[] = { "check", "graph", "metrics", "run", "trace", "tui",
                                   NULL };
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

/* `flinksim metrics` reads the run's samples: kafka-etl has 4 + 4
 * subtasks, each sampled at 3 s. Before the metric system's first update
 * (View.UPDATE_INTERVAL_SECONDS = 5 s) every TimerGauge reads 0, so busy
 * is 1000 - 0 (TaskIOMetricGroup) and every MeterView rate is 0. */
START_TEST (test_metrics_samples)
{
  g_autofree char *job = fsim_test_srcpath ("examples/kafka-etl.job");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "metrics", job, "--format=json", "--at=3", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, out, -1, NULL));
  JsonArray *samples = json_object_get_array_member (
    json_node_get_object (json_parser_get_root (parser)), "samples");
  ck_assert_int_eq (json_array_get_length (samples), 8);
  for (guint i = 0; i < 8; i++)
    {
      JsonObject *o = json_array_get_object_element (samples, i);
      ck_assert_int_eq (json_object_get_int_member (o, "time_s"), 3);
      ck_assert_int_eq (json_object_get_int_member (o, "busyTimeMsPerSecond"), 1000);
      ck_assert_int_eq (json_object_get_int_member (o, "backPressuredTimeMsPerSecond"), 0);
      ck_assert (json_object_get_double_member (o, "numRecordsInPerSecond") == 0);
      ck_assert_str_eq (json_object_get_string_member (o, "backpressureLevel"), "ok");
    }
  /* a run stopped before its first whole second, its tasks still running,
   * has none, and says so */
  g_autofree char *tiny = g_build_filename (g_get_tmp_dir (), "fsim-metrics-none.job", NULL);
  g_file_set_contents (tiny, "set sim.duration = 500 ms\n"
                       "env.fromSequence(1, 100000).rate(10/s).print()\n", -1, NULL);
  g_autofree char *out2 = NULL, *err2 = NULL;
  const char *none[] = { "metrics", tiny, NULL };
  ck_assert_int_eq (fsim_test_run_cli (none, &out2, &err2), 0);
  ck_assert_str_eq (out2, "");
  ck_assert (strstr (err2, "no metric samples") != NULL);
  /* a job that finishes within it has its tasks' final counters: the
   * IOMetrics of each FINISHED TaskExecutionState, all 10 records in */
  g_file_set_contents (tiny, "set sim.duration = 500 ms\nenv.fromSequence(1, 10).print()\n",
                       -1, NULL);
  g_autofree char *out3 = NULL, *err3 = NULL;
  const char *done[] = { "metrics", tiny, "--format=json", NULL };
  ck_assert_int_eq (fsim_test_run_cli (done, &out3, &err3), 0);
  g_autoptr (JsonNode) root3 = json_from_string (out3, NULL);
  ck_assert_ptr_nonnull (root3);
  JsonArray *rows3 = json_object_get_array_member (json_node_get_object (root3), "samples");
  ck_assert_uint_eq (json_array_get_length (rows3), 1);
  JsonObject *o3 = json_array_get_object_element (rows3, 0);
  ck_assert_int_eq (json_object_get_int_member (o3, "numRecordsIn"), 10);
  ck_assert_int_eq (json_object_get_int_member (o3, "numRecordsOut"), 0);
  ck_assert (json_object_get_null_member (o3, "backpressureLevel"));
  g_unlink (tiny);
}
END_TEST

/* A bad --format or --at is bad input: exit 2, naming the option. */
START_TEST (test_metrics_bad_options)
{
  g_autofree char *job = fsim_test_srcpath ("examples/kafka-etl.job");
  g_autofree char *out = NULL, *err = NULL;
  const char *format[] = { "metrics", job, "--format=jsonl", NULL };
  ck_assert_int_eq (fsim_test_run_cli (format, &out, &err), 2);
  ck_assert_str_eq (err, "flinksim metrics: unknown format 'jsonl' (text, json, csv)\n");
  const char *const bad_at[] = { "-1", "1.5", "1500 ms", "soon", "", "9223372036854775807",
                                 NULL };
  for (const char *const *b = bad_at; *b; b++)
    {
      g_autofree char *o = NULL, *e = NULL;
      g_autofree char *opt = g_strdup_printf ("--at=%s", *b);
      const char *args[] = { "metrics", job, opt, NULL };
      ck_assert_int_eq (fsim_test_run_cli (args, &o, &e), 2);
      g_autofree char *want = g_strdup_printf (
        "flinksim metrics: --at '%s': expected a whole second of simulated time, e.g. 30 or "
        "\"1 min\"\n", *b);
      ck_assert_str_eq (e, want);
    }
}
END_TEST

/* sim.max-input-bytes bounds reading the job, so it comes with -D before
 * the file is read (a `set` in the file would be read too late); a key
 * that is not read before the file is refused, not silently ignored. */
START_TEST (test_define_bounds_input)
{
  g_autofree char *job = fsim_test_srcpath ("examples/bounded-sequence.job");
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "check", "-D", "sim.max-input-bytes=100", job, NULL };
    ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
    ck_assert (strstr (err, ": cannot read: larger than 100 bytes, the most flinksim reads "
                       "(sim.max-input-bytes)"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "run", "-D", "sim.max-input-bytes=100000", job, NULL };
    ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "graph", "-D", "parallelism.default=3", job, NULL };
    ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
    ck_assert_str_eq (err, "flinksim: -D parallelism.default=3: only sim.max-input-bytes is "
                      "read before the job file; set other keys in the job file "
                      "(set parallelism.default = …)\n");
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "check", "-D", "sim.max-input-bytes=0", job, NULL };
    ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
    ck_assert (strstr (err, "flinksim: -D sim.max-input-bytes=0: "));
  }
}
END_TEST

/* check's warnings are diagnostics on stderr (file:line:col: warning, the
 * line, a caret, a hint), exit 0. */
static const char job_head[] = "job \"N\"\nset parallelism.default = 2\n";

/* Runs check on job_head + body; returns stderr, checks exit 0 and the
 * summary on stdout; *path_out is the job file's name. (transfer full) */
static char *
check_job_text (const char *body, char **path_out)
{
  g_autofree char *dir = g_dir_make_tmp ("fsim-check-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "n.job", NULL);
  g_autofree char *text = g_strconcat (job_head, body, NULL);
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  g_autofree char *out = NULL;
  char *err = NULL;
  const char *args[] = { "check", path, NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autofree char *ok = g_strdup_printf ("%s: ok: job \"N\"", path);
  ck_assert_msg (g_str_has_prefix (out, ok), "stdout: %s", out);
  g_unlink (path);
  g_rmdir (dir);
  *path_out = g_steal_pointer (&path);
  return err;
}

/* An event-time window with no WatermarkStrategy upstream never fires
 * before the end of input (its watermark stays Long.MIN_VALUE): warned at
 * the window; with a strategy before it, nothing is said. */
START_TEST (test_check_warns_window_without_watermarks)
{
  g_autofree char *path = NULL;
  g_autofree char *err = check_job_text (
    "s = env.fromSequence(1, 10).keyBy(\"k\").window(TumblingEventTimeWindows.of(5 s))"
    ".sum(1)\ns.print()\n", &path);
  g_autofree char *where = g_strconcat (path, ":3:47: warning: TumblingEventTimeWindows is an "
                                        "event-time window, but no WatermarkStrategy comes "
                                        "before it", NULL);
  ck_assert_msg (g_str_has_prefix (err, where), "%s", err);
  g_autofree char *path2 = NULL;
  g_autofree char *err2 = check_job_text (
    "s = env.fromSequence(1, 10)\n"
    "  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n"
    "  .keyBy(\"k\").window(TumblingEventTimeWindows.of(5 s)).sum(1)\ns.print()\n", &path2);
  ck_assert_str_eq (err2, "");
}
END_TEST

/* getSideOutput of a tag the operator never sends to (only a window's
 * sideOutputLateData sends here) reads an empty stream: warned at the
 * call, with the window's own tag as the hint; the late data tag itself
 * draws nothing. Watermark alignment after the source, in
 * assignTimestampsAndWatermarks, is ignored by Flink ("It does not work
 * ... if applied after the source", generating_watermarks.md): warned at
 * the call; on fromSource it draws nothing. */
START_TEST (test_check_warns_side_output_and_alignment)
{
  g_autofree char *path = NULL;
  g_autofree char *err = check_job_text (
    "w = env.fromSource(\"C\", WatermarkStrategy.forMonotonousTimestamps(), \"C\").keyBy(\"k\")"
    ".window(TumblingEventTimeWindows.of(1 s)).sideOutputLateData(\"late\").sum(1)\n"
    "w.getSideOutput(\"lates\").print()\nw.getSideOutput(\"late\").print()\n", &path);
  g_autofree char *where = g_strconcat (
    path, ":4:3: warning: getSideOutput(\"lates\") reads a side output that "
    "TumblingEventTimeWindows never sends to: the stream stays empty\n"
    " 4 | w.getSideOutput(\"lates\").print()\n"
    "   |   ^~~~~~~~~~~~~\n"
    "its late data goes to \"late\" (sideOutputLateData)\n", NULL);
  ck_assert_str_eq (err, where);
  g_autofree char *path2 = NULL;
  g_autofree char *err2 = check_job_text (
    "env.fromSequence(1, 9).assignTimestampsAndWatermarks(WatermarkStrategy"
    ".forMonotonousTimestamps().withWatermarkAlignment(\"g\", 1 s)).print()\n"
    "env.fromSource(\"K\", WatermarkStrategy.forMonotonousTimestamps()"
    ".withWatermarkAlignment(\"g\", 1 s), \"K\").print()\n", &path2);
  g_autofree char *where2 = g_strconcat (path2, ":3:98: warning: watermark alignment only works "
                                         "on a FLIP-27 source", NULL);
  ck_assert_msg (g_str_has_prefix (err2, where2), "%s", err2);
  ck_assert_msg (strstr (err2, ":4:") == NULL, "%s", err2);
}
END_TEST

/* No warning for a job that asks for none of it, nor for what Flink implies
 * without being asked (fromData's forMonotonousTimestamps) or what runs
 * as it would (processing-time windows, restart strategies). */
START_TEST (test_check_quiet_without_such_settings)
{
  g_autofree char *path = NULL;
  g_autofree char *err = check_job_text (
    "set heartbeat.interval = 5 s\n"
    "set restart-strategy.type = fixed-delay\n"
    "s = env.fromElements(1, 2, 3).keyBy(\"k\").window(TumblingProcessingTimeWindows.of(5 s))"
    ".sum(1)\ns.print()\nat 5 s fail \"Source: Collection Source\"\n", &path);
  ck_assert_str_eq (err, "");
  g_autofree char *job = fsim_test_srcpath ("examples/rescale-rebalance.job");
  g_autofree char *out = NULL, *err2 = NULL;
  const char *args[] = { "check", job, NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err2), 0);
  ck_assert_str_eq (err2, "");
}
END_TEST

/* The summary counts in the plural only what is more than one. */
START_TEST (test_check_summary_plurals)
{
  g_autofree char *dir = g_dir_make_tmp ("fsim-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "one.job", NULL);
  ck_assert (g_file_set_contents (path, "job \"One\"\nenv.fromSequence(1, 10).print()\n"
                                  "at 1 s fail \"Source: Sequence Source\"\n", -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "check", path, NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autofree char *want = g_strdup_printf ("%s: ok: job \"One\", StreamGraph with 2 nodes and "
                                           "1 edge, 1 fault\n", path);
  ck_assert_str_eq (out, want);
  g_unlink (path);
  g_rmdir (dir);
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
  tcase_add_test (tc, test_metrics_samples);
  tcase_add_test (tc, test_metrics_bad_options);
  tcase_add_test (tc, test_define_bounds_input);
  tcase_add_test (tc, test_check_summary_plurals);
  tcase_add_test (tc, test_filter_numbers_in_range);
  suite_add_tcase (s, tc);
  tc = tcase_create ("Not simulated yet");
  tcase_add_test (tc, test_check_quiet_without_such_settings);
  tcase_add_test (tc, test_check_warns_window_without_watermarks);
  tcase_add_test (tc, test_check_warns_side_output_and_alignment);
  suite_add_tcase (s, tc);
  cli_examples_tcases (s);
  cli_batch_tcases (s);
  cli_lab_restart_tcases (s);
  cli_labs_time_tcases (s);
  cli_course_tcases (s);
  cli_checkpoints_tcases (s);
  cli_lab_barriers_tcases (s);
  cli_checkpoint_config_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (cli_suite ());
}
