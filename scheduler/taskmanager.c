/* taskmanager.c - a TaskManager: TaskExecutor, its TaskSlotTable and Tasks.
 *
 * TaskExecutor registers at the ResourceManager (registerTaskExecutor), then
 * reports its slots (sendSlotReport). When the ResourceManager allocates one
 * of its slots to a job (requestSlot) it connects to that job's JobMaster
 * (JobLeaderService, registerTaskManager) and offers the slot (offerSlots).
 * submitTask creates a Task, which goes DEPLOYING -> INITIALIZING -> RUNNING
 * on its own thread and reports INITIALIZING, RUNNING and its terminal state
 * to the JobMaster (updateTaskExecutionState). A task ends when its input
 * ends: a bounded source after its records, any other task when every
 * producer's EndOfPartitionEvent has arrived.
 *
 * Start-up and initialisation take a time drawn from the TaskManager's own
 * random stream, so the seed matters and other components' draws do not
 * shift when a TaskManager draws more. */
#include "config.h"

#include "scheduler/scheduler-private.h"

TaskManager *
fsim_sched_taskmanager_new (FsimCluster *c, int number)
{
  TaskManager *tm = g_new0 (TaskManager, 1);
  tm->number = number;
  tm->name = g_strdup_printf ("TaskManager %d", number);
  tm->alive = TRUE;
  tm->n_slots = c->settings.slots_per_taskmanager;
  tm->slots = g_new0 (TaskSlot, tm->n_slots);
  for (int i = 0; i < tm->n_slots; i++)
    {
      tm->slots[i].tm = tm;
      tm->slots[i].index = i;
    }
  g_autofree char *stream = g_strdup_printf ("taskmanager-%d", number);
  tm->rng = fsim_sim_rng_stream (c->sim, stream);
  return tm;
}

void
fsim_sched_taskmanager_free (TaskManager *tm)
{
  g_free (tm->name);
  g_free (tm->slots);
  g_free (tm);
}

/* --- registration ---------------------------------------------------------- */

static void
rm_receives_slot_report (FsimSim *sim, gpointer payload)
{
  TaskManagerRpc *rpc = payload;
  fsim_sched_resource_manager_slot_report (rpc->c, rpc->tm);
}

static void
tm_registration_success (FsimSim *sim, gpointer payload)
{
  TaskManagerRpc *rpc = payload;
  /* TaskExecutor.establishResourceManagerConnection: sendSlotReport. */
  fsim_sched_cluster_rpc (rpc->c, rm_receives_slot_report,
                          fsim_sched_taskmanager_rpc_new (rpc->c, rpc->tm), g_free);
}

static void
rm_receives_registration (FsimSim *sim, gpointer payload)
{
  TaskManagerRpc *rpc = payload;
  fsim_sched_resource_manager_register_taskmanager (rpc->c, rpc->tm);
  fsim_sched_cluster_rpc (rpc->c, tm_registration_success,
                          fsim_sched_taskmanager_rpc_new (rpc->c, rpc->tm), g_free);
}

void
fsim_sched_taskmanager_start (FsimCluster *c, TaskManager *tm)
{
  fsim_sched_cluster_rpc (c, rm_receives_registration, fsim_sched_taskmanager_rpc_new (c, tm),
                          g_free);
}

/* --- heartbeats -------------------------------------------------------------- */

static void
monitor_receives_heartbeat (FsimSim *sim, gpointer payload)
{
  HeartbeatRpc *rpc = payload;
  fsim_sched_heartbeat_received (rpc->c, rpc->tm, rpc->rm);
}

void
fsim_sched_taskmanager_heartbeat_request (FsimCluster *c, TaskManager *tm, gboolean rm)
{
  /* A dead process answers nothing; the monitor's timeout notices. */
  if (!tm->alive || c->shut_down)
    return;
  fsim_sched_cluster_rpc (c, monitor_receives_heartbeat, fsim_sched_heartbeat_rpc_new (c, tm, rm),
                          g_free);
}

/* --- slots ------------------------------------------------------------------- */

static void
jm_receives_offer (FsimSim *sim, gpointer payload)
{
  SlotRpc *rpc = payload;
  /* a SlotOffer names its AllocationID; the slot cannot have changed hands
   * while the offer travelled (it is freed only by the JobMaster) */
  g_assert (rpc->slot->allocation == rpc->allocation);
  fsim_sched_slot_pool_offer (rpc->c, rpc->slot);
}

/* TaskExecutor.offerSlotsToJobManager: every slot allocated for the job and
 * not offered yet, in slot order, in one offerSlots RPC. */
