/* graphs-robustness.c - bad or extreme input to the loaders: each test is a
 * case tests/robustness.sh (or its larger campaign) once found crashing,
 * hanging or answering without a located message. Every error must name
 * file:line:col, show the line with a caret and exit 2, never crash and
 * never fall back to a default silently (docs/design.md, Conventions).
 * Where Flink itself rejects the input, its message is quoted and its class
 * cited. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>

#include "graphs/graphs.h"
#include "tests/testlib.h"

void graphs_robustness_tcases (Suite *suite);

static char *
parse_error (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text, "t.job", &error);
  ck_assert_msg (job == NULL, "expected an error for:\n%s", text);
  ck_assert (error->domain == FSIM_GRAPHS_ERROR);
  return g_strdup (error->message);
}

static char *
plan_error (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_import_plan_json (json, "p.json", &error);
  ck_assert_msg (job == NULL, "expected an error for:\n%s", json);
  ck_assert (error->domain == FSIM_GRAPHS_ERROR);
  return g_strdup (error->message);
}

/* The text written to a file and loaded as a user would (fsim_job_load). */
static char *
load_error (const char *bytes, gsize length)
{
  g_autofree char *dir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "t.job", NULL);
  ck_assert (g_file_set_contents (path, bytes, (gssize) length, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_load (path, &error);
  g_unlink (path);
  g_rmdir (dir);
  ck_assert_ptr_null (job);
  /* the message names the path; keep what follows it */
  const char *rest = strstr (error->message, "t.job:");
  ck_assert_ptr_nonnull (rest);
  return g_strdup (rest);
}

/* ---- input files ------------------------------------------------------- */

static char *
path_error (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_load (path, &error);
  ck_assert_ptr_null (job);
  ck_assert_int_eq (error->code, FSIM_GRAPHS_ERROR_IO);
  return g_strdup (error->message);
}

/* A directory is refused by name, not with read(2)'s EISDIR. */
START_TEST (test_input_directory_refused)
{
  g_autofree char *dir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  g_autofree char *msg = path_error (dir);
  g_autofree char *want = g_strdup_printf ("%s: cannot read: it is a directory; name a file: a "
                                           ".job file, a Flink plan JSON, a lesson, a lab's "
                                           "tokens", dir);
  ck_assert_str_eq (msg, want);
  g_rmdir (dir);
}
END_TEST

/* /dev/zero never ends and a file beyond the bound is not read (issue 9:
 * `check /dev/zero` grew until the machine refused). */
START_TEST (test_input_size_bounded)
{
  ck_assert_uint_eq (FSIM_INPUT_MAX_BYTES, 16 * 1024 * 1024);
  /* the bound is the documented key's default */
  ck_assert_str_eq (fsim_config_option_lookup ("sim.max-input-bytes")->default_value,
                    "16777216");
  g_autofree char *zero = path_error ("/dev/zero");
  ck_assert_str_eq (zero, "/dev/zero: cannot read: larger than 16 MiB, the "
                    "most flinksim reads (sim.max-input-bytes); a job file is a few KiB and a "
                    "Flink plan a few MiB; if this is the right file, raise the bound with "
                    "-D sim.max-input-bytes=BYTES");
  g_autofree char *dir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (fseek (f, (long) FSIM_INPUT_MAX_BYTES, SEEK_SET), 0);
  ck_assert_int_eq (fputc ('{', f), '{');
  fclose (f);
  g_autofree char *big = path_error (path);
  ck_assert (strstr (big, ": cannot read: larger than 16 MiB, the most flinksim reads "
                     "(sim.max-input-bytes)"));
  /* a bound that is no whole MiB is said in bytes; one byte more is read */
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (fsim_job_load_bounded (path, 1000, &error));
  ck_assert (strstr (error->message, "larger than 1000 bytes, the most flinksim reads"));
  g_clear_error (&error);
  g_autoptr (FsimJob) read = fsim_job_load_bounded (path, FSIM_INPUT_MAX_BYTES + 1, &error);
  ck_assert_ptr_null (read);            /* read, then refused as text (NULs) */
  ck_assert_int_ne (error->code, FSIM_GRAPHS_ERROR_IO);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* A FIFO without a writer, or with one that never closes, is given up
 * after the timeout (issue 18 point 3: at most 10 s); one that delivers and
 * closes is read. */
START_TEST (test_input_fifo_times_out)
{
  ck_assert_int_le (FSIM_INPUT_TIMEOUT_MS, 10000);
  g_autofree char *dir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fifo.job", NULL);
  ck_assert_int_eq (mkfifo (path, 0600), 0);
  g_autoptr (GError) error = NULL;
  gsize length;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *none = fsim_input_read (path, 1024, 200, &length, &error);
  ck_assert_ptr_null (none);
  ck_assert_int_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC);
  ck_assert (strstr (error->message, ": cannot read: no end of input within 1 s (0 bytes read)"));
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* ---- text encodings ---------------------------------------------------- */

static FsimJob *
load_text (const char *name, const char *bytes)
{
  g_autofree char *dir = g_dir_make_tmp ("flinksim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ck_assert (g_file_set_contents (path, bytes, -1, NULL));
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_load (path, &error);
  g_unlink (path);
  g_rmdir (dir);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
  return job;
}

/* A UTF-8 byte-order mark is skipped, as Jackson does (issue 9: it sent a
 * plan to the job parser, "unexpected character '{'", and hid in a job
 * file's first word, "unknown stream 'env'"). */
START_TEST (test_bom_skipped)
{
  g_autoptr (FsimJob) job = load_text ("bom.job", "\xef\xbb\xbf" "env.fromSequence(1, 10).print()\n");
  ck_assert_uint_eq (fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job))->len, 2);
  g_autoptr (FsimJob) plan = load_text ("bom.json",
    "\xef\xbb\xbf{\"nodes\":[{\"id\":1,\"type\":\"Source: x\",\"pact\":\"Data Source\","
    "\"contents\":\"x\",\"parallelism\":1}]}\n");
  ck_assert_uint_eq (fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (plan))->len, 1);
  /* columns count from after the mark */
  g_autofree char *msg = parse_error ("\xef\xbb\xbf" "env.fromSequence(1, 10).prnt()\n");
  ck_assert (g_str_has_prefix (msg, "t.job:1:25: error: "));
}
END_TEST

