/* scheduler.h - the simulated Flink cluster: JobManager, TaskManagers, slots,
 * deployment, and the two state machines every step of it moves.
 *
 * In Flink a job is submitted to the Dispatcher, which starts a JobMaster; the
 * JobMaster builds the ExecutionGraph (DefaultExecutionGraph) and its
 * DefaultScheduler hands pipelined regions (PipelinedRegionSchedulingStrategy)
 * to the DefaultExecutionDeployer. The deployer requests one physical slot per
 * execution slot sharing group (SlotSharingExecutionSlotAllocator); the
 * JobMaster's slot pool declares what it needs to the ResourceManager, whose
 * slot manager (DefaultResourceAllocationStrategy) picks free slots on
 * registered TaskManagers; the TaskManagers offer those slots to the JobMaster.
 * When every slot of the bulk has arrived the executions are deployed; the
 * TaskManager (Task) reports INITIALIZING, RUNNING and the terminal state back.
 * A bulk that cannot be fulfilled within slot.request.timeout fails with
 * NoResourceAvailableException (PhysicalSlotRequestBulkCheckerImpl).
 *
 * This module simulates all of that on sim/'s virtual clock and writes each
 * step to the trace with a why naming the Flink rule. Only the state machines
 * below are needed to read a trace; the cluster API follows them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ======================================================================== */
/* ExecutionState (org.apache.flink.runtime.execution.ExecutionState)        */
/*
 * The JobManager's view of one attempt of one subtask (class Execution).
 * Names and enum order are Flink's: INITIALIZING is last although in time it
 * sits between DEPLOYING and RUNNING (arrays indexed by ordinal rely on it).
 *
 *   CREATED ──► SCHEDULED ──► DEPLOYING ──► INITIALIZING ──► RUNNING
 *     │  │          │              │               │             │
 *     │  │          │              ├───────────────┴─────────────┴──► FINISHED
 *     │  │          │              ├───────────────┴─────────────┴──► CANCELING
 *     │  │          │              └───────────────┴─────────────┴──► CANCELED
 *     │  └──────────┴──► CANCELING ──(at once)──► CANCELED
 *     │                  CANCELING ──(TaskManager confirms)──► CANCELED
 *     └──► RECONCILING ──► INITIALIZING | RUNNING | FINISHED | CANCELED
 *   every non-terminal state except CANCELING ──► FAILED
 *
 * Legal transitions and the Flink method performing each (the trace quotes
 * fsim_execution_state_transition_rule):
 *   CREATED      -> SCHEDULED     DefaultExecutionDeployer.transitionToScheduled:
 *                                 the region's bulk is handed to the deployer
 *   SCHEDULED    -> DEPLOYING     Execution.deploy: every slot of the bulk arrived
 *   DEPLOYING    -> INITIALIZING  Execution.switchToInitializing: TaskManager report
 *   INITIALIZING -> RUNNING       Execution.switchToRunning: TaskManager report
 *   DEPLOYING | INITIALIZING | RUNNING -> FINISHED    Execution.markFinished
 *   CREATED | SCHEDULED -> CANCELING                  Execution.cancelAtomically
 *                                 (followed at once by CANCELING -> CANCELED)
 *   DEPLOYING | INITIALIZING | RUNNING -> CANCELING   Execution.startCancelling
 *   CANCELING | DEPLOYING | INITIALIZING | RUNNING -> CANCELED
 *                                                     Execution.completeCancelling
 *   CREATED | SCHEDULED | DEPLOYING | INITIALIZING | RUNNING | RECONCILING -> FAILED
 *                                                     Execution.processFail
 *   CREATED -> RECONCILING, RECONCILING -> INITIALIZING | RUNNING | FINISHED |
 *   CANCELED                      ExecutionState javadoc (JobManager failover;
 *                                 never entered by the simulator)
 * Nothing leaves FINISHED, CANCELED or FAILED (Flink: IllegalStateException).
 *
 * What is true in each state, in the simulator:
 *   CREATED       no slot; the vertex's region is not scheduled yet.
 *   SCHEDULED     a physical slot is requested for its execution slot sharing
 *                 group; it may already be assigned a logical slot, but nothing
 *                 is deployed while any slot of the same bulk is missing.
 *   DEPLOYING     assigned a slot on a TaskManager; the submitTask RPC is in
 *                 flight or the TaskManager is creating the Task.
 *   INITIALIZING  the Task restores state (or starts empty) on the TaskManager.
 *   RUNNING       processing records; a bounded source counts down its input.
 *   FINISHED      end of input reached; its slot is kept until the job ends
 *                 (streaming slots are occupied indefinitely).
 *   CANCELING     a cancel RPC is on its way to the TaskManager.
 *   CANCELED / FAILED  terminal; the slot goes back to the slot pool.
 *   RECONCILING   unused (no JobManager failover).
 */
typedef enum {
  FSIM_EXECUTION_CREATED,
  FSIM_EXECUTION_SCHEDULED,
  FSIM_EXECUTION_DEPLOYING,
  FSIM_EXECUTION_RUNNING,
  FSIM_EXECUTION_FINISHED,
  FSIM_EXECUTION_CANCELING,
  FSIM_EXECUTION_CANCELED,
  FSIM_EXECUTION_FAILED,
  FSIM_EXECUTION_RECONCILING,
  FSIM_EXECUTION_INITIALIZING,
  FSIM_EXECUTION_STATE_COUNT
} FsimExecutionState;

