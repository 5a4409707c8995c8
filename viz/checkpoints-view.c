/* checkpoints-view.c - `flinksim checkpoints`: the Web UI's Checkpoints tab
 * and the REST API's checkpoint statistics, from the coordinator's
 * CheckpointStatsTracker views (checkpoint/checkpoint.h).
 *
 * JSON mirrors Flink's REST handlers, field names verbatim, times in
 * milliseconds of simulated time, sizes in bytes:
 *   without an id   /jobs/:jobid/checkpoints (CheckpointingStatistics:
 *                   counts, summary, latest, history newest first)
 *   with --id N     /jobs/:jobid/checkpoints/details/:checkpointid
 *                   (CheckpointStatistics with its tasks), each task entry
 *                   also holding what .../subtasks/:vertexid returns
 *                   (TaskCheckpointStatisticsWithSubtaskDetails).
 * flinksim's own fields are prefixed "flinksim_": which subtask
 * acknowledged last, and why its last barrier came late.
 *
 * Text: the history table, the counts and a summary; with --id the
 * per-task and per-subtask tables and a Gantt of each subtask's four
 * phases (start delay, alignment, synchronous, asynchronous part), the
 * slowest subtask first. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "checkpoint/checkpoint.h"
#include "viz/viz-private.h"

gboolean
fsim_viz_checkpoints_format_from_name (const char *name, FsimVizCheckpointsFormat *out)
{
  if (g_strcmp0 (name, "text") == 0)
    *out = FSIM_VIZ_CHECKPOINTS_TEXT;
  else if (g_strcmp0 (name, "json") == 0)
    *out = FSIM_VIZ_CHECKPOINTS_JSON;
  else
    return FALSE;
  return TRUE;
}

/* --- what the REST API computes ---------------------------------------------------- */

static gint64
ms_of (gint64 us)
{
  return us < 0 ? -1 : us / 1000;
}

/* AbstractCheckpointStats.getEndToEndDuration: to the latest
 * acknowledgement (failed: to the failure), never negative. */
static gint64
end_to_end_us (const FsimCheckpointStatsView *v)
{
  gint64 to = v->state == FSIM_PENDING_CHECKPOINT_ABORTED && v->failure_us >= 0 ? v->failure_us
                                                                                : v->latest_ack_us;
  return to < 0 ? 0 : MAX (to - v->trigger_us, 0);
}

typedef struct {
  gint64 state_size, checkpointed_size, processed, persisted;
} Sums;

static Sums
sums_of (const FsimCheckpointStatsView *v, int vertex)
{
  Sums s = { 0 };
  for (guint i = 0; i < v->n_subtasks; i++)
    {
      const FsimSubtaskCheckpointRow *r = &v->subtasks[i];
      if (!r->acknowledged || (vertex >= 0 && r->task.vertex != vertex))
        continue;
      s.state_size += r->stats.state_size;
      s.checkpointed_size += r->stats.checkpointed_size;
      s.processed += r->stats.processed_bytes;
      s.persisted += r->stats.persisted_bytes;
    }
  return s;
}

/* RestAPICheckpointType */
static const char *
checkpoint_type (const FsimCheckpointStatsView *v)
{
  return fsim_checkpoint_rest_type_name (v->savepoint, v->synchronous, v->unaligned);
}

/* CheckpointStatistics' subtype names ("className"). */
static const char *
class_name (const FsimCheckpointStatsView *v)
{
  switch (v->state)
    {
    case FSIM_PENDING_CHECKPOINT_COMPLETED: return "completed";
    case FSIM_PENDING_CHECKPOINT_ABORTED: return "failed";
    default: return "in_progress";
    }
}

/* The subtask that acknowledged last (the one that made it slow), or NULL. */
static const FsimSubtaskCheckpointRow *
last_acknowledged (const FsimCheckpointStatsView *v)
{
  const FsimSubtaskCheckpointRow *last = NULL;
  for (guint i = 0; i < v->n_subtasks; i++)
    if (v->subtasks[i].acknowledged
        && (last == NULL || v->subtasks[i].ack_us > last->ack_us))
      last = &v->subtasks[i];
  return last;
}

/* Apache Commons Math's Percentile (LEGACY estimation), as Flink's
 * StatsSummarySnapshot.getQuantile uses it: over the sorted values,
 * position p * (n + 1), interpolated. */
