/* tui-probe.c - the inspect view's channels exactly at the cursor.
 *
 * The trace samples every channel once a simulated second
 * (channel-sample), so between two samples the queues the view would show
 * are older than the cursor. When the TUI has a probe (cli/what-if.c), the
 * run on screen is simulated again, which gives the same trace, and
 * stopped right after the event that wrote the cursor's record: its
 * channels are then what they were at that record (FsimChannelState). The
 * answer is kept for the cursor and run it was asked for, so a screen
 * drawn again asks nothing; a compared run (run B of `compare --tui`),
 * which the probe cannot simulate, and a failed probe fall back on the
 * samples, and the view says which it shows.
 */
#include "config.h"

#include "viz/tui-private.h"

void
fsim_tui_set_prober (FsimTui *t, FsimVizProbeFunc probe, gpointer data)
{
  t->probe = probe;
  t->probe_data = data;
}

void
fsim_tui_probe_clear (FsimTui *t)
{
  g_clear_pointer (&t->exact_samples, g_array_unref);
  g_clear_pointer (&t->probe_error, g_free);
  t->probed_seq = -1;
}

/* The probe's channel states as channel samples of the run on screen. */
static GArray *
as_samples (FsimTui *t, GArray *states)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FsimTuiChannelSample));
  const FsimTraceRecord *at = fsim_tui_current (t);
  for (guint i = 0; i < states->len; i++)
    {
      const FsimChannelState *st = &g_array_index (states, FsimChannelState, i);
      const FsimTuiSubtask *p = fsim_tui_history_find_subtask (t->history, st->producer_vertex,
                                                               st->producer_subtask);
      const FsimTuiSubtask *c = fsim_tui_history_find_subtask (t->history, st->consumer_vertex,
                                                               st->consumer_subtask);
      FsimTuiChannelSample sample = {
        .seq = t->cursor, .time_us = at->time_us, .producer = p, .consumer = c,
        .producer_label = p && p->name ? p->name : "?",
        .consumer_name = c && c->name ? c->name : "?",
        .subpartition = st->subpartition,
        .backlog = st->backlog, .credit = st->credit, .queued = st->queued,
      };
      g_array_append_val (out, sample);
    }
  return out;
}

/* The channels at the cursor of the run on screen, asked for once. */
static GArray *
probed (FsimTui *t)
{
  const FsimTuiRun *run = fsim_tui_run_get (t, t->run);
  if (t->probe == NULL || t->cursor < 0 || fsim_tui_run_is_compared (run))
    return NULL;
  if (t->probed_seq == t->cursor && t->probed_run == t->run)
    return t->exact_samples;
  fsim_tui_probe_clear (t);
  t->probed_seq = t->cursor;
  t->probed_run = t->run;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) states = t->probe (fsim_tui_run_faults (run), t->cursor, t->probe_data,
                                        &error);
  if (states)
    t->exact_samples = as_samples (t, states);
  else
    t->probe_error = g_strdup (error ? error->message : "?");
  return t->exact_samples;
}

GPtrArray *
fsim_tui_exact_channels (FsimTui *t, const FsimTuiSubtask *s, gboolean outputs)
{
  GArray *samples = probed (t);
  if (samples == NULL)
    return NULL;
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < samples->len; i++)
    {
      const FsimTuiChannelSample *c = &g_array_index (samples, FsimTuiChannelSample, i);
      if ((outputs ? c->producer : c->consumer) == s)
        g_ptr_array_add (out, (gpointer) c);
    }
  return out;
}

const char *
fsim_tui_probe_error (const FsimTui *t)
{
  return t->probed_seq == t->cursor && t->probed_run == t->run ? t->probe_error : NULL;
}
