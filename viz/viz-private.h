/* viz-private.h - what the views in viz/ share; not for other modules. */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "viz/viz.h"

G_BEGIN_DECLS

/* A text table (text-table.c): rows of cells, each column padded to its
 * widest cell (in characters), two spaces between columns, numbers
 * right-aligned where the caller says so, no trailing blanks. */
typedef struct _FsimVizTable FsimVizTable;

/* header: the column names (NULL-terminated), the first row;
 * right_aligned: one flag per column. */

/* A text table whose columns align by display width. */
FsimVizTable *fsim_viz_table_new (const char *const *header, const gboolean *right_aligned);
/* The same with the header as given, untranslated. */
FsimVizTable *fsim_viz_table_new_verbatim (const char *const *header,
                                           const gboolean *right_aligned);
void fsim_viz_table_free (FsimVizTable *table);
/* Appends a row, one string per column (a NULL-terminated GStrv).
 * (transfer full) */
void fsim_viz_table_add (FsimVizTable *table, char **row);
void fsim_viz_table_write (const FsimVizTable *table, GString *out);
/* A table too long to keep (metrics-view.c): every row is measured first,
 * then each is written, at the widths of all, as it is made again. */
void fsim_viz_table_measure (FsimVizTable *table, char *const *row);
void fsim_viz_table_write_row (const FsimVizTable *table, char *const *row, GString *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimVizTable, fsim_viz_table_free)

/* blocks[0..n) (text-runs.c), consecutive blocks alike but for numbers
 * that stay or grow written once, each growing number as "first..last":
 * subtasks 1 to 10000 as "Map (1..10000/10000)". */
void fsim_viz_append_runs (GString *out, char *const *blocks, guint n);

/* The builder's root (every object and array ended) as every view writes
 * JSON (output.c): json-glib's pretty printer with indent 2, an empty
 * object as "{ }" where json-glib 1.6 would spread it over two lines, and
 * a final newline. (transfer full) */
GBytes *fsim_viz_json_bytes (JsonBuilder *builder);
/* A member name and its value (a NULL string is JSON null). */
void fsim_viz_json_add_int (JsonBuilder *builder, const char *name, gint64 value);
void fsim_viz_json_add_string (JsonBuilder *builder, const char *name, const char *value);
void fsim_viz_json_add_bool (JsonBuilder *builder, const char *name, gboolean value);

/* Streaming writers (output.c): writes out to file and empties it; a
 * failed write sets error (G_FILE_ERROR, the system's message). */
gboolean fsim_viz_flush (GString *out, FILE *file, GError **error);

G_END_DECLS
