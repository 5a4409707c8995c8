/* viz-private.h - what the views in viz/ share; not for other modules. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "viz/viz.h"

G_BEGIN_DECLS

/* A text table (text-table.c): rows of cells, each column padded to its
 * widest cell (in characters), two spaces between columns, numbers
 * right-aligned where the caller says so, no trailing blanks. */
typedef struct _FsimVizTable FsimVizTable;

FsimVizTable *fsim_viz_table_new (guint n_cols, const gboolean *right_aligned);
void fsim_viz_table_free (FsimVizTable *table);
/* Appends a row of n_cols strings (a NULL-terminated GStrv). (transfer full) */
void fsim_viz_table_add (FsimVizTable *table, char **row);
/* Appends a row copied from n_cols constant strings (a header). */
void fsim_viz_table_add_copy (FsimVizTable *table, const char *const *row);
void fsim_viz_table_write (const FsimVizTable *table, GString *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimVizTable, fsim_viz_table_free)

/* The builder's root (every object and array ended) as every view writes
 * JSON (output.c): json-glib's pretty printer with indent 2, an empty
 * object as "{ }" where json-glib 1.6 would spread it over two lines, and
 * a final newline. (transfer full) */
GBytes *fsim_viz_json_bytes (JsonBuilder *builder);

G_END_DECLS
