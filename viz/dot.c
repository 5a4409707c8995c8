/* dot.c - cgraph and gvc behind viz/dot.h; the only file that includes them. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <glib/gi18n.h>

#include "viz/dot.h"

struct _FsimDot {
  Agraph_t *root;
};

/* cgraph 2.42 declares char * where it means const char *. */
#define S(x) ((char *) (x))

/* Object ids. cgraph's default discipline makes a named object's id the
 * address of its interned name, and agwrite writes subgraphs in id order:
 * clusters came out in a different order from one process to the next.
 * Here names get ids in creation order (even, as cgraph expects of named
 * ids; anonymous ones stay odd), so output depends on the calls alone.
 * Names are still interned in the graph's string pool (agstrdup): agwrite
 * reads the pool's header of a name to tell HTML labels from plain ones,
 * and the pool frees them when the graph closes. */
typedef struct {
  Agraph_t *g;
  GHashTable *ids;              /* name -> id (lookups only) */
  GPtrArray *names;             /* id / 2 - 1 -> interned name */
  IDTYPE next_anonymous;
} IdState;

static void *
id_open (Agraph_t *g, Agdisc_t *disc)
{
  IdState *state = g_new0 (IdState, 1);
  state->g = g;
  state->ids = g_hash_table_new (g_str_hash, g_str_equal);
  state->names = g_ptr_array_new ();
  state->next_anonymous = 1;
  return state;
}

