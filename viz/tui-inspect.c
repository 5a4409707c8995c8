/* tui-inspect.c - the selected subtask in detail (Enter), as of the cursor:
 * its ExecutionVertex and attempt; once records flow, what the task does
 * (its last task-activity record), its task metrics as the latest sample
 * says and its output and input channels as the latest channel samples
 * say, each with the second they are from; its slot and the subtasks sharing it, where
 * and why it was deployed, every ExecutionState change with the rule behind
 * it, and the latest record of each other kind (channels, buffers, barriers,
 * state) that names it; a window operator's last window events when the
 * run was traced with --detail event-time (tui-eventtime-detail.c).
 * Stepping keeps working underneath.
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

/* Writes down a scratch grid that grows as lines are added. */
typedef struct {
  FsimTuiGrid *grid;
  FsimTuiArea a;
  int y;
} Pen;

/* Room for rows more rows at p->y. */
static void
room_for (Pen *p, int rows)
{
  int h = fsim_tui_grid_height (p->grid);
  if (p->y + rows > h)
    {
      fsim_tui_grid_grow (p->grid, MAX (h * 2, p->y + rows));
      p->a = fsim_tui_area (p->grid);
    }
}

/* Room for a wrapped paragraph of up to 8 rows at p->y. */
static void
room (Pen *p)
{
  room_for (p, 8);
}

/* The JobManager's view of a subtask's ExecutionState. */
static gboolean
is_execution_state (const FsimTraceRecord *r)
{
  return r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE);
}

static void
line (Pen *p, int x, FsimTuiRole role, guint attr, const char *text)
{
  room (p);
  p->y += fsim_tui_print_wrapped (p->a, x, p->y, 2, 6, role, attr, text);
}

static void
why_line (Pen *p, const FsimTraceRecord *r)
{
  g_autofree char *why = g_strconcat (_("why: "), r->why ? r->why : "?", NULL);
  room (p);
  /* continuation lines start under the why, after its label */
  p->y += fsim_tui_print_wrapped (p->a, 6, p->y, fsim_tui_text_width (_("why: ")), 6,
                                  FSIM_TUI_ROLE_WHY, 0, why);
}

static const FsimJobVertex *
job_vertex (FsimTui *t, gint32 index)
{
  if (t->job_graph == NULL)
    return NULL;
  GPtrArray *vs = fsim_job_graph_get_vertices_topological (t->job_graph);
  return index >= 0 && (guint) index < vs->len ? g_ptr_array_index (vs, index) : NULL;
}

static void
slot_mates (FsimTui *t, Pen *p, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  if (now->slot < 0)
    {
      line (p, 1, FSIM_TUI_ROLE_DEFAULT, 0, _("Slot: none yet (a slot is assigned before "
              "DEPLOYING, when the whole bulk of the pipelined region has its slots)"));
      return;
    }
  g_autofree char *where = g_strdup_printf (_("Slot: TaskManager %d \u00b7 slot %d, shared with:"),
                                            now->taskmanager, now->slot);
  line (p, 1, FSIM_TUI_ROLE_DEFAULT, FSIM_TUI_ATTR_BOLD, where);
  g_autoptr (GArray) rows = fsim_tui_rows (t);
  int mates = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const FsimTuiRow *r = &g_array_index (rows, FsimTuiRow, i);
      if (r->subtask == NULL || r->subtask == s || r->taskmanager != now->taskmanager
          || r->slot != now->slot)
        continue;
      room (p);
      g_autofree char *label = fsim_tui_fit_label_ends (r->now->label, 40);
      int x = fsim_tui_print (p->a, 4, p->y, 40, FSIM_TUI_ROLE_DEFAULT, 0, label);
      const char *state = r->now->state >= 0
                          ? fsim_execution_state_name ((FsimExecutionState) r->now->state) : "";
      fsim_tui_print (p->a, MAX (4 + x + 2, 46), p->y, -1, fsim_tui_execution_role (r->now->state),
                      0, state);
      p->y++;
      mates++;
    }
  if (mates == 0)
    line (p, 4, FSIM_TUI_ROLE_DIM, 0, _("no other subtask (yet)"));
}

static void
deployment (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  const FsimTuiSnapshot *deployed = NULL;
  for (guint i = 0; i < s->snapshots->len; i++)
    {
      const FsimTuiSnapshot *sn = &g_array_index (s->snapshots, FsimTuiSnapshot, i);
      if (sn->seq > t->cursor)
        break;
      const FsimTuiSnapshot *prev = i > 0 ? sn - 1 : NULL;
      if (sn->state == FSIM_EXECUTION_DEPLOYING && (!prev || prev->state != sn->state))
        deployed = sn;
    }
  if (deployed == NULL)
    {
      line (p, 1, FSIM_TUI_ROLE_DEFAULT, 0, _("Deployed: not yet at this step"));
      return;
    }
  g_autofree char *time = fsim_time_format (deployed->time_us);
  g_autofree char *text = deployed->slot >= 0
    ? g_strdup_printf (_("Deployed at %s (#%" PRId64 ") to TaskManager %d \u00b7 slot %d"),
                       time, deployed->seq, deployed->taskmanager, deployed->slot)
    : g_strdup_printf (_("Deployed at %s (#%" PRId64 ")"), time, deployed->seq);
  line (p, 1, FSIM_TUI_ROLE_DEFAULT, FSIM_TUI_ATTR_BOLD, text);
  why_line (p, fsim_tui_history_record (t->history, deployed->seq));
}

