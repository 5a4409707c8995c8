/* datastream-api.c - the DataStream API of a job file, one table of methods.
 *
 * Each method does what its namesake in Flink master (2.2-SNAPSHOT) does to
 * the program: which Transformation it constructs (and so which id it takes
 * from the global counter), with which name, parallelism and inputs, and
 * whether it registers it with the environment (env.addOperator):
 *
 *   StreamExecutionEnvironment  fromElements, fromData, fromSequence,
 *                               fromCollection, socketTextStream,
 *                               readTextFile (1.x), fromSource, addSource,
 *                               setParallelism, setMaxParallelism, …
 *   DataStream                  map, flatMap, filter, process, keyBy, union,
 *                               connect, windowAll, partitionings, sinks
 *   KeyedStream                 process (KeyedProcess), reduce, sum…, window
 *   WindowedStream, AllWindowedStream  reduce, aggregate, apply, process, sum…
 *   ConnectedStreams            map (Co-Map), flatMap, process, keyBy
 *   SingleOutputStreamOperator, DataStreamSink  name, uid, setParallelism, …
 *
 * A string argument where Java takes a function or sink object names it
 * for explanations only; the operator keeps Flink's default name until
 * .name() changes it. The simulator's own methods (rate, records, keys,
 * skew, cost, stateSize, outOfOrder) only fill FsimSimKnobs.
 *
 * A method that exists but not on the receiver is an error that says where
 * it does exist, as javac would refuse it. */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include "graphs/language.h"

struct _FsimWindowing {
  gboolean all;                 /* AllWindowedStream */
  FsimWindowSpec spec;
  char *assigner_class;         /* getClass().getSimpleName(): the operator name */
  char *assigner_string;        /* toString(): "TumblingProcessingTimeWindows(5000)" */
  char *trigger_class;          /* "ProcessingTimeTrigger" */
  char *trigger_string;         /* "ProcessingTimeTrigger()" */
  char *evictor_class;          /* NULL unless countWindow(size, slide) */
  char *evictor_string;
};

struct _FsimApi {
  const char *filename;
  const char *source;
  FsimProgram *program;
  FsimConfig *config;
  FsimNameLookup lookup;
  gpointer lookup_data;
  GPtrArray *windowings;        /* FsimWindowing*, owned */
};

typedef struct {
  FsimApi *api;
  const FsimValue *recv;
  const FsimCall *call;
  FsimValue *out;
  GError **error;
} Ctx;

typedef gboolean (*MethodFn) (Ctx *c);

#define K(x) (1u << FSIM_VALUE_##x)
#define M_ENV K (ENV)
#define M_OP (K (SOURCE) | K (OPERATOR))
#define M_DS (M_OP | K (STREAM) | K (KEYED))
#define M_KEYED K (KEYED)
#define M_WIN (K (WINDOWED) | K (ALL_WINDOWED))
#define M_CONN K (CONNECTED)
#define M_SINK K (SINK)

/* ------------------------------------------------------------------------ */
/* Diagnostics and arguments                                                  */

static gboolean fail_at (Ctx *c, int line, int column, int span, const char *hint,
                         const char *format, ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail_at (Ctx *c, int line, int column, int span, const char *hint, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fsim_diagnostic (c->error, FSIM_GRAPHS_ERROR_INVALID, c->api->filename, c->api->source,
                   line, column, span, hint, "%s", msg);
  return FALSE;
}

#define FAIL_CALL(c, hint, ...) \
  fail_at ((c), (c)->call->line, (c)->call->column, (c)->call->span, (hint), __VA_ARGS__)
#define FAIL_ARG(c, a, hint, ...) \
  fail_at ((c), (a)->line, (a)->column, (a)->span, (hint), __VA_ARGS__)

static FsimArg *
arg_at (const Ctx *c, guint i)
{
  return i < c->call->args->len ? g_ptr_array_index (c->call->args, i) : NULL;
}

static char *
describe_arg (const FsimArg *a)
{
  switch (a->kind)
    {
    case FSIM_ARG_STRING: return g_strdup_printf (_("the string \"%s\""), a->text);
    case FSIM_ARG_NUMBER: return g_strdup_printf (_("the number %s"), a->text);
    case FSIM_ARG_QUANTITY: return g_strdup_printf ("%s %s", a->text, a->unit);
    case FSIM_ARG_RATE: return g_strdup_printf (_("the rate %s/%s"), a->text, a->unit);
    case FSIM_ARG_BOOL: return g_strdup_printf ("%s", a->text);
    case FSIM_ARG_NAME: return g_strdup_printf (_("the name %s"), a->text);
    case FSIM_ARG_CALL: return g_strdup_printf ("%s(…)", a->text);
    }
  g_assert_not_reached ();
}

/* An optional string naming a user function: map("Tokenizer"). */
static gboolean
opt_string (Ctx *c, guint i, const char *what, const char **out)
{
  FsimArg *a = arg_at (c, i);
  *out = NULL;
  if (a == NULL)
    return TRUE;
  if (a->kind == FSIM_ARG_STRING)
    {
      *out = a->text;
      return TRUE;
    }
  g_autofree char *found = describe_arg (a);
  g_autofree char *hint = g_strdup_printf (_("write %s in double quotes, e.g. %s(\"%s\")"), what,
                                           c->call->name,
                                           a->kind == FSIM_ARG_NAME ? a->text : "MyFunction");
  return FAIL_ARG (c, a, hint, _("%s() expects a string naming %s, found %s"), c->call->name,
                   what, found);
}

static gboolean
want_string (Ctx *c, guint i, const char *what, const char **out)
{
  if (!opt_string (c, i, what, out))
    return FALSE;
  g_assert (*out != NULL);     /* the argument count was checked */
  return TRUE;
}

static gboolean
int_of (Ctx *c, const FsimArg *a, const char *what, gint64 *out)
{
  if (a->kind == FSIM_ARG_NUMBER && a->integral)
    {
      /* from the text: a double would round above 2^53 */
      errno = 0;
      gint64 v = g_ascii_strtoll (a->text, NULL, 10);
      if (errno == 0)
        {
          *out = v;
          return TRUE;
        }
      return FAIL_ARG (c, a, NULL, _("%s() takes a long (%s), and %s is out of its range"),
                       c->call->name, what, a->text);
    }
  g_autofree char *found = describe_arg (a);
  return FAIL_ARG (c, a, NULL, _("%s() expects a whole number (%s), found %s"), c->call->name,
                   what, found);
}

static gboolean
want_int (Ctx *c, guint i, const char *what, gint64 *out)
{
  return int_of (c, arg_at (c, i), what, out);
}

/* A field: keyBy("word"), sum(1). Returns its text. */
static gboolean
want_field (Ctx *c, guint i, const char **out)
{
  FsimArg *a = arg_at (c, i);
  if (a->kind == FSIM_ARG_STRING || (a->kind == FSIM_ARG_NUMBER && a->integral))
    {
      *out = a->text;
      return TRUE;
    }
  g_autofree char *found = describe_arg (a);
  return FAIL_ARG (c, a, _("a field name in quotes (\"word\") or a tuple position (0, 1, …)"),
                   _("%s() expects a field name or position, found %s"), c->call->name, found);
}

static gboolean
want_bool (Ctx *c, guint i, gboolean *out)
{
  FsimArg *a = arg_at (c, i);
  if (a->kind == FSIM_ARG_BOOL)
    {
      *out = strcmp (a->text, "true") == 0;
      return TRUE;
    }
  g_autofree char *found = describe_arg (a);
  return FAIL_ARG (c, a, NULL, _("%s() expects true or false, found %s"), c->call->name, found);
}

static const struct {
  const char *name;
  gint64 us;
} duration_factories[] = {
  /* java.time.Duration and the 1.x org.apache.flink…Time */
  { "Duration.ofMillis", 1000 }, { "Duration.ofSeconds", 1000000 },
  { "Duration.ofMinutes", 60000000 }, { "Duration.ofHours", G_GINT64_CONSTANT (3600000000) },
  { "Duration.ofDays", G_GINT64_CONSTANT (86400000000) },
  { "Time.milliseconds", 1000 }, { "Time.seconds", 1000000 }, { "Time.minutes", 60000000 },
  { "Time.hours", G_GINT64_CONSTANT (3600000000) }, { "Time.days", G_GINT64_CONSTANT (86400000000) },
};

/* "5 s", Duration.ofSeconds(5); a bare number is milliseconds where Java
 * takes a long of milliseconds (bare_is_ms). */
static gboolean
duration_signed_of (Ctx *c, const FsimArg *a, gboolean bare_is_ms, gboolean may_be_negative,
                    gint64 *out)
{
  if (a->kind == FSIM_ARG_QUANTITY || (a->kind == FSIM_ARG_NUMBER && bare_is_ms))
    {
      gboolean negative = a->text[0] == '-';
      if (negative && !may_be_negative)
        return FAIL_ARG (c, a, NULL, _("%s() expects a duration, which cannot be negative"),
                         c->call->name);
      g_autoptr (GError) local = NULL;
      if (!fsim_duration_from_parts (a->text + negative,
                                     a->kind == FSIM_ARG_QUANTITY ? a->unit : NULL, out, &local))
        return FAIL_ARG (c, a, NULL, "%s", local->message);
      if (negative)
        *out = -*out;
      return TRUE;
    }
  if (a->kind == FSIM_ARG_CALL && a->next == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (duration_factories); i++)
      if (strcmp (a->text, duration_factories[i].name) == 0)
        {
          FsimArg *n = a->args->len == 1 ? g_ptr_array_index (a->args, 0) : NULL;
          if (n == NULL || n->kind != FSIM_ARG_NUMBER || !n->integral
              || (n->number < 0 && !may_be_negative))
            return FAIL_ARG (c, a, NULL, _("%s() takes one whole number"), a->text);
          /* the clock counts microseconds in 64 bits (292,000 years) */
          if (fabs (n->number) > (double) (G_MAXINT64 / duration_factories[i].us))
            return FAIL_ARG (c, n, NULL, _("the duration %s(%s) is too large: at most %s(%"
                             PRId64 ") (the clock counts microseconds in a long)"),
                             a->text, n->text, a->text, G_MAXINT64 / duration_factories[i].us);
          *out = (gint64) n->number * duration_factories[i].us;
          return TRUE;
        }
  g_autofree char *found = describe_arg (a);
  return FAIL_ARG (c, a, _("durations are written like Flink's: 10 s, 500 ms, 1 min, 2 h, 100 us"),
                   _("%s() expects a duration, found %s"), c->call->name, found);
}

static gboolean
duration_of (Ctx *c, const FsimArg *a, gboolean bare_is_ms, gint64 *out)
{
  return duration_signed_of (c, a, bare_is_ms, FALSE, out);
}

static gboolean
want_duration (Ctx *c, guint i, gboolean bare_is_ms, gint64 *out)
{
  return duration_of (c, arg_at (c, i), bare_is_ms, out);
}

/* Flink's MemorySize units (powers of 1024); a bare number is bytes. */
static gboolean
want_bytes (Ctx *c, guint i, gint64 *out)
{
  static const struct {
    const char *unit;
    gint64 bytes;
  } units[] = {
    { "b", 1 }, { "bytes", 1 }, { "k", 1024 }, { "kb", 1024 }, { "kibibytes", 1024 },
    { "m", 1 << 20 }, { "mb", 1 << 20 }, { "mebibytes", 1 << 20 },
    { "g", 1 << 30 }, { "gb", 1 << 30 }, { "gibibytes", 1 << 30 },
  };
  FsimArg *a = arg_at (c, i);
  /* MemorySize holds bytes in a long */
  if ((a->kind == FSIM_ARG_NUMBER || a->kind == FSIM_ARG_QUANTITY) && a->integral
      && a->number > 9.2e18)
    return FAIL_ARG (c, a, NULL, _("the size %s%s%s is too large: at most %" PRId64
                     " bytes (MemorySize holds bytes in a long)"), a->text,
                     a->unit ? " " : "", a->unit ? a->unit : "", G_MAXINT64);
  if (a->kind == FSIM_ARG_NUMBER && a->integral && a->number >= 0)
    {
      *out = (gint64) a->number;
      return TRUE;
    }
  if (a->kind == FSIM_ARG_QUANTITY && a->integral && a->number >= 0)
    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      if (g_ascii_strcasecmp (a->unit, units[u].unit) == 0)
        {
          if (a->number > (double) (G_MAXINT64 / units[u].bytes))
            return FAIL_ARG (c, a, NULL, _("the size %s %s is too large: at most %" PRId64
                             " %s (MemorySize holds bytes in a long)"), a->text, a->unit,
                             G_MAXINT64 / units[u].bytes, a->unit);
          *out = (gint64) a->number * units[u].bytes;
          return TRUE;
        }
  g_autofree char *found = describe_arg (a);
  return FAIL_ARG (c, a, _("a size in bytes: 512, 64 kb, 2 mb"),
                   _("%s() expects a size in bytes, found %s"), c->call->name, found);
}

/* A stream named by a variable: union(a, b), connect(b). */
static gboolean
stream_of (Ctx *c, const FsimArg *a, FsimValue *out)
{
  if (!(a->kind == FSIM_ARG_NAME && strchr (a->text, '.') == NULL)
      && !(a->kind == FSIM_ARG_CALL && strchr (a->text, '.') != NULL))
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("name a stream defined earlier, e.g. other = env.fromSource(\"B\")"),
                       _("%s() expects a stream, found %s"), c->call->name, found);
    }
  if (c->api->lookup == NULL || !c->api->lookup (c->api->lookup_data, a, out, c->error))
    return FALSE;
  if (!((K (SOURCE) | K (OPERATOR) | K (STREAM) | K (KEYED)) & (1u << out->kind)))
    return FAIL_ARG (c, a, NULL, _("%s() expects a DataStream, found a %s"), c->call->name,
                     fsim_value_kind_name (out->kind));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Building transformations                                                   */

