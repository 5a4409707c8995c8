/* execution.c - Execution: one attempt of one subtask, and its Task.
 *
 * Flink keeps the JobManager's view (Execution, in the ExecutionGraph) and
 * the TaskManager's (Task) apart; they agree only through RPCs, so the
 * trace shows both: execution-state records for the first, task-state
 * records for the second. Every change goes through one function per view
 * which checks it against the ExecutionState machine (scheduler.h) before
 * it is traced: an illegal transition can never reach the trace. */
#include "config.h"

#include "scheduler/scheduler-private.h"

/* Whether the node's source is bounded, and how long it lasts. */
static void
init_source (Execution *e)
{
  const FsimJobVertex *jv = e->vertex->job_vertex->job_vertex;
  if (jv->inputs->len > 0 || jv->head == NULL)
    return;
  const FsimStreamNode *head = jv->head;
  e->bounded_source = head->bounded || head->knobs.records > 0;
  e->records = head->knobs.records;
  e->rate_per_s = head->knobs.rate_per_s;
}

Execution *
fsim_sched_execution_new (const FsimExecutionVertex *v, int attempt)
{
  Execution *e = g_new0 (Execution, 1);
  e->vertex = v;
  e->attempt = attempt;
  e->label = fsim_execution_vertex_get_attempt_name (v, attempt);
  e->state = FSIM_EXECUTION_CREATED;
  e->task_state = FSIM_EXECUTION_CREATED;
  e->running_since = -1;
  /* One EndOfPartitionEvent per partition of every consumed group. */
  for (guint i = 0; i < v->job_vertex->inputs->len; i++)
    {
      const FsimConsumedPartitionGroup *g = v->consumed[i];
      e->producers += g->partitions.end - g->partitions.start + 1;
    }
  init_source (e);
  return e;
}

void
fsim_sched_execution_free (Execution *e)
{
  fsim_sched_stream_task_free (e->task);
  g_free (e->label);
  g_free (e->failure);
  g_free (e);
}

FsimExecutionAttemptId
fsim_sched_execution_id (const Execution *e)
{
  return (FsimExecutionAttemptId) { e->vertex->job_vertex->index, e->vertex->subtask,
                                    e->attempt };
}

ExecutionVertex *
fsim_sched_job_master_vertex (JobMaster *jm, int vertex, int subtask)
{
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (jm->eg);
  if (vertex < 0 || (guint) vertex >= jvs->len)
    return NULL;
  const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, vertex);
  if (subtask < 0 || subtask >= ejv->parallelism)
    return NULL;
  return &jm->vertices[ejv->subtasks[subtask].index];
}

ExecutionVertex *
fsim_sched_vertex_of (JobMaster *jm, const FsimExecutionVertex *v)
{
  g_assert (v->index >= 0 && v->index < jm->n_vertices);
  return &jm->vertices[v->index];
}

Execution *
fsim_sched_current (JobMaster *jm, const FsimExecutionVertex *v)
{
  return fsim_sched_vertex_of (jm, v)->current;
}

Execution *
fsim_sched_job_master_attempt (JobMaster *jm, const FsimExecutionAttemptId *id)
{
  ExecutionVertex *ev = fsim_sched_job_master_vertex (jm, id->vertex, id->subtask);
  if (ev == NULL || id->attempt < 0 || id->attempt > ev->current->attempt)
    return NULL;
  if (id->attempt == ev->current->attempt)
    return ev->current;
  /* attempts are numbered 0, 1, … with no gap: the history is indexed by it */
  Execution *e = g_ptr_array_index (ev->prior, id->attempt);
  g_assert (e->attempt == id->attempt);
  return e;
}

gboolean
fsim_sched_attempt_is_registered (JobMaster *jm, const FsimExecutionAttemptId *id)
{
  ExecutionVertex *ev = fsim_sched_job_master_vertex (jm, id->vertex, id->subtask);
  return ev != NULL && ev->current->attempt == id->attempt
         && !fsim_execution_state_is_terminal (ev->current->state);
}

/* CREATED: no slot, no bulk, no Task, nothing counted yet. */
static void
assert_created (const Execution *e)
{
  g_assert (e->state == FSIM_EXECUTION_CREATED);
  g_assert (e->task_state == FSIM_EXECUTION_CREATED);
  g_assert (e->slot == NULL && e->shared == NULL && e->bulk == NULL);
}

void
fsim_sched_execution_vertex_reset (FsimCluster *c, ExecutionVertex *ev)
{
  JobMaster *jm = c->job;
  Execution *old = ev->current;
  /* ExecutionVertex.resetExecution: "Cannot reset an execution that is in
   * non-terminal state" */
  g_assert (fsim_execution_state_is_terminal (old->state));
  g_assert (old->task_timer == FSIM_EVENT_NONE || !fsim_sim_is_pending (c->sim, old->task_timer));
  /* a FINISHED vertex takes one step back from the job's FINISHED
   * (ExecutionJobVertex.executionVertexUnFinished) */
  if (old->state == FSIM_EXECUTION_FINISHED)
    jm->n_finished--;
  jm->n_terminal--;
  g_assert (jm->n_finished >= 0 && jm->n_terminal >= jm->n_finished);
  g_ptr_array_add (ev->prior, old);
  ev->current = fsim_sched_execution_new (ev->vertex, old->attempt + 1);
  assert_created (ev->current);
}

