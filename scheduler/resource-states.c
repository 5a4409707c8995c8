/* resource-states.c - the small state machines of TaskManagers, slots and
 * bulks, their tables and their one checked transition each.
 *
 * Diagrams and the facts of each state are in scheduler-private.h. Each row
 * names the Flink method that takes the step; a step missing from a table
 * is a scheduler bug and aborts (fsim_sched_transition_checked). */
#include "config.h"

#include "scheduler/scheduler-private.h"

#define TABLE_RULE(table, from, to) \
  fsim_sched_transition_rule ((table), G_N_ELEMENTS (table), (from), (to))
#define TABLE_CHECK(table, machine, names, from, to) \
  fsim_sched_transition_checked ((table), G_N_ELEMENTS (table), (from), (to), (machine), \
                                 (names)[(from)], (names)[(to)])

/* --- TaskExecutor <-> ResourceManager --------------------------------------- */

const char *const fsim_sched_tm_rm_state_names[TM_RM_STATE_COUNT] = {
  [TM_RM_UNREGISTERED] = "UNREGISTERED",
  [TM_RM_REGISTERED] = "REGISTERED",
  [TM_RM_LOST] = "LOST",
};

static const Transition tm_rm_table[] = {
  { TM_RM_UNREGISTERED, TM_RM_REGISTERED, "ResourceManager.registerTaskExecutor" },
  { TM_RM_REGISTERED, TM_RM_LOST, "ResourceManager.closeTaskManagerConnection" },
};

const char *
fsim_sched_tm_rm_rule (TmRmState from, TmRmState to)
{
  return TABLE_RULE (tm_rm_table, from, to);
}

void
fsim_sched_tm_rm_transition (TaskManager *tm, TmRmState to)
{
  TABLE_CHECK (tm_rm_table, "TaskManager registration", fsim_sched_tm_rm_state_names,
               tm->rm_state, to);
  tm->rm_state = to;
}

/* --- TaskExecutor <-> JobMaster ------------------------------------------------ */

const char *const fsim_sched_tm_job_state_names[TM_JOB_STATE_COUNT] = {
  [TM_JOB_NOT_CONNECTED] = "NOT_CONNECTED",
  [TM_JOB_CONNECTING] = "CONNECTING",
  [TM_JOB_REGISTERED] = "REGISTERED",
  [TM_JOB_CONNECTED] = "CONNECTED",
};

static const Transition tm_job_table[] = {
  { TM_JOB_NOT_CONNECTED, TM_JOB_CONNECTING, "JobLeaderService.addJob (TaskExecutor.requestSlot)" },
  { TM_JOB_CONNECTING, TM_JOB_REGISTERED, "JobMaster.registerTaskManager" },
  { TM_JOB_REGISTERED, TM_JOB_CONNECTED, "TaskExecutor.establishJobManagerConnection" },
  { TM_JOB_REGISTERED, TM_JOB_NOT_CONNECTED, "JobMaster.disconnectTaskManager" },
  { TM_JOB_CONNECTED, TM_JOB_NOT_CONNECTED, "JobMaster.disconnectTaskManager" },
};

const char *
fsim_sched_tm_job_rule (TmJobState from, TmJobState to)
{
  return TABLE_RULE (tm_job_table, from, to);
}

void
fsim_sched_tm_job_transition (TaskManager *tm, TmJobState to)
{
  TABLE_CHECK (tm_job_table, "TaskManager job connection", fsim_sched_tm_job_state_names,
               tm->job_state, to);
  tm->job_state = to;
}

/* --- task slot --------------------------------------------------------------------- */

const char *const fsim_sched_task_slot_state_names[TASK_SLOT_STATE_COUNT] = {
  [TASK_SLOT_FREE] = "FREE",
  [TASK_SLOT_ALLOCATED] = "ALLOCATED",
  [TASK_SLOT_OFFERED] = "OFFERED",
  [TASK_SLOT_IN_POOL] = "IN_POOL",
  [TASK_SLOT_IN_USE] = "IN_USE",
};

static const Transition task_slot_table[] = {
  { TASK_SLOT_FREE, TASK_SLOT_ALLOCATED, "TaskExecutor.requestSlot (TaskSlotTable.allocateSlot)" },
  { TASK_SLOT_ALLOCATED, TASK_SLOT_OFFERED, "TaskExecutor.offerSlotsToJobManager" },
  { TASK_SLOT_OFFERED, TASK_SLOT_IN_POOL, "JobMaster.offerSlots (DeclarativeSlotPool.offerSlots)" },
  { TASK_SLOT_IN_POOL, TASK_SLOT_IN_USE, "DeclarativeSlotPool.reserveFreeSlot" },
  { TASK_SLOT_IN_USE, TASK_SLOT_IN_POOL, "DeclarativeSlotPool.freeReservedSlot" },
  { TASK_SLOT_IN_POOL, TASK_SLOT_OFFERED, "JobMaster.disconnectTaskManager (releaseSlots)" },
  { TASK_SLOT_IN_USE, TASK_SLOT_OFFERED, "JobMaster.disconnectTaskManager (releaseSlots)" },
  { TASK_SLOT_ALLOCATED, TASK_SLOT_FREE, "TaskExecutor.freeSlot" },
  { TASK_SLOT_OFFERED, TASK_SLOT_FREE, "TaskExecutor.freeSlot" },
  { TASK_SLOT_IN_POOL, TASK_SLOT_FREE, "TaskExecutor.freeSlot" },
  { TASK_SLOT_IN_USE, TASK_SLOT_FREE, "TaskExecutor.freeSlot" },
};

