/* tui-grid.c - a grid of styled cells, drawn in memory (tmux's grid.c). */
#include "config.h"

#include <string.h>

#include "viz/tui-private.h"
#include "viz/viz-private.h"

struct _FsimTuiGrid {
  int width, height;
  FsimTuiCell *cells;           /* row-major, width * height */
};

static const FsimTuiCell blank = { ' ', FSIM_TUI_ROLE_DEFAULT, 0 };

FsimTuiGrid *
fsim_tui_grid_new (int width, int height)
{
  FsimTuiGrid *grid = g_new0 (FsimTuiGrid, 1);
  fsim_tui_grid_resize (grid, width, height);
  return grid;
}

void
fsim_tui_grid_free (FsimTuiGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->cells);
  g_free (grid);
}

void
fsim_tui_grid_resize (FsimTuiGrid *grid, int width, int height)
{
  g_assert (width >= 0 && height >= 0);
  grid->width = width;
  grid->height = height;
  grid->cells = g_renew (FsimTuiCell, grid->cells, (gsize) MAX (1, width * height));
  fsim_tui_grid_clear (grid);
}

void
fsim_tui_grid_grow (FsimTuiGrid *grid, int height)
{
  if (height <= grid->height)
    return;
  grid->cells = g_renew (FsimTuiCell, grid->cells, (gsize) MAX (1, grid->width * height));
  for (int i = grid->width * grid->height; i < grid->width * height; i++)
    grid->cells[i] = blank;
  grid->height = height;
}

void
fsim_tui_grid_clear (FsimTuiGrid *grid)
{
  for (int i = 0; i < grid->width * grid->height; i++)
    grid->cells[i] = blank;
}

int
fsim_tui_grid_width (const FsimTuiGrid *grid)
{
  return grid->width;
}

int
fsim_tui_grid_height (const FsimTuiGrid *grid)
{
  return grid->height;
}

const FsimTuiCell *
fsim_tui_grid_cell (const FsimTuiGrid *grid, int x, int y)
{
  g_assert (x >= 0 && x < grid->width && y >= 0 && y < grid->height);
  return &grid->cells[y * grid->width + x];
}

/* Box drawing, arrows and blocks the TUI uses, with their ASCII stand-ins. */
static const struct {
  gunichar uni;
  char ascii;
} glyphs[] = {
  { 0x00B7, '.' }, { 0x2022, '*' }, { 0x2026, '~' },
  { 0x2190, '<' }, { 0x2191, '^' }, { 0x2192, '>' }, { 0x2193, 'v' },
  { 0x2198, '\\' }, { 0x21BB, '@' }, { 0x2500, '-' }, { 0x2501, '=' }, { 0x2502, '|' },
  { 0x2503, '|' }, { 0x250C, '+' }, { 0x250F, '+' }, { 0x2510, '+' },
  { 0x2513, '+' }, { 0x2514, '+' }, { 0x2517, '+' }, { 0x2518, '+' },
  { 0x251B, '+' }, { 0x251C, '+' }, { 0x2524, '+' }, { 0x252C, '+' },
  { 0x2534, '+' }, { 0x253C, '+' }, { 0x254C, '~' }, { 0x2550, '=' },
  { 0x2551, '|' }, { 0x2577, '|' }, { 0x2581, '_' }, { 0x2584, 'i' }, { 0x2588, '#' }, { 0x2591, ':' },
  { 0x2592, '%' }, { 0x2593, '&' }, { 0x25B2, '^' }, { 0x25B6, '>' },
  { 0x25BC, 'v' }, { 0x25C0, '<' }, { 0x25CF, '*' }, { 0x25C6, '*' },
  { 0x2713, '+' }, { 0x2717, 'x' }, { 0x2506, ':' },
};

gunichar
fsim_tui_glyph_ascii (gunichar ch)
{
  if (ch < 0x80)
    return ch;
  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (glyphs[i].uni == ch)
      return (gunichar) glyphs[i].ascii;
  return '?';
}

/* the one rule of viz/text-width.c, so that tables and the TUI agree */
int
fsim_tui_char_width (gunichar ch)
{
  return fsim_viz_char_width (ch);
}

int
fsim_tui_text_width (const char *utf8)
{
  return fsim_viz_text_width (utf8);
}

