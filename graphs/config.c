/* config.c - Flink's configuration keys, one table, and the simulator's sim.*.
 *
 * Like tmux's options-table.c: every key the simulator understands is one row
 * below (key, type, Flink's default, unit, range, a one-line doc and the
 * Flink ConfigOption it mirrors). The parser's `set`, the "did you mean"
 * suggester, `--help` and docs/job-language.md all read this table; nothing
 * else knows a key. Defaults are those of Flink master (2.2-SNAPSHOT) unless
 * the row says otherwise; each was read in the ConfigOption's declaration.
 *
 * Values are kept as Flink writes them (normalised: "10 s", "EXACTLY_ONCE")
 * plus their parsed form. A key Flink declares without a default
 * (execution.checkpointing.interval, restart-strategy.type, pipeline.name)
 * stays unset: fsim_config_is_set is FALSE and the getters answer -1 (INT,
 * DURATION) or NULL (STRING, ENUM), which callers read as "not configured"
 * exactly where Flink reads an empty Optional. */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graphs/graphs-private.h"
#include "graphs/language.h"

#define NONE 1, 0                       /* min > max: no range */
#define US(ms) ((gint64) (ms) * 1000)

static const char *const checkpointing_modes[] = { "EXACTLY_ONCE", "AT_LEAST_ONCE", NULL };
static const char *const runtime_modes[] = { "STREAMING", "BATCH", "AUTOMATIC", NULL };
static const char *const batch_shuffle_modes[] = {
  "ALL_EXCHANGES_PIPELINED", "ALL_EXCHANGES_BLOCKING", "ALL_EXCHANGES_HYBRID_FULL",
  "ALL_EXCHANGES_HYBRID_SELECTIVE", NULL
};
static const char *const failover_strategies[] = { "region", "full", NULL };
static const char *const description_modes[] = { "TREE", "CASCADING", NULL };
static const char *const load_balance_modes[] = { "NONE", "SLOTS", "MIN_RESOURCES", "TASKS", NULL };
static const char *const restart_strategies[] = {
  "none", "fixed-delay", "failure-rate", "exponential-delay", NULL
};
static const char *const state_backends[] = { "hashmap", "rocksdb", NULL };

