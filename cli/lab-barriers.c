/* lab-barriers.c - `flinksim lab barriers`: one task's input gate and its
 * barrier handler, fed buffers, barriers, cancel markers and ends of
 * partition (docs/labs.md).
 *
 * The handler is checkpoint/'s (SingleCheckpointBarrierHandler aligned or
 * alternating, CheckpointBarrierTracker), the same the data plane runs;
 * this file is only its host: a gate of channels (SingleInputGate's
 * round robin over channels with data, priority events first), each with
 * its ChannelStatePersister, and a producer per channel that stops sending
 * once it sent an aligned barrier until the handler resumes the channel
 * (PipelinedSubpartition.isBlocked). A remote channel announces a
 * timeoutable barrier as it arrives (RemoteInputChannel.onBuffer). The
 * gate is drained after every token; timers fire as the clock passes them. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "checkpoint/checkpoint.h"
#include "cli/lab.h"

#define MAX_CHANNELS 4096

typedef enum { MODE_ALIGNED, MODE_UNALIGNED, MODE_AT_LEAST_ONCE } Mode;

typedef struct {
  gint64 channels;              /* -1: 1 + the highest channel named */
  int mode;
  gint64 timeout_us;            /* --alignment-timeout; 0: none */
  const FsimLabToken *timeout_at;
  GArray *remote;               /* int channels */
  const FsimLabToken *remote_at;
  gboolean after_finish;
} Options;

typedef enum { IN_DATA, IN_BARRIER, IN_SAVEPOINT, IN_CANCEL, IN_EOP, IN_ADVANCE } InputKind;

typedef struct {
  InputKind kind;
  int channel;
  gint64 value;                 /* bytes, checkpoint id, or the advance in µs */
  gboolean has_time;
  gint64 time_us;               /* /t= */
  const FsimLabToken *token;
} Input;

/* --- options ------------------------------------------------------------------ */

static gboolean
set_channels (gpointer data, const FsimLabToken *v, GError **error)
{
  return fsim_lab_parse_int (v, 0, -1, 1, MAX_CHANNELS, &((Options *) data)->channels, error);
}

static gboolean
set_mode (gpointer data, const FsimLabToken *v, GError **error)
{
  static const char *const modes[] = { "aligned", "unaligned", "at-least-once", NULL };
  return fsim_lab_parse_choice (v, modes, &((Options *) data)->mode, error);
}

static gboolean
set_timeout (gpointer data, const FsimLabToken *v, GError **error)
{
  Options *o = data;
  o->timeout_at = v;
  return fsim_lab_parse_duration (v, 0, -1, &o->timeout_us, error);
}

static gboolean
set_remote (gpointer data, const FsimLabToken *v, GError **error)
{
  Options *o = data;
  o->remote_at = v;
  g_array_set_size (o->remote, 0);
  for (gsize at = 0; v->text[at];)
    {
      gsize len = strcspn (v->text + at, ",");
      gint64 c;
      if (!fsim_lab_parse_int (v, at, (gssize) len, 0, MAX_CHANNELS - 1, &c, error))
        return FALSE;
      int ci = (int) c;
      g_array_append_val (o->remote, ci);
      at += len + (v->text[at + len] == ',');
    }
  return TRUE;
}

static gboolean
set_after_finish (gpointer data, const FsimLabToken *v, GError **error)
{
  return fsim_lab_parse_bool (v, &((Options *) data)->after_finish, error);
}

static const FsimLabOption options[] = {
  { "channels", "N", N_("input channels of the gate (default: 1 + the highest channel named)"),
    set_channels },
  { "mode", "aligned|unaligned|at-least-once",
    N_("SingleCheckpointBarrierHandler aligned (default) or unaligned, or "
       "CheckpointBarrierTracker"), set_mode },
  { "alignment-timeout", "D",
    N_("with --mode unaligned: start aligned, switch to unaligned after D "
       "(execution.checkpointing.aligned-checkpoint-timeout)"), set_timeout },
  { "remote", "LIST", N_("remote channels, e.g. 0,2: they announce timeoutable barriers"),
    set_remote },
  { "checkpoints-after-tasks-finish", "true|false",
    N_("execution.checkpointing.checkpoints-after-tasks-finish (default true)"),
    set_after_finish },
  { NULL }
};

/* --- tokens --------------------------------------------------------------------- */

/* A decimal at text[*at] up to a stop character. */
static gboolean
parse_number_until (const FsimLabToken *t, gsize *at, const char *stops, gint64 min, gint64 max,
                    gint64 *out, GError **error)
{
  gsize len = strcspn (t->text + *at, stops);
  if (!fsim_lab_parse_int (t, *at, (gssize) len, min, max, out, error))
    return FALSE;
  *at += len;
  return TRUE;
}

static gboolean
expect_char (const FsimLabToken *t, gsize at, char c, const char *what, GError **error)
{
  if (t->text[at] == c)
    return TRUE;
  fsim_lab_set_error (error, t, at, _("expected '%c' %s"), c, what);
  return FALSE;
}

static gboolean
parse_channel (const FsimLabToken *t, gsize *at, Input *in, GError **error)
{
  gint64 c;
  if (!parse_number_until (t, at, ":/", 0, MAX_CHANNELS - 1, &c, error))
    return FALSE;
  in->channel = (int) c;
  return TRUE;
}

