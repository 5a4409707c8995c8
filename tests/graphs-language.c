/* graphs-language.c - the job language: configuration table, lexer, every
 * construct of docs/job-language.md, every error with its exact text and
 * position, the fault plan and the simulator's knobs.
 *
 * Expected values come from Flink's rules, cited per test: the defaults of
 * each ConfigOption, TimeUtils' duration syntax, the DataStream API's
 * validation messages (OperatorValidationUtils, StreamGraph), and the
 * grammar of docs/job-language.md. */
#include "config.h"

#include <string.h>

#include "graphs/graphs.h"
#include "tests/testlib.h"

void graphs_language_tcases (Suite *suite);
FsimJob *graphs_test_parse (const char *text);
char *graphs_test_parse_error (const char *text);
FsimStreamNode *graphs_test_node (FsimJob *job, const char *name);

/* ------------------------------------------------------------------------ */
/* Helpers shared with graphs-streamgraph.c                                   */

/* Parses text as "t.job"; fails the test with the diagnostic if it fails. */
FsimJob *
graphs_test_parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job != NULL, "unexpected error:\n%s", error ? error->message : "(none)");
  ck_assert_ptr_null (error);
  return job;
}

/* Parses text expecting a failure; returns the diagnostic. (transfer full) */
char *
graphs_test_parse_error (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job == NULL, "expected an error for:\n%s", text);
  ck_assert_ptr_nonnull (error);
  ck_assert (error->domain == FSIM_GRAPHS_ERROR);
  return g_strdup (error->message);
}

/* The one node named name. */
FsimStreamNode *
graphs_test_node (FsimJob *job, const char *name)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  FsimStreamNode *found = NULL;
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (nodes, i);
      if (strcmp (n->name, name) == 0)
        {
          ck_assert_msg (found == NULL, "two nodes named %s", name);
          found = n;
        }
    }
  ck_assert_msg (found != NULL, "no node named %s", name);
  return found;
}

#define ck_assert_error(text, expected)                                     \
  do                                                                          \
    {                                                                         \
      g_autofree char *msg_ = graphs_test_parse_error (text);                 \
      ck_assert_str_eq (msg_, expected);                                      \
    }                                                                         \
  while (0)

/* ------------------------------------------------------------------------ */
/* Configuration table                                                        */

/* options-table.c style: sorted, so lookups can bisect and docs list it in
 * order; every row names the Flink ConfigOption it mirrors. */
START_TEST (test_config_table_sorted)
{
  const FsimConfigOption *o = fsim_config_options ();
  ck_assert_ptr_nonnull (o[0].key);
  for (int i = 1; o[i].key; i++)
    {
      ck_assert_msg (strcmp (o[i - 1].key, o[i].key) < 0, "%s before %s", o[i - 1].key, o[i].key);
      ck_assert_ptr_nonnull (o[i].doc);
      ck_assert_ptr_nonnull (o[i].flink_option);
      if (o[i].type == FSIM_CONFIG_ENUM)
        ck_assert_ptr_nonnull (o[i].choices);
    }
}
END_TEST

/* Defaults as declared in Flink master's ConfigOptions. */
START_TEST (test_config_flink_defaults)
{
  g_autoptr (FsimConfig) c = fsim_config_new ();
  /* CoreOptions.DEFAULT_PARALLELISM defaultValue(1) */
  ck_assert_int_eq (fsim_config_get_int (c, "parallelism.default"), 1);
  /* PipelineOptions.MAX_PARALLELISM defaultValue(-1) */
  ck_assert_int_eq (fsim_config_get_int (c, "pipeline.max-parallelism"), -1);
  /* PipelineOptions.OPERATOR_CHAINING defaultValue(true), and the
   * chain-operators-with-different-max-parallelism option defaultValue(true) */
  ck_assert (fsim_config_get_bool (c, "pipeline.operator-chaining.enabled"));
  ck_assert (fsim_config_get_bool (
    c, "pipeline.operator-chaining.chain-operators-with-different-max-parallelism"));
  /* VERTEX_NAME_INCLUDE_INDEX_PREFIX false, VERTEX_DESCRIPTION_MODE TREE */
  ck_assert (!fsim_config_get_bool (c, "pipeline.vertex-name-include-index-prefix"));
  ck_assert_str_eq (fsim_config_get_string (c, "pipeline.vertex-description-mode"), "TREE");
  /* ExecutionOptions.RUNTIME_MODE STREAMING; BUFFER_TIMEOUT 100 ms */
  ck_assert_str_eq (fsim_config_get_string (c, "execution.runtime-mode"), "STREAMING");
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.buffer-timeout.interval"), 100000);
  /* TaskManagerOptions.NUM_TASK_SLOTS 1; TASK_MANAGER_LOAD_BALANCE_MODE NONE */
  ck_assert_int_eq (fsim_config_get_int (c, "taskmanager.numberOfTaskSlots"), 1);
  ck_assert_str_eq (fsim_config_get_string (c, "taskmanager.load-balance.mode"), "NONE");
  /* CheckpointingOptions: interval noDefaultValue (disabled), mode
   * EXACTLY_ONCE, timeout 10 min, min-pause 0, max-concurrent 1, unaligned
   * false, aligned-checkpoint-timeout 0 s, tolerable failures 0 */
  ck_assert (!fsim_config_is_set (c, "execution.checkpointing.interval"));
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.checkpointing.interval"), -1);
  ck_assert_str_eq (fsim_config_get_string (c, "execution.checkpointing.mode"), "EXACTLY_ONCE");
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.checkpointing.timeout"),
                    G_GINT64_CONSTANT (600000000));
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.checkpointing.min-pause"), 0);
  ck_assert_int_eq (fsim_config_get_int (c, "execution.checkpointing.max-concurrent-checkpoints"), 1);
  ck_assert (!fsim_config_get_bool (c, "execution.checkpointing.unaligned.enabled"));
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.checkpointing.aligned-checkpoint-timeout"), 0);
  ck_assert_int_eq (fsim_config_get_int (c, "execution.checkpointing.tolerable-failed-checkpoints"), 0);
  /* RestartStrategyOptions: type
   * unset; fixed-delay 1 attempt, 1 s; failure-rate 1 per 1 min, 1 s;
   * exponential-delay 1 s, 1 min, x1.5, 1 h, jitter 0.1, Integer.MAX_VALUE */
  ck_assert_ptr_null (fsim_config_get_string (c, "restart-strategy.type"));
  ck_assert_int_eq (fsim_config_get_int (c, "restart-strategy.fixed-delay.attempts"), 1);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.fixed-delay.delay"), 1000000);
  ck_assert_int_eq (fsim_config_get_int (c, "restart-strategy.failure-rate.max-failures-per-interval"), 1);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.failure-rate.failure-rate-interval"),
                    60000000);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.failure-rate.delay"), 1000000);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.exponential-delay.initial-backoff"),
                    1000000);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.exponential-delay.max-backoff"),
                    60000000);
  ck_assert_double_eq (fsim_config_get_double (c, "restart-strategy.exponential-delay.backoff-multiplier"),
                       1.5);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.exponential-delay.reset-backoff-threshold"),
                    G_GINT64_CONSTANT (3600000000));
  ck_assert_double_eq (fsim_config_get_double (c, "restart-strategy.exponential-delay.jitter-factor"),
                       0.1);
  ck_assert_int_eq (fsim_config_get_int (c, "restart-strategy.exponential-delay.attempts-before-reset-backoff"),
                    G_MAXINT32);
  /* JobManagerOptions.EXECUTION_FAILOVER_STRATEGY "region", SLOT_REQUEST_TIMEOUT 5 min;
   * HeartbeatManagerOptions 10 s / 50 s; ClusterOptions evenly-spread false */
  ck_assert_str_eq (fsim_config_get_string (c, "jobmanager.execution.failover-strategy"), "region");
  ck_assert_int_eq (fsim_config_get_duration (c, "slot.request.timeout"), 300000000);
  ck_assert_int_eq (fsim_config_get_duration (c, "heartbeat.interval"), 10000000);
  ck_assert_int_eq (fsim_config_get_duration (c, "heartbeat.timeout"), 50000000);
  ck_assert (!fsim_config_get_bool (c, "cluster.evenly-spread-out-slots"));
  /* ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY 50 ms */
  ck_assert_int_eq (fsim_config_get_duration (c, "slotmanager.requirement-check.delay"), 50000);
  /* the simulator's */
  ck_assert_int_eq (fsim_config_get_int (c, "sim.taskmanagers"), 1);
  ck_assert_int_eq (fsim_config_get_int (c, "sim.seed"), 0);
  ck_assert_int_eq (fsim_config_get_duration (c, "sim.duration"), 60000000);
  ck_assert_int_eq (fsim_config_get_duration (c, "sim.rpc-latency"), 1000);
  ck_assert_int_eq (fsim_config_get_duration (c, "sim.network-latency"), 100);
  /* LocalInputChannel hands buffers over in memory: no time on the way */
  ck_assert_int_eq (fsim_config_get_duration (c, "sim.local-channel-latency"), 0);
  /* the trace budget, sim.h FSIM_TRACE_DEFAULT_BUDGET */
  ck_assert_int_eq (fsim_config_get_int (c, "sim.max-trace-records"), 1000000);
  /* sim.h FSIM_TRACE_DEFAULT_BYTE_BUDGET, 512 MiB */
  ck_assert_int_eq (fsim_config_get_int (c, "sim.max-trace-bytes"), 512 << 20);
  /* nothing set explicitly: the dump is empty */
  g_autofree char *dump = fsim_config_dump (c);
  ck_assert_str_eq (dump, "");
}
END_TEST

