/* lesson-runner.c - a lesson in plain mode: the job is simulated once and
 * each step moves a cursor over its trace, as the TUI does (docs/design.md:
 * run once, view many ways), shows a pane, narrates and asks. */
#include "config.h"

#include <string.h>

#include "lessons/lessons-private.h"
#include "viz/viz.h"

typedef struct {
  const FsimLesson *lesson;
  const FsimLessonIO *io;
  FsimQueryContext ctx;
  gint64 shown;                 /* the cursor where the last log pane ended */
} Runner;

static void
say (Runner *r, const char *text)
{
  if (!r->io->check_only && text)
    r->io->write (text, r->io->user_data);
}

static void
sayf (Runner *r, const char *format, ...) G_GNUC_PRINTF (2, 3);
static void
sayf (Runner *r, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *text = g_strdup_vprintf (format, ap);
  va_end (ap);
  say (r, text);
}

typedef struct {
  const FsimUntil *until;
  int vertex;
} UntilMatch;

static gboolean
match_record (const FsimTraceRecord *rec, gpointer data)
{
  const UntilMatch *m = data;
  const FsimUntil *u = m->until;
  const FsimStateMachine *sm = rec->kind->machine;
  if (u->to && (sm == NULL || rec->to != fsim_state_machine_lookup (sm, u->to)))
    return FALSE;
  if (u->from && (sm == NULL || rec->from != fsim_state_machine_lookup (sm, u->from)))
    return FALSE;
  return TRUE;
}

/* The record the step's condition stops at, from the cursor on; -1 if none. */
static gint64
find_until (Runner *r, const FsimUntil *u)
{
  FsimTrace *trace = fsim_job_run_get_trace (r->ctx.run);
  gint64 last = fsim_trace_count (trace) - 1;
  if (u->type == FSIM_UNTIL_NONE)
    return r->ctx.cursor;
  if (u->type == FSIM_UNTIL_END)
    return last;
  if (u->type == FSIM_UNTIL_TIME)
    {
      gint64 i = fsim_trace_find_time (trace, u->time_us);
      return i >= 0 && i <= last ? MAX (i, r->ctx.cursor) : -1;
    }
  UntilMatch m = { u, -1 };
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.kind = fsim_trace_kind_lookup (trace, u->kind);
  filter.subtask = u->subtask;
  filter.predicate = match_record;
  filter.user_data = &m;
  if (u->op)
    {
      const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (r->ctx.run);
      FsimStreamNode *n = fsim_course_find_node (r->ctx.job, u->op);
      FsimJobVertex *jv = fsim_job_graph_get_vertex_for_node (fsim_execution_graph_get_job_graph (eg),
                                                              n->id);
      filter.vertex = fsim_execution_graph_get_job_vertex (eg, jv)->index;
    }
  /* a step stops at a record after the one the previous step stopped at */
  gint64 from = r->ctx.cursor == 0 ? 0 : r->ctx.cursor + 1;
  return fsim_trace_find_next (trace, &filter, from);
}

static void
show_bytes (Runner *r, GBytes *bytes)
{
  if (bytes == NULL)
    return;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);
  say (r, text);
}

static gboolean
not_sample (const FsimTraceRecord *rec, gpointer data)
{
  (void) data;
  return (rec->kind->flags & FSIM_KIND_SAMPLE) == 0;
}

typedef struct {
  gint64 first, last;
} SeqRange;

static gboolean
in_range (const FsimTraceRecord *rec, gpointer data)
{
  const SeqRange *range = data;
  return rec->seq >= range->first && rec->seq <= range->last;
}

/* Records first..last as `flinksim run` prints them (time, subject,
 * states, the why wrapped); kind non-NULL shows that kind only, samples
 * included. */
static void
say_log (Runner *r, gint64 first, gint64 last, FsimTraceKind kind)
{
  FsimTrace *trace = fsim_job_run_get_trace (r->ctx.run);
  SeqRange range = { first, last };
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.kind = kind;
  filter.predicate = in_range;
  filter.user_data = &range;
  g_autoptr (GBytes) bytes = fsim_viz_trace_log (trace, &filter, FSIM_FORMAT_TEXT, NULL);
  show_bytes (r, bytes);
}

/* The story since the last log pane (samples left out, as the text log
 * leaves them), at most its last 12 records; kind_name (may be NULL): that
 * kind's records only (`show: log KIND`). */
