/* slot-pool.c - the JobMaster's slots: shared slots, slot pool, bulk timeout.
 *
 * SlotSharingExecutionSlotAllocator gives every ExecutionSlotSharingGroup
 * one SharedSlot and sends one physical slot request per group that has
 * none yet; each execution gets a logical slot inside it. The requests go
 * to the DeclarativeSlotPool, which serves them from free slots it already
 * holds (PhysicalSlotProviderImpl) and otherwise declares the job's total
 * slot need to the ResourceManager. Slots the TaskManagers offer are
 * accepted and matched to the waiting requests.
 *
 * Matching rule: Flink issues requests from a hash set of groups and
 * matches offers as they come, so the slot a group gets is not fixed. Here
 * requests queue in ExecutionSlotSharingGroup order (creation order within
 * a bulk) and each accepted offer serves the oldest waiting request.
 *
 * PhysicalSlotRequestBulkCheckerImpl: slot.request.timeout after a bulk is
 * registered, and every timeout after that, it checks whether the bulk's
 * pending requests could be served by free slots in the pool; one that has
 * been unfulfillable for slot.request.timeout fails. */
#include "config.h"

#include "scheduler/scheduler-private.h"

static int
free_pool_slots (FsimCluster *c)
{
  int n = 0;
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      for (int s = 0; s < tm->n_slots; s++)
        n += tm->slots[s].state == TASK_SLOT_IN_POOL;
    }
  return n;
}

/* The pool's free slots in (TaskManager registration, slot number) order:
 * a binary min-heap of positions, so each offer served at once costs
 * O(log n), not a rescan from slot 0. Every slot that joins the pool is
 * pushed (pool_slot_added); one that left it by any path stays until it
 * reaches the top and is seen not to be IN_POOL. */
static guint64
pool_position (const TaskSlot *slot)
{
  return ((guint64) (slot->tm->number - 1) << 32) | (guint32) slot->index;
}

static void
pool_slot_added (FsimCluster *c, TaskSlot *slot)
{
  GArray *heap = c->job->pool_slots;
  g_assert (g_ptr_array_index (c->taskmanagers, slot->tm->number - 1) == slot->tm);
  guint64 key = pool_position (slot);
  g_array_append_val (heap, key);
  guint64 *h = (guint64 *) heap->data;
  for (guint i = heap->len - 1; i > 0 && h[(i - 1) / 2] > key; i = (i - 1) / 2)
    {
      h[i] = h[(i - 1) / 2];
      h[(i - 1) / 2] = key;
    }
}

static void
pool_remove_top (GArray *heap)
{
  guint64 *h = (guint64 *) heap->data;
  guint n = heap->len - 1;
  guint64 key = h[n];
  g_array_set_size (heap, n);
  guint i = 0;
  for (guint child; (child = 2 * i + 1) < n; i = child)
    {
      if (child + 1 < n && h[child + 1] < h[child])
        child++;
      if (key <= h[child])
        break;
      h[i] = h[child];
    }
  if (n > 0)
    h[i] = key;
}

static TaskSlot *
first_free_pool_slot (FsimCluster *c)
{
  GArray *heap = c->job->pool_slots;
  while (heap->len > 0)
    {
      guint64 top = g_array_index (heap, guint64, 0);
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, (guint) (top >> 32));
      TaskSlot *slot = &tm->slots[(guint32) top];
      if (slot->state == TASK_SLOT_IN_POOL)
        return slot;
      pool_remove_top (heap);
    }
  return NULL;
}

/* --- declaring the requirement to the ResourceManager ------------------------ */

static void
rm_receives_declaration (FsimSim *sim, gpointer payload)
{
  DeclareRpc *rpc = payload;
  fsim_sched_resource_manager_declare (rpc->c, rpc->slots);
}

static void
declare (FsimSim *sim, gpointer payload)
{
  ClusterEvent *ev = payload;
  FsimCluster *c = ev->c;
  JobMaster *jm = c->job;
  jm->declare_scheduled = FALSE;
  int need = 0;
  for (int i = 0; i < jm->n_shared; i++)
    need += jm->shared_slots[i].state != SHARED_SLOT_NONE;
  if (need == jm->declared)
    return;
  jm->declared = need;
  DeclareRpc *rpc = g_new (DeclareRpc, 1);
  *rpc = (DeclareRpc) { c, need };
  fsim_sched_cluster_rpc (c, rm_receives_declaration, rpc, g_free);
}

