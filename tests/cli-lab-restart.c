/* cli-lab-restart.c - `flinksim lab restart` and `flinksim lab failover`
 * as a user runs them (docs/labs.md), in check_cli: Flink's restart-
 * strategy and failover tests replayed through the labs (each test names
 * the Flink test method), the jsonl fields, and bad input (exit 2, where,
 * a caret). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tests/testlib.h"

void cli_lab_restart_tcases (Suite *suite);

/* Runs `flinksim lab ARGS… --format jsonl`, expects exit 0 and returns its
 * objects (JsonObject*, in order). */
static GPtrArray *
lab_jsonl (const char *const *args)
{
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) "lab");
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, (gpointer) "--format");
  g_ptr_array_add (argv, (gpointer) "jsonl");
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL, *err = NULL;
  int rc = fsim_test_run_cli ((const char *const *) argv->pdata, &out, &err);
  ck_assert_msg (rc == 0, "exit %d: %s", rc, err);
  g_ptr_array_free (argv, TRUE);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      if (**l == '\0')
        continue;
      g_autoptr (JsonParser) parser = json_parser_new ();
      ck_assert_msg (json_parser_load_from_data (parser, *l, -1, NULL), "not JSON: %s", *l);
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (
                                  json_parser_get_root (parser))));
    }
  return objects;
}

/* "t t f": can_restart of each failure, then the summary. */
static char *
can_restart_of (GPtrArray *objects)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *o = objects->pdata[i];
      if (json_object_has_member (o, "summary"))
        continue;
      ck_assert_int_eq (json_object_get_int_member (o, "failure"), i);
      g_string_append_printf (s, "%s%s", s->len ? " " : "",
                              json_object_get_boolean_member (o, "can_restart") ? "t" : "f");
    }
  return g_string_free (s, FALSE);
}

static gint64
backoff_of (GPtrArray *objects, guint i)
{
  JsonObject *o = objects->pdata[i];
  JsonNode *n = json_object_get_member (o, "backoff_ms");
  return JSON_NODE_HOLDS_NULL (n) ? -1 : json_node_get_int (n);
}

START_TEST (test_lab_restart_fixed_delay)
{
  /* FixedDelayRestartBackoffTimeStrategyTest.testNumberOfRestarts and
   * testBackoffTime: 3 restarts, the 4th failure is refused */
  const char *args[] = { "restart", "--strategy", "fixed-delay",
                         "--set", "restart-strategy.fixed-delay.attempts=3",
                         "--set", "restart-strategy.fixed-delay.delay=10s", "0,0", "0", "0", NULL };
  g_autoptr (GPtrArray) o = lab_jsonl (args);
  ck_assert_uint_eq (o->len, 5);
  g_autofree char *got = can_restart_of (o);
  ck_assert_str_eq (got, "t t t f");
  ck_assert_int_eq (backoff_of (o, 0), 10000);
  ck_assert_int_eq (backoff_of (o, 3), -1);
  JsonObject *first = o->pdata[0];
  ck_assert_str_eq (json_object_get_string_member (first, "strategy"),
                    "FixedDelayRestartBackoffTimeStrategy");
  ck_assert (json_object_get_boolean_member (first, "new_attempt"));
  ck_assert_int_eq (json_object_get_int_member (first, "time_ms"), 0);
  ck_assert (json_object_has_member (first, "why"));
  JsonObject *summary = o->pdata[4];
  ck_assert (json_object_get_boolean_member (summary, "summary"));
  ck_assert_int_eq (json_object_get_int_member (summary, "restarts"), 3);
  ck_assert_str_eq (json_object_get_string_member (summary, "job_exception"),
                    "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy("
                    "maxNumberRestartAttempts=3, backoffTimeMS=10000)");
}
END_TEST

