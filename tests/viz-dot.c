/* viz-dot.c - the Graphviz wrapper (viz/dot.c) and every drawing laid out.
 *
 * Label text is escaped in one place for all drawings; a drawing Graphviz
 * complains about must fail rather than come out quietly wrong. */
#include "config.h"

#include <string.h>

#include "viz/dot.h"
#include "tests/viz-tests.h"

void viz_dot_tcases (Suite *suite);

static char *
label (const char *text, FsimDotText kind)
{
  GString *s = g_string_new ("[");
  fsim_dot_label_append (s, text, kind);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Graphviz reads \N as the node's name and \n, \l as line ends in plain
 * labels; in HTML-like ones & < > " are markup. Names stay literal. */
START_TEST (test_label_escaping)
{
  g_autofree char *plain = label ("a\\N <b> & \"c\"", FSIM_DOT_CENTER);
  ck_assert_str_eq (plain, "[a\\\\N <b> & \"c\"]");
  g_autofree char *html = label ("a\\N <b> & \"c\"", FSIM_DOT_HTML);
  ck_assert_str_eq (html, "[a\\N &lt;b&gt; &amp; &quot;c&quot;]");
  g_autofree char *short_chain = label ("Map -> Filter", FSIM_DOT_CENTER);
  ck_assert_str_eq (short_chain, "[Map -> Filter]");
}
END_TEST

/* A JobVertex is named after its chain, "A -> B -> C"; a line breaks after
 * the " ->" that would make it wider than FSIM_DOT_LABEL_WIDTH (44). */
START_TEST (test_label_wrapping)
{
  const char *chain = "Source: Kafka Source -> Timestamps/Watermarks -> Filter -> Parse (1/4)";
  g_autofree char *centred = label (chain, FSIM_DOT_CENTER);
  /* 45 characters with the second operator, 46 from it to the end */
  ck_assert_str_eq (centred, "[Source: Kafka Source ->\\nTimestamps/Watermarks -> Filter ->"
                    "\\nParse (1/4)]");
  g_autofree char *left = label (chain, FSIM_DOT_LEFT);
  ck_assert_str_eq (left, "[Source: Kafka Source ->\\lTimestamps/Watermarks -> Filter ->"
                    "\\lParse (1/4)]");
  g_autofree char *html = label (chain, FSIM_DOT_HTML);
  ck_assert_str_eq (html, "[Source: Kafka Source -&gt;<BR/>Timestamps/Watermarks -&gt; "
                    "Filter -&gt;<BR/>Parse (1/4)]");
  /* one operator wider than the limit stays whole, on its own line */
  g_autofree char *wide = label ("An operator whose name alone is wider than the limit -> Sink",
                                 FSIM_DOT_CENTER);
  ck_assert_str_eq (wide, "[An operator whose name alone is wider than the limit ->\\nSink]");
}
END_TEST

/* A why (a chain break's reason on a JobGraph edge) breaks between words
 * before a line would pass FSIM_DOT_WHY_WIDTH (56); a word wider than
 * that stays whole on its line; escaping as for names. */
START_TEST (test_label_words)
{
  GString *s = g_string_new (NULL);
  fsim_dot_label_append_words (s, "not chained: Keyed Aggregation has ChainingStrategy HEAD "
                               "(in BATCH a keyed operator heads its chain: "
                               "BatchExecutionUtils.applyBatchExecutionSettings)",
                               FSIM_DOT_CENTER);
  /* 56 characters to HEAD; "(in" would make 60 */
  ck_assert_str_eq (s->str, "not chained: Keyed Aggregation has ChainingStrategy HEAD\\n"
                    "(in BATCH a keyed operator heads its chain:\\n"
                    "BatchExecutionUtils.applyBatchExecutionSettings)");
  g_string_truncate (s, 0);
  fsim_dot_label_append_words (s, "<a> & b", FSIM_DOT_HTML);
  ck_assert_str_eq (s->str, "&lt;a&gt; &amp; b");
  g_string_free (s, TRUE);
}
END_TEST

/* Graphviz prints some mistakes (here a bad HTML-like label) and draws on
 * without them; the wrapper fails instead. DOT text is written as it is. */
START_TEST (test_render_error)
{
  g_autoptr (FsimDot) dot = fsim_dot_new ("Broken", FALSE);
  fsim_dot_html_node (dot, NULL, "n", "<TABLE BORDER=\"0\" BORDER=\"1\"><TR><TD>x</TD></TR></TABLE>");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) svg = fsim_dot_render (dot, FSIM_FORMAT_SVG, &error);
  ck_assert_ptr_null (svg);
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_RENDER));
  g_autoptr (GBytes) text = fsim_dot_render (dot, FSIM_FORMAT_DOT, NULL);
  ck_assert_ptr_nonnull (text);
}
END_TEST

