/* check_sim.c - sim/: event order, cancel, run loop, slabs, RNG, trace,
 * determinism; channels in tests/sim-channel.c.
 *
 * sim/ mirrors no Flink class; it stands in for the RPC main threads and task
 * mailboxes (RpcEndpoint's MainThreadExecutor, MailboxProcessor), which run
 * one action at a time in a total order. The rules tested here are the
 * engine's own contract (sim/sim.h) and the published reference values of its
 * algorithms, each cited where it is asserted.
 */
#include "config.h"

#include <math.h>

#include "sim/sim-private.h"
#include "tests/sim-scenario.h"
#include "tests/sim-tests.h"
#include "tests/testlib.h"

/* ------------------------------------------------------------------------ */
/* A log of which events ran, and of which payloads were freed               */

typedef struct {
  GArray *ran;          /* int tags, in run order */
  GArray *ran_at;       /* gint64 times, in run order */
  int freed[4096];      /* finalizer calls per tag */
} Log;

typedef struct {
  Log *log;
  int tag;
  /* optional actions when the event runs */
  FsimEventId cancel;
  gboolean stop;
} Ev;

static void
log_init (Log *log)
{
  memset (log, 0, sizeof *log);
  log->ran = g_array_new (FALSE, FALSE, sizeof (int));
  log->ran_at = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
log_clear (Log *log)
{
  g_array_unref (log->ran);
  g_array_unref (log->ran_at);
}

static void
ev_free (gpointer p)
{
  Ev *ev = p;
  ev->log->freed[ev->tag]++;
  g_free (ev);
}

static void
ev_run (FsimSim *sim, gpointer p)
{
  Ev *ev = p;
  gint64 now = fsim_sim_now (sim);
  g_array_append_val (ev->log->ran, ev->tag);
  g_array_append_val (ev->log->ran_at, now);
  if (ev->cancel)
    fsim_sim_cancel (sim, ev->cancel);
  if (ev->stop)
    fsim_sim_request_stop (sim);
}

/* Schedules event `tag`; returns its payload to set actions on before it runs. */
static Ev *
payload_of (FsimSim *sim, Log *log, int tag, gint64 at, gint prio, FsimEventId *id)
{
  Ev *ev = g_new0 (Ev, 1);
  ev->log = log;
  ev->tag = tag;
  *id = fsim_sim_schedule_at (sim, at, prio, ev_run, ev, ev_free);
  return ev;
}

static FsimEventId
add (FsimSim *sim, Log *log, int tag, gint64 at, gint prio)
{
  FsimEventId id;
  payload_of (sim, log, tag, at, prio, &id);
  return id;
}

static int
ran (Log *log, guint i)
{
  return g_array_index (log->ran, int, i);
}

/* ------------------------------------------------------------------------ */
/* Event order: (time, priority, insertion sequence)                         */

START_TEST (test_order_by_time)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  add (sim, &log, 30, 30, 0);
  add (sim, &log, 10, 10, 0);
  add (sim, &log, 20, 20, 0);
  ck_assert_int_eq (fsim_sim_run (sim), FSIM_RUN_EMPTY);
  ck_assert_uint_eq (log.ran->len, 3);
  ck_assert_int_eq (ran (&log, 0), 10);
  ck_assert_int_eq (ran (&log, 1), 20);
  ck_assert_int_eq (ran (&log, 2), 30);
  ck_assert_int_eq (fsim_sim_now (sim), 30);
  ck_assert_uint_eq (fsim_sim_events_run (sim), 3);
  log_clear (&log);
}
END_TEST

START_TEST (test_order_by_priority)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  add (sim, &log, 1, 5, 5);
  add (sim, &log, 2, 5, -1);
  add (sim, &log, 3, 5, 0);
  add (sim, &log, 4, 4, 99);    /* earlier time beats any priority */
  fsim_sim_run (sim);
  ck_assert_int_eq (ran (&log, 0), 4);
  ck_assert_int_eq (ran (&log, 1), 2);
  ck_assert_int_eq (ran (&log, 2), 3);
  ck_assert_int_eq (ran (&log, 3), 1);
  log_clear (&log);
}
END_TEST

/* Many random insertions with few distinct (time, priority) pairs, so the
 * heap holds long runs of equal keys in every shape: the run order must be
 * exactly the stable sort of the insertion order by (time, priority). */
typedef struct {
  gint64 time;
  gint prio;
  int tag;
} Planned;

static int
planned_cmp (gconstpointer a, gconstpointer b)
{
  const Planned *x = a, *y = b;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->prio != y->prio)
    return x->prio < y->prio ? -1 : 1;
  return (x->tag > y->tag) - (x->tag < y->tag);
}

START_TEST (test_ties_in_insertion_order)
{
  enum { N = 4000 };
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (7);
  g_autoptr (FsimRng) rng = fsim_rng_new (12345 + (guint64) _i);
  Planned *plan = g_new (Planned, N);
  for (int i = 0; i < N; i++)
    {
      plan[i] = (Planned) { .time = fsim_rng_int_range (rng, 0, 9),
                            .prio = (gint) fsim_rng_int_range (rng, -1, 1), .tag = i };
      add (sim, &log, i, plan[i].time, plan[i].prio);
    }
  qsort (plan, N, sizeof *plan, planned_cmp);
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, N);
  for (int i = 0; i < N; i++)
    ck_assert_int_eq (ran (&log, (guint) i), plan[i].tag);
  for (int i = 0; i < N; i++)
    ck_assert_int_eq (log.freed[i], 1);
  g_free (plan);
  log_clear (&log);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Cancel by handle; each payload freed exactly once                         */

START_TEST (test_cancel_head)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimEventId a = add (sim, &log, 1, 10, 0);
  add (sim, &log, 2, 20, 0);
  ck_assert (fsim_sim_is_pending (sim, a));
  ck_assert (fsim_sim_cancel (sim, a));
  ck_assert_int_eq (log.freed[1], 1);           /* freed at cancel */
  ck_assert (!fsim_sim_is_pending (sim, a));
  ck_assert (!fsim_sim_cancel (sim, a));        /* twice: no effect */
  ck_assert_uint_eq (fsim_sim_pending_count (sim), 1);
  gint64 next = -1;
  ck_assert (fsim_sim_peek_time (sim, &next));
  ck_assert_int_eq (next, 20);                  /* the cancelled head is skipped */
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, 1);
  ck_assert_int_eq (ran (&log, 0), 2);
  ck_assert_int_eq (log.freed[1], 1);
  ck_assert_int_eq (log.freed[2], 1);
  ck_assert (!fsim_sim_cancel (sim, FSIM_EVENT_NONE));
  log_clear (&log);
}
END_TEST

START_TEST (test_callback_cancels_later_event)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimEventId a_id, c;
  Ev *a = payload_of (sim, &log, 1, 10, 0, &a_id);
  add (sim, &log, 2, 20, 0);
  c = add (sim, &log, 3, 30, 0);
  a->cancel = c;
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, 2);
  ck_assert_int_eq (ran (&log, 0), 1);
  ck_assert_int_eq (ran (&log, 1), 2);
  for (int tag = 1; tag <= 3; tag++)
    ck_assert_int_eq (log.freed[tag], 1);
  ck_assert (!fsim_sim_cancel (sim, c));
  ck_assert (!fsim_sim_cancel (sim, a_id));     /* already ran */
  log_clear (&log);
}
END_TEST

START_TEST (test_cancel_self_while_running)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimEventId id;
  Ev *a = payload_of (sim, &log, 1, 10, 0, &id);
  a->cancel = id;       /* a running event is no longer pending */
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, 1);
  ck_assert_int_eq (log.freed[1], 1);
  log_clear (&log);
}
END_TEST

