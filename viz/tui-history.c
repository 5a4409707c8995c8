/* tui-history.c - what the trace says at a cursor, from records 0..cursor.
 *
 * One pass over the finished trace builds per-subtask snapshots and per-job
 * lists of seqs; every question the panes ask at cursor i is a binary search
 * for the last entry with seq <= i. Nothing here decides what Flink would do:
 * it only remembers what the trace said, so stepping back is exact.
 */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

/* What the TUI makes of a record kind, decided by its descriptor. */
enum {
  KIND_EXECUTION_STATE = 1 << 0,
  KIND_JOB_STATUS = 1 << 1,
  KIND_CHECKPOINT = 1 << 2,
  KIND_BARRIER = 1 << 3,
  KIND_ACTIVITY = 1 << 4,
  KIND_VERDICT = 1 << 5,
  KIND_CHECKPOINT_COMPLETED = 1 << 6,
  KIND_CHECKPOINT_FAILED = 1 << 7,
  KIND_FAILURE = 1 << 8,
  KIND_CHECKPOINT_ACK = 1 << 9,
  KIND_SAMPLE = 1 << 10,
  KIND_FAILOVER = 1 << 11,
  KIND_BARRIER_IN = 1 << 12,
  KIND_CHANNEL_BLOCKED = 1 << 13,
  KIND_CHANNEL_RESUMED = 1 << 14,
};

/* The tasks' side of a checkpoint (scheduler/task-checkpoint.c): records
 * of one checkpoint, written by the scheduler, that the checkpoint pane
 * and c / C count as the checkpoint's events. */
static guint
task_checkpoint_meaning (FsimTraceKind k)
{
  static const struct {
    FsimSchedKind kind;
    guint flags;
  } kinds[] = {
    { FSIM_SCHED_KIND_BARRIER_RECEIVED, KIND_CHECKPOINT | KIND_BARRIER_IN },
    { FSIM_SCHED_KIND_BARRIER_SENT, KIND_CHECKPOINT | KIND_BARRIER },
    { FSIM_SCHED_KIND_CHANNEL_BLOCKED, KIND_CHECKPOINT | KIND_CHANNEL_BLOCKED },
    { FSIM_SCHED_KIND_CHANNEL_RESUMED, KIND_CHECKPOINT | KIND_CHANNEL_RESUMED },
    { FSIM_SCHED_KIND_SNAPSHOT, KIND_CHECKPOINT },
    { FSIM_SCHED_KIND_SNAPSHOT_DONE, KIND_CHECKPOINT },
    { FSIM_SCHED_KIND_CHECKPOINT_ABORTED_AT_TASK, KIND_CHECKPOINT },
  };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (k == FSIM_SCHED_KIND (kinds[i].kind))
      return kinds[i].flags;
  return 0;
}

struct _FsimTuiHistory {
  FsimTrace *trace;
  GPtrArray *subtasks;          /* FsimTuiSubtask*, sorted by (vertex, subtask) */
  GHashTable *by_key;           /* (vertex << 32 | subtask) -> FsimTuiSubtask*; lookups only */
  GArray *lists[FSIM_TUI_LIST_COUNT];
  GArray *checkpoints;          /* FsimTuiCheckpoint, by first record */
  GHashTable *checkpoint_index; /* id -> index + 1 in checkpoints; lookups only */
  GStringChunk *strings;        /* made-up labels */
  FsimTuiSamples *samples;      /* tui-samples.c: subtasks' names */
  GArray *label_widths;         /* int per vertex: its widest snapshot label */
  gboolean flows;               /* a metric sample or task activity seen */
  gboolean event_time_detail;   /* a record only --detail event-time writes seen */
};

/* A kind's meaning for the panes, from its descriptor: its identity (the
 * JobManager's execution-state), its state machine (JobStatus, task
 * activity), its module (checkpoint/'s kinds) and its flags. */
