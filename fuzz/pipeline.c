/* pipeline.c - what every fuzz target does with an accepted job. */
#include "config.h"

#include <string.h>

#include "fuzz/fuzz.h"
#include "scheduler/scheduler.h"

/* The simulation is run when a user could wait for it: the limits that
 * protect users (sim.max-subtasks, the trace bound) are theirs to raise,
 * and an input that raises them is slow by request, not a finding. */
#define FUZZ_MAX_SUBTASKS 2000
#define FUZZ_MIN_HEARTBEAT_US 1000
#define FUZZ_MAX_TASKMANAGERS 64
#define FUZZ_UNTIL_US (G_GINT64_CONSTANT (2) * G_USEC_PER_SEC)

static gboolean
quick_to_run (const FsimJob *job)
{
  FsimConfig *config = fsim_job_get_config (job);
  return fsim_stream_graph_count_subtasks (fsim_job_get_stream_graph (job), NULL)
           <= FUZZ_MAX_SUBTASKS
         && fsim_config_get_duration (config, "heartbeat.interval") >= FUZZ_MIN_HEARTBEAT_US
         && fsim_config_get_int (config, "sim.taskmanagers") <= FUZZ_MAX_TASKMANAGERS;
}

char *
fsim_fuzz_text (const uint8_t *data, size_t size)
{
  char *text = g_strndup ((const char *) data, size);
  if (strlen (text) != size)
    g_clear_pointer (&text, g_free);
  return text;
}

void
fsim_fuzz_pipeline (FsimJob *job)
{
  if (job == NULL)
    return;
  g_autoptr (GError) error = NULL;
  FsimJobGraph *jg = fsim_job_graph_new_for_job (job, &error);
  fsim_job_graph_free (jg);
  g_clear_error (&error);
  if (jg != NULL && quick_to_run (job))
    {
      FsimJobRun *run = fsim_job_run_new (job, 1, &error);
      if (run)
        {
          fsim_job_run_run (run, FUZZ_UNTIL_US);
          g_free (fsim_trace_digest (fsim_job_run_get_trace (run)));
          fsim_job_run_free (run);
        }
    }
  fsim_job_free (job);
}
