/* locale.c - which language flinksim speaks (GNU gettext, docs/i18n.md).
 *
 * The environment decides, as for any GNU program: LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG; the C and POSIX locales and an unset LANG stay English.
 * `--lang=zh_CN` or `--lang=en`, anywhere on the command line, overrides it.
 * Messages are always UTF-8 (bind_textdomain_codeset): the job files, the
 * trace and the TUI all are.
 *
 * The catalog: FSIM_LOCALEDIR when set (tests), else po/locale next to the
 * binary when that exists (an uninstalled build tree, where `make` compiles
 * po/LANG.po), else $(localedir), where `make install` puts it. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
  const char *name;             /* as --lang takes it */
  const char *language;         /* for LANGUAGE; NULL: no catalog (English) */
  const char *locale;           /* an LC_MESSAGES locale to try first */
} languages[] = {
  { "en", NULL, "C" },
  { "C", NULL, "C" },
  { "zh_CN", "zh_CN", "zh_CN.UTF-8" },
  { "zh", "zh_CN", "zh_CN.UTF-8" },
};

static char *
locale_dir (void)
{
  const char *env = g_getenv ("FSIM_LOCALEDIR");
  if (env && *env)
    return g_strdup (env);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *tree = g_build_filename (dir, "po", "locale", NULL);
      if (g_file_test (tree, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&tree);
    }
  return g_strdup (FSIM_LOCALEDIR);
}

/* An LC_MESSAGES locale for a language whose own locale is not generated:
 * gettext reads LANGUAGE under any locale but C. */
static void
set_messages_locale (const char *preferred)
{
  if (setlocale (LC_MESSAGES, preferred) == NULL
      && setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
    setlocale (LC_MESSAGES, "C.utf8");
}

/* Removes "--lang=X" or "--lang X" from argv; returns X (or NULL), or
 * sets *missing when --lang ends the command line. */
static const char *
take_lang_option (int *argc, char **argv, gboolean *missing)
{
  const char *lang = NULL;
  int out = 1;
  for (int i = 1; i < *argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (g_str_has_prefix (argv[i], "--lang="))
        lang = argv[i] + strlen ("--lang=");
      else if (strcmp (argv[i], "--lang") == 0)
        {
          if (i + 1 >= *argc)
            *missing = TRUE;
          else
            lang = argv[++i];
        }
      else
        argv[out++] = argv[i];
    }
  argv[out] = NULL;
  *argc = out;
  return lang;
}

gboolean
fsim_cli_locale_init (int *argc, char **argv)
{
  gboolean missing = FALSE;
  const char *lang = take_lang_option (argc, argv, &missing);
  int chosen = -1;
  for (guint i = 0; lang && i < G_N_ELEMENTS (languages); i++)
    {
      /* "zh_CN.UTF-8" names zh_CN too */
      gsize n = strlen (languages[i].name);
      if (g_ascii_strncasecmp (lang, languages[i].name, n) == 0
          && (lang[n] == '\0' || lang[n] == '.'))
        {
          chosen = (int) i;
          break;
        }
    }

  setlocale (LC_ALL, "");
  if (chosen >= 0)
    {
      if (languages[chosen].language)
        {
          g_setenv ("LANGUAGE", languages[chosen].language, TRUE);
          set_messages_locale (languages[chosen].locale);
          /* Chinese text needs a UTF-8 terminal encoding (ncursesw, GLib) */
          if (!g_get_charset (NULL) && setlocale (LC_CTYPE, "C.UTF-8") == NULL)
            setlocale (LC_CTYPE, "C.utf8");
        }
      else
        {
          g_unsetenv ("LANGUAGE");
          setlocale (LC_MESSAGES, "C");
        }
    }
  g_autofree char *dir = locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (missing || (lang && chosen < 0))
    {
      g_autoptr (GString) names = g_string_new (NULL);
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        if (i == 0 || g_strcmp0 (languages[i].name, languages[i].language) == 0)
          g_string_append_printf (names, "%s%s", names->len ? ", " : "", languages[i].name);
      if (missing)
        fprintf (stderr, _("flinksim: --lang needs a language (%s)\n"), names->str);
      else
        fprintf (stderr, _("flinksim: unknown language '%s' (%s)\n"), lang, names->str);
      return FALSE;
    }
  return TRUE;
}
