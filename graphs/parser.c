/* parser.c - the job language's statements (docs/job-language.md).
 *
 *   file  := stmt*
 *   stmt  := 'job' STRING | 'set' KEY '=' value | NAME '=' chain | chain
 *          | 'at' duration fault
 *   chain := ('env' | NAME) ('.' call)+      continued by a leading '.' on
 *                                            the next line; ';' optional
 *
 * The program runs as it is read, as a Java main() would: each call goes to
 * the DataStream API (datastream-api.c) at once, so operators capture the
 * environment's parallelism of that moment. `set` is the configuration the
 * job is submitted with; it is read before the program runs, so it must come
 * before the first stream statement. After the last statement the
 * StreamGraph is generated (stream-graph-generator.c) and the fault plan is
 * resolved against its operator names. */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "graphs/language.h"

typedef struct {
  FsimValue value;
  int line;
} Variable;

typedef struct {
  FsimFault *fault;
  int name_line, name_column, name_span;        /* the operator name's string */
  int number_line, number_column, number_span;  /* subtask / taskmanager / checkpoint */
} PendingFault;

typedef struct {
  const char *filename;
  const char *text;
  FsimLexer *lexer;
  FsimToken tok;                /* the current token */
  GError **error;
  FsimJob *job;
  FsimProgram *program;
  FsimApi *api;
  GHashTable *vars;             /* name → Variable* */
  GPtrArray *var_names;         /* in definition order, for suggestions */
  GHashTable *later;            /* name → GINT line where a later statement defines it */
  gboolean program_started;
  int program_line;             /* the first stream statement */
  char *job_name;
  int job_line;
  GPtrArray *faults;            /* PendingFault* */
  int depth;                    /* argument lists open around the current token */
  GHashTable *set_at;           /* canonical key → SetSite* of its `set` value */
} Parser;

typedef struct {
  int line, column, span;
} SetSite;

/* Calls nest as arguments (forBoundedOutOfOrderness(Duration.ofSeconds(2)));
 * real programs stay a few levels deep, and the parser recurses per level. */
#define MAX_ARG_DEPTH 32

static gboolean parse_fail (Parser *p, int line, int column, int span, const char *hint,
                            const char *format, ...) G_GNUC_PRINTF (6, 7);

static gboolean
parse_fail (Parser *p, int line, int column, int span, const char *hint, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fsim_diagnostic (p->error, FSIM_GRAPHS_ERROR_PARSE, p->filename, p->text, line, column, span,
                   hint, "%s", msg);
  return FALSE;
}

static gboolean
advance (Parser *p)
{
  return fsim_lexer_next (p->lexer, &p->tok, p->error);
}

static gboolean
expected (Parser *p, const char *what, const char *hint)
{
  const char *found = fsim_token_describe (p->tok.type);
  if (p->tok.text && (p->tok.type == FSIM_TOK_IDENT || p->tok.type == FSIM_TOK_NUMBER))
    return parse_fail (p, p->tok.line, p->tok.column, p->tok.span, hint,
                       _("expected %s, found '%s'"), what, p->tok.text);
  return parse_fail (p, p->tok.line, p->tok.column, p->tok.span, hint, _("expected %s, found %s"),
                     what, found);
}

static gboolean
is_ident (const Parser *p, const char *word)
{
  return p->tok.type == FSIM_TOK_IDENT && strcmp (p->tok.text, word) == 0;
}

static void
skip_newlines (Parser *p, gboolean *ok)
{
  while (*ok && p->tok.type == FSIM_TOK_NEWLINE)
    *ok = advance (p);
}

/* ------------------------------------------------------------------------ */
/* Arguments                                                                  */

static FsimArg *parse_arg (Parser *p);

static FsimArg *
arg_new (FsimArgKind kind, const FsimToken *at)
{
  FsimArg *a = g_new0 (FsimArg, 1);
  a->kind = kind;
  a->line = at->line;
  a->column = at->column;
  a->span = at->span;
  return a;
}

static void
arg_extend (FsimArg *a, const FsimToken *to)
{
  /* widen the caret to the end of `to` when both are on one line */
  if (to->line == a->line)
    a->span = MAX (a->span, to->column + to->span - a->column);
}

/* '(' [arg (',' arg)*] ')' with newlines allowed inside; the current token is
 * '(' on entry and the one after ')' on success. */
static GPtrArray *parse_args_nested (Parser *p, int *end_line, int *end_column);

static GPtrArray *
parse_args (Parser *p, int *end_line, int *end_column)
{
  if (p->depth == MAX_ARG_DEPTH)
    {
      parse_fail (p, p->tok.line, p->tok.column, p->tok.span,
                  _("arguments nest a few levels in real programs, as in "
                    "forBoundedOutOfOrderness(Duration.ofSeconds(2))"),
                  _("calls are nested more than %d deep"), MAX_ARG_DEPTH);
      return NULL;
    }
  p->depth++;
  GPtrArray *args = parse_args_nested (p, end_line, end_column);
  p->depth--;
  return args;
}

static GPtrArray *
parse_args_nested (Parser *p, int *end_line, int *end_column)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) fsim_arg_free);
  gboolean ok = advance (p);
  skip_newlines (p, &ok);
  if (!ok)
    return NULL;
  if (p->tok.type != FSIM_TOK_RPAREN)
    for (;;)
      {
        FsimArg *a = parse_arg (p);
        if (a == NULL)
          return NULL;
        g_ptr_array_add (args, a);
        skip_newlines (p, &ok);
        if (!ok)
          return NULL;
        if (p->tok.type == FSIM_TOK_RPAREN)
          break;
        if (p->tok.type != FSIM_TOK_COMMA)
          {
            expected (p, _("',' or ')'"), NULL);
            return NULL;
          }
        ok = advance (p);
        skip_newlines (p, &ok);
        if (!ok)
          return NULL;
      }
  *end_line = p->tok.line;
  *end_column = p->tok.column;
  if (!advance (p))
    return NULL;
  return g_steal_pointer (&args);
}