char *
fsim_tui_grid_to_text (const FsimTuiGrid *grid, gboolean ascii)
{
  GString *out = g_string_new (NULL);
  for (int y = 0; y < grid->height; y++)
    {
      gsize start = out->len;
      gsize keep = out->len;
      for (int x = 0; x < grid->width; x++)
        {
          gunichar ch = grid->cells[y * grid->width + x].ch;
          if (ch == 0)
            continue;
          if (ascii)
            ch = fsim_tui_glyph_ascii (ch);
          g_string_append_unichar (out, ch);
          if (ch != ' ')
            keep = out->len;
        }
      g_string_truncate (out, MAX (start, keep));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Areas                                                                      */

FsimTuiArea
fsim_tui_area (FsimTuiGrid *grid)
{
  return (FsimTuiArea) { grid, 0, 0, grid->width, grid->height };
}

FsimTuiArea
fsim_tui_area_sub (FsimTuiArea a, int x, int y, int w, int h)
{
  int x0 = CLAMP (x, 0, a.w), y0 = CLAMP (y, 0, a.h);
  int x1 = CLAMP (x + MAX (w, 0), 0, a.w), y1 = CLAMP (y + MAX (h, 0), 0, a.h);
  return (FsimTuiArea) { a.grid, a.x + x0, a.y + y0, x1 - x0, y1 - y0 };
}

FsimTuiArea
fsim_tui_area_inner (FsimTuiArea a)
{
  return fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
}

gboolean
fsim_tui_area_contains (FsimTuiArea a, int grid_x, int grid_y)
{
  return grid_x >= a.x && grid_x < a.x + a.w && grid_y >= a.y && grid_y < a.y + a.h;
}

static FsimTuiCell *
area_cell (FsimTuiArea a, int x, int y)
{
  if (x < 0 || y < 0 || x >= a.w || y >= a.h)
    return NULL;
  return &a.grid->cells[(a.y + y) * a.grid->width + a.x + x];
}

void
fsim_tui_put (FsimTuiArea a, int x, int y, gunichar ch, FsimTuiRole role, guint attr)
{
  FsimTuiCell *c = area_cell (a, x, y);
  if (c)
    *c = (FsimTuiCell) { ch, (guint8) role, (guint8) attr };
}

int
fsim_tui_print (FsimTuiArea a, int x, int y, int max_cols, FsimTuiRole role,
                guint attr, const char *utf8)
{
  if (y < 0 || y >= a.h || x >= a.w)
    return 0;
  int room = a.w - x;
  if (max_cols >= 0)
    room = MIN (room, max_cols);
  if (room <= 0)
    return 0;
  gboolean fits = fsim_tui_text_width (utf8) <= room;
  int limit = fits ? room : room - 1;   /* keep one column for '…' */
  int col = 0;
  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char_validated (p, -1);
      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        ch = 0xFFFD;
      if (ch == '\t' || ch == '\n' || ch == '\r')
        ch = ' ';
      int w = fsim_tui_char_width (ch);
      if (w == 0)
        continue;
      if (col + w > limit)
        break;
      fsim_tui_put (a, x + col, y, ch, role, attr);
      if (w == 2)
        fsim_tui_put (a, x + col + 1, y, 0, role, attr);
      col += w;
    }
  if (!fits)
    {
      /* a cut double-width character may leave one column before '…' */
      while (col < limit)
        fsim_tui_put (a, x + col++, y, ' ', role, attr);
      fsim_tui_put (a, x + col++, y, 0x2026, role, attr);
    }
  return col;
}

int
fsim_tui_printf (FsimTuiArea a, int x, int y, int max_cols, FsimTuiRole role,
                 guint attr, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  return fsim_tui_print (a, x, y, max_cols, role, attr, text);
}

/* CJK punctuation that closes (no line starts with it) or opens (no line
 * ends with it), as line breaking rules for Chinese keep them. */
static gboolean
closes (gunichar ch)
{
  return ch == 0xFF0C || ch == 0x3002 || ch == 0xFF1A || ch == 0xFF1B || ch == 0x3001
         || ch == 0xFF01 || ch == 0xFF1F || ch == 0xFF09 || ch == 0x300D || ch == 0x300F
         || ch == 0x201D || ch == 0x2019;
}

static gboolean
opens (gunichar ch)
{
  return ch == 0xFF08 || ch == 0x300C || ch == 0x300E || ch == 0x201C || ch == 0x2018;
}

/* Length in bytes of the longest prefix of text that fits into cols
 * columns and ends where a line may break: at a space, or between two
 * characters one of which is wide (CJK text has no spaces between words),
 * keeping closing punctuation with what it closes; at least one character
 * so that wrapping progresses. */
static gsize
wrap_prefix (const char *text, int cols)
{
  int col = 0;
  gsize last_break = 0;
  gunichar prev = 0;
  int prev_w = 0;
  const char *p = text;
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      int w = fsim_tui_char_width (ch);
      /* a space ends a line even where it does not fit itself (it is
       * dropped at the break) */
      if (*p == ' '
          || (p > text && (w == 2 || prev_w == 2) && !closes (ch) && !opens (prev)))
        last_break = (gsize) (p - text);
      if (col + w > cols)
        break;
      col += w;
      prev = ch;
      prev_w = w;
    }
  if (*p == '\0')
    return (gsize) (p - text);
  if (last_break > 0)
    return last_break;
  return p == text ? (gsize) (g_utf8_next_char (p) - text) : (gsize) (p - text);
}

