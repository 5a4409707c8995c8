/* scheduler-restart.c - the restart strategies (scheduler/restart-strategy.c)
 * against Flink's own tests, replayed call by call: each test names the
 * Flink test method it replays (org.apache.flink.runtime.executiongraph.
 * failover.*Test), with Flink's ManualClock as a millisecond counter from
 * 0 and Flink's assertions as the expected values. */
#include "config.h"

#include <signal.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"
#include "tests/scheduler-tests.h"

static FsimRestartStrategyConfig
fixed (int attempts, gint64 delay_ms)
{
  return (FsimRestartStrategyConfig) { .type = FSIM_RESTART_FIXED_DELAY,
                                       .fixed_delay_attempts = attempts,
                                       .fixed_delay_ms = delay_ms };
}

static FsimRestartStrategyConfig
rate (int max, gint64 interval_ms, gint64 delay_ms)
{
  return (FsimRestartStrategyConfig) { .type = FSIM_RESTART_FAILURE_RATE,
                                       .failure_rate_max_failures = max,
                                       .failure_rate_interval_ms = interval_ms,
                                       .failure_rate_delay_ms = delay_ms };
}

/* The constructor's argument order: (clock, initialBackoffMS, maxBackoffMS,
 * backoffMultiplier, resetBackoffThresholdMS, jitterFactor,
 * attemptsBeforeResetBackoff). */
static FsimRestartStrategyConfig
expo (gint64 initial, gint64 max, double mult, gint64 reset, double jitter, int attempts)
{
  return (FsimRestartStrategyConfig) { .type = FSIM_RESTART_EXPONENTIAL_DELAY,
                                       .initial_backoff_ms = initial, .max_backoff_ms = max,
                                       .backoff_multiplier = mult, .reset_threshold_ms = reset,
                                       .jitter_factor = jitter, .attempts_before_reset = attempts };
}

/* --- FixedDelayRestartBackoffTimeStrategyTest --------------------------------- */

START_TEST (test_fixed_delay_number_of_restarts)
{
  /* testNumberOfRestarts: 3 restarts, canRestart twice each time (it must
   * not count), the 4th failure cannot restart */
  FsimRestartStrategyConfig c = fixed (3, 0);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  for (int left = 3; left > 0; left--)
    {
      ck_assert (fsim_restart_strategy_notify_failure (s, 0));
      ck_assert (fsim_restart_strategy_can_restart (s, 0));
      ck_assert (fsim_restart_strategy_can_restart (s, 0));
    }
  fsim_restart_strategy_notify_failure (s, 0);
  ck_assert (!fsim_restart_strategy_can_restart (s, 0));
}
END_TEST

START_TEST (test_fixed_delay_backoff_time)
{
  /* testBackoffTime */
  FsimRestartStrategyConfig c = fixed (1, 10000);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, 0), 10000);
  g_autofree char *text = fsim_restart_strategy_to_string (s);
  ck_assert_str_eq (text, "FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=1, "
                          "backoffTimeMS=10000)");
}
END_TEST

/* --- FailureRateRestartBackoffTimeStrategyTest -------------------------------- */

START_TEST (test_failure_rate_many_failures_within_rate)
{
  /* testManyFailuresWithinRate: max 1 per 1 ms, the clock advances 2 ms
   * after each of 3 failures */
  FsimRestartStrategyConfig c = rate (1, 1, 0);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  gint64 now = 0;
  for (int left = 3; left > 0; left--)
    {
      fsim_restart_strategy_notify_failure (s, now);
      ck_assert (fsim_restart_strategy_can_restart (s, now));
      now += 2;
    }
  ck_assert (fsim_restart_strategy_can_restart (s, now));
}
END_TEST

START_TEST (test_failure_rate_failures_exceeding_rate)
{
  /* testFailuresExceedingRate: 3 per 10 s, four failures at one instant */
  FsimRestartStrategyConfig c = rate (3, 10000, 0);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  for (int left = 3; left > 0; left--)
    {
      fsim_restart_strategy_notify_failure (s, 0);
      ck_assert (fsim_restart_strategy_can_restart (s, 0));
    }
  fsim_restart_strategy_notify_failure (s, 0);
  ck_assert (!fsim_restart_strategy_can_restart (s, 0));
  g_autofree char *text = fsim_restart_strategy_to_string (s);
  ck_assert_str_eq (text, "FailureRateRestartBackoffTimeStrategy(FailureRateRestartBackoffTime"
                          "Strategy(failuresIntervalMS=10000,backoffTimeMS=0,"
                          "maxFailuresPerInterval=3)");
}
END_TEST

