/* graphs-tests.c - StreamGraph lookups shared by the files of check_graphs. */
#include "config.h"

#include "tests/graphs-tests.h"

FsimStreamNode *
graphs_test_node_by_id (FsimJob *job, int id)
{
  FsimStreamNode *n = fsim_stream_graph_get_node (fsim_job_get_stream_graph (job), id);
  ck_assert_msg (n != NULL, "no node %d", id);
  return n;
}

FsimStreamEdge *
graphs_test_in_edge (FsimStreamNode *node, guint i)
{
  ck_assert_msg (node->in_edges->len > i, "node %d has %u in-edges, not %u", node->id,
                 node->in_edges->len, i + 1);
  return g_ptr_array_index (node->in_edges, i);
}
