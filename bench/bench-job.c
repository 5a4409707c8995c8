/* bench-job.c - see bench-job.h. */
#include "config.h"

#include "bench/bench-job.h"

FsimJob *
fsim_bench_job_all_to_all (int p)
{
  g_autofree char *text = g_strdup_printf (
    "job \"All-to-all %d\"\n"
    "set parallelism.default = %d\n"
    "set taskmanager.numberOfTaskSlots = 32\n"
    "set sim.taskmanagers = %d\n"
    "set sim.max-subtasks = 100000\n"
    "src = env.fromSource(\"Events\").rate(1/s)\n"
    "src.rebalance().print()\n", p, p, (p + 31) / 32);
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_parse (text, "bench.job", &error);
  if (job == NULL)
    g_error ("%s", error->message);
  return job;
}

FsimJobRun *
fsim_bench_run_to_running (const FsimJob *job)
{
  g_autoptr (GError) error = NULL;
  FsimJobRun *run = fsim_job_run_new (job, -1, &error);
  if (run == NULL)
    g_error ("%s", error->message);
  FsimSim *sim = fsim_job_run_get_sim (run);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  guint subtasks = fsim_execution_graph_get_vertices (fsim_job_run_get_execution_graph (run))->len;
  FsimTraceKind state = FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE);
  guint n_running = 0;
  gint64 seen = 0;
  while (n_running < subtasks && fsim_sim_step (sim))
    for (; seen < fsim_trace_count (trace); seen++)
      {
        const FsimTraceRecord *r = fsim_trace_get (trace, seen);
        if (r->kind != state)
          continue;
        n_running += r->to == FSIM_EXECUTION_RUNNING;
      }
  g_assert (n_running == subtasks);
  return run;
}