static long
id_map (void *data, int objtype, char *str, IDTYPE *id, int createflag)
{
  IdState *state = data;
  if (str == NULL)
    {
      *id = state->next_anonymous;
      state->next_anonymous += 2;
      return TRUE;
    }
  gpointer found;
  if (g_hash_table_lookup_extended (state->ids, str, NULL, &found))
    {
      *id = GPOINTER_TO_SIZE (found);
      return TRUE;
    }
  if (!createflag)
    return FALSE;
  char *name = agstrdup (state->g, str);
  g_ptr_array_add (state->names, name);
  *id = 2 * (IDTYPE) state->names->len;
  g_hash_table_insert (state->ids, name, GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

static long
id_alloc (void *data, int objtype, IDTYPE id)
{
  return TRUE;
}

static void
id_free (void *data, int objtype, IDTYPE id)
{
  /* names live in the string pool until the graph closes */
}

static char *
id_print (void *data, int objtype, IDTYPE id)
{
  IdState *state = data;
  if (id % 2 != 0 || id == 0 || id / 2 > state->names->len)
    return NULL;
  return g_ptr_array_index (state->names, id / 2 - 1);
}

static void
id_close (void *data)
{
  IdState *state = data;
  g_hash_table_unref (state->ids);
  g_ptr_array_unref (state->names);
  g_free (state);
}

static void
id_register (void *data, int objtype, void *obj)
{
}

static Agiddisc_t creation_order_ids = {
  id_open, id_map, id_alloc, id_free, id_print, id_close, id_register,
};

/* Every drawing names its fonts: Helvetica (fontconfig's metric match,
 * Liberation Sans, on Debian) for Latin text, then a CJK font that
 * tools/install-deps installs (fonts-wqy-zenhei), then Noto's where that is
 * installed instead, so that Chinese operator names never draw as empty
 * boxes. Pango takes the comma list as families to try in turn, glyph by
 * glyph. */
#define FSIM_DOT_FONTNAME "Helvetica,WenQuanYi Zen Hei,Noto Sans CJK SC"

FsimDot *
fsim_dot_new (const char *name, gboolean strict)
{
  static Agdisc_t disc = { &AgMemDisc, &creation_order_ids, &AgIoDisc };
  FsimDot *dot = g_new0 (FsimDot, 1);
  dot->root = agopen (S (name), strict ? Agstrictdirected : Agdirected, &disc);
  agattr (dot->root, AGRAPH, S ("rankdir"), S ("TB"));
  agattr (dot->root, AGRAPH, S ("newrank"), S ("true"));
  agattr (dot->root, AGRAPH, S ("fontname"), S (FSIM_DOT_FONTNAME));
  agattr (dot->root, AGNODE, S ("shape"), S ("box"));
  agattr (dot->root, AGNODE, S ("style"), S ("rounded"));
  agattr (dot->root, AGNODE, S ("fontname"), S (FSIM_DOT_FONTNAME));
  /* gvContext () declares label="\N" on cgraph's prototype graph, which every
   * later graph inherits: DOT text would change once anything was rendered.
   * Every node here gets its own label, so the default is empty, always. */
  agattr (dot->root, AGNODE, S ("label"), S (""));
  agattr (dot->root, AGEDGE, S ("fontname"), S (FSIM_DOT_FONTNAME));
  agattr (dot->root, AGEDGE, S ("fontsize"), S ("10"));
  return dot;
}

void
fsim_dot_free (FsimDot *dot)
{
  if (dot == NULL)
    return;
  agclose (dot->root);
  g_free (dot);
}

FsimDotGraph *
fsim_dot_root (FsimDot *dot)
{
  return (FsimDotGraph *) dot->root;
}

FsimDotGraph *
fsim_dot_cluster (FsimDot *dot, FsimDotGraph *parent, const char *id,
                  const char *label)
{
  Agraph_t *p = parent ? (Agraph_t *) parent : dot->root;
  g_autofree char *name = g_strconcat ("cluster_", id, NULL);
  Agraph_t *sub = agsubg (p, name, 1);
  agsafeset (sub, S ("label"), S (label ? label : ""), S (""));
  return (FsimDotGraph *) sub;
}

FsimDotNode *
fsim_dot_node (FsimDot *dot, FsimDotGraph *in, const char *id, const char *label)
{
  Agraph_t *g = in ? (Agraph_t *) in : dot->root;
  Agnode_t *n = agnode (g, S (id), 1);
  agsafeset (n, S ("label"), S (label ? label : id), S (""));
  return (FsimDotNode *) n;
}

FsimDotEdge *
fsim_dot_edge (FsimDot *dot, FsimDotNode *from, FsimDotNode *to, const char *label)
{
  Agedge_t *e = agedge (dot->root, (Agnode_t *) from, (Agnode_t *) to, NULL, 1);
  if (label)
    agsafeset (e, S ("label"), S (label), S (""));
  return (FsimDotEdge *) e;
}

void
fsim_dot_set_title (FsimDot *dot, const char *title)
{
  g_autofree char *label = fsim_dot_label (title);
  agsafeset (dot->root, S ("label"), label, S (""));
  agsafeset (dot->root, S ("labelloc"), S ("t"), S (""));
}

void
fsim_dot_graph_set (FsimDot *dot, FsimDotGraph *g, const char *attr, const char *value)
{
  agsafeset (g ? (void *) g : (void *) dot->root, S (attr), S (value), S (""));
}

void
fsim_dot_node_set (FsimDot *dot, FsimDotNode *n, const char *attr, const char *value)
{
  agsafeset (n, S (attr), S (value), S (""));
}

void
fsim_dot_edge_set (FsimDot *dot, FsimDotEdge *e, const char *attr, const char *value)
{
  agsafeset (e, S (attr), S (value), S (""));
}

void
fsim_dot_same_rank (FsimDot *dot, FsimDotGraph *in, const char *id,
                    FsimDotNode *const *nodes, guint n_nodes)
{
  Agraph_t *g = in ? (Agraph_t *) in : dot->root;
  g_autofree char *name = g_strconcat ("rank_", id, NULL);
  Agraph_t *rank = agsubg (g, name, 1);
  agsafeset (rank, S ("rank"), S ("same"), S (""));
  for (guint i = 0; i < n_nodes; i++)
    agsubnode (rank, (Agnode_t *) nodes[i], 1);
}

FsimDotNode *
fsim_dot_html_node (FsimDot *dot, FsimDotGraph *in, const char *id, const char *html)
{
  Agraph_t *g = in ? (Agraph_t *) in : dot->root;
  Agnode_t *n = agnode (g, S (id), 1);
  /* agxset interns the value by content: it finds the HTML string made
   * here and keeps its HTML mark, so agwrite writes <...> */
  char *label = agstrdup_html (dot->root, S (html));
  agxset (n, agattr (dot->root, AGNODE, S ("label"), NULL), label);
  agstrfree (dot->root, label);
  agsafeset (n, S ("shape"), S ("plain"), S (""));
  return (FsimDotNode *) n;
}

void
fsim_dot_style_operator (FsimDot *dot, FsimDotNode *n, const FsimStreamNode *op)
{
  const char *fill = op->is_source ? "#dff0d8"
    : op->is_sink || op->kind == FSIM_OPERATOR_SINK_WRITER ? "#d9e7f5" : NULL;
  if (fill)
    {
      agsafeset (n, S ("style"), S ("rounded,filled"), S (""));
      agsafeset (n, S ("fillcolor"), S (fill), S (""));
    }
}

static const char *const line_breaks[] = {
  [FSIM_DOT_CENTER] = "\\n", [FSIM_DOT_LEFT] = "\\l", [FSIM_DOT_HTML] = "<BR/>",
};

/* Appends len bytes of text, escaped for a label of this kind. */
static void
append_escaped (GString *label, const char *text, gsize len, FsimDotText kind)
{
  for (gsize i = 0; i < len; i++)
    {
      const char *entity = NULL;
      if (kind == FSIM_DOT_HTML)
        switch (text[i])
          {
          case '&': entity = "&amp;"; break;
          case '<': entity = "&lt;"; break;
          case '>': entity = "&gt;"; break;
          case '"': entity = "&quot;"; break;
          default: break;
          }
      else if (text[i] == '\\')
        entity = "\\\\";
      if (entity)
        g_string_append (label, entity);
      else
        g_string_append_c (label, text[i]);
    }
}

void
fsim_dot_label_append (GString *label, const char *text, FsimDotText kind)
{
  static const char arrow[] = " -> ";
  const char *line = text;      /* start of the current output line */
  const char *next;
  for (const char *p = text; (next = strstr (p, arrow)) != NULL; p = next + strlen (arrow))
    {
      /* would the line, continued to the end of the next operator's name,
       * be too wide? then end it after this operator's " ->" */
      const char *after = next + strlen (arrow);
      const char *end = strstr (after, arrow);
      gsize with_next = (gsize) ((end ? end : after + strlen (after)) - line);
      if (g_utf8_strlen (line, (gssize) with_next) <= FSIM_DOT_LABEL_WIDTH)
        continue;
      append_escaped (label, line, (gsize) (next - line), kind);
      append_escaped (label, " ->", 3, kind);
      g_string_append (label, line_breaks[kind]);
      line = after;
    }
  append_escaped (label, line, strlen (line), kind);
}

void
fsim_dot_label_append_words (GString *label, const char *text, FsimDotText kind)
{
  gsize width = 0;              /* of the current output line */
  for (const char *p = text; *p;)
    {
      const char *end = strchr (p, ' ');
      gsize len = end ? (gsize) (end - p) : strlen (p);
      gsize w = g_utf8_strlen (p, (gssize) len);
      if (width > 0 && width + 1 + w > FSIM_DOT_WHY_WIDTH)
        {
          g_string_append (label, line_breaks[kind]);
          width = 0;
        }
      else if (width > 0)
        {
          g_string_append_c (label, ' ');
          width++;
        }
      append_escaped (label, p, len, kind);
      width += w;
      p += len;
      while (*p == ' ')
        p++;
    }
}

char *
fsim_dot_label (const char *text)
{
  GString *s = g_string_new (NULL);
  fsim_dot_label_append (s, text, FSIM_DOT_CENTER);
  return g_string_free (s, FALSE);
}

static GBytes *
write_dot_text (FsimDot *dot, GError **error)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  if (f == NULL || agwrite (dot->root, f) != 0)
    {
      if (f)
        fclose (f);
      free (buf);
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_RENDER, _("could not write DOT"));
      return NULL;
    }
  fclose (f);
  GBytes *bytes = g_bytes_new (buf, len);
  free (buf);
  return bytes;
}

