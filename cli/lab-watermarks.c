/* lab-watermarks.c - `flinksim lab watermarks`: a task's StatusWatermarkValve
 * fed watermarks and statuses per channel, or (--generator) a
 * TimestampsAndWatermarksOperator fed records and processing time
 * (docs/labs-time.md). Both run scheduler/'s own event-time code.
 *
 * Also the helpers lab-windows.c shares: event times as Java longs of ms,
 * and job-language expressions in options. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "cli/lab.h"
#include "scheduler/scheduler.h"

/* ------------------------------------------------------------------------ */
/* Shared with lab-windows.c                                                  */

gboolean
fsim_lab_parse_event_time (const FsimLabToken *token, gsize offset, gssize len, gint64 *out_ms,
                           GError **error)
{
  gsize avail = strlen (token->text) - MIN (offset, strlen (token->text));
  gsize n = len < 0 ? avail : MIN ((gsize) len, avail);
  g_autofree char *text = g_strndup (token->text + offset, n);
  const char *digits = text[0] == '-' ? text + 1 : text;
  gboolean bare = *digits != '\0';
  for (const char *p = digits; *p; p++)
    bare &= g_ascii_isdigit (*p);
  /* a bare number is a Java long of ms, the whole range */
  if (bare || *digits == '\0')
    return fsim_lab_parse_int (token, offset, (gssize) n, G_MININT64, G_MAXINT64, out_ms, error);
  gint64 us;
  if (!fsim_lab_parse_duration (token, offset + (digits - text), (gssize) strlen (digits), &us,
                                error))
    return FALSE;
  *out_ms = (text[0] == '-' ? -1 : 1) * (us / 1000);    /* Duration.toMillis */
  return TRUE;
}

void
fsim_lab_expression_error (GError **error, const FsimLabToken *token, int column, GError *local)
{
  const char *text = token->text;
  glong chars = g_utf8_strlen (text, -1);
  gsize offset = (gsize) (g_utf8_offset_to_pointer (text, MIN (MAX (column - 1, 0), chars)) - text);
  g_auto (GStrv) parts = g_strsplit (local->message, "\n", 2);
  if (parts[1] && *parts[1])
    fsim_lab_set_error (error, token, offset, "%s (%s)", parts[0], parts[1]);
  else
    fsim_lab_set_error (error, token, offset, "%s", parts[0]);
  g_error_free (local);
}

/* ------------------------------------------------------------------------ */
/* The lab                                                                    */

typedef struct {
  gint64 channels;              /* 0: 1 + the highest channel named */
  const FsimLabToken *channels_token;
  gboolean generator;
  FsimWatermarkSpec strategy;
  gint64 interval_us;
} Options;

static gboolean
set_channels (gpointer data, const FsimLabToken *value, GError **error)
{
  Options *o = data;
  o->channels_token = value;
  return fsim_lab_parse_int (value, 0, -1, 1, 65536, &o->channels, error);
}

static gboolean
set_generator (gpointer data, const FsimLabToken *value, GError **error)
{
  Options *o = data;
  int column = 0;
  GError *local = NULL;
  if (!fsim_watermark_strategy_parse (value->text, &o->strategy, &column, &local))
    {
      fsim_lab_expression_error (error, value, column, local);
      return FALSE;
    }
  o->generator = TRUE;
  return TRUE;
}

static gboolean
set_interval (gpointer data, const FsimLabToken *value, GError **error)
{
  Options *o = data;
  return fsim_lab_parse_duration (value, 0, -1, &o->interval_us, error);
}

static const FsimLabOption options[] = {
  { "channels", "N", N_("valve: the input channels (default: 1 + the highest channel named)"),
    set_channels },
  { "generator", "STRATEGY", N_("a WatermarkStrategy of the job language, e.g. "
                                "\"WatermarkStrategy.forBoundedOutOfOrderness(2 s)\""),
    set_generator },
  { "interval", "D", N_("generator: pipeline.auto-watermark-interval (default 200 ms)"),
    set_interval },
  { NULL }
};

static void
json_output (JsonBuilder *b, const FsimEventTimeOutput *o)
{
  json_builder_begin_object (b);
  if (o->kind == FSIM_EVENT_TIME_WATERMARK)
    {
      json_builder_set_member_name (b, "watermark");
      json_builder_add_int_value (b, o->timestamp);
    }
  else if (o->kind == FSIM_EVENT_TIME_RECORD)
    {
      json_builder_set_member_name (b, "record");
      json_builder_add_int_value (b, o->timestamp);
    }
  else
    {
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, o->idle ? "IDLE" : "ACTIVE");
    }
  json_builder_end_object (b);
}