static void
show_log (Runner *r, const char *kind_name)
{
  FsimTrace *trace = fsim_job_run_get_trace (r->ctx.run);
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  FsimTraceKind kind = kind_name ? fsim_trace_kind_lookup (trace, kind_name) : NULL;
  filter.kind = kind;
  filter.predicate = kind ? NULL : not_sample;
  /* the log pane ends with the record the step stopped at; a kind's
   * records end where they end */
  gint64 first = kind ? r->ctx.cursor + 1 : r->ctx.cursor;
  for (int n = kind ? 0 : 1; n < 12; n++)
    {
      gint64 p = fsim_trace_find_prev (trace, &filter, first - 1);
      if (p < r->shown)
        break;
      first = p;
    }
  say_log (r, first, r->ctx.cursor, kind);
  say (r, "\n");
  r->shown = r->ctx.cursor + 1;
}

/* Whether show names a pane plain mode prints as the log: the log itself,
 * and the TUI's timeline of records over time, whose story the log tells. */
static gboolean
shows_log (char **show)
{
  static const char *const as_log[] = { "log", "timeline", NULL };
  return show && g_strv_contains (as_log, show[0]);
}

/* The TUI's pane for show (docs/lessons.md): the JobGraph pane lists the
 * StreamGraph's operators in their chains, each chain's slot sharing
 * group; the timeline has a row per ExecutionVertex, grouped by
 * TaskManager and slot; the step pane is the log; metrics and inspect are
 * the subtask's detail (docs/lessons.md). */
static FsimVizPane
tui_pane (char **show)
{
  static const struct {
    const char *show;
    FsimVizPane pane;
  } map[] = {
    { "graph stream", FSIM_VIZ_PANE_GRAPH }, { "graph job", FSIM_VIZ_PANE_GRAPH },
    { "graph slot-sharing", FSIM_VIZ_PANE_GRAPH },
    { "graph execution", FSIM_VIZ_PANE_TIMELINE }, { "graph regions", FSIM_VIZ_PANE_TIMELINE },
    { "graph slots", FSIM_VIZ_PANE_TIMELINE }, { "log", FSIM_VIZ_PANE_STEP },
    { "metrics", FSIM_VIZ_PANE_INSPECT }, { "timeline", FSIM_VIZ_PANE_TIMELINE },
    { "checkpoints", FSIM_VIZ_PANE_CHECKPOINTS }, { "event-time", FSIM_VIZ_PANE_EVENT_TIME },
    { "inspect", FSIM_VIZ_PANE_INSPECT },
  };
  if (show == NULL)
    return FSIM_VIZ_PANE_KEEP;
  if (g_str_equal (show[0], "log"))
    return FSIM_VIZ_PANE_STEP;  /* `log KIND` too */
  g_autofree char *joined = g_strjoinv (" ", show);
  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (joined, map[i].show))
      return map[i].pane;
  g_return_val_if_reached (FSIM_VIZ_PANE_KEEP);
}

/* The TUI's checkpoint or event-time pane at the cursor, as the TUI draws
 * it, the first highlighted subject selected (its window plotted). */
static void
show_tui_pane (Runner *r, FsimVizPane pane, GArray *subjects)
{
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (r->ctx.run);
  g_autofree char *text =
    fsim_viz_tui_pane_text (fsim_job_run_get_trace (r->ctx.run),
                            fsim_execution_graph_get_job_graph (eg),
                            fsim_job_get_name (r->ctx.job), pane, r->ctx.cursor,
                            subjects->len > 0 ? &g_array_index (subjects, FsimVizSubject, 0)
                                              : NULL);
  sayf (r, "%s\n", text);
}

