/* cli-course.c - the course from the command line: the listings (issue 18,
 * point 2), every lesson checks, every exercise checked on the simulation
 * (its starter exits 1, its solution 0), a broken lesson file located, and
 * compare's exits. How the lessons run, with wrong and right answers, is
 * tested through lessons/'s API in lessons-course.c. */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>

#include "lessons/lessons.h"
#include "tests/testlib.h"

void cli_course_tcases (Suite *suite);

/* Every stdout line that begins with a digit is an item, numbered 1, 2, 3…
 * in order; returns how many. */
static guint
numbered_items (const char *out)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i]; i++)
    if (g_ascii_isdigit (lines[i][0]))
      {
        n++;
        g_autofree char *want = g_strdup_printf ("%u", n);
        ck_assert_msg (g_str_has_prefix (lines[i], want)
                       && !g_ascii_isdigit (lines[i][strlen (want)]),
                       "line '%s' is not item %u", lines[i], n);
      }
  return n;
}

START_TEST (test_listings_numbered)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *lessons[] = { "lesson", "list", NULL };
  ck_assert_int_eq (fsim_test_run_cli (lessons, &out, &err), 0);
  ck_assert_uint_ge (numbered_items (out), 11);
  g_autofree char *out2 = NULL, *err2 = NULL;
  const char *exercises[] = { "exercise", "list", NULL };
  ck_assert_int_eq (fsim_test_run_cli (exercises, &out2, &err2), 0);
  ck_assert_uint_ge (numbered_items (out2), 1);
}
END_TEST

/* `flinksim lesson N` opens item N of `lesson list` (issue 18, point 2):
 * the title it prints first is the list's N-th. Run as a process with
 * stdin from /dev/null: the answers end at once. */
START_TEST (test_lesson_n_opens_item_n)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *list[] = { "lesson", "list", NULL };
  ck_assert_int_eq (fsim_test_run_cli (list, &out, &err), 0);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  ck_assert (g_str_has_prefix (lines[1], "2  "));
  const char *title = lines[1] + 3;
  g_autofree char *bin = fsim_test_binary ();
  const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" lesson 2 --plain --lang=en </dev/null",
                         bin, NULL };
  g_autofree char *lesson = NULL;
  int status = -1;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &lesson,
                           NULL, &status, NULL));
  ck_assert_msg (g_str_has_prefix (lesson, title), "want '%s' first, got:\n%s", title, lesson);
}
END_TEST

/* `lesson check` simulates each lesson and walks every step: each
 * condition holds and each question has an answer among its choices. */
START_TEST (test_every_lesson_checks)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimCourse) course = fsim_course_load (dir, &error);
  ck_assert_msg (course != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      const char *path = fsim_course_get_lesson_path (course, i);
      g_autofree char *out = NULL, *err = NULL;
      const char *args[] = { "lesson", "check", path, NULL };
      ck_assert_msg (fsim_test_run_cli (args, &out, &err) == 0, "%s: %s", path, err);
    }
}
END_TEST

typedef struct {
  GString *shown;
} Script;

/* Exercise N of `exercise list` from the command line: its starter exits 1
 * (a goal does not hold), its solution 0; lessons-course.c asserts why
 * each starter fails. Exercise 1's reason is Flink's slot sharing rule:
 * Enrich (4) and the sink in group "enrich", the source (2) in "default",
 * groups never share a slot and each needs its highest parallelism, so
 * 2 + 4 = 6 slots. */
START_TEST (test_every_exercise_exits)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  for (guint i = 0; i < fsim_course_get_n_exercises (course); i++)
    {
      g_autoptr (FsimExercise) ex = fsim_exercise_load (fsim_course_get_exercise_path (course, i),
                                                        NULL);
      ck_assert_ptr_nonnull (ex);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *out = NULL, *err = NULL;
      const char *fail[] = { "exercise", "check", fsim_exercise_get_starter (ex), n, NULL };
      ck_assert_msg (fsim_test_run_cli (fail, &out, &err) == 1, "%s: %s%s", fail[2], out, err);
      if (i == 0)
        ck_assert_msg (strstr (out, "slots-needed == 4: the run gives 6") != NULL, "%s", out);
      g_autofree char *out2 = NULL, *err2 = NULL;
      const char *pass[] = { "exercise", "check", fsim_exercise_get_solution (ex), n, NULL };
      ck_assert_msg (fsim_test_run_cli (pass, &out2, &err2) == 0, "%s: %s%s", pass[2], out2, err2);
    }
}
END_TEST