/* <id>@<c>, then /t=<time> where allow_time */
static gboolean
parse_event (const FsimLabToken *t, Input *in, gboolean allow_time, GError **error)
{
  gsize at = 1;
  if (!parse_number_until (t, &at, "@", 0, G_MAXINT64, &in->value, error)
      || !expect_char (t, at, '@', _("between the checkpoint id and the channel"), error))
    return FALSE;
  at++;
  if (!parse_channel (t, &at, in, error))
    return FALSE;
  if (t->text[at] == '\0')
    return TRUE;
  if (!allow_time || !g_str_has_prefix (t->text + at, "/t="))
    {
      fsim_lab_set_error (error, t, at, allow_time ? _("expected /t=TIME or the end of the token")
                                                   : _("expected the end of the token"));
      return FALSE;
    }
  in->has_time = TRUE;
  return fsim_lab_parse_duration (t, at + 3, -1, &in->time_us, error);
}

static gboolean
parse_data (const FsimLabToken *t, Input *in, GError **error)
{
  gsize at = 1;
  in->value = 100;
  if (!parse_channel (t, &at, in, error))
    return FALSE;
  if (t->text[at] == '\0')
    return TRUE;
  if (!expect_char (t, at, ':', _("before the buffer's size in bytes"), error))
    return FALSE;
  at++;
  return parse_number_until (t, &at, "", 0, G_MAXINT32, &in->value, error);
}

static gboolean
parse_input (const FsimLabToken *t, Input *in, GError **error)
{
  *in = (Input) { .token = t };
  gsize at = 1;
  switch (t->text[0])
    {
    case 'D':
      in->kind = IN_DATA;
      return parse_data (t, in, error);
    case 'B':
      in->kind = IN_BARRIER;
      return parse_event (t, in, TRUE, error);
    case 'S':
      in->kind = IN_SAVEPOINT;
      return parse_event (t, in, FALSE, error);
    case 'C':
      in->kind = IN_CANCEL;
      return parse_event (t, in, FALSE, error);
    case 'E':
      in->kind = IN_EOP;
      if (!parse_channel (t, &at, in, error))
        return FALSE;
      if (t->text[at] == '\0')
        return TRUE;
      fsim_lab_set_error (error, t, at, _("expected the end of the token"));
      return FALSE;
    case '+':
      in->kind = IN_ADVANCE;
      return fsim_lab_parse_duration (t, 1, -1, &in->value, error);
    default:
      fsim_lab_set_error (error, t, 0,
                          _("unknown token '%s': expected D<c>, B<id>@<c>, S<id>@<c>, "
                            "C<id>@<c>, E<c> or +<duration>"), t->text);
      return FALSE;
    }
}

/* --- the gate --------------------------------------------------------------------- */

typedef enum { ITEM_DATA, ITEM_BARRIER, ITEM_CANCEL, ITEM_EOP, ITEM_ANNOUNCEMENT } ItemKind;

typedef struct {
  ItemKind kind;
  int step;                     /* the token it came from */
  gint64 bytes;
  gint64 id;                    /* cancel marker */
  FsimCheckpointBarrier barrier;
  int seq;                      /* sequence number in its channel */
} Item;

typedef struct {
  GQueue *queue;                /* Item *, arrived and not yet polled */
  GQueue *held;                 /* Item *, at the producer while it is blocked */
  gboolean producer_blocked;
  gboolean remote;
  int next_seq;
  FsimChannelStatePersister persister;
} Channel;

typedef struct {
  gint64 id;
  gboolean known;
  const char *type;             /* ALIGNED, UNALIGNED, SAVEPOINT, AT_LEAST_ONCE */
  FsimCheckpointMetrics metrics;
  int reason;                   /* aborted ones: FsimCheckpointFailureReason */
} Checkpoint;

typedef struct {
  FsimLab *lab;
  Options *opts;
  int n;
  Channel *ch;
  GQueue *available;            /* channels with data, GINT_TO_POINTER (c) */
  FsimBarrierHandler *handler;
  gint64 now_us;
  GHashTable *timestamps;       /* checkpoint id -> first barrier's timestamp */
  GPtrArray *checkpoints;       /* Checkpoint *, triggered ones, in order */
  GPtrArray *aborted;           /* Checkpoint *, with their reason */
  GHashTable *in_flight;        /* checkpoint id -> GArray of int steps persisted */
  /* this step */
  GArray *delivered;
  GArray *step_triggered;       /* gint64 ids */
  GArray *step_types;           /* const char * */
  GArray *step_aborted;         /* gint64 ids */
  GArray *step_reasons;         /* int */
  gint64 step_finished;         /* an unaligned checkpoint stopped persisting here, or -1 */
  GPtrArray *why;               /* char * */
} Gate;

static Checkpoint *
find_checkpoint (Gate *g, gint64 id)
{
  for (guint i = g->checkpoints->len; i > 0; i--)
    {
      Checkpoint *cp = g->checkpoints->pdata[i - 1];
      if (cp->id == id)
        return cp;
    }
  return NULL;
}

