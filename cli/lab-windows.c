/* lab-windows.c - `flinksim lab windows`: one keyed WindowOperator fed
 * records, watermarks and processing time (docs/labs-time.md), on
 * scheduler/'s own window operator; the assigner and trigger are read by
 * the job language's parser (graphs/graphs.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "cli/lab.h"
#include "scheduler/scheduler.h"

typedef struct {
  const FsimLabToken *assigner;
  const FsimLabToken *trigger;
  gint64 lateness_us;
  gboolean side_output;
  int function;
} Options;

static gboolean
set_assigner (gpointer data, const FsimLabToken *value, GError **error)
{
  (void) error;
  ((Options *) data)->assigner = value;
  return TRUE;
}

static gboolean
set_trigger (gpointer data, const FsimLabToken *value, GError **error)
{
  (void) error;
  ((Options *) data)->trigger = value;
  return TRUE;
}

static gboolean
set_lateness (gpointer data, const FsimLabToken *value, GError **error)
{
  return fsim_lab_parse_duration (value, 0, -1, &((Options *) data)->lateness_us, error);
}

static gboolean
set_side_output (gpointer data, const FsimLabToken *value, GError **error)
{
  (void) value;
  (void) error;
  ((Options *) data)->side_output = TRUE;
  return TRUE;
}

static const char *const functions[] = { "sum", "count", "min", "max", NULL };

static gboolean
set_function (gpointer data, const FsimLabToken *value, GError **error)
{
  return fsim_lab_parse_choice (value, functions, &((Options *) data)->function, error);
}

static const FsimLabOption options[] = {
  { "assigner", "ASSIGNER", N_("a WindowAssigner of the job language, e.g. "
                               "\"TumblingEventTimeWindows.of(3 s)\", or countWindow(n[, m])"),
    set_assigner },
  { "trigger", "TRIGGER", N_("CountTrigger.of(n), PurgingTrigger.of(...), EventTimeTrigger.create(), "
                             "ProcessingTimeTrigger.create(), ContinuousEventTimeTrigger.of(d) "
                             "(default: the assigner's)"), set_trigger },
  { "allowed-lateness", "D", N_("WindowedStream.allowedLateness (default 0)"), set_lateness },
  { "side-output-late", NULL, N_("late records go to the late data side output "
                                 "(sideOutputLateData)"), set_side_output },
  { "function", "sum|count|min|max", N_("the window function (default sum)"), set_function },
  { NULL }
};

typedef struct {
  char kind;                    /* 'R', 'W', 'P' */
  FsimWindowKey key;
  gint64 value, time;
} Input;

/* R<key>=<value>@<time>: an integer key if it reads as a long. */
static gboolean
parse_record (FsimLab *lab, const FsimLabToken *t, Input *in, GError **error)
{
  const char *s = t->text;
  const char *eq = strchr (s, '='), *at = strrchr (s, '@');
  if (eq == NULL || at == NULL || at < eq || eq == s + 1)
    {
      fsim_lab_set_error (error, t, 0, _("expected R<key>=<value>@<time>, found '%s'"), s);
      return FALSE;
    }
  char *key = fsim_lab_keep (lab, g_strndup (s + 1, (gsize) (eq - s - 1)));
  char *end = NULL;
  errno = 0;
  gint64 number = g_ascii_strtoll (key, &end, 10);
  gboolean integral = errno == 0 && *end == '\0'
                      && (g_ascii_isdigit (key[0]) || (key[0] == '-' && g_ascii_isdigit (key[1])));
  in->key = (FsimWindowKey) { !integral, integral ? number : 0, integral ? NULL : key };
  return fsim_lab_parse_int (t, (gsize) (eq - s) + 1, at - eq - 1, G_MININT64, G_MAXINT64,
                             &in->value, error)
         && fsim_lab_parse_event_time (t, (gsize) (at - s) + 1, -1, &in->time, error);
}

