/* portable-math.c - ln and exp that give the same bits everywhere.
 *
 * libm's log/exp differ between libm versions and vendors in the last bit,
 * and a last bit is enough to move an event by a microsecond and change a
 * trace. These use only IEEE-754 binary64 + - * / (correctly rounded by the
 * standard) and the exact operations frexp, ldexp and floor, in a fixed order.
 * Two things could still break that: x87 excess precision (refused below) and
 * fused multiply-add contraction (sim/local.mk builds sim/ with
 * -ffp-contract=off).
 *
 * Method (as in fdlibm's e_log.c and e_exp.c, simplified): reduce the
 * argument with ln 2 split into a high part whose products with small
 * integers are exact and a low part, then sum a fixed number of series terms.
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "sim/sim-private.h"

#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
#error "flinksim's determinism needs FLT_EVAL_METHOD == 0 (on 32-bit x86 build with -msse2 -mfpmath=sse)"
#endif

/* fdlibm's ln2_hi (low 32 bits of the significand zero) and ln2_lo. */
static const double LN2_HI = 0x1.62e42feep-1;
static const double LN2_LO = 0x1.a39ef35793c76p-33;
static const double INV_LN2 = 0x1.71547652b82fep+0;

/* Enough terms for 2^-60 relative error in the ranges used below. */
#define ATANH_TERMS 14
#define EXP_TERMS 18

/* 2 atanh(f) = ln((1 + f) / (1 - f)) = 2 (f + f^3/3 + f^5/5 + ...),
 * for |f| <= 0.18. */
static double
two_atanh (double f)
{
  double f2 = f * f;
  double p = 1.0 / (2 * ATANH_TERMS + 1);
  for (int k = ATANH_TERMS - 1; k >= 0; k--)
    p = p * f2 + 1.0 / (2 * k + 1);
  return 2.0 * f * p;
}

double
fsim_math_log (double x)
{
  if (isnan (x) || x < 0)
    return NAN;
  if (x == 0)
    return -INFINITY;
  if (isinf (x))
    return x;
  int e;
  double m = frexp (x, &e);     /* x = m 2^e, m in [1/2, 1) */
  if (m < 0x1.6a09e667f3bcdp-1) /* sqrt(1/2): keep m in [sqrt(1/2), sqrt(2)) */
    {
      m *= 2;
      e--;
    }
  /* ln m = 2 atanh ((m - 1) / (m + 1)), |f| <= 0.1716 */
  double f = (m - 1) / (m + 1);
  return e * LN2_HI + (two_atanh (f) + e * LN2_LO);
}

double
fsim_math_log1p (double x)
{
  if (isnan (x) || x < -1)
    return NAN;
  if (x == -1)
    return -INFINITY;
  /* ln(1 + x) = 2 atanh (x / (2 + x)) keeps small x's digits that 1 + x
   * would round away; |f| <= 0.1716 while 1 + x is in [sqrt(1/2), sqrt(2)). */
  if (x >= -0x1.2bec333018867p-2 && x < 0x1.a827999fcef32p-2)
    return two_atanh (x / (2 + x));
  /* Elsewhere ln(u) for u = 1 + x, corrected by the rounding error c of that
   * sum (exact by Fast2Sum): ln(1 + x) = ln(u) + c / u to first order. */
  double u = 1 + x;
  double c = fabs (x) <= 1 ? x - (u - 1) : 1 - (u - x);
  return fsim_math_log (u) + c / u;
}

/* e^r = 1 + r (1 + r/2 (1 + r/3 (...))), for |r| <= 0.35 */
static double
exp_series (double r)
{
  double p = 1.0;
  for (int n = EXP_TERMS; n >= 1; n--)
    p = 1.0 + p * r / n;
  return p;
}

double
fsim_math_exp (double x)
{
  if (isnan (x))
    return x;
  if (x > 709.782712893384)
    return INFINITY;
  if (x < -745.1332191019412)
    return 0.0;
  /* x = k ln2 + r, |r| <= ln2 / 2 */
  double k = floor (x * INV_LN2 + 0.5);
  double r = (x - k * LN2_HI) - k * LN2_LO;
  return ldexp (exp_series (r), (int) k);
}

double
fsim_math_expm1 (double x)
{
  if (isnan (x))
    return x;
  if (fabs (x) < 0.25)
    {
      /* x (1 + x/2 (1 + x/3 (...))): no cancellation for small x */
      double p = 1.0;
      for (int n = EXP_TERMS; n >= 2; n--)
        p = 1.0 + p * x / n;
      return x * p;
    }
  return fsim_math_exp (x) - 1;
}
