/* viz-tui.c - the step-through TUI's layers without a terminal (viz/tui*.c).
 *
 * The grid renders to text, so screens are compared as text: hand-checked
 * assertions first, then golden screens tests/golden/tui-*.txt (looked at by
 * eye). The trace here is hand-built in the shape scheduler/ writes it
 * (scheduler.h "Trace records written by the scheduler": vertex = topological
 * index, TaskManagers 1-based, slots 0-based), so that these tests pin the
 * TUI and not the scheduler; tests/tui-tmux.sh drives the real binary.
 */
#include "config.h"

#include <string.h>

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "viz/tui-private.h"
#include "viz/viz.h"
#include "tests/testlib-graphs.h"

void viz_tui_tcases (Suite *suite);

/* Flink's SocketWindowWordCount: socketTextStream (1) -> flatMap (2,
 * REBALANCE) -> window (2, HASH) -> print (1, REBALANCE). Four JobVertices:
 * nothing chains across a parallelism change or a HASH edge. */
static const char wordcount_plan[] =
  "{ \"nodes\" : [\n"
  "  { \"id\" : 1, \"type\" : \"Source: Socket Stream\", \"pact\" : \"Data Source\", \"parallelism\" : 1 },\n"
  "  { \"id\" : 2, \"type\" : \"Flat Map\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
  "    \"predecessors\" : [ { \"id\" : 1, \"ship_strategy\" : \"REBALANCE\" } ] },\n"
  "  { \"id\" : 4, \"type\" : \"Window(TumblingProcessingTimeWindows(5000), ProcessingTimeTrigger, "
  "SumAggregator, PassThroughWindowFunction)\", \"pact\" : \"Operator\", \"parallelism\" : 2,\n"
  "    \"predecessors\" : [ { \"id\" : 2, \"ship_strategy\" : \"HASH\" } ] },\n"
  "  { \"id\" : 5, \"type\" : \"Sink: Print to Std. Out\", \"pact\" : \"Data Sink\", \"parallelism\" : 1,\n"
  "    \"predecessors\" : [ { \"id\" : 4, \"ship_strategy\" : \"REBALANCE\" } ] } ] }\n";

static const char *const vertex_names[] = {
  "Source: Socket Stream", "Flat Map",
  "Window(TumblingProcessingTimeWindows(5000), ProcessingTimeTrigger, SumAggregator, "
  "PassThroughWindowFunction)",
  "Sink: Print to Std. Out",
};
static const int parallelism[] = { 1, 2, 2, 1 };

/* ------------------------------------------------------------------------ */
/* A hand-built trace                                                         */

typedef struct {
  FsimTrace *trace;
  gint64 now;
} Writer;

static gint64
rec (Writer *w, FsimTraceKind kind, FsimTraceRecord r)
{
  fsim_sched_register_kinds (w->trace);
  r.kind = kind;
  if (r.why == NULL)
    r.why = "test record";
  return fsim_trace_append (w->trace, w->now, &r);
}

static char *
subtask_label (int v, int s, int attempt)
{
  return g_strdup_printf ("%s (%d/%d)#%d", vertex_names[v], s + 1, parallelism[v], attempt);
}

static gint64
exec_state (Writer *w, int v, int s, int attempt, const char *from, const char *to,
            const char *why)
{
  g_autofree char *label = subtask_label (v, s, attempt);
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.job = 0;
  r.vertex = v;
  r.subtask = s;
  r.attempt = attempt;
  r.label = label;
  r.from = fsim_state_machine_lookup (&fsim_execution_state_machine, from);
  r.to = fsim_state_machine_lookup (&fsim_execution_state_machine, to);
  r.why = why;
  return rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE), r);
}

static void
job_status (Writer *w, const char *from, const char *to)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.job = 0;
  r.label = "Socket Window WordCount";
  r.from = fsim_state_machine_lookup (&fsim_job_status_machine, from);
  r.to = fsim_state_machine_lookup (&fsim_job_status_machine, to);
  r.why = "JobStatus transition";
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS), r);
}

/* A restart strategy's decision on a failure of Flat Map (2/2)#0, as the
 * scheduler traces it (FSIM_SCHED_KIND_FAILOVER: restart_attempt,
 * subtasks, backoff_us, max_attempts). */
static void
failover (Writer *w, gint64 attempt, gint64 subtasks, gint64 backoff_us, gint64 max)
{
  g_autofree char *label = subtask_label (1, 1, 0);
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.job = 0;
  r.vertex = 1;
  r.subtask = 1;
  r.attempt = 0;
  r.label = label;
  r.values[0] = attempt;
  r.values[1] = subtasks;
  r.values[2] = backoff_us;
  r.values[3] = max;
  r.why = "the restart strategy decides";
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER), r);
}

/* Which shared slot each subtask gets: Flink's SlotSharingExecutionSlotAllocator
 * puts subtask i of every vertex of the default group into shared slot i;
 * here shared slot i lands on TaskManager 1, slot i. */
static void
each_subtask (Writer *w, int attempt, void (*fn) (Writer *, int, int, int))
{
  for (int v = 0; v < 4; v++)
    for (int s = 0; s < parallelism[v]; s++)
      fn (w, v, s, attempt);
}

static void to_created (Writer *w, int v, int s, int a)
{ exec_state (w, v, s, a, NULL, "CREATED", "the ExecutionGraph creates an Execution per ExecutionVertex"); }
static void to_scheduled (Writer *w, int v, int s, int a)
{ exec_state (w, v, s, a, "CREATED", "SCHEDULED", "DefaultExecutionDeployer.transitionToScheduled"); }
static void
to_deploying (Writer *w, int v, int s, int a)
{
  g_autofree char *label = subtask_label (v, s, a);
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.vertex = v;
  r.subtask = s;
  r.attempt = a;
  r.taskmanager = 1;
  r.slot = s;
  r.label = label;
  r.why = "SlotSharingExecutionSlotAllocator: subtask index i of each vertex shares slot i";
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_ASSIGNED), r);
  exec_state (w, v, s, a, "SCHEDULED", "DEPLOYING", "Execution.deploy: every slot of the bulk arrived");
}
static void to_initializing (Writer *w, int v, int s, int a)
{ exec_state (w, v, s, a, "DEPLOYING", "INITIALIZING", "Execution.switchToInitializing"); }
static void to_running (Writer *w, int v, int s, int a)
{ exec_state (w, v, s, a, "INITIALIZING", "RUNNING", "Execution.switchToRunning"); }

static void
checkpoint (Writer *w, gint64 id, gboolean complete)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.checkpoint = id;
  r.why = "CheckpointCoordinator.triggerCheckpoint every execution.checkpointing.interval";
  rec (w, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED), r);
  w->now += 2000;
  for (int v = 0; v < 4; v++)
    for (int s = 0; s < parallelism[v]; s++)
      {
        g_autofree char *label = subtask_label (v, s, 0);
        FsimTraceRecord b = FSIM_TRACE_RECORD_INIT;
        b.vertex = v;
        b.subtask = s;
        b.attempt = 0;
        b.checkpoint = id;
        b.channel = 0;
        b.label = label;
        b.why = "SingleCheckpointBarrierHandler: barrier on every input channel";
        rec (w, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_BARRIER), b);
        b.channel = -1;
        b.why = "the subtask snapshotted its state and acknowledged";
        rec (w, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_ACKNOWLEDGED), b);
      }
  w->now += 1000;
  r.why = complete ? "all tasks acknowledged" : "declined by a task";
  rec (w, complete ? FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED)
                  : FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_DECLINED), r);
}

/* Deployment at 1-80 ms, checkpoint 1 at 5 s, Flat Map (2/2) fails at 12 s
 * (fixed-delay, attempt 1 of 3, restart in 10 s), the job restarts with
 * attempt 1 at 22 s, the run ends at 30 s. */
static FsimTrace *
wordcount_trace (void)
{
  Writer w = { fsim_trace_new (), 0 };
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.label = "Socket Window WordCount";
  r.why = "Dispatcher.submitJob";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_SUBMITTED), r);
  job_status (&w, NULL, "INITIALIZING");
  for (int s = 0; s < 2; s++)
    {
      FsimTraceRecord sr = FSIM_TRACE_RECORD_INIT;
      sr.taskmanager = 1;
      sr.slot = s;
      sr.label = "TaskManager 1";
      sr.why = "SlotReport of a registering TaskManager";
      rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_REGISTERED), sr);
    }
  w.now = 1000;
  job_status (&w, "INITIALIZING", "CREATED");
  each_subtask (&w, 0, to_created);
  job_status (&w, "CREATED", "RUNNING");
  each_subtask (&w, 0, to_scheduled);
  w.now = 52000;
  each_subtask (&w, 0, to_deploying);
  w.now = 60000;
  each_subtask (&w, 0, to_initializing);
  w.now = 80000;
  each_subtask (&w, 0, to_running);
  w.now = 5000000;
  checkpoint (&w, 1, TRUE);
  w.now = 12000000;
  exec_state (&w, 1, 1, 0, "RUNNING", "FAILED", "fault plan: at 12 s fail \"Flat Map\" subtask 1");
  failover (&w, 1, 6, 10000000, 3);   /* fixed-delay: 3 attempts, 10 s */
  job_status (&w, "RUNNING", "RESTARTING");
  w.now = 22000000;
  job_status (&w, "RESTARTING", "RUNNING");
  exec_state (&w, 1, 1, 1, NULL, "CREATED", "a new Execution attempt for the restart");
  w.now = 30000000;
  FsimTraceRecord end = FSIM_TRACE_RECORD_INIT;
  end.why = "sim.duration reached";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_RUN_END), end);
  return w.trace;
}

typedef struct {
  FsimJob *job;
  FsimJobGraph *jg;
  FsimTrace *trace;
  FsimTui *tui;
  FsimTuiGrid *grid;
} Fixture;

static void
fixture_init (Fixture *f, int w, int h)
{
  g_autoptr (GError) error = NULL;
  f->job = fsim_job_import_plan_json (wordcount_plan, "wordcount.json", &error);
  ck_assert_msg (f->job != NULL, "%s", error ? error->message : "?");
  f->jg = fsim_job_graph_new_for_job (f->job, &error);
  ck_assert_msg (f->jg != NULL, "%s", error ? error->message : "?");
  f->trace = wordcount_trace ();
  f->tui = fsim_tui_new (f->trace, f->jg, "Socket Window WordCount");
  f->grid = fsim_tui_grid_new (w, h);
}

static void
fixture_clear (Fixture *f)
{
  fsim_tui_grid_free (f->grid);
  fsim_tui_free (f->tui);
  fsim_trace_unref (f->trace);
  fsim_job_graph_free (f->jg);
  fsim_job_free (f->job);
}

static char *
screen (Fixture *f)
{
  fsim_tui_draw (f->tui, f->grid);
  return fsim_tui_grid_to_text (f->grid, FALSE);
}

#define EXECUTION_STATE FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)

/* The seq of the first record of a kind, label and state entered. */
static gint64
find (FsimTrace *trace, FsimTraceKind kind, const char *label, const char *to)
{
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == kind
          && (label == NULL || g_strcmp0 (r->label, label) == 0)
          && (to == NULL || g_strcmp0 (fsim_trace_record_to_name (r), to) == 0))
        return i;
    }
  ck_abort_msg ("no %s record for %s -> %s", kind->name, label, to);
  return -1;
}

/* ------------------------------------------------------------------------ */
/* grid                                                                       */

START_TEST (test_grid_print_clips_with_ellipsis)
{
  g_autoptr (FsimTuiGrid) g = fsim_tui_grid_new (10, 2);
  FsimTuiArea a = fsim_tui_area (g);
  ck_assert_int_eq (fsim_tui_print (a, 0, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, "Flat Map"), 8);
  ck_assert_int_eq (fsim_tui_print (a, 2, 1, -1, FSIM_TUI_ROLE_DEFAULT, 0, "Keyed Aggregation"), 8);
  g_autofree char *text = fsim_tui_grid_to_text (g, FALSE);
  ck_assert_str_eq (text, "Flat Map\n  Keyed A\u2026\n");
  g_autofree char *ascii = fsim_tui_grid_to_text (g, TRUE);
  ck_assert_str_eq (ascii, "Flat Map\n  Keyed A~\n");
}
END_TEST

/* A double-width character takes two cells; one that does not fit is cut. */
START_TEST (test_grid_wide_characters)
{
  g_autoptr (FsimTuiGrid) g = fsim_tui_grid_new (6, 1);
  FsimTuiArea a = fsim_tui_area (g);
  ck_assert_int_eq (fsim_tui_text_width ("\u5b57\u6570"), 4);
  ck_assert_int_eq (fsim_tui_print (a, 0, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, "a\u5b57\u6570\u5b57"), 6);
  g_autofree char *text = fsim_tui_grid_to_text (g, FALSE);
  ck_assert_str_eq (text, "a\u5b57\u6570\u2026\n");
}
END_TEST

/* A label and its text: English puts a space after "Question:"; Chinese
 * writes none after the full-width colon (U+FF1A is a wide character,
 * the space is in the glyph). */
START_TEST (test_labelled_text)
{
  g_autofree char *en = fsim_viz_labelled ("Question:", "Why?");
  ck_assert_str_eq (en, "Question: Why?");
  g_autofree char *zh = fsim_viz_labelled ("\u95ee\u9898\uff1a", "\u4e3a\u4ec0\u4e48\uff1f");
  ck_assert_str_eq (zh, "\u95ee\u9898\uff1a\u4e3a\u4ec0\u4e48\uff1f");
  g_autofree char *empty = fsim_viz_labelled ("", "x");
  ck_assert_str_eq (empty, " x");
}
END_TEST