static gboolean
parse_input (FsimLab *lab, const FsimLabToken *t, gint64 *now, Input *in, GError **error)
{
  in->kind = t->text[0];
  if (in->kind == 'R')
    return parse_record (lab, t, in, error);
  if (in->kind != 'W' && in->kind != 'P')
    {
      fsim_lab_set_error (error, t, 0, _("expected R<key>=<value>@<time>, W<time> or P<time>, "
                                         "found '%s'"), t->text);
      return FALSE;
    }
  if (!fsim_lab_parse_event_time (t, 1, -1, &in->time, error))
    return FALSE;
  if (in->kind == 'P' && in->time < *now)
    {
      fsim_lab_set_error (error, t, 1, _("processing time never goes back: it is already %"
                                         PRId64 " ms"), *now);
      return FALSE;
    }
  if (in->kind == 'P')
    *now = in->time;
  return TRUE;
}

static void
json_key (JsonBuilder *b, const FsimWindowKey *k)
{
  json_builder_set_member_name (b, "key");
  if (k->is_string)
    json_builder_add_string_value (b, k->string);
  else
    json_builder_add_int_value (b, k->number);
}

static void
json_window (JsonBuilder *b, const FsimWindowFiring *f, gboolean result)
{
  json_builder_begin_object (b);
  json_key (b, &f->key);
  json_builder_set_member_name (b, "start");
  if (f->window.global)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, f->window.start);
  json_builder_set_member_name (b, "end");
  if (f->window.global)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, f->window.end);
  if (result)
    {
      json_builder_set_member_name (b, "result");
      json_builder_add_int_value (b, f->result);
    }
  json_builder_end_object (b);
}

static char *
text_window (const FsimWindowFiring *f, gboolean result)
{
  g_autofree char *key = f->key.is_string ? g_strdup (f->key.string)
                                          : g_strdup_printf ("%" PRId64, f->key.number);
  g_autofree char *w = f->window.global ? g_strdup ("GlobalWindow")
    : g_strdup_printf ("[%" PRId64 ", %" PRId64 ")", f->window.start, f->window.end);
  return result ? g_strdup_printf ("%s %s = %" PRId64, key, w, f->result)
                : g_strdup_printf ("%s %s", key, w);
}

static void
add_windows (FsimLabRecord *rec, const char *name, const char *label, const GArray *windows,
             gboolean result)
{
  JsonBuilder *b = fsim_lab_record_json (rec);
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < windows->len; i++)
    {
      const FsimWindowFiring *f = &g_array_index (windows, FsimWindowFiring, i);
      json_window (b, f, result);
      g_autofree char *t = text_window (f, result);
      g_string_append_printf (text, "%s%s", i ? "; " : "", t);
    }
  json_builder_end_array (b);
  fsim_lab_record_text (rec, "%s: %s", label, text->len ? text->str : "-");
}

static void
add_steps (FsimLabRecord *rec, const char *name, const char *label, const GArray *steps)
{
  JsonBuilder *b = fsim_lab_record_json (rec);
  fsim_lab_json_int_array (b, name, (const gint64 *) steps->data, steps->len);
  if (steps->len == 0)
    return;
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < steps->len; i++)
    g_string_append_printf (text, "%s%" PRId64, i ? ", " : "", g_array_index (steps, gint64, i));
  fsim_lab_record_text (rec, "%s: %s", label, text->str);
}

static gboolean
build_spec (FsimLab *lab, const Options *o, FsimWindowSpec *spec, GError **error)
{
  if (o->assigner == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("lab windows needs --assigner, e.g. "
                     "--assigner \"TumblingEventTimeWindows.of(3 s)\""));
      return FALSE;
    }
  int column = 0;
  GError *local = NULL;
  if (!fsim_window_assigner_parse (o->assigner->text, spec, &column, &local))
    {
      fsim_lab_expression_error (error, o->assigner, column, local);
      return FALSE;
    }
  if (o->trigger
      && !fsim_window_trigger_parse (o->trigger->text, spec, &spec->trigger, &column, &local))
    {
      fsim_lab_expression_error (error, o->trigger, column, local);
      return FALSE;
    }
  spec->allowed_lateness_us = o->lateness_us;
  spec->side_output_late = o->side_output;
  (void) lab;
  return TRUE;
}

