/* scheduler-views.c - what `flinksim run`, `trace` and `graph --level slots`
 * make of a run: the text log, JSON Lines and Chrome Trace Event JSON. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tests/scheduler-tests.h"
#include "viz/viz.h"

static TestJob *
ran_job (gboolean bounded)
{
  TestJob *j = test_job_new ("Views");
  FsimStreamNode *s = test_source (j, "S", 2);
  if (bounded)
    {
      s->bounded = TRUE;
      s->knobs.records = 500;
      s->knobs.rate_per_s = 1000.0;
    }
  FsimStreamNode *m = test_op (j, "Map", 3);
  FsimStreamNode *k = test_sink (j, "K", 3);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, m, k, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings set;
  test_settings (&set, 2, 2);
  test_job_start (j, &set);
  test_job_run (j, 30 * G_USEC_PER_SEC);
  return j;
}

/* The text log fits 80 columns and shows transitions the way the JobManager
 * logs them, with the why beneath. */
START_TEST (test_text_log)
{
  g_autoptr (TestJob) j = ran_job (TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) b = fsim_viz_trace_log (j->trace, NULL, FSIM_FORMAT_TEXT, &error);
  ck_assert_ptr_nonnull (b);
  g_autofree char *text = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  int whys = 0;
  for (char **l = lines; *l; l++)
    {
      ck_assert_msg (g_utf8_strlen (*l, -1) <= 80, "too wide: %s", *l);
      whys += g_str_has_prefix (*l, "             why: ");
    }
  /* every record has its why, but the samples (the tasks' final counters,
   * here) the text log leaves out */
  gint64 story = 0;
  for (gint64 i = 0; i < fsim_trace_count (j->trace); i++)
    story += !(fsim_trace_get (j->trace, i)->kind->flags & FSIM_KIND_SAMPLE);
  ck_assert_int_lt (story, fsim_trace_count (j->trace));
  ck_assert_int_eq (whys, story);
  ck_assert_ptr_nonnull (strstr (text, "[   0.000 s] "));
  ck_assert_ptr_nonnull (strstr (text, "SCHEDULED → DEPLOYING"));
  ck_assert_ptr_nonnull (strstr (text, "task-state DEPLOYING → INITIALIZING"));
  ck_assert_ptr_nonnull (strstr (text, "job-status RUNNING → FINISHED"));
}
END_TEST

/* JSON Lines: one object per record, in order, with Flink's state names. */
/* The text log pads labels to one column by display width: a Chinese
 * operator name (two columns a character) lines up with an ASCII one. */
START_TEST (test_text_log_wide_labels)
{
  g_autoptr (FsimTrace) t = fsim_trace_new ();
  fsim_sched_register_kinds (t);
  const char *labels[] = { "Map (1/2)#0", "\u6620\u5c04 (1/2)#0" };   /* 映射 */
  for (int i = 0; i < 2; i++)
    {
      FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
      r.kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE);
      r.vertex = i;
      r.subtask = 0;
      r.from = FSIM_EXECUTION_CREATED;
      r.to = FSIM_EXECUTION_SCHEDULED;
      r.label = labels[i];
      r.why = "test";
      fsim_trace_append (t, 0, &r);
    }
  g_autoptr (GBytes) b = fsim_viz_trace_log (t, NULL, FSIM_FORMAT_TEXT, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  /* "[   0.000 s] " + the label padded to the widest (12 columns: 映射 is
   * 4, "Map" 3), then two spaces */
  ck_assert_str_eq (lines[0], "[   0.000 s] Map (1/2)#0   CREATED \u2192 SCHEDULED");
  ck_assert_str_eq (lines[2], "[   0.000 s] \u6620\u5c04 (1/2)#0  CREATED \u2192 SCHEDULED");
}
END_TEST

