/* input-gate.c - the consumer's side of a channel: input channels, credits,
 * floating buffers and the gate's queue of channels with data.
 *
 * One DataChannel per (producer subpartition, consumer input channel)
 * (SingleInputGateFactory): a LocalInputChannel when both subtasks run in
 * one TaskManager, a RemoteInputChannel otherwise.
 *
 * Remote (RemoteInputChannel, BufferManager, CreditBasedPartitionRequest-
 * ClientHandler): the channel owns buffers-per-channel exclusive buffers
 * (2), which are the sender's initial credit, and borrows floating ones from
 * its gate's pool (floating-buffers-per-gate, 8). Each arriving buffer takes
 * a free receiver buffer, floating first (AvailableBufferQueue.takeBuffer),
 * and carries the sender's backlog: the channel then wants
 * backlog + initial credit free buffers and borrows floating ones until it
 * has them or the pool is empty, registering as the pool's listener
 * (requestFloatingBuffers); every buffer obtained is one credit, announced
 * to the sender (AddCredit) after sim.network-latency. When the task has
 * read a buffer it is recycled: an exclusive one returns to its channel
 * and is one more credit, unless the channel now has more free buffers
 * than it needs, then a floating one goes back to the pool instead
 * (addExclusiveBuffer); a floating one returns to the pool, which hands it
 * to the first waiting channel still short of buffers
 * (LocalBufferPool.recycle -> BufferManager.notifyBufferAvailable).
 *
 * Local (LocalInputChannel): no receiver buffers and no credits; the
 * consumer reads the producer's buffers, and each stays in the producer's
 * pool until the consumer has read it. The bound is the producer's pool.
 *
 * The gate queues channels as they become non-empty and the task takes one
 * buffer from the head channel, which goes to the tail if it has more
 * (SingleInputGate.pollNext, queueChannel); one queue over all inputs
 * (UnionInputGate; two-input tasks alternate per buffer here, not per
 * record, docs/design.md).
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

static int
gate_of (const FsimExecutionVertex *consumer, const FsimIntermediateResult *result, int *offset,
         int partition)
{
  for (guint k = 0; k < consumer->job_vertex->inputs->len; k++)
    if (consumer->consumed[k]->result == result)
      {
        *offset = partition - consumer->consumed[k]->partitions.start;
        return (int) k;
      }
  g_assert_not_reached ();
}

static Execution *
consumer_of (FsimCluster *c, const DataChannel *ch)
{
  ExecutionVertex *ev = fsim_sched_job_master_vertex (c->job, ch->consumer.vertex,
                                                      ch->consumer.subtask);
  Execution *e = ev->current;
  if (e->attempt != ch->consumer.attempt || fsim_execution_state_is_terminal (e->task_state))
    return NULL;
  if (e->slot && !e->slot->tm->alive)
    return NULL;
  return e;
}

static void deliver (FsimChannel *wire, FsimChannelItem *item, gpointer user_data);

/* Netty has written the buffer: the sender's segment is free again. */
static void
sent (FsimChannel *wire, const FsimChannelItem *item, gpointer user_data)
{
  (void) user_data;
  fsim_sched_net_buffer_release_segment (item->payload);
}

DataChannel *
fsim_sched_data_channel_new (FsimCluster *c, RecordWriter *w, int s)
{
  const FsimResultPartition *p = fsim_sched_writer_partition (w);
  const FsimConsumerVertexGroup *g = p->consumer_groups[0];
  int index = fsim_result_partition_get_subpartition_consumer (p, s);
  const FsimExecutionVertex *cv = &g->consumer->subtasks[index];
  Execution *consumer = fsim_sched_current (c->job, cv);
  Execution *producer = fsim_sched_writer_producer (w);
  DataChannel *ch = g_new0 (DataChannel, 1);
  ch->c = c;
  ch->writer = w;
  ch->subpartition = s;
  ch->consumer = fsim_sched_execution_id (consumer);
  ch->gate = gate_of (cv, p->result, &ch->channel_index, p->partition);
  gboolean local = producer->slot && consumer->slot && producer->slot->tm == consumer->slot->tm;
  gboolean blocking = fsim_result_partition_type_is_blocking (p->result->result_type);
  ch->remote = !local && !blocking;
  int B = c->settings.buffers_per_channel;
  ch->exclusive_free = ch->remote ? B : 0;
  ch->num_required = ch->remote ? B : 0;
  g_queue_init (&ch->received);
  ch->wire = fsim_channel_new (c->sim,
                               local ? c->settings.local_channel_latency_us
                                     : c->settings.network_latency_us,
                               ch->remote ? B : FSIM_CHANNEL_UNCREDITED, deliver, ch);
  if (ch->remote)
    fsim_channel_set_sent_func (ch->wire, sent, ch);
  return ch;
}

