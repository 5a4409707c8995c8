/* run-options.c - --seed, --until and --filter for the simulating commands. */
#include "config.h"

#include <inttypes.h>

#include <stdlib.h>
#include <string.h>

#include "cli/run-options.h"

void
fsim_run_options_clear (FsimRunOptions *opts)
{
  g_clear_pointer (&opts->seed, g_free);
  g_clear_pointer (&opts->until, g_free);
  g_clear_pointer (&opts->defines, g_strfreev);
  g_clear_pointer (&opts->details, g_strfreev);
  g_clear_pointer (&opts->faults, g_strfreev);
}

/* The job again with the --fault lines after its own text: they are
 * parsed, checked and placed as the file's `at` lines are (an error
 * points past the file's last line, at the fault given). */
FsimJob *
fsim_run_options_with_faults (const FsimJob *job, const char *const *faults, GError **error)
{
  const char *source = fsim_job_get_source (job);
  if (source == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("flinksim: --fault needs a job file; %s is a Flink plan, which has no "
                     "faults"), fsim_job_get_filename (job));
      return NULL;
    }
  g_autoptr (GString) text = g_string_new (source);
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  g_string_append (text, "# --fault\n");
  for (int i = 0; faults[i]; i++)
    g_string_append_printf (text, "%s\n", faults[i]);
  return fsim_job_parse (text->str, fsim_job_get_filename (job), error);
}

FsimJobRun *
fsim_run_options_load_and_run (const FsimRunOptions *opts, const char *path,
                               FsimJob **job_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_cli_load_job (path, opts->defines, &error);
  if (job && opts->faults && opts->faults[0])
    {
      FsimJob *with = fsim_run_options_with_faults (job, (const char *const *) opts->faults, &error);
      g_clear_pointer (&job, fsim_job_free);
      job = with;
    }
  FsimJobRun *run = job ? fsim_run_options_run (opts, job, &error) : NULL;
  if (run == NULL)
    {
      fsim_cli_fail (error);
      return NULL;
    }
  *job_out = g_steal_pointer (&job);
  return run;
}

FsimJobRun *
fsim_run_options_run (const FsimRunOptions *opts, const FsimJob *job, GError **error)
{
  gint64 until;
  FsimJobRun *run = fsim_run_options_new_run (opts, job, &until, error);
  if (run)
    fsim_job_run_run (run, until);
  return run;
}

/* --detail, repeated or comma-separated: "buffers", "event-time". */
static gboolean
parse_details (char **details, gboolean *buffers, gboolean *event_time, GError **error)
{
  static const char *const names[] = { "buffers", "event-time", NULL };
  for (char **d = details; d && *d; d++)
    {
      g_auto (GStrv) parts = g_strsplit (*d, ",", -1);
      for (char **p = parts; *p; p++)
        {
          g_strstrip (*p);
          if (strcmp (*p, "buffers") == 0)
            *buffers = TRUE;
          else if (strcmp (*p, "event-time") == 0)
            *event_time = TRUE;
          else
            {
              const char *near = fsim_suggest (*p, names);
              g_autofree char *hint = near ? g_strdup_printf (_("; did you mean '%s'?"), near)
                                           : g_strdup ("");
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("flinksim: --detail '%s': no such detail; the details are "
                             "'buffers' and 'event-time' (repeat --detail or separate them "
                             "with commas)%s"), *p, hint);
              return FALSE;
            }
        }
    }
  return TRUE;
}

FsimJobRun *
fsim_run_options_new_run (const FsimRunOptions *opts, const FsimJob *job, gint64 *until_out,
                          GError **error)
{
  gint64 until = -1;
  if (opts->until)
    {
      g_autoptr (GError) local = NULL;
      if (!fsim_duration_parse (opts->until, &until, &local))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("flinksim: --until '%s': %s"), opts->until, local->message);
          return NULL;
        }
    }
  gint64 seed = -1;
  if (opts->seed)
    {
      guint64 v;
      /* sim.seed's range: a whole number from 0 to 2^63-1 */
      if (!g_ascii_string_to_unsigned (opts->seed, 10, 0, G_MAXINT64, &v, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("flinksim: --seed '%s': expected a whole number from 0 to %"
                         PRId64), opts->seed, G_MAXINT64);
          return NULL;
        }
      seed = (gint64) v;
    }
  gboolean buffers = FALSE, event_time = FALSE;
  if (!parse_details (opts->details, &buffers, &event_time, error))
    return NULL;
  FsimJobRun *run = fsim_job_run_new (job, seed, error);
  if (run == NULL)
    return NULL;
  if (buffers)
    fsim_job_run_trace_buffers (run);
  if (event_time)
    fsim_job_run_trace_event_time (run);
  *until_out = until;
  return run;
}

/* Digits only: TRUE and *out, or FALSE. Digits beyond gint32 (the trace's
 * index fields) give *out = -1 and TRUE, so the caller can say "out of
 * range" rather than truncate the number to another index (issue 9: 2^32+1
 * showed subtask 1). */
static gboolean
parse_index (const char *text, gint64 *out)
{
  if (!g_ascii_isdigit (*text))
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  guint64 v;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &v, NULL))
    *out = -1;
  else
    *out = (gint64) v;
  return TRUE;
}

static gboolean
bad (GError **error, const char *filter, const char *problem, const char *near)
{
  if (near)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("flinksim: --filter %s: %s; did you mean '%s'?"), filter, problem, near);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("flinksim: --filter %s: %s"), filter, problem);
  return FALSE;
}

