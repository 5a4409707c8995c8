/* deployment.c - DefaultExecutionDeployer.allocateSlotsAndDeploy.
 *
 * One call per scheduled region, its executions in topological order
 * (DefaultExecutionDeployer): all must be CREATED and all go SCHEDULED at once; the
 * shared slots of their ExecutionSlotSharingGroups are requested as one
 * bulk; an execution gets its logical slot when its group's physical slot
 * arrives (Execution.tryAssignResource); and only when every slot of the
 * call has arrived are the executions deployed, in the given order
 * (waitForAllSlotsAndDeploy). A failed slot request fails its execution
 * (handleTaskDeploymentFailure) and nothing of the bulk is deployed. */
#include "config.h"

#include "scheduler/scheduler-private.h"

static void
tm_receives_submit (FsimSim *sim, gpointer payload)
{
  TaskRpc *rpc = payload;
  Execution *e = fsim_sched_job_master_attempt (rpc->c->job, &rpc->id);
  g_assert (e != NULL);
  fsim_sched_taskmanager_submit_task (rpc->c, e);
}

static void
deploy_all (FsimCluster *c, Bulk *bulk)
{
  fsim_sched_bulk_transition (bulk, BULK_DEPLOYED);
  fsim_sim_cancel (c->sim, bulk->timeout_check);
  bulk->timeout_check = FSIM_EVENT_NONE;
  for (guint i = 0; i < bulk->executions->len; i++)
    {
      Execution *e = g_ptr_array_index (bulk->executions, i);
      /* A superseded or cancelled execution is skipped (deployOrHandleError). */
      if (e->state != FSIM_EXECUTION_SCHEDULED)
        continue;
      g_autofree char *where = fsim_sched_task_slot_name (e->slot);
      g_autofree char *detail = g_strdup_printf ("to %s", where);
      fsim_sched_execution_transition (c, e, FSIM_EXECUTION_DEPLOYING, detail,
                            "every slot of the region's bulk is assigned, so the deployer "
                            "deploys in topological order (DefaultExecutionDeployer."
                            "waitForAllSlotsAndDeploy); Execution.deploy sends submitTask");
      fsim_sched_cluster_rpc (c, tm_receives_submit, fsim_sched_task_rpc_new (c, e), g_free);
    }
}

void
fsim_sched_deployer_slot_assigned (FsimCluster *c, Bulk *bulk, SharedSlot *shared)
{
  if (bulk->state != BULK_PENDING)
    return;
  GPtrArray *members = g_hash_table_lookup (bulk->members, shared);
  for (guint i = 0; members && i < members->len; i++)
    {
      Execution *e = g_ptr_array_index (members, i);
      if (e->slot != NULL || e->state != FSIM_EXECUTION_SCHEDULED)
        continue;
      e->slot = shared->physical;
      shared->n_logical++;
      g_autofree char *where = fsim_sched_task_slot_name (e->slot);
      g_autofree char *detail = g_strdup_printf ("logical slot in shared slot %d on %s",
                                                 shared->index, where);
      FsimTraceRecord r = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_SLOT_ASSIGNED,
                                            "the group's physical slot arrived: "
                                            "Execution.tryAssignResource takes a logical slot "
                                            "of the SharedSlot; nothing is deployed before "
                                            "every slot of the bulk is assigned");
      r.detail = detail;
      fsim_sched_cluster_trace (c, &r);
    }
  g_assert (bulk->pending > 0);
  bulk->pending--;
  if (bulk->pending == 0)
    deploy_all (c, bulk);
}

void
fsim_sched_deployer_allocate_slots_and_deploy (FsimCluster *c, Bulk *bulk)
{
  JobMaster *jm = c->job;
  for (guint i = 0; i < bulk->executions->len; i++)
    {
      Execution *e = g_ptr_array_index (bulk->executions, i);
      g_assert (e->state == FSIM_EXECUTION_CREATED);   /* validateExecutionStates */
      e->bulk = bulk;
      e->shared = &jm->shared_slots[e->vertex->slot_sharing_group];
      GPtrArray *members = g_hash_table_lookup (bulk->members, e->shared);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (bulk->members, e->shared, members);
          g_ptr_array_add (bulk->shared_slots, e->shared);
        }
      g_ptr_array_add (members, e);
      fsim_sched_execution_transition (c, e, FSIM_EXECUTION_SCHEDULED, NULL,
                            "DefaultExecutionDeployer.allocateSlotsAndDeploy: every "
                            "execution of the region goes SCHEDULED at once "
                            "(transitionToScheduled), then slots are requested");
    }
  /* Every shared slot counts as pending until its executions are assigned,
   * so that deployment cannot start before the whole bulk is accounted. */
  bulk->pending = (int) bulk->shared_slots->len;
  fsim_sched_slot_pool_request_bulk (c, bulk);
}

/* PhysicalSlotRequestBulk.cancel: the bulk's pending requests are
 * withdrawn (a request another bulk still waits for stays). */
static void
withdraw_requests (FsimCluster *c, Bulk *bulk)
{
  fsim_sim_cancel (c->sim, bulk->timeout_check);
  bulk->timeout_check = FSIM_EVENT_NONE;
  for (guint i = 0; i < bulk->shared_slots->len; i++)
    {
      SharedSlot *shared = g_ptr_array_index (bulk->shared_slots, i);
      g_ptr_array_remove (shared->waiting, bulk);
      if (shared->state == SHARED_SLOT_REQUESTED && shared->waiting->len == 0)
        {
          fsim_sched_shared_slot_transition (shared, SHARED_SLOT_NONE);
          g_queue_remove (&c->job->pending_requests, shared);
        }
    }
}

void
fsim_sched_deployer_bulk_cancel (FsimCluster *c, Bulk *bulk)
{
  fsim_sched_bulk_transition (bulk, BULK_CANCELLED);
  withdraw_requests (c, bulk);
}

void
fsim_sched_deployer_bulk_failed (FsimCluster *c, Bulk *bulk, const char *cause, const char *why)
{
  g_autofree char *label = g_strdup_printf ("pipelined region %d", bulk->region);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_BULK_TIMEOUT, why);
  r.job = 0;
  r.label = label;
  r.detail = cause;
  fsim_sched_cluster_trace (c, &r);
  fsim_sched_bulk_transition (bulk, BULK_FAILED);
  withdraw_requests (c, bulk);
  /* ...and each execution whose slot future failed is marked failed; the
   * first one fails the job, which cancels the rest. */
  for (guint i = 0; i < bulk->executions->len; i++)
    {
      Execution *e = g_ptr_array_index (bulk->executions, i);
      if (e->slot == NULL && e->state == FSIM_EXECUTION_SCHEDULED)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_FAILED, cause,
                              "its slot request failed: DefaultExecutionDeployer."
                              "handleTaskDeploymentFailure -> Execution.markFailed");
    }
}
