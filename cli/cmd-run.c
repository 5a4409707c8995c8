/* cmd-run.c - `flinksim run JOB`: simulate the job and print its trace.
 *
 * The job runs on a fresh simulated cluster configured from the job file
 * (like MiniCluster.executeJob) until it is over or until --until /
 * sim.duration; every record of the trace is printed, optionally filtered:
 *   --filter subtask=N | subtask="Map (2/4)"   one subtask (0-based N)
 *   --filter vertex=NAME | vertex=N            one JobVertex (name or index)
 *   --filter taskmanager=N                     1-based
 *   --filter kind=NAME                         a record kind
 * Several filters must all match. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/run-options.h"

static int
run_run (int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_auto (GStrv) filters = NULL;
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  GOptionEntry entries[] = {
    FSIM_RUN_OPTION_ENTRIES (opts),
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "text (default) or jsonl", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "write to FILE", "FILE" },
    { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &filters,
      "subtask=N|NAME, vertex=NAME|N, taskmanager=N or kind=NAME (repeatable)", "F" },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_run, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_run, argc))
    return FSIM_EXIT_BAD_INPUT;
  FsimFormat format = FSIM_FORMAT_TEXT;
  if (format_name && (!fsim_format_from_name (format_name, &format)
                      || (format != FSIM_FORMAT_TEXT && format != FSIM_FORMAT_JSONL)))
    {
      fprintf (stderr, "flinksim run: unknown format '%s' (text, jsonl)\n", format_name);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_load_and_run (&opts, argv[1], &job);
  if (run == NULL)
    return FSIM_EXIT_BAD_INPUT;
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
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_run = {
  "run", "simulate the job and print its trace, each step with its why",
  "JOB", run_run,
};
