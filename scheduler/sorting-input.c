/* sorting-input.c - a keyed operator's input sorted by key in BATCH
 * (Flink's SortingDataInput).
 *
 * In BATCH, StreamGraphGenerator's translators give a keyed one-input
 * operator (OneInputTransformation with a state key selector,
 * ReduceTransformation, a keyed sink) InputRequirement.SORTED when
 * execution.sorted-inputs.enabled (ExecutionOptions.SORT_INPUTS, true by
 * default) holds (BatchExecutionUtils.applyBatchExecutionSettings); the
 * task then wraps its network input in a SortingDataInput. That input
 * takes every record into an ExternalSorter and emits nothing until its
 * wrapped input reports END_OF_DATA; then it sorts, and emits the records
 * one at a time, by key (the serialized key's bytes), records of one key
 * by timestamp. Watermarks are not forwarded while it reads: it keeps the
 * largest it saw and emits it after the last record; watermark statuses
 * and latency markers are dropped.
 *
 * Modelled: the whole input held, a sort by key then timestamp (then the
 * record's identity, so that the order is total and a run repeats
 * itself; Flink's QuickSort leaves equal records in no defined order), the
 * largest watermark after the records. The time of the sort is
 * n * ceil(log2 n) key comparisons (about what a comparison sort needs;
 * none for n < 2) at sim.sort-comparison-cost ns each, rounded up to the
 * clock's microsecond. Taking a record in and handing it out cost no time
 * of their own, and the sorter never spills: execution.sorted-inputs.memory
 * (a managed memory weight, 128 MiB) is not modelled. */
#include "config.h"

#include "scheduler/scheduler-private.h"

struct _SortingInput {
  GArray *records;              /* RecordFact: taken in, then sorted */
  gboolean sorted;              /* END_OF_DATA came: records are the output */
  guint next;                   /* the next record to hand out */
  gint64 watermark_seen;        /* the largest watermark seen (ms) */
};

SortingInput *
fsim_sched_sorting_input_new (void)
{
  SortingInput *s = g_new0 (SortingInput, 1);
  s->records = g_array_new (FALSE, FALSE, sizeof (RecordFact));
  s->watermark_seen = G_MININT64;
  return s;
}

void
fsim_sched_sorting_input_free (SortingInput *s)
{
  if (s == NULL)
    return;
  g_array_unref (s->records);
  g_free (s);
}

void
fsim_sched_sorting_input_take (SortingInput *s, const RecordFact *r)
{
  g_assert (!s->sorted && r->kind == ELEMENT_RECORD);
  g_array_append_val (s->records, *r);
}

void
fsim_sched_sorting_input_watermark (SortingInput *s, gint64 watermark)
{
  s->watermark_seen = MAX (s->watermark_seen, watermark);
}

/* Key, then timestamp (SortingDataInput's order), then identity. */
static int
compare_records (gconstpointer a, gconstpointer b)
{
  const RecordFact *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->timestamp_us != y->timestamp_us)
    return x->timestamp_us < y->timestamp_us ? -1 : 1;
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
fsim_sched_sort_time_us (gint64 n, gint64 comparison_cost_ns)
{
  gint64 c = fsim_sched_sort_comparisons (n);
  if (comparison_cost_ns > 0 && c > G_MAXINT64 / comparison_cost_ns)
    return G_MAXINT64 / 1000;
  gint64 ns = c * comparison_cost_ns;
  return ns / 1000 + (ns % 1000 != 0);
}

void
fsim_sched_sorting_input_end_of_data (SortingInput *s, SortingInputStats *out)
{
  g_assert (!s->sorted);
  g_array_sort (s->records, compare_records);
  s->sorted = TRUE;
  *out = (SortingInputStats) { .records = s->records->len };
  for (guint i = 0; i < s->records->len; i++)
    if (i == 0 || g_array_index (s->records, RecordFact, i).key
                    != g_array_index (s->records, RecordFact, i - 1).key)
      out->keys++;
}

gboolean
fsim_sched_sorting_input_reading (const SortingInput *s)
{
  return !s->sorted;
}

gboolean
fsim_sched_sorting_input_next (SortingInput *s, RecordFact *out)
{
  if (!s->sorted || s->next >= s->records->len)
    return FALSE;
  *out = g_array_index (s->records, RecordFact, s->next++);
  return TRUE;
}

gboolean
fsim_sched_sorting_input_has_next (const SortingInput *s)
{
  return s->sorted && s->next < s->records->len;
}

gint64
fsim_sched_sorting_input_watermark_seen (const SortingInput *s)
{
  return s->watermark_seen;
}
