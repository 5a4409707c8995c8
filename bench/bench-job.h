/* bench-job.h - the jobs the scheduling and output benchmarks run: Flink's
 * scheduler benchmark shape, two vertices of parallelism P joined by an
 * all-to-all (rebalance) edge, on P / 32 TaskManagers of 32 slots. */
#pragma once

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"

G_BEGIN_DECLS

/* (transfer full) */
FsimJob *fsim_bench_job_all_to_all (int parallelism);
/* Runs job until every subtask is RUNNING (or the run ends). (transfer full) */
FsimJobRun *fsim_bench_run_to_running (const FsimJob *job);

G_END_DECLS
