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
  FSIM_SCHED_KIND_TASK_ACTIVITY,        /* from / to: task activity (backpressure) */
  FSIM_SCHED_KIND_CHANNEL_SAMPLE,       /* one channel's buffers and credit, each second */
  FSIM_SCHED_KIND_FAILOVER,             /* a failure handled: restart (what, when) or not */
  FSIM_SCHED_KIND_BUFFER_SENT,          /* --detail buffers: a buffer leaves a subpartition */
  FSIM_SCHED_KIND_BUFFER_RECEIVED,      /* --detail buffers: it reaches its input channel */
  FSIM_SCHED_KIND_WATERMARK,            /* a task's input watermark advanced */
  FSIM_SCHED_KIND_WINDOW_FIRED,         /* a window operator fired windows */
  FSIM_SCHED_KIND_WATERMARK_HELD,       /* which input channel holds a watermark back */
  FSIM_SCHED_KIND_WINDOW_LATE,          /* late records at a window, dropped or side output */
  FSIM_SCHED_KIND_WINDOW_SAMPLE,        /* a window operator's windows and next timer, each second */
  FSIM_SCHED_KIND_BARRIER_SENT,         /* a task broadcast a checkpoint barrier */
  FSIM_SCHED_KIND_BARRIER_RECEIVED,     /* a task polled a barrier from an input channel */
  FSIM_SCHED_KIND_CHANNEL_BLOCKED,      /* alignment: an input channel blocked */
  FSIM_SCHED_KIND_CHANNEL_RESUMED,      /* alignment over for that channel */
  FSIM_SCHED_KIND_SNAPSHOT,             /* a task's snapshot, synchronous part */
  FSIM_SCHED_KIND_SNAPSHOT_DONE,        /* its asynchronous part: acknowledged */
  FSIM_SCHED_KIND_CHECKPOINT_ABORTED_AT_TASK, /* the barrier handler aborted one */
  FSIM_SCHED_KIND_RESTORE,              /* a new attempt restored its state */
  FSIM_SCHED_KIND_SORTED_INPUT,         /* BATCH: a keyed task sorted its whole input */
  FSIM_SCHED_KIND_VERDICT,              /* the run's exactly-once verdict */
  FSIM_SCHED_KIND_ALIGNMENT_ANNOUNCED,  /* a SourceCoordinator's WatermarkAlignmentEvent */
  FSIM_SCHED_KIND_SOURCE_PAUSED,        /* a source subtask waits for watermark alignment */
  FSIM_SCHED_KIND_SOURCE_RESUMED,       /* and reads again */
  FSIM_SCHED_KIND_WATERMARK_REPORTED,   /* a source subtask's ReportedWatermarkEvent */
  FSIM_SCHED_KIND_ALIGNMENT_RECEIVED,   /* a WatermarkAlignmentEvent reached a source subtask */
  FSIM_SCHED_KIND_SOURCE_STOPPED,       /* stop-with-savepoint stopped a source */
  FSIM_SCHED_KIND_STOP_WITH_SAVEPOINT,  /* the StopWithSavepointTerminationHandler moved */
  FSIM_SCHED_KIND_SINK_COMMITTED,       /* a transactional sink committed on notifyCheckpointComplete */
  FSIM_SCHED_KIND_CHANNEL_WATERMARK,    /* --detail event-time: a watermark or status at a valve */
  FSIM_SCHED_KIND_WINDOW_CREATED,       /* --detail event-time: a key's first element in a window */
  FSIM_SCHED_KIND_WINDOW_MERGED,        /* --detail event-time: session windows merged */
  FSIM_SCHED_KIND_WINDOW_PURGED,        /* --detail event-time: a window's contents or state cleared */
  FSIM_SCHED_KIND_LATE_RECORD,          /* --detail event-time: one late record, dropped or side output */
  FSIM_SCHED_KIND_COUNT
} FsimSchedKind;

/* The typed values of a failover record, by index (trace-kinds.c names
 * and documents them). */
typedef enum {
  FSIM_FAILOVER_VALUE_RESTART_ATTEMPT,  /* the strategy's attempt count */
  FSIM_FAILOVER_VALUE_SUBTASKS,         /* to restart; 0: the job fails */
  FSIM_FAILOVER_VALUE_BACKOFF_US,       /* -1: no restart */
  FSIM_FAILOVER_VALUE_MAX_ATTEMPTS,
} FsimFailoverValue;

/* The typed values of a channel-sample record, by index; its subject is
 * the producer and its channel the subpartition (trace-kinds.c names and
 * documents them). */
typedef enum {
  FSIM_CHANNEL_SAMPLE_VALUE_BACKLOG,    /* buffers in the subpartition */
  FSIM_CHANNEL_SAMPLE_VALUE_CREDIT,     /* -1: a local channel, no credit */
  FSIM_CHANNEL_SAMPLE_VALUE_QUEUED,     /* buffers at the input channel */
  FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX,  /* the consumer's JobVertex index */
  FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK, /* and its subtask index */
} FsimChannelSampleValue;

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
/* The verdict's guarantee value: CheckpointingMode's names, NULL-terminated. */
extern const char *const fsim_sched_guarantee_names[];
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

/*
 * When a task fails, the DefaultScheduler's ExecutionFailureHandler asks
 * the job's one RestartBackoffTimeStrategy, in this order and at one
 * instant: notifyFailure (is this failure a new restart attempt?),
 * canRestart (may the job restart at all?), and only if it may,
 * getBackoffTime (how long to wait before restarting). If it may not, the
 * job fails with JobException ("Recovery is suppressed by " + the
 * strategy's toString, wrapping the task's cause).
 *
 *   none               NoRestartBackoffTimeStrategy: canRestart is FALSE.
 *   fixed-delay        FixedDelayRestartBackoffTimeStrategy: attempt += 1
 *                      per failure; can restart while attempt <= attempts;
 *                      backoff = delay. Never resets.
 *   failure-rate       FailureRateRestartBackoffTimeStrategy: keeps the
 *                      failure times; "full" holds more than max entries
 *                      (oldest dropped before the new one is appended);
 *                      when full, can restart iff now - oldest > interval;
 *                      backoff = delay.
 *   exponential-delay  ExponentialDelayRestartBackoffTimeStrategy (1.19+):
 *                      a failure at or before the restart already scheduled
 *                      (now <= nextRestartTimestamp) is merged into it: not
 *                      a new attempt, nothing changes. Otherwise, if
 *                      now - nextRestartTimestamp >= reset threshold the
 *                      attempt count goes back to 0; base = (long)
 *                      (initial * multiplier^attempt); jitter = a uniform
 *                      draw in [-(long) (base * jitter), +(long) (base *
 *                      jitter)] (none when the factor is 0); backoff =
 *                      max (initial, min (base + jitter, max));
 *                      nextRestartTimestamp = now + backoff; attempt += 1.
 *                      canRestart: attempt <= attempts-before-reset;
 *                      getBackoffTime: max (0, nextRestartTimestamp - now),
 *                      the time still to wait, so a merged failure waits
 *                      less. nextRestartTimestamp starts at Integer.MIN_VALUE.
 *
 * Which strategy a job gets (RestartBackoffTimeStrategyFactoryLoader): the
 * restart-strategy.type key (setRestartStrategy (RestartStrategies…) is
 * read into the same keys by the parser), each strategy's keys with Flink's
 * defaults; unset, exponential-delay with its defaults when checkpointing
 * is enabled, else none.
 *
 * Times are Flink's: milliseconds (clock.absoluteTimeMillis); the
 * scheduler passes its microsecond clock / 1000. The module schedules
 * nothing: its caller does. Arithmetic is Java's: casts of large doubles
 * saturate, long sums wrap, multiplier^attempt is binary powering with
 * IEEE multiplications (Math.pow may differ from it by an ulp). */

typedef enum {
  FSIM_RESTART_NONE,
  FSIM_RESTART_FIXED_DELAY,
  FSIM_RESTART_FAILURE_RATE,
  FSIM_RESTART_EXPONENTIAL_DELAY,
  FSIM_RESTART_STRATEGY_COUNT
} FsimRestartStrategyType;

/* The RestartBackoffTimeStrategy.Factory: the parameters each strategy
 * reads from the configuration, in Flink's units (ms). Only the fields of
 * `type` are meaningful. */
