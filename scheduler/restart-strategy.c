/* restart-strategy.c - Flink's four RestartBackoffTimeStrategy classes and
 * their factory loader, as a pure model (scheduler.h, "Restart strategies").
 *
 * Each rule is read in the Flink class named beside it
 * (org.apache.flink.runtime.executiongraph.failover, Flink 1.19 .. 2.x):
 * the arithmetic keeps Java's (long) casts, which saturate, and Java's long
 * sums, which wrap, so that even a backoff past Long.MAX_VALUE comes out
 * as Flink's does. Nothing here knows the simulator's clock: the caller
 * passes the time, in Flink's milliseconds. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scheduler/scheduler-private.h"

/* ExponentialDelayRestartBackoffTimeStrategy.DEFAULT_NEXT_RESTART_TIMESTAMP */
#define NO_RESTART_YET ((gint64) G_MININT32)

static const struct {
  const char *name;             /* restart-strategy.type, canonical */
  const char *klass;
} types[FSIM_RESTART_STRATEGY_COUNT] = {
  [FSIM_RESTART_NONE] = { "none", "NoRestartBackoffTimeStrategy" },
  [FSIM_RESTART_FIXED_DELAY] = { "fixed-delay", "FixedDelayRestartBackoffTimeStrategy" },
  [FSIM_RESTART_FAILURE_RATE] = { "failure-rate", "FailureRateRestartBackoffTimeStrategy" },
  [FSIM_RESTART_EXPONENTIAL_DELAY] = { "exponential-delay",
                                       "ExponentialDelayRestartBackoffTimeStrategy" },
};

struct _FsimRestartStrategy {
  FsimRestartStrategyConfig cfg;
  FsimRng *rng;
  int attempt;                  /* currentRestartAttempt (fixed, exponential) */
  GQueue failures;              /* failure-rate: timestamps (gint64 *), oldest first */
  gint64 next_restart_ms;       /* exponential: nextRestartTimestamp */
  gint64 last_base_ms;          /* exponential: the last new attempt's base, for the why */
  gint64 last_jitter_ms;
  gboolean reset;               /* exponential: the last new attempt reset the count */
};

const char *
fsim_restart_strategy_type_name (FsimRestartStrategyType type)
{
  g_assert ((guint) type < FSIM_RESTART_STRATEGY_COUNT);
  return types[type].name;
}

const char *
fsim_restart_strategy_type_class (FsimRestartStrategyType type)
{
  g_assert ((guint) type < FSIM_RESTART_STRATEGY_COUNT);
  return types[type].klass;
}

gboolean
fsim_restart_strategy_type_from_name (const char *name, FsimRestartStrategyType *out)
{
  for (int t = 0; t < FSIM_RESTART_STRATEGY_COUNT; t++)
    if (name != NULL && strcmp (name, types[t].name) == 0)
      {
        *out = t;
        return TRUE;
      }
  return FALSE;
}

/* --- Java arithmetic -------------------------------------------------------- */

/* (long) d: NaN is 0, values beyond the range saturate (JLS 5.1.3). */
static gint64
java_long (double d)
{
  if (d != d)
    return 0;
  if (d >= 9223372036854775807.0)
    return G_MAXINT64;
  if (d <= -9223372036854775808.0)
    return G_MININT64;
  return (gint64) d;
}

static gint64
java_add (gint64 a, gint64 b)
{
  return (gint64) ((guint64) a + (guint64) b);
}

/* multiplier^n by binary powering (IEEE multiplications only, so the same
 * bits everywhere); stops once it is infinite. */
static double
power (double base, int n)
{
  double result = 1.0;
  while (n > 0 && result <= G_MAXDOUBLE)
    {
      if (n & 1)
        result *= base;
      n >>= 1;
      if (n > 0)
        base *= base;
    }
  return result;
}

/* Double.toString: the shortest decimal that reads back to d, at least one
 * digit after the point, "1.0E-4" below 10^-3 and from 10^7 on. */
