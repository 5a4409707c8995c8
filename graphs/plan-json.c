/* plan-json.c - PLACEHOLDER until plan JSON import/export lands. */
#include "config.h"
#include "graphs/graphs-private.h"
FsimJob *
fsim_job_import_plan_json (const char *text, const char *filename, GError **error)
{
  fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, filename, text, 1, 1, 1, NULL,
                   "plan JSON import is not built yet");
  return NULL;
}
