/* record-writer.c - a task's output to one ResultPartition (RecordWriter,
 * BufferWritingResultPartition, PipelinedSubpartition).
 *
 * One writer per produced partition, with the edge's partitioner cloned
 * for it (RecordWriterBuilder; graphs/channel-selector.c picks the
 * subpartition of each record). A record is serialized as
 * 4 (length) + 1 (tag) + 8 (timestamp) + sim.record-size bytes
 * (StreamElementSerializer) into the subpartition's open buffer
 * (BufferBuilder): a subpartition without one requests a segment from the
 * partition's pool first; a record that does not fit fills the buffer,
 * which is finished and sent, and continues in a new one, as many as it
 * takes (RecordWriter.serializeRecord, emitRecord). A buffer that is
 * exactly full is finished at once. When no segment is left the record
 * waits half-written and the task is blocked (hard backpressure) until a
 * segment is recycled.
 *
 * Finishing a buffer counts numBuffersOut and hands it to the
 * subpartition's channel (sim/'s FsimChannel: the subpartition queue, the
 * wire and the consumer's input channel). A flush (the OutputFlusher every
 * execution.buffer-timeout.interval, or after every record at 0) sends
 * what the open buffers hold. Flink keeps writing into the flushed
 * segment; here a flushed buffer is finished and the next record takes a
 * new segment, so between flushes a subpartition may hold one segment more
 * than Flink would (docs/design.md).
 *
 * Channels are created when they first carry something: the first buffer
 * or the EndOfPartitionEvent (docs/design.md, all-to-all at scale).
 */
#include "config.h"

#include <stdlib.h>

#include "scheduler/scheduler-private.h"

/* StreamElementSerializer framing: length, tag, timestamp. */
#define RECORD_FRAMING_BYTES 13
/* Up to this many subpartitions a writer also indexes them in an array. */
#define DENSE_SUBPARTITIONS 1024

/* A MemorySegment of the pool: held by the BufferBuilder writing into it
 * and by every buffer (slice) of it sent and not yet recycled; back to
 * the pool when the last lets go (NetworkBuffer's reference count). */
struct _Segment {
  RecordWriter *writer;
  int subpartition;
  int refs;
  gint64 written;               /* bytes the builder wrote into it */
};

struct _Subpartition {
  NetBuffer *open;              /* the part of the BufferBuilder's segment
                                 * written since the last flush, or NULL
                                 * when the subpartition has no builder */
  DataChannel *ch;              /* NULL until it first carries something */
  guint64 barrier_seq;          /* the last timeoutable barrier sent here */
  gint64 barrier_id;            /* its checkpoint, or 0 */
  guint64 step;                 /* the task's step that staged bytes here */
  gint64 staged;                /* bytes that step will write here */
};

struct _RecordWriter {
  FsimCluster *c;
  Execution *producer;
  const FsimResultPartition *partition;
  FsimChannelSelector *selector;
  FsimRng *rng;                 /* REBALANCE's start, SHUFFLE's draws */
  OutputPool pool;
  int n_subpartitions;
  GHashTable *subpartitions;    /* int -> Subpartition*; looked up, iterated
                                 * only through sorted keys (owns them) */
  Subpartition **dense;         /* [n_subpartitions] when few: the same
                                 * Subpartitions, found without hashing */
  gint64 flush_timeout_us;      /* -1: only when full; 0: after every record */
  gboolean blocking;            /* a BLOCKING partition: written out whole,
                                 * no backpressure */
  gint64 buffers_out;           /* finished BufferBuilders (numBuffersOut) */
  gint64 bytes_out;             /* their bytes (numBytesOut) */
  gint64 buffers_sent;          /* buffers handed to channels: a flush sends
                                 * part of a segment */
  /* a record half written when no segment was left */
  gboolean pending;
  int pending_s;
  RecordFact pending_record;
  gint64 pending_bytes;         /* bytes of it still to write */
};

static int
draw (gpointer user_data, int bound)
{
  return (int) fsim_rng_uniform (user_data, (guint64) bound);
}

