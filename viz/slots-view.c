/* slots-view.c - `flinksim graph --level slots`: which subtask runs where.
 *
 * Flink's Web UI shows, per TaskManager, its slots and the subtasks running
 * in them. This view reads the same from a simulated run of the job (the
 * trace, never the scheduler's internals): the slots come from the
 * slot-registered records, each subtask's place from its latest
 * slot-assigned record. A subtask that never got a slot is listed apart,
 * with the reason the trace gives. Text, or a drawing with a cluster per
 * TaskManager and per slot. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include <glib/gi18n.h>

#include "viz/dot.h"
#include "viz/viz.h"

typedef struct {
  int tm, slot;
  GPtrArray *subtasks;          /* Placed*, in ExecutionVertex order */
} Slot;

typedef struct {
  const FsimExecutionVertex *vertex;
  int tm, slot;                 /* 0 / -1 when not placed */
  char *label;                  /* "Map (2/4)#0" */
  const char *state;            /* its last ExecutionState (owned by the trace) */
} Placed;

typedef struct {
  GArray *slots;                /* Slot, sorted by (tm, slot) */
  Placed *placed;               /* [n_vertices], by ExecutionVertex index */
  guint n_vertices;
  int n_taskmanagers;
  gint64 deployed_at;           /* last slot-assigned record's time */
  char *failure;                /* a bulk-timeout detail, if any */
} Placement;

static void
placement_free (Placement *p)
{
  for (guint i = 0; i < p->slots->len; i++)
    g_ptr_array_unref (g_array_index (p->slots, Slot, i).subtasks);
  g_array_unref (p->slots);
  for (guint i = 0; i < p->n_vertices; i++)
    g_free (p->placed[i].label);
  g_free (p->placed);
  g_free (p->failure);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Placement, placement_free)

static int
slot_compare (gconstpointer a, gconstpointer b)
{
  const Slot *x = a, *y = b;
  return x->tm != y->tm ? (x->tm < y->tm ? -1 : 1)
                        : (x->slot < y->slot ? -1 : x->slot > y->slot);
}

static Slot *
find_slot (Placement *p, int tm, int slot)
{
  for (guint i = 0; i < p->slots->len; i++)
    {
      Slot *s = &g_array_index (p->slots, Slot, i);
      if (s->tm == tm && s->slot == slot)
        return s;
    }
  return NULL;
}

static Placement *
placement_from_run (FsimJobRun *run)
{
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (run);
  GPtrArray *vertices = fsim_execution_graph_get_vertices (eg);
  GPtrArray *jvs = fsim_execution_graph_get_job_vertices (eg);
  Placement *p = g_new0 (Placement, 1);
  p->slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  p->n_vertices = vertices->len;
  p->placed = g_new0 (Placed, MAX (p->n_vertices, 1));
  p->deployed_at = -1;
  for (guint i = 0; i < vertices->len; i++)
    {
      p->placed[i].vertex = g_ptr_array_index (vertices, i);
      p->placed[i].slot = -1;
    }
  for (gint64 i = 0; i < fsim_trace_count (trace); i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_REGISTERED) && !find_slot (p, r->taskmanager, r->slot))
        {
          Slot s = { r->taskmanager, r->slot, g_ptr_array_new () };
          g_array_append_val (p->slots, s);
          p->n_taskmanagers = MAX (p->n_taskmanagers, r->taskmanager);
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_SLOT_ASSIGNED)
               && r->vertex >= 0 && (guint) r->vertex < jvs->len)
        {
          const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, r->vertex);
          Placed *pl = &p->placed[ejv->subtasks[r->subtask].index];
          pl->tm = r->taskmanager;
          pl->slot = r->slot;
          g_free (pl->label);
          pl->label = g_strdup (r->label);
          p->deployed_at = r->time_us;
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)
               && r->vertex >= 0 && (guint) r->vertex < jvs->len)
        {
          const FsimExecutionJobVertex *ejv = g_ptr_array_index (jvs, r->vertex);
          p->placed[ejv->subtasks[r->subtask].index].state = fsim_trace_record_to_name (r);
        }
      else if (r->kind == FSIM_SCHED_KIND (FSIM_SCHED_KIND_BULK_TIMEOUT) && p->failure == NULL)
        p->failure = g_strdup (r->why);
    }
  g_array_sort (p->slots, slot_compare);
  for (guint i = 0; i < p->n_vertices; i++)
    {
      Slot *s = find_slot (p, p->placed[i].tm, p->placed[i].slot);
      if (s)
        g_ptr_array_add (s->subtasks, &p->placed[i]);
    }
  return p;
}

