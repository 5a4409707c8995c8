/* window-operator.c - a keyed WindowOperator: assigners, triggers, timers,
 * allowed lateness, late data, session merging and the count windows'
 * evictor (flink-spec network-and-time.md 6; scheduler.h gives the window's
 * life). Flink's classes, each rule where it is applied:
 *   TumblingEventTimeWindows, SlidingEventTimeWindows, EventTimeSessionWindows,
 *   their processing-time twins, GlobalWindows; TimeWindow (maxTimestamp,
 *   intersects, cover, mergeWindows, getWindowStartWithOffset);
 *   EventTimeTrigger, ProcessingTimeTrigger, CountTrigger, PurgingTrigger,
 *   ContinuousEventTimeTrigger, GlobalWindows.NeverTrigger;
 *   WindowOperator (processElement, onEventTime, onProcessingTime,
 *   cleanupTime, isWindowLate, isElementLate), MergingWindowSet.addWindow,
 *   EvictingWindowOperator with CountEvictor; InternalTimerServiceImpl.
 *
 * State of a window lives in one Window struct per (key, window): it exists
 * exactly while the operator holds state for the window (contents, trigger
 * state, the merging set), so the open windows are the structs. Timers are
 * sets of (timestamp, key, window) kept sorted. Java's long arithmetic
 * wraps; the sums that can overflow are computed wrapping as Java does. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "scheduler/scheduler-private.h"
#include "scheduler/event-time-private.h"

#define LOCALIZED (op->localized)

enum { FIRE = 1, PURGE = 2 };

typedef struct _Key Key;

typedef struct {
  Key *key;
  FsimWindow window;
  gboolean has_contents;
  gint64 sum, count, min, max;
  GArray *elements;             /* gint64, with an evictor only */
  gint64 trigger_count;         /* CountTrigger's "count" (0: cleared) */
  gboolean has_fire_time;       /* ContinuousEventTimeTrigger's "fire-time" */
  gint64 fire_time;
  gboolean merging;             /* in the key's MergingWindowSet */
} Window;

struct _Key {
  FsimWindowKey key;
  char *string;
  GPtrArray *windows;           /* Window*, owned */
};

typedef struct {
  gint64 timestamp;
  Key *key;
  FsimWindow window;
} Timer;

struct _FsimWindowOperator {
  FsimWindowSpec spec;
  FsimWindowFunction function;
  gint64 size_ms, slide_ms, offset_ms, lateness_ms;
  gboolean has_stagger;         /* the assigner's staggerOffset, once chosen */
  gint64 stagger_ms;
  gint64 watermark;
  gint64 now_ms;
  GHashTable *keys;             /* "i:42" / "s:word" -> Key* */
  GSequence *event_timers;      /* Timer*, sorted */
  GSequence *processing_timers;
  gint64 late_dropped;
  GArray *fired;                /* the caller's, during one call */
  GString *why;
  gboolean localized;
  /* BATCH: BatchExecutionInternalTimeService (per_key); the key whose
   * state and timers the operator holds (NULL before the first, after the
   * last); quiesced while that key's timers fire at Long.MAX_VALUE */
  gboolean per_key;
  Key *current;
  gboolean quiesced;
  GArray *events;               /* FsimWindowEvent, the caller's; NULL: none */
};

const char *const fsim_window_purge_names[FSIM_WINDOW_PURGE_COUNT + 1] = {
  [FSIM_WINDOW_PURGE_CLEANUP] = "cleanup",
  [FSIM_WINDOW_PURGE_TRIGGER] = "trigger",
  [FSIM_WINDOW_PURGE_BATCH_KEY] = "batch-key",
  [FSIM_WINDOW_PURGE_COUNT] = NULL,
};

/* indexed by FsimWindowElementFate - 1 */
const char *const fsim_window_late_fate_names[4] = { "dropped", "side-output", "skipped", NULL };

/* ------------------------------------------------------------------------ */
/* Java's long arithmetic and the windows                                     */

static gint64
java_add (gint64 a, gint64 b)
{
  return (gint64) ((guint64) a + (guint64) b);
}

