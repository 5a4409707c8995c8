/* job-graph.c - PLACEHOLDER: the JobGraph API is fixed in graphs.h; the
 * generator (StreamingJobGraphGenerator) lands next. */
#include "config.h"

#include "graphs/graphs-private.h"

FsimJobGraph *
fsim_job_graph_new (const FsimStreamGraph *graph, const FsimConfig *config,
                    GError **error)
{
  g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
               "JobGraph generation not built yet");
  return NULL;
}

void
fsim_job_graph_free (FsimJobGraph *jg)
{
  g_assert (jg == NULL);
}
