/* sim-private.h - what sim/'s own files share; never included outside sim/
 * except by tests/check_sim.c and tests/sim-digest.c, which look inside. */
#pragma once

#include "sim/sim.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* event-queue.c: a binary heap of (time, priority, seq) keys over event
 * structs recycled through a free list in fixed-size slabs, so scheduling
 * costs no malloc once the slabs cover the peak number of pending events. */

#define FSIM_EVENT_SLAB_SIZE 4096

typedef struct _FsimEventQueue FsimEventQueue;

/* What the run loop needs of a popped event; its slot is already free. */
typedef struct {
  gint64 time_us;
  FsimEventFunc func;
  gpointer payload;
  GDestroyNotify payload_free;
} FsimEventItem;

FsimEventQueue *fsim_event_queue_new (void);
/* Runs the finalizers of the pending events in queue order, then frees. */
void fsim_event_queue_free (FsimEventQueue *queue);
FsimEventId fsim_event_queue_push (FsimEventQueue *queue, gint64 time_us, gint priority,
                                   FsimEventFunc func, gpointer payload,
                                   GDestroyNotify payload_free);
gboolean fsim_event_queue_cancel (FsimEventQueue *queue, FsimEventId id);
gboolean fsim_event_queue_is_pending (FsimEventQueue *queue, FsimEventId id);
/* Drops cancelled entries at the head; FALSE if nothing is pending. */
gboolean fsim_event_queue_peek_time (FsimEventQueue *queue, gint64 *time_us);
/* Removes the head event (after dropping cancelled entries) and frees its
 * slot; FALSE if nothing is pending. */
gboolean fsim_event_queue_pop (FsimEventQueue *queue, FsimEventItem *out);
guint fsim_event_queue_pending (FsimEventQueue *queue);
/* For tests: how many slabs of FSIM_EVENT_SLAB_SIZE events were allocated. */
guint fsim_event_queue_slab_count (FsimEventQueue *queue);

/* sim.c */
guint fsim_sim_event_slab_count (FsimSim *sim);

/* ------------------------------------------------------------------------ */
/* rng.c */

guint64 fsim_splitmix64_next (guint64 *state);
guint64 fsim_fnv1a64 (const char *s);
/* Sets the raw xoshiro256** state (not all zero), for reference tests. */
void fsim_rng_set_state (FsimRng *rng, const guint64 s[4]);

/* ------------------------------------------------------------------------ */
/* portable-math.c: ln, ln(1+x), e^x, e^x - 1 from IEEE-754 + - * / only, so
 * that every machine, libm and optimisation level gives the same bits. About
 * 1 ulp; finite results only where libm's are finite. */

double fsim_math_log (double x);
double fsim_math_log1p (double x);
double fsim_math_exp (double x);
double fsim_math_expm1 (double x);

/* ------------------------------------------------------------------------ */
/* channel.c: for the test that pins the size claimed in sim.h. */

gsize fsim_channel_struct_size (void);
gsize fsim_channel_item_struct_size (void);

G_END_DECLS
