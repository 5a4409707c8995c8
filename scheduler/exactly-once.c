/* exactly-once.c - the ledger behind the exactly-once verdict.
 *
 * Flink's guarantee is about what a restore does. Checkpoint C holds, for
 * every source, the offset of its barrier C, and for every operator its
 * state when its barrier C was in. The result is exactly once when each
 * record is in C's state if and only if it came before its source's
 * barrier C: a restore then undoes precisely the records the sources read
 * again. A record's epoch (RecordFact) is the last barrier its origin sent
 * before it, so a record of epoch e belongs before barrier e+1 and every
 * later one, after barrier e and every earlier one. Where a record is
 * counted (into keyed state, out of a sink) the ledger compares its epoch
 * with the last snapshot g taken there:
 *
 *   e > g  "ahead": if the next snapshot C is at most e, it holds a record
 *          from after barrier C. The sources read it again after a restore
 *          from C: counted twice (a duplicate). Only at-least-once
 *          (CheckpointBarrierTracker) lets it happen: aligned barriers
 *          block the channel.
 *   e < g  "behind": it belonged in snapshot g but came after it. Its
 *          source will not read it again after a restore from g, so
 *          unless checkpoint g holds it as channel state (an unaligned
 *          checkpoint's in-flight data, replayed first) it is lost.
 *
 * Kinds of ledger:
 *   STATE      keyed state: a restore from C rolls it back to snapshot C,
 *              with the duplicates and losses that snapshot carried, plus
 *              its ahead records (duplicates to be) and the behind records
 *              that neither it nor channel state holds (lost).
 *   COMMITTED  a transactional sink (sinkTo, Sink V2 with a committer:
 *              two-phase commit on notifyCheckpointComplete): its output
 *              is what its committed transactions hold, rolled back as
 *              state is.
 *   DIRECT     a sink that writes at once (addSink, print): nothing is
 *              undone, so each restore from C adds, as duplicates, what it
 *              wrote of epoch C or later (its sources replay those) and
 *              what it wrote that checkpoint C holds as channel state
 *              (replayed too).
 *
 * A restore with no checkpoint (C = 0, every epoch is at least 0) empties
 * state and makes everything a DIRECT sink wrote a duplicate to be. The
 * check sees what reaches a ledger: a record lost while still in flight
 * when its task fails is not seen (docs/exactly-once.md says so).
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

#define LEDGER_KEYS 4096

typedef struct {
  gint32 key;
  gint32 epoch;
  gint64 identity;              /* fsim_sched_record_identity */
  gint64 tag;                   /* the last snapshot when it was counted */
} Entry;

typedef struct {
  gint64 id;
  GHashTable *dups;             /* key -> duplicates it holds */
  GHashTable *losts;            /* key -> losses it carries */
  GArray *ahead;                /* gint32 keys of its ahead records */
} LedgerSnap;

/* What a ledger counted from sources that cannot rewind since snapshot
 * `after`: a restore from after or earlier undoes it, and nothing reads it
 * again. */
typedef struct {
  gint64 after;
  GHashTable *counts;           /* key -> records */
} Interval;

struct _Ledger {
  FsimLedgerKind kind;
  gint64 last_snap;             /* 0: none (or a restore from scratch) */
  GArray *ahead;                /* Entry, STATE and COMMITTED */
  GArray *behind;               /* Entry */
  GHashTable *emitted;          /* DIRECT: epoch -> records */
  GHashTable *emitted_keys;     /* DIRECT: epoch << 32 | key -> records, at most
                                 * LEDGER_KEYS pairs (per-key counts are shown,
                                 * the totals above are exact) */
  gboolean keys_partial;        /* a pair did not fit */
  GHashTable *dups;             /* key -> records, now */
  GHashTable *losts;            /* key -> records, now */
  GArray *snaps;                /* LedgerSnap, by id */
  gint64 dup_total;             /* DIRECT: exact, where dups may be partial */
  const gboolean *not_replayable; /* by origin */
  GArray *unreplayed;           /* Interval: STATE and COMMITTED, what came from
                                 * sources that cannot rewind, by snapshot */
  gint64 *epoch_count;          /* DIRECT: emitted's count of epoch_of_count */
  gint64 epoch_of_count;
};

