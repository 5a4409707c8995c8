/* subtask-state.c - a subtask's state across its attempts: what its
 * operators hold, what each of its checkpoints holds, and the restore.
 *
 * A Flink task keeps its keyed state in its state backend and its
 * source's split offset in the SourceOperator's operator state; a
 * checkpoint writes both to checkpoint storage. On a restart the scheduler
 * gives each new attempt the latest completed checkpoint
 * (CheckpointCoordinator.restoreLatestCheckpointedStateToSubtasks, a
 * JobManagerTaskRestore); the task restores it while INITIALIZING
 * (StreamTask.restoreInner): a source rewinds to its checkpointed offset
 * (SourceOperator.initializeState), keyed state is what the snapshot held
 * for the subtask's key groups (the parallelism never changes here, so a
 * subtask gets its own key groups back). No checkpoint completed yet:
 * everything starts from scratch.
 *
 * The model (docs/checkpoints.md, "State, the model"): an operator with
 * keyed state keeps the keys it has seen (.stateSize() bytes each) and
 * counts the records it took in. Each key is stamped with the generation
 * it first appeared in and the one it last changed in; a snapshot closes a
 * generation. A snapshot therefore costs nothing to keep: rolling back to
 * it forgets the keys first seen after it and the changes made since. A
 * store outlives every attempt of its subtask (it is checkpoint storage
 * and the state backend in one); only the current attempt writes it.
 *
 * A window operator's state (its windows and timers) cannot be rolled back
 * by stamps: a snapshot keeps a copy of it (fsim_window_operator_snapshot),
 * the restored attempt starts from the copy, and copies older than the one
 * a restore could still read (the latest at or before the latest completed
 * checkpoint) are freed.
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

/* Keys below this are stamped in arrays, the rest in a hash table. */
#define DENSE_KEYS (1 << 16)

typedef struct {
  guint32 first, last;          /* generations; first 0: never seen */
} Stamps;

/* One operator's keyed state. */
typedef struct {
  gboolean keyed;               /* it counts what it takes in */
  gint64 bytes_per_key;         /* 0: no .stateSize() */
  Stamps *dense;                /* [DENSE_KEYS], on first use */
  GHashTable *sparse;           /* key -> Stamps*, for the others */
  gint64 seen;                  /* keys */
  gint64 changed;               /* keys changed in the current generation */
  gint64 counted;               /* records taken in */
  /* a transactional sink (sinkTo, Sink V2 with a committer) */
  gboolean transactional;
  gint64 written;               /* records its writer wrote (into open transactions) */
  gint64 committed;             /* records its committer made visible */
  gint64 committed_id;          /* the checkpoint of its last commit; 0: none */
} KeyedState;

/* What one checkpoint holds of the subtask. */
typedef struct {
  gint64 id;
  guint32 generation;           /* the generation it closed */
  gint64 source_offset;         /* -1: not a source */
  gint64 *counted;              /* [n_ops] */
  gint64 *seen;                 /* [n_ops] */
  gint64 *written;              /* [n_ops]: a transactional sink's, pre-committed */
  FsimWindowOperator **windows; /* [n_ops]: a window operator's state, or NULL
                                 * (NULL array: none, or pruned) */
} Snapshot;

struct _SubtaskStore {
  int n_ops;
  KeyedState *ops;              /* [n_ops], the chain's operators */
  guint32 generation;           /* the open one, from 1 */
  GArray *snapshots;            /* Snapshot, by id */
  gint64 time_zero_us;          /* its first attempt's start; -1: none yet */
  gint64 restored_from;         /* the checkpoint of the last restore; -1: none */
  int restored_snapshot;        /* index of the snapshot it restored; -1: none */
  Ledger **ledgers;             /* [n_ops]: what it counted, for the verdict; NULL: none */
};

gboolean
fsim_sched_store_is_state_op (const FsimStreamNode *n)
{
  if (n->kind == FSIM_OPERATOR_LEGACY_SINK || n->kind == FSIM_OPERATOR_SINK_WRITER)
    return n->knobs.state_bytes_per_key > 0;
  return n->keyed || n->knobs.state_bytes_per_key > 0;
}

