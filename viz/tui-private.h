/* tui-private.h - the step-through TUI in layers, shared by viz/tui-*.c and tests.
 *
 * The TUI is Flink's Web UI (job graph, subtask timeline, checkpoint history)
 * turned into a debugger over one recorded run: every screen shows the trace
 * up to a cursor, and stepping back is moving that cursor. Layers, as in tmux
 * (grid -> screen-write -> tty), each knowing only the ones above it here:
 *
 *   grid      tui-grid.c     cells with a colour role; renders to plain text
 *   history   tui-history.c  what the trace says at cursor i, from records 0..i
 *   keys      tui-keys.c     the one key table: key -> action -> help text
 *   state     tui.c          cursor, selection, focus, modes; actions move them
 *   panes     tui-layout.c, tui-timeline.c, tui-graph.c, tui-step.c,
 *             tui-checkpoints.c, tui-inspect.c, tui-lesson.c (the lesson
 *             mode's narration pane and its keys): draw the state into a grid
 *   screen    tui-screen.c   the only file that talks to ncursesw
 *
 * Key handlers return FSIM_TUI_REDRAW / FSIM_TUI_QUIT and never draw; panes
 * draw and never change the state (they may remember where they drew, for
 * mouse clicks and page sizes).
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "sim/sim.h"
#include "viz/viz.h"

G_BEGIN_DECLS

/* ======================================================================== */
/* grid (tui-grid.c)                                                         */
/*
 * Like tmux's grid.c, what the TUI shows is first drawn into memory: a grid of
 * cells, each one Unicode character with a colour *role* (what the cell means:
 * RUNNING, FAILED, a border, the cursor) rather than a raw terminal colour.
 * Only tui-screen.c maps roles to curses colours, so the same grid renders as
 * plain text for golden tests and with or without colour on a terminal.
 *
 * Box drawing and other symbols are stored as Unicode; fsim_tui_glyph_ascii()
 * is the one ASCII fallback, applied when output cannot take UTF-8.
 *
 * Panes draw through an FsimTuiArea: a rectangle of the grid with its own
 * origin that clips everything drawn into it (tmux's screen-write context).
 */

/* What a cell means; tui-screen.c picks a colour per role, and under NO_COLOR
 * an attribute. One role per tone of a state (FsimTone, sim.h): every state
 * of every machine is coloured by fsim_tui_tone_role. */
typedef enum {
  FSIM_TUI_ROLE_DEFAULT,
  FSIM_TUI_ROLE_HEADER,         /* the top status line */
  FSIM_TUI_ROLE_BORDER,
  FSIM_TUI_ROLE_BORDER_FOCUS,   /* border of the pane the keys act on */
  FSIM_TUI_ROLE_TITLE,
  FSIM_TUI_ROLE_DIM,            /* secondary text: times, indices, axis */
  FSIM_TUI_ROLE_KEY,            /* a key name in the hint line and help */
  FSIM_TUI_ROLE_HINT,           /* the bottom hint line */
  FSIM_TUI_ROLE_CURSOR,         /* the trace cursor: column, current record */
  FSIM_TUI_ROLE_SELECTED,       /* the selected subtask row */
  FSIM_TUI_ROLE_HIGHLIGHT,      /* what the current step touches */
  FSIM_TUI_ROLE_LESSON,         /* what a lesson's step highlights (its subjects) */
  FSIM_TUI_ROLE_WHY,            /* the record's why: the teaching line */
  FSIM_TUI_ROLE_GOOD,           /* verdicts that hold: exactly-once ok, completed */
  FSIM_TUI_ROLE_BAD,            /* failures, violated verdicts */
  FSIM_TUI_ROLE_WARN,           /* restarts, declined checkpoints */
  FSIM_TUI_ROLE_TONE_WAITING,
  FSIM_TUI_ROLE_TONE_PENDING,
  FSIM_TUI_ROLE_TONE_STARTING,
  FSIM_TUI_ROLE_TONE_PREPARING,
  FSIM_TUI_ROLE_TONE_ACTIVE,
  FSIM_TUI_ROLE_TONE_DONE,
  FSIM_TUI_ROLE_TONE_STOPPING,
  FSIM_TUI_ROLE_TONE_STOPPED,
  FSIM_TUI_ROLE_TONE_FAILED,
  FSIM_TUI_ROLE_TONE_HELD,
  FSIM_TUI_ROLE_TONE_BLOCKED,
  FSIM_TUI_ROLE_TONE_RECOVERING,
  FSIM_TUI_ROLE_BARRIER,        /* checkpoint barrier markers */
  FSIM_TUI_ROLE_COUNT
} FsimTuiRole;

typedef enum {
  FSIM_TUI_ATTR_BOLD = 1 << 0,
  FSIM_TUI_ATTR_REVERSE = 1 << 1,
  FSIM_TUI_ATTR_UNDERLINE = 1 << 2,
} FsimTuiAttr;

/* ch == 0 marks the right half of a double-width character. */
typedef struct {
  gunichar ch;
  guint8 role;                  /* FsimTuiRole */
  guint8 attr;                  /* FsimTuiAttr bits */
} FsimTuiCell;

typedef struct _FsimTuiGrid FsimTuiGrid;

FsimTuiGrid *fsim_tui_grid_new (int width, int height);
void fsim_tui_grid_free (FsimTuiGrid *grid);
/* Resizes and clears. */
void fsim_tui_grid_resize (FsimTuiGrid *grid, int width, int height);
void fsim_tui_grid_clear (FsimTuiGrid *grid);
/* Adds blank rows at the bottom up to height; keeps what is drawn. */
void fsim_tui_grid_grow (FsimTuiGrid *grid, int height);
int fsim_tui_grid_width (const FsimTuiGrid *grid);
int fsim_tui_grid_height (const FsimTuiGrid *grid);
/* (transfer none) x, y must be inside the grid. */
const FsimTuiCell *fsim_tui_grid_cell (const FsimTuiGrid *grid, int x, int y);
/* The grid as text, one line per row with trailing blanks removed; ascii
 * applies fsim_tui_glyph_ascii() to every cell. (transfer full) */
