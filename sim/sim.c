/* sim.c - PLACEHOLDER */
#include "config.h"
#include "sim/sim.h"
int fsim_sim_placeholder_ (void);
int fsim_sim_placeholder_ (void) { return 0; }