START_TEST (test_jsonl)
{
  g_autoptr (TestJob) j = ran_job (FALSE);
  FsimTraceFilter f = FSIM_TRACE_FILTER_INIT;
  f.kind = FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) b = fsim_viz_trace_log (j->trace, &f, FSIM_FORMAT_JSONL, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines) - 1;   /* the last is empty */
  g_autoptr (GPtrArray) states = test_records (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE);
  ck_assert_int_eq (n, states->len);
  gint64 prev = -1;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JsonParser) p = json_parser_new ();
      ck_assert_msg (json_parser_load_from_data (p, lines[i], -1, &error), "%s", lines[i]);
      JsonObject *o = json_node_get_object (json_parser_get_root (p));
      ck_assert_str_eq (json_object_get_string_member (o, "kind"),
                        FSIM_SCHED_KIND (FSIM_SCHED_KIND_EXECUTION_STATE)->name);
      gint64 seq = json_object_get_int_member (o, "seq");
      ck_assert_int_gt (seq, prev);
      prev = seq;
      FsimExecutionState s;
      ck_assert (fsim_execution_state_from_name (json_object_get_string_member (o, "to"), &s));
      ck_assert (json_object_has_member (o, "why"));
      ck_assert (json_object_has_member (o, "subtask"));
      ck_assert (!json_object_has_member (o, "checkpoint"));   /* unset: left out */
    }
}
END_TEST

/* Typed values as the text log says them: singular units for 1, unit
 * abbreviations unchanged, and the two watermark values that are no time
 * (Watermark.MAX_WATERMARK = Long.MAX_VALUE, emitted when input ends;
 * Long.MIN_VALUE, no watermark yet) named; the JSON keeps the numbers. */
START_TEST (test_values_text)
{
  static const FsimTraceKindDesc kind = {
    .name = "test-values", .module = "test", .doc = "values", .flags = 0,
    .values = { { "watermark_ms", "ms", "a watermark" }, { "advances", "watermarks", "steps" },
                { "vertices", "vertices", "how many" }, { "busy", "ms/s", "a rate" },
                { "bytes", "bytes", "a size" }, { "late", "records", "dropped" } },
  };
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &kind;
  gint64 ones[] = { G_MAXINT64, 1, 1, 1, 1, 1 };
  memcpy (r.values, ones, sizeof ones);
  g_autofree char *a = fsim_viz_trace_values_text (&r);
  ck_assert_str_eq (a, "watermark_ms end of input (Long.MAX_VALUE), advances 1 watermark, "
                       "vertices 1 vertex, busy 1 ms/s, bytes 1 byte, late 1 record");
  gint64 twos[] = { G_MININT64, 2, 2, 0, 0, 2 };
  memcpy (r.values, twos, sizeof twos);
  g_autofree char *b = fsim_viz_trace_values_text (&r);
  ck_assert_str_eq (b, "watermark_ms none (Long.MIN_VALUE), advances 2 watermarks, "
                       "vertices 2 vertices, busy 0 ms/s, bytes 0 bytes, late 2 records");
  r.values[0] = 1;
  g_autofree char *c = fsim_viz_trace_values_text (&r);
  ck_assert (g_str_has_prefix (c, "watermark_ms 1 ms, "));
}
END_TEST

/* A rate and a usage ratio, which the trace holds x 1000
 * (FsimTaskMetricDesc's scale), read in their own units: 81833 is
 * numRecordsInPerSecond 81.833, a full inPoolUsage (1.0) is 100 %. */
START_TEST (test_values_scaled)
{
  static const FsimTraceKindDesc kind = {
    .name = "test-scaled", .module = "test", .doc = "values", .flags = 0,
    .values = { { "numRecordsInPerSecond", "1/1000 per s", "a rate" },
                { "inPoolUsage", "permille", "a ratio" }, { "outPoolUsage", "permille", "a ratio" },
                { "numBuffersOutPerSecond", "1/1000 per s", "a rate" } },
  };
  FsimTraceRecord r = FSIM_TRACE_RECORD_INIT;
  r.kind = &kind;
  gint64 v[] = { 81833, 1000, 166, 450 };
  memcpy (r.values, v, sizeof v);
  g_autofree char *a = fsim_viz_trace_values_text (&r);
  ck_assert_str_eq (a, "numRecordsInPerSecond 81.833/s, inPoolUsage 100%, outPoolUsage 16.6%, "
                       "numBuffersOutPerSecond 0.450/s");
}
END_TEST

typedef struct {
  gint64 ts, end;
} Span;

/* Chrome Trace Event JSON, checked the way Perfetto's importer reads it
 * (the Trace Event Format): every event has a string ph; every non-metadata
 * event a ts; X has a dur; every pid has a process_name and every (pid, tid)
 * used a thread_name; complete events on one thread nest. */
