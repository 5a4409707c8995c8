/* lessons.h - the course: lessons, exercises, the trace queries they ask,
 * and the comparison of two runs.
 *
 * A lesson is data (docs/lessons.md): a job, then steps that move a cursor
 * over the job's one recorded trace ("until kind job-status to
 * RESTARTING"), show a pane, narrate and ask a question whose answer
 * flinksim computes from the run or its graphs through a query
 * (lessons/queries.c). An exercise is a task, a starter job, a solution
 * and goals: expectations on queries, checked on the simulation of the
 * learner's file. Nothing here decides from the text of a record: queries
 * read kind descriptors and record fields.
 *
 * Flink counterparts: none in Flink itself; the course mirrors Flink's own
 * training (exercise, solution, discussion) on the simulator. */
#pragma once

#include <glib.h>

#include "graphs/graphs.h"
#include "scheduler/scheduler.h"
#include "viz/viz.h"

G_BEGIN_DECLS

#define FSIM_LESSONS_ERROR (fsim_lessons_error_quark ())
GQuark fsim_lessons_error_quark (void);

typedef enum {
  FSIM_LESSONS_ERROR_PARSE,     /* the file is not well-formed; a located diagnostic */
  FSIM_LESSONS_ERROR_INVALID,   /* well-formed, but a query cannot be answered */
  FSIM_LESSONS_ERROR_IO,
} FsimLessonsError;

/* ------------------------------------------------------------------------ */
/* Queries (lessons/queries.c): the answers a lesson asks for and the goals   */
/* an exercise checks, computed from a job, its graphs and its trace at a     */
/* cursor (the index of the record the lesson stopped at).                    */

typedef struct {
  const FsimJob *job;
  FsimJobRun *run;
  gint64 cursor;                /* a trace index; the last record for "the end" */
} FsimQueryContext;

typedef enum {
  FSIM_QUERY_INT,               /* a whole number */
  FSIM_QUERY_DURATION,          /* microseconds; written in Flink's syntax */
  FSIM_QUERY_WORD,              /* a name: compared without case */
} FsimQueryType;

typedef struct {
  const char *name;             /* "slots-needed" */
  int n_args;                   /* quoted or bare words after the name */
  FsimQueryType type;
  const char *doc;              /* one line, for docs/lessons.md */
} FsimQueryDesc;

/* NULL-terminated by name == NULL. */
const FsimQueryDesc *fsim_queries (void);
const FsimQueryDesc *fsim_query_lookup (const char *name);
/* The answer of query with args (n_args of them) in ctx, as text: a
 * number, a duration ("10 s"), or a word. FSIM_LESSONS_ERROR_INVALID when
 * the run or graph cannot answer it (no such operator, no failover record
 * after the cursor). (transfer full) */
char *fsim_query_eval (const FsimQueryDesc *q, char *const *args, const FsimQueryContext *ctx,
                       GError **error);
/* Whether the learner's answer equals the computed one, by the query's
 * type: numbers as numbers, durations in any of Flink's units (a bare
 * number is milliseconds), words without case. */
gboolean fsim_query_answer_matches (const FsimQueryDesc *q, const char *computed,
                                    const char *answer);
/* What q with args measured, in the user's language, naming the operators,
 * the subtask index, the edge's endpoints the args give, said of the whole
 * run (an exercise's goals; lessons/query-describe.c); for the few queries
 * whose value alone does not say what to fix, what the run in ctx shows
 * (the busiest subtask, the failure cause). (transfer full) */
char *fsim_query_describe (const FsimQueryDesc *q, char *const *args,
                           const FsimQueryContext *ctx);
/* A query's value as a learner reads it: the words yes, no and none
 * translated ("是", "否"), anything else (numbers, Flink's names) as it is.
 * Queries and goals keep comparing the untranslated value. */
const char *fsim_query_value_display (const char *value);

/* ------------------------------------------------------------------------ */
/* Lessons (lessons/lesson.c, lessons/lesson-runner.c).                      */

typedef struct _FsimLesson FsimLesson;

/* Reads and validates a lesson file (syntax, keys, queries, conditions,
 * the job); errors are diagnostics "file:line:col: error: …" with the line
 * and a caret. (transfer full) */
FsimLesson *fsim_lesson_load (const char *path, GError **error);
/* The same for text of length bytes as if read from path (which names it
 * in messages and locates a `job: FILE`). (transfer full) */
FsimLesson *fsim_lesson_parse (const char *path, const char *text, gsize length,
                               GError **error);
void fsim_lesson_free (FsimLesson *lesson);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimLesson, fsim_lesson_free)
/* lang is "en" or "zh_CN"; a text without that language falls back to English. */
const char *fsim_lesson_get_title (const FsimLesson *lesson, const char *lang);
guint fsim_lesson_get_n_steps (const FsimLesson *lesson);
/* Warnings that are not errors (a text without its Chinese), one
 * diagnostic each, or NULL. (transfer full) */
char *fsim_lesson_warnings (const FsimLesson *lesson);

/* What the plain runner writes and reads: write gets text to show as it
 * comes; read_line returns the learner's next answer (transfer full) or
 * NULL at the end of input. */
typedef struct {
  void (*write) (const char *text, gpointer user_data);
  char *(*read_line) (gpointer user_data);
  gpointer user_data;
  const char *lang;             /* "en" or "zh_CN" */
  gboolean check_only;          /* run every step, ask nothing, print nothing */
} FsimLessonIO;

