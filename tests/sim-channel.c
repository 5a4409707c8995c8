/* sim-channel.c - FsimChannel: FIFO, credits, latency, block/resume, freeing.
 *
 * Every expectation is derived from a rule of sim/sim.h's channel section,
 * and each rule from the Flink class named where it is asserted: the
 * producer queue is PipelinedSubpartition, credits are
 * CreditBasedSequenceNumberingViewReader's, blocking is
 * PipelinedSubpartition.isBlocked / resumeConsumption as driven by
 * CheckpointedInputGate, the consumer side is RemoteInputChannel /
 * LocalInputChannel. Times are exact: latency is a fixed number of µs.
 */
#include "config.h"

#include "sim/sim-private.h"
#include "tests/sim-tests.h"

/* ------------------------------------------------------------------------ */
/* A consumer that logs what it gets, and payloads that count their frees    */

enum { MAX_TAGS = 4096 };

typedef struct {
  int freed[MAX_TAGS];          /* finalizer calls per tag */
  GArray *free_order;           /* tags, in the order they were freed */
} Frees;

typedef struct {
  Frees *frees;
  int tag;
} Payload;

typedef struct {
  int tag;
  int channel;                  /* which Consumer.channel_id */
  guint64 seq;
  gint64 at;
  gint64 sent_us;
  guint flags;
  gsize bytes;
  guint backlog;
  gboolean blocked_in_callback; /* fsim_channel_is_blocked during delivery */
} Delivery;

typedef struct {
  GArray *got;                  /* Delivery, in delivery order */
  int channel_id;
  /* optional reactions */
  guint credit_per_data;        /* grant this many credits per data item */
  gboolean resume_at_once;      /* resume inside the callback of a BLOCKS item */
  gboolean keep_payloads;       /* do not free delivered payloads */
  GPtrArray *kept;
} Consumer;

static void
payload_free (gpointer p)
{
  Payload *payload = p;
  g_assert (payload->tag >= 0 && payload->tag < MAX_TAGS);
  payload->frees->freed[payload->tag]++;
  g_array_append_val (payload->frees->free_order, payload->tag);
  g_free (payload);
}

static void
frees_init (Frees *f)
{
  memset (f, 0, sizeof *f);
  f->free_order = g_array_new (FALSE, FALSE, sizeof (int));
}

static void
frees_clear (Frees *f)
{
  g_array_unref (f->free_order);
}

static void
consumer_init (Consumer *c, int channel_id)
{
  memset (c, 0, sizeof *c);
  c->got = g_array_new (FALSE, FALSE, sizeof (Delivery));
  c->channel_id = channel_id;
  c->kept = g_ptr_array_new ();
}

static void
consumer_clear (Consumer *c)
{
  g_array_unref (c->got);
  g_ptr_array_unref (c->kept);
}

static void
consumer_deliver (FsimChannel *ch, FsimChannelItem *item, gpointer user_data)
{
  Consumer *c = user_data;
  Payload *p = item->payload;
  Delivery d = { .tag = p->tag, .channel = c->channel_id, .seq = item->seq,
                 .at = fsim_sim_now (fsim_channel_get_sim (ch)), .sent_us = item->sent_us,
                 .flags = item->flags, .bytes = item->bytes, .backlog = item->backlog,
                 .blocked_in_callback = fsim_channel_is_blocked (ch) };
  g_array_append_val (c->got, d);
  if (c->credit_per_data > 0 && !(item->flags & FSIM_CHANNEL_EVENT))
    fsim_channel_add_credit (ch, c->credit_per_data);
  if (c->resume_at_once && (item->flags & FSIM_CHANNEL_BLOCKS))
    fsim_channel_resume (ch);
  /* the consumer owns the payload now (transfer full) */
  if (c->keep_payloads)
    {
      ck_assert_ptr_eq (item->payload_free, payload_free);
      g_ptr_array_add (c->kept, item->payload);
    }
  else if (item->payload_free)
    item->payload_free (item->payload);
}

static const Delivery *
got (Consumer *c, guint i)
{
  ck_assert_uint_lt (i, c->got->len);
  return &g_array_index (c->got, Delivery, i);
}

/* What most tests start from: one channel of a fresh sim, a logging
 * consumer, payloads that count their frees. */
typedef struct {
  Frees f;
  Consumer c;
  FsimSim *sim;
  FsimChannel *ch;
} Fix;

static Fix *
fix_new (gint64 latency_us, gint initial_credit)
{
  Fix *x = g_new0 (Fix, 1);
  frees_init (&x->f);
  consumer_init (&x->c, 0);
  x->sim = fsim_sim_new (1);
  x->ch = fsim_channel_new (x->sim, latency_us, initial_credit, consumer_deliver, &x->c);
  return x;
}

static void
fix_free (Fix *x)
{
  fsim_channel_free (x->ch);    /* before its sim */
  fsim_sim_free (x->sim);
  consumer_clear (&x->c);
  frees_clear (&x->f);
  g_free (x);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fix, fix_free)

static guint64
send (FsimChannel *ch, Frees *f, int tag, gsize bytes, guint flags)
{
  Payload *p = g_new0 (Payload, 1);
  p->frees = f;
  p->tag = tag;
  return fsim_channel_send (ch, p, bytes, flags, payload_free);
}

static FsimChannelCounts
counts (FsimChannel *ch)
{
  FsimChannelCounts c;
  fsim_channel_get_counts (ch, &c);
  return c;
}

