/* transition.c - looking up and checking a state machine's transitions.
 *
 * ExecutionState, the Task's states and JobStatus each keep a table of
 * legal (from, to) pairs with the Flink method that performs the step
 * (execution-state.c, job-status.c); the lookup and the check are here,
 * and the lookup of a state by its Flink name. */
#include "config.h"

#include "scheduler/scheduler-private.h"

const char *
fsim_sched_transition_rule (const Transition *table, gsize n, int from, int to)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].from == from && table[i].to == to)
      return table[i].rule;
  return NULL;
}

const char *
fsim_sched_transition_checked (const Transition *table, gsize n, int from, int to,
                    const char *machine, const char *from_name, const char *to_name)
{
  const char *rule = fsim_sched_transition_rule (table, n, from, to);
  if (rule == NULL)
    g_error ("illegal %s transition %s -> %s", machine, from_name, to_name);
  return rule;
}
