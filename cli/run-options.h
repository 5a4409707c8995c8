/* run-options.h - options of the commands that simulate a job (run, trace).
 *
 *   --seed N      the simulation's seed (default: the job's sim.seed)
 *   --until T     stop at virtual time T, Flink duration syntax ("30 s"; a
 *                 bare number is milliseconds, TimeUtils.parseDuration)
 *                 (default: sim.duration; a job that ends stops earlier)
 *   --detail D    more records (short runs: the trace's budget still holds):
 *                 buffers     every network buffer sent and received
 *                 event-time  every watermark at a task's input channels, every
 *                             advance of a task's watermark, every window
 *                             created, merged, purged and late record
 *                 repeatable, or comma-separated: --detail buffers,event-time
 *   --fault F     one more fault, in the job language's form ("at 12 s kill
 *                 taskmanager 1"); repeatable; added after the job file's
 *   --filter F    which records to show (run only); see cmd-run.c */
#pragma once

#include "cli/cli.h"
#include "scheduler/scheduler.h"

G_BEGIN_DECLS

typedef struct {
  char *seed;                   /* NULL: sim.seed */
  char *until;                  /* NULL: sim.duration */
  char **defines;               /* -D KEY=VALUE, read before the job */
  char **details;               /* --detail, each "buffers", "event-time" or a
                                 * comma-separated list of them; NULL: none */
  char **faults;                /* --fault, each an `at T …` line */
} FsimRunOptions;

#define FSIM_RUN_OPTIONS_INIT { .seed = NULL, .until = NULL, .defines = NULL, .details = NULL, \
                                .faults = NULL }
void fsim_run_options_clear (FsimRunOptions *opts);

#define FSIM_RUN_OPTION_ENTRIES(opts)                                          \
  { "seed", 0, 0, G_OPTION_ARG_STRING, &(opts).seed,                           \
    N_("simulation seed (default: the job's sim.seed)"), "N" },                    \
  { "until", 0, 0, G_OPTION_ARG_STRING, &(opts).until,                         \
    N_("stop at this virtual time, in Flink's duration syntax: \"30 s\", \"1500 ms\"; " \
       "a bare number is milliseconds (default: sim.duration)"), "T" }, \
  { "detail", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(opts).details,                \
    N_("more records, for short runs: 'buffers' traces every network buffer sent and "  \
       "received, 'event-time' every channel watermark, watermark advance and window "  \
       "created, merged, purged or late record (repeatable, or comma-separated)"), "WHAT" }, \
  { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(opts).faults,                  \
    N_("add a fault, as a job file writes it: \"at 12 s kill taskmanager 1\" "  \
       "(repeatable)"), "FAULT" },                                             \
  FSIM_CLI_DEFINE_ENTRY ((opts).defines)

/* Builds the run and simulates it; errors are user errors (bad --until,
 * a job Flink would reject). (transfer full) */
FsimJobRun *fsim_run_options_run (const FsimRunOptions *opts, const FsimJob *job,
                                  GError **error);
/* The same run built and not yet simulated, with the time the options
 * simulate it to in *until (-1: sim.duration). (transfer full) */
FsimJobRun *fsim_run_options_new_run (const FsimRunOptions *opts, const FsimJob *job,
                                      gint64 *until, GError **error);

/* Loads the JOB at path and simulates it as fsim_run_options_run does. On
 * failure prints the diagnostic and returns NULL (exit 2); on success *job_out
 * holds the job, which must outlive the run. (transfer full, both) */
FsimJobRun *fsim_run_options_load_and_run (const FsimRunOptions *opts, const char *path,
                                           FsimJob **job_out);

/* The job again with faults (NULL-terminated `at T …` lines) after its
 * own text, parsed and checked as its `at` lines are; fails for a Flink
 * plan, which has no job text. (transfer full) */
FsimJob *fsim_run_options_with_faults (const FsimJob *job, const char *const *faults,
                                       GError **error);

/* what-if.c: the TUI's what-if. What a fork re-runs: the job as loaded
 * (its --fault lines in), the options, and its JobGraph. */
typedef struct {
  const FsimRunOptions *opts;
  const FsimJob *job;
  const FsimJobGraph *job_graph;
  /* fsim_what_if_probe's run, kept to go on from: of the job with
   * probe_faults ("\n"-joined), stepped to probe_seq */
  FsimJobRun *probe_run;
  FsimJob *probe_job;
  char *probe_faults;
  gint64 probe_first;           /* the first record of the last event stepped */
} FsimWhatIfSource;
/* Frees what fsim_what_if_probe kept. */
void fsim_what_if_source_clear (FsimWhatIfSource *src);

/* The fault as a job line: "at 12001000 us fail \"Flat Map\" subtask 1"
 * (fsim_job_vertex_fault_name of the task) or "at … us kill taskmanager
 * 2"; fails when no operator of the task has a name of its own.
 * (transfer full) */
char *fsim_what_if_fault_line (const FsimJobGraph *job_graph, const FsimVizWhatIf *what,
                               GError **error);
/* An FsimVizForkFunc; data is an FsimWhatIfSource. */
FsimTrace *fsim_what_if_fork (const FsimVizWhatIf *what, char **fault, gpointer data,
                              GError **error);
/* An FsimVizProbeFunc; data is an FsimWhatIfSource. The run is kept: a
 * later record of the same run goes on from it, an earlier one or
 * another run's simulates again from the start. */
GArray *fsim_what_if_probe (const char *const *faults, gint64 seq, gpointer data,
                            GError **error);

/* Fills *filter from "key=value" strings (NULL-terminated, may be NULL):
 * subtask=N or subtask=NAME ("Map (2/4)"), vertex=NAME or vertex=N,
 * taskmanager=N, kind=NAME. Unknown keys and names fail with a
 * suggestion. */
gboolean fsim_run_options_parse_filters (FsimJobRun *run, const char *const *filters,
                                         FsimTraceFilter *filter, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FsimRunOptions, fsim_run_options_clear)

G_END_DECLS
