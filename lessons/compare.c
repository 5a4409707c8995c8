/* compare.c - two runs side by side: what differs between them.
 *
 * Both are simulated; the comparison reads their traces only: the final
 * JobStatus, the restarts (failover records that restart), per vertex the
 * records in and the mean backPressuredTimeMsPerSecond of its metric
 * samples, checkpoints (completed, expired, the longest), windows fired, the
 * exactly-once verdict, and the first record where the traces diverge (by
 * kind, time, subjects, states and values, never by text), each side's
 * record as `flinksim run` prints it. */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "lessons/lessons-private.h"
#include "viz/viz.h"

typedef struct {
  const FsimJob *job;
  FsimJobRun *run;
  FsimQueryContext ctx;
} Side;

/* A query's answer as the report shows it: a duration as the log writes
 * times (36.304 s), not in the exact unit an exercise's goal compares; a
 * yes or no translated (fsim_query_value_display). */
static char *
eval (Side *s, const char *name, const char *arg)
{
  char *args[] = { (char *) arg, NULL };
  const FsimQueryDesc *q = fsim_query_lookup (name);
  char *answer = fsim_query_eval (q, args, &s->ctx, NULL);
  gint64 us;
  if (answer && q->type == FSIM_QUERY_DURATION && fsim_duration_parse (answer, &us, NULL))
    {
      g_free (answer);
      answer = fsim_time_format (us);
    }
  if (answer && fsim_query_value_display (answer) != answer)
    {
      /* yes, no, none in the reader's language (是, 否) */
      char *shown = g_strdup (fsim_query_value_display (answer));
      g_free (answer);
      answer = shown;
    }
  return answer;
}

/* "* what      a | b", the star where a and b differ; what padded to a
 * column by display width (a translated label may be CJK). */
static void
row (GString *out, const char *what, const char *a, const char *b)
{
  int pad = MAX (0, 24 - fsim_viz_text_width (what));
  g_string_append_printf (out, "%s%s%*s  %s | %s\n", g_strcmp0 (a, b) ? "* " : "  ", what, pad, "",
                          a ? a : "-", b ? b : "-");
}

/* What the report says of each JobVertex of one run: numRecordsIn summed
 * over its subtasks' latest samples, and the mean backPressuredTimeMsPerSecond
 * of its samples. One pass over the trace for all vertices (a scan per
 * vertex made compare quadratic in the job's size). */
typedef struct {
  gint64 records_in;
  gint64 backpressure_sum, backpressure_n;
} Figures;

static Figures *
figures_of (Side *s, GPtrArray *vertices)
{
  FsimTrace *t = fsim_job_run_get_trace (s->run);
  FsimTraceKind k_in, k_bp;
  int in = fsim_task_metrics_value_index (FSIM_TASK_METRIC_NUM_RECORDS_IN, &k_in);
  int bp = fsim_task_metrics_value_index (FSIM_TASK_METRIC_BACK_PRESSURED_TIME, &k_bp);
  Figures *f = g_new0 (Figures, vertices->len);
  gint64 **last = g_new0 (gint64 *, vertices->len);
  for (guint v = 0; v < vertices->len; v++)
    last[v] = g_new0 (gint64, ((FsimExecutionJobVertex *) vertices->pdata[v])->parallelism);
  for (gint64 i = 0; i < fsim_trace_count (t); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (t, i);
      if ((r->kind != k_in && r->kind != k_bp) || r->vertex < 0
          || (guint) r->vertex >= vertices->len || r->subtask < 0
          || r->subtask >= ((FsimExecutionJobVertex *) vertices->pdata[r->vertex])->parallelism)
        continue;
      if (r->kind == k_in)
        last[r->vertex][r->subtask] = r->values[in];
      if (r->kind == k_bp)
        {
          f[r->vertex].backpressure_sum += r->values[bp];
          f[r->vertex].backpressure_n++;
        }
    }
  for (guint v = 0; v < vertices->len; v++)
    {
      for (int k = 0; k < ((FsimExecutionJobVertex *) vertices->pdata[v])->parallelism; k++)
        f[v].records_in += last[v][k];
      g_free (last[v]);
    }
  g_free (last);
  return f;
}

static char *
records_in_text (const Figures *f)
{
  return f ? g_strdup_printf ("%" G_GINT64_FORMAT, f->records_in) : NULL;
}

static char *
backpressure_text (const Figures *f)
{
  if (f == NULL)
    return NULL;
  return f->backpressure_n ? g_strdup_printf ("%" G_GINT64_FORMAT " ms/s",
                                              f->backpressure_sum / f->backpressure_n)
                           : g_strdup ("-");
}

static gboolean
is_seq (const FsimTraceRecord *r, gpointer data)
{
  return r->seq == *(const gint64 *) data;
}

/* Record seq of trace as `flinksim run` prints it: time, subject, states,
 * the why wrapped. */