static RecordWriter *
writer_new (FsimCluster *c, Execution *e, const FsimResultPartition *p)
{
  RecordWriter *w = g_new0 (RecordWriter, 1);
  w->c = c;
  w->producer = e;
  w->partition = p;
  w->n_subpartitions = fsim_result_partition_get_n_subpartitions (p);
  g_autofree char *stream = g_strdup_printf ("partitioner/%d/%d", p->result->index,
                                             p->partition);
  w->rng = fsim_sim_rng_stream (c->sim, stream);
  w->selector = fsim_channel_selector_new_for_partition (p, draw, w->rng);
  fsim_sched_output_pool_init (&w->pool, &c->settings, w->n_subpartitions);
  w->subpartitions = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  /* a few pointers a subpartition; an all-to-all edge of 10^4 x 10^4
   * keeps its per-subpartition state in the table only (issue 18) */
  if (w->n_subpartitions <= DENSE_SUBPARTITIONS)
    w->dense = g_new0 (Subpartition *, w->n_subpartitions);
  const FsimStreamNode *from = p->result->data_set->stream_edge->source;
  w->flush_timeout_us = from->buffer_timeout_ms < 0 ? -1 : from->buffer_timeout_ms * 1000;
  w->blocking = fsim_result_partition_type_is_blocking (p->result->result_type);
  return w;
}

void
fsim_sched_writers_new (FsimCluster *c, Execution *e, GPtrArray *out)
{
  const FsimExecutionVertex *v = e->vertex;
  for (guint i = 0; i < v->job_vertex->produced->len; i++)
    g_ptr_array_add (out, writer_new (c, e, fsim_execution_vertex_get_produced (v, i)));
}

void
fsim_sched_writer_free (RecordWriter *w)
{
  if (w == NULL)
    return;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, w->subpartitions);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      /* freeing order does not matter: nothing is traced or scheduled */
      Subpartition *sp = value;
      if (sp->open)
        {
          /* the builder's reference */
          Segment *seg = sp->open->segment;
          sp->open->segment = NULL;
          if (--seg->refs == 0)
            g_free (seg);
          fsim_sched_net_buffer_free (sp->open);
        }
      fsim_sched_data_channel_free (sp->ch);
    }
  g_hash_table_unref (w->subpartitions);
  g_free (w->dense);
  fsim_sched_output_pool_clear (&w->pool);
  fsim_channel_selector_free (w->selector);
  g_free (w);
}

int
fsim_sched_writer_n_subpartitions (const RecordWriter *w)
{
  return w->n_subpartitions;
}

Execution *
fsim_sched_writer_producer (const RecordWriter *w)
{
  return w->producer;
}

gint64
fsim_sched_writer_flush_timeout_us (const RecordWriter *w)
{
  return w->flush_timeout_us;
}

gint64
fsim_sched_writer_buffers_out (const RecordWriter *w)
{
  return w->buffers_out;
}

const FsimResultPartition *
fsim_sched_writer_partition (const RecordWriter *w)
{
  return w->partition;
}

gint64
fsim_sched_writer_bytes_out (const RecordWriter *w)
{
  return w->bytes_out;
}

gint64
fsim_sched_writer_buffers_sent (const RecordWriter *w)
{
  return w->buffers_sent;
}

const OutputPool *
fsim_sched_writer_pool (const RecordWriter *w)
{
  return &w->pool;
}

int
fsim_sched_writer_select (RecordWriter *w, gint32 key)
{
  return fsim_channel_selector_select (w->selector, key);
}

static Subpartition *
peek (const RecordWriter *w, int s)
{
  if (w->dense)
    return w->dense[s];
  return g_hash_table_lookup (w->subpartitions, GINT_TO_POINTER (s));
}