/* A word of a query's doc that stands for an argument (OP, A, B, N,
 * START, END): it must never reach a learner's failure text. */
static gboolean
has_placeholder (const char *text)
{
  static const char *const words[] = { "OP", "A", "B", "N", "START", "END", NULL };
  g_auto (GStrv) tokens = g_regex_split_simple ("[^A-Za-z0-9_]+", text, 0, 0);
  for (char **t = tokens; *t; t++)
    if (g_strv_contains (words, *t))
      return TRUE;
  return FALSE;
}

/* The operators each failed goal of exercise ex names: the first argument
 * of a query that takes an operator (every query with arguments but keys,
 * key-skew and config, which take a field or a key, named all the same). */
static void
check_failure_names_args (const char *out, const char *exercise_path, const char *lang)
{
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (exercise_path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto (GStrv) shown = g_strsplit (out, "\n", -1);
  guint failures = 0;
  for (char **l = shown; *l; l++)
    {
      /* the part after the value: what the goal measured */
      const char *dash = strstr (*l, " \u2014");
      if (dash == NULL)
        continue;
      failures++;
      ck_assert_msg (!has_placeholder (dash), "%s (%s): a placeholder in '%s'", exercise_path,
                     lang, *l);
    }
  for (char **l = lines; *l; l++)
    {
      g_auto (GStrv) w = NULL;
      if (!g_str_has_prefix (*l, "goal:") || !g_shell_parse_argv (*l + 5, NULL, &w, NULL))
        continue;
      const FsimQueryDesc *q = fsim_query_lookup (w[0]);
      ck_assert_ptr_nonnull (q);
      if (q->n_args == 0)
        continue;
      /* the goal's failure line, if it failed, names its argument(s) after
       * the value as well as in the goal (written as in the file, an
       * argument with a space quoted) */
      GString *goal = g_string_new (w[0]);
      for (int a = 1; a <= q->n_args; a++)
        g_string_append_printf (goal, strchr (w[a], ' ') ? " \"%s\"" : " %s", w[a]);
      g_string_append_printf (goal, " %s ", w[q->n_args + 1]);
      for (char **s = shown; *s; s++)
        {
          const char *dash = strstr (*s, " \u2014");
          const char *at = strstr (*s, goal->str);
          if (dash == NULL || at == NULL)
            continue;
          for (int a = 1; a <= q->n_args; a++)
            ck_assert_msg (strstr (dash, w[a]) != NULL, "%s (%s): '%s' not named in '%s'",
                           exercise_path, lang, w[a], *s);
        }
      g_string_free (goal, TRUE);
    }
  ck_assert_msg (failures > 0, "%s (%s): no failure explained", exercise_path, lang);
}

/* Every starter's failure text, in English and in Chinese, names the
 * operators, indices and endpoints its goals name, never the docs'
 * placeholders; and a yes/no value reads translated in Chinese (是/否):
 * exercise 9's starter breaks both chains (rebalance(), startNewChain(),
 * StreamingJobGraphGenerator.isChainable); durations read as durations. */
START_TEST (test_failures_name_their_goals)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  const char *langs[] = { "--lang=en", "--lang=zh_CN" };
  for (guint i = 0; i < fsim_course_get_n_exercises (course); i++)
    {
      const char *path = fsim_course_get_exercise_path (course, i);
      g_autoptr (FsimExercise) ex = fsim_exercise_load (path, NULL);
      ck_assert_ptr_nonnull (ex);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          g_autofree char *out = NULL, *err = NULL;
          const char *args[] = { langs[l], "exercise", "check", fsim_exercise_get_starter (ex), n,
                                 NULL };
          ck_assert_msg (fsim_test_run_cli (args, &out, &err) == 1, "%s: %s%s", args[3], out, err);
          check_failure_names_args (out, path, langs[l]);
          /* a measured duration reads as one (8.258 s), never as TimeUtils'
           * microseconds (8258067 us) */
          ck_assert_msg (!g_regex_match_simple ("[0-9]{4,} us", out, 0, 0), "%s", out);
          if (i == 8)
            ck_assert_msg (strstr (out, l ? "== 是：运行给出的是 否 —— " : "== yes: the run gives no")
                           != NULL, "%s", out);
        }
    }
}
END_TEST

