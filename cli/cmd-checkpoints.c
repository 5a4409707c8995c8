/* cmd-checkpoints.c - `flinksim checkpoints JOB [--id N] [--format text|json]`:
 * the run's checkpoints as Flink's Web UI and REST API show them.
 *
 * Simulates the job as `flinksim run` does, then prints the coordinator's
 * CheckpointStatsTracker (viz/checkpoints-view.c): the history, counts
 * and summary, or with --id one checkpoint's per-subtask table and the
 * Gantt of its phases, slowest first, with why its last barrier came late.
 * A job without execution.checkpointing.interval has no coordinator: that
 * is said with the fix, exit 2. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/run-options.h"

/* The coordinator's views of checkpoints 1..n. (transfer container) */
static GArray *
collect (FsimCheckpointCoordinator *cc)
{
  guint n = fsim_checkpoint_coordinator_get_n_checkpoints (cc);
  GArray *views = g_array_sized_new (FALSE, FALSE, sizeof (FsimCheckpointStatsView), n);
  for (gint64 id = 1; id <= (gint64) n; id++)
    {
      FsimCheckpointStatsView v;
      gboolean known = fsim_checkpoint_coordinator_get_stats (cc, id, &v);
      g_assert (known);
      g_array_append_val (views, v);
    }
  return views;
}

static int
checkpoints_run (int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  gint64 id = 0;
  int width = 80;
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  GOptionEntry entries[] = {
    FSIM_RUN_OPTION_ENTRIES (opts),
    { "id", 0, 0, G_OPTION_ARG_INT64, &id,
      N_("one checkpoint: its subtasks and the Gantt of their phases"), "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("text (default) or json"),
      "FORMAT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("columns of the Gantt chart (default 80)"),
      "COLUMNS" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("write to FILE (default: standard output)"), "FILE" },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_checkpoints, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_checkpoints, argc))
    return FSIM_EXIT_BAD_INPUT;
  FsimVizCheckpointsFormat format = FSIM_VIZ_CHECKPOINTS_TEXT;
  if (format_name && !fsim_viz_checkpoints_format_from_name (format_name, &format))
    {
      fprintf (stderr, _("flinksim checkpoints: unknown format '%s' (text, json)\n"),
               format_name);
      return FSIM_EXIT_BAD_INPUT;
    }
  if (id < 0)
    {
      fprintf (stderr, _("flinksim checkpoints: --id %" PRId64 ": checkpoint ids start at 1\n"),
               id);
      return FSIM_EXIT_BAD_INPUT;
    }
  if (width < 40 || width > 1000)
    {
      fprintf (stderr, _("flinksim checkpoints: --width %d: between 40 and 1000 columns\n"),
               width);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_load_and_run (&opts, argv[1], &job);
  if (run == NULL)
    return FSIM_EXIT_BAD_INPUT;
  FsimCheckpointCoordinator *cc =
    fsim_cluster_get_checkpoint_coordinator (fsim_job_run_get_cluster (run));
  if (cc == NULL)
    {
      fprintf (stderr, _("flinksim checkpoints: %s does not checkpoint: "
                         "execution.checkpointing.interval is unset (or the job runs in BATCH "
                         "mode)\nadd 'set execution.checkpointing.interval = 5 s' or "
                         "env.enableCheckpointing(5 s) to the job\n"), argv[1]);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GArray) views = collect (cc);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = fsim_viz_checkpoints (views, fsim_job_run_get_execution_graph (run),
                                                   id, format, width, &error);
  if (bytes == NULL && g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY))
    {
      fprintf (stderr, "flinksim checkpoints: %s\n", error->message);
      return FSIM_EXIT_BAD_INPUT;
    }
  if (bytes == NULL || !fsim_cli_write_output (bytes, output, &error))
    return fsim_cli_fail (error);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_checkpoints = {
  "checkpoints", N_("simulate the job and print its checkpoints as Flink's Web UI shows them"),
  "JOB", checkpoints_run,
};
