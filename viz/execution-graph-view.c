/* execution-graph-view.c - the ExecutionGraph, its pipelined regions and its
 * shared slots, as text, JSON and drawings.
 *
 * Flink's Web UI shows subtasks per job vertex; these views show what the
 * scheduler works with (DefaultExecutionGraph, DefaultExecutionTopology,
 * LocalInputPreferredSlotSharingStrategy): every subtask, the partitions it
 * reads and writes with subpartition indices, the groups that keep an
 * all-to-all exchange linear in size, the regions and the shared slots.
 *
 * JSON lists everything (long at parallelism 10,000, but linear: groups
 * are ranges). Text lists a vertex of more than ELIDE_OVER subtasks as runs
 * of subtasks alike but for their numbers, "Map (1..10000/10000)", unless
 * --full asks for each. Drawings must still lay out at 10,000, so
 * a vertex of more than ELIDE_OVER subtasks shows its first ELIDE_HEAD and
 * its last, with one "…" cell standing for the rest, and an all-to-all
 * exchange of more than BUNDLE_EDGES edges is drawn as one labelled bundle
 * node. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "viz/dot.h"
#include "viz/viz-private.h"

enum {
  BUNDLE_EDGES = 16,            /* more all-to-all edges than this: one bundle node */
  ELIDE_OVER = 16,              /* a vertex with more subtasks is drawn elided */
  ELIDE_HEAD = 3,               /* ... as its first three and its last subtask */
  LIST_MAX = 8,                 /* text lists longer ranges as "first .. last" */
  CLUSTERS_MAX = 10,            /* more regions or slots: the first 8, "…", the last */
  CLUSTERS_HEAD = 8,
};

static FsimExecutionGraph *
build (const FsimJob *job, GError **error)
{
  return fsim_execution_graph_new_for_job (job, error);
}

static int
range_len (FsimIndexRange r)
{
  return r.end - r.start + 1;
}

static const char *
vertex_name (const FsimExecutionJobVertex *ejv)
{
  return ejv->job_vertex->name;
}

static const FsimJobEdge *
input_edge (const FsimExecutionJobVertex *ejv, guint j)
{
  return g_ptr_array_index (ejv->job_vertex->inputs, j);
}

/* "Map (2/4)", "Map (1/4), (2/4)" or "Map (1/10000) .. (10000/10000)". */
static void
append_subtasks (GString *s, const FsimExecutionJobVertex *ejv, FsimIndexRange r)
{
  g_string_append (s, vertex_name (ejv));
  if (range_len (r) > LIST_MAX)
    {
      g_string_append_printf (s, " (%d/%d) .. (%d/%d)", r.start + 1, ejv->parallelism,
                              r.end + 1, ejv->parallelism);
      return;
    }
  for (int i = r.start; i <= r.end; i++)
    g_string_append_printf (s, "%s (%d/%d)", i > r.start ? "," : "", i + 1, ejv->parallelism);
}

static char *
max_parallelism_text (const FsimExecutionJobVertex *ejv)
{
  if (ejv->max_parallelism_configured)
    return g_strdup_printf (_("%d (configured)"), ejv->max_parallelism);
  return g_strdup_printf (_("%d (default for parallelism %d)"), ejv->max_parallelism,
                          ejv->parallelism);
}

/* ------------------------------------------------------------------------ */
/* Text: execution                                                           */

static void
text_vertex_header (GString *out, const FsimExecutionJobVertex *ejv, guint n)
{
  const FsimJobVertex *jv = ejv->job_vertex;
  g_autofree char *max = max_parallelism_text (ejv);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Job vertex %d/%u: %s"), ejv->index + 1, n, jv->name);
  g_string_append (out, "\n  ");
  g_string_append_printf (out, _("parallelism %d, max parallelism %s, slot sharing group \"%s\""),
                          ejv->parallelism, max, jv->slot_sharing_group->name);
  if (jv->co_location_group)
    g_string_append_printf (out, _(", co-location group \"%s\""), jv->co_location_group->key);
  g_string_append_c (out, '\n');
  if (ejv->keyed)
    g_string_append_printf (out, "  %s\n",
                            _("keyed (a HASH input): each subtask owns a range of key groups"));
  for (guint j = 0; j < ejv->inputs->len; j++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (ejv->inputs, j);
      const FsimJobEdge *e = input_edge (ejv, j);
      guint groups = 0;
      const FsimConsumedPartitionGroup *last = NULL;
      for (int i = 0; i < ejv->parallelism; i++)
        if (ejv->subtasks[i].consumed[j] != last)
          {
            last = ejv->subtasks[i].consumed[j];
            groups++;
          }
      g_autofree char *cpgs = g_strdup_printf (ngettext ("%u ConsumedPartitionGroup",
                                                         "%u ConsumedPartitionGroups", groups),
                                               groups);
      g_string_append (out, "  ");
      /* TRANSLATORS: input J: result R of PRODUCER, PARTITIONER, DISTRIBUTION
       * PATTERN, RESULT PARTITION TYPE: N ConsumedPartitionGroups */
      g_string_append_printf (out, _("input %u: result %d of %s, %s, %s, %s: %s"), j, r->index,
                              vertex_name (r->producer), fsim_partitioner_name (e->ship_strategy),
                              fsim_distribution_pattern_name (e->pattern),
                              fsim_result_partition_type_name (r->result_type), cpgs);
      g_string_append_c (out, '\n');
    }
  for (guint k = 0; k < ejv->produced->len; k++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (ejv->produced, k);
      guint n_parts = (guint) ejv->parallelism;
      g_autofree char *parts = g_strdup_printf (ngettext ("%u partition", "%u partitions", n_parts),
                                                n_parts);
      g_string_append (out, "  ");
      g_string_append_printf (out, _("output %u: result %d (%s), %s"), k, r->index,
                              fsim_result_partition_type_name (r->result_type), parts);
      for (guint c = 0; c < r->data_set->consumers->len; c++)
        {
          const FsimJobEdge *e = g_ptr_array_index (r->data_set->consumers, c);
          /* TRANSLATORS: ", read by input N of VERTEX", then ", input N of
           * VERTEX" for each further consumer */
          g_string_append_printf (out, c ? _(", input %d of %s") : _(", read by input %d of %s"),
                                  e->input_index, e->target->name);
        }
      g_string_append_c (out, '\n');
    }
}

