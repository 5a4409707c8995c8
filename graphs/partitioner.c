/* partitioner.c - Flink's StreamPartitioner catalogue: names, pointwise, broadcast. */
#include "config.h"

#include "graphs/graphs-private.h"

static const struct {
  const char *name;             /* StreamPartitioner.toString() */
  gboolean pointwise;           /* isPointwise() */
  gboolean broadcast;           /* isBroadcast() */
} partitioners[FSIM_PARTITIONER_COUNT] = {
  [FSIM_PARTITIONER_FORWARD]   = { "FORWARD",   TRUE,  FALSE },
  [FSIM_PARTITIONER_RESCALE]   = { "RESCALE",   TRUE,  FALSE },
  [FSIM_PARTITIONER_REBALANCE] = { "REBALANCE", FALSE, FALSE },
  [FSIM_PARTITIONER_SHUFFLE]   = { "SHUFFLE",   FALSE, FALSE },
  [FSIM_PARTITIONER_BROADCAST] = { "BROADCAST", FALSE, TRUE },
  [FSIM_PARTITIONER_HASH]      = { "HASH",      FALSE, FALSE },
  [FSIM_PARTITIONER_GLOBAL]    = { "GLOBAL",    FALSE, FALSE },
  [FSIM_PARTITIONER_CUSTOM]    = { "CUSTOM",    FALSE, FALSE },
};

G_DEFINE_QUARK (fsim-graphs-error-quark, fsim_graphs_error)

const char *
fsim_partitioner_name (FsimPartitioner p)
{
  g_assert ((unsigned) p < FSIM_PARTITIONER_COUNT);
  return partitioners[p].name;
}

gboolean
fsim_partitioner_from_name (const char *name, FsimPartitioner *out)
{
  for (int i = 0; i < FSIM_PARTITIONER_COUNT; i++)
    if (g_strcmp0 (name, partitioners[i].name) == 0)
      {
        *out = (FsimPartitioner) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
fsim_partitioner_is_pointwise (FsimPartitioner p)
{
  g_assert ((unsigned) p < FSIM_PARTITIONER_COUNT);
  return partitioners[p].pointwise;
}

gboolean
fsim_partitioner_is_broadcast (FsimPartitioner p)
{
  g_assert ((unsigned) p < FSIM_PARTITIONER_COUNT);
  return partitioners[p].broadcast;
}

const char *
fsim_chaining_strategy_name (FsimChainingStrategy s)
{
  switch (s)
    {
    case FSIM_CHAINING_ALWAYS: return "ALWAYS";
    case FSIM_CHAINING_HEAD: return "HEAD";
    case FSIM_CHAINING_NEVER: return "NEVER";
    case FSIM_CHAINING_HEAD_WITH_SOURCES: return "HEAD_WITH_SOURCES";
    }
  g_assert_not_reached ();
}