START_TEST (test_failure_rate_backoff_time)
{
  /* testBackoffTime */
  FsimRestartStrategyConfig c = rate (1, 1, 10000);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, 0), 10000);
}
END_TEST

/* canRestart compares strictly: failures at 0, 10 s and T with max 2 per
 * 60 s fail the job at T = 59.999 s and at 60 s, restart at 60.001 s
 * (FailureRateRestartBackoffTimeStrategy.canRestart, now - oldest > interval). */
START_TEST (test_failure_rate_window_is_inclusive)
{
  static const struct { gint64 third; gboolean restarts; } cases[] = {
    { 59999, FALSE }, { 60000, FALSE }, { 60001, TRUE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FsimRestartStrategyConfig c = rate (2, 60000, 1000);
      g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
      gint64 times[] = { 0, 10000, cases[i].third };
      FsimRestartDecision d;
      for (guint k = 0; k < 3; k++)
        {
          fsim_restart_strategy_handle_failure (s, times[k], &d);
          if (k < 2)
            ck_assert (d.can_restart);
          if (k < 2)
            fsim_restart_decision_clear (&d);
        }
      ck_assert_int_eq (d.can_restart, cases[i].restarts);
      ck_assert_int_eq (d.backoff_ms, cases[i].restarts ? 1000 : -1);
      fsim_restart_decision_clear (&d);
    }
}
END_TEST

/* --- ExponentialDelayRestartBackoffTimeStrategyTest ----------------------------- */

START_TEST (test_exponential_max_attempts)
{
  /* testMaxAttempts: 13 attempts, failures 4 ms apart (max backoff 3 + 1) */
  g_autoptr (FsimRng) rng = fsim_rng_new (1);
  FsimRestartStrategyConfig c = expo (1, 3, 1.2, 10, 0.25, 13);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, rng);
  gint64 now = 0;
  for (int i = 0; i <= 13; i++)
    {
      ck_assert (fsim_restart_strategy_can_restart (s, now));
      ck_assert (fsim_restart_strategy_notify_failure (s, now));
      now += 4;
    }
  ck_assert (!fsim_restart_strategy_can_restart (s, now));
}
END_TEST

START_TEST (test_exponential_not_call_notify_failure)
{
  /* testNotCallNotifyFailure: getBackoffTime before any failure is
   * IllegalStateException ("Please call notifyFailure first."): a caller's
   * bug, so g_error (SIGTRAP) here */
  FsimRestartStrategyConfig c = expo (42, 45, 2.0, 8, 0, 10);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  fsim_restart_strategy_get_backoff_time (s, 0);
}
END_TEST

START_TEST (test_exponential_initial_backoff)
{
  /* testInitialBackoff */
  FsimRestartStrategyConfig c = expo (42, 45, 2.0, 8, 0, G_MAXINT32);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  fsim_restart_strategy_notify_failure (s, 0);
  ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, 0), 42);
}
END_TEST

START_TEST (test_exponential_max_backoff)
{
  /* testMaxBackoff: ten failures at one instant, every backoff <= 6 */
  g_autoptr (FsimRng) rng = fsim_rng_new (2);
  FsimRestartStrategyConfig c = expo (1, 6, 2.0, 8, 0.25, G_MAXINT32);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, rng);
  for (int i = 0; i < 10; i++)
    {
      fsim_restart_strategy_notify_failure (s, 0);
      ck_assert_int_le (fsim_restart_strategy_get_backoff_time (s, 0), 6);
    }
}
END_TEST

START_TEST (test_exponential_reset_backoff)
{
  /* testResetBackoff: threshold 8 ms, measured from the scheduled restart */
  g_autoptr (FsimRng) rng = fsim_rng_new (3);
  FsimRestartStrategyConfig c = expo (1, 5, 2.0, 8, 0.25, G_MAXINT32);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, rng);
  gint64 now = 0;
  ck_assert (fsim_restart_strategy_notify_failure (s, now));
  now += 8 + fsim_restart_strategy_get_backoff_time (s, now) - 1;
  ck_assert (fsim_restart_strategy_notify_failure (s, now));
  ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, now), 2);   /* increased */
  now += 8 + fsim_restart_strategy_get_backoff_time (s, now);
  ck_assert (fsim_restart_strategy_notify_failure (s, now));
  ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, now), 1);   /* reset */
}
END_TEST