/* Slots are reused; a handle of an event that ran must not cancel the
 * event that now occupies its slot. */
START_TEST (test_stale_handle_after_reuse)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimEventId a = add (sim, &log, 1, 10, 0);
  fsim_sim_run (sim);
  FsimEventId b = add (sim, &log, 2, 20, 0);
  ck_assert ((a & 0xffffffffu) == (b & 0xffffffffu));  /* same slot… */
  ck_assert (a != b);                                   /* …other handle */
  ck_assert (!fsim_sim_cancel (sim, a));
  ck_assert (fsim_sim_is_pending (sim, b));
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, 2);
  log_clear (&log);
}
END_TEST

/* fsim_sim_free finalizes what is still pending, not what was cancelled. */
START_TEST (test_free_finalizes_pending_once)
{
  Log log;
  log_init (&log);
  FsimSim *sim = fsim_sim_new (1);
  add (sim, &log, 1, 10, 0);
  FsimEventId b = add (sim, &log, 2, 20, 0);
  add (sim, &log, 3, 30, 0);
  fsim_sim_cancel (sim, b);
  fsim_sim_free (sim);
  ck_assert_uint_eq (log.ran->len, 0);
  for (int tag = 1; tag <= 3; tag++)
    ck_assert_int_eq (log.freed[tag], 1);
  log_clear (&log);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Run loop                                                                  */

typedef struct {
  Log *log;
  int remaining;
} Chain;

static void
chain_run (FsimSim *sim, gpointer p)
{
  Chain *c = p;
  int tag = c->remaining;
  gint64 now = fsim_sim_now (sim);
  g_array_append_val (c->log->ran, tag);
  g_array_append_val (c->log->ran_at, now);
  if (--c->remaining > 0)
    fsim_sim_schedule_in (sim, 5, 0, chain_run, c, NULL);
}

START_TEST (test_schedule_from_callback)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  Chain chain = { &log, 5 };
  fsim_sim_schedule_at (sim, 3, 0, chain_run, &chain, NULL);
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, 5);
  for (guint i = 0; i < 5; i++)
    ck_assert_int_eq (g_array_index (log.ran_at, gint64, i), 3 + 5 * (gint64) i);
  log_clear (&log);
}
END_TEST

/* An event scheduled at `now` from a callback, same priority, runs after the
 * events already queued for now: it has a later sequence number. */
static void
schedule_now_run (FsimSim *sim, gpointer p)
{
  Log *log = p;
  add (sim, log, 99, fsim_sim_now (sim), 0);
}

START_TEST (test_schedule_now_from_callback)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  fsim_sim_schedule_at (sim, 10, 0, schedule_now_run, &log, NULL);
  add (sim, &log, 1, 10, 0);
  add (sim, &log, 2, 10, 0);
  fsim_sim_run (sim);
  ck_assert_uint_eq (log.ran->len, 3);
  ck_assert_int_eq (ran (&log, 0), 1);
  ck_assert_int_eq (ran (&log, 1), 2);
  ck_assert_int_eq (ran (&log, 2), 99);
  log_clear (&log);
}
END_TEST

START_TEST (test_run_until_boundaries)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  add (sim, &log, 1, 10, 0);
  add (sim, &log, 2, 20, 0);
  add (sim, &log, 3, 21, 0);
  /* the event exactly at the limit runs; the clock ends at the limit */
  ck_assert_int_eq (fsim_sim_run_until (sim, 20), FSIM_RUN_TIME_LIMIT);
  ck_assert_uint_eq (log.ran->len, 2);
  ck_assert_int_eq (fsim_sim_now (sim), 20);
  ck_assert_int_eq (fsim_sim_run_until (sim, 20), FSIM_RUN_TIME_LIMIT);
  ck_assert_uint_eq (log.ran->len, 2);
  ck_assert_int_eq (fsim_sim_run_until (sim, 25), FSIM_RUN_EMPTY);
  ck_assert_uint_eq (log.ran->len, 3);
  ck_assert_int_eq (fsim_sim_now (sim), 25);    /* advanced past the last event */
  ck_assert_int_eq (fsim_sim_run_until (sim, 15), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_sim_now (sim), 25);    /* never backwards */
  /* only a cancelled event left: the queue counts as empty */
  FsimEventId x = add (sim, &log, 4, 30, 0);
  fsim_sim_cancel (sim, x);
  ck_assert_int_eq (fsim_sim_run_until (sim, 40), FSIM_RUN_EMPTY);
  ck_assert_int_eq (fsim_sim_now (sim), 40);
  log_clear (&log);
}
END_TEST

START_TEST (test_request_stop)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimEventId id;
  for (int t = 1; t <= 5; t++)
    {
      Ev *ev = payload_of (sim, &log, t, t, 0, &id);
      ev->stop = t == 3;
    }
  ck_assert_int_eq (fsim_sim_run_until (sim, 100), FSIM_RUN_STOPPED);
  ck_assert_int_eq (fsim_sim_now (sim), 3);     /* not moved to the limit */
  ck_assert_uint_eq (log.ran->len, 3);
  ck_assert_int_eq (log.freed[3], 1);           /* the stopping event is done */
  ck_assert_int_eq (fsim_sim_run (sim), FSIM_RUN_EMPTY);
  ck_assert_uint_eq (log.ran->len, 5);
  log_clear (&log);
}
END_TEST

/* A timer that reschedules itself: every `record_every`-th tick appends a
 * trace record, every `note_every`-th notes progress (0: never). */
typedef struct {
  FsimTraceKind kind;
  int ticks;
  int record_every;
  int note_every;
} Spinner;

static void
spin (FsimSim *sim, gpointer payload)
{
  Spinner *sp = payload;
  sp->ticks++;
  if (sp->record_every && sp->ticks % sp->record_every == 0)
    {
      FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
      r.kind = sp->kind;
      r.why = "test";
      fsim_sim_trace (sim, &r);
    }
  if (sp->note_every && sp->ticks % sp->note_every == 0)
    fsim_sim_note_progress (sim);
  fsim_sim_schedule_in (sim, 1, 0, spin, sp, NULL);
}

/* An engine spinning without a record stops at the progress limit, at the
 * spinning event's time, and again after one more such event; records and
 * notes reset the count; no limit (0) keeps the old behaviour. */
static const FsimTraceKindDesc spin_kind = { "tick", "test", "a spinner ticked", 0, NULL, 0,
                                             { { 0 } } };

static FsimTraceKind
spin_kind_of (FsimSim *sim)
{
  fsim_trace_register_kinds (fsim_sim_get_trace (sim), &spin_kind, 1);
  return &spin_kind;
}