GPtrArray *
fsim_tui_wrap (const char *utf8, int first_cols, int cols)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = utf8;
  while (*p)
    {
      gsize n = wrap_prefix (p, MAX (lines->len == 0 ? first_cols : cols, 1));
      g_ptr_array_add (lines, g_strndup (p, n));
      p += n;
      while (*p == ' ')
        p++;
    }
  return lines;
}

int
fsim_tui_print_wrapped (FsimTuiArea a, int x, int y, int indent, int max_rows,
                        FsimTuiRole role, guint attr, const char *utf8)
{
  int rows = 0;
  const char *p = utf8;
  while (*p && rows < max_rows && y + rows < a.h)
    {
      int left = rows == 0 ? x : x + indent;
      int cols = a.w - left;
      if (cols <= 0)
        break;
      gboolean last_row = rows + 1 == max_rows || y + rows + 1 == a.h;
      gsize n = wrap_prefix (p, cols);
      /* the last row allowed takes the rest, cut with '…' */
      g_autofree char *line = last_row ? g_strdup (p) : g_strndup (p, n);
      fsim_tui_print (a, left, y + rows, cols, role, attr, line);
      rows++;
      p += n;
      while (*p == ' ')
        p++;
      if (last_row)
        break;
    }
  return rows;
}

/* The spans as one string, and for each of its bytes the span it came from. */
static char *
join_spans (const FsimTuiSpan *spans, GArray **owner)
{
  GString *text = g_string_new (NULL);
  *owner = g_array_new (FALSE, FALSE, sizeof (guint16));
  for (guint16 i = 0; spans[i].text; i++)
    {
      g_string_append (text, spans[i].text);
      for (const char *p = spans[i].text; *p; p++)
        g_array_append_val (*owner, i);
    }
  return g_string_free (text, FALSE);
}

/* Prints bytes [from, from + len) of text, each in its span's style, into at
 * most cols columns at (x, y); cut with '…' when they do not fit. */
static void
print_styled (FsimTuiArea a, int x, int y, int cols, const char *text, gsize from, gsize len,
              GArray *owner, const FsimTuiSpan *spans)
{
  g_autofree char *part = g_strndup (text + from, len);
  gboolean fits = fsim_tui_text_width (part) <= cols;
  int limit = fits ? cols : cols - 1;
  int col = 0;
  const FsimTuiSpan *last = NULL;
  for (const char *p = part; *p; p = g_utf8_next_char (p))
    {
      const FsimTuiSpan *sp = &spans[g_array_index (owner, guint16, from + (gsize) (p - part))];
      gunichar ch = g_utf8_get_char_validated (p, -1);
      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        ch = 0xFFFD;
      if (ch == '\t' || ch == '\n' || ch == '\r')
        ch = ' ';
      int w = fsim_tui_char_width (ch);
      if (w == 0)
        continue;
      if (col + w > limit)
        break;
      fsim_tui_put (a, x + col, y, ch, sp->role, sp->attr);
      if (w == 2)
        fsim_tui_put (a, x + col + 1, y, 0, sp->role, sp->attr);
      col += w;
      last = sp;
    }
  if (!fits && cols > 0)
    {
      FsimTuiRole role = last ? last->role : FSIM_TUI_ROLE_DEFAULT;
      guint attr = last ? last->attr : 0;
      while (col < limit)
        fsim_tui_put (a, x + col++, y, ' ', role, attr);
      fsim_tui_put (a, x + col, y, 0x2026, role, attr);
    }
}