START_TEST (test_exponential_backoff_multiplier)
{
  /* testBackoffMultiplier: 4, 4 x 2.3 = 9.2 -> 9, 4 x 2.3^2 = 21.16 -> 21 */
  FsimRestartStrategyConfig c = expo (4, 300, 2.3, G_MAXINT32, 0, 10);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  static const gint64 expected[] = { 4, 9, 21 };
  gint64 now = 0;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ck_assert (fsim_restart_strategy_notify_failure (s, now));
      ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, now), expected[i]);
      now += 301;
    }
}
END_TEST

/* assertCorrectRandomRangeWithFailureCount: a fresh strategy from the
 * factory, failure_count failures each advance ms after the clock (the
 * clock is shared by all 1000 strategies, as the test's ManualClock is),
 * then getBackoffTime; the set of the 1000 answers must equal expected. */
static void
assert_random_range (const FsimRestartStrategyConfig *c, FsimRng *rng, gint64 *clock,
                     gint64 advance, int failure_count, const gint64 *expected, guint n)
{
  gboolean seen[64] = { FALSE };
  for (int run = 0; run < 1000; run++)
    {
      g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (c, rng);
      for (int i = 0; i < failure_count; i++)
        {
          *clock += advance;
          ck_assert (fsim_restart_strategy_notify_failure (s, *clock));
        }
      gint64 b = fsim_restart_strategy_get_backoff_time (s, *clock);
      ck_assert_int_lt (b, 64);
      ck_assert_int_ge (b, 0);
      seen[b] = TRUE;
    }
  guint n_seen = 0;
  for (int b = 0; b < 64; b++)
    n_seen += seen[b];
  ck_assert_uint_eq (n_seen, n);
  for (guint i = 0; i < n; i++)
    ck_assert_msg (seen[expected[i]], "backoff %" G_GINT64_FORMAT " never drawn", expected[i]);
}

START_TEST (test_exponential_jitter)
{
  /* testJitter: initial 2, max 7, x2, jitter 0.25: the 2nd failure's base 4
   * +- 1 gives {3, 4, 5}; the 3rd's base 8 +- 2, capped at 7, {6, 7}; the
   * 4th's 16 +- 4, {7} */
  g_autoptr (FsimRng) rng = fsim_rng_new (4);
  FsimRestartStrategyConfig c = expo (2, 7, 2.0, G_MAXINT32, 0.25, G_MAXINT32);
  gint64 clock = 0;
  assert_random_range (&c, rng, &clock, 8, 2, (gint64[]) { 3, 4, 5 }, 3);
  assert_random_range (&c, rng, &clock, 8, 3, (gint64[]) { 6, 7 }, 2);
  assert_random_range (&c, rng, &clock, 8, 4, (gint64[]) { 7 }, 1);
}
END_TEST

START_TEST (test_exponential_jitter_no_higher_than_max)
{
  /* testJitterNoHigherThanMax: jitter 1, initial 1, max 7, x2 */
  g_autoptr (FsimRng) rng = fsim_rng_new (5);
  FsimRestartStrategyConfig c = expo (1, 7, 2.0, G_MAXINT32, 1, G_MAXINT32);
  gint64 clock = 0;
  assert_random_range (&c, rng, &clock, 8, 1, (gint64[]) { 1, 2 }, 2);
  assert_random_range (&c, rng, &clock, 8, 2, (gint64[]) { 1, 2, 3, 4 }, 4);
  assert_random_range (&c, rng, &clock, 8, 3, (gint64[]) { 1, 2, 3, 4, 5, 6, 7 }, 7);
}
END_TEST

START_TEST (test_exponential_multiple_settings)
{
  /* testMultipleSettings: initial 1, max 9, x2, reset 80, jitter 0.25 */
  g_autoptr (FsimRng) rng = fsim_rng_new (6);
  FsimRestartStrategyConfig c = expo (1, 9, 2.0, 80, 0.25, G_MAXINT32);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, rng);
  static const struct { gint64 advance; gint64 backoff; } steps[] = {
    { 0, 1 },                   /* initial data */
    { 81, 1 },                  /* initial after the first failure */
    { 4, 2 },                   /* increases until the threshold */
    { 80 + 9 + 1, 1 },          /* reset after the threshold */
    { 10, 2 },                  /* still increases (maxBackoffMS + 1 later) */
  };
  gint64 now = 0;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      now += steps[i].advance;
      ck_assert (fsim_restart_strategy_notify_failure (s, now));
      ck_assert (fsim_restart_strategy_can_restart (s, now));
      ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, now), steps[i].backoff);
    }
}
END_TEST

