/* coordinator.c - the CheckpointCoordinator and its PendingCheckpoints.
 *
 * A skeleton of Flink's CheckpointCoordinator: trigger, acknowledgements,
 * completion and notification, decline, expiry, and the
 * CheckpointFailureManager's count of failures in a row. It knows the job
 * only through the host interface (checkpoint.h). Simplifications, said
 * where they are made: a trigger beyond max-concurrent-checkpoints fails at
 * once (Flink's CheckpointRequestDecider queues it), and no state is
 * stored (acknowledgements carry no TaskStateSnapshot yet). */
#include "config.h"

#include "checkpoint/checkpoint.h"

/* --- PendingCheckpoint lifecycle -------------------------------------------------- */

typedef struct {
  int from, to;
  const char *rule;
} Step;

static const char *const pending_state_names[FSIM_PENDING_CHECKPOINT_STATE_COUNT] = {
  [FSIM_PENDING_CHECKPOINT_IN_PROGRESS] = "IN_PROGRESS",
  [FSIM_PENDING_CHECKPOINT_COMPLETED] = "COMPLETED",
  [FSIM_PENDING_CHECKPOINT_ABORTED] = "ABORTED",
};

static const Step pending_steps[] = {
  { FSIM_PENDING_CHECKPOINT_IN_PROGRESS, FSIM_PENDING_CHECKPOINT_COMPLETED,
    "CheckpointCoordinator.completePendingCheckpoint" },
  { FSIM_PENDING_CHECKPOINT_IN_PROGRESS, FSIM_PENDING_CHECKPOINT_ABORTED,
    "PendingCheckpoint.abort" },
};

const char *
fsim_pending_checkpoint_transition_rule (FsimPendingCheckpointState from,
                                         FsimPendingCheckpointState to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pending_steps); i++)
    if (pending_steps[i].from == (int) from && pending_steps[i].to == (int) to)
      return pending_steps[i].rule;
  return NULL;
}

/* --- CheckpointFailureReason ------------------------------------------------------- */

static const struct {
  const char *name;
  const char *message;
  gboolean counts;              /* CheckpointFailureManager.checkFailureCounter */
} reasons[FSIM_CHECKPOINT_FAILURE_COUNT] = {
  [FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING] = { "NOT_ALL_REQUIRED_TASKS_RUNNING",
    "Not all required tasks are currently running.", FALSE },
  [FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS] = { "TOO_MANY_CHECKPOINT_REQUESTS",
    "The maximum number of queued checkpoint requests exceeded", FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED] = { "CHECKPOINT_EXPIRED",
    "Checkpoint expired before completing.", TRUE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED] = { "CHECKPOINT_DECLINED",
    "Checkpoint was declined.", TRUE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN] = { "CHECKPOINT_COORDINATOR_SHUTDOWN",
    "CheckpointCoordinator shutdown.", FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_SUBSUMED] = { "CHECKPOINT_DECLINED_SUBSUMED",
    "Checkpoint was canceled because a barrier from newer checkpoint was received.", FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER] = {
    "CHECKPOINT_DECLINED_ON_CANCELLATION_BARRIER",
    "Task received cancellation from one of its inputs", FALSE },
  [FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED_INPUT_END_OF_STREAM] = {
    "CHECKPOINT_DECLINED_INPUT_END_OF_STREAM",
    "Checkpoint was declined because one input stream is finished", FALSE },
};

const char *
fsim_checkpoint_failure_reason_name (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].name;
}

const char *
fsim_checkpoint_failure_reason_message (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].message;
}

gboolean
fsim_checkpoint_failure_reason_counts (FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  return reasons[reason].counts;
}

void
fsim_checkpoint_settings_init (FsimCheckpointSettings *s)
{
  *s = (FsimCheckpointSettings) {
    .interval_us = 0,
    .timeout_us = 10 * 60 * G_USEC_PER_SEC,
    .max_concurrent = 1,
    .tolerable_failures = 0,
    .periodic = FALSE,
    .min_pause_us = 0,
    .num_retained = 1,
    .at_least_once = FALSE,
    .unaligned = FALSE,
    .aligned_timeout_us = 0,
    .after_tasks_finish = TRUE,
  };
}

