/* trace-kinds.c - the record kinds the scheduler writes, one table.
 *
 * Viewers (text log, Perfetto export, TUI) and docs/formats.md read the
 * names and components from here, so a kind is added in one place. */
#include "config.h"

#include "scheduler/scheduler.h"

static const FsimSchedKindInfo kinds[FSIM_SCHED_KIND_COUNT] = {
  [FSIM_SCHED_KIND_CLUSTER] = { "cluster", FSIM_COMPONENT_SIMULATOR,
    "the cluster started or shut down" },
  [FSIM_SCHED_KIND_TASKMANAGER_REGISTERED] = { "taskmanager-registered",
    FSIM_COMPONENT_RESOURCEMANAGER,
    "ResourceManager.registerTaskExecutor accepted a TaskManager" },
  [FSIM_SCHED_KIND_SLOT_REGISTERED] = { "slot-registered",
    FSIM_COMPONENT_RESOURCEMANAGER,
    "a slot of a TaskManager's SlotReport is known to the slot manager" },
  [FSIM_SCHED_KIND_HEARTBEAT] = { "heartbeat", FSIM_COMPONENT_TASKMANAGER,
    "a TaskManager answered a heartbeat request (detail: who asked)" },
  [FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT] = { "heartbeat-timeout",
    FSIM_COMPONENT_RESOURCEMANAGER,
    "no heartbeat from a TaskManager within heartbeat.timeout" },
  [FSIM_SCHED_KIND_JOB_SUBMITTED] = { "job-submitted", FSIM_COMPONENT_DISPATCHER,
    "Dispatcher.submitJob: the job is INITIALIZING" },
  [FSIM_SCHED_KIND_EXECUTION_GRAPH] = { "execution-graph", FSIM_COMPONENT_JOBMASTER,
    "the JobMaster built the ExecutionGraph (sizes in detail)" },
  [FSIM_SCHED_KIND_JOB_STATUS] = { "job-status", FSIM_COMPONENT_JOBMASTER,
    "JobStatus transition (from, to)" },
  [FSIM_SCHED_KIND_REGION_SCHEDULED] = { "region-scheduled", FSIM_COMPONENT_JOBMASTER,
    "PipelinedRegionSchedulingStrategy schedules a pipelined region" },
  [FSIM_SCHED_KIND_SLOT_REQUEST] = { "slot-request", FSIM_COMPONENT_JOBMASTER,
    "one physical slot request for an ExecutionSlotSharingGroup" },
  [FSIM_SCHED_KIND_RESOURCE_REQUIREMENTS] = { "resource-requirements",
    FSIM_COMPONENT_RESOURCEMANAGER,
    "the slot pool's declared requirement reached the ResourceManager" },
  [FSIM_SCHED_KIND_SLOT_ALLOCATION] = { "slot-allocation",
    FSIM_COMPONENT_RESOURCEMANAGER,
    "the slot manager allocates a TaskManager slot to the job" },
  [FSIM_SCHED_KIND_SLOT_OFFER] = { "slot-offer", FSIM_COMPONENT_JOBMASTER,
    "a TaskManager offered a slot; the JobMaster's slot pool accepted it" },
  [FSIM_SCHED_KIND_SLOT_ASSIGNED] = { "slot-assigned", FSIM_COMPONENT_JOBMASTER,
    "an execution got its logical slot in a shared slot" },
  [FSIM_SCHED_KIND_EXECUTION_STATE] = { "execution-state", FSIM_COMPONENT_JOBMASTER,
    "ExecutionState transition as the JobManager sees it (from, to)" },
  [FSIM_SCHED_KIND_TASK_STATE] = { "task-state", FSIM_COMPONENT_TASKMANAGER,
    "ExecutionState transition of the Task on its TaskManager (from, to)" },
  [FSIM_SCHED_KIND_END_OF_PARTITION] = { "end-of-partition", FSIM_COMPONENT_TASKMANAGER,
    "an EndOfPartitionEvent from a finished producer reached a task" },
  [FSIM_SCHED_KIND_BULK_TIMEOUT] = { "bulk-timeout", FSIM_COMPONENT_JOBMASTER,
    "a slot request bulk stayed unfulfillable for slot.request.timeout" },
  [FSIM_SCHED_KIND_SLOT_RELEASED] = { "slot-released", FSIM_COMPONENT_TASKMANAGER,
    "a slot went back to its TaskManager's free slots" },
  [FSIM_SCHED_KIND_RUN_END] = { "run-end", FSIM_COMPONENT_SIMULATOR,
    "the simulation stopped at its time limit" },
  [FSIM_SCHED_KIND_FAULT] = { "fault", FSIM_COMPONENT_SIMULATOR,
    "a fault of the fault plan strikes (or finds nothing to hit)" },
};

const FsimSchedKindInfo *
fsim_sched_kind_info (FsimSchedKind kind)
{
  g_assert ((guint) kind < FSIM_SCHED_KIND_COUNT);
  return &kinds[kind];
}

gboolean
fsim_sched_kind_from_name (const char *name, FsimSchedKind *out)
{
  for (int k = 0; k < FSIM_SCHED_KIND_COUNT; k++)
    if (g_strcmp0 (name, kinds[k].name) == 0)
      {
        *out = (FsimSchedKind) k;
        return TRUE;
      }
  return FALSE;
}

const char *
fsim_component_name (FsimComponent component)
{
  switch (component)
    {
    case FSIM_COMPONENT_SIMULATOR: return "simulator";
    case FSIM_COMPONENT_DISPATCHER: return "Dispatcher";
    case FSIM_COMPONENT_JOBMASTER: return "JobMaster";
    case FSIM_COMPONENT_RESOURCEMANAGER: return "ResourceManager";
    case FSIM_COMPONENT_TASKMANAGER: return "TaskManager";
    }
  g_assert_not_reached ();
}
