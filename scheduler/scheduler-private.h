/* scheduler-private.h - shared between the files of scheduler/ only.
 *
 * Who is who (each a file):
 *   resource-states.c  the TaskManager, slot and bulk state machines
 *   checkpoint-host.c  the host interface of the job's CheckpointCoordinator
 *   cluster.c          FsimCluster: the processes, RPC delays, shutdown
 *   taskmanager.c      TaskExecutor + Task: slot table, slot offers, the
 *                      task lifecycle on the TaskManager, heartbeat replies
 *   resource-manager.c ResourceManager + FineGrainedSlotManager with
 *                      DefaultResourceAllocationStrategy, heartbeat monitor
 *   slot-pool.c        the JobMaster's DeclarativeSlotPool, shared slots
 *                      (SlotSharingExecutionSlotAllocator) and the
 *                      PhysicalSlotRequestBulkCheckerImpl timeout
 *   deployment.c       DefaultExecutionDeployer
 *   execution.c        Execution objects and the one traced transition
 *   scheduler.c        DefaultScheduler, PipelinedRegionSchedulingStrategy,
 *                      JobStatus, failure handling
 *
 * Everything runs on the FsimSim of the cluster; an RPC is an event
 * sim.rpc-latency later. Objects are owned by the cluster and live until it
 * is freed (an ExecutionVertex keeps its earlier attempts), so event
 * payloads (one typed struct per RPC, below) hold plain pointers to them;
 * a message about a task names its ExecutionAttemptID instead, so that the
 * receiver can tell a stale one.
 */
#pragma once

#include "scheduler/scheduler.h"

G_BEGIN_DECLS

typedef struct _TaskManager TaskManager;
typedef struct _TaskSlot TaskSlot;
typedef struct _SharedSlot SharedSlot;
typedef struct _Bulk Bulk;
typedef struct _Execution Execution;
typedef struct _ExecutionVertex ExecutionVertex;
typedef struct _JobMaster JobMaster;
typedef struct _StreamTask StreamTask;
typedef struct _SourceCoordinator SourceCoordinator;
typedef struct _SubtaskStore SubtaskStore;
typedef struct _Ledger Ledger;
typedef struct _StopWithSavepoint StopWithSavepoint;

/* What a restore gave a new attempt (subtask-state.c). */
typedef struct {
  gint64 checkpoint;            /* the latest completed one; 0: none, from scratch */
  gboolean from_snapshot;       /* the subtask had a snapshot in it */
  gint64 snapshot;              /* its id (<= checkpoint: a finished task's is older) */
  gint64 source_offset;         /* a source's next record */
  gboolean cannot_rewind;       /* a source that keeps no offset: it goes on where
                                 * the failed attempt stopped (socketTextStream) */
  gint64 keys, keys_before;     /* keyed state: restored, and in the failed attempt */
  gint64 records, records_before; /* records counted into keyed state, the same */
  gint64 windows, timers;       /* window operators' state: (key, window) pairs and
                                 * timers restored */
} FsimStoreRestore;

/* --- the smaller state machines (resource-states.c) ------------------------
 *
 * Each one was a handful of booleans; written as an enum it has a table of
 * legal steps, each with the Flink method taking it, and one checked
 * transition (fsim_sched_*_transition) that aborts on an illegal step. None
 * of them is traced: their records are the kinds of scheduler.h.
 *
 * TaskExecutor <-> ResourceManager (TaskExecutor.resourceManagerConnection,
 * the RM's heartbeat monitor of the TaskManager):
 *
 *   UNREGISTERED ──► REGISTERED ──► LOST
 *
 *   UNREGISTERED -> REGISTERED  ResourceManager.registerTaskExecutor (the RM
 *                               monitors its heartbeat from now on)
 *   REGISTERED -> LOST          ResourceManager.closeTaskManagerConnection
 *                               (heartbeat.timeout)
 *   UNREGISTERED  registerTaskExecutor is in flight; the slot manager does
 *                 not know the TaskManager.
 *   REGISTERED    its slots count (if the process is alive) and the RM
 *                 monitors its heartbeat.
 *   LOST          the RM dropped it and its slots; nothing is monitored.
 */
typedef enum {
  TM_RM_UNREGISTERED,
  TM_RM_REGISTERED,
  TM_RM_LOST,
  TM_RM_STATE_COUNT
} TmRmState;

/* TaskExecutor <-> the job's JobMaster (JobLeaderService,
 * JobMaster.registerTaskManager, the JobMaster's heartbeat monitor):
 *
 *   NOT_CONNECTED ──► CONNECTING ──► REGISTERED ──► CONNECTED
 *         ▲                              │              │
 *         └──────────────────────────────┴──────────────┘ heartbeat timeout
 *
 *   NOT_CONNECTED -> CONNECTING   JobLeaderService: the first slot for the job
 *                                 (TaskExecutor.requestSlot)
 *   CONNECTING -> REGISTERED      JobMaster.registerTaskManager: the JobMaster
 *                                 monitors the TaskManager's heartbeat
 *   REGISTERED -> CONNECTED       TaskExecutor.establishJobManagerConnection:
 *                                 slots are offered from now on
 *   REGISTERED | CONNECTED -> NOT_CONNECTED   JobMaster.disconnectTaskManager
 *                                 (heartbeat.timeout)
 */
typedef enum {
  TM_JOB_NOT_CONNECTED,
  TM_JOB_CONNECTING,
  TM_JOB_REGISTERED,
  TM_JOB_CONNECTED,
  TM_JOB_STATE_COUNT
} TmJobState;

/* A slot of a TaskManager's TaskSlotTable and, once accepted, an
 * AllocatedSlot of the JobMaster's DeclarativeSlotPool:
 *
 *   FREE ──► ALLOCATED ──► OFFERED ──► IN_POOL ◄──► IN_USE
 *     ▲          │            │  ▲        │           │
 *     │          │            │  └────────┴───────────┘ TaskManager lost
 *     └──────────┴────────────┴───────────┴───────────┘ freeSlot
 *
 *   FREE -> ALLOCATED       the slot manager's choice, TaskExecutor.requestSlot
 *                           (TaskSlotTable.allocateSlot)
 *   ALLOCATED -> OFFERED    TaskExecutor.offerSlotsToJobManager
 *   OFFERED -> IN_POOL      JobMaster.offerSlots: DeclarativeSlotPool accepts
 *   IN_POOL -> IN_USE       a shared slot's physical slot request is served
 *                           (DeclarativeSlotPool.reserveFreeSlot)
 *   IN_USE -> IN_POOL       the emptied shared slot is released (batch; the
 *                           slot stays in the pool, DeclarativeSlotPool.freeReservedSlot)
 *   IN_POOL | IN_USE -> OFFERED   JobMaster.disconnectTaskManager: the pool
 *                           drops the TaskManager's slots (releaseSlots)
 *   any but FREE -> FREE    TaskExecutor.freeSlot (TaskSlotTable.freeSlot)
 *
 *   FREE       allocation == 0, payload NULL.
 *   ALLOCATED  allocation > 0; not offered yet (no JobMaster connection).
 *   OFFERED    allocation > 0; the offer is in flight, or the JobMaster
 *              dropped the slot with its TaskManager.
 *   IN_POOL    allocation > 0; free in the JobMaster's slot pool, payload NULL.
 *   IN_USE     allocation > 0; payload is the shared slot using it.
 */
typedef enum {
  TASK_SLOT_FREE,
  TASK_SLOT_ALLOCATED,
  TASK_SLOT_OFFERED,
  TASK_SLOT_IN_POOL,
  TASK_SLOT_IN_USE,
  TASK_SLOT_STATE_COUNT
} TaskSlotState;

/* A SharedSlot of one ExecutionSlotSharingGroup
 * (SlotSharingExecutionSlotAllocator):
 *
 *   NONE ──► REQUESTED ──► ASSIGNED
 *    ▲          │             │
 *    └──────────┴─────────────┘
 *
 *   NONE -> REQUESTED      SlotSharingExecutionSlotAllocator.allocatePhysicalSlot
 *   REQUESTED -> ASSIGNED  the physical slot future completes (the pool serves
 *                          the oldest waiting request)
 *   REQUESTED -> NONE      PhysicalSlotRequestBulk.cancel, or the job is over
 *                          (the pending request is withdrawn)
 *   ASSIGNED -> NONE       SharedSlot.release once its last logical slot is
 *                          gone (batch only; streaming keeps it)
 *
 *   NONE       no physical slot, none requested; physical NULL.
 *   REQUESTED  queued in pending_requests; physical NULL.
 *   ASSIGNED   physical is an IN_USE task slot whose payload is this.
 */