/* --- the coordinator ----------------------------------------------------------------- */

typedef struct {
  int vertex, subtask, attempt;
  char *label;
} Task;

typedef struct {
  gint64 id;
  FsimPendingCheckpointState state;
  FsimCheckpointFailureReason reason; /* ABORTED */
  GArray *to_ack;               /* Task, in the host's order */
  gboolean *acked;              /* [to_ack->len] */
  guint n_acked;
  FsimEventId expiry;
  /* CheckpointStatsTracker */
  FsimSubtaskCheckpointRow *rows;  /* [to_ack->len] */
  gint64 trigger_us;
  gint64 latest_ack_us;
  gint64 failure_us;
  char *failure_message;
  gboolean discarded;
  gboolean unaligned;
} Pending;

struct _FsimCheckpointCoordinator {
  FsimSim *sim;
  FsimCheckpointSettings settings;
  const FsimCheckpointHost *host;
  gpointer host_data;
  GPtrArray *checkpoints;       /* Pending*, by id - 1 (kept for their state) */
  gint64 latest_completed;
  int continuous_failures;      /* CheckpointFailureManager.continuousFailureCounter */
  FsimEventId periodic;
  gboolean shut_down;
};

static void
task_clear (gpointer p)
{
  g_free (((Task *) p)->label);
}

static void
pending_free (Pending *p)
{
  for (guint i = 0; i < p->to_ack->len; i++)
    g_free ((char *) p->rows[i].stats.late_barrier_why);
  g_array_unref (p->to_ack);
  g_free (p->acked);
  g_free (p->rows);
  g_free (p->failure_message);
  g_free (p);
}

static void
pending_transition (Pending *p, FsimPendingCheckpointState to)
{
  if (fsim_pending_checkpoint_transition_rule (p->state, to) == NULL)
    g_error ("illegal PendingCheckpoint transition %s -> %s", pending_state_names[p->state],
             pending_state_names[to]);
  p->state = to;
  /* only IN_PROGRESS waits for its timeout */
  g_assert (p->state == FSIM_PENDING_CHECKPOINT_IN_PROGRESS || p->expiry == FSIM_EVENT_NONE);
}

FsimCheckpointCoordinator *
fsim_checkpoint_coordinator_new (FsimSim *sim, const FsimCheckpointSettings *settings,
                                 const FsimCheckpointHost *host, gpointer host_data)
{
  g_assert (settings->max_concurrent >= 1 && settings->tolerable_failures >= 0);
  g_assert (host->tasks_running && host->trigger_task && host->notify_complete
            && host->fail_job);
  FsimCheckpointCoordinator *cc = g_new0 (FsimCheckpointCoordinator, 1);
  cc->sim = sim;
  cc->settings = *settings;
  cc->host = host;
  cc->host_data = host_data;
  cc->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  cc->latest_completed = -1;
  fsim_trace_register_kinds (fsim_sim_get_trace (sim), fsim_checkpoint_kinds,
                             FSIM_CHECKPOINT_KIND_COUNT);
  return cc;
}

void
fsim_checkpoint_coordinator_free (FsimCheckpointCoordinator *cc)
{
  if (cc == NULL)
    return;
  /* timers hold only the coordinator: cancel them with it */
  fsim_sim_cancel (cc->sim, cc->periodic);
  for (guint i = 0; i < cc->checkpoints->len; i++)
    fsim_sim_cancel (cc->sim, ((Pending *) g_ptr_array_index (cc->checkpoints, i))->expiry);
  g_ptr_array_unref (cc->checkpoints);
  g_free (cc);
}

static Pending *
find (FsimCheckpointCoordinator *cc, gint64 id)
{
  if (id < 1 || id > (gint64) cc->checkpoints->len)
    return NULL;
  return g_ptr_array_index (cc->checkpoints, id - 1);
}

