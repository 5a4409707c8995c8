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
 *              with its one-line *why* and a typed kind (a descriptor its
 *              writer owns), within a record budget. Viewers read only the
 *              trace.
 *   FsimChannel one producer -> one consumer: FIFO items (data buffers and
 *              in-band events) with credits, latency and block/resume; the
 *              data plane's wire (Netty / LocalInputChannel).
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
/* Starts rng over as fsim_rng_new (seed) would: a draw that must be a
 * function of a record (its key, its disorder), whatever came before. */
void fsim_rng_reseed (FsimRng *rng, guint64 seed);
/* One splitmix64 step from x: a 64-bit mix, to build such seeds. */
guint64 fsim_mix64 (guint64 x);
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

/* --- Kinds are typed ---------------------------------------------------- */
/*
 * Every record has a kind, and a kind is a descriptor: a static, read-only
 * struct in a table owned by the module that writes records of that kind
 * (the scheduler's in scheduler/trace-kinds.c, the checkpoint coordinator's
 * in checkpoint/, the trace's own below). A viewer decides what a record
 * means from its descriptor — its flags, its state machine, its value
 * fields, or its identity (r->kind == the descriptor a module exports) —
 * never from how its name is spelt. The name is for people, the canonical
 * text and `--filter kind=`.
 */

/* What a state of a machine looks like: one state-to-colour function in the
 * viewers maps a tone to a colour, whatever the machine. */
typedef enum {
  FSIM_TONE_NEUTRAL,            /* nothing to say */
  FSIM_TONE_WAITING,            /* exists, waits for something (CREATED, idle) */
  FSIM_TONE_PENDING,            /* asked for, not there yet (SCHEDULED) */
  FSIM_TONE_STARTING,           /* on its way (DEPLOYING) */
  FSIM_TONE_PREPARING,          /* getting ready where it runs (INITIALIZING) */
  FSIM_TONE_ACTIVE,             /* doing its work (RUNNING, busy) */
  FSIM_TONE_HELD,               /* held back from downstream (backpressured) */
  FSIM_TONE_BLOCKED,            /* holds its own input back (aligning barriers) */
  FSIM_TONE_DONE,               /* ended well (FINISHED) */
  FSIM_TONE_STOPPING,           /* being stopped (CANCELING, FAILING) */
  FSIM_TONE_STOPPED,            /* stopped on purpose (CANCELED, SUSPENDED) */
  FSIM_TONE_RECOVERING,         /* failed, coming back (RESTARTING) */
  FSIM_TONE_FAILED,             /* ended badly (FAILED) */
  FSIM_TONE_COUNT
} FsimTone;

/* DONE, STOPPED and FAILED are given only to final states (nothing leaves
 * them): a viewer draws those as an end, not as a span. */
gboolean fsim_tone_is_final (FsimTone tone);

/* A state machine whose states a record's from / to are. The writer owns it
 * (static); states are the writer's enum values 0 .. n_states-1. */
typedef struct {
  const char *name;             /* "ExecutionState" */
  int n_states;
  const char *const *states;    /* [n_states]: the names, verbatim Flink's */
  const FsimTone *tones;        /* [n_states] */
} FsimStateMachine;

/* (transfer none) The name of state s of m, or NULL when s is -1. */
const char *fsim_state_machine_state_name (const FsimStateMachine *m, int state);
/* The state named `name`, or -1. */
int fsim_state_machine_lookup (const FsimStateMachine *m, const char *name);

/* Roles of a kind; a kind may have several. */
typedef enum {
  FSIM_KIND_STATE_CHANGE = 1 << 0, /* from / to are states of kind->machine */
  FSIM_KIND_FAILURE = 1 << 1,      /* something failed, was lost or timed out */
  FSIM_KIND_MARKER = 1 << 2,       /* an instant a timeline marks (a fault, a barrier) */
  FSIM_KIND_SPAN_BEGIN = 1 << 3,   /* opens a span of its subject (a checkpoint) */
  FSIM_KIND_SPAN_END = 1 << 4,     /* closes it (with FAILURE: it ended badly) */
  FSIM_KIND_PROGRESS = 1 << 5,     /* a step within an open span (an acknowledgement) */
  FSIM_KIND_RUN_END = 1 << 6,      /* the run stopped here (time limit, budget) */
  FSIM_KIND_VERDICT = 1 << 7,      /* a judgement on the whole run (exactly-once):
                                    * values[0] names what is judged (an
                                    * enumeration), values[1] is a bool, it holds */
  FSIM_KIND_SAMPLE = 1 << 8,       /* a periodic measurement (metric samples): a
                                    * story view leaves it out unless asked */
} FsimTraceKindFlags;