static char *
java_double (double d)
{
  char digits[40];
  for (int prec = 1; prec <= 17; prec++)
    {
      g_snprintf (digits, sizeof digits, "%.*e", prec - 1, d);
      if (g_ascii_strtod (digits, NULL) == d)
        break;
    }
  /* digits: "-1.2345e-04" */
  gboolean negative = digits[0] == '-';
  const char *m = digits + (negative ? 1 : 0);
  const char *e = strchr (m, 'e');
  int exp10 = atoi (e + 1);
  GString *mant = g_string_new (NULL);
  for (const char *p = m; p < e; p++)
    if (*p != '.')
      g_string_append_c (mant, *p);
  while (mant->len > 1 && mant->str[mant->len - 1] == '0')
    g_string_truncate (mant, mant->len - 1);
  GString *out = g_string_new (negative ? "-" : "");
  double a = negative ? -d : d;
  if (a != 0.0 && (a < 1e-3 || a >= 1e7))
    {
      g_string_append_printf (out, "%c.%s", mant->str[0], mant->len > 1 ? mant->str + 1 : "0");
      g_string_append_printf (out, "E%d", exp10);
    }
  else if (a == 0.0)
    g_string_append (out, "0.0");
  else if (exp10 < 0)
    {
      g_string_append (out, "0.");
      for (int i = -1; i > exp10; i--)
        g_string_append_c (out, '0');
      g_string_append (out, mant->str);
    }
  else
    {
      for (int i = 0; i <= exp10; i++)
        g_string_append_c (out, (guint) i < mant->len ? mant->str[i] : '0');
      g_string_append_c (out, '.');
      g_string_append (out, (guint) exp10 + 1 < mant->len ? mant->str + exp10 + 1 : "0");
    }
  g_string_free (mant, TRUE);
  return g_string_free (out, FALSE);
}

/* --- the factory loader ------------------------------------------------------ */

static gint64
config_ms (const FsimConfig *config, const char *key)
{
  return fsim_config_get_duration (config, key) / 1000; /* Duration.toMillis */
}

static void
load_keys (FsimRestartStrategyConfig *out, const FsimConfig *config)
{
  out->fixed_delay_attempts = (int) fsim_config_get_int (config,
                                                         "restart-strategy.fixed-delay.attempts");
  out->fixed_delay_ms = config_ms (config, "restart-strategy.fixed-delay.delay");
  out->failure_rate_max_failures = (int) fsim_config_get_int (
    config, "restart-strategy.failure-rate.max-failures-per-interval");
  out->failure_rate_interval_ms = config_ms (config,
                                             "restart-strategy.failure-rate.failure-rate-interval");
  out->failure_rate_delay_ms = config_ms (config, "restart-strategy.failure-rate.delay");
  out->initial_backoff_ms = config_ms (config, "restart-strategy.exponential-delay.initial-backoff");
  out->max_backoff_ms = config_ms (config, "restart-strategy.exponential-delay.max-backoff");
  out->backoff_multiplier = fsim_config_get_double (
    config, "restart-strategy.exponential-delay.backoff-multiplier");
  out->reset_threshold_ms = config_ms (
    config, "restart-strategy.exponential-delay.reset-backoff-threshold");
  out->jitter_factor = fsim_config_get_double (config,
                                               "restart-strategy.exponential-delay.jitter-factor");
  out->attempts_before_reset = (int) fsim_config_get_int (
    config, "restart-strategy.exponential-delay.attempts-before-reset-backoff");
}

