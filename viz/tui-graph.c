/* tui-graph.c - the JobGraph as chained boxes, in topological order.
 *
 * One box per JobVertex (an operator chain: the Web UI's job graph node),
 * listing its chained operators, its parallelism and the ExecutionState of
 * each of its subtasks at the cursor; below it one line per JobEdge it
 * produces, with the ship strategy (FORWARD, HASH, REBALANCE…) and, on the
 * lines under it (wrapped, never cut), why that StreamEdge was not chained
 * (the first StreamingJobGraphGenerator.isChainable condition it failed); in the box,
 * the slot sharing group and how determineSlotSharingGroup chose it. The
 * vertex the current record names is highlighted, the selected subtask
 * reversed.
 */
#include "config.h"

#include "viz/tui-private.h"

/* The consumers of v's results, in creation order. */
static void
out_edges (const FsimJobVertex *v, GPtrArray *out)
{
  for (guint i = 0; i < v->produced->len; i++)
    {
      FsimIntermediateDataSet *ds = g_ptr_array_index (v->produced, i);
      for (guint k = 0; k < ds->consumers->len; k++)
        g_ptr_array_add (out, g_ptr_array_index (ds->consumers, k));
    }
}

enum {
  WHY_X = 4,                    /* "not chained: …" starts here */
  WHY_INDENT = 2,               /* its further lines, further in */
};

/* Why the StreamEdge behind e was not chained, word-wrapped to a pane
 * cols wide: the first line from WHY_X, the rest WHY_INDENT further in.
 * (transfer full) */
static GPtrArray *
why_lines (FsimTui *t, const FsimJobEdge *e, int cols)
{
  const FsimChainingDecision *d =
    fsim_job_graph_get_chaining_decision (t->job_graph, e->stream_edge);
  g_autofree char *text = g_strdup_printf (_("not chained: %s"), d ? d->reason : "");
  return fsim_tui_wrap (text, cols - WHY_X, cols - WHY_X - WHY_INDENT);
}

/* Rows a vertex's box and edges need in a pane cols wide. */
static int
vertex_height (FsimTui *t, const FsimJobVertex *v, int cols)
{
  g_autoptr (GPtrArray) edges = g_ptr_array_new ();
  out_edges (v, edges);
  int ops = (int) (v->chained_sources->len + v->operators->len);
  int rows = 2 + ops + 2;
  for (guint i = 0; i < edges->len; i++)
    {
      g_autoptr (GPtrArray) why = why_lines (t, g_ptr_array_index (edges, i), cols);
      rows += 1 + (int) why->len;
    }
  return rows;
}

static void
highlight_box (FsimTuiArea box, FsimTuiRole role)
{
  fsim_tui_restyle (box, 0, 0, box.w, role, FSIM_TUI_ATTR_BOLD);
  fsim_tui_restyle (box, 0, box.h - 1, box.w, role, FSIM_TUI_ATTR_BOLD);
  for (int y = 1; y < box.h - 1; y++)
    {
      fsim_tui_restyle (box, 0, y, 1, role, FSIM_TUI_ATTR_BOLD);
      fsim_tui_restyle (box, box.w - 1, y, 1, role, FSIM_TUI_ATTR_BOLD);
    }
}

/* How determineSlotSharingGroup chose the head's group, in a few words. */
static const char *
slot_sharing_origin_text (FsimSlotSharingOrigin o)
{
  switch (o)
    {
    case FSIM_SLOT_SHARING_GIVEN: return _("given by slotSharingGroup()");
    case FSIM_SLOT_SHARING_INHERITED: return _("inherited from its input");
    case FSIM_SLOT_SHARING_INPUTS_DISAGREE: return _("its inputs' groups differ: default");
    case FSIM_SLOT_SHARING_DEFAULT: return _("a source's default");
    case FSIM_SLOT_SHARING_NOT_RECORDED: break;
    }
  return fsim_slot_sharing_origin_name (o);
}