const char *
fsim_sched_task_slot_rule (TaskSlotState from, TaskSlotState to)
{
  return TABLE_RULE (task_slot_table, from, to);
}

/* The facts of each state (scheduler-private.h), asserted on every step. */
static void
assert_task_slot (const TaskSlot *slot)
{
  switch (slot->state)
    {
    case TASK_SLOT_FREE:
      g_assert (slot->allocation == 0 && slot->payload == NULL);
      break;
    case TASK_SLOT_ALLOCATED:
    case TASK_SLOT_OFFERED:
    case TASK_SLOT_IN_POOL:
      g_assert (slot->allocation > 0 && slot->payload == NULL);
      break;
    case TASK_SLOT_IN_USE:
      g_assert (slot->allocation > 0 && slot->payload != NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
fsim_sched_task_slot_transition (TaskSlot *slot, TaskSlotState to)
{
  TABLE_CHECK (task_slot_table, "task slot", fsim_sched_task_slot_state_names,
               slot->state, to);
  slot->state = to;
  assert_task_slot (slot);
}

/* --- shared slot ------------------------------------------------------------------- */

const char *const fsim_sched_shared_slot_state_names[SHARED_SLOT_STATE_COUNT] = {
  [SHARED_SLOT_NONE] = "NONE",
  [SHARED_SLOT_REQUESTED] = "REQUESTED",
  [SHARED_SLOT_ASSIGNED] = "ASSIGNED",
};

static const Transition shared_slot_table[] = {
  { SHARED_SLOT_NONE, SHARED_SLOT_REQUESTED,
    "SlotSharingExecutionSlotAllocator.allocatePhysicalSlot" },
  { SHARED_SLOT_REQUESTED, SHARED_SLOT_ASSIGNED,
    "DeclarativeSlotPoolBridge: the physical slot request is fulfilled" },
  { SHARED_SLOT_REQUESTED, SHARED_SLOT_NONE, "PhysicalSlotRequestBulk.cancel" },
  { SHARED_SLOT_ASSIGNED, SHARED_SLOT_NONE, "SharedSlot.release" },
};

const char *
fsim_sched_shared_slot_rule (SharedSlotState from, SharedSlotState to)
{
  return TABLE_RULE (shared_slot_table, from, to);
}

static void
assert_shared_slot (const SharedSlot *shared)
{
  if (shared->state == SHARED_SLOT_ASSIGNED)
    g_assert (shared->physical != NULL);
  else
    g_assert (shared->physical == NULL);
}

void
fsim_sched_shared_slot_transition (SharedSlot *shared, SharedSlotState to)
{
  TABLE_CHECK (shared_slot_table, "shared slot", fsim_sched_shared_slot_state_names,
               shared->state, to);
  shared->state = to;
  assert_shared_slot (shared);
}

/* --- bulk -------------------------------------------------------------------------- */

const char *const fsim_sched_bulk_state_names[BULK_STATE_COUNT] = {
  [BULK_PENDING] = "PENDING",
  [BULK_DEPLOYED] = "DEPLOYED",
  [BULK_FAILED] = "FAILED",
  [BULK_CANCELLED] = "CANCELLED",
};

static const Transition bulk_table[] = {
  { BULK_PENDING, BULK_DEPLOYED, "DefaultExecutionDeployer.waitForAllSlotsAndDeploy" },
  { BULK_PENDING, BULK_FAILED, "PhysicalSlotRequestBulkCheckerImpl (slot.request.timeout)" },
  { BULK_PENDING, BULK_CANCELLED, "DefaultScheduler.cancelAllPendingSlotRequestsForVertices" },
};

const char *
fsim_sched_bulk_rule (BulkState from, BulkState to)
{
  return TABLE_RULE (bulk_table, from, to);
}

void
fsim_sched_bulk_transition (Bulk *bulk, BulkState to)
{
  TABLE_CHECK (bulk_table, "slot request bulk", fsim_sched_bulk_state_names, bulk->state, to);
  bulk->state = to;
  /* DEPLOYED: every shared slot arrived; otherwise it never will. */
  g_assert (to != BULK_DEPLOYED || bulk->pending == 0);
}