static void
state_changes (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  line (p, 1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, _("State changes, each with its why:"));
  for (guint i = 0; i < s->snapshots->len; i++)
    {
      const FsimTuiSnapshot *sn = &g_array_index (s->snapshots, FsimTuiSnapshot, i);
      if (sn->seq > t->cursor)
        break;
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      gboolean placed = i > 0 && (sn->slot != sn[-1].slot || sn->taskmanager != sn[-1].taskmanager)
                        && sn->slot >= 0;
      if (!is_execution_state (r) && !placed)
        continue;
      g_autofree char *time = fsim_time_format (sn->time_us);
      room (p);
      int x = 3 + fsim_tui_printf (p->a, 3, p->y, -1, FSIM_TUI_ROLE_DIM, 0, "%10s  #%-5"
                                   G_GINT64_FORMAT " ", time, sn->seq);
      if (r->to >= 0 && is_execution_state (r))
        {
          if (r->from >= 0)
            {
              x += fsim_tui_print (p->a, x, p->y, -1, fsim_tui_execution_role (r->from), 0,
                                   fsim_trace_record_from_name (r));
              x += fsim_tui_print (p->a, x, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0, " \u2192 ");
            }
          x += fsim_tui_print (p->a, x, p->y, -1, fsim_tui_execution_role (r->to),
                               FSIM_TUI_ATTR_BOLD, fsim_trace_record_to_name (r));
        }
      else
        x += fsim_tui_printf (p->a, x, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0, "%s", r->kind->name);
      if (placed)
        fsim_tui_printf (p->a, x, p->y, -1, FSIM_TUI_ROLE_DIM, 0,
                         _("  in TaskManager %d \u00b7 slot %d"), sn->taskmanager, sn->slot);
      p->y++;
      why_line (p, r);
    }
}

/* Whether any record flows through this subtask in the whole trace. */
static gboolean
flows_through (const FsimTuiSubtask *s)
{
  return s->metrics->len > 0 || s->outputs->len > 0 || s->inputs->len > 0;
}

/* The latest record of every kind other than execution-state. */
static void
other_records (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  line (p, 1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD,
        _("Channels, buffers, blocked inputs, state (latest record of each kind):"));
  g_autoptr (GArray) kinds = g_array_new (FALSE, FALSE, sizeof (gint64));   /* seq per kind */
  for (guint i = 0; i < s->snapshots->len; i++)
    {
      const FsimTuiSnapshot *sn = &g_array_index (s->snapshots, FsimTuiSnapshot, i);
      if (sn->seq > t->cursor)
        break;
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      /* the flow blocks above show the last task-activity record */
      if (is_execution_state (r)
          || (flows_through (s) && r->kind->machine == &fsim_task_activity_machine))
        continue;
      gboolean replaced = FALSE;
      for (guint k = 0; k < kinds->len; k++)
        {
          gint64 *seq = &g_array_index (kinds, gint64, k);
          const FsimTraceRecord *o = fsim_tui_history_record (t->history, *seq);
          /* per kind and channel: each input channel has its own story */
          if (o->kind == r->kind && o->channel == r->channel)
            {
              *seq = r->seq;
              replaced = TRUE;
            }
        }
      if (!replaced)
        g_array_append_val (kinds, sn->seq);
    }
  if (kinds->len == 0)
    line (p, 3, FSIM_TUI_ROLE_DIM, 0, _("none recorded for this subtask up to this step"));
  for (guint k = 0; k < kinds->len; k++)
    {
      const FsimTraceRecord *r = fsim_tui_history_record (t->history,
                                                          g_array_index (kinds, gint64, k));
      g_autofree char *time = fsim_time_format (r->time_us);
      g_autofree char *summary = fsim_tui_record_summary (t->history, r);
      g_autofree char *text = g_strdup_printf ("%s  %s  %s",
                                               r->kind->name, time, summary);
      line (p, 3, FSIM_TUI_ROLE_DEFAULT, 0, text);
      why_line (p, r);
    }
}

/* ------------------------------------------------------------------------ */
/* Records flowing: activity, metrics, channels                              */

/* The last task-activity record naming the subtask at the cursor, or NULL. */
static const FsimTraceRecord *
last_activity (FsimTui *t, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  const FsimTuiSnapshot *first = &g_array_index (s->snapshots, FsimTuiSnapshot, 0);
  for (const FsimTuiSnapshot *sn = now; sn >= first; sn--)
    {
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      if (r->kind->machine == &fsim_task_activity_machine)
        return r;
    }
  return NULL;
}