static FsimTraceRecord
record (Pending *p, FsimCheckpointKind k, const char *why)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = FSIM_CHECKPOINT_KIND (k);
  r.job = 0;
  r.checkpoint = p->id;
  r.why = why;
  return r;
}

static void
task_subject (FsimTraceRecord *r, const Task *t)
{
  r->vertex = t->vertex;
  r->subtask = t->subtask;
  r->attempt = t->attempt;
  r->label = t->label;
}

static int
index_of (Pending *p, const FsimCheckpointTask *task)
{
  for (guint i = 0; i < p->to_ack->len; i++)
    {
      Task *t = &g_array_index (p->to_ack, Task, i);
      if (t->vertex == task->vertex && t->subtask == task->subtask
          && t->attempt == task->attempt)
        return (int) i;
    }
  return -1;
}

static int
pending_count (FsimCheckpointCoordinator *cc)
{
  int n = 0;
  for (guint i = 0; i < cc->checkpoints->len; i++)
    n += ((Pending *) g_ptr_array_index (cc->checkpoints, i))->state
         == FSIM_PENDING_CHECKPOINT_IN_PROGRESS;
  return n;
}

/* CheckpointFailureManager.checkFailureAgainstCounter */
static void
count_failure (FsimCheckpointCoordinator *cc, Pending *p, FsimCheckpointFailureReason reason)
{
  if (!fsim_checkpoint_failure_reason_counts (reason) || p->id <= cc->latest_completed)
    return;
  cc->continuous_failures++;
  if (cc->continuous_failures <= cc->settings.tolerable_failures)
    return;
  cc->continuous_failures = 0;
  g_autofree char *cause = g_strdup_printf (
    "org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint tolerable failure "
    "threshold. The latest checkpoint failed due to %s, view the Checkpoint History tab "
    "or the Job Manager log to find out why continuous checkpoints failed.",
    fsim_checkpoint_failure_reason_message (reason));
  cc->host->fail_job (cc->host_data, cause);
}

/* CheckpointCoordinator.abortPendingCheckpoint */
static void
abort_pending (FsimCheckpointCoordinator *cc, Pending *p, FsimCheckpointFailureReason reason,
               FsimCheckpointKind kind, const Task *by, const char *cause, const char *why)
{
  fsim_sim_cancel (cc->sim, p->expiry);
  p->expiry = FSIM_EVENT_NONE;
  p->reason = reason;
  pending_transition (p, FSIM_PENDING_CHECKPOINT_ABORTED);
  FsimTraceRecord r = record (p, kind, why);
  g_autofree char *label = g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, p->id);
  g_autofree char *detail = g_strdup_printf ("%s: %s%s%s", fsim_checkpoint_failure_reason_name (reason),
                                             fsim_checkpoint_failure_reason_message (reason),
                                             cause ? " " : "", cause ? cause : "");
  r.label = label;
  if (by)
    task_subject (&r, by);
  r.detail = detail;
  fsim_sim_trace (cc->sim, &r);
  p->failure_us = fsim_sim_now (cc->sim);
  p->failure_message = g_strdup_printf ("%s%s%s", fsim_checkpoint_failure_reason_message (reason),
                                        cause ? " " : "", cause ? cause : "");
  count_failure (cc, p, reason);
}

