/* tui-eventtime.c - the event-time pane (e): the picture every streaming
 * course draws by hand, for one window operator's subtask. Processing time
 * runs to the right, one column a second, up to the cursor; event time
 * runs up. Each second shows
 *
 *   │  the event times of the records that reached the window in it
 *   ─  the window operator's watermark at the second's end (it only rises:
 *      StatusWatermarkValve forwards a watermark only when it advances)
 *   F  windows fired in it, at the watermark (or processing time) that
 *      fired them: a window [start, end) fires once the watermark reaches
 *      end - 1, its maxTimestamp
 *   L  late records in it (dropped or side output), at the lowest event
 *      time that arrived
 *   ·  event time = processing time, for scale: how far behind the
 *      records and the watermark are
 *
 * and above the chart the latest window-sample says what fires next and
 * how far the watermark has to go; a watermark record after it (the end of
 * input's Long.MAX_VALUE, which no sample follows) is the watermark at the
 * cursor. Everything is read from window-sample, window-fired and
 * watermark records up to the cursor (scheduler/stream-task.c writes
 * them), through the subtask's history: nothing is recomputed. With
 * --detail event-time a line names the input channel holding the
 * watermark back (tui-eventtime-detail.c).
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

enum {
  LABEL_COLS = 9,               /* the event-time axis labels, "-12.5 s " */
  SAMPLE_LOOKBACK = 64,         /* sample records of a second, at most */
};

static gboolean
is_window_sample (const FsimTraceRecord *r)
{
  return r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_SAMPLE);
}

const FsimTraceRecord *
fsim_tui_window_sample_at (FsimTui *t, const FsimTuiSubtask *s)
{
  guint n = fsim_tui_seqs_upto (s->sample_seqs, t->cursor);
  for (guint i = n, looked = 0; i-- > 0 && looked < SAMPLE_LOOKBACK; looked++)
    {
      const FsimTraceRecord *r =
        fsim_tui_history_record (t->history, g_array_index (s->sample_seqs, gint64, i));
      if (is_window_sample (r))
        return r;
    }
  return NULL;
}

/* The selected subtask if it runs a window, else the first that does by
 * the cursor (*fallback says so), else NULL. */