char *fsim_tui_grid_to_text (const FsimTuiGrid *grid, gboolean ascii);

/* The one ASCII fallback: box drawing to -|+, arrows to <>^v, blocks to #. */
gunichar fsim_tui_glyph_ascii (gunichar ch);
/* Columns a character takes: 0, 1 or 2. */
int fsim_tui_char_width (gunichar ch);
/* Columns a UTF-8 string takes. */
int fsim_tui_text_width (const char *utf8);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTuiGrid, fsim_tui_grid_free)

/* A clipping rectangle of a grid with its own origin. Passed by value. */
typedef struct {
  FsimTuiGrid *grid;
  int x, y, w, h;
} FsimTuiArea;

FsimTuiArea fsim_tui_area (FsimTuiGrid *grid);
/* The part of a at (x, y, w, h) relative to a, clipped to a. */
FsimTuiArea fsim_tui_area_sub (FsimTuiArea a, int x, int y, int w, int h);
/* The inside of a box drawn on a's edge. */
FsimTuiArea fsim_tui_area_inner (FsimTuiArea a);
gboolean fsim_tui_area_contains (FsimTuiArea a, int grid_x, int grid_y);

void fsim_tui_put (FsimTuiArea a, int x, int y, gunichar ch, FsimTuiRole role, guint attr);
/* Prints utf8 (no newlines) at (x, y), clipped to the area and to max_cols
 * columns (max_cols < 0: up to the area's edge). A string that does not fit
 * ends in '…'. Returns the columns written. */
int fsim_tui_print (FsimTuiArea a, int x, int y, int max_cols, FsimTuiRole role,
                    guint attr, const char *utf8);
int fsim_tui_printf (FsimTuiArea a, int x, int y, int max_cols, FsimTuiRole role,
                     guint attr, const char *format, ...) G_GNUC_PRINTF (7, 8);
/* Word-wraps utf8 into rows starting at (x, y), each row at most the width
 * left in the area; continuation rows start at x + indent. Returns the rows
 * used (at most max_rows). */
int fsim_tui_print_wrapped (FsimTuiArea a, int x, int y, int indent, int max_rows,
                            FsimTuiRole role, guint attr, const char *utf8);
/* A run of text in one style, for text whose parts look different. */
typedef struct {
  const char *text;             /* NULL ends an array of spans */
  FsimTuiRole role;
  guint attr;
} FsimTuiSpan;

/* Word-wraps the spans as one text, each part keeping its style, like
 * fsim_tui_print_wrapped. Returns the rows used. */
int fsim_tui_print_spans_wrapped (FsimTuiArea a, int x, int y, int indent, int max_rows,
                                  const FsimTuiSpan *spans);
/* Rows fsim_tui_print_spans_wrapped needs for the spans at width cols
 * (first row) and cols - indent (the others), unlimited. */
int fsim_tui_spans_rows (const FsimTuiSpan *spans, int cols, int indent);
/* utf8 word-wrapped: the first line at most first_cols columns, the others
 * cols. (transfer full) GPtrArray of char* */
GPtrArray *fsim_tui_wrap (const char *utf8, int first_cols, int cols);
void fsim_tui_fill (FsimTuiArea a, gunichar ch, FsimTuiRole role, guint attr);
/* Restyles the cells of a row without changing their characters. */
void fsim_tui_restyle (FsimTuiArea a, int x, int y, int w, FsimTuiRole role, guint attr);
/* A box on the area's edge, title in its top border, heavier role when focused. */
void fsim_tui_box (FsimTuiArea a, const char *title, gboolean focused);
void fsim_tui_hline (FsimTuiArea a, int x, int y, int w, FsimTuiRole role);
/* Copies src's rows from src_y on into dst (scrolling panes draw whole
 * content into a scratch grid first, so boxes are cut, not squeezed). */
void fsim_tui_blit (FsimTuiArea dst, const FsimTuiGrid *src, int src_y);

/* ======================================================================== */
/* history (tui-history.c)                                                   */
/*
 * Everything the TUI shows at cursor i comes from trace records 0..i. One
 * pass over the whole trace indexes it: per subtask, a snapshot after every
 * record that names it (ExecutionState, placement, label); per job, the seqs
 * of status changes, checkpoint events and failures. A question about cursor
 * i binary-searches those arrays for the last entry with seq <= i, so
 * stepping back costs what stepping forward costs and nothing is re-derived.
 *
 * The history reads a record by its kind's descriptor, never its name: the
 * scheduler's execution-state descriptor (to = an ExecutionState), any kind
 * of the JobStatus machine (job-status, job-submitted), any kind of the task
 * activity machine (busy, backpressured, aligning colour RUNNING cells),
 * the metric samples (fsim_task_metrics_kind_metric names what a record
 * carries) and the channel-sample kind (tui-samples.c keeps them per
 * subtask; they make no snapshot),
 * checkpoint/'s kinds (their span flags say triggered, acknowledged,
 * completed or failed; a marker is a barrier), VERDICT kinds (the header's
 * exactly-once line, bad when the verdict's tone is FAILED) and FAILURE
 * kinds (f / F). Any record naming a subtask, a TaskManager and a slot
 * places that subtask there. Other kinds are shown in the step pane and
 * found by search, nothing more.
 */

typedef enum {
  FSIM_TUI_ACTIVITY_NONE,
  FSIM_TUI_ACTIVITY_BUSY,
  FSIM_TUI_ACTIVITY_BACKPRESSURED,
  FSIM_TUI_ACTIVITY_ALIGNING,
} FsimTuiActivity;

