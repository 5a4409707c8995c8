/* stream-graph-view.c - the StreamGraph as a table, as plan JSON, as a drawing.
 *
 * What Flink shows of a StreamGraph: getExecutionPlan()'s JSON (the same
 * bytes, graphs/plan-json.c) and, in the Web UI, a drawing of operators and
 * the partitioners between them. The table adds what the JSON leaves out
 * and chaining depends on: max parallelism, slot sharing group, chaining
 * strategy and each input's typeNumber (StreamNode, StreamEdge). */
#include "config.h"

#include <string.h>

#include "viz/dot.h"
#include "viz/viz-private.h"

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

enum { COL_ID, COL_NAME, COL_PAR, COL_MAXPAR, COL_SSG, COL_CHAIN, COL_INPUTS, N_COLS };

static const char *const headers[N_COLS + 1] = {
  N_("id"), N_("name"), N_("parallelism"), N_("max parallelism"), N_("slot sharing group"),
  N_("chaining"), N_("inputs"), NULL,
};
static const gboolean right_aligned[N_COLS] = { TRUE, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE };

static char *
inputs_cell (const FsimStreamNode *node)
{
  if (node->in_edges->len == 0)
    return g_strdup ("-");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < node->in_edges->len; i++)
    {
      const FsimStreamEdge *e = g_ptr_array_index (node->in_edges, i);
      g_string_append_printf (s, "%s%d %s (typeNumber %d", i ? ", " : "", e->source->id,
                              fsim_partitioner_name (e->partitioner), e->type_number);
      if (e->output_tag)
        g_string_append_printf (s, ", side output \"%s\"", e->output_tag);
      g_string_append_c (s, ')');
    }
  return g_string_free (s, FALSE);
}

/* One row of cells (transfer full, N_COLS strings). */
static char **
node_row (const FsimStreamNode *node)
{
  char **row = g_new0 (char *, N_COLS + 1);
  row[COL_ID] = g_strdup_printf ("%d", node->id);
  row[COL_NAME] = g_strdup (node->name);
  row[COL_PAR] = g_strdup_printf ("%d%s", node->parallelism,
                                  node->plan_parallelism_default ? "*" : "");
  row[COL_MAXPAR] = g_strdup_printf ("%d", node->max_parallelism);
  row[COL_SSG] = g_strdup (node->slot_sharing_group ? node->slot_sharing_group : "default");
  row[COL_CHAIN] = g_strdup (fsim_chaining_strategy_name (node->chaining));
  row[COL_INPUTS] = inputs_cell (node);
  return row;
}

static GBytes *
stream_graph_text (const FsimJob *job)
{
  FsimStreamGraph *graph = fsim_job_get_stream_graph (job);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);
  g_autoptr (FsimVizTable) table = fsim_viz_table_new (headers, right_aligned);
  guint edges = 0;
  gboolean any_default_par = FALSE, any_unset_max = FALSE;
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *node = g_ptr_array_index (nodes, i);
      fsim_viz_table_add (table, node_row (node));
      edges += node->in_edges->len;
      any_default_par |= node->plan_parallelism_default;
      any_unset_max |= node->max_parallelism < 0;
    }

  GString *out = g_string_new (NULL);
  g_autofree char *n_nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", nodes->len),
                                               nodes->len);
  g_autofree char *n_edges = g_strdup_printf (ngettext ("%u edge", "%u edges", edges), edges);
  g_string_append_printf (out, fsim_stream_graph_get_chaining_enabled (graph)
                          /* TRANSLATORS: the counts are "4 nodes", "1 edge" */
                          ? _("StreamGraph of \"%s\": %s, %s, chaining enabled\n\n")
                          : _("StreamGraph of \"%s\": %s, %s, chaining disabled\n\n"),
                          fsim_job_get_name (job), n_nodes, n_edges);
  fsim_viz_table_write (table, out);
  if (any_default_par || any_unset_max)
    g_string_append_c (out, '\n');
  if (any_default_par)
    g_string_append (out, _("* the plan says -1 (ExecutionConfig.PARALLELISM_DEFAULT): "
                            "parallelism.default applies\n"));
  if (any_unset_max)
    g_string_append (out, _("max parallelism -1 is unset: the scheduler gives each JobVertex "
                            "computeDefaultMaxParallelism(parallelism), 128 up to parallelism 85\n"));
  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                   */

static char *
node_label (const FsimStreamNode *node)
{
  GString *s = g_string_new (NULL);
  fsim_dot_label_append (s, node->name, FSIM_DOT_CENTER);
  g_string_append_printf (s, "\\nid %d, parallelism %d", node->id, node->parallelism);
  return g_string_free (s, FALSE);
}