gint64
fsim_time_window_start_with_offset (gint64 timestamp, gint64 offset, gint64 size)
{
  g_assert (size > 0);
  gint64 remainder = java_add (timestamp, -offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

static gint64
max_timestamp (const FsimWindow *w)
{
  return w->global ? G_MAXINT64 : w->end - 1;
}

static gboolean
window_equal (const FsimWindow *a, const FsimWindow *b)
{
  return a->global == b->global && a->start == b->start && a->end == b->end;
}

static int
window_compare (const FsimWindow *a, const FsimWindow *b)
{
  if (a->global != b->global)
    return a->global ? 1 : -1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

int
fsim_window_key_compare (const FsimWindowKey *a, const FsimWindowKey *b)
{
  if (a->is_string != b->is_string)
    return a->is_string ? 1 : -1;
  if (!a->is_string)
    return a->number < b->number ? -1 : a->number > b->number;
  return strcmp (a->string, b->string);   /* UTF-8 bytes sort as code points */
}

/* ------------------------------------------------------------------------ */
/* Keys, windows, timers                                                      */

static void
window_free (Window *w)
{
  if (w->elements)
    g_array_unref (w->elements);
  g_free (w);
}

static void
key_free (Key *k)
{
  g_ptr_array_unref (k->windows);
  g_free (k->string);
  g_free (k);
}

static Key *
key_get (FsimWindowOperator *op, FsimWindowKey key)
{
  g_autofree char *id = key.is_string ? g_strdup_printf ("s:%s", key.string)
                                      : g_strdup_printf ("i:%" PRId64, key.number);
  Key *k = g_hash_table_lookup (op->keys, id);
  if (k)
    return k;
  k = g_new0 (Key, 1);
  k->string = g_strdup (key.string);
  k->key = (FsimWindowKey) { key.is_string, key.is_string ? 0 : key.number, k->string };
  k->windows = g_ptr_array_new_with_free_func ((GDestroyNotify) window_free);
  g_hash_table_insert (op->keys, g_steal_pointer (&id), k);
  return k;
}

static Window *
window_find (Key *k, const FsimWindow *w)
{
  for (guint i = 0; i < k->windows->len; i++)
    {
      Window *s = g_ptr_array_index (k->windows, i);
      if (window_equal (&s->window, w))
        return s;
    }
  return NULL;
}

static Window *
window_get (FsimWindowOperator *op, Key *k, const FsimWindow *w)
{
  Window *s = window_find (k, w);
  if (s)
    return s;
  s = g_new0 (Window, 1);
  s->key = k;
  s->window = *w;
  if (op->spec.evictor_count > 0)
    s->elements = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_ptr_array_add (k->windows, s);
  return s;
}

static gboolean
window_holds_state (const Window *s)
{
  return s->has_contents || s->trigger_count > 0 || s->has_fire_time || s->merging;
}

/* Frees s once the operator holds nothing for it. */
static void
window_release (Window *s)
{
  if (!window_holds_state (s))
    g_ptr_array_remove (s->key->windows, s);
}

static int
timer_compare (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const Timer *a = pa, *b = pb;
  (void) data;
  if (a->timestamp != b->timestamp)
    return a->timestamp < b->timestamp ? -1 : 1;
  int c = fsim_window_key_compare (&a->key->key, &b->key->key);
  return c ? c : window_compare (&a->window, &b->window);
}

/* Timers are a set per (key, namespace, timestamp). A quiesced BATCH
 * timer service ignores a timer registered while the key's timers fire
 * (BatchExecutionInternalTimeService.registerEventTimeTimer: "Timer
 * service is quiesced"), which would otherwise loop at the end of a key. */
static void
timer_add (FsimWindowOperator *op, GSequence *timers, Window *s, gint64 timestamp)
{
  if (op->quiesced)
    return;
  Timer probe = { timestamp, s->key, s->window };
  if (g_sequence_lookup (timers, &probe, timer_compare, NULL))
    return;
  Timer *t = g_new (Timer, 1);
  *t = probe;
  g_sequence_insert_sorted (timers, t, timer_compare, NULL);
}

static void
timer_remove (GSequence *timers, Window *s, gint64 timestamp)
{
  Timer probe = { timestamp, s->key, s->window };
  GSequenceIter *it = g_sequence_lookup (timers, &probe, timer_compare, NULL);
  if (it)
    g_sequence_remove (it);
}

static char *
window_describe (const FsimWindow *w)
{
  if (w->global)
    return g_strdup ("GlobalWindow");
  return g_strdup_printf ("[%" PRId64 ", %" PRId64 ")", w->start, w->end);
}

static char *
key_describe (const Key *k)
{
  return k->key.is_string ? g_strdup (k->key.string) : g_strdup_printf ("%" PRId64, k->key.number);
}

static gint64 cleanup_time (const FsimWindowOperator *op, const FsimWindow *w);

/* --detail event-time: what happened to (k, w), when the caller asked. */
static FsimWindowEvent *
note_event (FsimWindowOperator *op, FsimWindowEventKind kind, const Key *k, const FsimWindow *w,
            gint64 time)
{
  if (op->events == NULL)
    return NULL;
  FsimWindowEvent e = { .kind = kind, .key = k->key, .window = *w, .time = time,
                        .watermark = op->watermark, .cleanup = cleanup_time (op, w),
                        .purge = FSIM_WINDOW_PURGE_CLEANUP, .fate = FSIM_WINDOW_ELEMENT_ADDED,
                        .n_merged = 0, .merged = NULL };
  g_array_append_val (op->events, e);
  return &g_array_index (op->events, FsimWindowEvent, op->events->len - 1);
}

static void
note_purge (FsimWindowOperator *op, const Window *s, gint64 time, FsimWindowPurge purge)
{
  FsimWindowEvent *e = note_event (op, FSIM_WINDOW_EVENT_PURGED, s->key, &s->window, time);
  if (e)
    e->purge = purge;
}

static void
explain (FsimWindowOperator *op, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
explain (FsimWindowOperator *op, const char *format, ...)
{
  if (op->why == NULL)
    return;
  va_list ap;
  va_start (ap, format);
  if (op->why->len > 0)
    g_string_append (op->why, "; ");
  g_string_append_vprintf (op->why, format, ap);
  va_end (ap);
}

/* ------------------------------------------------------------------------ */
/* Contents and the window function                                           */

static void
contents_add (FsimWindowOperator *op, Window *s, gint64 value)
{
  if (s->elements)
    g_array_append_val (s->elements, value);
  if (!s->has_contents)
    {
      s->has_contents = TRUE;
      s->sum = s->count = 0;
      s->min = s->max = value;
    }
  s->sum = java_add (s->sum, value);
  s->count++;
  s->min = MIN (s->min, value);
  s->max = MAX (s->max, value);
  (void) op;
}

static void
contents_clear (Window *s)
{
  s->has_contents = FALSE;
  if (s->elements)
    g_array_set_size (s->elements, 0);
}

/* Recomputes the accumulators from the stored elements (evictor). */
static void
contents_from_elements (FsimWindowOperator *op, Window *s)
{
  g_autoptr (GArray) kept = g_array_copy (s->elements);
  contents_clear (s);
  for (guint i = 0; i < kept->len; i++)
    contents_add (op, s, g_array_index (kept, gint64, i));
}

static gint64
contents_result (const FsimWindowOperator *op, const Window *s)
{
  switch (op->function)
    {
    case FSIM_WINDOW_FUNCTION_SUM: return s->sum;
    case FSIM_WINDOW_FUNCTION_COUNT: return s->count;
    case FSIM_WINDOW_FUNCTION_MIN: return s->min;
    case FSIM_WINDOW_FUNCTION_MAX: return s->max;
    }
  g_assert_not_reached ();
}

/* emitWindowContents (EvictingWindowOperator: CountEvictor.evictBefore
 * first, the kept elements written back). */
static void
emit (FsimWindowOperator *op, Window *s)
{
  if (!s->has_contents)
    return;                     /* contents == null: nothing to emit */
  if (s->elements && s->elements->len > (guint) op->spec.evictor_count)
    {
      g_array_remove_range (s->elements, 0, s->elements->len - (guint) op->spec.evictor_count);
      contents_from_elements (op, s);
    }
  FsimWindowFiring f = { s->key->key, s->window, contents_result (op, s),
                         max_timestamp (&s->window) };
  g_array_append_val (op->fired, f);
  g_autofree char *w = window_describe (&s->window);
  g_autofree char *k = key_describe (s->key);
  explain (op, _("window %s of key %s fires with %" PRId64 " (output timestamp %" PRId64 ")"),
           w, k, f.result, f.timestamp);
}

/* ------------------------------------------------------------------------ */
/* Triggers                                                                   */

static int
purging (const FsimWindowOperator *op, int result)
{
  return op->spec.trigger.purging && (result & FIRE) ? FIRE | PURGE : result;
}

/* ContinuousEventTimeTrigger.registerNextFireTimestamp; the sum saturates
 * where Java's would wrap into the past and fire without end. */
static void
continuous_next (FsimWindowOperator *op, Window *s, gint64 time)
{
  gint64 interval = op->spec.trigger.interval_us / 1000;
  gint64 next = time > G_MAXINT64 - interval ? G_MAXINT64 : time + interval;
  next = MIN (next, max_timestamp (&s->window));
  s->has_fire_time = TRUE;
  s->fire_time = next;
  timer_add (op, op->event_timers, s, next);
}

static int
trigger_on_element (FsimWindowOperator *op, Window *s, gint64 timestamp)
{
  gint64 max_ts = max_timestamp (&s->window);
  switch (op->spec.trigger.kind)
    {
    case FSIM_TRIGGER_NEVER:
      return 0;
    case FSIM_TRIGGER_EVENT_TIME:
      if (max_ts <= op->watermark)
        return purging (op, FIRE);
      timer_add (op, op->event_timers, s, max_ts);
      return 0;
    case FSIM_TRIGGER_PROCESSING_TIME:
      timer_add (op, op->processing_timers, s, max_ts);
      return 0;
    case FSIM_TRIGGER_COUNT:
      if (++s->trigger_count >= op->spec.trigger.count)
        {
          s->trigger_count = 0;
          return purging (op, FIRE);
        }
      return 0;
    case FSIM_TRIGGER_CONTINUOUS_EVENT_TIME:
      if (max_ts <= op->watermark)
        return purging (op, FIRE);
      timer_add (op, op->event_timers, s, max_ts);
      if (!s->has_fire_time)
        continuous_next (op, s, timestamp - timestamp % (op->spec.trigger.interval_us / 1000));
      return 0;
    }
  g_assert_not_reached ();
}

static int
trigger_on_event_time (FsimWindowOperator *op, Window *s, gint64 time)
{
  gint64 max_ts = max_timestamp (&s->window);
  switch (op->spec.trigger.kind)
    {
    case FSIM_TRIGGER_EVENT_TIME:
      return purging (op, time == max_ts ? FIRE : 0);
    case FSIM_TRIGGER_CONTINUOUS_EVENT_TIME:
      if (time == max_ts)
        return purging (op, FIRE);
      if (s->has_fire_time && s->fire_time == time)
        {
          s->has_fire_time = FALSE;
          continuous_next (op, s, time);
          return purging (op, FIRE);
        }
      return 0;
    default:
      return 0;
    }
}

static int
trigger_on_processing_time (FsimWindowOperator *op)
{
  return purging (op, op->spec.trigger.kind == FSIM_TRIGGER_PROCESSING_TIME ? FIRE : 0);
}

static void
trigger_clear (FsimWindowOperator *op, Window *s)
{
  switch (op->spec.trigger.kind)
    {
    case FSIM_TRIGGER_EVENT_TIME:
      timer_remove (op->event_timers, s, max_timestamp (&s->window));
      break;
    case FSIM_TRIGGER_PROCESSING_TIME:
      timer_remove (op->processing_timers, s, max_timestamp (&s->window));
      break;
    case FSIM_TRIGGER_COUNT:
      s->trigger_count = 0;
      break;
    case FSIM_TRIGGER_CONTINUOUS_EVENT_TIME:
      if (s->has_fire_time)
        timer_remove (op->event_timers, s, s->fire_time);
      s->has_fire_time = FALSE;
      break;
    case FSIM_TRIGGER_NEVER:
      break;
    }
}

/* Trigger.onMerge into target from merged (their states still there). */
static void
trigger_on_merge (FsimWindowOperator *op, Window *target, GPtrArray *merged)
{
  gint64 max_ts = max_timestamp (&target->window);
  switch (op->spec.trigger.kind)
    {
    case FSIM_TRIGGER_EVENT_TIME:
      if (max_ts > op->watermark)
        timer_add (op, op->event_timers, target, max_ts);
      break;
    case FSIM_TRIGGER_PROCESSING_TIME:
      if (max_ts > op->now_ms)
        timer_add (op, op->processing_timers, target, max_ts);
      break;
    case FSIM_TRIGGER_COUNT:
      for (guint i = 0; i < merged->len; i++)
        target->trigger_count += ((Window *) g_ptr_array_index (merged, i))->trigger_count;
      break;
    case FSIM_TRIGGER_CONTINUOUS_EVENT_TIME:
      for (guint i = 0; i < merged->len; i++)
        {
          Window *m = g_ptr_array_index (merged, i);
          if (m->has_fire_time)
            {
              target->fire_time = target->has_fire_time ? MIN (target->fire_time, m->fire_time)
                                                        : m->fire_time;
              target->has_fire_time = TRUE;
            }
        }
      if (target->has_fire_time)
        timer_add (op, op->event_timers, target, target->fire_time);
      break;
    case FSIM_TRIGGER_NEVER:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* WindowOperator                                                             */

static gboolean
merging_assigner (const FsimWindowOperator *op)
{
  return op->spec.kind == FSIM_WINDOW_SESSION;
}

static gboolean
event_time_assigner (const FsimWindowOperator *op)
{
  return op->spec.kind != FSIM_WINDOW_GLOBAL && op->spec.event_time;
}

/* cleanupTime: maxTimestamp + allowedLateness (Long.MAX_VALUE on overflow);
 * processing time: maxTimestamp. */
static gint64
cleanup_time (const FsimWindowOperator *op, const FsimWindow *w)
{
  gint64 max_ts = max_timestamp (w);
  if (!event_time_assigner (op))
    return max_ts;
  gint64 t = java_add (max_ts, op->lateness_ms);
  return t >= max_ts ? t : G_MAXINT64;
}

static gboolean
window_is_late (const FsimWindowOperator *op, const FsimWindow *w)
{
  return event_time_assigner (op) && cleanup_time (op, w) <= op->watermark;
}

static void
register_cleanup_timer (FsimWindowOperator *op, Window *s, gboolean delete)
{
  gint64 t = cleanup_time (op, &s->window);
  if (t == G_MAXINT64)
    return;
  GSequence *timers = event_time_assigner (op) ? op->event_timers : op->processing_timers;
  if (delete)
    timer_remove (timers, s, t);
  else
    timer_add (op, timers, s, t);
}

void
fsim_window_operator_use_batch_timer_service (FsimWindowOperator *op)
{
  g_assert (g_hash_table_size (op->keys) == 0);
  op->per_key = TRUE;
}

FsimWindowOperator *
fsim_window_operator_new (const FsimWindowSpec *spec, FsimWindowFunction function, gint64 now_ms)
{
  g_assert (spec->kind != FSIM_WINDOW_NONE);
  g_assert (spec->allowed_lateness_us >= 0);
  FsimWindowOperator *op = g_new0 (FsimWindowOperator, 1);
  op->spec = *spec;
  op->function = function;
  op->size_ms = spec->size_us / 1000;
  op->slide_ms = spec->slide_us / 1000;
  op->offset_ms = spec->offset_us / 1000;
  op->lateness_ms = spec->allowed_lateness_us / 1000;
  op->watermark = FSIM_WATERMARK_NONE;
  op->now_ms = now_ms;
  op->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) key_free);
  op->event_timers = g_sequence_new (g_free);
  op->processing_timers = g_sequence_new (g_free);
  g_assert (spec->kind == FSIM_WINDOW_GLOBAL || op->size_ms > 0);
  return op;
}

void
fsim_window_operator_free (FsimWindowOperator *op)
{
  if (op == NULL)
    return;
  g_sequence_free (op->event_timers);
  g_sequence_free (op->processing_timers);
  g_hash_table_unref (op->keys);
  g_free (op);
}

/* ------------------------------------------------------------------------ */
/* Snapshot and restore                                                       */

static Window *
window_copy (const Window *w, Key *key)
{
  Window *c = g_new (Window, 1);
  *c = *w;
  c->key = key;
  if (w->elements)
    c->elements = g_array_copy (w->elements);
  return c;
}

/* Timers name their key by pointer: the copy's by the same id. */
static void
timers_copy (GSequence *to, GSequence *from, GHashTable *key_of)
{
  for (GSequenceIter *it = g_sequence_get_begin_iter (from); !g_sequence_iter_is_end (it);
       it = g_sequence_iter_next (it))
    {
      const Timer *t = g_sequence_get (it);
      Timer *c = g_new (Timer, 1);
      *c = *t;
      c->key = g_hash_table_lookup (key_of, t->key);
      g_assert (c->key != NULL);
      g_sequence_append (to, c);        /* already in order */
    }
}

/* A deep copy of op's state into a new operator. */
static FsimWindowOperator *
state_copy (const FsimWindowOperator *op, gint64 now_ms)
{
  FsimWindowOperator *c = fsim_window_operator_new (&op->spec, op->function, now_ms);
  c->localized = op->localized;
  g_autoptr (GHashTable) key_of = g_hash_table_new (NULL, NULL);       /* old Key -> new */
  GHashTableIter it;
  gpointer id, value;
  g_hash_table_iter_init (&it, op->keys);
  while (g_hash_table_iter_next (&it, &id, &value))
    {
      const Key *k = value;
      Key *n = g_new0 (Key, 1);
      n->string = g_strdup (k->string);
      n->key = (FsimWindowKey) { k->key.is_string, k->key.number, n->string };
      n->windows = g_ptr_array_new_with_free_func ((GDestroyNotify) window_free);
      for (guint i = 0; i < k->windows->len; i++)
        g_ptr_array_add (n->windows, window_copy (g_ptr_array_index (k->windows, i), n));
      g_hash_table_insert (c->keys, g_strdup (id), n);
      g_hash_table_insert (key_of, (gpointer) k, n);
    }
  c->per_key = op->per_key;
  c->current = op->current ? g_hash_table_lookup (key_of, op->current) : NULL;
  timers_copy (c->event_timers, op->event_timers, key_of);
  timers_copy (c->processing_timers, op->processing_timers, key_of);
  return c;
}

FsimWindowOperator *
fsim_window_operator_snapshot (const FsimWindowOperator *op)
{
  g_assert (op->fired == NULL);         /* between two calls: a barrier is */
  FsimWindowOperator *c = state_copy (op, op->now_ms);
  c->watermark = op->watermark;
  c->late_dropped = op->late_dropped;
  return c;
}

FsimWindowOperator *
fsim_window_operator_restore (const FsimWindowOperator *snapshot, gint64 now_ms)
{
  return state_copy (snapshot, MAX (now_ms, snapshot->now_ms));
}

gboolean
fsim_window_operator_next_timer (const FsimWindowOperator *op, gboolean event_time,
                                 FsimWindowTimer *out)
{
  GSequence *timers = event_time ? op->event_timers : op->processing_timers;
  GSequenceIter *it = g_sequence_get_begin_iter (timers);
  if (g_sequence_iter_is_end (it))
    return FALSE;
  const Timer *t = g_sequence_get (it);
  out->timestamp = t->timestamp;
  out->key = t->key->key;
  out->window = t->window;
  if (t->timestamp == max_timestamp (&t->window))
    out->action = FSIM_WINDOW_TIMER_FIRE;
  else if (event_time == event_time_assigner (op) && t->timestamp == cleanup_time (op, &t->window))
    out->action = FSIM_WINDOW_TIMER_CLEANUP;
  else
    out->action = FSIM_WINDOW_TIMER_TRIGGER;
  return TRUE;
}

void
fsim_window_operator_count_state (const FsimWindowOperator *op, gint64 *windows, gint64 *timers)
{
  *windows = 0;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, op->keys);
  while (g_hash_table_iter_next (&it, NULL, &value))
    *windows += ((const Key *) value)->windows->len;
  *timers = g_sequence_get_length (op->event_timers)
            + g_sequence_get_length (op->processing_timers);
}

/* The tumbling assigner's staggerOffset: chosen at its first
 * assignWindows from the processing time then (WindowStagger). The
 * assigner's field, not state: a restored operator chooses again. */
static gint64
stagger (FsimWindowOperator *op)
{
  if (!op->has_stagger)
    {
      op->has_stagger = TRUE;
      op->stagger_ms = op->spec.stagger == FSIM_WINDOW_STAGGER_NATURAL
        ? MAX (0, op->now_ms - fsim_time_window_start_with_offset (op->now_ms, 0, op->size_ms))
        : 0;
    }
  return op->stagger_ms;
}

/* WindowAssigner.assignWindows (latest first for sliding windows). */
static GArray *
assign_windows (FsimWindowOperator *op, gint64 timestamp)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FsimWindow));
  gint64 ts = op->spec.event_time ? timestamp : op->now_ms;
  FsimWindow w = { FALSE, 0, 0 };
  switch (op->spec.kind)
    {
    case FSIM_WINDOW_TUMBLING:
      w.start = fsim_time_window_start_with_offset (ts, java_add (op->offset_ms, stagger (op))
                                                        % op->size_ms, op->size_ms);
      w.end = java_add (w.start, op->size_ms);
      g_array_append_val (out, w);
      break;
    case FSIM_WINDOW_SLIDING:
      for (gint64 start = fsim_time_window_start_with_offset (ts, op->offset_ms, op->slide_ms);
           start > java_add (ts, -op->size_ms); start = java_add (start, -op->slide_ms))
        {
          w.start = start;
          w.end = java_add (start, op->size_ms);
          g_array_append_val (out, w);
        }
      break;
    case FSIM_WINDOW_SESSION:
      w.start = ts;
      w.end = java_add (ts, op->size_ms);
      g_array_append_val (out, w);
      break;
    case FSIM_WINDOW_GLOBAL:
      w.global = TRUE;
      g_array_append_val (out, w);
      break;
    case FSIM_WINDOW_NONE:
      g_assert_not_reached ();
    }
  return out;
}

