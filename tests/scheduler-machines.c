/* scheduler-machines.c - the small state machines of scheduler-private.h.
 *
 * TaskManager registration and job connection, task slot, shared slot and
 * slot request bulk: each table (resource-states.c) is walked over every
 * (from, to) pair against an independent reading of the Flink code that
 * takes the step, written as that code's guards:
 *   ResourceManager.registerTaskExecutor accepts an unregistered
 *   TaskExecutor; closeTaskManagerConnection drops a registered one (a lost
 *   one does not come back: the simulator restarts no process);
 *   JobLeaderService connects once; JobMaster.registerTaskManager answers
 *   the connection attempt; establishJobManagerConnection completes it;
 *   disconnectTaskManager acts on a TaskManager the JobMaster registered;
 *   TaskSlotTable.allocateSlot takes a free slot; offerSlotsToJobManager
 *   offers allocated, unoffered slots; DeclarativeSlotPool.offerSlots
 *   accepts an offered slot; reserveFreeSlot / freeReservedSlot move a
 *   pooled slot in and out of use; releaseSlots forgets pooled slots of a
 *   lost TaskManager; TaskSlotTable.freeSlot frees any allocated slot;
 *   SlotSharingExecutionSlotAllocator requests a physical slot for a shared
 *   slot without one, the request completes or is cancelled, an assigned
 *   shared slot is released when empty;
 *   a PhysicalSlotRequestBulk ends once: deployed, failed or cancelled. */
#include "config.h"

#include <signal.h>

#include "scheduler/scheduler-private.h"
#include "tests/scheduler-tests.h"

static gboolean
tm_rm_legal (int from, int to)
{
  return (from == TM_RM_UNREGISTERED && to == TM_RM_REGISTERED)
         || (from == TM_RM_REGISTERED && to == TM_RM_LOST);
}

static gboolean
tm_job_legal (int from, int to)
{
  switch (to)
    {
    case TM_JOB_CONNECTING:
      return from == TM_JOB_NOT_CONNECTED;
    case TM_JOB_REGISTERED:
      return from == TM_JOB_CONNECTING;
    case TM_JOB_CONNECTED:
      return from == TM_JOB_REGISTERED;
    case TM_JOB_NOT_CONNECTED:
      return from == TM_JOB_REGISTERED || from == TM_JOB_CONNECTED;
    }
  return FALSE;
}

static gboolean
task_slot_legal (int from, int to)
{
  gboolean pooled = from == TASK_SLOT_IN_POOL || from == TASK_SLOT_IN_USE;
  switch (to)
    {
    case TASK_SLOT_ALLOCATED:
      return from == TASK_SLOT_FREE;
    case TASK_SLOT_OFFERED:
      return from == TASK_SLOT_ALLOCATED || pooled;
    case TASK_SLOT_IN_POOL:
      return from == TASK_SLOT_OFFERED || from == TASK_SLOT_IN_USE;
    case TASK_SLOT_IN_USE:
      return from == TASK_SLOT_IN_POOL;
    case TASK_SLOT_FREE:
      return from != TASK_SLOT_FREE;
    }
  return FALSE;
}

static gboolean
shared_slot_legal (int from, int to)
{
  switch (to)
    {
    case SHARED_SLOT_REQUESTED:
      return from == SHARED_SLOT_NONE;
    case SHARED_SLOT_ASSIGNED:
      return from == SHARED_SLOT_REQUESTED;
    case SHARED_SLOT_NONE:
      return from != SHARED_SLOT_NONE;
    }
  return FALSE;
}

static gboolean
bulk_legal (int from, int to)
{
  return from == BULK_PENDING && to != BULK_PENDING;
}

typedef struct {
  const char *machine;
  int n;
  const char *const *names;
  gboolean (*legal) (int from, int to);
  const char *(*rule) (int from, int to);
} Machine;

