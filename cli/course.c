/* course.c - where the course's files are and which language it speaks,
 * for `flinksim lesson`, `exercise` and `compare`.
 *
 * The files: FSIM_LESSONS_DIR when set, else lessons/ beside the binary when
 * it has course.index (an uninstalled build tree), else $(pkgdatadir)/lessons. */
#include "config.h"

#include "cli/cli.h"

static char *
lessons_dir (void)
{
  const char *env = g_getenv ("FSIM_LESSONS_DIR");
  if (env && *env)
    return g_strdup (env);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *tree = g_build_filename (dir, "lessons", NULL);
      g_autofree char *index = g_build_filename (tree, "course.index", NULL);
      if (g_file_test (index, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&tree);
    }
  return g_strdup (FSIM_LESSONSDIR);
}

FsimCourse *
fsim_cli_course (void)
{
  g_autofree char *dir = lessons_dir ();
  g_autoptr (GError) error = NULL;
  FsimCourse *course = fsim_course_load (dir, &error);
  if (course == NULL)
    fsim_cli_fail (error);
  return course;
}

const char *
fsim_cli_course_lang (void)
{
  /* TRANSLATORS: the language of lesson texts: "zh_CN" in the Chinese catalog */
  const char *lang = C_("lesson language", "en");
  return g_strcmp0 (lang, "zh_CN") == 0 ? "zh_CN" : "en";
}

gboolean
fsim_cli_course_number (const char *cmd, const char *text, guint n, guint *out)
{
  guint64 v;
  if (text && g_ascii_string_to_unsigned (text, 10, 1, MAX (n, 1), &v, NULL) && n > 0)
    {
      *out = (guint) v - 1;
      return TRUE;
    }
  fprintf (stderr, _("flinksim %s: '%s' is not a number from 1 to %u (flinksim %s list)\n"), cmd,
           text ? text : "", n, cmd);
  return FALSE;
}

void
fsim_cli_write_text (const char *text, gpointer user_data)
{
  (void) user_data;
  fputs (text, stdout);
  fflush (stdout);
}