static FsimTransformation *
new_t (Ctx *c, FsimTransformationKind kind, const char *name, int parallelism)
{
  FsimTransformation *t = fsim_program_add (c->api->program, kind, name, parallelism);
  t->line = t->parallelism_line = c->call->line;
  t->column = t->parallelism_column = c->call->column;
  t->span = t->parallelism_span = c->call->span;
  return t;
}

static int
env_parallelism (const Ctx *c)
{
  return c->api->program->env_parallelism;
}

static void
set_out (Ctx *c, FsimValueKind kind, FsimTransformation *t)
{
  memset (c->out, 0, sizeof *c->out);
  c->out->kind = kind;
  c->out->t = t;
}

static void
add_input (FsimTransformation *t, FsimTransformation *input)
{
  g_ptr_array_add (t->inputs, input);
}

/* DataStream.doTransform: a OneInputTransformation at env.getParallelism(),
 * registered; a KeyedStream passes on its key (KeyedStream.doTransform). */
static FsimTransformation *
one_input (Ctx *c, const char *name, const char *function)
{
  FsimTransformation *t = new_t (c, FSIM_T_ONE_INPUT, name, env_parallelism (c));
  t->function = g_strdup (function);
  add_input (t, c->recv->t);
  t->keyed = c->recv->kind == FSIM_VALUE_KEYED;
  fsim_program_register (c->api->program, t);
  set_out (c, FSIM_VALUE_OPERATOR, t);
  return t;
}

/* ------------------------------------------------------------------------ */
/* DataStream: one-input operators                                            */

static gboolean
operator_with_function (Ctx *c, const char *name)
{
  const char *fn;
  if (!opt_string (c, 0, _("the function"), &fn))
    return FALSE;
  one_input (c, name, fn);
  return TRUE;
}

static gboolean m_map (Ctx *c) { return operator_with_function (c, "Map"); }
static gboolean m_flat_map (Ctx *c) { return operator_with_function (c, "Flat Map"); }
static gboolean m_filter (Ctx *c) { return operator_with_function (c, "Filter"); }
static gboolean m_process (Ctx *c) { return operator_with_function (c, "Process"); }
static gboolean m_keyed_process (Ctx *c) { return operator_with_function (c, "KeyedProcess"); }

static gboolean
m_keyed_reduce (Ctx *c)
{
  /* KeyedStream.reduce: a ReduceTransformation "Keyed Reduce" */
  if (!operator_with_function (c, "Keyed Reduce"))
    return FALSE;
  c->out->t->reduce = TRUE;
  return TRUE;
}

static gboolean
m_keyed_aggregation (Ctx *c)
{
  /* sum/min/max/minBy/maxBy: reduce(aggregator).name("Keyed Aggregation") */
  const char *field;
  gboolean first;
  if (!want_field (c, 0, &field) || (arg_at (c, 1) && !want_bool (c, 1, &first)))
    return FALSE;
  one_input (c, "Keyed Aggregation", NULL)->reduce = TRUE;
  return TRUE;
}

/* WatermarkStrategy.withWatermarkAlignment(group, maxAllowedWatermarkDrift
 * [, updateInterval]): its checkArguments, in Flink's words; durations in
 * whole ms (WatermarksWithWatermarkAlignment.getAlignmentParameters keeps
 * toMillis()). */
static gboolean
watermark_alignment_of (Ctx *c, const FsimArg *n, FsimWatermarkSpec *out)
{
  if (n->args->len < 2 || n->args->len > 3)
    return FAIL_ARG (c, n, _("e.g. withWatermarkAlignment(\"alignment-group-1\", 20 s, 1 s)"),
                     _("withWatermarkAlignment() takes the watermark group, the maximum allowed "
                       "watermark drift and optionally the update interval"));
  const FsimArg *group = g_ptr_array_index (n->args, 0);
  if (group->kind != FSIM_ARG_STRING)
    {
      g_autofree char *found = describe_arg (group);
      return FAIL_ARG (c, group, _("write the group in double quotes, e.g. \"alignment-group-1\""),
                       _("withWatermarkAlignment() expects the watermark group, found %s"), found);
    }
  gint64 drift_us, interval_us = 1000 * 1000;   /* DEFAULT_UPDATE_INTERVAL: 1000 ms */
  const FsimArg *drift = g_ptr_array_index (n->args, 1);
  if (!duration_signed_of (c, drift, FALSE, TRUE, &drift_us))
    return FALSE;
  if (drift_us < 0)
    return FAIL_ARG (c, drift, NULL,
                     _("maxAllowedWatermarkDrift must be greater than or equal to zero"));
  if (n->args->len == 3)
    {
      const FsimArg *interval = g_ptr_array_index (n->args, 2);
      if (!duration_signed_of (c, interval, FALSE, TRUE, &interval_us))
        return FALSE;
      if (interval_us <= 0)
        return FAIL_ARG (c, interval, NULL, _("updateInterval must be positive"));
      /* toMillis() of less than 1 ms is 0, which scheduleWithFixedDelay refuses */
      if (interval_us < 1000)
        return FAIL_ARG (c, interval, _("give at least 1 ms"),
                         _("updateInterval is kept in whole milliseconds (Duration.toMillis()): "
                           "%s is 0 ms, and a periodic task cannot run every 0 ms"),
                         interval->text);
    }
  out->alignment_group = g_intern_string (group->text);
  out->alignment_max_drift_ms = drift_us / 1000;
  out->alignment_update_interval_ms = interval_us / 1000;
  out->alignment_site = n->name_line > 0
    ? (FsimSourceSpan) { n->name_line, n->name_column, n->name_span }
    : (FsimSourceSpan) { n->line, n->column, n->span };
  return TRUE;
}

/* A WatermarkStrategy written as Flink's factories. */
static gboolean
watermark_strategy_of (Ctx *c, const FsimArg *a, FsimWatermarkSpec *out)
{
  memset (out, 0, sizeof *out);
  out->site = (FsimSourceSpan) { a->line, a->column, a->span };
  static const char *const factories[] = {
    "WatermarkStrategy.forBoundedOutOfOrderness", "WatermarkStrategy.forMonotonousTimestamps",
    "WatermarkStrategy.noWatermarks", NULL
  };
  if (a->kind != FSIM_ARG_CALL)
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("e.g. WatermarkStrategy.forBoundedOutOfOrderness(2 s)"),
                       _("%s() expects a WatermarkStrategy, found %s"), c->call->name, found);
    }
  if (strcmp (a->text, factories[0]) == 0)
    {
      if (a->args->len != 1)
        return FAIL_ARG (c, a, NULL, _("forBoundedOutOfOrderness() takes one duration"));
      out->kind = FSIM_WATERMARKS_BOUNDED;
      Ctx inner = *c;
      if (!duration_of (&inner, g_ptr_array_index (a->args, 0), FALSE,
                        &out->max_out_of_orderness_us))
        return FALSE;
    }
  else if (strcmp (a->text, factories[1]) == 0 || strcmp (a->text, factories[2]) == 0)
    {
      if (a->args->len != 0)
        return FAIL_ARG (c, a, NULL, _("%s() takes no arguments"), a->text);
      out->kind = strcmp (a->text, factories[1]) == 0 ? FSIM_WATERMARKS_MONOTONOUS
                                                      : FSIM_WATERMARKS_NONE;
    }
  else
    {
      const char *near = fsim_suggest (a->text, factories);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      return FAIL_ARG (c, a, hint ? hint : _("WatermarkStrategy.forBoundedOutOfOrderness(d), "
                         "forMonotonousTimestamps() or noWatermarks()"),
                       _("unknown watermark strategy '%s'"), a->text);
    }
  for (const FsimArg *n = a->next; n; n = n->next)
    {
      if (strcmp (n->text, "withIdleness") == 0 && n->args->len == 1)
        {
          if (!duration_of (c, g_ptr_array_index (n->args, 0), FALSE, &out->idleness_us))
            return FALSE;
          /* WatermarksWithIdleness: checkArgument(!(isZero() || isNegative())) */
          if (out->idleness_us == 0)
            return FAIL_ARG (c, (const FsimArg *) g_ptr_array_index (n->args, 0), NULL,
                             _("idleTimeout must be greater than zero"));
        }
      else if (strcmp (n->text, "withTimestampAssigner") == 0 && n->args->len <= 1)
        ; /* names the assigner function only */
      else if (strcmp (n->text, "withWatermarkAlignment") == 0)
        {
          if (!watermark_alignment_of (c, n, out))
            return FALSE;
        }
      else
        return FAIL_ARG (c, n, _("withIdleness(d), withTimestampAssigner(\"fn\") or "
                                 "withWatermarkAlignment(\"group\", maxDrift[, updateInterval])"),
                         _("unknown WatermarkStrategy method '%s' with %u argument(s)"), n->text,
                         n->args->len);
    }
  return TRUE;
}

