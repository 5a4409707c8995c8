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

#include "checkpoint/checkpoint.h"
#include "graphs/graphs.h"
#include "sim/sim.h"

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
 * What is true in each state, in the simulator (asserted as each state is
 * entered, execution.c assert_execution_state; of every state: only the
 * vertex's current attempt changes state, and no Task exists without a
 * slot):
 *   CREATED       no slot, no shared slot, no bulk, no Task; the vertex's
 *                 region is not scheduled yet (for this attempt).
 *   SCHEDULED     in a PENDING bulk with its group's shared slot, whose
 *                 physical slot is requested or there; it may already hold a
 *                 logical slot, but nothing is deployed while any slot of the
 *                 same bulk is missing: no Task yet.
 *   DEPLOYING     assigned a slot on a TaskManager (IN_USE by its ASSIGNED
 *                 shared slot); the bulk is DEPLOYED; the submitTask RPC is
 *                 in flight (no Task yet as the state is entered).
 *   INITIALIZING  the Task said so: it restores state (or starts empty), or
 *                 has since gone on (RUNNING, FINISHED, FAILED).
 *   RUNNING       the Task is RUNNING (processing records; a bounded source
 *                 counts down its input) or has since FINISHED or FAILED.
 *   FINISHED      the Task reached the end of its input and is FINISHED; its
 *                 slot is kept until the job ends (streaming slots are
 *                 occupied indefinitely).
 *   CANCELING     a cancel RPC is on its way to the TaskManager (or, before
 *                 deployment, CANCELED follows at once).
 *   CANCELED / FAILED  terminal: the Task is terminal, never existed, or its
 *                 TaskManager is dead or disconnected; the logical slot goes
 *                 back to the shared slot right after.
 *   RECONCILING   unused (no JobManager failover).
 * A terminal attempt is no longer registered: reports for it are stale. The
 * job's terminal and finished counts are of current attempts only.
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

/* The Task on a TaskManager (org.apache.flink.runtime.taskmanager.Task)
 * walks the same enum by its own rules; the JobManager learns of them only
 * through updateTaskExecutionState, so the two views differ for an RPC's
 * time:
 *
 *   CREATED ──► DEPLOYING ──► INITIALIZING ──► RUNNING ──► FINISHED
 *      │            │              │              │
 *      ├────────────┴──────────────┴──────────────┴──► CANCELING ──► CANCELED
 *      │            └──────────────┴──────────────┴──► CANCELED (CancelTaskException)
 *      └────────────┴──────────────┴──────────────┴──► FAILED
 *
 *   CREATED -> DEPLOYING                 Task.doRun starts the task thread
 *   DEPLOYING -> INITIALIZING -> RUNNING Task.doRun: restore, then invoke
 *   RUNNING -> FINISHED                  end of input
 *   CREATED | DEPLOYING | INITIALIZING | RUNNING -> CANCELING   Task.cancelExecution
 *   CANCELING -> CANCELED                the task thread exited
 *   DEPLOYING | INITIALIZING | RUNNING -> CANCELED   CancelTaskException
 *   CREATED | DEPLOYING | INITIALIZING | RUNNING -> FAILED
 *                                        Task.failExternally / transitionStateOnFailure
 */
gboolean fsim_task_state_can_transition (FsimExecutionState from, FsimExecutionState to);
const char *fsim_task_state_transition_rule (FsimExecutionState from, FsimExecutionState to);
/* The one checked transition of a Task; aborts on an illegal step. */
const char *fsim_task_state_transition (FsimExecutionState *state, FsimExecutionState to);

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
 *   RESTARTING    some region waits for the cancellation of its attempts before
 *                 restartTasks resets and reschedules it (fsim_cluster_restart_region;
 *                 restart strategies and their delay are a later issue).
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

/* ======================================================================== */
/* Trace records written by the scheduler                                    */
/*
 * Every record carries time_us and a why naming the Flink rule. Subject
 * fields (sim.h FsimTraceRecord), -1 when they do not apply:
 *   job          0 (one job per cluster)
 *   vertex       the ExecutionJobVertex index = topological order
 *   subtask      0-based subtask index; attempt: the Execution attempt
 *   taskmanager  1-based, in registration order ("TaskManager 1")
 *   slot         0-based slot number on that TaskManager (SlotID)
 *   label        who, as Flink names it: "Map (2/4)#0", "TaskManager 1",
 *                "TaskManager 1 slot 0", "pipelined region 2", the job name
 *   from / to    states of the kind's machine (ExecutionState, JobStatus)
 *   values       typed numbers, as the kind declares them
 *   detail       what, in a few words
 * The descriptors in trace-kinds.c document each kind (`flinksim run
 * --kinds` lists them); viewers decide by descriptor, never by name.
 */