/* A send at a later virtual time, as a sim event. */
typedef struct {
  FsimChannel *ch;
  Frees *frees;
  int tag;
  gsize bytes;
  guint flags;
} LaterSend;

static void
later_send_run (FsimSim *sim, gpointer data)
{
  (void) sim;
  LaterSend *s = data;
  send (s->ch, s->frees, s->tag, s->bytes, s->flags);
}

static void
send_at (FsimSim *sim, gint64 at, FsimChannel *ch, Frees *f, int tag, gsize bytes, guint flags)
{
  LaterSend *s = g_new (LaterSend, 1);
  *s = (LaterSend) { ch, f, tag, bytes, flags };
  fsim_sim_schedule_at (sim, at, FSIM_PRIORITY_DEFAULT, later_send_run, s, g_free);
}

typedef enum { DO_BLOCK, DO_RESUME } Action;

typedef struct {
  FsimChannel *ch;
  Action action;
} LaterAction;

static void
later_action_run (FsimSim *sim, gpointer data)
{
  (void) sim;
  LaterAction *a = data;
  if (a->action == DO_BLOCK)
    fsim_channel_block (a->ch);
  else
    fsim_channel_resume (a->ch);
}

static void
action_at (FsimSim *sim, gint64 at, FsimChannel *ch, Action action)
{
  LaterAction *a = g_new (LaterAction, 1);
  *a = (LaterAction) { ch, action };
  fsim_sim_schedule_at (sim, at, FSIM_PRIORITY_DEFAULT, later_action_run, a, g_free);
}

/* ------------------------------------------------------------------------ */
/* FIFO                                                                      */

/* PipelinedSubpartition.add appends buffers and events to one queue and
 * pollBuffer takes the head: events come out after the buffers before them,
 * on a credited (RemoteInputChannel) and an uncredited (LocalInputChannel)
 * channel alike. */
START_TEST (test_fifo_buffers_and_events)
{
  static const guint flags[] = { FSIM_CHANNEL_DATA, FSIM_CHANNEL_EVENT, FSIM_CHANNEL_DATA,
                                 FSIM_CHANNEL_DATA, FSIM_CHANNEL_EVENT, FSIM_CHANNEL_DATA };
  const gint credit = _i == 0 ? FSIM_CHANNEL_UNCREDITED : 16;
  g_autoptr (Fix) x = fix_new (100, credit);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    ck_assert_uint_eq (send (x->ch, &x->f, (int) i, 1000 + i, flags[i]), i);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, G_N_ELEMENTS (flags));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      ck_assert_int_eq (got (&x->c, i)->tag, (int) i);
      ck_assert_uint_eq (got (&x->c, i)->seq, i);
      ck_assert_uint_eq (got (&x->c, i)->flags, flags[i]);
      ck_assert_uint_eq (got (&x->c, i)->bytes, 1000 + i);
      ck_assert_int_eq (got (&x->c, i)->at, 100);
    }
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.sent_items, 6);
  ck_assert_uint_eq (n.delivered_items, 6);
  ck_assert_uint_eq (n.queued_items + n.in_flight_items + n.held_items, 0);
  /* 4 data items of 16 credits spent; events spent none */
  ck_assert_int_eq (n.credit, _i == 0 ? FSIM_CHANNEL_UNCREDITED : 12);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    ck_assert_int_eq (x->f.freed[i], 1);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Credits                                                                   */

/* CreditBasedSequenceNumberingViewReader starts with numCreditsAvailable =
 * initialCredit and getNextBuffer spends one per data buffer; with none left
 * the reader is not available for a buffer. AddCredit reaches the sender one
 * network latency after the consumer granted it. */
/* PipelinedSubpartition.add with a priority event (an unaligned barrier,
 * PrioritizedDeque.addPriorityElement): it goes ahead of the data queued
 * for lack of credit, behind an earlier priority event, and leaves without
 * credit; the data keeps its order behind. What is already on the wire is
 * not overtaken. */
START_TEST (test_priority_overtakes_queued)
{
  g_autoptr (Fix) x = fix_new (10, 1);
  for (int i = 0; i < 3; i++)
    send (x->ch, &x->f, i, 100, FSIM_CHANNEL_DATA);       /* 0 leaves on the credit */
  ck_assert_uint_eq (counts (x->ch).queued_items, 2);
  fsim_sim_run_until (x->sim, 5);
  send (x->ch, &x->f, 3, 30, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_PRIORITY);
  send (x->ch, &x->f, 4, 30, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_PRIORITY);
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.queued_items, 2);   /* both priority events left at once */
  ck_assert_uint_eq (n.queued_data_items, 2);
  ck_assert_uint_eq (n.in_flight_items, 3);
  fsim_sim_run_until (x->sim, 100);
  ck_assert_uint_eq (x->c.got->len, 3);
  ck_assert_int_eq (got (&x->c, 0)->tag, 0);   /* on the wire before them */
  ck_assert_int_eq (got (&x->c, 1)->tag, 3);
  ck_assert_int_eq (got (&x->c, 2)->tag, 4);
  ck_assert_int_eq (got (&x->c, 1)->at, 15);
  /* credits let the data follow in its order */
  fsim_channel_add_credit (x->ch, 2);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 5);
  ck_assert_int_eq (got (&x->c, 3)->tag, 1);
  ck_assert_int_eq (got (&x->c, 4)->tag, 2);
}
END_TEST

/* A priority item still waits while the producer is blocked by a BLOCKS
 * item (PipelinedSubpartition.pollBuffer returns nothing while isBlocked),
 * then leaves first. */
