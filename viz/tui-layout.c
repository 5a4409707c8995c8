/* tui-layout.c - where the panes go, and the header line.
 *
 *   header: job, simulated time, record, JobStatus, checkpoints, restarts, verdict
 *   ┌ timeline ──────────────────────┐┌ job graph / checkpoints ┐   (>= 100 columns:
 *   │ one row per subtask, by slot   ││ chained JobVertices      │    side by side;
 *   └────────────────────────────────┘└──────────────────────────┘    narrower: Tab
 *   ┌ step ───────────────────────────────────────────────────────┐   swaps them)
 *   │ the records before, the current one with its why             │
 *   └─────────────────────────────────────────────────────────────┘
 *   hint: the keys (from the key table), a message, or a prompt
 *
 * Panes degrade with the terminal: at 80x24 the timeline and the step pane
 * share the screen and the graph is one Tab away; below that the step pane
 * keeps its why and loses the earlier records first.
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

enum {
  WIDE = 100,                   /* from here the right column is shown */
  MIN_W = 30,
  MIN_H = 8,
};

/* ------------------------------------------------------------------------ */
/* The header                                                                 */

typedef struct {
  char *text;
  char *short_text;             /* said in fewer columns, or NULL */
  FsimTuiRole role;
  int priority;                 /* lower survives longer */
} Segment;

static void
segment (GArray *segs, int priority, FsimTuiRole role, char *text)
{
  Segment s = { text, NULL, role, priority };
  g_array_append_val (segs, s);
}

/* Gives the last segment added a shorter form for narrow terminals. */
static void
segment_short (GArray *segs, char *short_text)
{
  g_array_index (segs, Segment, segs->len - 1).short_text = short_text;
}

/* Columns the header takes; the job name (first) gets at most name_max. */
static int
header_width (GArray *segs, int name_max)
{
  int width = 1;
  for (guint i = 0; i < segs->len; i++)
    {
      Segment *s = &g_array_index (segs, Segment, i);
      if (s->text)
        width += (i == 0 ? MIN (fsim_tui_text_width (s->text), name_max)
                         : fsim_tui_text_width (s->text)) + 3;
    }
  return width;
}

/* The least important segment still shown that is not essential (or that
 * still has a short form, when shorten), or -1. */
static int
worst_segment (GArray *segs, gboolean shorten)
{
  int worst = -1;
  for (guint i = 0; i < segs->len; i++)
    {
      Segment *s = &g_array_index (segs, Segment, i);
      if (s->text == NULL || s->priority == 0 || (shorten && s->short_text == NULL))
        continue;
      if (worst < 0 || s->priority >= g_array_index (segs, Segment, worst).priority)
        worst = (int) i;
    }
  return worst;
}

static char *
speed_text (gint64 us_per_s)
{
  if (us_per_s >= 60000000 && us_per_s % 60000000 == 0)
    return g_strdup_printf (_("%" PRId64 " min/s"), us_per_s / 60000000);
  if (us_per_s >= 1000000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s/s", us_per_s / 1000000);
  return g_strdup_printf (_("%" PRId64 " ms/s"), us_per_s / 1000);
}

/* The restart strategy as of the last failover record f (NULL: no failure
 * yet) at time now: the attempts used of the most it allows and, while the
 * backoff runs, how long until restartTasks (FsimFailoverValue). */
static void
restart_segment (GArray *segs, const FsimTraceRecord *f, gint64 now_us)
{
  if (f == NULL)
    {
      segment (segs, 2, FSIM_TUI_ROLE_HEADER, g_strdup_printf (_("restarts %s"), "0"));
      return;
    }
  gint64 attempt = f->values[FSIM_FAILOVER_VALUE_RESTART_ATTEMPT];
  gint64 backoff_us = f->values[FSIM_FAILOVER_VALUE_BACKOFF_US];
  gint64 max = f->values[FSIM_FAILOVER_VALUE_MAX_ATTEMPTS];
  /* exponential-delay's default attempts-before-reset-backoff is
   * Integer.MAX_VALUE: no bound worth showing */
  g_autofree char *used = max >= G_MAXINT32
    ? g_strdup_printf ("%" G_GINT64_FORMAT, attempt)
    : g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, attempt, max);
  if (backoff_us < 0)
    {
      segment (segs, 1, FSIM_TUI_ROLE_BAD,
               max == 0 ? g_strdup (_("no restart: strategy none"))
                        : g_strdup_printf (_("restart %s: no more"), used));
      return;
    }
  gint64 left = f->time_us + backoff_us - now_us;
  if (left > 0)
    {
      g_autofree char *in = fsim_time_format (left);
      segment (segs, 1, FSIM_TUI_ROLE_WARN, g_strdup_printf (_("restart %s in %s"), used, in));
      segment_short (segs, g_strdup_printf (_("\u21BB%s in %s"), used, in));  /* ↻ */
      return;
    }
  segment (segs, 2, FSIM_TUI_ROLE_WARN, g_strdup_printf (_("restarts %s"), used));
  segment_short (segs, g_strdup_printf ("\u21BB%s", used));
}

