/* execution-graph-private.h - shared by execution-graph.c, edge-manager.c,
 * regions.c and slot-sharing.c only. */
#pragma once

#include "graphs/graphs-private.h"

G_BEGIN_DECLS

struct _FsimExecutionGraph {
  const FsimJobGraph *job_graph;
  FsimJobGraph *owned_job_graph;        /* set by _new_for_job */
  GPtrArray *job_vertices;              /* FsimExecutionJobVertex*, owned, topological */
  GPtrArray *vertices;                  /* FsimExecutionVertex*, borrowed from job_vertices */
  GPtrArray *results;                   /* FsimIntermediateResult*, owned */
  GPtrArray *results_by_data_set;       /* indexed by FsimIntermediateDataSet.index */
  GPtrArray *consumed_partition_groups; /* owned */
  GPtrArray *consumer_vertex_groups;    /* owned */
  GPtrArray *regions;                   /* FsimPipelinedRegion*, owned */
  int n_logical_regions;
  GPtrArray *slot_sharing_groups;       /* FsimExecutionSlotSharingGroup*, owned */
  GStringChunk *names;                  /* subtask names */
};

/* edge-manager.c: connects input `input` of consumer to result, whose
 * consumer edge number that JobEdge is (EdgeManagerBuildUtil). */
void fsim_edge_manager_connect (FsimExecutionGraph *eg, FsimExecutionJobVertex *consumer,
                                int input, FsimIntermediateResult *result,
                                int edge_of_result);

/* regions.c: fills eg->regions, n_logical_regions, every vertex's region and
 * every job vertex's logical_region. Fails if co-located subtasks end up in
 * different regions. */
gboolean fsim_regions_compute (FsimExecutionGraph *eg, GError **error);

/* regions.c: Tarjan's strongly connected components of a digraph given as
 * adjacency offsets (start[n + 1]) into targets; returns the component
 * number of every node, components numbered in completion order.
 * (transfer full) */
int *fsim_strongly_connected_components (int n, const int *start, const int *targets);

/* slot-sharing.c: fills eg->slot_sharing_groups and every vertex's
 * slot_sharing_group (LocalInputPreferredSlotSharingStrategy). */
void fsim_slot_sharing_compute (FsimExecutionGraph *eg);

G_END_DECLS