static FsimArg *
parse_number_arg (Parser *p, gboolean negative, const FsimToken *start)
{
  g_autoptr (GString) text = g_string_new (negative ? "-" : "");
  g_string_append (text, p->tok.text);
  FsimArg *a = arg_new (FSIM_ARG_NUMBER, start);
  arg_extend (a, &p->tok);
  a->number = g_ascii_strtod (text->str, NULL);
  a->integral = strchr (text->str, '.') == NULL;
  a->text = g_strdup (text->str);
  if (!advance (p))
    return (fsim_arg_free (a), NULL);
  if (p->tok.type == FSIM_TOK_IDENT)
    {
      /* "5 s", "64 kb": a quantity ("-15 min" only where Flink takes a
       * negative Duration: a window offset) */
      a->kind = FSIM_ARG_QUANTITY;
      a->unit = g_strdup (p->tok.text);
      arg_extend (a, &p->tok);
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
    }
  else if (!negative && p->tok.type == FSIM_TOK_SLASH)
    {
      /* "200/s": a rate */
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
      if (p->tok.type != FSIM_TOK_IDENT)
        {
          expected (p, _("a time unit after '/' (200/s, 5/ms, 1000/min)"), NULL);
          return (fsim_arg_free (a), NULL);
        }
      a->kind = FSIM_ARG_RATE;
      a->unit = g_strdup (p->tok.text);
      arg_extend (a, &p->tok);
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
    }
  return a;
}

/* NAME ('.' NAME)* ['(' args ')' ('.' NAME '(' args ')')*] */
static FsimArg *
parse_path_arg (Parser *p)
{
  FsimArg *a = arg_new (FSIM_ARG_NAME, &p->tok);
  g_autoptr (GString) path = g_string_new (p->tok.text);
  if (!advance (p))
    return (fsim_arg_free (a), NULL);
  while (p->tok.type == FSIM_TOK_DOT)
    {
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
      if (p->tok.type != FSIM_TOK_IDENT)
        {
          expected (p, _("a name after '.'"), NULL);
          return (fsim_arg_free (a), NULL);
        }
      g_string_append_printf (path, ".%s", p->tok.text);
      arg_extend (a, &p->tok);
      a->name_line = p->tok.line;
      a->name_column = p->tok.column;
      a->name_span = p->tok.span;
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
    }
  a->text = g_strdup (path->str);
  if (p->tok.type != FSIM_TOK_LPAREN)
    return a;
  a->kind = FSIM_ARG_CALL;
  int end_line, end_column;
  a->args = parse_args (p, &end_line, &end_column);
  if (a->args == NULL)
    return (fsim_arg_free (a), NULL);
  /* chained calls on the result: .withIdleness(1 min) */
  FsimArg **tail = &a->next;
  while (p->tok.type == FSIM_TOK_DOT)
    {
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
      if (p->tok.type != FSIM_TOK_IDENT)
        {
          expected (p, _("a method name after '.'"), NULL);
          return (fsim_arg_free (a), NULL);
        }
      FsimArg *n = arg_new (FSIM_ARG_CALL, &p->tok);
      n->text = g_strdup (p->tok.text);
      *tail = n;
      tail = &n->next;
      if (!advance (p))
        return (fsim_arg_free (a), NULL);
      if (p->tok.type != FSIM_TOK_LPAREN)
        {
          expected (p, _("'(' after a method name"), NULL);
          return (fsim_arg_free (a), NULL);
        }
      n->args = parse_args (p, &end_line, &end_column);
      if (n->args == NULL)
        return (fsim_arg_free (a), NULL);
    }
  return a;
}

static FsimArg *
parse_arg (Parser *p)
{
  switch (p->tok.type)
    {
    case FSIM_TOK_STRING:
      {
        FsimArg *a = arg_new (FSIM_ARG_STRING, &p->tok);
        a->text = g_strdup (p->tok.text);
        if (!advance (p))
          return (fsim_arg_free (a), NULL);
        return a;
      }
    case FSIM_TOK_NUMBER:
      {
        FsimToken start = p->tok;
        start.text = NULL;
        return parse_number_arg (p, FALSE, &start);
      }
    case FSIM_TOK_MINUS:
      {
        FsimToken start = p->tok;
        if (!advance (p))
          return NULL;
        if (p->tok.type != FSIM_TOK_NUMBER)
          {
            expected (p, _("a number after '-'"), NULL);
            return NULL;
          }
        return parse_number_arg (p, TRUE, &start);
      }
    case FSIM_TOK_IDENT:
      if (strcmp (p->tok.text, "true") == 0 || strcmp (p->tok.text, "false") == 0)
        {
          FsimArg *a = arg_new (FSIM_ARG_BOOL, &p->tok);
          a->text = g_strdup (p->tok.text);
          if (!advance (p))
            return (fsim_arg_free (a), NULL);
          return a;
        }
      if (strcmp (p->tok.text, "new") == 0)
        {
          parse_fail (p, p->tok.line, p->tok.column, p->tok.span,
                      _("name the function with a string instead: map(\"Tokenizer\")"),
                      _("a job file does not create objects with 'new'"));
          return NULL;
        }
      return parse_path_arg (p);
    default:
      expected (p, _("an argument (a string, number, duration, rate, true/false or a name)"), NULL);
      return NULL;
    }
}

/* ------------------------------------------------------------------------ */
/* Chains                                                                     */

static gboolean lookup_stream (gpointer data, const FsimArg *arg, FsimValue *out,
                               GError **error);

/* A stream expression as an argument: connect(b.broadcast()),
 * union(env.fromSource("B").map()). The call's path is "head.method". */