/* Which run is on screen, once there is more than one (tui-whatif.c). */
static void
run_segment (GArray *segs, FsimTui *t)
{
  if (fsim_tui_n_runs (t) < 2)
    return;
  const FsimTuiRun *shown = fsim_tui_run_get (t, t->run);
  if (fsim_tui_run_is_compared (shown))
    {
      gint64 at = fsim_tui_run_differs_at (shown);
      segment (segs, 1, FSIM_TUI_ROLE_WARN, at >= 0
               ? g_strdup_printf (_("run B: %s, differs from #%" PRId64 " (w: run A)"),
                                  fsim_tui_run_what (shown), at)
               : g_strdup_printf (_("run B: %s, no difference (w: run A)"),
                                  fsim_tui_run_what (shown)));
      segment_short (segs, g_strdup (_("run B (w: run A)")));
      return;
    }
  if (t->run == 0 && t->other > 0 && fsim_tui_run_is_compared (fsim_tui_run_get (t, t->other)))
    {
      const FsimTuiRun *b = fsim_tui_run_get (t, t->other);
      segment (segs, 1, FSIM_TUI_ROLE_HEADER, fsim_tui_run_what (shown)
               ? g_strdup_printf (_("run A: %s (w: run B: %s)"), fsim_tui_run_what (shown),
                                  fsim_tui_run_what (b))
               : g_strdup_printf (_("run A (w: run B: %s)"), fsim_tui_run_what (b)));
      segment_short (segs, g_strdup (_("run A (w: run B)")));
      return;
    }
  if (t->run == 0)
    {
      segment (segs, 1, FSIM_TUI_ROLE_HEADER, t->other > 0
               ? g_strdup_printf (_("original run (w: what-if %d)"), t->other)
               : g_strdup (_("original run")));
      segment_short (segs, g_strdup (_("original")));
      return;
    }
  const FsimTuiRun *run = fsim_tui_run_get (t, t->run);
  gint64 at = fsim_tui_run_differs_at (run);
  segment (segs, 1, FSIM_TUI_ROLE_WARN, at >= 0
           ? g_strdup_printf (_("what-if %d: %s, differs from #%" PRId64), t->run,
                              fsim_tui_run_what (run), at)
           : g_strdup_printf (_("what-if %d: %s, no difference"), t->run,
                              fsim_tui_run_what (run)));
  segment_short (segs, g_strdup_printf (_("what-if %d"), t->run));
}