gint64
fsim_sched_record_identity (const RecordFact *r)
{
  return (gint64) ((guint64) r->origin << 40 | ((guint64) r->offset & ((G_GUINT64_CONSTANT (1) << 40) - 1)));
}

static GHashTable *
counts_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
counts_add (GHashTable *t, gint64 key, gint64 n)
{
  if (n == 0)
    return;
  gint64 *v = g_hash_table_lookup (t, &key);
  if (v == NULL)
    {
      v = g_new0 (gint64, 1);
      g_hash_table_insert (t, g_memdup2 (&key, sizeof key), v);
    }
  *v += n;
}

/* key at 0 in t, if absent */
static void
counts_add_new (GHashTable *t, gint64 key)
{
  if (!g_hash_table_contains (t, &key))
    g_hash_table_insert (t, g_memdup2 (&key, sizeof key), g_new0 (gint64, 1));
}

static GHashTable *
counts_copy (GHashTable *t)
{
  GHashTable *out = counts_new ();
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, t);
  while (g_hash_table_iter_next (&it, &k, &v))
    counts_add (out, *(gint64 *) k, *(gint64 *) v);
  return out;
}

static gint64
counts_total (GHashTable *t)
{
  gint64 n = 0;
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, t);
  while (g_hash_table_iter_next (&it, NULL, &v))
    n += *(gint64 *) v;
  return n;
}

static void
interval_clear (Interval *i)
{
  g_hash_table_unref (i->counts);
}

static void
interval_open (Ledger *l, gint64 after)
{
  Interval i = { after, counts_new () };
  g_array_append_val (l->unreplayed, i);
}

const gboolean *
fsim_sched_not_replayable (FsimCluster *c)
{
  JobMaster *jm = c->job;
  if (c->not_replayable == NULL)
    {
      c->not_replayable = g_new0 (gboolean, MAX (jm->n_vertices, 1));
      for (int i = 0; i < jm->n_vertices; i++)
        {
          const FsimExecutionVertex *v = jm->vertices[i].vertex;
          c->not_replayable[i] = v->job_vertex->job_vertex->head->not_replayable;
        }
    }
  return c->not_replayable;
}

Ledger *
fsim_sched_ledger_new (FsimLedgerKind kind, const gboolean *not_replayable)
{
  Ledger *l = g_new0 (Ledger, 1);
  l->kind = kind;
  l->not_replayable = not_replayable;
  l->unreplayed = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_array_set_clear_func (l->unreplayed, (GDestroyNotify) interval_clear);
  interval_open (l, 0);
  l->ahead = g_array_new (FALSE, FALSE, sizeof (Entry));
  l->behind = g_array_new (FALSE, FALSE, sizeof (Entry));
  l->emitted = counts_new ();
  l->emitted_keys = counts_new ();
  l->dups = counts_new ();
  l->losts = counts_new ();
  l->snaps = g_array_new (FALSE, FALSE, sizeof (LedgerSnap));
  return l;
}

static void
snap_clear (LedgerSnap *s)
{
  g_hash_table_unref (s->dups);
  g_hash_table_unref (s->losts);
  g_array_unref (s->ahead);
}

static void
snaps_truncate (Ledger *l, guint keep)
{
  for (guint i = keep; i < l->snaps->len; i++)
    snap_clear (&g_array_index (l->snaps, LedgerSnap, i));
  g_array_set_size (l->snaps, keep);
}

void
fsim_sched_ledger_free (Ledger *l)
{
  if (l == NULL)
    return;
  g_array_unref (l->ahead);
  g_array_unref (l->behind);
  g_hash_table_unref (l->emitted);
  g_hash_table_unref (l->emitted_keys);
  g_hash_table_unref (l->dups);
  g_hash_table_unref (l->losts);
  snaps_truncate (l, 0);
  g_array_unref (l->snaps);
  g_array_unref (l->unreplayed);
  g_free (l);
}

FsimLedgerKind
fsim_sched_ledger_kind (const Ledger *l)
{
  return l->kind;
}