/* Sorted by key (strcmp); a test checks it. */
static const FsimConfigOption options[] = {
  { "cluster.evenly-spread-out-slots", FSIM_CONFIG_BOOL, "false", NULL, NONE, NULL,
    "spread slots evenly over TaskManagers (1.x; removed in 2.0 for taskmanager.load-balance.mode)",
    "ClusterOptions.EVENLY_SPREAD_OUT_SLOTS_STRATEGY" },
  { "execution.batch-shuffle-mode", FSIM_CONFIG_ENUM, "ALL_EXCHANGES_BLOCKING", NULL, NONE,
    batch_shuffle_modes, "in BATCH mode, the result partition type of every exchange",
    "ExecutionOptions.BATCH_SHUFFLE_MODE" },
  { "execution.batch-state-backend.enabled", FSIM_CONFIG_BOOL, "true", NULL, NONE, NULL,
    "in BATCH mode, keyed state and timers of one key at a time, its timers fired when the "
    "key changes (needs the sorted inputs); false = the configured state backend",
    "ExecutionOptions.USE_BATCH_STATE_BACKEND" },
  { "execution.buffer-timeout.enabled", FSIM_CONFIG_BOOL, "true", NULL, NONE, NULL,
    "flush output buffers periodically; false = only when full",
    "ExecutionOptions.BUFFER_TIMEOUT_ENABLED" },
  { "execution.buffer-timeout.interval", FSIM_CONFIG_DURATION, "100 ms", NULL, 0, G_MAXINT64, NULL,
    "how often output buffers are flushed (0 = after every record)",
    "ExecutionOptions.BUFFER_TIMEOUT" },
  { "execution.checkpointing.aligned-checkpoint-timeout", FSIM_CONFIG_DURATION, "0 s", NULL,
    0, G_MAXINT64, NULL,
    "with unaligned checkpoints: start aligned, switch to unaligned after this (0 = unaligned at once)",
    "CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT" },
  { "execution.checkpointing.checkpoints-after-tasks-finish", FSIM_CONFIG_BOOL, "true", NULL,
    NONE, NULL, "keep checkpointing after some tasks finished (final checkpoint)",
    "CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH" },
  { "execution.checkpointing.incremental", FSIM_CONFIG_BOOL, "false", NULL, NONE, NULL,
    "with rocksdb: a checkpoint persists only what changed since the last one",
    "CheckpointingOptions.INCREMENTAL_CHECKPOINTS" },
  { "execution.checkpointing.interval", FSIM_CONFIG_DURATION, NULL, NULL, US (10), G_MAXINT64, NULL,
    "base interval of periodic checkpoints; unset = checkpointing disabled",
    "CheckpointingOptions.CHECKPOINTING_INTERVAL" },
  { "execution.checkpointing.max-concurrent-checkpoints", FSIM_CONFIG_INT, "1", "checkpoints",
    1, G_MAXINT32, NULL, "checkpoints that may be pending at the same time",
    "CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS" },
  { "execution.checkpointing.min-pause", FSIM_CONFIG_DURATION, "0 ms", NULL, 0, G_MAXINT64, NULL,
    "minimal pause from the last completed checkpoint to the next trigger",
    "CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS" },
  { "execution.checkpointing.mode", FSIM_CONFIG_ENUM, "EXACTLY_ONCE", NULL, NONE,
    checkpointing_modes, "barrier alignment (EXACTLY_ONCE) or barrier tracking (AT_LEAST_ONCE)",
    "CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE" },
  { "execution.checkpointing.num-retained", FSIM_CONFIG_INT, "1", "checkpoints", G_MININT32,
    G_MAXINT32, NULL, "completed checkpoints kept (< 1: 1, with a warning)",
    "CheckpointingOptions.MAX_RETAINED_CHECKPOINTS" },
  { "execution.checkpointing.timeout", FSIM_CONFIG_DURATION, "10 min", NULL, US (10), G_MAXINT64,
    NULL, "a pending checkpoint is discarded after this", "CheckpointingOptions.CHECKPOINTING_TIMEOUT" },
  { "execution.checkpointing.tolerable-failed-checkpoints", FSIM_CONFIG_INT, "0", "checkpoints",
    0, G_MAXINT32, NULL, "consecutive checkpoint failures tolerated before the job fails",
    "CheckpointingOptions.TOLERABLE_FAILURE_NUMBER" },
  { "execution.checkpointing.unaligned.enabled", FSIM_CONFIG_BOOL, "false", NULL, NONE, NULL,
    "unaligned checkpoints: barriers overtake buffered data, which is stored as channel state",
    "CheckpointingOptions.ENABLE_UNALIGNED" },
  { "execution.runtime-mode", FSIM_CONFIG_ENUM, "STREAMING", NULL, NONE, runtime_modes,
    "STREAMING, BATCH, or AUTOMATIC (BATCH iff every source is bounded)",
    "ExecutionOptions.RUNTIME_MODE" },
  { "execution.sorted-inputs.enabled", FSIM_CONFIG_BOOL, "true", NULL, NONE, NULL,
    "in BATCH mode, sort the inputs of keyed operators by key (SortingDataInput)",
    "ExecutionOptions.SORT_INPUTS" },
  { "heartbeat.interval", FSIM_CONFIG_DURATION, "10 s", NULL, 1, G_MAXINT64, NULL,
    "time between heartbeat requests", "HeartbeatManagerOptions.HEARTBEAT_INTERVAL" },
  { "heartbeat.timeout", FSIM_CONFIG_DURATION, "50 s", NULL, 1, G_MAXINT64, NULL,
    "a TaskManager silent this long is considered lost", "HeartbeatManagerOptions.HEARTBEAT_TIMEOUT" },
  { "jobmanager.execution.failover-strategy", FSIM_CONFIG_ENUM, "region", NULL, NONE,
    failover_strategies, "restart the failed pipelined region, or everything",
    "JobManagerOptions.EXECUTION_FAILOVER_STRATEGY" },
  { "parallelism.default", FSIM_CONFIG_INT, "1", "subtasks", 1, FSIM_UPPER_BOUND_MAX_PARALLELISM,
    NULL, "parallelism of operators that do not set their own", "CoreOptions.DEFAULT_PARALLELISM" },
  { "pipeline.auto-watermark-interval", FSIM_CONFIG_DURATION, "200 ms", NULL, 0, G_MAXINT64, NULL,
    "how often periodic watermark generators emit", "PipelineOptions.AUTO_WATERMARK_INTERVAL" },
  { "pipeline.max-parallelism", FSIM_CONFIG_INT, "-1", "key groups", -1,
    FSIM_UPPER_BOUND_MAX_PARALLELISM, NULL,
    "job-wide max parallelism (number of key groups); -1 = derived per vertex",
    "PipelineOptions.MAX_PARALLELISM" },
  { "pipeline.name", FSIM_CONFIG_STRING, NULL, NULL, NONE, NULL,
    "the job name, unless the program names it", "PipelineOptions.NAME" },
  { "pipeline.operator-chaining.chain-operators-with-different-max-parallelism", FSIM_CONFIG_BOOL,
    "true", NULL, NONE, NULL, "operators with different max parallelism may be chained",
    "PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM" },
  { "pipeline.operator-chaining.enabled", FSIM_CONFIG_BOOL, "true", NULL, NONE, NULL,
    "chain operators into tasks", "PipelineOptions.OPERATOR_CHAINING" },
  { "pipeline.vertex-description-mode", FSIM_CONFIG_ENUM, "TREE", NULL, NONE, description_modes,
    "how a job vertex description lists its chained operators",
    "PipelineOptions.VERTEX_DESCRIPTION_MODE" },
  { "pipeline.vertex-name-include-index-prefix", FSIM_CONFIG_BOOL, "false", NULL, NONE, NULL,
    "prefix vertex names with their topological index ([1]:…)",
    "PipelineOptions.VERTEX_NAME_INCLUDE_INDEX_PREFIX" },
  { "restart-strategy.exponential-delay.attempts-before-reset-backoff", FSIM_CONFIG_INT,
    "2147483647", "restarts", 1, G_MAXINT32, NULL,
    "restarts allowed before the backoff is reset",
    "RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS" },
  { "restart-strategy.exponential-delay.backoff-multiplier", FSIM_CONFIG_DOUBLE, "1.5", NULL,
    NONE, NULL, "backoff grows by this factor per restart (> 1)",
    "RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER" },
  { "restart-strategy.exponential-delay.initial-backoff", FSIM_CONFIG_DURATION, "1 s", NULL,
    US (1), G_MAXINT64, NULL, "backoff before the first restart",
    "RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF" },
  { "restart-strategy.exponential-delay.jitter-factor", FSIM_CONFIG_DOUBLE, "0.1", NULL, 0, 1,
    NULL, "random jitter, as a fraction of the backoff (0..1)",
    "RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR" },
  { "restart-strategy.exponential-delay.max-backoff", FSIM_CONFIG_DURATION, "1 min", NULL,
    US (1), G_MAXINT64, NULL, "the backoff never grows beyond this",
    "RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF" },
  { "restart-strategy.exponential-delay.reset-backoff-threshold", FSIM_CONFIG_DURATION, "1 h",
    NULL, US (1), G_MAXINT64, NULL, "a quiet period this long resets the backoff",
    "RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD" },
  { "restart-strategy.failure-rate.delay", FSIM_CONFIG_DURATION, "1 s", NULL, 0, G_MAXINT64, NULL,
    "delay before each restart", "RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY" },
  { "restart-strategy.failure-rate.failure-rate-interval", FSIM_CONFIG_DURATION, "1 min", NULL,
    1, G_MAXINT64, NULL, "window in which failures are counted",
    "RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL" },
  { "restart-strategy.failure-rate.max-failures-per-interval", FSIM_CONFIG_INT, "1", "failures",
    1, G_MAXINT32, NULL, "failures tolerated within the interval",
    "RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL" },
  { "restart-strategy.fixed-delay.attempts", FSIM_CONFIG_INT, "1", "restarts", 0, G_MAXINT32, NULL,
    "restarts before the job fails", "RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS" },
  { "restart-strategy.fixed-delay.delay", FSIM_CONFIG_DURATION, "1 s", NULL, 0, G_MAXINT64, NULL,
    "delay before each restart", "RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY" },
  { "restart-strategy.type", FSIM_CONFIG_ENUM, NULL, NULL, NONE, restart_strategies,
    "unset: none without checkpointing, exponential-delay with it",
    "RestartStrategyOptions.RESTART_STRATEGY" },
  /* A task thread needs time for every record, however little: with none,
   * a job that multiplies records (a flatMap, a union of a stream with
   * itself) would never let simulated time pass. */
  { "sim.default-record-cost", FSIM_CONFIG_DURATION, "1 us", NULL, 1, G_MAXINT64, NULL,
    "time an operator spends on a record when it has no .cost()", "simulator" },
  { "sim.duration", FSIM_CONFIG_DURATION, "60 s", NULL, 1, G_MAXINT64, NULL,
    "simulated time to run; unbounded sources stop here", "simulator" },
  /* LocalInputChannel reads the producer's subpartition view in memory: no
   * Netty, no copy, so no time passes on the way; what a consumer takes to
   * get to a buffer is its mailbox's business, not the channel's. */
  { "sim.faults.rate", FSIM_CONFIG_DOUBLE, "0", "per hour", 0, 1000000, NULL,
    "random task failures per hour of simulated time, seeded (0 = none): a running subtask "
    "picked at random throws", "simulator" },
  { "sim.local-channel-latency", FSIM_CONFIG_DURATION, "0 ms", NULL, 0, G_MAXINT64, NULL,
    "time a buffer or event takes between tasks in the same TaskManager", "simulator" },
  { "sim.max-events-without-progress", FSIM_CONFIG_INT, "1000000", "events", 1, G_MAXINT64, NULL,
    "a run stops, saying so, after this many events in a row without a trace record",
    "simulator" },
  /* read before the job file (which cannot bound its own reading), so it
   * comes from the command line: -D sim.max-input-bytes=N */
  { "sim.max-input-bytes", FSIM_CONFIG_INT, "16777216", "bytes", 1, G_MAXINT32, NULL,
    "the largest job file or plan read (16 MiB); give it with -D on the command line, "
    "before the file is read",
    "simulator" },
  { "sim.max-subtasks", FSIM_CONFIG_INT, "100000", "subtasks", 1, (1 << 24) - 1, NULL,
    "a job is refused above this many operator subtasks (each operator's parallelism, summed); at most 16777215, what a record's identity can name",
    "simulator" },
  { "sim.max-trace-bytes", FSIM_CONFIG_INT, "536870912", "bytes", 1, G_MAXINT64, NULL,
    "the run stops before its trace holds more bytes than this (records and their texts)",
    "simulator" },
  { "sim.max-trace-records", FSIM_CONFIG_INT, "1000000", NULL, 1, G_MAXINT64, NULL,
    "the run stops once its trace holds this many records (a fixed size each, plus new "
    "texts: docs/formats.md)",
    "simulator" },
  { "sim.network-latency", FSIM_CONFIG_DURATION, "100 us", NULL, 0, G_MAXINT64, NULL,
    "time a network buffer takes between TaskManagers", "simulator" },
  /* StreamElementSerializer writes a record as a 4-byte length, a tag byte
   * and an 8-byte timestamp before the value: this is the value's size. */
  { "sim.record-size", FSIM_CONFIG_INT, "100", "bytes", 1, 1 << 30, NULL,
    "serialized size of one record's value (13 bytes of framing are added)", "simulator" },
  { "sim.rpc-latency", FSIM_CONFIG_DURATION, "1 ms", NULL, 0, G_MAXINT64, NULL,
    "time an RPC (JobManager <-> TaskManager) takes", "simulator" },
  { "sim.seed", FSIM_CONFIG_INT, "0", NULL, 0, G_MAXINT64, NULL,
    "seed of the random number generator: same seed, same run", "simulator" },
  /* SortingDataInput's ExternalSorter in BATCH: a sort of n records is
   * charged n * ceil(log2 n) key comparisons (scheduler/sorting-input.c) */
  { "sim.sort-comparison-cost", FSIM_CONFIG_INT, "100", "ns", 0, 1000000000, NULL,
    "time one key comparison takes when a BATCH task sorts a keyed input", "simulator" },
  /* A standalone cluster's process supervisor (systemd, Kubernetes, a
   * script) starts a new TaskManager process when one dies; Flink's
   * StandaloneResourceManager starts none itself. */
  /* A state backend's snapshot is a copy (hashmap: the heap's
   * copy-on-write tables, rocksdb: its SST files) written to checkpoint
   * storage; both phases are modelled as bytes over this rate. */
  { "sim.state-backend-bandwidth", FSIM_CONFIG_INT, "104857600", "bytes/s", 1, G_MAXINT64, NULL,
    "how fast a task's snapshot is written to checkpoint storage (100 MiB/s)", "simulator" },
  { "sim.taskmanager-restart-delay", FSIM_CONFIG_DURATION, "10 s", NULL, 0, G_MAXINT64, NULL,
    "a killed TaskManager's process is started again this long after it died, as a new "
    "TaskManager", "simulator" },
  { "sim.taskmanagers", FSIM_CONFIG_INT, "1", "TaskManagers", 1, 1024, NULL,
    "TaskManagers in the simulated cluster", "simulator" },
  { "slot.request.timeout", FSIM_CONFIG_DURATION, "5 min", NULL, 1, G_MAXINT64, NULL,
    "a slot request not fulfilled by then fails", "JobManagerOptions.SLOT_REQUEST_TIMEOUT" },
  { "slotmanager.requirement-check.delay", FSIM_CONFIG_DURATION, "50 ms", NULL, 0, G_MAXINT64,
    NULL, "the ResourceManager checks slot requirements this long after they change",
    "ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY" },
  { "state.backend.type", FSIM_CONFIG_ENUM, "hashmap", NULL, NONE, state_backends,
    "where keyed state lives: on the heap or in RocksDB", "StateBackendOptions.STATE_BACKEND" },
  { "taskmanager.load-balance.mode", FSIM_CONFIG_ENUM, "NONE", NULL, NONE, load_balance_modes,
    "how slots are spread over TaskManagers",
    "TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE" },
  { "taskmanager.memory.segment-size", FSIM_CONFIG_INT, "32768", "bytes", 256, 1 << 30, NULL,
    "size of one network buffer (Flink writes 32kb; here in bytes)",
    "TaskManagerOptions.MEMORY_SEGMENT_SIZE" },
  { "taskmanager.network.memory.buffers-per-channel", FSIM_CONFIG_INT, "2", "buffers", 1, 1024,
    NULL, "exclusive buffers of each remote input channel: its initial credit (1.x key; 2.0 fixes 2)",
    "NettyShuffleEnvironmentOptions.NETWORK_BUFFERS_PER_CHANNEL" },
  { "taskmanager.network.memory.floating-buffers-per-gate", FSIM_CONFIG_INT, "8", "buffers", 0,
    1 << 20, NULL, "floating buffers an input gate lends to channels by backlog (1.x key; 2.0 fixes 8)",
    "NettyShuffleEnvironmentOptions.NETWORK_EXTRA_BUFFERS_PER_GATE" },
  { "taskmanager.network.memory.max-buffers-per-channel", FSIM_CONFIG_INT, "10", "buffers", 1,
    1 << 20, NULL, "buffers one subpartition may hold before its pool is unavailable (1.x key; 2.0 fixes 10)",
    "NettyShuffleEnvironmentOptions.NETWORK_MAX_BUFFERS_PER_CHANNEL" },
  { "taskmanager.network.memory.max-overdraft-buffers-per-gate", FSIM_CONFIG_INT, "5", "buffers",
    0, 1 << 20, NULL, "extra buffers a result partition may take past its pool (1.16-1.20; 2.0 fixes 20)",
    "NettyShuffleEnvironmentOptions.NETWORK_MAX_OVERDRAFT_BUFFERS_PER_GATE" },
  { "taskmanager.numberOfTaskSlots", FSIM_CONFIG_INT, "1", "slots", 1, 1024, NULL,
    "slots per TaskManager", "TaskManagerOptions.NUM_TASK_SLOTS" },
  { NULL },
};

