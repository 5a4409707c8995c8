/* coordinator.c - the CheckpointCoordinator and its PendingCheckpoints.
 *
 * Flink's CheckpointCoordinator (checkpoint.h and docs/checkpoints.md tell
 * the rules): trigger requests through the CheckpointRequestDecider
 * (request-decider.c), the periodic ScheduledTrigger, triggering, the
 * CheckpointCanceller, acknowledgements and completion into the completed
 * checkpoint store (num-retained), subsumption of older pending checkpoints,
 * declines and aborts through the CheckpointFailureManager
 * (failure-manager.c), notifications to the tasks, and the
 * CheckpointStatsTracker's views. It knows the job only through the host
 * interface (checkpoint.h).
 *
 * What Flink does on other threads happens here in events of their own at
 * the same instant, after the call that caused them, in the order Flink
 * hands them over: scheduleTriggerRequest (timer.execute(
 * executeQueuedRequest)) and the FailJobCallback (the JobMaster's main
 * thread executor). Flink's asynchronous trigger steps (id counter, storage
 * location, operator coordinators, master hooks) and the CheckpointsCleaner
 * take no time, so a trigger is never in progress when a request comes
 * (isTriggering) and no completed checkpoint waits for its cleanup. No state
 * is stored: acknowledgements carry sizes, not TaskStateSnapshots. */
#include "config.h"

#include "checkpoint/coordinator-private.h"
#include "graphs/graphs.h"

/* CheckpointCoordinator.NUM_GHOST_CHECKPOINT_IDS */
#define N_RECENT_EXPIRED 16
/* the cap on minPauseBetweenCheckpoints, 365 days */
#define MAX_MIN_PAUSE_US (G_GINT64_CONSTANT (365) * 24 * 3600 * G_USEC_PER_SEC)

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
  gint64 request;               /* the CheckpointTriggerRequest's number */
  gboolean periodic;
  gboolean savepoint;           /* CheckpointProperties.isSavepoint */
  gboolean synchronous;         /* CheckpointProperties.isSynchronous (forSyncSavepoint) */
  gboolean drain;               /* synchronous: SavepointType.terminate */
  FsimPendingCheckpointState state;
  FsimCheckpointFailureReason reason; /* ABORTED */
  GArray *to_ack;               /* Task, in the host's order */
  gboolean *acked;              /* [to_ack->len] */
  guint n_acked;
  FsimEventId expiry;           /* the CheckpointCanceller */
  /* CheckpointStatsTracker */
  FsimSubtaskCheckpointRow *rows;  /* [to_ack->len] */
  gint64 trigger_us;
  gint64 latest_ack_us;
  gint64 failure_us;
  char *failure_message;
  gboolean discarded;
  gboolean unaligned;
} Pending;

/* A FailJobCallback call waiting for the JobMaster's main thread. */
typedef struct {
  char *cause;
  gboolean by_task;
  Task task;
} FailCall;

struct _FsimCheckpointCoordinator {
  FsimSim *sim;
  FsimCheckpointSettings settings;
  gint64 min_pause_us;          /* minPauseBetweenCheckpoints, capped */
  gint64 base_interval_us;      /* baseInterval = max (interval, min pause); 0: none */
  int num_retained;             /* the store's maxNumberOfCheckpointsToRetain */
  const FsimCheckpointHost *host;
  gpointer host_data;
  GPtrArray *checkpoints;       /* Pending*, by id - 1 (kept for their stats) */
  GArray *pending;              /* gint64: pendingCheckpoints, the IN_PROGRESS ids, ascending */
  GArray *requests;             /* FsimCheckpointRequestView, by number - 1 */
  GArray *retained;             /* gint64: the CompletedCheckpointStore, oldest first */
  gint64 recent_expired[N_RECENT_EXPIRED]; /* recentExpiredCheckpoints, a ring */
  guint n_recent_expired;
  FsimCheckpointRequestDecider *decider;
  FsimCheckpointFailureManager *failures;
  gint64 latest_completed;
  gint64 last_completion_us;    /* lastCheckpointCompletionRelativeTime */
  gboolean is_triggering;
  gboolean periodic_scheduling;
  FsimEventId periodic;         /* currentPeriodicTrigger */
  gint64 next_trigger_us;       /* nextCheckpointTriggeringRelativeTime; -1: none */
  FsimEventId queued_run;       /* scheduleTriggerRequest's executeQueuedRequest */
  int n_queued_runs;
  GQueue fail_calls;            /* FailCall* */
  FsimEventId fail_event;
  gboolean shut_down;
  const char *suspend_cause;    /* while stopCheckpointScheduler runs: why, for the
                                 * records of what it fails ("the job went from
                                 * RUNNING to FINISHED") */
};

static void abort_pending (FsimCheckpointCoordinator *cc, Pending *p,
                           FsimCheckpointFailureReason reason, const Task *by,
                           const char *cause, const char *why);
static void execute_queued_request (FsimCheckpointCoordinator *cc);

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
fail_call_free (gpointer p)
{
  FailCall *f = p;
  g_free (f->cause);
  g_free (f->task.label);
  g_free (f);
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

static FsimCheckpointDeciderState
decider_state (FsimCheckpointCoordinator *cc)
{
  return (FsimCheckpointDeciderState) {
    .is_triggering = cc->is_triggering,
    .last_completion_us = cc->last_completion_us,
    .now_us = fsim_sim_now (cc->sim),
    .n_pending = (int) cc->pending->len,
    .n_cleaning = 0,            /* the CheckpointsCleaner takes no time */
  };
}

/* pendingCheckpoints.remove (id) */
static void
pending_remove (FsimCheckpointCoordinator *cc, gint64 id)
{
  for (guint i = 0; i < cc->pending->len; i++)
    if (g_array_index (cc->pending, gint64, i) == id)
      {
        g_array_remove_index (cc->pending, i);
        return;
      }
  g_assert_not_reached ();
}

static FsimCheckpointRequestView *
request_view (FsimCheckpointCoordinator *cc, gint64 number)
{
  g_assert (number >= 1 && number <= (gint64) cc->requests->len);
  return &g_array_index (cc->requests, FsimCheckpointRequestView, number - 1);
}

static Pending *
find (FsimCheckpointCoordinator *cc, gint64 id)
{
  if (id < 1 || id > (gint64) cc->checkpoints->len)
    return NULL;
  return g_ptr_array_index (cc->checkpoints, id - 1);
}

static char *
checkpoint_label (gint64 id)
{
  return g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, id);
}

static FsimTraceRecord
record (Pending *p, FsimCheckpointKind k, const char *why)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = FSIM_CHECKPOINT_KIND (k);
  r.job = 0;
  r.checkpoint = p ? p->id : -1;
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