START_TEST (test_config_set_and_errors)
{
  g_autoptr (FsimConfig) c = fsim_config_new ();
  g_autoptr (GError) e = NULL;
  ck_assert (fsim_config_set (c, "execution.checkpointing.interval", "5 s", NULL));
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.checkpointing.interval"), 5000000);
  /* enum values ignore case (ConfigurationUtils.convertToEnum) and are
   * kept in Flink's spelling */
  ck_assert (fsim_config_set (c, "execution.checkpointing.mode", "at_least_once", NULL));
  ck_assert_str_eq (fsim_config_get_string (c, "execution.checkpointing.mode"), "AT_LEAST_ONCE");
  /* RestartBackoffTimeStrategyFactoryLoader's aliases */
  ck_assert (fsim_config_set (c, "restart-strategy.type", "fixeddelay", NULL));
  ck_assert_str_eq (fsim_config_get_string (c, "restart-strategy.type"), "fixed-delay");
  ck_assert (fsim_config_set (c, "restart-strategy.type", "off", NULL));
  ck_assert_str_eq (fsim_config_get_string (c, "restart-strategy.type"), "none");
  /* deprecated keys (withDeprecatedKeys) reach the new key */
  ck_assert (fsim_config_set (c, "restart-strategy", "failure-rate", NULL));
  ck_assert_str_eq (fsim_config_get_string (c, "restart-strategy.type"), "failure-rate");
  ck_assert (fsim_config_set (c, "execution.checkpointing.unaligned", "TRUE", NULL));
  ck_assert (fsim_config_get_bool (c, "execution.checkpointing.unaligned.enabled"));
  ck_assert_ptr_eq (fsim_config_option_lookup ("pipeline.operator-chaining"),
                    fsim_config_option_lookup ("pipeline.operator-chaining.enabled"));

  ck_assert (!fsim_config_set (c, "parallelism.defualt", "2", &e));
  ck_assert_str_eq (e->message, "unknown configuration key 'parallelism.defualt'; "
                                "did you mean 'parallelism.default'?");
  g_clear_error (&e);
  ck_assert (!fsim_config_set (c, "parallelism.default", "0", &e));
  ck_assert_str_eq (e->message, "parallelism.default must be between 1 and 32768, not 0");
  g_clear_error (&e);
  ck_assert (!fsim_config_set (c, "taskmanager.numberOfTaskSlots", "two", &e));
  ck_assert_str_eq (e->message, "taskmanager.numberOfTaskSlots takes a whole number, not 'two'");
  g_clear_error (&e);
  ck_assert (!fsim_config_set (c, "pipeline.operator-chaining.enabled", "yes", &e));
  ck_assert_str_eq (e->message, "pipeline.operator-chaining.enabled takes true or false, not 'yes'");
  g_clear_error (&e);
  ck_assert (!fsim_config_set (c, "jobmanager.execution.failover-strategy", "regoin", &e));
  ck_assert_str_eq (e->message, "jobmanager.execution.failover-strategy takes one of region, full, "
                                "not 'regoin'; did you mean 'region'?");
  g_clear_error (&e);
  /* CheckpointConfig.setCheckpointInterval (CheckpointCoordinatorConfiguration.
   * MINIMAL_CHECKPOINT_TIME = 10 ms), Flink's message */
  ck_assert (!fsim_config_set (c, "execution.checkpointing.interval", "5 ms", &e));
  ck_assert_str_eq (e->message, "Checkpoint interval must be larger than or equal to 10 ms");
  g_clear_error (&e);
  /* pipeline.max-parallelism: -1 or 1..32768 (UPPER_BOUND_MAX_PARALLELISM) */
  ck_assert (!fsim_config_set (c, "pipeline.max-parallelism", "0", &e));
  ck_assert_str_eq (e->message, "pipeline.max-parallelism must be -1 (unset) or between 1 and 32768, not 0");
  g_clear_error (&e);
  ck_assert (!fsim_config_set (c, "pipeline.max-parallelism", "40000", &e));
  g_clear_error (&e);
  /* ExponentialDelayRestartBackoffTimeStrategy's argument checks */
  ck_assert (!fsim_config_set (c, "restart-strategy.exponential-delay.backoff-multiplier", "1", &e));
  ck_assert_str_eq (e->message, "restart-strategy.exponential-delay.backoff-multiplier must be "
                                "greater than 1 (Backoff multiplier must be greater than 1.)");
  g_clear_error (&e);
  ck_assert (!fsim_config_set (c, "restart-strategy.exponential-delay.jitter-factor", "1.5", &e));
  g_clear_error (&e);

  g_autofree char *dump = fsim_config_dump (c);
  ck_assert_str_eq (dump, "execution.checkpointing.interval = 5 s\n"
                          "execution.checkpointing.mode = AT_LEAST_ONCE\n"
                          "execution.checkpointing.unaligned.enabled = true\n"
                          "restart-strategy.type = failure-rate\n");
  g_autoptr (FsimConfig) copy = fsim_config_copy (c);
  g_autofree char *dump2 = fsim_config_dump (copy);
  ck_assert_str_eq (dump, dump2);
}
END_TEST

/* TimeUtils.parseDuration: digits, then a unit label (ignoring case and
 * blanks); no unit = milliseconds; labels as TimeUtils.TimeUnit lists them. */
START_TEST (test_duration_parse)
{
  static const struct {
    const char *text;
    gint64 us;
  } ok[] = {
    { "10 s", 10000000 }, { "500ms", 500000 }, { "1 min", 60000000 }, { "2 h", 7200000000 },
    { "100 us", 100 }, { "100 \302\265s", 100 }, { "250", 250000 }, { "3 m", 180000000 },
    { "1 d", 86400000000 }, { "2 seconds", 2000000 }, { " 7 SEC ", 7000000 },
    { "5000 ns", 5 }, { "1 minutes", 60000000 }, { "0", 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      gint64 us = -1;
      g_autoptr (GError) e = NULL;
      ck_assert_msg (fsim_duration_parse (ok[i].text, &us, &e), "%s: %s", ok[i].text,
                     e ? e->message : "");
      ck_assert_int_eq (us, ok[i].us);
    }
  gint64 us;
  g_autoptr (GError) e = NULL;
  ck_assert (!fsim_duration_parse ("5 sex", &us, &e));
  ck_assert_str_eq (e->message, "unknown time unit 'sex' (Flink's units: ns, us or \302\265s, ms, s, "
                                "min, h, d); did you mean 'sec'?");
  g_clear_error (&e);
  ck_assert (!fsim_duration_parse ("1.5 s", &us, &e));
  g_clear_error (&e);
  ck_assert (!fsim_duration_parse ("-1 s", &us, &e));
  g_clear_error (&e);
  ck_assert (!fsim_duration_parse ("", &us, &e));
  g_clear_error (&e);
  /* the clock counts microseconds */
  ck_assert (!fsim_duration_parse ("1 ns", &us, &e));
}
END_TEST

/* TimeUtils.formatWithHighestUnit: the largest unit that divides; 0 → "0 ms". */
START_TEST (test_duration_format)
{
  static const struct {
    gint64 us;
    const char *text;
  } cases[] = {
    { 0, "0 ms" }, { 10000000, "10 s" }, { 500000, "500 ms" }, { 60000000, "1 min" },
    { 90000000, "90 s" }, { 7200000000, "2 h" }, { 100, "100 us" }, { 86400000000, "1 d" },
    { 1500, "1500 us" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *t = fsim_duration_format (cases[i].us);
      ck_assert_str_eq (t, cases[i].text);
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Constructs                                                                 */

/* The example of job-language.md, every construct in one file. */
START_TEST (test_language_example)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "# Flink's SocketWindowWordCount, simulated\n"
    "job \"Socket Window WordCount\"\n"
    "\n"
    "set parallelism.default               = 2        # Flink configuration keys and syntax\n"
    "set taskmanager.numberOfTaskSlots     = 2\n"
    "set execution.checkpointing.interval  = 5 s\n"
    "set restart-strategy.type             = fixed-delay\n"
    "set restart-strategy.fixed-delay.attempts = 3\n"
    "set restart-strategy.fixed-delay.delay    = 10 s\n"
    "set sim.taskmanagers = 2                         # simulator knobs: sim.*\n"
    "set sim.seed         = 42\n"
    "\n"
    "text   = env.socketTextStream(\"localhost\", 9999)\n"
    "            .rate(200/s)                         # simulator: records/s per subtask\n"
    "counts = text.flatMap(\"Splitter\").cost(50 us)    # simulator: time per record\n"
    "             .keyBy(\"word\").keys(1000)           # simulator: distinct keys\n"
    "             .window(TumblingProcessingTimeWindows.of(5 s))\n"
    "             .sum(1)\n"
    "counts.print().setParallelism(1)\n"
    "\n"
    "at 12 s fail \"Flat Map\" subtask 1                # faults, in simulated time\n"
    "at 30 s kill taskmanager 2\n");
  ck_assert_str_eq (fsim_job_get_name (job), "Socket Window WordCount");
  ck_assert_str_eq (fsim_stream_graph_get_job_name (fsim_job_get_stream_graph (job)),
                    "Socket Window WordCount");
  FsimConfig *c = fsim_job_get_config (job);
  ck_assert_int_eq (fsim_config_get_int (c, "parallelism.default"), 2);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.fixed-delay.delay"), 10000000);
  ck_assert_int_eq (fsim_config_get_int (c, "sim.seed"), 42);
  /* StreamGraph of SocketWindowWordCount: source 1, flatMap 2, keyBy 3 (no
   * node), window 4, print 5 */
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  ck_assert_int_eq (nodes->len, 4);
  FsimStreamNode *src = graphs_test_node (job, "Source: Socket Stream");
  FsimStreamNode *flat = graphs_test_node (job, "Flat Map");
  FsimStreamNode *win = graphs_test_node (job, "TumblingProcessingTimeWindows");
  FsimStreamNode *sink = graphs_test_node (job, "Sink: Print to Std. Out");
  ck_assert_int_eq (src->id, 1);
  ck_assert_int_eq (flat->id, 2);
  ck_assert_int_eq (win->id, 4);
  ck_assert_int_eq (sink->id, 5);
  ck_assert_double_eq (src->knobs.rate_per_s, 200);
  ck_assert_int_eq (flat->knobs.cost_us, 50);
  ck_assert_int_eq (flat->knobs.keys, 1000);
  ck_assert_str_eq (flat->function, "Splitter");
  ck_assert_int_eq (win->window.kind, FSIM_WINDOW_TUMBLING);
  ck_assert_int_eq (win->window.size_us, 5000000);
  ck_assert (!win->window.event_time);
  ck_assert_int_eq (sink->parallelism, 1);
  ck_assert_int_eq (src->line, 13);
  ck_assert_int_eq (src->column, 14);
  GPtrArray *faults = fsim_job_get_faults (job);
  ck_assert_int_eq (faults->len, 2);
  FsimFault *f0 = g_ptr_array_index (faults, 0), *f1 = g_ptr_array_index (faults, 1);
  ck_assert_int_eq (f0->kind, FSIM_FAULT_FAIL_TASK);
  ck_assert_int_eq (f0->at_us, 12000000);
  ck_assert_str_eq (f0->operator_name, "Flat Map");
  ck_assert_int_eq (f0->stream_node_id, 2);
  ck_assert_int_eq (f0->subtask, 1);
  ck_assert_int_eq (f0->line, 21);
  ck_assert_int_eq (f1->kind, FSIM_FAULT_KILL_TASKMANAGER);
  ck_assert_int_eq (f1->taskmanager, 2);
}
END_TEST

/* Comments (# and //), ';' separators, blank lines, continuation lines
 * with comments between them, arguments spread over lines. */
START_TEST (test_layout)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "// a Java-style comment\n"
    "a = env.fromSequence(1, 100); b = a.map(\"M\")   ; \n"
    "b\n"
    "  # a comment between the lines of a chain\n"
    "\n"
    "  .filter(\"F\")\n"
    "  .print(\n"
    "     \"prefix\"\n"
    "  );\n");
  FsimStreamNode *filter = graphs_test_node (job, "Filter");
  ck_assert_int_eq (filter->line, 6);
  ck_assert_int_eq (filter->column, 4);
  ck_assert_int_eq (graphs_test_node (job, "Map")->id, 2);
  ck_assert_int_eq (fsim_job_get_faults (job)->len, 0);
  /* no job statement: StreamGraphGenerator.DEFAULT_STREAMING_JOB_NAME */
  ck_assert_str_eq (fsim_job_get_name (job), "Flink Streaming Job");
}
END_TEST

