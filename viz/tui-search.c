/* tui-search.c - what `/` matches in a record, fast enough for a million.
 *
 * A record matches when the case-folded needle occurs in the case-folded
 * text "SUMMARY KIND WHY" (fsim_tui_record_summary: the label, or the
 * checkpoint or TaskManager, then "  FROM → TO" and "  DETAIL"). Building
 * and folding that text for every record cost 4.8 s on a trace of 1 M
 * records. Its parts are the trace's interned texts and static names, so:
 *  - each part is folded once, keyed by its pointer, in a cache the TUI
 *    keeps across searches (folding is character by character, so the fold
 *    of the text is the folds of its parts joined);
 *  - a needle without a space or an arrow cannot straddle two parts (every
 *    separator is made of those), so it matches when it occurs in one part,
 *    and whether it occurs in a part is remembered per pointer for the
 *    search, in an open-addressed table of pointers (Seen): a few probes a
 *    record, with no call through a hash function;
 *  - any other needle is sought in the folded parts joined in one buffer
 *    that is reused, which is the original text, folded, without a malloc. */
#include "config.h"

#include <string.h>

#include "viz/tui-private.h"

/* Part pointer -> whether the needle is in it (1 absent, 2 present; 0 an
 * empty slot), linear probing in a power-of-two table kept at most half
 * full. */
typedef struct {
  const void **keys;
  guint8 *known;
  gsize mask;                   /* capacity - 1 */
  gsize n;
} Seen;

static void
seen_init (Seen *s, gsize capacity)
{
  s->keys = g_new0 (const void *, capacity);
  s->known = g_new0 (guint8, capacity);
  s->mask = capacity - 1;
  s->n = 0;
}

static void
seen_clear (Seen *s)
{
  g_free (s->keys);
  g_free (s->known);
}

static gsize
seen_slot (const Seen *s, const void *key)
{
  /* Fibonacci hashing of the address, its low (alignment) bits dropped */
  gsize i = (gsize) (((guint64) (guintptr) key >> 3) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)
                     >> 20) & s->mask;
  while (s->known[i] && s->keys[i] != key)
    i = (i + 1) & s->mask;
  return i;
}

static void seen_put (Seen *s, const void *key, guint8 known);

static void
seen_grow (Seen *s)
{
  Seen bigger;
  seen_init (&bigger, (s->mask + 1) * 2);
  for (gsize i = 0; i <= s->mask; i++)
    if (s->known[i])
      seen_put (&bigger, s->keys[i], s->known[i]);
  seen_clear (s);
  *s = bigger;
}

static void
seen_put (Seen *s, const void *key, guint8 known)
{
  if ((s->n + 1) * 2 > s->mask + 1)
    seen_grow (s);
  gsize i = seen_slot (s, key);
  if (s->known[i] == 0)
    s->n++;
  s->keys[i] = key;
  s->known[i] = known;
}

struct _FsimTuiMatcher {
  char *needle;                 /* folded */
  gboolean straddles;           /* may span parts: search the joined text */
  GHashTable *folded;           /* borrowed: part -> its fold */
  Seen seen;                    /* part -> 1 absent, 2 present */
  GString *text;
};

FsimTuiMatcher *
fsim_tui_matcher_new (const char *text, GHashTable *folded)
{
  FsimTuiMatcher *m = g_new0 (FsimTuiMatcher, 1);
  m->needle = g_utf8_casefold (text, -1);
  m->straddles = strchr (m->needle, ' ') != NULL || strstr (m->needle, "\u2192") != NULL;
  m->folded = folded;
  seen_init (&m->seen, 1024);
  m->text = g_string_new (NULL);
  return m;
}

void
fsim_tui_matcher_free (FsimTuiMatcher *m)
{
  if (m == NULL)
    return;
  g_free (m->needle);
  seen_clear (&m->seen);
  g_string_free (m->text, TRUE);
  g_free (m);
}

/* s is a stable text (interned by the trace, or static). */
static const char *
fold (FsimTuiMatcher *m, const char *s)
{
  char *f = g_hash_table_lookup (m->folded, s);
  if (f == NULL)
    {
      f = g_utf8_casefold (s, -1);
      g_hash_table_insert (m->folded, (gpointer) s, f);
    }
  return f;
}

static gboolean
part_has (FsimTuiMatcher *m, const char *s)
{
  if (s == NULL)
    return FALSE;
  guint8 known = m->seen.known[seen_slot (&m->seen, s)];
  if (known == 0)
    {
      known = strstr (fold (m, s), m->needle) ? 2 : 1;
      seen_put (&m->seen, s, known);
    }
  return known == 2;
}

/* The summary's head when the record has no label: made for this record,
 * folded here. (transfer full) */
static char *
unlabelled_head (const FsimTraceRecord *r)
{
  g_autofree char *head = NULL;
  if (r->checkpoint >= 0)
    head = g_strdup_printf ("checkpoint %" G_GINT64_FORMAT, r->checkpoint);
  else if (r->taskmanager >= 0)
    head = g_strdup_printf ("TaskManager %d", r->taskmanager);
  return head ? g_utf8_casefold (head, -1) : NULL;
}

static void
append_part (FsimTuiMatcher *m, const char *sep, const char *s)
{
  g_string_append (m->text, sep);
  g_string_append (m->text, fold (m, s));
}

gboolean
fsim_tui_matcher_matches (FsimTuiMatcher *m, const FsimTraceRecord *r)
{
  const char *from = fsim_trace_record_from_name (r);
  const char *to = fsim_trace_record_to_name (r);
  if (to == NULL)
    from = NULL;                /* the summary shows FROM only beside TO */
  const char *label = r->label;
  g_autofree char *head = label ? NULL : unlabelled_head (r);
  if (label == NULL && head == NULL)
    label = r->kind->name;
  if (!m->straddles)
    return (head ? strstr (head, m->needle) != NULL : part_has (m, label))
           || part_has (m, from) || part_has (m, to) || part_has (m, r->detail)
           || part_has (m, r->kind->name) || part_has (m, r->why);
  g_string_assign (m->text, head ? head : fold (m, label));
  if (from)
    {
      append_part (m, "  ", from);
      append_part (m, " \u2192 ", to);
    }
  else if (to)
    append_part (m, "  \u2192 ", to);
  if (r->detail)
    append_part (m, "  ", r->detail);
  append_part (m, " ", r->kind->name);
  if (r->why)
    append_part (m, " ", r->why);
  else
    g_string_append_c (m->text, ' ');
  return strstr (m->text->str, m->needle) != NULL;
}