/* What a record marks on its subtask's timeline row; the higher wins a cell. */
typedef enum {
  FSIM_TUI_MARK_NONE,
  FSIM_TUI_MARK_BARRIER_IN,     /* a checkpoint barrier reached the subtask */
  FSIM_TUI_MARK_BARRIER,        /* it forwarded the barrier (and snapshotted) */
  FSIM_TUI_MARK_RESTART,        /* a new execution attempt was created */
  FSIM_TUI_MARK_FAILURE,        /* the attempt went to FAILED */
} FsimTuiMark;

/* A subtask as of one record that names it. */
typedef struct {
  gint64 seq, time_us;
  const char *label;            /* the latest label: "Map (2/4)#1"; never NULL */
  gint32 attempt;               /* -1 if no record said */
  gint32 taskmanager, slot;     /* -1 until placed */
  gint8 state;                  /* FsimExecutionState, -1 before the first */
  guint8 activity;              /* FsimTuiActivity */
  guint8 mark;                  /* FsimTuiMark of this record itself */
} FsimTuiSnapshot;

/* A timeline row: one subtask, all attempts. */
typedef struct _FsimTuiSubtask FsimTuiSubtask;
struct _FsimTuiSubtask {
  gint32 vertex, subtask;
  const char *name;             /* "Map (2/4)", without "#attempt"; NULL until a
                                 * record labels it (tui-samples.c) */
  GArray *snapshots;            /* FsimTuiSnapshot, in trace order */
  /* tui-samples.c: what the sample records (FSIM_KIND_SAMPLE) say */
  GArray *metrics;              /* FsimTuiMetricSample, in trace order */
  GArray *outputs;              /* FsimTuiChannelSample: its subpartitions */
  GArray *inputs;               /* FsimTuiChannelSample: channels it consumes */
  GArray *sample_seqs;          /* gint64: every sample record naming it */
  /* tui-eventtime-detail.c: seqs (gint64) of its event-time records */
  GArray *window_events;        /* window-created, -merged, -fired, -purged, late-record */
  GArray *valve_seqs;           /* channel-watermark (--detail event-time only) */
};

/* One metric sample: the metric records of one attempt at one time
 * (scheduler/task-metrics.c writes one record per sample kind). */
typedef struct {
  gint64 first_seq, last_seq, time_us;
  gint32 attempt;
  guint32 present;              /* bit (1 << FsimTaskMetric) per value carried */
  gint64 values[FSIM_TASK_METRIC_COUNT];
} FsimTuiMetricSample;

/* One channel-sample record: a producer's subpartition and the input
 * channel it feeds, once a second. */
typedef struct {
  gint64 seq, time_us;
  const FsimTuiSubtask *producer;
  const FsimTuiSubtask *consumer;       /* NULL: no record named it */
  const char *producer_label;           /* "Map (1/2)#0", the trace's */
  const char *consumer_name;            /* "Sink: Writer (1/1)": consumer's name, or "?" */
  gint32 subpartition;
  gint64 backlog, credit, queued;       /* credit -1: a local channel */
} FsimTuiChannelSample;

/* Seqs of records of one sort, ascending. */
typedef enum {
  FSIM_TUI_LIST_CHECKPOINT,             /* every checkpoint or barrier record (c/C) */
  FSIM_TUI_LIST_CHECKPOINT_COMPLETED,
  FSIM_TUI_LIST_CHECKPOINT_FAILED,      /* declined, expired, aborted, failed */
  FSIM_TUI_LIST_FAILURE,                /* failures and restarts (f/F) */
  FSIM_TUI_LIST_FAILOVER,               /* the failover kind: a restart strategy's decision */
  FSIM_TUI_LIST_JOB_STATUS,
  FSIM_TUI_LIST_VERDICT,                /* exactly-once verdicts */
  FSIM_TUI_LIST_STORY,                  /* every record but samples: n / b steps */
  FSIM_TUI_LIST_SAMPLE,                 /* every FSIM_KIND_SAMPLE record */
  FSIM_TUI_LIST_COUNT
} FsimTuiList;

typedef struct _FsimTuiHistory FsimTuiHistory;

/* Indexes the whole trace once; holds a reference to it. (transfer full) */
FsimTuiHistory *fsim_tui_history_new (FsimTrace *trace);
void fsim_tui_history_free (FsimTuiHistory *history);
FsimTrace *fsim_tui_history_get_trace (const FsimTuiHistory *history);
gint64 fsim_tui_history_count (const FsimTuiHistory *history);
const FsimTraceRecord *fsim_tui_history_record (const FsimTuiHistory *history, gint64 seq);
/* The widest label ("Map (2/4)#1") any subtask of vertex has in the whole
 * run, by display width, and how many vertices records name (their
 * indices below it); the timeline's label column is as wide as the
 * widest, from the start (it does not shift as the run goes on). */
int fsim_tui_history_label_width (const FsimTuiHistory *history, gint32 vertex);
guint fsim_tui_history_n_vertices (const FsimTuiHistory *history);
/* Every subtask any record names, sorted by (vertex, subtask). (borrowed) */
GPtrArray *fsim_tui_history_subtasks (const FsimTuiHistory *history);
const FsimTuiSubtask *fsim_tui_history_find_subtask (const FsimTuiHistory *history,
                                                     gint32 vertex, gint32 subtask);
/* The last snapshot with seq <= seq and time_us <= time_us, or NULL. */
const FsimTuiSnapshot *fsim_tui_subtask_at (const FsimTuiSubtask *subtask,
                                            gint64 seq, gint64 time_us);
/* (borrowed) GArray of gint64 seqs. */
GArray *fsim_tui_history_list (const FsimTuiHistory *history, FsimTuiList list);
/* Entries of list with seq' <= seq. */
guint fsim_tui_history_count_upto (const FsimTuiHistory *history, FsimTuiList list, gint64 seq);
/* The first entry > seq, or -1. */
gint64 fsim_tui_history_next (const FsimTuiHistory *history, FsimTuiList list, gint64 seq);
/* The last entry < seq, or -1. */
gint64 fsim_tui_history_prev (const FsimTuiHistory *history, FsimTuiList list, gint64 seq);
/* Whether record r is on list. */
gboolean fsim_tui_history_is (const FsimTuiHistory *history, const FsimTraceRecord *record,
                              FsimTuiList list);