static void
activity_line (FsimTui *t, Pen *p, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  const FsimTraceRecord *r = last_activity (t, s, now);
  if (r == NULL)
    {
      line (p, 1, FSIM_TUI_ROLE_DEFAULT, 0, _("Activity: never backpressured so far (no "
              "task-activity record yet)"));
      return;
    }
  g_autofree char *time = fsim_time_format (r->time_us);
  room (p);
  int x = 1 + fsim_tui_print (p->a, 1, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0, _("Activity: "));
  x += fsim_tui_print (p->a, x, p->y, -1, fsim_tui_state_role (r->kind->machine, r->to),
                       FSIM_TUI_ATTR_BOLD, fsim_trace_record_to_name (r));
  fsim_tui_printf (p->a, x, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0,
                   _(" since %s (#%" PRId64 ")"), time, r->seq);
  p->y++;
  why_line (p, r);
}

/* A metric at its scale, as `flinksim metrics` prints it: "912", "125.666". */
static char *
metric_text (const FsimTuiMetricSample *m, FsimTaskMetric metric)
{
  if (!fsim_tui_metric_present (m, metric))
    return g_strdup ("-");
  gint64 v = m->values[metric];
  if (fsim_task_metric_desc (metric)->scale == 1)
    return g_strdup_printf ("%" PRId64, v);
  return g_strdup_printf ("%s%" PRId64 ".%03" PRId64, v < 0 ? "-" : "", ABS (v) / 1000,
                          ABS (v) % 1000);
}

/* "name value" items side by side, wrapped at the pen's width. */
static void
metric_items (Pen *p, const FsimTuiMetricSample *m, const FsimTaskMetric *metrics, guint n)
{
  room (p);
  int x = 3;
  for (guint i = 0; i < n; i++)
    {
      const char *name = fsim_task_metric_desc (metrics[i])->name;
      g_autofree char *value = metric_text (m, metrics[i]);
      int w = fsim_tui_text_width (name) + 1 + fsim_tui_text_width (value);
      if (x > 3 && x + w > p->a.w)
        {
          p->y++;
          room (p);
          x = 3;
        }
      x += fsim_tui_print (p->a, x, p->y, -1, FSIM_TUI_ROLE_DIM, 0, name) + 1;
      x += fsim_tui_print (p->a, x, p->y, -1, FSIM_TUI_ROLE_DEFAULT, FSIM_TUI_ATTR_BOLD, value);
      x += 3;
    }
  p->y++;
}

static void
backpressure_level (Pen *p, const FsimTuiMetricSample *m)
{
  gint64 bp = fsim_tui_metric (m, FSIM_TASK_METRIC_BACK_PRESSURED_TIME);
  FsimBackpressureLevel level = fsim_backpressure_level (bp);
  room (p);
  int x = 3 + fsim_tui_print (p->a, 3, p->y, -1, FSIM_TUI_ROLE_DIM, 0, "backpressureLevel ");
  x += fsim_tui_print (p->a, x, p->y, -1,
                       level == FSIM_BACKPRESSURE_OK ? FSIM_TUI_ROLE_GOOD
                       : fsim_tui_state_role (&fsim_task_activity_machine,
                                              FSIM_TASK_BACKPRESSURED),
                       FSIM_TUI_ATTR_BOLD, fsim_backpressure_level_name (level));
  /* the thresholds when they fit; the help says them too */
  const char *note = _("  (ok up to 100 ms/s, low up to 500, high above)");
  if (x + fsim_tui_text_width (note) <= p->a.w)
    fsim_tui_print (p->a, x, p->y, -1, FSIM_TUI_ROLE_DIM, 0, note);
  p->y++;
}

