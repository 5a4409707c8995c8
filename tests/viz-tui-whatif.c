/* viz-tui-whatif.c - x, X and w: what-if runs in the TUI (viz/tui-whatif.c).
 *
 * The TUI asks its fork function for a run with one more fault; here the
 * fork is a stand-in that copies the original trace up to the fault's time
 * and then writes the fault, the way a deterministic re-run does (the same
 * seed and options: nothing before the fault changes). The expectations
 * follow from that: the runs differ at the first record after the cursor's
 * time, the TUI shows the fork there, w flips at the same simulated time,
 * and a what-if on a what-if passes the earlier fault along. The real fork
 * (cli/what-if.c) is driven in tests/tui-tmux.sh.
 */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"
#include "tests/testlib.h"

void viz_tui_whatif_tcases (Suite *suite);

typedef struct {
  FsimTrace *trace;
  gint64 now;
} Writer;

static void
rec (Writer *w, FsimTraceKind kind, FsimTraceRecord *r)
{
  fsim_sched_register_kinds (w->trace);        /* checkpoint/'s kinds too */
  r->kind = kind;
  if (r->why == NULL)
    r->why = "test record";
  fsim_trace_append (w->trace, w->now, r);
}

static const char *const labels[] = { "Source: S (1/1)#0", "Map (1/1)#0" };

/* Subtask v's execution goes from -> to; placed on TaskManager 1 slot v
 * from DEPLOYING on. */
static void
exec_state (Writer *w, int v, const char *from, const char *to)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.job = 0;
  r.vertex = v;
  r.subtask = 0;
  r.attempt = 0;
  gboolean placed = strcmp (to, "DEPLOYING") == 0 || strcmp (to, "RUNNING") == 0;
  r.taskmanager = placed ? 1 : -1;
  r.slot = placed ? v : -1;
  r.label = labels[v];
  r.from = fsim_state_machine_lookup (&fsim_execution_state_machine, from);
  r.to = fsim_state_machine_lookup (&fsim_execution_state_machine, to);
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE), &r);
}

static void
checkpoint (Writer *w, gint64 id, int kind)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.checkpoint = id;
  rec (w, FSIM_CHECKPOINT_KIND (kind), &r);
}

/* Both subtasks CREATED at 1 ms (no slot), SCHEDULED at 2 ms, DEPLOYING
 * on TaskManager 1 at 3 ms, RUNNING at 4 ms; checkpoint 1 triggered at
 * 1 s and completed at 2 s, checkpoint 2 triggered at 3 s; the run ends
 * at 5 s. */
static FsimTrace *
original_trace (void)
{
  Writer w = { fsim_trace_new (), 1000 };
  static const char *const steps[][2] = {
    { NULL, "CREATED" }, { "CREATED", "SCHEDULED" }, { "SCHEDULED", "DEPLOYING" },
    { "DEPLOYING", "RUNNING" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++, w.now += 1000)
    for (int v = 0; v < 2; v++)
      exec_state (&w, v, steps[i][0], steps[i][1]);
  w.now = 1000000;
  checkpoint (&w, 1, FSIM_CHECKPOINT_KIND_TRIGGERED);
  w.now = 2000000;
  checkpoint (&w, 1, FSIM_CHECKPOINT_KIND_COMPLETED);
  w.now = 3000000;
  checkpoint (&w, 2, FSIM_CHECKPOINT_KIND_TRIGGERED);
  w.now = 5000000;
  FsimTraceRecord end = FSIM_TRACE_RECORD_INIT;
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_RUN_END), &end);
  return w.trace;
}

/* The original's records up to until_us, as a deterministic re-run
 * writes them before anything changes. */
static void
copy_until (Writer *w, FsimTrace *original, gint64 until_us)
{
  for (gint64 i = 0; i < fsim_trace_count (original); i++)
    {
      FsimTraceRecord r = *fsim_trace_get (original, i);
      if (r.time_us > until_us)
        break;
      w->now = r.time_us;
      rec (w, r.kind, &r);
    }
}

/* The stand-in fork: what it was asked, and what it answers. */
typedef struct {
  FsimTrace *original;
  int calls;
  FsimVizWhatIf last;
  char *earlier;                /* the earlier faults it got, joined by '|' */
  gboolean fail;                /* answer with an error */
} Forker;