static guint
tui_meaning (FsimTraceKind k)
{
  guint f = 0;
  if (k == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE))
    f |= KIND_EXECUTION_STATE;
  /* job-submitted says INITIALIZING, the first JobStatus (Dispatcher.submitJob) */
  if (k->machine == &fsim_job_status_machine)
    f |= KIND_JOB_STATUS;
  if (k->machine == &fsim_task_activity_machine)
    f |= KIND_ACTIVITY;
  if (k == FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER))
    f |= KIND_FAILOVER;
  if (k->flags & FSIM_KIND_VERDICT)
    f |= KIND_VERDICT;
  if (k->flags & FSIM_KIND_SAMPLE)
    f |= KIND_SAMPLE;
  f |= task_checkpoint_meaning (k);
  if (fsim_checkpoint_kind_is_own (k))
    {
      f |= KIND_CHECKPOINT;
      if (k->flags & FSIM_KIND_MARKER)
        f |= KIND_BARRIER_IN;
      if (k->flags & FSIM_KIND_PROGRESS)
        f |= KIND_CHECKPOINT_ACK;
      if (k->flags & FSIM_KIND_SPAN_END)
        f |= (k->flags & FSIM_KIND_FAILURE) ? KIND_CHECKPOINT_FAILED : KIND_CHECKPOINT_COMPLETED;
    }
  else if (k->flags & FSIM_KIND_FAILURE)
    f |= KIND_FAILURE;
  return f;
}

static guint64
subtask_key (gint32 vertex, gint32 subtask)
{
  return ((guint64) (guint32) vertex << 32) | (guint32) subtask;
}

static void
subtask_free (gpointer p)
{
  FsimTuiSubtask *s = p;
  g_array_unref (s->snapshots);
  fsim_tui_samples_clear_subtask (s);
  fsim_tui_event_time_detail_clear_subtask (s);
  g_free (s);
}

static int
compare_subtasks (gconstpointer a, gconstpointer b)
{
  const FsimTuiSubtask *x = *(FsimTuiSubtask *const *) a;
  const FsimTuiSubtask *y = *(FsimTuiSubtask *const *) b;
  if (x->vertex != y->vertex)
    return x->vertex < y->vertex ? -1 : 1;
  return x->subtask < y->subtask ? -1 : x->subtask > y->subtask;
}

static FsimTuiSubtask *
subtask_for (FsimTuiHistory *h, gint32 vertex, gint32 subtask)
{
  guint64 key = subtask_key (vertex, subtask);
  FsimTuiSubtask *s = g_hash_table_lookup (h->by_key, &key);
  if (s)
    return s;
  s = g_new0 (FsimTuiSubtask, 1);
  s->vertex = vertex;
  s->subtask = subtask;
  s->snapshots = g_array_new (FALSE, FALSE, sizeof (FsimTuiSnapshot));
  fsim_tui_samples_init_subtask (s);
  fsim_tui_event_time_detail_init_subtask (s);
  guint64 *k = g_new (guint64, 1);
  *k = key;
  g_hash_table_insert (h->by_key, k, s);
  g_ptr_array_add (h->subtasks, s);
  return s;
}

static FsimTuiActivity
activity_of (int to)
{
  switch (to)
    {
    case FSIM_TASK_BUSY: return FSIM_TUI_ACTIVITY_BUSY;
    case FSIM_TASK_BACKPRESSURED: return FSIM_TUI_ACTIVITY_BACKPRESSURED;
    case FSIM_TASK_ALIGNING: return FSIM_TUI_ACTIVITY_ALIGNING;
    default: return FSIM_TUI_ACTIVITY_NONE;
    }
}

/* The widest label of vertex so far takes label in. */
static void
widen_label (FsimTuiHistory *h, gint32 vertex, const char *label)
{
  if ((guint) vertex >= h->label_widths->len)
    g_array_set_size (h->label_widths, (guint) vertex + 1);
  int *w = &g_array_index (h->label_widths, int, vertex);
  *w = MAX (*w, fsim_tui_text_width (label));
}