/* A JobVertex by its name, or by the name of an operator chained in it. */
static const FsimExecutionJobVertex *
find_vertex (const FsimExecutionGraph *eg, const char *name)
{
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (eg);
  for (guint i = 0; i < jvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, i);
      if (g_strcmp0 (ejv->job_vertex->name, name) == 0)
        return ejv;
    }
  for (guint i = 0; i < jvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, i);
      GPtrArray *ops = ejv->job_vertex->operators;
      for (guint k = 0; ops && k < ops->len; k++)
        if (g_strcmp0 (((FsimStreamNode *) g_ptr_array_index (ops, k))->name, name) == 0)
          return ejv;
    }
  return NULL;
}

static const char *
nearest_vertex (const FsimExecutionGraph *eg, const char *name)
{
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (eg);
  g_autofree const char **names = g_new0 (const char *, jvs->len + 1);
  for (guint i = 0; i < jvs->len; i++)
    names[i] = ((const FsimExecutionJobVertex *) g_ptr_array_index (jvs, i))->job_vertex->name;
  return fsim_suggest (name, names);
}

static gboolean
parse_vertex (FsimJobRun *run, const char *f, const char *value, FsimTraceFilter *filter,
              GError **error)
{
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (run);
  gint64 n;
  if (parse_index (value, &n))
    {
      if (n < 0 || n >= fsim_execution_graph_get_job_vertices (eg)->len)
        return bad (error, f, _("no JobVertex with that index"), NULL);
      filter->vertex = (gint32) n;
      return TRUE;
    }
  const FsimExecutionJobVertex *ejv = find_vertex (eg, value);
  if (ejv == NULL)
    return bad (error, f, _("no such JobVertex"), nearest_vertex (eg, value));
  filter->vertex = ejv->index;
  return TRUE;
}

static gboolean
parse_subtask (FsimJobRun *run, const char *f, const char *value, FsimTraceFilter *filter,
               GError **error)
{
  gint64 n;
  if (parse_index (value, &n))
    {
      /* an index no vertex has would match nothing: refused, saying why */
      GPtrArray *jvs = fsim_execution_graph_get_job_vertices (
        fsim_job_run_get_execution_graph (run));
      int widest = 0;
      for (guint i = 0; i < jvs->len; i++)
        widest = MAX (widest, ((const FsimExecutionJobVertex *)
                               g_ptr_array_index (jvs, i))->parallelism);
      if (n < 0 || n >= widest)
        {
          g_autofree char *problem = g_strdup_printf (
            _("no subtask has that index: subtasks are numbered from 0, and the highest "
              "parallelism is %d (subtask=%d at most)"), widest, widest - 1);
          return bad (error, f, problem, NULL);
        }
      filter->subtask = (gint32) n;
      return TRUE;
    }
  /* "Map (2/4)", or "Map (2/4)#0" as the log shows it */
  g_autofree char *name = g_strdup (value);
  char *hash = strrchr (name, '#');
  if (hash && hash > name && hash[-1] == ')')
    *hash = '\0';
  GPtrArray *vs = fsim_execution_graph_get_vertices (fsim_job_run_get_execution_graph (run));
  g_autofree const char **names = g_new0 (const char *, vs->len + 1);
  for (guint i = 0; i < vs->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (vs, i);
      names[i] = v->name;
      if (g_strcmp0 (v->name, name) == 0)
        {
          filter->vertex = v->job_vertex->index;
          filter->subtask = v->subtask;
          return TRUE;
        }
    }
  return bad (error, f, _("no such subtask"), fsim_suggest (name, names));
}

gboolean
fsim_run_options_parse_filters (FsimJobRun *run, const char *const *filters,
                                FsimTraceFilter *filter, GError **error)
{
  static const char *const keys[] = { "subtask", "vertex", "taskmanager", "kind", NULL };
  for (const char *const *f = filters; f && *f; f++)
    {
      const char *eq = strchr (*f, '=');
      g_autofree char *key = eq ? g_strndup (*f, eq - *f) : g_strdup (*f);
      const char *value = eq ? eq + 1 : "";
      gint64 n;
      if (eq == NULL || !g_strv_contains (keys, key))
        return bad (error, *f, _("expected subtask=, vertex=, taskmanager= or kind="),
                    eq ? fsim_suggest (key, keys) : NULL);
      if (strcmp (key, "subtask") == 0)
        {
          if (!parse_subtask (run, *f, value, filter, error))
            return FALSE;
        }
      else if (strcmp (key, "vertex") == 0)
        {
          if (!parse_vertex (run, *f, value, filter, error))
            return FALSE;
        }
      else if (strcmp (key, "taskmanager") == 0)
        {
          if (!parse_index (value, &n) || n == 0)
            return bad (error, *f, _("a TaskManager number is 1, 2, …"), NULL);
          const FsimClusterSettings *s = fsim_job_run_get_settings (run);
          if (n < 0 || n > s->taskmanagers)
            {
              g_autofree char *problem = g_strdup_printf (
                _("no such TaskManager: the cluster has %d (sim.taskmanagers)"), s->taskmanagers);
              return bad (error, *f, problem, NULL);
            }
          filter->taskmanager = (gint32) n;
        }
      else
        {
          FsimTrace *trace = fsim_job_run_get_trace (run);
          FsimTraceKind kind = fsim_trace_kind_lookup (trace, value);
          if (kind == NULL)
            {
              guint count = fsim_trace_kind_count (trace);
              g_autofree const char **names = g_new0 (const char *, count + 1);
              for (guint k = 0; k < count; k++)
                names[k] = fsim_trace_kind_nth (trace, k)->name;
              return bad (error, *f, _("no such record kind"), fsim_suggest (value, names));
            }
          filter->kind = kind;
        }
    }
  return TRUE;
}
