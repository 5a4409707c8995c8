/* lesson-file.c - the line format of lesson, exercise and course files.
 *
 *   # a comment
 *   title: Operator chains
 *   title[zh_CN]: 算子链
 *   job:
 *     …job-language lines…
 *   end
 *
 * Every line is a key, an optional [LANG], a colon and a value. Errors are
 * diagnostics in the job file's form (graphs/diagnostic.c). */
#include "config.h"

#include <string.h>

#include "lessons/lessons-private.h"

G_DEFINE_QUARK (fsim-lessons-error-quark, fsim_lessons_error)

static const char *const languages[] = { "zh_CN", NULL };

static void
entry_free (gpointer p)
{
  FsimCourseEntry *e = p;
  g_free (e->key);
  g_free (e->lang);
  g_free (e->value);
  g_free (e);
}

void
fsim_course_file_free (FsimCourseFile *f)
{
  g_free (f->path);
  g_free (f->text);
  g_ptr_array_unref (f->entries);
  g_free (f);
}

void
fsim_course_file_error (GError **error, const FsimCourseFile *f, int line, int column, int span,
                        const char *hint, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  FsimSourceSpan site = { line, column, span };
  g_autofree char *text = fsim_diagnostic_error (f->path, f->text, &site, hint, "%s", msg);
  g_set_error_literal (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_PARSE, text);
}

char *
fsim_course_file_warning (const FsimCourseFile *f, int line, int column, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  FsimSourceSpan site = { line, column, 0 };
  return fsim_diagnostic_warning (f->path, f->text, &site, NULL, "%s", msg);
}

static int
key_length (const char *p)
{
  int n = 0;
  while (g_ascii_isalnum (p[n]) || p[n] == '-')
    n++;
  return n;
}

/* Parses "key[lang]:" at p (column 1-based col); NULL and an error if not. */
static FsimCourseEntry *
parse_key (const FsimCourseFile *f, const char *p, int line, int col,
           const char *const *keys, GError **error)
{
  int n = key_length (p);
  if (n == 0)
    {
      fsim_course_file_error (error, f, line, col, 1, NULL,
                              _("expected a key such as 'title:' or 'narrate:'"));
      return NULL;
    }
  g_autofree char *key = g_strndup (p, n);
  if (!g_strv_contains (keys, key))
    {
      const char *near = fsim_suggest (key, keys);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      fsim_course_file_error (error, f, line, col, n, hint, _("unknown key '%s'"), key);
      return NULL;
    }
  const char *q = p + n;
  g_autofree char *lang = NULL;
  if (*q == '[')
    {
      const char *close = strchr (q, ']');
      lang = close ? g_strndup (q + 1, close - q - 1) : NULL;
      if (lang == NULL || !g_strv_contains (languages, lang))
        {
          fsim_course_file_error (error, f, line, col + n, close ? (int) (close - q + 1) : 1,
                                  _("the languages are: zh_CN (English has no [ ])"),
                                  _("unknown language"));
          return NULL;
        }
      q = close + 1;
    }
  if (*q != ':')
    {
      fsim_course_file_error (error, f, line, col + (int) (q - p), 1, NULL,
                              _("expected ':' after '%s'"), key);
      return NULL;
    }
  FsimCourseEntry *e = g_new0 (FsimCourseEntry, 1);
  e->key = g_steal_pointer (&key);
  e->lang = g_steal_pointer (&lang);
  e->line = line;
  e->key_column = col;
  q++;
  while (*q == ' ' || *q == '\t')
    q++;
  e->value_column = col + (int) g_utf8_strlen (p, q - p);
  e->value = g_strchomp (g_strdup (q));
  return e;
}

/* A block's text: as many newlines as lines before `first`, then the lines
 * up to (not with) "end"; *next is the line index after "end". */
