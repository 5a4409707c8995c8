/* trace-perfetto.c - a run as Chrome Trace Event JSON (Perfetto, chrome://tracing).
 *
 * Layout (the Trace Event Format that Perfetto's JSON importer reads):
 *   pid 1            "JobManager": thread 1 "Dispatcher", 2 "JobMaster",
 *                    3 "ResourceManager", 4 "simulator" carry instant events
 *                    ("i", scope thread) for scheduling steps; thread 5 "job"
 *                    carries the JobStatus as complete events ("X"); threads
 *                    from 100 on, one per subtask, carry its ExecutionState
 *                    as the JobManager sees it.
 *   pid 1 + k        "TaskManager k": thread 1 "TaskExecutor" for its instant
 *                    events; threads from 100 on, one per subtask placed in
 *                    one of its slots ("slot 0 · Map (2/4)"), carry the
 *                    Task's states. Subtasks sharing a slot overlap in time,
 *                    and complete events on one thread must nest, so a slot
 *                    gets one thread per subtask, numbered slot by slot.
 * A state lasts from its record to the next state record of the same
 * subtask (or the end of the trace); terminal states are instants. ts and
 * dur are the trace's microseconds. Threads are numbered from sorted keys
 * and events follow the trace's order, so the output is deterministic. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/viz-private.h"

enum {
  PID_JOBMANAGER = 1,
  TID_DISPATCHER = 1,
  TID_JOBMASTER = 2,
  TID_RESOURCEMANAGER = 3,
  TID_SIMULATOR = 4,
  TID_JOB = 5,
  TID_TASKEXECUTOR = 1,
  TID_FIRST_SUBTASK = 100,
};

/* A subtask's track: on the JobManager (tm = 0) or in a TaskManager slot. */
typedef struct {
  int tm, slot, vertex, subtask;
  int tid;
  char *name;
  /* the open state */
  const char *state;
  gint64 since;
  const FsimTraceRecord *opened_by;
} Track;

static void
track_free (Track *t)
{
  g_free (t->name);
  g_free (t);
}

static int
track_compare (gconstpointer a, gconstpointer b)
{
  const Track *x = *(Track *const *) a, *y = *(Track *const *) b;
  if (x->tm != y->tm)
    return x->tm < y->tm ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  if (x->vertex != y->vertex)
    return x->vertex < y->vertex ? -1 : 1;
  return x->subtask < y->subtask ? -1 : x->subtask > y->subtask;
}

typedef struct {
  FsimTrace *trace;
  GString *out;
  FILE *file;                   /* streaming: out is written here per event */
  GError **error;
  gboolean failed;              /* a write to file failed; error is set */
  gboolean first;
  GHashTable *tracks;           /* "tm/slot/vertex/subtask" -> Track* */
  Track job;                    /* the JobStatus track */
  gint64 end;
} Export;

static char *
track_key (int tm, int slot, int vertex, int subtask)
{
  return g_strdup_printf ("%d/%d/%d/%d", tm, slot, vertex, subtask);
}

/* "Map (2/4)#0" -> "Map (2/4)" */
static char *
subtask_name (const char *label)
{
  char *name = g_strdup (label ? label : "?");
  char *hash = strrchr (name, '#');
  if (hash && hash > name && hash[-1] == ')')
    *hash = '\0';
  return name;
}

/* A subtask's ExecutionState, as the JobManager or its TaskManager sees it:
 * one track each. */
static gboolean
is_state_record (const FsimTraceRecord *r)
{
  return r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)
         || r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_STATE);
}

static gboolean
is_task_record (const FsimTraceRecord *r)
{
  return r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_STATE);
}

/* The track a state record belongs to. */
static Track *
lookup_track (Export *x, const FsimTraceRecord *r, gboolean create)
{
  gboolean task = is_task_record (r);
  int tm = task ? r->taskmanager : 0;
  int slot = task ? r->slot : -1;
  g_autofree char *key = track_key (tm, slot, r->vertex, r->subtask);
  Track *t = g_hash_table_lookup (x->tracks, key);
  if (t == NULL && create)
    {
      t = g_new0 (Track, 1);
      t->tm = tm;
      t->slot = slot;
      t->vertex = r->vertex;
      t->subtask = r->subtask;
      g_autofree char *name = subtask_name (r->label);
      t->name = task ? g_strdup_printf ("slot %d · %s", slot, name) : g_steal_pointer (&name);
      g_hash_table_insert (x->tracks, g_steal_pointer (&key), t);
    }
  return t;
}

/* When streaming, what was formatted goes to the file at once (after the
 * first failure nothing more is written) */