void
fsim_sched_ledger_count (Ledger *l, const RecordFact *r)
{
  Entry e = { r->key, r->epoch, fsim_sched_record_identity (r), l->last_snap };
  if (l->not_replayable && l->not_replayable[r->origin])
    {
      /* no replay: a sink that writes at once never writes it twice; state
       * loses it when a restore undoes it */
      if (l->kind != FSIM_LEDGER_DIRECT)
        counts_add (g_array_index (l->unreplayed, Interval, l->unreplayed->len - 1).counts,
                    r->key, 1);
      return;
    }
  if (l->kind == FSIM_LEDGER_DIRECT)
    {
      if (l->epoch_count == NULL || l->epoch_of_count != r->epoch)
        {
          counts_add_new (l->emitted, r->epoch);
          l->epoch_count = g_hash_table_lookup (l->emitted, &(gint64) { r->epoch });
          l->epoch_of_count = r->epoch;
        }
      ++*l->epoch_count;
      /* by key while the table has room; past it, the totals only */
      if (!l->keys_partial)
        {
          gint64 pair = (gint64) ((guint64) (guint32) r->epoch << 32 | (guint32) r->key);
          gint64 *n = g_hash_table_lookup (l->emitted_keys, &pair);
          if (n)
            ++*n;
          else if (g_hash_table_size (l->emitted_keys) < LEDGER_KEYS)
            counts_add (l->emitted_keys, pair, 1);
          else
            l->keys_partial = TRUE;
        }
    }
  else if (r->epoch > l->last_snap)
    g_array_append_val (l->ahead, e);
  if (r->epoch < l->last_snap)
    g_array_append_val (l->behind, e);
}

/* Drops what no restore can need: a restore is from the latest completed
 * checkpoint or a later one. */
static void
prune (Ledger *l, gint64 latest_completed)
{
  guint keep = 0;
  for (guint i = 0; i < l->behind->len; i++)
    {
      Entry e = g_array_index (l->behind, Entry, i);
      if (e.tag >= latest_completed)
        g_array_index (l->behind, Entry, keep++) = e;
    }
  g_array_set_size (l->behind, keep);
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, l->emitted);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if (*(gint64 *) k < latest_completed)
      g_hash_table_iter_remove (&it);
  l->epoch_count = NULL;
  g_hash_table_iter_init (&it, l->emitted_keys);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if ((gint64) (*(guint64 *) k >> 32) < latest_completed)
      g_hash_table_iter_remove (&it);
  guint first = 0;
  while (first + 1 < l->snaps->len
         && g_array_index (l->snaps, LedgerSnap, first + 1).id <= latest_completed)
    first++;
  for (guint i = 0; i < first; i++)
    snap_clear (&g_array_index (l->snaps, LedgerSnap, i));
  g_array_remove_range (l->snaps, 0, first);
  /* intervals before the latest completed checkpoint's snapshot are in it */
  guint old = 0;
  while (old + 1 < l->unreplayed->len
         && g_array_index (l->unreplayed, Interval, old + 1).after <= latest_completed)
    old++;
  g_array_remove_range (l->unreplayed, 0, old);
}

void
fsim_sched_ledger_snapshot (Ledger *l, gint64 id, gint64 latest_completed)
{
  LedgerSnap s = { id, counts_copy (l->dups), counts_copy (l->losts),
                   g_array_new (FALSE, FALSE, sizeof (gint32)) };
  guint keep = 0;
  for (guint i = 0; i < l->ahead->len; i++)
    {
      Entry e = g_array_index (l->ahead, Entry, i);
      if (e.epoch >= id)
        g_array_append_val (s.ahead, e.key);
      if (e.epoch > id)
        g_array_index (l->ahead, Entry, keep++) = e;
    }
  g_array_set_size (l->ahead, keep);
  g_array_append_val (l->snaps, s);
  l->last_snap = id;
  interval_open (l, id);
  prune (l, latest_completed);
}

