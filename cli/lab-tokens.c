/* lab-tokens.c - the labs' input: a sequence of tokens in arguments and
 * @FILEs, and diagnostics that point at the column (docs/labs.md).
 *
 * Tokens are separated by spaces or commas and may be spread over several
 * arguments; a token never contains a space. `@FILE` stands for the tokens
 * of FILE, where # starts a comment to the end of the line. A diagnostic
 * names the argument (numbered from 1 after `flinksim lab NAME`) or
 * FILE:LINE, the column, and shows that argument or line with a caret. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "cli/lab.h"

G_DEFINE_QUARK (fsim-lab-error-quark, fsim_lab_error)

/* The line as shown under the message: tabs as spaces, so the caret lines up. */
static char *
shown_line (const char *line)
{
  char *s = g_strdup (line);
  for (char *p = s; *p; p++)
    if (*p == '\t' || *p == '\r' || *p == '\n')
      *p = ' ';
  return s;
}

void
fsim_lab_set_error (GError **error, const FsimLabToken *token, gsize offset,
                    const char *format, ...)
{
  if (error == NULL)
    return;
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  gsize at = MIN (token->offset + offset, strlen (token->line));
  /* columns count characters, as the caret is drawn under one */
  glong column = (glong) g_utf8_strlen (token->line, (gssize) at) + 1;
  g_autofree char *where = NULL;
  if (token->file)
    where = g_strdup_printf ("%s:%d:%ld", token->file, token->file_line, column);
  else
    where = g_strdup_printf (_("argument %d, column %ld"), token->argument, column);
  g_autofree char *line = shown_line (token->line);
  g_autofree char *pad = g_strnfill ((gsize) column - 1, ' ');
  g_set_error (error, FSIM_LAB_ERROR, 0, "%s: %s\n  %s\n  %s^", where, msg, line, pad);
}

static gboolean
is_separator (char c)
{
  return c == ',' || g_ascii_isspace (c);
}

/* Adds the tokens of line (a whole argument, or one line of file). */
static void
split_line (FsimLab *lab, GPtrArray *out, const char *line, int argument, const char *file,
            int file_line)
{
  for (const char *p = line; *p;)
    {
      while (*p && is_separator (*p))
        p++;
      const char *start = p;
      while (*p && !is_separator (*p))
        p++;
      if (p == start)
        continue;
      FsimLabToken *t = fsim_lab_keep (lab, g_new0 (FsimLabToken, 1));
      t->text = fsim_lab_keep (lab, g_strndup (start, (gsize) (p - start)));
      t->line = line;
      t->offset = (gsize) (start - line);
      t->argument = argument;
      t->file = file;
      t->file_line = file_line;
      g_ptr_array_add (out, t);
    }
}

static gboolean
read_file_tokens (FsimLab *lab, GPtrArray *out, const FsimLabToken *at, GError **error)
{
  const char *path = at->text + 1;
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;
  if (*path == '\0')
    {
      fsim_lab_set_error (error, at, 1, _("expected a file name after '@'"));
      return FALSE;
    }
  /* bounded as a job file is: a FIFO, /dev/zero or a huge file is refused
   * ("PATH: cannot read: …") instead of read without end */
  gsize length;
  contents = fsim_input_read (path, FSIM_INPUT_MAX_BYTES, FSIM_INPUT_TIMEOUT_MS, &length, &local);
  if (contents == NULL)
    {
      fsim_lab_set_error (error, at, 1, "%s", local->message);
      return FALSE;
    }
  if (memchr (contents, '\0', length) != NULL)
    {
      fsim_lab_set_error (error, at, 1, _("%s holds a NUL byte: a file of tokens is text"), path);
      return FALSE;
    }
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      char *hash = strchr (lines[i], '#');
      if (hash)
        *hash = '\0';
      const char *line = fsim_lab_keep (lab, g_strdup (lines[i]));
      guint first = out->len;
      split_line (lab, out, line, at->argument, path, i + 1);
      for (guint k = first; k < out->len; k++)
        {
          const FsimLabToken *t = out->pdata[k];
          if (t->text[0] == '@')
            {
              fsim_lab_set_error (error, t, 0, _("a file of tokens cannot include another (%s)"),
                                  t->text);
              return FALSE;
            }
        }
    }
  return TRUE;
}

GPtrArray *
fsim_lab_read_tokens (FsimLab *lab, GError **error)
{
  GPtrArray *args = fsim_lab_get_args (lab);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  for (guint i = 0; i < args->len; i++)
    {
      const FsimLabToken *arg = args->pdata[i];
      split_line (lab, words, arg->line, arg->argument, NULL, 0);
    }
  GPtrArray *tokens = g_ptr_array_new ();
  for (guint i = 0; i < words->len; i++)
    {
      FsimLabToken *t = words->pdata[i];
      if (t->text[0] != '@')
        g_ptr_array_add (tokens, t);
      else if (!read_file_tokens (lab, tokens, t, error))
        {
          g_ptr_array_unref (tokens);
          return NULL;
        }
    }
  return tokens;
}

/* text[offset, offset + len) of token, len -1 for the rest. (transfer full) */
static char *
token_part (const FsimLabToken *token, gsize offset, gssize len)
{
  gsize avail = strlen (token->text) - MIN (offset, strlen (token->text));
  gsize n = len < 0 ? avail : MIN ((gsize) len, avail);
  return g_strndup (token->text + MIN (offset, strlen (token->text)), n);
}

gboolean
fsim_lab_parse_duration (const FsimLabToken *token, gsize offset, gssize len, gint64 *out_us,
                         GError **error)
{
  g_autofree char *text = token_part (token, offset, len);
  g_autoptr (GError) local = NULL;
  if (!fsim_duration_parse (text, out_us, &local))
    {
      fsim_lab_set_error (error, token, offset, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
fsim_lab_parse_int (const FsimLabToken *token, gsize offset, gssize len, gint64 min, gint64 max,
                    gint64 *out, GError **error)
{
  g_autofree char *text = token_part (token, offset, len);
  char *end = NULL;
  errno = 0;
  gint64 v = g_ascii_strtoll (text, &end, 10);
  gboolean digits = *text && (g_ascii_isdigit (*text) || (*text == '-' && g_ascii_isdigit (text[1])));
  if (!digits || errno != 0 || *end != '\0' || v < min || v > max)
    {
      fsim_lab_set_error (error, token, offset,
                          _("expected a whole number from %" PRId64 " to %" PRId64 ", found '%s'"),
                          min, max, text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
fsim_lab_parse_bool (const FsimLabToken *token, gboolean *out, GError **error)
{
  if (g_ascii_strcasecmp (token->text, "true") == 0 || g_ascii_strcasecmp (token->text, "false") == 0)
    {
      *out = g_ascii_strcasecmp (token->text, "true") == 0;
      return TRUE;
    }
  fsim_lab_set_error (error, token, 0, _("expected true or false, found '%s'"), token->text);
  return FALSE;
}

gboolean
fsim_lab_parse_choice (const FsimLabToken *token, const char *const *choices, int *out,
                       GError **error)
{
  for (int i = 0; choices[i]; i++)
    if (strcmp (choices[i], token->text) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_autofree char *all = g_strjoinv ("|", (char **) choices);
  const char *near = fsim_suggest (token->text, choices);
  if (near)
    fsim_lab_set_error (error, token, 0, _("'%s' is not one of %s; did you mean '%s'?"),
                        token->text, all, near);
  else
    fsim_lab_set_error (error, token, 0, _("'%s' is not one of %s"), token->text, all);
  return FALSE;
}
