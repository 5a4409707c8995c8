/* tui-text.c - a TUI pane as text, for terminals without the TUI: a
 * lesson's `show: checkpoints` and `show: event-time` in plain mode
 * (lessons/lesson-runner.c, docs/lessons.md) print what the checkpoint
 * pane (h) and the event-time pane (e) draw at the step's record, drawn
 * by the same code into a grid of their own (tui-grid.c) and read back as
 * lines: the Web UI's checkpoint history, the blocked channels and the
 * current checkpoint's phases; the window operator's watermark, open
 * windows and its chart of event time against processing time. */
#include "config.h"

#include "viz/tui-private.h"

enum {
  PANE_WIDTH = 100,             /* wide enough for the history and the Gantt */
  EVENT_TIME_HEIGHT = 24,       /* the chart fills what it gets: a screen's worth */
  CHECKPOINTS_FIRST_HEIGHT = 400,
};

static void
draw_pane (FsimTui *t, FsimVizPane pane, FsimTuiGrid *grid)
{
  fsim_tui_grid_clear (grid);
  FsimTuiArea a = fsim_tui_area (grid);
  if (pane == FSIM_VIZ_PANE_CHECKPOINTS)
    fsim_tui_draw_checkpoints (t, a, FALSE);
  else
    fsim_tui_draw_event_time (t, a, FALSE);
}

char *
fsim_viz_tui_pane_text (FsimTrace *trace, const FsimJobGraph *job_graph, const char *job_name,
                        FsimVizPane pane, gint64 cursor, const FsimVizSubject *select)
{
  g_return_val_if_fail (pane == FSIM_VIZ_PANE_CHECKPOINTS || pane == FSIM_VIZ_PANE_EVENT_TIME,
                        NULL);
  g_autoptr (FsimTui) t = fsim_tui_new (trace, job_graph, job_name);
  fsim_tui_set_cursor (t, cursor);
  if (select && select->vertex >= 0)
    {
      t->sel_vertex = select->vertex;
      t->sel_subtask = MAX (select->subtask, 0);
    }
  gboolean checkpoints = pane == FSIM_VIZ_PANE_CHECKPOINTS;
  g_autoptr (FsimTuiGrid) grid =
    fsim_tui_grid_new (PANE_WIDTH, checkpoints ? CHECKPOINTS_FIRST_HEIGHT : EVENT_TIME_HEIGHT);
  draw_pane (t, pane, grid);
  if (checkpoints)
    {
      /* the pane as tall as what it drew (its box around its lines) */
      int lines = MAX (t->drawn.lines[FSIM_TUI_PANE_CHECKPOINTS], 3);
      fsim_tui_grid_resize (grid, PANE_WIDTH, lines + 2);
      draw_pane (t, pane, grid);
    }
  return fsim_tui_grid_to_text (grid, FALSE);
}