/* in-flight data of checkpoint id, recorded before or after its trigger */
static GArray *
in_flight (Gate *g, gint64 id)
{
  GArray *a = g_hash_table_lookup (g->in_flight, &id);
  if (a == NULL)
    {
      gint64 *key = g_new (gint64, 1);
      *key = id;
      a = g_array_new (FALSE, FALSE, sizeof (int));
      g_hash_table_insert (g->in_flight, key, a);
    }
  return a;
}

static void
persist (Gate *g, gint64 id, const Item *it)
{
  g_array_append_val (in_flight (g, id), it->step);
}

static void
why (Gate *g, char *clause)
{
  g_ptr_array_add (g->why, clause);
}

static void
make_available (Gate *g, int c, gboolean priority)
{
  gpointer p = GINT_TO_POINTER (c);
  if (priority)
    {
      g_queue_remove (g->available, p);
      g_queue_push_head (g->available, p);
    }
  else if (g_queue_find (g->available, p) == NULL)
    g_queue_push_tail (g->available, p);
}

/* The item reaches channel c from its producer (which may be blocked). */
static void
enter_channel (Gate *g, int c, Item *it)
{
  Channel *ch = &g->ch[c];
  if (ch->producer_blocked)
    {
      g_queue_push_tail (ch->held, it);
      return;
    }
  it->seq = ch->next_seq++;
  if (ch->remote && it->kind == ITEM_DATA)
    {
      gint64 id = fsim_channel_state_persister_maybe_persist (&ch->persister);
      if (id >= 0)
        persist (g, id, it);
    }
  if (ch->remote && it->kind == ITEM_BARRIER)
    fsim_channel_state_persister_check_barrier (&ch->persister, it->barrier.id);
  g_queue_push_tail (ch->queue, it);
  gboolean announce = ch->remote && it->kind == ITEM_BARRIER
                      && fsim_checkpoint_barrier_is_timeoutable (&it->barrier);
  if (announce)
    {
      Item *a = g_new0 (Item, 1);
      *a = *it;
      a->kind = ITEM_ANNOUNCEMENT;
      g_queue_push_head (ch->queue, a);
    }
  make_available (g, c, announce);
  if (it->kind == ITEM_BARRIER && fsim_checkpoint_barrier_blocks_upstream (&it->barrier))
    ch->producer_blocked = TRUE;
}

/* --- the handler's host ------------------------------------------------------------- */

static void
host_trigger (gpointer data, const FsimCheckpointBarrier *b)
{
  Gate *g = data;
  Checkpoint *cp = g_new0 (Checkpoint, 1);
  cp->id = b->id;
  const char *type = cp->type = fsim_checkpoint_barrier_type_name (b);
  g_ptr_array_add (g->checkpoints, cp);
  g_array_append_val (g->step_triggered, b->id);
  g_array_append_val (g->step_types, type);
  if (b->alignment == FSIM_ALIGNMENT_UNALIGNED)
    why (g, g_strdup_printf (_("checkpoint %" PRId64 " is triggered UNALIGNED: the barrier "
                               "overtakes the data in flight, which is persisted as channel "
                               "state (triggerCheckpointOnBarrier)"), b->id));
  else
    why (g, g_strdup_printf (_("checkpoint %" PRId64 " is triggered %s: every channel "
                               "delivered its barrier; the barrier goes on downstream, then "
                               "the operators snapshot (triggerCheckpointOnBarrier)"),
                             b->id, type));
}

static void
host_abort (gpointer data, gint64 id, FsimCheckpointFailureReason reason)
{
  Gate *g = data;
  int r = (int) reason;
  g_array_append_val (g->step_aborted, id);
  g_array_append_val (g->step_reasons, r);
  Checkpoint *cp = g_new0 (Checkpoint, 1);
  cp->id = id;
  cp->reason = r;
  g_ptr_array_add (g->aborted, cp);
  why (g, g_strdup_printf (_("checkpoint %" PRId64 " is aborted, %s: %s; the task declines it "
                             "and sends a CancelCheckpointMarker downstream"), id,
                           fsim_checkpoint_failure_reason_name (reason),
                           fsim_checkpoint_failure_reason_message (reason)));
}

static void
host_metrics (gpointer data, gint64 id, const FsimCheckpointMetrics *m)
{
  Checkpoint *cp = find_checkpoint (data, id);
  g_assert (cp != NULL);
  cp->known = TRUE;
  cp->metrics = *m;
}

static void
host_resume (gpointer data, int c)
{
  Gate *g = data;
  Channel *ch = &g->ch[c];
  if (!ch->producer_blocked)
    return;
  ch->producer_blocked = FALSE;
  if (!g_queue_is_empty (ch->held))
    why (g, g_strdup_printf (_("channel %d resumes: what its producer held back enters it"), c));
  while (!ch->producer_blocked && !g_queue_is_empty (ch->held))
    enter_channel (g, c, g_queue_pop_head (ch->held));
}

/* RemoteInputChannel.getInflightBuffersUnsafe: the data in front of the
 * barrier if it arrived, else all the data queued. */