START_TEST (test_grid_box_and_areas)
{
  g_autoptr (FsimTuiGrid) g = fsim_tui_grid_new (12, 4);
  FsimTuiArea a = fsim_tui_area_sub (fsim_tui_area (g), 1, 0, 10, 4);
  fsim_tui_box (a, "Step", FALSE);
  FsimTuiArea in = fsim_tui_area_inner (a);
  ck_assert_int_eq (in.w, 8);
  ck_assert_int_eq (in.h, 2);
  /* drawing inside is clipped to the inside */
  fsim_tui_print (in, 0, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, "0123456789");
  fsim_tui_print (in, 0, 5, -1, FSIM_TUI_ROLE_DEFAULT, 0, "outside");
  g_autofree char *ascii = fsim_tui_grid_to_text (g, TRUE);
  ck_assert_str_eq (ascii,
                    " +- Step -+\n"
                    " |0123456~|\n"
                    " |        |\n"
                    " +--------+\n");
  fsim_tui_box (a, NULL, TRUE);
  g_autofree char *focused = fsim_tui_grid_to_text (g, FALSE);
  ck_assert (g_str_has_prefix (focused, " \u250f\u2501"));
}
END_TEST

START_TEST (test_grid_wrap)
{
  g_autoptr (FsimTuiGrid) g = fsim_tui_grid_new (20, 4);
  FsimTuiArea a = fsim_tui_area (g);
  int rows = fsim_tui_print_wrapped (a, 0, 0, 2, 3, FSIM_TUI_ROLE_WHY, 0,
                                     "why: every slot of the bulk arrived at once");
  ck_assert_int_eq (rows, 3);
  g_autofree char *text = fsim_tui_grid_to_text (g, FALSE);
  ck_assert_str_eq (text, "why: every slot of\n  the bulk arrived\n  at once\n\n");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* history: what is shown at cursor i comes from records 0..i                 */

START_TEST (test_history_state_at_cursor)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  FsimTuiHistory *h = f.tui->history;
  g_autofree char *map2 = subtask_label (1, 1, 0);
  gint64 deploy = find (f.trace, EXECUTION_STATE, map2, "DEPLOYING");
  const FsimTuiSubtask *s = fsim_tui_history_find_subtask (h, 1, 1);
  ck_assert_ptr_nonnull (s);
  /* one record before: SCHEDULED, already in its slot (slot-assigned came first) */
  const FsimTuiSnapshot *before = fsim_tui_subtask_at (s, deploy - 1, G_MAXINT64);
  ck_assert_int_eq (before->state, FSIM_EXECUTION_SCHEDULED);
  ck_assert_int_eq (before->taskmanager, 1);
  ck_assert_int_eq (before->slot, 1);
  const FsimTuiSnapshot *at = fsim_tui_subtask_at (s, deploy, G_MAXINT64);
  ck_assert_int_eq (at->state, FSIM_EXECUTION_DEPLOYING);
  /* by time: at 40 ms, before any slot arrived, it was SCHEDULED */
  const FsimTuiSnapshot *t40 = fsim_tui_subtask_at (s, G_MAXINT64, 40000);
  ck_assert_int_eq (t40->state, FSIM_EXECUTION_SCHEDULED);
  ck_assert_int_eq (t40->slot, -1);
  /* the failure and the restart with attempt 1 */
  const FsimTuiSnapshot *end = fsim_tui_subtask_at (s, G_MAXINT64, G_MAXINT64);
  ck_assert_int_eq (end->attempt, 1);
  ck_assert_int_eq (end->state, FSIM_EXECUTION_CREATED);
  ck_assert_int_eq (end->mark, FSIM_TUI_MARK_RESTART);
  ck_assert_int_eq (end->slot, -1);     /* a new attempt starts without a slot */
  ck_assert_str_eq (end->label, "Flat Map (2/2)#1");
  /* job-level lists */
  ck_assert_uint_eq (fsim_tui_history_count_upto (h, FSIM_TUI_LIST_CHECKPOINT_COMPLETED,
                                                  G_MAXINT64), 1);
  ck_assert_uint_eq (fsim_tui_history_count_upto (h, FSIM_TUI_LIST_FAILOVER, G_MAXINT64), 1);
  ck_assert_uint_eq (fsim_tui_history_count_upto (h, FSIM_TUI_LIST_FAILOVER, deploy), 0);
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_tui_history_last (h, FSIM_TUI_LIST_JOB_STATUS, deploy)), "RUNNING");
  fixture_clear (&f);
}
END_TEST

/* Stepping back is moving the cursor: after k steps forward and k back the
 * screen is the same bytes, at every position of the trace. */
START_TEST (test_step_back_restores_screen)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  gint64 n = fsim_trace_count (f.trace);
  for (gint64 i = 0; i < n; i += 7)
    {
      fsim_tui_set_cursor (f.tui, i);
      g_autofree char *before = screen (&f);
      for (int k = 0; k < 5; k++)
        fsim_tui_handle_key (f.tui, 'n');
      for (int k = 0; k < 5; k++)
        fsim_tui_handle_key (f.tui, 'b');
      if (f.tui->cursor != i)
        continue;               /* stopped at the end of the trace */
      g_autofree char *after = screen (&f);
      ck_assert_str_eq (before, after);
    }
  fixture_clear (&f);
}
END_TEST

/* The timeline groups rows by (TaskManager, slot) as the trace placed them:
 * subtask i of every vertex in shared slot i (SlotSharingExecutionSlotAllocator
 * with LocalInputPreferredSlotSharingStrategy, default group). */
START_TEST (test_rows_grouped_by_slot)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  g_autofree char *sink = subtask_label (3, 0, 0);
  fsim_tui_set_cursor (f.tui, find (f.trace, EXECUTION_STATE, sink, "RUNNING"));
  g_autoptr (GArray) rows = fsim_tui_rows (f.tui);
  /* heading, 4 subtasks of slot 0, heading, 2 subtasks of slot 1 */
  ck_assert_uint_eq (rows->len, 8);
  const FsimTuiRow *r = (const FsimTuiRow *) rows->data;
  ck_assert_ptr_null (r[0].subtask);
  ck_assert_int_eq (r[0].taskmanager, 1);
  ck_assert_int_eq (r[0].slot, 0);
  for (int i = 1; i <= 4; i++)
    {
      ck_assert_int_eq (r[i].subtask->vertex, i - 1);  /* source to sink */
      ck_assert_int_eq (r[i].subtask->subtask, 0);
    }
  ck_assert_ptr_null (r[5].subtask);
  ck_assert_int_eq (r[5].slot, 1);
  ck_assert_int_eq (r[6].subtask->vertex, 1);
  ck_assert_int_eq (r[7].subtask->vertex, 2);
  /* before any slot arrived all six wait in one group */
  fsim_tui_goto (f.tui, "40 ms");
  g_autoptr (GArray) waiting = fsim_tui_rows (f.tui);
  ck_assert_uint_eq (waiting->len, 7);
  ck_assert_int_eq (g_array_index (waiting, FsimTuiRow, 0).taskmanager, -1);
  fixture_clear (&f);
}
END_TEST

/* The timeline shows nothing after the cursor: that has not happened yet. */
START_TEST (test_timeline_has_no_future)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  g_autofree char *source = subtask_label (0, 0, 0);
  fsim_tui_set_cursor (f.tui, find (f.trace, EXECUTION_STATE, source, "DEPLOYING"));
  g_autofree char *text = screen (&f);
  /* the source was just deployed; nothing RUNNING (█) or INITIALIZING (▓) yet */
  ck_assert_ptr_null (strstr (text, "\u2588"));
  ck_assert_ptr_null (strstr (text, "\u2593"));
  ck_assert_ptr_nonnull (strstr (text, "\u2592"));
  fixture_clear (&f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* keys                                                                       */

/* The issue's keys, each bound, each with help text, no key bound twice. */
START_TEST (test_key_table)
{
  const int required[] = { ' ', 'n', 'b', 'N', 's', 'c', 'C', 'f', 'F', 'g', '/',
                           FSIM_KEY_TAB, FSIM_KEY_UP, FSIM_KEY_DOWN, FSIM_KEY_LEFT,
                           FSIM_KEY_RIGHT, FSIM_KEY_PAGE_UP, FSIM_KEY_PAGE_DOWN, '+', '-',
                           FSIM_KEY_ENTER, 'r', '?', 'q' };
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const FsimTuiBinding *b = fsim_tui_binding_for_key (required[i]);
      ck_assert_msg (b && b->run && b->help && *b->help, "key %d unbound", required[i]);
    }
  guint n;
  const FsimTuiBinding *all = fsim_tui_bindings (&n);
  for (guint i = 0; i < n; i++)
    for (int k = 0; k < 4 && all[i].keys[k]; k++)
      ck_assert_ptr_eq (fsim_tui_binding_for_key (all[i].keys[k]), &all[i]);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The lesson mode (tui-lesson.c): a tour of steps over the run              */

typedef struct {
  guint calls, last_step;
  char *last_answer;
} Judged;

static char *
judge_finished (guint step, const char *answer, gboolean *right, gpointer data)
{
  Judged *j = data;
  j->calls++;
  j->last_step = step;
  g_free (j->last_answer);
  j->last_answer = g_strdup (answer);
  *right = g_str_equal (answer, "b") || g_str_equal (answer, "FINISHED");
  return g_strdup (*right ? "Right." : "Not quite. The run says: FINISHED\nThe sink ran out of input.");
}

START_TEST (test_lesson_tour_steps_and_answers)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  gint64 running = find (f.trace, EXECUTION_STATE, "Flat Map (1/2)#0", "RUNNING");
  static const char *const choices[] = { "RUNNING", "FINISHED", "FAILED", NULL };
  FsimVizTourStep steps[] = {
    { .cursor = 0, .text = "The job is submitted:\nthe JobManager has it." },
    { .cursor = running, .text = "Flat Map runs.", .question = "What state does the sink end in?",
      .choices = choices },
  };
  Judged judged = { 0 };
  FsimVizTour tour = { .title = "A lesson", .n_steps = 2, .steps = steps,
                       .judge = judge_finished, .judge_data = &judged };

  /* no tour: the lesson keys say where they work, and are not hinted */
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, ']'), FSIM_TUI_REDRAW);
  g_autofree char *plain = screen (&f);
  ck_assert_ptr_nonnull (strstr (plain, "] works in a lesson"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  g_free (plain);
  plain = screen (&f);
  ck_assert_ptr_null (strstr (plain, "next step"));

  fsim_tui_set_tour (f.tui, &tour);
  ck_assert_int_eq (f.tui->cursor, 0);
  g_autofree char *s1 = screen (&f);
  ck_assert_ptr_nonnull (strstr (s1, "Lesson: A lesson \u00b7 Step 1 of 2"));
  /* lines of a text joined into one paragraph */
  ck_assert_ptr_nonnull (strstr (s1, "The job is submitted: the JobManager has it."));
  ck_assert_ptr_nonnull (strstr (s1, "] next step"));
  ck_assert_ptr_null (strstr (s1, "The last step"));
  /* nothing asked here */
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'a'), FSIM_TUI_REDRAW);
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  ck_assert_str_eq (f.tui->message, "this step asks nothing; ] goes to the next one");

  /* ] : the next step, the cursor on its record */
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, ']'), FSIM_TUI_REDRAW);
  ck_assert_int_eq (f.tui->cursor, running);
  g_autofree char *s2 = screen (&f);
  ck_assert_ptr_nonnull (strstr (s2, "Step 2 of 2"));
  ck_assert_ptr_nonnull (strstr (s2, "Question: What state does the sink end in?"));
  ck_assert_ptr_nonnull (strstr (s2, "  b) FINISHED"));
  ck_assert_ptr_nonnull (strstr (s2, "a: type your answer"));
  /* the score: one question, not answered yet */
  ck_assert_ptr_nonnull (strstr (s2, "The last step of the lesson: 0 of 1 question answered "
                                     "right; q quits."));
  ck_assert_ptr_nonnull (strstr (s2, "Step 2 of 2 \u00b7 0 of 1 right"));
  fsim_tui_handle_key (f.tui, ']');
  ck_assert_str_eq (f.tui->message, "the last step of the lesson; [ goes back, q quits");
  ck_assert_int_eq (f.tui->cursor, running);

  /* the usual keys: n steps on, and the pane says where the step is */
  fsim_tui_handle_key (f.tui, 'n');
  ck_assert_int_gt (f.tui->cursor, running);
  g_autofree char *s3 = screen (&f);
  g_autofree char *away = g_strdup_printf ("The cursor is at #%" G_GINT64_FORMAT
                                           "; this step stops at #%" G_GINT64_FORMAT,
                                           f.tui->cursor, running);
  ck_assert_ptr_nonnull (strstr (s3, away));

  /* a wrong answer typed inline: q is a letter there, not quit */
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'a'), FSIM_TUI_REDRAW);
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_PROMPT_ANSWER);
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'q'), FSIM_TUI_REDRAW);
  fsim_tui_handle_key (f.tui, FSIM_KEY_BACKSPACE);
  fsim_tui_handle_key (f.tui, 'c');
  g_autofree char *typing = screen (&f);
  ck_assert_ptr_nonnull (strstr (typing, "Your answer: c"));
  ck_assert_ptr_nonnull (strstr (typing, "Enter submit the answer  Esc cancel"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_ENTER);
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  ck_assert_uint_eq (judged.calls, 1);
  ck_assert_uint_eq (judged.last_step, 1);
  ck_assert_str_eq (judged.last_answer, "c");
  g_autofree char *wrong = screen (&f);
  ck_assert_ptr_nonnull (strstr (wrong, "Not quite. The run says: FINISHED"));
  ck_assert_ptr_nonnull (strstr (wrong, "The sink ran out of input."));

  /* Esc cancels without judging; then the right one */
  fsim_tui_handle_key (f.tui, 'a');
  fsim_tui_handle_key (f.tui, 'x');
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  ck_assert_uint_eq (judged.calls, 1);
  fsim_tui_handle_key (f.tui, 'a');
  fsim_tui_handle_key (f.tui, 'b');
  fsim_tui_handle_key (f.tui, FSIM_KEY_ENTER);
  ck_assert_uint_eq (judged.calls, 2);
  g_autofree char *right = screen (&f);
  ck_assert_ptr_nonnull (strstr (right, "Your answer: b"));
  ck_assert_ptr_nonnull (strstr (right, "Right."));
  ck_assert_ptr_null (strstr (right, "Not quite."));
  /* the wrong answer before counts no more: the last answer is the score */
  ck_assert_ptr_nonnull (strstr (right, "1 of 1 right"));
  /* the verdict's role: good */
  const char *at = strstr (right, "Right.");
  int row = 0;
  for (const char *p = right; p < at; p++)
    row += *p == '\n';
  const char *line = at;
  while (line > right && line[-1] != '\n')
    line--;
  int col = fsim_viz_text_width_len (line, at - line);
  ck_assert_int_eq (fsim_tui_grid_cell (f.grid, col, row)->role, FSIM_TUI_ROLE_GOOD);

  /* no what-if in a lesson, and it says why */
  fsim_tui_handle_key (f.tui, 'x');
  ck_assert_str_eq (f.tui->message, "no what-if in a lesson: its steps are records of this one run");
  ck_assert_uint_eq (fsim_tui_n_runs (f.tui), 1);

  /* [ : back to the first step and its record */
  fsim_tui_handle_key (f.tui, '[');
  ck_assert_int_eq (f.tui->cursor, 0);
  fsim_tui_handle_key (f.tui, '[');
  ck_assert_str_eq (f.tui->message, "the first step of the lesson; ] goes on");

  /* the help lists the lesson keys first, in a lesson */
  fsim_tui_handle_key (f.tui, '?');
  g_autoptr (FsimTuiGrid) big = fsim_tui_grid_new (200, 100);
  fsim_tui_draw (f.tui, big);
  g_autofree char *help = fsim_tui_grid_to_text (big, FALSE);
  const char *lesson = strstr (help, "In a lesson (flinksim lesson N)");
  ck_assert_ptr_nonnull (lesson);
  ck_assert_ptr_nonnull (strstr (help, "the lesson's previous step"));
  ck_assert (lesson < strstr (help, "Step through the run"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);        /* any key closes the help */
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'q'), FSIM_TUI_QUIT);
  g_free (judged.last_answer);
  fixture_clear (&f);
}
END_TEST

