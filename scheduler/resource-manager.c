/* resource-manager.c - the ResourceManager and its slot manager.
 *
 * StandaloneResourceManager with a FineGrainedSlotManager: TaskManagers
 * register (registerTaskExecutor) and report their slots; a JobMaster
 * declares how many slots its job needs (declareRequiredResources). After
 * slotmanager.requirement-check.delay the slot manager matches the missing
 * slots against free ones with DefaultResourceAllocationStrategy and asks
 * the chosen TaskManagers to give them to the job (requestSlot). A
 * standalone ResourceManager cannot start new TaskManagers, so a
 * requirement beyond the free slots simply stays unfulfilled.
 *
 * Which slot: Flink iterates TaskManagers in hash-map order (not
 * deterministic) and leaves the slot number to the TaskSlotTable. We fix
 * the rule: NONE (and TASKS) fills TaskManagers in registration order;
 * SLOTS picks the least utilised TaskManager, MIN_RESOURCES the most
 * utilised, ties by registration order; on a TaskManager the lowest free
 * slot number. */
#include "config.h"

#include "scheduler/scheduler-private.h"

static int
used_slots (const TaskManager *tm)
{
  int used = 0;
  for (int i = 0; i < tm->n_slots; i++)
    used += tm->slots[i].state != TASK_SLOT_FREE;
  return used;
}

static TaskSlot *
lowest_free_slot (TaskManager *tm)
{
  for (int i = 0; i < tm->n_slots; i++)
    if (tm->slots[i].state == TASK_SLOT_FREE)
      return &tm->slots[i];
  return NULL;
}

static gboolean
usable (const TaskManager *tm)
{
  return tm->rm_state == TM_RM_REGISTERED && tm->alive;
}

int
fsim_sched_resource_manager_free_slots (FsimCluster *c)
{
  int free_slots = 0;
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      if (usable (tm))
        free_slots += tm->n_slots - used_slots (tm);
    }
  return free_slots;
}

int
fsim_sched_resource_manager_total_slots (FsimCluster *c)
{
  int total = 0;
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      if (usable (tm))
        total += tm->n_slots;
    }
  return total;
}

/* One requirement check's view of the TaskManagers. Only the check itself
 * allocates while it runs, so the slot counts are taken once and kept as it
 * allocates, and a TaskManager it found without a free slot stays so: the
 * walk never goes back (a check costs the slots it allocates plus one pass,
 * not a pass per slot). */
typedef struct {
  FsimCluster *c;
  int *used;                    /* [taskmanagers]: slots not FREE */
  guint first;                  /* none before it has a usable free slot */
} SlotCheck;

static void
slot_check_init (SlotCheck *check, FsimCluster *c)
{
  check->c = c;
  check->used = g_new (int, c->taskmanagers->len);
  check->first = 0;
  for (guint i = 0; i < c->taskmanagers->len; i++)
    check->used[i] = used_slots (g_ptr_array_index (c->taskmanagers, i));
}

static int
slot_check_allocated (const SlotCheck *check)
{
  /* a lost TaskManager's slots are unregistered: they serve nobody */
  int n = 0;
  for (guint i = 0; i < check->c->taskmanagers->len; i++)
    if (usable (g_ptr_array_index (check->c->taskmanagers, i)))
      n += check->used[i];
  return n;
}

/* The index of the TaskManager the strategy picks next, or -1 if no slot is
 * free. Utilisation compares used/total as cross products: exact in
 * integers. */
static int
pick_taskmanager (SlotCheck *check)
{
  FsimCluster *c = check->c;
  int best = -1;
  for (guint i = check->first; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      if (!usable (tm) || check->used[i] == tm->n_slots)
        {
          if (i == check->first)
            check->first++;
          continue;
        }
      if (best < 0)
        {
          best = (int) i;
          if (c->settings.load_balance == FSIM_LOAD_BALANCE_NONE
              || c->settings.load_balance == FSIM_LOAD_BALANCE_TASKS)
            return best;
          continue;
        }
      TaskManager *b = g_ptr_array_index (c->taskmanagers, best);
      gint64 lhs = (gint64) check->used[i] * b->n_slots;
      gint64 rhs = (gint64) check->used[best] * tm->n_slots;
      if (c->settings.load_balance == FSIM_LOAD_BALANCE_SLOTS ? lhs < rhs : lhs > rhs)
        best = (int) i;
    }
  return best;
}

static const char *
strategy_why (FsimCluster *c)
{
  switch (c->settings.load_balance)
    {
    case FSIM_LOAD_BALANCE_SLOTS:
      return "DefaultResourceAllocationStrategy with taskmanager.load-balance.mode SLOTS "
             "(cluster.evenly-spread-out-slots): the least utilised TaskManager first; "
             "flinksim breaks ties by registration order and takes its lowest free slot";
    case FSIM_LOAD_BALANCE_MIN_RESOURCES:
      return "DefaultResourceAllocationStrategy with taskmanager.load-balance.mode "
             "MIN_RESOURCES: the most utilised TaskManager first; flinksim breaks ties "
             "by registration order and takes its lowest free slot";
    case FSIM_LOAD_BALANCE_NONE:
    case FSIM_LOAD_BALANCE_TASKS:
      break;
    }
  return "DefaultResourceAllocationStrategy, taskmanager.load-balance.mode NONE: fill "
         "one TaskManager before the next (Flink's order is a hash map's; flinksim uses "
         "registration order and the lowest free slot number)";
}

static void
tm_receives_request_slot (FsimSim *sim, gpointer payload)
{
  SlotRpc *rpc = payload;
  fsim_sched_taskmanager_request_slot (rpc->c, rpc->slot);
}

