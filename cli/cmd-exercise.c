/* cmd-exercise.c - `flinksim exercise list | show N | check FILE [N]
 * [--watch] | hint N [K] | solution N | reset [N [FILE]] [--force]`.
 *
 * `check` simulates the learner's job and checks the exercise's goals: exit
 * 0 when they all hold, 1 when one fails (the report says what the run gave),
 * 2 on bad input. The exercise is N, or the one the file names in its
 * "# exercise: N" line (every starter has it). A pass is recorded in
 * $XDG_STATE_HOME/flinksim/exercises-passed; `list` marks it, `reset`
 * forgets it, and `reset N FILE` writes the starter to FILE (not over an
 * existing file without --force). `show N` prints the task, the goals and
 * where the starter is. With --watch, `check` checks again each time FILE is saved
 * (GFileMonitor) or Enter is pressed (the manual way, also where a file
 * cannot be watched), until standard input ends; it exits with the last
 * check's code. */
#include "config.h"

#include <stdio.h>

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

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
  if (*text && !g_str_has_suffix (text, "\n"))
    fputc ('\n', stdout);
  return FSIM_EXIT_OK;
}

static int
exercise_check_once (FsimCourse *course, const char *path, const char *number, const char *lang)
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

/* --- check --watch --------------------------------------------------------- */

typedef struct {
  FsimCourse *course;
  const char *path, *number, *lang;
  int last;                     /* the last check's exit code */
  guint due;                    /* a pending re-check after a save */
  guint input;                  /* the standard input watch, while it runs */
  GMainLoop *loop;
} Watch;

static void
watch_check (Watch *w)
{
  printf ("\n");
  w->last = exercise_check_once (w->course, w->path, w->number, w->lang);
  fflush (stdout);
}

static gboolean
watch_due (gpointer data)
{
  Watch *w = data;
  w->due = 0;
  watch_check (w);
  return G_SOURCE_REMOVE;
}

/* An editor saves in several steps (truncate and write, or write a new
 * file and rename it over): check once, shortly after the last. */
static void
watch_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
               gpointer data)
{
  (void) monitor, (void) file, (void) other;
  Watch *w = data;
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED
      && event != G_FILE_MONITOR_EVENT_MOVED_IN && event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  if (w->due)
    g_source_remove (w->due);
  w->due = g_timeout_add (200, watch_due, w);
}

/* A line on standard input checks again now; its end stops watching. */
static gboolean
watch_stdin (GIOChannel *channel, GIOCondition condition, gpointer data)
{
  Watch *w = data;
  g_autofree char *line = NULL;
  if (condition & G_IO_IN
      && g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      watch_check (w);
      return G_SOURCE_CONTINUE;
    }
  w->input = 0;
  g_main_loop_quit (w->loop);
  return G_SOURCE_REMOVE;
}

static int
exercise_watch (FsimCourse *course, const char *path, const char *number, const char *lang)
{
  Watch w = { course, path, number, lang, 0, 0, 0, g_main_loop_new (NULL, FALSE) };
  w.last = exercise_check_once (course, path, number, lang);
  if (w.last == FSIM_EXIT_BAD_INPUT && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_main_loop_unref (w.loop);
      return w.last;
    }
  fflush (stdout);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileMonitor) monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES,
                                                          NULL, &error);
  if (monitor)
    {
      g_signal_connect (monitor, "changed", G_CALLBACK (watch_changed), &w);
      fprintf (stderr, _("Watching %s: it is checked again each time it is saved, or when you "
                         "press Enter; Ctrl-D stops.\n"), path);
    }
  else
    fprintf (stderr, _("Cannot watch %s (%s): press Enter to check it again; Ctrl-D stops.\n"),
             path, error->message);
  GIOChannel *in = g_io_channel_unix_new (0);
  w.input = g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, watch_stdin, &w);
  g_main_loop_run (w.loop);
  if (w.due)
    g_source_remove (w.due);
  if (w.input)
    g_source_remove (w.input);
  g_io_channel_unref (in);
  g_main_loop_unref (w.loop);
  return w.last;
}

/* `reset N FILE`: the starter written to FILE, as rustlings' reset
 * restores an exercise's file; an existing FILE only with --force. */
static gboolean
write_starter (const FsimExercise *ex, const char *file, gboolean force)
{
  if (!force && g_file_test (file, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, _("flinksim exercise reset: %s exists; --force overwrites it with the "
                         "starter\n"), file);
      return FALSE;
    }
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (fsim_exercise_get_starter (ex), &text, NULL, &error)
      || !g_file_set_contents (file, text, -1, &error))
    {
      fprintf (stderr, "flinksim exercise reset: %s\n", error->message);
      return FALSE;
    }
  printf (_("Wrote the starter to %s.\n"), file);
  return TRUE;
}

/* `reset`: forget every pass, `reset N` exercise N's, `reset N FILE` also
 * writes its starter to FILE. */
