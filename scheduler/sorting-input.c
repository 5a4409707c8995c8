/* sorting-input.c - a keyed operator's inputs sorted by key in BATCH
 * (Flink's SortingDataInput and MultiInputSortingDataInput).
 *
 * In BATCH, StreamGraphGenerator's translators give a keyed one-input
 * operator (OneInputTransformation with a state key selector,
 * ReduceTransformation, a keyed sink) InputRequirement.SORTED, and a
 * two-input operator SORTED for each keyed input and PASS_THROUGH for the
 * other, when execution.sorted-inputs.enabled (ExecutionOptions.SORT_INPUTS,
 * true by default) holds (BatchExecutionUtils.applyBatchExecutionSettings);
 * the task then wraps each SORTED network input in a SortingDataInput (one
 * input) or a MultiInputSortingDataInput (two). Such an input takes every
 * record into an ExternalSorter and emits nothing until its wrapped input
 * reports END_OF_DATA; then it sorts, and emits the records one at a time,
 * by key (the serialized key's bytes), records of one key by timestamp.
 * With two sorted inputs, nothing is emitted before both are sorted (and a
 * PASS_THROUGH input has ended: the InputSelector reads it first); then a
 * PriorityQueue of the inputs' heads hands out the smallest (key,
 * timestamp) of all, so one key's records of both inputs come together.
 * Watermarks are not forwarded while an input is sorted: it keeps the
 * largest it saw and emits it after its last record; watermark statuses
 * and latency markers are dropped.
 *
 * Modelled: the whole input held, a sort by key then timestamp, then input
 * (Flink's PriorityQueue leaves equal heads of two inputs in no defined
 * order; input 1 first here), then the record's identity, so that the order
 * is total and a run repeats itself (Flink's QuickSort leaves equal records
 * in no defined order); the largest watermark of each input after the
 * records. The time of the sort is n * ceil(log2 n) key comparisons per
 * sorted input of n records (about what a comparison sort needs; none for
 * n < 2), and with two sorted inputs one more comparison a record (the
 * queue of two heads), at sim.sort-comparison-cost ns each, rounded up to
 * the clock's microsecond. Taking a record in and handing it out cost no
 * time of their own, and the sorter never spills:
 * execution.sorted-inputs.memory (a managed memory weight, 128 MiB) is not
 * modelled. */
#include "config.h"

#include "scheduler/scheduler-private.h"

typedef struct {
  RecordFact r;
  int input;                    /* 0 or 1 */
} Entry;

struct _SortingInput {
  GArray *entries;              /* Entry: taken in, then sorted */
  gint64 taken[2];              /* records of each input */
  gboolean sorted;              /* END_OF_DATA came: entries are the output */
  guint next;                   /* the next entry to hand out */
  gint64 watermark_seen[2];     /* the largest watermark seen per input (ms) */
};

SortingInput *
fsim_sched_sorting_input_new (void)
{
  SortingInput *s = g_new0 (SortingInput, 1);
  s->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  s->watermark_seen[0] = s->watermark_seen[1] = G_MININT64;
  return s;
}

void
fsim_sched_sorting_input_free (SortingInput *s)
{
  if (s == NULL)
    return;
  g_array_unref (s->entries);
  g_free (s);
}

void
fsim_sched_sorting_input_take (SortingInput *s, int input, const RecordFact *r)
{
  g_assert (!s->sorted && r->kind == ELEMENT_RECORD && (input == 0 || input == 1));
  Entry e = { *r, input };
  g_array_append_val (s->entries, e);
  s->taken[input]++;
}

void
fsim_sched_sorting_input_watermark (SortingInput *s, int input, gint64 watermark)
{
  g_assert (input == 0 || input == 1);
  s->watermark_seen[input] = MAX (s->watermark_seen[input], watermark);
}

/* Key, then timestamp (SortingDataInput's order, and HeadElement.compareTo
 * across inputs), then input, then identity. */
static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *p = a, *q = b;
  const RecordFact *x = &p->r, *y = &q->r;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->timestamp_us != y->timestamp_us)
    return x->timestamp_us < y->timestamp_us ? -1 : 1;
  if (p->input != q->input)
    return p->input < q->input ? -1 : 1;
  if (x->origin != y->origin)
    return x->origin < y->origin ? -1 : 1;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

gint64
fsim_sched_sort_comparisons (gint64 n)
{
  if (n < 2)
    return 0;
  int log2_ceil = 0;
  while (log2_ceil < 63 && (G_GINT64_CONSTANT (1) << log2_ceil) < n)
    log2_ceil++;
  return n > G_MAXINT64 / log2_ceil ? G_MAXINT64 : n * log2_ceil;
}

gint64
fsim_sched_sort_time_us (gint64 comparisons, gint64 comparison_cost_ns)
{
  if (comparison_cost_ns > 0 && comparisons > G_MAXINT64 / comparison_cost_ns)
    return G_MAXINT64 / 1000;
  gint64 ns = comparisons * comparison_cost_ns;
  return ns / 1000 + (ns % 1000 != 0);
}

void
fsim_sched_sorting_input_end_of_data (SortingInput *s, int sorted_inputs, SortingInputStats *out)
{
  g_assert (!s->sorted && (sorted_inputs == 1 || sorted_inputs == 2));
  g_array_sort (s->entries, compare_entries);
  s->sorted = TRUE;
  *out = (SortingInputStats) { .records = s->entries->len };
  for (int in = 0; in < 2; in++)
    out->comparisons = MIN (G_MAXINT64 - out->comparisons,
                            fsim_sched_sort_comparisons (s->taken[in])) + out->comparisons;
  if (sorted_inputs == 2)
    out->comparisons = MIN (G_MAXINT64 - out->comparisons, out->records) + out->comparisons;
  for (guint i = 0; i < s->entries->len; i++)
    if (i == 0 || g_array_index (s->entries, Entry, i).r.key
                    != g_array_index (s->entries, Entry, i - 1).r.key)
      out->keys++;
}

gboolean
fsim_sched_sorting_input_reading (const SortingInput *s)
{
  return !s->sorted;
}

gboolean
fsim_sched_sorting_input_next (SortingInput *s, RecordFact *out, int *input)
{
  if (!s->sorted || s->next >= s->entries->len)
    return FALSE;
  const Entry *e = &g_array_index (s->entries, Entry, s->next++);
  *out = e->r;
  if (input)
    *input = e->input;
  return TRUE;
}

gboolean
fsim_sched_sorting_input_has_next (const SortingInput *s)
{
  return s->sorted && s->next < s->entries->len;
}

gint64
fsim_sched_sorting_input_watermark_seen (const SortingInput *s, int input)
{
  g_assert (input == 0 || input == 1);
  return s->watermark_seen[input];
}
