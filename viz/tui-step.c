/* tui-step.c - the step pane: the records before the cursor, one line each,
 * as `flinksim run` prints them, and the current record in full below them
 * with its why (the Flink rule that made it happen) and its subject.
 */
#include "config.h"

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

static FsimTuiRole
state_name_role (const char *name)
{
  FsimExecutionState s;
  if (fsim_execution_state_from_name (name, &s))
    return fsim_tui_state_role (s);
  return FSIM_TUI_ROLE_DEFAULT;
}

/* "   0.012 s  Map (2/4)#0  DEPLOYING → INITIALIZING  detail  kind" */
static void
draw_record_line (FsimTui *t, FsimTuiArea row, const FsimTraceRecord *r, gboolean current)
{
  g_autofree char *time = fsim_tui_format_time (r->time_us);
  guint attr = current ? FSIM_TUI_ATTR_BOLD : 0;
  int x = 0;
  if (current)
    fsim_tui_put (row, 0, 0, 0x25B6, FSIM_TUI_ROLE_CURSOR, FSIM_TUI_ATTR_BOLD);
  x = 1 + fsim_tui_printf (row, 1, 0, -1, FSIM_TUI_ROLE_DIM, 0, "%11s  ", time);
  const char *kind = fsim_tui_history_kind_name (t->history, r);
  g_autofree char *subject = NULL;
  if (r->label)
    subject = fsim_tui_fit_label (r->label, MAX (row.w * 2 / 5, 20));
  else if (r->checkpoint >= 0)
    subject = g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, r->checkpoint);
  else if (r->taskmanager >= 0)
    subject = g_strdup_printf ("TaskManager %d", r->taskmanager);
  /* long chain names are cut so that what happened to them stays visible */
  x += fsim_tui_print (row, x, 0, -1, current ? FSIM_TUI_ROLE_HIGHLIGHT : FSIM_TUI_ROLE_DEFAULT,
                       attr, subject ? subject : kind);
  if (r->from || r->to)
    {
      x += fsim_tui_print (row, x, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, "  ");
      if (r->from)
        {
          x += fsim_tui_print (row, x, 0, -1, state_name_role (r->from), attr, r->from);
          x += fsim_tui_print (row, x, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, " \u2192 ");
        }
      else
        x += fsim_tui_print (row, x, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, "\u2192 ");
      if (r->to)
        x += fsim_tui_print (row, x, 0, -1, state_name_role (r->to), attr, r->to);
    }
  if (r->detail)
    x += fsim_tui_printf (row, x, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, "  %s", r->detail);
  if (subject)
    fsim_tui_printf (row, x, 0, -1, FSIM_TUI_ROLE_DIM, 0, "  %s", kind);
}

/* "TaskManager 1 · slot 2 · attempt 0 · checkpoint 3 · channel 1" */
static char *
subject_text (const FsimTraceRecord *r)
{
  GString *s = g_string_new (NULL);
  const char *sep = "";
  if (r->taskmanager >= 0)
    {
      g_string_append_printf (s, "TaskManager %d", r->taskmanager);
      sep = " \u00b7 ";
    }
  if (r->slot >= 0)
    {
      g_string_append_printf (s, "%sslot %d", sep, r->slot);
      sep = " \u00b7 ";
    }
  if (r->vertex >= 0)
    {
      g_string_append_printf (s, "%svertex %d", sep, r->vertex);
      sep = " \u00b7 ";
    }
  if (r->subtask >= 0)
    {
      g_string_append_printf (s, "%ssubtask %d", sep, r->subtask);
      sep = " \u00b7 ";
    }
  if (r->attempt >= 0)
    {
      g_string_append_printf (s, "%sattempt %d", sep, r->attempt);
      sep = " \u00b7 ";
    }
  if (r->checkpoint >= 0)
    {
      g_string_append_printf (s, "%scheckpoint %" G_GINT64_FORMAT, sep, r->checkpoint);
      sep = " \u00b7 ";
    }
  if (r->channel >= 0)
    g_string_append_printf (s, "%schannel %d", sep, r->channel);
  return g_string_free (s, FALSE);
}

void
fsim_tui_draw_step (FsimTui *t, FsimTuiArea a, gboolean focused)
{
  gint64 n = fsim_tui_history_count (t->history);
  g_autofree char *title = g_strdup_printf ("Step #%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                            " records", MAX (t->cursor, 0), n);
  fsim_tui_box (a, title, focused);
  FsimTuiArea in = fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
  const FsimTraceRecord *cur = fsim_tui_current (t);
  t->drawn.page[FSIM_TUI_PANE_STEP] = in.h;
  t->drawn.lines[FSIM_TUI_PANE_STEP] = (int) MAX (t->cursor, 0) + in.h;
  if (cur == NULL || in.h < 1)
    {
      fsim_tui_print (in, 1, 0, -1, FSIM_TUI_ROLE_DIM, 0, "The trace is empty.");
      return;
    }
  /* the current record's block: its line, its why, its subject */
  g_autofree char *why = g_strdup_printf ("why: %s", cur->why ? cur->why : "?");
  g_autofree char *where = subject_text (cur);
  g_autoptr (FsimTuiGrid) scratch = fsim_tui_grid_new (MAX (in.w, 1), 8);
  int why_max = MAX (MIN (in.h - 1 - (*where ? 1 : 0), 4), 1);
  int why_rows = fsim_tui_print_wrapped (fsim_tui_area (scratch), 2, 0, 5, why_max,
                                         FSIM_TUI_ROLE_WHY, 0, why);
  int block = 1 + why_rows + (*where ? 1 : 0);
  if (block > in.h)
    block = in.h;               /* tiny pane: the line and as much why as fits */
  int top = in.h - block;

  /* earlier records fill the rows above, oldest first */
  int back = t->scroll[FSIM_TUI_PANE_STEP];
  for (int y = top - 1, seq = (int) t->cursor - 1 - back; y >= 0 && seq >= 0; y--, seq--)
    draw_record_line (t, fsim_tui_area_sub (in, 0, y, in.w, 1),
                      fsim_tui_history_record (t->history, seq), FALSE);
  if (back > 0 && top > 0)
    fsim_tui_printf (a, a.w - 30, 0, -1, FSIM_TUI_ROLE_DIM, 0, " %d records further back ",
                     back);

  int y = top;
  FsimTuiArea cur_row = fsim_tui_area_sub (in, 0, y++, in.w, 1);
  draw_record_line (t, cur_row, cur, TRUE);
  if (y < in.h)
    y += fsim_tui_print_wrapped (in, 2, y, 5, MIN (why_rows, in.h - y), FSIM_TUI_ROLE_WHY,
                                 0, why);
  if (*where && y < in.h)
    fsim_tui_printf (in, 2, y, -1, FSIM_TUI_ROLE_DIM, 0, "subject: %s", where);
}