typedef struct {
  FsimRestartStrategyType type;
  gboolean from_default;        /* restart-strategy.type unset: the loader's
                                 * default for the checkpointing setting */
  int fixed_delay_attempts;     /* restart-strategy.fixed-delay.attempts */
  gint64 fixed_delay_ms;        /* restart-strategy.fixed-delay.delay */
  int failure_rate_max_failures;        /* …failure-rate.max-failures-per-interval */
  gint64 failure_rate_interval_ms;      /* …failure-rate.failure-rate-interval */
  gint64 failure_rate_delay_ms;         /* …failure-rate.delay */
  gint64 initial_backoff_ms;    /* …exponential-delay.initial-backoff */
  gint64 max_backoff_ms;        /* …exponential-delay.max-backoff */
  double backoff_multiplier;    /* …exponential-delay.backoff-multiplier */
  gint64 reset_threshold_ms;    /* …exponential-delay.reset-backoff-threshold */
  double jitter_factor;         /* …exponential-delay.jitter-factor */
  int attempts_before_reset;    /* …exponential-delay.attempts-before-reset-backoff */
} FsimRestartStrategyConfig;

typedef enum {
  FSIM_FAILOVER_REGION,
  FSIM_FAILOVER_FULL,
} FsimFailoverStrategyType;

