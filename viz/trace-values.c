/* trace-values.c - how a record's typed values read in the text log and the
 * TUI: "busyTimeMsPerSecond 24 ms/s, records 1 record".
 *
 * A value is its kind's name, then an enumeration's name, true / false, or
 * the number with its unit, singular for 1 ("1 watermark", "1 vertex").
 * Event time in milliseconds has two values that are no time: Flink's
 * Watermark.MAX_WATERMARK (Long.MAX_VALUE), which a source emits when its
 * input ends, and Long.MIN_VALUE, the watermark before any arrived
 * (StatusWatermarkValve, WindowOperator); they read as what they mean.
 * A rate or a ratio the trace holds x 1000 reads in its own unit: 81.833/s,
 * 16.6%.
 * The numbers themselves stay in the JSON log and the digest. */
#include "config.h"

#include <string.h>

#include "viz/viz-private.h"

/* Unit abbreviations have no plural. */
static gboolean
is_abbreviation (const char *unit)
{
  static const char *const abbreviations[] = { "ms", "us", "ms/s", NULL };
  return g_strv_contains (abbreviations, unit);
}

static void
append_count (GString *out, gint64 n, const char *unit)
{
  gsize len = strlen (unit);
  if (n != 1 || len < 2 || unit[len - 1] != 's' || is_abbreviation (unit))
    g_string_append_printf (out, "%" G_GINT64_FORMAT " %s", n, unit);
  else if (g_str_has_suffix (unit, "ices"))
    g_string_append_printf (out, "1 %.*sex", (int) (len - 4), unit);   /* vertices */
  else
    g_string_append_printf (out, "1 %.*s", (int) (len - 1), unit);
}

static void
append_value (GString *out, const FsimTraceRecord *r, int i)
{
  const FsimTraceValueDesc *v = &r->kind->values[i];
  const char *text = fsim_trace_value_text (r, i);
  gint64 n = r->values[i];
  if (text)
    g_string_append (out, text);
  else if (strcmp (v->unit, "ms") == 0 && n == G_MAXINT64)
    g_string_append (out, "end of input (Long.MAX_VALUE)");
  else if (strcmp (v->unit, "ms") == 0 && n == G_MININT64)
    g_string_append (out, "none (Long.MIN_VALUE)");
  else if (strcmp (v->unit, "1/1000 per s") == 0)
    /* a rate x 1000 (FsimTaskMetricDesc's scale): 81833 is 81.833/s */
    g_string_append_printf (out, "%" G_GINT64_FORMAT ".%03d/s", n / 1000, (int) ABS (n % 1000));
  else if (strcmp (v->unit, "permille") == 0)
    /* a usage ratio x 1000 (inPoolUsage): 1000 is 100%, 166 is 16.6% */
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, n / 10);
      if (n % 10)
        g_string_append_printf (out, ".%d", (int) ABS (n % 10));
      g_string_append_c (out, '%');
    }
  else
    append_count (out, n, v->unit);
}

char *
fsim_viz_trace_values_text (const FsimTraceRecord *r)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    {
      const FsimTraceValueDesc *v = &r->kind->values[i];
      if (v->name == NULL)
        continue;
      g_string_append_printf (s, "%s%s ", s->len ? ", " : "", v->name);
      append_value (s, r, i);
    }
  return g_string_free (s, FALSE);
}