typedef enum {
  SHARED_SLOT_NONE,
  SHARED_SLOT_REQUESTED,
  SHARED_SLOT_ASSIGNED,
  SHARED_SLOT_STATE_COUNT
} SharedSlotState;

/* One allocateSlotsAndDeploy call (PhysicalSlotRequestBulk):
 *
 *   PENDING ──► DEPLOYED | FAILED | CANCELLED
 *
 *   PENDING -> DEPLOYED   DefaultExecutionDeployer.waitForAllSlotsAndDeploy:
 *                         every shared slot of the bulk is assigned
 *   PENDING -> FAILED     PhysicalSlotRequestBulkCheckerImpl: unfulfillable
 *                         for slot.request.timeout
 *   PENDING -> CANCELLED  DefaultScheduler.cancelAllPendingSlotRequestsForVertices:
 *                         its region is restarted
 *
 *   PENDING    pending > 0 shared slots are still missing; a timeout check
 *              is scheduled.
 *   otherwise  done: no timeout check, its requests are withdrawn or served.
 */
typedef enum {
  BULK_PENDING,
  BULK_DEPLOYED,
  BULK_FAILED,
  BULK_CANCELLED,
  BULK_STATE_COUNT
} BulkState;

extern const char *const fsim_sched_tm_rm_state_names[TM_RM_STATE_COUNT];
extern const char *const fsim_sched_tm_job_state_names[TM_JOB_STATE_COUNT];
extern const char *const fsim_sched_task_slot_state_names[TASK_SLOT_STATE_COUNT];
extern const char *const fsim_sched_shared_slot_state_names[SHARED_SLOT_STATE_COUNT];
extern const char *const fsim_sched_bulk_state_names[BULK_STATE_COUNT];
/* The Flink method of from -> to, or NULL if illegal. */
const char *fsim_sched_tm_rm_rule (TmRmState from, TmRmState to);
const char *fsim_sched_tm_job_rule (TmJobState from, TmJobState to);
const char *fsim_sched_task_slot_rule (TaskSlotState from, TaskSlotState to);
const char *fsim_sched_shared_slot_rule (SharedSlotState from, SharedSlotState to);
const char *fsim_sched_bulk_rule (BulkState from, BulkState to);
/* The checked transitions: abort on an illegal step, else set the state. */
void fsim_sched_tm_rm_transition (TaskManager *tm, TmRmState to);
void fsim_sched_tm_job_transition (TaskManager *tm, TmJobState to);
void fsim_sched_task_slot_transition (TaskSlot *slot, TaskSlotState to);
void fsim_sched_shared_slot_transition (SharedSlot *shared, SharedSlotState to);
void fsim_sched_bulk_transition (Bulk *bulk, BulkState to);

/* TaskSlot: a slot of a TaskManager's TaskSlotTable, and, once offered and
 * accepted, an AllocatedSlot in the JobMaster's slot pool. */
struct _TaskSlot {
  TaskManager *tm;
  int index;                    /* SlotID slot number, 0-based */
  int allocation;               /* AllocationID, numbered from 1; 0 = free */
  TaskSlotState state;
  SharedSlot *payload;          /* IN_USE: the shared slot using it */
};

struct _TaskManager {
  int number;                   /* 1-based, registration order: "TaskManager 1" */
  char *name;
  gboolean alive;               /* the process: once dead it stays dead */
  TmRmState rm_state;           /* at the ResourceManager */
  TmJobState job_state;         /* with the job's JobMaster */
  TaskSlot *slots;              /* [n_slots] */
  int n_slots;
  FsimEventId rm_timeout;       /* HeartbeatMonitor timeouts */
  FsimEventId jm_timeout;
  FsimRng *rng;                 /* its own stream: task start-up times */
};

/* A SharedSlot of one ExecutionSlotSharingGroup: one physical slot request,
 * one logical slot per execution (SlotSharingExecutionSlotAllocator). */
struct _SharedSlot {
  const FsimExecutionSlotSharingGroup *group;
  TaskSlot *physical;           /* ASSIGNED: its task slot; else NULL */
  int index;                    /* == group->index */
  SharedSlotState state;
  GPtrArray *waiting;           /* Bulk*, bulks waiting for its physical slot */
  int n_logical;                /* executions holding a logical slot in it */
};

/* One allocateSlotsAndDeploy call: a region's executions and the shared
 * slots they need (PhysicalSlotRequestBulk). */
struct _Bulk {
  int region;
  GPtrArray *executions;        /* Execution*, deployment order */
  GPtrArray *shared_slots;      /* SharedSlot*, request order */
  GHashTable *members;          /* SharedSlot* -> GPtrArray of its Execution*, in order */
  int pending;                  /* shared slots still without a physical slot */
  gint64 unfulfillable_since;   /* -1 = fulfillable */
  FsimEventId timeout_check;
  BulkState state;
};

/* One attempt of one subtask: the JobManager's Execution and, once
 * submitted, the TaskManager's Task for the same ExecutionAttemptID. */
struct _Execution {
  const FsimExecutionVertex *vertex;
  int attempt;                  /* ExecutionAttemptID.attemptNumber, from 0 */
  char *label;                  /* "Map (2/4)#0" */
  FsimExecutionState state;     /* JobManager view (Execution) */
  FsimExecutionState task_state;/* TaskManager view (Task); CREATED = none */
  SharedSlot *shared;
  TaskSlot *slot;               /* assigned logical slot's physical slot */
  Bulk *bulk;
  char *failure;                /* the cause a failed Task reports */
  /* end of input: a task finishes when every producer it reads from has
   * finished and its EndOfPartitionEvent arrived */
  int producers;
  int producers_finished;
  gboolean bounded_source;
  gint64 records;               /* bounded source: records per subtask */
  double rate_per_s;
  gint64 running_since;         /* TaskManager time of RUNNING, -1 */
  FsimEventId task_timer;       /* the Task's next step on the TaskManager */
  StreamTask *task;             /* the data plane: its writers, input gate and
                                 * mailbox (stream-task.c); NULL until the
                                 * Task is DEPLOYING */
  gboolean restored;            /* a restart gave it restore (JobManagerTaskRestore) */
  FsimStoreRestore restore;
};

/* ExecutionVertex: one subtask and its attempts (currentExecution and the
 * executionHistory of ExecutionVertex). Only the current attempt is
 * registered with the JobMaster: a report for any other is stale. */
struct _ExecutionVertex {
  const FsimExecutionVertex *vertex;
  Execution *current;
  GPtrArray *prior;             /* Execution*, earlier attempts, oldest first */
  SubtaskStore *store;          /* its state across attempts; NULL until used */
};

struct _JobMaster {
  const FsimExecutionGraph *eg;
  char *name;
  FsimJobStatus status;
  FsimJobType type;
  ExecutionVertex *vertices;    /* [n_vertices], by ExecutionVertex index */
  int n_vertices;
  SharedSlot *shared_slots;     /* [n_shared], by group index */
  int n_shared;
  GPtrArray *bulks;             /* Bulk*, owned */
  gboolean *region_scheduled;   /* [n_regions] */
  gboolean *region_restarting;  /* [n_regions]: waiting for its cancellation
                                 * (DefaultScheduler.verticesWaitingForRestart) */
  gint64 *region_restart_at;    /* [n_regions]: restartTasks not before (the
                                 * restart strategy's backoff) */
  FsimEventId *region_restart_timer; /* [n_regions]: the delayed restartTasks */
  FsimRestartStrategy *restarts;/* the job's RestartBackoffTimeStrategy */
  int n_regions;
  GQueue pending_requests;      /* SharedSlot*, request order */
  /* slot-pool.c: a min-heap of guint64 (taskmanager index << 32 | slot)
   * holding every IN_POOL slot (and stale entries, dropped when seen) */
  GArray *pool_slots;
  int declared;                 /* slots declared to the ResourceManager */
  gboolean declare_scheduled;
  /* Of the current attempts only (an earlier attempt never counts): kept by
   * the one checked transition and by resetForNewExecution. */
  int n_finished;
  int n_terminal;
  char *failure;                /* the root cause once failing */
  FsimCheckpointCoordinator *checkpoints; /* NULL: checkpointing disabled */
  StopWithSavepoint *stop;      /* the last stop-with-savepoint; NULL: none */
  GPtrArray *source_coordinators; /* SourceCoordinator*, aligned sources, topological */
  GPtrArray *alignment_groups;  /* the CoordinatorStore's watermark groups, owned */
};