static char *
text_outputs (const GArray *out)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < out->len; i++)
    {
      const FsimEventTimeOutput *o = &g_array_index (out, FsimEventTimeOutput, i);
      if (i)
        g_string_append (s, ", ");
      if (o->kind == FSIM_EVENT_TIME_WATERMARK)
        g_string_append_printf (s, "Watermark(%" PRId64 ")", o->timestamp);
      else if (o->kind == FSIM_EVENT_TIME_RECORD)
        g_string_append_printf (s, "record @%" PRId64, o->timestamp);
      else
        g_string_append (s, o->idle ? "IDLE" : "ACTIVE");
    }
  if (out->len == 0)
    g_string_append (s, "-");
  return g_string_free (s, FALSE);
}

static void
add_emitted (FsimLabRecord *rec, const GArray *out)
{
  JsonBuilder *b = fsim_lab_record_json (rec);
  json_builder_set_member_name (b, "emitted");
  json_builder_begin_array (b);
  for (guint i = 0; i < out->len; i++)
    json_output (b, &g_array_index (out, FsimEventTimeOutput, i));
  json_builder_end_array (b);
  g_autofree char *text = text_outputs (out);
  fsim_lab_record_text (rec, _("emitted: %s"), text);
}

/* --- valve ---------------------------------------------------------------- */

typedef struct {
  char kind;                    /* 'W', 'I', 'A' */
  gint64 watermark;
  gint64 channel;
} ValveInput;

static gboolean
parse_valve_token (const FsimLabToken *t, ValveInput *in, GError **error)
{
  const char *s = t->text;
  const char *at = strchr (s, '@');
  in->kind = s[0];
  if ((s[0] != 'W' && s[0] != 'I' && s[0] != 'A') || at == NULL)
    {
      fsim_lab_set_error (error, t, 0, _("expected W<time>@<channel>, I@<channel> or "
                                         "A@<channel>, found '%s'"), s);
      return FALSE;
    }
  if (s[0] == 'W')
    {
      if (!fsim_lab_parse_event_time (t, 1, at - s - 1, &in->watermark, error))
        return FALSE;
    }
  else if (at != s + 1)
    {
      fsim_lab_set_error (error, t, 1, _("expected '@' after %c"), s[0]);
      return FALSE;
    }
  return fsim_lab_parse_int (t, (gsize) (at - s) + 1, -1, 0, 65535, &in->channel, error);
}

static void
add_channels (FsimLabRecord *rec, const FsimWatermarkValve *valve)
{
  JsonBuilder *b = fsim_lab_record_json (rec);
  guint n = fsim_watermark_valve_get_n_channels (valve);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) idle = g_string_new (NULL);
  json_builder_set_member_name (b, "channel_watermarks");
  json_builder_begin_array (b);
  for (guint c = 0; c < n; c++)
    {
      gint64 w = fsim_watermark_valve_get_channel_watermark (valve, c);
      if (w == FSIM_WATERMARK_NONE)
        json_builder_add_null_value (b);
        else
        json_builder_add_int_value (b, w);
      if (w == FSIM_WATERMARK_NONE)
        g_string_append_printf (text, "%s%u=-", c ? " " : "", c);
      else
        g_string_append_printf (text, "%s%u=%" PRId64, c ? " " : "", c, w);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "idle");
  json_builder_begin_array (b);
  for (guint c = 0; c < n; c++)
    if (fsim_watermark_valve_channel_is_idle (valve, c))
      {
        json_builder_add_int_value (b, c);
        g_string_append_printf (idle, "%s%u", idle->len ? "," : "", c);
      }
  json_builder_end_array (b);
  fsim_lab_record_text (rec, _("channel watermarks: %s"), text->str);
  fsim_lab_record_text (rec, _("idle channels: %s"), idle->len ? idle->str : "-");
}