static gboolean
intersects (const FsimWindow *a, const FsimWindow *b)
{
  return a->start <= b->end && a->end >= b->start;
}

/* The MergeFunction of WindowOperator.processElement: the cover takes the
 * absorbed windows' trigger state and contents; theirs are cleared. */
static void
merge_into (FsimWindowOperator *op, Key *k, const FsimWindow *cover, GPtrArray *merged,
            gint64 timestamp)
{
  /* the end of an event-time window cannot become earlier than the
   * watermark by merging (UnsupportedOperationException): unreachable,
   * as every window still held ends after it */
  g_assert (!event_time_assigner (op)
            || java_add (max_timestamp (cover), op->lateness_ms) > op->watermark);
  g_assert (event_time_assigner (op) || max_timestamp (cover) > op->now_ms);
  Window *target = window_get (op, k, cover);
  trigger_on_merge (op, target, merged);
  g_autoptr (GString) names = g_string_new (NULL);
  for (guint i = 0; i < merged->len; i++)
    {
      Window *m = g_ptr_array_index (merged, i);
      trigger_clear (op, m);
      register_cleanup_timer (op, m, TRUE);
      if (m->has_contents)
        {
          if (m->elements)
            for (guint e = 0; e < m->elements->len; e++)
              contents_add (op, target, g_array_index (m->elements, gint64, e));
          else if (!target->has_contents)
            {
              target->has_contents = TRUE;
              target->sum = m->sum, target->count = m->count;
              target->min = m->min, target->max = m->max;
            }
          else
            {
              target->sum = java_add (target->sum, m->sum);
              target->count += m->count;
              target->min = MIN (target->min, m->min);
              target->max = MAX (target->max, m->max);
            }
        }
      g_autofree char *w = window_describe (&m->window);
      g_string_append_printf (names, "%s%s", i ? ", " : "", w);
      g_ptr_array_remove (k->windows, m);
    }
  target->merging = TRUE;
  g_autofree char *c = window_describe (cover);
  explain (op, _("session %s merges %s into its cover (MergingWindowSet.addWindow)"), c,
           names->str);
  FsimWindowEvent *e = note_event (op, FSIM_WINDOW_EVENT_MERGED, k, cover, timestamp);
  if (e)
    {
      e->n_merged = merged->len;
      e->merged = g_strdup (names->str);
    }
}

