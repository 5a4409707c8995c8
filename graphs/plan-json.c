/* plan-json.c - Flink's execution plan JSON, written and read.
 *
 * StreamExecutionEnvironment.getExecutionPlan() returns
 * StreamGraph.getStreamingPlanAsJSON(), written by JSONGenerator
 * (JSONGenerator): {"nodes": [...]}, registered legacy sinks after every
 * other node, each node {id, type, pact, contents, parallelism} and, unless
 * it is a registered source, its "predecessors" [{id, ship_strategy, side}]
 * in in-edge order, "side" always "second". Jackson's default pretty printer
 * lays it out; json-glib's generator lays JSON out differently, so
 * jackson_write() below follows DefaultPrettyPrinter's rules instead, and a
 * real plan read back and written again is the same bytes.
 *
 * Reading goes through json-glib. The tree it gives has no positions, so a
 * small locator walks the text again, by path, when (and only when) an
 * error needs a line and column. */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "graphs/graphs-private.h"

/* ------------------------------------------------------------------------ */
/* Jackson's DefaultPrettyPrinter                                             */
/*                                                                            */
/* Objects break lines and indent two spaces per object level ("key" : value);*/
/* arrays stay on the line with single spaces ("[ {", "}, {", "} ]") and do   */
/* not add a level; empty ones are "{ }" and "[ ]". Strings escape only '"',  */
/* '\\' and control characters (\b \t \n \f \r, else \u00XX in upper-case     */
/* hex); everything else, UTF-8 included, is written as it is.                */

static void
jackson_indent (GString *out, int level)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
jackson_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *c = (const unsigned char *) s; *c; c++)
    switch (*c)
      {
      case '"':  g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\f': g_string_append (out, "\\f"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default:
        if (*c < 0x20)
          g_string_append_printf (out, "\\u%04X", *c);
        else
          g_string_append_c (out, (char) *c);
      }
  g_string_append_c (out, '"');
}

static void jackson_write (GString *out, JsonNode *node, int level);

static void
jackson_object (GString *out, JsonObject *object, int level)
{
  if (json_object_get_size (object) == 0)
    {
      g_string_append (out, "{ }");
      return;
    }
  g_string_append_c (out, '{');
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      jackson_indent (out, level + 1);
      jackson_string (out, name);
      g_string_append (out, " : ");
      jackson_write (out, member, level + 1);
    }
  jackson_indent (out, level);
  g_string_append_c (out, '}');
}

static void
jackson_array (GString *out, JsonArray *array, int level)
{
  guint n = json_array_get_length (array);
  if (n == 0)
    {
      g_string_append (out, "[ ]");
      return;
    }
  g_string_append (out, "[ ");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      jackson_write (out, json_array_get_element (array, i), level);
    }
  g_string_append (out, " ]");
}

static void
jackson_write (GString *out, JsonNode *node, int level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      jackson_object (out, json_node_get_object (node), level);
      return;
    case JSON_NODE_ARRAY:
      jackson_array (out, json_node_get_array (node), level);
      return;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return;
    case JSON_NODE_VALUE:
      break;
    }
  GType type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    jackson_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_assert_not_reached ();    /* the plan holds no floating-point numbers */
}

/* ------------------------------------------------------------------------ */
/* Export: JSONGenerator.getJSON                                             */

static const char *
node_pact (const FsimStreamNode *node)
{
  /* decorateNode asks getSourceIDs first, then getSinkIDs. */
  if (node->is_source)
    return "Data Source";
  if (node->is_sink)
    return "Data Sink";
  return "Operator";
}

