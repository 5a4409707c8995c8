/* viz.h - views of what flinksim computed: graphs and traces, as a user sees them.
 *
 * Flink shows a job in its Web UI (job graph, subtask timeline, checkpoint
 * history) and through REST JSON; flinksim shows the same things as text
 * tables, DOT/SVG/PNG drawings (Graphviz cgraph + gvc, behind viz/dot.h), JSON
 * in Flink's own shapes, trace exports and the ncurses TUI. Viewers never
 * re-derive behaviour: they read graphs/ and the trace.
 *
 * Every view returns its bytes (PNG is binary) so that the CLI decides where
 * they go. Only this module includes cgraph, gvc or ncurses.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "checkpoint/checkpoint.h"
#include "graphs/graphs.h"
#include "sim/sim.h"

G_BEGIN_DECLS

#define FSIM_VIZ_ERROR (fsim_viz_error_quark ())
GQuark fsim_viz_error_quark (void);

typedef enum {
  FSIM_VIZ_ERROR_FORMAT,        /* a view that this format cannot show */
  FSIM_VIZ_ERROR_RENDER,        /* Graphviz failed */
  FSIM_VIZ_ERROR_TERMINAL,      /* the TUI has no usable terminal */
  FSIM_VIZ_ERROR_TOO_LARGE,     /* a layout above the bound below; --full */
  FSIM_VIZ_ERROR_EMPTY,         /* the trace holds nothing this view shows */
} FsimVizError;

typedef enum {
  FSIM_FORMAT_TEXT,
  FSIM_FORMAT_JSON,
  FSIM_FORMAT_DOT,
  FSIM_FORMAT_SVG,
  FSIM_FORMAT_PNG,
  FSIM_FORMAT_JSONL,
} FsimFormat;

/* "text", "json", "dot", "svg", "png", "jsonl". */
gboolean fsim_format_from_name (const char *name, FsimFormat *out);
const char *fsim_format_name (FsimFormat format);

/* The StreamGraph of a job: text table, getExecutionPlan() JSON, or a
 * drawing (nodes labelled with name and parallelism, edges with partitioner).
 * (transfer full) */
GBytes *fsim_viz_stream_graph (const FsimJob *job, FsimFormat format, GError **error);

/* The JobGraph of a job (operator chains): text table of vertices and
 * JobEdges, GET /jobs/:jobid JSON (vertices and JsonPlanGenerator's plan,
 * docs/formats.md), or a drawing with one cluster per chain. Fails where
 * Flink's StreamingJobGraphGenerator would. (transfer full) */
GBytes *fsim_viz_job_graph (const FsimJob *job, FsimFormat format, GError **error);

/* What if? (`x` and `X` in the TUI, viz/tui-whatif.c): a fault the
 * learner adds at the cursor to the run on screen. */
typedef struct {
  gboolean kill_taskmanager;    /* FALSE: the subtask's task fails */
  gint64 at_us;                 /* simulated time: the cursor's record */
  gint32 vertex, subtask;       /* the subtask, in the trace's numbering */
  gint32 taskmanager;           /* kill_taskmanager: the one it runs on, from 1 */
  const char *const *earlier;   /* NULL-terminated: the faults the run on screen
                                 * already added, as job lines (empty: none) */
} FsimVizWhatIf;

/* Simulates the job again, deterministically (the same seed and options),
 * with the earlier faults and this one after the job's own; returns the new
 * run's trace (transfer full) and in *fault the added fault as a job line
 * ("at 12001000 us fail \"Flat Map\" subtask 1", transfer full), or NULL
 * with error set (a message for the learner). */
typedef FsimTrace *(*FsimVizForkFunc) (const FsimVizWhatIf *what, char **fault, gpointer data,
                                       GError **error);

/* The channels exactly at a record (the inspect view, viz/tui-probe.c):
 * the run on screen (the job with faults, NULL-terminated job lines as a
 * what-if adds them; empty: the job's own) simulated again, which gives
 * the same trace, stopped right after the event that wrote record seq.
 * (transfer full) GArray of FsimChannelState (scheduler.h), or NULL with
 * error set. */
typedef GArray *(*FsimVizProbeFunc) (const char *const *faults, gint64 seq, gpointer data,
                                     GError **error);

/* The step-through TUI (viz/tui*.c): the Web UI's job graph, subtask
 * timeline and checkpoint history over one recorded run, stepped forward and
 * back like a debugger. Everything shown at a step comes from the trace
 * records up to it, but for the channels of the inspect view, which probe
 * asks for exactly at the cursor. Runs until the user quits; FALSE with
 * FSIM_VIZ_ERROR_TERMINAL (a message that points to `flinksim run`) when
 * stdin/stdout are not a terminal curses can drive. job_graph may be NULL
 * (no graph pane); the trace numbers vertices in its topological order.
 * fork re-runs the job for a what-if, probe to the cursor; NULL: none (a
 * Flink plan has no job text to add a fault to; without probe the
 * inspect view shows the latest once-a-second channel sample). data is
 * theirs. */
