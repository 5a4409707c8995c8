/* cli-checkpoint-config.c - checkpoint settings Flink refuses, and those it
 * accepts but changes, as `flinksim check` and `run` report them.
 *
 * Refused (exit 2, Flink's IllegalArgumentException message verbatim, at the
 * value, with a suggestion): CheckpointConfig's setters, which
 * CheckpointConfig.configure calls for each key set, and
 * CheckpointCoordinatorConfiguration's constructor. Changed with Flink's
 * warning (exit 0): StreamingJobGraphGenerator.preValidate switches
 * unaligned checkpoints off for AT_LEAST_ONCE, and
 * DefaultCompletedCheckpointStoreUtils takes 1 for a num-retained below 1. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tests/testlib.h"

void cli_checkpoint_config_tcases (Suite *suite);

typedef struct {
  int status;
  char *out, *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Writes text to a job file and runs `flinksim command job`. */
static void
run_on (const char *command, const char *text, Result *r)
{
  g_autofree char *dir = g_dir_make_tmp ("flinksim-cp-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "t.job", NULL);
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  const char *check[] = { "check", path, NULL };
  const char *run[] = { "run", "--until", "1 s", path, NULL };
  r->status = fsim_test_run_cli (strcmp (command, "check") == 0 ? check : run, &r->out, &r->err);
  g_unlink (path);
  g_rmdir (dir);
  /* the diagnostics name the file by the path given */
  g_autofree char *prefix = g_strconcat (path, ":", NULL);
  g_autofree char *err = r->err;
  g_auto (GStrv) parts = g_strsplit (err, prefix, -1);
  r->err = g_strjoinv ("t.job:", parts);
}

static const struct {
  const char *text;
  const char *diagnostic;       /* what stderr starts with */
} refused[] = {
  { "set execution.checkpointing.interval = 5 ms\nenv.fromSequence(1, 10).print()\n",
    "t.job:1:40: error: Checkpoint interval must be larger than or equal to 10 ms\n"
    " 1 | set execution.checkpointing.interval = 5 ms\n"
    "   |                                        ^~~~\n"
    "the shortest interval is 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME); "
    "leave the key unset to turn checkpointing off\n" },
  { "env.enableCheckpointing(9)\nenv.fromSequence(1, 10).print()\n",
    "t.job:1:25: error: Checkpoint interval must be larger than or equal to 10 ms\n"
    " 1 | env.enableCheckpointing(9)\n"
    "   |                         ^\n"
    "the shortest interval is 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME); "
    "a bare number is milliseconds, as a Java long\n" },
  { "set execution.checkpointing.timeout = 9 ms\nenv.fromSequence(1, 10).print()\n",
    "t.job:1:39: error: Checkpoint timeout must be larger than or equal to 10 ms\n"
    " 1 | set execution.checkpointing.timeout = 9 ms\n"
    "   |                                       ^~~~\n"
    "the shortest timeout is 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME); "
    "Flink's default is 10 min\n" },
  { "set execution.checkpointing.max-concurrent-checkpoints = 0\nenv.fromSequence(1, 10).print()\n",
    "t.job:1:58: error: The maximum number of concurrent attempts must be at least one.\n"
    " 1 | set execution.checkpointing.max-concurrent-checkpoints = 0\n"
    "   |                                                          ^\n"
    "1 (Flink's default) lets one checkpoint be pending at a time\n" },
  { "set execution.checkpointing.tolerable-failed-checkpoints = -1\n"
    "env.fromSequence(1, 10).print()\n",
    "t.job:1:60: error: The tolerable failure checkpoint number must be non-negative.\n"
    " 1 | set execution.checkpointing.tolerable-failed-checkpoints = -1\n"
    "   |                                                            ^~\n"
    "0 (Flink's default) fails the job at the first counted checkpoint failure\n" },
  { "set execution.checkpointing.interval = 1 s\n"
    "set execution.checkpointing.unaligned.enabled = true\n"
    "set execution.checkpointing.max-concurrent-checkpoints = 2\n"
    "env.fromSequence(1, 10).print()\n",
    "t.job:3:58: error: maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled\n"
    " 3 | set execution.checkpointing.max-concurrent-checkpoints = 2\n"
    "   |                                                          ^\n"
    "unaligned checkpoints take one checkpoint at a time: set "
    "execution.checkpointing.max-concurrent-checkpoints = 1, or turn "
    "execution.checkpointing.unaligned.enabled off\n" },
};

/* check and run refuse each with exit 2 and the same located message */
START_TEST (test_refused_settings)
{
  g_setenv ("LC_ALL", "C", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    for (int k = 0; k < 2; k++)
      {
        g_auto (Result) r = { 0 };
        run_on (k == 0 ? "check" : "run", refused[i].text, &r);
        ck_assert_msg (r.status == 2, "case %u (%s): exit %d", i, k ? "run" : "check", r.status);
        ck_assert_str_eq (r.err, refused[i].diagnostic);
        ck_assert_str_eq (r.out, "");
      }
}
END_TEST

/* What Flink takes: the edges of the ranges */
START_TEST (test_accepted_edges)
{
  g_setenv ("LC_ALL", "C", TRUE);
  static const char *const ok[] = {
    "set execution.checkpointing.interval = 10 ms\n"
    "set execution.checkpointing.timeout = 10 ms\n"
    "set execution.checkpointing.max-concurrent-checkpoints = 1\n"
    "set execution.checkpointing.tolerable-failed-checkpoints = 0\n"
    "env.fromSequence(1, 10).print()\n",
    /* the coordinator caps a longer pause at 365 days; Flink refuses none */
    "set execution.checkpointing.interval = 1 s\n"
    "set execution.checkpointing.min-pause = 400 d\n"
    "env.fromSequence(1, 10).print()\n",
    /* unaligned with several pending is refused only with EXACTLY_ONCE
     * (preValidate switched it off first) */
    "set execution.checkpointing.interval = 1 s\n"
    "set execution.checkpointing.mode = AT_LEAST_ONCE\n"
    "set execution.checkpointing.unaligned.enabled = true\n"
    "set execution.checkpointing.max-concurrent-checkpoints = 2\n"
    "env.fromSequence(1, 10).print()\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_auto (Result) r = { 0 };
      run_on ("check", ok[i], &r);
      ck_assert_msg (r.status == 0, "case %u: exit %d: %s", i, r.status, r.err);
    }
}
END_TEST

static const char unaligned_at_least_once[] =
  "t.job:3:5: warning: Unaligned checkpoints can only be used with checkpointing mode EXACTLY_ONCE\n"
  " 3 | set execution.checkpointing.unaligned.enabled = true\n"
  "   |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
  "Flink switches unaligned checkpoints off for this job: with AT_LEAST_ONCE barriers are "
  "tracked, never aligned or overtaking\n";

/* StreamingJobGraphGenerator.preValidate's LOG.warn, and
 * DefaultCompletedCheckpointStoreUtils' (with checkpointing on), from
 * check and from run, which still run the job (exit 0) */
START_TEST (test_warnings)
{
  g_setenv ("LC_ALL", "C", TRUE);
  const char *text = "set execution.checkpointing.interval = 1 s\n"
                     "set execution.checkpointing.mode = AT_LEAST_ONCE\n"
                     "set execution.checkpointing.unaligned.enabled = true\n"
                     "set execution.checkpointing.num-retained = 0\n"
                     "env.fromSequence(1, 10).print()\n";
  const char *retained =
    "t.job:4:5: warning: The setting for 'execution.checkpointing.num-retained : 0' is "
    "invalid. Using default value of 1\n"
    " 4 | set execution.checkpointing.num-retained = 0\n"
    "   |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
    "the completed checkpoint store keeps one checkpoint\n";
  g_autofree char *both = g_strconcat (unaligned_at_least_once, retained, NULL);
  for (int k = 0; k < 2; k++)
    {
      g_auto (Result) r = { 0 };
      run_on (k == 0 ? "check" : "run", text, &r);
      ck_assert_int_eq (r.status, 0);
      ck_assert_msg (g_str_has_prefix (r.err, both), "%s", r.err);
      ck_assert_str_ne (r.out, "");
    }
  /* the mode stays EXACTLY_ONCE: no warning about unaligned */
  g_auto (Result) r = { 0 };
  run_on ("check", "set execution.checkpointing.interval = 1 s\n"
                   "set execution.checkpointing.unaligned.enabled = true\n"
                   "env.fromSequence(1, 10).print()\n", &r);
  ck_assert_int_eq (r.status, 0);
  ck_assert_ptr_null (strstr (r.err, "Unaligned checkpoints can only"));
  /* without checkpointing the mode counts as AT_LEAST_ONCE
   * (StreamGraph.getCheckpointingMode): warned too; num-retained is not read */
  g_auto (Result) off = { 0 };
  run_on ("check", "set execution.checkpointing.unaligned.enabled = true\n"
                   "set execution.checkpointing.num-retained = -3\n"
                   "env.fromSequence(1, 10).print()\n", &off);
  ck_assert_int_eq (off.status, 0);
  ck_assert_ptr_nonnull (strstr (off.err, "t.job:1:5: warning: Unaligned checkpoints can only be "
                                          "used with checkpointing mode EXACTLY_ONCE\n"));
  ck_assert_ptr_null (strstr (off.err, "num-retained : -3"));
}
END_TEST

void
cli_checkpoint_config_tcases (Suite *s)
{
  TCase *tc = tcase_create ("CheckpointConfig validation");
  tcase_add_test (tc, test_refused_settings);
  tcase_add_test (tc, test_accepted_edges);
  tcase_add_test (tc, test_warnings);
  suite_add_tcase (s, tc);
}
