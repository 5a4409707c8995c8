/* scheduler-tests.h - shared by the files of check_scheduler.
 *
 * Jobs are built by hand as StreamGraphs (the job-file parser is another
 * module), turned into JobGraph and ExecutionGraph by graphs/, and run on a
 * cluster with explicit settings; assertions read the trace only. */
#pragma once

#include "scheduler/scheduler.h"
#include "tests/testlib.h"

G_BEGIN_DECLS

#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

typedef struct {
  FsimStreamGraph *sg;
  FsimJobGraph *jg;
  FsimExecutionGraph *eg;
  FsimSim *sim;
  FsimCluster *cluster;
  FsimTrace *trace;
  int next_id;
} TestJob;

TestJob *test_job_new (const char *name);
void test_job_free (TestJob *j);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestJob, test_job_free)

FsimStreamNode *test_source (TestJob *j, const char *name, int parallelism);
FsimStreamNode *test_op (TestJob *j, const char *name, int parallelism);
FsimStreamNode *test_sink (TestJob *j, const char *name, int parallelism);
void test_connect (TestJob *j, FsimStreamNode *from, FsimStreamNode *to, FsimPartitioner p);
/* A BATCH exchange: a BLOCKING result, so a region boundary. */
void test_connect_blocking (TestJob *j, FsimStreamNode *from, FsimStreamNode *to,
                            FsimPartitioner p);
/* Builds the graphs and a cluster with settings, submits at 0. */
void test_job_start (TestJob *j, const FsimClusterSettings *settings);
FsimRunResult test_job_run (TestJob *j, gint64 until_us);
/* The settings every test starts from: Flink's defaults, 1 ms RPCs. */
void test_settings (FsimClusterSettings *s, int taskmanagers, int slots);

/* The records of one kind, in trace order. (transfer container) */
GPtrArray *test_records (FsimTrace *trace, FsimSchedKind kind);
/* The last record of a kind about (vertex, subtask), or NULL. */
const FsimTraceRecord *test_last (FsimTrace *trace, FsimSchedKind kind, int vertex, int subtask);
/* The first execution-state record of (vertex, subtask) entering `to`. */
const FsimTraceRecord *test_entered (FsimTrace *trace, FsimSchedKind kind, int vertex,
                                     int subtask, const char *to);
/* Fails the test unless every state record chains legally per subject
 * (from = previous to, first from CREATED / INITIALIZING) and every step is
 * legal in Flink's machines. */
void test_assert_transitions_legal (FsimTrace *trace);

/* A keyed WindowOperator summing its elements (the WindowOperatorTest's
 * SumReducer): assigner and trigger as the job language writes them
 * (scheduler-windows.c). */
FsimWindowOperator *test_window_operator (const char *assigner, const char *trigger,
                                          gint64 lateness_ms, gboolean side_output);

void scheduler_placement_tcases (Suite *s);
void scheduler_failure_tcases (Suite *s);
void scheduler_lifecycle_tcases (Suite *s);
void scheduler_views_tcases (Suite *s);   /* linked into check_viz: views are viz/ */
void scheduler_attempts_tcases (Suite *s);
void scheduler_checkpoint_tcases (Suite *s);
void scheduler_machines_tcases (Suite *s);
void scheduler_restart_tcases (Suite *s);
void scheduler_failover_tcases (Suite *s);
void scheduler_network_tcases (Suite *s);
void scheduler_event_time_tcases (Suite *s);
void scheduler_metrics_tcases (Suite *s);
void scheduler_watermarks_tcases (Suite *s);
void scheduler_windows_tcases (Suite *s);
void scheduler_event_time_detail_tcases (Suite *s);
void scheduler_decline_fault_tcases (Suite *s);
void scheduler_stop_with_savepoint_tcases (Suite *s);
void scheduler_sink_commit_tcases (Suite *s);
void scheduler_recovery_tcases (Suite *s);
void scheduler_sorted_input_tcases (Suite *s);

G_END_DECLS