static void
log_record (GString *out, FsimTrace *trace, gint64 seq)
{
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.predicate = is_seq;
  filter.user_data = &seq;
  g_autoptr (GBytes) bytes = fsim_viz_trace_log (trace, &filter, FSIM_FORMAT_TEXT, NULL);
  gsize len;
  const char *text = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  if (text)
    g_string_append_len (out, text, (gssize) len);
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
      g_string_append (out, "A:\n");
      log_record (out, ta, i);
      g_string_append (out, "B:\n");
      log_record (out, tb, i);
    }
}

/* The first JobVertex whose chain starts at the operator op, or -1. */
static int
vertex_in (GPtrArray *vertices, const char *op)
{
  for (guint i = 0; i < vertices->len; i++)
    if (strcmp (((FsimExecutionJobVertex *) vertices->pdata[i])->job_vertex->head->name, op) == 0)
      return (int) i;
  return -1;
}

static gboolean
name_repeats (GPtrArray *vertices, const char *name)
{
  guint n = 0;
  for (guint i = 0; i < vertices->len && n < 2; i++)
    n += strcmp (((FsimExecutionJobVertex *) vertices->pdata[i])->job_vertex->name, name) == 0;
  return n > 1;
}

static void
vertices (GString *out, Side *a, Side *b)
{
  GPtrArray *va = fsim_execution_graph_get_job_vertices (fsim_job_run_get_execution_graph (a->run));
  GPtrArray *vb = fsim_execution_graph_get_job_vertices (fsim_job_run_get_execution_graph (b->run));
  g_autofree Figures *fa = figures_of (a, va);
  g_autofree Figures *fb = figures_of (b, vb);
  for (guint i = 0; i < MAX (va->len, vb->len); i++)
    {
      const FsimExecutionJobVertex *x = i < va->len ? g_ptr_array_index (va, i) : NULL;
      const FsimExecutionJobVertex *y = i < vb->len ? g_ptr_array_index (vb, i) : NULL;
      const char *name = x ? x->job_vertex->name : y->job_vertex->name;
      const char *op = x ? x->job_vertex->head->name : y->job_vertex->head->name;
      /* B's vertex: the same index when its chain starts at the same
       * operator (names repeat: every .map() is "Map"), else the first
       * whose chain does */
      int j = y && strcmp (y->job_vertex->head->name, op) == 0 ? (int) i : vertex_in (vb, op);
      const Figures *of_a = x ? &fa[i] : NULL, *of_b = j >= 0 ? &fb[j] : NULL;
      g_autofree char *ra = records_in_text (of_a), *rb = records_in_text (of_b);
      g_autofree char *ba = backpressure_text (of_a), *bb = backpressure_text (of_b);
      /* a name two vertices share carries the number graph --level job
       * gives it ("#2 Map") */
      g_autofree char *shown = name_repeats (x ? va : vb, name)
        ? g_strdup_printf ("#%u %s", i, name) : g_strdup (name);
      g_string_append_printf (out, _("Vertex %s:\n"), shown);
      row (out, _("records in"), ra, rb);
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
    { "restarts", N_("restarts") },
    { "slots-needed", N_("slots needed") },
    { "backpressured-tasks", N_("back-pressured subtasks") },
    { "checkpoints-completed", N_("checkpoints completed") },
    { "checkpoints-expired", N_("checkpoints expired") },
    { "longest-checkpoint", N_("longest checkpoint") },
    { "windows-fired-total", N_("windows fired") },
    { "verdict-guarantee", N_("guarantee judged") },
    { "verdict-holds", N_("guarantee holds") },
    { "verdict-duplicated", N_("records counted twice") },
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

gboolean
fsim_compare_apply_sets (FsimJob *job, const char *const *sets, GError **error)
{
  for (const char *const *s = sets; s && *s; s++)
    {
      g_auto (GStrv) kv = g_strsplit (*s, "=", 2);
      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--set %s: expected KEY=VALUE"), *s);
          return FALSE;
        }
      g_autoptr (GError) local = NULL;
      if (!fsim_config_set (fsim_job_get_config (job), g_strstrip (kv[0]), g_strstrip (kv[1]),
                            &local))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--set %s: %s", *s,
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

struct _FsimCompareRun {
  FsimJobRun *run;
  char *what;
  FsimVizRun viz;
};

FsimCompareRun *
fsim_compare_run_new (const FsimJob *job, const char *what, GError **error)
{
  FsimJobRun *run = fsim_course_run_job (job, error);
  if (run == NULL)
    return NULL;
  FsimCompareRun *r = g_new0 (FsimCompareRun, 1);
  r->run = run;
  r->what = g_strdup (what);
  r->viz = (FsimVizRun) {
    .trace = fsim_job_run_get_trace (run),
    .job_graph = fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run)),
    .what = r->what,
  };
  return r;
}

void
fsim_compare_run_free (FsimCompareRun *r)
{
  if (r == NULL)
    return;
  fsim_job_run_free (r->run);
  g_free (r->what);
  g_free (r);
}

const FsimVizRun *
fsim_compare_run_get_viz (const FsimCompareRun *r)
{
  return &r->viz;
}