static FsimCheckpointTask
task_view (const Task *t)
{
  return (FsimCheckpointTask) { t->vertex, t->subtask, t->attempt, t->label };
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

/* --- the JobMaster's main thread: FailJobCallback ---------------------------------- */

static void
run_fail_calls (FsimSim *sim, gpointer payload)
{
  FsimCheckpointCoordinator *cc = payload;
  cc->fail_event = FSIM_EVENT_NONE;
  FailCall *f;
  while ((f = g_queue_pop_head (&cc->fail_calls)) != NULL)
    {
      if (f->by_task && cc->host->fail_job_due_to_task_failure)
        {
          FsimCheckpointTask t = task_view (&f->task);
          cc->host->fail_job_due_to_task_failure (cc->host_data, f->cause, &t);
        }
      else
        cc->host->fail_job (cc->host_data, f->cause);
      fail_call_free (f);
    }
}

/* DefaultExecutionGraph's FailJobCallback: getJobMasterMainThreadExecutor().execute (…) */
static void
failure_manager_fail_job (gpointer data, const char *cause, const FsimCheckpointTask *task)
{
  FsimCheckpointCoordinator *cc = data;
  FailCall *f = g_new0 (FailCall, 1);
  f->cause = g_strdup (cause);
  if (task)
    {
      f->by_task = TRUE;
      f->task = (Task) { task->vertex, task->subtask, task->attempt, g_strdup (task->label) };
    }
  g_queue_push_tail (&cc->fail_calls, f);
  if (cc->fail_event == FSIM_EVENT_NONE)
    cc->fail_event = fsim_sim_schedule_in (cc->sim, 0, FSIM_PRIORITY_DEFAULT, run_fail_calls,
                                           cc, NULL);
}

static const FsimFailureManagerHost failure_manager_host = { failure_manager_fail_job };

/* What the failure manager did, for a record's detail. (transfer full) */
static char *
outcome_text (FsimCheckpointCoordinator *cc, FsimFailureOutcome outcome)
{
  int n = fsim_checkpoint_failure_manager_get_count (cc->failures);
  int tolerable = fsim_checkpoint_failure_manager_get_tolerable (cc->failures);
  switch (outcome)
    {
    case FSIM_FAILURE_NOT_COUNTED_SAVEPOINT:
      return g_strdup ("not counted (a savepoint)");
    case FSIM_FAILURE_NOT_COUNTED_OLD:
      return g_strdup_printf ("not counted (older than the last completed checkpoint, %"
                              G_GINT64_FORMAT ")", cc->latest_completed);
    case FSIM_FAILURE_NOT_COUNTED_UNLIMITED:
      return g_strdup ("not counted (tolerable-failed-checkpoints is unlimited)");
    case FSIM_FAILURE_NOT_COUNTED_REASON:
      return g_strdup_printf ("not counted (this reason never is), %d consecutive failure%s, "
                              "tolerable %d", n, n == 1 ? "" : "s", tolerable);
    case FSIM_FAILURE_NOT_COUNTED_AGAIN:
      return g_strdup_printf ("not counted again (this checkpoint was), %d consecutive "
                              "failure%s, tolerable %d", n, n == 1 ? "" : "s", tolerable);
    case FSIM_FAILURE_COUNTED:
      return g_strdup_printf ("counted, %d consecutive failure%s, tolerable %d", n,
                              n == 1 ? "" : "s", tolerable);
    case FSIM_FAILURE_FAILS_JOB:
      return g_strdup_printf ("counted, %d consecutive failure%s, more than tolerable %d: "
                              "the job fails (Exceeded checkpoint tolerable failure threshold)",
                              tolerable + 1, tolerable + 1 == 1 ? "" : "s", tolerable);
    case FSIM_FAILURE_SYNC_SAVEPOINT_FAILS_JOB:
      return g_strdup ("a synchronous savepoint failed in a task: the job fails");
    }
  g_assert_not_reached ();
}

/* --- CheckpointRequestDecider's callbacks ------------------------------------------ */

static void
request_record (FsimCheckpointCoordinator *cc, const FsimCheckpointRequestView *v,
                FsimCheckpointKind kind, const char *detail, const char *why, gint64 delay_us)
{
  FsimTraceRecord r = record (NULL, kind, why);
  g_autofree char *label = g_strdup_printf ("%s checkpoint request %" G_GINT64_FORMAT,
                                            v->periodic ? "periodic" : "manual", v->number);
  FsimCheckpointDeciderState st = decider_state (cc);
  r.label = label;
  r.detail = detail;
  r.values[0] = fsim_checkpoint_request_decider_get_n_queued (cc->decider);
  r.values[1] = st.n_pending;
  r.values[2] = delay_us;
  fsim_sim_trace (cc->sim, &r);
}

/* request.completeExceptionally (new CheckpointException (reason)) */
static void
request_failed (FsimCheckpointCoordinator *cc, gint64 number, FsimCheckpointFailureReason reason,
                const char *why)
{
  FsimCheckpointRequestView *v = request_view (cc, number);
  g_assert (v->state == FSIM_CHECKPOINT_REQUEST_QUEUED);
  v->state = FSIM_CHECKPOINT_REQUEST_FAILED;
  v->reason = reason;
  v->done_us = fsim_sim_now (cc->sim);
  gint64 delay = 0;
  g_autofree char *numbers = NULL;
  if (reason == FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS)
    {
      delay = cc->last_completion_us - v->done_us + cc->min_pause_us;
      g_autofree char *pause = fsim_duration_format (cc->min_pause_us);
      g_autofree char *last = fsim_time_format (cc->last_completion_us);
      g_autofree char *wait = fsim_duration_text (delay);
      numbers = g_strdup_printf ("; min-pause %s from the last completion at %s: the periodic "
                                 "trigger moves %s later", pause, last, wait);
    }
  else if (reason == FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS)
    numbers = g_strdup_printf ("; the queue holds at most %d requests",
                               FSIM_CHECKPOINT_MAX_QUEUED_REQUESTS);
  g_autofree char *detail = g_strdup_printf ("%s: %s%s", fsim_checkpoint_failure_reason_name (reason),
                                             fsim_checkpoint_failure_reason_message (reason),
                                             numbers ? numbers : "");
  request_record (cc, v, FSIM_CHECKPOINT_KIND_REQUEST_FAILED, detail, why, delay);
  if (v->synchronous && cc->host->sync_savepoint_done)
    cc->host->sync_savepoint_done (cc->host_data, -1, FALSE, reason);
}

static void
decider_request_failed (gpointer data, const FsimCheckpointTriggerRequest *request,
                        FsimCheckpointFailureReason reason)
{
  FsimCheckpointCoordinator *cc = data;
  const char *why;
  g_autofree char *owned = NULL;
  switch (reason)
    {
    case FSIM_CHECKPOINT_FAILURE_MINIMUM_TIME_BETWEEN_CHECKPOINTS:
      why = "CheckpointRequestDecider: a periodic request within "
            "execution.checkpointing.min-pause of the last completed checkpoint is dropped, "
            "and the periodic trigger is rescheduled to the end of the pause";
      break;
    case FSIM_CHECKPOINT_FAILURE_TOO_MANY_CHECKPOINT_REQUESTS:
      why = "CheckpointRequestDecider: the queue of trigger requests is full, so its last "
            "request is dropped (the new one, if only manual requests wait)";
      break;
    case FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SUSPEND:
      why = owned = g_strdup_printf ("stopCheckpointScheduler: %s, so every queued request "
                                     "fails", cc->suspend_cause ? cc->suspend_cause
                                                                : "the job left RUNNING");
      break;
    case FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN:
      why = "CheckpointCoordinator.shutdown: the job is over, so every queued request fails";
      break;
    default:
      why = "CheckpointRequestDecider.abortAll: every queued request fails";
      break;
    }
  request_failed (cc, request->number, reason, why);
}

static void periodic_tick (FsimSim *sim, gpointer payload);

/* scheduleTriggerWithDelay */
static void
schedule_trigger_with_delay (FsimCheckpointCoordinator *cc, gint64 now_us, gint64 delay_us)
{
  cc->next_trigger_us = now_us + delay_us;
  cc->periodic = fsim_sim_schedule_at (cc->sim, cc->next_trigger_us, FSIM_PRIORITY_DEFAULT,
                                       periodic_tick, cc, NULL);
}

/* cancelPeriodicTrigger */
static void
cancel_periodic_trigger (FsimCheckpointCoordinator *cc)
{
  fsim_sim_cancel (cc->sim, cc->periodic);
  cc->periodic = FSIM_EVENT_NONE;
  cc->next_trigger_us = -1;
}

/* rescheduleTrigger */
static void
decider_reschedule_trigger (gpointer data, gint64 now_us, gint64 delay_us)
{
  FsimCheckpointCoordinator *cc = data;
  cancel_periodic_trigger (cc);
  schedule_trigger_with_delay (cc, now_us, delay_us);
}

static const FsimCheckpointDeciderHost decider_host = {
  decider_reschedule_trigger, decider_request_failed,
};

/* --- construction -------------------------------------------------------------------- */

FsimCheckpointCoordinator *
fsim_checkpoint_coordinator_new (FsimSim *sim, const FsimCheckpointSettings *settings,
                                 const FsimCheckpointHost *host, gpointer host_data)
{
  g_assert (settings->max_concurrent >= 1 && settings->tolerable_failures >= 0);
  g_assert (settings->timeout_us > 0 && settings->min_pause_us >= 0);
  g_assert (host->tasks_running && host->trigger_task && host->notify_complete
            && host->fail_job);
  FsimCheckpointCoordinator *cc = g_new0 (FsimCheckpointCoordinator, 1);
  cc->sim = sim;
  cc->settings = *settings;
  /* the constructor: "max 'in between duration' can be one year", and no
   * periodic trigger more often than the pause allows */
  cc->min_pause_us = MIN (settings->min_pause_us, MAX_MIN_PAUSE_US);
  cc->base_interval_us = settings->interval_us <= 0 ? 0
                         : MAX (settings->interval_us, cc->min_pause_us);
  cc->num_retained = MAX (settings->num_retained, 1);
  cc->host = host;
  cc->host_data = host_data;
  cc->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  cc->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  cc->requests = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointRequestView));
  cc->retained = g_array_new (FALSE, FALSE, sizeof (gint64));
  cc->decider = fsim_checkpoint_request_decider_new (settings->max_concurrent, cc->min_pause_us,
                                                     FSIM_CHECKPOINT_MAX_QUEUED_REQUESTS,
                                                     &decider_host, cc);
  cc->failures = fsim_checkpoint_failure_manager_new (settings->tolerable_failures,
                                                      &failure_manager_host, cc);
  cc->latest_completed = -1;
  /* Flink's field starts at 0 on a monotonic clock whose origin lies far
   * back (System.nanoTime), so before the first completion min-pause holds
   * nothing back; the simulated clock starts at 0, hence "long ago" */
  cc->last_completion_us = G_MININT64 / 4;
  cc->next_trigger_us = -1;
  g_queue_init (&cc->fail_calls);
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
  fsim_sim_cancel (cc->sim, cc->queued_run);
  fsim_sim_cancel (cc->sim, cc->fail_event);
  for (guint i = 0; i < cc->pending->len; i++)
    fsim_sim_cancel (cc->sim, find (cc, g_array_index (cc->pending, gint64, i))->expiry);
  g_queue_clear_full (&cc->fail_calls, fail_call_free);
  fsim_checkpoint_request_decider_free (cc->decider);
  fsim_checkpoint_failure_manager_free (cc->failures);
  g_ptr_array_unref (cc->checkpoints);
  g_array_unref (cc->pending);
  g_array_unref (cc->requests);
  g_array_unref (cc->retained);
  g_free (cc);
}