static double
quantile (const gint64 *sorted, guint n, double p)
{
  if (n == 0)
    return 0;
  double pos = p * (double) (n + 1);
  if (pos < 1)
    return (double) sorted[0];
  if (pos >= n)
    return (double) sorted[n - 1];
  double lower = (double) sorted[(guint) pos - 1], upper = (double) sorted[(guint) pos];
  return lower + (pos - floor (pos)) * (upper - lower);
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* StatsSummaryDto of values (ms or bytes). */
static void
add_summary (JsonBuilder *b, const char *name, GArray *values)
{
  g_array_sort (values, compare_gint64);
  const gint64 *v = (const gint64 *) values->data;
  guint n = values->len;
  gint64 sum = 0;
  for (guint i = 0; i < n; i++)
    sum += v[i];
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_int_value (b, n ? v[0] : 0);
  json_builder_set_member_name (b, "max");
  json_builder_add_int_value (b, n ? v[n - 1] : 0);
  json_builder_set_member_name (b, "avg");
  json_builder_add_int_value (b, n ? sum / n : 0);
  static const struct {
    const char *name;
    double p;
  } ps[] = { { "p50", 0.5 }, { "p90", 0.9 }, { "p95", 0.95 }, { "p99", 0.99 },
             { "p999", 0.999 } };
  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    {
      json_builder_set_member_name (b, ps[i].name);
      json_builder_add_double_value (b, quantile (v, n, ps[i].p));
    }
  json_builder_end_object (b);
}

/* --- JSON ---------------------------------------------------------------------------- */

/* The fields CheckpointStatistics and TaskCheckpointStatistics share. */
static void
add_common (JsonBuilder *b, const FsimCheckpointStatsView *v, int vertex, gint64 latest_ack_us,
            gint64 end_to_end, guint n_subtasks, guint n_acked)
{
  Sums s = sums_of (v, vertex);
  fsim_viz_json_add_int (b, "latest_ack_timestamp", ms_of (latest_ack_us));
  fsim_viz_json_add_int (b, "checkpointed_size", s.checkpointed_size);
  fsim_viz_json_add_int (b, "state_size", s.state_size);
  fsim_viz_json_add_int (b, "end_to_end_duration", ms_of (end_to_end));
  fsim_viz_json_add_int (b, "alignment_buffered", 0);  /* deprecated: Flink reports 0 */
  fsim_viz_json_add_int (b, "processed_data", s.processed);
  fsim_viz_json_add_int (b, "persisted_data", s.persisted);
  fsim_viz_json_add_int (b, "num_subtasks", n_subtasks);
  fsim_viz_json_add_int (b, "num_acknowledged_subtasks", n_acked);
}

static void
add_subtask (JsonBuilder *b, const FsimCheckpointStatsView *v, const FsimSubtaskCheckpointRow *r)
{
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "index", r->task.subtask);
  if (!r->acknowledged)
    {
      /* PendingSubtaskCheckpointStatistics */
      fsim_viz_json_add_string (b, "status", "pending_or_failed");
      json_builder_end_object (b);
      return;
    }
  fsim_viz_json_add_string (b, "status", "completed");
  fsim_viz_json_add_int (b, "ack_timestamp", ms_of (r->ack_us));
  fsim_viz_json_add_int (b, "end_to_end_duration", ms_of (r->ack_us - v->trigger_us));
  fsim_viz_json_add_int (b, "state_size", r->stats.state_size);
  fsim_viz_json_add_int (b, "checkpointed_size", r->stats.checkpointed_size);
  json_builder_set_member_name (b, "checkpoint");
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "sync", ms_of (r->stats.sync_us));
  fsim_viz_json_add_int (b, "async", ms_of (r->stats.async_us));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "alignment");
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "buffered", 0);
  fsim_viz_json_add_int (b, "processed", r->stats.processed_bytes);
  fsim_viz_json_add_int (b, "persisted", r->stats.persisted_bytes);
  fsim_viz_json_add_int (b, "duration", ms_of (r->stats.alignment_us));
  json_builder_end_object (b);
  fsim_viz_json_add_int (b, "start_delay", ms_of (r->stats.start_delay_us));
  fsim_viz_json_add_bool (b, "unaligned_checkpoint", r->stats.unaligned);
  fsim_viz_json_add_bool (b, "aborted", FALSE);
  fsim_viz_json_add_string (b, "flinksim_late_barrier_why", r->stats.late_barrier_why);
  json_builder_end_object (b);
}

