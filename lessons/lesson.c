/* lesson.c - a lesson file: its job and its steps (docs/lessons.md).
 *
 * Loading validates everything that can be checked without a run: keys,
 * languages, the job, the trace kinds and states of each condition, the
 * queries and their arguments; fsim_lesson_run finds the rest (a condition
 * that never holds, an answer that is not among the choices). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lessons/lessons-private.h"

static const char *const keys[] = {
  "title", "job", "step", "until", "show", "highlight", "compare", "narrate", "ask", "answer",
  "choices", "explain", NULL
};
static const char *const blocks[] = { "job", NULL };
static const char *const panes[] = {
  "graph", "log", "metrics", "timeline", "checkpoints", "event-time", "inspect", NULL
};
static const char *const graph_levels[] = {
  "stream", "job", "execution", "regions", "slot-sharing", "slots", NULL
};

static void
step_free (gpointer p)
{
  FsimLessonStep *s = p;
  g_free (s->until.kind);
  g_free (s->until.to);
  g_free (s->until.from);
  g_free (s->until.op);
  g_strfreev (s->show);
  if (s->highlights)
    g_array_free (s->highlights, TRUE);
  g_clear_pointer (&s->compare, fsim_job_free);
  g_free (s->compare_what);
  fsim_course_text_clear (&s->narrate);
  fsim_course_text_clear (&s->ask);
  fsim_course_text_clear (&s->explain);
  g_strfreev (s->answer_words);
  g_strfreev (s->choices);
  g_free (s);
}

void
fsim_lesson_free (FsimLesson *lesson)
{
  g_clear_pointer (&lesson->file, fsim_course_file_free);
  fsim_course_text_clear (&lesson->title);
  g_clear_pointer (&lesson->job, fsim_job_free);
  g_ptr_array_unref (lesson->steps);
  g_free (lesson);
}

static gboolean
bad_word (const FsimCourseFile *f, const FsimCourseEntry *e, const char *word,
          const char *const *valid, const char *what, GError **error)
{
  const char *near = fsim_suggest (word, valid);
  g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
  const char *at = strstr (e->value, word);
  int col = e->value_column + (at ? (int) g_utf8_strlen (e->value, at - e->value) : 0);
  fsim_course_file_error (error, f, e->line, col, (int) strlen (word), hint,
                          _("unknown %s '%s'"), what, word);
  return FALSE;
}

/* "kind KIND [to STATE] [from STATE] [op NAME] [subtask N]", "time T", "end". */
static gboolean
parse_until (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  g_auto (GStrv) w = fsim_course_split (l->file, e, error);
  if (w == NULL)
    return FALSE;
  FsimUntil *u = &s->until;
  u->line = e->line;
  u->column = e->value_column;
  u->subtask = -1;
  static const char *const forms[] = { "kind", "time", "end", NULL };
  if (g_strcmp0 (w[0], "end") == 0 && w[1] == NULL)
    {
      u->type = FSIM_UNTIL_END;
      return TRUE;
    }
  if (g_strcmp0 (w[0], "time") == 0 && w[1])
    {
      g_autoptr (GError) local = NULL;
      g_autofree char *t = g_strjoinv (" ", w + 1);
      u->type = FSIM_UNTIL_TIME;
      if (fsim_duration_parse (t, &u->time_us, &local))
        return TRUE;
      fsim_course_file_error (error, l->file, e->line, e->value_column + 5, 0, NULL, "%s",
                              local->message);
      return FALSE;
    }
  if (g_strcmp0 (w[0], "kind") != 0 || w[1] == NULL)
    return bad_word (l->file, e, w[0], forms, _("condition (kind, time, end)"), error);
  u->type = FSIM_UNTIL_KIND;
  u->kind = g_strdup (w[1]);
  static const char *const subjects[] = { "to", "from", "op", "subtask", NULL };
  for (int i = 2; w[i]; i += 2)
    {
      if (!g_strv_contains (subjects, w[i]) || w[i + 1] == NULL)
        return bad_word (l->file, e, w[i], subjects, _("subject (to, from, op, subtask)"), error);
      char **slot = g_str_equal (w[i], "to") ? &u->to : g_str_equal (w[i], "from") ? &u->from
        : g_str_equal (w[i], "op") ? &u->op : NULL;
      if (slot)
        *slot = g_strdup (w[i + 1]);
      else if (!g_ascii_string_to_signed (w[i + 1], 10, 0, G_MAXINT32, NULL, NULL))
        return bad_word (l->file, e, w[i + 1], subjects, _("subtask index"), error);
      else
        u->subtask = atoi (w[i + 1]);
    }
  return TRUE;
}

