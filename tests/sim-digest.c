/* sim-digest.c - prints what must not depend on the optimisation level:
 * scenario trace digests, raw samplers, and the portable ln/exp on a grid,
 * doubles in %a (exact). tests/sim-determinism.sh builds it with sim/*.c at
 * several -O levels and compares the outputs byte for byte. */
#include "config.h"

#include <stdio.h>

#include "sim/sim-private.h"
#include "tests/sim-scenario.h"

int
main (void)
{
  for (guint64 seed = 1; seed <= 3; seed++)
    {
      g_autofree char *d = fsim_test_sim_scenario_digest (seed, 32, 2000000);
      printf ("scenario %" G_GUINT64_FORMAT " %s\n", seed, d);
    }
  g_autoptr (FsimRng) rng = fsim_rng_new (7);
  for (int i = 0; i < 200; i++)
    {
      double e = fsim_rng_exponential (rng, 123.456);
      guint64 z = fsim_rng_zipf (rng, 0.7 + i * 0.01, 1000);
      gint64 us = fsim_rng_exponential_us (rng, 5000);
      printf ("rng %a %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT "\n", e, z, us);
    }
  for (double x = 1e-6; x < 700; x *= 1.11)
    printf ("math %a %a %a %a %a\n", x, fsim_math_log (x), fsim_math_exp (x),
            fsim_math_log1p (x - 0.5 < 1 ? x - 0.5 : x), fsim_math_expm1 (-x));
  return 0;
}