FsimTraceRecord
fsim_sched_execution_record (FsimCluster *c, Execution *e, FsimSchedKind k, const char *why)
{
  FsimTraceRecord r = fsim_sched_cluster_record (c, k, why);
  r.job = 0;
  r.vertex = e->vertex->job_vertex->index;
  r.subtask = e->vertex->subtask;
  r.attempt = e->attempt;
  r.label = e->label;
  if (e->slot)
    {
      r.taskmanager = e->slot->tm->number;
      r.slot = e->slot->index;
    }
  return r;
}

static gboolean
task_state_in (const Execution *e, guint set)
{
  return (set & (1u << e->task_state)) != 0;
}
#define ST(s) (1u << FSIM_EXECUTION_ ## s)

/* What is true in each state (scheduler.h), checked as the state is
 * entered, as SQLite's assert_pager_state checks the pager's. */
static void
assert_execution_state (FsimCluster *c, const Execution *e)
{
  JobMaster *jm = c->job;
  /* only the current attempt moves; no Task without a slot */
  g_assert (fsim_sched_current (jm, e->vertex) == e);
  g_assert (e->slot != NULL || e->task_state == FSIM_EXECUTION_CREATED);
  g_assert (e->slot == NULL || (e->shared != NULL && e->slot->allocation > 0));
  switch (e->state)
    {
    case FSIM_EXECUTION_SCHEDULED:
      /* in a pending bulk, its group's shared slot known; nothing deployed */
      g_assert (e->bulk != NULL && e->bulk->state == BULK_PENDING && e->shared != NULL);
      g_assert (e->task_state == FSIM_EXECUTION_CREATED);
      break;
    case FSIM_EXECUTION_DEPLOYING:
      /* assigned a slot of its shared slot; every slot of the bulk arrived;
       * submitTask not sent yet */
      g_assert (e->slot != NULL && e->slot->state == TASK_SLOT_IN_USE);
      g_assert (e->shared->state == SHARED_SLOT_ASSIGNED && e->shared->physical == e->slot);
      g_assert (e->bulk->state == BULK_DEPLOYED);
      g_assert (e->task_state == FSIM_EXECUTION_CREATED);
      break;
    case FSIM_EXECUTION_INITIALIZING:
      /* the Task said so: it is there or beyond */
      g_assert (e->slot != NULL);
      g_assert (task_state_in (e, ST (INITIALIZING) | ST (RUNNING) | ST (FINISHED) | ST (FAILED)));
      break;
    case FSIM_EXECUTION_RUNNING:
      g_assert (e->slot != NULL);
      g_assert (task_state_in (e, ST (RUNNING) | ST (FINISHED) | ST (FAILED)));
      break;
    case FSIM_EXECUTION_FINISHED:
      /* end of input reached on the TaskManager */
      g_assert (e->task_state == FSIM_EXECUTION_FINISHED);
      break;
    case FSIM_EXECUTION_CANCELING:
      break;
    case FSIM_EXECUTION_CANCELED:
    case FSIM_EXECUTION_FAILED:
      /* the Task is gone, never ran, or its TaskManager is lost */
      g_assert (fsim_execution_state_is_terminal (e->task_state)
                || e->task_state == FSIM_EXECUTION_CREATED || !e->slot->tm->alive
                || e->slot->tm->job_state == TM_JOB_NOT_CONNECTED);
      break;
    case FSIM_EXECUTION_CREATED:
    case FSIM_EXECUTION_RECONCILING:
    default:
      g_assert_not_reached ();    /* never entered by a transition here */
    }
  g_assert (jm->n_finished >= 0 && jm->n_terminal >= jm->n_finished
            && jm->n_terminal <= jm->n_vertices);
}
#undef ST

void
fsim_sched_execution_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                      const char *detail, const char *why)
{
  FsimExecutionState from = e->state;
  fsim_execution_state_transition (&e->state, to);
  /* the terminal counts are of current attempts (only they move) */
  if (fsim_execution_state_is_terminal (to))
    {
      c->job->n_terminal++;
      if (to == FSIM_EXECUTION_FINISHED)
        c->job->n_finished++;
    }
  assert_execution_state (c, e);
  FsimTraceRecord r = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_EXECUTION_STATE, why);
  r.from = from;
  r.to = to;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
  fsim_sched_scheduler_on_execution_state (c, e, from, detail);
}

void
fsim_sched_task_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                 const char *detail, const char *why)
{
  FsimExecutionState from = e->task_state;
  fsim_task_state_transition (&e->task_state, to);
  FsimTraceRecord r = fsim_sched_execution_record (c, e, FSIM_SCHED_KIND_TASK_STATE, why);
  r.from = from;
  r.to = to;
  r.detail = detail;
  fsim_sched_cluster_trace (c, &r);
}