static void
show_pane (Runner *r, char **show, GArray *subjects)
{
  if (show == NULL || r->io->check_only)
    return;
  g_autoptr (GBytes) bytes = NULL;
  const FsimJob *job = r->ctx.job;
  if (shows_log (show))
    return show_log (r, g_str_equal (show[0], "log") ? show[1] : NULL);
  FsimVizPane pane = tui_pane (show);
  if (pane == FSIM_VIZ_PANE_CHECKPOINTS || pane == FSIM_VIZ_PANE_EVENT_TIME)
    return show_tui_pane (r, pane, subjects);
  if (g_str_equal (show[0], "metrics") || g_str_equal (show[0], "inspect"))
    {
      FsimTrace *trace = fsim_job_run_get_trace (r->ctx.run);
      gint64 at_s = fsim_trace_get (trace, r->ctx.cursor)->time_us / G_USEC_PER_SEC;
      bytes = fsim_viz_metrics (trace, at_s, FSIM_VIZ_METRICS_TEXT, NULL);
    }
  else if (g_str_equal (show[1], "stream"))
    bytes = fsim_viz_stream_graph (job, FSIM_FORMAT_TEXT, NULL);
  else if (g_str_equal (show[1], "job"))
    bytes = fsim_viz_job_graph (job, FSIM_FORMAT_TEXT, NULL);
  else if (g_str_equal (show[1], "execution"))
    bytes = fsim_viz_execution_graph (job, FSIM_FORMAT_TEXT, NULL);
  else if (g_str_equal (show[1], "regions"))
    bytes = fsim_viz_regions (job, FSIM_FORMAT_TEXT, NULL);
  else if (g_str_equal (show[1], "slot-sharing"))
    bytes = fsim_viz_slot_sharing (job, FSIM_FORMAT_TEXT, NULL);
  else
    bytes = fsim_viz_slots (job, FSIM_FORMAT_TEXT, NULL);
  show_bytes (r, bytes);
}

static gboolean
blank (const char *line)
{
  return line[strspn (line, " \t\r")] == '\0';
}

/* The lesson's job as its file writes it, without the leading blank lines
 * that keep an inline job's diagnostics on the lesson file's lines, nor
 * trailing ones; each line ends in "\n". NULL for a job without source.
 * (transfer full) */
static char *
job_text (const FsimJob *job)
{
  const char *source = fsim_job_get_source (job);
  if (source == NULL)
    return NULL;
  g_auto (GStrv) lines = g_strsplit (source, "\n", -1);
  guint first = 0, end = g_strv_length (lines);
  while (first < end && blank (lines[first]))
    first++;
  while (end > first && blank (lines[end - 1]))
    end--;
  GString *out = g_string_new (NULL);
  for (guint i = first; i < end; i++)
    g_string_append_printf (out, "%s\n", g_strchomp (lines[i]));
  return g_string_free (out, FALSE);
}

/* The job as a listing, its lines numbered from 1, under a heading: the
 * questions refer to it (the TUI's J numbers them the same way). NULL for
 * a job without source. (transfer full) */
static char *
job_listing (const FsimJob *job)
{
  g_autofree char *text = job_text (job);
  if (text == NULL)
    return NULL;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n", _("The job this lesson runs:"));
  for (guint i = 0; lines[i] && lines[i + 1]; i++)
    g_string_append_printf (out, "%4u | %s\n", i + 1, lines[i]);
  return g_string_free (out, FALSE);
}

static void
step_error (Runner *r, GError **error, int line, int column, const char *format, const char *arg)
{
  fsim_course_file_error (error, r->lesson->file, line, column, 0, NULL, format, arg);
}

/* The learner's answer as typed: a choice's letter, or the choice as it is
 * shown (是 for yes), stands for the choice; anything else is the answer
 * itself. (transfer full) */
static char *
resolve_answer (const FsimLessonStep *s, const char *typed)
{
  g_autofree char *line = g_strstrip (g_strdup (typed));
  if (s->choices && strlen (line) == 1 && g_ascii_isalpha (line[0]))
    {
      guint i = (guint) (g_ascii_tolower (line[0]) - 'a');
      if (i < g_strv_length (s->choices))
        return g_strdup (s->choices[i]);
    }
  for (int i = 0; s->choices && s->choices[i]; i++)
    if (g_str_equal (line, fsim_query_value_display (s->choices[i])))
      return g_strdup (s->choices[i]);
  return g_steal_pointer (&line);
}

static char *
read_answer (Runner *r, const FsimLessonStep *s)
{
  g_autofree char *line = r->io->read_line (r->io->user_data);
  return line ? resolve_answer (s, line) : NULL;
}

/* The step's answer, computed from the run at the cursor; a located error
 * when the run cannot answer or the answer is not among the choices. */
