/* lessons-course.c - the course through lessons/'s API: every lesson runs
 * to its end with wrong answers explained, a broken lesson file is located,
 * and the first exercise is checked on the simulation. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lessons/lessons.h"
#include "tests/testlib-graphs.h"

void lessons_course_tcases (Suite *suite);

typedef struct {
  GString *shown;
} Script;

static void
script_write (const char *text, gpointer user_data)
{
  g_string_append (((Script *) user_data)->shown, text);
}

/* Never a choice's letter nor a value any query answers. */
static char *
script_wrong (gpointer user_data)
{
  (void) user_data;
  return g_strdup ("?? not an answer");
}

/* Wrong answers all through: every question gets an answer no query gives;
 * each is explained with the run's own answer and the lesson still reaches
 * its end. */
START_TEST (test_wrong_answers_explained)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) lesson = fsim_lesson_load (fsim_course_get_lesson_path (course, i),
                                                        &error);
      ck_assert_msg (lesson != NULL, "%s", error ? error->message : "?");
      Script s = { g_string_new (NULL) };
      FsimLessonIO io = { script_write, script_wrong, &s, "en", FALSE };
      guint correct = 0;
      ck_assert (fsim_lesson_run (lesson, &io, &correct, &error));
      ck_assert_uint_eq (correct, 0);
      ck_assert_msg (strstr (s.shown->str, "End of the lesson") != NULL, "%s", s.shown->str);
      if (strstr (s.shown->str, "Question:"))
        ck_assert (strstr (s.shown->str, "Not quite. The run says:") != NULL);
      /* records read as `flinksim run` prints them, never the trace's
       * tab-separated format; step times as the log writes them */
      ck_assert_msg (strchr (s.shown->str, '\t') == NULL, "%s", s.shown->str);
      ck_assert_msg (g_regex_match_simple ("== Step 1 of [0-9]+ \\(simulated time [0-9]+\\.[0-9]{3} s\\) ==",
                                           s.shown->str, 0, 0), "%s", s.shown->str);
      if (strstr (s.shown->str, "\n[ "))
        ck_assert (g_regex_match_simple ("\\n\\[ *[0-9]+\\.[0-9]{3} s\\] ", s.shown->str, 0, 0)
                   && strstr (s.shown->str, "\n             why: ") != NULL);
      g_string_free (s.shown, TRUE);
    }
}
END_TEST

/* A lesson file's error is a located diagnostic (lessons.h): file:line:col,
 * the line, a caret. "narate" on line 2 is no key. */
START_TEST (test_bad_lesson_located)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fsim-lessons-bad.lesson", NULL);
  ck_assert (g_file_set_contents (path, "title: T\nnarate: oops\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) lesson = fsim_lesson_load (path, &error);
  ck_assert_ptr_null (lesson);
  ck_assert (g_error_matches (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_PARSE));
  g_autofree char *where = g_strconcat (path, ":2:1: error:", NULL);
  ck_assert_msg (g_str_has_prefix (error->message, where), "%s", error->message);
  ck_assert_msg (strstr (error->message, "\n  narate: oops\n") != NULL
                 || strstr (error->message, "narate: oops") != NULL, "%s", error->message);
  ck_assert (strstr (error->message, "^") != NULL);
  g_unlink (path);
}
END_TEST

/* Exercise 1: the starter puts Enrich (4) and the sink after it in group
 * "enrich" and the source (2) in "default"; groups never share a slot and
 * each needs its highest parallelism (SlotSharingGroup, Flink's scheduler),
 * so 2 + 4 = 6 slots where the goal asks for 4; the solution keeps one
 * group: max (2, 4, 2) = 4. */
START_TEST (test_exercise_one_checked)
{
  g_autofree char *path = fsim_test_srcpath ("lessons/exercises/01-slots.exercise");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimExercise) ex = fsim_exercise_load (path, &error);
  ck_assert_msg (ex != NULL, "%s", error ? error->message : "?");
  struct {
    const char *job;
    gboolean passes;
  } cases[] = {
    { fsim_exercise_get_starter (ex), FALSE },
    { fsim_exercise_get_solution (ex), TRUE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (FsimJob) job = fsim_job_load (cases[i].job, &error);
      ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
      gboolean passed = !cases[i].passes;
      g_autofree char *report = NULL;
      ck_assert (fsim_exercise_check (ex, job, "en", &passed, &report, &error));
      ck_assert_msg (passed == cases[i].passes, "%s: %s", cases[i].job, report);
      if (!cases[i].passes)
        ck_assert_msg (strstr (report, "slots-needed == 4: the run gives 6") != NULL, "%s",
                       report);
    }
}
END_TEST

void
lessons_course_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Course");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_wrong_answers_explained);
  tcase_add_test (tc, test_bad_lesson_located);
  tcase_add_test (tc, test_exercise_one_checked);
  suite_add_tcase (suite, tc);
}