/* MergingWindowSet.addWindow: the window the element goes to; *fresh
 * when it is a new window, neither held nor a merge. */
static FsimWindow
add_window (FsimWindowOperator *op, Key *k, const FsimWindow *added, gint64 timestamp,
            gboolean *fresh)
{
  /* the held windows never intersect one another, so only those that
   * intersect the new one merge, into one cover */
  FsimWindow cover = *added;
  g_autoptr (GPtrArray) run = g_ptr_array_new ();
  gboolean grew = TRUE;
  while (grew)
    {
      grew = FALSE;
      for (guint i = 0; i < k->windows->len; i++)
        {
          Window *s = g_ptr_array_index (k->windows, i);
          if (s->merging && !g_ptr_array_find (run, s, NULL) && intersects (&cover, &s->window))
            {
              g_ptr_array_add (run, s);
              cover.start = MIN (cover.start, s->window.start);
              cover.end = MAX (cover.end, s->window.end);
              grew = TRUE;
            }
        }
    }
  if (run->len == 0 || (run->len == 1 && window_equal (&((Window *) run->pdata[0])->window, &cover)))
    {
      /* a new window alone, or one inside a held window: no merge */
      *fresh = run->len == 0;
      window_get (op, k, &cover)->merging = TRUE;
      return cover;
    }
  *fresh = FALSE;
  merge_into (op, k, &cover, run, timestamp);
  return cover;
}

