/* tui.c - the TUI's state (cursor, selection, focus, modes) and the actions
 * that change it. Actions return FSIM_TUI_REDRAW / FSIM_TUI_QUIT; they never
 * draw. The cursor is an index into the trace: every pane shows records
 * 0..cursor, so stepping back is just a smaller index.
 */
#include "config.h"

#include <inttypes.h>

#include <stdlib.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

/* Simulated time per wall-clock second when running (r, < and >): from a
 * millisecond a second, to watch deployment, up to ten minutes a second. */
const gint64 fsim_tui_speeds[] = {
  1000, 10000, 100000, 1000000, 10000000, 60000000, 600000000,
};
const int fsim_tui_n_speeds = G_N_ELEMENTS (fsim_tui_speeds);

/* Timeline zoom steps: 1, 2, 5 x 10^k microseconds per column. */
static gint64
zoom_step (int index)
{
  static const int mantissa[] = { 1, 2, 5 };
  gint64 v = mantissa[index % 3];
  for (int i = 0; i < index / 3; i++)
    v *= 10;
  return v;
}

enum { N_ZOOM_STEPS = 3 * 10 };        /* up to 5000 s per column */

/* The smallest zoom step that shows span_us in cols columns. */
static gint64
zoom_to_fit (gint64 span_us, int cols)
{
  cols = MAX (cols, 1);
  for (int i = 0; i < N_ZOOM_STEPS; i++)
    if (zoom_step (i) * cols >= span_us)
      return zoom_step (i);
  return zoom_step (N_ZOOM_STEPS - 1);
}

static int
zoom_index (gint64 zoom_us)
{
  for (int i = 0; i < N_ZOOM_STEPS; i++)
    if (zoom_step (i) >= zoom_us)
      return i;
  return N_ZOOM_STEPS - 1;
}

FsimTui *
fsim_tui_new (FsimTrace *trace, const FsimJobGraph *job_graph, const char *job_name)
{
  FsimTui *tui = g_new0 (FsimTui, 1);
  fsim_tui_runs_init (tui, fsim_tui_history_new (trace), job_graph);
  tui->job_name = g_strdup (job_name ? job_name : "");
  tui->cursor = fsim_tui_history_count (tui->history) > 0 ? 0 : -1;
  tui->sel_vertex = tui->sel_subtask = -1;
  tui->probed_seq = -1;
  tui->focus = FSIM_TUI_PANE_TIMELINE;
  tui->prompt = g_string_new (NULL);
  tui->speed = 2;
  /* select the first subtask, so Enter and s work at once */
  GPtrArray *subtasks = fsim_tui_history_subtasks (tui->history);
  if (subtasks->len > 0)
    {
      const FsimTuiSubtask *s = g_ptr_array_index (subtasks, 0);
      tui->sel_vertex = s->vertex;
      tui->sel_subtask = s->subtask;
    }
  return tui;
}

void
fsim_tui_free (FsimTui *tui)
{
  if (tui == NULL)
    return;
  fsim_tui_runs_clear (tui);
  g_clear_pointer (&tui->rows_cache, g_array_unref);
  g_clear_pointer (&tui->rows_sorted, g_array_unref);
  g_clear_pointer (&tui->step_kind_seqs, g_array_unref);
  fsim_tui_probe_clear (tui);
  fsim_tui_set_tour (tui, NULL);
  g_string_free (tui->prompt, TRUE);
  g_free (tui->job_name);
  g_free (tui->last_search);
  g_free (tui->message);
  if (tui->folded)
    g_hash_table_unref (tui->folded);
  g_free (tui);
}

const FsimTraceRecord *
fsim_tui_current (FsimTui *tui)
{
  if (tui->cursor < 0)
    return NULL;
  return fsim_tui_history_record (tui->history, tui->cursor);
}

static gint64
cursor_time (FsimTui *tui)
{
  const FsimTraceRecord *r = fsim_tui_current (tui);
  return r ? r->time_us : 0;
}

guint
fsim_tui_set_message (FsimTui *tui, gboolean error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_free (tui->message);
  tui->message = g_strdup_vprintf (format, args);
  tui->message_is_error = error;
  tui->message_until_step = FALSE;
  va_end (args);
  return FSIM_TUI_REDRAW;
}