struct _FsimCluster {
  FsimSim *sim;
  FsimTrace *trace;
  FsimClusterSettings settings;
  GPtrArray *taskmanagers;      /* TaskManager*, registration order */
  int next_allocation;
  int rm_required;              /* slots the job declared, as the RM knows it */
  gboolean requirement_check_scheduled;
  JobMaster *job;               /* NULL until submitted */
  gboolean shut_down;
  gboolean run_end_traced;
  gboolean stalled;             /* sim.max-events-without-progress ended the run */
  /* heartbeat.c: each HeartbeatManagerSenderImpl's pending tick ([1] the
   * ResourceManager's, [0] the JobMaster's) and the time of its next tick
   * on its heartbeat.interval grid, kept while it is stopped */
  FsimEventId heartbeat_tick[2];
  gint64 heartbeat_next[2];
  FsimEventId metric_sample;    /* metric-sampler.c: the next sample */
  gboolean verdict_traced;
  gboolean *not_replayable;     /* [ExecutionVertex index]: a source that cannot
                                 * rewind (exactly-once.c), made on first use */
  /* unaligned checkpoints' channel state: checkpoint id -> the set of
   * record identities (gint64) it replays (task-checkpoint.c) */
  GHashTable *channel_state;
};

/* --- execution-state.c, job-status.c: Flink's names, by enum value --- */
extern const char *const fsim_sched_execution_state_names[FSIM_EXECUTION_STATE_COUNT];
extern const char *const fsim_sched_job_status_names[FSIM_JOB_STATUS_COUNT];

/* --- transition.c: the tables behind the state machines --- */
/* A legal transition and the Flink method that performs it. */
typedef struct {
  int from, to;
  const char *rule;
} Transition;
/* The rule for from -> to in table[n], or NULL if illegal. */
const char *fsim_sched_transition_rule (const Transition *table, gsize n, int from, int to);
/* fsim_sched_transition_rule, but an illegal step aborts naming the machine and the states:
 * a scheduler bug, never user input (Flink: IllegalStateException). */
const char *fsim_sched_transition_checked (const Transition *table, gsize n, int from, int to,
                                const char *machine, const char *from_name,
                                const char *to_name);

/* --- cluster.c --- */
/* A record of kind k at now, with every subject "none" and why set. */
FsimTraceRecord fsim_sched_cluster_record (FsimCluster *c, FsimSchedKind k, const char *why);
void fsim_sched_cluster_trace (FsimCluster *c, const FsimTraceRecord *r);
/* Delivers an RPC: func (payload) after sim.rpc-latency; payload_free
 * frees the payload once (g_free for the payloads below without strings). */
void fsim_sched_cluster_rpc (FsimCluster *c, FsimEventFunc func, gpointer payload,
                             GDestroyNotify payload_free);
/* The job reached a globally terminal state: release everything, stop
 * heartbeats so that the event queue drains. */
void fsim_sched_cluster_shutdown (FsimCluster *c);
/* "TaskManager 1 slot 0" (transfer full) */
char *fsim_sched_task_slot_name (const TaskSlot *slot);

/* --- event payloads: one struct per RPC or timer, each freed once -------
 * A payload points at cluster-owned objects (which live until the cluster
 * is freed) or names them by id; a string it carries is its own copy. */

/* An event of the cluster itself (a process starts, a batched check runs). */
typedef struct {
  FsimCluster *c;
} ClusterEvent;
ClusterEvent *fsim_sched_cluster_event_new (FsimCluster *c);

/* TaskExecutor <-> ResourceManager / JobMaster about one TaskManager:
 * registerTaskExecutor, sendSlotReport, registerTaskManager and replies. */
typedef struct {
  FsimCluster *c;
  TaskManager *tm;
} TaskManagerRpc;
TaskManagerRpc *fsim_sched_taskmanager_rpc_new (FsimCluster *c, TaskManager *tm);

/* A heartbeat request or answer, a sender tick (tm NULL) or a monitor's
 * timeout; rm: the ResourceManager's heartbeat manager, else the JobMaster's. */
typedef struct {
  FsimCluster *c;
  TaskManager *tm;
  gboolean rm;
} HeartbeatRpc;
HeartbeatRpc *fsim_sched_heartbeat_rpc_new (FsimCluster *c, TaskManager *tm, gboolean rm);

/* requestSlot (RM -> TM), offerSlots (TM -> JM; SlotOffer) and freeSlot
 * (JM -> TM) for one slot under one AllocationID; why: freeSlot's reason. */
typedef struct {
  FsimCluster *c;
  TaskSlot *slot;
  int allocation;
  char *why;                    /* owned, or NULL */
} SlotRpc;
SlotRpc *fsim_sched_slot_rpc_new (FsimCluster *c, TaskSlot *slot, const char *why);
void fsim_sched_slot_rpc_free (SlotRpc *rpc);

/* declareRequiredResources: the job's total slot need. */
typedef struct {
  FsimCluster *c;
  int slots;
} DeclareRpc;

/* submitTask / cancelTask for one attempt (TaskDeploymentDescriptor). */
typedef struct {
  FsimCluster *c;
  FsimExecutionAttemptId id;
} TaskRpc;
TaskRpc *fsim_sched_task_rpc_new (FsimCluster *c, const Execution *e);

/* updateTaskExecutionState (TaskExecutionState): cause is a FAILED Task's. */
typedef struct {
  FsimCluster *c;
  FsimExecutionAttemptId id;
  FsimExecutionState state;
  char *cause;                  /* owned, or NULL */
} TaskReport;
void fsim_sched_task_report_free (TaskReport *report);

/* A Task's own next step on its TaskManager (not an RPC). */
typedef struct {
  FsimCluster *c;
  Execution *e;
} TaskTimer;

/* The bulk checker's next look at one bulk. */
typedef struct {
  FsimCluster *c;
  Bulk *bulk;
} BulkCheck;

/* --- taskmanager.c --- */
TaskManager *fsim_sched_taskmanager_new (FsimCluster *c, int number);
void fsim_sched_taskmanager_free (TaskManager *tm);
/* Starts the TaskExecutor: it registers at the ResourceManager. */
void fsim_sched_taskmanager_start (FsimCluster *c, TaskManager *tm);
/* TaskExecutor.requestSlot from the ResourceManager (already delayed). */
void fsim_sched_taskmanager_request_slot (FsimCluster *c, TaskSlot *slot);
/* TaskExecutor.submitTask (already delayed). */
void fsim_sched_taskmanager_submit_task (FsimCluster *c, Execution *e);
/* TaskExecutor.cancelTask (already delayed). */
void fsim_sched_taskmanager_cancel_task (FsimCluster *c, Execution *e);
/* TaskExecutor.freeSlot: the JobMaster gives the slot back. */
void fsim_sched_taskmanager_free_slot (FsimCluster *c, TaskSlot *slot, const char *why);
/* stop-with-savepoint.c: the synchronous savepoint's future is done
 * (the coordinator's host), and an execution became terminal. */
void fsim_sched_stop_with_savepoint_done (FsimCluster *c, gint64 checkpoint_id,
                                         gboolean completed, FsimCheckpointFailureReason reason);
void fsim_sched_stop_with_savepoint_on_terminal (FsimCluster *c);
void fsim_sched_stop_with_savepoint_free (StopWithSavepoint *s);

/* The Task ends: its output ends (EndOfPartitionEvent downstream), FINISHED
 * is reported to the JobMaster. */