static FsimTrace *
fake_fork (const FsimVizWhatIf *what, char **fault, gpointer data, GError **error)
{
  Forker *f = data;
  f->calls++;
  f->last = *what;
  g_free (f->earlier);
  f->earlier = g_strjoinv ("|", (char **) what->earlier);
  if (f->fail)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "no such operator");
      return NULL;
    }
  Writer w = { fsim_trace_new (), 0 };
  copy_until (&w, f->original, what->at_us);
  w.now = what->at_us;
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.vertex = what->kill_taskmanager ? -1 : what->vertex;
  r.subtask = what->kill_taskmanager ? -1 : what->subtask;
  r.taskmanager = what->kill_taskmanager ? what->taskmanager : -1;
  r.label = what->kill_taskmanager ? "TaskManager 1" : labels[what->vertex];
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT), &r);
  w.now = what->at_us + 1;
  FsimTraceRecord end = FSIM_TRACE_RECORD_INIT;
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_RUN_END), &end);
  *fault = g_strdup_printf ("fault %d", f->calls);
  return w.trace;
}

static char *
header (FsimTui *tui)
{
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (160, 30);
  fsim_tui_draw (tui, grid);
  g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
  return g_strndup (text, strcspn (text, "\n"));
}

/* Run B of `compare --tui` (or a lesson step's compare:): the original
 * trace up to 2 s, then checkpoint 2 triggered at 2.5 s instead of 3 s,
 * as another interval would. Kept once however often it is added; w flips
 * between run A and run B at the same simulated time, as between a run
 * and its what-if (the same machinery), and the header names each. No
 * what-if beside it: x would re-run run A's job. */
static FsimTrace *
compared_trace (FsimTrace *original)
{
  Writer w = { fsim_trace_new (), 0 };
  copy_until (&w, original, 2000000);
  w.now = 2500000;
  checkpoint (&w, 2, FSIM_CHECKPOINT_KIND_TRIGGERED);
  w.now = 5000000;
  FsimTraceRecord end = FSIM_TRACE_RECORD_INIT;
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_RUN_END), &end);
  return w.trace;
}

START_TEST (test_compared_run_flips)
{
  g_autoptr (FsimTrace) trace = original_trace ();
  g_autoptr (FsimTrace) other = compared_trace (trace);
  FsimVizRun b = { .trace = other, .job_graph = NULL, .what = "--set interval=2.5s" };
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "compared job");
  fsim_tui_runs_name_first (tui, "a.job");
  fsim_tui_runs_add (tui, &b);
  fsim_tui_runs_add (tui, &b);
  ck_assert_uint_eq (fsim_tui_n_runs (tui), 2);
  ck_assert_int_eq (tui->run, 0);
  ck_assert_ptr_nonnull (strstr (tui->message, "w flips to run B: --set interval=2.5s"));
  /* the runs agree up to checkpoint 1's completion at 2 s: records 0..9 */
  gint64 completed = fsim_trace_find_time (trace, 2000000);
  ck_assert_int_eq (fsim_tui_run_differs_at (fsim_tui_run_get (tui, 1)), completed + 1);
  g_autofree char *ha = header (tui);
  ck_assert_msg (strstr (ha, "run A: a.job (w: run B: --set interval=2.5s)") != NULL, "%s", ha);
  /* at 3 s in run A (checkpoint 2 triggered), w shows run B's last record
   * by 3 s: its own trigger at 2.5 s */
  fsim_tui_goto (tui, "3 s");
  ck_assert_int_eq (fsim_tui_current (tui)->time_us, 3000000);
  fsim_tui_handle_key (tui, 'w');
  ck_assert_int_eq (tui->run, 1);
  ck_assert_int_eq (fsim_tui_current (tui)->time_us, 2500000);
  ck_assert_int_eq (fsim_tui_current (tui)->checkpoint, 2);
  g_autofree char *want = g_strdup_printf ("run B: --set interval=2.5s, differs from #%"
                                           G_GINT64_FORMAT " (w: run A)", completed + 1);
  ck_assert_str_eq (tui->message, want);
  g_autofree char *hb = header (tui);
  /* the header says it shorter when the line is full: the run, never less */
  ck_assert_msg (strstr (hb, "run B: --set interval=2.5s, differs from") != NULL
                 || strstr (hb, "run B (w: run A)") != NULL, "%s", hb);
  fsim_tui_handle_key (tui, 'x');
  ck_assert_str_eq (tui->message, "no what-if beside a compared run: w flips between run A and "
                    "run B");
  ck_assert_uint_eq (fsim_tui_n_runs (tui), 2);
  /* back to run A: its last record by 2.5 s is checkpoint 1's completion */
  fsim_tui_handle_key (tui, 'w');
  ck_assert_int_eq (tui->run, 0);
  ck_assert_int_eq (tui->cursor, completed);
}
END_TEST