static Subpartition *
subpartition (RecordWriter *w, int s)
{
  Subpartition *sp = peek (w, s);
  if (sp == NULL)
    {
      sp = g_new0 (Subpartition, 1);
      g_hash_table_insert (w->subpartitions, GINT_TO_POINTER (s), sp);
      if (w->dense)
        w->dense[s] = sp;
    }
  return sp;
}

gint64
fsim_sched_writer_space (RecordWriter *w, int s)
{
  Subpartition *sp = peek (w, s);
  if (sp == NULL || sp->open == NULL)
    return -1;
  return w->c->settings.segment_size - sp->open->segment->written;
}

gint64
fsim_sched_element_bytes (const RecordFact *r, gint64 record_size)
{
  switch (r->kind)
    {
    case ELEMENT_WATERMARK: return RECORD_FRAMING_BYTES;   /* 4 + 1 + 8 */
    case ELEMENT_STATUS: return 9;                         /* 4 + 1 + 4 */
    default: return RECORD_FRAMING_BYTES + record_size;
    }
}

gboolean
fsim_sched_writer_stage (RecordWriter *w, int s, guint64 step, gint64 wire)
{
  Subpartition *sp = subpartition (w, s);
  if (sp->step != step)
    {
      sp->step = step;
      sp->staged = 0;
    }
  sp->staged += wire;
  return sp->open == NULL
         || sp->open->segment->written + sp->staged >= w->c->settings.segment_size
         || w->flush_timeout_us == 0;
}

static DataChannel *
channel_of (RecordWriter *w, int s)
{
  Subpartition *sp = subpartition (w, s);
  if (sp->ch == NULL)
    sp->ch = fsim_sched_data_channel_new (w->c, w, s);
  return sp->ch;
}

/* The subtask subpartition s feeds. */
static const FsimExecutionVertex *
consumer_of (const RecordWriter *w, int s)
{
  const FsimConsumerVertexGroup *g = w->partition->consumer_groups[0];
  return &g->consumer->subtasks[fsim_result_partition_get_subpartition_consumer (w->partition,
                                                                                 s)];
}

/* "Map (2/4)": the consumer subtask that reads subpartition s. */
static const char *
consumer_name (const RecordWriter *w, int s)
{
  return consumer_of (w, s)->name;
}

static void
send_item (RecordWriter *w, int s, NetBuffer *b, guint flags)
{
  DataChannel *ch = channel_of (w, s);
  gint64 bytes = b->bytes, elements = b->n_records;
  gboolean eop = b->end_of_partition;
  fsim_channel_send (ch->wire, b, (gsize) b->bytes, flags,
                     (GDestroyNotify) fsim_sched_net_buffer_free);
  if (w->c->settings.trace_buffers && !eop)
    {
      FsimChannelCounts n;
      fsim_channel_get_counts (ch->wire, &n);
      g_autofree char *detail = g_strdup_printf (
        "subpartition %d to %s: %" G_GINT64_FORMAT " byte%s, %" G_GINT64_FORMAT
        " element%s; backlog %u", s, consumer_name (w, s), bytes, bytes == 1 ? "" : "s", elements,
        elements == 1 ? "" : "s", n.queued_data_items);
      FsimTraceRecord r = fsim_sched_execution_record (
        w->c, w->producer, FSIM_SCHED_KIND_BUFFER_SENT,
        ch->remote ? "the buffer joins its subpartition's queue; Netty sends it when the "
                     "receiver has a credit for it"
                   : "the buffer joins its subpartition's queue; the LocalInputChannel in the "
                     "same TaskManager reads it from there");
      r.channel = s;
      r.detail = detail;
      r.values[0] = bytes;
      r.values[1] = elements;
      r.values[2] = n.queued_data_items;
      fsim_sched_cluster_trace (w->c, &r);
    }
}

void
fsim_sched_net_buffer_drop_segment (NetBuffer *b)
{
  if (b->segment && --b->segment->refs == 0)
    g_free (b->segment);
  b->segment = NULL;
}