/* Strings with escapes and UTF-8; carets count characters. */
START_TEST (test_strings_and_columns)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.fromSource(\"Kaf\\\"ka \\\\ ü\").name(\"Größe\").print()\n");
  graphs_test_node (job, "Source: Größe");
  ck_assert_error ("env.fromSource(\"ü\").naem(\"x\").print()\n",
                   "t.job:1:21: error: unknown method 'naem' on DataStreamSource\n"
                   " 1 | env.fromSource(\"ü\").naem(\"x\").print()\n"
                   "   |                     ^~~~\n"
                   "did you mean 'name'?\n");
  ck_assert_error ("env.fromSource(\"abc).print()\n",
                   "t.job:1:16: error: unterminated string\n"
                   " 1 | env.fromSource(\"abc).print()\n"
                   "   |                ^\n"
                   "close the string with '\"' on the same line\n");
  ck_assert_error ("env.fromSource('abc').print()\n",
                   "t.job:1:16: error: unexpected character '''\n"
                   " 1 | env.fromSource('abc').print()\n"
                   "   |                ^\n"
                   "strings are written in double quotes: \"…\"\n");
  ck_assert_error ("env.fromSource(\"a\\q\").print()\n",
                   "t.job:1:18: error: unknown escape sequence in a string\n"
                   " 1 | env.fromSource(\"a\\q\").print()\n"
                   "   |                  ^~\n"
                   "the escapes are \\\" \\\\ \\n and \\t\n");
}
END_TEST

/* Every argument form of the grammar: string, number (negative, decimal),
 * duration, rate, boolean, name, qualified name, nested and chained calls. */
START_TEST (test_argument_forms)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.enableCheckpointing(2 s, CheckpointingMode.AT_LEAST_ONCE)\n"
    "env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 10 s))\n"
    "s = env.fromSource(\"events\", WatermarkStrategy.forBoundedOutOfOrderness(2 s)"
    ".withIdleness(1 min), \"Events\")\n"
    "      .rate(5/ms).outOfOrder(500 ms)\n"
    "k = s.keyBy(\"user\").keys(50).skew(zipf(1.2))\n"
    "k.maxBy(\"score\", true).setBufferTimeout(-1).stateSize(64 kb).print()\n");
  FsimConfig *c = fsim_job_get_config (job);
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.checkpointing.interval"), 2000000);
  ck_assert_str_eq (fsim_config_get_string (c, "execution.checkpointing.mode"), "AT_LEAST_ONCE");
  ck_assert_str_eq (fsim_config_get_string (c, "restart-strategy.type"), "fixed-delay");
  ck_assert_int_eq (fsim_config_get_int (c, "restart-strategy.fixed-delay.attempts"), 3);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.fixed-delay.delay"), 10000000);
  FsimStreamNode *src = graphs_test_node (job, "Source: Events");
  ck_assert_str_eq (src->function, "events");
  ck_assert_int_eq (src->watermarks.kind, FSIM_WATERMARKS_BOUNDED);
  ck_assert_int_eq (src->watermarks.max_out_of_orderness_us, 2000000);
  ck_assert_int_eq (src->watermarks.idleness_us, 60000000);
  ck_assert_double_eq (src->knobs.rate_per_s, 5000);
  ck_assert_int_eq (src->knobs.out_of_order_us, 500000);
  ck_assert_int_eq (src->knobs.keys, 50);
  ck_assert_double_eq (src->knobs.zipf_skew, 1.2);
  FsimStreamNode *agg = graphs_test_node (job, "Keyed Aggregation");
  ck_assert_int_eq (agg->knobs.state_bytes_per_key, 65536);
  ck_assert (agg->keyed);
}
END_TEST

/* env methods are the config keys (StreamExecutionEnvironment → ExecutionConfig,
 * CheckpointConfig, RestartStrategies in 1.x). */
START_TEST (test_env_methods)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.setParallelism(3).setMaxParallelism(64).disableOperatorChaining()\n"
    "env.setBufferTimeout(20)\n"
    "env.setRestartStrategy(RestartStrategies.exponentialDelayRestart(1 s, 1 min, 2.0, 1 h, 0.2))\n"
    "env.setRuntimeMode(RuntimeExecutionMode.STREAMING)\n"
    "env.fromSequence(1, 10).print()\n");
  FsimConfig *c = fsim_job_get_config (job);
  ck_assert_int_eq (fsim_config_get_int (c, "parallelism.default"), 3);
  ck_assert_int_eq (fsim_config_get_int (c, "pipeline.max-parallelism"), 64);
  ck_assert (!fsim_config_get_bool (c, "pipeline.operator-chaining.enabled"));
  ck_assert (!fsim_stream_graph_get_chaining_enabled (fsim_job_get_stream_graph (job)));
  ck_assert_int_eq (fsim_config_get_duration (c, "execution.buffer-timeout.interval"), 20000);
  ck_assert_str_eq (fsim_config_get_string (c, "restart-strategy.type"), "exponential-delay");
  ck_assert_double_eq (fsim_config_get_double (c, "restart-strategy.exponential-delay.backoff-multiplier"),
                       2.0);
  ck_assert_double_eq (fsim_config_get_double (c, "restart-strategy.exponential-delay.jitter-factor"),
                       0.2);
  FsimStreamNode *src = graphs_test_node (job, "Source: Sequence Source");
  ck_assert_int_eq (src->parallelism, 3);
  ck_assert_int_eq (src->max_parallelism, 64);
  ck_assert_int_eq (src->buffer_timeout_ms, 20);

  g_autoptr (FsimJob) j2 = graphs_test_parse (
    "env.setRestartStrategy(RestartStrategies.failureRateRestart(2, 1 min, 3 s))\n"
    "env.fromSequence(1, 10).print()\n");
  c = fsim_job_get_config (j2);
  ck_assert_str_eq (fsim_config_get_string (c, "restart-strategy.type"), "failure-rate");
  ck_assert_int_eq (fsim_config_get_int (c, "restart-strategy.failure-rate.max-failures-per-interval"), 2);
  ck_assert_int_eq (fsim_config_get_duration (c, "restart-strategy.failure-rate.delay"), 3000000);
  g_autoptr (FsimJob) j3 = graphs_test_parse (
    "env.setRestartStrategy(RestartStrategies.noRestart())\n"
    "env.enableCheckpointing(1000)\n"
    "env.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (fsim_config_get_string (fsim_job_get_config (j3), "restart-strategy.type"),
                    "none");
  /* enableCheckpointing(long) takes milliseconds */
  ck_assert_int_eq (fsim_config_get_duration (fsim_job_get_config (j3),
                                              "execution.checkpointing.interval"), 1000000);
}
END_TEST