static SubtaskStore *
store_new (FsimCluster *c, const FsimExecutionVertex *v)
{
  const gboolean *not_replayable = fsim_sched_not_replayable (c);
  SubtaskStore *s = g_new0 (SubtaskStore, 1);
  const FsimJobVertex *jv = v->job_vertex->job_vertex;
  s->n_ops = (int) jv->operators->len;
  s->ops = g_new0 (KeyedState, MAX (s->n_ops, 1));
  for (int i = 0; i < s->n_ops; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (jv->operators, i);
      s->ops[i].keyed = fsim_sched_store_is_state_op (n);
      s->ops[i].bytes_per_key = n->knobs.state_bytes_per_key;
      s->ops[i].transactional = n->kind == FSIM_OPERATOR_SINK_WRITER;
    }
  s->ledgers = g_new0 (Ledger *, MAX (s->n_ops, 1));
  for (int i = 0; i < s->n_ops; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (jv->operators, i);
      if (n->kind == FSIM_OPERATOR_LEGACY_SINK)
        s->ledgers[i] = fsim_sched_ledger_new (FSIM_LEDGER_DIRECT, not_replayable);
      else if (n->kind == FSIM_OPERATOR_SINK_WRITER)
        s->ledgers[i] = fsim_sched_ledger_new (FSIM_LEDGER_COMMITTED, not_replayable);
      else if (s->ops[i].keyed)
        s->ledgers[i] = fsim_sched_ledger_new (FSIM_LEDGER_STATE, not_replayable);
    }
  s->generation = 1;
  s->snapshots = g_array_new (FALSE, FALSE, sizeof (Snapshot));
  s->time_zero_us = -1;
  s->restored_from = -1;
  s->restored_snapshot = -1;
  return s;
}

SubtaskStore *
fsim_sched_store_of (FsimCluster *c, const FsimExecutionVertex *v)
{
  ExecutionVertex *ev = &c->job->vertices[v->index];
  if (ev->store == NULL)
    ev->store = store_new (c, v);
  return ev->store;
}

static void
snapshot_windows_free (Snapshot *snap, int n_ops)
{
  if (snap->windows == NULL)
    return;
  for (int i = 0; i < n_ops; i++)
    fsim_window_operator_free (snap->windows[i]);
  g_clear_pointer (&snap->windows, g_free);
}

static void
snapshot_clear (Snapshot *snap, int n_ops)
{
  g_free (snap->counted);
  g_free (snap->seen);
  g_free (snap->written);
  snapshot_windows_free (snap, n_ops);
}

void
fsim_sched_store_free (SubtaskStore *s)
{
  if (s == NULL)
    return;
  for (int i = 0; i < s->n_ops; i++)
    {
      g_free (s->ops[i].dense);
      g_clear_pointer (&s->ops[i].sparse, g_hash_table_unref);
    }
  g_free (s->ops);
  for (int i = 0; i < s->n_ops; i++)
    fsim_sched_ledger_free (s->ledgers[i]);
  g_free (s->ledgers);
  for (guint i = 0; i < s->snapshots->len; i++)
    snapshot_clear (&g_array_index (s->snapshots, Snapshot, i), s->n_ops);
  g_array_unref (s->snapshots);
  g_free (s);
}

gint64
fsim_sched_store_time_zero (SubtaskStore *s, gint64 now)
{
  if (s->time_zero_us < 0)
    s->time_zero_us = now;
  return s->time_zero_us;
}

/* --- keyed state ------------------------------------------------------------ */

static Stamps *
stamps_of (KeyedState *k, gint32 key)
{
  if (key >= 0 && key < DENSE_KEYS)
    {
      if (k->dense == NULL)
        k->dense = g_new0 (Stamps, DENSE_KEYS);
      return &k->dense[key];
    }
  if (k->sparse == NULL)
    k->sparse = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  Stamps *st = g_hash_table_lookup (k->sparse, GINT_TO_POINTER (key));
  if (st == NULL)
    {
      st = g_new0 (Stamps, 1);
      g_hash_table_insert (k->sparse, GINT_TO_POINTER (key), st);
    }
  return st;
}

void
fsim_sched_store_note (SubtaskStore *s, int op, const RecordFact *r)
{
  if (s->ledgers[op])
    fsim_sched_ledger_count (s->ledgers[op], r);
  KeyedState *k = &s->ops[op];
  k->written += k->transactional;
  if (!k->keyed)
    return;
  k->counted++;
  if (k->bytes_per_key == 0)
    return;
  Stamps *st = stamps_of (k, r->key);
  if (st->first == 0)
    {
      st->first = s->generation;
      k->seen++;
    }
  if (st->last != s->generation)
    {
      st->last = s->generation;
      k->changed++;
    }
}