static void
metrics_block (FsimTui *t, Pen *p, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  const FsimTuiMetricSample *m = fsim_tui_metrics_at (s, t->cursor, G_MAXINT64);
  if (m == NULL)
    {
      line (p, 1, FSIM_TUI_ROLE_DEFAULT, 0, _("Metrics: no sample yet at this step (every "
              "running task is sampled once a simulated second)"));
      return;
    }
  g_autofree char *time = fsim_time_format (m->time_us);
  if (!fsim_tui_metric_present (m, FSIM_TASK_METRIC_BACK_PRESSURED_TIME))
    {
      /* counters alone: the task ended and its final TaskExecutionState
       * carried them; no gauge is read after that */
      g_autofree char *final = g_strdup_printf (
        _("Final counters at %s (#%" PRId64 ", the IOMetrics its final TaskExecutionState "
          "carries):"), time, m->first_seq);
      line (p, 1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, final);
      static const FsimTaskMetric final_counts[] = {
        FSIM_TASK_METRIC_NUM_RECORDS_IN, FSIM_TASK_METRIC_NUM_RECORDS_OUT,
        FSIM_TASK_METRIC_NUM_BUFFERS_OUT,
      };
      metric_items (p, m, final_counts, G_N_ELEMENTS (final_counts));
      return;
    }
  g_autofree char *head = m->attempt == now->attempt
    ? g_strdup_printf (_("Metrics at %s (the latest sample, #%" PRId64 "):"), time, m->first_seq)
    : g_strdup_printf (_("Metrics at %s (the latest sample, #%" PRId64 ", of attempt %d):"),
                       time, m->first_seq, m->attempt);
  line (p, 1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, head);
  static const FsimTaskMetric times[] = {
    FSIM_TASK_METRIC_BUSY_TIME, FSIM_TASK_METRIC_IDLE_TIME,
    FSIM_TASK_METRIC_BACK_PRESSURED_TIME,
  };
  static const FsimTaskMetric counts[] = {
    FSIM_TASK_METRIC_NUM_RECORDS_IN, FSIM_TASK_METRIC_NUM_RECORDS_OUT,
    FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE, FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE,
  };
  static const FsimTaskMetric pools[] = {
    FSIM_TASK_METRIC_IN_POOL_USAGE, FSIM_TASK_METRIC_OUT_POOL_USAGE,
  };
  metric_items (p, m, times, G_N_ELEMENTS (times));
  backpressure_level (p, m);
  metric_items (p, m, counts, G_N_ELEMENTS (counts));
  metric_items (p, m, pools, G_N_ELEMENTS (pools));
}

/* A watermark as the metrics give it: ms, or what Long.MIN/MAX_VALUE mean. */
static char *
watermark_text (gint64 ms)
{
  if (ms == FSIM_WATERMARK_NONE)
    return g_strdup (_("none (Long.MIN_VALUE)"));
  if (ms == FSIM_WATERMARK_MAX)
    return g_strdup (_("end of input (Long.MAX_VALUE)"));
  return g_strdup_printf ("%" PRId64 " ms", ms);
}

/* The subtask's last watermark or watermark-held record at the cursor
 * (at most a few hundred records back): a held one is still true, an
 * advance says the watermark moves. */
static const FsimTraceRecord *
last_watermark_news (FsimTui *t, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  const FsimTuiSnapshot *first = &g_array_index (s->snapshots, FsimTuiSnapshot, 0);
  int budget = 500;
  for (const FsimTuiSnapshot *sn = now; sn >= first && budget-- > 0; sn--)
    {
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK)
          || r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_HELD))
        return r;
    }
  return NULL;
}

/* Event time: the watermarks the latest sample gives and, while a
 * watermark-held record is the latest news, the channel holding it. */
static void
event_time_block (FsimTui *t, Pen *p, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  const FsimTuiMetricSample *m = fsim_tui_metrics_at (s, t->cursor, G_MAXINT64);
  if (m == NULL || !fsim_tui_metric_present (m, FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK))
    return;
  gint64 in = fsim_tui_metric (m, FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK);
  gint64 out = fsim_tui_metric (m, FSIM_TASK_METRIC_CURRENT_OUTPUT_WATERMARK);
  const FsimTraceRecord *news = last_watermark_news (t, s, now);
  if (in == FSIM_WATERMARK_NONE && out == FSIM_WATERMARK_NONE && news == NULL)
    return;                     /* no event time here */
  g_autofree char *in_text = watermark_text (in), *out_text = watermark_text (out);
  g_autofree char *text = g_strdup_printf (_("Event time: currentInputWatermark %s, "
                                             "currentOutputWatermark %s"), in_text, out_text);
  line (p, 3, FSIM_TUI_ROLE_DEFAULT, 0, text);
  if (news == NULL || news->kind != FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_HELD))
    return;
  g_autofree char *time = fsim_time_format (news->time_us);
  g_autofree char *held = g_strdup_printf (_("Held back (#%" PRId64 ", %s): %s"), news->seq,
                                           time, news->detail ? news->detail : "");
  line (p, 3, FSIM_TUI_ROLE_WARN, FSIM_TUI_ATTR_BOLD, held);
  why_line (p, news);
}

/* --- watermark alignment at a source subtask (FLIP-182) ------------------ */

/* The subtask's latest alignment records up to the cursor, of the
 * cursor's attempt (a new SourceOperator starts unaligned). */
typedef struct {
  const FsimTraceRecord *reported;      /* watermark-reported */
  const FsimTraceRecord *received;      /* alignment-received */
  const FsimTraceRecord *mode;          /* source-paused or source-resumed */
} AlignmentNews;

