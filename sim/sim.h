/* sim.h - the discrete-event engine: virtual clock, event queue, RNG, trace.
 *
 * Flink has no simulator class. What this engine stands in for is time and
 * concurrency in a real cluster: the JobManager's and each TaskManager's RPC
 * main thread (Akka/Pekko actors behind RpcEndpoint, MainThreadExecutor) and
 * every StreamTask's mailbox (MailboxProcessor, TaskMailbox) each run one
 * action at a time; flinksim models every such action as an event on ONE
 * virtual clock. Whatever would be an RPC, a timer (ScheduledExecutor), a
 * heartbeat or a mail in a mailbox is an event scheduled at a virtual time.
 * Nothing here knows a JobVertex or an ExecutionState: scheduler/ and
 * checkpoint/ drive the engine and write the trace.
 *
 *   FsimSim    owns the clock (gint64 microseconds from 0), the event queue,
 *              the seeded random numbers and the trace. No globals: two
 *              FsimSim live side by side (what-if re-runs, lesson comparisons).
 *   events     a callback + payload + payload finalizer at (time, priority).
 *              Order is (time, priority, insertion sequence) and nothing else,
 *              never a pointer, so a run is a pure function of its inputs.
 *              Cancelling is by handle; each payload is freed exactly once.
 *   FsimRng    xoshiro256** seeded through splitmix64; integer-exact on every
 *              machine; floating-point samplers use only IEEE-754 + - * /
 *              (no libm), so -O0 and -O2 give the same bits.
 *   FsimTrace  the append-only record of everything that happened, each record
 *              with its one-line *why*. Viewers read only the trace.
 *
 * Determinism contract: same seed + same sequence of API calls = byte-identical
 * trace (fsim_trace_digest). Never derive an event time from wall-clock time,
 * hash-table iteration order or an address.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Random numbers                                                            */

/* A xoshiro256** generator (Blackman & Vigna, https://prng.di.unimi.it/),
 * state filled from a 64-bit seed by four splitmix64 outputs. */
typedef struct _FsimRng FsimRng;

/* (transfer full) */
FsimRng *fsim_rng_new (guint64 seed);
void fsim_rng_free (FsimRng *rng);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimRng, fsim_rng_free)

/* The next raw 64-bit output of xoshiro256**. */
guint64 fsim_rng_next_u64 (FsimRng *rng);

/* Uniform in [0, bound), bound >= 1, without modulo bias: draws r until
 * r >= (2^64 - bound) % bound, returns r % bound (OpenBSD arc4random_uniform,
 * 64-bit). Integer only. */
guint64 fsim_rng_uniform (FsimRng *rng, guint64 bound);

/* Uniform in [lo, hi], both inclusive, lo <= hi. Integer only. */
gint64 fsim_rng_int_range (FsimRng *rng, gint64 lo, gint64 hi);

/* Uniform double in [0, 1): (next_u64 >> 11) * 2^-53. Exact. */
double fsim_rng_double (FsimRng *rng);

/* TRUE with probability p (p clamped to [0, 1]); draws one double. */
gboolean fsim_rng_bernoulli (FsimRng *rng, double p);

/* Exponential with the given mean >= 0: -mean * log1p(-U), U =
 * fsim_rng_double (one draw). log1p is flinksim's own (IEEE + - * / only), so
 * the result is the same bits everywhere. */
double fsim_rng_exponential (FsimRng *rng, double mean);

/* An exponential duration in whole microseconds: the double above rounded
 * half away from zero, clamped to [0, G_MAXINT64 / 4]. Use this (not a double)
 * for event times. */
gint64 fsim_rng_exponential_us (FsimRng *rng, gint64 mean_us);

/* Zipf rank in [1, n], P(k) proportional to 1 / k^s, s >= 0, n >= 1:
 * rejection-inversion (Hörmann & Derflinger 1996, as in Apache Commons RNG's
 * RejectionInversionZipfSampler), O(1) per sample, with flinksim's own
 * log/exp. s == 0 is uniform. Rank 1 is the most frequent. */