START_TEST (test_progress_limit)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  Spinner sp = { spin_kind_of (sim), 0, 0, 0 };
  fsim_sim_schedule_at (sim, 0, 0, spin, &sp, NULL);
  fsim_sim_set_progress_limit (sim, 100);
  ck_assert_int_eq (fsim_sim_run_until (sim, 1000000), FSIM_RUN_NO_PROGRESS);
  ck_assert_int_eq (sp.ticks, 100);
  ck_assert_int_eq (fsim_sim_now (sim), 99);    /* not moved to the limit */
  ck_assert_uint_eq (fsim_sim_events_without_progress (sim), 100);
  ck_assert_int_eq (fsim_sim_run (sim), FSIM_RUN_NO_PROGRESS);
  ck_assert_int_eq (sp.ticks, 101);

  g_autoptr (FsimSim) busy = fsim_sim_new (1);
  Spinner rec = { spin_kind_of (busy), 0, 50, 0 };
  fsim_sim_schedule_at (busy, 0, 0, spin, &rec, NULL);
  fsim_sim_set_progress_limit (busy, 100);
  ck_assert_int_eq (fsim_sim_run_until (busy, 10000), FSIM_RUN_TIME_LIMIT);
  ck_assert_int_eq (fsim_trace_count (fsim_sim_get_trace (busy)), 200);

  g_autoptr (FsimSim) noted = fsim_sim_new (1);
  Spinner note = { NULL, 0, 0, 99 };
  fsim_sim_schedule_at (noted, 0, 0, spin, &note, NULL);
  fsim_sim_set_progress_limit (noted, 100);
  ck_assert_int_eq (fsim_sim_run_until (noted, 10000), FSIM_RUN_TIME_LIMIT);

  g_autoptr (FsimSim) unlimited = fsim_sim_new (1);
  Spinner free_spin = { NULL, 0, 0, 0 };
  fsim_sim_schedule_at (unlimited, 0, 0, spin, &free_spin, NULL);
  ck_assert_int_eq (fsim_sim_run_until (unlimited, 10000), FSIM_RUN_TIME_LIMIT);
  ck_assert_int_eq (free_spin.ticks, 10001);
}
END_TEST

START_TEST (test_step)
{
  Log log;
  log_init (&log);
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  add (sim, &log, 1, 10, 0);
  FsimEventId b = add (sim, &log, 2, 20, 0);
  add (sim, &log, 3, 30, 0);
  fsim_sim_cancel (sim, b);
  ck_assert (fsim_sim_step (sim));
  ck_assert_int_eq (fsim_sim_now (sim), 10);
  ck_assert (fsim_sim_step (sim));              /* skips the cancelled one */
  ck_assert_int_eq (fsim_sim_now (sim), 30);
  ck_assert_int_eq (ran (&log, 1), 3);
  ck_assert (!fsim_sim_step (sim));
  log_clear (&log);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* A million events without a malloc per event                               */

static void
count_run (FsimSim *sim, gpointer p)
{
  gint64 *last = p;
  ck_assert_int_ge (fsim_sim_now (sim), *last);
  *last = fsim_sim_now (sim);
}

START_TEST (test_million_events_all_queued)
{
  enum { N = 1000000 };
  g_autoptr (FsimSim) sim = fsim_sim_new (3);
  g_autoptr (FsimRng) rng = fsim_rng_new (99);
  gint64 last = 0;
  for (int i = 0; i < N; i++)
    fsim_sim_schedule_at (sim, fsim_rng_int_range (rng, 0, 1000000), 0, count_run, &last, NULL);
  /* slots come in slabs: ceil(10^6 / 4096) = 245 allocations, not 10^6 */
  ck_assert_uint_eq (fsim_sim_event_slab_count (sim), (N + FSIM_EVENT_SLAB_SIZE - 1) / FSIM_EVENT_SLAB_SIZE);
  ck_assert_uint_eq (fsim_sim_pending_count (sim), N);
  fsim_sim_run (sim);
  ck_assert_uint_eq (fsim_sim_events_run (sim), N);
  ck_assert_uint_eq (fsim_sim_event_slab_count (sim), 245);
}
END_TEST

typedef struct {
  FsimRng *rng;
  guint64 left;
} Reschedule;

static void
reschedule_run (FsimSim *sim, gpointer p)
{
  Reschedule *r = p;
  if (r->left == 0)
    return;
  r->left--;
  fsim_sim_schedule_in (sim, fsim_rng_int_range (r->rng, 0, 100), 0, reschedule_run, r, NULL);
}

START_TEST (test_million_events_steady_state)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (3);
  Reschedule r = { fsim_sim_get_rng (sim), 1000000 - 1000 };
  for (int i = 0; i < 1000; i++)
    fsim_sim_schedule_at (sim, i, 0, reschedule_run, &r, NULL);
  fsim_sim_run (sim);
  ck_assert_uint_eq (fsim_sim_events_run (sim), 1000000 + 1000 - 1000);
  /* at most 1000 events pending at once: one slab served them all */
  ck_assert_uint_eq (fsim_sim_event_slab_count (sim), 1);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Random numbers: reference values                                          */

/* splitmix64.c (Vigna), state 0: the first outputs published with it and
 * used as test vectors by many ports. */
START_TEST (test_splitmix64_reference)
{
  guint64 state = 0;
  ck_assert_uint_eq (fsim_splitmix64_next (&state), G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));
  ck_assert_uint_eq (fsim_splitmix64_next (&state), G_GUINT64_CONSTANT (0x6e789e6aa1b965f4));
  ck_assert_uint_eq (fsim_splitmix64_next (&state), G_GUINT64_CONSTANT (0x06c45d188009454f));
}
END_TEST

/* xoshiro256starstar.c 1.0 from state {1, 2, 3, 4}: the reference vector of
 * the rand_xoshiro crate's Xoshiro256StarStar test (first output by hand:
 * rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520). */
START_TEST (test_xoshiro256ss_reference)
{
  static const guint64 expected[] = {
    11520u, 0u, 1509978240u, G_GUINT64_CONSTANT (1215971899390074240),
    G_GUINT64_CONSTANT (1216172134540287360), G_GUINT64_CONSTANT (607988272756665600),
    G_GUINT64_CONSTANT (16172922978634559625), G_GUINT64_CONSTANT (8476171486693032832),
    G_GUINT64_CONSTANT (10595114339597558777), G_GUINT64_CONSTANT (2904607092377533576),
  };
  g_autoptr (FsimRng) rng = fsim_rng_new (0);
  const guint64 s[4] = { 1, 2, 3, 4 };
  fsim_rng_set_state (rng, s);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    ck_assert_uint_eq (fsim_rng_next_u64 (rng), expected[i]);
}
END_TEST

/* fsim_rng_new (42): state = four splitmix64 outputs from 42, then
 * xoshiro256**. Expected values from an independent Python implementation
 * of both published algorithms (64-bit wrap-around arithmetic). */
START_TEST (test_seeding_reference)
{
  g_autoptr (FsimRng) rng = fsim_rng_new (42);
  ck_assert_uint_eq (fsim_rng_next_u64 (rng), G_GUINT64_CONSTANT (0x15780b2e0c2ec716));
  ck_assert_uint_eq (fsim_rng_next_u64 (rng), G_GUINT64_CONSTANT (0x6104d9866d113a7e));
  ck_assert_uint_eq (fsim_rng_next_u64 (rng), G_GUINT64_CONSTANT (0xae17533239e499a1));
  ck_assert_uint_eq (fsim_rng_next_u64 (rng), G_GUINT64_CONSTANT (0xecb8ad4703b360a1));

  /* double = (u64 >> 11) * 2^-53, same outputs */
  g_autoptr (FsimRng) d = fsim_rng_new (42);
  ck_assert (fsim_rng_double (d) == 0x1.5780b2e0c2ec0p-4);
  ck_assert (fsim_rng_double (d) == 0x1.84136619b444ep-2);
  ck_assert (fsim_rng_double (d) == 0x1.5c2ea66473c93p-1);

  /* uniform(6): r % 6 for r >= 2^64 mod 6 (= 4); same Python reference */
  static const guint64 dice[] = { 0, 0, 5, 5, 4, 0, 4, 3 };
  g_autoptr (FsimRng) u = fsim_rng_new (42);
  for (gsize i = 0; i < G_N_ELEMENTS (dice); i++)
    ck_assert_uint_eq (fsim_rng_uniform (u, 6), dice[i]);
}
END_TEST