static void
build_node (JsonBuilder *b, const FsimStreamNode *node)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, node->id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, node->name);
  json_builder_set_member_name (b, "pact");
  json_builder_add_string_value (b, node_pact (node));
  json_builder_set_member_name (b, "contents");
  json_builder_add_string_value (b, node->description ? node->description : node->name);
  json_builder_set_member_name (b, "parallelism");
  json_builder_add_int_value (b, node->plan_parallelism_default ? -1 : node->parallelism);
  if (!node->is_source)
    {
      json_builder_set_member_name (b, "predecessors");
      json_builder_begin_array (b);
      for (guint i = 0; i < node->in_edges->len; i++)
        {
          const FsimStreamEdge *e = g_ptr_array_index (node->in_edges, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, e->source->id);
          json_builder_set_member_name (b, "ship_strategy");
          json_builder_add_string_value (b, fsim_partitioner_name (e->partitioner));
          /* decorateEdge tests the array's size after adding the element,
           * so "first" is never written. */
          json_builder_set_member_name (b, "side");
          json_builder_add_string_value (b, "second");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

char *
fsim_stream_graph_to_plan_json (const FsimStreamGraph *graph)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  g_autoptr (GPtrArray) order = fsim_stream_graph_get_json_order (graph);
  for (guint i = 0; i < order->len; i++)
    build_node (b, g_ptr_array_index (order, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  g_autoptr (JsonNode) root = json_builder_get_root (b);
  GString *out = g_string_new (NULL);
  jackson_write (out, root, 0);
  /* getExecutionPlan() has no line end; `flink info` and println add one,
   * and so do we, so that a saved plan reads back to the same bytes. */
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Locator: where a value (or a member's key) is in the text, by path.       */
/* The text already parsed, so this only has to be tolerant, not strict.      */
/* json-glib skips comments, so the locator does too.                         */

static const char *
skip_space (const char *p)
{
  for (;;)
    {
      while (*p && g_ascii_isspace (*p))
        p++;
      if (p[0] == '/' && p[1] == '/')
        p += strcspn (p, "\n");
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          p = end ? end + 2 : p + strlen (p);
        }
      else
        return p;
    }
}

static const char *
skip_string (const char *p)
{
  char quote = *p++;
  while (*p && *p != quote)
    p += (*p == '\\' && p[1]) ? 2 : 1;
  return *p ? p + 1 : p;
}

static const char *
skip_value (const char *p)
{
  if (*p == '"' || *p == '\'')
    return skip_string (p);
  if (*p == '{' || *p == '[')
    {
      char close = *p == '{' ? '}' : ']';
      p = skip_space (p + 1);
      while (*p && *p != close)
        {
          p = skip_value (p);
          p = skip_space (p);
          if (*p == ':' || *p == ',')
            p = skip_space (p + 1);
          else if (*p != close)
            return p;       /* malformed: stop where it breaks */
        }
      return *p ? p + 1 : p;
    }
  while (*p && !g_ascii_isspace (*p) && !strchr (",:]}[{\"", *p))
    p++;
  return p;
}

/* Does the quoted key from k to end (quotes included) read as want? Keys
 * are compared decoded, as json-glib decodes them: "pa\u0072allelism" is
 * "parallelism", and an unknown escape stands for its character. */
static gboolean
key_matches (const char *k, const char *end, const char *want)
{
  g_autoptr (GString) key = g_string_new (NULL);
  gunichar high = 0;
  for (const char *c = k + 1; c < end - 1; c++)
    {
      if (*c != '\\' || c + 1 >= end - 1)
        {
          g_string_append_c (key, *c);
          continue;
        }
      c++;
      switch (*c)
        {
        case 'b': g_string_append_c (key, '\b'); break;
        case 'f': g_string_append_c (key, '\f'); break;
        case 'n': g_string_append_c (key, '\n'); break;
        case 'r': g_string_append_c (key, '\r'); break;
        case 't': g_string_append_c (key, '\t'); break;
        case 'u':
          if (end - 1 - c > 4 && g_ascii_isxdigit (c[1]) && g_ascii_isxdigit (c[2])
              && g_ascii_isxdigit (c[3]) && g_ascii_isxdigit (c[4]))
            {
              char hex[5] = { c[1], c[2], c[3], c[4], '\0' };
              gunichar u = (gunichar) g_ascii_strtoull (hex, NULL, 16);
              c += 4;
              if (u >= 0xD800 && u < 0xDC00)
                high = u;
              else if (u >= 0xDC00 && u < 0xE000 && high)
                {
                  g_string_append_unichar (key, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
                  high = 0;
                }
              else
                g_string_append_unichar (key, u);
              break;
            }
          g_string_append_c (key, *c);
          break;
        default:
          g_string_append_c (key, *c);
        }
    }
  return strcmp (key->str, want) == 0;
}

static char *path_key (const char *part);

/* Finds path ("nodes/2/predecessors/0/id": object keys and array indices)
 * and returns the value's span, or the key's when key is TRUE. */
static gboolean
locate (const char *text, const char *path, gboolean key,
        const char **start, const char **end)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  const char *p = skip_space (text);
  for (guint i = 0; parts[i]; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      if (*p == '{')
        {
          gboolean found = FALSE;
          g_autofree char *want = path_key (parts[i]);
          p = skip_space (p + 1);
          while (*p == '"' && !found)
            {
              const char *k = p;
              p = skip_string (p);
              found = key_matches (k, p, want);
              if (found && last && key)
                {
                  *start = k;
                  *end = p;
                  return TRUE;
                }
              p = skip_space (p);
              if (*p != ':')
                return FALSE;
              p = skip_space (p + 1);
              if (!found)
                {
                  p = skip_space (skip_value (p));
                  if (*p == ',')
                    p = skip_space (p + 1);
                }
            }
          if (!found)
            return FALSE;
        }
      else if (*p == '[')
        {
          long index = strtol (parts[i], NULL, 10);
          p = skip_space (p + 1);
          for (long j = 0; j < index && *p && *p != ']'; j++)
            {
              p = skip_space (skip_value (p));
              if (*p == ',')
                p = skip_space (p + 1);
            }
          if (*p == ']' || *p == '\0')
            return FALSE;
        }
      else
        return FALSE;
    }
  *start = p;
  *end = skip_value (p);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Import                                                                    */

typedef struct {
  const char *text;
  const char *filename;
  GError **error;
  FsimStreamGraph *graph;
  GHashTable *json_index;       /* node id -> its index in "nodes" (lookups only) */
  int default_parallelism;      /* parallelism.default, for "parallelism" : -1 */
  const char *writer;           /* who writes the JSON, for messages; NULL: JSONGenerator */
} Reader;

/* A key as one path component: '~' and '/' escaped as in a JSON Pointer
 * (RFC 6901: "~0", "~1"), so a key may hold a '/'. */
static char *
member_path (const char *path, const char *name)
{
  GString *s = g_string_new (path);
  if (*path)
    g_string_append_c (s, '/');
  for (const char *c = name; *c; c++)
    if (*c == '~')
      g_string_append (s, "~0");
    else if (*c == '/')
      g_string_append (s, "~1");
    else
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

/* A path component back to the key (the reverse of member_path). */
static char *
path_key (const char *part)
{
  GString *s = g_string_new (NULL);
  for (const char *c = part; *c; c++)
    if (c[0] == '~' && (c[1] == '0' || c[1] == '1'))
      g_string_append_c (s, *++c == '0' ? '~' : '/');
    else
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

/* Line and column (1-based, in characters) of the value or key at path, and
 * the value's width when it fits on its line (else 1). */
static gboolean
position (Reader *r, const char *path, gboolean key, int *line, int *column, int *span)
{
  const char *start, *end;
  if (path == NULL || !locate (r->text, path, key, &start, &end))
    return FALSE;
  const char *bol = r->text;
  *line = 1;
  for (const char *c = r->text; c < start; c++)
    if (*c == '\n')
      {
        (*line)++;
        bol = c + 1;
      }
  *column = (int) g_utf8_strlen (bol, start - bol) + 1;
  *span = 1;
  if (end > start && memchr (start, '\n', (gsize) (end - start)) == NULL)
    *span = (int) g_utf8_strlen (start, end - start);
  return TRUE;
}

/* Reports an error at the value (or key) found at path, or at 1:1 without
 * an excerpt when the locator cannot find it. */
static gboolean G_GNUC_PRINTF (5, 6)
fail_at (Reader *r, const char *path, gboolean key, const char *hint,
         const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);

  int line = 1, column = 1, span = 1;
  gboolean found = position (r, path, key, &line, &column, &span);
  /* A path the locator cannot follow (a key with a '/', text json-glib
   * reads more leniently): point at the nearest enclosing value it finds;
   * the whole plan ("") is always found. */
  g_autofree char *outer = g_strdup (path);
  while (!found && outer != NULL)
    {
      char *slash = strrchr (outer, '/');
      if (slash)
        *slash = '\0';
      else if (*outer)
        *outer = '\0';
      else
        g_clear_pointer (&outer, g_free);
      if (outer)
        found = position (r, outer, FALSE, &line, &column, &span);
    }
  fsim_diagnostic (r->error, FSIM_GRAPHS_ERROR_INVALID, r->filename,
                   found ? r->text : NULL, line, column, span, hint, "%s", msg);
  return FALSE;
}

/* json-glib says "<data>:LINE:COL: Parse error: …"; keep its position. */
static void
fail_syntax (Reader *r, const GError *json_error)
{
  int line = 1, column = 1, used = 0;
  const char *msg = json_error->message;
  if (g_str_has_prefix (msg, "<data>:")
      && sscanf (msg + 7, "%d:%d: %n", &line, &column, &used) == 2 && used > 0)
    {
      msg += 7 + used;
      if (g_str_has_prefix (msg, "Parse error: "))
        msg += strlen ("Parse error: ");
    }
  /* json-glib quotes an unterminated string with its line breaks; keep the
   * message on one line so that the excerpt follows it */
  GString *one_line = g_string_new (NULL);
  for (const char *c = msg; *c; c++)
    if (*c == '\n')
      {
        g_string_append (one_line, "\\n");
        while (c[1] == ' ' || c[1] == '\t')
          c++;
      }
    else
      g_string_append_c (one_line, *c);
  fsim_diagnostic (r->error, FSIM_GRAPHS_ERROR_PARSE, r->filename, r->text,
                   MAX (line, 1), MAX (column, 1), 1,
                   _("a plan is the JSON printed by StreamExecutionEnvironment.getExecutionPlan()"),
                   _("invalid JSON: %s"), one_line->str);
  g_string_free (one_line, TRUE);
}

static gboolean
check_members (Reader *r, JsonObject *object, const char *path,
               const char *const *known, const char *what)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (g_strv_contains (known, name))
        continue;
      g_autofree char *at = member_path (path, name);
      if (g_str_equal (name, "step_function"))
        return fail_at (r, at, TRUE, _("Flink 2.x removed DataStream iterations; "
                          "flinksim simulates jobs without them"),
                        _("stream iterations (\"IterativeDataStream\") are not supported"));
      const char *near = fsim_suggest (name, known);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      g_autofree char *list = g_strjoinv ("\", \"", (char **) known);
      g_autofree char *shown = fsim_escape_controls (name);
      return fail_at (r, at, TRUE, hint,
                      _("unknown field \"%s\" in %s; %s writes \"%s\""),
                      shown, what, r->writer ? r->writer : "JSONGenerator", list);
    }
  return TRUE;
}

static gboolean
get_int (Reader *r, JsonObject *object, const char *path, const char *name,
         gint64 *out)
{
  g_autofree char *at = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  if (node == NULL)
    return fail_at (r, path, FALSE, NULL, _("missing \"%s\" (a number)"), name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_at (r, at, FALSE, NULL, _("\"%s\" must be an integer"), name);
  *out = json_node_get_int (node);
  return TRUE;
}

/* A string member; NULL with the error set if it is missing (unless
 * optional) or not a string. */
static const char *
get_string (Reader *r, JsonObject *object, const char *path, const char *name,
            gboolean optional)
{
  g_autofree char *at = member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  if (node == NULL)
    {
      if (!optional)
        fail_at (r, path, FALSE, NULL, _("missing \"%s\" (a string)"), name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail_at (r, at, FALSE, NULL, _("\"%s\" must be a string"), name);
      return NULL;
    }
  return json_node_get_string (node);
}

/* Names Flink gives to SourceFunction sources (LegacySourceTransformation):
 * socketTextStream, addSource without a name, readTextFile/readFile, and
 * fromElements/fromCollection ("Collection Source", as the job language
 * makes them; 2.x fromData uses the same name for a FLIP-27 source, which a
 * plan cannot tell apart). Any other "Data Source" is taken for a FLIP-27
 * source (fromSource, fromSequence), as in Flink 2.x where addSource is
 * deprecated; addSource(fn, name) reads back as one. */
static const char *const legacy_source_names[] = {
  "Source: Socket Stream", "Source: Custom Source", "Source: Custom File Source",
  "Source: Collection Source", NULL,
};

/* The plan carries no operator class and no typeNumber. Flink's two-input
 * operators are named "Co-Map", "Co-Flat Map", "Co-Process",
 * "Co-Keyed-Process", "Co-Process-Broadcast…"; SQL joins "Join…". With
 * exactly two predecessors such a node is read as a TwoInputTransformation
 * (typeNumbers 1 and 2); anything else with several predecessors is a
 * union feeding a one-input operator (typeNumber 0). */
static FsimOperatorKind
infer_kind (const char *name, const char *pact, guint n_predecessors)
{
  if (g_str_equal (pact, "Data Source"))
    return g_strv_contains (legacy_source_names, name) ? FSIM_OPERATOR_LEGACY_SOURCE
                                                       : FSIM_OPERATOR_SOURCE;
  if (g_str_equal (pact, "Data Sink"))
    return FSIM_OPERATOR_LEGACY_SINK;
  if (g_str_has_suffix (name, ": Writer"))
    return FSIM_OPERATOR_SINK_WRITER;
  if (n_predecessors == 2 && (g_str_has_prefix (name, "Co-") || strstr (name, "Join")))
    return FSIM_OPERATOR_TWO_INPUT;
  return FSIM_OPERATOR_ONE_INPUT;
}

static const char *const node_fields[] = {
  "id", "type", "pact", "contents", "parallelism", "predecessors", NULL,
};
static const char *const predecessor_fields[] = { "id", "ship_strategy", "side", NULL };
static const char *const pacts[] = { "Data Source", "Data Sink", "Operator", NULL };
static const char *const sides[] = { "first", "second", NULL };

static JsonArray *
get_predecessors (Reader *r, JsonObject *object, const char *path)
{
  JsonNode *preds = json_object_get_member (object, "predecessors");
  if (preds == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (preds))
    {
      g_autofree char *at = g_strdup_printf ("%s/predecessors", path);
      fail_at (r, at, FALSE, NULL, _("\"predecessors\" must be an array"));
      return NULL;
    }
  return json_node_get_array (preds);
}

static gboolean
read_node (Reader *r, JsonNode *element, guint index)
{
  g_autofree char *path = g_strdup_printf ("nodes/%u", index);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return fail_at (r, path, FALSE, NULL, _("each element of \"nodes\" must be an object"));
  JsonObject *o = json_node_get_object (element);
  if (!check_members (r, o, path, node_fields, "a node"))
    return FALSE;

  gint64 id, parallelism;
  if (!get_int (r, o, path, "id", &id))
    return FALSE;
  g_autofree char *id_at = g_strdup_printf ("%s/id", path);
  if (id < 1 || id > G_MAXINT)
    return fail_at (r, id_at, FALSE, _("transformation ids count from 1"),
                    _("node id %" PRId64 " is not a StreamNode id"), id);
  if (fsim_stream_graph_get_node (r->graph, (int) id))
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (r->json_index, GINT_TO_POINTER ((int) id)));
      g_autofree char *first_at = g_strdup_printf ("nodes/%u/id", first);
      int line = 0, column = 0, span;
      g_autofree char *hint = position (r, first_at, FALSE, &line, &column, &span)
          ? g_strdup_printf (_("first used at line %d, column %d"), line, column) : NULL;
      return fail_at (r, id_at, FALSE, hint,
                      _("node id %d is used twice; StreamNode ids are unique"), (int) id);
    }
  const char *type = get_string (r, o, path, "type", FALSE);
  if (type == NULL)
    return FALSE;
  const char *pact = get_string (r, o, path, "pact", FALSE);
  if (pact == NULL)
    return FALSE;
  if (!g_strv_contains (pacts, pact))
    {
      g_autofree char *at = g_strdup_printf ("%s/pact", path);
      const char *near = fsim_suggest (pact, pacts);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      g_autofree char *shown = fsim_escape_controls (pact);
      return fail_at (r, at, FALSE, hint,
                      _("unknown pact \"%s\"; JSONGenerator writes \"Data Source\", "
                        "\"Data Sink\" or \"Operator\""), shown);
    }
  const char *contents = get_string (r, o, path, "contents", TRUE);
  if (contents == NULL && json_object_has_member (o, "contents"))
    return FALSE;
  if (!get_int (r, o, path, "parallelism", &parallelism))
    return FALSE;
  if (parallelism != -1 && (parallelism < 1 || parallelism > G_MAXINT))
    {
      g_autofree char *at = g_strdup_printf ("%s/parallelism", path);
      return fail_at (r, at, FALSE,
                      _("a parallelism is at least 1, or -1 for ExecutionConfig.PARALLELISM_DEFAULT"),
                      _("parallelism %" PRId64 " of node %d is not valid"),
                      parallelism, (int) id);
    }
  if (parallelism > FSIM_UPPER_BOUND_MAX_PARALLELISM)
    {
      /* getExecutionPlan() prints it, but submitting the job fails when the
       * scheduler derives the max parallelism
       * (KeyGroupRangeAssignment.checkParallelismPreconditions) */
      g_autofree char *at = g_strdup_printf ("%s/parallelism", path);
      return fail_at (r, at, FALSE, _("a parallelism is at most 32768 (UPPER_BOUND_MAX_PARALLELISM)"),
                      _("Operator parallelism not within bounds: %" PRId64), parallelism);
    }
  JsonArray *preds = get_predecessors (r, o, path);
  if (preds == NULL && json_object_has_member (o, "predecessors"))
    return FALSE;

  guint n_preds = preds ? json_array_get_length (preds) : 0;
  FsimStreamNode *node = fsim_stream_graph_add_node (r->graph, (int) id, type,
                                                     infer_kind (type, pact, n_preds));
  g_hash_table_insert (r->json_index, GINT_TO_POINTER ((int) id), GUINT_TO_POINTER (index));
  if (contents)
    {
      g_free (node->description);
      node->description = g_strdup (contents);
    }
  node->is_source = g_str_equal (pact, "Data Source");
  node->is_sink = g_str_equal (pact, "Data Sink");
  if (parallelism == -1)
    {
      /* 1.x plans show the unresolved default; Flink resolves it from
       * parallelism.default (CoreOptions.DEFAULT_PARALLELISM) when the job
       * is submitted. A plan carries no configuration, so that is Flink's
       * default, 1. */
      node->plan_parallelism_default = TRUE;
      node->parallelism = r->default_parallelism;
    }
  else
    node->parallelism = (int) parallelism;
  return TRUE;
}

/* An unknown ship strategy at <at>/ship_strategy, with the nearest name. */
static gboolean
fail_ship_strategy (Reader *r, const char *at, const char *strategy)
{
  const char *names[FSIM_PARTITIONER_COUNT + 1];
  for (int p = 0; p < FSIM_PARTITIONER_COUNT; p++)
    names[p] = fsim_partitioner_name ((FsimPartitioner) p);
  names[FSIM_PARTITIONER_COUNT] = NULL;
  const char *near = fsim_suggest (strategy, names);
  g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
  g_autofree char *list = g_strjoinv (", ", (char **) names);
  g_autofree char *s_at = member_path (at, "ship_strategy");
  g_autofree char *shown = fsim_escape_controls (strategy);
  return fail_at (r, s_at, FALSE, hint,
                  _("unknown ship_strategy \"%s\"; a StreamPartitioner prints one of %s"),
                  shown, list);
}

/* An edge's "ship_strategy": the StreamPartitioner's toString. */
static gboolean
read_ship_strategy (Reader *r, JsonObject *o, const char *at, FsimPartitioner *out)
{
  const char *strategy = get_string (r, o, at, "ship_strategy", FALSE);
  if (strategy == NULL)
    return FALSE;
  if (!fsim_partitioner_from_name (strategy, out))
    return fail_ship_strategy (r, at, strategy);
  return TRUE;
}

static gboolean
read_predecessor (Reader *r, FsimStreamNode *node, JsonNode *element,
                  const char *path, guint j)
{
  g_autofree char *at = g_strdup_printf ("%s/predecessors/%u", path, j);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return fail_at (r, at, FALSE, NULL, _("each predecessor must be an object "
                      "{\"id\", \"ship_strategy\", \"side\"}"));
  JsonObject *o = json_node_get_object (element);
  if (!check_members (r, o, at, predecessor_fields, "a predecessor"))
    return FALSE;
  gint64 id;
  if (!get_int (r, o, at, "id", &id))
    return FALSE;
  g_autofree char *id_at = g_strdup_printf ("%s/id", at);
  FsimStreamNode *source = id >= 1 && id <= G_MAXINT
                           ? fsim_stream_graph_get_node (r->graph, (int) id) : NULL;
  if (source == NULL)
    {
      GPtrArray *nodes = fsim_stream_graph_get_nodes (r->graph);
      GString *ids = g_string_new (NULL);
      for (guint i = 0; i < nodes->len; i++)
        g_string_append_printf (ids, "%s%d", i ? ", " : "",
                                ((FsimStreamNode *) g_ptr_array_index (nodes, i))->id);
      g_autofree char *hint = g_strdup_printf (_("the nodes are %s"), ids->str);
      g_string_free (ids, TRUE);
      return fail_at (r, id_at, FALSE, hint,
                      _("node %d names predecessor %" PRId64
                        ", but there is no node with that id"), node->id, id);
    }
  FsimPartitioner partitioner;
  if (!read_ship_strategy (r, o, at, &partitioner))
    return FALSE;
  const char *side = get_string (r, o, at, "side", TRUE);
  if (side == NULL && json_object_has_member (o, "side"))
    return FALSE;
  if (side && !g_strv_contains (sides, side))
    {
      g_autofree char *s_at = g_strdup_printf ("%s/side", at);
      const char *near = fsim_suggest (side, sides);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      g_autofree char *shown = fsim_escape_controls (side);
      return fail_at (r, s_at, FALSE, hint,
                      _("unknown side \"%s\"; JSONGenerator writes \"second\""), shown);
    }
  /* StreamGraph.addEdgeInternal refuses FORWARD between different
   * parallelisms, so no plan Flink printed has one. */
  int up = source->plan_parallelism_default ? -1 : source->parallelism;
  int down = node->plan_parallelism_default ? -1 : node->parallelism;
  if (partitioner == FSIM_PARTITIONER_FORWARD && up != down)
    {
      g_autofree char *s_at = g_strdup_printf ("%s/ship_strategy", at);
      g_autofree char *up_name = fsim_escape_controls (source->name);
      g_autofree char *down_name = fsim_escape_controls (node->name);
      return fail_at (r, s_at, FALSE,
                      _("You must use another partitioning strategy, such as broadcast, "
                        "rebalance, shuffle or global."),
                      _("Forward partitioning does not allow change of parallelism. "
                        "Upstream operation: %s-%d parallelism: %d, downstream operation: "
                        "%s-%d parallelism: %d"),
                      up_name, source->id, up, down_name, node->id, down);
    }
  int type_number = node->kind == FSIM_OPERATOR_TWO_INPUT ? (int) j + 1 : 0;
  fsim_stream_graph_add_edge (r->graph, source, node, type_number, partitioner,
                              FSIM_EXCHANGE_UNDEFINED);
  return TRUE;
}

static gboolean
read_edges (Reader *r, JsonArray *nodes)
{
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *o = json_array_get_object_element (nodes, i);
      FsimStreamNode *node = fsim_stream_graph_get_node (
          r->graph, (int) json_object_get_int_member (o, "id"));
      g_autofree char *path = g_strdup_printf ("nodes/%u", i);
      JsonArray *preds = get_predecessors (r, o, path);
      guint n = preds ? json_array_get_length (preds) : 0;
      if (node->is_source && n > 0)
        {
          g_autofree char *at = g_strdup_printf ("%s/predecessors", path);
          return fail_at (r, at, FALSE, _("JSONGenerator writes no \"predecessors\" for a source"),
                          _("node %d is a \"Data Source\" but has predecessors"), node->id);
        }
      if (!node->is_source && n == 0)
        {
          g_autofree char *shown = fsim_escape_controls (node->name);
          return fail_at (r, path, FALSE,
                          _("only a \"Data Source\" reads no input; give this node "
                            "\"predecessors\" or make it a source"),
                          _("node %d (\"%s\") has no predecessors"), node->id, shown);
        }
      for (guint j = 0; j < n; j++)
        if (!read_predecessor (r, node, json_array_get_element (preds, j), path, j))
          return FALSE;
    }
  return TRUE;
}

/* A StreamGraph is acyclic (Flink 2.x has no iterations). Kahn's algorithm
 * over the nodes in id order; what it cannot order holds a cycle, which is
 * walked backwards from its smallest id along in-edges inside the rest. */
static gboolean
check_acyclic (Reader *r)
{
  GPtrArray *nodes = fsim_stream_graph_get_nodes (r->graph);
  g_autoptr (GHashTable) pending = g_hash_table_new (NULL, NULL);  /* node -> in-degree left */
  g_autoptr (GQueue) ready = g_queue_new ();
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (nodes, i);
      if (n->in_edges->len == 0)
        g_queue_push_tail (ready, n);
      else
        g_hash_table_insert (pending, n, GUINT_TO_POINTER (n->in_edges->len));
    }
  while (!g_queue_is_empty (ready))
    {
      FsimStreamNode *n = g_queue_pop_head (ready);
      for (guint i = 0; i < n->out_edges->len; i++)
        {
          FsimStreamNode *t = ((FsimStreamEdge *) g_ptr_array_index (n->out_edges, i))->target;
          guint left = GPOINTER_TO_UINT (g_hash_table_lookup (pending, t)) - 1;
          if (left == 0)
            {
              g_hash_table_remove (pending, t);
              g_queue_push_tail (ready, t);
            }
          else
            g_hash_table_insert (pending, t, GUINT_TO_POINTER (left));
        }
    }
  if (g_hash_table_size (pending) == 0)
    return TRUE;

  FsimStreamNode *start = NULL;
  for (guint i = 0; i < nodes->len && start == NULL; i++)
    if (g_hash_table_contains (pending, g_ptr_array_index (nodes, i)))
      start = g_ptr_array_index (nodes, i);
  /* Every pending node has a pending predecessor; follow them until one
   * repeats, then print the cycle in data-flow order. */
  g_autoptr (GPtrArray) walk = g_ptr_array_new ();
  g_autoptr (GArray) via = g_array_new (FALSE, FALSE, sizeof (guint)); /* in-edge taken */
  FsimStreamNode *n = start;
  while (!g_ptr_array_find (walk, n, NULL))
    {
      g_ptr_array_add (walk, n);
      for (guint i = 0; i < n->in_edges->len; i++)
        {
          FsimStreamNode *s = ((FsimStreamEdge *) g_ptr_array_index (n->in_edges, i))->source;
          if (g_hash_table_contains (pending, s))
            {
              g_array_append_val (via, i);
              n = s;
              break;
            }
        }
    }
  guint from;
  g_ptr_array_find (walk, n, &from);
  GString *cycle = g_string_new (NULL);
  g_string_append_printf (cycle, "%d", n->id);
  for (guint i = walk->len; i > from; i--)
    g_string_append_printf (cycle, " -> %d", ((FsimStreamNode *) walk->pdata[i - 1])->id);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (r->json_index, GINT_TO_POINTER (n->id)));
  g_autofree char *at = g_strdup_printf ("nodes/%u/predecessors/%u/id", index,
                                         g_array_index (via, guint, from));
  fail_at (r, at, FALSE, _("a StreamGraph is a DAG: data flows from sources to sinks"),
           _("the predecessors form a cycle: %s"), cycle->str);
  g_string_free (cycle, TRUE);
  return FALSE;
}

/* json-glib's parser recurses once per nesting level; a plan nests four
 * deep ({"nodes" : [ {"predecessors" : [ { … } ] } ] }). Anything far
 * deeper is refused before it could exhaust the stack. */
#define MAX_JSON_DEPTH 64

/* The end of the string or comment that starts at p (json-glib skips
 * comments too); the text's end if it is unterminated. */
static const char *
skip_string_or_comment (const char *p)
{
  if (*p == '"')
    {
      for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
          p++;
      return *p ? p + 1 : p;
    }
  if (p[1] == '/')
    return p + strcspn (p, "\n");
  const char *end = strstr (p + 2, "*/");
  return end ? end + 2 : p + strlen (p);
}

static void
keys_free (gpointer keys)
{
  if (keys)
    g_hash_table_unref (keys);
}

static gboolean
structure_error (Reader *r, const char *at, int line, const char *bol, int span,
                 const char *message)
{
  int column = (int) g_utf8_strlen (bol, at - bol) + 1;
  fsim_diagnostic (r->error, FSIM_GRAPHS_ERROR_PARSE, r->filename, r->text, line, column, span,
                   _("a plan is the JSON printed by StreamExecutionEnvironment.getExecutionPlan()"),
                   "%s", message);
  return FALSE;
}

static int
hex4 (const char *p)
{
  int v = 0;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A \uD800-\uDFFF escape must be half of a pair (RFC 8259 section 8.2):
 * json-glib turns a lone one into bytes that are not UTF-8, which then
 * reached names and messages (issue 9). p is at the backslash; *pair is
 * set when a high half is followed by its low half. */
static gboolean
check_surrogate (Reader *r, const char *p, int line, const char *bol, gboolean *pair)
{
  int u = hex4 (p + 2);
  if (u < 0xD800 || u > 0xDFFF)
    return TRUE;
  if (u <= 0xDBFF && p[6] == '\\' && p[7] == 'u')
    {
      int low = hex4 (p + 8);
      if (low >= 0xDC00 && low <= 0xDFFF)
        {
          *pair = TRUE;
          return TRUE;
        }
    }
  g_autofree char *msg = g_strdup_printf (
    "invalid JSON: \\u%.4s is half of a UTF-16 surrogate pair without its other half; "
    "such a string is not text", p + 2);
  return structure_error (r, p, line, bol, 6, msg);
}

/* Before json-glib reads the text: nesting is bounded, and no object has a
 * key twice (json-glib would keep the last one silently; Jackson never
 * writes one twice). Only the syntax json-glib then checks is assumed
 * loosely here. */
static gboolean
check_structure (Reader *r)
{
  /* one entry per open bracket: the keys seen, or NULL for an array */
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (keys_free);
  int line = 1;
  const char *bol = r->text;
  const char *p = r->text;
  while (*p)
    {
      if (*p == '"' || (p[0] == '/' && (p[1] == '/' || p[1] == '*')))
        {
          const char *start = p;
          const char *end = skip_string_or_comment (p);
          int start_line = line;
          const char *start_bol = bol;
          for (; p < end; p++)
            {
              /* JSON (RFC 8259) and Jackson want control characters in a
               * string escaped; json-glib would take them as they are */
              if (*start == '"' && (guchar) *p < 0x20)
                {
                  g_autofree char *msg = *p == '\n'
                    ? g_strdup ("invalid JSON: a line break inside a string (a missing '\"'?)")
                    : g_strdup_printf (_("invalid JSON: a control character (U+%04X) inside a "
                                         "string; write it as an escape (\\t, \\u0001)"),
                                       (guint) (guchar) *p);
                  return structure_error (r, p, line, bol, 1, msg);
                }
              if (*start == '"' && *p == '\\' && p[1] == 'u')
                {
                  gboolean pair = FALSE;
                  if (!check_surrogate (r, p, line, bol, &pair))
                    return FALSE;
                  if (pair)
                    p += 6;   /* to the low half's backslash */
                }
              if (*start == '"' && *p == '\\' && p[1] && p[1] != '\n')
                {
                  p++;        /* the escaped character: never a quote or a \u */
                  continue;
                }
              if (*p == '\n')
                {
                  line++;
                  bol = p + 1;
                }
            }
          GHashTable *keys = open->len ? g_ptr_array_index (open, open->len - 1) : NULL;
          const char *after = p + strspn (p, " \t\r\n");
          if (*start == '"' && keys && *after == ':')
            {
              g_autofree char *key = g_strndup (start, (gsize) (end - start));
              if (!g_hash_table_add (keys, g_steal_pointer (&key)))
                {
                  g_autofree char *msg = g_strdup_printf (
                    _("invalid plan: the key %.*s appears twice in one object"),
                    (int) (end - start), start);
                  return structure_error (r, start, start_line, start_bol,
                                          (int) g_utf8_strlen (start, end - start), msg);
                }
            }
          continue;
        }
      if (*p == '\n')
        {
          line++;
          bol = p + 1;
        }
      else if (*p == '{' || *p == '[')
        {
          if (open->len == MAX_JSON_DEPTH)
            {
              g_autofree char *msg = g_strdup_printf (
                _("invalid plan: JSON nested more than %d deep"), MAX_JSON_DEPTH);
              return structure_error (r, p, line, bol, 1, msg);
            }
          g_ptr_array_add (open, *p == '{'
                                 ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL)
                                 : NULL);
        }
      else if ((*p == '}' || *p == ']') && open->len > 0)
        g_ptr_array_remove_index (open, open->len - 1);
      p++;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The Web UI's JSON: GET /jobs/:jobid/plan and GET /jobs/:jobid              */
/*                                                                            */
/* JsonPlanGenerator.generatePlan describes the JobGraph (flink-spec 8.2):    */
/* {"plan": {jid, name, [type], nodes}}, one node per JobVertex {id (a        */
/* JobVertexID), parallelism, operator, operator_strategy, description (the   */
/* chain, HTML-escaped; TREE lines joined by <br/> since 1.15), [inputs       */
/* {num, id, ship_strategy, exchange}], optimizer_properties}. GET /jobs/:id  */
/* (JobDetailsInfo) has the same "plan" and "vertices" [{id, name,            */
/* maxParallelism, parallelism, …}]. The plan object alone is read too.       */
/*                                                                            */
/* This is the JobGraph level: each JobVertex becomes one StreamNode named    */
/* as the vertex (its chain name), keeping its JobVertexID; the graph is      */
/* marked "chains given", so no two vertices are chained again, and the ship  */
/* strategies and exchanges become the StreamEdges' partitioners and         */
/* exchange modes. Node ids are the vertices' positions in topological       */
/* order, from 1. */

static const char *const rest_top_fields[] = {
  "jid", "name", "isStoppable", "state", "job-type", "start-time", "end-time", "duration",
  "maxParallelism", "now", "timestamps", "vertices", "status-counts", "plan",
  "stream-graph", "pending-operators", NULL,
};
static const char *const rest_plan_fields[] = { "jid", "name", "type", "nodes", NULL };
static const char *const rest_node_fields[] = {
  "id", "parallelism", "operator", "operator_strategy", "description", "inputs",
  "optimizer_properties", NULL,
};
static const char *const rest_input_fields[] = {
  "num", "id", "ship_strategy", "local_strategy", "caching", "exchange", NULL,
};
static const char *const rest_exchanges[] = {
  "pipelined_bounded", "pipelined", "blocking", NULL,
};

typedef struct {
  const char *id;
  JsonObject *object;
  char *path;
  char *name;                   /* the JobVertex name */
  int max_parallelism;          /* from "vertices", -1 if not given */
  gint64 parallelism;
  int topo;                     /* 1-based position in topological order, 0 = not yet */
  FsimStreamNode *node;
} RestVertex;

static void
rest_vertex_clear (RestVertex *v)
{
  g_free (v->path);
  g_free (v->name);
}

/* JsonPlanGenerator's description back to a name: HTML entities undone,
 * TREE lines ("A<br/>+- B<br/>") stripped of their ":- "/"+- " prefixes and
 * joined with " -> ", as the vertex name chains them. */
static char *
rest_description_name (const char *description)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&gt;", ">" }, { "&lt;", "<" }, { "&quot;", "\"" }, { "&#92;", "\\" }, { "&amp;", "&" },
  };
  GString *plain = g_string_new (NULL);
  for (const char *c = description; *c;)
    {
      gboolean done = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
        if (g_str_has_prefix (c, entities[i].entity))
          {
            g_string_append (plain, entities[i].text);
            c += strlen (entities[i].entity);
            done = TRUE;
          }
      if (!done)
        g_string_append_c (plain, *c++);
    }
  g_autofree char *text = g_string_free (plain, FALSE);
  if (strstr (text, "<br/>") == NULL)
    return g_steal_pointer (&text);
  g_auto (GStrv) lines = g_strsplit (text, "<br/>", -1);
  GString *name = g_string_new (NULL);
  for (char **l = lines; *l; l++)
    {
      const char *op = *l;
      while (g_str_has_prefix (op, ":- ") || g_str_has_prefix (op, "+- ")
             || g_str_has_prefix (op, ":  ") || g_str_has_prefix (op, "   "))
        op += 3;
      if (*op == '\0')
        continue;
      g_string_append_printf (name, "%s%s", name->len ? " -> " : "", op);
    }
  return g_string_free (name, FALSE);
}