static gboolean
evaluate_stream_arg (Parser *p, const FsimArg *arg, FsimValue *out, GError **error)
{
  const char *dot = strchr (arg->text, '.');
  g_autofree char *head = g_strndup (arg->text, (gsize) (dot - arg->text));
  if (strchr (dot + 1, '.') != NULL)
    {
      GError **saved = p->error;
      p->error = error;
      parse_fail (p, arg->line, arg->column, arg->span, NULL,
                  _("expected a stream, found '%s(…)'"), arg->text);
      p->error = saved;
      return FALSE;
    }
  if (strcmp (head, "env") == 0)
    {
      memset (out, 0, sizeof *out);
      out->kind = FSIM_VALUE_ENV;
    }
  else
    {
      FsimArg name = { .kind = FSIM_ARG_NAME, .text = head, .line = arg->line,
                       .column = arg->column, .span = (int) g_utf8_strlen (head, -1) };
      if (!lookup_stream (p, &name, out, error))
        return FALSE;
    }
  FsimCall call = { .name = (char *) dot + 1, .args = arg->args, .line = arg->name_line,
                    .column = arg->name_column, .span = arg->name_span };
  for (const FsimArg *a = arg; a; a = a->next)
    {
      if (a != arg)
        call = (FsimCall) { .name = a->text, .args = a->args, .line = a->line,
                            .column = a->column, .span = a->span };
      FsimValue result;
      if (!fsim_api_call (p->api, out, &call, &result, error))
        return FALSE;
      *out = result;
    }
  return TRUE;
}

static gboolean
lookup_stream (gpointer data, const FsimArg *arg, FsimValue *out, GError **error)
{
  Parser *p = data;
  if (arg->kind == FSIM_ARG_CALL)
    return evaluate_stream_arg (p, arg, out, error);
  Variable *v = g_hash_table_lookup (p->vars, arg->text);
  if (v)
    {
      *out = v->value;
      return TRUE;
    }
  GError **saved = p->error;
  p->error = error;
  int later = GPOINTER_TO_INT (g_hash_table_lookup (p->later, arg->text));
  if (later > 0)
    parse_fail (p, arg->line, arg->column, arg->span,
                _("a stream is defined before it is used: move that statement up"),
                _("stream '%s' is used before it is defined (on line %d)"), arg->text, later);
  else
    {
      /* one- and two-letter names are all "near" each other: no guess */
      const char *near = NULL;
      g_ptr_array_add (p->var_names, NULL);
      if (strlen (arg->text) > 2)
        near = fsim_suggest (arg->text, (const char *const *) p->var_names->pdata);
      g_ptr_array_remove_index (p->var_names, p->var_names->len - 1);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      parse_fail (p, arg->line, arg->column, arg->span, hint, _("unknown stream '%s'"), arg->text);
    }
  p->error = saved;
  return FALSE;
}

/* A chain goes on with '.' on this line, or on a following one: then the
 * newlines (and comments) before that '.' are skipped. */
static gboolean
skip_continuation (Parser *p)
{
  gboolean ok = TRUE;
  if (p->tok.type == FSIM_TOK_NEWLINE && fsim_lexer_continues_chain (p->lexer))
    skip_newlines (p, &ok);
  return ok;
}

/* The chain's head has been consumed (head); the current token follows it. */
static gboolean
parse_chain (Parser *p, const FsimToken *head, FsimValue *value)
{
  memset (value, 0, sizeof *value);
  if (strcmp (head->text, "env") == 0)
    value->kind = FSIM_VALUE_ENV;
  else
    {
      FsimArg arg = { .kind = FSIM_ARG_NAME, .text = head->text, .line = head->line,
                      .column = head->column, .span = head->span };
      if (!lookup_stream (p, &arg, value, p->error))
        return FALSE;
    }
  if (!skip_continuation (p))
    return FALSE;
  if (p->tok.type != FSIM_TOK_DOT)
    return expected (p, _("'.' and a method call"), _("a statement calls methods: "
                       "counts.print(), or names a result: x = env.fromSequence(1, 10)"));
  for (;;)
    {
      if (!advance (p))
        return FALSE;
      if (p->tok.type != FSIM_TOK_IDENT)
        return expected (p, _("a method name after '.'"), NULL);
      FsimCall *call = g_new0 (FsimCall, 1);
      call->name = g_strdup (p->tok.text);
      call->line = p->tok.line;
      call->column = p->tok.column;
      call->span = p->tok.span;
      if (!advance (p))
        return (fsim_call_free (call), FALSE);
      if (p->tok.type != FSIM_TOK_LPAREN)
        {
          fsim_call_free (call);
          return expected (p, _("'(' after the method name"), _("every method is called: .rebalance()"));
        }
      call->args = parse_args (p, &call->end_line, &call->end_column);
      if (call->args == NULL)
        return (fsim_call_free (call), FALSE);
      FsimValue result;
      gboolean ok = fsim_api_call (p->api, value, call, &result, p->error);
      fsim_call_free (call);
      if (!ok)
        return FALSE;
      *value = result;
      if (!skip_continuation (p))
        return FALSE;
      if (p->tok.type != FSIM_TOK_DOT)
        return TRUE;
    }
}

/* ------------------------------------------------------------------------ */
/* Statements                                                                 */

static gboolean
end_of_statement (Parser *p)
{
  if (p->tok.type == FSIM_TOK_NEWLINE || p->tok.type == FSIM_TOK_SEMICOLON
      || p->tok.type == FSIM_TOK_EOF)
    return TRUE;
  return expected (p, _("the end of the statement"), _("one statement per line, or separate them with ';'"));
}

static gboolean
parse_job (Parser *p)
{
  FsimToken kw = p->tok;
  if (!advance (p))
    return FALSE;
  if (p->tok.type != FSIM_TOK_STRING)
    return expected (p, _("the job's name in double quotes"), _("job \"Socket Window WordCount\""));
  if (p->job_name)
    return parse_fail (p, kw.line, kw.column, kw.span, NULL,
                       _("the job is already named \"%s\" (on line %d)"), p->job_name, p->job_line);
  p->job_name = g_strdup (p->tok.text);
  p->job_line = kw.line;
  return advance (p);
}

