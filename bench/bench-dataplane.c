/* bench-dataplane.c - whole simulations with records flowing (issue 11's
 * speed figures): WordCount at parallelism 4 for 10 simulated minutes at
 * 10,000 records/s per source (target <= 1 s wall and <= 200 MiB, memory
 * independent of the number of records: the same job for 1 minute beside
 * it), and the slow-sink backpressure case. Each row: wall time, the
 * child's peak memory; notes: engine events per second (target >= 5 M),
 * simulated seconds per wall second, records per wall second, trace
 * records. */
#include "config.h"

#include <stdio.h>

#include "bench/bench.h"
#include "graphs/graphs.h"
#include "scheduler/scheduler.h"

typedef struct {
  const char *text;
  /* filled by the last repetition in this process (for the notes) */
  guint64 events;
  gint64 trace_records;
  gint64 simulated_us;
} Job;

static const char wordcount[] =
  "job \"WordCount\"\n"
  "set parallelism.default = 4\n"
  "set taskmanager.numberOfTaskSlots = 4\n"
  "set sim.duration = %s\n"
  "text = env.fromSource(\"Lines\").rate(10000/s)\n"
  "text.flatMap(\"Tokenizer\").keyBy(\"word\").keys(10000).sum(1).print()\n";

/* The same with a checkpoint every second (aligned, hashmap; the counts
 * keep 10,000 keys of keyed state, 64 bytes each): issue 12's target is
 * at most 20 % more wall time than the plain run, its reference. */
static const char wordcount_checkpointed[] =
  "job \"WordCount\"\n"
  "set parallelism.default = 4\n"
  "set taskmanager.numberOfTaskSlots = 4\n"
  "set sim.duration = %s\n"
  "set execution.checkpointing.interval = 1 s\n"
  "text = env.fromSource(\"Lines\").rate(10000/s)\n"
  "text.flatMap(\"Tokenizer\").keyBy(\"word\").keys(10000).sum(1).stateSize(64 b).print()\n";

/* The checkpointed one with a task failure every minute, each restart
 * restoring the latest checkpoint and replaying from its offsets, against
 * the same without faults (issue 14's recovery row: what the restores,
 * the ledger and the replays cost). */
static const char wordcount_recovering[] =
  "job \"WordCount\"\n"
  "set parallelism.default = 4\n"
  "set taskmanager.numberOfTaskSlots = 4\n"
  "set sim.duration = %s\n"
  "set execution.checkpointing.interval = 1 s\n"
  "set restart-strategy.type = fixed-delay\n"
  "set restart-strategy.fixed-delay.attempts = 100\n"
  "set restart-strategy.fixed-delay.delay = 1 s\n"
  "text = env.fromSource(\"Lines\").rate(10000/s)\n"
  "text.flatMap(\"Tokenizer\").keyBy(\"word\").keys(10000).sum(1).stateSize(64 b).print()\n"
  "at 1 min fail \"Keyed Aggregation\" subtask 1\n"
  "at 2 min fail \"Keyed Aggregation\" subtask 2\n"
  "at 3 min fail \"Keyed Aggregation\" subtask 3\n"
  "at 4 min fail \"Keyed Aggregation\" subtask 0\n"
  "at 5 min fail \"Keyed Aggregation\" subtask 1\n"
  "at 6 min fail \"Keyed Aggregation\" subtask 2\n"
  "at 7 min fail \"Keyed Aggregation\" subtask 3\n"
  "at 8 min fail \"Keyed Aggregation\" subtask 0\n"
  "at 9 min fail \"Keyed Aggregation\" subtask 1\n";

static const char slow_sink[] =
  "job \"Slow Sink\"\n"
  "set parallelism.default = 2\n"
  "set taskmanager.numberOfTaskSlots = 1\n"
  "set sim.taskmanagers = 2\n"
  "set sim.duration = %s\n"
  "e = env.fromSource(\"Kafka\").rate(2000/s).map(\"Parse\").cost(20 us)\n"
  "e.keyBy(\"user\").keys(1000).map(\"Enrich\").cost(50 us)"
  ".sinkTo(\"Slow\").cost(2 ms).setParallelism(1)\n";