/* --- scheduleTriggerRequest ------------------------------------------------------- */

static void
run_queued_requests (FsimSim *sim, gpointer payload)
{
  FsimCheckpointCoordinator *cc = payload;
  int n = cc->n_queued_runs;
  cc->n_queued_runs = 0;
  cc->queued_run = FSIM_EVENT_NONE;
  for (int i = 0; i < n && !cc->shut_down; i++)
    execute_queued_request (cc);
}

/* timer.execute (this::executeQueuedRequest): after what asked for it */
static void
schedule_trigger_request (FsimCheckpointCoordinator *cc)
{
  if (cc->shut_down)
    return;
  cc->n_queued_runs++;
  if (cc->queued_run == FSIM_EVENT_NONE)
    cc->queued_run = fsim_sim_schedule_in (cc->sim, 0, FSIM_PRIORITY_DEFAULT,
                                           run_queued_requests, cc, NULL);
}

/* --- aborts -------------------------------------------------------------------------- */

static void
remember_recent_expired (FsimCheckpointCoordinator *cc, gint64 id)
{
  cc->recent_expired[cc->n_recent_expired % N_RECENT_EXPIRED] = id;
  cc->n_recent_expired++;
}

static gboolean
is_recent_expired (FsimCheckpointCoordinator *cc, gint64 id)
{
  for (guint i = 0; i < MIN (cc->n_recent_expired, N_RECENT_EXPIRED); i++)
    if (cc->recent_expired[i] == id)
      return TRUE;
  return FALSE;
}

/* "A (1/2)#0, B (1/1)#0 and 3 more" of the tasks that have not acknowledged. */
static char *
missing_tasks (Pending *p)
{
  GString *s = g_string_new (NULL);
  guint shown = 0, missing = p->to_ack->len - p->n_acked;
  for (guint i = 0; i < p->to_ack->len && shown < 3; i++)
    if (!p->acked[i])
      {
        if (shown > 0)
          g_string_append (s, ", ");
        g_string_append (s, g_array_index (p->to_ack, Task, i).label);
        shown++;
      }
  if (missing > shown)
    g_string_append_printf (s, " and %u more", missing - shown);
  return g_string_free (s, FALSE);
}