static const FsimTuiSubtask *
window_subtask (FsimTui *t, gboolean *fallback)
{
  const FsimTuiSubtask *sel = fsim_tui_selected (t);
  *fallback = FALSE;
  if (sel && fsim_tui_window_sample_at (t, sel))
    return sel;
  GPtrArray *all = fsim_tui_history_subtasks (t->history);
  for (guint i = 0; i < all->len; i++)
    if (fsim_tui_window_sample_at (t, g_ptr_array_index (all, i)))
      {
        *fallback = sel != NULL;
        return g_ptr_array_index (all, i);
      }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The model: one column a second                                             */

void
fsim_tui_event_time_clear (FsimTuiEventTimeColumn *cols, int n)
{
  for (int i = 0; i < n; i++)
    cols[i] = (FsimTuiEventTimeColumn) { .min_ms = G_MININT64, .max_ms = G_MININT64,
                                         .watermark_ms = G_MININT64, .fired_ms = G_MININT64 };
}

static gboolean
is_time (gint64 ms)
{
  return ms != G_MININT64 && ms != G_MAXINT64;
}

/* Column T is the second (T - 1 s, T]: a window-sample at T tells it. */
static gint64
second_of (gint64 time_us)
{
  return (time_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
}

gint64
fsim_tui_event_time_columns (FsimTui *t, const FsimTuiSubtask *s, FsimTuiEventTimeColumn *cols,
                             int n)
{
  fsim_tui_event_time_clear (cols, n);
  const FsimTraceRecord *cur = fsim_tui_current (t);
  gint64 last_sec = second_of (cur ? cur->time_us : 0);
  gint64 first_sec = last_sec - n + 1;
  /* window-samples, newest first, back to the first column's second */
  guint k = fsim_tui_seqs_upto (s->sample_seqs, t->cursor);
  while (k-- > 0)
    {
      const FsimTraceRecord *r =
        fsim_tui_history_record (t->history, g_array_index (s->sample_seqs, gint64, k));
      gint64 sec = second_of (r->time_us);
      if (sec < first_sec)
        break;
      if (!is_window_sample (r) || sec > last_sec)
        continue;
      FsimTuiEventTimeColumn *c = &cols[sec - first_sec];
      c->min_ms = r->values[5];
      c->max_ms = r->values[6];
      c->watermark_ms = r->values[3];
      c->late = r->values[7];
    }
  /* window-fired records name the subtask: its snapshots */
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, t->cursor, G_MAXINT64);
  const FsimTuiSnapshot *first = &g_array_index (s->snapshots, FsimTuiSnapshot, 0);
  for (const FsimTuiSnapshot *sn = now; sn && sn >= first; sn--)
    {
      gint64 sec = second_of (sn->time_us);
      if (sec < first_sec)
        break;
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      if (r->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        continue;
      FsimTuiEventTimeColumn *c = &cols[sec - first_sec];
      c->fired += r->values[0];
      c->fired_ms = MAX (c->fired_ms, r->values[2]);
    }
  return first_sec;
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                    */

typedef struct {
  gint64 lo, hi;                /* event time (ms) at the bottom and top row */
  int rows;
} Scale;

static void
widen (Scale *sc, gint64 ms, gboolean *any)
{
  if (!is_time (ms))
    return;
  if (!*any)
    sc->lo = sc->hi = ms;
  sc->lo = MIN (sc->lo, ms);
  sc->hi = MAX (sc->hi, ms);
  *any = TRUE;
}

static int
row_of (const Scale *sc, gint64 ms)
{
  if (sc->hi == sc->lo)
    return sc->rows / 2;
  double f = (double) (ms - sc->lo) / (double) (sc->hi - sc->lo);
  return sc->rows - 1 - (int) lround (f * (sc->rows - 1));
}

static char *
seconds_text (gint64 ms)
{
  return g_strdup_printf ("%.1f s", (double) ms / 1000.0);
}

/* Puts ch at (x, y) unless a mark that matters more is there. */
static void
mark_cell (FsimTuiArea a, int x, int y, gunichar ch, FsimTuiRole role)
{
  const FsimTuiCell *c = fsim_tui_grid_cell (a.grid, a.x + x, a.y + y);
  static const gunichar order[] = { ' ', 0x00B7 /* · */, 0x2502 /* │ */, 0x2500 /* ─ */,
                                    'F', 'L' };
  int have = 0, want = 0;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] == c->ch)
        have = (int) i;
      if (order[i] == ch)
        want = (int) i;
    }
  if (want >= have)
    fsim_tui_put (a, x, y, ch, role, want >= 4 ? FSIM_TUI_ATTR_BOLD : 0);
}

static void
mark (FsimTuiArea a, const Scale *sc, int x, gint64 ms, gunichar ch, FsimTuiRole role)
{
  if (is_time (ms) && ms >= sc->lo && ms <= sc->hi)
    mark_cell (a, x, row_of (sc, ms), ch, role);
}

/* Second T drawn over w columns from x: the records' event times as a bar
 * in the middle, the watermark across them (its steps), the diagonal
 * through them, F and L at the second's end. */
static void
draw_second (FsimTuiArea plot, const Scale *sc, int x, int w, gint64 sec,
             const FsimTuiEventTimeColumn *c)
{
  for (int j = 0; j < w; j++)
    {
      mark (plot, sc, x + j, (sec - 1) * 1000 + (j + 1) * 1000 / w, 0x00B7, FSIM_TUI_ROLE_DIM);
      if (j == w / 2 && is_time (c->min_ms) && is_time (c->max_ms))
        for (int y = row_of (sc, c->max_ms); y <= row_of (sc, c->min_ms); y++)
          mark_cell (plot, x + j, y, 0x2502, FSIM_TUI_ROLE_TONE_ACTIVE);
      mark (plot, sc, x + j, c->watermark_ms, 0x2500, FSIM_TUI_ROLE_TONE_PREPARING);
    }
  if (c->fired > 0)
    mark (plot, sc, x + w - 1, c->fired_ms, 'F', FSIM_TUI_ROLE_GOOD);
  if (c->late > 0)
    mark (plot, sc, x + w - 1, c->min_ms, 'L', FSIM_TUI_ROLE_BAD);
}

/* What the subtask's records after its latest window-sample say: the
 * newest watermark record (the task's watermark advanced, at most once a
 * second, and always for the end of input's Watermark.MAX_WATERMARK) and
 * the windows fired since. Walks the records after the sample only. */
typedef struct {
  const FsimTraceRecord *watermark;     /* NULL: none after the sample */
  gint64 fired;
} SinceSample;