typedef struct {
  int taskmanagers;                 /* sim.taskmanagers */
  int slots_per_taskmanager;        /* taskmanager.numberOfTaskSlots, Flink 1 */
  gint64 heartbeat_interval_us;     /* heartbeat.interval, Flink 10 s */
  gint64 heartbeat_timeout_us;      /* heartbeat.timeout, Flink 50 s */
  gint64 slot_request_timeout_us;   /* slot.request.timeout, Flink 5 min */
  double faults_per_hour;           /* sim.faults.rate: random task failures */
  gint64 taskmanager_restart_delay_us; /* sim.taskmanager-restart-delay: a dead
                                     * TaskManager process is started again */
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
  double default_source_rate;       /* records/s of a source whose rate is unset */
  /* the network stack (docs/design.md, "How records flow") */
  gint64 segment_size;              /* taskmanager.memory.segment-size, 32 KiB */
  gint64 record_size;               /* sim.record-size: a record's value bytes */
  gint64 default_record_cost_us;    /* sim.default-record-cost: an operator
                                     * without .cost() */
  gint64 sort_comparison_cost_ns;   /* sim.sort-comparison-cost: one key
                                     * comparison of a BATCH sorted input */
  gint64 auto_watermark_interval_us;/* pipeline.auto-watermark-interval, 200 ms */
  int buffers_per_channel;          /* taskmanager.network.memory.buffers-per-channel, 2 */
  int floating_buffers_per_gate;    /* …floating-buffers-per-gate, 8 */
  int max_buffers_per_channel;      /* …max-buffers-per-channel, 10 */
  int max_overdraft_buffers;        /* …max-overdraft-buffers-per-gate, 5 */
  gboolean trace_buffers;           /* --detail buffers: a record per buffer */
  gboolean trace_event_time;        /* --detail event-time: a record per channel
                                     * watermark, per watermark advance and per
                                     * window created, merged, purged, late record */
  FsimRestartStrategyConfig restart; /* the job's RestartBackoffTimeStrategy
                                     * (RestartBackoffTimeStrategyFactoryLoader) */
  FsimFailoverStrategyType failover; /* jobmanager.execution.failover-strategy */
  gboolean restarts_configured;     /* restart-strategy.type or
                                     * execution.checkpointing.interval set:
                                     * Flink would restart; flinksim cannot
                                     * yet and says so */
  FsimCheckpointSettings checkpoints; /* execution.checkpointing.*; interval 0
                                     * (unset): disabled */
  gboolean rocksdb;                 /* state.backend.type rocksdb (else hashmap) */
  gboolean incremental;             /* execution.checkpointing.incremental (rocksdb only) */
  gint64 state_backend_bandwidth;   /* sim.state-backend-bandwidth, bytes/s */
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
/* Random faults (sim.faults.rate > 0): from now on, task failures at the
 * gaps of a seeded Poisson process (mean 1 h / rate), each in a running
 * subtask drawn uniformly. */
void fsim_cluster_start_random_faults (FsimCluster *cluster);
/* From now on a record per network buffer sent and received. */
void fsim_cluster_trace_buffers (FsimCluster *cluster);
/* From now on a record per watermark or status at a task's input channel,
 * per advance of a task's watermark, and per window created, merged,
 * purged and late record (docs/formats.md, --detail event-time). */
void fsim_cluster_trace_event_time (FsimCluster *cluster);

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
/* The JobManager's ExecutionState of the current attempt of (vertex,
 * subtask) now; FALSE if there is no such subtask (or no job). */
gboolean fsim_cluster_get_execution_state (FsimCluster *cluster, int vertex, int subtask,
                                           FsimExecutionState *out);
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
/* The job's CheckpointCoordinator (its CheckpointStatsTracker views), or
 * NULL when checkpointing is disabled or no job was submitted. */
FsimCheckpointCoordinator *fsim_cluster_get_checkpoint_coordinator (FsimCluster *cluster);
/* The fault plan's `at T decline checkpoint N` (faults.c): if checkpoint N
 * is pending, its first task that has not acknowledged it declines it
 * (CHECKPOINT_DECLINED); otherwise a fault record says why nothing
 * happens. */
void fsim_cluster_decline_checkpoint (FsimCluster *cluster, gint64 checkpoint_id);
/* The plan's `at T savepoint` (`flink savepoint`): the job's coordinator
 * is asked for a savepoint (fsim_checkpoint_coordinator_request_savepoint);
 * a fault record says so, or why nothing happens (checkpointing off). */
void fsim_cluster_trigger_savepoint (FsimCluster *cluster);
/* The plan's `at T stop [--drain]` (`flink stop [--drain]`,
 * SchedulerBase.stopWithSavepoint): the periodic trigger stops, a
 * synchronous savepoint is taken (with drain the sources emit
 * MAX_WATERMARK first) and its completion ends every task: the job goes
 * FINISHED; if it fails, the job runs on. stop-with-savepoint records
 * trace the StopWithSavepointTerminationHandler's states. */
void fsim_cluster_stop_with_savepoint (FsimCluster *cluster, gboolean drain);

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

/* The network's state at one record of a run (the TUI's inspect view: the
 * same job, seed and faults simulated again, which gives the same trace,
 * stopped there). */
typedef struct {
  gint32 producer_vertex, producer_subtask;     /* the trace's numbering */
  gint32 consumer_vertex, consumer_subtask;
  gint32 subpartition;                          /* of the producer's partition */
  gboolean remote;                              /* credit-based (another TaskManager) */
  gint64 backlog;       /* buffers queued in the subpartition, not yet sent */
  gint64 credit;        /* the sender's credit; -1 on a local channel */
  gint64 queued;        /* buffers at the input channel (and on the wire), not yet read */
} FsimChannelState;
/* Runs events, one at a time, until the trace holds record seq: the state
 * is then the one right after the event that wrote it, and that event
 * wrote records *event_first .. count - 1 (left as it was when the trace
 * holds seq already). FALSE when the run ends (or reaches sim.duration)
 * first. */
gboolean fsim_job_run_step_to_record (FsimJobRun *run, gint64 seq, gint64 *event_first);
/* Every channel of every RUNNING task now, as a channel-sample record
 * would say it, in ExecutionVertex and subpartition order.
 * (transfer full) GArray of FsimChannelState */
GArray *fsim_job_run_channels (FsimJobRun *run);
FsimSim *fsim_job_run_get_sim (FsimJobRun *run);
/* Before it runs: a buffer-sent and a buffer-received record for every
 * network buffer (--detail buffers). */
void fsim_job_run_trace_buffers (FsimJobRun *run);
/* Before it runs: the event-time records of --detail event-time
 * (fsim_cluster_trace_event_time). */
void fsim_job_run_trace_event_time (FsimJobRun *run);
FsimTrace *fsim_job_run_get_trace (FsimJobRun *run);
FsimCluster *fsim_job_run_get_cluster (FsimJobRun *run);
const FsimExecutionGraph *fsim_job_run_get_execution_graph (FsimJobRun *run);
const FsimClusterSettings *fsim_job_run_get_settings (FsimJobRun *run);

/* ======================================================================== */
/* Task metrics (TaskIOMetricGroup), a pure model of Flink's arithmetic       */
/*
 * Every running Task in Flink has a TaskIOMetricGroup: counters
 * (numRecordsIn, numRecordsOut, numBuffersOut, numBytesIn, numBytesOut),
 * a MeterView over each (numRecordsInPerSecond, …), and TimerGauges for
 * the time its main thread spends waiting: idleTimeMsPerSecond (the
 * default action suspended for input), softBackPressuredTimeMsPerSecond
 * (suspended for output availability), hardBackPressuredTimeMsPerSecond
 * (blocked in requestBufferBuilderBlocking). backPressuredTimeMsPerSecond is
 * soft + hard and busyTimeMsPerSecond = 1000 - min(idle + soft + hard, 1000)
 * (TaskIOMetricGroup.getBusyTimePerSecond). Names are MetricNames'.
 *
 * None of these values is instantaneous. The metric registry's ViewUpdater
 * calls update() on every View each View.UPDATE_INTERVAL_SECONDS = 5 s:
 *   TimerGauge  stores the ms measured since the previous update (an
 *               ongoing measurement counts up to the update) in a ring of
 *               span / 5 slots (60 s: 12); its value is (sum of the filled
 *               slots) / (5 x filled slots), integer division, clamped to
 *               [0, 1000]. So a change takes up to 60 s to show fully and
 *               the first value appears after the first update.
 *               getMaxSingleMeasurement is the longest single measurement
 *               seen in the last interval (maxSoftBackPressureTimeMs,
 *               maxHardBackPressureTimeMs).
 *   MeterView   stores the counter in a ring of span / 5 + 1 slots; the
 *               rate is (count now - count span ago) / span. Older slots
 *               start at 0, so during the first 60 s the rate is count / 60
 *               and under-reports, as Flink's does.
 * The REST API's backpressure (JobVertexBackPressureHandler, since 1.13)
 * reads backPressuredTimeMsPerSecond / 1000 of every subtask: OK up to
 * 0.10, LOW up to 0.50, HIGH above; a vertex's level is that of its
 * highest subtask.
 *
 * This section knows no FsimSim and no cluster: times are microseconds of
 * simulated time passed in, measured in whole milliseconds as Flink's clock
 * does (t_ms = t_us / 1000). The data plane owns one FsimTaskMetrics per
 * running attempt, tells it what the task thread does, counts, calls
 * fsim_task_metrics_update at the ViewUpdater's ticks (multiples of 5 s)
 * and fsim_task_metrics_trace_sample once per simulated second.
 * `flinksim metrics` reads only those samples.
 */

/* View.UPDATE_INTERVAL_SECONDS, and the 60 s span of the TimerGauges and
 * MeterViews TaskIOMetricGroup creates. */
#define FSIM_METRICS_UPDATE_INTERVAL_S 5
#define FSIM_METRICS_TIME_SPAN_S 60

/* --- TimerGauge (org.apache.flink.runtime.metrics.TimerGauge) ----------- */
typedef struct _FsimTimerGauge FsimTimerGauge;

/* A gauge averaging over time_span_s, rounded down to a multiple of 5 s and
 * at least 5 s (TimerGauge(clock, timeSpanInSeconds)). (transfer full) */
FsimTimerGauge *fsim_timer_gauge_new (int time_span_s);
void fsim_timer_gauge_free (FsimTimerGauge *gauge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTimerGauge, fsim_timer_gauge_free)
/* markStart: starts a measurement (nothing if one is going on). */
void fsim_timer_gauge_mark_start (FsimTimerGauge *gauge, gint64 now_us);
/* markEnd: ends it, counting the ms since the start or the last update
 * (nothing if none is going on). */
void fsim_timer_gauge_mark_end (FsimTimerGauge *gauge, gint64 now_us);
/* update: the View tick (see above). */
void fsim_timer_gauge_update (FsimTimerGauge *gauge, gint64 now_us);
/* getValue: ms per second, 0 .. 1000, as of the last update. */
gint64 fsim_timer_gauge_get_value (const FsimTimerGauge *gauge);
/* getMaxSingleMeasurement: ms, the longest measurement of the last update
 * interval (one still going on counts from its start). */
gint64 fsim_timer_gauge_get_max_single_measurement (const FsimTimerGauge *gauge);
/* getAccumulatedCount: every measured ms since creation, up to the last
 * markEnd or update. */
gint64 fsim_timer_gauge_get_accumulated_count (const FsimTimerGauge *gauge);
gboolean fsim_timer_gauge_is_measuring (const FsimTimerGauge *gauge);

/* --- MeterView (org.apache.flink.metrics.MeterView) over a counter ------ */
typedef struct _FsimMeterView FsimMeterView;

/* A meter whose span is time_span_s rounded down to a multiple of 5 s, at
 * least 5 s. (transfer full) */
FsimMeterView *fsim_meter_view_new (int time_span_s);
void fsim_meter_view_free (FsimMeterView *meter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimMeterView, fsim_meter_view_free)
/* markEvent (n): the counter goes up by n >= 0. */
void fsim_meter_view_mark_event (FsimMeterView *meter, gint64 n);
gint64 fsim_meter_view_get_count (const FsimMeterView *meter);
/* update: the View tick; recomputes the rate. */
void fsim_meter_view_update (FsimMeterView *meter);
/* getRate x 1000, truncated: thousandths of events per second (Flink's is
 * a double; 1000 x its value, rounded toward zero, is exact here). */
gint64 fsim_meter_view_get_rate_milli (const FsimMeterView *meter);

/* --- One task's metrics ------------------------------------------------- */

/* What the task thread does from now on; each state but BUSY runs one of
 * TaskIOMetricGroup's TimerGauges.
 *
 *            ┌──────► IDLE ───────────────┐  input not available
 *            │                            │  (StreamTask.processInput suspends
 *   BUSY ────┼──────► SOFT_BACKPRESSURED ─┤  the default action: idle timer)
 *     ▲      │                            │  output not available (soft timer)
 *     │      └──────► HARD_BACKPRESSURED ─┤  no buffer: the task thread blocks
 *     └───────────────────────────────────┘  in requestBufferBuilderBlocking
 *
 * Legal: BUSY -> IDLE | SOFT_BACKPRESSURED | HARD_BACKPRESSURED, and each of
 * those -> BUSY (the future completes, the default action resumes or the
 * request returns a buffer). Nothing else: in Flink the task resumes (busy,
 * if for no simulated time) before it can suspend on something else, and a
 * hard block happens only while processing. Mails run while the default
 * action is suspended and count as busy (the idle timer pauses for them):
 * the data plane goes to BUSY for a mail. A task starts BUSY. */
typedef enum {
  FSIM_TASK_TIME_BUSY,
  FSIM_TASK_TIME_IDLE,
  FSIM_TASK_TIME_SOFT_BACKPRESSURED,
  FSIM_TASK_TIME_HARD_BACKPRESSURED,
  FSIM_TASK_TIME_COUNT
} FsimTaskTime;

/* "busy", "idle", "soft-backpressured", "hard-backpressured". */
const char *fsim_task_time_name (FsimTaskTime state);
/* What performs from -> to in Flink, or NULL if the step is illegal.
 * (static) */
const char *fsim_task_time_transition_rule (FsimTaskTime from, FsimTaskTime to);

/* What the metrics count, as TaskIOMetricGroup's counters. */
typedef enum {
  FSIM_TASK_COUNTER_RECORDS_IN,   /* into the head operator from the network */
  FSIM_TASK_COUNTER_RECORDS_OUT,  /* to network outputs, once per record */
  FSIM_TASK_COUNTER_BUFFERS_OUT,  /* finished output buffers */
  FSIM_TASK_COUNTER_BYTES_IN,     /* bytes of the buffers polled from the inputs */
  FSIM_TASK_COUNTER_BYTES_OUT,    /* bytes of finished output buffers */
  FSIM_TASK_COUNTER_COUNT
} FsimTaskCounter;

/* Every metric a FsimTaskMetrics reports, by Flink's name. */
typedef enum {
  FSIM_TASK_METRIC_BUSY_TIME,                 /* busyTimeMsPerSecond */
  FSIM_TASK_METRIC_IDLE_TIME,                 /* idleTimeMsPerSecond */
  FSIM_TASK_METRIC_BACK_PRESSURED_TIME,       /* backPressuredTimeMsPerSecond */
  FSIM_TASK_METRIC_SOFT_BACK_PRESSURED_TIME,  /* softBackPressuredTimeMsPerSecond */
  FSIM_TASK_METRIC_HARD_BACK_PRESSURED_TIME,  /* hardBackPressuredTimeMsPerSecond */
  FSIM_TASK_METRIC_MAX_SOFT_BACK_PRESSURE_TIME, /* maxSoftBackPressureTimeMs */
  FSIM_TASK_METRIC_MAX_HARD_BACK_PRESSURE_TIME, /* maxHardBackPressureTimeMs */
  FSIM_TASK_METRIC_NUM_RECORDS_IN,            /* numRecordsIn */
  FSIM_TASK_METRIC_NUM_RECORDS_OUT,           /* numRecordsOut */
  FSIM_TASK_METRIC_NUM_RECORDS_IN_RATE,       /* numRecordsInPerSecond */
  FSIM_TASK_METRIC_NUM_RECORDS_OUT_RATE,      /* numRecordsOutPerSecond */
  FSIM_TASK_METRIC_NUM_BUFFERS_OUT,           /* numBuffersOut */
  FSIM_TASK_METRIC_NUM_BUFFERS_OUT_RATE,      /* numBuffersOutPerSecond */
  FSIM_TASK_METRIC_NUM_BYTES_IN,              /* numBytesIn */
  FSIM_TASK_METRIC_NUM_BYTES_OUT,             /* numBytesOut */
  FSIM_TASK_METRIC_NUM_BYTES_IN_RATE,         /* numBytesInPerSecond */
  FSIM_TASK_METRIC_NUM_BYTES_OUT_RATE,        /* numBytesOutPerSecond */
  FSIM_TASK_METRIC_IN_POOL_USAGE,             /* inPoolUsage */
  FSIM_TASK_METRIC_OUT_POOL_USAGE,            /* outPoolUsage */
  FSIM_TASK_METRIC_CURRENT_INPUT_WATERMARK,   /* currentInputWatermark, ms */
  FSIM_TASK_METRIC_CURRENT_OUTPUT_WATERMARK,  /* currentOutputWatermark, ms */
  FSIM_TASK_METRIC_COUNT
} FsimTaskMetric;

typedef struct {
  const char *name;     /* Flink's, verbatim: "busyTimeMsPerSecond" */
  const char *label;    /* a short column title for text tables: "busy" */
  const char *unit;     /* of the integer value: "ms/s", "records", "permille" */
  /* the integer is the metric x scale: 1, or 1000 where Flink's value is
   * fractional (a rate, a usage ratio), so 2.5 records/s is 2500 */
  int scale;
} FsimTaskMetricDesc;

/* (transfer none) */
const FsimTaskMetricDesc *fsim_task_metric_desc (FsimTaskMetric metric);

/* The buffer usage gauges' inputs, computed by the data plane at a sample
 * (spec network-and-time.md 4.3): the CreditBasedInputBuffersUsageGauge
 * counts the remote input channels only (used floating + used exclusive
 * buffers over the gate's floating pool + the channels' exclusive ones), so
 * a task whose inputs are all local has 0 / 0 and shows 0; the
 * OutputBufferPoolUsageGauge counts requested minus available segments
 * over the pool sizes of the task's result partitions, overdraft included
 * (so used may pass total). */
typedef struct {
  gint64 input_used;
  gint64 input_total;
  gint64 output_used;
  gint64 output_total;
} FsimTaskPoolUsage;

typedef struct _FsimTaskMetrics FsimTaskMetrics;

/* The metrics of a task attempt that starts running at start_us, BUSY,
 * every counter and gauge 0. (transfer full) */
FsimTaskMetrics *fsim_task_metrics_new (gint64 start_us);
void fsim_task_metrics_free (FsimTaskMetrics *metrics);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTaskMetrics, fsim_task_metrics_free)