static const char *tm_rm_rule (int f, int t) { return fsim_sched_tm_rm_rule (f, t); }
static const char *tm_job_rule (int f, int t) { return fsim_sched_tm_job_rule (f, t); }
static const char *task_slot_rule (int f, int t) { return fsim_sched_task_slot_rule (f, t); }
static const char *shared_slot_rule (int f, int t) { return fsim_sched_shared_slot_rule (f, t); }
static const char *bulk_rule (int f, int t) { return fsim_sched_bulk_rule (f, t); }

static const Machine machines[] = {
  { "TaskManager registration", TM_RM_STATE_COUNT, fsim_sched_tm_rm_state_names, tm_rm_legal,
    tm_rm_rule },
  { "TaskManager job connection", TM_JOB_STATE_COUNT, fsim_sched_tm_job_state_names,
    tm_job_legal, tm_job_rule },
  { "task slot", TASK_SLOT_STATE_COUNT, fsim_sched_task_slot_state_names, task_slot_legal,
    task_slot_rule },
  { "shared slot", SHARED_SLOT_STATE_COUNT, fsim_sched_shared_slot_state_names,
    shared_slot_legal, shared_slot_rule },
  { "slot request bulk", BULK_STATE_COUNT, fsim_sched_bulk_state_names, bulk_legal, bulk_rule },
};

START_TEST (test_every_pair)
{
  const Machine *m = &machines[_i];
  for (int s = 0; s < m->n; s++)
    ck_assert_ptr_nonnull (m->names[s]);
  for (int from = 0; from < m->n; from++)
    for (int to = 0; to < m->n; to++)
      {
        const char *rule = m->rule (from, to);
        gboolean want = m->legal (from, to);
        ck_assert_msg ((rule != NULL) == want, "%s %s -> %s: expected %s", m->machine,
                       m->names[from], m->names[to], want ? "legal" : "illegal");
        /* every legal step names the Flink class doing it */
        if (rule)
          ck_assert_msg (g_ascii_isupper (rule[0]), "%s: rule \"%s\"", m->machine, rule);
      }
}
END_TEST

/* The checked transition walks a slot's life as a streaming job sees it
 * and enforces the facts of each state. */
START_TEST (test_task_slot_walk)
{
  SharedSlot shared = { 0 };
  TaskSlot slot = { 0 };
  slot.allocation = 1;
  fsim_sched_task_slot_transition (&slot, TASK_SLOT_ALLOCATED);
  fsim_sched_task_slot_transition (&slot, TASK_SLOT_OFFERED);
  fsim_sched_task_slot_transition (&slot, TASK_SLOT_IN_POOL);
  slot.payload = &shared;
  fsim_sched_task_slot_transition (&slot, TASK_SLOT_IN_USE);
  slot.allocation = 0;
  slot.payload = NULL;
  fsim_sched_task_slot_transition (&slot, TASK_SLOT_FREE);
  ck_assert_int_eq (slot.state, TASK_SLOT_FREE);
}
END_TEST

/* A free slot cannot be in use before it is allocated, offered and
 * pooled: FREE -> IN_USE is a scheduler bug. */
START_TEST (test_task_slot_illegal_aborts)
{
  TaskSlot slot = { 0 };
  fsim_sched_task_slot_transition (&slot, TASK_SLOT_IN_USE);
}
END_TEST

/* A bulk ends once. */
START_TEST (test_bulk_ends_once)
{
  Bulk bulk = { .state = BULK_PENDING };
  fsim_sched_bulk_transition (&bulk, BULK_CANCELLED);
  fsim_sched_bulk_transition (&bulk, BULK_FAILED);
}
END_TEST

void
scheduler_machines_tcases (Suite *s)
{
  TCase *tc = tcase_create ("TaskManager, slot and bulk state machines");
  tcase_add_loop_test (tc, test_every_pair, 0, G_N_ELEMENTS (machines));
  tcase_add_test (tc, test_task_slot_walk);
  tcase_add_test_raise_signal (tc, test_task_slot_illegal_aborts, SIGTRAP);
  tcase_add_test_raise_signal (tc, test_bulk_ends_once, SIGTRAP);
  suite_add_tcase (s, tc);
}