START_TEST (test_priority_waits_while_blocked)
{
  g_autoptr (Fix) x = fix_new (10, FSIM_CHANNEL_UNCREDITED);
  send (x->ch, &x->f, 0, 30, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_BLOCKS);
  send (x->ch, &x->f, 1, 100, FSIM_CHANNEL_DATA);
  send (x->ch, &x->f, 2, 30, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_PRIORITY);
  ck_assert_uint_eq (counts (x->ch).queued_items, 2);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 1);
  fsim_channel_resume (x->ch);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 3);
  ck_assert_int_eq (got (&x->c, 1)->tag, 2);
  ck_assert_int_eq (got (&x->c, 2)->tag, 1);
}
END_TEST

START_TEST (test_no_data_without_credit)
{
  g_autoptr (Fix) x = fix_new (10, 0);
  for (int i = 0; i < 3; i++)
    send (x->ch, &x->f, i, 100, FSIM_CHANNEL_DATA);
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.sent_items, 0);
  ck_assert_uint_eq (n.queued_items, 3);
  ck_assert_uint_eq (n.queued_data_items, 3);
  ck_assert_uint_eq (n.queued_bytes, 300);
  ck_assert_int_eq (n.credit, 0);
  /* nothing moves without credit, however long we wait */
  ck_assert_int_eq (fsim_sim_run_until (x->sim, 1000000), FSIM_RUN_EMPTY);
  ck_assert_uint_eq (x->c.got->len, 0);

  /* 2 credits granted at 1000000 are at the producer at 1000010 */
  fsim_channel_add_credit (x->ch, 2);
  n = counts (x->ch);
  ck_assert_int_eq (n.credit, 0);
  ck_assert_int_eq (n.credit_in_flight, 2);
  fsim_sim_run_until (x->sim, 1000009);
  ck_assert_uint_eq (counts (x->ch).sent_items, 0);
  fsim_sim_run_until (x->sim, 1000010);
  n = counts (x->ch);
  ck_assert_uint_eq (n.sent_items, 2);
  ck_assert_uint_eq (n.in_flight_items, 2);
  ck_assert_uint_eq (n.in_flight_bytes, 200);
  ck_assert_uint_eq (n.queued_items, 1);
  ck_assert_int_eq (n.credit, 0);
  ck_assert_int_eq (n.credit_in_flight, 0);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 2);
  ck_assert_int_eq (got (&x->c, 0)->sent_us, 1000010);
  ck_assert_int_eq (got (&x->c, 1)->at, 1000020);
  /* the third is still waiting for its credit */
  ck_assert_uint_eq (counts (x->ch).queued_items, 1);
  g_clear_pointer (&x->ch, fsim_channel_free);
  ck_assert_int_eq (x->f.freed[2], 1);
}
END_TEST

/* The consumer grants one credit per data buffer it received (an exclusive
 * buffer recycled: RemoteInputChannel). With initial credit 2 and latency L,
 * data sent at 0 leaves in rounds: 2 at 0 (arriving at L), the credits they
 * return are back at 2L, so 2 more leave at 2L (arriving at 3L), and so on:
 * one round trip per initialCredit buffers. The backlog reported with each
 * buffer is the number of data buffers still queued behind it when it left
 * (BufferAndBacklog.buffersInBacklog, taken after the poll): 0 for the two
 * that left as they were sent, then 2, 1 (three were waiting at 2L) and 0. */
START_TEST (test_credit_round_trips)
{
  enum { L = 25 };
  g_autoptr (Fix) x = fix_new (L, 2);
  x->c.credit_per_data = 1;
  for (int i = 0; i < 5; i++)
    send (x->ch, &x->f, i, 32768, FSIM_CHANNEL_DATA);
  fsim_sim_run (x->sim);
  static const gint64 sent[] = { 0, 0, 2 * L, 2 * L, 4 * L };
  static const guint backlog[] = { 0, 0, 2, 1, 0 };
  ck_assert_uint_eq (x->c.got->len, 5);
  for (guint i = 0; i < 5; i++)
    {
      ck_assert_int_eq (got (&x->c, i)->tag, (int) i);
      ck_assert_int_eq (got (&x->c, i)->sent_us, sent[i]);
      ck_assert_int_eq (got (&x->c, i)->at, sent[i] + L);
      ck_assert_uint_eq (got (&x->c, i)->backlog, backlog[i]);
    }
  /* 2 initial + 5 returned - 5 spent */
  ck_assert_int_eq (counts (x->ch).credit, 2);
}
END_TEST

/* Events need no credit (getNextBuffer decrements only for isBuffer(); the
 * reader is available without credit iff the head is an event:
 * PipelinedSubpartition.getAvailabilityAndBacklog), but they are in-band: an
 * event behind a data buffer waits for that buffer's credit. */