/* One Graphviz context for the whole process, never freed: the pango
 * plugin (2.42/2.43) keeps a static pointer to the last font name, which
 * lives in the context's font table; freeing the context and rendering
 * again reads freed memory (AddressSanitizer: heap-use-after-free in
 * pango_textlayout). Layout and rendering stay a pure function of the graph. */
static GVC_t *
shared_gvc (void)
{
  static GVC_t *gvc;
  if (g_once_init_enter (&gvc))
    g_once_init_leave (&gvc, gvContext ());
  return gvc;
}

/* Lays g out and renders it; above the bound (bounded) refuses first. */
static GBytes *
render_layout (Agraph_t *g, const char *format, gboolean bounded, GError **error)
{
  int nodes = agnnodes (g), edges = agnedges (g);
  if (bounded && (nodes > FSIM_VIZ_MAX_LAYOUT_NODES || edges > FSIM_VIZ_MAX_LAYOUT_EDGES))
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_TOO_LARGE,
                   "the drawing has %d nodes and %d edges, more than flinksim lays out "
                   "unasked (%d nodes, %d edges): Graphviz would take minutes; add --full "
                   "to lay it out anyway, or use --format dot (no layout) or text",
                   nodes, edges, FSIM_VIZ_MAX_LAYOUT_NODES, FSIM_VIZ_MAX_LAYOUT_EDGES);
      return NULL;
    }
  GVC_t *gvc = shared_gvc ();
  char *data = NULL;
  unsigned int len = 0;
  GBytes *bytes = NULL;
  /* Graphviz reports some mistakes (a bad HTML-like label) on stderr and
   * draws on without them: count them, and fail */
  agreseterrors ();
  if (gvLayout (gvc, g, "dot") != 0)
    g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_RENDER, _("Graphviz could not lay out the graph"));
  else
    {
      if (gvRenderData (gvc, g, format, &data, &len) != 0)
        g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_RENDER,
                     _("Graphviz could not render %s (is the graphviz package installed?)"), format);
      else if (agerrors () > 0)
        g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_RENDER,
                     _("Graphviz reported an error in the drawing (see above)"));
      else
        bytes = g_bytes_new (data, len);
      gvFreeRenderData (data);
      gvFreeLayout (gvc, g);
    }
  return bytes;
}

