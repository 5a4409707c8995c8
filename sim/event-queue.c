/* event-queue.c - the pending events, ordered by (time, priority, sequence).
 *
 * Two structures (Cimba's event queue, redis ae.c's deleted-event marking):
 *  - slots: the events themselves, in slabs of FSIM_EVENT_SLAB_SIZE that are
 *    never freed before the queue, linked through a free list. A slot's
 *    generation counter grows each time it is reused, so a handle
 *    (generation << 32 | slot) of an event that has gone is recognisably stale.
 *  - heap: a 4-ary min-heap of keys (time, priority, seq, slot) copied out of
 *    the slots, so sifting never touches the slabs. seq is a queue-wide
 *    insertion counter: it makes every key distinct, so the order never
 *    depends on the heap's shape (git prio-queue.c does the same).
 * Cancelling only marks the slot; the heap entry goes when it reaches the top.
 */
#include "config.h"

#include "sim/sim-private.h"

typedef enum {
  SLOT_FREE,
  SLOT_PENDING,
  SLOT_CANCELLED,
} SlotState;

typedef struct {
  FsimEventFunc func;
  gpointer payload;
  GDestroyNotify payload_free;
  guint32 generation;   /* never 0, so no handle is FSIM_EVENT_NONE */
  guint32 next_free;    /* free-list link, NO_SLOT at the end */
  SlotState state;
} Slot;

typedef struct {
  gint64 time_us;
  guint64 seq;
  gint priority;
  guint32 slot;
} Key;

#define NO_SLOT G_MAXUINT32

struct _FsimEventQueue {
  GPtrArray *slabs;     /* Slot[FSIM_EVENT_SLAB_SIZE] each */
  guint32 n_slots;
  guint32 free_head;
  Key *heap;
  gsize heap_len;
  gsize heap_cap;
  guint64 next_seq;
  guint pending;        /* pending and not cancelled */
};

static Slot *
slot_at (FsimEventQueue *q, guint32 index)
{
  Slot *slab = q->slabs->pdata[index / FSIM_EVENT_SLAB_SIZE];
  return &slab[index % FSIM_EVENT_SLAB_SIZE];
}

static void
add_slab (FsimEventQueue *q)
{
  g_assert (q->n_slots <= NO_SLOT - FSIM_EVENT_SLAB_SIZE);
  Slot *slab = g_new0 (Slot, FSIM_EVENT_SLAB_SIZE);
  g_ptr_array_add (q->slabs, slab);
  /* Link the new slots so the lowest index is handed out first. */
  for (guint32 i = FSIM_EVENT_SLAB_SIZE; i-- > 0;)
    {
      slab[i].generation = 1;
      slab[i].state = SLOT_FREE;
      slab[i].next_free = q->free_head;
      q->free_head = q->n_slots + i;
    }
  q->n_slots += FSIM_EVENT_SLAB_SIZE;
}

static guint32
take_slot (FsimEventQueue *q)
{
  if (q->free_head == NO_SLOT)
    add_slab (q);
  guint32 index = q->free_head;
  q->free_head = slot_at (q, index)->next_free;
  return index;
}

static void
release_slot (FsimEventQueue *q, guint32 index)
{
  Slot *s = slot_at (q, index);
  s->func = NULL;
  s->payload = NULL;
  s->payload_free = NULL;
  s->state = SLOT_FREE;
  if (++s->generation == 0)
    s->generation = 1;
  s->next_free = q->free_head;
  q->free_head = index;
}

/* The whole order of the simulation is this function. */
static gboolean
key_before (const Key *a, const Key *b)
{
  if (a->time_us != b->time_us)
    return a->time_us < b->time_us;
  if (a->priority != b->priority)
    return a->priority < b->priority;
  return a->seq < b->seq;
}

/* The heap is 4-ary: half the levels of a binary heap, and a node's
 * children share one or two cache lines, so a queue of a million events
 * costs fewer cache misses per pop (the order is the keys', whatever the
 * heap's shape). */
#define ARITY 4

static void
sift_up (FsimEventQueue *q, gsize i)
{
  Key k = q->heap[i];
  while (i > 0)
    {
      gsize parent = (i - 1) / ARITY;
      if (!key_before (&k, &q->heap[parent]))
        break;
      q->heap[i] = q->heap[parent];
      i = parent;
    }
  q->heap[i] = k;
}

static void
sift_down (FsimEventQueue *q, gsize i)
{
  Key k = q->heap[i];
  for (;;)
    {
      gsize first = ARITY * i + 1;
      if (first >= q->heap_len)
        break;
      gsize last = MIN (first + ARITY, q->heap_len);
      gsize child = first;
      for (gsize c = first + 1; c < last; c++)
        if (key_before (&q->heap[c], &q->heap[child]))
          child = c;
      if (!key_before (&q->heap[child], &k))
        break;
      q->heap[i] = q->heap[child];
      i = child;
    }
  q->heap[i] = k;
}