void
fsim_sched_ledger_restore (Ledger *l, gint64 id, GHashTable *channel_state)
{
  if (l->kind == FSIM_LEDGER_DIRECT)
    {
      GHashTableIter it;
      gpointer k, v;
      g_hash_table_iter_init (&it, l->emitted);
      while (g_hash_table_iter_next (&it, &k, &v))
        if (*(gint64 *) k >= id)
          l->dup_total += *(gint64 *) v;
      g_hash_table_iter_init (&it, l->emitted_keys);
      while (g_hash_table_iter_next (&it, &k, &v))
        if ((gint64) (*(guint64 *) k >> 32) >= id)
          counts_add (l->dups, (gint32) (guint32) * (guint64 *) k, *(gint64 *) v);
      g_hash_table_remove_all (l->emitted);
      g_hash_table_remove_all (l->emitted_keys);
      l->epoch_count = NULL;
    }
  else
    {
      /* the latest snapshot at or before id (none: from scratch) */
      guint keep = 0;
      while (keep < l->snaps->len && id > 0 && g_array_index (l->snaps, LedgerSnap, keep).id <= id)
        keep++;
      g_hash_table_unref (l->dups);
      g_hash_table_unref (l->losts);
      if (keep > 0)
        {
          const LedgerSnap *s = &g_array_index (l->snaps, LedgerSnap, keep - 1);
          l->dups = counts_copy (s->dups);
          l->losts = counts_copy (s->losts);
          for (guint i = 0; i < s->ahead->len; i++)
            counts_add (l->dups, g_array_index (s->ahead, gint32, i), 1);
        }
      else
        l->dups = counts_new (), l->losts = counts_new ();
      snaps_truncate (l, keep);
      g_array_set_size (l->ahead, 0);
      /* what came after the snapshot from sources that cannot rewind */
      for (guint i = 0; i < l->unreplayed->len; i++)
        {
          const Interval *in = &g_array_index (l->unreplayed, Interval, i);
          if (in->after < id)
            continue;
          GHashTableIter it;
          gpointer k, v;
          g_hash_table_iter_init (&it, in->counts);
          while (g_hash_table_iter_next (&it, &k, &v))
            counts_add (l->losts, *(gint64 *) k, *(gint64 *) v);
        }
    }
  g_array_set_size (l->unreplayed, 0);
  interval_open (l, id);
  /* behind records: checkpoint id's channel state replays them */
  for (guint i = 0; i < l->behind->len; i++)
    {
      const Entry *e = &g_array_index (l->behind, Entry, i);
      if (e->tag < id || e->epoch >= id)
        continue;
      gboolean replayed = channel_state && g_hash_table_contains (channel_state, &e->identity);
      if (l->kind == FSIM_LEDGER_DIRECT && replayed)
        counts_add (l->dups, e->key, 1), l->dup_total++;
      else if (l->kind != FSIM_LEDGER_DIRECT && !replayed)
        counts_add (l->losts, e->key, 1);
    }
  g_array_set_size (l->behind, 0);
  l->last_snap = id;
}

void
fsim_sched_ledger_totals (const Ledger *l, gint64 *lost, gint64 *duplicated)
{
  *lost = counts_total (l->losts);
  *duplicated = l->kind == FSIM_LEDGER_DIRECT ? l->dup_total : counts_total (l->dups);
}

gboolean
fsim_sched_ledger_keys_partial (const Ledger *l)
{
  return l->keys_partial;
}

void
fsim_sched_ledger_add_keys (const Ledger *l, GHashTable *dups, GHashTable *losts)
{
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, l->dups);
  while (g_hash_table_iter_next (&it, &k, &v))
    counts_add (dups, *(gint64 *) k, *(gint64 *) v);
  g_hash_table_iter_init (&it, l->losts);
  while (g_hash_table_iter_next (&it, &k, &v))
    counts_add (losts, *(gint64 *) k, *(gint64 *) v);
}

GHashTable *
fsim_sched_ledger_counts_new (void)
{
  return counts_new ();
}

/* --- the verdict -------------------------------------------------------------- */

typedef struct {
  gint64 key, n;
} KeyCount;

static gint
by_count_then_key (gconstpointer a, gconstpointer b)
{
  const KeyCount *x = a, *y = b;
  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

/* "key 17 (12), key 3 (11)": the most counted keys first, at most 5. */
static void
append_keys (GString *out, const char *what, GHashTable *counts)
{
  if (g_hash_table_size (counts) == 0)
    return;
  g_autoptr (GArray) a = g_array_new (FALSE, FALSE, sizeof (KeyCount));
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      KeyCount kc = { *(gint64 *) k, *(gint64 *) v };
      g_array_append_val (a, kc);
    }
  g_array_sort (a, by_count_then_key);
  g_string_append_printf (out, "; %s by key: ", what);
  for (guint i = 0; i < MIN (a->len, 5); i++)
    g_string_append_printf (out, "%skey %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT ")",
                            i ? ", " : "", g_array_index (a, KeyCount, i).key,
                            g_array_index (a, KeyCount, i).n);
  if (a->len > 5)
    g_string_append_printf (out, " and %u more keys", a->len - 5);
}