/* Flink's name, "DEPLOYING". */
const char *fsim_execution_state_name (FsimExecutionState state);
gboolean fsim_execution_state_from_name (const char *name, FsimExecutionState *out);
/* ExecutionState.isTerminal: FINISHED, CANCELED, FAILED. */
gboolean fsim_execution_state_is_terminal (FsimExecutionState state);
gboolean fsim_execution_state_can_transition (FsimExecutionState from, FsimExecutionState to);
/* The Flink method that performs from -> to, or NULL if illegal. (static) */
const char *fsim_execution_state_transition_rule (FsimExecutionState from,
                                                  FsimExecutionState to);
/* The one checked transition: aborts on an illegal step (a scheduler bug),
 * else sets *state = to and returns the rule. */
const char *fsim_execution_state_transition (FsimExecutionState *state, FsimExecutionState to);

/* ======================================================================== */
/* JobStatus (org.apache.flink.api.common.JobStatus)                         */
/*
 *                    ┌──────────────► SUSPENDED ◄── (any non-terminal state:
 *                    │                              DefaultExecutionGraph.suspend)
 *   INITIALIZING ──► CREATED ──► RUNNING ──────────────────────► FINISHED
 *     │  │             │  │       │ ▲  │
 *     │  │             │  │       ▼ │  │
 *     │  │             │  │   RESTARTING
 *     │  │             │  │       │    │
 *     │  │             │  ▼       ▼    ▼
 *     │  │             │  FAILING ◄──────── (failJob from CREATED, RUNNING,
 *     │  │             │   │   │             RESTARTING, CANCELLING, RECONCILING)
 *     │  │             │   │   └──► FAILED ◄── CANCELLING (cancel failed)
 *     │  │             ▼   ▼                      │
 *     │  └────────► CANCELLING ──────► CANCELED ◄─┘
 *     └──► FAILED (initialization failed)
 *   CREATED ──► RECONCILING ──► RUNNING   (adaptive batch recovery only)
 *
 * Legal transitions and the Flink method performing each:
 *   INITIALIZING -> CREATED      JobMasterServiceLeadershipRunner: the JobMaster
 *                                and ExecutionGraph exist (Dispatcher view before)
 *   INITIALIZING -> CANCELLING | FAILED | SUSPENDED   the same runner, before a
 *                                JobMaster runs (cancel, init failure, close)
 *   CREATED -> RUNNING           DefaultExecutionGraph.transitionToRunning
 *   RUNNING -> RESTARTING        DefaultScheduler.addVerticesToRestartPending
 *   RESTARTING -> RUNNING        DefaultScheduler.removeVerticesFromRestartPending
 *                                (when no vertex waits for a restart any more)
 *   RUNNING -> FINISHED          DefaultExecutionGraph.jobVertexFinished
 *   CREATED | RUNNING | RESTARTING | FAILING -> CANCELLING   DefaultExecutionGraph.cancel
 *   CANCELLING -> CANCELED       DefaultExecutionGraph.allVerticesInTerminalState
 *   CANCELLING -> FAILED         DefaultExecutionGraph.cancel (a vertex failed to cancel)
 *   CREATED | RUNNING | RESTARTING | CANCELLING | RECONCILING -> FAILING
 *                                DefaultExecutionGraph.failJob
 *   FAILING -> FAILED            DefaultExecutionGraph.failJob, executions cancelled
 *   non-terminal -> SUSPENDED    DefaultExecutionGraph.suspend
 *   CREATED -> RECONCILING -> RUNNING   DefaultBatchJobRecoveryHandler
 * Nothing leaves FAILED, CANCELED, FINISHED (globally terminal) or SUSPENDED
 * (locally terminal).
 *
 * What is true in each state, in the simulator:
 *   INITIALIZING  the Dispatcher has the JobGraph; no JobMaster yet.
 *   CREATED       the ExecutionGraph exists, every execution is CREATED.
 *   RUNNING       scheduling has started; executions may still wait for slots.
 *   FAILING       failJob: every execution is being cancelled.
 *   FAILED        terminal after FAILING; all slots released.
 *   FINISHED      every execution FINISHED.
 *   RESTARTING    a failover waits for its restart delay (later issue).
 */
typedef enum {
  FSIM_JOB_INITIALIZING,
  FSIM_JOB_CREATED,
  FSIM_JOB_RUNNING,
  FSIM_JOB_FAILING,
  FSIM_JOB_FAILED,
  FSIM_JOB_CANCELLING,
  FSIM_JOB_CANCELED,
  FSIM_JOB_FINISHED,
  FSIM_JOB_RESTARTING,
  FSIM_JOB_SUSPENDED,
  FSIM_JOB_RECONCILING,
  FSIM_JOB_STATUS_COUNT
} FsimJobStatus;

const char *fsim_job_status_name (FsimJobStatus status);
gboolean fsim_job_status_from_name (const char *name, FsimJobStatus *out);
/* isGloballyTerminalState: FAILED, CANCELED, FINISHED. */
gboolean fsim_job_status_is_globally_terminal (FsimJobStatus status);
/* isTerminalState: the globally terminal ones and SUSPENDED. */
gboolean fsim_job_status_is_terminal (FsimJobStatus status);
gboolean fsim_job_status_can_transition (FsimJobStatus from, FsimJobStatus to);
const char *fsim_job_status_transition_rule (FsimJobStatus from, FsimJobStatus to);
/* The one checked transition (see fsim_execution_state_transition). */
const char *fsim_job_status_transition (FsimJobStatus *status, FsimJobStatus to);

G_END_DECLS
