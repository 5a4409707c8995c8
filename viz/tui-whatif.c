/* tui-whatif.c - what if this subtask failed here? Runs side by side.
 *
 * A learner at a step asks what Flink would have done had a task thrown
 * there, or had its TaskManager died: `x` fails the selected subtask at
 * the cursor's time, `X` kills the TaskManager it runs on. The job is
 * simulated again from the start with that fault added (the same seed and
 * options: the run is deterministic, so everything before the fault is the
 * same), and the TUI keeps both runs. `w` flips between the run on screen
 * and the other one, at the same simulated time; the header says which run
 * is shown and from which record on it differs from the run it was forked
 * from. A what-if on a what-if keeps the faults of both.
 *
 * The TUI does not load jobs: cli/cmd-tui.c gives it the function that
 * re-runs one (FsimVizForkFunc). The fork runs at the next tick, after the
 * screen has said that it is simulating.
 *
 * Runs: run 0 is the one simulated first; each what-if appends one, forked
 * from the run on screen then. A compared run (`flinksim compare --tui`, a
 * lesson step's `compare:`, FsimVizRun) is appended the same way, with its
 * own JobGraph, and is flipped to with the same w: run A and run B. No
 * what-if beside a compared run: its job is not the one x would re-run.
 * t->history is always runs[t->run]'s, t->job_graph its JobGraph. */
#include "config.h"

#include <inttypes.h>

#include "viz/tui-private.h"

struct _FsimTuiRun {
  FsimTuiHistory *history;      /* the run's trace, indexed; holds it */
  GPtrArray *faults;            /* char*, NULL-terminated: job lines added to run 0 */
  char *what;                   /* "fail Flat Map (2/2)#0 at 12.001 s"; NULL for run 0 */
  int base;                     /* the run it was forked from; -1 for run 0 */
  gint64 differs_at;            /* first seq unlike base's; -1: the same run */
  const FsimJobGraph *job_graph;
  const FsimVizRun *compared;   /* a compared run: where it came from; NULL otherwise */
};

static FsimTuiRun *
run_new (FsimTuiHistory *history, int base, const FsimJobGraph *job_graph)
{
  FsimTuiRun *run = g_new0 (FsimTuiRun, 1);
  run->history = history;
  run->job_graph = job_graph;
  run->faults = g_ptr_array_new_with_free_func (g_free);
  run->base = base;
  run->differs_at = -1;
  return run;
}

static void
run_free (gpointer p)
{
  FsimTuiRun *run = p;
  fsim_tui_history_free (run->history);
  g_ptr_array_unref (run->faults);
  g_free (run->what);
  g_free (run);
}

void
fsim_tui_runs_init (FsimTui *t, FsimTuiHistory *history, const FsimJobGraph *job_graph)
{
  t->runs = g_ptr_array_new_with_free_func (run_free);
  FsimTuiRun *first = run_new (history, -1, job_graph);
  g_ptr_array_add (first->faults, NULL);
  g_ptr_array_add (t->runs, first);
  t->run = 0;
  t->other = -1;
  t->history = history;
  t->job_graph = job_graph;
}

void
fsim_tui_runs_name_first (FsimTui *t, const char *what)
{
  FsimTuiRun *first = g_ptr_array_index (t->runs, 0);
  g_free (first->what);
  first->what = g_strdup (what);
}

static int
compared_run (const FsimTui *t)
{
  for (guint i = 1; i < t->runs->len; i++)
    if (((FsimTuiRun *) g_ptr_array_index (t->runs, i))->compared)
      return (int) i;
  return -1;
}

void
fsim_tui_runs_clear (FsimTui *t)
{
  g_clear_pointer (&t->runs, g_ptr_array_unref);
  g_clear_pointer (&t->pending_what, g_free);
  g_clear_pointer (&t->pending_label, g_free);
  t->history = NULL;
}

void
fsim_tui_set_forker (FsimTui *t, FsimVizForkFunc fork, gpointer data)
{
  t->fork = fork;
  t->fork_data = data;
}

guint
fsim_tui_n_runs (const FsimTui *t)
{
  return t->runs->len;
}

const FsimTuiRun *
fsim_tui_run_get (const FsimTui *t, int i)
{
  return g_ptr_array_index (t->runs, i);
}

const char *
fsim_tui_run_what (const FsimTuiRun *run)
{
  return run->what;
}

gint64
fsim_tui_run_differs_at (const FsimTuiRun *run)
{
  return run->differs_at;
}