int
fsim_tui_print_spans_wrapped (FsimTuiArea a, int x, int y, int indent, int max_rows,
                              const FsimTuiSpan *spans)
{
  GArray *owner;
  g_autofree char *text = join_spans (spans, &owner);
  int rows = 0;
  const char *p = text;
  while (*p && rows < max_rows && y + rows < a.h)
    {
      int left = rows == 0 ? x : x + indent;
      int cols = a.w - left;
      if (cols <= 0)
        break;
      gboolean last_row = rows + 1 == max_rows || y + rows + 1 == a.h;
      gsize n = last_row ? strlen (p) : wrap_prefix (p, cols);
      print_styled (a, left, y + rows, cols, text, (gsize) (p - text), n, owner, spans);
      rows++;
      p += n;
      while (*p == ' ')
        p++;
    }
  g_array_unref (owner);
  return rows;
}

int
fsim_tui_spans_rows (const FsimTuiSpan *spans, int cols, int indent)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; spans[i].text; i++)
    g_string_append (text, spans[i].text);
  g_autoptr (GPtrArray) lines = fsim_tui_wrap (text->str, cols, cols - indent);
  g_string_free (text, TRUE);
  return (int) lines->len;
}

void
fsim_tui_fill (FsimTuiArea a, gunichar ch, FsimTuiRole role, guint attr)
{
  for (int y = 0; y < a.h; y++)
    for (int x = 0; x < a.w; x++)
      fsim_tui_put (a, x, y, ch, role, attr);
}

void
fsim_tui_restyle (FsimTuiArea a, int x, int y, int w, FsimTuiRole role, guint attr)
{
  for (int i = 0; i < w; i++)
    {
      FsimTuiCell *c = area_cell (a, x + i, y);
      if (c)
        {
          c->role = (guint8) role;
          c->attr = (guint8) attr;
        }
    }
}

void
fsim_tui_hline (FsimTuiArea a, int x, int y, int w, FsimTuiRole role)
{
  for (int i = 0; i < w; i++)
    fsim_tui_put (a, x + i, y, 0x2500, role, 0);
}

void
fsim_tui_box (FsimTuiArea a, const char *title, gboolean focused)
{
  if (a.w < 2 || a.h < 2)
    return;
  FsimTuiRole role = focused ? FSIM_TUI_ROLE_BORDER_FOCUS : FSIM_TUI_ROLE_BORDER;
  /* the focused pane gets heavy lines, visible without colour too */
  gunichar h = focused ? 0x2501 : 0x2500, v = focused ? 0x2503 : 0x2502;
  gunichar tl = focused ? 0x250F : 0x250C, tr = focused ? 0x2513 : 0x2510;
  gunichar bl = focused ? 0x2517 : 0x2514, br = focused ? 0x251B : 0x2518;
  for (int x = 1; x < a.w - 1; x++)
    {
      fsim_tui_put (a, x, 0, h, role, 0);
      fsim_tui_put (a, x, a.h - 1, h, role, 0);
    }
  for (int y = 1; y < a.h - 1; y++)
    {
      fsim_tui_put (a, 0, y, v, role, 0);
      fsim_tui_put (a, a.w - 1, y, v, role, 0);
    }
  fsim_tui_put (a, 0, 0, tl, role, 0);
  fsim_tui_put (a, a.w - 1, 0, tr, role, 0);
  fsim_tui_put (a, 0, a.h - 1, bl, role, 0);
  fsim_tui_put (a, a.w - 1, a.h - 1, br, role, 0);
  if (title && a.w > 6)
    {
      g_autofree char *t = g_strdup_printf (" %s ", title);
      fsim_tui_print (a, 2, 0, a.w - 4, FSIM_TUI_ROLE_TITLE,
                      focused ? FSIM_TUI_ATTR_BOLD : 0, t);
    }
}

void
fsim_tui_blit (FsimTuiArea dst, const FsimTuiGrid *src, int src_y)
{
  for (int y = 0; y < dst.h && src_y + y < src->height; y++)
    {
      if (src_y + y < 0)
        continue;
      for (int x = 0; x < dst.w && x < src->width; x++)
        {
          FsimTuiCell *c = area_cell (dst, x, y);
          *c = src->cells[(src_y + y) * src->width + x];
        }
    }
}