static gboolean
parse_set (Parser *p)
{
  FsimToken kw = p->tok;
  if (p->program_started)
    return parse_fail (p, kw.line, kw.column, kw.span,
                       _("the configuration is read before the program runs; move 'set' lines "
                         "above the first stream statement (or use env.setParallelism … there)"),
                       _("'set' after the program has started (on line %d)"), p->program_line);
  g_auto (FsimToken) key = { 0 };
  g_auto (FsimToken) value = { 0 };
  if (!fsim_lexer_config_key (p->lexer, &key, p->error))
    return FALSE;
  if (!advance (p))
    return FALSE;
  if (p->tok.type != FSIM_TOK_EQUALS)
    return expected (p, _("'=' after the key"), _("set parallelism.default = 2"));
  if (!fsim_lexer_config_value (p->lexer, &value, p->error))
    return FALSE;
  if (fsim_config_option_lookup (key.text) == NULL)
    {
      const char *near = fsim_config_suggest_key (key.text);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      return parse_fail (p, key.line, key.column, key.span,
                         hint ? hint : _("flinksim knows Flink's keys listed in docs/job-language.md"),
                         _("unknown configuration key '%s'"), key.text);
    }
  if (value.text == NULL || *value.text == '\0')
    return parse_fail (p, value.line, value.column, 1, NULL, _("expected a value after '='"));
  g_autoptr (GError) local = NULL;
  if (!fsim_config_set (p->job->config, key.text, value.text, &local))
    return parse_fail (p, value.line, value.column, value.span,
                       fsim_config_value_hint (key.text, local->message), "%s",
                       local->message);
  FsimSourceSpan key_site = { key.line, key.column, key.span };
  fsim_config_set_site (p->job->config, key.text, &key_site);
  SetSite *site = g_new (SetSite, 1);
  *site = (SetSite) { value.line, value.column, value.span };
  g_hash_table_insert (p->set_at, g_strdup (fsim_config_option_lookup (key.text)->key), site);
  if (strcmp (fsim_config_option_lookup (key.text)->key, "parallelism.default") == 0)
    p->program->env_parallelism =
      (int) fsim_config_get_int (p->job->config, "parallelism.default");
  return advance (p);
}

/* A whole number up to max; a larger one is refused as written, never
 * clamped (issue 9: taskmanager 2147483648 was reported as 2147483647). */
static gboolean
parse_fault_number (Parser *p, const char *what, gint64 max, gint64 *out, PendingFault *pf)
{
  if (p->tok.type != FSIM_TOK_NUMBER || strchr (p->tok.text, '.') != NULL)
    return expected (p, what, NULL);
  guint64 v;
  if (!g_ascii_string_to_unsigned (p->tok.text, 10, 0, (guint64) max, &v, NULL))
    return parse_fail (p, p->tok.line, p->tok.column, p->tok.span, NULL,
                       "%s is out of range: expected %s, at most %" G_GINT64_FORMAT,
                       p->tok.text, what, max);
  *out = (gint64) v;
  pf->number_line = p->tok.line;
  pf->number_column = p->tok.column;
  pf->number_span = p->tok.span;
  return advance (p);
}

static gboolean
parse_fault (Parser *p)
{
  FsimToken kw = p->tok;
  if (!advance (p))
    return FALSE;
  if (p->tok.type != FSIM_TOK_NUMBER)
    return expected (p, _("the fault's time, like 12 s"), _("at 12 s fail \"Flat Map\" subtask 1"));
  g_autofree char *number = g_strdup (p->tok.text);
  FsimToken num = p->tok;
  num.text = NULL;
  if (!advance (p))
    return FALSE;
  static const char *const kinds[] = { "fail", "kill", "decline", "savepoint", "stop", NULL };
  if (p->tok.type != FSIM_TOK_IDENT || g_strv_contains (kinds, p->tok.text))
    return parse_fail (p, num.line, num.column, num.span, NULL,
                       _("a fault's time needs a unit, like %s s"), number);
  g_autoptr (GError) local = NULL;
  gint64 at_us;
  if (!fsim_duration_from_parts (number, p->tok.text, &at_us, &local))
    return parse_fail (p, num.line, num.column, p->tok.column + p->tok.span - num.column, NULL,
                       "%s", local->message);
  if (!advance (p))
    return FALSE;
  if (p->tok.type != FSIM_TOK_IDENT || !g_strv_contains (kinds, p->tok.text))
    {
      const char *near = p->tok.type == FSIM_TOK_IDENT ? fsim_suggest (p->tok.text, kinds) : NULL;
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean '%s'?"), near) : NULL;
      return expected (p, _("a fault or an action: fail, kill, decline, savepoint or stop"),
                       hint ? hint : _("at 12 s fail \"Map\" | kill taskmanager 2 | "
                         "decline checkpoint 3 | savepoint | stop --drain"));
    }
  PendingFault *pf = g_new0 (PendingFault, 1);
  FsimFault *f = g_new0 (FsimFault, 1);
  pf->fault = f;
  g_ptr_array_add (p->faults, pf);
  f->at_us = at_us;
  f->line = kw.line;
  f->column = kw.column;
  f->subtask = -1;
  f->stream_node_id = -1;
  g_autofree char *what = g_strdup (p->tok.text);
  if (!advance (p))
    return FALSE;
  if (strcmp (what, "fail") == 0)
    {
      f->kind = FSIM_FAULT_FAIL_TASK;
      if (p->tok.type != FSIM_TOK_STRING)
        return expected (p, _("the operator's name in double quotes"), _("fail \"Flat Map\""));
      f->operator_name = g_strdup (p->tok.text);
      pf->name_line = p->tok.line;
      pf->name_column = p->tok.column;
      pf->name_span = p->tok.span;
      if (!advance (p))
        return FALSE;
      if (is_ident (p, "subtask"))
        {
          gint64 n;
          if (!advance (p) || !parse_fault_number (p, _("a subtask index (0, 1, …)"), G_MAXINT32, &n,
                                                  pf))
            return FALSE;
          f->subtask = (int) n;
        }
      return TRUE;
    }
  if (strcmp (what, "kill") == 0)
    {
      f->kind = FSIM_FAULT_KILL_TASKMANAGER;
      if (!is_ident (p, "taskmanager"))
        return expected (p, "'taskmanager'", _("kill taskmanager 2"));
      gint64 n;
      if (!advance (p) || !parse_fault_number (p, _("a TaskManager number (1, 2, …)"), G_MAXINT32,
                                                &n, pf))
        return FALSE;
      f->taskmanager = (int) n;
      return TRUE;
    }
  if (strcmp (what, "savepoint") == 0)
    {
      /* `flink savepoint JOB_ID`: nothing follows */
      f->kind = FSIM_FAULT_SAVEPOINT;
      return TRUE;
    }
  if (strcmp (what, "stop") == 0)
    {
      /* `flink stop [--drain] JOB_ID`: stop-with-savepoint */
      f->kind = FSIM_FAULT_STOP_WITH_SAVEPOINT;
      if (is_ident (p, "drain"))
        return expected (p, "'--drain'", _("stop --drain"));   /* the CLI's option */
      if (p->tok.type != FSIM_TOK_MINUS)
        return TRUE;
      if (!advance (p))
        return FALSE;
      if (p->tok.type != FSIM_TOK_MINUS)
        return expected (p, "'--drain'", _("stop --drain"));
      if (!advance (p))
        return FALSE;
      if (!is_ident (p, "drain"))
        return expected (p, "'--drain'", _("stop --drain"));
      f->drain = TRUE;
      return advance (p);
    }
  f->kind = FSIM_FAULT_DECLINE_CHECKPOINT;
  if (!is_ident (p, "checkpoint"))
    return expected (p, "'checkpoint'", _("decline checkpoint 3"));
  if (!advance (p) || !parse_fault_number (p, _("a checkpoint id (1, 2, …)"), G_MAXINT64,
                                            &f->checkpoint_id, pf))
    return FALSE;
  return TRUE;
}