/* The subtask after record r: the previous snapshot changed by what r says. */
static void
add_snapshot (FsimTuiHistory *h, const FsimTraceRecord *r, guint flags)
{
  FsimTuiSubtask *s = subtask_for (h, r->vertex, r->subtask);
  FsimTuiSnapshot snap;
  if (s->snapshots->len > 0)
    snap = g_array_index (s->snapshots, FsimTuiSnapshot, s->snapshots->len - 1);
  else
    {
      snap = (FsimTuiSnapshot) {
        .label = g_string_chunk_insert_const (h->strings, r->label ? r->label : "?"),
        .attempt = -1, .taskmanager = -1, .slot = -1, .state = -1,
      };
      widen_label (h, r->vertex, snap.label);
    }
  snap.seq = r->seq;
  snap.time_us = r->time_us;
  snap.mark = FSIM_TUI_MARK_NONE;
  if (r->label)
    {
      if (snap.label != r->label)
        {
          fsim_tui_samples_name (h->samples, s, r->label);
          widen_label (h, r->vertex, r->label);
        }
      snap.label = r->label;
    }
  if (r->attempt >= 0 && r->attempt != snap.attempt)
    {
      /* a new attempt (Execution) of the same ExecutionVertex: a restart,
       * which starts without a slot */
      if (snap.attempt >= 0)
        {
          snap.mark = FSIM_TUI_MARK_RESTART;
          snap.taskmanager = snap.slot = -1;
          snap.activity = FSIM_TUI_ACTIVITY_NONE;
        }
      snap.attempt = r->attempt;
    }
  if (r->taskmanager >= 0 && r->slot >= 0)
    {
      snap.taskmanager = r->taskmanager;
      snap.slot = r->slot;
    }
  if ((flags & KIND_EXECUTION_STATE) && r->to >= 0)
    {
      FsimExecutionState state = (FsimExecutionState) r->to;
      snap.state = (gint8) state;
      if (state != FSIM_EXECUTION_RUNNING)
        snap.activity = FSIM_TUI_ACTIVITY_NONE;
      if (state == FSIM_EXECUTION_FAILED)
        snap.mark = FSIM_TUI_MARK_FAILURE;
    }
  if (flags & KIND_ACTIVITY)
    {
      snap.activity = activity_of (r->to);
      h->flows = TRUE;
    }
  if ((flags & KIND_BARRIER) && snap.mark == FSIM_TUI_MARK_NONE)
    snap.mark = FSIM_TUI_MARK_BARRIER;
  if ((flags & KIND_BARRIER_IN) && snap.mark == FSIM_TUI_MARK_NONE)
    snap.mark = FSIM_TUI_MARK_BARRIER_IN;
  g_array_append_val (s->snapshots, snap);
}

static void
add_to_list (FsimTuiHistory *h, FsimTuiList list, gint64 seq)
{
  g_array_append_val (h->lists[list], seq);
}

/* channel-blocked opens a block of the subtask's channel, channel-resumed
 * ends it; a block never resumed is open to the end of the trace. */
static void
index_block (FsimTuiHistory *h, FsimTuiCheckpoint *c, const FsimTraceRecord *r, guint flags)
{
  const FsimTuiSubtask *s = subtask_for (h, r->vertex, r->subtask);
  if (flags & KIND_CHANNEL_BLOCKED)
    {
      FsimTuiBlock b = { .subtask = s, .attempt = r->attempt, .channel = r->channel,
                         .seq = r->seq, .time_us = r->time_us, .resumed_seq = -1 };
      g_array_append_val (c->blocks, b);
      c->blocks_until = G_MAXINT64;
      return;
    }
  gboolean open = FALSE;
  for (guint i = 0; i < c->blocks->len; i++)
    {
      FsimTuiBlock *b = &g_array_index (c->blocks, FsimTuiBlock, i);
      if (b->resumed_seq < 0 && b->subtask == s && b->attempt == r->attempt
          && b->channel == r->channel)
        b->resumed_seq = r->seq;
      open |= b->resumed_seq < 0;
    }
  c->blocks_until = open ? G_MAXINT64 : r->seq;
}

GPtrArray *
fsim_tui_checkpoint_blocked_at (const FsimTuiCheckpoint *c, gint64 seq)
{
  GPtrArray *open = g_ptr_array_new ();
  if (c->blocks_until < seq && c->blocks_until != G_MAXINT64)
    return open;                /* every block ended before the cursor */
  for (guint i = 0; i < c->blocks->len; i++)
    {
      FsimTuiBlock *b = &g_array_index (c->blocks, FsimTuiBlock, i);
      if (b->seq > seq)
        break;                  /* in trace order */
      if (b->resumed_seq >= 0 && b->resumed_seq <= seq)
        continue;
      /* a restarted or failed attempt's gate is gone with it */
      const FsimTuiSnapshot *now = fsim_tui_subtask_at (b->subtask, seq, G_MAXINT64);
      if (now == NULL || now->attempt != b->attempt || now->state != FSIM_EXECUTION_RUNNING)
        continue;
      g_ptr_array_add (open, b);
    }
  return open;
}