static void
expire (FsimSim *sim, gpointer payload)
{
  FsimCheckpointCoordinator *cc = ((gpointer *) payload)[0];
  gint64 id = GPOINTER_TO_SIZE (((gpointer *) payload)[1]);
  Pending *p = find (cc, id);
  p->expiry = FSIM_EVENT_NONE;
  if (p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return;
  abort_pending (cc, p, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED,
                 FSIM_CHECKPOINT_KIND_EXPIRED, NULL, NULL,
                 "CheckpointCanceller: not every task acknowledged within "
                 "execution.checkpointing.timeout, so the PendingCheckpoint is aborted");
}

/* A timer's payload: the coordinator and a checkpoint id, nothing borrowed. */
static gpointer *
timer_payload (FsimCheckpointCoordinator *cc, gint64 id)
{
  gpointer *pl = g_new (gpointer, 2);
  pl[0] = cc;
  pl[1] = GSIZE_TO_POINTER ((gsize) id);
  return pl;
}

gint64
fsim_checkpoint_coordinator_trigger (FsimCheckpointCoordinator *cc,
                                     FsimCheckpointFailureReason *reason)
{
  FsimCheckpointFailureReason dummy;
  reason = reason ? reason : &dummy;
  if (cc->shut_down)
    {
      *reason = FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN;
      return -1;
    }
  if (pending_count (cc) >= cc->settings.max_concurrent)
    {
      *reason = FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS;
      return -1;
    }
  g_autoptr (GArray) to_trigger = g_array_new (FALSE, TRUE, sizeof (FsimCheckpointTask));
  g_autoptr (GArray) to_ack = g_array_new (FALSE, TRUE, sizeof (FsimCheckpointTask));
  if (!cc->host->tasks_running (cc->host_data, to_trigger, to_ack))
    {
      /* a pre-flight failure: no PendingCheckpoint, no id used */
      *reason = FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING;
      return -1;
    }
  g_assert (to_trigger->len > 0 && to_ack->len >= to_trigger->len);
  Pending *p = g_new0 (Pending, 1);
  p->id = (gint64) cc->checkpoints->len + 1;   /* CheckpointIDCounter */
  p->state = FSIM_PENDING_CHECKPOINT_IN_PROGRESS;
  p->to_ack = g_array_sized_new (FALSE, TRUE, sizeof (Task), to_ack->len);
  g_array_set_clear_func (p->to_ack, task_clear);
  for (guint i = 0; i < to_ack->len; i++)
    {
      const FsimCheckpointTask *t = &g_array_index (to_ack, FsimCheckpointTask, i);
      Task copy = { t->vertex, t->subtask, t->attempt, g_strdup (t->label) };
      g_array_append_val (p->to_ack, copy);
    }
  p->acked = g_new0 (gboolean, to_ack->len);
  p->rows = g_new0 (FsimSubtaskCheckpointRow, to_ack->len);
  for (guint i = 0; i < to_ack->len; i++)
    {
      const Task *t = &g_array_index (p->to_ack, Task, i);
      p->rows[i].task = (FsimCheckpointTask) { t->vertex, t->subtask, t->attempt, t->label };
      p->rows[i].ack_us = -1;
    }
  p->trigger_us = fsim_sim_now (cc->sim);
  p->latest_ack_us = -1;
  p->failure_us = -1;
  g_ptr_array_add (cc->checkpoints, p);

  FsimTraceRecord r = record (p, FSIM_CHECKPOINT_KIND_TRIGGERED,
                              "CheckpointCoordinator.triggerCheckpoint: every task is RUNNING "
                              "(DefaultCheckpointPlanCalculator), so a PendingCheckpoint with "
                              "the next id waits for every task; the sources are triggered");
  g_autofree char *label = g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, p->id);
  g_autofree char *detail = g_strdup_printf ("%u source task%s triggered, %u task%s to "
                                             "acknowledge", to_trigger->len,
                                             to_trigger->len == 1 ? "" : "s", to_ack->len,
                                             to_ack->len == 1 ? "" : "s");
  r.label = label;
  r.detail = detail;
  fsim_sim_trace (cc->sim, &r);
  p->expiry = fsim_sim_schedule_in (cc->sim, cc->settings.timeout_us, FSIM_PRIORITY_DEFAULT,
                                    expire, timer_payload (cc, p->id), g_free);
  for (guint i = 0; i < to_trigger->len; i++)
    cc->host->trigger_task (cc->host_data, &g_array_index (to_trigger, FsimCheckpointTask, i),
                            p->id);
  return p->id;
}