/* FNV-1a 64 test vectors (Fowler/Noll/Vo reference test suite). */
START_TEST (test_fnv1a64_reference)
{
  ck_assert_uint_eq (fsim_fnv1a64 (""), G_GUINT64_CONSTANT (0xcbf29ce484222325));
  ck_assert_uint_eq (fsim_fnv1a64 ("a"), G_GUINT64_CONSTANT (0xaf63dc4c8601ec8c));
  ck_assert_uint_eq (fsim_fnv1a64 ("foobar"), G_GUINT64_CONSTANT (0x85944171f73967e8));
}
END_TEST

START_TEST (test_int_range)
{
  g_autoptr (FsimRng) rng = fsim_rng_new (5);
  int seen[7] = { 0 };
  for (int i = 0; i < 7000; i++)
    {
      gint64 v = fsim_rng_int_range (rng, -3, 3);
      ck_assert_int_ge (v, -3);
      ck_assert_int_le (v, 3);
      seen[v + 3]++;
    }
  /* 1000 expected each; sd ~ 29; a value off by 20 % is no accident */
  for (int i = 0; i < 7; i++)
    ck_assert_int_gt (seen[i], 800);
  ck_assert_int_eq (fsim_rng_int_range (rng, 9, 9), 9);
  /* the full range is one raw draw, reinterpreted */
  g_autoptr (FsimRng) a = fsim_rng_new (5);
  g_autoptr (FsimRng) b = fsim_rng_new (5);
  ck_assert_int_eq (fsim_rng_int_range (a, G_MININT64, G_MAXINT64),
                    (gint64) (fsim_rng_next_u64 (b) + (guint64) G_MININT64));
}
END_TEST

/* Portable ln/exp agree with libm to within a few ulp (they need not be
 * libm's bits, only always the same bits). */
static void
assert_close (double got, double want, const char *what, double x)
{
  double tol = 4 * G_MINDOUBLE > fabs (want) * 4e-16 ? 4 * G_MINDOUBLE : fabs (want) * 4e-16;
  ck_assert_msg (fabs (got - want) <= tol, "%s(%a) = %a, libm says %a", what, x, got, want);
}

START_TEST (test_portable_math)
{
  for (double x = 1e-300; x < 1e300; x *= 1.37)
    assert_close (fsim_math_log (x), log (x), "log", x);
  for (double x = -0.999; x < 50; x += 0.0137)
    assert_close (fsim_math_log1p (x), log1p (x), "log1p", x);
  for (double x = 1e-12; x < 0.3; x *= 1.9)
    {
      assert_close (fsim_math_log1p (x), log1p (x), "log1p", x);
      assert_close (fsim_math_log1p (-x), log1p (-x), "log1p", -x);
      assert_close (fsim_math_expm1 (x), expm1 (x), "expm1", x);
      assert_close (fsim_math_expm1 (-x), expm1 (-x), "expm1", -x);
    }
  for (double x = -700; x < 700; x += 0.731)
    {
      assert_close (fsim_math_exp (x), exp (x), "exp", x);
      assert_close (fsim_math_expm1 (x), expm1 (x), "expm1", x);
    }
  ck_assert (fsim_math_log (1.0) == 0.0);
  ck_assert (fsim_math_exp (0.0) == 1.0);
  ck_assert (isinf (fsim_math_log (0.0)) && fsim_math_log (0.0) < 0);
  ck_assert (isnan (fsim_math_log (-1.0)));
  ck_assert (isinf (fsim_math_exp (710.0)));
  ck_assert (fsim_math_exp (-746.0) == 0.0);
  ck_assert (isinf (fsim_math_log1p (-1.0)));
}
END_TEST

/* Exponential(mean): sample mean of n draws has sd mean / sqrt(n). */
START_TEST (test_exponential)
{
  enum { N = 200000 };
  g_autoptr (FsimRng) rng = fsim_rng_new (11);
  double sum = 0;
  gint64 sum_us = 0;
  for (int i = 0; i < N; i++)
    {
      double x = fsim_rng_exponential (rng, 100.0);
      ck_assert (x >= 0);
      sum += x;
      gint64 us = fsim_rng_exponential_us (rng, 1000);
      ck_assert_int_ge (us, 0);
      sum_us += us;
    }
  /* sd of the mean is 100 / 447 = 0.22: allow 5 sd */
  ck_assert_msg (fabs (sum / N - 100.0) < 1.2, "mean %g", sum / N);
  ck_assert_msg (llabs (sum_us / N - 1000) < 12, "mean %" G_GINT64_FORMAT, sum_us / N);
  ck_assert_int_eq (fsim_rng_exponential_us (rng, 0), 0);
}
END_TEST

/* Zipf(s, n): P(k) = k^-s / H(n, s). Counts must match within 5 sd. */
static void
check_zipf (double s, guint64 n, guint64 seed)
{
  enum { N = 200000 };
  g_autoptr (FsimRng) rng = fsim_rng_new (seed);
  g_assert (n <= 1000);
  g_autofree int *count = g_new0 (int, (gsize) n + 1);
  for (int i = 0; i < N; i++)
    {
      guint64 k = fsim_rng_zipf (rng, s, n);
      ck_assert_uint_ge (k, 1);
      ck_assert_uint_le (k, n);
      count[k]++;
    }
  double h = 0;
  for (guint64 k = 1; k <= n; k++)
    h += pow ((double) k, -s);
  for (guint64 k = 1; k <= n; k++)
    {
      double p = pow ((double) k, -s) / h;
      double sd = sqrt (N * p * (1 - p));
      ck_assert_msg (fabs (count[k] - N * p) <= 5 * sd + 1,
                     "zipf(%g, %" G_GUINT64_FORMAT ") rank %" G_GUINT64_FORMAT
                     ": %d, expected %.0f", s, n, k, count[k], N * p);
    }
}

START_TEST (test_zipf)
{
  check_zipf (1.0, 10, 1);      /* the s = 1 limit of H(x) = ln x */
  check_zipf (1.1, 8, 2);
  check_zipf (0.5, 20, 3);
  check_zipf (2.0, 50, 4);
  check_zipf (0.0, 6, 5);       /* uniform */
  g_autoptr (FsimRng) rng = fsim_rng_new (1);
  ck_assert_uint_eq (fsim_rng_zipf (rng, 1.2, 1), 1);
  guint64 big = fsim_rng_zipf (rng, 0.8, G_GUINT64_CONSTANT (1) << 62);
  ck_assert_uint_ge (big, 1);
}
END_TEST

START_TEST (test_rng_streams)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (77);
  FsimRng *a = fsim_sim_rng_stream (sim, "faults");
  ck_assert_ptr_eq (fsim_sim_rng_stream (sim, "faults"), a);
  g_autoptr (FsimRng) want = fsim_rng_new (77 ^ fsim_fnv1a64 ("faults"));
  ck_assert_uint_eq (fsim_rng_next_u64 (a), fsim_rng_next_u64 (want));
  /* draws on another stream or the main generator do not shift this one */
  FsimRng *b = fsim_sim_rng_stream (sim, "sources");
  for (int i = 0; i < 10; i++)
    {
      fsim_rng_next_u64 (b);
      fsim_rng_next_u64 (fsim_sim_get_rng (sim));
    }
  ck_assert_uint_eq (fsim_rng_next_u64 (a), fsim_rng_next_u64 (want));
  /* the main generator is fsim_rng_new (seed) */
  g_autoptr (FsimSim) sim2 = fsim_sim_new (77);
  g_autoptr (FsimRng) main_want = fsim_rng_new (77);
  ck_assert_uint_eq (fsim_rng_next_u64 (fsim_sim_get_rng (sim2)), fsim_rng_next_u64 (main_want));
  ck_assert_uint_eq (fsim_sim_seed (sim2), 77);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The trace                                                                 */