static void
persist_queued (Gate *g, Channel *ch, gint64 id)
{
  for (GList *l = ch->queue->head; l; l = l->next)
    {
      Item *it = l->data;
      if (it->kind == ITEM_BARRIER)
        break;
      if (it->kind == ITEM_DATA)
        persist (g, id, it);
    }
}

static void
host_started (gpointer data, const FsimCheckpointBarrier *b)
{
  Gate *g = data;
  for (int c = 0; c < g->n; c++)
    {
      Channel *ch = &g->ch[c];
      /* local channels hand over nothing queued: the producer's
       * subpartition holds it and persists it as output state */
      gboolean queued = ch->remote;
      if (fsim_channel_state_persister_start (&ch->persister, b->id) && queued)
        persist_queued (g, ch, b->id);
    }
}

static void
host_stopped (gpointer data, gint64 id)
{
  Gate *g = data;
  for (int c = 0; c < g->n; c++)
    fsim_channel_state_persister_stop (&g->ch[c].persister, id);
  g->step_finished = id;
}

static void
host_prioritize (gpointer data, int c, int seq)
{
  Gate *g = data;
  Channel *ch = &g->ch[c];
  for (GList *l = ch->queue->head; l; l = l->next)
    {
      Item *it = l->data;
      if (it->kind != ITEM_BARRIER || it->seq != seq)
        continue;
      g_queue_delete_link (ch->queue, l);
      g_queue_push_head (ch->queue, it);
      make_available (g, c, TRUE);
      why (g, g_strdup_printf (_("the announced barrier %" PRId64 " on channel %d becomes a "
                                 "priority event and overtakes the data in front of it"),
                               it->barrier.id, c));
      return;
    }
}

static const FsimBarrierHandlerHost host = {
  host_trigger, host_abort, host_metrics, host_resume, host_started, host_stopped,
  host_prioritize,
};

/* --- polling --------------------------------------------------------------------------- */

static void
poll_data (Gate *g, int c, const Item *it)
{
  Channel *ch = &g->ch[c];
  g_array_append_val (g->delivered, it->step);
  fsim_barrier_handler_add_processed_bytes (g->handler, it->bytes);
  if (!ch->remote)
    {
      gint64 id = fsim_channel_state_persister_maybe_persist (&ch->persister);
      if (id >= 0)
        persist (g, id, it);
    }
}

static void
poll_item (Gate *g, int c, Item *it)
{
  Channel *ch = &g->ch[c];
  switch (it->kind)
    {
    case ITEM_DATA:
      poll_data (g, c, it);
      break;
    case ITEM_BARRIER:
      if (!ch->remote)
        fsim_channel_state_persister_check_barrier (&ch->persister, it->barrier.id);
      fsim_barrier_handler_process_barrier (g->handler, &it->barrier, c, g->now_us);
      break;
    case ITEM_ANNOUNCEMENT:
      fsim_barrier_handler_process_announcement (g->handler, &it->barrier, it->seq, c, g->now_us);
      break;
    case ITEM_CANCEL:
      fsim_barrier_handler_process_cancellation (g->handler, it->id, c, g->now_us);
      break;
    case ITEM_EOP:
      fsim_barrier_handler_process_end_of_partition (g->handler, c, g->now_us);
      break;
    }
}

/* The task takes everything it can (CheckpointedInputGate.pollNext in a
 * loop): one item of the first channel with data, that channel to the
 * back of the queue if it has more (priority events to the front). */
static void
drain (Gate *g)
{
  while (!g_queue_is_empty (g->available))
    {
      int c = GPOINTER_TO_INT (g_queue_pop_head (g->available));
      Channel *ch = &g->ch[c];
      Item *it = g_queue_pop_head (ch->queue);
      if (it == NULL)
        continue;
      if (!g_queue_is_empty (ch->queue))
        {
          Item *next = g_queue_peek_head (ch->queue);
          make_available (g, c, next->kind == ITEM_ANNOUNCEMENT);
        }
      poll_item (g, c, it);
      g_free (it);
    }
}

static void
fire_due_timers (Gate *g, gint64 until_us)
{
  gint64 due;
  while ((due = fsim_barrier_handler_next_timer_us (g->handler)) >= 0 && due <= until_us)
    {
      g->now_us = MAX (g->now_us, due);
      g_autofree char *at = fsim_duration_format (g->now_us);
      why (g, g_strdup_printf (_("at %s the alignment timer fires "
                                 "(aligned-checkpoint-timeout, counted from the checkpoint's "
                                 "trigger time)"), at));
      fsim_barrier_handler_fire_timer (g->handler, g->now_us);
      drain (g);
    }
}

/* --- one step --------------------------------------------------------------------------- */