static int
windows_run (FsimLab *lab)
{
  Options o = { 0 };
  if (!fsim_lab_parse_args (lab, options, &o))
    return fsim_lab_exit_code (lab);
  GError *error = NULL;
  FsimWindowSpec spec;
  if (!build_spec (lab, &o, &spec, &error))
    return fsim_lab_fail (lab, error);
  g_autoptr (GPtrArray) tokens = fsim_lab_read_tokens (lab, &error);
  if (tokens == NULL)
    return fsim_lab_fail (lab, error);
  g_autoptr (GArray) inputs = g_array_new (FALSE, FALSE, sizeof (Input));
  gint64 now = 0;
  for (guint i = 0; i < tokens->len; i++)
    {
      Input in = { 0 };
      if (!parse_input (lab, tokens->pdata[i], &now, &in, &error))
        return fsim_lab_fail (lab, error);
      g_array_append_val (inputs, in);
    }
  g_autoptr (FsimWindowOperator) op = fsim_window_operator_new (&spec, o.function, 0);
  fsim_window_operator_set_localized (op, TRUE);
  g_autoptr (GArray) fired = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  g_autoptr (GArray) all_fired = g_array_new (FALSE, FALSE, sizeof (FsimWindowFiring));
  g_autoptr (GArray) late = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) side = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) all_late = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) all_side = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < inputs->len; i++)
    {
      Input *in = &g_array_index (inputs, Input, i);
      g_array_set_size (fired, 0);
      g_array_set_size (late, 0);
      g_array_set_size (side, 0);
      g_autoptr (GString) why = g_string_new (NULL);
      gint64 step = i;
      if (in->kind == 'R')
        {
          FsimWindowElementFate fate =
            fsim_window_operator_process_element (op, in->key, in->value, in->time, fired, why);
          if (fate == FSIM_WINDOW_ELEMENT_DROPPED)
            g_array_append_val (late, step);
          else if (fate == FSIM_WINDOW_ELEMENT_SIDE_OUTPUT)
            g_array_append_val (side, step);
        }
      else if (in->kind == 'W')
        fsim_window_operator_process_watermark (op, in->time, fired, why);
      else
        fsim_window_operator_advance_processing_time (op, in->time, fired, why);
      if (why->len == 0)
        g_string_append (why, in->kind == 'R' ? _("nothing fires")
                              : _("no timer is due: nothing fires"));
      g_array_append_vals (all_fired, fired->data, fired->len);
      g_array_append_vals (all_late, late->data, late->len);
      g_array_append_vals (all_side, side->data, side->len);
      g_autoptr (GArray) open = fsim_window_operator_open_windows (op);
      FsimLabRecord *rec = fsim_lab_step_begin (lab, (int) i, tokens->pdata[i]);
      add_windows (rec, "fired", _("fired"), fired, TRUE);
      add_steps (rec, "late", _("dropped as late"), late);
      add_steps (rec, "side_output", _("to the late side output"), side);
      add_windows (rec, "open", _("open"), open, FALSE);
      fsim_lab_record_end (rec, why->str);
    }
  FsimLabRecord *sum = fsim_lab_summary_begin (lab);
  add_windows (sum, "fired", _("fired"), all_fired, TRUE);
  add_steps (sum, "late", _("dropped as late"), all_late);
  add_steps (sum, "side_output", _("to the late side output"), all_side);
  fsim_lab_record_end (sum, NULL);
  return FSIM_EXIT_OK;
}

const FsimLabEntry fsim_lab_windows = {
  "windows", N_("one keyed window operator"),
  "--assigner ASSIGNER [OPTIONS] SEQUENCE...",
  N_("R<key>=<value>@<time> a record, W<time> a watermark, P<time> processing time advances "
     "to time. Times are ms (a Java long) or a duration; keys are integers or strings."),
  windows_run,
};
