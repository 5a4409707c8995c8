/* execution-state.c - Flink's ExecutionState and its legal transitions.
 *
 * The table is the union of the transitions performed by the methods of
 * org.apache.flink.runtime.executiongraph.Execution (master, read at
 * noorall/flink 5543195e), plus the RECONCILING rows drawn in the javadoc of
 * org.apache.flink.runtime.execution.ExecutionState. Every row fsim_sched_execution_state_names the
 * method that performs it; the scheduler quotes that name in its trace.
 * Left out on purpose: Execution.recoverExecution (adaptive batch JobManager
 * recovery moves a CREATED execution straight to FINISHED); the simulator
 * has no JobManager failover and streaming jobs never take that path.
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

const char *const fsim_sched_execution_state_names[FSIM_EXECUTION_STATE_COUNT] = {
  [FSIM_EXECUTION_CREATED] = "CREATED",
  [FSIM_EXECUTION_SCHEDULED] = "SCHEDULED",
  [FSIM_EXECUTION_DEPLOYING] = "DEPLOYING",
  [FSIM_EXECUTION_RUNNING] = "RUNNING",
  [FSIM_EXECUTION_FINISHED] = "FINISHED",
  [FSIM_EXECUTION_CANCELING] = "CANCELING",
  [FSIM_EXECUTION_CANCELED] = "CANCELED",
  [FSIM_EXECUTION_FAILED] = "FAILED",
  [FSIM_EXECUTION_RECONCILING] = "RECONCILING",
  [FSIM_EXECUTION_INITIALIZING] = "INITIALIZING",
};

#define C FSIM_EXECUTION_CREATED
#define S FSIM_EXECUTION_SCHEDULED
#define D FSIM_EXECUTION_DEPLOYING
#define R FSIM_EXECUTION_RUNNING
#define FI FSIM_EXECUTION_FINISHED
#define CI FSIM_EXECUTION_CANCELING
#define CD FSIM_EXECUTION_CANCELED
#define FA FSIM_EXECUTION_FAILED
#define RE FSIM_EXECUTION_RECONCILING
#define I FSIM_EXECUTION_INITIALIZING

static const Transition transitions[] = {
  { C, S, "DefaultExecutionDeployer.transitionToScheduled" },
  { S, D, "Execution.deploy" },
  { D, I, "Execution.switchToInitializing" },
  { I, R, "Execution.switchToRunning" },
  { D, FI, "Execution.markFinished" },
  { I, FI, "Execution.markFinished" },
  { R, FI, "Execution.markFinished" },
  /* cancel() and suspend() before deployment: cancelAtomically goes through
   * CANCELING and on to CANCELED at once, no RPC needed. */
  { C, CI, "Execution.cancelAtomically" },
  { S, CI, "Execution.cancelAtomically" },
  { D, CI, "Execution.startCancelling" },
  { I, CI, "Execution.startCancelling" },
  { R, CI, "Execution.startCancelling" },
  /* completeCancelling also accepts a task that the TaskManager cancelled
   * on its own (network stack torn down) straight from a running state. */
  { CI, CD, "Execution.completeCancelling" },
  { D, CD, "Execution.completeCancelling" },
  { I, CD, "Execution.completeCancelling" },
  { R, CD, "Execution.completeCancelling" },
  /* processFail: any non-terminal state but CANCELING, which completes the
   * cancellation instead. */
  { C, FA, "Execution.processFail" },
  { S, FA, "Execution.processFail" },
  { D, FA, "Execution.processFail" },
  { I, FA, "Execution.processFail" },
  { R, FA, "Execution.processFail" },
  { RE, FA, "Execution.processFail" },
  { C, RE, "ExecutionState: JobManager failover reconciles a CREATED task" },
  { RE, I, "ExecutionState: RECONCILING may switch into any task state" },
  { RE, R, "ExecutionState: RECONCILING may switch into any task state" },
  { RE, FI, "ExecutionState: RECONCILING may switch into any task state" },
  { RE, CD, "ExecutionState: RECONCILING may switch into any task state" },
};

#undef C
#undef S
#undef D
#undef R
#undef FI
#undef CI
#undef CD
#undef FA
#undef RE
#undef I

const char *
fsim_execution_state_name (FsimExecutionState state)
{
  g_assert ((guint) state < FSIM_EXECUTION_STATE_COUNT);
  return fsim_sched_execution_state_names[state];
}