static gboolean
parse_stream_statement (Parser *p)
{
  FsimToken head = p->tok;
  p->tok.text = NULL;           /* head owns the text now */
  g_autofree char *head_text = head.text;
  if (!p->program_started)
    {
      p->program_started = TRUE;
      p->program_line = head.line;
    }
  if (!advance (p))
    return FALSE;
  static const char *const keywords[] = { "job", "set", "at", NULL };
  const char *keyword = fsim_suggest (head.text, keywords);
  if (p->tok.type != FSIM_TOK_EQUALS && p->tok.type != FSIM_TOK_DOT && keyword
      && !g_hash_table_contains (p->vars, head.text))
    {
      g_autofree char *hint = g_strdup_printf (_("did you mean '%s'?"), keyword);
      return parse_fail (p, head.line, head.column, head.span, hint,
                         _("expected a statement, found '%s'"), head.text);
    }
  FsimValue value;
  if (p->tok.type == FSIM_TOK_EQUALS)
    {
      static const char *const reserved[] = { "env", "job", "set", "at", "true", "false", NULL };
      if (g_strv_contains (reserved, head.text))
        return parse_fail (p, head.line, head.column, head.span, NULL,
                           _("'%s' is a reserved word; name the stream differently"), head.text);
      if (!advance (p))
        return FALSE;
      if (p->tok.type != FSIM_TOK_IDENT)
        return expected (p, _("a stream expression"), _("x = env.fromSequence(1, 100)"));
      FsimToken chain_head = p->tok;
      p->tok.text = NULL;
      g_autofree char *chain_text = chain_head.text;
      if (!advance (p) || !parse_chain (p, &chain_head, &value))
        return FALSE;
      Variable *v = g_new0 (Variable, 1);
      v->value = value;
      v->line = head.line;
      if (!g_hash_table_contains (p->vars, head.text))
        g_ptr_array_add (p->var_names, g_strdup (head.text));
      g_hash_table_insert (p->vars, g_strdup (head.text), v);
      return TRUE;
    }
  return parse_chain (p, &head, &value);
}

static gboolean
parse_statement (Parser *p)
{
  if (p->tok.type != FSIM_TOK_IDENT)
    return expected (p, _("a statement (job, set, at, or a stream)"), NULL);
  gboolean ok;
  if (is_ident (p, "job"))
    ok = parse_job (p);
  else if (is_ident (p, "set"))
    ok = parse_set (p);
  else if (is_ident (p, "at"))
    ok = parse_fault (p);
  else
    ok = parse_stream_statement (p);
  return ok && end_of_statement (p);
}

/* Names that a later line defines ("NAME ="), so that a use before the
 * definition says so rather than "unknown". */
static void
scan_definitions (Parser *p)
{
  /* line by line in place (g_strsplit's strstr is quadratic under the
   * sanitizers, which check the rest of the text on every call) */
  int line = 1;
  for (const char *s = p->text; *s; line++)
    {
      while (*s == ' ' || *s == '\t')
        s++;
      const char *start = s;
      while (g_ascii_isalnum (*s) || *s == '_' || *s == '$')
        s++;
      if (s != start && !g_ascii_isdigit (*start))
        {
          g_autofree char *name = g_strndup (start, (gsize) (s - start));
          while (*s == ' ' || *s == '\t')
            s++;
          if (s[0] == '=' && s[1] != '=' && !g_hash_table_contains (p->later, name))
            g_hash_table_insert (p->later, g_steal_pointer (&name), GINT_TO_POINTER (line));
        }
      while (*s && *s != '\n')
        s++;
      if (*s == '\n')
        s++;
    }
}

/* ------------------------------------------------------------------------ */
/* After the program                                                          */

/* Adds t and everything it reads from to used, each once: unions of unions
 * share inputs, and walking every path would be exponential. */
static void
mark_used (const FsimTransformation *t, GHashTable *used)
{
  if (!g_hash_table_add (used, (gpointer) t))
    return;
  for (guint i = 0; i < t->inputs->len; i++)
    mark_used (g_ptr_array_index (t->inputs, i), used);
}

