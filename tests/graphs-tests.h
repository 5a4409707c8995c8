/* graphs-tests.h - helpers shared by the files of check_graphs.
 *
 * Each fails the current test (ck_assert) rather than return what a test
 * would trip over later. */
#pragma once

#include "graphs/graphs.h"
#include "tests/testlib-graphs.h"

G_BEGIN_DECLS

/* graphs-language.c: a job parsed from job-language text as "t.job"
 * (transfer full); the diagnostic the text gives (transfer full);
 * the one StreamNode of that name. */
FsimJob *graphs_test_parse (const char *text);
char *graphs_test_parse_error (const char *text);
FsimStreamNode *graphs_test_node (FsimJob *job, const char *name);

/* graphs-tests.c: the StreamNode with this id; the i-th of its in-edges. */
FsimStreamNode *graphs_test_node_by_id (FsimJob *job, int id);
FsimStreamEdge *graphs_test_in_edge (FsimStreamNode *node, guint i);

G_END_DECLS