static void
text_input (GString *out, const FsimExecutionVertex *v, guint j)
{
  const FsimConsumedPartitionGroup *cpg = v->consumed[j];
  const FsimConsumerVertexGroup *cvg = cpg->consumer_group;
  int consumers = range_len (cvg->subtasks);
  g_autoptr (GString) from = g_string_new (NULL);
  append_subtasks (from, cpg->result->producer, cpg->partitions);
  guint n_parts = (guint) range_len (cpg->partitions), n_cons = (guint) consumers;
  g_autofree char *parts = g_strdup_printf (ngettext ("%u partition", "%u partitions", n_parts),
                                            n_parts);
  g_autofree char *cons = g_strdup_printf (ngettext ("%u consumer", "%u consumers", n_cons),
                                           n_cons);
  g_string_append (out, "      ");
  /* TRANSLATORS: input J from SUBTASKS, subpartition S  [group G: N
   * partitions, M consumers] */
  g_string_append_printf (out, _("input %u from %s, subpartition %d  [group %d: %s, %s]"), j,
                          from->str, fsim_subpartition_index (v->subtask, consumers), cpg->index,
                          parts, cons);
  g_string_append_c (out, '\n');
}

static void
text_output (GString *out, const FsimExecutionVertex *v, guint k)
{
  const FsimResultPartition *p = fsim_execution_vertex_get_produced (v, k);
  for (int c = 0; c < p->result->n_consumer_edges; c++)
    {
      const FsimConsumerVertexGroup *cvg = p->consumer_groups[c];
      int n = range_len (cvg->subtasks);
      g_autoptr (GString) to = g_string_new (NULL);
      if (n > LIST_MAX)
        {
          append_subtasks (to, cvg->consumer, cvg->subtasks);
          g_string_append_printf (to, _(", subtask i reads subpartition i mod %d"), n);
        }
      else
        {
          g_string_append (to, vertex_name (cvg->consumer));
          for (int i = cvg->subtasks.start; i <= cvg->subtasks.end; i++)
            {
              g_string_append (to, i > cvg->subtasks.start ? ", " : " ");
              g_string_append_printf (to, _("(%d/%d) subpartition %d"), i + 1,
                                      cvg->consumer->parallelism, fsim_subpartition_index (i, n));
            }
        }
      g_string_append (out, "      ");
      g_string_append_printf (out, _("output %u, partition %d to %s"), k, p->partition, to->str);
      g_string_append_c (out, '\n');
    }
}

/* A subtask's block: its line, then one per input and output. */
static void
text_subtask (GString *out, const FsimExecutionVertex *v)
{
  const FsimExecutionJobVertex *ejv = v->job_vertex;
  g_string_append_printf (out, "    %s", v->name);
  if (ejv->keyed)
    {
      g_string_append (out, "  ");
      g_string_append_printf (out, _("key groups %d-%d"), v->key_groups.start, v->key_groups.end);
    }
  g_string_append (out, "  ");
  g_string_append_printf (out, _("region %d, slot %d"), v->region, v->slot_sharing_group);
  g_string_append_c (out, '\n');
  for (guint j = 0; j < ejv->inputs->len; j++)
    text_input (out, v, j);
  for (guint k = 0; k < ejv->produced->len; k++)
    text_output (out, v, k);
}

/* "ExecutionGraph of "Job": 3 job vertices (topological order), …". */
static void
execution_headline (GString *out, const FsimExecutionGraph *eg, const FsimJob *job)
{
  GPtrArray *results = fsim_execution_graph_get_results (eg);
  guint n_jvs = fsim_execution_graph_get_job_vertices (eg)->len;
  guint n_subtasks = fsim_execution_graph_get_vertices (eg)->len;
  guint n_groups = fsim_execution_graph_get_consumed_partition_groups (eg)->len;
  guint partitions = 0;
  for (guint i = 0; i < results->len; i++)
    partitions += ((FsimIntermediateResult *) results->pdata[i])->producer->parallelism;
  g_autofree char *jvs = g_strdup_printf (ngettext ("%u job vertex", "%u job vertices", n_jvs),
                                          n_jvs);
  g_autofree char *sts = g_strdup_printf (ngettext ("%u subtask", "%u subtasks", n_subtasks),
                                          n_subtasks);
  g_autofree char *irs = g_strdup_printf (ngettext ("%u intermediate result",
                                                    "%u intermediate results", results->len),
                                          results->len);
  g_autofree char *ps = g_strdup_printf (ngettext ("%u partition", "%u partitions", partitions),
                                         partitions);
  g_autofree char *cpgs = g_strdup_printf (ngettext ("%u ConsumedPartitionGroup",
                                                     "%u ConsumedPartitionGroups", n_groups),
                                           n_groups);
  /* TRANSLATORS: the ExecutionGraph's headline: job name, then the counts
   * of job vertices, subtasks, intermediate results, partitions and
   * ConsumedPartitionGroups */
  g_string_append_printf (out, _("ExecutionGraph of \"%s\": %s (topological order), %s, %s, %s,\n"
                                 "%s (an ALL_TO_ALL input is one group shared by all its "
                                 "consumers)"), fsim_job_get_name (job), jvs, sts, irs, ps, cpgs);
  g_string_append_c (out, '\n');
}

/* full: every subtask's block; else a vertex of more than ELIDE_OVER
 * subtasks in runs (fsim_viz_append_runs). */
