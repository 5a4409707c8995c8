/* what-if.c - the TUI's what-if (x, X): the job simulated again with one
 * more fault (viz/tui-whatif.c asks; this file loads and runs).
 *
 * The fault is written as a job file writes it (fsim_fault_to_line) and
 * parsed with the job, after its own lines and the earlier what-ifs', so
 * it is checked as any `at` line is (docs/job-language.md, Faults). A task
 * is named by one of its operators (fsim_job_vertex_fault_name: a fault's
 * operator must be unique); the time is the cursor's, to the microsecond. */
#include "config.h"

#include <inttypes.h>

#include "cli/run-options.h"

char *
fsim_what_if_fault_line (const FsimJobGraph *jg, const FsimVizWhatIf *what, GError **error)
{
  FsimFault f = { .at_us = what->at_us, .subtask = -1, .taskmanager = what->taskmanager };
  if (what->kill_taskmanager)
    {
      f.kind = FSIM_FAULT_KILL_TASKMANAGER;
      return fsim_fault_to_line (&f);
    }
  GPtrArray *vs = fsim_job_graph_get_vertices_topological (jg);
  g_return_val_if_fail (what->vertex >= 0 && (guint) what->vertex < vs->len, NULL);
  const FsimJobVertex *v = g_ptr_array_index (vs, what->vertex);
  const char *name = fsim_job_vertex_fault_name (jg, v);
  if (name == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("every operator of %s shares its name with another, and a fault names "
                     "one operator: give one a name of its own with .name(\"…\")"), v->name);
      return NULL;
    }
  f.kind = FSIM_FAULT_FAIL_TASK;
  f.operator_name = (char *) name;
  f.subtask = what->subtask;
  return fsim_fault_to_line (&f);
}

FsimTrace *
fsim_what_if_fork (const FsimVizWhatIf *what, char **fault, gpointer data, GError **error)
{
  const FsimWhatIfSource *src = data;
  g_autofree char *line = fsim_what_if_fault_line (src->job_graph, what, error);
  if (line == NULL)
    return NULL;
  g_autoptr (GPtrArray) faults = g_ptr_array_new ();
  for (int i = 0; what->earlier && what->earlier[i]; i++)
    g_ptr_array_add (faults, (gpointer) what->earlier[i]);
  g_ptr_array_add (faults, line);
  g_ptr_array_add (faults, NULL);
  g_autoptr (FsimJob) job = fsim_run_options_with_faults (src->job,
                                                          (const char *const *) faults->pdata,
                                                          error);
  if (job == NULL)
    return NULL;
  g_autoptr (FsimJobRun) run = fsim_run_options_run (src->opts, job, error);
  if (run == NULL)
    return NULL;
  *fault = g_steal_pointer (&line);
  return fsim_trace_ref (fsim_job_run_get_trace (run));
}

void
fsim_what_if_source_clear (FsimWhatIfSource *src)
{
  g_clear_pointer (&src->probe_run, fsim_job_run_free);
  g_clear_pointer (&src->probe_job, fsim_job_free);
  g_clear_pointer (&src->probe_faults, g_free);
}

/* A run of the job with faults, stepped to nothing yet. */
static gboolean
probe_start (FsimWhatIfSource *src, const char *const *faults, const char *key, GError **error)
{
  fsim_what_if_source_clear (src);
  if (faults[0])
    {
      src->probe_job = fsim_run_options_with_faults (src->job, faults, error);
      if (src->probe_job == NULL)
        return FALSE;
    }
  gint64 until;
  src->probe_run = fsim_run_options_new_run (src->opts, src->probe_job ? src->probe_job
                                                                      : src->job, &until, error);
  if (src->probe_run == NULL)
    return FALSE;
  src->probe_faults = g_strdup (key);
  src->probe_first = 0;
  return TRUE;
}

GArray *
fsim_what_if_probe (const char *const *faults, gint64 seq, gpointer data, GError **error)
{
  FsimWhatIfSource *src = data;
  g_autofree char *key = g_strjoinv ("\n", (char **) faults);
  /* the same run at or before the state asked for: it goes on from there */
  gboolean goes_on = src->probe_run && g_strcmp0 (key, src->probe_faults) == 0
                     && (seq >= fsim_trace_count (fsim_job_run_get_trace (src->probe_run))
                         || seq >= src->probe_first);
  if (!goes_on && !probe_start (src, faults, key, error))
    return NULL;
  if (!fsim_job_run_step_to_record (src->probe_run, seq, &src->probe_first))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("the run simulated again ends before record %" PRId64), seq);
      return NULL;
    }
  return fsim_job_run_channels (src->probe_run);
}
