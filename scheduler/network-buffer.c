/* network-buffer.c - network buffers and the pools they come from.
 *
 * A NetBuffer is one network buffer (a MemorySegment of
 * taskmanager.memory.segment-size bytes) as the RecordWriter filled it,
 * with the exact facts of every record whose last byte is in it.
 *
 * OutputPool is a ResultPartition's LocalBufferPool for a
 * PIPELINED_BOUNDED partition of n subpartitions
 * (ResultPartitionFactory.createBufferPoolFactory, LocalBufferPool):
 *   size       n * buffers-per-channel + floating-buffers-per-gate
 *              (NettyShuffleUtils.getMinMaxNetworkBuffersPerResultPartition's
 *              max; the NetworkBufferPool is assumed large enough to give
 *              every pool its max);
 *   request    a segment within the size, else an overdraft segment while
 *              fewer than max-overdraft-buffers-per-gate are out; the
 *              per-subpartition cap is NOT checked here (a record being
 *              written always gets a segment if one exists);
 *   available  a segment is left within the size and no subpartition holds
 *              max-buffers-per-channel or more (LocalBufferPool's
 *              availability, which the task checks before taking input);
 *   recycle    a remote buffer when Netty has written it, a local one when
 *              the consumer has deserialized it.
 * Tests: LocalBufferPoolTest.testMaxBuffersPerChannelAndAvailability and
 * testOverdraftBufferAndAvailability, replayed in tests/scheduler-network.c.
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

NetBuffer *
fsim_sched_net_buffer_new (RecordWriter *writer, int subpartition)
{
  NetBuffer *b = g_new0 (NetBuffer, 1);
  b->writer = writer;
  b->subpartition = subpartition;
  return b;
}

void
fsim_sched_net_buffer_free (NetBuffer *b)
{
  if (b == NULL)
    return;
  /* freed with the cluster: the pool no longer matters */
  fsim_sched_net_buffer_drop_segment (b);
  g_free (b->records);
  g_free (b);
}

void
fsim_sched_net_buffer_add (NetBuffer *b, const RecordFact *r)
{
  if (b->n_records == b->cap)
    {
      b->cap = b->cap ? b->cap * 2 : 16;
      b->records = g_renew (RecordFact, b->records, b->cap);
    }
  b->records[b->n_records++] = *r;
}

void
fsim_sched_output_pool_init (OutputPool *pool, const FsimClusterSettings *s, int n_subpartitions)
{
  *pool = (OutputPool) {
    .size = n_subpartitions * s->buffers_per_channel + s->floating_buffers_per_gate,
    .max_per_subpartition = s->max_buffers_per_channel,
    .max_overdraft = s->max_overdraft_buffers,
    .per_subpartition = g_hash_table_new (NULL, NULL),
  };
}

void
fsim_sched_output_pool_clear (OutputPool *pool)
{
  g_clear_pointer (&pool->per_subpartition, g_hash_table_unref);
}

int
fsim_sched_output_pool_count (const OutputPool *pool, int s)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (pool->per_subpartition, GINT_TO_POINTER (s)));
}

static void
set_count (OutputPool *pool, int s, int n)
{
  int before = fsim_sched_output_pool_count (pool, s);
  if (before >= pool->max_per_subpartition && n < pool->max_per_subpartition)
    pool->at_cap--;
  else if (before < pool->max_per_subpartition && n >= pool->max_per_subpartition)
    pool->at_cap++;
  if (n == 0)
    g_hash_table_remove (pool->per_subpartition, GINT_TO_POINTER (s));
  else
    g_hash_table_insert (pool->per_subpartition, GINT_TO_POINTER (s), GINT_TO_POINTER (n));
}

gboolean
fsim_sched_output_pool_request (OutputPool *pool, int s)
{
  if (pool->requested >= pool->size + pool->max_overdraft)
    return FALSE;
  pool->requested++;
  set_count (pool, s, fsim_sched_output_pool_count (pool, s) + 1);
  return TRUE;
}

void
fsim_sched_output_pool_recycle (OutputPool *pool, int s)
{
  int n = fsim_sched_output_pool_count (pool, s);
  g_assert (n > 0 && pool->requested > 0);
  pool->requested--;
  set_count (pool, s, n - 1);
}

gboolean
fsim_sched_output_pool_available (const OutputPool *pool)
{
  return pool->requested < pool->size && pool->at_cap == 0;
}
