/* scheduler-private.h - shared between the files of scheduler/ only.
 *
 * Who is who (each a file):
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
 * is freed, so event payloads hold plain pointers to them.
 */
#pragma once

#include "scheduler/scheduler.h"

G_BEGIN_DECLS

typedef struct _TaskManager TaskManager;
typedef struct _TaskSlot TaskSlot;
typedef struct _SharedSlot SharedSlot;
typedef struct _Bulk Bulk;
typedef struct _Execution Execution;
typedef struct _JobMaster JobMaster;

typedef enum {
  JOB_NOT_CONNECTED,
  JOB_CONNECTING,               /* registerTaskManager sent to the JobMaster */
  JOB_CONNECTED,
} JobConnection;

/* TaskSlot: a slot of a TaskManager's TaskSlotTable, and, once offered and
 * accepted, an AllocatedSlot in the JobMaster's slot pool. */
struct _TaskSlot {
  TaskManager *tm;
  int index;                    /* SlotID slot number, 0-based */
  int allocation;               /* AllocationID, numbered from 1; 0 = free */
  gboolean offered;             /* offered to the JobMaster */
  gboolean in_pool;             /* accepted by the JobMaster's slot pool */
  SharedSlot *payload;          /* the shared slot using it, NULL = free in pool */
};

struct _TaskManager {
  int number;                   /* 1-based, registration order: "TaskManager 1" */
  char *name;
  gboolean alive;
  gboolean registered;          /* at the ResourceManager */
  JobConnection job_connection; /* JobLeaderService state for the job */
  TaskSlot *slots;              /* [n_slots] */
  int n_slots;
  gboolean rm_monitored;        /* the RM's heartbeat monitor watches it */
  gboolean jm_monitored;        /* the JobMaster's heartbeat monitor watches it */
  FsimEventId rm_timeout;       /* HeartbeatMonitor timeouts */
  FsimEventId jm_timeout;
  FsimRng *rng;                 /* its own stream: task start-up times */
};

/* A SharedSlot of one ExecutionSlotSharingGroup: one physical slot request,
 * one logical slot per execution (SlotSharingExecutionSlotAllocator). */
struct _SharedSlot {
  const FsimExecutionSlotSharingGroup *group;
  TaskSlot *physical;           /* NULL while requested */
  int index;                    /* == group->index */
  gboolean requested;           /* a physical slot request is pending */
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
  gboolean done;                /* deployed, failed or cancelled */
};

struct _Execution {
  const FsimExecutionVertex *vertex;
  int attempt;
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
};

struct _JobMaster {
  const FsimExecutionGraph *eg;
  char *name;
  FsimJobStatus status;
  FsimJobType type;
  GPtrArray *executions;        /* Execution*, by ExecutionVertex index */
  SharedSlot *shared_slots;     /* [n_shared], by group index */
  int n_shared;
  GPtrArray *bulks;             /* Bulk*, owned */
  gboolean *region_scheduled;   /* [n_regions] */
  int n_regions;
  GQueue pending_requests;      /* SharedSlot*, request order */
  int declared;                 /* slots declared to the ResourceManager */
  gboolean declare_scheduled;
  gboolean rm_connected;
  int n_finished;
  int n_terminal;
  char *failure;                /* the root cause once failing */
};

struct _FsimCluster {
  FsimSim *sim;
  FsimTrace *trace;
  FsimClusterSettings settings;
  FsimTraceKind kinds[FSIM_SCHED_KIND_COUNT];
  GPtrArray *taskmanagers;      /* TaskManager*, registration order */
  int next_allocation;
  int rm_required;              /* slots the job declared, as the RM knows it */
  gboolean requirement_check_scheduled;
  JobMaster *job;               /* NULL until submitted */
  gboolean shut_down;
  gboolean run_end_traced;
  gboolean trace_full;          /* max_trace_records reached: the run is over */
  /* heartbeat.c: each HeartbeatManagerSenderImpl's pending tick ([1] the
   * ResourceManager's, [0] the JobMaster's) and the time of its next tick
   * on its heartbeat.interval grid, kept while it is stopped */
  FsimEventId heartbeat_tick[2];
  gint64 heartbeat_next[2];
};

/* --- transition.c: the tables behind the state machines --- */
/* A legal transition and the Flink method that performs it. */
typedef struct {
  int from, to;
  const char *rule;
} Transition;
/* The rule for from -> to in table[n], or NULL if illegal. */
const char *fsim_sched_transition_rule (const Transition *table, gsize n, int from, int to);
/* The index of name in names[0..n-1] (an enum's Flink names), or -1. */
int fsim_sched_state_from_name (const char *const *names, int n, const char *name);
/* The same, but an illegal step aborts naming the machine and the states:
 * a scheduler bug, never user input (Flink: IllegalStateException). */
const char *fsim_sched_transition_checked (const Transition *table, gsize n, int from, int to,
                                const char *machine, const char *from_name,
                                const char *to_name);

/* --- cluster.c --- */
/* A record of kind k at now, with every subject "none" and why set. */
FsimTraceRecord fsim_sched_cluster_record (FsimCluster *c, FsimSchedKind k, const char *why);
void fsim_sched_cluster_trace (FsimCluster *c, const FsimTraceRecord *r);
/* Delivers an RPC: func (payload) after sim.rpc-latency. */
void fsim_sched_cluster_rpc (FsimCluster *c, FsimEventFunc func, gpointer payload);
/* Payload of most events: the cluster and up to two objects. */
typedef struct {
  FsimCluster *c;
  gpointer a;
  gpointer b;
  gint64 n;
} Call;
Call *fsim_sched_call_new (FsimCluster *c, gpointer a, gpointer b, gint64 n);
/* The job reached a globally terminal state: release everything, stop
 * heartbeats so that the event queue drains. */
void fsim_sched_cluster_shutdown (FsimCluster *c);
/* "TaskManager 1 slot 0" (transfer full) */
char *fsim_sched_task_slot_name (const TaskSlot *slot);

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
/* The bulk could not be fulfilled in time. */
void fsim_sched_deployer_bulk_failed (FsimCluster *c, Bulk *bulk, const char *cause, const char *why);

/* --- execution.c --- */
Execution *fsim_sched_execution_new (const FsimExecutionVertex *v, int attempt);
void fsim_sched_execution_free (Execution *e);
/* The one way an Execution changes state: checked, traced, and the
 * scheduler is told (DefaultScheduler.onTaskFinished / onTaskFailed). */
void fsim_sched_execution_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                           const char *detail, const char *why);
/* The same for the TaskManager's Task. */
void fsim_sched_task_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                      const char *detail, const char *why);
/* A record about e (vertex, subtask, attempt, label, slot if any). */
FsimTraceRecord fsim_sched_execution_record (FsimCluster *c, Execution *e, FsimSchedKind k,
                                  const char *why);

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

G_END_DECLS