void
fsim_sched_net_buffer_release_segment (NetBuffer *b)
{
  Segment *seg = b->segment;
  if (seg == NULL)
    return;
  b->segment = NULL;
  g_assert (seg->refs > 0);
  if (--seg->refs > 0)
    return;
  RecordWriter *w = seg->writer;
  int s = seg->subpartition;
  g_free (seg);
  gboolean was = fsim_sched_output_pool_available (&w->pool);
  fsim_sched_output_pool_recycle (&w->pool, s);
  if ((!was && fsim_sched_output_pool_available (&w->pool)) || w->pending)
    fsim_sched_stream_task_wake (w->c, w->producer);
}

/* The written part of the open buffer goes out as one buffer on the
 * channel, holding the segment until it is recycled. */
static void
send_open_part (RecordWriter *w, int s, NetBuffer *part)
{
  part->segment->refs++;
  w->buffers_sent++;
  send_item (w, s, part, FSIM_CHANNEL_DATA);
  /* a BLOCKING partition is written out whole (to disk in Flink) before
   * anyone reads it: what is sent holds no segment */
  if (w->blocking)
    fsim_sched_net_buffer_release_segment (part);
}

/* BufferBuilder.finish: the segment is complete; what is left of it goes
 * out and the builder lets go of it. numBuffersOut and numBytesOut count
 * here (finishUnicastBufferBuilder). */
static void
finish_open (RecordWriter *w, int s)
{
  Subpartition *sp = subpartition (w, s);
  NetBuffer *part = sp->open;
  Segment *seg = part->segment;
  g_assert (seg->written > 0);
  sp->open = NULL;
  w->buffers_out++;
  w->bytes_out += seg->written;
  if (part->bytes > 0)
    send_open_part (w, s, part);
  else
    {
      part->segment = NULL;
      fsim_sched_net_buffer_free (part);
    }
  NetBuffer builder = { .segment = seg };
  fsim_sched_net_buffer_release_segment (&builder);
}

/* PipelinedSubpartition.flush: what the builder wrote since the last flush
 * becomes readable; the builder keeps writing into the same segment. */
static void
flush_open (RecordWriter *w, int s)
{
  Subpartition *sp = subpartition (w, s);
  NetBuffer *part = sp->open;
  if (part->bytes == 0)
    return;
  Segment *seg = part->segment;
  send_open_part (w, s, part);
  sp->open = fsim_sched_net_buffer_new (w, s);
  sp->open->segment = seg;
}

static gboolean
open_buffer (RecordWriter *w, int s)
{
  if (!fsim_sched_output_pool_request (&w->pool, s))
    return FALSE;
  Segment *seg = g_new0 (Segment, 1);
  *seg = (Segment) { w, s, 1, 0 };
  NetBuffer *part = fsim_sched_net_buffer_new (w, s);
  part->segment = seg;
  subpartition (w, s)->open = part;
  return TRUE;
}

/* Writes the rest of the pending record: FALSE while no segment is left. */
static gboolean
write_pending (RecordWriter *w)
{
  gint64 seg = w->c->settings.segment_size;
  int s = w->pending_s;
  while (w->pending_bytes > 0)
    {
      Subpartition *sp = subpartition (w, s);
      if (sp->open == NULL && !open_buffer (w, s))
        return FALSE;
      NetBuffer *b = sp->open;
      gint64 n = MIN (seg - b->segment->written, w->pending_bytes);
      b->bytes += n;
      b->segment->written += n;
      w->pending_bytes -= n;
      if (w->pending_bytes == 0)
        fsim_sched_net_buffer_add (b, &w->pending_record);
      if (b->segment->written == seg)
        finish_open (w, s);
    }
  w->pending = FALSE;
  return TRUE;
}

gboolean
fsim_sched_writer_append (RecordWriter *w, int s, const RecordFact *r, gint64 *written)
{
  g_assert (!w->pending);
  g_assert (s >= 0 && s < w->n_subpartitions);
  w->pending = TRUE;
  w->pending_s = s;
  w->pending_record = *r;
  gint64 wire = fsim_sched_element_bytes (r, w->c->settings.record_size);
  w->pending_bytes = wire;
  gboolean done = write_pending (w);
  if (written)
    *written = wire - w->pending_bytes;
  return done;
}