static void
offer_slots (FsimCluster *c, TaskManager *tm)
{
  for (int i = 0; i < tm->n_slots; i++)
    {
      TaskSlot *slot = &tm->slots[i];
      if (slot->state == TASK_SLOT_ALLOCATED)
        {
          fsim_sched_task_slot_transition (slot, TASK_SLOT_OFFERED);
          fsim_sched_cluster_rpc (c, jm_receives_offer, fsim_sched_slot_rpc_new (c, slot, NULL),
                                  (GDestroyNotify) fsim_sched_slot_rpc_free);
        }
    }
}

static void
tm_connected_to_job (FsimSim *sim, gpointer payload)
{
  TaskManagerRpc *rpc = payload;
  TaskManager *tm = rpc->tm;
  if (!tm->alive || tm->job_state != TM_JOB_REGISTERED)
    return;
  fsim_sched_tm_job_transition (tm, TM_JOB_CONNECTED);
  offer_slots (rpc->c, tm);
}

static void
jm_registers_taskmanager (FsimSim *sim, gpointer payload)
{
  TaskManagerRpc *rpc = payload;
  /* JobMaster.registerTaskManager: from now on the JobMaster monitors this
   * TaskManager's heartbeat too. */
  fsim_sched_tm_job_transition (rpc->tm, TM_JOB_REGISTERED);
  fsim_sched_heartbeat_monitor_target (rpc->c, rpc->tm, FALSE);
  fsim_sched_cluster_rpc (rpc->c, tm_connected_to_job,
                          fsim_sched_taskmanager_rpc_new (rpc->c, rpc->tm), g_free);
}

void
fsim_sched_taskmanager_request_slot (FsimCluster *c, TaskSlot *slot)
{
  TaskManager *tm = slot->tm;
  if (!tm->alive)
    return;
  /* TaskExecutor.requestSlot: TaskSlotTable.allocateSlot (done by the RM's
   * choice here); the JobLeaderService connects to the job's JobMaster once,
   * and slots are offered as soon as the connection stands. */
  switch (tm->job_state)
    {
    case TM_JOB_NOT_CONNECTED:
      fsim_sched_tm_job_transition (tm, TM_JOB_CONNECTING);
      fsim_sched_cluster_rpc (c, jm_registers_taskmanager, fsim_sched_taskmanager_rpc_new (c, tm),
                              g_free);
      break;
    case TM_JOB_CONNECTING:
    case TM_JOB_REGISTERED:
      break;
    case TM_JOB_CONNECTED:
      offer_slots (c, tm);
      break;
    case TM_JOB_STATE_COUNT:
      g_assert_not_reached ();
    }
}

void
fsim_sched_taskmanager_free_slot (FsimCluster *c, TaskSlot *slot, const char *why)
{
  g_autofree char *name = fsim_sched_task_slot_name (slot);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_SLOT_RELEASED, why);
  g_autofree char *detail = g_strdup_printf ("allocation %d freed", slot->allocation);
  r.taskmanager = slot->tm->number;
  r.slot = slot->index;
  r.label = name;
  r.detail = detail;
  slot->allocation = 0;
  slot->payload = NULL;
  fsim_sched_task_slot_transition (slot, TASK_SLOT_FREE);
  fsim_sched_cluster_trace (c, &r);
}

/* --- tasks ------------------------------------------------------------------- */

static void
jm_receives_report (FsimSim *sim, gpointer payload)
{
  TaskReport *report = payload;
  fsim_sched_scheduler_update_task_execution_state (report->c, &report->id, report->state,
                                                    report->cause);
}

/* TaskExecutor.updateTaskExecutionState -> JobMaster, naming the attempt. */
static void
report (FsimCluster *c, Execution *e, FsimExecutionState state)
{
  TaskReport *r = g_new (TaskReport, 1);
  *r = (TaskReport) { c, fsim_sched_execution_id (e), state,
                      state == FSIM_EXECUTION_FAILED ? g_strdup (e->failure) : NULL };
  fsim_sched_cluster_rpc (c, jm_receives_report, r, (GDestroyNotify) fsim_sched_task_report_free);
}

/* The Task is done: its writers flush and send EndOfPartitionEvent
 * (ResultPartition.finish, in Task.doRun), then FINISHED is reported. */
void
fsim_sched_taskmanager_finish_task (FsimCluster *c, Execution *e, const char *why)
{
  fsim_sim_cancel (c->sim, e->task_timer);
  e->task_timer = FSIM_EVENT_NONE;
  fsim_sched_stream_task_end_output (c, e);
  fsim_sched_stream_task_trace_final (c, e);
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_FINISHED, NULL, why);
  report (c, e, FSIM_EXECUTION_FINISHED);
}

