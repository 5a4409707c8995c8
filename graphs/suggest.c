/* suggest.c - "did you mean …?": the nearest valid word by edit distance. */
#include "config.h"

#include <string.h>

#include "graphs/graphs-private.h"

/* Optimal string alignment distance (Damerau-Levenshtein without gaps),
 * case differences costing as much as any other change, so that keyby →
 * keyBy is distance 1. */
static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = g_new (guint, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = (guint) i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = (guint) j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint v = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);
        v = MIN (v, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          v = MIN (v, D (i - 2, j - 2) + 1);
        D (i, j) = v;
      }
  guint r = D (la, lb);
#undef D
  return r;
}

const char *
fsim_suggest (const char *word, const char *const *candidates)
{
  if (word == NULL || candidates == NULL)
    return NULL;
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  for (const char *const *c = candidates; *c; c++)
    {
      if (g_ascii_strcasecmp (word, *c) == 0)
        return *c;
      guint dist = edit_distance (word, *c);
      if (dist < best_d)
        {
          best_d = dist;
          best = *c;
        }
    }
  /* Close enough to be a typo: a third of the word, at least 2 edits. */
  guint limit = MAX (2, (guint) strlen (word) / 3);
  return best_d <= limit ? best : NULL;
}