static RestVertex *
rest_find (GArray *vertices, const char *id)
{
  for (guint i = 0; i < vertices->len; i++)
    if (g_str_equal (g_array_index (vertices, RestVertex, i).id, id))
      return &g_array_index (vertices, RestVertex, i);
  return NULL;
}

static gboolean
rest_is_vertex_id (const char *id)
{
  if (strlen (id) != 32)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

static gboolean
rest_read_node (Reader *r, JsonNode *element, const char *path, RestVertex *v)
{
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return fail_at (r, path, FALSE, NULL, _("each element of \"nodes\" must be an object"));
  JsonObject *o = json_node_get_object (element);
  if (!check_members (r, o, path, rest_node_fields, "a plan node"))
    return FALSE;
  v->object = o;
  v->path = g_strdup (path);
  v->max_parallelism = -1;
  v->id = get_string (r, o, path, "id", FALSE);
  if (v->id == NULL)
    return FALSE;
  if (!rest_is_vertex_id (v->id))
    {
      g_autofree char *at = member_path (path, "id");
      g_autofree char *shown = fsim_escape_controls (v->id);
      return fail_at (r, at, FALSE, _("a JobVertexID is 32 lower-case hex digits"),
                      _("\"%s\" is not a JobVertexID"), shown);
    }
  if (!get_int (r, o, path, "parallelism", &v->parallelism))
    return FALSE;
  if (v->parallelism < 1 || v->parallelism > FSIM_UPPER_BOUND_MAX_PARALLELISM)
    {
      g_autofree char *at = member_path (path, "parallelism");
      return fail_at (r, at, FALSE, _("a JobVertex runs 1 to 32768 subtasks"),
                      "parallelism %" G_GINT64_FORMAT " of vertex %s is not valid",
                      v->parallelism, v->id);
    }
  const char *description = get_string (r, o, path, "description", FALSE);
  if (description == NULL)
    return FALSE;
  v->name = rest_description_name (description);
  return TRUE;
}

/* "vertices" of GET /jobs/:jobid: names (plain "->") and max parallelism. */
static gboolean
rest_read_vertices (Reader *r, JsonObject *top, GArray *vertices)
{
  JsonNode *vn = json_object_get_member (top, "vertices");
  if (vn == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (vn))
    return fail_at (r, "vertices", FALSE, NULL, _("\"vertices\" must be an array"));
  JsonArray *a = json_node_get_array (vn);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *path = g_strdup_printf ("vertices/%u", i);
      JsonNode *e = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail_at (r, path, FALSE, NULL, _("each element of \"vertices\" must be an object"));
      JsonObject *o = json_node_get_object (e);
      const char *id = get_string (r, o, path, "id", FALSE);
      if (id == NULL)
        return FALSE;
      RestVertex *v = rest_find (vertices, id);
      if (v == NULL)
        {
          g_autofree char *at = member_path (path, "id");
          g_autofree char *shown = fsim_escape_controls (id);
          return fail_at (r, at, FALSE, _("\"vertices\" and \"plan\" describe the same JobVertices"),
                          _("vertex %s is not a node of the plan"), shown);
        }
      const char *name = get_string (r, o, path, "name", FALSE);
      if (name == NULL)
        return FALSE;
      g_free (v->name);
      v->name = g_strdup (name);
      gint64 parallelism;
      if (json_object_has_member (o, "parallelism"))
        {
          if (!get_int (r, o, path, "parallelism", &parallelism))
            return FALSE;
          if (parallelism != v->parallelism)
            {
              g_autofree char *at = member_path (path, "parallelism");
              return fail_at (r, at, FALSE, _("\"vertices\" and \"plan\" describe the same JobVertices"),
                              "vertex %s has parallelism %" G_GINT64_FORMAT " here and %"
                              G_GINT64_FORMAT " in the plan", id, parallelism, v->parallelism);
            }
        }
      gint64 max;
      if (json_object_has_member (o, "maxParallelism"))
        {
          if (!get_int (r, o, path, "maxParallelism", &max))
            return FALSE;
          if (max < v->parallelism || max > FSIM_UPPER_BOUND_MAX_PARALLELISM)
            {
              g_autofree char *at = member_path (path, "maxParallelism");
              return fail_at (r, at, FALSE, _("max parallelism is at least the parallelism, at "
                                "most 32768"), "max parallelism %" G_GINT64_FORMAT
                              " of vertex %s is not valid", max, id);
            }
          v->max_parallelism = (int) max;
        }
    }
  return TRUE;
}

