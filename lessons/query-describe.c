/* query-describe.c - what a goal's query measured, said to the learner with
 * the operators, indices and endpoints the goal names, and a query's value
 * as the learner reads it.
 *
 * An exercise checks its goals at the end of the run (the cursor is the
 * last record), so these texts speak of "the run", not of a lesson's step;
 * the one-line docs in queries.c keep their placeholders (OP, A, B) for
 * docs/lessons.md's table. Where the value alone does not say what to fix,
 * the text adds what the run shows: the subtask busiest-busy-time measured,
 * the failure cause of the job-status record that ended the run
 * (JobStatus FAILED carries the exception Flink's web UI shows under
 * "Exceptions"). */
#include "config.h"

#include <string.h>

#include "lessons/lessons-private.h"

/* A query's text with its arguments: %1$s the first, %2$s the second. */
typedef struct {
  const char *name;
  const char *text;
} Description;

static const Description descriptions[] = {
  { "parallelism", N_("the parallelism of '%1$s'") },
  { "max-parallelism", N_("the max parallelism of the vertex of '%1$s', its number of key groups") },
  { "key-groups", N_("the key-group range of subtask %2$s of '%1$s', subtasks counted from 0") },
  { "chained", N_("whether the edge from '%1$s' to '%2$s' is chained") },
  { "chain-rule", N_("the chaining rule that decides the edge from '%1$s' to '%2$s'") },
  { "distribution", N_("the distribution pattern of the JobEdge from '%1$s' to '%2$s'") },
  { "job-status", N_("the JobStatus at the end of the run") },
  { "taskmanagers", N_("TaskManagers registered in the run") },
  { "time", N_("the simulated time at the end of the run") },
  { "checkpoints-completed", N_("checkpoints completed in the run") },
  { "checkpoints-expired",
    N_("checkpoints that expired in the run, past execution.checkpointing.timeout") },
  { "faults", N_("faults of the fault plan that came due in the run") },
  { "restarted-subtasks", N_("subtasks restarted in the run, summed over the restarts") },
  { "windows-fired-total", N_("windows fired in the run, by all window operators") },
  { "records-in", N_("numRecordsIn of the vertex of '%1$s' at the end of the run, all subtasks") },
  { "records-out", N_("numRecordsOut of the vertex of '%1$s' at the end of the run, all subtasks") },
  { "channels-blocked", N_("input channels blocked for an aligned checkpoint in the run") },
  { "verdict-holds", N_("whether the run's exactly-once verdict holds") },
  { "windows-fired", N_("windows the vertex of '%1$s' fired in the run") },
  { "window-records", N_("records in the windows the vertex of '%1$s' fired in the run") },
  { "late-dropped", N_("late records the vertex of '%1$s' dropped in the run: numLateRecordsDropped") },
  { "late-side-output",
    N_("late records the vertex of '%1$s' sent to its late data side output in the run") },
  { "longest-checkpoint",
    N_("the longest trigger-to-completion time of the checkpoints completed in the run") },
  { "slots-available",
    N_("the free slots of the registered TaskManagers at the end of the run: slots-available "
       "in Flink's cluster overview") },
  { "rate", N_("the records/s per subtask of source '%1$s': its .rate()") },
  { "cost", N_("the time '%1$s' takes a record: its .cost()") },
  { "state-size", N_("the bytes of keyed state '%1$s' keeps per key: its .stateSize()") },
  { "keys", N_("the distinct keys of keyBy(\"%1$s\"): its .keys(), 0 when not set") },
  { "key-skew", N_("how the keys of keyBy(\"%1$s\") are spread: its .skew()") },
  { "window-assigner", N_("the WindowAssigner of the window operator '%1$s'") },
  { "window-size", N_("the size of the windows of '%1$s', a session's gap") },
  { "watermark-strategy", N_("the WatermarkStrategy whose watermarks reach '%1$s'") },
  { "watermark-bound", N_("the out-of-orderness bound of the watermarks that reach '%1$s'") },
  { "config", N_("the configuration's value of %1$s, set or Flink's default") },
};

static const char *
description_of (const FsimQueryDesc *q)
{
  for (gsize i = 0; i < G_N_ELEMENTS (descriptions); i++)
    if (strcmp (descriptions[i].name, q->name) == 0)
      return _(descriptions[i].text);
  /* a query with arguments names them: its doc's placeholders must not
   * reach the learner */
  g_assert (q->n_args == 0);
  return _(q->doc);
}

/* busiest-busy-time: which subtask it measured, so the learner sees
 * where the load is. */
static char *
busiest_text (const FsimQueryContext *ctx)
{
  char *none[] = { NULL };
  g_autofree char *subtask = fsim_query_eval (fsim_query_lookup ("busiest-subtask"), none, ctx,
                                              NULL);
  if (subtask == NULL)
    return g_strdup (_("the busyTimeMsPerSecond of the busiest subtask in the last sample"));
  return g_strdup_printf (_("the busyTimeMsPerSecond of %s, the busiest subtask in the last "
                            "sample"), subtask);
}

/* final-job-status: the cause the last job-status record carries (the
 * failure Flink's JobStatus FAILED reports), if any. */
static char *
final_status_text (const FsimQueryContext *ctx)
{
  FsimTrace *t = fsim_job_run_get_trace (ctx->run);
  FsimTraceFilter filter = FSIM_TRACE_FILTER_INIT;
  filter.kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS);
  gint64 i = fsim_trace_find_prev (t, &filter, fsim_trace_count (t) - 1);
  const FsimTraceRecord *r = i >= 0 ? fsim_trace_get (t, i) : NULL;
  if (r == NULL || r->detail == NULL || r->detail[0] == '\0')
    return g_strdup (_("the JobStatus when the run ends"));
  return g_strdup_printf (_("the JobStatus when the run ends; the cause: %s"), r->detail);
}

char *
fsim_query_describe (const FsimQueryDesc *q, char *const *args, const FsimQueryContext *ctx)
{
  if (strcmp (q->name, "busiest-busy-time") == 0)
    return busiest_text (ctx);
  if (strcmp (q->name, "final-job-status") == 0)
    return final_status_text (ctx);
  const char *a = q->n_args > 0 ? args[0] : "";
  const char *b = q->n_args > 1 ? args[1] : "";
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
  if (q->n_args > 1)
    return g_strdup_printf (description_of (q), a, b);
  if (q->n_args > 0)
    return g_strdup_printf (description_of (q), a);
  return g_strdup (description_of (q));
#pragma GCC diagnostic pop
}

const char *
fsim_query_value_display (const char *value)
{
  if (value == NULL)
    return NULL;
  if (strcmp (value, "yes") == 0)
    return _("yes");
  if (strcmp (value, "no") == 0)
    return _("no");
  if (strcmp (value, "none") == 0)
    /* TRANSLATORS: a query's value: no checkpoint completed, no backoff */
    return _("none");
  return value;
}
