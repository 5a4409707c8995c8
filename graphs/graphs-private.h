/* graphs-private.h - shared between the files of graphs/ only. */
#pragma once

#include <glib/gi18n.h>

#include "graphs/graphs.h"

G_BEGIN_DECLS

/* A job as loaded; job.c owns the accessors, parser.c and plan-json.c fill it. */
struct _FsimJob {
  char *name;                   /* from `job "…"`, else "Flink Streaming Job" */
  char *filename;
  char *source;                 /* the job file's text, for diagnostics; NULL if imported */
  FsimConfig *config;
  FsimStreamGraph *stream_graph;
  GPtrArray *faults;            /* FsimFault*, owned */
};

/* The most transformations a job file may create (and nodes a plan may
 * list). Flink sets no such bound, but its generators recurse along a
 * chain and a chain's TREE description grows with the square of its
 * length; real jobs stay far below this. */
#define FSIM_MAX_TRANSFORMATIONS 2000

/* An empty job with Flink's default configuration. (transfer full) */
FsimJob *fsim_job_new (const char *filename);
void fsim_fault_free (FsimFault *fault);

/* Sets error (domain FSIM_GRAPHS_ERROR, code) to a compiler-style diagnostic:
 *
 *   file.job:7:14: error: unknown method 'keyby'
 *       7 |              .keyby("word")
 *         |               ^~~~~
 *   did you mean 'keyBy'?
 *
 * line and column are 1-based; span is the caret's width (>= 1); source is
 * the whole text (the line is cut from it; NULL prints no excerpt); hint may
 * be NULL. */
void fsim_diagnostic (GError **error, int code, const char *filename,
                      const char *source, int line, int column, int span,
                      const char *hint, const char *format, ...) G_GNUC_PRINTF (9, 10);
/* With filename NULL (one expression alone, fsim_parse_expression) the
 * message is "COLUMN:message[\nhint]" instead, which this turns into the
 * bare message, returning COLUMN. */
int fsim_expression_error_column (GError *error);

/* Checks that text (length bytes, -1: up to its NUL) is UTF-8 without NUL
 * bytes; else sets a diagnostic at the first bad byte and returns FALSE.
 * The lexer and the JSON reader count columns in characters, so both rely
 * on it. */
gboolean fsim_text_check (const char *text, gssize length, const char *filename,
                          GError **error);
/* text after a UTF-8 byte-order mark (EF BB BF), if it starts with one:
 * editors on Windows write it; Jackson skips it, and so do the job parser
 * and the plan reader (issue 9: it sent a plan to the job parser). */
const char *fsim_text_skip_bom (const char *text);
/* A job file with a bare CR (no LF after it): old Mac line ends, which the
 * language does not take as line ends; a located error at the first one. */
gboolean fsim_text_check_line_ends (const char *text, const char *filename, GError **error);

/* text with line breaks, tabs and other control characters written as
 * JSON escapes (\n, \t, \u0001), for quoting user text in a one-line
 * message. (transfer full) */
char *fsim_escape_controls (const char *text);

G_END_DECLS