/* The labels of every edge from source into node, joined: the drawing is a
 * strict graph, so s.union(s) shows one arrow carrying both. */
static char *
edge_label (const FsimStreamNode *node, const FsimStreamNode *source)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < node->in_edges->len; i++)
    {
      const FsimStreamEdge *e = g_ptr_array_index (node->in_edges, i);
      if (e->source != source)
        continue;
      if (s->len)
        g_string_append (s, "\\n");
      g_string_append (s, fsim_partitioner_name (e->partitioner));
      if (e->type_number > 0)
        g_string_append_printf (s, " (input %d)", e->type_number);
      if (e->output_tag)
        g_string_append_printf (s, " side output \"%s\"", e->output_tag);
    }
  return g_string_free (s, FALSE);
}

static gboolean
first_edge_from (const FsimStreamNode *node, guint index)
{
  const FsimStreamEdge *e = g_ptr_array_index (node->in_edges, index);
  for (guint i = 0; i < index; i++)
    if (((const FsimStreamEdge *) g_ptr_array_index (node->in_edges, i))->source == e->source)
      return FALSE;
  return TRUE;
}

/* Slot sharing groups other than "default" are what a learner set with
 * slotSharingGroup(); with more than one group each becomes a cluster. */
static GHashTable *
group_clusters (FsimDot *dot, GPtrArray *nodes)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *node = g_ptr_array_index (nodes, i);
      const char *g = node->slot_sharing_group ? node->slot_sharing_group : "default";
      if (!g_ptr_array_find_with_equal_func (names, g, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) g);
    }
  GHashTable *clusters = g_hash_table_new (g_str_hash, g_str_equal);
  if (names->len < 2)
    return clusters;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("ssg%u", i);
      g_autofree char *text = g_strdup_printf ("slot sharing group \"%s\"",
                                               (const char *) names->pdata[i]);
      g_autofree char *label = fsim_dot_label (text);
      FsimDotGraph *c = fsim_dot_cluster (dot, NULL, id, label);
      fsim_dot_graph_set (dot, c, "style", "dashed");
      g_hash_table_insert (clusters, names->pdata[i], c);
    }
  return clusters;
}

static GBytes *
stream_graph_drawing (const FsimJob *job, FsimFormat format, GError **error)
{
  FsimStreamGraph *graph = fsim_job_get_stream_graph (job);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);
  g_autoptr (FsimDot) dot = fsim_dot_new ("StreamGraph", TRUE);
  g_autofree char *title = g_strdup_printf ("StreamGraph of \"%s\"", fsim_job_get_name (job));
  fsim_dot_set_title (dot, title);
  g_autoptr (GHashTable) clusters = group_clusters (dot, nodes);

  g_autofree FsimDotNode **made = g_new0 (FsimDotNode *, nodes->len);
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *id = g_strdup_printf ("n%d", node->id);
      g_autofree char *label = node_label (node);
      FsimDotGraph *in = g_hash_table_lookup (clusters, node->slot_sharing_group
                                              ? node->slot_sharing_group : "default");
      made[i] = fsim_dot_node (dot, in, id, label);
      fsim_dot_style_operator (dot, made[i], node);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *node = g_ptr_array_index (nodes, i);
      for (guint k = 0; k < node->in_edges->len; k++)
        {
          if (!first_edge_from (node, k))
            continue;
          const FsimStreamEdge *e = g_ptr_array_index (node->in_edges, k);
          guint from = 0;
          gboolean found = g_ptr_array_find (nodes, e->source, &from);
          g_assert (found);
          g_autofree char *label = edge_label (node, e->source);
          fsim_dot_edge (dot, made[from], made[i], label);
        }
    }
  return fsim_dot_render (dot, format, error);
}

GBytes *
fsim_viz_stream_graph (const FsimJob *job, FsimFormat format, GError **error)
{
  switch (format)
    {
    case FSIM_FORMAT_TEXT:
      return stream_graph_text (job);
    case FSIM_FORMAT_JSON:
      {
        char *json = fsim_stream_graph_to_plan_json (fsim_job_get_stream_graph (job));
        return g_bytes_new_take (json, strlen (json));
      }
    case FSIM_FORMAT_DOT:
    case FSIM_FORMAT_SVG:
    case FSIM_FORMAT_PNG:
      return stream_graph_drawing (job, format, error);
    case FSIM_FORMAT_JSONL:
      break;
    }
  g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
               _("the StreamGraph can be shown as text, json, dot, svg or png, not %s"),
               fsim_format_name (format));
  return NULL;
}