static double
simulate (gpointer data)
{
  Job *j = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (j->text, "bench.job", &error);
  if (job == NULL)
    g_error ("%s", error->message);
  double t0 = fsim_bench_now ();
  g_autoptr (FsimJobRun) run = fsim_job_run_new (job, -1, &error);
  if (run == NULL)
    g_error ("%s", error->message);
  fsim_job_run_run (run, -1);
  double t = fsim_bench_now () - t0;
  FsimSim *sim = fsim_job_run_get_sim (run);
  j->events = fsim_sim_events_run (sim);
  j->trace_records = fsim_trace_count (fsim_job_run_get_trace (run));
  j->simulated_us = fsim_sim_now (sim);
  return t;
}

static void
row (const char *name, const char *shape, const char *duration, double target_s)
{
  g_autofree char *text = g_strdup_printf (shape, duration);
  Job j = { text, 0, 0, 0 };
  FsimBenchStats st = fsim_bench_measure (FSIM_BENCH_REPS, simulate, &j);
  if (target_s > 0)
    fsim_bench_row_target (name, "ms", 1e3, &st, target_s);
  else
    fsim_bench_row (name, "ms", 1e3, &st);
  /* the counts of one more run in this process: the children's are gone */
  simulate (&j);
  fsim_bench_note ("  %s: %.2f M events/s (target >= 5), %.0f simulated s per wall s, "
                   "%" G_GINT64_FORMAT " trace records", name, j.events / st.median / 1e6,
                   j.simulated_us / 1e6 / st.median, j.trace_records);
}

/* Checkpointed WordCount beside the plain one, alternately in the same run. */
static void
checkpoint_row (void)
{
  g_autofree char *plain_text = g_strdup_printf (wordcount, "10 min");
  g_autofree char *cp_text = g_strdup_printf (wordcount_checkpointed, "10 min");
  Job plain = { plain_text, 0, 0, 0 }, cp = { cp_text, 0, 0, 0 };
  FsimBenchStats ours, ref;
  fsim_bench_measure_pair (FSIM_BENCH_REPS, simulate, &cp, simulate, &plain, &ours, &ref);
  fsim_bench_row_ref ("WordCount p=4, 10 min, a checkpoint every second", "ms", 1e3, &ours,
                      "the same without checkpoints", &ref, 1.2);
  simulate (&cp);
  fsim_bench_note ("  checkpointed: %" G_GINT64_FORMAT " trace records", cp.trace_records);
}

/* Recovering WordCount beside the checkpointed one without faults. */
static void
recovery_row (void)
{
  g_autofree char *cp_text = g_strdup_printf (wordcount_checkpointed, "10 min");
  g_autofree char *rec_text = g_strdup_printf (wordcount_recovering, "10 min");
  Job cp = { cp_text, 0, 0, 0 }, rec = { rec_text, 0, 0, 0 };
  FsimBenchStats ours, ref;
  fsim_bench_measure_pair (FSIM_BENCH_REPS, simulate, &rec, simulate, &cp, &ours, &ref);
  fsim_bench_row_ref ("the same with a failure every minute, each restored and replayed", "ms",
                      1e3, &ours, "checkpointed, no faults", &ref, 0);
  simulate (&rec);
  fsim_bench_note ("  recovering: %" G_GINT64_FORMAT " trace records", rec.trace_records);
}

int
main (void)
{
  fsim_bench_header ("bench-dataplane", "whole simulations with records flowing");
  row ("WordCount p=4, 10 min at 10,000 records/s a source", wordcount, "10 min", 1.0);
  row ("the same, 1 min (memory must not grow with records)", wordcount, "1 min", 0);
  row ("slow sink, backpressure, 10 min", slow_sink, "10 min", 0);
  checkpoint_row ();
  recovery_row ();
  fsim_bench_note ("targets: WordCount 10 min <= 1 s wall and <= 200 MiB (issue 11)");
  return 0;
}
