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
  Call *call = payload;
  fsim_sched_resource_manager_slot_report (call->c, call->a);
}

static void
tm_registration_success (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  /* TaskExecutor.establishResourceManagerConnection: sendSlotReport. */
  fsim_sched_cluster_rpc (call->c, rm_receives_slot_report, fsim_sched_call_new (call->c, call->a, NULL, 0));
}

static void
rm_receives_registration (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  fsim_sched_resource_manager_register_taskmanager (call->c, call->a);
  fsim_sched_cluster_rpc (call->c, tm_registration_success, fsim_sched_call_new (call->c, call->a, NULL, 0));
}

void
fsim_sched_taskmanager_start (FsimCluster *c, TaskManager *tm)
{
  fsim_sched_cluster_rpc (c, rm_receives_registration, fsim_sched_call_new (c, tm, NULL, 0));
}

/* --- heartbeats -------------------------------------------------------------- */

static void
monitor_receives_heartbeat (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  fsim_sched_heartbeat_received (call->c, call->a, call->n != 0);
}

void
fsim_sched_taskmanager_heartbeat_request (FsimCluster *c, TaskManager *tm, gboolean rm)
{
  /* A dead process answers nothing; the monitor's timeout notices. */
  if (!tm->alive || c->shut_down)
    return;
  fsim_sched_cluster_rpc (c, monitor_receives_heartbeat, fsim_sched_call_new (c, tm, NULL, rm));
}

/* --- slots ------------------------------------------------------------------- */

static void
jm_receives_offer (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  fsim_sched_slot_pool_offer (call->c, call->a);
}

/* TaskExecutor.offerSlotsToJobManager: every slot allocated for the job and
 * not offered yet, in slot order, in one offerSlots RPC. */
static void
offer_slots (FsimCluster *c, TaskManager *tm)
{
  for (int i = 0; i < tm->n_slots; i++)
    {
      TaskSlot *slot = &tm->slots[i];
      if (slot->allocation != 0 && !slot->offered)
        {
          slot->offered = TRUE;
          fsim_sched_cluster_rpc (c, jm_receives_offer, fsim_sched_call_new (c, slot, NULL, 0));
        }
    }
}

static void
tm_connected_to_job (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  TaskManager *tm = call->a;
  if (!tm->alive || tm->job_connection != JOB_CONNECTING)
    return;
  tm->job_connection = JOB_CONNECTED;
  offer_slots (call->c, tm);
}

