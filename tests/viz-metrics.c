/* viz-metrics.c - `flinksim metrics`' view (viz/metrics-view.c) of a trace
 * whose metric samples are written here by hand with
 * fsim_task_metrics_trace_sample, as the data plane will write them. The
 * expected values are worked out from Flink's rules in the comments, not
 * read back from the output. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/viz.h"
#include "tests/testlib.h"

void viz_metrics_tcases (Suite *suite);

#define MS G_GINT64_CONSTANT (1000)
#define SEC (1000 * MS)

static void
sample (FsimTrace *trace, FsimTaskMetrics *m, gint64 now, int subtask, const char *label)
{
  FsimTraceRecord base = FSIM_TRACE_RECORD_INIT;
  base.vertex = 1;
  base.subtask = subtask;
  base.attempt = 0;
  base.taskmanager = 1;
  base.label = label;
  fsim_task_metrics_trace_sample (m, now, &base, trace);
}

/* Two subtasks of "Map", sampled at 5 s after the first View update, and
 * the first again at 6 s:
 *   Map (1/2): soft-backpressured 0 .. 3 s, then busy. soft = 3000 ms / 5 =
 *     600 ms/s = backPressured, busy = 1000 - 600 = 400, level high (600 >
 *     500). 120 records in, 60 out, 2 buffers out by 5 s: MeterView rates
 *     120 / 60 = 2.000, 60 / 60 = 1.000, 2 / 60 = 0.033 (truncated). Pools
 *     3 / 10 in = 0.300, 5 / 20 out = 0.250.
 *   Map (2/2): idle 0 .. 0.5 s: idle 500 / 5 = 100, busy 900, level ok; no
 *     records; all inputs local (0 / 0) and nothing out: both usages 0.
 *   Map (1/2) at 6 s: 30 more records in (150), but no update since 5 s,
 *     so every gauge and rate is as at 5 s.
 *   Watermarks: Map (1/2) was given 4000 ms and emitted 3999 (gauges, as of
 *     the sample); Map (2/2) none yet: Long.MIN_VALUE for both. */
static FsimTrace *
hand_trace (void)
{
  FsimTrace *trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  g_autoptr (FsimTaskMetrics) a = fsim_task_metrics_new (0);
  g_autoptr (FsimTaskMetrics) b = fsim_task_metrics_new (0);
  fsim_task_metrics_set_time (a, 0, FSIM_TASK_TIME_SOFT_BACKPRESSURED);
  fsim_task_metrics_set_time (b, 0, FSIM_TASK_TIME_IDLE);
  fsim_task_metrics_set_time (b, 500 * MS, FSIM_TASK_TIME_BUSY);
  fsim_task_metrics_set_time (a, 3 * SEC, FSIM_TASK_TIME_BUSY);
  fsim_task_metrics_count (a, FSIM_TASK_COUNTER_RECORDS_IN, 120);
  fsim_task_metrics_count (a, FSIM_TASK_COUNTER_RECORDS_OUT, 60);
  fsim_task_metrics_count (a, FSIM_TASK_COUNTER_BUFFERS_OUT, 2);
  FsimTaskPoolUsage pools_a = { .input_used = 3, .input_total = 10, .output_used = 5,
                                .output_total = 20 };
  fsim_task_metrics_set_pool_usage (a, &pools_a);
  FsimTaskPoolUsage pools_b = { .output_used = 0, .output_total = 20 };
  fsim_task_metrics_set_pool_usage (b, &pools_b);
  fsim_task_metrics_set_watermarks (a, 4000, 3999);
  fsim_task_metrics_update (a, 5 * SEC);
  fsim_task_metrics_update (b, 5 * SEC);
  sample (trace, a, 5 * SEC, 0, "Map (1/2)#0");
  sample (trace, b, 5 * SEC, 1, "Map (2/2)#0");
  /* a record of another kind in between: not a sample */
  FsimTraceRecord other = FSIM_TRACE_RECORD_INIT;
  other.kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_HEARTBEAT);
  other.why = "a test";
  fsim_trace_append (trace, 5500 * MS, &other);
  fsim_task_metrics_count (a, FSIM_TASK_COUNTER_RECORDS_IN, 30);
  sample (trace, a, 6 * SEC, 0, "Map (1/2)#0");
  return trace;
}

static char *
render (FsimTrace *trace, gint64 at_s, FsimVizMetricsFormat format)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = fsim_viz_metrics (trace, at_s, format, &error);
  ck_assert_msg (bytes != NULL, "%s", error ? error->message : "");
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  return g_strndup (data, len);
}

#define A5 "\"busyTimeMsPerSecond\": 400, \"idleTimeMsPerSecond\": 0, " \
  "\"backPressuredTimeMsPerSecond\": 600, \"softBackPressuredTimeMsPerSecond\": 600, " \
  "\"hardBackPressuredTimeMsPerSecond\": 0, \"maxHardBackPressureTimeMs\": 0, "
