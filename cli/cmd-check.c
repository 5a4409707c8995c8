/* cmd-check.c - `flinksim check JOB`: parse and validate, print a summary.
 *
 * Besides the configuration's warnings (as Flink logs them), check warns
 * where a job will surprise a learner: an event-time window with no
 * WatermarkStrategy before it, a side output nothing sends to, watermark
 * alignment where Flink ignores it. (Settings that were accepted without
 * effect were warned about here too, until checkpoints and the decline
 * fault were simulated.) */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* Does any node upstream of n (n itself included) assign timestamps and
 * watermarks? Depth first over the in-edges, each node once. */
static gboolean
has_watermarks_upstream (const FsimStreamNode *n, GHashTable *seen)
{
  if (!g_hash_table_add (seen, (gpointer) n))
    return FALSE;
  if (n->watermarks.kind != FSIM_WATERMARKS_NONE)
    return TRUE;
  for (guint i = 0; i < n->in_edges->len; i++)
    if (has_watermarks_upstream (((const FsimStreamEdge *) g_ptr_array_index (n->in_edges, i))->source,
                                 seen))
      return TRUE;
  return FALSE;
}

/* An event-time window with no WatermarkStrategy before it never fires
 * (until the end of input's Long.MAX_VALUE): the most asked Flink
 * question, warned at the window. */
static void
warn_windows_without_watermarks (const FsimJob *job)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  /* the text as parsed: reading the file again would block on a FIFO whose
   * writer has gone, and could show a file changed since */
  const char *source = fsim_job_get_source (job);
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (nodes, i);
      if (!n->window.event_time)
        continue;
      g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
      if (has_watermarks_upstream (n, seen))
        continue;
      g_autofree char *text = fsim_diagnostic_warning (
        fsim_job_get_filename (job), source, &n->window.site,
        _("give its input timestamps and watermarks: assignTimestampsAndWatermarks("
          "WatermarkStrategy.forBoundedOutOfOrderness(…)) or fromSource(…, a WatermarkStrategy, …)"),
        _("%s is an event-time window, but no WatermarkStrategy comes before it: its "
          "watermark stays at Long.MIN_VALUE and it fires only at the end of input"), n->name);
      fputs (text, stderr);
    }
}

/* getSideOutput(tag) on an operator that never sends to tag reads an
 * empty stream: Flink accepts it (OutputTag ids are only compared when a
 * record is sent). Only a window's sideOutputLateData sends to a side
 * output here, so a tag that is not its late data tag is warned at the
 * getSideOutput call. */
static void
warn_side_outputs_never_sent (const FsimJob *job)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  const char *source = fsim_job_get_source (job);
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (nodes, i);
      for (guint k = 0; k < n->out_edges->len; k++)
        {
          const FsimStreamEdge *e = g_ptr_array_index (n->out_edges, k);
          if (e->output_tag == NULL || e->output_tag == n->window.late_tag
              || e->side_output_site.line == 0)
            continue;
          g_autofree char *hint = n->window.late_tag
            ? g_strdup_printf (_("its late data goes to \"%s\" (sideOutputLateData)"),
                               n->window.late_tag)
            : g_strdup (_("a window sends its late records to a side output with "
                          ".sideOutputLateData(\"tag\") before its function"));
          g_autofree char *text = fsim_diagnostic_warning (
            fsim_job_get_filename (job), source, &e->side_output_site, hint,
            _("getSideOutput(\"%s\") reads a side output that %s never sends to: the stream "
              "stays empty"), e->output_tag, n->name);
          fputs (text, stderr);
        }
    }
}

/* withWatermarkAlignment on a WatermarkStrategy that is not a FLIP-27
 * source's: Flink ignores it ("It does not work for legacy or if applied
 * after the source via DataStream#assignTimestampsAndWatermarks",
 * generating_watermarks.md); SourceOperator alone reads the parameters. */
static void
warn_alignment_ignored (const FsimJob *job)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  const char *source = fsim_job_get_source (job);
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (nodes, i);
      if (n->watermarks.alignment_group == NULL || n->in_edges->len == 0)
        continue;
      g_autofree char *text = fsim_diagnostic_warning (
        fsim_job_get_filename (job), source, &n->watermarks.alignment_site,
        _("give the strategy to the source: env.fromSource(source, WatermarkStrategy…"
          ".withWatermarkAlignment(…), \"name\")"),
        _("watermark alignment only works on a FLIP-27 source: after the source, in "
          "assignTimestampsAndWatermarks, Flink ignores it and no source pauses"));
      fputs (text, stderr);
    }
}

static int
check_run (int argc, char **argv)
{
  g_auto (GStrv) defines = NULL;
  GOptionEntry entries[] = { FSIM_CLI_DEFINE_ENTRY (defines), { NULL } };
  if (!fsim_cli_parse_options (&fsim_cmd_check, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_check, argc))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_cli_load_job (argv[1], defines, &error);
  if (job == NULL)
    return fsim_cli_fail (error);

  FsimStreamGraph *sg = fsim_job_get_stream_graph (job);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (sg);
  guint edges = 0;
  for (guint i = 0; i < nodes->len; i++)
    edges += ((FsimStreamNode *) g_ptr_array_index (nodes, i))->out_edges->len;
  fsim_cli_warn_config (job);
  warn_windows_without_watermarks (job);
  warn_side_outputs_never_sent (job);
  warn_alignment_ignored (job);
  guint faults = fsim_job_get_faults (job)->len;
  g_autofree char *n_nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", nodes->len),
                                              nodes->len);
  g_autofree char *n_edges = g_strdup_printf (ngettext ("%u edge", "%u edges", edges), edges);
  g_autofree char *n_faults = g_strdup_printf (ngettext ("%u fault", "%u faults", faults), faults);
  /* TRANSLATORS: the counts are "4 nodes", "3 edges", "1 fault" */
  printf (_("%s: ok: job \"%s\", StreamGraph with %s and %s, %s\n"),
          fsim_job_get_filename (job), fsim_job_get_name (job), n_nodes, n_edges, n_faults);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_check = {
  "check", N_("parse and validate a job; warn where it sets what has no effect yet"),
  "JOB", check_run,
};
