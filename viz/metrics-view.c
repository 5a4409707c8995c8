/* metrics-view.c - `flinksim metrics`: every subtask's task metrics per
 * second of simulated time, as Flink's REST API reports them.
 *
 * Flink's Web UI and REST API show, per subtask, the TaskIOMetricGroup
 * metrics (busyTimeMsPerSecond, numRecordsInPerSecond, inPoolUsage, …) as
 * the metric fetcher last read them, and the backpressure level
 * JobVertexBackPressureHandler derives from backPressuredTimeMsPerSecond.
 * This view reads only the metric-sample records of a trace
 * (scheduler/task-metrics.c writes them, one record per sample kind): the
 * records of one subtask attempt at one time are one sample. It decides
 * what a record carries from its descriptor (fsim_task_metrics_kind_metric)
 * and shows each value at its scale. Text (an aligned table and a legend),
 * JSON or CSV (docs/formats.md). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/viz-private.h"

#define US_PER_S G_GINT64_CONSTANT (1000000)

typedef struct {
  gint64 time_us;
  gint32 vertex, subtask, attempt;
  const char *label;            /* "Map (1/2)#0", owned by the trace */
  gint64 values[FSIM_TASK_METRIC_COUNT];
  gboolean present[FSIM_TASK_METRIC_COUNT];
} Sample;

/* The samples of one time (a trace's records are in time order, so the
 * records of a sample are among those of its time), and what the whole
 * trace has, found by a first pass before anything is written. */
typedef struct {
  GArray *samples;              /* Sample of one time, in the order of their first record */
  GHashTable *index;            /* "vertex subtask attempt" -> index in samples */
  gboolean carried[FSIM_TASK_METRIC_COUNT]; /* the columns: what a sample kind carries */
  gint64 first_us, last_us;     /* of every sample, before --at */
  gint64 n_shown;               /* records of the samples shown (at --at) */
  gboolean has_final;           /* a row of final counters (between whole seconds) */
} Samples;

static const char *const format_names[] = {
  [FSIM_VIZ_METRICS_TEXT] = "text",
  [FSIM_VIZ_METRICS_JSON] = "json",
  [FSIM_VIZ_METRICS_CSV] = "csv",
};

gboolean
fsim_viz_metrics_format_from_name (const char *name, FsimVizMetricsFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *out = (FsimVizMetricsFormat) i;
        return TRUE;
      }
  return FALSE;
}

static void
find_columns (Samples *s)
{
  for (int k = 0; k < FSIM_TASK_METRICS_KIND_COUNT; k++)
    for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
      {
        int metric = fsim_task_metrics_kind_metric (&fsim_task_metrics_kinds[k], i);
        if (metric >= 0)
          s->carried[metric] = TRUE;
      }
}

static Sample *
sample_for (Samples *s, const FsimTraceRecord *r)
{
  g_autofree char *key = g_strdup_printf ("%d %d %d", r->vertex, r->subtask, r->attempt);
  gpointer at;
  if (g_hash_table_lookup_extended (s->index, key, NULL, &at))
    return &g_array_index (s->samples, Sample, GPOINTER_TO_UINT (at));
  Sample fresh = { .time_us = r->time_us, .vertex = r->vertex, .subtask = r->subtask,
                   .attempt = r->attempt, .label = r->label };
  g_array_append_val (s->samples, fresh);
  g_hash_table_insert (s->index, g_steal_pointer (&key), GUINT_TO_POINTER (s->samples->len - 1));
  return &g_array_index (s->samples, Sample, s->samples->len - 1);
}

static void
add_record (Samples *s, const FsimTraceRecord *r)
{
  Sample *sample = NULL;
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    {
      int metric = fsim_task_metrics_kind_metric (r->kind, i);
      if (metric < 0)
        continue;
      if (sample == NULL)
        sample = sample_for (s, r);
      sample->values[metric] = r->values[i];
      sample->present[metric] = TRUE;
    }
}

static gboolean
is_sample (const FsimTraceRecord *r)
{
  return fsim_task_metrics_kind_metric (r->kind, 0) >= 0;
}

