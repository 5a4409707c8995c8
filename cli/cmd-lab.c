/* cmd-lab.c - `flinksim lab NAME [OPTIONS] SEQUENCE...`: the table of labs,
 * their options and --help, and the records they print (cli/lab.h says
 * how a lab is written; docs/labs.md is the contract for users). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/lab.h"

static const FsimLabEntry *const lab_table[] = {
  &fsim_lab_barriers,

  /* lab restart, lab failover */
  &fsim_lab_restart,
  &fsim_lab_failover,

  /* lab watermarks, lab windows */
  &fsim_lab_watermarks,
  &fsim_lab_windows,

  NULL
};

struct _FsimLab {
  const FsimLabEntry *entry;
  int argc;                     /* argv[0] is the lab's name */
  char **argv;
  FsimLabFormat format;
  int exit_code;
  GPtrArray *args;              /* FsimLabToken *, the non-option arguments */
  GPtrArray *kept;              /* what fsim_lab_keep was given */
  int printed;                  /* records printed so far */
};

struct _FsimLabRecord {
  FsimLab *lab;
  char *title;
  GString *text;
  JsonBuilder *json;
};

gpointer
fsim_lab_keep (FsimLab *lab, gpointer mem)
{
  g_ptr_array_add (lab->kept, mem);
  return mem;
}

FsimLabFormat
fsim_lab_get_format (FsimLab *lab)
{
  return lab->format;
}

const FsimLabEntry *
fsim_lab_get_entry (FsimLab *lab)
{
  return lab->entry;
}

GPtrArray *
fsim_lab_get_args (FsimLab *lab)
{
  return lab->args;
}

int
fsim_lab_exit_code (FsimLab *lab)
{
  return lab->exit_code;
}

int
fsim_lab_fail (FsimLab *lab, GError *error)
{
  fprintf (stderr, "flinksim lab %s: %s\n", lab->entry->name, error->message);
  g_error_free (error);
  lab->exit_code = FSIM_EXIT_BAD_INPUT;
  return FSIM_EXIT_BAD_INPUT;
}

/* --- options --------------------------------------------------------------- */

static FsimLabToken *
arg_token (FsimLab *lab, int i, gsize offset)
{
  FsimLabToken *t = fsim_lab_keep (lab, g_new0 (FsimLabToken, 1));
  t->text = lab->argv[i] + offset;
  t->line = lab->argv[i];
  t->offset = offset;
  t->argument = i;
  return t;
}

static void
print_lab_help (FsimLab *lab, const FsimLabOption *options)
{
  const FsimLabEntry *e = lab->entry;
  printf (_("Usage: flinksim lab %s %s\n\n%s.\n"), e->name, e->parameters, _(e->summary));
  if (e->description)
    printf ("\n%s\n", _(e->description));
  printf ("\n%s\n", _("Options:"));
  for (const FsimLabOption *o = options; o && o->name; o++)
    {
      g_autofree char *left = o->value_name ? g_strdup_printf ("--%s %s", o->name, o->value_name)
                                            : g_strdup_printf ("--%s", o->name);
      printf ("  %-34s %s\n", left, _(o->doc));
    }
  printf ("  %-34s %s\n", "--format text|jsonl",
          _("text (default): one block per step with its why; jsonl: one JSON object per "
            "token, then the summary"));
  printf (_("\nSee docs/labs.md and flinksim(1).\n"));
}

static const FsimLabOption *
find_option (const FsimLabOption *options, const char *name, gsize len)
{
  for (const FsimLabOption *o = options; o && o->name; o++)
    if (strlen (o->name) == len && strncmp (o->name, name, len) == 0)
      return o;
  return NULL;
}

static gboolean
set_format (gpointer data, const FsimLabToken *value, GError **error)
{
  static const char *const formats[] = { "text", "jsonl", NULL };
  int i;
  if (!fsim_lab_parse_choice (value, formats, &i, error))
    return FALSE;
  ((FsimLab *) data)->format = i == 0 ? FSIM_LAB_FORMAT_TEXT : FSIM_LAB_FORMAT_JSONL;
  return TRUE;
}

static const FsimLabOption format_option = {
  "format", "FORMAT", NULL, set_format,
};