/* CheckpointCoordinator.abortPendingCheckpoint: by is the task that
 * declined (a task's failure to the failure manager), NULL for the
 * JobManager's own aborts. */
static void
abort_pending (FsimCheckpointCoordinator *cc, Pending *p, FsimCheckpointFailureReason reason,
               const Task *by, const char *cause, const char *why)
{
  if (p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return;                     /* isDisposed: aborted or completed already */
  fsim_sim_cancel (cc->sim, p->expiry);
  p->expiry = FSIM_EVENT_NONE;
  p->reason = reason;
  pending_transition (p, FSIM_PENDING_CHECKPOINT_ABORTED);
  /* it leaves pendingCheckpoints last in Flink (a finally block), which no
   * one can tell from here: the failure manager's callback waits for its
   * own event */
  pending_remove (cc, p->id);
  gint64 now = fsim_sim_now (cc->sim);
  p->failure_us = now;
  p->failure_message = g_strdup_printf ("%s%s%s", fsim_checkpoint_failure_reason_message (reason),
                                        cause ? " " : "", cause ? cause : "");

  FsimCheckpointTask by_view;
  if (by)
    by_view = task_view (by);
  FsimFailureOutcome outcome = fsim_checkpoint_failure_manager_handle (
    cc->failures, p->savepoint, p->synchronous, reason, p->id, by ? &by_view : NULL);

  g_autofree char *counted = outcome_text (cc, outcome);
  g_autofree char *after = fsim_duration_text (now - p->trigger_us);
  g_autofree char *waiting = p->n_acked < p->to_ack->len ? missing_tasks (p) : NULL;
  g_autofree char *timeout = fsim_duration_format (cc->settings.timeout_us);
  g_autofree char *when = reason == FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED
    ? g_strdup_printf ("The timeout of %s passed", timeout)
    : g_strdup_printf ("At %s after the trigger", after);
  g_autofree char *because = cause ? g_strdup_printf (" Cause: %s.", cause) : g_strdup ("");
  g_autofree char *detail = g_strdup_printf (
    "%s: %s%s %s with %u of %u task%s acknowledged%s%s. CheckpointFailureManager: %s.",
    fsim_checkpoint_failure_reason_name (reason), fsim_checkpoint_failure_reason_message (reason),
    because, when, p->n_acked, p->to_ack->len, p->to_ack->len == 1 ? "" : "s",
    waiting ? ", waiting for " : "",
    waiting ? waiting : "", counted);
  FsimCheckpointKind kind = reason == FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED
                            ? FSIM_CHECKPOINT_KIND_EXPIRED : FSIM_CHECKPOINT_KIND_DECLINED;
  FsimTraceRecord r = record (p, kind, why);
  g_autofree char *label = checkpoint_label (p->id);
  r.label = label;
  if (by)
    task_subject (&r, by);
  r.detail = detail;
  r.values[0] = p->n_acked;
  r.values[1] = p->to_ack->len;
  r.values[2] = fsim_checkpoint_failure_manager_get_count (cc->failures);
  r.values[3] = p->unaligned;
  fsim_sim_trace (cc->sim, &r);

  /* sendAbortedMessages: every task to commit to */
  if (cc->host->notify_aborted)
    for (guint i = 0; i < p->to_ack->len; i++)
      {
        FsimCheckpointTask t = task_view (&g_array_index (p->to_ack, Task, i));
        cc->host->notify_aborted (cc->host_data, &t, p->id);
      }
  if (reason == FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED)
    remember_recent_expired (cc, p->id);
  /* the completion future fails (StopWithSavepointTerminationHandler) */
  if (p->synchronous && cc->host->sync_savepoint_done)
    cc->host->sync_savepoint_done (cc->host_data, p->id, FALSE, reason);
  schedule_trigger_request (cc);
}

/* abortPendingCheckpoints (predicate: all, or those older than below_id) */
static void
abort_all_pending (FsimCheckpointCoordinator *cc, gint64 below_id,
                   FsimCheckpointFailureReason reason, const char *why)
{
  /* over a copy, as Flink's pendingCheckpointsToFail: an abort changes
   * the set; abort_pending skips one that is over meanwhile */
  g_autoptr (GArray) ids = g_array_copy (cc->pending);
  for (guint i = 0; i < ids->len; i++)
    {
      Pending *p = find (cc, g_array_index (ids, gint64, i));
      if (below_id > 0 && p->id >= below_id)
        break;
      /* PendingCheckpoint.canBeSubsumed: a savepoint is never subsumed */
      if (reason == FSIM_CHECKPOINT_FAILURE_CHECKPOINT_SUBSUMED && p->savepoint)
        continue;
      abort_pending (cc, p, reason, NULL, NULL, why);
    }
}

/* CheckpointCanceller */
static void
expire (FsimSim *sim, gpointer payload)
{
  FsimCheckpointCoordinator *cc = ((gpointer *) payload)[0];
  gint64 id = GPOINTER_TO_SIZE (((gpointer *) payload)[1]);
  Pending *p = find (cc, id);
  p->expiry = FSIM_EVENT_NONE;
  if (p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return;
  abort_pending (cc, p, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED, NULL, NULL,
                 "CheckpointCanceller: not every task acknowledged within "
                 "execution.checkpointing.timeout of the trigger, so the PendingCheckpoint is "
                 "aborted and counted by the CheckpointFailureManager");
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

/* --- triggering ---------------------------------------------------------------------- */

/* onTriggerFailure (request, throwable): the request fails before a
 * PendingCheckpoint exists; the failure manager hears of it with no id. */
static void
on_trigger_failure (FsimCheckpointCoordinator *cc, gint64 number,
                    FsimCheckpointFailureReason reason, const char *why)
{
  gboolean savepoint = request_view (cc, number)->savepoint;
  request_failed (cc, number, reason, why);
  fsim_checkpoint_failure_manager_handle (cc->failures, savepoint, FALSE, reason,
                                          FSIM_CHECKPOINT_UNKNOWN_ID, NULL);
  cc->is_triggering = FALSE;
  execute_queued_request (cc);
}

static Pending *
pending_new (FsimCheckpointCoordinator *cc, const FsimCheckpointRequestView *v, GArray *to_ack)
{
  Pending *p = g_new0 (Pending, 1);
  p->id = (gint64) cc->checkpoints->len + 1;   /* CheckpointIDCounter.getAndIncrement */
  p->request = v->number;
  p->periodic = v->periodic;
  p->savepoint = v->savepoint;
  p->synchronous = v->synchronous;
  p->drain = v->drain;
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
      p->rows[i].task = task_view (&g_array_index (p->to_ack, Task, i));
      p->rows[i].ack_us = -1;
    }
  p->trigger_us = fsim_sim_now (cc->sim);
  p->latest_ack_us = -1;
  p->failure_us = -1;
  g_ptr_array_add (cc->checkpoints, p);
  g_array_append_val (cc->pending, p->id);
  return p;
}

static void complete (FsimCheckpointCoordinator *cc, Pending *p);

/* The pending checkpoints, this one included, against the limit. Every
 * pending one counts (CheckpointRequestDecider: pendingCheckpointsSize
 * >= maxConcurrentCheckpointAttempts), savepoints too, but a forced request
 * (a savepoint, unless unaligned checkpoints are on) is not held back by
 * it: only a savepoint gets above the limit. (transfer full) */
static char *
pending_text (FsimCheckpointCoordinator *cc, int n_pending)
{
  if (n_pending <= cc->settings.max_concurrent)
    return g_strdup_printf ("%d of at most %d pending", n_pending, cc->settings.max_concurrent);
  return g_strdup_printf ("%d pending: a savepoint is forced, so "
                          "max-concurrent-checkpoints %d does not hold it back",
                          n_pending, cc->settings.max_concurrent);
}

/* startTriggeringCheckpoint */
static void
start_triggering (FsimCheckpointCoordinator *cc, gint64 number)
{
  FsimCheckpointRequestView *v = request_view (cc, number);
  /* preCheckGlobalState */
  if (cc->shut_down)
    {
      on_trigger_failure (cc, number, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN,
                          "CheckpointCoordinator.preCheckGlobalState: the coordinator is shut "
                          "down (the job is over)");
      return;
    }
  if (v->periodic && !cc->periodic_scheduling)
    {
      on_trigger_failure (cc, number, FSIM_CHECKPOINT_FAILURE_PERIODIC_SCHEDULER_SHUTDOWN,
                          "CheckpointCoordinator.preCheckGlobalState: a periodic request while "
                          "the periodic scheduler is stopped");
      return;
    }
  g_assert (!cc->is_triggering);
  cc->is_triggering = TRUE;

  /* DefaultCheckpointPlanCalculator.calculateCheckpointPlan */
  g_autoptr (GArray) to_trigger = g_array_new (FALSE, TRUE, sizeof (FsimCheckpointTask));
  g_autoptr (GArray) to_ack = g_array_new (FALSE, TRUE, sizeof (FsimCheckpointTask));
  if (!cc->host->tasks_running (cc->host_data, to_trigger, to_ack))
    {
      /* no PendingCheckpoint, no id used */
      on_trigger_failure (cc, number, FSIM_CHECKPOINT_FAILURE_NOT_ALL_REQUIRED_TASKS_RUNNING,
                          "DefaultCheckpointPlanCalculator: not every task is RUNNING, so no "
                          "checkpoint starts and no id is taken (not counted as a failure)");
      return;
    }
  g_assert (to_trigger->len > 0 && to_ack->len >= to_trigger->len);
  Pending *p = pending_new (cc, v, to_ack);
  v = request_view (cc, number);
  v->state = FSIM_CHECKPOINT_REQUEST_STARTED;
  v->checkpoint_id = p->id;
  v->done_us = p->trigger_us;

  FsimCheckpointDeciderState st = decider_state (cc);
  FsimTraceRecord r = record (p, FSIM_CHECKPOINT_KIND_TRIGGERED,
                              p->synchronous
                              ? "CheckpointCoordinator.triggerSynchronousSavepoint "
                                "(stop-with-savepoint): every task is RUNNING, so a "
                                "PendingCheckpoint with SYNC_SAVEPOINT properties and the next "
                                "id waits for every task; the sources stop first (with --drain "
                                "after MAX_WATERMARK), then send its aligned barrier"
                              : p->savepoint
                              ? "CheckpointCoordinator.triggerSavepoint: every task is RUNNING, "
                                "so a PendingCheckpoint with SAVEPOINT properties and the next "
                                "id waits for every task; its barrier is aligned and never "
                                "times out (CheckpointOptions.forConfig)"
                              : "CheckpointCoordinator.triggerCheckpoint: every task is RUNNING "
                                "(DefaultCheckpointPlanCalculator), so a PendingCheckpoint with "
                                "the next id waits for every task; the sources are triggered");
  g_autofree char *label = checkpoint_label (p->id);
  g_autofree char *timeout = fsim_duration_format (cc->settings.timeout_us);
  g_autofree char *pending = pending_text (cc, st.n_pending);
  g_autofree char *detail = g_strdup_printf (
    "%s request %" G_GINT64_FORMAT ": %u source task%s triggered, %u task%s to acknowledge; "
    "%s; expires after %s",
    v->synchronous ? (v->drain ? "stop-with-savepoint --drain (terminate)"
                               : "stop-with-savepoint (suspend)")
    : v->savepoint ? "savepoint" : v->periodic ? "periodic" : "manual",
    v->number, to_trigger->len, to_trigger->len == 1 ? "" : "s", to_ack->len,
    to_ack->len == 1 ? "" : "s", pending, timeout);
  r.label = label;
  r.detail = detail;
  r.values[0] = to_trigger->len;
  r.values[1] = to_ack->len;
  r.values[2] = st.n_pending;
  r.values[3] = p->savepoint;
  r.values[4] = p->synchronous;
  fsim_sim_trace (cc->sim, &r);
  p->expiry = fsim_sim_schedule_in (cc->sim, cc->settings.timeout_us, FSIM_PRIORITY_DEFAULT,
                                    expire, timer_payload (cc, p->id), g_free);
  gint64 id = p->id;
  for (guint i = 0; i < to_trigger->len; i++)
    cc->host->trigger_task (cc->host_data, &g_array_index (to_trigger, FsimCheckpointTask, i),
                            id);
  /* maybeCompleteCheckpoint: the tasks may have finished already */
  p = find (cc, id);
  if (p->state == FSIM_PENDING_CHECKPOINT_IN_PROGRESS && p->n_acked == p->to_ack->len
      && !cc->shut_down)
    complete (cc, p);
  /* onTriggerSuccess */
  cc->is_triggering = FALSE;
  execute_queued_request (cc);
}

/* executeQueuedRequest */
static void
execute_queued_request (FsimCheckpointCoordinator *cc)
{
  FsimCheckpointDeciderState st = decider_state (cc);
  FsimCheckpointTriggerRequest run;
  if (fsim_checkpoint_request_decider_choose_queued (cc->decider, &st, &run))
    start_triggering (cc, run.number);
}

/* Why a request waits, for its record. */
static const char *
queued_why (FsimCheckpointCoordinator *cc, const FsimCheckpointDeciderState *st)
{
  if (st->is_triggering)
    return "CheckpointRequestDecider: a trigger is in progress (isTriggering), so the request "
           "waits in the queue";
  (void) cc;
  return "CheckpointRequestDecider: max-concurrent-checkpoints are pending, so the request "
         "waits in the queue until one completes or fails";
}

static gint64
submit_request (FsimCheckpointCoordinator *cc, gboolean periodic, gboolean savepoint,
                gboolean synchronous, gboolean drain)
{
  FsimCheckpointRequestView v = {
    .number = (gint64) cc->requests->len + 1,
    .periodic = periodic,
    .savepoint = savepoint,
    .synchronous = synchronous,
    .drain = drain,
    .submitted_us = fsim_sim_now (cc->sim),
    .state = FSIM_CHECKPOINT_REQUEST_QUEUED,
    .checkpoint_id = -1,
    .reason = 0,
    .done_us = -1,
  };
  g_array_append_val (cc->requests, v);
  FsimCheckpointTriggerRequest request = {
    .number = v.number, .timestamp_us = v.submitted_us, .periodic = periodic,
    /* CheckpointProperties.forCheckpoint is not forced; forSavepoint(forced)
     * is, unless unaligned checkpoints are on (triggerSavepoint) */
    .savepoint = savepoint, .force = savepoint && !cc->settings.unaligned,
  };
  FsimCheckpointDeciderState st = decider_state (cc);
  FsimCheckpointTriggerRequest run;
  gboolean chosen = fsim_checkpoint_request_decider_submit (cc->decider, &request, &st, &run);
  if ((!chosen || run.number != v.number)
      && request_view (cc, v.number)->state == FSIM_CHECKPOINT_REQUEST_QUEUED)
    {
      g_autofree char *detail = g_strdup_printf (
        "%d of at most %d checkpoint%s pending; %u request%s queued",
        st.n_pending, cc->settings.max_concurrent, cc->settings.max_concurrent == 1 ? "" : "s",
        fsim_checkpoint_request_decider_get_n_queued (cc->decider),
        fsim_checkpoint_request_decider_get_n_queued (cc->decider) == 1 ? "" : "s");
      request_record (cc, request_view (cc, v.number), FSIM_CHECKPOINT_KIND_REQUEST_QUEUED,
                      detail, queued_why (cc, &st), 0);
    }
  if (chosen)
    start_triggering (cc, run.number);
  return v.number;
}

gint64
fsim_checkpoint_coordinator_request (FsimCheckpointCoordinator *cc, gboolean periodic)
{
  return submit_request (cc, periodic, FALSE, FALSE, FALSE);
}

gint64
fsim_checkpoint_coordinator_request_savepoint (FsimCheckpointCoordinator *cc)
{
  return submit_request (cc, FALSE, TRUE, FALSE, FALSE);
}

gint64
fsim_checkpoint_coordinator_request_sync_savepoint (FsimCheckpointCoordinator *cc, gboolean drain)
{
  return submit_request (cc, FALSE, TRUE, TRUE, drain);
}

gboolean
fsim_checkpoint_coordinator_is_savepoint (FsimCheckpointCoordinator *cc, gint64 id)
{
  Pending *p = find (cc, id);
  return p != NULL && p->savepoint;
}

gboolean
fsim_checkpoint_coordinator_get_request (FsimCheckpointCoordinator *cc, gint64 number,
                                         FsimCheckpointRequestView *out)
{
  if (number < 1 || number > (gint64) cc->requests->len)
    return FALSE;
  *out = *request_view (cc, number);
  return TRUE;
}

guint
fsim_checkpoint_coordinator_get_n_queued (FsimCheckpointCoordinator *cc)
{
  return fsim_checkpoint_request_decider_get_n_queued (cc->decider);
}

gint64
fsim_checkpoint_coordinator_trigger (FsimCheckpointCoordinator *cc,
                                     FsimCheckpointFailureReason *reason)
{
  gint64 number = fsim_checkpoint_coordinator_request (cc, FALSE);
  const FsimCheckpointRequestView *v = request_view (cc, number);
  switch (v->state)
    {
    case FSIM_CHECKPOINT_REQUEST_STARTED:
      return v->checkpoint_id;
    case FSIM_CHECKPOINT_REQUEST_QUEUED:
      return 0;
    case FSIM_CHECKPOINT_REQUEST_FAILED:
      if (reason)
        *reason = v->reason;
      return -1;
    }
  g_assert_not_reached ();
}

/* --- completion ---------------------------------------------------------------------- */

/* DefaultCompletedCheckpointStore.addCheckpointAndSubsumeOldestOne with
 * CheckpointSubsumeHelper.subsume: while the store holds more than
 * num-retained, its oldest goes (never the newest; with checkpoints only,
 * the newest is also the newest that is not a savepoint). */
static void
add_to_store (FsimCheckpointCoordinator *cc, Pending *completed)
{
  g_array_append_val (cc->retained, completed->id);
  while (cc->retained->len > (guint) cc->num_retained)
    {
      gint64 old = g_array_index (cc->retained, gint64, 0);
      g_array_remove_index (cc->retained, 0);
      Pending *p = find (cc, old);
      p->discarded = TRUE;
      FsimTraceRecord r = record (p, FSIM_CHECKPOINT_KIND_DISCARDED,
                                  "CheckpointSubsumeHelper.subsume: the completed checkpoint "
                                  "store keeps the newest execution.checkpointing.num-retained "
                                  "checkpoints; the oldest is discarded");
      g_autofree char *label = checkpoint_label (old);
      g_autofree char *detail = g_strdup_printf ("subsumed by checkpoint %" G_GINT64_FORMAT
                                                 "; the store keeps %u (num-retained %d)",
                                                 completed->id, cc->retained->len,
                                                 cc->num_retained);
      r.label = label;
      r.detail = detail;
      r.values[0] = cc->retained->len;
      r.values[1] = cc->num_retained;
      r.values[2] = completed->id;
      fsim_sim_trace (cc->sim, &r);
    }
}

/* CheckpointCoordinator.completePendingCheckpoint, cleanupAfterCompletedCheckpoint */
static void
complete (FsimCheckpointCoordinator *cc, Pending *p)
{
  fsim_sim_cancel (cc->sim, p->expiry);
  p->expiry = FSIM_EVENT_NONE;
  pending_transition (p, FSIM_PENDING_CHECKPOINT_COMPLETED);
  pending_remove (cc, p->id);
  gint64 now = fsim_sim_now (cc->sim);
  if (!p->savepoint)
    cc->latest_completed = p->id;
  FsimTraceRecord r = record (p, FSIM_CHECKPOINT_KIND_COMPLETED,
                              p->synchronous
                              ? "every task acknowledged: CheckpointCoordinator."
                                "completePendingCheckpoint finalizes the synchronous savepoint; "
                                "it stays out of the completed checkpoint store, but, being "
                                "synchronous, aborts older pending checkpoints and notifies "
                                "every task (notifyCheckpointComplete), which ends them "
                                "(stop-with-savepoint)"
                              : p->savepoint
                              ? "every task acknowledged: CheckpointCoordinator."
                                "completePendingCheckpoint finalizes the savepoint; a savepoint "
                                "stays out of the completed checkpoint store (the user owns "
                                "it), aborts no older pending checkpoint and notifies no task "
                                "(only a synchronous savepoint does)"
                              : "every task acknowledged: CheckpointCoordinator."
                                "completePendingCheckpoint makes it a CompletedCheckpoint in the "
                                "store, aborts older pending ones and notifies every task "
                                "(notifyCheckpointComplete)");
  g_autofree char *label = checkpoint_label (p->id);
  g_autofree char *took = fsim_duration_text (now - p->trigger_us);
  g_autofree char *detail = g_strdup_printf ("%u task%s acknowledged, %s after the trigger",
                                             p->n_acked, p->n_acked == 1 ? "" : "s", took);
  r.label = label;
  r.detail = detail;
  r.values[0] = p->n_acked;
  r.values[1] = now - p->trigger_us;
  r.values[2] = p->savepoint ? (int) cc->retained->len
                              : MIN ((int) cc->retained->len + 1, cc->num_retained);
  r.values[3] = p->unaligned;
  fsim_sim_trace (cc->sim, &r);

  if (!p->savepoint)
    add_to_store (cc, p);
  /* reportCompletedCheckpoint: CheckpointFailureManager.handleCheckpointSuccess */
  fsim_checkpoint_failure_manager_success (cc->failures, p->id);
  /* pendingCheckpoints.remove, then scheduleTriggerRequest */
  schedule_trigger_request (cc);
  cc->last_completion_us = now;
  gint64 id = p->id;
  if (p->synchronous && cc->host->sync_savepoint_done)
    cc->host->sync_savepoint_done (cc->host_data, id, TRUE, 0);
  p = find (cc, id);
  if (p->savepoint && !p->synchronous)
    return;                     /* !props.isSavepoint() || props.isSynchronous() */
  /* dropSubsumedCheckpoints: every pending checkpoint older than this one */
  abort_all_pending (cc, p->id, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_SUBSUMED,
                     "CheckpointCoordinator.dropSubsumedCheckpoints: a newer checkpoint "
                     "completed, so this older pending one is aborted (not counted as a "
                     "failure)");
  /* sendAcknowledgeMessages: every task to commit to */
  for (guint i = 0; i < p->to_ack->len; i++)
    {
      FsimCheckpointTask task = task_view (&g_array_index (p->to_ack, Task, i));
      cc->host->notify_complete (cc->host_data, &task, p->id);
    }
}

gboolean
fsim_checkpoint_coordinator_acknowledge (FsimCheckpointCoordinator *cc,
                                         const FsimCheckpointTask *task, gint64 checkpoint_id,
                                         const FsimSubtaskCheckpointStats *stats)
{
  if (cc->shut_down)
    return FALSE;
  Pending *p = find (cc, checkpoint_id);
  /* a late or unknown message: Flink discards its state, and answers TRUE
   * only for one of the recently expired checkpoints */
  if (p == NULL || p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return is_recent_expired (cc, checkpoint_id);
  int i = index_of (p, task);
  if (i < 0)
    return TRUE;                /* TaskAcknowledgeResult.UNKNOWN: its state is discarded */
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
  g_autofree char *detail = g_strdup_printf ("%u of %u task%s acknowledged", p->n_acked,
                                             p->to_ack->len, p->to_ack->len == 1 ? "" : "s");
  r.detail = detail;
  r.values[0] = p->n_acked;
  r.values[1] = p->to_ack->len;
  r.values[2] = row->stats.start_delay_us;
  r.values[3] = row->stats.alignment_us;
  r.values[4] = row->stats.sync_us;
  r.values[5] = row->stats.async_us;
  r.values[6] = row->stats.checkpointed_size;
  r.values[7] = row->stats.persisted_bytes;
  fsim_sim_trace (cc->sim, &r);
  if (p->n_acked == p->to_ack->len)
    complete (cc, p);
  return TRUE;
}

gboolean
fsim_checkpoint_coordinator_decline_with_reason (FsimCheckpointCoordinator *cc,
                                                 const FsimCheckpointTask *task,
                                                 gint64 checkpoint_id,
                                                 FsimCheckpointFailureReason reason,
                                                 const char *cause)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  if (cc->shut_down)
    return FALSE;
  Pending *p = find (cc, checkpoint_id);
  if (p == NULL || p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    return FALSE;               /* unknown, or too old: logged and dropped */
  int i = index_of (p, task);
  Task by = { task->vertex, task->subtask, task->attempt, (char *) task->label };
  abort_pending (cc, p, reason, i >= 0 ? &g_array_index (p->to_ack, Task, i) : &by, cause,
                 "CheckpointCoordinator.receiveDeclineMessage: one task declined, so the whole "
                 "PendingCheckpoint is aborted with the task's reason and reported to the "
                 "CheckpointFailureManager as the task's failure");
  return TRUE;
}

gboolean
fsim_checkpoint_coordinator_decline (FsimCheckpointCoordinator *cc,
                                     const FsimCheckpointTask *task, gint64 checkpoint_id,
                                     const char *cause)
{
  return fsim_checkpoint_coordinator_decline_with_reason (
    cc, task, checkpoint_id, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_DECLINED, cause);
}

gboolean
fsim_checkpoint_coordinator_first_unacknowledged (FsimCheckpointCoordinator *cc,
                                                  gint64 checkpoint_id, FsimCheckpointTask *task,
                                                  const char **why)
{
  Pending *p = find (cc, checkpoint_id);
  if (p == NULL)
    {
      *why = "not triggered yet";
      return FALSE;
    }
  if (p->state != FSIM_PENDING_CHECKPOINT_IN_PROGRESS)
    {
      *why = p->state == FSIM_PENDING_CHECKPOINT_COMPLETED ? "completed" : "aborted";
      return FALSE;
    }
  for (guint i = 0; i < p->to_ack->len; i++)
    if (!p->acked[i])
      {
        *task = task_view (&g_array_index (p->to_ack, Task, i));
        return TRUE;
      }
  g_assert_not_reached ();      /* every task acknowledged: it would have completed */
}

/* --- the periodic trigger ------------------------------------------------------------- */

/* ScheduledTrigger.run: re-arm at the fixed rate first, then request */
static void
periodic_tick (FsimSim *sim, gpointer payload)
{
  FsimCheckpointCoordinator *cc = payload;
  cc->periodic = FSIM_EVENT_NONE;
  cc->next_trigger_us += cc->base_interval_us;
  cc->periodic = fsim_sim_schedule_at (sim, MAX (cc->next_trigger_us, fsim_sim_now (sim)),
                                       FSIM_PRIORITY_DEFAULT, periodic_tick, cc, NULL);
  fsim_checkpoint_coordinator_request (cc, TRUE);
}

static void
scheduler_record (FsimCheckpointCoordinator *cc, const char *detail, const char *why,
                  gint64 delay_us)
{
  FsimTraceRecord r = record (NULL, FSIM_CHECKPOINT_KIND_SCHEDULER, why);
  r.label = "CheckpointCoordinator";
  r.detail = detail;
  r.values[0] = delay_us;
  r.values[1] = cc->min_pause_us;
  r.values[2] = cc->base_interval_us;
  fsim_sim_trace (cc->sim, &r);
}

/* CheckpointCoordinatorDeActivator's why, for a job that went from RUNNING
 * to status (transfer full) */
static char *
job_left_running (const char *status)
{
  return g_strdup_printf ("CheckpointCoordinatorDeActivator: the job went from RUNNING to %s, "
                          "so stopCheckpointScheduler stops the periodic trigger and fails "
                          "pending checkpoints and queued requests "
                          "(CHECKPOINT_COORDINATOR_SUSPEND)", status);
}

/* stopCheckpointScheduler; cause says what stopped it, in the whys of what
 * it fails */
static void
stop_scheduler (FsimCheckpointCoordinator *cc, const char *why, const char *cause)
{
  gboolean was = cc->periodic_scheduling;
  cc->periodic_scheduling = FALSE;
  cancel_periodic_trigger (cc);
  if (was)
    scheduler_record (cc, "the periodic trigger stops", why, 0);
  /* abortPendingAndQueuedCheckpoints */
  cc->suspend_cause = cause;
  fsim_checkpoint_request_decider_abort_all (cc->decider,
                                             FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SUSPEND);
  g_autofree char *aborted = g_strdup_printf ("stopCheckpointScheduler: %s, so every pending "
                                              "checkpoint is aborted (not counted as a failure)",
                                              cause);
  abort_all_pending (cc, 0, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SUSPEND, aborted);
  cc->suspend_cause = NULL;
}

void
fsim_checkpoint_coordinator_job_running (FsimCheckpointCoordinator *cc)
{
  if (cc->shut_down || !cc->settings.periodic || cc->base_interval_us <= 0)
    return;
  if (cc->periodic_scheduling)           /* FLINK-34519: a started scheduler restarts */
    stop_scheduler (cc, "CheckpointCoordinatorDeActivator: the job is RUNNING again and "
                        "startCheckpointScheduler stops the running periodic trigger first "
                        "(FLINK-34519)", "the periodic trigger restarts");
  cc->periodic_scheduling = TRUE;
  /* getRandomInitDelay: uniform in [minPause, baseInterval], here from the
   * coordinator's own stream */
  FsimRng *rng = fsim_sim_rng_stream (cc->sim, "checkpoint-coordinator");
  gint64 delay = fsim_rng_int_range (rng, cc->min_pause_us, cc->base_interval_us);
  gint64 now = fsim_sim_now (cc->sim);
  schedule_trigger_with_delay (cc, now, delay);
  g_autofree char *d = fsim_duration_text (delay);
  g_autofree char *lo = fsim_duration_format (cc->min_pause_us);
  g_autofree char *hi = fsim_duration_format (cc->base_interval_us);
  g_autofree char *detail = g_strdup_printf ("the first periodic request in %s (drawn from "
                                             "[%s, %s]), then one every %s", d, lo, hi, hi);
  scheduler_record (cc, detail,
                    "CheckpointCoordinatorDeActivator: the job is RUNNING, so "
                    "startCheckpointScheduler arms the periodic trigger after a random delay "
                    "in [min-pause, interval] (getRandomInitDelay), then at a fixed rate",
                    delay);
}

void
fsim_checkpoint_coordinator_job_not_running (FsimCheckpointCoordinator *cc, const char *status)
{
  if (cc->shut_down)
    return;
  g_autofree char *why = job_left_running (status);
  g_autofree char *cause = g_strdup_printf ("the job went from RUNNING to %s", status);
  stop_scheduler (cc, why, cause);
}

void
fsim_checkpoint_coordinator_stop_scheduler (FsimCheckpointCoordinator *cc, const char *why,
                                            const char *cause)
{
  if (cc->shut_down)
    return;
  stop_scheduler (cc, why, cause);
}

void
fsim_checkpoint_coordinator_job_terminal (FsimCheckpointCoordinator *cc)
{
  if (cc->shut_down)
    return;
  cc->shut_down = TRUE;
  cc->periodic_scheduling = FALSE;
  /* the timer is shut down with the coordinator; its pending tasks go */
  cancel_periodic_trigger (cc);
  fsim_sim_cancel (cc->sim, cc->queued_run);
  cc->queued_run = FSIM_EVENT_NONE;
  cc->n_queued_runs = 0;
  /* shutdown: abortPendingAndQueuedCheckpoints */
  fsim_checkpoint_request_decider_abort_all (cc->decider,
                                             FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN);
  abort_all_pending (cc, 0, FSIM_CHECKPOINT_FAILURE_CHECKPOINT_COORDINATOR_SHUTDOWN,
                     "the job is over: CheckpointCoordinator.shutdown aborts every "
                     "pending checkpoint");
  /* a job failure asked for now would fail a job that is over: dropped, as
   * the terminal ExecutionGraph ignores failGlobal */
  fsim_sim_cancel (cc->sim, cc->fail_event);
  cc->fail_event = FSIM_EVENT_NONE;
  g_queue_clear_full (&cc->fail_calls, fail_call_free);
}

void
fsim_checkpoint_coordinator_abort_pending (FsimCheckpointCoordinator *cc,
                                           FsimCheckpointFailureReason reason)
{
  g_assert (reason < FSIM_CHECKPOINT_FAILURE_COUNT);
  abort_all_pending (cc, 0, reason,
                     "CheckpointCoordinator.abortPendingCheckpoints: the scheduler aborts every "
                     "pending checkpoint (restoreState on failover: JOB_FAILOVER_REGION)");
}

gboolean
fsim_checkpoint_coordinator_is_periodic_started (FsimCheckpointCoordinator *cc)
{
  return cc->periodic_scheduling;
}

gint64
fsim_checkpoint_coordinator_get_next_trigger_us (FsimCheckpointCoordinator *cc)
{
  return cc->periodic != FSIM_EVENT_NONE ? cc->next_trigger_us : -1;
}

/* --- queries --------------------------------------------------------------------------- */

int
fsim_checkpoint_coordinator_get_state (FsimCheckpointCoordinator *cc, gint64 checkpoint_id)
{
  Pending *p = find (cc, checkpoint_id);
  return p ? (int) p->state : -1;
}

int
fsim_checkpoint_coordinator_get_pending_count (FsimCheckpointCoordinator *cc)
{
  return decider_state (cc).n_pending;
}

gint64
fsim_checkpoint_coordinator_get_latest_completed (FsimCheckpointCoordinator *cc)
{
  return cc->latest_completed;
}

guint
fsim_checkpoint_coordinator_get_retained (FsimCheckpointCoordinator *cc, GArray *ids)
{
  if (ids)
    g_array_append_vals (ids, cc->retained->data, cc->retained->len);
  return cc->retained->len;
}

int
fsim_checkpoint_coordinator_get_continuous_failures (FsimCheckpointCoordinator *cc)
{
  return fsim_checkpoint_failure_manager_get_count (cc->failures);
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
    .savepoint = p->savepoint,
    .synchronous = p->synchronous,
    .drain = p->drain,
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
