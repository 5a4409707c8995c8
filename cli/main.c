/* main.c - flinksim entry point: `flinksim COMMAND …`, or `flinksim JOB`. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static void
print_help (FILE *out)
{
  fputs (_("Usage: flinksim COMMAND [OPTIONS] JOB\n"
           "       flinksim JOB\n"
           "\n"
           "Simulates and explains what Apache Flink's runtime does with a job.\n"
           "JOB is a .job file (see flinksim(1) and docs/job-language.md) or a\n"
           "Flink execution-plan JSON from getExecutionPlan().\n"
           "\n"
           "Commands:\n"), out);
  for (const FsimCommand *const *c = fsim_commands (); *c; c++)
    fprintf (out, "  %-10s %s\n", (*c)->name, _((*c)->summary));
  fputs (_("\n"
           "Options of every command:\n"
           "  --lang=LANG  the language of messages: en or zh_CN (default: the locale)\n"
           "\n"
           "'flinksim COMMAND --help' describes a command.\n"
           "Exit status: 0 ok, 1 an expectation was violated, 2 bad input.\n"), out);
  fputs (_("\n"
           "Not simulated yet: restoring from a savepoint, rescaling on restore, side\n"
           "outputs other than late data, the adaptive batch scheduler (see\n"
           "docs/design.md).\n"), out);
}

/* `flinksim JOB [OPTIONS]`: the step-through TUI on a terminal, otherwise
 * (a pipe, a file, TERM=dumb) the text trace `flinksim run` prints. */
static int
run_main_job (int argc, char **argv)
{
  const char *term = g_getenv ("TERM");
  gboolean tui = isatty (STDIN_FILENO) && isatty (STDOUT_FILENO)
                 && term && *term && g_strcmp0 (term, "dumb") != 0;
  const FsimCommand *cmd = tui ? &fsim_cmd_tui : &fsim_cmd_run;
  g_autofree char **sub_argv = g_new0 (char *, argc + 1);
  sub_argv[0] = (char *) cmd->name;
  for (int i = 1; i < argc; i++)
    sub_argv[i] = argv[i];
  return cmd->run (argc, sub_argv);
}

int
main (int argc, char **argv)
{
  if (!fsim_cli_locale_init (&argc, argv))
    return FSIM_EXIT_BAD_INPUT;
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? FSIM_EXIT_BAD_INPUT : FSIM_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("flinksim %s\n", PACKAGE_VERSION);
      return FSIM_EXIT_OK;
    }
  const FsimCommand *cmd = fsim_command_lookup (argv[1]);
  if (cmd)
    return cmd->run (argc - 1, argv + 1);
  if (argv[1][0] != '-' && g_file_test (argv[1], G_FILE_TEST_EXISTS))
    return run_main_job (argc, argv);

  const char *names[32];
  int n = 0;
  for (const FsimCommand *const *c = fsim_commands (); *c && n < 31; c++)
    names[n++] = (*c)->name;
  names[n] = NULL;
  const char *near = fsim_suggest (argv[1], names);
  if (near)
    fprintf (stderr, _("flinksim: '%s' is neither a command nor a job file; did you mean '%s'?\n"),
             argv[1], near);
  else
    fprintf (stderr, _("flinksim: '%s' is neither a command nor a job file\n"), argv[1]);
  fputs (_("Try 'flinksim --help'.\n"), stderr);
  return FSIM_EXIT_BAD_INPUT;
}