/* Every source, transformation and sink method of job-language.md parses. */
START_TEST (test_every_method)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "a = env.fromElements(1, 2, 3)\n"
    "b = env.fromData(\"x\", \"y\")\n"
    "c = env.fromSequence(1, 1000)\n"
    "d = env.fromCollection(\"words\").records(10)\n"
    "e = env.socketTextStream(\"localhost\", 9999, \"\\n\", 3)\n"
    "f = env.readTextFile(\"/tmp/in.txt\").records(100)\n"
    "g = env.fromSource(\"Kafka\")\n"
    "h = env.addSource(\"Gen\", \"Generator\")\n"
    "u = a.union(b, c, d, e, f, g, h)\n"
    "m = u.map(\"M\").flatMap(\"F\").filter(\"P\").process(\"Q\")\n"
    "k = m.keyBy(\"k\")\n"
    "k.process(\"KP\").print()\n"
    "k.reduce(\"R\").printToErr()\n"
    "k.sum(0).addSink(\"S\")\n"
    "k.min(\"f\").sinkTo(\"KafkaSink\")\n"
    "k.max(1).writeAsText(\"/tmp/out\")\n"
    "k.minBy(1).print()\n"
    "k.maxBy(1, false).print()\n"
    "w = k.window(SlidingEventTimeWindows.of(10 s, 5 s))\n"
    "w.reduce(\"R\").print()\n"
    "w.aggregate(\"A\", \"W\").print()\n"
    "w.apply(\"Ap\").print()\n"
    "w.process(\"Pw\").print()\n"
    "w.sum(1).print()\n"
    "k.countWindow(100).min(0).print()\n"
    "m.windowAll(EventTimeSessionWindows.withGap(30 s)).max(0).print()\n"
    "m.countWindowAll(10, 5).apply(\"Aw\").print()\n"
    "m.assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n"
    "  .rebalance().map().rescale().map().shuffle().map().broadcast().map()\n"
    "  .forward().map().global().map().partitionCustom(\"P\", 0).map()\n"
    "  .connect(c).map(\"CoM\").print()\n"
    "m.connect(c).flatMap(\"CoF\").print()\n"
    "m.connect(c).process(\"CoP\").print()\n"
    "k.connect(c.keyBy(0)).process(\"KCoP\").print()\n"
    "m.connect(c).keyBy(0, 0).map(\"KCoM\").name(\"keyed co-map\").uid(\"kcm\")\n"
    "  .setParallelism(2).setMaxParallelism(16).slotSharingGroup(\"g\").startNewChain()\n"
    "  .disableChaining().setBufferTimeout(5).setDescription(\"d\").cost(1 ms)\n"
    "  .print().name(\"out\").uid(\"o\").setParallelism(1).setMaxParallelism(8)\n"
    "  .slotSharingGroup(\"h\").disableChaining().setDescription(\"sink\").cost(2 ms)\n");
  /* spot checks; the names are pinned in graphs-streamgraph.c */
  graphs_test_node (job, "Split Reader: Custom File Source");
  graphs_test_node (job, "Source: Custom File Source");
  graphs_test_node (job, "Source: Generator");
  graphs_test_node (job, "Sink: Print to Std. Err");
  graphs_test_node (job, "Sink: Writer");
  graphs_test_node (job, "Co-Map");
  graphs_test_node (job, "Co-Flat Map");
  graphs_test_node (job, "Co-Process");
  graphs_test_node (job, "Co-Keyed-Process");
  FsimStreamNode *kcm = graphs_test_node (job, "keyed co-map");
  ck_assert_str_eq (kcm->uid, "kcm");
  ck_assert_int_eq (kcm->parallelism, 2);
  ck_assert_int_eq (kcm->max_parallelism, 16);
  ck_assert_str_eq (kcm->slot_sharing_group, "g");
  ck_assert_int_eq (kcm->chaining, FSIM_CHAINING_NEVER);   /* the last call wins */
  ck_assert_int_eq (kcm->buffer_timeout_ms, 5);
  ck_assert_str_eq (kcm->description, "d");
  ck_assert_int_eq (kcm->knobs.cost_us, 1000);
  FsimStreamNode *out = graphs_test_node (job, "Sink: out");
  ck_assert_str_eq (out->uid, "o");
  ck_assert_str_eq (out->description, "sink");
  ck_assert_int_eq (out->max_parallelism, 8);
  ck_assert_str_eq (out->slot_sharing_group, "h");
  ck_assert_int_eq (out->chaining, FSIM_CHAINING_NEVER);
  ck_assert_int_eq (out->knobs.cost_us, 2000);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Errors: file:line:col, the line, a caret, what was expected, a suggestion */

START_TEST (test_error_unknown_method)
{
  ck_assert_error ("x = env.fromSequence(1, 10)\nx.keyby(\"a\").print()\n",
                   "t.job:2:3: error: unknown method 'keyby' on DataStreamSource\n"
                   " 2 | x.keyby(\"a\").print()\n"
                   "   |   ^~~~~\n"
                   "did you mean 'keyBy'?\n");
  /* no method is near: the hint lists the receiver's, each once. A
   * DataStreamSource has map, keyBy and sinkTo (DataStream) but no
   * window, which only KeyedStream has; KeyedStream has process once
   * though the table has it twice. */
  g_autofree char *msg = graphs_test_parse_error ("env.fromSequence(1, 10).frobnicate().print()\n");
  ck_assert (g_str_has_prefix (msg,
                               "t.job:1:25: error: unknown method 'frobnicate' on DataStreamSource\n"
                               " 1 | env.fromSequence(1, 10).frobnicate().print()\n"
                               "   |                         ^~~~~~~~~~\n"
                               "the methods of DataStreamSource: "));
  ck_assert (g_str_has_suffix (msg, " (docs/job-language.md)\n"));
  ck_assert (strstr (msg, " map,") && strstr (msg, " keyBy,") && strstr (msg, " sinkTo,"));
  ck_assert (strstr (msg, " window,") == NULL);
  g_autofree char *keyed = graphs_test_parse_error ("env.fromSequence(1, 10).keyBy(\"k\").salt(4)"
                                                    ".print()\n");
  const char *list = strstr (keyed, "the methods of KeyedStream: ");
  ck_assert_msg (list != NULL, "%s", keyed);
  ck_assert (strstr (list, " window,") != NULL);
  const char *first = strstr (list, "process");
  ck_assert (first != NULL && strstr (first + 1, "process") == NULL);
}
END_TEST

/* WindowedStream.trigger / allowedLateness / sideOutputLateData: the
 * trigger replaces the assigner's default and names the operator's
 * description (WindowOperatorBuilder.generateOperatorDescription: the
 * trigger's simple class name); lateness is Duration.toMillis(). */
START_TEST (test_windowed_stream_calls)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "e = env.fromSequence(1, 10).keyBy(\"k\").window(TumblingEventTimeWindows.of(5 s))\n"
    "  .trigger(PurgingTrigger.of(CountTrigger.of(3))).allowedLateness(2500 us)\n"
    "  .sideOutputLateData(\"late-data\").sum(0).print()\n");
  FsimStreamNode *win = graphs_test_node (job, "TumblingEventTimeWindows");
  ck_assert_int_eq (win->window.trigger.kind, FSIM_TRIGGER_COUNT);
  ck_assert_int_eq (win->window.trigger.count, 3);
  ck_assert (win->window.trigger.purging);
  ck_assert_int_eq (win->window.allowed_lateness_us, 2000);
  ck_assert (win->window.side_output_late);
  ck_assert_str_eq (win->description, "Window(TumblingEventTimeWindows(5000), PurgingTrigger, "
                    "SumAggregator, PassThroughWindowFunction)");
  /* without them: the assigner's EventTimeTrigger, no lateness, dropped */
  g_autoptr (FsimJob) plain = graphs_test_parse (
    "env.fromSequence(1, 10).keyBy(\"k\").window(TumblingEventTimeWindows.of(5 s)).sum(0)"
    ".print()\n");
  FsimStreamNode *w2 = graphs_test_node (plain, "TumblingEventTimeWindows");
  ck_assert_int_eq (w2->window.trigger.kind, FSIM_TRIGGER_EVENT_TIME);
  ck_assert_int_eq (w2->window.allowed_lateness_us, 0);
  ck_assert (!w2->window.side_output_late);
}
END_TEST

/* SingleOutputStreamOperator.getSideOutput: a SideOutputTransformation,
 * a virtual node whose edge carries the tag (StreamGraph.addEdgeInternal
 * with virtualSideOutputNodes); the edge chains like any (FORWARD, same
 * parallelism), so the window feeds two chained sinks and the chain is
 * named with both outputs (createChainedName: "A -> (B, C)"). */
START_TEST (test_get_side_output)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "w = env.fromSequence(1, 10).keyBy(\"k\").window(TumblingEventTimeWindows.of(5 s))\n"
    "  .sideOutputLateData(\"late\").sum(0)\n"
    "w.print()\n"
    "w.getSideOutput(\"late\").sinkTo(\"L\").name(\"Late\")\n");
  FsimStreamNode *win = graphs_test_node (job, "TumblingEventTimeWindows");
  ck_assert_str_eq (win->window.late_tag, "late");
  ck_assert_uint_eq (win->out_edges->len, 2);
  const FsimStreamEdge *main_edge = g_ptr_array_index (win->out_edges, 0);
  const FsimStreamEdge *side_edge = g_ptr_array_index (win->out_edges, 1);
  ck_assert_ptr_null (main_edge->output_tag);
  ck_assert_str_eq (main_edge->target->name, "Sink: Print to Std. Out");
  ck_assert_str_eq (side_edge->output_tag, "late");
  ck_assert_str_eq (side_edge->target->name, "Late: Writer");
  ck_assert_int_eq (side_edge->partitioner, FSIM_PARTITIONER_FORWARD);
  g_autoptr (GError) error = NULL;
  FsimJobGraph *jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  const FsimJobVertex *jv = fsim_job_graph_get_vertex_for_node (jg, win->id);
  ck_assert_str_eq (jv->name, "TumblingEventTimeWindows -> (Sink: Print to Std. Out, Late: Writer)");
  fsim_job_graph_free (jg);
}
END_TEST

