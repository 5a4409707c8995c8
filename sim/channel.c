/* channel.c - FsimChannel: one producer -> one consumer, FIFO items with
 * credits, latency and block/resume (the rules are in sim/sim.h).
 *
 * An item lives in exactly one of three queues, in send order along them:
 *
 *   queued     the producer queue (Flink's PipelinedSubpartition buffers)
 *   in_flight  handed out; each has its own pending delivery event
 *   held       arrived while the consumer side was blocked
 *
 * and moves queued -> in_flight -> (held ->) delivered, never back. Messages
 * from the consumer to the producer (credit, resume) are a fourth queue,
 * `control`, one pending event each. Every pending event's payload is the
 * channel itself with no finalizer: the channel owns the items, and
 * fsim_channel_free cancels the events, so nothing is freed twice whichever
 * goes first. Because the latency is fixed, the events of one queue fire in
 * the order they were scheduled, so the event that fires always belongs to
 * the head of its queue.
 */
#include "config.h"

#include "sim/sim-private.h"

typedef struct {
  GList link;                   /* link.data = the item: no malloc per node */
  gpointer payload;
  GDestroyNotify payload_free;
  gsize bytes;
  guint64 seq;
  gint64 sent_us;
  FsimEventId event;            /* its delivery, while in flight */
  guint flags;
  guint backlog;
} Item;

typedef struct {
  GList link;
  FsimEventId event;
  guint credit;                 /* credits carried; 0 for a resume */
  gboolean resume;
} Control;

struct _FsimChannel {
  FsimSim *sim;
  gint64 latency_us;
  FsimChannelDeliverFunc deliver;
  gpointer deliver_data;
  FsimChannelSentFunc sent;
  gpointer sent_data;

  GQueue queued;
  GQueue in_flight;
  GQueue held;
  GQueue control;
  guint64 queued_bytes, in_flight_bytes, held_bytes;
  guint queued_data;            /* data items in `queued`: the backlog */
  guint64 next_seq;
  guint64 delivered;
  gint64 credit;                /* FSIM_CHANNEL_UNCREDITED: no flow control */
  gint64 credit_in_flight;
  FsimEventId drain_event;      /* hands over `held` after a resume */

  guint producer_blocked : 1;   /* a BLOCKS item was handed out */
  guint consumer_blocked : 1;
  guint resume_owed : 1;        /* a BLOCKS item was delivered: its resume
                                 * must also unblock the producer */
  guint handing_out : 1;        /* inside hand_out: a send from the sent
                                 * callback only appends */
  guint in_callback : 1;        /* inside deliver or sent: no free */
};

static void deliver_due (FsimSim *sim, gpointer data);
static void control_due (FsimSim *sim, gpointer data);
static void drain_held (FsimSim *sim, gpointer data);

static Item *
item_of (GList *link)
{
  return link->data;
}

static void
item_view (const Item *item, FsimChannelItem *out)
{
  *out = (FsimChannelItem) { .payload = item->payload, .payload_free = item->payload_free,
                             .bytes = item->bytes, .flags = item->flags, .seq = item->seq,
                             .sent_us = item->sent_us, .backlog = item->backlog };
}

static void
item_free_with_payload (Item *item)
{
  if (item->payload_free)
    item->payload_free (item->payload);
  g_free (item);
}

FsimChannel *
fsim_channel_new (FsimSim *sim, gint64 latency_us, gint initial_credit,
                  FsimChannelDeliverFunc deliver, gpointer user_data)
{
  g_assert (sim != NULL);
  g_assert (latency_us >= 0);
  g_assert (initial_credit >= 0 || initial_credit == FSIM_CHANNEL_UNCREDITED);
  g_assert (deliver != NULL);
  FsimChannel *ch = g_new0 (FsimChannel, 1);
  ch->sim = sim;
  ch->latency_us = latency_us;
  ch->deliver = deliver;
  ch->deliver_data = user_data;
  g_queue_init (&ch->queued);
  g_queue_init (&ch->in_flight);
  g_queue_init (&ch->held);
  g_queue_init (&ch->control);
  ch->credit = initial_credit;
  return ch;
}