/* A bare CR is not a line end in the language: refused where it is, not
 * swallowed into a `set` value and echoed raw (issue 9); CRLF is fine. */
START_TEST (test_bare_cr_refused)
{
  g_autofree char *msg = parse_error ("set parallelism.default = 2\renv.fromSequence(1, 10).print()\r");
  ck_assert_str_eq (msg,
    "t.job:1:28: error: a carriage return (CR) without a line feed: old Mac OS line ends are "
    "not line ends here\n"
    " 1 | set parallelism.default = 2\xef\xbf\xbd" "env.fromSequence(1, 10).print()\n"
    "   |                            ^\n"
    "save the file with LF (Unix) or CRLF (Windows) line ends\n");
  ck_assert (strchr (msg, '\r') == NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse ("set parallelism.default = 2\r\n"
                                            "env.fromSequence(1, 10).print()\r\n", "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
}
END_TEST

/* \uD800 alone is not text: json-glib made bytes that are not UTF-8 of it,
 * echoed in names and messages (issue 9). A pair is a character. */
START_TEST (test_lone_surrogate_refused)
{
  g_autofree char *msg = plan_error (
    "{\"nodes\":[{\"id\":1,\"type\":\"Source: \\ud800x\",\"pact\":\"Data Source\","
    "\"contents\":\"x\",\"parallelism\":1}]}\n");
  ck_assert (g_str_has_prefix (msg, "p.json:1:35: error: invalid JSON: \\ud800 is half of a "
                               "UTF-16 surrogate pair without its other half; such a string is "
                               "not text\n"));
  ck_assert (g_utf8_validate (msg, -1, NULL));
  g_autofree char *low = plan_error (
    "{\"nodes\":[{\"id\":1,\"\\uDC00\":\"x\"}]}\n");
  ck_assert (strstr (low, "error: invalid JSON: \\uDC00 is half"));
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_import_plan_json (
    "{\"nodes\":[{\"id\":1,\"type\":\"Source: \\ud83d\\ude00 \\\\ud800\",\"pact\":"
    "\"Data Source\",\"contents\":\"x\",\"parallelism\":1}]}\n", "p.json", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
  const FsimStreamNode *n = g_ptr_array_index (
    fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job)), 0);
  ck_assert_str_eq (n->name, "Source: \xf0\x9f\x98\x80 \\ud800");
}
END_TEST

/* ---- sim.max-subtasks -------------------------------------------------- */

/* Operators x parallelism had no bound: 200 unchained operators at 32768
 * (6.6 M subtasks) took 6 GB and crashed (issue 9). The job is refused
 * when it is read, at the widest operator, naming the key; setting the key
 * raises the bound. */
START_TEST (test_max_subtasks)
{
  GString *text = g_string_new ("set pipeline.operator-chaining.enabled = false\n"
                                "set parallelism.default = 32768\n"
                                "s0 = env.fromSequence(1, 100)\n");
  for (int i = 1; i < 200; i++)
    g_string_append_printf (text, "s%d = s%d.map(\"M%d\")\n", i, i - 1, i);
  g_string_append (text, "s199.print()\n");
  g_autofree char *msg = parse_error (text->str);
  ck_assert_str_eq (msg,
    "t.job:3:10: error: the job has 6586368 operator subtasks (201 operators, \"Source: "
    "Sequence Source\" at parallelism 32768), more than sim.max-subtasks = 100000\n"
    " 3 | s0 = env.fromSequence(1, 100)\n"
    "   |          ^\n"
    "set sim.max-subtasks = 6586368 to simulate it (each subtask takes memory and trace "
    "records), or lower the parallelism\n");
  g_string_free (text, TRUE);

  /* at the bound: accepted; one over, with the key set: refused there */
  const char *ok = "set sim.max-subtasks = 6\n"
                   "env.fromSequence(1, 10).setParallelism(3).print().setParallelism(3)\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (ok, "t.job", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
  g_autofree char *set = parse_error ("set sim.max-subtasks = 5\n"
                                      "env.fromSequence(1, 10).setParallelism(3).print()"
                                      ".setParallelism(3)\n");
  ck_assert (g_str_has_prefix (set, "t.job:1:24: error: the job has 6 operator subtasks "));
}
END_TEST

/* A plan is bounded the same way, at the widest node's parallelism. */
START_TEST (test_max_subtasks_plan)
{
  GString *json = g_string_new ("{\"nodes\":[");
  for (int i = 1; i <= 10; i++)
    {
      g_string_append_printf (json, "%s\n{\"id\":%d,\"type\":\"Map\",\"pact\":\"%s\","
                              "\"contents\":\"Map\",\"parallelism\":%d", i > 1 ? "," : "", i,
                              i == 1 ? "Data Source" : "Operator", i == 4 ? 32768 : 10000);
      if (i > 1)
        g_string_append_printf (json, ",\"predecessors\":[{\"id\":%d,\"ship_strategy\":"
                                "\"REBALANCE\",\"side\":\"second\"}]", i - 1);
      g_string_append (json, "}");
    }
  g_string_append (json, "]}\n");
  g_autofree char *msg = plan_error (json->str);
  g_string_free (json, TRUE);
  ck_assert_msg (g_str_has_prefix (msg, "p.json:5:71: error: the plan has 122768 operator "
                                   "subtasks (10 nodes, node 4 at parallelism 32768), more "
                                   "than sim.max-subtasks = 100000\n"), "%s", msg);
}
END_TEST

/* ---- walks over the program ------------------------------------------ */

/* s1 = s0.union(s0).map() … s40: every level doubles the paths from the
 * sink back to the source (2^40), but there are only 82 transformations.
 * StreamGraphGenerator.shouldExecuteInBatchMode, the bounded-source check
 * and keys() each visit a transformation once; before they walked every
 * path and this did not finish. (UnionTransformationTranslator: a union of
 * a stream with itself gives two edges, StreamGraph.addEdgeInternal.) */
START_TEST (test_union_diamond_is_linear)
{
  GString *text = g_string_new ("set execution.runtime-mode = AUTOMATIC\n"
                                "s0 = env.fromSequence(1, 10)\n");
  for (int i = 1; i <= 40; i++)
    g_string_append_printf (text, "s%d = s%d.union(s%d).keyBy(\"k\").keys(5).sum(1)\n",
                            i, i - 1, i - 1);
  g_string_append (text, "s40.print()\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text->str, "t.job", &error);
  g_string_free (text, TRUE);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
  /* the source, 40 aggregations, the sink; each aggregation reads its
   * input twice (two HASH edges) */
  FsimStreamGraph *g = fsim_job_get_stream_graph (job);
  ck_assert_int_eq (fsim_stream_graph_get_nodes (g)->len, 42);
  /* every source bounded: AUTOMATIC runs it as BATCH (RuntimeExecutionMode) */
  ck_assert_str_eq (fsim_stream_graph_get_job_name (g), "Flink Batch Job");
}
END_TEST

/* ---- size limits -------------------------------------------------------- */

/* Arguments nest (forBoundedOutOfOrderness(Duration.ofSeconds(2))); the
 * parser recurses per level, so 100,000 levels overflowed the stack. */
START_TEST (test_nesting_limit)
{
  GString *text = g_string_new ("env.fromSequence(1, 10).skew(");
  for (int i = 0; i < 40; i++)
    g_string_append (text, "f(");
  g_autofree char *msg = parse_error (text->str);
  /* the 33rd argument list: ".skew(" is the first, f( number 32 the 33rd,
   * at column 29 + 2 * 32 = 93. The line has 109 characters, so the
   * excerpt is its last 100 (from character 10) and the caret, after
   * "…", is at cell 1 + 92 - 9 = 84. */
  g_autofree char *pad = g_strnfill (84, ' ');
  g_autofree char *expected = g_strdup_printf (
    "t.job:1:93: error: calls are nested more than 32 deep\n"
    " 1 | …%s\n"
    "   | %s^\n"
    "arguments nest a few levels in real programs, as in "
    "forBoundedOutOfOrderness(Duration.ofSeconds(2))\n", text->str + 9, pad);
  ck_assert_str_eq (msg, expected);
  g_string_free (text, TRUE);
}
END_TEST

/* More transformations than the simulator takes: refused at the call that
 * makes one too many (the TREE description of a chain grows with the
 * square of its length; Flink's own recursion has similar limits). */
START_TEST (test_transformation_limit)
{
  GString *text = g_string_new ("s = env.fromSequence(1, 10)\n");
  /* fromSequence is transformation 1; each map adds one: 2000 maps = 2001 */
  for (int i = 0; i < 1999; i++)
    g_string_append (text, "s = s.map()\n");
  g_string_append (text, "s.map().print()\n");
  g_autofree char *msg = parse_error (text->str);
  ck_assert_str_eq (msg,
    "t.job:2001:3: error: the job has more than 2000 transformations\n"
    " 2001 | s.map().print()\n"
    "      |   ^~~\n"
    "flinksim simulates jobs of a realistic size; split this one\n");
  g_string_free (text, TRUE);
}
END_TEST

/* ---- bytes that are not text ---------------------------------------- */

/* A NUL byte used to end the text early, silently dropping what followed. */
START_TEST (test_nul_byte)
{
  static const char bytes[] = "env.fromSequence(1, 10)\n.print()\0\nat 1 s fail \"Map\"\n";
  g_autofree char *msg = load_error (bytes, sizeof bytes - 1);
  ck_assert_str_eq (msg,
    "t.job:2:9: error: a NUL byte in the text\n"
    " 2 | .print()\n"
    "   |         ^\n"
    "a job file or plan is text; is this the right file?\n");
}
END_TEST

/* Not UTF-8: refused where it starts (columns count characters). */
START_TEST (test_not_utf8)
{
  g_autofree char *msg = parse_error ("job \"Caf\xe9\"\nenv.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (msg,
    "t.job:1:9: error: the text is not UTF-8 (byte 0xE9)\n"
    " 1 | job \"Caf\xef\xbf\xbd\"\n"
    "   |         ^\n"
    "save the file as UTF-8\n");
}
END_TEST

/* A million lines: the scan for later definitions and the excerpt's line
 * lookup walk the text once (g_strsplit and strchr per line were
 * quadratic under the sanitizers: minutes). */
START_TEST (test_many_lines)
{
  GString *text = g_string_new (NULL);
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (text, '\n');
  g_string_append (text, "x = env.fromSequence(1, 10)\nx.prin()\n");
  g_autofree char *msg = parse_error (text->str);
  g_string_free (text, TRUE);
  ck_assert (g_str_has_prefix (msg, "t.job:1000002:3: error: unknown method 'prin' on "
                               "DataStreamSource\n"
                               " 1000002 | x.prin()\n"
                               "         |   ^~~~\n"));
}
END_TEST

/* ---- the excerpt -------------------------------------------------------- */

/* A long line is cut to a window around the caret; control characters are
 * shown as U+FFFD so they cannot move the terminal's cursor; a wide
 * character takes two cells, so the caret after it moves by two. */
START_TEST (test_excerpt)
{
  GString *text = g_string_new ("job \"");
  for (int i = 0; i < 200; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\" oops\nenv.fromSequence(1, 10).print()\n");
  g_autofree char *msg = parse_error (text->str);
  g_string_free (text, TRUE);
  /* "oops" is character 208 of 211: the window is the last 100 characters
   * (from 112: 94 x, the quote, a space, oops), the caret at cell
   * 1 + 207 - 111 = 97 */
  g_autofree char *xs = g_strnfill (94, 'x');
  g_autofree char *pad = g_strnfill (97, ' ');
  g_autofree char *expected = g_strdup_printf (
    "t.job:1:208: error: expected the end of the statement, found 'oops'\n"
    " 1 | …%s\" oops\n"
    "   | %s^~~~\n"
    "one statement per line, or separate them with ';'\n", xs, pad);
  ck_assert_str_eq (msg, expected);

  /* a caret near the start keeps 50 characters before it at most */
  GString *head = g_string_new ("job \"a\" oops ");
  for (int i = 0; i < 200; i++)
    g_string_append_c (head, 'y');
  g_autofree char *early = parse_error (head->str);
  g_autofree char *ys = g_strnfill (87, 'y');  /* 100 - 13 */
  g_autofree char *expected_early = g_strdup_printf (
    "t.job:1:9: error: expected the end of the statement, found 'oops'\n"
    " 1 | job \"a\" oops %s…\n"
    "   |         ^~~~\n"
    "one statement per line, or separate them with ';'\n", ys);
  ck_assert_str_eq (early, expected_early);
  g_string_free (head, TRUE);

  g_autofree char *ctl = parse_error ("job \"a\x01\" x\n");
  ck_assert_str_eq (ctl,
    "t.job:1:10: error: expected the end of the statement, found 'x'\n"
    " 1 | job \"a\xef\xbf\xbd\" x\n"
    "   |          ^\n"
    "one statement per line, or separate them with ';'\n");

  /* 数 and 据 are wide: two cells each */
  g_autofree char *wide = parse_error ("job \"\xe6\x95\xb0\xe6\x8d\xae\" x\n");
  ck_assert_str_eq (wide,
    "t.job:1:10: error: expected the end of the statement, found 'x'\n"
    " 1 | job \"\xe6\x95\xb0\xe6\x8d\xae\" x\n"
    "   |            ^\n"
    "one statement per line, or separate them with ';'\n");
}
END_TEST

/* With no stream statement, the caret is at the end of the text, where one
 * is missing (Flink: StreamGraphGenerator, "No operators defined in
 * streaming topology. Cannot execute."). */
START_TEST (test_no_operators_at_end)
{
  g_autofree char *msg = parse_error ("# a comment\nset parallelism.default = 2\n\n");
  ck_assert_str_eq (msg,
    "t.job:2:28: error: No operators defined in streaming topology. Cannot execute.\n"
    " 2 | set parallelism.default = 2\n"
    "   |                            ^\n"
    "a job reads a source and writes to a sink: env.fromSequence(1, 100).print()\n");
}
END_TEST

/* ---- numbers -------------------------------------------------------------- */

/* Java longs: a whole number argument is read exactly (a double would round
 * 2^53 + 1), and one beyond a long is refused rather than wrapped. */
START_TEST (test_longs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job =
    fsim_job_parse ("env.fromSequence(1, 9007199254740993).rate(5/s).print()\n", "t.job", &error);
  ck_assert_ptr_nonnull (job);
  /* NumberSequenceSource splits 9007199254740993 numbers over one subtask */
  FsimStreamNode *src = g_ptr_array_index (fsim_stream_graph_get_nodes (
                                             fsim_job_get_stream_graph (job)), 0);
  ck_assert_int_eq (src->knobs.records, G_GINT64_CONSTANT (9007199254740993));

  g_autofree char *big = parse_error ("env.fromSequence(0, 99999999999999999999).print()\n");
  ck_assert_str_eq (big,
    "t.job:1:21: error: fromSequence() takes a long (to), and 99999999999999999999 is out "
    "of its range\n"
    " 1 | env.fromSequence(0, 99999999999999999999).print()\n"
    "   |                     ^~~~~~~~~~~~~~~~~~~~\n");

  /* to - from + 1 would overflow a long */
  g_autofree char *range =
    parse_error ("env.fromSequence(-9000000000000000000, 9000000000000000000).print()\n");
  ck_assert_str_eq (range,
    "t.job:1:5: error: the sequence from -9000000000000000000 to 9000000000000000000 has "
    "more numbers than a long can count\n"
    " 1 | env.fromSequence(-9000000000000000000, 9000000000000000000).print()\n"
    "   |     ^~~~~~~~~~~~\n");

  /* Duration.ofDays(n) in microseconds must fit the 64-bit clock */
  g_autofree char *days = parse_error (
    "env.fromSequence(1, 10).assignTimestampsAndWatermarks("
    "WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofDays(99999999999))).print()\n");
  ck_assert (strstr (days, "error: the duration Duration.ofDays(99999999999) is too large: at "
                     "most Duration.ofDays(106751991) (the clock counts microseconds in a "
                     "long)\n"));

  /* MemorySize: bytes in a long */
  g_autofree char *size = parse_error (
    "env.fromSequence(1, 10).keyBy(\"k\").keys(5).sum(1).stateSize(99999999999 gb).print()\n");
  ck_assert (strstr (size, "error: the size 99999999999 gb is too large: at most 8589934591 gb "
                     "(MemorySize holds bytes in a long)\n"));
}
END_TEST

/* Messages about numbers out of range say the number as written, the unit
 * and the bound (issue 9: "too large" named neither unit nor maximum;
 * 2147483648 was shown as 2147483647; a key's maximum was called its
 * minimum). */
START_TEST (test_out_of_range_numbers_named)
{
  g_autofree char *dur = parse_error ("set sim.duration = 9999999999999 h\n"
                                      "env.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (dur,
    "t.job:1:20: error: sim.duration: the duration '9999999999999 h' is too large: at most "
    "2562047 h (a Java long of nanoseconds, some 292 years)\n"
    " 1 | set sim.duration = 9999999999999 h\n"
    "   |                    ^~~~~~~~~~~~~~~\n");
  g_autofree char *bare = parse_error ("set sim.duration = 99999999999999999\n"
                                       "env.fromSequence(1, 10).print()\n");
  ck_assert (strstr (bare, "the duration '99999999999999999 ms' is too large: at most "
                     "9223372036854 ms"));
  g_autofree char *tm = parse_error ("env.fromSequence(1, 10).print()\n"
                                     "at 1 s kill taskmanager 2147483648\n");
  ck_assert (g_str_has_prefix (tm, "t.job:2:25: error: 2147483648 is out of range: expected a "
                               "TaskManager number (1, 2, …), at most 2147483647\n"));
  g_autofree char *sub = parse_error ("env.fromSequence(1, 10).map(\"M\").print()\n"
                                      "at 1 s fail \"Map\" subtask 99999999999999999999\n");
  ck_assert (g_str_has_prefix (sub, "t.job:2:27: error: 99999999999999999999 is out of range: "
                               "expected a subtask index (0, 1, …), at most 2147483647\n"));
  g_autofree char *cp = parse_error ("set execution.checkpointing.interval = 1 s\n"
                                     "env.fromSequence(1, 10).print()\n"
                                     "at 1 s decline checkpoint 99999999999999999999\n");
  ck_assert (strstr (cp, "error: 99999999999999999999 is out of range: expected a checkpoint "
                     "id (1, 2, …), at most 9223372036854775807\n"));
  g_autofree char *key = parse_error (
    "set execution.checkpointing.max-concurrent-checkpoints = 2147483648\n"
    "env.fromSequence(1, 10).print()\n");
  ck_assert (strstr (key, "error: execution.checkpointing.max-concurrent-checkpoints must be at "
                     "most 2147483647, not 2147483648\n"));
  g_autofree char *low = parse_error ("set execution.checkpointing.max-concurrent-checkpoints = 0\n"
                                      "env.fromSequence(1, 10).print()\n");
  /* CheckpointConfig.setMaxConcurrentCheckpoints */
  ck_assert (strstr (low, "error: The maximum number of concurrent attempts must be at least "
                     "one.\n"));
}
END_TEST

/* HeartbeatServicesImpl checks "heartbeatInterval <= heartbeatTimeout"
 * when the cluster starts; flinksim checks it at the `set`. */
START_TEST (test_heartbeat_timeout_below_interval)
{
  g_autofree char *msg = parse_error ("set heartbeat.timeout = 5 s\n"
                                      "env.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (msg,
    "t.job:1:25: error: The heartbeat timeout should be larger or equal than the heartbeat "
    "interval. (heartbeat.timeout 5 s, heartbeat.interval 10 s)\n"
    " 1 | set heartbeat.timeout = 5 s\n"
    "   |                         ^~~\n"
    "a TaskManager is declared lost only after heartbeat.timeout without an answer to the "
    "heartbeats sent every heartbeat.interval\n");
  /* equal is allowed */
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse ("set heartbeat.interval = 50 s\n"
                                            "env.fromSequence(1, 10).print()\n",
                                            "t.job", &error);
  ck_assert_ptr_nonnull (job);
}
END_TEST

/* ExponentialDelayRestartBackoffTimeStrategy's constructor:
 * checkArgument (initialBackoffMS <= maxBackoffMS, "Initial backoff cannot
 * be higher than maximum backoff."); the job would otherwise run with a
 * strategy Flink refuses to build. The jitter factor is in [0, 1]. */
START_TEST (test_exponential_delay_backoffs_checked)
{
  g_autofree char *msg = parse_error ("set restart-strategy.type = exponential-delay\n"
                                      "set restart-strategy.exponential-delay.initial-backoff = 2 min\n"
                                      "env.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (msg,
    "t.job:2:58: error: Initial backoff cannot be higher than maximum backoff.\n"
    " 2 | set restart-strategy.exponential-delay.initial-backoff = 2 min\n"
    "   |                                                          ^~~~~\n"
    "raise restart-strategy.exponential-delay.max-backoff or lower the initial backoff\n");
  g_autofree char *jitter = parse_error ("set restart-strategy.exponential-delay.jitter-factor = 1.5\n"
                                         "env.fromSequence(1, 10).print()\n");
  ck_assert (strstr (jitter, "t.job:1:") && strstr (jitter, "from 0 to 1"));
}
END_TEST

/* A heartbeat is two RPC hops: a heartbeat.timeout within that loses the
 * only TaskManager at once, and the job could never run (issue 9: `check`
 * accepted it and `run` looped until sim.duration). */
START_TEST (test_heartbeat_timeout_within_rpc_round_trip)
{
  g_autofree char *msg = parse_error ("set heartbeat.interval = 1 ms\n"
                                      "set heartbeat.timeout = 2 ms\n"
                                      "set sim.rpc-latency = 1 ms\n"
                                      "env.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (msg,
    "t.job:2:25: error: heartbeat.timeout 2 ms is not longer than a heartbeat's round trip "
    "(2 x sim.rpc-latency 1 ms): every TaskManager would be lost at its first heartbeat\n"
    " 2 | set heartbeat.timeout = 2 ms\n"
    "   |                         ^~~~\n"
    "raise heartbeat.timeout above twice sim.rpc-latency, or lower sim.rpc-latency\n");
  g_autofree char *rpc = parse_error ("set sim.rpc-latency = 1 min\n"
                                      "env.fromSequence(1, 10).print()\n");
  ck_assert (strstr (rpc, "t.job:1:23: error: heartbeat.timeout 50 s is not longer"));
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse ("set heartbeat.interval = 1 ms\n"
                                            "set heartbeat.timeout = 3 ms\n"
                                            "set sim.rpc-latency = 1 ms\n"
                                            "env.fromSequence(1, 10).print()\n",
                                            "t.job", &error);
  ck_assert_ptr_nonnull (job);
}
END_TEST

/* TaskManagerLoadBalanceMode.TASKS switches streaming jobs to
 * TaskBalancedPreferredSlotSharingStrategy, which flinksim does not model;
 * running it as NONE would be a silent default. */
START_TEST (test_load_balance_tasks_refused)
{
  g_autofree char *msg = parse_error ("set taskmanager.load-balance.mode = TASKS\n"
                                      "env.fromSequence(1, 10).print()\n");
  ck_assert_str_eq (msg,
    "t.job:1:37: error: taskmanager.load-balance.mode TASKS (TaskBalancedPreferredSlot"
    "SharingStrategy) is not simulated\n"
    " 1 | set taskmanager.load-balance.mode = TASKS\n"
    "   |                                     ^~~~~\n"
    "NONE (fill TaskManagers in turn), SLOTS (spread slots) and MIN_RESOURCES are "
    "simulated\n");
}
END_TEST

/* ---- plan JSON ---------------------------------------------------------- */

/* json-glib recurses per level: nesting is bounded before it parses. */
START_TEST (test_plan_nesting)
{
  GString *json = g_string_new ("{\"nodes\" : ");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  g_autofree char *msg = plan_error (json->str);
  g_string_free (json, TRUE);
  /* the 65th bracket: '{' is the first, then 64 - 1 '[' before it */
  ck_assert (g_str_has_prefix (msg, "p.json:1:75: error: invalid plan: JSON nested more than "
                               "64 deep\n"));
  ck_assert (strstr (msg, "\n   |                                                    ^\n"));
}
END_TEST

/* getExecutionPlan() prints a parallelism above 32768, but submitting the
 * job fails in KeyGroupRangeAssignment.checkParallelismPreconditions. */
START_TEST (test_plan_parallelism_bound)
{
  g_autofree char *msg = plan_error (
    "{\"nodes\" : [ {\"id\" : 1, \"type\" : \"Source: S\", \"pact\" : \"Data Source\",\n"
    "  \"contents\" : \"Source: S\", \"parallelism\" : 40000} ]}\n");
  ck_assert_str_eq (msg,
    "p.json:2:45: error: Operator parallelism not within bounds: 40000\n"
    " 2 |   \"contents\" : \"Source: S\", \"parallelism\" : 40000} ]}\n"
    "   |                                             ^~~~~\n"
    "a parallelism is at most 32768 (UPPER_BOUND_MAX_PARALLELISM)\n");
}
END_TEST

/* json-glib keeps the last of two equal keys; Jackson never writes one
 * twice, so a second "id" is an edited plan and would have renamed the
 * node silently. */
START_TEST (test_plan_duplicate_key)
{
  g_autofree char *msg = plan_error (
    "{\"nodes\" : [ {\"id\" : 1, \"type\" : \"Source: S\", \"pact\" : \"Data Source\",\n"
    "  \"contents\" : \"S\", \"parallelism\" : 1, \"id\" : 2} ]}\n");
  ck_assert_str_eq (msg,
    "p.json:2:40: error: invalid plan: the key \"id\" appears twice in one object\n"
    " 2 |   \"contents\" : \"S\", \"parallelism\" : 1, \"id\" : 2} ]}\n"
    "   |                                        ^~~~\n"
    "a plan is the JSON printed by StreamExecutionEnvironment.getExecutionPlan()\n");
  /* the same key in two objects is fine: every node has an "id" */
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_import_plan_json (
    "{\"nodes\" : [ {\"id\" : 1, \"type\" : \"Source: S\", \"pact\" : \"Data Source\", "
    "\"contents\" : \"S\", \"parallelism\" : 1}, {\"id\" : 2, \"type\" : \"Sink: K\", "
    "\"pact\" : \"Data Sink\", \"contents\" : \"K\", \"parallelism\" : 1, \"predecessors\" : "
    "[ {\"id\" : 1, \"ship_strategy\" : \"FORWARD\", \"side\" : \"second\"} ]} ]}",
    "p.json", &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
}
END_TEST

/* Errors about a key point at the key even when it holds a '/' (paths
 * escape it as a JSON Pointer does) or is written with escapes (compared
 * decoded, as json-glib reads it); the message shows control characters
 * escaped, so it stays on one line above its excerpt. */
START_TEST (test_plan_keys_located)
{
  static const char head[] =
    "{\"nodes\" : [ {\"id\" : 1, \"type\" : \"Source: S\", \"pact\" : \"Data Source\",\n";
  g_autofree char *slash_json = g_strconcat (head, "  \"paral/elism\" : 1} ]}\n", NULL);
  g_autofree char *slash = plan_error (slash_json);
  ck_assert_str_eq (slash,
    "p.json:2:3: error: unknown field \"paral/elism\" in a node; JSONGenerator writes \"id\", "
    "\"type\", \"pact\", \"contents\", \"parallelism\", \"predecessors\"\n"
    " 2 |   \"paral/elism\" : 1} ]}\n"
    "   |   ^~~~~~~~~~~~~\n"
    "did you mean 'parallelism'?\n");
  g_autofree char *escaped_json =
    g_strconcat (head, "  \"pa\\u0072a\\tllelism\" : 1} ]}\n", NULL);
  g_autofree char *escaped = plan_error (escaped_json);
  ck_assert_str_eq (escaped,
    "p.json:2:3: error: unknown field \"para\\tllelism\" in a node; JSONGenerator writes "
    "\"id\", \"type\", \"pact\", \"contents\", \"parallelism\", \"predecessors\"\n"
    " 2 |   \"pa\\u0072a\\tllelism\" : 1} ]}\n"
    "   |   ^~~~~~~~~~~~~~~~~~~~\n"
    "did you mean 'parallelism'?\n");
  /* RFC 8259: control characters in strings must be escaped (Jackson
   * refuses them; json-glib would not) */
  g_autofree char *broken_json = g_strconcat (head, "  \"parallelism : 1} ]}\n", NULL);
  g_autofree char *broken = plan_error (broken_json);
  /* the line break after the 22 characters of the line */
  ck_assert_str_eq (broken,
    "p.json:2:23: error: invalid JSON: a line break inside a string (a missing '\"'?)\n"
    " 2 |   \"parallelism : 1} ]}\n"
    "   |                       ^\n"
    "a plan is the JSON printed by StreamExecutionEnvironment.getExecutionPlan()\n");
}
END_TEST

START_TEST (test_plan_node_limit)
{
  GString *json = g_string_new ("{\"nodes\" : [\n");
  for (int i = 1; i <= 2001; i++)
    g_string_append_printf (json, "%s{\"id\" : %d, \"type\" : \"Source: S%d\", \"pact\" : "
                            "\"Data Source\", \"contents\" : \"S\", \"parallelism\" : 1}\n",
                            i > 1 ? "," : "", i, i);
  g_string_append (json, "]}\n");
  g_autofree char *msg = plan_error (json->str);
  g_string_free (json, TRUE);
  /* the 2001st node, on line 2002 */
  ck_assert (g_str_has_prefix (msg, "p.json:2002:2: error: the plan has 2001 nodes; flinksim "
                               "reads plans of up to 2000\n"));
}
END_TEST

void
graphs_robustness_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Robustness");
  tcase_add_test (tc, test_input_directory_refused);
  tcase_add_test (tc, test_input_size_bounded);
  tcase_add_test (tc, test_input_fifo_times_out);
  tcase_add_test (tc, test_bom_skipped);
  tcase_add_test (tc, test_bare_cr_refused);
  tcase_add_test (tc, test_lone_surrogate_refused);
  tcase_add_test (tc, test_max_subtasks);
  tcase_add_test (tc, test_out_of_range_numbers_named);
  tcase_add_test (tc, test_max_subtasks_plan);
  tcase_add_test (tc, test_union_diamond_is_linear);
  tcase_add_test (tc, test_nesting_limit);
  tcase_add_test (tc, test_transformation_limit);
  tcase_add_test (tc, test_nul_byte);
  tcase_add_test (tc, test_not_utf8);
  tcase_add_test (tc, test_many_lines);
  tcase_add_test (tc, test_excerpt);
  tcase_add_test (tc, test_no_operators_at_end);
  tcase_add_test (tc, test_longs);
  tcase_add_test (tc, test_heartbeat_timeout_below_interval);
  tcase_add_test (tc, test_heartbeat_timeout_within_rpc_round_trip);
  tcase_add_test (tc, test_exponential_delay_backoffs_checked);
  tcase_add_test (tc, test_load_balance_tasks_refused);
  tcase_add_test (tc, test_plan_nesting);
  tcase_add_test (tc, test_plan_parallelism_bound);
  tcase_add_test (tc, test_plan_duplicate_key);
  tcase_add_test (tc, test_plan_keys_located);
  tcase_add_test (tc, test_plan_node_limit);
  suite_add_tcase (suite, tc);
}
