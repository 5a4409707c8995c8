/* trace.c - the append-only record of a run.
 *
 * Records live in fixed blocks that never move, so a record's address handed
 * to a viewer stays valid while the trace grows. Strings are interned in one
 * GStringChunk: a record is FSIM_TRACE_RECORD_BYTES whatever its texts, and
 * the hundred identical whys of a run are stored once. A record's kind is a
 * pointer to its writer's static descriptor; the trace keeps the registered
 * tables only to look kinds up by name and to list them. The trace holds
 * its own budget: the last record it takes is one it writes itself.
 */
#include "config.h"

#include <string.h>

#include "sim/sim-private.h"

#define RECORDS_PER_BLOCK 1024
#define N_RECENT 64

/* A text a writer passed and the trace's copy of it. */
typedef struct {
  const char *from;
  const char *interned;
} Recent;

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
  GHashTable *interned;         /* the strings in `strings`; lookups only */
  Recent recent[N_RECENT];      /* by the writer's pointer: see known_text */
  gint64 bytes;                 /* records and interned texts, as budgeted */
  gint64 byte_budget;           /* 0 = no bound */
  const char *byte_budget_key;
  GPtrArray *kinds;             /* FsimTraceKind, registration order */
  GHashTable *kind_by_name;     /* name -> FsimTraceKind; lookups only */
  GPtrArray *tables;            /* the registered tables' first entries */
  gint64 budget;                /* at most this many records; 0 = no bound */
  const char *budget_key;       /* the configuration key that raises it */
  gboolean full;
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
  t->interned = g_hash_table_new (g_str_hash, g_str_equal);
  t->byte_budget = FSIM_TRACE_DEFAULT_BYTE_BUDGET;
  t->byte_budget_key = "sim.max-trace-bytes";
  t->kinds = g_ptr_array_new ();
  t->kind_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  t->tables = g_ptr_array_new ();
  t->budget = FSIM_TRACE_DEFAULT_BUDGET;
  t->budget_key = "sim.max-trace-records";
  t->observers = g_array_new (FALSE, FALSE, sizeof (Observer));
  t->next_observer_id = 1;
  fsim_trace_register_kinds (t, &fsim_trace_kind_budget, 1);
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
  g_hash_table_unref (t->kind_by_name);
  g_ptr_array_unref (t->kinds);
  g_ptr_array_unref (t->tables);
  g_hash_table_unref (t->interned);
  g_string_chunk_free (t->strings);
  g_ptr_array_unref (t->blocks);
  g_free (t);
}

/* ------------------------------------------------------------------------ */
/* Kinds                                                                     */

const FsimTraceKindDesc fsim_trace_kind_budget = {
  .name = "trace-budget", .module = "sim",
  .doc = "the trace reached its budget (sim.max-trace-records or sim.max-trace-bytes); the run "
         "ends here",
  .flags = FSIM_KIND_RUN_END,
  .values = { { "records", "records", "in the trace, this one included" },
              { "bytes", "bytes", "records and texts held before this one" } },
};

gboolean
fsim_tone_is_final (FsimTone tone)
{
  return tone == FSIM_TONE_DONE || tone == FSIM_TONE_STOPPED || tone == FSIM_TONE_FAILED;
}

const char *
fsim_state_machine_state_name (const FsimStateMachine *m, int state)
{
  if (state == -1)
    return NULL;
  g_assert (m != NULL && state >= 0 && state < m->n_states);
  return m->states[state];
}

int
fsim_state_machine_lookup (const FsimStateMachine *m, const char *name)
{
  for (int s = 0; s < m->n_states; s++)
    if (g_strcmp0 (m->states[s], name) == 0)
      return s;
  return -1;
}

const char *
fsim_trace_record_from_name (const FsimTraceRecord *r)
{
  return fsim_state_machine_state_name (r->kind->machine, r->from);
}

const char *
fsim_trace_record_to_name (const FsimTraceRecord *r)
{
  return fsim_state_machine_state_name (r->kind->machine, r->to);
}

/* A descriptor's facts that every record of it relies on. */
static void
check_kind (const FsimTraceKindDesc *k)
{
  g_assert (k->name != NULL && *k->name != '\0');
  g_assert (k->module != NULL && k->doc != NULL && *k->doc != '\0');
  g_assert (((k->flags & FSIM_KIND_STATE_CHANGE) != 0) == (k->machine != NULL));
  /* a value's name never shadows a record member where viewers write both
   * side by side (JSON Lines) */
  static const char *const members[] = { "seq", "time_us", "kind", "job", "vertex",
    "subtask", "attempt", "taskmanager", "slot", "checkpoint", "channel", "label",
    "from", "to", "detail", "why", NULL };
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    {
      const FsimTraceValueDesc *v = &k->values[i];
      g_assert (v->name == NULL || v->unit != NULL);
      g_assert (v->name == NULL || !g_strv_contains (members, v->name));
      for (int j = 0; j < i && v->name; j++)
        g_assert (g_strcmp0 (k->values[j].name, v->name) != 0);
    }
}