void
fsim_sched_data_channel_free (DataChannel *ch)
{
  if (ch == NULL)
    return;
  fsim_channel_free (ch->wire);
  g_queue_clear_full (&ch->received, (GDestroyNotify) fsim_sched_net_buffer_free);
  g_free (ch);
}

static int
available (const DataChannel *ch)
{
  return ch->exclusive_free + ch->floating_free;
}

static void
announce (DataChannel *ch, int credit)
{
  if (credit > 0)
    fsim_channel_add_credit (ch->wire, (guint) credit);
}

/* BufferManager.requestFloatingBuffers (backlog + initialCredit). */
static void
on_sender_backlog (DataChannel *ch, FloatingPool *pool, int backlog)
{
  ch->num_required = backlog + ch->c->settings.buffers_per_channel;
  int credit = 0;
  while (available (ch) < ch->num_required && !ch->waiting_floating)
    {
      if (pool->lent < pool->size)
        {
          pool->lent++;
          ch->floating_free++;
          ch->floating_held++;
          credit++;
        }
      else
        {
          ch->waiting_floating = TRUE;
          g_queue_push_tail (&pool->waiting, ch);
        }
    }
  announce (ch, credit);
}

/* LocalBufferPool.recycle: the first listener that still needs a buffer
 * gets it (BufferManager.notifyBufferAvailable); one that no longer does
 * stops listening. */
static void
floating_returned (FloatingPool *pool)
{
  pool->lent--;
  while (!g_queue_is_empty (&pool->waiting))
    {
      DataChannel *l = g_queue_pop_head (&pool->waiting);
      if (consumer_of (l->c, l) == NULL || available (l) >= l->num_required)
        {
          l->waiting_floating = FALSE;
          continue;
        }
      pool->lent++;
      l->floating_free++;
      l->floating_held++;
      if (available (l) == l->num_required)
        l->waiting_floating = FALSE;
      else
        g_queue_push_tail (&pool->waiting, l);
      announce (l, 1);
      return;
    }
}

static void
deliver (FsimChannel *wire, FsimChannelItem *item, gpointer user_data)
{
  DataChannel *ch = user_data;
  NetBuffer *b = item->payload;
  Execution *e = consumer_of (ch->c, ch);
  if (e == NULL)
    {
      /* the consumer is gone: a local buffer goes back to its producer */
      fsim_sched_net_buffer_release_segment (b);
      fsim_sched_net_buffer_free (b);
      return;
    }
  if (ch->remote && !ch->known)
    {
      ch->known = TRUE;
      fsim_sched_stream_task_gate (ch->c, e);
      fsim_sched_stream_task_input_channel (e, ch);
    }
  if (ch->remote && !fsim_sched_net_buffer_is_event (b))
    {
      if (ch->floating_free > 0)
        {
          ch->floating_free--;
          b->floating = TRUE;
        }
      else
        {
          /* the sender spent a credit: a free exclusive buffer waits for it */
          g_assert (ch->exclusive_free > 0);
          ch->exclusive_free--;
        }
      on_sender_backlog (ch, fsim_sched_stream_task_floating (e, ch->gate), (int) item->backlog);
    }
  fsim_sched_gate_deliver (ch, b);
}

