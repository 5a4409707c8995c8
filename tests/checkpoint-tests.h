/* checkpoint-tests.h - what check_checkpoint's files share: a fake job that
 * implements FsimCheckpointHost, and its fixture (check_checkpoint.c). */
#pragma once

#include "checkpoint/checkpoint.h"
#include "tests/testlib.h"

/* The fake job: tasks[0 .. n_sources-1] are its sources (triggered), every
 * task acknowledges. Everything the coordinator asked of it is recorded. */
typedef struct {
  gboolean running;             /* every task RUNNING? */
  const FsimCheckpointTask *tasks;
  guint n_tasks, n_sources;
  GArray *triggered;            /* FsimCheckpointTask copies (labels static) */
  GArray *triggered_ids;        /* gint64 */
  GArray *notified;             /* FsimCheckpointTask */
  GArray *notified_ids;         /* gint64 */
  GArray *aborted;              /* FsimCheckpointTask: notifyCheckpointAborted */
  GArray *aborted_ids;          /* gint64 */
  GArray *latest_at_abort;      /* gint64: the coordinator's latest completed one then */
  FsimCheckpointCoordinator *cc;  /* the coordinator it serves (set by the fixture) */
  GPtrArray *failures;          /* char *: every fail_job / fail_job_due_to_task_failure cause */
  GPtrArray *failing_tasks;     /* char *: the task label of each fail_job_due_to_task_failure */
  guint n_fail_job;             /* calls of fail_job alone */
} FakeJob;

typedef struct {
  FsimSim *sim;
  FakeJob job;
  FsimCheckpointCoordinator *cc;
} Fixture;

/* Three tasks: "Source: A (1/2)#0", "Source: A (2/2)#0", "Sink: B (1/1)#0". */
extern const FsimCheckpointTask fake_tasks[3];

/* A fixture over the three tasks with Flink's defaults, interval 1 s and
 * tolerable failures as given. */
Fixture *fixture_new (int tolerable);
/* The same with settings (NULL: the defaults and interval 1 s) over tasks
 * (NULL: the three above) of which the first n_sources are sources. */
Fixture *fixture_new_full (const FsimCheckpointSettings *settings,
                           const FsimCheckpointTask *tasks, guint n_tasks, guint n_sources);
void fixture_free (Fixture *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* Runs what is due now (scheduleTriggerRequest, the FailJobCallback). */
void fixture_settle (Fixture *f);
/* Every task acknowledges checkpoint id, in the host's order. */
void fixture_ack_all (Fixture *f, gint64 id);
/* The checkpoint module's records, in order (borrowed). (transfer container) */
GPtrArray *checkpoint_records (Fixture *f);
/* Those of one kind. (transfer container) */
GPtrArray *checkpoint_records_of (Fixture *f, FsimCheckpointKind kind);
const FsimTraceRecord *rec (GPtrArray *records, guint i);
/* How many times the fake job triggered checkpoint id at a source. */
guint fixture_n_triggered (Fixture *f, gint64 id);
