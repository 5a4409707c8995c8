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
#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

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

/* --- the current checkpoint's phases (checkpoints --id's Gantt) ------------- */

/* One subtask's part in a checkpoint, from its records up to the cursor. */
typedef struct {
  FsimSubtaskCheckpointRow row;         /* the acknowledgement's stats, or those so far */
  gint64 barrier_us, sent_us;           /* first barrier in, barrier forwarded; -1 */
  gint64 snapshot_us, sync_us, done_us; /* the snapshot's parts; -1 */
} Part;

static Part *
part_new (const FsimTuiSubtask *s, const char *label)
{
  Part *p = g_new0 (Part, 1);
  p->row.task = (FsimCheckpointTask) { .vertex = s->vertex, .subtask = s->subtask,
                                       .attempt = -1, .label = label };
  p->barrier_us = p->sent_us = p->snapshot_us = p->done_us = -1;
  return p;
}

/* What record r says of its subtask's part. */
static void
part_add (Part *p, const FsimTraceRecord *r)
{
  if (r->label)
    p->row.task.label = r->label;
  p->row.task.attempt = r->attempt;
  if (r->kind == FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_ACKNOWLEDGED))
    {
      /* the SubtaskStateStats it carries (checkpoint-kinds.c) */
      p->row.acknowledged = TRUE;
      p->row.ack_us = r->time_us;
      p->row.stats = (FsimSubtaskCheckpointStats) {
        .start_delay_us = r->values[2], .alignment_us = r->values[3],
        .sync_us = r->values[4], .async_us = r->values[5],
        .checkpointed_size = r->values[6], .persisted_bytes = r->values[7],
      };
    }
  else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BARRIER_RECEIVED) && p->barrier_us < 0)
    p->barrier_us = r->time_us;
  else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BARRIER_SENT) && p->sent_us < 0)
    p->sent_us = r->time_us;
  else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SNAPSHOT))
    {
      p->snapshot_us = r->time_us;
      p->sync_us = r->values[0];
    }
  else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SNAPSHOT_DONE))
    p->done_us = r->time_us;
}

/* A part not acknowledged at now_us: its phases so far, as its records
 * tell them (start delay to its first barrier, or to its snapshot for a
 * source; alignment to the snapshot; the synchronous part; the
 * asynchronous part to its end or to now). */
static void
part_so_far (Part *p, gint64 trigger_us, gint64 now_us)
{
  if (p->row.acknowledged)
    return;
  FsimSubtaskCheckpointStats *s = &p->row.stats;
  gint64 start = p->barrier_us >= 0 ? p->barrier_us
                 : p->snapshot_us >= 0 ? p->snapshot_us : p->sent_us >= 0 ? p->sent_us : now_us;
  s->start_delay_us = MAX (start - trigger_us, 0);
  if (p->barrier_us >= 0)
    s->alignment_us = (p->snapshot_us >= 0 ? p->snapshot_us : now_us) - p->barrier_us;
  if (p->snapshot_us < 0)
    return;
  s->sync_us = MIN (p->sync_us, now_us - p->snapshot_us);
  gint64 async_from = p->snapshot_us + s->sync_us;
  s->async_us = MAX ((p->done_us >= 0 ? p->done_us : now_us) - async_from, 0);
}

/* The checkpoint the pane details: the one the record at the cursor is
 * about, else the newest one known. */
static const FsimTuiCheckpoint *
current_checkpoint (FsimTui *t, GArray *cps, guint known)
{
  const FsimTraceRecord *r = fsim_tui_current (t);
  if (r && r->checkpoint >= 0 && fsim_tui_history_is (t->history, r, FSIM_TUI_LIST_CHECKPOINT))
    {
      guint i = fsim_tui_history_find_checkpoint (t->history, r->checkpoint);
      if (i > 0 && i <= known)
        return &g_array_index (cps, FsimTuiCheckpoint, i - 1);
    }
  return &g_array_index (cps, FsimTuiCheckpoint, known - 1);
}

/* Whether subtask s is in c's plan and still RUNNING the same attempt at
 * the cursor: the plan is the tasks RUNNING at the trigger
 * (DefaultCheckpointPlanCalculator), so it is the subtask as of the
 * trigger record that counts, not its latest record (any record naming it,
 * a sample or a buffer, is a later snapshot). One with no record of c yet
 * waits for its barrier; the Web UI lists it with no acknowledgement. */
static gboolean
waits_for_barrier (const FsimTuiSubtask *s, const FsimTuiCheckpoint *c, gint64 cursor)
{
  const FsimTuiSnapshot *then = fsim_tui_subtask_at (s, c->first_seq, G_MAXINT64);
  const FsimTuiSnapshot *now = fsim_tui_subtask_at (s, cursor, G_MAXINT64);
  return then != NULL && now != NULL && then->state == FSIM_EXECUTION_RUNNING
         && now->state == FSIM_EXECUTION_RUNNING && now->attempt == then->attempt;
}

