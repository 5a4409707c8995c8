/* exercise.c - an exercise file: a task, a starter and a solution job, hints
 * in steps, and goals checked on the simulation of the learner's file:
 *
 *   goal: slots-needed == 4
 *   goal: parallelism "Map" == 4
 *
 * A goal is a query (lessons/queries.c), an operator (== != <= >= < >) and
 * a value; numbers compare as numbers, words without case. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lessons/lessons-private.h"

typedef struct {
  const FsimQueryDesc *query;
  char **words;                 /* query and args */
  char *op;
  char *value;
  int line;
} Goal;

struct _FsimExercise {
  FsimCourseFile *file;
  FsimCourseText title, task;
  GArray *hints;                /* FsimCourseText */
  char *starter, *solution;
  GPtrArray *goals;             /* Goal* */
};

static const char *const keys[] = {
  "title", "task", "hint", "starter", "solution", "goal", NULL
};
static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">", NULL };

static void
goal_free (gpointer p)
{
  Goal *g = p;
  g_strfreev (g->words);
  g_free (g->op);
  g_free (g->value);
  g_free (g);
}

void
fsim_exercise_free (FsimExercise *ex)
{
  g_clear_pointer (&ex->file, fsim_course_file_free);
  fsim_course_text_clear (&ex->title);
  fsim_course_text_clear (&ex->task);
  for (guint i = 0; i < ex->hints->len; i++)
    fsim_course_text_clear (&g_array_index (ex->hints, FsimCourseText, i));
  g_array_unref (ex->hints);
  g_free (ex->starter);
  g_free (ex->solution);
  g_ptr_array_unref (ex->goals);
  g_free (ex);
}

static gboolean
parse_goal (FsimExercise *ex, const FsimCourseEntry *e, GError **error)
{
  g_auto (GStrv) w = fsim_course_split (ex->file, e, error);
  if (w == NULL)
    return FALSE;
  guint n = g_strv_length (w);
  if (n < 3 || !g_strv_contains (ops, w[n - 2]))
    {
      fsim_course_file_error (error, ex->file, e->line, e->value_column, 0, NULL,
                              _("a goal is QUERY [ARGS] OP VALUE, OP one of == != <= >= < >"));
      return FALSE;
    }
  Goal *g = g_new0 (Goal, 1);
  g->value = g_strdup (w[n - 1]);
  g->op = g_strdup (w[n - 2]);
  g->line = e->line;
  g_free (w[n - 2]);
  g_free (w[n - 1]);
  w[n - 2] = NULL;
  w[n - 1] = NULL;
  g->words = g_steal_pointer (&w);
  g_ptr_array_add (ex->goals, g);
  g->query = fsim_course_query (ex->file, e, g->words, error);
  return g->query != NULL;
}

static char *
sibling (const FsimCourseFile *f, const char *name)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  return g_build_filename (dir, name, NULL);
}

static gboolean
add_entry (FsimExercise *ex, const FsimCourseEntry *e, GError **error)
{
  if (g_str_equal (e->key, "title"))
    fsim_course_text_add (&ex->title, e);
  else if (g_str_equal (e->key, "task"))
    fsim_course_text_add (&ex->task, e);
  else if (g_str_equal (e->key, "hint"))
    {
      if (e->lang == NULL)
        g_array_set_size (ex->hints, ex->hints->len + 1);
      if (ex->hints->len > 0)
        fsim_course_text_add (&g_array_index (ex->hints, FsimCourseText, ex->hints->len - 1), e);
    }
  else if (g_str_equal (e->key, "goal"))
    return parse_goal (ex, e, error);
  else
    {
      char **slot = g_str_equal (e->key, "starter") ? &ex->starter : &ex->solution;
      g_free (*slot);
      *slot = sibling (ex->file, e->value);
      if (!g_file_test (*slot, G_FILE_TEST_IS_REGULAR))
        {
          fsim_course_file_error (error, ex->file, e->line, e->value_column, 0, NULL,
                                  _("no such file: %s"), *slot);
          return FALSE;
        }
    }
  return TRUE;
}

