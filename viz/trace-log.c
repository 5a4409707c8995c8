/* trace-log.c - the trace as a log a person reads, or as JSON Lines.
 *
 * Text: one entry per record, like Flink's own "switched from A to B" log
 * lines but with the reason underneath:
 *
 *   [   0.056 s] Map (2/4)#0  SCHEDULED → DEPLOYING  to TaskManager 1 slot 1
 *                why: every slot of the region's bulk is assigned, so the
 *                deployer deploys in topological order (…)
 *
 * The time is virtual seconds with millisecond digits; labels are padded to
 * the width of the longest one up to LABEL_MAX so that states line up; everything is
 * wrapped at 80 columns with a hanging indent. Records with from/to show
 * "FROM → TO" (prefixed by the kind unless it is an execution-state); the
 * others show "kind: detail".
 *
 * JSON Lines: one object per record with the members seq, time_us, kind,
 * then the subject fields that are set, label, from, to, detail, why. */
#include "config.h"

#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "scheduler/scheduler.h"
#include "viz/viz-private.h"

#define WIDTH 80
#define INDENT 13               /* "[   0.056 s] " */
#define LABEL_MAX 24

/* Terminal columns, so that a Chinese operator name lines up too. */
static int
text_width (const char *s)
{
  return fsim_viz_text_width (s);
}

static void
append_spaces (GString *out, int n)
{
  static const char spaces[] = "                                ";
  for (; n > 0; n -= (int) sizeof spaces - 1)
    g_string_append_len (out, spaces, MIN (n, (int) sizeof spaces - 1));
}

static void
new_line (GString *out, int indent)
{
  g_string_append_c (out, '\n');
  append_spaces (out, indent);
}

/* Appends words to out, breaking lines at WIDTH; *col is the current
 * column, *fresh whether nothing was written on this line yet;
 * continuation lines start with indent spaces. Words longer than a line
 * are cut. Words are read in place, between single spaces (a run of
 * spaces keeps its width inside a line). */
static void
wrap (GString *out, int *col, gboolean *fresh, const char *text, int indent)
{
  int extra = 0;                /* spaces beyond one between two words */
  for (const char *start = text;; start++)
    {
      const char *end = start + strcspn (start, " ");
      if (end == start)
        extra += start != text;
      else
        {
          const char *word = start;
          int len = fsim_viz_text_width_len (word, end - word);
          if (!*fresh && *col + 1 + extra + len > WIDTH)
            {
              new_line (out, indent);
              *col = indent;
              *fresh = TRUE;
            }
          if (!*fresh)
            {
              append_spaces (out, 1 + extra);
              *col += 1 + extra;
            }
          extra = 0;
          while (*col + len > WIDTH && WIDTH - *col > 0)
            {
              /* a word that does not fit a whole line: cut it */
              int room = WIDTH - *col;
              const char *cut = g_utf8_offset_to_pointer (word, room);
              g_string_append_len (out, word, cut - word);
              new_line (out, indent);
              *col = indent;
              word = cut;
              len -= room;
            }
          g_string_append_len (out, word, end - word);
          *col += len;
          *fresh = FALSE;
        }
      if (*end == '\0')
        break;
      start = end;
    }
}

static void
append_time (GString *out, gint64 us)
{
  g_autofree char *time = fsim_time_format (us);
  g_string_append_printf (out, "[%10s] ", time);       /* "[   0.056 s] " */
}

static char *
what (const FsimTraceRecord *r)
{
  const char *kind = r->kind->name;
  /* the JobManager's view of a subtask is the story; everything else says
   * what it is */
  gboolean plain = r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE);
  const char *from = fsim_trace_record_from_name (r);
  const char *to = fsim_trace_record_to_name (r);
  if (from && to)
    return g_strdup_printf ("%s%s%s → %s", plain ? "" : kind, plain ? "" : " ", from, to);
  if (to)
    return g_strdup_printf ("%s → %s", kind, to);
  return g_strdup_printf ("%s:", kind);
}

/* The why as wrapped under a record: it always starts after "why:" on a
 * line of its own, so its lines depend on its text alone. Whys are the
 * trace's interned texts and a run repeats a few hundred of them, so each is
 * wrapped once, keyed by its pointer (whys): wrapping every record's why was
 * most of the text log's cost. */
static const char *
wrapped_why (GHashTable *whys, const char *why)
{
  char *done = g_hash_table_lookup (whys, why);
  if (done)
    return done;
  GString *s = g_string_new (NULL);
  int col = INDENT + 4;
  gboolean fresh = FALSE;
  wrap (s, &col, &fresh, why, INDENT + 5);
  done = g_string_free (s, FALSE);
  g_hash_table_insert (whys, (gpointer) why, done);
  return done;
}

/* A record without a detail shows its typed values (trace-values.c):
 * "busyTimeMsPerSecond 1000 ms/s, idleTimeMsPerSecond 0 ms/s". */
static void
append_values (GString *line, const FsimTraceRecord *r)
{
  g_autofree char *values = fsim_viz_trace_values_text (r);
  if (*values)
    g_string_append_printf (line, "%s%s", r->to >= 0 ? "  " : " ", values);
}