/* ------------------------------------------------------------------------ */
/* Rows of the timeline                                                       */

/* Within a slot, rows read source to sink: the trace numbers vertices in
 * the JobGraph's topological order (scheduler.h), then by subtask. */
typedef struct {
  FsimTuiRow row;
} SortRow;

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const SortRow *x = a, *y = b;
  /* placed subtasks by TaskManager and slot; unplaced ones last */
  gboolean xp = x->row.taskmanager >= 0, yp = y->row.taskmanager >= 0;
  if (xp != yp)
    return xp ? -1 : 1;
  if (x->row.taskmanager != y->row.taskmanager)
    return x->row.taskmanager < y->row.taskmanager ? -1 : 1;
  if (x->row.slot != y->row.slot)
    return x->row.slot < y->row.slot ? -1 : 1;
  if (x->row.subtask->vertex != y->row.subtask->vertex)
    return x->row.subtask->vertex < y->row.subtask->vertex ? -1 : 1;
  return x->row.subtask->subtask < y->row.subtask->subtask ? -1
         : x->row.subtask->subtask > y->row.subtask->subtask;
}

/* s at the cursor as a row to sort, or FALSE when no record has made it
 * yet. */
static gboolean
sort_row_of (FsimTui *tui, const FsimTuiSubtask *s, SortRow *out)
{
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, tui->cursor, G_MAXINT64);
  if (now == NULL)
    return FALSE;               /* not created yet at the cursor */
  *out = (SortRow) { { s, now, now->slot < 0 ? -1 : now->taskmanager, now->slot } };
  return TRUE;
}

static GArray *
sorted_rows (FsimTui *tui)
{
  GPtrArray *subtasks = fsim_tui_history_subtasks (tui->history);
  GArray *sorted = g_array_new (FALSE, FALSE, sizeof (SortRow));
  for (guint i = 0; i < subtasks->len; i++)
    {
      SortRow r;
      if (sort_row_of (tui, g_ptr_array_index (subtasks, i), &r))
        g_array_append_val (sorted, r);
    }
  g_array_sort (sorted, compare_rows);
  return sorted;
}

/* The cursor moved by one record from `from`: only the subtask that record
 * (the later of the two) names can look different (tui-history.c keeps a
 * snapshot per record, of the subtask it names), so its row alone moves. */
static void
sorted_rows_step (FsimTui *tui, GArray *sorted, gint64 from)
{
  const FsimTraceRecord *r = fsim_tui_history_record (tui->history, MAX (from, tui->cursor));
  const FsimTuiSubtask *s = r->vertex >= 0 && r->subtask >= 0
    ? fsim_tui_history_find_subtask (tui->history, r->vertex, r->subtask) : NULL;
  if (s == NULL)
    return;
  for (guint i = 0; i < sorted->len; i++)
    if (g_array_index (sorted, SortRow, i).row.subtask == s)
      {
        g_array_remove_index (sorted, i);
        break;
      }
  SortRow row;
  if (!sort_row_of (tui, s, &row))
    return;
  guint lo = 0, hi = sorted->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (compare_rows (&g_array_index (sorted, SortRow, mid), &row) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (sorted, lo, row);
}

/* The sorted rows with a heading before each slot's. */
static GArray *
rows_with_headings (GArray *sorted)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (FsimTuiRow));
  for (guint i = 0; i < sorted->len; i++)
    {
      const FsimTuiRow *r = &g_array_index (sorted, SortRow, i).row;
      const FsimTuiRow *prev = i > 0 ? &g_array_index (sorted, SortRow, i - 1).row : NULL;
      if (prev == NULL || prev->taskmanager != r->taskmanager || prev->slot != r->slot)
        {
          FsimTuiRow heading = { NULL, NULL, r->taskmanager, r->slot };
          g_array_append_val (rows, heading);
        }
      g_array_append_val (rows, *r);
    }
  return rows;
}

/* Built once for a cursor of a run, and from the last one when the cursor
 * moves by one record: a step draws the timeline and moves the selection
 * with the same rows, and at 131,072 subtasks a build from nothing is a
 * snapshot lookup and a sort of every one (issue 16: a step <= 16 ms). */