static FsimCheckpointBarrier
barrier_of (Gate *g, const Input *in)
{
  FsimCheckpointBarrier b = { .id = in->value };
  gint64 *known = g_hash_table_lookup (g->timestamps, &in->value);
  b.timestamp_us = in->has_time ? in->time_us : known ? *known : g->now_us;
  if (known == NULL)
    {
      gint64 *key = g_new (gint64, 1), *ts = g_new (gint64, 1);
      *key = in->value;
      *ts = b.timestamp_us;
      g_hash_table_insert (g->timestamps, key, ts);
    }
  b.savepoint = in->kind == IN_SAVEPOINT;
  switch (g->opts->mode)
    {
    case MODE_AT_LEAST_ONCE:
      b.alignment = FSIM_ALIGNMENT_AT_LEAST_ONCE;
      break;
    case MODE_ALIGNED:
      b.alignment = FSIM_ALIGNMENT_ALIGNED;
      break;
    default:
      /* CheckpointOptions.forConfig: savepoints aligned, never timeoutable */
      b.alignment = b.savepoint || g->opts->timeout_us > 0 ? FSIM_ALIGNMENT_ALIGNED
                                                          : FSIM_ALIGNMENT_UNALIGNED;
      b.aligned_timeout_us = b.savepoint ? 0 : g->opts->timeout_us;
    }
  return b;
}

static void
explain_arrival (Gate *g, const Input *in, gboolean held)
{
  const char *t = in->token->text;
  if (held)
    why (g, g_strdup_printf (_("%s waits at the producer of channel %d: the channel is blocked "
                               "since its barrier, and its producer sends nothing until it "
                               "resumes"), t, in->channel));
  else if (in->kind == IN_DATA)
    why (g, g_strdup_printf (_("%s goes to the operator"), t));
  else if (in->kind == IN_EOP)
    why (g, g_strdup_printf (_("channel %d is finished (EndOfPartitionEvent)"), in->channel));
}

static void
arrive (Gate *g, int step, const Input *in)
{
  Item *it = g_new0 (Item, 1);
  it->step = step;
  switch (in->kind)
    {
    case IN_DATA:
      it->kind = ITEM_DATA;
      it->bytes = in->value;
      break;
    case IN_BARRIER:
    case IN_SAVEPOINT:
      it->kind = ITEM_BARRIER;
      it->barrier = barrier_of (g, in);
      break;
    case IN_CANCEL:
      it->kind = ITEM_CANCEL;
      it->id = in->value;
      break;
    case IN_EOP:
      it->kind = ITEM_EOP;
      break;
    case IN_ADVANCE:
      g_assert_not_reached ();
    }
  gboolean held = g->ch[in->channel].producer_blocked;
  explain_arrival (g, in, held);
  enter_channel (g, in->channel, it);
  drain (g);
  fire_due_timers (g, g->now_us);
}

static char *
channel_list (Gate *g, gboolean (*pick) (Gate *g, int c))
{
  GString *s = g_string_new (NULL);
  for (int c = 0; c < g->n; c++)
    if (pick (g, c))
      g_string_append_printf (s, "%s%d", s->len ? "," : "", c);
  return g_string_free (s, FALSE);
}

static gboolean
pick_waiting (Gate *g, int c)
{
  return !fsim_barrier_handler_is_aligned (g->handler, c);
}

/* After a barrier that left a checkpoint aligning: who it waits for. */
static void
explain_state (Gate *g, const Input *in)
{
  if (in->kind == IN_CANCEL && g->step_aborted->len == 0 && !g->ch[in->channel].producer_blocked)
    why (g, g_strdup_printf (_("the cancel marker of checkpoint %" PRId64 " on channel %d is "
                               "ignored: the handler is past it (latest checkpoint %" PRId64 ")"),
                             in->value, in->channel,
                             fsim_barrier_handler_get_latest_checkpoint_id (g->handler)));
  if ((in->kind != IN_BARRIER && in->kind != IN_SAVEPOINT) || g->step_triggered->len
      || g->step_aborted->len)
    return;
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  fsim_barrier_handler_get_pending (g->handler, pending);
  const char *state = fsim_barrier_handler_state_name (fsim_barrier_handler_get_state (g->handler));
  if (pending->len == 0 && g->step_finished >= 0)
    {
      why (g, g_strdup_printf (_("barrier %" PRId64 " on channel %d is the last one: the "
                                 "in-flight data of checkpoint %" PRId64 " is complete and every "
                                 "channel resumes (%s)"),
                               in->value, in->channel, g->step_finished, state));
      return;
    }
  if (pending->len == 0)
    {
      why (g, g_strdup_printf (_("barrier %" PRId64 " on channel %d is obsolete: checkpoint %"
                                 PRId64 " is done or aborted; the channel resumes (%s)"),
                               in->value, in->channel, in->value, state));
      return;
    }
  if (g->opts->mode == MODE_AT_LEAST_ONCE)
    {
      why (g, g_strdup_printf (_("barrier %" PRId64 " on channel %d is counted; nothing is "
                                 "blocked, the snapshot waits for the last barrier (%s)"),
                               in->value, in->channel, state));
      return;
    }
  g_autofree char *waiting = channel_list (g, pick_waiting);
  why (g, g_strdup_printf (_("barrier %" PRId64 " on channel %d is in; checkpoint %" PRId64
                             " waits for the barriers of channels %s (%s)"),
                           in->value, in->channel, g_array_index (pending, gint64, 0), waiting,
                           state));
}