/* The task thread does `state` from now_us on; returns the step's rule (for
 * a why). An illegal step (see the machine above, a repeat included) is a
 * data-plane bug and aborts. Times never go back. */
const char *fsim_task_metrics_set_time (FsimTaskMetrics *metrics, gint64 now_us,
                                        FsimTaskTime state);
FsimTaskTime fsim_task_metrics_get_time (const FsimTaskMetrics *metrics);
/* Counter c goes up by n >= 0. */
void fsim_task_metrics_count (FsimTaskMetrics *metrics, FsimTaskCounter c, gint64 n);
/* The pool usage a sample shows from now on (see FsimTaskPoolUsage). */
void fsim_task_metrics_set_pool_usage (FsimTaskMetrics *metrics, const FsimTaskPoolUsage *usage);
/* The watermark gauges (spec 4.5): the last watermark the task's inputs
 * delivered to its head operator, and the last one its chain emitted, in
 * ms; Long.MIN_VALUE (G_MININT64) until there is one. */
void fsim_task_metrics_set_watermarks (FsimTaskMetrics *metrics, gint64 input_ms,
                                       gint64 output_ms);
/* The ViewUpdater's tick: updates every TimerGauge and MeterView. */
void fsim_task_metrics_update (FsimTaskMetrics *metrics, gint64 now_us);
/* A metric's value now, as Flink reports it, as an integer x its scale
 * (FsimTaskMetricDesc): gauges and rates as of the last update, counters
 * and pool usage as of now. */
gint64 fsim_task_metrics_get (const FsimTaskMetrics *metrics, FsimTaskMetric metric);

/* --- Metric samples in the trace ---------------------------------------- */

/* One sample of a task is a few records at one time, one of each kind
 * below, each carrying three metrics as its typed values (named by the
 * metrics' Flink names). */
typedef enum {
  FSIM_TASK_METRICS_KIND_TIME,          /* busy, idle, backPressured ms/s */
  FSIM_TASK_METRICS_KIND_BACKPRESSURE,  /* soft, hard ms/s, maxHardBackPressureTimeMs */
  FSIM_TASK_METRICS_KIND_RECORDS,       /* numRecordsIn, numRecordsOut, numBuffersOut */
  FSIM_TASK_METRICS_KIND_RATES,         /* the three …PerSecond, x 1000 */
  FSIM_TASK_METRICS_KIND_POOLS,         /* inPoolUsage, outPoolUsage, per mille */
  FSIM_TASK_METRICS_KIND_WATERMARKS,    /* currentInput/OutputWatermark, ms */
  FSIM_TASK_METRICS_KIND_COUNT
} FsimTaskMetricsKind;

extern const FsimTraceKindDesc fsim_task_metrics_kinds[FSIM_TASK_METRICS_KIND_COUNT];
/* The metric that value i (0 .. FSIM_TRACE_N_VALUES-1) of a record of kind
 * carries, or -1 when kind is not a metrics kind or value i is unused. */
int fsim_task_metrics_kind_metric (FsimTraceKind kind, int i);
/* The inverse: the index of the value that carries metric, and in *kind
 * the sample kind whose records carry it; -1 (and *kind NULL) when no
 * sample kind does. */
int fsim_task_metrics_value_index (FsimTaskMetric metric, FsimTraceKind *kind);

/* Appends one sample of metrics at now_us to trace: a record of each kind
 * above, whose subject is base's (vertex, subtask, attempt, taskmanager,
 * slot, label "Map (1/2)#0"; base's kind, values and why are ignored, from
 * / to must be -1). The why of each names Flink's rule for its values. */
void fsim_task_metrics_trace_sample (FsimTaskMetrics *metrics, gint64 now_us,
                                     const FsimTraceRecord *base, FsimTrace *trace);
/* Appends the counters a final TaskExecutionState carries (its IOMetrics:
 * numRecordsIn, numRecordsOut, numBuffersOut) as one more record of the
 * counters' sample kind at now_us, whatever the second: the REST API shows
 * a finished, failed or canceled subtask's counters from them. */
void fsim_task_metrics_trace_final (FsimTaskMetrics *metrics, gint64 now_us,
                                    const FsimTraceRecord *base, FsimTrace *trace);

/* --- Backpressure as the REST API reports it ----------------------------- */

/* JobVertexBackPressureInfo.VertexBackPressureLevel. */
typedef enum {
  FSIM_BACKPRESSURE_OK,
  FSIM_BACKPRESSURE_LOW,
  FSIM_BACKPRESSURE_HIGH,
} FsimBackpressureLevel;

/* "ok", "low", "high", as the REST API spells them. */
const char *fsim_backpressure_level_name (FsimBackpressureLevel level);
/* JobVertexBackPressureHandler: ratio = backPressuredTimeMsPerSecond / 1000;
 * OK if ratio <= 0.10, LOW if <= 0.50, HIGH otherwise. */
FsimBackpressureLevel fsim_backpressure_level (gint64 back_pressured_ms_per_s);
/* The vertex's level: that of the highest of its n >= 1 subtasks. */
FsimBackpressureLevel fsim_backpressure_level_of_vertex (const gint64 *back_pressured_ms_per_s,
                                                         guint n);

/* ======================================================================== */
/* Restart strategies (org.apache.flink.runtime.executiongraph.failover)     */


/* The value of restart-strategy.type ("fixed-delay") and the Flink class
 * ("FixedDelayRestartBackoffTimeStrategy"). (static) */
const char *fsim_restart_strategy_type_name (FsimRestartStrategyType type);
const char *fsim_restart_strategy_type_class (FsimRestartStrategyType type);
/* restart-strategy.type's canonical value (as graphs/config.c normalises
 * it) to the type; FALSE for anything else. */
gboolean fsim_restart_strategy_type_from_name (const char *name, FsimRestartStrategyType *out);

/* RestartBackoffTimeStrategyFactoryLoader.createRestartBackoffTimeStrategyFactory
 * over one configuration (the job's; flinksim has no cluster configuration
 * apart from it): the configured strategy with its keys, else the default
 * for checkpointing_enabled. Fails (FSIM_GRAPHS_ERROR_INVALID, the
 * strategy constructor's checkArgument message) on parameters Flink
 * refuses, e.g. an initial backoff above the maximum. */
gboolean fsim_restart_strategy_config_load (FsimRestartStrategyConfig *out,
                                            const FsimConfig *config,
                                            gboolean checkpointing_enabled,
                                            GError **error);
