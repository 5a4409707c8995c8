/* lab.h - `flinksim lab NAME`: one mechanism of Flink's runtime alone, fed a
 * sequence, step by step (the contract: docs/labs.md).
 *
 * A lab runs one piece of the runtime the simulation runs (a barrier
 * handler, a restart strategy, …) on inputs the user writes as tokens, and
 * prints what it did after each input and why. This header is the
 * framework every lab is written on; it is private to cli/.
 *
 * Adding a lab (one file, one table entry):
 *   1. write cli/lab-<name>.c defining `const FsimLabEntry fsim_lab_<name>`;
 *   2. declare it below (replace the placeholder comment of your lab) and add
 *      it to the table in cli/cmd-lab.c (likewise);
 *   3. add the file to cli/local.mk and po/POTFILES, describe the lab in
 *      docs/labs.md and docs/flinksim.1.
 *
 * A lab's run function, in order:
 *   - fsim_lab_parse_args (lab, options, data): the lab's options (its
 *     table; --format and --help are the framework's). FALSE: return
 *     fsim_lab_exit_code (lab) (0 after --help, 2 after a bad option,
 *     already reported).
 *   - fsim_lab_read_tokens (lab, &error) for a sequence lab (spaces or
 *     commas, several arguments, @FILE with # comments), or
 *     fsim_lab_get_args (lab) for the arguments as they are.
 *   - per input: fsim_lab_step_begin, the JSON members through
 *     fsim_lab_record_json and the text lines through fsim_lab_record_text,
 *     fsim_lab_record_end (rec, why). Then fsim_lab_summary_begin … end.
 *   - a bad token: fsim_lab_set_error (&error, token, offset, …) and
 *     `return fsim_lab_fail (lab, error);` (exit 2). The message says
 *     where (argument N, or FILE:LINE), the column, shows the argument or
 *     line and a caret under the column.
 *
 * Output: --format text (default) prints one block per record,
 *   "step N: TOKEN", the record's text lines indented by two spaces, and
 *   "  why: …"; blocks are separated by a blank line. --format jsonl prints
 *   each record as one JSON object on one line, members in the order they
 *   were added: a step begins with "step" and "token", the summary with
 *   "summary": true, "why" comes last. Nothing else reaches stdout.
 *
 * Times: Flink durations ("10ms", "1s", "1 min" in an option); a bare
 * number is milliseconds (TimeUtils.parseDuration). Every lab's clock
 * starts at 0; labs keep it in µs (gint64) as the simulator does.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "cli/cli.h"

G_BEGIN_DECLS

/* The domain of the located diagnostics fsim_lab_set_error makes. */
#define FSIM_LAB_ERROR (fsim_lab_error_quark ())
GQuark fsim_lab_error_quark (void);

typedef enum {
  FSIM_LAB_FORMAT_TEXT,
  FSIM_LAB_FORMAT_JSONL,
} FsimLabFormat;

/* A word the user wrote, with where it came from. Arguments are numbered
 * from 1 after `flinksim lab NAME`. Owned by the lab's FsimLab. */
typedef struct {
  const char *text;             /* the word itself, NUL-terminated */
  const char *line;             /* the whole argument, or the whole file line */
  gsize offset;                 /* byte offset of text in line */
  int argument;                 /* the argument it is, or the @FILE argument */
  const char *file;             /* NULL, or the file it was read from */
  int file_line;                /* 1-based line in file (0 when file is NULL) */
} FsimLabToken;

typedef struct _FsimLab FsimLab;

/* An option of a lab: --name VALUE or --name=VALUE (value_name set), or a
 * flag --name (value_name NULL; then set gets value NULL). set stores it in
 * data (the lab's own struct) or fails with fsim_lab_set_error at value. */
typedef gboolean (*FsimLabOptionFunc) (gpointer data, const FsimLabToken *value,
                                       GError **error);
typedef struct {
  const char *name;             /* "channels" for --channels */
  const char *value_name;       /* "N", or NULL for a flag */
  const char *doc;              /* N_() one line for --help */
  FsimLabOptionFunc set;
} FsimLabOption;                /* tables end with { NULL } */

typedef struct {
  const char *name;             /* "barriers" */
  const char *summary;          /* N_() one line for `flinksim lab --help` */
  const char *parameters;       /* "[OPTIONS] SEQUENCE...", after the name in usage */
  const char *description;      /* N_() for `flinksim lab NAME --help`: the tokens */
  int (*run) (FsimLab *lab);
} FsimLabEntry;

extern const FsimLabEntry fsim_lab_barriers;

/* lab restart, lab failover: */
extern const FsimLabEntry fsim_lab_restart;
extern const FsimLabEntry fsim_lab_failover;