void fsim_sched_taskmanager_finish_task (FsimCluster *c, Execution *e, const char *why);
/* An EndOfPartitionEvent from a finished producer reached e's Task. */
void fsim_sched_taskmanager_end_of_partition (FsimCluster *c, Execution *e);
/* A heartbeat request arrived from the RM (rm = TRUE) or the JobMaster. */
void fsim_sched_taskmanager_heartbeat_request (FsimCluster *c, TaskManager *tm, gboolean rm);

/* TaskExecutor: the Task failed (a fault); reported to the JobMaster. */
void fsim_sched_taskmanager_fail_task (FsimCluster *c, Execution *e, const char *cause, const char *why);
/* The TaskManager process dies: timers stop, nothing is reported. */
void fsim_sched_taskmanager_kill (FsimCluster *c, TaskManager *tm);

/* --- resource-manager.c --- */
void fsim_sched_resource_manager_register_taskmanager (FsimCluster *c, TaskManager *tm);
void fsim_sched_resource_manager_slot_report (FsimCluster *c, TaskManager *tm);
/* closeTaskManagerConnection: its slots are gone; requirements are checked again. */
void fsim_sched_resource_manager_taskmanager_lost (FsimCluster *c, TaskManager *tm);
/* The job's total slot requirement arrived (declareRequiredResources). */
void fsim_sched_resource_manager_declare (FsimCluster *c, int slots);
/* Free slots in the whole cluster / slots in total (registered TMs). */
int fsim_sched_resource_manager_free_slots (FsimCluster *c);
int fsim_sched_resource_manager_total_slots (FsimCluster *c);

/* --- slot-pool.c --- */
/* Requests the shared slots of a bulk and registers its timeout check. */
void fsim_sched_slot_pool_request_bulk (FsimCluster *c, Bulk *bulk);
/* TaskExecutor.offerSlots arrived at the JobMaster. */
void fsim_sched_slot_pool_offer (FsimCluster *c, TaskSlot *slot);
/* Drops e's logical slot; an emptied shared slot goes back to the pool
 * (batch) or is kept until the job ends (streaming). */
void fsim_sched_slot_pool_release_logical (FsimCluster *c, Execution *e);
/* Releases every slot of the job back to the TaskManagers. */
void fsim_sched_slot_pool_release_all (FsimCluster *c, const char *why);
/* The JobMaster lost a TaskManager: its slots and their tasks fail. */
void fsim_sched_slot_pool_taskmanager_lost (FsimCluster *c, TaskManager *tm, const char *cause);

/* --- heartbeat.c --- */
/* Starts the periodic heartbeat requests of the ResourceManager (rm) or the
 * JobMaster (HeartbeatManagerSenderImpl). */
void fsim_sched_heartbeat_start (FsimCluster *c, gboolean rm);
/* HeartbeatManager.monitorTarget: the timeout runs from now. */
void fsim_sched_heartbeat_monitor_target (FsimCluster *c, TaskManager *tm, gboolean rm);
/* A heartbeat response from tm reached the RM (rm) or the JobMaster. */
void fsim_sched_heartbeat_received (FsimCluster *c, TaskManager *tm, gboolean rm);

/* --- deployment.c --- */
void fsim_sched_deployer_allocate_slots_and_deploy (FsimCluster *c, Bulk *bulk);
/* A shared slot of bulk got its physical slot. */
void fsim_sched_deployer_slot_assigned (FsimCluster *c, Bulk *bulk, SharedSlot *shared);
/* DefaultScheduler.cancelAllPendingSlotRequestsForVertices: a PENDING
 * bulk of a restarting region gives up its requests. */
void fsim_sched_deployer_bulk_cancel (FsimCluster *c, Bulk *bulk);
/* The bulk could not be fulfilled in time. */
void fsim_sched_deployer_bulk_failed (FsimCluster *c, Bulk *bulk, const char *cause, const char *why);

/* --- execution.c --- */
Execution *fsim_sched_execution_new (const FsimExecutionVertex *v, int attempt);
void fsim_sched_execution_free (Execution *e);
/* Its ExecutionAttemptID. */
FsimExecutionAttemptId fsim_sched_execution_id (const Execution *e);
/* The ExecutionVertex of (ExecutionJobVertex index, subtask), or NULL. */
ExecutionVertex *fsim_sched_job_master_vertex (JobMaster *jm, int vertex, int subtask);
/* The ExecutionVertex of v. */
ExecutionVertex *fsim_sched_vertex_of (JobMaster *jm, const FsimExecutionVertex *v);
/* v's current attempt. */
Execution *fsim_sched_current (JobMaster *jm, const FsimExecutionVertex *v);
/* The attempt id names, current or earlier (a TaskManager's Tasks are
 * found by ExecutionAttemptID), or NULL. */
Execution *fsim_sched_job_master_attempt (JobMaster *jm, const FsimExecutionAttemptId *id);
/* TRUE if id is the current attempt of its vertex and not terminal: the
 * JobMaster's registered executions (DefaultExecutionGraph.currentExecutions). */
gboolean fsim_sched_attempt_is_registered (JobMaster *jm, const FsimExecutionAttemptId *id);
/* ExecutionVertex.resetForNewExecution: the current attempt, which must be
 * terminal, joins the prior ones and a new attempt (number + 1) in CREATED
 * takes its place; the terminal counts forget the old one. */
void fsim_sched_execution_vertex_reset (FsimCluster *c, ExecutionVertex *ev);
/* The one way an Execution changes state: checked, the facts of the new
 * state asserted, traced, and the scheduler is told
 * (DefaultScheduler.onTaskFinished / onTaskFailed). Only the current
 * attempt of a vertex changes state. */
void fsim_sched_execution_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                           const char *detail, const char *why);
/* The same for the TaskManager's Task. */
void fsim_sched_task_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                      const char *detail, const char *why);
/* A record about e (vertex, subtask, attempt, label, slot if any). */
FsimTraceRecord fsim_sched_execution_record (FsimCluster *c, Execution *e, FsimSchedKind k,
                                  const char *why);

/* --- event-time-trace.c: --detail event-time's records --- */
/* channel-watermark: what a watermark (is_status FALSE) or a status (idle)
 * from channel of input did to valve, the valve's why given; holder_silent_us:
 * how long the channel now holding the minimum has sent no watermark (-1:
 * it sent none, or no channel is aligned). */
void fsim_sched_trace_channel_watermark (FsimCluster *c, Execution *e, int input, guint channel,
                                         const char *producer, gboolean is_status,
                                         gboolean idle, gint64 watermark,
                                         const FsimWatermarkValve *valve, const char *why,
                                         gint64 holder_silent_us);
/* Which channel holds each valve's minimum, for a watermark record.
 * (transfer full) */
char *fsim_sched_describe_valves (gint64 watermark, FsimWatermarkValve *const *valves,
                                  int n_inputs);
/* "Window: [0, 5000) key 1: 42, …", a window-fired record's detail. (transfer full) */
char *fsim_sched_describe_firings (const char *op_name, const GArray *fired);
/* window-created / -merged (pre) or window-purged / late-record (!pre)
 * from the operator's FsimWindowEvent; !pre empties events. */
void fsim_sched_trace_window_events (FsimCluster *c, Execution *e, const char *op_name,
                                     GArray *events, gboolean pre);

/* --- source-coordinator.c: watermark alignment's SourceCoordinators --- */
/* One per aligned FLIP-27 source, when the JobMaster is created. */
void fsim_sched_source_coordinators_new (FsimCluster *c);
void fsim_sched_source_coordinators_free (JobMaster *jm);
/* The scheduler starts (the first RUNNING): their periodic announcements. */
void fsim_sched_source_coordinators_start (FsimCluster *c);
/* The job is globally terminal: no more announcements. */
void fsim_sched_source_coordinators_stop (FsimCluster *c);
/* The index of ejv's coordinator, or -1 (not an aligned source). */
int fsim_sched_source_coordinator_of (FsimCluster *c, const FsimExecutionJobVertex *ejv);
/* A ReportedWatermarkEvent from e's SourceOperator, by RPC. */
void fsim_sched_source_coordinator_report (FsimCluster *c, const Execution *e, gint64 watermark);
/* stream-task.c: a WatermarkAlignmentEvent reached e's task. */
void fsim_sched_stream_task_watermark_alignment (FsimCluster *c, Execution *e,
                                                 gint64 max_allowed);