gboolean
fsim_restart_strategy_config_load (FsimRestartStrategyConfig *out, const FsimConfig *config,
                                   gboolean checkpointing_enabled, GError **error)
{
  memset (out, 0, sizeof *out);
  load_keys (out, config);
  const char *name = fsim_config_get_string (config, "restart-strategy.type");
  if (name == NULL)
    {
      /* getDefaultRestartStrategyFactory: exponential delay with the
       * options' defaults, whatever other keys say */
      out->from_default = TRUE;
      out->type = checkpointing_enabled ? FSIM_RESTART_EXPONENTIAL_DELAY : FSIM_RESTART_NONE;
      g_autoptr (FsimConfig) empty = fsim_config_new ();
      load_keys (out, empty);  /* RestartStrategyOptions' defaults */
    }
  else if (!fsim_restart_strategy_type_from_name (name, &out->type))
    {
      /* graphs/config.c refuses other values already */
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                   _("Unknown restart strategy %s."), name);
      return FALSE;
    }
  return fsim_restart_strategy_config_check (out, error);
}

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID, message);
  return FALSE;
}

/* The constructors' checkArgument calls, with their messages. */
gboolean
fsim_restart_strategy_config_check (const FsimRestartStrategyConfig *c, GError **error)
{
  switch (c->type)
    {
    case FSIM_RESTART_NONE:
      return TRUE;
    case FSIM_RESTART_FIXED_DELAY:
      if (c->fixed_delay_attempts < 0)
        return refuse (error, _("Maximum number of restart attempts must be at least 0."));
      if (c->fixed_delay_ms < 0)
        return refuse (error, _("Backoff time between restart attempts must be at least 0 ms."));
      return TRUE;
    case FSIM_RESTART_FAILURE_RATE:
      if (c->failure_rate_max_failures <= 0)
        return refuse (error, _("Maximum number of restart attempts per time unit must be "
                                "greater than 0."));
      if (c->failure_rate_interval_ms <= 0)
        return refuse (error, _("Failures interval must be greater than 0 ms."));
      if (c->failure_rate_delay_ms < 0)
        return refuse (error, _("Backoff time must be at least 0 ms."));
      return TRUE;
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      if (c->initial_backoff_ms < 1)
        return refuse (error, _("Initial backoff must be at least 1."));
      if (c->max_backoff_ms < 1)
        return refuse (error, _("Maximum backoff must be at least 1."));
      if (c->initial_backoff_ms > c->max_backoff_ms)
        return refuse (error, _("Initial backoff cannot be higher than maximum backoff."));
      if (!(c->backoff_multiplier > 1))
        return refuse (error, _("Backoff multiplier must be greater than 1."));
      if (c->reset_threshold_ms < 1)
        return refuse (error, _("Threshold duration for exponential backoff reset must be at "
                                "least 1."));
      if (!(c->jitter_factor >= 0 && c->jitter_factor <= 1))
        return refuse (error, _("Jitter factor must be >= 0 and <= 1."));
      if (c->attempts_before_reset < 1)
        return refuse (error, _("The attemptsBeforeResetBackoff must be at least 1."));
      return TRUE;
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

/* --- the strategies ---------------------------------------------------------- */

FsimRestartStrategy *
fsim_restart_strategy_new (const FsimRestartStrategyConfig *cfg, FsimRng *rng)
{
  g_assert (fsim_restart_strategy_config_check (cfg, NULL));
  g_assert (rng != NULL || cfg->type != FSIM_RESTART_EXPONENTIAL_DELAY
            || cfg->jitter_factor == 0);
  FsimRestartStrategy *s = g_new0 (FsimRestartStrategy, 1);
  s->cfg = *cfg;
  s->rng = rng;
  g_queue_init (&s->failures);
  s->next_restart_ms = NO_RESTART_YET;
  return s;
}

void
fsim_restart_strategy_free (FsimRestartStrategy *s)
{
  if (s == NULL)
    return;
  g_queue_clear_full (&s->failures, g_free);
  g_free (s);
}

const FsimRestartStrategyConfig *
fsim_restart_strategy_get_config (const FsimRestartStrategy *s)
{
  return &s->cfg;
}

/* FailureRateRestartBackoffTimeStrategy.isFailureTimestampsQueueFull */
static gboolean
failure_queue_full (const FsimRestartStrategy *s)
{
  return s->failures.length > (guint) s->cfg.failure_rate_max_failures;
}

static gint64
oldest_failure (const FsimRestartStrategy *s)
{
  return *(const gint64 *) g_queue_peek_head ((GQueue *) &s->failures);
}

/* calculateJitterBackoffMS: uniform in [-offset, offset]; no draw at 0. */
static gint64
jitter (FsimRestartStrategy *s, gint64 base)
{
  if (s->cfg.jitter_factor == 0)
    return 0;
  gint64 offset = java_long ((double) base * s->cfg.jitter_factor);
  return fsim_rng_int_range (s->rng, -offset, offset);
}

/* ExponentialDelayRestartBackoffTimeStrategy.notifyFailure */
static gboolean
exponential_notify (FsimRestartStrategy *s, gint64 now)
{
  if (now <= s->next_restart_ms)
    return FALSE;               /* merged into the restart already scheduled */
  gboolean reset = now - s->next_restart_ms >= s->cfg.reset_threshold_ms;
  s->reset = reset && s->attempt > 0;   /* for the why: a count went back */
  if (reset)
    s->attempt = 0;             /* setInitialBackoff */
  gint64 base = java_long ((double) s->cfg.initial_backoff_ms
                           * power (s->cfg.backoff_multiplier, s->attempt));
  s->last_base_ms = base;
  s->last_jitter_ms = jitter (s, base);
  gint64 backoff = MAX (s->cfg.initial_backoff_ms,
                        MIN (java_add (base, s->last_jitter_ms), s->cfg.max_backoff_ms));
  s->next_restart_ms = java_add (now, backoff);
  s->attempt++;
  return TRUE;
}

gboolean
fsim_restart_strategy_notify_failure (FsimRestartStrategy *s, gint64 now_ms)
{
  switch (s->cfg.type)
    {
    case FSIM_RESTART_NONE:
      return TRUE;
    case FSIM_RESTART_FIXED_DELAY:
      s->attempt++;
      return TRUE;
    case FSIM_RESTART_FAILURE_RATE:
      {
        if (failure_queue_full (s))
          g_free (g_queue_pop_head (&s->failures));
        gint64 *t = g_new (gint64, 1);
        *t = now_ms;
        g_queue_push_tail (&s->failures, t);
        return TRUE;
      }
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      return exponential_notify (s, now_ms);
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

gboolean
fsim_restart_strategy_can_restart (const FsimRestartStrategy *s, gint64 now_ms)
{
  switch (s->cfg.type)
    {
    case FSIM_RESTART_NONE:
      return FALSE;
    case FSIM_RESTART_FIXED_DELAY:
      return s->attempt <= s->cfg.fixed_delay_attempts;
    case FSIM_RESTART_FAILURE_RATE:
      return !failure_queue_full (s) || now_ms - oldest_failure (s) > s->cfg.failure_rate_interval_ms;
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      return s->attempt <= s->cfg.attempts_before_reset;
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

gint64
fsim_restart_strategy_get_backoff_time (const FsimRestartStrategy *s, gint64 now_ms)
{
  switch (s->cfg.type)
    {
    case FSIM_RESTART_NONE:
      return 0;
    case FSIM_RESTART_FIXED_DELAY:
      return s->cfg.fixed_delay_ms;
    case FSIM_RESTART_FAILURE_RATE:
      return s->cfg.failure_rate_delay_ms;
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      /* checkState: IllegalStateException, a caller's bug */
      if (s->next_restart_ms == NO_RESTART_YET)
        g_error ("ExponentialDelayRestartBackoffTimeStrategy.getBackoffTime: Please call "
                 "notifyFailure first.");
      return MAX (0, s->next_restart_ms - now_ms);
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

int
fsim_restart_strategy_get_attempt (const FsimRestartStrategy *s)
{
  if (s->cfg.type == FSIM_RESTART_FAILURE_RATE)
    return (int) s->failures.length;
  return s->attempt;
}

int
fsim_restart_strategy_get_max_attempts (const FsimRestartStrategy *s)
{
  switch (s->cfg.type)
    {
    case FSIM_RESTART_NONE:
      return 0;
    case FSIM_RESTART_FIXED_DELAY:
      return s->cfg.fixed_delay_attempts;
    case FSIM_RESTART_FAILURE_RATE:
      return s->cfg.failure_rate_max_failures;
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      return s->cfg.attempts_before_reset;
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

char *
fsim_restart_strategy_to_string (const FsimRestartStrategy *s)
{
  const FsimRestartStrategyConfig *c = &s->cfg;
  switch (c->type)
    {
    case FSIM_RESTART_NONE:
      return g_strdup ("NoRestartBackoffTimeStrategy");
    case FSIM_RESTART_FIXED_DELAY:
      return g_strdup_printf ("FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=%d, "
                              "backoffTimeMS=%" PRId64 ")",
                              c->fixed_delay_attempts, c->fixed_delay_ms);
    case FSIM_RESTART_FAILURE_RATE:
      /* generateStrategyString names the class twice, verbatim */
      return g_strdup_printf ("FailureRateRestartBackoffTimeStrategy("
                              "FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=%" PRId64
                              ",backoffTimeMS=%" PRId64 ",maxFailuresPerInterval=%d)",
                              c->failure_rate_interval_ms, c->failure_rate_delay_ms,
                              c->failure_rate_max_failures);
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      {
        g_autofree char *mult = java_double (c->backoff_multiplier);
        g_autofree char *jit = java_double (c->jitter_factor);
        return g_strdup_printf ("ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=%"
                                PRId64 ", maxBackoffMS=%" PRId64 ", backoffMultiplier=%s, "
                                "resetBackoffThresholdMS=%" PRId64 ", jitterFactor=%s, "
                                "attemptsBeforeResetBackoff=%d, currentRestartAttempt=%d, "
                                "nextRestartTimestamp=%" PRId64 ")",
                                c->initial_backoff_ms, c->max_backoff_ms, mult,
                                c->reset_threshold_ms, jit, c->attempts_before_reset, s->attempt,
                                s->next_restart_ms);
      }
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

/* --- ExecutionFailureHandler.handleFailure ---------------------------------------- */

static char *
why_failure_rate (const FsimRestartStrategy *s, const FsimRestartDecision *d, gint64 now)
{
  const FsimRestartStrategyConfig *c = &s->cfg;
  if (!failure_queue_full (s))
    return g_strdup_printf ("failure %u of max %d in a %" PRId64 " ms window: restart in %"
                            PRId64 " ms (FailureRateRestartBackoffTimeStrategy: fewer than "
                            "max + 1 failure times are kept, so canRestart)",
                            s->failures.length, c->failure_rate_max_failures,
                            c->failure_rate_interval_ms, d->backoff_ms);
  gint64 span = now - oldest_failure (s);
  if (d->can_restart)
    return g_strdup_printf ("%d failures before this one, the oldest %" PRId64 " ms ago, more "
                            "than the %" PRId64 " ms window: restart in %" PRId64 " ms "
                            "(FailureRateRestartBackoffTimeStrategy.canRestart: now - oldest > "
                            "interval)",
                            c->failure_rate_max_failures, span, c->failure_rate_interval_ms,
                            d->backoff_ms);
  return g_strdup_printf ("failure %d of max %d in a %" PRId64 " ms window (the oldest kept %"
                          PRId64 " ms ago, not more than the interval): the job fails "
                          "(FailureRateRestartBackoffTimeStrategy.canRestart is false)",
                          c->failure_rate_max_failures + 1, c->failure_rate_max_failures,
                          c->failure_rate_interval_ms, span);
}

static char *
why_exponential (const FsimRestartStrategy *s, const FsimRestartDecision *d)
{
  const FsimRestartStrategyConfig *c = &s->cfg;
  if (!d->new_attempt)
    return g_strdup_printf ("the failure comes before the restart already scheduled at %" PRId64
                            " ms, so it is merged into attempt %d, no new attempt: restart in "
                            "the remaining %" PRId64 " ms (ExponentialDelayRestartBackoffTime"
                            "Strategy.notifyFailure: now <= nextRestartTimestamp)",
                            s->next_restart_ms, s->attempt, d->backoff_ms);
  if (!d->can_restart)
    return g_strdup_printf ("attempt %d is more than attemptsBeforeResetBackoff %d: the job "
                            "fails (ExponentialDelayRestartBackoffTimeStrategy.canRestart is "
                            "false)", s->attempt, c->attempts_before_reset);
  g_autofree char *mult = java_double (c->backoff_multiplier);
  return g_strdup_printf ("%sattempt %d: base %" PRId64 " ms x %s^%d = %" PRId64 " ms, jitter %"
                          PRId64 " ms, bounded by [%" PRId64 ", %" PRId64 "] ms: restart in %"
                          PRId64 " ms (ExponentialDelayRestartBackoffTimeStrategy)",
                          s->reset ? "reset (at least the threshold after the last scheduled "
                                     "restart), " : "",
                          s->attempt, c->initial_backoff_ms, mult, s->attempt - 1,
                          s->last_base_ms, s->last_jitter_ms, c->initial_backoff_ms,
                          c->max_backoff_ms, d->backoff_ms);
}

static char *
decision_why (const FsimRestartStrategy *s, const FsimRestartDecision *d, gint64 now)
{
  const FsimRestartStrategyConfig *c = &s->cfg;
  switch (c->type)
    {
    case FSIM_RESTART_NONE:
      return g_strdup ("NoRestartBackoffTimeStrategy never restarts: the job fails "
                       "(ExecutionFailureHandler: Recovery is suppressed)");
    case FSIM_RESTART_FIXED_DELAY:
      if (d->can_restart)
        return g_strdup_printf ("restart %d of max %d: restart in %" PRId64 " ms "
                                "(FixedDelayRestartBackoffTimeStrategy: attempt <= "
                                "maxNumberRestartAttempts)",
                                s->attempt, c->fixed_delay_attempts, d->backoff_ms);
      return g_strdup_printf ("failure %d, more than max %d restart%s: the job fails "
                              "(FixedDelayRestartBackoffTimeStrategy.canRestart is false)",
                              s->attempt, c->fixed_delay_attempts,
                              c->fixed_delay_attempts == 1 ? "" : "s");
    case FSIM_RESTART_FAILURE_RATE:
      return why_failure_rate (s, d, now);
    case FSIM_RESTART_EXPONENTIAL_DELAY:
      return why_exponential (s, d);
    case FSIM_RESTART_STRATEGY_COUNT:
      break;
    }
  g_assert_not_reached ();
}

void
fsim_restart_strategy_handle_failure (FsimRestartStrategy *s, gint64 now_ms,
                                      FsimRestartDecision *out)
{
  memset (out, 0, sizeof *out);
  out->new_attempt = fsim_restart_strategy_notify_failure (s, now_ms);
  out->can_restart = fsim_restart_strategy_can_restart (s, now_ms);
  out->backoff_ms = out->can_restart ? fsim_restart_strategy_get_backoff_time (s, now_ms) : -1;
  if (!out->can_restart)
    {
      g_autofree char *text = fsim_restart_strategy_to_string (s);
      out->message = g_strconcat ("Recovery is suppressed by ", text, NULL);
    }
  out->why = decision_why (s, out, now_ms);
}

void
fsim_restart_decision_clear (FsimRestartDecision *d)
{
  g_clear_pointer (&d->message, g_free);
  g_clear_pointer (&d->why, g_free);
}
