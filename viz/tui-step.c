/* tui-step.c - the step pane: the records before the cursor, one line each,
 * as `flinksim run` prints them, and the current record in full below them
 * (its detail wrapped, never cut) with its why (the Flink rule that made it
 * happen) and its subject.
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

enum {
  TIME_COLS = 13,               /* "   12.000 s  ": where labels start */
  RECORD_ROWS_MAX = 4,          /* the current record's line, wrapped */
  WHY_ROWS_MAX = 6,
};

static gboolean
has_values (const FsimTraceRecord *r)
{
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    if (r->kind->values[i].name)
      return TRUE;
  return FALSE;
}

/* A record as spans, in `flinksim run`'s words (viz/trace-log.c):
 * "   0.056 s  Map (2/4)#0  SCHEDULED → DEPLOYING  to TaskManager 1 slot 1",
 * the kind before the transition unless it is an execution-state, and
 * "kind: detail" (or the kind alone) for records without one. label_cols > 0 cuts the label
 * (keeping its "(2/4)#0"). Strings the spans point to are kept in keep. */
static void
record_spans (FsimTui *t, const FsimTraceRecord *r, gboolean current, int label_cols,
              GPtrArray *keep, FsimTuiSpan *out)
{
  int n = 0;
  guint attr = current ? FSIM_TUI_ATTR_BOLD : 0;
  const char *kind = r->kind->name;
  g_autofree char *time = fsim_time_format (r->time_us);
  char *s = g_strdup_printf ("%11s  ", time);
  g_ptr_array_add (keep, s);
  out[n++] = (FsimTuiSpan) { s, FSIM_TUI_ROLE_DIM, 0 };
  if (r->label)
    s = label_cols > 0 ? fsim_tui_fit_label_ends (r->label, label_cols) : g_strdup (r->label);
  else if (r->checkpoint >= 0)
    s = g_strdup_printf (_("checkpoint %" PRId64), r->checkpoint);
  else if (r->taskmanager >= 0)
    s = g_strdup_printf (_("TaskManager %d"), r->taskmanager);
  else
    s = g_strdup (kind);
  g_ptr_array_add (keep, s);
  out[n++] = (FsimTuiSpan) { s, current ? FSIM_TUI_ROLE_HIGHLIGHT : FSIM_TUI_ROLE_DEFAULT, attr };
  out[n++] = (FsimTuiSpan) { "  ", FSIM_TUI_ROLE_DEFAULT, 0 };
  gboolean plain = r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE);
  const char *from = fsim_trace_record_from_name (r);
  const char *to = fsim_trace_record_to_name (r);
  const FsimStateMachine *m = r->kind->machine;
  if (to)
    {
      if (!plain || !from)
        {
          s = g_strdup_printf ("%s ", kind);
          g_ptr_array_add (keep, s);
          out[n++] = (FsimTuiSpan) { s, FSIM_TUI_ROLE_DIM, 0 };
        }
      if (from)
        {
          out[n++] = (FsimTuiSpan) { from, fsim_tui_state_role (m, r->from), attr };
          out[n++] = (FsimTuiSpan) { " ", FSIM_TUI_ROLE_DEFAULT, 0 };
        }
      out[n++] = (FsimTuiSpan) { "\u2192 ", FSIM_TUI_ROLE_DEFAULT, 0 };
      out[n++] = (FsimTuiSpan) { to, fsim_tui_state_role (m, r->to), attr };
    }
  else
    {
      s = g_strdup_printf ("%s%s", kind, r->detail || has_values (r) ? ":" : "");
      g_ptr_array_add (keep, s);
      out[n++] = (FsimTuiSpan) { s, FSIM_TUI_ROLE_DIM, 0 };
    }
  if (r->detail || has_values (r))
    {
      g_autofree char *what = r->detail ? g_strdup (r->detail) : fsim_viz_trace_values_text (r);
      s = g_strdup_printf ("%s%s", to ? "  " : " ", what);
      g_ptr_array_add (keep, s);
      out[n++] = (FsimTuiSpan) { s, FSIM_TUI_ROLE_DEFAULT, 0 };
    }
  out[n] = (FsimTuiSpan) { NULL, 0, 0 };
}

enum { MAX_SPANS = 12 };

static void
draw_record_line (FsimTui *t, FsimTuiArea row, const FsimTraceRecord *r)
{
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  FsimTuiSpan spans[MAX_SPANS];
  /* long chain names are cut so that what happened to them stays visible */
  record_spans (t, r, FALSE, MAX (row.w * 2 / 5, 20), keep, spans);
  fsim_tui_print_spans_wrapped (row, 1, 0, 0, 1, spans);
}

/* "TaskManager 1 · slot 2 · vertex 1 · subtask index 1 · attempt 0": the index is
 * Flink's subtaskIndex, 0-based, so "(2/2)" is subtask index 1 */
