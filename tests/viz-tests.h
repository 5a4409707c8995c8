/* viz-tests.h - helpers shared by the files of check_viz. */
#pragma once

#include "graphs/graphs.h"
#include "viz/viz.h"
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

G_END_DECLS
