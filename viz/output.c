/* output.c - output formats: their names, and JSON as every view writes it. */
#include "config.h"

#include <errno.h>

#include "viz/viz-private.h"

G_DEFINE_QUARK (fsim-viz-error-quark, fsim_viz_error)

gboolean
fsim_viz_flush (GString *out, FILE *file, GError **error)
{
  if (out->len > 0 && fwrite (out->str, 1, out->len, file) != out->len)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (out, 0);
  return TRUE;
}

static const char *const format_names[] = {
  [FSIM_FORMAT_TEXT] = "text",
  [FSIM_FORMAT_JSON] = "json",
  [FSIM_FORMAT_DOT] = "dot",
  [FSIM_FORMAT_SVG] = "svg",
  [FSIM_FORMAT_PNG] = "png",
  [FSIM_FORMAT_JSONL] = "jsonl",
};

gboolean
fsim_format_from_name (const char *name, FsimFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *out = (FsimFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
fsim_format_name (FsimFormat format)
{
  g_assert ((guint) format < G_N_ELEMENTS (format_names));
  return format_names[format];
}

/* json-glib 1.6 pretty-prints an empty object as "{", the indentation of
 * its level and "}": write "{ }". Braces inside strings stay as they are. */
static void
tidy_empty_objects (GString *s)
{
  gboolean in_string = FALSE;
  for (gsize i = 0; i < s->len; i++)
    {
      char c = s->str[i];
      if (in_string)
        {
          if (c == '\\')
            i++;                /* the escaped character */
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      if (c != '{')
        continue;
      gsize end = i + 1;
      while (end < s->len && (s->str[end] == ' ' || s->str[end] == '\n'))
        end++;
      if (end < s->len && s->str[end] == '}')
        {
          g_string_erase (s, (gssize) i + 1, (gssize) (end - i - 1));
          g_string_insert_c (s, (gssize) i + 1, ' ');
        }
    }
}

GBytes *
fsim_viz_json_bytes (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  GString *s = g_string_new (text);
  tidy_empty_objects (s);
  g_string_append_c (s, '\n');
  return g_string_free_to_bytes (s);
}

void
fsim_viz_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
fsim_viz_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
fsim_viz_json_add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}
