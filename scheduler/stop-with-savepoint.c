/* stop-with-savepoint.c - `flink stop [--drain]`: a synchronous savepoint,
 * then the job ends.
 *
 * SchedulerBase.stopWithSavepoint stops the periodic checkpoint trigger
 * (stopCheckpointScheduler: only the synchronous savepoint's data is to be
 * committed; pending checkpoints fail with CHECKPOINT_COORDINATOR_SUSPEND),
 * asks the coordinator for a synchronous savepoint
 * (triggerSynchronousSavepoint: SavepointType.terminate with --drain, else
 * suspend) and hands both futures, the savepoint's and the executions'
 * termination, to a StopWithSavepointTerminationHandlerImpl. The tasks do
 * the rest (stream-task.c): the sources stop (with --drain after
 * MAX_WATERMARK, which fires every event-time window), the aligned barrier
 * follows, every task snapshots; the savepoint's completion is notified to
 * every task and ends it, and the job goes FINISHED.
 *
 * The handler's states (StopWithSavepointTerminationHandlerImpl.State):
 *
 *   WAITING_FOR_SAVEPOINT ──► SAVEPOINT_CREATED ──► FINAL (every execution FINISHED)
 *            │                        └───────────► FINAL (one did not: global failover)
 *            └──────────────────────────────────────► FINAL (the savepoint failed)
 *
 *   WAITING_FOR_SAVEPOINT -> SAVEPOINT_CREATED  onSavepointCreation
 *   WAITING_FOR_SAVEPOINT -> FINAL  onSavepointCreationFailure: terminateExceptionally
 *                                   restarts the periodic trigger
 *                                   (startCheckpointScheduler); the job runs on (a
 *                                   task that took the savepoint fails on its abort,
 *                                   and the job fails over)
 *   SAVEPOINT_CREATED -> FINAL      onExecutionsFinished: terminateSuccessfully; or
 *                                   onAnyExecutionNotFinished:
 *                                   terminateExceptionallyWithGlobalFailover
 *                                   (StopWithSavepointStoppingException)
 *
 * The executions are the attempts current at the stop (Flink's
 * getCombinedExecutionTerminationFuture); their termination is handled only
 * after the savepoint's outcome (StopWithSavepointTerminationManager chains
 * them). docs/checkpoints.md "Stop-with-savepoint".
 */
#include "config.h"

#include <inttypes.h>

#include "scheduler/scheduler-private.h"

typedef enum {
  STOP_WAITING_FOR_SAVEPOINT,
  STOP_SAVEPOINT_CREATED,
  STOP_FINAL,
  STOP_STATE_COUNT
} StopState;

struct _StopWithSavepoint {
  StopState state;
  gboolean drain;
  gint64 checkpoint;            /* the savepoint's id; -1 until known */
  int *attempts;                /* [n_vertices]: the attempts current at the stop */
};

static const char *const state_names[STOP_STATE_COUNT] = {
  [STOP_WAITING_FOR_SAVEPOINT] = "WaitingForSavepoint",
  [STOP_SAVEPOINT_CREATED] = "SavepointCreated",
  [STOP_FINAL] = "FinalState",
};

/* The handler's legal moves (its State classes' overrides). */
static gboolean
legal (StopState from, StopState to)
{
  return (from == STOP_WAITING_FOR_SAVEPOINT && (to == STOP_SAVEPOINT_CREATED || to == STOP_FINAL))
         || (from == STOP_SAVEPOINT_CREATED && to == STOP_FINAL);
}

static void
move (FsimCluster *c, StopWithSavepoint *s, StopState to, const char *detail, const char *why)
{
  g_assert (legal (s->state, to));
  s->state = to;
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_STOP_WITH_SAVEPOINT, why);
  r.label = state_names[to];
  r.detail = detail;
  r.values[0] = s->checkpoint;
  r.values[1] = s->drain;
  fsim_sched_cluster_trace (c, &r);
}

void
fsim_sched_stop_with_savepoint_free (StopWithSavepoint *s)
{
  if (s == NULL)
    return;
  g_free (s->attempts);
  g_free (s);
}