/* One checkpoint's records, so that the checkpoint pane never rescans the
 * trace: at cursor i it binary-searches these arrays. */
static void
index_checkpoint (FsimTuiHistory *h, const FsimTraceRecord *r, guint flags)
{
  gpointer slot = g_hash_table_lookup (h->checkpoint_index, &r->checkpoint);
  FsimTuiCheckpoint *c;
  if (slot == NULL)
    {
      FsimTuiCheckpoint fresh = {
        .id = r->checkpoint, .first_seq = r->seq, .trigger_us = r->time_us,
        .end_seq = -1, .end_us = -1, .failed = FALSE,
        .acks = g_array_new (FALSE, FALSE, sizeof (gint64)),
        .records = g_array_new (FALSE, FALSE, sizeof (gint64)),
        .blocks = g_array_new (FALSE, FALSE, sizeof (FsimTuiBlock)),
        .blocks_until = -1,
      };
      g_array_append_val (h->checkpoints, fresh);
      gint64 *key = g_new (gint64, 1);
      *key = r->checkpoint;
      g_hash_table_insert (h->checkpoint_index, key, GUINT_TO_POINTER (h->checkpoints->len));
      c = &g_array_index (h->checkpoints, FsimTuiCheckpoint, h->checkpoints->len - 1);
    }
  else
    c = &g_array_index (h->checkpoints, FsimTuiCheckpoint, GPOINTER_TO_UINT (slot) - 1);
  if (r->subtask >= 0)
    {
      g_array_append_val (c->records, r->seq);
      if (flags & KIND_CHECKPOINT_ACK)
        g_array_append_val (c->acks, r->seq);
      if (flags & (KIND_CHANNEL_BLOCKED | KIND_CHANNEL_RESUMED))
        index_block (h, c, r, flags);
    }
  else if ((flags & (KIND_CHECKPOINT_COMPLETED | KIND_CHECKPOINT_FAILED)) && c->end_seq < 0)
    {
      /* a checkpoint ends once, by its coordinator-level record */
      c->end_seq = r->seq;
      c->end_us = r->time_us;
      c->failed = (flags & KIND_CHECKPOINT_COMPLETED) == 0;
      c->unaligned = r->values[3] != 0;
    }
  if (r->kind == FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED))
    {
      c->savepoint = r->values[3] != 0;
      c->synchronous = r->values[4] != 0;
    }
}

static void
index_record (FsimTuiHistory *h, const FsimTraceRecord *r)
{
  guint flags = tui_meaning (r->kind);
  if ((flags & KIND_CHECKPOINT) && r->checkpoint >= 0)
    index_checkpoint (h, r, flags);
  add_to_list (h, (flags & KIND_SAMPLE) ? FSIM_TUI_LIST_SAMPLE : FSIM_TUI_LIST_STORY, r->seq);
  if ((flags & KIND_SAMPLE) && r->vertex >= 0 && r->subtask >= 0)
    {
      /* a sample changes no state: kept beside the snapshots, for a
       * subtask some record has named */
      FsimTuiSubtask *s = (FsimTuiSubtask *) fsim_tui_history_find_subtask (h, r->vertex,
                                                                           r->subtask);
      if (s && fsim_tui_samples_add (h->samples, s, r))
        h->flows |= s->metrics->len > 0;
    }
  else if (r->vertex >= 0 && r->subtask >= 0)
    {
      add_snapshot (h, r, flags);
      h->event_time_detail |= fsim_tui_event_time_detail_add (
        (FsimTuiSubtask *) fsim_tui_history_find_subtask (h, r->vertex, r->subtask), r);
    }
  if (flags & KIND_CHECKPOINT)
    add_to_list (h, FSIM_TUI_LIST_CHECKPOINT, r->seq);
  /* a checkpoint counts once, by its coordinator-level record */
  if ((flags & KIND_CHECKPOINT_COMPLETED) && r->subtask < 0)
    add_to_list (h, FSIM_TUI_LIST_CHECKPOINT_COMPLETED, r->seq);
  if ((flags & KIND_CHECKPOINT_FAILED) && r->subtask < 0)
    add_to_list (h, FSIM_TUI_LIST_CHECKPOINT_FAILED, r->seq);
  if (flags & KIND_VERDICT)
    add_to_list (h, FSIM_TUI_LIST_VERDICT, r->seq);
  if (flags & KIND_FAILOVER)
    add_to_list (h, FSIM_TUI_LIST_FAILOVER, r->seq);
  gboolean failure = (flags & KIND_FAILURE) != 0;
  if ((flags & KIND_EXECUTION_STATE) && r->to == FSIM_EXECUTION_FAILED)
    failure = TRUE;
  if ((flags & KIND_JOB_STATUS) && r->to >= 0)
    {
      FsimJobStatus js = (FsimJobStatus) r->to;
      add_to_list (h, FSIM_TUI_LIST_JOB_STATUS, r->seq);
      if (js == FSIM_JOB_RESTARTING || js == FSIM_JOB_FAILING || js == FSIM_JOB_FAILED)
        failure = TRUE;
    }
  if (failure)
    add_to_list (h, FSIM_TUI_LIST_FAILURE, r->seq);
}

