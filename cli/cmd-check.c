/* cmd-check.c - `flinksim check JOB`: parse and validate, print a summary.
 *
 * A job may set what Flink understands but this version of flinksim does
 * not simulate yet (docs/design.md, "What is not simulated yet"): check
 * accepts it, as `run` does, and warns on stderr at the place it is set,
 * so that a learner does not wait for a checkpoint that never comes. Each
 * entry of not_yet[] goes when the issue that simulates it lands. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

typedef enum {
  NOT_YET_DECLINE,
  NOT_YET_COUNT
} NotYetKind;

static const struct {
  const char *what;             /* what the job asks for */
  const char *hint;             /* what happens instead */
} not_yet[NOT_YET_COUNT] = {
  [NOT_YET_DECLINE] = {
    N_("the fault 'decline checkpoint'"),
    N_("checkpoints run, but this fault is not applied yet: no task declines") },
};

/* The first place (in the text) a job asks for one kind. */
typedef struct {
  NotYetKind kind;
  FsimSourceSpan site;          /* line 0: asked for, but from no place in a file */
  char *detail;                 /* the key or the call; NULL if `what` says it */
  gboolean found;
} Ask;

/* Keeps the earlier of two asks; an ask from no place yields to any place. */
static void
ask (Ask *a, const FsimSourceSpan *site, const char *detail)
{
  FsimSourceSpan none = { 0, 0, 0 };
  const FsimSourceSpan *s = site ? site : &none;
  gboolean earlier = !a->found
    || (s->line > 0 && (a->site.line == 0 || s->line < a->site.line
                        || (s->line == a->site.line && s->column < a->site.column)));
  if (!earlier)
    return;
  a->found = TRUE;
  a->site = *s;
  g_free (a->detail);
  a->detail = g_strdup (detail);
}

static void
find_asks (const FsimJob *job, Ask *asks)
{
  GPtrArray *faults = fsim_job_get_faults (job);
  for (guint i = 0; i < faults->len; i++)
    {
      const FsimFault *f = g_ptr_array_index (faults, i);
      if (f->kind != FSIM_FAULT_DECLINE_CHECKPOINT)
        continue;
      FsimSourceSpan site = { f->line, f->column, 0 };
      ask (&asks[NOT_YET_DECLINE], &site, NULL);
    }
}