START_TEST (test_event_needs_no_credit_but_keeps_its_place)
{
  g_autoptr (Fix) x = fix_new (10, 0);
  send (x->ch, &x->f, 0, 8, FSIM_CHANNEL_EVENT);      /* head event, no credit: leaves */
  send (x->ch, &x->f, 1, 100, FSIM_CHANNEL_DATA);     /* needs a credit */
  send (x->ch, &x->f, 2, 8, FSIM_CHANNEL_EVENT);      /* behind data: waits */
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.sent_items, 1);
  ck_assert_uint_eq (n.queued_items, 2);
  ck_assert_uint_eq (n.queued_data_items, 1);
  ck_assert_uint_eq (n.queued_bytes, 108);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 1);
  ck_assert_int_eq (got (&x->c, 0)->at, 10);
  ck_assert_uint_eq (got (&x->c, 0)->backlog, 0);

  /* one credit lets the buffer and the event behind it go together */
  fsim_channel_add_credit (x->ch, 1);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 3);
  ck_assert_int_eq (got (&x->c, 1)->tag, 1);
  ck_assert_int_eq (got (&x->c, 2)->tag, 2);
  ck_assert_int_eq (got (&x->c, 1)->sent_us, 20);
  ck_assert_int_eq (got (&x->c, 2)->sent_us, 20);
  /* the backlog counts data buffers only (PipelinedSubpartition's
   * buffersInBacklog grows for isBuffer() only): the event behind is not in it */
  ck_assert_uint_eq (got (&x->c, 1)->backlog, 0);
  ck_assert_int_eq (counts (x->ch).credit, 0);     /* the event spent none */
}
END_TEST

/* An uncredited channel (LocalInputChannel: no receiver buffers, no
 * credits) hands out everything at once. */
START_TEST (test_uncredited_sends_everything)
{
  g_autoptr (Fix) x = fix_new (0, FSIM_CHANNEL_UNCREDITED);
  for (int i = 0; i < 50; i++)
    send (x->ch, &x->f, i, 10, FSIM_CHANNEL_DATA);
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.sent_items, 50);
  ck_assert_uint_eq (n.in_flight_items, 50);
  ck_assert_uint_eq (n.in_flight_bytes, 500);
  ck_assert_int_eq (n.credit, FSIM_CHANNEL_UNCREDITED);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 50);
  ck_assert_int_eq (got (&x->c, 49)->at, 0);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Latency and equal times                                                   */

/* Delivery at hand-out + latency exactly, for sends at arbitrary times. */
START_TEST (test_latency_exact)
{
  static const gint64 at[] = { 0, 30, 30, 31, 250, 1000000 };
  const gint64 latency = _i == 0 ? 100 : 0;
  g_autoptr (Fix) x = fix_new (latency, FSIM_CHANNEL_UNCREDITED);
  ck_assert_int_eq (fsim_channel_latency (x->ch), latency);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    send_at (x->sim, at[i], x->ch, &x->f, (int) i, 1,
             i % 2 ? FSIM_CHANNEL_EVENT : FSIM_CHANNEL_DATA);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, G_N_ELEMENTS (at));
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      ck_assert_int_eq (got (&x->c, i)->tag, (int) i);
      ck_assert_int_eq (got (&x->c, i)->sent_us, at[i]);
      ck_assert_int_eq (got (&x->c, i)->at, at[i] + latency);
    }
}
END_TEST

/* Many items handed out at one time arrive at one time, still in FIFO
 * order; across channels, equal delivery times run in hand-out order (the
 * engine's insertion order, sim.h). */
START_TEST (test_equal_times_keep_order)
{
  enum { N = 1000 };
  Frees f;
  frees_init (&f);
  Consumer all;
  consumer_init (&all, 0);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  /* two channels feeding one log */
  g_autoptr (FsimChannel) a = fsim_channel_new (sim, 7, FSIM_CHANNEL_UNCREDITED,
                                                consumer_deliver, &all);
  g_autoptr (FsimChannel) b = fsim_channel_new (sim, 7, N, consumer_deliver, &all);
  for (int i = 0; i < N; i++)
    send (i % 3 == 0 ? b : a, &f, i, 1, i % 5 == 0 ? FSIM_CHANNEL_EVENT : FSIM_CHANNEL_DATA);
  fsim_sim_run (sim);
  ck_assert_uint_eq (all.got->len, N);
  for (guint i = 0; i < N; i++)
    {
      ck_assert_int_eq (got (&all, i)->tag, (int) i);
      ck_assert_int_eq (got (&all, i)->at, 7);
    }
  consumer_clear (&all);
  frees_clear (&f);
}
END_TEST

/* A consumer that answers each delivery with a send on the reverse channel,
 * at latency 0: a whole ping-pong at one virtual time, still in order. */
typedef struct {
  FsimChannel *reply;
  Frees *frees;
  GArray *tags;
  int left;
} Echo;

static void
echo_deliver (FsimChannel *ch, FsimChannelItem *item, gpointer user_data)
{
  (void) ch;
  Echo *e = user_data;
  Payload *p = item->payload;
  g_array_append_val (e->tags, p->tag);
  int next = p->tag + 1;
  item->payload_free (item->payload);
  if (e->left-- > 0)
    send (e->reply, e->frees, next, 1, FSIM_CHANNEL_DATA);
}

