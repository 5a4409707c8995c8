/* cluster-settings.c - the cluster's knobs, from Flink's configuration keys.
 *
 * Flink's defaults are the ConfigOptions' (HeartbeatManagerOptions,
 * JobManagerOptions.SLOT_REQUEST_TIMEOUT, TaskManagerOptions.NUM_TASK_SLOTS,
 * ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY). The configuration table
 * (graphs/config.c) is authoritative: a key it knows is read from it, with
 * its default; the values below only stand in for keys it lacks. The task
 * start-up times are the simulator's own and not configurable yet. */
#include "config.h"

#include "scheduler/scheduler.h"

void
fsim_cluster_settings_init (FsimClusterSettings *s)
{
  *s = (FsimClusterSettings) {
    .taskmanagers = 1,
    .slots_per_taskmanager = 1,
    .heartbeat_interval_us = 10 * G_USEC_PER_SEC,
    .heartbeat_timeout_us = 50 * G_USEC_PER_SEC,
    .slot_request_timeout_us = 300 * G_USEC_PER_SEC,
    .taskmanager_restart_delay_us = 10 * G_USEC_PER_SEC,
    .rpc_latency_us = 1000,
    .network_latency_us = 100,
    .local_channel_latency_us = 0,
    .load_balance = FSIM_LOAD_BALANCE_NONE,
    .requirement_check_delay_us = 50000,
    .task_deploy_us = 10000,
    .task_initialize_us = 20000,
    .default_source_rate = 1000.0,
    .segment_size = 32768,
    .record_size = 100,
    .default_record_cost_us = 1,
    .sort_comparison_cost_ns = 100,
    .auto_watermark_interval_us = 200 * 1000,
    .buffers_per_channel = 2,
    .floating_buffers_per_gate = 8,
    .max_buffers_per_channel = 10,
    .max_overdraft_buffers = 5,
    .seed = 1,
    .duration_us = 60 * G_USEC_PER_SEC,
    /* the trace's budget (sim.max-trace-records), whatever heartbeat.interval
     * and sim.duration ask */
    .max_trace_records = FSIM_TRACE_DEFAULT_BUDGET,
    .max_trace_bytes = FSIM_TRACE_DEFAULT_BYTE_BUDGET,
    .max_events_without_progress = 1000000,
  };
  fsim_checkpoint_settings_init (&s->checkpoints);
  s->state_backend_bandwidth = 100 * 1024 * 1024;
  /* Flink's default without checkpointing: none */
  g_autoptr (FsimConfig) empty = fsim_config_new ();
  fsim_restart_strategy_config_load (&s->restart, empty, FALSE, NULL);
  s->failover = FSIM_FAILOVER_REGION;
}

const char *
fsim_load_balance_mode_name (FsimLoadBalanceMode mode)
{
  switch (mode)
    {
    case FSIM_LOAD_BALANCE_NONE: return "NONE";
    case FSIM_LOAD_BALANCE_SLOTS: return "SLOTS";
    case FSIM_LOAD_BALANCE_MIN_RESOURCES: return "MIN_RESOURCES";
    case FSIM_LOAD_BALANCE_TASKS: return "TASKS";
    }
  g_assert_not_reached ();
}

static gboolean
known (const char *key, FsimConfigType type)
{
  const FsimConfigOption *o = fsim_config_option_lookup (key);
  return o != NULL && o->type == type;
}

static void
read_int (const FsimConfig *config, const char *key, int *out)
{
  if (known (key, FSIM_CONFIG_INT))
    *out = (int) fsim_config_get_int (config, key);
}

static void
read_duration (const FsimConfig *config, const char *key, gint64 *out)
{
  if (known (key, FSIM_CONFIG_DURATION))
    *out = fsim_config_get_duration (config, key);
}

/* TaskManagerLoadBalanceMode.loadFromConfiguration: an explicit mode wins;
 * otherwise cluster.evenly-spread-out-slots = true means SLOTS. */