gboolean fsim_viz_tui_run (FsimTrace *trace, const FsimJobGraph *job_graph,
                           const char *job_name, FsimVizForkFunc fork, FsimVizProbeFunc probe,
                           gpointer data, GError **error);

/* A guided tour of a run (`flinksim lesson N`, viz/tui-lesson.c): steps,
 * each a cursor with a text and maybe a question, that the TUI shows in a
 * narration pane above the others and moves between with [ and ]. The TUI
 * knows nothing of lessons: whoever builds the tour computes every step's
 * record and judges the answers. */
/* The pane a step opens (a lesson's `show:`, docs/lessons.md). */
typedef enum {
  FSIM_VIZ_PANE_KEEP,           /* whatever the learner has open */
  FSIM_VIZ_PANE_TIMELINE,       /* subtasks by slot over time */
  FSIM_VIZ_PANE_GRAPH,          /* the JobGraph: chains and their edges */
  FSIM_VIZ_PANE_STEP,           /* the records before the cursor */
  FSIM_VIZ_PANE_CHECKPOINTS,
  FSIM_VIZ_PANE_EVENT_TIME,
  FSIM_VIZ_PANE_INSPECT,        /* the first highlighted subtask in detail */
} FsimVizPane;

/* A subject a step highlights, in the trace's numbering (vertices in
 * topological order, subtasks from 0): a JobVertex (subtask -1), one
 * subtask, or the input channel from a producer subtask to a consumer
 * subtask (to_vertex >= 0). */
typedef struct {
  gint32 vertex, subtask;
  gint32 to_vertex, to_subtask;         /* -1: not a channel */
} FsimVizSubject;

/* A run to keep beside the one on screen and flip to with w (`flinksim
 * compare --tui`, a lesson step's `compare:`): its trace and JobGraph, and
 * what it is ("B.job", "--set execution.checkpointing.unaligned.enabled=true"). */
typedef struct {
  FsimTrace *trace;
  const FsimJobGraph *job_graph;
  const char *what;
} FsimVizRun;

typedef struct {
  gint64 cursor;                /* the record the step stops at */
  const char *text;             /* the narration, or NULL; "\n" joins lines */
  const char *question;         /* NULL: nothing asked */
  const char *const *choices;   /* NULL-terminated, or NULL: a value is typed */
  FsimVizPane pane;
  const FsimVizSubject *highlights;     /* n_highlights of them */
  guint n_highlights;
  const char *highlight_text;   /* "Look at: Count (2/4)", or NULL */
  const FsimVizRun *compare;    /* a second run to flip to from this step on, or NULL */
  FsimTraceKind log_kind;       /* `show: log KIND`: the step pane lists only records of
                                 * this kind while the tour is at this step; NULL all */
} FsimVizTourStep;

/* Judges answer (as typed: a choice's letter or its text, or a value) to
 * step's question: *right, and what to show (transfer full): "Right." or
 * what the run says and why, lines joined by "\n". */
typedef char *(*FsimVizTourJudge) (guint step, const char *answer, gboolean *right,
                                   gpointer data);

typedef struct {
  const char *title;
  guint n_steps;                /* at least 1 */
  const FsimVizTourStep *steps;
  FsimVizTourJudge judge;
  gpointer judge_data;
  const char *job_source;       /* the job's lines as its file writes them, which J
                                 * shows numbered from 1 in the pane; NULL none */
} FsimVizTour;

/* The TUI of fsim_viz_tui_run with a tour, at its first step; the tour
 * must outlive the call. No what-if: the lesson is about the run it shows;
 * probe (may be NULL) gives its channels at the cursor, with probe_data. */
gboolean fsim_viz_tui_run_tour (FsimTrace *trace, const FsimJobGraph *job_graph,
                                const char *job_name, const FsimVizTour *tour,
                                FsimVizProbeFunc probe, gpointer probe_data, GError **error);
/* The TUI of fsim_viz_tui_run over run a, with run b kept beside it: w
 * flips between them at the same simulated time, the header names the run
 * shown and the first record where they differ. No what-if. */
gboolean fsim_viz_tui_run_compare (const FsimVizRun *a, const FsimVizRun *b,
                                   const char *job_name, GError **error);
/* What the TUI's checkpoint or event-time pane (pane) draws at cursor, as
 * text in a box 100 columns wide (viz/tui-text.c): for a lesson's plain
 * mode. select (may be NULL) is the selected subtask, whose window the
 * event-time pane plots (else the first that runs one). (transfer full) */
