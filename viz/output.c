/* output.c - output format names shared by every view. */
#include "config.h"

#include "viz/viz.h"

G_DEFINE_QUARK (fsim-viz-error-quark, fsim_viz_error)

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
