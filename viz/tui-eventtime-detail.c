/* tui-eventtime-detail.c - what `--detail event-time` adds to the TUI
 * (docs/formats.md, "--detail event-time"; scheduler/event-time-trace.c
 * writes the records):
 *
 *   the inspect view (Enter) of a window operator's subtask lists its last
 *     window events up to the cursor, the newest last: each window a key's
 *     first element created (WindowOperator.processElement), the session
 *     windows merged (MergingWindowSet.addWindow), the windows fired, the
 *     state purged (clearAllState at the cleanup timer, a PurgingTrigger's
 *     PURGE) and each late record dropped, sent to the side output or
 *     skipped (isWindowLate, isElementLate);
 *   the event-time pane (e) names the input channel that holds the
 *     watermark back, from the latest channel-watermark record: the
 *     StatusWatermarkValve emits the minimum over its aligned channels, so
 *     the channel with the lowest watermark, or none yet, holds it, and
 *     how long it has sent no watermark (holder_silent_ms).
 *
 * Records are told apart by kind and read by their typed values; their
 * detail (the key, the windows) is shown as the trace wrote it, English
 * in every locale (docs/i18n.md). Without the detail the views say, in one
 * dim line, what it would show.
 */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

static gboolean
is_kind (const FsimTraceRecord *r, FsimSchedKind k)
{
  return r->kind == FSIM_SCHED_KIND (k);
}

/* The kinds only --detail event-time writes. */
static gboolean
is_detail_kind (const FsimTraceRecord *r)
{
  return is_kind (r, FSIM_SCHED_KIND_CHANNEL_WATERMARK) || is_kind (r, FSIM_SCHED_KIND_WINDOW_CREATED)
         || is_kind (r, FSIM_SCHED_KIND_WINDOW_MERGED) || is_kind (r, FSIM_SCHED_KIND_WINDOW_PURGED)
         || is_kind (r, FSIM_SCHED_KIND_LATE_RECORD);
}