static void
heap_remove_head (FsimEventQueue *q)
{
  q->heap_len--;
  if (q->heap_len > 0)
    {
      q->heap[0] = q->heap[q->heap_len];
      sift_down (q, 0);
    }
}

FsimEventQueue *
fsim_event_queue_new (void)
{
  FsimEventQueue *q = g_new0 (FsimEventQueue, 1);
  q->slabs = g_ptr_array_new_with_free_func (g_free);
  q->free_head = NO_SLOT;
  return q;
}

void
fsim_event_queue_free (FsimEventQueue *q)
{
  if (q == NULL)
    return;
  FsimEventItem item;
  while (fsim_event_queue_pop (q, &item))
    if (item.payload_free)
      item.payload_free (item.payload);
  g_free (q->heap);
  g_ptr_array_unref (q->slabs);
  g_free (q);
}

FsimEventId
fsim_event_queue_push (FsimEventQueue *q, gint64 time_us, gint priority,
                       FsimEventFunc func, gpointer payload, GDestroyNotify payload_free)
{
  g_assert (func != NULL);
  guint32 index = take_slot (q);
  Slot *s = slot_at (q, index);
  s->func = func;
  s->payload = payload;
  s->payload_free = payload_free;
  s->state = SLOT_PENDING;

  if (q->heap_len == q->heap_cap)
    {
      q->heap_cap = q->heap_cap ? 2 * q->heap_cap : FSIM_EVENT_SLAB_SIZE;
      q->heap = g_renew (Key, q->heap, q->heap_cap);
    }
  q->heap[q->heap_len] = (Key) { .time_us = time_us, .seq = q->next_seq++,
                                 .priority = priority, .slot = index };
  sift_up (q, q->heap_len++);
  q->pending++;
  return ((FsimEventId) s->generation << 32) | index;
}

/* The slot a live handle names, or NULL if the handle is stale. */
static Slot *
slot_of_pending (FsimEventQueue *q, FsimEventId id)
{
  guint32 index = (guint32) (id & 0xffffffffu);
  guint32 generation = (guint32) (id >> 32);
  if (id == FSIM_EVENT_NONE || index >= q->n_slots)
    return NULL;
  Slot *s = slot_at (q, index);
  if (s->generation != generation || s->state != SLOT_PENDING)
    return NULL;
  return s;
}

gboolean
fsim_event_queue_cancel (FsimEventQueue *q, FsimEventId id)
{
  Slot *s = slot_of_pending (q, id);
  if (s == NULL)
    return FALSE;
  gpointer payload = s->payload;
  GDestroyNotify payload_free = s->payload_free;
  s->state = SLOT_CANCELLED;
  s->payload = NULL;
  s->payload_free = NULL;
  q->pending--;
  /* Last, so a finalizer that cancels or schedules sees a consistent queue. */
  if (payload_free)
    payload_free (payload);
  return TRUE;
}

gboolean
fsim_event_queue_is_pending (FsimEventQueue *q, FsimEventId id)
{
  return slot_of_pending (q, id) != NULL;
}

static void
drop_cancelled_head (FsimEventQueue *q)
{
  while (q->heap_len > 0)
    {
      guint32 index = q->heap[0].slot;
      if (slot_at (q, index)->state != SLOT_CANCELLED)
        return;
      heap_remove_head (q);
      release_slot (q, index);
    }
}

gboolean
fsim_event_queue_peek_time (FsimEventQueue *q, gint64 *time_us)
{
  drop_cancelled_head (q);
  if (q->heap_len == 0)
    return FALSE;
  *time_us = q->heap[0].time_us;
  return TRUE;
}

gboolean
fsim_event_queue_pop (FsimEventQueue *q, FsimEventItem *out)
{
  drop_cancelled_head (q);
  if (q->heap_len == 0)
    return FALSE;
  guint32 index = q->heap[0].slot;
  Slot *s = slot_at (q, index);
  *out = (FsimEventItem) { .time_us = q->heap[0].time_us, .func = s->func,
                           .payload = s->payload, .payload_free = s->payload_free };
  heap_remove_head (q);
  release_slot (q, index);
  q->pending--;
  return TRUE;
}

guint
fsim_event_queue_pending (FsimEventQueue *q)
{
  return q->pending;
}

guint
fsim_event_queue_slab_count (FsimEventQueue *q)
{
  return q->slabs->len;
}