#define N_OPTIONS (G_N_ELEMENTS (options) - 1)

/* ConfigOption.withDeprecatedKeys: old spellings Flink still reads. */
static const struct {
  const char *old_key;
  const char *key;
} deprecated_keys[] = {
  { "execution.buffer-timeout", "execution.buffer-timeout.interval" },
  { "execution.checkpointing.alignment-timeout", "execution.checkpointing.aligned-checkpoint-timeout" },
  { "execution.checkpointing.unaligned", "execution.checkpointing.unaligned.enabled" },
  { "pipeline.operator-chaining", "pipeline.operator-chaining.enabled" },
  { "restart-strategy", "restart-strategy.type" },
  { "state.backend.incremental", "execution.checkpointing.incremental" },
  { "state.checkpoints.num-retained", "execution.checkpointing.num-retained" },
};

/* RestartBackoffTimeStrategyFactoryLoader lower-cases restart-strategy.type
 * and accepts these spellings besides the canonical ones. */
static const struct {
  const char *alias;
  const char *value;
} restart_aliases[] = {
  { "off", "none" },
  { "disable", "none" },
  { "fixeddelay", "fixed-delay" },
  { "failurerate", "failure-rate" },
  { "exponentialdelay", "exponential-delay" },
};

typedef struct {
  gboolean set;                 /* explicitly set (not the default) */
  gboolean has_value;           /* set, or has a default */
  char *text;                   /* normalised */
  gint64 i;                     /* INT, DURATION (µs), BOOL */
  double d;
  FsimSourceSpan site;          /* where the job file set it; line 0: nowhere */
} ConfigValue;

