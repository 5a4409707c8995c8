/* channel-state.c - the in-flight records an unaligned checkpoint holds,
 * and their replay after a restore.
 *
 * An unaligned barrier overtakes the buffers queued ahead of it; Flink
 * persists what it overtakes as channel state (ChannelStateWriter): at the
 * producer, the buffers queued in each subpartition (output channel
 * state, PipelinedSubpartition.processPriorityBuffer), at the consumer,
 * what each input channel holds before its barrier and what arrives on it
 * until the barrier does (input channel state, ChannelStatePersister),
 * with the unread rest of the buffer being deserialized
 * (StreamTaskNetworkInput.prepareSnapshot). On a restore the consumer
 * reads all of it before any new input (SequentialChannelStateReader,
 * RecoveredInputChannel). Here every record of it is kept by checkpoint
 * and by the subtask that reads it on replay, and the set of their
 * identities tells the exactly-once ledger what a restore replays.
 */
#include "config.h"

#include "scheduler/scheduler-private.h"

typedef struct {
  GHashTable *identities;       /* gint64 set */
  GHashTable *by_reader;        /* (vertex << 32 | subtask) -> GArray of RecordFact */
} CheckpointChannelState;

static void
state_free (CheckpointChannelState *s)
{
  g_hash_table_unref (s->identities);
  g_hash_table_unref (s->by_reader);
  g_free (s);
}

static CheckpointChannelState *
state_of (FsimCluster *c, gint64 id, gboolean create)
{
  if (c->channel_state == NULL)
    {
      if (!create)
        return NULL;
      c->channel_state = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) state_free);
    }
  CheckpointChannelState *s = g_hash_table_lookup (c->channel_state, &id);
  if (s == NULL && create)
    {
      s = g_new0 (CheckpointChannelState, 1);
      s->identities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      s->by_reader = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
      g_hash_table_insert (c->channel_state, g_memdup2 (&id, sizeof id), s);
    }
  return s;
}

static gint64
reader_key (int vertex, int subtask)
{
  return (gint64) vertex << 32 | (guint32) subtask;
}

void
fsim_sched_channel_state_add (FsimCluster *c, gint64 id, int vertex, int subtask,
                              const RecordFact *records, guint n)
{
  CheckpointChannelState *s = NULL;
  GArray *a = NULL;
  for (guint i = 0; i < n; i++)
    {
      if (records[i].kind != ELEMENT_RECORD)
        continue;
      if (s == NULL)
        {
          s = state_of (c, id, TRUE);
          gint64 key = reader_key (vertex, subtask);
          a = g_hash_table_lookup (s->by_reader, &key);
          if (a == NULL)
            {
              a = g_array_new (FALSE, FALSE, sizeof (RecordFact));
              g_hash_table_insert (s->by_reader, g_memdup2 (&key, sizeof key), a);
            }
        }
      g_array_append_val (a, records[i]);
      gint64 identity = fsim_sched_record_identity (&records[i]);
      if (!g_hash_table_contains (s->identities, &identity))
        g_hash_table_add (s->identities, g_memdup2 (&identity, sizeof identity));
    }
}

GHashTable *
fsim_sched_channel_state_identities (FsimCluster *c, gint64 id)
{
  CheckpointChannelState *s = state_of (c, id, FALSE);
  return s ? s->identities : NULL;
}

GArray *
fsim_sched_channel_state_for (FsimCluster *c, gint64 id, int vertex, int subtask)
{
  CheckpointChannelState *s = state_of (c, id, FALSE);
  if (s == NULL)
    return NULL;
  gint64 key = reader_key (vertex, subtask);
  GArray *a = g_hash_table_lookup (s->by_reader, &key);
  return a ? g_array_ref (a) : NULL;
}

void
fsim_sched_channel_state_prune (FsimCluster *c, gint64 latest_completed)
{
  if (c->channel_state == NULL)
    return;
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, c->channel_state);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if (*(gint64 *) k < latest_completed)
      g_hash_table_iter_remove (&it);
}
