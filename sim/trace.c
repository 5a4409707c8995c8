/* trace.c - the append-only record of a run.
 *
 * Records live in fixed blocks that never move, so a record's address handed
 * to a viewer stays valid while the trace grows. Strings are interned in one
 * GStringChunk: a record is ~100 bytes whatever its texts, and the hundred
 * "RUNNING" states of a run are stored once. Kinds are names interned to
 * small ids in registration order (which the upper layers keep
 * deterministic); the canonical form and the digest use the names.
 */
#include "config.h"

#include "sim/sim-private.h"

#define RECORDS_PER_BLOCK 1024

typedef struct {
  guint id;
  FsimTraceObserver func;       /* NULL once removed during a dispatch */
  gpointer user_data;
  GDestroyNotify notify;
} Observer;

struct _FsimTrace {
  grefcount ref_count;
  GPtrArray *blocks;            /* FsimTraceRecord[RECORDS_PER_BLOCK] each */
  gint64 count;
  GStringChunk *strings;
  GPtrArray *kind_names;        /* interned names, index = kind id */
  GHashTable *kind_ids;         /* interned name -> id + 1 */
  GArray *observers;            /* Observer, in registration order */
  guint next_observer_id;
  guint dispatching;            /* nesting depth of observer calls */
};

FsimTrace *
fsim_trace_new (void)
{
  FsimTrace *t = g_new0 (FsimTrace, 1);
  g_ref_count_init (&t->ref_count);
  t->blocks = g_ptr_array_new_with_free_func (g_free);
  t->strings = g_string_chunk_new (4096);
  t->kind_names = g_ptr_array_new ();
  t->kind_ids = g_hash_table_new (g_str_hash, g_str_equal);
  t->observers = g_array_new (FALSE, FALSE, sizeof (Observer));
  t->next_observer_id = 1;
  return t;
}

FsimTrace *
fsim_trace_ref (FsimTrace *t)
{
  g_ref_count_inc (&t->ref_count);
  return t;
}

void
fsim_trace_unref (FsimTrace *t)
{
  if (t == NULL || !g_ref_count_dec (&t->ref_count))
    return;
  g_assert (t->dispatching == 0);
  for (guint i = 0; i < t->observers->len; i++)
    {
      Observer *o = &g_array_index (t->observers, Observer, i);
      if (o->func && o->notify)
        o->notify (o->user_data);
    }
  g_array_unref (t->observers);
  g_hash_table_unref (t->kind_ids);
  g_ptr_array_unref (t->kind_names);
  g_string_chunk_free (t->strings);
  g_ptr_array_unref (t->blocks);
  g_free (t);
}

/* ------------------------------------------------------------------------ */
/* Kinds                                                                     */

FsimTraceKind
fsim_trace_kind_register (FsimTrace *t, const char *name)
{
  g_assert (name != NULL && *name != '\0');
  FsimTraceKind kind;
  if (fsim_trace_kind_lookup (t, name, &kind))
    return kind;
  char *interned = g_string_chunk_insert_const (t->strings, name);
  kind = t->kind_names->len;
  g_ptr_array_add (t->kind_names, interned);
  g_hash_table_insert (t->kind_ids, interned, GUINT_TO_POINTER (kind + 1));
  return kind;
}

gboolean
fsim_trace_kind_lookup (FsimTrace *t, const char *name, FsimTraceKind *out)
{
  guint id1 = GPOINTER_TO_UINT (g_hash_table_lookup (t->kind_ids, name));
  if (id1 == 0)
    return FALSE;
  if (out)
    *out = id1 - 1;
  return TRUE;
}

const char *
fsim_trace_kind_name (FsimTrace *t, FsimTraceKind kind)
{
  g_assert (kind < t->kind_names->len);
  return t->kind_names->pdata[kind];
}

guint
fsim_trace_kind_count (FsimTrace *t)
{
  return t->kind_names->len;
}

/* ------------------------------------------------------------------------ */
/* Appending and reading                                                     */

static const char *
intern (FsimTrace *t, const char *s)
{
  return s ? g_string_chunk_insert_const (t->strings, s) : NULL;
}

static void
notify_observers (FsimTrace *t, const FsimTraceRecord *r)
{
  t->dispatching++;
  /* Index, not pointer: an observer may add another (it runs from the next
   * record on; the array may move). */
  guint n = t->observers->len;
  for (guint i = 0; i < n; i++)
    {
      Observer o = g_array_index (t->observers, Observer, i);
      if (o.func)
        o.func (t, r, o.user_data);
    }
  if (--t->dispatching == 0)
    for (guint i = t->observers->len; i-- > 0;)
      if (g_array_index (t->observers, Observer, i).func == NULL)
        g_array_remove_index (t->observers, i);
}