START_TEST (test_lab_restart_failure_rate)
{
  /* FailureRateRestartBackoffTimeStrategyTest.testFailuresExceedingRate
   * (3 per 10 s, four failures at 0) and testManyFailuresWithinRate (1 per
   * 1 ms, failures 2 ms apart) */
  const char *exceeding[] = { "restart", "--strategy", "failure-rate",
    "--set", "restart-strategy.failure-rate.max-failures-per-interval=3",
    "--set", "restart-strategy.failure-rate.failure-rate-interval=10s",
    "--set", "restart-strategy.failure-rate.delay=0ms", "0 0 0 0", NULL };
  g_autoptr (GPtrArray) o = lab_jsonl (exceeding);
  g_autofree char *got = can_restart_of (o);
  ck_assert_str_eq (got, "t t t f");
  const char *within[] = { "restart", "--strategy", "failure-rate",
    "--set", "restart-strategy.failure-rate.failure-rate-interval=1ms", "0", "2", "4", NULL };
  g_autoptr (GPtrArray) w = lab_jsonl (within);
  g_autofree char *got_w = can_restart_of (w);
  ck_assert_str_eq (got_w, "t t t");
}
END_TEST

START_TEST (test_lab_restart_exponential)
{
  /* ExponentialDelayRestartBackoffTimeStrategyTest.testBackoffMultiplier:
   * 4, 9, 21 ms, each failure 301 ms after the previous */
  const char *mult[] = { "restart", "--strategy", "exponential-delay",
    "--set", "restart-strategy.exponential-delay.initial-backoff=4ms",
    "--set", "restart-strategy.exponential-delay.max-backoff=300ms",
    "--set", "restart-strategy.exponential-delay.backoff-multiplier=2.3",
    "--set", "restart-strategy.exponential-delay.jitter-factor=0",
    "--set", "restart-strategy.exponential-delay.attempts-before-reset-backoff=10",
    "0", "301", "602", NULL };
  g_autoptr (GPtrArray) o = lab_jsonl (mult);
  ck_assert_int_eq (backoff_of (o, 0), 4);
  ck_assert_int_eq (backoff_of (o, 1), 9);
  ck_assert_int_eq (backoff_of (o, 2), 21);
  /* testMergeMultipleExceptionsIntoOneAttempt: initial 2, x2, max 6,
   * reset 80, 3 attempts; failures within a pending backoff are merged and
   * wait what is left of it; the 4th attempt is refused */
  const char *merge[] = { "restart", "--strategy", "exponential-delay",
    "--set", "restart-strategy.exponential-delay.initial-backoff=2ms",
    "--set", "restart-strategy.exponential-delay.max-backoff=6ms",
    "--set", "restart-strategy.exponential-delay.backoff-multiplier=2",
    "--set", "restart-strategy.exponential-delay.reset-backoff-threshold=80ms",
    "--set", "restart-strategy.exponential-delay.jitter-factor=0",
    "--set", "restart-strategy.exponential-delay.attempts-before-reset-backoff=3",
    "0 0 1", "3 4 6", "7 12", "19", NULL };
  g_autoptr (GPtrArray) m = lab_jsonl (merge);
  static const struct { gboolean new_attempt; gint64 backoff; } want[] = {
    { TRUE, 2 }, { FALSE, 2 }, { FALSE, 1 },    /* attempt 1 at 0 ms: until 2 */
    { TRUE, 4 }, { FALSE, 3 }, { FALSE, 1 },    /* attempt 2 at 3 ms: until 7 */
    { FALSE, 0 }, { TRUE, 6 },                  /* 7 <= 7 merged; attempt 3 at 12 */
    { TRUE, -1 },                               /* 19 > 18: attempt 4 > 3 */
  };
  ck_assert_uint_eq (m->len, G_N_ELEMENTS (want) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *f = m->pdata[i];
      ck_assert_int_eq (json_object_get_boolean_member (f, "new_attempt"), want[i].new_attempt);
      ck_assert_int_eq (backoff_of (m, i), want[i].backoff);
    }
}
END_TEST

