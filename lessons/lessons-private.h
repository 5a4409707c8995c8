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
 * ("Flat Map"), else the first whose user function it is (map("Parse")). */
FsimStreamNode *fsim_course_find_node (const FsimJob *job, const char *name);

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

typedef struct {
  int line;
  FsimUntil until;
  char **show;                  /* "graph job", "log", "metrics"; NULL none */
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