/* --- scheduler.c --- */
JobMaster *fsim_sched_job_master_new (FsimCluster *c, const FsimExecutionGraph *eg);
void fsim_sched_job_master_free (JobMaster *jm);
/* The JobMaster runs: CREATED -> RUNNING, startScheduling. */
void fsim_sched_scheduler_start (FsimCluster *c);
/* Called by fsim_sched_execution_transition after every JobManager-side change. */
void fsim_sched_scheduler_on_execution_state (FsimCluster *c, Execution *e, FsimExecutionState from,
                                   const char *detail);
/* A task failed (markFailed): the failover decision. */
void fsim_sched_scheduler_handle_task_failure (FsimCluster *c, Execution *e, const char *cause);
void fsim_sched_job_status_transition (FsimCluster *c, FsimJobStatus to, const char *detail,
                            const char *why);
/* SchedulerBase.handleGlobalFailure: the restart strategy decides; a
 * restart restarts every region, else failJob. */
void fsim_sched_scheduler_handle_global_failure (FsimCluster *c, const char *cause,
                                                 const char *why);
/* DefaultScheduler.failJob: FAILING, every current attempt cancelled. */
void fsim_sched_scheduler_fail_job (FsimCluster *c, const char *cause, const char *why);

/* --- the data plane -------------------------------------------------------
 *
 * docs/design.md, "How records flow", tells the whole story. Who is who:
 *   network-buffer.c  NetBuffer (a network buffer and the records that end in
 *                     it), OutputPool (a ResultPartition's LocalBufferPool),
 *                     the receiver's buffers of a RemoteInputChannel
 *                     (BufferManager) and the gate's floating pool
 *   record-writer.c   RecordWriter: a task's output to one ResultPartition,
 *                     its subpartitions, their channels, flushing, finish
 *   input-gate.c      the consumer side: DataChannel arrivals, the gate's
 *                     queue of channels with data, credits, recycling
 *   stream-task.c     StreamTask: the mailbox's default action, the operator
 *                     chain's cost and selectivity, sources, backpressure
 */

/* What a stream element is (StreamElementSerializer's tags). */
typedef enum {
  ELEMENT_RECORD,               /* a StreamRecord */
  ELEMENT_WATERMARK,            /* a Watermark: 13 bytes on the wire */
  ELEMENT_STATUS,               /* a WatermarkStatus: 9 bytes */
} ElementKind;

/* The exact facts of one stream element, which travel with it in its
 * buffer's order: a record (key, event time, identity), a watermark (its
 * value in Java ms, in timestamp_us's place) or a watermark status (key 1:
 * IDLE, 0: ACTIVE).
 *
 * A record's identity is where it came from: the subtask that made it
 * (origin, an ExecutionVertex index: a source's subtask, or the window
 * that fired it) and its offset there (a source's split offset; a fired
 * result's attempt << 32 | its number). Everything drawn for a record (its
 * disorder, the keys an operator gives it, how many records it becomes) is
 * a function of its identity, as Flink needs of user functions for a replay
 * after a restore to redo what was undone. epoch is the last checkpoint
 * whose barrier its origin had sent before making it (0: none): the
 * exactly-once ledger (exactly-once.c) reads it. 32 bytes. */
typedef struct {
  gint64 timestamp_us;          /* event time; a watermark's ms */
  gint64 offset;                /* its offset at its origin */
  gint32 key;                   /* the Integer key a keyBy hashes */
  gint32 epoch;
  guint32 origin : 24;          /* ExecutionVertex index of its origin */
  guint32 kind : 8;             /* ElementKind */
} RecordFact;

/* Wire bytes of an element (length prefix + StreamElementSerializer). */
gint64 fsim_sched_element_bytes (const RecordFact *r, gint64 record_size);

typedef struct _RecordWriter RecordWriter;
typedef struct _Subpartition Subpartition;
typedef struct _DataChannel DataChannel;
typedef struct _InputGate InputGate;
typedef struct _Segment Segment;

/* A network buffer: its bytes and the records that end in it (a record
 * spanning buffers belongs to the one its last byte is in, the one whose
 * deserialization completes it). The channel item's payload. */
typedef struct {
  gint64 bytes;
  RecordFact *records;
  guint n_records;
  guint cap;
  /* the producer's pool segment it is part of, until it is recycled
   * (NULL: none, e.g. a remote receiver's copy) */
  Segment *segment;
  RecordWriter *writer;
  int subpartition;
  gboolean floating;            /* at a remote receiver: in a floating buffer */
  gboolean end_of_partition;    /* an EndOfPartitionEvent, not data */
  /* a CheckpointBarrier, or with cancel a CancelCheckpointMarker(barrier.id) */
  gboolean checkpoint_event;
  gboolean cancel;
  gboolean priority;            /* an unaligned barrier: it overtakes data */
  FsimCheckpointBarrier barrier;
  gint64 sent_us;               /* when the producer broadcast it */
  guint64 seq;                  /* its FsimChannel sequence number */
  int queued_ahead;             /* data buffers ahead of it in its subpartition then */
  gint64 overtaken_bytes;       /* at the consumer: data bytes it jumped ahead of */
} NetBuffer;

/* TRUE for an event (end of partition, barrier, cancel marker): no
 * credit, no receiver buffer, no records. */
#define fsim_sched_net_buffer_is_event(b) ((b)->end_of_partition || (b)->checkpoint_event)

NetBuffer *fsim_sched_net_buffer_new (RecordWriter *writer, int subpartition);
void fsim_sched_net_buffer_free (NetBuffer *b);
void fsim_sched_net_buffer_add (NetBuffer *b, const RecordFact *r);

/* A ResultPartition's LocalBufferPool (PIPELINED_BOUNDED): size n * B + F
 * for n subpartitions, at most M buffers per subpartition before the pool
 * is unavailable, and O overdraft buffers past its size. */
typedef struct {
  int size;
  int requested;                /* segments requested, not yet recycled */
  int max_per_subpartition;     /* M */
  int max_overdraft;            /* O */
  GHashTable *per_subpartition; /* int -> int: buffers of a subpartition in use
                                 * (looked up, never iterated) */
  int at_cap;                   /* subpartitions holding >= M */
} OutputPool;

void fsim_sched_output_pool_init (OutputPool *pool, const FsimClusterSettings *s, int n_subpartitions);
void fsim_sched_output_pool_clear (OutputPool *pool);
/* LocalBufferPool.requestMemorySegment for subpartition s: FALSE when
 * neither a pool segment nor an overdraft one is left (the task blocks). */
gboolean fsim_sched_output_pool_request (OutputPool *pool, int s);
void fsim_sched_output_pool_recycle (OutputPool *pool, int s);
/* LocalBufferPool availability: a segment left within the pool size and no
 * subpartition at its cap M. */
gboolean fsim_sched_output_pool_available (const OutputPool *pool);
int fsim_sched_output_pool_count (const OutputPool *pool, int s);

/* An input gate's floating buffers (its LocalBufferPool) and the channels
 * waiting for one, first come first served. */
typedef struct {
  int size;                     /* F */
  int lent;                     /* held by channels, free or holding data */
  GQueue waiting;               /* DataChannel*, registered buffer listeners */
} FloatingPool;

/* One channel from a producer's subpartition to a consumer's input channel:
 * the FsimChannel (sim/) and both ends' bookkeeping. Created when it first
 * carries something. */
