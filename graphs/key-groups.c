/* key-groups.c - which subtask owns a key: KeyGroupRangeAssignment.
 *
 * Flink never hashes a key straight onto a subtask. It hashes the key's
 * hashCode() once more with murmur (MathUtils.murmurHash) into one of
 * max-parallelism key groups, and gives every subtask a contiguous range of
 * key groups. Rescaling then moves whole key groups, which is why the max
 * parallelism of a keyed operator can never change once state exists.
 *
 * Everything is 32-bit two's complement like Java's int: the arithmetic is
 * done on guint32 so that overflow wraps instead of being undefined. */
#include "config.h"

#include "graphs/graphs-private.h"

static guint32
rotate_left (guint32 x, int n)
{
  return (x << n) | (x >> (32 - n));
}

/* MathUtils.bitMix: murmur3's 32-bit finaliser. */
static guint32
bit_mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x85ebca6bu;
  x ^= x >> 13;
  x *= 0xc2b2ae35u;
  x ^= x >> 16;
  return x;
}

int
fsim_murmur_hash (gint32 code)
{
  guint32 x = (guint32) code;
  x *= 0xcc9e2d51u;
  x = rotate_left (x, 15);
  x *= 0x1b873593u;
  x = rotate_left (x, 13);
  x = x * 5u + 0xe6546b64u;
  x ^= 4u;
  x = bit_mix (x);
  gint32 h = (gint32) x;
  /* A key group index must be >= 0; -MIN_VALUE overflows, so Flink maps
   * MIN_VALUE to 0 instead of negating it. */
  if (h >= 0)
    return h;
  if (h != G_MININT32)
    return -h;
  return 0;
}

gint32
fsim_java_string_hash_code (const char *utf8)
{
  /* String.hashCode: s[0]*31^(n-1) + … + s[n-1] over UTF-16 code units,
   * so characters beyond the BMP count as their two surrogates. */
  guint32 h = 0;
  if (!g_utf8_validate (utf8, -1, NULL))
    {
      /* not UTF-8: read it as Latin-1, one char per byte */
      for (const guchar *b = (const guchar *) utf8; *b; b++)
        h = 31u * h + *b;
      return (gint32) h;
    }
  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c > 0xffff)
        {
          gunichar v = c - 0x10000;
          h = 31u * h + (0xd800 + (v >> 10));
          h = 31u * h + (0xdc00 + (v & 0x3ff));
        }
      else
        h = 31u * h + c;
    }
  return (gint32) h;
}

gint32
fsim_java_long_hash_code (gint64 value)
{
  /* Long.hashCode: (int) (value ^ (value >>> 32)) */
  guint64 v = (guint64) value;
  return (gint32) (guint32) (v ^ (v >> 32));
}

int
fsim_key_group_for_hash (gint32 key_hash, int max_parallelism)
{
  g_assert (max_parallelism > 0);
  return fsim_murmur_hash (key_hash) % max_parallelism;
}

int
fsim_key_group_operator_index (int max_parallelism, int parallelism, int key_group)
{
  g_assert (max_parallelism > 0 && parallelism > 0);
  g_assert (key_group >= 0 && key_group < max_parallelism);
  /* both <= 32768, so the product fits an int as in Flink */
  return key_group * parallelism / max_parallelism;
}

int
fsim_key_group_assign_to_subtask (gint32 key_hash, int max_parallelism, int parallelism)
{
  return fsim_key_group_operator_index (max_parallelism, parallelism,
                                        fsim_key_group_for_hash (key_hash, max_parallelism));
}

FsimIndexRange
fsim_key_group_range_for_subtask (int max_parallelism, int parallelism, int subtask)
{
  g_assert (parallelism > 0 && parallelism <= FSIM_UPPER_BOUND_MAX_PARALLELISM);
  g_assert (max_parallelism >= parallelism
            && max_parallelism <= FSIM_UPPER_BOUND_MAX_PARALLELISM);
  g_assert (subtask >= 0 && subtask < parallelism);
  FsimIndexRange r;
  r.start = (subtask * max_parallelism + parallelism - 1) / parallelism;
  r.end = ((subtask + 1) * max_parallelism - 1) / parallelism;
  return r;
}
