/* sim.c - FsimSim: the clock and the run loop.
 *
 * The loop is redis ae.c's, reduced to timers on a virtual clock: take the
 * earliest event, set the clock to its time, run it, free its payload. The
 * clock only moves forward, and only here.
 */
#include "config.h"

#include "sim/sim-private.h"

struct _FsimSim {
  gint64 now;
  guint64 seed;
  FsimEventQueue *queue;
  FsimRng *rng;
  GHashTable *streams;  /* name -> FsimRng; looked up, never iterated */
  FsimTrace *trace;
  guint64 events_run;
  gboolean running;     /* inside run, run_until or step */
  gboolean stop_requested;
  guint64 progress_limit;       /* 0: none */
  guint64 without_progress;     /* events in a row without a record or a note */
  gboolean progress_noted;      /* by the running event */
};

FsimSim *
fsim_sim_new (guint64 seed)
{
  FsimSim *sim = g_new0 (FsimSim, 1);
  sim->seed = seed;
  sim->queue = fsim_event_queue_new ();
  sim->rng = fsim_rng_new (seed);
  sim->streams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) fsim_rng_free);
  sim->trace = fsim_trace_new ();
  return sim;
}

void
fsim_sim_free (FsimSim *sim)
{
  if (sim == NULL)
    return;
  g_assert (!sim->running);
  /* Payload finalizers may still look at the sim's trace or RNG. */
  fsim_event_queue_free (sim->queue);
  g_hash_table_unref (sim->streams);
  fsim_rng_free (sim->rng);
  fsim_trace_unref (sim->trace);
  g_free (sim);
}

char *
fsim_time_format (gint64 us)
{
  const char *sign = us < 0 ? "-" : "";
  guint64 a = us < 0 ? (guint64) -(us + 1) + 1 : (guint64) us;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT " s", sign,
                          a / G_USEC_PER_SEC, a % G_USEC_PER_SEC / 1000);
}

char *
fsim_duration_text (gint64 us)
{
  gint64 a = us < 0 ? -us : us;
  if (a < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " us", us);
  if (a < G_USEC_PER_SEC)
    return g_strdup_printf ("%.1f ms", (double) us / 1000);
  if (a < 60 * G_USEC_PER_SEC)
    return g_strdup_printf ("%.3f s", (double) us / G_USEC_PER_SEC);
  return g_strdup_printf ("%.1f min", (double) us / (60.0 * G_USEC_PER_SEC));
}

gint64
fsim_sim_now (FsimSim *sim)
{
  return sim->now;
}

guint64
fsim_sim_seed (FsimSim *sim)
{
  return sim->seed;
}

FsimTrace *
fsim_sim_get_trace (FsimSim *sim)
{
  return sim->trace;
}

FsimRng *
fsim_sim_get_rng (FsimSim *sim)
{
  return sim->rng;
}

guint64
fsim_sim_seed_of (FsimSim *sim, const char *name)
{
  return sim->seed ^ fsim_fnv1a64 (name);
}

FsimRng *
fsim_sim_rng_stream (FsimSim *sim, const char *name)
{
  g_assert (name != NULL);
  FsimRng *rng = g_hash_table_lookup (sim->streams, name);
  if (rng == NULL)
    {
      rng = fsim_rng_new (fsim_sim_seed_of (sim, name));
      g_hash_table_insert (sim->streams, g_strdup (name), rng);
    }
  return rng;
}

/* ------------------------------------------------------------------------ */
/* Scheduling                                                                */

FsimEventId
fsim_sim_schedule_at (FsimSim *sim, gint64 time_us, gint priority, FsimEventFunc func,
                      gpointer payload, GDestroyNotify payload_free)
{
  g_assert (time_us >= sim->now);
  return fsim_event_queue_push (sim->queue, time_us, priority, func, payload, payload_free);
}

FsimEventId
fsim_sim_schedule_in (FsimSim *sim, gint64 delay_us, gint priority, FsimEventFunc func,
                      gpointer payload, GDestroyNotify payload_free)
{
  g_assert (delay_us >= 0 && delay_us <= G_MAXINT64 - sim->now);
  return fsim_sim_schedule_at (sim, sim->now + delay_us, priority, func, payload, payload_free);
}

