/* bench-outputs.c - what viewing a run costs beside making it.
 *
 * `flinksim run` text and JSON Lines against the simulation alone (the same
 * run to RUNNING, measured alternately: the ratio is the figure); the
 * Perfetto export; the ExecutionGraph's DOT text and its Graphviz layout at
 * P = 64, 256, 1024; and the TUI on a trace of 1 M records, drawn offscreen
 * into a grid as tests/viz-tui.c does: opening it, a step, a jump to a time,
 * and a search that has to read the whole trace. */
#include "config.h"

#include <stdio.h>

#include "bench/bench.h"
#include "bench/bench-job.h"
#include "viz/tui-private.h"
#include "viz/viz.h"

#define OUTPUT_P 5000

/* --- run text / jsonl ------------------------------------------------------------ */

typedef struct {
  FsimFormat format;            /* FSIM_FORMAT_COUNT: none, the simulation alone */
  gboolean perfetto;
} Output;

static double
simulate_and_write (gpointer data)
{
  Output *o = data;
  g_autoptr (FsimJob) job = fsim_bench_job_all_to_all (OUTPUT_P);
  FILE *devnull = fopen ("/dev/null", "w");
  g_assert (devnull != NULL);
  double t0 = fsim_bench_now ();
  g_autoptr (FsimJobRun) run = fsim_bench_run_to_running (job);
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;
  if (o->perfetto)
    ok = fsim_viz_trace_perfetto_write (fsim_job_run_get_trace (run), devnull, &error);
  else if (o->format != (FsimFormat) -1)
    ok = fsim_viz_trace_log_write (fsim_job_run_get_trace (run), NULL, o->format, devnull,
                                   &error);
  fflush (devnull);
  double s = fsim_bench_now () - t0;
  g_assert (ok);
  fclose (devnull);
  return s;
}

static void
output_rows (void)
{
  static Output alone = { (FsimFormat) -1, FALSE };
  static Output text = { FSIM_FORMAT_TEXT, FALSE };
  static Output jsonl = { FSIM_FORMAT_JSONL, FALSE };
  static Output perfetto = { (FsimFormat) -1, TRUE };
  FsimBenchStats ours, ref;
  fsim_bench_measure_pair (FSIM_BENCH_REPS, simulate_and_write, &text, simulate_and_write,
                           &alone, &ours, &ref);
  fsim_bench_row_ref ("run 2 x 5,000 to RUNNING, text log", "ms", 1e3, &ours,
                      "simulation alone", &ref, 1.5);
  fsim_bench_measure_pair (FSIM_BENCH_REPS, simulate_and_write, &jsonl, simulate_and_write,
                           &alone, &ours, &ref);
  fsim_bench_row_ref ("run 2 x 5,000 to RUNNING, JSON Lines", "ms", 1e3, &ours,
                      "simulation alone", &ref, 0);
  fsim_bench_measure_pair (FSIM_BENCH_REPS, simulate_and_write, &perfetto, simulate_and_write,
                           &alone, &ours, &ref);
  fsim_bench_row_ref ("run 2 x 5,000 to RUNNING, Perfetto JSON", "ms", 1e3, &ours,
                      "simulation alone", &ref, 0);
}

/* --- DOT ----------------------------------------------------------------------------- */

typedef struct {
  int p;
  gboolean layout;
} Dot;

static double
dot (gpointer data)
{
  Dot *d = data;
  g_autoptr (FsimJob) job = fsim_bench_job_all_to_all (d->p);
  g_autoptr (GError) error = NULL;
  double t0 = fsim_bench_now ();
  g_autoptr (GBytes) text = fsim_viz_execution_graph (job, FSIM_FORMAT_DOT, &error);
  g_assert (text != NULL);
  if (!d->layout)
    return fsim_bench_now () - t0;
  t0 = fsim_bench_now ();
  g_autoptr (GBytes) svg = fsim_viz_layout_dot (text, FSIM_FORMAT_SVG, &error);
  g_assert (svg != NULL);
  return fsim_bench_now () - t0;
}

