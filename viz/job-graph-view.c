/* job-graph-view.c - the JobGraph as a table, as Flink's REST JSON, as a drawing.
 *
 * Flink's Web UI draws the JobGraph: one box per JobVertex (an operator
 * chain) with the ship strategy on every JobEdge, from the REST resource
 * GET /jobs/:jobid, whose "plan" comes from JsonPlanGenerator. The JSON view
 * writes that resource's graph part; the table and the drawing add what
 * chaining and scheduling depend on: the operators inside each chain, max
 * parallelism (and the default the scheduler computes when it is unset),
 * slot sharing groups, and each JobEdge's DistributionPattern and
 * ResultPartitionType. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "viz/dot.h"
#include "viz/viz-private.h"

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

static char *
operators_cell (const FsimJobVertex *v)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < v->chained_sources->len; i++)
    g_string_append_printf (s, "%s%d", s->len ? ", " : "",
                            ((FsimStreamNode *) v->chained_sources->pdata[i])->id);
  if (v->chained_sources->len)
    g_string_append (s, " ->");
  for (guint i = 0; i < v->operators->len; i++)
    g_string_append_printf (s, "%s%d", i == 0 ? (s->len ? " " : "") : ", ",
                            ((FsimStreamNode *) v->operators->pdata[i])->id);
  return g_string_free (s, FALSE);
}

/* "128", or "-1 (128)" when unset: -1 and, in parentheses after note, the
 * default the scheduler computes. */
static char *
max_parallelism_cell (const FsimJobVertex *v, const char *note)
{
  if (v->max_parallelism > 0)
    return g_strdup_printf ("%d", v->max_parallelism);
  return g_strdup_printf ("-1 (%s%d)", note, fsim_job_vertex_get_max_parallelism (v));
}

static char *
inputs_cell (const FsimJobVertex *v)
{
  if (v->inputs->len == 0)
    return g_strdup ("-");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < v->inputs->len; i++)
    {
      const FsimJobEdge *e = v->inputs->pdata[i];
      g_string_append_printf (s, "%s#%d %s %s", i ? ", " : "", e->producer->topological_index,
                              fsim_partitioner_name (e->ship_strategy),
                              fsim_distribution_pattern_name (e->pattern));
    }
  return g_string_free (s, FALSE);
}

