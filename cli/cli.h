/* cli.h - the flinksim command line: one table of subcommands.
 *
 * Like git's builtin.h and tmux's cmd_entry: every subcommand lives in its own
 * file cli/cmd-<name>.c and exports one FsimCommand. To add one:
 *   1. write cli/cmd-<name>.c defining `const FsimCommand fsim_cmd_<name>`;
 *   2. declare it below and add it to the table in cli/commands.c;
 *   3. add the file to cli/local.mk and describe it in docs/flinksim.1.
 * Handlers return the process exit code: FSIM_EXIT_OK, FSIM_EXIT_VIOLATION
 * (a simulation found a violated expectation) or FSIM_EXIT_BAD_INPUT.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "graphs/graphs.h"
#include "viz/viz.h"
#include "lessons/lessons.h"

G_BEGIN_DECLS

enum {
  FSIM_EXIT_OK = 0,
  FSIM_EXIT_VIOLATION = 1,
  FSIM_EXIT_BAD_INPUT = 2,
};

typedef struct {
  const char *name;
  const char *summary;          /* one line for `flinksim --help` */
  const char *parameters;       /* "JOB", shown after the name in usage */
  int (*run) (int argc, char **argv);   /* argv[0] is the command name */
} FsimCommand;

extern const FsimCommand fsim_cmd_check;
extern const FsimCommand fsim_cmd_compare;
extern const FsimCommand fsim_cmd_exercise;
extern const FsimCommand fsim_cmd_lesson;
extern const FsimCommand fsim_cmd_graph;
extern const FsimCommand fsim_cmd_lab;
extern const FsimCommand fsim_cmd_metrics;
extern const FsimCommand fsim_cmd_checkpoints;
extern const FsimCommand fsim_cmd_run;
extern const FsimCommand fsim_cmd_trace;
extern const FsimCommand fsim_cmd_tui;

/* NULL-terminated, in the order --help lists them. */
const FsimCommand *const *fsim_commands (void);
const FsimCommand *fsim_command_lookup (const char *name);

/* Sets the locale and the message catalog (cli/locale.c) and removes
 * --lang=LANG from argv; prints an error and returns FALSE (exit 2) for an
 * unknown language. */
gboolean fsim_cli_locale_init (int *argc, char **argv);

/* Shared helpers for commands. */
/* Parses options with a GOptionContext built from cmd; prints usage errors
 * and returns FALSE (exit 2). */
gboolean fsim_cli_parse_options (const FsimCommand *cmd, GOptionEntry *entries,
                                 int *argc, char ***argv);
/* The same with a description (translated) after the options in --help. */
gboolean fsim_cli_parse_options_described (const FsimCommand *cmd, GOptionEntry *entries,
                                           const char *description, int *argc, char ***argv);
/* After option parsing, argv must hold the command and one JOB: prints a
 * usage error and returns FALSE (exit 2) otherwise. */
gboolean fsim_cli_expect_one_job (const FsimCommand *cmd, int argc);
/* -D KEY=VALUE, as Flink's CLI takes dynamic properties; here only for keys
 * read before the job file, which cannot bound its own reading
 * (sim.max-input-bytes). defines is a NULL-terminated char ** (may be NULL). */
#define FSIM_CLI_DEFINE_ENTRY(defines)                                          \
  { "define", 'D', 0, G_OPTION_ARG_STRING_ARRAY, &(defines),                    \
    N_("a key read before the job file: sim.max-input-bytes=BYTES, the largest " \
       "file read (default 16 MiB)"), "KEY=VALUE" }
/* Loads the JOB at path within the bound the -D values give; a bad -D is an
 * error as a bad job is. (transfer full) */
FsimJob *fsim_cli_load_job (const char *path, char *const *defines, GError **error);
/* Prints on stderr, as located warnings, what Flink accepts in the job but
 * changes (fsim_job_config_warnings): `check` and `run` both do. */
void fsim_cli_warn_config (const FsimJob *job);
/* Prints a user-facing error (a GError whose message is already a full
 * diagnostic) to stderr and returns FSIM_EXIT_BAD_INPUT. */
int fsim_cli_fail (GError *error);
/* Writes bytes to path, or to stdout when path is NULL or "-". */
gboolean fsim_cli_write_output (GBytes *bytes, const char *path, GError **error);
/* For output written as it is made: path opened for writing in place (or
 * stdout for NULL or "-"); NULL and error if it cannot be. */
FILE *fsim_cli_open_output (const char *path, GError **error);
/* Closes what fsim_cli_open_output gave (stdout is flushed, not closed);
 * written is what the writer returned, write_error its error. FALSE and
 * error "cannot write PATH: …" if anything failed. */
gboolean fsim_cli_close_output (FILE *f, const char *path, gboolean written,
                                GError *write_error, GError **error);

/* The course (cli/course.c): its files, or NULL after printing why (exit 2). */
FsimCourse *fsim_cli_course (void);
/* "en" or "zh_CN": the language the message catalog speaks. */
const char *fsim_cli_course_lang (void);
/* Item number text (1 to n) as an index from 0; prints an error otherwise. */
gboolean fsim_cli_course_number (const char *cmd, const char *text, guint n, guint *out);
/* FsimLessonIO.write to stdout. */
void fsim_cli_write_text (const char *text, gpointer user_data);

G_END_DECLS