/* The role of the first cell of the first place the grid spells word
 * (ASCII) in, or -1. */
static int
role_of_word (const FsimTuiGrid *grid, const char *word)
{
  int n = (int) strlen (word);
  for (int y = 0; y < fsim_tui_grid_height (grid); y++)
    for (int x = 0; x + n <= fsim_tui_grid_width (grid); x++)
      {
        int i = 0;
        while (i < n && fsim_tui_grid_cell (grid, x + i, y)->ch == (gunichar) word[i])
          i++;
        if (i == n)
          return fsim_tui_grid_cell (grid, x, y)->role;
      }
  return -1;
}

/* A step's show: pane and highlights (docs/lessons.md, "show:" and
 * "highlight:"): each step opens its pane as its key would (Tab to the
 * JobGraph, h, e, Enter, the step pane), selects its first highlighted
 * subtask, and marks its subjects with a diamond in the lesson's role:
 * every subtask of a highlighted vertex, both ends of a highlighted
 * channel and the JobEdge it runs on, nothing else. ] and [ open them
 * again. */
static gboolean
marked (const char *text, const char *label)
{
  g_autofree char *with = g_strdup_printf ("\u25C6%s", label);
  return strstr (text, with) != NULL;
}

START_TEST (test_lesson_tour_panes_and_highlights)
{
  Fixture f;
  fixture_init (&f, 140, 50);
  gint64 trigger = find (f.trace, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED), NULL,
                         NULL);
  static const FsimVizSubject flat_map[] = {
    { .vertex = 1, .subtask = -1, .to_vertex = -1, .to_subtask = -1 },
  };
  static const FsimVizSubject channel[] = {
    { .vertex = 1, .subtask = 1, .to_vertex = 2, .to_subtask = 0 },
  };
  static const FsimVizSubject window2[] = {
    { .vertex = 2, .subtask = 1, .to_vertex = -1, .to_subtask = -1 },
  };
  FsimVizTourStep steps[] = {
    { .cursor = trigger, .text = "The graph.", .pane = FSIM_VIZ_PANE_GRAPH,
      .highlights = flat_map, .n_highlights = 1, .highlight_text = "Look at: the task Flat Map" },
    { .cursor = trigger, .text = "Checkpoints.", .pane = FSIM_VIZ_PANE_CHECKPOINTS,
      .highlights = channel, .n_highlights = 1 },
    { .cursor = trigger, .text = "The channel's edge.", .pane = FSIM_VIZ_PANE_GRAPH,
      .highlights = channel, .n_highlights = 1 },
    { .cursor = trigger, .text = "Event time.", .pane = FSIM_VIZ_PANE_EVENT_TIME },
    { .cursor = trigger, .text = "One subtask.", .pane = FSIM_VIZ_PANE_INSPECT,
      .highlights = window2, .n_highlights = 1 },
    { .cursor = trigger, .text = "The log.", .pane = FSIM_VIZ_PANE_STEP },
    { .cursor = trigger, .text = "The timeline.", .pane = FSIM_VIZ_PANE_TIMELINE },
    { .cursor = trigger, .text = "As it was.", .pane = FSIM_VIZ_PANE_KEEP },
  };
  Judged judged = { 0 };
  FsimVizTour tour = { .title = "Panes", .n_steps = G_N_ELEMENTS (steps), .steps = steps,
                       .judge = judge_finished, .judge_data = &judged };
  /* the checkpoint trigger names no subtask: no row is the current one's */
  ck_assert_int_lt (fsim_trace_get (f.trace, trigger)->subtask, 0);
  fsim_tui_set_tour (f.tui, &tour);

  /* 1: the JobGraph, Flat Map's box and both its subtasks marked */
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_GRAPH);
  ck_assert_int_eq (f.tui->sel_vertex, 1);
  ck_assert_int_eq (f.tui->sel_subtask, 0);
  g_autofree char *s1 = screen (&f);
  ck_assert_ptr_nonnull (strstr (s1, "\u25C6 Look at: the task Flat Map"));
  ck_assert (marked (s1, "Flat Map (1/2)#0"));
  ck_assert (marked (s1, "Flat Map (2/2)#0"));
  ck_assert (!marked (s1, "Source: Socket Stream (1/1)#0"));
  ck_assert_int_eq (role_of_word (f.grid, "Flat Map (2/2)#0"), FSIM_TUI_ROLE_LESSON);
  /* the box's top border carries the mark: "┌─◆" above "Flat Map" */
  ck_assert_ptr_nonnull (strstr (s1, "\u250C\u2500\u25C6\u2500"));

  /* 2: the checkpoint pane; the channel Flat Map (2/2) -> Window (1/2) */
  fsim_tui_handle_key (f.tui, ']');
  ck_assert (f.tui->show_checkpoints);
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_CHECKPOINTS);
  ck_assert_int_eq (f.tui->sel_vertex, 1);
  ck_assert_int_eq (f.tui->sel_subtask, 1);
  g_autofree char *s2 = screen (&f);
  ck_assert (marked (s2, "Flat Map (2/2)#0"));
  ck_assert (!marked (s2, "Flat Map (1/2)#0"));
  ck_assert_ptr_nonnull (strstr (s2, "\u25C6Window("));
  ck_assert_ptr_nonnull (strstr (s2, "(1/2)#0"));
  ck_assert_ptr_null (strstr (s2, "Look at:"));

  /* 3: back to the JobGraph; the HASH edge Flat Map -> Window is marked,
   * the other edges are not */
  fsim_tui_handle_key (f.tui, ']');
  ck_assert (!f.tui->show_checkpoints);
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_GRAPH);
  g_autofree char *s3 = screen (&f);
  ck_assert_ptr_nonnull (strstr (s3, "\u25C6 \u25BC HASH"));
  ck_assert_ptr_null (strstr (s3, "\u25C6 \u25BC REBALANCE"));

  /* 4: the event-time pane */
  fsim_tui_handle_key (f.tui, ']');
  ck_assert (f.tui->show_event_time);
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_EVENT_TIME);

  /* 5: inspect Window's second subtask */
  fsim_tui_handle_key (f.tui, ']');
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_INSPECT);
  ck_assert_int_eq (f.tui->sel_vertex, 2);
  ck_assert_int_eq (f.tui->sel_subtask, 1);

  /* 6: the step pane (the log), inspect closed */
  fsim_tui_handle_key (f.tui, ']');
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_STEP);

  /* 7: the timeline; 8 keeps what the learner has open */
  fsim_tui_handle_key (f.tui, ']');
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_TIMELINE);
  fsim_tui_handle_key (f.tui, FSIM_KEY_TAB);
  FsimTuiPane chosen = f.tui->focus;
  fsim_tui_handle_key (f.tui, ']');
  ck_assert_int_eq (f.tui->focus, chosen);
  g_autofree char *s8 = screen (&f);
  ck_assert_ptr_null (strstr (s8, "\u25C6"));

  /* [ opens a step's pane again: step 5's inspect view */
  for (int i = 0; i < 3; i++)
    fsim_tui_handle_key (f.tui, '[');
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_INSPECT);
  fixture_clear (&f);
}
END_TEST

/* A narration longer than the pane scrolls: } a page down, { back up, the
 * border says which way there is more; a step that fits says so. */
START_TEST (test_lesson_pane_scrolls)
{
  Fixture f;
  fixture_init (&f, 80, 24);
  GString *text = g_string_new (NULL);
  for (int i = 1; i <= 30; i++)
    g_string_append_printf (text, "Line%02d of a long narration.\n", i);
  FsimVizTourStep steps[] = {
    { .cursor = 0, .text = text->str },
    { .cursor = 0, .text = "Short." },
  };
  Judged judged = { 0 };
  FsimVizTour tour = { .title = "Long", .n_steps = 2, .steps = steps,
                       .judge = judge_finished, .judge_data = &judged };
  fsim_tui_set_tour (f.tui, &tour);
  g_autofree char *top = screen (&f);
  ck_assert_ptr_nonnull (strstr (top, "Line01"));
  ck_assert_ptr_null (strstr (top, "Line30"));
  ck_assert_ptr_nonnull (strstr (top, "\u2193 more (})"));
  fsim_tui_handle_key (f.tui, '}');
  g_autofree char *down = screen (&f);
  ck_assert_ptr_null (strstr (down, "Line01"));
  ck_assert_ptr_nonnull (strstr (down, "\u2191 { more } \u2193"));
  for (int i = 0; i < 30; i++)
    fsim_tui_handle_key (f.tui, '}');
  g_autofree char *end = screen (&f);
  ck_assert_ptr_nonnull (strstr (end, "Line30"));
  ck_assert_ptr_nonnull (strstr (end, "more above ({)"));
  ck_assert_int_eq (f.tui->drawn.lesson_first,
                    f.tui->drawn.lesson_rows - f.tui->drawn.lesson_page);
  for (int i = 0; i < 30; i++)
    fsim_tui_handle_key (f.tui, '{');
  g_autofree char *back = screen (&f);
  ck_assert_ptr_nonnull (strstr (back, "Line01"));
  fsim_tui_handle_key (f.tui, ']');
  g_free (screen (&f));
  fsim_tui_handle_key (f.tui, '}');
  ck_assert_str_eq (f.tui->message, "the lesson pane shows all of this step");
  g_string_free (text, TRUE);
  fixture_clear (&f);
}
END_TEST

/* J shows the tour's job in the lesson pane, its lines numbered from 1 as
 * the plain lesson lists them (lessons-course.c), the step's narration
 * out of view; } scrolls a job longer than the pane; J, a step key or a
 * (the answer line must be seen) bring the step back; the hint line names
 * J in a lesson only, and a tour without a job says so. */