struct _FsimConfig {
  ConfigValue values[N_OPTIONS];
};

const FsimConfigOption *
fsim_config_options (void)
{
  return options;
}

static int
option_index (const char *key)
{
  if (key == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (deprecated_keys); i++)
    if (strcmp (key, deprecated_keys[i].old_key) == 0)
      key = deprecated_keys[i].key;
  int lo = 0, hi = (int) N_OPTIONS - 1;
  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      int c = strcmp (key, options[mid].key);
      if (c == 0)
        return mid;
      if (c < 0)
        hi = mid - 1;
      else
        lo = mid + 1;
    }
  return -1;
}

const FsimConfigOption *
fsim_config_option_lookup (const char *key)
{
  int i = option_index (key);
  return i < 0 ? NULL : &options[i];
}

const char *const *
fsim_config_keys (void)
{
  static const char *keys[N_OPTIONS + 1];
  if (keys[0] == NULL)
    for (guint i = 0; i < N_OPTIONS; i++)
      keys[i] = options[i].key;
  return keys;
}

const char *
fsim_config_suggest_key (const char *key)
{
  const char *near = fsim_suggest (key, fsim_config_keys ());
  if (near)
    return near;
  const char *extension = NULL;
  gsize len = strlen (key);
  for (guint i = 0; i < N_OPTIONS; i++)
    if (strncmp (options[i].key, key, len) == 0 && options[i].key[len] == '.')
      {
        if (extension)
          return NULL;          /* ambiguous */
        extension = options[i].key;
      }
  return extension;
}