struct _DataChannel {
  FsimCluster *c;
  FsimChannel *wire;
  RecordWriter *writer;         /* producer side */
  int subpartition;
  FsimExecutionAttemptId consumer;
  int gate;                     /* the consumer's input (JobEdge) index */
  int channel_index;            /* in that gate: the producer partition's
                                 * offset in its consumed partition group */
  gboolean remote;
  /* consumer side (RemoteInputChannel + BufferManager; a local channel uses
   * none of the buffer counts) */
  GQueue received;              /* NetBuffer*, arrived, not yet polled */
  gboolean queued;              /* in the gate's queue of channels with data */
  gboolean ended;               /* its EndOfPartitionEvent was polled */
  gboolean known;               /* the consumer counts it among its inputs */
  int exclusive_free;           /* exclusive buffers free for data */
  int floating_free;            /* floating buffers held, free for data */
  int floating_held;            /* floating buffers held, free or in use */
  int num_required;             /* backlog + initial credit */
  gboolean waiting_floating;    /* registered as a listener of the gate's pool */
  gboolean credit_starved;      /* producer side: data queued, no credit (traced once
                                 * per episode) */
  /* unaligned checkpoints: which data becomes input channel state */
  FsimChannelStatePersister persister;
  gboolean registered;          /* the consumer's checkpointing knows it */
  /* aligned checkpoints: when the consumer's channel-blocked record for the
   * current block was written (block_traced), for the channel-resumed one */
  gboolean block_traced;
  gint64 blocked_us;
};

/* A task's inputs: the channels with data, in the order they got it, and a
 * floating pool per input gate. */
struct _InputGate {
  GQueue with_data;             /* DataChannel* */
  FloatingPool *floating;       /* [n_gates] */
  int n_gates;
};

/* --- record-writer.c --- */
/* The writers of e, one per produced partition, with their pools. */
void fsim_sched_writers_new (FsimCluster *c, Execution *e, GPtrArray *out);
void fsim_sched_writer_free (RecordWriter *w);
int fsim_sched_writer_n_subpartitions (const RecordWriter *w);
/* The next record's subpartition (ChannelSelector), or FSIM_CHANNEL_SELECTOR_ALL. */
int fsim_sched_writer_select (RecordWriter *w, gint32 key);
/* Bytes free in subpartition s's open buffer; -1 if it has none. */
gint64 fsim_sched_writer_space (RecordWriter *w, int s);
/* A step of the task (numbered from 1) will write one more record to s:
 * TRUE if writing it needs a new buffer or finishes one (the step must end
 * with it). */
gboolean fsim_sched_writer_stage (RecordWriter *w, int s, guint64 step, gint64 bytes);
/* Appends a serialized record to subpartition s: FALSE if a buffer had to
 * be requested and none was left; then nothing of the record was written
 * past the last finished buffer, and the caller retries after a recycle
 * (*written tells how far it got). */
gboolean fsim_sched_writer_append (RecordWriter *w, int s, const RecordFact *r, gint64 *written);
/* Every open buffer with data goes out (RecordWriter.flushAll). */
void fsim_sched_writer_flush_all (RecordWriter *w);
/* ResultPartition.finish: flush, then an EndOfPartitionEvent on every
 * subpartition. */
void fsim_sched_writer_finish (RecordWriter *w);
gboolean fsim_sched_writer_available (const RecordWriter *w);
/* Finishes a record fsim_sched_writer_append left half written: FALSE
 * while still no segment is left. */
gboolean fsim_sched_writer_retry (RecordWriter *w);
gboolean fsim_sched_writer_has_pending (const RecordWriter *w);
const FsimResultPartition *fsim_sched_writer_partition (const RecordWriter *w);
gint64 fsim_sched_writer_bytes_out (const RecordWriter *w);
const OutputPool *fsim_sched_writer_pool (const RecordWriter *w);
/* Why the pool is unavailable, naming the subpartition and its channel
 * (transfer full). */
char *fsim_sched_writer_describe_unavailable (const RecordWriter *w);
/* b lets go of its segment; the last one to do so gives it back to the
 * producer's pool (and may wake the producer). */
void fsim_sched_net_buffer_release_segment (NetBuffer *b);
/* The same when everything is freed: no pool, no wake-up. */
void fsim_sched_net_buffer_drop_segment (NetBuffer *b);
/* Buffers handed to channels: finished ones and flushed parts. */
gint64 fsim_sched_writer_buffers_sent (const RecordWriter *w);
gint64 fsim_sched_writer_flush_timeout_us (const RecordWriter *w);
/* One channel-sample record per channel this writer has, by subpartition. */
void fsim_sched_writer_trace_channels (RecordWriter *w);
/* What a channel-sample record of w says now, typed, one state per
 * subpartition with a channel, in subpartition order. */
void fsim_sched_writer_channel_states (RecordWriter *w, GArray *out);
/* The same for every writer of e's task (none without one). */
void fsim_sched_stream_task_channel_states (Execution *e, GArray *out);
/* The producer's buffers out so far (finished). */
gint64 fsim_sched_writer_buffers_out (const RecordWriter *w);
Execution *fsim_sched_writer_producer (const RecordWriter *w);

/* --- input-gate.c --- */
/* A buffer or event arrived on ch (FsimChannel delivery). */
void fsim_sched_gate_deliver (DataChannel *ch, NetBuffer *b);
/* The next buffer of e's gates, round robin over channels with data
 * (SingleInputGate.pollNext / UnionInputGate), or NULL. */
NetBuffer *fsim_sched_gate_poll (Execution *e, DataChannel **from);
/* The consumer is done with b from ch: the receiver buffer goes back (credit
 * or a floating buffer to the gate), a local buffer to the producer's pool. */
void fsim_sched_gate_recycle (DataChannel *ch, NetBuffer *b);
void fsim_sched_data_channel_free (DataChannel *ch);
/* RemoteInputChannel.convertToPriorityEvent: b, queued at ch, moves ahead
 * of the data (an announced barrier whose alignment timed out). */
void fsim_sched_channel_to_priority (DataChannel *ch, NetBuffer *b);
/* The channel of (writer, subpartition), created on first use. */
DataChannel *fsim_sched_data_channel_new (FsimCluster *c, RecordWriter *w, int s);

/* --- stream-task.c --- */
/* The Task is RUNNING: the mailbox starts its default action. */
void fsim_sched_stream_task_start (FsimCluster *c, Execution *e);
/* The task stops (cancel, fail, the process dies): no more steps. */
void fsim_sched_stream_task_stop (FsimCluster *c, Execution *e);
void fsim_sched_stream_task_free (StreamTask *t);
/* Something the task may be waiting for happened: input arrived, an
 * output segment was recycled. */
void fsim_sched_stream_task_wake (FsimCluster *c, Execution *e);
/* The input gate of e, and its floating pool for one input (created with
 * the task, on first use). */
InputGate *fsim_sched_stream_task_gate (FsimCluster *c, Execution *e);
FloatingPool *fsim_sched_stream_task_floating (Execution *e, int gate);
/* What a task did so far, as its TaskIOMetricGroup counts it: records
 * into the head operator and out to its writers, finished buffers out,
 * and its time in µs (idle: waiting for input; soft / hard backpressure:
 * waiting for an output buffer), the current period counted up to now. */
typedef struct {
  gint64 records_in;
  gint64 records_out;
  gint64 buffers_out;           /* finished buffers (numBuffersOut) */
  gint64 buffers_sent;          /* buffers handed to channels, flushed parts too */
  gint64 bytes_out;
  gint64 idle_us;
  gint64 busy_us;
  gint64 soft_backpressured_us;
  gint64 hard_backpressured_us;
  /* event time (ms; FSIM_WATERMARK_NONE before the first) */
  gint64 input_watermark;       /* currentInputWatermark: the inputs combined */
  gint64 output_watermark;      /* the last watermark sent to the writers */
  gint64 watermarks_out;        /* watermarks sent to the writers */
  gint64 windows_fired;         /* window results emitted by the chain */
  gint64 window_records;        /* records in the windows fired */
  gint64 late_dropped;          /* numLateRecordsDropped of the chain's windows */
  gint64 late_side_output;      /* late records to their late data side output */
} StreamTaskStats;
/* All zero for a task that never ran. */
void fsim_sched_stream_task_get_stats (FsimCluster *c, const Execution *e, StreamTaskStats *out);

/* A remote channel delivered to e for the first time (its buffers count
 * in e's inPoolUsage). */
void fsim_sched_stream_task_input_channel (Execution *e, DataChannel *ch);
/* The metric system's look at a running task at a whole second: its
 * metrics learn what it did, update their views when update (every
 * View.UPDATE_INTERVAL_SECONDS), and one sample goes into the trace. */