static gboolean
alignment_news (FsimTui *t, const FsimTuiSubtask *s, const FsimTuiSnapshot *now,
                AlignmentNews *out)
{
  *out = (AlignmentNews) { NULL, NULL, NULL };
  const FsimTuiSnapshot *first = &g_array_index (s->snapshots, FsimTuiSnapshot, 0);
  gint32 attempt = fsim_tui_history_record (t->history, now->seq)->attempt;
  for (const FsimTuiSnapshot *sn = now;
       sn >= first && !(out->reported && out->received && out->mode); sn--)
    {
      const FsimTraceRecord *r = fsim_tui_history_record (t->history, sn->seq);
      if (r->attempt != attempt)
        break;
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_WATERMARK_REPORTED) && !out->reported)
        out->reported = r;
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_ALIGNMENT_RECEIVED) && !out->received)
        out->received = r;
      else if ((r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_PAUSED)
                || r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_RESUMED)) && !out->mode)
        out->mode = r;
    }
  return out->reported || out->received || out->mode;
}

/* The group and maxAllowedWatermarkDrift of the source's
 * WatermarkStrategy, from the JobGraph (NULL without one). */
static const FsimWatermarkSpec *
alignment_spec (FsimTui *t, const FsimTuiSubtask *s)
{
  const FsimJobVertex *jv = job_vertex (t, s->vertex);
  if (jv == NULL || jv->head == NULL || jv->head->watermarks.alignment_group == NULL)
    return NULL;
  return &jv->head->watermarks;
}

static char *
max_allowed_text (gint64 ms)
{
  if (ms == FSIM_WATERMARK_MAX)
    return g_strdup (_("Long.MAX_VALUE (no bound)"));
  return g_strdup_printf ("%" PRId64 " ms", ms);
}

/* "paused since" or "reading since", and why. */
static void
alignment_mode_line (FsimTui *t, Pen *p, const FsimTraceRecord *mode)
{
  if (mode == NULL)
    {
      line (p, 5, FSIM_TUI_ROLE_DIM, 0, _("Reading: not paused for alignment so far"));
      return;
    }
  g_autofree char *time = fsim_time_format (mode->time_us);
  g_autofree char *wm = watermark_text (mode->values[0]);
  g_autofree char *max = max_allowed_text (mode->values[1]);
  if (mode->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SOURCE_RESUMED))
    {
      g_autofree char *text = g_strdup_printf (
        _("Reading since %s (#%" PRId64 "), after waiting %" PRId64 " ms: watermark %s <= "
          "maxAllowedWatermark %s"), time, mode->seq, mode->values[2], wm, max);
      line (p, 5, FSIM_TUI_ROLE_DEFAULT, 0, text);
      return;
    }
  gint64 waited = (fsim_tui_current (t)->time_us - mode->time_us) / 1000;
  g_autofree char *text = g_strdup_printf (
    _("Paused since %s (#%" PRId64 ", %" PRId64 " ms so far): watermark %s > maxAllowedWatermark "
      "%s (WAITING_FOR_ALIGNMENT)"), time, mode->seq, waited, wm, max);
  line (p, 5, FSIM_TUI_ROLE_WARN, FSIM_TUI_ATTR_BOLD, text);
  why_line (p, mode);
}

/* An aligned source subtask (withWatermarkAlignment): its group, the
 * watermark it last reported to its SourceCoordinator, the
 * maxAllowedWatermark it last received and whether it waits, exactly as
 * its records up to the cursor say. */
static void
alignment_block (FsimTui *t, Pen *p, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  AlignmentNews n;
  if (!alignment_news (t, s, now, &n))
    return;
  const FsimWatermarkSpec *spec = alignment_spec (t, s);
  g_autofree char *head = spec
    ? g_strdup_printf (_("Watermark alignment: group \"%s\", maxAllowedWatermarkDrift %" PRId64
                         " ms"), spec->alignment_group, spec->alignment_max_drift_ms)
    : g_strdup (_("Watermark alignment"));
  line (p, 3, FSIM_TUI_ROLE_DEFAULT, 0, head);
  if (n.reported)
    {
      g_autofree char *time = fsim_time_format (n.reported->time_us);
      g_autofree char *wm = n.reported->values[0] == FSIM_WATERMARK_MAX
        ? g_strdup (_("Long.MAX_VALUE (idle or finished)"))
        : g_strdup_printf ("%" PRId64 " ms", n.reported->values[0]);
      g_autofree char *text = g_strdup_printf (_("Last reported watermark %s (#%" PRId64 ", %s)"),
                                               wm, n.reported->seq, time);
      line (p, 5, FSIM_TUI_ROLE_DEFAULT, 0, text);
    }
  else
    line (p, 5, FSIM_TUI_ROLE_DIM, 0, _("No watermark reported yet (it reports once it has one)"));
  if (n.received)
    {
      g_autofree char *time = fsim_time_format (n.received->time_us);
      g_autofree char *max = max_allowed_text (n.received->values[0]);
      g_autofree char *text = g_strdup_printf (
        _("maxAllowedWatermark %s (received #%" PRId64 ", %s)"), max, n.received->seq, time);
      line (p, 5, FSIM_TUI_ROLE_DEFAULT, 0, text);
    }
  else
    line (p, 5, FSIM_TUI_ROLE_DIM, 0,
          _("No WatermarkAlignmentEvent received yet: no bound (Long.MAX_VALUE)"));
  alignment_mode_line (t, p, n.mode);
}