static void
check_requirements (FsimSim *sim, gpointer payload)
{
  ClusterEvent *ev = payload;
  FsimCluster *c = ev->c;
  c->requirement_check_scheduled = FALSE;
  if (c->job == NULL || c->shut_down)
    return;
  SlotCheck check;
  slot_check_init (&check, c);
  int missing = c->rm_required - slot_check_allocated (&check);
  while (missing > 0)
    {
      int picked = pick_taskmanager (&check);
      if (picked < 0)
        break;
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, picked);
      TaskSlot *slot = lowest_free_slot (tm);
      check.used[picked]++;
      slot->allocation = c->next_allocation++;
      fsim_sched_task_slot_transition (slot, TASK_SLOT_ALLOCATED);
      missing--;
      g_autofree char *name = fsim_sched_task_slot_name (slot);
      g_autofree char *detail = g_strdup_printf ("allocation %d for job %s; "
                                                 "TaskExecutor.requestSlot sent",
                                                 slot->allocation, c->job->name);
      FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_SLOT_ALLOCATION, strategy_why (c));
      r.job = 0;
      r.taskmanager = tm->number;
      r.slot = slot->index;
      r.label = name;
      r.detail = detail;
      fsim_sched_cluster_trace (c, &r);
      fsim_sched_cluster_rpc (c, tm_receives_request_slot, fsim_sched_slot_rpc_new (c, slot, NULL),
                              (GDestroyNotify) fsim_sched_slot_rpc_free);
    }
  g_free (check.used);
  if (missing > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%d slot%s missing: %d registered, "
                                                 "none free",
                                                 missing, missing == 1 ? "" : "s",
                                                 fsim_sched_resource_manager_total_slots (c));
      FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_RESOURCE_REQUIREMENTS,
                                          "a StandaloneResourceManager cannot start "
                                          "TaskManagers (an active one on YARN or Kubernetes "
                                          "would): the requirement stays unfulfilled until "
                                          "slots register or the job gives up");
      r.job = 0;
      r.label = "ResourceManager";
      r.detail = detail;
      r.values[0] = c->rm_required;
      r.values[1] = fsim_sched_resource_manager_free_slots (c);
      fsim_sched_cluster_trace (c, &r);
    }
}

/* FineGrainedSlotManager.checkResourceRequirementsWithDelay: checks are
 * batched, one per requirement-check delay. */
static void
schedule_check (FsimCluster *c)
{
  if (c->requirement_check_scheduled || c->job == NULL || c->rm_required == 0)
    return;
  c->requirement_check_scheduled = TRUE;
  fsim_sim_schedule_in (c->sim, c->settings.requirement_check_delay_us,
                        FSIM_PRIORITY_DEFAULT, check_requirements,
                        fsim_sched_cluster_event_new (c), g_free);
}

void
fsim_sched_resource_manager_taskmanager_lost (FsimCluster *c, TaskManager *tm)
{
  /* FineGrainedSlotManager.unregisterTaskManager: its slots are gone, so
   * the job's requirements are checked again (checkResourceRequirementsWithDelay) */
  (void) tm;
  schedule_check (c);
}

void
fsim_sched_resource_manager_register_taskmanager (FsimCluster *c, TaskManager *tm)
{
  fsim_sched_tm_rm_transition (tm, TM_RM_REGISTERED);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_TASKMANAGER_REGISTERED,
                                      "ResourceManager.registerTaskExecutor: the TaskManager "
                                      "is known and its heartbeat is monitored from now on "
                                      "(heartbeat.interval / heartbeat.timeout)");
  g_autofree char *detail = g_strdup_printf ("%d slot%s", tm->n_slots,
                                             tm->n_slots == 1 ? "" : "s");
  r.taskmanager = tm->number;
  r.label = tm->name;
  r.detail = detail;
  r.values[0] = tm->n_slots;
  fsim_sched_cluster_trace (c, &r);
  fsim_sched_heartbeat_monitor_target (c, tm, TRUE);
}

void
fsim_sched_resource_manager_slot_report (FsimCluster *c, TaskManager *tm)
{
  if (!usable (tm))
    return;
  for (int i = 0; i < tm->n_slots; i++)
    {
      TaskSlot *slot = &tm->slots[i];
      g_autofree char *name = fsim_sched_task_slot_name (slot);
      FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_SLOT_REGISTERED,
                                          "TaskExecutor.sendSlotReport after registering: the "
                                          "slot manager now counts this slot");
      r.taskmanager = tm->number;
      r.slot = slot->index;
      r.label = name;
      r.detail = slot->allocation ? "allocated" : "free";
      fsim_sched_cluster_trace (c, &r);
    }
  /* New slots may fulfil a waiting requirement. */
  schedule_check (c);
}

void
fsim_sched_resource_manager_declare (FsimCluster *c, int slots)
{
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_RESOURCE_REQUIREMENTS,
                                      "DeclarativeSlotPool declares the job's total slot "
                                      "need (ResourceManager.declareRequiredResources); the "
                                      "slot manager checks it after "
                                      "slotmanager.requirement-check.delay");
  g_autofree char *detail = g_strdup_printf ("job needs %d slot%s; %d free in the cluster",
                                             slots, slots == 1 ? "" : "s",
                                             fsim_sched_resource_manager_free_slots (c));
  r.job = 0;
  r.label = "ResourceManager";
  r.detail = detail;
  r.values[0] = slots;
  r.values[1] = fsim_sched_resource_manager_free_slots (c);
  fsim_sched_cluster_trace (c, &r);
  c->rm_required = slots;
  schedule_check (c);
}