/* ------------------------------------------------------------------------ */
/* Durations: TimeUtils.parseDuration / formatWithHighestUnit                 */

/* TimeUtils.TimeUnit labels, plus "us" as the ASCII spelling of "µs". */
static const struct {
  const char *label;
  gint64 ns;
} time_units[] = {
  { "d", G_GINT64_CONSTANT (86400000000000) }, { "day", G_GINT64_CONSTANT (86400000000000) },
  { "days", G_GINT64_CONSTANT (86400000000000) },
  { "h", G_GINT64_CONSTANT (3600000000000) }, { "hour", G_GINT64_CONSTANT (3600000000000) },
  { "hours", G_GINT64_CONSTANT (3600000000000) },
  { "min", G_GINT64_CONSTANT (60000000000) }, { "m", G_GINT64_CONSTANT (60000000000) },
  { "minute", G_GINT64_CONSTANT (60000000000) }, { "minutes", G_GINT64_CONSTANT (60000000000) },
  { "s", 1000000000 }, { "sec", 1000000000 }, { "secs", 1000000000 },
  { "second", 1000000000 }, { "seconds", 1000000000 },
  { "ms", 1000000 }, { "milli", 1000000 }, { "millis", 1000000 },
  { "millisecond", 1000000 }, { "milliseconds", 1000000 },
  { "us", 1000 }, { "\302\265s", 1000 }, { "micro", 1000 }, { "micros", 1000 },
  { "microsecond", 1000 }, { "microseconds", 1000 },
  { "ns", 1 }, { "nano", 1 }, { "nanos", 1 }, { "nanosecond", 1 }, { "nanoseconds", 1 },
};