static char *
right_answer (Runner *r, const FsimLessonStep *s, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *right = fsim_query_eval (s->answer, s->answer_words + 1, &r->ctx, &local);
  if (right == NULL)
    {
      step_error (r, error, s->answer_line, s->answer_column, _("cannot answer: %s"),
                  local->message);
      return NULL;
    }
  if (s->choices)
    {
      gboolean found = FALSE;
      for (int i = 0; s->choices[i]; i++)
        found |= fsim_query_answer_matches (s->answer, right, s->choices[i]);
      if (!found)
        {
          step_error (r, error, s->answer_line, s->answer_column,
                      _("the run's answer '%s' is not among the choices"), right);
          return NULL;
        }
    }
  return g_steal_pointer (&right);
}

/* "Right." or what the run says, then the step's explanation (after a
 * right answer too: a lucky guess learns why), lines joined by "\n"; *ok
 * whether answer (NULL: none) matches right. (transfer full) */
static char *
verdict (const FsimLessonStep *s, const char *right, const char *answer, const char *lang,
         gboolean *ok)
{
  *ok = answer && fsim_query_answer_matches (s->answer, right, answer);
  GString *text = g_string_new (NULL);
  if (*ok)
    g_string_assign (text, _("Right."));
  else
    {
      g_autofree char *said = fsim_viz_labelled (_("Not quite. The run says:"),
                                                 fsim_query_value_display (right));
      g_string_assign (text, said);
    }
  if (s->explain.en || s->explain.zh)
    g_string_append_printf (text, "\n%s", fsim_course_text_get (&s->explain, lang));
  return g_string_free (text, FALSE);
}

static gboolean
ask (Runner *r, const FsimLessonStep *s, guint *n_correct, GError **error)
{
  g_autofree char *right = right_answer (r, s, error);
  if (right == NULL)
    return FALSE;
  if (r->io->check_only)
    return TRUE;
  const char *lang = r->io->lang;
  g_autofree char *question = fsim_viz_labelled (_("Question:"), fsim_course_text_get (&s->ask, lang));
  sayf (r, "\n%s\n", question);
  for (int i = 0; s->choices && s->choices[i]; i++)
    sayf (r, "  %c) %s\n", 'a' + i, fsim_query_value_display (s->choices[i]));
  say (r, _("Your answer: "));
  g_autofree char *answer = read_answer (r, s);
  gboolean ok;
  g_autofree char *said = verdict (s, right, answer, lang, &ok);
  sayf (r, "\n%s\n", said);
  if (ok && n_correct)
    (*n_correct)++;
  return TRUE;
}

/* A step's `compare:`: what differs between the lesson's run and run B,
 * as `flinksim compare` prints it. */
static gboolean
compare (Runner *r, const FsimLessonStep *s, GError **error)
{
  g_autofree char *report = fsim_compare_jobs (r->ctx.job, s->compare, _("this lesson's job"),
                                               s->compare_what, error);
  if (report == NULL)
    return FALSE;
  sayf (r, "\n%s\n", _("What flinksim compare says of the two runs:"));
  say (r, report);
  return TRUE;
}

static gboolean
run_step (Runner *r, guint k, guint n, guint *n_correct, GError **error)
{
  const FsimLessonStep *s = g_ptr_array_index (r->lesson->steps, k);
  gint64 at = find_until (r, &s->until);
  if (at < 0)
    {
      step_error (r, error, s->until.line, s->until.column,
                  _("the condition never holds after the previous step (%s)"), "until");
      return FALSE;
    }
  r->ctx.cursor = at;
  FsimTrace *trace = fsim_job_run_get_trace (r->ctx.run);
  const FsimTraceRecord *stop = fsim_trace_get (trace, at);
  g_autofree char *time = fsim_time_format (stop->time_us);
  sayf (r, _("\n== Step %u of %u (simulated time %s) ==\n"), k + 1, n, time);
  /* a log pane ends with the record the step stopped at (not one of a
   * kind's records only) */
  gboolean log_pane = shows_log (s->show) && s->show[1] == NULL && !r->io->check_only;
  if (s->until.type == FSIM_UNTIL_KIND && !log_pane)
    {
      sayf (r, "%s\n", _("Stopped at:"));
      say_log (r, at, at, stop->kind);
    }
  g_autoptr (GArray) subjects = g_array_new (FALSE, FALSE, sizeof (FsimVizSubject));
  g_autofree char *look = NULL;
  if (!fsim_lesson_highlights_resolve (r->lesson->file, r->ctx.job, r->ctx.run, s->highlights,
                                       subjects, &look, error))
    return FALSE;
  show_pane (r, s->show, subjects);
  if (look)
    sayf (r, "%s\n", look);
  if (s->narrate.en)
    sayf (r, "%s\n", fsim_course_text_get (&s->narrate, r->io->lang));
  if (s->compare && !r->io->check_only && !compare (r, s, error))
    return FALSE;
  return s->answer == NULL || ask (r, s, n_correct, error);
}

