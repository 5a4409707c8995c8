/* lab-restart.c - `flinksim lab restart`: one restart strategy fed failure
 * times (docs/labs.md). The strategy is scheduler/restart-strategy.c, the
 * one the scheduler runs; each failure goes through it as
 * ExecutionFailureHandler.handleFailure does (notifyFailure, canRestart,
 * getBackoffTime), at the failure's time in Flink's milliseconds. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "cli/lab.h"
#include "scheduler/scheduler.h"

typedef struct {
  FsimConfig *config;
  const FsimLabToken *strategy;         /* --strategy, or NULL */
  const FsimLabToken *last_set;         /* where a refused parameter points */
  gboolean checkpointing;
  gint64 seed;
} RestartLab;

static const char *const strategies[] = {
  "none", "fixed-delay", "failure-rate", "exponential-delay", NULL
};

static gboolean
set_strategy (gpointer data, const FsimLabToken *value, GError **error)
{
  RestartLab *l = data;
  int which;
  if (!fsim_lab_parse_choice (value, strategies, &which, error))
    return FALSE;
  l->strategy = value;
  return fsim_config_set (l->config, "restart-strategy.type", strategies[which], error);
}

static gboolean
set_checkpointing (gpointer data, const FsimLabToken *value, GError **error)
{
  static const char *const on_off[] = { "off", "on", NULL };
  RestartLab *l = data;
  int which;
  if (!fsim_lab_parse_choice (value, on_off, &which, error))
    return FALSE;
  l->checkpointing = which == 1;
  return TRUE;
}

static gboolean
set_key (gpointer data, const FsimLabToken *value, GError **error)
{
  RestartLab *l = data;
  const char *eq = strchr (value->text, '=');
  if (eq == NULL)
    {
      fsim_lab_set_error (error, value, 0, _("--set takes KEY=VALUE, e.g. "
                                             "restart-strategy.fixed-delay.attempts=3"));
      return FALSE;
    }
  g_autofree char *key = g_strndup (value->text, eq - value->text);
  if (!g_str_has_prefix (key, "restart-strategy.") || strcmp (key, "restart-strategy.type") == 0)
    {
      fsim_lab_set_error (error, value, 0,
                          strcmp (key, "restart-strategy.type") == 0
                            ? _("restart-strategy.type is --strategy's")
                            : _("--set takes restart-strategy.* keys only, not %s"), key);
      return FALSE;
    }
  GError *local = NULL;
  if (!fsim_config_set (l->config, key, eq + 1, &local))
    {
      fsim_lab_set_error (error, value, (gsize) (eq + 1 - value->text), "%s", local->message);
      g_error_free (local);
      return FALSE;
    }
  l->last_set = value;
  return TRUE;
}

static gboolean
set_seed (gpointer data, const FsimLabToken *value, GError **error)
{
  return fsim_lab_parse_int (value, 0, -1, 0, G_MAXINT64, &((RestartLab *) data)->seed, error);
}

static const FsimLabOption options[] = {
  { "strategy", "NAME", N_("none, fixed-delay, failure-rate or exponential-delay (default: "
                           "Flink's for --checkpointing)"), set_strategy },
  { "checkpointing", "on|off", N_("whether the job checkpoints, which decides the default "
                                  "strategy (default off)"), set_checkpointing },
  { "set", "KEY=VALUE", N_("a restart-strategy.* key (repeatable)"), set_key },
  { "seed", "N", N_("seed of the exponential-delay jitter (default 0)"), set_seed },
  { NULL }
};

/* The strategy the loader makes of the options. */
static FsimRestartStrategy *
load_strategy (FsimLab *lab, RestartLab *l, FsimRng *rng)
{
  GError *local = NULL;
  FsimRestartStrategyConfig cfg;
  if (fsim_restart_strategy_config_load (&cfg, l->config, l->checkpointing, &local))
    return fsim_restart_strategy_new (&cfg, rng);
  const FsimLabToken *at = l->last_set ? l->last_set : l->strategy;
  GError *error = NULL;
  if (at != NULL)
    fsim_lab_set_error (&error, at, 0, "%s", local->message);
  else
    error = g_error_copy (local);
  g_error_free (local);
  fsim_lab_fail (lab, error);
  return NULL;
}

static void
print_failure (FsimLab *lab, int index, gint64 time_ms, const FsimRestartDecision *d,
               const char *klass)
{
  g_autofree char *title = g_strdup_printf (_("failure %d at %" PRId64 " ms"), index, time_ms);
  FsimLabRecord *rec = fsim_lab_record_begin (lab, title);
  JsonBuilder *b = fsim_lab_record_json (rec);
  json_builder_set_member_name (b, "failure");
  json_builder_add_int_value (b, index);
  json_builder_set_member_name (b, "time_ms");
  json_builder_add_int_value (b, time_ms);
  json_builder_set_member_name (b, "new_attempt");
  json_builder_add_boolean_value (b, d->new_attempt);
  json_builder_set_member_name (b, "can_restart");
  json_builder_add_boolean_value (b, d->can_restart);
  json_builder_set_member_name (b, "backoff_ms");
  if (d->can_restart)
    json_builder_add_int_value (b, d->backoff_ms);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "strategy");
  json_builder_add_string_value (b, klass);
  fsim_lab_record_text (rec, _("new attempt: %s"), d->new_attempt ? _("yes") : _("no"));
  if (d->can_restart)
    fsim_lab_record_text (rec, _("restart in %" PRId64 " ms"), d->backoff_ms);
  else
    fsim_lab_record_text (rec, _("cannot restart: the job fails (%s)"), d->message);
  fsim_lab_record_end (rec, d->why);
}

