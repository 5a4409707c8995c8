/* diagnostic.c - user-facing errors: file:line:col, the line, a caret, a hint.
 *
 * Columns count characters, as the lexer and the plan locator do. The line
 * is printed so that the caret lands under its character on a terminal:
 * tabs become one space, a control character or a byte that is not UTF-8
 * is shown as U+FFFD, a wide character takes two cells, and a line too
 * long for a terminal is cut to a window around the column, with "…" where
 * text was left out. */
#include "config.h"

#include <string.h>

#include "graphs/graphs-private.h"

/* Characters of a long line shown before the column, and in all. */
#define EXCERPT_BEFORE 50
#define EXCERPT_WIDTH 100

/* The bytes of line `line` (1-based) and their length, or NULL. */
static const char *
source_line (const char *source, int line, gsize *length)
{
  /* a plain loop: sanitizers check all the rest of the text on every
   * strchr, which made a million-line file take minutes */
  const char *p = source;
  for (int l = 1; l < line; p++)
    {
      if (*p == '\0')
        return NULL;
      if (*p == '\n')
        l++;
    }
  const char *end = p;
  while (*end && *end != '\n')
    end++;
  *length = (gsize) (end - p);
  /* a CRLF file: the '\r' is not part of what the user sees */
  if (*length > 0 && p[*length - 1] == '\r')
    (*length)--;
  return p;
}

typedef struct {
  gunichar c;                   /* as shown */
  int cells;                    /* terminal cells it takes */
} Shown;

/* The line as characters to show. Each byte that does not start a valid
 * UTF-8 character counts as one character, as in fsim_text_check. */
static GArray *
shown_chars (const char *text, gsize length)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Shown));
  const char *p = text, *end = text + length;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      Shown s = { c, 1 };
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          s.c = 0xFFFD;
          p++;
        }
      else
        {
          p = g_utf8_next_char (p);
          if (c == '\t')
            s.c = ' ';
          else if (g_unichar_iscntrl (c))
            s.c = 0xFFFD;
          else if (g_unichar_iszerowidth (c))
            s.cells = 0;
          else if (g_unichar_iswide (c))
            s.cells = 2;
        }
      g_array_append_val (out, s);
    }
  return out;
}

static void
append_excerpt (GString *s, const char *text, gsize length, int line, int column, int span)
{
  g_autoptr (GArray) chars = shown_chars (text, length);
  int n = (int) chars->len;
  int at = MAX (column - 1, 0);         /* the caret's character */
  int from = 0, to = n;
  if (n > EXCERPT_WIDTH)
    {
      from = MAX (0, MIN (at - EXCERPT_BEFORE, n - EXCERPT_WIDTH));
      to = MIN (n, from + EXCERPT_WIDTH);
    }
  g_autofree char *num = g_strdup_printf ("%d", line);
  int width = (int) strlen (num);
  g_string_append_printf (s, " %s | ", num);
  int pad = 0;                  /* cells before the caret */
  if (from > 0)
    {
      g_string_append (s, "\u2026");
      pad++;
    }
  for (int i = from; i < to; i++)
    {
      Shown *c = &g_array_index (chars, Shown, i);
      g_string_append_unichar (s, c->c);
      if (i < at)
        pad += c->cells;
    }
  if (to < n)
    g_string_append (s, "\u2026");
  /* a column past the end of the line (end of file, a missing ')') */
  if (at > to)
    pad += at - to;
  g_string_append_printf (s, "\n %*s | %*s^", width, "", pad, "");
  int room = MAX (1, to - at);
  for (int i = 1; i < MIN (span, room); i++)
    g_string_append_c (s, '~');
  g_string_append_c (s, '\n');
}

/* The width of the word at column (an identifier, a key such as
 * execution.checkpointing.interval); 1 if none starts there. */
static int
word_span (const char *text, gsize length, int column)
{
  const char *p = text, *end = text + length;
  for (int c = 1; c < column && p < end; c++)
    {
      const char *next = g_utf8_find_next_char (p, end);
      p = next ? next : end;
    }
  int n = 0;
  while (p < end && (g_ascii_isalnum (*p) || *p == '_' || *p == '.' || *p == '-'))
    {
      p++;
      n++;
    }
  return MAX (n, 1);
}

/* "file:line:col: severity: msg", the line with a caret, the hint; without
 * a place (line 0) only "file: severity: msg" and the hint. */