void
fsim_tui_event_time_detail_init_subtask (FsimTuiSubtask *s)
{
  s->window_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->valve_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
fsim_tui_event_time_detail_clear_subtask (FsimTuiSubtask *s)
{
  g_array_unref (s->window_events);
  g_array_unref (s->valve_seqs);
}

gboolean
fsim_tui_event_time_detail_add (FsimTuiSubtask *s, const FsimTraceRecord *r)
{
  if (is_kind (r, FSIM_SCHED_KIND_CHANNEL_WATERMARK))
    g_array_append_val (s->valve_seqs, r->seq);
  else if (is_detail_kind (r) || is_kind (r, FSIM_SCHED_KIND_WINDOW_FIRED))
    g_array_append_val (s->window_events, r->seq);
  return is_detail_kind (r);
}

/* ------------------------------------------------------------------------ */
/* The inspect view: the last window events                                  */

/* What happened, in a word or two (translated; the detail stays English). */
static const char *
event_name (const FsimTraceRecord *r)
{
  if (is_kind (r, FSIM_SCHED_KIND_WINDOW_CREATED))
    return _("created");
  if (is_kind (r, FSIM_SCHED_KIND_WINDOW_MERGED))
    return _("merged");
  if (is_kind (r, FSIM_SCHED_KIND_WINDOW_FIRED))
    return _("fired");
  if (is_kind (r, FSIM_SCHED_KIND_WINDOW_PURGED))
    return _("purged");
  switch (r->values[3])         /* late-record: fate */
    {
    case 0: return _("late, dropped");
    case 1: return _("late, side output");
    default: return _("late, skipped");
    }
}

static FsimTuiRole
event_role (const FsimTraceRecord *r)
{
  if (is_kind (r, FSIM_SCHED_KIND_LATE_RECORD))
    return FSIM_TUI_ROLE_BAD;
  if (is_kind (r, FSIM_SCHED_KIND_WINDOW_FIRED))
    return FSIM_TUI_ROLE_GOOD;
  if (is_kind (r, FSIM_SCHED_KIND_WINDOW_PURGED))
    return FSIM_TUI_ROLE_DIM;
  return FSIM_TUI_ROLE_TONE_ACTIVE;
}

/* The widths that line the events up: of the newest seq and time (the
 * widest) and of the widest event name. */
typedef struct {
  int seq, time, name;
} Widths;

static Widths
widths_of (FsimTui *t, GArray *seqs, guint from, guint to)
{
  const FsimTraceRecord *last =
    fsim_tui_history_record (t->history, g_array_index (seqs, gint64, to - 1));
  g_autofree char *seq = g_strdup_printf ("#%" PRId64, last->seq);
  g_autofree char *time = fsim_time_format (last->time_us);
  Widths w = { fsim_tui_text_width (seq), fsim_tui_text_width (time), 0 };
  for (guint i = from; i < to; i++)
    w.name = MAX (w.name, fsim_tui_text_width (event_name (
      fsim_tui_history_record (t->history, g_array_index (seqs, gint64, i)))));
  return w;
}

/* text padded with spaces on the left (right) to cols, then a gap. */
static char *
padded (const char *text, int cols, gboolean left)
{
  g_autofree char *fill = g_strnfill ((gsize) MAX (cols - fsim_tui_text_width (text), 0), ' ');
  return left ? g_strconcat (fill, text, "  ", NULL) : g_strconcat (text, fill, "  ", NULL);
}

/* "#1820  17.384 s  late, dropped  TumblingEventTimeWindows: key 26 at …" */
static int
event_line (FsimTuiArea a, int y, const FsimTraceRecord *r, const Widths *w)
{
  g_autofree char *seq = g_strdup_printf ("#%" PRId64, r->seq);
  g_autofree char *time = fsim_time_format (r->time_us);
  g_autofree char *seq_col = padded (seq, w->seq, FALSE);
  g_autofree char *time_col = padded (time, w->time, TRUE);
  g_autofree char *name_col = padded (event_name (r), w->name, FALSE);
  const FsimTuiSpan spans[] = {
    { seq_col, FSIM_TUI_ROLE_DIM, 0 }, { time_col, FSIM_TUI_ROLE_DEFAULT, 0 },
    { name_col, event_role (r), FSIM_TUI_ATTR_BOLD },
    { r->detail ? r->detail : "", FSIM_TUI_ROLE_DEFAULT, 0 }, { NULL, 0, 0 },
  };
  /* a long detail (a firing's windows) goes on under itself */
  int indent = MIN (w->seq + w->time + w->name + 6, a.w / 2);
  return fsim_tui_print_spans_wrapped (a, 0, y, indent, FSIM_TUI_WINDOW_EVENT_ROWS, spans);
}

int
fsim_tui_draw_window_events (FsimTui *t, FsimTuiArea a, int y, const FsimTuiSubtask *s)
{
  if (!fsim_tui_history_event_time_detail (t->history))
    return fsim_tui_print_wrapped (a, 0, y, 2, 1, FSIM_TUI_ROLE_DIM, 0,
                                   _("--detail event-time lists each window created, fired "
                                     "and purged, and each late record"));
  guint n = fsim_tui_seqs_upto (s->window_events, t->cursor);
  if (n == 0)
    return fsim_tui_print_wrapped (a, 0, y, 2, 1, FSIM_TUI_ROLE_DIM, 0,
                                   _("Window events: none by this step"));
  guint from = n > FSIM_TUI_WINDOW_EVENTS_SHOWN ? n - FSIM_TUI_WINDOW_EVENTS_SHOWN : 0;
  g_autofree char *title = g_strdup_printf (_("Window events, the last %u of %u by this step:"),
                                            n - from, n);
  int rows = fsim_tui_print_wrapped (a, 0, y, 2, 1, FSIM_TUI_ROLE_DEFAULT, 0, title);
  Widths w = widths_of (t, s->window_events, from, n);
  for (guint i = from; i < n; i++)
    rows += event_line (fsim_tui_area_sub (a, 2, 0, a.w - 2, a.h), y + rows,
                        fsim_tui_history_record (t->history,
                                                 g_array_index (s->window_events, gint64, i)),
                        &w);
  return rows;
}

/* ------------------------------------------------------------------------ */
/* The event-time pane: the channel holding the watermark back               */

/* What the latest channel-watermark record r says holds the valve's
 * output: its aligned channel with the lowest watermark (min_channel) and
 * how long that channel has sent none (holder_silent_ms: 0 when it is the
 * channel that just sent, -1 when it sent none yet). (transfer full) */
static char *
holder_text (const FsimTraceRecord *r)
{
  gint64 input = r->values[0] + 1, channel = r->values[5], silent_ms = r->values[7];
  g_autofree char *time = fsim_time_format (r->time_us);
  if (channel < 0)
    return g_strdup_printf (_("No input channel is aligned: no minimum to emit "
                              "(channel-watermark #%" PRId64 ", %s)"), r->seq, time);
  if (silent_ms < 0)
    return g_strdup_printf (_("Held back by channel %" PRId64 " of input %" PRId64 ": it has "
                              "sent no watermark yet (channel-watermark #%" PRId64 ", %s)"),
                            channel, input, r->seq, time);
  if (silent_ms == 0)
    return g_strdup_printf (_("Channel %" PRId64 " of input %" PRId64 " has the lowest "
                              "watermark and just sent it (channel-watermark #%" PRId64 ", %s)"),
                            channel, input, r->seq, time);
  g_autofree char *silent = fsim_duration_text (silent_ms * 1000);
  return g_strdup_printf (_("Held back by channel %" PRId64 " of input %" PRId64 ": it has sent "
                            "no watermark for %s (channel-watermark #%" PRId64 ", %s)"),
                          channel, input, silent, r->seq, time);
}

int
fsim_tui_draw_watermark_holder (FsimTui *t, FsimTuiArea a, int y, const FsimTuiSubtask *s)
{
  if (!fsim_tui_history_event_time_detail (t->history))
    return fsim_tui_print_wrapped (a, 0, y, 2, 1, FSIM_TUI_ROLE_DIM, 0,
                                   _("--detail event-time shows each window and the channel "
                                     "holding the watermark back"));
  guint n = fsim_tui_seqs_upto (s->valve_seqs, t->cursor);
  if (n == 0)
    return 0;
  const FsimTraceRecord *r =
    fsim_tui_history_record (t->history, g_array_index (s->valve_seqs, gint64, n - 1));
  if (r->values[3] == FSIM_WATERMARK_MAX)
    return 0;                   /* end of input: nothing holds it any more */
  g_autofree char *text = holder_text (r);
  /* a second of silence is when the default trace's watermark-held speaks */
  FsimTuiRole role = r->values[7] >= 0 && r->values[7] < 1000 ? FSIM_TUI_ROLE_DEFAULT
                                                              : FSIM_TUI_ROLE_WARN;
  int rows = fsim_tui_print_wrapped (a, 0, y, 2, 2, role, 0, text);
  return rows + fsim_tui_print_wrapped (a, 0, y + rows, 2, 3, FSIM_TUI_ROLE_WHY, 0,
                                        r->detail ? r->detail : "");
}