const char *const *
fsim_time_unit_labels (void)
{
  static const char *labels[G_N_ELEMENTS (time_units) + 1];
  if (labels[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (time_units); i++)
      labels[i] = time_units[i].label;
  return labels;
}

gboolean
fsim_time_unit_lookup (const char *label, gint64 *ns_per_unit)
{
  /* TimeUtils lower-cases the label (Locale.US) */
  g_autofree char *lower = g_ascii_strdown (label, -1);
  for (guint i = 0; i < G_N_ELEMENTS (time_units); i++)
    if (strcmp (lower, time_units[i].label) == 0)
      {
        *ns_per_unit = time_units[i].ns;
        return TRUE;
      }
  return FALSE;
}

/* "; did you mean 'x'?" after a message, or "" without a suggestion; the
 * text is kept in *keep. */
static const char *
did_you_mean (const char *near, char **keep)
{
  *keep = near ? g_strdup_printf (_("; did you mean '%s'?"), near) : g_strdup ("");
  return *keep;
}

gboolean
fsim_duration_from_parts (const char *number, const char *unit, gint64 *out_us,
                          GError **error)
{
  gint64 ns = 1000000;          /* a bare number is milliseconds */
  if (unit && *unit && !fsim_time_unit_lookup (unit, &ns))
    {
      const char *near = fsim_suggest (unit, fsim_time_unit_labels ());
      g_autofree char *more = NULL;
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                   _("unknown time unit '%s' (Flink's units: ns, us or \302\265s, ms, s, min, h, d)%s"),
                   unit, did_you_mean (near, &more));
      return FALSE;
    }
  for (const char *p = number; *p; p++)
    if (!g_ascii_isdigit (*p))
      {
        g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                     _("a duration is a whole number and a unit, like \"10 s\" or \"500 ms\" "
                       "(Flink's TimeUtils takes no fractions or signs): '%s'"), number);
        return FALSE;
      }
  errno = 0;
  guint64 value = g_ascii_strtoull (number, NULL, 10);
  if (errno != 0 || *number == '\0'
      || (value != 0 && (guint64) ns > (guint64) G_MAXINT64 / value))
    {
      /* Flink's TimeUtils.parseDuration holds nanoseconds in a long */
      const char *shown = unit && *unit ? unit : "ms";
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                   _("the duration '%s %s' is too large: at most %" PRId64 " %s "
                     "(a Java long of nanoseconds, some 292 years)"), number, shown,
                   G_MAXINT64 / ns, shown);
      return FALSE;
    }
  gint64 total_ns = (gint64) value * ns;
  if (total_ns % 1000 != 0)
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                   _("%s %s is finer than the simulator's clock, which counts microseconds"),
                   number, unit);
      return FALSE;
    }
  *out_us = total_ns / 1000;
  return TRUE;
}

gboolean
fsim_duration_parse (const char *text, gint64 *out_us, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (*trimmed == '\0')
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                   _("expected a duration like \"10 s\", \"500 ms\" or \"1 min\", found nothing"));
      return FALSE;
    }
  const char *p = trimmed;
  while (g_ascii_isdigit (*p))
    p++;
  if (p == trimmed)
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                   _("expected a duration like \"10 s\", \"500 ms\" or \"1 min\", found '%s'"),
                   trimmed);
      return FALSE;
    }
  g_autofree char *number = g_strndup (trimmed, (gsize) (p - trimmed));
  g_autofree char *unit = g_strstrip (g_strdup (p));
  if (*unit == '.' || *unit == ',')
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_PARSE,
                   _("a duration is a whole number and a unit, like \"1500 ms\" "
                     "(Flink's TimeUtils takes no fractions): '%s'"), trimmed);
      return FALSE;
    }
  return fsim_duration_from_parts (number, unit, out_us, error);
}

char *
fsim_duration_format (gint64 us)
{
  /* formatWithHighestUnit: the largest unit that divides exactly; 0 → "0 ms" */
  static const struct {
    const char *label;
    gint64 us;
  } units[] = {
    { "d", G_GINT64_CONSTANT (86400000000) }, { "h", G_GINT64_CONSTANT (3600000000) },
    { "min", 60000000 }, { "s", 1000000 }, { "ms", 1000 }, { "us", 1 },
  };
  if (us == 0)
    return g_strdup ("0 ms");
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (us % units[i].us == 0)
      return g_strdup_printf ("%" G_GINT64_FORMAT " %s", us / units[i].us, units[i].label);
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* Values                                                                     */

static gboolean
parse_int (const char *text, gint64 *out)
{
  char *end = NULL;
  errno = 0;
  gint64 v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_double (const char *text, double *out)
{
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static char *
choices_text (const char *const *choices)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) choices);
  return g_strdup (joined);
}

/* Where Flink itself refuses a value below a key's minimum, its message
 * verbatim and what to do: CheckpointConfig's setters, which
 * CheckpointConfig.configure calls for every key the configuration sets
 * (StreamExecutionEnvironment.configure), throw IllegalArgumentException. */
static const struct {
  const char *key;
  const char *message;
  const char *hint;
} flink_refusals[] = {
  { "execution.checkpointing.interval",
    /* CheckpointConfig.setCheckpointInterval */
    N_("Checkpoint interval must be larger than or equal to 10 ms"),
    N_("the shortest interval is 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME); "
       "leave the key unset to turn checkpointing off") },
  { "execution.checkpointing.timeout",
    /* CheckpointConfig.setCheckpointTimeout */
    N_("Checkpoint timeout must be larger than or equal to 10 ms"),
    N_("the shortest timeout is 10 ms (CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME); "
       "Flink's default is 10 min") },
  { "execution.checkpointing.max-concurrent-checkpoints",
    /* CheckpointConfig.setMaxConcurrentCheckpoints */
    N_("The maximum number of concurrent attempts must be at least one."),
    N_("1 (Flink's default) lets one checkpoint be pending at a time") },
  { "execution.checkpointing.tolerable-failed-checkpoints",
    /* CheckpointConfig.setTolerableCheckpointFailureNumber */
    N_("The tolerable failure checkpoint number must be non-negative."),
    N_("0 (Flink's default) fails the job at the first counted checkpoint failure") },
};

