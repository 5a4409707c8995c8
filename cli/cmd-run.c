/* cmd-run.c - `flinksim run JOB`: simulate the job and print its trace.
 *
 * The job runs on a fresh simulated cluster configured from the job file
 * (like MiniCluster.executeJob) until it is over or until --until /
 * sim.duration; every record of the trace is printed, optionally filtered:
 *   --filter subtask=N | subtask="Map (2/4)"   one subtask (0-based N)
 *   --filter vertex=NAME | vertex=N            one JobVertex (name or index)
 *   --filter taskmanager=N                     1-based
 *   --filter kind=NAME                         a record kind
 * Several filters must all match. --kinds lists every record kind instead. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/run-options.h"

/* --kinds: the descriptors of every writer, as a run registers them. */
static int
list_kinds (const FsimCommand *cmd, int argc, const char *output)
{
  if (argc > 1)
    {
      fprintf (stderr, _("flinksim %s: --kinds takes no JOB\n"), cmd->name);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  g_autoptr (GBytes) bytes = fsim_viz_trace_kinds (trace);
  g_autoptr (GError) error = NULL;
  if (!fsim_cli_write_output (bytes, output, &error))
    return fsim_cli_fail (error);
  return FSIM_EXIT_OK;
}

static int
run_run (int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_auto (GStrv) filters = NULL;
  gboolean kinds = FALSE;
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  GOptionEntry entries[] = {
    FSIM_RUN_OPTION_ENTRIES (opts),
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("text (default) or jsonl"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE"), "FILE" },
    { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &filters,
      N_("subtask=N|NAME, vertex=NAME|N, taskmanager=N or kind=NAME (repeatable)"), "F" },
    { "kinds", 0, 0, G_OPTION_ARG_NONE, &kinds,
      N_("list every record kind a run can write, with what it says, and exit"), NULL },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_run, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (kinds)
    return list_kinds (&fsim_cmd_run, argc, output);
  if (!fsim_cli_expect_one_job (&fsim_cmd_run, argc))
    return FSIM_EXIT_BAD_INPUT;
  FsimFormat format = FSIM_FORMAT_TEXT;
  if (format_name && (!fsim_format_from_name (format_name, &format)
                      || (format != FSIM_FORMAT_TEXT && format != FSIM_FORMAT_JSONL)))
    {
      fprintf (stderr, _("flinksim run: unknown format '%s' (text, jsonl)\n"), format_name);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_load_and_run (&opts, argv[1], &job);
  if (run == NULL)
    return FSIM_EXIT_BAD_INPUT;
  fsim_cli_warn_config (job);
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  if (!fsim_run_options_parse_filters (run, (const char *const *) filters, &filter, &error))
    return fsim_cli_fail (error);
  /* written record by record: the log never exists whole in memory */
  FILE *out = fsim_cli_open_output (output, &error);
  if (out == NULL)
    return fsim_cli_fail (error);
  g_autoptr (GError) write_error = NULL;
  gboolean written = fsim_viz_trace_log_write (fsim_job_run_get_trace (run), &filter, format,
                                               out, &write_error);
  if (!fsim_cli_close_output (out, output, written, write_error, &error))
    return fsim_cli_fail (error);
  gint64 hidden = fsim_viz_trace_log_hidden (fsim_job_run_get_trace (run), &filter, format);
  if (hidden > 0)
    g_printerr (ngettext ("flinksim run: %" PRId64 " metric sample record not shown: "
                          "flinksim metrics shows them, or --filter kind=task-time-metrics "
                          "and the like\n",
                          "flinksim run: %" PRId64 " metric sample records not shown: "
                          "flinksim metrics shows them, or --filter kind=task-time-metrics "
                          "and the like\n", (unsigned long) hidden), hidden);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_run = {
  "run", N_("simulate the job and print its trace, each step with its why"),
  "JOB", run_run,
};