/* Flink's messages: WindowOperatorBuilder.allowedLateness's checkArgument,
 * OutputTag's constructor; a trigger name is suggested; TimeWindow
 * triggers do not type-check on GlobalWindows. */
START_TEST (test_windowed_stream_call_errors)
{
  ck_assert_error ("e = env.fromSequence(1, 10).keyBy(\"k\").countWindow(5).allowedLateness(-1 s)"
                   ".sum(0).print()\n",
                   "t.job:1:71: error: The allowed lateness cannot be negative.\n"
                   " 1 | e = env.fromSequence(1, 10).keyBy(\"k\").countWindow(5).allowedLateness(-1 s)"
                   ".sum(0).print()\n"
                   "   |                                                                       ^~~~\n");
  ck_assert_error ("e = env.fromSequence(1, 10).keyBy(\"k\").countWindow(5).sideOutputLateData(\"\")"
                   ".sum(0).print()\n",
                   "t.job:1:74: error: OutputTag id must not be empty.\n"
                   " 1 | e = env.fromSequence(1, 10).keyBy(\"k\").countWindow(5).sideOutputLateData(\"\")"
                   ".sum(0).print()\n"
                   "   |                                                                          ^~\n");
  g_autofree char *typo = graphs_test_parse_error (
    "e = env.fromSequence(1, 10).keyBy(\"k\").countWindow(5).trigger(CountTriger.of(3))"
    ".sum(0).print()\n");
  ck_assert_msg (strstr (typo, "t.job:1:63: error: unknown trigger CountTriger.of(…)") != NULL
                 && strstr (typo, "did you mean 'CountTrigger.of'?") != NULL, "%s", typo);
  g_autofree char *global = graphs_test_parse_error (
    "e = env.fromSequence(1, 10).keyBy(\"k\").countWindow(5).trigger(EventTimeTrigger.create())"
    ".sum(0).print()\n");
  ck_assert_msg (strstr (global, "EventTimeTrigger is a Trigger of TimeWindows; GlobalWindows "
                         "assigns a GlobalWindow") != NULL, "%s", global);
}
END_TEST

START_TEST (test_error_method_on_wrong_receiver)
{
  ck_assert_error ("env.fromSequence(1, 10).window(TumblingEventTimeWindows.of(1 s)).sum(0).print()\n",
                   "t.job:1:25: error: 'window' is not a method of DataStreamSource, but of KeyedStream\n"
                   " 1 | env.fromSequence(1, 10).window(TumblingEventTimeWindows.of(1 s)).sum(0).print()\n"
                   "   |                         ^~~~~~\n"
                   "call keyBy(…) first\n");
  /* DataStream has no setParallelism: keyBy/rebalance make no operator */
  ck_assert_error ("env.fromSequence(1, 10).rebalance().setParallelism(3).print()\n",
                   "t.job:1:37: error: 'setParallelism' is not a method of DataStream, but of "
                   "StreamExecutionEnvironment, DataStreamSource, SingleOutputStreamOperator and "
                   "DataStreamSink\n"
                   " 1 | env.fromSequence(1, 10).rebalance().setParallelism(3).print()\n"
                   "   |                                     ^~~~~~~~~~~~~~\n"
                   "it configures an operator; keyBy, rebalance, union… make no operator: call it "
                   "on the operator before them or after the next one\n");
  /* DataStreamSink has no startNewChain (master's DataStreamSink) */
  ck_assert_error ("env.fromSequence(1, 10).print().startNewChain()\n",
                   "t.job:1:33: error: 'startNewChain' is not a method of DataStreamSink, but of "
                   "DataStreamSource and SingleOutputStreamOperator\n"
                   " 1 | env.fromSequence(1, 10).print().startNewChain()\n"
                   "   |                                 ^~~~~~~~~~~~~\n"
                   "DataStreamSink offers: name, uid, setDescription, setParallelism, "
                   "setMaxParallelism, slotSharingGroup, disableChaining, cost, stateSize\n");
  /* KeyedStream.setConnectionType throws */
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).rebalance().print()\n",
                   "t.job:1:34: error: Cannot override partitioning for KeyedStream.\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).rebalance().print()\n"
                   "   |                                  ^~~~~~~~~\n"
                   "keyBy already decides where each record goes; partition the stream before "
                   "keyBy, or call keyBy again\n");
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).countWindow(5).print()\n",
                   "t.job:1:49: error: 'print' is not a method of WindowedStream, but of "
                   "DataStreamSource, SingleOutputStreamOperator, DataStream and KeyedStream\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).countWindow(5).print()\n"
                   "   |                                                 ^~~~~\n"
                   "a windowed stream needs a window function first: reduce, aggregate, apply, "
                   "process, sum…\n");
}
END_TEST

START_TEST (test_error_arguments)
{
  ck_assert_error ("env.fromSequence(1, 10).map(\"a\", \"b\").print()\n",
                   "t.job:1:25: error: map() takes at most 1 argument, found 2\n"
                   " 1 | env.fromSequence(1, 10).map(\"a\", \"b\").print()\n"
                   "   |                         ^~~\n"
                   "usage: map([\"MapFunction\"])\n");
  ck_assert_error ("env.fromSequence(1).print()\n",
                   "t.job:1:5: error: fromSequence() takes 2 arguments, found 1\n"
                   " 1 | env.fromSequence(1).print()\n"
                   "   |     ^~~~~~~~~~~~\n"
                   "usage: fromSequence(from, to)\n");
  ck_assert_error ("env.fromSequence(1, 10).map(Tokenizer).print()\n",
                   "t.job:1:29: error: map() expects a string naming the function, found the name "
                   "Tokenizer\n"
                   " 1 | env.fromSequence(1, 10).map(Tokenizer).print()\n"
                   "   |                             ^~~~~~~~~\n"
                   "write the function in double quotes, e.g. map(\"Tokenizer\")\n");
  ck_assert_error ("env.fromSequence(1, 10).map(new Tokenizer()).print()\n",
                   "t.job:1:29: error: a job file does not create objects with 'new'\n"
                   " 1 | env.fromSequence(1, 10).map(new Tokenizer()).print()\n"
                   "   |                             ^~~\n"
                   "name the function with a string instead: map(\"Tokenizer\")\n");
  ck_assert_error ("env.fromSequence(1, 10).setParallelism(\"2\").print()\n",
                   "t.job:1:40: error: setParallelism() expects a whole number (the parallelism), "
                   "found the string \"2\"\n"
                   " 1 | env.fromSequence(1, 10).setParallelism(\"2\").print()\n"
                   "   |                                        ^~~\n");
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).window(TumblingProcessingTimeWindows.of(5)).sum(0).print()\n",
                   "t.job:1:74: error: window() expects a duration, found the number 5\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).window(TumblingProcessingTimeWindows.of(5)).sum(0).print()\n"
                   "   |                                                                          ^\n"
                   "durations are written like Flink's: 10 s, 500 ms, 1 min, 2 h, 100 us\n");
  /* bad duration unit */
  ck_assert_error ("env.fromSequence(1, 10).cost(5 sex).print()\n",
                   "t.job:1:30: error: unknown time unit 'sex' (Flink's units: ns, us or \302\265s, "
                   "ms, s, min, h, d); did you mean 'sec'?\n"
                   " 1 | env.fromSequence(1, 10).cost(5 sex).print()\n"
                   "   |                              ^~~~~\n");
  ck_assert_error ("env.fromSource(\"a\").rate(200).print()\n",
                   "t.job:1:26: error: rate() expects a rate, found the number 200\n"
                   " 1 | env.fromSource(\"a\").rate(200).print()\n"
                   "   |                          ^~~\n"
                   "records per subtask and time unit: 200/s, 5/ms, 1000/min\n");
  ck_assert_error ("env.fromSequence(1, 10).map().rate(2/s).print()\n",
                   "t.job:1:31: error: rate() applies to a source, and 'Map' is not one\n"
                   " 1 | env.fromSequence(1, 10).map().rate(2/s).print()\n"
                   "   |                               ^~~~\n"
                   "rate, records and outOfOrder describe what a source reads\n");
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).window(TumblingProcesingTimeWindows.of(5 s)).sum(0).print()\n",
                   "t.job:1:41: error: unknown window assigner 'TumblingProcesingTimeWindows.of'\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).window(TumblingProcesingTimeWindows.of(5 s)).sum(0).print()\n"
                   "   |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                   "did you mean 'TumblingProcessingTimeWindows.of'?\n");
  /* TumblingProcessingTimeWindows's constructor check */
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).window(TumblingProcessingTimeWindows.of(5 s, 5 s)).sum(0).print()\n",
                   "t.job:1:41: error: TumblingProcessingTimeWindows parameters must satisfy "
                   "abs(offset) < size\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).window(TumblingProcessingTimeWindows.of(5 s, 5 s)).sum(0).print()\n"
                   "   |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
  /* of(Duration) keeps size.toMillis(): 500 us is 0 ms, which the same
   * constructor check refuses (TumblingEventTimeWindows.of) */
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).window(TumblingProcessingTimeWindows.of(500 us)).sum(0).print()\n",
                   "t.job:1:41: error: TumblingProcessingTimeWindows parameters must satisfy "
                   "abs(offset) < size\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).window(TumblingProcessingTimeWindows.of(500 us)).sum(0).print()\n"
                   "   |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                   "500 us is 0 ms: window assigners count whole milliseconds (Duration.toMillis())\n");
  /* a slide of 1999 us is 1 ms (toMillis truncates), and a day of 1 ms
   * slides puts each element in 86400000 windows (size / slide) */
  ck_assert_error ("env.fromSequence(1, 10).keyBy(0).window(SlidingEventTimeWindows.of(1 d, 1999 us)).sum(0).print()\n",
                   "t.job:1:41: error: SlidingEventTimeWindows(86400000 ms, 1 ms) puts each element "
                   "in 86400000 windows: flinksim simulates at most 10000\n"
                   " 1 | env.fromSequence(1, 10).keyBy(0).window(SlidingEventTimeWindows.of(1 d, 1999 us)).sum(0).print()\n"
                   "   |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                   "a larger slide, or a smaller size\n");
  /* WatermarkStrategy.withWatermarkAlignment's checkArguments, in Flink's words */
  ck_assert_error ("env.fromSource(\"K\", WatermarkStrategy.forMonotonousTimestamps()"
                   ".withWatermarkAlignment(\"g\", -5 s), \"K\").print()\n",
                   "t.job:1:93: error: maxAllowedWatermarkDrift must be greater than or equal "
                   "to zero\n"
                   " 1 | \342\200\246rce(\"K\", WatermarkStrategy.forMonotonousTimestamps().withWatermarkAlignment(\"g\", -5 s), \"K\").print()\n"
                   "   |                                                                                   ^~~~\n");
  ck_assert_error ("env.fromSource(\"K\", WatermarkStrategy.forMonotonousTimestamps()"
                   ".withWatermarkAlignment(\"g\", 5 s, 0 s), \"K\").print()\n",
                   "t.job:1:98: error: updateInterval must be positive\n"
                   " 1 | \342\200\246\"K\", WatermarkStrategy.forMonotonousTimestamps().withWatermarkAlignment(\"g\", 5 s, 0 s), \"K\").print()\n"
                   "   |                                                                                    ^~~\n");
  /* StreamExecutionEnvironment.fromSequence */
  ck_assert_error ("env.fromSequence(10, 1).print()\n",
                   "t.job:1:5: error: Start of sequence must not be greater than the end\n"
                   " 1 | env.fromSequence(10, 1).print()\n"
                   "   |     ^~~~~~~~~~~~\n");
  /* a stream expression as an argument must be a DataStream */
  ck_assert_error ("a = env.fromSequence(1, 2)\n"
                   "a.connect(a.keyBy(0).window(GlobalWindows.create())).map().print()\n",
                   "t.job:2:11: error: connect() expects a DataStream, found a WindowedStream\n"
                   " 2 | a.connect(a.keyBy(0).window(GlobalWindows.create())).map().print()\n"
                   "   |           ^~~~~~~\n");
  ck_assert_error ("env.fromSequence(1, 10).union(1).print()\n",
                   "t.job:1:31: error: union() expects a stream, found the number 1\n"
                   " 1 | env.fromSequence(1, 10).union(1).print()\n"
                   "   |                               ^\n"
                   "name a stream defined earlier, e.g. other = env.fromSource(\"B\")\n");
}
END_TEST