guint64 fsim_rng_zipf (FsimRng *rng, double s, guint64 n);

/* ------------------------------------------------------------------------ */
/* The trace                                                                 */

typedef struct _FsimTrace FsimTrace;

/* A record kind: a small id interned from a name the upper layer registers
 * ("execution-state", "job-status", "slot-offer"…). Ids are handed out in
 * registration order from 0. */
typedef guint FsimTraceKind;

/* One trace record. Subject fields are optional: -1 means "none". Strings
 * are owned by the trace (interned; pointers stay valid until the trace is
 * freed); NULL means absent. `why` is mandatory: the one line naming the
 * Flink rule that caused this record. Records returned by the trace are
 * read-only and their addresses are stable. */
typedef struct {
  gint64 time_us;       /* virtual time; non-decreasing along the trace */
  gint64 seq;           /* index in the trace, from 0 (set by the trace) */
  FsimTraceKind kind;

  gint32 job;
  gint32 vertex;        /* JobVertex index, in the upper layer's numbering */
  gint32 subtask;       /* subtask index, 0-based like Flink's */
  gint32 attempt;       /* execution attempt number */
  gint32 taskmanager;
  gint32 slot;
  gint64 checkpoint;    /* checkpoint id */
  gint32 channel;       /* input/output channel index */

  const char *label;    /* subject as Flink names it: "Map (2/4)#0" */
  const char *from;     /* state before, e.g. "DEPLOYING" */
  const char *to;       /* state after, e.g. "INITIALIZING" */
  const char *detail;   /* free text */
  const char *why;      /* mandatory, non-empty */
} FsimTraceRecord;

/* Every subject "none", kind 0, no strings. Start every record from it:
 *   FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
 *   r.kind = k; r.subtask = 2; r.why = "…";
 */
#define FSIM_TRACE_RECORD_INIT                                                \
  { .time_us = 0, .seq = -1, .kind = 0, .job = -1, .vertex = -1,             \
    .subtask = -1, .attempt = -1, .taskmanager = -1, .slot = -1,             \
    .checkpoint = -1, .channel = -1, .label = NULL, .from = NULL,            \
    .to = NULL, .detail = NULL, .why = NULL }

/* (transfer full) A standalone empty trace; a FsimSim makes its own. */
FsimTrace *fsim_trace_new (void);
FsimTrace *fsim_trace_ref (FsimTrace *trace);
void fsim_trace_unref (FsimTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTrace, fsim_trace_unref)

/* Returns the id of `name`, registering it if new. Idempotent. */
FsimTraceKind fsim_trace_kind_register (FsimTrace *trace, const char *name);
/* FALSE if `name` was never registered. */
gboolean fsim_trace_kind_lookup (FsimTrace *trace, const char *name, FsimTraceKind *out);
/* (transfer none) The name of a registered kind. */
const char *fsim_trace_kind_name (FsimTrace *trace, FsimTraceKind kind);
/* Number of registered kinds; ids are 0 .. count-1. */
guint fsim_trace_kind_count (FsimTrace *trace);

/* Appends a copy of *record at time_us (ignoring record->time_us and
 * record->seq); interns its strings. time_us must not go back in time, kind
 * must be registered, why must be non-empty (asserted). Calls the observers.
 * Returns the new record's index. */
gint64 fsim_trace_append (FsimTrace *trace, gint64 time_us, const FsimTraceRecord *record);

/* Number of records. */
gint64 fsim_trace_count (FsimTrace *trace);
/* (transfer none) Record `index`, 0 <= index < count. Stable address. */
const FsimTraceRecord *fsim_trace_get (FsimTrace *trace, gint64 index);
/* Index of the first record with time_us >= time_us (count if none);
 * binary search. */
gint64 fsim_trace_find_time (FsimTrace *trace, gint64 time_us);

/* Which records to visit. Every field defaults to "any" (-1 / NULL); a
 * record matches when every field that is set equals the record's, and the
 * predicate, if any, returns TRUE. */
