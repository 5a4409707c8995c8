/* cmd-tui.c - `flinksim tui JOB`: simulate the job, then step through its
 * trace in the terminal (viz/tui*.c): timeline of subtasks by slot, the
 * JobGraph, each record with its why; forward and back like a debugger.
 *
 * The run happens first and completely (same options as `flinksim run`); the
 * TUI only moves a cursor over the recorded trace, and asks for another run
 * with one more fault when the learner presses x or X (what-if.c). Without a terminal it
 * says so and points to `flinksim run`, which prints the same trace. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "cli/run-options.h"

static int
tui_run (int argc, char **argv)
{
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  GOptionEntry entries[] = {
    FSIM_RUN_OPTION_ENTRIES (opts),
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_tui, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_tui, argc))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  /* before simulating: no point running a job nobody can look at */
  if (!fsim_viz_tui_available (&error))
    {
      fprintf (stderr, "flinksim tui: %s\n", error->message);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_load_and_run (&opts, argv[1], &job);
  if (run == NULL)
    return FSIM_EXIT_BAD_INPUT;
  const FsimJobGraph *jg =
    fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run));
  /* x / X re-run the job with one more fault: a Flink plan has no job
   * text to add it to, so no what-if */
  FsimWhatIfSource what_if = { .opts = &opts, .job = job, .job_graph = jg };
  gboolean has_text = fsim_job_get_source (job) != NULL;
  /* Enter's channels are exact at the cursor: the run simulated again to it */
  gboolean ok = fsim_viz_tui_run (fsim_job_run_get_trace (run), jg, fsim_job_get_name (job),
                                  has_text ? fsim_what_if_fork : NULL,
                                  fsim_what_if_probe, &what_if, &error);
  fsim_what_if_source_clear (&what_if);
  if (!ok)
    {
      fprintf (stderr, "flinksim tui: %s\n", error->message);
      return FSIM_EXIT_BAD_INPUT;
    }
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_tui = {
  "tui", N_("step through the simulated run in the terminal, forward and back"),
  "JOB", tui_run,
};