static char *
summary (FsimJobRun *run, Placement *p)
{
  const FsimClusterSettings *s = fsim_job_run_get_settings (run);
  int needed = fsim_execution_graph_get_slots_needed (fsim_job_run_get_execution_graph (run));
  g_autofree char *when = p->deployed_at >= 0 ? fsim_time_format (p->deployed_at) : NULL;
  g_autofree char *tms = g_strdup_printf (ngettext ("%d TaskManager", "%d TaskManagers",
                                                    (gulong) s->taskmanagers), s->taskmanagers);
  g_autofree char *slots = g_strdup_printf (ngettext ("%d slot", "%d slots",
                                                      (gulong) s->slots_per_taskmanager),
                                            s->slots_per_taskmanager);
  g_autofree char *needs = g_strdup_printf (ngettext ("the job needs %d slot",
                                                      "the job needs %d slots", (gulong) needed),
                                            needed);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  gint64 n = fsim_trace_count (trace);
  g_autofree char *end = fsim_time_format (n > 0 ? fsim_trace_get (trace, n - 1)->time_us : 0);
  /* TRANSLATORS: the slots are those of the last slot-assigned record (the
   * latest deployment); the states, after the slot, those at the end of the
   * run (the times are "0.056 s", "60.000 s") */
  g_autofree char *placement = when ? g_strdup_printf (_("slots as assigned at %s (the run's "
                                                         "last slot assignment), states as of "
                                                         "its end at %s"), when, end)
                                    : g_strdup (_("no slot assigned in the run"));
  /* TRANSLATORS: "N TaskManagers x M slots (taskmanager.load-balance.mode
   * MODE); the job needs K slots; slots as assigned at TIME (…), seed SEED" */
  return g_strdup_printf (_("%s x %s (taskmanager.load-balance.mode %s); %s; %s, seed %" PRIu64),
                          tms, slots, fsim_load_balance_mode_name (s->load_balance), needs,
                          placement, (uint64_t) s->seed);
}