static char *
format_diagnostic (const char *severity, const char *filename, const char *source,
                   gboolean placed, int line, int column, int span, const char *hint,
                   const char *msg)
{
  GString *s = g_string_new (NULL);
  if (!placed)
    g_string_append_printf (s, "%s: %s: %s\n", filename, severity, msg);
  else
    g_string_append_printf (s, "%s:%d:%d: %s: %s\n", filename, line, column, severity, msg);
  gsize length = 0;
  const char *text = source && placed ? source_line (source, line, &length) : NULL;
  if (text)
    append_excerpt (s, text, length, line, column,
                    span > 0 ? span : word_span (text, length, column));
  if (hint)
    g_string_append_printf (s, "%s\n", hint);
  return g_string_free (s, FALSE);
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
  if (filename == NULL)
    {
      /* an expression without a file (fsim_expression_error_column) */
      g_set_error (error, FSIM_GRAPHS_ERROR, code, "%d:%s%s%s", column, msg, hint ? "\n" : "",
                   hint ? hint : "");
      return;
    }
  g_autofree char *text = format_diagnostic ("error", filename, source, TRUE, line, column,
                                             MAX (span, 1), hint, msg);
  g_set_error_literal (error, FSIM_GRAPHS_ERROR, code, text);
}

char *
fsim_diagnostic_warning (const char *filename, const char *source, const FsimSourceSpan *site,
                         const char *hint, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  return format_diagnostic ("warning", filename, source, site->line > 0, site->line,
                            site->column, site->span, hint, msg);
}

char *
fsim_diagnostic_error (const char *filename, const char *source, const FsimSourceSpan *site,
                       const char *hint, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  return format_diagnostic ("error", filename, source, site->line > 0, site->line,
                            site->column, site->span, hint, msg);
}

gboolean
fsim_text_check (const char *text, gssize length, const char *filename, GError **error)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  const char *nul = memchr (text, '\0', n);
  const char *bad = NULL;
  if (!g_utf8_validate (text, nul ? nul - text : (gssize) n, &bad))
    nul = NULL;                 /* report the first fault */
  else
    bad = nul;
  if (bad == NULL)
    return TRUE;
  int line = 1;
  const char *bol = text;
  for (const char *c = text; c < bad; c++)
    if (*c == '\n')
      {
        line++;
        bol = c + 1;
      }
  int column = (int) g_utf8_strlen (bol, bad - bol) + 1;
  if (nul)
    fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, filename, text, line, column, 1,
                     _("a job file or plan is text; is this the right file?"),
                     _("a NUL byte in the text"));
  else
    fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, filename, text, line, column, 1,
                     _("save the file as UTF-8"),
                     _("the text is not UTF-8 (byte 0x%02X)"), (guint) (guchar) *bad);
  return FALSE;
}

const char *
fsim_text_skip_bom (const char *text)
{
  return g_str_has_prefix (text, "\xef\xbb\xbf") ? text + 3 : text;
}

gboolean
fsim_text_check_line_ends (const char *text, const char *filename, GError **error)
{
  int line = 1;
  const char *bol = text;
  for (const char *c = text; *c; c++)
    if (*c == '\n')
      {
        line++;
        bol = c + 1;
      }
    else if (*c == '\r' && c[1] != '\n')
      {
        int column = (int) g_utf8_strlen (bol, c - bol) + 1;
        fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, filename, text, line, column, 1,
                         _("save the file with LF (Unix) or CRLF (Windows) line ends"),
                         _("a carriage return (CR) without a line feed: old Mac OS line ends "
                           "are not line ends here"));
        return FALSE;
      }
  return TRUE;
}

char *
fsim_escape_controls (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const unsigned char *c = (const unsigned char *) text; *c; c++)
    switch (*c)
      {
      case '\n': g_string_append (s, "\\n"); break;
      case '\r': g_string_append (s, "\\r"); break;
      case '\t': g_string_append (s, "\\t"); break;
      default:
        if (*c < 0x20 || *c == 0x7f)
          g_string_append_printf (s, "\\u%04X", *c);
        else
          g_string_append_c (s, (char) *c);
      }
  return g_string_free (s, FALSE);
}

int
fsim_expression_error_column (GError *error)
{
  char *end = NULL;
  gint64 column = g_ascii_strtoll (error->message, &end, 10);
  g_assert (end && *end == ':');
  char *bare = g_strdup (end + 1);
  g_free (error->message);
  error->message = bare;
  return (int) column;
}