/* A vertex's subtasks in the checkpoint, acknowledged ones, latest ack. */
static void
vertex_counts (const FsimCheckpointStatsView *v, int vertex, guint *n, guint *acked,
               gint64 *latest)
{
  *n = *acked = 0;
  *latest = -1;
  for (guint i = 0; i < v->n_subtasks; i++)
    if (v->subtasks[i].task.vertex == vertex)
      {
        (*n)++;
        if (v->subtasks[i].acknowledged)
          {
            (*acked)++;
            *latest = MAX (*latest, v->subtasks[i].ack_us);
          }
      }
}

/* One task of --id: TaskCheckpointStatistics + its subtasks. */
static void
add_task (JsonBuilder *b, const FsimCheckpointStatsView *v, const FsimExecutionJobVertex *ejv)
{
  guint n, acked;
  gint64 latest;
  vertex_counts (v, ejv->index, &n, &acked, &latest);
  json_builder_set_member_name (b, ejv->job_vertex->id);
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "id", v->id);
  fsim_viz_json_add_string (b, "status", fsim_checkpoint_stats_status_name (v->state));
  add_common (b, v, ejv->index, latest,
              latest < 0 ? 0 : MAX (latest - v->trigger_us, 0), n, acked);
  fsim_viz_json_add_string (b, "flinksim_name", ejv->job_vertex->name);
  json_builder_set_member_name (b, "subtasks");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->n_subtasks; i++)
    if (v->subtasks[i].task.vertex == ejv->index)
      add_subtask (b, v, &v->subtasks[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_checkpoint (JsonBuilder *b, const FsimCheckpointStatsView *v, const FsimExecutionGraph *eg,
                gboolean with_tasks)
{
  json_builder_begin_object (b);
  fsim_viz_json_add_string (b, "className", class_name (v));
  fsim_viz_json_add_int (b, "id", v->id);
  fsim_viz_json_add_string (b, "status", fsim_checkpoint_stats_status_name (v->state));
  fsim_viz_json_add_bool (b, "is_savepoint", v->savepoint);
  fsim_viz_json_add_string (b, "savepointFormat", NULL);
  fsim_viz_json_add_int (b, "trigger_timestamp", ms_of (v->trigger_us));
  add_common (b, v, -1, v->latest_ack_us, end_to_end_us (v), v->n_subtasks, v->n_acknowledged);
  fsim_viz_json_add_string (b, "checkpoint_type", checkpoint_type (v));
  if (v->state == FSIM_PENDING_CHECKPOINT_COMPLETED)
    {
      fsim_viz_json_add_string (b, "external_path", NULL);
      fsim_viz_json_add_bool (b, "discarded", v->discarded);
    }
  if (v->state == FSIM_PENDING_CHECKPOINT_ABORTED)
    {
      fsim_viz_json_add_int (b, "failure_timestamp", ms_of (v->failure_us));
      fsim_viz_json_add_string (b, "failure_message", v->failure_message);
    }
  const FsimSubtaskCheckpointRow *last = last_acknowledged (v);
  fsim_viz_json_add_string (b, "flinksim_last_acknowledged", last ? last->task.label : NULL);
  fsim_viz_json_add_string (b, "flinksim_late_barrier_why", last ? last->stats.late_barrier_why : NULL);
  json_builder_set_member_name (b, "tasks");
  json_builder_begin_object (b);
  if (with_tasks)
    {
      GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
      for (guint i = 0; i < ejvs->len; i++)
        add_task (b, v, g_ptr_array_index (ejvs, i));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static GBytes *
history_json (const GArray *views, const FsimExecutionGraph *eg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  guint counts[FSIM_PENDING_CHECKPOINT_STATE_COUNT] = { 0 };
  for (guint i = 0; i < views->len; i++)
    counts[g_array_index (views, FsimCheckpointStatsView, i).state]++;
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  fsim_viz_json_add_int (b, "restored", 0);
  fsim_viz_json_add_int (b, "total", views->len);
  fsim_viz_json_add_int (b, "in_progress", counts[FSIM_PENDING_CHECKPOINT_IN_PROGRESS]);
  fsim_viz_json_add_int (b, "completed", counts[FSIM_PENDING_CHECKPOINT_COMPLETED]);
  fsim_viz_json_add_int (b, "failed", counts[FSIM_PENDING_CHECKPOINT_ABORTED]);
  json_builder_end_object (b);

  /* CheckpointStatsSummary: over the completed checkpoints */
  g_autoptr (GArray) cs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) ss = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) e2e = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) ab = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) pd = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) ps = g_array_new (FALSE, FALSE, sizeof (gint64));
  const FsimCheckpointStatsView *latest_completed = NULL, *latest_failed = NULL;
  for (guint i = 0; i < views->len; i++)
    {
      const FsimCheckpointStatsView *v = &g_array_index (views, FsimCheckpointStatsView, i);
      if (v->state == FSIM_PENDING_CHECKPOINT_ABORTED)
        latest_failed = v;
      if (v->state != FSIM_PENDING_CHECKPOINT_COMPLETED)
        continue;
      latest_completed = v;
      Sums s = sums_of (v, -1);
      gint64 d = ms_of (end_to_end_us (v)), zero = 0;
      g_array_append_val (cs, s.checkpointed_size);
      g_array_append_val (ss, s.state_size);
      g_array_append_val (e2e, d);
      g_array_append_val (ab, zero);
      g_array_append_val (pd, s.processed);
      g_array_append_val (ps, s.persisted);
    }
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  add_summary (b, "checkpointed_size", cs);
  add_summary (b, "state_size", ss);
  add_summary (b, "end_to_end_duration", e2e);
  add_summary (b, "alignment_buffered", ab);
  add_summary (b, "processed_data", pd);
  add_summary (b, "persisted_data", ps);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "latest");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "completed");
  if (latest_completed)
    add_checkpoint (b, latest_completed, eg, FALSE);
  else
    json_builder_add_null_value (b);
  fsim_viz_json_add_string (b, "savepoint", NULL);
  json_builder_set_member_name (b, "failed");
  if (latest_failed)
    add_checkpoint (b, latest_failed, eg, FALSE);
  else
    json_builder_add_null_value (b);
  fsim_viz_json_add_string (b, "restored", NULL);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = views->len; i-- > 0;)
    add_checkpoint (b, &g_array_index (views, FsimCheckpointStatsView, i), eg, FALSE);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return fsim_viz_json_bytes (b);
}