START_TEST (test_perfetto_valid)
{
  g_autoptr (TestJob) j = ran_job (TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) b = fsim_viz_trace_perfetto (j->trace, &error);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, g_bytes_get_data (b, NULL), g_bytes_get_size (b),
                                         &error));
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  ck_assert_str_eq (json_object_get_string_member (root, "displayTimeUnit"), "ms");
  JsonArray *events = json_object_get_array_member (root, "traceEvents");
  g_autoptr (GHashTable) processes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  int x = 0, instants = 0;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (e, "ph");
      ck_assert_ptr_nonnull (ph);
      gint64 pid = json_object_get_int_member (e, "pid");
      gint64 tid = json_object_get_int_member (e, "tid");
      g_autofree char *pkey = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
      g_autofree char *tkey = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, pid, tid);
      if (strcmp (ph, "M") == 0)
        {
          const char *what = json_object_get_string_member (e, "name");
          ck_assert (strcmp (what, "process_name") == 0 || strcmp (what, "thread_name") == 0);
          ck_assert_ptr_nonnull (json_object_get_string_member (
            json_object_get_object_member (e, "args"), "name"));
          g_hash_table_add (strcmp (what, "process_name") == 0 ? processes : threads,
                            g_strdup (strcmp (what, "process_name") == 0 ? pkey : tkey));
          continue;
        }
      ck_assert_msg (json_object_has_member (e, "ts"), "event %u has no ts", i);
      ck_assert_msg (g_hash_table_contains (processes, pkey), "pid %s unnamed", pkey);
      ck_assert_msg (g_hash_table_contains (threads, tkey), "thread %s unnamed", tkey);
      gint64 ts = json_object_get_int_member (e, "ts");
      ck_assert_int_ge (ts, 0);
      if (strcmp (ph, "X") == 0)
        {
          ck_assert_msg (json_object_has_member (e, "dur"), "X without dur");
          gint64 dur = json_object_get_int_member (e, "dur");
          ck_assert_int_ge (dur, 0);
          GArray *a = g_hash_table_lookup (spans, tkey);
          if (a == NULL)
            {
              a = g_array_new (FALSE, FALSE, sizeof (Span));
              g_hash_table_insert (spans, g_strdup (tkey), a);
            }
          Span s = { ts, ts + dur };
          g_array_append_val (a, s);
          x++;
        }
      else
        {
          ck_assert_str_eq (ph, "i");
          ck_assert_str_eq (json_object_get_string_member (e, "s"), "t");
          instants++;
        }
    }
  ck_assert_int_gt (x, 0);
  ck_assert_int_gt (instants, 0);
  /* one TaskManager process per TaskManager plus the JobManager */
  ck_assert_int_eq (g_hash_table_size (processes), 3);
  /* our spans on one thread never overlap (they are consecutive states) */
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, spans);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      GArray *a = value;
      for (guint i = 1; i < a->len; i++)
        ck_assert_msg (g_array_index (a, Span, i).ts >= g_array_index (a, Span, i - 1).end,
                       "overlapping spans on thread %s", (char *) key);
    }
}
END_TEST

START_TEST (test_perfetto_deterministic)
{
  g_autoptr (TestJob) a = ran_job (TRUE);
  g_autoptr (TestJob) b = ran_job (TRUE);
  g_autoptr (GBytes) ja = fsim_viz_trace_perfetto (a->trace, NULL);
  g_autoptr (GBytes) jb = fsim_viz_trace_perfetto (b->trace, NULL);
  ck_assert (g_bytes_equal (ja, jb));
}
END_TEST

