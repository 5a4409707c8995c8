/* cmd-exercise.c - `flinksim exercise list | show N | check FILE [N] |
 * hint N [K] | solution N`.
 *
 * `check` simulates the learner's job and checks the exercise's goals: exit
 * 0 when they all hold, 1 when one fails (the report says what the run gave),
 * 2 on bad input. The exercise is N, or the one the file names in its
 * "# exercise: N" line (every starter has it). A pass is recorded in
 * $XDG_STATE_HOME/flinksim/exercises-passed; `list` marks it. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"

static char *
progress_path (void)
{
  /* g_get_user_state_dir is newer than our GLib minimum */
  const char *state = g_getenv ("XDG_STATE_HOME");
  if (state && g_path_is_absolute (state))
    return g_build_filename (state, "flinksim", "exercises-passed", NULL);
  return g_build_filename (g_get_home_dir (), ".local", "state", "flinksim", "exercises-passed",
                           NULL);
}

static gboolean
passed_before (const char *title)
{
  g_autofree char *path = progress_path ();
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  return g_strv_contains ((const char *const *) lines, title);
}

static void
record_pass (const char *title)
{
  if (passed_before (title))
    return;
  g_autofree char *path = progress_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  g_file_get_contents (path, &text, NULL, NULL);
  g_autofree char *next = g_strconcat (text ? text : "", title, "\n", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, next, -1, NULL))
    fprintf (stderr, _("flinksim exercise: cannot record progress in %s\n"), path);
}

static FsimExercise *
load_nth (FsimCourse *course, guint i)
{
  g_autoptr (GError) error = NULL;
  FsimExercise *ex = fsim_exercise_load (fsim_course_get_exercise_path (course, i), &error);
  if (ex == NULL)
    fsim_cli_fail (error);
  return ex;
}

static int
exercise_list (FsimCourse *course, const char *lang)
{
  for (guint i = 0; i < fsim_course_get_n_exercises (course); i++)
    {
      g_autoptr (FsimExercise) ex = load_nth (course, i);
      if (ex == NULL)
        return FSIM_EXIT_BAD_INPUT;
      printf ("%u  %s%s\n", i + 1, fsim_exercise_get_title (ex, lang),
              passed_before (fsim_exercise_get_title (ex, "en")) ? _("  [passed]") : "");
    }
  return FSIM_EXIT_OK;
}

static int
print_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &text, NULL, &error))
    return fsim_cli_fail (error);
  fputs (text, stdout);
  return FSIM_EXIT_OK;
}

static int
exercise_check (FsimCourse *course, const char *path, const char *number, const char *lang)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_load (path, &error);
  if (job == NULL)
    return fsim_cli_fail (error);
  g_autofree char *text = NULL;
  g_file_get_contents (path, &text, NULL, NULL);
  guint named = text ? fsim_exercise_number_in (text) : 0;
  g_autofree char *n = number ? g_strdup (number) : g_strdup_printf ("%u", named);
  guint i;
  if (!fsim_cli_course_number ("exercise", n, fsim_course_get_n_exercises (course), &i))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (FsimExercise) ex = load_nth (course, i);
  gboolean passed;
  g_autofree char *report = NULL;
  if (ex == NULL || !fsim_exercise_check (ex, job, lang, &passed, &report, &error))
    return ex ? fsim_cli_fail (error) : FSIM_EXIT_BAD_INPUT;
  printf (_("Exercise %s: %s\n"), n, fsim_exercise_get_title (ex, lang));
  fputs (report, stdout);
  printf ("%s\n", passed ? _("PASS: every goal holds.") : _("FAIL: a goal does not hold."));
  if (passed)
    record_pass (fsim_exercise_get_title (ex, "en"));
  return passed ? FSIM_EXIT_OK : FSIM_EXIT_VIOLATION;
}

static int
exercise_item (FsimCourse *course, int argc, char **argv, const char *lang)
{
  guint i;
  if (!fsim_cli_course_number ("exercise", argv[2], fsim_course_get_n_exercises (course), &i))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (FsimExercise) ex = load_nth (course, i);
  if (ex == NULL)
    return FSIM_EXIT_BAD_INPUT;
  if (g_str_equal (argv[1], "show") && argc == 3)
    {
      printf (_("Exercise %u: %s\n\n%s\n\n"), i + 1, fsim_exercise_get_title (ex, lang),
              fsim_exercise_get_task (ex, lang));
      printf (_("Starter file (copy it, edit it, then 'flinksim exercise check FILE'):\n"));
      printf ("  %s\n", fsim_exercise_get_starter (ex));
      return FSIM_EXIT_OK;
    }
  if (g_str_equal (argv[1], "solution") && argc == 3)
    return print_file (fsim_exercise_get_solution (ex));
  guint k = 0, n = fsim_exercise_get_n_hints (ex);
  if (n == 0 || (argc == 4 && !fsim_cli_course_number ("exercise hint", argv[3], n, &k)))
    return FSIM_EXIT_BAD_INPUT;
  printf (_("Hint %u of %u: %s\n"), k + 1, n, fsim_exercise_get_hint (ex, k, lang));
  if (k + 1 < n)
    printf (_("(the next: flinksim exercise hint %u %u)\n"), i + 1, k + 2);
  return FSIM_EXIT_OK;
}

static int
exercise_run (int argc, char **argv)
{
  if (!fsim_cli_parse_options (&fsim_cmd_exercise, NULL, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (FsimCourse) course = fsim_cli_course ();
  if (course == NULL)
    return FSIM_EXIT_BAD_INPUT;
  const char *lang = fsim_cli_course_lang ();
  const char *sub = argc > 1 ? argv[1] : "";
  if (g_str_equal (sub, "list") && argc == 2)
    return exercise_list (course, lang);
  if (g_str_equal (sub, "check") && (argc == 3 || argc == 4))
    return exercise_check (course, argv[2], argc == 4 ? argv[3] : NULL, lang);
  if ((g_str_equal (sub, "show") || g_str_equal (sub, "solution")) && argc == 3)
    return exercise_item (course, argc, argv, lang);
  if (g_str_equal (sub, "hint") && (argc == 3 || argc == 4))
    return exercise_item (course, argc, argv, lang);
  fprintf (stderr, _("flinksim exercise: expected list, show N, check FILE [N], hint N [K] "
                     "or solution N\nTry 'flinksim exercise --help'.\n"));
  return FSIM_EXIT_BAD_INPUT;
}

const FsimCommand fsim_cmd_exercise = {
  "exercise", N_("exercises checked on the simulation of your job file"),
  "list | show N | check FILE [N] | hint N [K] | solution N", exercise_run,
};