/* One glyph per subtask of v: its ExecutionState at the cursor. */
static void
draw_subtask_states (FsimTui *t, FsimTuiArea row, int x, const FsimJobVertex *v)
{
  int room = row.w - x;
  for (int i = 0; i < v->parallelism; i++)
    {
      if (i >= room - 1 && i < v->parallelism - 1)
        {
          fsim_tui_put (row, x + i, 0, 0x2026, FSIM_TUI_ROLE_DIM, 0);
          break;
        }
      const FsimTuiSubtask *s = fsim_tui_history_find_subtask (t->history, v->topological_index, i);
      const FsimTuiSnapshot *now = s ? fsim_tui_subtask_at (s, t->cursor, G_MAXINT64) : NULL;
      int state = now ? now->state : -1;
      gunichar ch = state >= 0 ? fsim_tui_state_glyph (state) : 0x00B7;
      FsimTuiRole role = state >= 0 ? fsim_tui_execution_role (state) : FSIM_TUI_ROLE_DIM;
      gboolean selected = t->sel_vertex == v->topological_index && t->sel_subtask == i;
      fsim_tui_put (row, x + i, 0, ch, role, selected ? FSIM_TUI_ATTR_REVERSE : 0);
    }
}

static int
draw_vertex (FsimTui *t, FsimTuiArea a, int y, const FsimJobVertex *v,
             const FsimJobVertex *next, const FsimTraceRecord *cur)
{
  int ops = (int) (v->chained_sources->len + v->operators->len);
  FsimTuiArea box = fsim_tui_area_sub (a, 0, y, a.w, ops + 4);
  gboolean touched = cur && cur->vertex == v->topological_index;
  fsim_tui_box (box, NULL, FALSE);
  /* the current record's vertex, or a lesson step's subject (marked) */
  gboolean marked = fsim_tui_tour_marks_vertex (t, v->topological_index);
  if (touched || marked)
    highlight_box (box, touched ? FSIM_TUI_ROLE_HIGHLIGHT : FSIM_TUI_ROLE_LESSON);
  if (marked)
    fsim_tui_put (box, 2, 0, FSIM_TUI_LESSON_MARK, FSIM_TUI_ROLE_LESSON, FSIM_TUI_ATTR_BOLD);
  FsimTuiArea in = fsim_tui_area_inner (box);
  int line = 0;
  /* names cut in the middle: two operators never look alike */
  for (guint i = 0; i < v->chained_sources->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (v->chained_sources, i);
      g_autofree char *name = fsim_tui_fit_middle (n->name, in.w - 2);
      fsim_tui_printf (in, 0, line++, -1, FSIM_TUI_ROLE_DEFAULT, 0, "%s \u2192", name);
    }
  for (guint i = 0; i < v->operators->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (v->operators, i);
      g_autofree char *name = fsim_tui_fit_middle (n->name, in.w - (i == 0 ? 0 : 2));
      if (i == 0)
        fsim_tui_print (in, 0, line++, -1, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, name);
      else
        fsim_tui_printf (in, 0, line++, -1, FSIM_TUI_ROLE_DEFAULT, 0, "\u2192 %s", name);
    }
  int x = fsim_tui_printf (in, 0, line, -1, FSIM_TUI_ROLE_DIM, 0, _("parallelism %d "),
                           v->parallelism);
  draw_subtask_states (t, fsim_tui_area_sub (in, 0, line, in.w, 1), x, v);
  /* the head's slot sharing group and determineSlotSharingGroup's case */
  if (v->head->slot_sharing_origin != FSIM_SLOT_SHARING_NOT_RECORDED)
    fsim_tui_printf (in, 0, line + 1, -1, FSIM_TUI_ROLE_DIM, 0, _("slot sharing group %s (%s)"),
                     v->slot_sharing_group->name,
                     slot_sharing_origin_text (v->head->slot_sharing_origin));
  else
    fsim_tui_printf (in, 0, line + 1, -1, FSIM_TUI_ROLE_DIM, 0, _("slot sharing group %s"),
                     v->slot_sharing_group->name);
  y += box.h;

  g_autoptr (GPtrArray) edges = g_ptr_array_new ();
  out_edges (v, edges);
  for (guint i = 0; i < edges->len; i++)
    {
      const FsimJobEdge *e = g_ptr_array_index (edges, i);
      /* straight down to the next box, or aside to one further below */
      gunichar arrow = e->target == next ? 0x25BC : 0x2198;
      FsimTuiArea row = fsim_tui_area_sub (a, 0, y++, a.w, 1);
      fsim_tui_put (row, 2, 0, arrow, FSIM_TUI_ROLE_BORDER, 0);
      /* a lesson step's channel runs on this edge */
      if (fsim_tui_tour_marks_edge (t, v->topological_index, e->target->topological_index))
        fsim_tui_put (row, 0, 0, FSIM_TUI_LESSON_MARK, FSIM_TUI_ROLE_LESSON, FSIM_TUI_ATTR_BOLD);
      int ex = 4 + fsim_tui_print (row, 4, 0, -1, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD,
                                   fsim_partitioner_name (e->ship_strategy));
      g_autofree char *before = g_strdup_printf (_(" %s to %s"),
                                                 fsim_distribution_pattern_name (e->pattern), "");
      g_autofree char *target = fsim_tui_fit_middle (e->target->name,
                                                     row.w - ex - fsim_tui_text_width (before));
      fsim_tui_printf (row, ex, 0, -1, FSIM_TUI_ROLE_DIM, 0, _(" %s to %s"),
                       fsim_distribution_pattern_name (e->pattern), target);
      g_autoptr (GPtrArray) why = why_lines (t, e, a.w);
      for (guint k = 0; k < why->len; k++)
        fsim_tui_print (fsim_tui_area_sub (a, 0, y++, a.w, 1), k ? WHY_X + WHY_INDENT : WHY_X,
                        0, -1, FSIM_TUI_ROLE_DIM, 0, g_ptr_array_index (why, k));
    }
  return y;
}

