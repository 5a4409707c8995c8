/* lexer.c - the job language's tokens, each with its line and column.
 *
 * Columns count characters (UTF-8 code points), so the caret of a
 * diagnostic lands under the right character; a tab counts as one, as the
 * diagnostic prints it as one space. Newlines are tokens because they end
 * statements; the parser asks fsim_lexer_continues_chain whether a chain
 * goes on with a leading '.' on the next line. `set` lines are read raw: a
 * Flink key has dashes ("restart-strategy.fixed-delay.delay") and a value is
 * whatever follows '=' up to the end of the line, as in Flink's YAML. */
#include "config.h"

#include <string.h>

#include "graphs/language.h"

struct _FsimLexer {
  const char *text;
  const char *filename;
  gsize pos;
  int line, column;
};

FsimLexer *
fsim_lexer_new (const char *text, const char *filename)
{
  FsimLexer *lexer = g_new0 (FsimLexer, 1);
  lexer->text = text;
  lexer->filename = filename;
  lexer->line = 1;
  lexer->column = 1;
  return lexer;
}

void
fsim_lexer_free (FsimLexer *lexer)
{
  g_free (lexer);
}

void
fsim_token_clear (FsimToken *token)
{
  g_clear_pointer (&token->text, g_free);
  memset (token, 0, sizeof *token);
}

const char *
fsim_token_describe (FsimTokenType type)
{
  switch (type)
    {
    case FSIM_TOK_EOF: return _("end of file");
    case FSIM_TOK_NEWLINE: return _("end of line");
    case FSIM_TOK_IDENT: return _("a name");
    case FSIM_TOK_NUMBER: return _("a number");
    case FSIM_TOK_STRING: return _("a string");
    case FSIM_TOK_DOT: return "'.'";
    case FSIM_TOK_LPAREN: return "'('";
    case FSIM_TOK_RPAREN: return "')'";
    case FSIM_TOK_COMMA: return "','";
    case FSIM_TOK_EQUALS: return "'='";
    case FSIM_TOK_SEMICOLON: return "';'";
    case FSIM_TOK_SLASH: return "'/'";
    case FSIM_TOK_MINUS: return "'-'";
    case FSIM_TOK_RAW: return _("text");
    }
  g_assert_not_reached ();
}

static char
peek (const FsimLexer *lexer, gsize ahead)
{
  gsize i = lexer->pos;
  for (gsize k = 0; k < ahead; k++)
    {
      if (lexer->text[i] == '\0')
        return '\0';
      i++;
    }
  return lexer->text[i];
}

/* Moves one byte; columns advance on the first byte of a character only. */
static void
advance (FsimLexer *lexer)
{
  unsigned char c = (unsigned char) lexer->text[lexer->pos];
  if (c == '\0')
    return;
  lexer->pos++;
  if (c == '\n')
    {
      lexer->line++;
      lexer->column = 1;
    }
  else if ((c & 0xC0) != 0x80)
    lexer->column++;
}

static void
skip_comment (FsimLexer *lexer)
{
  while (peek (lexer, 0) != '\n' && peek (lexer, 0) != '\0')
    advance (lexer);
}

static gboolean
at_comment (const FsimLexer *lexer)
{
  return peek (lexer, 0) == '#' || (peek (lexer, 0) == '/' && peek (lexer, 1) == '/');
}

static void
skip_blanks (FsimLexer *lexer)
{
  for (;;)
    {
      char c = peek (lexer, 0);
      if (c == ' ' || c == '\t' || c == '\r')
        advance (lexer);
      else if (at_comment (lexer))
        skip_comment (lexer);
      else
        return;
    }
}

static gboolean
is_ident_start (unsigned char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == '$' || c >= 0x80;
}

static gboolean
is_ident_char (unsigned char c)
{
  return is_ident_start (c) || g_ascii_isdigit (c);
}

static void
begin (const FsimLexer *lexer, FsimToken *out, FsimTokenType type)
{
  out->type = type;
  out->line = lexer->line;
  out->column = lexer->column;
  out->span = 1;
}

static void
finish (const FsimLexer *lexer, FsimToken *out, gsize start)
{
  out->span = MAX (1, lexer->column - out->column);
  if (out->type != FSIM_TOK_STRING && out->text == NULL
      && (out->type == FSIM_TOK_IDENT || out->type == FSIM_TOK_NUMBER
          || out->type == FSIM_TOK_RAW))
    out->text = g_strndup (lexer->text + start, lexer->pos - start);
}

static gboolean
lex_string (FsimLexer *lexer, FsimToken *out, GError **error)
{
  begin (lexer, out, FSIM_TOK_STRING);
  advance (lexer);              /* the opening quote */
  GString *s = g_string_new (NULL);
  for (;;)
    {
      char c = peek (lexer, 0);
      if (c == '\0' || c == '\n')
        {
          g_string_free (s, TRUE);
          fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, lexer->filename, lexer->text,
                           out->line, out->column, 1,
                           _("close the string with '\"' on the same line"),
                           _("unterminated string"));
          return FALSE;
        }
      if (c == '"')
        {
          advance (lexer);
          break;
        }
      if (c == '\\')
        {
          int line = lexer->line, column = lexer->column;
          advance (lexer);
          char e = peek (lexer, 0);
          switch (e)
            {
            case '"': g_string_append_c (s, '"'); break;
            case '\\': g_string_append_c (s, '\\'); break;
            case 'n': g_string_append_c (s, '\n'); break;
            case 't': g_string_append_c (s, '\t'); break;
            default:
              g_string_free (s, TRUE);
              fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, lexer->filename, lexer->text,
                               line, column, 2,
                               _("the escapes are \\\" \\\\ \\n and \\t"),
                               _("unknown escape sequence in a string"));
              return FALSE;
            }
          advance (lexer);
          continue;
        }
      g_string_append_c (s, c);
      advance (lexer);
    }
  out->text = g_string_free (s, FALSE);
  out->span = MAX (1, lexer->column - out->column);
  return TRUE;
}