START_TEST (test_lab_restart_jitter_bounds)
{
  /* ExponentialDelayRestartBackoffTimeStrategyTest.testJitter: the second
   * failure's backoff, base 4 with jitter 0.25, is one of 3, 4, 5, and
   * over many seeds each of them appears */
  gboolean seen[8] = { FALSE };
  for (int seed = 0; seed < 40; seed++)
    {
      g_autofree char *seed_text = g_strdup_printf ("%d", seed);
      const char *args[] = { "restart", "--strategy", "exponential-delay", "--seed", seed_text,
        "--set", "restart-strategy.exponential-delay.initial-backoff=2ms",
        "--set", "restart-strategy.exponential-delay.max-backoff=7ms",
        "--set", "restart-strategy.exponential-delay.backoff-multiplier=2",
        "--set", "restart-strategy.exponential-delay.jitter-factor=0.25",
        "8", "16", NULL };
      g_autoptr (GPtrArray) o = lab_jsonl (args);
      gint64 b = backoff_of (o, 1);
      ck_assert_int_ge (b, 3);
      ck_assert_int_le (b, 5);
      seen[b] = TRUE;
    }
  ck_assert (seen[3] && seen[4] && seen[5]);
}
END_TEST

START_TEST (test_lab_restart_defaults)
{
  /* RestartBackoffTimeStrategyFactoryLoaderTest.testNoStrategySpecifiedWhen-
   * CheckpointingDisabled / …Enabled */
  const char *off[] = { "restart", "5", NULL };
  g_autoptr (GPtrArray) o = lab_jsonl (off);
  JsonObject *f = o->pdata[0];
  ck_assert_str_eq (json_object_get_string_member (f, "strategy"), "NoRestartBackoffTimeStrategy");
  ck_assert (!json_object_get_boolean_member (f, "can_restart"));
  const char *on[] = { "restart", "--checkpointing", "on", "5", NULL };
  g_autoptr (GPtrArray) p = lab_jsonl (on);
  f = p->pdata[0];
  ck_assert_str_eq (json_object_get_string_member (f, "strategy"),
                    "ExponentialDelayRestartBackoffTimeStrategy");
  /* 1 s +- 10 % */
  ck_assert_int_ge (backoff_of (p, 0), 1000);
  ck_assert_int_le (backoff_of (p, 0), 1100);
}
END_TEST

/* Bad input: exit 2, the argument and column, the argument, a caret. */
static void
assert_bad (const char *const *args, const char *where, const char *caret_line)
{
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  ck_assert_msg (strstr (err, where) != NULL, "no '%s' in: %s", where, err);
  ck_assert_msg (strstr (err, caret_line) != NULL, "no caret '%s' in: %s", caret_line, err);
  ck_assert_str_eq (out, "");
}

START_TEST (test_lab_restart_bad_input)
{
  const char *decreasing[] = { "lab", "restart", "0", "5,3", NULL };
  assert_bad (decreasing, "argument 2, column 3: failure times must not decrease", "\n    ^");
  const char *strategy[] = { "lab", "restart", "--strategy", "fixd-delay", "1", NULL };
  assert_bad (strategy, "argument 2, column 1", "did you mean 'fixed-delay'?");
  const char *type[] = { "lab", "restart", "--set", "restart-strategy.type=none", "1", NULL };
  assert_bad (type, "argument 2, column 1: restart-strategy.type is --strategy's", "\n  ^");
  const char *value[] = { "lab", "restart", "--set",
                          "restart-strategy.exponential-delay.backoff-multiplier=1", "1", NULL };
  assert_bad (value, "argument 2, column 55", "Backoff multiplier must be greater than 1.");
  const char *check[] = { "lab", "restart", "--strategy", "exponential-delay", "--set",
                          "restart-strategy.exponential-delay.initial-backoff=2min", "1", NULL };
  assert_bad (check, "Initial backoff cannot be higher than maximum backoff.", "\n  ^");
  const char *time[] = { "lab", "restart", "1x", NULL };
  assert_bad (time, "argument 1, column", "1x");
}
END_TEST

