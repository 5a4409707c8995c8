/* slot-sharing.c - which subtasks share a slot:
 * LocalInputPreferredSlotSharingStrategy.
 *
 * A SlotSharingGroup (JobGraph) says which job vertices may share slots; the
 * strategy decides which *subtasks* do, building ExecutionSlotSharingGroups,
 * one shared slot each. It walks job vertices in topological order and tries,
 * for every subtask in index order:
 *
 *   1. the group of its co-location constraint, if a co-located subtask
 *      already has one;
 *   2. a group of a producer of its input (local input: the data need not
 *      cross the network), taken from a candidate list per
 *      ConsumedPartitionGroup that is consumed from the front, only if the
 *      producer is in the same SlotSharingGroup;
 *
 * and in a second pass gives the subtasks still without a group the first
 * group of their SlotSharingGroup that holds no subtask of this job vertex
 * yet, or a new one. A new group is only ever created when every group holds
 * a subtask of the current vertex, so a SlotSharingGroup needs as many slots
 * as its largest parallelism.
 *
 * Flink's LinkedHashSets become arrays in creation order plus a stamp per
 * group ("holds a subtask of job vertex k"), so a 10,000-way job takes linear
 * time. */
#include "config.h"

#include "graphs/execution-graph-private.h"

typedef struct {
  FsimExecutionGraph *eg;
  GPtrArray **groups_of_ssg;    /* per FsimSlotSharingGroup index: groups, creation order */
  GArray *holds_vertex;         /* int per group: index of the last job vertex added */
  GArray *dedup;                /* int per group: last ConsumedPartitionGroup listing it */
  GPtrArray **candidates;       /* per ConsumedPartitionGroup index, lazily */
  int *candidate_head;
  GHashTable *constraint_group; /* co-location constraint key -> group */
} Builder;

static gboolean
same_ssg (const FsimExecutionJobVertex *a, const FsimExecutionJobVertex *b)
{
  return a->job_vertex->slot_sharing_group == b->job_vertex->slot_sharing_group;
}

static int
holds (Builder *b, FsimExecutionSlotSharingGroup *g)
{
  return g_array_index (b->holds_vertex, int, g->index);
}

/* isExecutionSlotSharingGroupAvailableForVertex */
static gboolean
available_for (Builder *b, FsimExecutionSlotSharingGroup *g, FsimExecutionJobVertex *ejv)
{
  return g->slot_sharing_group == ejv->job_vertex->slot_sharing_group
    && holds (b, g) != ejv->index;
}

static void
add_vertex (Builder *b, FsimExecutionVertex *v, FsimExecutionSlotSharingGroup *g)
{
  g_ptr_array_add (g->vertices, v);
  v->slot_sharing_group = g->index;
  g_array_index (b->holds_vertex, int, g->index) = v->job_vertex->index;
}

static FsimExecutionSlotSharingGroup *
create_group (Builder *b, FsimExecutionJobVertex *ejv)
{
  FsimExecutionSlotSharingGroup *g = g_new0 (FsimExecutionSlotSharingGroup, 1);
  g->index = (int) b->eg->slot_sharing_groups->len;
  g->slot_sharing_group = ejv->job_vertex->slot_sharing_group;
  g->vertices = g_ptr_array_new ();
  g_ptr_array_add (b->eg->slot_sharing_groups, g);
  int none = -1;
  g_array_append_val (b->holds_vertex, none);
  g_array_append_val (b->dedup, none);
  g_ptr_array_add (b->groups_of_ssg[g->slot_sharing_group->index], g);
  return g;
}

/* computeAllCandidateGroupsForConsumedPartitionGroup: the producers' groups
 * in partition order, without duplicates. */
static GPtrArray *
candidates_for (Builder *b, FsimConsumedPartitionGroup *cpg, FsimExecutionJobVertex *consumer)
{
  if (b->candidates[cpg->index])
    return b->candidates[cpg->index];
  GPtrArray *list = g_ptr_array_new ();
  FsimExecutionJobVertex *producer = cpg->result->producer;
  if (same_ssg (producer, consumer))
    for (int p = cpg->partitions.start; p <= cpg->partitions.end; p++)
      {
        int gi = producer->subtasks[p].slot_sharing_group;
        g_assert (gi >= 0);
        if (g_array_index (b->dedup, int, gi) == cpg->index)
          continue;
        g_array_index (b->dedup, int, gi) = cpg->index;
        g_ptr_array_add (list, g_ptr_array_index (b->eg->slot_sharing_groups, gi));
      }
  b->candidates[cpg->index] = list;
  return list;
}

/* tryFindAvailableProducerExecutionSlotSharingGroupFor: every candidate
 * looked at is used up, whether it was available or not. */