gboolean
fsim_sched_writer_retry (RecordWriter *w)
{
  return !w->pending || write_pending (w);
}

gboolean
fsim_sched_writer_has_pending (const RecordWriter *w)
{
  return w->pending;
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

/* Which subpartitions a walk visits. */
typedef enum {
  UNSENT_DATA,                  /* data written since the last flush */
  OPEN_BUILDER,                 /* an open BufferBuilder at all */
  HAS_CHANNEL,                  /* a channel (it carried something) */
} Which;

static gboolean
visited (const Subpartition *sp, Which which)
{
  switch (which)
    {
    case UNSENT_DATA: return sp->open && sp->open->bytes > 0;
    case OPEN_BUILDER: return sp->open && sp->open->segment->written > 0;
    case HAS_CHANNEL: return sp->ch != NULL;
    }
  g_assert_not_reached ();
}

/* The subpartitions `which` names, in index order (the table is never
 * iterated to decide behaviour). */
static GArray *
subpartitions_in_order (RecordWriter *w, Which which)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, w->subpartitions);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      if (visited (value, which))
        {
          int k = GPOINTER_TO_INT (key);
          g_array_append_val (keys, k);
        }
    }
  g_array_sort (keys, compare_int);
  return keys;
}

void
fsim_sched_writer_flush_all (RecordWriter *w)
{
  g_autoptr (GArray) keys = subpartitions_in_order (w, UNSENT_DATA);
  for (guint i = 0; i < keys->len; i++)
    flush_open (w, g_array_index (keys, int, i));
}

void
fsim_sched_writer_finish (RecordWriter *w)
{
  g_assert (!w->pending);
  /* finishBufferBuilders: every open builder is finished and sent */
  g_autoptr (GArray) keys = subpartitions_in_order (w, OPEN_BUILDER);
  for (guint i = 0; i < keys->len; i++)
    finish_open (w, g_array_index (keys, int, i));
  for (int s = 0; s < w->n_subpartitions; s++)
    {
      NetBuffer *eop = fsim_sched_net_buffer_new (w, s);
      eop->end_of_partition = TRUE;
      send_item (w, s, eop, FSIM_CHANNEL_EVENT);
    }
}

/* EventSerializer: a CheckpointBarrier is its type, id, timestamp and
 * CheckpointOptions (38 bytes with the default location); a
 * CancelCheckpointMarker its type and id. */
#define BARRIER_BYTES 38
#define CANCEL_MARKER_BYTES 12

/* Output channel state: what a priority barrier of checkpoint id overtakes
 * in ch's queue (ahead of before_seq), which ch's consumer replays. */
typedef struct {
  FsimCluster *c;
  gint64 id;
  const DataChannel *ch;
} Overtaken;

static void
persist_overtaken (gpointer payload, gpointer data)
{
  const Overtaken *o = data;
  const NetBuffer *b = payload;
  fsim_sched_channel_state_add (o->c, o->id, o->ch->consumer.vertex, o->ch->consumer.subtask,
                                b->records, b->n_records);
}

static void
persist_queued (RecordWriter *w, const DataChannel *ch, gint64 id, guint64 before_seq)
{
  Overtaken o = { w->c, id, ch };
  fsim_channel_foreach_queued_data (ch->wire, before_seq, persist_overtaken, &o);
}