static void
lex_number (FsimLexer *lexer, FsimToken *out)
{
  gsize start = lexer->pos;
  begin (lexer, out, FSIM_TOK_NUMBER);
  while (g_ascii_isdigit (peek (lexer, 0)))
    advance (lexer);
  /* a fraction only when a digit follows the dot: "1.5", never "3.print" */
  if (peek (lexer, 0) == '.' && g_ascii_isdigit (peek (lexer, 1)))
    {
      advance (lexer);
      while (g_ascii_isdigit (peek (lexer, 0)))
        advance (lexer);
    }
  finish (lexer, out, start);
}

gboolean
fsim_lexer_next (FsimLexer *lexer, FsimToken *out, GError **error)
{
  fsim_token_clear (out);
  skip_blanks (lexer);
  unsigned char c = (unsigned char) peek (lexer, 0);
  gsize start = lexer->pos;
  if (c == '\0')
    {
      begin (lexer, out, FSIM_TOK_EOF);
      return TRUE;
    }
  if (c == '"')
    return lex_string (lexer, out, error);
  if (g_ascii_isdigit (c))
    {
      lex_number (lexer, out);
      return TRUE;
    }
  if (is_ident_start (c))
    {
      begin (lexer, out, FSIM_TOK_IDENT);
      while (is_ident_char ((unsigned char) peek (lexer, 0)))
        advance (lexer);
      finish (lexer, out, start);
      return TRUE;
    }
  static const struct {
    char c;
    FsimTokenType type;
  } punct[] = {
    { '\n', FSIM_TOK_NEWLINE }, { '.', FSIM_TOK_DOT }, { '(', FSIM_TOK_LPAREN },
    { ')', FSIM_TOK_RPAREN }, { ',', FSIM_TOK_COMMA }, { '=', FSIM_TOK_EQUALS },
    { ';', FSIM_TOK_SEMICOLON }, { '/', FSIM_TOK_SLASH }, { '-', FSIM_TOK_MINUS },
  };
  for (guint i = 0; i < G_N_ELEMENTS (punct); i++)
    if (punct[i].c == (char) c)
      {
        begin (lexer, out, punct[i].type);
        advance (lexer);
        return TRUE;
      }
  const char *hint = NULL;
  if (c == '\'')
    hint = _("strings are written in double quotes: \"…\"");
  else if (c == '{' || c == '}' || c == '[' || c == ']')
    hint = _("a job file has no blocks or arrays: one statement per line");
  /* show the whole (possibly multi-byte) character */
  int len = g_utf8_skip[c];
  g_autofree char *shown = g_strndup (lexer->text + lexer->pos, (gsize) len);
  fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, lexer->filename, lexer->text,
                   lexer->line, lexer->column, 1, hint, _("unexpected character '%s'"), shown);
  return FALSE;
}

gboolean
fsim_lexer_config_key (FsimLexer *lexer, FsimToken *out, GError **error)
{
  fsim_token_clear (out);
  skip_blanks (lexer);
  gsize start = lexer->pos;
  begin (lexer, out, FSIM_TOK_RAW);
  for (;;)
    {
      char c = peek (lexer, 0);
      if (g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_')
        advance (lexer);
      else
        break;
    }
  if (lexer->pos == start)
    {
      fsim_diagnostic (error, FSIM_GRAPHS_ERROR_PARSE, lexer->filename, lexer->text,
                       lexer->line, lexer->column, 1,
                       _("for example: set parallelism.default = 2"),
                       _("expected a configuration key after 'set'"));
      return FALSE;
    }
  finish (lexer, out, start);
  return TRUE;
}

gboolean
fsim_lexer_config_value (FsimLexer *lexer, FsimToken *out, GError **error)
{
  fsim_token_clear (out);
  skip_blanks (lexer);
  begin (lexer, out, FSIM_TOK_RAW);
  if (peek (lexer, 0) == '"')
    {
      if (!lex_string (lexer, out, error))
        return FALSE;
      out->type = FSIM_TOK_RAW;
      return TRUE;
    }
  /* up to a comment or the end of the line, trailing blanks dropped */
  gsize start = lexer->pos;
  gsize end = start;
  int end_column = lexer->column;
  while (peek (lexer, 0) != '\n' && peek (lexer, 0) != '\0' && !at_comment (lexer)
         && peek (lexer, 0) != ';')
    {
      char c = peek (lexer, 0);
      advance (lexer);
      if (c != ' ' && c != '\t' && c != '\r')
        {
          end = lexer->pos;
          end_column = lexer->column;
        }
    }
  out->text = g_strndup (lexer->text + start, end - start);
  out->span = MAX (1, end_column - out->column);
  return TRUE;
}

gboolean
fsim_lexer_continues_chain (FsimLexer *lexer)
{
  gsize i = lexer->pos;
  const char *t = lexer->text;
  for (;;)
    {
      char c = t[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        i++;
      else if (c == '#' || (c == '/' && t[i + 1] == '/'))
        while (t[i] != '\n' && t[i] != '\0')
          i++;
      else
        return c == '.';
    }
}
