/* trace-kinds-view.c - `flinksim run --kinds`: every record kind a run can
 * write, from the writers' descriptors (sim/sim.h): its doc, who writes it,
 * its roles, the state machine its from / to belong to and its typed
 * values, two lines a kind.
 * docs/formats.md shows this very list (a test keeps the two equal). */
#include "config.h"

#include "viz/viz-private.h"

static char *
roles (FsimTraceKind k)
{
  static const struct {
    guint flag;
    const char *word;
  } words[] = {
    { FSIM_KIND_STATE_CHANGE, "state" }, { FSIM_KIND_FAILURE, "failure" },
    { FSIM_KIND_MARKER, "marker" }, { FSIM_KIND_SPAN_BEGIN, "begin" },
    { FSIM_KIND_SPAN_END, "end" }, { FSIM_KIND_PROGRESS, "progress" },
    { FSIM_KIND_RUN_END, "run-end" }, { FSIM_KIND_VERDICT, "verdict" },
    { FSIM_KIND_SAMPLE, "sample" },
  };
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (k->flags & words[i].flag)
      g_string_append_printf (s, "%s%s", s->len ? "," : "", words[i].word);
  if (s->len == 0)
    g_string_append (s, "-");
  return g_string_free (s, FALSE);
}

static char *
values (FsimTraceKind k)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < FSIM_TRACE_N_VALUES; i++)
    if (k->values[i].name)
      g_string_append_printf (s, "%s%s (%s)", s->len ? ", " : "", k->values[i].name,
                              k->values[i].unit);
  if (s->len == 0)
    g_string_append (s, "-");
  return g_string_free (s, FALSE);
}

GBytes *
fsim_viz_trace_kinds (FsimTrace *trace)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < fsim_trace_kind_count (trace); i++)
    {
      FsimTraceKind k = fsim_trace_kind_nth (trace, i);
      g_autofree char *r = roles (k);
      g_autofree char *v = values (k);
      g_string_append_printf (out, "%s: %s\n    writer %s; roles %s; from/to %s; values %s\n",
                              k->name, k->doc, k->module, r,
                              k->machine ? k->machine->name : "-", v);
    }
  return g_string_free_to_bytes (out);
}