typedef enum {
  FSIM_SCHED_KIND_CLUSTER,              /* "cluster": started / shut down */
  FSIM_SCHED_KIND_TASKMANAGER_REGISTERED,
  FSIM_SCHED_KIND_SLOT_REGISTERED,      /* one per slot of a slot report */
  FSIM_SCHED_KIND_HEARTBEAT,
  FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT,
  FSIM_SCHED_KIND_JOB_SUBMITTED,
  FSIM_SCHED_KIND_EXECUTION_GRAPH,
  FSIM_SCHED_KIND_JOB_STATUS,           /* from / to: JobStatus */
  FSIM_SCHED_KIND_REGION_SCHEDULED,
  FSIM_SCHED_KIND_SLOT_REQUEST,         /* one per ExecutionSlotSharingGroup */
  FSIM_SCHED_KIND_RESOURCE_REQUIREMENTS,
  FSIM_SCHED_KIND_SLOT_ALLOCATION,      /* RM picks a TaskManager slot */
  FSIM_SCHED_KIND_SLOT_OFFER,           /* TM offers it, slot pool accepts */
  FSIM_SCHED_KIND_SLOT_ASSIGNED,        /* an execution gets its logical slot */
  FSIM_SCHED_KIND_EXECUTION_STATE,      /* from / to: ExecutionState (JobManager) */
  FSIM_SCHED_KIND_TASK_STATE,           /* from / to: ExecutionState (TaskManager) */
  FSIM_SCHED_KIND_END_OF_PARTITION,
  FSIM_SCHED_KIND_BULK_TIMEOUT,         /* NoResourceAvailableException */
  FSIM_SCHED_KIND_SLOT_RELEASED,
  FSIM_SCHED_KIND_RUN_END,              /* the simulation stopped at its limit */
  FSIM_SCHED_KIND_FAULT,                /* a planned fault strikes */
  FSIM_SCHED_KIND_STALE_REPORT,         /* a report for an unregistered attempt, dropped */
  FSIM_SCHED_KIND_COUNT
} FsimSchedKind;

/* What a task's main thread does with its time (Flink's idle / busy /
 * backpressured time metrics; aligning: inputs blocked by an aligned
 * checkpoint). The states of fsim_task_activity_machine. */
typedef enum {
  FSIM_TASK_IDLE,
  FSIM_TASK_BUSY,
  FSIM_TASK_BACKPRESSURED,
  FSIM_TASK_ALIGNING,
  FSIM_TASK_ACTIVITY_COUNT
} FsimTaskActivity;

/* The machines from / to belong to: ExecutionState (execution-state and
 * task-state), JobStatus (job-status, job-submitted), task activity. */
extern const FsimStateMachine fsim_execution_state_machine;
extern const FsimStateMachine fsim_job_status_machine;
extern const FsimStateMachine fsim_task_activity_machine;

/* The scheduler's kinds, by FsimSchedKind. */
extern const FsimTraceKindDesc fsim_sched_kinds[FSIM_SCHED_KIND_COUNT];
#define FSIM_SCHED_KIND(k) (&fsim_sched_kinds[(k)])
/* Registers every kind a run can write (the scheduler's and the checkpoint
 * coordinator's) with trace. */
void fsim_sched_register_kinds (FsimTrace *trace);
/* "Dispatcher", "JobMaster", "ResourceManager", "TaskManager", "simulator". */
const char *fsim_component_name (FsimComponent component);

/* ======================================================================== */
/* The cluster                                                               */

/* taskmanager.load-balance.mode (TaskManagerLoadBalanceMode); 1.x's
 * cluster.evenly-spread-out-slots = true means SLOTS. */
typedef enum {
  FSIM_LOAD_BALANCE_NONE,       /* fill TaskManagers one after another */
  FSIM_LOAD_BALANCE_SLOTS,      /* least utilised TaskManager first */
  FSIM_LOAD_BALANCE_MIN_RESOURCES, /* most utilised TaskManager first */
  FSIM_LOAD_BALANCE_TASKS,      /* slot side as NONE; TaskBalanced sharing
                                 * is not modelled */
} FsimLoadBalanceMode;