START_TEST (test_lesson_pane_shows_job)
{
  Fixture f;
  fixture_init (&f, 80, 24);
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'J'), FSIM_TUI_REDRAW);
  ck_assert_str_eq (f.tui->message, "J works in a lesson (flinksim lesson N); ? lists the keys");
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  g_autofree char *plain = screen (&f);
  ck_assert_ptr_null (strstr (plain, "J job"));
  GString *job = g_string_new ("job \"Thirty\"\n");
  for (int i = 2; i <= 30; i++)
    g_string_append_printf (job, "set sim.note%02d = %d\n", i, i);
  static const char *const choices[] = { "yes", "no", NULL };
  FsimVizTourStep steps[] = {
    { .cursor = 0, .text = "The narration of step one." },
    { .cursor = 0, .text = "Step two.", .question = "Chained?", .choices = choices },
  };
  Judged judged = { 0 };
  FsimVizTour tour = { .title = "Job", .n_steps = 2, .steps = steps, .judge = judge_finished,
                       .judge_data = &judged, .job_source = job->str };
  fsim_tui_set_tour (f.tui, &tour);
  g_autofree char *step = screen (&f);
  ck_assert_ptr_nonnull (strstr (step, "J job"));
  ck_assert_ptr_nonnull (strstr (step, "The narration of step one."));
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'J'), FSIM_TUI_REDRAW);
  g_autofree char *shown = screen (&f);
  ck_assert_ptr_null (strstr (shown, "The narration of step one."));
  ck_assert_ptr_nonnull (strstr (shown, "The job this lesson runs (J goes back to the step):"));
  ck_assert_ptr_nonnull (strstr (shown, "   1 | job \"Thirty\""));
  ck_assert_ptr_nonnull (strstr (shown, "   2 | set sim.note02 = 2"));
  ck_assert_ptr_null (strstr (shown, "  30 | set sim.note30 = 30"));
  ck_assert_ptr_nonnull (strstr (shown, "\u2193 more (})"));
  for (int i = 0; i < 10; i++)
    fsim_tui_handle_key (f.tui, '}');
  g_autofree char *end = screen (&f);
  ck_assert_ptr_nonnull (strstr (end, "  30 | set sim.note30 = 30"));
  ck_assert_ptr_null (strstr (end, "  31 |"));     /* the last newline is no line */
  ck_assert_ptr_null (strstr (end, "   1 | job"));
  /* J again: the step */
  fsim_tui_handle_key (f.tui, 'J');
  g_autofree char *back = screen (&f);
  ck_assert_ptr_nonnull (strstr (back, "The narration of step one."));
  ck_assert_ptr_null (strstr (back, "The job this lesson runs"));
  /* ] opens the next step as it is, not the job */
  fsim_tui_handle_key (f.tui, 'J');
  fsim_tui_handle_key (f.tui, ']');
  g_autofree char *two = screen (&f);
  ck_assert_ptr_nonnull (strstr (two, "Question: Chained?"));
  /* a, from the job: the question and the answer line */
  fsim_tui_handle_key (f.tui, 'J');
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'a'), FSIM_TUI_REDRAW);
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_PROMPT_ANSWER);
  g_autofree char *asking = screen (&f);
  ck_assert_ptr_nonnull (strstr (asking, "Your answer:"));
  ck_assert_ptr_null (strstr (asking, "The job this lesson runs"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  /* no job to show */
  FsimVizTour bare = { .title = "Bare", .n_steps = 2, .steps = steps, .judge = judge_finished,
                       .judge_data = &judged };
  fsim_tui_set_tour (f.tui, &bare);
  fsim_tui_handle_key (f.tui, 'J');
  ck_assert_str_eq (f.tui->message, "this lesson has no job text to show");
  g_string_free (job, TRUE);
  g_free (judged.last_answer);
  fixture_clear (&f);
}
END_TEST

/* The rows of the step pane above its current record (the ▶ row), in
 * screen order. (transfer full) */
static GPtrArray *
step_list_rows (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in = FALSE;
  for (guint i = 0; lines[i]; i++)
    {
      if (strstr (lines[i], "\u250f\u2501 Step #"))
        in = TRUE;
      else if (in && strstr (lines[i], "\u25b6"))
        break;
      else if (in)
        g_ptr_array_add (rows, g_strdup (lines[i]));
    }
  return rows;
}

/* A step's show: log KIND (FsimVizTourStep.log_kind): the step pane lists
 * only that kind's records before the cursor, as plain mode and `flinksim
 * run`'s filter pick them (FsimTraceFilter.kind), and its title says so;
 * the next step, without one, lists every record again. The fixture's
 * trace has five job-status records (wordcount_trace: INITIALIZING,
 * CREATED, RUNNING, RESTARTING, RUNNING), all before its last record. */
START_TEST (test_lesson_step_log_kind)
{
  Fixture f;
  fixture_init (&f, 160, 60);
  gint64 last = fsim_trace_count (f.trace) - 1;
  FsimVizTourStep steps[] = {
    { .cursor = last, .text = "Job status.", .pane = FSIM_VIZ_PANE_STEP,
      .log_kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_STATUS) },
    { .cursor = last, .text = "Everything.", .pane = FSIM_VIZ_PANE_STEP },
  };
  Judged judged = { 0 };
  FsimVizTour tour = { .title = "Kinds", .n_steps = 2, .steps = steps, .judge = judge_finished,
                       .judge_data = &judged };
  fsim_tui_set_tour (f.tui, &tour);
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_STEP);
  g_autofree char *kind = screen (&f);
  ck_assert_ptr_nonnull (strstr (kind, "only the job-status records (the lesson step's show:)"));
  g_autoptr (GPtrArray) rows = step_list_rows (kind);
  static const char *const want[] = { "job-status \u2192 INITIALIZING",
                                      "job-status INITIALIZING \u2192 CREATED",
                                      "job-status CREATED \u2192 RUNNING",
                                      "job-status RUNNING \u2192 RESTARTING",
                                      "job-status RESTARTING \u2192 RUNNING" };
  guint listed = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);
      if (strstr (row, " s  ") == NULL)
        continue;               /* a blank row above the list */
      ck_assert_uint_lt (listed, G_N_ELEMENTS (want));
      ck_assert_msg (strstr (row, want[listed]) != NULL, "row %u: %s", listed, row);
      listed++;
    }
  ck_assert_uint_eq (listed, G_N_ELEMENTS (want));
  /* the next step lists every record: execution states among them */
  fsim_tui_handle_key (f.tui, ']');
  g_autofree char *all = screen (&f);
  ck_assert_ptr_null (strstr (all, "only the job-status records"));
  g_autoptr (GPtrArray) every = step_list_rows (all);
  gboolean states = FALSE;
  for (guint i = 0; i < every->len; i++)
    states |= strstr (g_ptr_array_index (every, i), "job-status") == NULL
              && strstr (g_ptr_array_index (every, i), " s  ") != NULL;
  ck_assert (states);
  g_free (judged.last_answer);
  fixture_clear (&f);
}
END_TEST

/* The help screen is drawn from the table: every binding's keys and help. */
START_TEST (test_help_lists_every_binding)
{
  Fixture f;
  fixture_init (&f, 200, 90);   /* wide enough that no help line wraps */
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, '?'), FSIM_TUI_REDRAW);
  g_autofree char *text = screen (&f);
  guint n;
  const FsimTuiBinding *all = fsim_tui_bindings (&n);
  for (guint i = 0; i < n; i++)
    {
      ck_assert_msg (strstr (text, all[i].help) != NULL, "help lacks '%s'", all[i].help);
      ck_assert_msg (strstr (text, all[i].label) != NULL, "help lacks '%s'", all[i].label);
    }
  ck_assert_ptr_nonnull (strstr (text, "Which subtasks share a slot?"));
  /* any other key closes it */
  fsim_tui_handle_key (f.tui, 'x');
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'q'), FSIM_TUI_QUIT);
  fixture_clear (&f);
}
END_TEST

static void
type (FsimTui *tui, const char *keys)
{
  for (const char *p = keys; *p; p = g_utf8_next_char (p))
    fsim_tui_handle_key (tui, (int) g_utf8_get_char (p));
}

START_TEST (test_goto_time_and_record)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  FsimTrace *t = f.trace;
  /* g 5 s: the last record at or before 5 s (the checkpoint trigger at 5 s) */
  type (f.tui, "g5 s\n");
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  ck_assert_int_eq (fsim_trace_get (t, f.tui->cursor)->time_us, 5000000);
  ck_assert_int_lt (fsim_trace_get (t, f.tui->cursor + 1)->time_us, 5000000 + 1 + 2000);
  ck_assert_int_gt (fsim_trace_get (t, f.tui->cursor + 1)->time_us, 5000000);
  /* a bare number is milliseconds, as in Flink's TimeUtils.parseDuration */
  type (f.tui, "g55\n");
  ck_assert_int_eq (fsim_trace_get (t, f.tui->cursor)->time_us, 52000);
  type (f.tui, "g60ms\n");
  ck_assert_int_eq (fsim_trace_get (t, f.tui->cursor)->time_us, 60000);
  ck_assert_int_gt (fsim_trace_get (t, f.tui->cursor + 1)->time_us, 60000);
  type (f.tui, "g#3\n");
  ck_assert_int_eq (f.tui->cursor, 3);
  /* a bad time leaves the cursor and says what would work */
  type (f.tui, "gsoon\n");
  ck_assert_int_eq (f.tui->cursor, 3);
  ck_assert_ptr_nonnull (strstr (f.tui->message, "not a time: "));
  /* the one duration syntax of --until and the job file: TimeUtils takes
   * no fractions */
  type (f.tui, "g0.06s\n");
  ck_assert_int_eq (f.tui->cursor, 3);
  ck_assert_ptr_nonnull (strstr (f.tui->message, "1500 ms"));
  /* Esc cancels the prompt */
  type (f.tui, "g12");
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  ck_assert_int_eq (f.tui->cursor, 3);
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  fixture_clear (&f);
}
END_TEST

START_TEST (test_search_and_jumps)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  FsimTrace *t = f.trace;
  type (f.tui, "/failed\n");
  const FsimTraceRecord *r = fsim_trace_get (t, f.tui->cursor);
  ck_assert_str_eq (fsim_trace_record_to_name (r), "FAILED");
  /* case-insensitive, whys included; Enter on an empty search repeats it */
  type (f.tui, "/SWITCHTORUNNING\n");
  gint64 first = f.tui->cursor;
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_trace_get (t, first)), "RUNNING");
  type (f.tui, "/\n");
  ck_assert_int_gt (f.tui->cursor, first);
  type (f.tui, "/no such thing\n");
  ck_assert_ptr_nonnull (strstr (f.tui->message, "no record mentions"));
  /* c/C: checkpoint events; f/F: failures and restarts */
  fsim_tui_set_cursor (f.tui, 0);
  fsim_tui_handle_key (f.tui, 'c');
  ck_assert_ptr_eq (fsim_trace_get (t, f.tui->cursor)->kind,
                    FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED));
  fsim_tui_handle_key (f.tui, 'f');
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_trace_get (t, f.tui->cursor)), "FAILED");
  fsim_tui_handle_key (f.tui, 'f');
  ck_assert_ptr_eq (fsim_trace_get (t, f.tui->cursor)->kind,
                    FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER));
  fsim_tui_handle_key (f.tui, 'f');
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_trace_get (t, f.tui->cursor)), "RESTARTING");
  fsim_tui_handle_key (f.tui, 'F');
  ck_assert_ptr_eq (fsim_trace_get (t, f.tui->cursor)->kind,
                    FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER));
  fsim_tui_handle_key (f.tui, 'F');
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_trace_get (t, f.tui->cursor)), "FAILED");
  fsim_tui_handle_key (f.tui, 'C');
  ck_assert_ptr_eq (fsim_trace_get (t, f.tui->cursor)->kind,
                    FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED));
  fixture_clear (&f);
}
END_TEST

/* The search matches "SUMMARY KIND WHY", case-folded, as a whole: the
 * matcher that reads folded parts agrees with that text on every record,
 * for needles inside one part and for needles across parts. */
START_TEST (test_search_matches_summary_text)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  static const char *const needles[] = { "running", "Running ", "\u2192 RUNNING", "(2/2)#0",
                                         "#0  scheduled", "taskmanager 1", "failed task", "x" };
  g_autoptr (GHashTable) folded = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                         g_free);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_autoptr (FsimTuiMatcher) m = fsim_tui_matcher_new (needles[i], folded);
      g_autofree char *needle = g_utf8_casefold (needles[i], -1);
      for (gint64 seq = 0; seq < fsim_trace_count (f.trace); seq++)
        {
          const FsimTraceRecord *r = fsim_trace_get (f.trace, seq);
          g_autofree char *summary = fsim_tui_record_summary (f.tui->history, r);
          g_autofree char *text = g_strdup_printf ("%s %s %s", summary, r->kind->name, r->why);
          g_autofree char *folded_text = g_utf8_casefold (text, -1);
          ck_assert_int_eq (fsim_tui_matcher_matches (m, r), strstr (folded_text, needle) != NULL);
        }
    }
  fixture_clear (&f);
}
END_TEST

/* The matcher remembers, per text, whether the needle is in it: with
 * 5000 different labels its table grows several times (it starts at 1024
 * texts, half full at most), and every answer stays right: "l4321" only
 * in one record (a needle with no space: remembered per text), "l4" in the 1111 labels L4, L40..L49, L400..L499,
 * L4000..L4999 (1 + 10 + 100 + 1000), each record once. */