static gboolean
m_assign_timestamps (Ctx *c)
{
  FsimWatermarkSpec spec;
  if (!watermark_strategy_of (c, arg_at (c, 0), &spec))
    return FALSE;
  /* DataStream.assignTimestampsAndWatermarks: the input's parallelism, so
   * that it chains 1:1 behind its source; no key selector */
  FsimTransformation *t = new_t (c, FSIM_T_ONE_INPUT, "Timestamps/Watermarks",
                                 c->recv->t->parallelism);
  add_input (t, c->recv->t);
  t->watermarks = spec;
  fsim_program_register (c->api->program, t);
  set_out (c, FSIM_VALUE_OPERATOR, t);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Partitioning, keyBy, union, connect                                        */

static FsimTransformation *
partition_of (Ctx *c, FsimTransformation *input, FsimPartitioner partitioner)
{
  /* PartitionTransformation: parallelism of its input at this moment */
  FsimTransformation *t = new_t (c, FSIM_T_PARTITION, "Partition", input->parallelism);
  t->partitioner = partitioner;
  add_input (t, input);
  return t;
}

static gboolean
partition (Ctx *c, FsimPartitioner partitioner)
{
  if (c->recv->kind == FSIM_VALUE_KEYED)
    return FAIL_CALL (c, _("keyBy already decides where each record goes; partition the stream "
                        "before keyBy, or call keyBy again"),
                      _("Cannot override partitioning for KeyedStream."));
  set_out (c, FSIM_VALUE_STREAM, partition_of (c, c->recv->t, partitioner));
  return TRUE;
}

static gboolean m_rebalance (Ctx *c) { return partition (c, FSIM_PARTITIONER_REBALANCE); }
static gboolean m_rescale (Ctx *c) { return partition (c, FSIM_PARTITIONER_RESCALE); }
static gboolean m_shuffle (Ctx *c) { return partition (c, FSIM_PARTITIONER_SHUFFLE); }
static gboolean m_broadcast (Ctx *c) { return partition (c, FSIM_PARTITIONER_BROADCAST); }
static gboolean m_forward (Ctx *c) { return partition (c, FSIM_PARTITIONER_FORWARD); }
static gboolean m_global (Ctx *c) { return partition (c, FSIM_PARTITIONER_GLOBAL); }

static gboolean
m_partition_custom (Ctx *c)
{
  const char *fn, *key;
  if (!opt_string (c, 0, _("the Partitioner"), &fn) || (arg_at (c, 1) && !want_field (c, 1, &key)))
    return FALSE;
  return partition (c, FSIM_PARTITIONER_CUSTOM);
}

static gboolean
m_key_by (Ctx *c)
{
  const char *key;
  if (!want_field (c, 0, &key))
    return FALSE;
  /* new KeyedStream: a PartitionTransformation with KeyGroupStreamPartitioner */
  FsimTransformation *t = partition_of (c, c->recv->t, FSIM_PARTITIONER_HASH);
  t->key_field = g_intern_string (key);
  set_out (c, FSIM_VALUE_KEYED, t);
  return TRUE;
}

static gboolean
m_union (Ctx *c)
{
  g_autoptr (GPtrArray) inputs = g_ptr_array_new ();
  for (guint i = 0; i < c->call->args->len; i++)
    {
      FsimValue v;
      if (!stream_of (c, arg_at (c, i), &v))
        return FALSE;
      g_ptr_array_add (inputs, v.t);
    }
  /* UnionTransformation: the first input's parallelism; not registered */
  FsimTransformation *t = new_t (c, FSIM_T_UNION, "Union", c->recv->t->parallelism);
  add_input (t, c->recv->t);
  for (guint i = 0; i < inputs->len; i++)
    add_input (t, g_ptr_array_index (inputs, i));
  set_out (c, FSIM_VALUE_STREAM, t);
  return TRUE;
}

static gboolean
m_connect (Ctx *c)
{
  FsimValue other;
  if (!stream_of (c, arg_at (c, 0), &other))
    return FALSE;
  gboolean keyed1 = c->recv->kind == FSIM_VALUE_KEYED;
  FsimTransformation *t1 = c->recv->t;
  memset (c->out, 0, sizeof *c->out);
  c->out->kind = FSIM_VALUE_CONNECTED;
  c->out->t = t1;
  c->out->keyed1 = keyed1;
  c->out->t2 = other.t;
  c->out->keyed2 = other.kind == FSIM_VALUE_KEYED;
  return TRUE;
}

static gboolean
m_co_key_by (Ctx *c)
{
  const char *k1, *k2;
  if (!want_field (c, 0, &k1) || !want_field (c, 1, &k2))
    return FALSE;
  /* ConnectedStreams.keyBy: keys the first input, then the second */
  FsimTransformation *p1 = partition_of (c, c->recv->t, FSIM_PARTITIONER_HASH);
  FsimTransformation *p2 = partition_of (c, c->recv->t2, FSIM_PARTITIONER_HASH);
  p1->key_field = g_intern_string (k1);
  p2->key_field = g_intern_string (k2);
  memset (c->out, 0, sizeof *c->out);
  c->out->kind = FSIM_VALUE_CONNECTED;
  c->out->t = p1;
  c->out->t2 = p2;
  c->out->keyed1 = c->out->keyed2 = TRUE;
  return TRUE;
}

static gboolean
co_operator (Ctx *c, const char *name)
{
  const char *fn;
  if (!opt_string (c, 0, _("the function"), &fn))
    return FALSE;
  /* ConnectedStreams.doTransform: a TwoInputTransformation, env parallelism */
  FsimTransformation *t = new_t (c, FSIM_T_TWO_INPUT, name, env_parallelism (c));
  t->function = g_strdup (fn);
  add_input (t, c->recv->t);
  add_input (t, c->recv->t2);
  t->keyed = c->recv->keyed1 || c->recv->keyed2;
  t->keyed_input[0] = c->recv->keyed1;
  t->keyed_input[1] = c->recv->keyed2;
  fsim_program_register (c->api->program, t);
  set_out (c, FSIM_VALUE_OPERATOR, t);
  return TRUE;
}

static gboolean m_co_map (Ctx *c) { return co_operator (c, "Co-Map"); }
static gboolean m_co_flat_map (Ctx *c) { return co_operator (c, "Co-Flat Map"); }

static gboolean
m_co_process (Ctx *c)
{
  /* Two KeyedStreams take a KeyedCoProcessFunction ("Co-Keyed-Process");
   * otherwise it is a CoProcessFunction ("Co-Process"). */
  return co_operator (c, c->recv->keyed1 && c->recv->keyed2 ? "Co-Keyed-Process" : "Co-Process");
}

/* ------------------------------------------------------------------------ */
/* Windows                                                                    */

static FsimWindowing *
windowing_new (FsimApi *api)
{
  FsimWindowing *w = g_new0 (FsimWindowing, 1);
  g_ptr_array_add (api->windowings, w);
  return w;
}

static void
windowing_free (FsimWindowing *w)
{
  g_free (w->assigner_class);
  g_free (w->assigner_string);
  g_free (w->trigger_class);
  g_free (w->trigger_string);
  g_free (w->evictor_class);
  g_free (w->evictor_string);
  g_free (w);
}

static void
set_trigger (FsimWindowing *w, const char *class_name, char *string)
{
  g_free (w->trigger_class);
  g_free (w->trigger_string);
  w->trigger_class = g_strdup (class_name);
  w->trigger_string = string;
}

static const char *const window_assigners[] = {
  "TumblingProcessingTimeWindows.of", "TumblingEventTimeWindows.of",
  "SlidingProcessingTimeWindows.of", "SlidingEventTimeWindows.of",
  "ProcessingTimeSessionWindows.withGap", "EventTimeSessionWindows.withGap",
  "GlobalWindows.create", NULL
};

/* java.time.Duration.toMillis() of a duration in microseconds: floor
 * division, as a Duration's nanoseconds part is never negative. */
static gint64
to_millis (gint64 us)
{
  return us / 1000 - (us % 1000 < 0);
}

/* of(size, offset, WindowStagger.ALIGNED | NATURAL); RANDOM draws from
 * ThreadLocalRandom, which no seed reproduces: refused. */
static gboolean
window_stagger_of (Ctx *c, const FsimArg *a, FsimWindowStagger *out)
{
  if (a->kind == FSIM_ARG_NAME && strcmp (a->text, "WindowStagger.ALIGNED") == 0)
    *out = FSIM_WINDOW_STAGGER_ALIGNED;
  else if (a->kind == FSIM_ARG_NAME && strcmp (a->text, "WindowStagger.NATURAL") == 0)
    *out = FSIM_WINDOW_STAGGER_NATURAL;
  else if (a->kind == FSIM_ARG_NAME && strcmp (a->text, "WindowStagger.RANDOM") == 0)
    return FAIL_ARG (c, a, _("WindowStagger.ALIGNED or WindowStagger.NATURAL"),
                     _("WindowStagger.RANDOM is not simulated: it draws from ThreadLocalRandom, "
                       "which no seed reproduces"));
  else
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("WindowStagger.ALIGNED, WindowStagger.NATURAL"),
                       _("the third argument is a WindowStagger, found %s"), found);
    }
  return TRUE;
}

/* A WindowAssigner: its class, toString() and default trigger. */
static gboolean
window_assigner_of (Ctx *c, const FsimArg *a, FsimWindowing *w)
{
  if (a->kind != FSIM_ARG_CALL || a->next != NULL)
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("e.g. TumblingProcessingTimeWindows.of(5 s)"),
                       _("%s() expects a WindowAssigner, found %s"), c->call->name, found);
    }
  int which = -1;
  for (int i = 0; window_assigners[i]; i++)
    if (strcmp (a->text, window_assigners[i]) == 0)
      which = i;
  if (which < 0)
    {
      const char *near = fsim_suggest (a->text, window_assigners);
      g_autofree char *hint = g_strdup_printf (
        near ? _("did you mean '%s'?") : "%s", near ? near
        : _("Tumbling…Windows.of(size), Sliding…Windows.of(size, slide), "
            "…SessionWindows.withGap(gap), GlobalWindows.create()"));
      return FAIL_ARG (c, a, hint, _("unknown window assigner '%s'"), a->text);
    }
  g_autofree char *class_name = g_strndup (a->text, (gsize) (strchr (a->text, '.') - a->text));
  const guint argc = a->args->len;
  guint argc_durations = argc;  /* but the tumbling assigners' WindowStagger */
  gint64 d[3] = { 0, 0, 0 };
  g_autofree char *hint = NULL;
  guint min = which < 2 ? 1 : which < 4 ? 2 : which < 6 ? 1 : 0;
  guint max = which < 2 ? 2 : which < 4 ? 3 : which < 6 ? 1 : 0;
  FsimWindowStagger stagger = FSIM_WINDOW_STAGGER_ALIGNED;
  if (which < 2 && argc == 3 && !window_stagger_of (c, g_ptr_array_index (a->args, 2), &stagger))
    return FALSE;
  if (which < 2 && argc == 3)
    argc_durations = 2;
  if (argc < min || argc_durations > max)
    return FAIL_ARG (c, a, NULL, _("%s() takes %u to %u durations, found %u argument(s)"),
                     a->text, min, max, argc);
  /* any of them may be negative, as a java.time.Duration may: the
   * assigners' constructors refuse a bad size, slide or offset with their
   * own messages below (TumblingEventTimeWindowsTest.testInvalidParameters) */
  for (guint i = 0; i < argc_durations; i++)
    {
      if (!duration_signed_of (c, g_ptr_array_index (a->args, i), FALSE, TRUE, &d[i]))
        return FALSE;
      /* the assigners keep milliseconds (of(Duration) calls toMillis()):
       * 500 us is 0 ms and fails the checks below as it does in Flink */
      if (d[i] != 0 && to_millis (d[i]) == 0 && hint == NULL)
        hint = g_strdup_printf (_("%" PRId64 " us is 0 ms: window assigners count whole "
                                  "milliseconds (Duration.toMillis())"), d[i]);
      d[i] = to_millis (d[i]) * 1000;
    }
  w->assigner_class = g_strdup (class_name);
  w->spec.site = (FsimSourceSpan) { a->line, a->column, a->span };
  w->spec.event_time = strstr (class_name, "EventTime") != NULL;
  const char *trigger = w->spec.event_time ? "EventTimeTrigger" : "ProcessingTimeTrigger";
  if (which < 2)
    {
      if (d[0] <= 0 || ABS (d[1]) >= d[0])
        return FAIL_ARG (c, a, hint, _("%s parameters must satisfy abs(offset) < size"),
                         class_name);
      w->spec.kind = FSIM_WINDOW_TUMBLING;
      w->spec.size_us = d[0];
      w->spec.offset_us = d[1];
      w->spec.stagger = stagger;
      w->assigner_string = g_strdup_printf ("%s(%" G_GINT64_FORMAT ")", class_name, d[0] / 1000);
    }
  else if (which < 4)
    {
      if (ABS (d[2]) >= d[1] || d[0] <= 0 || d[1] <= 0)
        return FAIL_ARG (c, a, hint, _("%s parameters must satisfy abs(offset) < slide and size > 0"),
                         class_name);
      /* assignWindows puts each element in size / slide windows */
      if (d[0] / d[1] > FSIM_WINDOW_MAX_PER_ELEMENT)
        return FAIL_ARG (c, a, _("a larger slide, or a smaller size"),
                         _("%s(%" PRId64 " ms, %" PRId64 " ms) puts each element "
                           "in %" PRId64 " windows: flinksim simulates at most %d"),
                         class_name, d[0] / 1000, d[1] / 1000, d[0] / d[1],
                         FSIM_WINDOW_MAX_PER_ELEMENT);
      w->spec.kind = FSIM_WINDOW_SLIDING;
      w->spec.size_us = d[0];
      w->spec.slide_us = d[1];
      w->spec.offset_us = d[2];
      w->assigner_string = g_strdup_printf ("%s(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                            class_name, d[0] / 1000, d[1] / 1000);
    }
  else if (which < 6)
    {
      if (d[0] <= 0)
        return FAIL_ARG (c, a, hint, _("%s parameters must satisfy 0 < size"), class_name);
      w->spec.kind = FSIM_WINDOW_SESSION;
      w->spec.size_us = d[0];
      w->assigner_string = g_strdup_printf ("%s(%" G_GINT64_FORMAT ")", class_name, d[0] / 1000);
    }
  else
    {
      w->spec.kind = FSIM_WINDOW_GLOBAL;
      trigger = "NeverTrigger";
      w->assigner_string = g_strdup ("GlobalWindows(trigger=NeverTrigger)");
    }
  set_trigger (w, trigger, g_strdup_printf ("%s()", trigger));
  w->spec.trigger.kind = w->spec.kind == FSIM_WINDOW_GLOBAL ? FSIM_TRIGGER_NEVER
                         : w->spec.event_time ? FSIM_TRIGGER_EVENT_TIME
                         : FSIM_TRIGGER_PROCESSING_TIME;
  return TRUE;
}

static gboolean
m_window (Ctx *c)
{
  FsimWindowing *w = windowing_new (c->api);
  if (!window_assigner_of (c, arg_at (c, 0), w))
    return FALSE;
  memset (c->out, 0, sizeof *c->out);
  c->out->kind = FSIM_VALUE_WINDOWED;
  c->out->t = c->recv->t;
  c->out->windowing = w;
  return TRUE;
}

static gboolean
m_window_all (Ctx *c)
{
  FsimWindowing *w = windowing_new (c->api);
  w->all = TRUE;
  if (!window_assigner_of (c, arg_at (c, 0), w))
    return FALSE;
  /* AllWindowedStream: input.keyBy(new NullByteKeySelector()), one id now */
  memset (c->out, 0, sizeof *c->out);
  c->out->kind = FSIM_VALUE_ALL_WINDOWED;
  c->out->t = partition_of (c, c->recv->t, FSIM_PARTITIONER_HASH);
  c->out->windowing = w;
  return TRUE;
}