/* The position just after the last character that is not blank. */
static void
end_of_text (const char *text, int *line, int *column)
{
  int l = 1, c = 1;
  for (const char *t = text; *t; t = g_utf8_next_char (t))
    {
      if (*t == '\n')
        {
          l++;
          c = 1;
          continue;
        }
      c++;
      if (!g_ascii_isspace (*t))
        {
          *line = l;
          *column = c;
        }
    }
}

static gboolean
check_program (Parser *p)
{
  GPtrArray *reg = p->program->registered;
  if (reg->len == 0)
    {
      /* at the end of the text, where a stream statement is missing */
      int line = 1, column = 1;
      end_of_text (p->text, &line, &column);
      return parse_fail (p, line, column, 1, _("a job reads a source and writes to a sink: "
                           "env.fromSequence(1, 100).print()"),
                         _("No operators defined in streaming topology. Cannot execute."));
    }
  gboolean has_sink = FALSE;
  for (guint i = 0; i < reg->len; i++)
    {
      FsimTransformation *t = g_ptr_array_index (reg, i);
      has_sink |= t->kind == FSIM_T_LEGACY_SINK || t->kind == FSIM_T_SINK;
    }
  if (!has_sink)
    {
      FsimTransformation *last = g_ptr_array_index (reg, reg->len - 1);
      return parse_fail (p, last->line, last->column, last->span,
                         _("end a stream with print(), sinkTo(…), addSink(…) or writeAsText(…)"),
                         _("the job has no sink: its results are never written anywhere"));
    }
  /* a bounded source the simulator cannot size */
  g_autoptr (GHashTable) used = g_hash_table_new (NULL, NULL);
  for (guint r = 0; r < reg->len; r++)
    mark_used (g_ptr_array_index (reg, r), used);
  for (guint i = 0; i < p->program->all->len; i++)
    {
      FsimTransformation *t = g_ptr_array_index (p->program->all, i);
      if ((t->kind != FSIM_T_SOURCE && t->kind != FSIM_T_LEGACY_SOURCE) || !t->bounded
          || t->knobs.records > 0 || t->total_records > 0)
        continue;
      if (g_hash_table_contains (used, t))
        return parse_fail (p, t->line, t->column, t->span,
                           _("add .records(n): how many records each subtask reads"),
                           _("'Source: %s' is bounded, but the simulator cannot know its size"),
                           t->name);
    }
  return TRUE;
}

static int
compare_faults (gconstpointer a, gconstpointer b)
{
  const FsimFault *x = *(FsimFault *const *) a, *y = *(FsimFault *const *) b;
  if (x->at_us != y->at_us)
    return x->at_us < y->at_us ? -1 : 1;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return (x->column > y->column) - (x->column < y->column);
}

static gboolean
resolve_fault (Parser *p, PendingFault *pf, FsimStreamGraph *graph)
{
  FsimFault *f = pf->fault;
  if (f->kind == FSIM_FAULT_KILL_TASKMANAGER)
    {
      gint64 tms = fsim_config_get_int (p->job->config, "sim.taskmanagers");
      if (f->taskmanager < 1 || f->taskmanager > tms)
        return parse_fail (p, pf->number_line, pf->number_column, pf->number_span,
                           _("TaskManagers are numbered from 1 to sim.taskmanagers"),
                           _("there is no taskmanager %d: the cluster has %" PRId64
                             " (sim.taskmanagers)"), f->taskmanager, tms);
      return TRUE;
    }
  if (f->kind == FSIM_FAULT_SAVEPOINT || f->kind == FSIM_FAULT_STOP_WITH_SAVEPOINT)
    return TRUE;
  if (f->kind == FSIM_FAULT_DECLINE_CHECKPOINT)
    {
      if (f->checkpoint_id < 1)
        return parse_fail (p, pf->number_line, pf->number_column, pf->number_span, NULL,
                           _("checkpoint ids start at 1"));
      return TRUE;
    }
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);
  g_autoptr (GPtrArray) matches = g_ptr_array_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < nodes->len; i++)
    {
      FsimStreamNode *n = g_ptr_array_index (nodes, i);
      if (strcmp (n->name, f->operator_name) == 0)
        g_ptr_array_add (matches, n);
      g_ptr_array_add (names, n->name);
    }
  g_ptr_array_add (names, NULL);
  if (matches->len == 0)
    {
      const char *near = fsim_suggest (f->operator_name, (const char *const *) names->pdata);
      g_autofree char *hint = near ? g_strdup_printf (_("did you mean \"%s\"?"), near) : NULL;
      if (hint == NULL)
        {
          /* the names to choose from, in StreamGraph order, the first ten */
          GString *list = g_string_new (NULL);
          for (guint i = 0; i < nodes->len && i < 10; i++)
            g_string_append_printf (list, "%s\"%s\"", i ? ", " : "",
                                    ((FsimStreamNode *) g_ptr_array_index (nodes, i))->name);
          if (nodes->len > 10)
            g_string_append (list, ", \u2026");
          g_autofree char *names_text = g_string_free (list, FALSE);
          hint = g_strdup_printf (_("faults name an operator as Flink names it (or a .name() "
                                    "you gave); this job's are %s"), names_text);
        }
      return parse_fail (p, pf->name_line, pf->name_column, pf->name_span, hint,
                         _("no operator is named \"%s\""), f->operator_name);
    }
  if (matches->len > 1)
    {
      GString *ids = g_string_new (NULL);
      for (guint i = 0; i < matches->len; i++)
        g_string_append_printf (ids, "%s%d", i ? ", " : "",
                                ((FsimStreamNode *) g_ptr_array_index (matches, i))->id);
      gboolean r = parse_fail (p, pf->name_line, pf->name_column, pf->name_span,
                               _("give the operator a unique name with .name(\"…\")"),
                               _("%u operators are named \"%s\" (ids %s)"), matches->len,
                               f->operator_name, ids->str);
      g_string_free (ids, TRUE);
      return r;
    }
  FsimStreamNode *node = g_ptr_array_index (matches, 0);
  f->stream_node_id = node->id;
  if (f->subtask >= node->parallelism)
    return parse_fail (p, pf->number_line, pf->number_column, pf->number_span,
                       _("subtasks are numbered from 0, as Flink's subtask index: "
                         "\"Map (2/2)\" is subtask 1"),
                       _("\"%s\" has no subtask %d: its parallelism is %d"), node->name,
                       f->subtask, node->parallelism);
  return TRUE;
}

