/* cmd-trace.c - `flinksim trace JOB -o run.json`: the run for Perfetto.
 *
 * Simulates the job as `flinksim run` does and writes Chrome Trace Event
 * JSON (viz/trace-perfetto.c) that ui.perfetto.dev and chrome://tracing
 * open: a process per TaskManager with a track per subtask placed in its
 * slots, and the JobManager's scheduling steps as instant events. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "cli/run-options.h"

static int
trace_run (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  GOptionEntry entries[] = {
    FSIM_RUN_OPTION_ENTRIES (opts),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("write to FILE (default: standard output)"), "FILE" },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_trace, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_trace, argc))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_load_and_run (&opts, argv[1], &job);
  if (run == NULL)
    return FSIM_EXIT_BAD_INPUT;
  /* written event by event: the export never exists whole in memory */
  FILE *out = fsim_cli_open_output (output, &error);
  if (out == NULL)
    return fsim_cli_fail (error);
  g_autoptr (GError) write_error = NULL;
  gboolean written = fsim_viz_trace_perfetto_write (fsim_job_run_get_trace (run), out,
                                                    &write_error);
  if (!fsim_cli_close_output (out, output, written, write_error, &error))
    return fsim_cli_fail (error);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_trace = {
  "trace", N_("simulate the job and write Chrome/Perfetto trace JSON (-o run.json)"),
  "JOB", trace_run,
};