START_TEST (test_zero_latency_ping_pong)
{
  Frees f;
  frees_init (&f);
  g_autoptr (GArray) tags = g_array_new (FALSE, FALSE, sizeof (int));
  Echo ping = { NULL, &f, tags, 50 }, pong = { NULL, &f, tags, 50 };
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  g_autoptr (FsimChannel) there = fsim_channel_new (sim, 0, FSIM_CHANNEL_UNCREDITED,
                                                    echo_deliver, &pong);
  g_autoptr (FsimChannel) back = fsim_channel_new (sim, 0, FSIM_CHANNEL_UNCREDITED,
                                                   echo_deliver, &ping);
  pong.reply = back;
  ping.reply = there;
  send (there, &f, 0, 1, FSIM_CHANNEL_DATA);
  fsim_sim_run (sim);
  ck_assert_int_eq (fsim_sim_now (sim), 0);
  ck_assert_uint_eq (tags->len, 101);
  for (guint i = 0; i < tags->len; i++)
    ck_assert_int_eq (g_array_index (tags, int, i), (int) i);
  for (int i = 0; i <= 100; i++)
    ck_assert_int_eq (f.freed[i], 1);
  frees_clear (&f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Block and resume                                                          */

/* PipelinedSubpartition.pollBuffer sets isBlocked when it hands out a
 * blocking-upstream buffer (the aligned barrier) and returns nothing while
 * blocked: what follows stays in the producer queue (backpressure), however
 * much credit there is. CheckpointedInputGate.resumeConsumption ->
 * RemoteInputChannel.resumeConsumption sends ResumeConsumption, which
 * reaches the producer one latency later; what was queued then travels one
 * more latency. */
START_TEST (test_blocking_item_blocks_until_resume)
{
  enum { L = 10 };
  g_autoptr (Fix) x = fix_new (L, 100);
  send (x->ch, &x->f, 0, 100, FSIM_CHANNEL_DATA);
  send (x->ch, &x->f, 1, 8, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_BLOCKS);
  send (x->ch, &x->f, 2, 100, FSIM_CHANNEL_DATA);
  send (x->ch, &x->f, 3, 8, FSIM_CHANNEL_EVENT);
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.sent_items, 2);
  ck_assert_uint_eq (n.queued_items, 2);
  ck_assert (!fsim_channel_is_blocked (x->ch));    /* the consumer has not seen it yet */

  ck_assert_int_eq (fsim_sim_run_until (x->sim, 5000), FSIM_RUN_EMPTY);
  ck_assert_uint_eq (x->c.got->len, 2);
  ck_assert_int_eq (got (&x->c, 1)->tag, 1);
  ck_assert_int_eq (got (&x->c, 1)->at, L);
  ck_assert (got (&x->c, 1)->blocked_in_callback);
  ck_assert (fsim_channel_is_blocked (x->ch));
  n = counts (x->ch);
  ck_assert_uint_eq (n.queued_items, 2);        /* still upstream */
  ck_assert_uint_eq (n.in_flight_items + n.held_items, 0);
  ck_assert_int_eq (n.credit, 99);              /* one data buffer spent */

  action_at (x->sim, 6000, x->ch, DO_RESUME);
  fsim_sim_run (x->sim);
  ck_assert (!fsim_channel_is_blocked (x->ch));
  ck_assert_uint_eq (x->c.got->len, 4);
  ck_assert_int_eq (got (&x->c, 2)->tag, 2);
  ck_assert_int_eq (got (&x->c, 3)->tag, 3);
  ck_assert_int_eq (got (&x->c, 2)->sent_us, 6000 + L);
  ck_assert_int_eq (got (&x->c, 2)->at, 6000 + 2 * L);
  ck_assert_int_eq (got (&x->c, 3)->at, 6000 + 2 * L);
}
END_TEST

/* An obsolete aligned barrier is resumed by the handler at once
 * (SingleCheckpointBarrierHandler): the channel loses exactly one round
 * trip. */
START_TEST (test_resume_inside_delivery)
{
  enum { L = 10 };
  g_autoptr (Fix) x = fix_new (L, FSIM_CHANNEL_UNCREDITED);
  x->c.resume_at_once = TRUE;
  send (x->ch, &x->f, 0, 8, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_BLOCKS);
  send (x->ch, &x->f, 1, 100, FSIM_CHANNEL_DATA);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 2);
  ck_assert (got (&x->c, 0)->blocked_in_callback);
  ck_assert_int_eq (got (&x->c, 1)->at, 3 * L);
  ck_assert (!fsim_channel_is_blocked (x->ch));
}
END_TEST

/* A consumer that blocks its side holds what arrives, and gets it all, in
 * order, at the resume. The producer is not told (Flink's
 * IndexedInputGate.blockConsumption is a no-op): it keeps handing out. */
START_TEST (test_consumer_block_holds_arrivals)
{
  enum { L = 10 };
  g_autoptr (Fix) x = fix_new (L, FSIM_CHANNEL_UNCREDITED);
  action_at (x->sim, 5, x->ch, DO_BLOCK);
  action_at (x->sim, 100, x->ch, DO_RESUME);  /* scheduled before tag 5's arrival */
  send_at (x->sim, 0, x->ch, &x->f, 0, 100, FSIM_CHANNEL_DATA);     /* arrives at 10: held */
  send_at (x->sim, 5, x->ch, &x->f, 1, 100, FSIM_CHANNEL_DATA);
  send_at (x->sim, 7, x->ch, &x->f, 2, 8, FSIM_CHANNEL_EVENT);
  send_at (x->sim, 8, x->ch, &x->f, 3, 100, FSIM_CHANNEL_DATA);
  send_at (x->sim, 50, x->ch, &x->f, 4, 100, FSIM_CHANNEL_DATA);
  send_at (x->sim, 90, x->ch, &x->f, 5, 100, FSIM_CHANNEL_DATA);    /* arrives at 100 */
  send_at (x->sim, 95, x->ch, &x->f, 6, 100, FSIM_CHANNEL_DATA);    /* arrives at 105 */

  fsim_sim_run_until (x->sim, 99);
  ck_assert_uint_eq (x->c.got->len, 0);
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.held_items, 5);          /* tags 0..4 */
  ck_assert_uint_eq (n.held_bytes, 408);
  ck_assert_uint_eq (n.sent_items, 7);          /* the producer went on */
  ck_assert_uint_eq (n.in_flight_items, 2);

  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 7);
  for (guint i = 0; i < 7; i++)
    {
      ck_assert_int_eq (got (&x->c, i)->tag, (int) i);
      ck_assert_int_eq (got (&x->c, i)->at, i < 6 ? 100 : 105);
    }
  n = counts (x->ch);
  ck_assert_uint_eq (n.held_items, 0);
  ck_assert_uint_eq (n.held_bytes, 0);
  ck_assert_uint_eq (n.delivered_items, 7);
}
END_TEST

