/* bench.c - repeated measurement in a child process, and the table. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench.h"

double
fsim_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
child (int fd, guint reps, FsimBenchFunc func, gpointer data)
{
  for (guint i = 0; i < reps; i++)
    {
      double s = func (data);
      if (write (fd, &s, sizeof s) != sizeof s)
        _exit (3);
    }
  _exit (0);
}

static gboolean
read_all (int fd, void *buf, gsize n)
{
  char *p = buf;
  while (n > 0)
    {
      ssize_t got = read (fd, p, n);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return FALSE;
      p += got;
      n -= (gsize) got;
    }
  return TRUE;
}

/* Runs func reps times in a child; its samples go to samples[0..reps). */
static double
run_child (guint reps, FsimBenchFunc func, gpointer data, double *samples)
{
  int fds[2];
  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  fflush (stdout);
  pid_t pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      close (fds[0]);
      child (fds[1], reps, func, data);
    }
  close (fds[1]);
  gboolean ok = read_all (fds[0], samples, reps * sizeof (double));
  close (fds[0]);
  int status = 0;
  struct rusage ru;
  if (wait4 (pid, &status, 0, &ru) != pid || !ok || !WIFEXITED (status)
      || WEXITSTATUS (status) != 0)
    g_error ("a benchmark child failed (status %d)", status);
  return ru.ru_maxrss / 1024.0;
}

static FsimBenchStats
stats_of (double *samples, guint reps, double peak_mib)
{
  qsort (samples, reps, sizeof (double), compare_doubles);
  return (FsimBenchStats) {
    .median = reps % 2 ? samples[reps / 2] : (samples[reps / 2 - 1] + samples[reps / 2]) / 2,
    .min = samples[0],
    .max = samples[reps - 1],
    .peak_mib = peak_mib,
    .reps = reps,
  };
}

FsimBenchStats
fsim_bench_measure (guint reps, FsimBenchFunc func, gpointer data)
{
  g_assert (reps > 0);
  g_autofree double *samples = g_new (double, reps);
  double peak = run_child (reps, func, data, samples);
  return stats_of (samples, reps, peak);
}

void
fsim_bench_measure_pair (guint reps, FsimBenchFunc func, gpointer data,
                         FsimBenchFunc ref_func, gpointer ref_data,
                         FsimBenchStats *ours, FsimBenchStats *ref)
{
  g_assert (reps > 0);
  g_autofree double *a = g_new (double, reps);
  g_autofree double *b = g_new (double, reps);
  double peak_a = 0, peak_b = 0;
  for (guint i = 0; i < reps; i++)
    {
      peak_b = MAX (peak_b, run_child (1, ref_func, ref_data, &b[i]));
      peak_a = MAX (peak_a, run_child (1, func, data, &a[i]));
    }
  *ours = stats_of (a, reps, peak_a);
  *ref = stats_of (b, reps, peak_b);
}

void
fsim_bench_header (const char *program, const char *what)
{
  printf ("\n== %s: %s\n", program, what);
  printf ("%-46s %10s %10s %10s %-8s %8s  %s\n", "row", "median", "min", "max", "unit",
          "peak MiB", "reference, ratio of medians");
}

static void
print_stats (const char *name, const char *unit, double scale, const FsimBenchStats *s)
{
  printf ("%-46s %10.3f %10.3f %10.3f %-8s %8.1f  ", name, s->median * scale, s->min * scale,
          s->max * scale, unit, s->peak_mib);
}

void
fsim_bench_row (const char *name, const char *unit, double scale, const FsimBenchStats *ours)
{
  print_stats (name, unit, scale, ours);
  printf ("\n");
}

void
fsim_bench_row_ref (const char *name, const char *unit, double scale,
                    const FsimBenchStats *ours, const char *ref_name,
                    const FsimBenchStats *ref, double max_ratio)
{
  print_stats (name, unit, scale, ours);
  double ratio = ours->median / ref->median;
  printf ("%s %.3f %s: %.2fx", ref_name, ref->median * scale, unit, ratio);
  if (max_ratio > 0)
    printf (" (target <= %.2fx: %s)", max_ratio, ratio <= max_ratio ? "met" : "MISSED");
  printf ("\n");
}

void
fsim_bench_row_published (const char *name, const char *unit, double scale,
                          const FsimBenchStats *ours, const char *published_name,
                          double published_seconds, const char *source)
{
  print_stats (name, unit, scale, ours);
  printf ("%s %.0f ms [%s, another machine]: %.4fx\n", published_name,
          published_seconds * 1e3, source, ours->median / published_seconds);
}

void
fsim_bench_row_target (const char *name, const char *unit, double scale,
                       const FsimBenchStats *ours, double max_seconds)
{
  print_stats (name, unit, scale, ours);
  if (max_seconds > 0)
    printf ("target <= %g %s: %s", max_seconds * scale, unit,
            ours->median <= max_seconds ? "met" : "MISSED");
  printf ("\n");
}

void
fsim_bench_note (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  printf ("   ");
  vprintf (format, ap);
  printf ("\n");
  va_end (ap);
}

double
fsim_bench_growth_exponent (const double *sizes, const FsimBenchStats *stats, guint n)
{
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (guint i = 0; i < n; i++)
    {
      double x = log (sizes[i]), y = log (stats[i].median);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}