static void
vertex_table (const FsimJobGraph *jg, GString *out)
{
  static const gboolean right[] = { TRUE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE };
  static const char *const header[] = { "#", N_("vertex (operator chain)"), N_("operators"),
                                        N_("parallelism"), N_("max parallelism"),
                                        N_("slot sharing group"), N_("inputs"), "JobVertexID",
                                        NULL };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  GPtrArray *vertices = fsim_job_graph_get_vertices_topological (jg);
  for (guint i = 0; i < vertices->len; i++)
    {
      const FsimJobVertex *v = vertices->pdata[i];
      char **row = g_new0 (char *, G_N_ELEMENTS (right) + 1);
      row[0] = g_strdup_printf ("%d", v->topological_index);
      row[1] = g_strdup (v->name);
      row[2] = operators_cell (v);
      row[3] = g_strdup_printf ("%d", v->parallelism);
      row[4] = max_parallelism_cell (v, "");
      row[5] = g_strdup (v->slot_sharing_group->name);
      row[6] = inputs_cell (v);
      row[7] = g_strdup (v->id);
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

static void
edge_table (const FsimJobGraph *jg, GString *out)
{
  static const gboolean right[] = { FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, TRUE };
  static const char *const header[] = { N_("producer"), N_("consumer"), N_("input"),
                                        N_("ship strategy"), N_("pattern"), N_("result partition"),
                                        "typeNumber", NULL };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  GPtrArray *edges = fsim_job_graph_get_edges (jg);
  for (guint i = 0; i < edges->len; i++)
    {
      const FsimJobEdge *e = edges->pdata[i];
      char **row = g_new0 (char *, G_N_ELEMENTS (right) + 1);
      row[0] = g_strdup_printf ("#%d %s", e->producer->topological_index,
                                e->stream_edge->source->name);
      row[1] = g_strdup_printf ("#%d %s", e->target->topological_index, e->target->head->name);
      row[2] = g_strdup_printf ("%d", e->input_index);
      row[3] = g_strdup (fsim_partitioner_name (e->ship_strategy));
      row[4] = g_strdup (fsim_distribution_pattern_name (e->pattern));
      row[5] = g_strdup (fsim_result_partition_type_name (e->source->result_type));
      row[6] = g_strdup_printf ("%d", e->type_number);
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

/* StreamingJobGraphGenerator.isChainable per StreamEdge: chained, or the
 * first condition that failed. */
static void
chaining_table (const FsimJobGraph *jg, GString *out)
{
  static const gboolean right[] = { FALSE, FALSE, FALSE, FALSE, FALSE };
  static const char *const header[] = { N_("upstream"), N_("downstream"), N_("chained"),
                                        N_("rule"), N_("why"), NULL };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  GPtrArray *decisions = fsim_job_graph_get_chaining (jg);
  for (guint i = 0; i < decisions->len; i++)
    {
      const FsimChainingDecision *d = decisions->pdata[i];
      const char *rule = fsim_chaining_rule_name (d->rule);
      char **row = g_new0 (char *, G_N_ELEMENTS (right) + 1);
      row[0] = g_strdup_printf ("%d %s", d->edge->source->id, d->edge->source->name);
      row[1] = g_strdup_printf ("%d %s", d->edge->target->id, d->edge->target->name);
      row[2] = g_strdup (d->chained ? _("yes") : _("no"));
      row[3] = g_strdup (rule ? rule : "-");
      row[4] = g_strdup (d->reason);
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

/* StreamGraphGenerator.determineSlotSharingGroup per StreamNode. */
static void
slot_sharing_table (const FsimJobGraph *jg, GString *out)
{
  static const gboolean right[] = { FALSE, FALSE, FALSE, FALSE };
  static const char *const header[] = { "StreamNode", N_("slot sharing group"), N_("origin"),
                                        N_("why"), NULL };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_graph_get_stream_graph (jg));
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = nodes->pdata[i];
      char **row = g_new0 (char *, G_N_ELEMENTS (right) + 1);
      row[0] = g_strdup_printf ("%d %s", n->id, n->name);
      row[1] = g_strdup (n->slot_sharing_group);
      row[2] = g_strdup (fsim_slot_sharing_origin_name (n->slot_sharing_origin));
      row[3] = g_strdup (n->slot_sharing_reason ? n->slot_sharing_reason
                         : _("the imported plan does not record slot sharing groups"));
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

static GBytes *
job_graph_text (const FsimJob *job, const FsimJobGraph *jg)
{
  GPtrArray *vertices = fsim_job_graph_get_vertices (jg);
  GPtrArray *groups = fsim_job_graph_get_slot_sharing_groups (jg);
  GString *out = g_string_new (NULL);
  guint n_edges = fsim_job_graph_get_edges (jg)->len;
  g_autofree char *jvs = g_strdup_printf (ngettext ("%u JobVertex", "%u JobVertices",
                                                    vertices->len), vertices->len);
  g_autofree char *jes = g_strdup_printf (ngettext ("%u JobEdge", "%u JobEdges", n_edges), n_edges);
  /* TRANSLATORS: JobGraph of "JOB": N JobVertices, M JobEdges, JOB TYPE, jid ID */
  g_string_append_printf (out, _("JobGraph of \"%s\": %s, %s, %s, jid %s"), fsim_job_get_name (job),
                          jvs, jes, fsim_job_type_name (fsim_job_graph_get_job_type (jg)),
                          fsim_job_graph_get_id (jg));
  g_string_append (out, "\n\n");
  vertex_table (jg, out);
  if (fsim_job_graph_get_edges (jg)->len > 0)
    {
      g_string_append (out, _("\nJobEdges, in creation order (each consumes its own "
                              "IntermediateDataSet):\n"));
      edge_table (jg, out);
    }

  g_autoptr (GString) order = g_string_new (NULL);
  for (guint i = 0; i < vertices->len; i++)
    g_string_append_printf (order, " #%d",
                            ((FsimJobVertex *) vertices->pdata[i])->topological_index);
  /* TRANSLATORS: %s is the storage order, " #1 #0" */
  g_string_append_printf (out, _("\n# is the topological order (sources first) that the "
                                 "ExecutionGraph and the scheduler use.\nVertices were created "
                                 "depth-first, each chain after the chains it feeds; storage "
                                 "order:%s.\n"), order->str);
  for (guint i = 0; i < vertices->len; i++)
    if (((FsimJobVertex *) vertices->pdata[i])->max_parallelism <= 0)
      {
        g_string_append (out, _("max parallelism -1 is unset: in parentheses the scheduler's "
                                "default, computeDefaultMaxParallelism(parallelism).\n"));
        break;
      }
  g_string_append_printf (out, ngettext ("%u slot sharing group:", "%u slot sharing groups:",
                                         groups->len), groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      const FsimSlotSharingGroup *g = groups->pdata[i];
      g_string_append_printf (out, "%s \"%s\"", i ? ";" : "", g->name);
      /* BATCH: one group per logical pipelined region of "default" vertices */
      if (g->logical_region >= 0)
        g_string_append_printf (out, _(" of the region from #%d"), g->logical_region);
      g_string_append (out, " (");
      for (guint k = 0; k < g->vertices->len; k++)
        g_string_append_printf (out, "%s#%d", k ? ", " : "",
                                ((FsimJobVertex *) g->vertices->pdata[k])->topological_index);
      g_string_append_c (out, ')');
    }
  g_string_append_c (out, '\n');

  if (fsim_job_graph_get_chaining (jg)->len > 0)
    {
      g_string_append (out, _("\nChaining, per StreamEdge (StreamingJobGraphGenerator.isChainable: "
                              "the first condition that failed):\n"));
      chaining_table (jg, out);
    }
  g_string_append (out, _("\nSlot sharing group, per StreamNode "
                          "(StreamGraphGenerator.determineSlotSharingGroup):\n"));
  slot_sharing_table (jg, out);
  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------------------ */
/* JSON: GET /jobs/:jobid (JobDetailsInfo), plan by JsonPlanGenerator        */

/* StringEscapeUtils.escapeHtml4 for the characters an operator name can
 * hold: the four XML specials and ISO-8859-1 (HTML 4 names); anything else
 * stays as it is. */
static const char *const latin1_entities[96] = {
  "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy",
  "ordf", "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute",
  "micro", "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12",
  "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
  "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
  "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
  "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute",
  "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
  "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
  "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml",
  "yacute", "thorn", "yuml",
};

/* JsonPlanGenerator: escapeHtml4, then "\n" -> "<br/>", "\" -> "&#92;". */
static char *
plan_description (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      switch (c)
        {
        case '&': g_string_append (s, "&amp;"); break;
        case '<': g_string_append (s, "&lt;"); break;
        case '>': g_string_append (s, "&gt;"); break;
        case '"': g_string_append (s, "&quot;"); break;
        case '\n': g_string_append (s, "<br/>"); break;
        case '\\': g_string_append (s, "&#92;"); break;
        default:
          if (c >= 0xa0 && c <= 0xff)
            g_string_append_printf (s, "&%s;", latin1_entities[c - 0xa0]);
          else
            g_string_append_len (s, p, g_utf8_next_char (p) - p);
        }
    }
  return g_string_free (s, FALSE);
}

static void
plan_node (JsonBuilder *b, const FsimJobVertex *v)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, v->id);
  json_builder_set_member_name (b, "parallelism");
  json_builder_add_int_value (b, v->parallelism);
  /* operatorName and operatorDescription are never set for DataStream jobs */
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "operator_strategy");
  json_builder_add_string_value (b, "");
  g_autofree char *description = plan_description (v->operator_pretty_name);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, description);
  if (v->inputs->len > 0)
    {
      json_builder_set_member_name (b, "inputs");
      json_builder_begin_array (b);
      for (guint i = 0; i < v->inputs->len; i++)
        {
          const FsimJobEdge *e = v->inputs->pdata[i];
          g_autofree char *exchange = g_ascii_strdown (
            fsim_result_partition_type_name (e->source->result_type), -1);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "num");
          json_builder_add_int_value (b, i);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, e->producer->id);
          json_builder_set_member_name (b, "ship_strategy");
          json_builder_add_string_value (b, fsim_partitioner_name (e->ship_strategy));
          json_builder_set_member_name (b, "exchange");
          json_builder_add_string_value (b, exchange);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "optimizer_properties");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static GBytes *
job_graph_json (const FsimJobGraph *jg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "jid");
  json_builder_add_string_value (b, fsim_job_graph_get_id (jg));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, fsim_job_graph_get_name (jg));

  /* vertices: the ExecutionJobVertices, in topological order */
  GPtrArray *topological = fsim_job_graph_get_vertices_topological (jg);
  json_builder_set_member_name (b, "vertices");
  json_builder_begin_array (b);
  for (guint i = 0; i < topological->len; i++)
    {
      const FsimJobVertex *v = topological->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, v->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, v->name);
      json_builder_set_member_name (b, "maxParallelism");
      json_builder_add_int_value (b, fsim_job_vertex_get_max_parallelism (v));
      json_builder_set_member_name (b, "parallelism");
      json_builder_add_int_value (b, v->parallelism);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* plan: JobVertices in storage order */
  GPtrArray *stored = fsim_job_graph_get_vertices (jg);
  json_builder_set_member_name (b, "plan");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "jid");
  json_builder_add_string_value (b, fsim_job_graph_get_id (jg));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, fsim_job_graph_get_name (jg));
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, fsim_job_type_name (fsim_job_graph_get_job_type (jg)));
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < stored->len; i++)
    plan_node (b, stored->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  /* not Flink's: why each StreamEdge chained, and each StreamNode's group */
  GPtrArray *decisions = fsim_job_graph_get_chaining (jg);
  json_builder_set_member_name (b, "chaining");
  json_builder_begin_array (b);
  for (guint i = 0; i < decisions->len; i++)
    {
      const FsimChainingDecision *d = decisions->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "upstream");
      json_builder_add_int_value (b, d->edge->source->id);
      json_builder_set_member_name (b, "downstream");
      json_builder_add_int_value (b, d->edge->target->id);
      json_builder_set_member_name (b, "chained");
      json_builder_add_boolean_value (b, d->chained);
      json_builder_set_member_name (b, "rule");
      if (d->chained)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, fsim_chaining_rule_name (d->rule));
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, d->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_graph_get_stream_graph (jg));
  json_builder_set_member_name (b, "slot_sharing");
  json_builder_begin_array (b);
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = nodes->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "node");
      json_builder_add_int_value (b, n->id);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, n->slot_sharing_group);
      json_builder_set_member_name (b, "origin");
      json_builder_add_string_value (b, fsim_slot_sharing_origin_name (n->slot_sharing_origin));
      json_builder_set_member_name (b, "reason");
      if (n->slot_sharing_reason)
        json_builder_add_string_value (b, n->slot_sharing_reason);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return fsim_viz_json_bytes (b);
}