static int
run_valve (FsimLab *lab, const Options *o, GPtrArray *tokens)
{
  g_autoptr (GArray) inputs = g_array_new (FALSE, FALSE, sizeof (ValveInput));
  gint64 highest = -1;
  for (guint i = 0; i < tokens->len; i++)
    {
      ValveInput in = { 0 };
      GError *error = NULL;
      if (!parse_valve_token (tokens->pdata[i], &in, &error))
        return fsim_lab_fail (lab, error);
      if (o->channels > 0 && in.channel >= o->channels)
        {
          const FsimLabToken *t = tokens->pdata[i];
          fsim_lab_set_error (&error, t, (gsize) (strchr (t->text, '@') - t->text) + 1,
                              _("channel %" PRId64 " does not exist: --channels is %" PRId64),
                              in.channel, o->channels);
          return fsim_lab_fail (lab, error);
        }
      highest = MAX (highest, in.channel);
      g_array_append_val (inputs, in);
    }
  guint n = o->channels > 0 ? (guint) o->channels : (guint) MAX (highest + 1, 1);
  g_autoptr (FsimWatermarkValve) valve = fsim_watermark_valve_new (n);
  fsim_watermark_valve_set_localized (valve, TRUE);
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  for (guint i = 0; i < inputs->len; i++)
    {
      ValveInput *in = &g_array_index (inputs, ValveInput, i);
      g_array_set_size (out, 0);
      g_autofree char *why = in->kind == 'W'
        ? fsim_watermark_valve_input_watermark (valve, (guint) in->channel, in->watermark, out)
        : fsim_watermark_valve_input_status (valve, (guint) in->channel, in->kind == 'I', out);
      g_array_append_vals (all, out->data, out->len);
      FsimLabRecord *rec = fsim_lab_step_begin (lab, (int) i, tokens->pdata[i]);
      add_emitted (rec, out);
      add_channels (rec, valve);
      fsim_lab_record_end (rec, why);
    }
  FsimLabRecord *sum = fsim_lab_summary_begin (lab);
  add_emitted (sum, all);
  fsim_lab_record_end (sum, NULL);
  return FSIM_EXIT_OK;
}

/* --- generator ------------------------------------------------------------ */

static int
run_generator (FsimLab *lab, const Options *o, GPtrArray *tokens)
{
  /* parse everything first: a bad token prints nothing but the error */
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = 0;
  for (guint i = 0; i < tokens->len; i++)
    {
      const FsimLabToken *t = tokens->pdata[i];
      GError *error = NULL;
      gint64 v = 0;
      if (g_str_has_prefix (t->text, "R@"))
        {
          if (!fsim_lab_parse_event_time (t, 2, -1, &v, &error))
            return fsim_lab_fail (lab, error);
        }
      else if (t->text[0] == 'P')
        {
          if (!fsim_lab_parse_event_time (t, 1, -1, &v, &error))
            return fsim_lab_fail (lab, error);
          if (v < now)
            {
              fsim_lab_set_error (&error, t, 1, _("processing time never goes back: it is "
                                                  "already %" PRId64 " ms"), now);
              return fsim_lab_fail (lab, error);
            }
          now = v;
        }
      else
        {
          fsim_lab_set_error (&error, t, 0, _("expected R@<time> or P<time>, found '%s'"),
                              t->text);
          return fsim_lab_fail (lab, error);
        }
      g_array_append_val (times, v);
    }
  g_autoptr (FsimTimestampsAndWatermarks) op =
    fsim_timestamps_and_watermarks_new (&o->strategy, o->interval_us / 1000, 0);
  fsim_timestamps_and_watermarks_set_localized (op, TRUE);
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (FsimEventTimeOutput));
  for (guint i = 0; i < tokens->len; i++)
    {
      const FsimLabToken *t = tokens->pdata[i];
      gint64 v = g_array_index (times, gint64, i);
      g_array_set_size (out, 0);
      g_autofree char *why = t->text[0] == 'R'
        ? fsim_timestamps_and_watermarks_process_element (op, v, out)
        : fsim_timestamps_and_watermarks_advance_processing_time (op, v, out);
      g_array_append_vals (all, out->data, out->len);
      FsimLabRecord *rec = fsim_lab_step_begin (lab, (int) i, t);
      add_emitted (rec, out);
      fsim_lab_record_end (rec, why);
    }
  FsimLabRecord *sum = fsim_lab_summary_begin (lab);
  add_emitted (sum, all);
  fsim_lab_record_end (sum, NULL);
  return FSIM_EXIT_OK;
}

static int
watermarks_run (FsimLab *lab)
{
  Options o = { .interval_us = 200 * 1000 };
  if (!fsim_lab_parse_args (lab, options, &o))
    return fsim_lab_exit_code (lab);
  GError *error = NULL;
  if (o.generator && o.channels_token)
    {
      fsim_lab_set_error (&error, o.channels_token, 0,
                          _("--channels is the valve's; --generator runs one operator"));
      return fsim_lab_fail (lab, error);
    }
  g_autoptr (GPtrArray) tokens = fsim_lab_read_tokens (lab, &error);
  if (tokens == NULL)
    return fsim_lab_fail (lab, error);
  return o.generator ? run_generator (lab, &o, tokens) : run_valve (lab, &o, tokens);
}

const FsimLabEntry fsim_lab_watermarks = {
  "watermarks", N_("a task's StatusWatermarkValve, or a watermark generator"),
  "[OPTIONS] SEQUENCE...",
  N_("Valve (default): W<time>@<c> a watermark on channel c, I@<c> the channel goes IDLE, "
     "A@<c> it goes ACTIVE. Generator (--generator): R@<time> a record with that timestamp, "
     "P<time> processing time advances to time. Times are ms (a Java long) or a duration."),
  watermarks_run,
};
