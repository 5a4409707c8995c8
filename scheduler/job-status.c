/* job-status.c - Flink's JobStatus and its legal transitions.
 *
 * Rows come from the methods that call DefaultExecutionGraph.transitionState
 * (master, noorall/flink 5543195e): transitionToRunning, cancel, failJob,
 * suspend, jobVertexFinished, allVerticesInTerminalState; from
 * DefaultScheduler (RUNNING <-> RESTARTING around a restart), from
 * DefaultBatchJobRecoveryHandler (CREATED -> RECONCILING -> RUNNING), and
 * for INITIALIZING from JobMasterServiceLeadershipRunner, which reports the
 * job before any ExecutionGraph exists. Flink's transitions are
 * compare-and-set; leaving a terminal state throws IllegalStateException.
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

const char *const fsim_sched_job_status_names[FSIM_JOB_STATUS_COUNT] = {
  [FSIM_JOB_INITIALIZING] = "INITIALIZING",
  [FSIM_JOB_CREATED] = "CREATED",
  [FSIM_JOB_RUNNING] = "RUNNING",
  [FSIM_JOB_FAILING] = "FAILING",
  [FSIM_JOB_FAILED] = "FAILED",
  [FSIM_JOB_CANCELLING] = "CANCELLING",
  [FSIM_JOB_CANCELED] = "CANCELED",
  [FSIM_JOB_FINISHED] = "FINISHED",
  [FSIM_JOB_RESTARTING] = "RESTARTING",
  [FSIM_JOB_SUSPENDED] = "SUSPENDED",
  [FSIM_JOB_RECONCILING] = "RECONCILING",
};

#define IN FSIM_JOB_INITIALIZING
#define CR FSIM_JOB_CREATED
#define RU FSIM_JOB_RUNNING
#define FG FSIM_JOB_FAILING
#define FD FSIM_JOB_FAILED
#define CG FSIM_JOB_CANCELLING
#define CD FSIM_JOB_CANCELED
#define FI FSIM_JOB_FINISHED
#define RS FSIM_JOB_RESTARTING
#define SU FSIM_JOB_SUSPENDED
#define RC FSIM_JOB_RECONCILING

static const Transition transitions[] = {
  { IN, CR, "JobMasterServiceLeadershipRunner: JobMaster and ExecutionGraph created" },
  { IN, CG, "JobMasterServiceLeadershipRunner.cancel before the JobMaster runs" },
  { IN, FD, "JobMasterServiceLeadershipRunner: job initialization failed" },
  { IN, SU, "JobMasterServiceLeadershipRunner closed before the JobMaster ran" },
  { CR, RU, "DefaultExecutionGraph.transitionToRunning (SchedulerBase.startScheduling)" },
  { CR, RC, "DefaultBatchJobRecoveryHandler: recover a batch job" },
  { RC, RU, "DefaultBatchJobRecoveryHandler: recovery done" },
  { RU, RS, "DefaultScheduler.addVerticesToRestartPending" },
  { RS, RU, "DefaultScheduler.removeVerticesFromRestartPending" },
  { RU, FI, "DefaultExecutionGraph.jobVertexFinished: all vertices FINISHED" },
  { CR, CG, "DefaultExecutionGraph.cancel" },
  { RU, CG, "DefaultExecutionGraph.cancel" },
  { RS, CG, "DefaultExecutionGraph.cancel" },
  { FG, CG, "DefaultExecutionGraph.cancel while failing" },
  { CG, CD, "DefaultExecutionGraph.allVerticesInTerminalState" },
  { CG, FD, "DefaultExecutionGraph.cancel: a vertex could not be cancelled" },
  /* failJob leaves every non-terminal state but FAILING itself. */
  { CR, FG, "DefaultExecutionGraph.failJob" },
  { RU, FG, "DefaultExecutionGraph.failJob" },
  { RS, FG, "DefaultExecutionGraph.failJob" },
  { CG, FG, "DefaultExecutionGraph.failJob" },
  { RC, FG, "DefaultExecutionGraph.failJob" },
  { FG, FD, "DefaultExecutionGraph.failJob: all executions cancelled" },
  /* suspend: any non-terminal state. */
  { CR, SU, "DefaultExecutionGraph.suspend" },
  { RU, SU, "DefaultExecutionGraph.suspend" },
  { FG, SU, "DefaultExecutionGraph.suspend" },
  { CG, SU, "DefaultExecutionGraph.suspend" },
  { RS, SU, "DefaultExecutionGraph.suspend" },
  { RC, SU, "DefaultExecutionGraph.suspend" },
};

#undef IN
#undef CR
#undef RU
#undef FG
#undef FD
#undef CG
#undef CD
#undef FI
#undef RS
#undef SU
#undef RC

const char *
fsim_job_status_name (FsimJobStatus status)
{
  g_assert ((guint) status < FSIM_JOB_STATUS_COUNT);
  return fsim_sched_job_status_names[status];
}

gboolean
fsim_job_status_from_name (const char *name, FsimJobStatus *out)
{
  int s = fsim_state_machine_lookup (&fsim_job_status_machine, name);
  if (s < 0)
    return FALSE;
  *out = (FsimJobStatus) s;
  return TRUE;
}

gboolean
fsim_job_status_is_globally_terminal (FsimJobStatus status)
{
  return status == FSIM_JOB_FAILED || status == FSIM_JOB_CANCELED
         || status == FSIM_JOB_FINISHED;
}

gboolean
fsim_job_status_is_terminal (FsimJobStatus status)
{
  return fsim_job_status_is_globally_terminal (status) || status == FSIM_JOB_SUSPENDED;
}

const char *
fsim_job_status_transition_rule (FsimJobStatus from, FsimJobStatus to)
{
  return fsim_sched_transition_rule (transitions, G_N_ELEMENTS (transitions), from, to);
}

gboolean
fsim_job_status_can_transition (FsimJobStatus from, FsimJobStatus to)
{
  return fsim_job_status_transition_rule (from, to) != NULL;
}

const char *
fsim_job_status_transition (FsimJobStatus *status, FsimJobStatus to)
{
  const char *rule = fsim_sched_transition_checked (transitions, G_N_ELEMENTS (transitions), *status, to,
                                         "JobStatus", fsim_job_status_name (*status),
                                         fsim_job_status_name (to));
  *status = to;
  return rule;
}