/* The strategy's parameters checked as its constructor checks them. */
gboolean fsim_restart_strategy_config_check (const FsimRestartStrategyConfig *cfg,
                                             GError **error);

typedef struct _FsimRestartStrategy FsimRestartStrategy;

/* Factory.create: a fresh strategy (no failure seen). rng supplies the
 * exponential-delay jitter (one fsim_rng_int_range draw per new attempt
 * when the jitter factor is not 0; no draw otherwise) and must outlive the
 * strategy; it may be NULL for the other strategies or a factor of 0. cfg
 * must pass fsim_restart_strategy_config_check. (transfer full) */
FsimRestartStrategy *fsim_restart_strategy_new (const FsimRestartStrategyConfig *cfg,
                                                FsimRng *rng);
void fsim_restart_strategy_free (FsimRestartStrategy *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimRestartStrategy, fsim_restart_strategy_free)

const FsimRestartStrategyConfig *fsim_restart_strategy_get_config (const FsimRestartStrategy *s);
/* notifyFailure at now_ms: TRUE if the failure is a new restart attempt
 * (FALSE only when exponential-delay merges it). Times never go back. */
gboolean fsim_restart_strategy_notify_failure (FsimRestartStrategy *s, gint64 now_ms);
/* canRestart at now_ms (failure-rate compares it with its oldest failure). */
gboolean fsim_restart_strategy_can_restart (const FsimRestartStrategy *s, gint64 now_ms);
/* getBackoffTime at now_ms, in ms. exponential-delay aborts (g_error) unless a failure
 * was notified (Flink: IllegalStateException "Please call notifyFailure
 * first."). */
gint64 fsim_restart_strategy_get_backoff_time (const FsimRestartStrategy *s, gint64 now_ms);
/* The restart attempts counted so far (fixed-delay's and exponential-
 * delay's currentRestartAttempt; failures in failure-rate's window; 0 for
 * none). */
int fsim_restart_strategy_get_attempt (const FsimRestartStrategy *s);
/* The most get_attempt may reach and the job still restart: fixed-delay's
 * maxNumberRestartAttempts, failure-rate's maxFailuresPerInterval (within
 * one interval), exponential-delay's attemptsBeforeResetBackoff, 0 for
 * none. */
int fsim_restart_strategy_get_max_attempts (const FsimRestartStrategy *s);
/* toString, verbatim, as of now: "FixedDelayRestartBackoffTimeStrategy(
 * maxNumberRestartAttempts=3, backoffTimeMS=10000)". (transfer full) */
char *fsim_restart_strategy_to_string (const FsimRestartStrategy *s);

/* One failure handled as ExecutionFailureHandler.handleFailure does. */
typedef struct {
  gboolean new_attempt;         /* notifyFailure's answer */
  gboolean can_restart;
  gint64 backoff_ms;            /* getBackoffTime; -1 when it cannot restart */
  char *message;                /* cannot restart: "Recovery is suppressed by
                                 * <toString>", the JobException's message;
                                 * else NULL */
  char *why;                    /* the decision with its numbers and the rule */
} FsimRestartDecision;

/* notifyFailure, canRestart, then (only if it can) getBackoffTime, all at
 * now_ms; fills *out (clear it with fsim_restart_decision_clear). */
void fsim_restart_strategy_handle_failure (FsimRestartStrategy *s, gint64 now_ms,
                                           FsimRestartDecision *out);
void fsim_restart_decision_clear (FsimRestartDecision *d);

/* ======================================================================== */
/* Failover strategies (org.apache.flink.runtime.executiongraph.failover)    */
/*
 * Which subtasks a task failure restarts (FailoverStrategy.
 * getTasksNeedingRestart), chosen by jobmanager.execution.failover-strategy:
 *
 *   full    RestartAllFailoverStrategy: every subtask of the job.
 *   region  RestartPipelinedRegionFailoverStrategy: a breadth-first walk
 *           over pipelined regions from the failed subtask's region. Every
 *           region visited restarts. For each subtask of a visited region,
 *           every partition it consumes that is not available adds the
 *           region of that partition's producer; every region consuming a
 *           partition produced in a visited region is added too. A
 *           partition is available when it is not the one a
 *           PartitionException named, the shuffle master still tracks it
 *           (its producer was deployed and its TaskManager is not lost),
 *           and its type is re-consumable (BLOCKING, BLOCKING_PERSISTENT,
 *           HYBRID_FULL) or PIPELINED_APPROXIMATE: a pipelined partition
 *           can never be read again. Subtasks still CREATED are left out
 *           ("we do not need to restart tasks which are already in the
 *           initial state").
 *
 * A pure function of the ExecutionGraph, the current attempts' states and
 * the partitions' availability; the scheduler restarts what it returns. */



/* "region" / "full" (jobmanager.execution.failover-strategy) and the
 * Flink class. (static) */
const char *fsim_failover_strategy_type_name (FsimFailoverStrategyType type);
const char *fsim_failover_strategy_type_class (FsimFailoverStrategyType type);
gboolean fsim_failover_strategy_type_from_name (const char *name, FsimFailoverStrategyType *out);

/* ResultPartitionAvailabilityChecker of the scheduler: does the shuffle
 * master still track partition p? */
typedef gboolean (*FsimPartitionTrackedFunc) (const FsimResultPartition *p, gpointer user_data);

/* The SchedulingTopology the strategy reads. */
typedef struct {
  const FsimExecutionGraph *eg;
  const FsimExecutionState *states;   /* the current attempt's state of each
                                       * subtask, by FsimExecutionVertex.index;
                                       * NULL: none is CREATED */
  FsimPartitionTrackedFunc tracked;   /* NULL: every partition is tracked
                                       * (the strategy's one-argument
                                       * constructor Flink's tests use) */
  gpointer tracked_data;
} FsimFailoverTopology;

typedef struct {
  GArray *vertices;     /* int: FsimExecutionVertex.index, ascending (job
                         * vertices topologically, then subtask) */
  GArray *regions;      /* int: indices of the regions restarted, ascending */
  char *why;            /* how each region came in, and the rule */
} FsimFailoverResult;

/* getTasksNeedingRestart (failed, cause): failed_partition is the partition
 * a PartitionException in the cause names (one failed reads), or NULL.
 * (transfer full) */
FsimFailoverResult *fsim_failover_tasks_needing_restart (FsimFailoverStrategyType type,
                                                         const FsimFailoverTopology *topology,
                                                         const FsimExecutionVertex *failed,
                                                         const FsimResultPartition *failed_partition);
void fsim_failover_result_free (FsimFailoverResult *result);
/* The partition `producer` wrote that `consumer` reads (the one a
 * PartitionException of consumer would name), or NULL when consumer reads
 * nothing of it. (transfer none) */
const FsimResultPartition *fsim_failover_consumed_partition (const FsimExecutionVertex *consumer,
                                                              const FsimExecutionVertex *producer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimFailoverResult, fsim_failover_result_free)
/* Event time: the watermark valve, watermark generators, window operator   */
/*
 * Event time in Flink is carried by watermarks: a Watermark(t) says no
 * element with timestamp <= t should arrive any more. A source (or an
 * assignTimestampsAndWatermarks operator, TimestampsAndWatermarksOperator)
 * runs the job's WatermarkStrategy: its WatermarkGenerator sees every
 * record's timestamp (onEvent) and is asked for a watermark every
 * pipeline.auto-watermark-interval of processing time (onPeriodicEmit);
 * the operator forwards only watermarks that advance (WatermarkEmitter).
 * BoundedOutOfOrdernessWatermarks emits max timestamp - bound - 1;
 * WatermarksWithIdleness declares the output IDLE when no record came for
 * longer than its timeout (IdlenessTimer).
 *
 * Every input of a task combines its channels in a StatusWatermarkValve:
 * its watermark is the minimum over the channels that are ACTIVE and
 * aligned, emitted only when it advances; an IDLE channel stops holding
 * it back, a watermark arriving on an IDLE channel is not even recorded,
 * and when every channel is idle the valve flushes the highest one and
 * goes IDLE itself.
 *
 * A keyed WindowOperator assigns each record to windows (WindowAssigner),
 * keeps their contents in keyed state (here: one accumulated value, or the
 * elements when an evictor needs them), and asks a Trigger on each record
 * and each timer whether to FIRE, PURGE, both or CONTINUE. Event-time
 * timers fire when a watermark passes them (InternalTimerServiceImpl.
 * advanceWatermark), before the watermark goes on; a window's state is
 * cleaned up at maxTimestamp + allowedLateness; a record all of whose
 * windows are already cleaned up is late: dropped (numLateRecordsDropped)
 * or sent to the late side output (sideOutputLateData).
 *
 * Times here are Java longs of milliseconds, as Flink's event time is
 * (G_MININT64 is Long.MIN_VALUE, "no watermark"); none passes through
 * sim/'s microsecond clock. The processing time these modules are given
 * is milliseconds too. Every input function appends what the mechanism
 * emits to an array the caller owns and returns the step's why (transfer
 * full), naming the Flink rule. Nothing here knows a FsimSim: the data
 * plane and the labs (cli/lab-watermarks.c, cli/lab-windows.c) drive them.
 */

