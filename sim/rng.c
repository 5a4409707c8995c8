/* rng.c - seeded random numbers, identical on every machine.
 *
 * Generator: xoshiro256** 1.0 (David Blackman and Sebastiano Vigna,
 * https://prng.di.unimi.it/xoshiro256starstar.c), 256 bits of state, period
 * 2^256 - 1. Seeding: the four state words are the first four outputs of
 * splitmix64 (https://prng.di.unimi.it/splitmix64.c) started at the seed,
 * as the xoshiro authors recommend; splitmix64 never yields four zero words.
 *
 * Every sampler draws a fixed, documented number of raw outputs (except the
 * rejection loops, whose retry rule is exact), so a run's draws depend only on
 * the seed and the order of calls.
 */
#include "config.h"

#include <math.h>

#include "sim/sim-private.h"

struct _FsimRng {
  guint64 s[4];
};

guint64
fsim_splitmix64_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* FNV-1a, 64 bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3). */
guint64
fsim_fnv1a64 (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

FsimRng *
fsim_rng_new (guint64 seed)
{
  FsimRng *rng = g_new (FsimRng, 1);
  fsim_rng_reseed (rng, seed);
  return rng;
}

void
fsim_rng_reseed (FsimRng *rng, guint64 seed)
{
  guint64 sm = seed;
  for (int i = 0; i < 4; i++)
    rng->s[i] = fsim_splitmix64_next (&sm);
}

guint64
fsim_mix64 (guint64 x)
{
  return fsim_splitmix64_next (&x);
}

void
fsim_rng_free (FsimRng *rng)
{
  g_free (rng);
}

void
fsim_rng_set_state (FsimRng *rng, const guint64 s[4])
{
  g_assert (s[0] | s[1] | s[2] | s[3]);
  for (int i = 0; i < 4; i++)
    rng->s[i] = s[i];
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
fsim_rng_next_u64 (FsimRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

guint64
fsim_rng_uniform (FsimRng *rng, guint64 bound)
{
  g_assert (bound >= 1);
  /* Values below `threshold` would make the low residues more likely. */
  guint64 threshold = (0 - bound) % bound;
  for (;;)
    {
      guint64 r = fsim_rng_next_u64 (rng);
      if (r >= threshold)
        return r % bound;
    }
}

gint64
fsim_rng_int_range (FsimRng *rng, gint64 lo, gint64 hi)
{
  g_assert (lo <= hi);
  guint64 span = (guint64) hi - (guint64) lo;
  guint64 offset = span == G_MAXUINT64 ? fsim_rng_next_u64 (rng)
                                       : fsim_rng_uniform (rng, span + 1);
  return (gint64) ((guint64) lo + offset);
}

double
fsim_rng_double (FsimRng *rng)
{
  return (double) (fsim_rng_next_u64 (rng) >> 11) * 0x1.0p-53;
}

gboolean
fsim_rng_bernoulli (FsimRng *rng, double p)
{
  return fsim_rng_double (rng) < p;
}

double
fsim_rng_exponential (FsimRng *rng, double mean)
{
  g_assert (mean >= 0);
  /* 1 - U is in (0, 1], so the logarithm is finite. */
  return -mean * fsim_math_log1p (-fsim_rng_double (rng));
}

gint64
fsim_rng_exponential_us (FsimRng *rng, gint64 mean_us)
{
  g_assert (mean_us >= 0);
  double d = fsim_rng_exponential (rng, (double) mean_us);
  if (d >= 0x1p61)
    return G_MAXINT64 / 4;
  return (gint64) floor (d + 0.5);
}

/* Rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to
 * generate variates from monotone discrete distributions", ACM TOMACS 6(3),
 * 1996) with the integral H(x) = (x^(1-s) - 1) / (1 - s) that, unlike the
 * paper's, has a limit (ln x) at s = 1; this is the form Apache Commons RNG
 * uses. Hat h(x) = x^-s. */
typedef struct {
  double s;
} Zipf;

/* ln(1 + x) / x, continuous at 0 */
static double
log1p_over_x (double x)
{
  if (fabs (x) > 1e-8)
    return fsim_math_log1p (x) / x;
  return 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}

/* (e^x - 1) / x, continuous at 0 */
static double
expm1_over_x (double x)
{
  if (fabs (x) > 1e-8)
    return fsim_math_expm1 (x) / x;
  return 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x));
}

static double
zipf_h (const Zipf *z, double x)
{
  return fsim_math_exp (-z->s * fsim_math_log (x));
}

static double
zipf_h_integral (const Zipf *z, double x)
{
  double log_x = fsim_math_log (x);
  return expm1_over_x ((1 - z->s) * log_x) * log_x;
}

static double
zipf_h_integral_inverse (const Zipf *z, double x)
{
  double t = x * (1 - z->s);
  if (t < -1)   /* rounding can push it past the domain */
    t = -1;
  return fsim_math_exp (log1p_over_x (t) * x);
}

guint64
fsim_rng_zipf (FsimRng *rng, double s, guint64 n)
{
  g_assert (n >= 1);
  g_assert (s >= 0);
  if (n == 1)
    return 1;
  if (s == 0)
    return 1 + fsim_rng_uniform (rng, n);

  const Zipf z = { .s = s };
  double h_x1 = zipf_h_integral (&z, 1.5) - 1;
  double h_n = zipf_h_integral (&z, (double) n + 0.5);
  double shortcut = 2 - zipf_h_integral_inverse (&z, zipf_h_integral (&z, 2.5) - zipf_h (&z, 2));
  for (;;)
    {
      /* u uniform in (h_x1, h_n] */
      double u = h_n + fsim_rng_double (rng) * (h_x1 - h_n);
      double x = zipf_h_integral_inverse (&z, u);
      double kd = floor (x + 0.5);
      guint64 k;
      if (!(kd >= 1))
        k = 1;
      else if (kd >= (double) n)
        k = n;
      else
        k = MIN ((guint64) kd, n);
      /* Accepting k with probability h(k) / (H(k + 1/2) - H(k - 1/2)) makes
       * P(k) proportional to k^-s; the first test is a cheap sufficient
       * condition for the second (Theorem 2 of the paper). */
      if ((double) k - x <= shortcut || u >= zipf_h_integral (&z, (double) k + 0.5) - zipf_h (&z, (double) k))
        return k;
    }
}
