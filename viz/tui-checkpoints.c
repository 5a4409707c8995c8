/* tui-checkpoints.c - the checkpoint pane (h): the Web UI's checkpoint
 * history (CheckpointStatsTracker: id, status, acknowledged subtasks, trigger
 * time, end-to-end duration) and, for the newest checkpoint, where each
 * subtask stands with its barriers.
 *
 * Everything comes from checkpoint records up to the cursor, through the
 * history's per-checkpoint index (tui-history.c): a draw costs what the
 * visible checkpoints cost, not a scan of the trace. A run without
 * execution.checkpointing.interval has none and the pane says so.
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "checkpoint/checkpoint.h"
#include "viz/tui-private.h"

/* What a task did for the checkpoint, in a word ("acknowledged", not
 * "checkpoint-acknowledged": the heading names the checkpoint, and the time
 * must fit beside it). */
static const char *
short_kind (FsimTraceKind k)
{
  static const struct {
    FsimCheckpointKind kind;
    const char *word;
  } words[] = {
    { FSIM_CHECKPOINT_KIND_TRIGGERED, "triggered" },
    { FSIM_CHECKPOINT_KIND_BARRIER, "barrier" },
    { FSIM_CHECKPOINT_KIND_ACKNOWLEDGED, "acknowledged" },
    { FSIM_CHECKPOINT_KIND_COMPLETED, "completed" },
    { FSIM_CHECKPOINT_KIND_DECLINED, "declined" },
    { FSIM_CHECKPOINT_KIND_EXPIRED, "expired" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (k == FSIM_CHECKPOINT_KIND (words[i].kind))
      return words[i].word;
  return k->name;
}

/* Checkpoints whose first record happened by the cursor: a prefix. */
static guint
checkpoints_upto (GArray *cps, gint64 cursor)
{
  guint lo = 0, hi = cps->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (cps, FsimTuiCheckpoint, mid).first_seq <= cursor)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* CheckpointStatsStatus, the history's Status column; coloured by its
 * tone like every state (fsim_tui_state_role): in progress as a pending
 * state, completed as one that ended well, failed as a failure. */
typedef enum {
  CHECKPOINT_STATUS_IN_PROGRESS,
  CHECKPOINT_STATUS_COMPLETED,
  CHECKPOINT_STATUS_FAILED,
  CHECKPOINT_STATUS_COUNT
} CheckpointStatus;

static const char *const status_names[CHECKPOINT_STATUS_COUNT] = {
  [CHECKPOINT_STATUS_IN_PROGRESS] = "IN_PROGRESS",
  [CHECKPOINT_STATUS_COMPLETED] = "COMPLETED",
  [CHECKPOINT_STATUS_FAILED] = "FAILED",
};

static const FsimTone status_tones[CHECKPOINT_STATUS_COUNT] = {
  [CHECKPOINT_STATUS_IN_PROGRESS] = FSIM_TONE_PENDING,
  [CHECKPOINT_STATUS_COMPLETED] = FSIM_TONE_DONE,
  [CHECKPOINT_STATUS_FAILED] = FSIM_TONE_FAILED,
};

static const FsimStateMachine status_machine = {
  "CheckpointStatsStatus", CHECKPOINT_STATUS_COUNT, status_names, status_tones,
};

/* CheckpointStatsStatus at the cursor. */
static CheckpointStatus
status_at (const FsimTuiCheckpoint *c, gint64 cursor)
{
  if (c->end_seq < 0 || c->end_seq > cursor)
    return CHECKPOINT_STATUS_IN_PROGRESS;
  return c->failed ? CHECKPOINT_STATUS_FAILED : CHECKPOINT_STATUS_COMPLETED;
}

static int
subtasks_existing (FsimTui *t)
{
  GPtrArray *subtasks = fsim_tui_history_subtasks (t->history);
  int n = 0;
  for (guint i = 0; i < subtasks->len; i++)
    if (fsim_tui_subtask_at (g_ptr_array_index (subtasks, i), t->cursor, G_MAXINT64))
      n++;
  return n;
}

/* Where each subtask stands in checkpoint c: its latest record for it. */
static int
draw_alignment (FsimTui *t, FsimTuiArea a, int y, const FsimTuiCheckpoint *c)
{
  fsim_tui_printf (a, 0, y++, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD,
                   _("Checkpoint %" PRId64 " per subtask"), c->id);
  g_autoptr (GHashTable) last = g_hash_table_new (NULL, NULL);  /* subtask -> record */
  guint n = fsim_tui_seqs_upto (c->records, t->cursor);
  for (guint k = 0; k < n; k++)
    {
      const FsimTraceRecord *r =
        fsim_tui_history_record (t->history, g_array_index (c->records, gint64, k));
      const FsimTuiSubtask *s = fsim_tui_history_find_subtask (t->history, r->vertex,
                                                               r->subtask);
      if (s)
        g_hash_table_insert (last, (gpointer) s, (gpointer) r);
    }
  GPtrArray *subtasks = fsim_tui_history_subtasks (t->history);
  int shown = 0;
  for (guint i = 0; i < subtasks->len; i++)      /* sorted: deterministic */
    {
      const FsimTuiSubtask *s = g_ptr_array_index (subtasks, i);
      const FsimTraceRecord *r = g_hash_table_lookup (last, s);
      if (r == NULL)
        continue;
      /* the record's own label: the attempt that saw this checkpoint */
      const char *name = r->label ? r->label
                         : fsim_tui_subtask_at (s, t->cursor, G_MAXINT64)->label;
      g_autofree char *time = fsim_time_format (r->time_us);
      int label_w = MAX (MIN (a.w * 2 / 5, 32), 12);
      g_autofree char *label = fsim_tui_fit_label_ends (name, label_w);
      fsim_tui_print (a, 1, y, label_w, FSIM_TUI_ROLE_DEFAULT, 0, label);
      int x = label_w + 2;
      /* "acknowledged", not "checkpoint-acknowledged": the heading names the
       * checkpoint, and the time must fit beside it */
      const char *kind = short_kind (r->kind);
      x += fsim_tui_print (a, x, y, -1, FSIM_TUI_ROLE_BARRIER, 0, kind);
      if (r->channel >= 0)
        x += fsim_tui_printf (a, x, y, -1, FSIM_TUI_ROLE_DIM, 0, _(" ch %d"), r->channel);
      fsim_tui_printf (a, x, y, -1, FSIM_TUI_ROLE_DIM, 0, "  %s", time);
      y++;
      shown++;
    }
  if (shown == 0)
    fsim_tui_print (a, 1, y++, -1, FSIM_TUI_ROLE_DIM, 0, _("no subtask has seen its barrier yet"));
  return y;
}

void
fsim_tui_draw_checkpoints (FsimTui *t, FsimTuiArea a, gboolean focused)
{
  fsim_tui_box (a, _("Checkpoints"), focused);
  FsimTuiArea in = fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
  if (in.w < 10 || in.h < 1)
    return;
  GArray *cps = fsim_tui_history_checkpoints (t->history);
  guint known = checkpoints_upto (cps, t->cursor);
  t->drawn.page[FSIM_TUI_PANE_CHECKPOINTS] = in.h;
  if (known == 0)
    {
      t->drawn.lines[FSIM_TUI_PANE_CHECKPOINTS] = 0;
      fsim_tui_print_wrapped (in, 1, 0, 0, in.h, FSIM_TUI_ROLE_DIM, 0,
                              _("No checkpoint yet at this step. The CheckpointCoordinator "
                                "triggers one every execution.checkpointing.interval once all "
                                "tasks run; without that key checkpointing is off. "
                                "c and C jump between checkpoint events."));
      return;
    }
  int total = subtasks_existing (t);
  int height = 2 + (int) known + 2 + (int) fsim_tui_history_subtasks (t->history)->len + 1;
  g_autoptr (FsimTuiGrid) scratch = fsim_tui_grid_new (in.w, height);
  FsimTuiArea s = fsim_tui_area (scratch);
  /* the Web UI's history columns: ID, Status, Acknowledged, Trigger Time,
   * End to End Duration */
  /* TRANSLATORS: column headings over "%4d %-11s %-6s %10s %10s": keep
   * each heading within its column's display width (a CJK character is 2) */
  fsim_tui_print (s, 0, 0, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD,
                  _("  ID Status      Acked  Triggered   Duration"));
  int y = 1;
  for (guint i = known; i-- > 0; y++)   /* newest first, as the Web UI lists them */
    {
      const FsimTuiCheckpoint *c = &g_array_index (cps, FsimTuiCheckpoint, i);
      CheckpointStatus status = status_at (c, t->cursor);
      gboolean ended = c->end_seq >= 0 && c->end_seq <= t->cursor;
      g_autofree char *trig = fsim_time_format (c->trigger_us);
      g_autofree char *dur = ended ? fsim_tui_format_duration (c->end_us - c->trigger_us)
                                   : g_strdup ("-");
      g_autofree char *acked = g_strdup_printf ("%u/%d", fsim_tui_seqs_upto (c->acks, t->cursor),
                                                total);
      fsim_tui_printf (s, 0, y, -1, FSIM_TUI_ROLE_DEFAULT, 0,
                       "%4" G_GINT64_FORMAT " %-11s %-6s %10s %10s", c->id, "", acked, trig, dur);
      fsim_tui_print (s, 5, y, 11, fsim_tui_state_role (&status_machine, status),
                      FSIM_TUI_ATTR_BOLD, fsim_state_machine_state_name (&status_machine, status));
    }
  y = draw_alignment (t, s, y + 1, &g_array_index (cps, FsimTuiCheckpoint, known - 1));
  t->drawn.lines[FSIM_TUI_PANE_CHECKPOINTS] = y;
  int scroll = CLAMP (t->scroll[FSIM_TUI_PANE_CHECKPOINTS], 0, MAX (y - in.h, 0));
  fsim_tui_blit (in, scratch, scroll);
}