static GBytes *
execution_text (const FsimExecutionGraph *eg, const FsimJob *job, gboolean full)
{
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  GString *out = g_string_new (NULL);
  execution_headline (out, eg, job);
  for (guint i = 0; i < ejvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, i);
      text_vertex_header (out, ejv, ejvs->len);
      if (full || ejv->parallelism <= ELIDE_OVER)
        {
          for (int s = 0; s < ejv->parallelism; s++)
            text_subtask (out, &ejv->subtasks[s]);
          continue;
        }
      /* issue 16: a vertex of 10,000 subtasks is a few runs, not 10,000
       * blocks; --full lists each */
      g_string_append_printf (out, "  %s\n", _("subtasks alike but for their numbers are "
                                               "shown as one: a..b by ones, a, a+k .. b by k "
                                               "(--full lists each)"));
      char **blocks = g_new (char *, ejv->parallelism);
      for (int s = 0; s < ejv->parallelism; s++)
        {
          GString *b = g_string_new (NULL);
          text_subtask (b, &ejv->subtasks[s]);
          blocks[s] = g_string_free (b, FALSE);
        }
      fsim_viz_append_runs (out, blocks, (guint) ejv->parallelism);
      for (int s = 0; s < ejv->parallelism; s++)
        g_free (blocks[s]);
      g_free (blocks);
    }
  return g_string_free_to_bytes (out);
}

static GBytes *
execution_text_summarised (const FsimExecutionGraph *eg, const FsimJob *job)
{
  return execution_text (eg, job, FALSE);
}

static GBytes *
execution_text_full (const FsimExecutionGraph *eg, const FsimJob *job)
{
  return execution_text (eg, job, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Text: regions                                                             */

/* The members of a region, job vertex by job vertex, runs of consecutive
 * subtasks as ranges: "Map (1/4), (2/4); Sink (1/4) .. (400/400)". */
static void
append_members (GString *out, GPtrArray *vertices)
{
  guint i = 0;
  while (i < vertices->len)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (vertices, i);
      guint k = i + 1;
      while (k < vertices->len)
        {
          const FsimExecutionVertex *w = g_ptr_array_index (vertices, k);
          if (w->job_vertex != v->job_vertex || w->subtask != v->subtask + (int) (k - i))
            break;
          k++;
        }
      if (i > 0)
        g_string_append (out, "; ");
      FsimIndexRange r = { v->subtask, v->subtask + (int) (k - i) - 1 };
      append_subtasks (out, v->job_vertex, r);
      i = k;
    }
}

/* ", Map (parallelism 4)" after a first " Source (parallelism 2)". */
static void
append_vertex (GString *out, const FsimExecutionJobVertex *ejv, gboolean first)
{
  g_autofree char *item = g_strdup_printf (_("%s (parallelism %d)"), vertex_name (ejv),
                                           ejv->parallelism);
  fsim_viz_append_item (out, first, item);
}

static gboolean
logical_region_has_all_to_all (const FsimExecutionGraph *eg, int lr)
{
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  for (guint i = 0; i < ejvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, i);
      if (ejv->logical_region != lr)
        continue;
      for (guint j = 0; j < ejv->inputs->len; j++)
        {
          const FsimIntermediateResult *r = g_ptr_array_index (ejv->inputs, j);
          if (input_edge (ejv, j)->pattern == FSIM_DISTRIBUTION_ALL_TO_ALL
              && r->producer->logical_region == lr)
            return TRUE;
        }
    }
  return FALSE;
}

