/* tui-lesson.c - the lesson mode: a guided tour of the run (viz.h's
 * FsimVizTour) in a narration pane above the others.
 *
 * Each step of the tour is a cursor: ] and [ move to the next or previous
 * step and put the cursor on its record; every other key works as in
 * `flinksim tui`, so the learner can step around the record, inspect a
 * subtask, look at the graph. The pane says "Step k of n", the narration,
 * the question and its choices; a opens the answer line in the pane, Enter
 * hands the answer to the tour's judge and the pane keeps its verdict. The
 * J shows the lesson's job in the pane instead, its lines numbered as
 * plain mode lists them (the questions refer to it), and J again, a step
 * key or a brings the step back. A step's `show: log KIND` lists only that
 * kind's records in the step pane while the tour is at the step. The
 * TUI does not know what a lesson is: the steps, the texts and the judge
 * come from whoever built the tour (lessons/ through cli/).
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "viz/tui-private.h"

/* The pane a step's `show:` names, opened as its key would open it. */
static void
open_pane (FsimTui *t, FsimVizPane pane)
{
  if (pane == FSIM_VIZ_PANE_KEEP)
    return;
  if (t->mode == FSIM_TUI_MODE_INSPECT && pane != FSIM_VIZ_PANE_INSPECT)
    t->mode = FSIM_TUI_MODE_NORMAL;
  switch (pane)
    {
    case FSIM_VIZ_PANE_TIMELINE:
      t->focus = FSIM_TUI_PANE_TIMELINE;
      break;
    case FSIM_VIZ_PANE_GRAPH:
      t->show_checkpoints = t->show_event_time = FALSE;
      t->focus = t->job_graph ? FSIM_TUI_PANE_GRAPH : FSIM_TUI_PANE_TIMELINE;
      t->scroll[FSIM_TUI_PANE_GRAPH] = 0;       /* the highlighted vertex in view */
      break;
    case FSIM_VIZ_PANE_STEP:
      t->focus = FSIM_TUI_PANE_STEP;
      break;
    case FSIM_VIZ_PANE_CHECKPOINTS:
      t->show_event_time = FALSE;
      t->show_checkpoints = TRUE;
      t->focus = FSIM_TUI_PANE_CHECKPOINTS;
      break;
    case FSIM_VIZ_PANE_EVENT_TIME:
      t->show_event_time = TRUE;
      t->focus = FSIM_TUI_PANE_EVENT_TIME;
      break;
    case FSIM_VIZ_PANE_INSPECT:
      t->mode = FSIM_TUI_MODE_INSPECT;
      t->inspect_scroll = 0;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Step k: the cursor on its record, its first highlighted subtask (or the
 * first subtask of a highlighted vertex) selected, its pane open, the run
 * it compares with kept for w. */
static void
open_step (FsimTui *t, guint k)
{
  const FsimVizTourStep *s = &t->tour->steps[k];
  t->tour_step = k;
  t->tour_scroll = -1;
  t->tour_job = FALSE;
  t->running = FALSE;
  t->step_kind = s->pane == FSIM_VIZ_PANE_STEP ? s->log_kind : NULL;
  t->scroll[FSIM_TUI_PANE_STEP] = 0;
  fsim_tui_set_cursor (t, s->cursor);
  if (s->n_highlights > 0)
    {
      t->sel_vertex = s->highlights[0].vertex;
      t->sel_subtask = MAX (s->highlights[0].subtask, 0);
    }
  open_pane (t, s->pane);
  if (s->compare)
    fsim_tui_runs_add (t, s->compare);
}

void
fsim_tui_set_tour (FsimTui *t, const FsimVizTour *tour)
{
  g_return_if_fail (tour == NULL || tour->n_steps > 0);
  /* one entry per step, NULL where it was not answered: not a GStrv, whose
   * g_strfreev would stop at the first unanswered step */
  for (guint k = 0; t->tour && k < t->tour->n_steps; k++)
    {
      g_free (t->tour_answers[k]);
      g_free (t->tour_verdicts[k]);
    }
  g_free (t->tour_answers);
  g_free (t->tour_verdicts);
  g_free (t->tour_right);
  t->tour_answers = t->tour_verdicts = NULL;
  t->tour_right = NULL;
  t->tour = tour;
  t->tour_step = 0;
  t->step_kind = NULL;
  if (tour == NULL)
    return;
  t->tour_answers = g_new0 (char *, tour->n_steps + 1);
  t->tour_verdicts = g_new0 (char *, tour->n_steps + 1);
  t->tour_right = g_new0 (gboolean, tour->n_steps);
  open_step (t, 0);
}

guint
fsim_tui_tour_move (FsimTui *t, int direction)
{
  if (t->tour == NULL)
    return 0;
  if (direction > 0 && t->tour_step + 1 >= t->tour->n_steps)
    return fsim_tui_set_message (t, FALSE, _("the last step of the lesson; [ goes back, q quits"));
  if (direction < 0 && t->tour_step == 0)
    return fsim_tui_set_message (t, FALSE, _("the first step of the lesson; ] goes on"));
  open_step (t, t->tour_step + (direction > 0 ? 1 : -1));
  return FSIM_TUI_REDRAW;
}

static const FsimVizTourStep *
marking_step (FsimTui *t)
{
  return t->tour && t->tour->steps[t->tour_step].n_highlights ? &t->tour->steps[t->tour_step]
                                                             : NULL;
}

gboolean
fsim_tui_tour_marks_subtask (FsimTui *t, gint32 vertex, gint32 subtask)
{
  const FsimVizTourStep *s = marking_step (t);
  for (guint i = 0; s && i < s->n_highlights; i++)
    {
      const FsimVizSubject *h = &s->highlights[i];
      if (h->vertex == vertex && (h->subtask < 0 || h->subtask == subtask))
        return TRUE;
      if (h->to_vertex == vertex && h->to_subtask == subtask)
        return TRUE;
    }
  return FALSE;
}

gboolean
fsim_tui_tour_marks_vertex (FsimTui *t, gint32 vertex)
{
  const FsimVizTourStep *s = marking_step (t);
  for (guint i = 0; s && i < s->n_highlights; i++)
    if (s->highlights[i].vertex == vertex || s->highlights[i].to_vertex == vertex)
      return TRUE;
  return FALSE;
}

gboolean
fsim_tui_tour_marks_edge (FsimTui *t, gint32 from_vertex, gint32 to_vertex)
{
  const FsimVizTourStep *s = marking_step (t);
  for (guint i = 0; s && i < s->n_highlights; i++)
    if (s->highlights[i].vertex == from_vertex && s->highlights[i].to_vertex == to_vertex)
      return TRUE;
  return FALSE;
}

guint
fsim_tui_tour_ask (FsimTui *t)
{
  if (t->tour == NULL)
    return 0;
  if (t->tour->steps[t->tour_step].question == NULL)
    return fsim_tui_set_message (t, FALSE, _("this step asks nothing; ] goes to the next one"));
  t->mode_under_prompt = t->mode == FSIM_TUI_MODE_INSPECT ? FSIM_TUI_MODE_INSPECT
                                                          : FSIM_TUI_MODE_NORMAL;
  t->mode = FSIM_TUI_MODE_PROMPT_ANSWER;
  t->running = FALSE;
  t->tour_job = FALSE;          /* the question and the answer line in view */
  g_string_truncate (t->prompt, 0);
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_tour_toggle_job (FsimTui *t)
{
  if (t->tour == NULL)
    return 0;
  if (t->tour->job_source == NULL)
    return fsim_tui_set_message (t, FALSE, _("this lesson has no job text to show"));
  t->tour_job = !t->tour_job;
  t->tour_scroll = t->tour_job ? 0 : -1;        /* the job from its first line */
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_tour_scroll (FsimTui *t, int direction)
{
  if (t->tour == NULL)
    return 0;
  int page = MAX (t->drawn.lesson_page - 1, 1);
  int last = MAX (t->drawn.lesson_rows - t->drawn.lesson_page, 0);
  if (last == 0)
    return fsim_tui_set_message (t, FALSE, _("the lesson pane shows all of this step"));
  int from = t->tour_scroll >= 0 ? MIN (t->tour_scroll, last) : t->drawn.lesson_first;
  t->tour_scroll = CLAMP (from + direction * page, 0, last);
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_tour_answer (FsimTui *t, const char *answer)
{
  if (t->tour == NULL)
    return 0;
  g_autofree char *typed = g_strstrip (g_strdup (answer));
  if (*typed == '\0')
    return fsim_tui_set_message (t, FALSE, _("no answer given; a asks again"));
  guint k = t->tour_step;
  gboolean right = FALSE;
  char *verdict = t->tour->judge (k, typed, &right, t->tour->judge_data);
  g_free (t->tour_answers[k]);
  g_free (t->tour_verdicts[k]);
  t->tour_answers[k] = g_steal_pointer (&typed);
  t->tour_verdicts[k] = verdict;
  t->tour_right[k] = right;
  t->tour_scroll = -1;          /* the verdict in view */
  return FSIM_TUI_REDRAW;
}

/* ------------------------------------------------------------------------ */
/* The pane                                                                   */

/* A paragraph of the pane, wrapped when drawn. */
typedef struct {
  char *text;
  FsimTuiRole role;
  guint attr;
  int indent;                   /* of continuation rows */
  gboolean prompt;              /* the answer line: the cursor after it */
} Para;

static void
para (GArray *out, FsimTuiRole role, guint attr, int indent, char *text)
{
  Para p = { text, role, attr, indent, FALSE };
  g_array_append_val (out, p);
}

/* The lines of a lesson text as one paragraph: lines joined by a space,
 * or by nothing after a wide (CJK) character, as Chinese is written. */
static char *
join_lines (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (ch != '\n')
        {
          g_string_append_unichar (s, ch);
          continue;
        }
      const char *last = s->len ? g_utf8_find_prev_char (s->str, s->str + s->len) : NULL;
      if (last && fsim_tui_char_width (g_utf8_get_char (last)) < 2)
        g_string_append_c (s, ' ');
    }
  return g_string_free (s, FALSE);
}

static void
clear_paras (GArray *paras)
{
  for (guint i = 0; i < paras->len; i++)
    g_free (g_array_index (paras, Para, i).text);
  g_array_free (paras, TRUE);
}

/* The questions the tour asks; *right: how many the learner's last
 * answer got right. */
static guint
score (FsimTui *t, guint *right)
{
  guint asked = 0;
  *right = 0;
  for (guint k = 0; k < t->tour->n_steps; k++)
    {
      asked += t->tour->steps[k].question != NULL;
      *right += t->tour_verdicts[k] && t->tour_right[k];
    }
  return asked;
}

/* The job, a paragraph per line numbered from 1 as plain mode lists it,
 * continuation rows under the line's text, after a heading. */
static GArray *
job_paras (FsimTui *t)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Para));
  para (out, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, 0,
        g_strdup (_("The job this lesson runs (J goes back to the step):")));
  g_auto (GStrv) lines = g_strsplit (t->tour->job_source, "\n", -1);
  guint n = g_strv_length (lines);
  if (n > 0 && *lines[n - 1] == '\0')
    n--;                        /* the newline that ends the last line */
  for (guint i = 0; i < n; i++)
    para (out, FSIM_TUI_ROLE_DEFAULT, 0, 7,
          g_strdup_printf ("%4u | %s", i + 1, g_strchomp (lines[i])));
  return out;
}

static GArray *
lesson_paras (FsimTui *t)
{
  if (t->tour_job)
    return job_paras (t);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Para));
  const FsimVizTourStep *s = &t->tour->steps[t->tour_step];
  guint k = t->tour_step;
  /* first, so that a full pane never cuts it */
  if (t->cursor != s->cursor)
    para (out, FSIM_TUI_ROLE_WARN, 0, 0,
          g_strdup_printf (_("The cursor is at #%" PRId64 "; this step stops at #%" PRId64
                             " ([ and ] go to a step's record)."), t->cursor, s->cursor));
  if (s->text)
    para (out, FSIM_TUI_ROLE_DEFAULT, 0, 0, join_lines (s->text));
  if (s->highlight_text)
    para (out, FSIM_TUI_ROLE_LESSON, 0, 2, g_strdup_printf ("\u25C6 %s", s->highlight_text));
  if (s->question)
    {
      g_autofree char *q = join_lines (s->question);
      para (out, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, 0,
            fsim_viz_labelled (_("Question:"), q));
      for (int i = 0; s->choices && s->choices[i]; i++)
        para (out, FSIM_TUI_ROLE_DEFAULT, 0, 5, g_strdup_printf ("  %c) %s", 'a' + i,
                                                                  s->choices[i]));
      if (t->mode == FSIM_TUI_MODE_PROMPT_ANSWER)
        {
          para (out, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, 0,
                fsim_viz_labelled (_("Your answer:"), t->prompt->str));
          g_array_index (out, Para, out->len - 1).prompt = TRUE;
          para (out, FSIM_TUI_ROLE_DIM, 0, 0,
                g_strdup (s->choices ? _("a letter or the choice; Enter submits, Esc cancels")
                                     : _("Enter submits, Esc cancels")));
        }
      else if (t->tour_verdicts[k])
        {
          /* a choice's letter says which choice it picked */
          const char *typed = t->tour_answers[k];
          int c = g_ascii_tolower (typed[0]) - 'a';
          gboolean letter = s->choices && typed[1] == '\0' && g_ascii_isalpha (typed[0])
                            && c < (int) g_strv_length ((char **) s->choices);
          g_autofree char *picked = letter ? g_strdup_printf ("%c) %s", 'a' + c, s->choices[c])
                                           : g_strdup (typed);
          para (out, FSIM_TUI_ROLE_KEY, 0, 0, fsim_viz_labelled (_("Your answer:"), picked));
          /* the verdict's line, then the explanation as one paragraph,
           * reflowed like the narration */
          g_auto (GStrv) parts = g_strsplit (t->tour_verdicts[k], "\n", 2);
          para (out, t->tour_right[k] ? FSIM_TUI_ROLE_GOOD : FSIM_TUI_ROLE_BAD,
                FSIM_TUI_ATTR_BOLD, 0, g_strdup (parts[0]));
          if (parts[1] && *parts[1])
            para (out, FSIM_TUI_ROLE_DEFAULT, 0, 0, join_lines (parts[1]));
          para (out, FSIM_TUI_ROLE_DIM, 0, 0, g_strdup (_("a answers again; ] goes on")));
        }
      else
        para (out, FSIM_TUI_ROLE_DIM, 0, 0, g_strdup (_("a: type your answer")));
    }
  if (k + 1 == t->tour->n_steps && t->cursor == s->cursor)
    {
      guint right, asked = score (t, &right);
      para (out, FSIM_TUI_ROLE_DIM, 0, 0, asked
            ? g_strdup_printf (ngettext ("The last step of the lesson: %u of %u question "
                                         "answered right; q quits.",
                                         "The last step of the lesson: %u of %u questions "
                                         "answered right; q quits.", asked), right, asked)
            : g_strdup (_("The last step of the lesson: q quits.")));
    }
  return out;
}