static void
json_int_list (JsonBuilder *b, const char *name, GArray *ints, gboolean wide)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < ints->len; i++)
    json_builder_add_int_value (b, wide ? g_array_index (ints, gint64, i)
                                        : g_array_index (ints, int, i));
  json_builder_end_array (b);
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* in_flight: of the checkpoint in progress, or of the one finished here */
static GArray *
step_in_flight (Gate *g, GArray *pending)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (int));
  gint64 id = pending->len == 1 ? g_array_index (pending, gint64, 0) : -1;
  if (id < 0 && g->step_finished >= 0)
    {
      id = g->step_finished;
      for (guint i = 0; i < g->step_aborted->len; i++)
        if (g_array_index (g->step_aborted, gint64, i) == id)
          id = -1;
    }
  if (id >= 0 && g->opts->mode != MODE_AT_LEAST_ONCE)
    {
      GArray *a = in_flight (g, id);
      g_array_append_vals (out, a->data, a->len);
      g_array_sort (out, compare_int);
    }
  return out;
}

static char *
text_ints (GArray *ints, gboolean wide)
{
  if (ints->len == 0)
    return g_strdup ("-");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < ints->len; i++)
    g_string_append_printf (s, "%s%" PRId64, i ? " " : "",
                            wide ? g_array_index (ints, gint64, i)
                                 : (gint64) g_array_index (ints, int, i));
  return g_string_free (s, FALSE);
}

static void
json_triggered (JsonBuilder *b, GArray *ids, GArray *types)
{
  json_builder_set_member_name (b, "triggered");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "checkpoint");
      json_builder_add_int_value (b, g_array_index (ids, gint64, i));
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, g_array_index (types, const char *, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
json_aborted (JsonBuilder *b, GArray *ids, GArray *reasons)
{
  json_builder_set_member_name (b, "aborted");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "checkpoint");
      json_builder_add_int_value (b, g_array_index (ids, gint64, i));
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, fsim_checkpoint_failure_reason_name (
                                          g_array_index (reasons, int, i)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static char *
text_events (GArray *ids, GArray *names, gboolean reasons)
{
  if (ids->len == 0)
    return g_strdup ("-");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" PRId64 " %s", i ? ", " : "", g_array_index (ids, gint64, i),
                            reasons ? fsim_checkpoint_failure_reason_name (
                                        g_array_index (names, int, i))
                                    : g_array_index (names, const char *, i));
  return g_string_free (s, FALSE);
}

static GArray *
blocked_channels (Gate *g)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (int));
  for (int c = 0; c < g->n; c++)
    if (fsim_barrier_handler_is_blocked (g->handler, c))
      g_array_append_val (a, c);
  return a;
}

static void
print_step (Gate *g, int step, const Input *in)
{
  FsimLabRecord *rec = fsim_lab_step_begin (g->lab, step, in->token);
  JsonBuilder *b = fsim_lab_record_json (rec);
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  fsim_barrier_handler_get_pending (g->handler, pending);
  g_autoptr (GArray) blocked = blocked_channels (g);
  g_autoptr (GArray) flight = step_in_flight (g, pending);
  gint64 latest = fsim_barrier_handler_get_latest_checkpoint_id (g->handler);
  json_builder_set_member_name (b, "time_us");
  json_builder_add_int_value (b, g->now_us);
  json_int_list (b, "delivered", g->delivered, FALSE);
  json_int_list (b, "blocked", blocked, FALSE);
  json_triggered (b, g->step_triggered, g->step_types);
  json_aborted (b, g->step_aborted, g->step_reasons);
  json_builder_set_member_name (b, "latest_checkpoint");
  json_builder_add_int_value (b, latest);
  json_int_list (b, "pending", pending, TRUE);
  json_int_list (b, "in_flight", flight, FALSE);

  g_autofree char *at = fsim_duration_format (g->now_us);
  g_autofree char *t_delivered = text_ints (g->delivered, FALSE);
  g_autofree char *t_blocked = text_ints (blocked, FALSE);
  g_autofree char *t_triggered = text_events (g->step_triggered, g->step_types, FALSE);
  g_autofree char *t_aborted = text_events (g->step_aborted, g->step_reasons, TRUE);
  g_autofree char *t_pending = text_ints (pending, TRUE);
  g_autofree char *t_flight = text_ints (flight, FALSE);
  fsim_lab_record_text (rec, _("time %s, latest checkpoint %" PRId64 ", pending %s"), at, latest,
                        t_pending);
  fsim_lab_record_text (rec, _("delivered (steps): %s"), t_delivered);
  fsim_lab_record_text (rec, _("blocked channels: %s"), t_blocked);
  if (g->step_triggered->len)
    fsim_lab_record_text (rec, _("triggered: %s"), t_triggered);
  if (g->step_aborted->len)
    fsim_lab_record_text (rec, _("aborted: %s"), t_aborted);
  if (flight->len)
    fsim_lab_record_text (rec, _("in-flight data persisted (steps): %s"), t_flight);
  g_ptr_array_add (g->why, NULL);
  g_autofree char *why_line = g_strjoinv ("; ", (char **) g->why->pdata);
  fsim_lab_record_end (rec, why_line);
}

static void
step_reset (Gate *g)
{
  g_array_set_size (g->delivered, 0);
  g_array_set_size (g->step_triggered, 0);
  g_array_set_size (g->step_types, 0);
  g_array_set_size (g->step_aborted, 0);
  g_array_set_size (g->step_reasons, 0);
  g_ptr_array_set_size (g->why, 0);
  g->step_finished = -1;
}