/* Each subtask's part in c at the cursor: those with records for it, and
 * while c is in progress the RUNNING subtasks still waiting for their
 * barrier. (transfer full) GPtrArray of Part* */
static GPtrArray *
parts_at (FsimTui *t, const FsimTuiCheckpoint *c, gint64 now_us, gboolean in_progress)
{
  g_autoptr (GHashTable) by_subtask = g_hash_table_new (NULL, NULL);
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  guint n = fsim_tui_seqs_upto (c->records, t->cursor);
  for (guint k = 0; k < n; k++)
    {
      const FsimTraceRecord *r =
        fsim_tui_history_record (t->history, g_array_index (c->records, gint64, k));
      const FsimTuiSubtask *s = fsim_tui_history_find_subtask (t->history, r->vertex,
                                                               r->subtask);
      if (s == NULL)
        continue;
      Part *p = g_hash_table_lookup (by_subtask, s);
      if (p == NULL)
        {
          p = part_new (s, fsim_tui_subtask_at (s, t->cursor, G_MAXINT64)->label);
          g_hash_table_insert (by_subtask, (gpointer) s, p);
          g_ptr_array_add (parts, p);
        }
      part_add (p, r);
    }
  GPtrArray *subtasks = fsim_tui_history_subtasks (t->history);
  for (guint i = 0; in_progress && i < subtasks->len; i++)   /* sorted: deterministic */
    {
      const FsimTuiSubtask *s = g_ptr_array_index (subtasks, i);
      if (!g_hash_table_contains (by_subtask, s) && waits_for_barrier (s, c, t->cursor))
        g_ptr_array_add (parts, part_new (s, fsim_tui_subtask_at (s, t->cursor,
                                                                  G_MAXINT64)->label));
    }
  for (guint i = 0; i < parts->len; i++)
    part_so_far (parts->pdata[i], c->trigger_us, now_us);
  return parts;
}

static FsimTuiRole
phase_role (char phase)
{
  switch (phase)
    {
    case '.': return FSIM_TUI_ROLE_DIM;
    case '=': return FSIM_TUI_ROLE_TONE_BLOCKED;
    case '#': return FSIM_TUI_ROLE_TONE_ACTIVE;
    case '~': return FSIM_TUI_ROLE_TONE_PREPARING;
    case '|': return FSIM_TUI_ROLE_BARRIER;
    default: return FSIM_TUI_ROLE_DEFAULT;
    }
}

/* checkpoints --id's Gantt of c at the cursor, slowest first: a subtask not
 * acknowledged yet (it holds the checkpoint up) before the rest. */
static int
draw_phases (FsimTui *t, FsimTuiArea a, int y, const FsimTuiCheckpoint *c)
{
  const FsimTraceRecord *cur = fsim_tui_current (t);
  gint64 now_us = cur ? cur->time_us : c->trigger_us;
  gboolean ended = c->end_seq >= 0 && c->end_seq <= t->cursor;
  g_autoptr (GPtrArray) parts = parts_at (t, c, now_us, !ended);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  for (guint i = 0; i < parts->len; i++)
    g_ptr_array_add (rows, &((Part *) parts->pdata[i])->row);
  fsim_viz_checkpoint_gantt_sort (rows);
  gint64 span = MAX ((ended ? c->end_us : now_us) - c->trigger_us, 1);
  g_autofree char *axis = fsim_duration_text (span);
  fsim_tui_printf (a, 0, y++, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD,
                   _("Checkpoint %" PRId64 " phases (0 .. %s), slowest first"),
                   c->id, axis);
  if (rows->len == 0)
    fsim_tui_print (a, 1, y++, -1, FSIM_TUI_ROLE_DIM, 0, _("no subtask has seen its barrier yet"));
  int label_w = MAX (MIN (a.w * 2 / 5, 28), 12);
  int cols = MAX (a.w - label_w - 3, 4);
  g_autofree char *bar = g_malloc ((gsize) cols);
  for (guint i = 0; i < rows->len; i++, y++)
    {
      const FsimSubtaskCheckpointRow *r = rows->pdata[i];
      g_autofree char *label = fsim_tui_fit_label_ends (r->task.label, label_w);
      fsim_tui_print (a, 1, y, label_w, FSIM_TUI_ROLE_DEFAULT, 0, label);
      fsim_viz_checkpoint_gantt_bar (r, c->trigger_us, span, bar, cols);
      for (int x = 0; x < cols; x++)
        if (bar[x] != ' ')
          fsim_tui_put (a, label_w + 2 + x, y, (gunichar) bar[x], phase_role (bar[x]), 0);
    }
  return y + fsim_tui_print_wrapped (a, 1, y, 2, a.h - y, FSIM_TUI_ROLE_DIM, 0,
                                     fsim_viz_checkpoint_gantt_legend ());
}

/* --- the blocked channels at the cursor ---------------------------------------- */

/* Every input channel an aligned barrier holds at the cursor, of every
 * checkpoint known by then (CheckpointedInputGate's blocked channels). */