const char *fsim_load_balance_mode_name (FsimLoadBalanceMode mode);

typedef struct {
  int taskmanagers;                 /* sim.taskmanagers */
  int slots_per_taskmanager;        /* taskmanager.numberOfTaskSlots, Flink 1 */
  gint64 heartbeat_interval_us;     /* heartbeat.interval, Flink 10 s */
  gint64 heartbeat_timeout_us;      /* heartbeat.timeout, Flink 50 s */
  gint64 slot_request_timeout_us;   /* slot.request.timeout, Flink 5 min */
  gint64 rpc_latency_us;            /* sim.rpc-latency: one RPC hop */
  gint64 network_latency_us;        /* sim.network-latency: a channel between
                                     * TaskManagers */
  gint64 local_channel_latency_us;  /* sim.local-channel-latency: a channel
                                     * inside one TaskManager */
  FsimLoadBalanceMode load_balance;
  gint64 requirement_check_delay_us;/* slotmanager.requirement-check.delay, 50 ms */
  gint64 task_deploy_us;            /* Task start-up, DEPLOYING -> INITIALIZING,
                                     * drawn uniformly from [x/2, 3x/2] */
  gint64 task_initialize_us;        /* state initialisation, INITIALIZING -> RUNNING,
                                     * drawn the same way */
  double default_source_rate;       /* records/s of a bounded source whose rate
                                     * is unset */
  gboolean restarts_configured;     /* restart-strategy.type or
                                     * execution.checkpointing.interval set:
                                     * Flink would restart; flinksim cannot
                                     * yet and says so */
  FsimCheckpointSettings checkpoints; /* execution.checkpointing.*; interval 0
                                     * (unset): disabled. The coordinator is
                                     * created, but triggers nothing while
                                     * barriers do not flow (periodic off) */
  guint64 seed;                     /* sim.seed */
  gint64 duration_us;               /* sim.duration: where an unbounded run stops */
  gint64 max_trace_records;         /* sim.max-trace-records: the trace's
                                     * budget (fsim_trace_set_budget); 0: no
                                     * bound (tests only) */
  gint64 max_trace_bytes;           /* sim.max-trace-bytes: the trace's memory
                                     * budget (fsim_trace_set_byte_budget) */
  gint64 max_events_without_progress; /* sim.max-events-without-progress:
                                     * the run stops after this many events
                                     * in a row without a trace record
                                     * (fsim_sim_set_progress_limit); 0: none */
} FsimClusterSettings;

/* Flink's defaults and the simulator's own (2 TaskManagers, 1 ms RPCs…). */
void fsim_cluster_settings_init (FsimClusterSettings *settings);
/* Reads the keys above from config (those it knows; the rest keep their
 * defaults). */
void fsim_cluster_settings_from_config (FsimClusterSettings *settings,
                                        const FsimConfig *config);

/* A standalone application cluster on a simulation
 * (StandaloneApplicationClusterEntryPoint): one JobManager process
 * (Dispatcher, StandaloneResourceManager, the JobMaster of its one job) and
 * settings->taskmanagers TaskManagers that start and register at time now.
 * sim must outlive the cluster. (transfer full) */
typedef struct _FsimCluster FsimCluster;
FsimCluster *fsim_cluster_new (FsimSim *sim, const FsimClusterSettings *settings);
void fsim_cluster_free (FsimCluster *cluster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCluster, fsim_cluster_free)

/* Dispatcher.submitJob at now: the job goes INITIALIZING, its JobMaster
 * builds the ExecutionGraph (CREATED) and starts scheduling (RUNNING). eg
 * must outlive the cluster. Once the job is globally terminal the cluster
 * shuts down (ApplicationDispatcherBootstrap) and the event queue
 * drains. Only one job per cluster. */
void fsim_cluster_submit (FsimCluster *cluster, const FsimExecutionGraph *eg);
/* The JobStatus now (INITIALIZING before submission). */
FsimJobStatus fsim_cluster_get_job_status (FsimCluster *cluster);
/* Runs the simulation until the queue drains or until_us, whichever comes
 * first; at the limit with the job still running a run-end record is
 * written. */
FsimRunResult fsim_cluster_run_until (FsimCluster *cluster, gint64 until_us);