static gboolean
shown (const FsimTraceRecord *r, gint64 at_s)
{
  return at_s < 0 || r->time_us / US_PER_S == at_s;
}

/* The first pass: the columns, the samples' time span, whether any is
 * shown and whether one is a final row. Nothing is kept per sample. */
static void
survey (Samples *s, FsimTrace *trace, gint64 at_s)
{
  s->first_us = s->last_us = -1;
  find_columns (s);
  gint64 n = fsim_trace_count (trace);
  for (gint64 i = 0; i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (!is_sample (r))
        continue;
      if (s->first_us < 0)
        s->first_us = r->time_us;
      s->last_us = r->time_us;
      if (shown (r, at_s))
        {
          s->n_shown++;
          s->has_final |= r->time_us % US_PER_S != 0;
        }
    }
}

/* Calls each with the samples of every time shown, one time after the
 * other: what is in memory at once is one time's samples. */
typedef gboolean (*EachTime) (const Samples *s, gpointer data);

static gboolean
each_time (Samples *s, FsimTrace *trace, gint64 at_s, EachTime each, gpointer data)
{
  s->samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  s->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;
  gint64 n = fsim_trace_count (trace);
  for (gint64 i = 0; i < n && ok; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (!is_sample (r) || !shown (r, at_s))
        continue;
      if (s->samples->len > 0 && g_array_index (s->samples, Sample, 0).time_us != r->time_us)
        {
          ok = each (s, data);
          g_array_set_size (s->samples, 0);
          g_hash_table_remove_all (s->index);
        }
      add_record (s, r);
    }
  if (ok && s->samples->len > 0)
    ok = each (s, data);
  g_clear_pointer (&s->samples, g_array_unref);
  g_clear_pointer (&s->index, g_hash_table_unref);
  return ok;
}

/* --- how a sample's fields read ----------------------------------------- */

/* "Map (1/2)#0" -> "Map (1/2)": Flink's subtask name without the attempt. */
static char *
subtask_name (const Sample *s)
{
  if (s->label == NULL)
    return g_strdup_printf ("vertex %d subtask %d", s->vertex, s->subtask);
  const char *hash = strrchr (s->label, '#');
  if (hash && hash > s->label && hash[-1] == ')')
    return g_strndup (s->label, hash - s->label);
  return g_strdup (s->label);
}

/* "Map (1/2)" -> "Map": the task name before " (i/n)". */
static char *
vertex_name (const char *subtask)
{
  const char *open = g_strrstr (subtask, " (");
  gsize len = strlen (subtask);
  if (open && len > 0 && subtask[len - 1] == ')')
    return g_strndup (subtask, open - subtask);
  return g_strdup (subtask);
}

/* A missing metric counts as 0, as JobVertexBackPressureHandler counts it;
 * a row of a subtask's final counters alone (the IOMetrics of its last
 * TaskExecutionState) has no level: NULL. */
static const char *
level_of (const Sample *s)
{
  if (!s->present[FSIM_TASK_METRIC_BACK_PRESSURED_TIME]
      && s->present[FSIM_TASK_METRIC_NUM_RECORDS_IN])
    return NULL;
  return fsim_backpressure_level_name (
    fsim_backpressure_level (s->values[FSIM_TASK_METRIC_BACK_PRESSURED_TIME]));
}

/* An integer, or thousandths as a decimal with three places: 2500 -> "2.500". */
static void
append_value (GString *out, gint64 v, int scale)
{
  if (scale == 1)
    {
      g_string_append_printf (out, "%" PRId64, v);
      return;
    }
  g_assert (scale == 1000);
  if (v < 0)
    g_string_append_c (out, '-');
  guint64 a = v < 0 ? -(guint64) v : (guint64) v;
  g_string_append_printf (out, "%" PRIu64 ".%03" PRIu64, a / 1000, a % 1000);
}

/* Whole seconds as an integer, else with the microseconds, trailing zeros
 * dropped. */
