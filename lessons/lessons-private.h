/* lessons-private.h - what the files of lessons/ share: the line format
 * every course file is written in (lessons/lesson-file.c) and texts in two
 * languages. No other module includes this. */
#pragma once

#include <glib/gi18n.h>

#include "lessons/lessons.h"

G_BEGIN_DECLS

/* One "key: value" or "key[zh_CN]: value" line; a block key ("job:" with
 * nothing after it) holds the lines up to "end", preceded by as many
 * newlines as lines before it, so a job's own diagnostics name the lesson
 * file's lines and columns. */
typedef struct {
  char *key;
  char *lang;                   /* NULL, or "zh_CN" */
  char *value;                  /* stripped (a block: raw) */
  int line;
  int key_column;
  int value_column;
} FsimCourseEntry;

typedef struct {
  char *path;
  char *text;
  GPtrArray *entries;           /* FsimCourseEntry*, in file order */
} FsimCourseFile;

/* keys: the valid keys (NULL-terminated), for "did you mean"; blocks: the
 * keys that may open a block. (transfer full) */
FsimCourseFile *fsim_course_file_read (const char *path, const char *const *keys,
                                       const char *const *blocks, GError **error);
/* The same for text (length bytes, read from path, which names it in
 * messages and locates the files it refers to). (transfer full) */
FsimCourseFile *fsim_course_file_parse (const char *path, const char *text, gsize length,
                                        const char *const *keys, const char *const *blocks,
                                        GError **error);
void fsim_course_file_free (FsimCourseFile *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCourseFile, fsim_course_file_free)
/* A located error in f (FSIM_LESSONS_ERROR_PARSE). */
void fsim_course_file_error (GError **error, const FsimCourseFile *f, int line, int column,
                             int span, const char *hint, const char *format, ...)
  G_GNUC_PRINTF (7, 8);
char *fsim_course_file_warning (const FsimCourseFile *f, int line, int column,
                                const char *format, ...) G_GNUC_PRINTF (4, 5);

/* A text in English with its Chinese, lines joined by "\n". */
typedef struct {
  char *en;
  char *zh;
  int line;                     /* of its first English line; 0 none */
} FsimCourseText;

void fsim_course_text_add (FsimCourseText *t, const FsimCourseEntry *e);
const char *fsim_course_text_get (const FsimCourseText *t, const char *lang);
void fsim_course_text_clear (FsimCourseText *t);
/* A warning when t has English but no Chinese, else NULL. */
char *fsim_course_text_check (const FsimCourseText *t, const FsimCourseFile *f,
                              const char *what);

/* Splits a query ("chain-rule \"Map\" Filter") into words; NULL and a
 * located error on bad quoting. (transfer full) */
char **fsim_course_split (const FsimCourseFile *f, const FsimCourseEntry *e, GError **error);
/* Resolves words[0] as a query with its arguments; a located error with a
 * suggestion otherwise. */
const FsimQueryDesc *fsim_course_query (const FsimCourseFile *f, const FsimCourseEntry *e,
                                        char **words, GError **error);

/* Loads a job given inline (block) or as a file relative to f. */
FsimJob *fsim_course_load_job (const FsimCourseFile *f, const FsimCourseEntry *e,
                               GError **error);

/* The operator called name in the job file: the StreamNode of that name
 * ("Flat Map"), else the first whose user function it is (map("Parse")),
 * else the source fromSource("Src") names ("Source: Src"). */
FsimStreamNode *fsim_course_find_node (const FsimJob *job, const char *name);

/* The StreamNode called name in ctx's job, or NULL and an error naming it
 * (lessons/queries.c). */
FsimStreamNode *fsim_query_node (const FsimQueryContext *ctx, const char *name, GError **error);

/* What the job file says (lessons/queries-job.c), queries as queries.c
 * calls them: args[0] an operator, a keyBy's field or a configuration key;
 * (transfer full), NULL and FSIM_LESSONS_ERROR_INVALID when the job has
 * no such thing. */
char *fsim_query_rate (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_cost (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_state_size (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_fault_plan (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_keys (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_key_skew (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_window_assigner (char *const *args, const FsimQueryContext *ctx,
                                  GError **error);
char *fsim_query_window_size (char *const *args, const FsimQueryContext *ctx, GError **error);
char *fsim_query_watermark_strategy (char *const *args, const FsimQueryContext *ctx,
                                     GError **error);
char *fsim_query_watermark_bound (char *const *args, const FsimQueryContext *ctx,
                                  GError **error);
char *fsim_query_config (char *const *args, const FsimQueryContext *ctx, GError **error);

/* Simulates job with its own seed and duration. (transfer full) */
FsimJobRun *fsim_course_run_job (const FsimJob *job, GError **error);

/* A step's condition (lessons/lesson.c parses, lessons/lesson-runner.c
 * finds it in the trace). */
typedef enum {
  FSIM_UNTIL_NONE,              /* stay at the cursor */
  FSIM_UNTIL_KIND,              /* the next record of a kind, with subjects */
  FSIM_UNTIL_TIME,              /* the first record at or after a time */
  FSIM_UNTIL_END,               /* the last record */
} FsimUntilType;

typedef struct {
  FsimUntilType type;
  char *kind;                   /* a kind descriptor's name */
  char *to, *from;              /* state names in the kind's machine, or NULL */
  char *op;                     /* an operator: its vertex, or NULL */
  int subtask;                  /* 0-based, -1 any */
  gint64 time_us;
  int line, column;
} FsimUntil;

/* A `highlight:` line (lessons/highlight.c): an operator's task, one of
 * its subtasks, or the channel from one subtask to another. */
typedef struct {
  char *op;                     /* the task, or the channel's producer */
  int subtask;                  /* from 0; -1: every subtask of the task */
  char *to_op;                  /* a channel's consumer, or NULL */
  int to_subtask;
  int line, column;
} FsimLessonHighlight;

/* Parses e's value, checks its operators exist in job, appends to into. */
gboolean fsim_lesson_highlight_parse (const FsimCourseFile *f, const FsimJob *job,
                                      const FsimCourseEntry *e, GArray *into, GError **error);
void fsim_lesson_highlight_clear (gpointer highlight);
/* The highlights (may be NULL) in the trace's numbering, appended to
 * subjects, and *text "Look at: …" (NULL when there are none); a located
 * error for a subtask beyond the parallelism or a channel that does not
 * exist in run's ExecutionGraph. */
gboolean fsim_lesson_highlights_resolve (const FsimCourseFile *f, const FsimJob *job,
                                         FsimJobRun *run, const GArray *highlights,
                                         GArray *subjects, char **text, GError **error);

typedef struct {
  int line;
  FsimUntil until;
  char **show;                  /* "graph job", "log", "log window-late", "checkpoints"…; NULL none */
  int show_line, show_column;
  GArray *highlights;           /* FsimLessonHighlight, or NULL */
  FsimJob *compare;             /* `compare:` the job run B simulates, or NULL */
  char *compare_what;           /* "--set KEY=VALUE", "other.job" */
  FsimCourseText narrate, ask, explain;
  const FsimQueryDesc *answer;
  char **answer_words;          /* the query and its arguments */
  int answer_line, answer_column;
  char **choices;               /* multiple choice, or NULL: a value */
} FsimLessonStep;

struct _FsimLesson {
  FsimCourseFile *file;
  FsimCourseText title;
  FsimJob *job;
  GPtrArray *steps;             /* FsimLessonStep* */
};

G_END_DECLS