static SinceSample
since_sample (FsimTui *t, const FsimTuiSubtask *s, const FsimTraceRecord *sample)
{
  SinceSample out = { NULL, 0 };
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, t->cursor, G_MAXINT64);
  const FsimTuiSnapshot *first = &g_array_index (s->snapshots, FsimTuiSnapshot, 0);
  for (const FsimTuiSnapshot *sn = now; sn && sn >= first && sn->seq > sample->seq; sn--)
    {
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK) && out.watermark == NULL)
        out.watermark = r;
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WINDOW_FIRED))
        out.fired += r->values[0];
    }
  return out;
}

static char *
watermark_text (gint64 wm)
{
  return wm == G_MININT64 ? g_strdup (_("none yet (Long.MIN_VALUE)"))
         : wm == G_MAXINT64 ? g_strdup (_("end of input (Long.MAX_VALUE)"))
         : g_strdup_printf ("%" PRId64 " ms", wm);
}

/* A watermark newer than the latest window-sample (the end of input's,
 * after which no sample follows): it, and what the sample said then. */
static int
draw_newer_watermark (FsimTuiArea in, int y, const FsimTraceRecord *r, const SinceSample *since)
{
  g_autofree char *wm_text = watermark_text (since->watermark->values[0]);
  g_autofree char *when = fsim_time_format (since->watermark->time_us);
  g_autofree char *head = g_strdup_printf (_("watermark %s, at %s"), wm_text, when);
  y += fsim_tui_print_wrapped (in, 0, y, 2, 2, FSIM_TUI_ROLE_DEFAULT, 0, head);
  g_autofree char *then = fsim_time_format (r->time_us);
  g_autofree char *sample = g_strdup_printf (ngettext ("the last window-sample, at %s: %" PRId64
                                                       " window open",
                                                       "the last window-sample, at %s: %" PRId64
                                                       " windows open", (gulong) r->values[0]),
                                             then, r->values[0]);
  y += fsim_tui_print_wrapped (in, 0, y, 2, 2, FSIM_TUI_ROLE_WHY, 0, sample);
  if (since->fired > 0)
    {
      g_autofree char *fired = g_strdup_printf (ngettext ("since then %" PRId64 " window fired",
                                                          "since then %" PRId64 " windows fired",
                                                          (gulong) since->fired), since->fired);
      y += fsim_tui_print_wrapped (in, 0, y, 2, 2, FSIM_TUI_ROLE_GOOD, 0, fired);
    }
  return y;
}

/* The watermark as of the cursor, what fires next and how far the
 * watermark has to go, from the latest window-sample r, unless a
 * watermark record came after it. */
static int
draw_now (FsimTui *t, FsimTuiArea in, int y, const FsimTuiSubtask *s, const FsimTraceRecord *r)
{
  SinceSample since = since_sample (t, s, r);
  if (since.watermark && since.watermark->values[0] != r->values[3])
    return draw_newer_watermark (in, y, r, &since);
  gint64 wm = r->values[3], next = r->values[2];
  g_autofree char *wm_text = watermark_text (wm);
  g_autofree char *head = g_strdup_printf (ngettext ("watermark %s, %" PRId64 " window open",
                                                     "watermark %s, %" PRId64 " windows open",
                                                     (gulong) r->values[0]),
                                           wm_text, r->values[0]);
  y += fsim_tui_print_wrapped (in, 0, y, 2, 2, FSIM_TUI_ROLE_DEFAULT, 0, head);
  y += fsim_tui_print_wrapped (in, 0, y, 2, 3, FSIM_TUI_ROLE_WHY, 0, r->detail ? r->detail : "");
  if (next != G_MININT64 && is_time (wm) && next > wm)
    {
      g_autofree char *go = g_strdup_printf (_("the watermark has %" PRId64 " ms to go"),
                                             next - wm);
      y += fsim_tui_print_wrapped (in, 0, y, 2, 2, FSIM_TUI_ROLE_WARN, 0, go);
    }
  return y;
}

/* Columns per second: a short run is stretched (at most 8 columns a
 * second), a long one shows its last seconds, one column each. */
static int
second_width (FsimTui *t, int cols)
{
  const FsimTraceRecord *cur = fsim_tui_current (t);
  gint64 seconds = MAX (second_of (cur ? cur->time_us : 0), 1);
  return (int) CLAMP (cols / seconds, 1, 8);
}

static gboolean
scale_of (const FsimTuiEventTimeColumn *c, int n, Scale *sc)
{
  gboolean any = FALSE;
  for (int i = 0; i < n; i++)
    {
      widen (sc, c[i].min_ms, &any);
      widen (sc, c[i].max_ms, &any);
      widen (sc, c[i].watermark_ms, &any);
      if (c[i].fired > 0)
        widen (sc, c[i].fired_ms, &any);
    }
  return any;
}