/* A fault record for a stop that does not start, saying why. */
static void
refused (FsimCluster *c, const char *why, const char *detail)
{
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_FAULT, why);
  r.label = "stop-with-savepoint";
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}

void
fsim_cluster_stop_with_savepoint (FsimCluster *c, gboolean drain)
{
  g_return_if_fail (c->job != NULL);
  JobMaster *jm = c->job;
  FsimCheckpointCoordinator *cc = jm->checkpoints;
  if (cc == NULL)
    {
      /* checkSavepointActionPreconditions; a streaming job without
       * checkpointing has a coordinator in Flink, not here */
      refused (c, jm->type == FSIM_JOB_TYPE_BATCH
                  ? "fault plan: `flink stop` on a BATCH job: SchedulerBase.stopWithSavepoint "
                    "refuses it (checkSavepointActionPreconditions: no CheckpointCoordinator)"
                  : "fault plan: flinksim simulates stop-with-savepoint only with "
                    "checkpointing on (Flink's coordinator would take one with periodic "
                    "checkpoints off, too)",
               jm->type == FSIM_JOB_TYPE_BATCH
                 ? "java.lang.IllegalStateException: Job is not a streaming job."
                 : "stop-with-savepoint: checkpointing is off (no "
                   "execution.checkpointing.interval); the job runs on");
      return;
    }
  if (jm->stop && jm->stop->state != STOP_FINAL)
    {
      refused (c, "fault plan: a stop-with-savepoint is in progress already; a task takes at "
                  "most one synchronous savepoint (StreamTask.setSynchronousSavepoint), so "
                  "flinksim does not start a second",
               "stop-with-savepoint: one is in progress; this one is not started");
      return;
    }
  fsim_sched_stop_with_savepoint_free (jm->stop);
  StopWithSavepoint *s = g_new0 (StopWithSavepoint, 1);
  jm->stop = s;
  s->state = STOP_WAITING_FOR_SAVEPOINT;
  s->drain = drain;
  s->checkpoint = -1;
  s->attempts = g_new (int, jm->n_vertices);
  for (int i = 0; i < jm->n_vertices; i++)
    s->attempts[i] = jm->vertices[i].current->attempt;
  FsimTraceRecord r = fsim_sched_cluster_record (
    c, FSIM_SCHED_KIND_STOP_WITH_SAVEPOINT,
    drain ? "fault plan: `flink stop --drain`: SchedulerBase.stopWithSavepoint stops the "
            "periodic checkpoint trigger and asks for a synchronous savepoint "
            "(SavepointType.terminate): the sources emit MAX_WATERMARK first, every window "
            "fires, and the job ends FINISHED once the savepoint completes"
          : "fault plan: `flink stop`: SchedulerBase.stopWithSavepoint stops the periodic "
            "checkpoint trigger and asks for a synchronous savepoint (SavepointType.suspend): "
            "the sources stop without MAX_WATERMARK, windows keep their state in the "
            "savepoint, and the job ends FINISHED once it completes");
  r.label = state_names[STOP_WAITING_FOR_SAVEPOINT];
  r.detail = drain ? "--drain (terminate): the periodic trigger stops, a synchronous "
                     "savepoint is requested"
                   : "no drain (suspend): the periodic trigger stops, a synchronous savepoint "
                     "is requested";
  r.values[0] = -1;
  r.values[1] = drain;
  fsim_sched_cluster_trace (c, &r);
  fsim_checkpoint_coordinator_stop_scheduler (
    cc, "SchedulerBase.stopWithSavepoint: stopCheckpointScheduler, so that only the "
        "synchronous savepoint's data is committed; pending checkpoints and queued requests "
        "fail (CHECKPOINT_COORDINATOR_SUSPEND)",
    "stop-with-savepoint stopped the periodic trigger before its synchronous savepoint");
  fsim_checkpoint_coordinator_request_sync_savepoint (cc, drain);
}