static void
append_time (GString *out, gint64 time_us)
{
  g_string_append_printf (out, "%" PRId64, time_us / US_PER_S);
  gint64 frac = time_us % US_PER_S;
  if (frac == 0)
    return;
  g_autofree char *digits = g_strdup_printf ("%06" PRId64, frac);
  for (char *end = digits + strlen (digits) - 1; *end == '0'; end--)
    *end = '\0';
  g_string_append_printf (out, ".%s", digits);
}

static void
append_metric (GString *out, const Sample *s, int metric, const char *missing)
{
  if (!s->present[metric])
    g_string_append (out, missing);
  else
    append_value (out, s->values[metric], fsim_task_metric_desc (metric)->scale);
}

/* --- JSON ----------------------------------------------------------------- */

static void
append_json_string (GString *out, const char *text)
{
  g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  g_autofree char *quoted = json_generator_to_data (gen, NULL);
  g_string_append (out, quoted);
}

static void
append_json_member (GString *out, const char *name)
{
  g_string_append (out, ", ");
  append_json_string (out, name);
  g_string_append (out, ": ");
}

/* Where the rows go: out, flushed to file (when there is one) as it
 * grows, so that a long run's output never exists whole in memory. */
typedef struct {
  GString *out;
  FILE *file;                   /* NULL: out keeps everything */
  GError **error;
  gboolean first;               /* no row written yet */
} Writer;

#define FLUSH_BYTES (64 * 1024)

static gboolean
writer_flush (Writer *w, gboolean always)
{
  if (w->file == NULL || (!always && w->out->len < FLUSH_BYTES))
    return TRUE;
  return fsim_viz_flush (w->out, w->file, w->error);
}

/* One object a line, so that a diff or grep reads a sample at a time; the
 * numbers are written exactly (json-glib would print 0.3 as
 * 0.29999999999999999). */
static gboolean
json_rows (const Samples *s, gpointer data)
{
  Writer *w = data;
  for (guint i = 0; i < s->samples->len; i++)
    {
      const Sample *sample = &g_array_index (s->samples, Sample, i);
      g_autofree char *subtask = subtask_name (sample);
      g_autofree char *vertex = vertex_name (subtask);
      g_string_append (w->out, w->first ? "\n    {\"time_s\": " : ",\n    {\"time_s\": ");
      w->first = FALSE;
      append_time (w->out, sample->time_us);
      append_json_member (w->out, "subtask");
      append_json_string (w->out, subtask);
      append_json_member (w->out, "vertex");
      append_json_string (w->out, vertex);
      append_json_member (w->out, "backpressureLevel");
      if (level_of (sample))
        append_json_string (w->out, level_of (sample));
      else
        g_string_append (w->out, "null");
      for (int m = 0; m < FSIM_TASK_METRIC_COUNT; m++)
        if (s->carried[m])
          {
            append_json_member (w->out, fsim_task_metric_desc (m)->name);
            append_metric (w->out, sample, m, "null");
          }
      g_string_append_c (w->out, '}');
    }
  return writer_flush (w, FALSE);
}

static gboolean
write_json (Samples *s, FsimTrace *trace, gint64 at_s, Writer *w)
{
  g_string_append (w->out, "{\n  \"samples\": [");
  if (!each_time (s, trace, at_s, json_rows, w))
    return FALSE;
  g_string_append (w->out, "\n  ]\n}\n");
  return TRUE;
}

/* --- CSV (RFC 4180 quoting, lines end in LF) --------------------------------------------------------- */

static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static gboolean
csv_rows (const Samples *s, gpointer data)
{
  Writer *w = data;
  for (guint i = 0; i < s->samples->len; i++)
    {
      const Sample *sample = &g_array_index (s->samples, Sample, i);
      g_autofree char *subtask = subtask_name (sample);
      g_autofree char *vertex = vertex_name (subtask);
      append_time (w->out, sample->time_us);
      g_string_append_c (w->out, ',');
      append_csv_field (w->out, subtask);
      g_string_append_c (w->out, ',');
      append_csv_field (w->out, vertex);
      g_string_append_printf (w->out, ",%s", level_of (sample) ? level_of (sample) : "");
      for (int m = 0; m < FSIM_TASK_METRIC_COUNT; m++)
        if (s->carried[m])
          {
            g_string_append_c (w->out, ',');
            append_metric (w->out, sample, m, "");
          }
      g_string_append_c (w->out, '\n');
    }
  return writer_flush (w, FALSE);
}

