/* compare.c - two runs side by side: what differs between them.
 *
 * Both are simulated; the comparison reads their traces only: the final
 * JobStatus, the restarts (failover records that restart), per vertex the
 * records in and the mean backPressuredTimeMsPerSecond of its metric
 * samples, and the first record where the traces diverge (by kind, time,
 * subjects, states and values, never by text). */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "lessons/lessons-private.h"

typedef struct {
  const FsimJob *job;
  FsimJobRun *run;
  FsimQueryContext ctx;
} Side;

static char *
eval (Side *s, const char *name, const char *arg)
{
  char *args[] = { (char *) arg, NULL };
  return fsim_query_eval (fsim_query_lookup (name), args, &s->ctx, NULL);
}

static void
row (GString *out, const char *what, const char *a, const char *b)
{
  g_string_append_printf (out, "%-s%s  %s | %s\n", g_strcmp0 (a, b) ? "* " : "  ", what,
                          a ? a : "-", b ? b : "-");
}

/* Mean back-pressured ms/s of the vertex's samples. */
static char *
mean_backpressure (Side *s, int vertex)
{
  FsimTrace *t = fsim_job_run_get_trace (s->run);
  FsimTraceFilter f = FSIM_TRACE_FILTER_INIT;
  int bp = fsim_task_metrics_value_index (FSIM_TASK_METRIC_BACK_PRESSURED_TIME, &f.kind);
  f.vertex = vertex;
  gint64 sum = 0, n = 0;
  for (gint64 i = fsim_trace_find_next (t, &f, 0); i >= 0; i = fsim_trace_find_next (t, &f, i + 1))
    {
      sum += fsim_trace_get (t, i)->values[bp];
      n++;
    }
  return n ? g_strdup_printf ("%" G_GINT64_FORMAT " ms/s", sum / n) : g_strdup ("-");
}

static void
divergence (GString *out, Side *a, Side *b)
{
  FsimTrace *ta = fsim_job_run_get_trace (a->run), *tb = fsim_job_run_get_trace (b->run);
  gint64 na = fsim_trace_count (ta), nb = fsim_trace_count (tb);
  gint64 i = fsim_trace_first_difference (ta, tb);
  if (i < 0)
    g_string_append (out, _("The traces do not diverge: the runs are the same.\n"));
  else if (i == MIN (na, nb))
    g_string_append_printf (out, _("One trace is a prefix of the other (%s ends first).\n"),
                            na < nb ? "A" : "B");
  else
    {
      g_string_append_printf (out, _("First divergence at record #%" PRId64 ":\n"), i);
      g_string_append (out, "  A: ");
      fsim_trace_format_record (fsim_trace_get (ta, i), out);
      g_string_append (out, "\n  B: ");
      fsim_trace_format_record (fsim_trace_get (tb, i), out);
      g_string_append_c (out, '\n');
    }
}

static void
vertices (GString *out, Side *a, Side *b)
{
  GPtrArray *va = fsim_execution_graph_get_job_vertices (fsim_job_run_get_execution_graph (a->run));
  GPtrArray *vb = fsim_execution_graph_get_job_vertices (fsim_job_run_get_execution_graph (b->run));
  for (guint i = 0; i < MAX (va->len, vb->len); i++)
    {
      const FsimExecutionJobVertex *x = i < va->len ? g_ptr_array_index (va, i) : NULL;
      const FsimExecutionJobVertex *y = i < vb->len ? g_ptr_array_index (vb, i) : NULL;
      const char *name = x ? x->job_vertex->name : y->job_vertex->name;
      const char *op = x ? x->job_vertex->head->name : y->job_vertex->head->name;
      g_autofree char *ra = x ? eval (a, "records-in", op) : NULL;
      g_autofree char *rb = y && fsim_course_find_node (b->job, op)
        ? eval (b, "records-in", op) : NULL;
      g_autofree char *ba = x ? mean_backpressure (a, (int) i) : NULL;
      g_autofree char *bb = y ? mean_backpressure (b, (int) i) : NULL;
      g_string_append_printf (out, _("Vertex %s:\n"), name);
      row (out, _("records in         "), ra, rb);
      row (out, _("back-pressured time"), ba, bb);
    }
}

char *
fsim_compare_jobs (const FsimJob *a, const FsimJob *b, const char *name_a, const char *name_b,
                   GError **error)
{
  g_autoptr (FsimJobRun) ra = fsim_course_run_job (a, error);
  if (ra == NULL)
    return NULL;
  g_autoptr (FsimJobRun) rb = fsim_course_run_job (b, error);
  if (rb == NULL)
    return NULL;
  Side sa = { a, ra, { a, ra, fsim_trace_count (fsim_job_run_get_trace (ra)) - 1 } };
  Side sb = { b, rb, { b, rb, fsim_trace_count (fsim_job_run_get_trace (rb)) - 1 } };
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "A: %s\nB: %s\n", name_a, name_b);
  g_string_append (out, _("Lines marked * differ.\n"));
  const char *const whole[][2] = {
    { "final-job-status", N_("job status at the end") },
    { "restarts", N_("restarts           ") },
    { "slots-needed", N_("slots needed       ") },
    { "backpressured-tasks", N_("back-pressured subtasks") },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (whole); i++)
    {
      g_autofree char *x = eval (&sa, whole[i][0], NULL);
      g_autofree char *y = eval (&sb, whole[i][0], NULL);
      row (out, _(whole[i][1]), x, y);
    }
  vertices (out, &sa, &sb);
  divergence (out, &sa, &sb);
  return g_string_free (out, FALSE);
}