gboolean
fsim_lesson_run (const FsimLesson *lesson, const FsimLessonIO *io, guint *n_correct,
                 GError **error)
{
  g_autoptr (FsimJobRun) run = fsim_course_run_job (lesson->job, error);
  if (run == NULL)
    return FALSE;
  Runner r = { lesson, io, { lesson->job, run, 0 }, 0 };
  sayf (&r, "%s\n", fsim_lesson_get_title (lesson, io->lang));
  g_autofree char *listing = job_listing (lesson->job);
  if (listing)
    sayf (&r, "\n%s", listing);
  guint right = 0, asked = 0;
  for (guint k = 0; k < lesson->steps->len; k++)
    {
      if (!run_step (&r, k, lesson->steps->len, &right, error))
        return FALSE;
      asked += ((FsimLessonStep *) g_ptr_array_index (lesson->steps, k))->answer != NULL;
    }
  sayf (&r, _("\n== End of the lesson ==\n"));
  if (asked > 0)
    sayf (&r, _("You answered %u of %u questions right.\n"), right, asked);
  if (n_correct)
    *n_correct = right;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The lesson as a tour of the run, for the TUI (viz.h's FsimVizTour)        */

struct _FsimLessonTour {
  const FsimLesson *lesson;
  char *lang;
  FsimJobRun *run;
  GArray *steps;                /* FsimVizTourStep, texts borrowed from the lesson */
  GPtrArray *rights;            /* char*: each step's answer from the run, NULL none */
  GPtrArray *subjects;          /* GArray of FsimVizSubject per step */
  GPtrArray *looks;             /* char*: each step's "Look at: …", NULL none */
  GPtrArray *compared;          /* FsimCompareRun*: each step's run B, NULL none */
  GPtrArray *shown;             /* const char**: each step's choices as shown, NULL none */
  char *job_text;               /* the job's lines, for J */
  FsimVizTour viz;
};

/* What the TUI shows of step k beyond its texts: its pane, its subjects
 * and run B; FALSE and a located error when a subject is not in the run. */
static gboolean
tour_step_extras (FsimLessonTour *t, Runner *r, const FsimLessonStep *s, FsimVizTourStep *step,
                  GError **error)
{
  GArray *subjects = g_array_new (FALSE, FALSE, sizeof (FsimVizSubject));
  g_ptr_array_add (t->subjects, subjects);
  char *look = NULL;
  if (!fsim_lesson_highlights_resolve (t->lesson->file, t->lesson->job, r->ctx.run,
                                       s->highlights, subjects, &look, error))
    return FALSE;
  g_ptr_array_add (t->looks, look);
  FsimCompareRun *b = NULL;
  if (s->compare && (b = fsim_compare_run_new (s->compare, s->compare_what, error)) == NULL)
    return FALSE;
  g_ptr_array_add (t->compared, b);
  step->pane = tui_pane (s->show);
  /* show: log KIND: the step pane lists that kind's records, as plain
   * mode prints them (show_log) */
  if (s->show && g_str_equal (s->show[0], "log") && s->show[1])
    step->log_kind = fsim_trace_kind_lookup (fsim_job_run_get_trace (r->ctx.run), s->show[1]);
  /* metrics with no subtask to inspect: the timeline, whose cells say
   * busy, idle and back-pressured time (show: inspect needs one: lesson.c) */
  gboolean subtask = FALSE;
  for (guint i = 0; i < subjects->len; i++)
    subtask |= g_array_index (subjects, FsimVizSubject, i).subtask >= 0;
  if (step->pane == FSIM_VIZ_PANE_INSPECT && !subtask)
    step->pane = FSIM_VIZ_PANE_TIMELINE;
  step->highlights = (const FsimVizSubject *) (gpointer) subjects->data;
  step->n_highlights = subjects->len;
  step->highlight_text = look;
  step->compare = b ? fsim_compare_run_get_viz (b) : NULL;
  return TRUE;
}

/* s's choices as the learner reads them (fsim_query_value_display), kept
 * by the tour; NULL for none. */
static const char *const *
shown_choices (FsimLessonTour *t, const FsimLessonStep *s)
{
  if (s->choices == NULL)
    return NULL;
  guint n = g_strv_length (s->choices);
  const char **shown = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    shown[i] = fsim_query_value_display (s->choices[i]);
  g_ptr_array_add (t->shown, shown);
  return shown;
}

static char *
tour_judge (guint step, const char *typed, gboolean *right, gpointer data)
{
  FsimLessonTour *t = data;
  const FsimLessonStep *s = g_ptr_array_index (t->lesson->steps, step);
  g_autofree char *answer = resolve_answer (s, typed);
  return verdict (s, g_ptr_array_index (t->rights, step), answer, t->lang, right);
}

FsimLessonTour *
fsim_lesson_tour_new (const FsimLesson *lesson, const char *lang, GError **error)
{
  g_autoptr (FsimJobRun) run = fsim_course_run_job (lesson->job, error);
  if (run == NULL)
    return NULL;
  FsimLessonIO io = { NULL, NULL, NULL, lang, TRUE };
  Runner r = { lesson, &io, { lesson->job, run, 0 }, 0 };
  g_autoptr (FsimLessonTour) t = g_new0 (FsimLessonTour, 1);
  t->lesson = lesson;
  t->lang = g_strdup (lang);
  t->steps = g_array_new (FALSE, TRUE, sizeof (FsimVizTourStep));
  t->rights = g_ptr_array_new_with_free_func (g_free);
  t->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  t->looks = g_ptr_array_new_with_free_func (g_free);
  t->compared = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_compare_run_free);
  t->shown = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < lesson->steps->len; k++)
    {
      const FsimLessonStep *s = g_ptr_array_index (lesson->steps, k);
      gint64 at = find_until (&r, &s->until);
      if (at < 0)
        {
          step_error (&r, error, s->until.line, s->until.column,
                      _("the condition never holds after the previous step (%s)"), "until");
          return NULL;
        }
      r.ctx.cursor = at;
      char *right = NULL;
      if (s->answer && (right = right_answer (&r, s, error)) == NULL)
        return NULL;
      g_ptr_array_add (t->rights, right);
      FsimVizTourStep step = {
        .cursor = at,
        .text = s->narrate.en ? fsim_course_text_get (&s->narrate, lang) : NULL,
        .question = s->answer ? fsim_course_text_get (&s->ask, lang) : NULL,
        .choices = s->answer ? shown_choices (t, s) : NULL,
      };
      if (!tour_step_extras (t, &r, s, &step, error))
        return NULL;
      g_array_append_val (t->steps, step);
    }
  t->run = g_steal_pointer (&run);
  t->viz.title = fsim_lesson_get_title (lesson, lang);
  t->viz.n_steps = t->steps->len;
  t->viz.steps = (const FsimVizTourStep *) (gpointer) t->steps->data;
  t->viz.judge = tour_judge;
  t->viz.judge_data = t;
  t->job_text = job_text (lesson->job);
  t->viz.job_source = t->job_text;
  return g_steal_pointer (&t);
}

void
fsim_lesson_tour_free (FsimLessonTour *t)
{
  if (t == NULL)
    return;
  if (t->run)
    fsim_job_run_free (t->run);
  if (t->steps)
    g_array_free (t->steps, TRUE);
  if (t->rights)
    g_ptr_array_free (t->rights, TRUE);
  g_clear_pointer (&t->subjects, g_ptr_array_unref);
  g_clear_pointer (&t->looks, g_ptr_array_unref);
  g_clear_pointer (&t->compared, g_ptr_array_unref);
  g_clear_pointer (&t->shown, g_ptr_array_unref);
  g_free (t->lang);
  g_free (t->job_text);
  g_free (t);
}

const FsimVizTour *
fsim_lesson_tour_get_viz (const FsimLessonTour *t)
{
  return &t->viz;
}

FsimJobRun *
fsim_lesson_tour_get_run (const FsimLessonTour *t)
{
  return t->run;
}

const FsimJob *
fsim_lesson_tour_get_job (const FsimLessonTour *t)
{
  return t->lesson->job;
}