/* The record of the last entry <= seq, or NULL. */
const FsimTraceRecord *fsim_tui_history_last (const FsimTuiHistory *history,
                                              FsimTuiList list, gint64 seq);

/* A checkpoint as the whole trace tells it (CheckpointStatsTracker's view);
 * what is known at cursor i: records with seq <= i. */
typedef struct {
  gint64 id;
  gint64 first_seq, trigger_us; /* its first record */
  gint64 end_seq, end_us;       /* its completion or failure; -1: never ended */
  gboolean failed;              /* how it ended: declined, expired, aborted */
  gboolean savepoint, synchronous; /* from its checkpoint-triggered record */
  gboolean unaligned;           /* from its end: a task persisted in-flight data */
  GArray *acks;                 /* seqs of subtasks' acknowledgements */
  GArray *records;              /* seqs of its subtask-level records: the
                                 * coordinator's and the tasks' (barriers,
                                 * blocked channels, snapshots) */
  GArray *blocks;               /* FsimTuiBlock: channels its alignment blocked */
  gint64 blocks_until;          /* the last block's end: none is open at a
                                 * later cursor; G_MAXINT64 if one never ends */
} FsimTuiCheckpoint;

/* An input channel an aligned checkpoint's barrier blocked (channel-blocked)
 * until it was read again (channel-resumed). */
typedef struct {
  const FsimTuiSubtask *subtask;
  gint32 attempt, channel;
  gint64 seq, time_us;          /* blocked */
  gint64 resumed_seq;           /* -1: never in the trace */
} FsimTuiBlock;

/* The blocks of c open at cursor seq whose subtask's attempt is still the
 * one at the cursor. (transfer container) GPtrArray of borrowed FsimTuiBlock* */
GPtrArray *fsim_tui_checkpoint_blocked_at (const FsimTuiCheckpoint *c, gint64 seq);

/* (borrowed) GArray of FsimTuiCheckpoint, in the order of their first
 * records (so those with first_seq <= i are a prefix). */
GArray *fsim_tui_history_checkpoints (const FsimTuiHistory *history);
/* Checkpoint id's index in fsim_tui_history_checkpoints plus 1; 0: none. */
guint fsim_tui_history_find_checkpoint (const FsimTuiHistory *history, gint64 id);
/* Entries of an ascending array of gint64 seqs that are <= seq. */
guint fsim_tui_seqs_upto (GArray *seqs, gint64 seq);
/* The length of the prefix of a whose elements satisfy in_prefix, which
 * holds on a prefix of a (entries up to a cursor): a binary search. */
typedef gboolean (*FsimTuiInPrefix) (gconstpointer element, gconstpointer data);
guint fsim_tui_prefix_len (GArray *a, FsimTuiInPrefix in_prefix, gconstpointer data);
/* Whether the history holds records that flow: metric samples or task
 * activity (then the timeline tells busy, idle and backpressured). */
gboolean fsim_tui_history_flows (const FsimTuiHistory *history);
/* Whether the run was traced with --detail event-time: some record of a
 * kind only that detail writes (channel-watermark, window-created, ...). */
gboolean fsim_tui_history_event_time_detail (const FsimTuiHistory *history);
/* Whether a record is a sample (FSIM_KIND_SAMPLE), hidden by default. */
gboolean fsim_tui_record_is_sample (const FsimTraceRecord *record);

/* ------------------------------------------------------------------------ */
/* samples (tui-samples.c)                                                    */
/*
 * Metric samples and channel samples, per subtask, for the timeline's busy /
 * idle colours and the inspect view's numbers. A channel-sample's consumer
 * is the subtask its typed values name (FsimChannelSampleValue), looked up
 * in the history.
 */

typedef struct _FsimTuiSamples FsimTuiSamples;

/* history: where channels' consumers are looked up (borrowed). */
FsimTuiSamples *fsim_tui_samples_new (const FsimTuiHistory *history);
void fsim_tui_samples_free (FsimTuiSamples *samples);
void fsim_tui_samples_init_subtask (FsimTuiSubtask *subtask);
void fsim_tui_samples_clear_subtask (FsimTuiSubtask *subtask);
/* A subtask's label is known: its name is the label before "#attempt". */
void fsim_tui_samples_name (FsimTuiSamples *samples, FsimTuiSubtask *subtask,
                            const char *label);
/* Indexes a sample record of subtask s; returns FALSE for one it does
 * not read (then it is only stepped through and searched). */
gboolean fsim_tui_samples_add (FsimTuiSamples *samples, FsimTuiSubtask *s,
                               const FsimTraceRecord *record);
/* The latest metric sample complete at seq and taken at or before time_us,
 * or NULL. */
const FsimTuiMetricSample *fsim_tui_metrics_at (const FsimTuiSubtask *s, gint64 seq,
                                                gint64 time_us);
gint64 fsim_tui_metric (const FsimTuiMetricSample *m, FsimTaskMetric metric);
gboolean fsim_tui_metric_present (const FsimTuiMetricSample *m, FsimTaskMetric metric);
/* The latest sample of each channel of channels (a subtask's outputs or
 * inputs) at seq: the latest second's, and for a channel missing from it
 * the second before's. Sorted by producer and subpartition.
 * (transfer container) GPtrArray of borrowed FsimTuiChannelSample* */
GPtrArray *fsim_tui_channels_at (GArray *channels, gint64 seq);
/* What a RUNNING subtask does in a timeline cell: the task activity the
 * records say (backpressured and aligning are exact, from task-activity
 * records), else the larger of busy and idle time in the metric sample m
 * (NULL: none yet, FSIM_TASK_ACTIVITY_COUNT is returned). */
