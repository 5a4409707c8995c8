/* replay.c - feeds files to a fuzz target without libFuzzer.
 *
 *   replay-job FILE|DIR...
 *
 * Each file (a directory: each file in it, sorted) is read whole and passed
 * to LLVMFuzzerTestOneInput once, in this process, so a crash, a sanitizer
 * report or a hang (the test's timeout) fails `make check`. Prints TAP: one
 * line per argument. Built with the normal compiler and flags (the
 * sanitizer build in CI runs it under ASan and UBSan). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz/fuzz.h"

static int
compare (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
inputs_of (const char *path)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return files;
    }
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    if (name[0] != '.' && strcmp (name, "README.md") != 0)
      g_ptr_array_add (files, g_build_filename (path, name, NULL));
  g_ptr_array_sort (files, compare);
  return files;
}

int
main (int argc, char **argv)
{
  printf ("1..%d\n", argc - 1);
  int failed = 0;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GPtrArray) files = inputs_of (argv[i]);
      guint n = 0;
      gboolean ok = TRUE;
      for (guint k = 0; k < files->len; k++)
        {
          g_autofree char *data = NULL;
          gsize len = 0;
          if (!g_file_get_contents (files->pdata[k], &data, &len, NULL))
            {
              printf ("# cannot read %s\n", (char *) files->pdata[k]);
              ok = FALSE;
              continue;
            }
          LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
          n++;
        }
      printf ("%s %d - %s: %u inputs replayed\n", ok ? "ok" : "not ok", i, argv[i], n);
      failed += !ok;
    }
  return failed ? 1 : 0;
}