static void
print_summary (FsimLab *lab, const FsimRestartStrategy *s, gint64 restarts, const char *failed)
{
  FsimLabRecord *rec = fsim_lab_summary_begin (lab);
  JsonBuilder *b = fsim_lab_record_json (rec);
  const FsimRestartStrategyConfig *cfg = fsim_restart_strategy_get_config (s);
  g_autofree char *text = fsim_restart_strategy_to_string (s);
  json_builder_set_member_name (b, "strategy");
  json_builder_add_string_value (b, fsim_restart_strategy_type_class (cfg->type));
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "restarts");
  json_builder_add_int_value (b, restarts);
  json_builder_set_member_name (b, "job_exception");
  if (failed)
    json_builder_add_string_value (b, failed);
  else
    json_builder_add_null_value (b);
  fsim_lab_record_text (rec, "%s", text);
  fsim_lab_record_text (rec, _("restarts: %" PRId64), restarts);
  if (failed)
    fsim_lab_record_text (rec, _("the job fails at the first refused failure: %s"), failed);
  fsim_lab_record_end (rec, cfg->from_default
                              ? "no restart-strategy.type: RestartBackoffTimeStrategyFactoryLoader "
                                "takes exponential-delay with its defaults when checkpointing is "
                                "enabled, else NoRestartBackoffTimeStrategy"
                              : "restart-strategy.type and its keys "
                                "(RestartBackoffTimeStrategyFactoryLoader)");
}

/* Every failure time, checked before anything is printed. */
static gint64 *
read_times (GPtrArray *tokens, GError **error)
{
  g_autofree gint64 *us = g_new (gint64, tokens->len + 1);
  for (guint i = 0; i < tokens->len; i++)
    {
      const FsimLabToken *t = tokens->pdata[i];
      if (!fsim_lab_parse_duration (t, 0, -1, &us[i], error))
        return NULL;
      if (i > 0 && us[i] < us[i - 1])
        {
          fsim_lab_set_error (error, t, 0, _("failure times must not decrease (the previous "
                                             "one is at %" PRId64 " ms)"), us[i - 1] / 1000);
          return NULL;
        }
    }
  return g_steal_pointer (&us);
}

static void
feed (FsimLab *lab, FsimRestartStrategy *s, const gint64 *us, guint n)
{
  const char *klass = fsim_restart_strategy_type_class (fsim_restart_strategy_get_config (s)->type);
  gint64 restarts = 0;
  g_autofree char *failed = NULL;
  for (guint i = 0; i < n; i++)
    {
      FsimRestartDecision d;
      fsim_restart_strategy_handle_failure (s, us[i] / 1000, &d);
      /* ExecutionFailureHandler.numberOfRestarts */
      restarts += d.can_restart && d.new_attempt;
      if (!d.can_restart && failed == NULL)
        failed = g_strdup (d.message);
      print_failure (lab, (int) i, us[i] / 1000, &d, klass);
      fsim_restart_decision_clear (&d);
    }
  print_summary (lab, s, restarts, failed);
}

static int
restart_run (FsimLab *lab)
{
  RestartLab l = { .config = fsim_config_new () };
  g_autoptr (FsimConfig) config = l.config;
  if (!fsim_lab_parse_args (lab, options, &l))
    return fsim_lab_exit_code (lab);
  GError *error = NULL;
  g_autoptr (GPtrArray) tokens = fsim_lab_read_tokens (lab, &error);
  if (tokens == NULL)
    return fsim_lab_fail (lab, error);
  g_autofree gint64 *times = read_times (tokens, &error);
  if (times == NULL)
    return fsim_lab_fail (lab, error);
  g_autoptr (FsimRng) rng = fsim_rng_new ((guint64) l.seed);
  g_autoptr (FsimRestartStrategy) s = load_strategy (lab, &l, rng);
  if (s == NULL)
    return FSIM_EXIT_BAD_INPUT;
  feed (lab, s, times, tokens->len);
  return FSIM_EXIT_OK;
}

const FsimLabEntry fsim_lab_restart = {
  "restart", N_("one restart strategy fed failure times"), "[OPTIONS] TIME...",
  N_("Each TIME is a failure, non-decreasing (a Flink duration; a bare number is ms). "
     "Per failure: notifyFailure, canRestart, then getBackoffTime, as "
     "ExecutionFailureHandler asks them."),
  restart_run,
};