/* countWindow(size): window(GlobalWindows.create())
 *   .trigger(PurgingTrigger.of(CountTrigger.of(size)));
 * countWindow(size, slide): .evictor(CountEvictor.of(size))
 *   .trigger(CountTrigger.of(slide)). */
static gboolean
count_window (Ctx *c, gboolean all)
{
  gint64 size, slide = 0;
  if (!want_int (c, 0, _("the window size in elements"), &size)
      || (arg_at (c, 1) && !want_int (c, 1, _("the slide in elements"), &slide)))
    return FALSE;
  if (size <= 0 || (arg_at (c, 1) && slide <= 0))
    return FAIL_CALL (c, NULL, _("%s() needs a positive number of elements"), c->call->name);
  FsimWindowing *w = windowing_new (c->api);
  w->all = all;
  w->assigner_class = g_strdup ("GlobalWindows");
  w->assigner_string = g_strdup ("GlobalWindows(trigger=NeverTrigger)");
  w->spec.kind = FSIM_WINDOW_GLOBAL;
  w->spec.count = size;
  if (arg_at (c, 1))
    {
      w->spec.count_slide = slide;
      w->spec.evictor_count = size;
      w->spec.trigger = (FsimTriggerSpec) { .kind = FSIM_TRIGGER_COUNT, .count = slide };
      w->evictor_class = g_strdup ("CountEvictor");
      w->evictor_string = g_strdup_printf ("CountEvictor(%" G_GINT64_FORMAT ")", size);
      set_trigger (w, "CountTrigger",
                   g_strdup_printf ("CountTrigger(%" G_GINT64_FORMAT ")", slide));
    }
  else
    {
      w->spec.trigger = (FsimTriggerSpec) { .kind = FSIM_TRIGGER_COUNT, .purging = TRUE,
                                            .count = size };
      set_trigger (w, "PurgingTrigger",
                   g_strdup_printf ("PurgingTrigger(CountTrigger(%" G_GINT64_FORMAT "))", size));
    }
  memset (c->out, 0, sizeof *c->out);
  c->out->kind = all ? FSIM_VALUE_ALL_WINDOWED : FSIM_VALUE_WINDOWED;
  c->out->t = all ? partition_of (c, c->recv->t, FSIM_PARTITIONER_HASH) : c->recv->t;
  c->out->windowing = w;
  return TRUE;
}

static gboolean m_count_window (Ctx *c) { return count_window (c, FALSE); }
static gboolean m_count_window_all (Ctx *c) { return count_window (c, TRUE); }

/* WindowedStream.trigger / allowedLateness / sideOutputLateData, below the
 * trigger expressions they share with `lab windows`. */
static gboolean m_window_trigger (Ctx *c);
static gboolean m_allowed_lateness (Ctx *c);
static gboolean m_side_output_late_data (Ctx *c);
static gboolean m_get_side_output (Ctx *c);

typedef enum { WF_REDUCE, WF_AGGREGATE, WF_APPLY } WindowFunctionKind;

/* WindowedStream: name = the assigner's simple class name, description
 * WindowOperatorBuilder.generateOperatorDescription. AllWindowedStream:
 * "TriggerWindow(…)" with the call location as the function, as the name
 * for apply/process and as the description otherwise; forceNonParallel. */
static gboolean
window_operator (Ctx *c, WindowFunctionKind kind, const char *f1, const char *f2,
                 const char *user_function)
{
  const FsimWindowing *w = c->recv->windowing;
  FsimTransformation *t;
  if (!w->all)
    {
      t = one_input (c, w->assigner_class, user_function);
      t->description = g_strdup_printf ("Window(%s, %s, %s%s%s%s%s)", w->assigner_string,
                                        w->trigger_class, w->evictor_class ? w->evictor_class : "",
                                        w->evictor_class ? ", " : "", f1, f2 ? ", " : "",
                                        f2 ? f2 : "");
      t->keyed = TRUE;
    }
  else
    {
      const char *state = w->evictor_class || kind == WF_APPLY ? "ListStateDescriptor"
                          : kind == WF_REDUCE ? "ReducingStateDescriptor"
                          : "AggregatingStateDescriptor";
      g_autofree char *file = g_path_get_basename (c->api->filename);
      g_autofree char *text = g_strdup_printf (
        "TriggerWindow(%s, %s{name=window-contents, defaultValue=null}, %s, %s%s"
        "AllWindowedStream.main(%s:%d))", w->assigner_string, state, w->trigger_string,
        w->evictor_string ? w->evictor_string : "", w->evictor_string ? ", " : "", file,
        c->call->line);
      t = one_input (c, kind == WF_APPLY ? text : w->assigner_class, user_function);
      if (kind != WF_APPLY)
        t->description = g_strdup (text);
      t->keyed = TRUE;
      t->parallelism = 1;
      t->parallelism_configured = TRUE;
      t->max_parallelism = 1;
      t->non_parallel = TRUE;
    }
  t->window = w->spec;
  return TRUE;
}

static gboolean
m_window_reduce (Ctx *c)
{
  const char *fn, *wfn;
  if (!opt_string (c, 0, _("the ReduceFunction"), &fn)
      || !opt_string (c, 1, _("the WindowFunction"), &wfn))
    return FALSE;
  return window_operator (c, WF_REDUCE, fn ? fn : "ReduceFunction",
                          wfn ? wfn : "PassThroughWindowFunction", fn);
}

static gboolean
m_window_aggregate (Ctx *c)
{
  const char *fn, *wfn;
  if (!opt_string (c, 0, _("the AggregateFunction"), &fn)
      || !opt_string (c, 1, _("the WindowFunction"), &wfn))
    return FALSE;
  return window_operator (c, WF_AGGREGATE, fn ? fn : "AggregateFunction",
                          wfn ? wfn : "PassThroughWindowFunction", fn);
}

static gboolean
m_window_apply (Ctx *c)
{
  const char *fn;
  if (!opt_string (c, 0, _("the WindowFunction"), &fn))
    return FALSE;
  return window_operator (c, WF_APPLY, fn ? fn : "WindowFunction", NULL, fn);
}

static gboolean
m_window_process (Ctx *c)
{
  const char *fn;
  if (!opt_string (c, 0, _("the ProcessWindowFunction"), &fn))
    return FALSE;
  return window_operator (c, WF_APPLY, fn ? fn : "ProcessWindowFunction", NULL, fn);
}

static gboolean
m_window_aggregation (Ctx *c)
{
  /* sum → SumAggregator, min/max/minBy/maxBy → ComparableAggregator, each
   * through reduce(aggregator) with a PassThroughWindowFunction */
  const char *field;
  gboolean first;
  if (!want_field (c, 0, &field) || (arg_at (c, 1) && !want_bool (c, 1, &first)))
    return FALSE;
  const char *agg = strcmp (c->call->name, "sum") == 0 ? "SumAggregator" : "ComparableAggregator";
  return window_operator (c, WF_REDUCE, agg, "PassThroughWindowFunction", NULL);
}

/* ------------------------------------------------------------------------ */
/* Sinks                                                                      */

static FsimTransformation *
legacy_sink (Ctx *c, const char *name, const char *function)
{
  /* DataStreamSink.forSinkFunction: LegacySinkTransformation "Unnamed" at
   * env.getParallelism(); KeyedStream.addSink passes on the key */
  FsimTransformation *t = new_t (c, FSIM_T_LEGACY_SINK, name, env_parallelism (c));
  t->function = g_strdup (function);
  add_input (t, c->recv->t);
  t->keyed = c->recv->kind == FSIM_VALUE_KEYED;
  fsim_program_register (c->api->program, t);
  set_out (c, FSIM_VALUE_SINK, t);
  return t;
}

static gboolean
m_print (Ctx *c)
{
  const char *id;
  if (!opt_string (c, 0, _("the sink identifier"), &id))
    return FALSE;
  legacy_sink (c, strcmp (c->call->name, "print") == 0 ? "Print to Std. Out"
                                                        : "Print to Std. Err", NULL);
  return TRUE;
}

static gboolean
m_add_sink (Ctx *c)
{
  const char *fn;
  if (!opt_string (c, 0, _("the SinkFunction"), &fn))
    return FALSE;
  legacy_sink (c, "Unnamed", fn);
  return TRUE;
}

static gboolean
m_write_as_text (Ctx *c)
{
  const char *path, *mode;
  if (!want_string (c, 0, _("the path"), &path) || !opt_string (c, 1, _("the WriteMode"), &mode))
    return FALSE;
  /* 1.x: writeUsingOutputFormat(new TextOutputFormat(path)) → addSink */
  legacy_sink (c, "Unnamed", "TextOutputFormat");
  return TRUE;
}