#define A5_POOLS "\"numRecordsInPerSecond\": 2.000, \"numRecordsOutPerSecond\": 1.000, " \
  "\"numBuffersOut\": 2, \"numBuffersOutPerSecond\": 0.033, \"inPoolUsage\": 0.300, " \
  "\"outPoolUsage\": 0.250, \"currentInputWatermark\": 4000, " \
  "\"currentOutputWatermark\": 3999}"

START_TEST (test_metrics_json)
{
  g_autoptr (FsimTrace) trace = hand_trace ();
  g_autofree char *json = render (trace, -1, FSIM_VIZ_METRICS_JSON);
  const char *want =
    "{\n  \"samples\": [\n"
    "    {\"time_s\": 5, \"subtask\": \"Map (1/2)\", \"vertex\": \"Map\", "
    "\"backpressureLevel\": \"high\", " A5
    "\"numRecordsIn\": 120, \"numRecordsOut\": 60, " A5_POOLS ",\n"
    "    {\"time_s\": 5, \"subtask\": \"Map (2/2)\", \"vertex\": \"Map\", "
    "\"backpressureLevel\": \"ok\", \"busyTimeMsPerSecond\": 900, "
    "\"idleTimeMsPerSecond\": 100, \"backPressuredTimeMsPerSecond\": 0, "
    "\"softBackPressuredTimeMsPerSecond\": 0, \"hardBackPressuredTimeMsPerSecond\": 0, "
    "\"maxHardBackPressureTimeMs\": 0, \"numRecordsIn\": 0, \"numRecordsOut\": 0, "
    "\"numRecordsInPerSecond\": 0.000, \"numRecordsOutPerSecond\": 0.000, "
    "\"numBuffersOut\": 0, \"numBuffersOutPerSecond\": 0.000, \"inPoolUsage\": 0.000, "
    "\"outPoolUsage\": 0.000, \"currentInputWatermark\": -9223372036854775808, "
    "\"currentOutputWatermark\": -9223372036854775808},\n"
    "    {\"time_s\": 6, \"subtask\": \"Map (1/2)\", \"vertex\": \"Map\", "
    "\"backpressureLevel\": \"high\", " A5
    "\"numRecordsIn\": 150, \"numRecordsOut\": 60, " A5_POOLS "\n"
    "  ]\n}\n";
  ck_assert_str_eq (json, want);
  /* and it is JSON */
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, json, -1, NULL));
  JsonArray *samples = json_object_get_array_member (
    json_node_get_object (json_parser_get_root (parser)), "samples");
  ck_assert_uint_eq (json_array_get_length (samples), 3);
}
END_TEST

START_TEST (test_metrics_csv_at)
{
  g_autoptr (FsimTrace) trace = hand_trace ();
  g_autofree char *csv = render (trace, 6, FSIM_VIZ_METRICS_CSV);
  ck_assert_str_eq (csv,
                    "time_s,subtask,vertex,backpressureLevel,busyTimeMsPerSecond,"
                    "idleTimeMsPerSecond,backPressuredTimeMsPerSecond,"
                    "softBackPressuredTimeMsPerSecond,hardBackPressuredTimeMsPerSecond,"
                    "maxHardBackPressureTimeMs,numRecordsIn,numRecordsOut,"
                    "numRecordsInPerSecond,numRecordsOutPerSecond,numBuffersOut,"
                    "numBuffersOutPerSecond,inPoolUsage,outPoolUsage,"
                    "currentInputWatermark,currentOutputWatermark\n"
                    "6,Map (1/2),Map,high,400,0,600,600,0,0,150,60,2.000,1.000,2,0.033,"
                    "0.300,0.250,4000,3999\n");
}
END_TEST

/* A text table's line with every run of two or more blanks as one "|".
 * (transfer full) */
static char *
cells (GRegex *gap, char *line)
{
  return g_regex_replace_literal (gap, g_strstrip (line), -1, 0, "|", 0, NULL);
}