static char *
read_block (char **lines, guint n, guint first, guint *next)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < first; i++)
    g_string_append_c (s, '\n');
  guint i = first;
  for (; i < n; i++)
    {
      g_autofree char *t = g_strstrip (g_strdup (lines[i]));
      if (g_strcmp0 (t, "end") == 0)
        break;
      g_string_append_printf (s, "%s\n", lines[i]);
    }
  *next = i;
  return g_string_free (s, FALSE);
}

FsimCourseFile *
fsim_course_file_read (const char *path, const char *const *keys, const char *const *blocks,
                       GError **error)
{
  g_autoptr (GError) local = NULL;
  gsize length;
  g_autofree char *text = fsim_input_read (path, FSIM_INPUT_MAX_BYTES, FSIM_INPUT_TIMEOUT_MS,
                                           &length, &local);
  if (text == NULL)
    {
      g_set_error_literal (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_IO, local->message);
      return NULL;
    }
  return fsim_course_file_parse (path, text, length, keys, blocks, error);
}

FsimCourseFile *
fsim_course_file_parse (const char *path, const char *text, gsize length,
                        const char *const *keys, const char *const *blocks, GError **error)
{
  g_autoptr (FsimCourseFile) f = g_new0 (FsimCourseFile, 1);
  f->path = g_strdup (path);
  f->entries = g_ptr_array_new_with_free_func (entry_free);
  f->text = g_strndup (text, length);
  if (!g_utf8_validate (text, length, NULL) || memchr (text, '\0', length))
    {
      g_set_error (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_PARSE,
                   _("%s: error: not a UTF-8 text file"), path);
      return NULL;
    }
  g_auto (GStrv) lines = g_strsplit (f->text, "\n", -1);
  guint n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      const char *p = line;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0' || *p == '#')
        continue;
      int col = (int) (p - line) + 1;
      FsimCourseEntry *e = parse_key (f, p, (int) i + 1, col, keys, error);
      if (e == NULL)
        return NULL;
      g_ptr_array_add (f->entries, e);
      if (*e->value == '\0' && blocks && g_strv_contains (blocks, e->key))
        {
          guint next;
          g_free (e->value);
          e->value = read_block (lines, n, i + 1, &next);
          if (next >= n)
            {
              fsim_course_file_error (error, f, (int) i + 1, col, (int) strlen (e->key), NULL,
                                      _("'%s:' block without its closing 'end' line"), e->key);
              return NULL;
            }
          i = next;
          e->value_column = 0;  /* marks a block */
        }
    }
  return g_steal_pointer (&f);
}

void
fsim_course_text_add (FsimCourseText *t, const FsimCourseEntry *e)
{
  char **slot = e->lang ? &t->zh : &t->en;
  if (e->lang == NULL && t->line == 0)
    t->line = e->line;
  char *old = *slot;
  *slot = old ? g_strconcat (old, "\n", e->value, NULL) : g_strdup (e->value);
  g_free (old);
}

const char *
fsim_course_text_get (const FsimCourseText *t, const char *lang)
{
  if (g_strcmp0 (lang, "zh_CN") == 0 && t->zh)
    return t->zh;
  return t->en ? t->en : t->zh;
}

void
fsim_course_text_clear (FsimCourseText *t)
{
  g_clear_pointer (&t->en, g_free);
  g_clear_pointer (&t->zh, g_free);
}

char *
fsim_course_text_check (const FsimCourseText *t, const FsimCourseFile *f, const char *what)
{
  if (t->en && t->zh == NULL)
    return fsim_course_file_warning (f, t->line, 1, _("'%s' has no [zh_CN] translation"), what);
  return NULL;
}

char **
fsim_course_split (const FsimCourseFile *f, const FsimCourseEntry *e, GError **error)
{
  char **words = NULL;
  g_autoptr (GError) local = NULL;
  if (*e->value == '\0')
    {
      fsim_course_file_error (error, f, e->line, e->key_column, (int) strlen (e->key), NULL,
                              _("'%s:' needs a value"), e->key);
      return NULL;
    }
  if (!g_shell_parse_argv (e->value, NULL, &words, &local))
    {
      fsim_course_file_error (error, f, e->line, e->value_column, 0, NULL, "%s", local->message);
      return NULL;
    }
  return words;
}