/* A writer's table, as a module of the simulator would own one. */
static const char *const test_states[] = { "DEPLOYING", "INITIALIZING", "RUNNING" };
static const FsimTone test_tones[] = { FSIM_TONE_STARTING, FSIM_TONE_PREPARING,
                                       FSIM_TONE_ACTIVE };
static const FsimStateMachine test_machine = { "TestState", 3, test_states, test_tones };
enum { K_STATE, K_BARRIER, K_TICK, K_SIZED, K_COUNT };
static const FsimTraceKindDesc test_kinds[K_COUNT] = {
  [K_STATE] = { "execution-state", "test", "a state change", FSIM_KIND_STATE_CHANGE,
                &test_machine, 0, { { 0 } } },
  [K_BARRIER] = { "barrier", "test", "a barrier passes", FSIM_KIND_MARKER, NULL, 0, { { 0 } } },
  [K_TICK] = { "tick", "test", "a tick", 0, NULL, 0, { { 0 } } },
  [K_SIZED] = { "buffer-sent", "test", "a buffer left its subpartition", 0, NULL, 0,
                { { "buffers", "buffers", "sent" }, { "bytes", "bytes", "in them" } } },
};

static FsimTrace *
test_trace_new (void)
{
  FsimTrace *t = fsim_trace_new ();
  fsim_trace_register_kinds (t, test_kinds, K_COUNT);
  return t;
}

START_TEST (test_trace_kinds)
{
  g_autoptr (FsimTrace) t = fsim_trace_new ();
  /* the trace's own kind is there from the start */
  ck_assert_uint_eq (fsim_trace_kind_count (t), 1);
  ck_assert_ptr_eq (fsim_trace_kind_nth (t, 0), &fsim_trace_kind_budget);
  fsim_trace_register_kinds (t, test_kinds, K_COUNT);
  fsim_trace_register_kinds (t, test_kinds, K_COUNT);   /* again: nothing new */
  ck_assert_uint_eq (fsim_trace_kind_count (t), 1 + K_COUNT);
  ck_assert_ptr_eq (fsim_trace_kind_nth (t, 1 + K_BARRIER), &test_kinds[K_BARRIER]);
  /* names are for lookups from the command line; the kind is the descriptor */
  ck_assert_ptr_eq (fsim_trace_kind_lookup (t, "buffer-sent"), &test_kinds[K_SIZED]);
  ck_assert_ptr_eq (fsim_trace_kind_lookup (t, "trace-budget"), &fsim_trace_kind_budget);
  ck_assert_ptr_null (fsim_trace_kind_lookup (t, "slot-offer"));
  ck_assert_ptr_null (fsim_trace_kind_lookup (t, NULL));
  ck_assert_str_eq (fsim_state_machine_state_name (&test_machine, 2), "RUNNING");
  ck_assert_ptr_null (fsim_state_machine_state_name (&test_machine, -1));
  ck_assert_int_eq (fsim_state_machine_lookup (&test_machine, "INITIALIZING"), 1);
  ck_assert_int_eq (fsim_state_machine_lookup (&test_machine, "FAILED"), -1);
  /* only the tones of states nothing leaves are final */
  ck_assert (fsim_tone_is_final (FSIM_TONE_DONE) && fsim_tone_is_final (FSIM_TONE_FAILED)
             && fsim_tone_is_final (FSIM_TONE_STOPPED));
  ck_assert (!fsim_tone_is_final (FSIM_TONE_STOPPING) && !fsim_tone_is_final (FSIM_TONE_ACTIVE));
}
END_TEST

START_TEST (test_trace_append_and_read)
{
  g_autoptr (FsimTrace) t = test_trace_new ();
  char label[] = "Map (2/4)#0";
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_STATE];
  r.vertex = 1;
  r.subtask = 1;
  r.attempt = 0;
  r.label = label;
  r.from = 0;
  r.to = 1;
  r.why = "the TaskManager acknowledged the deployment";
  r.seq = 1234;         /* ignored: the trace numbers its records */
  r.time_us = 99;       /* ignored: the time is an argument */
  ck_assert_int_eq (fsim_trace_append (t, 500, &r), 0);
  label[0] = 'X';       /* the trace kept a copy */
  r.label = "Map (2/4)#0";
  r.from = 1;
  r.to = 2;
  ck_assert_int_eq (fsim_trace_append (t, 500, &r), 1);

  ck_assert_int_eq (fsim_trace_count (t), 2);
  const FsimTraceRecord *r0 = fsim_trace_get (t, 0);
  const FsimTraceRecord *r1 = fsim_trace_get (t, 1);
  ck_assert_int_eq (r0->seq, 0);
  ck_assert_int_eq (r0->time_us, 500);
  ck_assert_int_eq (r0->vertex, 1);
  ck_assert_int_eq (r0->taskmanager, -1);
  ck_assert_int_eq (r0->checkpoint, -1);
  ck_assert_ptr_eq (r0->kind, &test_kinds[K_STATE]);
  ck_assert_str_eq (r0->label, "Map (2/4)#0");
  ck_assert_ptr_eq (r0->label, r1->label);      /* interned */
  ck_assert_str_eq (fsim_trace_record_from_name (r0), "DEPLOYING");
  ck_assert_str_eq (fsim_trace_record_to_name (r0), "INITIALIZING");
  ck_assert_str_eq (fsim_trace_record_from_name (r1), "INITIALIZING");
  ck_assert_ptr_null (r0->detail);

  /* addresses stay put while the trace grows */
  for (int i = 0; i < 5000; i++)
    fsim_trace_append (t, 600 + i, &r);
  ck_assert_ptr_eq (fsim_trace_get (t, 0), r0);
  ck_assert_int_eq (fsim_trace_get (t, 4000)->seq, 4000);
  ck_assert_int_eq (fsim_trace_get (t, 4000)->time_us, 600 + 3998);
}
END_TEST

/* The trace's budget (sim.max-trace-records): the last record it takes is
 * its own, saying why the run ends; nothing after it is kept. */
START_TEST (test_trace_budget)
{
  g_autoptr (FsimTrace) t = test_trace_new ();
  ck_assert_int_eq (fsim_trace_get_budget (t), FSIM_TRACE_DEFAULT_BUDGET);
  fsim_trace_set_budget (t, 5, "sim.max-trace-records");
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  r.why = "tick";
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (fsim_trace_append (t, i, &r), i);
  ck_assert (!fsim_trace_is_full (t));
  /* the fifth record is the trace's: the writer's is dropped */
  ck_assert_int_eq (fsim_trace_append (t, 10, &r), -1);
  ck_assert (fsim_trace_is_full (t));
  ck_assert_int_eq (fsim_trace_append (t, 11, &r), -1);
  ck_assert_int_eq (fsim_trace_count (t), 5);
  const FsimTraceRecord *end = fsim_trace_get (t, 4);
  ck_assert_ptr_eq (end->kind, &fsim_trace_kind_budget);
  ck_assert (end->kind->flags & FSIM_KIND_RUN_END);
  ck_assert_int_eq (end->time_us, 10);
  ck_assert_int_eq (end->values[0], 5);
  ck_assert_ptr_nonnull (strstr (end->why, "sim.max-trace-records"));

  /* 0: no bound */
  g_autoptr (FsimTrace) u = test_trace_new ();
  fsim_trace_set_budget (u, 0, NULL);
  for (int i = 0; i < 3000; i++)
    fsim_trace_append (u, i, &r);
  ck_assert_int_eq (fsim_trace_count (u), 3000);
  ck_assert (!fsim_trace_is_full (u));

  /* the figure the budget's why quotes is what a record takes */
#if GLIB_SIZEOF_VOID_P == 8
  ck_assert_uint_eq (sizeof (FsimTraceRecord), FSIM_TRACE_RECORD_BYTES);
#endif
}
END_TEST