/* How many typed numeric fields a record has. */
#define FSIM_TRACE_N_VALUES 8

/* What one numeric field of a kind means. A field with name NULL is unused
 * (its value is 0 and nobody shows it). */
typedef struct {
  const char *name;             /* JSON member name: "buffers", "delay_us" */
  const char *unit;             /* "buffers", "bytes", "credits", "us", "records", "slots";
                                 * "bool": 0 or 1, written false / true */
  const char *doc;              /* a few words */
  const char *const *names;     /* an enumeration: the value indexes it, and
                                 * names[value] is written; NULL: a number */
} FsimTraceValueDesc;


typedef struct _FsimTraceKindDesc FsimTraceKindDesc;
struct _FsimTraceKindDesc {
  const char *name;             /* "execution-state": unique over all modules */
  const char *module;           /* who writes it: "sim", "scheduler", "checkpoint" */
  const char *doc;              /* one line, for `flinksim run --kinds` */
  guint flags;                  /* FsimTraceKindFlags */
  const FsimStateMachine *machine; /* STATE_CHANGE: what from / to are; else NULL */
  int component;                /* where it happens, in the writer's terms
                                 * (the scheduler's FsimComponent) */
  FsimTraceValueDesc values[FSIM_TRACE_N_VALUES];
};

/* A record's kind is a pointer to its (static) descriptor. */
typedef const FsimTraceKindDesc *FsimTraceKind;

/* The trace's own kinds. */
/* "trace-budget": the trace reached its record budget
 * (fsim_trace_set_budget); the run ends here. */
extern const FsimTraceKindDesc fsim_trace_kind_budget;

/* One trace record. Subject fields are optional: -1 means "none". Strings
 * are owned by the trace (interned; pointers stay valid until the trace is
 * freed); NULL means absent. `why` is mandatory: the one line naming the
 * Flink rule that caused this record. Records returned by the trace are
 * read-only and their addresses are stable. */
typedef struct {
  gint64 time_us;       /* virtual time; non-decreasing along the trace */
  gint64 seq;           /* index in the trace, from 0 (set by the trace) */
  FsimTraceKind kind;   /* never NULL */

  gint32 job;
  gint32 vertex;        /* JobVertex index, in the upper layer's numbering */
  gint32 subtask;       /* subtask index, 0-based like Flink's */
  gint32 attempt;       /* execution attempt number */
  gint32 taskmanager;
  gint32 slot;
  gint64 checkpoint;    /* checkpoint id */
  gint32 channel;       /* input/output channel index */
  gint32 from;          /* STATE_CHANGE kinds: state before, in kind->machine; -1 none */
  gint32 to;            /* STATE_CHANGE kinds: state after; -1 none */

  gint64 values[FSIM_TRACE_N_VALUES]; /* meaning and unit: kind->values[i] */

  const char *label;    /* subject as Flink names it: "Map (2/4)#0" */
  const char *detail;   /* free text */
  const char *why;      /* mandatory, non-empty */
} FsimTraceRecord;

/* Every subject "none", no kind, no strings. Start every record from it:
 *   FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
 *   r.kind = &my_kinds[K]; r.subtask = 2; r.why = "…";
 */
#define FSIM_TRACE_RECORD_INIT                                                \
  { .time_us = 0, .seq = -1, .kind = NULL, .job = -1, .vertex = -1,          \
    .subtask = -1, .attempt = -1, .taskmanager = -1, .slot = -1,             \
    .checkpoint = -1, .channel = -1, .from = -1, .to = -1,                   \
    .values = { 0 }, .label = NULL, .detail = NULL, .why = NULL }

/* How a writer shows value i of r: a name, "true" / "false", or NULL for
 * a plain number. (transfer none) */
const char *fsim_trace_value_text (const FsimTraceRecord *r, int i);

/* (transfer none) The names of r's from / to states, or NULL. */
const char *fsim_trace_record_from_name (const FsimTraceRecord *r);
const char *fsim_trace_record_to_name (const FsimTraceRecord *r);

/* (transfer full) A standalone empty trace; a FsimSim makes its own. */
FsimTrace *fsim_trace_new (void);
FsimTrace *fsim_trace_ref (FsimTrace *trace);
void fsim_trace_unref (FsimTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTrace, fsim_trace_unref)