/* terminatedExecutionStatesFuture: every attempt of the stop terminal? */
static gboolean
executions_terminated (JobMaster *jm, const StopWithSavepoint *s, int *not_finished)
{
  *not_finished = 0;
  for (int i = 0; i < jm->n_vertices; i++)
    {
      const Execution *e = jm->vertices[i].current;
      if (e->attempt != s->attempts[i])
        {
          (*not_finished)++;    /* that attempt failed or was canceled: restarted */
          continue;
        }
      if (!fsim_execution_state_is_terminal (e->state))
        return FALSE;
      if (e->state != FSIM_EXECUTION_FINISHED)
        (*not_finished)++;
    }
  return TRUE;
}

/* StopWithSavepointTerminationHandler.handleExecutionsTermination */
static void
handle_executions (FsimCluster *c, StopWithSavepoint *s)
{
  int not_finished;
  if (s->state != STOP_SAVEPOINT_CREATED
      || !executions_terminated (c->job, s, &not_finished))
    return;
  g_autofree char *detail = NULL;
  if (not_finished == 0)
    {
      detail = g_strdup_printf ("savepoint %" PRId64 " taken, every execution FINISHED: the "
                                "job is stopped", s->checkpoint);
      move (c, s, STOP_FINAL, detail,
            "handleExecutionsTermination: every execution FINISHED after the synchronous "
            "savepoint (terminateSuccessfully): `flink stop` returns the savepoint's path");
      return;
    }
  detail = g_strdup_printf ("savepoint %" PRId64 " taken, %d execution%s not FINISHED",
                            s->checkpoint, not_finished, not_finished == 1 ? "" : "s");
  move (c, s, STOP_FINAL, detail,
        "handleExecutionsTermination: an execution ended otherwise than FINISHED "
        "(terminateExceptionallyWithGlobalFailover): the scheduler fails the job globally");
  g_autofree char *cause = g_strdup_printf (
    "org.apache.flink.runtime.scheduler.stopwithsavepoint.StopWithSavepointStoppingException: "
    "A savepoint has been created at: savepoint-%" PRId64 ", but the corresponding job %s "
    "failed during stopping. The savepoint is consistent, but might have uncommitted "
    "transactions. If you want to commit the transaction please restart a job from this "
    "savepoint.", s->checkpoint, c->job->name);
  fsim_sched_scheduler_handle_global_failure (c, cause, "stop-with-savepoint: an execution "
                                              "did not finish after the savepoint");
}

void
fsim_sched_stop_with_savepoint_done (FsimCluster *c, gint64 checkpoint_id, gboolean completed,
                                     FsimCheckpointFailureReason reason)
{
  StopWithSavepoint *s = c->job->stop;
  if (s == NULL || s->state != STOP_WAITING_FOR_SAVEPOINT)
    return;
  s->checkpoint = checkpoint_id;
  if (completed)
    {
      g_autofree char *detail = g_strdup_printf (
        "savepoint %" PRId64 " completed; the tasks end on its notifyCheckpointComplete",
        checkpoint_id);
      move (c, s, STOP_SAVEPOINT_CREATED, detail,
            "handleSavepointCreation: the synchronous savepoint completed; the handler waits "
            "for every execution to terminate");
      handle_executions (c, s);
      return;
    }
  g_autofree char *detail = g_strdup_printf (
    "the savepoint failed: %s: %s; the job runs on", fsim_checkpoint_failure_reason_name (reason),
    fsim_checkpoint_failure_reason_message (reason));
  move (c, s, STOP_FINAL, detail,
        "handleSavepointCreationFailure (terminateExceptionally): `flink stop` fails, the "
        "periodic checkpoint trigger starts again (startCheckpointScheduler) and the job is "
        "not stopped");
  if (c->job->status == FSIM_JOB_RUNNING)
    fsim_checkpoint_coordinator_job_running (c->job->checkpoints);
}

void
fsim_sched_stop_with_savepoint_on_terminal (FsimCluster *c)
{
  if (c->job->stop)
    handle_executions (c, c->job->stop);
}
