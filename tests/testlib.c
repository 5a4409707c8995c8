/* testlib.c - helpers shared by the Check suites. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tests/testlib.h"

int
fsim_test_main (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static const char *
dir_from_env (const char *var, const char *fallback)
{
  const char *v = g_getenv (var);
  return v && *v ? v : fallback;
}

char *
fsim_test_srcpath (const char *relative)
{
  return g_build_filename (dir_from_env ("FSIM_SRCDIR", "."), relative, NULL);
}

char *
fsim_test_binary (void)
{
  return g_build_filename (dir_from_env ("FSIM_BUILDDIR", "."), "flinksim", NULL);
}

int
fsim_test_run_cli (const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, fsim_test_binary ());
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (argv, g_strdup (*a));
  g_ptr_array_add (argv, NULL);
  int status = 0;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                              NULL, NULL, out, err, &status, &error);
  ck_assert_msg (ok, "cannot run flinksim: %s", error ? error->message : "?");
  ck_assert_msg (WIFEXITED (status), "flinksim did not exit normally");
  return WEXITSTATUS (status);
}

static void
report_first_difference (const char *name, const char *want, const char *got)
{
  int line = 1;
  const char *w = want, *g = got;
  while (*w && *w == *g)
    {
      if (*w == '\n')
        line++;
      w++;
      g++;
    }
  g_autofree char *wl = g_strndup (w - (w > want && w[-1] != '\n' ? 0 : 0), strcspn (w, "\n"));
  g_autofree char *gl = g_strndup (g, strcspn (g, "\n"));
  ck_abort_msg ("golden %s differs at line %d:\n  want: %s\n  got:  %s\n"
                "(make update-golden rewrites it; look at the diff before committing)",
                name, line, wl, gl);
}

void
fsim_test_golden (const char *name, const char *actual, gsize len)
{
  g_autofree char *rel = g_build_filename ("tests", "golden", name, NULL);
  g_autofree char *path = fsim_test_srcpath (rel);
  if (g_strcmp0 (g_getenv ("FSIM_UPDATE_GOLDEN"), "1") == 0)
    {
      g_autoptr (GError) error = NULL;
      ck_assert_msg (g_file_set_contents (path, actual, (gssize) len, &error),
                     "cannot write %s: %s", path, error ? error->message : "?");
      return;
    }
  g_autofree char *want = NULL;
  gsize want_len = 0;
  ck_assert_msg (g_file_get_contents (path, &want, &want_len, NULL),
                 "golden file %s is missing (make update-golden creates it)", path);
  if (want_len != len || memcmp (want, actual, len) != 0)
    {
      g_autofree char *got = g_strndup (actual, len);
      report_first_difference (name, want, got);
    }
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GPtrArray *
fsim_test_list_sources (const char *dir, const char *suffix)
{
  g_autofree char *path = fsim_test_srcpath (dir);
  g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
  ck_assert_msg (d != NULL, "cannot list %s", path);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}
