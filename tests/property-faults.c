/* property-faults.c - every example under seeded random fault schedules:
 * the run terminates, every state transition is legal, and the
 * exactly-once verdict holds (a verdict that disagrees with what Flink
 * promises for the configuration is a flinksim bug: docs/exactly-once.md).
 *
 * A schedule is 1 to 4 faults drawn from the schedule's seed: a task
 * failure of a random operator's random subtask, or a TaskManager killed,
 * at random times in the first 30 s. A failing schedule is shrunk (faults
 * dropped one at a time while it still fails) and printed as the --fault
 * list that reproduces it.
 *
 * Each schedule also picks a variant of its example: as written, or with
 * a fixed-delay restart strategy and checkpoints every second (aligned,
 * unaligned or at-least-once) where the example sets none.
 *
 * make check runs FSIM_PROPERTY_SCHEDULES (default 24) schedules spread
 * over the examples; `make soak` runs 10,000. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "tests/testlib.h"

#define HORIZON_US (30 * G_USEC_PER_SEC)

/* The example files, sorted. */
static GPtrArray *
examples (void)
{
  return fsim_test_list_sources ("examples", ".job");
}

static char *
read_text (const char *path)
{
  char *text = NULL;
  g_autoptr (GError) error = NULL;
  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s", error ? error->message : "");
  return text;
}

/* Faults for schedule seed over job (as job-language lines). */
static GPtrArray *
draw_schedule (const FsimJob *job, guint64 seed)
{
  GPtrArray *faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (FsimRng) rng = fsim_rng_new (seed);
  FsimStreamGraph *g = fsim_job_get_stream_graph (job);
  /* a fault names an operator: those whose name is their own */
  GPtrArray *all = fsim_stream_graph_get_nodes (g);
  g_autoptr (GPtrArray) nodes = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      const FsimStreamNode *a = g_ptr_array_index (all, i);
      guint same = 0;
      for (guint k = 0; k < all->len; k++)
        same += g_strcmp0 (a->name, ((const FsimStreamNode *) g_ptr_array_index (all, k))->name) == 0;
      if (same == 1)
        g_ptr_array_add (nodes, (gpointer) a);
    }
  ck_assert_uint_gt (nodes->len, 0);
  gint64 tms = fsim_config_get_int (fsim_job_get_config (job), "sim.taskmanagers");
  int n = (int) fsim_rng_int_range (rng, 1, 4);
  for (int i = 0; i < n; i++)
    {
      gint64 at_ms = fsim_rng_int_range (rng, 500, HORIZON_US / 1000);
      if (fsim_rng_int_range (rng, 0, 4) == 0)
        g_ptr_array_add (faults, g_strdup_printf ("at %" G_GINT64_FORMAT " ms kill taskmanager %"
                                                  G_GINT64_FORMAT, at_ms,
                                                  fsim_rng_int_range (rng, 1, MAX (tms, 1))));
      else
        {
          const FsimStreamNode *node =
            g_ptr_array_index (nodes, fsim_rng_uniform (rng, nodes->len));
          g_ptr_array_add (faults, g_strdup_printf ("at %" G_GINT64_FORMAT " ms fail \"%s\" "
                                                    "subtask %" G_GINT64_FORMAT, at_ms,
                                                    node->name,
                                                    fsim_rng_int_range (rng, 0,
                                                                        node->parallelism - 1)));
        }
    }
  return faults;
}

/* What is wrong with the run of text, or NULL. (transfer full) */
static char *
violation (const char *text, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, name, &error);
  if (job == NULL)
    return g_strdup_printf ("refused: %s", error->message);
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  if (run == NULL)
    return g_strdup_printf ("not run: %s", error->message);
  fsim_job_run_run (run, HORIZON_US + 10 * G_USEC_PER_SEC);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimTraceRecord *verdict = NULL;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)
          && !fsim_execution_state_can_transition (r->from, r->to))
        return g_strdup_printf ("record %" G_GINT64_FORMAT ": illegal ExecutionState %s -> %s",
                                r->seq, fsim_trace_record_from_name (r),
                                fsim_trace_record_to_name (r));
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_STATE)
          && !fsim_task_state_can_transition (r->from, r->to))
        return g_strdup_printf ("record %" G_GINT64_FORMAT ": illegal Task state %s -> %s",
                                r->seq, fsim_trace_record_from_name (r),
                                fsim_trace_record_to_name (r));
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS)
          && !fsim_job_status_can_transition (r->from, r->to))
        return g_strdup_printf ("record %" G_GINT64_FORMAT ": illegal JobStatus %s -> %s",
                                r->seq, fsim_trace_record_from_name (r),
                                fsim_trace_record_to_name (r));
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_VERDICT))
        verdict = r;
    }
  if (verdict == NULL)
    return g_strdup ("no verdict record");
  if (!verdict->values[1])
    return g_strdup_printf ("the verdict does not hold: %s", verdict->detail);
  return NULL;
}