/* Makes a writer's table known to the trace (for lookups by name and for
 * listing); a writer registers its table before it appends. Registering the
 * same table again does nothing; a name already taken by another
 * descriptor is a programmer error (asserted). The trace's own kinds are
 * registered at creation. */
void fsim_trace_register_kinds (FsimTrace *trace, const FsimTraceKindDesc *table, gsize n);
/* The registered descriptor named `name`, or NULL. */
FsimTraceKind fsim_trace_kind_lookup (FsimTrace *trace, const char *name);
/* Registered kinds, in registration order: 0 .. count-1. */
guint fsim_trace_kind_count (FsimTrace *trace);
FsimTraceKind fsim_trace_kind_nth (FsimTrace *trace, guint index);

/* The budget: the trace keeps every record in memory, so it takes at most
 * max_records (0: no bound; the default is FSIM_TRACE_DEFAULT_BUDGET). The
 * last of them is a trace-budget record the trace writes itself, naming
 * `key` (the configuration key that raises the limit, "sim.max-trace-records")
 * so a writer's append after that is dropped (it returns -1) and
 * fsim_trace_is_full becomes TRUE; a FsimSim's run loop stops then. One
 * record takes FSIM_TRACE_RECORD_BYTES bytes of memory plus its new
 * strings (interned once). */
#define FSIM_TRACE_DEFAULT_BUDGET 1000000
/* sizeof (FsimTraceRecord) on a 64-bit machine (its share of the block
 * index is 8 bytes per 1024 records); tests/check_sim.c checks it. */
#define FSIM_TRACE_RECORD_BYTES 160
void fsim_trace_set_budget (FsimTrace *trace, gint64 max_records, const char *key);
/* The same by memory: the records (FSIM_TRACE_RECORD_BYTES each) and the
 * texts they added (each distinct text once, with its NUL) stay within
 * max_bytes (0: no bound); the record that would pass it is replaced by the
 * trace-budget record, naming `key` ("sim.max-trace-bytes"). */
#define FSIM_TRACE_DEFAULT_BYTE_BUDGET (G_GINT64_CONSTANT (512) << 20)
void fsim_trace_set_byte_budget (FsimTrace *trace, gint64 max_bytes, const char *key);
/* The bytes the budget counts so far. */
gint64 fsim_trace_get_bytes (FsimTrace *trace);
gint64 fsim_trace_get_budget (FsimTrace *trace);
gboolean fsim_trace_is_full (FsimTrace *trace);

/* Appends a copy of *record at time_us (ignoring record->time_us and
 * record->seq); interns its strings. time_us must not go back in time,
 * kind must be set, why must be non-empty, from / to must be states of a
 * STATE_CHANGE kind's machine and -1 otherwise, unused values must be 0
 * (asserted). Calls the observers. Returns the new record's index, or -1
 * when the budget was already spent (the record is dropped). */
gint64 fsim_trace_append (FsimTrace *trace, gint64 time_us, const FsimTraceRecord *record);

/* Number of records. */
gint64 fsim_trace_count (FsimTrace *trace);
/* (transfer none) Record `index`, 0 <= index < count. Stable address. */
const FsimTraceRecord *fsim_trace_get (FsimTrace *trace, gint64 index);
/* Index of the first record with time_us >= time_us (count if none);
 * binary search. */
gint64 fsim_trace_find_time (FsimTrace *trace, gint64 time_us);
/* Whether two records say the same: kind, time, subjects, states and
 * values; never their text (label, detail, why). */
gboolean fsim_trace_record_same (const FsimTraceRecord *a, const FsimTraceRecord *b);
/* Where two runs start to differ: the first index whose records are not
 * the same, the shorter trace's count when it is a prefix of the other,
 * or -1 when the traces are the same. */
gint64 fsim_trace_first_difference (FsimTrace *a, FsimTrace *b);

/* Which records to visit. Every field defaults to "any" (-1 / NULL); a
 * record matches when every field that is set equals the record's, and the
 * predicate, if any, returns TRUE. */