void
fsim_trace_register_kinds (FsimTrace *t, const FsimTraceKindDesc *table, gsize n)
{
  g_assert (table != NULL && n > 0);
  for (guint i = 0; i < t->tables->len; i++)
    if (t->tables->pdata[i] == table)
      return;
  g_ptr_array_add (t->tables, (gpointer) table);
  for (gsize i = 0; i < n; i++)
    {
      const FsimTraceKindDesc *k = &table[i];
      check_kind (k);
      g_assert (g_hash_table_lookup (t->kind_by_name, k->name) == NULL);
      g_hash_table_insert (t->kind_by_name, (gpointer) k->name, (gpointer) k);
      g_ptr_array_add (t->kinds, (gpointer) k);
    }
}

FsimTraceKind
fsim_trace_kind_lookup (FsimTrace *t, const char *name)
{
  return name ? g_hash_table_lookup (t->kind_by_name, name) : NULL;
}

guint
fsim_trace_kind_count (FsimTrace *t)
{
  return t->kinds->len;
}

FsimTraceKind
fsim_trace_kind_nth (FsimTrace *t, guint index)
{
  g_assert (index < t->kinds->len);
  return t->kinds->pdata[index];
}

/* ------------------------------------------------------------------------ */
/* The budget                                                                */

void
fsim_trace_set_budget (FsimTrace *t, gint64 max_records, const char *key)
{
  g_assert (max_records >= 0);
  g_assert (t->count < max_records || max_records == 0);
  t->budget = max_records;
  t->budget_key = key ? g_string_chunk_insert_const (t->strings, key) : "the trace budget";
}

void
fsim_trace_set_byte_budget (FsimTrace *t, gint64 max_bytes, const char *key)
{
  g_assert (max_bytes >= 0);
  t->byte_budget = max_bytes;
  t->byte_budget_key = key ? g_string_chunk_insert_const (t->strings, key) : "the trace budget";
}

gint64
fsim_trace_get_bytes (FsimTrace *t)
{
  return t->bytes;
}

gint64
fsim_trace_get_budget (FsimTrace *t)
{
  return t->budget;
}

gboolean
fsim_trace_is_full (FsimTrace *t)
{
  return t->full;
}

/* ------------------------------------------------------------------------ */
/* Appending and reading                                                     */

/* The trace's copy of s, or NULL if it holds none. Writers pass the same
 * few whys (string literals) record after record: a direct-mapped cache keyed
 * by the writer's pointer answers those with one strcmp against the copy it
 * remembers, instead of hashing the text (twice: the budget's cost and the
 * store) for every record. The strcmp keeps it exact when a pointer is
 * reused for another text (a freed label). */
static const char *
known_text (FsimTrace *t, const char *s)
{
  Recent *r = &t->recent[((guintptr) s >> 4) % N_RECENT];
  if (r->from == s && strcmp (r->interned, s) == 0)
    return r->interned;
  const char *known = g_hash_table_lookup (t->interned, s);
  if (known)
    *r = (Recent) { s, known };
  return known;
}

/* A record's texts (label, detail, why) and the trace's copies of them,
 * looked up once per record: NULL where the trace holds none yet. */
typedef struct {
  const char *text[3];
  const char *known[3];
} Texts;

static void
texts_resolve (FsimTrace *t, const FsimTraceRecord *r, Texts *out)
{
  *out = (Texts) { { r->label, r->detail, r->why }, { NULL } };
  for (int i = 0; i < 3; i++)
    if (out->text[i])
      out->known[i] = known_text (t, out->text[i]);
}

static const char *
intern (FsimTrace *t, const Texts *texts, int i)
{
  const char *s = texts->text[i];
  if (s == NULL || texts->known[i])
    return texts->known[i];
  /* a record may carry one new text twice (label and detail) */
  const char *known = known_text (t, s);
  if (known)
    return known;
  char *copy = g_string_chunk_insert (t->strings, s);
  g_hash_table_add (t->interned, copy);
  t->bytes += (gint64) strlen (s) + 1;
  t->recent[((guintptr) s >> 4) % N_RECENT] = (Recent) { s, copy };
  return copy;
}

