/* tui-timeline.c - one row per subtask, grouped by TaskManager and slot,
 * time flowing right (the Web UI's subtask timeline, drawn in cells).
 *
 * A cell shows the subtask's ExecutionState at the end of its time column,
 * from the records up to the cursor only: columns after the cursor are empty
 * because that future has not happened yet. Rows are grouped by where the
 * subtask is placed *at the cursor*, so stepping through deployment shows
 * subtasks moving from "waiting for a slot" into their shared slots.
 *
 * Once records flow, a RUNNING cell says what the task did: busy, idle or
 * backpressured (Flink's busyTimeMsPerSecond, idleTimeMsPerSecond,
 * backPressuredTimeMsPerSecond), with a legend in the pane's bottom border.
 */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

/* Axis labels are virtual times as every view shows them (fsim_time_format:
 * "0.050 s", "9.050 s", "60.000 s"), "0" at the start: a label on each tick
 * that is a whole millisecond, the format's smallest step; NULL (no label)
 * for a tick between two. */
static char *
axis_label (gint64 us)
{
  if (us == 0)
    return g_strdup ("0");
  if (us % 1000 != 0)
    return NULL;
  return fsim_time_format (us);
}

/* "1 column = 5 ms" */
static char *
zoom_text (gint64 zoom_us)
{
  g_autofree char *d = fsim_tui_format_duration (zoom_us);
  return g_strdup_printf (_("1 column = %s"), d);
}

static void
draw_axis (FsimTuiArea row, int x0, int cols, gint64 start, gint64 zoom, int cursor_col)
{
  /* a label every 10 columns, on round times, never over the cursor mark */
  const int every = 10;
  int last_end = -1;
  for (int c = 0; c < cols; c++)
    {
      gint64 t = start + c * zoom;
      if ((t / zoom) % every != 0)
        continue;
      g_autofree char *l = axis_label (t);
      if (l == NULL)
        continue;
      int w = fsim_tui_text_width (l) + 1;
      if (c <= last_end || c + w > cols || (cursor_col >= c && cursor_col < c + w))
        continue;
      fsim_tui_put (row, x0 + c, 0, 0x2577, FSIM_TUI_ROLE_DIM, 0);     /* ╷ */
      last_end = c + fsim_tui_print (row, x0 + c + 1, 0, -1, FSIM_TUI_ROLE_DIM, 0, l) + 1;
    }
  if (cursor_col >= 0 && cursor_col < cols)
    fsim_tui_put (row, x0 + cursor_col, 0, 0x25BC, FSIM_TUI_ROLE_CURSOR, FSIM_TUI_ATTR_BOLD);
}