typedef struct {
  FsimTraceKind kind;   /* a descriptor, or NULL for any */
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
  { .kind = NULL, .job = -1, .vertex = -1, .subtask = -1, .attempt = -1,     \
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

/* Called after each append, in registration order, with the stored record.
 * Observers only view: nothing may drive simulated behaviour from one. */
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
 *   \t to \t detail \t why [\t name=value ...]
 * strings double-quoted and g_strescape'd, absent strings as "-"; from / to
 * as their state names; the typed values only for kinds that declare some,
 * each as name=value in declaration order. */
void fsim_trace_format_record (const FsimTraceRecord *record, GString *out);
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
/* A virtual time as every viewer shows it (the text log, the TUI, DOT
 * labels, messages): seconds with milliseconds, "12.056 s", truncated to
 * the millisecond (the trace keeps the microseconds). (transfer full) */
char *fsim_time_format (gint64 time_us);
/* A measured duration as every viewer reads it: "850 us", "325.7 ms",
 * "6.718 s" (milliseconds, as fsim_time_format), "1.5 min" from a minute
 * on. Rounded; not parsed back (a configured duration reads as Flink's
 * TimeUtils writes it: fsim_duration_format). (transfer full) */
char *fsim_duration_text (gint64 us);
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
/* The seed fsim_sim_rng_stream would give the stream name: for a caller
 * that reseeds its own generator per record. */
guint64 fsim_sim_seed_of (FsimSim *sim, const char *name);
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
  FSIM_RUN_TRACE_FULL,  /* the trace spent its budget (fsim_trace_set_budget) */
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
 * Stopped, or the trace full: the clock stays at the last event's time. A
 * full trace ends every run: no event runs once it is full. */
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

/* ------------------------------------------------------------------------ */
/* Channels: one producer -> one consumer, FIFO, credits, block/resume       */
/*
 * An FsimChannel carries opaque items from one producer to one consumer, in
 * FIFO order, each delivered as a sim event. It knows no records, barriers or
 * partitions: the data plane (scheduler/) gives items their meaning. What it
 * will stand for in Flink's network stack:
 *
 *   producer queue   a ResultSubpartition (PipelinedSubpartition): finished
 *                    buffers and events waiting to be handed out, in order.
 *   the wire         the Netty channel between two TaskManagers (remote) or
 *                    the in-memory hand-over of LocalInputChannel (local):
 *                    every item takes the channel's latency, which the data
 *                    plane takes from sim.network-latency (remote, 100 µs)
 *                    or sim.local-channel-latency (local, 0: no Netty).
 *   consumer side    RemoteInputChannel / LocalInputChannel: what arrived and
 *                    was not yet handed to the consumer.
 *   credits          CreditBasedSequenceNumberingViewReader's
 *                    numCreditsAvailable on the producer side, replenished by
 *                    AddCredit messages the consumer's
 *                    CreditBasedPartitionRequestClientHandler writes.
 *
 * An item is a payload + its finalizer + a size in bytes + flags:
 *
 *   data (no flag)   needs one credit on a credited channel. Flink's
 *                    getNextBuffer decrements numCreditsAvailable only for
 *                    isBuffer() buffers, and the receiver copies only those
 *                    into a pooled (credit-backed) buffer (NettyMessage's
 *                    BufferResponse: events get unpooled memory).
 *   FSIM_CHANNEL_EVENT  in-band, needs no credit, but overtakes nothing: it
 *                    leaves only when it is at the head of the producer queue
 *                    (PipelinedSubpartition.getAvailabilityAndBacklog without
 *                    credit = "the next buffer is an event"). In Flink events
 *                    are serialized into buffers too (EventSerializer); the
 *                    difference that matters, and the one kept, is the credit.
 *   FSIM_CHANNEL_BLOCKS  (with or without EVENT) once this item is handed out
 *                    the producer sends nothing more, and once it is delivered
 *                    the consumer side is blocked, until the consumer calls
 *                    fsim_channel_resume. Flink: a blocking-upstream buffer
 *                    (Buffer.DataType.isBlockingUpstream, the aligned
 *                    checkpoint barrier) sets PipelinedSubpartition.isBlocked
 *                    when polled; CheckpointedInputGate.resumeConsumption ->
 *                    RemoteInputChannel.resumeConsumption sends a
 *                    ResumeConsumption message that clears it.
 *
 * Rules, each with the function that applies it:
 *
 *   - fsim_channel_send appends to the producer queue and hands out at once
 *     every head item it may: not while the producer side is blocked; a data
 *     item only with a credit (one spent per data item); an event regardless
 *     of credit, but only from the head. Uncredited channels
 *     (FSIM_CHANNEL_UNCREDITED, as LocalInputChannel: no receiver buffers,
 *     no credits) hand out every head item unless blocked.
 *   - An item handed out at time t is delivered at t + latency, as its own
 *     sim event, scheduled when it is handed out (priority
 *     FSIM_PRIORITY_DEFAULT). The latency is fixed per channel, so delivery
 *     times never decrease along a channel, and equal times run in the order
 *     they were scheduled: FIFO holds with equal times and with latency 0.
 *     Between channels, equal delivery times run in hand-out order (held
 *     items aside: they are handed over at the resume, below).
 *   - Messages from consumer to producer (fsim_channel_add_credit, and the
 *     resume of a producer blocked by a BLOCKS item) take the same latency
 *     back, as AddCredit and ResumeConsumption do over the same Netty
 *     connection; credits sent at t can be spent from t + latency.
 *   - fsim_channel_block (the consumer, when not blocked): items that
 *     arrive while the consumer side is blocked wait there, counted as held,
 *     and are handed over in order after fsim_channel_resume, in one sim
 *     event at the resume's time. The producer is not told (Flink sends no such
 *     message; IndexedInputGate.blockConsumption is a no-op, because the
 *     producer blocked itself on the barrier): credits still bound what piles
 *     up. The delivery of a BLOCKS item blocks the consumer side the same
 *     way, before the callback runs (which may resume at once, as Flink does
 *     for an obsolete barrier).
 *   - fsim_channel_resume (consumer side blocked, asserted, as
 *     PipelinedSubpartition.resumeConsumption's checkState): unblocks the
 *     consumer side now; if a delivered BLOCKS item blocked the producer,
 *     the producer is unblocked at now + latency and sends on from there.
 *
 * Ownership: the channel owns every payload until it is delivered; the
 * delivery callback receives it (transfer full) with its finalizer and frees
 * it when the consumer is done (Flink recycles a received buffer only after
 * the task has deserialized it). fsim_channel_free runs the finalizers of
 * every item not yet delivered, in send order (held, in flight, queued), and
 * cancels the channel's pending events. So every payload is freed exactly
 * once. A channel must be freed before its FsimSim, and never from inside its
 * own callbacks.
 *
 * Scale: an FsimChannel is at most 224 bytes (64-bit), plus 80 per item it
 * holds (tests/sim-channel.c pins both). An all-to-all edge of 10^4 x 10^4
 * subtasks has 10^8 channels (issue 18), so channels are meant to be created
 * lazily, when a channel first carries something (its producer's first send
 * or its consumer's first credit); nothing here is per possible channel. The
 * data plane's lookup of existing channels must not be iterated to decide
 * behaviour (hash order); walk channels in producer/consumer index order.
 *
 * Not modelled (yet): bandwidth and the round robin of the readers sharing
 * one Netty connection (PartitionRequestQueue.availableReaders): every item
 * takes exactly the latency, however many are in flight; backlog-driven
 * floating buffers are the consumer's business (the backlog is reported with
 * each delivered item); Flink's reset of credits on resume when the initial
 * credit is 0 (not the streaming default). Priority items that overtake
 * (unaligned barriers: PrioritizedDeque's priority section) are
 * FSIM_CHANNEL_PRIORITY | FSIM_CHANNEL_EVENT: such an item goes behind
 * earlier priority items at the head of the producer queue (and of the
 * held items) and needs no credit, but still waits while the producer side
 * is blocked (PipelinedSubpartition.pollBuffer returns nothing while
 * isBlocked, priority or not). Items already on the wire are not overtaken
 * (one TCP connection); putting a priority item at the head of what the
 * consumer has received (RemoteInputChannel.onBuffer) is the consumer's
 * business.
 *
 * Channels write no trace records: the data plane writes them, with the why.
 */

typedef struct _FsimChannel FsimChannel;

typedef enum {
  FSIM_CHANNEL_DATA = 0,                /* a data buffer: one credit */
  FSIM_CHANNEL_EVENT = 1 << 0,          /* in-band, no credit */
  FSIM_CHANNEL_BLOCKS = 1 << 1,         /* blocks the channel until resumed */
  FSIM_CHANNEL_PRIORITY = 1 << 2,       /* with EVENT: overtakes queued and held items */
} FsimChannelFlags;

/* initial_credit of a channel without credit-based flow control. */
#define FSIM_CHANNEL_UNCREDITED (-1)

/* An item as the callbacks see it. */
typedef struct {
  gpointer payload;             /* deliver: (transfer full); sent: (transfer none) */
  GDestroyNotify payload_free;  /* frees payload; may be NULL */
  gsize bytes;                  /* the size the producer declared */
  guint flags;                  /* FsimChannelFlags */
  guint64 seq;                  /* 0, 1, 2… in send order on this channel */
  gint64 sent_us;               /* when it was handed out */
  guint backlog;                /* data items left in the producer queue when it
                                 * was handed out (Flink's buffersInBacklog) */
} FsimChannelItem;

/* The consumer's callback, at the delivery time (fsim_sim_now). It owns
 * item->payload from now on and frees it with item->payload_free. It may
 * send, grant credits, block or resume (this channel too), but not free this
 * channel. */
typedef void (*FsimChannelDeliverFunc) (FsimChannel *channel, FsimChannelItem *item,
                                        gpointer user_data);
/* The producer's optional callback when an item leaves the producer queue
 * (remote Flink recycles the sender's buffer once Netty has written it). The
 * payload still belongs to the channel. */
typedef void (*FsimChannelSentFunc) (FsimChannel *channel, const FsimChannelItem *item,
                                     gpointer user_data);

/* (transfer full) A channel of `sim` with the given latency (>= 0 µs) and the
 * producer's initial credit (>= 0: Flink's initialCredit = the exclusive
 * buffers, 2 by default; or FSIM_CHANNEL_UNCREDITED). deliver is mandatory. */
FsimChannel *fsim_channel_new (FsimSim *sim, gint64 latency_us, gint initial_credit,
                               FsimChannelDeliverFunc deliver, gpointer user_data);
/* Runs the finalizers of the undelivered items and cancels pending events. */
void fsim_channel_free (FsimChannel *channel);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimChannel, fsim_channel_free)

/* sent may be NULL (the default). */
void fsim_channel_set_sent_func (FsimChannel *channel, FsimChannelSentFunc sent,
                                 gpointer user_data);

/* The producer: appends an item (payload (transfer full), freed exactly once
 * by payload_free, which may be NULL) and hands out what the rules allow.
 * FSIM_CHANNEL_PRIORITY is refused (asserted). Returns the item's seq. */
guint64 fsim_channel_send (FsimChannel *channel, gpointer payload, gsize bytes, guint flags,
                           GDestroyNotify payload_free);

/* The producer: the queued event seq becomes a priority one (no longer
 * BLOCKS) and moves ahead of the queued data, which is not overtaken
 * otherwise (PipelinedSubpartition.alignedBarrierTimeout converting a
 * timeoutable barrier). Returns its payload (still the channel's; the
 * caller may change what it says) and the bytes of the non-priority items
 * it overtook, or NULL if seq is not queued (it left). */
gpointer fsim_channel_prioritize (FsimChannel *channel, guint64 seq, guint64 *overtaken_bytes);
/* The producer: calls func (payload, data) on every data item in its
 * queue ahead of item before_seq (G_MAXUINT64: all), oldest first: what
 * a priority event overtakes. */
void fsim_channel_foreach_queued_data (FsimChannel *channel, guint64 before_seq, GFunc func,
                                       gpointer data);
/* The consumer: grants n >= 1 credits, usable by the producer from
 * now + latency. Credited channels only (asserted). */
void fsim_channel_add_credit (FsimChannel *channel, guint n);
/* The consumer: blocks its side now (not already blocked, asserted). */
void fsim_channel_block (FsimChannel *channel);
/* The consumer: resumes a blocked channel (asserted), see the rules above. */
void fsim_channel_resume (FsimChannel *channel);
/* TRUE while the consumer side is blocked (by fsim_channel_block or by a
 * delivered BLOCKS item) and not resumed. */
gboolean fsim_channel_is_blocked (FsimChannel *channel);

/* Where a channel's items are, for backpressure metrics (Flink's
 * outputQueueLength / outputQueueSize at the producer, inputQueueLength /
 * inputQueueSize at the consumer), and its credit. */
typedef struct {
  guint queued_items;           /* in the producer queue, not handed out */
  guint64 queued_bytes;
  guint queued_data_items;      /* of which data: the backlog */
  guint in_flight_items;        /* handed out, not yet arrived */
  guint64 in_flight_bytes;
  guint held_items;             /* arrived, not handed to the consumer */
  guint64 held_bytes;
  guint64 sent_items;           /* handed out so far */
  guint64 delivered_items;      /* handed to the consumer so far */
  gint64 credit;                /* the producer's unspent credit;
                                 * FSIM_CHANNEL_UNCREDITED if uncredited */
  gint64 credit_in_flight;      /* granted, not yet at the producer */
} FsimChannelCounts;

void fsim_channel_get_counts (FsimChannel *channel, FsimChannelCounts *out);
gint64 fsim_channel_latency (FsimChannel *channel);
/* (transfer none) */
FsimSim *fsim_channel_get_sim (FsimChannel *channel);

G_END_DECLS