GArray *
fsim_tui_rows (FsimTui *tui)
{
  if (tui->rows_cache && tui->rows_cursor == tui->cursor && tui->rows_history == tui->history)
    return g_array_ref (tui->rows_cache);
  g_clear_pointer (&tui->rows_cache, g_array_unref);
  gint64 step = tui->cursor - tui->rows_cursor;
  if (tui->rows_sorted && tui->rows_history == tui->history && (step == 1 || step == -1))
    sorted_rows_step (tui, tui->rows_sorted, tui->rows_cursor);
  else
    {
      g_clear_pointer (&tui->rows_sorted, g_array_unref);
      tui->rows_sorted = sorted_rows (tui);
    }
  tui->rows_cache = rows_with_headings (tui->rows_sorted);
  tui->rows_cursor = tui->cursor;
  tui->rows_history = tui->history;
  return g_array_ref (tui->rows_cache);
}

const FsimTuiSubtask *
fsim_tui_selected (FsimTui *tui)
{
  if (tui->sel_vertex < 0)
    return NULL;
  return fsim_tui_history_find_subtask (tui->history, tui->sel_vertex, tui->sel_subtask);
}

static int
selected_row (FsimTui *tui, GArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const FsimTuiRow *r = &g_array_index (rows, FsimTuiRow, i);
      if (r->subtask && r->subtask->vertex == tui->sel_vertex
          && r->subtask->subtask == tui->sel_subtask)
        return (int) i;
    }
  return -1;
}

/* Scrolls the timeline so that row i is visible. */
static void
show_row (FsimTui *tui, int i)
{
  int page = MAX (tui->drawn.page[FSIM_TUI_PANE_TIMELINE], 1);
  if (i < tui->timeline_scroll)
    tui->timeline_scroll = MAX (i - 1, 0);     /* keep the slot heading in view */
  else if (i >= tui->timeline_scroll + page)
    tui->timeline_scroll = i - page + 1;
}

guint
fsim_tui_select_move (FsimTui *tui, int delta)
{
  g_autoptr (GArray) rows = fsim_tui_rows (tui);
  if (rows->len == 0)
    return fsim_tui_set_message (tui, TRUE, _("no record names a subtask yet at this step"));
  int i = selected_row (tui, rows);
  int step = delta < 0 ? -1 : 1;
  int todo = ABS (delta);
  if (i < 0)
    i = step > 0 ? -1 : (int) rows->len;
  int found = -1;
  for (int j = i + step; j >= 0 && j < (int) rows->len && todo > 0; j += step)
    if (g_array_index (rows, FsimTuiRow, j).subtask)
      {
        found = j;
        todo--;
      }
  if (found < 0)
    return 0;
  const FsimTuiRow *r = &g_array_index (rows, FsimTuiRow, found);
  tui->sel_vertex = r->subtask->vertex;
  tui->sel_subtask = r->subtask->subtask;
  tui->inspect_scroll = 0;
  show_row (tui, found);
  return FSIM_TUI_REDRAW;
}

/* ------------------------------------------------------------------------ */
/* The cursor                                                                 */

/* Keeps the cursor's time inside the timeline's columns. */
static void
follow_cursor (FsimTui *tui)
{
  if (tui->zoom_us == 0)
    return;                     /* fitted: everything is in view */
  int cols = MAX (tui->drawn.timeline_cols, 1);
  gint64 t = cursor_time (tui);
  gint64 span = tui->zoom_us * cols;
  if (t < tui->view_start_us || t >= tui->view_start_us + span)
    {
      /* put it a quarter in, so that what comes next is visible */
      gint64 start = t - span / 4;
      start -= start % tui->zoom_us;
      tui->view_start_us = MAX (start, 0);
    }
}

guint
fsim_tui_set_cursor (FsimTui *tui, gint64 seq)
{
  gint64 n = fsim_tui_history_count (tui->history);
  if (n == 0)
    return fsim_tui_set_message (tui, TRUE, _("the trace is empty"));
  seq = CLAMP (seq, 0, n - 1);
  if (seq == tui->cursor)
    return 0;
  tui->cursor = seq;
  tui->scroll[FSIM_TUI_PANE_STEP] = 0;
  follow_cursor (tui);
  return FSIM_TUI_REDRAW;
}

