/* text-runs.c - consecutive blocks of text that differ only in their
 * numbers, written once with ranges: the blocks of subtasks 1 to 10000 of
 * a vertex read as one, "Map (1..10000/10000)  region 0, slot 0..9999".
 *
 * A block's shape is its text with every run of digits taken out; two
 * blocks are alike when their shapes are equal. Consecutive alike blocks
 * join a run while every number grows by a step of its own, the same from
 * each block to the next (0: it stays), so that what is written names
 * every value: "0..31" by ones, "1, 3 .. 63" by twos, "0, 32" for two. A
 * number that goes back (subpartition i mod 2) ends the run. */
#include "config.h"

#include <string.h>

#include "viz/viz-private.h"

typedef struct {
  char *shape;                  /* the text, each number replaced by '\1' */
  GArray *numbers;              /* guint64, in order */
} Block;

static void
block_init (Block *b, const char *text)
{
  GString *shape = g_string_new (NULL);
  b->numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (const char *p = text; *p;)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (shape, *p++);
          continue;
        }
      char *end;
      guint64 v = g_ascii_strtoull (p, &end, 10);
      g_array_append_val (b->numbers, v);
      g_string_append_c (shape, '\1');
      p = end;
    }
  b->shape = g_string_free (shape, FALSE);
}

static void
block_clear (Block *b)
{
  g_free (b->shape);
  g_array_unref (b->numbers);
}

static guint64
number (const Block *b, guint i)
{
  return g_array_index (b->numbers, guint64, i);
}

/* Whether next may follow prev in a run begun at first: the same shape,
 * and each number growing by the same step (0: it stays) from each block
 * to the next as from the first to the second. */
static gboolean
continues (const Block *first, const Block *prev, const Block *next)
{
  if (strcmp (prev->shape, next->shape) != 0)
    return FALSE;
  for (guint i = 0; i < prev->numbers->len; i++)
    {
      guint64 p = number (prev, i), x = number (next, i);
      if (x < p)
        return FALSE;
      if (prev != first && x - p != number (first + 1, i) - number (first, i))
        return FALSE;
    }
  return TRUE;
}

/* A number of a run of n blocks from a to b: "a"; "a..b" by ones; "a, b"
 * (two blocks); "a, a+k .. b" by k. */
static void
write_number (GString *out, guint64 a, guint64 b, guint n)
{
  if (a == b)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, a);
  else if (b - a == n - 1)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT "..%" G_GUINT64_FORMAT, a, b);
  else if (n == 2)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT, a, b);
  else
    g_string_append_printf (out, "%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT " .. %"
                            G_GUINT64_FORMAT, a, a + (b - a) / (n - 1), b);
}

static void
write_run (GString *out, const Block *first, const Block *last)
{
  guint n = 0, blocks = (guint) (last - first) + 1;
  for (const char *p = first->shape; *p; p++)
    {
      if (*p != '\1')
        g_string_append_c (out, *p);
      else
        {
          write_number (out, number (first, n), number (last, n), blocks);
          n++;
        }
    }
}

void
fsim_viz_append_runs (GString *out, char *const *blocks, guint n)
{
  Block *b = g_new (Block, n);
  for (guint i = 0; i < n; i++)
    block_init (&b[i], blocks[i]);
  for (guint start = 0; start < n;)
    {
      guint end = start;
      while (end + 1 < n && continues (&b[start], &b[end], &b[end + 1]))
        end++;
      write_run (out, &b[start], &b[end]);
      start = end + 1;
    }
  for (guint i = 0; i < n; i++)
    block_clear (&b[i]);
  g_free (b);
}