void fsim_sched_stream_task_sample (FsimCluster *c, Execution *e, gboolean update);
/* The task's counters at its end, as its final TaskExecutionState's
 * IOMetrics carry them (before the task is stopped). */
void fsim_sched_stream_task_trace_final (FsimCluster *c, Execution *e);

/* SortingDataInput (in BATCH): an end of input that a sorting task holds
 * back until it has emitted its sorted records. TRUE while e's task still
 * sorts or emits: the last EndOfPartitionEvent does not finish it, it
 * finishes itself after its sorted output. */
gboolean fsim_sched_stream_task_holds_end_of_data (const Execution *e);

/* --- sorting-input.c --- */
/* A keyed operator's sorted inputs in BATCH (SortingDataInput,
 * MultiInputSortingDataInput): records of input 0 or 1 taken in until
 * END_OF_DATA, then handed out by key, then timestamp, then input. */
typedef struct _SortingInput SortingInput;
typedef struct {
  gint64 records;               /* sorted */
  gint64 keys;                  /* distinct keys among them */
  gint64 comparisons;           /* charged: each input's sort, and the merge */
} SortingInputStats;
SortingInput *fsim_sched_sorting_input_new (void);
void fsim_sched_sorting_input_free (SortingInput *s);
/* A record (not a watermark) of a sorted input into the sorter, before
 * END_OF_DATA. */
void fsim_sched_sorting_input_take (SortingInput *s, int input, const RecordFact *r);
/* A watermark the input would have forwarded: the largest is kept. */
void fsim_sched_sorting_input_watermark (SortingInput *s, int input, gint64 watermark);
/* END_OF_DATA of every input: the records are sorted (sorted_inputs of
 * them, 1 or 2, were sorted); what was sorted. */
void fsim_sched_sorting_input_end_of_data (SortingInput *s, int sorted_inputs,
                                           SortingInputStats *out);
/* TRUE until END_OF_DATA. */
gboolean fsim_sched_sorting_input_reading (const SortingInput *s);
/* The next sorted record and its input (may be NULL); FALSE before
 * END_OF_DATA or after the last. */
gboolean fsim_sched_sorting_input_next (SortingInput *s, RecordFact *out, int *input);
gboolean fsim_sched_sorting_input_has_next (const SortingInput *s);
/* The largest watermark input saw (ms), G_MININT64 if none. */
gint64 fsim_sched_sorting_input_watermark_seen (const SortingInput *s, int input);
/* Key comparisons charged for sorting n records: n * ceil(log2 n), 0 for
 * n < 2; and the time of some comparisons at cost_ns each, in µs rounded
 * up. */
gint64 fsim_sched_sort_comparisons (gint64 n);
gint64 fsim_sched_sort_time_us (gint64 comparisons, gint64 comparison_cost_ns);

/* --- metric-sampler.c --- */
/* Samples every running task once a simulated second from the next whole
 * second on, while the job runs; started by the first task to run. */
void fsim_sched_metric_sampler_start (FsimCluster *c);
void fsim_sched_metric_sampler_stop (FsimCluster *c);

/* The task ends its output: every writer flushes and sends its
 * EndOfPartitionEvent (ResultPartition.finish). */
void fsim_sched_stream_task_end_output (FsimCluster *c, Execution *e);

/* RecordWriter.broadcastEvent of a CheckpointBarrier (cancel FALSE) or a
 * CancelCheckpointMarker(barrier->id): every open builder is finished,
 * then the event goes on every subpartition. An aligned exactly-once
 * barrier blocks its subpartition until the consumer resumes it; an
 * unaligned one is a priority event that overtakes the queued buffers,
 * whose bytes (output channel state, ChannelStateWriter.addOutputData) are
 * returned; an edge that cannot take unaligned barriers (pointwise,
 * broadcast) gets it aligned (CheckpointOptions.withUnalignedUnsupported). */
gint64 fsim_sched_writer_broadcast_checkpoint_event (RecordWriter *w,
                                                     const FsimCheckpointBarrier *barrier,
                                                     gboolean cancel);
/* PipelinedSubpartition.alignedBarrierTimeout: a timeoutable barrier of id
 * still queued in a subpartition becomes a priority (unaligned) one;
 * returns the bytes it overtook there. */
gint64 fsim_sched_writer_barrier_timeout (RecordWriter *w, gint64 id);

/* --- task-checkpoint.c: a task's side of checkpointing -------------------
 *
 * SubtaskCheckpointCoordinatorImpl with the task's
 * CheckpointBarrierHandler (CheckpointedInputGate): barriers and cancel
 * markers polled from the inputs go to the handler; a trigger (a source's
 * triggerCheckpoint RPC, or the handler's) broadcasts the barrier, takes
 * the snapshot's synchronous part on the task thread and its asynchronous
 * part beside it, and acknowledges to the JobMaster's coordinator. */
typedef struct _TaskCheckpoint TaskCheckpoint;

/* NULL when the job does not checkpoint. */
TaskCheckpoint *fsim_sched_task_checkpoint_new (FsimCluster *c, Execution *e, GPtrArray *writers);
void fsim_sched_task_checkpoint_free (TaskCheckpoint *tc);
/* The task polled a checkpoint event (b->checkpoint_event) from ch: to the
 * barrier handler. The caller frees b. */
void fsim_sched_task_checkpoint_on_event (TaskCheckpoint *tc, DataChannel *ch, NetBuffer *b);
/* The task polled an EndOfPartitionEvent from ch. */
void fsim_sched_task_checkpoint_on_end_of_partition (TaskCheckpoint *tc, DataChannel *ch);
/* The task polled a data buffer of bytes (bytesProcessedDuringAlignment). */
void fsim_sched_task_checkpoint_on_data_polled (TaskCheckpoint *tc, gint64 bytes);
/* Buffer or event b reached ch at the consumer, before it is queued: a
 * priority barrier goes to the head (returns TRUE), a timeoutable one
 * queued behind data is announced; data may be persisted as channel state. */
gboolean fsim_sched_task_checkpoint_on_arrival (TaskCheckpoint *tc, DataChannel *ch, NetBuffer *b);
/* A source task performs checkpoint barrier now (triggerCheckpointAsync's
 * mail ran). */
void fsim_sched_task_checkpoint_perform (TaskCheckpoint *tc, const FsimCheckpointBarrier *barrier);
/* notifyCheckpointComplete reached the task. */
void fsim_sched_task_checkpoint_notify_complete (TaskCheckpoint *tc, gint64 id);
/* A keyed operator of the chain (op) processed a record of key. */
/* The last checkpoint whose barrier the task sent (0: none; tc may be NULL):
 * the epoch of the records it makes. */
gint32 fsim_sched_task_checkpoint_epoch (const TaskCheckpoint *tc);
/* The task ended (finished or stopped): timers cancelled. */
void fsim_sched_task_checkpoint_stop (TaskCheckpoint *tc);

/* --- stream-task.c, for task-checkpoint.c --- */
/* The task thread spends sync_us on a snapshot's synchronous part before
 * it takes more input. */
void fsim_sched_stream_task_hold (Execution *e, gint64 sync_us);
/* A source's triggerCheckpoint arrived: the task performs it at its next
 * mailbox turn (now when idle or waiting for output, after the running
 * step otherwise). */
void fsim_sched_stream_task_trigger (Execution *e, const FsimCheckpointBarrier *barrier);
/* StreamTask.setSynchronousSavepoint: the task takes the stop-with-
 * savepoint's snapshot; it ends once that completes (afterInvoke waits
 * for finalCheckpointCompleted). */
void fsim_sched_stream_task_set_sync_savepoint (Execution *e, gint64 checkpoint_id);
/* StreamTask.notifyCheckpointCompleteAsync, a mail of top priority: the
 * synchronous savepoint's completion ends the task (a source at once, any
 * other once every input ended). */
void fsim_sched_stream_task_notify_complete (Execution *e, gint64 checkpoint_id);
/* StreamTask.notifyCheckpointAbortAsync: the synchronous savepoint's abort
 * fails the task ("Stop-with-savepoint failed."). */
void fsim_sched_stream_task_notify_aborted (Execution *e, gint64 checkpoint_id);
/* TRUE while the task took a synchronous savepoint that has not completed:
 * its inputs' end does not end it. */
