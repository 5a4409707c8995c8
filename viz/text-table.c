/* text-table.c - the column-aligned tables of the text views. */
#include "config.h"

#include <string.h>

#include "viz/viz-private.h"

struct _FsimVizTable {
  guint n_cols;
  gboolean *right;              /* per column */
  glong *widths;                /* per column: the widest cell added or measured */
  GPtrArray *rows;              /* GStrv, n_cols strings each */
};

static FsimVizTable *table_new (const char *const *header, const gboolean *right_aligned,
                                gboolean translate);

/* header: N_()-marked strings, translated here (an unmarked identifier such
 * as "JobVertexID" has no translation and stays as it is). */
FsimVizTable *
fsim_viz_table_new (const char *const *header, const gboolean *right_aligned)
{
  return table_new (header, right_aligned, TRUE);
}

/* header as it is: a metric's label ("busy") that a word of the catalog
 * would translate. */
FsimVizTable *
fsim_viz_table_new_verbatim (const char *const *header, const gboolean *right_aligned)
{
  return table_new (header, right_aligned, FALSE);
}

static FsimVizTable *
table_new (const char *const *header, const gboolean *right_aligned, gboolean translate)
{
  guint n_cols = g_strv_length ((char **) header);
  FsimVizTable *t = g_new0 (FsimVizTable, 1);
  t->n_cols = n_cols;
  t->right = g_new (gboolean, n_cols);
  t->widths = g_new0 (glong, n_cols);
  memcpy (t->right, right_aligned, n_cols * sizeof (gboolean));
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **translated = g_new0 (char *, n_cols + 1);
  for (guint c = 0; c < n_cols; c++)
    translated[c] = g_strdup (translate ? _(header[c]) : header[c]);
  fsim_viz_table_add (t, translated);
  return t;
}

void
fsim_viz_table_free (FsimVizTable *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->rows);
  g_free (t->right);
  g_free (t->widths);
  g_free (t);
}

void
fsim_viz_table_measure (FsimVizTable *t, char *const *row)
{
  g_assert (g_strv_length ((char **) row) == t->n_cols);
  for (guint c = 0; c < t->n_cols; c++)
    t->widths[c] = MAX (t->widths[c], fsim_viz_text_width (row[c]));
}

void
fsim_viz_table_add (FsimVizTable *t, char **row)
{
  fsim_viz_table_measure (t, row);
  g_ptr_array_add (t->rows, row);
}

void
fsim_viz_table_write_row (const FsimVizTable *t, char *const *row, GString *out)
{
  for (guint c = 0; c < t->n_cols; c++)
    {
      int pad = (int) (t->widths[c] - fsim_viz_text_width (row[c]));
      if (c > 0)
        g_string_append (out, "  ");
      if (t->right[c])
        g_string_append_printf (out, "%*s", pad, "");
      g_string_append (out, row[c]);
      if (!t->right[c] && c + 1 < t->n_cols)
        g_string_append_printf (out, "%*s", pad, "");
    }
  g_string_append_c (out, '\n');
}

void
fsim_viz_table_write (const FsimVizTable *t, GString *out)
{
  for (guint r = 0; r < t->rows->len; r++)
    fsim_viz_table_write_row (t, t->rows->pdata[r], out);
}