FsimTaskActivity fsim_tui_running_activity (guint8 activity, const FsimTuiMetricSample *m);
/* The timeline glyph of a task activity. */
gunichar fsim_tui_activity_glyph (FsimTaskActivity activity);
/* What the legends call a task activity, in the user's language (the
 * trace keeps the state's name: "backpressured"). */
const char *fsim_tui_activity_label (FsimTaskActivity activity);

/* The record in one line, as the step pane and search see it:
 * "Map (2/4)#0  DEPLOYING → INITIALIZING  execution-state". (transfer full) */
char *fsim_tui_record_summary (const FsimTuiHistory *history, const FsimTraceRecord *record);
/* A subtask label cut to cols columns keeping its "(2/4)#0", which tells
 * subtasks apart: "Window(Tumbl… (2/4)#0". (transfer full) */
char *fsim_tui_fit_label (const char *label, int cols);
/* The same, keeping both ends of the name, for labels that the plain cut
 * makes equal: "Sourc…Berlin (1/2)#0", "Sourc… Paris (1/2)#0". */
char *fsim_tui_fit_label_ends (const char *label, int cols);
/* A name cut to cols columns in the middle, "Window(Tumbl…, SumAgg)", so
 * that names which differ only at the end (operators of one kind, chains
 * that share a long head) still look different. (transfer full) */
char *fsim_tui_fit_middle (const char *text, int cols);
/* "5 ms", "10 s", "2 min": the largest unit that divides it. (transfer full) */
char *fsim_tui_format_duration (gint64 us);
/* The role and glyph of an ExecutionState (-1: not yet created). */
/* The one state-to-colour function: the role of a state's tone. */
FsimTuiRole fsim_tui_tone_role (FsimTone tone);
/* The role of state `state` of machine m (-1: the default role). */
FsimTuiRole fsim_tui_state_role (const FsimStateMachine *m, int state);
/* The role and the timeline glyph of an ExecutionState (-1: none). */
FsimTuiRole fsim_tui_execution_role (int state);
gunichar fsim_tui_state_glyph (int state);

/* ======================================================================== */
/* keys (tui-keys.c)                                                         */
/*
 * One table maps each key to an action, its help line and its word in the
 * bottom hint line (htop's key table); the help screen and the hint line are
 * drawn from it, so what the help says is what the keys do.
 */

enum {
  FSIM_TUI_REDRAW = 1 << 0,
  FSIM_TUI_QUIT = 1 << 1,
};

/* A key is a Unicode character or one of these; tui-screen.c translates. */
enum {
  FSIM_KEY_TAB = '\t',
  FSIM_KEY_ENTER = '\n',
  FSIM_KEY_ESCAPE = 27,
  FSIM_KEY_BACKSPACE = 127,
  FSIM_KEY_UP = 0x110000,
  FSIM_KEY_DOWN,
  FSIM_KEY_LEFT,
  FSIM_KEY_RIGHT,
  FSIM_KEY_PAGE_UP,
  FSIM_KEY_PAGE_DOWN,
  FSIM_KEY_HOME,
  FSIM_KEY_END,
  FSIM_KEY_BACKTAB,
};

typedef struct _FsimTui FsimTui;

typedef guint (*FsimTuiActionFunc) (FsimTui *tui);

typedef struct {
  int keys[4];                  /* 0-terminated */
  const char *label;            /* the keys as the help shows them: "space n" */
  const char *section;          /* help heading */
  const char *help;             /* what it does, one line */
  const char *hint;             /* its word in the bottom line, or NULL */
  int hint_rank;                /* which hints stay on a narrow line: lower */
  FsimTuiActionFunc run;
} FsimTuiBinding;

/* (transfer none) The table; *n_bindings its length. */
const FsimTuiBinding *fsim_tui_bindings (guint *n_bindings);
/* The binding of a key in normal mode, or NULL. */
const FsimTuiBinding *fsim_tui_binding_for_key (int key);
/* A key as text: "space", "PgUp", "n". (transfer full) */
char *fsim_tui_key_name (int key);
/* Dispatches a key: prompts and overlays first, then the table. */
guint fsim_tui_handle_key (FsimTui *tui, int key);
/* A mouse click at grid cell (x, y): focuses the pane, selects the subtask. */
guint fsim_tui_handle_click (FsimTui *tui, int x, int y);
/* The help screen and the one-line hint, from the table. */
void fsim_tui_draw_help (FsimTui *tui, FsimTuiArea area);
void fsim_tui_draw_hint (FsimTui *tui, FsimTuiArea area);

/* ======================================================================== */
/* state and actions (tui.c)                                                 */

typedef enum {
  FSIM_TUI_PANE_TIMELINE,
  FSIM_TUI_PANE_GRAPH,
  FSIM_TUI_PANE_STEP,
  FSIM_TUI_PANE_CHECKPOINTS,
  FSIM_TUI_PANE_EVENT_TIME,
  FSIM_TUI_PANE_COUNT
} FsimTuiPane;

typedef enum {
  FSIM_TUI_MODE_NORMAL,
  FSIM_TUI_MODE_HELP,
  FSIM_TUI_MODE_INSPECT,        /* the selected subtask in detail; keys still step */
  FSIM_TUI_MODE_PROMPT_TIME,    /* g: reading a time */
  FSIM_TUI_MODE_PROMPT_SEARCH,  /* /: reading a search text */
  FSIM_TUI_MODE_PROMPT_ANSWER,  /* a: reading a lesson answer, in the lesson pane */
} FsimTuiMode;

/* A timeline row at the cursor: a slot heading or a subtask. */
typedef struct {
  const FsimTuiSubtask *subtask;        /* NULL for a heading */
  const FsimTuiSnapshot *now;           /* the subtask at the cursor */
  gint32 taskmanager, slot;             /* the heading's or the subtask's; -1 none */
} FsimTuiRow;