/* Every drawing of every example and plan lays out (SVG) without a word
 * from Graphviz: labels, HTML tables and ports are all well formed. */
static void
lay_out_all (const char *dir, const char *suffix)
{
  static const VizTestView views[] = {
    fsim_viz_stream_graph, fsim_viz_job_graph, fsim_viz_execution_graph, fsim_viz_regions,
    fsim_viz_slot_sharing, fsim_viz_slots,
  };
  g_autoptr (GPtrArray) files = fsim_test_list_sources (dir, suffix);
  ck_assert_uint_gt (files->len, 0);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *rel = g_build_filename (dir, files->pdata[i], NULL);
      g_autoptr (FsimJob) job = fsim_test_load_job (rel);
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        g_free (viz_test_render (views[v], job, FSIM_FORMAT_SVG, NULL));
    }
}

START_TEST (test_examples_lay_out)
{
  lay_out_all ("examples", ".job");
  lay_out_all ("examples/plans", ".json");
}
END_TEST

/* A layout above FSIM_VIZ_MAX_LAYOUT_NODES is refused at once, naming
 * --full (issue 9: a fan-in of 200 JobVertices took 25 s, 600 took 47 s
 * in a plan); its DOT text is still written, and fsim_viz_layout_dot (what
 * --full runs) lays that text out, the same way every time. */
START_TEST (test_layout_bound)
{
  GString *text = g_string_new ("set pipeline.operator-chaining.enabled = false\n");
  for (int i = 0; i < 200; i++)
    g_string_append_printf (text, "s%d = env.fromSequence(1, 10).map(\"M%d\")\n", i, i);
  g_string_append (text, "u = s0.union(s1");
  for (int i = 2; i < 200; i++)
    g_string_append_printf (text, ", s%d", i);
  g_string_append (text, ")\nu.print()\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_parse (text->str, "fan.job", &error);
  g_string_free (text, TRUE);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "");
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GBytes) svg = fsim_viz_job_graph (job, FSIM_FORMAT_SVG, &error);
  ck_assert_ptr_null (svg);
  ck_assert_int_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC);
  ck_assert (g_error_matches (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_TOO_LARGE));
  ck_assert_str_eq (error->message,
                    "the drawing has 802 nodes and 400 edges, more than flinksim lays out "
                    "unasked (500 nodes, 1500 edges): Graphviz would take minutes; add --full "
                    "to lay it out anyway, or use --format dot (no layout) or text");
  g_autoptr (GBytes) dot = fsim_viz_job_graph (job, FSIM_FORMAT_DOT, NULL);
  ck_assert_ptr_nonnull (dot);

  g_autoptr (FsimJob) small = fsim_test_load_job ("examples/bounded-sequence.job");
  g_autoptr (GBytes) small_dot = fsim_viz_job_graph (small, FSIM_FORMAT_DOT, NULL);
  g_autoptr (GBytes) a = fsim_viz_layout_dot (small_dot, FSIM_FORMAT_SVG, NULL);
  g_autoptr (GBytes) b = fsim_viz_layout_dot (small_dot, FSIM_FORMAT_SVG, NULL);
  ck_assert_ptr_nonnull (a);
  ck_assert (g_bytes_equal (a, b));
  ck_assert (g_strstr_len (g_bytes_get_data (a, NULL), (gssize) g_bytes_get_size (a),
                           "<svg") != NULL);
  g_autoptr (GError) format = NULL;
  ck_assert_ptr_null (fsim_viz_layout_dot (small_dot, FSIM_FORMAT_TEXT, &format));
  ck_assert (g_error_matches (format, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT));
}
END_TEST

void
viz_dot_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("DotWrapper");
  tcase_add_test (tc, test_label_escaping);
  tcase_add_test (tc, test_label_wrapping);
  tcase_add_test (tc, test_label_words);
  tcase_add_test (tc, test_render_error);
  tcase_add_test (tc, test_examples_lay_out);
  tcase_add_test (tc, test_layout_bound);
  suite_add_tcase (suite, tc);
}