static void
run_step (Gate *g, int step, const Input *in)
{
  step_reset (g);
  if (in->kind == IN_ADVANCE)
    {
      gint64 until = g->now_us + in->value;
      fire_due_timers (g, until);
      g->now_us = until;
      if (g->why->len == 0)
        {
          g_autofree char *at = fsim_duration_format (g->now_us);
          why (g, g_strdup_printf (_("the clock advances to %s; no timer is due"), at));
        }
    }
  else
    arrive (g, step, in);
  explain_state (g, in);
  print_step (g, step, in);
}

/* --- summary ------------------------------------------------------------------------------- */

static void
json_metric (JsonBuilder *b, const char *name, Gate *g, int which)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < g->checkpoints->len; i++)
    {
      Checkpoint *cp = g->checkpoints->pdata[i];
      g_autofree char *key = g_strdup_printf ("%" PRId64, cp->id);
      json_builder_set_member_name (b, key);
      if (!cp->known)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, which == 0 ? cp->metrics.alignment_duration_us
                                       : which == 1 ? cp->metrics.start_delay_us
                                                    : cp->metrics.bytes_processed_during_alignment);
    }
  json_builder_end_object (b);
}

static void
print_summary (Gate *g)
{
  FsimLabRecord *rec = fsim_lab_summary_begin (g->lab);
  JsonBuilder *b = fsim_lab_record_json (rec);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_autoptr (GArray) ab_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) reasons = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < g->checkpoints->len; i++)
    {
      Checkpoint *cp = g->checkpoints->pdata[i];
      g_array_append_val (ids, cp->id);
      g_array_append_val (types, cp->type);
    }
  for (guint i = 0; i < g->aborted->len; i++)
    {
      Checkpoint *cp = g->aborted->pdata[i];
      g_array_append_val (ab_ids, cp->id);
      g_array_append_val (reasons, cp->reason);
    }
  json_triggered (b, ids, types);
  json_aborted (b, ab_ids, reasons);
  json_metric (b, "alignment_duration_us", g, 0);
  json_metric (b, "start_delay_us", g, 1);
  json_metric (b, "bytes_processed_during_alignment", g, 2);
  g_autofree char *t_triggered = text_events (ids, types, FALSE);
  g_autofree char *t_aborted = text_events (ab_ids, reasons, TRUE);
  fsim_lab_record_text (rec, _("triggered: %s"), t_triggered);
  fsim_lab_record_text (rec, _("aborted: %s"), t_aborted);
  for (guint i = 0; i < g->checkpoints->len; i++)
    {
      Checkpoint *cp = g->checkpoints->pdata[i];
      if (!cp->known)
        {
          fsim_lab_record_text (rec, _("checkpoint %" PRId64 ": alignment not finished"), cp->id);
          continue;
        }
      g_autofree char *d = fsim_duration_format (cp->metrics.alignment_duration_us);
      g_autofree char *s = fsim_duration_format (cp->metrics.start_delay_us);
      fsim_lab_record_text (rec, _("checkpoint %" PRId64 ": alignment duration %s, start delay %s, "
                                   "%" PRId64 " bytes processed during alignment"),
                            cp->id, d, s, cp->metrics.bytes_processed_during_alignment);
    }
  fsim_lab_record_end (rec, NULL);
}

/* --- the lab ---------------------------------------------------------------------------------- */

static gboolean
validate (Options *o, GPtrArray *inputs, GError **error)
{
  if (o->timeout_at && o->mode != MODE_UNALIGNED)
    {
      fsim_lab_set_error (error, o->timeout_at, 0,
                          _("--alignment-timeout needs --mode unaligned: it is the time after "
                            "which an aligned checkpoint switches to unaligned"));
      return FALSE;
    }
  int highest = 0;
  gint64 clock_us = 0;
  for (guint i = 0; i < inputs->len; i++)
    {
      const Input *in = inputs->pdata[i];
      if (in->kind == IN_ADVANCE && in->value > G_MAXINT64 / 2 - clock_us)
        {
          /* timers are due at a timestamp plus a timeout: keep room for both */
          fsim_lab_set_error (error, in->token, 1, _("the clock would pass %" PRId64 " us"),
                              G_MAXINT64 / 2);
          return FALSE;
        }
      if (in->kind == IN_ADVANCE)
        {
          clock_us += in->value;
          continue;
        }
      if (o->channels >= 0 && in->channel >= o->channels)
        {
          gsize at = strcspn (in->token->text, "0123456789");
          if (in->kind != IN_DATA && in->kind != IN_EOP)
            at = (gsize) (strchr (in->token->text, '@') - in->token->text) + 1;
          fsim_lab_set_error (error, in->token, at,
                              ngettext ("channel %d: the gate has %" PRId64
                                        " channel (--channels)",
                                        "channel %d: the gate has %" PRId64
                                        " channels (--channels)", (gulong) o->channels),
                              in->channel, o->channels);
          return FALSE;
        }
      highest = MAX (highest, in->channel);
    }
  if (o->channels < 0)
    o->channels = highest + 1;
  for (guint i = 0; i < o->remote->len; i++)
    if (g_array_index (o->remote, int, i) >= o->channels)
      {
        fsim_lab_set_error (error, o->remote_at, 0,
                            ngettext ("remote channel %d: the gate has %" PRId64 " channel",
                                      "remote channel %d: the gate has %" PRId64 " channels",
                                      (gulong) o->channels),
                            g_array_index (o->remote, int, i), o->channels);
        return FALSE;
      }
  return TRUE;
}

