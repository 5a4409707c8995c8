/* cmd-graph.c - `flinksim graph JOB --level L --format F`: Flink's graphs. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"

typedef GBytes *(*GraphView) (const FsimJob *job, FsimFormat format, GError **error);

/* full: what --full shows, where it differs (NULL: the same view). */
static const struct {
  const char *level;
  GraphView view, full;
  const char *doc;
} levels[] = {
  { "stream", fsim_viz_stream_graph, NULL, N_("the StreamGraph: one node per operator") },
  { "job", fsim_viz_job_graph, NULL, N_("the JobGraph: one vertex per operator chain") },
  { "execution", fsim_viz_execution_graph, fsim_viz_execution_graph_full,
    N_("the ExecutionGraph: every subtask and partition") },
  { "regions", fsim_viz_regions, NULL,
    N_("pipelined regions: subtasks scheduled and restarted together") },
  { "slot-sharing", fsim_viz_slot_sharing, NULL, N_("shared slots: which subtasks run in one slot") },
  { "slots", fsim_viz_slots, NULL, N_("TaskManagers, their slots and the subtasks deployed there") },
};

static int
graph_run (int argc, char **argv)
{
  g_autofree char *level = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  gboolean full = FALSE;
  g_auto (GStrv) defines = NULL;
  GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level,
      N_("stream (default), job, execution, regions, slot-sharing, slots"), "LEVEL" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("text (default), json, dot, svg, png"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE"), "FILE" },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("lay out svg or png however large (above 500 Graphviz nodes or 1500 edges it can take "
         "minutes), and list every subtask in the execution text (above 16 a vertex, alike "
         "subtasks are shown as ranges)"),
      NULL },
    FSIM_CLI_DEFINE_ENTRY (defines),
    { NULL }
  };
  if (!fsim_cli_parse_options (&fsim_cmd_graph, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_graph, argc))
    return FSIM_EXIT_BAD_INPUT;
  FsimFormat format = FSIM_FORMAT_TEXT;
  if (format_name && !fsim_format_from_name (format_name, &format))
    {
      fprintf (stderr, _("flinksim graph: unknown format '%s' (text, json, dot, svg, png)\n"),
               format_name);
      return FSIM_EXIT_BAD_INPUT;
    }
  GraphView view = NULL;
  const char *names[G_N_ELEMENTS (levels) + 1];
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      names[i] = levels[i].level;
      if (g_strcmp0 (level ? level : "stream", levels[i].level) == 0)
        view = full && levels[i].full ? levels[i].full : levels[i].view;
    }
  names[G_N_ELEMENTS (levels)] = NULL;
  if (view == NULL)
    {
      const char *near = fsim_suggest (level, names);
      if (near)
        fprintf (stderr, _("flinksim graph: unknown level '%s'; did you mean '%s'?\n"),
                 level, near);
      else
        fprintf (stderr, _("flinksim graph: unknown level '%s'\n"), level);
      return FSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_cli_load_job (argv[1], defines, &error);
  if (job == NULL)
    return fsim_cli_fail (error);
  /* --full: the DOT text, which is not bounded, laid out here */
  gboolean layout = format == FSIM_FORMAT_SVG || format == FSIM_FORMAT_PNG;
  g_autoptr (GBytes) dot = full && layout ? view (job, FSIM_FORMAT_DOT, &error) : NULL;
  if (full && layout && dot == NULL)
    return fsim_cli_fail (error);
  g_autoptr (GBytes) bytes = dot ? fsim_viz_layout_dot (dot, format, &error)
                                 : view (job, format, &error);
  if (bytes == NULL || !fsim_cli_write_output (bytes, output, &error))
    return fsim_cli_fail (error);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_graph = {
  "graph", N_("show the StreamGraph, JobGraph, ExecutionGraph, regions or slots"),
  "JOB", graph_run,
};