/* The commands, on a real Flink plan from examples/plans. */
START_TEST (test_cli_run_and_trace)
{
  g_autofree char *plan = fsim_test_srcpath ("examples/plans/wordcount-flink-1.19.json");
  g_autofree char *out = NULL, *err = NULL;
  const char *run[] = { "run", plan, "--until", "1 s", NULL };
  ck_assert_int_eq (fsim_test_run_cli (run, &out, &err), 0);
  ck_assert_ptr_nonnull (strstr (out, "INITIALIZING → RUNNING"));
  ck_assert_ptr_nonnull (strstr (out, "run-end:"));
  g_free (out), g_free (err);
  const char *filtered[] = { "run", plan, "--until", "1 s", "--filter", "kind=job-status", NULL };
  ck_assert_int_eq (fsim_test_run_cli (filtered, &out, &err), 0);
  ck_assert_ptr_nonnull (strstr (out, "job-status CREATED → RUNNING"));
  ck_assert_ptr_null (strstr (out, "task-state"));
  g_free (out), g_free (err);
  const char *bad[] = { "run", plan, "--filter", "kind=job-stat", NULL };
  ck_assert_int_eq (fsim_test_run_cli (bad, &out, &err), 2);
  ck_assert_ptr_nonnull (strstr (err, "did you mean 'job-status'?"));
  g_free (out), g_free (err);
  g_autofree char *json = g_build_filename (g_get_tmp_dir (), "fsim-check-trace.json", NULL);
  const char *trace[] = { "trace", plan, "--until", "1 s", "-o", json, NULL };
  ck_assert_int_eq (fsim_test_run_cli (trace, &out, &err), 0);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_file (p, json, NULL));
  g_unlink (json);
  g_free (out), g_free (err);
  const char *slots[] = { "graph", plan, "--level", "slots", NULL };
  ck_assert_int_eq (fsim_test_run_cli (slots, &out, &err), 0);
  ck_assert_ptr_nonnull (strstr (out, "TaskManager 1\n  slot 0:\n"));
}
END_TEST

/* Golden placement of examples/rescale-rebalance.job (2 TaskManagers x 3
 * slots, NONE): shared slots in creation order fill TaskManager 1 first
 * (DefaultResourceAllocationStrategy); Source(2) -rescale-> Map(6) puts Map
 * (1/6) with Source (1/2) and Map (4/6) with Source (2/2), the other Maps
 * in new groups (LocalInputPreferredSlotSharingStrategy). */
START_TEST (test_slots_golden)
{
  g_autofree char *path = fsim_test_srcpath ("examples/rescale-rebalance.job");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_load (path, &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  g_autoptr (GBytes) text = fsim_viz_slots (job, FSIM_FORMAT_TEXT, &error);
  ck_assert_ptr_nonnull (text);
  fsim_test_golden ("slots-rescale-rebalance.txt", g_bytes_get_data (text, NULL),
                    g_bytes_get_size (text));
  /* the heading's two times are the run's: the last slot-assigned record
   * (its latest deployment, where the slots come from) and the end of the
   * run (where the states come from), as `run --format jsonl` writes them */
  char *out = NULL, *err = NULL;
  const char *run[] = { "run", path, "--format", "jsonl", NULL };
  ck_assert_int_eq (fsim_test_run_cli (run, &out, &err), 0);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_free (out), g_free (err);
  gint64 assigned = -1, end = -1;
  for (int i = 0; lines[i] && *lines[i]; i++)
    {
      g_autoptr (JsonParser) jp = json_parser_new ();
      ck_assert (json_parser_load_from_data (jp, lines[i], -1, NULL));
      JsonObject *o = json_node_get_object (json_parser_get_root (jp));
      end = json_object_get_int_member (o, "time_us");
      if (g_str_equal (json_object_get_string_member (o, "kind"), "slot-assigned"))
        assigned = end;
    }
  ck_assert_int_ge (assigned, 0);
  g_autofree char *at = fsim_time_format (assigned);
  g_autofree char *until = fsim_time_format (end);
  g_autofree char *heading = g_strdup_printf ("; slots as assigned at %s (the run's last slot "
                                              "assignment), states as of its end at %s, seed ",
                                              at, until);
  ck_assert_msg (strstr (g_bytes_get_data (text, NULL), heading), "%s", heading);
  g_autoptr (GBytes) dot = fsim_viz_slots (job, FSIM_FORMAT_DOT, &error);
  ck_assert_ptr_nonnull (dot);
  fsim_test_golden ("slots-rescale-rebalance.dot", g_bytes_get_data (dot, NULL),
                    g_bytes_get_size (dot));
}
END_TEST

void
scheduler_views_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Views of a run");
  tcase_add_test (tc, test_text_log);
  tcase_add_test (tc, test_text_log_wide_labels);
  tcase_add_test (tc, test_jsonl);
  tcase_add_test (tc, test_values_text);
  tcase_add_test (tc, test_values_scaled);
  tcase_add_test (tc, test_perfetto_valid);
  tcase_add_test (tc, test_perfetto_deterministic);
  tcase_add_test (tc, test_cli_run_and_trace);
  tcase_add_test (tc, test_slots_golden);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (suite, tc);
}