static FsimBarrierHandlerKind
handler_kind (const Options *o)
{
  /* InputProcessorUtil.createCheckpointBarrierHandler */
  switch (o->mode)
    {
    case MODE_ALIGNED:
      return FSIM_BARRIER_HANDLER_ALIGNED;
    case MODE_UNALIGNED:
      return FSIM_BARRIER_HANDLER_ALTERNATING;
    default:
      return FSIM_BARRIER_HANDLER_TRACKER;
    }
}

static void
item_queue_free (GQueue *q)
{
  g_queue_free_full (q, g_free);
}

static void
gate_init (Gate *g, FsimLab *lab, Options *o)
{
  *g = (Gate) { .lab = lab, .opts = o, .n = (int) o->channels };
  g->ch = g_new0 (Channel, g->n);
  for (int c = 0; c < g->n; c++)
    {
      g->ch[c].queue = g_queue_new ();
      g->ch[c].held = g_queue_new ();
      fsim_channel_state_persister_init (&g->ch[c].persister);
    }
  for (guint i = 0; i < o->remote->len; i++)
    g->ch[g_array_index (o->remote, int, i)].remote = TRUE;
  g->available = g_queue_new ();
  g->handler = fsim_barrier_handler_new (handler_kind (o), g->n, o->after_finish, &host, g);
  g->timestamps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g->in_flight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  g->checkpoints = g_ptr_array_new_with_free_func (g_free);
  g->aborted = g_ptr_array_new_with_free_func (g_free);
  g->delivered = g_array_new (FALSE, FALSE, sizeof (int));
  g->step_triggered = g_array_new (FALSE, FALSE, sizeof (gint64));
  g->step_types = g_array_new (FALSE, FALSE, sizeof (const char *));
  g->step_aborted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g->step_reasons = g_array_new (FALSE, FALSE, sizeof (int));
  g->why = g_ptr_array_new_with_free_func (g_free);
}

static void
gate_clear (Gate *g)
{
  fsim_barrier_handler_free (g->handler);
  for (int c = 0; c < g->n; c++)
    {
      item_queue_free (g->ch[c].queue);
      item_queue_free (g->ch[c].held);
    }
  g_free (g->ch);
  g_queue_free (g->available);
  g_hash_table_unref (g->timestamps);
  g_hash_table_unref (g->in_flight);
  g_ptr_array_unref (g->checkpoints);
  g_ptr_array_unref (g->aborted);
  g_array_unref (g->delivered);
  g_array_unref (g->step_triggered);
  g_array_unref (g->step_types);
  g_array_unref (g->step_aborted);
  g_array_unref (g->step_reasons);
  g_ptr_array_unref (g->why);
}

static int
barriers_run (FsimLab *lab)
{
  Options o = { .channels = -1, .mode = MODE_ALIGNED, .after_finish = TRUE,
                .remote = g_array_new (FALSE, FALSE, sizeof (int)) };
  g_autoptr (GArray) remote = o.remote;
  if (!fsim_lab_parse_args (lab, options, &o))
    return fsim_lab_exit_code (lab);
  GError *error = NULL;
  g_autoptr (GPtrArray) tokens = fsim_lab_read_tokens (lab, &error);
  if (tokens == NULL)
    return fsim_lab_fail (lab, error);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tokens->len; i++)
    {
      Input *in = g_new0 (Input, 1);
      g_ptr_array_add (inputs, in);
      if (!parse_input (tokens->pdata[i], in, &error))
        return fsim_lab_fail (lab, error);
    }
  if (!validate (&o, inputs, &error))
    return fsim_lab_fail (lab, error);
  Gate g;
  gate_init (&g, lab, &o);
  for (guint i = 0; i < inputs->len; i++)
    run_step (&g, (int) i, inputs->pdata[i]);
  print_summary (&g);
  gate_clear (&g);
  return FSIM_EXIT_OK;
}

const FsimLabEntry fsim_lab_barriers = {
  "barriers", N_("one task's input gate and its barrier handler"),
  "[OPTIONS] SEQUENCE...",
  N_("Tokens (spaces or commas between them, @FILE for a file of them):\n"
     "  D<c>, D<c>:<bytes>       a data buffer on channel c (100 bytes)\n"
     "  B<id>@<c>, B<id>@<c>/t=T the barrier of checkpoint id on channel c; its\n"
     "                           timestamp is the clock at the first barrier of id\n"
     "  S<id>@<c>                a savepoint barrier (never unaligned, never times out)\n"
     "  C<id>@<c>                a CancelCheckpointMarker for checkpoint id\n"
     "  E<c>                     an EndOfPartitionEvent on channel c\n"
     "  +<duration>              the clock advances (a bare number is ms); timers fire"),
  barriers_run,
};