void
fsim_sched_store_measure (const SubtaskStore *s, gint64 *total, gint64 *changed)
{
  *total = *changed = 0;
  for (int i = 0; i < s->n_ops; i++)
    {
      *total += s->ops[i].seen * s->ops[i].bytes_per_key;
      *changed += s->ops[i].changed * s->ops[i].bytes_per_key;
    }
}

gint64
fsim_sched_store_counted (const SubtaskStore *s, int op)
{
  return s->ops[op].counted;
}

gint64
fsim_sched_store_keys (const SubtaskStore *s)
{
  gint64 keys = 0;
  for (int i = 0; i < s->n_ops; i++)
    keys += s->ops[i].seen;
  return keys;
}

/* --- snapshots and the restore ---------------------------------------------- */

/* A restore goes back to the latest snapshot at or before the latest
 * completed checkpoint, which only grows: window state older than that
 * snapshot is never read again. */
static void
prune_windows (SubtaskStore *s, gint64 latest_completed)
{
  int keep = -1;
  for (guint i = 0; i < s->snapshots->len; i++)
    if (g_array_index (s->snapshots, Snapshot, i).id <= latest_completed)
      keep = (int) i;
  for (int i = 0; i < keep; i++)
    snapshot_windows_free (&g_array_index (s->snapshots, Snapshot, i), s->n_ops);
}

void
fsim_sched_store_snapshot_window (SubtaskStore *s, int op, const FsimWindowOperator *win)
{
  g_assert (s->snapshots->len > 0 && op >= 0 && op < s->n_ops);
  Snapshot *snap = &g_array_index (s->snapshots, Snapshot, s->snapshots->len - 1);
  if (snap->windows == NULL)
    snap->windows = g_new0 (FsimWindowOperator *, s->n_ops);
  g_assert (snap->windows[op] == NULL);
  snap->windows[op] = fsim_window_operator_snapshot (win);
}

const FsimWindowOperator *
fsim_sched_store_restored_window (const SubtaskStore *s, int op)
{
  if (s->restored_snapshot < 0)
    return NULL;
  const Snapshot *snap = &g_array_index (s->snapshots, Snapshot, s->restored_snapshot);
  return snap->windows ? snap->windows[op] : NULL;
}

void
fsim_sched_store_snapshot (SubtaskStore *s, gint64 id, gint64 source_offset,
                           gint64 latest_completed)
{
  for (int i = 0; i < s->n_ops; i++)
    if (s->ledgers[i])
      fsim_sched_ledger_snapshot (s->ledgers[i], id, latest_completed);
  g_assert (s->snapshots->len == 0
            || g_array_index (s->snapshots, Snapshot, s->snapshots->len - 1).id < id);
  prune_windows (s, latest_completed);
  Snapshot snap = { id, s->generation, source_offset, g_new (gint64, MAX (s->n_ops, 1)),
                    g_new (gint64, MAX (s->n_ops, 1)), g_new (gint64, MAX (s->n_ops, 1)),
                    NULL };
  for (int i = 0; i < s->n_ops; i++)
    {
      snap.counted[i] = s->ops[i].counted;
      snap.seen[i] = s->ops[i].seen;
      snap.written[i] = s->ops[i].written;   /* SinkWriter.prepareCommit: pre-committed */
      s->ops[i].changed = 0;
    }
  g_array_append_val (s->snapshots, snap);
  s->generation++;              /* what changes from now on is new */
}

/* Back to generation g: keys first seen after it are forgotten, changes
 * after it undone. */
static void
roll_back_stamps (Stamps *st, guint32 g, gint64 *seen)
{
  if (st->first > g)
    st->first = st->last = 0;
  else if (st->last > g)
    st->last = g;
  *seen += st->first != 0;
}

static void
roll_back (KeyedState *k, guint32 g)
{
  gint64 seen = 0;
  if (k->dense)
    for (int key = 0; key < DENSE_KEYS; key++)
      roll_back_stamps (&k->dense[key], g, &seen);
  if (k->sparse)
    {
      GHashTableIter it;
      gpointer value;
      g_hash_table_iter_init (&it, k->sparse);
      while (g_hash_table_iter_next (&it, NULL, &value))
        {
          roll_back_stamps (value, g, &seen);
          if (((Stamps *) value)->first == 0)
            g_hash_table_iter_remove (&it);
        }
    }
  k->seen = seen;
  k->changed = 0;
}

