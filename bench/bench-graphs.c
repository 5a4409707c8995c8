/* bench_execution_graph.c - how fast and how small the ExecutionGraph of a
 * very parallel job is. `make bench` runs it; it prints numbers and never
 * fails on speed (they vary with the machine).
 *
 * The point being measured: Flink keeps an all-to-all exchange as one
 * ConsumedPartitionGroup and one ConsumerVertexGroup (EdgeManagerBuildUtil),
 * so 10,000 x 10,000 subtasks cost O(20,000), not 10^8 edges. Memory is the
 * heap the graphs still hold after building (mallinfo2) and the process'
 * peak resident size so far. Wall-clock time is read here only. */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <sys/resource.h>

#include "graphs/graphs.h"

static gsize
heap_in_use (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 mi = mallinfo2 ();
  return mi.uordblks + mi.hblkhd;
#else
  return 0;
#endif
}

static long
peak_rss_kib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static FsimStreamNode *
node (FsimStreamGraph *g, int id, const char *name, int p, FsimOperatorKind kind)
{
  FsimStreamNode *n = fsim_stream_graph_add_node (g, id, name, kind);
  n->parallelism = p;
  n->is_source = kind == FSIM_OPERATOR_SOURCE;
  return n;
}

/* Source(p) -partitioner-> Window(p) -forward-> Sink(p). */
static void
bench (const char *what, int p, FsimPartitioner partitioner)
{
  g_autoptr (FsimStreamGraph) sg = fsim_stream_graph_new ("bench");
  FsimStreamNode *src = node (sg, 1, "Source: Events", p, FSIM_OPERATOR_SOURCE);
  FsimStreamNode *win = node (sg, 2, "Window", p, FSIM_OPERATOR_ONE_INPUT);
  FsimStreamNode *sink = node (sg, 3, "Sink: Out", p, FSIM_OPERATOR_ONE_INPUT);
  fsim_stream_graph_add_edge (sg, src, win, 0, partitioner, FSIM_EXCHANGE_UNDEFINED);
  fsim_stream_graph_add_edge (sg, win, sink, 0, FSIM_PARTITIONER_FORWARD,
                              FSIM_EXCHANGE_UNDEFINED);

  gsize heap0 = heap_in_use ();
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new (sg, NULL, &error);
  if (jg == NULL)
    {
      fprintf (stderr, "%s: %s\n", what, error->message);
      exit (1);
    }
  gint64 t1 = g_get_monotonic_time ();
  g_autoptr (FsimExecutionGraph) eg = fsim_execution_graph_new (jg, &error);
  if (eg == NULL)
    {
      fprintf (stderr, "%s: %s\n", what, error->message);
      exit (1);
    }
  gint64 t2 = g_get_monotonic_time ();
  gsize heap = heap_in_use () - heap0;
  printf ("%-34s %6u subtasks %6u regions %6d slots  JobGraph %6.3f s  "
          "ExecutionGraph %6.3f s  heap %6.2f MiB  peak RSS %6.1f MiB\n",
          what, fsim_execution_graph_get_vertices (eg)->len,
          fsim_execution_graph_get_regions (eg)->len,
          fsim_execution_graph_get_slots_needed (eg),
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, heap / 1048576.0, peak_rss_kib () / 1024.0);
}

int
main (void)
{
  bench ("keyBy 4 x 4", 4, FSIM_PARTITIONER_HASH);
  bench ("keyBy 1,000 x 1,000", 1000, FSIM_PARTITIONER_HASH);
  bench ("keyBy 10,000 x 10,000", 10000, FSIM_PARTITIONER_HASH);
  bench ("rebalance 32,768 x 32,768", 32768, FSIM_PARTITIONER_REBALANCE);
  bench ("rescale 10,000 x 10,000", 10000, FSIM_PARTITIONER_RESCALE);
  return 0;
}