/* x at the cursor: the fork is asked for a fault of the selected subtask
 * at the cursor's time, only at the next tick (the screen first says it
 * is simulating); the TUI shows the new run at its first record unlike the
 * original's, and says so in the header. */
START_TEST (test_what_if_forks_at_the_cursor)
{
  g_autoptr (FsimTrace) trace = original_trace ();
  Forker f = { .original = trace };
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "what-if job");
  fsim_tui_set_forker (tui, fake_fork, &f);
  fsim_tui_goto (tui, "2 s");                   /* checkpoint 1 completed */
  gint64 at = tui->cursor;
  ck_assert_int_eq (fsim_tui_current (tui)->time_us, 2000000);
  tui->sel_vertex = 1;
  tui->sel_subtask = 0;
  fsim_tui_handle_key (tui, 'x');
  ck_assert_int_eq (f.calls, 0);
  ck_assert_ptr_nonnull (strstr (tui->message, "simulating the job again with: fail Map (1/1)#0 "
                                 "at 2.000 s"));
  fsim_tui_tick (tui, 0);
  ck_assert_int_eq (f.calls, 1);
  ck_assert (!f.last.kill_taskmanager);
  ck_assert_int_eq (f.last.at_us, 2000000);
  ck_assert_int_eq (f.last.vertex, 1);
  ck_assert_int_eq (f.last.subtask, 0);
  ck_assert_str_eq (f.earlier, "");             /* the original added no fault */
  ck_assert_uint_eq (fsim_tui_n_runs (tui), 2);
  ck_assert_int_eq (tui->run, 1);
  /* the original's next record is checkpoint 2's trigger at 3 s; the
   * fork's is the fault at 2 s: they differ right after the cursor */
  const FsimTuiRun *run = fsim_tui_run_get (tui, 1);
  ck_assert_int_eq (fsim_tui_run_differs_at (run), at + 1);
  ck_assert_int_eq (tui->cursor, at + 1);
  ck_assert_ptr_eq (fsim_tui_current (tui)->kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT));
  ck_assert_str_eq (fsim_tui_run_faults (run)[0], "fault 1");
  ck_assert_ptr_null (fsim_tui_run_faults (run)[1]);
  g_autofree char *h = header (tui);
  ck_assert_msg (strstr (h, "what-if 1") != NULL, "%s", h);
  g_free (f.earlier);
}
END_TEST

/* w flips at the same simulated time: past the difference, the other
 * run's last record by then; before it, the same record (the runs agree
 * there). A what-if on the fork passes the fork's fault along. */