static void
add_to_window (FsimWindowOperator *op, Key *k, const FsimWindow *w, gint64 value, gint64 ts,
               gboolean fresh)
{
  if (fresh || window_find (k, w) == NULL)
    note_event (op, FSIM_WINDOW_EVENT_CREATED, k, w, ts);
  Window *s = window_get (op, k, w);
  contents_add (op, s, value);
  int result = trigger_on_element (op, s, ts);
  g_autofree char *name = window_describe (w);
  explain (op, _("added to %s"), name);
  if (result & FIRE)
    emit (op, s);
  if (result & PURGE)
    {
      contents_clear (s);
      explain (op, _("%s is purged (PurgingTrigger)"), name);
      note_purge (op, s, ts, FSIM_WINDOW_PURGE_TRIGGER);
    }
  register_cleanup_timer (op, s, FALSE);
  window_release (s);
}

static void select_key (FsimWindowOperator *op, Key *next);

FsimWindowElementFate
fsim_window_operator_process_element (FsimWindowOperator *op, FsimWindowKey key, gint64 value,
                                      gint64 timestamp, GArray *fired, GString *why)
{
  op->fired = fired;
  op->why = why;
  /* "Record has Long.MIN_VALUE timestamp": the lab's tokens cannot write one */
  g_assert (!event_time_assigner (op) || op->spec.kind == FSIM_WINDOW_SESSION
            || timestamp > G_MININT64);
  Key *k = key_get (op, key);
  if (op->per_key)
    select_key (op, k);         /* setKeyContextElement */
  g_autoptr (GArray) windows = assign_windows (op, timestamp);
  gboolean skipped = TRUE;
  FsimWindow latest = { FALSE, 0, 0 };
  for (guint i = 0; i < windows->len; i++)
    {
      FsimWindow w = g_array_index (windows, FsimWindow, i);
      gboolean fresh = FALSE;
      if (merging_assigner (op))
        w = add_window (op, k, &w, timestamp, &fresh);
      if (i == 0)
        latest = w;             /* assignWindows gives the latest first */
      if (window_is_late (op, &w))
        {
          g_autofree char *name = window_describe (&w);
          explain (op, _("window %s is late: its cleanup time %" PRId64 " <= watermark %" PRId64
                         " (WindowOperator.isWindowLate)"), name, cleanup_time (op, &w),
                   op->watermark);
          Window *s = window_find (k, &w);
          if (s)
            {
              s->merging = FALSE;       /* mergingWindows.retireWindow */
              window_release (s);
            }
          continue;
        }
      skipped = FALSE;
      add_to_window (op, k, &w, value, timestamp, fresh);
    }
  FsimWindowElementFate fate = FSIM_WINDOW_ELEMENT_ADDED;
  if (skipped)
    {
      gboolean late = event_time_assigner (op)
                      && java_add (timestamp, op->lateness_ms) <= op->watermark;
      fate = !late ? FSIM_WINDOW_ELEMENT_SKIPPED
             : op->spec.side_output_late ? FSIM_WINDOW_ELEMENT_SIDE_OUTPUT
             : FSIM_WINDOW_ELEMENT_DROPPED;
      if (fate == FSIM_WINDOW_ELEMENT_DROPPED)
        op->late_dropped++;
      if (fate == FSIM_WINDOW_ELEMENT_SKIPPED)
        explain (op, _("every window was late but the element is not (timestamp + allowed "
                       "lateness > watermark): dropped without counting"));
      else
        explain (op, fate == FSIM_WINDOW_ELEMENT_DROPPED
                 ? _("the element is late (timestamp + allowed lateness <= watermark): dropped, "
                     "numLateRecordsDropped + 1")
                 : _("the element is late (timestamp + allowed lateness <= watermark): sent to "
                     "the late data side output (sideOutputLateData)"));
      FsimWindowEvent *e = note_event (op, FSIM_WINDOW_EVENT_LATE, k, &latest, timestamp);
      if (e)
        e->fate = fate;
    }
  op->fired = NULL;
  op->why = NULL;
  return fate;
}