/* Where the last draw put things, for clicks and page sizes. */
typedef struct {
  FsimTuiArea panes[FSIM_TUI_PANE_COUNT];       /* w == 0: not shown */
  FsimTuiArea timeline_rows;                    /* the subtask rows */
  int timeline_first_row;                       /* row index drawn at the top */
  int timeline_cols;                            /* time columns */
  int page[FSIM_TUI_PANE_COUNT];                /* rows visible per pane */
  int lines[FSIM_TUI_PANE_COUNT];               /* rows of content per pane */
  int overlay_page;                             /* rows of help or inspect */
  int help_lines, inspect_lines;                /* to stop scrolling at the end */
  FsimTuiArea lesson;                           /* the lesson pane; w == 0: none */
  int lesson_first, lesson_rows, lesson_page;   /* the scrolled rows: the first drawn,
                                                 * how many, how many fit */
  gint64 zoom_us, view_start_us;                /* the timeline as drawn */
} FsimTuiDrawn;

struct _FsimTui {
  FsimTuiHistory *history;
  const FsimJobGraph *job_graph;        /* may be NULL: no graph pane */
  char *job_name;
  gint64 cursor;                        /* records 0..cursor have happened */
  gint32 sel_vertex, sel_subtask;       /* the selected subtask, -1 none */
  FsimTuiPane focus;
  gboolean show_checkpoints;
  gboolean show_event_time;             /* e: the event-time pane on the right */
  gboolean show_samples;                /* m: n / b and the step list include samples */
  FsimTraceKind step_kind;              /* a lesson step's show: log KIND: the step list
                                         * holds only that kind's records; NULL all */
  GArray *step_kind_seqs;               /* gint64: the records of step_kind_found in */
  FsimTraceKind step_kind_found;        /* step_kind_history, found once */
  const FsimTuiHistory *step_kind_history;
  FsimTuiMode mode;
  FsimTuiMode mode_under_prompt;        /* the mode a prompt returns to */
  GString *prompt;
  char *last_search;
  char *message;                        /* one line for the hint row, until the next key */
  gboolean message_is_error;
  gboolean message_until_step;          /* cleared when running moves the cursor */
  gint64 zoom_us;                       /* simulated µs per timeline column; 0 = default fit */
  gint64 view_start_us;                 /* time at the timeline's first column */
  gint64 default_span_us;               /* cached fsim_tui_default_span; 0 = not yet */
  int scroll[FSIM_TUI_PANE_COUNT];      /* first line shown, panes other than timeline */
  int timeline_scroll;                  /* first timeline row shown */
  int help_scroll, inspect_scroll;
  gboolean ascii;                       /* no UTF-8 on the output */
  /* r: run continuously */
  gboolean running;
  int speed;                            /* index into fsim_tui_speeds */
  double run_carry_us;                  /* simulated time owed to the cursor */
  /* events per wall second, shown beside the speed (simulated time per
   * second is the speed itself: the cursor follows simulated time) */
  gint64 rate_wall_us, rate_events;     /* this second so far */
  double shown_events_per_s;            /* the last full second */
  FsimTuiDrawn drawn;
  GHashTable *folded;                   /* tui-search.c: a text -> its case fold */
  /* tui-whatif.c: the runs kept; history is runs[run]'s */
  GPtrArray *runs;                      /* FsimTuiRun* */
  int run;                              /* on screen */
  int other;                            /* the one w flips to; -1: none */
  FsimVizForkFunc fork;                 /* NULL: no what-if */
  gpointer fork_data;
  FsimVizWhatIf *pending_what;          /* x / X pressed: run at the next tick */
  /* fsim_tui_rows: the rows of rows_cursor in rows_history (the run shown),
   * with slot headings, and sorted without */
  GArray *rows_cache;
  GArray *rows_sorted;
  gint64 rows_cursor;
  const FsimTuiHistory *rows_history;
  /* tui-probe.c: the channels exactly at the cursor */
  FsimVizProbeFunc probe;               /* NULL: the samples only */
  gpointer probe_data;
  gint64 probed_seq;                    /* what exact_samples is for (-1: nothing) */
  int probed_run;
  GArray *exact_samples;                /* FsimTuiChannelSample, or NULL */
  char *probe_error;                    /* why exact_samples is NULL */
  char *pending_label;
  /* tui-lesson.c: a guided tour (borrowed), or NULL */
  const FsimVizTour *tour;
  guint tour_step;                      /* the step shown, from 0 */
  char **tour_answers;                  /* per step: the last answer given, or NULL */
  char **tour_verdicts;                 /* per step: what the judge said, or NULL */
  gboolean *tour_right;
  gboolean tour_job;                    /* the lesson pane shows the job (J), not the step */
  int tour_scroll;                      /* the lesson pane's first row; -1: the top, or
                                         * the end once an answer is typed or judged */
};

/* --- The lesson mode (tui-lesson.c) ------------------------------------- */

/* Starts the tour at its first step (the cursor on its record). */
void fsim_tui_set_tour (FsimTui *tui, const FsimVizTour *tour);
/* ] and [: the next or previous step, the cursor on its record. */
guint fsim_tui_tour_move (FsimTui *tui, int direction);
/* a: the answer prompt, when the step asks something. */
guint fsim_tui_tour_ask (FsimTui *tui);
/* { and }: the lesson pane a page up or down, when its text does not fit. */
guint fsim_tui_tour_scroll (FsimTui *tui, int direction);
/* J: the lesson pane shows the tour's job, numbered, or the step again. */
guint fsim_tui_tour_toggle_job (FsimTui *tui);
/* Enter in the prompt: the judge's verdict on answer, kept for the step. */
guint fsim_tui_tour_answer (FsimTui *tui, const char *answer);
/* What the tour's step highlights (FsimVizSubject): subtask (vertex,
 * subtask) itself, as a subtask of a highlighted vertex or as an end of a
 * highlighted channel; a vertex, when it or one of its subtasks is; the
 * JobEdge from one vertex to another, when a highlighted channel runs on
 * it. FALSE outside a lesson. */
