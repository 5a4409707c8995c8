/* bench_sim.c - how fast sim/ schedules, runs, cancels and traces. `make
 * bench` runs it; it prints rates and never fails on speed (the numbers vary
 * with the machine). Wall-clock time is read here only, never in sim/. */
#include "config.h"

#include <stdio.h>

#include "sim/sim.h"
#include "tests/sim-scenario.h"

typedef struct {
  FsimRng *rng;
  gint64 left;
} Hold;

/* The classic "hold" model: a fixed population of pending events, each run
 * schedules one successor after a random delay. */
static void
hold_run (FsimSim *sim, gpointer p)
{
  Hold *h = p;
  if (h->left-- <= 0)
    return;
  fsim_sim_schedule_in (sim, fsim_rng_exponential_us (h->rng, 1000), 0, hold_run, h, NULL);
}

static void
report (const char *what, gint64 n, gint64 start)
{
  double s = (g_get_monotonic_time () - start) / 1e6;
  printf ("%-44s %10" G_GINT64_FORMAT " in %7.3f s  %12.0f /s\n", what, n, s, s > 0 ? n / s : 0);
}

static void
bench_hold (int population)
{
  enum { EVENTS = 2000000 };
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  Hold h = { fsim_sim_get_rng (sim), EVENTS - population };
  for (int i = 0; i < population; i++)
    fsim_sim_schedule_at (sim, i, 0, hold_run, &h, NULL);
  gint64 start = g_get_monotonic_time ();
  fsim_sim_run (sim);
  g_autofree char *what = g_strdup_printf ("hold model, %d pending", population);
  report (what, (gint64) fsim_sim_events_run (sim), start);
}

static void
noop (FsimSim *sim, gpointer p)
{
}

static void
bench_cancel (void)
{
  enum { N = 1000000 };
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimRng *rng = fsim_sim_get_rng (sim);
  FsimEventId *ids = g_new (FsimEventId, N);
  gint64 start = g_get_monotonic_time ();
  for (int i = 0; i < N; i++)
    ids[i] = fsim_sim_schedule_at (sim, fsim_rng_int_range (rng, 0, 1000000), 0, noop, NULL, NULL);
  for (int i = 0; i < N; i += 2)
    fsim_sim_cancel (sim, ids[i]);
  fsim_sim_run (sim);
  report ("schedule 1M, cancel half, run", N, start);
  g_free (ids);
}

static void
bench_trace (void)
{
  enum { N = 1000000 };
  g_autoptr (FsimTrace) t = fsim_trace_new ();
  static const char *const states[] = { "CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING",
                                        "RUNNING" };
  static const FsimTone tones[] = { FSIM_TONE_WAITING, FSIM_TONE_PENDING, FSIM_TONE_STARTING,
                                    FSIM_TONE_PREPARING, FSIM_TONE_ACTIVE };
  static const FsimStateMachine machine = { "ExecutionState", 5, states, tones };
  static const FsimTraceKindDesc kind = { "execution-state", "bench", "a state change",
                                          FSIM_KIND_STATE_CHANGE, &machine, 0, { { 0 } } };
  fsim_trace_register_kinds (t, &kind, 1);
  fsim_trace_set_budget (t, 0, NULL);
  FsimTraceKind k = &kind;
  gint64 start = g_get_monotonic_time ();
  for (int i = 0; i < N; i++)
    {
      FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
      r.kind = k;
      r.subtask = i % 128;
      r.label = "Map (2/4)#0";
      r.from = i % 4;
      r.to = i % 4 + 1;
      r.why = "benchmark";
      fsim_trace_append (t, i, &r);
    }
  report ("trace append", N, start);

  FsimTraceFilter f = FSIM_TRACE_FILTER_INIT;
  f.subtask = 77;
  gint64 found = 0;
  start = g_get_monotonic_time ();
  for (gint64 i = fsim_trace_find_next (t, &f, 0); i >= 0; i = fsim_trace_find_next (t, &f, i + 1))
    found++;
  report ("trace filter scan (records visited)", N, start);

  start = g_get_monotonic_time ();
  g_autofree char *d = fsim_trace_digest (t);
  report ("trace digest (records)", N, start);
}

static void
bench_scenario (void)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (1);
  FsimTestScenario *sc = fsim_test_scenario_new (sim, 64);
  gint64 start = g_get_monotonic_time ();
  fsim_sim_run_until (sim, 20000000);
  fsim_test_scenario_free (sc);
  report ("randomized scenario (events, all traced)", (gint64) fsim_sim_events_run (sim), start);
}

int
main (void)
{
  bench_hold (10);
  bench_hold (1000);
  bench_hold (100000);
  bench_cancel ();
  bench_trace ();
  bench_scenario ();
  return 0;
}
