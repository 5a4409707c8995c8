/* check_viz.c - viz/: the views of graphs and traces. */
#include "config.h"

#include "tests/testlib.h"

void viz_stream_graph_tcases (Suite *suite);   /* viz-stream-graph.c */
void viz_tui_tcases (Suite *suite);            /* viz-tui.c */
void viz_tui_flow_tcases (Suite *suite);       /* viz-tui-flow.c */
void viz_tui_whatif_tcases (Suite *suite);     /* viz-tui-whatif.c */
void viz_tui_eventtime_tcases (Suite *suite);  /* viz-tui-eventtime.c */
void viz_tui_eventtime_detail_tcases (Suite *suite);  /* viz-tui-eventtime-detail.c */
void viz_tui_checkpoints_tcases (Suite *suite);   /* viz-tui-checkpoints.c */
void viz_job_graph_tcases (Suite *suite);      /* viz-job-graph.c */
void viz_execution_graph_tcases (Suite *suite);   /* viz-execution-graph.c */
void viz_dot_tcases (Suite *suite);            /* viz-dot.c */
void scheduler_views_tcases (Suite *suite);    /* scheduler-views.c: views of a run */
void viz_cjk_tcases (Suite *suite);            /* viz-cjk.c */
void viz_metrics_tcases (Suite *suite);        /* viz-metrics.c */
void viz_checkpoints_tcases (Suite *suite);    /* viz-checkpoints.c */

static Suite *
viz_suite (void)
{
  Suite *s = suite_create ("viz");
  viz_stream_graph_tcases (s);
  viz_job_graph_tcases (s);
  viz_execution_graph_tcases (s);
  viz_dot_tcases (s);
  viz_cjk_tcases (s);
  viz_tui_tcases (s);
  viz_tui_flow_tcases (s);
  viz_tui_whatif_tcases (s);
  viz_tui_eventtime_tcases (s);
  viz_tui_eventtime_detail_tcases (s);
  viz_tui_checkpoints_tcases (s);
  scheduler_views_tcases (s);
  viz_metrics_tcases (s);
  viz_checkpoints_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (viz_suite ());
}