/* docs/formats.md, the one page that states the bytes of a record, states
 * FSIM_TRACE_RECORD_BYTES. */
START_TEST (test_trace_record_bytes_documented)
{
  g_autofree char *path = fsim_test_srcpath ("docs/formats.md");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_autofree char *want = g_strdup_printf ("a record takes %d bytes", FSIM_TRACE_RECORD_BYTES);
  g_strdelimit (text, "\n", ' ');
  ck_assert_msg (strstr (text, want) != NULL, "docs/formats.md does not say '%s'", want);
}
END_TEST

/* The budget by memory (sim.max-trace-bytes): FSIM_TRACE_RECORD_BYTES a
 * record, plus each distinct text once with its NUL. Records of a
 * 5-character why cost FSIM_TRACE_RECORD_BYTES + 6: in a budget of seven
 * and a half of them seven fit, the eighth would pass it and becomes the
 * trace's own record. A text seen before costs nothing again. */
START_TEST (test_trace_byte_budget)
{
  /* a budget between 7 and 8 records of 6-byte whys: the 8th is refused */
  const gint64 each = FSIM_TRACE_RECORD_BYTES + 6;
  const gint64 budget = 7 * each + each / 2;
  g_autoptr (FsimTrace) t = test_trace_new ();
  fsim_trace_set_byte_budget (t, budget, "sim.max-trace-bytes");
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *why = g_strdup_printf ("r%04d", i);
      r.why = why;
      fsim_trace_append (t, i, &r);
    }
  ck_assert_int_eq (fsim_trace_count (t), 8);
  const FsimTraceRecord *end = fsim_trace_get (t, 7);
  ck_assert_ptr_eq (end->kind, &fsim_trace_kind_budget);
  ck_assert_int_eq (end->values[0], 8);
  ck_assert_int_eq (end->values[1], 7 * each);
  g_autofree char *want = g_strdup_printf ("stopped after 8 records and %" G_GINT64_FORMAT
                                           " bytes", 7 * each);
  ck_assert_str_eq (end->detail, want);
  g_autofree char *key = g_strdup_printf ("sim.max-trace-bytes = %" G_GINT64_FORMAT, budget);
  ck_assert_ptr_nonnull (strstr (end->why, key));

  /* the same why every time: FSIM_TRACE_RECORD_BYTES a record after the
   * first; 8 records fit in the budget, a 9th would not */
  g_autoptr (FsimTrace) u = test_trace_new ();
  fsim_trace_set_byte_budget (u, 8 * FSIM_TRACE_RECORD_BYTES + 5 + FSIM_TRACE_RECORD_BYTES / 2,
                              "sim.max-trace-bytes");
  r.why = "same";
  for (int i = 0; i < 10; i++)
    fsim_trace_append (u, i, &r);
  ck_assert_int_eq (fsim_trace_count (u), 9);
  ck_assert_int_eq (fsim_trace_get (u, 8)->values[1], 8 * FSIM_TRACE_RECORD_BYTES + 5);
}
END_TEST

static void
trace_forever (FsimSim *sim, gpointer payload)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  r.why = "again";
  fsim_sim_trace (sim, &r);
  fsim_sim_schedule_in (sim, 1, 0, trace_forever, NULL, NULL);
}

/* A full trace ends every run of the engine, whoever writes. */
START_TEST (test_trace_budget_stops_the_run)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimTrace *t = fsim_sim_get_trace (sim);
  fsim_trace_register_kinds (t, test_kinds, K_COUNT);
  fsim_trace_set_budget (t, 100, "sim.max-trace-records");
  fsim_sim_schedule_at (sim, 0, 0, trace_forever, NULL, NULL);
  ck_assert_int_eq (fsim_sim_run_until (sim, 1000000), FSIM_RUN_TRACE_FULL);
  ck_assert_int_eq (fsim_trace_count (t), 100);
  /* 99 records written, the 100th event's record became the budget's */
  ck_assert_uint_eq (fsim_sim_events_run (sim), 100);
  ck_assert_int_eq (fsim_sim_now (sim), 99);
  ck_assert_int_eq (fsim_sim_run (sim), FSIM_RUN_TRACE_FULL);
  ck_assert_uint_eq (fsim_sim_events_run (sim), 100);
}
END_TEST

START_TEST (test_trace_find_time)
{
  g_autoptr (FsimTrace) t = test_trace_new ();
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  r.why = "test";
  const gint64 times[] = { 0, 10, 10, 10, 20, 35 };
  for (gsize i = 0; i < G_N_ELEMENTS (times); i++)
    fsim_trace_append (t, times[i], &r);
  ck_assert_int_eq (fsim_trace_find_time (t, -5), 0);
  ck_assert_int_eq (fsim_trace_find_time (t, 10), 1);
  ck_assert_int_eq (fsim_trace_find_time (t, 11), 4);
  ck_assert_int_eq (fsim_trace_find_time (t, 35), 5);
  ck_assert_int_eq (fsim_trace_find_time (t, 36), 6);
}
END_TEST

/* Two runs differ where a record first says something else: by kind,
 * time, subject or value, never by its text; a run that stops early is a
 * prefix (its count); equal runs have no difference (-1). */
START_TEST (test_trace_first_difference)
{
  g_autoptr (FsimTrace) a = test_trace_new ();
  g_autoptr (FsimTrace) b = test_trace_new ();
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  r.why = "test";
  for (int i = 0; i < 4; i++)
    {
      fsim_trace_append (a, i * 10, &r);
      r.why = "the same record, said in other words";
      fsim_trace_append (b, i * 10, &r);
      r.why = "test";
    }
  ck_assert_int_eq (fsim_trace_first_difference (a, b), -1);
  fsim_trace_append (a, 40, &r);
  ck_assert_int_eq (fsim_trace_first_difference (a, b), 4);
  ck_assert_int_eq (fsim_trace_first_difference (b, a), 4);
  r.subtask = 1;
  fsim_trace_append (b, 40, &r);
  ck_assert_int_eq (fsim_trace_first_difference (a, b), 4);
  /* the same buffer-sent but for its bytes (values[1]) */
  g_autoptr (FsimTrace) c = test_trace_new ();
  g_autoptr (FsimTrace) d = test_trace_new ();
  FsimTraceRecord v = FSIM_TRACE_RECORD_INIT;
  v.kind = &test_kinds[K_SIZED];
  v.why = "test";
  v.values[0] = 1;
  fsim_trace_append (c, 10, &v);
  fsim_trace_append (d, 10, &v);
  v.values[1] = 4096;
  fsim_trace_append (c, 20, &v);
  v.values[1] = 8192;
  fsim_trace_append (d, 20, &v);
  ck_assert_int_eq (fsim_trace_first_difference (c, d), 1);
  ck_assert_int_eq (fsim_trace_first_difference (a, c), 0);    /* kind and time */
}
END_TEST