static gboolean
unknown_option (FsimLab *lab, int i, gsize len, const FsimLabOption *options, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (const FsimLabOption *o = options; o && o->name; o++)
    g_ptr_array_add (names, (gpointer) o->name);
  g_ptr_array_add (names, (gpointer) "format");
  g_ptr_array_add (names, (gpointer) "help");
  g_ptr_array_add (names, NULL);
  g_autofree char *name = g_strndup (lab->argv[i] + 2, len);
  const char *near = fsim_suggest (name, (const char *const *) names->pdata);
  const FsimLabToken *t = arg_token (lab, i, 0);
  if (near)
    fsim_lab_set_error (error, t, 0, _("unknown option '--%s'; did you mean '--%s'?"), name,
                        near);
  else
    fsim_lab_set_error (error, t, 0, _("unknown option '--%s' (see 'flinksim lab %s --help')"),
                        name, lab->entry->name);
  return FALSE;
}

/* --name, --name=VALUE or --name VALUE at argv[*i]; advances *i past it. */
static gboolean
parse_option (FsimLab *lab, int *i, const FsimLabOption *options, gpointer data,
              GError **error)
{
  const char *arg = lab->argv[*i];
  const char *eq = strchr (arg, '=');
  gsize len = eq ? (gsize) (eq - arg - 2) : strlen (arg) - 2;
  const FsimLabOption *o = find_option (options, arg + 2, len);
  gpointer target = data;
  if (o == NULL && len == 6 && strncmp (arg + 2, "format", 6) == 0)
    {
      o = &format_option;
      target = lab;
    }
  if (o == NULL)
    return unknown_option (lab, *i, len, options, error);
  const FsimLabToken *value = NULL;
  if (o->value_name == NULL && eq)
    {
      fsim_lab_set_error (error, arg_token (lab, *i, 0), (gsize) (eq - arg),
                          _("--%s takes no value"), o->name);
      return FALSE;
    }
  if (o->value_name && eq)
    value = arg_token (lab, *i, (gsize) (eq + 1 - arg));
  else if (o->value_name && *i + 1 < lab->argc)
    value = arg_token (lab, ++*i, 0);
  else if (o->value_name)
    {
      fsim_lab_set_error (error, arg_token (lab, *i, 0), strlen (arg),
                          _("--%s needs a value: --%s %s"), o->name, o->name, o->value_name);
      return FALSE;
    }
  ++*i;
  return o->set (target, value, error);
}

static gboolean
is_option (const char *arg)
{
  return g_str_has_prefix (arg, "--") || strcmp (arg, "-h") == 0;
}