static const char *
layout_format (FsimFormat format)
{
  return format == FSIM_FORMAT_SVG ? "svg" : format == FSIM_FORMAT_PNG ? "png" : NULL;
}

/* agmemread's reader, but with the creation-order ids (agmemread takes
 * cgraph's default ones, which make the SVG's order vary between runs):
 * one line per call, as cgraph's own memiofread gives them. */
typedef struct {
  const char *text;
  gsize len, pos;
} MemChan;

static int
mem_read (void *chan, char *buf, int bufsize)
{
  MemChan *m = chan;
  int n = 0;
  while (m->pos < m->len && n < bufsize - 1)
    {
      char c = m->text[m->pos++];
      buf[n++] = c;
      if (c == '\n')
        break;
    }
  buf[n] = '\0';
  return n;
}

GBytes *
fsim_viz_layout_dot (GBytes *dot, FsimFormat format, GError **error)
{
  const char *name = layout_format (format);
  if (name == NULL)
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
                   "--full lays out svg or png, not %s", fsim_format_name (format));
      return NULL;
    }
  MemChan chan = { NULL, 0, 0 };
  chan.text = g_bytes_get_data (dot, &chan.len);
  Agiodisc_t io = { mem_read, AgIoDisc.putstr, AgIoDisc.flush };
  Agdisc_t disc = { &AgMemDisc, &creation_order_ids, &io };
  agreseterrors ();
  Agraph_t *g = agread (&chan, &disc);
  if (g == NULL)
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_RENDER, "Graphviz could not read the DOT");
      return NULL;
    }
  GBytes *bytes = render_layout (g, name, FALSE, error);
  agclose (g);
  return bytes;
}

GBytes *
fsim_dot_render (FsimDot *dot, FsimFormat format, GError **error)
{
  switch (format)
    {
    case FSIM_FORMAT_DOT:
      return write_dot_text (dot, error);
    case FSIM_FORMAT_SVG:
    case FSIM_FORMAT_PNG:
      return render_layout (dot->root, layout_format (format), TRUE, error);
    default:
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
                   _("a drawing cannot be written as %s"), fsim_format_name (format));
      return NULL;
    }
}