/* Faults (the job file's `at T fail …` / `at T kill taskmanager N`), at now.
 * fail_task: the Task of that subtask throws; it goes FAILED on its
 * TaskManager and reports it (Task.transitionStateOnFailure ->
 * updateTaskExecutionState), and the scheduler's failover decision
 * follows. vertex is the ExecutionJobVertex index. A subtask that has no
 * running Task is left alone (a fault record says so).
 * kill_taskmanager: the process dies; its tasks stop without a word, and
 * the JobMaster and ResourceManager notice by heartbeat.timeout. */
void fsim_cluster_fail_task (FsimCluster *cluster, int vertex, int subtask,
                             const char *cause);
void fsim_cluster_kill_taskmanager (FsimCluster *cluster, int number);

/* ======================================================================== */
/* Execution attempts (ExecutionVertex, ExecutionAttemptID)                  */
/*
 * An ExecutionVertex (one subtask) runs as a sequence of attempts: attempt 0
 * first, and after each restart a new Execution with the next number
 * (ExecutionVertex.resetForNewExecution keeps the earlier ones as its
 * history). Every message a TaskManager sends about a task names the
 * attempt (ExecutionAttemptID: vertex, subtask, attempt number); the
 * JobMaster acts only on a registered attempt, the current one while it is
 * not terminal (DefaultExecutionGraph.currentExecutions), and drops the
 * rest: SchedulerBase.updateTaskExecutionState returns false and the trace
 * gets a stale-report record. The restart issue drives the functions below
 * from its failover strategy; tests call them by hand. */
typedef struct {
  int vertex;                   /* ExecutionJobVertex index */
  int subtask;                  /* 0-based */
  int attempt;                  /* from 0 */
} FsimExecutionAttemptId;

/* The current attempt number of (vertex, subtask), or -1 if there is no
 * such subtask (or no job). */
int fsim_cluster_get_current_attempt (FsimCluster *cluster, int vertex, int subtask);
/* The JobMaster receives updateTaskExecutionState (id, state) now, as if a
 * TaskManager had sent it; cause is a FAILED report's exception. For a
 * registered attempt the Task must be in that state already (the
 * JobMaster's facts are asserted); a late report is what tests send. Returns
 * FALSE when the attempt is not registered (the report is dropped, a
 * stale-report record says so), as DefaultSchedulerTest.
 * updateTaskExecutionStateReturnsFalseIfExecutionDoesNotExist expects. */
gboolean fsim_cluster_update_task_execution_state (FsimCluster *cluster,
                                                   const FsimExecutionAttemptId *id,
                                                   FsimExecutionState state,
                                                   const char *cause);
/* Restarts pipelined region `region` now (DefaultScheduler.
 * restartTasksWithDelay with no delay): the job goes RESTARTING, the
 * region's current attempts are cancelled, and when all are terminal each
 * vertex is reset for a new execution and the region is scheduled again
 * (PipelinedRegionSchedulingStrategy.restartTasks); the job is RUNNING
 * again. The caller restarts the consumers of a region's results too, as
 * RestartPipelinedRegionFailoverStrategy does. Only while the job is
 * RUNNING or RESTARTING. */
void fsim_cluster_restart_region (FsimCluster *cluster, int region);

/* ======================================================================== */
/* One run of a job, as MiniCluster.executeJob does it                       */

typedef struct _FsimJobRun FsimJobRun;

/* Builds the job's ExecutionGraph (errors point at the job file), a
 * simulation seeded with seed (or sim.seed when seed < 0) and a cluster
 * configured from the job's configuration, submits the job at time 0 and
 * schedules the job's fault plan.
 * Nothing runs yet: callers may add trace observers first. (transfer full) */
FsimJobRun *fsim_job_run_new (const FsimJob *job, gint64 seed, GError **error);
void fsim_job_run_free (FsimJobRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimJobRun, fsim_job_run_free)
/* Runs until the job is over or until_us (sim.duration when until_us < 0). */
FsimRunResult fsim_job_run_run (FsimJobRun *run, gint64 until_us);
FsimSim *fsim_job_run_get_sim (FsimJobRun *run);
FsimTrace *fsim_job_run_get_trace (FsimJobRun *run);
FsimCluster *fsim_job_run_get_cluster (FsimJobRun *run);
const FsimExecutionGraph *fsim_job_run_get_execution_graph (FsimJobRun *run);
const FsimClusterSettings *fsim_job_run_get_settings (FsimJobRun *run);

G_END_DECLS