static gboolean
m_sink_to (Ctx *c)
{
  const char *sink;
  if (!opt_string (c, 0, _("the Sink"), &sink))
    return FALSE;
  /* DataStreamSink.forSink: a SinkTransformation named "Sink"; its writer
   * "Sink: Writer" is made when the StreamGraph is generated */
  FsimTransformation *t = new_t (c, FSIM_T_SINK, "Sink", env_parallelism (c));
  t->function = g_strdup (sink);
  add_input (t, c->recv->t);
  fsim_program_register (c->api->program, t);
  set_out (c, FSIM_VALUE_SINK, t);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sources                                                                    */

static FsimTransformation *
legacy_source (Ctx *c, const char *name, gboolean parallel, gboolean bounded)
{
  /* DataStreamSource: LegacySourceTransformation, chaining HEAD; a
   * non-parallel SourceFunction gets setParallelism(1) */
  FsimTransformation *t = new_t (c, FSIM_T_LEGACY_SOURCE, name, env_parallelism (c));
  t->chaining = FSIM_CHAINING_HEAD;
  t->bounded = bounded;
  if (!parallel)
    {
      t->parallelism = 1;
      t->parallelism_configured = TRUE;
      t->non_parallel = TRUE;
    }
  set_out (c, FSIM_VALUE_SOURCE, t);
  return t;
}

static FsimTransformation *
source (Ctx *c, const char *name)
{
  FsimTransformation *t = new_t (c, FSIM_T_SOURCE, name, env_parallelism (c));
  set_out (c, FSIM_VALUE_SOURCE, t);
  return t;
}

static gboolean
check_elements (Ctx *c)
{
  for (guint i = 0; i < c->call->args->len; i++)
    {
      FsimArg *a = arg_at (c, i);
      if (a->kind == FSIM_ARG_NAME || a->kind == FSIM_ARG_CALL)
        return FAIL_ARG (c, a, _("elements are literals: strings, numbers, true/false"),
                         _("%s() takes elements, found %s"), c->call->name, a->text);
    }
  return TRUE;
}

static gboolean
m_from_elements (Ctx *c)
{
  if (!check_elements (c))
    return FALSE;
  /* fromElements → fromCollection: a non-parallel FromElementsFunction */
  FsimTransformation *t = legacy_source (c, "Collection Source", FALSE, TRUE);
  t->knobs.records = c->call->args->len;
  return TRUE;
}

static gboolean
m_from_data (Ctx *c)
{
  if (!check_elements (c))
    return FALSE;
  /* fromData: fromSource(DataGeneratorSource, forMonotonousTimestamps(),
   * "Collection Source").setParallelism(1) */
  FsimTransformation *t = source (c, "Collection Source");
  t->parallelism = 1;
  t->parallelism_configured = TRUE;
  t->bounded = TRUE;
  t->watermarks.kind = FSIM_WATERMARKS_MONOTONOUS;
  t->knobs.records = c->call->args->len;
  return TRUE;
}

static gboolean
m_from_sequence (Ctx *c)
{
  gint64 from, to;
  if (!want_int (c, 0, "from", &from) || !want_int (c, 1, "to", &to))
    return FALSE;
  if (from > to)
    return FAIL_CALL (c, NULL, _("Start of sequence must not be greater than the end"));
  /* the count must fit in a long, as NumberSequenceSplit counts in longs */
  if ((guint64) to - (guint64) from >= (guint64) G_MAXINT64)
    return FAIL_CALL (c, NULL, _("the sequence from %" PRId64 " to %" PRId64
                        " has more numbers than a long can count"), from, to);
  FsimTransformation *t = source (c, "Sequence Source");
  t->bounded = TRUE;
  t->total_records = to - from + 1;
  return TRUE;
}

static gboolean
m_from_collection (Ctx *c)
{
  const char *name;
  if (!opt_string (c, 0, _("the collection"), &name))
    return FALSE;
  FsimTransformation *t = legacy_source (c, "Collection Source", FALSE, TRUE);
  t->function = g_strdup (name);
  return TRUE;
}

static gboolean
m_socket_text_stream (Ctx *c)
{
  const char *host, *delimiter = NULL;
  gint64 port, retry = 0;
  if (!want_string (c, 0, _("the host"), &host) || !want_int (c, 1, _("the port"), &port)
      || !opt_string (c, 2, _("the delimiter"), &delimiter)
      || (arg_at (c, 3) && !want_int (c, 3, "maxRetry", &retry)))
    return FALSE;
  if (port < 0 || port > 65535)
    return FAIL_ARG (c, arg_at (c, 1), NULL, _("port out of range: %" PRId64), port);
  /* SocketTextStreamFunction is not a ParallelSourceFunction, and keeps no
   * offset in its state: a restore cannot rewind it (Flink's fault
   * tolerance guarantees table: "Socket: at most once") */
  legacy_source (c, "Socket Stream", FALSE, FALSE)->not_replayable = TRUE;
  return TRUE;
}

static gboolean
m_read_text_file (Ctx *c)
{
  const char *path, *charset;
  if (!want_string (c, 0, _("the path"), &path) || !opt_string (c, 1, _("the charset"), &charset))
    return FALSE;
  /* 1.x readTextFile → createFileInput: a non-parallel monitoring source
   * (forceNonParallel) and a "Split Reader" operator at env parallelism,
   * chaining HEAD (ContinuousFileReaderOperatorFactory) */
  FsimTransformation *monitor = legacy_source (c, "Custom File Source", FALSE, TRUE);
  monitor->max_parallelism = 1;
  FsimTransformation *reader = new_t (c, FSIM_T_ONE_INPUT, "Split Reader: Custom File Source",
                                      env_parallelism (c));
  reader->chaining = FSIM_CHAINING_HEAD;
  reader->function = g_strdup (path);
  add_input (reader, monitor);
  fsim_program_register (c->api->program, reader);
  set_out (c, FSIM_VALUE_SOURCE, reader);
  return TRUE;
}

static gboolean
m_from_source (Ctx *c)
{
  guint argc = c->call->args->len;
  if (argc == 2)
    return FAIL_CALL (c, _("fromSource(\"name\") or fromSource(\"source\", "
                        "WatermarkStrategy.noWatermarks(), \"name\")"),
                      _("fromSource() takes the source name, or the source, a WatermarkStrategy "
                        "and the source name"));
  const char *name, *object = NULL;
  FsimWatermarkSpec spec = { 0 };
  if (argc == 3)
    {
      if (!want_string (c, 0, _("the Source"), &object)
          || !watermark_strategy_of (c, arg_at (c, 1), &spec)
          || !want_string (c, 2, _("the source name"), &name))
        return FALSE;
    }
  else if (!want_string (c, 0, _("the source name"), &name))
    return FALSE;
  FsimTransformation *t = source (c, name);
  t->function = g_strdup (object);
  t->watermarks = spec;
  return TRUE;
}

static gboolean
m_add_source (Ctx *c)
{
  const char *fn, *name;
  if (!opt_string (c, 0, _("the SourceFunction"), &fn) || !opt_string (c, 1, _("the source name"), &name))
    return FALSE;
  /* taken to be a ParallelSourceFunction: the job file cannot say */
  FsimTransformation *t = legacy_source (c, name ? name : "Custom Source", TRUE, FALSE);
  t->function = g_strdup (fn);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* StreamExecutionEnvironment settings: the same as the config keys            */

static gboolean
config_set (Ctx *c, const char *key, const char *value)
{
  g_autoptr (GError) local = NULL;
  if (!fsim_config_set (c->api->config, key, value, &local))
    return FAIL_CALL (c, NULL, "%s", local->message);
  FsimSourceSpan site = { c->call->line, c->call->column, c->call->span };
  fsim_config_set_site (c->api->config, key, &site);
  return TRUE;
}

static gboolean
config_set_duration (Ctx *c, const char *key, gint64 us)
{
  g_autofree char *text = fsim_duration_format (us);
  return config_set (c, key, text);
}

static gboolean
m_env_set_parallelism (Ctx *c)
{
  gint64 p;
  if (!want_int (c, 0, _("the parallelism"), &p))
    return FALSE;
  if (p < 1)
    return FAIL_ARG (c, arg_at (c, 0), _("operators created from here on take this parallelism"),
                     _("Parallelism must be at least one, or ExecutionConfig.PARALLELISM_DEFAULT "
                       "(use system default)."));
  if (p > FSIM_UPPER_BOUND_MAX_PARALLELISM)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("parallelism %" PRId64
                       " is above the highest max parallelism, %d"), p,
                     FSIM_UPPER_BOUND_MAX_PARALLELISM);
  /* ExecutionConfig.setParallelism writes parallelism.default; operators
   * made before keep what they captured */
  c->api->program->env_parallelism = (int) p;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, p);
  return config_set (c, "parallelism.default", text);
}

static gboolean
m_env_set_max_parallelism (Ctx *c)
{
  gint64 p;
  if (!want_int (c, 0, _("the max parallelism"), &p))
    return FALSE;
  if (p <= 0 || p > FSIM_UPPER_BOUND_MAX_PARALLELISM)
    return FAIL_ARG (c, arg_at (c, 0), NULL,
                     _("maxParallelism is out of bounds 0 < maxParallelism <= %d. Found: %"
                       PRId64), FSIM_UPPER_BOUND_MAX_PARALLELISM, p);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, p);
  return config_set (c, "pipeline.max-parallelism", text);
}

static gboolean
m_env_disable_chaining (Ctx *c)
{
  return config_set (c, "pipeline.operator-chaining.enabled", "false");
}

static gboolean
mode_name_of (Ctx *c, const FsimArg *a, const char *enum_class, const char *const *values,
              const char **out)
{
  if (a->kind == FSIM_ARG_NAME && g_str_has_prefix (a->text, enum_class)
      && a->text[strlen (enum_class)] == '.')
    for (const char *const *v = values; *v; v++)
      if (strcmp (a->text + strlen (enum_class) + 1, *v) == 0)
        {
          *out = *v;
          return TRUE;
        }
  g_autofree char *found = describe_arg (a);
  g_autofree char *hint = g_strdup_printf ("%s.%s", enum_class, values[0]);
  return FAIL_ARG (c, a, hint, _("%s() expects a %s, found %s"), c->call->name, enum_class, found);
}

static gboolean
m_env_enable_checkpointing (Ctx *c)
{
  gint64 interval;
  if (!want_duration (c, 0, TRUE, &interval))
    return FALSE;
  /* CheckpointConfig.setCheckpointInterval */
  if (interval < 10000)
    return FAIL_ARG (c, arg_at (c, 0),
                     _("the shortest interval is 10 ms (CheckpointCoordinatorConfiguration."
                       "MINIMAL_CHECKPOINT_TIME); a bare number is milliseconds, as a Java long"),
                     _("Checkpoint interval must be larger than or equal to 10 ms"));
  if (!config_set_duration (c, "execution.checkpointing.interval", interval))
    return FALSE;
  if (arg_at (c, 1))
    {
      static const char *const modes[] = { "EXACTLY_ONCE", "AT_LEAST_ONCE", NULL };
      const char *mode;
      if (!mode_name_of (c, arg_at (c, 1), "CheckpointingMode", modes, &mode))
        return FALSE;
      return config_set (c, "execution.checkpointing.mode", mode);
    }
  return TRUE;
}

static gboolean
m_env_set_runtime_mode (Ctx *c)
{
  static const char *const modes[] = { "STREAMING", "BATCH", "AUTOMATIC", NULL };
  const char *mode;
  if (!mode_name_of (c, arg_at (c, 0), "RuntimeExecutionMode", modes, &mode))
    return FALSE;
  return config_set (c, "execution.runtime-mode", mode);
}

static gboolean
m_env_set_buffer_timeout (Ctx *c)
{
  gint64 ms;
  if (!want_int (c, 0, "milliseconds", &ms))
    return FALSE;
  if (ms < -1)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("Timeout of buffer must be non-negative or -1"));
  if (ms == -1)
    return config_set (c, "execution.buffer-timeout.enabled", "false");
  return config_set (c, "execution.buffer-timeout.enabled", "true")
         && config_set_duration (c, "execution.buffer-timeout.interval", ms * 1000);
}

/* RestartStrategies.* (1.x; in 2.x the same is set with restart-strategy.*) */
static gboolean
m_env_set_restart_strategy (Ctx *c)
{
  static const char *const factories[] = {
    "RestartStrategies.noRestart", "RestartStrategies.fixedDelayRestart",
    "RestartStrategies.failureRateRestart", "RestartStrategies.exponentialDelayRestart", NULL
  };
  static const guint argcs[] = { 0, 2, 3, 5 };
  FsimArg *a = arg_at (c, 0);
  int which = -1;
  if (a->kind == FSIM_ARG_CALL && a->next == NULL)
    for (int i = 0; factories[i]; i++)
      if (strcmp (a->text, factories[i]) == 0)
        which = i;
  if (which < 0)
    {
      const char *near = a->kind == FSIM_ARG_CALL ? fsim_suggest (a->text, factories) : NULL;
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, hint ? hint : _("e.g. RestartStrategies.fixedDelayRestart(3, 10 s)"),
                       _("setRestartStrategy() expects a RestartStrategies factory, found %s"),
                       found);
    }
  if (a->args->len != argcs[which])
    return FAIL_ARG (c, a, NULL, _("%s() takes %u arguments, found %u"), a->text, argcs[which],
                     a->args->len);
  /* the factory's arguments are checked with the factory's name in messages */
  FsimCall inner_call = *c->call;
  inner_call.name = strchr (a->text, '.') + 1;
  inner_call.args = a->args;
  Ctx inner = *c;
  inner.call = &inner_call;
  gint64 n, d1, d2, d3;
  char text[32];
  switch (which)
    {
    case 0:
      return config_set (c, "restart-strategy.type", "none");
    case 1:
      if (!want_int (&inner, 0, _("restart attempts"), &n) || !want_duration (&inner, 1, TRUE, &d1))
        return FALSE;
      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, n);
      return config_set (c, "restart-strategy.type", "fixed-delay")
             && config_set (c, "restart-strategy.fixed-delay.attempts", text)
             && config_set_duration (c, "restart-strategy.fixed-delay.delay", d1);
    case 2:
      if (!want_int (&inner, 0, _("failures per interval"), &n)
          || !want_duration (&inner, 1, TRUE, &d1) || !want_duration (&inner, 2, TRUE, &d2))
        return FALSE;
      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, n);
      return config_set (c, "restart-strategy.type", "failure-rate")
             && config_set (c, "restart-strategy.failure-rate.max-failures-per-interval", text)
             && config_set_duration (c, "restart-strategy.failure-rate.failure-rate-interval", d1)
             && config_set_duration (c, "restart-strategy.failure-rate.delay", d2);
    case 3:
      {
        FsimArg *mult = g_ptr_array_index (a->args, 2), *jitter = g_ptr_array_index (a->args, 4);
        if (!want_duration (&inner, 0, TRUE, &d1) || !want_duration (&inner, 1, TRUE, &d2)
            || !want_duration (&inner, 3, TRUE, &d3))
          return FALSE;
        if (mult->kind != FSIM_ARG_NUMBER || jitter->kind != FSIM_ARG_NUMBER)
          return FAIL_ARG (c, mult->kind != FSIM_ARG_NUMBER ? mult : jitter, NULL,
                           _("exponentialDelayRestart(initialBackoff, maxBackoff, multiplier, "
                             "resetThreshold, jitterFactor): multiplier and jitter are numbers"));
        return config_set (c, "restart-strategy.type", "exponential-delay")
               && config_set_duration (c, "restart-strategy.exponential-delay.initial-backoff", d1)
               && config_set_duration (c, "restart-strategy.exponential-delay.max-backoff", d2)
               && config_set (c, "restart-strategy.exponential-delay.backoff-multiplier", mult->text)
               && config_set_duration (c,
                                       "restart-strategy.exponential-delay.reset-backoff-threshold",
                                       d3)
               && config_set (c, "restart-strategy.exponential-delay.jitter-factor", jitter->text);
      }
    }
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* Per operator: SingleOutputStreamOperator, DataStreamSource, DataStreamSink */

static gboolean
m_name (Ctx *c)
{
  const char *name;
  if (!want_string (c, 0, _("the operator's name"), &name))
    return FALSE;
  g_free (c->recv->t->name);
  c->recv->t->name = g_strdup (name);
  return TRUE;
}

static gboolean
m_uid (Ctx *c)
{
  const char *uid;
  if (!want_string (c, 0, _("the uid"), &uid))
    return FALSE;
  g_free (c->recv->t->uid);
  c->recv->t->uid = g_strdup (uid);
  return TRUE;
}

static gboolean
m_set_description (Ctx *c)
{
  const char *d;
  if (!want_string (c, 0, _("the description"), &d))
    return FALSE;
  g_free (c->recv->t->description);
  c->recv->t->description = g_strdup (d);
  return TRUE;
}

static void
mark_parallelism_site (Ctx *c, FsimTransformation *t)
{
  t->parallelism_line = c->call->line;
  t->parallelism_column = c->call->column;
  t->parallelism_span = c->call->span;
}