/* The text table: a row per sample, numbers right-aligned. */
START_TEST (test_metrics_text)
{
  g_autoptr (FsimTrace) trace = hand_trace ();
  g_autofree char *text = render (trace, 5, FSIM_VIZ_METRICS_TEXT);
  g_autoptr (GRegex) gap = g_regex_new ("  +", 0, 0, NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  ck_assert_uint_ge (g_strv_length (lines), 4);
  g_autofree char *header = cells (gap, lines[0]);
  ck_assert_str_eq (header, "time (s)|subtask|backpressure|busy|idle|backPressured|soft|hard|"
                            "maxHard|recordsIn|recordsOut|in/s|out/s|buffersOut|buffers/s|"
                            "inPool|outPool|inputWm|outputWm");
  g_autofree char *a = cells (gap, lines[1]);
  ck_assert_str_eq (a, "5|Map (1/2)|high|400|0|600|600|0|0|120|60|2.000|1.000|2|0.033|0.300|"
                       "0.250|4000|3999");
  g_autofree char *b = cells (gap, lines[2]);
  /* no watermark yet, Long.MIN_VALUE: what Flink's web UI shows
   * (HumanizeWatermarkPipe, value <= LONG_MIN_VALUE) */
  ck_assert_str_eq (b, "5|Map (2/2)|ok|900|100|0|0|0|0|0|0|0.000|0.000|0|0.000|0.000|0.000|"
                       "No Watermark|No Watermark");
  ck_assert_str_eq (lines[3], "");
  /* the legend names every column's Flink metric */
  ck_assert_ptr_nonnull (strstr (text, "\n  busy          busyTimeMsPerSecond\n"));
  ck_assert_ptr_nonnull (strstr (text, "\n  outPool       outPoolUsage\n"));
}
END_TEST

START_TEST (test_metrics_empty)
{
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (fsim_viz_metrics (trace, -1, FSIM_VIZ_METRICS_JSON, &error));
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY));
  ck_assert_ptr_nonnull (strstr (error->message, "no metric samples"));

  g_autoptr (FsimTrace) hand = hand_trace ();
  g_autoptr (GError) at_error = NULL;
  ck_assert_ptr_null (fsim_viz_metrics (hand, 99, FSIM_VIZ_METRICS_CSV, &at_error));
  ck_assert (g_error_matches (at_error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY));
  ck_assert_str_eq (at_error->message, "no metric sample at 99 s: the samples run from 5 s to 6 s");
}
END_TEST

/* `flinksim metrics` writes a second at a time (issue 9: the output must
 * not exist whole in memory). 3000 seconds of one subtask, 1 record in
 * each second before the last: records_in counts 0, 1, …, 2999, so the
 * widest recordsIn cell is the last row's. Written to a file the output
 * must equal what the in-memory view gives, in every format, though it is
 * flushed many times on the way (well above 64 KiB), and the text table's
 * columns line up over all its rows: every row as long as the header up to
 * the end of the recordsIn column, the first row included. */
START_TEST (test_metrics_written_as_made)
{
  g_autoptr (FsimTrace) trace = fsim_trace_new ();
  fsim_sched_register_kinds (trace);
  g_autoptr (FsimTaskMetrics) m = fsim_task_metrics_new (0);
  for (gint64 t = 1; t <= 3000; t++)
    {
      fsim_task_metrics_update (m, t * SEC);
      sample (trace, m, t * SEC, 0, "Map (1/1)#0");
      fsim_task_metrics_count (m, FSIM_TASK_COUNTER_RECORDS_IN, 1000000000);
    }
  static const FsimVizMetricsFormat formats[] = {
    FSIM_VIZ_METRICS_TEXT, FSIM_VIZ_METRICS_JSON, FSIM_VIZ_METRICS_CSV,
  };
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *whole = render (trace, -1, formats[f]);
      ck_assert_uint_gt (strlen (whole), 4 * 64 * 1024);
      FILE *file = tmpfile ();
      ck_assert_ptr_nonnull (file);
      g_autoptr (GError) error = NULL;
      ck_assert (fsim_viz_metrics_write (trace, -1, formats[f], file, &error));
      long len = ftell (file);
      ck_assert_int_eq (len, (long) strlen (whole));
      rewind (file);
      g_autofree char *streamed = g_malloc0 (len + 1);
      ck_assert_uint_eq (fread (streamed, 1, len, file), (size_t) len);
      fclose (file);
      ck_assert (strcmp (streamed, whole) == 0);
      if (formats[f] != FSIM_VIZ_METRICS_TEXT)
        continue;
      g_auto (GStrv) lines = g_strsplit (whole, "\n", -1);
      const char *last = strstr (lines[3000], " 2999000000000 ");
      ck_assert_ptr_nonnull (last);
      gsize end = (gsize) (last - lines[3000]) + strlen (" 2999000000000");
      /* right-aligned: the column ends at the same place in every row,
       * the first row's 0 included */
      ck_assert (lines[1][end - 2] == ' ' && lines[1][end - 1] == '0' && lines[1][end] == ' ');
      for (int row = 1; row <= 3000; row++)
        ck_assert (lines[row][end - 1] != ' ' && lines[row][end] == ' ');
    }
}
END_TEST

START_TEST (test_metrics_format_names)
{
  FsimVizMetricsFormat f;
  ck_assert (fsim_viz_metrics_format_from_name ("csv", &f));
  ck_assert_int_eq (f, FSIM_VIZ_METRICS_CSV);
  ck_assert (fsim_viz_metrics_format_from_name ("json", &f));
  ck_assert_int_eq (f, FSIM_VIZ_METRICS_JSON);
  ck_assert (!fsim_viz_metrics_format_from_name ("jsonl", &f));
}
END_TEST

void
viz_metrics_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("metrics view (TaskIOMetricGroup, JobVertexBackPressureHandler)");
  tcase_add_test (tc, test_metrics_json);
  tcase_add_test (tc, test_metrics_csv_at);
  tcase_add_test (tc, test_metrics_text);
  tcase_add_test (tc, test_metrics_empty);
  tcase_add_test (tc, test_metrics_format_names);
  tcase_add_test (tc, test_metrics_written_as_made);
  suite_add_tcase (suite, tc);
}