START_TEST (test_error_config_keys)
{
  ck_assert_error ("set parallelism.defualt = 2\n",
                   "t.job:1:5: error: unknown configuration key 'parallelism.defualt'\n"
                   " 1 | set parallelism.defualt = 2\n"
                   "   |     ^~~~~~~~~~~~~~~~~~~\n"
                   "did you mean 'parallelism.default'?\n");
  ck_assert_error ("set state.backend = rocksdb\n",
                   "t.job:1:5: error: unknown configuration key 'state.backend'\n"
                   " 1 | set state.backend = rocksdb\n"
                   "   |     ^~~~~~~~~~~~~\n"
                   "did you mean 'state.backend.type'?\n");
  ck_assert_error ("set parallelism.default = two  # comment\n",
                   "t.job:1:27: error: parallelism.default takes a whole number, not 'two'\n"
                   " 1 | set parallelism.default = two  # comment\n"
                   "   |                           ^~~\n");
  ck_assert_error ("set execution.checkpointing.interval = 5 sec2\n",
                   "t.job:1:40: error: execution.checkpointing.interval: unknown time unit 'sec2' "
                   "(Flink's units: ns, us or \302\265s, ms, s, min, h, d); did you mean 'sec'?\n"
                   " 1 | set execution.checkpointing.interval = 5 sec2\n"
                   "   |                                        ^~~~~~\n");
  ck_assert_error ("set parallelism.default 2\n",
                   "t.job:1:25: error: expected '=' after the key, found '2'\n"
                   " 1 | set parallelism.default 2\n"
                   "   |                         ^\n"
                   "set parallelism.default = 2\n");
  ck_assert_error ("set parallelism.default =\n",
                   "t.job:1:26: error: expected a value after '='\n"
                   " 1 | set parallelism.default =\n"
                   "   |                          ^\n");
  ck_assert_error ("env.fromSequence(1, 2).print()\nset sim.seed = 1\n",
                   "t.job:2:1: error: 'set' after the program has started (on line 1)\n"
                   " 2 | set sim.seed = 1\n"
                   "   | ^~~\n"
                   "the configuration is read before the program runs; move 'set' lines above "
                   "the first stream statement (or use env.setParallelism … there)\n");
}
END_TEST

START_TEST (test_error_streams)
{
  ck_assert_error ("y.print()\ny = env.fromSequence(1, 2)\n",
                   "t.job:1:1: error: stream 'y' is used before it is defined (on line 2)\n"
                   " 1 | y.print()\n"
                   "   | ^\n"
                   "a stream is defined before it is used: move that statement up\n");
  ck_assert_error ("counts = env.fromSequence(1, 2)\ncount.print()\n",
                   "t.job:2:1: error: unknown stream 'count'\n"
                   " 2 | count.print()\n"
                   "   | ^~~~~\n"
                   "did you mean 'counts'?\n");
  ck_assert_error ("a = env.fromSequence(1, 2)\na.union(other).print()\n",
                   "t.job:2:9: error: unknown stream 'other'\n"
                   " 2 | a.union(other).print()\n"
                   "   |         ^~~~~\n");
  ck_assert_error ("env = env.fromSequence(1, 2)\n",
                   "t.job:1:1: error: 'env' is a reserved word; name the stream differently\n"
                   " 1 | env = env.fromSequence(1, 2)\n"
                   "   | ^~~\n");
  ck_assert_error ("a = env.fromSequence(1, 2)\na\n",
                   "t.job:2:2: error: expected '.' and a method call, found end of line\n"
                   " 2 | a\n"
                   "   |  ^\n"
                   "a statement calls methods: counts.print(), or names a result: "
                   "x = env.fromSequence(1, 10)\n");
  ck_assert_error ("jbo \"x\"\n",
                   "t.job:1:1: error: expected a statement, found 'jbo'\n"
                   " 1 | jbo \"x\"\n"
                   "   | ^~~\n"
                   "did you mean 'job'?\n");
  ck_assert_error ("env.fromSequence(1, 2).print() env.fromSequence(1, 2).print()\n",
                   "t.job:1:32: error: expected the end of the statement, found 'env'\n"
                   " 1 | env.fromSequence(1, 2).print() env.fromSequence(1, 2).print()\n"
                   "   |                                ^~~\n"
                   "one statement per line, or separate them with ';'\n");
  ck_assert_error ("env.fromSequence(1, 2).print(\n",
                   "t.job:2:1: error: expected an argument (a string, number, duration, rate, "
                   "true/false or a name), found end of file\n"
                   " 2 | \n"
                   "   | ^\n");
  ck_assert_error ("job \"a\"\njob \"b\"\nenv.fromSequence(1, 2).print()\n",
                   "t.job:2:1: error: the job is already named \"a\" (on line 1)\n"
                   " 2 | job \"b\"\n"
                   "   | ^~~\n");
}
END_TEST

/* OperatorValidationUtils and ExecutionConfig messages, verbatim. */
START_TEST (test_error_parallelism)
{
  ck_assert_error ("env.fromSequence(1, 10).map().setParallelism(0).print()\n",
                   "t.job:1:46: error: The parallelism of an operator must be at least 1, or "
                   "ExecutionConfig.PARALLELISM_DEFAULT (use system default).\n"
                   " 1 | env.fromSequence(1, 10).map().setParallelism(0).print()\n"
                   "   |                                              ^\n");
  ck_assert_error ("env.socketTextStream(\"h\", 1).setParallelism(2).print()\n",
                   "t.job:1:45: error: The parallelism of non parallel operator must be 1.\n"
                   " 1 | env.socketTextStream(\"h\", 1).setParallelism(2).print()\n"
                   "   |                                             ^\n"
                   "'Source: Socket Stream' runs as one subtask; put a rebalance() after it and "
                   "parallelise what follows\n");
  ck_assert_error ("env.fromSequence(1, 10).setMaxParallelism(0).print()\n",
                   "t.job:1:43: error: The maximum parallelism must be greater than 0.\n"
                   " 1 | env.fromSequence(1, 10).setMaxParallelism(0).print()\n"
                   "   |                                           ^\n");
  ck_assert_error ("env.fromSequence(1, 10).setMaxParallelism(40000).print()\n",
                   "t.job:1:43: error: Maximum parallelism must be between 1 and 32768. Found: 40000\n"
                   " 1 | env.fromSequence(1, 10).setMaxParallelism(40000).print()\n"
                   "   |                                           ^~~~~\n");
  ck_assert_error ("env.setParallelism(0)\n",
                   "t.job:1:20: error: Parallelism must be at least one, or "
                   "ExecutionConfig.PARALLELISM_DEFAULT (use system default).\n"
                   " 1 | env.setParallelism(0)\n"
                   "   |                    ^\n"
                   "operators created from here on take this parallelism\n");
  ck_assert_error ("env.setMaxParallelism(0)\n",
                   "t.job:1:23: error: maxParallelism is out of bounds 0 < maxParallelism <= 32768. "
                   "Found: 0\n"
                   " 1 | env.setMaxParallelism(0)\n"
                   "   |                       ^\n");
  ck_assert_error ("env.fromSequence(1, 10).setBufferTimeout(-2).print()\n",
                   "t.job:1:42: error: timeout must be >= -1\n"
                   " 1 | env.fromSequence(1, 10).setBufferTimeout(-2).print()\n"
                   "   |                                          ^~\n");
  ck_assert_error ("env.enableCheckpointing(5 ms)\n",
                   "t.job:1:25: error: Checkpoint interval must be larger than or equal to 10 ms\n"
                   " 1 | env.enableCheckpointing(5 ms)\n"
                   "   |                         ^~~~\n"
                   "the shortest interval is 10 ms (CheckpointCoordinatorConfiguration."
                   "MINIMAL_CHECKPOINT_TIME); a bare number is milliseconds, as a Java long\n");
}
END_TEST