/* checkMultipleExceptionsAreMerged: within the backoff, ten failures per
 * millisecond; only the very first is a new attempt, and getBackoffTime is
 * what remains of it. */
static void
check_merged (FsimRestartStrategy *s, gint64 *now, gint64 expected_backoff)
{
  gboolean expect_new = TRUE;
  for (gint64 advance = 0; advance < expected_backoff; advance++)
    {
      for (int i = 0; i < 10; i++)
        {
          ck_assert_int_eq (fsim_restart_strategy_notify_failure (s, *now), expect_new);
          expect_new = FALSE;
          ck_assert (fsim_restart_strategy_can_restart (s, *now));
          ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, *now),
                            expected_backoff - advance);
        }
      *now += 1;
    }
}

START_TEST (test_exponential_merge_into_one_attempt)
{
  /* testMergeMultipleExceptionsIntoOneAttempt: initial 2, x2, max 6,
   * reset 80, no jitter, 3 attempts */
  FsimRestartStrategyConfig c = expo (2, 6, 2.0, 80, 0, 3);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  gint64 now = 0;
  check_merged (s, &now, 2);
  now += 1;
  check_merged (s, &now, 4);
  now += 1;
  check_merged (s, &now, 6);
  now += 1;
  ck_assert (fsim_restart_strategy_notify_failure (s, now));
  ck_assert (!fsim_restart_strategy_can_restart (s, now));
}
END_TEST

START_TEST (test_exponential_merging_with_resetting)
{
  /* testMergingExceptionsWorksWithResetting: ten rounds, each reset by 80 ms
   * of quiet after the last scheduled restart */
  FsimRestartStrategyConfig c = expo (2, 6, 2.0, 80, 0, 3);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  gint64 now = 0;
  for (int i = 0; i < 10; i++)
    {
      check_merged (s, &now, 2);
      now += 1;
      check_merged (s, &now, 4);
      now += 1;
      check_merged (s, &now, 6);
      now += 80;
    }
}
END_TEST

/* The defaults of 2.0 without jitter, each failure after its restart:
 * 1000, 1500, 2250, 3375, 5062, 7593, 11390, 17085, 25628, 38443, 57665,
 * 60000 ms (docs: flink-spec 6.5, run against Flink's class). */
START_TEST (test_exponential_default_sequence)
{
  static const gint64 expected[] = { 1000, 1500, 2250, 3375, 5062, 7593, 11390, 17085,
                                     25628, 38443, 57665, 60000, 60000 };
  FsimRestartStrategyConfig c = expo (1000, 60000, 1.5, 3600000, 0, G_MAXINT32);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  gint64 now = 0;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ck_assert (fsim_restart_strategy_notify_failure (s, now));
      gint64 b = fsim_restart_strategy_get_backoff_time (s, now);
      ck_assert_int_eq (b, expected[i]);
      now += b + 1;
    }
  g_autofree char *text = fsim_restart_strategy_to_string (s);
  ck_assert_str_eq (text, "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=1000, "
                          "maxBackoffMS=60000, backoffMultiplier=1.5, "
                          "resetBackoffThresholdMS=3600000, jitterFactor=0.0, "
                          "attemptsBeforeResetBackoff=2147483647, currentRestartAttempt=13, "
                          "nextRestartTimestamp=291003)");
}
END_TEST

/* Java's long arithmetic: 1.5^200 x 1000 saturates at Long.MAX_VALUE, which
 * min () brings back to the maximum. */
START_TEST (test_exponential_saturates)
{
  FsimRestartStrategyConfig c = expo (1000, 60000, 1.5, G_MAXINT32, 0, G_MAXINT32);
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  gint64 now = 0;
  for (int i = 0; i < 200; i++)
    {
      fsim_restart_strategy_notify_failure (s, now);
      now += fsim_restart_strategy_get_backoff_time (s, now) + 1;
    }
  ck_assert_int_eq (fsim_restart_strategy_get_backoff_time (s, now - 60001), 60000);
}
END_TEST

/* --- RestartBackoffTimeStrategyFactoryLoaderTest ------------------------------ */

static FsimRestartStrategyConfig
load_job (const char *text, gboolean checkpointing)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "test.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  FsimRestartStrategyConfig c;
  ck_assert (fsim_restart_strategy_config_load (&c, fsim_job_get_config (job), checkpointing,
                                                &error));
  return c;
}