/* A trace of 3 subtasks x 2 kinds x 4 rounds, interleaved. */
static FsimTrace *
grid_trace (void)
{
  FsimTrace *t = test_trace_new ();
  FsimTraceKind ks[2] = { &test_kinds[K_TICK], &test_kinds[K_BARRIER] };
  for (int round = 0; round < 4; round++)
    for (int sub = 0; sub < 3; sub++)
      for (int k = 0; k < 2; k++)
        {
          FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
          r.kind = ks[k];
          r.subtask = sub;
          r.checkpoint = k == 1 ? round + 1 : -1;
          r.why = "grid";
          fsim_trace_append (t, round * 100 + sub, &r);
        }
  return t;
}

static gboolean
odd_seq (const FsimTraceRecord *r, gpointer user_data)
{
  int *calls = user_data;
  (*calls)++;
  return r->seq % 2 == 1;
}

START_TEST (test_trace_filter)
{
  g_autoptr (FsimTrace) t = grid_trace ();
  ck_assert_int_eq (fsim_trace_count (t), 24);

  /* forward over subtask 1: seq = round * 6 + 1 * 2 + k */
  FsimTraceFilter f = FSIM_TRACE_FILTER_INIT;
  f.subtask = 1;
  g_autoptr (GArray) fwd = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gint64 i = fsim_trace_find_next (t, &f, 0); i >= 0; i = fsim_trace_find_next (t, &f, i + 1))
    g_array_append_val (fwd, i);
  ck_assert_uint_eq (fwd->len, 8);
  for (guint j = 0; j < fwd->len; j++)
    ck_assert_int_eq (g_array_index (fwd, gint64, j), (j / 2) * 6 + 2 + j % 2);

  /* backward gives the same records reversed */
  guint j = fwd->len;
  for (gint64 i = fsim_trace_find_prev (t, &f, fsim_trace_count (t) - 1); i >= 0;
       i = fsim_trace_find_prev (t, &f, i - 1))
    ck_assert_int_eq (i, g_array_index (fwd, gint64, --j));
  ck_assert_uint_eq (j, 0);

  /* kind and subject together: barriers of checkpoint 3 */
  FsimTraceFilter cp = FSIM_TRACE_FILTER_INIT;
  cp.kind = &test_kinds[K_BARRIER];
  cp.checkpoint = 3;
  ck_assert_int_eq (fsim_trace_find_next (t, &cp, 0), 13);
  ck_assert_int_eq (fsim_trace_find_next (t, &cp, 14), 15);
  ck_assert_int_eq (fsim_trace_find_next (t, &cp, 18), -1);
  ck_assert_int_eq (fsim_trace_find_prev (t, &cp, 23), 17);
  ck_assert_int_eq (fsim_trace_find_prev (t, &cp, 12), -1);

  /* NULL filter matches all; out-of-range starts */
  ck_assert_int_eq (fsim_trace_find_next (t, NULL, -7), 0);
  ck_assert_int_eq (fsim_trace_find_next (t, NULL, 24), -1);
  ck_assert_int_eq (fsim_trace_find_prev (t, NULL, 1000), 23);
  ck_assert_int_eq (fsim_trace_find_prev (t, NULL, -1), -1);

  /* the predicate sees only records the fields already accepted */
  int calls = 0;
  FsimTraceFilter p = FSIM_TRACE_FILTER_INIT;
  p.subtask = 2;
  p.predicate = odd_seq;
  p.user_data = &calls;
  ck_assert_int_eq (fsim_trace_find_next (t, &p, 0), 5);
  ck_assert_int_eq (calls, 2);  /* seq 4, 5 */
}
END_TEST

typedef struct {
  GArray *seen;
  int notified;
  guint self_id;
  FsimTrace *trace;
} Watch;

static void
watch_record (FsimTrace *t, const FsimTraceRecord *r, gpointer user_data)
{
  Watch *w = user_data;
  ck_assert_ptr_eq (r, fsim_trace_get (t, r->seq));
  g_array_append_val (w->seen, r->seq);
}

static void
watch_notify (gpointer user_data)
{
  ((Watch *) user_data)->notified++;
}

static void
watch_once (FsimTrace *t, const FsimTraceRecord *r, gpointer user_data)
{
  Watch *w = user_data;
  g_array_append_val (w->seen, r->seq);
  fsim_trace_remove_observer (t, w->self_id);
}

START_TEST (test_trace_observers)
{
  g_autoptr (FsimTrace) t = test_trace_new ();
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  r.why = "test";
  Watch all = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0, 0, t };
  Watch once = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0, 0, t };
  guint id = fsim_trace_add_observer (t, watch_record, &all, watch_notify);
  once.self_id = fsim_trace_add_observer (t, watch_once, &once, watch_notify);
  ck_assert_uint_gt (id, 0);
  ck_assert_uint_ne (id, once.self_id);
  fsim_trace_append (t, 0, &r);
  fsim_trace_append (t, 1, &r);
  ck_assert_uint_eq (all.seen->len, 2);
  ck_assert_uint_eq (once.seen->len, 1);        /* removed itself in its callback */
  ck_assert_int_eq (once.notified, 1);
  fsim_trace_remove_observer (t, id);
  ck_assert_int_eq (all.notified, 1);
  fsim_trace_append (t, 2, &r);
  ck_assert_uint_eq (all.seen->len, 2);
  g_array_unref (all.seen);
  g_array_unref (once.seen);
}
END_TEST

/* The canonical line, written out by hand from the format in sim.h. */
START_TEST (test_trace_canonical_line)
{
  g_autoptr (FsimTrace) t = test_trace_new ();
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_STATE];
  r.job = 0;
  r.vertex = 2;
  r.subtask = 1;
  r.attempt = 0;
  r.taskmanager = 3;
  r.label = "Source: Socket -> Flat Map (2/4)#0";
  r.from = 0;
  r.to = 1;
  r.detail = "tab\there \"quoted\"";
  r.why = "deployed";
  fsim_trace_append (t, 1500, &r);
  g_autoptr (GString) line = g_string_new (NULL);
  fsim_trace_format_record (fsim_trace_get (t, 0), line);
  ck_assert_str_eq (line->str,
                    "0\t1500\texecution-state\t0 2 1 0 3 - - -\t"
                    "\"Source: Socket -> Flat Map (2/4)#0\"\t\"DEPLOYING\"\t\"INITIALIZING\"\t"
                    "\"tab\\there \\\"quoted\\\"\"\t\"deployed\"\n");

  /* a kind that declares typed values adds them, by name, in order */
  FsimTraceRecord b = FSIM_TRACE_RECORD_INIT;
  b.kind = &test_kinds[K_SIZED];
  b.channel = 2;
  b.values[0] = 3;
  b.values[1] = 98304;
  b.why = "full";
  fsim_trace_append (t, 1600, &b);
  g_string_truncate (line, 0);
  fsim_trace_format_record (fsim_trace_get (t, 1), line);
  ck_assert_str_eq (line->str, "1\t1600\tbuffer-sent\t- - - - - - - 2\t-\t-\t-\t-\t"
                               "\"full\"\tbuffers=3\tbytes=98304\n");
}
END_TEST