/* ------------------------------------------------------------------------ */
/* Drawing: a cluster per chain, JobEdges between them                        */

static FsimDotNode *
operator_node (FsimDot *dot, FsimDotGraph *cluster, const FsimStreamNode *node,
               GHashTable *made)
{
  g_autofree char *id = g_strdup_printf ("n%d", node->id);
  GString *label = g_string_new (NULL);
  fsim_dot_label_append (label, node->name, FSIM_DOT_CENTER);
  g_string_append_printf (label, "\\nid %d", node->id);
  FsimDotNode *n = fsim_dot_node (dot, cluster, id, label->str);
  g_string_free (label, TRUE);
  fsim_dot_style_operator (dot, n, node);
  g_hash_table_insert (made, GINT_TO_POINTER (node->id), n);
  return n;
}

/* What the JobVertex is, left-justified beside its first operator: a
 * cluster label would sit across the top of the box, where the JobEdges
 * from the chains above come in. */
static void
chain_caption (FsimDot *dot, FsimDotGraph *c, const FsimJobVertex *v, FsimDotNode *first)
{
  GString *label = g_string_new (NULL);
  g_autofree char *max = max_parallelism_cell (v, "default ");
  g_string_append_printf (label, "#%d ", v->topological_index);
  fsim_dot_label_append (label, v->name, FSIM_DOT_LEFT);
  g_string_append_printf (label, "\\lparallelism %d\\lmax parallelism %s\\l"
                          "slot sharing group ", v->parallelism, max);
  fsim_dot_label_append (label, v->slot_sharing_group->name, FSIM_DOT_LEFT);
  /* determineSlotSharingGroup's case for the chain head */
  if (v->head->slot_sharing_origin != FSIM_SLOT_SHARING_NOT_RECORDED)
    g_string_append_printf (label, " (%s)",
                            fsim_slot_sharing_origin_name (v->head->slot_sharing_origin));
  g_string_append (label, "\\l");
  g_autofree char *rank = g_strdup_printf ("v%d", v->topological_index);
  g_autofree char *id = g_strdup_printf ("v%d_caption", v->topological_index);
  FsimDotNode *caption = fsim_dot_node (dot, c, id, label->str);
  g_string_free (label, TRUE);
  fsim_dot_node_set (dot, caption, "shape", "plaintext");
  FsimDotNode *row[] = { caption, first };
  fsim_dot_same_rank (dot, c, rank, row, G_N_ELEMENTS (row));
}