gint64
fsim_trace_append (FsimTrace *t, gint64 time_us, const FsimTraceRecord *record)
{
  g_assert (record->why != NULL && *record->why != '\0');
  g_assert (record->kind < t->kind_names->len);
  g_assert (t->count == 0 || time_us >= fsim_trace_get (t, t->count - 1)->time_us);

  if (t->count % RECORDS_PER_BLOCK == 0)
    g_ptr_array_add (t->blocks, g_new (FsimTraceRecord, RECORDS_PER_BLOCK));
  FsimTraceRecord *r = (FsimTraceRecord *) t->blocks->pdata[t->count / RECORDS_PER_BLOCK]
                       + t->count % RECORDS_PER_BLOCK;
  *r = *record;
  r->time_us = time_us;
  r->seq = t->count;
  r->label = intern (t, record->label);
  r->from = intern (t, record->from);
  r->to = intern (t, record->to);
  r->detail = intern (t, record->detail);
  r->why = intern (t, record->why);
  t->count++;
  notify_observers (t, r);
  return r->seq;
}

gint64
fsim_trace_count (FsimTrace *t)
{
  return t->count;
}

const FsimTraceRecord *
fsim_trace_get (FsimTrace *t, gint64 index)
{
  g_assert (index >= 0 && index < t->count);
  return (const FsimTraceRecord *) t->blocks->pdata[index / RECORDS_PER_BLOCK]
         + index % RECORDS_PER_BLOCK;
}

gint64
fsim_trace_find_time (FsimTrace *t, gint64 time_us)
{
  gint64 lo = 0, hi = t->count;   /* answer in [lo, hi] */
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;
      if (fsim_trace_get (t, mid)->time_us < time_us)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ------------------------------------------------------------------------ */
/* Filters                                                                   */

#define FIELD_MATCHES(f, r, field) ((f)->field == -1 || (f)->field == (r)->field)

gboolean
fsim_trace_filter_matches (const FsimTraceFilter *f, const FsimTraceRecord *r)
{
  if (f == NULL)
    return TRUE;
  if (f->kind != -1 && f->kind != (gint64) r->kind)
    return FALSE;
  if (!(FIELD_MATCHES (f, r, job) && FIELD_MATCHES (f, r, vertex)
        && FIELD_MATCHES (f, r, subtask) && FIELD_MATCHES (f, r, attempt)
        && FIELD_MATCHES (f, r, taskmanager) && FIELD_MATCHES (f, r, slot)
        && FIELD_MATCHES (f, r, checkpoint) && FIELD_MATCHES (f, r, channel)))
    return FALSE;
  return f->predicate == NULL || f->predicate (r, f->user_data);
}

gint64
fsim_trace_find_next (FsimTrace *t, const FsimTraceFilter *filter, gint64 from)
{
  for (gint64 i = MAX (from, 0); i < t->count; i++)
    if (fsim_trace_filter_matches (filter, fsim_trace_get (t, i)))
      return i;
  return -1;
}

gint64
fsim_trace_find_prev (FsimTrace *t, const FsimTraceFilter *filter, gint64 from)
{
  for (gint64 i = MIN (from, t->count - 1); i >= 0; i--)
    if (fsim_trace_filter_matches (filter, fsim_trace_get (t, i)))
      return i;
  return -1;
}

/* ------------------------------------------------------------------------ */
/* Observers                                                                 */

guint
fsim_trace_add_observer (FsimTrace *t, FsimTraceObserver observer,
                         gpointer user_data, GDestroyNotify notify)
{
  g_assert (observer != NULL);
  Observer o = { .id = t->next_observer_id++, .func = observer,
                 .user_data = user_data, .notify = notify };
  g_array_append_val (t->observers, o);
  return o.id;
}

void
fsim_trace_remove_observer (FsimTrace *t, guint id)
{
  for (guint i = 0; i < t->observers->len; i++)
    {
      Observer *o = &g_array_index (t->observers, Observer, i);
      if (o->id != id || o->func == NULL)
        continue;
      Observer gone = *o;
      if (t->dispatching > 0)
        o->func = NULL;         /* compacted after the dispatch */
      else
        g_array_remove_index (t->observers, i);
      if (gone.notify)
        gone.notify (gone.user_data);
      return;
    }
  g_assert_not_reached ();
}
