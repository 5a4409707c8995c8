/* bench-engine.c - sim/'s event engine against a bare binary heap.
 *
 * The hold model (a fixed population of pending events; each event run
 * schedules one successor) at 16, 1 K, 64 K and 1 M pending. The reference is
 * the least an event queue can do: a binary min-heap of (time, seq) keys
 * written here, with nothing else. The delays are drawn before either loop
 * starts, so the rows time the queues and not the random number generator;
 * both loops read the same delays in the same order. Also: the trace's
 * append, the cost every record of a run pays. */
#include "config.h"

#include <stdio.h>

#include "bench/bench.h"
#include "sim/sim.h"

#define N_DELAYS (1 << 20)
#define EVENTS_RUN 2000000

typedef struct {
  guint pending;
  gint64 *delays;               /* N_DELAYS, drawn once */
} Hold;

/* --- the reference: a bare heap --------------------------------------------- */

typedef struct {
  gint64 time;
  guint64 seq;
} Key;

static gboolean
key_before (const Key *a, const Key *b)
{
  return a->time != b->time ? a->time < b->time : a->seq < b->seq;
}

static void
heap_push (Key *h, gsize *n, Key k)
{
  gsize i = (*n)++;
  while (i > 0 && key_before (&k, &h[(i - 1) / 2]))
    {
      h[i] = h[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h[i] = k;
}

static Key
heap_pop (Key *h, gsize *n)
{
  Key top = h[0];
  Key k = h[--*n];
  gsize i = 0;
  for (gsize c; (c = 2 * i + 1) < *n; i = c)
    {
      if (c + 1 < *n && key_before (&h[c + 1], &h[c]))
        c++;
      if (!key_before (&h[c], &k))
        break;
      h[i] = h[c];
    }
  h[i] = k;
  return top;
}

static double
bare_heap (gpointer data)
{
  Hold *hold = data;
  Key *h = g_new (Key, hold->pending + 1);
  gsize n = 0;
  guint64 seq = 0;
  for (guint i = 0; i < hold->pending; i++)
    heap_push (h, &n, (Key) { i, seq++ });
  volatile gint64 sink = 0;
  double t0 = fsim_bench_now ();
  for (guint i = 0; i < EVENTS_RUN; i++)
    {
      Key k = heap_pop (h, &n);
      sink += k.time;
      heap_push (h, &n, (Key) { k.time + hold->delays[i % N_DELAYS], seq++ });
    }
  double s = fsim_bench_now () - t0;
  g_free (h);
  return s;
}

/* --- the engine ----------------------------------------------------------------- */

typedef struct {
  Hold *hold;
  guint64 ran;
} EngineHold;

static void
hold_event (FsimSim *sim, gpointer p)
{
  EngineHold *e = p;
  if (e->ran >= EVENTS_RUN)
    return;
  fsim_sim_schedule_in (sim, e->hold->delays[e->ran++ % N_DELAYS], 0, hold_event, e, NULL);
}

static double
engine (gpointer data)
{
  Hold *hold = data;
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  EngineHold e = { hold, 0 };
  for (guint i = 0; i < hold->pending; i++)
    fsim_sim_schedule_at (sim, i, 0, hold_event, &e, NULL);
  double t0 = fsim_bench_now ();
  /* exactly EVENTS_RUN events with a successor, as the heap's loop */
  while (e.ran < EVENTS_RUN && fsim_sim_step (sim))
    ;
  return fsim_bench_now () - t0;
}

/* --- the trace ------------------------------------------------------------------- */

#define TRACE_RECORDS 1000000

static double
trace_append (gpointer data)
{
  static const char *const states[] = { "CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING",
                                        "RUNNING" };
  static const FsimTone tones[] = { FSIM_TONE_WAITING, FSIM_TONE_PENDING, FSIM_TONE_STARTING,
                                    FSIM_TONE_PREPARING, FSIM_TONE_ACTIVE };
  static const FsimStateMachine machine = { "ExecutionState", 5, states, tones };
  static const FsimTraceKindDesc kind = { "execution-state", "bench", "a state change",
                                          FSIM_KIND_STATE_CHANGE, &machine, 0, { { 0 } } };
  static const char why[] = "every slot of the region's bulk is assigned, so the deployer "
                            "deploys in topological order "
                            "(DefaultExecutionDeployer.waitForAllSlotsAndDeploy)";
  g_autoptr (FsimTrace) t = fsim_trace_new ();
  fsim_trace_register_kinds (t, &kind, 1);
  fsim_trace_set_budget (t, 0, NULL);
  fsim_trace_set_byte_budget (t, 0, NULL);
  /* labels as a run makes them: one string per subtask, built before */
  char **labels = g_new0 (char *, 1024 + 1);
  for (int i = 0; i < 1024; i++)
    labels[i] = g_strdup_printf ("Map (%d/1024)#0", i + 1);
  double t0 = fsim_bench_now ();
  for (int i = 0; i < TRACE_RECORDS; i++)
    {
      FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
      r.kind = &kind;
      r.subtask = i % 1024;
      r.label = labels[i % 1024];
      r.from = i % 4;
      r.to = i % 4 + 1;
      r.why = why;
      fsim_trace_append (t, i, &r);
    }
  double s = fsim_bench_now () - t0;
  g_strfreev (labels);
  return s;
}

int
main (void)
{
  Hold hold = { 0, g_new (gint64, N_DELAYS) };
  g_autoptr (FsimSim) draws = fsim_sim_new (42);
  for (int i = 0; i < N_DELAYS; i++)
    hold.delays[i] = fsim_rng_exponential_us (fsim_sim_get_rng (draws), 1000);
  fsim_bench_header ("bench-engine", "the hold model, 2 M events a repetition; the event "
                     "engine's time against a bare (time, seq) binary heap");
  static const guint sizes[] = { 16, 1024, 65536, 1048576 };
  static const char *const names[] = { "16", "1 K", "64 K", "1 M" };
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      hold.pending = sizes[i];
      FsimBenchStats ours, ref;
      fsim_bench_measure_pair (FSIM_BENCH_REPS, engine, &hold, bare_heap, &hold, &ours, &ref);
      g_autofree char *name = g_strdup_printf ("engine, hold model, %s pending", names[i]);
      /* engine >= 0.67x the heap's speed: its time <= 1.5x */
      fsim_bench_row_ref (name, "ns/event", 1e9 / EVENTS_RUN, &ours, "bare heap", &ref, 1.5);
    }
  FsimBenchStats append = fsim_bench_measure (FSIM_BENCH_REPS, trace_append, NULL);
  fsim_bench_row ("trace append, 1 M records (1 K labels, 1 why)", "ns/record",
                  1e9 / TRACE_RECORDS, &append);
  g_free (hold.delays);
  return 0;
}