static int
draw_blocked (FsimTui *t, FsimTuiArea a, int y, GArray *cps, guint known)
{
  fsim_tui_print (a, 0, y++, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD,
                  _("Blocked input channels"));
  int shown = 0;
  for (guint i = 0; i < known; i++)
    {
      const FsimTuiCheckpoint *c = &g_array_index (cps, FsimTuiCheckpoint, i);
      g_autoptr (GPtrArray) open = fsim_tui_checkpoint_blocked_at (c, t->cursor);
      for (guint k = 0; k < open->len; k++, y++, shown++)
        {
          const FsimTuiBlock *b = open->pdata[k];
          const FsimTuiSnapshot *now = fsim_tui_subtask_at (b->subtask, t->cursor, G_MAXINT64);
          int label_w = MAX (MIN (a.w * 2 / 5, 28), 12);
          g_autofree char *label = fsim_tui_fit_label_ends (now->label, label_w);
          g_autofree char *since = fsim_time_format (b->time_us);
          g_autofree char *what = g_strdup_printf (_("ch %d  barrier %" PRId64 "  since %s"),
                                                   b->channel, c->id, since);
          fsim_tui_print (a, 1, y, label_w, FSIM_TUI_ROLE_DEFAULT, 0, label);
          int x = label_w + 2;
          if (x + fsim_tui_text_width (what) > a.w)
            {
              y++;              /* a narrow pane: under the subtask */
              x = 3;
            }
          fsim_tui_print (a, x, y, -1, FSIM_TUI_ROLE_TONE_BLOCKED, 0, what);
        }
    }
  if (shown == 0)
    y += fsim_tui_print_wrapped (a, 1, y, 0, a.h - y, FSIM_TUI_ROLE_DIM, 0,
                                 _("none: no aligned barrier holds an input channel now"));
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
  /* the history, the phases (a row per subtask, a legend of up to 4 rows),
   * and the blocked channels (at most one per channel, two per subtask
   * seen so far is generous; the scratch grows if not) */
  int n_subtasks = (int) fsim_tui_history_subtasks (t->history)->len;
  int height = 2 + (int) known + 2 + n_subtasks + 5 + 2 + 4 * n_subtasks + 2;
  g_autoptr (FsimTuiGrid) scratch = fsim_tui_grid_new (in.w, height);
  FsimTuiArea s = fsim_tui_area (scratch);
  /* the Web UI's history columns: ID, Status, Acknowledged, Trigger Time,
   * End to End Duration, and the REST API's checkpoint_type (the Web UI
   * marks a savepoint in its ID column) */
  /* TRANSLATORS: column headings over "%4d %-11s %-6s %10s %10s  %s": keep
   * each heading within its column's display width (a CJK character is 2);
   * the last column holds a Flink name (CHECKPOINT, SAVEPOINT, ...) */
  fsim_tui_print (s, 0, 0, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD,
                  _("  ID Status      Acked  Triggered   Duration  Type"));
  int y = 1;
  for (guint i = known; i-- > 0; y++)   /* newest first, as the Web UI lists them */
    {
      const FsimTuiCheckpoint *c = &g_array_index (cps, FsimTuiCheckpoint, i);
      CheckpointStatus status = status_at (c, t->cursor);
      gboolean ended = c->end_seq >= 0 && c->end_seq <= t->cursor;
      g_autofree char *trig = fsim_time_format (c->trigger_us);
      g_autofree char *dur = ended ? fsim_duration_text (c->end_us - c->trigger_us)
                                   : g_strdup ("-");
      g_autofree char *acked = g_strdup_printf ("%u/%d", fsim_tui_seqs_upto (c->acks, t->cursor),
                                                total);
      /* unaligned is known once it ended (CheckpointStatsTracker counts
       * the subtasks' reports): a pending one shows CHECKPOINT */
      const char *type = fsim_checkpoint_rest_type_name (c->savepoint, c->synchronous,
                                                         ended && c->unaligned);
      fsim_tui_printf (s, 0, y, -1, FSIM_TUI_ROLE_DEFAULT, 0,
                       "%4" G_GINT64_FORMAT " %-11s %-6s %10s %10s  %s", c->id, "", acked, trig,
                       dur, type);
      fsim_tui_print (s, 5, y, 11, fsim_tui_state_role (&status_machine, status),
                      FSIM_TUI_ATTR_BOLD, fsim_state_machine_state_name (&status_machine, status));
    }
  /* the blocked channels (a few rows) before the phases (a row a subtask) */
  y = draw_blocked (t, s, y + 1, cps, known);
  y = draw_phases (t, s, y + 1, current_checkpoint (t, cps, known));
  t->drawn.lines[FSIM_TUI_PANE_CHECKPOINTS] = y;
  int scroll = CLAMP (t->scroll[FSIM_TUI_PANE_CHECKPOINTS], 0, MAX (y - in.h, 0));
  fsim_tui_blit (in, scratch, scroll);
}