/* Simulates the lesson's job once and walks its steps over the trace. A
 * wrong answer gets the step's explanation and the right answer, and the
 * lesson goes on. *n_correct counts right answers (may be NULL). FALSE and
 * a located error when a step's condition never holds or a query cannot be
 * answered: a lesson bug that `flinksim lesson check` reports. */
gboolean fsim_lesson_run (const FsimLesson *lesson, const FsimLessonIO *io, guint *n_correct,
                          GError **error);

/* The lesson as a tour of its run for the TUI's lesson mode
 * (fsim_viz_tui_run_tour): the job simulated once, each step's record
 * found as fsim_lesson_run finds it, its narration and question in lang
 * ("en" or "zh_CN"), and a judge that says "Right." or, as the plain runner
 * does, "Not quite. The run says: …" and the step's explanation. NULL and
 * the located error fsim_lesson_run gives on a lesson bug. lesson must
 * outlive the tour. (transfer full) */
typedef struct _FsimLessonTour FsimLessonTour;
FsimLessonTour *fsim_lesson_tour_new (const FsimLesson *lesson, const char *lang,
                                      GError **error);
void fsim_lesson_tour_free (FsimLessonTour *tour);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimLessonTour, fsim_lesson_tour_free)
/* (transfer none) valid while the tour lives */
const FsimVizTour *fsim_lesson_tour_get_viz (const FsimLessonTour *tour);
FsimJobRun *fsim_lesson_tour_get_run (const FsimLessonTour *tour);
const FsimJob *fsim_lesson_tour_get_job (const FsimLessonTour *tour);

/* ------------------------------------------------------------------------ */
/* The course (lessons/course.c): lessons/course.index lists the lessons and */
/* exercises in order and the lessons that are not written yet.              */

typedef struct _FsimCourse FsimCourse;

/* dir holds course.index and the files it names. (transfer full) */
FsimCourse *fsim_course_load (const char *dir, GError **error);
void fsim_course_free (FsimCourse *course);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCourse, fsim_course_free)
guint fsim_course_get_n_lessons (const FsimCourse *course);
/* i from 0; (transfer none) */
const char *fsim_course_get_lesson_path (const FsimCourse *course, guint i);
guint fsim_course_get_n_later (const FsimCourse *course);
const char *fsim_course_get_later_title (const FsimCourse *course, guint i, const char *lang);
guint fsim_course_get_n_exercises (const FsimCourse *course);
const char *fsim_course_get_exercise_path (const FsimCourse *course, guint i);

/* ------------------------------------------------------------------------ */
/* Exercises (lessons/exercise.c).                                           */

typedef struct _FsimExercise FsimExercise;

FsimExercise *fsim_exercise_load (const char *path, GError **error);
/* The same for text as if read from path (fsim_lesson_parse). */
FsimExercise *fsim_exercise_parse (const char *path, const char *text, gsize length,
                                   GError **error);
void fsim_exercise_free (FsimExercise *ex);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimExercise, fsim_exercise_free)
const char *fsim_exercise_get_title (const FsimExercise *ex, const char *lang);
const char *fsim_exercise_get_task (const FsimExercise *ex, const char *lang);
guint fsim_exercise_get_n_hints (const FsimExercise *ex);
const char *fsim_exercise_get_hint (const FsimExercise *ex, guint i, const char *lang);
/* Absolute paths of the starter and the solution job files. */
const char *fsim_exercise_get_starter (const FsimExercise *ex);
const char *fsim_exercise_get_solution (const FsimExercise *ex);
char *fsim_exercise_warnings (const FsimExercise *ex);
/* The goals, one a line "  QUERY ARGS OP VALUE\n", as the file writes
 * them, a yes or no translated. (transfer full) */
char *fsim_exercise_goals_text (const FsimExercise *ex);

/* Simulates job and checks every goal. TRUE when it could check: *passed
 * says whether every goal holds, *report says which failed and what the
 * run showed instead (transfer full). FALSE and error when the job is bad
 * input. */
gboolean fsim_exercise_check (const FsimExercise *ex, const FsimJob *job, const char *lang,
                              gboolean *passed, char **report, GError **error);

/* The exercise a job file names in a comment line "# exercise: N", or 0. */
guint fsim_exercise_number_in (const char *job_text);

/* ------------------------------------------------------------------------ */
/* Run comparison (lessons/compare.c).                                       */

/* Simulates a and b and describes what differs: the job status at the end,
 * restarts, per vertex the records in and the back-pressured time from the
 * metric samples, and the first trace record where they diverge. Lines
 * start with a word, never a digit. (transfer full) */
char *fsim_compare_jobs (const FsimJob *a, const FsimJob *b, const char *name_a,
                         const char *name_b, GError **error);
/* A run for the TUI to keep beside another (`compare --tui`, a lesson
 * step's `compare:`): job simulated with its own seed and duration, as
 * fsim_compare_jobs simulates it; what names it ("B.job"). job must
 * outlive it. (transfer full) */
typedef struct _FsimCompareRun FsimCompareRun;
FsimCompareRun *fsim_compare_run_new (const FsimJob *job, const char *what, GError **error);
void fsim_compare_run_free (FsimCompareRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimCompareRun, fsim_compare_run_free)
/* (transfer none) valid while run lives */
const FsimVizRun *fsim_compare_run_get_viz (const FsimCompareRun *run);

/* Applies "KEY=VALUE" strings (NULL-terminated, may be NULL) to job's
 * configuration, as `compare --set` does for run B; FALSE and a message
 * naming the one refused. */
gboolean fsim_compare_apply_sets (FsimJob *job, const char *const *sets, GError **error);

G_END_DECLS
