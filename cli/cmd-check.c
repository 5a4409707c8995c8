/* cmd-check.c - `flinksim check JOB`: parse and validate, print a summary. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"

static int
check_run (int argc, char **argv)
{
  if (!fsim_cli_parse_options (&fsim_cmd_check, NULL, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_check, argc))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_load (argv[1], &error);
  if (job == NULL)
    return fsim_cli_fail (error);

  FsimStreamGraph *sg = fsim_job_get_stream_graph (job);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (sg);
  guint edges = 0;
  for (guint i = 0; i < nodes->len; i++)
    edges += ((FsimStreamNode *) g_ptr_array_index (nodes, i))->out_edges->len;
  printf (_("%s: ok: job \"%s\", StreamGraph with %u nodes and %u edges, %u faults\n"),
          fsim_job_get_filename (job), fsim_job_get_name (job), nodes->len, edges,
          fsim_job_get_faults (job)->len);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_check = {
  "check", N_("parse and validate a job, print a summary"), "JOB", check_run,
};