START_TEST (test_search_many_texts)
{
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  for (int i = 0; i < 5000; i++)
    {
      g_autofree char *label = g_strdup_printf ("L%d", i);
      FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
      r.kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_HEARTBEAT);
      r.label = label;
      r.why = "a test";
      fsim_trace_append (trace, i, &r);
    }
  g_autoptr (GHashTable) folded = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                         g_free);
  static const struct {
    const char *needle;
    int matches;
  } cases[] = { { "l4321", 1 }, { "l4", 1111 }, { "l", 5000 }, { "l5000", 0 } };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int pass = 0; pass < 2; pass++)        /* the second pass: remembered answers */
      {
        g_autoptr (FsimTuiMatcher) m = fsim_tui_matcher_new (cases[c].needle, folded);
        for (int twice = 0; twice < 2; twice++)
          {
            int n = 0;
            for (gint64 seq = 0; seq < fsim_trace_count (trace); seq++)
              n += fsim_tui_matcher_matches (m, fsim_trace_get (trace, seq));
            ck_assert_int_eq (n, cases[c].matches);
          }
      }
}
END_TEST

/* s steps to the next record of the selected subtask only. */
START_TEST (test_step_into_subtask)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  fsim_tui_goto (f.tui, "1 ms");
  f.tui->sel_vertex = 2;
  f.tui->sel_subtask = 1;
  fsim_tui_handle_key (f.tui, 's');
  /* at 1 ms everything is SCHEDULED; its next record is getting its slot */
  const FsimTraceRecord *r = fsim_tui_current (f.tui);
  ck_assert_int_eq (r->vertex, 2);
  ck_assert_int_eq (r->subtask, 1);
  ck_assert_ptr_eq (r->kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_ASSIGNED));
  fsim_tui_handle_key (f.tui, 's');
  r = fsim_tui_current (f.tui);
  ck_assert_int_eq (r->subtask, 1);
  ck_assert_str_eq (fsim_trace_record_to_name (r), "DEPLOYING");
  /* b steps back by one record of any subtask */
  fsim_tui_handle_key (f.tui, 'b');
  ck_assert_ptr_eq (fsim_tui_current (f.tui)->kind,
                    FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_ASSIGNED));
  fixture_clear (&f);
}
END_TEST

/* r runs at the chosen speed: 100 ms of simulated time per wall second by
 * default; ticks move the cursor by time, never past the end. */
START_TEST (test_run_continuously)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  ck_assert_int_eq (fsim_tui_speeds[f.tui->speed], 100000);
  fsim_tui_handle_key (f.tui, 'r');
  ck_assert (f.tui->running);
  /* half a wall second = 50 ms simulated: not yet the slots at 52 ms */
  fsim_tui_tick (f.tui, 500000);
  ck_assert_int_eq (fsim_tui_current (f.tui)->time_us, 1000);
  /* 0.6 s = 60 ms: everything up to and at 60 ms happened */
  fsim_tui_tick (f.tui, 100000);
  ck_assert_int_eq (fsim_tui_current (f.tui)->time_us, 60000);
  ck_assert_int_gt (fsim_trace_get (f.trace, f.tui->cursor + 1)->time_us, 60000);
  /* the hint line offers to pause */
  g_autofree char *running = screen (&f);
  ck_assert_ptr_nonnull (strstr (running, "r pause"));
  ck_assert_ptr_null (strstr (running, "r run"));
  /* a key other than the run keys pauses */
  fsim_tui_handle_key (f.tui, 'b');
  ck_assert (!f.tui->running);
  fsim_tui_handle_key (f.tui, 'r');
  fsim_tui_handle_key (f.tui, '>');
  fsim_tui_handle_key (f.tui, '>');
  fsim_tui_handle_key (f.tui, '>');
  fsim_tui_handle_key (f.tui, '>');
  ck_assert (f.tui->running);
  for (int i = 0; i < 100; i++)
    fsim_tui_tick (f.tui, 1000000);
  ck_assert (!f.tui->running);  /* stopped at the end */
  ck_assert_int_eq (f.tui->cursor, fsim_trace_count (f.trace) - 1);
  fixture_clear (&f);
}
END_TEST

START_TEST (test_click_selects_subtask)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  fsim_tui_goto (f.tui, "1 s");
  g_autofree char *text = screen (&f);
  FsimTuiArea rows = f.tui->drawn.timeline_rows;
  /* rows: heading, Source, Flat Map (1/2), Window (1/2), Sink, heading, Flat Map (2/2) */
  fsim_tui_handle_click (f.tui, rows.x + 3, rows.y + 6);
  ck_assert_int_eq (f.tui->sel_vertex, 1);
  ck_assert_int_eq (f.tui->sel_subtask, 1);
  fsim_tui_handle_click (f.tui, f.tui->drawn.panes[FSIM_TUI_PANE_STEP].x + 2,
                         f.tui->drawn.panes[FSIM_TUI_PANE_STEP].y + 2);
  ck_assert_int_eq (f.tui->focus, FSIM_TUI_PANE_STEP);
  fixture_clear (&f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* what a learner reads: whole records, whole whys, the header, the help      */

/* A few records in the shape scheduler/ writes them (trace-kinds.c): the
 * job's submission, a TaskManager-side and a JobManager-side state change
 * with a long exception as detail, a record without a transition. */
static FsimTrace *
failure_trace (void)
{
  Writer w = { fsim_trace_new (), 0 };
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.label = "Socket Window WordCount";
  r.to = FSIM_JOB_INITIALIZING;
  r.why = "Dispatcher.submitJob";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_JOB_SUBMITTED), r);
  w.now = 12000000;
  FsimTraceRecord f = FSIM_TRACE_RECORD_INIT;
  f.label = "Flat Map (2/2)#0";
  f.taskmanager = 1;
  f.detail = "fail: java.lang.RuntimeException: flinksim fault plan: fail \"Flat Map\" subtask 1";
  f.why = "fault plan: the task's user code throws";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAULT), f);
  FsimTraceRecord t = FSIM_TRACE_RECORD_INIT;
  t.vertex = 1;
  t.subtask = 1;
  t.attempt = 0;
  t.taskmanager = 1;
  t.slot = 1;
  t.label = "Flat Map (2/2)#0";
  t.from = FSIM_EXECUTION_RUNNING;
  t.to = FSIM_EXECUTION_FAILED;
  t.detail = "java.lang.RuntimeException: flinksim fault plan: fail \"Flat Map\" subtask 1";
  t.why = "the Task's code threw: Task.transitionStateOnFailure moves it to FAILED and "
          "the TaskExecutor reports it to the JobMaster";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_TASK_STATE), t);
  w.now += 1000;
  t.why = "the TaskManager reported FAILED (updateTaskExecutionState -> Execution.markFailed); "
          "with a restart strategy the scheduler would now restart the failover region, "
          "here the job fails: DefaultScheduler.handleTaskFailure";
  rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE), t);
  return w.trace;
}

static char *
draw_text (FsimTui *tui, int width, int height)
{
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (width, height);
  fsim_tui_draw (tui, grid);
  return fsim_tui_grid_to_text (grid, FALSE);
}

/* The step pane's current record is shown whole at 80x24: its detail (an
 * exception message) and its why wrap instead of being cut with '…'. */
START_TEST (test_step_shows_current_record_whole)
{
  g_autoptr (FsimTrace) trace = failure_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "Socket Window WordCount");
  fsim_tui_set_cursor (tui, 3);
  g_autofree char *text = draw_text (tui, 80, 24);
  /* the step pane: from its title to the end */
  const char *step = strstr (text, "Step #3 of 4 records");
  ck_assert_ptr_nonnull (step);
  ck_assert_ptr_nonnull (strstr (step, "\"Flat Map\" subtask 1"));
  ck_assert_ptr_nonnull (strstr (step, "DefaultScheduler.handleTaskFailure"));
  /* nothing of the current record is cut: the only '…' is in earlier lines */
  const char *current = strstr (step, "\u25B6");
  ck_assert_ptr_nonnull (current);
  ck_assert_ptr_null (strstr (current, "\u2026"));
}
END_TEST

/* Earlier records read as `flinksim run` prints them (viz/trace-log.c): the
 * kind before the transition unless it is an execution-state, "kind:
 * detail" for a record without one; so the TaskManager's task-state and the
 * JobMaster's execution-state lines are told apart. */
START_TEST (test_step_lines_as_flinksim_run)
{
  g_autoptr (FsimTrace) trace = failure_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "Socket Window WordCount");
  fsim_tui_set_cursor (tui, 3);
  g_autofree char *text = draw_text (tui, 160, 40);
  ck_assert_ptr_nonnull (strstr (text, "Flat Map (2/2)#0  fault: fail: java.lang.RuntimeException"));
  ck_assert_ptr_nonnull (strstr (text, "Flat Map (2/2)#0  task-state RUNNING \u2192 FAILED  java"));
  ck_assert_ptr_nonnull (strstr (text, "Flat Map (2/2)#0  RUNNING \u2192 FAILED  java"));
  ck_assert_ptr_nonnull (strstr (text, "Socket Window WordCount  job-submitted \u2192 INITIALIZING"));
}
END_TEST

/* Dispatcher.submitJob makes the job INITIALIZING: the header says so from
 * the job-submitted record on, not "not submitted". */
START_TEST (test_header_status_from_submission)
{
  g_autoptr (FsimTrace) trace = failure_trace ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "Socket Window WordCount");
  g_autofree char *text = draw_text (tui, 100, 30);
  ck_assert_ptr_nonnull (strstr (text, "job INITIALIZING"));
  ck_assert_ptr_null (strstr (text, "not submitted"));
}
END_TEST

/* At 80 columns the header still shows the JobStatus, checkpoints and
 * restarts (the issue's header), in a shorter form. */
START_TEST (test_header_at_80_columns)
{
  Fixture f;
  fixture_init (&f, 80, 24);
  fsim_tui_goto (f.tui, "22 s");
  g_autofree char *text = screen (&f);
  g_autofree char *header = g_strndup (text, strcspn (text, "\n"));
  ck_assert_ptr_nonnull (strstr (header, "job RUNNING"));
  ck_assert_ptr_nonnull (strstr (header, "ckpt 1\u2713 0\u2717"));
  ck_assert_msg (strstr (header, "\u21BB1/3") != NULL, "%s", header);   /* ↻: restarts */
  ck_assert_int_le (fsim_tui_text_width (header), 80);
  fixture_clear (&f);
}
END_TEST

static char *
header_line (Fixture *f)
{
  g_autofree char *text = screen (f);
  return g_strndup (text, strcspn (text, "\n"));
}

/* The header says the restart strategy's attempts used of the most it
 * allows and, while the backoff runs, how long until restartTasks: the
 * failure at 12 s is fixed-delay attempt 1 of 3 with a 10 s delay
 * (FixedDelayRestartBackoffTimeStrategy): at 15 s the cursor is still on
 * the failure's records (none follow until 22 s), 10 s before the
 * restart; from 22 s on the attempt is used. */
START_TEST (test_header_restart_attempts_and_backoff)
{
  Fixture f;
  fixture_init (&f, 160, 30);
  fsim_tui_goto (f.tui, "11 s");
  g_autofree char *before = header_line (&f);
  ck_assert_msg (strstr (before, "restarts 0") != NULL, "%s", before);
  fsim_tui_goto (f.tui, "15 s");
  g_autofree char *waiting = header_line (&f);
  ck_assert_msg (strstr (waiting, "restart 1/3 in 10.000 s") != NULL, "%s", waiting);
  fsim_tui_goto (f.tui, "22 s");
  g_autofree char *after = header_line (&f);
  ck_assert_msg (strstr (after, "restarts 1/3") != NULL, "%s", after);
  ck_assert_ptr_null (strstr (after, " in "));
  fixture_clear (&f);
}
END_TEST

/* A decision that gives up is said in the header: fixed-delay's fourth
 * failure of 3 attempts (canRestart: attempt <= maxNumberRestartAttempts
 * is false), the none strategy (NoRestartBackoffTimeStrategy, bound 0),
 * and exponential-delay's default attemptsBeforeResetBackoff
 * (Integer.MAX_VALUE) shown as no bound; a record 1.5 s after a 2 s
 * backoff began leaves 0.5 s. */
