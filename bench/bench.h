/* bench.h - what every `make bench` program shares.
 *
 * A benchmark row is a measurement repeated in a child process of its own
 * (fork): the child runs the row's function `reps` times and sends back the
 * seconds each repetition timed; the parent keeps the median, the minimum and
 * the maximum, and the child's peak resident size (wait4), so each row's
 * memory is its own and not the high-water mark of the rows before it.
 * A row that has a reference measures it in the same run, alternating with
 * it, and prints the ratio of the two medians: on a shared, noisy machine
 * the ratio is the figure that holds. Published figures of Flink are printed
 * as such, labelled with their source (another machine, another version).
 *
 * Benchmarks print; they never fail on speed. The wall clock is read here and
 * in bench/ only, never in the simulator. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FSIM_BENCH_REPS 5

/* One repetition: set up what it needs (untimed), time the part the row is
 * about with fsim_bench_now and return those seconds. Runs in the child:
 * what it caches in data lives until the row ends. */
typedef double (*FsimBenchFunc) (gpointer data);

typedef struct {
  double median, min, max;      /* seconds */
  double peak_mib;              /* the measuring child's peak RSS */
  guint reps;
} FsimBenchStats;

/* Monotonic seconds. */
double fsim_bench_now (void);

/* Runs func reps times in a child process; aborts the program if the child
 * fails. */
FsimBenchStats fsim_bench_measure (guint reps, FsimBenchFunc func, gpointer data);

/* A row and its reference, measured alternately (reference, row, reference,
 * …), each repetition in a fresh child: a load that comes and goes during
 * the run falls on both, so their ratio holds when the absolute figures do
 * not. */
void fsim_bench_measure_pair (guint reps, FsimBenchFunc func, gpointer data,
                              FsimBenchFunc ref_func, gpointer ref_data,
                              FsimBenchStats *ours, FsimBenchStats *ref);

/* The table: a header once per program, then rows. unit is "ms", "µs",
 * "ns/event", …; scale turns seconds into it. */
void fsim_bench_header (const char *program, const char *what);
void fsim_bench_row (const char *name, const char *unit, double scale,
                     const FsimBenchStats *ours);
/* A row with a reference measured in the same run: the ratio is ours/ref of
 * the medians; max_ratio > 0 is the target (the row says met or MISSED). */
void fsim_bench_row_ref (const char *name, const char *unit, double scale,
                         const FsimBenchStats *ours, const char *ref_name,
                         const FsimBenchStats *ref, double max_ratio);
/* A row beside a published figure (not measured here): source names the
 * version and where it was published. */
void fsim_bench_row_published (const char *name, const char *unit, double scale,
                               const FsimBenchStats *ours, const char *published_name,
                               double published_seconds, const char *source);
/* A row with an absolute target in seconds (0: none). */
void fsim_bench_row_target (const char *name, const char *unit, double scale,
                            const FsimBenchStats *ours, double max_seconds);
/* A free line under the table (a fitted exponent, a note). */
void fsim_bench_note (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* The least-squares slope of log(seconds) over log(size): the growth
 * exponent of rows measured at several sizes. */
double fsim_bench_growth_exponent (const double *sizes, const FsimBenchStats *stats, guint n);

G_END_DECLS