char *fsim_viz_tui_pane_text (FsimTrace *trace, const FsimJobGraph *job_graph,
                              const char *job_name, FsimVizPane pane, gint64 cursor,
                              const FsimVizSubject *select);
/* TRUE if stdin and stdout are terminals and TERM is set. */
gboolean fsim_viz_tui_available (GError **error);

/* The ExecutionGraph (DefaultExecutionGraph): every subtask with the
 * partitions it reads and writes and their subpartition indices, key-group
 * ranges of keyed vertices; its pipelined regions; its shared slots
 * (LocalInputPreferredSlotSharingStrategy) and the slots the job needs. As
 * text, JSON (docs/formats.md) or a drawing that stays readable at
 * parallelism 10,000 (elided subtasks, big all-to-all exchanges bundled).
 * (transfer full) */
GBytes *fsim_viz_execution_graph (const FsimJob *job, FsimFormat format, GError **error);
/* The same, its text listing every subtask however many (`graph --full`):
 * fsim_viz_execution_graph's text shows a vertex of more than 16 subtasks
 * as runs of subtasks alike but for their numbers ("Map (1..10000/10000)"). */
GBytes *fsim_viz_execution_graph_full (const FsimJob *job, FsimFormat format, GError **error);
GBytes *fsim_viz_regions (const FsimJob *job, FsimFormat format, GError **error);
GBytes *fsim_viz_slot_sharing (const FsimJob *job, FsimFormat format, GError **error);

/* --- a run's trace (trace-log.c, trace-perfetto.c, slots-view.c) --- */

/* The trace as the log `flinksim run` prints (text: time, subject, states,
 * why wrapped at 80 columns) or as JSON Lines, one object per record
 * (docs/formats.md). filter may be NULL. (transfer full) */
GBytes *fsim_viz_trace_log (FsimTrace *trace, const FsimTraceFilter *filter,
                            FsimFormat format, GError **error);
/* The trace as Chrome Trace Event JSON for Perfetto / chrome://tracing:
 * a process per TaskManager (a thread per subtask placed in one of its
 * slots, complete events for its ExecutionStates) and one for the
 * JobManager (instant events for scheduling steps). Deterministic.
 * (transfer full) */
GBytes *fsim_viz_trace_perfetto (FsimTrace *trace, GError **error);
/* Every kind registered with trace (`flinksim run --kinds`): per kind a line
 * "name: doc" and an indented line with its writer, roles, machine and
 * typed values. (transfer full) */
GBytes *fsim_viz_trace_kinds (FsimTrace *trace);
/* The same two, written to file record by record as they are made: the
 * output never exists whole in memory. FALSE and error (G_FILE_ERROR, the
 * system's message) if a write fails. */
gboolean fsim_viz_trace_log_write (FsimTrace *trace, const FsimTraceFilter *filter,
                                   FsimFormat format, FILE *file, GError **error);
gboolean fsim_viz_trace_perfetto_write (FsimTrace *trace, FILE *file, GError **error);
/* A record's typed values as the text log and the TUI say them
 * (trace-values.c): "watermark_ms end of input (Long.MAX_VALUE), advances
 * 1 watermark"; "" when its kind has none. (transfer full) */
char *fsim_viz_trace_values_text (const FsimTraceRecord *r);
/* How many records the text log leaves out: the metric samples (kinds
 * flagged FSIM_KIND_SAMPLE), unless the filter names a kind. */
gint64 fsim_viz_trace_log_hidden (FsimTrace *trace, const FsimTraceFilter *filter,
                                  FsimFormat format);
/* Where the subtasks run: TaskManagers, their slots and the subtasks each
 * slot holds after deployment, read from a simulated run of the job; text,
 * DOT, SVG or PNG (a cluster per TaskManager and per slot). */
GBytes *fsim_viz_slots (const FsimJob *job, FsimFormat format, GError **error);

/* Graphviz's dot lays out a few hundred nodes in seconds and a fan-in of
 * of 200 JobVertices (800 Graphviz nodes, with captions) in some 25 s, a
 * plan of 1,900 nodes in minutes (issue 9). The SVG and PNG of the
 * views above are refused (FSIM_VIZ_ERROR_TOO_LARGE, a message naming
 * `--full`) above this many nodes or edges; their DOT text and text tables
 * are not bounded. */
#define FSIM_VIZ_MAX_LAYOUT_NODES 500
#define FSIM_VIZ_MAX_LAYOUT_EDGES 1500
/* `graph --full`: lays out DOT text (a view's FSIM_FORMAT_DOT output) and
 * renders it as format (SVG or PNG) whatever its size. (transfer full) */
GBytes *fsim_viz_layout_dot (GBytes *dot, FsimFormat format, GError **error);

/* --- task metrics (metrics-view.c) --- */