START_TEST (test_flip_keeps_time)
{
  g_autoptr (FsimTrace) trace = original_trace ();
  Forker f = { .original = trace };
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "what-if job");
  fsim_tui_set_forker (tui, fake_fork, &f);
  fsim_tui_handle_key (tui, 'w');
  ck_assert_ptr_nonnull (strstr (tui->message, "one run only"));
  fsim_tui_goto (tui, "2 s");
  gint64 at = tui->cursor;
  tui->sel_vertex = 0;
  tui->sel_subtask = 0;
  fsim_tui_handle_key (tui, 'x');
  fsim_tui_tick (tui, 0);
  ck_assert_int_eq (tui->cursor, at + 1);       /* the fault, at 2 s */
  fsim_tui_handle_key (tui, 'w');
  ck_assert_int_eq (tui->run, 0);
  /* the original's last record at or before 2 s: checkpoint 1 completed */
  ck_assert_int_eq (tui->cursor, at);
  g_autofree char *h = header (tui);
  ck_assert_msg (strstr (h, "original run (w: what-if 1)") != NULL, "%s", h);
  fsim_tui_set_cursor (tui, 2);                 /* before the difference */
  fsim_tui_handle_key (tui, 'w');
  ck_assert_int_eq (tui->run, 1);
  ck_assert_int_eq (tui->cursor, 2);
  /* a what-if on the what-if: its fault comes first */
  fsim_tui_goto (tui, "2 s");
  fsim_tui_handle_key (tui, 'x');
  fsim_tui_tick (tui, 0);
  ck_assert_int_eq (f.calls, 2);
  ck_assert_str_eq (f.earlier, "fault 1");
  ck_assert_int_eq (tui->run, 2);
  ck_assert_int_eq (fsim_tui_run_base (fsim_tui_run_get (tui, 2)), 1);
  ck_assert_str_eq (fsim_tui_run_faults (fsim_tui_run_get (tui, 2))[1], "fault 2");
  /* w goes back to the run it came from */
  fsim_tui_handle_key (tui, 'w');
  ck_assert_int_eq (tui->run, 1);
  g_free (f.earlier);
}
END_TEST

/* X kills the TaskManager the selected subtask runs on at the cursor; a
 * subtask not yet placed has none, and the TUI says so without asking. */
START_TEST (test_what_if_kill_taskmanager)
{
  g_autoptr (FsimTrace) trace = original_trace ();
  Forker f = { .original = trace };
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "what-if job");
  fsim_tui_set_forker (tui, fake_fork, &f);
  fsim_tui_goto (tui, "2 ms");                  /* SCHEDULED: no slot yet */
  tui->sel_vertex = 1;
  tui->sel_subtask = 0;
  fsim_tui_handle_key (tui, 'X');
  fsim_tui_tick (tui, 0);
  ck_assert_int_eq (f.calls, 0);
  ck_assert_ptr_nonnull (strstr (tui->message, "no TaskManager to kill"));
  fsim_tui_goto (tui, "1 s");
  fsim_tui_handle_key (tui, 'X');
  fsim_tui_tick (tui, 0);
  ck_assert_int_eq (f.calls, 1);
  ck_assert (f.last.kill_taskmanager);
  ck_assert_int_eq (f.last.taskmanager, 1);
  ck_assert_int_eq (f.last.at_us, 1000000);
  ck_assert_ptr_nonnull (strstr (fsim_tui_run_what (fsim_tui_run_get (tui, 1)),
                                 "kill TaskManager 1 at 1.000 s"));
  g_free (f.earlier);
}
END_TEST

/* No fork (a Flink plan): x says why; a fork that fails: its message, and
 * no run is added. */
START_TEST (test_what_if_refused)
{
  g_autoptr (FsimTrace) trace = original_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "what-if job");
  tui->sel_vertex = 0;
  tui->sel_subtask = 0;
  fsim_tui_goto (tui, "1 s");
  fsim_tui_handle_key (tui, 'x');
  ck_assert (tui->message_is_error);
  ck_assert_ptr_nonnull (strstr (tui->message, "what-if needs a job file"));
  Forker f = { .original = trace, .fail = TRUE };
  fsim_tui_set_forker (tui, fake_fork, &f);
  fsim_tui_handle_key (tui, 'x');
  fsim_tui_tick (tui, 0);
  ck_assert_int_eq (f.calls, 1);
  ck_assert (tui->message_is_error);
  ck_assert_ptr_nonnull (strstr (tui->message, "no such operator"));
  ck_assert_uint_eq (fsim_tui_n_runs (tui), 1);
  ck_assert_int_eq (tui->run, 0);
  g_free (f.earlier);
}
END_TEST

void
viz_tui_whatif_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("TuiWhatIf");
  tcase_add_test (tc, test_what_if_forks_at_the_cursor);
  tcase_add_test (tc, test_compared_run_flips);
  tcase_add_test (tc, test_flip_keeps_time);
  tcase_add_test (tc, test_what_if_kill_taskmanager);
  tcase_add_test (tc, test_what_if_refused);
  suite_add_tcase (suite, tc);
}