static void
jm_registers_taskmanager (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  /* JobMaster.registerTaskManager: from now on the JobMaster monitors this
   * TaskManager's heartbeat too. */
  fsim_sched_heartbeat_monitor_target (call->c, call->a, FALSE);
  fsim_sched_cluster_rpc (call->c, tm_connected_to_job, fsim_sched_call_new (call->c, call->a, NULL, 0));
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
  switch (tm->job_connection)
    {
    case JOB_NOT_CONNECTED:
      tm->job_connection = JOB_CONNECTING;
      fsim_sched_cluster_rpc (c, jm_registers_taskmanager, fsim_sched_call_new (c, tm, NULL, 0));
      break;
    case JOB_CONNECTING:
      break;
    case JOB_CONNECTED:
      offer_slots (c, tm);
      break;
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
  slot->offered = FALSE;
  slot->in_pool = FALSE;
  slot->payload = NULL;
  fsim_sched_cluster_trace (c, &r);
}

/* --- tasks ------------------------------------------------------------------- */

typedef struct {
  FsimCluster *c;
  Execution *e;
  FsimExecutionState state;
} Report;

static void jm_receives_report (FsimSim *sim, gpointer payload);

/* TaskExecutor.updateTaskExecutionState -> JobMaster. */
static void
report (FsimCluster *c, Execution *e, FsimExecutionState state)
{
  Report *r = g_new (Report, 1);
  *r = (Report) { c, e, state };
  fsim_sched_cluster_rpc (c, jm_receives_report, r);
}

static void
jm_receives_report (FsimSim *sim, gpointer payload)
{
  Report *r = payload;
  FsimCluster *c = r->c;
  Execution *e = r->e;
  FsimExecutionState now = e->state;
  switch (r->state)
    {
    case FSIM_EXECUTION_INITIALIZING:
      /* switchToInitializing only from DEPLOYING; a cancelled execution
       * ignores the report (Execution.switchTo). */
      if (now == FSIM_EXECUTION_DEPLOYING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_INITIALIZING, NULL,
                              "the TaskManager reported INITIALIZING "
                              "(Execution.switchToInitializing; partition infos are sent)");
      break;
    case FSIM_EXECUTION_RUNNING:
      if (now == FSIM_EXECUTION_INITIALIZING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_RUNNING, NULL,
                              "the TaskManager reported RUNNING (Execution.switchToRunning)");
      break;
    case FSIM_EXECUTION_FINISHED:
      if (now == FSIM_EXECUTION_DEPLOYING || now == FSIM_EXECUTION_INITIALIZING
          || now == FSIM_EXECUTION_RUNNING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_FINISHED, NULL,
                              "the TaskManager reported FINISHED (Execution.markFinished)");
      else if (now == FSIM_EXECUTION_CANCELING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                              "FINISHED arrived while CANCELING: Execution.markFinished "
                              "completes the cancellation (completeCancelling)");
      break;
    case FSIM_EXECUTION_FAILED:
      /* SchedulerBase.updateTaskExecutionState -> Execution.markFailed:
       * processFail, or while CANCELING completeCancelling */
      if (now == FSIM_EXECUTION_CANCELING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                              "FAILED arrived while CANCELING: Execution.processFail "
                              "completes the cancellation instead");
      else if (!fsim_execution_state_is_terminal (now))
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_FAILED, e->failure,
                              "the TaskManager reported FAILED "
                              "(updateTaskExecutionState -> Execution.markFailed)");
      break;
    case FSIM_EXECUTION_CANCELED:
      if (now == FSIM_EXECUTION_CANCELING || now == FSIM_EXECUTION_DEPLOYING
          || now == FSIM_EXECUTION_INITIALIZING || now == FSIM_EXECUTION_RUNNING)
        fsim_sched_execution_transition (c, e, FSIM_EXECUTION_CANCELED, NULL,
                              "the TaskManager confirmed the cancellation "
                              "(Execution.completeCancelling)");
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Sends one EndOfPartitionEvent per consumer of each produced partition:
 * the network stack's signal that this producer's data is complete. */
static void
send_end_of_partition (FsimCluster *c, Execution *e);

static void
finish_task (FsimCluster *c, Execution *e, const char *why)
{
  fsim_sim_cancel (c->sim, e->task_timer);
  e->task_timer = FSIM_EVENT_NONE;
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_FINISHED, NULL, why);
  report (c, e, FSIM_EXECUTION_FINISHED);
  send_end_of_partition (c, e);
}

static void
source_exhausted (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  Execution *e = call->a;
  e->task_timer = FSIM_EVENT_NONE;
  g_autofree char *why = g_strdup_printf (
    "the bounded source read its %" G_GINT64_FORMAT " records at %g records/s: end of "
    "input, the task finishes and sends EndOfPartitionEvent downstream",
    e->records, e->rate_per_s);
  finish_task (call->c, e, why);
}

static void
task_running (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  FsimCluster *c = call->c;
  Execution *e = call->a;
  e->task_timer = FSIM_EVENT_NONE;
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_RUNNING, NULL,
                   "StreamTask.restore is done (no state to restore): the mailbox "
                   "loop starts processing input; reported to the JobMaster");
  e->running_since = fsim_sim_now (sim);
  report (c, e, FSIM_EXECUTION_RUNNING);
  if (e->producers > 0 && e->producers_finished == e->producers)
    finish_task (c, e, "end of input had already arrived on every input channel: "
                 "the task finishes as soon as it runs");
  else if (e->bounded_source)
    {
      /* A source without .rate() reads at the simulator's default rate. */
      if (e->rate_per_s <= 0)
        e->rate_per_s = c->settings.default_source_rate;
      /* rounded to whole microseconds, so the time is exact everywhere */
      double us = (double) e->records * G_USEC_PER_SEC / e->rate_per_s + 0.5;
      /* past 4e18 us (126,000 years; records(huge).rate(tiny)) it never
       * ends: the 64-bit clock could not hold the time */
      if (us < 4e18)
        e->task_timer = fsim_sim_schedule_in (sim, (gint64) us, FSIM_PRIORITY_DEFAULT,
                                              source_exhausted, fsim_sched_call_new (c, e, NULL, 0),
                                              g_free);
    }
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
  Call *call = payload;
  FsimCluster *c = call->c;
  Execution *e = call->a;
  fsim_sched_task_transition (c, e, FSIM_EXECUTION_INITIALIZING, NULL,
                   "Task.doRun: network buffers and user code are ready; "
                   "StreamTask.restore initialises operator state; reported to the "
                   "JobMaster (updateTaskExecutionState)");
  report (c, e, FSIM_EXECUTION_INITIALIZING);
  e->task_timer = fsim_sim_schedule_in (sim, draw (e->slot->tm, c->settings.task_initialize_us),
                                        FSIM_PRIORITY_DEFAULT, task_running,
                                        fsim_sched_call_new (c, e, NULL, 0), g_free);
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
                                        fsim_sched_call_new (c, e, NULL, 0), g_free);
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
  for (guint i = 0; c->job && i < c->job->executions->len; i++)
    {
      Execution *e = g_ptr_array_index (c->job->executions, i);
      if (e->slot && e->slot->tm == tm)
        {
          fsim_sim_cancel (c->sim, e->task_timer);
          e->task_timer = FSIM_EVENT_NONE;
        }
    }
}

static void
end_of_partition_arrives (FsimSim *sim, gpointer payload)
{
  Call *call = payload;
  fsim_sched_taskmanager_end_of_partition (call->c, call->a);
}

static void
send_end_of_partition (FsimCluster *c, Execution *e)
{
  const FsimExecutionVertex *v = e->vertex;
  for (guint i = 0; i < v->job_vertex->produced->len; i++)
    {
      FsimResultPartition *p = fsim_execution_vertex_get_produced (v, i);
      for (int g = 0; g < p->result->n_consumer_edges; g++)
        {
          FsimConsumerVertexGroup *group = p->consumer_groups[g];
          for (int s = group->subtasks.start; s <= group->subtasks.end; s++)
            {
              Execution *consumer = g_ptr_array_index (c->job->executions,
                                                       group->consumer->subtasks[s].index);
              fsim_sched_cluster_rpc (c, end_of_partition_arrives, fsim_sched_call_new (c, consumer, e, 0));
            }
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
  if (e->producers_finished == e->producers && e->task_state == FSIM_EXECUTION_RUNNING)
    {
      g_autofree char *why = g_strdup_printf (
        "EndOfPartitionEvent arrived from all %d input partitions: end of input, "
        "the task finishes (StreamTask.endData)", e->producers);
      finish_task (c, e, why);
    }
}