static TaskTimer *
task_timer_new (FsimCluster *c, Execution *e)
{
  TaskTimer *t = g_new (TaskTimer, 1);
  *t = (TaskTimer) { c, e };
  return t;
}

/* What the new attempt's restore gave it (the store rolled back when the
 * scheduler restarted its region). */
static void
trace_restore (FsimCluster *c, Execution *e)
{
  const FsimStoreRestore *r = &e->restore;
  gboolean source = e->producers == 0;
  GString *d = g_string_new (NULL);
  if (r->checkpoint == 0)
    g_string_append (d, "no checkpoint completed yet: from scratch");
  else if (!r->from_snapshot)
    g_string_append_printf (d, "checkpoint %" G_GINT64_FORMAT " holds nothing of it: from scratch",
                            r->checkpoint);
  else if (r->snapshot != r->checkpoint)
    g_string_append_printf (d, "from checkpoint %" G_GINT64_FORMAT " (its snapshot of "
                            "checkpoint %" G_GINT64_FORMAT ", taken before it finished)",
                            r->checkpoint, r->snapshot);
  else
    g_string_append_printf (d, "from checkpoint %" G_GINT64_FORMAT, r->checkpoint);
  if (source && r->cannot_rewind)
    g_string_append_printf (d, "; the source keeps no offset to rewind to (Flink: socket, at "
                            "most once): it reads on at record %" G_GINT64_FORMAT ", and what "
                            "its failed attempt read after the checkpoint is gone",
                            r->source_offset);
  else if (source)
    g_string_append_printf (d, "; the source goes on at offset %" G_GINT64_FORMAT,
                            r->source_offset);
  if (r->keys_before > 0 || r->records_before > 0)
    g_string_append_printf (d, "; keyed state: %" G_GINT64_FORMAT " key%s and %" G_GINT64_FORMAT
                            " record%s counted (the failed attempt had %" G_GINT64_FORMAT
                            " and %" G_GINT64_FORMAT ")", r->keys, r->keys == 1 ? "" : "s",
                            r->records, r->records == 1 ? "" : "s", r->keys_before,
                            r->records_before);
  if (r->windows > 0 || r->timers > 0)
    g_string_append_printf (d, "; windows: %" G_GINT64_FORMAT " (key, window) pair%s with "
                            "their contents and trigger state, %" G_GINT64_FORMAT " timer%s",
                            r->windows, r->windows == 1 ? "" : "s", r->timers,
                            r->timers == 1 ? "" : "s");
  FsimTraceRecord rec = fsim_sched_execution_record (
    c, e, FSIM_SCHED_KIND_RESTORE,
    r->from_snapshot ? "StreamTask.restoreInner: the JobManagerTaskRestore names the latest "
                       "completed checkpoint; a source rewinds to its split's offset "
                       "(SourceOperator), keyed state is its key groups' snapshot"
                     : "StreamTask.restoreInner: no state to restore, so every operator starts "
                       "empty and a source reads its split from the start");
  rec.detail = d->str;
  rec.values[0] = r->checkpoint;
  rec.values[1] = source ? r->source_offset : -1;
  rec.values[2] = r->records;
  rec.values[3] = r->windows;
  fsim_sched_cluster_trace (c, &rec);
  g_string_free (d, TRUE);
}

static void
task_running (FsimSim *sim, gpointer payload)
{
  TaskTimer *t = payload;
  FsimCluster *c = t->c;
  Execution *e = t->e;
  e->task_timer = FSIM_EVENT_NONE;
  if (e->restored)
    trace_restore (c, e);
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_RUNNING, NULL,
                   e->restored ? "StreamTask.restore is done: the mailbox loop starts "
                                 "processing input; reported to the JobMaster"
                               : "StreamTask.restore is done (no state to restore): the mailbox "
                                 "loop starts processing input; reported to the JobMaster");
  e->running_since = fsim_sim_now (sim);
  report (c, e, FSIM_EXECUTION_RUNNING);
  if (e->producers > 0 && e->producers_finished == e->producers)
    fsim_sched_taskmanager_finish_task (c, e, "end of input had already arrived on every input "
                                        "channel: the task finishes as soon as it runs");
  else
    fsim_sched_stream_task_start (c, e);
}

/* A duration drawn uniformly from [mean/2, 3*mean/2], integers only. */
static gint64
draw (TaskManager *tm, gint64 mean)
{
  if (mean <= 0)
    return 0;
  return fsim_rng_int_range (tm->rng, mean / 2, mean + mean / 2);
}