static gboolean
rest_read_input (Reader *r, GArray *vertices, RestVertex *v, JsonNode *element, guint j)
{
  g_autofree char *at = g_strdup_printf ("%s/inputs/%u", v->path, j);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return fail_at (r, at, FALSE, NULL, _("each input must be an object "
                      "{\"num\", \"id\", \"ship_strategy\", \"exchange\"}"));
  JsonObject *o = json_node_get_object (element);
  if (!check_members (r, o, at, rest_input_fields, "an input"))
    return FALSE;
  const char *id = get_string (r, o, at, "id", FALSE);
  if (id == NULL)
    return FALSE;
  RestVertex *up = rest_find (vertices, id);
  if (up == NULL || up == v)
    {
      g_autofree char *id_at = member_path (at, "id");
      g_autofree char *shown = fsim_escape_controls (id);
      return fail_at (r, id_at, FALSE, _("an input names the producing node's \"id\""),
                      up ? _("vertex %s reads itself") : _("input %s is not a node of the plan"),
                      shown);
    }
  FsimPartitioner partitioner;
  if (!read_ship_strategy (r, o, at, &partitioner))
    return FALSE;
  const char *exchange = get_string (r, o, at, "exchange", FALSE);
  if (exchange == NULL)
    return FALSE;
  if (!g_strv_contains (rest_exchanges, exchange))
    {
      g_autofree char *e_at = member_path (at, "exchange");
      const char *near = fsim_suggest (exchange, rest_exchanges);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near)
                                   : g_strdup (_("flinksim models pipelined_bounded, pipelined "
                                                 "and blocking results"));
      g_autofree char *shown = fsim_escape_controls (exchange);
      return fail_at (r, e_at, FALSE, hint, _("exchange \"%s\" is not supported"), shown);
    }
  if (partitioner == FSIM_PARTITIONER_FORWARD && up->parallelism != v->parallelism)
    {
      g_autofree char *s_at = member_path (at, "ship_strategy");
      return fail_at (r, s_at, FALSE,
                      _("You must use another partitioning strategy, such as broadcast, "
                        "rebalance, shuffle or global."),
                      "Forward partitioning does not allow change of parallelism. Upstream "
                      "operation: %s parallelism: %" G_GINT64_FORMAT ", downstream operation: "
                      "%s parallelism: %" G_GINT64_FORMAT,
                      up->name, up->parallelism, v->name, v->parallelism);
    }
  int type_number = v->node->kind == FSIM_OPERATOR_TWO_INPUT ? (int) j + 1 : 0;
  FsimExchangeMode mode = g_str_equal (exchange, "blocking") ? FSIM_EXCHANGE_BATCH
                                                            : FSIM_EXCHANGE_PIPELINED;
  fsim_stream_graph_add_edge (r->graph, up->node, v->node, type_number, partitioner, mode);
  return TRUE;
}

