/* node-hash.c - JobVertexIDs and OperatorIDs as Flink computes them.
 *
 * StreamGraphHasherV2 hashes every StreamNode with Guava's murmur3_128
 * (seed 0): a node with uid() hashes the uid's UTF-8 bytes; any other node
 * hashes, as little-endian ints, the number of hashes computed so far, once
 * more per chainable output, and then folds in each input's hash byte by byte
 * (h[j] = h[j] * 37 ^ in[j]). Nodes are visited breadth-first from the
 * sources sorted by id; a node whose inputs are not all hashed yet is put
 * back and reached again later. Being exact here means flinksim prints the
 * same ids as a real Flink run: the first source of most jobs is
 * bc764cd8ddf7a0cff126f51c16239658.
 *
 * IntermediateDataSetID(JobVertexID, edgeId.hashCode()) and the edge id
 * string of StreamEdge live here too, since they are built from the same
 * hashes. */
#include "config.h"

#include <string.h>

#include "graphs/job-graph-private.h"

/* ---- MurmurHash3_x64_128, as Guava's Murmur3_128HashFunction ---- */

static guint64
rotl64 (guint64 x, int r)
{
  return (x << r) | (x >> (64 - r));
}

static guint64
fmix64 (guint64 k)
{
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  k ^= k >> 33;
  return k;
}

static guint64
load_le64 (const guint8 *p, gsize n)
{
  guint64 v = 0;
  for (gsize i = 0; i < n; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

static void
store_le64 (guint64 v, guint8 *p)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guint8) (v >> (8 * i));
}

void
fsim_murmur3_128 (const void *data, gsize len, guint8 out[FSIM_HASH_LEN])
{
  const guint64 c1 = G_GUINT64_CONSTANT (0x87c37b91114253d5);
  const guint64 c2 = G_GUINT64_CONSTANT (0x4cf5ad432745937f);
  const guint8 *bytes = data;
  guint64 h1 = 0, h2 = 0;       /* seed 0 */
  gsize nblocks = len / 16;

  for (gsize i = 0; i < nblocks; i++)
    {
      guint64 k1 = load_le64 (bytes + 16 * i, 8);
      guint64 k2 = load_le64 (bytes + 16 * i + 8, 8);
      k1 *= c1; k1 = rotl64 (k1, 31); k1 *= c2; h1 ^= k1;
      h1 = rotl64 (h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
      k2 *= c2; k2 = rotl64 (k2, 33); k2 *= c1; h2 ^= k2;
      h2 = rotl64 (h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
    }

  const guint8 *tail = bytes + 16 * nblocks;
  gsize rest = len % 16;
  if (rest > 8)
    {
      guint64 k2 = load_le64 (tail + 8, rest - 8);
      k2 *= c2; k2 = rotl64 (k2, 33); k2 *= c1; h2 ^= k2;
    }
  if (rest > 0)
    {
      guint64 k1 = load_le64 (tail, MIN (rest, 8));
      k1 *= c1; k1 = rotl64 (k1, 31); k1 *= c2; h1 ^= k1;
    }

  h1 ^= len;
  h2 ^= len;
  h1 += h2;
  h2 += h1;
  h1 = fmix64 (h1);
  h2 = fmix64 (h2);
  h1 += h2;
  h2 += h1;
  store_le64 (h1, out);
  store_le64 (h2, out + 8);
}

void
fsim_hash_to_hex (const guint8 hash[FSIM_HASH_LEN], char out[33])
{
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < FSIM_HASH_LEN; i++)
    {
      out[2 * i] = digits[hash[i] >> 4];
      out[2 * i + 1] = digits[hash[i] & 0xf];
    }
  out[32] = '\0';
}

/* ---- StreamGraphHasherV2 ---- */

static void
put_int (GByteArray *buf, guint32 v)
{
  guint8 le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
  g_byte_array_append (buf, le, 4);
}

/* generateDeterministicHash */
static guint8 *
deterministic_hash (const FsimStreamGraph *graph, const FsimStreamNode *node,
                    GHashTable *hashes)
{
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  guint32 local_id = g_hash_table_size (hashes);
  put_int (buf, local_id);
  for (guint i = 0; i < node->out_edges->len; i++)
    if (fsim_chaining_is_chainable (graph, node->out_edges->pdata[i]))
      put_int (buf, local_id);

  guint8 *hash = g_malloc (FSIM_HASH_LEN);
  fsim_murmur3_128 (buf->data, buf->len, hash);
  for (guint i = 0; i < node->in_edges->len; i++)
    {
      const FsimStreamEdge *in = node->in_edges->pdata[i];
      const guint8 *other = g_hash_table_lookup (hashes, GINT_TO_POINTER (in->source->id));
      g_assert (other != NULL);
      for (int j = 0; j < FSIM_HASH_LEN; j++)
        hash[j] = (guint8) (hash[j] * 37 ^ other[j]);
    }
  return hash;
}

static gboolean
all_inputs_hashed (const FsimStreamNode *node, GHashTable *hashes)
{
  for (guint i = 0; i < node->in_edges->len; i++)
    {
      const FsimStreamEdge *in = node->in_edges->pdata[i];
      if (!g_hash_table_contains (hashes, GINT_TO_POINTER (in->source->id)))
        return FALSE;
    }
  return TRUE;
}

/* generateNodeHash: FALSE (and no hash) if some input has none yet. */
static gboolean
node_hash (const FsimStreamGraph *graph, const FsimStreamNode *node,
           GHashTable *hashes, GError **error)
{
  guint8 *hash;
  if (node->uid == NULL)
    {
      if (!all_inputs_hashed (node, hashes))
        return FALSE;
      hash = deterministic_hash (graph, node, hashes);
    }
  else
    {
      hash = g_malloc (FSIM_HASH_LEN);
      fsim_murmur3_128 (node->uid, strlen (node->uid), hash);
      /* any order will do: this only asks whether an equal hash exists */
      GHashTableIter it;
      gpointer value;
      g_hash_table_iter_init (&it, hashes);
      while (g_hash_table_iter_next (&it, NULL, &value))
        if (memcmp (value, hash, FSIM_HASH_LEN) == 0)
          {
            g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_INVALID,
                         _("Hash collision on user-specified ID \"%s\". Most likely cause "
                           "is a non-unique ID. Please check that all IDs specified via "
                           "`uid(String)` are unique."), node->uid);
            g_free (hash);
            return FALSE;
          }
    }
  g_hash_table_insert (hashes, GINT_TO_POINTER (node->id), hash);
  return TRUE;
}