int
fsim_tui_run_base (const FsimTuiRun *run)
{
  return run->base;
}

const char *const *
fsim_tui_run_faults (const FsimTuiRun *run)
{
  return (const char *const *) run->faults->pdata;
}

gboolean
fsim_tui_run_is_compared (const FsimTuiRun *run)
{
  return run->compared != NULL;
}

/* Shows run i at seq (clamped), every cache of the run before dropped. */
static void
show_run (FsimTui *t, int i, gint64 seq)
{
  FsimTuiRun *run = g_ptr_array_index (t->runs, i);
  t->run = i;
  t->history = run->history;
  g_clear_pointer (&t->rows_cache, g_array_unref);
  g_clear_pointer (&t->rows_sorted, g_array_unref);
  t->job_graph = run->job_graph;
  t->default_span_us = 0;
  t->cursor = -1;
  if (fsim_tui_history_count (t->history) > 0)
    fsim_tui_set_cursor (t, seq);
}

/* The compared run other, appended once (a lesson step may come back to
 * it): w flips between run A and it; the screen stays where it is. */
guint
fsim_tui_runs_add (FsimTui *t, const FsimVizRun *other)
{
  int b = compared_run (t);
  if (b < 0)
    {
      FsimTuiRun *run = run_new (fsim_tui_history_new (other->trace), 0, other->job_graph);
      g_ptr_array_add (run->faults, NULL);
      run->what = g_strdup (other->what);
      run->compared = other;
      run->differs_at = fsim_trace_first_difference (
        fsim_tui_history_get_trace (((FsimTuiRun *) g_ptr_array_index (t->runs, 0))->history),
        other->trace);
      g_ptr_array_add (t->runs, run);
      b = (int) t->runs->len - 1;
    }
  if (t->run != b)
    t->other = b;
  return fsim_tui_set_message (t, FALSE, _("w flips to run B: %s"),
                               ((FsimTuiRun *) g_ptr_array_index (t->runs, b))->what);
}

/* x / X: checks what the fault needs and leaves it for the next tick. */
guint
fsim_tui_what_if (FsimTui *t, gboolean kill_taskmanager)
{
  if (compared_run (t) >= 0)
    return fsim_tui_set_message (t, TRUE, _("no what-if beside a compared run: w flips between "
                                            "run A and run B"));
  /* a lesson's steps are records of its one run: no other run to flip to */
  if (t->fork == NULL && t->tour)
    return fsim_tui_set_message (t, TRUE, _("no what-if in a lesson: its steps are records of "
                                            "this one run"));
  if (t->fork == NULL)
    return fsim_tui_set_message (t, TRUE, _("what-if needs a job file: this run is of a Flink "
                                            "plan, which has no faults"));
  if (t->runs->len >= FSIM_TUI_MAX_RUNS)
    return fsim_tui_set_message (t, TRUE, _("%d runs are kept, no more: quit and start again "
                                            "to ask another what-if"), FSIM_TUI_MAX_RUNS);
  const FsimTuiSubtask *s = fsim_tui_selected (t);
  const FsimTraceRecord *r = fsim_tui_current (t);
  if (s == NULL || r == NULL)
    return fsim_tui_set_message (t, TRUE, _("no subtask selected: pick one with \u2191 \u2193"));
  const FsimTuiSnapshot *snap = fsim_tui_subtask_at (s, t->cursor, r->time_us);
  if (kill_taskmanager && (snap == NULL || snap->taskmanager < 1))
    return fsim_tui_set_message (t, TRUE, _("the selected subtask is on no TaskManager at this "
                                            "step: no TaskManager to kill"));
  g_autofree char *at = fsim_time_format (r->time_us);
  FsimVizWhatIf *w = g_new0 (FsimVizWhatIf, 1);
  w->kill_taskmanager = kill_taskmanager;
  w->at_us = r->time_us;
  w->vertex = s->vertex;
  w->subtask = s->subtask;
  w->taskmanager = snap ? snap->taskmanager : -1;
  g_free (t->pending_what);
  t->pending_what = w;
  g_free (t->pending_label);
  t->pending_label = kill_taskmanager
    ? g_strdup_printf (_("kill TaskManager %d at %s"), w->taskmanager, at)
    : g_strdup_printf (_("fail %s at %s"), snap ? snap->label : "?", at);
  t->running = FALSE;
  return fsim_tui_set_message (t, FALSE, _("simulating the job again with: %s \u2026"),
                               t->pending_label);
}