START_TEST (test_header_restart_gives_up)
{
  const struct { gint64 attempt, backoff_us, max; const char *says; } cases[] = {
    { 4, -1, 3, "restart 4/3: no more" },
    { 0, -1, 0, "no restart: strategy none" },
    { 2, 2000000, G_MAXINT32, "restart 2 in 0.500 s" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f;
      fixture_init (&f, 160, 30);
      fsim_tui_free (f.tui);
      fsim_trace_unref (f.trace);
      Writer w = { fsim_trace_new (), 0 };
      job_status (&w, NULL, "INITIALIZING");
      w.now = 1000000;
      failover (&w, cases[i].attempt, cases[i].backoff_us < 0 ? 0 : 6, cases[i].backoff_us,
                cases[i].max);
      w.now = 2500000;
      job_status (&w, "RUNNING", cases[i].backoff_us < 0 ? "FAILING" : "RESTARTING");
      f.trace = w.trace;
      f.tui = fsim_tui_new (f.trace, f.jg, "Socket Window WordCount");
      fsim_tui_set_cursor (f.tui, fsim_trace_count (f.trace) - 1);
      g_autofree char *h = header_line (&f);
      ck_assert_msg (strstr (h, cases[i].says) != NULL, "case %u: %s", i, h);
      fixture_clear (&f);
    }
}
END_TEST

/* The help scrolls exactly to its last line at every size: the count of
 * lines and the lines drawn agree ("N-M of M lines" with M the last). */
START_TEST (test_help_scrolls_to_its_end)
{
  const int sizes[][2] = { { 80, 24 }, { 100, 30 }, { 60, 20 }, { 160, 50 } };
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Fixture f;
      fixture_init (&f, sizes[i][0], sizes[i][1]);
      fsim_tui_handle_key (f.tui, '?');
      g_autofree char *top = screen (&f);
      int total = f.tui->drawn.help_lines;
      for (int k = 0; k < 40; k++)
        fsim_tui_handle_key (f.tui, FSIM_KEY_PAGE_DOWN);
      g_autofree char *end = screen (&f);
      ck_assert_int_eq (f.tui->drawn.help_lines, total);
      if (total > f.tui->drawn.overlay_page)
        {
          g_autofree char *range = g_strdup_printf ("-%d of %d lines", total, total);
          ck_assert_msg (strstr (end, range) != NULL, "%dx%d: no '%s' in\n%s", sizes[i][0],
                         sizes[i][1], range, end);
        }
      /* the legend's last line is the last line drawn in the box (the
       * hint line and the box's border are below it) */
      g_auto (GStrv) lines = g_strsplit (end, "\n", -1);
      ck_assert_msg (strstr (lines[sizes[i][1] - 3], "record.") != NULL, "%dx%d:\n%s",
                     sizes[i][0], sizes[i][1], end);
      /* End goes there too, Home back to the top */
      fsim_tui_handle_key (f.tui, FSIM_KEY_HOME);
      g_autofree char *home = screen (&f);
      ck_assert_str_eq (home, top);
      fsim_tui_handle_key (f.tui, FSIM_KEY_END);
      g_autofree char *again = screen (&f);
      ck_assert_str_eq (again, end);
      fixture_clear (&f);
    }
}
END_TEST

/* f lands on the failure and selects the subtask it names, so that Enter
 * shows that subtask's history (its FAILED with the why). */
START_TEST (test_jump_selects_subject)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  ck_assert_int_eq (f.tui->sel_vertex, 0);      /* the first subtask, at start */
  fsim_tui_handle_key (f.tui, 'f');
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_tui_current (f.tui)), "FAILED");
  ck_assert_int_eq (f.tui->sel_vertex, 1);
  ck_assert_int_eq (f.tui->sel_subtask, 1);
  fsim_tui_handle_key (f.tui, FSIM_KEY_ENTER);
  g_autofree char *text = screen (&f);
  ck_assert_ptr_nonnull (strstr (text, "Inspect Flat Map (2/2)#0"));
  ck_assert_ptr_nonnull (strstr (text, "State: FAILED"));
  /* a job-level record (RESTARTING) names no subtask: the selection
   * stays (the failover decision before it names the failed subtask) */
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  fsim_tui_handle_key (f.tui, 'f');
  ck_assert_ptr_eq (fsim_tui_current (f.tui)->kind, FSIM_SCHED_KIND (FSIM_SCHED_KIND_FAILOVER));
  fsim_tui_handle_key (f.tui, 'f');
  ck_assert_str_eq (fsim_trace_record_to_name (fsim_tui_current (f.tui)), "RESTARTING");
  ck_assert_int_eq (f.tui->sel_vertex, 1);
  /* search selects too */
  type (f.tui, "/Sink\n");
  ck_assert_int_eq (f.tui->sel_vertex, 3);
  fixture_clear (&f);
}
END_TEST

/* Subtask 0 of vertex v, attempt 0, SCHEDULED -> DEPLOYING into slot 0 of
 * TaskManager tm. */
static void
deploy_first_subtask (Writer *w, int v, int tm, const char *label)
{
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.vertex = v;
  r.subtask = 0;
  r.attempt = 0;
  r.taskmanager = tm;
  r.slot = 0;
  r.label = label;
  r.from = FSIM_EXECUTION_SCHEDULED;
  r.to = FSIM_EXECUTION_DEPLOYING;
  rec (w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE), r);
}

/* Two sources whose names differ only at the end ("Sensors Berlin",
 * "Sensors Paris") stay apart when the label column cuts them. */
START_TEST (test_labels_told_apart)
{
  g_autofree char *b = fsim_tui_fit_label_ends ("Source: Sensors Berlin (1/2)#0", 20);
  g_autofree char *p = fsim_tui_fit_label_ends ("Source: Sensors Paris (1/2)#0", 20);
  ck_assert_str_eq (b, "Sourc\u2026Berlin (1/2)#0");
  ck_assert_str_eq (p, "Sourc\u2026 Paris (1/2)#0");
  ck_assert_int_eq (fsim_tui_text_width (b), 20);
  Writer w = { fsim_trace_new (), 0 };
  const char *const names[] = { "Source: Sensors Berlin (1/2)#0", "Source: Sensors Paris (1/2)#0",
                                "Window(TumblingEventTimeWindows(60000)) (1/2)#0" };
  for (int v = 0; v < 3; v++)
    deploy_first_subtask (&w, v, 1, names[v]);
  g_autoptr (FsimTui) tui = fsim_tui_new (w.trace, NULL, "Sensor Union");
  fsim_tui_set_cursor (tui, 2);
  g_autofree char *text = draw_text (tui, 100, 30);
  ck_assert_ptr_nonnull (strstr (text, "Berlin (1/2)#0"));
  ck_assert_ptr_nonnull (strstr (text, "Paris (1/2)#0"));
  /* a name that collides with nothing keeps the plain cut */
  ck_assert_ptr_nonnull (strstr (text, "Window(Tumb"));
  fsim_trace_unref (w.trace);
}
END_TEST

/* Two JobVertices with one name (two filters, each "Filter"): their rows
 * carry the vertex's number as `graph --level job` writes it ("#1 Filter",
 * "#2 Filter"), so that "Filter (1/1)#0" never stands for two tasks; a name
 * only one vertex has keeps its plain label. */
START_TEST (test_same_names_numbered)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "job \"Two Filters\"\n"
    "env.fromSequence(1, 100).filter(\"A\").disableChaining()\n"
    "  .keyBy(\"k\").filter(\"B\").disableChaining().print()\n",
    "two.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_ptr_nonnull (jg);
  GPtrArray *vs = fsim_job_graph_get_vertices_topological (jg);
  ck_assert_uint_eq (vs->len, 4);
  Writer w = { fsim_trace_new (), 0 };
  for (guint v = 0; v < vs->len; v++)
    {
      g_autofree char *label = g_strdup_printf ("%s (1/1)#0",
                                                ((FsimJobVertex *) vs->pdata[v])->name);
      deploy_first_subtask (&w, (int) v, 1 + (int) v / 2, label);
    }
  g_autoptr (FsimTui) tui = fsim_tui_new (w.trace, jg, "Two Filters");
  fsim_tui_set_cursor (tui, 3);
  g_autofree char *text = draw_text (tui, 120, 30);
  ck_assert_ptr_nonnull (strstr (text, " #1 Filter (1/1)#0 "));
  ck_assert_ptr_nonnull (strstr (text, " #2 Filter (1/1)#0 "));
  ck_assert_ptr_nonnull (strstr (text, " Source: Sequence Source (1/1)#0 "));
  ck_assert_ptr_null (strstr (text, "#0 Source"));
  ck_assert_ptr_null (strstr (text, "#3 Sink"));
  fsim_trace_unref (w.trace);
}
END_TEST

/* The JobGraph pane cuts long names in the middle: two chains whose names
 * share a long head (two sinks of one kind, differing in their last word)
 * keep the part that tells them apart, in the boxes and on the edges. */
START_TEST (test_graph_names_told_apart)
{
  g_autofree char *berlin = fsim_tui_fit_middle ("Sink: Print to Std. Out of the Berlin sensors", 24);
  g_autofree char *paris = fsim_tui_fit_middle ("Sink: Print to Std. Out of the Paris sensors", 24);
  ck_assert_str_eq (berlin, "Sink: Print\u2026rlin sensors");
  ck_assert_str_eq (paris, "Sink: Print\u2026aris sensors");
  ck_assert_int_eq (fsim_tui_text_width (berlin), 24);
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "job \"Two Sinks\"\n"
    "s = env.fromSequence(1, 100).keyBy(\"k\")\n"
    "s.map(\"E\").name(\"Enrich the readings of every sensor in Berlin\").print()\n"
    "s.map(\"E\").name(\"Enrich the readings of every sensor in Paris\").print()\n",
    "two.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_ptr_nonnull (jg);
  FsimTrace *trace = fsim_trace_new ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, "Two Sinks");
  g_autofree char *text = draw_text (tui, 100, 40);
  ck_assert_ptr_nonnull (strstr (text, "Berlin"));
  ck_assert_ptr_nonnull (strstr (text, "Paris"));
  ck_assert_ptr_null (strstr (text, "Enrich the readings of every sensor in B"));
  fsim_trace_unref (trace);
}
END_TEST

/* The JobGraph pane says how determineSlotSharingGroup chose each chain
 * head's group (StreamGraphGenerator): a source with none given is in
 * "default", an operator after it inherits its input's, one given
 * slotSharingGroup("x") has x. */
START_TEST (test_graph_slot_sharing_origin)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "job \"Groups\"\n"
    "env.fromSequence(1, 100).map(\"M\").setParallelism(2)"
    ".filter(\"F\").slotSharingGroup(\"own\").print()\n",
    "groups.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_ptr_nonnull (jg);
  FsimTrace *trace = fsim_trace_new ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, "Groups");
  g_autofree char *text = draw_text (tui, 160, 48);
  ck_assert_ptr_nonnull (strstr (text, "slot sharing group default (a source's default)"));
  ck_assert_ptr_nonnull (strstr (text, "slot sharing group default (inherited from its input)"));
  ck_assert_ptr_nonnull (strstr (text, "slot sharing group own (given by slotSharingGroup())"));
  fsim_trace_unref (trace);
}
END_TEST

/* The JobGraph pane wraps why an edge is not chained over as many lines as
 * it takes, and makes room for them: the reason isChainable gives reads
 * whole (ChainingStrategy HEAD is what startNewChain() sets,
 * StreamGraphGenerator), and the box below still follows in full. */
START_TEST (test_graph_wraps_chaining_reason)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (
    "job \"New Chain\"\n"
    "env.fromSequence(1, 100).filter(\"F\").map(\"M\").startNewChain().print()\n",
    "new.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, &error);
  ck_assert_ptr_nonnull (jg);
  FsimTrace *trace = fsim_trace_new ();
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, "New Chain");
  /* 100 columns leave the graph pane about 40: the reason takes two lines */
  g_autofree char *text = draw_text (tui, 100, 40);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  int at = -1;
  for (int i = 0; lines[i]; i++)
    if (strstr (lines[i], "not chained: Map has"))
      at = i;
  ck_assert_int_ge (at, 0);
  /* the next box (its top corner inside the pane's border) after the reason */
  int box = at + 1;
  while (lines[box] && !strstr (lines[box], "\u2502\u250c"))
    box++;
  ck_assert_ptr_nonnull (lines[box]);
  ck_assert_int_ge (box - at, 2);
  g_autoptr (GString) why = g_string_new (NULL);
  for (int i = at; i < box; i++)
    g_string_append_printf (why, "%s\n", lines[i]);
  ck_assert_ptr_nonnull (strstr (why->str, "startNewChain() sets)"));
  ck_assert_ptr_null (strstr (why->str, "startN\u2026"));
  ck_assert_ptr_nonnull (strstr (lines[box + 1], "Map"));
  fsim_trace_unref (trace);
}
END_TEST

/* After the first second the axis speaks seconds: "5.05s", not "5050ms". */
START_TEST (test_axis_in_seconds)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  fsim_tui_goto (f.tui, "9 s");         /* the checkpoint's last record, at 5.003 s */
  fsim_tui_handle_key (f.tui, '+');     /* a fixed zoom: 2 ms per column */
  g_autofree char *text = screen (&f);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  ck_assert_msg (strstr (lines[2], "ms") == NULL, "%s", lines[2]);
  ck_assert_ptr_nonnull (strstr (lines[2], "5.0"));
  fsim_tui_goto (f.tui, "60 ms");
  fsim_tui_handle_key (f.tui, '=');
  g_autofree char *early = screen (&f);
  g_auto (GStrv) early_lines = g_strsplit (early, "\n", -1);
  /* ticks are virtual times in the one format of every view */
  ck_assert_ptr_nonnull (strstr (early_lines[2], "0.100 s"));
  fixture_clear (&f);
}
END_TEST

/* z: zoom to fit the whole run, from 0 to the last record, with the
 * smallest 1-2-5 step that does; the message says the span. */
START_TEST (test_zoom_whole_run)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  g_autofree char *first = screen (&f);          /* lays out the timeline */
  gint64 end = fsim_trace_get (f.trace, fsim_trace_count (f.trace) - 1)->time_us;
  int cols = f.tui->drawn.timeline_cols;
  ck_assert_int_gt (cols, 0);
  fsim_tui_handle_key (f.tui, 'z');
  g_autofree char *text = screen (&f);
  gint64 zoom = f.tui->zoom_us;
  ck_assert_int_eq (f.tui->drawn.view_start_us, 0);
  ck_assert_int_ge (zoom * cols, end + 1);
  /* the step below (1, 2, 5 x 10^k) would not show it all */
  gint64 mantissa = zoom;
  while (mantissa % 10 == 0)
    mantissa /= 10;
  gint64 below = mantissa == 5 ? zoom / 5 * 2 : zoom / 2;
  ck_assert_int_lt (below * cols, end + 1);
  g_autofree char *last = fsim_time_format (end);
  g_autofree char *want = g_strdup_printf ("the whole run: 0 to %s", last);
  ck_assert_ptr_nonnull (strstr (text, want));
  fixture_clear (&f);
}
END_TEST