/* DeclarativeSlotPool.increase/decreaseResourceRequirementsBy: one
 * declaration per burst of changes at the same instant. */
static void
schedule_declare (FsimCluster *c)
{
  if (c->job->declare_scheduled || c->shut_down)
    return;
  c->job->declare_scheduled = TRUE;
  fsim_sim_schedule_in (c->sim, 0, FSIM_PRIORITY_DEFAULT, declare,
                        fsim_sched_cluster_event_new (c), g_free);
}

/* --- serving requests ---------------------------------------------------------- */

static void
fulfil (FsimCluster *c, SharedSlot *shared, TaskSlot *slot)
{
  shared->physical = slot;
  fsim_sched_shared_slot_transition (shared, SHARED_SLOT_ASSIGNED);
  slot->payload = shared;
  fsim_sched_task_slot_transition (slot, TASK_SLOT_IN_USE);
  g_queue_remove (&c->job->pending_requests, shared);
  /* Tell the bulks in the order they started waiting. */
  g_autoptr (GPtrArray) waiting = g_ptr_array_copy (shared->waiting, NULL, NULL);
  g_ptr_array_set_size (shared->waiting, 0);
  for (guint i = 0; i < waiting->len; i++)
    fsim_sched_deployer_slot_assigned (c, g_ptr_array_index (waiting, i), shared);
}

static void
serve_pending (FsimCluster *c)
{
  TaskSlot *slot;
  while (!g_queue_is_empty (&c->job->pending_requests)
         && (slot = first_free_pool_slot (c)) != NULL)
    fulfil (c, g_queue_peek_head (&c->job->pending_requests), slot);
}

static char *
group_members (const FsimExecutionSlotSharingGroup *g)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < g->vertices->len; i++)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (g->vertices, i);
      g_string_append_printf (s, "%s%s", i ? ", " : "", v->name);
    }
  return g_string_free (s, FALSE);
}

static void bulk_check (FsimSim *sim, gpointer payload);

static void
schedule_bulk_check (FsimCluster *c, Bulk *bulk)
{
  BulkCheck *check = g_new (BulkCheck, 1);
  *check = (BulkCheck) { c, bulk };
  bulk->timeout_check = fsim_sim_schedule_in (c->sim, c->settings.slot_request_timeout_us,
                                              FSIM_PRIORITY_DEFAULT, bulk_check, check, g_free);
}

void
fsim_sched_slot_pool_request_bulk (FsimCluster *c, Bulk *bulk)
{
  JobMaster *jm = c->job;
  for (guint i = 0; i < bulk->shared_slots->len; i++)
    {
      SharedSlot *shared = g_ptr_array_index (bulk->shared_slots, i);
      if (shared->state == SHARED_SLOT_ASSIGNED)
        {
          fsim_sched_deployer_slot_assigned (c, bulk, shared);
          continue;
        }
      g_ptr_array_add (shared->waiting, bulk);
      if (shared->state == SHARED_SLOT_REQUESTED)
        continue;
      fsim_sched_shared_slot_transition (shared, SHARED_SLOT_REQUESTED);
      g_queue_push_tail (&jm->pending_requests, shared);
      g_autofree char *label = g_strdup_printf ("shared slot %d", shared->index);
      g_autofree char *members = group_members (shared->group);
      g_autofree char *detail = g_strdup_printf ("slot sharing group \"%s\": %s",
                                                 shared->group->slot_sharing_group->name,
                                                 members);
      FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_SLOT_REQUEST,
                                          "SlotSharingExecutionSlotAllocator: one physical slot "
                                          "request per ExecutionSlotSharingGroup without a "
                                          "shared slot; its subtasks will share that slot");
      r.job = 0;
      r.label = label;
      r.detail = detail;
      fsim_sched_cluster_trace (c, &r);
    }
  /* PhysicalSlotProviderImpl: free slots already in the pool first. */
  serve_pending (c);
  schedule_declare (c);
  if (bulk->state == BULK_PENDING && bulk->pending > 0)
    {
      bulk->unfulfillable_since = fsim_sim_now (c->sim);
      schedule_bulk_check (c, bulk);
    }
}

