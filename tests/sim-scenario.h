/* sim-scenario.h - a randomized workload for sim/, shared by check_sim, the
 * -O0/-O2 determinism check (tests/sim-digest.c) and bench_sim. */
#pragma once

#include "sim/sim.h"

typedef struct _FsimTestScenario FsimTestScenario;

/* Sets up `actors` (1..64) actors on `sim`: each firing traces a record,
 * reschedules itself after an exponential delay, and now and then cancels
 * and reschedules another actor's event, using every sampler of the RNG.
 * Run it with fsim_sim_run_until. (transfer full) */
FsimTestScenario *fsim_test_scenario_new (FsimSim *sim, int actors);
/* Cancels the actors' pending events (their payloads point here). */
void fsim_test_scenario_free (FsimTestScenario *sc);

/* (transfer full) fsim_trace_digest of a fresh sim with `seed` running the
 * scenario up to horizon_us. */
char *fsim_test_sim_scenario_digest (guint64 seed, int actors, gint64 horizon_us);