gboolean
fsim_sim_cancel (FsimSim *sim, FsimEventId id)
{
  return fsim_event_queue_cancel (sim->queue, id);
}

gboolean
fsim_sim_is_pending (FsimSim *sim, FsimEventId id)
{
  return fsim_event_queue_is_pending (sim->queue, id);
}

guint
fsim_sim_pending_count (FsimSim *sim)
{
  return fsim_event_queue_pending (sim->queue);
}

gboolean
fsim_sim_peek_time (FsimSim *sim, gint64 *time_us)
{
  return fsim_event_queue_peek_time (sim->queue, time_us);
}

guint64
fsim_sim_events_run (FsimSim *sim)
{
  return sim->events_run;
}

guint
fsim_sim_event_slab_count (FsimSim *sim)
{
  return fsim_event_queue_slab_count (sim->queue);
}

/* ------------------------------------------------------------------------ */
/* Running                                                                   */

void
fsim_sim_set_progress_limit (FsimSim *sim, guint64 max_events)
{
  sim->progress_limit = max_events;
}

void
fsim_sim_note_progress (FsimSim *sim)
{
  sim->progress_noted = TRUE;
}

guint64
fsim_sim_events_without_progress (FsimSim *sim)
{
  return sim->without_progress;
}

static gboolean
run_one (FsimSim *sim)
{
  FsimEventItem item;
  if (!fsim_event_queue_pop (sim->queue, &item))
    return FALSE;
  g_assert (item.time_us >= sim->now);
  sim->now = item.time_us;
  sim->events_run++;
  /* Progress is a record appended (by anyone, so the trace's count) or a
   * note; the count is what the run loop's limit reads. */
  gboolean counting = sim->progress_limit > 0;
  gint64 records = counting ? fsim_trace_count (sim->trace) : 0;
  sim->progress_noted = FALSE;
  item.func (sim, item.payload);
  if (item.payload_free)
    item.payload_free (item.payload);
  if (!counting)
    return TRUE;
  if (sim->progress_noted || fsim_trace_count (sim->trace) != records)
    sim->without_progress = 0;
  else
    sim->without_progress++;
  return TRUE;
}

/* Runs events up to and including limit_us (no limit if !limited). */
static FsimRunResult
run_loop (FsimSim *sim, gboolean limited, gint64 limit_us)
{
  g_assert (!sim->running);
  sim->running = TRUE;
  sim->stop_requested = FALSE;
  FsimRunResult result = FSIM_RUN_EMPTY;
  gint64 next;
  while (fsim_event_queue_peek_time (sim->queue, &next))
    {
      if (limited && next > limit_us)
        {
          result = FSIM_RUN_TIME_LIMIT;
          break;
        }
      if (fsim_trace_is_full (sim->trace))
        {
          result = FSIM_RUN_TRACE_FULL;
          break;
        }
      run_one (sim);
      if (sim->stop_requested)
        {
          result = FSIM_RUN_STOPPED;
          break;
        }
      if (sim->progress_limit > 0 && sim->without_progress >= sim->progress_limit)
        {
          result = FSIM_RUN_NO_PROGRESS;
          break;
        }
    }
  sim->running = FALSE;
  sim->stop_requested = FALSE;
  if (limited && (result == FSIM_RUN_EMPTY || result == FSIM_RUN_TIME_LIMIT)
      && limit_us > sim->now)
    sim->now = limit_us;
  return result;
}

FsimRunResult
fsim_sim_run_until (FsimSim *sim, gint64 limit_us)
{
  return run_loop (sim, TRUE, limit_us);
}

FsimRunResult
fsim_sim_run (FsimSim *sim)
{
  return run_loop (sim, FALSE, 0);
}

gboolean
fsim_sim_step (FsimSim *sim)
{
  g_assert (!sim->running);
  sim->running = TRUE;
  gboolean ran = run_one (sim);
  sim->running = FALSE;
  sim->stop_requested = FALSE;
  return ran;
}

void
fsim_sim_request_stop (FsimSim *sim)
{
  sim->stop_requested = TRUE;
}

gint64
fsim_sim_trace (FsimSim *sim, const FsimTraceRecord *record)
{
  return fsim_trace_append (sim->trace, sim->now, record);
}