static char *
subject_text (const FsimTraceRecord *r)
{
  GString *s = g_string_new (NULL);
  const char *sep = "";
  if (r->taskmanager >= 0)
    {
      g_string_append_printf (s, _("TaskManager %d"), r->taskmanager);
      sep = " \u00b7 ";
    }
  if (r->slot >= 0)
    {
      g_string_append_printf (s, _("%sslot %d"), sep, r->slot);
      sep = " \u00b7 ";
    }
  if (r->vertex >= 0)
    {
      g_string_append_printf (s, _("%svertex %d"), sep, r->vertex);
      sep = " \u00b7 ";
    }
  if (r->subtask >= 0)
    {
      g_string_append_printf (s, _("%ssubtask index %d"), sep, r->subtask);
      sep = " \u00b7 ";
    }
  if (r->attempt >= 0)
    {
      g_string_append_printf (s, _("%sattempt %d"), sep, r->attempt);
      sep = " \u00b7 ";
    }
  if (r->checkpoint >= 0)
    {
      g_string_append_printf (s, _("%scheckpoint %" PRId64), sep, r->checkpoint);
      sep = " \u00b7 ";
    }
  if (r->channel >= 0)
    g_string_append_printf (s, _("%schannel %d"), sep, r->channel);
  return g_string_free (s, FALSE);
}

/* The current record's block: its rows, what it has room for. */
typedef struct {
  FsimTuiSpan spans[MAX_SPANS];
  GPtrArray *keep;
  char *why, *where;
  int record_rows, why_rows, where_rows;
} Block;

/* Lays out the current record's block in width columns: everything, up to
 * the caps; then, while more than rows are needed, the subject goes first,
 * then the record's continuation lines, then why lines. */
static void
block_init (FsimTui *t, Block *b, const FsimTraceRecord *cur, int width, int rows)
{
  b->keep = g_ptr_array_new_with_free_func (g_free);
  record_spans (t, cur, TRUE, 0, b->keep, b->spans);
  b->why = g_strconcat (_("why: "), cur->why ? cur->why : "?", NULL);
  /* the subject's rows are counted on the text drawn, its label included */
  g_autofree char *subject = subject_text (cur);
  b->where = *subject ? g_strdup_printf (_("subject: %s"), subject) : g_strdup ("");
  /* the line starts after the ▶ column; continuation under the label */
  b->record_rows = MIN (fsim_tui_spans_rows (b->spans, width - 1, TIME_COLS - 1),
                        RECORD_ROWS_MAX);
  FsimTuiSpan why[] = { { b->why, FSIM_TUI_ROLE_WHY, 0 }, { NULL, 0, 0 } };
  /* continuation lines start under the why, after its label */
  b->why_rows = MIN (fsim_tui_spans_rows (why, width - 2, fsim_tui_text_width (_("why: "))),
                     WHY_ROWS_MAX);
  /* the subject wraps like the why (a checkpoint's task has many parts) */
  FsimTuiSpan where[] = { { b->where, FSIM_TUI_ROLE_DIM, 0 }, { NULL, 0, 0 } };
  b->where_rows = *b->where ? MIN (fsim_tui_spans_rows (where, width - 2,
                                                        fsim_tui_text_width (_("subject: "))), 2)
                            : 0;
  while (b->record_rows + b->why_rows + b->where_rows > rows)
    {
      if (b->where_rows > 0)
        b->where_rows = 0;
      else if (b->record_rows > 1)
        b->record_rows--;
      else if (b->why_rows > 1)
        b->why_rows--;
      else
        break;
    }
}

static void
block_clear (Block *b)
{
  g_ptr_array_unref (b->keep);
  g_free (b->why);
  g_free (b->where);
}

int
fsim_tui_step_rows_wanted (FsimTui *t, int width)
{
  const FsimTraceRecord *cur = fsim_tui_current (t);
  if (cur == NULL)
    return 1;
  Block b;
  block_init (t, &b, cur, width - 2, G_MAXINT);
  int rows = b.record_rows + b.why_rows + b.where_rows;
  block_clear (&b);
  return rows;
}

char *
fsim_tui_position_text (FsimTui *t)
{
  gint64 n = fsim_tui_history_count (t->history);
  return g_strdup_printf (ngettext ("#%" PRId64 " of %" PRId64 " record",
                                    "#%" PRId64 " of %" PRId64 " records", (gulong) n),
                          MAX (t->cursor, 0), n);
}

/* The records of a lesson step's kind (show: log KIND), samples too, as
 * the trace's filter finds them for `flinksim run`'s log and the plain
 * lesson (FsimTraceFilter's kind); NULL without one. Found once per kind
 * and run. */
static GArray *
kind_seqs (FsimTui *t)
{
  if (t->step_kind == NULL)
    return NULL;
  if (t->step_kind_seqs && t->step_kind_found == t->step_kind
      && t->step_kind_history == t->history)
    return t->step_kind_seqs;
  g_clear_pointer (&t->step_kind_seqs, g_array_unref);
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.kind = t->step_kind;
  GArray *seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 n = fsim_tui_history_count (t->history);
  for (gint64 seq = 0; seq < n; seq++)
    if (fsim_trace_filter_matches (&filter, fsim_tui_history_record (t->history, seq)))
      g_array_append_val (seqs, seq);
  t->step_kind_seqs = seqs;
  t->step_kind_found = t->step_kind;
  t->step_kind_history = t->history;
  return seqs;
}

