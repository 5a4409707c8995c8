/* bench-graphs.c - how fast and how small the graphs of a very parallel job
 * are: StreamGraph -> JobGraph -> ExecutionGraph -> pipelined regions.
 *
 * Flink keeps an all-to-all exchange as one ConsumedPartitionGroup and one
 * ConsumerVertexGroup (EdgeManagerBuildUtil), so 10,000 x 10,000 subtasks cost
 * O(20,000), not 10^8 edges; so does flinksim. Flink's figures beside ours are
 * the ones the Flink 1.14 scheduler work published for the same shapes
 * ("How We Improved Scheduler Performance for Large-scale Jobs", flink.apache.org,
 * 2022-01-04): job initialization 627 ms, the ExecutionGraph about 12 MiB of
 * heap, regions of a blocking all-to-all 120 ms. They were measured on
 * another machine, in a JVM, for a whole JobMaster: read the ratio as an order
 * of magnitude, not a race. The heap a row's graphs hold (mallinfo2) is a
 * note under it. */
#include "config.h"

#include <malloc.h>
#include <stdio.h>

#include "bench/bench.h"
#include "graphs/graphs.h"

typedef struct {
  int p;
  FsimPartitioner partitioner;
  FsimExchangeMode exchange;
  double heap_mib;              /* set in the child; printed from a last run here */
} Shape;

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

static FsimStreamNode *
node (FsimStreamGraph *g, int id, const char *name, int p, FsimOperatorKind kind)
{
  FsimStreamNode *n = fsim_stream_graph_add_node (g, id, name, kind);
  n->parallelism = p;
  n->is_source = kind == FSIM_OPERATOR_SOURCE;
  return n;
}

/* Source(p) -edge-> Sink(p): the two vertices of Flink's benchmark. */
static double
build (Shape *shape, gboolean keep_heap)
{
  gsize heap0 = heap_in_use ();
  double t0 = fsim_bench_now ();
  g_autoptr (FsimStreamGraph) sg = fsim_stream_graph_new ("bench");
  FsimStreamNode *src = node (sg, 1, "Source: Events", shape->p, FSIM_OPERATOR_SOURCE);
  FsimStreamNode *sink = node (sg, 2, "Sink: Out", shape->p, FSIM_OPERATOR_ONE_INPUT);
  fsim_stream_graph_add_edge (sg, src, sink, 0, shape->partitioner, shape->exchange);
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJobGraph) jg = fsim_job_graph_new (sg, NULL, &error);
  g_autoptr (FsimExecutionGraph) eg = jg ? fsim_execution_graph_new (jg, &error) : NULL;
  if (eg == NULL)
    g_error ("%s", error->message);
  double s = fsim_bench_now () - t0;
  if (keep_heap)
    shape->heap_mib = (heap_in_use () - heap0) / 1048576.0;
  g_assert (fsim_execution_graph_get_regions (eg)->len > 0);
  return s;
}

static double
build_rep (gpointer data)
{
  return build (data, FALSE);
}

static void
row (const char *name, int p, FsimPartitioner partitioner, FsimExchangeMode exchange,
     const char *published, double published_s, const char *source)
{
  Shape shape = { p, partitioner, exchange, 0 };
  FsimBenchStats s = fsim_bench_measure (FSIM_BENCH_REPS, build_rep, &shape);
  if (published)
    fsim_bench_row_published (name, "ms", 1e3, &s, published, published_s, source);
  else
    fsim_bench_row (name, "ms", 1e3, &s);
  build (&shape, TRUE);
  fsim_bench_note ("the graphs hold %.2f MiB of heap once built%s", shape.heap_mib,
                   published_s > 0 && exchange != FSIM_EXCHANGE_BATCH
                   ? " (Flink 1.14: the ExecutionGraph about 12 MiB)" : "");
}

int
main (void)
{
  static const char blog[] = "Flink 1.14, scheduler blog 2022";
  fsim_bench_header ("bench-graphs", "StreamGraph -> JobGraph -> ExecutionGraph -> regions");
  row ("2 x 10,000 all-to-all (rebalance)", 10000, FSIM_PARTITIONER_REBALANCE,
       FSIM_EXCHANGE_UNDEFINED, "job initialization", 0.627, blog);
  row ("2 x 10,000 forward", 10000, FSIM_PARTITIONER_FORWARD, FSIM_EXCHANGE_UNDEFINED,
       NULL, 0, NULL);
  row ("2 x 32,768 all-to-all (rebalance)", 32768, FSIM_PARTITIONER_REBALANCE,
       FSIM_EXCHANGE_UNDEFINED, NULL, 0, NULL);
  row ("2 x 10,000 BATCH blocking all-to-all", 10000, FSIM_PARTITIONER_REBALANCE,
       FSIM_EXCHANGE_BATCH, "building regions", 0.120, blog);
  /* Later rows: the restart set of one failed subtask under region and full
   * failover at 2 x 10,000 (Flink 1.14: 170 ms), once recovery exists. */
  return 0;
}
