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
  g_free (e->label);
  g_free (e->failure);
  g_free (e);
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

void
fsim_sched_execution_transition (FsimCluster *c, Execution *e, FsimExecutionState to,
                      const char *detail, const char *why)
{
  FsimExecutionState from = e->state;
  fsim_execution_state_transition (&e->state, to);
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