/* Rules between configuration keys that Flink checks when the cluster
 * starts; the error points at the `set` that broke it. */
/* Where the job set key, else other: one of them is set whenever two keys
 * disagree, since their defaults agree (asserted). */
static const SetSite *
site_of (Parser *p, const char *key, const char *other)
{
  const SetSite *site = g_hash_table_lookup (p->set_at, key);
  if (site == NULL)
    site = g_hash_table_lookup (p->set_at, other);
  g_assert (site != NULL);
  return site;
}

static gboolean
check_config (Parser *p)
{
  /* HeartbeatServicesImpl: "The heartbeat timeout should be larger or equal
   * than the heartbeat interval." */
  gint64 interval = fsim_config_get_duration (p->job->config, "heartbeat.interval");
  gint64 timeout = fsim_config_get_duration (p->job->config, "heartbeat.timeout");
  if (timeout < interval)
    {
      /* the defaults (10 s, 50 s) agree */
      const SetSite *site = site_of (p, "heartbeat.timeout", "heartbeat.interval");
      g_autofree char *i = fsim_duration_format (interval);
      g_autofree char *t = fsim_duration_format (timeout);
      return parse_fail (p, site->line, site->column, site->span,
                         _("a TaskManager is declared lost only after heartbeat.timeout "
                           "without an answer to the heartbeats sent every heartbeat.interval"),
                         _("The heartbeat timeout should be larger or equal than the heartbeat "
                           "interval. (heartbeat.timeout %s, heartbeat.interval %s)"), t, i);
    }
  /* A heartbeat is a request and an answer, two sim.rpc-latency hops; a
   * heartbeat.timeout no longer than that loses every TaskManager at its
   * first heartbeat, so no job could ever run (Flink has no such check: its
   * RPCs take microseconds; this latency is the simulator's). */
  gint64 rpc = fsim_config_get_duration (p->job->config, "sim.rpc-latency");
  if (rpc > 0 && timeout / 2 <= rpc)
    {
      /* the defaults (50 s, 1 ms) agree */
      const SetSite *site = site_of (p, "heartbeat.timeout", "sim.rpc-latency");
      g_autofree char *r = fsim_duration_format (rpc);
      g_autofree char *t = fsim_duration_format (timeout);
      return parse_fail (p, site->line, site->column, site->span,
                         _("raise heartbeat.timeout above twice sim.rpc-latency, or lower "
                           "sim.rpc-latency"),
                         _("heartbeat.timeout %s is not longer than a heartbeat's round trip "
                           "(2 x sim.rpc-latency %s): every TaskManager would be lost at its "
                           "first heartbeat"), t, r);
    }
  /* ExponentialDelayRestartBackoffTimeStrategy's constructor: initial <=
   * max backoff (the other checks are the keys' own ranges) */
  const char *strategy = fsim_config_get_string (p->job->config, "restart-strategy.type");
  if (strategy && strcmp (strategy, "exponential-delay") == 0)
    {
      const char *init = "restart-strategy.exponential-delay.initial-backoff";
      const char *max = "restart-strategy.exponential-delay.max-backoff";
      if (fsim_config_get_duration (p->job->config, init)
          > fsim_config_get_duration (p->job->config, max))
        {
          const SetSite *site = site_of (p, init, max);
          return parse_fail (p, site->line, site->column, site->span,
                             _("raise restart-strategy.exponential-delay.max-backoff or lower "
                               "the initial backoff"),
                             _("Initial backoff cannot be higher than maximum backoff."));
        }
    }
  /* TASKS balances tasks with TaskBalancedPreferredSlotSharingStrategy,
   * which flinksim does not simulate: refused rather than run as NONE */
  const char *mode = fsim_config_get_string (p->job->config, "taskmanager.load-balance.mode");
  if (g_ascii_strcasecmp (mode, "TASKS") == 0)
    {
      SetSite *site = g_hash_table_lookup (p->set_at, "taskmanager.load-balance.mode");
      g_assert (site != NULL);  /* the default is NONE */
      return parse_fail (p, site->line, site->column, site->span,
                         _("NONE (fill TaskManagers in turn), SLOTS (spread slots) and "
                           "MIN_RESOURCES are simulated"),
                         _("taskmanager.load-balance.mode TASKS (TaskBalancedPreferredSlot"
                           "SharingStrategy) is not simulated"));
    }
  return TRUE;
}

/* sim.max-subtasks, before a JobGraph or ExecutionGraph is built: memory
 * grows with the subtasks (issue 9: 6.6 M of them took 6 GB and crashed).
 * The error points at the `set sim.max-subtasks`, else at the operator with
 * the highest parallelism. */
static gboolean
check_subtasks (Parser *p, FsimStreamGraph *graph)
{
  gint64 max = fsim_config_get_int (p->job->config, "sim.max-subtasks");
  guint w;
  gint64 n = fsim_stream_graph_count_subtasks (graph, &w);
  if (n <= max)
    return TRUE;
  GPtrArray *nodes = fsim_stream_graph_get_nodes (graph);
  const FsimStreamNode *widest = g_ptr_array_index (nodes, w);
  SetSite *site = g_hash_table_lookup (p->set_at, "sim.max-subtasks");
  int line = site ? site->line : MAX (widest->line, 1);
  int column = site ? site->column : MAX (widest->column, 1);
  int span = site ? site->span : 1;
  g_autofree char *hint = g_strdup_printf (_("set sim.max-subtasks = %" PRId64 " to "
                                             "simulate it (each subtask takes memory and trace "
                                             "records), or lower the parallelism"), n);
  return parse_fail (p, line, column, span, hint,
                     _("the job has %" PRId64 " operator subtasks (%u operators, \"%s\" "
                       "at parallelism %d), more than sim.max-subtasks = %" PRId64),
                     n, nodes->len, widest->name, widest->parallelism, max);
}

