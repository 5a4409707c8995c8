/* viz-checkpoints.c - `flinksim checkpoints`' view (viz/checkpoints-view.c)
 * of CheckpointStatsTracker views written here by hand. Field names are
 * those of Flink's REST classes (CheckpointingStatistics,
 * CheckpointStatistics, StatsSummaryDto); the expected numbers are worked
 * out from their rules in the comments. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "viz/viz.h"
#include "tests/testlib.h"

void viz_checkpoints_tcases (Suite *suite);

#define MS G_GINT64_CONSTANT (1000)
#define SEC (1000 * MS)

/* Three checkpoints of a two-task job (source, sink):
 *   1 COMPLETED: triggered 1 s, acks 1.010 s (source, 8 B) and 3 s (sink,
 *     4096 B state, 100 B persisted): end to end 2000 ms, state 4104 B;
 *   2 FAILED: triggered 6 s, failed at 6.5 s: end to end 500 ms;
 *   3 COMPLETED: triggered 11 s, last ack 11.4 s, 8 + 1000 B: 400 ms;
 *   so 2 completed, 1 failed; summary over 1 and 3. */
static FsimSubtaskCheckpointRow rows1[2], rows3[2], rows2[2];

static FsimCheckpointStatsView
view (gint64 id, FsimPendingCheckpointState state, gint64 trigger, FsimSubtaskCheckpointRow *rows)
{
  FsimCheckpointStatsView v = { 0 };
  v.id = id;
  v.state = state;
  v.trigger_us = trigger;
  v.latest_ack_us = -1;
  v.failure_us = -1;
  v.n_subtasks = 2;
  v.subtasks = rows;
  for (int i = 0; i < 2; i++)
    if (rows[i].acknowledged)
      {
        v.n_acknowledged++;
        v.latest_ack_us = MAX (v.latest_ack_us, rows[i].ack_us);
      }
  return v;
}

static GArray *
three (void)
{
  static const char *labels[] = { "Source: S (1/1)#0", "Sink: K (1/1)#0" };
  for (int i = 0; i < 2; i++)
    {
      rows1[i] = rows2[i] = rows3[i] = (FsimSubtaskCheckpointRow) {
        { i, 0, 0, labels[i] }, FALSE, -1, { 0 } };
    }
  rows1[0].acknowledged = TRUE;
  rows1[0].ack_us = 1 * SEC + 10 * MS;
  rows1[0].stats.state_size = rows1[0].stats.checkpointed_size = 8;
  rows1[1].acknowledged = TRUE;
  rows1[1].ack_us = 3 * SEC;
  rows1[1].stats = (FsimSubtaskCheckpointStats) { .state_size = 4096, .checkpointed_size = 4096,
                                                  .sync_us = 0, .async_us = 40 * MS,
                                                  .alignment_us = 900 * MS,
                                                  .start_delay_us = 1000 * MS,
                                                  .processed_bytes = 5000,
                                                  .persisted_bytes = 100,
                                                  .late_barrier_why = "it waited" };
  rows3[0] = rows1[0];
  rows3[0].ack_us = 11 * SEC + 5 * MS;
  rows3[1].acknowledged = TRUE;
  rows3[1].ack_us = 11 * SEC + 400 * MS;
  rows3[1].stats.state_size = rows3[1].stats.checkpointed_size = 1000;
  rows2[0] = rows1[0];
  rows2[0].ack_us = 6 * SEC + 3 * MS;
  GArray *a = g_array_new (FALSE, FALSE, sizeof (FsimCheckpointStatsView));
  FsimCheckpointStatsView v1 = view (1, FSIM_PENDING_CHECKPOINT_COMPLETED, 1 * SEC, rows1);
  FsimCheckpointStatsView v2 = view (2, FSIM_PENDING_CHECKPOINT_ABORTED, 6 * SEC, rows2);
  v2.failure_us = 6 * SEC + 500 * MS;
  v2.failure_reason = FSIM_CHECKPOINT_FAILURE_CHECKPOINT_EXPIRED;
  v2.failure_message = "Checkpoint expired before completing.";
  FsimCheckpointStatsView v3 = view (3, FSIM_PENDING_CHECKPOINT_COMPLETED, 11 * SEC, rows3);
  g_array_append_val (a, v1);
  g_array_append_val (a, v2);
  g_array_append_val (a, v3);
  return a;
}