typedef enum {
  FSIM_VIZ_METRICS_TEXT,
  FSIM_VIZ_METRICS_JSON,
  FSIM_VIZ_METRICS_CSV,
} FsimVizMetricsFormat;

/* "text", "json", "csv". */
gboolean fsim_viz_metrics_format_from_name (const char *name, FsimVizMetricsFormat *out);
/* The task metric samples of a trace (scheduler.h's task-metrics kinds),
 * one per subtask attempt and time, as `flinksim metrics` prints them
 * (docs/formats.md): a text table with a legend, {"samples": [...]} JSON or
 * CSV, with Flink's metric names and the REST API's backpressure level.
 * at_s >= 0 keeps the samples of that second of simulated time. NULL and
 * FSIM_VIZ_ERROR_EMPTY, saying why, when there is no sample to show.
 * (transfer full) */
GBytes *fsim_viz_metrics (FsimTrace *trace, gint64 at_s, FsimVizMetricsFormat format,
                          GError **error);
/* The same, written to file as it is made: what is in memory at once is
 * one time's samples, whatever the length of the run. FALSE and error
 * (FSIM_VIZ_ERROR_EMPTY before anything is written, or G_FILE_ERROR) if
 * not. */
gboolean fsim_viz_metrics_write (FsimTrace *trace, gint64 at_s, FsimVizMetricsFormat format,
                                 FILE *file, GError **error);
/* Whether fsim_viz_metrics would show a sample: FALSE and the
 * FSIM_VIZ_ERROR_EMPTY saying why, without writing. */
gboolean fsim_viz_metrics_any (FsimTrace *trace, gint64 at_s, GError **error);

/* --- checkpoint statistics (checkpoints-view.c) --- */

typedef enum {
  FSIM_VIZ_CHECKPOINTS_TEXT,
  FSIM_VIZ_CHECKPOINTS_JSON,
} FsimVizCheckpointsFormat;

/* "text", "json". */
gboolean fsim_viz_checkpoints_format_from_name (const char *name, FsimVizCheckpointsFormat *out);
/* The checkpoints of a run as `flinksim checkpoints` prints them
 * (docs/formats.md): views holds the coordinator's FsimCheckpointStatsView
 * of checkpoints 1..n in order. id < 1: the history (JSON: Flink's
 * /jobs/:jobid/checkpoints); id >= 1: that checkpoint's details (JSON:
 * .../checkpoints/details/:id with each task's subtasks), text with a
 * Gantt of width columns. NULL and FSIM_VIZ_ERROR_EMPTY for an unknown id.
 * (transfer full) */
GBytes *fsim_viz_checkpoints (const GArray *views, const FsimExecutionGraph *eg, gint64 id,
                              FsimVizCheckpointsFormat format, int width, GError **error);
/* The per-subtask Gantt of one checkpoint's phases, slowest first. */
void fsim_viz_checkpoint_gantt (const FsimCheckpointStatsView *view, int width, GString *out);
/* The Gantt's parts, which the TUI's checkpoint pane draws with the same
 * rules: sorts rows (const FsimSubtaskCheckpointRow *) slowest first (the
 * latest acknowledgement first, a row not acknowledged before every one
 * that is; ties by vertex and subtask). */
void fsim_viz_checkpoint_gantt_sort (GPtrArray *rows);
/* Fills bar[0..cols-1] with one row's phases on an axis of span_us from
 * the trigger: '.' start delay, '=' alignment, '#' synchronous part, '~'
 * asynchronous part, one after the other from its stats, and '|' at the
 * acknowledgement if it is acknowledged; a phase that took time takes at
 * least one column; ' ' elsewhere. */
void fsim_viz_checkpoint_gantt_bar (const FsimSubtaskCheckpointRow *row, gint64 trigger_us,
                                    gint64 span_us, char *bar, int cols);
/* The line that explains the bar's characters. (transfer none) */
const char *fsim_viz_checkpoint_gantt_legend (void);

/* Terminal columns (viz/text-width.c): a wide (CJK) character is 2, a
 * combining mark 0, others 1. Tables, the TUI and the course's reports
 * align by it. */
int fsim_viz_char_width (gunichar ch);
int fsim_viz_text_width (const char *utf8);
/* The same for the first len bytes (len < 0: all). */
int fsim_viz_text_width_len (const char *utf8, gssize len);
/* "label text": a translated label and what follows it, a space between
 * unless the label ends with a wide character ("问题：" is followed by
 * nothing, as Chinese punctuation carries its own space). (transfer full) */
char *fsim_viz_labelled (const char *label, const char *text);
/* Appends item to a list after a label: the first as fsim_viz_labelled
 * joins it, the others after the language's list separator (", "; 、 in
 * Chinese). */
void fsim_viz_append_item (GString *out, gboolean first, const char *item);

G_END_DECLS
