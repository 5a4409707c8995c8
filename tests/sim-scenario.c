/* sim-scenario.c - see sim-scenario.h. Uses only sim/'s public API. */
#include "config.h"

#include "tests/sim-scenario.h"

#define MAX_ACTORS 64

struct _FsimTestScenario {
  FsimSim *sim;
  FsimRng *faults;              /* a named stream, independent of the main one */
  int actors;
  FsimEventId next[MAX_ACTORS];
  int generation[MAX_ACTORS];
};
typedef struct _FsimTestScenario Scenario;

enum { WAITING, FIRED };
static const char *const actor_states[] = { [WAITING] = "WAITING", [FIRED] = "FIRED" };
static const FsimTone actor_tones[] = { FSIM_TONE_WAITING, FSIM_TONE_ACTIVE };
static const FsimStateMachine actor_machine = { "actor", 2, actor_states, actor_tones };

enum { KIND_FIRE, KIND_CANCEL };
static const FsimTraceKindDesc kinds[] = {
  [KIND_FIRE] = { "fire", "test", "an actor fired", FSIM_KIND_STATE_CHANGE, &actor_machine, 0,
                  { { 0 } } },
  [KIND_CANCEL] = { "cancel", "test", "an actor cancelled another's event", 0, NULL, 0,
                    { { 0 } } },
};

typedef struct {
  Scenario *sc;
  int actor;
} Firing;

static void fire (FsimSim *sim, gpointer payload);

static void
schedule_actor (Scenario *sc, int actor, gint64 delay_us, gint priority)
{
  Firing *f = g_new (Firing, 1);
  f->sc = sc;
  f->actor = actor;
  sc->next[actor] = fsim_sim_schedule_in (sc->sim, delay_us, priority, fire, f, g_free);
}

static void
fire (FsimSim *sim, gpointer payload)
{
  Firing *f = payload;
  Scenario *sc = f->sc;
  FsimRng *rng = fsim_sim_get_rng (sim);
  int a = f->actor;
  sc->generation[a]++;

  double think = fsim_rng_exponential (rng, 250.0);
  g_autofree char *label = g_strdup_printf ("actor %d#%d", a, sc->generation[a]);
  g_autofree char *detail = g_strdup_printf ("think %.17g", think);
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &kinds[KIND_FIRE];
  r.subtask = a;
  r.attempt = sc->generation[a];
  r.channel = (gint32) fsim_rng_zipf (rng, 1.1, 8) - 1;
  r.label = label;
  r.from = WAITING;
  r.to = FIRED;
  r.detail = detail;
  r.why = "its previous firing scheduled it";
  fsim_sim_trace (sim, &r);

  /* Now and then disturb another actor: cancel its next firing and
   * schedule it again, sooner or later. */
  if (fsim_rng_bernoulli (sc->faults, 0.2))
    {
      int victim = (int) fsim_rng_int_range (sc->faults, 0, sc->actors - 1);
      if (fsim_sim_cancel (sim, sc->next[victim]))
        {
          FsimTraceRecord c = FSIM_TRACE_RECORD_INIT;
          c.kind = &kinds[KIND_CANCEL];
          c.subtask = victim;
          c.why = "a disturbing actor cancelled it";
          fsim_sim_trace (sim, &c);
          schedule_actor (sc, victim, fsim_rng_int_range (sc->faults, 0, 2000),
                          (gint) fsim_rng_uniform (sc->faults, 3));
        }
    }
  schedule_actor (sc, a, fsim_rng_exponential_us (rng, 1000) + (gint64) think,
                  (gint) fsim_rng_uniform (rng, 3));
}

FsimTestScenario *
fsim_test_scenario_new (FsimSim *sim, int actors)
{
  g_assert (actors >= 1 && actors <= MAX_ACTORS);
  Scenario *sc = g_new0 (Scenario, 1);
  sc->sim = sim;
  sc->actors = actors;
  FsimTrace *trace = fsim_sim_get_trace (sim);
  fsim_trace_register_kinds (trace, kinds, G_N_ELEMENTS (kinds));
  sc->faults = fsim_sim_rng_stream (sim, "faults");
  for (int a = 0; a < actors; a++)
    schedule_actor (sc, a, fsim_rng_int_range (fsim_sim_get_rng (sim), 0, 100), 0);
  return sc;
}

void
fsim_test_scenario_free (FsimTestScenario *sc)
{
  for (int a = 0; a < sc->actors; a++)
    fsim_sim_cancel (sc->sim, sc->next[a]);
  g_free (sc);
}

char *
fsim_test_sim_scenario_digest (guint64 seed, int actors, gint64 horizon_us)
{
  g_autoptr (FsimSim) sim = fsim_sim_new (seed);
  FsimTestScenario *sc = fsim_test_scenario_new (sim, actors);
  fsim_sim_run_until (sim, horizon_us);
  fsim_test_scenario_free (sc);
  return fsim_trace_digest (fsim_sim_get_trace (sim));
}