static JsonObject *
parse (GBytes *bytes, JsonParser *parser)
{
  gsize n;
  const char *text = g_bytes_get_data (bytes, &n);
  ck_assert (json_parser_load_from_data (parser, text, (gssize) n, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

/* CheckpointingStatistics: counts (restored, total, in_progress, completed,
 * failed), summary of StatsSummaryDto (min, max, avg, p50 … p999) over the
 * completed ones, latest.completed / failed, history newest first. The
 * percentiles are Commons Math's LEGACY estimate: with 2 values, p50's
 * position is 0.5 * 3 = 1.5, halfway: (400 + 2000) / 2 = 1200; p90's 2.7
 * is past the last: 2000. */
START_TEST (test_history_json)
{
  g_autoptr (GArray) views = three ();
  g_autoptr (GBytes) json = fsim_viz_checkpoints (views, NULL, 0, FSIM_VIZ_CHECKPOINTS_JSON, 80,
                                                  NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (json, parser);
  JsonObject *counts = json_object_get_object_member (root, "counts");
  ck_assert_int_eq (json_object_get_int_member (counts, "restored"), 0);
  ck_assert_int_eq (json_object_get_int_member (counts, "total"), 3);
  ck_assert_int_eq (json_object_get_int_member (counts, "in_progress"), 0);
  ck_assert_int_eq (json_object_get_int_member (counts, "completed"), 2);
  ck_assert_int_eq (json_object_get_int_member (counts, "failed"), 1);

  JsonObject *summary = json_object_get_object_member (root, "summary");
  JsonObject *e2e = json_object_get_object_member (summary, "end_to_end_duration");
  ck_assert_int_eq (json_object_get_int_member (e2e, "min"), 400);
  ck_assert_int_eq (json_object_get_int_member (e2e, "max"), 2000);
  ck_assert_int_eq (json_object_get_int_member (e2e, "avg"), 1200);
  ck_assert (json_object_get_double_member (e2e, "p50") == 1200.0);
  ck_assert (json_object_get_double_member (e2e, "p90") == 2000.0);
  ck_assert (json_object_has_member (e2e, "p999"));
  JsonObject *size = json_object_get_object_member (summary, "state_size");
  ck_assert_int_eq (json_object_get_int_member (size, "min"), 1008);
  ck_assert_int_eq (json_object_get_int_member (size, "max"), 4104);
  for (const char *const *m = (const char *const[]) { "checkpointed_size", "alignment_buffered",
                                                       "processed_data", "persisted_data", NULL };
       *m; m++)
    ck_assert_msg (json_object_has_member (summary, *m), "%s", *m);

  JsonObject *latest = json_object_get_object_member (root, "latest");
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (latest,
                                                                               "completed"),
                                                "id"), 3);
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (latest, "failed"),
                                                "id"), 2);
  ck_assert (json_object_get_null_member (latest, "savepoint"));

  JsonArray *history = json_object_get_array_member (root, "history");
  ck_assert_uint_eq (json_array_get_length (history), 3);
  JsonObject *h3 = json_array_get_object_element (history, 0);
  JsonObject *h2 = json_array_get_object_element (history, 1);
  JsonObject *h1 = json_array_get_object_element (history, 2);
  ck_assert_int_eq (json_object_get_int_member (h3, "id"), 3);
  ck_assert_str_eq (json_object_get_string_member (h1, "className"), "completed");
  ck_assert_str_eq (json_object_get_string_member (h1, "status"), "COMPLETED");
  ck_assert (!json_object_get_boolean_member (h1, "is_savepoint"));
  ck_assert_int_eq (json_object_get_int_member (h1, "trigger_timestamp"), 1000);
  ck_assert_int_eq (json_object_get_int_member (h1, "latest_ack_timestamp"), 3000);
  ck_assert_int_eq (json_object_get_int_member (h1, "end_to_end_duration"), 2000);
  ck_assert_int_eq (json_object_get_int_member (h1, "state_size"), 4104);
  ck_assert_int_eq (json_object_get_int_member (h1, "checkpointed_size"), 4104);
  ck_assert_int_eq (json_object_get_int_member (h1, "processed_data"), 5000);
  ck_assert_int_eq (json_object_get_int_member (h1, "persisted_data"), 100);
  ck_assert_int_eq (json_object_get_int_member (h1, "alignment_buffered"), 0);
  ck_assert_int_eq (json_object_get_int_member (h1, "num_subtasks"), 2);
  ck_assert_int_eq (json_object_get_int_member (h1, "num_acknowledged_subtasks"), 2);
  ck_assert_str_eq (json_object_get_string_member (h1, "checkpoint_type"), "CHECKPOINT");
  ck_assert (json_object_has_member (h1, "discarded"));
  ck_assert (json_object_has_member (h1, "external_path"));
  /* FailedCheckpointStatistics: its end to end runs to the failure */
  ck_assert_str_eq (json_object_get_string_member (h2, "className"), "failed");
  ck_assert_str_eq (json_object_get_string_member (h2, "status"), "FAILED");
  ck_assert_int_eq (json_object_get_int_member (h2, "failure_timestamp"), 6500);
  ck_assert_int_eq (json_object_get_int_member (h2, "end_to_end_duration"), 500);
  ck_assert_str_eq (json_object_get_string_member (h2, "failure_message"),
                    "Checkpoint expired before completing.");
  ck_assert_int_eq (json_object_get_int_member (h2, "num_acknowledged_subtasks"), 1);
  ck_assert (!json_object_has_member (h2, "discarded"));
  /* ours: who acknowledged last, and why */
  ck_assert_str_eq (json_object_get_string_member (h1, "flinksim_last_acknowledged"),
                    "Sink: K (1/1)#0");
  ck_assert_str_eq (json_object_get_string_member (h1, "flinksim_late_barrier_why"), "it waited");
}
END_TEST