/* Windows: what the latest window-sample says the operator holds, and
 * why nothing fired yet: the next timer and how far the watermark (or the
 * clock) is from it. */
static void
windows_block (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  const FsimTraceRecord *r = fsim_tui_window_sample_at (t, s);
  if (r == NULL)
    return;
  g_autofree char *time = fsim_time_format (r->time_us);
  g_autofree char *pairs = g_strdup_printf (
    ngettext ("%" PRId64 " (key, window) pair holds state",
              "%" PRId64 " (key, window) pairs hold state", (gulong) r->values[0]), r->values[0]);
  g_autofree char *timers = g_strdup_printf (
    ngettext ("%" PRId64 " timer", "%" PRId64 " timers", (gulong) r->values[1]), r->values[1]);
  g_autofree char *arrived = g_strdup_printf (
    ngettext ("%" PRId64 " record arrived", "%" PRId64 " records arrived", (gulong) r->values[4]),
    r->values[4]);
  /* TRANSLATORS: the three %s after the time are "3 (key, window) pairs hold
   * state", "2 timers" and "40 records arrived", each translated alone */
  g_autofree char *text = g_strdup_printf (
    _("Windows (#%" PRId64 ", %s): %s, %s; in the second before, %s, %" PRId64
      " of them late"), r->seq, time, pairs, timers, arrived, r->values[7]);
  line (p, 3, FSIM_TUI_ROLE_DEFAULT, 0, text);
  line (p, 5, FSIM_TUI_ROLE_DEFAULT, 0, r->detail ? r->detail : "");
  gint64 next = r->values[2], wm = r->values[3];
  if (next != G_MININT64 && wm != G_MININT64 && wm != G_MAXINT64 && next > wm)
    {
      g_autofree char *go = g_strdup_printf (
        _("Not fired yet: the watermark is at %" PRId64 " ms, %" PRId64 " ms short of %" PRId64
          " ms (e plots it)"), wm, next - wm, next);
      line (p, 5, FSIM_TUI_ROLE_WARN, FSIM_TUI_ATTR_BOLD, go);
    }
  else if (next != G_MININT64 && wm == G_MININT64 && fsim_tui_metrics_at (s, t->cursor, G_MAXINT64))
    line (p, 5, FSIM_TUI_ROLE_WARN, FSIM_TUI_ATTR_BOLD,
          _("Not fired yet: no watermark has reached the window (Long.MIN_VALUE); a "
            "WatermarkStrategy upstream emits one every pipeline.auto-watermark-interval"));
  why_line (p, r);
  /* --detail event-time: what happened to each window (tui-eventtime-detail.c) */
  room_for (p, 1 + FSIM_TUI_WINDOW_EVENTS_SHOWN * FSIM_TUI_WINDOW_EVENT_ROWS);
  p->y += fsim_tui_draw_window_events (t, fsim_tui_area_sub (p->a, 3, 0, p->a.w - 3, p->a.h),
                                       p->y, s);
}

/* " (19.000 s)" for a channel whose latest sample is older than the block's. */
static char *
older_text (const FsimTuiChannelSample *c, gint64 latest_us)
{
  if (c->time_us == latest_us)
    return g_strdup ("");
  g_autofree char *time = fsim_time_format (c->time_us);
  return g_strdup_printf (" (%s)", time);
}

static gint64
latest_time (GPtrArray *channels)
{
  gint64 latest = -1;
  for (guint i = 0; i < channels->len; i++)
    latest = MAX (latest, ((const FsimTuiChannelSample *) g_ptr_array_index (channels, i))->time_us);
  return latest;
}

/* text right-aligned in cols display columns (printf pads by bytes). */
static char *
pad (const char *text, int cols)
{
  int w = fsim_tui_text_width (text);
  return g_strdup_printf ("%*s%s", MAX (cols - w, 0), "", text);
}

/* text left-aligned in cols display columns. */
static char *
pad_right (const char *text, int cols)
{
  int w = fsim_tui_text_width (text);
  return g_strdup_printf ("%s%*s", text, MAX (cols - w, 0), "");
}

/* Columns of a channel table: the name column takes what is left. */
enum { COL_NUM = 8 };

/* A channel table's column titles, by display columns, one space apart. */
typedef struct {
  const char *title;            /* NULL ends the array */
  int cols;
  gboolean right;
} Column;

static void
table_header (Pen *p, const Column *columns)
{
  room (p);
  GString *s = g_string_new (NULL);
  for (const Column *c = columns; c->title; c++)
    {
      g_autofree char *cell = c->right ? pad (c->title, c->cols) : pad_right (c->title, c->cols);
      g_string_append_printf (s, "%s%s", s->len ? " " : "", cell);
    }
  fsim_tui_print (p->a, 3, p->y++, -1, FSIM_TUI_ROLE_DIM, 0, s->str);
  g_string_free (s, TRUE);
}