#define FSIM_WATERMARK_NONE G_MININT64    /* Long.MIN_VALUE */
#define FSIM_WATERMARK_MAX G_MAXINT64     /* Watermark.MAX_WATERMARK */

/* What a valve or an operator sends downstream, in order. */
typedef enum {
  FSIM_EVENT_TIME_WATERMARK,    /* a Watermark(timestamp) */
  FSIM_EVENT_TIME_STATUS,       /* a WatermarkStatus: IDLE if idle, else ACTIVE */
  FSIM_EVENT_TIME_RECORD,       /* a record with that timestamp */
} FsimEventTimeOutputKind;

typedef struct {
  FsimEventTimeOutputKind kind;
  gint64 timestamp;
  gboolean idle;
} FsimEventTimeOutput;

/* --- StatusWatermarkValve (streaming.runtime.watermarkstatus) ------------ */
/*
 * Per channel: watermark (Long.MIN_VALUE), status ACTIVE, aligned; the
 * valve: last output watermark (Long.MIN_VALUE) and status (ACTIVE).
 *
 *   channel status    ACTIVE ──I──► IDLE ──A──► ACTIVE   (only toggles count)
 *   channel aligned   aligned ──IDLE──► unaligned ──(ACTIVE with watermark
 *                     >= last output, or a watermark >= last output)──► aligned
 *   valve status      ACTIVE ──(the last active channel goes IDLE)──► IDLE
 *                     IDLE ──(a channel goes ACTIVE)──► ACTIVE
 * True in every state: an aligned channel is ACTIVE; the last output never
 * decreases; the valve is IDLE iff every channel is IDLE.
 * This is the valve at Flink 2.0 (the spec's commit): the all-idle flush
 * happens only when the channel going idle held the last output.
 */
typedef struct _FsimWatermarkValve FsimWatermarkValve;

/* StatusWatermarkValve(numInputChannels), n >= 1. (transfer full) */
FsimWatermarkValve *fsim_watermark_valve_new (guint n_channels);
void fsim_watermark_valve_free (FsimWatermarkValve *valve);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimWatermarkValve, fsim_watermark_valve_free)
/* inputWatermark: out gets what the valve emits (FsimEventTimeOutput). */
char *fsim_watermark_valve_input_watermark (FsimWatermarkValve *valve, guint channel,
                                            gint64 watermark, GArray *out);
/* inputWatermarkStatus: idle TRUE for IDLE, FALSE for ACTIVE. */
char *fsim_watermark_valve_input_status (FsimWatermarkValve *valve, guint channel,
                                         gboolean idle, GArray *out);
guint fsim_watermark_valve_get_n_channels (const FsimWatermarkValve *valve);
/* The watermark the valve holds for channel: FSIM_WATERMARK_NONE until it
 * accepted one. */
gint64 fsim_watermark_valve_get_channel_watermark (const FsimWatermarkValve *valve,
                                                   guint channel);
gboolean fsim_watermark_valve_channel_is_idle (const FsimWatermarkValve *valve, guint channel);
gboolean fsim_watermark_valve_channel_is_aligned (const FsimWatermarkValve *valve,
                                                  guint channel);
gint64 fsim_watermark_valve_get_last_output (const FsimWatermarkValve *valve);
gboolean fsim_watermark_valve_is_idle (const FsimWatermarkValve *valve);
/* Whys in the user's language (a lab) instead of the trace's English. */
void fsim_watermark_valve_set_localized (FsimWatermarkValve *valve, gboolean localized);

/* What the last input_watermark / input_status did to the valve's output
 * (--detail event-time's channel-watermark record says it). */
typedef enum {
  FSIM_VALVE_ADVANCED,          /* the output watermark rose (and was emitted) */
  FSIM_VALVE_CHANNEL_IDLE,      /* a watermark from an IDLE channel: ignored */
  FSIM_VALVE_NOT_ABOVE_CHANNEL, /* not above the channel's own watermark: ignored */
  FSIM_VALVE_UNALIGNED,         /* the channel is below the last output: it does not count */
  FSIM_VALVE_HELD,              /* another aligned channel is lower (or has none yet) */
  FSIM_VALVE_NO_ALIGNED,        /* no channel is aligned: nothing to take a minimum of */
  FSIM_VALVE_STATUS,            /* a status change that moved no watermark */
  FSIM_VALVE_STATUS_UNCHANGED,  /* the channel already had that status */
  FSIM_VALVE_OUTCOME_COUNT
} FsimValveOutcome;

/* The names the trace writes: "advanced", "channel-idle", … (static) */
extern const char *const fsim_valve_outcome_names[FSIM_VALVE_OUTCOME_COUNT + 1];
FsimValveOutcome fsim_watermark_valve_get_last_outcome (const FsimWatermarkValve *valve);
/* The aligned channel with the lowest watermark (the first on ties): the
 * one that holds the valve's output; -1 when none is aligned. */
int fsim_watermark_valve_min_channel (const FsimWatermarkValve *valve);
/* "min over channels 0..3 is channel 2 at 1999 ms; channel 1 idle;
 * channel 3 unaligned", offset added to each channel number. (transfer full) */
char *fsim_watermark_valve_describe (const FsimWatermarkValve *valve);

/* --- IndexedCombinedWatermarkStatus (api.common.eventtime) ------------- */
/*
 * A two-input operator combines its inputs as AbstractStreamOperator does
 * (processWatermark1/2, processWatermarkStatus1/2 into combinedWatermark):
 * per input the last watermark its valve emitted (Long.MIN_VALUE at first)
 * and whether it is idle; the combined watermark is the minimum over the
 * inputs not idle, forwarded only when it advances; IDLE when every input
 * is (nothing flushed), ACTIVE again when one is not. A watermark on an
 * input makes it active again (PartialWatermark.setWatermark). On a status
 * the advanced watermark goes out before the changed status.
 *   combined idle   ACTIVE ──(the last active input goes IDLE)──► IDLE
 *                   IDLE ──(an input goes ACTIVE or gets a watermark)──► ACTIVE
 * True in every state: the combined watermark never decreases; it is IDLE
 * iff every input is. A one-input task's is its one valve's output.
 */
#define FSIM_COMBINED_WATERMARK_MAX_INPUTS 2
typedef struct _FsimCombinedWatermark FsimCombinedWatermark;

/* forInputsCount(n), 1 <= n <= 2. (transfer full) */
FsimCombinedWatermark *fsim_combined_watermark_new (guint n_inputs);
void fsim_combined_watermark_free (FsimCombinedWatermark *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCombinedWatermark, fsim_combined_watermark_free)
/* processWatermark(mark, input): out gets the combined watermark if it
 * advanced (FsimEventTimeOutput). */
void fsim_combined_watermark_input_watermark (FsimCombinedWatermark *c, guint input,
                                              gint64 watermark, GArray *out);
/* processWatermarkStatus(status, input), idle TRUE for IDLE: out gets the
 * combined watermark if it advanced, then the status if the combined
 * idleness changed. */
void fsim_combined_watermark_input_status (FsimCombinedWatermark *c, guint input, gboolean idle,
                                           GArray *out);
/* currentInputWatermark: FSIM_WATERMARK_NONE until one advanced it. */
gint64 fsim_combined_watermark_get (const FsimCombinedWatermark *c);
gboolean fsim_combined_watermark_is_idle (const FsimCombinedWatermark *c);
/* An input's last watermark (FSIM_WATERMARK_NONE before one). */
gint64 fsim_combined_watermark_get_input (const FsimCombinedWatermark *c, guint input);
gboolean fsim_combined_watermark_input_is_idle (const FsimCombinedWatermark *c, guint input);

/* --- WatermarkGenerator (api.common.eventtime) --------------------------- */
/*
 * forBoundedOutOfOrderness(d): BoundedOutOfOrdernessWatermarks (d in whole
 * ms, Duration.toMillis); forMonotonousTimestamps():
 * AscendingTimestampsWatermarks (d = 0); noWatermarks():
 * NoWatermarksGenerator; .withIdleness(t): WatermarksWithIdleness around it,
 * on a clock of processing-time ms.
 */
typedef struct _FsimWatermarkGenerator FsimWatermarkGenerator;

typedef enum {
  FSIM_GENERATOR_NOTHING,       /* onPeriodicEmit called nothing */
  FSIM_GENERATOR_WATERMARK,     /* emitWatermark (*watermark) */
  FSIM_GENERATOR_IDLE,          /* markIdle */
} FsimGeneratorAction;