static FsimExercise *
exercise_new (FsimCourseFile *file, GError **error)
{
  g_autoptr (FsimCourseFile) f = file;
  if (f == NULL)
    return NULL;
  g_autoptr (FsimExercise) ex = g_new0 (FsimExercise, 1);
  ex->file = g_steal_pointer (&f);
  ex->hints = g_array_new (FALSE, TRUE, sizeof (FsimCourseText));
  ex->goals = g_ptr_array_new_with_free_func (goal_free);
  for (guint i = 0; i < ex->file->entries->len; i++)
    if (!add_entry (ex, g_ptr_array_index (ex->file->entries, i), error))
      return NULL;
  if (ex->title.en == NULL || ex->task.en == NULL || ex->starter == NULL
      || ex->solution == NULL || ex->goals->len == 0)
    {
      fsim_course_file_error (error, ex->file, 0, 0, 0, NULL,
                              _("an exercise needs 'title:', 'task:', 'starter:', 'solution:' "
                                "and at least one 'goal:'"));
      return NULL;
    }
  return g_steal_pointer (&ex);
}

FsimExercise *
fsim_exercise_load (const char *path, GError **error)
{
  return exercise_new (fsim_course_file_read (path, keys, NULL, error), error);
}

FsimExercise *
fsim_exercise_parse (const char *path, const char *text, gsize length, GError **error)
{
  return exercise_new (fsim_course_file_parse (path, text, length, keys, NULL, error), error);
}

const char *
fsim_exercise_get_title (const FsimExercise *ex, const char *lang)
{
  return fsim_course_text_get (&ex->title, lang);
}

const char *
fsim_exercise_get_task (const FsimExercise *ex, const char *lang)
{
  return fsim_course_text_get (&ex->task, lang);
}

guint
fsim_exercise_get_n_hints (const FsimExercise *ex)
{
  return ex->hints->len;
}

const char *
fsim_exercise_get_hint (const FsimExercise *ex, guint i, const char *lang)
{
  g_assert (i < ex->hints->len);
  return fsim_course_text_get (&g_array_index (ex->hints, FsimCourseText, i), lang);
}

const char *
fsim_exercise_get_starter (const FsimExercise *ex)
{
  return ex->starter;
}

const char *
fsim_exercise_get_solution (const FsimExercise *ex)
{
  return ex->solution;
}

char *
fsim_exercise_warnings (const FsimExercise *ex)
{
  GString *out = g_string_new (NULL);
  const FsimCourseText *texts[] = { &ex->title, &ex->task };
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *w = fsim_course_text_check (texts[i], ex->file, i ? "task" : "title");
      if (w)
        g_string_append (out, w);
    }
  for (guint i = 0; i < ex->hints->len; i++)
    {
      g_autofree char *w = fsim_course_text_check (&g_array_index (ex->hints, FsimCourseText, i),
                                                   ex->file, "hint");
      if (w)
        g_string_append (out, w);
    }
  return out->len ? g_string_free (out, FALSE) : (g_string_free (out, TRUE), NULL);
}

/* The goal's query as the exercise file writes it: an argument with a
 * space in quotes ("Source: Events"), so two operators read apart. */
static char *
goal_text (const Goal *g)
{
  GString *s = g_string_new (g->words[0]);
  for (char **w = g->words + 1; *w; w++)
    g_string_append_printf (s, strchr (*w, ' ') ? " \"%s\"" : " %s", *w);
  return g_string_free (s, FALSE);
}

char *
fsim_exercise_goals_text (const FsimExercise *ex)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < ex->goals->len; i++)
    {
      const Goal *g = g_ptr_array_index (ex->goals, i);
      g_autofree char *goal = goal_text (g);
      g_string_append_printf (out, "  %s %s %s\n", goal, g->op, fsim_query_value_display (g->value));
    }
  return g_string_free (out, FALSE);
}