static void
task_initializing (FsimSim *sim, gpointer payload)
{
  TaskTimer *t = payload;
  FsimCluster *c = t->c;
  Execution *e = t->e;
  e->task_timer = FSIM_EVENT_NONE;
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_INITIALIZING, NULL,
                   "Task.doRun: network buffers and user code are ready; "
                   "StreamTask.restore initialises operator state; reported to the "
                   "JobMaster (updateTaskExecutionState)");
  report (c, e, FSIM_EXECUTION_INITIALIZING);
  e->task_timer = fsim_sim_schedule_in (sim, draw (e->slot->tm, c->settings.task_initialize_us),
                                        FSIM_PRIORITY_DEFAULT, task_running,
                                        task_timer_new (c, e), g_free);
}

void
fsim_sched_taskmanager_submit_task (FsimCluster *c, Execution *e)
{
  TaskManager *tm = e->slot->tm;
  if (!tm->alive)
    return;
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_DEPLOYING, NULL,
                   "TaskExecutor.submitTask: the TaskManager creates the Task in its "
                   "slot and starts the task thread");
  e->task_timer = fsim_sim_schedule_in (c->sim, draw (tm, c->settings.task_deploy_us),
                                        FSIM_PRIORITY_DEFAULT, task_initializing,
                                        task_timer_new (c, e), g_free);
}

void
fsim_sched_taskmanager_cancel_task (FsimCluster *c, Execution *e)
{
  FsimExecutionState s = e->task_state;
  if (!e->slot->tm->alive || fsim_execution_state_is_terminal (s)
      || s == FSIM_EXECUTION_CREATED || s == FSIM_EXECUTION_CANCELING)
    return;
  fsim_sim_cancel (c->sim, e->task_timer);
  e->task_timer = FSIM_EVENT_NONE;
  fsim_sched_stream_task_trace_final (c, e);
  fsim_sched_stream_task_stop (c, e);
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_CANCELING, NULL,
                   "TaskExecutor.cancelTask: Task.cancelExecution interrupts the task thread");
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                   "the task thread has exited: the Task is CANCELED and reports it to "
                   "the JobMaster");
  report (c, e, FSIM_EXECUTION_CANCELED);
}

void
fsim_sched_taskmanager_fail_task (FsimCluster *c, Execution *e, const char *cause, const char *why)
{
  fsim_sim_cancel (c->sim, e->task_timer);
  e->task_timer = FSIM_EVENT_NONE;
  fsim_sched_stream_task_trace_final (c, e);
  fsim_sched_stream_task_stop (c, e);
  g_free (e->failure);
  e->failure = g_strdup (cause);
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_FAILED, cause, why);
  report (c, e, FSIM_EXECUTION_FAILED);
}

void
fsim_sched_taskmanager_kill (FsimCluster *c, TaskManager *tm)
{
  tm->alive = FALSE;
  /* The Tasks die with the process: no state change is ever reported. */
  for (int i = 0; c->job && i < c->job->n_vertices; i++)
    {
      Execution *e = c->job->vertices[i].current;
      if (e->slot && e->slot->tm == tm)
        {
          fsim_sim_cancel (c->sim, e->task_timer);
          e->task_timer = FSIM_EVENT_NONE;
          fsim_sched_stream_task_stop (c, e);
        }
    }
}

void
fsim_sched_taskmanager_end_of_partition (FsimCluster *c, Execution *e)
{
  if (e->slot && !e->slot->tm->alive)
    return;
  /* A consumer that is not deployed (or already gone) has no channel yet;
   * it counts the event anyway, as its partition request would find the
   * finished partition. */
  e->producers_finished++;
  g_assert (e->producers_finished <= e->producers);
  if (e->task_state == FSIM_EXECUTION_RUNNING || e->task_state == FSIM_EXECUTION_INITIALIZING
      || e->task_state == FSIM_EXECUTION_DEPLOYING)
    {
      FsimTraceRecord r = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_END_OF_PARTITION,
                                            "a producer finished: its EndOfPartitionEvent "
                                            "ends one input channel of this task");
      g_autofree char *detail = g_strdup_printf ("%d of %d input partitions ended",
                                                 e->producers_finished, e->producers);
      r.detail = detail;
      fsim_sched_cluster_trace (c, &r);
    }
  /* a sorting input finishes the task itself, after its sorted output */
  if (e->producers_finished == e->producers && e->task_state == FSIM_EXECUTION_RUNNING
      && !fsim_sched_stream_task_holds_end_of_data (e)
      && !fsim_sched_stream_task_awaits_final_checkpoint (e))
    {
      g_autofree char *why = g_strdup_printf (
        "EndOfPartitionEvent arrived from all %d input partitions: end of input, "
        "the task finishes (StreamTask.endData)", e->producers);
      fsim_sched_taskmanager_finish_task (c, e, why);
    }
}