static void
free_items (GQueue *queue, FsimSim *sim)
{
  GList *link;
  while ((link = g_queue_pop_head_link (queue)) != NULL)
    {
      Item *item = item_of (link);
      if (item->event != FSIM_EVENT_NONE)
        fsim_sim_cancel (sim, item->event);
      item_free_with_payload (item);
    }
}

void
fsim_channel_free (FsimChannel *ch)
{
  if (ch == NULL)
    return;
  g_assert (!ch->in_callback);
  /* oldest first: the held items were sent before those in flight, which
   * were sent before those still queued */
  free_items (&ch->held, ch->sim);
  free_items (&ch->in_flight, ch->sim);
  free_items (&ch->queued, ch->sim);
  GList *link;
  while ((link = g_queue_pop_head_link (&ch->control)) != NULL)
    {
      Control *msg = link->data;
      fsim_sim_cancel (ch->sim, msg->event);
      g_free (msg);
    }
  if (ch->drain_event != FSIM_EVENT_NONE)
    fsim_sim_cancel (ch->sim, ch->drain_event);
  g_free (ch);
}

void
fsim_channel_set_sent_func (FsimChannel *ch, FsimChannelSentFunc sent, gpointer user_data)
{
  ch->sent = sent;
  ch->sent_data = user_data;
}

/* ------------------------------------------------------------------------ */
/* Producer side                                                             */

/* May the head item leave? The order of the tests is Flink's:
 * PipelinedSubpartition.pollBuffer gives nothing while isBlocked; the
 * credit-based reader takes an event without credit, a buffer only with
 * (CreditBasedSequenceNumberingViewReader.getNextBuffer). */
static gboolean
head_may_leave (FsimChannel *ch, const Item *head)
{
  if (ch->producer_blocked)
    return FALSE;
  if (head->flags & FSIM_CHANNEL_EVENT)
    return TRUE;
  return ch->credit == FSIM_CHANNEL_UNCREDITED || ch->credit > 0;
}

/* PrioritizedDeque.addPriorityElement: behind the priority items at the
 * head, before everything else. */
static void
push_priority (GQueue *queue, GList *link)
{
  GList *at = queue->head;
  while (at && (item_of (at)->flags & FSIM_CHANNEL_PRIORITY))
    at = at->next;
  if (at == NULL)
    g_queue_push_tail_link (queue, link);
  else
    {
      /* g_queue_insert_before_link, spelled out for GLib < 2.62 */
      link->next = at;
      link->prev = at->prev;
      if (at->prev)
        at->prev->next = link;
      else
        queue->head = link;
      at->prev = link;
      queue->length++;
    }
}

static void
hand_out (FsimChannel *ch)
{
  if (ch->handing_out)
    return;
  ch->handing_out = TRUE;
  GList *link;
  while ((link = g_queue_peek_head_link (&ch->queued)) != NULL
         && head_may_leave (ch, item_of (link)))
    {
      g_queue_pop_head_link (&ch->queued);
      Item *item = item_of (link);
      gboolean data = !(item->flags & FSIM_CHANNEL_EVENT);
      ch->queued_bytes -= item->bytes;
      if (data)
        {
          ch->queued_data--;
          if (ch->credit != FSIM_CHANNEL_UNCREDITED)
            ch->credit--;
        }
      item->sent_us = fsim_sim_now (ch->sim);
      item->backlog = ch->queued_data;
      item->event = fsim_sim_schedule_in (ch->sim, ch->latency_us, FSIM_PRIORITY_DEFAULT,
                                          deliver_due, ch, NULL);
      g_queue_push_tail_link (&ch->in_flight, link);
      ch->in_flight_bytes += item->bytes;
      if (item->flags & FSIM_CHANNEL_BLOCKS)
        ch->producer_blocked = TRUE;
      if (ch->sent)
        {
          FsimChannelItem view;
          item_view (item, &view);
          gboolean nested = ch->in_callback;
          ch->in_callback = TRUE;
          ch->sent (ch, &view, ch->sent_data);
          ch->in_callback = nested;
        }
    }
  ch->handing_out = FALSE;
}