/* What the run gave, as a learner reads it: a measured duration, which
 * TimeUtils' form can only write in microseconds, as the run's durations
 * read (8.258 s, not 8258067 us); a configured one as written (50 s);
 * yes/no translated. (transfer full) */
static char *
actual_text (const Goal *g, const char *actual)
{
  gint64 us;
  if (g->query->type == FSIM_QUERY_DURATION && g_str_has_suffix (actual, " us")
      && fsim_duration_parse (actual, &us, NULL) && us >= 1000)
    return fsim_duration_text (us);
  return g_strdup (fsim_query_value_display (actual));
}

static gboolean
holds (const Goal *g, const char *actual)
{
  gint64 a, v;
  int cmp;
  if (g->query->type != FSIM_QUERY_WORD
      && g_ascii_string_to_signed (actual, 10, G_MININT64, G_MAXINT64, &a, NULL)
      && g_ascii_string_to_signed (g->value, 10, G_MININT64, G_MAXINT64, &v, NULL))
    cmp = a < v ? -1 : a > v;
  else if (g->query->type == FSIM_QUERY_DURATION && fsim_duration_parse (actual, &a, NULL)
           && fsim_duration_parse (g->value, &v, NULL))
    /* durations order as durations: "1.5 s" < "2 s" */
    cmp = a < v ? -1 : a > v;
  else
    cmp = fsim_query_answer_matches (g->query, actual, g->value) ? 0 : 1;
  if (g_str_equal (g->op, "=="))
    return cmp == 0;
  if (g_str_equal (g->op, "!="))
    return cmp != 0;
  if (g_str_equal (g->op, "<="))
    return cmp <= 0;
  if (g_str_equal (g->op, ">="))
    return cmp >= 0;
  if (g_str_equal (g->op, "<"))
    return cmp < 0;
  return cmp > 0;
}

gboolean
fsim_exercise_check (const FsimExercise *ex, const FsimJob *job, const char *lang,
                     gboolean *passed, char **report, GError **error)
{
  (void) lang;
  g_autoptr (FsimJobRun) run = fsim_course_run_job (job, error);
  if (run == NULL)
    return FALSE;
  FsimQueryContext ctx = { job, run, fsim_trace_count (fsim_job_run_get_trace (run)) - 1 };
  GString *out = g_string_new (NULL);
  *passed = TRUE;
  for (guint i = 0; i < ex->goals->len; i++)
    {
      const Goal *g = g_ptr_array_index (ex->goals, i);
      g_autoptr (GError) local = NULL;
      g_autofree char *actual = fsim_query_eval (g->query, g->words + 1, &ctx, &local);
      g_autofree char *goal = goal_text (g);
      if (actual && holds (g, actual))
        {
          /* TRANSLATORS: a goal the run meets; "met" is aligned with FAIL */
          g_string_append_printf (out, _("  met   %s %s %s\n"), goal, g->op,
                                  fsim_query_value_display (g->value));
          continue;
        }
      *passed = FALSE;
      if (actual)
        {
          g_autofree char *what = fsim_query_describe (g->query, g->words + 1, &ctx);
          g_autofree char *gives = actual_text (g, actual);
          g_string_append_printf (out, _("  FAIL  %s %s %s: the run gives %s \u2014 %s\n"), goal,
                                  g->op, fsim_query_value_display (g->value), gives, what);
        }
      else
        g_string_append_printf (out, _("  FAIL  %s %s %s: %s\n"), goal, g->op,
                                fsim_query_value_display (g->value), local->message);
    }
  *report = g_string_free (out, FALSE);
  return TRUE;
}

guint
fsim_exercise_number_in (const char *job_text)
{
  const char *p = strstr (job_text, "# exercise:");
  if (p == NULL)
    return 0;
  return (guint) strtoul (p + strlen ("# exercise:"), NULL, 10);
}
