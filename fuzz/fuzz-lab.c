/* fuzz-lab.c - libFuzzer target: `flinksim lab` (docs/labs.md), its
 * options and its token sequences, through the command itself.
 *
 * An input is a command line: its first line is the lab's name and
 * options, split at spaces ("barriers --mode unaligned --channels 2");
 * every further line is one argument as written, which the lab splits
 * into tokens at spaces and commas. The lab's output goes to /dev/null.
 * An input that could name a file is skipped: a word starting with '@'
 * (@FILE) or a '/' anywhere (lab failover's JOB); the bounded reading of
 * files and devices is covered by the robustness tests. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "fuzz/fuzz.h"

/* argv for fsim_cmd_lab: "lab", the first line's words, then the lines. */
static GPtrArray *
command_line (const char *text)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup ("lab"));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  if (lines[0])
    {
      g_auto (GStrv) words = g_strsplit (lines[0], " ", -1);
      for (char **w = words; *w; w++)
        if (**w)
          g_ptr_array_add (argv, g_strdup (*w));
      for (char **l = lines + 1; *l; l++)
        g_ptr_array_add (argv, g_strdup (*l));
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Runs the command with stdout and stderr sent to /dev/null. */
static void
run_quietly (GPtrArray *argv)
{
  fflush (stdout);
  fflush (stderr);
  int saved_out = dup (STDOUT_FILENO), saved_err = dup (STDERR_FILENO);
  int null = open ("/dev/null", O_WRONLY);
  g_assert (saved_out >= 0 && saved_err >= 0 && null >= 0);
  dup2 (null, STDOUT_FILENO);
  dup2 (null, STDERR_FILENO);
  close (null);
  fsim_cmd_lab.run ((int) argv->len - 1, (char **) argv->pdata);
  fflush (stdout);
  fflush (stderr);
  dup2 (saved_out, STDOUT_FILENO);
  dup2 (saved_err, STDERR_FILENO);
  close (saved_out);
  close (saved_err);
}

static gboolean
names_a_file (const char *text)
{
  if (strchr (text, '/'))
    return TRUE;
  for (const char *p = text; (p = strchr (p, '@')); p++)
    if (p == text || strchr (" ,\t\n", p[-1]))
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fsim_fuzz_text (data, size);
  if (text == NULL || names_a_file (text))
    return 0;
  g_autoptr (GPtrArray) argv = command_line (text);
  run_quietly (argv);
  return 0;
}
