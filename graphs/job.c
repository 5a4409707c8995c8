/* job.c - PLACEHOLDER until the job-language parser lands. */
#include "config.h"

#include "graphs/graphs-private.h"

FsimJob *
fsim_job_load (const char *path, GError **error)
{
  g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_IO,
               "%s: the job parser is not built yet", path);
  return NULL;
}

void fsim_job_free (FsimJob *job) { (void) job; }
const char *fsim_job_get_name (const FsimJob *job) { return NULL; }
const char *fsim_job_get_filename (const FsimJob *job) { return NULL; }
FsimStreamGraph *fsim_job_get_stream_graph (const FsimJob *job) { return NULL; }
GPtrArray *fsim_job_get_faults (const FsimJob *job) { return NULL; }