/* Running through a quiet stretch (nothing between 80 ms and the
 * checkpoint at 5 s) does not leave the screen frozen for 49 s at the
 * default 100 ms/s: the wait shrinks to 0.3 s, and the hint line says so
 * until the next record arrives. */
START_TEST (test_run_skips_quiet_time)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  fsim_tui_goto (f.tui, "80 ms");
  gint64 at = f.tui->cursor;
  fsim_tui_handle_key (f.tui, 'r');
  ck_assert_uint_eq (fsim_tui_tick (f.tui, 100000) & FSIM_TUI_REDRAW, FSIM_TUI_REDRAW);
  ck_assert_int_eq (f.tui->cursor, at);
  ck_assert_ptr_nonnull (f.tui->message);
  ck_assert_ptr_nonnull (strstr (f.tui->message, "nothing happens until 5.000 s"));
  fsim_tui_tick (f.tui, 200000);
  ck_assert_int_eq (f.tui->cursor, at);
  fsim_tui_tick (f.tui, 110000);
  ck_assert_int_eq (fsim_tui_current (f.tui)->time_us, 5000000);
  ck_assert_ptr_null (f.tui->message);
  ck_assert (f.tui->running);
  fixture_clear (&f);
}
END_TEST

/* Before the trace names a subtask, the panes say why it has no row yet
 * without claiming there is no ExecutionGraph; the inspect view still
 * names the subtask it is about. */
START_TEST (test_before_first_record)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  g_autofree char *text = screen (&f);
  ck_assert_ptr_nonnull (strstr (text, "No record names a subtask yet"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_ENTER);
  g_autofree char *inspect = screen (&f);
  ck_assert_ptr_nonnull (strstr (inspect, "Inspect Source: Socket Stream (1/1)#0"));
  ck_assert_ptr_nonnull (strstr (inspect, "No record has named this subtask yet"));
  fixture_clear (&f);
}
END_TEST


/* The checkpoint pane at cursor i says what records 0..i say, as Flink's
 * CheckpointStatsTracker would: IN_PROGRESS with the acknowledgements so far,
 * then COMPLETED with its end-to-end duration (trigger to completion). */
START_TEST (test_checkpoint_pane_at_cursor)
{
  Fixture f;
  fixture_init (&f, 120, 40);
  FsimTrace *t = f.trace;
  gint64 trigger = find (t, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_TRIGGERED), NULL, NULL);
  gint64 done = find (t, FSIM_CHECKPOINT_KIND (FSIM_CHECKPOINT_KIND_COMPLETED), NULL, NULL);
  fsim_tui_handle_key (f.tui, 'h');
  fsim_tui_set_cursor (f.tui, trigger - 1);
  g_autofree char *before = screen (&f);
  ck_assert_ptr_nonnull (strstr (before, "No checkpoint yet"));
  fsim_tui_set_cursor (f.tui, trigger);
  g_autofree char *triggered = screen (&f);
  ck_assert_ptr_nonnull (strstr (triggered, "   1 IN_PROGRESS 0/6       5.000 s          -"));
  /* a status is coloured by its tone, as every state is: pending, then
   * ended well */
  ck_assert_int_eq (role_of_word (f.grid, "IN_PROGRESS"), fsim_tui_tone_role (FSIM_TONE_PENDING));
  /* each subtask's barrier, then its acknowledgement: three acknowledged */
  fsim_tui_set_cursor (f.tui, trigger + 6);
  g_autofree char *half = screen (&f);
  ck_assert_ptr_nonnull (strstr (half, "   1 IN_PROGRESS 3/6       5.000 s          -"));
  fsim_tui_set_cursor (f.tui, done);
  g_autofree char *completed = screen (&f);
  /* the trigger is a time, the duration a duration (as the Web UI's "3ms") */
  ck_assert_ptr_nonnull (strstr (completed, "   1 COMPLETED   6/6       5.000 s     3.0 ms"));
  ck_assert_int_eq (role_of_word (f.grid, "COMPLETED"), fsim_tui_tone_role (FSIM_TONE_DONE));
  /* stepping back undoes it */
  fsim_tui_handle_key (f.tui, 'b');
  g_autofree char *back = screen (&f);
  ck_assert_ptr_nonnull (strstr (back, "   1 IN_PROGRESS 6/6       5.000 s          -"));
  fixture_clear (&f);
}
END_TEST

/* A declined checkpoint is FAILED in the history, coloured as a failed
 * state is. */
START_TEST (test_checkpoint_pane_failed)
{
  Writer w = { fsim_trace_new (), 5000000 };
  checkpoint (&w, 1, FALSE);
  g_autoptr (FsimTrace) trace = w.trace;
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "declined");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (120, 40);
  fsim_tui_handle_key (tui, 'h');
  fsim_tui_set_cursor (tui, fsim_trace_count (trace) - 1);
  fsim_tui_draw (tui, grid);
  g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
  ck_assert_msg (strstr (text, "   1 FAILED      6/6 ") != NULL, "%s", text);
  ck_assert_int_eq (role_of_word (grid, "FAILED"), fsim_tui_tone_role (FSIM_TONE_FAILED));
}
END_TEST

/* At 80 columns the JobGraph is behind Tab; the timeline's border says so,
 * and the inspect view's hint offers "Esc q close", not "q quit". */
START_TEST (test_narrow_cues)
{
  Fixture f;
  fixture_init (&f, 80, 24);
  g_autofree char *text = screen (&f);
  ck_assert_ptr_nonnull (strstr (text, "Timeline \u2501 JobGraph: Tab"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_TAB);
  g_autofree char *graph = screen (&f);
  ck_assert_ptr_nonnull (strstr (graph, "JobGraph \u2501 timeline: Tab"));
  fsim_tui_handle_key (f.tui, FSIM_KEY_BACKTAB);
  fsim_tui_handle_key (f.tui, FSIM_KEY_ENTER);
  g_autofree char *inspect = screen (&f);
  g_auto (GStrv) lines = g_strsplit (inspect, "\n", -1);
  ck_assert_ptr_nonnull (strstr (lines[23], "Esc q close"));
  ck_assert_ptr_null (strstr (lines[23], "q quit"));
  ck_assert_uint_eq (fsim_tui_handle_key (f.tui, 'q'), FSIM_TUI_REDRAW);
  ck_assert_int_eq (f.tui->mode, FSIM_TUI_MODE_NORMAL);
  fixture_clear (&f);
}
END_TEST

/* The timeline's rows follow the cursor one record at a time (fsim_tui_rows
 * moves only the row of the subtask the record names): stepped forward
 * through a run with restarts and back again, they are at every record the
 * rows a TUI opened at that record builds from nothing. A run where a
 * TaskManager dies, so subtasks lose their slots and move to others. */
START_TEST (test_rows_follow_the_cursor)
{
  static const char text[] =
    "set parallelism.default = 3\n"
    "set taskmanager.numberOfTaskSlots = 2\n"
    "set sim.taskmanagers = 3\n"
    "set sim.duration = 20 s\n"
    "set restart-strategy.type = fixed-delay\n"
    "env.fromSource(\"S\").rate(10/s).rebalance().map(\"M\").print()\n"
    "at 3 s kill taskmanager 2\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "rows.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, NULL, "rows");
  gint64 n = fsim_trace_count (trace);
  for (int pass = 0; pass < 2; pass++)
    for (gint64 k = 0; k < n; k++)
      {
        gint64 i = pass == 0 ? k : n - 1 - k;
        fsim_tui_set_cursor (tui, i);
        g_autoptr (GArray) rows = fsim_tui_rows (tui);
        g_autoptr (FsimTui) fresh = fsim_tui_new (trace, NULL, "rows");
        fsim_tui_set_cursor (fresh, i);
        g_autoptr (GArray) want = fsim_tui_rows (fresh);
        ck_assert_uint_eq (rows->len, want->len);
        for (guint r = 0; r < rows->len; r++)
          {
            const FsimTuiRow *a = &g_array_index (rows, FsimTuiRow, r);
            const FsimTuiRow *b = &g_array_index (want, FsimTuiRow, r);
            ck_assert ((a->now == NULL) == (b->now == NULL) && a->taskmanager == b->taskmanager
                       && a->slot == b->slot);
            ck_assert ((a->subtask == NULL) == (b->subtask == NULL));
            if (a->subtask)
              ck_assert (a->subtask->vertex == b->subtask->vertex
                         && a->subtask->subtask == b->subtask->subtask
                         && a->now->seq == b->now->seq);
          }
      }
}
END_TEST

/* Every record of every example, at 80x24: the current record's why is
 * never cut with '…' (the why is the teaching line; a long detail, such as
 * the list of a region's subtasks, may be). Runs the real scheduler on the
 * real examples. */
static void
check_whys_whole (const char *relative)
{
  g_autoptr (FsimJob) job = fsim_test_load_job (relative);
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (run != NULL, "%s: %s", relative, error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimJobGraph *jg =
    fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run));
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, fsim_job_get_name (job));
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (80, 24);
  /* metric samples come by the thousand with a few whys: one of each
   * (kind, vertex, why) is drawn, which keeps the test fast under the
   * sanitizers (their labels are the vertex's, their whys the kind's) */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind->flags & FSIM_KIND_SAMPLE)
        {
          char *key = g_strdup_printf ("%s/%d/%s", r->kind->name, r->vertex, r->why);
          if (!g_hash_table_add (seen, key))
            continue;
        }
      fsim_tui_set_cursor (tui, i);
      fsim_tui_draw (tui, grid);
      g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
      const char *step = strstr (text, " Step #");
      ck_assert_ptr_nonnull (step);
      const char *current = strstr (step, "\u2502  why: ");
      ck_assert_ptr_nonnull (current);
      const char *end = strstr (current, "\u2514");  /* the step pane's bottom corner */
      ck_assert_ptr_nonnull (end);
      g_autofree char *block = g_strndup (current, (gsize) (end - current));
      ck_assert_msg (strstr (block, "\u2026") == NULL, "%s #%" G_GINT64_FORMAT
                     " is cut at 80x24:\n%s", relative, i, text);
    }
}

START_TEST (test_examples_whys_whole_at_80x24)
{
  g_autoptr (GPtrArray) jobs = fsim_test_list_sources ("examples", ".job");
  for (guint i = 0; i < jobs->len; i++)
    {
      g_autofree char *rel = g_build_filename ("examples", g_ptr_array_index (jobs, i), NULL);
      check_whys_whole (rel);
    }
  g_autoptr (GPtrArray) plans = fsim_test_list_sources ("examples/plans", ".json");
  for (guint i = 0; i < plans->len; i++)
    {
      g_autofree char *rel = g_build_filename ("examples/plans", g_ptr_array_index (plans, i),
                                               NULL);
      check_whys_whole (rel);
    }
}
END_TEST

/* Display width (viz/text-width.c): Chinese operator names take two columns
 * a character, so a row with one is exactly as wide on a terminal as the
 * rows without. Counted here by Unicode's East Asian Width W ranges that
 * CJK names use, not by the function under test. */
static int
cjk_display_width (const char *line)
{
  int w = 0;
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF)
                      || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
                      || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
      w += wide ? 2 : 1;
    }
  return w;
}

/* Wrapping Chinese: no spaces between words, so a line may break between
 * any two characters of which one is wide (CJK), but not before a closing
 * mark (，。）) nor after an opening one (（); every line fits; nothing is
 * lost but the spaces at breaks. Before, a CJK run was one "word": a line
 * ended at the last space and left most of the row empty. */
START_TEST (test_wrap_chinese)
{
  /* "keyBy 把每个 Count 子任务和每个源都连起来，所以故障恢复策略重启全部子任务（一个流水线区域）。" */
  const char *text = "keyBy \u628a\u6bcf\u4e2a Count \u5b50\u4efb\u52a1\u548c\u6bcf\u4e2a\u6e90"
                     "\u90fd\u8fde\u8d77\u6765\uff0c\u6240\u4ee5\u6545\u969c\u8f6c\u79fb\u7b56"
                     "\u7565\u91cd\u542f\u5168\u90e8\u5b50\u4efb\u52a1\uff08\u4e00\u4e2a\u6d41"
                     "\u6c34\u7ebf\u533a\u57df\uff09\u3002";
  for (int cols = 8; cols <= 40; cols++)
    {
      g_autoptr (GPtrArray) lines = fsim_tui_wrap (text, cols, cols);
      GString *joined = g_string_new (NULL);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *l = g_ptr_array_index (lines, i);
          ck_assert_msg (fsim_tui_text_width (l) <= cols, "%d: '%s'", cols, l);
          gunichar first = g_utf8_get_char (l);
          ck_assert_msg (first != 0xFF0C && first != 0x3002 && first != 0xFF09,
                         "%d: '%s' starts with a closing mark", cols, l);
          gunichar last = g_utf8_get_char (g_utf8_prev_char (l + strlen (l)));
          ck_assert_msg (last != 0xFF08, "%d: '%s' ends with an opening mark", cols, l);
          /* a row is left short only where the next character would not fit
           * or may not start a line */
          if (i + 1 < lines->len)
            {
              const char *next = g_ptr_array_index (lines, i + 1);
              gunichar n = g_utf8_get_char (next);
              gunichar after = g_utf8_get_char (g_utf8_next_char (next));
              int wn = g_unichar_iswide (n) ? 2 : 1;
              /* n cannot be taken alone when a closing mark follows it */
              gboolean kept = n == 0xFF0C || n == 0x3002 || n == 0xFF09 || n == 0xFF08 || last == 0xFF08
                              || after == 0xFF0C || after == 0x3002 || after == 0xFF09
                              || !g_unichar_iswide (n) || !g_unichar_iswide (last);
              ck_assert_msg (kept || fsim_tui_text_width (l) + wn > cols,
                             "%d: '%s' could have taken '%s'", cols, l, next);
            }
          g_string_append (joined, l);
        }
      /* the wrap drops the spaces it breaks at, nothing else */
      const char *expected = text;
      GString *no_spaces_in = g_string_new (NULL), *no_spaces_out = g_string_new (NULL);
      for (const char *c = expected; *c; c++)
        if (*c != ' ')
          g_string_append_c (no_spaces_in, *c);
      for (const char *c = joined->str; *c; c++)
        if (*c != ' ')
          g_string_append_c (no_spaces_out, *c);
      ck_assert_str_eq (no_spaces_out->str, no_spaces_in->str);
      g_string_free (no_spaces_in, TRUE);
      g_string_free (no_spaces_out, TRUE);
      g_string_free (joined, TRUE);
    }
}
END_TEST