static GBytes *
slots_text (FsimJobRun *run, Placement *p)
{
  GString *out = g_string_new (NULL);
  g_autofree char *head = summary (run, p);
  g_string_append_printf (out, "%s\n", head);
  int last_tm = 0;
  for (guint i = 0; i < p->slots->len; i++)
    {
      Slot *s = &g_array_index (p->slots, Slot, i);
      if (s->tm != last_tm)
        g_string_append_printf (out, "TaskManager %d\n", s->tm);
      last_tm = s->tm;
      g_string_append (out, "  ");
      g_string_append_printf (out, _("slot %d:"), s->slot);
      if (s->subtasks->len == 0)
        g_string_append_printf (out, " %s", _("(free)"));
      g_string_append_c (out, '\n');
      for (guint k = 0; k < s->subtasks->len; k++)
        {
          Placed *pl = g_ptr_array_index (s->subtasks, k);
          g_string_append_printf (out, "    %s  %s\n", pl->label, pl->state);
        }
    }
  gboolean header = FALSE;
  for (guint i = 0; i < p->n_vertices; i++)
    if (p->placed[i].slot < 0)
      {
        if (!header)
          g_string_append_printf (out, "%s\n", _("no slot"));
        header = TRUE;
        g_string_append_printf (out, "    %s  %s\n", p->placed[i].vertex->name,
                                p->placed[i].state ? p->placed[i].state : "CREATED");
      }
  if (p->failure)
    {
      /* TRANSLATORS: the why of a bulk-timeout record, English in every
       * language (docs/i18n.md) */
      g_string_append_printf (out, _("why: %s"), p->failure);
      g_string_append_c (out, '\n');
    }
  else if (header)
    {
      g_autofree char *timeout =
        fsim_duration_format (fsim_job_run_get_settings (run)->slot_request_timeout_us);
      g_string_append_printf (out, _("why: the run ended while their slot requests were "
                                     "pending; a bulk waits up to slot.request.timeout (%s) "
                                     "before NoResourceAvailableException"), timeout);
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (out);
}

static GBytes *
slots_dot (FsimJobRun *run, Placement *p, FsimFormat format, GError **error)
{
  g_autoptr (FsimDot) dot = fsim_dot_new ("Slots", TRUE);
  g_autofree char *head = summary (run, p);
  fsim_dot_set_title (dot, head);
  /* dot orders clusters as it likes; an invisible anchor per TaskManager
   * with its out-edges in slot order keeps slot 0 on the left */
  fsim_dot_graph_set (dot, NULL, "ordering", "out");
  FsimDotGraph *tm_cluster = NULL;
  FsimDotNode *anchor = NULL;
  int last_tm = 0;
  for (guint i = 0; i < p->slots->len; i++)
    {
      Slot *s = &g_array_index (p->slots, Slot, i);
      if (s->tm != last_tm)
        {
          g_autofree char *id = g_strdup_printf ("tm%d", s->tm);
          g_autofree char *label = g_strdup_printf ("TaskManager %d", s->tm);
          tm_cluster = fsim_dot_cluster (dot, NULL, id, label);
          fsim_dot_graph_set (dot, tm_cluster, "style", "rounded,filled");
          fsim_dot_graph_set (dot, tm_cluster, "fillcolor", "#f2f2f2");
          fsim_dot_graph_set (dot, tm_cluster, "labeljust", "l");
          g_autofree char *aid = g_strdup_printf ("tm%d_anchor", s->tm);
          anchor = fsim_dot_node (dot, tm_cluster, aid, "");
          fsim_dot_node_set (dot, anchor, "style", "invis");
          fsim_dot_node_set (dot, anchor, "width", "0");
          fsim_dot_node_set (dot, anchor, "height", "0");
        }
      last_tm = s->tm;
      g_autofree char *sid = g_strdup_printf ("tm%d_slot%d", s->tm, s->slot);
      g_autofree char *slabel = g_strdup_printf ("slot %d", s->slot);
      FsimDotGraph *sc = fsim_dot_cluster (dot, tm_cluster, sid, slabel);
      fsim_dot_graph_set (dot, sc, "style", "rounded,filled");
      fsim_dot_graph_set (dot, sc, "fillcolor", "white");
      if (s->subtasks->len == 0)
        {
          g_autofree char *nid = g_strdup_printf ("%s_free", sid);
          FsimDotNode *n = fsim_dot_node (dot, sc, nid, "(free)");
          fsim_dot_node_set (dot, n, "style", "dashed");
          fsim_dot_node_set (dot, n, "fontcolor", "gray50");
          fsim_dot_edge_set (dot, fsim_dot_edge (dot, anchor, n, NULL), "style", "invis");
        }
      /* stacked top to bottom in ExecutionVertex order */
      FsimDotNode *prev = NULL;
      for (guint k = 0; k < s->subtasks->len; k++)
        {
          Placed *pl = g_ptr_array_index (s->subtasks, k);
          g_autofree char *nid = g_strdup_printf ("v%d", pl->vertex->index);
          GString *label = g_string_new (NULL);
          fsim_dot_label_append (label, pl->label, FSIM_DOT_CENTER);
          g_string_append_printf (label, "\\n%s", pl->state);
          FsimDotNode *n = fsim_dot_node (dot, sc, nid, label->str);
          g_string_free (label, TRUE);
          fsim_dot_node_set (dot, n, "style", "rounded,filled");
          fsim_dot_node_set (dot, n, "fillcolor", "#d9e7f5");
          fsim_dot_edge_set (dot, fsim_dot_edge (dot, prev ? prev : anchor, n, NULL),
                             "style", "invis");
          prev = n;
        }
    }
  gboolean any = FALSE;
  FsimDotGraph *none = NULL;
  for (guint i = 0; i < p->n_vertices; i++)
    if (p->placed[i].slot < 0)
      {
        if (!any)
          {
            none = fsim_dot_cluster (dot, NULL, "unplaced",
                                     p->failure ? "no slot (NoResourceAvailableException)"
                                                : "no slot");
            fsim_dot_graph_set (dot, none, "style", "dashed");
            fsim_dot_graph_set (dot, none, "color", "firebrick");
          }
        any = TRUE;
        g_autofree char *nid = g_strdup_printf ("v%d", p->placed[i].vertex->index);
        g_autofree char *label = fsim_dot_label (p->placed[i].vertex->name);
        FsimDotNode *n = fsim_dot_node (dot, none, nid, label);
        fsim_dot_node_set (dot, n, "color", "firebrick");
      }
  return fsim_dot_render (dot, format, error);
}

GBytes *
fsim_viz_slots (const FsimJob *job, FsimFormat format, GError **error)
{
  if (format == FSIM_FORMAT_JSON || format == FSIM_FORMAT_JSONL)
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT,
                   _("the slots view is text, dot, svg or png"));
      return NULL;
    }
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, error);
  if (run == NULL)
    return NULL;
  fsim_job_run_run (run, -1);
  g_autoptr (Placement) p = placement_from_run (run);
  if (format == FSIM_FORMAT_TEXT)
    return slots_text (run, p);
  return slots_dot (run, p, format, error);
}