static void
flush (Export *x)
{
  if (x->file && !x->failed && !fsim_viz_flush (x->out, x->file, x->error))
    x->failed = TRUE;
  if (x->failed)
    g_string_truncate (x->out, 0);
}

static void
begin_event (Export *x, JsonBuilder *b, const char *ph, const char *name, const char *cat,
             int pid, int tid)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ph");
  json_builder_add_string_value (b, ph);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  if (cat)
    {
      json_builder_set_member_name (b, "cat");
      json_builder_add_string_value (b, cat);
    }
  json_builder_set_member_name (b, "pid");
  json_builder_add_int_value (b, pid);
  json_builder_set_member_name (b, "tid");
  json_builder_add_int_value (b, tid);
}

static void
end_event (Export *x, JsonBuilder *b)
{
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  g_string_append (x->out, x->first ? "\n" : ",\n");
  g_string_append (x->out, text);
  x->first = FALSE;
  flush (x);
}

static void
metadata (Export *x, const char *what, int pid, int tid, const char *name)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  begin_event (x, b, "M", what, NULL, pid, tid);
  json_builder_set_member_name (b, "args");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_end_object (b);
  end_event (x, b);
}

static void
add_args (JsonBuilder *b, const FsimTraceRecord *r)
{
  json_builder_set_member_name (b, "args");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, r->seq);
  if (r->label)
    {
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, r->label);
    }
  if (r->attempt >= 0)
    {
      json_builder_set_member_name (b, "attempt");
      json_builder_add_int_value (b, r->attempt);
    }
  if (r->detail)
    {
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, r->detail);
    }
  json_builder_set_member_name (b, "why");
  json_builder_add_string_value (b, r->why);
  json_builder_end_object (b);
}

static void
instant (Export *x, const FsimTraceRecord *r, const char *name, const char *cat,
         int pid, int tid)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  begin_event (x, b, "i", name, cat, pid, tid);
  json_builder_set_member_name (b, "ts");
  json_builder_add_int_value (b, r->time_us);
  json_builder_set_member_name (b, "s");
  json_builder_add_string_value (b, "t");
  add_args (b, r);
  end_event (x, b);
}

static int
track_pid (const Track *t)
{
  return t->tm > 0 ? PID_JOBMANAGER + t->tm : PID_JOBMANAGER;
}

/* Closes t's open state at `at` as a complete event. */
static void
close_span (Export *x, Track *t, gint64 at, const char *cat)
{
  if (t->state == NULL)
    return;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  begin_event (x, b, "X", t->state, cat, track_pid (t), t->tid);
  json_builder_set_member_name (b, "ts");
  json_builder_add_int_value (b, t->since);
  json_builder_set_member_name (b, "dur");
  json_builder_add_int_value (b, at - t->since);
  add_args (b, t->opened_by);
  end_event (x, b);
  t->state = NULL;
}

static void
state_change (Export *x, Track *t, const FsimTraceRecord *r, const char *cat)
{
  close_span (x, t, r->time_us, cat);
  const char *to = fsim_trace_record_to_name (r);
  /* nothing leaves a final state: an instant, not a span to the end */
  if (fsim_tone_is_final (r->kind->machine->tones[r->to]))
    {
      instant (x, r, to, cat, track_pid (t), t->tid);
      return;
    }
  t->state = to;
  t->since = r->time_us;
  t->opened_by = r;
}

/* Where an instant event goes. */
static void
instant_place (Export *x, const FsimTraceRecord *r, int *pid, int *tid)
{
  FsimComponent comp = (FsimComponent) r->kind->component;
  if (comp == FSIM_COMPONENT_TASKMANAGER && r->taskmanager <= 0)
    comp = FSIM_COMPONENT_JOBMASTER;
  *pid = PID_JOBMANAGER;
  switch (comp)
    {
    case FSIM_COMPONENT_DISPATCHER: *tid = TID_DISPATCHER; break;
    case FSIM_COMPONENT_JOBMASTER: *tid = TID_JOBMASTER; break;
    case FSIM_COMPONENT_RESOURCEMANAGER: *tid = TID_RESOURCEMANAGER; break;
    case FSIM_COMPONENT_SIMULATOR: *tid = TID_SIMULATOR; break;
    case FSIM_COMPONENT_TASKMANAGER:
      *pid = PID_JOBMANAGER + r->taskmanager;
      *tid = TID_TASKEXECUTOR;
      break;
    }
}