/* First snapshot with time_us >= t. */
static guint
first_from (const FsimTuiSubtask *s, gint64 t)
{
  guint lo = 0, hi = s->snapshots->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (s->snapshots, FsimTuiSnapshot, mid).time_us < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A RUNNING cell tells what the task does (fsim_tui_running_activity):
 * backpressured or aligning as the task-activity records say, else busy or
 * idle as the latest metric sample of the attempt says; before the first
 * sample it keeps RUNNING's own look. Coloured by the activity's tone. */
static void
running_look (const FsimTuiSnapshot *now, const FsimTuiMetricSample *m, gunichar *ch,
              FsimTuiRole *role)
{
  if (m && m->attempt != now->attempt)
    m = NULL;
  FsimTaskActivity a = fsim_tui_running_activity (now->activity, m);
  if (a == FSIM_TASK_ACTIVITY_COUNT)
    return;
  *ch = fsim_tui_activity_glyph (a);
  *role = fsim_tui_state_role (&fsim_task_activity_machine, a);
}

static void
cell_look (const FsimTuiSnapshot *now, guint mark, const FsimTuiMetricSample *m,
           gunichar *ch, FsimTuiRole *role)
{
  *ch = ' ';
  *role = FSIM_TUI_ROLE_DEFAULT;
  if (mark == FSIM_TUI_MARK_FAILURE)
    {
      *ch = 0x2717;
      *role = FSIM_TUI_ROLE_BAD;
      return;
    }
  if (mark == FSIM_TUI_MARK_RESTART)
    {
      *ch = 0x21BB;
      *role = FSIM_TUI_ROLE_WARN;
      return;
    }
  if (mark == FSIM_TUI_MARK_BARRIER || mark == FSIM_TUI_MARK_BARRIER_IN)
    {
      /* ┃ it forwarded the barrier (the alignment is over, the snapshot
       * taken); ┆ a barrier came in on one channel */
      *ch = mark == FSIM_TUI_MARK_BARRIER ? 0x2503 : 0x2506;
      *role = FSIM_TUI_ROLE_BARRIER;
      return;
    }
  if (now == NULL || now->state < 0)
    return;
  *ch = fsim_tui_state_glyph (now->state);
  *role = fsim_tui_execution_role (now->state);
  if (now->state == FSIM_EXECUTION_RUNNING)
    running_look (now, m, ch, role);
}

/* The cells of one subtask row from start, zoom per column, up to the cursor. */
static void
draw_cells (FsimTui *t, FsimTuiArea row, int x0, int cols, const FsimTuiSubtask *s,
            gint64 start, gint64 zoom, gint64 now_us)
{
  GArray *snaps = s->snapshots;
  guint k = first_from (s, start);
  const FsimTuiSnapshot *cur = fsim_tui_subtask_at (s, t->cursor, start - 1);
  for (int c = 0; c < cols; c++)
    {
      gint64 t0 = start + c * zoom, t1 = t0 + zoom;
      if (t0 > now_us)
        break;                  /* the future: not happened at the cursor */
      guint mark = FSIM_TUI_MARK_NONE;
      while (k < snaps->len)
        {
          const FsimTuiSnapshot *sn = &g_array_index (snaps, FsimTuiSnapshot, k);
          if (sn->time_us >= t1 || sn->seq > t->cursor)
            break;
          cur = sn;
          mark = MAX (mark, sn->mark);
          k++;
        }
      gunichar ch;
      FsimTuiRole role;
      /* the sample at the column's end, as known at the cursor */
      const FsimTuiMetricSample *m = cur && cur->state == FSIM_EXECUTION_RUNNING
                                     ? fsim_tui_metrics_at (s, t->cursor, t1 - 1) : NULL;
      cell_look (cur, mark, m, &ch, &role);
      gboolean cursor_col = now_us >= t0 && now_us < t1;
      if (cursor_col && ch == ' ')
        fsim_tui_put (row, x0 + c, 0, 0x2502, FSIM_TUI_ROLE_CURSOR, 0);
      else
        fsim_tui_put (row, x0 + c, 0, ch, role, cursor_col ? FSIM_TUI_ATTR_REVERSE : 0);
    }
}

/* A slot's heading; highlighted when the current record is about that slot
 * or its TaskManager (slot offers, heartbeats, releases). */
static void
draw_heading (FsimTuiArea row, const FsimTuiRow *r, const FsimTraceRecord *cur)
{
  char *text;
  if (r->taskmanager < 0)
    text = g_strdup (_("not in a slot yet"));
  else
    text = g_strdup_printf (_("TaskManager %d \u00b7 slot %d"), r->taskmanager, r->slot);
  gboolean touched = cur && r->taskmanager >= 0 && cur->subtask < 0
                     && cur->taskmanager == r->taskmanager
                     && (cur->slot < 0 || cur->slot == r->slot);
  int x = fsim_tui_print (row, 0, 0, -1, touched ? FSIM_TUI_ROLE_HIGHLIGHT : FSIM_TUI_ROLE_TITLE,
                          FSIM_TUI_ATTR_BOLD, text);
  fsim_tui_hline (row, x + 1, 0, row.w - x - 1, FSIM_TUI_ROLE_BORDER);
  g_free (text);
}

/* The first row to show: the scroll position, moved to keep the selection in. */
static int
first_row (FsimTui *t, GArray *rows, int page)
{
  int first = CLAMP (t->timeline_scroll, 0, MAX ((int) rows->len - page, 0));
  for (guint i = 0; i < rows->len; i++)
    {
      const FsimTuiRow *r = &g_array_index (rows, FsimTuiRow, i);
      if (r->subtask && r->subtask->vertex == t->sel_vertex
          && r->subtask->subtask == t->sel_subtask)
        {
          if ((int) i < first)
            first = MAX ((int) i - 1, 0);
          else if ((int) i >= first + page)
            first = (int) i - page + 1;
          break;
        }
    }
  return first;
}

/* Whether another JobVertex has the name of the one at topological index
 * vertex (two filters in one job, both "Filter"). */
static gboolean
name_shared (const FsimJobGraph *jg, int vertex)
{
  if (jg == NULL)
    return FALSE;
  GPtrArray *vs = fsim_job_graph_get_vertices_topological (jg);
  const FsimJobVertex *v = g_ptr_array_index (vs, vertex);
  for (guint i = 0; i < vs->len; i++)
    {
      const FsimJobVertex *o = g_ptr_array_index (vs, i);
      if (o != v && g_strcmp0 (o->name, v->name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A subtask row's whole label, "Filter (1/2)#0"; when another JobVertex has
 * the same name, with its number in front as `graph --level job` writes
 * it ("#4 Filter (1/2)#0"): two different tasks never read alike.
 * (transfer full) */
static char *
row_label (FsimTui *t, const FsimTuiRow *r)
{
  if (name_shared (t->job_graph, r->subtask->vertex))
    return g_strdup_printf ("#%d %s", r->subtask->vertex, r->now->label);
  return g_strdup (r->now->label);
}

/* The labels of rows [first, first + page) cut to cols columns; where the
 * plain cut makes two different vertices' labels equal ("Source: Sen…
 * (1/2)#0" for Sensors Berlin and Sensors Paris), both ends of the name are
 * kept instead. (transfer full) NULL for headings. */
static GPtrArray *
fit_labels (FsimTui *t, GArray *rows, int first, int page, int cols)
{
  int n = MAX (MIN (page, (int) rows->len - first), 0);
  g_autoptr (GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) owner = g_hash_table_new (g_str_hash, g_str_equal);  /* label -> row */
  g_autoptr (GHashTable) clash = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) whole = g_ptr_array_new_with_free_func (g_free);
  for (int y = 0; y < n; y++)
    {
      const FsimTuiRow *r = &g_array_index (rows, FsimTuiRow, first + y);
      g_ptr_array_add (whole, r->subtask ? row_label (t, r) : NULL);
      char *label = r->subtask ? fsim_tui_fit_label (whole->pdata[y], cols) : NULL;
      g_ptr_array_add (plain, label);
      if (label == NULL)
        continue;
      const FsimTuiRow *o = g_hash_table_lookup (owner, label);
      if (o == NULL)
        g_hash_table_insert (owner, label, (gpointer) r);
      else if (o->subtask->vertex != r->subtask->vertex)
        g_hash_table_add (clash, label);
    }
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  for (int y = 0; y < n; y++)
    {
      const char *label = g_ptr_array_index (plain, y);
      g_ptr_array_add (labels, label == NULL ? NULL
                       : g_hash_table_contains (clash, label)
                         ? fsim_tui_fit_label_ends (whole->pdata[y], cols) : g_strdup (label));
    }
  return labels;
}

/* The activities a RUNNING cell shows, in the bottom border between
 * x0 and x1 (right-aligned); left out where it does not fit. */
static void
draw_legend (FsimTuiArea a, int x0, int x1)
{
  static const FsimTaskActivity shown[] = {
    FSIM_TASK_BUSY, FSIM_TASK_IDLE, FSIM_TASK_BACKPRESSURED,
  };
  int w = 1;
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    w += 3 + fsim_tui_text_width (fsim_tui_activity_label (shown[i]));
  int x = x1 - w;
  if (x < x0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      const char *name = fsim_tui_activity_label (shown[i]);
      fsim_tui_put (a, x++, a.h - 1, ' ', FSIM_TUI_ROLE_DIM, 0);
      fsim_tui_put (a, x++, a.h - 1, fsim_tui_activity_glyph (shown[i]),
                    fsim_tui_state_role (&fsim_task_activity_machine, shown[i]), 0);
      fsim_tui_put (a, x++, a.h - 1, ' ', FSIM_TUI_ROLE_DIM, 0);
      x += fsim_tui_print (a, x, a.h - 1, -1, FSIM_TUI_ROLE_DIM, 0, name);
    }
  fsim_tui_put (a, x, a.h - 1, ' ', FSIM_TUI_ROLE_DIM, 0);
}

void
fsim_tui_draw_timeline (FsimTui *t, FsimTuiArea a, gboolean focused)
{
  fsim_tui_box (a, _("Timeline"), focused);
  FsimTuiArea in = fsim_tui_area_inner (a);
  if (in.w < 10 || in.h < 2)
    return;
  g_autoptr (GArray) rows = fsim_tui_rows (t);
  const FsimTraceRecord *cur = fsim_tui_current (t);
  gint64 now_us = cur ? cur->time_us : 0;

  /* labels take what row_label needs for the widest label of the run, up
   * to 40% of the pane: measured a vertex at a time, not a row at a time
   * (131,072 rows at P = 32,768) */
  int label_w = 12;
  for (guint v = 0; v < fsim_tui_history_n_vertices (t->history); v++)
    {
      int w = fsim_tui_history_label_width (t->history, (gint32) v);
      if (w == 0)
        continue;
      int prefix = name_shared (t->job_graph, (int) v) ? snprintf (NULL, 0, "#%u ", v) : 0;
      label_w = MAX (label_w, prefix + w + 3);
    }
  label_w = MIN (label_w, in.w * 2 / 5);
  int cols = in.w - label_w;
  gint64 zoom = fsim_tui_effective_zoom (t, cols);
  gint64 start = t->zoom_us ? t->view_start_us : 0;
  /* after a resize the cursor may have left the view: bring it back */
  if (now_us < start || now_us >= start + zoom * cols)
    {
      start = now_us - zoom * cols / 4;
      start = MAX (start - start % zoom, 0);
    }
  t->drawn.zoom_us = zoom;
  t->drawn.view_start_us = start;
  t->drawn.timeline_cols = cols;

  g_autofree char *title = zoom_text (zoom);
  fsim_tui_print (a, a.w - fsim_tui_text_width (title) - 4, 0, -1, FSIM_TUI_ROLE_DIM, 0, " ");
  fsim_tui_print (a, a.w - fsim_tui_text_width (title) - 3, 0, -1, FSIM_TUI_ROLE_DIM, 0, title);
  fsim_tui_print (a, a.w - 3, 0, -1, FSIM_TUI_ROLE_DIM, 0, " ");

  int cursor_col = now_us >= start ? (int) ((now_us - start) / zoom) : -1;
  draw_axis (fsim_tui_area_sub (in, 0, 0, in.w, 1), label_w, cols, start, zoom, cursor_col);
  FsimTuiArea body = fsim_tui_area_sub (in, 0, 1, in.w, in.h - 1);
  int page = body.h;
  t->drawn.page[FSIM_TUI_PANE_TIMELINE] = page;
  t->drawn.lines[FSIM_TUI_PANE_TIMELINE] = (int) rows->len;
  t->drawn.timeline_rows = body;
  if (rows->len == 0)
    {
      fsim_tui_print_wrapped (body, 1, 0, 0, body.h, FSIM_TUI_ROLE_DIM, 0,
                              _("No record names a subtask yet. Each subtask gets a row "
                                "when the scheduler first acts on it (CREATED \u2192 "
                                "SCHEDULED). Press n to step."));
      return;
    }
  int first = first_row (t, rows, page);
  t->drawn.timeline_first_row = first;
  g_autoptr (GPtrArray) labels = fit_labels (t, rows, first, page, label_w - 3);
  for (int y = 0; y < page && first + y < (int) rows->len; y++)
    {
      const FsimTuiRow *r = &g_array_index (rows, FsimTuiRow, first + y);
      FsimTuiArea row = fsim_tui_area_sub (body, 0, y, body.w, 1);
      if (r->subtask == NULL)
        {
          draw_heading (row, r, cur);
          continue;
        }
      gboolean selected = r->subtask->vertex == t->sel_vertex
                          && r->subtask->subtask == t->sel_subtask;
      gboolean touched = cur && cur->vertex == r->subtask->vertex
                         && cur->subtask == r->subtask->subtask;
      const char *label = g_ptr_array_index (labels, y);
      /* a lesson step's subject: marked, the current record's arrow first */
      gboolean marked = fsim_tui_tour_marks_subtask (t, r->subtask->vertex, r->subtask->subtask);
      FsimTuiRole role = selected ? FSIM_TUI_ROLE_SELECTED
                         : touched ? FSIM_TUI_ROLE_HIGHLIGHT
                         : marked ? FSIM_TUI_ROLE_LESSON : FSIM_TUI_ROLE_DEFAULT;
      guint attr = (selected ? FSIM_TUI_ATTR_REVERSE : 0)
                   | (touched || marked ? FSIM_TUI_ATTR_BOLD : 0);
      if (touched)
        fsim_tui_put (row, 0, 0, 0x25B6, FSIM_TUI_ROLE_HIGHLIGHT, FSIM_TUI_ATTR_BOLD);
      else if (marked)
        fsim_tui_put (row, 0, 0, FSIM_TUI_LESSON_MARK, FSIM_TUI_ROLE_LESSON, FSIM_TUI_ATTR_BOLD);
      fsim_tui_print (row, 1, 0, label_w - 2, role, attr, label);
      if (selected)
        fsim_tui_restyle (row, 1, 0, label_w - 2, role, attr);
      draw_cells (t, row, label_w, cols, r->subtask, start, zoom, now_us);
    }
  int below = (int) rows->len - first - page;
  int left_end = 2, right_start = a.w - 2;
  if (below > 0)
    {
      g_autofree char *more = g_strdup_printf (_(" \u2193 %d more "), below);
      left_end += fsim_tui_print (a, 2, a.h - 1, -1, FSIM_TUI_ROLE_DIM, 0, more) + 1;
    }
  if (first > 0)
    {
      g_autofree char *more = g_strdup_printf (_(" \u2191 %d more "), first);
      right_start = a.w - fsim_tui_text_width (more) - 2;
      fsim_tui_print (a, right_start, a.h - 1, -1, FSIM_TUI_ROLE_DIM, 0, more);
      right_start--;
    }
  if (fsim_tui_history_flows (t->history))
    draw_legend (a, left_end, right_start);
}