static int
exercise_reset (FsimCourse *course, const char *number, const char *file, gboolean force)
{
  g_autofree char *path = progress_path ();
  if (number == NULL)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          fprintf (stderr, _("flinksim exercise: cannot remove %s: %s\n"), path,
                   g_strerror (errno));
          return FSIM_EXIT_BAD_INPUT;
        }
      printf (_("Every exercise is to do again.\n"));
      return FSIM_EXIT_OK;
    }
  guint i;
  if (!fsim_cli_course_number ("exercise", number, fsim_course_get_n_exercises (course), &i))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (FsimExercise) ex = load_nth (course, i);
  if (ex == NULL || (file && !write_starter (ex, file, force)))
    return FSIM_EXIT_BAD_INPUT;
  g_autofree char *text = NULL;
  if (g_file_get_contents (path, &text, NULL, NULL))
    {
      g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
      GString *kept = g_string_new (NULL);
      for (char **l = lines; *l; l++)
        if (**l && strcmp (*l, fsim_exercise_get_title (ex, "en")) != 0)
          g_string_append_printf (kept, "%s\n", *l);
      gboolean ok = g_file_set_contents (path, kept->str, -1, NULL);
      g_string_free (kept, TRUE);
      if (!ok)
        {
          fprintf (stderr, _("flinksim exercise: cannot record progress in %s\n"), path);
          return FSIM_EXIT_BAD_INPUT;
        }
    }
  printf (_("Exercise %u is to do again.\n"), i + 1);
  return FSIM_EXIT_OK;
}

static int
exercise_show (const FsimExercise *ex, guint i, const char *lang)
{
  printf (_("Exercise %u: %s\n\n%s\n\n"), i + 1, fsim_exercise_get_title (ex, lang),
          fsim_exercise_get_task (ex, lang));
  g_autofree char *goals = fsim_exercise_goals_text (ex);
  printf (_("Goals, checked on the simulation of your file:\n%s\n"), goals);
  printf (_("Starter file: %s\nCopy it ('flinksim exercise reset %u FILE' writes it to FILE), "
            "edit it, then 'flinksim exercise check FILE'.\n"),
          fsim_exercise_get_starter (ex), i + 1);
  return FSIM_EXIT_OK;
}

/* K of `hint N K`: 1 to the exercise's hints, else the hints it has. */
static gboolean
hint_number (const char *text, guint i, guint n, guint *k)
{
  guint64 v;
  if (g_ascii_string_to_unsigned (text, 10, 1, n, &v, NULL))
    {
      *k = (guint) v - 1;
      return TRUE;
    }
  fprintf (stderr, _("flinksim exercise hint: exercise %u has hints 1 to %u, not '%s' "
                     "(flinksim exercise hint %u 1)\n"), i + 1, n, text, i + 1);
  return FALSE;
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
    return exercise_show (ex, i, lang);
  if (g_str_equal (argv[1], "solution") && argc == 3)
    return print_file (fsim_exercise_get_solution (ex));
  guint k = 0, n = fsim_exercise_get_n_hints (ex);
  if (n == 0 || (argc == 4 && !hint_number (argv[3], i, n, &k)))
    return FSIM_EXIT_BAD_INPUT;
  printf (_("Hint %u of %u: %s\n"), k + 1, n, fsim_exercise_get_hint (ex, k, lang));
  if (k + 1 < n)
    printf (_("(the next: flinksim exercise hint %u %u)\n"), i + 1, k + 2);
  return FSIM_EXIT_OK;
}

static int
exercise_run (int argc, char **argv)
{
  gboolean watch = FALSE, force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("reset N FILE: overwrite FILE with the starter"), NULL },
    { "watch", 0, 0, G_OPTION_ARG_NONE, &watch,
      N_("check: check again each time FILE is saved or Enter is pressed, until Ctrl-D"), NULL },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_exercise, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (FsimCourse) course = fsim_cli_course ();
  if (course == NULL)
    return FSIM_EXIT_BAD_INPUT;
  const char *lang = fsim_cli_course_lang ();
  const char *sub = argc > 1 ? argv[1] : "";
  if (watch && !g_str_equal (sub, "check"))
    {
      fprintf (stderr, _("flinksim exercise: --watch goes with check FILE [N]\n"));
      return FSIM_EXIT_BAD_INPUT;
    }
  if (g_str_equal (sub, "list") && argc == 2)
    return exercise_list (course, lang);
  if (g_str_equal (sub, "check") && (argc == 3 || argc == 4))
    return (watch ? exercise_watch : exercise_check_once) (course, argv[2],
                                                           argc == 4 ? argv[3] : NULL, lang);
  if (g_str_equal (sub, "reset") && argc >= 2 && argc <= 4)
    return exercise_reset (course, argc >= 3 ? argv[2] : NULL, argc == 4 ? argv[3] : NULL, force);
  if ((g_str_equal (sub, "show") || g_str_equal (sub, "solution")) && argc == 3)
    return exercise_item (course, argc, argv, lang);
  if (g_str_equal (sub, "hint") && (argc == 3 || argc == 4))
    return exercise_item (course, argc, argv, lang);
  fprintf (stderr, _("flinksim exercise: expected list, show N, check FILE [N] [--watch], "
                     "hint N [K], solution N or reset [N [FILE]]\nTry 'flinksim exercise --help'.\n"));
  return FSIM_EXIT_BAD_INPUT;
}

const FsimCommand fsim_cmd_exercise = {
  "exercise", N_("exercises checked on the simulation of your job file"),
  "list | show N | check FILE [N] [--watch] | hint N [K] | solution N | reset [N [FILE]] [--force]",
  exercise_run,
};