static JsonArray *
rest_inputs (JsonObject *o)
{
  JsonNode *n = json_object_get_member (o, "inputs");
  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

/* Node ids in topological order: repeatedly the first vertex (in plan
 * order) whose inputs are all placed. A cycle is an error at one of its
 * inputs. */
static gboolean
rest_order (Reader *r, GArray *vertices)
{
  int placed = 0;
  while (placed < (int) vertices->len)
    {
      RestVertex *next = NULL;
      for (guint i = 0; i < vertices->len && next == NULL; i++)
        {
          RestVertex *v = &g_array_index (vertices, RestVertex, i);
          if (v->topo)
            continue;
          JsonArray *in = rest_inputs (v->object);
          gboolean ready = TRUE;
          for (guint j = 0; in && j < json_array_get_length (in) && ready; j++)
            {
              JsonNode *e = json_array_get_element (in, j);
              const char *id = JSON_NODE_HOLDS_OBJECT (e)
                ? json_object_get_string_member_with_default (json_node_get_object (e), "id", "")
                : "";
              RestVertex *up = rest_find (vertices, id);
              ready = up == NULL || up == v || up->topo > 0;
            }
          if (ready)
            next = v;
        }
      if (next == NULL)
        {
          for (guint i = 0; i < vertices->len; i++)
            {
              RestVertex *v = &g_array_index (vertices, RestVertex, i);
              if (!v->topo)
                {
                  g_autofree char *at = g_strdup_printf ("%s/inputs", v->path);
                  return fail_at (r, at, FALSE, _("a JobGraph is a DAG: data flows from sources "
                                    "to sinks"), _("the inputs form a cycle through vertex %s"), v->id);
                }
            }
        }
      next->topo = ++placed;
    }
  return TRUE;
}

static FsimJob *
import_rest (Reader *r, JsonObject *top, gboolean details)
{
  if (details && !check_members (r, top, "", rest_top_fields, "the job details"))
    return NULL;
  JsonObject *plan = top;
  const char *base = "";
  if (json_object_has_member (top, "plan"))
    {
      JsonNode *pn = json_object_get_member (top, "plan");
      if (!JSON_NODE_HOLDS_OBJECT (pn))
        {
          fail_at (r, "plan", FALSE, NULL, _("\"plan\" must be an object"));
          return NULL;
        }
      plan = json_node_get_object (pn);
      base = "plan";
    }
  r->writer = "JsonPlanGenerator";
  if (!check_members (r, plan, base, rest_plan_fields, "the plan"))
    return NULL;
  g_autofree char *nodes_at = member_path (base, "nodes");
  JsonNode *nodes_node = json_object_get_member (plan, "nodes");
  if (nodes_node == NULL || !JSON_NODE_HOLDS_ARRAY (nodes_node)
      || json_array_get_length (json_node_get_array (nodes_node)) == 0)
    {
      fail_at (r, nodes_node ? nodes_at : base, FALSE,
               _("GET /jobs/:jobid/plan lists one node per JobVertex"),
               _("expected \"nodes\" : [ … ] with at least one JobVertex"));
      return NULL;
    }
  JsonArray *nodes = json_node_get_array (nodes_node);
  if (json_array_get_length (nodes) > FSIM_MAX_TRANSFORMATIONS)
    {
      g_autofree char *at = g_strdup_printf ("%s/%d", nodes_at, FSIM_MAX_TRANSFORMATIONS);
      fail_at (r, at, FALSE, _("flinksim simulates jobs of a realistic size"),
               _("the plan has %u nodes; flinksim reads plans of up to %d"),
               json_array_get_length (nodes), FSIM_MAX_TRANSFORMATIONS);
      return NULL;
    }
  const char *name = get_string (r, plan, base, "name", TRUE);
  if (name == NULL && json_object_has_member (plan, "name"))
    return NULL;
  const char *type = get_string (r, plan, base, "type", TRUE);
  if (type == NULL && json_object_has_member (plan, "type"))
    return NULL;
  static const char *const types[] = { "STREAMING", "BATCH", NULL };
  if (type && !g_strv_contains (types, type))
    {
      g_autofree char *at = member_path (base, "type");
      const char *near = fsim_suggest (type, types);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      g_autofree char *shown = fsim_escape_controls (type);
      fail_at (r, at, FALSE, hint, _("unknown job type \"%s\"; JobType is STREAMING or BATCH"),
               shown);
      return NULL;
    }

  g_autoptr (GArray) vertices = g_array_new (FALSE, TRUE, sizeof (RestVertex));
  g_array_set_clear_func (vertices, (GDestroyNotify) rest_vertex_clear);
  g_array_set_size (vertices, json_array_get_length (nodes));
  for (guint i = 0; i < vertices->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u", nodes_at, i);
      RestVertex *v = &g_array_index (vertices, RestVertex, i);
      if (!rest_read_node (r, json_array_get_element (nodes, i), path, v))
        return NULL;
      RestVertex *first = rest_find (vertices, v->id);
      if (first != v)
        {
          g_autofree char *at = member_path (path, "id");
          return fail_at (r, at, FALSE, NULL, _("vertex %s is listed twice"), v->id), NULL;
        }
    }
  if (!rest_read_vertices (r, top, vertices) || !rest_order (r, vertices))
    return NULL;

  g_autoptr (FsimJob) job = fsim_job_new (r->filename);
  if (name)
    {
      g_free (job->name);
      job->name = g_strdup (name);
    }
  job->stream_graph = fsim_stream_graph_new (job->name);
  r->graph = job->stream_graph;
  fsim_stream_graph_set_chains_given (r->graph, TRUE);
  const char *jid = get_string (r, plan, base, "jid", TRUE);
  if (jid == NULL && json_object_has_member (plan, "jid"))
    return NULL;
  if (jid && !rest_is_vertex_id (jid))
    {
      g_autofree char *at = member_path (base, "jid");
      g_autofree char *shown = fsim_escape_controls (jid);
      return fail_at (r, at, FALSE, _("a JobID is 32 lower-case hex digits"),
                      _("\"%s\" is not a JobID"), shown), NULL;
    }
  if (jid)
    fsim_stream_graph_set_job_id (r->graph, jid);
  /* StreamNodes in topological order, so that ids ascend from the sources */
  g_autoptr (GPtrArray) by_topo = g_ptr_array_new ();
  g_ptr_array_set_size (by_topo, vertices->len);
  for (guint i = 0; i < vertices->len; i++)
    {
      RestVertex *v = &g_array_index (vertices, RestVertex, i);
      by_topo->pdata[v->topo - 1] = v;
    }
  for (guint i = 0; i < by_topo->len; i++)
    {
      RestVertex *v = by_topo->pdata[i];
      JsonArray *in = rest_inputs (v->object);
      guint n_in = in ? json_array_get_length (in) : 0;
      gboolean consumed = FALSE;
      for (guint k = 0; k < vertices->len && !consumed; k++)
        {
          JsonArray *other = rest_inputs (g_array_index (vertices, RestVertex, k).object);
          for (guint j = 0; other && j < json_array_get_length (other) && !consumed; j++)
            {
              JsonNode *e = json_array_get_element (other, j);
              consumed = JSON_NODE_HOLDS_OBJECT (e)
                && g_strcmp0 (json_object_get_string_member_with_default (
                                json_node_get_object (e), "id", ""), v->id) == 0;
            }
        }
      const char *pact = n_in == 0 ? "Data Source"
                         : !consumed && g_str_has_prefix (v->name, "Sink: ") ? "Data Sink"
                         : "Operator";
      FsimStreamNode *node = fsim_stream_graph_add_node (r->graph, (int) i + 1, v->name,
                                                         infer_kind (v->name, pact, n_in));
      node->is_source = n_in == 0;
      node->is_sink = g_str_equal (pact, "Data Sink");
      node->parallelism = (int) v->parallelism;
      node->job_vertex_id = g_strdup (v->id);
      if (v->max_parallelism > 0
          && v->max_parallelism != fsim_default_max_parallelism (node->parallelism))
        node->max_parallelism = v->max_parallelism;
      /* the plan's chains stand: a vertex with inputs heads its own chain */
      if (n_in > 0)
        node->chaining = FSIM_CHAINING_HEAD;
      v->node = node;
    }
  for (guint i = 0; i < by_topo->len; i++)
    {
      RestVertex *v = by_topo->pdata[i];
      JsonArray *in = rest_inputs (v->object);
      if (in == NULL && json_object_has_member (v->object, "inputs"))
        {
          g_autofree char *at = member_path (v->path, "inputs");
          return fail_at (r, at, FALSE, NULL, _("\"inputs\" must be an array")), NULL;
        }
      for (guint j = 0; in && j < json_array_get_length (in); j++)
        if (!rest_read_input (r, vertices, v, json_array_get_element (in, j), j))
          return NULL;
    }
  return g_steal_pointer (&job);
}

/* A REST document rather than getExecutionPlan(): a "plan" member, a "jid",
 * or nodes with JsonPlanGenerator's members ("description", "inputs",
 * "operator") and none of JSONGenerator's ("type", "pact"). */
static gboolean
is_rest_document (JsonObject *top)
{
  if (json_object_has_member (top, "plan") || json_object_has_member (top, "jid"))
    return TRUE;
  JsonNode *nodes = json_object_get_member (top, "nodes");
  if (nodes == NULL || !JSON_NODE_HOLDS_ARRAY (nodes)
      || json_array_get_length (json_node_get_array (nodes)) == 0)
    return FALSE;
  JsonNode *first = json_array_get_element (json_node_get_array (nodes), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;
  JsonObject *o = json_node_get_object (first);
  return !json_object_has_member (o, "type") && !json_object_has_member (o, "pact")
         && (json_object_has_member (o, "description") || json_object_has_member (o, "inputs")
             || json_object_has_member (o, "operator"));
}

FsimJob *
fsim_job_import_plan_json (const char *text, const char *filename, GError **error)
{
  text = fsim_text_skip_bom (text);
  Reader r = { text, filename, error, NULL, NULL, 0, NULL };
  if (!fsim_text_check (text, -1, filename, error) || !check_structure (&r))
    return NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) json_error = NULL;
  if (!json_parser_load_from_data (parser, text, -1, &json_error))
    {
      fail_syntax (&r, json_error);
      return NULL;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_at (&r, root ? "" : NULL, FALSE,
               _("a plan is the JSON printed by StreamExecutionEnvironment.getExecutionPlan()"),
               _("expected a JSON object {\"nodes\" : [ … ]}"));
      return NULL;
    }
  JsonObject *top = json_node_get_object (root);
  if (is_rest_document (top))
    return import_rest (&r, top, json_object_has_member (top, "vertices")
                                 || !json_object_has_member (top, "nodes"));
  static const char *const top_fields[] = { "nodes", NULL };
  if (!json_object_has_member (top, "nodes"))
    {
      if (check_members (&r, top, "", top_fields, "the plan"))
        fail_at (&r, "", FALSE,
                 _("a plan is the JSON printed by StreamExecutionEnvironment.getExecutionPlan()"),
                 _("missing \"nodes\": expected {\"nodes\" : [ … ]}"));
      return NULL;
    }
  if (!check_members (&r, top, "", top_fields, "the plan"))
    return NULL;
  JsonNode *nodes_node = json_object_get_member (top, "nodes");
  if (!JSON_NODE_HOLDS_ARRAY (nodes_node))
    {
      fail_at (&r, "nodes", FALSE, NULL, _("\"nodes\" must be an array"));
      return NULL;
    }
  JsonArray *nodes = json_node_get_array (nodes_node);
  if (json_array_get_length (nodes) == 0)
    {
      fail_at (&r, "nodes", FALSE, _("getExecutionPlan() always lists at least one node"),
               _("the plan has no nodes"));
      return NULL;
    }

  if (json_array_get_length (nodes) > FSIM_MAX_TRANSFORMATIONS)
    {
      g_autofree char *at = g_strdup_printf ("nodes/%d", FSIM_MAX_TRANSFORMATIONS);
      fail_at (&r, at, FALSE, _("flinksim simulates jobs of a realistic size"),
               _("the plan has %u nodes; flinksim reads plans of up to %d"),
               json_array_get_length (nodes), FSIM_MAX_TRANSFORMATIONS);
      return NULL;
    }
  g_autoptr (FsimJob) job = fsim_job_new (filename);
  job->stream_graph = fsim_stream_graph_new (job->name);
  g_autoptr (GHashTable) json_index = g_hash_table_new (NULL, NULL);
  r.graph = job->stream_graph;
  r.json_index = json_index;
  r.default_parallelism = (int) fsim_config_get_int (job->config, "parallelism.default");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    if (!read_node (&r, json_array_get_element (nodes, i), i))
      return NULL;
  if (!read_edges (&r, nodes) || !check_acyclic (&r))
    return NULL;
  /* sim.max-subtasks (as for a job file), before any graph is built from it */
  gint64 max = fsim_config_get_int (job->config, "sim.max-subtasks");
  guint w;
  gint64 subtasks = fsim_stream_graph_count_subtasks (job->stream_graph, &w);
  if (subtasks > max)
    {
      const FsimStreamNode *widest = g_ptr_array_index (
        fsim_stream_graph_get_nodes (job->stream_graph), w);
      g_autofree char *at = g_strdup_printf ("nodes/%u/parallelism", w);
      fail_at (&r, at, FALSE, _("a plan carries no configuration, so sim.max-subtasks keeps its "
                 "default: lower the parallelism, or write the job as a .job file with "
                 "`set sim.max-subtasks`"),
               "the plan has %" G_GINT64_FORMAT " operator subtasks (%u nodes, node %d at "
               "parallelism %d), more than sim.max-subtasks = %" G_GINT64_FORMAT, subtasks,
               json_array_get_length (nodes), widest->id, widest->parallelism, max);
      return NULL;
    }
  return g_steal_pointer (&job);
}