#define PIPE "env.fromSequence(1, 10).print()\n"

START_TEST (test_loader_defaults)
{
  /* testNoStrategySpecifiedWhenCheckpointingDisabled / …Enabled: none, or
   * exponential delay with RestartStrategyOptions' defaults */
  FsimRestartStrategyConfig c = load_job (PIPE, FALSE);
  ck_assert_int_eq (c.type, FSIM_RESTART_NONE);
  ck_assert (c.from_default);
  c = load_job (PIPE, TRUE);
  ck_assert_int_eq (c.type, FSIM_RESTART_EXPONENTIAL_DELAY);
  ck_assert_int_eq (c.initial_backoff_ms, 1000);
  ck_assert_int_eq (c.max_backoff_ms, 60000);
  ck_assert (c.backoff_multiplier == 1.5);
  ck_assert_int_eq (c.reset_threshold_ms, 3600000);
  ck_assert (c.jitter_factor == 0.1);
  ck_assert_int_eq (c.attempts_before_reset, G_MAXINT32);
  /* the defaults, not the keys: getDefaultRestartStrategyFactory reads
   * the options' defaultValue () */
  c = load_job ("set restart-strategy.exponential-delay.initial-backoff = 5 s\n" PIPE, TRUE);
  ck_assert_int_eq (c.initial_backoff_ms, 1000);
}
END_TEST

