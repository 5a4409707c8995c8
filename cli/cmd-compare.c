/* cmd-compare.c - `flinksim compare A B` or `flinksim compare JOB --set
 * KEY=VALUE…`: two runs and what differs between them (lessons/compare.c).
 * Exit 0 whether or not they differ (the differences are the output), 2 on
 * bad input (issue 18). */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"

static gboolean
apply_sets (FsimJob *job, char **sets, GError **error)
{
  for (char **s = sets; s && *s; s++)
    {
      g_auto (GStrv) kv = g_strsplit (*s, "=", 2);
      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("flinksim compare: --set %s: expected KEY=VALUE"), *s);
          return FALSE;
        }
      g_autoptr (GError) local = NULL;
      if (!fsim_config_set (fsim_job_get_config (job), g_strstrip (kv[0]), g_strstrip (kv[1]),
                            &local))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "flinksim compare: --set %s: %s", *s, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static int
compare_run (int argc, char **argv)
{
  g_auto (GStrv) sets = NULL;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("run B is JOB with this configuration key changed (repeatable)"), "KEY=VALUE" },
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
  if (b == NULL || !apply_sets (b, sets, &error))
    return fsim_cli_fail (error);
  g_autofree char *set_text = sets ? g_strjoinv (" ", sets) : NULL;
  g_autofree char *name_b = sets ? g_strdup_printf ("%s --set %s", path_b, set_text)
    : g_strdup (path_b);
  g_autofree char *text = fsim_compare_jobs (a, b, argv[1], name_b, &error);
  if (text == NULL)
    return fsim_cli_fail (error);
  fputs (text, stdout);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_compare = {
  "compare", N_("simulate two runs and show what differs (restarts, status, backpressure)"),
  "A B | JOB --set KEY=VALUE", compare_run,
};