static gboolean
m_set_parallelism (Ctx *c)
{
  FsimTransformation *t = c->recv->t;
  gint64 p;
  if (!want_int (c, 0, _("the parallelism"), &p))
    return FALSE;
  /* OperatorValidationUtils.validateParallelism */
  if (t->non_parallel && p != 1)
    {
      g_autofree char *hint = g_strdup_printf (
        _("'%s%s' runs as one subtask; put a rebalance() after it and parallelise what follows"),
        t->kind == FSIM_T_LEGACY_SOURCE ? "Source: " : "", t->name);
      return FAIL_ARG (c, arg_at (c, 0), hint, _("The parallelism of non parallel operator must be 1."));
    }
  if (p < 1 && p != FSIM_PARALLELISM_DEFAULT)
    return FAIL_ARG (c, arg_at (c, 0), NULL,
                     _("The parallelism of an operator must be at least 1, or "
                       "ExecutionConfig.PARALLELISM_DEFAULT (use system default)."));
  if (p > FSIM_UPPER_BOUND_MAX_PARALLELISM)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("parallelism %" PRId64
                       " is above the highest max parallelism, %d"), p,
                     FSIM_UPPER_BOUND_MAX_PARALLELISM);
  t->parallelism = (int) p;
  t->parallelism_configured = p != FSIM_PARALLELISM_DEFAULT;
  mark_parallelism_site (c, t);
  return TRUE;
}

static gboolean
m_set_max_parallelism (Ctx *c)
{
  FsimTransformation *t = c->recv->t;
  gint64 p;
  if (!want_int (c, 0, _("the max parallelism"), &p))
    return FALSE;
  /* OperatorValidationUtils.validateMaxParallelism */
  if (p <= 0)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("The maximum parallelism must be greater than 0."));
  if (t->non_parallel && p != 1)
    return FAIL_ARG (c, arg_at (c, 0), NULL,
                     _("The maximum parallelism of non parallel operator must be 1."));
  if (p > FSIM_UPPER_BOUND_MAX_PARALLELISM)
    return FAIL_ARG (c, arg_at (c, 0), NULL,
                     _("Maximum parallelism must be between 1 and %d. Found: %" PRId64),
                     FSIM_UPPER_BOUND_MAX_PARALLELISM, p);
  t->max_parallelism = (int) p;
  return TRUE;
}

static gboolean
m_force_non_parallel (Ctx *c)
{
  FsimTransformation *t = c->recv->t;
  t->parallelism = 1;
  t->parallelism_configured = TRUE;
  t->max_parallelism = 1;
  t->non_parallel = TRUE;
  mark_parallelism_site (c, t);
  return TRUE;
}

static gboolean
m_slot_sharing_group (Ctx *c)
{
  const char *group;
  if (!want_string (c, 0, _("the slot sharing group"), &group))
    return FALSE;
  g_free (c->recv->t->slot_sharing_group);
  c->recv->t->slot_sharing_group = g_strdup (group);
  return TRUE;
}

static gboolean
m_start_new_chain (Ctx *c)
{
  c->recv->t->chaining = FSIM_CHAINING_HEAD;
  return TRUE;
}

static gboolean
m_disable_chaining (Ctx *c)
{
  c->recv->t->chaining = FSIM_CHAINING_NEVER;
  return TRUE;
}

static gboolean
m_set_buffer_timeout (Ctx *c)
{
  gint64 ms;
  if (!want_int (c, 0, "milliseconds", &ms))
    return FALSE;
  if (ms < -1)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("timeout must be >= -1"));
  c->recv->t->buffer_timeout_ms = ms;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The simulator's methods                                                    */

/* The source transformation behind a DataStreamSource value (readTextFile's
 * value is its Split Reader; its monitoring source is the source). */
static FsimTransformation *
source_of (Ctx *c)
{
  FsimTransformation *t = c->recv->t;
  if (c->recv->kind == FSIM_VALUE_SOURCE && t->kind == FSIM_T_ONE_INPUT)
    t = g_ptr_array_index (t->inputs, 0);
  if (t->kind == FSIM_T_SOURCE || t->kind == FSIM_T_LEGACY_SOURCE)
    return t;
  FAIL_CALL (c, _("rate, records and outOfOrder describe what a source reads"),
             _("%s() applies to a source, and '%s' is not one"), c->call->name, t->name);
  return NULL;
}

static gboolean
m_rate (Ctx *c)
{
  FsimTransformation *t = source_of (c);
  if (t == NULL)
    return FALSE;
  FsimArg *a = arg_at (c, 0);
  if (a->kind != FSIM_ARG_RATE)
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("records per subtask and time unit: 200/s, 5/ms, 1000/min"),
                       _("rate() expects a rate, found %s"), found);
    }
  double per = strcmp (a->unit, "s") == 0 ? 1.0 : strcmp (a->unit, "ms") == 0 ? 1e-3
             : strcmp (a->unit, "min") == 0 ? 60.0 : strcmp (a->unit, "h") == 0 ? 3600.0 : -1;
  if (per < 0)
    return FAIL_ARG (c, a, _("a rate's unit is s, ms, min or h"), _("unknown rate unit '/%s'"), a->unit);
  if (!(a->number > 0))
    return FAIL_ARG (c, a, NULL, _("a rate must be positive"));
  t->knobs.rate_per_s = a->number / per;
  return TRUE;
}

static gboolean
m_records (Ctx *c)
{
  FsimTransformation *t = source_of (c);
  gint64 n;
  if (t == NULL || !want_int (c, 0, _("records per subtask"), &n))
    return FALSE;
  if (n < 1)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("records() needs at least one record"));
  t->knobs.records = n;
  t->bounded = TRUE;            /* a source that ends is bounded */
  return TRUE;
}

static gboolean
m_out_of_order (Ctx *c)
{
  FsimTransformation *t = source_of (c);
  return t != NULL && want_duration (c, 0, FALSE, &t->knobs.out_of_order_us);
}

/* The physical operators whose records a stream carries (through keyBy,
 * rebalance, union…). */
static void
producers_walk (FsimTransformation *t, GHashTable *seen, GPtrArray *out)
{
  /* each once: unions of unions share inputs (every path: exponential) */
  if (!g_hash_table_add (seen, t))
    return;
  if (t->kind == FSIM_T_PARTITION || t->kind == FSIM_T_UNION || t->kind == FSIM_T_SIDE_OUTPUT)
    for (guint i = 0; i < t->inputs->len; i++)
      producers_walk (g_ptr_array_index (t->inputs, i), seen, out);
  else
    g_ptr_array_add (out, t);
}

static void
producers_of (FsimTransformation *t, GPtrArray *out)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  producers_walk (t, seen, out);
}

static gboolean
m_keys (Ctx *c)
{
  gint64 n;
  if (!want_int (c, 0, _("distinct keys"), &n))
    return FALSE;
  if (n < 1)
    return FAIL_ARG (c, arg_at (c, 0), NULL, _("keys() needs at least one key"));
  g_autoptr (GPtrArray) producers = g_ptr_array_new ();
  producers_of (c->recv->t, producers);
  for (guint i = 0; i < producers->len; i++)
    ((FsimTransformation *) g_ptr_array_index (producers, i))->knobs.keys = n;
  return TRUE;
}

static gboolean
m_skew (Ctx *c)
{
  FsimArg *a = arg_at (c, 0);
  double s = -1;
  if (a->kind == FSIM_ARG_CALL && a->next == NULL && strcmp (a->text, "uniform") == 0
      && a->args->len == 0)
    s = 0;
  else if (a->kind == FSIM_ARG_CALL && a->next == NULL && strcmp (a->text, "zipf") == 0
           && a->args->len == 1
           && ((FsimArg *) g_ptr_array_index (a->args, 0))->kind == FSIM_ARG_NUMBER)
    s = ((FsimArg *) g_ptr_array_index (a->args, 0))->number;
  if (!(s >= 0))
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("zipf(s) with an exponent s > 0, e.g. zipf(1.2); or uniform()"),
                       _("skew() expects a key distribution, found %s"), found);
    }
  g_autoptr (GPtrArray) producers = g_ptr_array_new ();
  producers_of (c->recv->t, producers);
  for (guint i = 0; i < producers->len; i++)
    ((FsimTransformation *) g_ptr_array_index (producers, i))->knobs.zipf_skew = s;
  return TRUE;
}

static gboolean
m_cost (Ctx *c)
{
  return want_duration (c, 0, FALSE, &c->recv->t->knobs.cost_us);
}

/* How many records an operator emits per input record, on average: 3 for a
 * flatMap splitting lines into three words, 0.5 for a filter keeping half.
 * Flink has no such number (the user function decides); the simulator
 * needs one. The n-th input record makes floor (n * x) - floor ((n-1) * x)
 * records, so the count is exact over any run. */
static gboolean
m_selectivity (Ctx *c)
{
  FsimArg *a = arg_at (c, 0);
  if (a->kind != FSIM_ARG_NUMBER || !(a->number >= 0) || a->number > 1e6)
    {
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, _("a number of records out per record in, e.g. selectivity(3) "
                               "or selectivity(0.5)"),
                       _("selectivity() expects a number from 0 to 1000000, found %s"), found);
    }
  c->recv->t->knobs.selectivity = a->number;
  c->recv->t->knobs.selectivity_set = TRUE;
  return TRUE;
}

static gboolean
m_state_size (Ctx *c)
{
  return want_bytes (c, 0, &c->recv->t->knobs.state_bytes_per_key);
}

/* ------------------------------------------------------------------------ */
/* The table                                                                  */

typedef struct {
  const char *name;
  guint receivers;
  int min_args, max_args;       /* max -1: any number */
  MethodFn fn;
  const char *usage;
} Method;