/* A BLOCKS item that arrives while the consumer blocked its side: the first
 * resume hands over up to it and it blocks again; the producer, blocked since
 * it handed the item out, is unblocked only by the resume that follows the
 * item's delivery (one ResumeConsumption per blocking buffer). */
START_TEST (test_held_blocking_item_blocks_again)
{
  enum { L = 10 };
  g_autoptr (Fix) x = fix_new (L, FSIM_CHANNEL_UNCREDITED);
  fsim_channel_block (x->ch);
  send (x->ch, &x->f, 0, 100, FSIM_CHANNEL_DATA);
  send (x->ch, &x->f, 1, 8, FSIM_CHANNEL_EVENT | FSIM_CHANNEL_BLOCKS);
  send (x->ch, &x->f, 2, 100, FSIM_CHANNEL_DATA);
  action_at (x->sim, 50, x->ch, DO_RESUME);
  action_at (x->sim, 200, x->ch, DO_RESUME);
  fsim_sim_run_until (x->sim, 199);
  ck_assert_uint_eq (x->c.got->len, 2);
  ck_assert_int_eq (got (&x->c, 1)->at, 50);
  ck_assert (fsim_channel_is_blocked (x->ch));
  ck_assert_uint_eq (counts (x->ch).queued_items, 1);      /* tag 2 never left */
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 3);
  ck_assert_int_eq (got (&x->c, 2)->sent_us, 200 + L);
  ck_assert_int_eq (got (&x->c, 2)->at, 200 + 2 * L);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Freeing                                                                   */

/* Every payload is freed exactly once: by the consumer after delivery, or
 * by fsim_channel_free for those still held, in flight or queued (in send
 * order), which also cancels the channel's events so nothing fires later. */