/* CheckpointCoordinator.completePendingCheckpoint and sendAcknowledgeMessages */
static void
complete (FsimCheckpointCoordinator *cc, Pending *p)
{
  fsim_sim_cancel (cc->sim, p->expiry);
  p->expiry = FSIM_EVENT_NONE;
  pending_transition (p, FSIM_PENDING_CHECKPOINT_COMPLETED);
  cc->latest_completed = p->id;
  cc->continuous_failures = 0;  /* CheckpointFailureManager.handleCheckpointSuccess */
  FsimTraceRecord r = record (p, FSIM_CHECKPOINT_KIND_COMPLETED,
                              "every task acknowledged: CheckpointCoordinator."
                              "completePendingCheckpoint makes it a CompletedCheckpoint and "
                              "notifies every task (notifyCheckpointComplete)");
  g_autofree char *label = g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, p->id);
  g_autofree char *detail = g_strdup_printf ("%u tasks acknowledged", p->n_acked);
  r.label = label;
  r.detail = detail;
  fsim_sim_trace (cc->sim, &r);
  for (guint i = 0; i < p->to_ack->len; i++)
    {
      const Task *t = &g_array_index (p->to_ack, Task, i);
      FsimCheckpointTask task = { t->vertex, t->subtask, t->attempt, t->label };
      cc->host->notify_complete (cc->host_data, &task, p->id);
    }
}