/* lab watermarks, lab windows: */
extern const FsimLabEntry fsim_lab_watermarks;
extern const FsimLabEntry fsim_lab_windows;
/* Shared by them (cli/lab-watermarks.c): an event time, a Java long of ms
 * (a bare number, any sign, the whole range) or a Flink duration (its whole
 * ms), in token->text from offset for len bytes (-1: to the end). */
gboolean fsim_lab_parse_event_time (const FsimLabToken *token, gsize offset, gssize len,
                                    gint64 *out_ms, GError **error);
/* Sets error from local (graphs/' bare expression error, which it takes)
 * at 1-based character column of token. */
void fsim_lab_expression_error (GError **error, const FsimLabToken *token, int column,
                                GError *local);

/* --- arguments and options (cli/cmd-lab.c) ------------------------------- */

/* Parses the lab's options (options, ended by { NULL }; data is passed to
 * their set functions) and --format, --help. FALSE when the lab must stop:
 * return fsim_lab_exit_code (lab). Everything not an option ("--x", "-h")
 * is kept, in order, for fsim_lab_get_args / fsim_lab_read_tokens; "--"
 * ends the options. */
gboolean fsim_lab_parse_args (FsimLab *lab, const FsimLabOption *options, gpointer data);
int fsim_lab_exit_code (FsimLab *lab);
FsimLabFormat fsim_lab_get_format (FsimLab *lab);
const FsimLabEntry *fsim_lab_get_entry (FsimLab *lab);
/* The non-option arguments, each one token as written (FsimLabToken *,
 * owned by lab). */
GPtrArray *fsim_lab_get_args (FsimLab *lab);
/* Prints error (from fsim_lab_set_error) as "flinksim lab NAME: …" on
 * stderr; returns FSIM_EXIT_BAD_INPUT. Takes error. */
int fsim_lab_fail (FsimLab *lab, GError *error);

/* --- tokens (cli/lab-tokens.c) -------------------------------------------- */

/* The sequence: the non-option arguments split at spaces and commas; a
 * token @FILE is replaced by FILE's tokens (# to the end of a line is a
 * comment; files do not include files). NULL and error if a file cannot
 * be read. (FsimLabToken *, owned by lab) */
GPtrArray *fsim_lab_read_tokens (FsimLab *lab, GError **error);

/* Sets error to a located diagnostic at byte offset (within token->text)
 * of token: "argument 3, column 5: MESSAGE" or "FILE:2:5: MESSAGE", then
 * the argument or line and a caret under the column. */
void fsim_lab_set_error (GError **error, const FsimLabToken *token, gsize offset,
                         const char *format, ...) G_GNUC_PRINTF (4, 5);

/* A Flink duration (bare number = ms) in µs; text is token->text from
 * offset on up to len bytes (-1: to the end). Errors located there. */
gboolean fsim_lab_parse_duration (const FsimLabToken *token, gsize offset, gssize len,
                                  gint64 *out_us, GError **error);
/* A decimal integer in [min, max], located as above. */
gboolean fsim_lab_parse_int (const FsimLabToken *token, gsize offset, gssize len,
                             gint64 min, gint64 max, gint64 *out, GError **error);
/* true or false (Flink's boolean option values, any case). */
gboolean fsim_lab_parse_bool (const FsimLabToken *token, gboolean *out, GError **error);
/* One of choices (NULL-terminated): its index, or an error suggesting the
 * nearest. */
gboolean fsim_lab_parse_choice (const FsimLabToken *token, const char *const *choices,
                                int *out, GError **error);

/* --- output (cli/cmd-lab.c) ------------------------------------------------ */

typedef struct _FsimLabRecord FsimLabRecord;

/* A record for input number step (0-based), token as the user wrote it. */
FsimLabRecord *fsim_lab_step_begin (FsimLab *lab, int step, const FsimLabToken *token);
/* The summary record, after the steps: {"summary": true, …}. */
FsimLabRecord *fsim_lab_summary_begin (FsimLab *lab);
/* A record that is neither (a lab that prints one object): title heads
 * its text block. */
FsimLabRecord *fsim_lab_record_begin (FsimLab *lab, const char *title);
/* The record's JSON object, open: add members (json_builder_set_member_name
 * then a value). Members are printed in the order added. (transfer none) */
JsonBuilder *fsim_lab_record_json (FsimLabRecord *rec);
/* One line of the record's text block (no newline). */
void fsim_lab_record_text (FsimLabRecord *rec, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Prints the record in the lab's format, with why (NULL: none) last, and
 * frees it. */
void fsim_lab_record_end (FsimLabRecord *rec, const char *why);

/* JSON helpers: an array of integers, and "name": [ints]. */
void fsim_lab_json_int_array (JsonBuilder *b, const char *name, const gint64 *values, guint n);

/* Framework-internal (cli/cmd-lab.c for cli/lab-tokens.c): mem is freed
 * with g_free when the lab ends; returns mem. */
gpointer fsim_lab_keep (FsimLab *lab, gpointer mem);

G_END_DECLS
