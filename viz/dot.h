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

/* A directed graph, data flowing top to bottom (long pipelines stay a
 * readable column instead of a strip), ranked globally (newrank: an edge out
 * of a cluster and back into another part of it still points down), with
 * flinksim's default node style. A strict graph merges edges between the
 * same two nodes; table nodes whose cells are joined by port need it not
 * strict. */
FsimDot *fsim_dot_new (const char *name, gboolean strict);
void fsim_dot_free (FsimDot *dot);
FsimDotGraph *fsim_dot_root (FsimDot *dot);
/* The drawing's title, on top, shown literally. */
void fsim_dot_set_title (FsimDot *dot, const char *title);
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
/* Puts nodes (all inside in) on one rank: a caption stays beside what it
 * describes. (Inside a cluster dot does not keep a given left-to-right
 * order, not even along invisible edges: what must stay in order, such as
 * subtasks, goes into the cells of one HTML-like table node.) id names the
 * rank subgraph. */
void fsim_dot_same_rank (FsimDot *dot, FsimDotGraph *in, const char *id,
                         FsimDotNode *const *nodes, guint n_nodes);
/* A node drawn as its HTML-like label alone (shape plain), e.g. a table
 * whose cells have PORTs that edges attach to ("tailport" "s0:s"). */
FsimDotNode *fsim_dot_html_node (FsimDot *dot, FsimDotGraph *in, const char *id,
                                 const char *html);

/* The look every drawing gives an operator: a source filled green, a sink
 * (legacy or a Sink V2 writer) filled blue, the rest a plain rounded box. */
void fsim_dot_style_operator (FsimDot *dot, FsimDotNode *n, const FsimStreamNode *op);

/* Label text, the one place names are escaped for Graphviz. Plain labels
 * read backslash sequences (\n, \l, \N…), so backslashes are doubled;
 * HTML-like labels read markup, so & < > " become entities. A name of an
 * operator chain ("A -> B -> C", how Flink names a JobVertex) that would be
 * wider than FSIM_DOT_LABEL_WIDTH characters breaks after a " ->". */
#define FSIM_DOT_LABEL_WIDTH 44
typedef enum {
  FSIM_DOT_CENTER,              /* plain label, lines end "\n" (centred) */
  FSIM_DOT_LEFT,                /* plain label, lines end "\l" (left-justified) */
  FSIM_DOT_HTML,                /* HTML-like label, lines end <BR/> */
} FsimDotText;
void fsim_dot_label_append (GString *label, const char *text, FsimDotText kind);
/* Appends a sentence (a why), escaped, its lines broken between words
 * so that none is wider than FSIM_DOT_WHY_WIDTH characters unless one
 * word is. */
#define FSIM_DOT_WHY_WIDTH 56
void fsim_dot_label_append_words (GString *label, const char *text, FsimDotText kind);
/* A plain label of one name, centred. (transfer full) */
char *fsim_dot_label (const char *text);
/* DOT text (FSIM_FORMAT_DOT), or laid out by dot and rendered (SVG, PNG). */
GBytes *fsim_dot_render (FsimDot *dot, FsimFormat format, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimDot, fsim_dot_free)

G_END_DECLS