/* A channel table's title. */
static void table_title (Pen *p, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
table_title (Pen *p, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *head = g_strdup_vprintf (format, args);
  va_end (args);
  line (p, 1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, head);
}

/* The sender's credit in COL_NUM columns; a local channel has none. */
static char *
credit_text (const FsimTuiChannelSample *c)
{
  g_autofree char *n = g_strdup_printf ("%" PRId64, c->credit);
  return pad (c->credit < 0 ? _("local") : n, COL_NUM);
}

/* As wide as the longest name (consumers' or producers'), up to what the
 * numbers leave. */
static int
name_cols (Pen *p, GPtrArray *channels, gboolean producers)
{
  int widest = 4;
  for (guint i = 0; i < channels->len; i++)
    {
      const FsimTuiChannelSample *c = g_ptr_array_index (channels, i);
      widest = MAX (widest, fsim_tui_text_width (producers ? c->producer_label
                                                           : c->consumer_name));
    }
  return CLAMP (widest, 12, MAX (p->a.w - 3 - 4 * COL_NUM - 10, 12));
}

/* s's channels at the cursor: exact (the run simulated again to it,
 * tui-probe.c) when the TUI can, else the latest samples; *exact says
 * which. (transfer container) */
static GPtrArray *
channels_now (FsimTui *t, const FsimTuiSubtask *s, gboolean outputs, gboolean *exact)
{
  GPtrArray *exact_channels = fsim_tui_exact_channels (t, s, outputs);
  *exact = exact_channels != NULL;
  if (exact_channels)
    return exact_channels;
  return fsim_tui_channels_at (outputs ? s->outputs : s->inputs, t->cursor);
}

/* The table's time: "at this record" when exact, else the samples'. */
static char *
channels_when (GPtrArray *channels, gboolean exact)
{
  if (exact)
    return g_strdup (_("this record, simulated again to it"));
  g_autofree char *time = fsim_time_format (latest_time (channels));
  return g_strdup_printf (_("%s, the latest sample"), time);
}

static void
output_channels (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  gboolean exact;
  g_autoptr (GPtrArray) out = channels_now (t, s, TRUE, &exact);
  if (out->len == 0)
    return;
  gint64 latest = latest_time (out);
  g_autofree char *time = channels_when (out, exact);
  table_title (p, _("Output channels at %s (backlog: buffers queued here):"), time);
  int nc = name_cols (p, out, FALSE);
  const Column columns[] = {
    { _("sub"), COL_NUM - 2, TRUE }, { "", 0, FALSE }, { _("to"), nc, FALSE },
    { _("backlog"), COL_NUM, TRUE }, { _("credit"), COL_NUM, TRUE }, { NULL, 0, FALSE },
  };
  table_header (p, columns);
  for (guint i = 0; i < out->len; i++)
    {
      const FsimTuiChannelSample *c = g_ptr_array_index (out, i);
      g_autofree char *to = fsim_tui_fit_label_ends (c->consumer_name, nc);
      g_autofree char *credit = credit_text (c);
      g_autofree char *older = older_text (c, latest);
      room (p);
      int x = 3 + fsim_tui_printf (p->a, 3, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0, "%*d  ",
                                   COL_NUM - 2, c->subpartition);
      fsim_tui_print (p->a, x, p->y, nc, FSIM_TUI_ROLE_DEFAULT, 0, to);
      fsim_tui_printf (p->a, x + nc + 1, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0,
                       "%*" PRId64 " %s%s", COL_NUM, c->backlog, credit, older);
      p->y++;
    }
}

static void
input_channels (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  gboolean exact;
  g_autoptr (GPtrArray) in = channels_now (t, s, FALSE, &exact);
  if (in->len == 0)
    return;
  gint64 latest = latest_time (in);
  g_autofree char *time = channels_when (in, exact);
  table_title (p, _("Input channels at %s (queued: arrived, not yet read):"), time);
  int nc = name_cols (p, in, TRUE);
  const Column columns[] = {
    { _("from"), nc, FALSE }, { _("sub"), COL_NUM - 2, TRUE }, { _("queued"), COL_NUM, TRUE },
    { _("backlog"), COL_NUM, TRUE }, { _("credit"), COL_NUM, TRUE }, { NULL, 0, FALSE },
  };
  table_header (p, columns);
  for (guint i = 0; i < in->len; i++)
    {
      const FsimTuiChannelSample *c = g_ptr_array_index (in, i);
      g_autofree char *from = fsim_tui_fit_label_ends (c->producer_label, nc);
      g_autofree char *credit = credit_text (c);
      g_autofree char *older = older_text (c, latest);
      room (p);
      fsim_tui_print (p->a, 3, p->y, nc, FSIM_TUI_ROLE_DEFAULT, 0, from);
      int x = 3 + nc + 1;
      x += fsim_tui_printf (p->a, x, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0,
                            "%*d %*" PRId64 " %*" PRId64 " %s", COL_NUM - 2, c->subpartition,
                            COL_NUM, c->queued, COL_NUM, c->backlog, credit);
      if (c->credit == 0 && c->backlog > 0)
        x += fsim_tui_print (p->a, x + 1, p->y, -1,
                             fsim_tui_state_role (&fsim_task_activity_machine,
                                                  FSIM_TASK_BACKPRESSURED),
                             FSIM_TUI_ATTR_BOLD, _("blocked")) + 1;
      fsim_tui_print (p->a, x, p->y, -1, FSIM_TUI_ROLE_DIM, 0, older);
      p->y++;
    }
}

static void
flow_blocks (FsimTui *t, Pen *p, const FsimTuiSubtask *s, const FsimTuiSnapshot *now)
{
  if (!flows_through (s))
    return;
  activity_line (t, p, s, now);
  metrics_block (t, p, s, now);
  event_time_block (t, p, s, now);
  alignment_block (t, p, s, now);
  windows_block (t, p, s);
  output_channels (t, p, s);
  input_channels (t, p, s);
  p->y++;
}

static void
inspect_content (FsimTui *t, Pen *p, const FsimTuiSubtask *s)
{
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, t->cursor, G_MAXINT64);
  if (now == NULL)
    {
      /* Flink creates every Execution (CREATED) with the ExecutionGraph;
       * the trace first names a subtask when the scheduler moves it on */
      line (p, 1, FSIM_TUI_ROLE_DIM, 0, _("No record has named this subtask yet at this step. "
              "Its Execution is CREATED with the ExecutionGraph; it appears here when the "
              "scheduler first acts on it (n steps forward, s to its next record)."));
      return;
    }
  const FsimJobVertex *v = job_vertex (t, s->vertex);
  g_autofree char *who = v
    ? g_strdup_printf (_("Subtask %d of %d of JobVertex \"%s\" (ExecutionVertex index %d), attempt %d"),
                       s->subtask + 1, v->parallelism, v->name, s->subtask, now->attempt)
    : g_strdup_printf (_("JobVertex %d, subtask index %d, attempt %d"), s->vertex, s->subtask,
                       now->attempt);
  line (p, 1, FSIM_TUI_ROLE_DEFAULT, 0, who);
  if (now->state >= 0)
    {
      /* since when: the first snapshot of the current run of this state */
      guint i = (guint) (now - &g_array_index (s->snapshots, FsimTuiSnapshot, 0));
      while (i > 0 && g_array_index (s->snapshots, FsimTuiSnapshot, i - 1).state == now->state)
        i--;
      const FsimTuiSnapshot *since = &g_array_index (s->snapshots, FsimTuiSnapshot, i);
      g_autofree char *time = fsim_time_format (since->time_us);
      room (p);
      int x = 1 + fsim_tui_print (p->a, 1, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0, _("State: "));
      x += fsim_tui_print (p->a, x, p->y, -1, fsim_tui_execution_role (now->state), FSIM_TUI_ATTR_BOLD,
                           fsim_execution_state_name ((FsimExecutionState) now->state));
      fsim_tui_printf (p->a, x, p->y, -1, FSIM_TUI_ROLE_DEFAULT, 0, _(" since %s"), time);
      p->y++;
    }
  flow_blocks (t, p, s, now);
  slot_mates (t, p, s, now);
  deployment (t, p, s);
  p->y++;
  state_changes (t, p, s);
  p->y++;
  other_records (t, p, s);
}