void
fsim_sched_slot_pool_offer (FsimCluster *c, TaskSlot *slot)
{
  g_autofree char *name = fsim_sched_task_slot_name (slot);
  if (c->shut_down || c->job == NULL || fsim_job_status_is_terminal (c->job->status))
    {
      fsim_sched_taskmanager_free_slot (c, slot, "the JobMaster rejects the offer: its job is over "
                             "(JobMaster.offerSlots)");
      return;
    }
  fsim_sched_task_slot_transition (slot, TASK_SLOT_IN_POOL);
  pool_slot_added (c, slot);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_SLOT_OFFER,
                                      "TaskExecutor.offerSlots: the JobMaster's "
                                      "DeclarativeSlotPool accepts the slot and matches it "
                                      "to the oldest waiting request");
  g_autofree char *detail = g_strdup_printf ("allocation %d accepted", slot->allocation);
  r.job = 0;
  r.taskmanager = slot->tm->number;
  r.slot = slot->index;
  r.label = name;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  serve_pending (c);
}

/* --- releasing ------------------------------------------------------------------ */

void
fsim_sched_slot_pool_release_logical (FsimCluster *c, Execution *e)
{
  SharedSlot *shared = e->shared;
  if (shared == NULL || e->slot == NULL)
    return;
  g_assert (shared->n_logical > 0);
  shared->n_logical--;
  /* Streaming slots are occupied indefinitely; in batch an emptied shared
   * slot returns to the pool and may serve the next region (the pool keeps
   * idle slots for slot.idle.timeout before giving them back). */
  if (shared->n_logical == 0 && c->job->type == FSIM_JOB_TYPE_BATCH
      && shared->state == SHARED_SLOT_ASSIGNED && !fsim_job_status_is_terminal (c->job->status))
    {
      TaskSlot *slot = shared->physical;
      slot->payload = NULL;
      fsim_sched_task_slot_transition (slot, TASK_SLOT_IN_POOL);
      pool_slot_added (c, slot);
      shared->physical = NULL;
      fsim_sched_shared_slot_transition (shared, SHARED_SLOT_NONE);
      serve_pending (c);
    }
}

static void
tm_receives_free_slot (FsimSim *sim, gpointer payload)
{
  SlotRpc *rpc = payload;
  TaskSlot *slot = rpc->slot;
  if (slot->allocation != 0 && slot->tm->alive)
    fsim_sched_taskmanager_free_slot (rpc->c, slot, rpc->why);
}

void
fsim_sched_slot_pool_release_all (FsimCluster *c, const char *why)
{
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      for (int s = 0; s < tm->n_slots; s++)
        if (tm->slots[s].allocation != 0)
          fsim_sched_cluster_rpc (c, tm_receives_free_slot,
                                  fsim_sched_slot_rpc_new (c, &tm->slots[s], why),
                                  (GDestroyNotify) fsim_sched_slot_rpc_free);
    }
  for (int i = 0; i < c->job->n_shared; i++)
    if (c->job->shared_slots[i].state == SHARED_SLOT_REQUESTED)
      fsim_sched_shared_slot_transition (&c->job->shared_slots[i], SHARED_SLOT_NONE);
  g_queue_clear (&c->job->pending_requests);
}

void
fsim_sched_slot_pool_taskmanager_lost (FsimCluster *c, TaskManager *tm, const char *cause)
{
  JobMaster *jm = c->job;
  if (jm == NULL)
    return;
  /* DeclarativeSlotPool.releaseSlots first: the shared slots on them are
   * released (SharedSlot.release), so that a restart, however soon,
   * requests new physical slots instead of the lost ones */
  for (int s = 0; s < tm->n_slots; s++)
    {
      TaskSlot *slot = &tm->slots[s];
      if (slot->state != TASK_SLOT_IN_POOL && slot->state != TASK_SLOT_IN_USE)
        continue;
      SharedSlot *shared = slot->payload;
      if (shared && shared->state == SHARED_SLOT_ASSIGNED && shared->physical == slot)
        {
          shared->physical = NULL;
          fsim_sched_shared_slot_transition (shared, SHARED_SLOT_NONE);
        }
      slot->payload = NULL;
      fsim_sched_task_slot_transition (slot, TASK_SLOT_OFFERED);
    }
  /* JobMaster.disconnectTaskManager -> DeclarativeSlotPool.releaseSlots:
   * every execution in one of its slots fails. */
  for (int i = 0; i < jm->n_vertices; i++)
    {
      Execution *e = jm->vertices[i].current;
      if (e->slot == NULL || e->slot->tm != tm || fsim_execution_state_is_terminal (e->state))
        continue;
      if (e->state == FSIM_EXECUTION_CANCELING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, cause,
                              "the slot's TaskManager is gone: Execution.fail on a "
                              "CANCELING execution completes the cancellation "
                              "(processFail -> completeCancelling)");
      else
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_FAILED, cause,
                              "the slot's TaskManager is gone: the slot pool releases "
                              "its slots and Execution.fail fails their tasks");
    }
}

