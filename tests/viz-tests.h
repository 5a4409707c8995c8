/* viz-tests.h - helpers shared by the files of check_viz. */
#pragma once

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "viz/viz.h"
#include "viz/tui-private.h"
#include "tests/testlib-graphs.h"

G_BEGIN_DECLS

/* fsim_viz_stream_graph, fsim_viz_job_graph, fsim_viz_execution_graph… */
typedef GBytes *(*VizTestView) (const FsimJob *job, FsimFormat format, GError **error);

/* What view shows of job in format, NUL-terminated, its length in *len
 * (PNG holds NULs) if len is not NULL; fails the test if the view fails.
 * (transfer full) */
char *viz_test_render (VizTestView view, const FsimJob *job, FsimFormat format, gsize *len);

/* One golden file per job: tests/golden/<level>-<prefix><stem>.<ext>. */
typedef struct {
  const char *level;            /* "stream", "job", "execution"… */
  VizTestView view;
  FsimFormat format;
  const char *ext;
} VizTestGolden;

/* Every file in the source folder dir ending with suffix ("examples",
 * ".job"), through each of goldens[0..n). */
void viz_test_goldens (const char *dir, const char *suffix, const char *prefix,
                       const VizTestGolden *goldens, guint n);

/* Records up to 3 s out of order, a watermark 1 s behind the highest
 * event time (forBoundedOutOfOrderness), 5 s tumbling windows of 10 keys,
 * parallelism 1, 30 s: windows fire and records come late. */
extern const char viz_test_late_job[];

/* A job run to its end and the TUI on its trace. */
typedef struct {
  FsimJob *job;
  FsimJobRun *run;
  FsimTui *tui;
} VizTuiRun;

/* Parses text (named file), runs it with seed 1 (event_time_detail: as
 * --detail event-time traces it) and opens the TUI titled title on the
 * trace; fails the test on a parse or run error. (transfer full) */
VizTuiRun *viz_tui_run_new (const char *text, const char *file, const char *title,
                            gboolean event_time_detail);
void viz_tui_run_free (VizTuiRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VizTuiRun, viz_tui_run_free)

G_END_DECLS