gint64
fsim_sched_writer_broadcast_checkpoint_event (RecordWriter *w, const FsimCheckpointBarrier *barrier,
                                              gboolean cancel)
{
  g_assert (!w->pending);
  /* finishBroadcastBufferBuilder, finishUnicastBufferBuilders */
  g_autoptr (GArray) keys = subpartitions_in_order (w, OPEN_BUILDER);
  for (guint i = 0; i < keys->len; i++)
    finish_open (w, g_array_index (keys, int, i));
  FsimCheckpointBarrier b = *barrier;
  /* RecordWriterOutput.broadcastEvent: no barrier that needs channel
   * state (unaligned, or aligned with a timeout: CheckpointOptions.
   * needsChannelState) on an edge that does not support it; it goes
   * FORCED_ALIGNED instead, never timeoutable (withUnalignedUnsupported) */
  if (!w->partition->result->data_set->stream_edge->supports_unaligned
      && (b.alignment == FSIM_ALIGNMENT_UNALIGNED
          || (b.alignment == FSIM_ALIGNMENT_ALIGNED && !b.forced_aligned
              && b.aligned_timeout_us > 0)))
    {
      b.alignment = FSIM_ALIGNMENT_ALIGNED;
      b.forced_aligned = TRUE;
      b.forced_timeout_us = b.aligned_timeout_us;
      b.aligned_timeout_us = 0;
    }
  gboolean priority = !cancel && b.alignment == FSIM_ALIGNMENT_UNALIGNED;
  guint flags = FSIM_CHANNEL_EVENT;
  if (priority)
    flags |= FSIM_CHANNEL_PRIORITY;
  else if (!cancel && fsim_checkpoint_barrier_blocks_upstream (&b))
    flags |= FSIM_CHANNEL_BLOCKS;
  gint64 persisted = 0;
  for (int s = 0; s < w->n_subpartitions; s++)
    {
      DataChannel *ch = channel_of (w, s);
      FsimChannelCounts n;
      fsim_channel_get_counts (ch->wire, &n);
      NetBuffer *ev = fsim_sched_net_buffer_new (w, s);
      ev->checkpoint_event = TRUE;
      ev->cancel = cancel;
      ev->priority = priority;
      ev->barrier = b;
      ev->sent_us = fsim_sim_now (w->c->sim);
      ev->queued_ahead = (int) n.queued_data_items;
      ev->bytes = cancel ? CANCEL_MARKER_BYTES : BARRIER_BYTES;
      /* PipelinedSubpartition.processPriorityBuffer: the buffers it
       * overtakes are the subpartition's output channel state */
      if (priority)
        {
          persisted += (gint64) n.queued_bytes;
          persist_queued (w, ch, b.id, G_MAXUINT64);
        }
      ev->seq = fsim_channel_send (ch->wire, ev, (gsize) ev->bytes, flags,
                                   (GDestroyNotify) fsim_sched_net_buffer_free);
      Subpartition *sp = subpartition (w, s);
      sp->barrier_id = !cancel && fsim_checkpoint_barrier_is_timeoutable (&b) ? b.id : 0;
      sp->barrier_seq = ev->seq;
    }
  return persisted;
}

gint64
fsim_sched_writer_barrier_timeout (RecordWriter *w, gint64 id)
{
  gint64 persisted = 0;
  g_autoptr (GArray) keys = subpartitions_in_order (w, HAS_CHANNEL);
  for (guint i = 0; i < keys->len; i++)
    {
      Subpartition *sp = peek (w, g_array_index (keys, int, i));
      if (sp->barrier_id != id)
        continue;
      sp->barrier_id = 0;
      persist_queued (w, sp->ch, id, sp->barrier_seq);
      guint64 overtaken = 0;
      NetBuffer *ev = fsim_channel_prioritize (sp->ch->wire, sp->barrier_seq, &overtaken);
      if (ev == NULL)
        continue;               /* it left already: the consumer's business */
      ev->priority = TRUE;
      ev->barrier.alignment = FSIM_ALIGNMENT_UNALIGNED;
      persisted += (gint64) overtaken;
    }
  return persisted;
}

gboolean
fsim_sched_writer_available (const RecordWriter *w)
{
  return w->blocking || fsim_sched_output_pool_available (&w->pool);
}

/* The subpartition at its cap with the lowest index, or -1. */
static int
capped_subpartition (const RecordWriter *w)
{
  int best = -1;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, w->pool.per_subpartition);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (GPOINTER_TO_INT (value) >= w->pool.max_per_subpartition
        && (best < 0 || GPOINTER_TO_INT (key) < best))
      best = GPOINTER_TO_INT (key);
  return best;
}