void
fsim_sched_gate_recycle (DataChannel *ch, NetBuffer *b)
{
  if (fsim_sched_net_buffer_is_event (b))
    return;
  if (!ch->remote)
    {
      fsim_sched_net_buffer_release_segment (b);
      return;
    }
  Execution *e = consumer_of (ch->c, ch);
  if (e == NULL)
    return;
  FloatingPool *pool = fsim_sched_stream_task_floating (e, ch->gate);
  if (b->floating)
    {
      ch->floating_held--;
      floating_returned (pool);
      return;
    }
  /* AvailableBufferQueue.addExclusiveBuffer */
  ch->exclusive_free++;
  if (available (ch) > ch->num_required && ch->floating_free > 0)
    {
      ch->floating_free--;
      ch->floating_held--;
      floating_returned (pool);
      return;
    }
  announce (ch, 1);
}

/* RemoteInputChannel.onBuffer of a priority event: ahead of what the
 * channel holds, behind earlier priority events (PrioritizedDeque), and
 * the channel to the head of the gate's queue (SingleInputGate.
 * notifyPriorityEvent: the task polls it next). */
static void
push_priority (DataChannel *ch, InputGate *gate, NetBuffer *b)
{
  GList *at = ch->received.head;
  while (at && ((NetBuffer *) at->data)->priority)
    at = at->next;
  if (at)
    g_queue_insert_before (&ch->received, at, b);
  else
    g_queue_push_tail (&ch->received, b);
  if (ch->queued)
    g_queue_remove (&gate->with_data, ch);
  ch->queued = TRUE;
  g_queue_push_head (&gate->with_data, ch);
}

void
fsim_sched_channel_to_priority (DataChannel *ch, NetBuffer *b)
{
  Execution *e = consumer_of (ch->c, ch);
  g_assert (e != NULL);
  InputGate *gate = fsim_sched_stream_task_gate (ch->c, e);
  g_queue_remove (&ch->received, b);
  push_priority (ch, gate, b);
}

void
fsim_sched_gate_deliver (DataChannel *ch, NetBuffer *b)
{
  Execution *e = consumer_of (ch->c, ch);
  InputGate *gate = fsim_sched_stream_task_gate (ch->c, e);
  TaskCheckpoint *tc = fsim_sched_stream_task_checkpoint (e);
  if (tc && fsim_sched_task_checkpoint_on_arrival (tc, ch, b))
    {
      push_priority (ch, gate, b);
      fsim_sched_stream_task_wake (ch->c, e);
      return;
    }
  g_queue_push_tail (&ch->received, b);
  if (ch->c->settings.trace_buffers && !fsim_sched_net_buffer_is_event (b))
    {
      FsimTraceRecord r = fsim_sched_execution_record (
        ch->c, e, FSIM_SCHED_KIND_BUFFER_RECEIVED,
        ch->remote ? "RemoteInputChannel.onBuffer: the buffer took a free receiver buffer "
                     "(floating first) and told the sender's backlog"
                   : "LocalInputChannel: the consumer can read the producer's buffer");
      g_autofree char *detail = g_strdup_printf (
        "input %d, channel %d (%s): %" G_GINT64_FORMAT " byte%s, %u element%s; %u queued",
        ch->gate, ch->channel_index, ch->remote ? "remote" : "local", b->bytes,
        b->bytes == 1 ? "" : "s", b->n_records,
        b->n_records == 1 ? "" : "s", g_queue_get_length (&ch->received));
      r.channel = ch->channel_index;
      r.detail = detail;
      r.values[0] = b->bytes;
      r.values[1] = b->n_records;
      r.values[2] = g_queue_get_length (&ch->received);
      fsim_sched_cluster_trace (ch->c, &r);
    }
  if (!ch->queued)
    {
      ch->queued = TRUE;
      g_queue_push_tail (&gate->with_data, ch);
    }
  fsim_sched_stream_task_wake (ch->c, e);
}

NetBuffer *
fsim_sched_gate_poll (Execution *e, DataChannel **from)
{
  InputGate *gate = fsim_sched_stream_task_gate (NULL, e);
  DataChannel *ch = g_queue_pop_head (&gate->with_data);
  if (ch == NULL)
    return NULL;
  NetBuffer *b = g_queue_pop_head (&ch->received);
  g_assert (b != NULL);
  if (g_queue_is_empty (&ch->received))
    ch->queued = FALSE;
  else
    g_queue_push_tail (&gate->with_data, ch);
  *from = ch;
  return b;
}
