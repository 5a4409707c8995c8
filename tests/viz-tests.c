/* viz-tests.c - rendering and golden files shared by the files of check_viz. */
#include "config.h"

#include <string.h>

#include "tests/viz-tests.h"

const char viz_test_late_job[] =
  "job \"Late\"\n"
  "set parallelism.default = 1\n"
  "set sim.duration = 30 s\n"
  "e = env.fromSource(\"Clicks\").rate(100/s).outOfOrder(3 s)\n"
  "  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1 s))\n"
  "e.keyBy(\"user\").keys(10).window(TumblingEventTimeWindows.of(5 s)).sum(1).print()\n";

VizTuiRun *
viz_tui_run_new (const char *text, const char *file, const char *title,
                 gboolean event_time_detail)
{
  VizTuiRun *f = g_new0 (VizTuiRun, 1);
  g_autoptr (GError) error = NULL;
  f->job = fsim_job_parse (text, file, &error);
  ck_assert_msg (f->job != NULL, "%s", error ? error->message : "?");
  f->run = fsim_job_run_new (f->job, 1, &error);
  ck_assert_msg (f->run != NULL, "%s", error ? error->message : "?");
  if (event_time_detail)
    fsim_job_run_trace_event_time (f->run);
  fsim_job_run_run (f->run, -1);
  f->tui = fsim_tui_new (fsim_job_run_get_trace (f->run), NULL, title);
  return f;
}

void
viz_tui_run_free (VizTuiRun *f)
{
  fsim_tui_free (f->tui);
  fsim_job_run_free (f->run);
  fsim_job_free (f->job);
  g_free (f);
}

char *
viz_test_render (VizTestView view, const FsimJob *job, FsimFormat format, gsize *len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = view (job, format, &error);
  ck_assert_msg (bytes != NULL, "%s: %s", fsim_format_name (format),
                 error ? error->message : "?");
  gsize n = 0;
  const char *data = g_bytes_get_data (bytes, &n);
  if (len)
    *len = n;
  return g_strndup (data, n);
}

void
viz_test_goldens (const char *dir, const char *suffix, const char *prefix,
                  const VizTestGolden *goldens, guint n)
{
  g_autoptr (GPtrArray) files = fsim_test_list_sources (dir, suffix);
  ck_assert_uint_gt (files->len, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *rel = g_build_filename (dir, file, NULL);
      g_autoptr (FsimJob) job = fsim_test_load_job (rel);
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (suffix));
      for (guint k = 0; k < n; k++)
        {
          gsize len = 0;
          g_autofree char *out = viz_test_render (goldens[k].view, job, goldens[k].format, &len);
          g_autofree char *golden = g_strdup_printf ("%s-%s%s.%s", goldens[k].level, prefix,
                                                     stem, goldens[k].ext);
          fsim_test_golden (golden, out, len);
        }
    }
}
