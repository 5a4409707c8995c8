/* testlib.h - helpers every Check suite shares (one suite per module).
 *
 * This base needs only GLib and Check, so that check_sim, at the bottom of
 * the module order, links it without anything above sim/. Helpers that
 * need a module live in tests/testlib-<module>.h, linked only by the suites
 * of that module and those above it (tests/local.mk). */
#pragma once

#include <check.h>
#include <glib.h>

/* Runs the suite, TAP on stdout under `make check`; returns the exit code. */
int fsim_test_main (Suite *suite);

/* Path of a file in the source tree ("examples/x.job"), under $FSIM_SRCDIR
 * (set by `make check`), else under the current directory: no source path
 * is compiled into a binary. (transfer full) */
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