static void
draw_axes (FsimTuiArea chart, const Scale *sc, int cols, gint64 first_sec, gint64 last_sec)
{
  int rows = sc->rows;
  g_autofree char *top = seconds_text (sc->hi), *bottom = seconds_text (sc->lo);
  fsim_tui_print (chart, 0, 0, LABEL_COLS - 1, FSIM_TUI_ROLE_DIM, 0, top);
  fsim_tui_print (chart, 0, rows - 1, LABEL_COLS - 1, FSIM_TUI_ROLE_DIM, 0, bottom);
  for (int y = 0; y < rows; y++)
    fsim_tui_put (chart, LABEL_COLS - 1, y, 0x2502, FSIM_TUI_ROLE_BORDER, 0);
  fsim_tui_hline (chart, LABEL_COLS, rows, cols, FSIM_TUI_ROLE_BORDER);
  g_autofree char *left = fsim_time_format (MAX (first_sec - 1, 0) * G_USEC_PER_SEC);
  g_autofree char *right = fsim_time_format (last_sec * G_USEC_PER_SEC);
  fsim_tui_print (chart, LABEL_COLS, rows, -1, FSIM_TUI_ROLE_DIM, 0, left);
  fsim_tui_print (chart, chart.w - fsim_tui_text_width (right), rows, -1, FSIM_TUI_ROLE_DIM, 0,
                  right);
  fsim_tui_print (chart, 0, rows + 1, -1, FSIM_TUI_ROLE_DIM, 0,
                  _("\u2502 records' event times  \u2500 watermark  F fired  L late  "
                    "\u00B7 event = processing time"));
}

static void
draw_chart (FsimTui *t, FsimTuiArea chart, const FsimTuiSubtask *s)
{
  int cols = chart.w - LABEL_COLS, rows = chart.h - 2;  /* axis, legend */
  if (cols < 4 || rows < 3)
    return;
  int w = second_width (t, cols), n = cols / w;
  FsimTuiEventTimeColumn *c = g_new (FsimTuiEventTimeColumn, n);
  gint64 first_sec = fsim_tui_event_time_columns (t, s, c, n);
  Scale sc = { 0, 0, rows };
  if (!scale_of (c, n, &sc))
    fsim_tui_print_wrapped (chart, 0, 0, 0, rows, FSIM_TUI_ROLE_DIM, 0,
                            _("No record has reached the window in these seconds."));
  else
    {
      FsimTuiArea plot = fsim_tui_area_sub (chart, LABEL_COLS, 0, n * w, rows);
      for (int i = 0; i < n; i++)
        draw_second (plot, &sc, i * w, w, first_sec + i, &c[i]);
      draw_axes (chart, &sc, n * w, first_sec, first_sec + n - 1);
    }
  g_free (c);
}

void
fsim_tui_draw_event_time (FsimTui *t, FsimTuiArea a, gboolean focused)
{
  fsim_tui_box (a, _("Event time"), focused);
  FsimTuiArea in = fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
  t->drawn.page[FSIM_TUI_PANE_EVENT_TIME] = in.h;
  t->drawn.lines[FSIM_TUI_PANE_EVENT_TIME] = in.h;
  if (in.w < 20 || in.h < 4)
    return;
  gboolean fallback;
  const FsimTuiSubtask *s = window_subtask (t, &fallback);
  if (s == NULL)
    {
      fsim_tui_print_wrapped (in, 0, 0, 0, in.h, FSIM_TUI_ROLE_DIM, 0,
                              _("No window operator has run by this step. This view plots a "
                                "window's watermark and its records' event times against "
                                "processing time, one column a second; e closes it."));
      return;
    }
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, t->cursor, G_MAXINT64);
  int y = 0;
  fsim_tui_print (in, 0, y++, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, now->label);
  if (fallback)
    fsim_tui_print (in, 0, y++, -1, FSIM_TUI_ROLE_DIM, 0,
                    _("(the selected subtask runs no window)"));
  y = draw_now (t, in, y, s, fsim_tui_window_sample_at (t, s));
  y += fsim_tui_draw_watermark_holder (t, in, y, s);     /* tui-eventtime-detail.c */
  draw_chart (t, fsim_tui_area_sub (in, 0, y + 1, in.w, in.h - y - 1), s);
}