/* Parallelism above max parallelism: Flink accepts it in the StreamGraph
 * and the JobGraph and rejects it when the ExecutionGraph is built
 * (ExecutionJobVertex's constructor, a JobException), with its message;
 * the diagnostic points at the setParallelism call. */
START_TEST (test_error_parallelism_above_max)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.fromSequence(1, 10).setMaxParallelism(2)\n   .setParallelism(4).print()\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_ptr_nonnull (jg);
  ck_assert_int_eq (fsim_job_graph_get_vertex_for_node (jg, 1)->parallelism, 4);
  ck_assert_int_eq (fsim_job_graph_get_vertex_for_node (jg, 1)->max_parallelism, 2);
  g_autoptr (FsimExecutionGraph) eg = fsim_execution_graph_new_for_job (job, &error);
  ck_assert_ptr_null (eg);
  ck_assert_str_eq (error->message,
                    "t.job:2:5: error: Vertex Source: Sequence Source's parallelism (4) is higher "
                    "than the max parallelism (2). Please lower the parallelism or increase the "
                    "max parallelism.\n"
                    " 2 |    .setParallelism(4).print()\n"
                    "   |     ^~~~~~~~~~~~~~\n"
                    "max parallelism is the number of key groups: lower the parallelism or raise "
                    "setMaxParallelism / pipeline.max-parallelism\n");

  /* pipeline.max-parallelism applies to every operator without its own; the
   * message names the JobVertex (jobVertex.getName(): the chain) */
  g_autoptr (FsimJob) global = graphs_test_parse ("set pipeline.max-parallelism = 2\n"
                                                  "set parallelism.default = 3\n"
                                                  "env.fromSequence(1, 10).print()\n");
  g_clear_error (&error);
  g_autoptr (FsimExecutionGraph) eg2 = fsim_execution_graph_new_for_job (global, &error);
  ck_assert_ptr_null (eg2);
  ck_assert_str_eq (error->message,
                    "t.job:3:5: error: Vertex Source: Sequence Source -> Sink: Print to Std. Out's "
                    "parallelism (3) is higher "
                    "than the max parallelism (2). Please lower the parallelism or increase the "
                    "max parallelism.\n"
                    " 3 | env.fromSequence(1, 10).print()\n"
                    "   |     ^~~~~~~~~~~~\n"
                    "max parallelism is the number of key groups: lower the parallelism or raise "
                    "setMaxParallelism / pipeline.max-parallelism\n");
}
END_TEST

START_TEST (test_error_program)
{
  /* StreamExecutionEnvironment.getStreamGraph on an empty program; the
   * caret at the end of the text, where a stream statement is missing */
  ck_assert_error ("set sim.seed = 1\n",
                   "t.job:1:17: error: No operators defined in streaming topology. Cannot execute.\n"
                   " 1 | set sim.seed = 1\n"
                   "   |                 ^\n"
                   "a job reads a source and writes to a sink: env.fromSequence(1, 100).print()\n");
  ck_assert_error ("a = env.fromSequence(1, 10)\na.map(\"M\")\n",
                   "t.job:2:3: error: the job has no sink: its results are never written anywhere\n"
                   " 2 | a.map(\"M\")\n"
                   "   |   ^~~\n"
                   "end a stream with print(), sinkTo(…), addSink(…) or writeAsText(…)\n");
  ck_assert_error ("env.fromCollection(\"data\").print()\n",
                   "t.job:1:5: error: 'Source: Collection Source' is bounded, but the simulator "
                   "cannot know its size\n"
                   " 1 | env.fromCollection(\"data\").print()\n"
                   "   |     ^~~~~~~~~~~~~~\n"
                   "add .records(n): how many records each subtask reads\n");
  /* StreamGraph.createActualEdge, at the forward() call */
  ck_assert_error ("env.fromSequence(1, 10).forward().map().setParallelism(3).print()\n",
                   "t.job:1:25: error: Forward partitioning does not allow change of parallelism. "
                   "Upstream operation: Source: Sequence Source-1 parallelism: 1, downstream "
                   "operation: Map-3 parallelism: 3 You must use another partitioning strategy, "
                   "such as broadcast, rebalance, shuffle or global.\n"
                   " 1 | env.fromSequence(1, 10).forward().map().setParallelism(3).print()\n"
                   "   |                         ^~~~~~~\n"
                   "use rebalance(), rescale(), shuffle(), broadcast() or global(), or give both "
                   "operators the same parallelism\n");
  /* StreamGraphGenerator.shouldExecuteInBatchMode */
  ck_assert_error ("set execution.runtime-mode = BATCH\nenv.fromSource(\"K\").print()\n",
                   "t.job:2:5: error: Detected an UNBOUNDED source with the 'execution.runtime-mode' "
                   "set to 'BATCH'. This combination is not allowed, please set the "
                   "'execution.runtime-mode' to STREAMING or AUTOMATIC\n"
                   " 2 | env.fromSource(\"K\").print()\n"
                   "   |     ^~~~~~~~~~\n"
                   "bounded sources: fromElements, fromSequence, fromCollection, readTextFile, or "
                   "a source with .records(n)\n");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Faults                                                                     */

START_TEST (test_faults)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set sim.taskmanagers = 3\n"
    "at 1 min decline checkpoint 4\n"
    "env.fromSequence(1, 10).setParallelism(2).map(\"M\").name(\"Enrich\").print()\n"
    "at 5 s fail \"Enrich\"\n"
    "at 500 ms kill taskmanager 3\n"
    "at 5 s fail \"Source: Sequence Source\" subtask 1\n");
  GPtrArray *f = fsim_job_get_faults (job);
  ck_assert_int_eq (f->len, 4);
  /* sorted by time, stable by position for equal times */
  FsimFault *a = f->pdata[0], *b = f->pdata[1], *c = f->pdata[2], *d = f->pdata[3];
  ck_assert_int_eq (a->kind, FSIM_FAULT_KILL_TASKMANAGER);
  ck_assert_int_eq (a->at_us, 500000);
  ck_assert_int_eq (a->taskmanager, 3);
  ck_assert_int_eq (b->kind, FSIM_FAULT_FAIL_TASK);
  ck_assert_str_eq (b->operator_name, "Enrich");
  ck_assert_int_eq (b->stream_node_id, 2);
  ck_assert_int_eq (b->subtask, -1);
  ck_assert_int_eq (b->line, 4);
  ck_assert_int_eq (c->stream_node_id, 1);
  ck_assert_int_eq (c->subtask, 1);
  ck_assert_int_eq (d->kind, FSIM_FAULT_DECLINE_CHECKPOINT);
  ck_assert_int_eq (d->checkpoint_id, 4);
  ck_assert_int_eq (d->at_us, 60000000);
}
END_TEST

/* fsim_fault_to_line writes what the parser reads back: every fault of a
 * job, written and parsed again after a job of the same text, is the same
 * fault (kind, time to the microsecond, operator and its node, subtask,
 * TaskManager, checkpoint); quotes and backslashes in a name survive. */
START_TEST (test_fault_to_line_round_trip)
{
  const char *text =
    "set sim.taskmanagers = 3\n"
    "env.fromSequence(1, 10).setParallelism(2).map(\"M\").name(\"say \\\"hi\\\" \\\\ bye\")"
    ".print()\n"
    "at 5001234 us fail \"say \\\"hi\\\" \\\\ bye\" subtask 0\n"
    "at 5 s fail \"Source: Sequence Source\"\n"
    "at 1500 ms kill taskmanager 3\n"
    "at 1 min decline checkpoint 4\n";
  g_autoptr (FsimJob) job = graphs_test_parse (text);
  GPtrArray *faults = fsim_job_get_faults (job);
  ck_assert_int_eq (faults->len, 4);
  g_autoptr (GString) again = g_string_new ("set sim.taskmanagers = 3\n"
    "env.fromSequence(1, 10).setParallelism(2).map(\"M\").name(\"say \\\"hi\\\" \\\\ bye\")"
    ".print()\n");
  for (guint i = 0; i < faults->len; i++)
    {
      g_autofree char *line = fsim_fault_to_line (faults->pdata[i]);
      g_string_append_printf (again, "%s\n", line);
    }
  g_autoptr (FsimJob) back = graphs_test_parse (again->str);
  GPtrArray *read = fsim_job_get_faults (back);
  ck_assert_int_eq (read->len, faults->len);
  for (guint i = 0; i < faults->len; i++)
    {
      const FsimFault *a = faults->pdata[i], *b = read->pdata[i];
      ck_assert_int_eq (a->kind, b->kind);
      ck_assert_int_eq (a->at_us, b->at_us);
      ck_assert_str_eq (a->operator_name ? a->operator_name : "", b->operator_name ? b->operator_name : "");
      ck_assert_int_eq (a->stream_node_id, b->stream_node_id);
      ck_assert_int_eq (a->subtask, b->subtask);
      ck_assert_int_eq (a->taskmanager, b->taskmanager);
      ck_assert_int_eq (a->checkpoint_id, b->checkpoint_id);
    }
  const FsimFault *named = read->pdata[2];     /* in time order: 1.5 s, 5 s, 5.001234 s */
  ck_assert_str_eq (named->operator_name, "say \"hi\" \\ bye");
  ck_assert_int_eq (named->at_us, 5001234);
}
END_TEST