gboolean
fsim_execution_state_from_name (const char *name, FsimExecutionState *out)
{
  int s = fsim_state_machine_lookup (&fsim_execution_state_machine, name);
  if (s < 0)
    return FALSE;
  *out = (FsimExecutionState) s;
  return TRUE;
}

gboolean
fsim_execution_state_is_terminal (FsimExecutionState state)
{
  return state == FSIM_EXECUTION_FINISHED || state == FSIM_EXECUTION_CANCELED
         || state == FSIM_EXECUTION_FAILED;
}

const char *
fsim_execution_state_transition_rule (FsimExecutionState from, FsimExecutionState to)
{
  return fsim_sched_transition_rule (transitions, G_N_ELEMENTS (transitions), from, to);
}

gboolean
fsim_execution_state_can_transition (FsimExecutionState from, FsimExecutionState to)
{
  return fsim_execution_state_transition_rule (from, to) != NULL;
}

const char *
fsim_execution_state_transition (FsimExecutionState *state, FsimExecutionState to)
{
  /* Flink throws IllegalStateException here ("Cannot leave terminal state") */
  const char *rule = fsim_sched_transition_checked (transitions, G_N_ELEMENTS (transitions), *state, to,
                                         "ExecutionState", fsim_execution_state_name (*state),
                                         fsim_execution_state_name (to));
  *state = to;
  return rule;
}

/* The Task on the TaskManager (org.apache.flink.runtime.taskmanager.Task)
 * uses the same enum with its own transitions, all compare-and-set in
 * Task.transitionState: doRun, cancelExecution / failExternally
 * (cancelOrFailAndCancelInvokableInternal) and transitionStateOnFailure. */
static const Transition task_transitions[] = {
  { FSIM_EXECUTION_CREATED, FSIM_EXECUTION_DEPLOYING, "Task.doRun" },
  { FSIM_EXECUTION_DEPLOYING, FSIM_EXECUTION_INITIALIZING, "Task.doRun: restore" },
  { FSIM_EXECUTION_INITIALIZING, FSIM_EXECUTION_RUNNING, "Task.doRun: invoke" },
  { FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_FINISHED, "Task.doRun: end of input" },
  { FSIM_EXECUTION_CREATED, FSIM_EXECUTION_CANCELING, "Task.cancelExecution" },
  { FSIM_EXECUTION_DEPLOYING, FSIM_EXECUTION_CANCELING, "Task.cancelExecution" },
  { FSIM_EXECUTION_INITIALIZING, FSIM_EXECUTION_CANCELING, "Task.cancelExecution" },
  { FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_CANCELING, "Task.cancelExecution" },
  { FSIM_EXECUTION_CANCELING, FSIM_EXECUTION_CANCELED, "Task: the task thread exited" },
  { FSIM_EXECUTION_DEPLOYING, FSIM_EXECUTION_CANCELED,
    "Task.transitionStateOnFailure: CancelTaskException" },
  { FSIM_EXECUTION_INITIALIZING, FSIM_EXECUTION_CANCELED,
    "Task.transitionStateOnFailure: CancelTaskException" },
  { FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_CANCELED,
    "Task.transitionStateOnFailure: CancelTaskException" },
  { FSIM_EXECUTION_CREATED, FSIM_EXECUTION_FAILED, "Task.failExternally" },
  { FSIM_EXECUTION_DEPLOYING, FSIM_EXECUTION_FAILED, "Task.transitionStateOnFailure" },
  { FSIM_EXECUTION_INITIALIZING, FSIM_EXECUTION_FAILED, "Task.transitionStateOnFailure" },
  { FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_FAILED, "Task.transitionStateOnFailure" },
};

const char *
fsim_task_state_transition_rule (FsimExecutionState from, FsimExecutionState to)
{
  return fsim_sched_transition_rule (task_transitions, G_N_ELEMENTS (task_transitions), from, to);
}

gboolean
fsim_task_state_can_transition (FsimExecutionState from, FsimExecutionState to)
{
  return fsim_task_state_transition_rule (from, to) != NULL;
}

const char *
fsim_task_state_transition (FsimExecutionState *state, FsimExecutionState to)
{
  const char *rule = fsim_sched_transition_checked (task_transitions, G_N_ELEMENTS (task_transitions),
                                         *state, to, "Task state",
                                         fsim_execution_state_name (*state),
                                         fsim_execution_state_name (to));
  *state = to;
  return rule;
}