static void
chain_cluster (FsimDot *dot, const FsimJobVertex *v, GHashTable *made)
{
  g_autofree char *cid = g_strdup_printf ("v%d", v->topological_index);
  FsimDotGraph *c = fsim_dot_cluster (dot, NULL, cid, NULL);
  fsim_dot_graph_set (dot, c, "style", "rounded");
  FsimDotNode *first = NULL;
  for (guint i = 0; i < v->chained_sources->len; i++)
    {
      FsimDotNode *n = operator_node (dot, c, v->chained_sources->pdata[i], made);
      first = first ? first : n;
    }
  for (guint i = 0; i < v->operators->len; i++)
    {
      FsimDotNode *n = operator_node (dot, c, v->operators->pdata[i], made);
      first = first ? first : n;
    }
  chain_caption (dot, c, v, first);
}

/* A chained StreamEdge (inside a cluster): thin, grey, labelled "chained";
 * a JobEdge: its ship strategy and pattern. The drawing is a strict graph,
 * so edges between the same two operators share one arrow and one label. */
static void
draw_edges_into (FsimDot *dot, const FsimJobGraph *jg, const FsimStreamNode *node,
                 GHashTable *made)
{
  for (guint i = 0; i < node->in_edges->len; i++)
    {
      const FsimStreamEdge *e = node->in_edges->pdata[i];
      gboolean seen = FALSE;
      for (guint k = 0; k < i; k++)
        seen = seen || ((FsimStreamEdge *) node->in_edges->pdata[k])->source == e->source;
      if (seen)
        continue;
      GString *label = g_string_new (NULL);
      gboolean chained = fsim_job_graph_is_chained (jg, e);
      for (guint k = i; k < node->in_edges->len; k++)
        {
          const FsimStreamEdge *x = node->in_edges->pdata[k];
          if (x->source != e->source)
            continue;
          if (label->len)
            g_string_append (label, "\\n");
          if (chained)
            g_string_append (label, "chained");
          else
            g_string_append_printf (label, "%s %s", fsim_partitioner_name (x->partitioner),
                                    fsim_partitioner_is_pointwise (x->partitioner)
                                    ? "POINTWISE" : "ALL_TO_ALL");
          if (x->type_number > 0)
            g_string_append_printf (label, " (input %d)", x->type_number);
          const FsimChainingDecision *d = fsim_job_graph_get_chaining_decision (jg, x);
          if (!chained && d != NULL)
            {
              g_autofree char *why = g_strconcat ("not chained: ", d->reason, NULL);
              g_string_append (label, "\\n");
              fsim_dot_label_append_words (label, why, FSIM_DOT_CENTER);
            }
        }
      FsimDotEdge *de = fsim_dot_edge (dot, g_hash_table_lookup (made, GINT_TO_POINTER (e->source->id)),
                                       g_hash_table_lookup (made, GINT_TO_POINTER (node->id)),
                                       label->str);
      if (chained)
        {
          fsim_dot_edge_set (dot, de, "color", "gray50");
          fsim_dot_edge_set (dot, de, "fontcolor", "gray40");
        }
      else
        fsim_dot_edge_set (dot, de, "penwidth", "2");
      g_string_free (label, TRUE);
    }
}