void
fsim_tui_draw_header (FsimTui *t, FsimTuiArea a)
{
  fsim_tui_fill (a, ' ', FSIM_TUI_ROLE_HEADER, 0);
  FsimTuiHistory *h = t->history;
  const FsimTraceRecord *r = fsim_tui_current (t);
  gint64 n = fsim_tui_history_count (h);
  g_autoptr (GArray) segs = g_array_new (FALSE, FALSE, sizeof (Segment));

  segment (segs, 0, FSIM_TUI_ROLE_HEADER, g_strdup (t->job_name));
  run_segment (segs, t);
  g_autofree char *time = fsim_time_format (r ? r->time_us : 0);
  segment (segs, 0, FSIM_TUI_ROLE_HEADER, g_strdup_printf ("t=%s", time));
  segment (segs, 3, FSIM_TUI_ROLE_HEADER, fsim_tui_position_text (t));
  segment_short (segs, g_strdup_printf ("#%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                        MAX (t->cursor, 0), n));
  const FsimTraceRecord *js = fsim_tui_history_last (h, FSIM_TUI_LIST_JOB_STATUS, t->cursor);
  gboolean known = js && js->to >= 0;
  FsimJobStatus status = known ? (FsimJobStatus) js->to : FSIM_JOB_INITIALIZING;
  FsimTuiRole status_role = !known ? FSIM_TUI_ROLE_HEADER
                            : status == FSIM_JOB_FAILED || status == FSIM_JOB_FAILING
                              ? FSIM_TUI_ROLE_BAD
                            : status == FSIM_JOB_RESTARTING ? FSIM_TUI_ROLE_WARN
                            : FSIM_TUI_ROLE_HEADER;
  segment (segs, 0, status_role, g_strdup_printf (_("job %s"), known
                                                   ? fsim_trace_record_to_name (js)
                                                   : _("not submitted")));
  guint done = fsim_tui_history_count_upto (h, FSIM_TUI_LIST_CHECKPOINT_COMPLETED, t->cursor);
  guint failed = fsim_tui_history_count_upto (h, FSIM_TUI_LIST_CHECKPOINT_FAILED, t->cursor);
  segment (segs, 2, failed ? FSIM_TUI_ROLE_WARN : FSIM_TUI_ROLE_HEADER,
           g_strdup_printf (_("checkpoints %u ok, %u failed"), done, failed));
  segment_short (segs, g_strdup_printf (_("ckpt %u\u2713 %u\u2717"), done, failed));
  restart_segment (segs, fsim_tui_history_last (h, FSIM_TUI_LIST_FAILOVER, t->cursor),
                   r ? r->time_us : 0);
  const FsimTraceRecord *v = fsim_tui_history_last (h, FSIM_TUI_LIST_VERDICT, t->cursor);
  if (v && v->kind->values[0].names)
    {
      /* FSIM_KIND_VERDICT: values[0] is what is judged, values[1] whether it holds */
      gboolean holds = v->values[1] != 0;
      segment (segs, 1, holds ? FSIM_TUI_ROLE_GOOD : FSIM_TUI_ROLE_BAD,
               holds ? g_strdup_printf (_("%s holds"), fsim_trace_value_text (v, 0))
                     : g_strdup_printf (_("%s does not hold"), fsim_trace_value_text (v, 0)));
    }
  else
    segment (segs, 4, FSIM_TUI_ROLE_HEADER, g_strdup (_("exactly-once: no verdict yet")));
  if (t->running)
    {
      g_autofree char *speed = speed_text (fsim_tui_speeds[t->speed]);
      /* the last full second's rate; during the first second, so far */
      double rate = t->shown_events_per_s;
      if (rate == 0 && t->rate_wall_us > 0)
        rate = (double) t->rate_events * 1e6 / (double) t->rate_wall_us;
      segment (segs, 1, FSIM_TUI_ROLE_WARN,
               g_strdup_printf (_("\u25B6 %s  %.0f ev/s"), speed, rate));
    }

  /* until the line fits: say the least important segments shorter, then
   * drop them; the job name gives way to the rest on a narrow terminal */
  int name_max = MAX (a.w / 3, 8);
  for (int shorten = 1; shorten >= 0; shorten--)
    while (header_width (segs, name_max) > a.w)
      {
        int worst = worst_segment (segs, shorten);
        if (worst < 0)
          break;
        Segment *s = &g_array_index (segs, Segment, worst);
        g_free (s->text);
        s->text = shorten ? g_steal_pointer (&s->short_text) : NULL;
      }
  int x = 1;
  for (guint i = 0; i < segs->len; i++)
    {
      Segment *s = &g_array_index (segs, Segment, i);
      if (s->text == NULL)
        continue;
      if (x > 1)
        x += fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_HEADER, 0, " \u2502 ");
      int max = i == 0 ? name_max : -1;
      x += fsim_tui_print (a, x, 0, max, s->role, FSIM_TUI_ATTR_BOLD, s->text);
    }
  for (guint i = 0; i < segs->len; i++)
    {
      g_free (g_array_index (segs, Segment, i).text);
      g_free (g_array_index (segs, Segment, i).short_text);
    }
}

/* ------------------------------------------------------------------------ */
/* The screen                                                                 */

static FsimTuiPane
right_pane (FsimTui *t)
{
  if (t->show_event_time)
    return FSIM_TUI_PANE_EVENT_TIME;
  if (t->show_checkpoints)
    return FSIM_TUI_PANE_CHECKPOINTS;
  if (t->job_graph)
    return FSIM_TUI_PANE_GRAPH;
  return FSIM_TUI_PANE_COUNT;
}

static void
draw_pane (FsimTui *t, FsimTuiPane pane, FsimTuiArea a)
{
  gboolean focused = t->focus == pane && t->mode == FSIM_TUI_MODE_NORMAL;
  t->drawn.panes[pane] = a;
  switch (pane)
    {
    case FSIM_TUI_PANE_TIMELINE:
      fsim_tui_draw_timeline (t, a, focused);
      break;
    case FSIM_TUI_PANE_GRAPH:
      fsim_tui_draw_graph (t, a, focused);
      break;
    case FSIM_TUI_PANE_STEP:
      fsim_tui_draw_step (t, a, focused);
      break;
    case FSIM_TUI_PANE_CHECKPOINTS:
      fsim_tui_draw_checkpoints (t, a, focused);
      break;
    case FSIM_TUI_PANE_EVENT_TIME:
      fsim_tui_draw_event_time (t, a, focused);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
fsim_tui_draw (FsimTui *t, FsimTuiGrid *grid)
{
  fsim_tui_grid_clear (grid);
  FsimTuiDrawn keep = t->drawn;
  memset (&t->drawn, 0, sizeof t->drawn);
  t->drawn.zoom_us = keep.zoom_us;
  t->drawn.view_start_us = keep.view_start_us;
  FsimTuiArea all = fsim_tui_area (grid);
  if (all.w < MIN_W || all.h < MIN_H)
    {
      fsim_tui_print_wrapped (all, 0, 0, 0, all.h, FSIM_TUI_ROLE_BAD, 0,
                              _("flinksim needs a larger terminal (80x24 is comfortable); q quits"));
      return;
    }
  fsim_tui_draw_header (t, fsim_tui_area_sub (all, 0, 0, all.w, 1));
  fsim_tui_draw_hint (t, fsim_tui_area_sub (all, 0, all.h - 1, all.w, 1));
  FsimTuiArea body = fsim_tui_area_sub (all, 0, 1, all.w, all.h - 2);
  if (t->mode == FSIM_TUI_MODE_HELP)
    {
      fsim_tui_draw_help (t, body);
      return;
    }
  if (t->tour)
    {
      /* the lesson's narration on top: what it needs, up to two fifths
       * (cut at the bottom; the question comes before the notes) */
      int lesson_h = fsim_tui_lesson_rows_wanted (t, body.w) + 2;
      lesson_h = CLAMP (lesson_h, MIN (4, body.h / 3), MAX (body.h * 2 / 5, 4));
      fsim_tui_draw_lesson (t, fsim_tui_area_sub (body, 0, 0, body.w, lesson_h));
      body = fsim_tui_area_sub (body, 0, lesson_h, body.w, body.h - lesson_h);
    }

  /* the step pane: a third of the height, between 6 and 12 rows; more, up
   * to half, when the current record's why would not fit whole (the why is
   * the teaching line), keeping one earlier record in view */
  int step_h = CLAMP (body.h / 3, MIN (6, body.h / 2), 12);
  int wanted = fsim_tui_step_rows_wanted (t, body.w) + 2 + 1;
  step_h = MAX (step_h, MIN (wanted, body.h / 2));
  FsimTuiArea top = fsim_tui_area_sub (body, 0, 0, body.w, body.h - step_h);
  draw_pane (t, FSIM_TUI_PANE_STEP, fsim_tui_area_sub (body, 0, top.h, body.w, step_h));

  FsimTuiPane right = right_pane (t);
  if (t->mode == FSIM_TUI_MODE_INSPECT)
    {
      fsim_tui_draw_inspect (t, top);
      return;
    }
  if (right == FSIM_TUI_PANE_COUNT)
    draw_pane (t, FSIM_TUI_PANE_TIMELINE, top);
  else if (top.w >= WIDE)
    {
      /* the checkpoint table needs more room than the graph's boxes */
      int rw = right == FSIM_TUI_PANE_CHECKPOINTS ? CLAMP (top.w / 2, 46, 64)
               : right == FSIM_TUI_PANE_EVENT_TIME ? CLAMP (top.w / 2, 46, 90)
                                                  : CLAMP (top.w * 2 / 5, 34, 60);
      draw_pane (t, FSIM_TUI_PANE_TIMELINE, fsim_tui_area_sub (top, 0, 0, top.w - rw, top.h));
      draw_pane (t, right, fsim_tui_area_sub (top, top.w - rw, 0, rw, top.h));
    }
  else
    {
      /* narrow: Tab swaps the right pane in; the border says so, or a
       * learner at 80 columns never finds the JobGraph */
      gboolean swapped = t->focus == right;
      draw_pane (t, swapped ? right : FSIM_TUI_PANE_TIMELINE, top);
      /* the title fsim_tui_box drew for the pane shown */
      g_autofree char *title =
        g_strdup_printf (" %s ", swapped ? (right == FSIM_TUI_PANE_GRAPH ? "JobGraph"
                                            : right == FSIM_TUI_PANE_EVENT_TIME ? _("Event time")
                                            : _("Checkpoints"))
                                 : _("Timeline"));
      g_autofree char *cue = g_strdup_printf (_(" %s: Tab "),
                                              swapped ? _("timeline")
                                              : right == FSIM_TUI_PANE_GRAPH ? "JobGraph"
                                              : right == FSIM_TUI_PANE_EVENT_TIME ? _("event time")
                                              : _("checkpoints"));
      fsim_tui_print (top, 2 + fsim_tui_text_width (title) + 1, 0, -1, FSIM_TUI_ROLE_KEY, 0, cue);
    }
}