gboolean
fsim_sched_store_restore (SubtaskStore *s, gint64 id, GHashTable *channel_state,
                          FsimStoreRestore *out)
{
  for (int i = 0; i < s->n_ops; i++)
    if (s->ledgers[i])
      fsim_sched_ledger_restore (s->ledgers[i], id, channel_state);
  *out = (FsimStoreRestore) { .checkpoint = id, .source_offset = 0 };
  /* the latest snapshot it holds of that checkpoint or before (a task
   * that had finished was not asked for the later ones) */
  const Snapshot *snap = NULL;
  guint keep = 0;
  for (guint i = 0; i < s->snapshots->len; i++)
    {
      const Snapshot *x = &g_array_index (s->snapshots, Snapshot, i);
      if (id <= 0 || x->id > id)
        break;
      snap = x;
      keep = i + 1;
    }
  out->from_snapshot = snap != NULL;
  s->restored_snapshot = (int) keep - 1;
  for (int i = 0; i < s->n_ops; i++)
    {
      const FsimWindowOperator *win = fsim_sched_store_restored_window (s, i);
      if (win)
        {
          gint64 windows, timers;
          fsim_window_operator_count_state (win, &windows, &timers);
          out->windows += windows;
          out->timers += timers;
        }
      out->records_before += s->ops[i].counted;
      out->keys_before += s->ops[i].seen;
      roll_back (&s->ops[i], snap ? snap->generation : 0);
      s->ops[i].counted = snap ? snap->counted[i] : 0;
      /* the writer's transactions after the snapshot are aborted; what
       * was committed stays visible */
      s->ops[i].written = snap ? snap->written[i] : 0;
      g_assert (!snap || s->ops[i].seen == snap->seen[i]);
      out->records += s->ops[i].counted;
      out->keys += s->ops[i].seen;
    }
  if (snap)
    {
      out->snapshot = snap->id;
      out->source_offset = MAX (snap->source_offset, 0);
      s->generation = snap->generation + 1;
    }
  else
    s->generation = 1;
  /* the snapshots after it were of the failed attempts: never completed */
  for (guint i = keep; i < s->snapshots->len; i++)
    snapshot_clear (&g_array_index (s->snapshots, Snapshot, i), s->n_ops);
  g_array_set_size (s->snapshots, keep);
  s->restored_from = id;
  return snap != NULL;
}

gboolean
fsim_sched_store_commit (SubtaskStore *s, gint64 id, FsimSinkCommit *out)
{
  *out = (FsimSinkCommit) { .checkpoint = id };
  gboolean any = FALSE;
  for (int i = 0; i < s->n_ops; i++)
    {
      KeyedState *k = &s->ops[i];
      if (!k->transactional)
        continue;
      /* the latest snapshot up to id, and the transactions from after the
       * last commit up to it */
      const Snapshot *snap = NULL;
      int transactions = 0;
      for (guint j = 0; j < s->snapshots->len; j++)
        {
          const Snapshot *x = &g_array_index (s->snapshots, Snapshot, j);
          if (x->id > id)
            break;
          if (x->id > k->committed_id)
            {
              snap = x;
              transactions++;
            }
        }
      if (snap == NULL)
        continue;
      gint64 fresh = MAX (snap->written[i] - k->committed, 0);
      k->committed += fresh;
      k->committed_id = snap->id;
      out->records += fresh;
      out->visible += k->committed;
      out->transactions += transactions;
      out->pending += k->written - k->committed;
      any = TRUE;
    }
  return any;
}

gboolean
fsim_sched_store_ledger_totals (const SubtaskStore *s, FsimVerdictCounts *v, GHashTable *dups,
                                GHashTable *losts)
{
  gboolean any = FALSE;
  for (int i = 0; i < s->n_ops; i++)
    {
      const Ledger *l = s->ledgers[i];
      if (l == NULL)
        continue;
      any = TRUE;
      gint64 lost, dup;
      fsim_sched_ledger_totals (l, &lost, &dup);
      switch (fsim_sched_ledger_kind (l))
        {
        case FSIM_LEDGER_STATE:
          v->state_lost += lost, v->state_dup += dup;
          break;
        case FSIM_LEDGER_COMMITTED:
          v->output_lost += lost, v->output_dup += dup, v->committed_dup += dup;
          v->committed = TRUE;
          break;
        case FSIM_LEDGER_DIRECT:
          v->output_lost += lost, v->output_dup += dup;
          v->direct = TRUE;
          break;
        }
      fsim_sched_ledger_add_keys (l, dups, losts);
      v->keys_partial |= fsim_sched_ledger_keys_partial (l);
    }
  return any;
}