/* CheckpointCoordinatorConfiguration's constructor, built for every
 * streaming JobGraph (StreamGraph.getJobCheckpointingSettings) after
 * StreamingJobGraphGenerator.preValidate switched unaligned checkpoints off
 * for any mode but EXACTLY_ONCE (checkpointing off counts as AT_LEAST_ONCE):
 * checkArgument (!isUnalignedCheckpointsEnabled || maxConcurrentCheckpoints
 * <= 1). A batch job has checkpointing off (StreamGraphGenerator). */
static gboolean
check_checkpointing (Parser *p, const FsimStreamGraph *graph)
{
  const FsimConfig *config = p->job->config;
  if (fsim_stream_graph_get_batch (graph)
      || !fsim_config_is_set (config, "execution.checkpointing.interval")
      || g_strcmp0 (fsim_config_get_string (config, "execution.checkpointing.mode"),
                    "EXACTLY_ONCE") != 0
      || !fsim_config_get_bool (config, "execution.checkpointing.unaligned.enabled")
      || fsim_config_get_int (config, "execution.checkpointing.max-concurrent-checkpoints") <= 1)
    return TRUE;
  /* both differ from their defaults (false, 1), so a `set` wrote each */
  const SetSite *site = site_of (p, "execution.checkpointing.max-concurrent-checkpoints",
                                 "execution.checkpointing.unaligned.enabled");
  return parse_fail (p, site->line, site->column, site->span,
                     _("unaligned checkpoints take one checkpoint at a time: set "
                       "execution.checkpointing.max-concurrent-checkpoints = 1, or turn "
                       "execution.checkpointing.unaligned.enabled off"),
                     _("maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled"));
}

static gboolean
finish (Parser *p)
{
  if (!check_config (p) || !check_program (p))
    return FALSE;
  FsimStreamGraph *graph = fsim_stream_graph_generate (p->program, p->job->config, p->job_name,
                                                       p->filename, p->text, p->error);
  if (graph == NULL)
    return FALSE;
  p->job->stream_graph = graph;
  if (!check_subtasks (p, graph) || !check_checkpointing (p, graph))
    return FALSE;
  g_free (p->job->name);
  p->job->name = g_strdup (fsim_stream_graph_get_job_name (graph));
  for (guint i = 0; i < p->faults->len; i++)
    if (!resolve_fault (p, g_ptr_array_index (p->faults, i), graph))
      return FALSE;
  for (guint i = 0; i < p->faults->len; i++)
    {
      PendingFault *pf = g_ptr_array_index (p->faults, i);
      g_ptr_array_add (p->job->faults, g_steal_pointer (&pf->fault));
    }
  g_ptr_array_sort (p->job->faults, compare_faults);
  return TRUE;
}

static void
pending_fault_free (PendingFault *pf)
{
  if (pf->fault)
    fsim_fault_free (pf->fault);
  g_free (pf);
}

FsimJob *
fsim_job_parse (const char *text, const char *filename, GError **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_autoptr (FsimJob) job = fsim_job_new (filename ? filename : "<job>");
  text = fsim_text_skip_bom (text);
  if (!fsim_text_check (text, -1, job->filename, error)
      || !fsim_text_check_line_ends (text, job->filename, error))
    return NULL;
  job->source = g_strdup (text);
  Parser p = {
    .filename = job->filename,
    .text = text,
    .error = error,
    .job = job,
  };
  p.lexer = fsim_lexer_new (text, p.filename);
  p.program = fsim_program_new ((int) fsim_config_get_int (job->config, "parallelism.default"));
  p.api = fsim_api_new (p.filename, text, p.program, job->config);
  fsim_api_set_name_lookup (p.api, lookup_stream, &p);
  p.vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p.var_names = g_ptr_array_new_with_free_func (g_free);
  p.later = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.faults = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_fault_free);
  p.set_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan_definitions (&p);

  gboolean ok = advance (&p);
  while (ok)
    {
      while (ok && (p.tok.type == FSIM_TOK_NEWLINE || p.tok.type == FSIM_TOK_SEMICOLON))
        ok = advance (&p);
      if (!ok || p.tok.type == FSIM_TOK_EOF)
        break;
      ok = parse_statement (&p);
    }
  ok = ok && finish (&p);

  fsim_token_clear (&p.tok);
  fsim_lexer_free (p.lexer);
  fsim_api_free (p.api);
  fsim_program_free (p.program);
  g_hash_table_unref (p.vars);
  g_ptr_array_unref (p.var_names);
  g_hash_table_unref (p.later);
  g_ptr_array_unref (p.faults);
  g_hash_table_unref (p.set_at);
  g_free (p.job_name);
  return ok ? g_steal_pointer (&job) : NULL;
}

FsimArg *
fsim_parse_expression (const char *text, GError **error)
{
  if (!fsim_text_check (text, -1, NULL, error))
    return NULL;
  Parser p = { .text = text, .error = error };
  p.lexer = fsim_lexer_new (text, NULL);
  FsimArg *a = NULL;
  if (advance (&p))
    {
      a = parse_arg (&p);
      if (a && p.tok.type != FSIM_TOK_EOF && p.tok.type != FSIM_TOK_NEWLINE)
        {
          expected (&p, _("the end of the expression"), NULL);
          g_clear_pointer (&a, fsim_arg_free);
        }
    }
  fsim_token_clear (&p.tok);
  fsim_lexer_free (p.lexer);
  return a;
}
