/* parser.c - PLACEHOLDER until the job-language parser lands. */
#include "config.h"
#include "graphs/graphs-private.h"
FsimJob *
fsim_job_parse (const char *text, const char *filename, GError **error)
{
  fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, filename, text, 1, 1, 1, NULL,
                   "the job parser is not built yet");
  return NULL;
}