/* The Gantt: slowest (latest acknowledgement) first; checkpoint 1 spans
 * 2000 ms over 50 columns (80 - 28 - 2), 40 ms a column: the sink's start
 * delay 1000 ms is 25 '.', its alignment 900 ms 22 '=' (columns 25 ..
 * 46), its async part 40 ms one '~', and its acknowledgement the last
 * column; the source acknowledged at 10 ms, in the first column. */
START_TEST (test_gantt)
{
  g_autoptr (GArray) views = three ();
  g_autoptr (GString) out = g_string_new (NULL);
  fsim_viz_checkpoint_gantt (&g_array_index (views, FsimCheckpointStatsView, 0), 80, out);
  g_auto (GStrv) lines = g_strsplit (out->str, "\n", -1);
  ck_assert (g_str_has_prefix (lines[1], "Sink: K (1/1)#0"));
  ck_assert (g_str_has_prefix (lines[2], "Source: S (1/1)#0"));
  const char *bar = lines[1] + 30;
  ck_assert_uint_eq (strlen (bar), 50);
  ck_assert_uint_eq (strspn (bar, "."), 25);
  ck_assert_uint_eq (strspn (bar + 25, "="), 22);
  ck_assert_int_eq (bar[47], '~');
  ck_assert_int_eq (bar[49], '|');
  ck_assert_int_eq (lines[2][30], '|');
}
END_TEST

/* An id the run does not have is refused, naming the ids there are. */
START_TEST (test_unknown_id)
{
  g_autoptr (GArray) views = three ();
  g_autoptr (GError) error = NULL;
  GBytes *none = fsim_viz_checkpoints (views, NULL, 7, FSIM_VIZ_CHECKPOINTS_TEXT, 80, &error);
  ck_assert_ptr_null (none);
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY));
  ck_assert_ptr_nonnull (strstr (error->message, "1 to 3"));
}
END_TEST

void
viz_checkpoints_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Checkpoint statistics");
  tcase_add_test (tc, test_history_json);
  tcase_add_test (tc, test_gantt);
  tcase_add_test (tc, test_unknown_id);
  suite_add_tcase (suite, tc);
}