/* The record delta steps away from seq: every record, or with samples
 * hidden the records of the story only. -1: none that way. */
static gint64
step_target (FsimTui *tui, gint64 seq, gint64 delta)
{
  if (tui->show_samples)
    {
      gint64 to = seq + delta;
      return to >= 0 && to < fsim_tui_history_count (tui->history) ? to : -1;
    }
  for (gint64 k = ABS (delta); k > 0 && seq >= 0; k--)
    seq = delta > 0 ? fsim_tui_history_next (tui->history, FSIM_TUI_LIST_STORY, seq)
                    : fsim_tui_history_prev (tui->history, FSIM_TUI_LIST_STORY, seq);
  return seq;
}

guint
fsim_tui_step (FsimTui *tui, gint64 delta)
{
  gint64 n = fsim_tui_history_count (tui->history);
  gint64 to = step_target (tui, tui->cursor, delta);
  if (delta > 0 && to < 0)
    return tui->cursor < n - 1
           ? fsim_tui_set_message (tui, FALSE, _("no later record but samples (m shows them); "
                                     "b steps back"))
           : fsim_tui_set_message (tui, FALSE, _("end of the trace: %" PRId64
                                     " records; b steps back"), n);
  if (delta < 0 && to < 0)
    return fsim_tui_set_message (tui, FALSE, _("start of the trace; n steps forward"));
  return fsim_tui_set_cursor (tui, to);
}

guint
fsim_tui_toggle_samples (FsimTui *tui)
{
  tui->show_samples = !tui->show_samples;
  tui->scroll[FSIM_TUI_PANE_STEP] = 0;
  guint n = fsim_tui_history_list (tui->history, FSIM_TUI_LIST_SAMPLE)->len;
  if (tui->show_samples)
    return fsim_tui_set_message (tui, FALSE, ngettext ("samples shown: %u sample record in "
                                   "this trace; m hides them", "samples shown: %u sample "
                                   "records in this trace; m hides them", n), n);
  return fsim_tui_set_message (tui, FALSE, _("samples hidden: n and b pass them by; "
                                 "m shows them"));
}

/* The first record after the cursor of the seqs (ascending), or -1. */
static gint64
next_of (GArray *seqs, gint64 seq)
{
  guint i = fsim_tui_seqs_upto (seqs, seq);
  return i < seqs->len ? g_array_index (seqs, gint64, i) : -1;
}

guint
fsim_tui_step_selected (FsimTui *tui)
{
  const FsimTuiSubtask *s = fsim_tui_selected (tui);
  if (s == NULL)
    return fsim_tui_set_message (tui, TRUE, _("no subtask selected: pick one with \u2191 \u2193"));
  /* its snapshots are exactly the records naming it: the first after the
   * cursor is found by binary search, not by scanning the trace */
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, tui->cursor, G_MAXINT64);
  guint i = now ? (guint) (now - &g_array_index (s->snapshots, FsimTuiSnapshot, 0)) + 1 : 0;
  gint64 next = i < s->snapshots->len ? g_array_index (s->snapshots, FsimTuiSnapshot, i).seq : -1;
  gint64 sample = tui->show_samples ? next_of (s->sample_seqs, tui->cursor) : -1;
  if (sample >= 0 && (next < 0 || sample < next))
    next = sample;
  if (next < 0)
    return fsim_tui_set_message (tui, FALSE, _("no later record names %s"),
                                 fsim_tui_subtask_at (s, G_MAXINT64, G_MAXINT64)->label);
  return fsim_tui_set_cursor (tui, next);
}

/* After a jump, the subtask the record is about becomes the selection, so
 * that Enter inspects it and s follows it (a debugger's "current frame"). */