char *
fsim_sched_writer_describe_unavailable (const RecordWriter *w)
{
  int s = capped_subpartition (w);
  if (s < 0)
    return g_strdup_printf ("its output pool has all %d buffers in use (%d subpartitions x %d "
                            "+ %d floating)", w->pool.size, w->n_subpartitions,
                            w->c->settings.buffers_per_channel,
                            w->c->settings.floating_buffers_per_gate);
  const char *name = consumer_name (w, s);
  Subpartition *sp = peek (w, s);
  GString *why = g_string_new (NULL);
  g_string_printf (why, "output channel %d to %s holds %d buffers, the cap of %d "
                   "(max-buffers-per-channel)", s, name,
                   fsim_sched_output_pool_count (&w->pool, s), w->pool.max_per_subpartition);
  if (sp && sp->ch && sp->ch->remote)
    {
      FsimChannelCounts n;
      fsim_channel_get_counts (sp->ch->wire, &n);
      if (n.credit == 0)
        g_string_append_printf (why, ": it has 0 credits, the receiver's %d exclusive and its "
                                "floating buffers are all queued",
                                w->c->settings.buffers_per_channel);
    }
  else
    g_string_append (why, ": the consumer in the same TaskManager has not read them yet");
  return g_string_free (why, FALSE);
}

void
fsim_sched_writer_channel_states (RecordWriter *w, GArray *out)
{
  g_autoptr (GArray) keys = subpartitions_in_order (w, HAS_CHANNEL);
  const FsimExecutionVertex *producer = w->producer->vertex;
  for (guint i = 0; i < keys->len; i++)
    {
      int s = g_array_index (keys, int, i);
      DataChannel *ch = peek (w, s)->ch;
      FsimChannelCounts n;
      fsim_channel_get_counts (ch->wire, &n);
      const FsimExecutionVertex *consumer = consumer_of (w, s);
      FsimChannelState st = {
        .producer_vertex = producer->job_vertex->index, .producer_subtask = producer->subtask,
        .consumer_vertex = consumer->job_vertex->index, .consumer_subtask = consumer->subtask,
        .subpartition = s, .remote = ch->remote,
        .backlog = n.queued_data_items, .credit = ch->remote ? n.credit : -1,
        .queued = (gint64) g_queue_get_length (&ch->received) + n.in_flight_items,
      };
      g_array_append_val (out, st);
    }
}

void
fsim_sched_writer_trace_channels (RecordWriter *w)
{
  g_autoptr (GArray) states = g_array_new (FALSE, FALSE, sizeof (FsimChannelState));
  fsim_sched_writer_channel_states (w, states);
  for (guint i = 0; i < states->len; i++)
    {
      const FsimChannelState *st = &g_array_index (states, FsimChannelState, i);
      g_autofree char *detail = g_strdup_printf ("subpartition %d to %s", st->subpartition,
                                                 consumer_name (w, st->subpartition));
      FsimTraceRecord r = fsim_sched_execution_record (w->c, w->producer,
                                                       FSIM_SCHED_KIND_CHANNEL_SAMPLE,
                                                       st->remote ? "remote: a buffer is sent "
                                                       "only with a credit"
                                                       : "local: no credits, bounded by the "
                                                       "producer's pool");
      r.channel = st->subpartition;
      r.detail = detail;
      r.values[FSIM_CHANNEL_SAMPLE_VALUE_BACKLOG] = st->backlog;
      r.values[FSIM_CHANNEL_SAMPLE_VALUE_CREDIT] = st->credit;
      r.values[FSIM_CHANNEL_SAMPLE_VALUE_QUEUED] = st->queued;
      r.values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX] = st->consumer_vertex;
      r.values[FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK] = st->consumer_subtask;
      fsim_sched_cluster_trace (w->c, &r);
    }
}