typedef struct {
  gint64 kind;          /* an FsimTraceKind, or -1 for any */
  gint32 job;
  gint32 vertex;
  gint32 subtask;
  gint32 attempt;
  gint32 taskmanager;
  gint32 slot;
  gint64 checkpoint;
  gint32 channel;
  gboolean (*predicate) (const FsimTraceRecord *record, gpointer user_data);
  gpointer user_data;
} FsimTraceFilter;

#define FSIM_TRACE_FILTER_INIT                                                \
  { .kind = -1, .job = -1, .vertex = -1, .subtask = -1, .attempt = -1,       \
    .taskmanager = -1, .slot = -1, .checkpoint = -1, .channel = -1,          \
    .predicate = NULL, .user_data = NULL }

/* filter may be NULL (matches everything). */
gboolean fsim_trace_filter_matches (const FsimTraceFilter *filter, const FsimTraceRecord *record);
/* Index of the first matching record at or after `from`, or -1.
 * Stepping forward from cursor i: fsim_trace_find_next (t, f, i + 1). */
gint64 fsim_trace_find_next (FsimTrace *trace, const FsimTraceFilter *filter, gint64 from);
/* Index of the last matching record at or before `from`, or -1.
 * Stepping backward from cursor i: fsim_trace_find_prev (t, f, i - 1). */
gint64 fsim_trace_find_prev (FsimTrace *trace, const FsimTraceFilter *filter, gint64 from);

/* Called after each append, in registration order, with the stored record. */
typedef void (*FsimTraceObserver) (FsimTrace *trace, const FsimTraceRecord *record,
                                   gpointer user_data);
/* Returns an id > 0 for fsim_trace_remove_observer. notify (may be NULL)
 * frees user_data on removal or when the trace is freed. */
guint fsim_trace_add_observer (FsimTrace *trace, FsimTraceObserver observer,
                               gpointer user_data, GDestroyNotify notify);
void fsim_trace_remove_observer (FsimTrace *trace, guint id);

/* Appends the canonical one-line form of a record (the bytes the digest
 * hashes), ending in '\n':
 *   seq \t time_us \t kind-name \t job vertex subtask attempt taskmanager
 *   slot checkpoint channel (space separated, -1 as "-") \t label \t from
 *   \t to \t detail \t why
 * strings double-quoted and g_strescape'd, absent strings as "-". */
void fsim_trace_format_record (FsimTrace *trace, const FsimTraceRecord *record, GString *out);
/* (transfer full) Lowercase hex SHA-256 of every record's canonical line, in
 * order. Equal digests = byte-identical traces. */
char *fsim_trace_digest (FsimTrace *trace);

/* ------------------------------------------------------------------------ */
/* The simulation: clock, events, run loop                                   */

typedef struct _FsimSim FsimSim;

/* A pending event's handle. Never 0; stays unique (slot + generation), so a
 * handle of an event that already ran or was cancelled is harmlessly stale. */
typedef guint64 FsimEventId;
#define FSIM_EVENT_NONE ((FsimEventId) 0)

/* Lower priority runs first among events at the same time; equal (time,
 * priority) run in the order they were scheduled. Upper layers choose the
 * values; the engine gives them no meaning. */
#define FSIM_PRIORITY_DEFAULT 0

/* Runs at the event's time; fsim_sim_now() is that time. The payload's
 * finalizer runs right after the callback returns. */
typedef void (*FsimEventFunc) (FsimSim *sim, gpointer payload);

/* (transfer full) A simulation at time 0 with an empty queue and trace. */
FsimSim *fsim_sim_new (guint64 seed);
/* Frees the pending events' payloads (finalizers run in queue order) and
 * drops the sim's reference to its trace. Not from inside a callback. */
void fsim_sim_free (FsimSim *sim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimSim, fsim_sim_free)

gint64 fsim_sim_now (FsimSim *sim);
guint64 fsim_sim_seed (FsimSim *sim);
/* (transfer none) The trace; fsim_trace_ref it to keep it after the sim. */
FsimTrace *fsim_sim_get_trace (FsimSim *sim);
/* (transfer none) The sim's main generator, seeded from the seed. */
FsimRng *fsim_sim_get_rng (FsimSim *sim);
/* (transfer none) An independent generator for one named component
 * ("faults", "source-3"…), created on first use as
 * fsim_rng_new (seed XOR fnv1a64 (name)) (FNV-1a, 64 bit, over the name's
 * bytes). Drawing from one stream never shifts another, so a what-if re-run
 * that adds draws somewhere keeps the rest. */