static void
append_text (GString *out, GHashTable *whys, const FsimTraceRecord *r, int label_width)
{
  append_time (out, r->time_us);
  int col = INDENT;
  const char *label = r->label ? r->label : "";
  g_string_append (out, label);
  col += text_width (label);
  int pad = label_width - text_width (label);
  if (pad > 0)
    {
      append_spaces (out, pad);
      col += pad;
    }
  g_autofree char *w = what (r);
  GString *line = g_string_new (w);
  if (r->detail)
    g_string_append_printf (line, "%s%s", r->to >= 0 ? "  " : " ", r->detail);
  else
    append_values (line, r);
  /* the first words follow the label after two spaces */
  g_string_append (out, " ");
  col += 1;
  gboolean fresh = FALSE;
  wrap (out, &col, &fresh, line->str, INDENT);
  g_string_free (line, TRUE);
  new_line (out, INDENT);
  g_string_append (out, "why:");
  g_string_append (out, wrapped_why (whys, r->why));
  g_string_append_c (out, '\n');
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  if (value < 0)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
append_jsonl (GString *out, FsimTrace *trace, const FsimTraceRecord *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, r->seq);
  json_builder_set_member_name (b, "time_us");
  json_builder_add_int_value (b, r->time_us);
  add_string (b, "kind", r->kind->name);
  add_int (b, "job", r->job);
  add_int (b, "vertex", r->vertex);
  add_int (b, "subtask", r->subtask);
  add_int (b, "attempt", r->attempt);
  add_int (b, "taskmanager", r->taskmanager);
  add_int (b, "slot", r->slot);
  add_int (b, "checkpoint", r->checkpoint);
  add_int (b, "channel", r->channel);
  add_string (b, "label", r->label);
  add_string (b, "from", fsim_trace_record_from_name (r));
  add_string (b, "to", fsim_trace_record_to_name (r));
  /* the typed values by the names their kind gives them */
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    if (r->kind->values[i].name)
      {
        json_builder_set_member_name (b, r->kind->values[i].name);
        const char *text = fsim_trace_value_text (r, i);
        if (r->kind->values[i].names)
          json_builder_add_string_value (b, text);
        else if (text)
          json_builder_add_boolean_value (b, r->values[i] != 0);
        else
          json_builder_add_int_value (b, r->values[i]);
      }
  add_string (b, "detail", r->detail);
  add_string (b, "why", r->why);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/* Metric samples are data for `flinksim metrics`, not the story: the text
 * log shows them only when a --filter kind= asks. */
static gboolean
hidden_in_text (const FsimTraceFilter *filter, FsimFormat format, const FsimTraceRecord *r)
{
  return format == FSIM_FORMAT_TEXT && (filter == NULL || filter->kind == NULL)
         && (r->kind->flags & FSIM_KIND_SAMPLE);
}

gint64
fsim_viz_trace_log_hidden (FsimTrace *trace, const FsimTraceFilter *filter, FsimFormat format)
{
  gint64 hidden = 0;
  for (gint64 i = 0, n = fsim_trace_count (trace); i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      hidden += fsim_trace_filter_matches (filter, r) && hidden_in_text (filter, format, r);
    }
  return hidden;
}

/* The writing loop: each record is formatted into out and, when file is
 * set, written there at once and out emptied, so the output never exists
 * whole in memory (issue 9: it doubled a large run's peak). */
static gboolean
write_log (FsimTrace *trace, const FsimTraceFilter *filter, FsimFormat format, GString *out,
           FILE *file, GError **error)
{
  if (format != FSIM_FORMAT_TEXT && format != FSIM_FORMAT_JSONL)
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
                   _("a trace log is text or jsonl, not %s"), fsim_format_name (format));
      return FALSE;
    }
  gint64 n = fsim_trace_count (trace);
  int label_width = 0;
  for (gint64 i = 0; i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      /* longer labels stick out rather than push every line right */
      if (r->label && text_width (r->label) <= LABEL_MAX
          && fsim_trace_filter_matches (filter, r))
        label_width = MAX (label_width, text_width (r->label));
    }
  g_autoptr (GHashTable) whys = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                       g_free);
  for (gint64 i = 0; i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (!fsim_trace_filter_matches (filter, r) || hidden_in_text (filter, format, r))
        continue;
      if (format == FSIM_FORMAT_TEXT)
        append_text (out, whys, r, label_width);
      else
        append_jsonl (out, trace, r);
      /* written in blocks, as stdio would, not one fwrite a record */
      if (file && out->len >= 65536 && !fsim_viz_flush (out, file, error))
        return FALSE;
    }
  return file == NULL || fsim_viz_flush (out, file, error);
}

GBytes *
fsim_viz_trace_log (FsimTrace *trace, const FsimTraceFilter *filter, FsimFormat format,
                    GError **error)
{
  GString *out = g_string_new (NULL);
  if (!write_log (trace, filter, format, out, NULL, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (out);
}

gboolean
fsim_viz_trace_log_write (FsimTrace *trace, const FsimTraceFilter *filter, FsimFormat format,
                          FILE *file, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  return write_log (trace, filter, format, out, file, error);
}