/* The exercise commands a learner types (issue 15, item 5): a hint out
 * of range suggests a command that works; a solution ends in a newline;
 * show prints the goals and where the starter is; reset N FILE writes the
 * starter, byte for byte, and does not overwrite a file without --force. */
START_TEST (test_exercise_commands)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *hint[] = { "--lang=en", "exercise", "hint", "1", "9", NULL };
  ck_assert_int_eq (fsim_test_run_cli (hint, &out, &err), 2);
  const char *open = strstr (err, "(flinksim ");
  ck_assert_msg (open != NULL, "%s", err);
  g_autofree char *suggested = g_strndup (open + 10, strcspn (open + 10, ")"));
  g_auto (GStrv) words = g_strsplit (suggested, " ", -1);
  g_autofree char *out2 = NULL, *err2 = NULL;
  ck_assert_msg (fsim_test_run_cli ((const char *const *) words, &out2, &err2) == 0,
                 "'%s': %s", suggested, err2);

  g_autofree char *out3 = NULL, *err3 = NULL;
  const char *solution[] = { "exercise", "solution", "1", NULL };
  ck_assert_int_eq (fsim_test_run_cli (solution, &out3, &err3), 0);
  ck_assert (g_str_has_suffix (out3, ")\n"));

  g_autofree char *out4 = NULL, *err4 = NULL;
  const char *show[] = { "--lang=en", "exercise", "show", "10", NULL };
  ck_assert_int_eq (fsim_test_run_cli (show, &out4, &err4), 0);
  ck_assert_msg (strstr (out4, "  key-groups Count 0 == 0-39\n") != NULL, "%s", out4);
  ck_assert_msg (strstr (out4, "10-even-key-groups.job") != NULL, "%s", out4);

  g_autofree char *dir = g_dir_make_tmp ("fsim-reset-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "mine.job", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  const char *reset[] = { "exercise", "reset", "10", file, NULL };
  g_autofree char *out5 = NULL, *err5 = NULL;
  ck_assert_int_eq (fsim_test_run_cli (reset, &out5, &err5), 0);
  g_autofree char *starter = fsim_test_srcpath ("lessons/exercises/10-even-key-groups.job");
  g_autofree char *want = NULL, *got = NULL;
  ck_assert (g_file_get_contents (starter, &want, NULL, NULL));
  ck_assert (g_file_get_contents (file, &got, NULL, NULL));
  ck_assert_str_eq (got, want);
  ck_assert (g_file_set_contents (file, "my edits\n", -1, NULL));
  g_autofree char *out6 = NULL, *err6 = NULL;
  ck_assert_int_eq (fsim_test_run_cli (reset, &out6, &err6), 2);
  g_autofree char *kept = NULL;
  ck_assert (g_file_get_contents (file, &kept, NULL, NULL));
  ck_assert_str_eq (kept, "my edits\n");
  const char *force[] = { "exercise", "reset", "10", file, "--force", NULL };
  g_autofree char *out7 = NULL, *err7 = NULL, *again = NULL;
  ck_assert_int_eq (fsim_test_run_cli (force, &out7, &err7), 0);
  ck_assert (g_file_get_contents (file, &again, NULL, NULL));
  ck_assert_str_eq (again, want);
  g_unlink (file);
  g_unlink (state);
  g_rmdir (dir);
}
END_TEST

/* `flinksim metrics` in Chinese: the metric columns' headings are the
 * labels the legend explains with Flink's metric names (which stay English,
 * docs/i18n.md), and the backpressure level's heading is the legend's. */
START_TEST (test_metrics_header_matches_legend)
{
  g_autofree char *job = fsim_test_srcpath ("examples/slow-sink-backpressure.job");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--lang=zh_CN", "metrics", job, NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 0);
  g_autofree char *first = g_strndup (out, strcspn (out, "\n"));
  g_auto (GStrv) cells = g_regex_split_simple ("  +", g_strstrip (first), 0, 0);
  ck_assert_uint_gt (g_strv_length (cells), 4);
  ck_assert_str_eq (cells[2], "反压");
  g_autofree char *level = g_strconcat ("\n反压：", NULL);
  ck_assert_msg (strstr (out, level) != NULL, "no legend for the level");
  for (guint i = 3; cells[i]; i++)
    {
      g_autofree char *legend = g_strdup_printf ("\n  %s ", cells[i]);
      ck_assert_msg (strstr (out, legend) != NULL, "heading '%s' not in the legend", cells[i]);
    }
  ck_assert (strstr (out, "-9223372036854775808") == NULL);
}
END_TEST