static FsimLoadBalanceMode
read_load_balance (const FsimConfig *config)
{
  const char *key = "taskmanager.load-balance.mode";
  gboolean have_mode = fsim_config_option_lookup (key) != NULL;
  if (have_mode && fsim_config_is_set (config, key))
    {
      const char *m = fsim_config_get_string (config, key);
      if (g_ascii_strcasecmp (m, "SLOTS") == 0)
        return FSIM_LOAD_BALANCE_SLOTS;
      if (g_ascii_strcasecmp (m, "MIN_RESOURCES") == 0)
        return FSIM_LOAD_BALANCE_MIN_RESOURCES;
      if (g_ascii_strcasecmp (m, "TASKS") == 0)
        return FSIM_LOAD_BALANCE_TASKS;
      return FSIM_LOAD_BALANCE_NONE;
    }
  if (known ("cluster.evenly-spread-out-slots", FSIM_CONFIG_BOOL)
      && fsim_config_get_bool (config, "cluster.evenly-spread-out-slots"))
    return FSIM_LOAD_BALANCE_SLOTS;
  return FSIM_LOAD_BALANCE_NONE;
}

void
fsim_cluster_settings_from_config (FsimClusterSettings *s, const FsimConfig *config)
{
  if (config == NULL)
    return;
  read_int (config, "sim.taskmanagers", &s->taskmanagers);
  read_int (config, "taskmanager.numberOfTaskSlots", &s->slots_per_taskmanager);
  read_duration (config, "heartbeat.interval", &s->heartbeat_interval_us);
  read_duration (config, "heartbeat.timeout", &s->heartbeat_timeout_us);
  read_duration (config, "slot.request.timeout", &s->slot_request_timeout_us);
  read_duration (config, "sim.taskmanager-restart-delay", &s->taskmanager_restart_delay_us);
  if (known ("sim.faults.rate", FSIM_CONFIG_DOUBLE))
    s->faults_per_hour = fsim_config_get_double (config, "sim.faults.rate");
  read_duration (config, "sim.rpc-latency", &s->rpc_latency_us);
  read_duration (config, "sim.network-latency", &s->network_latency_us);
  read_duration (config, "sim.local-channel-latency", &s->local_channel_latency_us);
  read_duration (config, "slotmanager.requirement-check.delay",
                 &s->requirement_check_delay_us);
  read_duration (config, "sim.duration", &s->duration_us);
  if (known ("taskmanager.memory.segment-size", FSIM_CONFIG_INT))
    s->segment_size = fsim_config_get_int (config, "taskmanager.memory.segment-size");
  read_duration (config, "sim.default-record-cost", &s->default_record_cost_us);
  if (known ("sim.sort-comparison-cost", FSIM_CONFIG_INT))
    s->sort_comparison_cost_ns = fsim_config_get_int (config, "sim.sort-comparison-cost");
  read_duration (config, "pipeline.auto-watermark-interval", &s->auto_watermark_interval_us);
  if (known ("sim.record-size", FSIM_CONFIG_INT))
    s->record_size = fsim_config_get_int (config, "sim.record-size");
  read_int (config, "taskmanager.network.memory.buffers-per-channel", &s->buffers_per_channel);
  read_int (config, "taskmanager.network.memory.floating-buffers-per-gate",
            &s->floating_buffers_per_gate);
  read_int (config, "taskmanager.network.memory.max-buffers-per-channel",
            &s->max_buffers_per_channel);
  read_int (config, "taskmanager.network.memory.max-overdraft-buffers-per-gate",
            &s->max_overdraft_buffers);
  if (known ("sim.max-trace-bytes", FSIM_CONFIG_INT))
    s->max_trace_bytes = fsim_config_get_int (config, "sim.max-trace-bytes");
  if (known ("sim.max-trace-records", FSIM_CONFIG_INT))
    s->max_trace_records = fsim_config_get_int (config, "sim.max-trace-records");
  if (known ("sim.seed", FSIM_CONFIG_INT))
    s->seed = (guint64) fsim_config_get_int (config, "sim.seed");
  if (known ("sim.max-events-without-progress", FSIM_CONFIG_INT))
    s->max_events_without_progress = fsim_config_get_int (config,
                                                          "sim.max-events-without-progress");
  s->load_balance = read_load_balance (config);
  /* CheckpointConfig: an unset interval disables checkpointing */
  if (fsim_config_option_lookup ("execution.checkpointing.interval")
      && fsim_config_is_set (config, "execution.checkpointing.interval"))
    read_duration (config, "execution.checkpointing.interval", &s->checkpoints.interval_us);
  read_duration (config, "execution.checkpointing.timeout", &s->checkpoints.timeout_us);
  read_int (config, "execution.checkpointing.max-concurrent-checkpoints",
            &s->checkpoints.max_concurrent);
  read_int (config, "execution.checkpointing.tolerable-failed-checkpoints",
            &s->checkpoints.tolerable_failures);
  read_duration (config, "execution.checkpointing.min-pause", &s->checkpoints.min_pause_us);
  read_int (config, "execution.checkpointing.num-retained", &s->checkpoints.num_retained);
  read_duration (config, "execution.checkpointing.aligned-checkpoint-timeout",
                 &s->checkpoints.aligned_timeout_us);
  if (known ("execution.checkpointing.mode", FSIM_CONFIG_ENUM))
    s->checkpoints.at_least_once =
      g_strcmp0 (fsim_config_get_string (config, "execution.checkpointing.mode"),
                 "AT_LEAST_ONCE") == 0;
  if (known ("execution.checkpointing.unaligned.enabled", FSIM_CONFIG_BOOL))
    s->checkpoints.unaligned = fsim_config_get_bool (config,
                                                     "execution.checkpointing.unaligned.enabled");
  if (known ("execution.checkpointing.checkpoints-after-tasks-finish", FSIM_CONFIG_BOOL))
    s->checkpoints.after_tasks_finish =
      fsim_config_get_bool (config, "execution.checkpointing.checkpoints-after-tasks-finish");
  if (known ("state.backend.type", FSIM_CONFIG_ENUM))
    s->rocksdb = g_strcmp0 (fsim_config_get_string (config, "state.backend.type"),
                            "rocksdb") == 0;
  /* EmbeddedRocksDBStateBackend alone reads it; the heap backend snapshots
   * everything every time */
  if (known ("execution.checkpointing.incremental", FSIM_CONFIG_BOOL))
    s->incremental = s->rocksdb
                     && fsim_config_get_bool (config, "execution.checkpointing.incremental");
  if (known ("sim.state-backend-bandwidth", FSIM_CONFIG_INT))
    s->state_backend_bandwidth = fsim_config_get_int (config, "sim.state-backend-bandwidth");
  /* CheckpointConfig.isUnalignedCheckpointsEnabled: only with EXACTLY_ONCE
   * (Flink warns and goes on aligned-free: at-least-once tracks barriers) */
  if (s->checkpoints.at_least_once)
    s->checkpoints.unaligned = FALSE;
  /* RestartBackoffTimeStrategyFactoryLoader; a configuration it refuses
   * is refused by `flinksim check` first, so the loader's error only
   * leaves the default here */
  g_autoptr (GError) restart_error = NULL;
  if (!fsim_restart_strategy_config_load (&s->restart, config, s->checkpoints.interval_us > 0,
                                          &restart_error))
    {
      g_autoptr (FsimConfig) empty = fsim_config_new ();
      fsim_restart_strategy_config_load (&s->restart, empty, s->checkpoints.interval_us > 0, NULL);
    }
  if (fsim_config_option_lookup ("jobmanager.execution.failover-strategy"))
    fsim_failover_strategy_type_from_name (
      fsim_config_get_string (config, "jobmanager.execution.failover-strategy"), &s->failover);
  s->restarts_configured =
    (fsim_config_option_lookup ("restart-strategy.type")
     && fsim_config_is_set (config, "restart-strategy.type"))
    || (fsim_config_option_lookup ("execution.checkpointing.interval")
        && fsim_config_is_set (config, "execution.checkpointing.interval"));
}
