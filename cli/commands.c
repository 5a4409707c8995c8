/* commands.c - the subcommand table and helpers shared by subcommands. */
#include "config.h"

#include <stdio.h>
#include <errno.h>

#include "cli/cli.h"

static const FsimCommand *const commands[] = {
  &fsim_cmd_check,
  &fsim_cmd_checkpoints,
  &fsim_cmd_compare,
  &fsim_cmd_exercise,
  &fsim_cmd_graph,
  &fsim_cmd_lab,
  &fsim_cmd_lesson,
  &fsim_cmd_metrics,
  &fsim_cmd_run,
  &fsim_cmd_trace,
  &fsim_cmd_tui,
  NULL
};

const FsimCommand *const *
fsim_commands (void)
{
  return commands;
}

const FsimCommand *
fsim_command_lookup (const char *name)
{
  for (int i = 0; commands[i]; i++)
    if (g_strcmp0 (commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

gboolean
fsim_cli_parse_options (const FsimCommand *cmd, GOptionEntry *entries,
                        int *argc, char ***argv)
{
  return fsim_cli_parse_options_described (cmd, entries, NULL, argc, argv);
}

gboolean
fsim_cli_parse_options_described (const FsimCommand *cmd, GOptionEntry *entries,
                                  const char *description, int *argc, char ***argv)
{
  g_autofree char *param = g_strdup_printf ("%s %s", cmd->name, cmd->parameters);
  g_autoptr (GOptionContext) ctx = g_option_context_new (param);
  g_autoptr (GError) error = NULL;
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_summary (ctx, _(cmd->summary));
  if (description)
    g_option_context_set_description (ctx, description);
  if (entries)
    g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      fprintf (stderr, _("flinksim %s: %s\nTry 'flinksim %s --help'.\n"),
               cmd->name, error->message, cmd->name);
      return FALSE;
    }
  return TRUE;
}

/* The keys that must be known before the job file is read. */
static const char *const before_job_keys[] = { "sim.max-input-bytes", NULL };

static gboolean
define_key (FsimConfig *config, const char *define, GError **error)
{
  g_auto (GStrv) kv = g_strsplit (define, "=", 2);
  if (kv[0] == NULL || kv[1] == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("flinksim: -D %s: expected KEY=VALUE, like -D sim.max-input-bytes=67108864"),
                   define);
      return FALSE;
    }
  const char *key = g_strstrip (kv[0]);
  if (!g_strv_contains (before_job_keys, key))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("flinksim: -D %s: only sim.max-input-bytes is read before the job file; "
                     "set other keys in the job file (set %s = …)"), define, key);
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  if (!fsim_config_set (config, key, g_strstrip (kv[1]), &local))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("flinksim: -D %s: %s"),
                   define, local->message);
      return FALSE;
    }
  return TRUE;
}

FsimJob *
fsim_cli_load_job (const char *path, char *const *defines, GError **error)
{
  g_autoptr (FsimConfig) before = fsim_config_new ();
  for (char *const *d = defines; d && *d; d++)
    if (!define_key (before, *d, error))
      return NULL;
  gint64 max_bytes = fsim_config_get_int (before, "sim.max-input-bytes");
  return fsim_job_load_bounded (path, (gsize) max_bytes, error);
}

void
fsim_cli_warn_config (const FsimJob *job)
{
  g_autoptr (GPtrArray) warnings = fsim_job_config_warnings (job);
  for (guint i = 0; i < warnings->len; i++)
    {
      const FsimJobWarning *w = g_ptr_array_index (warnings, i);
      g_autofree char *text = fsim_diagnostic_warning (fsim_job_get_filename (job),
                                                       fsim_job_get_source (job), &w->site,
                                                       w->hint, "%s", w->message);
      fputs (text, stderr);
    }
}

gboolean
fsim_cli_expect_one_job (const FsimCommand *cmd, int argc)
{
  if (argc == 2)
    return TRUE;
  fprintf (stderr, ngettext ("flinksim %s: expected one JOB file, got %d argument\n"
                             "Try 'flinksim %s --help'.\n",
                             "flinksim %s: expected one JOB file, got %d arguments\n"
                             "Try 'flinksim %s --help'.\n", (gulong) MAX (argc - 1, 0)),
           cmd->name, argc - 1, cmd->name);
  return FALSE;
}

int
fsim_cli_fail (GError *error)
{
  g_autofree char *msg = g_strchomp (g_strdup (error->message));
  fprintf (stderr, "%s\n", msg);
  return FSIM_EXIT_BAD_INPUT;
}

static gboolean
is_stdout (const char *path)
{
  return path == NULL || g_strcmp0 (path, "-") == 0;
}

FILE *
fsim_cli_open_output (const char *path, GError **error)
{
  if (is_stdout (path))
    return stdout;
  /* in place, as fsim_cli_write_output writes */
  FILE *f = fopen (path, "wb");
  if (f == NULL)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                 _("cannot write %s: %s"), path, g_strerror (errno));
  return f;
}

gboolean
fsim_cli_close_output (FILE *f, const char *path, gboolean written, GError *write_error,
                       GError **error)
{
  int saved = 0;
  const char *why = write_error ? write_error->message : NULL;
  if (is_stdout (path))
    {
      if (fflush (stdout) != 0 && why == NULL)
        saved = errno;
    }
  else if (fclose (f) != 0 && why == NULL)
    saved = errno;
  if (saved != 0)
    why = g_strerror (saved);
  if (why == NULL && written)
    return TRUE;
  if (why == NULL)
    why = _("the writer failed");
  if (is_stdout (path))
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("cannot write to standard output: %s"),
                 why);
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("cannot write %s: %s"), path, why);
  return FALSE;
}

gboolean
fsim_cli_write_output (GBytes *bytes, const char *path, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      if (len > 0 && fwrite (data, 1, len, stdout) != len)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("cannot write to standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      fflush (stdout);
      return TRUE;
    }
  /* Written in place, like dot -o: an atomic replace (g_file_set_contents)
   * would swap a symlink, a FIFO or /dev/null itself for a regular file. */
  FILE *f = fopen (path, "wb");
  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("cannot write %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  gboolean ok = (len == 0 || fwrite (data, 1, len, f) == len);
  int saved = errno;
  if (fclose (f) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  if (!ok)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                 _("cannot write %s: %s"), path, g_strerror (saved));
  return ok;
}