START_TEST (test_trace_digest)
{
  g_autoptr (FsimTrace) empty = fsim_trace_new ();
  g_autofree char *d0 = fsim_trace_digest (empty);
  /* SHA-256 of no bytes (FIPS 180-2 / NIST example) */
  ck_assert_str_eq (d0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  g_autoptr (FsimTrace) a = grid_trace ();
  g_autoptr (FsimTrace) b = grid_trace ();
  g_autofree char *da = fsim_trace_digest (a);
  g_autofree char *db = fsim_trace_digest (b);
  ck_assert_str_eq (da, db);

  /* the digest is SHA-256 of the concatenated canonical lines */
  g_autoptr (GString) text = g_string_new (NULL);
  for (gint64 i = 0; i < fsim_trace_count (a); i++)
    fsim_trace_format_record (fsim_trace_get (a, i), text);
  g_autofree char *direct = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, (gssize) text->len);
  ck_assert_str_eq (da, direct);

  /* one more field, a different digest; an absent string is not "-" */
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &test_kinds[K_TICK];
  r.why = "x";
  fsim_trace_append (a, 1000, &r);
  r.detail = "-";
  fsim_trace_append (b, 1000, &r);
  g_autofree char *da2 = fsim_trace_digest (a);
  g_autofree char *db2 = fsim_trace_digest (b);
  ck_assert_str_ne (da2, db2);
}
END_TEST

START_TEST (test_sim_trace_uses_clock)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimTrace *t = fsim_sim_get_trace (sim);
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  fsim_trace_register_kinds (t, test_kinds, K_COUNT);
  r.kind = &test_kinds[K_TICK];
  r.why = "test";
  fsim_sim_run_until (sim, 42);
  ck_assert_int_eq (fsim_sim_trace (sim, &r), 0);
  ck_assert_int_eq (fsim_trace_get (t, 0)->time_us, 42);
  /* the trace outlives the sim when referenced */
  FsimTrace *kept = fsim_trace_ref (t);
  g_clear_pointer (&sim, fsim_sim_free);
  ck_assert_int_eq (fsim_trace_count (kept), 1);
  fsim_trace_unref (kept);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Determinism                                                               */

START_TEST (test_same_seed_same_digest)
{
  g_autofree char *a = fsim_test_sim_scenario_digest (2024, 16, 2000000);
  g_autofree char *b = fsim_test_sim_scenario_digest (2024, 16, 2000000);
  g_autofree char *c = fsim_test_sim_scenario_digest (2025, 16, 2000000);
  ck_assert_str_eq (a, b);
  ck_assert_str_ne (a, c);
}
END_TEST

/* No globals: two simulations advanced alternately, in slices, give the
 * same traces as each run alone in one go. */
START_TEST (test_two_sims_interleaved)
{
  g_autofree char *alone_a = fsim_test_sim_scenario_digest (1, 8, 500000);
  g_autofree char *alone_b = fsim_test_sim_scenario_digest (2, 8, 500000);

  g_autoptr (FsimSim) a = fsim_sim_new (1);
  g_autoptr (FsimSim) b = fsim_sim_new (2);
  FsimTestScenario *sa = fsim_test_scenario_new (a, 8);
  FsimTestScenario *sb = fsim_test_scenario_new (b, 8);
  for (gint64 horizon = 0; horizon <= 500000; horizon += 37000)
    {
      fsim_sim_run_until (a, horizon);
      fsim_sim_run_until (b, horizon);
    }
  fsim_sim_run_until (a, 500000);
  fsim_sim_run_until (b, 500000);
  fsim_test_scenario_free (sa);
  fsim_test_scenario_free (sb);
  g_autofree char *da = fsim_trace_digest (fsim_sim_get_trace (a));
  g_autofree char *db = fsim_trace_digest (fsim_sim_get_trace (b));
  ck_assert_str_eq (da, alone_a);
  ck_assert_str_eq (db, alone_b);
  ck_assert_int_gt (fsim_trace_count (fsim_sim_get_trace (a)), 1000);
}
END_TEST

/* A measured duration reads in the unit a learner compares it with: below
 * a millisecond in microseconds (the trace's clock), below a second in
 * milliseconds to a tenth, below a minute in seconds to the millisecond
 * (as fsim_time_format writes a time, so "trigger at 1.000 s, 2.244 s
 * after" adds up), then minutes. The values are rounded: 325747 us is
 * 325.747 ms, to a tenth 325.7; 6717846 us is 6.717846 s, 6.718. */
START_TEST (test_duration_text)
{
  static const struct {
    gint64 us;
    const char *text;
  } cases[] = {
    { 0, "0 us" }, { 999, "999 us" }, { 1000, "1.0 ms" }, { 325747, "325.7 ms" },
    { 999949, "999.9 ms" }, { G_USEC_PER_SEC, "1.000 s" }, { 6717846, "6.718 s" },
    { 36303556, "36.304 s" }, { 90 * G_USEC_PER_SEC, "1.5 min" }, { -2500, "-2.5 ms" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fsim_duration_text (cases[i].us);
      ck_assert_str_eq (text, cases[i].text);
    }
}
END_TEST

static Suite *
sim_suite (void)
{
  Suite *s = suite_create ("sim");
  TCase *tc = tcase_create ("EventOrder");
  tcase_add_test (tc, test_order_by_time);
  tcase_add_test (tc, test_order_by_priority);
  tcase_add_loop_test (tc, test_ties_in_insertion_order, 0, 5);
  suite_add_tcase (s, tc);

  tc = tcase_create ("Cancel");
  tcase_add_test (tc, test_cancel_head);
  tcase_add_test (tc, test_callback_cancels_later_event);
  tcase_add_test (tc, test_cancel_self_while_running);
  tcase_add_test (tc, test_stale_handle_after_reuse);
  tcase_add_test (tc, test_free_finalizes_pending_once);
  suite_add_tcase (s, tc);

  tc = tcase_create ("RunLoop");
  tcase_add_test (tc, test_schedule_from_callback);
  tcase_add_test (tc, test_schedule_now_from_callback);
  tcase_add_test (tc, test_run_until_boundaries);
  tcase_add_test (tc, test_request_stop);
  tcase_add_test (tc, test_progress_limit);
  tcase_add_test (tc, test_step);
  suite_add_tcase (s, tc);

  tc = tcase_create ("Slabs");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_million_events_all_queued);
  tcase_add_test (tc, test_million_events_steady_state);
  suite_add_tcase (s, tc);

  tc = tcase_create ("Rng");
  tcase_add_test (tc, test_splitmix64_reference);
  tcase_add_test (tc, test_xoshiro256ss_reference);
  tcase_add_test (tc, test_seeding_reference);
  tcase_add_test (tc, test_fnv1a64_reference);
  tcase_add_test (tc, test_int_range);
  tcase_add_test (tc, test_portable_math);
  tcase_add_test (tc, test_exponential);
  tcase_add_test (tc, test_zipf);
  tcase_add_test (tc, test_rng_streams);
  suite_add_tcase (s, tc);

  tc = tcase_create ("Trace");
  tcase_add_test (tc, test_trace_kinds);
  tcase_add_test (tc, test_trace_append_and_read);
  tcase_add_test (tc, test_trace_budget);
  tcase_add_test (tc, test_trace_budget_stops_the_run);
  tcase_add_test (tc, test_trace_byte_budget);
  tcase_add_test (tc, test_trace_record_bytes_documented);
  tcase_add_test (tc, test_trace_find_time);
  tcase_add_test (tc, test_trace_first_difference);
  tcase_add_test (tc, test_trace_filter);
  tcase_add_test (tc, test_trace_observers);
  tcase_add_test (tc, test_trace_canonical_line);
  tcase_add_test (tc, test_trace_digest);
  tcase_add_test (tc, test_sim_trace_uses_clock);
  tcase_add_test (tc, test_duration_text);
  suite_add_tcase (s, tc);

  tc = tcase_create ("Determinism");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_same_seed_same_digest);
  tcase_add_test (tc, test_two_sims_interleaved);
  suite_add_tcase (s, tc);

  fsim_test_sim_channel_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (sim_suite ());
}