/* --- lab failover --------------------------------------------------------- */

static JsonObject *
failover (const char *const *args)
{
  g_autoptr (GPtrArray) o = lab_jsonl (args);
  ck_assert_uint_eq (o->len, 1);        /* one object, no summary */
  return json_object_ref (o->pdata[0]);
}

static char *
joined (JsonObject *o, const char *member)
{
  JsonArray *a = json_object_get_array_member (o, member);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      if (json_node_get_value_type (n) == G_TYPE_STRING)
        g_string_append_printf (s, "%s%s", i ? ", " : "", json_node_get_string (n));
      else
        g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", json_node_get_int (n));
    }
  return g_string_free (s, FALSE);
}

#define TOKENIZER "Source: Sequence Source -> Flat Map"
#define AGG "Keyed Aggregation -> Sink: Print to Std. Out"

START_TEST (test_lab_failover_batch_regions)
{
  /* examples/batch-wordcount.job: BLOCKING keyBy, each subtask its own
   * region (0, 1 the tokenizers, 2, 3 the aggregations). At the default
   * instant everything is RUNNING or FINISHED.
   * RestartPipelinedRegionFailoverStrategyTest.testRegionFailoverForRegion-
   * InternalErrors: a producer restarts with every consumer region, a
   * consumer alone (the BLOCKING results it reads are still there). */
  g_autofree char *job = fsim_test_srcpath ("examples/batch-wordcount.job");
  const char *producer[] = { "failover", job, "--fail", "Flat Map", NULL };
  g_autoptr (JsonObject) p = failover (producer);
  ck_assert_str_eq (json_object_get_string_member (p, "failed"), TOKENIZER " (1/2)");
  ck_assert_str_eq (json_object_get_string_member (p, "strategy"),
                    "RestartPipelinedRegionFailoverStrategy");
  g_autofree char *pr = joined (p, "restart"), *pg = joined (p, "regions");
  ck_assert_str_eq (pr, TOKENIZER " (1/2), " AGG " (1/2), " AGG " (2/2)");
  ck_assert_str_eq (pg, "0,2,3");
  const char *consumer[] = { "failover", job, "--fail", "Keyed Aggregation", "1", NULL };
  g_autoptr (JsonObject) c = failover (consumer);
  g_autofree char *cr = joined (c, "restart");
  ck_assert_str_eq (cr, AGG " (2/2)");
  /* testRegionFailoverForDataConsumptionErrors: a PartitionException on the
   * partition of the first tokenizer adds its region, and so its consumers */
  const char *cause[] = { "failover", job, "--fail", "Keyed Aggregation", "1",
                          "--cause", "Flat Map", "0", NULL };
  g_autoptr (JsonObject) k = failover (cause);
  g_autofree char *kr = joined (k, "restart"), *kg = joined (k, "regions");
  ck_assert_str_eq (kr, TOKENIZER " (1/2), " AGG " (1/2), " AGG " (2/2)");
  ck_assert_str_eq (kg, "0,2,3");
  /* testRegionFailoverForVariousResultPartitionAvailabilityCombinations: a
   * lost partition is unavailable as a failed one is */
  const char *lost[] = { "failover", job, "--fail", "Keyed Aggregation", "0",
                         "--lost", "Flat Map", "1", NULL };
  g_autoptr (JsonObject) l = failover (lost);
  g_autofree char *lr = joined (l, "restart");
  ck_assert_str_eq (lr, TOKENIZER " (2/2), " AGG " (1/2), " AGG " (2/2)");
  /* RestartAllFailoverStrategy */
  const char *full[] = { "failover", job, "--fail", "Keyed Aggregation", "--strategy", "full",
                         NULL };
  g_autoptr (JsonObject) f = failover (full);
  g_autofree char *fr = joined (f, "restart");
  ck_assert_str_eq (json_object_get_string_member (f, "strategy"), "RestartAllFailoverStrategy");
  ck_assert_str_eq (fr, TOKENIZER " (1/2), " TOKENIZER " (2/2), " AGG " (1/2), " AGG " (2/2)");
}
END_TEST