FsimRng *fsim_sim_rng_stream (FsimSim *sim, const char *name);

/* Schedules func(payload) at time_us >= now. payload_free (may be NULL)
 * runs exactly once: after the callback, on cancel, or at fsim_sim_free. */
FsimEventId fsim_sim_schedule_at (FsimSim *sim, gint64 time_us, gint priority,
                                  FsimEventFunc func, gpointer payload,
                                  GDestroyNotify payload_free);
/* Same, at now + delay_us (delay_us >= 0). */
FsimEventId fsim_sim_schedule_in (FsimSim *sim, gint64 delay_us, gint priority,
                                  FsimEventFunc func, gpointer payload,
                                  GDestroyNotify payload_free);
/* Cancels a pending event: its payload is freed now, its queue entry is
 * dropped when it reaches the head. FALSE (and nothing happens) if the
 * event already ran, is running, was cancelled, or id is FSIM_EVENT_NONE. */
gboolean fsim_sim_cancel (FsimSim *sim, FsimEventId id);
/* TRUE if id names an event that is scheduled and not cancelled. */
gboolean fsim_sim_is_pending (FsimSim *sim, FsimEventId id);

/* Number of pending (not cancelled) events. */
guint fsim_sim_pending_count (FsimSim *sim);
/* Time of the next pending event; FALSE if there is none. */
gboolean fsim_sim_peek_time (FsimSim *sim, gint64 *time_us);
/* Number of events run so far. */
guint64 fsim_sim_events_run (FsimSim *sim);

typedef enum {
  FSIM_RUN_EMPTY,       /* no pending event left */
  FSIM_RUN_TIME_LIMIT,  /* pending events remain, all after the limit */
  FSIM_RUN_STOPPED,     /* a callback called fsim_sim_request_stop */
  FSIM_RUN_NO_PROGRESS, /* the progress limit: that many events in a row
                         * appended no trace record and noted no progress */
} FsimRunResult;

/* The limit on events without progress (0, the default: none). An engine
 * whose events neither append a trace record nor call
 * fsim_sim_note_progress only spins (a timer rescheduling itself with
 * nothing to do); a run stops after max_events such events in a row with
 * FSIM_RUN_NO_PROGRESS, and again after each further event without progress,
 * so the caller can say why in the trace. The count survives between runs. */
void fsim_sim_set_progress_limit (FsimSim *sim, guint64 max_events);
/* From a callback: this event made progress (a state change that writes no
 * trace record); resets the count of events without progress. */
void fsim_sim_note_progress (FsimSim *sim);
/* Events run since the last progress (trace record or note); counted only
 * while a limit is set. */
guint64 fsim_sim_events_without_progress (FsimSim *sim);

/* Runs every event with time <= limit_us (an event exactly at the limit
 * runs), then, unless stopped, sets the clock to limit_us (if later than now).
 * Stopped: the clock stays at the stopping event's time. */
FsimRunResult fsim_sim_run_until (FsimSim *sim, gint64 limit_us);
/* Runs until the queue is empty or a callback asks to stop. */
FsimRunResult fsim_sim_run (FsimSim *sim);
/* Runs exactly one event (skipping cancelled entries). FALSE if none was
 * pending. For viewers driving the engine one event at a time. */
gboolean fsim_sim_step (FsimSim *sim);
/* From a callback: the running fsim_sim_run / _run_until returns
 * FSIM_RUN_STOPPED after this callback. The request is cleared when a run
 * starts. */
void fsim_sim_request_stop (FsimSim *sim);

/* fsim_trace_append (fsim_sim_get_trace (sim), fsim_sim_now (sim), record). */
gint64 fsim_sim_trace (FsimSim *sim, const FsimTraceRecord *record);

G_END_DECLS