/* WindowOperator.onEventTime / onProcessingTime for one timer. */
static void
on_timer (FsimWindowOperator *op, const Timer *t, gboolean event_time)
{
  Window *s = window_find (t->key, &t->window);
  if (merging_assigner (op) && (s == NULL || !s->merging))
    return;                     /* the window was merged away */
  if (s == NULL)
    s = window_get (op, t->key, &t->window);    /* a timer of a window without state */
  int result = event_time ? trigger_on_event_time (op, s, t->timestamp)
                          : trigger_on_processing_time (op);
  if (result & FIRE)
    emit (op, s);
  if (result & PURGE)
    {
      contents_clear (s);
      note_purge (op, s, t->timestamp, FSIM_WINDOW_PURGE_TRIGGER);
    }
  if (event_time == event_time_assigner (op) && t->timestamp == cleanup_time (op, &s->window))
    {
      g_autofree char *name = window_describe (&s->window);
      g_autofree char *key = key_describe (s->key);
      explain (op, _("window %s of key %s is cleaned up at its cleanup time %" PRId64
                     " (WindowOperator.clearAllState)"), name, key, t->timestamp);
      contents_clear (s);
      trigger_clear (op, s);
      s->merging = FALSE;
      note_purge (op, s, t->timestamp, FSIM_WINDOW_PURGE_CLEANUP);
    }
  window_release (s);
}