static gint
compare_asks (gconstpointer a, gconstpointer b)
{
  const Ask *x = *(const Ask *const *) a, *y = *(const Ask *const *) b;
  /* placed ones first, in text order; then the unplaced in table order */
  if ((x->site.line == 0) != (y->site.line == 0))
    return x->site.line == 0 ? 1 : -1;
  if (x->site.line != y->site.line)
    return x->site.line < y->site.line ? -1 : 1;
  if (x->site.column != y->site.column)
    return x->site.column < y->site.column ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Warns, on stderr, once per kind the job asks for, at its first place. */
static void
warn_not_simulated (const FsimJob *job)
{
  Ask asks[NOT_YET_COUNT] = { { 0 } };
  for (int k = 0; k < NOT_YET_COUNT; k++)
    asks[k].kind = (NotYetKind) k;
  find_asks (job, asks);
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  for (int k = 0; k < NOT_YET_COUNT; k++)
    if (asks[k].found)
      g_ptr_array_add (found, &asks[k]);
  if (found->len > 0)
    {
      g_ptr_array_sort (found, compare_asks);
      g_autofree char *source = NULL;
      g_file_get_contents (fsim_job_get_filename (job), &source, NULL, NULL);
      for (guint i = 0; i < found->len; i++)
        {
          const Ask *a = g_ptr_array_index (found, i);
          int k = a->kind;
          g_autofree char *what = a->detail
            ? g_strdup_printf ("%s (%s)", _(not_yet[k].what), a->detail)
            : g_strdup (_(not_yet[k].what));
          g_autofree char *text = fsim_diagnostic_warning (
            fsim_job_get_filename (job), source, &a->site, _(not_yet[k].hint),
            _("%s is accepted but has no effect yet in this version of flinksim"), what);
          fputs (text, stderr);
        }
    }
  for (int k = 0; k < NOT_YET_COUNT; k++)
    g_free (asks[k].detail);
}

/* Does any node upstream of n (n itself included) assign timestamps and
 * watermarks? Depth first over the in-edges, each node once. */
static gboolean
has_watermarks_upstream (const FsimStreamNode *n, GHashTable *seen)
{
  if (!g_hash_table_add (seen, (gpointer) n))
    return FALSE;
  if (n->watermarks.kind != FSIM_WATERMARKS_NONE)
    return TRUE;
  for (guint i = 0; i < n->in_edges->len; i++)
    if (has_watermarks_upstream (((const FsimStreamEdge *) g_ptr_array_index (n->in_edges, i))->source,
                                 seen))
      return TRUE;
  return FALSE;
}

/* An event-time window with no WatermarkStrategy before it never fires
 * (until the end of input's Long.MAX_VALUE): the most asked Flink
 * question, warned at the window. */
static void
warn_windows_without_watermarks (const FsimJob *job)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  g_autofree char *source = NULL;
  for (guint i = 0; i < nodes->len; i++)
    {
      const FsimStreamNode *n = g_ptr_array_index (nodes, i);
      if (!n->window.event_time)
        continue;
      g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
      if (has_watermarks_upstream (n, seen))
        continue;
      if (source == NULL)
        g_file_get_contents (fsim_job_get_filename (job), &source, NULL, NULL);
      g_autofree char *text = fsim_diagnostic_warning (
        fsim_job_get_filename (job), source, &n->window.site,
        _("give its input timestamps and watermarks: assignTimestampsAndWatermarks("
          "WatermarkStrategy.forBoundedOutOfOrderness(…)) or fromSource(…, a WatermarkStrategy, …)"),
        _("%s is an event-time window, but no WatermarkStrategy comes before it: its "
          "watermark stays at Long.MIN_VALUE and it fires only at the end of input"), n->name);
      fputs (text, stderr);
    }
}

static int
check_run (int argc, char **argv)
{
  g_auto (GStrv) defines = NULL;
  GOptionEntry entries[] = { FSIM_CLI_DEFINE_ENTRY (defines), { NULL } };
  if (!fsim_cli_parse_options (&fsim_cmd_check, entries, &argc, &argv))
    return FSIM_EXIT_BAD_INPUT;
  if (!fsim_cli_expect_one_job (&fsim_cmd_check, argc))
    return FSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_cli_load_job (argv[1], defines, &error);
  if (job == NULL)
    return fsim_cli_fail (error);

  FsimStreamGraph *sg = fsim_job_get_stream_graph (job);
  GPtrArray *nodes = fsim_stream_graph_get_nodes (sg);
  guint edges = 0;
  for (guint i = 0; i < nodes->len; i++)
    edges += ((FsimStreamNode *) g_ptr_array_index (nodes, i))->out_edges->len;
  fsim_cli_warn_config (job);
  warn_not_simulated (job);
  warn_windows_without_watermarks (job);
  guint faults = fsim_job_get_faults (job)->len;
  g_autofree char *n_nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", nodes->len),
                                              nodes->len);
  g_autofree char *n_edges = g_strdup_printf (ngettext ("%u edge", "%u edges", edges), edges);
  g_autofree char *n_faults = g_strdup_printf (ngettext ("%u fault", "%u faults", faults), faults);
  /* TRANSLATORS: the counts are "4 nodes", "3 edges", "1 fault" */
  printf (_("%s: ok: job \"%s\", StreamGraph with %s and %s, %s\n"),
          fsim_job_get_filename (job), fsim_job_get_name (job), n_nodes, n_edges, n_faults);
  return FSIM_EXIT_OK;
}

const FsimCommand fsim_cmd_check = {
  "check", N_("parse and validate a job; warn where it sets what has no effect yet"),
  "JOB", check_run,
};