START_TEST (test_chinese_operator_names_align)
{
  static const char job_text[] =
    "job \"\u8bcd\u9891\u7edf\u8ba1\"\n"
    "env.fromSequence(1, 1000).name(\"\u6570\u5b57\u6e90\")\n"
    "  .map(\"F\").name(\"\u5206\u8bcd\u5668\").setParallelism(2)\n"
    "  .rebalance().print()\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (job_text, "cjk.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  fsim_job_run_run (run, -1);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimJobGraph *jg =
    fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run));
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, fsim_job_get_name (job));
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);
  gboolean seen = FALSE;
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      fsim_tui_set_cursor (tui, i);
      fsim_tui_draw (tui, grid);
      g_autofree char *text = fsim_tui_grid_to_text (grid, FALSE);
      g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
      /* the text drops trailing blanks: a line that ends in a pane's right
       * border reaches the last column exactly, none goes beyond it */
      for (int l = 0; l < 30; l++)
        {
          int w = cjk_display_width (lines[l]);
          gboolean bordered = g_str_has_suffix (lines[l], "\u2502")
                              || g_str_has_suffix (lines[l], "\u2503");
          ck_assert_msg (bordered ? w == 100 : w <= 100,
                         "record #%" G_GINT64_FORMAT ", line %d is %d columns wide: %s", i, l,
                         w, lines[l]);
          seen |= bordered && strstr (lines[l], "\u5206\u8bcd\u5668 (2/2)") != NULL;
        }
    }
  ck_assert_msg (seen, "the timeline never showed the subtask \u5206\u8bcd\u5668 (2/2) in its pane");

  /* the same names in the JobGraph table: each column starts at the same
   * display column on every row */
  g_autoptr (GBytes) bytes = fsim_viz_job_graph (job, FSIM_FORMAT_TEXT, &error);
  ck_assert_msg (bytes != NULL, "%s", error ? error->message : "?");
  g_autofree char *table = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto (GStrv) rows = g_strsplit (table, "\n", -1);
  int at = -1, found = 0;
  for (int r = 0; rows[r]; r++)
    {
      /* the JobVertexID is the last column: 32 hex digits */
      const char *id = strstr (rows[r], "  JobVertexID");
      if (id == NULL && g_regex_match_simple ("  [0-9a-f]{32}$", rows[r], 0, 0))
        id = rows[r] + strlen (rows[r]) - 34;
      if (id == NULL)
        continue;
      g_autofree char *prefix = g_strndup (rows[r], (gsize) (id - rows[r]));
      int col = cjk_display_width (prefix);
      ck_assert_msg (at < 0 || col == at, "row %d: JobVertexID at column %d, not %d: %s",
                     r, col, at, rows[r]);
      at = col;
      found++;
    }
  ck_assert_int_eq (found, 1 + 3);      /* the header and three JobVertices */
  ck_assert_ptr_nonnull (strstr (table, "\u5206\u8bcd\u5668"));
}
END_TEST

/* ------------------------------------------------------------------------ */
/* golden screens                                                             */

static void
golden_screen (Fixture *f, const char *name, gboolean ascii)
{
  fsim_tui_draw (f->tui, f->grid);
  g_autofree char *text = fsim_tui_grid_to_text (f->grid, ascii);
  fsim_test_golden (name, text, strlen (text));
}

START_TEST (test_golden_screens)
{
  Fixture f;
  fixture_init (&f, 100, 30);
  g_autofree char *win = subtask_label (2, 1, 0);
  /* deployment: Window (2/2) just went DEPLOYING in TaskManager 1 slot 1 */
  fsim_tui_set_cursor (f.tui, find (f.trace, EXECUTION_STATE, win, "DEPLOYING"));
  golden_screen (&f, "tui-deploying-100x30.txt", FALSE);
  /* the same moment at 80x24, without UTF-8 */
  fsim_tui_grid_resize (f.grid, 80, 24);
  golden_screen (&f, "tui-deploying-80x24-ascii.txt", TRUE);
  /* after the failure, zoomed out, with the checkpoint pane */
  fsim_tui_grid_resize (f.grid, 100, 30);
  fsim_tui_goto (f.tui, "22 s");
  fsim_tui_handle_key (f.tui, 'h');
  fsim_tui_handle_key (f.tui, '-');
  golden_screen (&f, "tui-restart-checkpoints-100x30.txt", FALSE);
  /* inspecting Flat Map (2/2): its slot mates, deployment and history */
  fsim_tui_handle_key (f.tui, 'h');
  f.tui->sel_vertex = 1;
  f.tui->sel_subtask = 1;
  fsim_tui_handle_key (f.tui, FSIM_KEY_ENTER);
  fsim_tui_goto (f.tui, "1 s");
  golden_screen (&f, "tui-inspect-100x30.txt", FALSE);
  fsim_tui_handle_key (f.tui, FSIM_KEY_ESCAPE);
  fsim_tui_handle_key (f.tui, '?');
  golden_screen (&f, "tui-help-100x30.txt", FALSE);
  fixture_clear (&f);
}
END_TEST

/* Tiny and odd sizes never crash and never draw outside the grid. */
START_TEST (test_any_size)
{
  Fixture f;
  fixture_init (&f, 1, 1);
  const int sizes[][2] = { { 1, 1 }, { 10, 3 }, { 30, 8 }, { 40, 12 }, { 79, 23 },
                           { 80, 24 }, { 99, 30 }, { 100, 24 }, { 200, 60 }, { 300, 10 } };
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (gint64 c = 0; c < fsim_trace_count (f.trace); c += 13)
      {
        fsim_tui_grid_resize (f.grid, sizes[i][0], sizes[i][1]);
        fsim_tui_set_cursor (f.tui, c);
        f.tui->focus = (FsimTuiPane) (c % FSIM_TUI_PANE_COUNT);
        f.tui->show_checkpoints = c % 2;
        f.tui->mode = c % 3 == 0 ? FSIM_TUI_MODE_INSPECT : FSIM_TUI_MODE_NORMAL;
        g_autofree char *text = screen (&f);
        ck_assert_ptr_nonnull (text);
      }
  fixture_clear (&f);
}
END_TEST

/* 100k records: the index and every screen stay fast, stepping back is a
 * cursor move, not a replay. Generous bounds: the point is no O(n) per key. */
START_TEST (test_large_trace)
{
  Writer w = { fsim_trace_new (), 0 };
  for (int i = 0; i < 100000; i++)
    {
      w.now = i * 10;
      int s = i % 50;
      FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
      r.vertex = 0;
      r.subtask = s;
      r.attempt = 0;
      r.taskmanager = 1 + s / 10;
      r.slot = s % 10;
      g_autofree char *label = g_strdup_printf ("Map (%d/50)#0", s + 1);
      r.label = label;
      r.to = (i / 50) % 2 ? FSIM_EXECUTION_RUNNING : FSIM_EXECUTION_DEPLOYING;
      r.from = (i / 50) % 2 ? FSIM_EXECUTION_DEPLOYING : FSIM_EXECUTION_RUNNING;
      r.why = "synthetic";
      rec (&w, FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE), r);
    }
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (FsimTui) tui = fsim_tui_new (w.trace, NULL, "big");
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);
  for (int k = 0; k < 40; k++)
    {
      fsim_tui_set_cursor (tui, (gint64) (k * 2477) % 100000);
      fsim_tui_handle_key (tui, 'b');
      fsim_tui_draw (tui, grid);
    }
  fsim_tui_handle_key (tui, '=');
  fsim_tui_set_cursor (tui, 99999);
  fsim_tui_draw (tui, grid);
  gint64 ms = (g_get_monotonic_time () - t0) / 1000;
  ck_assert_msg (ms < 20000, "40 screens of a 100k-record trace took %" G_GINT64_FORMAT " ms", ms);
  const FsimTuiSubtask *s = fsim_tui_history_find_subtask (tui->history, 0, 49);
  ck_assert_int_eq (fsim_tui_subtask_at (s, 99999, G_MAXINT64)->state, FSIM_EXECUTION_RUNNING);
  ck_assert_int_eq (fsim_tui_subtask_at (s, 99949, G_MAXINT64)->state, FSIM_EXECUTION_DEPLOYING);
  fsim_trace_unref (w.trace);
}
END_TEST

void
viz_tui_tcases (Suite *suite)
{
  TCase *grid = tcase_create ("TuiGrid");
  tcase_add_test (grid, test_grid_print_clips_with_ellipsis);
  tcase_add_test (grid, test_grid_wide_characters);
  tcase_add_test (grid, test_labelled_text);
  tcase_add_test (grid, test_grid_box_and_areas);
  tcase_add_test (grid, test_grid_wrap);
  suite_add_tcase (suite, grid);

  /* the trace is the only source: state at a cursor from records 0..cursor */
  TCase *history = tcase_create ("TuiCursorInTrace");
  tcase_add_test (history, test_history_state_at_cursor);
  tcase_add_test (history, test_step_back_restores_screen);
  tcase_add_test (history, test_rows_grouped_by_slot);
  tcase_add_test (history, test_rows_follow_the_cursor);
  tcase_add_test (history, test_timeline_has_no_future);
  tcase_set_timeout (history, 60);
  suite_add_tcase (suite, history);

  TCase *keys = tcase_create ("TuiKeys");
  tcase_add_test (keys, test_key_table);
  tcase_add_test (keys, test_help_lists_every_binding);
  tcase_add_test (keys, test_lesson_tour_steps_and_answers);
  tcase_add_test (keys, test_lesson_tour_panes_and_highlights);
  tcase_add_test (keys, test_lesson_pane_shows_job);
  tcase_add_test (keys, test_lesson_step_log_kind);
  tcase_add_test (keys, test_lesson_pane_scrolls);
  tcase_add_test (keys, test_goto_time_and_record);
  tcase_add_test (keys, test_search_and_jumps);
  tcase_add_test (keys, test_search_matches_summary_text);
  tcase_add_test (keys, test_search_many_texts);
  tcase_add_test (keys, test_step_into_subtask);
  tcase_add_test (keys, test_run_continuously);
  tcase_add_test (keys, test_click_selects_subtask);
  suite_add_tcase (suite, keys);

  /* what a learner reads on the screen, at the sizes the issue names */
  TCase *reading = tcase_create ("TuiReading");
  tcase_add_test (reading, test_step_shows_current_record_whole);
  tcase_add_test (reading, test_step_lines_as_flinksim_run);
  tcase_add_test (reading, test_header_status_from_submission);
  tcase_add_test (reading, test_header_at_80_columns);
  tcase_add_test (reading, test_header_restart_attempts_and_backoff);
  tcase_add_test (reading, test_header_restart_gives_up);
  tcase_add_test (reading, test_help_scrolls_to_its_end);
  tcase_add_test (reading, test_jump_selects_subject);
  tcase_add_test (reading, test_labels_told_apart);
  tcase_add_test (reading, test_same_names_numbered);
  tcase_add_test (reading, test_graph_wraps_chaining_reason);
  tcase_add_test (reading, test_graph_slot_sharing_origin);
  tcase_add_test (reading, test_graph_names_told_apart);
  tcase_add_test (reading, test_axis_in_seconds);
  tcase_add_test (reading, test_zoom_whole_run);
  tcase_add_test (reading, test_run_skips_quiet_time);
  tcase_add_test (reading, test_narrow_cues);
  tcase_add_test (reading, test_before_first_record);
  tcase_add_test (reading, test_checkpoint_pane_at_cursor);
  tcase_add_test (reading, test_checkpoint_pane_failed);
  tcase_add_test (reading, test_examples_whys_whole_at_80x24);
  tcase_add_test (reading, test_chinese_operator_names_align);
  tcase_add_test (reading, test_wrap_chinese);
  tcase_set_timeout (reading, 60);
  suite_add_tcase (suite, reading);

  TCase *screens = tcase_create ("TuiScreens");
  tcase_add_test (screens, test_golden_screens);
  tcase_add_test (screens, test_any_size);
  tcase_add_test (screens, test_large_trace);
  tcase_set_timeout (screens, 120);
  suite_add_tcase (suite, screens);
}