static void
write_metadata (Export *x, GPtrArray *sorted, int max_tm)
{
  metadata (x, "process_name", PID_JOBMANAGER, TID_JOBMASTER, "JobManager");
  metadata (x, "thread_name", PID_JOBMANAGER, TID_DISPATCHER, "Dispatcher");
  metadata (x, "thread_name", PID_JOBMANAGER, TID_JOBMASTER, "JobMaster");
  metadata (x, "thread_name", PID_JOBMANAGER, TID_RESOURCEMANAGER, "ResourceManager");
  metadata (x, "thread_name", PID_JOBMANAGER, TID_SIMULATOR, "simulator");
  metadata (x, "thread_name", PID_JOBMANAGER, TID_JOB, "job (JobStatus)");
  for (int tm = 1; tm <= max_tm; tm++)
    {
      g_autofree char *name = g_strdup_printf ("TaskManager %d", tm);
      metadata (x, "process_name", PID_JOBMANAGER + tm, TID_TASKEXECUTOR, name);
      metadata (x, "thread_name", PID_JOBMANAGER + tm, TID_TASKEXECUTOR, "TaskExecutor");
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      Track *t = g_ptr_array_index (sorted, i);
      metadata (x, "thread_name", track_pid (t), t->tid, t->name);
    }
}

/* out receives the JSON; with file set it is written there event by event
 * (issue 9: the whole export was one string beside the trace). */
static gboolean
write_perfetto (FsimTrace *trace, GString *out, FILE *file, GError **error)
{
  g_string_append (out, "{\"traceEvents\":[");
  Export x = { .trace = trace, .out = out, .file = file, .error = error, .first = TRUE };
  x.tracks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) track_free);
  x.job.tid = TID_JOB;
  x.job.name = g_strdup ("job");
  gint64 n = fsim_trace_count (trace);
  x.end = n > 0 ? fsim_trace_get (trace, n - 1)->time_us : 0;

  /* Pass 1: tracks and TaskManagers, numbered from sorted keys. */
  int max_tm = 0;
  for (gint64 i = 0; i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      max_tm = MAX (max_tm, r->taskmanager);
      if (is_state_record (r) && r->vertex >= 0 && r->subtask >= 0)
        lookup_track (&x, r, TRUE);
    }
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  GList *values = g_hash_table_get_values (x.tracks);
  for (GList *l = values; l; l = l->next)
    g_ptr_array_add (sorted, l->data);
  g_list_free (values);
  g_ptr_array_sort (sorted, track_compare);
  int next_tid[2] = { TID_FIRST_SUBTASK, TID_FIRST_SUBTASK };
  int last_tm = -1;
  for (guint i = 0; i < sorted->len; i++)
    {
      Track *t = g_ptr_array_index (sorted, i);
      if (t->tm != last_tm && t->tm > 0)
        next_tid[1] = TID_FIRST_SUBTASK;
      last_tm = t->tm;
      t->tid = next_tid[t->tm > 0]++;
    }
  write_metadata (&x, sorted, max_tm);

  /* Pass 2: events in trace order. */
  for (gint64 i = 0; i < n; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (is_state_record (r) && r->vertex >= 0 && r->subtask >= 0 && r->to >= 0)
        state_change (&x, lookup_track (&x, r, FALSE), r,
                      is_task_record (r) ? "task" : "execution");
      else if (r->kind->machine == &fsim_job_status_machine && r->to >= 0)
        state_change (&x, &x.job, r, "job");
      else
        {
          int pid = PID_JOBMANAGER, tid = TID_JOBMASTER;
          instant_place (&x, r, &pid, &tid);
          const char *kind = r->kind->name;
          g_autofree char *name = r->label ? g_strdup_printf ("%s %s", kind, r->label)
                                           : g_strdup (kind);
          instant (&x, r, name, kind, pid, tid);
        }
    }
  /* Close what is still open at the end of the trace, in track order. */
  for (guint i = 0; i < sorted->len; i++)
    {
      Track *t = g_ptr_array_index (sorted, i);
      close_span (&x, t, x.end, t->tm > 0 ? "task" : "execution");
    }
  close_span (&x, &x.job, x.end, "job");

  g_string_append (x.out, "\n],\"displayTimeUnit\":\"ms\"}\n");
  flush (&x);
  g_free (x.job.name);
  g_hash_table_unref (x.tracks);
  return !x.failed;
}

GBytes *
fsim_viz_trace_perfetto (FsimTrace *trace, GError **error)
{
  GString *out = g_string_new (NULL);
  write_perfetto (trace, out, NULL, error);
  return g_string_free_to_bytes (out);
}

gboolean
fsim_viz_trace_perfetto_write (FsimTrace *trace, FILE *file, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  return write_perfetto (trace, out, file, error);
}