gboolean fsim_tui_tour_marks_subtask (FsimTui *tui, gint32 vertex, gint32 subtask);
gboolean fsim_tui_tour_marks_vertex (FsimTui *tui, gint32 vertex);
gboolean fsim_tui_tour_marks_edge (FsimTui *tui, gint32 from_vertex, gint32 to_vertex);
/* The glyph beside a highlighted subject. */
#define FSIM_TUI_LESSON_MARK 0x25C6
/* Rows inside its borders the lesson pane needs at width columns. */
int fsim_tui_lesson_rows_wanted (FsimTui *tui, int width);
void fsim_tui_draw_lesson (FsimTui *tui, FsimTuiArea area);

/* --- What-if runs (tui-whatif.c) ------------------------------------------ */

typedef struct _FsimTuiRun FsimTuiRun;
#define FSIM_TUI_MAX_RUNS 9             /* the original and 8 what-ifs */

/* Run 0 is history's (the TUI takes it); fsim_tui_new calls it. */
void fsim_tui_runs_init (FsimTui *tui, FsimTuiHistory *history, const FsimJobGraph *job_graph);
/* What run 0 is ("A.job"), when it is compared with another. */
void fsim_tui_runs_name_first (FsimTui *tui, const char *what);
/* Keeps other (borrowed; it must outlive the TUI) as run B, once, and
 * makes it the run w flips to. */
guint fsim_tui_runs_add (FsimTui *tui, const FsimVizRun *other);
/* Whether run is a compared run (run B), not a what-if. */
gboolean fsim_tui_run_is_compared (const FsimTuiRun *run);
void fsim_tui_runs_clear (FsimTui *tui);
void fsim_tui_set_forker (FsimTui *tui, FsimVizForkFunc fork, gpointer data);
guint fsim_tui_n_runs (const FsimTui *tui);
const FsimTuiRun *fsim_tui_run_get (const FsimTui *tui, int i);
/* "fail Flat Map (2/2)#0 at 12.001 s", a compared run's FsimVizRun what;
 * run 0: NULL, or what fsim_tui_runs_name_first said. */
const char *fsim_tui_run_what (const FsimTuiRun *run);
/* The first seq unlike the run it was forked from; -1: the same. */
gint64 fsim_tui_run_differs_at (const FsimTuiRun *run);
int fsim_tui_run_base (const FsimTuiRun *run);
/* NULL-terminated: the job lines added to run 0's job. */
const char *const *fsim_tui_run_faults (const FsimTuiRun *run);
/* x (kill_taskmanager FALSE) / X: a what-if at the cursor on the selected
 * subtask, simulated at the next fsim_tui_what_if_run_pending. */
guint fsim_tui_what_if (FsimTui *tui, gboolean kill_taskmanager);
guint fsim_tui_what_if_run_pending (FsimTui *tui);
/* w: the other run, at the same simulated time. */
guint fsim_tui_flip (FsimTui *tui);

/* --- Channels exactly at the cursor (tui-probe.c) ------------------------ */

void fsim_tui_set_prober (FsimTui *tui, FsimVizProbeFunc probe, gpointer data);
void fsim_tui_probe_clear (FsimTui *tui);
/* s's output (or input) channels at the cursor, the run on screen
 * simulated again to it; NULL without a probe, for a compared run or when
 * the probe failed (fsim_tui_probe_error says why). (transfer container)
 * GPtrArray of borrowed FsimTuiChannelSample* */
GPtrArray *fsim_tui_exact_channels (FsimTui *tui, const FsimTuiSubtask *s, gboolean outputs);
/* Why the probe gave nothing at the cursor, or NULL. */
const char *fsim_tui_probe_error (const FsimTui *tui);

/* (transfer full) job_graph may be NULL; it must outlive the TUI. */
FsimTui *fsim_tui_new (FsimTrace *trace, const FsimJobGraph *job_graph, const char *job_name);
void fsim_tui_free (FsimTui *tui);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTui, fsim_tui_free)

/* Simulated µs per wall-clock second for each run speed, and how many. */
extern const gint64 fsim_tui_speeds[];
extern const int fsim_tui_n_speeds;

/* The rows of the timeline at the cursor: subtasks that exist by then,
 * grouped by TaskManager and slot (headings first), unplaced ones last.
 * (transfer full) GArray of FsimTuiRow */
GArray *fsim_tui_rows (FsimTui *tui);
/* The selected subtask's snapshot at the cursor, or NULL. */
const FsimTuiSubtask *fsim_tui_selected (FsimTui *tui);
const FsimTraceRecord *fsim_tui_current (FsimTui *tui);

/* Actions: change the state, return flags, never draw. */
guint fsim_tui_set_cursor (FsimTui *tui, gint64 seq);
/* "#3 of 98 records": the cursor as the trace numbers its records (seq,
 * from #0, as `run --format jsonl` and `g #N` do) and the trace's own
 * count; the header and the step pane both say it so. (transfer full) */
char *fsim_tui_position_text (FsimTui *t);
guint fsim_tui_step (FsimTui *tui, gint64 delta);
guint fsim_tui_step_selected (FsimTui *tui);
guint fsim_tui_jump (FsimTui *tui, FsimTuiList list, int direction);
/* text: a time in Flink's syntax ("1.5 s", "200 ms", bare = ms) or "#N". */
guint fsim_tui_goto (FsimTui *tui, const char *text);
/* tui-search.c: whether a record's summary, kind or why holds a text
 * (case-insensitive), read from folds of its parts that folded (text ->
 * fold, owned by the caller) keeps across searches. */