static FsimExecutionSlotSharingGroup *
producer_group (Builder *b, FsimExecutionVertex *v)
{
  FsimExecutionJobVertex *ejv = v->job_vertex;
  for (guint j = 0; j < ejv->inputs->len; j++)
    {
      FsimConsumedPartitionGroup *cpg = v->consumed[j];
      GPtrArray *list = candidates_for (b, cpg, ejv);
      int *head = &b->candidate_head[cpg->index];
      while ((guint) *head < list->len)
        {
          FsimExecutionSlotSharingGroup *g = g_ptr_array_index (list, (*head)++);
          if (available_for (b, g, ejv))
            return g;
        }
    }
  return NULL;
}

/* CoLocationConstraint (group, subtask) as a hash key; 0 if not co-located. */
static gpointer
constraint_key (const FsimExecutionVertex *v)
{
  const FsimCoLocationGroup *cl = fsim_execution_vertex_get_co_location_group (v);
  if (cl == NULL)
    return NULL;
  g_assert (cl->index < G_MAXINT / (FSIM_UPPER_BOUND_MAX_PARALLELISM + 1) - 1);
  return GINT_TO_POINTER ((cl->index + 1) * (FSIM_UPPER_BOUND_MAX_PARALLELISM + 1)
                          + v->subtask);
}

static void
assign_job_vertex (Builder *b, FsimExecutionJobVertex *ejv)
{
  g_autoptr (GPtrArray) remaining = g_ptr_array_new ();
  for (int i = 0; i < ejv->parallelism; i++)
    {
      FsimExecutionVertex *v = &ejv->subtasks[i];
      FsimExecutionSlotSharingGroup *g = NULL;
      gpointer key = constraint_key (v);
      if (key)
        g = g_hash_table_lookup (b->constraint_group, key);
      if (g == NULL)
        g = producer_group (b, v);
      if (g)
        add_vertex (b, v, g);
      else
        g_ptr_array_add (remaining, v);
    }
  /* findAvailableOrCreateNewExecutionSlotSharingGroupFor */
  GPtrArray *groups = b->groups_of_ssg[ejv->job_vertex->slot_sharing_group->index];
  guint cursor = 0;
  for (guint r = 0; r < remaining->len; r++)
    {
      while (cursor < groups->len
             && holds (b, g_ptr_array_index (groups, cursor)) == ejv->index)
        cursor++;
      FsimExecutionSlotSharingGroup *g = cursor < groups->len
        ? g_ptr_array_index (groups, cursor) : create_group (b, ejv);
      add_vertex (b, g_ptr_array_index (remaining, r), g);
    }
  /* updateConstraintToExecutionSlotSharingGroupMap */
  for (int i = 0; i < ejv->parallelism; i++)
    {
      FsimExecutionVertex *v = &ejv->subtasks[i];
      gpointer key = constraint_key (v);
      if (key)
        g_hash_table_insert (b->constraint_group, key,
                             g_ptr_array_index (b->eg->slot_sharing_groups,
                                                v->slot_sharing_group));
    }
}

void
fsim_slot_sharing_compute (FsimExecutionGraph *eg)
{
  Builder b = { 0 };
  b.eg = eg;
  GPtrArray *ssgs = fsim_job_graph_get_slot_sharing_groups (eg->job_graph);
  b.groups_of_ssg = g_new0 (GPtrArray *, ssgs->len + 1);
  for (guint i = 0; i < ssgs->len; i++)
    {
      g_assert (((FsimSlotSharingGroup *) g_ptr_array_index (ssgs, i))->index == (int) i);
      b.groups_of_ssg[i] = g_ptr_array_new ();
    }
  b.holds_vertex = g_array_new (FALSE, FALSE, sizeof (int));
  b.dedup = g_array_new (FALSE, FALSE, sizeof (int));
  guint n_cpg = eg->consumed_partition_groups->len;
  b.candidates = g_new0 (GPtrArray *, n_cpg + 1);
  b.candidate_head = g_new0 (int, n_cpg + 1);
  b.constraint_group = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < eg->job_vertices->len; i++)
    assign_job_vertex (&b, g_ptr_array_index (eg->job_vertices, i));

  g_hash_table_unref (b.constraint_group);
  for (guint i = 0; i < n_cpg; i++)
    if (b.candidates[i])
      g_ptr_array_unref (b.candidates[i]);
  g_free (b.candidates);
  g_free (b.candidate_head);
  g_array_unref (b.holds_vertex);
  g_array_unref (b.dedup);
  for (guint i = 0; i < ssgs->len; i++)
    g_ptr_array_unref (b.groups_of_ssg[i]);
  g_free (b.groups_of_ssg);
}