void
fsim_tui_draw_graph (FsimTui *t, FsimTuiArea a, gboolean focused)
{
  fsim_tui_box (a, "JobGraph", focused);
  FsimTuiArea in = fsim_tui_area_sub (a, 1, 1, a.w - 2, a.h - 2);
  if (in.w < 8 || in.h < 1 || t->job_graph == NULL)
    return;
  GPtrArray *vs = fsim_job_graph_get_vertices_topological (t->job_graph);
  int height = 0;
  for (guint i = 0; i < vs->len; i++)
    height += vertex_height (t, g_ptr_array_index (vs, i), in.w);
  g_autoptr (FsimTuiGrid) scratch = fsim_tui_grid_new (in.w, MAX (height, 1));
  FsimTuiArea s = fsim_tui_area (scratch);
  const FsimTraceRecord *cur = fsim_tui_current (t);
  int y = 0;
  for (guint i = 0; i < vs->len; i++)
    y = draw_vertex (t, s, y, g_ptr_array_index (vs, i),
                     i + 1 < vs->len ? g_ptr_array_index (vs, i + 1) : NULL, cur);
  t->drawn.page[FSIM_TUI_PANE_GRAPH] = in.h;
  t->drawn.lines[FSIM_TUI_PANE_GRAPH] = height;
  int scroll = CLAMP (t->scroll[FSIM_TUI_PANE_GRAPH], 0, MAX (height - in.h, 0));
  /* unless the user scrolled, keep in view a lesson step's first
   * highlighted vertex, else the touched one */
  gint32 keep = t->tour && t->tour->steps[t->tour_step].n_highlights
    ? t->tour->steps[t->tour_step].highlights[0].vertex : cur ? cur->vertex : -1;
  if (t->scroll[FSIM_TUI_PANE_GRAPH] == 0 && keep >= 0 && height > in.h)
    {
      int top = 0;
      for (guint i = 0; i < vs->len; i++)
        {
          const FsimJobVertex *v = g_ptr_array_index (vs, i);
          if (v->topological_index == keep)
            {
              if (top + vertex_height (t, v, in.w) > in.h)
                scroll = MIN (top, height - in.h);
              break;
            }
          top += vertex_height (t, v, in.w);
        }
    }
  fsim_tui_blit (in, scratch, scroll);
  if (scroll + in.h < height)
    fsim_tui_print (a, 2, a.h - 1, -1, FSIM_TUI_ROLE_DIM, 0, _(" \u2193 more (Tab, \u2193) "));
  if (scroll > 0)
    {
      const char *above = _(" \u2191 more ");
      fsim_tui_print (a, a.w - fsim_tui_text_width (above) - 2, a.h - 1, -1, FSIM_TUI_ROLE_DIM,
                      0, above);
    }
}
