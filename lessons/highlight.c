/* highlight.c - a lesson step's `highlight:` lines: the subjects it points
 * at (docs/lessons.md).
 *
 *   highlight: op NAME                  the task (JobVertex) NAME runs in
 *   highlight: op NAME subtask N        its subtask N (from 0, as `until:`)
 *   highlight: channel A N to B M       the input channel from A's subtask N
 *                                       to B's subtask M
 *
 * Loading checks the words and that the operators exist; resolving, on the
 * lesson's run, numbers them as the trace does (the ExecutionJobVertex
 * index, topological) and checks what only the ExecutionGraph knows: a
 * subtask within the parallelism, a channel that exists (a consumed
 * partition group of B's subtask M holds A's partition N, as
 * EdgeManagerBuildUtil connects them). The TUI marks them; both modes say
 * them in a "Look at:" line. */
#include "config.h"

#include <stdlib.h>

#include "lessons/lessons-private.h"

static gboolean
bad (const FsimCourseFile *f, const FsimCourseEntry *e, GError **error, const char *message)
{
  fsim_course_file_error (error, f, e->line, e->value_column, 0,
                          _("write 'op NAME', 'op NAME subtask N' or 'channel A N to B M'"),
                          "%s", message);
  return FALSE;
}

static gboolean
index_word (const char *w, int *out)
{
  gint64 v;
  if (w == NULL || !g_ascii_string_to_signed (w, 10, 0, G_MAXINT32, &v, NULL))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

gboolean
fsim_lesson_highlight_parse (const FsimCourseFile *f, const FsimJob *job,
                             const FsimCourseEntry *e, GArray *into, GError **error)
{
  g_auto (GStrv) w = fsim_course_split (f, e, error);
  if (w == NULL)
    return FALSE;
  guint n = g_strv_length (w);
  FsimLessonHighlight h = { .subtask = -1, .to_subtask = -1, .line = e->line,
                            .column = e->value_column };
  if (n >= 2 && g_str_equal (w[0], "op") && (n == 2 || n == 4))
    {
      if (n == 4 && (!g_str_equal (w[2], "subtask") || !index_word (w[3], &h.subtask)))
        return bad (f, e, error, _("a subtask index (from 0) after 'subtask'"));
    }
  else if (n == 6 && g_str_equal (w[0], "channel") && g_str_equal (w[3], "to"))
    {
      if (!index_word (w[2], &h.subtask) || !index_word (w[5], &h.to_subtask))
        return bad (f, e, error, _("a channel names two subtask indices (from 0)"));
    }
  else
    return bad (f, e, error, _("not a subject to highlight"));
  const char *ops[] = { w[1], n == 6 ? w[4] : NULL };
  for (int i = 0; i < 2; i++)
    if (ops[i] && fsim_course_find_node (job, ops[i]) == NULL)
      {
        fsim_course_file_error (error, f, e->line, e->value_column, 0, NULL,
                                _("the job has no operator named '%s'"), ops[i]);
        return FALSE;
      }
  h.op = g_strdup (w[1]);
  h.to_op = n == 6 ? g_strdup (w[4]) : NULL;
  g_array_append_val (into, h);
  return TRUE;
}

void
fsim_lesson_highlight_clear (gpointer p)
{
  FsimLessonHighlight *h = p;
  g_free (h->op);
  g_free (h->to_op);
}

static const FsimExecutionJobVertex *
task_of (const FsimJob *job, const FsimExecutionGraph *eg, const char *op)
{
  const FsimStreamNode *n = fsim_course_find_node (job, op);
  const FsimJobVertex *jv =
    fsim_job_graph_get_vertex_for_node (fsim_execution_graph_get_job_graph (eg), n->id);
  return fsim_execution_graph_get_job_vertex (eg, jv);
}

/* Whether partition p of from's result reaches subtask c of to. */
static gboolean
connected (const FsimExecutionJobVertex *from, int p, const FsimExecutionJobVertex *to, int c)
{
  const FsimExecutionVertex *ev = &to->subtasks[c];
  for (guint g = 0; g < to->inputs->len; g++)
    {
      const FsimConsumedPartitionGroup *cpg = ev->consumed[g];
      if (cpg->result->producer == from && p >= cpg->partitions.start
          && p <= cpg->partitions.end)
        return TRUE;
    }
  return FALSE;
}

static gboolean
resolve_one (const FsimCourseFile *f, const FsimJob *job, const FsimExecutionGraph *eg,
             const FsimLessonHighlight *h, FsimVizSubject *out, GString *text, GError **error)
{
  const FsimExecutionJobVertex *a = task_of (job, eg, h->op);
  const FsimExecutionJobVertex *b = h->to_op ? task_of (job, eg, h->to_op) : NULL;
  *out = (FsimVizSubject) { .vertex = a->index, .subtask = h->subtask, .to_vertex = -1,
                            .to_subtask = -1 };
  if (h->subtask >= a->parallelism || (b && h->to_subtask >= b->parallelism))
    {
      const FsimExecutionJobVertex *v = h->subtask >= a->parallelism ? a : b;
      fsim_course_file_error (error, f, h->line, h->column, 0, NULL,
                              ngettext ("'%s' runs %d subtask, numbered from 0",
                                        "'%s' runs %d subtasks, numbered from 0",
                                        (gulong) v->parallelism),
                              v->job_vertex->name, v->parallelism);
      return FALSE;
    }
  if (text->len)
    g_string_append (text, _(", "));
  if (b == NULL && h->subtask < 0)
    {
      g_string_append_printf (text, _("the task %s, every subtask"), a->job_vertex->name);
      return TRUE;
    }
  if (b == NULL)
    {
      g_string_append (text, a->subtasks[h->subtask].name);
      return TRUE;
    }
  if (!connected (a, h->subtask, b, h->to_subtask))
    {
      fsim_course_file_error (error, f, h->line, h->column, 0, NULL,
                              _("no channel runs from %s to %s"), a->subtasks[h->subtask].name,
                              b->subtasks[h->to_subtask].name);
      return FALSE;
    }
  out->to_vertex = b->index;
  out->to_subtask = h->to_subtask;
  g_string_append_printf (text, _("the channel %s \u2192 %s"), a->subtasks[h->subtask].name,
                          b->subtasks[h->to_subtask].name);
  return TRUE;
}

gboolean
fsim_lesson_highlights_resolve (const FsimCourseFile *f, const FsimJob *job, FsimJobRun *run,
                                const GArray *highlights, GArray *subjects, char **text,
                                GError **error)
{
  *text = NULL;
  if (highlights == NULL || highlights->len == 0)
    return TRUE;
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (run);
  g_autoptr (GString) names = g_string_new (NULL);
  for (guint i = 0; i < highlights->len; i++)
    {
      FsimVizSubject s;
      if (!resolve_one (f, job, eg, &g_array_index (highlights, FsimLessonHighlight, i), &s,
                        names, error))
        return FALSE;
      g_array_append_val (subjects, s);
    }
  *text = g_strdup_printf (_("Look at: %s"), names->str);
  return TRUE;
}