static void
select_subject (FsimTui *tui)
{
  const FsimTraceRecord *r = fsim_tui_current (tui);
  if (r == NULL || r->vertex < 0 || r->subtask < 0
      || fsim_tui_history_find_subtask (tui->history, r->vertex, r->subtask) == NULL)
    return;
  if (tui->sel_vertex != r->vertex || tui->sel_subtask != r->subtask)
    tui->inspect_scroll = 0;
  tui->sel_vertex = r->vertex;
  tui->sel_subtask = r->subtask;
  g_autoptr (GArray) rows = fsim_tui_rows (tui);
  int i = selected_row (tui, rows);
  if (i >= 0)
    show_row (tui, i);
}

guint
fsim_tui_jump (FsimTui *tui, FsimTuiList list, int direction)
{
  gint64 seq = direction > 0 ? fsim_tui_history_next (tui->history, list, tui->cursor)
                             : fsim_tui_history_prev (tui->history, list, tui->cursor);
  if (seq >= 0)
    {
      guint flags = fsim_tui_set_cursor (tui, seq);
      select_subject (tui);
      return flags | FSIM_TUI_REDRAW;
    }
  gboolean none = fsim_tui_history_list (tui->history, list)->len == 0;
  if (list == FSIM_TUI_LIST_CHECKPOINT)
    return none ? fsim_tui_set_message (tui, FALSE, _("no checkpoint event in this trace "
                                          "(Flink checkpoints only when "
                                          "execution.checkpointing.interval is set)"))
                : direction > 0 ? fsim_tui_set_message (tui, FALSE, _("no checkpoint event after this step"))
                : fsim_tui_set_message (tui, FALSE, _("no checkpoint event before this step"));
  return none ? fsim_tui_set_message (tui, FALSE, _("this run has no failure or restart "
                                        "(faults come from the job's 'at' lines)"))
              : direction > 0 ? fsim_tui_set_message (tui, FALSE, _("no failure or restart after this step"))
              : fsim_tui_set_message (tui, FALSE, _("no failure or restart before this step"));
}