static GBytes *
regions_text (const FsimExecutionGraph *eg, const FsimJob *job)
{
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  GPtrArray *regions = fsim_execution_graph_get_regions (eg);
  int n_lr = fsim_execution_graph_get_n_logical_regions (eg);
  g_autofree int *per_lr = g_new0 (int, n_lr);
  for (guint i = 0; i < regions->len; i++)
    per_lr[((FsimPipelinedRegion *) regions->pdata[i])->logical_region]++;
  GString *out = g_string_new (NULL);
  g_autofree char *lrs = g_strdup_printf (ngettext ("%u logical region", "%u logical regions",
                                                    (guint) n_lr), (guint) n_lr);
  g_autofree char *rs = g_strdup_printf (ngettext ("%u region", "%u regions",
                                                   regions->len), regions->len);
  g_string_append_printf (out, _("Pipelined regions of \"%s\": %s, %s"), fsim_job_get_name (job),
                          lrs, rs);
  g_string_append_c (out, '\n');
  g_string_append (out, _("Job vertices joined by pipelined results form a logical region; an "
                          "ALL_TO_ALL edge inside one\nkeeps it whole, otherwise it is cut into "
                          "the subtasks that pipelined partitions join.\nRegions are numbered by "
                          "their first subtask in topological order, the order in which they are "
                          "scheduled.\n"));
  for (int lr = 0; lr < n_lr; lr++)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Logical region %d:"), lr);
      gboolean first = TRUE;
      for (guint i = 0; i < ejvs->len; i++)
        {
          const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, i);
          if (ejv->logical_region != lr)
            continue;
          append_vertex (out, ejv, first);
          first = FALSE;
        }
      g_string_append (out, "\n  ");
      if (logical_region_has_all_to_all (eg, lr))
        g_string_append (out, _("an ALL_TO_ALL edge inside: one region of all its subtasks"));
      else
        g_string_append_printf (out, ngettext ("only POINTWISE edges inside: %d region",
                                               "only POINTWISE edges inside: %d regions",
                                               (gulong) per_lr[lr]), per_lr[lr]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < regions->len; i++)
    {
      const FsimPipelinedRegion *r = g_ptr_array_index (regions, i);
      g_autofree char *sts = g_strdup_printf (ngettext ("%u subtask", "%u subtasks",
                                                        r->vertices->len), r->vertices->len);
      g_string_append_printf (out, _("Region %d (logical region %d, %s): "), r->index,
                              r->logical_region, sts);
      append_members (out, r->vertices);
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------------------ */
/* Text: slot sharing                                                        */

static int
ssg_max_parallelism (const FsimExecutionGraph *eg, const FsimSlotSharingGroup *ssg)
{
  int max = 0;
  for (guint i = 0; i < ssg->vertices->len; i++)
    max = MAX (max, fsim_execution_graph_get_job_vertex (eg, ssg->vertices->pdata[i])->parallelism);
  return max;
}

static GBytes *
slot_sharing_text (const FsimExecutionGraph *eg, const FsimJob *job)
{
  const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (eg);
  GPtrArray *ssgs = fsim_job_graph_get_slot_sharing_groups (jg);
  GPtrArray *groups = fsim_execution_graph_get_slot_sharing_groups (eg);
  GString *out = g_string_new (NULL);
  int needed = fsim_execution_graph_get_slots_needed (eg);
  g_string_append_printf (out, ngettext ("Slot sharing of \"%s\" (LocalInputPreferred"
                                         "SlotSharingStrategy): %d slot needed",
                                         "Slot sharing of \"%s\" (LocalInputPreferred"
                                         "SlotSharingStrategy): %d slots needed",
                                         (gulong) needed), fsim_job_get_name (job), needed);
  g_string_append_c (out, '\n');
  g_string_append (out, _("Vertex by vertex, in topological order: first each subtask that can joins "
                          "a shared slot of a\nproducer of its input, then the others take the "
                          "first slot holding no subtask of their vertex,\nelse a new one: a slot "
                          "sharing group needs as many slots as its largest parallelism.\n"));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < ssgs->len; i++)
    {
      const FsimSlotSharingGroup *ssg = g_ptr_array_index (ssgs, i);
      g_string_append_printf (out, _("SlotSharingGroup \"%s\":"), ssg->name);
      GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
      gboolean first = TRUE;
      for (guint k = 0; k < ejvs->len; k++)
        {
          const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, k);
          if (ejv->job_vertex->slot_sharing_group != ssg)
            continue;
          append_vertex (out, ejv, first);
          first = FALSE;
        }
      int max = ssg_max_parallelism (eg, ssg);
      g_string_append_printf (out, ngettext (": %d slot", ": %d slots", (gulong) max), max);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < groups->len; i++)
    {
      const FsimExecutionSlotSharingGroup *g = g_ptr_array_index (groups, i);
      g_string_append_printf (out, _("Slot %d (%s):"), g->index, g->slot_sharing_group->name);
      for (guint k = 0; k < g->vertices->len; k++)
        {
          const FsimExecutionVertex *v = g_ptr_array_index (g->vertices, k);
          fsim_viz_append_item (out, k == 0, v->name);
          if (v->job_vertex->keyed)
            {
              g_string_append (out, " [");
              g_string_append_printf (out, _("key groups %d-%d"), v->key_groups.start,
                                      v->key_groups.end);
              g_string_append_c (out, ']');
            }
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------------------ */
/* JSON (docs/formats.md)                                                    */


static void
add_range (JsonBuilder *b, const char *name, FsimIndexRange r)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  json_builder_add_int_value (b, r.start);
  json_builder_add_int_value (b, r.end);
  json_builder_end_array (b);
}

static JsonBuilder *
json_begin (const FsimExecutionGraph *eg, const FsimJob *job)
{
  JsonBuilder *b = json_builder_new ();
  json_builder_begin_object (b);
  fsim_viz_json_add_string (b, "job", fsim_job_get_name (job));
  fsim_viz_json_add_string (b, "jid", fsim_job_graph_get_id (fsim_execution_graph_get_job_graph (eg)));
  return b;
}

static GBytes *
json_end (JsonBuilder *b)
{
  json_builder_end_object (b);
  return fsim_viz_json_bytes (b);
}

static void
json_subtask (JsonBuilder *b, const FsimExecutionVertex *v)
{
  g_autofree char *id = fsim_execution_vertex_get_id (v);
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "subtask", v->subtask);
  fsim_viz_json_add_string (b, "id", id);
  fsim_viz_json_add_string (b, "name", v->name);
  if (v->job_vertex->keyed)
    add_range (b, "keyGroups", v->key_groups);
  fsim_viz_json_add_int (b, "region", v->region);
  fsim_viz_json_add_int (b, "slot", v->slot_sharing_group);
  json_builder_set_member_name (b, "consumedPartitionGroups");
  json_builder_begin_array (b);
  for (guint j = 0; j < v->job_vertex->inputs->len; j++)
    json_builder_add_int_value (b, v->consumed[j]->index);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_job_vertex (JsonBuilder *b, const FsimExecutionJobVertex *ejv)
{
  const FsimJobVertex *jv = ejv->job_vertex;
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "index", ejv->index);
  fsim_viz_json_add_string (b, "id", jv->id);
  fsim_viz_json_add_string (b, "name", jv->name);
  fsim_viz_json_add_int (b, "parallelism", ejv->parallelism);
  fsim_viz_json_add_int (b, "maxParallelism", ejv->max_parallelism);
  fsim_viz_json_add_bool (b, "maxParallelismConfigured", ejv->max_parallelism_configured);
  fsim_viz_json_add_bool (b, "keyed", ejv->keyed);
  fsim_viz_json_add_string (b, "slotSharingGroup", jv->slot_sharing_group->name);
  fsim_viz_json_add_string (b, "coLocationGroup", jv->co_location_group ? jv->co_location_group->key : NULL);
  fsim_viz_json_add_int (b, "logicalRegion", ejv->logical_region);
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint j = 0; j < ejv->inputs->len; j++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (ejv->inputs, j);
      const FsimJobEdge *e = input_edge (ejv, j);
      json_builder_begin_object (b);
      fsim_viz_json_add_int (b, "num", j);
      fsim_viz_json_add_int (b, "result", r->index);
      fsim_viz_json_add_string (b, "producer", r->producer->job_vertex->id);
      fsim_viz_json_add_string (b, "shipStrategy", fsim_partitioner_name (e->ship_strategy));
      fsim_viz_json_add_string (b, "distributionPattern", fsim_distribution_pattern_name (e->pattern));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "produced");
  json_builder_begin_array (b);
  for (guint k = 0; k < ejv->produced->len; k++)
    json_builder_add_int_value (b, ((FsimIntermediateResult *) ejv->produced->pdata[k])->index);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "subtasks");
  json_builder_begin_array (b);
  for (int s = 0; s < ejv->parallelism; s++)
    json_subtask (b, &ejv->subtasks[s]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static GBytes *
execution_json (const FsimExecutionGraph *eg, const FsimJob *job)
{
  g_autoptr (JsonBuilder) b = json_begin (eg, job);
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  json_builder_set_member_name (b, "jobVertices");
  json_builder_begin_array (b);
  for (guint i = 0; i < ejvs->len; i++)
    json_job_vertex (b, g_ptr_array_index (ejvs, i));
  json_builder_end_array (b);

  GPtrArray *results = fsim_execution_graph_get_results (eg);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      const FsimIntermediateResult *r = g_ptr_array_index (results, i);
      json_builder_begin_object (b);
      fsim_viz_json_add_int (b, "index", r->index);
      fsim_viz_json_add_string (b, "id", r->data_set->id);
      fsim_viz_json_add_string (b, "producer", r->producer->job_vertex->id);
      fsim_viz_json_add_string (b, "resultPartitionType", fsim_result_partition_type_name (r->result_type));
      fsim_viz_json_add_int (b, "partitions", r->producer->parallelism);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  GPtrArray *cpgs = fsim_execution_graph_get_consumed_partition_groups (eg);
  json_builder_set_member_name (b, "consumedPartitionGroups");
  json_builder_begin_array (b);
  for (guint i = 0; i < cpgs->len; i++)
    {
      const FsimConsumedPartitionGroup *g = g_ptr_array_index (cpgs, i);
      json_builder_begin_object (b);
      fsim_viz_json_add_int (b, "index", g->index);
      fsim_viz_json_add_int (b, "result", g->result->index);
      fsim_viz_json_add_string (b, "consumer", g->consumer_group->consumer->job_vertex->id);
      fsim_viz_json_add_int (b, "input", g->edge->input_index);
      add_range (b, "partitions", g->partitions);
      add_range (b, "consumers", g->consumer_group->subtasks);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_end (b);
}

/* Members as [{ "jobVertex", "name", "subtasks": [[first, last], …] }]. */
static void
json_members (JsonBuilder *b, GPtrArray *vertices)
{
  json_builder_begin_array (b);
  guint i = 0;
  while (i < vertices->len)
    {
      const FsimExecutionVertex *v = g_ptr_array_index (vertices, i);
      json_builder_begin_object (b);
      fsim_viz_json_add_string (b, "jobVertex", v->job_vertex->job_vertex->id);
      fsim_viz_json_add_string (b, "name", vertex_name (v->job_vertex));
      json_builder_set_member_name (b, "subtasks");
      json_builder_begin_array (b);
      while (i < vertices->len)
        {
          const FsimExecutionVertex *w = g_ptr_array_index (vertices, i);
          if (w->job_vertex != v->job_vertex)
            break;
          guint k = i + 1;
          while (k < vertices->len
                 && ((FsimExecutionVertex *) vertices->pdata[k])->job_vertex == w->job_vertex
                 && ((FsimExecutionVertex *) vertices->pdata[k])->subtask
                    == w->subtask + (int) (k - i))
            k++;
          json_builder_begin_array (b);
          json_builder_add_int_value (b, w->subtask);
          json_builder_add_int_value (b, w->subtask + (int) (k - i) - 1);
          json_builder_end_array (b);
          i = k;
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static GBytes *
regions_json (const FsimExecutionGraph *eg, const FsimJob *job)
{
  g_autoptr (JsonBuilder) b = json_begin (eg, job);
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  int n_lr = fsim_execution_graph_get_n_logical_regions (eg);
  json_builder_set_member_name (b, "logicalRegions");
  json_builder_begin_array (b);
  for (int lr = 0; lr < n_lr; lr++)
    {
      json_builder_begin_object (b);
      fsim_viz_json_add_int (b, "index", lr);
      fsim_viz_json_add_bool (b, "allToAllInside", logical_region_has_all_to_all (eg, lr));
      json_builder_set_member_name (b, "jobVertices");
      json_builder_begin_array (b);
      for (guint i = 0; i < ejvs->len; i++)
        {
          const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, i);
          if (ejv->logical_region == lr)
            json_builder_add_string_value (b, ejv->job_vertex->id);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  GPtrArray *regions = fsim_execution_graph_get_regions (eg);
  json_builder_set_member_name (b, "regions");
  json_builder_begin_array (b);
  for (guint i = 0; i < regions->len; i++)
    {
      const FsimPipelinedRegion *r = g_ptr_array_index (regions, i);
      json_builder_begin_object (b);
      fsim_viz_json_add_int (b, "index", r->index);
      fsim_viz_json_add_int (b, "logicalRegion", r->logical_region);
      fsim_viz_json_add_int (b, "size", r->vertices->len);
      json_builder_set_member_name (b, "members");
      json_members (b, r->vertices);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_end (b);
}

static GBytes *
slot_sharing_json (const FsimExecutionGraph *eg, const FsimJob *job)
{
  g_autoptr (JsonBuilder) b = json_begin (eg, job);
  fsim_viz_json_add_int (b, "slotsNeeded", fsim_execution_graph_get_slots_needed (eg));
  GPtrArray *ssgs = fsim_job_graph_get_slot_sharing_groups (fsim_execution_graph_get_job_graph (eg));
  json_builder_set_member_name (b, "slotSharingGroups");
  json_builder_begin_array (b);
  for (guint i = 0; i < ssgs->len; i++)
    {
      const FsimSlotSharingGroup *ssg = g_ptr_array_index (ssgs, i);
      json_builder_begin_object (b);
      fsim_viz_json_add_string (b, "name", ssg->name);
      fsim_viz_json_add_int (b, "slots", ssg_max_parallelism (eg, ssg));
      json_builder_set_member_name (b, "jobVertices");
      json_builder_begin_array (b);
      for (guint k = 0; k < ssg->vertices->len; k++)
        json_builder_add_string_value (b, ((FsimJobVertex *) ssg->vertices->pdata[k])->id);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  GPtrArray *groups = fsim_execution_graph_get_slot_sharing_groups (eg);
  json_builder_set_member_name (b, "slots");
  json_builder_begin_array (b);
  for (guint i = 0; i < groups->len; i++)
    {
      const FsimExecutionSlotSharingGroup *g = g_ptr_array_index (groups, i);
      json_builder_begin_object (b);
      fsim_viz_json_add_int (b, "index", g->index);
      fsim_viz_json_add_string (b, "slotSharingGroup", g->slot_sharing_group->name);
      json_builder_set_member_name (b, "subtasks");
      json_builder_begin_array (b);
      for (guint k = 0; k < g->vertices->len; k++)
        {
          const FsimExecutionVertex *v = g_ptr_array_index (g->vertices, k);
          json_builder_begin_object (b);
          fsim_viz_json_add_string (b, "jobVertex", v->job_vertex->job_vertex->id);
          fsim_viz_json_add_int (b, "subtask", v->subtask);
          fsim_viz_json_add_string (b, "name", v->name);
          if (v->job_vertex->keyed)
            add_range (b, "keyGroups", v->key_groups);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_end (b);
}

/* ------------------------------------------------------------------------ */
/* Drawings                                                                  */

static const char *const palette[] = {
  "#e3f0fb", "#fdf0dc", "#e4f5e4", "#f3e5f5", "#fff8d0", "#e0f2f1", "#fbe4e4", "#ececec",
};

/* Subtasks are cells of table nodes, a row per job vertex, so that they
 * stay in subtask order (dot reorders single nodes inside clusters); the
 * arrows attach to the cells' ports "s<subtask>". */
typedef struct {
  const FsimExecutionGraph *eg;
  FsimDot *dot;
  FsimDotNode **row;            /* per subtask index: its row, NULL = not drawn */
  FsimDotGraph **cluster;       /* per subtask index: the row's cluster */
  FsimDotNode **more;           /* per job vertex: its row with a "more" cell (execution view) */
  gboolean bundle_in_cluster;   /* regions: an all-to-all exchange lies in one region */
  GHashTable *more_edges;       /* arrows from or to a "more" cell, drawn once each */
} Drawing;

/* One end of an arrow: a row and the port of a cell, or a bundle node. */
typedef struct {
  FsimDotNode *node;
  char port[16];
} End;

static void
drawing_init (Drawing *d, const FsimExecutionGraph *eg, const char *title)
{
  guint n = fsim_execution_graph_get_vertices (eg)->len;
  d->eg = eg;
  d->bundle_in_cluster = FALSE;
  d->dot = fsim_dot_new ("ExecutionGraph", FALSE);
  d->row = g_new0 (FsimDotNode *, n);
  d->cluster = g_new0 (FsimDotGraph *, n);
  d->more = g_new0 (FsimDotNode *, fsim_execution_graph_get_job_vertices (eg)->len);
  d->more_edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fsim_dot_set_title (d->dot, title);
  /* room between the rows for the arrows to fan out */
  fsim_dot_graph_set (d->dot, NULL, "ranksep", "0.9");
}

static GBytes *
drawing_finish (Drawing *d, FsimFormat format, GError **error)
{
  GBytes *bytes = fsim_dot_render (d->dot, format, error);
  fsim_dot_free (d->dot);
  g_free (d->row);
  g_free (d->cluster);
  g_free (d->more);
  g_hash_table_unref (d->more_edges);
  return bytes;
}

static gboolean
subtask_shown (int subtask, int parallelism)
{
  return parallelism <= ELIDE_OVER || subtask < ELIDE_HEAD || subtask == parallelism - 1;
}

/* A row of subtasks vertices[0..n) of one job vertex, in subtask order,
 * after caption (HTML, may be NULL); beyond ELIDE_OVER the first
 * ELIDE_HEAD and the last with a "… N more …" cell (port "more") between.
 * bgcolor NULL: no box of its own (it sits in a coloured cluster). */
static FsimDotNode *
draw_row (Drawing *d, FsimDotGraph *c, const FsimExecutionVertex *const *vertices, int n,
          const char *id, const char *caption, const char *bgcolor)
{
  GString *html = g_string_new ("<TABLE CELLBORDER=\"1\" CELLSPACING=\"10\" CELLPADDING=\"5\"");
  if (bgcolor)
    g_string_append_printf (html, " BORDER=\"1\" STYLE=\"ROUNDED\" COLOR=\"#999999\" "
                            "BGCOLOR=\"%s\"", bgcolor);
  else
    g_string_append (html, " BORDER=\"0\"");
  /* a cell per line: Graphviz ignores the line ends, DOT stays readable */
  g_string_append (html, "><TR>\n");
  if (caption)
    g_string_append_printf (html, "<TD BORDER=\"0\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">%s</TD>\n",
                            caption);
  for (int s = 0; s < n; s++)
    {
      const FsimExecutionVertex *v = vertices[s];
      if (subtask_shown (s, n))
        {
          g_string_append_printf (html, "<TD PORT=\"s%d\" STYLE=\"ROUNDED\" BGCOLOR=\"white\">",
                                  v->subtask);
          fsim_dot_label_append (html, v->name, FSIM_DOT_HTML);
          if (v->job_vertex->keyed)
            g_string_append_printf (html, "<BR/>key groups %d-%d", v->key_groups.start,
                                    v->key_groups.end);
          g_string_append (html, "</TD>\n");
        }
      else if (s == ELIDE_HEAD)
        g_string_append_printf (html, "<TD PORT=\"more\" BORDER=\"0\">... %d more ...</TD>\n",
                                n - ELIDE_HEAD - 1);
    }
  g_string_append (html, "</TR></TABLE>");
  FsimDotNode *row = fsim_dot_html_node (d->dot, c, id, html->str);
  g_string_free (html, TRUE);
  for (int s = 0; s < n; s++)
    if (subtask_shown (s, n))
      {
        d->row[vertices[s]->index] = row;
        d->cluster[vertices[s]->index] = c;
      }
  return row;
}

/* Where a subtask's data is drawn from or to: its cell, else the "more"
 * cell of its vertex (execution view), else nowhere. */
static End
end_of (Drawing *d, const FsimExecutionVertex *v)
{
  End e = { NULL, "" };
  if (d->row[v->index])
    {
      e.node = d->row[v->index];
      g_snprintf (e.port, sizeof e.port, "s%d", v->subtask);
    }
  else if (d->more[v->job_vertex->index])
    {
      e.node = d->more[v->job_vertex->index];
      g_strlcpy (e.port, "more", sizeof e.port);
    }
  return e;
}

/* An arrow leaves a cell at its bottom and enters a cell at its top. */
static void
draw_edge (Drawing *d, End from, End to, const char *label)
{
  if (from.node == NULL || to.node == NULL)
    return;
  if (g_str_equal (from.port, "more") || g_str_equal (to.port, "more"))
    {
      /* the nodes only as a set key, never in the output */
      char *key = g_strdup_printf ("%p:%s %p:%s", (void *) from.node, from.port,
                                   (void *) to.node, to.port);
      if (!g_hash_table_add (d->more_edges, key))
        return;
    }
  FsimDotEdge *e = fsim_dot_edge (d->dot, from.node, to.node, label);
  if (from.port[0])
    {
      g_autofree char *port = g_strconcat (from.port, ":s", NULL);
      fsim_dot_edge_set (d->dot, e, "tailport", port);
    }
  if (to.port[0])
    {
      g_autofree char *port = g_strconcat (to.port, ":n", NULL);
      fsim_dot_edge_set (d->dot, e, "headport", port);
    }
}

/* One ConsumedPartitionGroup: its edges, or a bundle node for a big
 * all-to-all exchange. */
static void
draw_group (Drawing *d, const FsimConsumedPartitionGroup *g)
{
  const FsimExecutionJobVertex *producer = g->result->producer;
  const FsimExecutionJobVertex *consumer = g->consumer_group->consumer;
  FsimIndexRange parts = g->partitions, cons = g->consumer_group->subtasks;
  int n_cons = range_len (cons);
  gboolean all = g->edge->pattern == FSIM_DISTRIBUTION_ALL_TO_ALL;
  if (all && (gint64) range_len (parts) * n_cons > BUNDLE_EDGES)
    {
      const FsimExecutionVertex *p0 = &producer->subtasks[parts.start];
      const FsimExecutionVertex *c0 = &consumer->subtasks[cons.start];
      FsimDotGraph *in = d->bundle_in_cluster && p0->region == c0->region && d->row[p0->index]
        ? d->cluster[p0->index] : NULL;
      g_autofree char *id = g_strdup_printf ("group%d", g->index);
      g_autofree char *label =
        g_strdup_printf ("%s %s\\nConsumedPartitionGroup %d\\n%d partitions x %d consumers\\n"
                         "subtask i reads subpartition i", fsim_partitioner_name (g->edge->ship_strategy),
                         fsim_distribution_pattern_name (g->edge->pattern), g->index,
                         range_len (parts), n_cons);
      FsimDotNode *node = fsim_dot_node (d->dot, in, id, label);
      fsim_dot_node_set (d->dot, node, "shape", "hexagon");
      fsim_dot_node_set (d->dot, node, "style", "filled");
      fsim_dot_node_set (d->dot, node, "fillcolor", "#ffffff");
      End bundle = { node, "" };
      for (int p = parts.start; p <= parts.end; p++)
        draw_edge (d, end_of (d, &producer->subtasks[p]), bundle, NULL);
      for (int c = cons.start; c <= cons.end; c++)
        draw_edge (d, bundle, end_of (d, &consumer->subtasks[c]), NULL);
      return;
    }
  for (int p = parts.start; p <= parts.end; p++)
    for (int c = cons.start; c <= cons.end; c++)
      {
        g_autofree char *label = !all && n_cons > 1
          ? g_strdup_printf ("subpartition %d", fsim_subpartition_index (c, n_cons)) : NULL;
        draw_edge (d, end_of (d, &producer->subtasks[p]), end_of (d, &consumer->subtasks[c]),
                   label);
      }
}

static void
draw_all_groups (Drawing *d)
{
  GPtrArray *groups = fsim_execution_graph_get_consumed_partition_groups (d->eg);
  for (guint i = 0; i < groups->len; i++)
    draw_group (d, g_ptr_array_index (groups, i));
}

static const char *
colour (int index)
{
  return palette[index % G_N_ELEMENTS (palette)];
}

static void
style_cluster (Drawing *d, FsimDotGraph *c, int index)
{
  fsim_dot_graph_set (d->dot, c, "style", "filled,rounded");
  fsim_dot_graph_set (d->dot, c, "fillcolor", colour (index));
  fsim_dot_graph_set (d->dot, c, "color", "#999999");
}

static char *
title_of (const char *what, const FsimJob *job)
{
  return g_strdup_printf ("%s of \"%s\"", what, fsim_job_get_name (job));
}

/* What a job vertex is, left of its subtasks (HTML). */
static char *
caption_of (const FsimExecutionJobVertex *ejv)
{
  GString *html = g_string_new (NULL);
  fsim_dot_label_append (html, vertex_name (ejv), FSIM_DOT_HTML);
  g_string_append_printf (html, "<BR/>parallelism %d, max parallelism %d", ejv->parallelism,
                          ejv->max_parallelism);
  for (guint j = 0; j < ejv->inputs->len; j++)
    g_string_append_printf (html, "<BR/>input %u: %s, %s", j,
                            fsim_partitioner_name (input_edge (ejv, j)->ship_strategy),
                            fsim_distribution_pattern_name (input_edge (ejv, j)->pattern));
  return g_string_free (html, FALSE);
}

/* Execution view: a coloured row per job vertex, caption and subtasks. */
static GBytes *
execution_drawing (const FsimExecutionGraph *eg, const FsimJob *job, FsimFormat format,
                   GError **error)
{
  Drawing d;
  g_autofree char *title = title_of ("ExecutionGraph", job);
  drawing_init (&d, eg, title);
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  for (guint i = 0; i < ejvs->len; i++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, i);
      g_autofree char *id = g_strdup_printf ("jv%u", i);
      g_autofree char *caption = caption_of (ejv);
      g_autofree const FsimExecutionVertex **subtasks =
        g_new (const FsimExecutionVertex *, ejv->parallelism);
      for (int s = 0; s < ejv->parallelism; s++)
        subtasks[s] = &ejv->subtasks[s];
      FsimDotNode *row = draw_row (&d, NULL, subtasks, ejv->parallelism, id, caption,
                                   colour ((int) i));
      if (ejv->parallelism > ELIDE_OVER)
        d.more[i] = row;
    }
  draw_all_groups (&d);
  return drawing_finish (&d, format, error);
}

/* Regions and slots: one coloured cluster per region / shared slot; beyond
 * CLUSTERS_MAX only the first CLUSTERS_HEAD and the last are drawn. */
static gboolean
cluster_shown (guint index, guint n)
{
  return n <= CLUSTERS_MAX || index < CLUSTERS_HEAD || index == n - 1;
}

/* The members of a region or shared slot, a row per job vertex. */
static void
draw_members (Drawing *d, FsimDotGraph *c, GPtrArray *vertices, const char *prefix)
{
  guint i = 0;
  while (i < vertices->len)
    {
      const FsimExecutionVertex *first = g_ptr_array_index (vertices, i);
      guint k = i;
      while (k < vertices->len
             && ((FsimExecutionVertex *) vertices->pdata[k])->job_vertex == first->job_vertex)
        k++;
      g_autofree char *id = g_strdup_printf ("%s_jv%d", prefix, first->job_vertex->index);
      draw_row (d, c, (const FsimExecutionVertex *const *) vertices->pdata + i, (int) (k - i),
                id, NULL, NULL);
      i = k;
    }
}

static void
draw_hidden_clusters (Drawing *d, guint n, const char *what)
{
  if (n <= CLUSTERS_MAX)
    return;
  g_autofree char *label = g_strdup_printf ("... %u more %s ...", n - CLUSTERS_HEAD - 1, what);
  FsimDotNode *more = fsim_dot_node (d->dot, NULL, "clusters_more", label);
  fsim_dot_node_set (d->dot, more, "shape", "plaintext");
}

static GBytes *
regions_drawing (const FsimExecutionGraph *eg, const FsimJob *job, FsimFormat format,
                 GError **error)
{
  Drawing d;
  g_autofree char *title = title_of ("Pipelined regions", job);
  drawing_init (&d, eg, title);
  d.bundle_in_cluster = TRUE;
  GPtrArray *regions = fsim_execution_graph_get_regions (eg);
  for (guint i = 0; i < regions->len; i++)
    {
      if (!cluster_shown (i, regions->len))
        continue;
      const FsimPipelinedRegion *r = g_ptr_array_index (regions, i);
      g_autofree char *id = g_strdup_printf ("region%u", i);
      g_autofree char *label = g_strdup_printf ("region %d (logical region %d)", r->index,
                                                r->logical_region);
      FsimDotGraph *c = fsim_dot_cluster (d.dot, NULL, id, label);
      style_cluster (&d, c, (int) i);
      draw_members (&d, c, r->vertices, id);
    }
  draw_hidden_clusters (&d, regions->len, "regions");
  draw_all_groups (&d);
  return drawing_finish (&d, format, error);
}

static GBytes *
slot_sharing_drawing (const FsimExecutionGraph *eg, const FsimJob *job, FsimFormat format,
                      GError **error)
{
  Drawing d;
  g_autofree char *what = g_strdup_printf ("Shared slots (%d needed)",
                                           fsim_execution_graph_get_slots_needed (eg));
  g_autofree char *title = title_of (what, job);
  drawing_init (&d, eg, title);
  GPtrArray *groups = fsim_execution_graph_get_slot_sharing_groups (eg);
  for (guint i = 0; i < groups->len; i++)
    {
      if (!cluster_shown (i, groups->len))
        continue;
      const FsimExecutionSlotSharingGroup *g = g_ptr_array_index (groups, i);
      g_autofree char *id = g_strdup_printf ("slot%u", i);
      g_autofree char *text = g_strdup_printf ("slot %d (%s)", g->index,
                                               g->slot_sharing_group->name);
      g_autofree char *label = fsim_dot_label (text);
      FsimDotGraph *c = fsim_dot_cluster (d.dot, NULL, id, label);
      style_cluster (&d, c, g->slot_sharing_group->index);
      draw_members (&d, c, g->vertices, id);
    }
  draw_hidden_clusters (&d, groups->len, "slots");
  draw_all_groups (&d);
  return drawing_finish (&d, format, error);
}

/* ------------------------------------------------------------------------ */

typedef GBytes *(*TextView) (const FsimExecutionGraph *eg, const FsimJob *job);
typedef GBytes *(*DrawView) (const FsimExecutionGraph *eg, const FsimJob *job,
                             FsimFormat format, GError **error);

static GBytes *
view (const FsimJob *job, FsimFormat format, const char *what, TextView text, TextView json,
      DrawView draw, GError **error)
{
  switch (format)
    {
    case FSIM_FORMAT_TEXT:
    case FSIM_FORMAT_JSON:
    case FSIM_FORMAT_DOT:
    case FSIM_FORMAT_SVG:
    case FSIM_FORMAT_PNG:
      break;
    default:
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
                   _("%s can be shown as text, json, dot, svg or png, not %s"), what,
                   fsim_format_name (format));
      return NULL;
    }
  g_autoptr (FsimExecutionGraph) eg = build (job, error);
  if (eg == NULL)
    return NULL;
  if (format == FSIM_FORMAT_TEXT)
    return text (eg, job);
  if (format == FSIM_FORMAT_JSON)
    return json (eg, job);
  return draw (eg, job, format, error);
}

GBytes *
fsim_viz_execution_graph (const FsimJob *job, FsimFormat format, GError **error)
{
  return view (job, format, _("the ExecutionGraph"), execution_text_summarised, execution_json,
               execution_drawing, error);
}

GBytes *
fsim_viz_execution_graph_full (const FsimJob *job, FsimFormat format, GError **error)
{
  return view (job, format, _("the ExecutionGraph"), execution_text_full, execution_json,
               execution_drawing, error);
}

GBytes *
fsim_viz_regions (const FsimJob *job, FsimFormat format, GError **error)
{
  return view (job, format, _("pipelined regions"), regions_text, regions_json, regions_drawing,
               error);
}

GBytes *
fsim_viz_slot_sharing (const FsimJob *job, FsimFormat format, GError **error)
{
  return view (job, format, _("slot sharing"), slot_sharing_text, slot_sharing_json,
               slot_sharing_drawing, error);
}