guint64
fsim_channel_send (FsimChannel *ch, gpointer payload, gsize bytes, guint flags,
                   GDestroyNotify payload_free)
{
  g_assert ((flags & ~(guint) (FSIM_CHANNEL_EVENT | FSIM_CHANNEL_BLOCKS
                               | FSIM_CHANNEL_PRIORITY)) == 0);
  /* a priority item is an event (PrioritizedDeque holds priority events only) */
  g_assert (!(flags & FSIM_CHANNEL_PRIORITY) || (flags & FSIM_CHANNEL_EVENT));
  Item *item = g_new0 (Item, 1);
  item->link.data = item;
  item->payload = payload;
  item->payload_free = payload_free;
  item->bytes = bytes;
  item->flags = flags;
  item->seq = ch->next_seq++;
  if (flags & FSIM_CHANNEL_PRIORITY)
    push_priority (&ch->queued, &item->link);
  else
    g_queue_push_tail_link (&ch->queued, &item->link);
  ch->queued_bytes += bytes;
  if (!(flags & FSIM_CHANNEL_EVENT))
    ch->queued_data++;
  hand_out (ch);
  return item->seq;
}

gpointer
fsim_channel_prioritize (FsimChannel *ch, guint64 seq, guint64 *overtaken_bytes)
{
  guint64 ahead = 0;
  GList *link = ch->queued.head;
  for (; link && item_of (link)->seq != seq; link = link->next)
    if (!(item_of (link)->flags & FSIM_CHANNEL_PRIORITY))
      ahead += item_of (link)->bytes;
  if (link == NULL)
    return NULL;
  Item *item = item_of (link);
  g_assert (item->flags & FSIM_CHANNEL_EVENT);
  g_queue_unlink (&ch->queued, link);
  item->flags = (item->flags | FSIM_CHANNEL_PRIORITY) & ~(guint) FSIM_CHANNEL_BLOCKS;
  push_priority (&ch->queued, link);
  if (overtaken_bytes)
    *overtaken_bytes = ahead;
  gpointer payload = item->payload;
  hand_out (ch);
  return payload;
}

void
fsim_channel_foreach_queued_data (FsimChannel *ch, guint64 before_seq, GFunc func, gpointer data)
{
  for (GList *link = ch->queued.head; link && item_of (link)->seq != before_seq; link = link->next)
    if (!(item_of (link)->flags & FSIM_CHANNEL_EVENT))
      func (item_of (link)->payload, data);
}

/* ------------------------------------------------------------------------ */
/* Consumer side                                                             */

static void
deliver_item (FsimChannel *ch, Item *item)
{
  if (item->flags & FSIM_CHANNEL_BLOCKS)
    {
      /* before the callback: the consumer sees itself blocked and may
       * resume at once */
      ch->consumer_blocked = TRUE;
      ch->resume_owed = TRUE;
    }
  ch->delivered++;
  FsimChannelItem view;
  item_view (item, &view);
  g_free (item);                /* the payload is the consumer's now */
  gboolean nested = ch->in_callback;
  ch->in_callback = TRUE;
  ch->deliver (ch, &view, ch->deliver_data);
  ch->in_callback = nested;
}

static void
deliver_due (FsimSim *sim, gpointer data)
{
  FsimChannel *ch = data;
  GList *link = g_queue_pop_head_link (&ch->in_flight);
  g_assert (link != NULL);
  Item *item = item_of (link);
  g_assert (item->sent_us + ch->latency_us == fsim_sim_now (sim));
  item->event = FSIM_EVENT_NONE;
  ch->in_flight_bytes -= item->bytes;
  /* behind held items even when unblocked: a drain is pending, and FIFO
   * comes first */
  if (ch->consumer_blocked || ch->held.length > 0)
    {
      if (item->flags & FSIM_CHANNEL_PRIORITY)
        push_priority (&ch->held, link);
      else
        g_queue_push_tail_link (&ch->held, link);
      ch->held_bytes += item->bytes;
      return;
    }
  deliver_item (ch, item);
}