/* First match wins: a receiver-specific entry comes before a general one. */
static const Method methods[] = {
  /* StreamExecutionEnvironment: sources */
  { "fromElements", M_ENV, 1, -1, m_from_elements, "fromElements(e1, e2, …)" },
  { "fromData", M_ENV, 1, -1, m_from_data, "fromData(e1, e2, …)" },
  { "fromSequence", M_ENV, 2, 2, m_from_sequence, "fromSequence(from, to)" },
  { "fromCollection", M_ENV, 0, 1, m_from_collection, "fromCollection([\"collection\"])" },
  { "socketTextStream", M_ENV, 2, 4, m_socket_text_stream,
    "socketTextStream(\"host\", port[, \"delimiter\"[, maxRetry]])" },
  { "readTextFile", M_ENV, 1, 2, m_read_text_file, "readTextFile(\"path\")" },
  { "fromSource", M_ENV, 1, 3, m_from_source,
    "fromSource(\"name\") or fromSource(\"source\", WatermarkStrategy…, \"name\")" },
  { "addSource", M_ENV, 0, 2, m_add_source, "addSource([\"function\"[, \"name\"]])" },
  /* StreamExecutionEnvironment: settings */
  { "setParallelism", M_ENV, 1, 1, m_env_set_parallelism, "env.setParallelism(n)" },
  { "setMaxParallelism", M_ENV, 1, 1, m_env_set_max_parallelism, "env.setMaxParallelism(n)" },
  { "disableOperatorChaining", M_ENV, 0, 0, m_env_disable_chaining,
    "env.disableOperatorChaining()" },
  { "enableCheckpointing", M_ENV, 1, 2, m_env_enable_checkpointing,
    "enableCheckpointing(interval[, CheckpointingMode.AT_LEAST_ONCE])" },
  { "setRestartStrategy", M_ENV, 1, 1, m_env_set_restart_strategy,
    "setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 10 s))" },
  { "setBufferTimeout", M_ENV, 1, 1, m_env_set_buffer_timeout, "env.setBufferTimeout(ms)" },
  { "setRuntimeMode", M_ENV, 1, 1, m_env_set_runtime_mode,
    "setRuntimeMode(RuntimeExecutionMode.BATCH)" },
  /* KeyedStream before DataStream */
  { "process", M_KEYED, 0, 1, m_keyed_process, "process([\"KeyedProcessFunction\"])" },
  { "reduce", M_KEYED, 0, 1, m_keyed_reduce, "reduce([\"ReduceFunction\"])" },
  { "sum", M_KEYED, 1, 1, m_keyed_aggregation, "sum(field)" },
  { "min", M_KEYED, 1, 1, m_keyed_aggregation, "min(field)" },
  { "max", M_KEYED, 1, 1, m_keyed_aggregation, "max(field)" },
  { "minBy", M_KEYED, 1, 2, m_keyed_aggregation, "minBy(field[, first])" },
  { "maxBy", M_KEYED, 1, 2, m_keyed_aggregation, "maxBy(field[, first])" },
  { "window", M_KEYED, 1, 1, m_window, "window(TumblingProcessingTimeWindows.of(5 s))" },
  { "countWindow", M_KEYED, 1, 2, m_count_window, "countWindow(size[, slide])" },
  /* DataStream */
  { "map", M_DS, 0, 1, m_map, "map([\"MapFunction\"])" },
  { "flatMap", M_DS, 0, 1, m_flat_map, "flatMap([\"FlatMapFunction\"])" },
  { "filter", M_DS, 0, 1, m_filter, "filter([\"FilterFunction\"])" },
  { "process", M_DS, 0, 1, m_process, "process([\"ProcessFunction\"])" },
  { "keyBy", M_DS, 1, 1, m_key_by, "keyBy(\"field\")" },
  { "union", M_DS, 1, -1, m_union, "union(other, …)" },
  { "connect", M_DS, 1, 1, m_connect, "connect(other)" },
  { "windowAll", M_DS, 1, 1, m_window_all, "windowAll(TumblingProcessingTimeWindows.of(5 s))" },
  { "countWindowAll", M_DS, 1, 2, m_count_window_all, "countWindowAll(size[, slide])" },
  { "assignTimestampsAndWatermarks", M_DS, 1, 1, m_assign_timestamps,
    "assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(2 s))" },
  { "rebalance", M_DS, 0, 0, m_rebalance, "rebalance()" },
  { "rescale", M_DS, 0, 0, m_rescale, "rescale()" },
  { "shuffle", M_DS, 0, 0, m_shuffle, "shuffle()" },
  { "broadcast", M_DS, 0, 0, m_broadcast, "broadcast()" },
  { "forward", M_DS, 0, 0, m_forward, "forward()" },
  { "global", M_DS, 0, 0, m_global, "global()" },
  { "partitionCustom", M_DS, 1, 2, m_partition_custom,
    "partitionCustom(\"Partitioner\", \"key\")" },
  { "print", M_DS, 0, 1, m_print, "print([\"sinkIdentifier\"])" },
  { "printToErr", M_DS, 0, 1, m_print, "printToErr([\"sinkIdentifier\"])" },
  { "addSink", M_DS, 0, 1, m_add_sink, "addSink([\"SinkFunction\"])" },
  { "sinkTo", M_DS, 0, 1, m_sink_to, "sinkTo([\"sink\"])" },
  { "writeAsText", M_DS, 1, 2, m_write_as_text, "writeAsText(\"path\")" },
  /* WindowedStream, AllWindowedStream */
  { "trigger", M_WIN, 1, 1, m_window_trigger, "trigger(CountTrigger.of(3))" },
  { "allowedLateness", M_WIN, 1, 1, m_allowed_lateness, "allowedLateness(1 min)" },
  { "sideOutputLateData", M_WIN, 1, 1, m_side_output_late_data,
    "sideOutputLateData(\"late-data\")" },
  { "reduce", M_WIN, 0, 2, m_window_reduce, "reduce([\"ReduceFunction\"[, \"WindowFunction\"]])" },
  { "aggregate", M_WIN, 0, 2, m_window_aggregate,
    "aggregate([\"AggregateFunction\"[, \"WindowFunction\"]])" },
  { "apply", M_WIN, 0, 1, m_window_apply, "apply([\"WindowFunction\"])" },
  { "process", M_WIN, 0, 1, m_window_process, "process([\"ProcessWindowFunction\"])" },
  { "sum", M_WIN, 1, 1, m_window_aggregation, "sum(field)" },
  { "min", M_WIN, 1, 1, m_window_aggregation, "min(field)" },
  { "max", M_WIN, 1, 1, m_window_aggregation, "max(field)" },
  { "minBy", M_WIN, 1, 2, m_window_aggregation, "minBy(field[, first])" },
  { "maxBy", M_WIN, 1, 2, m_window_aggregation, "maxBy(field[, first])" },
  /* ConnectedStreams */
  { "map", M_CONN, 0, 1, m_co_map, "map([\"CoMapFunction\"])" },
  { "flatMap", M_CONN, 0, 1, m_co_flat_map, "flatMap([\"CoFlatMapFunction\"])" },
  { "process", M_CONN, 0, 1, m_co_process, "process([\"CoProcessFunction\"])" },
  { "keyBy", M_CONN, 2, 2, m_co_key_by, "keyBy(\"key1\", \"key2\")" },
  /* SingleOutputStreamOperator, DataStreamSource, DataStreamSink */
  { "name", M_OP | M_SINK, 1, 1, m_name, "name(\"name\")" },
  { "getSideOutput", M_OP, 1, 1, m_get_side_output, "getSideOutput(\"tag\")" },
  { "uid", M_OP | M_SINK, 1, 1, m_uid, "uid(\"uid\")" },
  { "setDescription", M_OP | M_SINK, 1, 1, m_set_description, "setDescription(\"text\")" },
  { "setParallelism", M_OP | M_SINK, 1, 1, m_set_parallelism, "setParallelism(n)" },
  { "setMaxParallelism", M_OP | M_SINK, 1, 1, m_set_max_parallelism, "setMaxParallelism(n)" },
  { "slotSharingGroup", M_OP | M_SINK, 1, 1, m_slot_sharing_group, "slotSharingGroup(\"name\")" },
  { "disableChaining", M_OP | M_SINK, 0, 0, m_disable_chaining, "disableChaining()" },
  { "startNewChain", M_OP, 0, 0, m_start_new_chain, "startNewChain()" },
  { "setBufferTimeout", M_OP, 1, 1, m_set_buffer_timeout, "setBufferTimeout(ms)" },
  { "forceNonParallel", M_OP, 0, 0, m_force_non_parallel, "forceNonParallel()" },
  /* the simulator's */
  { "rate", M_OP, 1, 1, m_rate, "rate(200/s)" },
  { "records", M_OP, 1, 1, m_records, "records(n)" },
  { "outOfOrder", M_OP, 1, 1, m_out_of_order, "outOfOrder(2 s)" },
  { "keys", M_DS, 1, 1, m_keys, "keys(n)" },
  { "skew", M_DS, 1, 1, m_skew, "skew(zipf(1.2))" },
  { "cost", M_OP | M_SINK, 1, 1, m_cost, "cost(50 us)" },
  { "selectivity", M_OP, 1, 1, m_selectivity, "selectivity(3)" },
  { "stateSize", M_OP | M_SINK, 1, 1, m_state_size, "stateSize(64 kb)" },
};

const char *
fsim_value_kind_name (FsimValueKind kind)
{
  static const char *const names[FSIM_VALUE_COUNT] = {
    [FSIM_VALUE_ENV] = "StreamExecutionEnvironment",
    [FSIM_VALUE_SOURCE] = "DataStreamSource",
    [FSIM_VALUE_OPERATOR] = "SingleOutputStreamOperator",
    [FSIM_VALUE_STREAM] = "DataStream",
    [FSIM_VALUE_KEYED] = "KeyedStream",
    [FSIM_VALUE_WINDOWED] = "WindowedStream",
    [FSIM_VALUE_ALL_WINDOWED] = "AllWindowedStream",
    [FSIM_VALUE_CONNECTED] = "ConnectedStreams",
    [FSIM_VALUE_SINK] = "DataStreamSink",
  };
  g_assert ((unsigned) kind < FSIM_VALUE_COUNT);
  return names[kind];
}

const char *const *
fsim_api_method_names (void)
{
  static const char *names[G_N_ELEMENTS (methods) + 1];
  if (names[0] == NULL)
    {
      guint n = 0;
      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        {
          gboolean seen = FALSE;
          for (guint j = 0; j < n && !seen; j++)
            seen = strcmp (names[j], methods[i].name) == 0;
          if (!seen)
            names[n++] = methods[i].name;
        }
    }
  return names;
}

static const Method *
find_method (const char *name, FsimValueKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (strcmp (methods[i].name, name) == 0 && (methods[i].receivers & (1u << kind)))
      return &methods[i];
  return NULL;
}

/* Why `name` is not a method of the receiver: unknown, or elsewhere. */
static gboolean
no_such_method (Ctx *c)
{
  const char *name = c->call->name;
  FsimValueKind kind = c->recv->kind;
  guint where = 0;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (strcmp (methods[i].name, name) == 0)
      where |= methods[i].receivers;
  if (where == 0)
    {
      /* suggest among the receiver's methods first, then among all */
      const char *mine[G_N_ELEMENTS (methods) + 1];
      guint n = 0;
      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        if (methods[i].receivers & (1u << kind))
          {
            mine[n] = NULL;
            /* a name the table has twice (process) is one method */
            if (!g_strv_contains (mine, methods[i].name))
              mine[n++] = methods[i].name;
          }
      mine[n] = NULL;
      const char *near = fsim_suggest (name, mine);
      if (near == NULL)
        near = fsim_suggest (name, fsim_api_method_names ());
      /* no close match: the receiver's methods, so a learner who guessed
       * (.salt() on a KeyedStream) sees what there is */
      g_autofree char *list = near ? NULL : g_strjoinv (", ", (char **) mine);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near)
        : g_strdup_printf (_("the methods of %s: %s (docs/job-language.md)"),
                           fsim_value_kind_name (kind), list);
      return FAIL_CALL (c, hint, _("unknown method '%s' on %s"), name, fsim_value_kind_name (kind));
    }
  const char *hint = NULL;
  const guint plain = K (SOURCE) | K (OPERATOR) | K (STREAM);
  if ((where & M_DS) && (kind == FSIM_VALUE_WINDOWED || kind == FSIM_VALUE_ALL_WINDOWED))
    hint = _("a windowed stream needs a window function first: reduce, aggregate, apply, "
             "process, sum…");
  else if ((where & M_DS) && kind == FSIM_VALUE_CONNECTED)
    hint = _("connected streams need map, flatMap or process first");
  else if ((where & M_OP) && (kind == FSIM_VALUE_STREAM || kind == FSIM_VALUE_KEYED))
    hint = _("it configures an operator; keyBy, rebalance, union… make no operator: call it "
             "on the operator before them or after the next one");
  else if ((where & M_KEYED) && !(where & plain) && kind != FSIM_VALUE_ENV)
    hint = _("call keyBy(…) first");
  else if ((where & M_WIN) && !(where & M_DS) && kind != FSIM_VALUE_ENV)
    hint = _("call window(…) on a KeyedStream, or windowAll(…), first");
  g_autofree char *listed = NULL;
  if (hint == NULL && where == M_ENV)
    hint = listed = g_strdup_printf (_("call it on env: env.%s(…)"), name);
  if (hint == NULL)
    {
      /* say what the receiver does offer */
      GString *mine = g_string_new (NULL);
      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        {
          gboolean seen = FALSE;
          for (guint j = 0; j < i && !seen; j++)
            seen = (methods[j].receivers & (1u << kind))
                   && strcmp (methods[j].name, methods[i].name) == 0;
          if ((methods[i].receivers & (1u << kind)) && !seen)
            g_string_append_printf (mine, "%s%s", mine->len ? ", " : "", methods[i].name);
        }
      listed = g_strdup_printf (_("%s offers: %s"), fsim_value_kind_name (kind), mine->str);
      g_string_free (mine, TRUE);
      hint = listed;
    }
  /* "but of KeyedStream", "but of A, B and C" */
  GString *classes = g_string_new (NULL);
  int count = 0, total = 0;
  for (int k = 0; k < FSIM_VALUE_COUNT; k++)
    total += (where & (1u << k)) != 0;
  for (int k = 0; k < FSIM_VALUE_COUNT; k++)
    if (where & (1u << k))
      {
        count++;
        g_string_append_printf (classes, "%s%s", count == 1 ? "" : count == total ? " and " : ", ",
                                fsim_value_kind_name ((FsimValueKind) k));
      }
  gboolean r = FAIL_CALL (c, hint, _("'%s' is not a method of %s, but of %s"), name,
                          fsim_value_kind_name (kind), classes->str);
  g_string_free (classes, TRUE);
  return r;
}

gboolean
fsim_api_call (FsimApi *api, const FsimValue *receiver, const FsimCall *call,
               FsimValue *result, GError **error)
{
  Ctx c = { api, receiver, call, result, error };
  *result = *receiver;          /* setters return this */
  const Method *m = find_method (call->name, receiver->kind);
  if (m == NULL)
    return no_such_method (&c);
  int argc = (int) call->args->len;
  if (argc < m->min_args || (m->max_args >= 0 && argc > m->max_args))
    {
      int shown = argc < m->min_args ? m->min_args : m->max_args;
      g_autofree char *expected =
        m->max_args < 0 ? g_strdup_printf (_("at least %d"), m->min_args)
        : m->min_args == m->max_args ? g_strdup_printf ("%d", m->min_args)
        : m->min_args == 0 ? g_strdup_printf (_("at most %d"), m->max_args)
        : g_strdup_printf (_("%d to %d"), m->min_args, m->max_args);
      g_autofree char *hint = g_strdup_printf (_("usage: %s"), m->usage);
      return FAIL_CALL (&c, hint, ngettext ("%s() takes %s argument, found %d",
                                            "%s() takes %s arguments, found %d", (gulong) shown),
                        call->name, expected, argc);
    }
  if (!m->fn (&c))
    return FALSE;
  if (api->program->all->len > FSIM_MAX_TRANSFORMATIONS)
    return FAIL_CALL (&c, _("flinksim simulates jobs of a realistic size; split this one"),
                      _("the job has more than %d transformations"), FSIM_MAX_TRANSFORMATIONS);
  return TRUE;
}