/* Text columns inside the pane's borders and padding. */
static int
text_cols (int width)
{
  return MAX (width - 4, 1);
}

static int
para_rows (const Para *p, int cols)
{
  g_autoptr (GPtrArray) lines = fsim_tui_wrap (p->text, cols, MAX (cols - p->indent, 1));
  /* the prompt's cursor cell may need a row of its own */
  return MAX ((int) lines->len, 1);
}

int
fsim_tui_lesson_rows_wanted (FsimTui *t, int width)
{
  if (t->tour == NULL)
    return 0;
  GArray *paras = lesson_paras (t);
  int rows = 0;
  for (guint i = 0; i < paras->len; i++)
    rows += para_rows (&g_array_index (paras, Para, i), text_cols (width));
  clear_paras (paras);
  return rows;
}

/* A wrapped row of the pane. */
typedef struct {
  const char *text;             /* borrowed from its wrap */
  const Para *para;
  int x;
  gboolean prompt_end;          /* the answer line's last row: the cursor after it */
} Row;

void
fsim_tui_draw_lesson (FsimTui *t, FsimTuiArea a)
{
  t->drawn.lesson = a;
  g_autofree char *title =
    g_strdup_printf (_("Lesson: %s \u00b7 Step %u of %u"), t->tour->title ? t->tour->title : "",
                     t->tour_step + 1, t->tour->n_steps);
  guint right, asked = score (t, &right);
  if (asked)
    {
      char *with = g_strdup_printf (_("%s \u00b7 %u of %u right"), title, right, asked);
      g_free (title);
      title = with;
    }
  fsim_tui_box (a, title, t->mode == FSIM_TUI_MODE_PROMPT_ANSWER);
  FsimTuiArea in = fsim_tui_area_sub (a, 2, 1, a.w - 4, a.h - 2);
  GArray *paras = lesson_paras (t);
  g_autoptr (GPtrArray) wraps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  for (guint i = 0; i < paras->len; i++)
    {
      const Para *p = &g_array_index (paras, Para, i);
      GPtrArray *lines = fsim_tui_wrap (p->text, in.w, MAX (in.w - p->indent, 1));
      g_ptr_array_add (wraps, lines);
      for (guint j = 0; j < MAX (lines->len, 1u); j++)
        {
          Row r = { j < lines->len ? g_ptr_array_index (lines, j) : "", p, j == 0 ? 0 : p->indent,
                    p->prompt && j + 1 >= lines->len };
          g_array_append_val (rows, r);
        }
    }
  /* the note that the cursor left the step's record stays on top; the
   * rest scrolls. Too long for the pane: once an answer is typed or
   * judged, its end is what matters (the question stays above it as far
   * as it fits), unless { and } scrolled it */
  int pinned = 0, n = (int) rows->len;
  while (pinned < n && pinned < in.h - 1
         && g_array_index (rows, Row, pinned).para == &g_array_index (paras, Para, 0)
         && g_array_index (paras, Para, 0).role == FSIM_TUI_ROLE_WARN)
    pinned++;
  FsimTuiArea body = fsim_tui_area_sub (in, 0, pinned, in.w, in.h - pinned);
  int first = 0, shown = n - pinned;
  gboolean answering = t->mode == FSIM_TUI_MODE_PROMPT_ANSWER
                       || t->tour_verdicts[t->tour_step] != NULL;
  if (shown > body.h && t->tour_scroll >= 0 && t->mode != FSIM_TUI_MODE_PROMPT_ANSWER)
    first = MIN (t->tour_scroll, shown - body.h);
  else if (shown > body.h && answering)
    first = shown - body.h;
  t->drawn.lesson_first = first;
  t->drawn.lesson_rows = shown;
  t->drawn.lesson_page = body.h;
  for (int y = 0; y < in.h && y < n; y++)
    {
      gboolean top = y < pinned;
      int i = top ? y : pinned + first + (y - pinned);
      if (i >= n)
        break;
      const Row *r = &g_array_index (rows, Row, i);
      int x = r->x + fsim_tui_print (in, r->x, y, -1, r->para->role, r->para->attr, r->text);
      if (r->prompt_end)
        fsim_tui_put (in, MIN (x, in.w - 1), y, ' ', FSIM_TUI_ROLE_CURSOR, FSIM_TUI_ATTR_REVERSE);
    }
  if (shown > body.h)
    fsim_tui_print (a, 2, a.h - 1, -1, FSIM_TUI_ROLE_DIM, 0,
                    first + body.h < shown && first > 0 ? _(" \u2191 { more } \u2193 ")
                    : first > 0 ? _(" \u2191 more above ({) ") : _(" \u2193 more (}) "));
  clear_paras (paras);
}
