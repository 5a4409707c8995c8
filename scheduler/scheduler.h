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
 *   from / to    states, verbatim ExecutionState / JobStatus names
 *   detail       what, in a few words
 * The table in trace-kinds.c documents each kind; docs/formats.md too.
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
  FSIM_SCHED_KIND_COUNT
} FsimSchedKind;

/* Which process / component a kind happens in (Perfetto: pid and thread). */
typedef enum {
  FSIM_COMPONENT_SIMULATOR,
  FSIM_COMPONENT_DISPATCHER,
  FSIM_COMPONENT_JOBMASTER,
  FSIM_COMPONENT_RESOURCEMANAGER,
  FSIM_COMPONENT_TASKMANAGER,
} FsimComponent;

typedef struct {
  const char *name;             /* "execution-state": the trace kind name */
  FsimComponent component;
  const char *doc;              /* one line */
} FsimSchedKindInfo;

const FsimSchedKindInfo *fsim_sched_kind_info (FsimSchedKind kind);
gboolean fsim_sched_kind_from_name (const char *name, FsimSchedKind *out);
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
  guint64 seed;                     /* sim.seed */
  gint64 duration_us;               /* sim.duration: where an unbounded run stops */
  gint64 max_trace_records;         /* the run stops once its trace holds this
                                     * many records (it is kept in memory,
                                     * about 1 KiB a record); 0: no bound */
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

/* A standalone (session-like) cluster on a simulation: one JobManager
 * process (Dispatcher, ResourceManager, one JobMaster) and
 * settings->taskmanagers TaskManagers that start and register at time now.
 * sim must outlive the cluster. (transfer full) */
typedef struct _FsimCluster FsimCluster;
FsimCluster *fsim_cluster_new (FsimSim *sim, const FsimClusterSettings *settings);
void fsim_cluster_free (FsimCluster *cluster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCluster, fsim_cluster_free)

/* Dispatcher.submitJob at now: the job goes INITIALIZING, its JobMaster
 * builds the ExecutionGraph (CREATED) and starts scheduling (RUNNING). eg
 * must outlive the cluster. Once the job is globally terminal the cluster
 * shuts down (as a per-job / application cluster does) and the event queue
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