GHashTable *
fsim_node_hashes_new (const FsimStreamGraph *graph, GError **error)
{
  g_autoptr (GHashTable) hashes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GHashTable) visited = g_hash_table_new (NULL, NULL);
  g_autoptr (GQueue) remaining = g_queue_new ();
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);

  /* streamGraph.getSourceIDs(), sorted; nodes are kept sorted by id */
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = nodes->pdata[i];
      if (n->is_source || n->in_edges->len == 0)
        {
          g_queue_push_tail (remaining, n);
          g_hash_table_add (visited, GINT_TO_POINTER (n->id));
        }
    }

  FsimStreamNode *current;
  while ((current = g_queue_pop_head (remaining)) != NULL)
    {
      GError *local = NULL;
      if (node_hash (graph, current, hashes, &local))
        {
          for (guint i = 0; i < current->out_edges->len; i++)
            {
              FsimStreamNode *child = ((FsimStreamEdge *) current->out_edges->pdata[i])->target;
              if (!g_hash_table_contains (visited, GINT_TO_POINTER (child->id)))
                {
                  g_queue_push_tail (remaining, child);
                  g_hash_table_add (visited, GINT_TO_POINTER (child->id));
                }
            }
        }
      else if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      else
        g_hash_table_remove (visited, GINT_TO_POINTER (current->id));
    }
  return g_steal_pointer (&hashes);
}

void
fsim_intermediate_data_set_id (const guint8 vertex[FSIM_HASH_LEN], gint32 edge_hash,
                               guint8 out[FSIM_HASH_LEN])
{
  /* AbstractID(bytes): lowerPart = first 8 bytes, upperPart = last 8, both
   * big-endian. IntermediateDataSetID(JobVertexID, int) passes
   * (upper + edgeId, lower + edgeId) as (lower, upper): the halves swap. */
  guint64 lower = 0, upper = 0;
  for (int i = 0; i < 8; i++)
    {
      lower = (lower << 8) | vertex[i];
      upper = (upper << 8) | vertex[8 + i];
    }
  guint64 add = (guint64) (gint64) edge_hash;
  guint64 new_lower = upper + add, new_upper = lower + add;
  for (int i = 0; i < 8; i++)
    {
      out[7 - i] = (guint8) (new_lower >> (8 * i));
      out[15 - i] = (guint8) (new_upper >> (8 * i));
    }
}

char *
fsim_stream_edge_id (const FsimStreamEdge *edge)
{
  return g_strdup_printf ("%s-%d_%s-%d_%d_%s_%d", edge->source->name, edge->source->id,
                          edge->target->name, edge->target->id, edge->type_number,
                          fsim_partitioner_name (edge->partitioner), edge->unique_id);
}