START_TEST (test_loader_job_config)
{
  /* test{NoRestart,FixedDelay,ExponentialDelay,FailureRate}StrategySpecifiedInJobConfig,
   * with the deprecated key and Flink's aliases too */
  static const struct { const char *set; FsimRestartStrategyType type; } cases[] = {
    { "set restart-strategy.type = none\n", FSIM_RESTART_NONE },
    { "set restart-strategy.type = fixed-delay\n", FSIM_RESTART_FIXED_DELAY },
    { "set restart-strategy.type = exponential-delay\n", FSIM_RESTART_EXPONENTIAL_DELAY },
    { "set restart-strategy.type = failure-rate\n", FSIM_RESTART_FAILURE_RATE },
    { "set restart-strategy = fixeddelay\n", FSIM_RESTART_FIXED_DELAY },
    { "set restart-strategy.type = off\n", FSIM_RESTART_NONE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (cases[i].set, PIPE, NULL);
      FsimRestartStrategyConfig c = load_job (text, TRUE);
      ck_assert_int_eq (c.type, cases[i].type);
      ck_assert (!c.from_default);
    }
  /* the strategy's own keys, with their defaults: fixed-delay 1 x 1 s */
  FsimRestartStrategyConfig c = load_job ("set restart-strategy.type = fixed-delay\n" PIPE, FALSE);
  ck_assert_int_eq (c.fixed_delay_attempts, 1);
  ck_assert_int_eq (c.fixed_delay_ms, 1000);
}
END_TEST

START_TEST (test_loader_execution_config)
{
  /* test{NoRestart,FixedDelay,ExponentialDelay,FailureRate}StrategySpecifiedInExecutionConfig:
   * setRestartStrategy (RestartStrategies…) */
  FsimRestartStrategyConfig c = load_job (
    "env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 1000 ms))\n" PIPE, FALSE);
  ck_assert_int_eq (c.type, FSIM_RESTART_FIXED_DELAY);
  ck_assert_int_eq (c.fixed_delay_attempts, 1);
  ck_assert_int_eq (c.fixed_delay_ms, 1000);
  c = load_job ("env.setRestartStrategy(RestartStrategies.noRestart())\n" PIPE, TRUE);
  ck_assert_int_eq (c.type, FSIM_RESTART_NONE);
  c = load_job ("env.setRestartStrategy(RestartStrategies.failureRateRestart(1, 1000 ms, "
                "1000 ms))\n" PIPE, FALSE);
  ck_assert_int_eq (c.type, FSIM_RESTART_FAILURE_RATE);
  ck_assert_int_eq (c.failure_rate_interval_ms, 1000);
  c = load_job ("env.setRestartStrategy(RestartStrategies.exponentialDelayRestart(1 ms, "
                "1000 ms, 1.1, 2000 ms, 0))\n" PIPE, FALSE);
  ck_assert_int_eq (c.type, FSIM_RESTART_EXPONENTIAL_DELAY);
  ck_assert_int_eq (c.initial_backoff_ms, 1);
  ck_assert_int_eq (c.max_backoff_ms, 1000);
  ck_assert (c.backoff_multiplier == 1.1);
  ck_assert_int_eq (c.reset_threshold_ms, 2000);
  ck_assert (c.jitter_factor == 0);
}
END_TEST

START_TEST (test_loader_invalid)
{
  /* testInvalidStrategySpecifiedInJobConfig: IllegalArgumentException; the
   * configuration refuses the value at the `set` already */
  g_autoptr (FsimConfig) config = fsim_config_new ();
  g_autoptr (GError) error = NULL;
  ck_assert (!fsim_config_set (config, "restart-strategy.type", "invalid-strategy", &error));
  /* the constructor's checkArgument */
  ck_assert (fsim_config_set (config, "restart-strategy.type", "exponential-delay", NULL));
  ck_assert (fsim_config_set (config, "restart-strategy.exponential-delay.initial-backoff",
                              "2 min", NULL));
  FsimRestartStrategyConfig c;
  g_clear_error (&error);
  ck_assert (!fsim_restart_strategy_config_load (&c, config, FALSE, &error));
  ck_assert_str_eq (error->message, "Initial backoff cannot be higher than maximum backoff.");
}
END_TEST

/* ExecutionFailureHandler.handleFailure: JobException "Recovery is
 * suppressed by " + toString. */
START_TEST (test_handler_suppressed_message)
{
  FsimRestartStrategyConfig c = { .type = FSIM_RESTART_NONE };
  g_autoptr (FsimRestartStrategy) s = fsim_restart_strategy_new (&c, NULL);
  FsimRestartDecision d;
  fsim_restart_strategy_handle_failure (s, 5, &d);
  ck_assert (d.new_attempt);
  ck_assert (!d.can_restart);
  ck_assert_int_eq (d.backoff_ms, -1);
  ck_assert_str_eq (d.message, "Recovery is suppressed by NoRestartBackoffTimeStrategy");
  fsim_restart_decision_clear (&d);
  c = fixed (0, 10);
  g_autoptr (FsimRestartStrategy) f = fsim_restart_strategy_new (&c, NULL);
  fsim_restart_strategy_handle_failure (f, 5, &d);
  ck_assert_str_eq (d.message, "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy("
                               "maxNumberRestartAttempts=0, backoffTimeMS=10)");
  fsim_restart_decision_clear (&d);
}
END_TEST

void
scheduler_restart_tcases (Suite *s)
{
  TCase *tc = tcase_create ("FixedDelayRestartBackoffTimeStrategy");
  tcase_add_test (tc, test_fixed_delay_number_of_restarts);
  tcase_add_test (tc, test_fixed_delay_backoff_time);
  suite_add_tcase (s, tc);
  tc = tcase_create ("FailureRateRestartBackoffTimeStrategy");
  tcase_add_test (tc, test_failure_rate_many_failures_within_rate);
  tcase_add_test (tc, test_failure_rate_failures_exceeding_rate);
  tcase_add_test (tc, test_failure_rate_backoff_time);
  tcase_add_test (tc, test_failure_rate_window_is_inclusive);
  suite_add_tcase (s, tc);
  tc = tcase_create ("ExponentialDelayRestartBackoffTimeStrategy");
  tcase_add_test (tc, test_exponential_max_attempts);
  tcase_add_test_raise_signal (tc, test_exponential_not_call_notify_failure, SIGTRAP);
  tcase_add_test (tc, test_exponential_initial_backoff);
  tcase_add_test (tc, test_exponential_max_backoff);
  tcase_add_test (tc, test_exponential_reset_backoff);
  tcase_add_test (tc, test_exponential_backoff_multiplier);
  tcase_add_test (tc, test_exponential_jitter);
  tcase_add_test (tc, test_exponential_jitter_no_higher_than_max);
  tcase_add_test (tc, test_exponential_multiple_settings);
  tcase_add_test (tc, test_exponential_merge_into_one_attempt);
  tcase_add_test (tc, test_exponential_merging_with_resetting);
  tcase_add_test (tc, test_exponential_default_sequence);
  tcase_add_test (tc, test_exponential_saturates);
  suite_add_tcase (s, tc);
  tc = tcase_create ("RestartBackoffTimeStrategyFactoryLoader");
  tcase_add_test (tc, test_loader_defaults);
  tcase_add_test (tc, test_loader_job_config);
  tcase_add_test (tc, test_loader_execution_config);
  tcase_add_test (tc, test_loader_invalid);
  tcase_add_test (tc, test_handler_suppressed_message);
  suite_add_tcase (s, tc);
}