START_TEST (test_free_each_payload_once)
{
  enum { L = 10 };
  g_autoptr (Fix) x = fix_new (L, 3);
  x->c.keep_payloads = TRUE;
  send_at (x->sim, 0, x->ch, &x->f, 0, 1, FSIM_CHANNEL_DATA);       /* delivered at 10 */
  send_at (x->sim, 11, x->ch, &x->f, 1, 1, FSIM_CHANNEL_DATA);      /* held at 21 */
  action_at (x->sim, 15, x->ch, DO_BLOCK);
  send_at (x->sim, 30, x->ch, &x->f, 2, 1, FSIM_CHANNEL_DATA);      /* in flight at 35 */
  send_at (x->sim, 31, x->ch, &x->f, 3, 1, FSIM_CHANNEL_DATA);      /* queued: no credit */
  send_at (x->sim, 32, x->ch, &x->f, 4, 1, FSIM_CHANNEL_EVENT);     /* queued behind it */
  fsim_sim_run_until (x->sim, 32);
  fsim_channel_add_credit (x->ch, 5);                         /* in flight until 42 */
  fsim_channel_resume (x->ch);                                /* a drain pending at 32 */
  FsimChannelCounts n = counts (x->ch);
  ck_assert_uint_eq (n.delivered_items, 1);
  ck_assert_uint_eq (n.held_items, 1);
  ck_assert_uint_eq (n.in_flight_items, 1);
  ck_assert_uint_eq (n.queued_items, 2);
  ck_assert_int_eq (n.credit_in_flight, 5);
  /* pending: tag 2's delivery, the credit, the drain */
  ck_assert_uint_eq (fsim_sim_pending_count (x->sim), 3);
  ck_assert_int_eq (x->f.freed[0], 0);                         /* the consumer keeps tag 0 */

  g_clear_pointer (&x->ch, fsim_channel_free);
  ck_assert_uint_eq (fsim_sim_pending_count (x->sim), 0);
  static const int order[] = { 1, 2, 3, 4 };
  ck_assert_uint_eq (x->f.free_order->len, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    ck_assert_int_eq (g_array_index (x->f.free_order, int, i), order[i]);
  fsim_sim_run (x->sim);                                       /* nothing left to fire */
  ck_assert_uint_eq (x->c.got->len, 1);

  /* the consumer frees what it kept */
  for (guint i = 0; i < x->c.kept->len; i++)
    payload_free (g_ptr_array_index (x->c.kept, i));
  for (int i = 0; i < 5; i++)
    ck_assert_int_eq (x->f.freed[i], 1);
}
END_TEST

/* NULL finalizers are allowed; fsim_channel_free (NULL) is a no-op. */
START_TEST (test_free_without_finalizers)
{
  g_autoptr (Fix) x = fix_new (5, 0);
  static int stack_payload;
  fsim_channel_send (x->ch, &stack_payload, 4, FSIM_CHANNEL_DATA, NULL);
  g_clear_pointer (&x->ch, fsim_channel_free);
  fsim_channel_free (NULL);
  fsim_sim_run (x->sim);
  ck_assert_uint_eq (x->c.got->len, 0);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The sent callback                                                         */

typedef struct {
  GArray *tags;
  GArray *credit_after;         /* the producer's credit after each hand-out */
  Frees *frees;
} Sent;

static void
sent_record (FsimChannel *ch, const FsimChannelItem *item, gpointer user_data)
{
  Sent *s = user_data;
  Payload *p = item->payload;
  g_array_append_val (s->tags, p->tag);
  gint64 credit = counts (ch).credit;
  g_array_append_val (s->credit_after, credit);
  /* a send from inside the callback goes into the queue behind what waits
   * there, and leaves in the same hand-out loop if it may */
  if (p->tag == 1)
    send (ch, s->frees, 100, 1, FSIM_CHANNEL_EVENT);
}

/* The producer hears of each hand-out (remote Flink recycles the sender's
 * buffer once Netty wrote it), in FIFO order; the credit it sees never goes
 * below 0 (getNextBuffer throws "no credit available" if it would). */
START_TEST (test_sent_callback)
{
  g_autoptr (Fix) x = fix_new (3, 2);
  Sent s = { g_array_new (FALSE, FALSE, sizeof (int)),
             g_array_new (FALSE, FALSE, sizeof (gint64)), &x->f };
  fsim_channel_set_sent_func (x->ch, sent_record, &s);
  for (int i = 0; i < 4; i++)
    send (x->ch, &x->f, i, 1, FSIM_CHANNEL_DATA);
  /* 0 and 1 left on the 2 credits; 1's callback sent event 100 before 2
   * and 3 existed, so it left too (no credit needed); 2 and 3 wait */
  ck_assert_uint_eq (s.tags->len, 3);
  ck_assert_uint_eq (counts (x->ch).queued_items, 2);
  fsim_channel_add_credit (x->ch, 2);
  fsim_sim_run (x->sim);
  static const int tags[] = { 0, 1, 100, 2, 3 };
  static const gint64 credit[] = { 1, 0, 0, 1, 0 };
  ck_assert_uint_eq (s.tags->len, G_N_ELEMENTS (tags));
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      ck_assert_int_eq (g_array_index (s.tags, int, i), tags[i]);
      ck_assert_int_eq (g_array_index (s.credit_after, gint64, i), credit[i]);
      ck_assert_int_eq (got (&x->c, i)->tag, tags[i]);
    }
  g_array_unref (s.tags);
  g_array_unref (s.credit_after);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Size, and determinism                                                     */

/* The bound sim.h promises, so 10^8 lazily created channels stay an
 * informed choice. */
START_TEST (test_struct_sizes)
{
  if (sizeof (gpointer) == 8)
    {
      ck_assert_uint_le (fsim_channel_struct_size (), 224);
      ck_assert_uint_le (fsim_channel_item_struct_size (), 80);
    }
}
END_TEST

/* A random mesh of channels driven by a seeded generator: every decision
 * (send what, when, block, resume, grant credit) draws from it. The log of
 * deliveries is a pure function of the seed. Along the way the rules are
 * checked on every delivery. */
typedef struct {
  FsimSim *sim;
  FsimRng *rng;
  FsimChannel *ch[6];
  guint64 next_seq[6];
  guint64 data_delivered[6];
  guint64 data_sent[6];
  GString *log;
  Frees *frees;
  int next_tag;
} Mesh;

typedef struct {
  Mesh *mesh;
  int channel;
} MeshRef;

static void mesh_step (FsimSim *sim, gpointer data);

static void
mesh_deliver (FsimChannel *ch, FsimChannelItem *item, gpointer user_data)
{
  MeshRef *ref = user_data;
  Mesh *m = ref->mesh;
  int k = ref->channel;
  gint64 now = fsim_sim_now (m->sim);
  /* FIFO on every delivery; never before the latency (held items come
   * later, at a resume) */
  ck_assert_uint_eq (item->seq, m->next_seq[k]);
  m->next_seq[k]++;
  ck_assert_int_ge (now, item->sent_us + fsim_channel_latency (ch));
  g_string_append_printf (m->log, "%" G_GINT64_FORMAT " ch%d #%" G_GUINT64_FORMAT " f%u b%u\n",
                          now, k, item->seq, item->flags, item->backlog);
  if (!(item->flags & FSIM_CHANNEL_EVENT))
    {
      m->data_delivered[k]++;
      if (counts (ch).credit != FSIM_CHANNEL_UNCREDITED)
        fsim_channel_add_credit (ch, 1);
    }
  if ((item->flags & FSIM_CHANNEL_BLOCKS) && fsim_rng_bernoulli (m->rng, 0.3))
    fsim_channel_resume (ch);
  item->payload_free (item->payload);
}

static void
mesh_sent (FsimChannel *ch, const FsimChannelItem *item, gpointer user_data)
{
  MeshRef *ref = user_data;
  gint64 credit = counts (ch).credit;
  if (!(item->flags & FSIM_CHANNEL_EVENT))
    ref->mesh->data_sent[ref->channel]++;
  /* a data item never leaves without a credit */
  ck_assert (credit == FSIM_CHANNEL_UNCREDITED || credit >= 0);
}

static void
mesh_step (FsimSim *sim, gpointer data)
{
  Mesh *m = data;
  int k = (int) fsim_rng_uniform (m->rng, G_N_ELEMENTS (m->ch));
  FsimChannel *ch = m->ch[k];
  guint64 what = fsim_rng_uniform (m->rng, 10);
  if (what < 6 && m->next_tag < MAX_TAGS)
    send (ch, m->frees, m->next_tag++, (gsize) fsim_rng_int_range (m->rng, 1, 32768),
          FSIM_CHANNEL_DATA);
  else if (what < 8 && m->next_tag < MAX_TAGS)
    send (ch, m->frees, m->next_tag++, 8,
          FSIM_CHANNEL_EVENT | (fsim_rng_bernoulli (m->rng, 0.5) ? FSIM_CHANNEL_BLOCKS : 0));
  else if (what == 8 && !fsim_channel_is_blocked (ch))
    fsim_channel_block (ch);
  else if (fsim_channel_is_blocked (ch))
    fsim_channel_resume (ch);
  if (fsim_sim_now (sim) < 200000)
    fsim_sim_schedule_in (sim, fsim_rng_int_range (m->rng, 0, 300), FSIM_PRIORITY_DEFAULT,
                          mesh_step, m, NULL);
}

static char *
mesh_run (guint64 seed, Frees *frees)
{
  static const gint64 latency[] = { 0, 100, 100, 3, 250, 0 };
  static const gint credit[] = { FSIM_CHANNEL_UNCREDITED, 2, 2, FSIM_CHANNEL_UNCREDITED, 0, 5 };
  g_autoptr (FsimSim) sim = fsim_sim_new (seed);
  Mesh m = { .sim = sim, .rng = fsim_sim_rng_stream (sim, "mesh"), .log = g_string_new (NULL),
             .frees = frees };
  MeshRef refs[G_N_ELEMENTS (m.ch)];
  for (guint k = 0; k < G_N_ELEMENTS (m.ch); k++)
    {
      refs[k] = (MeshRef) { &m, (int) k };
      m.ch[k] = fsim_channel_new (sim, latency[k], credit[k], mesh_deliver, &refs[k]);
      fsim_channel_set_sent_func (m.ch[k], mesh_sent, &refs[k]);
    }
  fsim_sim_schedule_at (sim, 0, FSIM_PRIORITY_DEFAULT, mesh_step, &m, NULL);
  fsim_sim_run (sim);
  /* at the end, whatever the consumers never resumed is still in the
   * channels; the counts add up to what was sent */
  guint64 total = 0;
  for (guint k = 0; k < G_N_ELEMENTS (m.ch); k++)
    {
      FsimChannelCounts n = counts (m.ch[k]);
      ck_assert_uint_eq (n.delivered_items, m.next_seq[k]);
      ck_assert_uint_eq (n.sent_items, n.delivered_items + n.in_flight_items + n.held_items);
      ck_assert_uint_eq (n.in_flight_items, 0);    /* the run went to quiescence */
      /* credits are conserved: every data item that left took one, every
       * delivered data item gave one back, and all have arrived */
      if (credit[k] != FSIM_CHANNEL_UNCREDITED)
        ck_assert_int_eq (n.credit, credit[k] + (gint64) m.data_delivered[k]
                                    - (gint64) m.data_sent[k]);
      total += n.sent_items + n.queued_items;
      fsim_channel_free (m.ch[k]);
    }
  ck_assert_uint_eq (total, (guint64) m.next_tag);
  return g_string_free (m.log, FALSE);
}

START_TEST (test_same_sequence_same_deliveries)
{
  Frees fa, fb, fc;
  frees_init (&fa);
  frees_init (&fb);
  frees_init (&fc);
  g_autofree char *a = mesh_run (42, &fa);
  g_autofree char *b = mesh_run (42, &fb);
  g_autofree char *c = mesh_run (43, &fc);
  ck_assert_str_eq (a, b);
  ck_assert_str_ne (a, c);
  ck_assert_int_gt ((int) strlen (a), 10000);
  /* every payload, delivered or not, freed exactly once */
  for (int i = 0; i < MAX_TAGS; i++)
    {
      ck_assert_int_le (fa.freed[i], 1);
      ck_assert_int_eq (fa.freed[i], fb.freed[i]);
    }
  ck_assert_uint_eq (fa.free_order->len, fb.free_order->len);
  ck_assert_uint_gt (fa.free_order->len, 1000);
  frees_clear (&fa);
  frees_clear (&fb);
  frees_clear (&fc);
}
END_TEST

void
fsim_test_sim_channel_tcases (Suite *s)
{
  TCase *tc = tcase_create ("ChannelFifo");
  tcase_add_loop_test (tc, test_fifo_buffers_and_events, 0, 2);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ChannelCredit");
  tcase_add_test (tc, test_no_data_without_credit);
  tcase_add_test (tc, test_priority_overtakes_queued);
  tcase_add_test (tc, test_priority_waits_while_blocked);
  tcase_add_test (tc, test_credit_round_trips);
  tcase_add_test (tc, test_event_needs_no_credit_but_keeps_its_place);
  tcase_add_test (tc, test_uncredited_sends_everything);
  tcase_add_test (tc, test_sent_callback);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ChannelLatency");
  tcase_add_loop_test (tc, test_latency_exact, 0, 2);
  tcase_add_test (tc, test_equal_times_keep_order);
  tcase_add_test (tc, test_zero_latency_ping_pong);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ChannelBlockResume");
  tcase_add_test (tc, test_blocking_item_blocks_until_resume);
  tcase_add_test (tc, test_resume_inside_delivery);
  tcase_add_test (tc, test_consumer_block_holds_arrivals);
  tcase_add_test (tc, test_held_blocking_item_blocks_again);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ChannelFree");
  tcase_add_test (tc, test_free_each_payload_once);
  tcase_add_test (tc, test_free_without_finalizers);
  tcase_add_test (tc, test_struct_sizes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ChannelDeterminism");
  tcase_add_test (tc, test_same_sequence_same_deliveries);
  suite_add_tcase (s, tc);
}