/* A lesson file with a typo: file:line:col, the line, a caret, exit 2. */
START_TEST (test_bad_lesson_located)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fsim-bad.lesson", NULL);
  ck_assert (g_file_set_contents (path, "title: T\nnarate: oops\n", -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "lesson", "check", path, NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  g_autofree char *where = g_strconcat (path, ":2:1: error:", NULL);
  ck_assert_msg (strstr (err, where) != NULL, "%s", err);
  ck_assert (strstr (err, "^") != NULL);
  g_unlink (path);
}
END_TEST

/* Runs `flinksim lesson ARG --plain --lang=LANG` with answers on stdin;
 * returns its stdout, *status its exit status. (transfer full) */
static char *
take_lesson (const char *arg, const char *lang, const char *answers, int *status)
{
  g_autofree char *bin = fsim_test_binary ();
  g_autofree char *opt = g_strconcat ("--lang=", lang, NULL);
  const char *argv[] = { "/bin/sh", "-c", "printf '%s' \"$3\" | exec \"$0\" lesson \"$1\" --plain \"$2\"",
                         bin, arg, opt, answers, NULL };
  char *out = NULL;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                           NULL, status, NULL));
  ck_assert (WIFEXITED (*status));
  *status = WEXITSTATUS (*status);
  return out;
}

/* A teacher's own lesson (tests/lessons/teacher.lesson, its job the file
 * beside it) is taken by its path, to its end, in both languages with its
 * [zh_CN] lines. The answers follow Flink's rules, not our output:
 * Orders -> Price is FORWARD at equal parallelism 2 in one slot sharing
 * group (StreamingJobGraphGenerator.isChainable: chained, "yes"); the
 * ExecutionGraph has one ExecutionVertex per parallel instance of each
 * JobVertex: Source+Price 2, Total 3 (its keyBy input is HASH), Out 2
 * (parallelism.default, not Total's 3), 2 + 3 + 2 = 7. */
START_TEST (test_teacher_lesson_taken)
{
  g_autofree char *path = fsim_test_srcpath ("tests/lessons/teacher.lesson");
  int status;
  g_autofree char *en = take_lesson (path, "en", "yes\n7\n", &status);
  ck_assert_int_eq (status, 0);
  ck_assert_msg (g_str_has_prefix (en, "A teacher's lesson: keyBy and chains\n"), "%s", en);
  ck_assert_msg (strstr (en, "   6 | env.fromSource(\"Orders\")") != NULL, "%s", en);
  ck_assert_msg (g_str_has_suffix (en, "You answered 2 of 2 questions right.\n"), "%s", en);
  /* a wrong first answer gets the step's explain:, in Chinese */
  g_autofree char *zh = take_lesson (path, "zh_CN", "no\n7\n", &status);
  ck_assert_int_eq (status, 0);
  ck_assert_msg (g_str_has_prefix (zh, "教师自己的课：keyBy 与算子链\n"), "%s", zh);
  ck_assert_msg (strstr (zh, "FORWARD、并行度相同、同一 slot 共享组：isChainable 成立。") != NULL,
                 "%s", zh);
  ck_assert_msg (strstr (zh, "ExecutionGraph 共有多少个子任务？") != NULL, "%s", zh);
  ck_assert_msg (g_str_has_suffix (zh, "2 道题中你答对了 1 道。\n"), "%s", zh);
  /* in Chinese the choices yes | no read 是 | 否 (fsim_query_value_display),
   * the run's answer too, and 是 typed is the choice yes */
  ck_assert_msg (strstr (zh, "  a) 是\n  b) 否\n") != NULL, "%s", zh);
  ck_assert_msg (strstr (zh, "不太对。运行结果是：是\n") != NULL, "%s", zh);
  g_autofree char *typed = take_lesson (path, "zh_CN", "是\n7\n", &status);
  ck_assert_int_eq (status, 0);
  ck_assert_msg (g_str_has_suffix (typed, "2 道题中你答对了 2 道。\n"), "%s", typed);
}
END_TEST