static GBytes *
job_graph_drawing (const FsimJob *job, const FsimJobGraph *jg, FsimFormat format,
                   GError **error)
{
  g_autoptr (FsimDot) dot = fsim_dot_new ("JobGraph", TRUE);
  g_autofree char *title = g_strdup_printf ("JobGraph of \"%s\": one box per JobVertex "
                                            "(operator chain)", fsim_job_get_name (job));
  fsim_dot_set_title (dot, title);
  g_autoptr (GHashTable) made = g_hash_table_new (NULL, NULL);
  GPtrArray *vertices = fsim_job_graph_get_vertices_topological (jg);
  for (guint i = 0; i < vertices->len; i++)
    chain_cluster (dot, vertices->pdata[i], made);
  /* edges in the same deterministic order: by vertex, then operator */
  for (guint i = 0; i < vertices->len; i++)
    {
      const FsimJobVertex *v = vertices->pdata[i];
      for (guint k = 0; k < v->operators->len; k++)
        draw_edges_into (dot, jg, v->operators->pdata[k], made);
    }
  return fsim_dot_render (dot, format, error);
}

GBytes *
fsim_viz_job_graph (const FsimJob *job, FsimFormat format, GError **error)
{
  if (format == FSIM_FORMAT_JSONL)
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
                   _("the JobGraph can be shown as text, json, dot, svg or png, not %s"),
                   fsim_format_name (format));
      return NULL;
    }
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new_for_job (job, error);
  if (jg == NULL)
    return NULL;
  switch (format)
    {
    case FSIM_FORMAT_TEXT:
      return job_graph_text (job, jg);
    case FSIM_FORMAT_JSON:
      return job_graph_json (jg);
    case FSIM_FORMAT_DOT:
    case FSIM_FORMAT_SVG:
    case FSIM_FORMAT_PNG:
      return job_graph_drawing (job, jg, format, error);
    case FSIM_FORMAT_JSONL:
      break;
    }
  g_assert_not_reached ();
}