static int
refusal_of (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (flink_refusals); i++)
    if (strcmp (flink_refusals[i].key, key) == 0)
      return (int) i;
  return -1;
}

const char *
fsim_config_value_hint (const char *key, const char *message)
{
  const FsimConfigOption *opt = fsim_config_option_lookup (key);
  int i = opt ? refusal_of (opt->key) : -1;
  if (i < 0 || g_strcmp0 (message, _(flink_refusals[i].message)) != 0)
    return NULL;
  return _(flink_refusals[i].hint);
}

/* Ranges a gint64 min/max cannot say. */
static gboolean
check_special (const FsimConfigOption *opt, const ConfigValue *v, GError **error)
{
  if (strcmp (opt->key, "pipeline.max-parallelism") == 0 && v->i == 0)
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                   _("%s must be -1 (unset) or between 1 and %d, not 0"), opt->key,
                   FSIM_UPPER_BOUND_MAX_PARALLELISM);
      return FALSE;
    }
  if (strcmp (opt->key, "restart-strategy.exponential-delay.backoff-multiplier") == 0
      && !(v->d > 1.0))
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                   _("%s must be greater than 1 (Backoff multiplier must be greater than 1.)"),
                   opt->key);
      return FALSE;
    }
  if (strcmp (opt->key, "restart-strategy.exponential-delay.jitter-factor") == 0
      && !(v->d >= 0.0 && v->d <= 1.0))
    {
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                   _("%s must be between 0 and 1 (Jitter factor must be >= 0 and <= 1.)"),
                   opt->key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_range (const FsimConfigOption *opt, gint64 v, GError **error)
{
  if (opt->min > opt->max || (v >= opt->min && v <= opt->max))
    return TRUE;
  int refusal = refusal_of (opt->key);
  if (refusal >= 0 && v < opt->min)
    {
      g_set_error_literal (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                           _(flink_refusals[refusal].message));
      return FALSE;
    }
  if (opt->type == FSIM_CONFIG_DURATION)
    {
      g_autofree char *lo = fsim_duration_format (opt->min);
      g_autofree char *val = fsim_duration_format (v);
      if (opt->max == G_MAXINT64 || v < opt->min)
        g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                     _("%s must be at least %s, not %s"), opt->key, lo, val);
      else
        {
          g_autofree char *hi = fsim_duration_format (opt->max);
          g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                       _("%s must be between %s and %s, not %s"), opt->key, lo, hi, val);
        }
    }
  else if ((opt->max == G_MAXINT64 || opt->max == G_MAXINT32) && v < opt->min)
    g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                 _("%s must be at least %" PRId64 ", not %" PRId64),
                 opt->key, opt->min, v);
  else if (opt->max == G_MAXINT64 || opt->max == G_MAXINT32)
    g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                 _("%s must be at most %" PRId64 ", not %" PRId64),
                 opt->key, opt->max, v);
  else
    g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                 _("%s must be between %" PRId64 " and %" PRId64
                   ", not %" PRId64), opt->key, opt->min, opt->max, v);
  return FALSE;
}

/* Parses value for opt into *out (text normalised). */
static gboolean
parse_value (const FsimConfigOption *opt, const char *value, ConfigValue *out, GError **error)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  switch (opt->type)
    {
    case FSIM_CONFIG_INT:
      if (!parse_int (v, &out->i))
        {
          g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                       _("%s takes a whole number, not '%s'"), opt->key, v);
          return FALSE;
        }
      if (!check_range (opt, out->i, error))
        return FALSE;
      out->text = g_strdup_printf ("%" G_GINT64_FORMAT, out->i);
      break;
    case FSIM_CONFIG_BOOL:
      /* Flink's boolean parsing ignores case */
      if (g_ascii_strcasecmp (v, "true") == 0)
        out->i = TRUE;
      else if (g_ascii_strcasecmp (v, "false") == 0)
        out->i = FALSE;
      else
        {
          g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                       _("%s takes true or false, not '%s'"), opt->key, v);
          return FALSE;
        }
      out->text = g_strdup (out->i ? "true" : "false");
      break;
    case FSIM_CONFIG_DURATION:
      {
        g_autoptr (GError) local = NULL;
        if (!fsim_duration_parse (v, &out->i, &local))
          {
            g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                         "%s: %s", opt->key, local->message);
            return FALSE;
          }
        if (!check_range (opt, out->i, error))
          return FALSE;
        out->text = fsim_duration_format (out->i);
      }
      break;
    case FSIM_CONFIG_DOUBLE:
      if (!parse_double (v, &out->d))
        {
          g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                       _("%s takes a number, not '%s'"), opt->key, v);
          return FALSE;
        }
      if (opt->min <= opt->max && !(out->d >= (double) opt->min && out->d <= (double) opt->max))
        {
          g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                       _("%s takes a number from %" PRId64 " to %" PRId64 ", not '%s'"),
                       opt->key, (gint64) opt->min, (gint64) opt->max, v);
          return FALSE;
        }
      out->text = g_strdup (v);
      break;
    case FSIM_CONFIG_STRING:
      out->text = g_strdup (v);
      break;
    case FSIM_CONFIG_ENUM:
      {
        const char *canonical = NULL;
        for (const char *const *c = opt->choices; *c && !canonical; c++)
          if (g_ascii_strcasecmp (v, *c) == 0)
            canonical = *c;
        if (strcmp (opt->key, "restart-strategy.type") == 0)
          for (guint i = 0; i < G_N_ELEMENTS (restart_aliases) && !canonical; i++)
            if (g_ascii_strcasecmp (v, restart_aliases[i].alias) == 0)
              canonical = restart_aliases[i].value;
        if (canonical == NULL)
          {
            g_autofree char *list = choices_text (opt->choices);
            const char *near = fsim_suggest (v, opt->choices);
            g_autofree char *more = NULL;
            g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                         _("%s takes one of %s, not '%s'%s"), opt->key, list, v,
                         did_you_mean (near, &more));
            return FALSE;
          }
        out->text = g_strdup (canonical);
      }
      break;
    }
  if (!check_special (opt, out, error))
    {
      g_clear_pointer (&out->text, g_free);
      return FALSE;
    }
  out->has_value = TRUE;
  return TRUE;
}

