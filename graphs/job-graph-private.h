/* job-graph-private.h - shared by the files that build the JobGraph
 * (chaining.c, node-hash.c, job-graph.c) and by their tests. */
#pragma once

#include "graphs/graphs-private.h"

G_BEGIN_DECLS

/* ---- chaining.c: StreamingJobGraphGenerator's chaining decision (3.3) ---- */

/* isChainable: the target has exactly one input and isChainableInput. */
gboolean fsim_chaining_is_chainable (const FsimStreamGraph *graph, const FsimStreamEdge *edge);
/* isChainableInput: chaining enabled, same slot sharing group,
 * areOperatorsChainable, forward partitioner with exchange mode != BATCH, and
 * no other input of the target with the same typeNumber. */
gboolean fsim_chaining_is_chainable_input (const FsimStreamGraph *graph, const FsimStreamEdge *edge);
/* areOperatorsChainable: the ALWAYS/HEAD/NEVER/HEAD_WITH_SOURCES table, equal
 * parallelism, equal max parallelism unless chaining across different max
 * parallelism is allowed. */
gboolean fsim_chaining_operators_chainable (const FsimStreamGraph *graph,
                                            const FsimStreamNode *up,
                                            const FsimStreamNode *down);
/* isChainableSource: a FLIP-27 source with one output into a
 * HEAD_WITH_SOURCES operator over a chainable input. */
gboolean fsim_chaining_is_chainable_source (const FsimStreamGraph *graph, const FsimStreamNode *source);
/* The first condition of isChainable (input_only: of isChainableInput) that
 * edge fails, in Flink's order, or NONE; *reason (transfer full) is the
 * sentence for a break, NULL when NONE. */
FsimChainingRule fsim_chaining_explain (const FsimStreamGraph *graph, const FsimStreamEdge *edge,
                                        gboolean input_only, char **reason);

/* ---- node-hash.c: StreamGraphHasherV2 and the ids built from it (3.6) ---- */

#define FSIM_HASH_LEN 16

/* Guava's Hashing.murmur3_128(0) over data; out is hash().asBytes(). */
void fsim_murmur3_128 (const void *data, gsize len, guint8 out[FSIM_HASH_LEN]);
/* AbstractID.toHexString(): 32 lowercase hex chars and a NUL. */
void fsim_hash_to_hex (const guint8 hash[FSIM_HASH_LEN], char out[33]);

/* StreamGraphHasherV2.traverseStreamGraphAndGenerateHashes: node id ->
 * 16-byte hash (borrowed from the table). Fails on a uid collision. The graph
 * must be acyclic. (transfer full) */
GHashTable *fsim_node_hashes_new (const FsimStreamGraph *graph, GError **error);
/* IntermediateDataSetID (JobVertexID producer, int edgeIdHash). */
void fsim_intermediate_data_set_id (const guint8 vertex[FSIM_HASH_LEN], gint32 edge_hash,
                                    guint8 out[FSIM_HASH_LEN]);
/* StreamEdge.getEdgeId(): "<src>-<id>_<dst>-<id>_<typeNumber>_<PARTITIONER>_<uniqueId>".
 * (transfer full) */
char *fsim_stream_edge_id (const FsimStreamEdge *edge);

G_END_DECLS