static gboolean
write_csv (Samples *s, FsimTrace *trace, gint64 at_s, Writer *w)
{
  g_string_append (w->out, "time_s,subtask,vertex,backpressureLevel");
  for (int m = 0; m < FSIM_TASK_METRIC_COUNT; m++)
    if (s->carried[m])
      g_string_append_printf (w->out, ",%s", fsim_task_metric_desc (m)->name);
  g_string_append_c (w->out, '\n');
  return each_time (s, trace, at_s, csv_rows, w);
}

/* --- text ------------------------------------------------------------------ */

static FsimVizTable *
text_table_new (const Samples *s)
{
  /* the leading headings translated, the metric columns by their short
   * English labels, as the legend below names them with Flink's metric
   * names (docs/i18n.md: Flink's metric names stay English) */
  g_autoptr (GPtrArray) header = g_ptr_array_new ();
  g_autoptr (GArray) right = g_array_new (FALSE, FALSE, sizeof (gboolean));
  static const char *const leading[] = { N_("time (s)"), N_("subtask"), N_("backpressure") };
  static const gboolean leading_right[] = { TRUE, FALSE, FALSE };
  for (guint i = 0; i < G_N_ELEMENTS (leading); i++)
    {
      g_ptr_array_add (header, (gpointer) _(leading[i]));
      g_array_append_val (right, leading_right[i]);
    }
  gboolean yes = TRUE;
  for (int m = 0; m < FSIM_TASK_METRIC_COUNT; m++)
    if (s->carried[m])
      {
        g_ptr_array_add (header, (gpointer) fsim_task_metric_desc (m)->label);
        g_array_append_val (right, yes);
      }
  g_ptr_array_add (header, NULL);
  return fsim_viz_table_new_verbatim ((const char *const *) header->pdata,
                                      (gboolean *) right->data);
}

/* Long.MIN_VALUE, a watermark before any arrived, reads as Flink's web
 * UI shows it (HumanizeWatermarkPipe: "No Watermark"); the JSON and CSV
 * keep the number. */
static gboolean
is_no_watermark (const Sample *sample, int m)
{
  return (m == FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK
          || m == FSIM_TASK_METRIC_CURRENT_OUTPUT_WATERMARK)
    && sample->present[m] && sample->values[m] == G_MININT64;
}

static char *
metric_text (const Sample *sample, int m)
{
  if (is_no_watermark (sample, m))
    return g_strdup (_("No Watermark"));
  GString *cell = g_string_new (NULL);
  append_metric (cell, sample, m, "-");
  return g_string_free (cell, FALSE);
}

static void
write_legend (const Samples *s, GString *out)
{
  g_string_append_printf (out, "\n%s\n%s\n",
                          _("backpressure: the REST API's level, of backPressuredTimeMsPerSecond: "
                            "ok up to 100, low up to 500, high above "
                            "(JobVertexBackPressureHandler)"),
                          _("Times are ms per second (maxHard: ms), rates per second, pool "
                            "usages ratios, watermarks ms (No Watermark: none arrived yet, "
                            "Long.MIN_VALUE); the columns are Flink's task metrics:"));
  for (int m = 0; m < FSIM_TASK_METRIC_COUNT; m++)
    if (s->carried[m])
      {
        const FsimTaskMetricDesc *d = fsim_task_metric_desc (m);
        g_string_append_printf (out, "  %-13s %s\n", d->label, d->name);
      }
  if (s->has_final)
    g_string_append_printf (out, "%s\n",
                            _("A row between whole seconds holds a subtask's counters at its "
                              "end: the IOMetrics its final TaskExecutionState carries."));
}