/* --- PhysicalSlotRequestBulkCheckerImpl ------------------------------------------ */

/* java.time.Duration.toString for the TimeoutException message: "PT5M". */
static char *
java_duration (gint64 us)
{
  GString *s = g_string_new ("PT");
  gint64 seconds = us / G_USEC_PER_SEC;
  gint64 micros = us % G_USEC_PER_SEC;
  if (seconds / 3600)
    g_string_append_printf (s, "%" G_GINT64_FORMAT "H", seconds / 3600);
  if ((seconds % 3600) / 60)
    g_string_append_printf (s, "%" G_GINT64_FORMAT "M", (seconds % 3600) / 60);
  if (seconds % 60 == 0 && micros == 0 && s->len > 2)
    return g_string_free (s, FALSE);
  g_string_append_printf (s, "%" G_GINT64_FORMAT, seconds % 60);
  if (micros)
    {
      g_autofree char *frac = g_strdup_printf ("%06" G_GINT64_FORMAT, micros);
      for (int i = 5; i > 0 && frac[i] == '0'; i--)
        frac[i] = '\0';
      g_string_append_printf (s, ".%s", frac);
    }
  g_string_append_c (s, 'S');
  return g_string_free (s, FALSE);
}

static void
bulk_check (FsimSim *sim, gpointer payload)
{
  BulkCheck *check = payload;
  FsimCluster *c = check->c;
  Bulk *bulk = check->bulk;
  bulk->timeout_check = FSIM_EVENT_NONE;
  if (bulk->state != BULK_PENDING || bulk->pending == 0)
    return;                                   /* FULFILLED */
  gint64 now = fsim_sim_now (sim);
  if (free_pool_slots (c) >= bulk->pending)
    bulk->unfulfillable_since = -1;           /* markFulfillable: PENDING */
  else
    {
      if (bulk->unfulfillable_since < 0)
        bulk->unfulfillable_since = now;
      if (bulk->unfulfillable_since + c->settings.slot_request_timeout_us <= now)
        {
          g_autofree char *timeout = java_duration (c->settings.slot_request_timeout_us);
          g_autofree char *cause = g_strdup_printf (
            "org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException: "
            "Slot request bulk is not fulfillable! Could not allocate the required slot "
            "within slot request timeout (caused by java.util.concurrent.TimeoutException: "
            "Timeout has occurred: %s)", timeout);
          g_autofree char *limit = fsim_duration_format (c->settings.slot_request_timeout_us);
          int needed = (int) bulk->shared_slots->len;
          int job_needs = fsim_execution_graph_get_slots_needed (c->job->eg);
          int total = fsim_sched_resource_manager_total_slots (c);
          g_autofree char *why = g_strdup_printf (
            "PhysicalSlotRequestBulkCheckerImpl: the bulk stayed unfulfillable for "
            "slot.request.timeout (%s): it needed %d slot%s and got %d; the job needs %d, "
            "the cluster has %d (%u TaskManager%s x %d slot%s), %d free",
            limit, needed, needed == 1 ? "" : "s", needed - bulk->pending, job_needs, total,
            c->taskmanagers->len, c->taskmanagers->len == 1 ? "" : "s",
            c->settings.slots_per_taskmanager,
            c->settings.slots_per_taskmanager == 1 ? "" : "s",
            fsim_sched_resource_manager_free_slots (c));
          fsim_sched_deployer_bulk_failed (c, bulk, cause, why);
          return;
        }
    }
  schedule_bulk_check (c, bulk);
}