static const char **
query_names (void)
{
  GPtrArray *a = g_ptr_array_new ();
  for (const FsimQueryDesc *q = fsim_queries (); q->name; q++)
    g_ptr_array_add (a, (gpointer) q->name);
  g_ptr_array_add (a, NULL);
  return (const char **) g_ptr_array_free (a, FALSE);
}

const FsimQueryDesc *
fsim_course_query (const FsimCourseFile *f, const FsimCourseEntry *e, char **words,
                   GError **error)
{
  const FsimQueryDesc *q = fsim_query_lookup (words[0]);
  if (q == NULL)
    {
      g_autofree const char **names = query_names ();
      const char *near = fsim_suggest (words[0], names);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      fsim_course_file_error (error, f, e->line, e->value_column, (int) strlen (words[0]), hint,
                              _("unknown query '%s' (docs/lessons.md lists them)"), words[0]);
      return NULL;
    }
  int given = (int) g_strv_length (words) - 1;
  if (given != q->n_args)
    {
      fsim_course_file_error (error, f, e->line, e->value_column, (int) strlen (words[0]), NULL,
                              ngettext ("'%s' takes %d argument, not %d",
                                        "'%s' takes %d arguments, not %d", (gulong) q->n_args),
                              q->name, q->n_args, given);
      return NULL;
    }
  return q;
}

FsimJob *
fsim_course_load_job (const FsimCourseFile *f, const FsimCourseEntry *e, GError **error)
{
  g_autoptr (GError) local = NULL;
  FsimJob *job;
  if (e->value_column == 0)
    job = fsim_job_parse (e->value, f->path, &local);
  else
    {
      g_autofree char *dir = g_path_get_dirname (f->path);
      g_autofree char *path = g_build_filename (dir, e->value, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          /* TRANSLATORS: %s is the path the lesson's job file was looked for at */
          g_autofree char *hint = g_strdup_printf (_("a job file is read beside the lesson "
                                                     "file: %s; or give the job inline, "
                                                     "'%s:' alone on its line, then its "
                                                     "lines and 'end'"), path, e->key);
          fsim_course_file_error (error, f, e->line, e->value_column,
                                  (int) g_utf8_strlen (e->value, -1), hint,
                                  _("no job file '%s'"), e->value);
          return NULL;
        }
      job = fsim_job_load (path, &local);
    }
  if (job == NULL)
    g_set_error_literal (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_PARSE, local->message);
  return job;
}

FsimJobRun *
fsim_course_run_job (const FsimJob *job, GError **error)
{
  g_autoptr (GError) local = NULL;
  FsimJobRun *run = fsim_job_run_new (job, -1, &local);
  if (run == NULL)
    {
      g_set_error_literal (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                           local->message);
      return NULL;
    }
  fsim_job_run_run (run, -1);
  return run;
}

FsimStreamNode *
fsim_course_find_node (const FsimJob *job, const char *name)
{
  FsimStreamGraph *g = fsim_job_get_stream_graph (job);
  FsimStreamNode *n = fsim_stream_graph_find_node (g, name);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (g);
  for (guint i = 0; n == NULL && i < nodes->len; i++)
    {
      FsimStreamNode *m = g_ptr_array_index (nodes, i);
      if (g_strcmp0 (m->function, name) == 0)
        n = m;
    }
  /* a source as fromSource names it: "Src" for "Source: Src" */
  g_autofree char *source = g_strconcat ("Source: ", name, NULL);
  for (guint i = 0; n == NULL && i < nodes->len; i++)
    {
      FsimStreamNode *m = g_ptr_array_index (nodes, i);
      if (m->is_source && g_strcmp0 (m->name, source) == 0)
        n = m;
    }
  return n;
}