static void
fire_due (FsimWindowOperator *op, GSequence *timers, gint64 upto, gboolean event_time)
{
  for (;;)
    {
      GSequenceIter *it = g_sequence_get_begin_iter (timers);
      if (g_sequence_iter_is_end (it))
        break;
      Timer t = *(Timer *) g_sequence_get (it);
      if (t.timestamp > upto)
        break;
      g_sequence_remove (it);
      on_timer (op, &t, event_time);
    }
}

static void
fire_timers (FsimWindowOperator *op, GSequence *timers, gint64 upto, gboolean event_time,
             GArray *fired, GString *why)
{
  op->fired = fired;
  op->why = why;
  fire_due (op, timers, upto, event_time);
  op->fired = NULL;
  op->why = NULL;
}

/* BatchExecutionInternalTimeService.setCurrentKey: the current key's
 * timers all fire as at watermark Long.MAX_VALUE (currentWatermark is
 * Long.MAX_VALUE meanwhile), the event-time ones first, each queue in
 * timestamp order, none registered from a callback; then the watermark is
 * Long.MIN_VALUE again. Only the current key has timers. */
static void
fire_key_timers (FsimWindowOperator *op)
{
  if (op->current == NULL
      || (g_sequence_get_length (op->event_timers) == 0
          && g_sequence_get_length (op->processing_timers) == 0))
    return;
  g_autofree char *k = key_describe (op->current);
  explain (op, _("BATCH: the timers of key %s fire as at watermark Long.MAX_VALUE, event time "
                 "first (BatchExecutionInternalTimeService.setCurrentKey)"), k);
  op->watermark = G_MAXINT64;
  op->quiesced = TRUE;
  fire_due (op, op->event_timers, G_MAXINT64, TRUE);
  fire_due (op, op->processing_timers, G_MAXINT64, FALSE);
  op->quiesced = FALSE;
  op->watermark = FSIM_WATERMARK_NONE;
  g_assert (g_sequence_get_length (op->event_timers) == 0
            && g_sequence_get_length (op->processing_timers) == 0);
}