gboolean fsim_sched_stream_task_awaits_final_checkpoint (const Execution *e);
TaskCheckpoint *fsim_sched_stream_task_checkpoint (Execution *e);
/* A source's next record (its split offset in a snapshot), else -1. */
gint64 fsim_sched_stream_task_source_offset (Execution *e);
/* Its window operators' state into the snapshot store just took. */
void fsim_sched_stream_task_snapshot_windows (Execution *e, SubtaskStore *store);

/* --- checkpoint-host.c --- */
/* The job's CheckpointCoordinator with the JobMaster as its host, or NULL
 * when execution.checkpointing.interval is unset. */
FsimCheckpointCoordinator *fsim_sched_checkpoint_coordinator_new (FsimCluster *c);

/* SchedulerBase.updateTaskExecutionState, a TaskManager's report arriving:
 * FALSE, and a stale-report record, when id is not a registered attempt. */
gboolean fsim_sched_scheduler_update_task_execution_state (FsimCluster *c,
                                                           const FsimExecutionAttemptId *id,
                                                           FsimExecutionState state,
                                                           const char *cause);
/* DefaultScheduler.restartTasksWithDelay for one region, without a restart
 * strategy or delay: RUNNING -> RESTARTING, its current attempts are
 * cancelled, and once all are terminal restartTasks resets them
 * (resetForNewExecution) and schedules the region again. */
void fsim_sched_scheduler_restart_region (FsimCluster *c, int region, const char *why);
/* The same, restartTasks not before delay_us from now
 * (DefaultScheduler.restartTasksWithDelay). */
void fsim_sched_scheduler_restart_region_with_delay (FsimCluster *c, int region, gint64 delay_us,
                                                     const char *why);

/* --- subtask-state.c: a subtask's state across its attempts --- */
/* Does operator n keep keyed state (a keyed operator, or one with
 * .stateSize(); a sink only with .stateSize())? */
gboolean fsim_sched_store_is_state_op (const FsimStreamNode *n);
/* The store of subtask v, made on first use, owned by the JobMaster. */
SubtaskStore *fsim_sched_store_of (FsimCluster *c, const FsimExecutionVertex *v);
void fsim_sched_store_free (SubtaskStore *s);
/* When its first attempt started (now, the first time asked). */
gint64 fsim_sched_store_time_zero (SubtaskStore *s, gint64 now);
/* A record into chain operator op: its keyed state and its ledger. */
void fsim_sched_store_note (SubtaskStore *s, int op, const RecordFact *r);
/* Bytes of keyed state, and of it changed since the last snapshot. */
void fsim_sched_store_measure (const SubtaskStore *s, gint64 *total, gint64 *changed);
gint64 fsim_sched_store_counted (const SubtaskStore *s, int op);
gint64 fsim_sched_store_keys (const SubtaskStore *s);
/* The synchronous part of checkpoint id: the state now is what it holds. */
void fsim_sched_store_snapshot (SubtaskStore *s, gint64 id, gint64 source_offset,
                                gint64 latest_completed);
/* With the snapshot just taken: window operator op's state (a copy). */
void fsim_sched_store_snapshot_window (SubtaskStore *s, int op, const FsimWindowOperator *win);
/* What the last restore gave window operator op (NULL: nothing, start
 * empty); valid until the next snapshot. */
const FsimWindowOperator *fsim_sched_store_restored_window (const SubtaskStore *s, int op);
/* Back to what checkpoint id holds (0: from scratch); FALSE if the subtask
 * has no snapshot in it (then from scratch too). */
gboolean fsim_sched_store_restore (SubtaskStore *s, gint64 id, GHashTable *channel_state,
                                   FsimStoreRestore *out);
/* Its operators' ledgers' totals, and their keys into dups / losts
 * (fsim_sched_ledger_counts_new tables); FALSE if it has no ledger. */
typedef struct {
  gint64 state_lost, state_dup, output_lost, output_dup;
  gint64 committed_dup;         /* of output_dup: a transactional sink's */
  gboolean committed;           /* some sink is transactional */
  gboolean direct;              /* some sink writes at once */
  gboolean keys_partial;        /* its per-key counts are not all there */
} FsimVerdictCounts;
/* TwoPhaseCommittingSink's committer on notifyCheckpointComplete(id):
 * every transaction a transactional sink (sinkTo) of the subtask
 * pre-committed at a snapshot up to id (a savepoint's too) and after its
 * last commit is committed: its records become visible. FALSE if the
 * subtask has no such sink or nothing to commit. */
typedef struct {
  gint64 checkpoint;
  gint64 records;               /* made visible now */
  gint64 visible;               /* visible in all */
  int transactions;             /* committed now (one per snapshot) */
  gint64 pending;               /* written and not visible yet */
} FsimSinkCommit;
gboolean fsim_sched_store_commit (SubtaskStore *s, gint64 id, FsimSinkCommit *out);
gboolean fsim_sched_store_ledger_totals (const SubtaskStore *s, FsimVerdictCounts *v,
                                         GHashTable *dups, GHashTable *losts);

/* --- exactly-once.c: the ledger of one operator's counted records --- */
typedef enum {
  FSIM_LEDGER_STATE,            /* keyed state */
  FSIM_LEDGER_COMMITTED,        /* a transactional sink (sinkTo) */
  FSIM_LEDGER_DIRECT,           /* a sink that writes at once (addSink, print) */
} FsimLedgerKind;
/* origin << 40 | the offset's low 40 bits: what channel state is keyed by */
gint64 fsim_sched_record_identity (const RecordFact *r);
/* not_replayable: by origin (ExecutionVertex index), the sources a restore
 * cannot rewind; it outlives the ledger. */
Ledger *fsim_sched_ledger_new (FsimLedgerKind kind, const gboolean *not_replayable);
/* The cluster's not_replayable table, made on first use. (transfer none) */
const gboolean *fsim_sched_not_replayable (FsimCluster *c);
void fsim_sched_ledger_free (Ledger *l);
FsimLedgerKind fsim_sched_ledger_kind (const Ledger *l);
void fsim_sched_ledger_count (Ledger *l, const RecordFact *r);
void fsim_sched_ledger_snapshot (Ledger *l, gint64 id, gint64 latest_completed);
/* A restore from checkpoint id (0: scratch); channel_state: the record
 * identities its channel state replays (a set of gint64), or NULL. */
void fsim_sched_ledger_restore (Ledger *l, gint64 id, GHashTable *channel_state);
void fsim_sched_ledger_totals (const Ledger *l, gint64 *lost, gint64 *duplicated);
void fsim_sched_ledger_add_keys (const Ledger *l, GHashTable *dups, GHashTable *losts);
/* Some (epoch, key) pair of a DIRECT ledger was not counted by key. */
gboolean fsim_sched_ledger_keys_partial (const Ledger *l);
/* key (gint64) -> records (gint64) */
GHashTable *fsim_sched_ledger_counts_new (void);
/* The run's verdict record, once, before its end (the run-end or the
 * cluster's shut-down record). */
void fsim_sched_trace_verdict (FsimCluster *c);

/* --- channel-state.c: an unaligned checkpoint's in-flight records --- */
/* Records that checkpoint id holds as channel state, which subtask
 * (job vertex index, subtask) reads first after a restore from it. */
void fsim_sched_channel_state_add (FsimCluster *c, gint64 id, int vertex, int subtask,
                                  const RecordFact *records, guint n);
/* The identities (a gint64 set) of what checkpoint id replays, or NULL. (transfer none) */
GHashTable *fsim_sched_channel_state_identities (FsimCluster *c, gint64 id);
/* What subtask (vertex, subtask) replays of checkpoint id, or NULL. (transfer full) */
GArray *fsim_sched_channel_state_for (FsimCluster *c, gint64 id, int vertex, int subtask);
/* Forgets the checkpoints below latest_completed (no restore is from them). */
void fsim_sched_channel_state_prune (FsimCluster *c, gint64 latest_completed);
/* A task's unread input: the rest of the buffer it reads (channel state
 * too). NULL, 0 when none. */
const RecordFact *fsim_sched_stream_task_unread (Execution *e, guint *n);

G_END_DECLS
