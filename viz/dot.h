/* dot.h - the one small wrapper over Graphviz cgraph and gvc (viz/ only).
 *
 * cgraph writes nodes in creation order, so callers create them in a sorted,
 * deterministic order. Attributes go through agsafeset (declared once with an
 * empty default). cgraph 2.42 takes char *: the casts live in dot.c only. */
#pragma once

#include <glib.h>

#include "viz/viz.h"

G_BEGIN_DECLS

typedef struct _FsimDot FsimDot;
typedef struct _FsimDotGraph FsimDotGraph;    /* the root graph or a cluster */
typedef struct _FsimDotNode FsimDotNode;
typedef struct _FsimDotEdge FsimDotEdge;

/* A directed graph, left-to-right, with flinksim's default node style. */
FsimDot *fsim_dot_new (const char *name);
void fsim_dot_free (FsimDot *dot);
FsimDotGraph *fsim_dot_root (FsimDot *dot);
/* A cluster subgraph "cluster_<id>" of parent, with a label. */
FsimDotGraph *fsim_dot_cluster (FsimDot *dot, FsimDotGraph *parent,
                                const char *id, const char *label);
FsimDotNode *fsim_dot_node (FsimDot *dot, FsimDotGraph *in, const char *id,
                            const char *label);
FsimDotEdge *fsim_dot_edge (FsimDot *dot, FsimDotNode *from, FsimDotNode *to,
                            const char *label);
void fsim_dot_graph_set (FsimDot *dot, FsimDotGraph *g, const char *attr, const char *value);
void fsim_dot_node_set (FsimDot *dot, FsimDotNode *n, const char *attr, const char *value);
void fsim_dot_edge_set (FsimDot *dot, FsimDotEdge *e, const char *attr, const char *value);
/* DOT text (FSIM_FORMAT_DOT), or laid out by dot and rendered (SVG, PNG). */
GBytes *fsim_dot_render (FsimDot *dot, FsimFormat format, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimDot, fsim_dot_free)

G_END_DECLS