typedef struct _FsimTuiMatcher FsimTuiMatcher;
FsimTuiMatcher *fsim_tui_matcher_new (const char *text, GHashTable *folded);
gboolean fsim_tui_matcher_matches (FsimTuiMatcher *matcher, const FsimTraceRecord *record);
void fsim_tui_matcher_free (FsimTuiMatcher *matcher);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimTuiMatcher, fsim_tui_matcher_free)

/* Case-insensitive; from the record after the cursor, wrapping once. */
guint fsim_tui_search (FsimTui *tui, const char *text);
guint fsim_tui_select_move (FsimTui *tui, int delta);
/* direction > 0 zooms in (fewer µs per column). */
guint fsim_tui_zoom (FsimTui *tui, int direction);
/* Back to the default zoom: from the start until every subtask ran. */
guint fsim_tui_zoom_fit (FsimTui *tui);
/* Zoom to fit: the whole run, from 0 to the last record, in the columns. */
guint fsim_tui_zoom_whole (FsimTui *tui);
gint64 fsim_tui_default_span (FsimTui *tui);
/* The zoom to draw with cols time columns. */
gint64 fsim_tui_effective_zoom (FsimTui *tui, int cols);
guint fsim_tui_scroll_time (FsimTui *tui, int columns);
guint fsim_tui_scroll (FsimTui *tui, int lines);
guint fsim_tui_focus_next (FsimTui *tui, int direction);
guint fsim_tui_toggle_checkpoints (FsimTui *tui);
/* e: the event-time pane instead of the graph or checkpoints, or back. */
guint fsim_tui_toggle_event_time (FsimTui *tui);
/* m: sample records in the step list and in n / b / s / search, or not. */
guint fsim_tui_toggle_samples (FsimTui *tui);
guint fsim_tui_run_toggle (FsimTui *tui);
/* direction > 0: the next faster speed. */
guint fsim_tui_run_speed (FsimTui *tui, int direction);
guint fsim_tui_set_message (FsimTui *tui, gboolean error, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Running: wall_us of real time passed since the last tick. */
guint fsim_tui_tick (FsimTui *tui, gint64 wall_us);

/* ======================================================================== */
/* panes (tui-layout.c and one file per pane)                                */

/* Draws the whole screen for the state; remembers places in tui->drawn. */
void fsim_tui_draw (FsimTui *tui, FsimTuiGrid *grid);
void fsim_tui_draw_header (FsimTui *tui, FsimTuiArea area);
void fsim_tui_draw_timeline (FsimTui *tui, FsimTuiArea area, gboolean focused);
void fsim_tui_draw_graph (FsimTui *tui, FsimTuiArea area, gboolean focused);
void fsim_tui_draw_step (FsimTui *tui, FsimTuiArea area, gboolean focused);
/* Rows inside its borders a step pane width columns wide needs for the
 * current record: its line, its why and its subject, wrapped, up to caps. */
int fsim_tui_step_rows_wanted (FsimTui *tui, int width);
void fsim_tui_draw_checkpoints (FsimTui *tui, FsimTuiArea area, gboolean focused);
void fsim_tui_draw_inspect (FsimTui *tui, FsimTuiArea area);

/* --- the event-time pane (tui-eventtime.c) --- */
void fsim_tui_draw_event_time (FsimTui *tui, FsimTuiArea area, gboolean focused);
/* The subtask's latest window-sample record at the cursor, or NULL (it
 * runs no window operator, or none sampled yet). */
const FsimTraceRecord *fsim_tui_window_sample_at (FsimTui *tui, const FsimTuiSubtask *s);
/* One second (T - 1 s, T] of a window operator, as the pane plots it; ms
 * fields are event time, Long.MIN_VALUE when nothing said. */
typedef struct {
  gint64 min_ms, max_ms;        /* the event times of the records that arrived */
  gint64 watermark_ms;          /* the operator's watermark at T */
  gint64 late;                  /* late records among them */
  gint64 fired;                 /* windows fired in the second */
  gint64 fired_ms;              /* the highest watermark (or processing time) that fired */
} FsimTuiEventTimeColumn;
void fsim_tui_event_time_clear (FsimTuiEventTimeColumn *cols, int n);
/* Fills cols[0..n-1] with the n seconds up to the cursor's; returns the
 * first column's T (seconds). */
gint64 fsim_tui_event_time_columns (FsimTui *tui, const FsimTuiSubtask *s,
                                    FsimTuiEventTimeColumn *cols, int n);

/* --- what --detail event-time adds (tui-eventtime-detail.c) --- */
void fsim_tui_event_time_detail_init_subtask (FsimTuiSubtask *subtask);
void fsim_tui_event_time_detail_clear_subtask (FsimTuiSubtask *subtask);
/* Keeps record's seq in the subtask's lists if it is one of theirs;
 * TRUE if its kind is one only --detail event-time writes. */
gboolean fsim_tui_event_time_detail_add (FsimTuiSubtask *subtask, const FsimTraceRecord *record);
/* The most window events the inspect view lists, and the rows each takes
 * at most. */
enum { FSIM_TUI_WINDOW_EVENTS_SHOWN = 8, FSIM_TUI_WINDOW_EVENT_ROWS = 2 };
/* The inspect view's window events of a window operator's subtask up to
 * the cursor, the newest last, from y; without the detail a hint. Returns
 * the rows drawn (at most 1 + SHOWN * ROWS). */
int fsim_tui_draw_window_events (FsimTui *tui, FsimTuiArea area, int y, const FsimTuiSubtask *s);
/* The event-time pane's line on the input channel holding the subtask's
 * watermark back, from its latest channel-watermark record up to the
 * cursor; without the detail a hint. Returns the rows drawn. */
int fsim_tui_draw_watermark_holder (FsimTui *tui, FsimTuiArea area, int y,
                                    const FsimTuiSubtask *s);

G_END_DECLS