gboolean
fsim_checkpoint_coordinator_acknowledge (FsimCheckpointCoordinator *cc,
                                         const FsimCheckpointTask *task, gint64 checkpoint_id,
                                         const FsimSubtaskCheckpointStats *stats)
{
  Pending *p = find (cc, checkpoint_id);
  /* a late or unknown message: Flink discards its state and logs it */
  if (p == NULL || p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return FALSE;
  int i = index_of (p, task);
  if (i < 0)
    return FALSE;               /* TaskAcknowledgeResult.UNKNOWN */
  if (p->acked[i])
    return TRUE;                /* DUPLICATE: nothing changes */
  p->acked[i] = TRUE;
  p->n_acked++;
  FsimSubtaskCheckpointRow *row = &p->rows[i];
  row->acknowledged = TRUE;
  row->ack_us = fsim_sim_now (cc->sim);
  if (stats)
    {
      row->stats = *stats;
      row->stats.late_barrier_why = g_strdup (stats->late_barrier_why);
      p->unaligned |= stats->unaligned;
    }
  p->latest_ack_us = row->ack_us;
  FsimTraceRecord r = record (p, FSIM_CHECKPOINT_KIND_ACKNOWLEDGED,
                              "CheckpointCoordinator.receiveAcknowledgeMessage: "
                              "PendingCheckpoint.acknowledgeTask (SUCCESS)");
  task_subject (&r, &g_array_index (p->to_ack, Task, i));
  g_autofree char *detail = g_strdup_printf ("%u of %u tasks acknowledged", p->n_acked,
                                             p->to_ack->len);
  r.detail = detail;
  fsim_sim_trace (cc->sim, &r);
  if (p->n_acked == p->to_ack->len)
    complete (cc, p);
  return TRUE;
}

gboolean
fsim_checkpoint_coordinator_decline (FsimCheckpointCoordinator *cc,
                                     const FsimCheckpointTask *task, gint64 checkpoint_id,
                                     const char *cause)
{
  Pending *p = find (cc, checkpoint_id);
  if (p == NULL || p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return FALSE;
  int i = index_of (p, task);
  Task by = { task->vertex, task->subtask, task->attempt, (char *) task->label };
  abort_pending (cc, p, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED,
                 FSIM_CHECKPOINT_KIND_DECLINED, i >= 0 ? &g_array_index (p->to_ack, Task, i) : &by,
                 cause,
                 "CheckpointCoordinator.receiveDeclineMessage: a task declined, so the "
                 "PendingCheckpoint is aborted (CHECKPOINT_DECLINED) and counted by the "
                 "CheckpointFailureManager");
  return TRUE;
}

static void
periodic_tick (FsimSim *sim, gpointer payload)
{
  FsimCheckpointCoordinator *cc = ((gpointer *) payload)[0];
  cc->periodic = FSIM_EVENT_NONE;
  if (cc->shut_down)
    return;
  fsim_checkpoint_coordinator_trigger (cc, NULL);
  cc->periodic = fsim_sim_schedule_in (sim, cc->settings.interval_us, FSIM_PRIORITY_DEFAULT,
                                       periodic_tick, timer_payload (cc, 0), g_free);
}

void
fsim_checkpoint_coordinator_job_running (FsimCheckpointCoordinator *cc)
{
  if (!cc->settings.periodic || cc->settings.interval_us <= 0 || cc->periodic != FSIM_EVENT_NONE)
    return;
  /* startCheckpointScheduler: the first one after a random delay in
   * [min-pause, interval] (getRandomInitDelay), here from the
   * coordinator's own stream */
  FsimRng *rng = fsim_sim_rng_stream (cc->sim, "checkpoint-coordinator");
  gint64 delay = fsim_rng_int_range (rng, 0, cc->settings.interval_us);
  cc->periodic = fsim_sim_schedule_in (cc->sim, delay, FSIM_PRIORITY_DEFAULT, periodic_tick,
                                       timer_payload (cc, 0), g_free);
}

void
fsim_checkpoint_coordinator_job_terminal (FsimCheckpointCoordinator *cc)
{
  if (cc->shut_down)
    return;
  cc->shut_down = TRUE;
  fsim_sim_cancel (cc->sim, cc->periodic);
  cc->periodic = FSIM_EVENT_NONE;
  /* CheckpointCoordinator.shutdown: abortPendingCheckpoints */
  for (guint i = 0; i < cc->checkpoints->len; i++)
    {
      Pending *p = g_ptr_array_index (cc->checkpoints, i);
      if (p->state == FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
        abort_pending (cc, p, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN,
                       FSIM_CHECKPOINT_KIND_DECLINED, NULL, NULL,
                       "the job is over: CheckpointCoordinator.shutdown aborts every "
                       "pending checkpoint");
    }
}

int
fsim_checkpoint_coordinator_get_state (FsimCheckpointCoordinator *cc, gint64 checkpoint_id)
{
  Pending *p = find (cc, checkpoint_id);
  return p ? (int) p->state : -1;
}

int
fsim_checkpoint_coordinator_get_pending_count (FsimCheckpointCoordinator *cc)
{
  return pending_count (cc);
}

gint64
fsim_checkpoint_coordinator_get_latest_completed (FsimCheckpointCoordinator *cc)
{
  return cc->latest_completed;
}

/* --- CheckpointStatsTracker ---------------------------------------------------------- */

const char *
fsim_checkpoint_stats_status_name (FsimPendingCheckpointState state)
{
  static const char *const names[FSIM_PENDING_CHECKPOINT_STATE_COUNT] = {
    [FSIM_PENDING_CHECKPOINT_IN_PROGRESS] = "IN_PROGRESS",
    [FSIM_PENDING_CHECKPOINT_COMPLETED] = "COMPLETED",
    [FSIM_PENDING_CHECKPOINT_ABORTED] = "FAILED",
  };
  g_assert (state < FSIM_PENDING_CHECKPOINT_STATE_COUNT);
  return names[state];
}

guint
fsim_checkpoint_coordinator_get_n_checkpoints (FsimCheckpointCoordinator *cc)
{
  return cc->checkpoints->len;
}

gboolean
fsim_checkpoint_coordinator_get_stats (FsimCheckpointCoordinator *cc, gint64 id,
                                       FsimCheckpointStatsView *out)
{
  Pending *p = find (cc, id);
  if (p == NULL)
    return FALSE;
  *out = (FsimCheckpointStatsView) {
    .id = p->id,
    .state = p->state,
    .savepoint = FALSE,
    .unaligned = p->unaligned,
    .trigger_us = p->trigger_us,
    .latest_ack_us = p->latest_ack_us,
    .failure_us = p->failure_us,
    .failure_reason = p->reason,
    .failure_message = p->failure_message,
    .discarded = p->discarded,
    .n_subtasks = p->to_ack->len,
    .n_acknowledged = p->n_acked,
    .subtasks = p->rows,
  };
  return TRUE;
}