static gboolean
parse_show (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  g_auto (GStrv) w = fsim_course_split (l->file, e, error);
  if (w == NULL)
    return FALSE;
  if (!g_strv_contains (panes, w[0]))
    return bad_word (l->file, e, w[0], panes, _("pane"), error);
  if (g_str_equal (w[0], "graph") && (w[1] == NULL || !g_strv_contains (graph_levels, w[1])))
    return bad_word (l->file, e, w[1] ? w[1] : "", graph_levels, _("graph level"), error);
  /* `log KIND`: its kind is checked against the kind table (check_show) */
  s->show = g_steal_pointer (&w);
  s->show_line = e->line;
  s->show_column = e->value_column;
  return TRUE;
}

static gboolean
parse_highlight (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  if (s->highlights == NULL)
    {
      s->highlights = g_array_new (FALSE, TRUE, sizeof (FsimLessonHighlight));
      g_array_set_clear_func (s->highlights, fsim_lesson_highlight_clear);
    }
  return fsim_lesson_highlight_parse (l->file, l->job, e, s->highlights, error);
}

/* "--set KEY=VALUE [--set KEY=VALUE…]" (the lesson's job so changed) or a
 * job file beside the lesson: run B, simulated beside the lesson's run. */
static gboolean
parse_compare (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  g_auto (GStrv) w = fsim_course_split (l->file, e, error);
  if (w == NULL)
    return FALSE;
  g_autoptr (GError) local = NULL;
  g_autoptr (FsimJob) job = NULL;
  if (g_strcmp0 (w[0], "--set") != 0)
    {
      if (w[0] == NULL || w[1] != NULL)
        {
          fsim_course_file_error (error, l->file, e->line, e->value_column, 0,
                                  _("write '--set KEY=VALUE' (repeatable) or a job file"),
                                  _("'compare:' takes --set KEY=VALUE or one job file"));
          return FALSE;
        }
      if ((job = fsim_course_load_job (l->file, e, error)) == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr (GPtrArray) sets = g_ptr_array_new ();
      for (int i = 0; w[i]; i += 2)
        if (!g_str_equal (w[i], "--set") || w[i + 1] == NULL)
          return bad_word (l->file, e, w[i], (const char *const[]) { "--set", NULL },
                           _("word ('--set KEY=VALUE')"), error);
        else
          g_ptr_array_add (sets, w[i + 1]);
      g_ptr_array_add (sets, NULL);
      const char *source = fsim_job_get_source (l->job);
      job = source ? fsim_job_parse (source, l->file->path, &local) : NULL;
      if (source == NULL)
        g_set_error_literal (&local, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_INVALID,
                             _("the lesson's job is a Flink plan, which has no text to change"));
      if (job == NULL
          || !fsim_compare_apply_sets (job, (const char *const *) sets->pdata, &local))
        {
          fsim_course_file_error (error, l->file, e->line, e->value_column, 0, NULL, "%s",
                                  local->message);
          return FALSE;
        }
    }
  s->compare = g_steal_pointer (&job);
  s->compare_what = g_strdup (e->value);
  return TRUE;
}

static gboolean
parse_answer (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  g_auto (GStrv) w = fsim_course_split (l->file, e, error);
  if (w == NULL || (s->answer = fsim_course_query (l->file, e, w, error)) == NULL)
    return FALSE;
  s->answer_words = g_steal_pointer (&w);
  s->answer_line = e->line;
  s->answer_column = e->value_column;
  return TRUE;
}

static gboolean
parse_choices (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (e->value, "|", -1);
  GPtrArray *a = g_ptr_array_new ();
  for (int i = 0; parts[i]; i++)
    {
      char *c = g_strstrip (g_strdup (parts[i]));
      if (*c)
        g_ptr_array_add (a, c);
      else
        g_free (c);
    }
  g_ptr_array_add (a, NULL);
  s->choices = (char **) g_ptr_array_free (a, FALSE);
  if (g_strv_length (s->choices) < 2)
    {
      fsim_course_file_error (error, l->file, e->line, e->key_column, 7, NULL,
                              _("'choices:' needs two or more choices separated by '|'"));
      return FALSE;
    }
  return TRUE;
}

/* until:, show:, answer:, choices: and compare: say one thing each: a second one in
 * the same step is an error, not a silent replacement of the first. */
static gboolean
given_in_step (const FsimLessonStep *s, const char *key)
{
  if (g_str_equal (key, "until"))
    return s->until.line != 0;
  if (g_str_equal (key, "show"))
    return s->show != NULL;
  if (g_str_equal (key, "answer"))
    return s->answer != NULL;
  if (g_str_equal (key, "choices"))
    return s->choices != NULL;
  if (g_str_equal (key, "compare"))
    return s->compare != NULL;
  return FALSE;
}

static gboolean
add_to_step (FsimLesson *l, FsimLessonStep *s, const FsimCourseEntry *e, GError **error)
{
  if (e->lang == NULL && given_in_step (s, e->key))
    {
      fsim_course_file_error (error, l->file, e->line, e->key_column, (int) strlen (e->key),
                              _("start a new 'step:' for the second one"),
                              _("a step takes one '%s:'; this is its second"), e->key);
      return FALSE;
    }
  if (g_str_equal (e->key, "narrate"))
    fsim_course_text_add (&s->narrate, e);
  else if (g_str_equal (e->key, "ask"))
    fsim_course_text_add (&s->ask, e);
  else if (g_str_equal (e->key, "explain"))
    fsim_course_text_add (&s->explain, e);
  else if (e->lang)
    {
      fsim_course_file_error (error, l->file, e->line, e->key_column, (int) strlen (e->key),
                              NULL, _("'%s:' is not translated; only texts take [zh_CN]"),
                              e->key);
      return FALSE;
    }
  else if (g_str_equal (e->key, "until"))
    return parse_until (l, s, e, error);
  else if (g_str_equal (e->key, "show"))
    return parse_show (l, s, e, error);
  else if (l->job == NULL && (g_str_equal (e->key, "highlight") || g_str_equal (e->key, "compare")))
    {
      fsim_course_file_error (error, l->file, e->line, e->key_column, (int) strlen (e->key),
                              NULL, _("'job:' comes before the steps"));
      return FALSE;
    }
  else if (g_str_equal (e->key, "highlight"))
    return parse_highlight (l, s, e, error);
  else if (g_str_equal (e->key, "compare"))
    return parse_compare (l, s, e, error);
  else if (g_str_equal (e->key, "answer"))
    return parse_answer (l, s, e, error);
  else if (g_str_equal (e->key, "choices"))
    return parse_choices (l, s, e, error);
  return TRUE;
}

/* An unknown trace kind name at e, with the kind it may have meant. */
static gboolean
bad_kind (FsimLesson *l, const FsimCourseEntry *e, const char *name, FsimTrace *trace,
          GError **error)
{
  GPtrArray *names = g_ptr_array_new ();
  for (guint i = 0; i < fsim_trace_kind_count (trace); i++)
    g_ptr_array_add (names, (gpointer) fsim_trace_kind_nth (trace, i)->name);
  g_ptr_array_add (names, NULL);
  bad_word (l->file, e, name, (const char *const *) names->pdata,
            _("trace kind (flinksim run --kinds)"), error);
  g_ptr_array_unref (names);
  return FALSE;
}

/* `show: log KIND`: a kind of the kind table, nothing after it. */
static gboolean
check_show (FsimLesson *l, FsimTrace *trace, FsimLessonStep *s, GError **error)
{
  if (s->show == NULL || !g_str_equal (s->show[0], "log") || s->show[1] == NULL)
    return TRUE;
  g_autofree char *value = g_strjoinv (" ", s->show);
  FsimCourseEntry e = { (char *) "show", NULL, value, s->show_line, 1, s->show_column };
  if (fsim_trace_kind_lookup (trace, s->show[1]) == NULL)
    return bad_kind (l, &e, s->show[1], trace, error);
  if (s->show[2])
    {
      fsim_course_file_error (error, l->file, s->show_line, s->show_column, 0, NULL,
                              _("'%s' after the kind: show: log KIND shows one kind"),
                              s->show[2]);
      return FALSE;
    }
  return TRUE;
}

/* What only the kind table knows: the kind's name and its states. */
static gboolean
check_until (FsimLesson *l, FsimTrace *trace, FsimLessonStep *s, GError **error)
{
  FsimUntil *u = &s->until;
  if (u->type != FSIM_UNTIL_KIND)
    return TRUE;
  FsimCourseEntry e = { (char *) "until", NULL, u->kind, u->line, 1, u->column };
  FsimTraceKind k = fsim_trace_kind_lookup (trace, u->kind);
  if (k == NULL)
    return bad_kind (l, &e, u->kind, trace, error);
  const char *states[] = { u->to, u->from };
  for (int i = 0; i < 2; i++)
    if (states[i] && (k->machine == NULL || fsim_state_machine_lookup (k->machine, states[i]) < 0))
      {
        fsim_course_file_error (error, l->file, u->line, u->column, 0, NULL,
                                _("'%s' is not a state of kind %s"), states[i], k->name);
        return FALSE;
      }
  if (u->op && fsim_course_find_node (l->job, u->op) == NULL)
    {
      fsim_course_file_error (error, l->file, u->line, u->column, 0, NULL,
                              _("the job has no operator named '%s'"), u->op);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_step (FsimLesson *l, FsimLessonStep *s, GError **error)
{
  if (s->choices && s->answer == NULL)
    {
      fsim_course_file_error (error, l->file, s->line, 1, 4, NULL,
                              _("a step with 'choices:' needs 'answer:'"));
      return FALSE;
    }
  gboolean subtask = FALSE;
  for (guint i = 0; s->highlights && i < s->highlights->len; i++)
    subtask |= g_array_index (s->highlights, FsimLessonHighlight, i).subtask >= 0;
  if (s->show && g_str_equal (s->show[0], "inspect") && !subtask)
    {
      fsim_course_file_error (error, l->file, s->line, 1, 4, NULL,
                              _("'show: inspect' opens the first highlighted subtask: add "
                                "'highlight: op NAME subtask N'"));
      return FALSE;
    }
  if ((s->ask.en || s->ask.zh) != (s->answer != NULL))
    {
      fsim_course_file_error (error, l->file, s->line, 1, 4, NULL,
                              _("a step asks a question ('ask:') exactly when it has an 'answer:'"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
build (FsimLesson *l, GError **error)
{
  FsimLessonStep *step = NULL;
  for (guint i = 0; i < l->file->entries->len; i++)
    {
      const FsimCourseEntry *e = g_ptr_array_index (l->file->entries, i);
      if (g_str_equal (e->key, "step"))
        {
          step = g_new0 (FsimLessonStep, 1);
          step->line = e->line;
          g_ptr_array_add (l->steps, step);
        }
      else if (step)
        {
          if (!add_to_step (l, step, e, error))
            return FALSE;
        }
      else if (g_str_equal (e->key, "title"))
        fsim_course_text_add (&l->title, e);
      else if (g_str_equal (e->key, "job") && l->job == NULL)
        {
          if ((l->job = fsim_course_load_job (l->file, e, error)) == NULL)
            return FALSE;
        }
      else
        {
          fsim_course_file_error (error, l->file, e->line, e->key_column, (int) strlen (e->key),
                                  NULL, _("'%s:' belongs in a step (after 'step:')"), e->key);
          return FALSE;
        }
    }
  if (l->title.en == NULL || l->job == NULL || l->steps->len == 0)
    {
      fsim_course_file_error (error, l->file, 0, 0, 0, NULL,
                              _("a lesson needs 'title:', 'job:' and at least one 'step:'"));
      return FALSE;
    }
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  for (guint i = 0; i < l->steps->len; i++)
    if (!check_step (l, g_ptr_array_index (l->steps, i), error)
        || !check_until (l, trace, g_ptr_array_index (l->steps, i), error)
        || !check_show (l, trace, g_ptr_array_index (l->steps, i), error))
      return FALSE;
  return TRUE;
}

static FsimLesson *
lesson_new (FsimCourseFile *file, GError **error)
{
  g_autoptr (FsimCourseFile) f = file;
  if (f == NULL)
    return NULL;
  g_autoptr (FsimLesson) l = g_new0 (FsimLesson, 1);
  l->file = g_steal_pointer (&f);
  l->steps = g_ptr_array_new_with_free_func (step_free);
  if (!build (l, error))
    return NULL;
  return g_steal_pointer (&l);
}

FsimLesson *
fsim_lesson_load (const char *path, GError **error)
{
  return lesson_new (fsim_course_file_read (path, keys, blocks, error), error);
}

FsimLesson *
fsim_lesson_parse (const char *path, const char *text, gsize length, GError **error)
{
  return lesson_new (fsim_course_file_parse (path, text, length, keys, blocks, error), error);
}

const char *
fsim_lesson_get_title (const FsimLesson *lesson, const char *lang)
{
  return fsim_course_text_get (&lesson->title, lang);
}

guint
fsim_lesson_get_n_steps (const FsimLesson *lesson)
{
  return lesson->steps->len;
}

static void
add_warning (GString *out, char *w)
{
  if (w)
    g_string_append (out, w);
  g_free (w);
}

char *
fsim_lesson_warnings (const FsimLesson *lesson)
{
  GString *out = g_string_new (NULL);
  add_warning (out, fsim_course_text_check (&lesson->title, lesson->file, "title"));
  for (guint i = 0; i < lesson->steps->len; i++)
    {
      const FsimLessonStep *s = g_ptr_array_index (lesson->steps, i);
      add_warning (out, fsim_course_text_check (&s->narrate, lesson->file, "narrate"));
      add_warning (out, fsim_course_text_check (&s->ask, lesson->file, "ask"));
      add_warning (out, fsim_course_text_check (&s->explain, lesson->file, "explain"));
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