/* The pending what-if, simulated: a new run, on screen at its first
 * record unlike the run it came from. */
guint
fsim_tui_what_if_run_pending (FsimTui *t)
{
  if (t->pending_what == NULL)
    return 0;
  g_autofree FsimVizWhatIf *w = g_steal_pointer (&t->pending_what);
  g_autofree char *label = g_steal_pointer (&t->pending_label);
  FsimTuiRun *base = g_ptr_array_index (t->runs, t->run);
  w->earlier = (const char *const *) base->faults->pdata;
  g_autoptr (GError) error = NULL;
  char *fault = NULL;
  FsimTrace *trace = t->fork (w, &fault, t->fork_data, &error);
  if (trace == NULL)
    return fsim_tui_set_message (t, TRUE, _("what-if %s: %s"), label,
                                 error ? error->message : "?");
  FsimTuiRun *run = run_new (fsim_tui_history_new (trace), t->run, base->job_graph);
  fsim_trace_unref (trace);
  for (guint i = 0; i + 1 < base->faults->len; i++)
    g_ptr_array_add (run->faults, g_strdup (g_ptr_array_index (base->faults, i)));
  g_ptr_array_add (run->faults, fault);
  g_ptr_array_add (run->faults, NULL);
  run->what = g_steal_pointer (&label);
  run->differs_at = fsim_trace_first_difference (fsim_tui_history_get_trace (base->history),
                                                 fsim_tui_history_get_trace (run->history));
  g_ptr_array_add (t->runs, run);
  gint64 cursor = t->cursor;
  t->other = t->run;
  show_run (t, (int) t->runs->len - 1, run->differs_at >= 0 ? run->differs_at : cursor);
  if (run->differs_at < 0)
    return fsim_tui_set_message (t, FALSE, _("what-if %d: %s changes nothing: the runs are the "
                                             "same (w flips back)"), t->run, run->what);
  return fsim_tui_set_message (t, FALSE, _("what-if %d: %s; the runs differ from #%" PRId64
                                           " on, shown here (w flips back)"),
                               t->run, run->what, run->differs_at);
}

/* w: the other run, at the same simulated time. Records before the two
 * runs differ are the same in both: the cursor keeps its record there. */
guint
fsim_tui_flip (FsimTui *t)
{
  if (t->other < 0 && t->tour)
    return fsim_tui_set_message (t, FALSE, _("one run only: w flips from a step that compares "
                                             "two runs on"));
  if (t->other < 0)
    return fsim_tui_set_message (t, FALSE, _("one run only: x fails the selected subtask at "
                                             "this step, X kills its TaskManager, then w flips"));
  FsimTuiRun *to = g_ptr_array_index (t->runs, t->other);
  FsimTrace *from_trace = fsim_tui_history_get_trace (t->history);
  FsimTrace *to_trace = fsim_tui_history_get_trace (to->history);
  gint64 differs = fsim_trace_first_difference (from_trace, to_trace);
  gint64 seq = t->cursor;
  if (seq >= 0 && differs >= 0 && seq >= differs)
    {
      /* past the difference: the other run's last record at this time */
      gint64 time = fsim_trace_get (from_trace, seq)->time_us;
      seq = MAX (fsim_trace_find_time (to_trace, time + 1) - 1, 0);
      /* samples hidden: the last record of the story by then, as n stops */
      const FsimTraceRecord *story = t->show_samples ? NULL
        : fsim_tui_history_last (to->history, FSIM_TUI_LIST_STORY, seq);
      if (story)
        seq = story->seq;
    }
  int from = t->run;
  show_run (t, t->other, seq);
  t->other = from;
  if (to->compared && to->differs_at < 0)
    return fsim_tui_set_message (t, FALSE, _("run B: %s, no difference (w: run A)"), to->what);
  if (to->compared)
    return fsim_tui_set_message (t, FALSE, _("run B: %s, differs from #%" PRId64 " (w: run A)"),
                                 to->what, to->differs_at);
  if (t->run == 0 && fsim_tui_run_is_compared (g_ptr_array_index (t->runs, from)))
    return fsim_tui_set_message (t, FALSE, _("run A (w: run B)"));
  if (t->run == 0)
    return fsim_tui_set_message (t, FALSE, _("the original run (w: what-if %d)"), from);
  return fsim_tui_set_message (t, FALSE, _("what-if %d: %s (w: %s)"), t->run, to->what,
                               from == 0 ? _("the original run")
                                         : fsim_tui_run_what (g_ptr_array_index (t->runs, from)));
}