static GBytes *
details_json (const FsimCheckpointStatsView *v, const FsimExecutionGraph *eg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  add_checkpoint (b, v, eg, TRUE);
  return fsim_viz_json_bytes (b);
}

/* --- text ----------------------------------------------------------------------------- */

/* "0 B", "12.3 KiB", "4.56 MiB" (transfer full) */
static char *
bytes_text (gint64 n)
{
  if (n < 1024)
    return g_strdup_printf ("%" PRId64 " B", n);
  if (n < 1024 * 1024)
    return g_strdup_printf ("%.1f KiB", (double) n / 1024);
  return g_strdup_printf ("%.2f MiB", (double) n / (1024 * 1024));
}

/* text wrapped at width columns, lines after the first indented by 4. */
static void
append_wrapped (GString *out, const char *text, int width)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  int col = 0;
  for (int i = 0; words[i]; i++)
    {
      int w = fsim_viz_text_width (words[i]);
      if (col > 0 && col + 1 + w > width)
        {
          g_string_append (out, "\n    ");
          col = 4;
        }
      else if (col > 0)
        {
          g_string_append_c (out, ' ');
          col++;
        }
      g_string_append (out, words[i]);
      col += w;
    }
  g_string_append_c (out, '\n');
}

static char *
time_text (gint64 us)
{
  return us < 0 ? g_strdup ("-") : fsim_time_format (us);
}