/* What storing a record would add to t->bytes: itself and its new texts. */
static gint64
cost (const Texts *texts)
{
  gint64 n = FSIM_TRACE_RECORD_BYTES;
  for (int i = 0; i < 3; i++)
    if (texts->text[i] && texts->known[i] == NULL)
      n += (gint64) strlen (texts->text[i]) + 1;
  return n;
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

/* What every record of its kind must be (fsim_trace_append's contract). */
static void
check_record (const FsimTraceRecord *r)
{
  g_assert (r->kind != NULL);
  g_assert (r->why != NULL && *r->why != '\0');
  const FsimStateMachine *m = r->kind->machine;
  if (m == NULL)
    g_assert (r->from == -1 && r->to == -1);
  else
    g_assert (r->from >= -1 && r->from < m->n_states && r->to >= -1 && r->to < m->n_states);
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    g_assert (r->kind->values[i].name != NULL || r->values[i] == 0);
}

static gint64 store (FsimTrace *t, gint64 time_us, const FsimTraceRecord *record,
                     const Texts *texts);

gint64
fsim_trace_append (FsimTrace *t, gint64 time_us, const FsimTraceRecord *record)
{
  check_record (record);
  g_assert (t->count == 0 || time_us >= fsim_trace_get (t, t->count - 1)->time_us);
  if (t->full)
    return -1;
  gboolean records_spent = t->budget > 0 && t->count == t->budget - 1;
  Texts texts;
  texts_resolve (t, record, &texts);
  gboolean bytes_spent = t->byte_budget > 0 && t->bytes + cost (&texts) > t->byte_budget;
  if (records_spent || bytes_spent)
    {
      /* The last record the trace takes says why there are no more. */
      t->full = TRUE;
      FsimTraceRecord end = FSIM_TRACE_RECORD_INIT;
      end.kind = &fsim_trace_kind_budget;
      end.label = "simulation";
      end.values[0] = t->count + 1;
      end.values[1] = t->bytes;
      const char *key = records_spent ? t->budget_key : t->byte_budget_key;
      gint64 limit = records_spent ? t->budget : t->byte_budget;
      g_autofree char *detail
        = records_spent ? g_strdup_printf ("stopped after %" G_GINT64_FORMAT " records", limit)
                        : g_strdup_printf ("stopped after %" G_GINT64_FORMAT " records and %"
                                           G_GINT64_FORMAT " bytes", t->count + 1, t->bytes);
      g_autofree char *why
        = g_strdup_printf ("flinksim keeps the whole trace in memory (%d bytes a record "
                           "and its new texts), and this run reached %s = %" G_GINT64_FORMAT
                           ": a shorter --until, or a higher %s, lets it go on",
                           FSIM_TRACE_RECORD_BYTES, key, limit, key);
      end.detail = detail;
      end.why = why;
      Texts end_texts;
      texts_resolve (t, &end, &end_texts);
      store (t, time_us, &end, &end_texts);
      return -1;
    }
  return store (t, time_us, record, &texts);
}

static gint64
store (FsimTrace *t, gint64 time_us, const FsimTraceRecord *record, const Texts *texts)
{
  if (t->count % RECORDS_PER_BLOCK == 0)
    g_ptr_array_add (t->blocks, g_new (FsimTraceRecord, RECORDS_PER_BLOCK));
  FsimTraceRecord *r = (FsimTraceRecord *) t->blocks->pdata[t->count / RECORDS_PER_BLOCK]
                       + t->count % RECORDS_PER_BLOCK;
  *r = *record;
  r->time_us = time_us;
  r->seq = t->count;
  t->bytes += FSIM_TRACE_RECORD_BYTES;
  r->label = intern (t, texts, 0);
  r->detail = intern (t, texts, 1);
  r->why = intern (t, texts, 2);
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

gboolean
fsim_trace_record_same (const FsimTraceRecord *a, const FsimTraceRecord *b)
{
  return a->kind == b->kind && a->time_us == b->time_us && a->job == b->job
    && a->vertex == b->vertex && a->subtask == b->subtask && a->attempt == b->attempt
    && a->taskmanager == b->taskmanager && a->slot == b->slot
    && a->checkpoint == b->checkpoint && a->channel == b->channel && a->from == b->from
    && a->to == b->to && memcmp (a->values, b->values, sizeof a->values) == 0;
}

gint64
fsim_trace_first_difference (FsimTrace *a, FsimTrace *b)
{
  gint64 n = MIN (a->count, b->count);
  for (gint64 i = 0; i < n; i++)
    if (!fsim_trace_record_same (fsim_trace_get (a, i), fsim_trace_get (b, i)))
      return i;
  return a->count == b->count ? -1 : n;
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
  if (f->kind != NULL && f->kind != r->kind)
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

const char *
fsim_trace_value_text (const FsimTraceRecord *r, int i)
{
  const FsimTraceValueDesc *v = &r->kind->values[i];
  if (v->names)
    {
      gint64 n = 0;
      while (v->names[n])
        n++;
      g_assert (r->values[i] >= 0 && r->values[i] < n);
      return v->names[r->values[i]];
    }
  if (v->unit && strcmp (v->unit, "bool") == 0)
    return r->values[i] ? "true" : "false";
  return NULL;
}
