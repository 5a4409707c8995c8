/* cmd-lesson.c - `flinksim lesson list | N [--plain] | FILE [--plain] |
 * check FILE`.
 *
 * `lesson list` prints one line per lesson starting with its number, and
 * no other line starting with a digit (issue 18); `lesson N --plain` prints
 * the lesson and reads the answers from standard input. `lesson FILE` takes
 * a teacher's own lesson file the same way: an argument with a '/' or
 * ending in ".lesson" is a file, any other a lesson number
 * (docs/lessons.md). Progress is not recorded for lessons, the course's or
 * a teacher's; only exercises record theirs. Without --plain,
 * on a terminal, the lesson opens in the TUI's lesson mode (a tour of the
 * run, lessons.h's FsimLessonTour drawn by viz/tui-lesson.c); without a
 * terminal it runs plain, as a script or a pipe wants it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run-options.h"

static int
lesson_list (void)
{
  g_autoptr (FsimCourse) course = fsim_cli_course ();
  if (course == NULL)
    return FSIM_EXIT_BAD_INPUT;
  const char *lang = fsim_cli_course_lang ();
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) l = fsim_lesson_load (fsim_course_get_lesson_path (course, i), &error);
      if (l == NULL)
        return fsim_cli_fail (error);
      printf ("%u  %s\n", i + 1, fsim_lesson_get_title (l, lang));
    }
  if (fsim_course_get_n_later (course) > 0)
    printf ("%s\n", _("Not written yet (each lands with its feature in the simulator):"));
  for (guint i = 0; i < fsim_course_get_n_later (course); i++)
    printf ("   - %s\n", fsim_course_get_later_title (course, i, lang));
  return FSIM_EXIT_OK;
}

static int
lesson_check (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) l = fsim_lesson_load (path, &error);
  FsimLessonIO io = { NULL, NULL, NULL, "en", TRUE };
  if (l == NULL || !fsim_lesson_run (l, &io, NULL, &error))
    return fsim_cli_fail (error);
  g_autofree char *warnings = fsim_lesson_warnings (l);
  if (warnings)
    fputs (warnings, stderr);
  guint n = fsim_lesson_get_n_steps (l);
  printf (ngettext ("%s: ok, %u step\n", "%s: ok, %u steps\n", n), path, n);
  return FSIM_EXIT_OK;
}

static char *
read_stdin_line (gpointer user_data)
{
  (void) user_data;
  char buf[1024];
  if (fgets (buf, sizeof buf, stdin) == NULL)
    return NULL;
  return g_strdup (buf);
}

/* The lesson mode of the TUI: the tour's run, its steps, its judge. */
static int
lesson_tui (const FsimLesson *l)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLessonTour) tour = fsim_lesson_tour_new (l, fsim_cli_course_lang (), &error);
  if (tour == NULL)
    return fsim_cli_fail (error);
  FsimJobRun *run = fsim_lesson_tour_get_run (tour);
  const FsimJobGraph *jg =
    fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run));
  /* the inspect view's channels exactly at the cursor: the lesson's job
   * simulated again as fsim_lesson_tour_new ran it (its seed, its end) */
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  FsimWhatIfSource again = { .opts = &opts, .job = fsim_lesson_tour_get_job (tour),
                             .job_graph = jg };
  gboolean ok = fsim_viz_tui_run_tour (fsim_job_run_get_trace (run), jg,
                                       fsim_job_get_name (fsim_lesson_tour_get_job (tour)),
                                       fsim_lesson_tour_get_viz (tour), fsim_what_if_probe,
                                       &again, &error);
  fsim_what_if_source_clear (&again);
  if (!ok)
    {
      fprintf (stderr, "flinksim lesson: %s\n", error->message);
      return FSIM_EXIT_BAD_INPUT;
    }
  return FSIM_EXIT_OK;
}

/* Takes the lesson at path: in the TUI on a terminal unless plain. */
static int
lesson_take (const char *path, gboolean plain)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) l = fsim_lesson_load (path, &error);
  if (l == NULL)
    return fsim_cli_fail (error);
  if (!plain)
    {
      if (fsim_viz_tui_available (&error))
        return lesson_tui (l);
      /* answers piped in, or TERM unset: say why no TUI */
      if (isatty (STDOUT_FILENO))
        fprintf (stderr, "%s\n", _("flinksim lesson: the TUI needs a terminal on standard input "
                                   "and output and TERM set; the lesson runs in plain mode "
                                   "(--plain)."));
      g_clear_error (&error);
    }
  FsimLessonIO io = { fsim_cli_write_text, read_stdin_line, NULL, fsim_cli_course_lang (), FALSE };
  guint right = 0;
  if (!fsim_lesson_run (l, &io, &right, &error))
    return fsim_cli_fail (error);
  return FSIM_EXIT_OK;
}

/* A teacher's lesson file rather than a number: a '/' in it, or ".lesson"
 * at its end. */
static gboolean
names_a_file (const char *arg)
{
  return strchr (arg, '/') != NULL || g_str_has_suffix (arg, ".lesson");
}

static int
lesson_open (const char *arg, gboolean plain)
{
  if (names_a_file (arg))
    return lesson_take (arg, plain);
  g_autoptr (FsimCourse) course = fsim_cli_course ();
  guint i;
  if (course == NULL)
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_course_number ("lesson", arg, fsim_course_get_n_lessons (course), &i))
    {
      fprintf (stderr, "%s\n", _("A lesson file of your own is a path with a '/' or ending in "
                                 "'.lesson': flinksim lesson ./my.lesson"));
      return FSIM_EXIT_BAD_INPUT;
    }
  return lesson_take (fsim_course_get_lesson_path (course, i), plain);
}

static int
lesson_run (int argc, char **argv)
{
  gboolean plain = FALSE;
  GOptionEntry entries[] = {
    { "plain", 0, 0, G_OPTION_ARG_NONE, &plain,
      N_("print the lesson as text and read the answers from standard input"), NULL },
    { NULL }
  };
  const char *description =
    _("N is a lesson's number in 'flinksim lesson list'. FILE is a lesson file of your own\n"
      "(docs/lessons.md): an argument with a '/' or ending in '.lesson', such as\n"
      "./my.lesson; its job is inline or a job file beside it. Progress is not recorded\n"
      "for lessons, only for exercises.");
  if (!fsim_cli_parse_options_described (&fsim_cmd_lesson, entries, description, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (argc == 2 && g_str_equal (argv[1], "list"))
    return lesson_list ();
  if (argc == 3 && g_str_equal (argv[1], "check"))
    return lesson_check (argv[2]);
  if (argc == 2)
    return lesson_open (argv[1], plain);
  fprintf (stderr, _("flinksim lesson: expected list, N, FILE or check FILE\n"
                     "Try 'flinksim lesson --help'.\n"));
  return FSIM_EXIT_BAD_INPUT;
}

const FsimCommand fsim_cmd_lesson = {
  "lesson", N_("take the course: list the lessons, open lesson N or a lesson FILE, check a FILE"),
  "list | N [--plain] | FILE [--plain] | check FILE", lesson_run,
};