START_TEST (test_lab_failover_created_left_out)
{
  /* testRegionFailoverDoesNotRestartCreatedExecutions: at 600 ms the
   * aggregation stage is not scheduled yet (CREATED), so a lost tokenizer
   * partition restarts the tokenizer alone; the regions are still named */
  g_autofree char *job = fsim_test_srcpath ("examples/batch-wordcount.job");
  const char *args[] = { "failover", job, "--fail", "Keyed Aggregation", "1", "--at", "600ms",
                         "--lost", "Flat Map", "1", NULL };
  g_autoptr (JsonObject) o = failover (args);
  g_autofree char *r = joined (o, "restart"), *g = joined (o, "regions");
  ck_assert_str_eq (r, TOKENIZER " (2/2)");
  ck_assert_str_eq (g, "1,2,3");
  ck_assert (strstr (json_object_get_string_member (o, "why"), "CREATED") != NULL);
}
END_TEST

START_TEST (test_lab_failover_streaming_one_region)
{
  /* A streaming job's keyBy is pipelined: one region, everything restarts
   * (spec 7.1, RestartPipelinedRegionFailoverStrategy) */
  g_autofree char *job = fsim_test_srcpath ("examples/socket-window-wordcount.job");
  const char *args[] = { "failover", job, "--fail", "Flat Map", NULL };
  g_autoptr (JsonObject) o = failover (args);
  JsonArray *restart = json_object_get_array_member (o, "restart");
  ck_assert_uint_eq (json_array_get_length (restart), 6);
  g_autofree char *g = joined (o, "regions");
  ck_assert_str_eq (g, "0");
}
END_TEST

START_TEST (test_lab_failover_bad_input)
{
  g_autofree char *job = fsim_test_srcpath ("examples/batch-wordcount.job");
  const char *unknown[] = { "lab", "failover", job, "--fail", "Flat Mapp", NULL };
  assert_bad (unknown, "argument 3, column 1: no operator is named \"Flat Mapp\"", "\n  ^");
  const char *not_read[] = { "lab", "failover", job, "--fail", "Flat Map", "--cause",
                             "Keyed Aggregation", "0", NULL };
  assert_bad (not_read, "argument 5, column 1", "--cause names a producer");
  const char *no_subtask[] = { "lab", "failover", job, "--fail", "Flat Map", "--lost",
                               "Flat Map", NULL };
  assert_bad (no_subtask, "a SUBTASK must follow the operator", "\n          ^");
  const char *strategy[] = { "lab", "failover", job, "--fail", "Flat Map", "--strategy",
                             "regoin", NULL };
  assert_bad (strategy, "argument 5, column 1", "did you mean 'region'?");
  const char *extra[] = { "lab", "failover", job, "other", "--fail", "Flat Map", NULL };
  assert_bad (extra, "argument 2, column 1: unexpected argument", "\n  ^");
}
END_TEST

void
cli_lab_restart_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("lab restart");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_lab_restart_fixed_delay);
  tcase_add_test (tc, test_lab_restart_failure_rate);
  tcase_add_test (tc, test_lab_restart_exponential);
  tcase_add_test (tc, test_lab_restart_jitter_bounds);
  tcase_add_test (tc, test_lab_restart_defaults);
  tcase_add_test (tc, test_lab_restart_bad_input);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("lab failover");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_lab_failover_batch_regions);
  tcase_add_test (tc, test_lab_failover_created_left_out);
  tcase_add_test (tc, test_lab_failover_streaming_one_region);
  tcase_add_test (tc, test_lab_failover_bad_input);
  suite_add_tcase (suite, tc);
}
