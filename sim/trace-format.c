/* trace-format.c - the canonical text of a trace and its digest.
 *
 * One line per record, every field always present, so two traces are
 * byte-identical exactly when their canonical texts are. Strings are quoted
 * and escaped (g_strescape: tab, newline, quote, backslash and non-ASCII
 * bytes become escapes), so no string can forge a field separator, and an
 * absent string ("-") differs from any present one ("\"-\""). Kinds print by
 * name; from / to by their state names; typed values by name.
 */
#include "config.h"

#include "sim/sim-private.h"

static void
append_int (GString *out, gint64 v)
{
  if (v == -1)
    g_string_append_c (out, '-');
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
}

static void
append_str (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append_c (out, '-');
      return;
    }
  g_autofree char *escaped = g_strescape (s, NULL);
  g_string_append_c (out, '"');
  g_string_append (out, escaped);
  g_string_append_c (out, '"');
}

void
fsim_trace_format_record (const FsimTraceRecord *r, GString *out)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t",
                          r->seq, r->time_us, r->kind->name);
  const gint64 subject[] = { r->job, r->vertex, r->subtask, r->attempt,
                             r->taskmanager, r->slot, r->checkpoint, r->channel };
  for (gsize i = 0; i < G_N_ELEMENTS (subject); i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_int (out, subject[i]);
    }
  const char *const strings[] = { r->label, fsim_trace_record_from_name (r),
                                  fsim_trace_record_to_name (r), r->detail, r->why };
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_string_append_c (out, '\t');
      append_str (out, strings[i]);
    }
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    if (r->kind->values[i].name)
      g_string_append_printf (out, "\t%s=%" G_GINT64_FORMAT, r->kind->values[i].name,
                              r->values[i]);
  g_string_append_c (out, '\n');
}

char *
fsim_trace_digest (FsimTrace *t)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GString) line = g_string_new (NULL);
  gint64 n = fsim_trace_count (t);
  for (gint64 i = 0; i < n; i++)
    {
      g_string_truncate (line, 0);
      fsim_trace_format_record (fsim_trace_get (t, i), line);
      g_checksum_update (sum, (const guchar *) line->str, (gssize) line->len);
    }
  return g_strdup (g_checksum_get_string (sum));
}