gboolean
fsim_lab_parse_args (FsimLab *lab, const FsimLabOption *options, gpointer data)
{
  gboolean options_end = FALSE;
  for (int i = 1; i < lab->argc;)
    {
      const char *arg = lab->argv[i];
      if (!options_end && (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0))
        {
          print_lab_help (lab, options);
          lab->exit_code = FSIM_EXIT_OK;
          return FALSE;
        }
      if (!options_end && strcmp (arg, "--") == 0)
        {
          options_end = TRUE;
          i++;
          continue;
        }
      if (options_end || !is_option (arg))
        {
          g_ptr_array_add (lab->args, arg_token (lab, i++, 0));
          continue;
        }
      GError *error = NULL;
      if (!parse_option (lab, &i, options, data, &error))
        {
          fsim_lab_fail (lab, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* --- records --------------------------------------------------------------- */

static FsimLabRecord *
record_new (FsimLab *lab, char *title)
{
  FsimLabRecord *rec = g_new0 (FsimLabRecord, 1);
  rec->lab = lab;
  rec->title = title;
  rec->text = g_string_new (NULL);
  rec->json = json_builder_new ();
  json_builder_begin_object (rec->json);
  return rec;
}

FsimLabRecord *
fsim_lab_step_begin (FsimLab *lab, int step, const FsimLabToken *token)
{
  FsimLabRecord *rec = record_new (lab, g_strdup_printf (_("step %d: %s"), step, token->text));
  json_builder_set_member_name (rec->json, "step");
  json_builder_add_int_value (rec->json, step);
  json_builder_set_member_name (rec->json, "token");
  json_builder_add_string_value (rec->json, token->text);
  return rec;
}

FsimLabRecord *
fsim_lab_summary_begin (FsimLab *lab)
{
  FsimLabRecord *rec = record_new (lab, g_strdup (_("summary")));
  json_builder_set_member_name (rec->json, "summary");
  json_builder_add_boolean_value (rec->json, TRUE);
  return rec;
}

FsimLabRecord *
fsim_lab_record_begin (FsimLab *lab, const char *title)
{
  return record_new (lab, g_strdup (title));
}

JsonBuilder *
fsim_lab_record_json (FsimLabRecord *rec)
{
  return rec->json;
}

void
fsim_lab_record_text (FsimLabRecord *rec, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_string_append (rec->text, "  ");
  g_string_append_vprintf (rec->text, format, ap);
  g_string_append_c (rec->text, '\n');
  va_end (ap);
}

static void
print_jsonl (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  g_autofree char *line = json_generator_to_data (gen, NULL);
  printf ("%s\n", line);
}

void
fsim_lab_record_end (FsimLabRecord *rec, const char *why)
{
  FsimLab *lab = rec->lab;
  if (why)
    {
      json_builder_set_member_name (rec->json, "why");
      json_builder_add_string_value (rec->json, why);
    }
  json_builder_end_object (rec->json);
  if (lab->format == FSIM_LAB_FORMAT_JSONL)
    print_jsonl (rec->json);
  else
    {
      printf ("%s%s\n%s", lab->printed > 0 ? "\n" : "", rec->title, rec->text->str);
      if (why)
        printf (_("  why: %s\n"), why);
    }
  lab->printed++;
  g_object_unref (rec->json);
  g_string_free (rec->text, TRUE);
  g_free (rec->title);
  g_free (rec);
}

void
fsim_lab_json_int_array (JsonBuilder *b, const char *name, const gint64 *values, guint n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (b, values[i]);
  json_builder_end_array (b);
}

/* --- the command ------------------------------------------------------------ */

static void
print_labs (FILE *out)
{
  fputs (_("Usage: flinksim lab NAME [OPTIONS] SEQUENCE...\n"
           "\n"
           "Runs one mechanism of Flink's runtime alone, on the code the simulation\n"
           "runs, fed a sequence, and prints what it does after each input and why.\n"
           "\n"
           "Labs:\n"), out);
  for (const FsimLabEntry *const *l = lab_table; *l; l++)
    fprintf (out, "  %-12s %s\n", (*l)->name, _((*l)->summary));
  fputs (_("\n'flinksim lab NAME --help' describes a lab; docs/labs.md has examples.\n"), out);
}

static int
unknown_lab (const char *name)
{
  const char *names[16];
  int n = 0;
  for (const FsimLabEntry *const *l = lab_table; *l && n < 15; l++)
    names[n++] = (*l)->name;
  names[n] = NULL;
  const char *near = fsim_suggest (name, names);
  if (near)
    fprintf (stderr, _("flinksim lab: unknown lab '%s'; did you mean '%s'?\n"), name, near);
  else
    fprintf (stderr, _("flinksim lab: unknown lab '%s'\n"), name);
  fputs (_("Try 'flinksim lab --help'.\n"), stderr);
  return FSIM_EXIT_BAD_INPUT;
}

static const FsimLabEntry *
lab_lookup (const char *name)
{
  for (const FsimLabEntry *const *l = lab_table; *l; l++)
    if (strcmp ((*l)->name, name) == 0)
      return *l;
  return NULL;
}

static int
lab_run (int argc, char **argv)
{
  if (argc < 2)
    {
      print_labs (stderr);
      return FSIM_EXIT_BAD_INPUT;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_labs (stdout);
      return FSIM_EXIT_OK;
    }
  const FsimLabEntry *entry = lab_lookup (argv[1]);
  if (entry == NULL)
    return unknown_lab (argv[1]);
  FsimLab lab = {
    .entry = entry, .argc = argc - 1, .argv = argv + 1, .format = FSIM_LAB_FORMAT_TEXT,
    .exit_code = FSIM_EXIT_OK, .args = g_ptr_array_new (), .kept = g_ptr_array_new_with_free_func (g_free),
  };
  int rc = entry->run (&lab);
  fflush (stdout);
  g_ptr_array_unref (lab.args);
  g_ptr_array_unref (lab.kept);
  return rc;
}

const FsimCommand fsim_cmd_lab = {
  "lab", N_("run one Flink mechanism alone on a sequence, step by step (lab --help)"),
  "NAME [OPTIONS] SEQUENCE...", lab_run,
};