void
fsim_sched_trace_verdict (FsimCluster *c)
{
  JobMaster *jm = c->job;
  if (c->verdict_traced || jm == NULL)
    return;
  c->verdict_traced = TRUE;
  FsimVerdictCounts v = { 0 };
  g_autoptr (GHashTable) dups = counts_new ();
  g_autoptr (GHashTable) losts = counts_new ();
  for (int i = 0; i < jm->n_vertices; i++)
    if (jm->vertices[i].store)
      fsim_sched_store_ledger_totals (jm->vertices[i].store, &v, dups, losts);
  /* CheckpointingMode: EXACTLY_ONCE needs checkpoints in that mode; without
   * checkpoints a restart starts over, which promises no more than
   * at-least-once of what sinks write */
  gboolean exactly_once = jm->checkpoints != NULL && !c->settings.checkpoints.at_least_once;
  /* a source that keeps no offset (Flink's table of guarantees: "Socket:
   * at most once"): a restore loses what it read since the checkpoint */
  gboolean at_most_once = FALSE;
  const gboolean *nr = fsim_sched_not_replayable (c);
  for (int i = 0; i < jm->n_vertices; i++)
    at_most_once |= nr[i];
  gint64 lost = v.state_lost + v.output_lost;
  gint64 dup = v.state_dup + v.output_dup;
  gboolean no_dup = v.state_dup == 0 && v.committed_dup == 0;
  gboolean holds = at_most_once ? no_dup : lost == 0 && (!exactly_once || no_dup);
  const char *guarantee = fsim_sched_guarantee_names[at_most_once ? 2 : exactly_once];
  g_autoptr (GString) d = g_string_new (NULL);
  g_string_append_printf (d, "%s %s: %" G_GINT64_FORMAT " records lost, %" G_GINT64_FORMAT
                          " counted twice; keyed state %" G_GINT64_FORMAT " lost, %"
                          G_GINT64_FORMAT " duplicated; sink output %" G_GINT64_FORMAT
                          " lost, %" G_GINT64_FORMAT " duplicated",
                          guarantee,
                          holds ? "holds" : "DOES NOT HOLD", lost, dup, v.state_lost, v.state_dup,
                          v.output_lost, v.output_dup);
  if (v.direct && v.output_dup > v.committed_dup)
    g_string_append (d, " (a sink that writes at once, as print and addSink do, gives "
                        "at-least-once output: what the sources replay it writes again)");
  append_keys (d, "duplicated", dups);
  if (v.keys_partial && v.output_dup > 0)
    g_string_append_printf (d, " (by key: of the first %d key and epoch pairs a sink wrote)",
                            LEDGER_KEYS);
  append_keys (d, "lost", losts);
  FsimTraceRecord r = fsim_sched_cluster_record (
    c, FSIM_SCHED_KIND_VERDICT,
    at_most_once
      ? "a source keeps no offset to rewind to (socketTextStream): whatever the checkpoints, "
        "a restore loses what it read since the checkpoint, and nothing may count twice: "
        "at most once (docs/exactly-once.md)"
    : exactly_once
      ? "exactly-once checkpoints: after every restore, keyed state and a transactional "
        "sink's committed output hold each record before the restored source offsets once, "
        "and nothing after them (docs/exactly-once.md)"
    : jm->checkpoints
      ? "at-least-once checkpoints: after every restore nothing is lost, but what came after "
        "a barrier may be counted again (docs/exactly-once.md)"
      : "checkpointing is off: a restart starts every operator empty and every source from "
        "its beginning, so nothing is lost and sinks write again what they wrote: "
        "at-least-once (docs/exactly-once.md)");
  r.label = "exactly-once";
  r.detail = d->str;
  r.values[0] = at_most_once ? 2 : exactly_once;
  r.values[1] = holds;
  r.values[2] = lost;
  r.values[3] = dup;
  r.values[4] = v.state_lost;
  r.values[5] = v.state_dup;
  r.values[6] = v.output_lost;
  r.values[7] = v.output_dup;
  fsim_sched_cluster_trace (c, &r);
}
