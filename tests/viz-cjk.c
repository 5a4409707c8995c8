/* viz-cjk.c - Chinese operator names in every drawing, in check_viz.
 *
 * Graphviz draws a glyph no font covers as an empty box. Every drawing
 * names its font families (viz/dot.c); this test fails unless an installed
 * font (fc-list :lang=zh) among those families covers the characters of a
 * Chinese operator name, and renders that name to PNG at every level. The
 * picture was looked at when this was written; the families are what keep
 * it right on a fresh machine (tools/install-deps installs fonts-wqy-zenhei). */
#include "config.h"

#include <string.h>

#include "tests/viz-tests.h"

void viz_cjk_tcases (Suite *suite);

static const char *const job_text =
  "job \"中文作业\"\n"
  "set parallelism.default = 2\n"
  "env.fromSource(\"订单流\").map(\"解析订单\").keyBy(\"用户\").sum(1).print()\n";

/* fc-list's output for a pattern: one line per font, "Family,Alias,…". */
static char *
fc_list (const char *pattern)
{
  const char *argv[] = { "fc-list", pattern, "family", NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error),
                 "fc-list: %s", error ? error->message : "?");
  return g_steal_pointer (&out);
}

/* fontconfig's charset pattern for the characters of text: ":charset=8ba2 5355". */
static char *
charset_pattern (const char *text)
{
  GString *s = g_string_new (":charset=");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    g_string_append_printf (s, "%s%x", s->str[s->len - 1] == '=' ? "" : " ",
                            g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

/* The families the drawing names, from its first fontname attribute. */
static GStrv
drawing_families (const char *dot)
{
  const char *at = strstr (dot, "fontname=\"");
  ck_assert_ptr_nonnull (at);
  at += strlen ("fontname=\"");
  const char *end = strchr (at, '"');
  g_autofree char *list = g_strndup (at, end - at);
  return g_strsplit (list, ",", -1);
}

static gboolean
installed_family_named (const char *fc_out, GStrv named)
{
  g_auto (GStrv) lines = g_strsplit (fc_out, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      g_auto (GStrv) names = g_strsplit (*l, ",", -1);
      for (char **n = names; *n; n++)
        if (**n && g_strv_contains ((const char *const *) named, g_strstrip (*n)))
          return TRUE;
    }
  return FALSE;
}

typedef GBytes *(*View) (const FsimJob *, FsimFormat, GError **);

START_TEST (test_chinese_names_render)
{
  g_autofree char *zh = fc_list (":lang=zh");
  ck_assert_msg (zh && *zh, "no installed font covers Chinese (fc-list :lang=zh is empty); "
                 "tools/install-deps installs fonts-wqy-zenhei");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (job_text, "zh.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");

  const char *const names[] = { "Source: 订单流", "解析订单", "中文作业" };
  static const struct { const char *level; View view; } levels[] = {
    { "stream", fsim_viz_stream_graph }, { "job", fsim_viz_job_graph },
    { "execution", fsim_viz_execution_graph }, { "regions", fsim_viz_regions },
    { "slot-sharing", fsim_viz_slot_sharing }, { "slots", fsim_viz_slots },
  };
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr (GBytes) dot = levels[i].view (job, FSIM_FORMAT_DOT, &error);
      ck_assert_msg (dot != NULL, "%s: %s", levels[i].level, error ? error->message : "?");
      g_autofree char *text = g_strndup (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot));
      g_auto (GStrv) families = drawing_families (text);
      ck_assert_ptr_nonnull (strstr (text, "订单流"));
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autofree char *pattern = charset_pattern (names[k]);
          g_autofree char *covering = fc_list (pattern);
          ck_assert_msg (installed_family_named (covering, families),
                         "%s: no font named in the drawing (%s) covers \"%s\"",
                         levels[i].level, text, names[k]);
        }
      g_autoptr (GBytes) png = levels[i].view (job, FSIM_FORMAT_PNG, &error);
      ck_assert_msg (png != NULL, "%s: %s", levels[i].level, error ? error->message : "?");
      ck_assert_int_eq (memcmp (g_bytes_get_data (png, NULL), "\x89PNG", 4), 0);
    }
}
END_TEST

void
viz_cjk_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("ChineseInDrawings");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_chinese_names_render);
  suite_add_tcase (suite, tc);
}