/* (transfer full) */
FsimWatermarkGenerator *fsim_watermark_generator_new (const FsimWatermarkSpec *spec);
void fsim_watermark_generator_free (FsimWatermarkGenerator *generator);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimWatermarkGenerator, fsim_watermark_generator_free)
/* onEvent(timestamp): the wrapped generator, then the idleness activity. */
void fsim_watermark_generator_set_localized (FsimWatermarkGenerator *generator,
                                             gboolean localized);
void fsim_watermark_generator_on_event (FsimWatermarkGenerator *generator, gint64 timestamp);
/* onPeriodicEmit at processing time now_ms; *watermark set with WATERMARK.
 * rule (may be NULL) gets a static, translated sentence of why. */
FsimGeneratorAction fsim_watermark_generator_on_periodic_emit (FsimWatermarkGenerator *generator,
                                                               gint64 now_ms, gint64 *watermark,
                                                               const char **rule);

/* --- Watermark alignment (FLIP-182, FLIP-217) ----------------------------- */
/*
 * WatermarkStrategy.withWatermarkAlignment(group, maxDrift, updateInterval)
 * on a FLIP-27 source. Every updateInterval each SourceOperator reports
 * its current watermark to its SourceCoordinator (ReportedWatermarkEvent:
 * the last watermark it emitted, Long.MAX_VALUE while idle, nothing before
 * its first); each coordinator keeps the minimum over its subtasks
 * (WatermarkAggregator) and puts it, when it changes, into the group's
 * aggregator in the CoordinatorStore, keyed by the operator's name; every
 * updateInterval it announces to the subtasks that reported
 * WatermarkAlignmentEvent(group minimum + maxDrift, Long.MAX_VALUE if that
 * overflows). A SourceOperator whose last emitted watermark is above the
 * announced maximum stops reading (WAITING_FOR_ALIGNMENT) until an
 * announcement or its own watermark puts it at or below it again.
 *
 *   mode   READING ──(latest > maxDesired)──► WAITING_FOR_ALIGNMENT
 *          WAITING_FOR_ALIGNMENT ──(latest <= maxDesired)──► READING
 *   (SourceOperator.checkWatermarkAlignment, run on every emitted
 *   watermark and every WatermarkAlignmentEvent)
 * True in every state: WAITING iff latest > maxDesired.
 * One split per subtask here, so split-level alignment
 * (checkSplitWatermarkAlignment, numSplits > 1) never acts.
 */
typedef struct _FsimSourceAlignment FsimSourceAlignment;

/* A SourceOperator's alignment at open(): no watermark (UNINITIALIZED),
 * maxDesired Long.MAX_VALUE, READING. (transfer full) */
FsimSourceAlignment *fsim_source_alignment_new (void);
void fsim_source_alignment_free (FsimSourceAlignment *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimSourceAlignment, fsim_source_alignment_free)
/* updateCurrentEffectiveWatermark: the source emitted watermark; TRUE if
 * the mode changed. */
gboolean fsim_source_alignment_watermark_emitted (FsimSourceAlignment *a, gint64 watermark);
/* updateIdle: the source's output went IDLE (TRUE) or ACTIVE. */
void fsim_source_alignment_set_idle (FsimSourceAlignment *a, gboolean idle);
/* handleOperatorEvent(WatermarkAlignmentEvent(max_allowed)); TRUE if the
 * mode changed. */
gboolean fsim_source_alignment_announced (FsimSourceAlignment *a, gint64 max_allowed);
/* emitLatestWatermark: FALSE when there is nothing to report (no watermark
 * yet), else *watermark is the ReportedWatermarkEvent's. */
gboolean fsim_source_alignment_report (const FsimSourceAlignment *a, gint64 *watermark);
gboolean fsim_source_alignment_is_waiting (const FsimSourceAlignment *a);
gint64 fsim_source_alignment_get_latest (const FsimSourceAlignment *a);
gint64 fsim_source_alignment_get_max_desired (const FsimSourceAlignment *a);

/* SourceCoordinator.WatermarkAggregator: the smallest watermark over its
 * keys (Long.MIN_VALUE with none); a key is a subtask index (name NULL)
 * or an operator's name. Keys are kept sorted (name, then number). */
typedef struct _FsimWatermarkAggregator FsimWatermarkAggregator;
FsimWatermarkAggregator *fsim_watermark_aggregator_new (void);
void fsim_watermark_aggregator_free (FsimWatermarkAggregator *agg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimWatermarkAggregator, fsim_watermark_aggregator_free)
/* aggregate(key, watermark): TRUE (and *combined) if the aggregated
 * watermark changed. */
gboolean fsim_watermark_aggregator_aggregate (FsimWatermarkAggregator *agg, const char *name,
                                              gint64 number, gint64 watermark, gint64 *combined);
gint64 fsim_watermark_aggregator_get (const FsimWatermarkAggregator *agg);
guint fsim_watermark_aggregator_get_n_keys (const FsimWatermarkAggregator *agg);
/* The i-th key's number, in key order (keySet). */
gint64 fsim_watermark_aggregator_get_number (const FsimWatermarkAggregator *agg, guint i);
/* announceCombinedWatermark: combined + max_drift (Math.addExact), or
 * Long.MAX_VALUE when that overflows (an all-idle group). */
gint64 fsim_watermark_alignment_max_allowed (gint64 combined, gint64 max_drift);

/* --- TimestampsAndWatermarksOperator (streaming.runtime.operators) ------- */
/*
 * open() registers the first periodic timer at now + interval (none when
 * the interval is 0); when it fires, onPeriodicEmit runs and the next timer
 * is registered at the processing time it fired at + interval, so a clock
 * that jumps over several intervals emits once. A record is forwarded
 * first, then given to onEvent. Upstream watermarks are dropped except
 * Long.MAX_VALUE. The WatermarkEmitter forwards a watermark only if it is
 * above the last one, sending ACTIVE first if it had marked IDLE.
 */
typedef struct _FsimTimestampsAndWatermarks FsimTimestampsAndWatermarks;

/* open() at processing time now_ms. (transfer full) */
FsimTimestampsAndWatermarks *fsim_timestamps_and_watermarks_new (const FsimWatermarkSpec *spec,
                                                                 gint64 interval_ms,
                                                                 gint64 now_ms);
void fsim_timestamps_and_watermarks_free (FsimTimestampsAndWatermarks *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTimestampsAndWatermarks, fsim_timestamps_and_watermarks_free)
void fsim_timestamps_and_watermarks_set_localized (FsimTimestampsAndWatermarks *op,
                                                   gboolean localized);
/* processElement: a record with that timestamp. */
char *fsim_timestamps_and_watermarks_process_element (FsimTimestampsAndWatermarks *op,
                                                      gint64 timestamp, GArray *out);
/* Processing time advances to now_ms (never backwards): the periodic timer
 * fires if it is due (timestamp <= now_ms). */
char *fsim_timestamps_and_watermarks_advance_processing_time (FsimTimestampsAndWatermarks *op,
                                                              gint64 now_ms, GArray *out);
/* processWatermark: an upstream watermark. */
char *fsim_timestamps_and_watermarks_process_watermark (FsimTimestampsAndWatermarks *op,
                                                        gint64 watermark, GArray *out);
/* finish(): one last onPeriodicEmit. */
char *fsim_timestamps_and_watermarks_finish (FsimTimestampsAndWatermarks *op, GArray *out);
/* The pending periodic timer, or -1 when there is none. */
gint64 fsim_timestamps_and_watermarks_get_next_timer (const FsimTimestampsAndWatermarks *op);
/* The last watermark forwarded (FSIM_WATERMARK_NONE before the first). */
gint64 fsim_timestamps_and_watermarks_get_current_watermark (const FsimTimestampsAndWatermarks *op);

/* --- WindowOperator (streaming.runtime.operators.windowing) -------------- */
/*
 * A window's life, per key (assigner and trigger as FsimWindowSpec says):
 *
 *   (none) ──element assigned, window not late──► OPEN (contents, trigger
 *   state, timers) ──FIRE──► OPEN (result emitted, contents kept)
 *   OPEN ──PURGE──► contents cleared (timers stay; open while trigger or
 *   merging state remains) ──cleanup timer (maxTimestamp + lateness;
 *   processing time: maxTimestamp)──► (none), never to be re-opened by an
 *   event-time element (isWindowLate: cleanupTime <= watermark)
 *
 * Session windows merge in a MergingWindowSet: a new [ts, ts + gap)
 * merges with every window it intersects (touching counts), their contents
 * and trigger state are merged into the cover and the absorbed windows'
 * timers are deleted. Simultaneous timers fire by (timestamp, key, window
 * start, end): Flink leaves their order undefined.
 *
 * BATCH with the BATCH state backend (use_batch_timer_service: Flink's
 * BatchExecutionKeyedStateBackend and BatchExecutionInternalTimeService)
 * holds one key at a time, as the sorted input hands them over: the
 * watermark stays Long.MIN_VALUE (no window is late, none fires early),
 * processing time sets no physical timer, and when the key changes
 * (setCurrentKey) or Watermark.MAX_WATERMARK arrives, every timer of the
 * current key fires as at Long.MAX_VALUE, event-time ones first, each in
 * timestamp order, a timer registered meanwhile ignored (the service is
 * quiesced); then, on a key change, the previous key's state is cleared.
 */