guint
fsim_tui_goto (FsimTui *tui, const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  FsimTrace *trace = fsim_tui_history_get_trace (tui->history);
  gint64 n = fsim_trace_count (trace);
  if (n == 0)
    return fsim_tui_set_message (tui, TRUE, _("the trace is empty"));
  if (t[0] == '#')
    {
      char *end = NULL;
      gint64 seq = g_ascii_strtoll (t + 1, &end, 10);
      if (end == t + 1 || *end != '\0' || seq < 0 || seq >= n)
        return fsim_tui_set_message (tui, TRUE, _("no record '%s': records are #0 to #%"
                                       PRId64), t, n - 1);
      return fsim_tui_set_cursor (tui, seq) | FSIM_TUI_REDRAW;
    }
  /* Flink's duration syntax, as --until and the job file take it: a bare
   * number is milliseconds (TimeUtils.parseDuration) */
  gint64 us;
  g_autoptr (GError) error = NULL;
  if (!fsim_duration_parse (t, &us, &error))
    return fsim_tui_set_message (tui, TRUE, _("not a time: %s (or #120 for a record)"),
                                 error->message);
  /* the moment after everything at time us happened */
  gint64 seq = fsim_trace_find_time (trace, us + 1) - 1;
  if (seq < 0)
    {
      fsim_tui_set_cursor (tui, 0);
      g_autofree char *first = fsim_time_format (fsim_trace_get (trace, 0)->time_us);
      return fsim_tui_set_message (tui, FALSE, _("nothing happened before %s"), first);
    }
  fsim_tui_set_cursor (tui, seq);
  if (seq == n - 1 && us > fsim_trace_get (trace, seq)->time_us)
    {
      g_autofree char *last = fsim_time_format (fsim_trace_get (trace, seq)->time_us);
      return fsim_tui_set_message (tui, FALSE, _("the trace ends at %s"), last);
    }
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_search (FsimTui *tui, const char *text)
{
  if (text == NULL || *text == '\0')
    {
      if (tui->last_search == NULL)
        return fsim_tui_set_message (tui, TRUE, _("nothing to search for"));
      text = tui->last_search;
    }
  else if (text != tui->last_search)
    {
      g_free (tui->last_search);
      tui->last_search = g_strdup (text);
    }
  if (tui->folded == NULL)
    tui->folded = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr (FsimTuiMatcher) matcher = fsim_tui_matcher_new (text, tui->folded);
  gint64 n = fsim_tui_history_count (tui->history);
  for (gint64 k = 1; k <= n; k++)
    {
      gint64 seq = (tui->cursor + k) % n;
      if (!tui->show_samples
          && fsim_tui_record_is_sample (fsim_tui_history_record (tui->history, seq)))
        continue;
      if (fsim_tui_matcher_matches (matcher, fsim_tui_history_record (tui->history, seq)))
        {
          gboolean wrapped = tui->cursor + k >= n;
          fsim_tui_set_cursor (tui, seq);
          select_subject (tui);
          if (wrapped)
            return fsim_tui_set_message (tui, FALSE, _("'%s': wrapped to the start "
                                           "(/ Enter finds the next)"), text);
          return fsim_tui_set_message (tui, FALSE, _("'%s' found (/ Enter finds the next)"), text);
        }
    }
  if (!tui->show_samples)
    for (gint64 seq = 0; seq < n; seq++)
      {
        const FsimTraceRecord *r = fsim_tui_history_record (tui->history, seq);
        if (fsim_tui_record_is_sample (r) && fsim_tui_matcher_matches (matcher, r))
          return fsim_tui_set_message (tui, TRUE, _("only hidden samples mention '%s' "
                                         "(m shows them)"), text);
      }
  return fsim_tui_set_message (tui, TRUE, _("no record mentions '%s'"), text);
}

/* ------------------------------------------------------------------------ */
/* Views                                                                      */

guint
fsim_tui_zoom (FsimTui *tui, int direction)
{
  gint64 old = tui->zoom_us ? tui->zoom_us : MAX (tui->drawn.zoom_us, 1);
  int i = zoom_index (old) + (direction > 0 ? -1 : 1);
  if (i < 0 || i >= N_ZOOM_STEPS)
    return direction > 0 ? fsim_tui_set_message (tui, FALSE, _("cannot zoom in further"))
                         : fsim_tui_set_message (tui, FALSE, _("cannot zoom out further"));
  gint64 zoom = zoom_step (i);
  /* keep the cursor where it is on the screen */
  gint64 start = tui->zoom_us ? tui->view_start_us : tui->drawn.view_start_us;
  gint64 t = cursor_time (tui);
  gint64 col = old > 0 ? (t - start) / old : 0;
  start = t - col * zoom;
  start -= start % zoom;
  tui->zoom_us = zoom;
  tui->view_start_us = MAX (start, 0);
  follow_cursor (tui);
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_zoom_fit (FsimTui *tui)
{
  tui->zoom_us = 0;
  tui->view_start_us = 0;
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_zoom_whole (FsimTui *tui)
{
  FsimTrace *trace = fsim_tui_history_get_trace (tui->history);
  gint64 n = fsim_trace_count (trace);
  if (n == 0)
    return fsim_tui_set_message (tui, TRUE, _("the trace is empty"));
  gint64 end = fsim_trace_get (trace, n - 1)->time_us;
  tui->zoom_us = zoom_to_fit (end + 1, tui->drawn.timeline_cols);
  tui->view_start_us = 0;
  g_autofree char *last = fsim_time_format (end);
  return fsim_tui_set_message (tui, FALSE, _("the whole run: 0 to %s"), last);
}

/* A zoom that shows the run from its start until every subtask first ran
 * (deployment is what one steps through first), with room after it. */
static gint64
compute_default_span (FsimTui *tui)
{
  FsimTrace *trace = fsim_tui_history_get_trace (tui->history);
  gint64 n = fsim_trace_count (trace);
  if (n == 0)
    return 1000;
  gint64 end = fsim_trace_get (trace, n - 1)->time_us;
  gint64 settled = 0;
  GPtrArray *subtasks = fsim_tui_history_subtasks (tui->history);
  for (guint i = 0; i < subtasks->len; i++)
    {
      const FsimTuiSubtask *s = g_ptr_array_index (subtasks, i);
      gint64 ran = end;
      for (guint k = 0; k < s->snapshots->len; k++)
        {
          const FsimTuiSnapshot *snap = &g_array_index (s->snapshots, FsimTuiSnapshot, k);
          if (snap->state == FSIM_EXECUTION_RUNNING || snap->state == FSIM_EXECUTION_FINISHED
              || snap->state == FSIM_EXECUTION_FAILED)
            {
              ran = snap->time_us;
              break;
            }
        }
      settled = MAX (settled, ran);
    }
  if (settled <= 0)
    settled = end;
  return MAX (settled + settled / 2, 1000);
}

gint64
fsim_tui_default_span (FsimTui *tui)
{
  if (tui->default_span_us == 0)
    tui->default_span_us = compute_default_span (tui);   /* the trace never changes */
  return tui->default_span_us;
}

gint64
fsim_tui_effective_zoom (FsimTui *tui, int cols)
{
  if (tui->zoom_us > 0)
    return tui->zoom_us;
  return zoom_to_fit (fsim_tui_default_span (tui), cols);
}

guint
fsim_tui_scroll_time (FsimTui *tui, int columns)
{
  if (tui->zoom_us == 0)
    {
      tui->zoom_us = MAX (tui->drawn.zoom_us, 1);
      tui->view_start_us = tui->drawn.view_start_us;
    }
  gint64 start = tui->view_start_us + columns * tui->zoom_us;
  tui->view_start_us = MAX (start, 0);
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_scroll (FsimTui *tui, int lines)
{
  int *scroll;
  int max = G_MAXINT / 2;
  switch (tui->mode)
    {
    case FSIM_TUI_MODE_HELP:
      scroll = &tui->help_scroll;
      max = MAX (tui->drawn.help_lines - tui->drawn.overlay_page, 0);
      break;
    case FSIM_TUI_MODE_INSPECT:
      scroll = &tui->inspect_scroll;
      max = MAX (tui->drawn.inspect_lines - tui->drawn.overlay_page, 0);
      break;
    default:
      if (tui->focus == FSIM_TUI_PANE_TIMELINE)
        return fsim_tui_select_move (tui, lines);
      if (tui->focus == FSIM_TUI_PANE_STEP)
        lines = -lines;         /* up shows older records, which sit above */
      scroll = &tui->scroll[tui->focus];
      max = MAX (tui->drawn.lines[tui->focus] - tui->drawn.page[tui->focus], 0);
      break;
    }
  int was = *scroll;
  *scroll = CLAMP (*scroll + lines, 0, max);
  return *scroll != was ? FSIM_TUI_REDRAW : 0;
}

static gboolean
pane_available (FsimTui *tui, FsimTuiPane pane)
{
  switch (pane)
    {
    case FSIM_TUI_PANE_GRAPH:
      return tui->job_graph != NULL && !tui->show_checkpoints && !tui->show_event_time;
    case FSIM_TUI_PANE_CHECKPOINTS:
      return tui->show_checkpoints && !tui->show_event_time;
    case FSIM_TUI_PANE_EVENT_TIME:
      return tui->show_event_time;
    default:
      return TRUE;
    }
}

guint
fsim_tui_focus_next (FsimTui *tui, int direction)
{
  int p = (int) tui->focus;
  for (int i = 0; i < FSIM_TUI_PANE_COUNT; i++)
    {
      p = (p + (direction > 0 ? 1 : FSIM_TUI_PANE_COUNT - 1)) % FSIM_TUI_PANE_COUNT;
      if (pane_available (tui, (FsimTuiPane) p))
        break;
    }
  tui->focus = (FsimTuiPane) p;
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_toggle_event_time (FsimTui *tui)
{
  tui->show_event_time = !tui->show_event_time;
  if (tui->show_event_time)
    tui->focus = FSIM_TUI_PANE_EVENT_TIME;
  else if (tui->focus == FSIM_TUI_PANE_EVENT_TIME)
    tui->focus = FSIM_TUI_PANE_TIMELINE;
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_toggle_checkpoints (FsimTui *tui)
{
  tui->show_event_time = FALSE;
  if (tui->focus == FSIM_TUI_PANE_EVENT_TIME)
    tui->focus = FSIM_TUI_PANE_TIMELINE;
  tui->show_checkpoints = !tui->show_checkpoints;
  if (tui->show_checkpoints)
    tui->focus = FSIM_TUI_PANE_CHECKPOINTS;
  else if (tui->focus == FSIM_TUI_PANE_CHECKPOINTS)
    tui->focus = FSIM_TUI_PANE_TIMELINE;
  return FSIM_TUI_REDRAW;
}

/* ------------------------------------------------------------------------ */
/* Running continuously                                                       */

guint
fsim_tui_run_toggle (FsimTui *tui)
{
  gint64 n = fsim_tui_history_count (tui->history);
  if (!tui->running && tui->cursor >= n - 1)
    return fsim_tui_set_message (tui, FALSE, _("end of the trace: nothing left to run"));
  tui->running = !tui->running;
  tui->run_carry_us = 0;
  tui->rate_wall_us = tui->rate_events = 0;
  tui->shown_events_per_s = 0;
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_run_speed (FsimTui *tui, int direction)
{
  int s = CLAMP (tui->speed + direction, 0, fsim_tui_n_speeds - 1);
  if (s == tui->speed)
    return direction > 0 ? fsim_tui_set_message (tui, FALSE, _("already the fastest speed"))
                         : fsim_tui_set_message (tui, FALSE, _("already the slowest speed"));
  tui->speed = s;
  return FSIM_TUI_REDRAW;
}

/* A running job can be quiet for long (nothing but a heartbeat every
 * 10 s); at 100 ms/s that is minutes of an unchanging screen that looks
 * hung. When the next record is more than QUIET_MAX_S wall seconds away,
 * the wait shrinks to QUIET_SHOWN_S and the hint line says so. */
#define QUIET_MAX_S 1.0
#define QUIET_SHOWN_S 0.3

static guint
skip_quiet_time (FsimTui *tui, gint64 until_next_us)
{
  double speed = (double) fsim_tui_speeds[tui->speed];
  double owed_us = (double) until_next_us - tui->run_carry_us;
  if (owed_us / speed <= QUIET_MAX_S)
    return 0;
  tui->run_carry_us += owed_us - speed * QUIET_SHOWN_S;
  g_autofree char *next = fsim_time_format (cursor_time (tui) + until_next_us);
  fsim_tui_set_message (tui, FALSE, _("nothing happens until %s: skipping the quiet time"), next);
  tui->message_until_step = TRUE;
  return FSIM_TUI_REDRAW;
}

guint
fsim_tui_tick (FsimTui *tui, gint64 wall_us)
{
  if (tui->pending_what)
    return fsim_tui_what_if_run_pending (tui);     /* the screen said "simulating" */
  if (!tui->running || wall_us <= 0)
    return 0;
  FsimTrace *trace = fsim_tui_history_get_trace (tui->history);
  gint64 n = fsim_trace_count (trace);
  gint64 from = tui->cursor;
  gint64 t0 = cursor_time (tui);
  guint flags = 0;
  tui->run_carry_us += (double) wall_us * (double) fsim_tui_speeds[tui->speed] / 1e6;
  gint64 target = t0 + (gint64) tui->run_carry_us;
  gint64 seq = fsim_trace_find_time (trace, target + 1) - 1;
  if (seq > tui->cursor)
    {
      tui->cursor = seq;
      follow_cursor (tui);
      tui->run_carry_us -= (double) (cursor_time (tui) - t0);
      if (tui->message_until_step)
        g_clear_pointer (&tui->message, g_free);
    }
  else if (tui->cursor + 1 < n)
    flags |= skip_quiet_time (tui, fsim_trace_get (trace, tui->cursor + 1)->time_us - t0);
  tui->rate_wall_us += wall_us;
  tui->rate_events += tui->cursor - from;
  if (tui->rate_wall_us >= 1000000)
    {
      tui->shown_events_per_s = (double) tui->rate_events * 1e6 / (double) tui->rate_wall_us;
      tui->rate_wall_us = tui->rate_events = 0;
    }
  if (tui->cursor >= n - 1)
    {
      tui->running = FALSE;
      fsim_tui_set_message (tui, FALSE, _("end of the trace reached"));
    }
  return flags | (tui->cursor != from || !tui->running ? FSIM_TUI_REDRAW : 0);
}
