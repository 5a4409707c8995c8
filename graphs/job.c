/* job.c - a job: its name, configuration, StreamGraph and fault plan.
 *
 * fsim_job_load decides by content: Flink's plan JSON starts with '{'
 * (plan-json.c), anything else is the job language (parser.c). */
#include "config.h"

#include "graphs/graphs-private.h"

FsimJob *
fsim_job_new (const char *filename)
{
  FsimJob *job = g_new0 (FsimJob, 1);
  job->name = g_strdup ("Flink Streaming Job");
  job->filename = g_strdup (filename);
  job->config = fsim_config_new ();
  job->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_fault_free);
  return job;
}

void
fsim_fault_free (FsimFault *fault)
{
  g_free (fault->operator_name);
  g_free (fault);
}

void
fsim_job_free (FsimJob *job)
{
  if (job == NULL)
    return;
  g_free (job->name);
  g_free (job->filename);
  g_free (job->source);
  fsim_config_free (job->config);
  fsim_stream_graph_free (job->stream_graph);
  g_ptr_array_unref (job->faults);
  g_free (job);
}

FsimJob *
fsim_job_load (const char *path, GError **error)
{
  return fsim_job_load_bounded (path, FSIM_INPUT_MAX_BYTES, error);
}

FsimJob *
fsim_job_load_bounded (const char *path, gsize max_bytes, GError **error)
{
  gsize length = 0;
  g_autofree char *text = fsim_input_read (path, max_bytes, FSIM_INPUT_TIMEOUT_MS,
                                           &length, error);
  if (text == NULL)
    return NULL;
  /* a NUL would silently end the text early */
  if (!fsim_text_check (text, (gssize) length, path, error))
    return NULL;
  const char *p = fsim_text_skip_bom (text);
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '{')
    return fsim_job_import_plan_json (text, path, error);
  return fsim_job_parse (text, path, error);
}

const char *
fsim_job_get_name (const FsimJob *job)
{
  return job->name;
}

const char *
fsim_job_get_filename (const FsimJob *job)
{
  return job->filename;
}

FsimConfig *
fsim_job_get_config (const FsimJob *job)
{
  return job->config;
}

FsimStreamGraph *
fsim_job_get_stream_graph (const FsimJob *job)
{
  return job->stream_graph;
}

GPtrArray *
fsim_job_get_faults (const FsimJob *job)
{
  return job->faults;
}
