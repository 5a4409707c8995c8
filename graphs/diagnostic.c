/* diagnostic.c - user-facing errors: file:line:col, the line, a caret, a hint. */
#include "config.h"

#include <string.h>

#include "graphs/graphs-private.h"

static char *
source_line (const char *source, int line)
{
  const char *p = source;
  for (int l = 1; l < line && p; l++)
    {
      p = strchr (p, '\n');
      if (p)
        p++;
    }
  if (p == NULL)
    return NULL;
  return g_strndup (p, strcspn (p, "\n"));
}

void
fsim_diagnostic (GError **error, int code, const char *filename,
                 const char *source, int line, int column, int span,
                 const char *hint, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);

  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s:%d:%d: error: %s\n", filename, line, column, msg);
  g_autofree char *text = source ? source_line (source, line) : NULL;
  if (text)
    {
      g_autofree char *num = g_strdup_printf ("%d", line);
      int width = (int) strlen (num);
      g_string_append_printf (s, " %s | ", num);
      /* tabs become spaces so the caret lines up */
      for (const char *c = text; *c; c++)
        g_string_append_c (s, *c == '\t' ? ' ' : *c);
      g_string_append_printf (s, "\n %*s | %*s^", width, "", MAX (column - 1, 0), "");
      for (int i = 1; i < span; i++)
        g_string_append_c (s, '~');
      g_string_append_c (s, '\n');
    }
  if (hint)
    g_string_append_printf (s, "%s\n", hint);
  g_set_error_literal (error, FSIM_GRAPHS_ERROR, code, s->str);
  g_string_free (s, TRUE);
}