static void
write_history (const GArray *views, GString *out)
{
  static const char *const header[] = {
    N_("ID"), N_("Status"), N_("Acknowledged"), N_("Trigger time"), N_("Latest ack"),
    N_("End to end"), N_("Checkpointed size"), N_("Processed"), N_("Persisted"), N_("Type"),
    NULL };
  static const gboolean right[] = { TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  for (guint i = views->len; i-- > 0;)
    {
      const FsimCheckpointStatsView *v = &g_array_index (views, FsimCheckpointStatsView, i);
      Sums s = sums_of (v, -1);
      char **row = g_new0 (char *, 11);
      row[0] = g_strdup_printf ("%" PRId64, v->id);
      row[1] = g_strdup (fsim_checkpoint_stats_status_name (v->state));
      row[2] = g_strdup_printf ("%u/%u", v->n_acknowledged, v->n_subtasks);
      row[3] = time_text (v->trigger_us);
      row[4] = time_text (v->latest_ack_us);
      row[5] = fsim_duration_text (end_to_end_us (v));
      row[6] = bytes_text (s.checkpointed_size);
      row[7] = bytes_text (s.processed);
      row[8] = bytes_text (s.persisted);
      row[9] = g_strdup (checkpoint_type (v));
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

static void
write_whys (const GArray *views, int width, GString *out)
{
  for (guint i = views->len; i-- > 0;)
    {
      const FsimCheckpointStatsView *v = &g_array_index (views, FsimCheckpointStatsView, i);
      g_autofree char *line = NULL;
      const FsimSubtaskCheckpointRow *last = last_acknowledged (v);
      g_autofree char *d = fsim_duration_text (end_to_end_us (v));
      if (v->state == FSIM_PENDING_CHECKPOINT_ABORTED)
        line = g_strdup_printf (_("checkpoint %" PRId64 " failed: %s: %s"), v->id,
                                fsim_checkpoint_failure_reason_name (v->failure_reason),
                                v->failure_message ? v->failure_message : "");
      else if (v->state == FSIM_PENDING_CHECKPOINT_COMPLETED && last
               && last->stats.late_barrier_why)
        line = g_strdup_printf (_("checkpoint %" PRId64 " (%s): %s acknowledged last; %s"),
                                v->id, d, last->task.label, last->stats.late_barrier_why);
      if (line)
        append_wrapped (out, line, width);
    }
}

static void
write_counts (const GArray *views, GString *out)
{
  guint counts[FSIM_PENDING_CHECKPOINT_STATE_COUNT] = { 0 };
  for (guint i = 0; i < views->len; i++)
    counts[g_array_index (views, FsimCheckpointStatsView, i).state]++;
  g_string_append_printf (out, _("%u triggered: %u completed, %u failed, %u in progress\n\n"),
                          views->len, counts[FSIM_PENDING_CHECKPOINT_COMPLETED],
                          counts[FSIM_PENDING_CHECKPOINT_ABORTED],
                          counts[FSIM_PENDING_CHECKPOINT_IN_PROGRESS]);
}

static void
write_subtasks (const FsimCheckpointStatsView *v, GString *out)
{
  static const char *const header[] = {
    N_("Subtask"), N_("Ack"), N_("End to end"), N_("State size"), N_("Sync"), N_("Async"),
    N_("Alignment"), N_("Start delay"), N_("Processed"), N_("Persisted"), N_("Unaligned"), NULL };
  static const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
                                    FALSE };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  for (guint i = 0; i < v->n_subtasks; i++)
    {
      const FsimSubtaskCheckpointRow *r = &v->subtasks[i];
      char **row = g_new0 (char *, 12);
      row[0] = g_strdup (r->task.label);
      if (!r->acknowledged)
        {
          for (int c = 1; c < 11; c++)
            row[c] = g_strdup ("-");
          fsim_viz_table_add (t, row);
          continue;
        }
      row[1] = time_text (r->ack_us);
      row[2] = fsim_duration_text (r->ack_us - v->trigger_us);
      row[3] = bytes_text (r->stats.state_size);
      row[4] = fsim_duration_text (r->stats.sync_us);
      row[5] = fsim_duration_text (r->stats.async_us);
      row[6] = fsim_duration_text (r->stats.alignment_us);
      row[7] = fsim_duration_text (r->stats.start_delay_us);
      row[8] = bytes_text (r->stats.processed_bytes);
      row[9] = bytes_text (r->stats.persisted_bytes);
      row[10] = g_strdup (r->stats.unaligned ? _("yes") : _("no"));
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

/* label in exactly cols terminal columns: its end kept ("…Writer (1/1)#0"),
 * padded with spaces. (transfer full) */
static char *
fit_end (const char *label, int cols)
{
  int w = fsim_viz_text_width (label);
  if (w <= cols)
    return g_strdup_printf ("%s%*s", label, cols - w, "");
  const char *p = label;
  while (*p && fsim_viz_text_width (p) > cols - 1)
    p = g_utf8_next_char (p);
  return g_strdup_printf ("\u2026%s%*s", p, cols - 1 - fsim_viz_text_width (p), "");
}

/* The Web UI's per-vertex rows of a checkpoint's details. */
static void
write_tasks (const FsimCheckpointStatsView *v, const FsimExecutionGraph *eg, GString *out)
{
  static const char *const header[] = {
    N_("#"), N_("Vertex"), N_("Acknowledged"), N_("Latest ack"), N_("End to end"),
    N_("Checkpointed size"), N_("Processed"), N_("Persisted"), NULL };
  static const gboolean right[] = { TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };
  g_autoptr (FsimVizTable) t = fsim_viz_table_new (header, right);
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  for (guint k = 0; k < ejvs->len; k++)
    {
      const FsimExecutionJobVertex *ejv = g_ptr_array_index (ejvs, k);
      guint n, acked;
      gint64 latest;
      vertex_counts (v, ejv->index, &n, &acked, &latest);
      if (n == 0)
        continue;               /* finished before the trigger (FLIP-147) */
      Sums s = sums_of (v, ejv->index);
      char **row = g_new0 (char *, 9);
      row[0] = g_strdup_printf ("%d", ejv->index);
      row[1] = g_strdup (ejv->job_vertex->name);
      row[2] = g_strdup_printf ("%u/%u", acked, n);
      row[3] = time_text (latest);
      row[4] = latest < 0 ? g_strdup ("-") : fsim_duration_text (latest - v->trigger_us);
      row[5] = bytes_text (s.checkpointed_size);
      row[6] = bytes_text (s.processed);
      row[7] = bytes_text (s.persisted);
      fsim_viz_table_add (t, row);
    }
  fsim_viz_table_write (t, out);
}

static int
compare_slowest (gconstpointer a, gconstpointer b)
{
  const FsimSubtaskCheckpointRow *x = *(const FsimSubtaskCheckpointRow *const *) a;
  const FsimSubtaskCheckpointRow *y = *(const FsimSubtaskCheckpointRow *const *) b;
  gint64 ex = x->acknowledged ? x->ack_us : G_MAXINT64;
  gint64 ey = y->acknowledged ? y->ack_us : G_MAXINT64;
  if (ex != ey)
    return ex > ey ? -1 : 1;
  if (x->task.vertex != y->task.vertex)
    return x->task.vertex - y->task.vertex;
  return x->task.subtask - y->task.subtask;
}

void
fsim_viz_checkpoint_gantt_sort (GPtrArray *rows)
{
  g_ptr_array_sort (rows, compare_slowest);
}

/* Fills [from, to) of a bar of width cols over span_us with c. */
static void
fill (char *bar, int cols, gint64 span_us, gint64 from, gint64 to, char c)
{
  int a = (int) (from * cols / MAX (span_us, 1)), z = (int) (to * cols / MAX (span_us, 1));
  if (to > from && z == a)
    z = a + 1;               /* a phase that took time shows */
  for (int i = MAX (a, 0); i < MIN (z, cols); i++)
    bar[i] = c;
}

void
fsim_viz_checkpoint_gantt_bar (const FsimSubtaskCheckpointRow *r, gint64 trigger_us,
                               gint64 span, char *bar, int cols)
{
  memset (bar, ' ', (size_t) cols);
  const FsimSubtaskCheckpointStats *s = &r->stats;
  gint64 t0 = s->start_delay_us, t1 = t0 + s->alignment_us, t2 = t1 + s->sync_us;
  gint64 t3 = MAX (t2 + s->async_us, t2);
  fill (bar, cols, span, 0, t0, '.');
  fill (bar, cols, span, t0, t1, '=');
  fill (bar, cols, span, t1, t2, '#');
  fill (bar, cols, span, t2, t3, '~');
  if (r->acknowledged)
    fill (bar, cols, span, r->ack_us - trigger_us - 1, r->ack_us - trigger_us, '|');
}

const char *
fsim_viz_checkpoint_gantt_legend (void)
{
  return _(". start delay  = alignment  # synchronous part  ~ asynchronous part  "
           "| acknowledgement");
}

/* Each subtask's start delay, alignment, sync and async part from the
 * trigger, on one axis, slowest (latest acknowledgement) first. */
void
fsim_viz_checkpoint_gantt (const FsimCheckpointStatsView *v, int width, GString *out)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  gint64 span = 1;
  for (guint i = 0; i < v->n_subtasks; i++)
    {
      g_ptr_array_add (rows, (gpointer) &v->subtasks[i]);
      if (v->subtasks[i].acknowledged)
        span = MAX (span, v->subtasks[i].ack_us - v->trigger_us);
    }
  fsim_viz_checkpoint_gantt_sort (rows);
  int label_w = 28;
  int cols = MAX (width - label_w - 2, 10);
  g_autofree char *axis = fsim_duration_text (span);
  g_string_append_printf (out, _("Phases from the trigger (0 .. %s), slowest first:\n"), axis);
  for (guint i = 0; i < rows->len; i++)
    {
      const FsimSubtaskCheckpointRow *r = rows->pdata[i];
      g_autofree char *label = fit_end (r->task.label, label_w);
      g_autofree char *bar = g_strnfill (cols, ' ');
      if (r->acknowledged)
        fsim_viz_checkpoint_gantt_bar (r, v->trigger_us, span, bar, cols);
      else
        memcpy (bar, _("(not acknowledged)"),
                MIN ((size_t) cols, strlen (_("(not acknowledged)"))));
      g_string_append_printf (out, "%s  %s\n", label, bar);
    }
  g_string_append_printf (out, "%s\n", fsim_viz_checkpoint_gantt_legend ());
}

static void
write_details (const FsimCheckpointStatsView *v, const FsimExecutionGraph *eg, int width,
               GString *out)
{
  g_autofree char *e2e = fsim_duration_text (end_to_end_us (v));
  g_autofree char *trig = time_text (v->trigger_us);
  Sums s = sums_of (v, -1);
  g_autofree char *size = bytes_text (s.checkpointed_size);
  g_autofree char *persisted = bytes_text (s.persisted);
  g_autofree char *head = g_strdup_printf (
    _("Checkpoint %" PRId64 ": %s, %s, triggered at %s, end to end %s, %u/%u acknowledged, "
      "checkpointed %s, persisted in-flight %s"), v->id,
    fsim_checkpoint_stats_status_name (v->state), checkpoint_type (v), trig, e2e,
    v->n_acknowledged, v->n_subtasks, size, persisted);
  append_wrapped (out, head, width);
  if (v->state == FSIM_PENDING_CHECKPOINT_ABORTED)
    {
      g_autofree char *failed = g_strdup_printf (_("failed: %s"),
                                                 v->failure_message ? v->failure_message : "");
      append_wrapped (out, failed, width);
    }
  g_string_append_c (out, '\n');
  write_tasks (v, eg, out);
  g_string_append_c (out, '\n');
  write_subtasks (v, out);
  g_string_append_c (out, '\n');
  fsim_viz_checkpoint_gantt (v, width, out);
  const FsimSubtaskCheckpointRow *last = last_acknowledged (v);
  if (last && last->stats.late_barrier_why)
    {
      g_autofree char *why = g_strdup_printf (_("why: %s acknowledged last; %s"),
                                              last->task.label, last->stats.late_barrier_why);
      g_string_append_c (out, '\n');
      append_wrapped (out, why, width);
    }
}

GBytes *
fsim_viz_checkpoints (const GArray *views, const FsimExecutionGraph *eg, gint64 id,
                      FsimVizCheckpointsFormat format, int width, GError **error)
{
  const FsimCheckpointStatsView *one = NULL;
  if (id >= 1)
    {
      if (id > (gint64) views->len)
        {
          g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_EMPTY,
                       views->len == 0 ? _("--id %" PRId64 ": no checkpoint was triggered")
                                       : _("--id %" PRId64 ": no such checkpoint; the run "
                                           "triggered 1 to %u"), id, views->len);
          return NULL;
        }
      one = &g_array_index (views, FsimCheckpointStatsView, id - 1);
    }
  if (format == FSIM_VIZ_CHECKPOINTS_JSON)
    return one ? details_json (one, eg) : history_json (views, eg);
  GString *out = g_string_new (NULL);
  if (one)
    write_details (one, eg, width, out);
  else
    {
      write_counts (views, out);
      write_history (views, out);
      g_string_append_c (out, '\n');
      write_whys (views, width, out);
    }
  return g_string_free_to_bytes (out);
}