static void
drain_held (FsimSim *sim, gpointer data)
{
  (void) sim;
  FsimChannel *ch = data;
  ch->drain_event = FSIM_EVENT_NONE;
  GList *link;
  while (!ch->consumer_blocked && (link = g_queue_pop_head_link (&ch->held)) != NULL)
    {
      Item *item = item_of (link);
      ch->held_bytes -= item->bytes;
      deliver_item (ch, item);
    }
}

static void
send_control (FsimChannel *ch, guint credit, gboolean resume)
{
  Control *msg = g_new0 (Control, 1);
  msg->link.data = msg;
  msg->credit = credit;
  msg->resume = resume;
  msg->event = fsim_sim_schedule_in (ch->sim, ch->latency_us, FSIM_PRIORITY_DEFAULT,
                                     control_due, ch, NULL);
  g_queue_push_tail_link (&ch->control, &msg->link);
  ch->credit_in_flight += credit;
}

static void
control_due (FsimSim *sim, gpointer data)
{
  (void) sim;
  FsimChannel *ch = data;
  GList *link = g_queue_pop_head_link (&ch->control);
  g_assert (link != NULL);
  Control *msg = link->data;
  ch->credit += msg->credit;
  ch->credit_in_flight -= msg->credit;
  if (msg->resume)
    {
      g_assert (ch->producer_blocked);
      ch->producer_blocked = FALSE;
    }
  g_free (msg);
  hand_out (ch);
}

void
fsim_channel_add_credit (FsimChannel *ch, guint n)
{
  g_assert (ch->credit != FSIM_CHANNEL_UNCREDITED);
  g_assert (n >= 1);
  send_control (ch, n, FALSE);
}

void
fsim_channel_block (FsimChannel *ch)
{
  g_assert (!ch->consumer_blocked);
  ch->consumer_blocked = TRUE;
}

void
fsim_channel_resume (FsimChannel *ch)
{
  g_assert (ch->consumer_blocked);
  ch->consumer_blocked = FALSE;
  if (ch->held.length > 0 && ch->drain_event == FSIM_EVENT_NONE)
    ch->drain_event = fsim_sim_schedule_in (ch->sim, 0, FSIM_PRIORITY_DEFAULT, drain_held,
                                            ch, NULL);
  if (ch->resume_owed)
    {
      ch->resume_owed = FALSE;
      send_control (ch, 0, TRUE);
    }
}

gboolean
fsim_channel_is_blocked (FsimChannel *ch)
{
  return ch->consumer_blocked;
}

/* ------------------------------------------------------------------------ */
/* Counts                                                                    */

void
fsim_channel_get_counts (FsimChannel *ch, FsimChannelCounts *out)
{
  *out = (FsimChannelCounts) {
    .queued_items = ch->queued.length, .queued_bytes = ch->queued_bytes,
    .queued_data_items = ch->queued_data,
    .in_flight_items = ch->in_flight.length, .in_flight_bytes = ch->in_flight_bytes,
    .held_items = ch->held.length, .held_bytes = ch->held_bytes,
    .sent_items = ch->next_seq - ch->queued.length, .delivered_items = ch->delivered,
    .credit = ch->credit, .credit_in_flight = ch->credit_in_flight,
  };
}

gint64
fsim_channel_latency (FsimChannel *ch)
{
  return ch->latency_us;
}

FsimSim *
fsim_channel_get_sim (FsimChannel *ch)
{
  return ch->sim;
}

gsize
fsim_channel_struct_size (void)
{
  return sizeof (FsimChannel);
}

gsize
fsim_channel_item_struct_size (void)
{
  return sizeof (Item);
}
