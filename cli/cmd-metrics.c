/* cmd-metrics.c - `flinksim metrics JOB [--at T] [--format text|json|csv]`:
 * every subtask's task metrics per second of simulated time.
 *
 * Simulates the job as `flinksim run` does and prints the metric samples
 * of its trace (viz/metrics-view.c) with Flink's metric names and the REST
 * API's backpressure level, for reading, spreadsheets and plots. --at T
 * keeps the samples of one second: T is whole seconds ("30") or a
 * duration ("30 s", "1 min"). A run without samples says so on stderr and
 * exits 0: that is an answer, not an error. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/run-options.h"

#define US_PER_S G_GINT64_CONSTANT (1000000)

/* Whole seconds, bare ("30") or with a unit ("30 s", "1 min", "30000 ms"). */
static gboolean
parse_at (const char *text, gint64 *at_s)
{
  guint64 n;
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64 / US_PER_S, &n, NULL))
    {
      *at_s = (gint64) n;
      return TRUE;
    }
  gint64 us;
  if (!g_ascii_isdigit (*text) || !fsim_duration_parse (text, &us, NULL) || us < 0
      || us % US_PER_S != 0)
    return FALSE;
  *at_s = us / US_PER_S;
  return TRUE;
}

static int
metrics_run (int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *at = NULL;
  g_auto (FsimRunOptions) opts = FSIM_RUN_OPTIONS_INIT;
  GOptionEntry entries[] = {
    FSIM_RUN_OPTION_ENTRIES (opts),
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("only the samples of second T of simulated time, e.g. 30 or \"1 min\""), "T" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("text (default), json or csv"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("write to FILE (default: standard output)"), "FILE" },
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_metrics, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_metrics, argc))
    return FSIM_EXIT_BAD_INPUT;
  FsimVizMetricsFormat format = FSIM_VIZ_METRICS_TEXT;
  if (format_name && !fsim_viz_metrics_format_from_name (format_name, &format))
    {
      fprintf (stderr, _("flinksim metrics: unknown format '%s' (text, json, csv)\n"),
               format_name);
      return FSIM_EXIT_BAD_INPUT;
    }
  gint64 at_s = -1;
  if (at && !parse_at (at, &at_s))
    {
      fprintf (stderr, _("flinksim metrics: --at '%s': expected a whole second of simulated "
                         "time, e.g. 30 or \"1 min\"\n"), at);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (FsimJob) job = NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_load_and_run (&opts, argv[1], &job);
  if (run == NULL)
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  FsimTrace *trace = fsim_job_run_get_trace (run);
  if (!fsim_viz_metrics_any (trace, at_s, &error))
    {
      fprintf (stderr, "flinksim metrics: %s\n", error->message);
      return FSIM_EXIT_OK;
    }
  /* written a simulated second at a time: never whole in memory */
  FILE *out = fsim_cli_open_output (output, &error);
  if (out == NULL)
    return fsim_cli_fail (error);
  g_autoptr (GError) write_error = NULL;
  gboolean written = fsim_viz_metrics_write (trace, at_s, format, out, &write_error);
  if (!fsim_cli_close_output (out, output, written, write_error, &error))
    return fsim_cli_fail (error);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_metrics = {
  "metrics", N_("simulate the job and print every subtask's task metrics per second"),
  "JOB", metrics_run,
};
