/* cmd-compare.c - `flinksim compare A B` or `flinksim compare JOB --set
 * KEY=VALUE…`: two runs and what differs between them (lessons/compare.c).
 * Exit 0 whether or not they differ (the differences are the output), 2 on
 * bad input (issue 18). With --tui both runs open in the TUI, run A on
 * screen, w flipping to run B at the same simulated time
 * (viz/tui-whatif.c keeps them as it keeps a what-if). */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"

/* Both runs in the TUI: run A on screen, w flips to run B. */
static int
compare_tui (const FsimJob *a, const FsimJob *b, const char *name_a, const char *name_b)
{
  g_autoptr (GError) error = NULL;
  /* before simulating: no point running jobs nobody can look at */
  if (!fsim_viz_tui_available (&error))
    {
      fprintf (stderr, "flinksim compare: %s\n", error->message);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (FsimCompareRun) ra = fsim_compare_run_new (a, name_a, &error);
  g_autoptr (FsimCompareRun) rb = ra ? fsim_compare_run_new (b, name_b, &error) : NULL;
  if (rb == NULL)
    return fsim_cli_fail (error);
  if (!fsim_viz_tui_run_compare (fsim_compare_run_get_viz (ra), fsim_compare_run_get_viz (rb),
                                 fsim_job_get_name (a), &error))
    {
      fprintf (stderr, "flinksim compare: %s\n", error->message);
      return FSIM_EXIT_BAD_INPUT;
    }
  return FSIM_EXIT_OK;
}

static int
compare_run (int argc, char **argv)
{
  g_auto (GStrv) sets = NULL;
  gboolean tui = FALSE;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("run B is JOB with this configuration key changed (repeatable)"), "KEY=VALUE" },
    { "tui", 0, 0, G_OPTION_ARG_NONE, &tui,
      N_("open both runs in the TUI: w flips between them at the same simulated time"), NULL },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_compare, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!((argc == 3 && sets == NULL) || (argc == 2 && sets)))
    {
      fprintf (stderr, _("flinksim compare: expected two JOB files, or one JOB and --set "
                         "KEY=VALUE\nTry 'flinksim compare --help'.\n"));
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  const char *path_b = argc == 3 ? argv[2] : argv[1];
  g_autoptr (FsimJob) a = fsim_job_load (argv[1], &error);
  g_autoptr (FsimJob) b = a ? fsim_job_load (path_b, &error) : NULL;
  if (b && !fsim_compare_apply_sets (b, (const char *const *) sets, &error))
    g_prefix_error (&error, "flinksim compare: ");
  if (b == NULL || error)
    return fsim_cli_fail (error);
  g_autofree char *set_text = sets ? g_strjoinv (" --set ", sets) : NULL;
  g_autofree char *name_b = sets ? g_strdup_printf ("%s --set %s", path_b, set_text)
    : g_strdup (path_b);
  if (tui)
    return compare_tui (a, b, argv[1], name_b);
  g_autofree char *text = fsim_compare_jobs (a, b, argv[1], name_b, &error);
  if (text == NULL)
    return fsim_cli_fail (error);
  fputs (text, stdout);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_compare = {
  "compare", N_("simulate two runs and show what differs (restarts, status, backpressure)"),
  "A B | JOB --set KEY=VALUE [--tui]", compare_run,
};