void
fsim_tui_draw_inspect (FsimTui *t, FsimTuiArea a)
{
  fsim_tui_fill (a, ' ', FSIM_TUI_ROLE_DEFAULT, 0);
  const FsimTuiSubtask *s = fsim_tui_selected (t);
  const FsimTuiSnapshot *now = s ? fsim_tui_subtask_at (s, t->cursor, G_MAXINT64) : NULL;
  /* before its first record, the name it will have */
  const char *label = now ? now->label
                      : s && s->snapshots->len > 0
                        ? g_array_index (s->snapshots, FsimTuiSnapshot, 0).label : "subtask";
  g_autofree char *title = g_strdup_printf (_("Inspect %s  (Esc closes)"), label);
  fsim_tui_box (a, title, TRUE);
  FsimTuiArea in = fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
  t->drawn.overlay_page = MAX (in.h, 1);
  if (s == NULL || in.w < 10)
    return;
  g_autoptr (FsimTuiGrid) scratch = fsim_tui_grid_new (in.w, 64);
  Pen p = { scratch, fsim_tui_area (scratch), 0 };
  inspect_content (t, &p, s);
  t->drawn.inspect_lines = p.y;
  int scroll = CLAMP (t->inspect_scroll, 0, MAX (p.y - in.h, 0));
  fsim_tui_blit (in, scratch, scroll);
  if (scroll + in.h < p.y)
    fsim_tui_printf (a, 2, a.h - 1, -1, FSIM_TUI_ROLE_DIM, 0, _(" \u2193 %d more lines "),
                     p.y - scroll - in.h);
}