FsimConfig *
fsim_config_new (void)
{
  FsimConfig *config = g_new0 (FsimConfig, 1);
  for (guint i = 0; i < N_OPTIONS; i++)
    {
      if (options[i].default_value == NULL)
        continue;
      g_autoptr (GError) error = NULL;
      if (!parse_value (&options[i], options[i].default_value, &config->values[i], &error))
        g_error ("config table: bad default for %s: %s", options[i].key, error->message);
    }
  return config;
}

FsimConfig *
fsim_config_copy (const FsimConfig *config)
{
  FsimConfig *copy = g_new0 (FsimConfig, 1);
  for (guint i = 0; i < N_OPTIONS; i++)
    {
      copy->values[i] = config->values[i];
      copy->values[i].text = g_strdup (config->values[i].text);
    }
  return copy;
}

void
fsim_config_free (FsimConfig *config)
{
  if (config == NULL)
    return;
  for (guint i = 0; i < N_OPTIONS; i++)
    g_free (config->values[i].text);
  g_free (config);
}

gboolean
fsim_config_set (FsimConfig *config, const char *key, const char *value, GError **error)
{
  int i = option_index (key);
  if (i < 0)
    {
      const char *near = fsim_config_suggest_key (key);
      g_autofree char *more = NULL;
      g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                   _("unknown configuration key '%s'%s"), key, did_you_mean (near, &more));
      return FALSE;
    }
  ConfigValue parsed = { 0 };
  if (!parse_value (&options[i], value, &parsed, error))
    return FALSE;
  parsed.set = TRUE;
  g_free (config->values[i].text);
  config->values[i] = parsed;
  return TRUE;
}

gboolean
fsim_config_is_set (const FsimConfig *config, const char *key)
{
  int i = option_index (key);
  g_assert (i >= 0);
  return config->values[i].set;
}

void
fsim_config_set_site (FsimConfig *config, const char *key, const FsimSourceSpan *site)
{
  int i = option_index (key);
  g_assert (i >= 0 && config->values[i].set);
  config->values[i].site = *site;
}

gboolean
fsim_config_get_site (const FsimConfig *config, const char *key, FsimSourceSpan *out)
{
  int i = option_index (key);
  g_assert (i >= 0);
  if (!config->values[i].set || config->values[i].site.line <= 0)
    return FALSE;
  *out = config->values[i].site;
  return TRUE;
}

static const ConfigValue *
get_value (const FsimConfig *config, const char *key, FsimConfigType type)
{
  int i = option_index (key);
  if (i < 0)
    g_error ("fsim_config: no such key '%s'", key);
  if (options[i].type != type && !(type == FSIM_CONFIG_STRING
                                   && options[i].type == FSIM_CONFIG_ENUM))
    g_error ("fsim_config: key '%s' read with the wrong type", key);
  return &config->values[i];
}

gint64
fsim_config_get_int (const FsimConfig *config, const char *key)
{
  const ConfigValue *v = get_value (config, key, FSIM_CONFIG_INT);
  return v->has_value ? v->i : -1;
}

gboolean
fsim_config_get_bool (const FsimConfig *config, const char *key)
{
  return (gboolean) get_value (config, key, FSIM_CONFIG_BOOL)->i;
}

gint64
fsim_config_get_duration (const FsimConfig *config, const char *key)
{
  const ConfigValue *v = get_value (config, key, FSIM_CONFIG_DURATION);
  return v->has_value ? v->i : -1;
}

const char *
fsim_config_get_string (const FsimConfig *config, const char *key)
{
  return get_value (config, key, FSIM_CONFIG_STRING)->text;
}

double
fsim_config_get_double (const FsimConfig *config, const char *key)
{
  return get_value (config, key, FSIM_CONFIG_DOUBLE)->d;
}

const char *
fsim_config_get_text (const FsimConfig *config, const char *key)
{
  int i = option_index (key);
  if (i < 0)
    g_error ("fsim_config: no such key '%s'", key);
  return config->values[i].has_value ? config->values[i].text : NULL;
}

char *
fsim_config_dump (const FsimConfig *config)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < N_OPTIONS; i++)
    if (config->values[i].set)
      g_string_append_printf (s, "%s = %s\n", options[i].key, config->values[i].text);
  return g_string_free (s, FALSE);
}