/* Schedule s's variant of the example: as written, or with a restart
 * strategy and checkpoints of each mode (keys the example sets stay its
 * own), so that restores happen in every mode. */
static char *
variant (const char *text, guint s)
{
  static const char *const modes[] = {
    NULL,
    "",
    "set execution.checkpointing.interval = 1 s\n",
    "set execution.checkpointing.interval = 1 s\n"
    "set execution.checkpointing.unaligned.enabled = true\n",
    "set execution.checkpointing.interval = 1 s\n"
    "set execution.checkpointing.mode = AT_LEAST_ONCE\n",
  };
  const char *mode = modes[s % G_N_ELEMENTS (modes)];
  GString *out = g_string_new (NULL);
  if (mode && !strstr (text, "restart-strategy"))
    g_string_append (out, "set restart-strategy.type = fixed-delay\n"
                          "set restart-strategy.fixed-delay.attempts = 1000\n"
                          "set restart-strategy.fixed-delay.delay = 1 s\n");
  if (mode && !strstr (text, "execution.checkpointing") && !strstr (text, "enableCheckpointing")
      && !strstr (text, "BATCH"))
    g_string_append (out, mode);
  g_string_append (out, text);
  return g_string_free (out, FALSE);
}

static char *
with_faults (const char *text, GPtrArray *faults, guint skip)
{
  GString *s = g_string_new (text);
  g_string_append (s, "\n");
  for (guint i = 0; i < faults->len; i++)
    if (i != skip)
      g_string_append_printf (s, "%s\n", (const char *) g_ptr_array_index (faults, i));
  return g_string_free (s, FALSE);
}

/* Drops faults while the schedule still fails; the rest reproduces it. */
static void
shrink (const char *text, const char *name, GPtrArray *faults)
{
  gboolean dropped = TRUE;
  while (dropped && faults->len > 1)
    {
      dropped = FALSE;
      for (guint i = 0; i < faults->len && !dropped; i++)
        {
          g_autofree char *t = with_faults (text, faults, i);
          g_autofree char *why = violation (t, name);
          if (why)
            {
              g_ptr_array_remove_index (faults, i);
              dropped = TRUE;
            }
        }
    }
}

static guint
schedules (void)
{
  const char *env = g_getenv ("FSIM_PROPERTY_SCHEDULES");
  guint64 n = 24;
  if (env && !g_ascii_string_to_unsigned (env, 10, 1, 1000000, &n, NULL))
    n = 24;
  return (guint) n;
}

START_TEST (test_examples_under_random_faults)
{
  g_autoptr (GPtrArray) files = examples ();
  ck_assert_uint_gt (files->len, 0);
  guint n = schedules ();
  guint failed = 0;
  for (guint s = 0; s < n; s++)
    {
      g_autofree char *rel = g_build_filename ("examples", (const char *) g_ptr_array_index (files, s % files->len), NULL);
      g_autofree char *full = fsim_test_srcpath (rel);
      const char *path = rel;
      g_autofree char *written = read_text (full);
      g_autofree char *text = variant (written, s);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimJob) job = fsim_job_parse (text, path, &error);
      ck_assert_msg (job != NULL, "%s", error ? error->message : "");
      g_autoptr (GPtrArray) faults = draw_schedule (job, 0x5eed0000u + s);
      g_autofree char *t = with_faults (text, faults, G_MAXUINT);
      g_autofree char *why = violation (t, path);
      if (why == NULL)
        continue;
      failed++;
      shrink (text, path, faults);
      g_autoptr (GString) cmd = g_string_new ("flinksim run");
      for (guint i = 0; i < faults->len; i++)
        g_string_append_printf (cmd, " --fault '%s'", (const char *) g_ptr_array_index (faults, i));
      g_autofree char *added = g_strndup (text, strlen (text) - strlen (written));
      g_printerr ("# schedule %u: %s\n#   reproduce: %s %s --until 40s%s%s\n", s, why, cmd->str,
                  path, *added ? "\n#   with these lines first in it:\n" : "", added);
    }
  ck_assert_msg (failed == 0, "%u of %u fault schedules failed (see above)", failed, n);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("property");
  TCase *tc = tcase_create ("examples under random faults");
  tcase_set_timeout (tc, 0);
  tcase_add_test (tc, test_examples_under_random_faults);
  suite_add_tcase (s, tc);
  return fsim_test_main (s);
}