/* BatchExecutionKeyedStateBackend.setCurrentKey to another key: the
 * timer service first (keySelected), then every state of the previous key
 * is cleared (clearAllNamespaces): what its timers left (a count window's
 * contents, a GlobalWindow's) is gone. */
static void
select_key (FsimWindowOperator *op, Key *next)
{
  Key *prev = op->current;
  if (prev == next)
    return;
  fire_key_timers (op);
  op->current = next;
  if (prev == NULL)
    return;
  if (prev->windows->len > 0)
    {
      g_autofree char *k = key_describe (prev);
      explain (op, _("BATCH: the state of key %s is cleared as the next key begins "
                     "(BatchExecutionKeyedStateBackend.setCurrentKey)"), k);
    }
  /* the Key itself stays: what fired names it */
  for (guint i = 0; i < prev->windows->len; i++)
    note_purge (op, g_ptr_array_index (prev->windows, i), FSIM_WATERMARK_MAX,
                FSIM_WINDOW_PURGE_BATCH_KEY);
  g_ptr_array_set_size (prev->windows, 0);
}

void
fsim_window_operator_select_key (FsimWindowOperator *op, FsimWindowKey key, GArray *fired,
                                 GString *why)
{
  g_assert (op->per_key);
  op->fired = fired;
  op->why = why;
  select_key (op, key_get (op, key));
  op->fired = NULL;
  op->why = NULL;
}

void
fsim_window_operator_process_watermark (FsimWindowOperator *op, gint64 watermark, GArray *fired,
                                        GString *why)
{
  if (op->per_key)
    {
      /* BatchExecutionInternalTimeServiceManager.advanceWatermark: only
       * Long.MAX_VALUE counts, and fires the current key's timers
       * (keySelected (null)); the watermark stays Long.MIN_VALUE */
      if (watermark == FSIM_WATERMARK_MAX)
        {
          op->fired = fired;
          op->why = why;
          fire_key_timers (op);
          op->fired = NULL;
          op->why = NULL;
        }
      return;
    }
  /* InternalTimerServiceImpl.advanceWatermark: the watermark is set first,
   * then every timer at or below it fires, earliest first */
  op->watermark = watermark;
  fire_timers (op, op->event_timers, watermark, TRUE, fired, why);
}

void
fsim_window_operator_advance_processing_time (FsimWindowOperator *op, gint64 now_ms,
                                              GArray *fired, GString *why)
{
  g_assert (now_ms >= op->now_ms);
  op->now_ms = now_ms;
  if (op->per_key)
    return;                     /* no physical timers: they fire with the key */
  fire_timers (op, op->processing_timers, now_ms, FALSE, fired, why);
}

static int
open_compare (gconstpointer pa, gconstpointer pb)
{
  const FsimWindowFiring *a = pa, *b = pb;
  int c = fsim_window_key_compare (&a->key, &b->key);
  return c ? c : window_compare (&a->window, &b->window);
}

GArray *
fsim_window_operator_open_windows (const FsimWindowOperator *op)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, op->keys);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Key *k = value;
      for (guint i = 0; i < k->windows->len; i++)
        {
          Window *s = g_ptr_array_index (k->windows, i);
          g_assert (window_holds_state (s));
          FsimWindowFiring f = { k->key, s->window, 0, max_timestamp (&s->window) };
          g_array_append_val (out, f);
        }
    }
  g_array_sort (out, open_compare);
  return out;
}

gint64
fsim_window_operator_get_num_late_records_dropped (const FsimWindowOperator *op)
{
  return op->late_dropped;
}

gint64
fsim_window_operator_get_current_watermark (const FsimWindowOperator *op)
{
  return op->watermark;
}

gint64
fsim_window_operator_get_next_processing_timer (const FsimWindowOperator *op)
{
  GSequenceIter *it = g_sequence_get_begin_iter (op->processing_timers);
  if (op->per_key || g_sequence_iter_is_end (it))
    return -1;
  return ((const Timer *) g_sequence_get (it))->timestamp;
}

void
fsim_window_operator_set_localized (FsimWindowOperator *op, gboolean localized)
{
  op->localized = localized;
}

void
fsim_window_operator_set_events (FsimWindowOperator *op, GArray *events)
{
  op->events = events;
}

static void
window_event_clear (gpointer data)
{
  FsimWindowEvent *e = data;
  g_clear_pointer (&e->merged, g_free);
}

GArray *
fsim_window_events_new (void)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (FsimWindowEvent));
  g_array_set_clear_func (events, window_event_clear);
  return events;
}
