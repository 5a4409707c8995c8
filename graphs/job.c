/* job.c - a job: its name, configuration, StreamGraph and fault plan.
 *
 * fsim_job_load decides by content: Flink's plan JSON starts with '{'
 * (plan-json.c), anything else is the job language (parser.c). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

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

char *
fsim_fault_to_line (const FsimFault *fault)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "at %" PRId64 " us ", fault->at_us);
  switch (fault->kind)
    {
    case FSIM_FAULT_FAIL_TASK:
      /* the lexer's escapes: \" and \\ */
      g_string_append (s, "fail \"");
      for (const char *p = fault->operator_name; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
      if (fault->subtask >= 0)
        g_string_append_printf (s, " subtask %d", fault->subtask);
      break;
    case FSIM_FAULT_KILL_TASKMANAGER:
      g_string_append_printf (s, "kill taskmanager %d", fault->taskmanager);
      break;
    case FSIM_FAULT_DECLINE_CHECKPOINT:
      g_string_append_printf (s, "decline checkpoint %" PRId64, fault->checkpoint_id);
      break;
    case FSIM_FAULT_SAVEPOINT:
      g_string_append (s, "savepoint");
      break;
    case FSIM_FAULT_STOP_WITH_SAVEPOINT:
      g_string_append (s, fault->drain ? "stop --drain" : "stop");
      break;
    }
  return g_string_free (s, FALSE);
}

const char *
fsim_job_vertex_fault_name (const FsimJobGraph *jg, const FsimJobVertex *v)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_graph_get_stream_graph (jg));
  for (guint k = 0; k < v->operators->len; k++)
    {
      const char *name = ((FsimStreamNode *) g_ptr_array_index (v->operators, k))->name;
      guint same = 0;
      for (guint i = 0; i < nodes->len; i++)
        same += strcmp (((FsimStreamNode *) g_ptr_array_index (nodes, i))->name, name) == 0;
      if (same == 1)
        return name;
    }
  return NULL;
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

const char *
fsim_job_get_source (const FsimJob *job)
{
  return job->source;
}

/* --- what Flink accepts but changes ------------------------------------------ */

void
fsim_job_warning_free (FsimJobWarning *w)
{
  if (w == NULL)
    return;
  g_free (w->message);
  g_free (w->hint);
  g_free (w);
}

static void
warn_at (GPtrArray *out, const FsimConfig *config, const char *key, char *message, char *hint)
{
  FsimJobWarning *w = g_new0 (FsimJobWarning, 1);
  if (!fsim_config_get_site (config, key, &w->site))
    w->site = (FsimSourceSpan) { 0, 0, 0 };
  w->message = message;
  w->hint = hint;
  g_ptr_array_add (out, w);
}

static gint
compare_warnings (gconstpointer a, gconstpointer b)
{
  const FsimJobWarning *x = *(FsimJobWarning *const *) a, *y = *(FsimJobWarning *const *) b;
  if (x->site.line != y->site.line)
    return x->site.line < y->site.line ? -1 : 1;
  return (x->site.column > y->site.column) - (x->site.column < y->site.column);
}

GPtrArray *
fsim_job_config_warnings (const FsimJob *job)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_job_warning_free);
  const FsimConfig *config = job->config;
  /* StreamingJobGraphGenerator.preValidate: the mode of a job without
   * checkpointing is AT_LEAST_ONCE (StreamGraph.getCheckpointingMode), and
   * StreamGraphGenerator turns checkpointing off for a batch job */
  gboolean enabled = fsim_config_is_set (config, "execution.checkpointing.interval")
                     && !(job->stream_graph && fsim_stream_graph_get_batch (job->stream_graph));
  if (fsim_config_get_bool (config, "execution.checkpointing.unaligned.enabled"))
    {
      gboolean exactly_once = g_strcmp0 (fsim_config_get_string (config,
                                                                 "execution.checkpointing.mode"),
                                         "EXACTLY_ONCE") == 0;
      if (!enabled || !exactly_once)
        warn_at (out, config, "execution.checkpointing.unaligned.enabled",
                 g_strdup (_("Unaligned checkpoints can only be used with checkpointing mode "
                             "EXACTLY_ONCE")),
                 g_strdup (enabled
                           ? _("Flink switches unaligned checkpoints off for this job: with "
                               "AT_LEAST_ONCE barriers are tracked, never aligned or overtaking")
                           : _("Flink switches unaligned checkpoints off for this job: without "
                               "checkpointing (no execution.checkpointing.interval, or a batch "
                               "job) its mode counts as AT_LEAST_ONCE")));
    }
  /* SchedulerUtils.createCompletedCheckpointStoreIfCheckpointingIsEnabled
   * reads it only with checkpointing on */
  gint64 retained = fsim_config_get_int (config, "execution.checkpointing.num-retained");
  if (enabled && retained <= 0)
    warn_at (out, config, "execution.checkpointing.num-retained",
             g_strdup_printf (_("The setting for '%s : %" PRId64 "' is invalid. Using "
                                "default value of %d"), "execution.checkpointing.num-retained",
                              retained, 1),
             g_strdup (_("the completed checkpoint store keeps one checkpoint")));
  g_ptr_array_sort (out, compare_warnings);
  return out;
}
