/* testlib.h - shared helpers for the Check suites (one suite per module). */
#pragma once

#include <check.h>
#include <glib.h>

#include "graphs/graphs.h"

/* Runs the suite, TAP on stdout under `make check`; returns the exit code. */
int fsim_test_main (Suite *suite);

/* Absolute path of a file in the source tree ("examples/x.job"). (transfer full) */
char *fsim_test_srcpath (const char *relative);
/* Absolute path of the built flinksim binary. (transfer full) */
char *fsim_test_binary (void);

/* Runs flinksim with argv (NULL-terminated, without the program name);
 * captures stdout and stderr; returns the exit status. */
int fsim_test_run_cli (const char *const *args, char **out, char **err);

/* Compares actual with tests/golden/<name>; under FSIM_UPDATE_GOLDEN=1
 * rewrites the file instead. Fails the current test on a difference, showing
 * the first differing line. */
void fsim_test_golden (const char *name, const char *actual, gsize len);

/* Names of the files in a source-tree folder ("examples") ending with
 * suffix (".job"), sorted bytewise, so a test covers every example and
 * always in the same order. (transfer full: GPtrArray of char *) */
GPtrArray *fsim_test_list_sources (const char *dir, const char *suffix);

/* The job in a source-tree file ("examples/x.job", a plan ".json"), or the
 * getExecutionPlan() JSON text (called name in diagnostics); fails the test
 * with the diagnostic if it does not load. (transfer full) */
FsimJob *fsim_test_load_job (const char *relative);
FsimJob *fsim_test_import_plan (const char *json, const char *name);