typedef struct _FsimWindowOperator FsimWindowOperator;

typedef enum {
  FSIM_WINDOW_FUNCTION_SUM,
  FSIM_WINDOW_FUNCTION_COUNT,
  FSIM_WINDOW_FUNCTION_MIN,
  FSIM_WINDOW_FUNCTION_MAX,
} FsimWindowFunction;

/* A key as written: an integer, or a string (owned by the operator). */
typedef struct {
  gboolean is_string;
  gint64 number;
  const char *string;
} FsimWindowKey;

/* A TimeWindow [start, end), or the GlobalWindow. */
typedef struct {
  gboolean global;
  gint64 start, end;
} FsimWindow;

typedef struct {
  FsimWindowKey key;
  FsimWindow window;
  gint64 result;                /* the function over the window's contents */
  gint64 timestamp;             /* the output's: window.maxTimestamp() */
} FsimWindowFiring;

typedef enum {
  FSIM_WINDOW_ELEMENT_ADDED,    /* into at least one window */
  FSIM_WINDOW_ELEMENT_DROPPED,  /* late: numLateRecordsDropped + 1 */
  FSIM_WINDOW_ELEMENT_SIDE_OUTPUT,  /* late: to the late data side output */
  FSIM_WINDOW_ELEMENT_SKIPPED,  /* every window late, the element itself not */
} FsimWindowElementFate;

/* TimeWindow.getWindowStartWithOffset (Java's %, any sign). */
gint64 fsim_time_window_start_with_offset (gint64 timestamp, gint64 offset, gint64 size);
/* WindowOperator for spec (assigner, trigger, lateness, side output) and
 * function, at watermark Long.MIN_VALUE and processing time now_ms.
 * (transfer full) */
FsimWindowOperator *fsim_window_operator_new (const FsimWindowSpec *spec,
                                              FsimWindowFunction function, gint64 now_ms);
void fsim_window_operator_free (FsimWindowOperator *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimWindowOperator, fsim_window_operator_free)
/* The BATCH timer service (above), for a new operator. */
void fsim_window_operator_use_batch_timer_service (FsimWindowOperator *op);
/* BATCH timer service: setCurrentKey (key), what the previous key's
 * timers fire to fired; process_element does it too. */
void fsim_window_operator_select_key (FsimWindowOperator *op, FsimWindowKey key, GArray *fired,
                                      GString *why);
/* processElement; fired gets FsimWindowFiring in emission order; why (may
 * be NULL) gets the step's explanation appended. */
FsimWindowElementFate fsim_window_operator_process_element (FsimWindowOperator *op,
                                                            FsimWindowKey key, gint64 value,
                                                            gint64 timestamp, GArray *fired,
                                                            GString *why);
/* processWatermark: event-time timers <= watermark fire, in order. */
void fsim_window_operator_process_watermark (FsimWindowOperator *op, gint64 watermark,
                                             GArray *fired, GString *why);
/* Processing time advances to now_ms: processing-time timers <= now_ms. */
void fsim_window_operator_advance_processing_time (FsimWindowOperator *op, gint64 now_ms,
                                                   GArray *fired, GString *why);
/* The windows whose state the operator holds (contents, trigger state,
 * merging set), as (key, window) pairs sorted by key (integers first, by
 * value, then strings by code point), start, end. (transfer full:
 * FsimWindowFiring with result 0) */
GArray *fsim_window_operator_open_windows (const FsimWindowOperator *op);
/* snapshotState: what a checkpoint holds of the operator, as a copy:
 * every window's contents, trigger state and merging set (its keyed state,
 * "window-contents" and the triggers' states) and its event- and
 * processing-time timers (the timer service's, InternalTimeServiceManager
 * writes them with the keyed state). The watermark is not state. (transfer
 * full) */
FsimWindowOperator *fsim_window_operator_snapshot (const FsimWindowOperator *op);
/* initializeState from a snapshot, then open at processing time now_ms: a
 * new operator holding the snapshot's windows and timers, at watermark
 * Long.MIN_VALUE again (the timer service restarts there) and with its
 * metrics at zero (numLateRecordsDropped is the new attempt's). A
 * processing-time timer already due fires at the next
 * advance_processing_time. (transfer full) */
FsimWindowOperator *fsim_window_operator_restore (const FsimWindowOperator *snapshot,
                                                  gint64 now_ms);
/* A timer of the operator's, and what it will do when it fires. */
typedef enum {
  FSIM_WINDOW_TIMER_FIRE,       /* at the window's maxTimestamp: the trigger fires it */
  FSIM_WINDOW_TIMER_CLEANUP,    /* at its cleanup time, later: its state is cleared */
  FSIM_WINDOW_TIMER_TRIGGER,    /* another of the trigger's (ContinuousEventTimeTrigger) */
} FsimWindowTimerAction;

typedef struct {
  gint64 timestamp;             /* ms, event or processing time */
  FsimWindowKey key;            /* borrowed from the operator */
  FsimWindow window;
  FsimWindowTimerAction action;
} FsimWindowTimer;

/* The earliest event-time (event_time) or processing-time timer; FALSE
 * when there is none. */
gboolean fsim_window_operator_next_timer (const FsimWindowOperator *op, gboolean event_time,
                                          FsimWindowTimer *out);
/* How many (key, window) pairs hold state, and how many timers are set. */
void fsim_window_operator_count_state (const FsimWindowOperator *op, gint64 *windows,
                                       gint64 *timers);
void fsim_window_operator_set_localized (FsimWindowOperator *op, gboolean localized);
gint64 fsim_window_operator_get_num_late_records_dropped (const FsimWindowOperator *op);
gint64 fsim_window_operator_get_current_watermark (const FsimWindowOperator *op);
/* The earliest processing-time timer (ms), or -1 when there is none. */
gint64 fsim_window_operator_get_next_processing_timer (const FsimWindowOperator *op);
/* Compares keys in the order above. */
int fsim_window_key_compare (const FsimWindowKey *a, const FsimWindowKey *b);

/* A window's life as --detail event-time traces it: what happened to one
 * (key, window) during the last call, in order. */
typedef enum {
  FSIM_WINDOW_EVENT_CREATED,    /* a key's first element in a window it held nothing for */
  FSIM_WINDOW_EVENT_MERGED,     /* session windows merged into window (their cover) */
  FSIM_WINDOW_EVENT_PURGED,     /* its state cleared: purge says how */
  FSIM_WINDOW_EVENT_LATE,       /* an element whose every window is late: fate says */
} FsimWindowEventKind;

typedef enum {
  FSIM_WINDOW_PURGE_CLEANUP,    /* the cleanup timer: clearAllState */
  FSIM_WINDOW_PURGE_TRIGGER,    /* the trigger's PURGE: contents only */
  FSIM_WINDOW_PURGE_BATCH_KEY,  /* BATCH: the next key began */
  FSIM_WINDOW_PURGE_COUNT
} FsimWindowPurge;

/* The names the trace writes (static): "cleanup", "trigger", "batch-key"
 * and "dropped", "side-output", "skipped" (FsimWindowElementFate - 1). */
extern const char *const fsim_window_purge_names[FSIM_WINDOW_PURGE_COUNT + 1];
extern const char *const fsim_window_late_fate_names[4];

typedef struct {
  FsimWindowEventKind kind;
  FsimWindowKey key;            /* borrowed from the operator */
  FsimWindow window;            /* MERGED: the cover; LATE: the latest window assigned */
  gint64 time;                  /* the element's timestamp, or the timer's time */
  gint64 watermark;             /* the operator's then */
  gint64 cleanup;               /* cleanupTime of window */
  FsimWindowPurge purge;        /* PURGED */
  FsimWindowElementFate fate;   /* LATE: DROPPED, SIDE_OUTPUT or SKIPPED */
  guint n_merged;               /* MERGED: held windows absorbed */
  char *merged;                 /* MERGED: "[0, 3000), [4000, 7000)" (owned by the array) */
} FsimWindowEvent;

/* From now on every call appends FsimWindowEvent to events (the caller's,
 * made by fsim_window_events_new); NULL: none (the default). */
void fsim_window_operator_set_events (FsimWindowOperator *op, GArray *events);
/* An empty array of FsimWindowEvent that frees their strings. (transfer full) */
GArray *fsim_window_events_new (void);

G_END_DECLS