/* The records the list shows before the cursor: a lesson step's kind's
 * (show: log KIND); else every one, or with samples hidden those of the
 * story (FSIM_TUI_LIST_STORY). */
static gint64
listed_before (FsimTui *t)
{
  GArray *kind = kind_seqs (t);
  if (kind)
    return fsim_tui_seqs_upto (kind, t->cursor - 1);
  if (t->show_samples)
    return MAX (t->cursor, 0);
  GArray *story = fsim_tui_history_list (t->history, FSIM_TUI_LIST_STORY);
  return fsim_tui_seqs_upto (story, t->cursor - 1);
}

/* The k-th record listed before the cursor, counting back from 0. */
static gint64
listed_seq (FsimTui *t, gint64 before, gint64 k)
{
  GArray *kind = kind_seqs (t);
  if (kind)
    return g_array_index (kind, gint64, before - 1 - k);
  if (t->show_samples)
    return t->cursor - 1 - k;
  GArray *story = fsim_tui_history_list (t->history, FSIM_TUI_LIST_STORY);
  return g_array_index (story, gint64, before - 1 - k);
}

/* "Step #3 of 98 records", and whether sample records are left out. */
static char *
step_title (FsimTui *t)
{
  g_autofree char *position = fsim_tui_position_text (t);
  if (t->step_kind)
    /* TRANSLATORS: %s is "#3 of 98 records", then a trace kind's name */
    return g_strdup_printf (_("Step %s \u00b7 only the %s records (the lesson step's show:)"),
                            position, t->step_kind->name);
  gboolean samples = fsim_tui_history_list (t->history, FSIM_TUI_LIST_SAMPLE)->len > 0;
  if (!samples)
    /* TRANSLATORS: %s is "#3 of 98 records" */
    return g_strdup_printf (_("Step %s"), position);
  return t->show_samples
    /* TRANSLATORS: %s is "#3 of 98 records" */
    ? g_strdup_printf (_("Step %s \u00b7 samples shown (m hides)"), position)
    /* TRANSLATORS: %s is "#3 of 98 records" */
    : g_strdup_printf (_("Step %s \u00b7 samples hidden (m shows)"), position);
}

void
fsim_tui_draw_step (FsimTui *t, FsimTuiArea a, gboolean focused)
{
  g_autofree char *title = step_title (t);
  fsim_tui_box (a, title, focused);
  FsimTuiArea in = fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
  const FsimTraceRecord *cur = fsim_tui_current (t);
  t->drawn.page[FSIM_TUI_PANE_STEP] = in.h;
  gint64 before = listed_before (t);
  t->drawn.lines[FSIM_TUI_PANE_STEP] = (int) before + in.h;
  if (cur == NULL || in.h < 1)
    {
      fsim_tui_print (in, 1, 0, -1, FSIM_TUI_ROLE_DIM, 0, _("The trace is empty."));
      return;
    }
  Block b;
  block_init (t, &b, cur, in.w, in.h);
  int top = in.h - (b.record_rows + b.why_rows + b.where_rows);

  /* earlier records fill the rows above, oldest first */
  int back = t->scroll[FSIM_TUI_PANE_STEP];
  for (gint64 y = top - 1, k = back; y >= 0 && k < before; y--, k++)
    draw_record_line (t, fsim_tui_area_sub (in, 0, (int) y, in.w, 1),
                      fsim_tui_history_record (t->history, listed_seq (t, before, k)));
  if (back > 0 && top > 0)
    fsim_tui_printf (a, a.w - 30, 0, -1, FSIM_TUI_ROLE_DIM, 0,
                     ngettext (" %d record further back ", " %d records further back ",
                               (gulong) back), back);

  int y = top;
  fsim_tui_put (in, 0, y, 0x25B6, FSIM_TUI_ROLE_CURSOR, FSIM_TUI_ATTR_BOLD);
  y += fsim_tui_print_spans_wrapped (in, 1, y, TIME_COLS - 1, b.record_rows, b.spans);
  FsimTuiSpan why[] = { { b.why, FSIM_TUI_ROLE_WHY, 0 }, { NULL, 0, 0 } };
  y += fsim_tui_print_spans_wrapped (in, 2, y, fsim_tui_text_width (_("why: ")), b.why_rows, why);
  if (b.where_rows > 0)
    {
      FsimTuiSpan spans[] = { { b.where, FSIM_TUI_ROLE_DIM, 0 }, { NULL, 0, 0 } };
      fsim_tui_print_spans_wrapped (in, 2, y, fsim_tui_text_width (_("subject: ")), b.where_rows,
                                    spans);
    }
  block_clear (&b);
}