static void
dot_rows (void)
{
  static const int sizes[] = { 64, 256, 1024 };
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int layout = 0; layout <= 1; layout++)
      {
        Dot d = { sizes[i], layout };
        FsimBenchStats s = fsim_bench_measure (FSIM_BENCH_REPS, dot, &d);
        g_autofree char *name = g_strdup_printf ("ExecutionGraph 2 x %d, %s", sizes[i],
                                                 layout ? "DOT laid out (SVG)" : "DOT text");
        fsim_bench_row (name, "ms", 1e3, &s);
      }
}

/* --- the TUI ---------------------------------------------------------------------------- */

/* A run that fills the trace's default budget of 1 M records before every
 * subtask is RUNNING: four vertices of 32,768. */
static const char tui_job[] =
  "job \"TUI at a million records\"\n"
  "set parallelism.default = 32768\n"
  "set taskmanager.numberOfTaskSlots = 128\n"
  "set sim.taskmanagers = 256\n"
  "set sim.max-subtasks = 200000\n"
  "src = env.fromSource(\"Events\").rate(1/s)\n"
  "src.rebalance().map(\"A\").disableChaining().map(\"B\").disableChaining().print()\n";

typedef enum { TUI_OPEN, TUI_STEP, TUI_JUMP, TUI_SEARCH } TuiOp;

typedef struct {
  TuiOp op;
  FsimJob *job;
  FsimJobRun *run;
  FsimTui *tui;
  FsimTuiGrid *grid;
} Tui;

static void
tui_setup (Tui *t)
{
  if (t->run)
    return;
  g_autoptr (GError) error = NULL;
  t->job = fsim_job_parse (tui_job, "tui.job", &error);
  g_assert (t->job != NULL);
  t->run = fsim_job_run_new (t->job, -1, &error);
  g_assert (t->run != NULL);
  fsim_job_run_run (t->run, 10 * G_USEC_PER_SEC);
  g_assert (fsim_trace_count (fsim_job_run_get_trace (t->run)) >= 1000000);
  t->grid = fsim_tui_grid_new (200, 60);
}

static double
tui (gpointer data)
{
  Tui *t = data;
  tui_setup (t);
  FsimTrace *trace = fsim_job_run_get_trace (t->run);
  double t0 = fsim_bench_now ();
  if (t->op == TUI_OPEN || t->tui == NULL)
    {
      g_clear_pointer (&t->tui, fsim_tui_free);
      t->tui = fsim_tui_new (trace, NULL, "bench");
      fsim_tui_set_cursor (t->tui, fsim_trace_count (trace) / 2);
      fsim_tui_draw (t->tui, t->grid);
      if (t->op == TUI_OPEN)
        return fsim_bench_now () - t0;
      t0 = fsim_bench_now ();
    }
  switch (t->op)
    {
    case TUI_STEP:
      fsim_tui_step (t->tui, 1);
      break;
    case TUI_JUMP:
      fsim_tui_goto (t->tui, t->tui->cursor % 2 ? "20 ms" : "60 ms");
      break;
    case TUI_SEARCH:
      /* in the last record only: the search reads the whole trace */
      fsim_tui_set_cursor (t->tui, 0);
      fsim_tui_search (t->tui, "sim.max-trace-records");
      g_assert (t->tui->cursor == fsim_trace_count (trace) - 1);
      break;
    case TUI_OPEN:
      break;
    }
  fsim_tui_draw (t->tui, t->grid);
  return fsim_bench_now () - t0;
}

static void
tui_rows (void)
{
  static const struct {
    TuiOp op;
    const char *name;
    double target;
  } ops[] = {
    { TUI_OPEN, "TUI open (history of 1 M records) and draw", 0 },
    { TUI_STEP, "TUI step and draw, 1 M records", 0.016 },
    { TUI_JUMP, "TUI jump to a time and draw, 1 M records", 0.100 },
    { TUI_SEARCH, "TUI search the whole trace and draw, 1 M", 0.100 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      Tui t = { ops[i].op, NULL, NULL, NULL, NULL };
      FsimBenchStats s = fsim_bench_measure (FSIM_BENCH_REPS, tui, &t);
      fsim_bench_row_target (ops[i].name, "ms", 1e3, &s, ops[i].target);
    }
}

int
main (void)
{
  fsim_bench_header ("bench-outputs", "views of a run: logs and exports against the "
                     "simulation alone, DOT, the TUI offscreen");
  output_rows ();
  dot_rows ();
  tui_rows ();
  return 0;
}