FsimApi *
fsim_api_new (const char *filename, const char *source, FsimProgram *program,
              FsimConfig *config)
{
  FsimApi *api = g_new0 (FsimApi, 1);
  api->filename = filename;
  api->source = source;
  api->program = program;
  api->config = config;
  api->windowings = g_ptr_array_new_with_free_func ((GDestroyNotify) windowing_free);
  return api;
}

void
fsim_api_free (FsimApi *api)
{
  if (api == NULL)
    return;
  g_ptr_array_unref (api->windowings);
  g_free (api);
}

void
fsim_api_set_name_lookup (FsimApi *api, FsimNameLookup lookup, gpointer user_data)
{
  api->lookup = lookup;
  api->lookup_data = user_data;
}

void
fsim_arg_free (FsimArg *arg)
{
  /* a loop along next: a.b().c()… may be long; args nest only a few deep */
  while (arg != NULL)
    {
      FsimArg *next = arg->next;
      g_free (arg->text);
      g_free (arg->unit);
      if (arg->args)
        g_ptr_array_unref (arg->args);
      g_free (arg);
      arg = next;
    }
}

void
fsim_call_free (FsimCall *call)
{
  if (call == NULL)
    return;
  g_free (call->name);
  if (call->args)
    g_ptr_array_unref (call->args);
  g_free (call);
}

/* ------------------------------------------------------------------------ */
/* One expression alone (a lab's --assigner, --trigger, --generator)          */

typedef gboolean (*ExpressionFn) (Ctx *c, const FsimArg *a, gpointer out);

/* Evaluates text as the argument of a call `method(text)` would be, with
 * errors bare and located by column (fsim_expression_error_column). */
static gboolean
evaluate_expression (const char *text, const char *method, ExpressionFn fn, gpointer out,
                     int *error_column, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (FsimConfig) config = fsim_config_new ();
  g_autoptr (FsimProgram) program = fsim_program_new (1);
  FsimArg *a = fsim_parse_expression (text, &local);
  gboolean ok = FALSE;
  if (a)
    {
      FsimApi *api = fsim_api_new (NULL, text, program, config);
      FsimCall call = { .name = (char *) method, .args = NULL, .line = 1, .column = 1, .span = 1 };
      FsimValue recv = { .kind = FSIM_VALUE_KEYED }, value = { 0 };
      Ctx c = { .api = api, .recv = &recv, .call = &call, .out = &value, .error = &local };
      ok = fn (&c, a, out);
      fsim_api_free (api);
      fsim_arg_free (a);
    }
  if (ok)
    return TRUE;
  *error_column = fsim_expression_error_column (local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* countWindow(n[, m]) as an assigner: the KeyedStream method's result. */
static gboolean
assigner_expression (Ctx *c, const FsimArg *a, gpointer out)
{
  if (a->kind == FSIM_ARG_CALL && a->next == NULL && strcmp (a->text, "countWindow") == 0)
    {
      FsimCall call = { .name = a->text, .args = a->args, .line = a->line,
                        .column = a->column, .span = a->span };
      Ctx inner = *c;
      inner.call = &call;
      if (a->args->len < 1 || a->args->len > 2)
        return FAIL_ARG (c, a, "countWindow(size[, slide])",
                         _("countWindow() takes 1 to 2 arguments, found %u"), a->args->len);
      if (!count_window (&inner, FALSE))
        return FALSE;
    }
  else
    {
      FsimWindowing *w = windowing_new (c->api);
      if (!window_assigner_of (c, a, w))
        return FALSE;
      c->out->windowing = w;
    }
  *(FsimWindowSpec *) out = c->out->windowing->spec;
  return TRUE;
}

gboolean
fsim_window_assigner_parse (const char *text, FsimWindowSpec *out, int *error_column,
                            GError **error)
{
  memset (out, 0, sizeof *out);
  return evaluate_expression (text, "window", assigner_expression, out, error_column, error);
}

static const char *const trigger_factories[] = {
  "EventTimeTrigger.create", "ProcessingTimeTrigger.create", "CountTrigger.of",
  "PurgingTrigger.of", "ContinuousEventTimeTrigger.of", "EventTimeTrigger",
  "ProcessingTimeTrigger", NULL
};

typedef struct {
  const FsimWindowSpec *window;
  FsimTriggerSpec *trigger;
} TriggerTarget;

static gboolean
trigger_of (Ctx *c, const FsimArg *a, gpointer data)
{
  TriggerTarget *t = data;
  int which = -1;
  if ((a->kind == FSIM_ARG_CALL || a->kind == FSIM_ARG_NAME) && a->next == NULL)
    for (int i = 0; trigger_factories[i]; i++)
      if (strcmp (a->text, trigger_factories[i]) == 0
          && (a->kind == FSIM_ARG_CALL) == (i < 5))
        which = i;
  if (which < 0)
    {
      const char *near = fsim_suggest (a->text ? a->text : "", trigger_factories);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      g_autofree char *found = describe_arg (a);
      return FAIL_ARG (c, a, hint ? hint : _("CountTrigger.of(n), PurgingTrigger.of(trigger), "
                       "EventTimeTrigger.create(), ProcessingTimeTrigger.create() or "
                       "ContinuousEventTimeTrigger.of(interval)"),
                       _("unknown trigger %s"), found);
    }
  guint argc = a->kind == FSIM_ARG_CALL ? a->args->len : 0;
  guint want = which == 2 || which == 3 || which == 4 ? 1 : 0;
  if (argc != want)
    return FAIL_ARG (c, a, NULL, _("%s() takes %u argument(s), found %u"), a->text, want, argc);
  FsimArg *arg = want ? g_ptr_array_index (a->args, 0) : NULL;
  if (which == 3)
    {
      if (!trigger_of (c, arg, data))
        return FALSE;
      t->trigger->purging = TRUE;
      return TRUE;
    }
  /* Trigger<Object, TimeWindow>: javac refuses them on GlobalWindows */
  if ((which == 0 || which == 1 || which == 5 || which == 6)
      && t->window->kind == FSIM_WINDOW_GLOBAL)
    return FAIL_ARG (c, a, _("on GlobalWindows: CountTrigger.of(n) or ContinuousEventTimeTrigger.of(d)"),
                     _("%s is a Trigger of TimeWindows; GlobalWindows assigns a GlobalWindow"),
                     which == 0 || which == 5 ? "EventTimeTrigger" : "ProcessingTimeTrigger");
  t->trigger->purging = FALSE;
  if (which == 0 || which == 5)
    t->trigger->kind = FSIM_TRIGGER_EVENT_TIME;
  else if (which == 1 || which == 6)
    t->trigger->kind = FSIM_TRIGGER_PROCESSING_TIME;
  else if (which == 2)
    {
      if (arg->kind != FSIM_ARG_NUMBER || !arg->integral || arg->number < 1
          || arg->number > 9.2e18)
        return FAIL_ARG (c, arg, NULL, _("CountTrigger.of() takes a positive whole number"));
      t->trigger->kind = FSIM_TRIGGER_COUNT;
      t->trigger->count = g_ascii_strtoll (arg->text, NULL, 10);
    }
  else
    {
      gint64 us;
      if (!duration_of (c, arg, FALSE, &us))
        return FALSE;
      /* Duration.toMillis(); an interval of 0 would divide by zero on the
       * first element (timestamp % interval) */
      if (us < 1000)
        return FAIL_ARG (c, arg, NULL, _("ContinuousEventTimeTrigger.of() needs at least 1 ms"));
      t->trigger->kind = FSIM_TRIGGER_CONTINUOUS_EVENT_TIME;
      t->trigger->interval_us = us;
    }
  return TRUE;
}

/* A Trigger's getClass().getSimpleName() and toString(), as
 * WindowOperatorBuilder and TriggerWindow's description print them. */
static void
trigger_names (const FsimTriggerSpec *t, char **class_name, char **string)
{
  const char *name = t->kind == FSIM_TRIGGER_EVENT_TIME ? "EventTimeTrigger"
                     : t->kind == FSIM_TRIGGER_PROCESSING_TIME ? "ProcessingTimeTrigger"
                     : t->kind == FSIM_TRIGGER_COUNT ? "CountTrigger"
                     : t->kind == FSIM_TRIGGER_CONTINUOUS_EVENT_TIME ? "ContinuousEventTimeTrigger"
                     : "NeverTrigger";
  g_autofree char *inner = t->kind == FSIM_TRIGGER_COUNT
    ? g_strdup_printf ("CountTrigger(%" G_GINT64_FORMAT ")", t->count)
    : t->kind == FSIM_TRIGGER_CONTINUOUS_EVENT_TIME
    ? g_strdup_printf ("ContinuousEventTimeTrigger(%" G_GINT64_FORMAT ")", t->interval_us / 1000)
    : g_strdup_printf ("%s()", name);
  *class_name = g_strdup (t->purging ? "PurgingTrigger" : name);
  *string = t->purging ? g_strdup_printf ("PurgingTrigger(%s)", inner) : g_steal_pointer (&inner);
}

/* WindowedStream.trigger(trigger): replaces the assigner's default. */
static gboolean
m_window_trigger (Ctx *c)
{
  FsimWindowing *w = c->recv->windowing;
  FsimTriggerSpec trigger = { 0 };
  TriggerTarget target = { &w->spec, &trigger };
  if (!trigger_of (c, arg_at (c, 0), &target))
    return FALSE;
  w->spec.trigger = trigger;
  char *class_name, *string;
  trigger_names (&trigger, &class_name, &string);
  set_trigger (w, class_name, string);
  g_free (class_name);
  return TRUE;
}

/* WindowOperatorBuilder.allowedLateness: "The allowed lateness cannot be
 * negative." Only event-time windows use it (WindowOperator.isWindowLate). */
static gboolean
m_allowed_lateness (Ctx *c)
{
  FsimWindowing *w = c->recv->windowing;
  gint64 us;
  if (!duration_signed_of (c, arg_at (c, 0), FALSE, TRUE, &us))
    return FALSE;
  if (us < 0)
    return FAIL_ARG (c, arg_at (c, 0), NULL, "The allowed lateness cannot be negative.");
  w->spec.allowed_lateness_us = us / 1000 * 1000;       /* Duration.toMillis() */
  return TRUE;
}

/* WindowedStream.sideOutputLateData(OutputTag): late records go to that
 * side output instead of being dropped; the tag is its id. */
/* SingleOutputStreamOperator.getSideOutput(OutputTag): the stream of what
 * the operator sends to that tag (a SideOutputTransformation at the
 * operator's parallelism); only late window data is ever sent to one here. */
static gboolean
m_get_side_output (Ctx *c)
{
  const char *tag;
  if (!want_string (c, 0, _("the OutputTag's id"), &tag))
    return FALSE;
  if (*tag == '\0')
    return FAIL_ARG (c, arg_at (c, 0), NULL, "OutputTag id must not be empty.");
  FsimTransformation *t = new_t (c, FSIM_T_SIDE_OUTPUT, "SideOutput", c->recv->t->parallelism);
  t->output_tag = g_intern_string (tag);
  add_input (t, c->recv->t);
  set_out (c, FSIM_VALUE_STREAM, t);
  return TRUE;
}

static gboolean
m_side_output_late_data (Ctx *c)
{
  FsimWindowing *w = c->recv->windowing;
  const char *tag;
  if (!want_string (c, 0, _("the OutputTag's id"), &tag))
    return FALSE;
  if (*tag == '\0')
    return FAIL_ARG (c, arg_at (c, 0), NULL, "OutputTag id must not be empty.");
  w->spec.side_output_late = TRUE;
  w->spec.late_tag = g_intern_string (tag);
  return TRUE;
}

gboolean
fsim_window_trigger_parse (const char *text, const FsimWindowSpec *spec, FsimTriggerSpec *out,
                           int *error_column, GError **error)
{
  memset (out, 0, sizeof *out);
  TriggerTarget t = { spec, out };
  return evaluate_expression (text, "trigger", trigger_of, &t, error_column, error);
}

static gboolean
strategy_expression (Ctx *c, const FsimArg *a, gpointer out)
{
  return watermark_strategy_of (c, a, out);
}

gboolean
fsim_watermark_strategy_parse (const char *text, FsimWatermarkSpec *out, int *error_column,
                               GError **error)
{
  memset (out, 0, sizeof *out);
  return evaluate_expression (text, "assignTimestampsAndWatermarks", strategy_expression, out,
                              error_column, error);
}