FsimTuiHistory *
fsim_tui_history_new (FsimTrace *trace)
{
  FsimTuiHistory *h = g_new0 (FsimTuiHistory, 1);
  h->trace = fsim_trace_ref (trace);
  h->subtasks = g_ptr_array_new_with_free_func (subtask_free);
  h->by_key = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  h->strings = g_string_chunk_new (256);
  h->label_widths = g_array_new (FALSE, TRUE, sizeof (int));
  h->samples = fsim_tui_samples_new (h);
  for (int i = 0; i < FSIM_TUI_LIST_COUNT; i++)
    h->lists[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  h->checkpoints = g_array_new (FALSE, FALSE, sizeof (FsimTuiCheckpoint));
  h->checkpoint_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 n = fsim_trace_count (trace);
  for (gint64 i = 0; i < n; i++)
    index_record (h, fsim_trace_get (trace, i));
  g_ptr_array_sort (h->subtasks, compare_subtasks);
  return h;
}

void
fsim_tui_history_free (FsimTuiHistory *h)
{
  if (h == NULL)
    return;
  g_hash_table_unref (h->by_key);
  g_ptr_array_unref (h->subtasks);
  for (int i = 0; i < FSIM_TUI_LIST_COUNT; i++)
    g_array_unref (h->lists[i]);
  for (guint i = 0; i < h->checkpoints->len; i++)
    {
      FsimTuiCheckpoint *c = &g_array_index (h->checkpoints, FsimTuiCheckpoint, i);
      g_array_unref (c->acks);
      g_array_unref (c->records);
      g_array_unref (c->blocks);
    }
  g_array_unref (h->checkpoints);
  g_hash_table_unref (h->checkpoint_index);
  g_string_chunk_free (h->strings);
  g_array_unref (h->label_widths);
  fsim_tui_samples_free (h->samples);
  fsim_trace_unref (h->trace);
  g_free (h);
}

FsimTrace *
fsim_tui_history_get_trace (const FsimTuiHistory *h)
{
  return h->trace;
}

gint64
fsim_tui_history_count (const FsimTuiHistory *h)
{
  return fsim_trace_count (h->trace);
}

const FsimTraceRecord *
fsim_tui_history_record (const FsimTuiHistory *h, gint64 seq)
{
  return fsim_trace_get (h->trace, seq);
}

GPtrArray *
fsim_tui_history_subtasks (const FsimTuiHistory *h)
{
  return h->subtasks;
}

const FsimTuiSubtask *
fsim_tui_history_find_subtask (const FsimTuiHistory *h, gint32 vertex, gint32 subtask)
{
  guint64 key = subtask_key (vertex, subtask);
  return g_hash_table_lookup (h->by_key, &key);
}

guint
fsim_tui_prefix_len (GArray *a, FsimTuiInPrefix in_prefix, gconstpointer data)
{
  guint size = g_array_get_element_size (a);
  guint lo = 0, hi = a->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (in_prefix (a->data + (gsize) mid * size, data))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef struct {
  gint64 seq, time_us;
} Upto;

static gboolean
snapshot_upto (gconstpointer element, gconstpointer data)
{
  const FsimTuiSnapshot *m = element;
  const Upto *u = data;
  return m->seq <= u->seq && m->time_us <= u->time_us;
}

const FsimTuiSnapshot *
fsim_tui_subtask_at (const FsimTuiSubtask *s, gint64 seq, gint64 time_us)
{
  /* seq and time both grow along the array: the entries that qualify are a
   * prefix, find its end */
  Upto u = { seq, time_us };
  guint n = fsim_tui_prefix_len (s->snapshots, snapshot_upto, &u);
  return n == 0 ? NULL : &g_array_index (s->snapshots, FsimTuiSnapshot, n - 1);
}

GArray *
fsim_tui_history_list (const FsimTuiHistory *h, FsimTuiList list)
{
  g_assert ((guint) list < FSIM_TUI_LIST_COUNT);
  return h->lists[list];
}

/* Entries of a sorted seq array that are <= seq. */
static guint
upper_bound (GArray *a, gint64 seq)
{
  guint lo = 0, hi = a->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (a, gint64, mid) <= seq)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
fsim_tui_history_count_upto (const FsimTuiHistory *h, FsimTuiList list, gint64 seq)
{
  return upper_bound (fsim_tui_history_list (h, list), seq);
}

gint64
fsim_tui_history_next (const FsimTuiHistory *h, FsimTuiList list, gint64 seq)
{
  GArray *a = fsim_tui_history_list (h, list);
  guint i = upper_bound (a, seq);
  return i < a->len ? g_array_index (a, gint64, i) : -1;
}

gint64
fsim_tui_history_prev (const FsimTuiHistory *h, FsimTuiList list, gint64 seq)
{
  GArray *a = fsim_tui_history_list (h, list);
  guint i = upper_bound (a, seq - 1);
  return i > 0 ? g_array_index (a, gint64, i - 1) : -1;
}

const FsimTraceRecord *
fsim_tui_history_last (const FsimTuiHistory *h, FsimTuiList list, gint64 seq)
{
  GArray *a = fsim_tui_history_list (h, list);
  guint i = upper_bound (a, seq);
  return i > 0 ? fsim_trace_get (h->trace, g_array_index (a, gint64, i - 1)) : NULL;
}

GArray *
fsim_tui_history_checkpoints (const FsimTuiHistory *h)
{
  return h->checkpoints;
}

guint
fsim_tui_history_find_checkpoint (const FsimTuiHistory *h, gint64 id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (h->checkpoint_index, &id));
}

guint
fsim_tui_seqs_upto (GArray *seqs, gint64 seq)
{
  return upper_bound (seqs, seq);
}

gboolean
fsim_tui_history_flows (const FsimTuiHistory *h)
{
  return h->flows;
}

gboolean
fsim_tui_history_event_time_detail (const FsimTuiHistory *h)
{
  return h->event_time_detail;
}

gboolean
fsim_tui_record_is_sample (const FsimTraceRecord *r)
{
  return (r->kind->flags & FSIM_KIND_SAMPLE) != 0;
}

gboolean
fsim_tui_history_is (const FsimTuiHistory *h, const FsimTraceRecord *r, FsimTuiList list)
{
  guint f = tui_meaning (r->kind);
  switch (list)
    {
    case FSIM_TUI_LIST_CHECKPOINT:
      return (f & KIND_CHECKPOINT) != 0;
    case FSIM_TUI_LIST_CHECKPOINT_COMPLETED:
      return (f & KIND_CHECKPOINT_COMPLETED) && r->subtask < 0;
    case FSIM_TUI_LIST_CHECKPOINT_FAILED:
      return (f & KIND_CHECKPOINT_FAILED) && r->subtask < 0;
    default:
      {
        /* the other lists depend on more than the kind: ask the index */
        GArray *a = h->lists[list];
        guint i = upper_bound (a, r->seq);
        return i > 0 && g_array_index (a, gint64, i - 1) == r->seq;
      }
    }
}

/* ------------------------------------------------------------------------ */
/* Text shared by the panes                                                   */

char *
fsim_tui_record_summary (const FsimTuiHistory *h, const FsimTraceRecord *r)
{
  GString *s = g_string_new (NULL);
  if (r->label)
    g_string_append (s, r->label);
  else if (r->checkpoint >= 0)
    g_string_append_printf (s, "checkpoint %" G_GINT64_FORMAT, r->checkpoint);
  else if (r->taskmanager >= 0)
    g_string_append_printf (s, "TaskManager %d", r->taskmanager);
  else
    g_string_append (s, r->kind->name);
  const char *from = fsim_trace_record_from_name (r);
  const char *to = fsim_trace_record_to_name (r);
  if (from && to)
    g_string_append_printf (s, "  %s \u2192 %s", from, to);
  else if (to)
    g_string_append_printf (s, "  \u2192 %s", to);
  if (r->detail)
    g_string_append_printf (s, "  %s", r->detail);
  return g_string_free (s, FALSE);
}

/* "Source: Socket Stream -> Flat Map (1/4)#0" cut to cols columns, keeping the
 * "(1/4)#0" that tells subtasks apart. (transfer full) */
char *
fsim_tui_fit_label (const char *label, int cols)
{
  if (fsim_tui_text_width (label) <= cols)
    return g_strdup (label);
  const char *paren = strrchr (label, '(');
  int tail = paren ? fsim_tui_text_width (paren) : 0;
  if (paren == NULL || paren == label || tail + 4 > cols)
    return g_strdup (label);    /* fsim_tui_print cuts it with '…' */
  GString *s = g_string_new (NULL);
  int room = cols - tail - 2;   /* "…" and a space */
  int w = 0;
  for (const char *p = label; p < paren; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (w + fsim_tui_char_width (ch) > room)
        break;
      g_string_append_unichar (s, ch);
      w += fsim_tui_char_width (ch);
    }
  g_string_append (s, "\u2026 ");
  g_string_append (s, paren);
  return g_string_free (s, FALSE);
}

/* The first cols columns of utf8 (at least one character). (transfer full) */
static char *
head_cols (const char *utf8, const char *end, int cols)
{
  GString *s = g_string_new (NULL);
  int w = 0;
  for (const char *p = utf8; p < end; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (w + fsim_tui_char_width (ch) > cols && s->len > 0)
        break;
      g_string_append_unichar (s, ch);
      w += fsim_tui_char_width (ch);
    }
  return g_string_free (s, FALSE);
}

/* The last cols columns of [utf8, end). (transfer full) */
static char *
tail_cols (const char *utf8, const char *end, int cols)
{
  const char *p = end;
  int w = 0;
  while (p > utf8)
    {
      const char *prev = g_utf8_find_prev_char (utf8, p);
      int cw = fsim_tui_char_width (g_utf8_get_char (prev));
      if (w + cw > cols)
        break;
      w += cw;
      p = prev;
    }
  return g_strndup (p, (gsize) (end - p));
}

char *
fsim_tui_fit_middle (const char *text, int cols)
{
  if (cols < 3 || fsim_tui_text_width (text) <= cols)
    return g_strdup (text);     /* fsim_tui_print cuts what still overflows */
  const char *end = text + strlen (text);
  int room = cols - 1;          /* "…" */
  g_autofree char *head = head_cols (text, end, room / 2);
  g_autofree char *tail = tail_cols (text, end, room - fsim_tui_text_width (head));
  return g_strdup_printf ("%s\u2026%s", head, tail);
}

char *
fsim_tui_fit_label_ends (const char *label, int cols)
{
  if (fsim_tui_text_width (label) <= cols)
    return g_strdup (label);
  const char *paren = strrchr (label, '(');
  int tail = paren ? fsim_tui_text_width (paren) : 0;
  if (paren == NULL || paren == label || tail + 6 > cols)
    return fsim_tui_fit_label (label, cols);
  const char *name_end = paren;
  while (name_end > label && name_end[-1] == ' ')
    name_end--;
  int room = cols - tail - 2;   /* "…" and the space before "(" */
  g_autofree char *head = head_cols (label, name_end, room / 2);
  g_autofree char *end = tail_cols (label, name_end, room - fsim_tui_text_width (head));
  return g_strdup_printf ("%s\u2026%s %s", head, end, paren);
}

char *
fsim_tui_format_duration (gint64 us)
{
  static const struct {
    gint64 us;
    const char *unit;
  } units[] = {
    { 3600000000, "h" }, { 60000000, "min" }, { 1000000, "s" }, { 1000, "ms" }, { 1, "\u00b5s" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (us >= units[i].us && us % units[i].us == 0)
      return g_strdup_printf ("%" G_GINT64_FORMAT " %s", us / units[i].us, units[i].unit);
  return g_strdup_printf ("%" G_GINT64_FORMAT " \u00b5s", us);
}

/* One glyph per ExecutionState, so the timeline reads without colour too:
 * the shades fill up as a subtask goes SCHEDULED -> DEPLOYING ->
 * INITIALIZING -> RUNNING. */
static const gunichar state_glyph[FSIM_EXECUTION_STATE_COUNT] = {
  [FSIM_EXECUTION_CREATED] = 0x00B7,            /* · */
  [FSIM_EXECUTION_SCHEDULED] = 0x2591,          /* ░ */
  [FSIM_EXECUTION_DEPLOYING] = 0x2592,          /* ▒ */
  [FSIM_EXECUTION_INITIALIZING] = 0x2593,       /* ▓ */
  [FSIM_EXECUTION_RUNNING] = 0x2588,            /* █ */
  [FSIM_EXECUTION_FINISHED] = 0x2500,           /* ─ */
  [FSIM_EXECUTION_CANCELING] = 0x254C,          /* ╌ */
  [FSIM_EXECUTION_CANCELED] = 0x2581,           /* ▁ */
  [FSIM_EXECUTION_FAILED] = 0x2717,             /* ✗ */
  [FSIM_EXECUTION_RECONCILING] = '?',
};

FsimTuiRole
fsim_tui_tone_role (FsimTone tone)
{
  static const FsimTuiRole roles[FSIM_TONE_COUNT] = {
    [FSIM_TONE_NEUTRAL] = FSIM_TUI_ROLE_DEFAULT,
    [FSIM_TONE_WAITING] = FSIM_TUI_ROLE_TONE_WAITING,
    [FSIM_TONE_PENDING] = FSIM_TUI_ROLE_TONE_PENDING,
    [FSIM_TONE_STARTING] = FSIM_TUI_ROLE_TONE_STARTING,
    [FSIM_TONE_PREPARING] = FSIM_TUI_ROLE_TONE_PREPARING,
    [FSIM_TONE_ACTIVE] = FSIM_TUI_ROLE_TONE_ACTIVE,
    [FSIM_TONE_HELD] = FSIM_TUI_ROLE_TONE_HELD,
    [FSIM_TONE_BLOCKED] = FSIM_TUI_ROLE_TONE_BLOCKED,
    [FSIM_TONE_DONE] = FSIM_TUI_ROLE_TONE_DONE,
    [FSIM_TONE_STOPPING] = FSIM_TUI_ROLE_TONE_STOPPING,
    [FSIM_TONE_STOPPED] = FSIM_TUI_ROLE_TONE_STOPPED,
    [FSIM_TONE_RECOVERING] = FSIM_TUI_ROLE_TONE_RECOVERING,
    [FSIM_TONE_FAILED] = FSIM_TUI_ROLE_TONE_FAILED,
  };
  g_assert ((guint) tone < FSIM_TONE_COUNT);
  return roles[tone];
}

FsimTuiRole
fsim_tui_state_role (const FsimStateMachine *m, int state)
{
  if (m == NULL || state < 0 || state >= m->n_states)
    return FSIM_TUI_ROLE_DEFAULT;
  return fsim_tui_tone_role (m->tones[state]);
}

FsimTuiRole
fsim_tui_execution_role (int state)
{
  return fsim_tui_state_role (&fsim_execution_state_machine, state);
}

gunichar
fsim_tui_state_glyph (int state)
{
  if (state < 0 || state >= FSIM_EXECUTION_STATE_COUNT)
    return ' ';
  return state_glyph[state];
}

int
fsim_tui_history_label_width (const FsimTuiHistory *h, gint32 vertex)
{
  if (vertex < 0 || (guint) vertex >= h->label_widths->len)
    return 0;
  return g_array_index (h->label_widths, int, vertex);
}

guint
fsim_tui_history_n_vertices (const FsimTuiHistory *h)
{
  return h->label_widths->len;
}