/* Lesson 5 asks for the slots its job needs where the step shows the
 * parallelism and the slot sharing groups, not the total (the JobGraph):
 * the learner works it out. Flink's rule (SlotSharingExecutionSlotAllocator,
 * one shared slot per subtask index of a group): one group "default",
 * highest parallelism Parse's 4, so 4 slots; the ExecutionGraph has
 * 2 + 4 + 3 + 2 = 11 ExecutionVertices (Out takes parallelism.default). */
START_TEST (test_lesson_5_slots_reasoned)
{
  int status;
  g_autofree char *out = take_lesson ("5", "en", "4\n11\n", &status);
  ck_assert_int_eq (status, 0);
  ck_assert_msg (g_str_has_suffix (out, "You answered 2 of 2 questions right.\n"), "%s", out);
  const char *step1 = strstr (out, "== Step 1 of 2");
  const char *ask1 = step1 ? strstr (step1, "Question:") : NULL;
  ck_assert_msg (ask1 != NULL, "%s", out);
  g_autofree char *shown = g_strndup (step1, ask1 - step1);
  ck_assert_msg (strstr (shown, "slots needed") == NULL && strstr (shown, "4 slots") == NULL,
                 "step 1 gives its answer away:\n%s", shown);
  ck_assert_ptr_nonnull (strstr (shown, "1 slot sharing group: \"default\""));
}
END_TEST

/* A teacher's lesson file that names a job file not beside it, or has a
 * typo: the lesson file's line and column, a caret, exit 2; an argument
 * that is neither a number nor a file says how to name a file. */
START_TEST (test_teacher_lesson_bad_file)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fsim-teacher-bad.lesson", NULL);
  ck_assert (g_file_set_contents (path, "title: T\njob: nowhere.job\n", -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "lesson", path, "--plain", NULL };
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  g_autofree char *where = g_strconcat (path, ":2:6: error: no job file 'nowhere.job'", NULL);
  ck_assert_msg (strstr (err, where) != NULL, "%s", err);
  ck_assert (strstr (err, "     ^~~~~~~~~~~") != NULL);
  ck_assert (g_file_set_contents (path, "title: T\nnarate: oops\n", -1, NULL));
  g_autofree char *out2 = NULL, *err2 = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out2, &err2), 2);
  g_autofree char *where2 = g_strconcat (path, ":2:1: error:", NULL);
  ck_assert_msg (strstr (err2, where2) != NULL, "%s", err2);
  g_unlink (path);
  g_autofree char *out3 = NULL, *err3 = NULL;
  const char *word[] = { "lesson", "teacher", "--lang=en", NULL };
  ck_assert_int_eq (fsim_test_run_cli (word, &out3, &err3), 2);
  ck_assert_msg (strstr (err3, "a path with a '/' or ending in '.lesson'") != NULL, "%s", err3);
}
END_TEST

/* compare exits 0 whether or not the runs differ, 2 on bad input. */
START_TEST (test_compare_exits)
{
  g_autofree char *job = fsim_test_srcpath ("examples/slow-sink-backpressure.job");
  g_autofree char *out = NULL, *err = NULL;
  const char *same[] = { "compare", job, job, NULL };
  ck_assert_int_eq (fsim_test_run_cli (same, &out, &err), 0);
  ck_assert (strstr (out, "do not diverge") != NULL);
  g_autofree char *out2 = NULL, *err2 = NULL;
  const char *other[] = { "compare", job, "--set", "sim.seed=5", NULL };
  ck_assert_int_eq (fsim_test_run_cli (other, &out2, &err2), 0);
  g_autofree char *out3 = NULL, *err3 = NULL;
  const char *bad[] = { "compare", job, NULL };
  ck_assert_int_eq (fsim_test_run_cli (bad, &out3, &err3), 2);
}
END_TEST

void
cli_course_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Course");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_listings_numbered);
  tcase_add_test (tc, test_lesson_n_opens_item_n);
  tcase_add_test (tc, test_failures_name_their_goals);
  tcase_add_test (tc, test_exercise_commands);
  tcase_add_test (tc, test_metrics_header_matches_legend);
  tcase_add_test (tc, test_every_lesson_checks);
  tcase_add_test (tc, test_every_exercise_exits);
  tcase_add_test (tc, test_bad_lesson_located);
  tcase_add_test (tc, test_teacher_lesson_taken);
  tcase_add_test (tc, test_teacher_lesson_bad_file);
  tcase_add_test (tc, test_lesson_5_slots_reasoned);
  tcase_add_test (tc, test_compare_exits);
  suite_add_tcase (suite, tc);
}