static char **
text_row (const Samples *s, const Sample *sample)
{
  GPtrArray *row = g_ptr_array_new ();
  GString *time = g_string_new (NULL);
  append_time (time, sample->time_us);
  g_ptr_array_add (row, g_string_free (time, FALSE));
  g_ptr_array_add (row, subtask_name (sample));
  g_ptr_array_add (row, g_strdup (level_of (sample) ? level_of (sample) : "-"));
  for (int m = 0; m < FSIM_TASK_METRIC_COUNT; m++)
    if (s->carried[m])
      g_ptr_array_add (row, metric_text (sample, m));
  g_ptr_array_add (row, NULL);
  return (char **) g_ptr_array_free (row, FALSE);
}

typedef struct {
  FsimVizTable *table;
  Writer *w;                    /* NULL: measuring */
} TextPass;

static gboolean
text_rows (const Samples *s, gpointer data)
{
  TextPass *pass = data;
  for (guint i = 0; i < s->samples->len; i++)
    {
      g_auto (GStrv) row = text_row (s, &g_array_index (s->samples, Sample, i));
      if (pass->w)
        fsim_viz_table_write_row (pass->table, row, pass->w->out);
      else
        fsim_viz_table_measure (pass->table, row);
    }
  return pass->w == NULL || writer_flush (pass->w, FALSE);
}

/* Two passes over the samples: the widths of every column, then the rows. */
static gboolean
write_text (Samples *s, FsimTrace *trace, gint64 at_s, Writer *w)
{
  g_autoptr (FsimVizTable) table = text_table_new (s);
  TextPass measure = { table, NULL }, write = { table, w };
  each_time (s, trace, at_s, text_rows, &measure);
  fsim_viz_table_write (table, w->out);
  if (!each_time (s, trace, at_s, text_rows, &write))
    return FALSE;
  write_legend (s, w->out);
  return TRUE;
}

/* --- the view ------------------------------------------------------------ */

static gboolean
check_not_empty (const Samples *s, gint64 at_s, GError **error)
{
  if (s->n_shown > 0)
    return TRUE;
  if (s->first_us < 0)
    {
      g_set_error_literal (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY,
                           _("the run has no metric samples: tasks are sampled once a "
                             "simulated second while they run, and none was running at a "
                             "whole second"));
      return FALSE;
    }
  g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY,
               _("no metric sample at %" PRId64 " s: the samples run from %" PRId64
                 " s to %" PRId64 " s"), at_s, s->first_us / US_PER_S, s->last_us / US_PER_S);
  return FALSE;
}

static gboolean
write_metrics (FsimTrace *trace, gint64 at_s, FsimVizMetricsFormat format, Writer *w)
{
  Samples s = { 0 };
  survey (&s, trace, at_s);
  if (!check_not_empty (&s, at_s, w->error))
    return FALSE;
  switch (format)
    {
    case FSIM_VIZ_METRICS_TEXT:
      return write_text (&s, trace, at_s, w);
    case FSIM_VIZ_METRICS_JSON:
      return write_json (&s, trace, at_s, w);
    case FSIM_VIZ_METRICS_CSV:
      return write_csv (&s, trace, at_s, w);
    }
  g_assert_not_reached ();
}

GBytes *
fsim_viz_metrics (FsimTrace *trace, gint64 at_s, FsimVizMetricsFormat format, GError **error)
{
  Writer w = { .out = g_string_new (NULL), .file = NULL, .error = error, .first = TRUE };
  if (!write_metrics (trace, at_s, format, &w))
    {
      g_string_free (w.out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (w.out);
}

gboolean
fsim_viz_metrics_any (FsimTrace *trace, gint64 at_s, GError **error)
{
  Samples s = { 0 };
  survey (&s, trace, at_s);
  return check_not_empty (&s, at_s, error);
}

gboolean
fsim_viz_metrics_write (FsimTrace *trace, gint64 at_s, FsimVizMetricsFormat format, FILE *file,
                        GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  Writer w = { .out = out, .file = file, .error = error, .first = TRUE };
  return write_metrics (trace, at_s, format, &w) && writer_flush (&w, TRUE);
}
