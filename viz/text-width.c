/* text-width.c - how many terminal columns text takes.
 *
 * Tables and the TUI line text up in columns, and a learner's operator
 * names or the Chinese messages (po/zh_CN.po) are not ASCII: a wide (East
 * Asian) character takes two columns, a combining mark or another
 * zero-width character none, everything else one, as wcwidth(3) and the
 * terminals count. Bytes or characters would misalign every row with a
 * CJK character in it. */
#include "config.h"

#include <string.h>

#include "viz/viz-private.h"

int
fsim_viz_char_width (gunichar ch)
{
  if (ch == 0 || g_unichar_iszerowidth (ch))
    return 0;
  return g_unichar_iswide (ch) ? 2 : 1;
}

/* ASCII, nearly all of what is measured (every why), takes one column a
 * byte: only the other characters are looked up (the lookups were a quarter
 * of `flinksim run`'s text log). len < 0: up to the NUL. */
int
fsim_viz_text_width_len (const char *utf8, gssize len)
{
  int w = 0;
  for (const char *p = utf8; (len < 0 || p < utf8 + len) && *p;)
    {
      if ((guchar) *p < 0x80)
        {
          w++;
          p++;
          continue;
        }
      w += fsim_viz_char_width (g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
  return w;
}

int
fsim_viz_text_width (const char *utf8)
{
  return fsim_viz_text_width_len (utf8, -1);
}

static gboolean
ends_wide (const char *text, gsize len)
{
  const char *last = len ? g_utf8_find_prev_char (text, text + len) : NULL;
  return last && fsim_viz_char_width (g_utf8_get_char (last)) == 2;
}

char *
fsim_viz_labelled (const char *label, const char *text)
{
  return g_strconcat (label, ends_wide (label, strlen (label)) ? "" : " ", text, NULL);
}

void
fsim_viz_append_item (GString *out, gboolean first, const char *item)
{
  if (!first)
    /* TRANSLATORS: between the items of a list of names */
    g_string_append (out, C_("list", ", "));
  else if (!ends_wide (out->str, out->len))
    g_string_append_c (out, ' ');
  g_string_append (out, item);
}