/* A fault names a task by an operator whose name is its own: the head of
 * the chain when unique, else the next chained operator; none when every
 * operator's name is shared (then a fault cannot name the task). */
START_TEST (test_job_vertex_fault_name)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "env.fromSequence(1, 10).map().map().name(\"Enrich\").print()\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_msg (jg != NULL, "%s", error ? error->message : "?");
  GPtrArray *vs = fsim_job_graph_get_vertices_topological (jg);
  ck_assert_int_eq (vs->len, 1);        /* all chained: one task */
  /* "Source: Sequence Source" is unique: the head names the task */
  ck_assert_str_eq (fsim_job_vertex_fault_name (jg, vs->pdata[0]), "Source: Sequence Source");
  g_autoptr (FsimJob) twice = graphs_test_parse (
    "env.fromSequence(1, 10).rebalance().map().name(\"A\").map().name(\"A\").rebalance().map()"
    ".name(\"A\").map().name(\"B\").print()\n");
  g_autoptr (FsimJobGraph) jg2 = fsim_job_graph_new_for_job (twice, &error);
  ck_assert_msg (jg2 != NULL, "%s", error ? error->message : "?");
  GPtrArray *v2 = fsim_job_graph_get_vertices_topological (jg2);
  ck_assert_int_eq (v2->len, 3);
  /* A -> A: both named "A", as is the third task's head: no name of its own */
  ck_assert_ptr_null (fsim_job_vertex_fault_name (jg2, v2->pdata[1]));
  /* A -> B -> Sink: the head is shared, B is not */
  ck_assert_str_eq (fsim_job_vertex_fault_name (jg2, v2->pdata[2]), "B");
}
END_TEST

START_TEST (test_fault_errors)
{
  ck_assert_error ("env.fromSequence(1, 10).map().print()\nat 5 s fail \"Mapp\"\n",
                   "t.job:2:13: error: no operator is named \"Mapp\"\n"
                   " 2 | at 5 s fail \"Mapp\"\n"
                   "   |             ^~~~~~\n"
                   "did you mean \"Map\"?\n");
  /* nothing near: the hint lists the job's operators as Flink names them */
  ck_assert_error ("env.fromSequence(1, 10).map().print()\nat 5 s fail \"Kafka\"\n",
                   "t.job:2:13: error: no operator is named \"Kafka\"\n"
                   " 2 | at 5 s fail \"Kafka\"\n"
                   "   |             ^~~~~~~\n"
                   "faults name an operator as Flink names it (or a .name() you gave); this "
                   "job's are \"Source: Sequence Source\", \"Map\", \"Sink: Print to Std. Out\"\n");
  ck_assert_error ("env.fromSequence(1, 10).map().map().print()\nat 5 s fail \"Map\"\n",
                   "t.job:2:13: error: 2 operators are named \"Map\" (ids 2, 3)\n"
                   " 2 | at 5 s fail \"Map\"\n"
                   "   |             ^~~~~\n"
                   "give the operator a unique name with .name(\"…\")\n");
  ck_assert_error ("set parallelism.default = 2\nenv.fromSequence(1, 10).map().print()\n"
                   "at 5 s fail \"Map\" subtask 2\n",
                   "t.job:3:27: error: \"Map\" has no subtask 2: its parallelism is 2\n"
                   " 3 | at 5 s fail \"Map\" subtask 2\n"
                   "   |                           ^\n"
                   "subtasks are numbered from 0, as Flink's subtask index: \"Map (2/2)\" is "
                   "subtask 1\n");
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 s kill taskmanager 2\n",
                   "t.job:2:25: error: there is no taskmanager 2: the cluster has 1 (sim.taskmanagers)\n"
                   " 2 | at 5 s kill taskmanager 2\n"
                   "   |                         ^\n"
                   "TaskManagers are numbered from 1 to sim.taskmanagers\n");
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 s crash \"Map\"\n",
                   "t.job:2:8: error: expected a fault or an action: fail, kill, decline, "
                   "savepoint or stop, found 'crash'\n"
                   " 2 | at 5 s crash \"Map\"\n"
                   "   |        ^~~~~\n"
                   "at 12 s fail \"Map\" | kill taskmanager 2 | decline checkpoint 3 | "
                   "savepoint | stop --drain\n");
  /* `flink stop --drain`: the CLI's option, spelt as the CLI spells it */
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 s stop drain\n",
                   "t.job:2:13: error: expected '--drain', found 'drain'\n"
                   " 2 | at 5 s stop drain\n"
                   "   |             ^~~~~\n"
                   "stop --drain\n");
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 s stop --dran\n",
                   "t.job:2:15: error: expected '--drain', found 'dran'\n"
                   " 2 | at 5 s stop --dran\n"
                   "   |               ^~~~\n"
                   "stop --drain\n");
  /* `flink savepoint`'s word, misspelt */
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 s savepont\n",
                   "t.job:2:8: error: expected a fault or an action: fail, kill, decline, "
                   "savepoint or stop, found 'savepont'\n"
                   " 2 | at 5 s savepont\n"
                   "   |        ^~~~~~~~\n"
                   "did you mean 'savepoint'?\n");
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 fail \"Map\"\n",
                   "t.job:2:4: error: a fault's time needs a unit, like 5 s\n"
                   " 2 | at 5 fail \"Map\"\n"
                   "   |    ^\n");
  ck_assert_error ("env.fromSequence(1, 10).print()\nat 5 s decline checkpoint 0\n",
                   "t.job:2:27: error: checkpoint ids start at 1\n"
                   " 2 | at 5 s decline checkpoint 0\n"
                   "   |                           ^\n");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The simulator's knobs                                                      */

START_TEST (test_sim_knobs)
{
  g_autoptr (FsimJob) job = graphs_test_parse (
    "set parallelism.default = 4\n"
    "a = env.fromSequence(1, 10)\n"          /* 10 records over 4 subtasks */
    "b = env.fromElements(\"x\", \"y\", \"z\")\n"
    "c = env.fromSource(\"S\").records(7).rate(1000/min)\n"
    "a.union(b).keys(9).skew(uniform()).map().stateSize(2 mb).print()\n"
    "c.print()\n");
  FsimStreamNode *a = graphs_test_node (job, "Source: Sequence Source");
  FsimStreamNode *b = graphs_test_node (job, "Source: Collection Source");
  FsimStreamNode *c = graphs_test_node (job, "Source: S");
  /* NumberSequenceSource splits 10 over 4: at most 3 per subtask */
  ck_assert_int_eq (a->knobs.records, 3);
  ck_assert (a->bounded);
  ck_assert_int_eq (b->knobs.records, 3);
  ck_assert (b->bounded);
  /* keys() on a union describes both inputs' records */
  ck_assert_int_eq (a->knobs.keys, 9);
  ck_assert_int_eq (b->knobs.keys, 9);
  ck_assert_double_eq (a->knobs.zipf_skew, 0);
  ck_assert (c->bounded);       /* records() makes a source bounded */
  ck_assert_int_eq (c->knobs.records, 7);
  ck_assert_double_eq_tol (c->knobs.rate_per_s, 1000.0 / 60.0, 1e-9);
  ck_assert_int_eq (graphs_test_node (job, "Map")->knobs.state_bytes_per_key, 2 << 20);
  ck_assert (!graphs_test_node (job, "Source: S")->keyed);
}
END_TEST

void
graphs_language_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("ConfigOptions");
  tcase_add_test (tc, test_config_table_sorted);
  tcase_add_test (tc, test_config_flink_defaults);
  tcase_add_test (tc, test_config_set_and_errors);
  tcase_add_test (tc, test_duration_parse);
  tcase_add_test (tc, test_duration_format);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("JobLanguage");
  tcase_add_test (tc, test_language_example);
  tcase_add_test (tc, test_layout);
  tcase_add_test (tc, test_strings_and_columns);
  tcase_add_test (tc, test_argument_forms);
  tcase_add_test (tc, test_env_methods);
  tcase_add_test (tc, test_every_method);
  tcase_add_test (tc, test_sim_knobs);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("JobLanguageErrors");
  tcase_add_test (tc, test_error_unknown_method);
  tcase_add_test (tc, test_error_method_on_wrong_receiver);
  tcase_add_test (tc, test_error_arguments);
  tcase_add_test (tc, test_error_config_keys);
  tcase_add_test (tc, test_error_streams);
  tcase_add_test (tc, test_error_parallelism);
  tcase_add_test (tc, test_error_parallelism_above_max);
  tcase_add_test (tc, test_error_program);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("FaultPlan");
  tcase_add_test (tc, test_faults);
  tcase_add_test (tc, test_fault_errors);
  tcase_add_test (tc, test_fault_to_line_round_trip);
  tcase_add_test (tc, test_windowed_stream_calls);
  tcase_add_test (tc, test_get_side_output);
  tcase_add_test (tc, test_windowed_stream_call_errors);
  tcase_add_test (tc, test_job_vertex_fault_name);
  suite_add_tcase (suite, tc);
}
